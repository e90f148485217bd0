/* Lifters for A64 loads and stores: single registers (all addressing modes), pairs,
 * literals, exclusives, acquire/release and LSE atomics. SIMD structure loads live in
 * aarch64_simd_ldst.c. */
#include "frontends/aarch64/aarch64_internal.h"

static const IRType int_types[4] = {IR_I8, IR_I16, IR_I32, IR_I64};

/* The base register plus an offset; 31 is SP. */
static uint32_t base_plus(A64Lift *c, int64_t rn, int64_t offset)
{
    uint32_t base = a64_get_xsp(c, rn, 1);
    if (offset == 0)
        return base;
    return ir_binop(c->b, IR_ADD, base, a64_c64(c, (uint64_t)offset));
}

/* One load or store of the LDR/STR family at addr. size/v/opc as in the encodings.
 * Returns false for unallocated combinations (before emitting anything). */
static bool ldst_check(int64_t size, int64_t v, int64_t opc)
{
    if (v)
        return ((opc >> 1) << 2 | size) <= 4;
    if (opc == 3 && size >= 2)
        return false;
    return true;
}

static void ldst_do(A64Lift *c, int64_t size, int64_t v, int64_t opc, int64_t rt, uint32_t addr)
{
    IRBlock *b = c->b;
    if (v) {
        unsigned scale = (unsigned)((opc >> 1) << 2 | size);
        IRType t = scale == 4 ? IR_V128 : int_types[scale];
        if (opc & 1)
            a64_put_vlow(c, rt, ir_load(b, t, addr));
        else
            ir_store(b, addr, a64_get_vlow(c, rt, t));
        return;
    }
    IRType t = int_types[size];
    switch (opc) {
    case 0: {
        uint32_t x = a64_get_x(c, rt, size == 3);
        if (t != ir_value_type(b, x))
            x = ir_conv(b, IR_TRUNC, t, x);
        ir_store(b, addr, x);
        break;
    }
    case 1:
        a64_put_x(c, rt, ir_conv(b, IR_ZEXT, IR_I64, ir_load(b, t, addr)));
        break;
    case 2:
        if (size == 3) /* PRFM: a hint */
            break;
        a64_put_x(c, rt, ir_conv(b, IR_SEXT, IR_I64, ir_load(b, t, addr)));
        break;
    default:
        a64_put_x(c, rt, ir_conv(b, IR_SEXT, IR_I32, ir_load(b, t, addr)));
        break;
    }
}

bool a64_trans_ldst_uimm(A64Lift *c, const A64ArgLdstUimm *a)
{
    if (!ldst_check(a->size, a->v, a->opc))
        return false;
    unsigned scale = a->v ? (unsigned)((a->opc >> 1) << 2 | a->size) : (unsigned)a->size;
    ldst_do(c, a->size, a->v, a->opc, a->rt, base_plus(c, a->rn, a->imm << scale));
    return true;
}

bool a64_trans_ldst_imm9(A64Lift *c, const A64ArgLdstImm9 *a)
{
    if (!ldst_check(a->size, a->v, a->opc))
        return false;
    if (a->mode == 2 && a->v)
        return false;
    IRBlock *b = c->b;
    if (a->mode == 0 || a->mode == 2) {
        ldst_do(c, a->size, a->v, a->opc, a->rt, base_plus(c, a->rn, a->imm));
        return true;
    }
    uint32_t base = a64_get_xsp(c, a->rn, 1);
    uint32_t moved = ir_binop(b, IR_ADD, base, a64_c64(c, (uint64_t)a->imm));
    ldst_do(c, a->size, a->v, a->opc, a->rt, a->mode == 1 ? base : moved);
    a64_put_xsp(c, a->rn, moved);
    return true;
}

bool a64_trans_ldst_reg(A64Lift *c, const A64ArgLdstReg *a)
{
    if (!ldst_check(a->size, a->v, a->opc) || !(a->option & 2))
        return false;
    unsigned scale = a->v ? (unsigned)((a->opc >> 1) << 2 | a->size) : (unsigned)a->size;
    uint32_t off = a64_extend_reg(c, a->rm, a->option, a->s ? scale : 0, IR_I64);
    uint32_t addr = ir_binop(c->b, IR_ADD, a64_get_xsp(c, a->rn, 1), off);
    ldst_do(c, a->size, a->v, a->opc, a->rt, addr);
    return true;
}

