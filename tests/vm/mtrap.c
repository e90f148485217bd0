/* VM test image: machine-mode traps (ecall, ebreak, illegal, access fault) and interrupts
 * (timer through mtimecmp, software through msip), direct and vectored mtvec. */
#include "vmlib.h"

extern char m_trap_entry[], m_vector_table[];

static volatile unsigned long last_cause, last_tval, timer_hits, soft_hits;

void m_trap(unsigned long *regs);
void m_trap(unsigned long *regs)
{
    unsigned long cause = csr_read(mcause), epc = csr_read(mepc);
    last_cause = cause;
    last_tval = csr_read(mtval);
    if ((long)cause < 0) {
        if ((cause & 0xff) == 7) { /* machine timer: disarm */
            timer_hits++;
            mmio_write64(CLINT_MTIMECMP(0), ~0ul);
        } else if ((cause & 0xff) == 3) { /* machine software: acknowledge */
            soft_hits++;
            mmio_write32(CLINT_MSIP(0), 0);
        }
        return;
    }
    /* Exceptions: skip the instruction (2 or 4 bytes) and report in a0. */
    unsigned short low = *(volatile unsigned short *)epc;
    csr_write(mepc, epc + ((low & 3) == 3 ? 4 : 2));
    regs[10] = 0x1000 + cause;
}

static void expect(const char *what, unsigned long got, unsigned long want)
{
    vm_puts(what);
    vm_puts(": ");
    vm_put_hex(got);
    vm_puts(got == want ? " ok\n" : " WRONG\n");
    if (got != want)
        vm_exit(10);
}

void vm_test_main(unsigned long hartid, unsigned long fdt)
{
    (void)fdt;
    if (hartid != 0)
        for (;;)
            __asm__ volatile("wfi");
    csr_write(mtvec, (unsigned long)m_trap_entry);

    register unsigned long a0 __asm__("a0") = 0;
    __asm__ volatile("ecall" : "+r"(a0)::"memory");
    expect("ecall from M: a0", a0, 0x1000 + 11);

    a0 = 0;
    __asm__ volatile("ebreak" : "+r"(a0)::"memory");
    expect("ebreak: a0", a0, 0x1000 + 3);

    a0 = 0;
    __asm__ volatile(".word 0x30200073 | (1 << 28) | (1 << 20)" : "+r"(a0)::"memory");
    expect("reserved system instruction: cause", last_cause, 2);

    a0 = 0;
    __asm__ volatile("csrr t0, 0x7c5" : "+r"(a0)::"t0", "memory"); /* no such CSR */
    expect("unknown CSR: a0", a0, 0x1000 + 2);
    expect("unknown CSR: mtval holds the instruction", last_tval, 0x7c5022f3);

    a0 = 0;
    __asm__ volatile("ld t0, 0(%1)" : "+r"(a0) : "r"(0x9000000ul) : "t0", "memory");
    expect("load from a hole: a0", a0, 0x1000 + 5);
    expect("load from a hole: mtval", last_tval, 0x9000000);

    unsigned long trap_stack = csr_read(mscratch);
    csr_write(mscratch, 0x1234);
    expect("mscratch", csr_read(mscratch), 0x1234);
    csr_write(mscratch, trap_stack);
    expect("mhartid", csr_read(mhartid), 0);

    /* Timer interrupt: due 1 ms from now; wfi until it fires. */
    /* mtimecmp's reset value is unspecified (QEMU: 0), so arm it before enabling MTIE. */
    unsigned long t0 = mmio_read64(CLINT_MTIME);
    mmio_write64(CLINT_MTIMECMP(0), t0 + 10000);
    csr_set(mie, 1ul << 7);
    csr_set(mstatus, 1ul << 3);
    while (!timer_hits)
        __asm__ volatile("wfi");
    expect("timer interrupt: mcause", last_cause, (1ul << 63) | 7);
    unsigned long elapsed = mmio_read64(CLINT_MTIME) - t0;
    expect("timer waited about 1 ms", elapsed >= 9000, 1);

    /* Software interrupt through msip, with a vectored mtvec. */
    csr_write(mtvec, (unsigned long)m_vector_table | 1);
    csr_set(mie, 1ul << 3);
    mmio_write32(CLINT_MSIP(0), 1);
    for (int i = 0; i < 100 && !soft_hits; i++)
        __asm__ volatile("nop");
    expect("software interrupt (vectored): mcause", last_cause, (1ul << 63) | 3);
    expect("software interrupts taken", soft_hits, 1);
    vm_puts("mtrap done\n");
    vm_exit(0);
}
