/* IR helper calls for AArch64: half-precision conversions, FP and unsigned estimates, polynomial
 * multiplication. */
#include "runtime/helpers_aarch64.h"

#include "runtime/fp.h"

/* Packs a helper's result bits with the FP flags it raised. */
static uint64_t with_flags(uint64_t bits, uint32_t flags)
{
    return bits | (uint64_t)flags << 32;
}

uint64_t rt_helper_fcvt_f2h_arm(RtCpu *cpu, uint64_t bits, uint64_t type, uint64_t mode)
{
    (void)cpu;
    uint32_t flags = 0;
    unsigned nan = fp_nan_for_mode(IR_NAN_ARM_FPCR, (uint32_t)mode);
    uint64_t h = fp_convert_half(true, type == IR_F64 ? IR_F64 : IR_F32,
                                 (unsigned)mode & IR_FPMODE_RM, nan, bits, &flags);
    return with_flags(h, flags);
}

uint64_t rt_helper_fcvt_h2f_arm(RtCpu *cpu, uint64_t half, uint64_t mode, uint64_t unused)
{
    (void)cpu, (void)unused;
    uint32_t flags = 0;
    unsigned nan = fp_nan_for_mode(IR_NAN_ARM_FPCR, (uint32_t)mode);
    uint64_t f = fp_convert_half(false, IR_F32, IR_RM_RNE, nan, half, &flags);
    return with_flags(f, flags);
}

/* ---- Reciprocal and reciprocal square root estimates (Arm ARM RecipEstimate,
 * RecipSqrtEstimate and their FP/unsigned callers, without increased precision) ---- */

/* a in 256..511 (a fixed-point value in [0.5, 1.0)): an estimate of 1/a in 256..511. */
static unsigned recip_estimate(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}

/* a in 128..511 (in [0.25, 1.0)): an estimate of 1/sqrt(a) in 256..511. */
static unsigned recip_sqrt_estimate(unsigned a)
{
    if (a < 256) {
        a = a * 2 + 1;
    } else {
        a = (a >> 1) << 1;
        a = (a + 1) * 2;
    }
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (b + 1) / 2;
}

/* The format of an estimate's operand: f32 or f64 field layout. */
typedef struct EstFormat {
    unsigned frac_bits, exp_bits;
    uint64_t sign_bit, exp_mask, frac_mask, quiet_bit;
} EstFormat;

static const EstFormat est_f32 = {23, 8, 1ull << 31, 0x7f800000ull, 0x7fffffull, 1ull << 22};
static const EstFormat est_f64 = {
    52, 11, 1ull << 63, 0x7ff0000000000000ull, 0xfffffffffffffull, 1ull << 51};

/* NaN operand: quietened (or the default NaN under DN); a signalling one raises invalid. */
static uint64_t est_nan(const EstFormat *f, uint64_t x, uint32_t mode, uint32_t *flags)
{
    if (!(x & f->quiet_bit))
        *flags |= IR_FPF_NV;
    if (mode & IR_FPMODE_DN)
        return f->exp_mask | f->quiet_bit;
    return x | f->quiet_bit;
}

static bool est_is_nan(const EstFormat *f, uint64_t x)
{
    return (x & f->exp_mask) == f->exp_mask && (x & f->frac_mask);
}

/* FPUnpack's flush-to-zero of a denormal operand (IDC). */
static uint64_t est_flush(const EstFormat *f, uint64_t x, uint32_t mode, uint32_t *flags)
{
    if ((mode & IR_FPMODE_FZ) && !(x & f->exp_mask) && (x & f->frac_mask)) {
        *flags |= IR_FPF_DE;
        return x & f->sign_bit;
    }
    return x;
}

/* The fraction as a 52-bit field (FPRecipEstimate's scaling). */
static uint64_t est_fraction52(const EstFormat *f, uint64_t x)
{
    return (x & f->frac_mask) << (52 - f->frac_bits);
}

static uint64_t frecpe(const EstFormat *f, uint64_t x, uint32_t mode, uint32_t *flags)
{
    if (est_is_nan(f, x))
        return est_nan(f, x, mode, flags);
    x = est_flush(f, x, mode, flags);
    uint64_t sign = x & f->sign_bit, mag = x & ~f->sign_bit;
    int bias = (1 << (f->exp_bits - 1)) - 1;
    if (mag == f->exp_mask)
        return sign;
    if (mag == 0) {
        *flags |= IR_FPF_DZ;
        return sign | f->exp_mask;
    }
    /* |x| < 2^-(bias+1): the estimate overflows */
    int exp = (int)(mag >> f->frac_bits);
    uint64_t fraction = est_fraction52(f, x);
    bool tiny = exp == 0 && !(fraction >> 50); /* below 2^(1-bias) / 4 = 2^-(bias+1) */
    if (tiny) {
        unsigned rm = mode & IR_FPMODE_RM;
        bool to_inf = rm == IR_RM_RNE || (rm == IR_RM_RUP && !sign) || (rm == IR_RM_RDN && sign);
        *flags |= IR_FPF_OF | IR_FPF_NX;
        return sign | (to_inf ? f->exp_mask : f->exp_mask - 1);
    }
    if ((mode & IR_FPMODE_FZ) && exp >= 2 * bias - 1) { /* |x| >= 2^(bias-1): tiny result */
        *flags |= IR_FPF_UF;
        return sign;
    }
    if (exp == 0) {
        if (!(fraction >> 51)) {
            exp = -1;
            fraction = (fraction << 2) & ((1ull << 52) - 1);
        } else {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
        }
    }
    unsigned scaled = (unsigned)(256 | (fraction >> 44));
    int result_exp = 2 * bias - 1 - exp;
    uint64_t estimate = recip_estimate(scaled);
    fraction = (estimate & 0xff) << 44;
    if (result_exp == 0) {
        fraction = (1ull << 51) | (fraction >> 1);
    } else if (result_exp == -1) {
        fraction = (1ull << 50) | (fraction >> 2);
        result_exp = 0;
    }
    return sign | (uint64_t)result_exp << f->frac_bits | fraction >> (52 - f->frac_bits);
}

