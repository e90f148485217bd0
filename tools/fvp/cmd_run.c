/* fvp run: load a guest Linux program and run it in the user-mode runtime. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "translator/translator.h"
#include "tools/fvp/commands.h"
#include "tools/fvp/introspect.h"

extern char **environ;

typedef enum RunEngine { ENGINE_INTERP, ENGINE_JIT, ENGINE_AUTO } RunEngine;

typedef struct RunArgs {
    RunEngine engine;
    const char *engine_name;
    bool help; /* --help / -h among fvp's options: usage on stdout, exit 0 */
    bool stats, stats_json;
    RtOptions rt;
    const char *argv0; /* --argv0: the guest's argv[0] (default: PROG as given) */
    int prog_index;    /* argv index of PROG */
    /* what a guest execve of a guest program runs: this fvp with the same options */
    char self[4096];
    const char *exec_prefix[16];
    char exec_opts[5][48];  /* --jit-threshold=, --jit-threads=, --jit-region=, --jit-tier-up=,
                               --jit-cheap-threshold= */
    uint32_t jit_threshold; /* --jit-threshold (0: the engine's default) */
    uint32_t jit_cheap_threshold; /* --jit-cheap-threshold (0: default) */
    uint32_t jit_tier_up;   /* --jit-tier-up (RT_DEFAULT_TIER_UP; 0: one full tier only) */
    bool jit_tier_up_set;
    TrBaselineUse jit_baseline; /* --jit-baseline (default fast) */
    char baseline_opt[32];
    RunIntrospect in; /* --dump*, --perf-map, --profile (docs/introspection.md) */
} RunArgs;

static const char run_usage[] =
    "usage: fvp run [--engine=interp|jit|auto] [--stats[=json]] [--strace] [--strict-syscalls]\n"
    "               [--jit-threshold=N] [--jit-cheap-threshold=N] [--jit-threads=N]\n"
    "               [--jit-region=N] [--jit-tier-up=N] [--jit-baseline=fast|only|off] "
    "[--jit-sync]\n"
    "               [--cosim] [--argv0=NAME] [--dump=guest,ir,llvm,host [--dump-pc=ADDR|\n"
    "               --dump-sym=NAME] [--dump-file=PATH]] [--perf-map] [--profile[=N][,json]]\n"
    "               PROG [ARGS...]\n";

/* A decimal count in [min, max] for option `opt`. */
static FvpError *parse_count(const char *opt, const char *text, uint32_t min, uint32_t max,
                             uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (!*text || *end || errno || *text == '-' || v < min || v > max)
        return fvp_error_new(FVP_ERR_USAGE, "bad value in '%s' (expected %u..%u)", opt, min,
                             max);
    *out = (uint32_t)v;
    return NULL;
}

