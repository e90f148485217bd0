/* System VM, AArch64 machine: the CPU loop, EL0/EL1 exceptions, system registers and PSCI. */
#include <stdio.h>
#include <string.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/*
 * The guest boots at EL1 with the MMU off (vm_arm_mmu.c translates once it is on) and may
 * drop to EL0; the AArch64 frontend is used unchanged. What it does not lift ends the
 * block as `trap illegal` with the instruction bits, and this loop emulates it (the same
 * trap-and-emulate design as the RISC-V machine, vm_run.c):
 *
 *   exit SYSCALL (SVC)           -> synchronous exception to VBAR_EL1 + 0x200 (EC 0x15)
 *   trap breakpoint (BRK)        -> exception (EC 0x3c)
 *   trap illegal: HVC / SMC      -> PSCI call (x0 = function id, result in x0)
 *                 MRS / MSR      -> EL1 system registers (VBAR, ELR, SPSR, ESR, SCTLR...),
 *                                   PSTATE (DAIF, SPSel, CurrentEL), ID registers
 *                 ERET           -> return to ELR with PSTATE from SPSR
 *                 anything else  -> undefined-instruction exception (EC 0)
 *   fault: PL011/GIC register    -> load/store emulated on the device, pc += 4
 *          elsewhere             -> data abort (EC 0x25, FAR)
 *
 * Between blocks (every 16, and after each emulated instruction), with PSTATE.I clear, a
 * GIC interrupt (timer PPIs, SGIs, software-pended) is taken as an IRQ exception.
 */

#define A64_SYSREG VM_A64_SYSREG
enum {
    SR_SCTLR = A64_SYSREG(3, 0, 1, 0, 0),
    SR_CPACR = A64_SYSREG(3, 0, 1, 0, 2),
    SR_TTBR0 = A64_SYSREG(3, 0, 2, 0, 0),
    SR_TTBR1 = A64_SYSREG(3, 0, 2, 0, 1),
    SR_TCR = A64_SYSREG(3, 0, 2, 0, 2),
    SR_SPSR = A64_SYSREG(3, 0, 4, 0, 0),
    SR_ELR = A64_SYSREG(3, 0, 4, 0, 1),
    SR_SP_EL0 = A64_SYSREG(3, 0, 4, 1, 0),
    SR_SPSEL = A64_SYSREG(3, 0, 4, 2, 0),
    SR_CURRENTEL = A64_SYSREG(3, 0, 4, 2, 2),
    SR_DAIF = A64_SYSREG(3, 3, 4, 2, 1),
    SR_ESR = A64_SYSREG(3, 0, 5, 2, 0),
    SR_FAR = A64_SYSREG(3, 0, 6, 0, 0),
    SR_PAR = A64_SYSREG(3, 0, 7, 4, 0),
    SR_MAIR = A64_SYSREG(3, 0, 10, 2, 0),
    SR_AMAIR = A64_SYSREG(3, 0, 10, 3, 0),
    SR_VBAR = A64_SYSREG(3, 0, 12, 0, 0),
    SR_CONTEXTIDR = A64_SYSREG(3, 0, 13, 0, 1),
    SR_TPIDR_EL1 = A64_SYSREG(3, 0, 13, 0, 4),
    SR_CNTKCTL = A64_SYSREG(3, 0, 14, 1, 0),
    SR_MDSCR = A64_SYSREG(2, 0, 0, 2, 2),
    SR_ID_AA64PFR0 = A64_SYSREG(3, 0, 0, 4, 0),
};

/* Exception classes (ESR_ELx.EC). */
enum {
    EC_UNKNOWN = 0x00,
    EC_SVC64 = 0x15,
    EC_SYSREG = 0x18, /* trapped MSR, MRS or system instruction */
    EC_IABORT_SAME = 0x21,
    EC_DABORT_SAME = 0x25,
    EC_BRK64 = 0x3c,
};

