/* Runtime for the generated random-instruction tests: prints s0-s11, fs0-fs11 and fflags per block. */
#include "asm_test.h"

    .text
/* asm_put_hex_sp(a0 = value): " " + 16 hex digits; keeps every s and f register. */
put_hex_word:
    addi sp, sp, -32
    li t0, ' '
    sb t0, 0(sp)
    addi t1, sp, 16
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
    li a0, 1
    mv a1, sp
    li a2, 17
    li a7, SYS_WRITE
    ecall
    addi sp, sp, 32
    ret

.macro PUT_X reg
    mv a0, \reg
    call put_hex_word
.endm
.macro PUT_F freg
    fmv.x.d a0, \freg
    call put_hex_word
.endm

/* random_dump(a0 = block number): one line "b NNNN x: ... f: ... fflags: ..", then clears
   fflags; prints only while random_dump_enabled is non-zero (the generated program turns it
   off after its first pass and on for its last). Keeps s0-s11, fs0-fs11, gp, sp, frm. */
    .globl random_dump
random_dump:
    lla t0, random_dump_enabled
    ld t0, 0(t0)
    bnez t0, 1f
    fsflags zero
    ret
1:  addi sp, sp, -16
    sd ra, 8(sp)
    sd a0, 0(sp)
    lla a1, str_block
    li a2, 1
    li a0, 1
    li a7, SYS_WRITE
    ecall
    ld a0, 0(sp)
    call put_hex_word
    lla a1, str_x
    li a2, 3
    li a0, 1
    li a7, SYS_WRITE
    ecall
    PUT_X s0
    PUT_X s1
    PUT_X s2
    PUT_X s3
    PUT_X s4
    PUT_X s5
    PUT_X s6
    PUT_X s7
    PUT_X s8
    PUT_X s9
    PUT_X s10
    PUT_X s11
    lla a1, str_f
    li a2, 3
    li a0, 1
    li a7, SYS_WRITE
    ecall
    PUT_F fs0
    PUT_F fs1
    PUT_F fs2
    PUT_F fs3
    PUT_F fs4
    PUT_F fs5
    PUT_F fs6
    PUT_F fs7
    PUT_F fs8
    PUT_F fs9
    PUT_F fs10
    PUT_F fs11
    lla a1, str_flags
    li a2, 8
    li a0, 1
    li a7, SYS_WRITE
    ecall
    frflags a0
    fsflags zero
    call put_hex_word
    lla a1, str_newline
    li a2, 1
    li a0, 1
    li a7, SYS_WRITE
    ecall
    ld ra, 8(sp)
    addi sp, sp, 16
    ret

    .globl random_exit
random_exit:
    li a0, 0
    li a7, SYS_EXIT
    ecall

    .section .rodata
str_block:   .ascii "b"
str_x:       .ascii " x:"
str_f:       .ascii " f:"
str_flags:   .ascii " fflags:"
str_newline: .ascii "\n"

    .data
    .balign 8
    .globl random_dump_enabled
random_dump_enabled: .dword 1
