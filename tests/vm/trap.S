/* Trap entries of the VM test images: save every register, call C, restore, xRET. */
    .macro SAVE_ALL
    addi sp, sp, -256
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd   x\n, (\n * 8)(sp)
    .endr
    addi t0, sp, 256
    sd   t0, 16(sp)          /* the interrupted sp */
    mv   a0, sp
    .endm

    .macro RESTORE_ALL
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld   x\n, (\n * 8)(sp)
    .endr
    addi sp, sp, 256
    .endm

    .text
    .balign 4
    .globl m_trap_entry
m_trap_entry:
    /* Machine mode runs on its own stack (mscratch = its top): the interrupted sp may be a
     * virtual address. The interrupted sp goes to regs[2]. */
    csrrw sp, mscratch, sp
    addi sp, sp, -256
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd   x\n, (\n * 8)(sp)
    .endr
    csrr t0, mscratch
    sd   t0, 16(sp)
    addi t0, sp, 256
    csrw mscratch, t0
    mv   a0, sp
    call m_trap              /* void m_trap(unsigned long regs[32]) */
    .irp n, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld   x\n, (\n * 8)(sp)
    .endr
    ld   sp, 16(sp)
    mret

    .balign 4
    .globl s_trap_entry
s_trap_entry:
    SAVE_ALL
    call s_trap
    RESTORE_ALL
    sret

    /* Vectored table for mtvec mode 1: every cause enters at base + 4 * cause. */
    .balign 256
    .globl m_vector_table
m_vector_table:
    .rept 16
    j    m_trap_entry
    .endr