/* PSCI 1.1 (Arm DEN 0022): SMC32/SMC64 function ids and return codes. */
enum {
    PSCI_VERSION = 0x84000000u,
    PSCI_CPU_OFF = 0x84000002u,
    PSCI_CPU_ON = 0xc4000003u,       /* SMC64 */
    PSCI_CPU_ON_32 = 0x84000003u,
    PSCI_AFFINITY_INFO = 0xc4000004u,
    PSCI_AFFINITY_INFO_32 = 0x84000004u,
    PSCI_FEATURES = 0x8400000au,
    PSCI_SYSTEM_OFF = 0x84000008u,
    PSCI_SYSTEM_RESET = 0x84000009u,
    PSCI_SUCCESS = 0,
    PSCI_NOT_SUPPORTED = -1,
    PSCI_INVALID_PARAMETERS = -2,
    PSCI_ALREADY_ON = -4,
    PSCI_AFFINITY_ON = 0,
    PSCI_AFFINITY_OFF = 1,
};
#define VM_PSCI_VERSION_1_1 0x10001u
/* x1 of SYSTEM_OFF that makes x2 the exit status (FVP's convention; QEMU ignores it). */
#define VM_A64_EXIT_MAGIC 0x46565045ull

#define VM_A64_SCTLR_RESET 0x30d00800ull /* RES1 bits of ARMv8.0; M, C, I clear */
#define VM_A64_ID_AA64PFR0 0x11ull       /* EL0 and EL1 AArch64; FP and AdvSIMD present */
#define VM_A64_SPSR_EL1H 5ull

void vm_arm_hart_reset(VmHart *h, uint64_t pc, uint64_t x0)
{
    memset(&h->a64, 0, sizeof(h->a64));
    memset(&h->arm, 0, sizeof(h->arm));
    h->a64.hdr.pc = pc;
    h->a64.hdr.fp_round = IR_RM_RNE;
    h->a64.excl_addr = A64_NO_EXCLUSIVE;
    h->a64.x[0] = x0;
    h->arm.daif = 0xf;
    h->arm.spsel = 1;
    h->arm.el = 1;
    h->arm.sctlr = VM_A64_SCTLR_RESET;
    h->priv = VM_PRIV_S;
    vm_hart_select_tlb(h);
}

static uint64_t vm_arm_pstate(const VmHart *h)
{
    const A64State *s = &h->a64;
    uint64_t mode = h->arm.el == 0 ? 0 : h->arm.spsel ? 5 : 4; /* EL0t, EL1h, EL1t */
    return (uint64_t)s->n << 31 | (uint64_t)s->z << 30 | (uint64_t)s->c << 29 |
           (uint64_t)s->v << 28 | (uint64_t)h->arm.daif << 6 | mode;
}

/* The banked stack pointer the current EL and PSTATE.SP select (a64.sp holds its value). */
static uint64_t *vm_arm_sp_bank(VmHart *h)
{
    return h->arm.el == 0 || !h->arm.spsel ? &h->arm.sp_el0 : &h->arm.sp_el1;
}

/* Changes EL and PSTATE.SP: saves the live SP to its bank, loads the new one, and
 * switches the block cache and TLB (EL0: VM_PRIV_U, EL1: VM_PRIV_S). */
static void vm_arm_set_mode(VmHart *h, unsigned el, unsigned spsel)
{
    *vm_arm_sp_bank(h) = h->a64.sp;
    h->arm.el = (uint8_t)el;
    h->arm.spsel = (uint8_t)(spsel & 1);
    h->a64.sp = *vm_arm_sp_bank(h);
    h->priv = el == 0 ? VM_PRIV_U : VM_PRIV_S;
    vm_hart_select_tlb(h);
}

/* Vector offset of an exception taken to EL1: by where it came from, plus 0 for
 * synchronous, 0x80 for IRQ. */
static uint64_t vm_arm_vector(const VmHart *h)
{
    return h->arm.el == 0 ? 0x400 : h->arm.spsel ? 0x200 : 0;
}

/* Enters EL1 at vector `kind` (0 sync, 0x80 IRQ) with ELR = elr. A guest that never set
 * VBAR_EL1 would loop on the vector near address 0, so that stops the machine with an
 * error instead. */
static FvpError *vm_arm_enter_el1(VmHart *h, uint64_t kind, uint64_t elr, const char *what)
{
    if (!h->arm.vbar)
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "AArch64 %s at pc 0x%llx with VBAR_EL1 unset",
                             what, (unsigned long long)elr);
    h->arm.spsr = vm_arm_pstate(h);
    h->arm.elr = elr;
    h->arm.daif = 0xf;
    uint64_t offset = vm_arm_vector(h) + kind;
    vm_arm_set_mode(h, 1, 1);
    h->a64.excl_addr = A64_NO_EXCLUSIVE;
    h->a64.hdr.pc = h->arm.vbar + offset;
    return NULL;
}

