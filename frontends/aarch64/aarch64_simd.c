/* Lifters for Advanced SIMD arithmetic: three same, three different, two-register misc,
 * across lanes and scalar pairwise, vector and scalar forms. */
#include "frontends/aarch64/aarch64_helpers.h"
#include "frontends/aarch64/aarch64_internal.h"

#define V(op, lane, x, y) a64_vop(c, IR_##op, lane, 0, x, y, 0)
#define VCMP(cond, lane, x, y) a64_vop(c, IR_CMP, lane, IR_CC_##cond, x, y, 0)
#define VFCMP(cond, lane, x, y) a64_vop(c, IR_FCMP, lane, IR_FCC_##cond, x, y, 0)

/* The result of a scalar form: only lane 0 survives, the rest of the register is zero. */
static void put_result(A64Lift *c, const int64_t scalar, int64_t rd, uint32_t v, IRLane lane,
                       int64_t q)
{
    if (scalar) {
        IRType et = ir_lane_elem_type(lane);
        uint32_t e = ir_emit(
            c->b, &(IRInsn){.op = IR_VEXTRACT, .type = et, .lane = lane, .nargs = 1, .args = {v}});
        a64_put_vlow(c, rd, e);
    } else {
        a64_put_vq(c, rd, v, q);
    }
}

/* Pairwise: op over adjacent elements of x:y (Q=1) or x.lo:y.lo (Q=0). */
static uint32_t pairwise(A64Lift *c, IROp op, IRLane lane, unsigned cond, uint32_t x, uint32_t y,
                         int64_t q)
{
    unsigned es = ir_lane_bits(lane) / 8;
    if (!q) {
        x = a64_concat_low(c, x, y);
        y = x;
    }
    uint32_t ev = a64_unzip(c, x, y, es, 0), od = a64_unzip(c, x, y, es, 1);
    return a64_vop(c, op, lane, cond, ev, od, 0);
}

/* |x - y| per lane. */
static uint32_t abd(A64Lift *c, IRLane lane, bool is_unsigned, uint32_t x, uint32_t y)
{
    uint32_t hi = is_unsigned ? V(UMAX, lane, x, y) : V(SMAX, lane, x, y);
    uint32_t lo = is_unsigned ? V(UMIN, lane, x, y) : V(SMIN, lane, x, y);
    return V(SUB, lane, hi, lo);
}

/* SSHL/USHL: shift by the signed low byte of each lane of y; left if positive. */
static uint32_t shift_reg(A64Lift *c, IRLane lane, bool is_unsigned, uint32_t x, uint32_t y)
{
    unsigned w = ir_lane_bits(lane);
    uint32_t k = a64_vconst(c, lane, w - 8);
    uint32_t amt = w == 8 ? y : V(SAR, lane, V(SHL, lane, y, k), k);
    uint32_t zero = a64_vconst(c, lane, 0), width = a64_vconst(c, lane, w);
    uint32_t neg = VCMP(SLT, lane, amt, zero);
    uint32_t left = V(SHL, lane, x, amt);
    left = a64_vop(c, IR_SELECT, lane, 0, VCMP(SGE, lane, amt, width), zero, left);
    uint32_t ramt = V(SUB, lane, zero, amt); /* -(-128) wraps in 8-bit lanes: big catches it */
    uint32_t big = VCMP(SLE, lane, amt, a64_vconst(c, lane, (uint64_t) - (int64_t)w));
    uint32_t right;
    if (is_unsigned) {
        right = a64_vop(c, IR_SELECT, lane, 0, big, zero, V(SHR, lane, x, ramt));
    } else {
        uint32_t clamped = a64_vop(c, IR_SELECT, lane, 0, big, a64_vconst(c, lane, w - 1), ramt);
        right = V(SAR, lane, x, clamped);
    }
    return a64_vop(c, IR_SELECT, lane, 0, neg, right, left);
}

/* An FP operand with the lanes the instruction does not use (the upper half of Q=0 forms,
 * all but lane 0 of scalar forms) replaced by 1.0, which raises no exception flags in any
 * operation the callers apply: the whole-register IR op then accrues only the active
 * lanes' flags. */
static uint32_t fp_active(A64Lift *c, uint32_t v, IRLane lane, int64_t q, int64_t scalar)
{
    IRBlock *b = c->b;
    bool f64 = lane == IR_LANE_F64X2;
    if (q && !scalar)
        return v;
    uint32_t wide = ir_conv(b, IR_BITCAST, IR_I128, v);
    uint64_t lo_mask, lo_fill, hi_fill;
    if (!scalar) { /* Q=0 single precision: lanes 2 and 3 */
        lo_mask = ~0ull, lo_fill = 0, hi_fill = 0x3f8000003f800000ull;
    } else if (f64) {
        lo_mask = ~0ull, lo_fill = 0, hi_fill = 0x3ff0000000000000ull;
    } else {
        lo_mask = 0xffffffffull, lo_fill = 0x3f80000000000000ull, hi_fill = 0x3f8000003f800000ull;
    }
    uint32_t kept = ir_binop(b, IR_AND, wide, ir_const128(b, IR_I128, lo_mask, 0));
    uint32_t r = ir_binop(b, IR_OR, kept, ir_const128(b, IR_I128, lo_fill, hi_fill));
    return ir_conv(b, IR_BITCAST, IR_V128, r);
}

/* Lanes where one operand is a zero and the other an infinity (FMULX, FRECPS, FRSQRTS
 * define that product instead of raising invalid). With FPCR.FZ a denormal counts as a
 * zero: a quiet compare of each operand with itself raises its IDC (and nothing the
 * product would not raise), as Arm's FPUnpack of both operands does. */
