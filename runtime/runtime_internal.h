/* Internals of the user-mode runtime shared by its files: the process, code cache, tiers. */
#ifndef FVP_RUNTIME_RUNTIME_INTERNAL_H
#define FVP_RUNTIME_RUNTIME_INTERNAL_H

#include <pthread.h>
#include <stdatomic.h>

#include "common/common.h"
#include "common/hashmap.h"
#include "frontends/frontend.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"
#include "runtime/loader.h"
#include "runtime/runtime.h"

/* ---- Code cache (runtime/code_cache.c) ------------------------------------------------------
 *
 *   pc --U64Map--> RtBlock { InterpCode (tier 0), IRBlock (kept for the compiler),
 *                            RtCompiledFn (tier 1, once delivered), exec_count }
 */
typedef enum RtTierState {
    RT_TIER_COLD = 0, /* interpreter only */
    RT_TIER_QUEUED,   /* handed to the compiler, result pending */
    RT_TIER_COMPILED, /* compiled is set */
    RT_TIER_FAILED,   /* the compiler refused it: stays interpreted */
} RtTierState;

/* A dispatcher-level chain: "the last time this block left for pc, the next block was b".
 * Valid only while epoch equals the cache's epoch, which moves whenever any block is
 * dropped, so a link never leads to freed or stale code. */
typedef struct RtBlockLink {
    uint64_t pc, epoch;
    struct RtBlock *block;
} RtBlockLink;

enum { RT_BLOCK_LINKS = 2 }; /* a conditional branch has two successors */

typedef struct RtBlock {
    uint64_t pc, end; /* guest code bytes [pc, end) */
    uint64_t serial;  /* unique per translation, to match compiler results */
    uint32_t guest_insns;
    uint8_t tier; /* RtTierState */
    uint8_t next_link; /* round-robin replacement in links[] */
    uint64_t exec_count;
    InterpCode *code;      /* owned; NULL until first needed when ir is kept (rt_block_code) */
    IRBlock *ir;           /* owned; NULL when no compiler is configured */
    RtCompiledFn compiled; /* owned by the compiler */
    bool compiled_fast;    /* compiled is the compiler's fast tier (compile_fast) */
    bool upgrading;        /* the full tier of this region is queued */
    const uint32_t *heat;  /* the fast-tier code's RtCompileStats.heat, or NULL */
    /* Guest code the compiled region was made from besides [pc, end): start, end pairs
     * (owned), so invalidating any of it drops the region too. */
    uint64_t *region_ranges;
    size_t nregion_ranges;
    uint64_t *region_pcs; /* entry pcs of the region's blocks (owned; cosim) */
    size_t nregion_pcs;
    RtBlockLink links[RT_BLOCK_LINKS];
    uint32_t cosim_runs; /* runs of the compiled region checked by --cosim */
} RtBlock;

enum { RT_FAST_SLOTS = 4096 }; /* direct-mapped front of the cache, a power of two */

typedef struct RtCodeCache {
    U64Map blocks; /* guest pc -> RtBlock* (owned) */
    uint64_t next_serial;
    uint64_t epoch; /* moves whenever blocks are dropped: invalidates every RtBlockLink */
    /* fast[(pc >> 1) % RT_FAST_SLOTS]: the last block looked up there (borrowed from
     * blocks, checked by pc), so most dispatches skip the hash map. Cleared whenever
     * blocks are dropped. */
    RtBlock *fast[RT_FAST_SLOTS];
    /* RT_JUMP_SLOTS compiled entries chained code may jump to (RtCpu.jump_cache): the same
     * array for the cache's life; a dropped block's slot is cleared (not the whole array:
     * 1 MiB). */
    RtJumpSlot *jump;
    /* Direct links (RtChainLink) by target pc -> RtLinkList* (owned): every link site of
     * the installed regions, so the cache can point it at the target's code when that is
     * installed and back at its probe when that is dropped or replaced. */
    U64Map links;
} RtCodeCache;

/* The block for pc, or NULL if it is not translated. */
static inline RtBlock *rt_cache_lookup(RtCodeCache *c, uint64_t pc)
{
    RtBlock **slot = &c->fast[(pc >> 1) & (RT_FAST_SLOTS - 1)];
    RtBlock *b = *slot;
    if (__builtin_expect(b && b->pc == pc, 1))
        return b;
    b = u64map_get(&c->blocks, pc);
    if (b)
        *slot = b;
    return b;
}

