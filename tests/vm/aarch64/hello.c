/* AArch64 VM test image: PL011 output, the device tree in x0, EL1 system registers, an SVC
 * and a BRK through VBAR_EL1 and ERET, a computation, PSCI, and SYSTEM_OFF. */
#include "a64lib.h"

static volatile unsigned svc_seen, brk_seen;

void a64_sync_handler(A64Frame *f)
{
    uint64_t esr = sysreg_read(esr_el1);
    unsigned ec = (unsigned)(esr >> 26);
    if (ec == 0x15) { /* SVC from AArch64: ELR already points past it */
        svc_seen = (unsigned)(esr & 0xffff);
        f->x[0] = f->x[0] * 2; /* the "system call" doubles x0 */
        return;
    }
    if (ec == 0x3c) { /* BRK: ELR points at it */
        brk_seen = (unsigned)(esr & 0xffff);
        sysreg_write(elr_el1, sysreg_read(elr_el1) + 4);
        return;
    }
    a64_puts("unexpected synchronous exception, esr ");
    a64_put_hex(esr);
    a64_puts("\n");
    a64_exit(91);
}

static uint64_t svc_double(uint64_t v)
{
    register uint64_t x0 __asm__("x0") = v;
    __asm__ volatile("svc #0x42" : "+r"(x0)::"memory");
    return x0;
}

/* Primes below n by a sieve (n <= 8192). */
static unsigned count_primes(unsigned n)
{
    static uint8_t composite[8192];
    unsigned count = 0;
    for (unsigned i = 2; i < n; i++) {
        if (composite[i])
            continue;
        count++;
        for (unsigned j = 2 * i; j < n; j += i)
            composite[j] = 1;
    }
    return count;
}

/* CRC-32 (reflected, polynomial 0xedb88320) of the bytes 0..n-1 mod 251. */
static uint32_t crc32_pattern(unsigned n)
{
    uint32_t crc = 0xffffffffu;
    for (unsigned i = 0; i < n; i++) {
        crc ^= (uint8_t)(i % 251);
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

void a64_test_main(uint64_t dtb)
{
    a64_puts("hello from aarch64 at EL");
    a64_put_dec((sysreg_read(CurrentEL) >> 2) & 3);
    a64_puts("\n");
    /* QEMU passes the device tree in x0 to raw (Linux-style) images; an ELF image gets x0 =
     * 0 and finds the tree at the start of RAM. */
    const char *where = dtb ? "in x0" : "at the start of RAM";
    if (!dtb)
        dtb = 0x40000000ul;
    if (*(volatile uint32_t *)dtb != 0xedfe0dd0u)
        a64_fail("no device tree", 2);
    a64_puts("device tree ");
    a64_puts(where);
    a64_puts("\n");
    a64_puts("mpidr affinity ");
    a64_put_dec(sysreg_read(mpidr_el1) & 0xffffff);
    a64_puts("\n");
    if (sysreg_read(sctlr_el1) & 1)
        a64_fail("MMU on at boot", 3);
    if (svc_double(21) != 42 || svc_seen != 0x42)
        a64_fail("svc", 4);
    __asm__ volatile("brk #0x7" ::: "memory");
    if (brk_seen != 7)
        a64_fail("brk", 5);
    a64_puts("svc and brk through VBAR_EL1 and ERET\n");
    a64_puts("primes below 8192: ");
    a64_put_dec(count_primes(8192));
    a64_puts("\ncrc32: ");
    a64_put_hex(crc32_pattern(4096));
    a64_puts("\n");
    uint64_t v = a64_hvc(PSCI_VERSION, 0, 0, 0);
    a64_puts("psci ");
    a64_put_dec(v >> 16);
    a64_puts(".");
    a64_put_dec(v & 0xffff);
    a64_puts(", SYSTEM_OFF ");
    a64_puts((int64_t)a64_hvc(PSCI_FEATURES, PSCI_SYSTEM_OFF, 0, 0) >= 0 ? "supported"
                                                                          : "not supported");
    a64_puts("\n");
    a64_exit(0);
}
