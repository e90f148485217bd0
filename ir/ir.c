/* The IR op/type tables, blocks, and the builder. */
#include "ir/ir.h"
#include "common/common.h"

#include <string.h>

const IROpInfo ir_op_info[IR_OP_COUNT] = {
#define IRDEF(name, text, nargs, rule, flags) [IR_##name] = {text, nargs, rule, flags},
#include "ir/ir_ops.def"
#undef IRDEF
};

const IRHelperInfo ir_helper_info[IR_HELPER_COUNT] = {
#define IRHELPER(name, text, nargs, type, flags) [IR_HELPER_##name] = {text, nargs, type, flags},
#include "ir/ir_helpers.def"
#undef IRHELPER
};

_Static_assert(sizeof(IRInsn) == 40, "IRInsn layout is part of the pre-decoded forms");
_Static_assert(IR_OP_COUNT <= 256, "IROp must fit IRInsn.op");
_Static_assert(sizeof(IRStateHeader) == 16, "IRStateHeader layout is shared with the JIT");

static const char *const type_names[IR_TYPE_COUNT] = {
    "void", "i1", "i8", "i16", "i32", "i64", "i128", "f32", "f64", "v128",
};
static const uint8_t type_bits[IR_TYPE_COUNT] = {0, 1, 8, 16, 32, 64, 128, 32, 64, 128};
static const char *const lane_names[IR_LANE_COUNT] = {
    "", "i8x16", "i16x8", "i32x4", "i64x2", "f32x4", "f64x2",
};
static const uint8_t lane_bits[IR_LANE_COUNT] = {0, 8, 16, 32, 64, 32, 64};
static const uint8_t lane_elem[IR_LANE_COUNT] = {IR_VOID, IR_I8,  IR_I16, IR_I32,
                                                 IR_I64,  IR_F32, IR_F64};

const char *ir_type_name(IRType t)
{
    return t < IR_TYPE_COUNT ? type_names[t] : "?";
}

const char *ir_lane_name(IRLane l)
{
    return l < IR_LANE_COUNT ? lane_names[l] : "?";
}

unsigned ir_type_bits(IRType t)
{
    return t < IR_TYPE_COUNT ? type_bits[t] : 0;
}

unsigned ir_lane_bits(IRLane l)
{
    return l < IR_LANE_COUNT ? lane_bits[l] : 0;
}

unsigned ir_lane_count(IRLane l)
{
    return l && l < IR_LANE_COUNT ? 128 / lane_bits[l] : 0;
}

bool ir_lane_is_float(IRLane l)
{
    return l == IR_LANE_F32X4 || l == IR_LANE_F64X2;
}

IRType ir_lane_elem_type(IRLane l)
{
    return l < IR_LANE_COUNT ? (IRType)lane_elem[l] : IR_VOID;
}

bool ir_type_is_int(IRType t)
{
    return t >= IR_I1 && t <= IR_I128;
}

bool ir_type_is_float(IRType t)
{
    return t == IR_F32 || t == IR_F64;
}

IRBlock *ir_block_new(uint64_t pc)
{
    IRBlock *b = fvp_xcalloc(1, sizeof(*b));
    b->pc = pc;
    return b;
}

void ir_block_free(IRBlock *b)
{
    if (!b)
        return;
    free(b->insns);
    free(b);
}

void ir_block_clear(IRBlock *b, uint64_t pc)
{
    b->pc = pc;
    b->count = 0;
    b->guest_bytes = 0;
    b->guest_insns = 0;
}

IRBlock *ir_block_clone(const IRBlock *b)
{
    IRBlock *c = ir_block_new(b->pc);
    c->guest_bytes = b->guest_bytes;
    c->guest_insns = b->guest_insns;
    if (b->count) {
        c->insns = fvp_xmalloc(b->count * sizeof(IRInsn));
        memcpy(c->insns, b->insns, b->count * sizeof(IRInsn));
    }
    c->count = c->cap = b->count;
    return c;
}

bool ir_block_equal(const IRBlock *a, const IRBlock *b)
{
    return a->pc == b->pc && a->count == b->count &&
           (!a->count || memcmp(a->insns, b->insns, a->count * sizeof(IRInsn)) == 0);
}

uint32_t ir_emit(IRBlock *b, const IRInsn *insn)
{
    FVP_GROW(b->insns, b->cap, b->count + 1);
    b->insns[b->count] = *insn;
    return (uint32_t)b->count++;
}

