/* System VM devices: 16550 and PL011 UARTs, SiFive test finisher, CLINT, PLIC, the MMIO bus. */
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/* ---- Interrupt plumbing ------------------------------------------------------------- */

uint64_t vm_mtime(void)
{
    /* The clock of the time CSR (runtime/helpers.c): CLOCK_MONOTONIC at 10 MHz. */
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * VM_TIMEBASE_HZ + (uint64_t)ts.tv_nsec / 100;
}

void vm_hart_kick(VmHart *h)
{
    atomic_store_explicit(&h->wake_flag, 1, memory_order_release);
    pthread_mutex_lock(&h->lock);
    pthread_cond_signal(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

void vm_request_shutdown(Vm *vm, int status)
{
    int expected = 0;
    if (__atomic_compare_exchange_n(&vm->shutdown, &expected, 1, false, __ATOMIC_ACQ_REL,
                                    __ATOMIC_ACQUIRE))
        vm->exit_status = status;
    for (unsigned i = 0; i < vm->nharts; i++)
        vm_hart_kick(vm->harts[i]); /* also wakes AArch64 CPUs waiting for CPU_ON */
}

static void vm_set_mip_hw(VmHart *h, uint64_t bit, bool on)
{
    if (on)
        __atomic_or_fetch(&h->mip_hw, bit, __ATOMIC_ACQ_REL);
    else
        __atomic_and_fetch(&h->mip_hw, ~bit, __ATOMIC_ACQ_REL);
    vm_hart_kick(h);
}

/* ---- PLIC (dev_lock held) ------------------------------------------------------------ */

/* Highest-priority pending, enabled, unclaimed source above the context's threshold. */
static unsigned vm_plic_best(const VmPlic *p, unsigned ctx)
{
    uint32_t cand = p->pending & p->enable[ctx] & ~p->claimed;
    unsigned best = 0, best_prio = p->threshold[ctx];
    for (unsigned s = 1; s < VM_PLIC_SOURCES; s++)
        if ((cand >> s & 1) && p->priority[s] > best_prio) {
            best = s;
            best_prio = p->priority[s];
        }
    return best;
}

static void vm_plic_update(Vm *vm)
{
    for (unsigned h = 0; h < vm->nharts; h++) {
        vm_set_mip_hw(vm->harts[h], VM_MIP_BIT(VM_IRQ_MEI), vm_plic_best(&vm->plic, 2 * h) != 0);
        vm_set_mip_hw(vm->harts[h], VM_MIP_BIT(VM_IRQ_SEI),
                      vm_plic_best(&vm->plic, 2 * h + 1) != 0);
    }
}

/* A level-triggered source (dev_lock held): pending follows the line; a claimed source
 * is presented again after its completion if the line is still high. */
static void vm_plic_level_locked(Vm *vm, unsigned source, bool level)
{
    if (level)
        vm->plic.pending |= 1u << source;
    else
        vm->plic.pending &= ~(1u << source);
    vm_plic_update(vm);
}

void vm_plic_set_irq(Vm *vm, unsigned source, bool level)
{
    fvp_assert(source > 0 && source < VM_PLIC_SOURCES);
    pthread_mutex_lock(&vm->dev_lock);
    if (level)
        vm->plic.pending |= 1u << source;
    else
        vm->plic.pending &= ~(1u << source);
    vm_plic_update(vm);
    pthread_mutex_unlock(&vm->dev_lock);
}

static bool vm_plic_read(Vm *vm, uint64_t off, uint64_t *v)
{
    VmPlic *p = &vm->plic;
    unsigned nctx = 2 * vm->nharts;
    if (off < 4 * VM_PLIC_SOURCES) {
        *v = p->priority[off / 4];
    } else if (off == 0x1000) {
        *v = p->pending;
    } else if (off >= 0x2000 && off < 0x2000 + 0x80ull * nctx) {
        *v = (off & 0x7f) == 0 ? p->enable[(off - 0x2000) / 0x80] : 0;
    } else if (off >= 0x200000 && off < 0x200000 + 0x1000ull * nctx) {
        unsigned ctx = (unsigned)((off - 0x200000) / 0x1000);
        if ((off & 0xfff) == 0) {
            *v = p->threshold[ctx];
        } else if ((off & 0xfff) == 4) { /* claim */
            unsigned s = vm_plic_best(p, ctx);
            if (s) {
                p->claimed |= 1u << s;
                p->pending &= ~(1u << s);
            }
            *v = s;
            vm_plic_update(vm);
        } else {
            *v = 0;
        }
    } else {
        *v = 0;
    }
    return true;
}

static bool vm_plic_write(Vm *vm, uint64_t off, uint64_t v)
{
    VmPlic *p = &vm->plic;
    unsigned nctx = 2 * vm->nharts;
    if (off < 4 * VM_PLIC_SOURCES) {
        if (off >= 4)
            p->priority[off / 4] = (uint32_t)v & 7;
    } else if (off >= 0x2000 && off < 0x2000 + 0x80ull * nctx) {
        if ((off & 0x7f) == 0)
            p->enable[(off - 0x2000) / 0x80] = (uint32_t)v & ~1u;
    } else if (off >= 0x200000 && off < 0x200000 + 0x1000ull * nctx) {
        unsigned ctx = (unsigned)((off - 0x200000) / 0x1000);
        if ((off & 0xfff) == 0)
            p->threshold[ctx] = (uint32_t)v & 7;
        else if ((off & 0xfff) == 4 && v < VM_PLIC_SOURCES) { /* complete */
            p->claimed &= ~(1u << v);
            if (v == VM_UART_IRQ && vm->uart.irq_line) /* level still high: again */
                p->pending |= 1u << v;
        }
    }
    vm_plic_update(vm);
    return true;
}

/* ---- 16550 UART (dev_lock held) ----------------------------------------------------- */

static void vm_uart_output(VmUart *u, uint8_t b)
{
    fputc(b, u->out);
    if (b == '\n')
        fflush(u->out);
}

enum {
    VM_LSR_DR = 0x01,
    VM_LSR_THRE = 0x20,
    VM_LSR_TEMT = 0x40,
    VM_LCR_DLAB = 0x80,
    VM_IER_ERBFI = 0x01, /* received data available */
    VM_IER_ETBEI = 0x02, /* transmitter holding register empty */
    VM_IIR_NONE = 0x01,
    VM_IIR_THRE = 0x02,
    VM_IIR_RDA = 0x04,
};

/*
 * Interrupts: received data (IER.ERBFI and a byte waiting) before THR empty (IER.ETBEI
 * and the THRE interrupt not yet taken). Output is written at once, so THR is always
 * empty: enabling ETBEI or writing THR raises THRE; reading IIR while it reports THRE
 * takes it. The line to the PLIC (source 10) is high while IIR reports an interrupt.
 */
static uint8_t vm_uart_iir(const VmUart *u)
{
    if ((u->ier & VM_IER_ERBFI) && u->rx_full)
        return VM_IIR_RDA;
    if ((u->ier & VM_IER_ETBEI) && u->thre_pending)
        return VM_IIR_THRE;
    return VM_IIR_NONE;
}

/* Tells the PLIC when the line changes (each change kicks the harts, so not per access). */
static void vm_uart_update_irq(Vm *vm)
{
    bool level = vm_uart_iir(&vm->uart) != VM_IIR_NONE;
    if (level != vm->uart.irq_line) {
        vm->uart.irq_line = level;
        vm_plic_level_locked(vm, VM_UART_IRQ, level);
    }
}

static void vm_uart_poll_input(VmUart *u)
{
    if (u->rx_full || u->rx_eof || u->in_fd < 0)
        return;
    struct pollfd pfd = {.fd = u->in_fd, .events = POLLIN};
    if (poll(&pfd, 1, 0) <= 0)
        return;
    ssize_t n = read(u->in_fd, &u->rx, 1);
    if (n == 1)
        u->rx_full = true;
    else if (n == 0 || (errno != EINTR && errno != EAGAIN))
        u->rx_eof = true;
}

static bool vm_uart_read(Vm *vm, uint64_t off, uint64_t *v)
{
    VmUart *u = &vm->uart;
    bool dlab = u->lcr & VM_LCR_DLAB;
    switch (off) {
    case 0:
        if (dlab) {
            *v = u->dll;
        } else {
            vm_uart_poll_input(u);
            *v = u->rx_full ? u->rx : 0;
            u->rx_full = false;
        }
        break;
    case 1: *v = dlab ? u->dlm : u->ier; break;
    case 2: { /* IIR; bits 7:6 say the FIFOs are on */
        uint8_t id = vm_uart_iir(u);
        if (id == VM_IIR_THRE)
            u->thre_pending = false;
        *v = id | ((u->fcr & 1) ? 0xc0 : 0);
        break;
    }
    case 3: *v = u->lcr; break;
    case 4: *v = u->mcr; break;
    case 5:
        vm_uart_poll_input(u);
        *v = VM_LSR_THRE | VM_LSR_TEMT | (u->rx_full ? VM_LSR_DR : 0);
        break;
    case 6: *v = 0xb0; break; /* MSR: CTS, DSR, DCD */
    case 7: *v = u->scr; break;
    default: *v = 0; break;
    }
    vm_uart_update_irq(vm);
    return true;
}

static bool vm_uart_write(Vm *vm, uint64_t off, uint64_t v)
{
    VmUart *u = &vm->uart;
    bool dlab = u->lcr & VM_LCR_DLAB;
    uint8_t b = (uint8_t)v;
    switch (off) {
    case 0:
        if (dlab) {
            u->dll = b;
        } else {
            vm_uart_output(u, b);
            u->thre_pending = true;
        }
        break;
    case 1:
        if (dlab) {
            u->dlm = b;
        } else {
            if ((b & VM_IER_ETBEI) && !(u->ier & VM_IER_ETBEI))
                u->thre_pending = true; /* THR is empty when the interrupt is enabled */
            __atomic_store_n(&u->ier, b & 0x0f, __ATOMIC_RELAXED);
        }
        break;
    case 2: u->fcr = b; break;
    case 3: u->lcr = b; break;
    case 4: u->mcr = b; break;
    case 7: u->scr = b; break;
    default: break;
    }
    vm_uart_update_irq(vm);
    return true;
}

/* ---- PL011 UART (AArch64 machine; dev_lock held) ------------------------------------- */

enum {
    VM_PL011_DR = 0x000,
    VM_PL011_FR = 0x018,
    VM_PL011_IMSC = 0x038,
    VM_PL011_RIS = 0x03c,
    VM_PL011_MIS = 0x040,
    VM_PL011_ICR = 0x044,
    VM_PL011_FR_RXFE = 1u << 4,
    VM_PL011_FR_TXFE = 1u << 7,
    VM_PL011_INT_RX = 1u << 4,
    VM_PL011_INT_TX = 1u << 5,
};

/*
 * Interrupts (as QEMU 7.2's PL011): TX is raised by each DR write (output leaves at once)
 * and cleared by ICR; RX is high while a received byte waits. MIS = RIS & IMSC drives GIC
 * SPI 1 (INTID 33).
 */
static uint32_t vm_pl011_ris(const VmUart *u)
{
    return u->pl011_tx_ris | (u->rx_full ? VM_PL011_INT_RX : 0);
}

static void vm_pl011_update_irq(Vm *vm)
{
    const VmUart *u = &vm->uart;
    bool level = (vm_pl011_ris(u) & u->pl011_regs[VM_PL011_IMSC / 4]) != 0;
    vm_gic_set_line_locked(vm, VM_A64_PL011_INTID, level);
}

static bool vm_pl011_read(Vm *vm, uint64_t off, uint64_t *v)
{
    /* PrimeCell identification: PL011 r1p5 (UARTPeriphID0..3, UARTPCellID0..3). */
    static const uint8_t ids[8] = {0x11, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
    VmUart *u = &vm->uart;
    if (off >= 0xfe0 && off < 0x1000 && !(off & 3)) {
        *v = ids[(off - 0xfe0) / 4];
        return true;
    }
    switch (off) {
    case VM_PL011_DR:
        vm_uart_poll_input(u);
        *v = u->rx_full ? u->rx : 0;
        u->rx_full = false;
        break;
    case VM_PL011_FR:
        vm_uart_poll_input(u);
        *v = VM_PL011_FR_TXFE | (u->rx_full ? 0 : VM_PL011_FR_RXFE);
        break;
    case VM_PL011_RIS: *v = vm_pl011_ris(u); break;
    case VM_PL011_MIS: *v = vm_pl011_ris(u) & u->pl011_regs[VM_PL011_IMSC / 4]; break;
    default:
        *v = off < sizeof(u->pl011_regs) && !(off & 3) ? u->pl011_regs[off / 4] : 0;
        break;
    }
    vm_pl011_update_irq(vm);
    return true;
}

static bool vm_pl011_write(Vm *vm, uint64_t off, uint64_t v)
{
    VmUart *u = &vm->uart;
    if (off == VM_PL011_DR) {
        vm_uart_output(u, (uint8_t)v);
        u->pl011_tx_ris = VM_PL011_INT_TX;
    } else if (off == VM_PL011_ICR) {
        u->pl011_tx_ris &= ~(uint32_t)v;
    } else if (off < sizeof(u->pl011_regs) && !(off & 3)) {
        __atomic_store_n(&u->pl011_regs[off / 4], (uint32_t)v, __ATOMIC_RELAXED);
    }
    vm_pl011_update_irq(vm);
    return true;
}

bool vm_uart_rx_wanted(Vm *vm)
{
    VmUart *u = &vm->uart;
    if (u->in_fd < 0)
        return false;
    if (vm->arch == VM_ARCH_AARCH64)
        return __atomic_load_n(&u->pl011_regs[VM_PL011_IMSC / 4], __ATOMIC_RELAXED) &
               VM_PL011_INT_RX;
    return __atomic_load_n(&u->ier, __ATOMIC_RELAXED) & VM_IER_ERBFI;
}

void vm_uart_poll_rx(Vm *vm)
{
    VmUart *u = &vm->uart;
    bool a64 = vm->arch == VM_ARCH_AARCH64;
    if (!vm_uart_rx_wanted(vm))
        return;
    pthread_mutex_lock(&vm->dev_lock);
    vm_uart_poll_input(u);
    if (a64)
        vm_pl011_update_irq(vm);
    else
        vm_uart_update_irq(vm);
    pthread_mutex_unlock(&vm->dev_lock);
}

/* ---- CLINT and test finisher -------------------------------------------------------- */

static bool vm_clint_read(Vm *vm, uint64_t off, unsigned size, uint64_t *v)
{
    if (off < 4ull * vm->nharts) {
        *v = __atomic_load_n(&vm->harts[off / 4]->mip_hw, __ATOMIC_ACQUIRE) >> VM_IRQ_MSI & 1;
    } else if (off >= 0x4000 && off < 0x4000 + 8ull * vm->nharts) {
        *v = vm->mtimecmp[(off - 0x4000) / 8] >> (8 * (off & 4));
    } else if (off >= 0xbff8 && off < 0xc000) {
        *v = vm_mtime() >> (8 * (off & 4));
    } else {
        *v = 0;
    }
    if (size == 4)
        *v &= 0xffffffffull;
    return true;
}

static bool vm_clint_write(Vm *vm, uint64_t off, unsigned size, uint64_t v)
{
    if (off < 4ull * vm->nharts) {
        vm_set_mip_hw(vm->harts[off / 4], VM_MIP_BIT(VM_IRQ_MSI), v & 1);
    } else if (off >= 0x4000 && off < 0x4000 + 8ull * vm->nharts) {
        unsigned h = (unsigned)((off - 0x4000) / 8);
        uint64_t cmp = vm->mtimecmp[h]; /* writers hold dev_lock; harts read atomically */
        if (size == 8)
            cmp = v;
        else if (off & 4)
            cmp = (cmp & 0xffffffffull) | (v << 32);
        else
            cmp = (cmp & ~0xffffffffull) | (v & 0xffffffffull);
        __atomic_store_n(&vm->mtimecmp[h], cmp, __ATOMIC_RELEASE);
        vm_hart_kick(vm->harts[h]);
        vm_timer_changed(vm);
    }
    /* mtime is the host clock: writes to it are ignored. */
    return true;
}

static void vm_test_write(Vm *vm, uint64_t v)
{
    uint32_t code = (uint32_t)v & 0xffff;
    if (code == 0x5555)
        vm_request_shutdown(vm, 0);
    else if (code == 0x3333)
        vm_request_shutdown(vm, (int)((v >> 16) & 0xffff));
    else if (code == 0x7777) /* reset: this machine powers off instead */
        vm_request_shutdown(vm, 0);
}

/* ---- Bus ------------------------------------------------------------------------------ */

static bool vm_in(uint64_t a, uint64_t base, uint64_t size, uint64_t *off)
{
    *off = a - base;
    return a >= base && a - base < size;
}

bool vm_mmio_read(VmHart *h, uint64_t paddr, unsigned size, uint64_t *value)
{
    Vm *vm = h->vm;
    uint64_t off;
    bool ok = true;
    *value = 0;
    if (vm->arch == VM_ARCH_AARCH64) {
        if (!vm_is_device(vm, paddr))
            return false;
        if (vm_in(paddr, VM_A64_VIRTIO_BASE, VM_A64_VIRTIO_SLOTS * VM_A64_VIRTIO_STRIDE, &off))
            return vm->blk && off < VM_A64_VIRTIO_STRIDE ? vm_blk_read(vm->blk, off, size, value)
                                                         : true; /* empty: magic 0 */
        pthread_mutex_lock(&vm->dev_lock);
        if (vm_in(paddr, VM_PL011_BASE, VM_PL011_SIZE, &off))
            vm_pl011_read(vm, off, value);
        else
            vm_gic_read(h, paddr, size, value);
        pthread_mutex_unlock(&vm->dev_lock);
        if (size < 8)
            *value &= fvp_mask(8 * size);
        return true;
    }
    if (vm->htif.tohost && (paddr & VM_PAGE_MASK) == (vm->htif.tohost & VM_PAGE_MASK))
        return vm_htif_read(vm, paddr, size, value);
    if (vm_in(paddr, VM_VIRTIO_BASE, VM_VIRTIO_SLOTS * VM_VIRTIO_STRIDE, &off)) {
        /* The block device locks itself (its I/O thread shares the state). */
        if (vm->blk && off < VM_VIRTIO_STRIDE)
            return vm_blk_read(vm->blk, off, size, value);
        return true; /* empty slot: magic 0 means no device */
    }
    pthread_mutex_lock(&vm->dev_lock);
    if (vm_in(paddr, VM_UART_BASE, VM_UART_SIZE, &off))
        ok = vm_uart_read(vm, off, value);
    else if (vm_in(paddr, VM_CLINT_BASE, VM_CLINT_SIZE, &off))
        ok = vm_clint_read(vm, off, size, value);
    else if (vm_in(paddr, VM_PLIC_BASE, VM_PLIC_SIZE, &off))
        ok = vm_plic_read(vm, off, value);
    else if (vm_in(paddr, VM_TEST_BASE, VM_TEST_SIZE, &off))
        *value = 0;
    else
        ok = false;
    pthread_mutex_unlock(&vm->dev_lock);
    if (size < 8)
        *value &= fvp_mask(8 * size);
    return ok;
}

bool vm_mmio_write(VmHart *h, uint64_t paddr, unsigned size, uint64_t value)
{
    Vm *vm = h->vm;
    uint64_t off;
    bool ok = true;
    if (size < 8)
        value &= fvp_mask(8 * size);
    if (vm->arch == VM_ARCH_AARCH64) {
        if (!vm_is_device(vm, paddr))
            return false;
        if (vm_in(paddr, VM_A64_VIRTIO_BASE, VM_A64_VIRTIO_SLOTS * VM_A64_VIRTIO_STRIDE, &off))
            return vm->blk && off < VM_A64_VIRTIO_STRIDE ? vm_blk_write(vm->blk, off, size, value)
                                                         : true;
        pthread_mutex_lock(&vm->dev_lock);
        if (vm_in(paddr, VM_PL011_BASE, VM_PL011_SIZE, &off))
            vm_pl011_write(vm, off, value);
        else
            vm_gic_write(h, paddr, size, value);
        pthread_mutex_unlock(&vm->dev_lock);
        return true;
    }
    if (vm->htif.tohost && (paddr & VM_PAGE_MASK) == (vm->htif.tohost & VM_PAGE_MASK))
        return vm_htif_write(vm, paddr, size, value);
    if (vm_in(paddr, VM_VIRTIO_BASE, VM_VIRTIO_SLOTS * VM_VIRTIO_STRIDE, &off)) {
        if (vm->blk && off < VM_VIRTIO_STRIDE)
            return vm_blk_write(vm->blk, off, size, value);
        return true;
    }
    if (vm_in(paddr, VM_TEST_BASE, VM_TEST_SIZE, &off)) {
        if (off == 0)
            vm_test_write(vm, value);
        return true;
    }
    pthread_mutex_lock(&vm->dev_lock);
    if (vm_in(paddr, VM_UART_BASE, VM_UART_SIZE, &off))
        ok = vm_uart_write(vm, off, value);
    else if (vm_in(paddr, VM_CLINT_BASE, VM_CLINT_SIZE, &off))
        ok = vm_clint_write(vm, off, size, value);
    else if (vm_in(paddr, VM_PLIC_BASE, VM_PLIC_SIZE, &off))
        ok = vm_plic_write(vm, off, value);
    else
        ok = false;
    pthread_mutex_unlock(&vm->dev_lock);
    return ok;
}

void vm_dev_init(Vm *vm)
{
    memset(&vm->uart, 0, sizeof(vm->uart));
    vm->uart.out = vm->config.console ? vm->config.console : stdout;
    vm->uart.in_fd = vm->config.console_in_fd;
    memset(&vm->plic, 0, sizeof(vm->plic));
    vm_gic_reset(&vm->gic);
    for (unsigned i = 0; i < VM_MAX_HARTS; i++)
        vm->mtimecmp[i] = UINT64_MAX;
}

void vm_dev_fini(Vm *vm)
{
    fflush(vm->uart.out);
}
