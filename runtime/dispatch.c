/* The dispatcher: find or translate the block at pc, run it, act on how it exited. */
#include "runtime/runtime_internal.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>

/*
 *        +--> code cache lookup (pc) --miss--> lift (frontend) + interp_prepare
 *        |         |
 *        |    exec_count++ --hot--> rt_tier_submit (compiler thread)
 *        |         |
 *        |    compiled ? RtCompiledFn : interp_run      (faults: siglongjmp out)
 *        |         |
 *        +--- RtExit: JUMP | SYSCALL -> rt_syscall_run | SYNC_CODE -> flush
 *                   TRAP / FAULT -> guest death by signal
 */

/* FeFetchFn: copies code bytes at pc from executable guest pages only. */
static size_t fetch_code(void *ctx, uint64_t pc, void *buf, size_t len)
{
    RtProcess *p = ctx;
    size_t n = 0;
    while (n < len) {
        const RtMapping *mp = rt_mem_find(&p->mem, pc + n);
        if (!mp || !(mp->prot & PROT_EXEC))
            break;
        size_t chunk = (size_t)FVP_MIN(mp->end - (pc + n), (uint64_t)(len - n));
        memcpy((uint8_t *)buf + n, p->mem.base + pc + n, chunk);
        n += chunk;
    }
    return n;
}

static FvpError *translate(RtProcess *p, uint64_t pc, RtBlock **out)
{
    IRBlock *ir = ir_block_new(pc);
    FeLiftOptions lo = {.max_insns = p->opts.max_block_insns};
    InterpCode *code = NULL;
    FvpError *err = p->fe->lift_block(p->fe, fetch_code, p, pc, &lo, ir);
    if (!err)
        err = ir_verify_block(ir);
    if (!err)
        err = interp_prepare(ir, &code);
    if (err) {
        ir_block_free(ir);
        return fvp_error_wrap(err, "translating the %s block at 0x%llx", p->fe->name,
                              (unsigned long long)pc);
    }
    RtBlock *b = fvp_xcalloc(1, sizeof(*b));
    b->pc = pc;
    /* At least one byte, so a trap block at an unmapped pc is still invalidated by range. */
    b->end = pc + FVP_MAX(ir->guest_bytes, 1u);
    b->serial = p->cache.next_serial++;
    b->guest_insns = ir->guest_insns;
    b->code = code;
    if (p->tier.compiler)
        b->ir = ir;
    else
        ir_block_free(ir);
    u64map_put(&p->cache.blocks, pc, b);
    p->stats.blocks_translated++;
    *out = b;
    return NULL;
}

/* Installs what the compiler thread finished, if its block is still the cached one. */
static void install_compiled(RtProcess *p)
{
    RtTierJob *job = rt_tier_take_done(&p->tier);
    while (job) {
        RtTierJob *next = job->next;
        RtBlock *b = u64map_get(&p->cache.blocks, job->pc);
        p->stats.compile_ns += job->stats.compile_ns;
        if (job->err) {
            p->stats.compile_failures++;
            if (b && b->serial == job->serial)
                b->tier = RT_TIER_FAILED;
        } else {
            p->stats.blocks_compiled++;
            if (b && b->serial == job->serial) {
                b->compiled = job->fn;
                b->tier = RT_TIER_COMPILED;
            }
        }
        rt_tier_job_free(job);
        job = next;
    }
}

/* A trap or fault exit becomes a synchronous guest signal: the guest's handler runs, or
 * the guest dies with a message naming the fault. */
static void guest_trap(RtProcess *p, const RtExit *ex)
{
    RtSigInfo info = {.addr = ex->pc};
    switch (ex->trap_kind) {
    case IR_TRAP_ILLEGAL:
        info.signo = SIGILL;
        info.code = ILL_ILLOPC;
        break;
    case IR_TRAP_BREAKPOINT:
        info.signo = SIGTRAP;
        info.code = TRAP_BRKPT;
        break;
    case IR_TRAP_DIVIDE:
        info.signo = SIGFPE;
        info.code = FPE_INTDIV;
        break;
    case IR_TRAP_FETCH_FAULT:
    default:
        info.signo = SIGSEGV;
        info.code = rt_mem_find(&p->mem, ex->pc) ? SEGV_ACCERR : SEGV_MAPERR;
        break;
    }
    rt_signal_fault(p, &info, ex->pc);
    if (p->done && ex->trap_kind == IR_TRAP_ILLEGAL)
        snprintf(p->outcome.detail, sizeof p->outcome.detail, "illegal instruction 0x%08llx",
                 (unsigned long long)ex->detail);
}

