/* Lifters for A64 data processing (immediate): adr/adrp, add/sub, logical, movz/movn/movk,
 * bitfield moves and extract. */
#include "frontends/aarch64/aarch64_internal.h"

bool a64_trans_adr(A64Lift *c, const A64ArgAdr *a)
{
    uint64_t v = a->op ? (c->pc & ~0xfffull) + ((uint64_t)a->imm << 12) : c->pc + (uint64_t)a->imm;
    a64_put_x(c, a->rd, a64_c64(c, v));
    return true;
}

bool a64_trans_addsub_imm(A64Lift *c, const A64ArgAddsubImm *a)
{
    IRType t = a64_ity(a->sf);
    uint64_t imm = (uint64_t)a->imm << (a->sh ? 12 : 0);
    uint32_t x = a64_get_xsp(c, a->rn, a->sf);
    uint32_t r;
    if (!a->op)
        r = a64_add_with_carry(c, x, a64_const(c, t, imm), ir_const(c->b, IR_I1, 0), a->s);
    else
        r = a64_sub_flags(c, x, a64_const(c, t, imm), a->s);
    if (a->s)
        a64_put_x(c, a->rd, r);
    else
        a64_put_xsp(c, a->rd, r);
    return true;
}

bool a64_trans_log_imm(A64Lift *c, const A64ArgLogImm *a)
{
    uint64_t imm;
    if (!a->sf && a->n)
        return false;
    if (!a64_decode_bit_masks(a->n, a->imms, a->immr, a->sf, &imm))
        return false;
    IRBlock *b = c->b;
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t k = a64_const(c, a64_ity(a->sf), imm);
    static const IROp ops[4] = {IR_AND, IR_OR, IR_XOR, IR_AND};
    uint32_t r = ir_binop(b, ops[a->opc], x, k);
    if (a->opc == 3) {
        a64_put_nz_clear_cv(c, r);
        a64_put_x(c, a->rd, r);
    } else {
        a64_put_xsp(c, a->rd, r);
    }
    return true;
}

bool a64_trans_movw(A64Lift *c, const A64ArgMovw *a)
{
    if (a->opc == 1 || (!a->sf && a->hw >= 2))
        return false;
    IRType t = a64_ity(a->sf);
    unsigned pos = (unsigned)a->hw * 16;
    uint64_t imm = (uint64_t)a->imm << pos;
    uint32_t r;
    if (a->opc == 0)
        r = a64_const(c, t, ~imm);
    else if (a->opc == 2)
        r = a64_const(c, t, imm);
    else {
        IRBlock *b = c->b;
        uint32_t old = a64_get_x(c, a->rd, a->sf);
        uint32_t kept = ir_binop(b, IR_AND, old, a64_const(c, t, ~(0xffffull << pos)));
        r = ir_binop(b, IR_OR, kept, a64_const(c, t, imm));
    }
    a64_put_x(c, a->rd, r);
    return true;
}

static uint64_t ones(unsigned n)
{
    return n >= 64 ? ~0ull : (1ull << n) - 1;
}

bool a64_trans_bitfield(A64Lift *c, const A64ArgBitfield *a)
{
    if (a->opc == 3 || a->n != a->sf)
        return false;
    unsigned ds = a->sf ? 64 : 32;
    if (!a->sf && (a->immr >= 32 || a->imms >= 32))
        return false;
    IRBlock *b = c->b;
    IRType t = a64_ity(a->sf);
    unsigned r = (unsigned)a->immr, s = (unsigned)a->imms;
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t res;
    if (a->opc == 0) { /* SBFM */
        uint32_t up = ir_binop(b, IR_SHL, x, a64_const(c, t, ds - 1 - s));
        if (s >= r)
            res = ir_binop(b, IR_SAR, up, a64_const(c, t, ds - 1 - s + r));
        else {
            res = ir_binop(b, IR_SAR, up, a64_const(c, t, ds - 1 - s));
            res = ir_binop(b, IR_SHL, res, a64_const(c, t, ds - r));
        }
    } else if (a->opc == 2) { /* UBFM */
        if (s >= r) {
            res = r ? ir_binop(b, IR_SHR, x, a64_const(c, t, r)) : x;
            if (s - r + 1 < ds)
                res = ir_binop(b, IR_AND, res, a64_const(c, t, ones(s - r + 1)));
        } else {
            res = ir_binop(b, IR_AND, x, a64_const(c, t, ones(s + 1)));
            res = ir_binop(b, IR_SHL, res, a64_const(c, t, ds - r));
        }
    } else { /* BFM */
        uint32_t dst = a64_get_x(c, a->rd, a->sf);
        unsigned w, pos;
        uint32_t field;
        if (s >= r) {
            w = s - r + 1;
            pos = 0;
            field = r ? ir_binop(b, IR_SHR, x, a64_const(c, t, r)) : x;
        } else {
            w = s + 1;
            pos = ds - r;
            field = x;
        }
        uint64_t m = ones(w);
        field = ir_binop(b, IR_AND, field, a64_const(c, t, m));
        if (pos)
            field = ir_binop(b, IR_SHL, field, a64_const(c, t, pos));
        uint32_t kept = ir_binop(b, IR_AND, dst, a64_const(c, t, ~(m << pos)));
        res = ir_binop(b, IR_OR, kept, field);
    }
    a64_put_x(c, a->rd, res);
    return true;
}

bool a64_trans_extr(A64Lift *c, const A64ArgExtr *a)
{
    if (a->n != a->sf || (!a->sf && a->imms >= 32))
        return false;
    IRBlock *b = c->b;
    IRType t = a64_ity(a->sf);
    unsigned ds = a->sf ? 64 : 32;
    uint32_t lo = a64_get_x(c, a->rm, a->sf);
    uint32_t r;
    if (a->imms == 0)
        r = lo;
    else if (a->rn == a->rm)
        r = ir_binop(b, IR_ROTR, lo, a64_const(c, t, (uint64_t)a->imms));
    else {
        uint32_t hi = a64_get_x(c, a->rn, a->sf);
        uint32_t p1 = ir_binop(b, IR_SHR, lo, a64_const(c, t, (uint64_t)a->imms));
        uint32_t p2 = ir_binop(b, IR_SHL, hi, a64_const(c, t, ds - (uint64_t)a->imms));
        r = ir_binop(b, IR_OR, p1, p2);
    }
    a64_put_x(c, a->rd, r);
    return true;
}
