/* Guest test: an illegal instruction kills the guest with SIGILL; it prints the faulting pc first. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    unsigned long pc;
    int zero = argc > 1 && !strcmp(argv[1], "zero");
    printf("about to execute %s\n", zero ? ".word 0 (all-zero, defined illegal)"
                                         : "an undefined OP-FP encoding (funct7 1111111)");
    /* Each label's address is the bad instruction's pc; the harness checks fvp reports it. */
    if (zero) {
        __asm__ volatile("lla %0, 1f" : "=r"(pc));
        printf("FAULT_PC=0x%lx\n", pc);
        fflush(stdout);
        __asm__ volatile("1: .word 0" ::: "memory");
    } else {
        __asm__ volatile("lla %0, 2f" : "=r"(pc));
        printf("FAULT_PC=0x%lx\n", pc);
        fflush(stdout);
        __asm__ volatile("2: .word 0xfe000053" ::: "memory");
    }
    printf("still alive after the illegal instruction\n");
    return 0;
}
