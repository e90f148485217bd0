/* Lifters for the M extension: multiplication and division. */
#include "frontends/riscv64/riscv64_internal.h"

static bool rv_mul(RvLift *c, const RvArgR *a, IROp op)
{
    rv_put_x(c, a->rd, ir_binop(c->b, op, rv_get_x(c, a->rs1), rv_get_x(c, a->rs2)));
    return true;
}

/* Division by zero and MIN / -1 follow the RISC-V table (IR_DIV_RISCV), no trap. */
static bool rv_div(RvLift *c, const RvArgR *a, IROp op)
{
    uint32_t v = ir_div(c->b, op, IR_DIV_RISCV, rv_get_x(c, a->rs1), rv_get_x(c, a->rs2));
    rv_put_x(c, a->rd, v);
    return true;
}

bool rv_trans_mul(RvLift *c, const RvArgR *a)
{
    return rv_mul(c, a, IR_MUL);
}
bool rv_trans_mulh(RvLift *c, const RvArgR *a)
{
    return rv_mul(c, a, IR_MULHS);
}
bool rv_trans_mulhsu(RvLift *c, const RvArgR *a)
{
    return rv_mul(c, a, IR_MULHSU);
}
bool rv_trans_mulhu(RvLift *c, const RvArgR *a)
{
    return rv_mul(c, a, IR_MULHU);
}
bool rv_trans_div(RvLift *c, const RvArgR *a)
{
    return rv_div(c, a, IR_DIVS);
}
bool rv_trans_divu(RvLift *c, const RvArgR *a)
{
    return rv_div(c, a, IR_DIVU);
}
bool rv_trans_rem(RvLift *c, const RvArgR *a)
{
    return rv_div(c, a, IR_REMS);
}
bool rv_trans_remu(RvLift *c, const RvArgR *a)
{
    return rv_div(c, a, IR_REMU);
}

/* W forms compute on the low 32 bits and sign-extend the 32-bit result (also for the
 * unsigned divu.w/remu.w). */
bool rv_trans_mulw(RvLift *c, const RvArgR *a)
{
    uint32_t v = ir_binop(c->b, IR_MUL, rv_get_x32(c, a->rs1), rv_get_x32(c, a->rs2));
    rv_put_x_sext32(c, a->rd, v);
    return true;
}

static bool rv_div_w(RvLift *c, const RvArgR *a, IROp op)
{
    uint32_t v = ir_div(c->b, op, IR_DIV_RISCV, rv_get_x32(c, a->rs1), rv_get_x32(c, a->rs2));
    rv_put_x_sext32(c, a->rd, v);
    return true;
}

bool rv_trans_divw(RvLift *c, const RvArgR *a)
{
    return rv_div_w(c, a, IR_DIVS);
}
bool rv_trans_divuw(RvLift *c, const RvArgR *a)
{
    return rv_div_w(c, a, IR_DIVU);
}
bool rv_trans_remw(RvLift *c, const RvArgR *a)
{
    return rv_div_w(c, a, IR_REMS);
}
bool rv_trans_remuw(RvLift *c, const RvArgR *a)
{
    return rv_div_w(c, a, IR_REMU);
}
