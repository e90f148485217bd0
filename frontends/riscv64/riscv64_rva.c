/* Lifters for the A extension: LR/SC on IR CAS, AMOs on IR RMW. */
#include "frontends/riscv64/riscv64_internal.h"

/*
 * The reservation lives in the state (reserve_addr, reserve_value). LR loads and records
 * both; SC succeeds iff its address is the reserved one and a compare-and-swap from the
 * value LR saw to the new value succeeds, so a store by another thread in between (with a
 * different value) makes it fail. SC always clears the reservation.
 *
 * IR CAS and RMW are sequentially consistent atomics, so AMOs need no extra fences; LR is
 * a plain load and gets an acquire fence after it when aq is set, SC a release fence
 * before it when rl is set.
 */

static bool rv_lr(RvLift *c, const RvArgAtomic *a, IRType t)
{
    IRBlock *b = c->b;
    uint32_t addr = rv_get_x(c, a->rs1);
    uint32_t v = ir_conv(b, IR_SEXT, IR_I64, ir_load(b, t, addr));
    if (a->aq)
        ir_fence(b, a->rl ? IR_FENCE_SEQ : IR_FENCE_ACQUIRE);
    ir_put(b, RV_OFF_RESERVE_ADDR, addr);
    ir_put(b, RV_OFF_RESERVE_VALUE, v);
    rv_put_x(c, a->rd, v);
    return true;
}

static bool rv_sc(RvLift *c, const RvArgAtomic *a, IRType t)
{
    IRBlock *b = c->b;
    if (a->rl)
        ir_fence(b, a->aq ? IR_FENCE_SEQ : IR_FENCE_RELEASE);
    uint32_t addr = rv_get_x(c, a->rs1);
    uint32_t value = ir_conv(b, IR_TRUNC, t, rv_get_x(c, a->rs2));
    uint32_t reserved = ir_cmp(b, IR_CC_EQ, ir_get(b, IR_I64, RV_OFF_RESERVE_ADDR), addr);
    uint32_t expected = ir_conv(b, IR_TRUNC, t, ir_get(b, IR_I64, RV_OFF_RESERVE_VALUE));
    /* Without the reservation the CAS may only write back what it expects to find, which
     * leaves memory unchanged whatever happens. */
    uint32_t desired = ir_select(b, reserved, value, expected);
    uint32_t old = ir_cas(b, addr, expected, desired);
    uint32_t swapped = ir_cmp(b, IR_CC_EQ, old, expected);
    uint32_t ok = ir_binop(b, IR_AND, reserved, swapped);
    uint32_t failed = ir_binop(b, IR_XOR, ok, ir_const(b, IR_I1, 1));
    ir_put(b, RV_OFF_RESERVE_ADDR, rv_const(c, RV_NO_RESERVATION));
    rv_put_x(c, a->rd, rv_bool64(c, failed));
    return true;
}

static bool rv_amo(RvLift *c, const RvArgAtomic *a, IRType t, IRRmwOp op)
{
    IRBlock *b = c->b;
    uint32_t addr = rv_get_x(c, a->rs1);
    uint32_t src = ir_conv(b, IR_TRUNC, t, rv_get_x(c, a->rs2));
    uint32_t old = ir_rmw(b, op, addr, src);
    rv_put_x(c, a->rd, ir_conv(b, IR_SEXT, IR_I64, old));
    return true;
}

bool rv_trans_lr_w(RvLift *c, const RvArgAtomic *a)
{
    return rv_lr(c, a, IR_I32);
}
bool rv_trans_lr_d(RvLift *c, const RvArgAtomic *a)
{
    return rv_lr(c, a, IR_I64);
}
bool rv_trans_sc_w(RvLift *c, const RvArgAtomic *a)
{
    return rv_sc(c, a, IR_I32);
}
bool rv_trans_sc_d(RvLift *c, const RvArgAtomic *a)
{
    return rv_sc(c, a, IR_I64);
}

#define RV_AMO(name, op)                                                                           \
    bool rv_trans_##name##_w(RvLift *c, const RvArgAtomic *a)                                      \
    {                                                                                              \
        return rv_amo(c, a, IR_I32, op);                                                           \
    }                                                                                              \
    bool rv_trans_##name##_d(RvLift *c, const RvArgAtomic *a)                                      \
    {                                                                                              \
        return rv_amo(c, a, IR_I64, op);                                                           \
    }

RV_AMO(amoswap, IR_RMW_XCHG)
RV_AMO(amoadd, IR_RMW_ADD)
RV_AMO(amoxor, IR_RMW_XOR)
RV_AMO(amoand, IR_RMW_AND)
RV_AMO(amoor, IR_RMW_OR)
RV_AMO(amomin, IR_RMW_SMIN)
RV_AMO(amomax, IR_RMW_SMAX)
RV_AMO(amominu, IR_RMW_UMIN)
RV_AMO(amomaxu, IR_RMW_UMAX)
