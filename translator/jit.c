/* The ORC LLJIT compiler: lowers, optimises and links regions; the RtCompiler seam. */
#include "translator/baseline.h"
#include "translator/pc_table.h"
#include "translator/translator.h"

#include <inttypes.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Object.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"

/*
 *   tr_jit_compile_tier (any thread)
 *     new LLVMContext -> tr_lower_region -> LLVMRunPasses(tier's pipeline, pooled TM)
 *     -> emit object (tier's code generator, pooled TM) -> .text size -> stats
 *     -- jit->link_lock --------------------------------------------------------------
 *     LLJIT add object -> lookup (links it)
 *     ---------------------------------------------------------------------------------
 *     host dump
 */

struct TrJit {
    LLVMOrcLLJITRef lljit;
    LLVMOrcJITDylibRef dylib; /* main dylib: every region and the process's symbols */
    char *triple, *data_layout, *cpu, *features;
    char *pipeline;
    TrJitOptions opts;
    pthread_mutex_t link_lock; /* serialises adding objects and linking */
    uint64_t next_id;          /* region symbol suffix (atomic) */
    bool precise;              /* TR_LOWER_PRECISE_FAULTS from now on (atomic) */
    bool counts;               /* not TR_LOWER_NO_COUNTS from now on (atomic) */
    bool fp_guard;             /* TR_LOWER_FP_GUARD from now on (atomic) */
    /* Target machines per tier for the passes and code generation, reused: making one
     * costs about as much as optimising a small region (subtarget feature parsing, target
     * lowering tables). TargetMachine is not documented as thread-safe, so each
     * compilation takes its own from this free list (guarded by tm_lock). */
    pthread_mutex_t tm_lock;
    LLVMTargetMachineRef *free_tms[TR_JIT_TIERS];
    size_t nfree_tms[TR_JIT_TIERS], cap_tms[TR_JIT_TIERS];
    /* Tier-up counters of fast-tier regions (TrLowerExtra), in chunks that live as long as
     * the JIT (the code using them is never freed before it). Guarded by tm_lock. */
    uint32_t **counter_chunks;
    size_t ncounter_chunks, cap_counter_chunks, counters_used;
    /* Host pc -> guest pc of every compiled guest access (TR_LOWER_PC_TABLE), guarded by
     * link_lock; regions whose optimised IR lost an entry are compiled again with cur_pc
     * stores (RtCompileStats.cur_pc_stores). */
    TrPcTable pcs;
    TrBaseline *baseline; /* the non-LLVM compiler (TrJitOptions.baseline), or NULL */
    bool baseline_refused; /* it could not place code: LLVM compiles everything (atomic) */
};

static FvpError *error_from_llvm(LLVMErrorRef e, const char *what)
{
    char *msg = LLVMGetErrorMessage(e);
    FvpError *err = fvp_error_new(FVP_ERR_INTERNAL, "%s: %s", what, msg ? msg : "?");
    LLVMDisposeErrorMessage(msg);
    return err;
}

static char *xstrdup_llvm(char *s)
{
    char *copy = fvp_xstrdup(s ? s : "");
    LLVMDisposeMessage(s);
    return copy;
}

