/* System VM device tree: a minimal flattened device tree (FDT v17) describing either machine. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/*
 *   header (40 bytes) | memory reservation map (one empty entry) | structure block
 *   | strings block;  all integers big-endian.
 *   structure: BEGIN_NODE name\0 pad4 | PROP len nameoff value pad4 | END_NODE | ... | END
 */
enum { FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_END = 9 };
#define FDT_MAGIC 0xd00dfeedu

typedef struct FdtBuf {
    uint8_t *data;
    size_t len, cap;
} FdtBuf;

typedef struct Fdt {
    FdtBuf st;  /* structure block */
    FdtBuf str; /* strings block */
} Fdt;

static void fdt_put(FdtBuf *b, const void *p, size_t n)
{
    FVP_GROW(b->data, b->cap, b->len + n + 4);
    memcpy(b->data + b->len, p, n);
    b->len += n;
    while (b->len & 3)
        b->data[b->len++] = 0;
}

static void fdt_u32(FdtBuf *b, uint32_t v)
{
    uint32_t be = __builtin_bswap32(v);
    fdt_put(b, &be, 4);
}

static uint32_t fdt_string(Fdt *f, const char *s)
{
    size_t n = strlen(s) + 1;
    for (size_t off = 0; off + n <= f->str.len; off++)
        if (!memcmp(f->str.data + off, s, n))
            return (uint32_t)off;
    FVP_GROW(f->str.data, f->str.cap, f->str.len + n);
    memcpy(f->str.data + f->str.len, s, n);
    f->str.len += n;
    return (uint32_t)(f->str.len - n);
}

static void fdt_begin(Fdt *f, const char *name)
{
    fdt_u32(&f->st, FDT_BEGIN_NODE);
    fdt_put(&f->st, name, strlen(name) + 1);
}

static void fdt_end(Fdt *f)
{
    fdt_u32(&f->st, FDT_END_NODE);
}

static void fdt_prop(Fdt *f, const char *name, const void *value, size_t len)
{
    fdt_u32(&f->st, FDT_PROP);
    fdt_u32(&f->st, (uint32_t)len);
    fdt_u32(&f->st, fdt_string(f, name));
    if (len)
        fdt_put(&f->st, value, len);
}

static void fdt_prop_str(Fdt *f, const char *name, const char *s)
{
    fdt_prop(f, name, s, strlen(s) + 1);
}

/* A property of n 32-bit cells. */
static void fdt_prop_cells(Fdt *f, const char *name, unsigned n, ...)
{
    uint32_t cells[16];
    fvp_assert(n <= FVP_ARRAY_LEN(cells));
    va_list ap;
    va_start(ap, n);
    for (unsigned i = 0; i < n; i++)
        cells[i] = __builtin_bswap32(va_arg(ap, uint32_t));
    va_end(ap);
    fdt_prop(f, name, cells, 4 * n);
}

/* reg = <addr size> with #address-cells = #size-cells = 2. */
static void fdt_prop_reg(Fdt *f, uint64_t addr, uint64_t size)
{
    fdt_prop_cells(f, "reg", 4, (uint32_t)(addr >> 32), (uint32_t)addr, (uint32_t)(size >> 32),
                   (uint32_t)size);
}

enum { PHANDLE_PLIC = 1, PHANDLE_CPU_INTC = 2 }; /* cpu n's controller: PHANDLE_CPU_INTC + n */

static void fdt_cpus(Fdt *f, const Vm *vm)
{
    fdt_begin(f, "cpus");
    fdt_prop_cells(f, "#address-cells", 1, 1);
    fdt_prop_cells(f, "#size-cells", 1, 0);
    fdt_prop_cells(f, "timebase-frequency", 1, (uint32_t)VM_TIMEBASE_HZ);
    for (unsigned i = 0; i < vm->nharts; i++) {
        char name[32];
        snprintf(name, sizeof(name), "cpu@%u", i);
        fdt_begin(f, name);
        fdt_prop_str(f, "device_type", "cpu");
        fdt_prop_cells(f, "reg", 1, i);
        fdt_prop_str(f, "status", "okay");
        fdt_prop_str(f, "compatible", "riscv");
        fdt_prop_str(f, "riscv,isa", "rv64imafdc_zicsr_zifencei_zba_zbb_zbs_sstc");
        fdt_prop_str(f, "mmu-type", "riscv,sv39");
        fdt_begin(f, "interrupt-controller");
        fdt_prop_cells(f, "#interrupt-cells", 1, 1);
        fdt_prop(f, "interrupt-controller", NULL, 0);
        fdt_prop_str(f, "compatible", "riscv,cpu-intc");
        fdt_prop_cells(f, "phandle", 1, PHANDLE_CPU_INTC + i);
        fdt_end(f);
        fdt_end(f);
    }
    fdt_end(f);
}

