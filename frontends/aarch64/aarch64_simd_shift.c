/* Lifters for Advanced SIMD shifts by immediate: shifts, shift-accumulate, insert,
 * narrowing (SHRN, SQSHRN, ...) and widening (SSHLL/USHLL, i.e. SXTL/UXTL). */
#include "frontends/aarch64/aarch64_internal.h"

#define V(op, lane, x, y) a64_vop(c, IR_##op, lane, 0, x, y, 0)

/* x >> sh per lane for 1 <= sh <= esize (an esize shift is not a modulo-width IR shift),
 * rounding (adding the last bit shifted out) when asked. */
static uint32_t shift_right(A64Lift *c, IRLane lane, uint32_t x, unsigned sh, bool is_unsigned,
                            bool round)
{
    unsigned w = ir_lane_bits(lane);
    uint32_t r;
    if (sh >= w)
        r = is_unsigned ? a64_vconst(c, lane, 0) : V(SAR, lane, x, a64_vconst(c, lane, w - 1));
    else
        r = is_unsigned ? V(SHR, lane, x, a64_vconst(c, lane, sh))
                        : V(SAR, lane, x, a64_vconst(c, lane, sh));
    if (round) {
        uint32_t bit = V(SHR, lane, x, a64_vconst(c, lane, sh - 1));
        r = V(ADD, lane, r, V(AND, lane, bit, a64_vconst(c, lane, 1)));
    }
    return r;
}

bool a64_trans_simd_shimm(A64Lift *c, const A64ArgSimdShimm *a)
{
    unsigned immh = (unsigned)a->immh, immhb = immh << 3 | (unsigned)a->immb;
    if (immh == 0)
        return false;
    unsigned lg = 31u - (unsigned)__builtin_clz(immh); /* 0..3: 8..64-bit elements */
    unsigned esize = 8u << lg;
    IRLane lane = a64_ilane(lg);
    bool u = a->u != 0;
    unsigned op = (unsigned)a->opcode;
    uint32_t x = a64_get_v(c, a->rn);
    unsigned rsh = 2 * esize - immhb, lsh = immhb - esize;
    bool narrowing = op >= 16 && op <= 19, widening = op == 20;
    if (narrowing || widening) {
        if (lg == 3 || a->scalar)
            return false;
    } else if ((lg == 3 && !a->q) ||
               (a->scalar && lg != 3 && op != 12 && op != 14 && op != 28 && op != 31)) {
        return false;
    }
    uint32_t r;
    switch (op) {
    case 0:
    case 2:
    case 4:
    case 6:
        r = shift_right(c, lane, x, rsh, u, op & 4);
        if (op & 2)
            r = V(ADD, lane, a64_get_v(c, a->rd), r);
        break;
    case 8: { /* SRI */
        if (!u)
            return false;
        if (rsh >= esize) {
            r = a64_get_v(c, a->rd);
            break;
        }
        uint64_t keep = ~(~0ull >> (64 - esize) >> rsh);
        uint32_t d = V(AND, lane, a64_get_v(c, a->rd), a64_vconst(c, lane, keep));
        r = V(OR, lane, d, V(SHR, lane, x, a64_vconst(c, lane, rsh)));
        break;
    }
    case 10: { /* SHL, SLI */
        uint32_t s = V(SHL, lane, x, a64_vconst(c, lane, lsh));
        if (!u) {
            r = s;
        } else {
            uint64_t keep = ~(~0ull << lsh);
            r = V(OR, lane, V(AND, lane, a64_get_v(c, a->rd), a64_vconst(c, lane, keep)), s);
        }
        break;
    }
    case 12: /* SQSHLU */
    case 14: /* SQSHL, UQSHL */
        if (op == 12 && !u)
            return false;
        r = a64_shift_left_sat(c, lane, x, lsh,
                               op == 12 ? A64_SAT_SIGNED_TO_UNSIGNED
                                        : (u ? A64_SAT_UNSIGNED : A64_SAT_SIGNED),
                               a->scalar, a->q);
        break;
    case 28:   /* SCVTF, UCVTF (fixed point) */
    case 31: { /* FCVTZS, FCVTZU (fixed point) */
        if (lg < 2)
            return false; /* half precision */
        IRLane flane = lg == 3 ? IR_LANE_F64X2 : IR_LANE_F32X4;
        if (a->scalar || !a->q) { /* unused lanes hold 0: exact, no flags from them */
            IRBlock *b = c->b;
            uint64_t keep = a->scalar && lg == 2 ? 0xffffffffull : ~0ull;
            uint32_t w = ir_binop(b, IR_AND, ir_conv(b, IR_BITCAST, IR_I128, x),
                                  ir_const128(b, IR_I128, keep, 0));
            x = ir_conv(b, IR_BITCAST, IR_V128, w);
        }
        r = a64_fixed_convert(c, flane, x, rsh, op == 28, u);
        lane = flane;
        break;
    }
    case 16:
    case 17:
    case 18:
    case 19: {
        IRLane wide = a64_ilane(lg + 1);
        bool round = op & 1;
        unsigned kind;
        bool src_unsigned;
        if (op <= 17) {
            kind = u ? IR_NARROW_SUSAT : IR_NARROW_TRUNC;
            src_unsigned = !u;
        } else {
            kind = u ? IR_NARROW_USAT : IR_NARROW_SSAT;
            src_unsigned = u;
        }
        uint32_t s = shift_right(c, wide, x, rsh, src_unsigned, round);
        uint32_t n = a64_vop(c, IR_VNARROW, lane, kind, s, a64_vconst(c, wide, 0), 0);
        if (kind != IR_NARROW_TRUNC) { /* saturated iff widening back does not give s */
            uint32_t back =
                a64_vop(c, IR_VWIDEN_LO, wide,
                        kind == IR_NARROW_SSAT ? IR_CVT_SIGNED : IR_CVT_UNSIGNED, n, 0, 0);
            a64_update_qc(c, back, s, wide, 0, 1);
        }
        if (a->q)
            n = a64_concat_low(c, a64_get_v(c, a->rd), n);
        a64_put_v(c, a->rd, n);
        return true;
    }
    case 20: {
        IRLane wide = a64_ilane(lg + 1);
        r = a64_vop(c, a->q ? IR_VWIDEN_HI : IR_VWIDEN_LO, wide,
                    u ? IR_CVT_UNSIGNED : IR_CVT_SIGNED, x, 0, 0);
        if (lsh)
            r = V(SHL, wide, r, a64_vconst(c, wide, lsh));
        a64_put_v(c, a->rd, r);
        return true;
    }
    default:
        return false;
    }
    if (a->scalar) {
        uint32_t e = ir_emit(c->b, &(IRInsn){.op = IR_VEXTRACT,
                                             .type = ir_lane_elem_type(lane),
                                             .lane = lane,
                                             .nargs = 1,
                                             .args = {r}});
        a64_put_vlow(c, a->rd, e);
    } else
        a64_put_vq(c, a->rd, r, a->q);
    return true;
}
