/* The user-mode runtime: load a guest program, run it, report how it ended and what it cost. */
#ifndef FVP_RUNTIME_RUNTIME_H
#define FVP_RUNTIME_RUNTIME_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "runtime/engine.h"
#include "runtime/guest_mem.h"

/*
 *   rt_process_create(opts) -> rt_process_load(path, argv, envp) -> rt_process_run()
 *        -> RtOutcome (exit status or death by signal) -> rt_outcome_report()
 *        -> rt_process_stats() -> rt_process_destroy()
 *
 * Each guest thread runs its own dispatcher loop on its own host thread, with a code cache
 * keyed by guest pc; every block starts in the interpreter and, when opts.compiler is
 * set, is handed to it after opts.hot_threshold executions (compiled on a background
 * thread). rt_process_run returns when the process has ended and every thread has left.
 */

typedef struct RtProcess RtProcess;

typedef struct RtOptions {
    bool strace;                /* print every syscall and its result on `log` */
    bool strict_syscalls;       /* an unsupported syscall kills the guest with SIGSYS */
    const RtCompiler *compiler; /* compiled tier (borrowed; NULL: interpreter only) */
    uint32_t hot_threshold;     /* executions before a block is compiled (0: default) */
    /* Executions before a block is compiled when the compiler compiles its region cheaply
     * (RtCompiler.cheap); 0, or not below hot_threshold: hot_threshold for every block. */
    uint32_t cheap_threshold;
    uint32_t compile_threads;   /* compiler threads (0: RT_DEFAULT_COMPILE_THREADS) */
    /* A block that becomes hot is compiled on its own thread before it runs again (the
     * region's first tier; upgrades stay in the background): with hot_threshold 1 every
     * block runs compiled from its first execution (fvp run --jit-sync, for tests). */
    bool compile_sync;
    uint32_t max_region_blocks; /* blocks per compiled region (0: default, 1: single blocks) */
    /* Co-simulation: every run of compiled code is checked against the interpreter (in a
     * forked copy of the process, from the same state); the first divergence is reported
     * on `log` and ends the run with an error. Slow: for testing the JIT. */
    bool cosim;
    uint32_t max_block_insns;   /* lifter limit per block (0: frontend default) */
    uint64_t space_size;        /* guest address space bytes (0: RT_GUEST_SPACE_SIZE) */
    FILE *log;                  /* diagnostics (NULL: stderr) */
    /* Runs fvp on another guest program, for the guest's execve: {"/path/to/fvp", "run",
     * options..., NULL}; the runtime appends --argv0=ARGV0 PATH ARGS. NULL: a guest execve
     * of a guest program fails (ENOEXEC from the host). Borrowed. */
    const char *const *exec_prefix;
    /* The guest's own program name: AT_EXECFN, and (resolved) /proc/self/exe. NULL: the
     * path given to rt_process_load. AOT executables load their guest from a memfd and
     * pass the name they were started by. Borrowed for rt_process_load. */
    const char *execfn;
    /* Introspection (docs/introspection.md); NULL: off, one untaken branch per block. */
    struct RtProfile *profile; /* per-block execution counts (runtime/profile.h; borrowed) */
    /* Called with every newly lifted block, on the guest thread that lifted it, before
     * the block first runs (dumps). The IR is borrowed for the call. */
    void (*on_translate)(void *user, const IRBlock *ir);
    void *on_translate_user;
} RtOptions;

/* Measured defaults (docs/translator.md, "Tiered JIT figures"). */
enum {
    RT_DEFAULT_HOT_THRESHOLD = 5000,
    /* Entries plus loop iterations of a fast-tier region before it is compiled again
     * with full optimisation (fvp run --jit-tier-up). */
    RT_DEFAULT_TIER_UP = 100000,
    /* fvp run --engine=auto's threshold for regions the baseline compiler takes
     * (docs/translator.md, "The baseline compiler"). */
    RT_DEFAULT_CHEAP_THRESHOLD = 300,
    RT_DEFAULT_COMPILE_THREADS = 1,
    RT_DEFAULT_MAX_REGION_BLOCKS = 16,
    RT_MAX_COMPILE_THREADS = 16,
};

