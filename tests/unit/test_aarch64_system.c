/* AArch64 system instructions and control flow through the interpreter: MRS/MSR of the
 * EL0 registers, FPCR/FPSR mapping onto the IR header, svc/brk/udf/ic exits, jump kinds
 * and block boundaries. Encodings from aarch64-linux-gnu-as (text in comments). */
#include "tests/unit/test_aarch64_harness.h"

Test(aarch64_system, system_registers)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0xd53bd040, /* mrs x0, tpidr_el0 */
        0xd51bd041, /* msr tpidr_el0, x1 */
        0xd53bd042, /* mrs x2, tpidr_el0 */
        0xd53b00e3, /* mrs x3, dczid_el0 */
        0xd53b0024, /* mrs x4, ctr_el0 */
        0xd5380005, /* mrs x5, midr_el1 */
        0xd53be006, /* mrs x6, cntfrq_el0 */
        0xd53b4407, /* mrs x7, fpcr */
        0xd51b4428, /* msr fpsr, x8 */
        0xd53b4429, /* mrs x9, fpsr */
        0xd53b420a, /* mrs x10, nzcv */
        A64T_BRK,
    };
    a64t_code(&t, code, sizeof code / 4);
    t.st.tpidr = 0x1111;
    t.st.x[1] = 0x2222;
    t.st.hdr.fp_round = IR_RM_RDN; /* FPCR.RMode = 2 (RM) */
    t.st.fpcr = 1u << 25;          /* DN */
    t.st.x[8] = 0x0800009fu;       /* QC and every cumulative bit */
    t.st.n = 1;
    t.st.v = 1;
    a64t_run_to_brk(&t);
    cr_expect_eq(t.st.x[0], 0x1111);
    cr_expect_eq(t.st.x[2], 0x2222);
    cr_expect_eq(t.st.tpidr, 0x2222);
    cr_expect_eq(t.st.x[3], 4, "DC ZVA block: 2^4 words");
    cr_expect_eq(t.st.x[4] >> 16 & 15, 4, "DminLine: 64-byte lines like the ZVA block");
    cr_expect_eq(t.st.x[5] >> 24, 0x41, "MIDR implementer: Arm");
    cr_expect_eq(t.st.x[6], 10000000, "CNTFRQ matches the read_time helper's 10 MHz");
    cr_expect_eq(t.st.x[7], (2u << 22) | (1u << 25));
    cr_expect_eq(t.st.hdr.fp_flags,
                 IR_FPF_NX | IR_FPF_UF | IR_FPF_OF | IR_FPF_DZ | IR_FPF_NV | IR_FPF_DE);
    cr_expect_eq(t.st.x[9], 0x0800009fu);
    cr_expect_eq(t.st.x[10], 0x90000000u);
    a64t_fini(&t);
}

Test(aarch64_system, fpcr_write_sets_rounding_and_ends_block)
{
    static const uint32_t fpcr_write[] = {
        0xd51b4400, /* msr fpcr, x0 */
        A64T_BRK,
    };
    static const IRRound expect[4] = {IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ};
    for (unsigned mode = 0; mode < 4; mode++) {
        A64Test t;
        a64t_init(&t);
        a64t_code(&t, fpcr_write, 2);
        t.st.x[0] = (uint64_t)mode << 22 | 1u << 24;
        IRBlock *b = a64t_lift(&t, A64T_CODE);
        const IRInsn *last = &b->insns[b->count - 1];
        cr_expect_eq(last->op, IR_GOTO, "the block ends after msr fpcr");
        cr_expect_eq(last->imm, A64T_CODE + 4);
        ir_block_free(b);
        a64t_run_to_brk(&t);
        cr_expect_eq(t.st.hdr.fp_round, expect[mode] | IR_FPMODE_FZ, "RMode %u with FZ", mode);
        cr_expect_eq(t.st.fpcr, 1u << 24, "FZ kept, RMode not stored twice");
        a64t_fini(&t);
    }
}

Test(aarch64_system, exits)
{
    struct {
        uint32_t insn;
        RtExitKind kind;
        IRTrapKind trap;
        uint64_t detail;
    } cases[] = {
        {0xd4000001, RT_EXIT_SYSCALL, 0, 0},                     /* svc #0 */
        {0xd4207d00, RT_EXIT_TRAP, IR_TRAP_BREAKPOINT, 0x3e8},   /* brk #0x3e8 */
        {0xd50b7521, RT_EXIT_SYNC_CODE, 0, 0},                   /* ic ivau, x1 */
        {0xd5381000, RT_EXIT_TRAP, IR_TRAP_ILLEGAL, 0xd5381000}, /* mrs x0, sctlr_el1 */
        {0x00000000, RT_EXIT_TRAP, IR_TRAP_ILLEGAL, 0},          /* udf #0 */
        {0xd67f0060, RT_EXIT_TRAP, IR_TRAP_ILLEGAL, 0xd67f0060}, /* opc 3 of br/blr/ret */
        {0x9ac00420, RT_EXIT_TRAP, IR_TRAP_ILLEGAL, 0x9ac00420}, /* 2-source opcode 1 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        A64Test t;
        a64t_init(&t);
        uint32_t code[2] = {cases[i].insn, A64T_BRK};
        a64t_code(&t, code, 2);
        t.st.excl_addr = 0x1000;
        RtExit e = a64t_run(&t);
        if (cases[i].kind == RT_EXIT_SYNC_CODE) {
            /* a64t_run continues after sync_code: it stops at the brk */
            cr_expect_eq(e.kind, RT_EXIT_TRAP, "case %zu", i);
            cr_expect_eq(e.pc, A64T_CODE + 4, "case %zu", i);
            IRBlock *b = a64t_lift(&t, A64T_CODE);
            cr_expect_eq(b->insns[b->count - 1].op, IR_SYNC_CODE, "case %zu", i);
            ir_block_free(b);
        } else {
            cr_expect_eq(e.kind, cases[i].kind, "case %zu", i);
            if (e.kind == RT_EXIT_TRAP) {
                cr_expect_eq(e.trap_kind, cases[i].trap, "case %zu", i);
                cr_expect_eq(e.pc, A64T_CODE, "case %zu", i);
                cr_expect_eq(e.detail, cases[i].detail, "case %zu", i);
            } else {
                cr_expect_eq(e.next_pc, A64T_CODE + 4, "case %zu", i);
                cr_expect_eq(t.st.excl_addr, A64_NO_EXCLUSIVE, "svc clears the monitor");
            }
        }
        a64t_fini(&t);
    }
}

