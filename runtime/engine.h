/* The seam between the runtime's dispatcher and compiled code (JIT or AOT). */
#ifndef FVP_RUNTIME_ENGINE_H
#define FVP_RUNTIME_ENGINE_H

#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/error.h"
#include "ir/ir.h"
#include "runtime/cpu.h"

/*
 * The runtime never links LLVM. The fvp tool hands the dispatcher an RtCompiler built by
 * translator/ (the JIT); AOT executables register their precompiled entries instead.
 *
 *   dispatcher --(hot region: IR blocks)--> RtCompiler.compile (background thread)
 *        ^                                        |
 *        +------ RtCompiledFn in the code cache <-+
 *
 * Compiled code runs from the state in cpu->state and guest memory at cpu->mem_base until
 * it leaves the region, then fills *exit exactly as interp_run would (same RtExit kinds,
 * same state), and adds what it executed to cpu->stats.jit_insns / jit_blocks.
 */
/* A compiled entry (JIT region, AOT function): void fn(RtCpu *cpu, RtExit *exit) in LLVM's
 * preserve_none calling convention (cpu in r12, exit in r13; it preserves no register), so
 * the musttail chain from region to region saves and restores no callee-saved registers
 * (docs/translator.md, "Calling convention"). C code runs one only through rt_compiled_run;
 * the pointer type is opaque so that a plain call does not compile. */
typedef const struct RtCompiledCode *RtCompiledFn;

/* Runs compiled code: saves the C callee-saved registers, calls fn(cpu, exit) in its
 * convention, restores them (runtime/compiled_run.c). */
void rt_compiled_run(RtCompiledFn fn, RtCpu *cpu, RtExit *exit);

/* A direct link site in compiled code: a `jmp rel32` at the end of a constant exit to
 * target_pc, which runs only after the exit request was polled and the region's frame
 * popped. Unlinked, the jump goes to `unlinked` (the region's jump-cache probe); the
 * dispatcher may point it straight at target_pc's compiled entry instead (rt_cache_link),
 * and points it back when that code is dropped or replaced. Only the thread whose cache
 * installed the region runs its code, and only that thread patches it, from its
 * dispatcher (docs/translator.md, "Direct links"). */
typedef struct RtChainLink {
    uint64_t target_pc;
    uint8_t *site;           /* the jump's 4-byte displacement */
    const uint8_t *unlinked; /* where the jump goes when not linked */
} RtChainLink;

typedef struct RtCompileStats {
    uint64_t compile_ns; /* wall time spent compiling this region */
    uint64_t code_bytes; /* host code size */
    uint32_t guest_insns;
    bool cur_pc_stores; /* compiled with cur_pc stores: a pc table was wanted but could not
                           name every access (guest_pc_at) */
    bool baseline;      /* compiled by the baseline compiler (no LLVM) */
    /* A fast-tier region's count of entries and loop back-edges (its tier-up counter),
     * which goes on counting after the region asked for the full tier; NULL if none. The
     * counter lives as long as the compiler. The runtime reads it (relaxed, racing with
     * the code that counts) to compile the hottest waiting upgrade first. */
    const uint32_t *heat;
    /* The region's direct link sites (nlinks of them, none unless the compiler makes
     * them: the baseline compiler), in memory that lives as long as the compiler. */
    const RtChainLink *links;
    size_t nlinks;
} RtCompileStats;

/* The host pc -> guest pc table of compiled guest accesses (RtCompiler.guest_pc_at), in
 * LLVM's !pcsections encoding (the translator's TR_LOWER_PC_TABLE). A section of groups,
 * one per guest access as lowered:
 *
 *   int32 off[k]  (k >= 1: host instructions of that access, each at the address of its own
 *                  word + off; k > 1 when code generation duplicated the access)
 *   int32 RT_PC_TABLE_MARK, uint64 guest_pc   (unaligned)
 *
 * No offset equals the mark: it would place code 2 GiB before the table. AOT executables
 * find the section by the linker's __start_fvp_pcmap / __stop_fvp_pcmap. */
#define RT_PC_TABLE_SECTION "fvp_pcmap"
#define RT_PC_TABLE_MARK INT32_MIN

typedef struct RtCompiler {
    void *ctx;
    /* Compiles a region whose entry is blocks[0] (the others are reachable from it through
     * constant-pc exits). Called from a background thread; must be thread-safe. The IR is
     * borrowed for the call. *out stays valid until destroy. */
    FvpError *(*compile)(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                         RtCompiledFn *out, RtCompileStats *stats);
    /* Optional: a cheaper first tier with the same contract as compile. Its regions leave
     * with RT_EXIT_JUMP / RT_JUMP_DETAIL_TIER_UP once they have run long enough; the
     * dispatcher then has the region compiled again by `compile`. */
    FvpError *(*compile_fast)(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                              RtCompiledFn *out, RtCompileStats *stats);
    /* Optional: whether compile_fast compiles this region cheaply (in microseconds: the
     * baseline compiler), so the dispatcher may hand it over at RtOptions.cheap_threshold
     * executions instead of hot_threshold. Called on the guest thread; the IR is borrowed. */
    bool (*cheap)(void *ctx, const IRBlock *const *blocks, size_t nblocks);
    /* true: compile only looks the code up (AOT executables' precompiled table: a binary
     * search and a hash of the block, no code generated). The dispatcher then calls it
     * itself when a block becomes hot and runs the code at once; no compiler threads run
     * (compile_fast must be NULL). */
    bool lookup;
    /* Optional. Compiled code may keep guest registers in host registers across guest
     * memory accesses (a host fault then sees older register values). The runtime calls
     * this once the guest installs a SIGSEGV/SIGBUS handler, which needs the exact state:
     * regions compiled from then on store registers before each access; the runtime drops
     * the older ones. NULL: the compiler cannot, and the runtime stops using it. */
    void (*require_precise_faults)(void *ctx);
    /* true: compiled code leaves cpu->stats.jit_insns/jit_blocks alone (nobody asked for
     * statistics). The runtime then calls require_counts when the guest reads its
     * instruction counter: regions compiled from then on count, the runtime drops the
     * older ones (NULL require_counts: the runtime stops using the compiler instead). */
    bool no_counts;
    void (*require_counts)(void *ctx);
    /* Optional. Compiled code may assume the default FP mode (IRStateHeader.fp_round == 0)
     * and decline to run otherwise (RT_JUMP_DETAIL_FP_MODE; the dispatcher interprets that
     * block). The runtime calls this at the first decline: regions compiled from then on
     * test the mode per FP operation instead, and the runtime drops the older ones. NULL:
     * each declined block is interpreted (AOT executables never decline: their guarded
     * functions tail-call a copy for any mode, docs/aot.md). */
    void (*require_fp_modes)(void *ctx);
    /* Optional: the guest pc of the guest memory access at host_pc in compiled code (a
     * host SIGSEGV there); false if there is none. NULL, or false: cpu->cur_pc names it
     * (the interpreter and code compiled with cur_pc stores keep it exact). Called outside
     * signal handlers. */
    bool (*guest_pc_at)(void *ctx, uintptr_t host_pc, uint64_t *guest_pc);
    void (*destroy)(void *ctx);
} RtCompiler;

#endif
