/* runtime/fp.c in the x86 modes against the host's own SSE unit: random operands, every
 * rounding mode, results and flags (incl. DE) bit for bit. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "common/common.h"
#include "runtime/fp.h"

typedef struct TRng {
    uint64_t s;
} TRng;

static uint64_t t_rng_next(TRng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545f4914f6cdd1dull;
}

/* An f64 biased to edge cases: subnormals, near overflow, infinities, NaNs (signalling and
 * quiet), few or many significand bits, exponents close together. */
static uint64_t t_random_f64(TRng *r, int near_exp)
{
    uint64_t x = t_rng_next(r), y = t_rng_next(r), exp, frac;
    switch (x % 8) {
    case 0: exp = (x >> 8) % 3; break;
    case 1: exp = 2046 - (x >> 8) % 3; break;
    case 2: exp = 2047; break;
    case 3: exp = 1023 + (x >> 8) % 7 - 3; break;
    default: exp = (uint64_t)(near_exp + (int)((x >> 8) % 81) - 40); break;
    }
    switch (y % 4) {
    case 0: frac = y >> 12; break;
    case 1: frac = (1ull << ((y >> 8) % 52)) | ((y >> 16) & 1); break;
    case 2: frac = ((1ull << 52) - 1) ^ ((y >> 8) % 4); break;
    default: frac = 0; break;
    }
    if (exp == 2047 && (y >> 20) % 2)
        frac = 0; /* infinity half the time, else a NaN */
    if (exp == 2047 && frac == 0 && (y >> 21) % 2)
        frac = 1;
    return (x >> 63) << 63 | exp << 52 | frac;
}

/* Runs one SSE instruction under MXCSR rounding field rc with clear flags. */
#define T_SSE(rc, flags_out, asm_text, ...)                                                        \
    do {                                                                                           \
        uint32_t saved_, mine_ = 0x1f80u | (rc) << 13, after_;                                     \
        __asm__ volatile("stmxcsr %0" : "=m"(saved_));                                             \
        __asm__ volatile("ldmxcsr %0" ::"m"(mine_));                                               \
        __asm__ volatile(asm_text : __VA_ARGS__);                                                  \
        __asm__ volatile("stmxcsr %0" : "=m"(after_));                                             \
        __asm__ volatile("ldmxcsr %0" ::"m"(saved_));                                              \
        (flags_out) = fp_mxcsr_flags(after_);                                                      \
    } while (0)

static double t_d(uint64_t b)
{
    double d;
    memcpy(&d, &b, 8);
    return d;
}

static uint64_t t_b(double d)
{
    uint64_t b;
    memcpy(&b, &d, 8);
    return b;
}