static FvpError *parse_args(int argc, char **argv, RunArgs *ra)
{
    memset(ra, 0, sizeof(*ra));
    FvpError *err = NULL;
    ra->engine = ENGINE_AUTO; /* tiered: interpreter first, hot regions compiled */
    ra->jit_baseline = TR_BASELINE_FAST;
    ra->engine_name = "auto";
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--")) {
            i++;
            break;
        } else if (!strncmp(a, "--engine=", 9)) {
            ra->engine_name = a + 9;
            if (!strcmp(a + 9, "interp"))
                ra->engine = ENGINE_INTERP;
            else if (!strcmp(a + 9, "jit"))
                ra->engine = ENGINE_JIT;
            else if (!strcmp(a + 9, "auto"))
                ra->engine = ENGINE_AUTO;
            else
                return fvp_error_new(FVP_ERR_USAGE,
                                     "unknown engine '%s' (choose interp, jit or auto)", a + 9);
        } else if (!strcmp(a, "--stats")) {
            ra->stats = true;
        } else if (!strcmp(a, "--stats=json")) {
            ra->stats = ra->stats_json = true;
        } else if (!strcmp(a, "--stats=text")) {
            ra->stats = true;
        } else if (!strcmp(a, "--strace")) {
            ra->rt.strace = true;
        } else if (!strcmp(a, "--strict-syscalls")) {
            ra->rt.strict_syscalls = true;
        } else if (!strncmp(a, "--argv0=", 8)) {
            ra->argv0 = a + 8;
        } else if (!strncmp(a, "--jit-threshold=", 16)) {
            if ((err = parse_count(a, a + 16, 1, UINT32_MAX, &ra->jit_threshold)))
                return err;
        } else if (!strncmp(a, "--jit-cheap-threshold=", 22)) {
            if ((err = parse_count(a, a + 22, 1, UINT32_MAX, &ra->jit_cheap_threshold)))
                return err;
        } else if (!strncmp(a, "--jit-threads=", 14)) {
            if ((err = parse_count(a, a + 14, 1, RT_MAX_COMPILE_THREADS, &ra->rt.compile_threads)))
                return err;
        } else if (!strncmp(a, "--jit-region=", 13)) {
            if ((err = parse_count(a, a + 13, 1, 1024, &ra->rt.max_region_blocks)))
                return err;
        } else if (!strncmp(a, "--jit-tier-up=", 14)) {
            if ((err = parse_count(a, a + 14, 0, UINT32_MAX, &ra->jit_tier_up)))
                return err;
            ra->jit_tier_up_set = true;
        } else if (!strncmp(a, "--jit-baseline=", 15)) {
            static const char *const uses[] = {"off", "fast", "only"};
            size_t u = 0;
            while (u < 3 && strcmp(a + 15, uses[u]))
                u++;
            if (u == 3)
                return fvp_error_new(FVP_ERR_USAGE,
                                     "bad value in '%s' (expected fast, only or off)", a);
            ra->jit_baseline = (TrBaselineUse)u;
            snprintf(ra->baseline_opt, sizeof ra->baseline_opt, "%s", a);
        } else if (!strcmp(a, "--cosim")) {
            ra->rt.cosim = true;
        } else if (!strcmp(a, "--jit-sync")) {
            ra->rt.compile_sync = true;
        } else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            ra->help = true; /* after PROG it is the guest's argument */
            return NULL;
        } else if (run_introspect_parse(&ra->in, a, &err)) {
            if (err)
                return err;
        } else {
            return fvp_error_new(FVP_ERR_USAGE, "unknown option '%s'", a);
        }
    }
    if (i >= argc)
        return fvp_error_new(FVP_ERR_USAGE, "missing PROG");
    if (ra->rt.cosim && ra->engine == ENGINE_INTERP)
        return fvp_error_new(FVP_ERR_USAGE, "--cosim needs --engine=jit or --engine=auto");
    if (ra->rt.compile_sync && ra->engine == ENGINE_INTERP)
        return fvp_error_new(FVP_ERR_USAGE, "--jit-sync needs --engine=jit or --engine=auto");
    ra->prog_index = i;
    ssize_t n = readlink("/proc/self/exe", ra->self, sizeof ra->self - 1);
    if (n > 0) {
        ra->self[n] = '\0';
        size_t k = 0;
        ra->exec_prefix[k++] = ra->self;
        ra->exec_prefix[k++] = "run";
        ra->exec_prefix[k++] = ra->engine == ENGINE_JIT    ? "--engine=jit"
                               : ra->engine == ENGINE_AUTO ? "--engine=auto"
                                                           : "--engine=interp";
        if (ra->rt.strace)
            ra->exec_prefix[k++] = "--strace";
        if (ra->rt.strict_syscalls)
            ra->exec_prefix[k++] = "--strict-syscalls";
        if (ra->stats)
            ra->exec_prefix[k++] = ra->stats_json ? "--stats=json" : "--stats";
        if (ra->rt.cosim)
            ra->exec_prefix[k++] = "--cosim";
        if (ra->rt.compile_sync)
            ra->exec_prefix[k++] = "--jit-sync";
        if (ra->baseline_opt[0])
            ra->exec_prefix[k++] = ra->baseline_opt;
        static const char *const names[5] = {"--jit-threshold", "--jit-threads", "--jit-region",
                                             "--jit-tier-up", "--jit-cheap-threshold"};
        const uint32_t values[5] = {ra->jit_threshold, ra->rt.compile_threads,
                                    ra->rt.max_region_blocks, ra->jit_tier_up,
                                    ra->jit_cheap_threshold};
        for (int o = 0; o < 5; o++) {
            if (!values[o] && !(o == 3 && ra->jit_tier_up_set))
                continue;
            snprintf(ra->exec_opts[o], sizeof ra->exec_opts[o], "%s=%u", names[o], values[o]);
            ra->exec_prefix[k++] = ra->exec_opts[o];
        }
        ra->exec_prefix[k] = NULL;
        ra->rt.exec_prefix = ra->exec_prefix;
    }
    return NULL;
}

/* The compiled tier for --engine: jit compiles every block on its first execution, auto
 * only blocks that ran RT_DEFAULT_HOT_THRESHOLD times (--jit-threshold overrides both);
 * both compile on background threads (--jit-threads) while the interpreter keeps going,
 * or, with --jit-sync, before the block runs again. *out is owned by the caller:
 * engine_compiler_free. */
