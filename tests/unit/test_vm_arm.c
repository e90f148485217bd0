/* Unit tests of the system VM's AArch64 machine: machine choice, PSCI exit status, PL011
 * through emulated loads/stores with writeback, the device tree, and unhandled aborts. */
#include <criterion/criterion.h>
#include <elf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/vm/vm_internal.h"

static Vm *make_a64_vm(FILE *console)
{
    VmConfig cfg = {.arch = VM_ARCH_AARCH64, .ram_bytes = 4ull << 20, .console_in_fd = -1,
                    .console = console};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    return vm;
}

/* Writes words to a new temporary file; the caller unlinks path. */
static void write_image(char *path, const void *data, size_t len)
{
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    cr_assert_eq(write(fd, data, len), (ssize_t)len);
    close(fd);
}

/* Prints 'A' through the PL011 with a post-indexed STRB, reads FR, and powers off with
 * status (x4 - UART) + (FR >> 4) = 1 + 9 = 10 (FR = TXFE | RXFE). */
static const uint32_t psci_exit_code[] = {
    0xd2a12004, /* mov  x4, #0x9000000 */
    0xaa0403e5, /* mov  x5, x4 */
    0x52800823, /* mov  w3, #0x41 */
    0x38001483, /* strb w3, [x4], #1 */
    0xb94018a6, /* ldr  w6, [x5, #24] */
    0xcb050082, /* sub  x2, x4, x5 */
    0x8b461042, /* add  x2, x2, x6, lsr #4 */
    0xd2800100, /* mov  x0, #0x8 */
    0xf2b08000, /* movk x0, #0x8400, lsl #16 (PSCI SYSTEM_OFF) */
    0xd28a08a1, /* mov  x1, #0x5045 */
    0xf2a8cac1, /* movk x1, #0x4656, lsl #16 (FVP exit magic: x2 is the status) */
    0xd4000002, /* hvc  #0 */
    0x14000000, /* b    . */
};

Test(vm_arm, raw_image_prints_through_pl011_and_exits_through_psci)
{
    char path[] = "/tmp/fvp-vm-a64XXXXXX";
    write_image(path, psci_exit_code, sizeof(psci_exit_code));
    char *out = NULL;
    size_t out_len = 0;
    FILE *console = open_memstream(&out, &out_len);
    Vm *vm = make_a64_vm(console);
    FvpError *err = vm_load_kernel(vm, path);
    unlink(path);
    cr_assert_null(err);
    /* Raw images: loaded at RAM + 512 KiB, x0 = device tree at RAM + RAM / 2. */
    cr_assert_eq(vm->entry, VM_A64_RAM_BASE + 0x80000);
    cr_assert_eq(vm->harts[0]->a64.x[0], VM_A64_RAM_BASE + (2ull << 20));
    cr_assert_eq(vm->fdt_addr, VM_A64_RAM_BASE + (2ull << 20));
    int status = -1;
    cr_assert_null(vm_run(vm, &status));
    cr_assert_eq(status, 10);
    /* Two device accesses (STRB, LDR of FR) and one emulated system instruction (HVC). */
    cr_assert_eq(vm->harts[0]->stats.mmio, 2);
    cr_assert_eq(vm->harts[0]->stats.system, 1);
    cr_assert_eq(vm->harts[0]->stats.exceptions, 0);
    char *report = NULL;
    size_t report_len = 0;
    FILE *rf = open_memstream(&report, &report_len);
    vm_print_stats(vm, rf);
    fclose(rf);
    cr_assert_not_null(strstr(report, "mmio_accesses      2\n"));
    cr_assert_not_null(strstr(report, "system_emulated    1\n"));
    free(report);
    vm_destroy(vm);
    fclose(console);
    cr_assert_eq(out_len, 1);
    cr_assert_eq(out[0], 'A');
    free(out);
}

Test(vm_arm, abort_without_vectors_is_an_error_not_a_hang)
{
    static const uint32_t code[] = {
        0xd2800020, /* mov x0, #1 */
        0xf9400000, /* ldr x0, [x0]: nothing lives at address 1 */
    };
    char path[] = "/tmp/fvp-vm-a64XXXXXX";
    write_image(path, code, sizeof(code));
    Vm *vm = make_a64_vm(NULL);
    cr_assert_null(vm_load_kernel(vm, path));
    unlink(path);
    int status = -1;
    FvpError *err = vm_run(vm, &status);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_UNSUPPORTED);
    fvp_error_free(err);
    vm_destroy(vm);
}

