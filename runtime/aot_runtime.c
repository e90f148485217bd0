/* Run-time side of AOT executables: embedded guest loading, precompiled entries as a compiled tier. */
#include "runtime/aot_runtime.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/runtime_internal.h"

extern char **environ;

enum { AOT_TOP_PCS = 10 };

/* One 64-bit word into the running hash: xor, multiply by an odd constant, fold the high
 * half down (the multiply moves entropy up only). */
static uint64_t hash_word(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 32);
}

/* A word at a time: every block entered is hashed once per run (FNV-1a byte by byte took
 * 7% of a call-heavy executable's start-up). IRInsn is 40 bytes without hidden padding
 * (ir/ir.h), so its words are the block's exact contents. */
uint64_t rt_aot_hash_block(const IRBlock *b)
{
    _Static_assert(sizeof(IRInsn) % 8 == 0, "IRInsn is hashed as 64-bit words");
    uint64_t h = hash_word(0xcbf29ce484222325ull, b->pc);
    h = hash_word(h, (uint64_t)b->guest_bytes << 32 | b->guest_insns);
    h = hash_word(h, b->count);
    const uint8_t *p = (const uint8_t *)b->insns;
    for (size_t i = 0, n = b->count * sizeof(IRInsn) / 8; i < n; i++) {
        uint64_t w;
        memcpy(&w, p + 8 * i, sizeof w);
        h = hash_word(h, w);
    }
    return h;
}

void rt_aot_load_info(const RtProcess *p, RtAotLoadInfo *out)
{
    out->fe = p->fe;
    out->entry = p->image.entry;
    out->load_bias = p->image.load_bias;
}

/* RtCompiler.compile over the precompiled table: no code is generated at run time. */
static FvpError *aot_lookup(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                            RtCompiledFn *out, RtCompileStats *stats)
{
    const RtAotImage *img = ctx;
    uint64_t pc = blocks[0]->pc;
    size_t lo = 0, hi = img->nentries;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (img->entries[mid].pc < pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == img->nentries || img->entries[lo].pc != pc)
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "no precompiled entry at 0x%llx",
                             (unsigned long long)pc);
    if (img->entries[lo].hash != rt_aot_hash_block(blocks[0]))
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "code at 0x%llx differs from the translated code",
                             (unsigned long long)pc);
    *out = img->entries[lo].fn;
    stats->guest_insns = blocks[0]->guest_insns;
    return NULL;
}

bool rt_pc_table_find(const uint8_t *start, const uint8_t *end, uintptr_t host_pc,
                      uint64_t *guest_pc)
{
    bool hit = false; /* an offset of the current group names host_pc */
    for (const uint8_t *p = start; p && end - p >= 4;) {
        int32_t word;
        memcpy(&word, p, sizeof word);
        if (word != RT_PC_TABLE_MARK) {
            hit |= (uintptr_t)p + (uintptr_t)(intptr_t)word == host_pc;
            p += sizeof word;
            continue;
        }
        if (end - p < 12)
            return false;
        if (hit) {
            memcpy(guest_pc, p + 4, sizeof *guest_pc);
            return true;
        }
        p += 12;
    }
    return false;
}

/* The linker's bounds of the translated code's pc table (runtime/engine.h); weak, so
 * programs without translated code (fvp itself) link too. */
extern const uint8_t __start_fvp_pcmap[] __attribute__((weak));
extern const uint8_t __stop_fvp_pcmap[] __attribute__((weak));

/* RtCompiler.guest_pc_at: a linear scan, only ever run for a host fault. */
static bool aot_guest_pc_at(void *ctx, uintptr_t host_pc, uint64_t *guest_pc)
{
    (void)ctx;
    return rt_pc_table_find(__start_fvp_pcmap, __stop_fvp_pcmap, host_pc, guest_pc);
}

static void aot_destroy(void *ctx)
{
}

/* Copies the embedded ELF into a memfd; *path names it for the loader. */
static FvpError *image_to_fd(const RtAotImage *img, int *fd_out, char *path, size_t size)
{
    int fd = memfd_create("fvp-aot-guest", MFD_CLOEXEC);
    if (fd < 0)
        return fvp_error_errno(errno, "creating a memfd for the embedded guest");
    const uint8_t *p = img->elf;
    uint64_t left = img->elf_size;
    while (left) {
        ssize_t n = write(fd, p, left);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            int e = n < 0 ? errno : EIO;
            close(fd);
            return fvp_error_errno(e, "writing the embedded guest to a memfd");
        }
        p += n;
        left -= (uint64_t)n;
    }
    snprintf(path, size, "/proc/self/fd/%d", fd);
    *fd_out = fd;
    return NULL;
}

