/* Guest test, A64 scalar FP: arithmetic, fused multiply-add forms, min/max NaN rules, compares into NZCV, fccmp/fcsel, rounding, conversions with saturation, FPCR rounding modes and FPSR flags. */
#include "asm_test.h"

#define ONE_D 0x3ff0000000000000
#define TWO_D 0x4000000000000000
#define QNAN_D 0x7ff8000000000001
#define SNAN_D 0x7ff0000000000001
#define INF_D 0x7ff0000000000000
#define ONE_S 0x3f800000
#define THIRD_S 0x3eaaaaab

    .text
    .globl test_main
test_main:
    msr fpsr, xzr
    LOAD_D 1, ONE_D
    LOAD_D 2, TWO_D
    LOAD_D 3, 0x4008000000000000
    fadd d0, d1, d2
    CHECK_VLO fadd_d, 0, 0x4008000000000000
    fsub d0, d1, d2
    CHECK_VLO fsub_d, 0, 0xbff0000000000000
    fdiv d0, d1, d3
    CHECK_VLO fdiv_d_third, 0, 0x3fd5555555555555
    CHECK_FPSR fdiv_inexact, 0x10
    fmul d0, d3, d3
    CHECK_VLO fmul_d, 0, 0x4022000000000000
    fnmul d0, d3, d2
    CHECK_VLO fnmul_d, 0, 0xc018000000000000
    fsqrt d0, d2
    CHECK_VLO fsqrt_d, 0, 0x3ff6a09e667f3bcd
    fmadd d0, d2, d3, d1
    CHECK_VLO fmadd, 0, 0x401c000000000000
    fmsub d0, d2, d3, d1
    CHECK_VLO fmsub, 0, 0xc014000000000000
    fnmadd d0, d2, d3, d1
    CHECK_VLO fnmadd, 0, 0xc01c000000000000
    fnmsub d0, d2, d3, d1
    CHECK_VLO fnmsub, 0, 0x4014000000000000
    CHECK_FPSR only_fsqrt_inexact, 0x10
    /* single precision writes clear the upper bits */
    LOAD_Q 4, 0xffffffffffffffff, 0xffffffffffffffff
    fmov s5, #1.0
    fadd s4, s5, s5
    CHECK_VLO fadd_s_zeroes_upper, 4, 0x40000000
    CHECK_VHI fadd_s_zeroes_high, 4, 0
    /* NaN propagation: first signalling NaN, quietened */
    LOAD_D 6, QNAN_D
    LOAD_D 7, SNAN_D
    fadd d0, d6, d7
    CHECK_VLO nan_snan_wins, 0, 0x7ff8000000000001
    CHECK_FPSR nan_snan_invalid, 1
    fmul d0, d6, d1
    CHECK_VLO nan_qnan_kept, 0, QNAN_D
    CHECK_FPSR nan_qnan_no_flags, 0
    LOAD_D 8, INF_D
    fsub d0, d8, d8
    CHECK_VLO inf_minus_inf_default_nan, 0, 0x7ff8000000000000
    CHECK_FPSR inf_minus_inf_invalid, 1
    fmov d9, xzr
    fdiv d0, d1, d9
    CHECK_VLO div_by_zero, 0, INF_D
    CHECK_FPSR div_by_zero_flag, 2
    /* min/max */
    fmax d0, d6, d1
    CHECK_VLO fmax_nan, 0, QNAN_D
    fmaxnm d0, d6, d1
    CHECK_VLO fmaxnm_number, 0, ONE_D
    fneg d10, d9
    fmin d0, d9, d10
    CHECK_VLO fmin_signed_zero, 0, 0x8000000000000000
    fmaxnm d0, d10, d9
    CHECK_VLO fmaxnm_signed_zero, 0, 0
    fminnm d0, d7, d1
    CHECK_VLO fminnm_snan, 0, 0x7ff8000000000001
    CHECK_FPSR fminnm_snan_invalid, 1
    /* compares */
    fcmp d1, d2
    CHECK_NZCV fcmp_less, 0x8
    fcmp d2, d1
    CHECK_NZCV fcmp_greater, 0x2
    fcmp d1, d1
    CHECK_NZCV fcmp_equal, 0x6
    fcmp d6, d1
    CHECK_NZCV fcmp_unordered, 0x3
    CHECK_FPSR fcmp_qnan_quiet, 0
    fcmpe d6, d1
    CHECK_FPSR fcmpe_qnan_invalid, 1
    fcmp d9, #0.0
    CHECK_NZCV fcmp_zero, 0x6
    fcmp d1, d2
    fccmp d1, d1, #0x0, mi
    CHECK_NZCV fccmp_taken, 0x6
    fcmp d2, d1
    fccmpe d6, d1, #0x8, mi
    CHECK_NZCV fccmp_not_taken, 0x8
    CHECK_FPSR fccmpe_not_taken_no_flags, 0
    fcmp d1, d2
    fcsel d0, d3, d2, lt
    CHECK_VLO fcsel, 0, 0x4008000000000000
    /* rounding to integral */
    LOAD_D 11, 0x4004000000000000
    frintn d0, d11
    CHECK_VLO frintn_2_5, 0, TWO_D
    frinta d0, d11
    CHECK_VLO frinta_2_5, 0, 0x4008000000000000
    frintp d0, d11
    CHECK_VLO frintp_2_5, 0, 0x4008000000000000
    frintm d0, d11
    CHECK_VLO frintm_2_5, 0, TWO_D
    frintz d0, d11
    CHECK_VLO frintz_2_5, 0, TWO_D
    CHECK_FPSR frint_no_inexact, 0
    frintx d0, d11
    CHECK_FPSR frintx_inexact, 0x10
    /* conversions */
    LOAD_D 12, 0xc004000000000000
    fcvtzs x0, d12
    CHECK fcvtzs_neg, x0, 0xfffffffffffffffe
    fcvtms x0, d12
    CHECK fcvtms_neg, x0, 0xfffffffffffffffd
    fcvtps w0, d12
    CHECK fcvtps_w_neg, x0, 0xfffffffe
    fcvtas x0, d12
    CHECK fcvtas_neg, x0, 0xfffffffffffffffd
    fcvtns x0, d12
    CHECK fcvtns_neg, x0, 0xfffffffffffffffe
    fcvtzu x0, d12
    CHECK fcvtzu_neg_saturates, x0, 0
    /* qemu also raises inexact here; Arm's FPToFixed raises only invalid on overflow */
    CHECK_FPSR fcvtzu_neg_invalid, 0x11
    fcvtzs w0, d6
    CHECK fcvtzs_nan_zero, x0, 0
    fcvtzs w0, d8
    CHECK fcvtzs_w_inf, x0, 0x7fffffff
    fcvtzu x0, d8
    CHECK fcvtzu_inf, x0, 0xffffffffffffffff
    CHECK_FPSR fcvt_invalid_flags, 1
    mov x0, #-7
    scvtf d0, x0
    CHECK_VLO scvtf_d, 0, 0xc01c000000000000
    mov x0, #-7
    ucvtf s0, x0
    CHECK_VLO ucvtf_s_big, 0, 0x5f800000
    CHECK_FPSR ucvtf_inexact, 0x10
    mov w0, #3
    scvtf d0, w0, #1
    CHECK_VLO scvtf_fixed, 0, 0x3ff8000000000000
    fcvtzs w0, d11, #4
    CHECK fcvtzs_fixed, x0, 40
    fcvt s0, d3
    CHECK_VLO fcvt_d_to_s, 0, 0x40400000
    fcvt d0, s5
    CHECK_VLO fcvt_s_to_d, 0, ONE_D
    fmov s0, #-0.125
    CHECK_VLO fmov_s_imm, 0, 0xbe000000
    fmov x0, d3
    CHECK fmov_x_d, x0, 0x4008000000000000
    mov x0, #0x1234
    fmov v0.d[1], x0
    fmov x1, v0.d[1]
    CHECK fmov_top_half, x1, 0x1234
    /* FPCR rounding modes */
    LOAD_D 13, ONE_D
    LOAD_D 14, 0x3ca0000000000000
    mrs x20, fpcr
    mov x0, #(2 << 22)
    msr fpcr, x0
    fadd d0, d13, d14
    CHECK_VLO round_toward_minus, 0, ONE_D
    fsub d0, d9, d13
    fadd d0, d0, d13
    CHECK_VLO rm_zero_sum_negative, 0, 0x8000000000000000
    mov x0, #(1 << 22)
    msr fpcr, x0
    fadd d0, d13, d14
    CHECK_VLO round_toward_plus, 0, 0x3ff0000000000001
    mrs x0, fpcr
    CHECK fpcr_reads_back, x0, 0x400000
    mov x0, #(3 << 22)
    msr fpcr, x0
    fdiv d0, d1, d3
    CHECK_VLO round_toward_zero, 0, 0x3fd5555555555555
    fcvtns x0, d11
    CHECK fcvtns_ignores_fpcr, x0, 2
    frinti d0, d11
    CHECK_VLO frinti_uses_fpcr, 0, TWO_D
    msr fpcr, x20
    CHECK_FPSR rounding_flags, 0x10
    /* FPCR: bits 26:16 read back, the trap enables are RAZ/WI */
    mov x0, #-1
    msr fpcr, x0
    mrs x21, fpcr
    msr fpcr, xzr
    CHECK fpcr_all_ones, x21, 0x07ff0000
    /* FPSR write and read */
    mov x0, #-1
    msr fpsr, x0
    mrs x21, fpsr
    msr fpsr, xzr
    CHECK fpsr_all_ones, x21, 0xf800009f
    mov x0, #0x9f
    msr fpsr, x0
    mrs x0, fpsr
    CHECK fpsr_round_trip, x0, 0x9f
    msr fpsr, xzr
    TEST_END