/* b's interpreter code in *out: prepared when b was lifted or, for a block kept with its
 * IR for a compiler, at its first interpretation (an AOT executable's blocks found
 * precompiled are never interpreted). Fails only for a block too large to interpret. */
FvpError *rt_block_code(RtBlock *b, InterpCode **out);

void rt_cache_init(RtCodeCache *c);
void rt_cache_destroy(RtCodeCache *c);
/* Drops every block. */
void rt_cache_flush(RtCodeCache *c);
/* Drops the blocks with code bytes in [start, end); returns how many. */
uint64_t rt_cache_invalidate(RtCodeCache *c, uint64_t start, uint64_t end);
/* b's compiled code (just installed: new, or replacing older code) with its direct link
 * sites: links them to the compiled targets there are, and links the sites waiting for
 * b->pc to the new code. Only for a thread whose compiled code may chain (its jump cache
 * is on). Returns how many sites it pointed at compiled code. */
uint64_t rt_cache_link(RtCodeCache *c, const RtBlock *b, const RtChainLink *links, size_t n);

/* ---- Region formation (runtime/region.c) ---------------------------------------------------- */
/* The region for hot block b of cache c (threshold: the hot threshold), at most max
 * blocks: fills blocks[] (b->ir first) and serials[] and returns the count. */
size_t rt_region_form(RtCodeCache *c, RtBlock *b, uint32_t threshold, size_t max,
                      const IRBlock **blocks, uint64_t *serials);
/* Restarts the counts of a submitted region's cold members (blocks[1..n)). */
void rt_region_commit(RtCodeCache *c, const IRBlock *const *blocks, size_t n);

/* ---- Background compilation (runtime/tier.c) ------------------------------------------------ */
typedef struct RtTierJob {
    uint64_t owner; /* RtThread.id whose cache the block belongs to */
    uint64_t pc, serial; /* of the entry block */
    /* The region: blocks[0] is the entry; the others are reachable from it through
     * constant-pc exits. Copies owned by the job; serials[k] is blocks[k]'s RtBlock serial
     * at submission (the result is installed only if all of them are still cached). */
    IRBlock **blocks;
    uint64_t *serials;
    size_t nblocks;
    bool fast; /* compile with RtCompiler.compile_fast */
    const uint32_t *heat; /* full tier: the fast code's RtCompileStats.heat, or NULL */
    RtCompiledFn fn;
    RtCompileStats stats;
    FvpError *err;
    struct RtTierJob *next;
} RtTierJob;

typedef struct RtTier {
    const RtCompiler *compiler; /* borrowed; NULL: no compiled tier */
    pthread_t threads[RT_MAX_COMPILE_THREADS];
    unsigned nthreads; /* started */
    bool started, stop;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    RtTierJob *queue; /* waiting for the compiler thread, newest first */
    RtTierJob *done;  /* finished, waiting for the dispatcher */
    atomic_int done_ready;
    /* Called by a compiler thread (no tier lock held) when owner's job is done, so that
     * thread comes back to its dispatcher even from a compiled loop. May be NULL. */
    void (*notify)(void *ctx, uint64_t owner);
    void *notify_ctx;
} RtTier;

/* Starts `threads` compiler threads (0: RT_DEFAULT_COMPILE_THREADS; capped at
 * RT_MAX_COMPILE_THREADS; none for a compiler that only looks code up, RtCompiler.lookup). */
FvpError *rt_tier_init(RtTier *t, const RtCompiler *compiler, unsigned threads,
                       void (*notify)(void *ctx, uint64_t owner), void *notify_ctx);
/* Stops the thread (finishing the job in progress) and frees all jobs. */
void rt_tier_destroy(RtTier *t);
/* Queues copies of the region's blocks (blocks[0] the entry, serials[k] their RtBlock
 * serials) for compilation for the cache of thread `owner`. heat (full tier only, may be
 * NULL): the running fast code's RtCompileStats.heat, which orders the upgrades. */
