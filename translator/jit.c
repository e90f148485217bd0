/* The ORC LLJIT compiler: lowers, optimises and links regions; the RtCompiler seam. */
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
 *   tr_jit_compile (any thread)
 *     new ThreadSafeContext -> tr_lower_region -> LLVMRunPasses(pipeline, host TM)
 *     -- jit->link_lock --------------------------------------------------------------
 *     LLJIT add module -> lookup (codegen; the object transform copies the object)
 *     ---------------------------------------------------------------------------------
 *     symbol size from the object copy -> stats, host dump
 */

struct TrJit {
    LLVMOrcLLJITRef lljit;
    LLVMOrcJITDylibRef dylib; /* main dylib: every region and the process's symbols */
    char *triple, *data_layout, *cpu, *features;
    char *pipeline;
    TrJitOptions opts;
    pthread_mutex_t link_lock; /* serialises codegen/linking and guards `object` */
    uint64_t next_id;          /* region symbol suffix (atomic) */
    bool precise;              /* TR_LOWER_PRECISE_FAULTS from now on (atomic) */
    /* Target machines for the optimisation pipeline, reused: making one costs about as much
     * as optimising a small region (subtarget feature parsing, target lowering tables).
     * TargetMachine is not documented as thread-safe, so each compilation takes its own
     * from this free list (guarded by tm_lock). */
    pthread_mutex_t tm_lock;
    LLVMTargetMachineRef *free_tms;
    size_t nfree_tms, cap_tms;
    /* The object of the region being linked (under link_lock), copied by the transform. */
    char *object;
    size_t object_size;
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

static LLVMErrorRef capture_object(void *ctx, LLVMMemoryBufferRef *obj)
{
    TrJit *jit = ctx;
    size_t size = LLVMGetBufferSize(*obj);
    free(jit->object);
    jit->object = fvp_xmalloc(size ? size : 1);
    memcpy(jit->object, LLVMGetBufferStart(*obj), size);
    jit->object_size = size;
    return NULL;
}

FvpError *tr_jit_create(const TrJitOptions *opts, TrJit **out)
{
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    LLVMInitializeNativeDisassembler();

    TrJit *jit = fvp_xcalloc(1, sizeof(*jit));
    if (opts)
        jit->opts = *opts;
    jit->pipeline = fvp_xstrdup(jit->opts.pipeline ? jit->opts.pipeline : TR_JIT_DEFAULT_PIPELINE);
    jit->opts.pipeline = jit->pipeline;
    jit->precise = jit->opts.precise_faults;
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
    LLVMOrcObjectTransformLayerSetTransform(LLVMOrcLLJITGetObjTransformLayer(jit->lljit),
                                            capture_object, jit);
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
    pthread_mutex_destroy(&jit->link_lock);
    for (size_t k = 0; k < jit->nfree_tms; k++)
        LLVMDisposeTargetMachine(jit->free_tms[k]);
    free(jit->free_tms);
    pthread_mutex_destroy(&jit->tm_lock);
    free(jit->object);
    free(jit->triple);
    free(jit->data_layout);
    free(jit->cpu);
    free(jit->features);
    free(jit->pipeline);
    free(jit);
}

/* A target machine for this thread's compilation (from the free list or new). */
static FvpError *tm_take(TrJit *jit, LLVMTargetMachineRef *out)
{
    pthread_mutex_lock(&jit->tm_lock);
    LLVMTargetMachineRef tm = jit->nfree_tms ? jit->free_tms[--jit->nfree_tms] : NULL;
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
                                     LLVMCodeGenLevelDefault, LLVMRelocDefault,
                                     LLVMCodeModelJITDefault);
    }
    *out = tm;
    return NULL;
}

static void tm_give_back(TrJit *jit, LLVMTargetMachineRef tm)
{
    pthread_mutex_lock(&jit->tm_lock);
    FVP_GROW(jit->free_tms, jit->cap_tms, jit->nfree_tms + 1);
    jit->free_tms[jit->nfree_tms++] = tm;
    pthread_mutex_unlock(&jit->tm_lock);
}

