/* System VM, AArch64 machine: a GICv2 (distributor and CPU interface) and the generic timer. */
#include <string.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/*
 *   CNTV_CTL/CVAL ---level---> PPI 27 --+
 *   CNTP_CTL/CVAL ---level---> PPI 30 --+--> distributor: enabled? not active?
 *   virtio-blk ------line----> SPI 48 --+    priority < PMR, both interfaces on?
 *   GICD_ISPENDR, SGIR -----> latched --+
 *                                              |
 *   hart loop, PSTATE.I clear: IRQ exception <-+  GICC_IAR: id, active; GICC_EOIR: done
 *
 * One CPU (the machine's only one): SGIs are accepted but only ever target it. Timer
 * levels are computed when asked (the counter is the read_time helper's 10 MHz clock, the
 * one CNTVCT_EL0 and CNTFRQ_EL0 report), so nothing runs between guest blocks; with a
 * compiler, vm_timer.c kicks the CPU when a timer comes due, and line changes kick CPU 0.
 */
enum {
    GICD_CTLR = 0x000,
    GICD_TYPER = 0x004,
    GICD_IIDR = 0x008,
    GICD_ISENABLER = 0x100,
    GICD_ICENABLER = 0x180,
    GICD_ISPENDR = 0x200,
    GICD_ICPENDR = 0x280,
    GICD_ISACTIVER = 0x300,
    GICD_ICACTIVER = 0x380,
    GICD_IPRIORITYR = 0x400,
    GICD_ITARGETSR = 0x800,
    GICD_ICFGR = 0xc00,
    GICD_SGIR = 0xf00,
    GICC_CTLR = 0x00,
    GICC_PMR = 0x04,
    GICC_BPR = 0x08,
    GICC_IAR = 0x0c,
    GICC_EOIR = 0x10,
    GICC_RPR = 0x14,
    GICC_HPPIR = 0x18,
    GICC_IIDR = 0xfc,
    GIC_SPURIOUS = 1023,
};

#define A64_TIMER_ENABLE 1u
#define A64_TIMER_IMASK 2u
#define A64_TIMER_ISTATUS 4u

uint64_t vm_arm_counter(VmHart *h)
{
    return rt_helper_fns[IR_HELPER_READ_TIME](&h->cpu, 0, 0, 0);
}

/* Whether a timer's condition holds (ISTATUS) and it is enabled and unmasked. */
static bool vm_timer_fires(const VmArmTimer *t, uint64_t now)
{
    return (t->ctl & A64_TIMER_ENABLE) && !(t->ctl & A64_TIMER_IMASK) && now >= t->cval;
}

static void vm_gic_set_bit(uint32_t *words, unsigned i, bool on)
{
    if (on)
        words[i / 32] |= 1u << (i % 32);
    else
        words[i / 32] &= ~(1u << (i % 32));
}

/* Pending word n: latched (software, SGIs), device lines and timer levels. */
static uint32_t vm_gic_pending_word(VmHart *h, unsigned n, uint64_t now)
{
    VmGic *g = &h->vm->gic;
    uint32_t p = g->pending[n] | g->line[n];
    if (n == 0) {
        if (vm_timer_fires(&h->arm.vtimer, now))
            p |= 1u << VM_GIC_PPI_VTIMER;
        if (vm_timer_fires(&h->arm.ptimer, now))
            p |= 1u << VM_GIC_PPI_PTIMER;
    }
    return p;
}

/* Highest-priority pending, enabled, inactive interrupt whose priority passes PMR. */
static int vm_gic_best(VmHart *h)
{
    VmGic *g = &h->vm->gic;
    if (!(g->dist_ctlr & 1) || !(g->cpu_ctlr & 1))
        return -1;
    uint64_t now = vm_arm_counter(h);
    int best = -1;
    unsigned best_prio = g->pmr;
    for (unsigned n = 0; n < VM_GIC_WORDS; n++) {
        uint32_t cand = vm_gic_pending_word(h, n, now) & g->enabled[n] & ~g->active[n];
        for (; cand; cand &= cand - 1) {
            unsigned i = 32 * n + (unsigned)__builtin_ctz(cand);
            if (g->priority[i] < best_prio) {
                best = (int)i;
                best_prio = g->priority[i];
            }
        }
    }
    return best;
}

bool vm_arm_irq_pending(VmHart *h)
{
    return vm_gic_best(h) >= 0;
}

/* Interrupts go to CPU 0 only: makes it look (and leave a compiled loop). */
static void vm_gic_kick(Vm *vm)
{
    vm_hart_kick(vm->harts[0]);
}

void vm_gic_set_line_locked(Vm *vm, unsigned intid, bool level)
{
    fvp_assert(intid >= 32 && intid < VM_GIC_IRQS);
    vm_gic_set_bit(vm->gic.line, intid, level);
    if (level)
        vm_gic_kick(vm);
}

void vm_gic_set_line(Vm *vm, unsigned intid, bool level)
{
    pthread_mutex_lock(&vm->dev_lock);
    vm_gic_set_line_locked(vm, intid, level);
    pthread_mutex_unlock(&vm->dev_lock);
}

/* The bank (one bit per interrupt) a register offset addresses, and the word in it. */
static uint32_t *vm_gic_bank(VmGic *g, uint64_t off, unsigned *word)
{
    *word = (unsigned)(off & 0x7f) / 4;
    if (*word >= VM_GIC_WORDS)
        return NULL;
    switch (off & ~0x7full) {
    case GICD_ISENABLER:
    case GICD_ICENABLER: return g->enabled;
    case GICD_ISPENDR:
    case GICD_ICPENDR: return g->pending;
    case GICD_ISACTIVER:
    case GICD_ICACTIVER: return g->active;
    default: return NULL;
    }
}

static bool vm_gicd_read(VmHart *h, uint64_t off, unsigned size, uint64_t *v)
{
    VmGic *g = &h->vm->gic;
    *v = 0;
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + VM_GIC_IRQS) {
        for (unsigned i = 0; i < size && off - GICD_IPRIORITYR + i < VM_GIC_IRQS; i++)
            *v |= (uint64_t)g->priority[off - GICD_IPRIORITYR + i] << (8 * i);
        return true;
    }
    if (off >= GICD_ITARGETSR && off < GICD_ITARGETSR + VM_GIC_IRQS) {
        for (unsigned i = 0; i < size; i++)
            *v |= 1ull << (8 * i); /* everything targets CPU 0 */
        return true;
    }
    if (off >= GICD_ISENABLER && off < GICD_ICACTIVER + 0x80) {
        unsigned word;
        uint32_t *bank = vm_gic_bank(g, off & ~3ull, &word);
        if (bank == g->pending)
            *v = vm_gic_pending_word(h, word, vm_arm_counter(h));
        else if (bank)
            *v = bank[word];
        return true; /* interrupts this GIC does not have: RAZ */
    }
    switch (off) {
    case GICD_CTLR: *v = g->dist_ctlr; break;
    case GICD_TYPER: *v = VM_GIC_WORDS - 1; break; /* ITLinesNumber; one CPU */
    case GICD_IIDR: *v = 0x0200043bu; break;       /* Arm, GICv2 */
    default:
        if (off >= GICD_ICFGR && off < GICD_ICFGR + VM_GIC_IRQS / 4)
            *v = g->icfg[(off - GICD_ICFGR) / 4];
        break;
    }
    return true;
}