static void fdt_soc(Fdt *f, const Vm *vm)
{
    char name[64];
    uint32_t ext[4 * VM_MAX_HARTS];
    fdt_begin(f, "soc");
    fdt_prop_cells(f, "#address-cells", 1, 2);
    fdt_prop_cells(f, "#size-cells", 1, 2);
    fdt_prop_str(f, "compatible", "simple-bus");
    fdt_prop(f, "ranges", NULL, 0);

    snprintf(name, sizeof(name), "test@%llx", (unsigned long long)VM_TEST_BASE);
    fdt_begin(f, name);
    static const char test_compat[] = "sifive,test1\0sifive,test0\0syscon";
    fdt_prop(f, "compatible", test_compat, sizeof(test_compat));
    fdt_prop_reg(f, VM_TEST_BASE, VM_TEST_SIZE);
    fdt_end(f);

    snprintf(name, sizeof(name), "serial@%llx", (unsigned long long)VM_UART_BASE);
    fdt_begin(f, name);
    fdt_prop_str(f, "compatible", "ns16550a");
    fdt_prop_reg(f, VM_UART_BASE, VM_UART_SIZE);
    fdt_prop_cells(f, "clock-frequency", 1, 3686400);
    fdt_prop_cells(f, "interrupts", 1, VM_UART_IRQ);
    fdt_prop_cells(f, "interrupt-parent", 1, PHANDLE_PLIC);
    fdt_end(f);

    for (unsigned n = 0; n < VM_VIRTIO_SLOTS; n++) {
        uint64_t base = VM_VIRTIO_BASE + n * VM_VIRTIO_STRIDE;
        snprintf(name, sizeof(name), "virtio_mmio@%llx", (unsigned long long)base);
        fdt_begin(f, name);
        fdt_prop_str(f, "compatible", "virtio,mmio");
        fdt_prop_reg(f, base, VM_VIRTIO_STRIDE);
        fdt_prop_cells(f, "interrupts", 1, VM_VIRTIO_IRQ + n);
        fdt_prop_cells(f, "interrupt-parent", 1, PHANDLE_PLIC);
        fdt_end(f);
    }

    /* CLINT: per hart, machine software (3) and machine timer (7) interrupts. */
    snprintf(name, sizeof(name), "clint@%llx", (unsigned long long)VM_CLINT_BASE);
    fdt_begin(f, name);
    static const char clint_compat[] = "sifive,clint0\0riscv,clint0";
    fdt_prop(f, "compatible", clint_compat, sizeof(clint_compat));
    fdt_prop_reg(f, VM_CLINT_BASE, VM_CLINT_SIZE);
    for (unsigned i = 0; i < vm->nharts; i++) {
        ext[4 * i + 0] = __builtin_bswap32(PHANDLE_CPU_INTC + i);
        ext[4 * i + 1] = __builtin_bswap32(VM_IRQ_MSI);
        ext[4 * i + 2] = __builtin_bswap32(PHANDLE_CPU_INTC + i);
        ext[4 * i + 3] = __builtin_bswap32(VM_IRQ_MTI);
    }
    fdt_prop(f, "interrupts-extended", ext, 16 * vm->nharts);
    fdt_end(f);

    /* PLIC: contexts 2n (M) and 2n + 1 (S) of hart n, external interrupts 11 and 9. */
    snprintf(name, sizeof(name), "plic@%llx", (unsigned long long)VM_PLIC_BASE);
    fdt_begin(f, name);
    fdt_prop_cells(f, "phandle", 1, PHANDLE_PLIC);
    static const char plic_compat[] = "sifive,plic-1.0.0\0riscv,plic0";
    fdt_prop(f, "compatible", plic_compat, sizeof(plic_compat));
    fdt_prop_reg(f, VM_PLIC_BASE, VM_PLIC_SIZE);
    fdt_prop_cells(f, "#address-cells", 1, 0);
    fdt_prop_cells(f, "#interrupt-cells", 1, 1);
    fdt_prop(f, "interrupt-controller", NULL, 0);
    fdt_prop_cells(f, "riscv,ndev", 1, VM_PLIC_SOURCES - 1);
    for (unsigned i = 0; i < vm->nharts; i++) {
        ext[4 * i + 0] = __builtin_bswap32(PHANDLE_CPU_INTC + i);
        ext[4 * i + 1] = __builtin_bswap32(VM_IRQ_MEI);
        ext[4 * i + 2] = __builtin_bswap32(PHANDLE_CPU_INTC + i);
        ext[4 * i + 3] = __builtin_bswap32(VM_IRQ_SEI);
    }
    fdt_prop(f, "interrupts-extended", ext, 16 * vm->nharts);
    fdt_end(f);

    fdt_end(f);
}

