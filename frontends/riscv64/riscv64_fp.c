/* Width-generic FP lifters (F and D): NaN boxing, rounding modes, RISC-V NaN rules. */
#include "frontends/riscv64/riscv64_fp.h"

#include "common/common.h"

/* Every RISC-V FP result that is a NaN is the canonical NaN. */
#define RV_NAN IR_NAN_CANONICAL

bool rv_fp_load(RvLift *c, const RvArgI *a, IRType t)
{
    IRBlock *b = c->b;
    uint32_t addr = rv_addr(c, a->rs1, a->imm);
    if (t == IR_F32)
        rv_put_f32_bits(c, a->rd, ir_load(b, IR_I32, addr));
    else
        rv_put_f_raw(c, a->rd, ir_load(b, IR_I64, addr));
    return true;
}

bool rv_fp_store(RvLift *c, const RvArgS *a, IRType t)
{
    IRBlock *b = c->b;
    uint32_t addr = rv_addr(c, a->rs1, a->imm);
    uint32_t raw = rv_get_f_raw(c, a->rs2);
    /* fsw stores the low 32 bits as they are, boxed or not. */
    ir_store(b, addr, t == IR_F32 ? ir_conv(b, IR_TRUNC, IR_I32, raw) : raw);
    return true;
}

bool rv_fp_arith(RvLift *c, const RvArgRRm *a, IRType t, IROp op)
{
    IRRound rm;
    if (!rv_round_mode(a->rm, &rm))
        return false;
    uint32_t x = rv_get_f(c, t, a->rs1), y = rv_get_f(c, t, a->rs2);
    rv_put_f(c, t, a->rd, ir_fop(c->b, op, rm, RV_NAN, 0, x, y, 0));
    return true;
}

bool rv_fp_sqrt(RvLift *c, const RvArgR2Rm *a, IRType t)
{
    IRRound rm;
    if (!rv_round_mode(a->rm, &rm))
        return false;
    uint32_t x = rv_get_f(c, t, a->rs1);
    rv_put_f(c, t, a->rd, ir_fop(c->b, IR_FSQRT, rm, RV_NAN, 0, x, 0, 0));
    return true;
}

bool rv_fp_fma(RvLift *c, const RvArgR4Rm *a, IRType t, bool neg_product, bool neg_addend)
{
    IRRound rm;
    if (!rv_round_mode(a->rm, &rm))
        return false;
    IRBlock *b = c->b;
    uint32_t x = rv_get_f(c, t, a->rs1), y = rv_get_f(c, t, a->rs2), z = rv_get_f(c, t, a->rs3);
    /* Negating an input only flips its sign bit: (-x)*y is exactly -(x*y), a signalling
     * NaN stays signalling (so invalid is still raised), and since every NaN result is
     * canonical the flipped sign of a NaN input can never show. One FMA, one rounding. */
    if (neg_product)
        x = ir_fop(b, IR_FNEG, IR_RM_RNE, RV_NAN, 0, x, 0, 0);
    if (neg_addend)
        z = ir_fop(b, IR_FNEG, IR_RM_RNE, RV_NAN, 0, z, 0, 0);
    rv_put_f(c, t, a->rd, ir_fop(b, IR_FMA, rm, RV_NAN, 0, x, y, z));
    return true;
}

/* The register bits of an FP value as an integer (box-checked for f32). */
static uint32_t rv_fp_bits(RvLift *c, IRType t, int64_t r)
{
    return t == IR_F32 ? rv_get_f32_bits(c, r) : rv_get_f_raw(c, r);
}

static void rv_put_fp_bits(RvLift *c, IRType t, int64_t r, uint32_t v)
{
    if (t == IR_F32)
        rv_put_f32_bits(c, r, v);
    else
        rv_put_f_raw(c, r, v);
}

