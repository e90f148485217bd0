/* RISC-V 64 F, D and Zicsr run through the interpreter: results to the bit, fflags,
 * rounding modes, NaN boxing and canonical NaNs. */
#include "test_riscv64_harness.h"

#define BOX(bits) (0xffffffff00000000ull | (uint32_t)(bits))
#define NO_INPUT 0
#define QNAN32 0x7fc00000u
#define SNAN32 0x7f800001u
#define QNAN64 0x7ff8000000000000ull
#define SNAN64 0x7ff0000000000001ull
#define ONE32 0x3f800000u
#define ONE64 0x3ff0000000000000ull
#define UNBOXED_ONE 0x000000003f800000ull /* an f32 1.0 without its NaN box */

enum { RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4, DYN = 7 };
enum { NX = IR_FPF_NX, UF = IR_FPF_UF, OF = IR_FPF_OF, DZ = IR_FPF_DZ, NV = IR_FPF_NV };

/* Instructions with rd = 10, rs1 = 11, rs2 = 12, rs3 = 13 (f or x as the op says). */
#define FP_OP(f7, rm) RVT_ENC_R(f7, 12, 11, rm, 10, RVT_OPFP)
#define FP_UN(f7, sel, rm) RVT_ENC_R(f7, sel, 11, rm, 10, RVT_OPFP)
#define FP_FMA(op, fmt, rm) RVT_ENC_R4(13, fmt, 12, 11, rm, 10, op)
#define FMADD 0x43
#define FMSUB 0x47
#define FNMSUB 0x4b
#define FNMADD 0x4f

typedef struct RvtFpCase {
    const char *what;
    uint32_t insn;
    uint64_t f1, f2, f3; /* fa1, fa2, fa3 raw bits (x: a1 holds f1 for int sources) */
    uint32_t frm;        /* dynamic rounding mode */
    bool int_result;     /* the result is in a0, not fa0 */
    uint64_t expect;
    uint32_t flags;
} RvtFpCase;

static void rvt_check_fp(const RvtFpCase *cases, size_t n)
{
    RvTest t;
    rvt_init(&t);
    for (size_t i = 0; i < n; i++) {
        const RvtFpCase *c = &cases[i];
        t.st.f[10] = 0x5555;
        t.st.x[10] = 0x5555;
        t.st.f[11] = c->f1;
        t.st.x[11] = c->f1;
        t.st.f[12] = c->f2;
        t.st.f[13] = c->f3;
        t.st.hdr.fp_flags = 0;
        t.st.hdr.fp_round = c->frm;
        rvt_exec1(&t, c->insn);
        uint64_t got = c->int_result ? t.st.x[10] : t.st.f[10];
        cr_assert_eq(got, c->expect, "%s: got 0x%llx, expected 0x%llx", c->what,
                     (unsigned long long)got, (unsigned long long)c->expect);
        cr_assert_eq(t.st.hdr.fp_flags, c->flags, "%s: fflags 0x%x, expected 0x%x", c->what,
                     t.st.hdr.fp_flags, c->flags);
    }
    rvt_fini(&t);
}

