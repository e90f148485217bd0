/* Macros for the bare AArch64 assembly tests: each check prints a value and compares it with the expected one. */
#ifndef FVP_GUEST_AARCH64_ASM_TEST_H
#define FVP_GUEST_AARCH64_ASM_TEST_H

/*
 * A test file defines test_main (entered from asm_lib.S's _start with a valid sp) and ends
 * with TEST_END. CHECK and friends call into asm_lib.S, which may clobber x0-x17, x30 and
 * NZCV but keeps x19-x28, sp, every SIMD&FP register, FPCR and FPSR intact, so a test keeps
 * long-lived values in x19-x28. Output is one line per check, "name: 0x<16 hex digits>"
 * plus " FAIL (expected ...)" on a mismatch; the exit status is the number of failed checks
 * (at most 100).
 */

#define SYS_WRITE 64
#define SYS_EXIT 93

/* Prints reg (an x register) and compares it with the 64-bit constant expected. */
.macro CHECK name:req, reg:req, expected:req
    .pushsection .rodata.check_names, "a"
9990: .asciz "\name"
    .popsection
    mov x0, \reg
    ldr x1, =\expected
    adrp x2, 9990b
    add x2, x2, :lo12:9990b
    bl asm_check
.endm

/* NZCV as a 4-bit number (N=8 Z=4 C=2 V=1). */
.macro CHECK_NZCV name:req, expected:req
    mrs x9, nzcv
    lsr x9, x9, #28
    CHECK \name, x9, \expected
.endm

/* The low / high 64 bits of a vector register. */
.macro CHECK_VLO name:req, vreg:req, expected:req
    fmov x9, d\vreg
    CHECK \name, x9, \expected
.endm
.macro CHECK_VHI name:req, vreg:req, expected:req
    mov x9, v\vreg\().d[1]
    CHECK \name, x9, \expected
.endm

/* FPSR's cumulative exception bits (IOC=1 DZC=2 OFC=4 UFC=8 IXC=0x10 IDC=0x80); clears them. */
.macro CHECK_FPSR name:req, expected:req
    mrs x9, fpsr
    mov x10, #0x9f
    and x9, x9, x10
    msr fpsr, xzr
    CHECK \name, x9, \expected
.endm

/* Loads a 64-bit constant into the low half of a vector register (upper half zeroed). */
.macro LOAD_D vreg:req, bits:req
    ldr x9, =\bits
    fmov d\vreg, x9
.endm
/* Loads two 64-bit constants into a vector register. */
.macro LOAD_Q vreg:req, lo:req, hi:req
    ldr x9, =\lo
    fmov d\vreg, x9
    ldr x9, =\hi
    mov v\vreg\().d[1], x9
.endm

#define TEST_END b asm_finish

#endif
