/* S-mode payload started by SBI firmware (OpenSBI fw_jump/fw_dynamic): prints through the
 * SBI legacy console, checks the device tree in a1 and the base extension, computes, reads
 * the time CSR, takes a supervisor timer interrupt from stimecmp (Sstc, which OpenSBI
 * enables in menvcfg), and shuts down through SBI SRST. */
#include <stdint.h>

#define SBI_EXT_BASE 0x10
#define SBI_EXT_SRST 0x53525354
#define SBI_EXT_DBCN 0x4442434e
#define SBI_LEGACY_PUTCHAR 0x01

typedef struct SbiRet {
    long error, value;
} SbiRet;

static SbiRet sbi_call(long ext, long fid, long a0, long a1)
{
    register long r0 __asm__("a0") = a0;
    register long r1 __asm__("a1") = a1;
    register long r6 __asm__("a6") = fid;
    register long r7 __asm__("a7") = ext;
    __asm__ volatile("ecall" : "+r"(r0), "+r"(r1) : "r"(r6), "r"(r7) : "memory");
    return (SbiRet){r0, r1};
}

static void sbi_puts(const char *s)
{
    for (; *s; s++)
        sbi_call(SBI_LEGACY_PUTCHAR, 0, (uint8_t)*s, 0);
}

static void sbi_put_dec(unsigned long v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    sbi_puts(buf + i);
}

static volatile unsigned long timer_ticks;

/* Supervisor timer interrupt: one tick, then stimecmp far away (the level drops). */
__attribute__((interrupt("supervisor"), aligned(4))) static void s_timer_trap(void)
{
    unsigned long cause;
    __asm__ volatile("csrr %0, scause" : "=r"(cause));
    if (cause == (1ul << 63 | 5))
        timer_ticks++;
    __asm__ volatile("csrw stimecmp, %0" ::"r"(-1l));
}

__attribute__((noreturn)) static void sbi_shutdown(const char *why)
{
    sbi_puts(why);
    sbi_call(SBI_EXT_SRST, 0, 0 /* shutdown */, 0 /* no reason */);
    sbi_puts("SRST returned\n");
    for (;;)
        __asm__ volatile("wfi");
}

void sbi_test_main(unsigned long hartid, unsigned long fdt);
void sbi_test_main(unsigned long hartid, unsigned long fdt)
{
    sbi_puts("payload: hello from S-mode on hart ");
    sbi_put_dec(hartid);
    sbi_puts("\n");
    if (*(volatile uint32_t *)fdt != 0xedfe0dd0u)
        sbi_shutdown("payload: FAIL no device tree in a1\n");
    sbi_puts("payload: device tree in a1\n");
    SbiRet v = sbi_call(SBI_EXT_BASE, 0, 0, 0);
    sbi_puts("payload: SBI spec ");
    sbi_put_dec((unsigned long)v.value >> 24 & 0x7f);
    sbi_puts(".");
    sbi_put_dec((unsigned long)v.value & 0xffffff);
    sbi_puts(", SRST ");
    sbi_puts(sbi_call(SBI_EXT_BASE, 3, SBI_EXT_SRST, 0).value ? "present" : "absent");
    sbi_puts("\n");
    unsigned long t0, t1, x = 1;
    __asm__ volatile("rdtime %0" : "=r"(t0));
    for (unsigned long i = 0; i < 100000; i++)
        x = x * 6364136223846793005ul + 1442695040888963407ul;
    __asm__ volatile("rdtime %0" : "=r"(t1));
    sbi_puts("payload: lcg ");
    sbi_put_dec(x % 1000000007ul);
    sbi_puts(t1 >= t0 ? ", time advances\n" : ", time went backwards\n");
    __asm__ volatile("csrw stvec, %0" ::"r"(s_timer_trap));
    __asm__ volatile("csrw stimecmp, %0" ::"r"(t1 + 10000)); /* 1 ms at 10 MHz */
    __asm__ volatile("csrs sie, %0" ::"r"(1ul << 5));         /* STIE */
    __asm__ volatile("csrs sstatus, %0" ::"r"(1ul << 1));     /* SIE */
    while (!timer_ticks)
        __asm__ volatile("wfi");
    __asm__ volatile("csrc sstatus, %0" ::"r"(1ul << 1));
    sbi_puts("payload: stimecmp timer interrupt taken\n");
    sbi_shutdown("payload: shutting down through SRST\n");
}