/* Takes a synchronous exception to EL1 (ec: the class as taken from EL1; aborts from EL0
 * get the lower-EL class, one less). */
static FvpError *vm_arm_exception(VmHart *h, unsigned ec, uint32_t iss, uint64_t elr, uint64_t far)
{
    bool abort = ec == EC_DABORT_SAME || ec == EC_IABORT_SAME;
    if (abort && h->arm.el == 0)
        ec -= 1;
    char what[48];
    snprintf(what, sizeof(what), "exception (class 0x%x, ISS 0x%x)", ec, iss);
    FvpError *err = vm_arm_enter_el1(h, 0, elr, what);
    if (err)
        return err;
    h->stats.exceptions++;
    h->arm.esr = (uint64_t)ec << 26 | 1ull << 25 | iss;
    if (abort)
        h->arm.far = far;
    return NULL;
}

/* Takes an IRQ at the instruction boundary h->a64.hdr.pc (ESR is left alone). */
static FvpError *vm_arm_take_irq(VmHart *h)
{
    FvpError *err = vm_arm_enter_el1(h, 0x80, h->a64.hdr.pc, "IRQ");
    if (!err)
        h->stats.interrupts++;
    return err;
}

static FvpError *vm_arm_eret(VmHart *h)
{
    uint64_t spsr = h->arm.spsr;
    unsigned mode = (unsigned)(spsr & 0x1f);
    if (mode != 0 && mode != 4 && mode != 5)
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "ERET to mode 0x%x: only EL0t, EL1t and EL1h are modelled", mode);
    h->a64.n = spsr >> 31 & 1;
    h->a64.z = spsr >> 30 & 1;
    h->a64.c = spsr >> 29 & 1;
    h->a64.v = spsr >> 28 & 1;
    h->arm.daif = (uint8_t)(spsr >> 6 & 0xf);
    vm_arm_set_mode(h, mode ? 1 : 0, mode & 1);
    h->a64.excl_addr = A64_NO_EXCLUSIVE;
    h->a64.hdr.pc = h->arm.elr;
    return NULL;
}

/* MPIDR_EL1 of a CPU: bit 31 RES1, Aff0 = the CPU number (as QEMU's virt up to 8 CPUs). */
static uint64_t vm_arm_mpidr(const VmHart *h)
{
    return 0x80000000ull | h->id;
}

/* The CPU an MPIDR value names, or NULL (only Aff0 is used). */
static VmHart *vm_arm_cpu_by_mpidr(Vm *vm, uint64_t mpidr)
{
    if ((mpidr & 0xff00ffff00ull) || (mpidr & 0xff) >= vm->nharts)
        return NULL;
    return vm->harts[mpidr & 0xff];
}

/* PSCI CPU_ON: the target starts at entry with x0 = context, as after reset. */
static int64_t vm_arm_cpu_on(VmHart *h, uint64_t mpidr, uint64_t entry, uint64_t context)
{
    VmHart *t = vm_arm_cpu_by_mpidr(h->vm, mpidr);
    if (!t)
        return PSCI_INVALID_PARAMETERS;
    pthread_mutex_lock(&t->lock);
    int64_t ret = PSCI_ALREADY_ON;
    if (t->arm_off) { /* its thread waits on t->cond and touches nothing else */
        vm_hart_flush(t);
        vm_arm_hart_reset(t, entry, context);
        t->arm_off = false;
        pthread_cond_signal(&t->cond);
        ret = PSCI_SUCCESS;
    }
    pthread_mutex_unlock(&t->lock);
    return ret;
}

/* PSCI CPU_OFF: this CPU waits for a CPU_ON; when no CPU is left on, the machine stops. */
static void vm_arm_cpu_off(VmHart *h)
{
    Vm *vm = h->vm;
    pthread_mutex_lock(&h->lock);
    h->arm_off = true;
    pthread_mutex_unlock(&h->lock);
    bool any_on = false;
    for (unsigned i = 0; i < vm->nharts; i++) {
        pthread_mutex_lock(&vm->harts[i]->lock);
        any_on |= !vm->harts[i]->arm_off;
        pthread_mutex_unlock(&vm->harts[i]->lock);
    }
    if (!any_on)
        vm_request_shutdown(vm, 0);
}