static uint32_t zero_times_inf(A64Lift *c, IRLane lane, uint32_t x, uint32_t y)
{
    IRBlock *b = c->b;
    bool f64 = lane == IR_LANE_F64X2;
    IRLane il = f64 ? IR_LANE_I64X2 : IR_LANE_I32X4;
    IRType it = f64 ? IR_I64 : IR_I32;
    uint32_t mag = a64_vconst(c, il, f64 ? 0x7fffffffffffffffull : 0x7fffffffu);
    uint32_t inf = a64_vconst(c, il, f64 ? 0x7ff0000000000000ull : 0x7f800000u);
    uint32_t min_normal = a64_vconst(c, il, f64 ? 1ull << 52 : 1u << 23);
    uint32_t zero = a64_vconst(c, il, 0);
    uint32_t ax = V(AND, il, x, mag), ay = V(AND, il, y, mag);
    uint32_t fz =
        ir_binop(b, IR_AND, ir_get(b, IR_I32, A64_OFF_FP_ROUND), ir_const(b, IR_I32, IR_FPMODE_FZ));
    fz = ir_conv(b, IR_SEXT, it, ir_cmp(b, IR_CC_NE, fz, ir_const(b, IR_I32, 0)));
    uint32_t fz_mask = a64_vop(c, IR_VSPLAT, il, 0, fz, 0, 0);
    uint32_t zx =
        V(OR, il, VCMP(EQ, il, ax, zero), V(AND, il, fz_mask, VCMP(ULT, il, ax, min_normal)));
    uint32_t zy =
        V(OR, il, VCMP(EQ, il, ay, zero), V(AND, il, fz_mask, VCMP(ULT, il, ay, min_normal)));
    VFCMP(OEQ, lane, x, x);
    VFCMP(OEQ, lane, y, y);
    uint32_t ix = VCMP(EQ, il, ax, inf), iy = VCMP(EQ, il, ay, inf);
    return V(OR, il, V(AND, il, zx, iy), V(AND, il, ix, zy));
}

uint32_t a64_fmulx(A64Lift *c, IRLane lane, uint32_t x, uint32_t y)
{
    bool f64 = lane == IR_LANE_F64X2;
    IRLane il = f64 ? IR_LANE_I64X2 : IR_LANE_I32X4;
    uint32_t special = zero_times_inf(c, lane, x, y);
    /* 0 * inf is +-2.0 (sign of the product): multiply +-2.0 by 1.0 there, exactly */
    uint32_t sign = V(AND, il, V(XOR, il, x, y), a64_vconst(c, il, f64 ? 1ull << 63 : 1u << 31));
    uint32_t two = V(OR, il, sign, a64_vconst(c, il, f64 ? 0x4000000000000000ull : 0x40000000u));
    uint32_t one = a64_vconst(c, il, f64 ? 0x3ff0000000000000ull : 0x3f800000u);
    uint32_t xs = a64_vop(c, IR_SELECT, il, 0, special, two, x);
    uint32_t ys = a64_vop(c, IR_SELECT, il, 0, special, one, y);
    return a64_vop(c, IR_FMUL, lane, 0, xs, ys, 0);
}

/* FRECPS (2 - x*y) and FRSQRTS ((3 - x*y) / 2), each one fused operation. FRSQRTS is
 * 1.5 - x'*y' with x (else y) halved first when its halving is exact (magnitude at least
 * twice the smallest normal; multiplied by 0.5, the other by 1.0); when neither is, the
 * product is tiny and (3 - x*y) * 0.5 is computed instead. Two NaN operands of different
 * kinds (quiet first, signalling second) pick the first instead of the signalling one.
 * 0 * inf gives 2.0 and 1.5. */
static uint32_t step_fused(A64Lift *c, IRLane lane, uint32_t x, uint32_t y, bool rsqrt)
{
    bool f64 = lane == IR_LANE_F64X2;
    IRLane il = f64 ? IR_LANE_I64X2 : IR_LANE_I32X4;
    uint32_t special = zero_times_inf(c, lane, x, y);
    uint32_t zero = a64_vconst(c, il, 0);
    uint32_t xs = a64_vop(c, IR_SELECT, il, 0, special, zero, x);
    uint32_t ys = a64_vop(c, IR_SELECT, il, 0, special, zero, y);
    uint32_t two = a64_vconst(c, lane, f64 ? 0x4000000000000000ull : 0x40000000u);
    if (!rsqrt) {
        uint32_t nx = a64_vop(c, IR_FNEG, lane, 0, xs, 0, 0);
        return a64_vop(c, IR_FMA, lane, 0, nx, ys, two);
    }
    uint32_t mag = a64_vconst(c, il, f64 ? 0x7fffffffffffffffull : 0x7fffffffu);
    uint32_t min2 = a64_vconst(c, il, f64 ? 0x0020000000000000ull : 0x01000000u);
    uint32_t x_ok = VCMP(UGE, il, V(AND, il, xs, mag), min2);
    uint32_t y_ok = VCMP(UGE, il, V(AND, il, ys, mag), min2);
    uint32_t halve_y = V(AND, il, a64_vop(c, IR_NOT, il, 0, x_ok, 0, 0), y_ok);
    uint32_t neither = a64_vop(c, IR_NOT, il, 0, V(OR, il, x_ok, y_ok), 0, 0);
    uint32_t half = a64_vconst(c, lane, f64 ? 0x3fe0000000000000ull : 0x3f000000u);
    uint32_t one = a64_vconst(c, lane, f64 ? 0x3ff0000000000000ull : 0x3f800000u);
    uint32_t three = a64_vconst(c, lane, f64 ? 0x4008000000000000ull : 0x40400000u);
    uint32_t onehalf = a64_vconst(c, lane, f64 ? 0x3ff8000000000000ull : 0x3fc00000u);
    xs = a64_vop(c, IR_FMUL, lane, 0, xs, a64_vop(c, IR_SELECT, il, 0, x_ok, half, one), 0);
    ys = a64_vop(c, IR_FMUL, lane, 0, ys, a64_vop(c, IR_SELECT, il, 0, halve_y, half, one), 0);
    uint32_t addend = a64_vop(c, IR_SELECT, il, 0, neither, three, onehalf);
    uint32_t nx = a64_vop(c, IR_FNEG, lane, 0, xs, 0, 0);
    uint32_t r = a64_vop(c, IR_FMA, lane, 0, nx, ys, addend);
    return a64_vop(c, IR_FMUL, lane, 0, r, a64_vop(c, IR_SELECT, il, 0, neither, half, one), 0);
}

