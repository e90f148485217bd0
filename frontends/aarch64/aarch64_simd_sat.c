/* Advanced SIMD saturating and rounding helpers shared by several encoding classes:
 * SQDMULH/SQRDMULH, saturating shifts left by immediate, rounding shifts by register,
 * and fixed-point vector conversions. */
#include "frontends/aarch64/aarch64_internal.h"

#define V(op, lane, x, y) a64_vop(c, IR_##op, lane, 0, x, y, 0)
#define VCMP(cond, lane, x, y) a64_vop(c, IR_CMP, lane, IR_CC_##cond, x, y, 0)

uint32_t a64_sqdmulh(A64Lift *c, IRLane lane, uint32_t x, uint32_t y, bool round, int64_t scalar,
                     int64_t q)
{
    /* (2ab [+ 2^(w-1)]) >> w computed as (ab [+ 2^(w-2)]) >> (w-1) in 2w-bit lanes, so the
     * only overflow, MIN * MIN, shows up as 2^(w-1) and saturates in the narrowing. */
    unsigned w = ir_lane_bits(lane);
    IRLane wide = lane == IR_LANE_I16X8 ? IR_LANE_I32X4 : IR_LANE_I64X2;
    uint32_t halves[2];
    for (unsigned h = 0; h < 2; h++) {
        IROp widen = h ? IR_VWIDEN_HI : IR_VWIDEN_LO;
        uint32_t wx = a64_vop(c, widen, wide, IR_CVT_SIGNED, x, 0, 0);
        uint32_t wy = a64_vop(c, widen, wide, IR_CVT_SIGNED, y, 0, 0);
        uint32_t p = V(MUL, wide, wx, wy);
        if (round)
            p = V(ADD, wide, p, a64_vconst(c, wide, 1ull << (w - 2)));
        halves[h] = V(SAR, wide, p, a64_vconst(c, wide, w - 1));
    }
    uint32_t r = a64_vop(c, IR_VNARROW, lane, IR_NARROW_SSAT, halves[0], halves[1], 0);
    uint32_t exact = a64_vop(c, IR_VNARROW, lane, IR_NARROW_TRUNC, halves[0], halves[1], 0);
    a64_update_qc(c, r, exact, lane, scalar, q);
    return r;
}

uint32_t a64_shift_left_sat(A64Lift *c, IRLane lane, uint32_t x, unsigned s, unsigned kind,
                            int64_t scalar, int64_t q)
{
    unsigned w = ir_lane_bits(lane);
    uint64_t ones = w == 64 ? ~0ull : (1ull << w) - 1;
    uint32_t zero = a64_vconst(c, lane, 0);
    uint32_t amount = a64_vconst(c, lane, s);
    uint32_t shifted = V(SHL, lane, x, amount);
    /* the shift overflowed iff shifting back (in the result's signedness) loses bits */
    uint32_t back =
        kind == A64_SAT_SIGNED ? V(SAR, lane, shifted, amount) : V(SHR, lane, shifted, amount);
    uint32_t saturated = VCMP(NE, lane, back, x);
    uint32_t r;
    if (kind == A64_SAT_SIGNED) {
        uint32_t negative = VCMP(SLT, lane, x, zero);
        uint32_t limit =
            a64_vop(c, IR_SELECT, lane, 0, negative, a64_vconst(c, lane, 1ull << (w - 1)),
                    a64_vconst(c, lane, (1ull << (w - 1)) - 1));
        r = a64_vop(c, IR_SELECT, lane, 0, saturated, limit, shifted);
    } else {
        r = a64_vop(c, IR_SELECT, lane, 0, saturated, a64_vconst(c, lane, ones), shifted);
        if (kind == A64_SAT_SIGNED_TO_UNSIGNED) {
            uint32_t negative = VCMP(SLT, lane, x, zero);
            r = a64_vop(c, IR_SELECT, lane, 0, negative, zero, r);
            saturated = V(OR, lane, saturated, negative);
        }
    }
    a64_update_qc(c, saturated, zero, lane, scalar, q);
    return r;
}

