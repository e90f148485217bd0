/* AArch64 VM test image: stage-1 translation with the MMU on (4 KiB granule, 39-bit VA):
 * identity 1 GiB block for RAM, 2 MiB device block for the UART, 4 KiB aliases of one
 * page, and the faults: permission (read-only write, execute-never), access flag (fixed up
 * and retried after TLBI), translation at levels 1 and 3. */
#include "a64lib.h"

#define PAGE_RW (3ul | 1ul << 10 | 3ul << 8)       /* page, AF, inner shareable, attr 0 */
#define BLOCK_RAM (1ul | 1ul << 10 | 3ul << 8)     /* block, AF, normal memory */
#define BLOCK_DEVICE (1ul | 1ul << 10 | 1ul << 2 | 1ul << 53 | 1ul << 54) /* attr 1, XN */
#define TABLE 3ul
#define AP_RO (1ul << 7)
#define AF (1ul << 10)
#define PXN (1ul << 53)
#define ALIAS 0x10000000ul /* L1[0] -> L2[0x80] -> L3[n]: VA 0x10000000 + n * 4 KiB */

static uint64_t l1[512] __attribute__((aligned(4096)));
static uint64_t l2[512] __attribute__((aligned(4096)));
static uint64_t l3[512] __attribute__((aligned(4096)));
static volatile uint64_t data[512] __attribute__((aligned(4096)));

static volatile unsigned faults;
static volatile uint64_t last_esr, last_far;

static void tlb_flush(void)
{
    __asm__ volatile("dsb ishst; tlbi vmalle1; dsb ish; isb" ::: "memory");
}

void a64_sync_handler(A64Frame *f)
{
    uint64_t esr = sysreg_read(esr_el1), far = sysreg_read(far_el1);
    unsigned ec = (unsigned)(esr >> 26), fsc = (unsigned)(esr & 0x3f);
    faults++;
    last_esr = esr;
    last_far = far;
    if (ec == 0x25 && (fsc & 0x3c) == 0x08) { /* access flag: set it and retry */
        l3[(far - ALIAS) >> 12] |= AF;
        tlb_flush();
        return;
    }
    if (ec == 0x25) { /* other data aborts: skip the access */
        sysreg_write(elr_el1, sysreg_read(elr_el1) + 4);
        return;
    }
    if (ec == 0x21) { /* instruction abort: return to the caller */
        sysreg_write(elr_el1, f->lr);
        return;
    }
    a64_puts("unexpected exception\n");
    a64_exit(20);
}

static void report(const char *what)
{
    a64_puts(what);
    a64_puts(": class ");
    a64_put_hex(last_esr >> 26 & 0x3f);
    a64_puts(", status ");
    a64_put_hex(last_esr & 0x3f);
    a64_puts((last_esr >> 6 & 1) ? ", write" : ", read");
    a64_puts(", far ");
    a64_put_hex(last_far);
    a64_puts("\n");
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    uint64_t data_pa = (uint64_t)data;
    l1[0] = (uint64_t)l2 | TABLE;
    l1[1] = 0x40000000ul | BLOCK_RAM;
    l2[0x40] = 0x08000000ul | BLOCK_DEVICE; /* GIC */
    l2[0x48] = 0x09000000ul | BLOCK_DEVICE; /* PL011 (0x09000000 is 2 MiB aligned) */
    l2[0x80] = (uint64_t)l3 | TABLE;
    l3[0] = data_pa | PAGE_RW;
    l3[1] = data_pa | PAGE_RW | AP_RO;
    l3[2] = data_pa | (PAGE_RW & ~AF);
    /* l3[3]: invalid */
    l3[4] = data_pa | PAGE_RW | PXN;
    sysreg_write(mair_el1, 0x00ff);                     /* attr 0 normal WB, 1 device */
    sysreg_write(tcr_el1, 25ul | 1ul << 8 | 1ul << 10 | 3ul << 12 | 1ul << 23 | 2ul << 32);
    sysreg_write(ttbr0_el1, (uint64_t)l1);
    __asm__ volatile("dsb sy; isb" ::: "memory");
    sysreg_write(sctlr_el1, sysreg_read(sctlr_el1) | 1 | 1 << 2 | 1 << 12);
    __asm__ volatile("isb" ::: "memory");
    a64_puts("mmu on\n");

    data[0] = 0x1234;
    volatile uint64_t *rw = (volatile uint64_t *)ALIAS, *ro = (volatile uint64_t *)(ALIAS + 0x1000);
    volatile uint64_t *noaf = (volatile uint64_t *)(ALIAS + 0x2000);
    volatile uint64_t *hole = (volatile uint64_t *)(ALIAS + 0x3000);
    rw[1] = 0x5678;
    a64_puts(rw[0] == 0x1234 && data[1] == 0x5678 && ro[1] == 0x5678 ? "alias reads and writes ok\n"
                                                                     : "alias wrong\n");
    ro[2] = 99;
    report("write to read-only page");
    a64_puts(data[2] == 99 ? "  the write happened\n" : "  the write did not happen\n");
    unsigned before = faults;
    noaf[3] = 77;
    report("first access without AF");
    a64_puts(data[3] == 77 && faults == before + 1 ? "  retried after setting AF\n"
                                                   : "  AF handling wrong\n");
    (void)hole[0];
    report("unmapped page");
    (void)*(volatile uint64_t *)0x80000000ul;
    report("unmapped gigabyte");
    data[8] = 0xd65f03c0; /* ret */
    __asm__ volatile("dsb ish; isb" ::: "memory");
    void (*xn)(void) = (void (*)(void))(ALIAS + 0x4000 + 8 * 8);
    xn();
    report("execute-never page");
    a64_puts("faults: ");
    a64_put_dec(faults);
    a64_puts("\n");
    a64_exit(0);
}
