/* Unit tests of the system VM's firmware boot (--bios): where firmware, payload and device
 * tree go, and the fw_dynamic_info handed over in a2, as QEMU does for OpenSBI. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/vm/vm_internal.h"

static void write_file(char *path, const void *data, size_t len)
{
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
}

Test(vm_bios, firmware_payload_and_boot_registers)
{
    static const uint32_t firmware[] = {0x0000006f}; /* j . */
    static const uint32_t payload[] = {0x00100073, 0x0000006f}; /* ebreak; j . */
    char fw_path[] = "/tmp/fvp-vm-fwXXXXXX", pl_path[] = "/tmp/fvp-vm-plXXXXXX";
    write_file(fw_path, firmware, sizeof(firmware));
    write_file(pl_path, payload, sizeof(payload));
    VmConfig cfg = {.ram_bytes = 128ull << 20, .harts = 2, .console_in_fd = -1};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    cr_assert_null(vm_load_bios(vm, fw_path));
    cr_assert_null(vm_load_kernel(vm, pl_path));
    unlink(fw_path);
    unlink(pl_path);
    /* Firmware at the RAM base, the payload 2 MiB above, the tree 2 MiB aligned at the top
     * (0x87e00000 for 128 MiB, the address QEMU uses). */
    cr_assert_eq(memcmp(vm_phys_ram(vm, VM_RAM_BASE, 4), firmware, 4), 0);
    cr_assert_eq(memcmp(vm_phys_ram(vm, VM_RAM_BASE + 0x200000, 8), payload, 8), 0);
    cr_assert_eq(vm->fdt_addr, 0x87e00000ull);
    for (unsigned i = 0; i < 2; i++) {
        RvState *s = &vm->harts[i]->state;
        cr_assert_eq(s->hdr.pc, VM_RAM_BASE);
        cr_assert_eq(s->x[RV_REG_A0], i);
        cr_assert_eq(s->x[RV_REG_A0 + 1], vm->fdt_addr);
        const uint64_t *info = (const uint64_t *)vm_phys_ram(vm, s->x[RV_REG_A0 + 2], 48);
        cr_assert_not_null(info);
        cr_assert_eq(info[0], 0x4942534full); /* "OSBI" */
        cr_assert_eq(info[1], 2);
        cr_assert_eq(info[2], VM_RAM_BASE + 0x200000); /* next_addr */
        cr_assert_eq(info[3], 1);                      /* next_mode: S */
        cr_assert_eq(info[5], 0);                      /* boot hart */
    }
    vm_destroy(vm);
}

Test(vm_bios, firmware_alone_and_kernel_required_without_it)
{
    static const uint32_t firmware[] = {0x0000006f};
    char fw_path[] = "/tmp/fvp-vm-fwXXXXXX";
    write_file(fw_path, firmware, sizeof(firmware));
    VmConfig cfg = {.ram_bytes = 16ull << 20, .console_in_fd = -1};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    FvpError *err = vm_load_kernel(vm, NULL);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_USAGE);
    fvp_error_free(err);
    cr_assert_null(vm_load_bios(vm, fw_path));
    cr_assert_null(vm_load_kernel(vm, NULL));
    unlink(fw_path);
    cr_assert_eq(vm->harts[0]->state.hdr.pc, VM_RAM_BASE);
    cr_assert_eq(vm->fdt_addr & 0x1fffff, 0);
    vm_destroy(vm);
}
