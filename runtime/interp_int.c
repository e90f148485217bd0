/* Interpreter integer semantics at any width (i1..i128), scalar and lane-wise on v128. */
#include <string.h>

#include "common/common.h"
#include "runtime/interp_internal.h"

typedef unsigned __int128 U128;
typedef __int128 S128;

static U128 int_mask(unsigned w)
{
    return w >= 128 ? ~(U128)0 : (((U128)1 << w) - 1);
}

/* v (zero-extended from w bits) as a signed value. */
static S128 int_sext(U128 v, unsigned w)
{
    if (w >= 128)
        return (S128)v;
    unsigned s = 128 - w;
    return (S128)(v << s) >> s;
}

static bool int_negative(U128 v, unsigned w)
{
    return (v >> (w - 1)) & 1;
}

static unsigned int_bit_length(U128 v)
{
    uint64_t hi = (uint64_t)(v >> 64), lo = (uint64_t)v;
    if (hi)
        return 128 - (unsigned)__builtin_clzll(hi);
    return lo ? 64 - (unsigned)__builtin_clzll(lo) : 0;
}

static unsigned int_trailing_zeros(U128 v)
{
    uint64_t hi = (uint64_t)(v >> 64), lo = (uint64_t)v;
    if (lo)
        return (unsigned)__builtin_ctzll(lo);
    return hi ? 64 + (unsigned)__builtin_ctzll(hi) : 128;
}

/* High 128 bits of the unsigned 256-bit product a * b. */
static U128 int_mulhu128(U128 a, U128 b)
{
    uint64_t a0 = (uint64_t)a, a1 = (uint64_t)(a >> 64), b0 = (uint64_t)b, b1 = (uint64_t)(b >> 64);
    U128 p00 = (U128)a0 * b0, p01 = (U128)a0 * b1, p10 = (U128)a1 * b0, p11 = (U128)a1 * b1;
    U128 mid = (p00 >> 64) + (uint64_t)p01 + (uint64_t)p10;
    return p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
}

/* High half of a * b at width w; a_signed/b_signed select the operand interpretation. */
static U128 int_mulh(U128 a, U128 b, unsigned w, bool a_signed, bool b_signed)
{
    if (w <= 64) {
        S128 x = a_signed ? int_sext(a, w) : (S128)a;
        S128 y = b_signed ? int_sext(b, w) : (S128)b;
        if (a_signed || b_signed) /* a signed x unsigned 64-bit product still fits in 128 */
            return (U128)(x * y >> w) & int_mask(w);
        return ((U128)x * (U128)y >> w) & int_mask(w);
    }
    U128 hi = int_mulhu128(a, b);
    if (a_signed && int_negative(a, 128))
        hi -= b;
    if (b_signed && int_negative(b, 128))
        hi -= a;
    return hi;
}

static U128 int_divide(unsigned op, unsigned mode, unsigned w, U128 a, U128 b)
{
    U128 m = int_mask(w);
    bool is_signed = op == IR_DIVS || op == IR_REMS;
    bool is_rem = op == IR_REMS || op == IR_REMU;
    if (b == 0) {
        if (is_rem)
            return a; /* RISC-V and AArch64 (MSUB after a zero quotient) agree */
        return mode == IR_DIV_ARM ? 0 : m;
    }
    if (!is_signed)
        return (is_rem ? a % b : a / b) & m;
    U128 min = (U128)1 << (w - 1);
    if (a == min && b == m) /* MIN / -1 overflows */
        return is_rem ? 0 : min;
    S128 x = int_sext(a, w), y = int_sext(b, w);
    return (U128)(is_rem ? x % y : x / y) & m;
}

static U128 int_saturate(unsigned op, unsigned w, U128 a, U128 b)
{
    U128 m = int_mask(w);
    switch (op) {
    case IR_UADDSAT: {
        U128 r = (a + b) & m;
        return r < a ? m : r;
    }
    case IR_USUBSAT: return a > b ? a - b : 0;
    default: break;
    }
    S128 x = int_sext(a, w), y = int_sext(b, w), r;
    U128 smax = m >> 1;
    bool overflow = op == IR_SADDSAT ? __builtin_add_overflow(x, y, &r)
                                     : __builtin_sub_overflow(x, y, &r);
    if (!overflow && w < 128 && (r > (S128)smax || r < -(S128)smax - 1))
        overflow = true;
    if (overflow) /* the sign of y says which way it went */
        return (op == IR_SADDSAT) == (y >= 0) ? smax : (smax + 1);
    return (U128)r & m;
}

