/* The AArch64 lift loop and the register, flag and operand helpers the lifters share. */
#include "frontends/aarch64/aarch64_internal.h"

#include "common/common.h"

#include <string.h>

uint32_t a64_const(A64Lift *c, IRType t, uint64_t v)
{
    if (t == IR_I32)
        v &= 0xffffffffu;
    return ir_const(c->b, t, v);
}

uint32_t a64_c64(A64Lift *c, uint64_t v)
{
    return ir_const(c->b, IR_I64, v);
}

static uint32_t get_reg64(A64Lift *c, unsigned idx)
{
    if (c->xval[idx] == A64_NO_VALUE)
        c->xval[idx] = ir_get(c->b, IR_I64, idx == 31 ? A64_OFF_SP : A64_OFF_X(idx));
    return c->xval[idx];
}

static uint32_t narrow(A64Lift *c, uint32_t v64, int64_t sf)
{
    return sf ? v64 : ir_conv(c->b, IR_TRUNC, IR_I32, v64);
}

uint32_t a64_get_x(A64Lift *c, int64_t r, int64_t sf)
{
    fvp_assert(r >= 0 && r < 32);
    if (r == 31)
        return a64_const(c, a64_ity(sf), 0);
    return narrow(c, get_reg64(c, (unsigned)r), sf);
}

uint32_t a64_get_xsp(A64Lift *c, int64_t r, int64_t sf)
{
    fvp_assert(r >= 0 && r < 32);
    return narrow(c, get_reg64(c, (unsigned)r), sf);
}

static void put_reg64(A64Lift *c, unsigned idx, uint32_t v)
{
    if (ir_value_type(c->b, v) != IR_I64)
        v = ir_conv(c->b, IR_ZEXT, IR_I64, v);
    else if (c->b->insns[v].lane != IR_LANE_NONE) {
        /* A lane extract names its source's lane; ops built on the cached register copy
         * their first operand's lane, so give scalar uses a lane-free copy. */
        IRInsn copy = {.op = IR_BITCAST, .type = IR_I64, .nargs = 1, .args = {v}};
        v = ir_emit(c->b, &copy);
    }
    ir_put(c->b, idx == 31 ? A64_OFF_SP : A64_OFF_X(idx), v);
    c->xval[idx] = v;
}

void a64_put_x(A64Lift *c, int64_t r, uint32_t v)
{
    fvp_assert(r >= 0 && r < 32);
    if (r != 31)
        put_reg64(c, (unsigned)r, v);
}

void a64_put_xsp(A64Lift *c, int64_t r, uint32_t v)
{
    fvp_assert(r >= 0 && r < 32);
    put_reg64(c, (unsigned)r, v);
}

uint32_t a64_get_flag(A64Lift *c, uint32_t offset)
{
    unsigned i = offset - A64_OFF_N;
    fvp_assert(i < 4);
    if (c->fval[i] == A64_NO_VALUE)
        c->fval[i] = ir_conv(c->b, IR_TRUNC, IR_I1, ir_get(c->b, IR_I8, offset));
    return c->fval[i];
}

void a64_put_flag(A64Lift *c, uint32_t offset, uint32_t v1)
{
    unsigned i = offset - A64_OFF_N;
    fvp_assert(i < 4);
    fvp_assert(ir_value_type(c->b, v1) == IR_I1);
    ir_put(c->b, offset, ir_conv(c->b, IR_ZEXT, IR_I8, v1));
    c->fval[i] = v1;
}

void a64_put_nzcv(A64Lift *c, uint32_t n, uint32_t z, uint32_t cf, uint32_t v)
{
    a64_put_flag(c, A64_OFF_N, n);
    a64_put_flag(c, A64_OFF_Z, z);
    a64_put_flag(c, A64_OFF_C, cf);
    a64_put_flag(c, A64_OFF_V, v);
}

void a64_put_nz_clear_cv(A64Lift *c, uint32_t result)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, result);
    uint32_t zero = a64_const(c, t, 0);
    uint32_t f = ir_const(b, IR_I1, 0);
    a64_put_nzcv(c, ir_cmp(b, IR_CC_SLT, result, zero), ir_cmp(b, IR_CC_EQ, result, zero), f, f);
}

void a64_put_nzcv_imm(A64Lift *c, unsigned nzcv)
{
    IRBlock *b = c->b;
    a64_put_nzcv(c, ir_const(b, IR_I1, nzcv >> 3 & 1), ir_const(b, IR_I1, nzcv >> 2 & 1),
                 ir_const(b, IR_I1, nzcv >> 1 & 1), ir_const(b, IR_I1, nzcv & 1));
}