Test(vm_arm, machine_choice_and_limits)
{
    VmArch arch = VM_ARCH_AARCH64;
    bool is_elf = true;
    /* This test binary is an x86-64 ELF: no system VM for it. */
    FvpError *err = vm_probe_arch("/proc/self/exe", &arch, &is_elf);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_UNSUPPORTED);
    cr_assert(is_elf);
    fvp_error_free(err);
    /* A RISC-V ELF header picks the RISC-V machine; a raw file leaves the choice alone. */
    Elf64_Ehdr eh = {.e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB},
                     .e_machine = EM_RISCV};
    char path[] = "/tmp/fvp-vm-a64XXXXXX";
    write_image(path, &eh, sizeof(eh));
    cr_assert_null(vm_probe_arch(path, &arch, &is_elf));
    cr_assert(is_elf);
    cr_assert_eq(arch, VM_ARCH_RISCV64);
    /* ... which the AArch64 machine refuses to load. */
    Vm *vm = make_a64_vm(NULL);
    err = vm_load_kernel(vm, path);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_UNSUPPORTED);
    fvp_error_free(err);
    err = vm_load_bios(vm, path);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_USAGE);
    fvp_error_free(err);
    vm_destroy(vm);
    unlink(path);
    char raw[] = "/tmp/fvp-vm-a64XXXXXX";
    write_image(raw, psci_exit_code, sizeof(psci_exit_code));
    arch = VM_ARCH_AARCH64;
    cr_assert_null(vm_probe_arch(raw, &arch, &is_elf));
    cr_assert(!is_elf);
    cr_assert_eq(arch, VM_ARCH_AARCH64);
    /* Two CPUs: CPU 0 runs the image, CPU 1 is off until PSCI CPU_ON. */
    VmConfig cfg = {.arch = VM_ARCH_AARCH64, .harts = 2, .ram_bytes = 4ull << 20,
                    .console_in_fd = -1};
    cr_assert_null(vm_create(&cfg, &vm));
    cr_assert_null(vm_load_kernel(vm, raw));
    unlink(raw);
    cr_assert(!vm->harts[0]->arm_off);
    cr_assert(vm->harts[1]->arm_off);
    vm_destroy(vm);
    cfg.harts = VM_MAX_HARTS + 1;
    vm = (Vm *)1;
    err = vm_create(&cfg, &vm);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_USAGE);
    cr_assert_null(vm);
    fvp_error_free(err);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

Test(vm_arm, device_tree_describes_the_arm_virt_machine)
{
    Vm *vm = make_a64_vm(NULL);
    uint8_t *fdt;
    size_t len;
    cr_assert_null(vm_fdt_build(vm, &fdt, &len));
    cr_assert_eq(be32(fdt), 0xd00dfeedu);
    cr_assert_eq(be32(fdt + 4), len);
    uint32_t off_str = be32(fdt + 12), str_len = be32(fdt + 32);
    cr_assert_leq((size_t)off_str + str_len, len);
    /* Node names and string values live in the structure block; look for the key ones. */
    static const char *const needles[] = {"linux,dummy-virt", "memory@40000000", "arm,psci-1.0",
                                          "hvc", "pl011@9000000", "arm,pl011",
                                          "/pl011@9000000", "arm,cortex-a57"};
    for (size_t i = 0; i < sizeof(needles) / sizeof(needles[0]); i++)
        cr_assert_not_null(memmem(fdt, len, needles[i], strlen(needles[i]) + 1), "%s",
                           needles[i]);
    cr_assert_null(memmem(fdt, len, "riscv", 5));
    free(fdt);
    vm_destroy(vm);
}

/* The MMIO emulation's load/store forms on the PL011: sign extension to 64 and 32 bits,
 * register offset, pre-index writeback, halfword, unscaled; PSCI SYSTEM_OFF without the
 * exit convention gives status 0 (as QEMU). */