static int64_t vm_arm_affinity_info(Vm *vm, uint64_t mpidr, uint64_t level)
{
    VmHart *t = vm_arm_cpu_by_mpidr(vm, mpidr);
    if (!t || level != 0)
        return PSCI_INVALID_PARAMETERS;
    pthread_mutex_lock(&t->lock);
    bool off = t->arm_off;
    pthread_mutex_unlock(&t->lock);
    return off ? PSCI_AFFINITY_OFF : PSCI_AFFINITY_ON;
}

static void vm_arm_psci(VmHart *h)
{
    uint64_t *x = h->a64.x;
    uint32_t fn = (uint32_t)x[0];
    int64_t ret = PSCI_NOT_SUPPORTED;
    switch (fn) {
    case PSCI_VERSION: ret = VM_PSCI_VERSION_1_1; break;
    case PSCI_FEATURES: {
        uint32_t q = (uint32_t)x[1];
        bool known = q == PSCI_VERSION || q == PSCI_FEATURES || q == PSCI_SYSTEM_OFF ||
                     q == PSCI_SYSTEM_RESET || q == PSCI_CPU_OFF || q == PSCI_CPU_ON ||
                     q == PSCI_CPU_ON_32 || q == PSCI_AFFINITY_INFO ||
                     q == PSCI_AFFINITY_INFO_32;
        ret = known ? PSCI_SUCCESS : PSCI_NOT_SUPPORTED;
        break;
    }
    case PSCI_SYSTEM_OFF:
        vm_request_shutdown(h->vm, x[1] == VM_A64_EXIT_MAGIC ? (int)(x[2] & 0xff) : 0);
        return;
    case PSCI_SYSTEM_RESET: /* this machine powers off instead, as QEMU with -no-reboot */
        vm_request_shutdown(h->vm, 0);
        return;
    case PSCI_CPU_OFF: vm_arm_cpu_off(h); return;
    case PSCI_CPU_ON:
    case PSCI_CPU_ON_32:
        ret = vm_arm_cpu_on(h, fn == PSCI_CPU_ON ? x[1] : (uint32_t)x[1], x[2], x[3]);
        break;
    case PSCI_AFFINITY_INFO:
    case PSCI_AFFINITY_INFO_32: ret = vm_arm_affinity_info(h->vm, x[1], x[2]); break;
    default: break;
    }
    x[0] = (uint64_t)ret;
}

/* Reads a system register; false if it does not exist (undefined instruction). */
static bool vm_arm_sysreg_read(VmHart *h, unsigned reg, uint64_t *v)
{
    VmArmRegs *r = &h->arm;
    if (vm_arm_timer_read(h, reg, v))
        return true;
    if (reg >> 7 == A64_SYSREG(3, 0, 0, 0, 0) >> 7 && (reg >> 3 & 15) >= 1) {
        *v = reg == SR_ID_AA64PFR0 ? VM_A64_ID_AA64PFR0 : 0; /* ID space: RAZ by default */
        return true;
    }
    switch (reg) {
    case SR_SCTLR: *v = r->sctlr; break;
    case SR_CPACR: *v = r->cpacr; break;
    case SR_TTBR0: *v = r->ttbr0; break;
    case SR_TTBR1: *v = r->ttbr1; break;
    case SR_TCR: *v = r->tcr; break;
    case SR_SPSR: *v = r->spsr; break;
    case SR_ELR: *v = r->elr; break;
    case SR_SP_EL0: *v = vm_arm_sp_bank(h) == &r->sp_el0 ? h->a64.sp : r->sp_el0; break;
    case SR_SPSEL: *v = r->spsel; break;
    case SR_CURRENTEL: *v = 1u << 2; break;
    case SR_DAIF: *v = (uint64_t)r->daif << 6; break;
    case SR_ESR: *v = r->esr; break;
    case SR_FAR: *v = r->far; break;
    case SR_PAR: *v = r->par; break;
    case SR_MAIR: *v = r->mair; break;
    case SR_AMAIR: *v = r->amair; break;
    case SR_VBAR: *v = r->vbar; break;
    case SR_CONTEXTIDR: *v = r->contextidr; break;
    case SR_TPIDR_EL1: *v = r->tpidr_el1; break;
    case SR_CNTKCTL: *v = r->cntkctl; break;
    case SR_MDSCR: *v = r->mdscr; break;
    default: return false;
    }
    return true;
}