static bool simd3_fp(A64Lift *c, const A64ArgSimd3 *a)
{
    IRLane lane = a64_flane(a->size & 1);
    if (lane == IR_LANE_F64X2 && !a->q && !a->scalar)
        return false;
    unsigned op = (unsigned)a->opcode - 24, hi = (unsigned)a->size >> 1;
    unsigned key = (unsigned)a->u << 4 | hi << 3 | op;
    uint32_t x = fp_active(c, a64_get_v(c, a->rn), lane, a->q, a->scalar);
    uint32_t y = fp_active(c, a64_get_v(c, a->rm), lane, a->q, a->scalar);
    uint32_t r;
    switch (key) {
    case 0x03:
        r = a64_fmulx(c, lane, x, y);
        break;
    case 0x07:
    case 0x0f:
        r = step_fused(c, lane, x, y, key == 0x0f);
        break;
    case 0x00:
        r = a64_vop(c, IR_FMAX, lane, IR_FMIN_ARM_NM, x, y, 0);
        break;
    case 0x08:
        r = a64_vop(c, IR_FMIN, lane, IR_FMIN_ARM_NM, x, y, 0);
        break;
    case 0x01:
    case 0x09: {
        uint32_t d = fp_active(c, a64_get_v(c, a->rd), lane, a->q, a->scalar);
        if (key == 0x09)
            x = a64_vop(c, IR_FNEG, lane, 0, x, 0, 0);
        r = a64_vop(c, IR_FMA, lane, 0, x, y, d);
        break;
    }
    case 0x02:
        r = a64_vop(c, IR_FADD, lane, 0, x, y, 0);
        break;
    case 0x0a:
        r = a64_vop(c, IR_FSUB, lane, 0, x, y, 0);
        break;
    case 0x04:
        r = VFCMP(OEQ, lane, x, y);
        break;
    case 0x06:
        r = a64_vop(c, IR_FMAX, lane, IR_FMIN_ARM, x, y, 0);
        break;
    case 0x0e:
        r = a64_vop(c, IR_FMIN, lane, IR_FMIN_ARM, x, y, 0);
        break;
    case 0x13:
        r = a64_vop(c, IR_FMUL, lane, 0, x, y, 0);
        break;
    case 0x17:
        r = a64_vop(c, IR_FDIV, lane, 0, x, y, 0);
        break;
    case 0x14:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OLE_S, y, x, 0);
        break; /* FCMGE */
    case 0x1c:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OLT_S, y, x, 0);
        break; /* FCMGT */
    case 0x15:
    case 0x1d: {
        uint32_t ax = a64_vop(c, IR_FABS, lane, 0, x, 0, 0);
        uint32_t ay = a64_vop(c, IR_FABS, lane, 0, y, 0, 0);
        r = a64_vop(c, IR_FCMP, lane, key == 0x15 ? IR_FCC_OLE_S : IR_FCC_OLT_S, ay, ax, 0);
        break;
    }
    case 0x1a:
        r = a64_vop(c, IR_FABS, lane, 0, a64_vop(c, IR_FSUB, lane, 0, x, y, 0), 0, 0);
        break;
    case 0x12:
        if (a->scalar)
            return false;
        r = pairwise(c, IR_FADD, lane, 0, x, y, a->q);
        break;
    case 0x10:
    case 0x18:
    case 0x16:
    case 0x1e: {
        if (a->scalar)
            return false;
        IROp fop = (key & 8) ? IR_FMIN : IR_FMAX;
        unsigned kind = (key & 7) == 0 ? IR_FMIN_ARM_NM : IR_FMIN_ARM;
        r = pairwise(c, fop, lane, kind, x, y, a->q);
        break;
    }
    default:
        return false;
    }
    put_result(c, a->scalar, a->rd, r, lane, a->q);
    return true;
}