static uint32_t emit(IRBlock *b, IROp op, IRType type, IRLane lane, unsigned nargs, uint32_t a0,
                     uint32_t a1, uint32_t a2)
{
    IRInsn i = {.op = op, .type = type, .lane = lane, .nargs = (uint8_t)nargs};
    i.args[0] = nargs > 0 ? a0 : 0;
    i.args[1] = nargs > 1 ? a1 : 0;
    i.args[2] = nargs > 2 ? a2 : 0;
    return ir_emit(b, &i);
}

uint32_t ir_const(IRBlock *b, IRType t, uint64_t value)
{
    if (ir_type_bits(t) < 64 && t != IR_F32)
        value &= fvp_mask(ir_type_bits(t));
    if (t == IR_F32)
        value &= 0xffffffffull;
    IRInsn i = {.op = IR_CONST, .type = t, .imm = value};
    return ir_emit(b, &i);
}

uint32_t ir_const128(IRBlock *b, IRType t, uint64_t lo, uint64_t hi)
{
    IRInsn i = {.op = IR_CONST, .type = t, .imm = lo, .imm2 = hi};
    return ir_emit(b, &i);
}

uint32_t ir_get(IRBlock *b, IRType t, uint32_t offset)
{
    IRInsn i = {.op = IR_GET, .type = t, .imm = offset};
    return ir_emit(b, &i);
}

void ir_put(IRBlock *b, uint32_t offset, uint32_t v)
{
    IRInsn i = {.op = IR_PUT, .type = IR_VOID, .nargs = 1, .args = {v}, .imm = offset};
    ir_emit(b, &i);
}

void ir_insn_start(IRBlock *b, uint64_t pc, unsigned length)
{
    IRInsn i = {.op = IR_INSN, .type = IR_VOID, .cond = (uint8_t)length, .imm = pc};
    ir_emit(b, &i);
    b->guest_insns++;
    uint64_t end = pc + length - b->pc;
    if (end > b->guest_bytes)
        b->guest_bytes = (uint32_t)end;
}

uint32_t ir_binop(IRBlock *b, IROp op, uint32_t x, uint32_t y)
{
    return emit(b, op, ir_value_type(b, x), b->insns[x].lane, 2, x, y, 0);
}

uint32_t ir_unop(IRBlock *b, IROp op, uint32_t x)
{
    return emit(b, op, ir_value_type(b, x), b->insns[x].lane, 1, x, 0, 0);
}

uint32_t ir_vbinop(IRBlock *b, IROp op, IRLane lane, uint32_t x, uint32_t y)
{
    return emit(b, op, IR_V128, lane, ir_op_info[op].nargs, x, y, 0);
}

uint32_t ir_div(IRBlock *b, IROp op, IRDivMode mode, uint32_t x, uint32_t y)
{
    uint32_t v = emit(b, op, ir_value_type(b, x), IR_LANE_NONE, 2, x, y, 0);
    b->insns[v].cond = (uint8_t)mode;
    return v;
}

uint32_t ir_cmp(IRBlock *b, IRCond cond, uint32_t x, uint32_t y)
{
    IRLane lane = b->insns[x].lane;
    uint32_t v = emit(b, IR_CMP, lane ? IR_V128 : IR_I1, lane, 2, x, y, 0);
    b->insns[v].cond = (uint8_t)cond;
    return v;
}

uint32_t ir_select(IRBlock *b, uint32_t c, uint32_t x, uint32_t y)
{
    return emit(b, IR_SELECT, ir_value_type(b, x), b->insns[x].lane, 3, c, x, y);
}

uint32_t ir_conv(IRBlock *b, IROp op, IRType t, uint32_t x)
{
    if (ir_value_type(b, x) == t)
        return x;
    return emit(b, op, t, IR_LANE_NONE, 1, x, 0, 0);
}

uint32_t ir_flag(IRBlock *b, IROp op, uint32_t x, uint32_t y, uint32_t carry_in)
{
    return emit(b, op, IR_I1, IR_LANE_NONE, 3, x, y, carry_in);
}

uint32_t ir_fop(IRBlock *b, IROp op, IRRound rm, IRNanMode nan, uint32_t cond, uint32_t x,
                uint32_t y, uint32_t z)
{
    uint32_t v =
        emit(b, op, ir_value_type(b, x), b->insns[x].lane, ir_op_info[op].nargs, x, y, z);
    b->insns[v].rm = (uint8_t)rm;
    b->insns[v].nan = (uint8_t)nan;
    b->insns[v].cond = (uint8_t)cond;
    return v;
}

