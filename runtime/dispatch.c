/* The dispatcher: find or translate the block at pc, run it, act on how it exited. */
#include "runtime/runtime_internal.h"
#include "runtime/profile.h"

#include <signal.h>
#include <string.h>
#include <sys/mman.h>

/*
 *        +--> invalidations posted by other threads? apply to this thread's cache
 *        |         |
 *        +--> previous block's exit links (chain hit) or code cache lookup (pc)
 *        |         |             --miss--> lift (frontend) + interp_prepare
 *        |    exec_count++ --hot--> rt_region_form + rt_tier_submit (compiler threads)
 *        |         |
 *        |    compiled ? RtCompiledFn : interp_run      (faults: siglongjmp out)
 *        |         |
 *        +--- RtExit: JUMP | SYSCALL -> rt_syscall_run (+ signal delivery)
 *                   SYNC_CODE -> flush | TRAP / FAULT -> guest signal
 *
 * Each guest thread runs this loop on its own host thread with its own cache.
 */

/* FeFetchFn: copies code bytes at pc from executable guest pages only. */
static size_t fetch_code(void *ctx, uint64_t pc, void *buf, size_t len)
{
    RtProcess *p = ctx;
    return rt_mem_fetch(&p->mem, pc, buf, len);
}

static FvpError *translate(RtThread *t, uint64_t pc, RtBlock **out)
{
    RtProcess *p = t->proc;
    IRBlock *ir = ir_block_new(pc);
    FeLiftOptions lo = {.max_insns = p->opts.max_block_insns};
    InterpCode *code = NULL;
    FvpError *err = p->fe->lift_block(p->fe, fetch_code, p, pc, &lo, ir);
    if (!err)
        err = ir_verify_block(ir);
    if (!err && !p->tier.compiler) /* else rt_block_code, when first interpreted */
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
    b->serial = t->cache.next_serial++;
    b->guest_insns = ir->guest_insns;
    b->code = code;
    if (p->opts.on_translate)
        p->opts.on_translate(p->opts.on_translate_user, ir);
    if (p->tier.compiler)
        b->ir = ir;
    else
        ir_block_free(ir);
    u64map_put(&t->cache.blocks, pc, b);
    t->stats.blocks_translated++;
    *out = b;
    return NULL;
}

/* True if every block the job was made from is still the cached translation. */
static bool job_current(RtThread *t, const RtTierJob *job)
{
    for (size_t k = 0; k < job->nblocks; k++) {
        const RtBlock *m = u64map_get(&t->cache.blocks, job->blocks[k]->pc);
        if (!m || m->serial != job->serials[k])
            return false;
    }
    return true;
}

/* Makes b's compiled code the region of job: remembers the other blocks' code ranges (an
 * invalidation of any of them drops b) and their pcs (co-simulation). */
static void install_region(RtThread *t, RtBlock *b, const RtTierJob *job)
{
    b->compiled = job->fn;
    b->compiled_fast = job->fast;
    b->heat = job->fast ? job->stats.heat : NULL;
    b->upgrading = false;
    b->tier = RT_TIER_COMPILED;
    RtJumpSlot *slot = rt_jump_slot(t->cache.jump, b->pc);
    if (slot->pc == b->pc) /* chained code jumps to the new version from now on */
        slot->fn = (void *)b->compiled;
    if (t->cpu.jump_cache) /* chaining is on: direct links too */
        t->stats.links += rt_cache_link(&t->cache, b, job->stats.links, job->stats.nlinks);
    free(b->region_pcs);
    free(b->region_ranges);
    b->region_ranges = NULL;
    b->nregion_ranges = 0;
    b->region_pcs = fvp_xcalloc(job->nblocks, sizeof(*b->region_pcs));
    b->nregion_pcs = job->nblocks;
    if (job->nblocks > 1)
        b->region_ranges = fvp_xcalloc(2 * (job->nblocks - 1), sizeof(*b->region_ranges));
    for (size_t k = 0; k < job->nblocks; k++) {
        const RtBlock *m = u64map_get(&t->cache.blocks, job->blocks[k]->pc);
        b->region_pcs[k] = m->pc;
        if (k) {
            b->region_ranges[2 * b->nregion_ranges] = m->pc;
            b->region_ranges[2 * b->nregion_ranges + 1] = m->end;
            b->nregion_ranges++;
        }
    }
    t->stats.regions_compiled++;
    t->stats.region_blocks += job->nblocks;
    t->stats.code_bytes += job->stats.code_bytes;
    t->stats.regions_cur_pc += job->stats.cur_pc_stores;
    t->stats.regions_baseline += job->stats.baseline;
}

