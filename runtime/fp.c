/* Guest-exact floating point: host SSE under a private MXCSR, software rounding elsewhere. */
#include "runtime/fp.h"

#include <math.h>
#include <string.h>

#include "common/common.h"

typedef unsigned __int128 U128;

/* An IEEE binary format. Fields: fraction bits, exponent field width, bias, normal range. */
typedef struct FpFormat {
    unsigned frac_bits;
    unsigned exp_bits;
    int bias;
    int emin, emax;
    uint64_t sign_bit;
    uint64_t quiet_bit;
    uint64_t exp_mask; /* in place */
    uint64_t frac_mask;
} FpFormat;

static const FpFormat fp_format32 = {23, 8, 127, -126, 127, 1ull << 31, 1ull << 22,
                                     0x7f800000ull, 0x7fffffull};
static const FpFormat fp_format64 = {52, 11, 1023, -1022, 1023, 1ull << 63, 1ull << 51,
                                     0x7ff0000000000000ull, 0xfffffffffffffull};

/* IEEE binary16: only conversions use it (fp_convert_half). */
static const FpFormat fp_format16 = {10, 5, 15, -14, 15, 1ull << 15, 1ull << 9, 0x7c00ull, 0x3ffull};

static const FpFormat *fp_format(IRType t)
{
    fvp_assert(t == IR_F32 || t == IR_F64);
    return t == IR_F32 ? &fp_format32 : &fp_format64;
}

static bool fp_is_nan(const FpFormat *f, uint64_t x)
{
    return (x & f->exp_mask) == f->exp_mask && (x & f->frac_mask);
}

static bool fp_is_snan(const FpFormat *f, uint64_t x)
{
    return fp_is_nan(f, x) && !(x & f->quiet_bit);
}

static bool fp_is_inf(const FpFormat *f, uint64_t x)
{
    return (x & ~f->sign_bit) == f->exp_mask;
}

static bool fp_is_zero(const FpFormat *f, uint64_t x)
{
    return (x & ~f->sign_bit) == 0;
}

static bool fp_is_denormal(const FpFormat *f, uint64_t x)
{
    return (x & f->exp_mask) == 0 && (x & f->frac_mask);
}

/* A reserved rounding mode (callers trap on it first) rounds to nearest: never a crash. */
static unsigned fp_valid_rm(unsigned rm)
{
    return rm <= IR_RM_RMM ? rm : IR_RM_RNE;
}

static bool fp_is_arm(unsigned nan)
{
    return nan == IR_NAN_ARM || nan == IR_NAN_ARM_DEFAULT;
}

/* FP_FLUSH_ZERO (fp.h): a denormal input becomes a zero of its sign and raises IDC. */
static uint64_t fp_flush_input(const FpFormat *f, uint64_t x, uint32_t *flags)
{
    if (!fp_is_denormal(f, x))
        return x;
    *flags |= IR_FPF_DE;
    return x & f->sign_bit;
}

/* FP_FLUSH_ZERO on a result r whose own flags are `got` (AArch64 tininess, detected before
 * rounding): a denormal result, or one that raised underflow, was tiny before rounding and
 * becomes a zero of its sign with underflow alone. */
static uint64_t fp_flush_result(const FpFormat *f, uint64_t r, uint32_t got, uint32_t *flags)
{
    if (fp_is_denormal(f, r) || (got & IR_FPF_UF)) {
        *flags |= (got & ~(uint32_t)(IR_FPF_UF | IR_FPF_NX)) | IR_FPF_UF;
        return r & f->sign_bit;
    }
    *flags |= got;
    return r;
}

/* The NaN an invalid operation produces. */
static uint64_t fp_default_nan(const FpFormat *f, unsigned nan)
{
    uint64_t q = f->exp_mask | f->quiet_bit;
    return nan == IR_NAN_X86 ? q | f->sign_bit : q;
}

/* The result of an op with at least one NaN among ops[0..n) (in the guest's priority
 * order). The caller raises invalid. */
static uint64_t fp_nan_propagate(const FpFormat *f, unsigned nan, const uint64_t *ops, unsigned n)
{
    switch (nan) {
    case IR_NAN_ARM:
        for (unsigned i = 0; i < n; i++)
            if (fp_is_snan(f, ops[i]))
                return ops[i] | f->quiet_bit;
        for (unsigned i = 0; i < n; i++)
            if (fp_is_nan(f, ops[i]))
                return ops[i];
        return fp_default_nan(f, nan);
    case IR_NAN_X86:
        for (unsigned i = 0; i < n; i++)
            if (fp_is_nan(f, ops[i]))
                return ops[i] | f->quiet_bit;
        return fp_default_nan(f, nan);
    default:
        return fp_default_nan(f, nan);
    }
}

/* ---- Software rounding ------------------------------------------------------------------ */

/* Where the discarded bits of a rounded value lie relative to half an ulp. */
enum { FP_EXACT, FP_BELOW_HALF, FP_HALF, FP_ABOVE_HALF };

