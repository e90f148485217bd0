/* Lifters for RV64I (base integer) and Zifencei. */
#include "frontends/riscv64/riscv64_internal.h"

/* ---- Upper immediates, jumps, branches ---------------------------------------------------- */

bool rv_trans_lui(RvLift *c, const RvArgU *a)
{
    rv_put_x(c, a->rd, rv_const(c, (uint64_t)a->imm));
    return true;
}

bool rv_trans_auipc(RvLift *c, const RvArgU *a)
{
    rv_put_x(c, a->rd, rv_const(c, c->pc + (uint64_t)a->imm));
    return true;
}

static bool rv_is_link(int64_t r)
{
    return r == RV_REG_RA || r == RV_REG_T0;
}

bool rv_trans_jal(RvLift *c, const RvArgJ *a)
{
    uint64_t ret = rv_next_pc(c);
    rv_put_x(c, a->rd, rv_const(c, ret));
    if (rv_is_link(a->rd))
        ir_goto(c->b, c->pc + (uint64_t)a->imm, IR_JUMP_CALL, ret);
    else
        ir_goto(c->b, c->pc + (uint64_t)a->imm, IR_JUMP_PLAIN, 0);
    return true;
}

bool rv_trans_jalr(RvLift *c, const RvArgI *a)
{
    IRBlock *b = c->b;
    uint64_t ret = rv_next_pc(c);
    /* The target is read before rd is written: jalr ra, 0(ra) is common. */
    uint32_t target = ir_binop(b, IR_AND, rv_addr(c, a->rs1, a->imm), rv_const(c, ~1ull));
    rv_put_x(c, a->rd, rv_const(c, ret));
    if (rv_is_link(a->rd))
        ir_goto_reg(b, target, IR_JUMP_CALL, ret);
    else if (a->rd == 0 && rv_is_link(a->rs1))
        ir_goto_reg(b, target, IR_JUMP_RET, 0);
    else
        ir_goto_reg(b, target, IR_JUMP_PLAIN, 0);
    return true;
}

static bool rv_branch(RvLift *c, const RvArgB *a, IRCond cond)
{
    uint32_t taken = ir_cmp(c->b, cond, rv_get_x(c, a->rs1), rv_get_x(c, a->rs2));
    ir_exit_if(c->b, taken, c->pc + (uint64_t)a->imm);
    ir_goto(c->b, rv_next_pc(c), IR_JUMP_PLAIN, 0);
    return true;
}

bool rv_trans_beq(RvLift *c, const RvArgB *a)
{
    return rv_branch(c, a, IR_CC_EQ);
}
bool rv_trans_bne(RvLift *c, const RvArgB *a)
{
    return rv_branch(c, a, IR_CC_NE);
}
bool rv_trans_blt(RvLift *c, const RvArgB *a)
{
    return rv_branch(c, a, IR_CC_SLT);
}
bool rv_trans_bge(RvLift *c, const RvArgB *a)
{
    return rv_branch(c, a, IR_CC_SGE);
}
bool rv_trans_bltu(RvLift *c, const RvArgB *a)
{
    return rv_branch(c, a, IR_CC_ULT);
}
bool rv_trans_bgeu(RvLift *c, const RvArgB *a)
{
    return rv_branch(c, a, IR_CC_UGE);
}

/* ---- Loads and stores --------------------------------------------------------------------- */

static bool rv_load(RvLift *c, const RvArgI *a, IRType t, IROp extend)
{
    uint32_t v = ir_load(c->b, t, rv_addr(c, a->rs1, a->imm));
    rv_put_x(c, a->rd, ir_conv(c->b, extend, IR_I64, v));
    return true;
}

bool rv_trans_lb(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I8, IR_SEXT);
}
bool rv_trans_lh(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I16, IR_SEXT);
}
bool rv_trans_lw(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I32, IR_SEXT);
}
bool rv_trans_ld(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I64, IR_SEXT);
}
bool rv_trans_lbu(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I8, IR_ZEXT);
}
bool rv_trans_lhu(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I16, IR_ZEXT);
}
bool rv_trans_lwu(RvLift *c, const RvArgI *a)
{
    return rv_load(c, a, IR_I32, IR_ZEXT);
}

