/* RISC-V 64 Zba, Zbb and Zbs run through the interpreter, with expected register values. */
#include "test_riscv64_harness.h"

#define ALL 0xffffffffffffffffull
#define MIN64 0x8000000000000000ull

Test(riscv64_zb, zba)
{
    static const RvtAluCase cases[] = {
        {"sh1add", RVT_R(0x10, 2, RVT_OP), 3, 100, 106},
        {"sh2add", RVT_R(0x10, 4, RVT_OP), 3, 100, 112},
        {"sh3add", RVT_R(0x10, 6, RVT_OP), ALL, 0, (uint64_t)-8},
        {"add.uw", RVT_R(0x04, 0, RVT_OP32), ALL, 1, 0x100000000ull},
        {"sh1add.uw", RVT_R(0x10, 2, RVT_OP32), 0xffffffff80000000ull, 1, 0x100000001ull},
        {"sh2add.uw", RVT_R(0x10, 4, RVT_OP32), 0x1ffffffffull, 0, 0x3fffffffcull},
        {"sh3add.uw", RVT_R(0x10, 6, RVT_OP32), 0x100000001ull, 8, 16},
        {"slli.uw", RVT_I(0x080 | 40, 1, RVT_OPIMM32), 0xffffffff00000003ull, 0, 0x30000000000ull},
        {"slli.uw 0 (zext.w)", RVT_I(0x080, 1, RVT_OPIMM32), ALL, 0, 0xffffffff},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_zb, zbb_logic_count_minmax)
{
    static const RvtAluCase cases[] = {
        {"andn", RVT_R(0x20, 7, RVT_OP), 0xff, 0x0f, 0xf0},
        {"orn", RVT_R(0x20, 6, RVT_OP), 0, ~0xf0ull, 0xf0},
        {"xnor", RVT_R(0x20, 4, RVT_OP), 0xff, 0x0f, ~0xf0ull},
        {"clz", RVT_I(0x600, 1, RVT_OPIMM), 1, 0, 63},
        {"clz 0", RVT_I(0x600, 1, RVT_OPIMM), 0, 0, 64},
        {"ctz", RVT_I(0x601, 1, RVT_OPIMM), MIN64, 0, 63},
        {"ctz 0", RVT_I(0x601, 1, RVT_OPIMM), 0, 0, 64},
        {"cpop", RVT_I(0x602, 1, RVT_OPIMM), ALL, 0, 64},
        {"clzw", RVT_I(0x600, 1, RVT_OPIMM32), 0xffffffff00010000ull, 0, 15},
        {"clzw 0", RVT_I(0x600, 1, RVT_OPIMM32), 0xffffffff00000000ull, 0, 32},
        {"ctzw 0", RVT_I(0x601, 1, RVT_OPIMM32), 0xffffffff00000000ull, 0, 32},
        {"cpopw", RVT_I(0x602, 1, RVT_OPIMM32), ALL, 0, 32},
        {"sext.b", RVT_I(0x604, 1, RVT_OPIMM), 0x1280, 0, 0xffffffffffffff80ull},
        {"sext.h", RVT_I(0x605, 1, RVT_OPIMM), 0x18000, 0, 0xffffffffffff8000ull},
        {"zext.h", RVT_ENC_R(0x04, 0, 11, 4, 10, RVT_OP32), ALL, 0, 0xffff},
        {"max", RVT_R(0x05, 6, RVT_OP), (uint64_t)-1, 1, 1},
        {"maxu", RVT_R(0x05, 7, RVT_OP), (uint64_t)-1, 1, ALL},
        {"min", RVT_R(0x05, 4, RVT_OP), (uint64_t)-1, 1, ALL},
        {"minu", RVT_R(0x05, 5, RVT_OP), (uint64_t)-1, 1, 1},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_zb, zbb_bytes_and_rotates)
{
    static const RvtAluCase cases[] = {
        {"orc.b", RVT_I(0x287, 5, RVT_OPIMM), 0x0001008000ff0010ull, 0, 0x00ff00ff00ff00ffull},
        {"orc.b all zero", RVT_I(0x287, 5, RVT_OPIMM), 0, 0, 0},
        {"orc.b all set", RVT_I(0x287, 5, RVT_OPIMM), 0x0101010101010101ull, 0, ALL},
        {"orc.b high bytes", RVT_I(0x287, 5, RVT_OPIMM), 0x8000000000000001ull, 0,
         0xff000000000000ffull},
        {"rev8", RVT_I(0x6b8, 5, RVT_OPIMM), 0x0102030405060708ull, 0, 0x0807060504030201ull},
        {"rol", RVT_R(0x30, 1, RVT_OP), MIN64 | 1, 1, 3},
        {"rol by 64 + 4", RVT_R(0x30, 1, RVT_OP), 0xf000000000000000ull, 68, 0xf},
        {"ror", RVT_R(0x30, 5, RVT_OP), 3, 1, MIN64 | 1},
        {"rori 63", RVT_I(0x600 | 63, 5, RVT_OPIMM), 1, 0, 2},
        {"rolw", RVT_R(0x30, 1, RVT_OP32), 0x80000001ull, 1, 3},
        {"rolw sign-extends", RVT_R(0x30, 1, RVT_OP32), 0x40000000ull, 33, 0xffffffff80000000ull},
        {"rorw", RVT_R(0x30, 5, RVT_OP32), 1, 1, 0xffffffff80000000ull},
        {"roriw", RVT_I(0x600 | 4, 5, RVT_OPIMM32), 0xff, 0, 0xfffffffff000000full},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}

Test(riscv64_zb, zbs)
{
    static const RvtAluCase cases[] = {
        {"bclr", RVT_R(0x24, 1, RVT_OP), ALL, 63, ~MIN64},
        {"bclr index mod 64", RVT_R(0x24, 1, RVT_OP), ALL, 64, ALL - 1},
        {"bext", RVT_R(0x24, 5, RVT_OP), MIN64, 63, 1},
        {"bext clear", RVT_R(0x24, 5, RVT_OP), MIN64, 62, 0},
        {"binv", RVT_R(0x34, 1, RVT_OP), 0, 5, 32},
        {"bset", RVT_R(0x14, 1, RVT_OP), 1, 0, 1},
        {"bset 40", RVT_R(0x14, 1, RVT_OP), 0, 40, 1ull << 40},
        {"bclri", RVT_I(0x480 | 3, 1, RVT_OPIMM), 0xf, 0, 7},
        {"bexti", RVT_I(0x480 | 33, 5, RVT_OPIMM), 1ull << 33, 0, 1},
        {"binvi", RVT_I(0x680 | 63, 1, RVT_OPIMM), MIN64, 0, 0},
        {"bseti", RVT_I(0x280 | 32, 1, RVT_OPIMM), 0, 0, 1ull << 32},
    };
    rvt_check_alu(cases, FVP_ARRAY_LEN(cases));
}
