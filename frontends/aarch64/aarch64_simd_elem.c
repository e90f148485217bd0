/* Lifters for Advanced SIMD "by element" forms: MUL/MLA/MLS, the long multiplies
 * (SMULL/UMULL/SMLAL/...) and FMUL/FMLA/FMLS with one operand a broadcast lane of Vm,
 * vector and scalar. */
#include "frontends/aarch64/aarch64_internal.h"

#define V(op, lane, x, y) a64_vop(c, IR_##op, lane, 0, x, y, 0)

/* Lane `index` of Vm broadcast to every lane of `lane`. */
static uint32_t splat_element(A64Lift *c, int64_t rm, IRLane lane, unsigned index)
{
    IRBlock *b = c->b;
    uint32_t e = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT,
                                      .type = ir_lane_elem_type(lane),
                                      .lane = lane,
                                      .nargs = 1,
                                      .args = {a64_get_v(c, rm)},
                                      .imm = index});
    return ir_emit(
        b, &(IRInsn){.op = IR_VSPLAT, .type = IR_V128, .lane = lane, .nargs = 1, .args = {e}});
}

/* Scalar forms keep lane 0 only; Q=0 vector forms the low 64 bits. */
static void put_elem_result(A64Lift *c, const A64ArgSimdElem *a, uint32_t r, IRLane lane)
{
    if (a->scalar) {
        uint32_t e = ir_emit(c->b, &(IRInsn){.op = IR_VEXTRACT,
                                             .type = ir_lane_elem_type(lane),
                                             .lane = lane,
                                             .nargs = 1,
                                             .args = {r}});
        a64_put_vlow(c, a->rd, e);
    } else {
        a64_put_vq(c, a->rd, r, a->q);
    }
}

/* v with the lanes a scalar or Q=0 form does not use set to `fill` (0 or the bits of 1.0):
 * the whole-register op then raises flags for the active lanes only. The multiplier is a
 * splat of one element e, so inactive lanes compute 1.0 * e (+ 0): exact, and flagged only
 * when e is a signalling NaN, which the active lane flags too. */
static uint32_t inactive_fill(A64Lift *c, const A64ArgSimdElem *a, uint32_t v, bool f64, bool one)
{
    if (a->q && !a->scalar)
        return v;
    IRBlock *b = c->b;
    uint64_t unit = one ? (f64 ? 0x3ff0000000000000ull : 0x3f8000003f800000ull) : 0;
    uint64_t lo_mask = a->scalar && !f64 ? 0xffffffffull : ~0ull;
    uint64_t lo_fill = a->scalar && !f64 ? unit & 0xffffffff00000000ull : 0;
    uint32_t w = ir_binop(b, IR_AND, ir_conv(b, IR_BITCAST, IR_I128, v),
                          ir_const128(b, IR_I128, lo_mask, 0));
    w = ir_binop(b, IR_OR, w, ir_const128(b, IR_I128, lo_fill, unit));
    return ir_conv(b, IR_BITCAST, IR_V128, w);
}

static bool elem_fp(A64Lift *c, const A64ArgSimdElem *a)
{
    bool f64 = a->size == 3;
    if (a->size < 2 || (a->u && a->opcode != 9) || (f64 && (a->l || (!a->q && !a->scalar))))
        return false;

    IRLane lane = f64 ? IR_LANE_F64X2 : IR_LANE_F32X4;
    unsigned index = f64 ? (unsigned)a->h : (unsigned)(a->h << 1 | a->l);
    int64_t rm = a->m << 4 | a->rm;
    uint32_t y = splat_element(c, rm, lane, index);
    uint32_t x = inactive_fill(c, a, a64_get_v(c, a->rn), f64, true);
    uint32_t r;
    if (a->opcode == 9) {
        r = a->u ? a64_fmulx(c, lane, x, y) : a64_vop(c, IR_FMUL, lane, 0, x, y, 0);
    } else {
        uint32_t d = inactive_fill(c, a, a64_get_v(c, a->rd), f64, false);
        if (a->opcode == 5)
            x = a64_vop(c, IR_FNEG, lane, 0, x, 0, 0);
        r = a64_vop(c, IR_FMA, lane, 0, x, y, d);
    }
    put_elem_result(c, a, r, lane);
    return true;
}

