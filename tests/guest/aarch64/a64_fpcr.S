/* Guest test, A64 FPCR.FZ and FPCR.DN: flushed inputs (IDC) and tiny results (UFC, no IXC) in scalar and vector ops, conversions and compares; default NaNs; both read back; half-precision conversions under each mode. */
#include "asm_test.h"

#define FZ 0x1000000
#define DN 0x2000000
#define MIN_NORMAL_S 0x00800000
#define DENORM_S 0x00000001
#define ONE_S 0x3f800000
#define HALF_S 0x3f000000
#define ONE_D 0x3ff0000000000000
#define MIN_NORMAL_D 0x0010000000000000
#define DENORM_D 0x0000000000000001
#define QNAN_S 0x7fc00123
#define SNAN_S 0x7f800123
#define QNAN_D 0x7ff8000000000123

    .text
    .globl test_main
test_main:
    msr fpsr, xzr
    mov x19, #FZ
    msr fpcr, x19
    mrs x0, fpcr
    CHECK fz_reads_back, x0, FZ

    /* a result tiny before rounding becomes +-0 with UFC alone, even when exact */
    LOAD_D 1, MIN_NORMAL_S
    LOAD_D 2, HALF_S
    fmul s0, s1, s2
    CHECK_VLO fz_exact_tiny_product, 0, 0
    CHECK_FPSR fz_exact_tiny_product_ufc, 0x08
    LOAD_D 3, 0x3f7ffffe
    LOAD_D 4, 0x00800001
    fmul s0, s3, s4
    CHECK_VLO fz_rounds_to_min_normal, 0, 0
    CHECK_FPSR fz_rounds_to_min_normal_ufc, 0x08
    fneg s5, s3
    fmul s0, s5, s4
    CHECK_VLO fz_negative_tiny, 0, 0x80000000
    CHECK_FPSR fz_negative_tiny_ufc, 0x08
    LOAD_D 6, 0x00800001
    fsub s0, s6, s1
    CHECK_VLO fz_tiny_difference, 0, 0
    CHECK_FPSR fz_tiny_difference_ufc, 0x08
    LOAD_D 7, 0x1e3c000000000000
    fmul d0, d7, d7
    CHECK_VLO fz_double_underflow, 0, 0
    CHECK_FPSR fz_double_underflow_ufc, 0x08
    LOAD_D 8, MIN_NORMAL_D
    fmul d0, d8, d8
    CHECK_VLO fz_double_tiny, 0, 0
    CHECK_FPSR fz_double_tiny_ufc, 0x08
    fdiv s0, s1, s3
    CHECK_VLO fz_div_not_tiny, 0, 0x00800001
    CHECK_FPSR fz_div_not_tiny_ixc, 0x10
    fmul s0, s1, s3
    CHECK_VLO fz_mul_rounds_tiny, 0, 0
    CHECK_FPSR fz_mul_rounds_tiny_ufc, 0x08

    /* a denormal input counts as a zero of its sign and raises IDC */
    LOAD_D 9, DENORM_S
    LOAD_D 10, ONE_S
    fadd s0, s9, s10
    CHECK_VLO fz_denormal_addend, 0, ONE_S
    CHECK_FPSR fz_denormal_addend_idc, 0x80
    fneg s11, s9
    fmul s0, s11, s10
    CHECK_VLO fz_denormal_times_one, 0, 0x80000000
    CHECK_FPSR fz_denormal_times_one_idc, 0x80
    fdiv s0, s10, s9
    CHECK_VLO fz_divide_by_denormal, 0, 0x7f800000
    CHECK_FPSR fz_divide_by_denormal_dzc, 0x82
    fsqrt s0, s9
    CHECK_VLO fz_sqrt_denormal, 0, 0
    CHECK_FPSR fz_sqrt_denormal_idc, 0x80
    fmadd s0, s10, s10, s9
    CHECK_VLO fz_fmadd_denormal_addend, 0, ONE_S
    CHECK_FPSR fz_fmadd_denormal_addend_idc, 0x80
    fmin s0, s9, s11
    CHECK_VLO fz_fmin_zeros, 0, 0x80000000
    fmaxnm s0, s11, s9
    CHECK_VLO fz_fmaxnm_zeros, 0, 0
    CHECK_FPSR fz_minmax_idc, 0x80
    fcmp s9, #0.0
    CHECK_NZCV fz_fcmp_equal, 0x6
    CHECK_FPSR fz_fcmp_idc, 0x80
    fcvtzs w0, s9
    CHECK fz_fcvtzs, x0, 0
    CHECK_FPSR fz_fcvtzs_idc_only, 0x80
    frintx s0, s11
    CHECK_VLO fz_frintx, 0, 0x80000000
    CHECK_FPSR fz_frintx_idc_only, 0x80
    LOAD_D 12, DENORM_D
    fcvt s0, d12
    CHECK_VLO fz_fcvt_denormal_input, 0, 0
    CHECK_FPSR fz_fcvt_denormal_input_idc, 0x80
    LOAD_D 13, 0x3800000000000000
    fcvt s0, d13
    CHECK_VLO fz_fcvt_tiny_result, 0, 0
    CHECK_FPSR fz_fcvt_tiny_result_ufc, 0x08
    fcvt d0, s9
    CHECK_VLO fz_fcvt_widen_denormal, 0, 0
    CHECK_FPSR fz_fcvt_widen_denormal_idc, 0x80
    fabs s0, s11
    CHECK_VLO fz_fabs_untouched, 0, DENORM_S
    fmov s0, s11
    CHECK_VLO fz_fmov_untouched, 0, 0x80000001
    CHECK_FPSR fz_no_flags_for_moves, 0

    /* vectors, lane by lane */
    LOAD_Q 14, 0x3f80000000800000, 0x0000000140000000
    LOAD_Q 15, 0x3f0000003f000000, 0x3f8000003f800000
    fmul v0.4s, v14.4s, v15.4s
    CHECK_VLO fz_vector_mul_lo, 0, 0x3f00000000000000
    CHECK_VHI fz_vector_mul_hi, 0, 0x40000000
    CHECK_FPSR fz_vector_mul_flags, 0x88
    LOAD_Q 16, MIN_NORMAL_D, DENORM_D
    LOAD_Q 17, 0x3fe0000000000000, ONE_D
    fadd v0.2d, v16.2d, v17.2d
    CHECK_VLO fz_vector_add_d_lo, 0, 0x3fe0000000000000
    CHECK_VHI fz_vector_add_d_hi, 0, ONE_D
    CHECK_FPSR fz_vector_add_d_flags, 0x90
    fmul v0.2d, v16.2d, v17.2d
    CHECK_VLO fz_vector_mul_d_lo, 0, 0
    CHECK_VHI fz_vector_mul_d_hi, 0, 0
    CHECK_FPSR fz_vector_mul_d_flags, 0x88

    /* rounding up under FZ still gives +0 for a tiny positive result */
    orr x0, x19, #0x400000
    msr fpcr, x0
    fmul s0, s1, s2
    CHECK_VLO fz_rp_tiny, 0, 0
    CHECK_FPSR fz_rp_tiny_ufc, 0x08
    fadd s0, s10, s9
    CHECK_VLO fz_rp_denormal_input, 0, ONE_S
    CHECK_FPSR fz_rp_denormal_input_idc, 0x80

    /* DN: every NaN result is the default NaN */
    mov x19, #DN
    msr fpcr, x19
    mrs x0, fpcr
    CHECK dn_reads_back, x0, DN
    LOAD_D 20, QNAN_S
    LOAD_D 21, SNAN_S
    fadd s0, s20, s10
    CHECK_VLO dn_qnan_operand, 0, 0x7fc00000
    CHECK_FPSR dn_qnan_no_flags, 0
    fmul s0, s10, s21
    CHECK_VLO dn_snan_operand, 0, 0x7fc00000
    CHECK_FPSR dn_snan_invalid, 0x01
    fmax s0, s20, s10
    CHECK_VLO dn_fmax, 0, 0x7fc00000
    fminnm s0, s21, s10
    CHECK_VLO dn_fminnm_snan, 0, 0x7fc00000
    fmaxnm s0, s20, s10
    CHECK_VLO dn_fmaxnm_number, 0, ONE_S
    CHECK_FPSR dn_minmax_flags, 0x01
    LOAD_D 22, QNAN_D
    fcvt s0, d22
    CHECK_VLO dn_fcvt_narrow, 0, 0x7fc00000
    fcvt d0, s20
    CHECK_VLO dn_fcvt_widen, 0, 0x7ff8000000000000
    fsqrt d0, d22
    CHECK_VLO dn_fsqrt, 0, 0x7ff8000000000000
    fmadd s0, s10, s10, s20
    CHECK_VLO dn_fmadd, 0, 0x7fc00000
    frintn s0, s20
    CHECK_VLO dn_frintn, 0, 0x7fc00000
    LOAD_Q 23, 0x7fc0012340000000, 0x3f8000007f800123
    fadd v0.4s, v23.4s, v15.4s
    CHECK_VLO dn_vector_lo, 0, 0x7fc0000040200000
    CHECK_VHI dn_vector_hi, 0, 0x400000007fc00000
    CHECK_FPSR dn_vector_flags, 0x01
    fabs s0, s20
    CHECK_VLO dn_fabs_untouched, 0, QNAN_S
    fneg s0, s20
    CHECK_VLO dn_fneg_untouched, 0, 0xffc00123

    /* both, then back to the defaults */
    mov x19, #(FZ | DN)
    msr fpcr, x19
    fadd s0, s9, s20
    CHECK_VLO fz_dn_nan, 0, 0x7fc00000
    CHECK_FPSR fz_dn_nan_idc, 0x80
    msr fpcr, xzr
    fmul s0, s1, s2
    CHECK_VLO no_fz_denormal_result, 0, 0x00400000
    CHECK_FPSR no_fz_exact_no_flags, 0
    fadd s0, s20, s10
    CHECK_VLO no_dn_propagates, 0, QNAN_S
    mrs x0, fpcr
    CHECK fpcr_cleared, x0, 0

    /* half precision: FCVT and FCVTL/FCVTN, rounding, overflow, NaNs, denormals */
    LOAD_D 24, 0x3f801001
    fcvt h0, s24
    CHECK_VLO half_from_single, 0, 0x3c01
    CHECK_FPSR half_from_single_ixc, 0x10
    LOAD_D 25, 0x40effe0000000000
    fcvt h0, d25
    CHECK_VLO half_overflow, 0, 0x7c00
    CHECK_FPSR half_overflow_flags, 0x14
    LOAD_D 26, 0x33000001
    fcvt h0, s26
    CHECK_VLO half_denormal_result, 0, 0x0001
    CHECK_FPSR half_denormal_result_flags, 0x18
    LOAD_D 27, 0x7d23
    fcvt s0, h27
    CHECK_VLO half_snan_to_single, 0, 0x7fe46000
    fcvt d0, h27
    CHECK_VLO half_snan_to_double, 0, 0x7ffc8c0000000000
    CHECK_FPSR half_snan_invalid, 0x01
    LOAD_D 28, 0x83ff
    fcvt d0, h28
    CHECK_VLO half_denormal_to_double, 0, 0xbf0ff80000000000
    LOAD_Q 29, 0x7bff3c0000010000, 0xfc007e01bc015640
    fcvtl v0.4s, v29.4h
    CHECK_VLO fcvtl_half_lo, 0, 0x3380000000000000
    CHECK_VHI fcvtl_half_hi, 0, 0x477fe0003f800000
    fcvtl2 v0.4s, v29.8h
    CHECK_VLO fcvtl2_half_lo, 0, 0xbf80200042c80000
    CHECK_VHI fcvtl2_half_hi, 0, 0xff8000007fc02000
    CHECK_FPSR fcvtl_half_flags, 0
    LOAD_Q 30, 0x3f80100147800000, 0x7fc0012333000001
    fcvtn v0.4h, v30.4s
    CHECK_VLO fcvtn_half, 0, 0x7e0000013c017c00
    CHECK_VHI fcvtn_half_upper_zero, 0, 0
    fcvtn2 v0.8h, v30.4s
    CHECK_VLO fcvtn2_half_keeps_low, 0, 0x7e0000013c017c00
    CHECK_VHI fcvtn2_half, 0, 0x7e0000013c017c00
    CHECK_FPSR fcvtn_half_flags, 0x1c
    mov x0, #(FZ | DN | 0xc00000)
    msr fpcr, x0
    LOAD_D 26, 0x33c00000
    fcvt h0, s26
    CHECK_VLO half_fz_keeps_half_denormal, 0, 0x0001
    LOAD_D 31, 0x00000001
    fcvt h0, s31
    CHECK_VLO half_fz_flushes_single_input, 0, 0
    fcvt s0, h27
    CHECK_VLO half_dn, 0, 0x7fc00000
    LOAD_D 24, 0x3f801fff
    fcvt h0, s24
    CHECK_VLO half_rz, 0, 0x3c00
    CHECK_FPSR half_fz_dn_rz_flags, 0x99
    msr fpcr, xzr

    /* FCVTXN: round to odd */
    LOAD_Q 25, 0x3ff0000010000000, 0x3ff0000000000001
    fcvtxn v0.2s, v25.2d
    CHECK_VLO fcvtxn_round_to_odd, 0, 0x3f8000013f800001
    fcvtxn2 v0.4s, v25.2d
    CHECK_VHI fcvtxn2_round_to_odd, 0, 0x3f8000013f800001
    fcvtxn s0, d25
    CHECK_VLO fcvtxn_scalar, 0, 0x3f800001
    CHECK_FPSR fcvtxn_flags, 0x10
    TEST_END
