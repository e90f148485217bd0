/* VM test image: hello over the UART, a device tree in a1, exit 0 through the finisher. */
#include "vmlib.h"

void vm_test_main(unsigned long hartid, unsigned long fdt)
{
    if (hartid != 0)
        for (;;)
            __asm__ volatile("wfi");
    vm_puts("hello from hart ");
    vm_put_dec(hartid);
    vm_puts("\n");
    /* The device tree blob starts with the big-endian magic 0xd00dfeed. */
    uint32_t magic = *(volatile uint32_t *)fdt;
    if (magic != 0xedfe0dd0u)
        vm_fail("no device tree in a1", 2);
    /* misa.MXL = 2: a 64-bit hart. */
    if (csr_read(misa) >> 62 != 2)
        vm_fail("misa does not say RV64", 3);
    vm_puts("device tree ok, running in M-mode on RV64\n");
    vm_exit(0);
}