/* Installs what the compiler threads finished, if its blocks are still the cached ones.
 * A region the compiler refused is retried as its entry block alone. */
static void install_compiled(RtThread *t)
{
    RtTierJob *job = rt_tier_take_done(&t->proc->tier, t->id);
    while (job) {
        RtTierJob *next = job->next;
        RtBlock *b = u64map_get(&t->cache.blocks, job->pc);
        bool current = b && job_current(t, job) && !atomic_load(&t->proc->compiled_off);
        t->stats.compile_ns += job->stats.compile_ns;
        if (job->err) {
            t->stats.compile_failures++;
            if (current && job->nblocks > 1) {
                const IRBlock *entry = b->ir;
                rt_tier_submit(&t->proc->tier, t->id, &entry, &b->serial, 1, job->fast, b->heat);
            } else if (current && b->tier == RT_TIER_COMPILED) {
                b->upgrading = false; /* the full tier failed: keep the fast code */
            } else if (current) {
                b->tier = RT_TIER_FAILED;
            }
        } else {
            t->stats.blocks_compiled++;
            if (current)
                install_region(t, b, job);
        }
        rt_tier_job_free(job);
        job = next;
    }
}

/* True if a member of the region (blocks[1..n)) runs full-tier code already: an inner
 * loop compiled before the loop around it, which closes through b (rt_region_form). */
static bool holds_full_tier_code(RtThread *t, const IRBlock *const *blocks, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        const RtBlock *m = u64map_get(&t->cache.blocks, blocks[k]->pc);
        if (m && m->compiled && !m->compiled_fast)
            return true;
    }
    return false;
}

/* b just became hot: hand its region to the compiler threads, or compile it here when the
 * compiler does that cheaply (the baseline compiler: a tenth of a millisecond, where the
 * compiler threads may be busy with LLVM jobs of 5-50 ms) or only looks code up (AOT
 * executables: a hand-over to a thread cost more than the lookup). With only_cheap (b reached
 * the cheap threshold), only a region the compiler compiles cheaply; b stays cold
 * otherwise, until the hot threshold. A region holding full-tier code goes to the full
 * tier at once: its fast-tier code would run that inner loop slower until the upgrade
 * (aarch64 dfa's scan loop ran in baseline code inside its outer loop's region), while
 * b's few runs wait in the interpreter and the loop keeps its own full-tier code. */
static void submit_hot(RtThread *t, RtBlock *b, uint32_t threshold, bool only_cheap)
{
    RtProcess *p = t->proc;
    size_t max = p->opts.max_region_blocks ? p->opts.max_region_blocks
                                           : RT_DEFAULT_MAX_REGION_BLOCKS;
    const IRBlock **blocks = fvp_xcalloc(max, sizeof(*blocks));
    uint64_t *serials = fvp_xcalloc(max, sizeof(*serials));
    size_t n = rt_region_form(&t->cache, b, threshold, max, blocks, serials);
    const RtCompiler *c = p->tier.compiler;
    bool full = c->compile_fast && holds_full_tier_code(t, blocks, n);
    bool cheap = !full && c->compile_fast && c->cheap && c->cheap(c->ctx, blocks, n);
    if (full || !only_cheap || cheap) {
        rt_region_commit(&t->cache, blocks, n);
        b->tier = RT_TIER_QUEUED;
        t->stats.straight_to_full += full;
        bool fast = c->compile_fast && !full;
        if (cheap || c->lookup || p->opts.compile_sync) {
            rt_tier_compile_now(&p->tier, t->id, blocks, serials, n, fast);
            install_compiled(t); /* b runs its new code now */
        } else {
            rt_tier_submit(&p->tier, t->id, blocks, serials, n, fast, NULL);
        }
    }
    free(blocks);
    free(serials);
}

