/* Guest test (AArch64): instructions that must kill the guest (SIGILL, SIGTRAP); it prints the faulting pc first. */
#include <stdio.h>
#include <string.h>

/* Prints the pc of local label 1 (the bad instruction) and then executes it. */
#define FAULT_AT(insns)                                                                  \
    do {                                                                                 \
        unsigned long pc_;                                                               \
        __asm__ volatile("adr %0, 1f" : "=r"(pc_));                                      \
        printf("FAULT_PC=0x%lx\n", pc_);                                                 \
        fflush(stdout);                                                                  \
        __asm__ volatile(insns ::: "memory");                                            \
    } while (0)

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    printf("mode %s\n", mode);
    if (!strcmp(mode, "udf")) /* permanently undefined: udf #0 (all-zero bits) */
        FAULT_AT("1: .word 0");
    else if (!strcmp(mode, "sysreg")) /* an EL1 system register from EL0 */
        FAULT_AT("1: mrs x0, sctlr_el1");
    else if (!strcmp(mode, "brk")) /* a breakpoint: SIGTRAP */
        FAULT_AT("1: brk #0x3e8");
    else {
        fprintf(stderr, "usage: illegal {udf|sysreg|brk}\n");
        return 2;
    }
    printf("still alive after the bad instruction\n");
    return 0;
}