bool a64_trans_ld_lit(A64Lift *c, const A64ArgLdLit *a)
{
    IRBlock *b = c->b;
    uint32_t addr = a64_c64(c, c->pc + (uint64_t)a->imm);
    if (a->v) {
        if (a->opc == 3)
            return false;
        static const IRType vt[3] = {IR_I32, IR_I64, IR_V128};
        a64_put_vlow(c, a->rt, ir_load(b, vt[a->opc], addr));
        return true;
    }
    switch (a->opc) {
    case 0:
        a64_put_x(c, a->rt, ir_conv(b, IR_ZEXT, IR_I64, ir_load(b, IR_I32, addr)));
        break;
    case 1:
        a64_put_x(c, a->rt, ir_load(b, IR_I64, addr));
        break;
    case 2:
        a64_put_x(c, a->rt, ir_conv(b, IR_SEXT, IR_I64, ir_load(b, IR_I32, addr)));
        break;
    default:
        break; /* PRFM (literal) */
    }
    return true;
}

bool a64_trans_ldst_pair(A64Lift *c, const A64ArgLdstPair *a)
{
    IRBlock *b = c->b;
    if (a->opc == 3 || (!a->v && a->opc == 1 && !a->l))
        return false;
    unsigned scale = a->v ? 2u + (unsigned)a->opc : (a->opc == 2 ? 3u : 2u);
    IRType t = a->v ? (scale == 4 ? IR_V128 : int_types[scale]) : int_types[scale];
    int64_t off = (int64_t)((uint64_t)a->imm << scale);
    uint32_t base = a64_get_xsp(c, a->rn, 1);
    uint32_t moved = ir_binop(b, IR_ADD, base, a64_c64(c, (uint64_t)off));
    uint32_t addr = a->mode == 1 ? base : moved;
    uint32_t addr2 = ir_binop(b, IR_ADD, addr, a64_c64(c, 1ull << scale));
    if (a->l) {
        uint32_t v1 = ir_load(b, t, addr), v2 = ir_load(b, t, addr2);
        if (a->v) {
            a64_put_vlow(c, a->rt, v1);
            a64_put_vlow(c, a->rt2, v2);
        } else {
            IROp ext = a->opc == 1 ? IR_SEXT : IR_ZEXT;
            a64_put_x(c, a->rt, ir_conv(b, ext, IR_I64, v1));
            a64_put_x(c, a->rt2, ir_conv(b, ext, IR_I64, v2));
        }
    } else {
        uint32_t v1, v2;
        if (a->v) {
            v1 = a64_get_vlow(c, a->rt, t);
            v2 = a64_get_vlow(c, a->rt2, t);
        } else {
            v1 = a64_get_x(c, a->rt, scale == 3);
            v2 = a64_get_x(c, a->rt2, scale == 3);
        }
        ir_store(b, addr, v1);
        ir_store(b, addr2, v2);
    }
    if (a->mode == 1 || a->mode == 3)
        a64_put_xsp(c, a->rn, moved);
    return true;
}

/* ---- Exclusives, acquire/release, compare-and-swap --------------------------------------- */

static void put_status(A64Lift *c, int64_t rs, uint32_t failed1)
{
    a64_put_x(c, rs, ir_conv(c->b, IR_ZEXT, IR_I64, failed1));
}

