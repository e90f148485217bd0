/* The translator's public API: IR regions -> LLVM IR (lowering) and the ORC LLJIT compiler. */
#ifndef FVP_TRANSLATOR_TRANSLATOR_H
#define FVP_TRANSLATOR_TRANSLATOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/error.h"
#include "ir/ir.h"
#include "runtime/engine.h"

/*
 *   IRBlock[] --tr_lower_region--> LLVM module (one function, RtCompiledFn signature)
 *        |                                  |
 *        |                        LLVMRunPasses(pipeline)
 *        |                                  |
 *        +----------- tr_jit_compile ------> LLJIT (object, linked in process) -> RtCompiledFn
 *
 * The lowering is shared with the AOT driver: it only needs an LLVM context and the target's
 * triple and data layout. The JIT owns an LLJIT instance; every region gets its own
 * thread-safe LLVM context, so regions can be lowered and optimised on several threads.
 */

/* What the JIT reports through TrJitOptions.dump (bits of TrJitOptions.dump_mask). */
typedef enum TrDumpKind {
    TR_DUMP_LLVM = 1 << 0,     /* LLVM IR right after lowering */
    TR_DUMP_LLVM_OPT = 1 << 1, /* LLVM IR after the optimisation pipeline */
    TR_DUMP_HOST = 1 << 2,     /* host disassembly of the compiled region */
} TrDumpKind;

/* Receives one dump text (borrowed for the call). May be called from the compiling thread. */
typedef void (*TrDumpFn)(void *user, TrDumpKind kind, uint64_t pc, const char *text);

typedef enum TrBaselineUse {
    TR_BASELINE_OFF = 0,
    TR_BASELINE_FAST,
    TR_BASELINE_ONLY
} TrBaselineUse;

typedef struct TrJitOptions {
    /* LLVMRunPasses pipeline text, e.g. "default<O1>"; NULL selects the measured default
     * (TR_JIT_DEFAULT_PIPELINE, see docs/translator.md). "" runs no passes. */
    const char *pipeline;
    /* false (default): guest registers stay in host registers until the region exits;
     * a host SIGSEGV inside compiled code sees the exact faulting pc (cpu->cur_pc) but older
     * register values. true: written guest registers are stored before each guest memory
     * access, so the state is exact (what a guest SIGSEGV handler needs). The runtime
     * switches a running JIT to precise mode when the guest installs such a handler
     * (RtCompiler.require_precise_faults, tr_jit_require_precise_faults). */
    bool precise_faults;
    /* true: user-mode guest memory only (TR_LOWER_USER_MODE: no soft-MMU fallback in
     * guest accesses). false (the system VM): accesses outside the flat window go through
     * rt_tlb_translate. */
    bool user_mode;
    /* true: the RtCompiler seam offers the fast tier (compile_fast): first-tier regions
     * count their entries and back-edges and ask for the full tier after tier_up_count. */
    bool tiers;
    uint32_t tier_up_count; /* 0: fast-tier regions never ask (TrLowerExtra) */
    /* true: compiled code does not count what it executes (cpu->stats.jit_insns and
     * jit_blocks stay put; TR_LOWER_NO_COUNTS), which saves two adds per block and two
     * memory updates per exit. fvp run sets it unless --stats, --profile or --cosim ask
     * for the counts; tr_jit_require_counts turns counting on for later regions (the
     * guest read instret). */
    bool no_counts;
    /* true: regions whose FP operations read the guest's FP mode assume the default one
     * (TR_LOWER_FP_GUARD: no per-operation test) and decline to run under another, until
     * tr_jit_require_fp_modes. fvp run sets it; its dispatcher handles the declines. */
    bool fp_guard;
    /* Which regions the baseline compiler (translator/baseline.h, no LLVM) compiles:
     * TR_BASELINE_FAST (fvp run's default) the fast tier's, when it supports every op;
     * TR_BASELINE_ONLY every region it supports at either tier (they never tier up: for
     * --cosim and measurements); TR_BASELINE_OFF none. */
    TrBaselineUse baseline;
    unsigned dump_mask; /* TrDumpKind bits */
    TrDumpFn dump;      /* required when dump_mask != 0 */
    void *dump_user;
} TrJitOptions;

/* Measured in docs/translator.md: run speed of O2 at about half its compile time. SROA
 * turns the state slots into SSA, LICM keeps loop-invariant guest work out of loops. */
