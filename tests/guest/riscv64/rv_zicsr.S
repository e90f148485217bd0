/* Guest test, Zicsr: fcsr/frm/fflags through every CSR instruction form; counters are readable. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    csrw fcsr, zero
    csrrwi s0, frm, 3
    CHECK csrrwi_frm_old, s0, 0
    csrr s0, frm
    CHECK frm_now, s0, 3
    csrr s0, fcsr
    CHECK fcsr_has_frm, s0, 0x60
    csrrsi s0, fflags, 0x11
    CHECK csrrsi_fflags_old, s0, 0
    csrr s0, fcsr
    CHECK fcsr_after_set, s0, 0x71
    csrrci s0, fcsr, 1
    CHECK csrrci_old, s0, 0x71
    csrr s0, fcsr
    CHECK fcsr_after_clear, s0, 0x70
    li s1, 0x10
    csrrc s0, fflags, s1
    CHECK csrrc_old, s0, 0x10
    csrr s0, fflags
    CHECK fflags_cleared, s0, 0
    li s1, 0xfff
    csrrw s0, fcsr, s1
    CHECK csrrw_fcsr_old, s0, 0x60
    csrr s0, fcsr
    CHECK fcsr_masks_to_8_bits, s0, 0xff
    csrr s0, fflags
    CHECK fflags_field, s0, 0x1f
    csrr s0, frm
    CHECK frm_field, s0, 7
    li s1, 2
    csrrs s0, frm, s1
    CHECK csrrs_frm_old, s0, 7
    csrrs s0, fcsr, zero
    CHECK csrrs_zero_reads, s0, 0xff
    fscsr s0, zero
    CHECK fscsr_old, s0, 0xff
    /* FP operations accrue into fflags, never clear them */
    fsflags zero
    li s1, 0x3ff0000000000000
    fmv.d.x fs0, s1
    li s1, 0x4008000000000000
    fmv.d.x fs1, s1
    fdiv.d fs2, fs0, fs1
    fmv.d.x fs3, zero
    fdiv.d fs2, fs0, fs3
    frflags s0
    CHECK flags_accrue, s0, 0x09
    fadd.d fs2, fs0, fs0
    frflags s0
    CHECK exact_op_keeps_flags, s0, 0x09
    /* the rounding mode in frm steers dynamic-rounding operations */
    fsrmi s0, 2
    CHECK fsrmi_old, s0, 0
    fdiv.d fs2, fs0, fs1
    fmv.x.d s0, fs2
    CHECK rdn_from_frm, s0, 0x3fd5555555555555
    fsrmi 3
    fdiv.d fs2, fs0, fs1
    fmv.x.d s0, fs2
    CHECK rup_from_frm, s0, 0x3fd5555555555556
    fsrm zero
    /* counters: readable from user mode and never going backwards */
    rdtime s0
    rdcycle s1
    rdinstret s2
    li s4, 1000
1:  addi s4, s4, -1
    bnez s4, 1b
    rdtime s5
    rdcycle s6
    rdinstret s7
    sltu s8, s5, s0
    CHECK time_monotonic, s8, 0
    sltu s8, s6, s1
    CHECK cycle_monotonic, s8, 0
    sltu s8, s2, s7
    CHECK instret_advances, s8, 1
    TEST_END
