/* AOT driver: lower discovered functions into one module, emit an object, link the executable. */
#include "translator/aot.h"

#include <errno.h>
#include <inttypes.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/aot_runtime.h"
#include "translator/aot_internal.h"
#include "translator/aot_paths.h"
#include "translator/translator.h"

/*
 *   for each TrAotFunction:  [switch block] + its blocks --tr_lower_region--> module
 *                            --LLVMRunPasses(default<On>)--> linked into "fvp_aot"
 *   "fvp_aot" += entry table (pc, hash, function) sorted by pc, the guest ELF bytes,
 *                RtAotImage, main() -> rt_aot_main
 *   --LLVMTargetMachineEmitToFile--> TMPDIR/fvp-aot-XXXXXX/guest.o --cc--> OUT.tmp --rename--> OUT
 *
 * The switch block is a synthetic IR block (pc AOT_SWITCH_PC, no guest instructions) that
 * reads IRStateHeader.pc (the dispatcher stores the entry pc there) and branches to the
 * block with that pc, so one LLVM function per guest function serves every entry into it.
 */

extern char **environ;

/* Never a guest block pc: odd, and RISC-V/AArch64 instructions are 2/4-aligned. */
#define AOT_SWITCH_PC UINT64_C(0xffffffffffffff01)

typedef struct AotEntry {
    uint64_t pc, hash;
    uint64_t fn_entry; /* the LLVM function is fvp_aot_<fn_entry> */
} AotEntry;

typedef struct AotGen {
    LLVMContextRef ctx;
    LLVMModuleRef mod;
    LLVMTargetMachineRef tm;
    char *triple, *data_layout;
    const char *pipeline;
    AotEntry *entries;
    size_t nentries, capentries;
    U64Map entered; /* pcs already in entries */
    LLVMModuleRef *parts; /* one module per function, linked at the end (owned) */
    size_t nparts, capparts;
} AotGen;

static FvpError *llvm_error(LLVMErrorRef e, const char *what)
{
    char *msg = LLVMGetErrorMessage(e);
    FvpError *err = fvp_error_new(FVP_ERR_INTERNAL, "%s: %s", what, msg ? msg : "?");
    LLVMDisposeErrorMessage(msg);
    return err;
}

static FvpError *gen_init(AotGen *g, int opt_level)
{
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    g->ctx = LLVMContextCreate();
    g->triple = LLVMGetDefaultTargetTriple();
    LLVMTargetRef target;
    char *msg = NULL;
    if (LLVMGetTargetFromTriple(g->triple, &target, &msg)) {
        FvpError *err = fvp_error_new(FVP_ERR_INTERNAL, "target %s: %s", g->triple, msg);
        LLVMDisposeMessage(msg);
        return err;
    }
    /* The executable runs on the machine that translated it (as JIT code would). */
    char *cpu = LLVMGetHostCPUName(), *features = LLVMGetHostCPUFeatures();
    static const LLVMCodeGenOptLevel levels[] = {LLVMCodeGenLevelNone, LLVMCodeGenLevelLess,
                                                 LLVMCodeGenLevelDefault,
                                                 LLVMCodeGenLevelAggressive};
    g->tm = LLVMCreateTargetMachine(target, g->triple, cpu, features, levels[opt_level],
                                    LLVMRelocPIC, LLVMCodeModelDefault);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
    LLVMTargetDataRef td = LLVMCreateTargetDataLayout(g->tm);
    g->data_layout = LLVMCopyStringRepOfTargetData(td);
    LLVMDisposeTargetData(td);
    g->mod = LLVMModuleCreateWithNameInContext("fvp_aot", g->ctx);
    LLVMSetTarget(g->mod, g->triple);
    LLVMSetDataLayout(g->mod, g->data_layout);
    static const char *const pipelines[] = {"", "default<O1>", "default<O2>", "default<O3>"};
    g->pipeline = pipelines[opt_level];
    u64map_init(&g->entered);
    return NULL;
}

