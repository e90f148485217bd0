/* Guest test, RV64A: LR/SC success and failure, every AMO in W and D forms, sign extension. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    lla s0, word
    lla s1, dword
    /* sc without a reservation fails (non-zero) and stores nothing */
    li t1, 0x55
    sc.d s2, t1, (s1)
    snez s2, s2
    CHECK sc_without_lr_fails, s2, 1
    ld s2, 0(s1)
    CHECK sc_failure_stores_nothing, s2, 0x8000000000000001
    /* lr/sc pair succeeds */
    lr.d s2, (s1)
    CHECK lr_d, s2, 0x8000000000000001
    addi s2, s2, 1
    sc.d s3, s2, (s1)
    CHECK sc_d_succeeds, s3, 0
    ld s2, 0(s1)
    CHECK sc_d_stored, s2, 0x8000000000000002
    /* a second sc after a successful one fails: the reservation is gone */
    sc.d s3, s2, (s1)
    snez s3, s3
    CHECK second_sc_fails, s3, 1
    /* lr.w sign-extends */
    lr.w.aq s2, (s0)
    CHECK lr_w_sign_extends, s2, 0xffffffff80000000
    li t1, 7
    sc.w.rl s3, t1, (s0)
    CHECK sc_w_succeeds, s3, 0
    lw s2, 0(s0)
    CHECK sc_w_stored, s2, 7
    /* an lr/sc increment loop */
    li s4, 0
    li s5, 1000
1:  lr.w s2, (s0)
    addi s2, s2, 3
    sc.w s3, s2, (s0)
    bnez s3, 1b
    addi s5, s5, -1
    bnez s5, 1b
    lw s2, 0(s0)
    CHECK lr_sc_loop, s2, 3007
    /* AMOs return the old value (sign-extended for .w) and store the result */
    li t1, 0x7ffffffd
    sw t1, 0(s0)
    li t1, 5
    amoadd.w s2, t1, (s0)
    CHECK amoadd_w_old, s2, 0x7ffffffd
    lw s2, 0(s0)
    CHECK amoadd_w_wraps, s2, 0xffffffff80000002
    li t1, -1
    amoswap.w.aqrl s2, t1, (s0)
    CHECK amoswap_w_old_sign_extends, s2, 0xffffffff80000002
    li t1, 0x0f0f
    amoand.w s2, t1, (s0)
    CHECK amoand_w_old, s2, -1
    li t1, 0x3000
    amoor.w s2, t1, (s0)
    lw s2, 0(s0)
    CHECK amoor_w, s2, 0x3f0f
    li t1, 0xffff
    amoxor.w s2, t1, (s0)
    lw s2, 0(s0)
    CHECK amoxor_w, s2, 0xc0f0
    li t1, -5
    amomin.w s2, t1, (s0)
    lw s2, 0(s0)
    CHECK amomin_w_signed, s2, -5
    li t1, 3
    amomax.w s2, t1, (s0)
    lw s2, 0(s0)
    CHECK amomax_w_signed, s2, 3
    li t1, -1
    amominu.w s2, t1, (s0)
    lw s2, 0(s0)
    CHECK amominu_w, s2, 3
    li t1, -1
    amomaxu.w s2, t1, (s0)
    lw s2, 0(s0)
    CHECK amomaxu_w, s2, -1
    li t1, 0x80000000
    sd t1, 0(s1)
    li t1, 0x7fffffff
    amoadd.d s2, t1, (s1)
    CHECK amoadd_d_old, s2, 0x80000000
    ld s2, 0(s1)
    CHECK amoadd_d_no_wrap, s2, 0xffffffff
    li t1, 0x8000000000000000
    amomin.d s2, t1, (s1)
    ld s2, 0(s1)
    CHECK amomin_d, s2, 0x8000000000000000
    li t1, 1
    amomaxu.d s2, t1, (s1)
    ld s2, 0(s1)
    CHECK amomaxu_d, s2, 0x8000000000000000
    li t1, 1
    amomax.d s2, t1, (s1)
    ld s2, 0(s1)
    CHECK amomax_d, s2, 1
    li t1, 0x1234
    amominu.d s2, t1, (s1)
    CHECK amominu_d_old, s2, 1
    li t1, -1
    amoxor.d s2, t1, (s1)
    ld s2, 0(s1)
    CHECK amoxor_d, s2, 0xfffffffffffffffe
    li t1, 0xff
    amoand.d.aq s2, t1, (s1)
    ld s2, 0(s1)
    CHECK amoand_d, s2, 0xfe
    li t1, 0x100
    amoor.d.rl s2, t1, (s1)
    ld s2, 0(s1)
    CHECK amoor_d, s2, 0x1fe
    li t1, 42
    amoswap.d s2, t1, (s1)
    CHECK amoswap_d_old, s2, 0x1fe
    /* amo with rd = zero still writes memory */
    li t1, 8
    amoadd.d zero, t1, (s1)
    ld s2, 0(s1)
    CHECK amoadd_d_rd_zero, s2, 50
    /* the word next to the W target is untouched */
    lw s2, 4(s0)
    CHECK neighbour_word, s2, 0x12345678
    TEST_END

    .data
    .balign 8
word:  .word 0x80000000, 0x12345678
dword: .dword 0x8000000000000001
