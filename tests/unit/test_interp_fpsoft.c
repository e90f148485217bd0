/* runtime/fp.c: the software rounding path (used for RMM) agrees with the host, bit for bit
 * and flag for flag, on random operands in every mode the host has. */
#include <criterion/criterion.h>
#include <stdint.h>

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

/* A random operand biased to where rounding is interesting: exponents near the ends of the
 * range and near each other, significands with few or all bits set, zeros, infinities,
 * subnormals. */
static uint64_t t_random_float(TRng *r, IRType t, int near_exp)
{
    unsigned frac_bits = t == IR_F32 ? 23 : 52, exp_bits = t == IR_F32 ? 8 : 11;
    uint64_t exp_max = (1ull << exp_bits) - 1, bias = exp_max >> 1;
    uint64_t x = t_rng_next(r);
    uint64_t sign = x & 1, exp, frac;
    switch ((x >> 1) % 8) {
    case 0: exp = (x >> 8) % 4; break;                                /* subnormal, tiny */
    case 1: exp = exp_max - 1 - (x >> 8) % 3; break;                  /* near overflow */
    case 2: exp = (x >> 8) % 64 == 0 ? exp_max : bias + (x >> 8) % 5; /* sometimes inf */
        break;
    case 3: exp = (uint64_t)(near_exp + (int)((x >> 8) % 60) - 30) % exp_max; break;
    default: exp = (uint64_t)near_exp; break;
    }
    uint64_t y = t_rng_next(r);
    switch (y % 4) {
    case 0: frac = y >> 8 & ((1ull << frac_bits) - 1); break;
    case 1: frac = (1ull << ((y >> 8) % frac_bits)) | ((y >> 16) % 2); break; /* few bits */
    case 2: frac = ((1ull << frac_bits) - 1) ^ ((y >> 8) % 4); break;         /* many bits */
    default: frac = 0; break;
    }
    if (exp == exp_max)
        frac = 0;
    return sign << (frac_bits + exp_bits) | exp << frac_bits | frac;
}

