/* Lifters for the bit-manipulation extensions Zba, Zbb and Zbs. */
#include "frontends/riscv64/riscv64_internal.h"

/* ---- Zba: address generation --------------------------------------------------------- */

static uint32_t rv_zext32(RvLift *c, int64_t r)
{
    return ir_conv(c->b, IR_ZEXT, IR_I64, rv_get_x32(c, r));
}

/* rd = (base << shift) + x[rs2], base = x[rs1] or its zero-extended low word. */
static bool rv_shadd(RvLift *c, const RvArgR *a, unsigned shift, bool uw)
{
    IRBlock *b = c->b;
    uint32_t base = uw ? rv_zext32(c, a->rs1) : rv_get_x(c, a->rs1);
    if (shift)
        base = ir_binop(b, IR_SHL, base, rv_const(c, shift));
    rv_put_x(c, a->rd, ir_binop(b, IR_ADD, base, rv_get_x(c, a->rs2)));
    return true;
}

bool rv_trans_sh1add(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 1, false);
}
bool rv_trans_sh2add(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 2, false);
}
bool rv_trans_sh3add(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 3, false);
}
bool rv_trans_add_uw(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 0, true);
}
bool rv_trans_sh1add_uw(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 1, true);
}
bool rv_trans_sh2add_uw(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 2, true);
}
bool rv_trans_sh3add_uw(RvLift *c, const RvArgR *a)
{
    return rv_shadd(c, a, 3, true);
}

bool rv_trans_slli_uw(RvLift *c, const RvArgShift *a)
{
    uint32_t v = ir_binop(c->b, IR_SHL, rv_zext32(c, a->rs1), rv_const(c, (uint64_t)a->shamt));
    rv_put_x(c, a->rd, v);
    return true;
}

/* ---- Zbb: basic bit manipulation ----------------------------------------------------- */

static bool rv_logic_not(RvLift *c, const RvArgR *a, IROp op, bool invert_result)
{
    IRBlock *b = c->b;
    uint32_t x = rv_get_x(c, a->rs1), y = rv_get_x(c, a->rs2);
    uint32_t v = invert_result ? ir_unop(b, IR_NOT, ir_binop(b, op, x, y))
                               : ir_binop(b, op, x, ir_unop(b, IR_NOT, y));
    rv_put_x(c, a->rd, v);
    return true;
}

bool rv_trans_andn(RvLift *c, const RvArgR *a)
{
    return rv_logic_not(c, a, IR_AND, false);
}
bool rv_trans_orn(RvLift *c, const RvArgR *a)
{
    return rv_logic_not(c, a, IR_OR, false);
}
bool rv_trans_xnor(RvLift *c, const RvArgR *a)
{
    return rv_logic_not(c, a, IR_XOR, true);
}

static bool rv_count(RvLift *c, const RvArgR2 *a, IROp op, bool word)
{
    IRBlock *b = c->b;
    uint32_t v = word ? ir_unop(b, op, rv_get_x32(c, a->rs1)) : ir_unop(b, op, rv_get_x(c, a->rs1));
    rv_put_x(c, a->rd, ir_conv(b, IR_ZEXT, IR_I64, v));
    return true;
}

bool rv_trans_clz(RvLift *c, const RvArgR2 *a)
{
    return rv_count(c, a, IR_CLZ, false);
}
bool rv_trans_ctz(RvLift *c, const RvArgR2 *a)
{
    return rv_count(c, a, IR_CTZ, false);
}
bool rv_trans_cpop(RvLift *c, const RvArgR2 *a)
{
    return rv_count(c, a, IR_POPCNT, false);
}
bool rv_trans_clzw(RvLift *c, const RvArgR2 *a)
{
    return rv_count(c, a, IR_CLZ, true);
}
bool rv_trans_ctzw(RvLift *c, const RvArgR2 *a)
{
    return rv_count(c, a, IR_CTZ, true);
}
bool rv_trans_cpopw(RvLift *c, const RvArgR2 *a)
{
    return rv_count(c, a, IR_POPCNT, true);
}

static bool rv_minmax(RvLift *c, const RvArgR *a, IROp op)
{
    rv_put_x(c, a->rd, ir_binop(c->b, op, rv_get_x(c, a->rs1), rv_get_x(c, a->rs2)));
    return true;
}

bool rv_trans_max(RvLift *c, const RvArgR *a)
{
    return rv_minmax(c, a, IR_SMAX);
}
bool rv_trans_maxu(RvLift *c, const RvArgR *a)
{
    return rv_minmax(c, a, IR_UMAX);
}
bool rv_trans_min(RvLift *c, const RvArgR *a)
{
    return rv_minmax(c, a, IR_SMIN);
}
bool rv_trans_minu(RvLift *c, const RvArgR *a)
{
    return rv_minmax(c, a, IR_UMIN);
}

static bool rv_extend(RvLift *c, const RvArgR2 *a, IRType t, IROp extend)
{
    uint32_t narrow = ir_conv(c->b, IR_TRUNC, t, rv_get_x(c, a->rs1));
    rv_put_x(c, a->rd, ir_conv(c->b, extend, IR_I64, narrow));
    return true;
}

bool rv_trans_sext_b(RvLift *c, const RvArgR2 *a)
{
    return rv_extend(c, a, IR_I8, IR_SEXT);
}
bool rv_trans_sext_h(RvLift *c, const RvArgR2 *a)
{
    return rv_extend(c, a, IR_I16, IR_SEXT);
}
bool rv_trans_zext_h(RvLift *c, const RvArgR2 *a)
{
    return rv_extend(c, a, IR_I16, IR_ZEXT);
}

