/* Guest test, Zbb per the spec where qemu 7.2 (the reference) is wrong: run as SELF_CHECK. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    /* ctzw counts trailing zeros of the low word only: 32 when it is zero (qemu 7.2
       returns the 64-bit count when upper bits are set). */
    li s0, 0x0008000000000000
    ctzw s1, s0
    CHECK ctzw_low_word_zero_upper_set, s1, 32
    li s0, 0x7ff8000000000000
    ctzw s1, s0
    CHECK ctzw_nan_pattern, s1, 32
    li s0, 0x8000000100000000
    ctzw s1, s0
    CHECK ctzw_upper_bit_32, s1, 32
    li s0, 0x0000000100000000
    clzw s1, s0
    CHECK clzw_low_word_zero_upper_set, s1, 32
    cpopw s1, s0
    CHECK cpopw_upper_set, s1, 0
    TEST_END