bool a64_trans_simd3(A64Lift *c, const A64ArgSimd3 *a)
{
    if (a->opcode >= 24)
        return simd3_fp(c, a);
    IRLane lane = a64_ilane(a->size);
    bool u = a->u != 0;
    if (a->size == 3 && !a->q && !a->scalar && a->opcode != 3)
        return false;
    if (a->scalar && a->size != 3 && a->opcode != 1 && a->opcode != 5 && a->opcode != 9 &&
        a->opcode != 11 && a->opcode != 22)
        return false;
    uint32_t x = a64_get_v(c, a->rn), y = a64_get_v(c, a->rm);
    uint32_t r;
    switch (a->opcode) {
    case 0:
    case 2:
    case 4: { /* SHADD/UHADD, SRHADD/URHADD, SHSUB/UHSUB without a wider intermediate */
        if (a->size == 3)
            return false;
        uint32_t one = a64_vconst(c, lane, 1);
        uint32_t hx = u ? V(SHR, lane, x, one) : V(SAR, lane, x, one);
        uint32_t hy = u ? V(SHR, lane, y, one) : V(SAR, lane, y, one);
        if (a->opcode == 4) {
            uint32_t borrow = V(AND, lane, a64_vop(c, IR_NOT, lane, 0, x, 0, 0), y);
            r = V(SUB, lane, V(SUB, lane, hx, hy), V(AND, lane, borrow, one));
        } else {
            uint32_t low = a->opcode == 0 ? V(AND, lane, x, y) : V(OR, lane, x, y);
            r = V(ADD, lane, V(ADD, lane, hx, hy), V(AND, lane, low, one));
        }
        break;
    }
    case 1:
        r = u ? V(UADDSAT, lane, x, y) : V(SADDSAT, lane, x, y);
        a64_update_qc(c, r, V(ADD, lane, x, y), lane, a->scalar, a->q);
        break;
    case 5:
        r = u ? V(USUBSAT, lane, x, y) : V(SSUBSAT, lane, x, y);
        a64_update_qc(c, r, V(SUB, lane, x, y), lane, a->scalar, a->q);
        break;
    case 3: {
        IRLane l = IR_LANE_I64X2;
        if (a->scalar)
            return false;
        if (!u) {
            switch (a->size) {
            case 0:
                r = V(AND, l, x, y);
                break;
            case 1:
                r = V(AND, l, x, a64_vop(c, IR_NOT, l, 0, y, 0, 0));
                break;
            case 2:
                r = V(OR, l, x, y);
                break;
            default:
                r = V(OR, l, x, a64_vop(c, IR_NOT, l, 0, y, 0, 0));
                break;
            }
        } else {
            uint32_t d = a64_get_v(c, a->rd);
            switch (a->size) {
            case 0:
                r = V(XOR, l, x, y);
                break;
            case 1:
                r = a64_vop(c, IR_SELECT, l, 0, d, x, y);
                break; /* BSL */
            case 2:
                r = a64_vop(c, IR_SELECT, l, 0, y, x, d);
                break; /* BIT */
            default:
                r = a64_vop(c, IR_SELECT, l, 0, y, d, x);
                break; /* BIF */
            }
        }
        a64_put_vq(c, a->rd, r, a->q);
        return true;
    }
    case 6:
        r = u ? VCMP(UGT, lane, x, y) : VCMP(SGT, lane, x, y);
        break;
    case 7:
        r = u ? VCMP(UGE, lane, x, y) : VCMP(SGE, lane, x, y);
        break;
    case 8:
        r = shift_reg(c, lane, u, x, y);
        break;
    case 9:  /* SQSHL, UQSHL (register) */
    case 11: /* SQRSHL, UQRSHL */
        r = a64_sat_shift_reg(c, lane, u, a->opcode == 11, x, y, a->scalar, a->q);
        break;
    case 10:
        r = a64_rounding_shift_reg(c, lane, u, x, y);
        break;
    case 22: /* SQDMULH / SQRDMULH */
        if (a->size != 1 && a->size != 2)
            return false;
        r = a64_sqdmulh(c, lane, x, y, u, a->scalar, a->q);
        break;
    case 12:
        r = u ? V(UMAX, lane, x, y) : V(SMAX, lane, x, y);
        break;
    case 13:
        r = u ? V(UMIN, lane, x, y) : V(SMIN, lane, x, y);
        break;
    case 14:
        r = abd(c, lane, u, x, y);
        break;
    case 15:
        r = V(ADD, lane, a64_get_v(c, a->rd), abd(c, lane, u, x, y));
        break;
    case 16:
        r = u ? V(SUB, lane, x, y) : V(ADD, lane, x, y);
        break;
    case 17:
        if (u)
            r = VCMP(EQ, lane, x, y);
        else
            r = VCMP(NE, lane, V(AND, lane, x, y), a64_vconst(c, lane, 0));
        break;
    case 18: {
        if (a->size == 3)
            return false;
        uint32_t p = V(MUL, lane, x, y), d = a64_get_v(c, a->rd);
        r = u ? V(SUB, lane, d, p) : V(ADD, lane, d, p);
        break;
    }
    case 19:
        if (u) { /* PMUL */
            if (a->size != 0)
                return false;
            r = a64_pmul(c, x, y, a->q);
            break;
        }
        if (a->size == 3)
            return false;
        r = V(MUL, lane, x, y);
        break;
    case 20:
    case 21: {
        if (a->size == 3)
            return false;
        IROp op = a->opcode == 20 ? (u ? IR_UMAX : IR_SMAX) : (u ? IR_UMIN : IR_SMIN);
        r = pairwise(c, op, lane, 0, x, y, a->q);
        break;
    }
    case 23:
        if (u)
            return false;
        r = pairwise(c, IR_ADD, lane, 0, x, y, a->q);
        break;
    default:
        return false;
    }
    put_result(c, a->scalar, a->rd, r, lane, a->q);
    return true;
}

/* ---- Three different: widening, narrowing-high, long multiply ----------------------------- */

static uint32_t widen(A64Lift *c, IRLane wide, bool hi, bool is_unsigned, uint32_t v)
{
    return a64_vop(c, hi ? IR_VWIDEN_HI : IR_VWIDEN_LO, wide,
                   is_unsigned ? IR_CVT_UNSIGNED : IR_CVT_SIGNED, v, 0, 0);
}

bool a64_trans_simd3_diff(A64Lift *c, const A64ArgSimd3 *a)
{
    if (a->opcode == 14 && !a->u && (a->size == 0 || a->size == 3)) { /* PMULL(2) */
        a64_put_v(c, a->rd, a64_pmull(c, a->size, a64_get_v(c, a->rn), a64_get_v(c, a->rm), a->q));
        return true;
    }
    if (a->size == 3)
        return false;
    IRLane narrow = a64_ilane(a->size), wide = a64_ilane(a->size + 1);
    bool u = a->u != 0, hi = a->q != 0;
    uint32_t x = a64_get_v(c, a->rn), y = a64_get_v(c, a->rm);
    uint32_t r;
    switch (a->opcode) {
    case 0:
        r = V(ADD, wide, widen(c, wide, hi, u, x), widen(c, wide, hi, u, y));
        break;
    case 1:
        r = V(ADD, wide, x, widen(c, wide, hi, u, y));
        break;
    case 2:
        r = V(SUB, wide, widen(c, wide, hi, u, x), widen(c, wide, hi, u, y));
        break;
    case 3:
        r = V(SUB, wide, x, widen(c, wide, hi, u, y));
        break;
    case 4:
    case 6: { /* ADDHN / SUBHN (no rounding forms) */
        if (u)
            return false;
        uint32_t s = a->opcode == 4 ? V(ADD, wide, x, y) : V(SUB, wide, x, y);
        s = V(SHR, wide, s, a64_vconst(c, wide, ir_lane_bits(narrow)));
        uint32_t n = a64_vop(c, IR_VNARROW, narrow, IR_NARROW_TRUNC, s, a64_vconst(c, wide, 0), 0);
        if (hi)
            n = a64_concat_low(c, a64_get_v(c, a->rd), n);
        a64_put_v(c, a->rd, n);
        return true;
    }
    case 5:
    case 7: {
        uint32_t wx = widen(c, wide, hi, u, x), wy = widen(c, wide, hi, u, y);
        r = abd(c, wide, u, wx, wy);
        if (a->opcode == 5)
            r = V(ADD, wide, a64_get_v(c, a->rd), r);
        break;
    }
    case 9:    /* SQDMLAL */
    case 11:   /* SQDMLSL */
    case 13: { /* SQDMULL */
        if (u || a->size == 0)
            return false;
        r = a64_sqdmull(c, wide, widen(c, wide, hi, false, x), widen(c, wide, hi, false, y), a->rd,
                        a->opcode == 13 ? 0 : (a->opcode == 9 ? 1 : -1));
        break;
    }
    case 8:
    case 10:
    case 12: {
        uint32_t p = V(MUL, wide, widen(c, wide, hi, u, x), widen(c, wide, hi, u, y));
        if (a->opcode == 12)
            r = p;
        else
            r = a->opcode == 8 ? V(ADD, wide, a64_get_v(c, a->rd), p)
                               : V(SUB, wide, a64_get_v(c, a->rd), p);
        break;
    }
    default:
        return false;
    }
    a64_put_v(c, a->rd, r);
    return true;
}