static void gen_free(AotGen *g)
{
    if (g->mod)
        LLVMDisposeModule(g->mod);
    if (g->tm)
        LLVMDisposeTargetMachine(g->tm);
    if (g->ctx)
        LLVMContextDispose(g->ctx);
    LLVMDisposeMessage(g->triple);
    LLVMDisposeMessage(g->data_layout);
    free(g->entries);
    u64map_free(&g->entered);
    for (size_t i = 0; i < g->nparts; i++)
        LLVMDisposeModule(g->parts[i]);
    free(g->parts);
}

/* The synthetic entry block: exit_if (state pc == block pc) -> block, ..., goto blocks[0]. */
static IRBlock *switch_block(const TrAotFunction *f)
{
    IRBlock *sw = ir_block_new(AOT_SWITCH_PC);
    uint32_t pc = ir_get(sw, IR_I64, offsetof(IRStateHeader, pc));
    for (size_t i = 1; i < f->nblocks; i++) {
        uint32_t want = ir_const(sw, IR_I64, f->blocks[i]->pc);
        IRInsn cmp = {.op = IR_CMP, .type = IR_I1, .cond = IR_CC_EQ, .nargs = 2,
                      .args = {pc, want}};
        IRInsn ex = {.op = IR_EXIT_IF, .type = IR_VOID, .nargs = 1,
                     .args = {ir_emit(sw, &cmp)}, .imm = f->blocks[i]->pc};
        ir_emit(sw, &ex);
    }
    IRInsn go = {.op = IR_GOTO, .type = IR_VOID, .imm = f->blocks[0]->pc};
    ir_emit(sw, &go);
    return sw;
}

/* True if fn calls a host address baked in as a constant (the lowering calls runtime helpers
 * by their address in this fvp process, which means nothing in the produced executable). */
static bool calls_fixed_address(LLVMValueRef fn)
{
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in))
            if (LLVMIsACallInst(in)) {
                LLVMValueRef callee = LLVMGetCalledValue(in);
                if (LLVMIsAConstantExpr(callee) || LLVMIsAConstantInt(callee))
                    return true;
            }
    return false;
}

/* Lowers and optimises one function, links it into g->mod and records its entries.
 * Returns false (nothing added) if the translator cannot lower it. */
static bool gen_function(AotGen *g, const TrAotFunction *f, TrAotStats *st)
{
    size_t n = f->nblocks + (f->nblocks > 1);
    const IRBlock **region = fvp_xcalloc(n, sizeof *region);
    IRBlock *sw = NULL;
    if (f->nblocks > 1) {
        sw = switch_block(f);
        region[0] = sw;
    }
    memcpy(region + (f->nblocks > 1), f->blocks, f->nblocks * sizeof *region);
    char name[48];
    snprintf(name, sizeof name, "fvp_aot_%" PRIx64, f->entry);
    LLVMModuleRef fmod = NULL;
    uint64_t t0 = fvp_now_ns();
    FvpError *err = tr_lower_region(g->ctx, g->triple, g->data_layout, region, n, name,
                                    TR_LOWER_PRECISE_FAULTS, &fmod);
    ir_block_free(sw);
    free(region);
    uint64_t t1 = fvp_now_ns();
    st->lower_ns += t1 - t0;
    if (!err && calls_fixed_address(LLVMGetNamedFunction(fmod, name))) {
        LLVMDisposeModule(fmod);
        err = fvp_error_new(FVP_ERR_UNSUPPORTED, "helper calls by host address");
    }
    if (err) { /* its blocks stay interpreted */
        fvp_error_free(err);
        st->functions_failed++;
        return false;
    }
    if (g->pipeline[0]) {
        LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
        LLVMErrorRef e = LLVMRunPasses(fmod, g->pipeline, g->tm, po);
        LLVMDisposePassBuilderOptions(po);
        if (e) { /* keep going without this function: its blocks stay interpreted */
            fvp_error_free(llvm_error(e, "running passes"));
            LLVMDisposeModule(fmod);
            st->functions_failed++;
            return false;
        }
    }
    st->optimise_ns += fvp_now_ns() - t1;
    FVP_GROW(g->parts, g->capparts, g->nparts + 1);
    g->parts[g->nparts++] = fmod;
    st->functions++;
    for (size_t i = 0; i < f->nblocks; i++) {
        const IRBlock *b = f->blocks[i];
        if (u64map_get(&g->entered, b->pc))
            continue;
        u64map_put(&g->entered, b->pc, (void *)1);
        FVP_GROW(g->entries, g->capentries, g->nentries + 1);
        g->entries[g->nentries++] = (AotEntry){b->pc, rt_aot_hash_block(b), f->entry};
    }
    return true;
}

