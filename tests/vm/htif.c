/* HTIF test image (riscv-tests convention): console output through HTIF device 1 and the
 * exit status through `tohost` ((code << 1) | 1; 1 = pass). Included by htif_pass.c and
 * htif_fail.c, which set HTIF_EXIT_CODE. Runs on QEMU's spike machine, which has HTIF. */
#include "vmlib.h"

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(8)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(8)));

static void htif_command(uint64_t cmd)
{
    tohost = cmd;
    while (!fromhost)
        ;
    fromhost = 0;
}

static void htif_puts(const char *s)
{
    for (; *s; s++)
        htif_command(1ull << 56 | 1ull << 48 | (uint8_t)*s);
}

static void htif_put_dec(unsigned long v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    htif_puts(buf + i);
}

void vm_test_main(unsigned long hartid, unsigned long fdt)
{
    (void)fdt;
    if (hartid != 0)
        for (;;)
            __asm__ volatile("wfi");
    htif_puts("hello over HTIF\n");
    unsigned long sum = 0;
    for (unsigned long i = 1; i <= 1000; i++)
        sum += i * i;
    htif_puts("sum of squares to 1000: ");
    htif_put_dec(sum);
    htif_puts("\nexit ");
    htif_put_dec(HTIF_EXIT_CODE);
    htif_puts("\n");
    tohost = (HTIF_EXIT_CODE << 1) | 1;
    for (;;)
        ;
}