FvpError *tr_jit_create(const TrJitOptions *opts, TrJit **out)
{
    tr_llvm_setup();

    TrJit *jit = fvp_xcalloc(1, sizeof(*jit));
    if (opts)
        jit->opts = *opts;
    jit->pipeline = fvp_xstrdup(jit->opts.pipeline ? jit->opts.pipeline : TR_JIT_DEFAULT_PIPELINE);
    jit->opts.pipeline = jit->pipeline;
    jit->precise = jit->opts.precise_faults;
    jit->counts = !jit->opts.no_counts;
    jit->fp_guard = jit->opts.fp_guard;
    if (jit->opts.baseline != TR_BASELINE_OFF && jit->opts.user_mode)
        jit->baseline = tr_baseline_new();
    pthread_mutex_init(&jit->link_lock, NULL);
    pthread_mutex_init(&jit->tm_lock, NULL);
    FvpError *err = NULL;

    LLVMOrcJITTargetMachineBuilderRef jtmb = NULL;
    LLVMErrorRef e = LLVMOrcJITTargetMachineBuilderDetectHost(&jtmb);
    if (e) {
        err = error_from_llvm(e, "detecting the host target");
        goto fail;
    }
    LLVMOrcLLJITBuilderRef builder = LLVMOrcCreateLLJITBuilder();
    LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(builder, jtmb); /* takes jtmb */
    e = LLVMOrcCreateLLJIT(&jit->lljit, builder);                  /* takes builder */
    if (e) {
        err = error_from_llvm(e, "creating LLJIT");
        goto fail;
    }
    jit->dylib = LLVMOrcLLJITGetMainJITDylib(jit->lljit);
    LLVMOrcDefinitionGeneratorRef gen = NULL;
    e = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(
        &gen, LLVMOrcLLJITGetGlobalPrefix(jit->lljit), NULL, NULL);
    if (e) {
        err = error_from_llvm(e, "creating the process symbol generator");
        goto fail;
    }
    LLVMOrcJITDylibAddGenerator(jit->dylib, gen); /* takes gen */
    jit->triple = fvp_xstrdup(LLVMOrcLLJITGetTripleString(jit->lljit));
    jit->data_layout = fvp_xstrdup(LLVMOrcLLJITGetDataLayoutStr(jit->lljit));
    jit->cpu = xstrdup_llvm(LLVMGetHostCPUName());
    jit->features = xstrdup_llvm(LLVMGetHostCPUFeatures());
    *out = jit;
    return NULL;

fail:
    tr_jit_destroy(jit);
    return fvp_error_wrap(err, "creating the JIT");
}

void tr_jit_destroy(TrJit *jit)
{
    if (!jit)
        return;
    if (jit->lljit) {
        LLVMErrorRef e = LLVMOrcDisposeLLJIT(jit->lljit);
        if (e)
            LLVMConsumeError(e);
    }
    tr_baseline_destroy(jit->baseline); /* after LLJIT: no region runs any more */
    pthread_mutex_destroy(&jit->link_lock);
    for (int tier = 0; tier < TR_JIT_TIERS; tier++) {
        for (size_t k = 0; k < jit->nfree_tms[tier]; k++)
            LLVMDisposeTargetMachine(jit->free_tms[tier][k]);
        free(jit->free_tms[tier]);
    }
    for (size_t k = 0; k < jit->ncounter_chunks; k++)
        free(jit->counter_chunks[k]);
    free(jit->counter_chunks);
    tr_pc_table_free(&jit->pcs);
    pthread_mutex_destroy(&jit->tm_lock);
    free(jit->triple);
    free(jit->data_layout);
    free(jit->cpu);
    free(jit->features);
    free(jit->pipeline);
    free(jit);
}

/* Code generation level of each tier: the fast tier uses LLVM's -O0 instruction
 * selection and register allocation (FastISel, fast RA; about 4x less time than the
 * optimising code generator on region-sized functions, docs/translator.md). */
static const LLVMCodeGenOptLevel tier_codegen[TR_JIT_TIERS] = {LLVMCodeGenLevelDefault,
                                                               LLVMCodeGenLevelNone};

/* A target machine of the tier's level for this thread's compilation (free list or new). */
static FvpError *tm_take(TrJit *jit, int tier, LLVMTargetMachineRef *out)
{
    pthread_mutex_lock(&jit->tm_lock);
    LLVMTargetMachineRef tm =
        jit->nfree_tms[tier] ? jit->free_tms[tier][--jit->nfree_tms[tier]] : NULL;
    pthread_mutex_unlock(&jit->tm_lock);
    if (!tm) {
        LLVMTargetRef target;
        char *msg = NULL;
        if (LLVMGetTargetFromTriple(jit->triple, &target, &msg)) {
            FvpError *err = fvp_error_new(FVP_ERR_INTERNAL, "target %s: %s", jit->triple, msg);
            LLVMDisposeMessage(msg);
            return err;
        }
        tm = LLVMCreateTargetMachine(target, jit->triple, jit->cpu, jit->features,
                                     tier_codegen[tier], LLVMRelocPIC,
                                     LLVMCodeModelSmall); /* JITLink adds stubs for far calls */
    }
    *out = tm;
    return NULL;
}

