/* Guest test: instructions that must kill the guest (SIGILL, SIGTRAP); it prints the faulting pc first. */
#include <stdio.h>
#include <string.h>

/* Prints the pc of local label 1 (the bad instruction) and then executes it. */
#define FAULT_AT(insns)                                                                  \
    do {                                                                                 \
        unsigned long pc_;                                                               \
        __asm__ volatile("lla %0, 1f" : "=r"(pc_));                                      \
        printf("FAULT_PC=0x%lx\n", pc_);                                                 \
        fflush(stdout);                                                                  \
        __asm__ volatile(insns ::: "memory");                                            \
    } while (0)

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "";
    printf("mode %s\n", mode);
    if (!strcmp(mode, "zero")) /* all-zero bits: defined to be illegal */
        FAULT_AT("1: .word 0");
    else if (!strcmp(mode, "undef")) /* OP-FP with an unassigned funct7 (1111111) */
        FAULT_AT("1: .word 0xfe000053");
    else if (!strcmp(mode, "badfrm")) /* dynamic rounding while frm holds reserved 5 */
        FAULT_AT("fsrmi 5\n1: fadd.d ft0, ft1, ft2, dyn");
    else if (!strcmp(mode, "mcsr")) /* a machine-mode CSR from user mode */
        FAULT_AT("1: csrr t0, mstatus");
    else if (!strcmp(mode, "rocsr")) /* writing the read-only cycle counter */
        FAULT_AT("1: csrw cycle, zero");
    else if (!strcmp(mode, "ebreak")) /* a breakpoint: SIGTRAP */
        FAULT_AT("1: ebreak");
    else {
        fprintf(stderr, "usage: illegal {zero|undef|badfrm|mcsr|rocsr|ebreak}\n");
        return 2;
    }
    printf("still alive after the bad instruction\n");
    return 0;
}