void rt_tier_submit(RtTier *t, uint64_t owner, const IRBlock *const *blocks,
                    const uint64_t *serials, size_t nblocks, bool fast, const uint32_t *heat);
/* Compiles the region on the calling thread, owner's, at once, at the fast tier (`fast`)
 * or the full one: the baseline compiler's regions (a tenth of a millisecond, where the
 * queue may hold a 40 ms LLVM job), lookups (RtCompiler.lookup, AOT) and every region under
 * RtOptions.compile_sync. The result comes back through rt_tier_take_done like the
 * others. */
void rt_tier_compile_now(RtTier *t, uint64_t owner, const IRBlock *const *blocks,
                         const uint64_t *serials, size_t nblocks, bool fast);
/* Returns owner's finished jobs (caller frees them with rt_tier_job_free), or NULL. */
RtTierJob *rt_tier_take_done(RtTier *t, uint64_t owner);
/* Drops owner's finished jobs (a thread that exits). */
void rt_tier_forget(RtTier *t, uint64_t owner);
void rt_tier_job_free(RtTierJob *j);

/* ---- Co-simulation (runtime/cosim.c) --------------------------------------------------------- */
struct RtThread;
/* Runs b's compiled region on t's cpu into *exit like b->compiled does, after running the
 * interpreter over the same region blocks from the same state in a forked copy of the
 * process; returns an error naming the first difference in registers (state), memory or
 * the exit ("cosim: region 0x... diverged: ..."). */
FvpError *rt_cosim_run(struct RtThread *t, RtBlock *b, RtExit *exit);

/* ---- Host signals (runtime/signals.c) -------------------------------------------------------- */
typedef struct RtFaultInfo {
    int signo; /* SIGSEGV or SIGBUS */
    uint64_t guest_addr;
    bool is_write;
    uintptr_t host_pc; /* the faulting host instruction (RtCompiler.guest_pc_at) */
} RtFaultInfo;

/* Installs the SIGSEGV/SIGBUS handlers and this thread's alternate signal stack. */
FvpError *rt_signals_install(void);
/* Releases this thread's alternate signal stack (the thread is done with guest code). */
void rt_signals_uninstall(void);
/* Makes cpu the thread's current cpu (NULL: none) for the fault handler. */
void rt_signals_set_cpu(RtCpu *cpu);
/* The fault that caused the last siglongjmp to cpu->fault_jmp on this thread. */
RtFaultInfo rt_signals_last_fault(void);

/* ---- Syscalls (runtime/syscall*.c) ----------------------------------------------------------- */
/* Guest sigaction as recorded by rt_sigaction. */
typedef struct RtSigAction {
    uint64_t handler, flags, restorer, mask;
} RtSigAction;

enum { RT_NSIG = 64, RT_SYSCALL_COUNT = 460 };

/* What a handler receives in its siginfo (the fields FVP fills). */
typedef struct RtSigInfo {
    int32_t signo, code; /* si_code: SI_USER, SI_TKILL, SEGV_MAPERR, ... */
    uint64_t addr;       /* si_addr for faults */
    int32_t pid;         /* si_pid, si_uid for signals sent by kill/tgkill */
    uint32_t uid;
} RtSigInfo;

/* What one thread did, summed over threads for --stats. */
typedef struct RtThreadStats {
    uint64_t blocks_translated, blocks_compiled, compile_failures, compile_ns;
    uint64_t code_flushes, blocks_invalidated;
    uint64_t regions_compiled, region_blocks, code_bytes, tier_ups, straight_to_full,
        regions_cur_pc, regions_baseline;
    uint64_t cache_lookups, chain_hits, cosim_checks, fp_mode_exits, links;
} RtThreadStats;

/*
 * One guest thread = one host thread running its own dispatcher loop. Everything a
 * thread changes without locks is here; RtProcess holds what threads share.
 */