static int entry_cmp(const void *a, const void *b)
{
    const AotEntry *x = a, *y = b;
    return (x->pc > y->pc) - (x->pc < y->pc);
}

static LLVMValueRef function_ref(AotGen *g, uint64_t entry)
{
    char name[48];
    snprintf(name, sizeof name, "fvp_aot_%" PRIx64, entry);
    LLVMValueRef fn = LLVMGetNamedFunction(g->mod, name);
    if (!fn) {
        LLVMTypeRef ptr = LLVMPointerTypeInContext(g->ctx, 0);
        LLVMTypeRef params[] = {ptr, ptr};
        fn = LLVMAddFunction(g->mod, name,
                             LLVMFunctionType(LLVMVoidTypeInContext(g->ctx), params, 2, 0));
    }
    return fn;
}

/* Links every function module into g->mod, pairwise like a merge sort: linking them one
 * by one into the growing module costs quadratic time (the linker scans the destination). */
static void link_parts(AotGen *g)
{
    FVP_GROW(g->parts, g->capparts, g->nparts + 1);
    g->parts[g->nparts++] = g->mod;
    g->mod = NULL;
    while (g->nparts > 1) {
        size_t out = 0;
        for (size_t i = 0; i < g->nparts; i += 2) {
            if (i + 1 < g->nparts && LLVMLinkModules2(g->parts[i], g->parts[i + 1]))
                fvp_assert(!"linking lowered functions into the AOT module");
            g->parts[out++] = g->parts[i];
        }
        g->nparts = out;
    }
    g->mod = g->parts[0];
    g->nparts = 0;
    for (size_t i = 0; i < g->nentries; i++) {
        LLVMValueRef fn = function_ref(g, g->entries[i].fn_entry);
        if (!LLVMIsDeclaration(fn))
            LLVMSetLinkage(fn, LLVMInternalLinkage);
    }
}

/* The entry table, the embedded ELF, the RtAotImage and main(). */
static void gen_image(AotGen *g, const uint8_t *elf, size_t elf_size)
{
    LLVMTypeRef i32 = LLVMInt32TypeInContext(g->ctx), i64 = LLVMInt64TypeInContext(g->ctx);
    LLVMTypeRef ptr = LLVMPointerTypeInContext(g->ctx, 0);
    LLVMTypeRef ent_fields[] = {i64, i64, ptr};
    LLVMTypeRef ent_t = LLVMStructTypeInContext(g->ctx, ent_fields, 3, 0);
    qsort(g->entries, g->nentries, sizeof *g->entries, entry_cmp);
    LLVMValueRef *rows = fvp_xcalloc(g->nentries ? g->nentries : 1, sizeof *rows);
    for (size_t i = 0; i < g->nentries; i++) {
        LLVMValueRef f[] = {LLVMConstInt(i64, g->entries[i].pc, 0),
                            LLVMConstInt(i64, g->entries[i].hash, 0),
                            function_ref(g, g->entries[i].fn_entry)};
        rows[i] = LLVMConstNamedStruct(ent_t, f, 3);
    }
    LLVMTypeRef table_t = LLVMArrayType2(ent_t, g->nentries);
    LLVMValueRef table = LLVMAddGlobal(g->mod, table_t, "fvp_aot_entries");
    LLVMSetInitializer(table, LLVMConstArray2(ent_t, rows, g->nentries));
    LLVMSetGlobalConstant(table, 1);
    LLVMSetLinkage(table, LLVMPrivateLinkage);
    free(rows);

    LLVMValueRef bytes = LLVMConstStringInContext2(g->ctx, (const char *)elf, elf_size, 1);
    LLVMValueRef elf_g = LLVMAddGlobal(g->mod, LLVMTypeOf(bytes), "fvp_aot_elf");
    LLVMSetInitializer(elf_g, bytes);
    LLVMSetGlobalConstant(elf_g, 1);
    LLVMSetLinkage(elf_g, LLVMPrivateLinkage);
    LLVMSetAlignment(elf_g, 16);

    LLVMTypeRef img_fields[] = {ptr, i64, ptr, i64};
    LLVMTypeRef img_t = LLVMStructTypeInContext(g->ctx, img_fields, 4, 0);
    LLVMValueRef img_vals[] = {table, LLVMConstInt(i64, g->nentries, 0), elf_g,
                               LLVMConstInt(i64, elf_size, 0)};
    LLVMValueRef img = LLVMAddGlobal(g->mod, img_t, "fvp_aot_image");
    LLVMSetInitializer(img, LLVMConstNamedStruct(img_t, img_vals, 4));
    LLVMSetGlobalConstant(img, 1);
    LLVMSetLinkage(img, LLVMPrivateLinkage);

    LLVMTypeRef rt_params[] = {i32, ptr, ptr};
    LLVMTypeRef rt_t = LLVMFunctionType(i32, rt_params, 3, 0);
    LLVMValueRef rt_main = LLVMAddFunction(g->mod, "rt_aot_main", rt_t);
    LLVMTypeRef main_params[] = {i32, ptr};
    LLVMValueRef main_fn =
        LLVMAddFunction(g->mod, "main", LLVMFunctionType(i32, main_params, 2, 0));
    LLVMBuilderRef b = LLVMCreateBuilderInContext(g->ctx);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(g->ctx, main_fn, "entry"));
    LLVMValueRef args[] = {LLVMGetParam(main_fn, 0), LLVMGetParam(main_fn, 1), img};
    LLVMBuildRet(b, LLVMBuildCall2(b, rt_t, rt_main, args, 3, ""));
    LLVMDisposeBuilder(b);
}

