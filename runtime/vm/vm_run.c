/* System VM hart loop: run blocks, take interrupts, turn block exits into traps or MMIO. */
#include <string.h>

#include "common/common.h"
#include "runtime/interp.h"
#include "runtime/vm/vm_internal.h"

/*
 *   +--> shutdown? --> leave
 *   |    interrupts changed or every 16 blocks: pending and enabled? --> trap entry
 *   |    block of (privilege, pc) in the hart's cache? else lift + prepare
 *   |    interp_run (memory: cpu.tlb, misses walk Sv39 in rt_tlb_translate)
 *   +--- exit: JUMP | SYSCALL -> ecall exception | TRAP illegal -> CSR/mret/sret/wfi/
 *        sfence.vma emulation | TRAP fetch -> fetch fault | FAULT -> MMIO emulation or
 *        load/store fault | SYNC_CODE -> drop translations
 */

static FvpError *vm_translate_block(VmHart *h, uint64_t pc, VmBlock **out)
{
    const Frontend *fe = h->vm->fe;
    FeLiftOptions lo = {.max_insns = 0};
    if (h->vm->arch == VM_ARCH_AARCH64) {
        int limit = vm_arm_lift_limit(h, pc);
        if (limit < 0) { /* the VM executes this instruction itself (vm_arm.c) */
            VmBlock *b = fvp_xcalloc(1, sizeof(*b));
            u64map_put(&h->mode[h->priv].blocks, pc, b);
            *out = b;
            return NULL;
        }
        lo.max_insns = (uint32_t)limit;
    }
    IRBlock *ir = ir_block_new(pc);
    InterpCode *code = NULL;
    FvpError *err = fe->lift_block(fe, vm_fetch_code, h, pc, &lo, ir);
    if (!err)
        err = ir_verify_block(ir);
    if (!err)
        err = interp_prepare(ir, &code);
    if (err) {
        ir_block_free(ir);
        return fvp_error_wrap(err, "hart %u: translating the block at 0x%llx", h->id,
                              (unsigned long long)pc);
    }
    VmBlock *b = fvp_xcalloc(1, sizeof(*b));
    h->stats.blocks_translated++;
    b->code = code;
    if (h->vm->config.compiler)
        b->ir = ir;
    else
        ir_block_free(ir);
    u64map_put(&h->mode[h->priv].blocks, pc, b);
    *out = b;
    return NULL;
}

/* Compiles a hot block on this hart's thread; the IR is no longer needed afterwards. A
 * block that branches back to its own start becomes a host loop, which polls the hart's
 * wake_flag (cpu.exit_request) on its back edge: interrupts, the timer thread and
 * shutdown set it. */
static FvpError *vm_compile_block(VmHart *h, VmBlock *b)
{
    const RtCompiler *c = h->vm->config.compiler;
    const IRBlock *blocks[] = {b->ir};
    RtCompileStats stats;
    RtCompiledFn fn = NULL;
    FvpError *err = c->compile(c->ctx, blocks, 1, &fn, &stats);
    if (err)
        return fvp_error_wrap(err, "hart %u: compiling the block at 0x%llx", h->id,
                              (unsigned long long)b->ir->pc);
    b->fn = fn;
    h->stats.blocks_compiled++;
    ir_block_free(b->ir);
    b->ir = NULL;
    return NULL;
}

/* A decoded load or store: what the MMIO emulation needs. */
typedef struct VmMemInsn {
    unsigned len;   /* 2 or 4 */
    unsigned size;  /* bytes */
    bool store;
    bool is_signed;
    bool fp;        /* f register */
    unsigned reg;   /* rd of a load, rs2 of a store */
} VmMemInsn;