static bool vm_gicd_write(VmHart *h, uint64_t off, unsigned size, uint64_t v)
{
    VmGic *g = &h->vm->gic;
    if (off >= GICD_IPRIORITYR && off < GICD_IPRIORITYR + VM_GIC_IRQS) {
        for (unsigned i = 0; i < size && off - GICD_IPRIORITYR + i < VM_GIC_IRQS; i++)
            g->priority[off - GICD_IPRIORITYR + i] = (uint8_t)(v >> (8 * i));
        return true;
    }
    if (off >= GICD_ISENABLER && off < GICD_ICACTIVER + 0x80) {
        unsigned word;
        uint32_t *bank = vm_gic_bank(g, off & ~3ull, &word);
        bool set = ((off >> 7) & 1) == 0; /* IS* at even 0x80 blocks, IC* at odd ones */
        if (bank && set)
            bank[word] |= (uint32_t)v;
        else if (bank)
            bank[word] &= ~(uint32_t)v;
        g->enabled[0] |= 0xffff; /* SGIs stay enabled */
        return true;
    }
    if (off == GICD_CTLR)
        g->dist_ctlr = (uint32_t)v & 1;
    else if (off == GICD_SGIR)
        vm_gic_set_bit(g->pending, (unsigned)(v & 15), true); /* to this (the only) CPU */
    else if (off >= GICD_ICFGR && off < GICD_ICFGR + VM_GIC_IRQS / 4)
        g->icfg[(off - GICD_ICFGR) / 4] = (uint32_t)v;
    return true;
}

static bool vm_gicc_read(VmHart *h, uint64_t off, uint64_t *v)
{
    VmGic *g = &h->vm->gic;
    int best;
    switch (off) {
    case GICC_CTLR: *v = g->cpu_ctlr; break;
    case GICC_PMR: *v = g->pmr; break;
    case GICC_BPR: *v = g->bpr; break;
    case GICC_IAR:
        best = vm_gic_best(h);
        if (best < 0) {
            *v = GIC_SPURIOUS;
            break;
        }
        /* Latched sources are taken; lines and timers stay pending while high. */
        vm_gic_set_bit(g->active, (unsigned)best, true);
        vm_gic_set_bit(g->pending, (unsigned)best, false);
        g->running_prio = g->priority[best];
        *v = (uint64_t)best;
        break;
    case GICC_RPR: {
        bool any = false;
        for (unsigned n = 0; n < VM_GIC_WORDS; n++)
            any |= g->active[n] != 0;
        *v = any ? g->running_prio : 0xff;
        break;
    }
    case GICC_HPPIR: best = vm_gic_best(h); *v = best < 0 ? GIC_SPURIOUS : (uint64_t)best; break;
    case GICC_IIDR: *v = 0x0202043bu; break;
    default: *v = 0; break;
    }
    return true;
}