static FvpError *vm_arm_sysreg_write(VmHart *h, unsigned reg, uint64_t v, bool *ok)
{
    VmArmRegs *r = &h->arm;
    *ok = true;
    if (vm_arm_timer_write(h, reg, v))
        return NULL;
    switch (reg) {
    case SR_SCTLR:
        if ((r->sctlr ^ v) & 1)
            vm_hart_flush(h); /* translations change with the MMU */
        r->sctlr = v;
        break;
    case SR_CPACR: r->cpacr = v; break; /* FP and SIMD never trap here */
    /* Translation registers: flushing on every write stands in for the TLBI the guest must
     * issue anyway (TLB contents may then be dropped early, never kept too long). */
    case SR_TTBR0: r->ttbr0 = v; vm_hart_flush(h); break;
    case SR_TTBR1: r->ttbr1 = v; vm_hart_flush(h); break;
    case SR_TCR: r->tcr = v; vm_hart_flush(h); break;
    case SR_SPSR: r->spsr = v; break;
    case SR_ELR: r->elr = v; break;
    case SR_SP_EL0:
        if (vm_arm_sp_bank(h) == &r->sp_el0)
            h->a64.sp = v;
        else
            r->sp_el0 = v;
        break;
    case SR_SPSEL: vm_arm_set_mode(h, 1, (unsigned)v); break;
    case SR_DAIF: r->daif = (uint8_t)(v >> 6 & 0xf); break;
    case SR_ESR: r->esr = v; break;
    case SR_FAR: r->far = v; break;
    case SR_PAR: r->par = v; break;
    case SR_MAIR: r->mair = v; break;
    case SR_AMAIR: r->amair = v; break;
    case SR_VBAR: r->vbar = v & ~0x7ffull; break;
    case SR_CONTEXTIDR: r->contextidr = v; break;
    case SR_TPIDR_EL1: r->tpidr_el1 = v; break;
    case SR_CNTKCTL: r->cntkctl = v; break;
    case SR_MDSCR: r->mdscr = v; break;
    default: *ok = false; break;
    }
    return NULL;
}

/* What EL0 may do with the system instructions the VM emulates: DAIF with SCTLR_EL1.UMA,
 * the counter and timers as CNTKCTL_EL1 allows (EL0PCTEN, EL0VTEN, EL0PTEN). Returns 1 if
 * allowed, 0 if the access traps to EL1 (EC 0x18: the register exists at EL0 but is
 * disabled), -1 if it is undefined at EL0. */
static int vm_arm_el0_access(const VmHart *h, uint32_t insn)
{
    unsigned op0 = insn >> 19 & 3, crn = insn >> 12 & 15, op1 = insn >> 16 & 7;
    unsigned reg = (insn >> 5) & 0xffff;
    bool uma = h->arm.sctlr >> 9 & 1;
    uint64_t k = h->arm.cntkctl;
    if (op0 == 0 && crn == 4) /* MSR DAIFSet/DAIFClr (SPSel is EL1 only) */
        return op1 == 3 ? uma : -1;
    if (reg == SR_DAIF)
        return uma;
    if (reg == VM_SR_CNTPCT)
        return k & 1;
    if ((reg >> 3) == (VM_SR_CNTV_TVAL >> 3))
        return k >> 8 & 1;
    if ((reg >> 3) == (VM_SR_CNTP_TVAL >> 3))
        return k >> 9 & 1;
    return -1;
}

/* ISS of EC 0x18: Op0, Op2, Op1, CRn, Rt, CRm, direction (1 = read). */
static uint32_t vm_arm_sysreg_iss(uint32_t insn)
{
    unsigned l = insn >> 21 & 1, op0 = insn >> 19 & 3, op1 = insn >> 16 & 7;
    unsigned crn = insn >> 12 & 15, crm = insn >> 8 & 15, op2 = insn >> 5 & 7, rt = insn & 31;
    return op0 << 20 | op2 << 17 | op1 << 14 | crn << 10 | rt << 5 | crm << 1 | l;
}

