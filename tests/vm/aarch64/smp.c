/* AArch64 VM test image for --smp 2: CPU 0 starts CPU 1 with PSCI CPU_ON; both count on a
 * shared counter with exclusive loads/stores; CPU 1 reports its MPIDR and turns itself off
 * (CPU_OFF), which CPU 0 sees through AFFINITY_INFO before SYSTEM_OFF. */
#include "a64lib.h"

#define PSCI_CPU_OFF 0x84000002ul
#define PSCI_CPU_ON 0xc4000003ul
#define PSCI_AFFINITY_INFO 0xc4000004ul
#define ROUNDS 20000u

static uint64_t cpu1_stack[1024] __attribute__((aligned(16)));
static volatile uint64_t counter, cpu1_mpidr = ~0ull;
static volatile unsigned cpu1_started, cpu1_go, cpu1_done;

void a64_sync_handler(A64Frame *f)
{
    (void)f;
    a64_puts("unexpected synchronous exception\n");
    a64_exit(91);
}

/* counter += 1 with LDXR/STXR (the compiler's atomics would do the same). */
static void count(void)
{
    uint64_t v;
    uint32_t failed;
    do {
        __asm__ volatile("ldxr %0, [%2]\n\tadd %0, %0, #1\n\tstxr %w1, %0, [%2]"
                         : "=&r"(v), "=&r"(failed)
                         : "r"(&counter)
                         : "memory");
    } while (failed);
}

void a64_secondary_main(void)
{
    cpu1_mpidr = sysreg_read(mpidr_el1);
    cpu1_started = 1;
    while (!cpu1_go) /* CPU 0 first checks that a second CPU_ON is refused */
        ;
    for (unsigned i = 0; i < ROUNDS; i++)
        count();
    cpu1_done = 1;
    a64_hvc(PSCI_CPU_OFF, 0, 0, 0);
    a64_puts("CPU_OFF returned\n");
    for (;;)
        ;
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    a64_puts("cpu 0 mpidr affinity ");
    a64_put_dec(sysreg_read(mpidr_el1) & 0xff);
    a64_puts("\n");
    if ((int64_t)a64_hvc(PSCI_AFFINITY_INFO, 1, 0, 0) != 1)
        a64_fail("cpu 1 not off at boot", 2);
    int64_t r = (int64_t)a64_hvc(PSCI_CPU_ON, 1, (uint64_t)a64_secondary_entry,
                                 (uint64_t)(cpu1_stack + 1024));
    if (r != 0)
        a64_fail("CPU_ON failed", 3);
    while (!cpu1_started)
        ;
    if ((int64_t)a64_hvc(PSCI_CPU_ON, 1, (uint64_t)a64_secondary_entry, 0) != -4)
        a64_fail("CPU_ON of a running CPU is not ALREADY_ON", 4);
    cpu1_go = 1;
    for (unsigned i = 0; i < ROUNDS; i++)
        count();
    while (!cpu1_done)
        ;
    a64_puts("cpu 1 started, mpidr affinity ");
    a64_put_dec(cpu1_mpidr & 0xff);
    a64_puts("\ncounter: ");
    a64_put_dec(counter);
    a64_puts("\n");
    while ((int64_t)a64_hvc(PSCI_AFFINITY_INFO, 1, 0, 0) != 1)
        ;
    a64_puts("cpu 1 off again\n");
    a64_exit(0);
}