uint32_t ir_fcmp(IRBlock *b, IRFCond cond, IRNanMode nan, uint32_t x, uint32_t y)
{
    IRLane lane = b->insns[x].lane;
    uint32_t v = emit(b, IR_FCMP, lane ? IR_V128 : IR_I1, lane, 2, x, y, 0);
    b->insns[v].cond = (uint8_t)cond;
    b->insns[v].nan = (uint8_t)nan;
    return v;
}

uint32_t ir_fcvt(IRBlock *b, IROp op, IRType t, unsigned kind, IRRound rm, IRNanMode nan,
                 uint32_t x)
{
    uint32_t v = emit(b, op, t, IR_LANE_NONE, 1, x, 0, 0);
    b->insns[v].cond = (uint8_t)kind;
    b->insns[v].rm = (uint8_t)rm;
    b->insns[v].nan = (uint8_t)nan;
    return v;
}

uint32_t ir_load(IRBlock *b, IRType t, uint32_t addr)
{
    return emit(b, IR_LOAD, t, IR_LANE_NONE, 1, addr, 0, 0);
}

void ir_store(IRBlock *b, uint32_t addr, uint32_t v)
{
    emit(b, IR_STORE, IR_VOID, IR_LANE_NONE, 2, addr, v, 0);
}

uint32_t ir_cas(IRBlock *b, uint32_t addr, uint32_t expected, uint32_t desired)
{
    return emit(b, IR_CAS, ir_value_type(b, expected), IR_LANE_NONE, 3, addr, expected, desired);
}

uint32_t ir_rmw(IRBlock *b, IRRmwOp op, uint32_t addr, uint32_t v)
{
    uint32_t r = emit(b, IR_RMW, ir_value_type(b, v), IR_LANE_NONE, 2, addr, v, 0);
    b->insns[r].cond = (uint8_t)op;
    return r;
}

void ir_fence(IRBlock *b, IRFenceKind kind)
{
    IRInsn i = {.op = IR_FENCE, .type = IR_VOID, .cond = (uint8_t)kind};
    ir_emit(b, &i);
}

void ir_exit_if(IRBlock *b, uint32_t c, uint64_t pc)
{
    IRInsn i = {.op = IR_EXIT_IF, .type = IR_VOID, .nargs = 1, .args = {c}, .imm = pc};
    ir_emit(b, &i);
}

uint32_t ir_helper(IRBlock *b, IRHelper h, uint32_t a0, uint32_t a1, uint32_t a2)
{
    const IRHelperInfo *hi = &ir_helper_info[h];
    uint32_t v = emit(b, IR_HELPER, (IRType)hi->type, IR_LANE_NONE, hi->nargs, a0, a1, a2);
    b->insns[v].imm = h;
    return v;
}

void ir_goto(IRBlock *b, uint64_t pc, IRJumpKind kind, uint64_t return_pc)
{
    IRInsn i = {.op = IR_GOTO, .type = IR_VOID, .cond = (uint8_t)kind, .imm = pc,
                .imm2 = return_pc};
    ir_emit(b, &i);
}

void ir_goto_reg(IRBlock *b, uint32_t target, IRJumpKind kind, uint64_t return_pc)
{
    IRInsn i = {.op = IR_GOTO_REG, .type = IR_VOID, .cond = (uint8_t)kind, .nargs = 1,
                .args = {target}, .imm2 = return_pc};
    ir_emit(b, &i);
}

void ir_syscall(IRBlock *b, uint64_t next_pc)
{
    IRInsn i = {.op = IR_SYSCALL, .type = IR_VOID, .imm = next_pc};
    ir_emit(b, &i);
}

void ir_trap(IRBlock *b, IRTrapKind kind, uint64_t pc, uint64_t detail)
{
    IRInsn i = {.op = IR_TRAP, .type = IR_VOID, .cond = (uint8_t)kind, .imm = pc, .imm2 = detail};
    ir_emit(b, &i);
}

void ir_sync_code(IRBlock *b, uint64_t next_pc)
{
    IRInsn i = {.op = IR_SYNC_CODE, .type = IR_VOID, .imm = next_pc};
    ir_emit(b, &i);
}