/* System instructions the frontend left to the VM (bits 31:22 = 1101010100). */
static FvpError *vm_arm_system(VmHart *h, uint32_t insn, bool *ok)
{
    unsigned l = insn >> 21 & 1, op0 = insn >> 19 & 3, op1 = insn >> 16 & 7;
    unsigned crn = insn >> 12 & 15, crm = insn >> 8 & 15, op2 = insn >> 5 & 7, rt = insn & 31;
    *ok = true;
    if (h->arm.el == 0) {
        int access = vm_arm_el0_access(h, insn);
        if (access == 0)
            return vm_arm_exception(h, EC_SYSREG, vm_arm_sysreg_iss(insn), h->a64.hdr.pc - 4, 0);
        if (access < 0) {
            *ok = false;
            return NULL;
        }
    }
    if (op0 == 0 && !l && crn == 4 && rt == 31) { /* MSR (immediate) to PSTATE */
        if (op1 == 0 && op2 == 5)
            vm_arm_set_mode(h, 1, crm & 1);
        else if (op1 == 3 && op2 == 6)
            h->arm.daif |= (uint8_t)crm;
        else if (op1 == 3 && op2 == 7)
            h->arm.daif &= (uint8_t)~crm;
        else
            *ok = false;
        return NULL;
    }
    if (op0 == 1) {
        /* Other SYS operations: TLB maintenance (TLBI, any form: the whole soft TLB and the
         * translated blocks go), instruction-cache invalidation, data-cache maintenance by
         * set/way (nothing to do). */
        if (crn == 8 || (crn == 7 && crm == 5 && op2 == 0)) /* TLBI, IC IALLU(IS) */
            vm_hart_flush(h);
        else if (crn != 7)
            *ok = false;
        return NULL;
    }
    unsigned reg = (insn >> 5) & 0xffff;
    if (l) {
        uint64_t v;
        if (!vm_arm_sysreg_read(h, reg, &v)) {
            *ok = false;
            return NULL;
        }
        if (rt != 31)
            h->a64.x[rt] = v;
        return NULL;
    }
    return vm_arm_sysreg_write(h, reg, rt == 31 ? 0 : h->a64.x[rt], ok);
}

static FvpError *vm_arm_illegal(VmHart *h, uint64_t pc, uint32_t insn)
{
    h->a64.hdr.pc = pc + 4;
    h->stats.system++;
    if ((insn & 0xffe0001eu) == 0xd4000002u && h->arm.el == 1) { /* HVC/SMC: PSCI */
        vm_arm_psci(h);
        return NULL;
    }
    if (insn == 0xd69f03e0u && h->arm.el == 1) /* ERET */
        return vm_arm_eret(h);
    bool ok = false;
    if ((insn & 0xffc00000u) == 0xd5000000u) {
        FvpError *err = vm_arm_system(h, insn, &ok);
        if (err)
            return err;
    }
    return ok ? NULL : vm_arm_exception(h, EC_UNKNOWN, 0, pc, 0);
}

/* ---- MMIO: emulating the load or store that touched a device ---------------------- */

/* A decoded general-purpose-register load or store (the forms device drivers use). */
typedef struct VmA64Mem {
    unsigned size;    /* bytes */
    bool store;
    int sext;         /* 0: zero-extend, 64 or 32: sign-extend to that width */
    unsigned rt, rn;
    bool writeback;   /* pre/post index: rn += imm */
    int64_t imm;
} VmA64Mem;

static bool vm_a64_decode_mem(uint32_t insn, VmA64Mem *m)
{
    memset(m, 0, sizeof(*m));
    if (insn >> 26 & 1)
        return false; /* SIMD&FP registers */
    unsigned size = insn >> 30, opc = insn >> 22 & 3;
    m->rt = insn & 31;
    m->rn = insn >> 5 & 31;
    m->size = 1u << size;
    if ((insn & 0x3b000000u) == 0x39000000u) { /* unsigned offset */
    } else if ((insn & 0x3b200000u) == 0x38000000u) { /* unscaled, pre/post index, unpriv */
        unsigned mode = insn >> 10 & 3;
        m->writeback = mode == 1 || mode == 3;
        m->imm = fvp_sext((insn >> 12) & 0x1ff, 9);
    } else if ((insn & 0x3b200c00u) != 0x38200800u) { /* register offset */
        return false;
    }
    switch (opc) {
    case 0: m->store = true; break;
    case 1: break;
    case 2:
        if (size == 3)
            return false; /* PRFM */
        m->sext = 64;
        break;
    default:
        if (size >= 2)
            return false;
        m->sext = 32;
        break;
    }
    return true;
}

