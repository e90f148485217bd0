/* Runtime for the bare RISC-V assembly tests: _start, check reporting, hex output, exit. */
#include "asm_test.h"

    .text
    .globl _start
_start:
    /* The linker relaxes lla/la of nearby data to gp-relative forms, so gp must be set. */
    .option push
    .option norelax
    lla gp, __global_pointer$
    .option pop
    j test_main

/* asm_write(a0 = buffer, a1 = length): write(1, ...) */
asm_write:
    mv a2, a1
    mv a1, a0
    li a0, 1
    li a7, SYS_WRITE
    ecall
    ret

/* asm_put_hex(a0 = value): writes "0x" and 16 hex digits. */
asm_put_hex:
    addi sp, sp, -48
    sd ra, 40(sp)
    li t0, '0'
    sb t0, 0(sp)
    li t0, 'x'
    sb t0, 1(sp)
    addi t1, sp, 17     /* last digit position */
    li t2, 16
1:  andi t3, a0, 15
    li t4, 10
    blt t3, t4, 2f
    addi t3, t3, 'a' - 10
    j 3f
2:  addi t3, t3, '0'
3:  sb t3, 0(t1)
    srli a0, a0, 4
    addi t1, t1, -1
    addi t2, t2, -1
    bnez t2, 1b
    mv a0, sp
    li a1, 18
    call asm_write
    ld ra, 40(sp)
    addi sp, sp, 48
    ret

/* asm_put_str(a0 = NUL-terminated string) */
asm_put_str:
    mv t0, a0
1:  lbu t1, 0(t0)
    beqz t1, 2f
    addi t0, t0, 1
    j 1b
2:  sub a1, t0, a0
    j asm_write

/* asm_check(a0 = value, a1 = expected, a2 = name) */
    .globl asm_check
asm_check:
    addi sp, sp, -32
    sd ra, 24(sp)
    sd a0, 16(sp)
    sd a1, 8(sp)
    lla t0, checks_total
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    mv a0, a2
    call asm_put_str
    lla a0, str_colon
    call asm_put_str
    ld a0, 16(sp)
    call asm_put_hex
    ld a0, 16(sp)
    ld a1, 8(sp)
    beq a0, a1, 1f
    lla t0, checks_failed
    ld t1, 0(t0)
    addi t1, t1, 1
    sd t1, 0(t0)
    lla a0, str_fail
    call asm_put_str
    ld a0, 8(sp)
    call asm_put_hex
    lla a0, str_close
    call asm_put_str
1:  lla a0, str_newline
    call asm_put_str
    ld ra, 24(sp)
    addi sp, sp, 32
    ret

/* asm_finish: prints the totals, exits with the number of failures (at most 100). */
    .globl asm_finish
asm_finish:
    lla a0, str_total
    call asm_put_str
    lla t0, checks_total
    ld a0, 0(t0)
    call asm_put_hex
    lla a0, str_failed
    call asm_put_str
    lla t0, checks_failed
    ld a0, 0(t0)
    call asm_put_hex
    lla a0, str_newline
    call asm_put_str
    lla t0, checks_failed
    ld a0, 0(t0)
    li t1, 100
    bleu a0, t1, 1f
    mv a0, t1
1:  li a7, SYS_EXIT
    ecall

    .section .rodata
str_colon:   .asciz ": "
str_fail:    .asciz " FAIL (expected "
str_close:   .asciz ")"
str_newline: .asciz "\n"
str_total:   .asciz "checks: "
str_failed:  .asciz " failed: "

    .bss
    .balign 8
checks_total:  .skip 8
checks_failed: .skip 8