/* The AArch64 machine (after QEMU's arm virt): memory, one Cortex-A57-like CPU, PSCI over
 * HVC, a GICv2, the generic timer's PPIs, the PL011 console and its clock. */
static void fdt_tree_aarch64(Fdt *f, const Vm *vm)
{
    char name[64];
    enum { PHANDLE_APB_CLK = 1, PHANDLE_GIC = 2 };
    enum { GIC_PPI = 1, IRQ_LEVEL_HIGH = 4, PPI_CPU0 = 0x100 };
    fdt_begin(f, "");
    fdt_prop_cells(f, "#address-cells", 1, 2);
    fdt_prop_cells(f, "#size-cells", 1, 2);
    fdt_prop_cells(f, "interrupt-parent", 1, PHANDLE_GIC);
    fdt_prop_str(f, "compatible", "linux,dummy-virt");
    fdt_prop_str(f, "model", "fvp,virt-aarch64");

    fdt_begin(f, "psci");
    static const char psci_compat[] = "arm,psci-1.0\0arm,psci-0.2\0arm,psci";
    fdt_prop(f, "compatible", psci_compat, sizeof(psci_compat));
    fdt_prop_str(f, "method", "hvc");
    fdt_end(f);

    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)vm->ram_base);
    fdt_begin(f, name);
    fdt_prop_str(f, "device_type", "memory");
    fdt_prop_reg(f, vm->ram_base, vm->ram_bytes);
    fdt_end(f);

    fdt_begin(f, "cpus");
    fdt_prop_cells(f, "#address-cells", 1, 1);
    fdt_prop_cells(f, "#size-cells", 1, 0);
    for (unsigned i = 0; i < vm->nharts; i++) {
        snprintf(name, sizeof(name), "cpu@%u", i);
        fdt_begin(f, name);
        fdt_prop_str(f, "device_type", "cpu");
        fdt_prop_str(f, "compatible", "arm,cortex-a57");
        fdt_prop_cells(f, "reg", 1, i); /* MPIDR affinity */
        if (vm->nharts > 1)
            fdt_prop_str(f, "enable-method", "psci");
        fdt_end(f);
    }
    fdt_end(f);

    snprintf(name, sizeof(name), "intc@%llx", (unsigned long long)VM_GICD_BASE);
    fdt_begin(f, name);
    fdt_prop_str(f, "compatible", "arm,cortex-a15-gic");
    fdt_prop_cells(f, "#interrupt-cells", 1, 3);
    fdt_prop(f, "interrupt-controller", NULL, 0);
    fdt_prop_cells(f, "reg", 8, (uint32_t)(VM_GICD_BASE >> 32), (uint32_t)VM_GICD_BASE, 0,
                   (uint32_t)VM_GIC_REGION, (uint32_t)(VM_GICC_BASE >> 32),
                   (uint32_t)VM_GICC_BASE, 0, (uint32_t)VM_GIC_REGION);
    fdt_prop_cells(f, "phandle", 1, PHANDLE_GIC);
    fdt_end(f);

    /* Secure and non-secure physical, virtual, hypervisor timers: PPIs 13, 14, 11, 10. */
    fdt_begin(f, "timer");
    static const char timer_compat[] = "arm,armv8-timer\0arm,armv7-timer";
    fdt_prop(f, "compatible", timer_compat, sizeof(timer_compat));
    uint32_t flags = PPI_CPU0 | IRQ_LEVEL_HIGH;
    fdt_prop_cells(f, "interrupts", 12, GIC_PPI, 13, flags, GIC_PPI, 14, flags, GIC_PPI, 11,
                   flags, GIC_PPI, 10, flags);
    fdt_prop(f, "always-on", NULL, 0);
    fdt_end(f);

    /* virtio-mmio transports (the disk in transport 0), SPI 16 + n, rising edge as QEMU
     * describes them (the device holds its line until InterruptACK). */
    for (unsigned n = 0; n < VM_A64_VIRTIO_SLOTS; n++) {
        uint64_t base = VM_A64_VIRTIO_BASE + n * VM_A64_VIRTIO_STRIDE;
        snprintf(name, sizeof(name), "virtio_mmio@%llx", (unsigned long long)base);
        fdt_begin(f, name);
        fdt_prop_str(f, "compatible", "virtio,mmio");
        fdt_prop_reg(f, base, VM_A64_VIRTIO_STRIDE);
        fdt_prop_cells(f, "interrupts", 3, 0, VM_A64_VIRTIO_INTID - 32 + n, 1);
        fdt_prop(f, "dma-coherent", NULL, 0);
        fdt_end(f);
    }

    fdt_begin(f, "apb-pclk");
    fdt_prop_str(f, "compatible", "fixed-clock");
    fdt_prop_cells(f, "#clock-cells", 1, 0);
    fdt_prop_cells(f, "clock-frequency", 1, 24000000);
    fdt_prop_str(f, "clock-output-names", "clk24mhz");
    fdt_prop_cells(f, "phandle", 1, PHANDLE_APB_CLK);
    fdt_end(f);

    snprintf(name, sizeof(name), "pl011@%llx", (unsigned long long)VM_PL011_BASE);
    fdt_begin(f, name);
    static const char uart_compat[] = "arm,pl011\0arm,primecell";
    fdt_prop(f, "compatible", uart_compat, sizeof(uart_compat));
    fdt_prop_reg(f, VM_PL011_BASE, VM_PL011_SIZE);
    static const char clock_names[] = "uartclk\0apb_pclk";
    fdt_prop(f, "clock-names", clock_names, sizeof(clock_names));
    fdt_prop_cells(f, "clocks", 2, PHANDLE_APB_CLK, PHANDLE_APB_CLK);
    fdt_prop_cells(f, "interrupts", 3, 0, VM_A64_PL011_INTID - 32, IRQ_LEVEL_HIGH);
    fdt_end(f);

    fdt_begin(f, "chosen");
    snprintf(name, sizeof(name), "/pl011@%llx", (unsigned long long)VM_PL011_BASE);
    fdt_prop_str(f, "stdout-path", name);
    fdt_end(f);
    fdt_end(f);
}