/* A fast-tier region entered at pc ran long enough (RT_JUMP_DETAIL_TIER_UP): compile it
 * again, same blocks, with the full tier. Its blocks must still be the cached ones. */
static void tier_up(RtThread *t, uint64_t pc)
{
    RtBlock *b = u64map_get(&t->cache.blocks, pc);
    if (!b || !b->compiled || !b->compiled_fast || b->upgrading ||
        atomic_load_explicit(&t->proc->compiled_off, memory_order_relaxed))
        return;
    size_t n = b->nregion_pcs;
    const IRBlock **blocks = fvp_xcalloc(n, sizeof(*blocks));
    uint64_t *serials = fvp_xcalloc(n, sizeof(*serials));
    bool ok = true;
    for (size_t k = 0; k < n && ok; k++) {
        const RtBlock *m = u64map_get(&t->cache.blocks, b->region_pcs[k]);
        ok = m && m->ir;
        if (ok) {
            blocks[k] = m->ir;
            serials[k] = m->serial;
        }
    }
    if (ok) {
        rt_tier_submit(&t->proc->tier, t->id, blocks, serials, n, false, b->heat);
        b->upgrading = true;
        t->stats.tier_ups++;
    }
    free(blocks);
    free(serials);
}

/* The block for pc after `prev` left for it: prev's exit links first (no hash, no
 * direct-mapped probe), then the code cache; translates on a miss and links prev to the
 * result. prev may be NULL (after a syscall or an invalidation). */
static FvpError *next_block(RtThread *t, RtBlock *prev, uint64_t pc, RtBlock **out)
{
    RtCodeCache *c = &t->cache;
    if (prev) {
        for (int k = 0; k < RT_BLOCK_LINKS; k++) {
            const RtBlockLink *l = &prev->links[k];
            if (l->pc == pc && l->block && l->epoch == c->epoch) {
                t->stats.chain_hits++;
                *out = l->block;
                return NULL;
            }
        }
    }
    t->stats.cache_lookups++;
    RtBlock *b = rt_cache_lookup(c, pc);
    if (!b) {
        FvpError *err = translate(t, pc, &b);
        if (err)
            return err;
    }
    if (prev) {
        RtBlockLink *l = &prev->links[prev->next_link];
        prev->next_link = (uint8_t)((prev->next_link + 1) % RT_BLOCK_LINKS);
        *l = (RtBlockLink){.pc = pc, .epoch = c->epoch, .block = b};
    }
    *out = b;
    return NULL;
}

/* A trap or fault exit becomes a synchronous guest signal: the guest's handler runs, or
 * the guest dies with a message naming the fault. */
static void guest_trap(RtThread *t, const RtExit *ex)
{
    RtProcess *p = t->proc;
    RtSigInfo info = {.addr = ex->pc};
    RtMapping mp;
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
        info.code = rt_mem_lookup(&p->mem, ex->pc, &mp) ? SEGV_ACCERR : SEGV_MAPERR;
        break;
    }
    rt_signal_fault(t, &info, ex->pc);
    if (atomic_load(&p->done) && p->outcome.signal == SIGILL && ex->trap_kind == IR_TRAP_ILLEGAL &&
        p->outcome.pc == ex->pc)
        snprintf(p->outcome.detail, sizeof p->outcome.detail, "illegal instruction 0x%08llx",
                 (unsigned long long)ex->detail);
}

/* A guest memory access that faulted (interpreter check or host fault in the reservation). */
static void guest_memory_fault(RtThread *t, int signo, uint64_t addr, uint64_t pc)
{
    RtMapping mp;
    RtSigInfo info = {.signo = signo, .addr = addr};
    if (signo == SIGBUS)
        info.code = BUS_ADRERR;
    else
        info.code = rt_mem_lookup(&t->proc->mem, addr, &mp) ? SEGV_ACCERR : SEGV_MAPERR;
    rt_signal_fault(t, &info, pc);
}

static bool thread_running(const RtThread *t)
{
    return !atomic_load_explicit(&t->proc->done, memory_order_acquire) && !t->exited;
}

