/* System VM privileged architecture: CSRs, trap entry, interrupts, mret/sret/wfi/sfence.vma. */
#include <errno.h>
#include <string.h>
#include <time.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/* misa: RV64 with A, C, D, F, I, M, S, U. */
#define VM_MISA ((2ull << 62) | (1u << 0) | (1u << 2) | (1u << 3) | (1u << 5) | (1u << 8) |     \
                 (1u << 12) | (1u << 18) | (1u << 20))
#define VM_MSTATUS_WRITABLE                                                                        \
    (VM_MSTATUS_SIE | VM_MSTATUS_MIE | VM_MSTATUS_SPIE | VM_MSTATUS_MPIE | VM_MSTATUS_SPP |        \
     VM_MSTATUS_MPP | VM_MSTATUS_FS | VM_MSTATUS_MPRV | VM_MSTATUS_SUM | VM_MSTATUS_MXR |          \
     VM_MSTATUS_TVM | VM_MSTATUS_TW | VM_MSTATUS_TSR)
#define VM_SSTATUS_MASK                                                                            \
    (VM_MSTATUS_SIE | VM_MSTATUS_SPIE | VM_MSTATUS_SPP | VM_MSTATUS_FS | VM_MSTATUS_SUM |          \
     VM_MSTATUS_MXR | VM_MSTATUS_UXL | VM_MSTATUS_SD)
#define VM_S_INTERRUPTS (VM_MIP_BIT(VM_IRQ_SSI) | VM_MIP_BIT(VM_IRQ_STI) | VM_MIP_BIT(VM_IRQ_SEI))
#define VM_ALL_INTERRUPTS (VM_S_INTERRUPTS | VM_MIP_BIT(VM_IRQ_MSI) | VM_MIP_BIT(VM_IRQ_MTI) |     \
                           VM_MIP_BIT(VM_IRQ_MEI))
enum { VM_PMP_ENTRIES = 16 };
/* Exceptions S-mode may handle: everything but ecall from M. */
#define VM_MEDELEG_WRITABLE 0xb3ffull

enum {
    CSR_SSTATUS = 0x100, CSR_SIE = 0x104, CSR_STVEC = 0x105, CSR_SCOUNTEREN = 0x106,
    CSR_SENVCFG = 0x10a, CSR_SSCRATCH = 0x140, CSR_SEPC = 0x141, CSR_SCAUSE = 0x142,
    CSR_STVAL = 0x143, CSR_SIP = 0x144, CSR_STIMECMP = 0x14d, CSR_SATP = 0x180,
    CSR_MSTATUS = 0x300, CSR_MISA = 0x301, CSR_MEDELEG = 0x302, CSR_MIDELEG = 0x303,
    CSR_MIE = 0x304, CSR_MTVEC = 0x305, CSR_MCOUNTEREN = 0x306, CSR_MENVCFG = 0x30a,
    CSR_MCOUNTINHIBIT = 0x320, CSR_MSCRATCH = 0x340, CSR_MEPC = 0x341, CSR_MCAUSE = 0x342,
    CSR_MTVAL = 0x343, CSR_MIP = 0x344, CSR_PMPCFG0 = 0x3a0, CSR_PMPADDR0 = 0x3b0,
    CSR_MCYCLE = 0xb00, CSR_MINSTRET = 0xb02, CSR_MVENDORID = 0xf11, CSR_MARCHID = 0xf12,
    CSR_MIMPID = 0xf13, CSR_MHARTID = 0xf14, CSR_MCONFIGPTR = 0xf15,
};

#define VM_MENVCFG_WRITABLE (1ull | VM_MENVCFG_STCE) /* FIOM, STCE */
#define VM_MCOUNTEREN_TM (1ull << 1)

uint64_t vm_hart_mip(VmHart *h)
{
    uint64_t mip = h->mip_sw | __atomic_load_n(&h->mip_hw, __ATOMIC_ACQUIRE);
    uint64_t cmp = __atomic_load_n(&h->vm->mtimecmp[h->id], __ATOMIC_ACQUIRE);
    uint64_t now = vm_mtime();
    if (cmp != UINT64_MAX && now >= cmp)
        mip |= VM_MIP_BIT(VM_IRQ_MTI);
    if (h->menvcfg & VM_MENVCFG_STCE) { /* Sstc: STIP follows stimecmp, not software */
        mip &= ~VM_MIP_BIT(VM_IRQ_STI);
        if (now >= h->stimecmp)
            mip |= VM_MIP_BIT(VM_IRQ_STI);
    }
    return mip;
}