static bool rv_store(RvLift *c, const RvArgS *a, IRType t)
{
    uint32_t addr = rv_addr(c, a->rs1, a->imm);
    ir_store(c->b, addr, ir_conv(c->b, IR_TRUNC, t, rv_get_x(c, a->rs2)));
    return true;
}

bool rv_trans_sb(RvLift *c, const RvArgS *a)
{
    return rv_store(c, a, IR_I8);
}
bool rv_trans_sh(RvLift *c, const RvArgS *a)
{
    return rv_store(c, a, IR_I16);
}
bool rv_trans_sw(RvLift *c, const RvArgS *a)
{
    return rv_store(c, a, IR_I32);
}
bool rv_trans_sd(RvLift *c, const RvArgS *a)
{
    return rv_store(c, a, IR_I64);
}

/* ---- Register-immediate and register-register arithmetic ------------------------------- */

static bool rv_alu_imm(RvLift *c, const RvArgI *a, IROp op)
{
    uint32_t v = ir_binop(c->b, op, rv_get_x(c, a->rs1), rv_const(c, (uint64_t)a->imm));
    rv_put_x(c, a->rd, v);
    return true;
}

static bool rv_set_imm(RvLift *c, const RvArgI *a, IRCond cond)
{
    uint32_t v = ir_cmp(c->b, cond, rv_get_x(c, a->rs1), rv_const(c, (uint64_t)a->imm));
    rv_put_x(c, a->rd, rv_bool64(c, v));
    return true;
}

bool rv_trans_addi(RvLift *c, const RvArgI *a)
{
    return rv_alu_imm(c, a, IR_ADD);
}
bool rv_trans_slti(RvLift *c, const RvArgI *a)
{
    return rv_set_imm(c, a, IR_CC_SLT);
}
bool rv_trans_sltiu(RvLift *c, const RvArgI *a)
{
    return rv_set_imm(c, a, IR_CC_ULT);
}
bool rv_trans_xori(RvLift *c, const RvArgI *a)
{
    return rv_alu_imm(c, a, IR_XOR);
}
bool rv_trans_ori(RvLift *c, const RvArgI *a)
{
    return rv_alu_imm(c, a, IR_OR);
}
bool rv_trans_andi(RvLift *c, const RvArgI *a)
{
    return rv_alu_imm(c, a, IR_AND);
}

static bool rv_shift_imm(RvLift *c, const RvArgShift *a, IROp op)
{
    uint32_t v = ir_binop(c->b, op, rv_get_x(c, a->rs1), rv_const(c, (uint64_t)a->shamt));
    rv_put_x(c, a->rd, v);
    return true;
}

bool rv_trans_slli(RvLift *c, const RvArgShift *a)
{
    return rv_shift_imm(c, a, IR_SHL);
}
bool rv_trans_srli(RvLift *c, const RvArgShift *a)
{
    return rv_shift_imm(c, a, IR_SHR);
}
bool rv_trans_srai(RvLift *c, const RvArgShift *a)
{
    return rv_shift_imm(c, a, IR_SAR);
}

static bool rv_alu(RvLift *c, const RvArgR *a, IROp op)
{
    rv_put_x(c, a->rd, ir_binop(c->b, op, rv_get_x(c, a->rs1), rv_get_x(c, a->rs2)));
    return true;
}

static bool rv_set(RvLift *c, const RvArgR *a, IRCond cond)
{
    uint32_t v = ir_cmp(c->b, cond, rv_get_x(c, a->rs1), rv_get_x(c, a->rs2));
    rv_put_x(c, a->rd, rv_bool64(c, v));
    return true;
}

/* Register shift amounts use the low 6 (or, for W forms, 5) bits: IR shifts take the
 * amount modulo the operand width, which is exactly that. */