/* Runs b (compiled: its region, else the interpreter) and charges what it executed to its
 * pc (--profile): compiled code reports its block executions and instructions in
 * cpu->stats, so a region that loops internally is counted per iteration. */
static void profile_run(RtCpu *cpu, RtBlock *b, const InterpCode *code, RtProfileThread *prof,
                        RtExit *ex)
{
    uint64_t pc = b->pc;
    uint64_t insns = cpu->stats.interp_insns + cpu->stats.jit_insns;
    uint64_t blocks = cpu->stats.jit_blocks;
    bool compiled = !code;
    if (compiled)
        rt_compiled_run(b->compiled, cpu, ex);
    else
        interp_run(cpu, code, ex);
    insns = cpu->stats.interp_insns + cpu->stats.jit_insns - insns;
    blocks = compiled ? cpu->stats.jit_blocks - blocks : 1;
    rt_profile_thread_record(prof, pc, compiled, blocks, insns);
}

/* Runs until the thread exits or the process ends. Host failures return an error. */
static FvpError *run_loop(RtThread *t, RtProfileThread *prof)
{
    RtProcess *p = t->proc;
    RtCpu *cpu = &t->cpu;
    IRStateHeader *hdr = t->state;
    uint32_t threshold = p->opts.hot_threshold ? p->opts.hot_threshold : RT_DEFAULT_HOT_THRESHOLD;
    /* regions the compiler compiles cheaply are submitted sooner (0: never) */
    uint32_t cheap =
        p->tier.compiler && p->tier.compiler->cheap && p->opts.cheap_threshold < threshold
            ? p->opts.cheap_threshold
            : 0;
    uint64_t pc = hdr->pc;
    RtBlock *prev = NULL; /* the block that just ran and jumped to pc, or NULL */
    bool interpret = false; /* compiled code declined pc (RT_JUMP_DETAIL_FP_MODE) */
    for (;;) {
        if (atomic_load_explicit(&t->attention, memory_order_relaxed)) {
            atomic_store(&t->attention, 0); /* then look: a later request sets it again */
            if (!thread_running(t))
                break;
            rt_thread_apply_invalidations(t);
            prev = NULL;
        }
        if (p->tier.compiler)
            install_compiled(t);
        RtBlock *b;
        FvpError *err = next_block(t, prev, pc, &b);
        if (err)
            return err;
        prev = NULL;
        ++b->exec_count;
        if ((b->exec_count == threshold || b->exec_count == cheap) && b->tier == RT_TIER_COLD &&
            b->ir && !atomic_load_explicit(&p->compiled_off, memory_order_relaxed))
            submit_hot(t, b, b->exec_count == cheap ? cheap : threshold, b->exec_count == cheap);
        RtExit ex;
        memset(&ex, 0, sizeof ex);
        hdr->pc = pc;
        cpu->cur_pc = pc;
        cpu->fault_armed = 1;
        bool compiled = b->compiled && !interpret;
        interpret = false;
        InterpCode *code = NULL;
        if (!compiled && (err = rt_block_code(b, &code)))
            return err;
        if (compiled && p->opts.cosim)
            err = rt_cosim_run(t, b, &ex);
        else if (prof)
            profile_run(cpu, b, code, prof, &ex);
        else if (compiled) {
            if (cpu->jump_cache) /* later exits to pc jump here directly */
                *rt_jump_slot(cpu->jump_cache, pc) =
                    (RtJumpSlot){.pc = pc, .fn = (void *)b->compiled};
            rt_compiled_run(b->compiled, cpu, &ex);
        } else
            interp_run(cpu, code, &ex);
        cpu->fault_armed = 0;
        if (err)
            return err;
        /* b may be freed from here on (syscalls and flushes drop blocks). */
        switch (ex.kind) {
        case RT_EXIT_JUMP:
            pc = ex.next_pc;
            prev = b; /* only a jump leaves the cache as it was */
            if (ex.detail == RT_JUMP_DETAIL_TIER_UP)
                tier_up(t, ex.pc);
            else if (ex.detail == RT_JUMP_DETAIL_FP_MODE) {
                /* Nothing ran: interpret the block, and have the JIT compile regions that
                 * take any mode (AOT code never declines: it has a copy for any mode). */
                interpret = true;
                t->stats.fp_mode_exits++;
                rt_process_need_fp_modes(p);
            }
            break;
        case RT_EXIT_SYSCALL:
            hdr->pc = ex.next_pc;
            rt_syscall_run(t, cpu->cur_pc);
            if (thread_running(t) && rt_signal_deliverable(p, t))
                rt_signal_deliver(t);
            pc = hdr->pc;
            break;
        case RT_EXIT_SYNC_CODE:
            rt_cache_flush(&t->cache);
            t->stats.code_flushes++;
            pc = ex.next_pc;
            break;
        case RT_EXIT_TRAP:
            guest_trap(t, &ex);
            pc = hdr->pc;
            break;
        case RT_EXIT_FAULT:
            guest_memory_fault(t, SIGSEGV, ex.fault_addr, ex.pc);
            pc = hdr->pc;
            break;
        default:
            fvp_assert(!"unknown RtExit kind");
        }
    }
    hdr->pc = pc;
    return NULL;
}

