/* Lifters for A64 data processing (register): logical and add/sub (shifted, extended),
 * adc/sbc, conditional compare and select, 1-, 2- and 3-source operations. */
#include "frontends/aarch64/aarch64_internal.h"

bool a64_trans_log_reg(A64Lift *c, const A64ArgLogReg *a)
{
    if (!a->sf && a->imm >= 32)
        return false;
    IRBlock *b = c->b;
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t y = a64_shift_imm(c, a64_get_x(c, a->rm, a->sf), a->shift, a->imm);
    if (a->n)
        y = ir_unop(b, IR_NOT, y);
    static const IROp ops[4] = {IR_AND, IR_OR, IR_XOR, IR_AND};
    uint32_t r = ir_binop(b, ops[a->opc], x, y);
    if (a->opc == 3)
        a64_put_nz_clear_cv(c, r);
    a64_put_x(c, a->rd, r);
    return true;
}

static void addsub(A64Lift *c, int64_t op, int64_t s, int64_t rd, uint32_t x, uint32_t y,
                   bool rd_is_sp)
{
    IRBlock *b = c->b;
    uint32_t r;
    if (op)
        r = a64_sub_flags(c, x, y, s);
    else
        r = a64_add_with_carry(c, x, y, ir_const(b, IR_I1, 0), s);
    if (rd_is_sp && !s)
        a64_put_xsp(c, rd, r);
    else
        a64_put_x(c, rd, r);
}

bool a64_trans_addsub_shift(A64Lift *c, const A64ArgAddsubShift *a)
{
    if (a->shift == 3 || (!a->sf && a->imm >= 32))
        return false;
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t y = a64_shift_imm(c, a64_get_x(c, a->rm, a->sf), a->shift, a->imm);
    addsub(c, a->op, a->s, a->rd, x, y, false);
    return true;
}

bool a64_trans_addsub_ext(A64Lift *c, const A64ArgAddsubExt *a)
{
    if (a->imm > 4)
        return false;
    uint32_t x = a64_get_xsp(c, a->rn, a->sf);
    uint32_t y = a64_extend_reg(c, a->rm, a->option, a->imm, a64_ity(a->sf));
    addsub(c, a->op, a->s, a->rd, x, y, true);
    return true;
}

bool a64_trans_adc(A64Lift *c, const A64ArgAdc *a)
{
    IRBlock *b = c->b;
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t y = a64_get_x(c, a->rm, a->sf);
    if (a->op)
        y = ir_unop(b, IR_NOT, y);
    uint32_t r = a64_add_with_carry(c, x, y, a64_get_flag(c, A64_OFF_C), a->s);
    a64_put_x(c, a->rd, r);
    return true;
}

bool a64_trans_ccmp(A64Lift *c, const A64ArgCcmp *a)
{
    IRBlock *b = c->b;
    IRType t = a64_ity(a->sf);
    uint32_t holds = a64_cond(c, a->cond);
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t y = a->isimm ? a64_const(c, t, (uint64_t)a->rm) : a64_get_x(c, a->rm, a->sf);
    uint32_t cin;
    if (a->op) {
        y = ir_unop(b, IR_NOT, y);
        cin = ir_const(b, IR_I1, 1);
    } else {
        cin = ir_const(b, IR_I1, 0);
    }
    uint32_t sum = ir_binop(b, IR_ADD, ir_binop(b, IR_ADD, x, y), ir_conv(b, IR_ZEXT, t, cin));
    uint32_t zero = a64_const(c, t, 0);
    uint32_t f[4] = {ir_cmp(b, IR_CC_SLT, sum, zero), ir_cmp(b, IR_CC_EQ, sum, zero),
                     ir_flag(b, IR_UADDO, x, y, cin), ir_flag(b, IR_SADDO, x, y, cin)};
    static const uint32_t offs[4] = {A64_OFF_N, A64_OFF_Z, A64_OFF_C, A64_OFF_V};
    for (unsigned i = 0; i < 4; i++) {
        uint32_t k = ir_const(b, IR_I1, (uint64_t)(a->nzcv >> (3 - i)) & 1);
        a64_put_flag(c, offs[i], ir_select(b, holds, f[i], k));
    }
    return true;
}

bool a64_trans_csel(A64Lift *c, const A64ArgCsel *a)
{
    if (a->op2 >= 2)
        return false;
    IRBlock *b = c->b;
    IRType t = a64_ity(a->sf);
    uint32_t holds = a64_cond(c, a->cond);
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t y = a64_get_x(c, a->rm, a->sf);
    if (a->op)
        y = ir_unop(b, IR_NOT, y);
    if (a->op2 == 1)
        y = ir_binop(b, IR_ADD, y, a64_const(c, t, 1));
    a64_put_x(c, a->rd, ir_select(b, holds, x, y));
    return true;
}

bool a64_trans_dp2(A64Lift *c, const A64ArgDp2 *a)
{
    IRBlock *b = c->b;
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t y = a64_get_x(c, a->rm, a->sf);
    uint32_t r;
    switch (a->opcode) {
    case 2:
        r = ir_div(b, IR_DIVU, IR_DIV_ARM, x, y);
        break;
    case 3:
        r = ir_div(b, IR_DIVS, IR_DIV_ARM, x, y);
        break;
    case 8:
        r = ir_binop(b, IR_SHL, x, y);
        break;
    case 9:
        r = ir_binop(b, IR_SHR, x, y);
        break;
    case 10:
        r = ir_binop(b, IR_SAR, x, y);
        break;
    case 11:
        r = ir_binop(b, IR_ROTR, x, y);
        break;
    default:
        return false;
    }
    a64_put_x(c, a->rd, r);
    return true;
}