typedef struct RtThread {
    RtProcess *proc;
    uint64_t id; /* 1 for the main thread, then increasing (tags compile jobs) */
    int tid;     /* host thread id, which is also the guest's */
    pthread_t host;
    RtCpu cpu;
    void *state;       /* frontend state struct (owned) */
    RtCodeCache cache; /* owned: each thread translates for itself, so no block is freed
                          while another thread runs it */
    RtThreadStats stats;
    uint64_t sigmask;
    uint64_t altstack[3]; /* ss_sp, ss_flags, ss_size */
    bool keep_result;     /* rt_sigreturn: do not write a result register */
    bool exited;          /* left through exit(2) */
    uint64_t clear_child_tid;
    uint64_t robust_list, robust_list_len;
    /* Set when the loop must look up from running blocks: invalidations were posted
     * (under proc->lock, applied by this thread), the process ended, or this thread
     * exited. One relaxed load per block keeps the hot path short. */
    atomic_int attention;
    bool inval_all;
    uint64_t *inval; /* start, end pairs */
    size_t ninval, inval_cap;
    struct RtThread *next;
} RtThread;

/* How one guest architecture enters and leaves a signal handler (runtime/signal_*.c). */
typedef struct RtSignalArch {
    uint16_t elf_machine;
    uint8_t trampoline[16]; /* code that calls rt_sigreturn: the handler returns into it */
    uint32_t trampoline_size;
    /* Pushes the signal frame for `info` on the guest stack (or the alternate stack) and
     * points the state at handler sa->handler; returns false if the frame cannot be
     * written. old_mask is the mask to restore on return. */
    bool (*setup_frame)(RtThread *t, const RtSigInfo *info, const RtSigAction *sa,
                        uint64_t old_mask);
    /* rt_sigreturn: restores registers, pc and mask from the frame at sp. */
    bool (*restore_frame)(RtThread *t);
} RtSignalArch;

extern const RtSignalArch rt_signal_riscv64;
extern const RtSignalArch rt_signal_aarch64;

/* The guest-ABI details that differ between asm-generic architectures. */
typedef struct RtSyscallAbi {
    bool sa_restorer;  /* struct sigaction has sa_restorer (AArch64) */
    bool arm64_oflags; /* O_DIRECTORY etc. use the AArch64 values */
    bool renameat;     /* has renameat (38): AArch64 yes, RISC-V no */
} RtSyscallAbi;

struct RtProcess {
    RtOptions opts;
    FILE *log;
    RtMem mem; /* internally locked */
    RtImage image;
    bool loaded;
    const Frontend *fe;
    RtSyscallAbi abi;
    char *exe_path; /* absolute path of the guest program, for /proc/self/exe */
    RtTier tier;
    /* The guest installed a SIGSEGV/SIGBUS handler: compiled code must keep the state exact
     * at host faults (rt_process_need_precise_faults). */
    atomic_bool precise_faults;
    /* Compiled code counts what it executes (RtCompiler.no_counts is false, or the guest
     * read its instruction counter: rt_process_need_counts). */
    atomic_bool counts;
    /* Compiled code left for the interpreter under a non-default FP mode
     * (RT_JUMP_DETAIL_FP_MODE): regions test the mode per operation from then on
     * (rt_process_need_fp_modes). */
    atomic_bool fp_modes;
    atomic_bool compiled_off; /* the compiler cannot do that: run interpreted from now on */

    /* Threads. lock guards the list, the outcome, dead_stats, the invalidation queues,
     * signal actions and pending signals; `changed` is signalled when a thread exits or
     * the process ends. */
    pthread_mutex_t lock;
    pthread_cond_t changed;
    RtThread *threads; /* live threads */
    RtThread *main;
    uint64_t next_thread_id;
    size_t live;
    size_t running;     /* host threads of clone()d guest threads not yet out of thread_main;
                           the process outlives them (rt_threads_stop_others waits) */
    RtStats dead_stats; /* what exited threads did */
    atomic_bool done;   /* exit_group, last exit or death: outcome is final */
    atomic_bool main_stopped;
    RtOutcome outcome;
    FvpError *thread_error; /* a host failure in a thread other than main */
    pthread_t main_host;    /* the host thread running the main guest thread */
    bool forked;            /* this is the child of a guest fork */
    uint64_t wall_ns;

    /* Signals (process-wide part) */
    RtSigAction sigactions[RT_NSIG + 1];
    const RtSignalArch *sigarch; /* NULL: handlers cannot run, signals kill */
    uint64_t sigreturn_addr;     /* guest address of the trampoline */
    uint64_t sigpending;
    RtSigInfo siginfo[RT_NSIG + 1];
    uint8_t unsupported_seen[RT_SYSCALL_COUNT / 8 + 1];
};