static void fdt_tree_riscv(Fdt *f, const Vm *vm)
{
    char name[64];
    fdt_begin(f, "");
    fdt_prop_cells(f, "#address-cells", 1, 2);
    fdt_prop_cells(f, "#size-cells", 1, 2);
    fdt_prop_str(f, "compatible", "riscv-virtio");
    fdt_prop_str(f, "model", "fvp,virt");

    fdt_begin(f, "chosen");
    snprintf(name, sizeof(name), "/soc/serial@%llx", (unsigned long long)VM_UART_BASE);
    fdt_prop_str(f, "stdout-path", name);
    fdt_end(f);

    snprintf(name, sizeof(name), "memory@%llx", (unsigned long long)vm->ram_base);
    fdt_begin(f, name);
    fdt_prop_str(f, "device_type", "memory");
    fdt_prop_reg(f, vm->ram_base, vm->ram_bytes);
    fdt_end(f);

    fdt_cpus(f, vm);
    fdt_soc(f, vm);
    fdt_end(f);
}

FvpError *vm_fdt_build(const Vm *vm, uint8_t **out, size_t *len)
{
    Fdt f = {0};
    if (vm->arch == VM_ARCH_AARCH64)
        fdt_tree_aarch64(&f, vm);
    else
        fdt_tree_riscv(&f, vm);
    fdt_u32(&f.st, FDT_END);

    size_t off_rsv = 40, off_st = off_rsv + 16, off_str = off_st + f.st.len;
    size_t total = off_str + f.str.len;
    uint8_t *blob = calloc(1, total);
    if (!blob) {
        free(f.st.data);
        free(f.str.data);
        return fvp_error_new(FVP_ERR_NOMEM, "allocating the device tree");
    }
    uint32_t hdr[10] = {FDT_MAGIC, (uint32_t)total, (uint32_t)off_st, (uint32_t)off_str,
                        (uint32_t)off_rsv, 17, 16, 0, (uint32_t)f.str.len, (uint32_t)f.st.len};
    for (int i = 0; i < 10; i++)
        hdr[i] = __builtin_bswap32(hdr[i]);
    memcpy(blob, hdr, sizeof(hdr));
    memcpy(blob + off_st, f.st.data, f.st.len);
    memcpy(blob + off_str, f.str.data, f.str.len);
    free(f.st.data);
    free(f.str.data);
    *out = blob;
    *len = total;
    return NULL;
}