enum { COUNTER_CHUNK = 1024 };

/* A zeroed tier-up counter that lives until tr_jit_destroy. */
static uint32_t *counter_new(TrJit *jit)
{
    pthread_mutex_lock(&jit->tm_lock);
    if (!jit->ncounter_chunks || jit->counters_used == COUNTER_CHUNK) {
        FVP_GROW(jit->counter_chunks, jit->cap_counter_chunks, jit->ncounter_chunks + 1);
        jit->counter_chunks[jit->ncounter_chunks++] = fvp_xcalloc(COUNTER_CHUNK, sizeof(uint32_t));
        jit->counters_used = 0;
    }
    uint32_t *c = &jit->counter_chunks[jit->ncounter_chunks - 1][jit->counters_used++];
    pthread_mutex_unlock(&jit->tm_lock);
    return c;
}

static void tm_give_back(TrJit *jit, int tier, LLVMTargetMachineRef tm)
{
    pthread_mutex_lock(&jit->tm_lock);
    FVP_GROW(jit->free_tms[tier], jit->cap_tms[tier], jit->nfree_tms[tier] + 1);
    jit->free_tms[tier][jit->nfree_tms[tier]++] = tm;
    pthread_mutex_unlock(&jit->tm_lock);
}

static FvpError *optimise(TrJit *jit, int tier, LLVMTargetMachineRef tm, LLVMModuleRef mod)
{
    const char *pipeline = tier == TR_JIT_TIER_FAST ? TR_JIT_FAST_PIPELINE : jit->pipeline;
    if (!pipeline[0])
        return NULL;
    LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
    LLVMErrorRef e = LLVMRunPasses(mod, pipeline, tm, po);
    LLVMDisposePassBuilderOptions(po);
    return e ? error_from_llvm(e, "running passes") : NULL;
}

static void dump_module(TrJit *jit, TrDumpKind kind, uint64_t pc, LLVMModuleRef mod)
{
    if (!(jit->opts.dump_mask & kind) || !jit->opts.dump)
        return;
    char *text = LLVMPrintModuleToString(mod);
    jit->opts.dump(jit->opts.dump_user, kind, pc, text);
    LLVMDisposeMessage(text);
}

/* Host code bytes in the object: the sizes of its .text sections (a region module
 * holds one function; LLVMGetSymbolSize reports only common-symbol sizes). */
static uint64_t object_code_size(LLVMMemoryBufferRef obj)
{
    LLVMMemoryBufferRef buf = LLVMCreateMemoryBufferWithMemoryRange(
        LLVMGetBufferStart(obj), LLVMGetBufferSize(obj), "region", 0);
    char *msg = NULL;
    LLVMBinaryRef bin = LLVMCreateBinary(buf, NULL, &msg);
    uint64_t result = 0;
    if (bin) {
        LLVMSectionIteratorRef it = LLVMObjectFileCopySectionIterator(bin);
        for (; !LLVMObjectFileIsSectionIteratorAtEnd(bin, it); LLVMMoveToNextSection(it)) {
            const char *name = LLVMGetSectionName(it);
            if (name && strncmp(name, ".text", 5) == 0)
                result += LLVMGetSectionSize(it);
        }
        LLVMDisposeSectionIterator(it);
        LLVMDisposeBinary(bin);
    }
    LLVMDisposeMessage(msg);
    LLVMDisposeMemoryBuffer(buf);
    return result;
}

/* Generates the module's object code on this thread with tm (the tier's code generator),
 * then adds it to the JIT and links it; *addr is the function's address. Consumes mod. */
