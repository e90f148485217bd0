/* VM test image: interrupt-driven UART output. The 16550's THR-empty interrupt (IER.ETBEI)
 * reaches M-mode through PLIC source 10; each interrupt sends the next byte of a message,
 * the last one turns ETBEI off. Checks IIR (THRE with FIFOs on, then none) and that the
 * PLIC claims source 10. */
#include "vmlib.h"

#define UART_IRQ 10u
#define PLIC_PRIORITY(s) (PLIC_BASE + 4ul * (s))
#define PLIC_ENABLE_M0 (PLIC_BASE + 0x2000ul)
#define PLIC_THRESHOLD_M0 (PLIC_BASE + 0x200000ul)
#define PLIC_CLAIM_M0 (PLIC_BASE + 0x200004ul)

extern char m_trap_entry[];

static const char message[] = "sent by THR-empty interrupts\n";
static volatile unsigned pos, done, first_iir = 0xff, other_sources;

static volatile uint8_t *uart(void)
{
    return (volatile uint8_t *)UART_BASE;
}

void m_trap(unsigned long *regs);
void m_trap(unsigned long *regs)
{
    (void)regs;
    unsigned long cause = csr_read(mcause);
    if (cause != (1ul << 63 | 11))
        vm_fail("unexpected trap", 30);
    uint32_t source = mmio_read32(PLIC_CLAIM_M0);
    if (source == UART_IRQ) {
        uint8_t iir = uart()[2];
        if (first_iir == 0xff)
            first_iir = iir;
        if ((iir & 0x0f) == 0x02) {
            if (message[pos])
                uart()[0] = (uint8_t)message[pos++];
            else {
                uart()[1] = 0; /* IER: no more THRE interrupts */
                done = 1;
            }
        }
    } else if (source) {
        other_sources++;
    }
    if (source)
        mmio_write32(PLIC_CLAIM_M0, source); /* complete */
}

void vm_test_main(unsigned long hartid, unsigned long fdt)
{
    (void)fdt;
    if (hartid != 0)
        for (;;)
            __asm__ volatile("wfi");
    vm_puts("uart interrupt test\n");
    mmio_write32(PLIC_PRIORITY(UART_IRQ), 1);
    mmio_write32(PLIC_ENABLE_M0, 1u << UART_IRQ);
    mmio_write32(PLIC_THRESHOLD_M0, 0);
    csr_write(mtvec, m_trap_entry);
    csr_set(mie, 1ul << 11);       /* MEIE */
    uart()[2] = 0x07;              /* FCR: FIFOs on, cleared */
    if ((uart()[2] & 0x0f) != 0x01)
        vm_fail("IIR reports an interrupt before any is enabled", 31);
    csr_set(mstatus, 1ul << 3);    /* MIE */
    uart()[1] = 0x02;              /* IER.ETBEI: THR is empty, so this interrupts at once */
    /* Spin rather than wfi: QEMU 7.2 sometimes leaves the last THRE interrupt waiting
     * until something else wakes a hart in wfi. */
    while (!done)
        ;
    csr_clear(mstatus, 1ul << 3);
    vm_puts("first IIR: ");
    vm_put_hex(first_iir);
    vm_puts(", bytes sent: ");
    vm_put_dec(pos);
    vm_puts(", IIR now: ");
    vm_put_hex(uart()[2]);
    vm_puts(other_sources ? ", other sources seen\n" : "\n");
    vm_exit(0);
}
