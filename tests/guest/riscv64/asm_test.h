/* Macros for the bare RISC-V assembly tests: each check prints a value and compares it with the spec's. */
#ifndef FVP_GUEST_RISCV64_ASM_TEST_H
#define FVP_GUEST_RISCV64_ASM_TEST_H

/*
 * A test file defines test_main (entered from asm_lib.S's _start with a valid sp) and ends
 * with TEST_END. CHECK and friends call into asm_lib.S, which may clobber every caller-saved
 * register (ra, t0-t6, a0-a7) but keeps s0-s11, sp and the FP registers and fcsr intact, so
 * a test keeps long-lived values in s registers. Output is one line per check,
 * "name: 0x<16 hex digits>" plus " FAIL (expected ...)" on a mismatch; the exit status is
 * the number of failed checks (at most 100).
 */

#define SYS_WRITE 64
#define SYS_EXIT 93

/* Prints reg and compares it with the 64-bit constant expected. */
.macro CHECK name:req, reg:req, expected:req
    .pushsection .rodata.check_names, "a"
9990: .asciz "\name"
    .popsection
    mv a0, \reg
    li a1, \expected
    lla a2, 9990b
    call asm_check
.endm

/* The raw bits of a double register. */
.macro CHECK_D name:req, freg:req, expected:req
    fmv.x.d t0, \freg
    CHECK \name, t0, \expected
.endm

/* The 32 bits of a single register, zero-extended (NaN-boxing is checked separately). */
.macro CHECK_S name:req, freg:req, expected:req
    fmv.x.w t0, \freg
    slli t0, t0, 32
    srli t0, t0, 32
    CHECK \name, t0, \expected
.endm

/* The accrued exception flags (NV=0x10 DZ=0x08 OF=0x04 UF=0x02 NX=0x01); clears them after. */
.macro CHECK_FLAGS name:req, expected:req
    frflags t0
    fsflags zero
    CHECK \name, t0, \expected
.endm

/* Loads a double / single constant into an FP register through t0. */
.macro LOAD_D freg:req, bits:req
    li t0, \bits
    fmv.d.x \freg, t0
.endm
.macro LOAD_S freg:req, bits:req
    li t0, \bits
    fmv.w.x \freg, t0
.endm

#define TEST_END tail asm_finish

#endif
