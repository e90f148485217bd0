/* Guest test (AArch64): a store to address 0 kills the guest with SIGSEGV; it prints the faulting pc first. */
#include <stdio.h>

int main(void)
{
    unsigned long pc;
    printf("about to store to NULL\n");
    /* The label's address is the store's pc: the harness checks fvp reports that pc. */
    __asm__ volatile("adr %0, 1f" : "=r"(pc));
    printf("FAULT_PC=0x%lx\n", pc);
    fflush(stdout);
    __asm__ volatile("mov x9, #0\n1: str xzr, [x9]" ::: "x9", "memory");
    printf("still alive after the fault\n");
    return 0;
}