static FvpError *optimise(TrJit *jit, LLVMModuleRef mod)
{
    if (!jit->pipeline[0])
        return NULL;
    LLVMTargetMachineRef tm = NULL;
    FvpError *err = tm_take(jit, &tm);
    if (err)
        return err;
    LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
    LLVMErrorRef e = LLVMRunPasses(mod, jit->pipeline, tm, po);
    LLVMDisposePassBuilderOptions(po);
    tm_give_back(jit, tm);
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

/* Host code bytes in the object copy: the sizes of its .text sections (a region module
 * holds one function; LLVMGetSymbolSize reports only common-symbol sizes). */
static uint64_t object_code_size(const char *object, size_t size)
{
    LLVMMemoryBufferRef buf = LLVMCreateMemoryBufferWithMemoryRange(object, size, "region", 0);
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

/* Adds the module to the JIT and links it; *addr is the function's address. */
static FvpError *link_module(TrJit *jit, LLVMOrcThreadSafeContextRef tsc, LLVMModuleRef mod,
                             const char *name, LLVMOrcExecutorAddress *addr, uint64_t *code_bytes)
{
    LLVMOrcThreadSafeModuleRef tsm = LLVMOrcCreateNewThreadSafeModule(mod, tsc);
    pthread_mutex_lock(&jit->link_lock);
    FvpError *err = NULL;
    LLVMErrorRef e = LLVMOrcLLJITAddLLVMIRModule(jit->lljit, jit->dylib, tsm); /* takes tsm */
    if (e) {
        err = error_from_llvm(e, "adding the module to LLJIT");
        goto out;
    }
    jit->object_size = 0;
    e = LLVMOrcLLJITLookup(jit->lljit, addr, name);
    if (e) {
        err = error_from_llvm(e, "compiling and linking");
        goto out;
    }
    *code_bytes = object_code_size(jit->object, jit->object_size);
out:
    pthread_mutex_unlock(&jit->link_lock);
    return err;
}

FvpError *tr_jit_compile(TrJit *jit, const IRBlock *const *blocks, size_t nblocks,
                         RtCompiledFn *out, RtCompileStats *stats)
{
    if (!nblocks)
        return fvp_error_new(FVP_ERR_FORMAT, "compiling an empty region");
    uint64_t start = fvp_now_ns();
    uint64_t pc = blocks[0]->pc;
    uint64_t id = __atomic_fetch_add(&jit->next_id, 1, __ATOMIC_RELAXED);
    char name[64];
    snprintf(name, sizeof name, "region_%" PRIx64 "_%" PRIu64, pc, id);

    LLVMOrcThreadSafeContextRef tsc = LLVMOrcCreateNewThreadSafeContext();
    LLVMContextRef ctx = LLVMOrcThreadSafeContextGetContext(tsc);
    LLVMModuleRef mod = NULL;
    unsigned flags = (__atomic_load_n(&jit->precise, __ATOMIC_ACQUIRE) ? TR_LOWER_PRECISE_FAULTS
                                                                       : 0) |
                     (jit->opts.user_mode ? TR_LOWER_USER_MODE : 0);
    FvpError *err =
        tr_lower_region(ctx, jit->triple, jit->data_layout, blocks, nblocks, name, flags, &mod);
    if (err)
        goto fail;
    dump_module(jit, TR_DUMP_LLVM, pc, mod);
    err = optimise(jit, mod);
    if (err) {
        LLVMDisposeModule(mod);
        goto fail;
    }
    dump_module(jit, TR_DUMP_LLVM_OPT, pc, mod);

    LLVMOrcExecutorAddress addr = 0;
    uint64_t code_bytes = 0;
    err = link_module(jit, tsc, mod, name, &addr, &code_bytes);
    LLVMOrcDisposeThreadSafeContext(tsc); /* the module keeps the context alive */
    if (err)
        return fvp_error_wrap(err, "JIT-compiling region 0x%" PRIx64, pc);

    if ((jit->opts.dump_mask & TR_DUMP_HOST) && jit->opts.dump) {
        char *text = NULL;
        FvpError *derr = tr_disasm_host((const void *)(uintptr_t)addr, code_bytes, addr, &text);
        if (derr)
            return fvp_error_wrap(derr, "dumping region 0x%" PRIx64, pc);
        jit->opts.dump(jit->opts.dump_user, TR_DUMP_HOST, pc, text);
        free(text);
    }
    *out = (RtCompiledFn)(uintptr_t)addr;
    if (stats) {
        uint32_t insns = 0;
        for (size_t k = 0; k < nblocks; k++)
            insns += blocks[k]->guest_insns;
        stats->compile_ns = fvp_now_ns() - start;
        stats->code_bytes = code_bytes;
        stats->guest_insns = insns;
    }
    return NULL;

fail:
    LLVMOrcDisposeThreadSafeContext(tsc);
    return fvp_error_wrap(err, "JIT-compiling region 0x%" PRIx64, pc);
}

static FvpError *compiler_compile(void *ctx, const IRBlock *const *blocks, size_t nblocks,
                                  RtCompiledFn *out, RtCompileStats *stats)
{
    return tr_jit_compile(ctx, blocks, nblocks, out, stats);
}

void tr_jit_require_precise_faults(TrJit *jit)
{
    __atomic_store_n(&jit->precise, true, __ATOMIC_RELEASE);
}

static void compiler_require_precise(void *ctx)
{
    tr_jit_require_precise_faults(ctx);
}

static void compiler_destroy(void *ctx)
{
    tr_jit_destroy(ctx);
}

RtCompiler tr_jit_as_compiler(TrJit *jit)
{
    return (RtCompiler){.ctx = jit,
                        .compile = compiler_compile,
                        .require_precise_faults = compiler_require_precise,
                        .destroy = compiler_destroy};
}
