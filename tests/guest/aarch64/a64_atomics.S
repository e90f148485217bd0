/* Guest test, A64 atomics: exclusive pairs (ldxr/stxr, ldaxr/stlxr, ldxp/stxp, clrex), acquire/release, LSE cas/casp/ldadd/ldclr/ldeor/ldset/ldsmax/ldumin/swp in every size. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    adrp x19, words
    add x19, x19, :lo12:words
    add x26, x19, #8
    add x27, x19, #16
    add x28, x19, #32
    /* stxr without a preceding ldxr fails and stores nothing */
    mov x0, #0x55
    stxr w20, x0, [x19]
    CHECK stxr_without_ldxr_fails, x20, 1
    ldr x0, [x19]
    CHECK stxr_failure_stores_nothing, x0, 0x8000000000000001
    /* ldxr/stxr pair */
    ldxr x21, [x19]
    add x21, x21, #1
    stxr w20, x21, [x19]
    CHECK stxr_succeeds, x20, 0
    ldr x0, [x19]
    CHECK stxr_stored, x0, 0x8000000000000002
    stxr w20, x21, [x19]
    CHECK second_stxr_fails, x20, 1
    /* clrex drops the monitor */
    ldaxr w21, [x26]
    clrex
    stlxr w20, w21, [x26]
    CHECK stlxr_after_clrex_fails, x20, 1
    /* byte and halfword exclusives zero-extend */
    ldxrb w21, [x27]
    add w22, w21, #1
    stxrb w20, w22, [x27]
    CHECK ldxrb_zero_extends, x21, 0xf0
    CHECK stxrb_succeeds, x20, 0
    ldxrh w21, [x27]
    CHECK ldxrh_sees_byte_store, x21, 0xf1
    clrex
    /* an exclusive increment loop */
    mov x22, #0
1:  ldaxr w21, [x26]
    add w21, w21, #3
    stlxr w20, w21, [x26]
    cbnz w20, 1b
    add x22, x22, #1
    cmp x22, #100
    b.ne 1b
    ldr w0, [x26]
    CHECK ldaxr_stlxr_loop, x0, 0x12c
    /* pair exclusives */
    ldxp x21, x22, [x28]
    CHECK ldxp_first, x21, 0x1111111111111111
    CHECK ldxp_second, x22, 0x2222222222222222
    ldxp x21, x22, [x28]
    add x21, x21, #1
    add x22, x22, #2
    stxp w20, x21, x22, [x28]
    CHECK stxp_succeeds, x20, 0
    ldp x21, x22, [x28]
    CHECK stxp_stored_first, x21, 0x1111111111111112
    CHECK stxp_stored_second, x22, 0x2222222222222224
    ldaxp w21, w22, [x28]
    stlxp w20, w22, w21, [x28]
    CHECK ldaxp_w_second, x22, 0x11111111
    CHECK stlxp_w_succeeds, x20, 0
    /* a syscall between ldxr and stxr (exception return) clears the monitor */
    ldxr x21, [x28]
    CHECK ldxr_before_syscall, x21, 0x1111111211111111
    stxr w20, x21, [x28]
    CHECK stxr_after_syscall_fails, x20, 1
    ldr x0, [x28]
    CHECK stlxp_w_swapped, x0, 0x1111111211111111
    /* load-acquire / store-release */
    add x23, x19, #48
    mov x0, #0x77
    stlrb w0, [x23]
    ldarh w21, [x23]
    CHECK stlrb_ldarh, x21, 0x77
    mov x0, #-2
    stlr x0, [x23]
    ldar w21, [x23]
    CHECK stlr_ldar_w, x21, 0xfffffffe
    /* CAS: success returns the expected value, failure the current one */
    add x23, x19, #64
    mov x0, #5
    str x0, [x23]
    mov x21, #5
    mov x22, #9
    cas x21, x22, [x23]
    CHECK cas_success_old, x21, 5
    ldr x0, [x23]
    CHECK cas_success_stored, x0, 9
    mov x21, #5
    casal x21, x22, [x23]
    CHECK casal_failure_old, x21, 9
    mov w21, #9
    mov w22, #0x1ff
    casab w21, w22, [x23]
    CHECK casab_success, x21, 9
    ldr x0, [x23]
    CHECK casab_stored_byte, x0, 0xff
    mov w21, #0xff
    mov w22, #0xabcd
    caslh w21, w22, [x23]
    ldr x0, [x23]
    CHECK caslh_stored, x0, 0xabcd
    /* CASP on a 16-byte pair */
    add x24, x19, #80
    mov x0, #1
    mov x1, #2
    stp x0, x1, [x24]
    mov x20, #1
    mov x21, #2
    mov x22, #10
    mov x23, #20
    casp x20, x21, x22, x23, [x24]
    CHECK casp_old_low, x20, 1
    CHECK casp_old_high, x21, 2
    ldp x20, x21, [x24]
    CHECK casp_new_low, x20, 10
    CHECK casp_new_high, x21, 20
    mov x20, #1
    mov x21, #2
    caspal x20, x21, x22, x23, [x24]
    CHECK caspal_failure_old_low, x20, 10
    CHECK caspal_failure_old_high, x21, 20
    mov w20, #10
    mov w21, #0
    mov w22, #7
    mov w23, #8
    casp w20, w21, w22, w23, [x24]
    ldr x0, [x24]
    CHECK casp_w_pair, x0, 0x0000000800000007
    /* LSE read-modify-write */
    add x25, x19, #96
    mov x0, #100
    str x0, [x25]
    mov x21, #23
    ldadd x21, x22, [x25]
    CHECK ldadd_old, x22, 100
    ldr x0, [x25]
    CHECK ldadd_new, x0, 123
    mov x21, #3
    ldclral x21, x22, [x25]
    ldr x0, [x25]
    CHECK ldclr_new, x0, 120
    mov x21, #0xff
    ldeora x21, x22, [x25]
    ldr x0, [x25]
    CHECK ldeor_new, x0, 0x87
    mov x21, #0x100
    stset x21, [x25]
    ldr x0, [x25]
    CHECK stset_new, x0, 0x187
    mov w21, #-1
    ldsmaxb w21, w22, [x25]
    CHECK ldsmaxb_old, x22, 0x87
    ldr x0, [x25]
    CHECK ldsmaxb_keeps_larger_signed, x0, 0x1ff
    mov w21, #2
    lduminh w21, w22, [x25]
    ldr x0, [x25]
    CHECK lduminh_new, x0, 2
    mov w21, #-5
    ldsmin w21, w22, [x25]
    ldr x0, [x25]
    CHECK ldsmin_w_new, x0, 0xfffffffb
    mov x21, #0x42
    swpal x21, x22, [x25]
    CHECK swp_old, x22, 0xfffffffb
    ldr x0, [x25]
    CHECK swp_new, x0, 0x42
    mov w21, #1
    ldumaxlb w21, wzr, [x25]
    ldr x0, [x25]
    CHECK ldumaxb_xzr_target, x0, 0x42
    TEST_END

    .data
    .balign 16
words:
    .quad 0x8000000000000001, 0
    .quad 0x00000000000000f0, 0
    .quad 0x1111111111111111, 0x2222222222222222
    .quad 0, 0
    .quad 0, 0
    .quad 0, 0
    .quad 0, 0