static int fp_clz128(U128 v)
{
    uint64_t hi = (uint64_t)(v >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((uint64_t)v);
}

/* Keeps the top `keep` bits of sig (its bit 127 set) in *m; classifies the rest. */
static int fp_split(U128 sig, int keep, U128 *m)
{
    const U128 half = (U128)1 << 127;
    if (keep <= 0) {
        *m = 0;
        if (keep < 0)
            return FP_BELOW_HALF;
        return sig == half ? FP_HALF : FP_ABOVE_HALF;
    }
    if (keep >= 128) {
        *m = sig;
        return FP_EXACT;
    }
    *m = sig >> (128 - keep);
    U128 rest = sig << keep;
    if (rest == 0)
        return FP_EXACT;
    return rest < half ? FP_BELOW_HALF : rest == half ? FP_HALF : FP_ABOVE_HALF;
}

static unsigned fp_round_increment(unsigned rm, bool sign, bool lsb, int where)
{
    if (where == FP_EXACT)
        return 0;
    switch (rm) {
    case IR_RM_RNE:
        return where == FP_ABOVE_HALF || (where == FP_HALF && lsb);
    case IR_RM_RMM:
        return where != FP_BELOW_HALF;
    case IR_RM_RDN:
        return sign;
    case IR_RM_RUP:
        return !sign;
    default:
        return 0;
    }
}

/* Rounds (-1)^sign * sig * 2^exp (sig != 0) to format f in rm, raising NX/UF/OF. */
static uint64_t fp_round_pack(const FpFormat *f, bool sign, int exp, U128 sig, unsigned rm,
                              bool tiny_before, uint32_t *flags)
{
    int lz = fp_clz128(sig);
    sig <<= lz;
    int e = exp - lz + 127; /* exponent of the leading bit */
    int p = (int)f->frac_bits + 1;
    uint64_t sign_bits = sign ? f->sign_bit : 0;
    bool tiny = e < f->emin;
    if (tiny && !tiny_before && e == f->emin - 1) {
        /* Tininess after rounding: does rounding to p bits carry up to 2^emin? */
        U128 m;
        int where = fp_split(sig, p, &m);
        m += fp_round_increment(rm, sign, m & 1, where);
        if (m >> p)
            tiny = false;
    }
    int keep = e >= f->emin ? p : p - (f->emin - e);
    U128 m;
    int where = fp_split(sig, keep, &m);
    m += fp_round_increment(rm, sign, m & 1, where);
    if (where != FP_EXACT) {
        *flags |= IR_FPF_NX;
        if (tiny)
            *flags |= IR_FPF_UF;
    }
    if (e < f->emin) /* subnormal; a carry into bit p-1 encodes the smallest normal */
        return sign_bits | (uint64_t)m;
    if (m >> p) {
        m >>= 1;
        e++;
    }
    if (e > f->emax) {
        *flags |= IR_FPF_OF | IR_FPF_NX;
        bool to_inf = rm == IR_RM_RNE || rm == IR_RM_RMM || (rm == IR_RM_RUP && !sign) ||
                      (rm == IR_RM_RDN && sign);
        return sign_bits | (to_inf ? f->exp_mask : f->exp_mask - 1);
    }
    return sign_bits | ((uint64_t)(e + f->bias) << f->frac_bits) | ((uint64_t)m & f->frac_mask);
}

/* A finite nonzero value as sig * 2^exp. */
static void fp_unpack(const FpFormat *f, uint64_t x, bool *sign, int *exp, uint64_t *sig)
{
    uint64_t field = (x & f->exp_mask) >> f->frac_bits;
    *sign = (x & f->sign_bit) != 0;
    if (field == 0) {
        *sig = x & f->frac_mask;
        *exp = f->emin - (int)f->frac_bits;
    } else {
        *sig = (x & f->frac_mask) | (f->frac_mask + 1);
        *exp = (int)field - f->bias - (int)f->frac_bits;
    }
}

/* ---- Host operations under a private MXCSR ------------------------------------------------
 * The rounding-control field and the exception flags live in MXCSR. Every asm below is
 * volatile, so GCC keeps them in order; operands and results pass through empty volatile
 * asms (FP_PIN) so the operation itself can be neither hoisted out of the window, sunk past
 * it, constant-folded nor merged with the same operation under another rounding mode. */

#define FP_PIN_X(v) __asm__ volatile("" : "+x"(v))
#define FP_PIN_M(v) __asm__ volatile("" : "+m"(v))

static const uint32_t fp_mxcsr_rc[8] = {
    [IR_RM_RNE] = 0u << 13, [IR_RM_RDN] = 1u << 13, [IR_RM_RUP] = 2u << 13,
    [IR_RM_RTZ] = 3u << 13, [IR_RM_RMM] = 0u << 13,
};

/* MXCSR writes are the expensive part, so they are skipped when the register already holds
 * what is needed: the host's MXCSR is restored exactly, so after one FP op it usually has
 * clear flags and round-to-nearest, and an RNE op that raises nothing writes it not at all. */
static inline uint32_t fp_host_enter(unsigned rm)
{
    uint32_t saved, mine = 0x1f80u | fp_mxcsr_rc[rm & 7]; /* all masked, flags clear */
    __asm__ volatile("stmxcsr %0" : "=m"(saved)::"memory");
    if (saved != mine)
        __asm__ volatile("ldmxcsr %0" ::"m"(mine) : "memory");
    return saved;
}

/* Restores MXCSR; returns the flags raised since fp_host_enter as IR_FPF_*. */
static inline uint32_t fp_host_leave(uint32_t saved)
{
    uint32_t now;
    __asm__ volatile("stmxcsr %0" : "=m"(now)::"memory");
    if (now != saved)
        __asm__ volatile("ldmxcsr %0" ::"m"(saved) : "memory");
    return fp_mxcsr_flags(now);
}

static float fp_bits_f32(uint64_t x)
{
    uint32_t w = (uint32_t)x;
    float r;
    memcpy(&r, &w, 4);
    return r;
}

static double fp_bits_f64(uint64_t x)
{
    double r;
    memcpy(&r, &x, 8);
    return r;
}

static uint64_t fp_f32_bits(float v)
{
    uint32_t w;
    memcpy(&w, &v, 4);
    return w;
}

static uint64_t fp_f64_bits(double v)
{
    uint64_t w;
    memcpy(&w, &v, 8);
    return w;
}

/* The op on non-NaN operands in the host format, rounding per rm (not RMM). */
static uint64_t fp_host_arith(IROp op, IRType t, unsigned rm, uint64_t a, uint64_t b, uint64_t c,
                              uint32_t *flags)
{
    uint32_t saved = fp_host_enter(rm);
    uint64_t bits;
    if (t == IR_F32) {
        float x = fp_bits_f32(a), y = fp_bits_f32(b), z = fp_bits_f32(c);
        FP_PIN_X(x);
        FP_PIN_X(y);
        FP_PIN_X(z);
        switch (op) {
        case IR_FADD: __asm__ volatile("addss %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FSUB: __asm__ volatile("subss %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FMUL: __asm__ volatile("mulss %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FDIV: __asm__ volatile("divss %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FSQRT: __asm__ volatile("sqrtss %0, %0" : "+x"(x)); break;
        default: x = fmaf(x, y, z); break;
        }
        FP_PIN_X(x);
        bits = fp_f32_bits(x);
    } else {
        double x = fp_bits_f64(a), y = fp_bits_f64(b), z = fp_bits_f64(c);
        FP_PIN_X(x);
        FP_PIN_X(y);
        FP_PIN_X(z);
        switch (op) {
        case IR_FADD: __asm__ volatile("addsd %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FSUB: __asm__ volatile("subsd %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FMUL: __asm__ volatile("mulsd %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FDIV: __asm__ volatile("divsd %1, %0" : "+x"(x) : "x"(y)); break;
        case IR_FSQRT: __asm__ volatile("sqrtsd %0, %0" : "+x"(x)); break;
        default: x = fma(x, y, z); break;
        }
        FP_PIN_X(x);
        bits = fp_f64_bits(x);
    }
    *flags |= fp_host_leave(saved);
    return bits;
}

/* The wide op of the software path runs toward zero, where an exact zero sum of
 * opposite-signed terms is +0; under RDN it must be -0 (x + x keeps the sign of x). */
static bool fp_zero_sum_is_negative(IROp op, const FpFormat *f, uint64_t a, uint64_t b,
                                    uint64_t c)
{
    switch (op) {
    case IR_FADD: return !(a == 0 && b == 0);
    case IR_FSUB: return !(a == 0 && b == f->sign_bit);
    case IR_FMA: {
        bool product_plus_zero =
            (fp_is_zero(f, a) || fp_is_zero(f, b)) && !((a ^ b) & f->sign_bit);
        return !(product_plus_zero && c == 0);
    }
    default: return false;
    }
}

/* Software path for f32: the op in f64 toward zero with the inexact bit made sticky ("round
 * to odd", exact for a later rounding to 24 bits), then rounded in rm by fp_round_pack. */
static uint64_t fp_soft_arith32(IROp op, unsigned rm, uint64_t a, uint64_t b, uint64_t c,
                                unsigned nan, uint32_t *flags)
{
    double x = fp_bits_f32(a), y = fp_bits_f32(b), z = fp_bits_f32(c);
    uint32_t saved = fp_host_enter(IR_RM_RTZ);
    FP_PIN_X(x);
    FP_PIN_X(y);
    FP_PIN_X(z);
    switch (op) {
    case IR_FADD: x = x + y; break;
    case IR_FSUB: x = x - y; break;
    case IR_FMUL: x = x * y; break;
    case IR_FDIV: x = x / y; break;
    case IR_FSQRT: __asm__ volatile("sqrtsd %0, %0" : "+x"(x)); break;
    default: x = fma(x, y, z); break;
    }
    FP_PIN_X(x);
    uint32_t host = fp_host_leave(saved) & (IR_FPF_NV | IR_FPF_DZ | IR_FPF_NX);
    uint64_t d = fp_f64_bits(x);
    const FpFormat *f = &fp_format32;
    if (host & IR_FPF_NV) {
        *flags |= IR_FPF_NV;
        return fp_default_nan(f, nan);
    }
    *flags |= host;
    bool sign = d >> 63;
    if (fp_is_inf(&fp_format64, d))
        return (sign ? f->sign_bit : 0) | f->exp_mask;
    if (fp_is_zero(&fp_format64, d)) {
        if (!sign && rm == IR_RM_RDN && fp_zero_sum_is_negative(op, f, a, b, c))
            return f->sign_bit;
        return sign ? f->sign_bit : 0;
    }
    int exp;
    uint64_t sig;
    fp_unpack(&fp_format64, d, &sign, &exp, &sig);
    if (host & IR_FPF_NX)
        sig |= 1;
    return fp_round_pack(f, sign, exp, sig, rm, fp_is_arm(nan), flags);
}

/* Software path for f64: the same through binary128 (libgcc's soft float honours MXCSR's
 * rounding field and raises its flags). No binary128 square root: FSQRT is not handled. */
static uint64_t fp_soft_arith64(IROp op, unsigned rm, uint64_t a, uint64_t b, uint64_t c,
                                unsigned nan, uint32_t *flags)
{
    __float128 x = fp_bits_f64(a), y = fp_bits_f64(b), z = fp_bits_f64(c);
    uint32_t saved = fp_host_enter(IR_RM_RTZ);
    FP_PIN_M(x);
    FP_PIN_M(y);
    FP_PIN_M(z);
    switch (op) {
    case IR_FADD: x = x + y; break;
    case IR_FSUB: x = x - y; break;
    case IR_FMUL: x = x * y; break;
    case IR_FDIV: x = x / y; break;
    default: x = x * y + z; break; /* the product of two f64 is exact in binary128 */
    }
    FP_PIN_M(x);
    uint32_t host = fp_host_leave(saved) & (IR_FPF_NV | IR_FPF_DZ | IR_FPF_NX);
    const FpFormat *f = &fp_format64;
    if (host & IR_FPF_NV) {
        *flags |= IR_FPF_NV;
        return fp_default_nan(f, nan);
    }
    *flags |= host;
    U128 q;
    memcpy(&q, &x, 16);
    bool sign = (bool)(q >> 127);
    unsigned field = (unsigned)(q >> 112) & 0x7fff;
    U128 frac = q & (((U128)1 << 112) - 1);
    if (field == 0x7fff)
        return (sign ? f->sign_bit : 0) | f->exp_mask;
    if (field == 0 && frac == 0) {
        if (!sign && rm == IR_RM_RDN && fp_zero_sum_is_negative(op, f, a, b, c))
            return f->sign_bit;
        return sign ? f->sign_bit : 0;
    }
    int exp = (field ? (int)field : 1) - 16383 - 112;
    U128 sig = field ? frac | ((U128)1 << 112) : frac;
    if (host & IR_FPF_NX)
        sig |= 1;
    return fp_round_pack(f, sign, exp, sig, rm, fp_is_arm(nan), flags);
}

/* NaN operands and FMA's inf * 0: true with *out set when the result is decided here. */
static bool fp_arith_special(IROp op, const FpFormat *f, unsigned nan, uint64_t a, uint64_t b,
                             uint64_t c, uint32_t *flags, uint64_t *out)
{
    unsigned n = op == IR_FSQRT ? 1 : op == IR_FMA ? 3 : 2;
    uint64_t ops[3] = {a, b, c};
    bool any_nan = false, any_snan = false;
    for (unsigned i = 0; i < n; i++) {
        any_nan |= fp_is_nan(f, ops[i]);
        any_snan |= fp_is_snan(f, ops[i]);
    }
    if (op == IR_FMA && ((fp_is_inf(f, a) && fp_is_zero(f, b)) ||
                         (fp_is_zero(f, a) && fp_is_inf(f, b)))) {
        /* inf * 0 is invalid even when the addend is a quiet NaN (RISC-V, AArch64, x86). */
        *flags |= IR_FPF_NV;
        if ((nan == IR_NAN_ARM && fp_is_nan(f, c) && !any_snan) || !any_nan) {
            *out = fp_default_nan(f, nan);
            return true;
        }
    }
    if (!any_nan)
        return false;
    if (any_snan)
        *flags |= IR_FPF_NV;
    if (op == IR_FMA && fp_is_arm(nan)) {
        uint64_t arm_order[3] = {c, a, b}; /* AArch64 FMADD checks the addend first */
        *out = fp_nan_propagate(f, nan, arm_order, 3);
    } else {
        *out = fp_nan_propagate(f, nan, ops, n);
    }
    return true;
}

static uint64_t fp_arith_soft_core(IROp op, IRType t, unsigned rm, unsigned nan, uint64_t a,
                                   uint64_t b, uint64_t c, uint32_t *flags)
{
    rm = fp_valid_rm(rm);
    const FpFormat *f = fp_format(t);
    uint64_t r;
    if (fp_arith_special(op, f, nan, a, b, c, flags, &r))
        return r;
    fvp_assert(t == IR_F32 || op != IR_FSQRT);
    return t == IR_F32 ? fp_soft_arith32(op, rm, a, b, c, nan, flags)
                       : fp_soft_arith64(op, rm, a, b, c, nan, flags);
}

/* ---- Fast path: round-to-nearest without touching MXCSR ------------------------------------
 * When the host already rounds to nearest (MXCSR RC = 0, no FTZ/DAZ: the state C code runs
 * in), an op on normal or zero operands whose result is far from the underflow and overflow
 * thresholds can only raise inexact, and whether it did is decided exactly: f32 results are
 * checked in f64 (products of two f32 are exact there), f64 ones by error-free
 * transformations (two-sum, fma residuals). Anything else returns false and takes the
 * MXCSR path. test_interp_fpsoft checks this against the software path on random operands. */

static bool fp_fast_operand(const FpFormat *f, uint64_t x)
{
    uint64_t field = x & f->exp_mask;
    return field != f->exp_mask && (field != 0 || (x & f->frac_mask) == 0);
}

static bool fp_host_rounds_to_nearest(void)
{
    uint32_t csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr)::"memory");
    return (csr & 0xe040u) == 0; /* RC (bits 13-14), FTZ (15), DAZ (6) */
}

static bool fp_fast_arith32(IROp op, uint64_t a, uint64_t b, uint64_t *out, uint32_t *flags)
{
    float x = fp_bits_f32(a), y = fp_bits_f32(b), r;
    FP_PIN_X(x);
    FP_PIN_X(y);
    double exact, got;
    switch (op) {
    case IR_FADD:
    case IR_FSUB: {
        if (op == IR_FSUB)
            y = -y;
        /* Below 2^125 no step of the two-sum overflows: near the top, r - x overflowed and
         * left overflow and invalid in the caller's MXCSR (compiled code reads them). */
        if (!(__builtin_fabsf(x) < 0x1p125f && __builtin_fabsf(y) < 0x1p125f))
            return false;
        r = x + y;
        FP_PIN_X(r);
        /* two-sum: the rounding error of an addition is representable, so exact iff 0 */
        float bb = r - x;
        FP_PIN_X(bb);
        float err = (x - (r - bb)) + (y - bb);
        *out = fp_f32_bits(r);
        if (err != 0)
            *flags |= IR_FPF_NX;
        return true;
    }
    case IR_FMUL: r = x * y; exact = (double)x * (double)y; break;
    case IR_FDIV:
        if (y == 0)
            return false;
        r = x / y;
        FP_PIN_X(r);
        exact = x;
        got = (double)r * (double)y;
        goto check;
    default: /* FSQRT */
        if (x < 0)
            return false;
        __asm__("sqrtss %1, %0" : "=x"(r) : "x"(x));
        FP_PIN_X(r);
        exact = x;
        got = (double)r * (double)r;
        goto check;
    }
    FP_PIN_X(r);
    got = r;
check:
    if (r != 0 && !(__builtin_fabsf(r) >= 0x1p-125f && __builtin_fabsf(r) <= 0x1.fffffep127f))
        return false;
    if (r == 0 && x != 0 && !(op == IR_FMUL && y == 0))
        return false; /* underflowed to zero */
    *out = fp_f32_bits(r);
    if (got != exact)
        *flags |= IR_FPF_NX;
    return true;
}

static bool fp_fast_arith64(IROp op, uint64_t a, uint64_t b, uint64_t *out, uint32_t *flags)
{
    double x = fp_bits_f64(a), y = fp_bits_f64(b), r, err;
    FP_PIN_X(x);
    FP_PIN_X(y);
    switch (op) {
    case IR_FADD:
    case IR_FSUB: {
        if (op == IR_FSUB)
            y = -y;
        if (!(__builtin_fabs(x) < 0x1p1021 && __builtin_fabs(y) < 0x1p1021))
            return false; /* as for f32: the two-sum must not overflow */
        r = x + y;
        FP_PIN_X(r);
        double bb = r - x;
        FP_PIN_X(bb);
        err = (x - (r - bb)) + (y - bb);
        *out = fp_f64_bits(r);
        if (err != 0)
            *flags |= IR_FPF_NX;
        return true;
    }
    case IR_FMUL:
        r = x * y;
        FP_PIN_X(r);
        if (r == 0 && (x == 0 || y == 0)) {
            *out = fp_f64_bits(r);
            return true;
        }
        break;
    case IR_FDIV:
        if (y == 0 || __builtin_fabs(x) < 0x1p-900)
            return false;
        r = x / y;
        FP_PIN_X(r);
        break;
    default: /* FSQRT */
        if (x < 0 || (x != 0 && x < 0x1p-900))
            return false;
        __asm__("sqrtsd %1, %0" : "=x"(r) : "x"(x));
        FP_PIN_X(r);
        if (x == 0) {
            *out = fp_f64_bits(r);
            return true;
        }
        break;
    }
    /* far enough above the underflow threshold that the residual is exact, and finite;
     * tested before the residual is computed, whose underflow would stay in the caller's
     * MXCSR (compiled code reads it) */
    if (!(__builtin_fabs(r) >= 0x1p-900 && __builtin_fabs(r) <= 0x1.fffffffffffffp1023))
        return false;
    err = op == IR_FMUL ? fma(x, y, -r) : op == IR_FDIV ? fma(-r, y, x) : fma(-r, r, x);
    FP_PIN_X(err);
    *out = fp_f64_bits(r);
    if (err != 0)
        *flags |= IR_FPF_NX;
    return true;
}

/* Whether x[0] + .. + x[n-1] is exactly zero: the sum as a nonoverlapping expansion
 * (Shewchuk's grow-expansion over two-sum), which is zero iff every component is. The
 * inputs must be finite and well inside the range (no overflow). */
static bool fp_exact_sum_is_zero(const double *x, unsigned n)
{
    double e[4];
    unsigned m = 0;
    fvp_assert(n <= 4);
    for (unsigned i = 0; i < n; i++) {
        double q = x[i];
        for (unsigned j = 0; j < m; j++) {
            double sum = q + e[j];
            FP_PIN_X(sum);
            double bb = sum - q;
            FP_PIN_X(bb);
            e[j] = (q - (sum - bb)) + (e[j] - bb);
            q = sum;
        }
        e[m++] = q;
    }
    for (unsigned j = 0; j < m; j++)
        if (e[j] != 0)
            return false;
    return true;
}

/* a * b + c in round-to-nearest, inexact decided by the exact residual a*b + c - r. */
static bool fp_fast_fma_in(IRType t, uint64_t a, uint64_t b, uint64_t c, uint64_t *out,
                           uint32_t *flags)
{
    if (t == IR_F32) {
        float x = fp_bits_f32(a), y = fp_bits_f32(b), z = fp_bits_f32(c);
        FP_PIN_X(x);
        FP_PIN_X(y);
        FP_PIN_X(z);
        float r = fmaf(x, y, z);
        FP_PIN_X(r);
        if (__builtin_isinf(r))
            return false;
        double terms[3] = {(double)x * (double)y, z, -(double)r}; /* the product is exact */
        bool exact = fp_exact_sum_is_zero(terms, 3);
        if (!exact && !(__builtin_fabsf(r) >= 0x1p-125f))
            return false; /* possibly tiny and inexact: underflow */
        *out = fp_f32_bits(r);
        if (!exact)
            *flags |= IR_FPF_NX;
        return true;
    }
    double x = fp_bits_f64(a), y = fp_bits_f64(b), z = fp_bits_f64(c);
    FP_PIN_X(x);
    FP_PIN_X(y);
    FP_PIN_X(z);
    double r = fma(x, y, z), ph = x * y;
    FP_PIN_X(r);
    FP_PIN_X(ph);
    double big = 0x1p1000, tiny = 0x1p-900;
    if (!(__builtin_fabs(r) <= big && __builtin_fabs(ph) <= big && __builtin_fabs(z) <= big))
        return false;
    if (ph == 0 ? (x != 0 && y != 0) : !(__builtin_fabs(ph) >= tiny))
        return false; /* the product's low part would not be exact */
    double pl = fma(x, y, -ph);
    double terms[4] = {ph, pl, z, -r};
    bool exact = fp_exact_sum_is_zero(terms, 4);
    if (!exact && !(__builtin_fabs(r) >= 0x1p-1021))
        return false;
    *out = fp_f64_bits(r);
    if (!exact)
        *flags |= IR_FPF_NX;
    return true;
}

/* fp_fast_fma_in leaves its products and residuals' host flags in the caller's MXCSR: the
 * f64 product x * y is inexact where the fused result may be exact. Compiled code calls
 * fp_arith with its region's sticky MXCSR flags live (docs/translator.md, "Floating
 * point"), so unless the result is taken as inexact (the flag it then raises is the
 * guest's), the caller's MXCSR gets its flags back: an exact fmadd.d under AOT read NX. */
static bool fp_fast_fma(IRType t, uint64_t a, uint64_t b, uint64_t c, uint64_t *out,
                        uint32_t *flags)
{
    uint32_t before, got = 0;
    __asm__ volatile("stmxcsr %0" : "=m"(before)::"memory");
    bool ok = fp_fast_fma_in(t, a, b, c, out, &got);
    if (!ok || !(got & IR_FPF_NX))
        fp_host_leave(before); /* the flags it returns are not the guest's */
    *flags |= got;
    return ok;
}

static bool fp_fast_arith(IROp op, IRType t, uint64_t a, uint64_t b, uint64_t *out,
                          uint32_t *flags)
{
    const FpFormat *f = fp_format(t);
    if (op == IR_FMA || !fp_fast_operand(f, a) || (op != IR_FSQRT && !fp_fast_operand(f, b)) ||
        !fp_host_rounds_to_nearest())
        return false;
    return t == IR_F32 ? fp_fast_arith32(op, a, b, out, flags)
                       : fp_fast_arith64(op, a, b, out, flags);
}

/* allow_fast: the fast path may run (it computes in the caller's MXCSR, where a result it
 * then rejects leaves inexact/underflow behind: harmless for the JIT's sticky host flags
 * only when the exact result raises them too, which FP_FLUSH_ZERO breaks). */
static uint64_t fp_arith_core(IROp op, IRType t, unsigned rm, unsigned nan, uint64_t a,
                              uint64_t b, uint64_t c, bool allow_fast, uint32_t *flags)
{
    const FpFormat *f = fp_format(t);
    uint64_t r;
    rm = fp_valid_rm(rm);
    if (fp_arith_special(op, f, nan, a, b, c, flags, &r))
        return r;
    if (rm == IR_RM_RMM && op != IR_FSQRT) /* a square root is never a tie: RMM == RNE */
        return t == IR_F32 ? fp_soft_arith32(op, rm, a, b, c, nan, flags)
                           : fp_soft_arith64(op, rm, a, b, c, nan, flags);
    if (rm == IR_RM_RNE && allow_fast) {
        const FpFormat *ff = fp_format(t);
        if (op == IR_FMA ? fp_fast_operand(ff, a) && fp_fast_operand(ff, b) &&
                               fp_fast_operand(ff, c) && fp_host_rounds_to_nearest() &&
                               fp_fast_fma(t, a, b, c, &r, flags)
                         : fp_fast_arith(op, t, a, b, &r, flags))
            return r;
    }
    bool tiny_before = fp_is_arm(nan);
    uint32_t host = 0;
    r = fp_host_arith(op, t, rm, a, b, c, &host);
    if (nan != IR_NAN_X86)
        host &= ~(uint32_t)IR_FPF_DE;
    if (tiny_before && (host & IR_FPF_NX) && !(host & IR_FPF_UF) &&
        (r & ~f->sign_bit) == (1ull << f->frac_bits)) {
        /* Rounded up to the smallest normal: tiny before rounding if truncation is below. */
        uint32_t ignored = 0;
        uint64_t z = fp_host_arith(op, t, IR_RM_RTZ, a, b, c, &ignored);
        if ((z & ~f->sign_bit) < (1ull << f->frac_bits))
            host |= IR_FPF_UF;
    }
    *flags |= host;
    if (fp_is_nan(f, r))
        return fp_default_nan(f, nan);
    return r;
}

/* fp_arith or fp_arith_soft (`soft`) with FP_FLUSH_ZERO applied around it. */
static uint64_t fp_arith_flushing(bool soft, IROp op, IRType t, unsigned rm, unsigned nan,
                                  uint64_t a, uint64_t b, uint64_t c, uint32_t *flags)
{
    if (!(nan & FP_FLUSH_ZERO))
        return soft ? fp_arith_soft_core(op, t, rm, nan, a, b, c, flags)
                    : fp_arith_core(op, t, rm, nan, a, b, c, true, flags);
    const FpFormat *f = fp_format(t);
    nan &= ~(unsigned)FP_FLUSH_ZERO;
    a = fp_flush_input(f, a, flags);
    if (op != IR_FSQRT)
        b = fp_flush_input(f, b, flags);
    if (op == IR_FMA)
        c = fp_flush_input(f, c, flags);
    uint32_t got = 0;
    uint64_t r = soft ? fp_arith_soft_core(op, t, rm, nan, a, b, c, &got)
                      : fp_arith_core(op, t, rm, nan, a, b, c, false, &got);
    return fp_flush_result(f, r, got, flags);
}

uint64_t fp_arith_soft(IROp op, IRType t, unsigned rm, unsigned nan, uint64_t a, uint64_t b,
                       uint64_t c, uint32_t *flags)
{
    return fp_arith_flushing(true, op, t, rm, nan, a, b, c, flags);
}

uint64_t fp_arith(IROp op, IRType t, unsigned rm, unsigned nan, uint64_t a, uint64_t b,
                  uint64_t c, uint32_t *flags)
{
    return fp_arith_flushing(false, op, t, rm, nan, a, b, c, flags);
}

/* ---- Comparisons and min/max (software) -------------------------------------------------- */

/* A signed key ordering non-NaN values; -0 and +0 get the same key. */
static int64_t fp_order_key(const FpFormat *f, uint64_t x)
{
    int64_t mag = (int64_t)(x & ~f->sign_bit);
    return (x & f->sign_bit) ? -mag : mag;
}

static void fp_note_denormals(const FpFormat *f, unsigned nan, uint64_t a, uint64_t b,
                              uint32_t *flags)
{
    if (nan == IR_NAN_X86 && (fp_is_denormal(f, a) || fp_is_denormal(f, b)))
        *flags |= IR_FPF_DE;
}

uint64_t fp_min_max(bool is_max, IRType t, unsigned kind, unsigned nan, uint64_t a, uint64_t b,
                    uint32_t *flags)
{
    const FpFormat *f = fp_format(t);
    if (nan & FP_FLUSH_ZERO) {
        nan &= ~(unsigned)FP_FLUSH_ZERO;
        a = fp_flush_input(f, a, flags);
        b = fp_flush_input(f, b, flags);
    }
    bool a_nan = fp_is_nan(f, a), b_nan = fp_is_nan(f, b);
    bool any_snan = fp_is_snan(f, a) || fp_is_snan(f, b);
    uint64_t ops[2] = {a, b};
    if (kind == IR_FMIN_X86) {
        if (a_nan || b_nan)
            *flags |= IR_FPF_NV;
        else
            fp_note_denormals(f, nan, a, b, flags);
        if (a_nan || b_nan || (fp_is_zero(f, a) && fp_is_zero(f, b)))
            return b;
        int64_t ka = fp_order_key(f, a), kb = fp_order_key(f, b);
        return (is_max ? ka > kb : ka < kb) ? a : b;
    }
    if (any_snan)
        *flags |= IR_FPF_NV;
    if (a_nan || b_nan) {
        if (kind == IR_FMIN_NUMBER && !(a_nan && b_nan))
            return a_nan ? b : a;
        if (kind == IR_FMIN_ARM_NM && !any_snan && !(a_nan && b_nan))
            return a_nan ? b : a;
        return fp_nan_propagate(f, nan, ops, 2);
    }
    if (fp_is_zero(f, a) && fp_is_zero(f, b)) {
        /* -0 < +0 */
        bool a_neg = (a & f->sign_bit) != 0;
        if (is_max)
            return a_neg ? b : a;
        return a_neg ? a : b;
    }
    int64_t ka = fp_order_key(f, a), kb = fp_order_key(f, b);
    return (is_max ? ka >= kb : ka <= kb) ? a : b;
}

bool fp_compare(unsigned cond, IRType t, unsigned nan, uint64_t a, uint64_t b, uint32_t *flags)
{
    const FpFormat *f = fp_format(t);
    if (nan & FP_FLUSH_ZERO) {
        nan &= ~(unsigned)FP_FLUSH_ZERO;
        a = fp_flush_input(f, a, flags);
        b = fp_flush_input(f, b, flags);
    }
    bool unordered = fp_is_nan(f, a) || fp_is_nan(f, b);
    bool signalling = cond >= IR_FCC_OEQ_S;
    unsigned base = signalling ? cond - IR_FCC_OEQ_S : cond;
    if (fp_is_snan(f, a) || fp_is_snan(f, b) || (signalling && unordered))
        *flags |= IR_FPF_NV;
    if (!unordered)
        fp_note_denormals(f, nan, a, b, flags);
    int64_t ka = fp_order_key(f, a), kb = fp_order_key(f, b);
    switch (base) {
    case IR_FCC_OEQ: return !unordered && ka == kb;
    case IR_FCC_OLT: return !unordered && ka < kb;
    case IR_FCC_OLE: return !unordered && ka <= kb;
    case IR_FCC_UNO: return unordered;
    default: return unordered || ka != kb; /* UNE */
    }
}

/* ---- Rounding to integers and conversions (software) ------------------------------------ */

/* |x| rounded to an integer in rm: *mag, or *huge when it needs more than 128 bits. */
static void fp_round_magnitude(const FpFormat *f, uint64_t x, unsigned rm, U128 *mag, bool *huge,
                               bool *inexact)
{
    bool sign;
    int exp;
    uint64_t sig;
    *huge = false;
    *inexact = false;
    *mag = 0;
    if (fp_is_zero(f, x))
        return;
    fp_unpack(f, x, &sign, &exp, &sig);
    if (exp >= 0) {
        if (exp + (64 - __builtin_clzll(sig)) > 128)
            *huge = true;
        else
            *mag = (U128)sig << exp;
        return;
    }
    int where;
    U128 m;
    int shift = -exp;
    if (shift >= 128) {
        m = 0;
        where = FP_BELOW_HALF;
    } else {
        U128 s = sig;
        m = s >> shift;
        U128 rest = s & (((U128)1 << shift) - 1);
        U128 half = (U128)1 << (shift - 1);
        where = rest == 0 ? FP_EXACT : rest < half ? FP_BELOW_HALF : rest == half ? FP_HALF
                                                                                  : FP_ABOVE_HALF;
    }
    *inexact = where != FP_EXACT;
    *mag = m + fp_round_increment(rm, sign, (unsigned)m & 1, where);
}

uint64_t fp_round_integral(IRType t, unsigned rm, unsigned nan, bool signal_inexact, uint64_t a,
                           uint32_t *flags)
{
    rm = fp_valid_rm(rm);
    const FpFormat *f = fp_format(t);
    if (nan & FP_FLUSH_ZERO) {
        nan &= ~(unsigned)FP_FLUSH_ZERO;
        a = fp_flush_input(f, a, flags);
    }
    if (fp_is_nan(f, a)) {
        if (fp_is_snan(f, a))
            *flags |= IR_FPF_NV;
        return fp_nan_propagate(f, nan, &a, 1);
    }
    uint64_t field = (a & f->exp_mask) >> f->frac_bits;
    if (fp_is_inf(f, a) || fp_is_zero(f, a) || (int)field - f->bias >= (int)f->frac_bits)
        return a; /* already integral */
    U128 mag;
    bool huge, inexact;
    fp_round_magnitude(f, a, rm, &mag, &huge, &inexact);
    if (inexact && signal_inexact)
        *flags |= IR_FPF_NX;
    bool sign = (a & f->sign_bit) != 0;
    if (mag == 0)
        return sign ? f->sign_bit : 0;
    uint32_t exact_flags = 0; /* an integer below 2^p converts exactly */
    return fp_round_pack(f, sign, 0, mag, IR_RM_RNE, false, &exact_flags);
}

unsigned __int128 fp_convert_to_int(IRType from, unsigned bits, unsigned kind, unsigned rm,
                                    uint64_t a, uint32_t *flags)
{
    rm = fp_valid_rm(rm);
    const FpFormat *f = fp_format(from);
    fvp_assert(bits >= 1 && bits <= 128);
    if (kind & FP_FLUSH_ZERO) {
        kind &= ~(unsigned)FP_FLUSH_ZERO;
        a = fp_flush_input(f, a, flags);
    }
    bool is_unsigned = kind & IR_CVT_UNSIGNED;
    unsigned sat = kind & ~(unsigned)IR_CVT_UNSIGNED;
    U128 all = bits == 128 ? ~(U128)0 : (((U128)1 << bits) - 1);
    U128 smax = all >> 1, smin = smax + 1; /* smin as the unsigned bit pattern */
    U128 umax = all;
    bool sign = (a & f->sign_bit) != 0;
    bool nan = fp_is_nan(f, a);
    U128 mag = 0;
    bool huge = fp_is_inf(f, a), inexact = false;
    if (!nan && !huge)
        fp_round_magnitude(f, a, rm, &mag, &huge, &inexact);
    bool in_range;
    if (nan || huge)
        in_range = false;
    else if (is_unsigned)
        in_range = (!sign || mag == 0) && mag <= umax;
    else
        in_range = sign ? mag <= smin : mag <= smax;
    if (in_range) {
        if (inexact)
            *flags |= IR_FPF_NX;
        return (sign ? (U128)0 - mag : mag) & all;
    }
    *flags |= IR_FPF_NV;
    if (sat == IR_CVT_INDEFINITE)
        return is_unsigned ? umax : smin;
    if (nan)
        return sat == IR_CVT_SAT_ARM ? 0 : is_unsigned ? umax : smax;
    if (is_unsigned)
        return sign ? 0 : umax;
    return sign ? smin : smax;
}

uint64_t fp_convert_from_int(IRType to, unsigned bits, bool is_signed, unsigned rm, unsigned nan,
                             unsigned __int128 v, uint32_t *flags)
{
    rm = fp_valid_rm(rm);
    nan &= ~(unsigned)FP_FLUSH_ZERO; /* an integer never converts to a tiny result */
    const FpFormat *f = fp_format(to);
    fvp_assert(bits >= 1 && bits <= 128);
    bool sign = is_signed && ((v >> (bits - 1)) & 1);
    U128 mag = v;
    if (sign) {
        U128 all = bits == 128 ? ~(U128)0 : (((U128)1 << bits) - 1);
        mag = ((U128)0 - v) & all;
        if (bits < 128 && mag == 0) /* cannot happen for a set sign bit */
            mag = (U128)1 << (bits - 1);
    }
    if (mag == 0)
        return 0;
    return fp_round_pack(f, sign, 0, mag, rm, fp_is_arm(nan), flags);
}

/* Converts a from format fs to the different format fd. */
static uint64_t fp_convert_format(const FpFormat *fd, const FpFormat *fs, unsigned rm,
                                  unsigned nan, uint64_t a, uint32_t *flags)
{
    rm = fp_valid_rm(rm);
    bool sign = (a & fs->sign_bit) != 0;
    uint64_t sign_bits = sign ? fd->sign_bit : 0;
    if (fp_is_nan(fs, a)) {
        if (fp_is_snan(fs, a))
            *flags |= IR_FPF_NV;
        if (nan == IR_NAN_CANONICAL || nan == IR_NAN_ARM_DEFAULT)
            return fp_default_nan(fd, nan);
        /* Quietened, payload kept from the top of the fraction. */
        uint64_t frac = a & fs->frac_mask;
        frac = fd->frac_bits > fs->frac_bits ? frac << (fd->frac_bits - fs->frac_bits)
                                             : frac >> (fs->frac_bits - fd->frac_bits);
        return sign_bits | fd->exp_mask | fd->quiet_bit | frac;
    }
    if (fp_is_inf(fs, a))
        return sign_bits | fd->exp_mask;
    if (fp_is_zero(fs, a))
        return sign_bits;
    if (nan == IR_NAN_X86 && fp_is_denormal(fs, a))
        *flags |= IR_FPF_DE;
    int exp;
    uint64_t sig;
    fp_unpack(fs, a, &sign, &exp, &sig);
    return fp_round_pack(fd, sign, exp, sig, rm, fp_is_arm(nan), flags);
}

uint64_t fp_convert_float(IRType to, IRType from, unsigned rm, unsigned nan, uint64_t a,
                          uint32_t *flags)
{
    if (to == from)
        return a;
    const FpFormat *fs = fp_format(from), *fd = fp_format(to);
    if (!(nan & FP_FLUSH_ZERO))
        return fp_convert_format(fd, fs, rm, nan, a, flags);
    nan &= ~(unsigned)FP_FLUSH_ZERO;
    a = fp_flush_input(fs, a, flags);
    uint32_t got = 0;
    uint64_t r = fp_convert_format(fd, fs, rm, nan, a, &got);
    return fp_flush_result(fd, r, got, flags);
}

uint64_t fp_convert_half(bool to_half, IRType t, unsigned rm, unsigned nan, uint64_t a,
                         uint32_t *flags)
{
    const FpFormat *f = fp_format(t);
    bool flush = nan & FP_FLUSH_ZERO;
    nan &= ~(unsigned)FP_FLUSH_ZERO;
    if (!to_half)
        return fp_convert_format(f, &fp_format16, rm, nan, a & 0xffff, flags);
    if (flush) /* FPCR.FZ flushes a single/double input; half results are never flushed */
        a = fp_flush_input(f, a, flags);
    return fp_convert_format(&fp_format16, f, rm, nan, a, flags);
}