static uint64_t frsqrte(const EstFormat *f, uint64_t x, uint32_t mode, uint32_t *flags)
{
    if (est_is_nan(f, x))
        return est_nan(f, x, mode, flags);
    x = est_flush(f, x, mode, flags);
    uint64_t sign = x & f->sign_bit, mag = x & ~f->sign_bit;
    int bias = (1 << (f->exp_bits - 1)) - 1;
    if (mag == 0) {
        *flags |= IR_FPF_DZ;
        return sign | f->exp_mask;
    }
    if (sign) {
        *flags |= IR_FPF_NV;
        return f->exp_mask | f->quiet_bit;
    }
    if (mag == f->exp_mask)
        return 0;
    int exp = (int)(mag >> f->frac_bits);
    uint64_t fraction = est_fraction52(f, x);
    if (exp == 0) {
        while (!(fraction >> 51)) {
            fraction = (fraction << 1) & ((1ull << 52) - 1);
            exp--;
        }
        fraction = (fraction << 1) & ((1ull << 52) - 1);
    }
    unsigned scaled =
        (exp & 1) ? (unsigned)(128 | (fraction >> 45)) : (unsigned)(256 | (fraction >> 44));
    int result_exp = (3 * bias - 1 - exp) / 2;
    uint64_t estimate = recip_sqrt_estimate(scaled);
    return (uint64_t)result_exp << f->frac_bits | (estimate & 0xff) << (f->frac_bits - 8);
}

static uint64_t frecpx(const EstFormat *f, uint64_t x, uint32_t mode, uint32_t *flags)
{
    if (est_is_nan(f, x))
        return est_nan(f, x, mode, flags);
    est_flush(f, x, mode, flags);
    uint64_t sign = x & f->sign_bit, exp = x & f->exp_mask;
    if (exp == 0)
        return sign | (f->exp_mask - (1ull << f->frac_bits));
    return sign | (~exp & f->exp_mask);
}

static uint64_t urecpe(uint32_t x)
{
    if (!(x >> 31))
        return 0xffffffffu;
    return (uint64_t)recip_estimate(x >> 23) << 23;
}

static uint64_t ursqrte(uint32_t x)
{
    if (!(x >> 30))
        return 0xffffffffu;
    return (uint64_t)recip_sqrt_estimate(x >> 23) << 23;
}

uint64_t rt_helper_estimate_arm(RtCpu *cpu, uint64_t bits, uint64_t kind, uint64_t mode)
{
    (void)cpu;
    uint32_t flags = 0, m = (uint32_t)mode;
    uint64_t r;
    switch (kind & 0xff) {
    case A64_EST_FRECPE32:
        r = frecpe(&est_f32, bits & 0xffffffffu, m, &flags);
        break;
    case A64_EST_FRECPE64:
        r = frecpe(&est_f64, bits, m, &flags);
        break;
    case A64_EST_FRSQRTE32:
        r = frsqrte(&est_f32, bits & 0xffffffffu, m, &flags);
        break;
    case A64_EST_FRSQRTE64:
        r = frsqrte(&est_f64, bits, m, &flags);
        break;
    case A64_EST_FRECPX32:
        r = frecpx(&est_f32, bits & 0xffffffffu, m, &flags);
        break;
    case A64_EST_FRECPX64:
        r = frecpx(&est_f64, bits, m, &flags);
        break;
    case A64_EST_URECPE:
        r = urecpe((uint32_t)bits);
        break;
    default:
        r = ursqrte((uint32_t)bits);
        break;
    }
    if (kind & A64_EST_FLAGS_ONLY)
        return (uint64_t)flags << 32;
    return (kind & 1) && (kind & 0xff) < A64_EST_URECPE ? r : with_flags(r, flags);
}

/* ---- Polynomial (carry-less) multiplication ---------------------------------------------- */

static uint64_t clmul(uint64_t a, uint64_t b, uint64_t *hi)
{
    uint64_t lo = 0, h = 0;
    for (unsigned i = 0; i < 64; i++)
        if (b >> i & 1) {
            lo ^= a << i;
            if (i)
                h ^= a >> (64 - i);
        }
    *hi = h;
    return lo;
}

uint64_t rt_helper_pmull_arm(RtCpu *cpu, uint64_t a, uint64_t b, uint64_t kind)
{
    (void)cpu;
    uint64_t hi, r = 0;
    switch (kind) {
    case A64_PMULL64_LO:
        return clmul(a, b, &hi);
    case A64_PMULL64_HI:
        clmul(a, b, &hi);
        return hi;
    case A64_PMUL8:
        for (unsigned i = 0; i < 8; i++)
            r |= (clmul(a >> (8 * i) & 0xff, b >> (8 * i) & 0xff, &hi) & 0xff) << (8 * i);
        return r;
    default: /* A64_PMULL8_LO / _HI: four 8x8 -> 16 products of bytes 0-3 or 4-7 */
        for (unsigned i = 0; i < 4; i++) {
            unsigned k = i + (kind == A64_PMULL8_HI ? 4 : 0);
            r |= clmul(a >> (8 * k) & 0xff, b >> (8 * k) & 0xff, &hi) << (16 * i);
        }
        return r;
    }
}