typedef struct AotHot {
    uint64_t pc, insns, runs;
} AotHot;

static int hot_cmp(const void *a, const void *b)
{
    const AotHot *x = a, *y = b;
    return x->insns < y->insns ? 1 : x->insns > y->insns ? -1 : (x->pc > y->pc) - (x->pc < y->pc);
}

/* FVP_STATS=1: totals plus the blocks of the main thread that ran outside translated code
 * (never compiled, so every run was interpreted), by guest instructions executed. */
static void print_stats(RtProcess *p, bool counts, FILE *f)
{
    RtStats st;
    rt_process_stats(p, &st);
    uint64_t total = st.jit_insns + st.interp_insns;
    if (counts)
        fprintf(f,
                "fvp aot: guest instructions: %llu translated, %llu interpreted (%.2f%% "
                "translated)\n",
                (unsigned long long)st.jit_insns, (unsigned long long)st.interp_insns,
                total ? 100.0 * (double)st.jit_insns / (double)total : 0.0);
    else
        fprintf(f,
                "fvp aot: guest instructions: translated not counted (fvp aot --counts), "
                "%llu interpreted\n",
                (unsigned long long)st.interp_insns);
    fprintf(f, "fvp aot: blocks found precompiled %llu, missing (interpreted) %llu\n",
            (unsigned long long)st.blocks_compiled, (unsigned long long)st.compile_failures);
    rt_stats_print(&st, false, f);
    if (!p->main)
        return;
    AotHot *hot = NULL;
    size_t n = 0, cap = 0;
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&p->main->cache.blocks, &i, &key, &value);) {
        const RtBlock *b = value;
        if (b->tier == RT_TIER_COMPILED)
            continue;
        FVP_GROW(hot, cap, n + 1);
        hot[n++] = (AotHot){b->pc, b->exec_count * b->guest_insns, b->exec_count};
    }
    if (n) /* hot is NULL when every block ran translated */
        qsort(hot, n, sizeof *hot, hot_cmp);
    fprintf(f, "fvp aot: top blocks run outside translated code (main thread):%s\n",
            n ? "" : " none");
    for (size_t i = 0; i < n && i < AOT_TOP_PCS; i++)
        fprintf(f, "  pc 0x%llx: %llu runs, ~%llu guest instructions\n",
                (unsigned long long)hot[i].pc, (unsigned long long)hot[i].runs,
                (unsigned long long)hot[i].insns);
    free(hot);
}

int rt_aot_main(int argc, char **argv, const RtAotImage *image)
{
    /* Code translated without counts cannot start counting: a guest read of instret
     * (rt_process_need_counts, no require_counts) turns the translated code off and the
     * rest runs interpreted, counted. fvp aot translates with counts when discovered code
     * reads instret. */
    RtCompiler compiler = {.ctx = (void *)image,
                           .no_counts = !image->counts,
                           .compile = aot_lookup,
                           .lookup = true,
                           .guest_pc_at = aot_guest_pc_at,
                           .destroy = aot_destroy};
    /* The guest sees the name this executable was started by, as a native program would
     * (the loader reads the guest from a memfd). */
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    RtOptions opts = {.compiler = &compiler, .hot_threshold = 1, .execfn = execfn};
    const char *stats_env = getenv("FVP_STATS");
    bool stats = stats_env && stats_env[0] && strcmp(stats_env, "0") != 0;
    RtProcess *proc = NULL;
    int fd = -1, status = 125;
    char path[64];
    FvpError *err = image_to_fd(image, &fd, path, sizeof path);
    if (!err)
        err = rt_process_create(&opts, &proc);
    if (!err)
        err = rt_process_load(proc, path, argc, argv, environ);
    if (fd >= 0)
        close(fd);
    RtOutcome outcome;
    if (!err)
        err = rt_process_run(proc, &outcome);
    if (!err) {
        fflush(stdout);
        if (stats)
            print_stats(proc, image->counts, stderr);
        status = rt_outcome_report(&outcome, stderr);
    }
    if (err) {
        fvp_error_print(err, "fvp", stderr);
        fvp_error_free(err);
        status = 125;
    }
    if (proc && rt_process_is_fork_child(proc)) {
        fflush(NULL);
        _exit(status);
    }
    rt_process_destroy(proc);
    fflush(stdout);
    fflush(stderr);
    return status;
}