static FvpError *emit_and_link(TrJit *jit, LLVMTargetMachineRef tm, LLVMModuleRef mod,
                               const char *name, LLVMOrcExecutorAddress *addr,
                               uint64_t *code_bytes)
{
    FvpError *err = NULL;
    char *msg = NULL;
    LLVMMemoryBufferRef obj = NULL;
    LLVMBool failed = LLVMTargetMachineEmitToMemoryBuffer(tm, mod, LLVMObjectFile, &msg, &obj);
    LLVMDisposeModule(mod);
    if (failed) {
        err = fvp_error_new(FVP_ERR_INTERNAL, "code generation: %s", msg ? msg : "?");
        LLVMDisposeMessage(msg);
        return err;
    }
    *code_bytes = object_code_size(obj);
    /* The accesses' host pcs relative to the function, read before LLJIT takes obj. */
    TrPcTable pcs = {0};
    err = tr_pc_table_add_object(&pcs, LLVMGetBufferStart(obj), LLVMGetBufferSize(obj), name, 0);
    if (err) {
        LLVMDisposeMemoryBuffer(obj);
        return err;
    }
    pthread_mutex_lock(&jit->link_lock);
    LLVMErrorRef e = LLVMOrcLLJITAddObjectFile(jit->lljit, jit->dylib, obj); /* takes obj */
    if (e)
        err = error_from_llvm(e, "adding the object to LLJIT");
    else if ((e = LLVMOrcLLJITLookup(jit->lljit, addr, name)))
        err = error_from_llvm(e, "linking");
    if (!err)
        tr_pc_table_append(&jit->pcs, &pcs, *addr);
    pthread_mutex_unlock(&jit->link_lock);
    tr_pc_table_free(&pcs);
    return err;
}

/* After a region's code is at addr: its host dump (when asked for) and *stats (if not
 * NULL) = *done with the compile time since start and the guest instruction count. */
static FvpError *region_done(TrJit *jit, const IRBlock *const *blocks, size_t nblocks,
                             uintptr_t addr, uint64_t start, const RtCompileStats *done,
                             RtCompileStats *stats)
{
    uint64_t pc = blocks[0]->pc;
    if ((jit->opts.dump_mask & TR_DUMP_HOST) && jit->opts.dump) {
        char *text = NULL;
        FvpError *err = tr_disasm_host((const void *)addr, done->code_bytes, addr, &text);
        if (err)
            return fvp_error_wrap(err, "dumping region 0x%" PRIx64, pc);
        jit->opts.dump(jit->opts.dump_user, TR_DUMP_HOST, pc, text);
        free(text);
    }
    if (stats) {
        *stats = *done;
        for (size_t k = 0; k < nblocks; k++)
            stats->guest_insns += blocks[k]->guest_insns;
        stats->compile_ns = fvp_now_ns() - start;
    }
    return NULL;
}

/* The region through the baseline compiler (no LLVM): the same stats and host dump.
 * *declined when it did not compile it (LLVM compiles the region instead); a refusal of
 * executable pages turns the baseline off for the rest of the run. */
static FvpError *compile_baseline(TrJit *jit, TrJitTier tier, const IRBlock *const *blocks,
                                  size_t nblocks, RtCompiledFn *out, RtCompileStats *stats,
                                  bool *declined)
{
    uint64_t start = fvp_now_ns();
    TrBaselineRegion opts = {.counts = __atomic_load_n(&jit->counts, __ATOMIC_ACQUIRE),
                             .precise = __atomic_load_n(&jit->precise, __ATOMIC_ACQUIRE)};
    if (tier == TR_JIT_TIER_FAST && jit->opts.baseline == TR_BASELINE_FAST &&
        jit->opts.tier_up_count) {
        opts.tier_up_counter = counter_new(jit);
        opts.tier_up_count = jit->opts.tier_up_count;
    }
    /* Faults name their instruction from the JIT's pc table (as LLVM's user-mode regions
     * do), except under precise faults, where cur_pc stores keep the runtime's simple path */
    TrPcTable pcs = {0};
    if (!opts.precise)
        opts.pcs = &pcs;
    uint64_t code_bytes = 0;
    const RtChainLink *links = NULL;
    size_t nlinks = 0;
    FvpError *err = tr_baseline_compile(jit->baseline, blocks, nblocks, &opts, out, &code_bytes,
                                        &links, &nlinks);
    if (!err && pcs.n) {
        pthread_mutex_lock(&jit->link_lock);
        tr_pc_table_append(&jit->pcs, &pcs, (uint64_t)(uintptr_t)*out);
        pthread_mutex_unlock(&jit->link_lock);
    }
    tr_pc_table_free(&pcs);
    if (err) {
        if (fvp_error_kind(err) == FVP_ERR_IO)
            __atomic_store_n(&jit->baseline_refused, true, __ATOMIC_RELAXED);
        fvp_error_free(err);
        *declined = true;
        return NULL;
    }
    RtCompileStats done = {.code_bytes = code_bytes,
                           .baseline = true,
                           .heat = opts.tier_up_counter,
                           .links = links,
                           .nlinks = nlinks};
    return region_done(jit, blocks, nblocks, (uintptr_t)*out, start, &done, stats);
}

