/* AArch64 VM test image: EL1 enters EL0 with ERET; the EL0 code prints through the PL011,
 * makes SVCs (from-EL0 vector 0x400, SP_EL0 preserved), has EL1-only instructions trap
 * (MRS CurrentEL and HVC: undefined; MSR DAIFSet without SCTLR_EL1.UMA: trapped system
 * instruction, EC 0x18), and returns to EL1 through an SVC whose handler rewrites
 * ELR/SPSR. */
#include "a64lib.h"

static uint64_t user_stack[512] __attribute__((aligned(16)));
static volatile unsigned undefs, svcs, sysregs;
static volatile uint64_t sysreg_iss;
static volatile uint64_t user_sp_seen;

__attribute__((noreturn)) static void kernel_resume(void);

static uint64_t svc_call(uint64_t v)
{
    register uint64_t x0 __asm__("x0") = v;
    __asm__ volatile("svc #7" : "+r"(x0)::"memory");
    return x0;
}

__attribute__((noreturn)) static void user_main(void)
{
    a64_puts("user: running at EL0\n");
    uint64_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    user_sp_seen = sp;
    if (svc_call(20) != 40)
        a64_puts("user: svc result wrong\n");
    uint64_t el = 0x55;
    __asm__ volatile("mrs %0, CurrentEL" : "+r"(el)); /* undefined at EL0: skipped */
    __asm__ volatile("msr daifset, #2");               /* undefined without UMA */
    __asm__ volatile("hvc #0" ::: "x0");               /* undefined at EL0 */
    a64_puts(el == 0x55 ? "user: CurrentEL not readable\n" : "user: read CurrentEL\n");
    __asm__ volatile("svc #0" ::: "memory"); /* back to the kernel */
    for (;;)
        ;
}

void a64_sync_handler(A64Frame *f)
{
    uint64_t esr = sysreg_read(esr_el1), spsr = sysreg_read(spsr_el1);
    unsigned ec = (unsigned)(esr >> 26);
    if ((spsr & 0xf) != 0)
        a64_fail("exception not from EL0t", 10);
    if (ec == 0x15 && (esr & 0xffff) == 7) {
        svcs++;
        f->x[0] *= 2;
        return;
    }
    if (ec == 0x15 && (esr & 0xffff) == 0) { /* return to EL1h with interrupts masked */
        sysreg_write(elr_el1, (uint64_t)kernel_resume);
        sysreg_write(spsr_el1, 0x3c5);
        return;
    }
    if (ec == 0x18) { /* trapped MSR/MRS/system instruction: ELR points at it */
        sysregs++;
        sysreg_iss = esr & 0x1ffffff;
        sysreg_write(elr_el1, sysreg_read(elr_el1) + 4);
        return;
    }
    if (ec == 0x00) { /* undefined instruction: ELR points at it */
        undefs++;
        sysreg_write(elr_el1, sysreg_read(elr_el1) + 4);
        return;
    }
    a64_puts("unexpected exception class ");
    a64_put_hex(ec);
    a64_puts("\n");
    a64_exit(11);
}

static void kernel_resume(void)
{
    a64_puts("kernel: back at EL");
    a64_put_dec((sysreg_read(CurrentEL) >> 2) & 3);
    a64_puts(", svcs ");
    a64_put_dec(svcs);
    a64_puts(", undefined ");
    a64_put_dec(undefs);
    a64_puts(", trapped ");
    a64_put_dec(sysregs);
    a64_puts("\n");
    /* Op0 0, CRn 4, Rt 31, CRm 2 (DAIF.I), write: the MSR DAIFSet, #2. (QEMU 7.2 puts
     * Op1 where the architecture has Op2 and the other way round: those are not checked.) */
    if ((sysreg_iss & 0x303fff) != (4u << 10 | 31u << 5 | 2u << 1))
        a64_fail("ISS of the trapped MSR", 14);
    uint64_t lo = (uint64_t)user_stack, top = (uint64_t)(user_stack + 512);
    uint64_t sp0 = sysreg_read(sp_el0);
    if (user_sp_seen <= lo || user_sp_seen > top || sp0 <= lo || sp0 > top)
        a64_fail("SP_EL0 not the user stack", 12);
    a64_puts("kernel: SP_EL0 kept the user stack\n");
    a64_exit(0);
}

void a64_test_main(uint64_t dtb)
{
    (void)dtb;
    a64_puts("kernel: entering EL0\n");
    sysreg_write(sp_el0, (uint64_t)(user_stack + 512));
    sysreg_write(elr_el1, (uint64_t)user_main);
    sysreg_write(spsr_el1, 0x3c0); /* EL0t, DAIF masked */
    __asm__ volatile("eret");
    a64_fail("eret fell through", 13);
}
