/* Unit tests of the RISC-V machine's 16550 interrupts: THR-empty and received-data
 * interrupts in IIR and on PLIC source 10, level-triggered through claim and complete. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <unistd.h>

#include "runtime/vm/vm_internal.h"

#define MEIP (1ull << 11)

static uint64_t rd(VmHart *h, uint64_t a)
{
    uint64_t v = 0;
    cr_assert(vm_mmio_read(h, a, a >= VM_PLIC_BASE && a < VM_PLIC_BASE + VM_PLIC_SIZE ? 4 : 1, &v));
    return v;
}

static void wr(VmHart *h, uint64_t a, uint64_t v)
{
    cr_assert(vm_mmio_write(h, a, a >= VM_PLIC_BASE && a < VM_PLIC_BASE + VM_PLIC_SIZE ? 4 : 1, v));
}

Test(vm_uart, thre_and_receive_interrupts_through_the_plic)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    FILE *out = tmpfile();
    VmConfig cfg = {.ram_bytes = 4ull << 20, .console_in_fd = fds[0], .console = out};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    VmHart *h = vm->harts[0];
    const uint64_t U = VM_UART_BASE, CLAIM = VM_PLIC_BASE + 0x200004;
    wr(h, VM_PLIC_BASE + 4 * VM_UART_IRQ, 1);
    wr(h, VM_PLIC_BASE + 0x2000, 1u << VM_UART_IRQ);
    cr_assert_eq(rd(h, U + 2), 0x01, "no interrupt, FIFOs off");
    /* THR empty: enabling ETBEI interrupts at once; reading IIR takes it. */
    wr(h, U + 1, 0x02);
    cr_assert(h->mip_hw & MEIP);
    cr_assert_eq(rd(h, CLAIM), VM_UART_IRQ);
    cr_assert_eq(rd(h, U + 2), 0x02);
    cr_assert_eq(rd(h, U + 2), 0x01);
    wr(h, CLAIM, VM_UART_IRQ);
    cr_assert(!(h->mip_hw & MEIP));
    /* Each byte written raises it again. */
    wr(h, U, 'a');
    cr_assert(h->mip_hw & MEIP);
    wr(h, U + 1, 0x00);
    cr_assert(!(h->mip_hw & MEIP));
    /* Received data: polled from the console while ERBFI is on; it outranks THRE. */
    cr_assert_eq(write(fds[1], "xy", 2), 2);
    vm_uart_poll_rx(vm);
    cr_assert(!(h->mip_hw & MEIP), "input is not read while ERBFI is off");
    wr(h, U + 2, 0x07); /* FIFOs on: IIR bits 7:6 */
    wr(h, U + 1, 0x03);
    vm_uart_poll_rx(vm);
    cr_assert(h->mip_hw & MEIP);
    cr_assert_eq(rd(h, CLAIM), VM_UART_IRQ);
    cr_assert_eq(rd(h, U + 2), 0xc4);
    /* Completing while the line is still high presents the source again. */
    wr(h, CLAIM, VM_UART_IRQ);
    cr_assert_eq(rd(h, CLAIM), VM_UART_IRQ);
    cr_assert_eq(rd(h, U), 'x');
    cr_assert_eq(rd(h, U + 2), 0xc2, "then the pending THRE");
    cr_assert_eq(rd(h, U + 2), 0xc1);
    wr(h, CLAIM, VM_UART_IRQ);
    vm_uart_poll_rx(vm);
    cr_assert_eq(rd(h, U + 2), 0xc4);
    cr_assert_eq(rd(h, U), 'y');
    cr_assert_eq(rd(h, U + 2), 0xc1);
    vm_destroy(vm);
    fclose(out);
    close(fds[0]);
    close(fds[1]);
}
