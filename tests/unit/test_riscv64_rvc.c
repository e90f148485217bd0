/* RISC-V 64 compressed instructions run through the interpreter (encodings from GNU as). */
#include "test_riscv64_harness.h"

typedef struct RvtCCase {
    const char *what;
    uint16_t insn;
    uint64_t a0, a1, sp; /* inputs */
    int reg;             /* register checked afterwards */
    uint64_t expect;
} RvtCCase;

Test(riscv64_rvc, register_forms)
{
    static const RvtCCase cases[] = {
        {"c.addi4spn a0, sp, 1020", 0x1fe8, 0, 0, 0x10000, 10, 0x10000 + 1020},
        {"c.nop", 0x0001, 5, 0, 0, 10, 5},
        {"c.addi a0, -32", 0x1501, 5, 0, 0, 10, (uint64_t)-27},
        {"c.addiw a0, 31", 0x257d, 0x7fffffff, 0, 0, 10, 0xffffffff8000001eull},
        {"c.li a0, -1", 0x557d, 5, 0, 0, 10, ~0ull},
        {"c.addi16sp sp, -512", 0x7101, 0, 0, 0x10000, 2, 0x10000 - 512},
        {"c.lui a0, 0xfffe0", 0x7501, 0, 0, 0, 10, 0xfffffffffffe0000ull},
        {"c.srli a0, 63", 0x917d, 0x8000000000000000ull, 0, 0, 10, 1},
        {"c.srai a0, 1", 0x8505, 0x8000000000000000ull, 0, 0, 10, 0xc000000000000000ull},
        {"c.andi a0, -32", 0x9901, 0x12345, 0, 0, 10, 0x12340},
        {"c.sub a0, a1", 0x8d0d, 5, 7, 0, 10, (uint64_t)-2},
        {"c.xor a0, a1", 0x8d2d, 0xff00, 0x0ff0, 0, 10, 0xf0f0},
        {"c.or a0, a1", 0x8d4d, 0xf0, 0x0f, 0, 10, 0xff},
        {"c.and a0, a1", 0x8d6d, 0xf0, 0x3c, 0, 10, 0x30},
        {"c.subw a0, a1", 0x9d0d, 0x80000000, 1, 0, 10, 0x7fffffff},
        {"c.addw a0, a1", 0x9d2d, 0x7fffffff, 1, 0, 10, 0xffffffff80000000ull},
        {"c.slli a0, 63", 0x157e, 3, 0, 0, 10, 0x8000000000000000ull},
        {"c.mv a0, a1", 0x852e, 1, 0x1234, 0, 10, 0x1234},
        {"c.add a0, a1", 0x952e, 1, 0x1234, 0, 10, 0x1235},
    };
    RvTest t;
    rvt_init(&t);
    for (size_t i = 0; i < FVP_ARRAY_LEN(cases); i++) {
        const RvtCCase *c = &cases[i];
        t.st.x[10] = c->a0;
        t.st.x[11] = c->a1;
        t.st.x[2] = c->sp;
        rvt_exec16(&t, c->insn);
        cr_assert_eq(t.st.x[c->reg], c->expect, "%s: got 0x%llx", c->what,
                     (unsigned long long)t.st.x[c->reg]);
    }
    rvt_fini(&t);
}

static void rvt_put64(RvTest *t, uint64_t addr, uint64_t v)
{
    memcpy(t->mem + addr, &v, 8);
}

static uint64_t rvt_get64(RvTest *t, uint64_t addr)
{
    uint64_t v;
    memcpy(&v, t->mem + addr, 8);
    return v;
}

