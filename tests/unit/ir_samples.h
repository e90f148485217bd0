/* Test support: one small valid IR block per op (shared by the IR unit tests). */
#ifndef FVP_TESTS_UNIT_IR_SAMPLES_H
#define FVP_TESTS_UNIT_IR_SAMPLES_H

#include "ir/ir.h"

/*
 * ir_sample_block(b, op) fills the empty block b with a verified block that uses op (and
 * its interesting field values). The switch has no default, so -Wswitch (-Wall -Werror)
 * refuses to compile when ir_ops.def gains an op this file does not cover.
 */
static inline void ir_sample_block(IRBlock *b, IROp op)
{
    ir_insn_start(b, b->pc, 4);
    uint32_t x = ir_get(b, IR_I64, 16), y = ir_get(b, IR_I64, 24);
    uint32_t f = ir_get(b, IR_F64, 32), g = ir_get(b, IR_F64, 40);
    uint32_t s = ir_get(b, IR_F32, 48);
    uint32_t v = ir_get(b, IR_V128, 64), w = ir_get(b, IR_V128, 80);
    uint32_t c = ir_cmp(b, IR_CC_ULT, x, y);
    uint32_t x32 = ir_conv(b, IR_TRUNC, IR_I32, x);
    bool terminated = false;
    switch (op) {
    case IR_CONST:
        ir_const(b, IR_I8, 0xff);
        ir_const(b, IR_I1, 1);
        ir_const(b, IR_F32, 0x3fc00000);
        ir_const(b, IR_F64, 0x7ff8000000000001ull);
        ir_const128(b, IR_V128, 0x0706050403020100ull, 0x0f0e0d0c0b0a0908ull);
        ir_const128(b, IR_I128, 5, 0x8000000000000000ull);
        break;
    case IR_GET:
        ir_get(b, IR_I16, 2);
        ir_get(b, IR_I128, 96);
        break;
    case IR_PUT:
        ir_put(b, 8, x);
        ir_put(b, 112, v);
        break;
    case IR_INSN:
        ir_insn_start(b, b->pc + 4, 2);
        break;
    case IR_ADD:
    case IR_SUB:
    case IR_MUL:
    case IR_MULHS:
    case IR_MULHU:
    case IR_MULHSU:
    case IR_AND:
    case IR_OR:
    case IR_XOR:
    case IR_SHL:
    case IR_SHR:
    case IR_SAR:
    case IR_SMIN:
    case IR_SMAX:
    case IR_UMIN:
    case IR_UMAX:
    case IR_SADDSAT:
    case IR_UADDSAT:
    case IR_SSUBSAT:
    case IR_USUBSAT:
        ir_binop(b, op, x, y);
        ir_binop(b, op, x32, x32);
        ir_vbinop(b, op, IR_LANE_I16X8, v, w);
        break;
    case IR_DIVS:
    case IR_DIVU:
    case IR_REMS:
    case IR_REMU:
        ir_div(b, op, IR_DIV_RISCV, x, y);
        ir_div(b, op, IR_DIV_ARM, x32, x32);
        break;
    case IR_ROTL:
    case IR_ROTR:
    case IR_BSWAP:
        if (op == IR_BSWAP)
            ir_unop(b, op, x32);
        else
            ir_binop(b, op, x, y);
        break;
    case IR_NOT:
    case IR_NEG:
    case IR_CLZ:
    case IR_CTZ:
    case IR_POPCNT:
        ir_unop(b, op, x);
        ir_vbinop(b, op, IR_LANE_I8X16, v, 0);
        break;
    case IR_CMP:
        ir_cmp(b, IR_CC_SGE, x32, x32);
        ir_cmp(b, IR_CC_UGE, x, y);
        b->insns[ir_vbinop(b, IR_CMP, IR_LANE_I32X4, v, w)].cond = IR_CC_SLT;
        break;
    case IR_SELECT:
        ir_select(b, c, x, y);
        ir_select(b, ir_vbinop(b, IR_CMP, IR_LANE_I8X16, v, w), v, w);
        break;
    case IR_ZEXT:
    case IR_SEXT:
        ir_conv(b, op, IR_I128, x);
        ir_conv(b, op, IR_I64, c);
        break;
    case IR_TRUNC:
        ir_conv(b, op, IR_I8, x);
        break;
    case IR_BITCAST:
        ir_conv(b, op, IR_I64, f);
        ir_conv(b, op, IR_F32, x32);
        break;
    case IR_UADDO:
    case IR_SADDO:
    case IR_USUBO:
    case IR_SSUBO:
        ir_flag(b, op, x, y, c);
        break;
    case IR_FADD:
    case IR_FSUB:
    case IR_FMUL:
    case IR_FDIV:
        ir_fop(b, op, IR_RM_DYN, IR_NAN_CANONICAL, 0, f, g, 0);
        ir_fop(b, op, IR_RM_RMM, IR_NAN_X86, 0, s, s, 0);
        b->insns[ir_vbinop(b, op, IR_LANE_F32X4, v, w)].nan = IR_NAN_ARM;
        break;
    case IR_FSQRT:
    case IR_FNEG:
    case IR_FABS:
        ir_fop(b, op, op == IR_FSQRT ? IR_RM_RUP : IR_RM_RNE, IR_NAN_ARM_DEFAULT, 0, f, 0, 0);
        break;
    case IR_FMA:
        ir_fop(b, op, IR_RM_RDN, IR_NAN_ARM, 0, f, g, f);
        break;
    case IR_FMIN:
    case IR_FMAX:
        ir_fop(b, op, IR_RM_RNE, IR_NAN_CANONICAL, IR_FMIN_NUMBER, f, g, 0);
        ir_fop(b, op, IR_RM_RNE, IR_NAN_ARM, IR_FMIN_ARM_NM, s, s, 0);
        ir_fop(b, op, IR_RM_RNE, IR_NAN_X86, IR_FMIN_X86, f, f, 0);
        break;
    case IR_FCMP:
        ir_fcmp(b, IR_FCC_OLT, IR_NAN_CANONICAL, f, g);
        ir_fcmp(b, IR_FCC_UNE_S, IR_NAN_X86, s, s);
        break;
    case IR_FCVT_F2I:
        ir_fcvt(b, op, IR_I32, IR_CVT_SIGNED | IR_CVT_SAT_RISCV, IR_RM_RTZ, IR_NAN_CANONICAL, f);
        ir_fcvt(b, op, IR_I64, IR_CVT_UNSIGNED | IR_CVT_SAT_ARM, IR_RM_DYN, IR_NAN_ARM, s);
        ir_fcvt(b, op, IR_I64, IR_CVT_SIGNED | IR_CVT_INDEFINITE, IR_RM_RNE, IR_NAN_X86, f);
        break;
    case IR_FCVT_I2F:
        ir_fcvt(b, op, IR_F32, IR_CVT_UNSIGNED, IR_RM_RNE, IR_NAN_CANONICAL, x);
        ir_fcvt(b, op, IR_F64, IR_CVT_SIGNED, IR_RM_DYN, IR_NAN_CANONICAL, x32);
        break;
    case IR_FCVT_F2F:
        ir_fcvt(b, op, IR_F32, 0, IR_RM_RNE, IR_NAN_CANONICAL, f);
        ir_fcvt(b, op, IR_F64, 0, IR_RM_RNE, IR_NAN_ARM, s);
        break;
    case IR_FROUND:
        ir_fop(b, op, IR_RM_RTZ, IR_NAN_CANONICAL, 1, f, 0, 0);
        ir_fop(b, op, IR_RM_DYN, IR_NAN_CANONICAL, 0, s, 0, 0);
        break;
    case IR_VSPLAT: {
        IRInsn i = {
            .op = IR_VSPLAT, .type = IR_V128, .lane = IR_LANE_I32X4, .nargs = 1, .args = {x32}};
        ir_emit(b, &i);
        break;
    }
    case IR_VEXTRACT: {
        IRInsn i = {.op = IR_VEXTRACT,
                    .type = IR_F64,
                    .lane = IR_LANE_F64X2,
                    .nargs = 1,
                    .args = {v},
                    .imm = 1};
        ir_emit(b, &i);
        break;
    }
    case IR_VINSERT: {
        IRInsn i = {.op = IR_VINSERT,
                    .type = IR_V128,
                    .lane = IR_LANE_I32X4,
                    .nargs = 2,
                    .args = {v, x32},
                    .imm = 3};
        ir_emit(b, &i);
        break;
    }
    case IR_VSHUFFLE: {
        uint32_t r = ir_vbinop(b, op, IR_LANE_I8X16, v, w);
        b->insns[r].imm = 0x1f1e1d1c03020100ull;
        b->insns[r].imm2 = 0xff0e0d0c0b0a0908ull;
        break;
    }
    case IR_VTBL:
        ir_vbinop(b, op, IR_LANE_I8X16, v, w);
        break;
    case IR_VWIDEN_LO:
    case IR_VWIDEN_HI: {
        IRInsn i = {.op = op,
                    .type = IR_V128,
                    .lane = IR_LANE_I16X8,
                    .nargs = 1,
                    .args = {v},
                    .cond = IR_CVT_UNSIGNED};
        ir_emit(b, &i);
        break;
    }
    case IR_VNARROW:
        b->insns[ir_vbinop(b, op, IR_LANE_I8X16, v, w)].cond = IR_NARROW_SUSAT;
        break;
    case IR_VREDUCE:
    case IR_VMOVMSK: {
        IRInsn i = {.op = op,
                    .type = op == IR_VREDUCE ? IR_I16 : IR_I32,
                    .lane = IR_LANE_I16X8,
                    .nargs = 1,
                    .args = {v},
                    .cond = op == IR_VREDUCE ? IR_UMAX : 0};
        ir_emit(b, &i);
        break;
    }
    case IR_LOAD:
        ir_load(b, IR_I8, x);
        ir_load(b, IR_V128, x);
        ir_load(b, IR_F32, y);
        break;
    case IR_STORE:
        ir_store(b, x, x32);
        ir_store(b, y, v);
        break;
    case IR_CAS:
        ir_cas(b, x, x32, x32);
        break;
    case IR_RMW:
        ir_rmw(b, IR_RMW_UMAX, x, y);
        ir_rmw(b, IR_RMW_XCHG, x, x32);
        break;
    case IR_FENCE:
        ir_fence(b, IR_FENCE_ACQUIRE);
        ir_fence(b, IR_FENCE_SEQ);
        break;
    case IR_EXIT_IF:
        ir_exit_if(b, c, 0x20000);
        break;
    case IR_HELPER:
        ir_helper(b, IR_HELPER_FCLASS64, x, 0, 0);
        ir_helper(b, IR_HELPER_READ_TIME, 0, 0, 0);
        break;
    case IR_GOTO:
        ir_goto(b, 0x30000, IR_JUMP_CALL, b->pc + 4);
        terminated = true;
        break;
    case IR_GOTO_REG:
        ir_goto_reg(b, x, IR_JUMP_RET, 0);
        terminated = true;
        break;
    case IR_SYSCALL:
        ir_syscall(b, b->pc + 4);
        terminated = true;
        break;
    case IR_TRAP:
        ir_trap(b, IR_TRAP_ILLEGAL, b->pc, 0xffffffff);
        terminated = true;
        break;
    case IR_SYNC_CODE:
        ir_sync_code(b, b->pc + 4);
        terminated = true;
        break;
    case IR_OP_COUNT:
        break;
    }
    if (!terminated)
        ir_goto(b, b->pc + 4, IR_JUMP_PLAIN, 0);
}

/* True when b contains an instruction with op. */
static inline bool ir_sample_uses(const IRBlock *b, IROp op)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->insns[i].op == op)
            return true;
    return false;
}

#endif