FvpError *tr_jit_compile_tier(TrJit *jit, TrJitTier tier, const IRBlock *const *blocks,
                              size_t nblocks, RtCompiledFn *out, RtCompileStats *stats)
{
    if (!nblocks)
        return fvp_error_new(FVP_ERR_FORMAT, "compiling an empty region");
    if (jit->baseline && !__atomic_load_n(&jit->baseline_refused, __ATOMIC_RELAXED) &&
        (tier == TR_JIT_TIER_FAST || jit->opts.baseline == TR_BASELINE_ONLY) &&
        tr_baseline_supports(blocks, nblocks)) {
        bool declined = false;
        FvpError *err = compile_baseline(jit, tier, blocks, nblocks, out, stats, &declined);
        if (err || !declined)
            return err;
    }
    uint64_t start = fvp_now_ns();
    uint64_t pc = blocks[0]->pc;
    uint64_t id = __atomic_fetch_add(&jit->next_id, 1, __ATOMIC_RELAXED);
    char name[64];
    snprintf(name, sizeof name, "region_%" PRIx64 "_%" PRIu64, pc, id);

    LLVMContextRef ctx = LLVMContextCreate(); /* one per compilation: threads never share */
    LLVMModuleRef mod = NULL;
    unsigned flags =
        (__atomic_load_n(&jit->precise, __ATOMIC_ACQUIRE) ? TR_LOWER_PRECISE_FAULTS : 0) |
        (jit->opts.user_mode ? TR_LOWER_USER_MODE : 0) |
        (__atomic_load_n(&jit->counts, __ATOMIC_ACQUIRE) ? 0 : TR_LOWER_NO_COUNTS) |
        (__atomic_load_n(&jit->fp_guard, __ATOMIC_ACQUIRE) ? TR_LOWER_FP_GUARD : 0);
    TrLowerExtra extra = {0};
    if (tier == TR_JIT_TIER_FAST && jit->opts.tier_up_count) {
        extra.tier_up_counter = counter_new(jit);
        extra.tier_up_count = jit->opts.tier_up_count;
    }
    if (jit->opts.user_mode && !(flags & TR_LOWER_PRECISE_FAULTS))
        flags |= TR_LOWER_PC_TABLE;
    LLVMTargetMachineRef tm = NULL; /* this compilation's, for the passes and codegen */
    bool cur_pc_stores = false;
    FvpError *err = tm_take(jit, tier, &tm);
    for (int attempt = 0; !err; attempt++) {
        err = tr_lower_region_ex(ctx, jit->triple, jit->data_layout, blocks, nblocks, name,
                                 flags, &extra, &mod);
        if (err)
            break;
        if (attempt == 0)
            dump_module(jit, TR_DUMP_LLVM, pc, mod);
        err = optimise(jit, tier, tm, mod);
        if (err) {
            LLVMDisposeModule(mod);
            break;
        }
        /* An access the table cannot name (a pass dropped its !pcsections): compile the
         * region again with cur_pc stores, so every fault still names its instruction. */
        if (!(flags & TR_LOWER_PC_TABLE) || !tr_pc_table_finish(mod))
            break;
        cur_pc_stores = true;
        LLVMDisposeModule(mod);
        mod = NULL;
        flags &= ~(unsigned)TR_LOWER_PC_TABLE;
    }
    LLVMOrcExecutorAddress addr = 0;
    uint64_t code_bytes = 0;
    if (!err) {
        dump_module(jit, TR_DUMP_LLVM_OPT, pc, mod);
        err = emit_and_link(jit, tm, mod, name, &addr, &code_bytes);
    }
    if (tm)
        tm_give_back(jit, tier, tm);
    LLVMContextDispose(ctx);
    if (err)
        return fvp_error_wrap(err, "JIT-compiling region 0x%" PRIx64, pc);

    *out = (RtCompiledFn)(uintptr_t)addr;
    RtCompileStats done = {
        .code_bytes = code_bytes, .cur_pc_stores = cur_pc_stores, .heat = extra.tier_up_counter};
    return region_done(jit, blocks, nblocks, (uintptr_t)addr, start, &done, stats);
}

