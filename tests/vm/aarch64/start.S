/* Entry and exception vectors of the bare AArch64 test images (EL1, MMU off). */
    .section .text.start
    .globl _start
_start:
    mov  x19, x0              /* device tree address from the machine (or 0) */
    ldr  x1, =__stack_end
    mov  sp, x1
    ldr  x1, =vectors
    msr  vbar_el1, x1
    isb
    ldr  x1, =__bss_start
    ldr  x2, =__bss_end
1:  cmp  x1, x2
    b.hs 2f
    str  xzr, [x1], #8
    b    1b
2:  mov  x0, x19
    bl   a64_test_main
    mov  x0, #99
    bl   a64_exit
3:  b    3b

/* Entry of a CPU started by PSCI CPU_ON: x0 (the context) is its stack top. */
    .globl a64_secondary_entry
a64_secondary_entry:
    mov  sp, x0
    ldr  x1, =vectors
    msr  vbar_el1, x1
    isb
    bl   a64_secondary_main
4:  b    4b

/* Vector table: synchronous and IRQ entries from the current EL with SP_ELx (0x200, 0x280)
 * and from EL0 (0x400, 0x480) call C; every other entry reports the vector and fails. */
    .text
    .balign 2048
vectors:
    .irp n, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
    .balign 128
    .if \n == 4 || \n == 8
    b    sync_entry
    .elseif \n == 5 || \n == 9
    b    irq_entry
    .else
    mov  x0, #\n
    b    a64_bad_vector
    .endif
    .endr

/* Saves the caller-saved registers, calls \handler(frame), restores them and returns. */
    .macro exception_entry handler
    sub  sp, sp, #256
    stp  x0, x1, [sp, #0]
    stp  x2, x3, [sp, #16]
    stp  x4, x5, [sp, #32]
    stp  x6, x7, [sp, #48]
    stp  x8, x9, [sp, #64]
    stp  x10, x11, [sp, #80]
    stp  x12, x13, [sp, #96]
    stp  x14, x15, [sp, #112]
    stp  x16, x17, [sp, #128]
    stp  x18, x30, [sp, #144]
    mov  x0, sp
    bl   \handler
    ldp  x0, x1, [sp, #0]
    ldp  x2, x3, [sp, #16]
    ldp  x4, x5, [sp, #32]
    ldp  x6, x7, [sp, #48]
    ldp  x8, x9, [sp, #64]
    ldp  x10, x11, [sp, #80]
    ldp  x12, x13, [sp, #96]
    ldp  x14, x15, [sp, #112]
    ldp  x16, x17, [sp, #128]
    ldp  x18, x30, [sp, #144]
    add  sp, sp, #256
    eret
    .endm

sync_entry:
    exception_entry a64_sync_handler
irq_entry:
    exception_entry a64_irq_handler