/* Reverses the bits of a 32- or 64-bit value: swap ever larger groups, then bytes. */
static uint32_t reverse_bits(A64Lift *c, uint32_t x)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, x);
    static const uint64_t masks[3] = {0x5555555555555555ull, 0x3333333333333333ull,
                                      0x0f0f0f0f0f0f0f0full};
    for (unsigned i = 0; i < 3; i++) {
        uint32_t k = a64_const(c, t, masks[i]);
        uint32_t sh = a64_const(c, t, 1u << i);
        uint32_t lo = ir_binop(b, IR_SHL, ir_binop(b, IR_AND, x, k), sh);
        uint32_t hi = ir_binop(b, IR_AND, ir_binop(b, IR_SHR, x, sh), k);
        x = ir_binop(b, IR_OR, lo, hi);
    }
    return ir_unop(b, IR_BSWAP, x);
}

/* Byte-reverses each `chunk`-byte container of x (REV16: 2, REV32: 4). A full byte swap
 * also reverses the order of the containers; swapping 16-bit halves within each word, and
 * for 64-bit values the two words, puts them back. */
static uint32_t reverse_chunks(A64Lift *c, uint32_t x, unsigned chunk)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, x);
    unsigned bits = ir_type_bits(t);
    uint32_t r = ir_unop(b, IR_BSWAP, x);
    if (chunk * 8 == bits)
        return r;
    if (chunk == 2) {
        uint32_t k = a64_const(c, t, 0x0000ffff0000ffffull);
        uint32_t s16 = a64_const(c, t, 16);
        uint32_t lo = ir_binop(b, IR_SHL, ir_binop(b, IR_AND, r, k), s16);
        uint32_t hi = ir_binop(b, IR_AND, ir_binop(b, IR_SHR, r, s16), k);
        r = ir_binop(b, IR_OR, lo, hi);
        if (bits == 32)
            return r;
    }
    return ir_binop(b, IR_ROTR, r, a64_const(c, t, 32));
}

bool a64_trans_dp1(A64Lift *c, const A64ArgDp1 *a)
{
    if (a->opcode2 != 0)
        return false;
    IRBlock *b = c->b;
    IRType t = a64_ity(a->sf);
    uint32_t x = a64_get_x(c, a->rn, a->sf);
    uint32_t r;
    switch (a->opcode) {
    case 0:
        r = reverse_bits(c, x);
        break;
    case 1:
        r = reverse_chunks(c, x, 2);
        break;
    case 2:
        if (a->sf)
            r = reverse_chunks(c, x, 4);
        else
            r = ir_unop(b, IR_BSWAP, x);
        break;
    case 3:
        if (!a->sf)
            return false;
        r = ir_unop(b, IR_BSWAP, x);
        break;
    case 4:
        r = ir_unop(b, IR_CLZ, x);
        break;
    case 5: { /* CLS: leading bits equal to the sign, not counting the sign itself */
        uint32_t sign = ir_binop(b, IR_SAR, x, a64_const(c, t, ir_type_bits(t) - 1));
        uint32_t diff = ir_binop(b, IR_XOR, x, sign);
        r = ir_binop(b, IR_SUB, ir_unop(b, IR_CLZ, diff), a64_const(c, t, 1));
        break;
    }
    default:
        return false;
    }
    a64_put_x(c, a->rd, r);
    return true;
}

bool a64_trans_dp3(A64Lift *c, const A64ArgDp3 *a)
{
    if (a->op54 != 0)
        return false;
    IRBlock *b = c->b;
    uint32_t r;
    switch (a->op31) {
    case 0: { /* MADD / MSUB */
        uint32_t p = ir_binop(b, IR_MUL, a64_get_x(c, a->rn, a->sf), a64_get_x(c, a->rm, a->sf));
        uint32_t acc = a64_get_x(c, a->ra, a->sf);
        r = ir_binop(b, a->o0 ? IR_SUB : IR_ADD, acc, p);
        break;
    }
    case 1:   /* SMADDL / SMSUBL */
    case 5: { /* UMADDL / UMSUBL */
        if (!a->sf)
            return false;
        IROp ext = a->op31 == 1 ? IR_SEXT : IR_ZEXT;
        uint32_t x = ir_conv(b, ext, IR_I64, a64_get_x(c, a->rn, 0));
        uint32_t y = ir_conv(b, ext, IR_I64, a64_get_x(c, a->rm, 0));
        uint32_t p = ir_binop(b, IR_MUL, x, y);
        r = ir_binop(b, a->o0 ? IR_SUB : IR_ADD, a64_get_x(c, a->ra, 1), p);
        break;
    }
    case 2:
    case 6:
        if (!a->sf || a->o0)
            return false;
        r = ir_binop(b, a->op31 == 2 ? IR_MULHS : IR_MULHU, a64_get_x(c, a->rn, 1),
                     a64_get_x(c, a->rm, 1));
        break;
    default:
        return false;
    }
    a64_put_x(c, a->rd, r);
    return true;
}