bool a64_trans_simd_elem(A64Lift *c, const A64ArgSimdElem *a)
{
    unsigned op = (unsigned)a->opcode;
    if (op == 1 || op == 5 || op == 9)
        return elem_fp(c, a);
    if (a->size != 1 && a->size != 2)
        return false;
    IRLane lane = a64_ilane(a->size);
    unsigned index =
        a->size == 1 ? (unsigned)(a->h << 2 | a->l << 1 | a->m) : (unsigned)(a->h << 1 | a->l);
    int64_t rm = a->size == 1 ? a->rm : (a->m << 4 | a->rm);
    bool u = a->u != 0;
    uint32_t x = a64_get_v(c, a->rn);
    uint32_t r;
    switch (op) {
    case 8: /* MUL */
    case 0: /* MLA (U=1) */
    case 4: /* MLS (U=1) */
        if (a->scalar || (op == 8 && u) || (op != 8 && !u))
            return false;
        r = V(MUL, lane, x, splat_element(c, rm, lane, index));
        if (op != 8)
            r = op == 0 ? V(ADD, lane, a64_get_v(c, a->rd), r)
                        : V(SUB, lane, a64_get_v(c, a->rd), r);
        a64_put_vq(c, a->rd, r, a->q);
        return true;
    case 12: /* SQDMULH (by element) */
    case 13: /* SQRDMULH (by element) */
        if (u)
            return false;
        r = a64_sqdmulh(c, lane, x, splat_element(c, rm, lane, index), op == 13, a->scalar, a->q);
        if (a->scalar)
            a64_put_v(c, a->rd,
                      a64_scalar_to_v(c, ir_emit(c->b, &(IRInsn){.op = IR_VEXTRACT,
                                                                 .type = ir_lane_elem_type(lane),
                                                                 .lane = lane,
                                                                 .nargs = 1,
                                                                 .args = {r}})));
        else
            a64_put_vq(c, a->rd, r, a->q);
        return true;
    case 3:    /* SQDMLAL (by element) */
    case 7:    /* SQDMLSL (by element) */
    case 11: { /* SQDMULL (by element) */
        if (u || a->scalar)
            return false;
        IRLane wide = a64_ilane(a->size + 1);
        uint32_t wx = a64_vop(c, a->q ? IR_VWIDEN_HI : IR_VWIDEN_LO, wide, IR_CVT_SIGNED, x, 0, 0);
        uint32_t wy =
            a64_vop(c, IR_VWIDEN_LO, wide, IR_CVT_SIGNED, splat_element(c, rm, lane, index), 0, 0);
        r = a64_sqdmull(c, wide, wx, wy, a->rd, op == 11 ? 0 : (op == 3 ? 1 : -1));
        a64_put_v(c, a->rd, r);
        return true;
    }
    case 2:    /* SMLAL/UMLAL */
    case 6:    /* SMLSL/UMLSL */
    case 10: { /* SMULL/UMULL */
        if (a->scalar)
            return false;
        IRLane wide = a64_ilane(a->size + 1);
        unsigned kind = u ? IR_CVT_UNSIGNED : IR_CVT_SIGNED;
        uint32_t wx = a64_vop(c, a->q ? IR_VWIDEN_HI : IR_VWIDEN_LO, wide, kind, x, 0, 0);
        uint32_t wy = a64_vop(c, IR_VWIDEN_LO, wide, kind, splat_element(c, rm, lane, index), 0, 0);
        r = V(MUL, wide, wx, wy);
        if (op == 2)
            r = V(ADD, wide, a64_get_v(c, a->rd), r);
        else if (op == 6)
            r = V(SUB, wide, a64_get_v(c, a->rd), r);
        a64_put_v(c, a->rd, r);
        return true;
    }
    default:
        return false;
    }
}