uint32_t a64_rounding_shift_reg(A64Lift *c, IRLane lane, bool is_unsigned, uint32_t x, uint32_t y)
{
    unsigned w = ir_lane_bits(lane);
    uint32_t k = a64_vconst(c, lane, w - 8);
    uint32_t amt = w == 8 ? y : V(SAR, lane, V(SHL, lane, y, k), k);
    uint32_t zero = a64_vconst(c, lane, 0), one = a64_vconst(c, lane, 1);
    uint32_t width = a64_vconst(c, lane, w);
    uint32_t left = V(SHL, lane, x, amt);
    left = a64_vop(c, IR_SELECT, lane, 0, VCMP(SGE, lane, amt, width), zero, left);
    /* right by r = -amt, rounding: (x >> r) + bit r-1 of x; r > w gives 0 either way */
    uint32_t ramt = V(SUB, lane, zero, amt);
    uint32_t big = VCMP(SLE, lane, amt, a64_vconst(c, lane, (uint64_t) - (int64_t)w));
    uint32_t over = VCMP(SLT, lane, amt, a64_vconst(c, lane, (uint64_t) - (int64_t)w));
    uint32_t wm1 = a64_vconst(c, lane, w - 1);
    uint32_t r1 = a64_vop(c, IR_SELECT, lane, 0, big, wm1, V(SUB, lane, ramt, one));
    uint32_t bit = V(AND, lane, V(SHR, lane, x, r1), one);
    uint32_t right;
    if (is_unsigned) {
        right = a64_vop(c, IR_SELECT, lane, 0, big, zero, V(SHR, lane, x, ramt));
        bit = a64_vop(c, IR_SELECT, lane, 0, over, zero, bit);
    } else {
        right = V(SAR, lane, x, a64_vop(c, IR_SELECT, lane, 0, big, wm1, ramt));
    }
    right = V(ADD, lane, right, bit);
    uint32_t neg = VCMP(SLT, lane, amt, zero);
    return a64_vop(c, IR_SELECT, lane, 0, neg, right, left);
}

void a64_restore_fp_flags_but_idc(A64Lift *c, uint32_t saved)
{
    IRBlock *b = c->b;
    uint32_t idc =
        ir_binop(b, IR_AND, ir_get(b, IR_I32, A64_OFF_FP_FLAGS), ir_const(b, IR_I32, IR_FPF_DE));
    ir_put(b, A64_OFF_FP_FLAGS, ir_binop(b, IR_OR, saved, idc));
}

uint32_t a64_fixed_convert(A64Lift *c, IRLane flane, uint32_t x, unsigned fbits, bool to_float,
                           bool is_unsigned)
{
    IRBlock *b = c->b;
    bool f64 = flane == IR_LANE_F64X2;
    IRLane ilane = f64 ? IR_LANE_I64X2 : IR_LANE_I32X4;
    int e = to_float ? -(int)fbits : (int)fbits;
    uint64_t bits = f64 ? (uint64_t)(1023 + e) << 52 : (uint64_t)(127 + e) << 23;
    uint32_t scale = a64_vconst(c, flane, bits);
    unsigned sign = is_unsigned ? IR_CVT_UNSIGNED : IR_CVT_SIGNED;
    if (to_float) {
        /* one rounding in the conversion; scaling by 2^-fbits is then exact */
        IRInsn in = {.op = IR_FCVT_I2F,
                     .type = IR_V128,
                     .lane = (uint8_t)flane,
                     .cond = (uint8_t)sign,
                     .rm = IR_RM_DYN,
                     .nan = A64_NAN,
                     .nargs = 1,
                     .args = {x}};
        return a64_vop(c, IR_FMUL, flane, 0, ir_emit(b, &in), scale, 0);
    }
    /* x * 2^fbits is exact unless it overflows, and then the conversion saturates and
     * raises invalid by itself: the multiply's flags are dropped but for IDC (FPCR.FZ) */
    uint32_t flags = ir_get(b, IR_I32, A64_OFF_FP_FLAGS);
    uint32_t scaled = a64_vop(c, IR_FMUL, flane, 0, x, scale, 0);
    a64_restore_fp_flags_but_idc(c, flags);
    IRInsn in = {.op = IR_FCVT_F2I,
                 .type = IR_V128,
                 .lane = (uint8_t)ilane,
                 .cond = (uint8_t)(IR_CVT_SAT_ARM | sign),
                 .rm = IR_RM_RTZ,
                 .nan = A64_NAN,
                 .nargs = 1,
                 .args = {scaled}};
    return ir_emit(b, &in);
}