Test(riscv64_fp, single_arithmetic_and_rounding)
{
    static const RvtFpCase cases[] = {
        {"fadd.s", FP_OP(0x00, RNE), BOX(ONE32), BOX(0x40000000), 0, 0, false, BOX(0x40400000), 0},
        {"fsub.s", FP_OP(0x04, RNE), BOX(ONE32), BOX(0x40000000), 0, 0, false, BOX(0xbf800000), 0},
        {"fmul.s", FP_OP(0x08, RNE), BOX(0x40400000), BOX(0x40000000), 0, 0, false, BOX(0x40c00000),
         0},
        {"fadd.s unboxed input is NaN", FP_OP(0x00, RNE), UNBOXED_ONE, BOX(ONE32), 0, 0, false,
         BOX(QNAN32), 0},
        {"fadd.s sNaN", FP_OP(0x00, RNE), BOX(SNAN32), BOX(ONE32), 0, 0, false, BOX(QNAN32), NV},
        {"fadd.s inf - inf", FP_OP(0x04, RNE), BOX(0x7f800000), BOX(0x7f800000), 0, 0, false,
         BOX(QNAN32), NV},
        /* 1 + 2^-24 is exactly halfway between 1 and the next float. */
        {"tie RNE", FP_OP(0x00, RNE), BOX(ONE32), BOX(0x33800000), 0, 0, false, BOX(ONE32), NX},
        {"tie RMM", FP_OP(0x00, RMM), BOX(ONE32), BOX(0x33800000), 0, 0, false, BOX(0x3f800001),
         NX},
        {"tie RTZ", FP_OP(0x00, RTZ), BOX(ONE32), BOX(0x33800000), 0, 0, false, BOX(ONE32), NX},
        {"tie RDN", FP_OP(0x00, RDN), BOX(ONE32), BOX(0x33800000), 0, 0, false, BOX(ONE32), NX},
        {"tie RUP", FP_OP(0x00, RUP), BOX(ONE32), BOX(0x33800000), 0, 0, false, BOX(0x3f800001),
         NX},
        {"negative tie RMM", FP_OP(0x00, RMM), BOX(0xbf800000), BOX(0xb3800000), 0, 0, false,
         BOX(0xbf800001), NX},
        {"negative tie RDN", FP_OP(0x00, RDN), BOX(0xbf800000), BOX(0xb3800000), 0, 0, false,
         BOX(0xbf800001), NX},
        {"negative tie RUP", FP_OP(0x00, RUP), BOX(0xbf800000), BOX(0xb3800000), 0, 0, false,
         BOX(0xbf800000), NX},
        {"dynamic RMM", FP_OP(0x00, DYN), BOX(ONE32), BOX(0x33800000), 0, RMM, false,
         BOX(0x3f800001), NX},
        {"dynamic RTZ", FP_OP(0x00, DYN), BOX(ONE32), BOX(0x33800000), 0, RTZ, false, BOX(ONE32),
         NX},
        {"x - x is +0 in RNE", FP_OP(0x04, RNE), BOX(ONE32), BOX(ONE32), 0, 0, false, BOX(0), 0},
        {"x - x is -0 in RDN", FP_OP(0x04, RDN), BOX(ONE32), BOX(ONE32), 0, 0, false,
         BOX(0x80000000), 0},
        {"fdiv.s by zero", FP_OP(0x0c, RNE), BOX(ONE32), BOX(0), 0, 0, false, BOX(0x7f800000), DZ},
        {"fdiv.s 0/0", FP_OP(0x0c, RNE), BOX(0), BOX(0), 0, 0, false, BOX(QNAN32), NV},
        {"fmul.s overflow", FP_OP(0x08, RNE), BOX(0x7f000000), BOX(0x40000000), 0, 0, false,
         BOX(0x7f800000), OF | NX},
        {"fmul.s overflow RTZ", FP_OP(0x08, RTZ), BOX(0x7f000000), BOX(0x40000000), 0, 0, false,
         BOX(0x7f7fffff), OF | NX},
        {"fmul.s underflow", FP_OP(0x08, RNE), BOX(0x00800000), BOX(0x3e800000), 0, 0, false,
         BOX(0x00200000), 0},
        {"fmul.s inexact underflow", FP_OP(0x08, RNE), BOX(0x00800001), BOX(0x3e800000), 0, 0,
         false, BOX(0x00200000), UF | NX},
        {"fsqrt.s", FP_UN(0x2c, 0, RNE), BOX(0x40800000), 0, 0, 0, false, BOX(0x40000000), 0},
        {"fsqrt.s -1", FP_UN(0x2c, 0, RNE), BOX(0xbf800000), 0, 0, 0, false, BOX(QNAN32), NV},
        {"fsqrt.s -0", FP_UN(0x2c, 0, RNE), BOX(0x80000000), 0, 0, 0, false, BOX(0x80000000), 0},
    };
    rvt_check_fp(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_fp, fused_multiply_add)
{
    static const RvtFpCase cases[] = {
        {"fmadd.s", FP_FMA(FMADD, 0, RNE), BOX(0x40000000), BOX(0x40400000), BOX(ONE32), 0, false,
         BOX(0x40e00000), 0},
        {"fmsub.s", FP_FMA(FMSUB, 0, RNE), BOX(0x40000000), BOX(0x40400000), BOX(ONE32), 0, false,
         BOX(0x40a00000), 0},
        {"fnmsub.s", FP_FMA(FNMSUB, 0, RNE), BOX(0x40000000), BOX(0x40400000), BOX(ONE32), 0, false,
         BOX(0xc0a00000), 0},
        {"fnmadd.s", FP_FMA(FNMADD, 0, RNE), BOX(0x40000000), BOX(0x40400000), BOX(ONE32), 0, false,
         BOX(0xc0e00000), 0},
        /* -(1*1) - (-1) = +0 in RNE; negating fma(1,1,-1) would give -0. */
        {"fnmadd.s zero sign", FP_FMA(FNMADD, 0, RNE), BOX(ONE32), BOX(ONE32), BOX(0xbf800000), 0,
         false, BOX(0), 0},
        {"fnmsub.s zero sign", FP_FMA(FNMSUB, 0, RNE), BOX(ONE32), BOX(ONE32), BOX(ONE32), 0, false,
         BOX(0), 0},
        /* -(1*1) - 2^-30 rounded up is -1; negating a rounded-up fma would give -(1+ulp). */
        {"fnmadd.s RUP", FP_FMA(FNMADD, 0, RUP), BOX(ONE32), BOX(ONE32), BOX(0x30800000), 0, false,
         BOX(0xbf800000), NX},
        {"fnmadd.s RDN", FP_FMA(FNMADD, 0, RDN), BOX(ONE32), BOX(ONE32), BOX(0x30800000), 0, false,
         BOX(0xbf800001), NX},
        {"fmsub.s RUP", FP_FMA(FMSUB, 0, RUP), BOX(ONE32), BOX(ONE32), BOX(0x30800000), 0, false,
         BOX(ONE32), NX},
        /* The NaN result is the positive canonical NaN even with negated inputs. */
        {"fnmadd.s sNaN", FP_FMA(FNMADD, 0, RNE), BOX(SNAN32), BOX(ONE32), BOX(ONE32), 0, false,
         BOX(QNAN32), NV},
        {"fnmsub.s qNaN", FP_FMA(FNMSUB, 0, RNE), BOX(0xffc00000), BOX(ONE32), BOX(ONE32), 0, false,
         BOX(QNAN32), 0},
        {"fmadd.s inf*0", FP_FMA(FMADD, 0, RNE), BOX(0x7f800000), BOX(0), BOX(ONE32), 0, false,
         BOX(QNAN32), NV},
        {"fmadd.d", FP_FMA(FMADD, 1, RNE), 0x4000000000000000ull, 0x4008000000000000ull, ONE64, 0,
         false, 0x401c000000000000ull, 0},
        {"fnmadd.d zero sign", FP_FMA(FNMADD, 1, RNE), ONE64, ONE64, 0xbff0000000000000ull, 0,
         false, 0, 0},
        {"fnmadd.d sNaN", FP_FMA(FNMADD, 1, RNE), SNAN64, ONE64, ONE64, 0, false, QNAN64, NV},
        {"fmadd.s unboxed", FP_FMA(FMADD, 0, RNE), BOX(ONE32), BOX(ONE32), UNBOXED_ONE, 0, false,
         BOX(QNAN32), 0},
    };
    rvt_check_fp(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_fp, min_max_sign_injection)
{
    static const RvtFpCase cases[] = {
        {"fmin.s -0 +0", FP_OP(0x14, 0), BOX(0), BOX(0x80000000), 0, 0, false, BOX(0x80000000), 0},
        {"fmax.s -0 +0", FP_OP(0x14, 1), BOX(0x80000000), BOX(0), 0, 0, false, BOX(0), 0},
        {"fmin.s qNaN 1", FP_OP(0x14, 0), BOX(QNAN32), BOX(ONE32), 0, 0, false, BOX(ONE32), 0},
        {"fmin.s sNaN 1", FP_OP(0x14, 0), BOX(SNAN32), BOX(ONE32), 0, 0, false, BOX(ONE32), NV},
        {"fmax.s 1 sNaN", FP_OP(0x14, 1), BOX(ONE32), BOX(SNAN32), 0, 0, false, BOX(ONE32), NV},
        {"fmax.s NaN NaN", FP_OP(0x14, 1), BOX(0xffc00001), BOX(QNAN32), 0, 0, false, BOX(QNAN32),
         0},
        {"fmin.s unboxed loses", FP_OP(0x14, 0), UNBOXED_ONE, BOX(0x40000000), 0, 0, false,
         BOX(0x40000000), 0},
        {"fmin.d -0 +0", FP_OP(0x15, 0), 0, 0x8000000000000000ull, 0, 0, false,
         0x8000000000000000ull, 0},
        {"fmax.d sNaN", FP_OP(0x15, 1), SNAN64, ONE64, 0, 0, false, ONE64, NV},
        {"fsgnj.s", FP_OP(0x10, 0), BOX(ONE32), BOX(0x80000000), 0, 0, false, BOX(0xbf800000), 0},
        {"fsgnjn.s", FP_OP(0x10, 1), BOX(ONE32), BOX(ONE32), 0, 0, false, BOX(0xbf800000), 0},
        {"fsgnjx.s", FP_OP(0x10, 2), BOX(0xbf800000), BOX(0xbf800000), 0, 0, false, BOX(ONE32), 0},
        {"fsgnj.s keeps sNaN", FP_OP(0x10, 0), BOX(SNAN32), BOX(SNAN32), 0, 0, false, BOX(SNAN32),
         0},
        {"fsgnj.s unboxed is canonical NaN", FP_OP(0x10, 0), UNBOXED_ONE, BOX(0xbf800000), 0, 0,
         false, BOX(0xffc00000), 0},
        {"fsgnjn.d", FP_OP(0x11, 1), ONE64, ONE64, 0, 0, false, 0xbff0000000000000ull, 0},
        {"fsgnjx.d", FP_OP(0x11, 2), 0xbff0000000000000ull, 0x8000000000000000ull, 0, 0, false,
         ONE64, 0},
    };
    rvt_check_fp(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_fp, compare_and_classify)
{
    static const RvtFpCase cases[] = {
        {"feq.s", FP_OP(0x50, 2), BOX(ONE32), BOX(ONE32), 0, 0, true, 1, 0},
        {"feq.s -0 +0", FP_OP(0x50, 2), BOX(0x80000000), BOX(0), 0, 0, true, 1, 0},
        {"feq.s qNaN is quiet", FP_OP(0x50, 2), BOX(QNAN32), BOX(ONE32), 0, 0, true, 0, 0},
        {"feq.s sNaN", FP_OP(0x50, 2), BOX(SNAN32), BOX(ONE32), 0, 0, true, 0, NV},
        {"flt.s", FP_OP(0x50, 1), BOX(ONE32), BOX(0x40000000), 0, 0, true, 1, 0},
        {"flt.s -0 +0", FP_OP(0x50, 1), BOX(0x80000000), BOX(0), 0, 0, true, 0, 0},
        {"flt.s qNaN signals", FP_OP(0x50, 1), BOX(QNAN32), BOX(ONE32), 0, 0, true, 0, NV},
        {"fle.s", FP_OP(0x50, 0), BOX(ONE32), BOX(ONE32), 0, 0, true, 1, 0},
        {"fle.s qNaN signals", FP_OP(0x50, 0), BOX(ONE32), BOX(QNAN32), 0, 0, true, 0, NV},
        {"feq.s unboxed", FP_OP(0x50, 2), UNBOXED_ONE, UNBOXED_ONE, 0, 0, true, 0, 0},
        {"feq.d", FP_OP(0x51, 2), ONE64, ONE64, 0, 0, true, 1, 0},
        {"flt.d NaN", FP_OP(0x51, 1), QNAN64, ONE64, 0, 0, true, 0, NV},
        {"fle.d", FP_OP(0x51, 0), 0xbff0000000000000ull, ONE64, 0, 0, true, 1, 0},
        {"fclass.s -inf", FP_UN(0x70, 0, 1), BOX(0xff800000), 0, 0, 0, true, 1 << 0, 0},
        {"fclass.s -normal", FP_UN(0x70, 0, 1), BOX(0xbf800000), 0, 0, 0, true, 1 << 1, 0},
        {"fclass.s -subnormal", FP_UN(0x70, 0, 1), BOX(0x80000001), 0, 0, 0, true, 1 << 2, 0},
        {"fclass.s -0", FP_UN(0x70, 0, 1), BOX(0x80000000), 0, 0, 0, true, 1 << 3, 0},
        {"fclass.s +0", FP_UN(0x70, 0, 1), BOX(0), 0, 0, 0, true, 1 << 4, 0},
        {"fclass.s +inf", FP_UN(0x70, 0, 1), BOX(0x7f800000), 0, 0, 0, true, 1 << 7, 0},
        {"fclass.s sNaN", FP_UN(0x70, 0, 1), BOX(SNAN32), 0, 0, 0, true, 1 << 8, 0},
        {"fclass.s qNaN", FP_UN(0x70, 0, 1), BOX(QNAN32), 0, 0, 0, true, 1 << 9, 0},
        {"fclass.s unboxed", FP_UN(0x70, 0, 1), UNBOXED_ONE, 0, 0, 0, true, 1 << 9, 0},
        {"fclass.d +subnormal", FP_UN(0x71, 0, 1), 1, 0, 0, 0, true, 1 << 5, 0},
        {"fclass.d +normal", FP_UN(0x71, 0, 1), ONE64, 0, 0, 0, true, 1 << 6, 0},
        {"fclass.d sNaN", FP_UN(0x71, 0, 1), SNAN64, 0, 0, 0, true, 1 << 8, 0},
    };
    rvt_check_fp(cases, FVP_ARRAY_LEN(cases));
}

#define INT32_MAX_SEXT 0x7fffffffull
#define INT32_MIN_SEXT 0xffffffff80000000ull
#define ALL 0xffffffffffffffffull

Test(riscv64_fp, conversions_to_integer)
{
    static const RvtFpCase cases[] = {
        {"fcvt.w.s 3.5 RNE", FP_UN(0x60, 0, RNE), BOX(0x40600000), 0, 0, 0, true, 4, NX},
        {"fcvt.w.s 2.5 RNE", FP_UN(0x60, 0, RNE), BOX(0x40200000), 0, 0, 0, true, 2, NX},
        {"fcvt.w.s 2.5 RMM", FP_UN(0x60, 0, RMM), BOX(0x40200000), 0, 0, 0, true, 3, NX},
        {"fcvt.w.s -2.5 RMM", FP_UN(0x60, 0, RMM), BOX(0xc0200000), 0, 0, 0, true, (uint64_t)-3,
         NX},
        {"fcvt.w.s -2.5 RTZ", FP_UN(0x60, 0, RTZ), BOX(0xc0200000), 0, 0, 0, true, (uint64_t)-2,
         NX},
        {"fcvt.w.s -2.5 RDN", FP_UN(0x60, 0, RDN), BOX(0xc0200000), 0, 0, 0, true, (uint64_t)-3,
         NX},
        {"fcvt.w.s 2.5 RUP", FP_UN(0x60, 0, RUP), BOX(0x40200000), 0, 0, 0, true, 3, NX},
        {"fcvt.w.s dyn", FP_UN(0x60, 0, DYN), BOX(0x40200000), 0, 0, RUP, true, 3, NX},
        {"fcvt.w.s exact", FP_UN(0x60, 0, RNE), BOX(0xc0400000), 0, 0, 0, true, (uint64_t)-3, 0},
        {"fcvt.w.s too big", FP_UN(0x60, 0, RNE), BOX(0x501502f9), 0, 0, 0, true, INT32_MAX_SEXT,
         NV},
        {"fcvt.w.s too small", FP_UN(0x60, 0, RNE), BOX(0xd01502f9), 0, 0, 0, true, INT32_MIN_SEXT,
         NV},
        {"fcvt.w.s NaN", FP_UN(0x60, 0, RNE), BOX(QNAN32), 0, 0, 0, true, INT32_MAX_SEXT, NV},
        {"fcvt.w.s -inf", FP_UN(0x60, 0, RNE), BOX(0xff800000), 0, 0, 0, true, INT32_MIN_SEXT, NV},
        {"fcvt.w.s unboxed", FP_UN(0x60, 0, RNE), UNBOXED_ONE, 0, 0, 0, true, INT32_MAX_SEXT, NV},
        {"fcvt.wu.s -1", FP_UN(0x60, 1, RNE), BOX(0xbf800000), 0, 0, 0, true, 0, NV},
        {"fcvt.wu.s -0.5 RTZ", FP_UN(0x60, 1, RTZ), BOX(0xbf000000), 0, 0, 0, true, 0, NX},
        {"fcvt.wu.s 4e9 sign-extends", FP_UN(0x60, 1, RNE), BOX(0x4f6e6b28), 0, 0, 0, true,
         0xffffffffee6b2800ull, 0},
        {"fcvt.wu.s NaN", FP_UN(0x60, 1, RNE), BOX(QNAN32), 0, 0, 0, true, ALL, NV},
        {"fcvt.l.s 1e19", FP_UN(0x60, 2, RNE), BOX(0x5f0ac723), 0, 0, 0, true,
         0x7fffffffffffffffull, NV},
        {"fcvt.l.s -2.5 RNE", FP_UN(0x60, 2, RNE), BOX(0xc0200000), 0, 0, 0, true, (uint64_t)-2,
         NX},
        {"fcvt.lu.s 1e19", FP_UN(0x60, 3, RNE), BOX(0x5f0ac723), 0, 0, 0, true,
         0x8ac7230000000000ull, 0},
        {"fcvt.lu.s -inf", FP_UN(0x60, 3, RNE), BOX(0xff800000), 0, 0, 0, true, 0, NV},
        {"fcvt.lu.s NaN", FP_UN(0x60, 3, RNE), BOX(QNAN32), 0, 0, 0, true, ALL, NV},
        {"fcvt.w.d 2^31", FP_UN(0x61, 0, RNE), 0x41e0000000000000ull, 0, 0, 0, true, INT32_MAX_SEXT,
         NV},
        {"fcvt.w.d -2.5 RMM", FP_UN(0x61, 0, RMM), 0xc004000000000000ull, 0, 0, 0, true,
         (uint64_t)-3, NX},
        {"fcvt.wu.d 2^31", FP_UN(0x61, 1, RNE), 0x41e0000000000000ull, 0, 0, 0, true,
         0xffffffff80000000ull, 0},
        {"fcvt.l.d NaN", FP_UN(0x61, 2, RNE), QNAN64, 0, 0, 0, true, 0x7fffffffffffffffull, NV},
        {"fcvt.lu.d 0.5 RUP", FP_UN(0x61, 3, RUP), 0x3fe0000000000000ull, 0, 0, 0, true, 1, NX},
    };
    rvt_check_fp(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_fp, conversions_from_integer_and_between_widths)
{
    static const RvtFpCase cases[] = {
        {"fcvt.s.w -1", FP_UN(0x68, 0, RNE), (uint64_t)-1, 0, 0, 0, false, BOX(0xbf800000), 0},
        {"fcvt.s.w uses the low word", FP_UN(0x68, 0, RNE), 0x100000005ull, 0, 0, 0, false,
         BOX(0x40a00000), 0},
        {"fcvt.s.wu", FP_UN(0x68, 1, RNE), 0xffffffffull, 0, 0, 0, false, BOX(0x4f800000), NX},
        {"fcvt.s.wu RTZ", FP_UN(0x68, 1, RTZ), 0xffffffffull, 0, 0, 0, false, BOX(0x4f7fffff), NX},
        {"fcvt.s.l", FP_UN(0x68, 2, RNE), 0x7fffffffffffffffull, 0, 0, 0, false, BOX(0x5f000000),
         NX},
        {"fcvt.s.lu", FP_UN(0x68, 3, RNE), ALL, 0, 0, 0, false, BOX(0x5f800000), NX},
        {"fcvt.d.w", FP_UN(0x69, 0, RNE), 0xffffffff80000000ull, 0, 0, 0, false,
         0xc1e0000000000000ull, 0},
        {"fcvt.d.wu", FP_UN(0x69, 1, RNE), 0xffffffff80000000ull, 0, 0, 0, false,
         0x41e0000000000000ull, 0},
        {"fcvt.d.l RDN", FP_UN(0x69, 2, RDN), 0x7fffffffffffffffull, 0, 0, 0, false,
         0x43dfffffffffffffull, NX},
        {"fcvt.d.lu", FP_UN(0x69, 3, RNE), ALL, 0, 0, 0, false, 0x43f0000000000000ull, NX},
        {"fcvt.s.d", FP_UN(0x20, 1, RNE), 0x3ff0000000400000ull, 0, 0, 0, false, BOX(ONE32), NX},
        {"fcvt.s.d RUP", FP_UN(0x20, 1, RUP), 0x3ff0000000400000ull, 0, 0, 0, false,
         BOX(0x3f800001), NX},
        {"fcvt.s.d sNaN", FP_UN(0x20, 1, RNE), SNAN64, 0, 0, 0, false, BOX(QNAN32), NV},
        {"fcvt.s.d overflow", FP_UN(0x20, 1, RNE), 0x47f0000000000000ull, 0, 0, 0, false,
         BOX(0x7f800000), OF | NX},
        {"fcvt.d.s", FP_UN(0x21, 0, RNE), BOX(0xbf800000), 0, 0, 0, false, 0xbff0000000000000ull,
         0},
        {"fcvt.d.s qNaN payload dropped", FP_UN(0x21, 0, RNE), BOX(0xffc00123), 0, 0, 0, false,
         QNAN64, 0},
        {"fcvt.d.s unboxed", FP_UN(0x21, 0, RNE), UNBOXED_ONE, 0, 0, 0, false, QNAN64, 0},
        {"fadd.d", FP_OP(0x01, RNE), ONE64, 0x4000000000000000ull, 0, 0, false,
         0x4008000000000000ull, 0},
        {"fdiv.d", FP_OP(0x0d, RNE), ONE64, 0x4008000000000000ull, 0, 0, false,
         0x3fd5555555555555ull, NX},
        {"fdiv.d RUP", FP_OP(0x0d, RUP), ONE64, 0x4008000000000000ull, 0, 0, false,
         0x3fd5555555555556ull, NX},
        {"fsqrt.d", FP_UN(0x2d, 0, RNE), 0x4010000000000000ull, 0, 0, 0, false,
         0x4000000000000000ull, 0},
        /* A boxed f32 read as a double is a quiet NaN, not a box to strip. */
        {"fadd.d reads all 64 bits", FP_OP(0x01, RNE), BOX(0), 0, 0, 0, false, QNAN64, 0},
    };
    rvt_check_fp(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_fp, moves_loads_stores_boxing)
{
    RvTest t;
    rvt_init(&t);
    t.st.f[11] = 0xffffffff80000000ull;
    rvt_exec1(&t, FP_UN(0x70, 0, 0)); /* fmv.x.w a0, fa1 */
    cr_assert_eq(t.st.x[10], 0xffffffff80000000ull);
    t.st.f[11] = 0x123456789abcdef0ull; /* not boxed: fmv.x.w still moves the bits */
    rvt_exec1(&t, FP_UN(0x70, 0, 0));
    cr_assert_eq(t.st.x[10], 0xffffffff9abcdef0ull);
    t.st.x[11] = 0x123456783f800000ull;
    rvt_exec1(&t, FP_UN(0x78, 0, 0)); /* fmv.w.x fa0, a1 */
    cr_assert_eq(t.st.f[10], BOX(ONE32));
    t.st.f[11] = 0x123456789abcdef0ull;
    rvt_exec1(&t, FP_UN(0x71, 0, 0)); /* fmv.x.d */
    cr_assert_eq(t.st.x[10], 0x123456789abcdef0ull);
    t.st.x[11] = 0xfedcba9876543210ull;
    rvt_exec1(&t, FP_UN(0x79, 0, 0)); /* fmv.d.x */
    cr_assert_eq(t.st.f[10], 0xfedcba9876543210ull);

    uint64_t data = 0x1122334455667788ull;
    memcpy(t.mem + RVT_DATA, &data, 8);
    t.st.x[11] = RVT_DATA;
    t.st.f[12] = 0x00000000deadbeefull; /* unboxed: fsw stores the low word anyway */
    t.st.f[13] = 0xcafef00d12345678ull;
    uint32_t prog[] = {
        RVT_ENC_I(0, 11, 2, 10, 0x07),  /* flw fa0, 0(a1) */
        RVT_ENC_I(0, 11, 3, 14, 0x07),  /* fld fa4, 0(a1) */
        RVT_ENC_S(8, 12, 11, 2, 0x27),  /* fsw fa2, 8(a1) */
        RVT_ENC_S(16, 13, 11, 3, 0x27), /* fsd fa3, 16(a1) */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.f[10], BOX(0x55667788));
    cr_assert_eq(t.st.f[14], data);
    uint32_t w;
    uint64_t d;
    memcpy(&w, t.mem + RVT_DATA + 8, 4);
    memcpy(&d, t.mem + RVT_DATA + 16, 8);
    cr_assert_eq(w, 0xdeadbeef);
    cr_assert_eq(d, 0xcafef00d12345678ull);
    rvt_fini(&t);
}

Test(riscv64_fp, reserved_rounding_modes_trap)
{
    RvTest t;
    rvt_init(&t);
    uint32_t bad[] = {FP_OP(0x00, 5),      FP_OP(0x01, 6),    FP_UN(0x60, 0, 5),
                      FP_FMA(FMADD, 0, 6), FP_UN(0x20, 1, 5), FP_UN(0x2c, 0, 6)};
    for (size_t i = 0; i < FVP_ARRAY_LEN(bad); i++) {
        rvt_code32(&t, &bad[i], 1);
        RtExit e = rvt_run(&t);
        cr_assert_eq(e.kind, RT_EXIT_TRAP);
        cr_assert_eq(e.trap_kind, IR_TRAP_ILLEGAL, "0x%x", bad[i]);
    }
    rvt_fini(&t);
}

/* ---- Zicsr ------------------------------------------------------------------------------- */

#define CSRRW(rd, csr, rs1) RVT_ENC_I(csr, rs1, 1, rd, 0x73)
#define CSRRS(rd, csr, rs1) RVT_ENC_I(csr, rs1, 2, rd, 0x73)
#define CSRRC(rd, csr, rs1) RVT_ENC_I(csr, rs1, 3, rd, 0x73)
#define CSRRWI(rd, csr, imm) RVT_ENC_I(csr, imm, 5, rd, 0x73)
#define CSRRSI(rd, csr, imm) RVT_ENC_I(csr, imm, 6, rd, 0x73)
#define CSRRCI(rd, csr, imm) RVT_ENC_I(csr, imm, 7, rd, 0x73)

Test(riscv64_fp, fflags_frm_fcsr)
{
    RvTest t;
    rvt_init(&t);
    t.st.f[11] = BOX(ONE32);
    t.st.f[12] = BOX(0);
    t.st.x[5] = 0xff; /* frm = 7, fflags = 0x1f when written to fcsr */
    uint32_t prog[] = {
        FP_OP(0x0c, RNE),     /* fdiv.s fa0, fa1, fa2: DZ */
        FP_OP(0x00, RNE),     /* fadd.s with an exact result keeps DZ */
        CSRRS(10, 0x001, 0),  /* a0 = fflags */
        CSRRWI(0, 0x002, 4),  /* frm = RMM */
        CSRRS(11, 0x003, 0),  /* a1 = fcsr */
        CSRRCI(12, 0x001, 8), /* a2 = fflags, then clear DZ */
        CSRRS(13, 0x001, 0),  /* a3 = fflags */
        CSRRW(14, 0x003, 5),  /* a4 = fcsr; fcsr = 0xff */
        CSRRS(15, 0x002, 0),  /* a5 = frm */
        CSRRS(16, 0x001, 0),  /* a6 = fflags */
        CSRRWI(0, 0x003, 0),  /* fcsr = 0 */
        CSRRSI(17, 0x001, 3), /* a7 = 0; fflags |= 3 */
        CSRRC(6, 0x001, 0),   /* t1 = fflags (rs1 = x0: no write) */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[10], DZ);
    cr_assert_eq(t.st.x[11], (RMM << 5) | DZ);
    cr_assert_eq(t.st.x[12], DZ);
    cr_assert_eq(t.st.x[13], 0);
    cr_assert_eq(t.st.x[14], RMM << 5);
    cr_assert_eq(t.st.x[15], 7);
    cr_assert_eq(t.st.x[16], 0x1f);
    cr_assert_eq(t.st.x[17], 0);
    cr_assert_eq(t.st.x[6], 3);
    cr_assert_eq(t.st.hdr.fp_flags, 3);
    cr_assert_eq(t.st.hdr.fp_round, 0);
    rvt_fini(&t);
}

Test(riscv64_fp, frm_write_applies_to_the_next_dynamic_op)
{
    RvTest t;
    rvt_init(&t);
    t.st.f[11] = BOX(ONE32);
    t.st.f[12] = BOX(0x33800000);
    uint32_t prog[] = {
        CSRRWI(0, 0x002, RMM),
        FP_OP(0x00, DYN), /* fadd.s fa0, fa1, fa2: the tie goes away from zero */
        CSRRWI(0, 0x002, RNE),
        RVT_ENC_R(0x00, 12, 11, DYN, 13, RVT_OPFP), /* fadd.s fa3: ties to even */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.f[10], BOX(0x3f800001));
    cr_assert_eq(t.st.f[13], BOX(ONE32));
    rvt_fini(&t);
}

Test(riscv64_fp, counters)
{
    RvTest t;
    rvt_init(&t);
    uint32_t prog[] = {CSRRS(10, 0xc00, 0), CSRRS(11, 0xc01, 0), CSRRS(12, 0xc02, 0),
                       CSRRS(13, 0xc01, 0), RVT_EBREAK};
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    t.st.x[10] = t.st.x[11] = t.st.x[13] = 0;
    rvt_run_to_ebreak(&t);
    cr_assert_neq(t.st.x[10], 0);
    cr_assert_neq(t.st.x[11], 0);
    cr_assert_geq(t.st.x[13], t.st.x[11]);
    rvt_fini(&t);
}