#define T_EXPECT(name, want, want_flags, got, got_flags)                                           \
    cr_assert((want) == (got) && (want_flags) == (got_flags),                                      \
              "%s rm %u: a 0x%llx b 0x%llx c 0x%llx: sse 0x%llx/0x%x fvp 0x%llx/0x%x", name, rm, \
              (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,                 \
              (unsigned long long)(want), (want_flags), (unsigned long long)(got), (got_flags))

Test(interp_fpx86, sse_semantics)
{
    static const unsigned rm_of_rc[4] = {IR_RM_RNE, IR_RM_RDN, IR_RM_RUP, IR_RM_RTZ};
    const unsigned X = IR_NAN_X86;
    bool has_fma = __builtin_cpu_supports("fma");
    TRng rng = {0x853c49e6748fea9bull};
    for (unsigned iter = 0; iter < 6000; iter++) {
        int near = 1 + (int)(t_rng_next(&rng) % 2000);
        uint64_t a = t_random_f64(&rng, near), b = t_random_f64(&rng, near);
        uint64_t c = t_random_f64(&rng, near);
        for (unsigned rc = 0; rc < 4; rc++) {
            unsigned rm = rm_of_rc[rc];
            uint32_t hf, ff;
            double r;
            uint64_t got;
            static const struct {
                const char *name;
                IROp op;
            } bins[] = {{"addsd", IR_FADD}, {"subsd", IR_FSUB}, {"mulsd", IR_FMUL},
                        {"divsd", IR_FDIV}};
            for (unsigned k = 0; k < 4; k++) {
                r = t_d(a);
                switch (k) {
                case 0: T_SSE(rc, hf, "addsd %1, %0", "+x"(r) : "x"(t_d(b))); break;
                case 1: T_SSE(rc, hf, "subsd %1, %0", "+x"(r) : "x"(t_d(b))); break;
                case 2: T_SSE(rc, hf, "mulsd %1, %0", "+x"(r) : "x"(t_d(b))); break;
                default: T_SSE(rc, hf, "divsd %1, %0", "+x"(r) : "x"(t_d(b))); break;
                }
                ff = 0;
                got = fp_arith(bins[k].op, IR_F64, rm, X, a, b, 0, &ff);
                T_EXPECT(bins[k].name, t_b(r), hf, got, ff);
            }
            T_SSE(rc, hf, "sqrtsd %1, %0", "=x"(r) : "x"(t_d(a)));
            ff = 0;
            got = fp_arith(IR_FSQRT, IR_F64, rm, X, a, 0, 0, &ff);
            T_EXPECT("sqrtsd", t_b(r), hf, got, ff);
            if (has_fma) { /* vfmadd213sd x0, x1, x2: x0 = x1 * x0 + x2, NaNs in that order */
                r = t_d(a);
                T_SSE(rc, hf, "vfmadd213sd %2, %1, %0", "+x"(r) : "x"(t_d(b)), "x"(t_d(c)));
                ff = 0;
                got = fp_arith(IR_FMA, IR_F64, rm, X, b, a, c, &ff);
                T_EXPECT("vfmadd213sd", t_b(r), hf, got, ff);
            }
            r = t_d(a);
            T_SSE(rc, hf, "minsd %1, %0", "+x"(r) : "x"(t_d(b)));
            ff = 0;
            got = fp_min_max(false, IR_F64, IR_FMIN_X86, X, a, b, &ff);
            T_EXPECT("minsd", t_b(r), hf, got, ff);
            r = t_d(a);
            T_SSE(rc, hf, "maxsd %1, %0", "+x"(r) : "x"(t_d(b)));
            ff = 0;
            got = fp_min_max(true, IR_F64, IR_FMIN_X86, X, a, b, &ff);
            T_EXPECT("maxsd", t_b(r), hf, got, ff);
            int64_t li;
            T_SSE(rc, hf, "cvtsd2si %1, %0", "=r"(li) : "x"(t_d(a)));
            ff = 0;
            got = (uint64_t)fp_convert_to_int(IR_F64, 64, IR_CVT_INDEFINITE, rm, a, &ff);
            T_EXPECT("cvtsd2si", (uint64_t)li, hf, got, ff);
            int32_t wi;
            T_SSE(rc, hf, "cvttsd2si %1, %0", "=r"(wi) : "x"(t_d(a)));
            ff = 0;
            got = (uint64_t)fp_convert_to_int(IR_F64, 32, IR_CVT_INDEFINITE, IR_RM_RTZ, a, &ff);
            T_EXPECT("cvttsd2si", (uint64_t)(uint32_t)wi, hf, got, ff);
            float rs;
            T_SSE(rc, hf, "cvtsd2ss %1, %0", "=x"(rs) : "x"(t_d(a)));
            uint32_t rs_bits;
            memcpy(&rs_bits, &rs, 4);
            ff = 0;
            got = fp_convert_float(IR_F32, IR_F64, rm, X, a, &ff);
            T_EXPECT("cvtsd2ss", (uint64_t)rs_bits, hf, got, ff);
            T_SSE(rc, hf, "cvtsi2sd %1, %0", "=x"(r) : "r"((int64_t)b));
            ff = 0;
            got = fp_convert_from_int(IR_F64, 64, true, rm, X, b, &ff);
            T_EXPECT("cvtsi2sd", t_b(r), hf, got, ff);
            T_SSE(rc, hf, "roundsd $4, %1, %0", "=x"(r) : "x"(t_d(a)));
            ff = 0;
            got = fp_round_integral(IR_F64, rm, X, true, a, &ff);
            T_EXPECT("roundsd(mxcsr)", t_b(r), hf, got, ff);
            T_SSE(rc, hf, "roundsd $9, %1, %0", "=x"(r) : "x"(t_d(a)));
            ff = 0;
            got = fp_round_integral(IR_F64, IR_RM_RDN, X, false, a, &ff);
            T_EXPECT("roundsd(floor, no inexact)", t_b(r), hf, got, ff);
            uint8_t below;
            T_SSE(rc, hf, "comisd %2, %1; setb %0", "=r"(below) : "x"(t_d(a)), "x"(t_d(b)) : "cc");
            ff = 0;
            (void)fp_compare(IR_FCC_OLT_S, IR_F64, X, a, b, &ff);
            T_EXPECT("comisd flags", 0, hf, 0, ff);
            T_SSE(rc, hf, "ucomisd %2, %1; setb %0", "=r"(below) : "x"(t_d(a)), "x"(t_d(b)) : "cc");
            ff = 0;
            (void)fp_compare(IR_FCC_OLT, IR_F64, X, a, b, &ff);
            T_EXPECT("ucomisd flags", 0, hf, 0, ff);
        }
    }
}

static uint32_t t_random_f32(TRng *r, int near_exp)
{
    uint64_t x = t_rng_next(r), y = t_rng_next(r);
    uint32_t exp, frac;
    switch (x % 8) {
    case 0: exp = (uint32_t)((x >> 8) % 3); break;
    case 1: exp = 254 - (uint32_t)((x >> 8) % 3); break;
    case 2: exp = 255; break;
    case 3: exp = 127 + (uint32_t)((x >> 8) % 7) - 3; break;
    default: exp = (uint32_t)(near_exp + (int)((x >> 8) % 41) - 20); break;
    }
    switch (y % 4) {
    case 0: frac = (uint32_t)(y >> 41); break;
    case 1: frac = (1u << ((y >> 8) % 23)) | ((y >> 16) & 1); break;
    case 2: frac = ((1u << 23) - 1) ^ (uint32_t)((y >> 8) % 4); break;
    default: frac = 0; break;
    }
    if (exp == 255 && (y >> 20) % 2)
        frac = 0;
    if (exp == 255 && frac == 0 && (y >> 21) % 2)
        frac = 1;
    return (uint32_t)(x >> 63) << 31 | exp << 23 | frac;
}

static float t_f(uint64_t b)
{
    uint32_t w = (uint32_t)b;
    float f;
    memcpy(&f, &w, 4);
    return f;
}

static uint64_t t_fb(float f)
{
    uint32_t w;
    memcpy(&w, &f, 4);
    return w;
}

Test(interp_fpx86, sse_single_precision)
{
    static const unsigned rm_of_rc[4] = {IR_RM_RNE, IR_RM_RDN, IR_RM_RUP, IR_RM_RTZ};
    const unsigned X = IR_NAN_X86;
    bool has_fma = __builtin_cpu_supports("fma");
    TRng rng = {0xda3e39cb94b95bdbull};
    for (unsigned iter = 0; iter < 6000; iter++) {
        int near = 20 + (int)(t_rng_next(&rng) % 215);
        uint64_t a = t_random_f32(&rng, near), b = t_random_f32(&rng, near);
        uint64_t c = t_random_f32(&rng, near);
        for (unsigned rc = 0; rc < 4; rc++) {
            unsigned rm = rm_of_rc[rc];
            uint32_t hf, ff;
            float r;
            uint64_t got;
            static const struct {
                const char *name;
                IROp op;
            } bins[] = {{"addss", IR_FADD}, {"subss", IR_FSUB}, {"mulss", IR_FMUL},
                        {"divss", IR_FDIV}};
            for (unsigned k = 0; k < 4; k++) {
                r = t_f(a);
                switch (k) {
                case 0: T_SSE(rc, hf, "addss %1, %0", "+x"(r) : "x"(t_f(b))); break;
                case 1: T_SSE(rc, hf, "subss %1, %0", "+x"(r) : "x"(t_f(b))); break;
                case 2: T_SSE(rc, hf, "mulss %1, %0", "+x"(r) : "x"(t_f(b))); break;
                default: T_SSE(rc, hf, "divss %1, %0", "+x"(r) : "x"(t_f(b))); break;
                }
                ff = 0;
                got = fp_arith(bins[k].op, IR_F32, rm, X, a, b, 0, &ff);
                T_EXPECT(bins[k].name, t_fb(r), hf, got, ff);
            }
            T_SSE(rc, hf, "sqrtss %1, %0", "=x"(r) : "x"(t_f(a)));
            ff = 0;
            got = fp_arith(IR_FSQRT, IR_F32, rm, X, a, 0, 0, &ff);
            T_EXPECT("sqrtss", t_fb(r), hf, got, ff);
            if (has_fma) {
                r = t_f(a);
                T_SSE(rc, hf, "vfmadd213ss %2, %1, %0", "+x"(r) : "x"(t_f(b)), "x"(t_f(c)));
                ff = 0;
                got = fp_arith(IR_FMA, IR_F32, rm, X, b, a, c, &ff);
                T_EXPECT("vfmadd213ss", t_fb(r), hf, got, ff);
            }
            r = t_f(a);
            T_SSE(rc, hf, "minss %1, %0", "+x"(r) : "x"(t_f(b)));
            ff = 0;
            got = fp_min_max(false, IR_F32, IR_FMIN_X86, X, a, b, &ff);
            T_EXPECT("minss", t_fb(r), hf, got, ff);
            r = t_f(a);
            T_SSE(rc, hf, "maxss %1, %0", "+x"(r) : "x"(t_f(b)));
            ff = 0;
            got = fp_min_max(true, IR_F32, IR_FMIN_X86, X, a, b, &ff);
            T_EXPECT("maxss", t_fb(r), hf, got, ff);
            int32_t wi;
            T_SSE(rc, hf, "cvtss2si %1, %0", "=r"(wi) : "x"(t_f(a)));
            ff = 0;
            got = (uint64_t)fp_convert_to_int(IR_F32, 32, IR_CVT_INDEFINITE, rm, a, &ff);
            T_EXPECT("cvtss2si", (uint64_t)(uint32_t)wi, hf, got, ff);
            int64_t li;
            T_SSE(rc, hf, "cvttss2si %1, %0", "=r"(li) : "x"(t_f(a)));
            ff = 0;
            got = (uint64_t)fp_convert_to_int(IR_F32, 64, IR_CVT_INDEFINITE, IR_RM_RTZ, a, &ff);
            T_EXPECT("cvttss2si", (uint64_t)li, hf, got, ff);
            double rd;
            T_SSE(rc, hf, "cvtss2sd %1, %0", "=x"(rd) : "x"(t_f(a)));
            ff = 0;
            got = fp_convert_float(IR_F64, IR_F32, rm, X, a, &ff);
            T_EXPECT("cvtss2sd", t_b(rd), hf, got, ff);
            uint64_t wide = b << 32 | c;
            T_SSE(rc, hf, "cvtsi2ss %1, %0", "=x"(r) : "r"((int64_t)wide));
            ff = 0;
            got = fp_convert_from_int(IR_F32, 64, true, rm, X, wide, &ff);
            T_EXPECT("cvtsi2ss", t_fb(r), hf, got, ff);
            T_SSE(rc, hf, "roundss $4, %1, %0", "=x"(r) : "x"(t_f(a)));
            ff = 0;
            got = fp_round_integral(IR_F32, rm, X, true, a, &ff);
            T_EXPECT("roundss(mxcsr)", t_fb(r), hf, got, ff);
        }
    }
}