static FvpError *engine_compiler(RunArgs *ra, RtCompiler **out, uint32_t *hot_threshold)
{
    *out = NULL;
    if (ra->engine == ENGINE_INTERP)
        return NULL;
    /* --cosim checks the full tier: a fast-tier region's tier-up exit leaves where the
     * interpreter would go on. */
    uint32_t tier_up = ra->rt.cosim           ? 0
                       : ra->jit_tier_up_set ? ra->jit_tier_up
                                             : RT_DEFAULT_TIER_UP;
    /* Compiled code counts what it runs only for those who read the counts (the guest's
     * instret turns counting on when it is read: rt_process_need_counts). */
    bool counts = ra->stats || ra->in.profile || ra->rt.cosim;
    TrJitOptions jo = {.user_mode = true,
                       .tiers = tier_up != 0,
                       .tier_up_count = tier_up,
                       .no_counts = !counts,
                       .fp_guard = true,
                       .baseline = ra->jit_baseline};
    run_introspect_jit_options(&ra->in, &jo);
    TrJit *jit = NULL;
    FvpError *err = tr_jit_create(&jo, &jit);
    if (err)
        return fvp_error_wrap(err, "starting the JIT for engine '%s'", ra->engine_name);
    RtCompiler *c = malloc(sizeof(*c));
    if (!c) {
        tr_jit_destroy(jit);
        return fvp_error_errno(ENOMEM, "starting the JIT");
    }
    *c = tr_jit_as_compiler(jit);
    if ((err = run_introspect_wrap_compiler(&ra->in, c))) {
        tr_jit_destroy(jit);
        free(c);
        return err;
    }
    *out = c;
    *hot_threshold = ra->jit_threshold            ? ra->jit_threshold
                     : ra->engine == ENGINE_JIT ? 1
                                                : RT_DEFAULT_HOT_THRESHOLD;
    /* The baseline compiler's regions go sooner (--jit-cheap-threshold); --jit-threshold
     * alone is for every block. */
    ra->rt.cheap_threshold = ra->jit_cheap_threshold ? ra->jit_cheap_threshold
                             : ra->jit_threshold     ? 0
                                                     : RT_DEFAULT_CHEAP_THRESHOLD;
    return NULL;
}

/* Releases what engine_compiler made (after the process that used it is destroyed). */
static void engine_compiler_free(RtCompiler *c)
{
    if (!c)
        return;
    c->destroy(c->ctx);
    free(c);
}

int cmd_run(int argc, char **argv)
{
    RunArgs ra;
    FvpError *err = parse_args(argc, argv, &ra);
    if (err) {
        fvp_error_print(err, "fvp run", stderr);
        fputs(run_usage, stderr);
        fvp_error_free(err);
        return FVP_EXIT_TOOL_ERROR;
    }
    if (ra.help) {
        fputs(run_usage, stdout);
        return 0;
    }
    RtCompiler *compiler = NULL;
    RtProcess *proc = NULL;
    int status = FVP_EXIT_TOOL_ERROR;
    if ((err = run_introspect_start(&ra.in, argv[ra.prog_index], &ra.rt)))
        goto out;
    if ((err = engine_compiler(&ra, &compiler, &ra.rt.hot_threshold)))
        goto out;
    ra.rt.compiler = compiler;
    if ((err = rt_process_create(&ra.rt, &proc)))
        goto out;
    const char *prog = argv[ra.prog_index];
    if (ra.argv0)
        argv[ra.prog_index] = (char *)ra.argv0;
    err = rt_process_load(proc, prog, argc - ra.prog_index, argv + ra.prog_index, environ);
    argv[ra.prog_index] = (char *)prog;
    if (err)
        goto out;
    run_introspect_loaded(&ra.in, proc);
    RtOutcome outcome;
    if ((err = rt_process_run(proc, &outcome)))
        goto out;
    fflush(stdout);
    if (ra.stats) {
        RtStats st;
        rt_process_stats(proc, &st);
        rt_stats_print(&st, ra.stats_json, stderr);
    }
    run_introspect_report(&ra.in, stderr);
    status = rt_outcome_report(&outcome, stderr);
out:
    if (err) {
        fvp_error_print(err, "fvp", stderr);
        fvp_error_free(err);
        status = FVP_EXIT_TOOL_ERROR;
    }
    /* The child of a guest fork leaves at once: the compiler's thread (and any lock it
     * held) stayed in the parent, so neither the compiler nor the process is torn down. */
    if (proc && rt_process_is_fork_child(proc)) {
        fflush(NULL);
        _exit(status);
    }
    rt_process_destroy(proc); /* first: it stops the compiler thread */
    engine_compiler_free(compiler);
    run_introspect_end(&ra.in, stderr);
    fflush(stdout);
    fflush(stderr);
    return status;
}