/* ---- Two-register misc -------------------------------------------------------------------- */

/* Reverses the order of `es`-byte elements within each `container`-byte group. */
static uint32_t rev_elems(A64Lift *c, uint32_t v, unsigned es, unsigned container)
{
    uint8_t sel[16];
    for (unsigned i = 0; i < 16; i++) {
        unsigned g = i / container, off = i % container;
        unsigned e = off / es, k = off % es;
        unsigned n = container / es;
        sel[i] = (uint8_t)(g * container + (n - 1 - e) * es + k);
    }
    return a64_shuffle(c, v, v, sel);
}

/* FCVTXN: f64 -> f32 rounded to odd (toward zero, then the low bit set when inexact), so
 * a later rounding to a narrower format is not a double rounding. The conversion's own
 * inexact flag, seen in a zeroed fp_flags, decides the bit; the flags are then merged. */
static uint32_t fcvt_round_odd(A64Lift *c, uint32_t d)
{
    IRBlock *b = c->b;
    uint32_t saved = ir_get(b, IR_I32, A64_OFF_FP_FLAGS);
    ir_put(b, A64_OFF_FP_FLAGS, ir_const(b, IR_I32, 0));
    uint32_t f = ir_fcvt(b, IR_FCVT_F2F, IR_F32, 0, IR_RM_RTZ, A64_NAN, d);
    uint32_t got = ir_get(b, IR_I32, A64_OFF_FP_FLAGS);
    ir_put(b, A64_OFF_FP_FLAGS, ir_binop(b, IR_OR, saved, got));
    uint32_t nx = ir_binop(b, IR_AND, got, ir_const(b, IR_I32, IR_FPF_NX));
    uint32_t bits = ir_conv(b, IR_BITCAST, IR_I32, f);
    bits = ir_binop(b, IR_OR, bits,
                    ir_select(b, ir_cmp(b, IR_CC_NE, nx, ir_const(b, IR_I32, 0)),
                              ir_const(b, IR_I32, 1), ir_const(b, IR_I32, 0)));
    return ir_conv(b, IR_BITCAST, IR_F32, bits);
}

/* FCVTL(2) from half (widen, lanes 0-3 or 4-7 of x) and FCVTN(2) to half (narrow into
 * lanes 0-3, or 4-7 keeping the low half of rd): lane by lane through the runtime's
 * half-precision conversion helpers. */
static void half_convert(A64Lift *c, int64_t rd, uint32_t x, bool widen, int64_t q)
{
    IRBlock *b = c->b;
    unsigned base = q ? 4 : 0;
    uint32_t v;
    if (widen) {
        v = a64_vconst(c, IR_LANE_F32X4, 0);
        for (unsigned k = 0; k < 4; k++) {
            uint32_t h = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                              .type = IR_I16,
                                              .lane = IR_LANE_I16X8,
                                              .nargs = 1,
                                              .args = {x},
                                              .imm = base + k});
            uint32_t f = a64_half_to_float(c, h, IR_F32);
            v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                     .type = IR_V128,
                                     .lane = IR_LANE_F32X4,
                                     .nargs = 2,
                                     .args = {v, f},
                                     .imm = k});
        }
    } else {
        v = q ? a64_get_v(c, rd) : a64_vconst(c, IR_LANE_I16X8, 0);
        for (unsigned k = 0; k < 4; k++) {
            uint32_t f = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                              .type = IR_F32,
                                              .lane = IR_LANE_F32X4,
                                              .nargs = 1,
                                              .args = {x},
                                              .imm = k});
            uint32_t h = a64_float_to_half(c, f);
            v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                     .type = IR_V128,
                                     .lane = IR_LANE_I16X8,
                                     .nargs = 2,
                                     .args = {v, h},
                                     .imm = base + k});
        }
    }
    a64_put_v(c, rd, v);
}