static bool vm_gicc_write(VmHart *h, uint64_t off, uint64_t v)
{
    VmGic *g = &h->vm->gic;
    switch (off) {
    case GICC_CTLR: g->cpu_ctlr = (uint32_t)v & 1; break;
    case GICC_PMR: g->pmr = (uint8_t)v; break;
    case GICC_BPR: g->bpr = (uint8_t)(v & 7); break;
    case GICC_EOIR:
        if ((v & 0x3ff) < VM_GIC_IRQS)
            vm_gic_set_bit(g->active, (unsigned)(v & 0x3ff), false);
        break;
    default: break;
    }
    return true;
}

bool vm_gic_read(VmHart *h, uint64_t paddr, unsigned size, uint64_t *v)
{
    if (paddr >= VM_GICD_BASE && paddr < VM_GICD_BASE + VM_GIC_REGION)
        return vm_gicd_read(h, paddr - VM_GICD_BASE, size, v);
    return vm_gicc_read(h, paddr - VM_GICC_BASE, v);
}

bool vm_gic_write(VmHart *h, uint64_t paddr, unsigned size, uint64_t v)
{
    if (paddr >= VM_GICD_BASE && paddr < VM_GICD_BASE + VM_GIC_REGION) {
        bool ok = vm_gicd_write(h, paddr - VM_GICD_BASE, size, v);
        if (h->id != 0) /* pending, enable or SGI changes for CPU 0 */
            vm_gic_kick(h->vm);
        return ok;
    }
    return vm_gicc_write(h, paddr - VM_GICC_BASE, v);
}

void vm_gic_reset(VmGic *g)
{
    memset(g, 0, sizeof(*g));
    g->enabled[0] = 0xffff; /* SGIs are always enabled in GICv2 */
}

/* ---- Generic timer system registers ------------------------------------------------- */

bool vm_arm_timer_read(VmHart *h, unsigned reg, uint64_t *v)
{
    uint64_t now = vm_arm_counter(h);
    VmArmTimer *t = (reg >> 3 & 15) == 3 ? &h->arm.vtimer : &h->arm.ptimer;
    if (reg == VM_SR_CNTPCT) {
        *v = now;
        return true;
    }
    if ((reg >> 3) != (VM_SR_CNTP_TVAL >> 3) && (reg >> 3) != (VM_SR_CNTV_TVAL >> 3))
        return false;
    switch (reg & 7) {
    case 0: *v = (uint64_t)(int64_t)(int32_t)(t->cval - now); return true; /* TVAL */
    case 1: *v = t->ctl | (now >= t->cval ? A64_TIMER_ISTATUS : 0); return true;
    case 2: *v = t->cval; return true;
    default: return false;
    }
}

bool vm_arm_timer_write(VmHart *h, unsigned reg, uint64_t v)
{
    VmArmTimer *t = (reg >> 3 & 15) == 3 ? &h->arm.vtimer : &h->arm.ptimer;
    if ((reg >> 3) != (VM_SR_CNTP_TVAL >> 3) && (reg >> 3) != (VM_SR_CNTV_TVAL >> 3))
        return false;
    /* Atomic stores: the timer thread reads them (vm_arm_timer_deadline). */
    switch (reg & 7) {
    case 0:
        __atomic_store_n(&t->cval, vm_arm_counter(h) + (uint64_t)(int64_t)(int32_t)v,
                         __ATOMIC_RELAXED);
        break;
    case 1:
        __atomic_store_n(&t->ctl, (uint32_t)v & (A64_TIMER_ENABLE | A64_TIMER_IMASK),
                         __ATOMIC_RELAXED);
        break;
    case 2: __atomic_store_n(&t->cval, v, __ATOMIC_RELAXED); break;
    default: return false;
    }
    vm_timer_changed(h->vm);
    return true;
}

uint64_t vm_arm_timer_deadline(const VmHart *h)
{
    uint64_t d = UINT64_MAX;
    const VmArmTimer *timers[] = {&h->arm.vtimer, &h->arm.ptimer};
    for (size_t i = 0; i < FVP_ARRAY_LEN(timers); i++) {
        uint32_t ctl = __atomic_load_n(&timers[i]->ctl, __ATOMIC_RELAXED);
        if ((ctl & A64_TIMER_ENABLE) && !(ctl & A64_TIMER_IMASK))
            d = FVP_MIN(d, __atomic_load_n(&timers[i]->cval, __ATOMIC_RELAXED));
    }
    return d;
}
