/* Entry of the bare test images: a stack per hart, bss cleared by hart 0, then C. */
    .section .text.start
    .globl _start
_start:
    /* a0 = hart id, a1 = device tree (from the machine). sp = __stacks + (id + 1) * 16K. */
    .option push
    .option norelax
    la   gp, __global_pointer$
    .option pop
    la   sp, __stacks
    addi t0, a0, 1
    slli t0, t0, 14
    add  sp, sp, t0
    /* mscratch = top of this hart's machine-mode trap stack (trap.S). */
    la   t1, __mstacks
    srli t2, t0, 2           /* (id + 1) * 4K */
    add  t1, t1, t2
    csrw mscratch, t1
    bnez a0, 2f
    la   t0, __bss_start
    la   t1, __bss_end
1:  bgeu t0, t1, 2f
    sd   zero, 0(t0)
    addi t0, t0, 8
    j    1b
2:  call vm_test_main
    /* vm_test_main does not return; if it does, fail with code 99. */
    li   a0, 99
    call vm_exit
3:  j    3b
