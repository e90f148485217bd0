/* Lifters for A64 branches, exception generation and system instructions (hints,
 * barriers, cache maintenance, MRS/MSR of the EL0-visible system registers). */
#include "frontends/aarch64/aarch64_internal.h"

/* Values of the identification registers a Linux guest sees (through the kernel's
 * emulation for MIDR_EL1/MPIDR_EL1): a Cortex-A72-like core with 64-byte cache lines. */
enum {
    A64_MIDR_EL1 = 0x410fd083u,
    A64_MPIDR_EL1 = 0x80000000u,
    A64_CTR_EL0 = 0x8444c004u, /* IminLine = DminLine = 4 (64 bytes), PIPT I-cache */
    A64_DCZID_EL0 = 4,         /* DC ZVA zeroes 2^4 words = 64 bytes */
    A64_DCZ_BLOCK = 64,
    A64_CNTFRQ_EL0 = 10000000u, /* the read_time helper's 10 MHz */
};

/* System register encodings: op0:op1:CRn:CRm:op2 packed as in MRS's bits 20:5. */
#define A64_SYSREG(op0, op1, crn, crm, op2)                                                        \
    ((unsigned)(op0) << 14 | (unsigned)(op1) << 11 | (unsigned)(crn) << 7 | (unsigned)(crm) << 3 | \
     (unsigned)(op2))
enum {
    A64_SR_NZCV = A64_SYSREG(3, 3, 4, 2, 0),
    A64_SR_FPCR = A64_SYSREG(3, 3, 4, 4, 0),
    A64_SR_FPSR = A64_SYSREG(3, 3, 4, 4, 1),
    A64_SR_TPIDR_EL0 = A64_SYSREG(3, 3, 13, 0, 2),
    A64_SR_TPIDRRO_EL0 = A64_SYSREG(3, 3, 13, 0, 3),
    A64_SR_CTR_EL0 = A64_SYSREG(3, 3, 0, 0, 1),
    A64_SR_DCZID_EL0 = A64_SYSREG(3, 3, 0, 0, 7),
    A64_SR_MIDR_EL1 = A64_SYSREG(3, 0, 0, 0, 0),
    A64_SR_MPIDR_EL1 = A64_SYSREG(3, 0, 0, 0, 5),
    A64_SR_REVIDR_EL1 = A64_SYSREG(3, 0, 0, 0, 6),
    A64_SR_CNTFRQ_EL0 = A64_SYSREG(3, 3, 14, 0, 0),
    A64_SR_CNTVCT_EL0 = A64_SYSREG(3, 3, 14, 0, 2),
    A64_SR_CNTVCTSS_EL0 = A64_SYSREG(3, 3, 14, 0, 6),
};

bool a64_trans_b(A64Lift *c, const A64ArgB *a)
{
    uint64_t target = c->pc + (uint64_t)a->imm;
    if (a->op) {
        a64_put_x(c, 30, a64_c64(c, a64_next_pc(c)));
        ir_goto(c->b, target, IR_JUMP_CALL, a64_next_pc(c));
    } else {
        ir_goto(c->b, target, IR_JUMP_PLAIN, 0);
    }
    return true;
}

static void branch_if(A64Lift *c, uint32_t taken, int64_t offset)
{
    ir_exit_if(c->b, taken, c->pc + (uint64_t)offset);
    ir_goto(c->b, a64_next_pc(c), IR_JUMP_PLAIN, 0);
}

bool a64_trans_cbz(A64Lift *c, const A64ArgCbz *a)
{
    uint32_t x = a64_get_x(c, a->rt, a->sf);
    uint32_t zero = a64_const(c, a64_ity(a->sf), 0);
    branch_if(c, ir_cmp(c->b, a->op ? IR_CC_NE : IR_CC_EQ, x, zero), a->imm);
    return true;
}

bool a64_trans_tbz(A64Lift *c, const A64ArgTbz *a)
{
    IRBlock *b = c->b;
    uint32_t x = a64_get_x(c, a->rt, 1);
    uint32_t bit = ir_binop(b, IR_AND, x, a64_c64(c, 1ull << a->bit));
    branch_if(c, ir_cmp(b, a->op ? IR_CC_NE : IR_CC_EQ, bit, a64_c64(c, 0)), a->imm);
    return true;
}

bool a64_trans_bcond(A64Lift *c, const A64ArgBcond *a)
{
    if (a->cond >= 14) {
        ir_goto(c->b, c->pc + (uint64_t)a->imm, IR_JUMP_PLAIN, 0);
        return true;
    }
    branch_if(c, a64_cond(c, a->cond), a->imm);
    return true;
}

bool a64_trans_svc(A64Lift *c, const A64ArgExc *a)
{
    (void)a;
    /* The exception return after the call clears the local exclusive monitor. */
    ir_put(c->b, A64_OFF_EXCL_ADDR, a64_c64(c, A64_NO_EXCLUSIVE));
    ir_syscall(c->b, a64_next_pc(c));
    return true;
}

bool a64_trans_brk(A64Lift *c, const A64ArgExc *a)
{
    ir_trap(c->b, IR_TRAP_BREAKPOINT, c->pc, (uint64_t)a->imm);
    return true;
}

