/* Guest test, RV64D: double arithmetic, RMM ties, NaN-boxing of singles, conversions, flags. */
#include "asm_test.h"

#define ONE      0x3ff0000000000000
#define TWO      0x4000000000000000
#define THREE    0x4008000000000000
#define HALF     0x3fe0000000000000
#define M_ONE    0xbff0000000000000
#define QNAN     0x7ff8000000000000
#define SNAN     0x7ff0000000000001
#define INF      0x7ff0000000000000
#define M_INF    0xfff0000000000000
#define DBL_MAX  0x7fefffffffffffff
#define DBL_MIN  0x0010000000000000
#define EPS_HALF 0x3ca0000000000000 /* 2^-53: half an ulp of 1.0 */

    .text
    .globl test_main
test_main:
    fsflags zero
    LOAD_D fs0, ONE
    LOAD_D fs1, THREE
    fdiv.d fs2, fs0, fs1
    CHECK_D div_1_3, fs2, 0x3fd5555555555555
    fdiv.d fs2, fs0, fs1, rup
    CHECK_D div_1_3_rup, fs2, 0x3fd5555555555556
    CHECK_FLAGS div_flags, 0x01
    /* RMM rounds a tie away from zero, RNE to even */
    LOAD_D fs3, EPS_HALF
    fadd.d fs2, fs0, fs3, rmm
    CHECK_D tie_rmm, fs2, 0x3ff0000000000001
    fadd.d fs2, fs0, fs3, rne
    CHECK_D tie_rne, fs2, ONE
    fneg.d fs4, fs0
    fsub.d fs2, fs4, fs3, rmm
    CHECK_D negative_tie_rmm, fs2, 0xbff0000000000001
    fsub.d fs2, fs4, fs3, rdn
    CHECK_D negative_tie_rdn, fs2, 0xbff0000000000001
    fsub.d fs2, fs4, fs3, rup
    CHECK_D negative_tie_rup, fs2, M_ONE
    LOAD_D fs5, 0x3ff0000000000001
    fadd.d fs2, fs5, fs3, rne
    CHECK_D odd_tie_rne_rounds_up, fs2, 0x3ff0000000000002
    fadd.d fs2, fs5, fs3, rtz
    CHECK_D odd_tie_rtz, fs2, 0x3ff0000000000001
    CHECK_FLAGS tie_flags, 0x01
    /* sqrt, exceptional results */
    LOAD_D fs5, TWO
    fsqrt.d fs2, fs5
    CHECK_D sqrt_2, fs2, 0x3ff6a09e667f3bcd
    fsqrt.d fs2, fs4
    CHECK_D sqrt_minus_one, fs2, QNAN
    CHECK_FLAGS sqrt_flags, 0x11
    fmv.d.x fs6, zero
    fdiv.d fs2, fs6, fs6
    CHECK_D zero_div_zero, fs2, QNAN
    CHECK_FLAGS zero_div_zero_flags, 0x10
    fdiv.d fs2, fs4, fs6
    CHECK_D minus_one_div_zero, fs2, M_INF
    CHECK_FLAGS div_zero_flags, 0x08
    LOAD_D fs7, DBL_MAX
    fmul.d fs2, fs7, fs5
    CHECK_D overflow, fs2, INF
    fmul.d fs2, fs7, fs5, rtz
    CHECK_D overflow_rtz, fs2, DBL_MAX
    fmul.d fs2, fs7, fs5, rdn
    CHECK_D overflow_rdn, fs2, DBL_MAX
    CHECK_FLAGS overflow_flags, 0x05
    LOAD_D fs8, DBL_MIN
    LOAD_D fs9, HALF
    fmul.d fs2, fs8, fs9
    CHECK_D exact_subnormal, fs2, 0x0008000000000000
    CHECK_FLAGS exact_subnormal_flags, 0x00
    fdiv.d fs2, fs8, fs1
    CHECK_FLAGS tiny_inexact_flags, 0x03
    /* min/max */
    LOAD_D fs10, 0x8000000000000000
    fmin.d fs2, fs6, fs10
    CHECK_D fmin_p0_m0, fs2, 0x8000000000000000
    fmax.d fs2, fs10, fs6
    CHECK_D fmax_m0_p0, fs2, 0
    LOAD_D fs11, SNAN
    fmin.d fs2, fs11, fs5
    CHECK_D fmin_snan_2, fs2, TWO
    CHECK_FLAGS fmin_snan_flags, 0x10
    LOAD_D fs9, 0x7ff8000000000123
    fmin.d fs2, fs9, fs9
    CHECK_D fmin_nan_nan, fs2, QNAN
    CHECK_FLAGS fmin_qnan_flags, 0x00
    /* NaN-boxing: a single must have its upper 32 bits all ones */
    li s2, 0x000000003f800000
    fmv.d.x fs3, s2
    fadd.s fs2, fs3, fs3
    CHECK_D unboxed_single_is_nan, fs2, 0xffffffff7fc00000
    CHECK_FLAGS unboxed_single_flags, 0x00
    li s2, 0xffffffff3f800000
    fmv.d.x fs3, s2
    fadd.s fs2, fs3, fs3
    CHECK_D boxed_single_result, fs2, 0xffffffff40000000
    fmv.x.w s2, fs3
    CHECK fmv_x_w_ignores_box, s2, 0x3f800000
    li s2, 0x40490fdb
    fmv.w.x fs2, s2
    CHECK_D fmv_w_x_boxes, fs2, 0xffffffff40490fdb
    lla s3, ddata
    flw fs2, 0(s3)
    CHECK_D flw_boxes, fs2, 0xffffffff3fc00000
    /* conversions between formats */
    LOAD_D fs2, 0x7e37e43c8800759c /* 1e300 */
    fcvt.s.d fs3, fs2
    CHECK_D fcvt_s_d_overflow, fs3, 0xffffffff7f800000
    CHECK_FLAGS fcvt_s_d_overflow_flags, 0x05
    fcvt.s.d fs3, fs9
    CHECK_D fcvt_s_d_nan_canonical, fs3, 0xffffffff7fc00000
    li s2, 0xffffffff7f800001
    fmv.d.x fs3, s2
    fcvt.d.s fs2, fs3
    CHECK_D fcvt_d_s_snan, fs2, QNAN
    CHECK_FLAGS fcvt_d_s_snan_flags, 0x10
    li s2, 0xffffffff3eaaaaab
    fmv.d.x fs3, s2
    fcvt.d.s fs2, fs3
    CHECK_D fcvt_d_s_exact, fs2, 0x3fd5555560000000
    /* to integers: saturation and NaN */
    fcvt.w.d s2, fs9, rtz
    CHECK fcvt_w_nan, s2, 0x7fffffff
    LOAD_D fs2, 0x41e65a0bc0000000 /* 3e9 */
    fcvt.w.d s2, fs2, rtz
    CHECK fcvt_w_3e9, s2, 0x7fffffff
    fneg.d fs2, fs2
    fcvt.w.d s2, fs2, rtz
    CHECK fcvt_w_minus_3e9, s2, 0xffffffff80000000
    LOAD_D fs2, M_INF
    fcvt.l.d s2, fs2, rtz
    CHECK fcvt_l_minus_inf, s2, 0x8000000000000000
    LOAD_D fs2, 0x43f0000000000000 /* 2^64 */
    fcvt.lu.d s2, fs2, rtz
    CHECK fcvt_lu_2_64, s2, 0xffffffffffffffff
    fcvt.wu.d s2, fs4, rtz
    CHECK fcvt_wu_minus_one, s2, 0
    CHECK_FLAGS fcvt_saturation_flags, 0x10
    LOAD_D fs2, 0xbfe0000000000000 /* -0.5 */
    fcvt.lu.d s2, fs2, rtz
    CHECK fcvt_lu_minus_half_rtz, s2, 0
    CHECK_FLAGS fcvt_lu_minus_half_flags, 0x01
    LOAD_D fs2, 0x41efffffffe00000 /* 4294967295.0 */
    fcvt.wu.d s2, fs2, rtz
    CHECK fcvt_wu_max_sign_extended, s2, 0xffffffffffffffff
    CHECK_FLAGS fcvt_wu_max_flags, 0x00
    LOAD_D fs2, 0x4004000000000000 /* 2.5 */
    fcvt.l.d s2, fs2, rmm
    CHECK fcvt_l_2_5_rmm, s2, 3
    fcvt.l.d s2, fs2, rne
    CHECK fcvt_l_2_5_rne, s2, 2
    fcvt.l.d s2, fs2, rdn
    CHECK fcvt_l_2_5_rdn, s2, 2
    LOAD_D fs2, 0xc00c000000000000 /* -3.5 */
    fcvt.l.d s2, fs2, rmm
    CHECK fcvt_l_m3_5_rmm, s2, -4
    fcvt.l.d s2, fs2, rne
    CHECK fcvt_l_m3_5_rne, s2, -4
    fcvt.l.d s2, fs2, rup
    CHECK fcvt_l_m3_5_rup, s2, -3
    CHECK_FLAGS fcvt_l_flags, 0x01
    /* from integers */
    li s2, 0x7fffffffffffffff
    fcvt.d.l fs2, s2
    CHECK_D fcvt_d_l_max, fs2, 0x43e0000000000000
    fcvt.d.l fs2, s2, rtz
    CHECK_D fcvt_d_l_max_rtz, fs2, 0x43dfffffffffffff
    li s2, -1
    fcvt.d.lu fs2, s2
    CHECK_D fcvt_d_lu_max, fs2, 0x43f0000000000000
    CHECK_FLAGS fcvt_d_l_flags, 0x01
    li s2, -1
    fcvt.d.w fs2, s2
    CHECK_D fcvt_d_w_m1, fs2, M_ONE
    fcvt.d.wu fs2, s2
    CHECK_D fcvt_d_wu_max, fs2, 0x41efffffffe00000
    CHECK_FLAGS fcvt_d_w_exact, 0x00
    /* fused multiply-add */
    LOAD_D fs2, 0x3ff0000000000001
    LOAD_D fs3, 0x3feffffffffffffe
    fmadd.d fs10, fs2, fs3, fs4
    CHECK_D fmadd_exact, fs10, 0xb970000000000000
    CHECK_FLAGS fmadd_exact_flags, 0x00
    fmsub.d fs10, fs5, fs1, fs0
    CHECK_D fmsub, fs10, 0x4014000000000000
    fnmsub.d fs10, fs5, fs1, fs0
    CHECK_D fnmsub, fs10, 0xc014000000000000
    fnmadd.d fs10, fs5, fs1, fs0
    CHECK_D fnmadd, fs10, 0xc01c000000000000
    /* compares and class */
    flt.d s2, fs4, fs0
    CHECK flt, s2, 1
    fle.d s2, fs9, fs9
    CHECK fle_nan, s2, 0
    CHECK_FLAGS fle_nan_flags, 0x10
    feq.d s2, fs11, fs11
    CHECK feq_snan, s2, 0
    CHECK_FLAGS feq_snan_flags, 0x10
    fclass.d s2, fs11
    CHECK fclass_snan, s2, 0x100
    fclass.d s2, fs8
    CHECK fclass_normal, s2, 0x040
    LOAD_D fs2, 0x800fffffffffffff
    fclass.d s2, fs2
    CHECK fclass_minus_subnormal, s2, 0x004
    fsgnjx.d fs2, fs4, fs4
    CHECK_D fsgnjx, fs2, ONE
    fsgnjn.d fs2, fs9, fs0
    CHECK_D fsgnjn_keeps_nan_payload, fs2, 0xfff8000000000123
    /* fld/fsd move bits unchanged */
    fld fs2, 8(s3)
    fsd fs2, 16(s3)
    ld s2, 16(s3)
    CHECK fld_fsd_snan_bits, s2, 0x7ff0000000000abc
    CHECK_FLAGS moves_raise_nothing, 0x00
    TEST_END

    .data
    .balign 8
ddata: .word 0x3fc00000, 0
       .dword 0x7ff0000000000abc
       .dword 0