Test(vm_arm, mmio_load_store_forms)
{
    static const uint32_t code[] = {
        0xd2a12005, /* mov   x5, #0x9000000 */
        0x398060a7, /* ldrsb x7, [x5, #24]     FR = 0x90 */
        0x39c060a8, /* ldrsb w8, [x5, #24] */
        0xd281fc0a, /* mov   x10, #0xfe0 */
        0xb86a68a9, /* ldr   w9, [x5, x10]     UARTPeriphID0 = 0x11 */
        0x910004a4, /* add   x4, x5, #0x1 */
        0x52800843, /* mov   w3, #0x42 */
        0x381ffc83, /* strb  w3, [x4, #-1]!    'B', x4 back to the UART */
        0x795fc8ab, /* ldrh  w11, [x5, #4068]  UARTPeriphID1 = 0x10 */
        0xb84180ac, /* ldur  w12, [x5, #24] */
        0xd2800100, /* mov   x0, #0x8 */
        0xf2b08000, /* movk  x0, #0x8400, lsl #16 */
        0xd4000002, /* hvc   #0 */
    };
    char path[] = "/tmp/fvp-vm-a64XXXXXX";
    write_image(path, code, sizeof(code));
    char *out = NULL;
    size_t out_len = 0;
    FILE *console = open_memstream(&out, &out_len);
    Vm *vm = make_a64_vm(console);
    cr_assert_null(vm_load_kernel(vm, path));
    unlink(path);
    int status = -1;
    cr_assert_null(vm_run(vm, &status));
    cr_assert_eq(status, 0);
    const uint64_t *x = vm->harts[0]->a64.x;
    cr_assert_eq(x[7], 0xffffffffffffff90ull);
    cr_assert_eq(x[8], 0xffffff90ull);
    cr_assert_eq(x[9], 0x11);
    cr_assert_eq(x[4], 0x09000000ull);
    cr_assert_eq(x[11], 0x10);
    cr_assert_eq(x[12], 0x90);
    cr_assert_eq(vm->harts[0]->a64.hdr.pc, VM_A64_RAM_BASE + 0x80000 + sizeof(code));
    vm_destroy(vm);
    fclose(console);
    cr_assert_eq(out_len, 1);
    cr_assert_eq(out[0], 'B');
    free(out);
}

static uint64_t gic_r(VmHart *h, uint64_t a)
{
    uint64_t v = 0;
    cr_assert(vm_gic_read(h, a, 4, &v));
    return v;
}

static void gic_w(VmHart *h, uint64_t a, uint64_t v)
{
    cr_assert(vm_gic_write(h, a, 4, v));
}

/* GICv2: enables, priorities against PMR, IAR/EOIR, SGIs, the timer's level-triggered PPI. */
Test(vm_arm, gic_priorities_acknowledge_and_timer_level)
{
    Vm *vm = make_a64_vm(NULL);
    VmHart *h = vm->harts[0];
    const uint64_t D = VM_GICD_BASE, C = VM_GICC_BASE;
    cr_assert_eq(gic_r(h, D + 0x004) & 0x1f, VM_GIC_IRQS / 32 - 1); /* TYPER.ITLinesNumber */
    gic_w(h, D + 0xf00, 1u << 16 | 3);                             /* SGI 3 */
    gic_w(h, D + 0xf00, 1u << 16 | 9);                             /* SGI 9 */
    cr_assert(!vm_arm_irq_pending(h), "pending while the interfaces are off");
    gic_w(h, D, 1);
    gic_w(h, C, 1);
    cr_assert(!vm_arm_irq_pending(h), "PMR 0 masks everything");
    cr_assert(vm_gic_write(h, D + 0x400 + 3, 1, 0x80));
    cr_assert(vm_gic_write(h, D + 0x400 + 9, 1, 0x40));
    gic_w(h, C + 0x04, 0x90);
    cr_assert(vm_arm_irq_pending(h));
    cr_assert_eq(gic_r(h, C + 0x18), 9); /* HPPIR: the higher priority (lower value) */
    cr_assert_eq(gic_r(h, C + 0x0c), 9); /* IAR: 9 becomes active */
    cr_assert_eq(gic_r(h, C + 0x0c), 3);
    cr_assert_eq(gic_r(h, C + 0x0c), 1023); /* nothing left: spurious */
    cr_assert(!vm_arm_irq_pending(h));
    gic_w(h, C + 0x10, 9);
    gic_w(h, C + 0x10, 3);
    cr_assert_eq(gic_r(h, D + 0x300), 0); /* nothing active after EOI */
    /* The virtual timer: level while CVAL <= counter, enabled and unmasked. */
    gic_w(h, D + 0x100, 1u << VM_GIC_PPI_VTIMER);
    cr_assert(vm_gic_write(h, D + 0x400 + VM_GIC_PPI_VTIMER, 1, 0x10));
    uint64_t now = vm_arm_counter(h);
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL + 2, now - 1)); /* CVAL in the past */
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL + 1, 3));       /* enabled, masked */
    uint64_t ctl = 0;
    cr_assert(vm_arm_timer_read(h, VM_SR_CNTV_TVAL + 1, &ctl));
    cr_assert_eq(ctl, 7); /* ISTATUS */
    cr_assert(!vm_arm_irq_pending(h));
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL + 1, 1));
    cr_assert_eq(gic_r(h, C + 0x0c), VM_GIC_PPI_VTIMER);
    cr_assert(!vm_arm_irq_pending(h), "active until EOI");
    gic_w(h, C + 0x10, VM_GIC_PPI_VTIMER);
    cr_assert(vm_arm_irq_pending(h), "the level is still high");
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL, 1000000)); /* TVAL: a second later */
    cr_assert(!vm_arm_irq_pending(h));
    cr_assert(!vm_arm_timer_read(h, VM_A64_SYSREG(3, 0, 1, 0, 0), &ctl)); /* not a timer */
    /* A device line (the disk's SPI, INTID 48): level-triggered, visible in ISPENDR. */
    gic_w(h, D + 0x104, 1u << 16);
    vm_gic_set_line(vm, VM_A64_VIRTIO_INTID, true);
    cr_assert_eq(gic_r(h, D + 0x204), 1u << 16);
    cr_assert_eq(gic_r(h, C + 0x0c), VM_A64_VIRTIO_INTID);
    gic_w(h, C + 0x10, VM_A64_VIRTIO_INTID);
    cr_assert(vm_arm_irq_pending(h), "still high after EOI: signalled again");
    vm_gic_set_line(vm, VM_A64_VIRTIO_INTID, false);
    cr_assert(!vm_arm_irq_pending(h));
    /* Interrupts beyond the implemented 128 read as zero and ignore writes. */
    gic_w(h, D + 0x110, ~0u);
    cr_assert_eq(gic_r(h, D + 0x110), 0);
    vm_destroy(vm);
}