static bool vm_decode_mem(uint32_t insn, VmMemInsn *m)
{
    memset(m, 0, sizeof(*m));
    unsigned f3 = (insn >> 12) & 7;
    if ((insn & 3) == 3) {
        m->len = 4;
        switch (insn & 0x7f) {
        case 0x03: /* lb lh lw ld lbu lhu lwu */
            if (f3 == 7)
                return false;
            m->size = 1u << (f3 & 3);
            m->is_signed = f3 < 4;
            m->reg = (insn >> 7) & 31;
            return true;
        case 0x23: /* sb sh sw sd */
            if (f3 > 3)
                return false;
            m->size = 1u << f3;
            m->store = true;
            m->reg = (insn >> 20) & 31;
            return true;
        case 0x07: /* flw fld */
        case 0x27: /* fsw fsd */
            if (f3 != 2 && f3 != 3)
                return false;
            m->size = f3 == 2 ? 4 : 8;
            m->fp = true;
            m->store = (insn & 0x7f) == 0x27;
            m->reg = m->store ? (insn >> 20) & 31 : (insn >> 7) & 31;
            return true;
        default: return false;
        }
    }
    m->len = 2;
    unsigned f3c = (insn >> 13) & 7, quadrant = insn & 3;
    unsigned rc = 8 + ((insn >> 2) & 7); /* rd' / rs2' */
    if (quadrant == 0) {
        switch (f3c) {
        case 1: *m = (VmMemInsn){2, 8, false, false, true, rc}; return true;  /* c.fld */
        case 2: *m = (VmMemInsn){2, 4, false, true, false, rc}; return true;  /* c.lw */
        case 3: *m = (VmMemInsn){2, 8, false, true, false, rc}; return true;  /* c.ld */
        case 5: *m = (VmMemInsn){2, 8, true, false, true, rc}; return true;   /* c.fsd */
        case 6: *m = (VmMemInsn){2, 4, true, false, false, rc}; return true;  /* c.sw */
        case 7: *m = (VmMemInsn){2, 8, true, false, false, rc}; return true;  /* c.sd */
        default: return false;
        }
    }
    if (quadrant == 2) {
        unsigned rd = (insn >> 7) & 31, rs2 = (insn >> 2) & 31;
        switch (f3c) {
        case 1: *m = (VmMemInsn){2, 8, false, false, true, rd}; return true;  /* c.fldsp */
        case 2: *m = (VmMemInsn){2, 4, false, true, false, rd}; return true;  /* c.lwsp */
        case 3: *m = (VmMemInsn){2, 8, false, true, false, rd}; return true;  /* c.ldsp */
        case 5: *m = (VmMemInsn){2, 8, true, false, true, rs2}; return true;  /* c.fsdsp */
        case 6: *m = (VmMemInsn){2, 4, true, false, false, rs2}; return true; /* c.swsp */
        case 7: *m = (VmMemInsn){2, 8, true, false, false, rs2}; return true; /* c.sdsp */
        default: return false;
        }
    }
    return false;
}

/* The block stopped at a device access of the instruction at pc: perform it. */
static void vm_emulate_mmio(VmHart *h, const RtExit *ex)
{
    uint32_t insn = 0;
    VmMemInsn m;
    uint64_t cause = ex->is_write ? VM_EXC_STORE_ACCESS : VM_EXC_LOAD_ACCESS;
    size_t got = vm_fetch_code(h, ex->pc, &insn, 4);
    if (got < 2 || ((insn & 3) == 3 && got < 4) || !vm_decode_mem(insn, &m) ||
        m.store != (ex->is_write != 0)) {
        /* AMOs and LR/SC on devices are access faults. */
        vm_trap_take(h, cause, false, ex->pc, ex->fault_addr);
        return;
    }
    uint64_t paddr = h->fault_paddr;
    if (m.store) {
        uint64_t v = m.fp ? h->state.f[m.reg] : h->state.x[m.reg];
        if (!vm_mmio_write(h, paddr, m.size, v)) {
            vm_trap_take(h, cause, false, ex->pc, ex->fault_addr);
            return;
        }
    } else {
        uint64_t v;
        if (!vm_mmio_read(h, paddr, m.size, &v)) {
            vm_trap_take(h, cause, false, ex->pc, ex->fault_addr);
            return;
        }
        if (m.fp)
            h->state.f[m.reg] = m.size == 4 ? v | 0xffffffff00000000ull : v;
        else if (m.reg)
            h->state.x[m.reg] = m.is_signed ? fvp_sext(v, 8 * m.size) : v;
    }
    h->state.hdr.pc = ex->pc + m.len;
    h->stats.mmio++;
}

static FvpError *vm_memory_fault(VmHart *h, const RtExit *ex)
{
    if (h->fault_kind == VM_FAULT_NONE) {
        /* The engine did not ask the TLB: ask it now. Success means the engine bypassed
         * the soft MMU (compiled code built without the system-VM path). */
        RtAccess a = ex->is_write ? RT_ACCESS_WRITE : RT_ACCESS_READ;
        if (rt_tlb_translate(&h->cpu, ex->fault_addr, 1, a))
            return fvp_error_new(FVP_ERR_UNSUPPORTED,
                                 "hart %u: the engine faulted at 0x%llx without consulting the "
                                 "soft-MMU TLB (its memory accesses do not support the VM)",
                                 h->id, (unsigned long long)ex->fault_addr);
    }
    if (h->fault_kind == VM_FAULT_MMIO) {
        vm_emulate_mmio(h, ex);
        return NULL;
    }
    uint64_t cause;
    switch (h->fault_kind) {
    case VM_FAULT_PAGE: cause = ex->is_write ? VM_EXC_STORE_PAGE : VM_EXC_LOAD_PAGE; break;
    case VM_FAULT_MISALIGNED:
        cause = ex->is_write ? VM_EXC_STORE_MISALIGNED : VM_EXC_LOAD_MISALIGNED;
        break;
    default: cause = ex->is_write ? VM_EXC_STORE_ACCESS : VM_EXC_LOAD_ACCESS; break;
    }
    vm_trap_take(h, cause, false, ex->pc, ex->fault_addr);
    return NULL;
}