static bool simd2_fp(A64Lift *c, const A64ArgSimd2 *a)
{
    IRLane lane = a64_flane(a->size & 1);
    IRLane ilane = (a->size & 1) ? IR_LANE_I64X2 : IR_LANE_I32X4;
    if (lane == IR_LANE_F64X2 && !a->q && !a->scalar)
        return false;
    unsigned hi = (unsigned)a->size >> 1;
    unsigned key = (unsigned)a->u << 6 | hi << 5 | (unsigned)a->opcode;
    uint32_t x = fp_active(c, a64_get_v(c, a->rn), lane, a->q, a->scalar);
    uint32_t zero = a64_vconst(c, lane, 0);
    uint32_t r;
    switch (key) {
    case 0x2c:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OLT_S, zero, x, 0);
        break; /* FCMGT #0 */
    case 0x2d:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OEQ, x, zero, 0);
        break; /* FCMEQ #0 */
    case 0x2e:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OLT_S, x, zero, 0);
        break; /* FCMLT #0 */
    case 0x6c:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OLE_S, zero, x, 0);
        break; /* FCMGE #0 */
    case 0x6d:
        r = a64_vop(c, IR_FCMP, lane, IR_FCC_OLE_S, x, zero, 0);
        break; /* FCMLE #0 */
    case 0x2f:
        r = a64_vop(c, IR_FABS, lane, 0, x, 0, 0);
        break;
    case 0x6f:
        r = a64_vop(c, IR_FNEG, lane, 0, x, 0, 0);
        break;
    case 0x7f:
        r = a64_vop(c, IR_FSQRT, lane, 0, x, 0, 0);
        break;
    case 0x18:
    case 0x19:
    case 0x38:
    case 0x39:
    case 0x58:
    case 0x59:
    case 0x79: {
        /* FRINTN FRINTM FRINTP FRINTZ FRINTA FRINTX FRINTI */
        IRRound rm = key == 0x18   ? IR_RM_RNE
                     : key == 0x19 ? IR_RM_RDN
                     : key == 0x38 ? IR_RM_RUP
                     : key == 0x39 ? IR_RM_RTZ
                     : key == 0x58 ? IR_RM_RMM
                                   : IR_RM_DYN;
        IRInsn in = {.op = IR_FROUND,
                     .type = IR_V128,
                     .lane = (uint8_t)lane,
                     .cond = key == 0x59,
                     .rm = (uint8_t)rm,
                     .nan = A64_NAN,
                     .nargs = 1,
                     .args = {x}};
        r = ir_emit(c->b, &in);
        break;
    }
    case 0x1a:
    case 0x1b:
    case 0x3a:
    case 0x3b:
    case 0x1c:
    case 0x5a:
    case 0x5b:
    case 0x7a:
    case 0x7b:
    case 0x5c: {
        unsigned base = key & 0x3f;
        IRRound rm = base == 0x1a   ? IR_RM_RNE
                     : base == 0x1b ? IR_RM_RDN
                     : base == 0x3a ? IR_RM_RUP
                     : base == 0x3b ? IR_RM_RTZ
                                    : IR_RM_RMM;
        unsigned kind = IR_CVT_SAT_ARM | (a->u ? IR_CVT_UNSIGNED : IR_CVT_SIGNED);
        IRInsn in = {.op = IR_FCVT_F2I,
                     .type = IR_V128,
                     .lane = (uint8_t)ilane,
                     .cond = (uint8_t)kind,
                     .rm = (uint8_t)rm,
                     .nan = A64_NAN,
                     .nargs = 1,
                     .args = {x}};
        r = ir_emit(c->b, &in);
        put_result(c, a->scalar, a->rd, r, ilane, a->q);
        return true;
    }
    case 0x3d:   /* FRECPE */
    case 0x7d:   /* FRSQRTE */
    case 0x3f:   /* FRECPX (scalar only) */
    case 0x3c:   /* URECPE */
    case 0x7c: { /* URSQRTE */
        bool is_unsigned = key == 0x3c || key == 0x7c;
        if ((key == 0x3f && !a->scalar) || (is_unsigned && ((a->size & 1) || a->scalar)))
            return false;
        unsigned kind = key == 0x3d   ? A64_EST_FRECPE32
                        : key == 0x7d ? A64_EST_FRSQRTE32
                        : key == 0x3f ? A64_EST_FRECPX32
                        : key == 0x3c ? A64_EST_URECPE
                                      : A64_EST_URSQRTE;
        unsigned n = a->scalar ? 1 : (a->q ? 128u : 64u) / ir_lane_bits(lane);
        r = a64_estimate(c, kind, lane, n, x);
        put_result(c, a->scalar, a->rd, r, ilane, a->q);
        return true;
    }
    case 0x1d:
    case 0x5d: {
        IRInsn in = {.op = IR_FCVT_I2F,
                     .type = IR_V128,
                     .lane = (uint8_t)lane,
                     .cond = a->u ? IR_CVT_UNSIGNED : IR_CVT_SIGNED,
                     .rm = IR_RM_DYN,
                     .nan = A64_NAN,
                     .nargs = 1,
                     .args = {x}};
        r = ir_emit(c->b, &in);
        break;
    }
    default:
        return false;
    }
    put_result(c, a->scalar, a->rd, r, lane, a->q);
    return true;
}

