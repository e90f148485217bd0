/* RtProcess: create, load (ELF, stack, CPU state), report the outcome and the stats, destroy. */
#include "runtime/runtime_internal.h"

#include <elf.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

FvpError *rt_process_create(const RtOptions *opts, RtProcess **out)
{
    *out = NULL;
    RtProcess *p = fvp_xcalloc(1, sizeof(*p));
    p->opts = *opts;
    p->log = opts->log ? opts->log : stderr;
    rt_cache_init(&p->cache);
    FvpError *err = rt_mem_init(&p->mem, opts->space_size ? opts->space_size : RT_GUEST_SPACE_SIZE);
    if (!err)
        err = rt_tier_init(&p->tier, opts->compiler);
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
    rt_cache_destroy(&p->cache);
    rt_image_free(&p->image);
    rt_mem_destroy(&p->mem);
    free(p->state);
    free(p->exe_path);
    free(p);
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
    char resolved[PATH_MAX];
    p->exe_path = fvp_xstrdup(realpath(path, resolved) ? resolved : path);

    RtStackArgs sa = {.argc = argc, .argv = argv, .envp = envp, .execfn = path};
    if (getrandom(sa.random, sizeof sa.random, 0) != (ssize_t)sizeof sa.random)
        return fvp_error_wrap(fvp_error_errno(errno, "reading AT_RANDOM bytes"), "loading %s",
                              path);
    uint64_t sp;
    if ((err = rt_stack_build(&p->mem, &p->image, &sa, &sp)) || (err = rt_signal_init(p)))
        return fvp_error_wrap(err, "loading %s", path);

    size_t align = FVP_MAX(p->fe->state_align, (uint32_t)sizeof(void *));
    size_t size = (p->fe->state_size + align - 1) / align * align;
    p->state = aligned_alloc(align, size);
    if (!p->state)
        return fvp_error_errno(ENOMEM, "allocating the %s CPU state", p->fe->name);
    memset(p->state, 0, size);
    FeInitInfo info = {.entry = p->image.entry, .sp = sp};
    p->fe->init_state(p->state, &info);
    ((IRStateHeader *)p->state)->pc = p->image.entry;

    p->cpu.state = p->state;
    p->cpu.mem_base = p->mem.base;
    p->cpu.mem_limit = p->mem.limit;
    p->cpu.proc = p;
    p->loaded = true;
    return NULL;
}

void rt_process_stats(const RtProcess *p, RtStats *st)
{
    *st = p->stats;
    st->interp_insns = p->cpu.stats.interp_insns;
    st->interp_blocks = p->cpu.stats.interp_blocks;
    st->jit_insns = p->cpu.stats.jit_insns;
    st->jit_blocks = p->cpu.stats.jit_blocks;
    st->syscalls = p->cpu.stats.syscalls;
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
                "\"blocks_invalidated\":%llu,\"wall_ns\":%llu}\n",
                (ull)(st->interp_insns + st->jit_insns), (ull)st->interp_insns, (ull)st->jit_insns,
                (ull)(st->interp_blocks + st->jit_blocks), (ull)st->interp_blocks,
                (ull)st->jit_blocks, (ull)st->blocks_translated, (ull)st->blocks_compiled,
                (ull)st->compile_failures, (ull)st->compile_ns, (ull)st->syscalls,
                (ull)st->code_flushes, (ull)st->blocks_invalidated, (ull)st->wall_ns);
        return;
    }
    fprintf(f, "fvp: stats: guest instructions %llu (interpreter %llu, compiled %llu)\n",
            (ull)(st->interp_insns + st->jit_insns), (ull)st->interp_insns, (ull)st->jit_insns);
    fprintf(f, "fvp: stats: blocks executed %llu (interpreter %llu, compiled %llu)\n",
            (ull)(st->interp_blocks + st->jit_blocks), (ull)st->interp_blocks, (ull)st->jit_blocks);
    fprintf(f,
            "fvp: stats: blocks translated %llu, compiled %llu (%llu failed, %.3f ms in the "
            "compiler)\n",
            (ull)st->blocks_translated, (ull)st->blocks_compiled, (ull)st->compile_failures,
            (double)st->compile_ns / 1e6);
    fprintf(f, "fvp: stats: syscalls %llu, code cache flushes %llu, blocks invalidated %llu\n",
            (ull)st->syscalls, (ull)st->code_flushes, (ull)st->blocks_invalidated);
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
