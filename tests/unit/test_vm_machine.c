/* Unit tests of the system VM: lifecycle errors, raw images, the device tree, Sv39 walks
 * and the TLB miss path. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/vm/vm_internal.h"

static Vm *make_vm(unsigned harts)
{
    VmConfig cfg = {.ram_bytes = 4ull << 20, .harts = harts, .console_in_fd = -1};
    Vm *vm = NULL;
    FvpError *err = vm_create(&cfg, &vm);
    cr_assert_null(err);
    return vm;
}

Test(vm_machine, bad_configurations_are_usage_errors)
{
    Vm *vm = (Vm *)1;
    VmConfig cfg = {.harts = VM_MAX_HARTS + 1, .console_in_fd = -1};
    FvpError *err = vm_create(&cfg, &vm);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_USAGE);
    cr_assert_null(vm);
    fvp_error_free(err);
    cfg = (VmConfig){.ram_bytes = (1ull << 20) + 100, .console_in_fd = -1};
    err = vm_create(&cfg, &vm);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_USAGE);
    fvp_error_free(err);
    cfg = (VmConfig){.disk_path = "/nonexistent/disk.img", .console_in_fd = -1};
    err = vm_create(&cfg, &vm);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_IO);
    cr_assert_null(vm);
    fvp_error_free(err);
}

Test(vm_machine, kernel_load_errors)
{
    Vm *vm = make_vm(1);
    FvpError *err = vm_load_kernel(vm, "/nonexistent/kernel");
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_IO);
    fvp_error_free(err);
    err = vm_load_kernel(vm, "/proc/self/exe"); /* an x86-64 ELF */
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_UNSUPPORTED);
    fvp_error_free(err);
    vm_destroy(vm);
}