static void vm_fetch_fault(VmHart *h, uint64_t block_pc, VmBlock *block, uint64_t pc)
{
    /* The mapping may appear later (after the guest's page-fault handler and sfence.vma),
     * so a block that ends in a fetch fault is not kept. */
    u64map_remove(&h->mode[h->priv].blocks, block_pc);
    vm_block_free(block);
    uint64_t paddr;
    VmFaultKind kind = vm_walk(h, pc, RT_ACCESS_FETCH, h->priv, &paddr);
    uint64_t cause = kind == VM_FAULT_PAGE ? VM_EXC_FETCH_PAGE : VM_EXC_FETCH_ACCESS;
    vm_trap_take(h, cause, false, pc, pc);
}

static void vm_handle_trap(VmHart *h, const RtExit *ex, uint64_t block_pc, VmBlock *block)
{
    switch (ex->trap_kind) {
    case IR_TRAP_ILLEGAL:
        if ((ex->detail & 0x7f) == 0x73) {
            vm_exec_system(h, ex->pc, (uint32_t)ex->detail);
            return;
        }
        vm_trap_take(h, VM_EXC_ILLEGAL, false, ex->pc, ex->detail & 0xffffffffull);
        return;
    case IR_TRAP_BREAKPOINT: vm_trap_take(h, VM_EXC_BREAKPOINT, false, ex->pc, ex->pc); return;
    case IR_TRAP_FETCH_FAULT: vm_fetch_fault(h, block_pc, block, ex->pc); return;
    default: vm_trap_take(h, VM_EXC_ILLEGAL, false, ex->pc, 0); return;
    }
}

void vm_hart_fail(VmHart *h, FvpError *err)
{
    Vm *vm = h->vm;
    pthread_mutex_lock(&vm->dev_lock);
    if (!vm->error)
        vm->error = err;
    else
        fvp_error_free(err);
    pthread_mutex_unlock(&vm->dev_lock);
    vm_request_shutdown(vm, -1);
}

FvpError *vm_block_for_pc(VmHart *h, uint64_t pc, VmBlock **out)
{
    VmBlock *b = u64map_get(&h->mode[h->priv].blocks, pc);
    FvpError *err = NULL;
    if (!b && (err = vm_translate_block(h, pc, &b)))
        return err;
    uint32_t hot = h->vm->config.hot_threshold ? h->vm->config.hot_threshold : 1;
    if (b->ir && !b->fn && ++b->execs >= hot && (err = vm_compile_block(h, b)))
        return err;
    *out = b;
    return NULL;
}

void vm_block_run(VmHart *h, VmBlock *b, RtExit *ex)
{
    h->fault_kind = VM_FAULT_NONE;
    if (b->fn)
        rt_compiled_run(b->fn, &h->cpu, ex);
    else
        interp_run(&h->cpu, b->code, ex);
}

void *vm_hart_main(void *arg)
{
    VmHart *h = arg;
    Vm *vm = h->vm;
    if (vm->arch == VM_ARCH_AARCH64)
        return vm_arm_hart_main(h);
    unsigned tick = 0;
    bool recheck = true;
    while (!__atomic_load_n(&vm->shutdown, __ATOMIC_ACQUIRE)) {
        if (atomic_exchange_explicit(&h->wake_flag, 0, memory_order_acq_rel) || recheck ||
            (++tick & 15) == 0) {
            recheck = false;
            if ((tick & 1023) == 0 && h->id == 0)
                vm_uart_poll_rx(vm); /* console input for a receive interrupt */
            if (h->mie)
                vm_check_interrupts(h);
        }
        uint64_t pc = h->state.hdr.pc;
        VmBlock *b = NULL;
        FvpError *err = vm_block_for_pc(h, pc, &b);
        if (err) {
            vm_hart_fail(h, err);
            break;
        }
        RtExit ex;
        vm_block_run(h, b, &ex);
        switch ((RtExitKind)ex.kind) {
        case RT_EXIT_JUMP: break;
        case RT_EXIT_SYSCALL:
            vm_trap_take(h, h->priv == VM_PRIV_U   ? VM_EXC_ECALL_U
                            : h->priv == VM_PRIV_S ? VM_EXC_ECALL_S
                                                   : VM_EXC_ECALL_M,
                         false, ex.next_pc - 4, 0);
            break;
        case RT_EXIT_TRAP:
            vm_handle_trap(h, &ex, pc, b);
            recheck = true; /* CSR writes and xRET may enable interrupts */
            break;
        case RT_EXIT_FAULT:
            if ((err = vm_memory_fault(h, &ex))) {
                vm_hart_fail(h, err);
                return NULL;
            }
            break;
        case RT_EXIT_SYNC_CODE: vm_hart_flush(h); break;
        }
    }
    return NULL;
}
