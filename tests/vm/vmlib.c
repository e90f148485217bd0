/* Bare-metal helpers of the VM test images (polled UART output, exit through the finisher). */
#include "vmlib.h"

static volatile int vm_uart_lock;

static void vm_putc_raw(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART_BASE;
    while (!(uart[5] & 0x20))
        ;
    uart[0] = (uint8_t)c;
}

void vm_putc(char c)
{
    vm_putc_raw(c);
}

void vm_puts(const char *s)
{
    while (__atomic_exchange_n(&vm_uart_lock, 1, __ATOMIC_ACQUIRE))
        ;
    while (*s)
        vm_putc_raw(*s++);
    __atomic_store_n(&vm_uart_lock, 0, __ATOMIC_RELEASE);
}

void vm_put_dec(unsigned long v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    vm_puts(buf + i);
}

void vm_put_hex(unsigned long v)
{
    char buf[19];
    buf[0] = '0';
    buf[1] = 'x';
    for (int i = 0; i < 16; i++)
        buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
    buf[18] = 0;
    vm_puts(buf);
}

void vm_exit(unsigned code)
{
    mmio_write32(TEST_BASE, code ? 0x3333u | (code << 16) : 0x5555u);
    for (;;)
        __asm__ volatile("wfi");
}

/* Without the lock: a failing trap handler may have interrupted a vm_puts on this hart. */
static void vm_puts_unlocked(const char *s)
{
    while (*s)
        vm_putc_raw(*s++);
}

void vm_fail(const char *msg, unsigned code)
{
    vm_puts_unlocked("FAIL: ");
    vm_puts_unlocked(msg);
    vm_puts_unlocked("\n");
    vm_exit(code);
}

void *vm_memset(void *d, int c, unsigned long n)
{
    unsigned char *p = d;
    while (n--)
        *p++ = (unsigned char)c;
    return d;
}

/* Default trap handlers (trap.S); images that expect traps define their own. */
__attribute__((weak)) void m_trap(unsigned long *regs);
__attribute__((weak)) void m_trap(unsigned long *regs)
{
    (void)regs;
    vm_fail("unexpected M-mode trap", 20);
}

__attribute__((weak)) void s_trap(unsigned long *regs);
__attribute__((weak)) void s_trap(unsigned long *regs)
{
    (void)regs;
    vm_fail("unexpected S-mode trap", 21);
}