static void vm_set_priv(VmHart *h, unsigned priv)
{
    h->priv = priv;
    vm_hart_select_tlb(h);
}

void vm_trap_take(VmHart *h, uint64_t cause, bool interrupt, uint64_t epc, uint64_t tval)
{
    uint64_t deleg = interrupt ? h->mideleg : h->medeleg;
    uint64_t mcause = cause | (interrupt ? 1ull << 63 : 0);
    if (interrupt)
        h->stats.interrupts++;
    else
        h->stats.exceptions++;
    h->state.reserve_addr = RV_NO_RESERVATION;
    if (h->priv <= VM_PRIV_S && (deleg >> cause & 1)) {
        h->scause = mcause;
        h->sepc = epc;
        h->stval = tval;
        uint64_t s = h->mstatus & ~(VM_MSTATUS_SPIE | VM_MSTATUS_SIE | VM_MSTATUS_SPP);
        if (h->mstatus & VM_MSTATUS_SIE)
            s |= VM_MSTATUS_SPIE;
        if (h->priv == VM_PRIV_S)
            s |= VM_MSTATUS_SPP;
        h->mstatus = s;
        uint64_t base = h->stvec & ~3ull;
        h->state.hdr.pc = base + ((h->stvec & 1) && interrupt ? 4 * cause : 0);
        vm_set_priv(h, VM_PRIV_S);
        return;
    }
    h->mcause = mcause;
    h->mepc = epc;
    h->mtval = tval;
    uint64_t m = h->mstatus & ~(VM_MSTATUS_MPIE | VM_MSTATUS_MIE | VM_MSTATUS_MPP);
    if (h->mstatus & VM_MSTATUS_MIE)
        m |= VM_MSTATUS_MPIE;
    m |= (uint64_t)h->priv << 11;
    h->mstatus = m;
    uint64_t base = h->mtvec & ~3ull;
    h->state.hdr.pc = base + ((h->mtvec & 1) && interrupt ? 4 * cause : 0);
    vm_set_priv(h, VM_PRIV_M);
}

/* The interrupt to take now, or -1. Priority order of the privileged spec. */
static int vm_pending_interrupt(VmHart *h)
{
    static const int order[] = {VM_IRQ_MEI, VM_IRQ_MSI, VM_IRQ_MTI,
                                VM_IRQ_SEI, VM_IRQ_SSI, VM_IRQ_STI};
    uint64_t pending = vm_hart_mip(h) & h->mie;
    if (!pending)
        return -1;
    bool m_on = h->priv < VM_PRIV_M || (h->mstatus & VM_MSTATUS_MIE);
    bool s_on = h->priv < VM_PRIV_S || (h->priv == VM_PRIV_S && (h->mstatus & VM_MSTATUS_SIE));
    uint64_t take = (m_on ? pending & ~h->mideleg : 0) | (s_on ? pending & h->mideleg : 0);
    for (size_t i = 0; i < FVP_ARRAY_LEN(order); i++)
        if (take >> order[i] & 1)
            return order[i];
    return -1;
}

bool vm_check_interrupts(VmHart *h)
{
    int irq = vm_pending_interrupt(h);
    if (irq < 0)
        return false;
    vm_trap_take(h, (uint64_t)irq, true, h->state.hdr.pc, 0);
    return true;
}

void vm_hart_wait(VmHart *h)
{
    Vm *vm = h->vm;
    while (!__atomic_load_n(&vm->shutdown, __ATOMIC_ACQUIRE) && !(vm_hart_mip(h) & h->mie)) {
        if (h->id == 0)
            vm_uart_poll_rx(vm); /* console input may be what the hart waits for */
        /* Sleep until a device kicks us or the timer comparator is due (at most 10 ms, so
         * a comparator written by another hart is never missed for long). */
        uint64_t cmp = __atomic_load_n(&vm->mtimecmp[h->id], __ATOMIC_ACQUIRE);
        uint64_t now = vm_mtime();
        uint64_t ticks = VM_TIMEBASE_HZ / 100;
        if ((h->mie & VM_MIP_BIT(VM_IRQ_MTI)) && cmp > now && cmp - now < ticks)
            ticks = cmp - now;
        if ((h->mie & VM_MIP_BIT(VM_IRQ_STI)) && (h->menvcfg & VM_MENVCFG_STCE) &&
            h->stimecmp > now && h->stimecmp - now < ticks)
            ticks = h->stimecmp - now;
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        uint64_t ns = (uint64_t)ts.tv_nsec + ticks * (1000000000ull / VM_TIMEBASE_HZ);
        ts.tv_sec += (time_t)(ns / 1000000000ull);
        ts.tv_nsec = (long)(ns % 1000000000ull);
        pthread_mutex_lock(&h->lock);
        if (!atomic_exchange_explicit(&h->wake_flag, 0, memory_order_acq_rel))
            pthread_cond_timedwait(&h->cond, &h->lock, &ts);
        pthread_mutex_unlock(&h->lock);
    }
}