Test(aarch64_system, jump_kinds)
{
    struct {
        uint32_t insn;
        IROp op;
        IRJumpKind kind;
        uint64_t target, link;
    } cases[] = {
        {0x14000002, IR_GOTO, IR_JUMP_PLAIN, A64T_CODE + 8, 0},            /* b .+8 */
        {0x97ffffff, IR_GOTO, IR_JUMP_CALL, A64T_CODE - 4, A64T_CODE + 4}, /* bl .-4 */
        {0xd65f03c0, IR_GOTO_REG, IR_JUMP_RET, 0x5000, 0},                 /* ret */
        {0xd63f0020, IR_GOTO_REG, IR_JUMP_CALL, 0x6000, A64T_CODE + 4},    /* blr x1 */
        {0xd61f0040, IR_GOTO_REG, IR_JUMP_PLAIN, 0x7000, 0},               /* br x2 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        A64Test t;
        a64t_init(&t);
        a64t_code(&t, &cases[i].insn, 1);
        t.st.x[30] = 0x5000;
        t.st.x[1] = 0x6000;
        t.st.x[2] = 0x7000;
        IRBlock *b = a64t_lift(&t, A64T_CODE);
        const IRInsn *last = &b->insns[b->count - 1];
        cr_expect_eq(last->op, cases[i].op, "case %zu", i);
        cr_expect_eq(last->cond, cases[i].kind, "case %zu", i);
        cr_expect_eq(last->imm2, cases[i].link, "case %zu", i);
        InterpCode *code = NULL;
        cr_assert_null(interp_prepare(b, &code));
        RtExit e;
        interp_run(&t.cpu, code, &e);
        interp_code_free(code);
        ir_block_free(b);
        cr_expect_eq(e.kind, RT_EXIT_JUMP, "case %zu", i);
        cr_expect_eq(e.next_pc, cases[i].target, "case %zu", i);
        if (cases[i].link)
            cr_expect_eq(t.st.x[30], cases[i].link, "case %zu: x30 is the return address", i);
        a64t_fini(&t);
    }
}

Test(aarch64_system, block_boundaries)
{
    A64Test t;
    a64t_init(&t);
    static const uint32_t code[] = {
        0xd503201f, /* nop */
        0xd5033bbf, /* dmb ish */
        0xd503245f, /* hint #34 (bti c) */
        0xd5033fdf, /* isb */
        0xd503201f, /* nop */
    };
    a64t_code(&t, code, sizeof code / 4);
    IRBlock *b = a64t_lift(&t, A64T_CODE);
    cr_expect_eq(b->guest_insns, 4, "isb ends the block");
    cr_expect_eq(b->insns[b->count - 1].op, IR_GOTO);
    cr_expect_eq(b->insns[b->count - 1].imm, A64T_CODE + 16);
    ir_block_free(b);
    /* running off the end of the code: a fetch fault at the first missing instruction,
     * reported where execution gets there */
    b = a64t_lift(&t, A64T_CODE + 16);
    cr_expect_eq(b->insns[b->count - 1].op, IR_GOTO);
    ir_block_free(b);
    b = a64t_lift(&t, A64T_CODE + 20);
    cr_expect_eq(b->insns[b->count - 1].op, IR_TRAP);
    cr_expect_eq(b->insns[b->count - 1].cond, IR_TRAP_FETCH_FAULT);
    ir_block_free(b);
    t.max_insns = 2;
    b = a64t_lift(&t, A64T_CODE);
    cr_expect_eq(b->guest_insns, 2, "max_insns splits the block");
    ir_block_free(b);
    a64t_fini(&t);
}

/* AT_HWCAP advertises exactly the implemented features (Linux arm64 hwcap bits): FP,
 * ASIMD, AES, PMULL, SHA1, SHA2, ATOMICS; not EVTSTRM, CRC32, FPHP/ASIMDHP (FP16
 * arithmetic), CPUID (ID register emulation), ASIMDRDM, SVE and the rest. */
Test(aarch64_system, hwcap_matches_implemented_features)
{
    enum { FP = 1 << 0, ASIMD = 1 << 1, AES = 1 << 3, PMULL = 1 << 4, SHA1 = 1 << 5,
           SHA2 = 1 << 6, ATOMICS = 1 << 8 };
    cr_assert_eq(fe_aarch64.hwcap, FP | ASIMD | AES | PMULL | SHA1 | SHA2 | ATOMICS,
                 "AT_HWCAP 0x%llx", (unsigned long long)fe_aarch64.hwcap);
}