FvpError *tr_jit_compile(TrJit *jit, const IRBlock *const *blocks, size_t nblocks,
                         RtCompiledFn *out, RtCompileStats *stats)
{
    return tr_jit_compile_tier(jit, TR_JIT_TIER_FULL, blocks, nblocks, out, stats);
}

static FvpError *compiler_compile(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                                  RtCompiledFn *out, RtCompileStats *stats)
{
    return tr_jit_compile(ctx, blocks, nblocks, out, stats);
}

static FvpError *compiler_compile_fast(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                                       RtCompiledFn *out, RtCompileStats *stats)
{
    return tr_jit_compile_tier(ctx, TR_JIT_TIER_FAST, blocks, nblocks, out, stats);
}

void tr_jit_require_precise_faults(TrJit *jit)
{
    __atomic_store_n(&jit->precise, true, __ATOMIC_RELEASE);
}

void tr_jit_require_counts(TrJit *jit)
{
    __atomic_store_n(&jit->counts, true, __ATOMIC_RELEASE);
}

void tr_jit_require_fp_modes(TrJit *jit)
{
    __atomic_store_n(&jit->fp_guard, false, __ATOMIC_RELEASE);
}

static void compiler_require_fp_modes(void *ctx)
{
    tr_jit_require_fp_modes(ctx);
}

static void compiler_require_precise(void *ctx)
{
    tr_jit_require_precise_faults(ctx);
}

static void compiler_require_counts(void *ctx)
{
    tr_jit_require_counts(ctx);
}

bool tr_jit_guest_pc_at(TrJit *jit, uintptr_t host_pc, uint64_t *guest_pc)
{
    pthread_mutex_lock(&jit->link_lock);
    bool found = tr_pc_table_lookup(&jit->pcs, host_pc, guest_pc);
    pthread_mutex_unlock(&jit->link_lock);
    return found;
}

static bool compiler_guest_pc_at(void *ctx, uintptr_t host_pc, uint64_t *guest_pc)
{
    return tr_jit_guest_pc_at(ctx, host_pc, guest_pc);
}

static bool compiler_cheap(void *ctx, const IRBlock *const *blocks, size_t nblocks)
{
    TrJit *jit = ctx;
    /* the region's first compile is the baseline compiler's */
    return (jit->opts.tiers || jit->opts.baseline == TR_BASELINE_ONLY) &&
           !__atomic_load_n(&jit->baseline_refused, __ATOMIC_RELAXED) &&
           tr_baseline_supports(blocks, nblocks);
}

static void compiler_destroy(void *ctx)
{
    tr_jit_destroy(ctx);
}

RtCompiler tr_jit_as_compiler(TrJit *jit)
{
    return (RtCompiler){.ctx = jit,
                        .compile = compiler_compile,
                        .compile_fast = jit->opts.tiers ? compiler_compile_fast : NULL,
                        .require_precise_faults = compiler_require_precise,
                        .no_counts = !__atomic_load_n(&jit->counts, __ATOMIC_ACQUIRE),
                        .require_counts = compiler_require_counts,
                        .require_fp_modes = compiler_require_fp_modes,
                        .guest_pc_at = compiler_guest_pc_at,
                        .cheap = jit->baseline ? compiler_cheap : NULL,
                        .destroy = compiler_destroy};
}
