/* Guest test (RISC-V and AArch64): a store to address 0 kills the guest with SIGSEGV; it
 * prints the faulting pc first. With the argument "far": a hot loop of stores whose last
 * store goes to 2^44, beyond FVP's 1 TiB guest window, so under the JIT engines the fault is
 * compiled code's out-of-window fault exit rather than a host fault ("far N": N stores
 * before it). With "edge": the same loop's last store goes to 2^40, the first byte after
 * the window, from a base register 8 below it: compiled code tests only the base, so the
 * store faults on the host guard page after the window (runtime/cpu.h). With "edge-load":
 * the same with a load whose value is added to a sum (a load that x86-64 code may fold into
 * the add). With "low": the same store loop's last store goes to 0x100, inside the window but
 * never mapped, so the host faults in compiled code that checked the address itself (the
 * baseline compiler's code: its pc table must name the store). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* STORE(off): stores operand 1 at operand 0 + off; LABEL_PC: the address of label 1 ahead. */
#if defined(__riscv)
#define STORE(off) "sd %1, " #off "(%0)"
#define STORE_SLOT "sd %1, 0(%2)"
#define LABEL_PC "lla %0, 1f"
#define LOAD(off) "ld %0, " #off "(%1)"
#elif defined(__aarch64__)
#define STORE(off) "str %1, [%0, #" #off "]"
#define STORE_SLOT "str %1, [%2]"
#define LABEL_PC "adr %0, 1f"
#define LOAD(off) "ldr %0, [%1, #" #off "]"
#else
#error "segfault.c: no store for this ISA"
#endif

extern char far_store_pc[], far_load_pc[];

__attribute__((noinline, noipa)) static void store_loop(unsigned long *slot, unsigned long far,
                                                         long n)
{
    for (long i = 0; i <= n; i++) {
        /* branch-free, so the loop is one block that a region runs on its own */
        unsigned long s = (unsigned long)slot;
        unsigned long a = s + (unsigned long)(i == n) * (far - s);
        /* A good store first: the faulting one is neither its block's first instruction
         * nor its first access, so only an exact record of the access names its pc. */
        __asm__ volatile(STORE_SLOT "\n.globl far_store_pc\nfar_store_pc: " STORE(8) ::"r"(a),
                         "r"(i), "r"(slot)
                         : "memory");
    }
}

__attribute__((noinline, noipa)) static unsigned long load_loop(unsigned long *slot,
                                                                 unsigned long far, long n)
{
    unsigned long sum = 0;
    for (long i = 0; i <= n; i++) {
        unsigned long s = (unsigned long)slot;
        unsigned long a = s + (unsigned long)(i == n) * (far - s), v;
        __asm__ volatile(STORE_SLOT "\n.globl far_load_pc\nfar_load_pc: " LOAD(8)
                         : "=&r"(v)
                         : "r"(a), "r"(slot)
                         : "memory");
        sum += v;
    }
    return sum;
}

int main(int argc, char **argv)
{
    unsigned long pc;
    if (argc > 1 && (strcmp(argv[1], "far") == 0 || strcmp(argv[1], "edge") == 0 ||
                     strcmp(argv[1], "low") == 0)) {
        static unsigned long slot[2];
        unsigned long target = strcmp(argv[1], "far") == 0    ? 1ul << 44
                               : strcmp(argv[1], "edge") == 0 ? 1ul << 40
                                                              : 0x100;
        printf("about to store to 0x%lx\n", target);
        printf("FAULT_PC=0x%lx\n", (unsigned long)far_store_pc);
        fflush(stdout);
        /* the store is to base + 8 */
        store_loop(slot, target - 8, argc > 2 ? atol(argv[2]) : 200000);
        printf("still alive after the fault\n");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "edge-load") == 0) {
        static unsigned long slot[2];
        printf("about to load from 0x%lx\n", 1ul << 40);
        printf("FAULT_PC=0x%lx\n", (unsigned long)far_load_pc);
        fflush(stdout);
        unsigned long sum = load_loop(slot, (1ul << 40) - 8, argc > 2 ? atol(argv[2]) : 200000);
        printf("still alive after the fault (%lu)\n", sum);
        return 0;
    }
    printf("about to store to NULL\n");
    /* The label's address is the store's pc: the harness checks fvp reports that pc. */
    __asm__ volatile(LABEL_PC : "=r"(pc));
    printf("FAULT_PC=0x%lx\n", pc);
    fflush(stdout);
    __asm__ volatile("1: " STORE(0) ::"r"(0ul), "r"(0ul) : "memory");
    printf("still alive after the fault\n");
    return 0;
}