static void store_exclusive(A64Lift *c, const A64ArgLdstExcl *a, bool pair)
{
    IRBlock *b = c->b;
    unsigned bits = 8u << a->size;
    if (a->o0)
        ir_fence(b, IR_FENCE_RELEASE);
    uint32_t addr = a64_get_xsp(c, a->rn, 1);
    uint32_t reserved = ir_cmp(b, IR_CC_EQ, ir_get(b, IR_I64, A64_OFF_EXCL_ADDR), addr);
    uint32_t value, expected;
    uint32_t lo = ir_get(b, IR_I64, A64_OFF_EXCL_VALUE);
    if (pair && bits == 64) {
        uint32_t hi = ir_get(b, IR_I64, A64_OFF_EXCL_VALUE_HI);
        expected = ir_binop(
            b, IR_OR, ir_conv(b, IR_ZEXT, IR_I128, lo),
            ir_binop(b, IR_SHL, ir_conv(b, IR_ZEXT, IR_I128, hi), ir_const(b, IR_I128, 64)));
        uint32_t v1 = ir_conv(b, IR_ZEXT, IR_I128, a64_get_x(c, a->rt, 1));
        uint32_t v2 = ir_conv(b, IR_ZEXT, IR_I128, a64_get_x(c, a->rt2, 1));
        value = ir_binop(b, IR_OR, v1, ir_binop(b, IR_SHL, v2, ir_const(b, IR_I128, 64)));
    } else if (pair) {
        expected = lo;
        uint32_t v1 = ir_conv(b, IR_ZEXT, IR_I64, a64_get_x(c, a->rt, 0));
        uint32_t v2 = ir_conv(b, IR_ZEXT, IR_I64, a64_get_x(c, a->rt2, 0));
        value = ir_binop(b, IR_OR, v1, ir_binop(b, IR_SHL, v2, a64_c64(c, 32)));
    } else {
        IRType t = int_types[a->size];
        expected = t == IR_I64 ? lo : ir_conv(b, IR_TRUNC, t, lo);
        value = a64_get_x(c, a->rt, a->size == 3);
        if (ir_value_type(b, value) != t)
            value = ir_conv(b, IR_TRUNC, t, value);
    }
    /* Without the monitor the CAS may only write back what it expects to find. */
    uint32_t desired = ir_select(b, reserved, value, expected);
    uint32_t old = ir_cas(b, addr, expected, desired);
    uint32_t ok = ir_binop(b, IR_AND, reserved, ir_cmp(b, IR_CC_EQ, old, expected));
    ir_put(b, A64_OFF_EXCL_ADDR, a64_c64(c, A64_NO_EXCLUSIVE));
    put_status(c, a->rs, ir_binop(b, IR_XOR, ok, ir_const(b, IR_I1, 1)));
}

static void load_exclusive(A64Lift *c, const A64ArgLdstExcl *a, bool pair)
{
    IRBlock *b = c->b;
    uint32_t addr = a64_get_xsp(c, a->rn, 1);
    if (pair && a->size == 3) {
        uint32_t v = ir_load(b, IR_I128, addr);
        uint32_t lo = ir_conv(b, IR_TRUNC, IR_I64, v);
        uint32_t hi =
            ir_conv(b, IR_TRUNC, IR_I64, ir_binop(b, IR_SHR, v, ir_const(b, IR_I128, 64)));
        ir_put(b, A64_OFF_EXCL_VALUE, lo);
        ir_put(b, A64_OFF_EXCL_VALUE_HI, hi);
        a64_put_x(c, a->rt, lo);
        a64_put_x(c, a->rt2, hi);
    } else if (pair) {
        uint32_t v = ir_load(b, IR_I64, addr);
        ir_put(b, A64_OFF_EXCL_VALUE, v);
        a64_put_x(c, a->rt, ir_binop(b, IR_AND, v, a64_c64(c, 0xffffffffu)));
        a64_put_x(c, a->rt2, ir_binop(b, IR_SHR, v, a64_c64(c, 32)));
    } else {
        uint32_t v = ir_conv(b, IR_ZEXT, IR_I64, ir_load(b, int_types[a->size], addr));
        ir_put(b, A64_OFF_EXCL_VALUE, v);
        a64_put_x(c, a->rt, v);
    }
    ir_put(b, A64_OFF_EXCL_ADDR, addr);
    if (a->o0)
        ir_fence(b, IR_FENCE_ACQUIRE);
}

/* CAS/CASA/CASL/CASAL: Rs is compared and receives the old value; Rt is stored. */
static void cas_single(A64Lift *c, const A64ArgLdstExcl *a)
{
    IRBlock *b = c->b;
    IRType t = int_types[a->size];
    uint32_t addr = a64_get_xsp(c, a->rn, 1);
    uint32_t expected = a64_get_x(c, a->rs, a->size == 3);
    uint32_t desired = a64_get_x(c, a->rt, a->size == 3);
    if (t != ir_value_type(b, expected)) {
        expected = ir_conv(b, IR_TRUNC, t, expected);
        desired = ir_conv(b, IR_TRUNC, t, desired);
    }
    uint32_t old = ir_cas(b, addr, expected, desired);
    a64_put_x(c, a->rs, ir_conv(b, IR_ZEXT, IR_I64, old));
}

