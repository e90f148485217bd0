/* Runtime of the bare AArch64 assembly tests: _start, asm_check (print and compare) and asm_finish. */
#include "asm_test.h"

    .text
    .globl _start
_start:
    mov x29, #0
    mov x30, #0
    bl test_main
    b asm_finish

/* x0 = value, x1 = expected, x2 = name. Prints "name: 0x...[ FAIL (expected 0x...)]\n". */
    .globl asm_check
asm_check:
    stp x29, x30, [sp, #-48]!
    mov x29, sp
    stp x0, x1, [sp, #16]
    mov x0, x2
    bl print_str
    adr x0, colon
    bl print_str
    ldr x0, [sp, #16]
    bl print_hex
    ldp x0, x1, [sp, #16]
    cmp x0, x1
    b.eq 1f
    adrp x3, failures
    ldr x4, [x3, :lo12:failures]
    add x4, x4, #1
    str x4, [x3, :lo12:failures]
    adr x0, fail_pre
    bl print_str
    ldr x0, [sp, #24]
    bl print_hex
    adr x0, fail_post
    bl print_str
1:  adr x0, newline
    bl print_str
    ldp x29, x30, [sp], #48
    ret

/* x0 = value, x2 = name. Prints "name: 0x...\n" (random tests dump registers with it). */
    .globl asm_print
asm_print:
    stp x29, x30, [sp, #-32]!
    mov x29, sp
    str x0, [sp, #16]
    mov x0, x2
    bl print_str
    adr x0, colon
    bl print_str
    ldr x0, [sp, #16]
    bl print_hex
    adr x0, newline
    bl print_str
    ldp x29, x30, [sp], #32
    ret

/* Writes the NUL-terminated string at x0 to stdout. */
print_str:
    mov x1, x0
    mov x2, #0
1:  ldrb w3, [x1, x2]
    cbz w3, 2f
    add x2, x2, #1
    b 1b
2:  mov x0, #1
    mov x8, #SYS_WRITE
    svc #0
    ret

/* Writes "0x" and 16 hex digits of x0. */
print_hex:
    sub sp, sp, #32
    mov w1, #'0'
    strb w1, [sp]
    mov w1, #'x'
    strb w1, [sp, #1]
    mov x2, #60
    add x3, sp, #2
1:  lsr x4, x0, x2
    and x4, x4, #15
    cmp x4, #10
    add x5, x4, #'0'
    add x6, x4, #('a' - 10)
    csel x5, x5, x6, lo
    strb w5, [x3], #1
    subs x2, x2, #4
    b.ge 1b
    mov x0, #1
    mov x1, sp
    mov x2, #18
    mov x8, #SYS_WRITE
    svc #0
    add sp, sp, #32
    ret

    .globl asm_finish
asm_finish:
    adrp x3, failures
    ldr x0, [x3, :lo12:failures]
    mov x1, #100
    cmp x0, x1
    csel x0, x0, x1, lo
    mov x8, #SYS_EXIT
    svc #0

colon: .asciz ": "
fail_pre: .asciz " FAIL (expected "
fail_post: .asciz ")"
newline: .asciz "\n"

    .bss
    .balign 8
failures: .quad 0