/* A raw image: writes 0x3333 | 7 << 16 to the test finisher. */
Test(vm_machine, raw_image_exit_status_from_the_finisher)
{
    static const uint32_t code[] = {
        0x001002b7, /* lui  t0, 0x100 */
        0x00073337, /* lui  t1, 0x73 */
        0x33330313, /* addi t1, t1, 0x333 */
        0x0062a023, /* sw   t1, 0(t0) */
        0x0000006f, /* j    . */
    };
    char path[] = "/tmp/fvp-vm-rawXXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, code, sizeof(code)), (ssize_t)sizeof(code));
    close(fd);
    Vm *vm = make_vm(2);
    FvpError *err = vm_load_kernel(vm, path);
    unlink(path);
    cr_assert_null(err);
    int status = -1;
    cr_assert_null(vm_run(vm, &status));
    cr_assert_eq(status, 7);
    cr_assert_geq(vm_guest_insns(vm), 4);
    vm_destroy(vm);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

Test(vm_machine, device_tree_header_and_contents)
{
    Vm *vm = make_vm(3);
    uint8_t *fdt;
    size_t len;
    cr_assert_null(vm_fdt_build(vm, &fdt, &len));
    cr_assert_eq(be32(fdt), 0xd00dfeedu);
    cr_assert_eq(be32(fdt + 4), len);
    cr_assert_eq(be32(fdt + 20), 17);
    uint32_t off_struct = be32(fdt + 8), off_strings = be32(fdt + 12);
    uint32_t size_strings = be32(fdt + 32), size_struct = be32(fdt + 36);
    cr_assert_eq(off_struct + size_struct, off_strings);
    cr_assert_eq(off_strings + size_strings, len);
    cr_assert_eq(be32(fdt + off_struct), 1, "begins with the root node");
    cr_assert_eq(be32(fdt + off_struct + size_struct - 4), 9, "ends with FDT_END");
    cr_assert_not_null(memmem(fdt + off_strings, size_strings, "riscv,isa", 10));
    cr_assert_not_null(memmem(fdt + off_struct, size_struct, "cpu@2", 6));
    cr_assert_null(memmem(fdt + off_struct, size_struct, "cpu@3", 6));
    cr_assert_not_null(memmem(fdt + off_struct, size_struct, "serial@10000000", 16));
    free(fdt);
    vm_destroy(vm);
}

#define PTE(pa, flags) ((((uint64_t)(pa)) >> 12 << 10) | (flags))
enum { V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128 };

static uint64_t *ram64(Vm *vm, uint64_t pa)
{
    return (uint64_t *)vm_phys_ram(vm, pa, 8);
}

/* root at RAM+0x1000 -> mid at +0x2000 -> leaf at +0x3000; VA 0x5000 -> RAM+0x8000. */
static VmHart *sv39_hart(Vm *vm, uint64_t leaf_flags)
{
    VmHart *h = vm->harts[0];
    uint64_t root = VM_RAM_BASE + 0x1000, mid = VM_RAM_BASE + 0x2000, leaf = VM_RAM_BASE + 0x3000;
    *ram64(vm, root) = PTE(mid, V);
    *ram64(vm, mid) = PTE(leaf, V);
    *ram64(vm, leaf + 5 * 8) = PTE(VM_RAM_BASE + 0x8000, leaf_flags);
    /* A misaligned 2 MiB superpage at VA 0x200000. */
    *ram64(vm, mid + 8) = PTE(VM_RAM_BASE + 0x1000, V | R | W | A | D);
    h->satp = (8ull << 60) | (root >> 12);
    h->priv = VM_PRIV_S;
    vm_hart_select_tlb(h);
    return h;
}

Test(vm_machine, sv39_walk_permissions_and_accessed_dirty_bits)
{
    Vm *vm = make_vm(1);
    VmHart *h = sv39_hart(vm, V | R | W);
    uint64_t pa = 0, *leaf = ram64(vm, VM_RAM_BASE + 0x3000 + 5 * 8);
    cr_assert_eq(vm_walk(h, 0x5abc, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_NONE);
    cr_assert_eq(pa, VM_RAM_BASE + 0x8abc);
    cr_assert_eq(*leaf & (A | D), A, "a load sets A only");
    cr_assert_eq(vm_walk(h, 0x5abc, RT_ACCESS_WRITE, VM_PRIV_S, &pa), VM_FAULT_NONE);
    cr_assert_eq(*leaf & (A | D), A | D, "a store sets D");
    cr_assert_eq(vm_walk(h, 0x5abc, RT_ACCESS_FETCH, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    cr_assert_eq(vm_walk(h, 0x5abc, RT_ACCESS_READ, VM_PRIV_U, &pa), VM_FAULT_PAGE);
    cr_assert_eq(vm_walk(h, 0x6000, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    cr_assert_eq(vm_walk(h, 0x200000, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_PAGE,
                 "misaligned superpage");
    cr_assert_eq(vm_walk(h, 0x0000008000000000ull, RT_ACCESS_READ, VM_PRIV_S, &pa),
                 VM_FAULT_PAGE, "bits 63..39 must equal bit 38");
    cr_assert_eq(vm_walk(h, 0x5abc, RT_ACCESS_READ, VM_PRIV_M, &pa), VM_FAULT_NONE);
    cr_assert_eq(pa, 0x5abc, "M-mode is not translated");
    vm_destroy(vm);
}

Test(vm_machine, user_pages_need_sum_in_supervisor_mode)
{
    Vm *vm = make_vm(1);
    VmHart *h = sv39_hart(vm, V | R | W | X | U | A | D);
    uint64_t pa;
    cr_assert_eq(vm_walk(h, 0x5000, RT_ACCESS_READ, VM_PRIV_U, &pa), VM_FAULT_NONE);
    cr_assert_eq(vm_walk(h, 0x5000, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    h->mstatus |= VM_MSTATUS_SUM;
    cr_assert_eq(vm_walk(h, 0x5000, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_NONE);
    cr_assert_eq(vm_walk(h, 0x5000, RT_ACCESS_FETCH, VM_PRIV_S, &pa), VM_FAULT_PAGE,
                 "S never executes user pages");
    vm_destroy(vm);
}

/* The interpreter's entry (rt_mem_access): the way-0 hit inline, everything else (a miss,
 * an access leaving its page, a fault) through rt_tlb_translate with the same results. */
Test(vm_machine, interpreter_accesses_hit_way_0_inline)
{
    Vm *vm = make_vm(1);
    VmHart *h = sv39_hart(vm, V | R | W | A | D);
    uint8_t *p = rt_mem_access(&h->cpu, 0x5010, 8, RT_ACCESS_READ);
    cr_assert_eq(p, vm_phys_ram(vm, VM_RAM_BASE + 0x8010, 8));
    uint64_t misses = h->cpu.tlb->misses;
    cr_assert_eq(misses, 1);
    cr_assert_eq(rt_mem_access(&h->cpu, 0x5ff8, 8, RT_ACCESS_READ), p + 0xfe8);
    cr_assert_eq(h->cpu.tlb->misses, misses, "second access hits");
    /* Leaving the page is no way-0 hit: 0x6000 maps to a frame that does not follow. */
    *ram64(vm, VM_RAM_BASE + 0x3000 + 6 * 8) = PTE(VM_RAM_BASE + 0xa000, V | R | W | A | D);
    cr_assert_null(rt_mem_access(&h->cpu, 0x5ffc, 8, RT_ACCESS_READ));
    cr_assert_eq(h->fault_kind, VM_FAULT_MISALIGNED);
    cr_assert_eq(rt_mem_access(&h->cpu, 0x6000, 8, RT_ACCESS_READ),
                 vm_phys_ram(vm, VM_RAM_BASE + 0xa000, 8));
    cr_assert_null(rt_mem_access(&h->cpu, 0x7000, 8, RT_ACCESS_READ));
    cr_assert_eq(h->fault_kind, VM_FAULT_PAGE);
    /* The write TLB is separate: its first access misses. */
    misses = h->cpu.tlb->misses;
    cr_assert_eq(rt_mem_access(&h->cpu, 0x5010, 8, RT_ACCESS_WRITE), p);
    cr_assert_eq(h->cpu.tlb->misses, misses + 1);
    vm_destroy(vm);
}

Test(vm_machine, tlb_miss_fills_and_devices_stay_out_of_the_tlb)
{
    Vm *vm = make_vm(1);
    VmHart *h = sv39_hart(vm, V | R | W | A | D);
    uint8_t *p = rt_tlb_translate(&h->cpu, 0x5010, 8, RT_ACCESS_WRITE);
    cr_assert_eq(p, vm_phys_ram(vm, VM_RAM_BASE + 0x8010, 8));
    uint64_t misses = h->cpu.tlb->misses;
    cr_assert_eq(rt_tlb_translate(&h->cpu, 0x5ff0, 8, RT_ACCESS_WRITE), p + 0xfe0);
    cr_assert_eq(h->cpu.tlb->misses, misses, "second access hits");
    cr_assert_null(rt_tlb_translate(&h->cpu, 0x7000, 8, RT_ACCESS_READ));
    cr_assert_eq(h->fault_kind, VM_FAULT_PAGE);
    /* M-mode: the UART is a device, address 0x9000000 is nothing. */
    h->priv = VM_PRIV_M;
    vm_hart_select_tlb(h);
    cr_assert_null(rt_tlb_translate(&h->cpu, VM_UART_BASE + 5, 1, RT_ACCESS_READ));
    cr_assert_eq(h->fault_kind, VM_FAULT_MMIO);
    cr_assert_eq(h->fault_paddr, VM_UART_BASE + 5);
    cr_assert_null(rt_tlb_translate(&h->cpu, 0x9000000, 4, RT_ACCESS_READ));
    cr_assert_eq(h->fault_kind, VM_FAULT_ACCESS);
    uint64_t v = 0;
    cr_assert(vm_mmio_read(h, VM_UART_BASE + 5, 1, &v));
    cr_assert_eq(v & 0x60, 0x60, "transmitter empty");
    vm_destroy(vm);
}