static void t_cross_check(IRType t, IROp op, unsigned nan)
{
    static const unsigned modes[] = {IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP};
    TRng rng = {0x9e3779b97f4a7c15ull ^ ((uint64_t)op << 32) ^ t ^ (nan << 8)};
    unsigned bias = t == IR_F32 ? 127 : 1023;
    for (unsigned i = 0; i < 20000; i++) {
        int near = (int)(t_rng_next(&rng) % (2 * bias));
        uint64_t a = t_random_float(&rng, t, near), b = t_random_float(&rng, t, near);
        uint64_t c = t_random_float(&rng, t, near);
        if (op == IR_FMA && i % 2) /* cancel against the product */
            c = fp_arith(IR_FMUL, t, IR_RM_RNE, nan, a, b, 0, &(uint32_t){0}) ^
                (t == IR_F32 ? 0x80000000ull : 0x8000000000000000ull);
        for (unsigned m = 0; m < FVP_ARRAY_LEN(modes); m++) {
            uint32_t fh = 0, fs = 0;
            uint64_t rh = fp_arith(op, t, modes[m], nan, a, b, c, &fh);
            uint64_t rs = fp_arith_soft(op, t, modes[m], nan, a, b, c, &fs);
            cr_assert_eq(rs, rh,
                         "%s.%s rm %u nan %u: a 0x%llx b 0x%llx c 0x%llx: soft 0x%llx host 0x%llx",
                         ir_op_info[op].name, ir_type_name(t), modes[m], nan,
                         (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
                         (unsigned long long)rs, (unsigned long long)rh);
            cr_assert_eq(fs, fh,
                         "%s.%s rm %u nan %u: a 0x%llx b 0x%llx c 0x%llx: soft flags 0x%x host "
                         "0x%x",
                         ir_op_info[op].name, ir_type_name(t), modes[m], nan,
                         (unsigned long long)a, (unsigned long long)b, (unsigned long long)c, fs,
                         fh);
        }
    }
}

Test(interp_fpsoft, f32_matches_host)
{
    static const IROp ops[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FMA, IR_FSQRT};
    for (size_t k = 0; k < FVP_ARRAY_LEN(ops); k++) {
        t_cross_check(IR_F32, ops[k], IR_NAN_CANONICAL);
        t_cross_check(IR_F32, ops[k], IR_NAN_ARM);
    }
}

Test(interp_fpsoft, f64_matches_host)
{
    static const IROp ops[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FMA};
    for (size_t k = 0; k < FVP_ARRAY_LEN(ops); k++) {
        t_cross_check(IR_F64, ops[k], IR_NAN_CANONICAL);
        t_cross_check(IR_F64, ops[k], IR_NAN_ARM);
    }
}

/* fp_arith as compiled code calls it, with the region's MXCSR (flags clear, RNE, all
 * masked): the result, its exact flags in *exact and the guest flags it left in MXCSR
 * (DE is not one: compiled code drops it). */
static uint32_t t_host_flags_after(IROp op, IRType t, unsigned rm, uint64_t a, uint64_t b,
                                   uint64_t c, uint64_t *r, uint32_t *exact)
{
    uint32_t saved, clear = 0x1f80, after;
    __asm__ volatile("stmxcsr %0" : "=m"(saved));
    __asm__ volatile("ldmxcsr %0" ::"m"(clear));
    *exact = 0;
    *r = fp_arith(op, t, rm, IR_NAN_CANONICAL, a, b, c, exact);
    __asm__ volatile("stmxcsr %0" : "=m"(after));
    __asm__ volatile("ldmxcsr %0" ::"m"(saved));
    return fp_mxcsr_flags(after) & ~(uint32_t)IR_FPF_DE;
}

/* fp_arith called from compiled code, whose region keeps the guest's flags in MXCSR
 * (docs/translator.md, "Floating point"): the host flags the call leaves behind are ORed
 * into the guest's, so they must be among the exact ones it returns. The fast FMA path
 * left x * y's inexact behind for an exact fused result (rv_d's fmadd_exact under AOT). */
static void t_host_flags_within_exact(IRType t, IROp op)
{
    static const unsigned modes[] = {IR_RM_RNE, IR_RM_RTZ, IR_RM_RDN, IR_RM_RUP, IR_RM_RMM};
    TRng rng = {0x2545f4914f6cdd1dull ^ ((uint64_t)op << 32) ^ t};
    unsigned bias = t == IR_F32 ? 127 : 1023;
    for (unsigned i = 0; i < 20000; i++) {
        int near = (int)(t_rng_next(&rng) % (2 * bias));
        uint64_t a = t_random_float(&rng, t, near), b = t_random_float(&rng, t, near);
        uint64_t c = t_random_float(&rng, t, near);
        if (op == IR_FMA && i % 2) /* cancel against the product: often exact */
            c = fp_arith(IR_FMUL, t, IR_RM_RNE, IR_NAN_CANONICAL, a, b, 0, &(uint32_t){0}) ^
                (t == IR_F32 ? 0x80000000ull : 0x8000000000000000ull);
        for (unsigned m = 0; m < FVP_ARRAY_LEN(modes); m++) {
            uint64_t r;
            uint32_t exact, host = t_host_flags_after(op, t, modes[m], a, b, c, &r, &exact);
            cr_assert(!(host & ~exact),
                      "%s.%s rm %u: a 0x%llx b 0x%llx c 0x%llx: host flags 0x%x beyond the "
                      "exact 0x%x",
                      ir_op_info[op].name, ir_type_name(t), modes[m], (unsigned long long)a,
                      (unsigned long long)b, (unsigned long long)c, host, exact);
        }
    }
}

Test(interp_fpsoft, host_flags_left_behind_are_exact_ones)
{
    /* rv_d.S fmadd_exact: (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104 exactly */
    uint64_t r;
    uint32_t exact,
        host = t_host_flags_after(IR_FMA, IR_F64, IR_RM_RNE, 0x3ff0000000000001ull,
                                  0x3feffffffffffffeull, 0xbff0000000000000ull, &r, &exact);
    cr_assert_eq(r, 0xb970000000000000ull);
    cr_assert_eq(exact, 0u);
    cr_assert_eq(host, 0u, "an exact fma left host flags 0x%x", host);
    static const IROp ops[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FMA, IR_FSQRT};
    for (size_t k = 0; k < FVP_ARRAY_LEN(ops); k++) {
        t_host_flags_within_exact(IR_F32, ops[k]);
        t_host_flags_within_exact(IR_F64, ops[k]);
    }
}