static bool int_compare(unsigned cond, unsigned w, U128 a, U128 b)
{
    S128 x = int_sext(a, w), y = int_sext(b, w);
    switch (cond) {
    case IR_CC_EQ: return a == b;
    case IR_CC_NE: return a != b;
    case IR_CC_SLT: return x < y;
    case IR_CC_SLE: return x <= y;
    case IR_CC_SGT: return x > y;
    case IR_CC_SGE: return x >= y;
    case IR_CC_ULT: return a < b;
    case IR_CC_ULE: return a <= b;
    case IR_CC_UGT: return a > b;
    default: return a >= b; /* UGE */
    }
}

static U128 int_bswap(U128 a, unsigned w)
{
    U128 r = 0;
    for (unsigned i = 0; i < w / 8; i++)
        r |= ((a >> (8 * i)) & 0xff) << (w - 8 - 8 * i);
    return w < 8 ? a : r;
}

U128 interp_int_compute(unsigned op, unsigned cond, unsigned w, unsigned src_w, U128 a, U128 b,
                        U128 c)
{
    U128 m = int_mask(w);
    unsigned amount = (unsigned)b & (w - 1); /* widths are powers of two */
    switch (op) {
    case IR_ADD: return (a + b) & m;
    case IR_SUB: return (a - b) & m;
    case IR_MUL: return (a * b) & m;
    case IR_MULHS: return int_mulh(a, b, w, true, true);
    case IR_MULHU: return int_mulh(a, b, w, false, false);
    case IR_MULHSU: return int_mulh(a, b, w, true, false);
    case IR_DIVS:
    case IR_DIVU:
    case IR_REMS:
    case IR_REMU: return int_divide(op, cond, w, a, b);
    case IR_AND: return a & b;
    case IR_OR: return a | b;
    case IR_XOR: return a ^ b;
    case IR_NOT: return ~a & m;
    case IR_NEG: return (0 - a) & m;
    case IR_SHL: return (a << amount) & m;
    case IR_SHR: return a >> amount;
    case IR_SAR: return (U128)(int_sext(a, w) >> amount) & m;
    case IR_ROTL: return amount ? ((a << amount) | (a >> (w - amount))) & m : a;
    case IR_ROTR: return amount ? ((a >> amount) | (a << (w - amount))) & m : a;
    case IR_CLZ: return w - int_bit_length(a);
    case IR_CTZ: return a ? int_trailing_zeros(a) : w;
    case IR_POPCNT:
        return (unsigned)__builtin_popcountll((uint64_t)a) +
               (unsigned)__builtin_popcountll((uint64_t)(a >> 64));
    case IR_BSWAP: return int_bswap(a, w);
    case IR_SMIN: return int_sext(a, w) <= int_sext(b, w) ? a : b;
    case IR_SMAX: return int_sext(a, w) >= int_sext(b, w) ? a : b;
    case IR_UMIN: return a <= b ? a : b;
    case IR_UMAX: return a >= b ? a : b;
    case IR_SADDSAT:
    case IR_UADDSAT:
    case IR_SSUBSAT:
    case IR_USUBSAT: return int_saturate(op, w, a, b);
    case IR_CMP: return int_compare(cond, src_w, a, b);
    case IR_SELECT: return (a & 1) ? b : c;
    case IR_ZEXT:
    case IR_BITCAST: return a;
    case IR_SEXT: return (U128)int_sext(a, src_w) & m;
    case IR_TRUNC: return a & m;
    case IR_UADDO: {
        /* the flag ops work at the operands' width src_w */
        U128 sm = int_mask(src_w), r = (a + b) & sm, r2 = (r + (c & 1)) & sm;
        return r < a || r2 < r;
    }
    case IR_SADDO: {
        U128 r = (a + b + (c & 1)) & int_mask(src_w);
        return int_negative(~(a ^ b) & (a ^ r), src_w);
    }
    case IR_USUBO: return a < b || ((c & 1) && a == b);
    case IR_SSUBO: {
        U128 r = (a - b - (c & 1)) & int_mask(src_w);
        return int_negative((a ^ b) & (a ^ r), src_w);
    }
    default: fvp_assert(!"interp: not an integer op");
    }
}