/* ---- CSRs ---------------------------------------------------------------------------- */

static uint64_t vm_mstatus_read(const VmHart *h)
{
    uint64_t s = h->mstatus | (2ull << 32) | (2ull << 34); /* UXL = SXL = 64 */
    if ((s & VM_MSTATUS_FS) == VM_MSTATUS_FS)
        s |= VM_MSTATUS_SD;
    return s;
}

static void vm_mstatus_write(VmHart *h, uint64_t v, uint64_t mask)
{
    uint64_t old = h->mstatus;
    uint64_t next = (old & ~mask) | (v & mask);
    if (((next & VM_MSTATUS_MPP) >> 11) == 2)
        next &= ~VM_MSTATUS_MPP; /* reserved MPP: U */
    h->mstatus = next;
    uint64_t translation = VM_MSTATUS_MPRV | VM_MSTATUS_MPP | VM_MSTATUS_SUM | VM_MSTATUS_MXR;
    if ((old ^ next) & translation & (VM_MSTATUS_SUM | VM_MSTATUS_MXR))
        vm_hart_flush(h);
    vm_hart_select_tlb(h);
}

/* Reads csr; false if it does not exist (illegal instruction). */
static bool vm_csr_read(VmHart *h, unsigned csr, uint64_t *v)
{
    /* 16 PMP entries (as QEMU's virt harts): pmpcfg0, pmpcfg2, pmpaddr0..15; the rest of
     * the PMP CSRs are read-only zero. Odd pmpcfg CSRs do not exist on RV64. */
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 16) {
        unsigned i = csr - CSR_PMPCFG0;
        *v = i < VM_PMP_ENTRIES / 8 * 2 ? h->pmpcfg[i] : 0;
        return !(csr & 1);
    }
    if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + 64) {
        unsigned i = csr - CSR_PMPADDR0;
        *v = i < VM_PMP_ENTRIES ? h->pmpaddr[i] : 0;
        return true;
    }
    if ((csr >= 0xb03 && csr <= 0xb1f) || (csr >= 0x323 && csr <= 0x33f)) {
        *v = 0; /* hardware performance monitors: not implemented, read zero */
        return true;
    }
    switch (csr) {
    case CSR_SSTATUS: *v = vm_mstatus_read(h) & VM_SSTATUS_MASK; break;
    case CSR_SIE: *v = h->mie & h->mideleg; break;
    case CSR_STVEC: *v = h->stvec; break;
    case CSR_SCOUNTEREN: *v = h->scounteren; break;
    case CSR_SENVCFG: *v = h->senvcfg; break;
    case CSR_SSCRATCH: *v = h->sscratch; break;
    case CSR_SEPC: *v = h->sepc; break;
    case CSR_SCAUSE: *v = h->scause; break;
    case CSR_STVAL: *v = h->stval; break;
    case CSR_SIP: *v = vm_hart_mip(h) & h->mideleg; break;
    case CSR_SATP: *v = h->satp; break;
    case CSR_STIMECMP: *v = h->stimecmp; break;
    case CSR_MSTATUS: *v = vm_mstatus_read(h); break;
    case CSR_MISA: *v = VM_MISA; break;
    case CSR_MEDELEG: *v = h->medeleg; break;
    case CSR_MIDELEG: *v = h->mideleg; break;
    case CSR_MIE: *v = h->mie; break;
    case CSR_MTVEC: *v = h->mtvec; break;
    case CSR_MCOUNTEREN: *v = h->mcounteren; break;
    case CSR_MENVCFG: *v = h->menvcfg; break;
    case CSR_MCOUNTINHIBIT: *v = 0; break;
    case CSR_MSCRATCH: *v = h->mscratch; break;
    case CSR_MEPC: *v = h->mepc; break;
    case CSR_MCAUSE: *v = h->mcause; break;
    case CSR_MTVAL: *v = h->mtval; break;
    case CSR_MIP: *v = vm_hart_mip(h); break;
    case CSR_MCYCLE: *v = rt_helper_fns[IR_HELPER_READ_CYCLE](&h->cpu, 0, 0, 0); break;
    case CSR_MINSTRET: *v = h->cpu.stats.interp_insns + h->cpu.stats.jit_insns; break;
    case CSR_MVENDORID:
    case CSR_MARCHID:
    case CSR_MIMPID:
    case CSR_MCONFIGPTR: *v = 0; break;
    case CSR_MHARTID: *v = h->id; break;
    default: return false;
    }
    return true;
}