/* Stage-1 walks against tables written into guest RAM: TTBR0 and TTBR1 halves, 2 MiB
 * blocks, hierarchical limits, EL0/EL1 permissions, fault status codes and levels. */
Test(vm_arm, stage1_walks_permissions_and_fault_codes)
{
    Vm *vm = make_a64_vm(NULL);
    VmHart *h = vm->harts[0];
    const uint64_t base = VM_A64_RAM_BASE;
    uint64_t *ram = (uint64_t *)vm_phys_ram(vm, base, 0x10000);
    const uint64_t L1 = base, L2 = base + 0x1000, L3 = base + 0x2000, H1 = base + 0x3000;
    const uint64_t AF = 1ull << 10, EL0 = 1ull << 6, UXN = 1ull << 54;
#define SLOT(table, i) ram[((table) - base) / 8 + (i)]
    SLOT(L1, 0) = L2 | 3;                                /* VA 0..1G: table */
    SLOT(L2, 1) = 0x40200000ull | 1 | AF | EL0;          /* VA 2M..4M: 2 MiB block, EL0 RW */
    SLOT(L2, 2) = L3 | 3 | 1ull << 62;                   /* APTable: read-only below */
    SLOT(L3, 0) = 0x40005000ull | 3 | AF;                /* VA 4M: EL1 RW (but RO table) */
    SLOT(L3, 1) = 0x40006000ull | 3 | AF | EL0 | UXN;    /* EL0 may read, not execute */
    SLOT(H1, 511) = 0x40000000ull | 1 | AF;              /* top 1 GiB of TTBR1: block */
#undef SLOT
    h->arm.tcr = 25 | 25ull << 16 | 2ull << 30; /* T0SZ = T1SZ = 25, TG1 = 4 KiB */
    h->arm.ttbr0 = L1;
    h->arm.ttbr1 = H1;
    uint64_t pa = 0;
    cr_assert_eq(vm_arm_walk(h, 0x1234, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_NONE);
    cr_assert_eq(pa, 0x1234, "MMU off: identity");
    h->arm.sctlr |= 1;
    cr_assert_eq(vm_arm_walk(h, 0x2abcde, RT_ACCESS_WRITE, VM_PRIV_U, &pa), VM_FAULT_NONE);
    cr_assert_eq(pa, 0x402abcde);
    /* The 2 MiB block is EL0-writable, so EL1 may not execute it. */
    cr_assert_eq(vm_arm_walk(h, 0x200000, RT_ACCESS_FETCH, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    cr_assert_eq(h->arm_fsc, 0x0e); /* permission, level 2 */
    cr_assert_eq(vm_arm_walk(h, 0x400010, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_NONE);
    cr_assert_eq(pa, 0x40005010);
    cr_assert_eq(vm_arm_walk(h, 0x400010, RT_ACCESS_WRITE, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    cr_assert_eq(h->arm_fsc, 0x0f, "APTable makes the page read-only");
    cr_assert_eq(vm_arm_walk(h, 0x400010, RT_ACCESS_READ, VM_PRIV_U, &pa), VM_FAULT_PAGE);
    cr_assert_eq(h->arm_fsc, 0x0f, "EL1-only page from EL0");
    cr_assert_eq(vm_arm_walk(h, 0x401000, RT_ACCESS_READ, VM_PRIV_U, &pa), VM_FAULT_NONE);
    cr_assert_eq(vm_arm_walk(h, 0x401000, RT_ACCESS_FETCH, VM_PRIV_U, &pa), VM_FAULT_PAGE);
    cr_assert_eq(vm_arm_walk(h, 0x402000, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    cr_assert_eq(h->arm_fsc, 0x07, "translation fault, level 3");
    cr_assert_eq(vm_arm_walk(h, 0x40000000, RT_ACCESS_READ, VM_PRIV_S, &pa), VM_FAULT_PAGE);
    cr_assert_eq(h->arm_fsc, 0x05, "translation fault, level 1");
    /* Upper half: TTBR1; addresses in neither half fault at level 0. */
    cr_assert_eq(vm_arm_walk(h, 0xffffffffc0000040ull, RT_ACCESS_READ, VM_PRIV_S, &pa),
                 VM_FAULT_NONE);
    cr_assert_eq(pa, 0x40000040);
    cr_assert_eq(vm_arm_walk(h, 0x0000800000000000ull, RT_ACCESS_READ, VM_PRIV_S, &pa),
                 VM_FAULT_PAGE);
    cr_assert_eq(h->arm_fsc, 0x04);
    /* EPD1 disables TTBR1 walks. */
    h->arm.tcr |= 1ull << 23;
    cr_assert_eq(vm_arm_walk(h, 0xffffffffc0000040ull, RT_ACCESS_READ, VM_PRIV_S, &pa),
                 VM_FAULT_PAGE);
    vm_destroy(vm);
}

static uint64_t pl011_r(VmHart *h, uint64_t a)
{
    uint64_t v = 0;
    cr_assert(vm_mmio_read(h, a, 4, &v));
    return v;
}

/* PL011 interrupts: TX raised by DR writes and cleared by ICR, RX high while a byte from
 * the console waits (polled only while IMSC.RXIM is set), MIS = RIS & IMSC on INTID 33. */
Test(vm_arm, pl011_interrupt_lines)
{
    int fds[2];
    cr_assert_eq(pipe(fds), 0);
    FILE *out = tmpfile();
    VmConfig cfg = {.arch = VM_ARCH_AARCH64, .ram_bytes = 4ull << 20, .console_in_fd = fds[0],
                    .console = out};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    VmHart *h = vm->harts[0];
    const uint64_t U = VM_PL011_BASE;
    const uint32_t line_bit = 1u << (VM_A64_PL011_INTID % 32);
#define R(off) pl011_r(h, U + (off))
#define W(off, x) cr_assert(vm_mmio_write(h, U + (off), 4, (x)))
    W(0x00, 'z');
    cr_assert_eq(R(0x3c), 0x20, "RIS.TX after a DR write");
    cr_assert_eq(R(0x40), 0, "masked");
    cr_assert_eq(vm->gic.line[1] & line_bit, 0);
    W(0x38, 0x20);
    cr_assert_eq(R(0x40), 0x20);
    cr_assert_neq(vm->gic.line[1] & line_bit, 0);
    W(0x44, 0x20);
    cr_assert_eq(R(0x3c), 0);
    cr_assert_eq(vm->gic.line[1] & line_bit, 0);
    cr_assert_eq(write(fds[1], "q", 1), 1);
    vm_uart_poll_rx(vm);
    cr_assert_eq(vm->gic.line[1] & line_bit, 0, "RXIM off: input not taken");
    W(0x38, 0x10);
    vm_uart_poll_rx(vm);
    cr_assert_neq(vm->gic.line[1] & line_bit, 0);
    cr_assert_eq(R(0x40), 0x10);
    cr_assert_eq(R(0x00), 'q');
    cr_assert_eq(vm->gic.line[1] & line_bit, 0);
#undef R
#undef W
    vm_destroy(vm);
    fclose(out);
    close(fds[0]);
    close(fds[1]);
}