static FvpError *read_file(const char *path, uint8_t **data, size_t *size)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return fvp_error_errno(errno, "loading %s", path);
    uint8_t *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        FVP_GROW(buf, cap, n + 65536);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return fvp_error_new(FVP_ERR_IO, "loading %s: read error", path);
    }
    *data = buf;
    *size = n;
    return NULL;
}

/* Runs argv (no shell) and waits; a non-zero exit is an error naming the tool. */
static FvpError *run_tool(char *const argv[])
{
    pid_t pid;
    int r = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (r)
        return fvp_error_errno(r, "running %s", argv[0]);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return fvp_error_errno(errno, "waiting for %s", argv[0]);
    if (!WIFEXITED(status) || WEXITSTATUS(status))
        return fvp_error_new(FVP_ERR_GENERIC, "%s failed (status 0x%x)", argv[0], status);
    return NULL;
}

static FvpError *check_libraries(void)
{
    static const char *const libs[] = {TR_AOT_LIBRARIES};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        if (access(libs[i], R_OK))
            return fvp_error_errno(errno, "the AOT runtime library %s is missing (build the "
                                          "fvp target in its build tree)", libs[i]);
    return NULL;
}

/* cc OBJ LIBS -o TMP; TMP was created (empty) next to OUT. */
static FvpError *link_executable(const char *obj, const char *tmp)
{
    const char *argv[64];
    size_t k = 0;
    argv[k++] = "cc";
    argv[k++] = "-o";
    argv[k++] = tmp;
    argv[k++] = obj;
    static const char *const libs[] = {TR_AOT_LIBRARIES};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        argv[k++] = libs[i];
    static const char *const extra[] = {TR_AOT_LINK_FLAGS};
    for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
        argv[k++] = extra[i];
    argv[k] = NULL;
    fvp_assert(k < sizeof argv / sizeof argv[0]);
    return fvp_error_wrap(run_tool((char *const *)argv), "linking");
}

