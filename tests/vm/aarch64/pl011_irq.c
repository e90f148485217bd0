/* AArch64 VM test image: interrupt-driven PL011 output. With IMSC.TXIM set, each byte
 * written to DR raises the transmit interrupt (GIC SPI 1, INTID 33); the handler clears it
 * through ICR and writes the next byte, and masks it after the last one. */
#include "a64lib.h"

#define UART 0x09000000ul
#define GICD 0x08000000ul
#define GICC 0x08010000ul
#define UART_INTID 33u
#define TXIM (1u << 5)

static const char message[] = "sent by PL011 transmit interrupts\n";
static volatile unsigned pos, done, first_mis = 0xff, spurious;

static void w32(uint64_t a, uint32_t v)
{
    *(volatile uint32_t *)a = v;
}
static uint32_t r32(uint64_t a)
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
    uint32_t iar = r32(GICC + 0x0c);
    if ((iar & 0x3ff) == UART_INTID) {
        uint32_t mis = r32(UART + 0x40);
        if (first_mis == 0xff)
            first_mis = mis;
        if (mis & TXIM) {
            w32(UART + 0x44, TXIM); /* ICR */
            if (message[pos])
                w32(UART, (uint8_t)message[pos++]);
            else {
                w32(UART + 0x38, 0); /* IMSC: masked */
                done = 1;
            }
        }
    } else if ((iar & 0x3ff) == 1023) {
        spurious++;
        return;
    }
    w32(GICC + 0x10, iar);
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    a64_puts("pl011 interrupt test\n");
    w32(GICD + 0x100 + 4 * (UART_INTID / 32), 1u << (UART_INTID % 32));
    *(volatile uint8_t *)(GICD + 0x400 + UART_INTID) = 0;
    *(volatile uint8_t *)(GICD + 0x800 + UART_INTID) = 1;
    w32(GICD, 1);
    w32(GICC + 0x04, 0xff);
    w32(GICC, 1);
    if (r32(UART + 0x40) != 0)
        a64_fail("MIS set before any interrupt is enabled", 30);
    w32(UART + 0x44, 0x7ff); /* ICR: clear everything */
    w32(UART + 0x38, TXIM);  /* IMSC */
    __asm__ volatile("msr daifclr, #2" ::: "memory");
    w32(UART, (uint8_t)message[pos++]); /* the first byte raises the first interrupt */
    while (!done)
        ;
    __asm__ volatile("msr daifset, #2" ::: "memory");
    a64_puts("first MIS: ");
    a64_put_hex(first_mis);
    a64_puts(", bytes sent: ");
    a64_put_dec(pos);
    a64_puts(", MIS now: ");
    a64_put_hex(r32(UART + 0x40));
    a64_puts("\n");
    a64_exit(0);
}
