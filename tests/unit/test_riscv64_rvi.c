/* RISC-V 64 I and M lifters run through the interpreter, with expected register values. */
#include "test_riscv64_harness.h"

#define MIN64 0x8000000000000000ull
#define ALL 0xffffffffffffffffull

Test(riscv64_rvi, register_register)
{
    static const RvtAluCase cases[] = {
        {"add wraps", RVT_R(0, 0, RVT_OP), ALL, 2, 1},
        {"sub", RVT_R(0x20, 0, RVT_OP), 5, 7, (uint64_t)-2},
        {"sll takes the amount mod 64", RVT_R(0, 1, RVT_OP), 3, 65, 6},
        {"slt signed", RVT_R(0, 2, RVT_OP), (uint64_t)-1, 1, 1},
        {"sltu unsigned", RVT_R(0, 3, RVT_OP), (uint64_t)-1, 1, 0},
        {"xor", RVT_R(0, 4, RVT_OP), 0xff00, 0x0ff0, 0xf0f0},
        {"srl", RVT_R(0, 5, RVT_OP), MIN64, 63, 1},
        {"sra", RVT_R(0x20, 5, RVT_OP), MIN64, 127, ALL},
        {"or", RVT_R(0, 6, RVT_OP), 0xf0, 0x0f, 0xff},
        {"and", RVT_R(0, 7, RVT_OP), 0xf0, 0x3c, 0x30},
        {"addw sign-extends", RVT_R(0, 0, RVT_OP32), 0x7fffffff, 1, 0xffffffff80000000ull},
        {"addw ignores the high half", RVT_R(0, 0, RVT_OP32), 0x1234500000001ull, 1, 2},
        {"subw", RVT_R(0x20, 0, RVT_OP32), 0, 1, ALL},
        {"sllw mod 32", RVT_R(0, 1, RVT_OP32), 1, 63, 0xffffffff80000000ull},
        {"srlw", RVT_R(0, 5, RVT_OP32), 0xffffffff80000000ull, 4, 0x08000000},
        {"srlw by 0 sign-extends", RVT_R(0, 5, RVT_OP32), 0x80000000, 0, 0xffffffff80000000ull},
        {"sraw", RVT_R(0x20, 5, RVT_OP32), 0x80000000, 4, 0xfffffffff8000000ull},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_rvi, register_immediate)
{
    static const RvtAluCase cases[] = {
        {"addi -1", RVT_I(-1, 0, RVT_OPIMM), 0, 0, ALL},
        {"addi -2048", RVT_I(-2048, 0, RVT_OPIMM), 0, 0, (uint64_t)-2048},
        {"slti", RVT_I(-1, 2, RVT_OPIMM), (uint64_t)-2, 0, 1},
        {"sltiu -1 is all ones", RVT_I(-1, 3, RVT_OPIMM), 12345, 0, 1},
        {"sltiu equal", RVT_I(-1, 3, RVT_OPIMM), ALL, 0, 0},
        {"xori -1 is not", RVT_I(-1, 4, RVT_OPIMM), 0x0f, 0, ~0x0full},
        {"ori", RVT_I(0x700, 6, RVT_OPIMM), 0x0f, 0, 0x70f},
        {"andi sign-extended", RVT_I(-16, 7, RVT_OPIMM), 0x12345, 0, 0x12340},
        {"slli 63", RVT_I(63, 1, RVT_OPIMM), 3, 0, MIN64},
        {"srli 33", RVT_I(33, 5, RVT_OPIMM), ALL, 0, 0x7fffffff},
        {"srai 63", RVT_I(0x400 | 63, 5, RVT_OPIMM), MIN64, 0, ALL},
        {"addiw wraps", RVT_I(1, 0, RVT_OPIMM32), 0x7fffffff, 0, 0xffffffff80000000ull},
        {"sext.w (addiw 0)", RVT_I(0, 0, RVT_OPIMM32), 0x00000000fffffffeull, 0, (uint64_t)-2},
        {"slliw 31", RVT_I(31, 1, RVT_OPIMM32), 1, 0, 0xffffffff80000000ull},
        {"srliw", RVT_I(31, 5, RVT_OPIMM32), 0x80000000, 0, 1},
        {"sraiw", RVT_I(0x400 | 31, 5, RVT_OPIMM32), 0x80000000, 0, ALL},
        {"lui negative", 0x80000537, 0, 0, 0xffffffff80000000ull},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_rvi, multiply_divide)
{
    static const RvtAluCase cases[] = {
        {"mul", RVT_R(1, 0, RVT_OP), (uint64_t)-3, 5, (uint64_t)-15},
        {"mulh", RVT_R(1, 1, RVT_OP), MIN64, MIN64, 0x4000000000000000ull},
        {"mulh negative", RVT_R(1, 1, RVT_OP), (uint64_t)-1, 1, ALL},
        {"mulhsu", RVT_R(1, 2, RVT_OP), (uint64_t)-1, ALL, ALL},
        {"mulhsu positive", RVT_R(1, 2, RVT_OP), 2, ALL, 1},
        {"mulhu", RVT_R(1, 3, RVT_OP), ALL, ALL, ALL - 1},
        {"div", RVT_R(1, 4, RVT_OP), (uint64_t)-7, 2, (uint64_t)-3},
        {"div by zero", RVT_R(1, 4, RVT_OP), 42, 0, ALL},
        {"div overflow", RVT_R(1, 4, RVT_OP), MIN64, ALL, MIN64},
        {"divu", RVT_R(1, 5, RVT_OP), ALL, 2, 0x7fffffffffffffffull},
        {"divu by zero", RVT_R(1, 5, RVT_OP), 42, 0, ALL},
        {"rem", RVT_R(1, 6, RVT_OP), (uint64_t)-7, 2, ALL},
        {"rem by zero", RVT_R(1, 6, RVT_OP), (uint64_t)-42, 0, (uint64_t)-42},
        {"rem overflow", RVT_R(1, 6, RVT_OP), MIN64, ALL, 0},
        {"remu", RVT_R(1, 7, RVT_OP), ALL, 10, 5},
        {"remu by zero", RVT_R(1, 7, RVT_OP), 42, 0, 42},
        {"mulw", RVT_R(1, 0, RVT_OP32), 0x10000, 0x8000, 0xffffffff80000000ull},
        {"divw", RVT_R(1, 4, RVT_OP32), 0x1fffffff9ull, 2, (uint64_t)-3},
        {"divw overflow", RVT_R(1, 4, RVT_OP32), 0x80000000, ALL, 0xffffffff80000000ull},
        {"divw by zero", RVT_R(1, 4, RVT_OP32), 5, 0x100000000ull, ALL},
        {"divuw", RVT_R(1, 5, RVT_OP32), 0xffffffff, 1, ALL},
        {"divuw by zero", RVT_R(1, 5, RVT_OP32), 5, 0, ALL},
        {"remw", RVT_R(1, 6, RVT_OP32), (uint64_t)-7, 2, ALL},
        {"remw overflow", RVT_R(1, 6, RVT_OP32), 0x80000000, ALL, 0},
        {"remw by zero", RVT_R(1, 6, RVT_OP32), 0x80000000, 0, 0xffffffff80000000ull},
        {"remuw", RVT_R(1, 7, RVT_OP32), 0xfffffffe, 0xffffffff, 0xfffffffffffffffeull},
        {"remuw by zero", RVT_R(1, 7, RVT_OP32), 0x123456789ull, 0, 0x23456789},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_rvi, loads_and_stores)
{
    RvTest t;
    rvt_init(&t);
    uint64_t pattern = 0x8081828384858687ull;
    memcpy(t.mem + RVT_DATA, &pattern, 8);
    t.st.x[11] = RVT_DATA + 8;
    uint32_t prog[] = {
        RVT_ENC_I(-8, 11, 0, 10, 0x03), /* lb a0, -8(a1) */
        RVT_ENC_I(-8, 11, 1, 12, 0x03), /* lh a2 */
        RVT_ENC_I(-8, 11, 2, 13, 0x03), /* lw a3 */
        RVT_ENC_I(-8, 11, 3, 14, 0x03), /* ld a4 */
        RVT_ENC_I(-8, 11, 4, 15, 0x03), /* lbu a5 */
        RVT_ENC_I(-8, 11, 5, 16, 0x03), /* lhu a6 */
        RVT_ENC_I(-8, 11, 6, 17, 0x03), /* lwu a7 */
        RVT_ENC_I(-7, 11, 0, 5, 0x03),  /* lb t0, -7(a1): 0x86 */
        RVT_ENC_S(0, 14, 11, 3, 0x23),  /* sd a4, 0(a1) */
        RVT_ENC_S(8, 10, 11, 0, 0x23),  /* sb a0, 8(a1) */
        RVT_ENC_S(9, 10, 11, 1, 0x23),  /* sh a0, 9(a1) */
        RVT_ENC_S(11, 10, 11, 2, 0x23), /* sw a0, 11(a1): unaligned */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[10], 0xffffffffffffff87ull);
    cr_assert_eq(t.st.x[12], 0xffffffffffff8687ull);
    cr_assert_eq(t.st.x[13], 0xffffffff84858687ull);
    cr_assert_eq(t.st.x[14], pattern);
    cr_assert_eq(t.st.x[15], 0x87);
    cr_assert_eq(t.st.x[16], 0x8687);
    cr_assert_eq(t.st.x[17], 0x84858687);
    cr_assert_eq(t.st.x[5], 0xffffffffffffff86ull);
    uint64_t stored;
    memcpy(&stored, t.mem + RVT_DATA + 8, 8);
    cr_assert_eq(stored, pattern);
    static const uint8_t tail[] = {0x87, 0x87, 0xff, 0x87, 0xff, 0xff, 0xff, 0};
    cr_assert_arr_eq(t.mem + RVT_DATA + 16, tail, sizeof(tail));
    rvt_fini(&t);
}

Test(riscv64_rvi, loop_with_branches)
{
    /* a0 = sum(1..10) with a backward bne; a1 = 1 if blt/bge/bltu/bgeu all went right. */
    RvTest t;
    rvt_init(&t);
    uint32_t prog[] = {
        RVT_ADDI(10, 0, 0),     /* 0x00 li a0, 0 */
        RVT_ADDI(5, 0, 10),     /* 0x04 li t0, 10 */
        RVT_ADD(10, 10, 5),     /* 0x08 loop: add a0, a0, t0 */
        RVT_ADDI(5, 5, -1),     /* 0x0c addi t0, t0, -1 */
        RVT_ENC_B(-8, 0, 5, 1), /* 0x10 bnez t0, loop */
        RVT_ADDI(6, 0, -1),     /* 0x14 li t1, -1 */
        RVT_ADDI(11, 0, 0),     /* 0x18 li a1, 0 */
        RVT_ENC_B(8, 0, 6, 4),  /* 0x1c blt t1, zero, +8 (taken) */
        RVT_EBREAK,             /* 0x20 */
        RVT_ENC_B(-4, 0, 6, 6), /* 0x24 bltu t1, zero, -4 (not taken) */
        RVT_ENC_B(8, 6, 0, 7),  /* 0x28 bgeu zero, t1, +8 (not taken) */
        RVT_ENC_B(8, 6, 0, 5),  /* 0x2c bge zero, t1, +8 (taken) */
        RVT_EBREAK,             /* 0x30 */
        RVT_ENC_B(-8, 0, 0, 1), /* 0x34 bne zero, zero (not taken) */
        RVT_ADDI(11, 0, 1),     /* 0x38 li a1, 1 */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    RtExit e = rvt_run(&t);
    cr_assert_eq(e.trap_kind, IR_TRAP_BREAKPOINT);
    cr_assert_eq(e.pc, RVT_CODE + 0x3c);
    cr_assert_eq(t.st.x[10], 55);
    cr_assert_eq(t.st.x[11], 1);
    rvt_fini(&t);
}

Test(riscv64_rvi, jumps_link_and_x0)
{
    RvTest t;
    rvt_init(&t);
    t.st.x[12] = RVT_CODE + 0x11; /* odd: jalr clears bit 0 */
    uint32_t prog[] = {
        RVT_ENC_J(8, 1),               /* 0x00 jal ra, +8 */
        RVT_EBREAK,                    /* 0x04 */
        RVT_ENC_I(0, 12, 0, 12, 0x67), /* 0x08 jalr a2, 0(a2) -> 0x10, a2 = 0x0c */
        RVT_EBREAK,                    /* 0x0c */
        RVT_ADDI(0, 0, 5),             /* 0x10 addi x0, x0, 5 */
        RVT_ADD(10, 0, 0),             /* 0x14 add a0, x0, x0 */
        0x00000517,                    /* 0x18 auipc a0, 0 */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[1], RVT_CODE + 4);
    cr_assert_eq(t.st.x[12], RVT_CODE + 0x0c);
    cr_assert_eq(t.st.x[0], 0);
    cr_assert_eq(t.st.x[10], RVT_CODE + 0x18);
    rvt_fini(&t);
}

Test(riscv64_rvi, ecall_exits_with_next_pc)
{
    RvTest t;
    rvt_init(&t);
    uint32_t prog[] = {RVT_ADDI(17, 0, 93), 0x00000073, RVT_EBREAK};
    rvt_code32(&t, prog, 3);
    RtExit e = rvt_run(&t);
    cr_assert_eq(e.kind, RT_EXIT_SYSCALL);
    cr_assert_eq(e.next_pc, RVT_CODE + 8);
    cr_assert_eq(t.st.x[17], 93);
    rvt_fini(&t);
}

Test(riscv64_rvi, illegal_instruction_exit)
{
    RvTest t;
    rvt_init(&t);
    uint32_t prog[] = {RVT_ADDI(10, 0, 7), 0xffffffff};
    rvt_code32(&t, prog, 2);
    RtExit e = rvt_run(&t);
    cr_assert_eq(e.kind, RT_EXIT_TRAP);
    cr_assert_eq(e.trap_kind, IR_TRAP_ILLEGAL);
    cr_assert_eq(e.pc, RVT_CODE + 4);
    cr_assert_eq(e.detail, 0xffffffff);
    cr_assert_eq(t.st.x[10], 7);
    rvt_fini(&t);
}
