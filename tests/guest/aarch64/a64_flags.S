/* Guest test, A64 flags: NZCV from adds/subs/adcs/sbcs (32 and 64 bit), logical ops, ccmp/ccmn, the condition codes through csel/cset and b.cond, msr/mrs nzcv. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    /* adds: carry out and signed overflow */
    mov x19, #-1
    adds x20, x19, #1
    CHECK_NZCV adds_carry_zero, 0x6
    mov x19, #0x7fffffffffffffff
    adds x20, x19, #1
    CHECK_NZCV adds_signed_overflow, 0x9
    mov w19, #0x7fffffff
    adds w20, w19, w19
    CHECK_NZCV adds_w_overflow, 0x9
    CHECK adds_w_result_zero_extended, x20, 0xfffffffe
    /* subs: C is NOT borrow */
    mov x19, #5
    subs x20, x19, #5
    CHECK_NZCV subs_equal, 0x6
    subs x20, x19, #6
    CHECK_NZCV subs_borrow, 0x8
    mov x19, #0x8000000000000000
    subs x20, x19, #1
    CHECK_NZCV subs_signed_overflow, 0x3
    cmp w19, #0
    CHECK_NZCV cmp_w_uses_low_half, 0x6
    cmn x19, x19
    CHECK_NZCV cmn_min_plus_min, 0x7
    /* adcs/sbcs chains: a 128-bit add and subtract */
    mov x19, #-1
    mov x21, #1
    adds x22, x19, x21
    adcs x23, xzr, xzr
    CHECK_NZCV adc_chain_flags, 0x0
    CHECK adc_chain_low, x22, 0
    CHECK adc_chain_high, x23, 1
    mov x19, #0
    subs x22, x19, #1
    sbcs x23, xzr, xzr
    CHECK_NZCV sbc_chain_flags, 0x8
    CHECK sbc_chain_low, x22, 0xffffffffffffffff
    CHECK sbc_chain_high, x23, 0xffffffffffffffff
    /* sbcs with carry set is a plain subtract */
    mov x19, #10
    mov x21, #3
    cmp x19, x19
    sbcs x22, x19, x21
    CHECK_NZCV sbcs_carry_set_flags, 0x2
    CHECK sbcs_carry_set, x22, 7
    /* logical ops clear C and V */
    mov x19, #0x8000000000000000
    adds x20, x19, x19
    ands x20, x19, x19
    CHECK_NZCV ands_clears_cv, 0x8
    tst x19, #1
    CHECK_NZCV tst_zero, 0x4
    mov w19, #0x80000000
    bics w20, w19, wzr
    CHECK_NZCV bics_w_negative, 0x8
    /* ccmp/ccmn */
    mov x19, #3
    mov x21, #3
    cmp x19, x21
    ccmp x19, #4, #0xf, eq
    CHECK_NZCV ccmp_taken, 0x8
    cmp x19, #0
    ccmp x19, #4, #0x5, eq
    CHECK_NZCV ccmp_not_taken, 0x5
    cmp x19, #3
    ccmn x19, #3, #0, ne
    CHECK_NZCV ccmn_not_taken, 0x0
    cmp x19, #2
    ccmn x19, #3, #0, gt
    CHECK_NZCV ccmn_taken, 0x0
    /* every condition through cset after cmp 1, 2 (N, not Z, not C, not V) */
    mov x19, #1
    mov x21, #2
    mov x22, #0
    cmp x19, x21
    cset x0, eq
    orr x22, x22, x0, lsl #0
    cset x0, ne
    orr x22, x22, x0, lsl #1
    cset x0, cs
    orr x22, x22, x0, lsl #2
    cset x0, cc
    orr x22, x22, x0, lsl #3
    cset x0, mi
    orr x22, x22, x0, lsl #4
    cset x0, pl
    orr x22, x22, x0, lsl #5
    cset x0, vs
    orr x22, x22, x0, lsl #6
    cset x0, vc
    orr x22, x22, x0, lsl #7
    cset x0, hi
    orr x22, x22, x0, lsl #8
    cset x0, ls
    orr x22, x22, x0, lsl #9
    cset x0, ge
    orr x22, x22, x0, lsl #10
    cset x0, lt
    orr x22, x22, x0, lsl #11
    cset x0, gt
    orr x22, x22, x0, lsl #12
    cset x0, le
    orr x22, x22, x0, lsl #13
    CHECK conditions_after_1_cmp_2, x22, 0x2a9a
    /* csel family (CHECK clobbers the flags: compare again before each) */
    mov x19, #10
    mov x21, #20
    cmp x19, x21
    csel x0, x19, x21, lt
    CHECK csel_lt, x0, 10
    cmp x19, x21
    csinc x0, x19, x21, gt
    CHECK csinc_false, x0, 21
    cmp x19, x21
    csinv x0, x19, x21, ge
    CHECK csinv_false, x0, 0xffffffffffffffeb
    cmp x19, x21
    csneg w0, w19, w21, hi
    CHECK csneg_w_false, x0, 0xffffffec
    /* b.cond, cbz, tbz */
    mov x22, #0
    cmp x19, #10
    b.ne 1f
    orr x22, x22, #1
1:  cbz x19, 2f
    orr x22, x22, #2
2:  tbnz x19, #1, 3f
    orr x22, x22, #4
3:  tbz x19, #63, 4f
    orr x22, x22, #8
4:  mov w0, #0
    cbnz w0, 5f
    orr x22, x22, #16
5:  CHECK branches, x22, 0x13
    /* msr/mrs nzcv round trip */
    mov x0, #0xa0000000
    msr nzcv, x0
    CHECK_NZCV msr_nzcv, 0xa
    b.vs 6f
    b.cs 6f
    mov x0, #1
    b 7f
6:  mov x0, #0
7:  CHECK msr_nzcv_drives_branches, x0, 0
    TEST_END