static FvpError *translate(const TrAotOptions *o, TrAotStats *st, const char *tmp_out,
                           const char *workdir)
{
    uint64_t t0 = fvp_now_ns();
    RtOptions ro = {0};
    RtProcess *p = NULL;
    AotGen g = {0};
    TrAotProgram prog = {0};
    uint8_t *elf = NULL;
    size_t elf_size = 0;
    char *prog_arg = (char *)o->prog;
    char *const argv[] = {prog_arg, NULL};
    char *const envp[] = {NULL};
    FvpError *err = rt_process_create(&ro, &p);
    if (!err)
        err = rt_process_load(p, o->prog, 1, argv, envp);
    if (!err)
        err = read_file(o->prog, &elf, &elf_size);
    if (!err)
        err = tr_aot_discover(p, o->prog, &prog, st);
    if (err)
        goto out;
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&prog.blocks, &i, &key, &value);) {
        st->blocks++;
        st->guest_insns += ((const IRBlock *)value)->guest_insns;
    }
    uint64_t t1 = fvp_now_ns();
    st->discover_ns = t1 - t0;
    if ((err = gen_init(&g, o->opt_level)))
        goto out;
    for (size_t i = 0; i < prog.nfunctions; i++)
        gen_function(&g, &prog.functions[i], st);
    st->entries = g.nentries;
    gen_image(&g, elf, elf_size);
    link_parts(&g);
    char *msg = NULL;
    if (LLVMVerifyModule(g.mod, LLVMReturnStatusAction, &msg)) {
        err = fvp_error_new(FVP_ERR_INTERNAL, "LLVM verifier: %s", msg ? msg : "?");
        LLVMDisposeMessage(msg);
        goto out;
    }
    LLVMDisposeMessage(msg);
    char obj[4200];
    snprintf(obj, sizeof obj, "%s/guest.o", workdir);
    uint64_t t2 = fvp_now_ns();
    if (LLVMTargetMachineEmitToFile(g.tm, g.mod, obj, LLVMObjectFile, &msg)) {
        err = fvp_error_new(FVP_ERR_INTERNAL, "emitting the object: %s", msg ? msg : "?");
        LLVMDisposeMessage(msg);
        goto out;
    }
    uint64_t t3 = fvp_now_ns();
    st->codegen_ns = t3 - t2;
    struct stat sb;
    if (stat(obj, &sb) == 0)
        st->object_bytes = (uint64_t)sb.st_size;
    err = link_executable(obj, tmp_out);
    st->link_ns = fvp_now_ns() - t3;
    unlink(obj);
out:
    gen_free(&g);
    tr_aot_program_free(&prog);
    free(elf);
    rt_process_destroy(p);
    return err;
}

FvpError *tr_aot_translate(const TrAotOptions *o, TrAotStats *stats)
{
    TrAotStats local;
    TrAotStats *st = stats ? stats : &local;
    memset(st, 0, sizeof *st);
    uint64_t t0 = fvp_now_ns();
    if (o->opt_level < 0 || o->opt_level > 3)
        return fvp_error_new(FVP_ERR_USAGE, "optimisation level %d (choose 0..3)", o->opt_level);
    FvpError *err = check_libraries();
    if (err)
        return err;
    /* Fail early, before any translation work, if OUT's directory is not writable. */
    size_t len = strlen(o->output);
    char *tmp = fvp_xmalloc(len + 32);
    snprintf(tmp, len + 32, "%s.fvp-tmp-XXXXXX", o->output);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        err = fvp_error_errno(errno, "writing %s", o->output);
        free(tmp);
        return err;
    }
    close(fd);
    const char *tmpdir = getenv("TMPDIR");
    char workdir[4096];
    snprintf(workdir, sizeof workdir, "%s/fvp-aot-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(workdir)) {
        err = fvp_error_errno(errno, "creating a work directory in %s",
                              tmpdir && *tmpdir ? tmpdir : "/tmp");
        unlink(tmp);
        free(tmp);
        return err;
    }
    err = translate(o, st, tmp, workdir);
    rmdir(workdir);
    if (!err && chmod(tmp, 0755))
        err = fvp_error_errno(errno, "writing %s", o->output);
    if (!err && rename(tmp, o->output))
        err = fvp_error_errno(errno, "writing %s", o->output);
    if (err) {
        unlink(tmp);
    } else {
        struct stat sb;
        if (stat(o->output, &sb) == 0)
            st->output_bytes = (uint64_t)sb.st_size;
    }
    free(tmp);
    st->total_ns = fvp_now_ns() - t0;
    return err;
}