bool a64_trans_br_reg(A64Lift *c, const A64ArgBrReg *a)
{
    if (a->opc == 3)
        return false;
    uint32_t target = a64_get_x(c, a->rn, 1);
    if (a->opc == 1) {
        a64_put_x(c, 30, a64_c64(c, a64_next_pc(c)));
        ir_goto_reg(c->b, target, IR_JUMP_CALL, a64_next_pc(c));
    } else {
        ir_goto_reg(c->b, target, a->opc == 2 ? IR_JUMP_RET : IR_JUMP_PLAIN, 0);
    }
    return true;
}

/* FPSR cumulative bit positions for each IR_FPF_* bit (IR bit i -> FPSR bit map[i]). */
static const unsigned fpsr_bit_of_flag[6] = {4, 3, 2, 1, 0, 7};

static uint32_t bits_move(A64Lift *c, uint32_t v32, bool to_fpsr)
{
    IRBlock *b = c->b;
    uint32_t out = ir_const(b, IR_I32, 0);
    for (unsigned i = 0; i < 6; i++) {
        unsigned from = to_fpsr ? i : fpsr_bit_of_flag[i];
        unsigned to = to_fpsr ? fpsr_bit_of_flag[i] : i;
        uint32_t bit = ir_binop(b, IR_SHR, v32, ir_const(b, IR_I32, from));
        bit = ir_binop(b, IR_AND, bit, ir_const(b, IR_I32, 1));
        out = ir_binop(b, IR_OR, out, ir_binop(b, IR_SHL, bit, ir_const(b, IR_I32, to)));
    }
    return out;
}

static bool mrs(A64Lift *c, unsigned reg, int64_t rt)
{
    IRBlock *b = c->b;
    uint32_t v;
    switch (reg) {
    case A64_SR_NZCV: {
        v = a64_c64(c, 0);
        static const uint32_t offs[4] = {A64_OFF_N, A64_OFF_Z, A64_OFF_C, A64_OFF_V};
        for (unsigned i = 0; i < 4; i++) {
            uint32_t f = ir_conv(b, IR_ZEXT, IR_I64, a64_get_flag(c, offs[i]));
            v = ir_binop(b, IR_OR, v, ir_binop(b, IR_SHL, f, a64_c64(c, 31 - i)));
        }
        break;
    }
    case A64_SR_FPCR: {
        /* (4 - rm) & 3 ignores the FZ/DN bits above the mode (multiples of 4); FZ and DN
         * read back from fpcr, which keeps them too */
        uint32_t rm = ir_get(b, IR_I32, A64_OFF_FP_ROUND);
        rm = ir_binop(b, IR_AND, ir_unop(b, IR_NEG, rm), ir_const(b, IR_I32, 3));
        uint32_t w = ir_binop(b, IR_OR, ir_get(b, IR_I32, A64_OFF_FPCR),
                              ir_binop(b, IR_SHL, rm, ir_const(b, IR_I32, 22)));
        v = ir_conv(b, IR_ZEXT, IR_I64, w);
        break;
    }
    case A64_SR_FPSR: {
        uint32_t w = bits_move(c, ir_get(b, IR_I32, A64_OFF_FP_FLAGS), true);
        w = ir_binop(b, IR_OR, w, ir_get(b, IR_I32, A64_OFF_FPSR));
        v = ir_conv(b, IR_ZEXT, IR_I64, w);
        break;
    }
    case A64_SR_TPIDR_EL0:
        v = ir_get(b, IR_I64, A64_OFF_TPIDR);
        break;
    case A64_SR_TPIDRRO_EL0:
        v = a64_c64(c, 0);
        break;
    case A64_SR_CTR_EL0:
        v = a64_c64(c, A64_CTR_EL0);
        break;
    case A64_SR_DCZID_EL0:
        v = a64_c64(c, A64_DCZID_EL0);
        break;
    case A64_SR_MIDR_EL1:
        v = a64_c64(c, A64_MIDR_EL1);
        break;
    case A64_SR_MPIDR_EL1:
        v = a64_c64(c, A64_MPIDR_EL1);
        break;
    case A64_SR_REVIDR_EL1:
        v = a64_c64(c, 0);
        break;
    case A64_SR_CNTFRQ_EL0:
        v = a64_c64(c, A64_CNTFRQ_EL0);
        break;
    case A64_SR_CNTVCT_EL0:
    case A64_SR_CNTVCTSS_EL0:
        v = ir_helper(b, IR_HELPER_READ_TIME, 0, 0, 0);
        break;
    default:
        return false;
    }
    a64_put_x(c, rt, v);
    return true;
}

