/* AArch64 VM test image: the generic virtual timer through the GICv2 as IRQs while the
 * CPU computes, an SGI, and CNTV_TVAL/ISTATUS, then SYSTEM_OFF. */
#include "a64lib.h"

#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define VTIMER_IRQ 27u
#define TICKS 3u

static volatile unsigned ticks, sgis, spurious;
static uint64_t period;

static void mmio_w32(uint64_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}
static uint32_t mmio_r32(uint64_t a)
{
    return *(volatile uint32_t *)a;
}

void a64_sync_handler(A64Frame *f)
{
    (void)f;
    a64_puts("unexpected synchronous exception\n");
    a64_exit(91);
}

void a64_irq_handler(A64Frame *f)
{
    (void)f;
    uint32_t iar = mmio_r32(GICC + 0x0c);
    unsigned id = iar & 0x3ff;
    if (id == VTIMER_IRQ) {
        ticks++;
        if (ticks < TICKS) /* from now: a slow first handler run must not eat the next tick */
            sysreg_write(cntv_cval_el0, sysreg_read(cntvct_el0) + period);
        else
            sysreg_write(cntv_ctl_el0, 0); /* off: the level drops */
    } else if (id == 5) {
        sgis++;
    } else if (id == 1023) {
        spurious++;
        return;
    } else {
        a64_puts("unexpected interrupt id\n");
        a64_exit(93);
    }
    mmio_w32(GICC + 0x10, iar); /* EOI */
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    a64_puts("timer test at EL");
    a64_put_dec((sysreg_read(CurrentEL) >> 2) & 3);
    a64_puts("\n");
    /* GIC: distributor and CPU interface on, the virtual timer's PPI and SGI 5 enabled at
     * the highest priority, every priority unmasked. */
    mmio_w32(GICD + 0x000, 1);
    mmio_w32(GICD + 0x100, 1u << VTIMER_IRQ | 1u << 5);
    *(volatile uint8_t *)(GICD + 0x400 + VTIMER_IRQ) = 0;
    *(volatile uint8_t *)(GICD + 0x400 + 5) = 0;
    mmio_w32(GICC + 0x04, 0xff);
    mmio_w32(GICC + 0x00, 1);
    if ((mmio_r32(GICD + 0x100) >> VTIMER_IRQ & 1) == 0)
        a64_fail("PPI enable did not stick", 4);

    /* A compare value in the past: ISTATUS set, but masked (IMASK) it does not interrupt. */
    period = sysreg_read(cntfrq_el0) / 50; /* 20 ms */
    sysreg_write(cntv_cval_el0, sysreg_read(cntvct_el0));
    sysreg_write(cntv_ctl_el0, 3);
    __asm__ volatile("isb; msr daifclr, #2" ::: "memory");
    for (volatile int i = 0; i < 1000; i++)
        ;
    if (!(sysreg_read(cntv_ctl_el0) & 4) || ticks != 0)
        a64_fail("masked timer: ISTATUS or an interrupt wrong", 5);
    __asm__ volatile("msr daifset, #2" ::: "memory");

    /* TVAL counts down to the compare value (a second: JIT compilation between the two
     * accesses takes milliseconds). */
    uint64_t second = sysreg_read(cntfrq_el0);
    sysreg_write(cntv_tval_el0, second);
    int64_t tval = (int32_t)sysreg_read(cntv_tval_el0);
    if (tval <= 0 || (uint64_t)tval > second)
        a64_fail("CNTV_TVAL does not count down from the written value", 6);

    /* Three timer interrupts while computing. */
    sysreg_write(cntv_cval_el0, sysreg_read(cntvct_el0) + period);
    sysreg_write(cntv_ctl_el0, 1);
    __asm__ volatile("isb; msr daifclr, #2" ::: "memory");
    uint64_t work = 0;
    while (ticks < TICKS)
        work++;
    a64_puts("timer interrupts: ");
    a64_put_dec(ticks);
    a64_puts(work ? ", computing meanwhile\n" : ", no progress\n");

    /* A software-generated interrupt to this CPU (GICD_SGIR target list: CPU 0). */
    mmio_w32(GICD + 0xf00, 1u << 16 | 5);
    for (volatile int i = 0; i < 100000 && !sgis; i++)
        ;
    a64_puts("sgi 5 taken: ");
    a64_put_dec(sgis);
    a64_puts("\n");
    __asm__ volatile("msr daifset, #2" ::: "memory");
    a64_exit(0);
}