bool rv_fp_sgnj(RvLift *c, const RvArgR *a, IRType t, RvSgnjKind kind)
{
    IRBlock *b = c->b;
    IRType it = t == IR_F32 ? IR_I32 : IR_I64;
    uint64_t sign = t == IR_F32 ? 0x80000000ull : 0x8000000000000000ull;
    uint32_t x = rv_fp_bits(c, t, a->rs1), y = rv_fp_bits(c, t, a->rs2);
    uint32_t sign_mask = ir_const(b, it, sign);
    uint32_t y_sign = ir_binop(b, IR_AND, y, sign_mask);
    uint32_t r;
    if (kind == RV_SGNJX) {
        r = ir_binop(b, IR_XOR, x, y_sign);
    } else {
        uint32_t magnitude = ir_binop(b, IR_AND, x, ir_const(b, it, ~sign));
        if (kind == RV_SGNJN)
            y_sign = ir_binop(b, IR_XOR, y_sign, sign_mask);
        r = ir_binop(b, IR_OR, magnitude, y_sign);
    }
    rv_put_fp_bits(c, t, a->rd, r);
    return true;
}

bool rv_fp_minmax(RvLift *c, const RvArgR *a, IRType t, IROp op)
{
    uint32_t x = rv_get_f(c, t, a->rs1), y = rv_get_f(c, t, a->rs2);
    rv_put_f(c, t, a->rd, ir_fop(c->b, op, IR_RM_RNE, RV_NAN, IR_FMIN_NUMBER, x, y, 0));
    return true;
}

bool rv_fp_compare(RvLift *c, const RvArgR *a, IRType t, IRFCond cond)
{
    uint32_t x = rv_get_f(c, t, a->rs1), y = rv_get_f(c, t, a->rs2);
    rv_put_x(c, a->rd, rv_bool64(c, ir_fcmp(c->b, cond, RV_NAN, x, y)));
    return true;
}

bool rv_fp_class(RvLift *c, const RvArgR2 *a, IRType t)
{
    IRBlock *b = c->b;
    uint32_t bits = ir_conv(b, IR_ZEXT, IR_I64, rv_fp_bits(c, t, a->rs1));
    IRHelper h = t == IR_F32 ? IR_HELPER_FCLASS32 : IR_HELPER_FCLASS64;
    rv_put_x(c, a->rd, ir_helper(b, h, bits, 0, 0));
    return true;
}

bool rv_fp_to_int(RvLift *c, const RvArgR2Rm *a, IRType t, IRType int_type, bool is_unsigned)
{
    IRRound rm;
    if (!rv_round_mode(a->rm, &rm))
        return false;
    unsigned kind = IR_CVT_SAT_RISCV | (is_unsigned ? IR_CVT_UNSIGNED : IR_CVT_SIGNED);
    uint32_t x = rv_get_f(c, t, a->rs1);
    uint32_t v = ir_fcvt(c->b, IR_FCVT_F2I, int_type, kind, rm, RV_NAN, x);
    /* 32-bit results are sign-extended, fcvt.wu included. */
    rv_put_x(c, a->rd, ir_conv(c->b, IR_SEXT, IR_I64, v));
    return true;
}

bool rv_fp_from_int(RvLift *c, const RvArgR2Rm *a, IRType t, IRType int_type, bool is_unsigned)
{
    IRRound rm;
    if (!rv_round_mode(a->rm, &rm))
        return false;
    uint32_t x = int_type == IR_I32 ? rv_get_x32(c, a->rs1) : rv_get_x(c, a->rs1);
    unsigned kind = is_unsigned ? IR_CVT_UNSIGNED : IR_CVT_SIGNED;
    rv_put_f(c, t, a->rd, ir_fcvt(c->b, IR_FCVT_I2F, t, kind, rm, RV_NAN, x));
    return true;
}

bool rv_fp_convert(RvLift *c, const RvArgR2Rm *a, IRType t)
{
    IRRound rm;
    if (!rv_round_mode(a->rm, &rm))
        return false;
    uint32_t x = rv_get_f(c, t == IR_F32 ? IR_F64 : IR_F32, a->rs1);
    rv_put_f(c, t, a->rd, ir_fcvt(c->b, IR_FCVT_F2F, t, 0, rm, RV_NAN, x));
    return true;
}
