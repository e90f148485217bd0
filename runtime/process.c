/* RtProcess: create, load (ELF, stack, CPU state), report the outcome and the stats, destroy. */
#include "runtime/runtime_internal.h"

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* A compiler thread finished a job of thread `owner`: make that thread look at its
 * dispatcher (a compiled loop polls the flag on its back-edges), so new code, e.g. a
 * region's full tier, is installed even while the thread runs the old one. */
static void tier_job_done(void *ctx, uint64_t owner)
{
    RtProcess *p = ctx;
    pthread_mutex_lock(&p->lock);
    for (RtThread *t = p->threads; t; t = t->next)
        if (t->id == owner)
            atomic_store(&t->attention, 1);
    pthread_mutex_unlock(&p->lock);
}

FvpError *rt_process_create(const RtOptions *opts, RtProcess **out)
{
    *out = NULL;
    RtProcess *p = fvp_xcalloc(1, sizeof(*p));
    p->opts = *opts;
    p->log = opts->log ? opts->log : stderr;
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->changed, NULL);
    FvpError *err = rt_mem_init(&p->mem, opts->space_size ? opts->space_size : RT_GUEST_SPACE_SIZE);
    if (!err)
        err = rt_tier_init(&p->tier, opts->compiler, opts->compile_threads, tier_job_done, p);
    atomic_init(&p->counts, !opts->compiler || !opts->compiler->no_counts);
    if (err) {
        rt_process_destroy(p);
        return err;
    }
    *out = p;
    return NULL;
}