bool a64_trans_simd2(A64Lift *c, const A64ArgSimd2 *a)
{
    IRBlock *b = c->b;
    unsigned op = (unsigned)a->opcode;
    if (op >= 24 || (op >= 12 && op <= 15 && (a->size >> 1)))
        return simd2_fp(c, a);
    IRLane lane = a64_ilane(a->size);
    bool u = a->u != 0;
    uint32_t x = a64_get_v(c, a->rn);
    uint32_t zero = a64_vconst(c, lane, 0);
    if (a->scalar && op == 22 && u && (a->size & 1)) { /* FCVTXN Sd, Dn */
        a64_put_vlow(c, a->rd, fcvt_round_odd(c, a64_get_vlow(c, a->rn, IR_F64)));
        return true;
    }
    if (a->scalar && op != 8 && op != 9 && op != 10 && op != 11 && op != 20 && op != 18)
        return false;
    if (a->scalar && (op >= 8 && op <= 11) && a->size != 3)
        return false;
    if (!a->scalar && a->size == 3 && !a->q && op != 18 && op != 20)
        return false;
    uint32_t r;
    switch (op) {
    case 0:
    case 1: {
        unsigned container = op == 0 ? (u ? 4 : 8) : 2;
        unsigned es = 1u << a->size;
        if (es >= container)
            return false;
        r = rev_elems(c, x, es, container);
        break;
    }
    case 2:
    case 6: { /* SADDLP/UADDLP, SADALP/UADALP */
        if (a->size == 3)
            return false;
        IRLane wide = a64_ilane(a->size + 1);
        unsigned es = 1u << a->size;
        uint32_t ev = a64_unzip(c, x, x, es, 0), od = a64_unzip(c, x, x, es, 1);
        r = V(ADD, wide, widen(c, wide, false, u, ev), widen(c, wide, false, u, od));
        if (op == 6)
            r = V(ADD, wide, a64_get_v(c, a->rd), r);
        a64_put_vq(c, a->rd, r, a->q);
        return true;
    }
    case 4: {
        if (a->size == 3)
            return false;
        if (u) {
            r = a64_vop(c, IR_CLZ, lane, 0, x, 0, 0);
        } else {
            uint32_t sign = V(SAR, lane, x, a64_vconst(c, lane, ir_lane_bits(lane) - 1));
            uint32_t clz = a64_vop(c, IR_CLZ, lane, 0, V(XOR, lane, x, sign), 0, 0);
            r = V(SUB, lane, clz, a64_vconst(c, lane, 1));
        }
        break;
    }
    case 5:
        if (!u) {
            if (a->size != 0)
                return false;
            r = a64_vop(c, IR_POPCNT, lane, 0, x, 0, 0);
        } else if (a->size == 0) {
            r = a64_vop(c, IR_NOT, lane, 0, x, 0, 0);
        } else if (a->size == 1) { /* RBIT per byte */
            uint32_t v = x;
            static const uint8_t m[3] = {0x55, 0x33, 0x0f};
            for (unsigned i = 0; i < 3; i++) {
                uint32_t k = a64_vconst(c, IR_LANE_I8X16, m[i]);
                uint32_t s = a64_vconst(c, IR_LANE_I8X16, 1u << i);
                uint32_t lo = V(SHL, IR_LANE_I8X16, V(AND, IR_LANE_I8X16, v, k), s);
                uint32_t hi = V(AND, IR_LANE_I8X16, V(SHR, IR_LANE_I8X16, v, s), k);
                v = V(OR, IR_LANE_I8X16, lo, hi);
            }
            r = v;
        } else {
            return false;
        }
        break;
    case 7: { /* SQABS / SQNEG */
        uint32_t neg = V(SSUBSAT, lane, zero, x);
        uint32_t wrapped = V(SUB, lane, zero, x);
        if (!u) {
            uint32_t negative = VCMP(SLT, lane, x, zero);
            neg = a64_vop(c, IR_SELECT, lane, 0, negative, neg, x);
            wrapped = a64_vop(c, IR_SELECT, lane, 0, negative, wrapped, x);
        }
        r = neg;
        a64_update_qc(c, r, wrapped, lane, a->scalar, a->q);
        break;
    }
    case 8:
        r = u ? VCMP(SGE, lane, x, zero) : VCMP(SGT, lane, x, zero);
        break;
    case 9:
        r = u ? VCMP(SLE, lane, x, zero) : VCMP(EQ, lane, x, zero);
        break;
    case 10:
        if (u)
            return false;
        r = VCMP(SLT, lane, x, zero);
        break;
    case 11:
        if (u)
            r = V(SUB, lane, zero, x);
        else
            r = a64_vop(c, IR_SELECT, lane, 0, VCMP(SLT, lane, x, zero), V(SUB, lane, zero, x), x);
        break;
    case 18:
    case 20: { /* XTN, SQXTUN / SQXTN, UQXTN */
        if (a->size == 3)
            return false;
        IRLane wide = a64_ilane(a->size + 1);
        unsigned kind;
        if (op == 18)
            kind = u ? IR_NARROW_SUSAT : IR_NARROW_TRUNC;
        else
            kind = u ? IR_NARROW_USAT : IR_NARROW_SSAT;
        if (a->scalar && op == 18 && !u)
            return false;
        uint32_t n = a64_vop(c, IR_VNARROW, lane, kind, x, a64_vconst(c, wide, 0), 0);
        if (kind != IR_NARROW_TRUNC) /* saturated iff widening back does not give the source */
            a64_update_qc(c, widen(c, wide, false, kind != IR_NARROW_SSAT, n), x, wide, a->scalar,
                          1);
        if (a->scalar) {
            put_result(c, 1, a->rd, n, lane, 1);
            return true;
        }
        if (a->q)
            n = a64_concat_low(c, a64_get_v(c, a->rd), n);
        a64_put_v(c, a->rd, n);
        return true;
    }
    case 19: { /* SHLL: widen and shift by the element size */
        if (!u || a->size == 3)
            return false;
        IRLane wide = a64_ilane(a->size + 1);
        r = widen(c, wide, a->q, true, x);
        r = V(SHL, wide, r, a64_vconst(c, wide, ir_lane_bits(lane)));
        a64_put_v(c, a->rd, r);
        return true;
    }
    case 22:
    case 23: { /* FCVTN(2), FCVTL(2); FCVTXN(2) */
        if (u && op == 22 && (a->size & 1)) {
            uint32_t v = a->q ? a64_get_v(c, a->rd) : a64_vconst(c, IR_LANE_F32X4, 0);
            for (unsigned k = 0; k < 2; k++) {
                uint32_t e = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                                  .type = IR_F64,
                                                  .lane = IR_LANE_F64X2,
                                                  .nargs = 1,
                                                  .args = {x},
                                                  .imm = k});
                v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                         .type = IR_V128,
                                         .lane = IR_LANE_F32X4,
                                         .nargs = 2,
                                         .args = {v, fcvt_round_odd(c, e)},
                                         .imm = (a->q ? 2u : 0u) + k});
            }
            a64_put_v(c, a->rd, v);
            return true;
        }
        if (u)
            return false;
        if (!(a->size & 1)) {
            half_convert(c, a->rd, x, op == 23, a->q);
            return true;
        }
        if (op == 23) {
            IRLane from = IR_LANE_F32X4;
            uint32_t src = a->q ? a64_unzip(c, x, x, 8, 1) : x;
            uint32_t lo = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                               .type = IR_F32,
                                               .lane = from,
                                               .nargs = 1,
                                               .args = {src},
                                               .imm = 0});
            uint32_t hi = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                               .type = IR_F32,
                                               .lane = from,
                                               .nargs = 1,
                                               .args = {src},
                                               .imm = 1});
            uint32_t d0 = ir_fcvt(b, IR_FCVT_F2F, IR_F64, 0, IR_RM_DYN, A64_NAN, lo);
            uint32_t d1 = ir_fcvt(b, IR_FCVT_F2F, IR_F64, 0, IR_RM_DYN, A64_NAN, hi);
            uint32_t v = a64_vconst(c, IR_LANE_F64X2, 0);
            v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                     .type = IR_V128,
                                     .lane = IR_LANE_F64X2,
                                     .nargs = 2,
                                     .args = {v, d0},
                                     .imm = 0});
            v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                     .type = IR_V128,
                                     .lane = IR_LANE_F64X2,
                                     .nargs = 2,
                                     .args = {v, d1},
                                     .imm = 1});
            a64_put_v(c, a->rd, v);
            return true;
        }
        uint32_t e0 = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                           .type = IR_F64,
                                           .lane = IR_LANE_F64X2,
                                           .nargs = 1,
                                           .args = {x},
                                           .imm = 0});
        uint32_t e1 = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                           .type = IR_F64,
                                           .lane = IR_LANE_F64X2,
                                           .nargs = 1,
                                           .args = {x},
                                           .imm = 1});
        uint32_t s0 = ir_fcvt(b, IR_FCVT_F2F, IR_F32, 0, IR_RM_DYN, A64_NAN, e0);
        uint32_t s1 = ir_fcvt(b, IR_FCVT_F2F, IR_F32, 0, IR_RM_DYN, A64_NAN, e1);
        uint32_t v = a->q ? a64_get_v(c, a->rd) : a64_vconst(c, IR_LANE_F32X4, 0);
        unsigned base = a->q ? 2 : 0;
        v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                 .type = IR_V128,
                                 .lane = IR_LANE_F32X4,
                                 .nargs = 2,
                                 .args = {v, s0},
                                 .imm = base});
        v = ir_emit(b, &(IRInsn){.op = IR_VINSERT,
                                 .type = IR_V128,
                                 .lane = IR_LANE_F32X4,
                                 .nargs = 2,
                                 .args = {v, s1},
                                 .imm = base + 1});
        a64_put_v(c, a->rd, v);
        return true;
    }
    default:
        return false;
    }
    put_result(c, a->scalar, a->rd, r, lane, a->q);
    return true;
}