#define TR_JIT_DEFAULT_PIPELINE                                                                    \
    "function(sroa,early-cse<memssa>,instcombine<no-verify-fixpoint>,simplifycfg,"                 \
    "loop-mssa(licm),gvn,dse,instcombine<no-verify-fixpoint>,simplifycfg)"

/* Cheap first-tier pipeline: local clean-ups only. No SROA: with -O0 code generation,
 * guest registers as SSA values cost a phi per register at every join (the fast register
 * allocator spills them all anyway), so they stay in their allocas (docs/translator.md). */
#define TR_JIT_FAST_PIPELINE "function(early-cse,simplifycfg)"

/* Compilation tiers. FULL: the optimisation pipeline and LLVM's optimising code
 * generator. FAST: TR_JIT_FAST_PIPELINE and LLVM's -O0 code generator (FastISel, fast
 * register allocation): several times cheaper, code about as good as a template JIT's. */
typedef enum TrJitTier { TR_JIT_TIER_FULL = 0, TR_JIT_TIER_FAST = 1, TR_JIT_TIERS } TrJitTier;

typedef struct TrJit TrJit;

/* Creates a JIT for the host. *out is owned by the caller (tr_jit_destroy). On failure
 * *out is untouched and the error says which LLVM step failed. */
FvpError *tr_jit_create(const TrJitOptions *opts, TrJit **out);
/* Frees every region compiled by the JIT; their RtCompiledFn become invalid. NULL is fine. */
void tr_jit_destroy(TrJit *jit);

/* Lowers, optimises and links a region whose entry is blocks[0]. *out stays valid until
 * tr_jit_destroy. stats may be NULL. Thread-safe: lowering and optimisation run in
 * parallel, code generation and linking are serialised inside the JIT. The IR is borrowed. */
FvpError *tr_jit_compile(TrJit *jit, const IRBlock *const *blocks, size_t nblocks,
                         RtCompiledFn *out, RtCompileStats *stats);

/* tr_jit_compile at the given tier. */
FvpError *tr_jit_compile_tier(TrJit *jit, TrJitTier tier, const IRBlock *const *blocks,
                              size_t nblocks, RtCompiledFn *out, RtCompileStats *stats);

/* From now on compile regions with TR_LOWER_PRECISE_FAULTS (thread-safe; regions compiled
 * before stay as they are: the caller drops them). */
void tr_jit_require_precise_faults(TrJit *jit);
/* From now on compile regions that count what they execute (undoes
 * TrJitOptions.no_counts; thread-safe; the caller drops older regions). */
void tr_jit_require_counts(TrJit *jit);
/* From now on compile regions that test the FP mode per operation (undoes
 * TrJitOptions.fp_guard; thread-safe; the caller drops older regions). */
void tr_jit_require_fp_modes(TrJit *jit);

/* The guest pc of the guest access at host_pc in this JIT's code (thread-safe); false if
 * no compiled access is there (docs/translator.md, "Which guest instruction faulted"). */
bool tr_jit_guest_pc_at(TrJit *jit, uintptr_t host_pc, uint64_t *guest_pc);

/* The JIT as the dispatcher's compiler seam. The RtCompiler borrows jit: its destroy hook
 * calls tr_jit_destroy, so either call that hook or tr_jit_destroy, not both. */
RtCompiler tr_jit_as_compiler(TrJit *jit);

/* ---- Lowering (used by the JIT and the AOT driver) ------------------------------------ */
/* Opaque LLVM handles, so users of this header need not include llvm-c. */
struct LLVMOpaqueContext;
struct LLVMOpaqueModule;