static void vm_csr_write(VmHart *h, unsigned csr, uint64_t v)
{
    if (csr >= CSR_PMPCFG0 && csr < CSR_PMPCFG0 + 16) {
        if (csr - CSR_PMPCFG0 < VM_PMP_ENTRIES / 8 * 2)
            h->pmpcfg[csr - CSR_PMPCFG0] = v; /* stored, not enforced */
        return;
    }
    if (csr >= CSR_PMPADDR0 && csr < CSR_PMPADDR0 + 64) {
        if (csr - CSR_PMPADDR0 < VM_PMP_ENTRIES)
            h->pmpaddr[csr - CSR_PMPADDR0] = v & ((1ull << 54) - 1);
        return;
    }
    switch (csr) {
    case CSR_SSTATUS: vm_mstatus_write(h, v, VM_MSTATUS_WRITABLE & VM_SSTATUS_MASK); break;
    case CSR_SIE: h->mie = (h->mie & ~h->mideleg) | (v & h->mideleg); break;
    case CSR_STVEC: h->stvec = v & ~2ull; break;
    case CSR_SCOUNTEREN: h->scounteren = v & 0xffffffffull; break;
    case CSR_SENVCFG: h->senvcfg = v & 1; break;
    case CSR_SSCRATCH: h->sscratch = v; break;
    case CSR_SEPC: h->sepc = v & ~1ull; break;
    case CSR_SCAUSE: h->scause = v; break;
    case CSR_STVAL: h->stval = v; break;
    case CSR_SIP: {
        uint64_t m = h->mideleg & VM_MIP_BIT(VM_IRQ_SSI);
        h->mip_sw = (h->mip_sw & ~m) | (v & m);
        break;
    }
    case CSR_SATP: {
        uint64_t mode = v >> 60;
        if (mode != 0 && mode != 8)
            break; /* unsupported modes leave satp unchanged */
        h->satp = v & ~(0xffffull << 44); /* ASIDs not implemented: ASID reads as zero */
        vm_hart_flush(h);
        break;
    }
    case CSR_MSTATUS: vm_mstatus_write(h, v, VM_MSTATUS_WRITABLE); break;
    case CSR_MEDELEG: h->medeleg = v & VM_MEDELEG_WRITABLE; break;
    case CSR_MIDELEG: h->mideleg = v & VM_S_INTERRUPTS; break;
    case CSR_MIE: h->mie = v & VM_ALL_INTERRUPTS; break;
    case CSR_MTVEC: h->mtvec = v & ~2ull; break;
    case CSR_MCOUNTEREN: h->mcounteren = v & 0xffffffffull; break;
    case CSR_MENVCFG: /* the timer thread reads STCE and stimecmp */
        __atomic_store_n(&h->menvcfg, v & VM_MENVCFG_WRITABLE, __ATOMIC_RELAXED);
        vm_timer_changed(h->vm);
        break;
    case CSR_STIMECMP:
        __atomic_store_n(&h->stimecmp, v, __ATOMIC_RELAXED);
        vm_timer_changed(h->vm);
        break;
    case CSR_MSCRATCH: h->mscratch = v; break;
    case CSR_MEPC: h->mepc = v & ~1ull; break;
    case CSR_MCAUSE: h->mcause = v; break;
    case CSR_MTVAL: h->mtval = v; break;
    case CSR_MIP: {
        uint64_t m = VM_S_INTERRUPTS; /* with Sstc, STIP is stimecmp's and read-only */
        if (h->menvcfg & VM_MENVCFG_STCE)
            m &= ~VM_MIP_BIT(VM_IRQ_STI);
        h->mip_sw = (h->mip_sw & ~m) | (v & m);
        break;
    }
    default: break; /* misa, counters, ids: read-only or WARL ignoring writes */
    }
}