uint32_t a64_cond(A64Lift *c, int64_t cond)
{
    IRBlock *b = c->b;
    uint32_t r;
    switch (cond >> 1) {
    case 0:
        r = a64_get_flag(c, A64_OFF_Z);
        break;
    case 1:
        r = a64_get_flag(c, A64_OFF_C);
        break;
    case 2:
        r = a64_get_flag(c, A64_OFF_N);
        break;
    case 3:
        r = a64_get_flag(c, A64_OFF_V);
        break;
    case 4: {
        uint32_t nz = ir_binop(b, IR_XOR, a64_get_flag(c, A64_OFF_Z), ir_const(b, IR_I1, 1));
        r = ir_binop(b, IR_AND, a64_get_flag(c, A64_OFF_C), nz);
        break;
    }
    case 5:
        r = ir_cmp(b, IR_CC_EQ, a64_get_flag(c, A64_OFF_N), a64_get_flag(c, A64_OFF_V));
        break;
    case 6: {
        uint32_t ge = ir_cmp(b, IR_CC_EQ, a64_get_flag(c, A64_OFF_N), a64_get_flag(c, A64_OFF_V));
        uint32_t nz = ir_binop(b, IR_XOR, a64_get_flag(c, A64_OFF_Z), ir_const(b, IR_I1, 1));
        r = ir_binop(b, IR_AND, ge, nz);
        break;
    }
    default:
        return ir_const(b, IR_I1, 1); /* AL and NV */
    }
    if (cond & 1)
        r = ir_binop(b, IR_XOR, r, ir_const(b, IR_I1, 1));
    return r;
}

uint32_t a64_add_with_carry(A64Lift *c, uint32_t a, uint32_t bv, uint32_t cin, bool setflags)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, a);
    uint32_t sum = ir_binop(b, IR_ADD, a, bv);
    const IRInsn *k = &b->insns[cin];
    if (k->op != IR_CONST)
        sum = ir_binop(b, IR_ADD, sum, ir_conv(b, IR_ZEXT, t, cin));
    else if (k->imm)
        sum = ir_binop(b, IR_ADD, sum, a64_const(c, t, 1));
    if (setflags) {
        uint32_t zero = a64_const(c, t, 0);
        a64_put_nzcv(c, ir_cmp(b, IR_CC_SLT, sum, zero), ir_cmp(b, IR_CC_EQ, sum, zero),
                     ir_flag(b, IR_UADDO, a, bv, cin), ir_flag(b, IR_SADDO, a, bv, cin));
    }
    return sum;
}

uint32_t a64_sub_flags(A64Lift *c, uint32_t a, uint32_t bv, bool setflags)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, a);
    uint32_t diff = ir_binop(b, IR_SUB, a, bv);
    if (setflags) {
        uint32_t zero = a64_const(c, t, 0);
        uint32_t no = ir_const(b, IR_I1, 0);
        uint32_t borrow = ir_flag(b, IR_USUBO, a, bv, no);
        a64_put_nzcv(c, ir_cmp(b, IR_CC_SLT, diff, zero), ir_cmp(b, IR_CC_EQ, diff, zero),
                     ir_binop(b, IR_XOR, borrow, ir_const(b, IR_I1, 1)),
                     ir_flag(b, IR_SSUBO, a, bv, no));
    }
    return diff;
}

uint32_t a64_shift_imm(A64Lift *c, uint32_t v, int64_t type, int64_t amount)
{
    IRBlock *b = c->b;
    if (amount == 0)
        return v;
    static const IROp ops[4] = {IR_SHL, IR_SHR, IR_SAR, IR_ROTR};
    IRType t = ir_value_type(b, v);
    return ir_binop(b, ops[type & 3], v, a64_const(c, t, (uint64_t)amount));
}

uint32_t a64_extend_reg(A64Lift *c, int64_t r, int64_t option, int64_t shift, IRType t)
{
    IRBlock *b = c->b;
    static const IRType from[4] = {IR_I8, IR_I16, IR_I32, IR_I64};
    IRType src = from[option & 3];
    uint32_t v = a64_get_x(c, r, src == IR_I64 ? 1 : 0);
    if (src != IR_I64 && src != IR_I32)
        v = ir_conv(b, IR_TRUNC, src, v);
    if (src == IR_I64 && t == IR_I32)
        v = ir_conv(b, IR_TRUNC, IR_I32, v);
    else if (ir_value_type(b, v) != t)
        v = ir_conv(b, (option & 4) ? IR_SEXT : IR_ZEXT, t, v);
    if (shift)
        v = ir_binop(b, IR_SHL, v, a64_const(c, t, (uint64_t)shift));
    return v;
}

uint32_t a64_get_v(A64Lift *c, int64_t r)
{
    fvp_assert(r >= 0 && r < 32);
    return ir_get(c->b, IR_V128, A64_OFF_VREG(r));
}

void a64_put_v(A64Lift *c, int64_t r, uint32_t v128)
{
    fvp_assert(r >= 0 && r < 32);
    fvp_assert(ir_value_type(c->b, v128) == IR_V128);
    ir_put(c->b, A64_OFF_VREG(r), v128);
}