/* ---- Across lanes and scalar pairwise ----------------------------------------------------- */

bool a64_trans_simd_across(A64Lift *c, const A64ArgSimd2 *a)
{
    IRBlock *b = c->b;
    uint32_t x = a64_get_v(c, a->rn);
    unsigned op = (unsigned)a->opcode;
    if (op == 12 || op == 15) { /* FMAXNMV FMINNMV FMAXV FMINV (single precision, Q=1) */
        if (!a->q || (a->size & 1) || !a->u)
            return false;
        IROp fop = (a->size >> 1) ? IR_FMIN : IR_FMAX;
        unsigned kind = op == 12 ? IR_FMIN_ARM_NM : IR_FMIN_ARM;
        uint32_t p = pairwise(c, fop, IR_LANE_F32X4, kind, x, x, 1);
        p = pairwise(c, fop, IR_LANE_F32X4, kind, p, p, 1);
        put_result(c, 1, a->rd, p, IR_LANE_F32X4, 1);
        return true;
    }
    if (a->size == 3 || (a->size == 2 && !a->q))
        return false;
    IRLane lane = a64_ilane(a->size);
    IRType et = ir_lane_elem_type(lane);
    IROp rop;
    bool u = a->u != 0;
    switch (op) {
    case 3: { /* SADDLV / UADDLV: widen first */
        IRLane wide = a64_ilane(a->size + 1);
        uint32_t lo = widen(c, wide, false, u, x);
        uint32_t sum = lo;
        if (a->q)
            sum = V(ADD, wide, lo, widen(c, wide, true, u, x));
        uint32_t s = ir_emit(b, &(IRInsn){.op = IR_VREDUCE,
                                          .type = ir_lane_elem_type(wide),
                                          .lane = wide,
                                          .cond = IR_ADD,
                                          .nargs = 1,
                                          .args = {sum}});
        a64_put_vlow(c, a->rd, s);
        return true;
    }
    case 10:
        rop = u ? IR_UMAX : IR_SMAX;
        break;
    case 26:
        rop = u ? IR_UMIN : IR_SMIN;
        break;
    case 27:
        if (u)
            return false;
        rop = IR_ADD;
        break;
    default:
        return false;
    }
    if (!a->q) { /* only the low 64 bits take part */
        if (rop == IR_ADD)
            x = a64_clear_high(c, x);
        else
            x = a64_concat_low(c, x, x);
    }
    uint32_t s = ir_emit(b, &(IRInsn){.op = IR_VREDUCE,
                                      .type = et,
                                      .lane = lane,
                                      .cond = (uint8_t)rop,
                                      .nargs = 1,
                                      .args = {x}});
    a64_put_vlow(c, a->rd, s);
    return true;
}

bool a64_trans_simd_pair_s(A64Lift *c, const A64ArgSimd2 *a)
{
    uint32_t x = a64_get_v(c, a->rn);
    if (!a->u) {
        if (a->opcode != 27 || a->size != 3)
            return false;
        uint32_t p = pairwise(c, IR_ADD, IR_LANE_I64X2, 0, x, x, 1);
        put_result(c, 1, a->rd, p, IR_LANE_I64X2, 1);
        return true;
    }
    IRLane lane = a64_flane(a->size & 1);
    unsigned hi = (unsigned)a->size >> 1;
    IROp op;
    unsigned kind = 0;
    switch (a->opcode) {
    case 12:
        op = hi ? IR_FMIN : IR_FMAX;
        kind = IR_FMIN_ARM_NM;
        break;
    case 13:
        if (hi)
            return false;
        op = IR_FADD;
        break;
    case 15:
        op = hi ? IR_FMIN : IR_FMAX;
        kind = IR_FMIN_ARM;
        break;
    default:
        return false;
    }
    /* Single precision pairs are the low 64 bits (Q=0 shape). */
    uint32_t p = pairwise(c, op, lane, kind, x, x, lane == IR_LANE_F64X2);
    put_result(c, 1, a->rd, p, lane, 1);
    return true;
}