/* orc.b: every non-zero byte becomes 0xff, every zero byte stays 0. Adding 0x7f to the low
 * seven bits of a byte carries into bit 7 iff they are non-zero; OR-ing the byte itself in
 * covers bit 7, so bit 7 of each byte ends up "byte != 0". Spreading it: (h >> 7) * 0xff. */
bool rv_trans_orc_b(RvLift *c, const RvArgR2 *a)
{
    IRBlock *b = c->b;
    uint32_t x = rv_get_x(c, a->rs1);
    uint32_t low7 = rv_const(c, 0x7f7f7f7f7f7f7f7full);
    uint32_t carry = ir_binop(b, IR_ADD, ir_binop(b, IR_AND, x, low7), low7);
    uint32_t high =
        ir_binop(b, IR_AND, ir_binop(b, IR_OR, carry, x), rv_const(c, 0x8080808080808080ull));
    uint32_t ones = ir_binop(b, IR_SHR, high, rv_const(c, 7));
    rv_put_x(c, a->rd, ir_binop(b, IR_MUL, ones, rv_const(c, 0xff)));
    return true;
}

bool rv_trans_rev8(RvLift *c, const RvArgR2 *a)
{
    rv_put_x(c, a->rd, ir_unop(c->b, IR_BSWAP, rv_get_x(c, a->rs1)));
    return true;
}

/* Rotates: the amount is taken modulo the width explicitly (IR rotates do not say). */
static bool rv_rotate(RvLift *c, const RvArgR *a, IROp op, bool word)
{
    IRBlock *b = c->b;
    if (word) {
        uint32_t amount = ir_binop(b, IR_AND, rv_get_x32(c, a->rs2), rv_const32(c, 31));
        rv_put_x_sext32(c, a->rd, ir_binop(b, op, rv_get_x32(c, a->rs1), amount));
    } else {
        uint32_t amount = ir_binop(b, IR_AND, rv_get_x(c, a->rs2), rv_const(c, 63));
        rv_put_x(c, a->rd, ir_binop(b, op, rv_get_x(c, a->rs1), amount));
    }
    return true;
}

bool rv_trans_rol(RvLift *c, const RvArgR *a)
{
    return rv_rotate(c, a, IR_ROTL, false);
}
bool rv_trans_ror(RvLift *c, const RvArgR *a)
{
    return rv_rotate(c, a, IR_ROTR, false);
}
bool rv_trans_rolw(RvLift *c, const RvArgR *a)
{
    return rv_rotate(c, a, IR_ROTL, true);
}
bool rv_trans_rorw(RvLift *c, const RvArgR *a)
{
    return rv_rotate(c, a, IR_ROTR, true);
}

bool rv_trans_rori(RvLift *c, const RvArgShift *a)
{
    uint32_t v = ir_binop(c->b, IR_ROTR, rv_get_x(c, a->rs1), rv_const(c, (uint64_t)a->shamt));
    rv_put_x(c, a->rd, v);
    return true;
}

bool rv_trans_roriw(RvLift *c, const RvArgShift *a)
{
    uint32_t v = ir_binop(c->b, IR_ROTR, rv_get_x32(c, a->rs1), rv_const32(c, (uint32_t)a->shamt));
    rv_put_x_sext32(c, a->rd, v);
    return true;
}

/* ---- Zbs: single-bit operations ------------------------------------------------------ */

typedef enum RvBitOp { RV_BCLR, RV_BEXT, RV_BINV, RV_BSET } RvBitOp;

static void rv_bit_op(RvLift *c, int64_t rd, int64_t rs1, uint32_t index, RvBitOp op)
{
    IRBlock *b = c->b;
    uint32_t x = rv_get_x(c, rs1);
    index = ir_binop(b, IR_AND, index, rv_const(c, 63));
    uint32_t v;
    if (op == RV_BEXT) {
        v = ir_binop(b, IR_AND, ir_binop(b, IR_SHR, x, index), rv_const(c, 1));
    } else {
        uint32_t bit = ir_binop(b, IR_SHL, rv_const(c, 1), index);
        if (op == RV_BCLR)
            v = ir_binop(b, IR_AND, x, ir_unop(b, IR_NOT, bit));
        else
            v = ir_binop(b, op == RV_BINV ? IR_XOR : IR_OR, x, bit);
    }
    rv_put_x(c, rd, v);
}

static bool rv_bit_reg(RvLift *c, const RvArgR *a, RvBitOp op)
{
    rv_bit_op(c, a->rd, a->rs1, rv_get_x(c, a->rs2), op);
    return true;
}

static bool rv_bit_imm(RvLift *c, const RvArgShift *a, RvBitOp op)
{
    rv_bit_op(c, a->rd, a->rs1, rv_const(c, (uint64_t)a->shamt), op);
    return true;
}

bool rv_trans_bclr(RvLift *c, const RvArgR *a)
{
    return rv_bit_reg(c, a, RV_BCLR);
}
bool rv_trans_bext(RvLift *c, const RvArgR *a)
{
    return rv_bit_reg(c, a, RV_BEXT);
}
bool rv_trans_binv(RvLift *c, const RvArgR *a)
{
    return rv_bit_reg(c, a, RV_BINV);
}
bool rv_trans_bset(RvLift *c, const RvArgR *a)
{
    return rv_bit_reg(c, a, RV_BSET);
}
bool rv_trans_bclri(RvLift *c, const RvArgShift *a)
{
    return rv_bit_imm(c, a, RV_BCLR);
}
bool rv_trans_bexti(RvLift *c, const RvArgShift *a)
{
    return rv_bit_imm(c, a, RV_BEXT);
}
bool rv_trans_binvi(RvLift *c, const RvArgShift *a)
{
    return rv_bit_imm(c, a, RV_BINV);
}
bool rv_trans_bseti(RvLift *c, const RvArgShift *a)
{
    return rv_bit_imm(c, a, RV_BSET);
}