static FvpError *vm_arm_memory_fault(VmHart *h, const RtExit *ex)
{
    uint32_t insn = 0;
    VmA64Mem m;
    if (h->fault_kind == VM_FAULT_NONE &&
        rt_tlb_translate(&h->cpu, ex->fault_addr, 1,
                         ex->is_write ? RT_ACCESS_WRITE : RT_ACCESS_READ))
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "the engine faulted at 0x%llx without consulting the soft-MMU TLB "
                             "(its memory accesses do not support the VM)",
                             (unsigned long long)ex->fault_addr);
    if (h->fault_kind == VM_FAULT_MMIO && vm_fetch_code(h, ex->pc, &insn, 4) == 4 &&
        vm_a64_decode_mem(insn, &m) && m.store == (ex->is_write != 0)) {
        uint64_t *x = h->a64.x;
        bool done;
        if (m.store) {
            done = vm_mmio_write(h, h->fault_paddr, m.size, m.rt == 31 ? 0 : x[m.rt]);
        } else {
            uint64_t v = 0;
            done = vm_mmio_read(h, h->fault_paddr, m.size, &v);
            if (m.sext)
                v = fvp_sext(v, 8 * m.size) & (m.sext == 32 ? 0xffffffffull : ~0ull);
            if (done && m.rt != 31)
                x[m.rt] = v;
        }
        if (done) {
            if (m.writeback) {
                uint64_t *base = m.rn == 31 ? &h->a64.sp : &x[m.rn];
                *base += (uint64_t)m.imm;
            }
            h->a64.hdr.pc = ex->pc + 4;
            h->stats.mmio++;
            return NULL;
        }
    }
    /* DFSC: the walk's fault status, or 0x10 (synchronous external abort) for addresses
     * without RAM or a device; WnR (bit 6) for writes. */
    unsigned fsc = h->fault_kind == VM_FAULT_PAGE ? h->arm_fsc : 0x10;
    uint32_t iss = fsc | (ex->is_write ? 1u << 6 : 0);
    return vm_arm_exception(h, EC_DABORT_SAME, iss, ex->pc, ex->fault_addr);
}

/* An instruction fetch failed at pc: drop the block (the mapping may appear after the
 * guest's handler) and take an instruction abort with the walk's fault status. */
static FvpError *vm_arm_fetch_abort(VmHart *h, uint64_t pc, uint64_t block_pc, VmBlock *block)
{
    u64map_remove(&h->mode[h->priv].blocks, block_pc);
    vm_block_free(block);
    uint64_t paddr;
    bool walk_failed = vm_walk(h, pc, RT_ACCESS_FETCH, h->priv, &paddr) != VM_FAULT_NONE;
    return vm_arm_exception(h, EC_IABORT_SAME, walk_failed ? h->arm_fsc : 0x10, pc, pc);
}

static FvpError *vm_arm_handle_exit(VmHart *h, const RtExit *ex, uint64_t block_pc,
                                    VmBlock *block)
{
    switch ((RtExitKind)ex->kind) {
    case RT_EXIT_JUMP: return NULL;
    case RT_EXIT_SYSCALL: {
        uint32_t insn = 0;
        vm_fetch_code(h, ex->next_pc - 4, &insn, 4);
        return vm_arm_exception(h, EC_SVC64, insn >> 5 & 0xffff, ex->next_pc, 0);
    }
    case RT_EXIT_TRAP:
        switch (ex->trap_kind) {
        case IR_TRAP_ILLEGAL: return vm_arm_illegal(h, ex->pc, (uint32_t)ex->detail);
        case IR_TRAP_BREAKPOINT:
            return vm_arm_exception(h, EC_BRK64, (uint32_t)ex->detail & 0xffff, ex->pc, 0);
        case IR_TRAP_FETCH_FAULT: return vm_arm_fetch_abort(h, ex->pc, block_pc, block);
        default: return vm_arm_exception(h, EC_UNKNOWN, 0, ex->pc, 0);
        }
    case RT_EXIT_FAULT: return vm_arm_memory_fault(h, ex);
    case RT_EXIT_SYNC_CODE: vm_hart_flush(h); return NULL;
    }
    return NULL;
}

