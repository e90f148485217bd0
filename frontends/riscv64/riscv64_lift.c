/* The RISC-V 64 lift loop and the register-access helpers the lifters share. */
#include "frontends/riscv64/riscv64_internal.h"

#include "common/common.h"

#include <string.h>

uint32_t rv_const(RvLift *c, uint64_t v)
{
    return ir_const(c->b, IR_I64, v);
}

uint32_t rv_const32(RvLift *c, uint32_t v)
{
    return ir_const(c->b, IR_I32, v);
}

uint32_t rv_get_x(RvLift *c, int64_t r)
{
    fvp_assert(r >= 0 && r < 32);
    if (r == 0)
        return rv_const(c, 0);
    if (c->xval[r] == RV_NO_VALUE)
        c->xval[r] = ir_get(c->b, IR_I64, RV_OFF_X(r));
    return c->xval[r];
}

void rv_put_x(RvLift *c, int64_t r, uint32_t v64)
{
    fvp_assert(r >= 0 && r < 32);
    fvp_assert(ir_value_type(c->b, v64) == IR_I64);
    if (r != 0) {
        ir_put(c->b, RV_OFF_X(r), v64);
        c->xval[r] = v64;
    }
}

uint32_t rv_get_x32(RvLift *c, int64_t r)
{
    if (r == 0)
        return rv_const32(c, 0);
    return ir_conv(c->b, IR_TRUNC, IR_I32, rv_get_x(c, r));
}

void rv_put_x_sext32(RvLift *c, int64_t r, uint32_t v32)
{
    rv_put_x(c, r, ir_conv(c->b, IR_SEXT, IR_I64, v32));
}

uint32_t rv_addr(RvLift *c, int64_t rs1, int64_t imm)
{
    uint32_t base = rv_get_x(c, rs1);
    if (imm == 0)
        return base;
    return ir_binop(c->b, IR_ADD, base, rv_const(c, (uint64_t)imm));
}

uint32_t rv_bool64(RvLift *c, uint32_t v1)
{
    return ir_conv(c->b, IR_ZEXT, IR_I64, v1);
}

uint32_t rv_get_f_raw(RvLift *c, int64_t r)
{
    fvp_assert(r >= 0 && r < 32);
    if (c->fval[r] == RV_NO_VALUE)
        c->fval[r] = ir_get(c->b, IR_I64, RV_OFF_F(r));
    return c->fval[r];
}

void rv_put_f_raw(RvLift *c, int64_t r, uint32_t v64)
{
    fvp_assert(r >= 0 && r < 32);
    fvp_assert(ir_value_type(c->b, v64) == IR_I64);
    ir_put(c->b, RV_OFF_F(r), v64);
    c->fval[r] = v64;
}

uint32_t rv_get_f32_bits(RvLift *c, int64_t r)
{
    IRBlock *b = c->b;
    uint32_t raw = rv_get_f_raw(c, r);
    uint32_t boxed = ir_cmp(b, IR_CC_UGE, raw, rv_const(c, 0xffffffff00000000ull));
    uint32_t low = ir_conv(b, IR_TRUNC, IR_I32, raw);
    return ir_select(b, boxed, low, rv_const32(c, 0x7fc00000u));
}

uint32_t rv_get_f(RvLift *c, IRType t, int64_t r)
{
    if (t == IR_F32)
        return ir_conv(c->b, IR_BITCAST, IR_F32, rv_get_f32_bits(c, r));
    fvp_assert(t == IR_F64);
    return ir_conv(c->b, IR_BITCAST, IR_F64, rv_get_f_raw(c, r));
}

void rv_put_f32_bits(RvLift *c, int64_t r, uint32_t v32)
{
    IRBlock *b = c->b;
    fvp_assert(ir_value_type(b, v32) == IR_I32);
    uint32_t wide = ir_conv(b, IR_ZEXT, IR_I64, v32);
    rv_put_f_raw(c, r, ir_binop(b, IR_OR, wide, rv_const(c, 0xffffffff00000000ull)));
}

void rv_put_f(RvLift *c, IRType t, int64_t r, uint32_t v)
{
    fvp_assert(ir_value_type(c->b, v) == t);
    if (t == IR_F32)
        rv_put_f32_bits(c, r, ir_conv(c->b, IR_BITCAST, IR_I32, v));
    else
        rv_put_f_raw(c, r, ir_conv(c->b, IR_BITCAST, IR_I64, v));
}

bool rv_round_mode(int64_t rm, IRRound *out)
{
    switch (rm) {
    case 0:
        *out = IR_RM_RNE;
        return true;
    case 1:
        *out = IR_RM_RTZ;
        return true;
    case 2:
        *out = IR_RM_RDN;
        return true;
    case 3:
        *out = IR_RM_RUP;
        return true;
    case 4:
        *out = IR_RM_RMM;
        return true;
    case 7:
        *out = IR_RM_DYN;
        return true;
    default:
        return false;
    }
}

/* Decodes and lifts one fetched instruction; false if it is undecodable or reserved. */
static bool lift_one(RvLift *c)
{
    RvDecoded d;
    bool matched = c->len == 4 ? rv_decode32_match(c->insn, &d) : rv_decode16_match(c->insn, &d);
    return matched && rv_dispatch(c, &d);
}

FvpError *rv_lift_block(const Frontend *fe, FeFetchFn fetch, void *fetch_ctx, uint64_t pc,
                        const FeLiftOptions *opts, IRBlock *out)
{
    (void)fe;
    uint32_t max = opts && opts->max_insns ? opts->max_insns : RV_DEFAULT_MAX_INSNS;
    RvLift c = {.b = out};
    memset(c.xval, 0xff, sizeof(c.xval)); /* RV_NO_VALUE */
    memset(c.fval, 0xff, sizeof(c.fval));
    for (uint32_t n = 0;; n++) {
        if (n == max) {
            ir_goto(out, pc, IR_JUMP_PLAIN, 0);
            break;
        }
        uint8_t bytes[4] = {0};
        size_t got = fetch(fetch_ctx, pc, bytes, 4);
        unsigned len = got >= 2 && (bytes[0] & 3) != 3 ? 2 : 4;
        if (got < len) {
            /* The first instruction faults; a later one ends the block before it, so the
             * fault is reported when (and if) execution gets there. */
            if (n == 0)
                ir_trap(out, IR_TRAP_FETCH_FAULT, pc, pc + (got >= 2 ? 2 : 0));
            else
                ir_goto(out, pc, IR_JUMP_PLAIN, 0);
            break;
        }
        c.pc = pc;
        c.len = len;
        c.insn = (uint32_t)bytes[0] | (uint32_t)bytes[1] << 8;
        if (len == 4)
            c.insn |= (uint32_t)bytes[2] << 16 | (uint32_t)bytes[3] << 24;
        ir_insn_start(out, pc, len);
        size_t mark = out->count;
        if (!lift_one(&c)) {
            /* Nothing is lifted after this, so the cache may keep dropped values. */
            out->count = mark;
            ir_trap(out, IR_TRAP_ILLEGAL, pc, c.insn);
            break;
        }
        if (ir_block_terminated(out))
            break;
        pc += len;
    }
    return NULL;
}