/* Performs the syscall in t's state at pc; may end the process (p->done) or the thread
 * (t->exited). The state's pc must already hold the pc to continue at (rt_sigreturn
 * changes it). */
void rt_syscall_run(RtThread *t, uint64_t pc);

/* ---- Guest signals (runtime/signal_deliver.c) ------------------------------------------------ */
/* Picks the architecture's frame code and maps its sigreturn trampoline. */
FvpError *rt_signal_init(RtProcess *p);
/* Makes a signal pending (kill, tgkill to self); ignored ones are dropped. */
void rt_signal_post(RtProcess *p, RtThread *t, const RtSigInfo *info);
/* True when a pending signal is not blocked in t. */
static inline bool rt_signal_deliverable(const RtProcess *p, const RtThread *t)
{
    return (__atomic_load_n(&p->sigpending, __ATOMIC_ACQUIRE) & ~t->sigmask) != 0;
}
/* Delivers one deliverable signal at the state's pc: enters the handler, ignores it, or
 * ends the guest (default action). */
void rt_signal_deliver(RtThread *t);
/* A synchronous fault at guest pc: enters the guest's handler if it has one that can run,
 * else ends the guest (p->outcome names the fault). */
void rt_signal_fault(RtThread *t, const RtSigInfo *info, uint64_t pc);

/* ---- Process and threads (runtime/process.c, runtime/thread.c) ------------------------------- */
/* Ends the guest with a signal; the first ending wins. Returns true if this one did. */
bool rt_process_kill(RtProcess *p, int signo, uint64_t pc);
/* fork-style clone (no CLONE_THREAD): a host fork; returns the child's pid or 0 in the
 * child (runtime/syscall_exec.c). */
int64_t rt_process_fork(RtProcess *p, RtThread *t, uint64_t flags, uint64_t sp, uint64_t ptid,
                        uint64_t ctid);
/* The guest installed a handler for a fault signal: from now on compiled code must leave
 * the exact guest state at a host fault. Asks the compiler to compile precisely (or stops
 * using it if it cannot) and drops every thread's compiled code. Idempotent. */
void rt_process_need_precise_faults(RtProcess *p);
/* The guest reads its instruction counter (instret): compiled code must count from now on
 * (drops regions compiled without counts; the first read misses what they ran). */
void rt_process_need_counts(RtProcess *p);
/* Compiled code declined a block under a non-default FP mode (RT_JUMP_DETAIL_FP_MODE):
 * asks the compiler for regions that test the mode per operation and drops every thread's
 * compiled code, once; without RtCompiler.require_fp_modes it does nothing (declined
 * blocks are interpreted one by one). */
void rt_process_need_fp_modes(RtProcess *p);
/* Ends the guest with an exit status (exit_group, last thread's exit). */
void rt_process_exit(RtProcess *p, int status);
/* Adds t's counters to *st (process.c; the caller holds p->lock or owns t). */
void rt_thread_add_stats(RtStats *st, const RtThread *t);
/* Creates a thread record with a copy of `from`'s state (NULL: zeroed), not yet running. */
RtThread *rt_thread_new(RtProcess *p, const RtThread *from);
void rt_thread_free(RtThread *t);
/* The dispatcher loop for t until it exits or the process ends (runtime/dispatch.c). */
FvpError *rt_thread_run(RtThread *t);
/* Applies code invalidations other threads posted for t. */
void rt_thread_apply_invalidations(RtThread *t);
/* Posts [start, end) (or everything) to every thread's invalidation queue. */
void rt_threads_invalidate(RtProcess *p, uint64_t start, uint64_t end, bool all);
/* Interrupts the other threads' blocking host calls until they have all left, after the
 * process has ended (p->done). Called by the main thread. */
void rt_threads_stop_others(RtProcess *p);
/* Wakes the main thread out of a blocking host call (the process ended elsewhere). */
void rt_threads_wake_main(RtProcess *p);
/* Installs the no-op handler of the wake signal (no SA_RESTART). */
FvpError *rt_threads_install_wake(void);

#endif