uint32_t a64_sqdmull(A64Lift *c, IRLane wide, uint32_t wx, uint32_t wy, int64_t rd, int accumulate)
{
    /* a * b of sign-extended halves fits the wide lane; doubling overflows only for
     * MIN * MIN, which the saturating add catches */
    uint32_t p = V(MUL, wide, wx, wy);
    uint32_t doubled = V(SADDSAT, wide, p, p);
    a64_update_qc(c, doubled, V(ADD, wide, p, p), wide, 0, 1);
    if (!accumulate)
        return doubled;
    uint32_t d = a64_get_v(c, rd);
    uint32_t r = accumulate > 0 ? V(SADDSAT, wide, d, doubled) : V(SSUBSAT, wide, d, doubled);
    uint32_t exact = accumulate > 0 ? V(ADD, wide, d, doubled) : V(SUB, wide, d, doubled);
    a64_update_qc(c, r, exact, wide, 0, 1);
    return r;
}

uint32_t a64_sat_shift_reg(A64Lift *c, IRLane lane, bool is_unsigned, bool round, uint32_t x,
                           uint32_t y, int64_t scalar, int64_t q)
{
    unsigned w = ir_lane_bits(lane);
    uint64_t ones = w == 64 ? ~0ull : (1ull << w) - 1;
    uint32_t k = a64_vconst(c, lane, w - 8);
    uint32_t amt = w == 8 ? y : V(SAR, lane, V(SHL, lane, y, k), k);
    uint32_t zero = a64_vconst(c, lane, 0);
    uint32_t width = a64_vconst(c, lane, w);
    /* left (amt >= 0): saturate when shifting back loses bits, or any bit is shifted out
     * entirely (amt >= w with x != 0) */
    uint32_t big = VCMP(SGE, lane, amt, width);
    uint32_t shifted = a64_vop(c, IR_SELECT, lane, 0, big, zero, V(SHL, lane, x, amt));
    uint32_t back = is_unsigned ? V(SHR, lane, shifted, amt) : V(SAR, lane, shifted, amt);
    uint32_t lost =
        a64_vop(c, IR_SELECT, lane, 0, big, VCMP(NE, lane, x, zero), VCMP(NE, lane, back, x));
    uint32_t limit;
    if (is_unsigned) {
        limit = a64_vconst(c, lane, ones);
    } else {
        limit = a64_vop(c, IR_SELECT, lane, 0, VCMP(SLT, lane, x, zero),
                        a64_vconst(c, lane, 1ull << (w - 1)),
                        a64_vconst(c, lane, (1ull << (w - 1)) - 1));
    }
    uint32_t left = a64_vop(c, IR_SELECT, lane, 0, lost, limit, shifted);
    /* right (amt < 0): the plain or rounding shift, which cannot saturate */
    uint32_t right = round ? a64_rounding_shift_reg(c, lane, is_unsigned, x, y) : 0;
    if (!round) {
        uint32_t ramt = V(SUB, lane, zero, amt);
        uint32_t far = VCMP(SLE, lane, amt, a64_vconst(c, lane, (uint64_t) - (int64_t)w));
        if (is_unsigned) {
            right = a64_vop(c, IR_SELECT, lane, 0, far, zero, V(SHR, lane, x, ramt));
        } else {
            uint32_t clamped =
                a64_vop(c, IR_SELECT, lane, 0, far, a64_vconst(c, lane, w - 1), ramt);
            right = V(SAR, lane, x, clamped);
        }
    }
    uint32_t negative = VCMP(SLT, lane, amt, zero);
    uint32_t saturated = a64_vop(c, IR_SELECT, lane, 0, negative, zero, lost);
    a64_update_qc(c, saturated, zero, lane, scalar, q);
    return a64_vop(c, IR_SELECT, lane, 0, negative, right, left);
}