static bool vm_exec_csr(VmHart *h, uint32_t insn)
{
    unsigned csr = insn >> 20, rd = (insn >> 7) & 31, rs1 = (insn >> 15) & 31;
    unsigned funct3 = (insn >> 12) & 7;
    bool imm = funct3 & 4;
    unsigned op = funct3 & 3; /* 1 write, 2 set, 3 clear */
    uint64_t src = imm ? rs1 : h->state.x[rs1];
    bool writes = op == 1 || rs1 != 0;
    if (h->priv < ((csr >> 8) & 3) || (writes && (csr >> 10) == 3))
        return false;
    if (csr == CSR_SATP && h->priv == VM_PRIV_S && (h->mstatus & VM_MSTATUS_TVM))
        return false;
    /* Sstc: S-mode reaches stimecmp only with menvcfg.STCE and mcounteren.TM. */
    if (csr == CSR_STIMECMP && h->priv == VM_PRIV_S &&
        (!(h->menvcfg & VM_MENVCFG_STCE) || !(h->mcounteren & VM_MCOUNTEREN_TM)))
        return false;
    uint64_t old = 0;
    if ((op != 1 || rd != 0) && !vm_csr_read(h, csr, &old))
        return false;
    if (op == 1 && rd == 0 && !vm_csr_read(h, csr, &(uint64_t){0}))
        return false;
    if (writes) {
        /* Set/clear of mip start from the software-written bits: a device's SEIP line
         * must not become a latched software bit. */
        uint64_t base = csr == CSR_MIP ? (old & ~VM_S_INTERRUPTS) | h->mip_sw : old;
        uint64_t v = op == 1 ? src : op == 2 ? base | src : base & ~src;
        vm_csr_write(h, csr, v);
    }
    if (rd)
        h->state.x[rd] = old;
    return true;
}

/* ---- Privileged instructions ------------------------------------------------------------ */

void vm_exec_system(VmHart *h, uint64_t pc, uint32_t insn)
{
    bool ok = false;
    h->stats.system++;
    h->state.hdr.pc = pc + 4;
    if ((insn & 0x7f) == 0x73 && (insn & 3) == 3) {
        if (((insn >> 12) & 7) != 0 && ((insn >> 12) & 7) != 4) {
            ok = vm_exec_csr(h, insn);
        } else if (insn == 0x30200073 && h->priv == VM_PRIV_M) { /* mret */
            unsigned mpp = (unsigned)((h->mstatus & VM_MSTATUS_MPP) >> 11);
            uint64_t m = h->mstatus & ~(VM_MSTATUS_MIE | VM_MSTATUS_MPP);
            if (h->mstatus & VM_MSTATUS_MPIE)
                m |= VM_MSTATUS_MIE;
            m |= VM_MSTATUS_MPIE;
            if (mpp != VM_PRIV_M)
                m &= ~VM_MSTATUS_MPRV;
            h->mstatus = m;
            h->state.hdr.pc = h->mepc;
            h->state.reserve_addr = RV_NO_RESERVATION;
            vm_set_priv(h, mpp);
            ok = true;
        } else if (insn == 0x10200073 && h->priv >= VM_PRIV_S &&
                   !(h->priv == VM_PRIV_S && (h->mstatus & VM_MSTATUS_TSR))) { /* sret */
            unsigned spp = (h->mstatus & VM_MSTATUS_SPP) ? VM_PRIV_S : VM_PRIV_U;
            uint64_t s = h->mstatus & ~(VM_MSTATUS_SIE | VM_MSTATUS_SPP | VM_MSTATUS_MPRV);
            if (h->mstatus & VM_MSTATUS_SPIE)
                s |= VM_MSTATUS_SIE;
            s |= VM_MSTATUS_SPIE;
            h->mstatus = s;
            h->state.hdr.pc = h->sepc;
            h->state.reserve_addr = RV_NO_RESERVATION;
            vm_set_priv(h, spp);
            ok = true;
        } else if (insn == 0x10500073 && h->priv >= VM_PRIV_S) { /* wfi */
            vm_hart_wait(h);
            ok = true;
        } else if ((insn & 0xfe007fff) == 0x12000073 && h->priv >= VM_PRIV_S &&
                   !(h->priv == VM_PRIV_S && (h->mstatus & VM_MSTATUS_TVM))) { /* sfence.vma */
            vm_hart_flush(h);
            ok = true;
        }
    }
    if (!ok)
        vm_trap_take(h, VM_EXC_ILLEGAL, false, pc, insn);
}