typedef enum RtOutcomeKind {
    RT_OUTCOME_EXITED = 0, /* exit/exit_group: status */
    RT_OUTCOME_KILLED,     /* death by signal */
} RtOutcomeKind;

typedef struct RtOutcome {
    RtOutcomeKind kind;
    int status;          /* RT_OUTCOME_EXITED: exit status & 0xff */
    int signal;          /* RT_OUTCOME_KILLED: host/guest signal number (same values) */
    uint64_t pc;         /* guest pc where it died */
    bool has_fault_addr; /* SIGSEGV/SIGBUS from a memory access */
    uint64_t fault_addr;
    char detail[96]; /* extra words for the message ("illegal instruction 0x...") */
} RtOutcome;

/* What a run cost (--stats). */
typedef struct RtStats {
    uint64_t interp_insns, interp_blocks; /* executed by the interpreter */
    uint64_t jit_insns, jit_blocks;       /* executed in compiled code */
    uint64_t syscalls;
    uint64_t blocks_translated; /* lifted and prepared for the interpreter */
    uint64_t blocks_compiled;   /* regions delivered by the compiler (= regions_compiled) */
    uint64_t compile_failures;
    uint64_t compile_ns;         /* time spent in the compiler (all threads) */
    uint64_t regions_compiled;   /* compiled regions installed (both tiers) */
    uint64_t tier_ups;           /* fast-tier regions sent to the full tier */
    uint64_t straight_to_full;   /* regions sent to the full tier first: they held
                                    full-tier code (an inner loop compiled before) */
    uint64_t regions_cur_pc;     /* regions with cur_pc stores instead of the pc table */
    uint64_t regions_baseline;   /* regions compiled by the baseline compiler (no LLVM) */
    uint64_t region_blocks;      /* IR blocks in those regions (region_blocks / regions: size) */
    uint64_t code_bytes;         /* host code of the installed regions */
    uint64_t cache_lookups;      /* dispatches that looked a pc up in the code cache */
    uint64_t chain_hits;         /* dispatches that followed a block's exit link instead */
    uint64_t direct_links;       /* jumps in compiled code pointed straight at compiled
                                    code (RtChainLink; again after each re-link) */
    uint64_t cosim_checks;       /* compiled runs checked against the interpreter */
    uint64_t fp_mode_exits;      /* compiled entries declined under a non-default FP mode
                                    (RT_JUMP_DETAIL_FP_MODE; the block was interpreted) */
    uint64_t code_flushes;       /* whole-cache drops (fence.i) */
    uint64_t blocks_invalidated; /* dropped by munmap/mprotect/mmap over code */
    uint64_t wall_ns;            /* rt_process_run wall time */
    bool compiled_uncounted;     /* compiled code did not count (RtCompiler.no_counts and
                                    no instret read): jit_insns/jit_blocks are 0 */
} RtStats;

/* Creates an empty process (guest memory reserved, nothing loaded). *out is owned by the
 * caller (rt_process_destroy). */
FvpError *rt_process_create(const RtOptions *opts, RtProcess **out);
/* Loads the program at path, builds its stack from argv[0..argc) and envp (NULL-terminated)
 * and sets the initial CPU state. Errors are "loading <path>: ...". */
FvpError *rt_process_load(RtProcess *p, const char *path, int argc, char *const argv[],
                          char *const envp[]);
/* Runs the guest until it exits or dies. Host failures (out of memory, lifter errors)
 * return an error; guest events fill *out. */
FvpError *rt_process_run(RtProcess *p, RtOutcome *out);
void rt_process_destroy(RtProcess *p);
/* True in the child of a guest fork: the compiler given in RtOptions must not be used or
 * destroyed there (its thread did not survive the fork). */
bool rt_process_is_fork_child(const RtProcess *p);

/* Guest memory of the process (borrowed), for tools and tests. */
RtMem *rt_process_mem(RtProcess *p);
void rt_process_stats(const RtProcess *p, RtStats *st);

/* Prints the stats: text lines, or one JSON object on one line. */
void rt_stats_print(const RtStats *st, bool json, FILE *f);
/* Prints the death message for a killed guest ("fvp: guest killed by SIGSEGV at pc 0x...
 * (fault address 0x...)") and returns the fvp exit status: the exit status, or 128 + N. */
int rt_outcome_report(const RtOutcome *o, FILE *f);

#endif