/* tr_lower_region flags. */
enum {
    TR_LOWER_PRECISE_FAULTS = 1 << 0,   /* store written guest registers before each guest
                                           memory access (exact state at a host SIGSEGV) */
    TR_LOWER_SYMBOLIC_HELPERS = 1 << 1, /* call runtime functions by symbol (the module is
                                         linked into another executable: AOT), not by this
                                         process's addresses */
    TR_LOWER_USER_MODE = 1 << 2,        /* guest accesses are the flat user-mode window only:
                                         no rt_tlb_translate fallback (cpu->tlb is never
                                         set), so a failed window test is a fault */
    TR_LOWER_NO_CHAIN = 1 << 3,         /* jump exits always return (no cpu->jump_cache
                                         lookup, no cpu->exit_request polls) */
    TR_LOWER_NO_COUNTS = 1 << 4,        /* leave cpu->stats.jit_insns/jit_blocks alone */
    TR_LOWER_PC_TABLE = 1 << 5,         /* with USER_MODE and without PRECISE_FAULTS: no
                                         cpu->cur_pc store before a guest access; each
                                         access carries !pcsections naming its guest pc,
                                         and code generation emits the host pc -> guest pc
                                         table RT_PC_TABLE_SECTION (runtime/engine.h; in
                                         an object file its offsets are PC32
                                         relocations) */
    TR_LOWER_GOTO_REG_EXITS = 1 << 6,   /* an indirect jump always leaves the region (AOT:
                                         a function dispatches on pc in its own switch
                                         block); without it, a target that is the entry
                                         or a region block no constant edge reaches
                                         stays in the region */
    TR_LOWER_FP_GUARD = 1 << 7,         /* a region with FP operations that read the guest's
                                         FP mode (rm = dyn, nan = arm_fpcr) and no write of
                                         it tests IRStateHeader.fp_round == 0 (RISC-V RNE;
                                         AArch64 RN without FZ/DN) once at entry and lowers
                                         those operations for that mode; under another it
                                         leaves at once for its entry with
                                         RT_JUMP_DETAIL_FP_MODE, having run nothing (or
                                         tail-calls TrLowerExtra.fp_guard_fallback) */
};

/* Optional inputs of tr_lower_region_ex. */
typedef struct TrLowerExtra {
    /* Tier-up counting (the JIT's fast tier): the region adds one to *tier_up_counter on
     * entry and on every loop back-edge; when it reaches tier_up_count the region leaves
     * with an RT_EXIT_JUMP whose detail is RT_JUMP_DETAIL_TIER_UP and whose pc is the
     * region's entry (runtime/cpu.h). NULL: no counting. The counter must outlive the
     * code. */
    uint32_t *tier_up_counter;
    uint32_t tier_up_count;
    /* With TR_LOWER_FP_GUARD: under another FP mode the region tail-calls the function of
     * this name (same signature; the same region lowered without the guard: AOT) instead
     * of leaving. The module then declares it, which tells the caller the guard applied.
     * NULL: leave with RT_JUMP_DETAIL_FP_MODE. */
    const char *fp_guard_fallback;
} TrLowerExtra;

/* Lowers the region into a new module in ctx named `name` (the function gets the same
 * name), after setting the module's triple and data layout. flags: TR_LOWER_*. *out is
 * owned by the caller (LLVMDisposeModule). Fails (FVP_ERR_UNSUPPORTED / FVP_ERR_FORMAT)
 * on IR it cannot lower, or FVP_ERR_INTERNAL if the LLVM verifier rejects the result. */
FvpError *tr_lower_region(struct LLVMOpaqueContext *ctx, const char *triple,
                          const char *data_layout, const IRBlock *const *blocks,
                          size_t nblocks, const char *name, unsigned flags,
                          struct LLVMOpaqueModule **out);

/* tr_lower_region with optional inputs (extra may be NULL). */
FvpError *tr_lower_region_ex(struct LLVMOpaqueContext *ctx, const char *triple,
                             const char *data_layout, const IRBlock *const *blocks,
                             size_t nblocks, const char *name, unsigned flags,
                             const TrLowerExtra *extra, struct LLVMOpaqueModule **out);

/* After optimising a TR_LOWER_PC_TABLE module: gives guest accesses that lost !pcsections
 * the pc their debug location carries (lower.c, mark_access), drops the debug information
 * and returns how many accesses are left that would fault at a host pc the table cannot
 * name: a guest access whose origin is ambiguous (a merge of different accesses), one
 * without any alias scope, or a call to a memory intrinsic. Compile a module with such
 * accesses again without TR_LOWER_PC_TABLE. */
size_t tr_pc_table_finish(struct LLVMOpaqueModule *mod);

/* Initialises LLVM's native target, asm printer and disassembler and sets FVP's global
 * LLVM options, once per process (llvm_setup.c). Every user of LLVM code generation or
 * disassembly calls it first; thread-safe. */
void tr_llvm_setup(void);

/* Host disassembly of `size` bytes of x86-64 code at `code` (shown at address `addr`), one
 * instruction a line. Returns a malloc'ed string owned by the caller. */
FvpError *tr_disasm_host(const void *code, size_t size, uint64_t addr, char **out);

#endif
