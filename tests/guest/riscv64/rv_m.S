/* Guest test, RV64M: multiply high parts, division by zero and overflow, W forms. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    li s0, 0x123456789abcdef0
    li s1, 0xfedcba9876543210
    mul s2, s0, s1
    CHECK mul, s2, 0x236d88fe5618cf00
    mulhu s2, s0, s1
    CHECK mulhu, s2, 0x121fa00ad77d7422
    mulh s2, s0, s1
    CHECK mulh, s2, 0xffeb49923cc09532
    mulhsu s2, s0, s1
    CHECK mulhsu, s2, 0x121fa00ad77d7422
    mulhsu s2, s1, s0
    CHECK mulhsu_negative_first, s2, 0xffeb49923cc09532
    li s3, -1
    mulh s2, s3, s3
    CHECK mulh_m1_m1, s2, 0
    mulhu s2, s3, s3
    CHECK mulhu_max_max, s2, 0xfffffffffffffffe
    mulhsu s2, s3, s3
    CHECK mulhsu_m1_max, s2, 0xffffffffffffffff
    li s4, 0x8000000000000000
    mulh s2, s4, s4
    CHECK mulh_min_min, s2, 0x4000000000000000
    mulw s2, s0, s1
    CHECK mulw, s2, 0x5618cf00
    li s5, 0x10000
    mulw s2, s5, s5
    CHECK mulw_truncates, s2, 0
    li s5, 0xffff
    li s6, 0x10001
    mulw s2, s5, s6
    CHECK mulw_sign_extends, s2, 0xffffffffffffffff
    /* ordinary division rounds toward zero; remainder takes the dividend's sign */
    li s0, -7
    li s1, 2
    div s2, s0, s1
    CHECK div_m7_2, s2, -3
    rem s2, s0, s1
    CHECK rem_m7_2, s2, -1
    divu s2, s0, s1
    CHECK divu_m7_2, s2, 0x7ffffffffffffffc
    remu s2, s0, s1
    CHECK remu_m7_2, s2, 1
    /* division by zero: quotient all ones, remainder the dividend */
    div s2, s0, zero
    CHECK div_by_zero, s2, -1
    divu s2, s0, zero
    CHECK divu_by_zero, s2, 0xffffffffffffffff
    rem s2, s0, zero
    CHECK rem_by_zero, s2, -7
    remu s2, s0, zero
    CHECK remu_by_zero, s2, -7
    /* overflow: MIN / -1 = MIN, remainder 0 */
    div s2, s4, s3
    CHECK div_overflow, s2, 0x8000000000000000
    rem s2, s4, s3
    CHECK rem_overflow, s2, 0
    /* W forms: 32-bit operands, sign-extended 32-bit results */
    li s0, 0xffffffff80000000
    divw s2, s0, s3
    CHECK divw_overflow, s2, 0xffffffff80000000
    remw s2, s0, s3
    CHECK remw_overflow, s2, 0
    divw s2, s0, zero
    CHECK divw_by_zero, s2, -1
    divuw s2, s0, zero
    CHECK divuw_by_zero, s2, 0xffffffffffffffff
    li s5, 0x1234567880000005
    remw s2, s5, zero
    CHECK remw_by_zero, s2, 0xffffffff80000005
    remuw s2, s5, zero
    CHECK remuw_by_zero, s2, 0xffffffff80000005
    li s6, 0x0000000500000002
    divuw s2, s5, s6
    CHECK divuw, s2, 0x40000002
    divw s2, s5, s6
    CHECK divw_ignores_upper, s2, 0xffffffffc0000003
    remw s2, s5, s6
    CHECK remw_negative, s2, 0xffffffffffffffff
    remuw s2, s5, s6
    CHECK remuw, s2, 1
    li s0, 1000000007
    li s1, 0x3b9aca07
    rem s2, s1, s0
    CHECK rem_equal, s2, 0
    TEST_END