bool rv_trans_add(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_ADD);
}
bool rv_trans_sub(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_SUB);
}
bool rv_trans_sll(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_SHL);
}
bool rv_trans_slt(RvLift *c, const RvArgR *a)
{
    return rv_set(c, a, IR_CC_SLT);
}
bool rv_trans_sltu(RvLift *c, const RvArgR *a)
{
    return rv_set(c, a, IR_CC_ULT);
}
bool rv_trans_xor(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_XOR);
}
bool rv_trans_srl(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_SHR);
}
bool rv_trans_sra(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_SAR);
}
bool rv_trans_or(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_OR);
}
bool rv_trans_and(RvLift *c, const RvArgR *a)
{
    return rv_alu(c, a, IR_AND);
}

/* ---- 32-bit (W) forms: operate on the low 32 bits, sign-extend the result ------------- */

bool rv_trans_addiw(RvLift *c, const RvArgI *a)
{
    uint32_t v = ir_binop(c->b, IR_ADD, rv_get_x32(c, a->rs1), rv_const32(c, (uint32_t)a->imm));
    rv_put_x_sext32(c, a->rd, v);
    return true;
}

static bool rv_shift_imm_w(RvLift *c, const RvArgShift *a, IROp op)
{
    uint32_t v = ir_binop(c->b, op, rv_get_x32(c, a->rs1), rv_const32(c, (uint32_t)a->shamt));
    rv_put_x_sext32(c, a->rd, v);
    return true;
}

bool rv_trans_slliw(RvLift *c, const RvArgShift *a)
{
    return rv_shift_imm_w(c, a, IR_SHL);
}
bool rv_trans_srliw(RvLift *c, const RvArgShift *a)
{
    return rv_shift_imm_w(c, a, IR_SHR);
}
bool rv_trans_sraiw(RvLift *c, const RvArgShift *a)
{
    return rv_shift_imm_w(c, a, IR_SAR);
}

static bool rv_alu_w(RvLift *c, const RvArgR *a, IROp op)
{
    uint32_t v = ir_binop(c->b, op, rv_get_x32(c, a->rs1), rv_get_x32(c, a->rs2));
    rv_put_x_sext32(c, a->rd, v);
    return true;
}

bool rv_trans_addw(RvLift *c, const RvArgR *a)
{
    return rv_alu_w(c, a, IR_ADD);
}
bool rv_trans_subw(RvLift *c, const RvArgR *a)
{
    return rv_alu_w(c, a, IR_SUB);
}
bool rv_trans_sllw(RvLift *c, const RvArgR *a)
{
    return rv_alu_w(c, a, IR_SHL);
}
bool rv_trans_srlw(RvLift *c, const RvArgR *a)
{
    return rv_alu_w(c, a, IR_SHR);
}
bool rv_trans_sraw(RvLift *c, const RvArgR *a)
{
    return rv_alu_w(c, a, IR_SAR);
}

/* ---- Fences and environment calls ------------------------------------------------------- */

enum { RV_FENCE_W = 1, RV_FENCE_R = 2 }; /* pred/succ bits: I O R W = 8 4 2 1 */

bool rv_trans_fence(RvLift *c, const RvArgFence *a)
{
    /* An empty predecessor or successor set orders nothing (pause is fence w, 0). A fence
     * with no writes before it is an acquire, one with no reads after it a release;
     * anything else (fence rw,rw, fence.tso, I/O) is a full fence. */
    if (a->pred == 0 || a->succ == 0)
        return true;
    if (!(a->pred & RV_FENCE_W) && a->fm == 0)
        ir_fence(c->b, IR_FENCE_ACQUIRE);
    else if (!(a->succ & RV_FENCE_R) && a->fm == 0)
        ir_fence(c->b, IR_FENCE_RELEASE);
    else
        ir_fence(c->b, IR_FENCE_SEQ);
    return true;
}

bool rv_trans_fence_i(RvLift *c, const RvArgEmpty *a)
{
    ir_sync_code(c->b, rv_next_pc(c));
    return true;
}

bool rv_trans_ecall(RvLift *c, const RvArgEmpty *a)
{
    ir_syscall(c->b, rv_next_pc(c));
    return true;
}

bool rv_trans_ebreak(RvLift *c, const RvArgEmpty *a)
{
    ir_trap(c->b, IR_TRAP_BREAKPOINT, c->pc, 0);
    return true;
}