Test(riscv64_rvc, loads_and_stores)
{
    RvTest t;
    rvt_init(&t);
    uint64_t base = RVT_DATA, sp = RVT_DATA + 0x400;
    rvt_put64(&t, base + 248, 0x8877665544332211ull);
    rvt_put64(&t, base + 120, 0x80000000ull << 32); /* word at 124 = 0x80000000 */
    rvt_put64(&t, sp + 504, 0x0123456789abcdefull);
    rvt_put64(&t, sp + 248, 0xfedcba98ull << 32); /* word at 252 */
    t.st.x[11] = base;
    t.st.x[2] = sp;

    rvt_exec16(&t, 0x3de8); /* c.fld fa0, 248(a1) */
    cr_assert_eq(t.st.f[10], 0x8877665544332211ull);
    rvt_exec16(&t, 0x5de8); /* c.lw a0, 124(a1) */
    cr_assert_eq(t.st.x[10], 0xffffffff80000000ull);
    rvt_exec16(&t, 0x7de8); /* c.ld a0, 248(a1) */
    cr_assert_eq(t.st.x[10], 0x8877665544332211ull);
    rvt_exec16(&t, 0x357e); /* c.fldsp fa0, 504(sp) */
    cr_assert_eq(t.st.f[10], 0x0123456789abcdefull);
    rvt_exec16(&t, 0x557e); /* c.lwsp a0, 252(sp) */
    cr_assert_eq(t.st.x[10], 0xfffffffffedcba98ull);
    rvt_exec16(&t, 0x757e); /* c.ldsp a0, 504(sp) */
    cr_assert_eq(t.st.x[10], 0x0123456789abcdefull);

    t.st.x[10] = 0x1111222233334444ull;
    t.st.f[10] = 0x5555666677778888ull;
    rvt_exec16(&t, 0xdde8); /* c.sw a0, 124(a1) */
    cr_assert_eq(rvt_get64(&t, base + 120), 0x3333444400000000ull);
    rvt_exec16(&t, 0xfde8); /* c.sd a0, 248(a1) */
    cr_assert_eq(rvt_get64(&t, base + 248), 0x1111222233334444ull);
    rvt_exec16(&t, 0xbde8); /* c.fsd fa0, 248(a1) */
    cr_assert_eq(rvt_get64(&t, base + 248), 0x5555666677778888ull);
    rvt_exec16(&t, 0xdfaa); /* c.swsp a0, 252(sp) */
    cr_assert_eq(rvt_get64(&t, sp + 248), 0x3333444400000000ull);
    rvt_exec16(&t, 0xffaa); /* c.sdsp a0, 504(sp) */
    cr_assert_eq(rvt_get64(&t, sp + 504), 0x1111222233334444ull);
    rvt_exec16(&t, 0xbfaa); /* c.fsdsp fa0, 504(sp) */
    cr_assert_eq(rvt_get64(&t, sp + 504), 0x5555666677778888ull);
    rvt_fini(&t);
}

Test(riscv64_rvc, control_flow_mixed_with_32_bit)
{
    /* c.li a0,3; loop: c.addi a0,-1; c.bnez a0,loop; addi a3,zero,5 (32-bit at offset 6);
     * c.beqz a0,skip; c.ebreak; skip: c.j over; c.ebreak; over: c.jalr a2; c.ebreak;
     * func: c.li a1,7; c.jr ra */
    static const uint8_t prog[] = {0x0d, 0x45, 0x7d, 0x15, 0x7d, 0xfd, 0x93, 0x06, 0x50,
                                   0x00, 0x11, 0xc1, 0x02, 0x90, 0x11, 0xa0, 0x02, 0x90,
                                   0x02, 0x96, 0x02, 0x90, 0x9d, 0x45, 0x82, 0x80};
    RvTest t;
    rvt_init(&t);
    rvt_code_bytes(&t, prog, sizeof(prog));
    t.st.x[12] = RVT_CODE + 0x16;
    RtExit e = rvt_run(&t);
    cr_assert_eq(e.kind, RT_EXIT_TRAP);
    cr_assert_eq(e.trap_kind, IR_TRAP_BREAKPOINT);
    cr_assert_eq(e.pc, RVT_CODE + 0x14);
    cr_assert_eq(t.st.x[10], 0);
    cr_assert_eq(t.st.x[13], 5);
    cr_assert_eq(t.st.x[11], 7);
    cr_assert_eq(t.st.x[1], RVT_CODE + 0x14);
    rvt_fini(&t);
}

Test(riscv64_rvc, reserved_forms_trap_when_run)
{
    static const uint16_t reserved[] = {0x0000, 0x0004, 0x6101, 0x6501,
                                        0x8002, 0x4002, 0x6002, 0x2005};
    RvTest t;
    rvt_init(&t);
    for (size_t i = 0; i < FVP_ARRAY_LEN(reserved); i++) {
        rvt_code_bytes(&t, &reserved[i], 2);
        RtExit e = rvt_run(&t);
        cr_assert_eq(e.kind, RT_EXIT_TRAP);
        cr_assert_eq(e.trap_kind, IR_TRAP_ILLEGAL, "0x%04x", reserved[i]);
        cr_assert_eq(e.detail, reserved[i]);
    }
    /* Hints execute as no-ops: c.lui x0, 1 and c.mv x0, a1. */
    static const uint16_t hints[] = {0x6005, 0x802e};
    for (size_t i = 0; i < FVP_ARRAY_LEN(hints); i++) {
        rvt_exec16(&t, hints[i]);
        cr_assert_eq(t.st.x[0], 0);
    }
    rvt_fini(&t);
}
