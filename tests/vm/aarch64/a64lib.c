/* Bare-metal helpers of the AArch64 VM test images (polled PL011, PSCI over HVC). */
#include "a64lib.h"

void a64_putc(char c)
{
    volatile uint32_t *uart = (volatile uint32_t *)PL011_BASE;
    while (uart[0x18 / 4] & (1u << 5)) /* FR.TXFF */
        ;
    uart[0] = (uint8_t)c;
}

void a64_puts(const char *s)
{
    while (*s)
        a64_putc(*s++);
}

void a64_put_dec(uint64_t v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    a64_puts(buf + i);
}

void a64_put_hex(uint64_t v)
{
    char buf[19];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 16; i++)
        buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
    buf[18] = 0;
    a64_puts(buf);
}

uint64_t a64_hvc(uint64_t fn, uint64_t a1, uint64_t a2, uint64_t a3)
{
    register uint64_t x0 __asm__("x0") = fn;
    register uint64_t x1 __asm__("x1") = a1;
    register uint64_t x2 __asm__("x2") = a2;
    register uint64_t x3 __asm__("x3") = a3;
    __asm__ volatile("hvc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)::"memory");
    return x0;
}

void a64_exit(unsigned code)
{
    a64_puts("exit ");
    a64_put_dec(code);
    a64_puts("\n");
    a64_hvc(PSCI_SYSTEM_OFF, FVP_EXIT_MAGIC, code, 0);
    for (;;)
        __asm__ volatile("wfi");
}

void a64_fail(const char *msg, unsigned code)
{
    a64_puts("FAIL: ");
    a64_puts(msg);
    a64_puts("\n");
    a64_exit(code);
}

void a64_bad_vector(uint64_t n);
void a64_bad_vector(uint64_t n)
{
    a64_puts("unexpected exception vector ");
    a64_put_dec(n);
    a64_puts(" esr ");
    a64_put_hex(sysreg_read(esr_el1));
    a64_puts(" elr ");
    a64_put_hex(sysreg_read(elr_el1));
    a64_puts("\n");
    a64_exit(90);
}

__attribute__((weak)) void a64_irq_handler(A64Frame *f)
{
    (void)f;
    a64_puts("unexpected IRQ\n");
    a64_exit(92);
}

__attribute__((weak)) void a64_secondary_main(void)
{
    a64_puts("unexpected secondary CPU\n");
    a64_exit(94);
}