/* A guest memory access that faulted (interpreter check or host fault in the reservation). */
static void guest_memory_fault(RtProcess *p, int signo, uint64_t addr, uint64_t pc)
{
    RtSigInfo info = {.signo = signo, .addr = addr};
    if (signo == SIGBUS)
        info.code = BUS_ADRERR;
    else
        info.code = rt_mem_find(&p->mem, addr) ? SEGV_ACCERR : SEGV_MAPERR;
    rt_signal_fault(p, &info, pc);
}

static void code_changed(void *ctx, uint64_t start, uint64_t end)
{
    RtProcess *p = ctx;
    p->stats.blocks_invalidated += rt_cache_invalidate(&p->cache, start, end);
}

/* Runs until the guest exits or dies. Host failures return an error. */
static FvpError *run_loop(RtProcess *p)
{
    RtCpu *cpu = &p->cpu;
    IRStateHeader *hdr = p->state;
    uint32_t threshold = p->opts.hot_threshold ? p->opts.hot_threshold : RT_DEFAULT_HOT_THRESHOLD;
    uint64_t pc = hdr->pc;
    while (!p->done) {
        if (p->tier.compiler)
            install_compiled(p);
        RtBlock *b = u64map_get(&p->cache.blocks, pc);
        if (!b) {
            FvpError *err = translate(p, pc, &b);
            if (err)
                return err;
        }
        if (++b->exec_count == threshold && b->tier == RT_TIER_COLD && b->ir) {
            rt_tier_submit(&p->tier, b->pc, b->serial, b->ir);
            b->tier = RT_TIER_QUEUED;
        }
        RtExit ex;
        memset(&ex, 0, sizeof ex);
        hdr->pc = pc;
        cpu->cur_pc = pc;
        cpu->fault_armed = 1;
        if (b->compiled)
            b->compiled(cpu, &ex);
        else
            interp_run(cpu, b->code, &ex);
        cpu->fault_armed = 0;
        /* b may be freed from here on (syscalls and flushes drop blocks). */
        switch (ex.kind) {
        case RT_EXIT_JUMP:
            pc = ex.next_pc;
            break;
        case RT_EXIT_SYSCALL:
            hdr->pc = ex.next_pc;
            rt_syscall_run(p, cpu->cur_pc);
            if (!p->done && rt_signal_deliverable(p))
                rt_signal_deliver(p);
            pc = hdr->pc;
            break;
        case RT_EXIT_SYNC_CODE:
            rt_cache_flush(&p->cache);
            p->stats.code_flushes++;
            pc = ex.next_pc;
            break;
        case RT_EXIT_TRAP:
            guest_trap(p, &ex);
            pc = hdr->pc;
            break;
        case RT_EXIT_FAULT:
            guest_memory_fault(p, SIGSEGV, ex.fault_addr, ex.pc);
            pc = hdr->pc;
            break;
        default:
            fvp_assert(!"unknown RtExit kind");
        }
    }
    hdr->pc = pc;
    return NULL;
}

void rt_process_kill(RtProcess *p, int signo, uint64_t pc)
{
    p->done = true;
    memset(&p->outcome, 0, sizeof p->outcome);
    p->outcome.kind = RT_OUTCOME_KILLED;
    p->outcome.signal = signo;
    p->outcome.pc = pc;
}

FvpError *rt_process_run(RtProcess *p, RtOutcome *out)
{
    fvp_assert(p->loaded);
    FvpError *err = rt_signals_install();
    if (err)
        return err;
    p->mem.on_code_change = code_changed;
    p->mem.code_change_ctx = p;
    rt_signals_set_cpu(&p->cpu);
    uint64_t t0 = fvp_now_ns();
    /* A host fault on a guest address while guest code runs lands here (savemask 1: the
     * handler's blocked SIGSEGV is unblocked again). */
    FvpError *volatile run_err = NULL;
    while (!p->done) {
        if (sigsetjmp(p->cpu.fault_jmp, 1) == 0) {
            run_err = run_loop(p);
            break;
        }
        RtFaultInfo f = rt_signals_last_fault();
        guest_memory_fault(p, f.signo, f.guest_addr, p->cpu.cur_pc);
    }
    rt_signals_set_cpu(NULL);
    p->stats.wall_ns += fvp_now_ns() - t0;
    *out = p->outcome;
    return run_err;
}
