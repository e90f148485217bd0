/* Guest test, RV64F: single-precision arithmetic, rounding modes, NaNs, conversions, flags. */
#include "asm_test.h"

#define ONE      0x3f800000
#define TWO      0x40000000
#define THREE    0x40400000
#define HALF     0x3f000000
#define M_ONE    0xbf800000
#define QNAN     0x7fc00000
#define SNAN     0x7f800001
#define INF      0x7f800000
#define M_INF    0xff800000
#define FLT_MAX  0x7f7fffff
#define FLT_MIN  0x00800000
#define EPS_HALF 0x33800000 /* 2^-24: half an ulp of 1.0 */

    .text
    .globl test_main
test_main:
    fsflags zero
    LOAD_S fs0, ONE
    LOAD_S fs1, THREE
    fdiv.s fs2, fs0, fs1
    CHECK_S div_1_3, fs2, 0x3eaaaaab
    CHECK_FLAGS div_1_3_flags, 0x01
    fdiv.s fs2, fs0, fs1, rup
    CHECK_S div_1_3_rup, fs2, 0x3eaaaaab
    fdiv.s fs2, fs0, fs1, rdn
    CHECK_S div_1_3_rdn, fs2, 0x3eaaaaaa
    CHECK_FLAGS div_flags_accrue, 0x01
    /* a tie: 1 + 2^-24 in every rounding mode */
    LOAD_S fs3, EPS_HALF
    fadd.s fs2, fs0, fs3, rne
    CHECK_S tie_rne, fs2, 0x3f800000
    fadd.s fs2, fs0, fs3, rmm
    CHECK_S tie_rmm, fs2, 0x3f800001
    fadd.s fs2, fs0, fs3, rtz
    CHECK_S tie_rtz, fs2, 0x3f800000
    fadd.s fs2, fs0, fs3, rup
    CHECK_S tie_rup, fs2, 0x3f800001
    fadd.s fs2, fs0, fs3, rdn
    CHECK_S tie_rdn, fs2, 0x3f800000
    CHECK_FLAGS tie_flags, 0x01
    /* dynamic rounding follows frm */
    fsrmi 3
    fadd.s fs2, fs0, fs3
    CHECK_S dyn_rup, fs2, 0x3f800001
    fsrmi 0
    fadd.s fs2, fs0, fs3
    CHECK_S dyn_rne, fs2, 0x3f800000
    CHECK_FLAGS dyn_flags, 0x01
    /* exceptional results */
    fmv.w.x fs4, zero
    fdiv.s fs2, fs0, fs4
    CHECK_S div_by_zero, fs2, INF
    CHECK_FLAGS div_by_zero_flags, 0x08
    LOAD_S fs5, M_ONE
    fsqrt.s fs2, fs5
    CHECK_S sqrt_negative_canonical_nan, fs2, QNAN
    CHECK_FLAGS sqrt_negative_flags, 0x10
    LOAD_S fs5, TWO
    fsqrt.s fs2, fs5
    CHECK_S sqrt_2, fs2, 0x3fb504f3
    CHECK_FLAGS sqrt_2_flags, 0x01
    LOAD_S fs6, FLT_MAX
    fmul.s fs2, fs6, fs5
    CHECK_S overflow_rne, fs2, INF
    CHECK_FLAGS overflow_flags, 0x05
    fmul.s fs2, fs6, fs5, rtz
    CHECK_S overflow_rtz_is_max, fs2, FLT_MAX
    CHECK_FLAGS overflow_rtz_flags, 0x05
    LOAD_S fs7, FLT_MIN
    LOAD_S fs8, HALF
    fmul.s fs2, fs7, fs8
    CHECK_S exact_subnormal, fs2, 0x00400000
    CHECK_FLAGS exact_subnormal_no_underflow, 0x00
    fdiv.s fs2, fs7, fs1
    CHECK_FLAGS inexact_tiny_underflows, 0x03
    /* NaN inputs give the canonical NaN; signalling ones raise NV */
    LOAD_S fs9, 0x7fc12345
    fadd.s fs2, fs9, fs0
    CHECK_S nan_payload_dropped, fs2, QNAN
    CHECK_FLAGS quiet_nan_add_no_flags, 0x00
    LOAD_S fs10, SNAN
    fadd.s fs2, fs10, fs0
    CHECK_S snan_add, fs2, QNAN
    CHECK_FLAGS snan_add_flags, 0x10
    /* fmin/fmax: -0 < +0, a single NaN is ignored */
    LOAD_S fs5, 0x80000000
    fmv.w.x fs4, zero
    fmin.s fs2, fs5, fs4
    CHECK_S fmin_m0_p0, fs2, 0x80000000
    fmin.s fs2, fs4, fs5
    CHECK_S fmin_p0_m0, fs2, 0x80000000
    fmax.s fs2, fs5, fs4
    CHECK_S fmax_m0_p0, fs2, 0x00000000
    fmin.s fs2, fs9, fs0
    CHECK_S fmin_qnan_1, fs2, ONE
    CHECK_FLAGS fmin_qnan_flags, 0x00
    fmax.s fs2, fs0, fs10
    CHECK_S fmax_1_snan, fs2, ONE
    CHECK_FLAGS fmax_snan_flags, 0x10
    fmax.s fs2, fs9, fs9
    CHECK_S fmax_nan_nan, fs2, QNAN
    /* conversions to integers saturate; NaN converts to the maximum */
    fcvt.w.s s2, fs9, rtz
    CHECK fcvt_w_nan, s2, 0x7fffffff
    CHECK_FLAGS fcvt_w_nan_flags, 0x10
    LOAD_S fs5, M_INF
    fcvt.w.s s2, fs5, rtz
    CHECK fcvt_w_minus_inf, s2, 0xffffffff80000000
    LOAD_S fs5, 0x60ad78ec /* 1e20 */
    fcvt.l.s s2, fs5, rtz
    CHECK fcvt_l_1e20, s2, 0x7fffffffffffffff
    fcvt.lu.s s2, fs9, rtz
    CHECK fcvt_lu_nan, s2, 0xffffffffffffffff
    fcvt.wu.s s2, fs9, rtz
    CHECK fcvt_wu_nan_sign_extended, s2, 0xffffffffffffffff
    LOAD_S fs5, M_ONE
    fcvt.wu.s s2, fs5, rtz
    CHECK fcvt_wu_minus_one, s2, 0
    CHECK_FLAGS saturation_flags, 0x10
    LOAD_S fs5, 0x40200000 /* 2.5 */
    fcvt.w.s s2, fs5, rmm
    CHECK fcvt_2_5_rmm, s2, 3
    fcvt.w.s s2, fs5, rne
    CHECK fcvt_2_5_rne, s2, 2
    fcvt.w.s s2, fs5, rup
    CHECK fcvt_2_5_rup, s2, 3
    fneg.s fs5, fs5
    fcvt.w.s s2, fs5, rmm
    CHECK fcvt_m2_5_rmm, s2, -3
    fcvt.w.s s2, fs5, rdn
    CHECK fcvt_m2_5_rdn, s2, -3
    fcvt.w.s s2, fs5, rtz
    CHECK fcvt_m2_5_rtz, s2, -2
    CHECK_FLAGS fcvt_inexact_flags, 0x01
    /* integers to single */
    li t1, 16777217
    fcvt.s.w fs2, t1
    CHECK_S fcvt_s_w_rounds, fs2, 0x4b800000
    li t1, 16777217
    fcvt.s.w fs2, t1, rup
    CHECK_S fcvt_s_w_rup, fs2, 0x4b800001
    li t1, -1
    fcvt.s.lu fs2, t1
    CHECK_S fcvt_s_lu_max, fs2, 0x5f800000
    li t1, -1
    fcvt.s.l fs2, t1
    CHECK_S fcvt_s_l_m1, fs2, M_ONE
    li t1, -1
    fcvt.s.wu fs2, t1
    CHECK_S fcvt_s_wu_max, fs2, 0x4f800000
    CHECK_FLAGS fcvt_s_flags, 0x01
    /* fused multiply-add is exact before rounding */
    LOAD_S fs5, 0x3f800001
    LOAD_S fs6, 0x3f7ffffe
    LOAD_S fs7, M_ONE
    fmadd.s fs2, fs5, fs6, fs7
    CHECK_S fmadd_exact, fs2, 0xa8800000
    CHECK_FLAGS fmadd_exact_flags, 0x00
    LOAD_S fs5, TWO
    LOAD_S fs6, THREE
    fmsub.s fs2, fs5, fs6, fs0
    CHECK_S fmsub, fs2, 0x40a00000
    fnmsub.s fs2, fs5, fs6, fs0
    CHECK_S fnmsub, fs2, 0xc0a00000
    fnmadd.s fs2, fs5, fs6, fs0
    CHECK_S fnmadd, fs2, 0xc0e00000
    LOAD_S fs5, INF
    fmv.w.x fs4, zero
    fmadd.s fs2, fs5, fs4, fs9
    CHECK_S fmadd_inf_times_zero_plus_qnan, fs2, QNAN
    CHECK_FLAGS fmadd_inf_zero_qnan_flags, 0x10
    /* sign injection */
    fsgnj.s fs2, fs0, fs7
    CHECK_S fsgnj, fs2, M_ONE
    fsgnjn.s fs2, fs0, fs0
    CHECK_S fsgnjn, fs2, M_ONE
    fsgnjx.s fs2, fs7, fs7
    CHECK_S fsgnjx, fs2, ONE
    fabs.s fs2, fs7
    CHECK_S fabs, fs2, ONE
    /* compares: quiet NaN is unordered; flt/fle signal on it, feq does not */
    feq.s s2, fs9, fs9
    CHECK feq_qnan, s2, 0
    CHECK_FLAGS feq_qnan_flags, 0x00
    flt.s s2, fs9, fs0
    CHECK flt_qnan, s2, 0
    CHECK_FLAGS flt_qnan_flags, 0x10
    feq.s s2, fs10, fs0
    CHECK_FLAGS feq_snan_flags, 0x10
    LOAD_S fs5, 0x80000000
    fmv.w.x fs4, zero
    feq.s s2, fs5, fs4
    CHECK feq_m0_p0, s2, 1
    fle.s s2, fs0, fs0
    CHECK fle_equal, s2, 1
    flt.s s2, fs7, fs0
    CHECK flt, s2, 1
    /* fclass */
    LOAD_S fs5, M_INF
    fclass.s s2, fs5
    CHECK fclass_minus_inf, s2, 0x001
    fclass.s s2, fs7
    CHECK fclass_minus_normal, s2, 0x002
    LOAD_S fs5, 0x80000001
    fclass.s s2, fs5
    CHECK fclass_minus_subnormal, s2, 0x004
    LOAD_S fs5, 0x80000000
    fclass.s s2, fs5
    CHECK fclass_minus_zero, s2, 0x008
    fclass.s s2, fs4
    CHECK fclass_plus_zero, s2, 0x010
    LOAD_S fs5, 0x00000001
    fclass.s s2, fs5
    CHECK fclass_plus_subnormal, s2, 0x020
    fclass.s s2, fs0
    CHECK fclass_plus_normal, s2, 0x040
    LOAD_S fs5, INF
    fclass.s s2, fs5
    CHECK fclass_plus_inf, s2, 0x080
    fclass.s s2, fs10
    CHECK fclass_snan, s2, 0x100
    fclass.s s2, fs9
    CHECK fclass_qnan, s2, 0x200
    /* fmv.x.w sign-extends; flw/fsw move bits unchanged (even NaNs) */
    LOAD_S fs5, 0x80000001
    fmv.x.w s2, fs5
    CHECK fmv_x_w_sign_extends, s2, 0xffffffff80000001
    lla s3, fdata
    flw fs5, 0(s3)
    fsw fs5, 4(s3)
    lwu s2, 4(s3)
    CHECK flw_fsw_snan_bits, s2, 0x7f812345
    CHECK_FLAGS moves_raise_nothing, 0x00
    TEST_END

    .data
    .balign 8
fdata: .word 0x7f812345, 0