void interp_eval_int_scalar(const InterpInsn *in, IRValue *d, const IRValue *a, const IRValue *b,
                            const IRValue *c)
{
    unsigned w = ir_type_bits((IRType)in->type);
    unsigned aw = ir_type_bits((IRType)in->atype);
    unsigned bw = ir_type_bits((IRType)in->btype);
    unsigned cw = ir_type_bits((IRType)in->ctype);
    U128 x = interp_value_read(a, aw), y = interp_value_read(b, bw), z = interp_value_read(c, cw);
    interp_value_write(d, w, interp_int_compute(in->op, in->cond, w, aw, x, y, z));
}

static U128 lane_read(const IRValue *v, unsigned w, unsigned i)
{
    switch (w) {
    case 8: return v->u8[i];
    case 16: return v->u16[i];
    case 32: return v->u32[i];
    default: return v->u64[i];
    }
}

static void lane_write(IRValue *v, unsigned w, unsigned i, U128 x)
{
    switch (w) {
    case 8: v->u8[i] = (uint8_t)x; break;
    case 16: v->u16[i] = (uint16_t)x; break;
    case 32: v->u32[i] = (uint32_t)x; break;
    default: v->u64[i] = (uint64_t)x; break;
    }
}

/* GCC vector types for the common lane ops: whole-vector arithmetic, no per-lane calls. */
typedef uint8_t IntV8 __attribute__((vector_size(16)));
typedef uint16_t IntV16 __attribute__((vector_size(16)));
typedef uint32_t IntV32 __attribute__((vector_size(16)));
typedef uint64_t IntV64 __attribute__((vector_size(16)));

#define INT_VECTOR_FAST(V)                                                                             do {                                                                                                   V x, y, r;                                                                                         memcpy(&x, a, 16);                                                                                 memcpy(&y, b, 16);                                                                                 switch (in->op) {                                                                                  case IR_ADD: r = x + y; break;                                                                     case IR_SUB: r = x - y; break;                                                                     case IR_MUL: r = x * y; break;                                                                     default: return false;                                                                             }                                                                                                  memcpy(d, &r, 16);                                                                                 return true;                                                                                   } while (0)

/* ADD/SUB/MUL on integer lanes and the bitwise ops; false for anything else. */
static bool int_vector_fast(const InterpInsn *in, unsigned w, IRValue *d, const IRValue *a,
                            const IRValue *b)
{
    switch (in->op) {
    case IR_AND: d->u128 = a->u128 & b->u128; return true;
    case IR_OR: d->u128 = a->u128 | b->u128; return true;
    case IR_XOR: d->u128 = a->u128 ^ b->u128; return true;
    case IR_NOT: d->u128 = ~a->u128; return true;
    default: break;
    }
    switch (w) {
    case 8: INT_VECTOR_FAST(IntV8);
    case 16: INT_VECTOR_FAST(IntV16);
    case 32: INT_VECTOR_FAST(IntV32);
    default: INT_VECTOR_FAST(IntV64);
    }
}

void interp_eval_int_vector(const InterpInsn *in, IRValue *d, const IRValue *a, const IRValue *b,
                            const IRValue *c)
{
    IRValue r;
    if (in->op == IR_SELECT) { /* bitwise by a v128 mask */
        d->u128 = (a->u128 & b->u128) | (~a->u128 & c->u128);
        return;
    }
    IRLane lane = (IRLane)in->lane;
    if (lane == IR_LANE_NONE)
        lane = (IRLane)in->alane;
    if (int_vector_fast(in, ir_lane_bits(lane), d, a, b))
        return;
    unsigned w = ir_lane_bits(lane), n = ir_lane_count(lane);
    fvp_assert(n != 0 && !ir_lane_is_float(lane));
    for (unsigned i = 0; i < n; i++) {
        U128 x = lane_read(a, w, i), y = lane_read(b, w, i), z = lane_read(c, w, i);
        U128 v = interp_int_compute(in->op, in->cond, w, w, x, y, z);
        if (in->op == IR_CMP)
            v = v ? int_mask(w) : 0;
        lane_write(&r, w, i, v);
    }
    *d = r;
}