static bool msr(A64Lift *c, unsigned reg, int64_t rt)
{
    IRBlock *b = c->b;
    uint32_t x = a64_get_x(c, rt, 1);
    switch (reg) {
    case A64_SR_NZCV: {
        static const uint32_t offs[4] = {A64_OFF_N, A64_OFF_Z, A64_OFF_C, A64_OFF_V};
        for (unsigned i = 0; i < 4; i++) {
            uint32_t f = ir_binop(b, IR_SHR, x, a64_c64(c, 31 - i));
            a64_put_flag(c, offs[i], ir_conv(b, IR_TRUNC, IR_I1, f));
        }
        return true;
    }
    case A64_SR_FPCR: {
        uint32_t w = ir_conv(b, IR_TRUNC, IR_I32, x);
        /* FPCR bits 26:16 (AHP, DN, FZ, RMode, Stride, FZ16, Len) read back as written; the
         * trap enables are RAZ/WI, as on cores without FP exception trapping. RMode moves to
         * hdr.fp_round, so a new block starts with the new mode. */
        ir_put(b, A64_OFF_FPCR, ir_binop(b, IR_AND, w, ir_const(b, IR_I32, 0x073f0000u)));
        uint32_t rm = ir_binop(b, IR_SHR, w, ir_const(b, IR_I32, 22));
        rm = ir_binop(b, IR_AND, ir_unop(b, IR_NEG, rm), ir_const(b, IR_I32, 3));
        /* FZ (bit 24) and DN (bit 25) also go to hdr.fp_round, as IR_FPMODE_FZ/DN */
        _Static_assert(IR_FPMODE_FZ == 1 << 3 && IR_FPMODE_DN == 1 << 4, "FZ, DN: bits 3, 4");
        uint32_t fz_dn = ir_binop(b, IR_AND, ir_binop(b, IR_SHR, w, ir_const(b, IR_I32, 21)),
                                  ir_const(b, IR_I32, IR_FPMODE_FZ | IR_FPMODE_DN));
        ir_put(b, A64_OFF_FP_ROUND, ir_binop(b, IR_OR, rm, fz_dn));
        ir_goto(b, a64_next_pc(c), IR_JUMP_PLAIN, 0);
        return true;
    }
    case A64_SR_FPSR: {
        uint32_t w = ir_conv(b, IR_TRUNC, IR_I32, x);
        ir_put(b, A64_OFF_FP_FLAGS, bits_move(c, w, false));
        ir_put(b, A64_OFF_FPSR, ir_binop(b, IR_AND, w, ir_const(b, IR_I32, 0xf8000000u)));
        return true;
    }
    case A64_SR_TPIDR_EL0:
        ir_put(b, A64_OFF_TPIDR, x);
        return true;
    default:
        return false;
    }
}

/* DC ZVA: zero the naturally aligned block holding the address. */
static void dc_zva(A64Lift *c, int64_t rt)
{
    IRBlock *b = c->b;
    uint32_t base =
        ir_binop(b, IR_AND, a64_get_x(c, rt, 1), a64_c64(c, ~(uint64_t)(A64_DCZ_BLOCK - 1)));
    uint32_t zero = ir_const128(b, IR_V128, 0, 0);
    for (unsigned off = 0; off < A64_DCZ_BLOCK; off += 16)
        ir_store(b, off ? ir_binop(b, IR_ADD, base, a64_c64(c, off)) : base, zero);
}

bool a64_trans_sys(A64Lift *c, const A64ArgSys *a)
{
    IRBlock *b = c->b;
    if (a->op0 >= 2) {
        unsigned reg = A64_SYSREG(a->op0, a->op1, a->crn, a->crm, a->op2);
        return a->l ? mrs(c, reg, a->rt) : msr(c, reg, a->rt);
    }
    if (a->op0 == 1) { /* SYS: cache maintenance by address */
        if (a->l || a->op1 != 3 || a->crn != 7 || a->op2 != 1)
            return false;
        switch (a->crm) {
        case 4:
            dc_zva(c, a->rt);
            return true;
        case 5: /* IC IVAU: the code may have changed, drop stale translations */
            ir_sync_code(b, a64_next_pc(c));
            return true;
        case 10: /* DC CVAC */
        case 11: /* DC CVAU */
        case 12: /* DC CVAP */
        case 14: /* DC CIVAC */
            a64_get_x(c, a->rt, 1);
            return true;
        default:
            return false;
        }
    }
    if (a->l || a->op1 != 3 || a->rt != 31)
        return false;
    if (a->crn == 2) /* HINT space: NOP, YIELD, WFE, BTI, PAC hints... all no-ops here */
        return true;
    if (a->crn == 3) {
        switch (a->op2) {
        case 2: /* CLREX */
            ir_put(b, A64_OFF_EXCL_ADDR, a64_c64(c, A64_NO_EXCLUSIVE));
            return true;
        case 4: /* DSB */
        case 5: /* DMB */
            if (a->op2 == 5 && (a->crm & 3) == 1)
                ir_fence(b, IR_FENCE_ACQUIRE); /* dmb ishld / ld */
            else
                ir_fence(b, IR_FENCE_SEQ);
            return true;
        case 6: /* ISB: later instructions see earlier code changes */
            ir_fence(b, IR_FENCE_SEQ);
            ir_goto(b, a64_next_pc(c), IR_JUMP_PLAIN, 0);
            return true;
        case 7: /* SB */
            return true;
        default:
            return false;
        }
    }
    return false;
}