FvpError *rt_thread_run(RtThread *t)
{
    FvpError *err = rt_signals_install();
    if (err)
        return err;
    rt_signals_set_cpu(&t->cpu);
    /* A host fault on a guest address while guest code runs lands here (savemask 1: the
     * handler's blocked SIGSEGV is unblocked again). */
    FvpError *volatile run_err = NULL;
    RtProfile *profile = t->proc->opts.profile;
    RtProfileThread *const prof = profile ? rt_profile_thread_begin(profile) : NULL;
    /* Chaining skips the dispatcher, so not while it profiles or co-simulates each run;
     * co-simulation also needs each compiled run to go to the region's natural exit, as
     * the interpreter does (no early exit at a polled back-edge). */
    t->cpu.exit_request = t->proc->opts.cosim ? NULL : &t->attention;
    t->cpu.jump_cache = prof || t->proc->opts.cosim ? NULL : t->cache.jump;
    while (thread_running(t)) {
        if (sigsetjmp(t->cpu.fault_jmp, 1) == 0) {
            run_err = run_loop(t, prof);
            break;
        }
        RtFaultInfo f = rt_signals_last_fault();
        /* Compiled code without cur_pc stores names its accesses in a table instead. */
        const RtCompiler *c = t->proc->tier.compiler;
        uint64_t pc = t->cpu.cur_pc;
        if (c && c->guest_pc_at && c->guest_pc_at(c->ctx, f.host_pc, &pc))
            t->cpu.cur_pc = pc;
        guest_memory_fault(t, f.signo, f.guest_addr, t->cpu.cur_pc);
    }
    rt_signals_set_cpu(NULL);
    rt_signals_uninstall();
    if (prof)
        rt_profile_thread_end(profile, prof);
    return run_err;
}

static void code_changed(void *ctx, uint64_t start, uint64_t end)
{
    rt_threads_invalidate(ctx, start, end, false);
}

FvpError *rt_process_run(RtProcess *p, RtOutcome *out)
{
    fvp_assert(p->loaded);
    FvpError *err = rt_threads_install_wake();
    if (err)
        return err;
    p->main_host = pthread_self();
    p->mem.on_code_change = code_changed;
    p->mem.code_change_ctx = p;
    uint64_t t0 = fvp_now_ns();
    err = rt_thread_run(p->main);
    if (err)
        rt_process_exit(p, 125); /* stops the other threads; the error is returned */
    /* The main thread may leave through exit(2) while others run on: wait for the end. */
    pthread_mutex_lock(&p->lock);
    while (!atomic_load(&p->done))
        pthread_cond_wait(&p->changed, &p->lock);
    pthread_mutex_unlock(&p->lock);
    atomic_store(&p->main_stopped, true);
    rt_threads_stop_others(p);
    p->wall_ns += fvp_now_ns() - t0;
    *out = p->outcome;
    if (!err) {
        err = p->thread_error;
        p->thread_error = NULL;
    }
    return err;
}