/* Whether the GIC signals an IRQ (read under the device lock, as MMIO does). */
static bool vm_arm_irq_ready(VmHart *h)
{
    pthread_mutex_lock(&h->vm->dev_lock);
    bool ready = vm_arm_irq_pending(h);
    pthread_mutex_unlock(&h->vm->dev_lock);
    return ready;
}

#define A64_MRS_MPIDR 0xd53800a0u /* MRS Xt, MPIDR_EL1 with Rt = 0 */
#define A64_SCAN_INSNS 64u        /* the frontend's default block length */

int vm_arm_lift_limit(VmHart *h, uint64_t pc)
{
    uint32_t words[A64_SCAN_INSNS];
    size_t got = vm_fetch_code(h, pc, words, sizeof(words)) / 4;
    for (size_t i = 0; i < got; i++)
        if ((words[i] & ~31u) == A64_MRS_MPIDR)
            return i == 0 ? -1 : (int)i;
    return 0;
}

/* Runs the instruction of an intercept block (see vm_arm_lift_limit). */
static void vm_arm_intercept(VmHart *h)
{
    uint32_t insn = 0;
    vm_fetch_code(h, h->a64.hdr.pc, &insn, 4);
    fvp_assert((insn & ~31u) == A64_MRS_MPIDR);
    if ((insn & 31) != 31)
        h->a64.x[insn & 31] = vm_arm_mpidr(h);
    h->a64.hdr.pc += 4;
    h->stats.system++;
}

/* Powered off (secondary CPUs from reset, or after CPU_OFF): waits for CPU_ON. */
static void vm_arm_wait_cpu_on(VmHart *h)
{
    pthread_mutex_lock(&h->lock);
    while (h->arm_off && !__atomic_load_n(&h->vm->shutdown, __ATOMIC_ACQUIRE))
        pthread_cond_wait(&h->cond, &h->lock);
    pthread_mutex_unlock(&h->lock);
}

void *vm_arm_hart_main(VmHart *h)
{
    Vm *vm = h->vm;
    unsigned tick = 0;
    bool recheck = true;
    while (!__atomic_load_n(&vm->shutdown, __ATOMIC_ACQUIRE)) {
        FvpError *err = NULL;
        if (__atomic_load_n(&h->arm_off, __ATOMIC_ACQUIRE)) {
            vm_arm_wait_cpu_on(h);
            recheck = true;
            continue;
        }
        if ((++tick & 1023) == 0 && h->id == 0)
            vm_uart_poll_rx(vm); /* console input for a receive interrupt */
        if (atomic_exchange_explicit(&h->wake_flag, 0, memory_order_acq_rel))
            recheck = true; /* a device line, an SGI or a timer came due */
        /* The GIC's CPU interface is modelled once: interrupts go to CPU 0 only. */
        if ((recheck || (tick & 15) == 0) && h->id == 0 && !(h->arm.daif & 2) &&
            vm_arm_irq_ready(h))
            err = vm_arm_take_irq(h);
        recheck = false;
        uint64_t pc = h->a64.hdr.pc;
        VmBlock *b = NULL;
        if (!err)
            err = vm_block_for_pc(h, pc, &b);
        if (!err && !b->code && !b->fn) {
            vm_arm_intercept(h);
            continue;
        }
        RtExit ex;
        if (!err) {
            vm_block_run(h, b, &ex);
            err = vm_arm_handle_exit(h, &ex, pc, b);
            recheck = ex.kind != RT_EXIT_JUMP; /* DAIF, GIC or timer may have changed */
        }
        if (err) {
            vm_hart_fail(h, fvp_error_wrap(err, "CPU %u at pc 0x%llx", h->id,
                                           (unsigned long long)h->a64.hdr.pc));
            break;
        }
    }
    return NULL;
}