uint32_t a64_get_vlow(A64Lift *c, int64_t r, IRType t)
{
    IRBlock *b = c->b;
    uint32_t wide = ir_conv(b, IR_BITCAST, IR_I128, a64_get_v(c, r));
    if (t == IR_F32 || t == IR_F64) {
        IRType it = t == IR_F32 ? IR_I32 : IR_I64;
        return ir_conv(b, IR_BITCAST, t, ir_conv(b, IR_TRUNC, it, wide));
    }
    if (t == IR_V128)
        return a64_get_v(c, r);
    return ir_conv(b, IR_TRUNC, t, wide);
}

uint32_t a64_scalar_to_v(A64Lift *c, uint32_t v)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, v);
    if (t == IR_V128)
        return v;
    if (t == IR_F32)
        v = ir_conv(b, IR_BITCAST, IR_I32, v);
    else if (t == IR_F64)
        v = ir_conv(b, IR_BITCAST, IR_I64, v);
    return ir_conv(b, IR_BITCAST, IR_V128, ir_conv(b, IR_ZEXT, IR_I128, v));
}

void a64_put_vlow(A64Lift *c, int64_t r, uint32_t v)
{
    a64_put_v(c, r, a64_scalar_to_v(c, v));
}

uint32_t a64_clear_high(A64Lift *c, uint32_t v128)
{
    IRBlock *b = c->b;
    uint32_t lo = ir_conv(b, IR_TRUNC, IR_I64, ir_conv(b, IR_BITCAST, IR_I128, v128));
    return a64_scalar_to_v(c, lo);
}

static uint64_t ror_bits(uint64_t x, unsigned r, unsigned size)
{
    uint64_t mask = size == 64 ? ~0ull : (1ull << size) - 1;
    x &= mask;
    if (r == 0)
        return x;
    return ((x >> r) | (x << (size - r))) & mask;
}

bool a64_decode_bit_masks(int64_t n, int64_t imms, int64_t immr, bool is64, uint64_t *out)
{
    unsigned combined = (unsigned)(n << 6) | (~(unsigned)imms & 0x3f);
    if (combined == 0)
        return false;
    unsigned len = 31u - (unsigned)__builtin_clz(combined);
    if (len < 1)
        return false;
    unsigned size = 1u << len;
    if (size > (is64 ? 64u : 32u))
        return false;
    unsigned levels = size - 1;
    unsigned s = (unsigned)imms & levels, r = (unsigned)immr & levels;
    if (s == levels)
        return false;
    uint64_t elem = ror_bits((1ull << (s + 1)) - 1, r, size);
    uint64_t v = 0;
    for (unsigned i = 0; i < 64; i += size)
        v |= elem << i;
    *out = is64 ? v : v & 0xffffffffu;
    return true;
}

FvpError *a64_lift_block(const Frontend *fe, FeFetchFn fetch, void *fetch_ctx, uint64_t pc,
                         const FeLiftOptions *opts, IRBlock *out)
{
    (void)fe;
    uint32_t max = opts && opts->max_insns ? opts->max_insns : A64_DEFAULT_MAX_INSNS;
    A64Lift c = {.b = out};
    memset(c.xval, 0xff, sizeof(c.xval)); /* A64_NO_VALUE */
    memset(c.fval, 0xff, sizeof(c.fval));
    for (uint32_t n = 0;; n++) {
        if (n == max) {
            ir_goto(out, pc, IR_JUMP_PLAIN, 0);
            break;
        }
        uint8_t bytes[4] = {0};
        size_t got = fetch(fetch_ctx, pc, bytes, 4);
        if (got < 4) {
            if (n == 0)
                ir_trap(out, IR_TRAP_FETCH_FAULT, pc, pc + got);
            else
                ir_goto(out, pc, IR_JUMP_PLAIN, 0);
            break;
        }
        c.pc = pc;
        c.insn = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8 | (uint32_t)bytes[2] << 16 |
                 (uint32_t)bytes[3] << 24;
        ir_insn_start(out, pc, 4);
        size_t mark = out->count;
        uint32_t saved[32], saved_flags[4];
        memcpy(saved, c.xval, sizeof(saved));
        memcpy(saved_flags, c.fval, sizeof(saved_flags));
        A64Decoded d;
        if (!a64_a64_match(c.insn, &d) || !a64_dispatch(&c, &d)) {
            out->count = mark;
            memcpy(c.xval, saved, sizeof(saved));
            memcpy(c.fval, saved_flags, sizeof(saved_flags));
            ir_trap(out, IR_TRAP_ILLEGAL, pc, c.insn);
            break;
        }
        if (ir_block_terminated(out))
            break;
        pc += 4;
    }
    return NULL;
}