void rt_process_destroy(RtProcess *p)
{
    if (!p)
        return;
    rt_tier_destroy(&p->tier);
    /* Only the main thread can be left (other threads free themselves). */
    fvp_assert(!p->threads || (p->threads == p->main && !p->main->next));
    rt_thread_free(p->main);
    fvp_error_free(p->thread_error);
    rt_image_free(&p->image);
    rt_mem_destroy(&p->mem);
    free(p->exe_path);
    pthread_cond_destroy(&p->changed);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

bool rt_process_is_fork_child(const RtProcess *p)
{
    return p->forked;
}

RtMem *rt_process_mem(RtProcess *p)
{
    return &p->mem;
}

FvpError *rt_process_load(RtProcess *p, const char *path, int argc, char *const argv[],
                          char *const envp[])
{
    fvp_assert(!p->loaded);
    FvpError *err = rt_elf_load_file(&p->mem, path, &p->image);
    if (err)
        return err;
    p->fe = p->image.fe;
    p->abi.sa_restorer = p->fe->elf_machine == EM_AARCH64;
    p->abi.arm64_oflags = p->fe->elf_machine == EM_AARCH64;
    p->abi.renameat = p->fe->elf_machine == EM_AARCH64;
    const char *execfn = p->opts.execfn ? p->opts.execfn : path;
    char resolved[PATH_MAX];
    p->exe_path = fvp_xstrdup(realpath(execfn, resolved) ? resolved : execfn);

    RtStackArgs sa = {.argc = argc, .argv = argv, .envp = envp, .execfn = execfn};
    if (getrandom(sa.random, sizeof sa.random, 0) != (ssize_t)sizeof sa.random)
        return fvp_error_wrap(fvp_error_errno(errno, "reading AT_RANDOM bytes"), "loading %s",
                              path);
    uint64_t sp;
    if ((err = rt_stack_build(&p->mem, &p->image, &sa, &sp)) || (err = rt_signal_init(p)))
        return fvp_error_wrap(err, "loading %s", path);

    RtThread *t = rt_thread_new(p, NULL);
    FeInitInfo info = {.entry = p->image.entry, .sp = sp};
    p->fe->init_state(t->state, &info);
    ((IRStateHeader *)t->state)->pc = p->image.entry;
    t->tid = gettid();
    p->main = p->threads = t;
    p->live = 1;
    p->loaded = true;
    return NULL;
}

void rt_thread_add_stats(RtStats *st, const RtThread *t)
{
    st->interp_insns += t->cpu.stats.interp_insns;
    st->interp_blocks += t->cpu.stats.interp_blocks;
    st->jit_insns += t->cpu.stats.jit_insns;
    st->jit_blocks += t->cpu.stats.jit_blocks;
    st->syscalls += t->cpu.stats.syscalls;
    st->blocks_translated += t->stats.blocks_translated;
    st->blocks_compiled += t->stats.blocks_compiled;
    st->compile_failures += t->stats.compile_failures;
    st->compile_ns += t->stats.compile_ns;
    st->code_flushes += t->stats.code_flushes;
    st->blocks_invalidated += t->stats.blocks_invalidated;
    st->regions_compiled += t->stats.regions_compiled;
    st->tier_ups += t->stats.tier_ups;
    st->straight_to_full += t->stats.straight_to_full;
    st->region_blocks += t->stats.region_blocks;
    st->code_bytes += t->stats.code_bytes;
    st->regions_cur_pc += t->stats.regions_cur_pc;
    st->regions_baseline += t->stats.regions_baseline;
    st->cache_lookups += t->stats.cache_lookups;
    st->chain_hits += t->stats.chain_hits;
    st->direct_links += t->stats.links;
    st->cosim_checks += t->stats.cosim_checks;
    st->fp_mode_exits += t->stats.fp_mode_exits;
}

void rt_process_stats(const RtProcess *p, RtStats *st)
{
    pthread_mutex_lock((pthread_mutex_t *)&p->lock);
    *st = p->dead_stats;
    for (const RtThread *t = p->threads; t; t = t->next)
        rt_thread_add_stats(st, t);
    pthread_mutex_unlock((pthread_mutex_t *)&p->lock);
    st->wall_ns = p->wall_ns;
    st->compiled_uncounted = !atomic_load(&((RtProcess *)p)->counts);
}

/* Records how the process ended; the first ending wins. Lock held by the caller. */
static bool end_locked(RtProcess *p, const RtOutcome *o)
{
    if (atomic_load(&p->done))
        return false;
    p->outcome = *o;
    atomic_store(&p->done, true);
    for (RtThread *t = p->threads; t; t = t->next)
        atomic_store(&t->attention, 1);
    pthread_cond_broadcast(&p->changed);
    return true;
}

static void wake_main_if_elsewhere(RtProcess *p)
{
    if (p->main_host && !pthread_equal(pthread_self(), p->main_host))
        rt_threads_wake_main(p);
}

bool rt_process_kill(RtProcess *p, int signo, uint64_t pc)
{
    RtOutcome o = {.kind = RT_OUTCOME_KILLED, .signal = signo, .pc = pc};
    pthread_mutex_lock(&p->lock);
    bool first = end_locked(p, &o);
    pthread_mutex_unlock(&p->lock);
    wake_main_if_elsewhere(p);
    return first;
}

/* Compiled code must change kind (the process's compiler exists): the compiler's hook asks
 * it for the new kind from now on (NULL: it cannot, so the runtime stops using it), and
 * every thread drops its regions, including those still being compiled (their blocks'
 * serials will not match). */
static void recompile_all(RtProcess *p, void (*require)(void *ctx))
{
    if (require)
        require(p->tier.compiler->ctx);
    else
        atomic_store(&p->compiled_off, true);
    rt_threads_invalidate(p, 0, 0, true);
}

void rt_process_need_precise_faults(RtProcess *p)
{
    /* Regions compiled before keep registers in host registers across accesses. */
    if (!atomic_exchange(&p->precise_faults, true) && p->tier.compiler)
        recompile_all(p, p->tier.compiler->require_precise_faults);
}

void rt_process_need_counts(RtProcess *p)
{
    /* The relaxed load keeps every later instret read cheap. counts starts true when
     * there is no compiler (the interpreter always counts). */
    if (!atomic_load_explicit(&p->counts, memory_order_relaxed) &&
        !atomic_exchange(&p->counts, true))
        recompile_all(p, p->tier.compiler->require_counts);
}

void rt_process_need_fp_modes(RtProcess *p)
{
    void (*require)(void *) = p->tier.compiler ? p->tier.compiler->require_fp_modes : NULL;
    if (require && !atomic_exchange(&p->fp_modes, true))
        recompile_all(p, require);
}

void rt_process_exit(RtProcess *p, int status)
{
    RtOutcome o = {.kind = RT_OUTCOME_EXITED, .status = status};
    pthread_mutex_lock(&p->lock);
    end_locked(p, &o);
    pthread_mutex_unlock(&p->lock);
    wake_main_if_elsewhere(p);
}

void rt_stats_print(const RtStats *st, bool json, FILE *f)
{
    typedef unsigned long long ull;
    if (json) {
        fprintf(f,
                "{\"guest_insns\":%llu,\"interp_insns\":%llu,\"jit_insns\":%llu,"
                "\"blocks_executed\":%llu,\"interp_blocks\":%llu,\"jit_blocks\":%llu,"
                "\"blocks_translated\":%llu,\"blocks_compiled\":%llu,\"compile_failures\":%llu,"
                "\"compile_ns\":%llu,\"syscalls\":%llu,\"code_flushes\":%llu,"
                "\"blocks_invalidated\":%llu,\"regions_compiled\":%llu,\"tier_ups\":%llu,"
                "\"straight_to_full\":%llu,"
                "\"region_blocks\":%llu,\"regions_cur_pc\":%llu,\"regions_baseline\":%llu,"
                "\"code_bytes\":%llu,\"cache_lookups\":%llu,\"chain_hits\":%llu,"
                "\"direct_links\":%llu,\"cosim_checks\":%llu,\"fp_mode_exits\":%llu,"
                "\"wall_ns\":%llu,\"compiled_counted\":%s}\n",
                (ull)(st->interp_insns + st->jit_insns), (ull)st->interp_insns, (ull)st->jit_insns,
                (ull)(st->interp_blocks + st->jit_blocks), (ull)st->interp_blocks,
                (ull)st->jit_blocks, (ull)st->blocks_translated, (ull)st->blocks_compiled,
                (ull)st->compile_failures, (ull)st->compile_ns, (ull)st->syscalls,
                (ull)st->code_flushes, (ull)st->blocks_invalidated, (ull)st->regions_compiled,
                (ull)st->tier_ups, (ull)st->straight_to_full, (ull)st->region_blocks,
                (ull)st->regions_cur_pc, (ull)st->regions_baseline, (ull)st->code_bytes,
                (ull)st->cache_lookups, (ull)st->chain_hits, (ull)st->direct_links,
                (ull)st->cosim_checks, (ull)st->fp_mode_exits, (ull)st->wall_ns,
                st->compiled_uncounted ? "false" : "true");
        return;
    }
    if (st->compiled_uncounted) {
        fprintf(f, "fvp: stats: guest instructions: interpreter %llu, compiled not counted\n",
                (ull)st->interp_insns);
        fprintf(f, "fvp: stats: blocks executed: interpreter %llu, compiled not counted\n",
                (ull)st->interp_blocks);
    } else {
        fprintf(f, "fvp: stats: guest instructions %llu (interpreter %llu, compiled %llu)\n",
                (ull)(st->interp_insns + st->jit_insns), (ull)st->interp_insns,
                (ull)st->jit_insns);
        fprintf(f, "fvp: stats: blocks executed %llu (interpreter %llu, compiled %llu)\n",
                (ull)(st->interp_blocks + st->jit_blocks), (ull)st->interp_blocks,
                (ull)st->jit_blocks);
    }
    fprintf(f,
            "fvp: stats: blocks translated %llu, compiled %llu (%llu failed, %.3f ms in the "
            "compiler)\n",
            (ull)st->blocks_translated, (ull)st->blocks_compiled, (ull)st->compile_failures,
            (double)st->compile_ns / 1e6);
    fprintf(f, "fvp: stats: syscalls %llu, code cache flushes %llu, blocks invalidated %llu\n",
            (ull)st->syscalls, (ull)st->code_flushes, (ull)st->blocks_invalidated);
    fprintf(f,
            "fvp: stats: regions compiled %llu (%.1f blocks each, %llu bytes of host code, "
            "%llu recompiled at the full tier, %llu compiled there first, %llu with cur_pc stores, "
            "%llu by the baseline compiler), cosim checks %llu\n",
            (ull)st->regions_compiled,
            st->regions_compiled ? (double)st->region_blocks / (double)st->regions_compiled : 0.0,
            (ull)st->code_bytes, (ull)st->tier_ups, (ull)st->straight_to_full,
            (ull)st->regions_cur_pc, (ull)st->regions_baseline, (ull)st->cosim_checks);
    fprintf(f,
            "fvp: stats: dispatches: code cache lookups %llu, chain hits %llu, direct links "
            "%llu, FP-mode exits %llu\n",
            (ull)st->cache_lookups, (ull)st->chain_hits, (ull)st->direct_links,
            (ull)st->fp_mode_exits);
    fprintf(f, "fvp: stats: wall time %.3f ms\n", (double)st->wall_ns / 1e6);
}

int rt_outcome_report(const RtOutcome *o, FILE *f)
{
    if (o->kind == RT_OUTCOME_EXITED)
        return o->status;
    const char *abbrev = sigabbrev_np(o->signal);
    char name[32];
    if (abbrev)
        snprintf(name, sizeof name, "SIG%s", abbrev);
    else
        snprintf(name, sizeof name, "signal %d", o->signal);
    if (o->detail[0])
        fprintf(f, "fvp: %s at pc 0x%llx\n", o->detail, (unsigned long long)o->pc);
    fprintf(f, "fvp: guest killed by %s at pc 0x%llx", name, (unsigned long long)o->pc);
    if (o->has_fault_addr)
        fprintf(f, " (fault address 0x%llx)", (unsigned long long)o->fault_addr);
    fprintf(f, "\n");
    fflush(f);
    return 128 + o->signal;
}
