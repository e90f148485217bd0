/* fvp run --perf-map: /tmp/perf-<pid>.map lines so Linux perf can name JIT-compiled code. */
#include "tools/fvp/introspect.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "common/common.h"

/*
 *   tier thread --compile--> PerfMap wrapper --> inner RtCompiler (the JIT)
 *                                  |
 *                                  +--> "<start> <size> fvp:<symbol>[ [fast]]" appended and flushed
 *
 * perf reads /tmp/perf-<pid>.map of the profiled process when it resolves samples in
 * anonymous executable memory; lines are flushed at once so a crash keeps them.
 */

typedef struct PerfMap {
    RtCompiler inner; /* owned through its destroy hook */
    const RtSymtab *symtab;
    pthread_mutex_t lock; /* guards f */
    FILE *f;
} PerfMap;

static FvpError *perf_map_record(PerfMap *pm, bool fast, const IRBlock *const *blocks,
                                 size_t nblocks, RtCompiledFn *out, RtCompileStats *stats)
{
    RtCompileStats local = {0};
    if (!stats)
        stats = &local;
    FvpError *err = (fast ? pm->inner.compile_fast : pm->inner.compile)(pm->inner.ctx, blocks,
                                                                        nblocks, out, stats);
    if (err || !nblocks)
        return err;
    char sym[256];
    rt_symtab_format(pm->symtab, blocks[0]->pc, sym, sizeof sym);
    pthread_mutex_lock(&pm->lock);
    fprintf(pm->f, "%" PRIxPTR " %" PRIx64 " fvp:%s%s\n", (uintptr_t)*out,
            FVP_MAX(stats->code_bytes, (uint64_t)1), sym, fast ? " [fast]" : "");
    fflush(pm->f);
    pthread_mutex_unlock(&pm->lock);
    return NULL;
}

static FvpError *perf_map_compile(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                                  RtCompiledFn *out, RtCompileStats *stats)
{
    return perf_map_record(ctx, false, blocks, nblocks, out, stats);
}

static FvpError *perf_map_compile_fast(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                                       RtCompiledFn *out, RtCompileStats *stats)
{
    return perf_map_record(ctx, true, blocks, nblocks, out, stats);
}

static void perf_map_require_precise(void *ctx)
{
    PerfMap *pm = ctx;
    pm->inner.require_precise_faults(pm->inner.ctx);
}

static void perf_map_require_counts(void *ctx)
{
    PerfMap *pm = ctx;
    pm->inner.require_counts(pm->inner.ctx);
}

static void perf_map_require_fp_modes(void *ctx)
{
    PerfMap *pm = ctx;
    pm->inner.require_fp_modes(pm->inner.ctx);
}

static bool perf_map_guest_pc_at(void *ctx, uintptr_t host_pc, uint64_t *guest_pc)
{
    PerfMap *pm = ctx;
    return pm->inner.guest_pc_at(pm->inner.ctx, host_pc, guest_pc);
}

static bool perf_map_cheap(void *ctx, const IRBlock *const *blocks, size_t nblocks)
{
    PerfMap *pm = ctx;
    return pm->inner.cheap(pm->inner.ctx, blocks, nblocks);
}

static void perf_map_destroy(void *ctx)
{
    PerfMap *pm = ctx;
    pm->inner.destroy(pm->inner.ctx);
    fclose(pm->f);
    pthread_mutex_destroy(&pm->lock);
    free(pm);
}

FvpError *perf_map_wrap(const RtCompiler *inner, const RtSymtab *symtab, RtCompiler *out)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
    FILE *f = fopen(path, "we");
    if (!f)
        return fvp_error_errno(errno, "creating the perf map %s", path);
    PerfMap *pm = fvp_xcalloc(1, sizeof(*pm));
    pm->inner = *inner;
    pm->symtab = symtab;
    pm->f = f;
    pthread_mutex_init(&pm->lock, NULL);
    *out = (RtCompiler){
        .ctx = pm,
        .compile = perf_map_compile,
        .compile_fast = inner->compile_fast ? perf_map_compile_fast : NULL,
        .require_precise_faults = inner->require_precise_faults ? perf_map_require_precise : NULL,
        .no_counts = inner->no_counts,
        .require_counts = inner->require_counts ? perf_map_require_counts : NULL,
        .require_fp_modes = inner->require_fp_modes ? perf_map_require_fp_modes : NULL,
        .guest_pc_at = inner->guest_pc_at ? perf_map_guest_pc_at : NULL,
        .cheap = inner->cheap ? perf_map_cheap : NULL,
        .destroy = perf_map_destroy};
    return NULL;
}
