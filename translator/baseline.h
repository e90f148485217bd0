/* The baseline compiler: IR regions straight to x86-64 machine code, without LLVM.
 *
 * The JIT's first tier for regions of scalar integer code (docs/translator.md, "Baseline
 * tier"): one pass over the IR, every IR value in a stack slot, guest registers read and
 * written in the state on each GET/PUT, so compiling costs microseconds where LLVM's -O0
 * costs about a millisecond. Regions it cannot compile (FP, vectors, atomics, 128-bit
 * values, the system VM's soft MMU) are declined and go to LLVM's fast tier. */
#ifndef FVP_TRANSLATOR_BASELINE_H
#define FVP_TRANSLATOR_BASELINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "ir/ir.h"
#include "runtime/engine.h"
#include "translator/pc_table.h"

typedef struct TrBaseline TrBaseline;

/* Executable memory for the compiled regions, freed by tr_baseline_destroy. */
TrBaseline *tr_baseline_new(void);
void tr_baseline_destroy(TrBaseline *bl);

typedef struct TrBaselineRegion {
    bool counts;               /* add what runs to cpu->stats.jit_insns / jit_blocks */
    uint32_t *tier_up_counter; /* NULL: never asks for the full tier */
    uint32_t tier_up_count;
    /* The state is exact at a fault in a guest access, as at every exit (the runtime's
     * precise faults); otherwise, as in LLVM's user-mode regions, a register write that a
     * later one in the region overwrites may be missing from it. */
    bool precise;
    /* Non-NULL: every guest access's host instruction is named here (host = its offset
     * from the code's start, guest = its pc) instead of a cpu->cur_pc store before it;
     * the caller moves the entries to the code's address (tr_pc_table_append). */
    TrPcTable *pcs;
} TrBaselineRegion;

/* Whether the baseline compiles every op of the region (user-mode guests only). */
bool tr_baseline_supports(const IRBlock *const *blocks, size_t nblocks);

/* Compiles a region (blocks[0] is the entry) the baseline supports into an entry with the
 * RtCompiledFn contract (runtime/engine.h): same exits, state, counts, chaining and
 * tier-up exits as the LLVM lowering. Thread-safe. *out lives until tr_baseline_destroy.
 * FVP_ERR_UNSUPPORTED for a region tr_baseline_supports rejects; FVP_ERR_IO when the
 * system refuses writable and executable pages (or the environment sets
 * FVP_BASELINE_NO_EXEC, the tests' way to get that). *links (*nlinks of them, or NULL): the
 * code's direct link sites, every constant jump out of the region, unlinked (living as long
 * as *out). */
FvpError *tr_baseline_compile(TrBaseline *bl, const IRBlock *const *blocks, size_t nblocks,
                              const TrBaselineRegion *opts, RtCompiledFn *out, uint64_t *code_bytes,
                              const RtChainLink **links, size_t *nlinks);

#endif