/* CASP: register pairs (Rs, Rs+1) and (Rt, Rt+1), even numbered. */
static bool cas_pair(A64Lift *c, const A64ArgLdstExcl *a)
{
    if ((a->rs & 1) || (a->rt & 1) || a->rt2 != 31)
        return false;
    IRBlock *b = c->b;
    bool wide = a->size == 1;
    IRType t = wide ? IR_I128 : IR_I64;
    uint32_t sh = ir_const(b, t, wide ? 64 : 32);
    uint32_t pairs[2];
    int64_t regs[2] = {a->rs, a->rt};
    for (unsigned i = 0; i < 2; i++) {
        uint32_t lo = ir_conv(b, IR_ZEXT, t, a64_get_x(c, regs[i], wide));
        uint32_t hi = ir_conv(b, IR_ZEXT, t, a64_get_x(c, regs[i] + 1, wide));
        pairs[i] = ir_binop(b, IR_OR, lo, ir_binop(b, IR_SHL, hi, sh));
    }
    uint32_t old = ir_cas(b, a64_get_xsp(c, a->rn, 1), pairs[0], pairs[1]);
    IRType h = wide ? IR_I64 : IR_I32;
    a64_put_x(c, a->rs, ir_conv(b, IR_TRUNC, h, old));
    a64_put_x(c, a->rs + 1, ir_conv(b, IR_TRUNC, h, ir_binop(b, IR_SHR, old, sh)));
    return true;
}

bool a64_trans_ldst_excl(A64Lift *c, const A64ArgLdstExcl *a)
{
    IRBlock *b = c->b;
    if (!a->o2 && !a->o1) {
        if (a->l)
            load_exclusive(c, a, false);
        else
            store_exclusive(c, a, false);
        return true;
    }
    if (!a->o2 && a->o1) {
        if (a->size < 2)
            return cas_pair(c, a);
        if (a->l)
            load_exclusive(c, a, true);
        else
            store_exclusive(c, a, true);
        return true;
    }
    if (a->o2 && !a->o1) { /* LDAR/LDLAR, STLR/STLLR */
        IRType t = int_types[a->size];
        uint32_t addr = a64_get_xsp(c, a->rn, 1);
        if (a->l) {
            a64_put_x(c, a->rt, ir_conv(b, IR_ZEXT, IR_I64, ir_load(b, t, addr)));
            ir_fence(b, IR_FENCE_ACQUIRE);
        } else {
            uint32_t x = a64_get_x(c, a->rt, a->size == 3);
            if (t != ir_value_type(b, x))
                x = ir_conv(b, IR_TRUNC, t, x);
            ir_fence(b, IR_FENCE_RELEASE);
            ir_store(b, addr, x);
            /* STLR followed by LDAR must not be reordered (RCsc). */
            ir_fence(b, IR_FENCE_SEQ);
        }
        return true;
    }
    if (a->rt2 != 31)
        return false;
    cas_single(c, a);
    return true;
}

/* ---- LSE atomics --------------------------------------------------------------------------- */

bool a64_trans_ldst_atomic(A64Lift *c, const A64ArgLdstAtomic *a)
{
    if (a->v)
        return false;
    IRBlock *b = c->b;
    IRType t = int_types[a->size];
    uint32_t addr = a64_get_xsp(c, a->rn, 1);
    if (a->o3) {
        if (a->opc == 4 && a->a && !a->r && a->rs == 31) { /* LDAPR */
            a64_put_x(c, a->rt, ir_conv(b, IR_ZEXT, IR_I64, ir_load(b, t, addr)));
            ir_fence(b, IR_FENCE_ACQUIRE);
            return true;
        }
        if (a->opc != 0)
            return false;
    }
    uint32_t v = a64_get_x(c, a->rs, a->size == 3);
    if (t != ir_value_type(b, v))
        v = ir_conv(b, IR_TRUNC, t, v);
    IRRmwOp op;
    if (a->o3)
        op = IR_RMW_XCHG;
    else {
        static const IRRmwOp ops[8] = {IR_RMW_ADD,  IR_RMW_AND,  IR_RMW_XOR,  IR_RMW_OR,
                                       IR_RMW_SMAX, IR_RMW_SMIN, IR_RMW_UMAX, IR_RMW_UMIN};
        op = ops[a->opc];
        if (a->opc == 1) /* LDCLR: m & ~v */
            v = ir_unop(b, IR_NOT, v);
    }
    uint32_t old = ir_rmw(b, op, addr, v);
    a64_put_x(c, a->rt, ir_conv(b, IR_ZEXT, IR_I64, old));
    return true;
}
