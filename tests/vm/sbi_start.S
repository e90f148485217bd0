/* Entry of the S-mode SBI payload image: firmware passes a0 = hart id, a1 = device tree. */
    .section .text.start
    .globl _start
_start:
    .option push
    .option norelax
    la   gp, __global_pointer$
    .option pop
    bnez a0, 2f              /* one hart runs the test; others (if any) park */
    la   sp, __stacks_end
    la   t0, __bss_start
    la   t1, __bss_end
1:  bgeu t0, t1, 3f
    sd   zero, 0(t0)
    addi t0, t0, 8
    j    1b
3:  call sbi_test_main
2:  wfi
    j    2b
