/* AOT driver: discover, generate objects (aot_codegen.c), add the image object, link the executable. */
#include "translator/aot.h"

#include <errno.h>
#include <inttypes.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
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
 *   tr_aot_discover --> TrAotProgram --tr_aot_codegen (aot_codegen.c, --jobs threads)-->
 *   objects + entry table
 *   image module: entry table (pc, hash, function) sorted by pc, the guest ELF bytes,
 *                 RtAotImage, main() -> rt_aot_main  --LLVMTargetMachineEmitToFile--> image.o
 *   cc image.o objects... runtime libraries --> OUT.fvp-tmp-XXXXXX --rename--> OUT
 */

extern char **environ;

/* Whether a discovered block reads the guest's instruction count. */
static bool reads_instret(const TrAotProgram *prog)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&prog->blocks, &i, &key, &value);) {
        const IRBlock *b = value;
        for (size_t k = 0; k < b->count; k++)
            if (b->insns[k].op == IR_HELPER && b->insns[k].imm == IR_HELPER_READ_INSTRET)
                return true;
    }
    return false;
}

/* The entry table, the embedded ELF, the RtAotImage and main(), in a module of its own. */
static FvpError *emit_image(const TrAotObjects *objs, const uint8_t *elf, size_t elf_size,
                            bool counts, const char *path)
{
    LLVMContextRef ctx = LLVMContextCreate();
    LLVMModuleRef mod = LLVMModuleCreateWithNameInContext("fvp_aot_image", ctx);
    char *triple = LLVMGetDefaultTargetTriple();
    LLVMSetTarget(mod, triple);
    LLVMTypeRef i32 = LLVMInt32TypeInContext(ctx), i64 = LLVMInt64TypeInContext(ctx);
    LLVMTypeRef ptr = LLVMPointerTypeInContext(ctx, 0);
    LLVMTypeRef ent_fields[] = {i64, i64, ptr};
    LLVMTypeRef ent_t = LLVMStructTypeInContext(ctx, ent_fields, 3, 0);
    LLVMTypeRef params[] = {ptr, ptr};
    LLVMTypeRef fn_t = LLVMFunctionType(LLVMVoidTypeInContext(ctx), params, 2, 0);
    LLVMValueRef *rows = fvp_xcalloc(objs->nentries ? objs->nentries : 1, sizeof *rows);
    for (size_t i = 0; i < objs->nentries; i++) {
        const TrAotEntry *e = &objs->entries[i];
        char name[48];
        tr_aot_function_name(e->fn_entry, name, sizeof name);
        LLVMValueRef fn = LLVMGetNamedFunction(mod, name);
        if (!fn) {
            fn = LLVMAddFunction(mod, name, fn_t);
            LLVMSetVisibility(fn, LLVMHiddenVisibility);
        }
        LLVMValueRef f[] = {LLVMConstInt(i64, e->pc, 0), LLVMConstInt(i64, e->hash, 0), fn};
        rows[i] = LLVMConstNamedStruct(ent_t, f, 3);
    }
    LLVMTypeRef table_t = LLVMArrayType2(ent_t, objs->nentries);
    LLVMValueRef table = LLVMAddGlobal(mod, table_t, "fvp_aot_entries");
    LLVMSetInitializer(table, LLVMConstArray2(ent_t, rows, objs->nentries));
    LLVMSetGlobalConstant(table, 1);
    LLVMSetLinkage(table, LLVMPrivateLinkage);
    free(rows);

    LLVMValueRef bytes = LLVMConstStringInContext2(ctx, (const char *)elf, elf_size, 1);
    LLVMValueRef elf_g = LLVMAddGlobal(mod, LLVMTypeOf(bytes), "fvp_aot_elf");
    LLVMSetInitializer(elf_g, bytes);
    LLVMSetGlobalConstant(elf_g, 1);
    LLVMSetLinkage(elf_g, LLVMPrivateLinkage);
    LLVMSetAlignment(elf_g, 16);

    LLVMTypeRef img_fields[] = {ptr, i64, ptr, i64, i64}; /* RtAotImage */
    LLVMTypeRef img_t = LLVMStructTypeInContext(ctx, img_fields, 5, 0);
    LLVMValueRef img_vals[] = {table, LLVMConstInt(i64, objs->nentries, 0), elf_g,
                               LLVMConstInt(i64, elf_size, 0), LLVMConstInt(i64, counts, 0)};
    LLVMValueRef img = LLVMAddGlobal(mod, img_t, "fvp_aot_image");
    LLVMSetInitializer(img, LLVMConstNamedStruct(img_t, img_vals, 5));
    LLVMSetGlobalConstant(img, 1);
    LLVMSetLinkage(img, LLVMPrivateLinkage);

    LLVMTypeRef rt_params[] = {i32, ptr, ptr};
    LLVMTypeRef rt_t = LLVMFunctionType(i32, rt_params, 3, 0);
    LLVMValueRef rt_main = LLVMAddFunction(mod, "rt_aot_main", rt_t);
    LLVMTypeRef main_params[] = {i32, ptr};
    LLVMValueRef main_fn = LLVMAddFunction(mod, "main", LLVMFunctionType(i32, main_params, 2, 0));
    LLVMBuilderRef b = LLVMCreateBuilderInContext(ctx);
    LLVMPositionBuilderAtEnd(b, LLVMAppendBasicBlockInContext(ctx, main_fn, "entry"));
    LLVMValueRef args[] = {LLVMGetParam(main_fn, 0), LLVMGetParam(main_fn, 1), img};
    LLVMBuildRet(b, LLVMBuildCall2(b, rt_t, rt_main, args, 3, ""));
    LLVMDisposeBuilder(b);

    FvpError *err = NULL;
    char *msg = NULL;
    LLVMTargetRef target;
    if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
        err = fvp_error_new(FVP_ERR_INTERNAL, "target %s: %s", triple, msg ? msg : "?");
    } else {
        LLVMTargetMachineRef tm = LLVMCreateTargetMachine(
            target, triple, "", "", LLVMCodeGenLevelNone, LLVMRelocPIC, LLVMCodeModelDefault);
        LLVMDisposeMessage(msg);
        msg = NULL;
        if (LLVMTargetMachineEmitToFile(tm, mod, path, LLVMObjectFile, &msg))
            err = fvp_error_new(FVP_ERR_INTERNAL, "emitting the image object: %s",
                                msg ? msg : "?");
        LLVMDisposeTargetMachine(tm);
    }
    LLVMDisposeMessage(msg);
    LLVMDisposeMessage(triple);
    LLVMDisposeModule(mod);
    LLVMContextDispose(ctx);
    return err;
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

/* cc IMAGE OBJECTS LIBS -o TMP; TMP was created (empty) next to OUT. */
static FvpError *link_executable(const char *image, const TrAotObjects *objs, const char *tmp)
{
    static const char *const libs[] = {TR_AOT_LIBRARIES};
    static const char *const extra[] = {TR_AOT_LINK_FLAGS};
    size_t max = 8 + objs->npaths + FVP_ARRAY_LEN(libs) + FVP_ARRAY_LEN(extra);
    const char **argv = fvp_xcalloc(max, sizeof *argv);
    size_t k = 0;
    argv[k++] = "cc";
    argv[k++] = "-o";
    argv[k++] = tmp;
    argv[k++] = image;
    for (size_t i = 0; i < objs->npaths; i++)
        argv[k++] = objs->paths[i];
    for (size_t i = 0; i < FVP_ARRAY_LEN(libs); i++)
        argv[k++] = libs[i];
    for (size_t i = 0; i < FVP_ARRAY_LEN(extra); i++)
        argv[k++] = extra[i];
    argv[k] = NULL;
    fvp_assert(k < max);
    FvpError *err = fvp_error_wrap(run_tool((char *const *)argv), "linking");
    free(argv);
    return err;
}

static FvpError *translate(const TrAotOptions *o, TrAotStats *st, const char *tmp_out,
                           const char *workdir)
{
    uint64_t t0 = fvp_now_ns();
    RtOptions ro = {0};
    RtProcess *p = NULL;
    TrAotProgram prog = {0};
    TrAotObjects objs = {0};
    uint8_t *elf = NULL;
    size_t elf_size = 0;
    char image[4200];
    snprintf(image, sizeof image, "%s/image.o", workdir);
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
    st->discover_ns = fvp_now_ns() - t0;
    /* Code that reads instret needs counting code (the runtime would otherwise stop using
     * the translated code at the first read, rt_process_need_counts). */
    st->reads_instret = reads_instret(&prog);
    TrAotOptions opts = *o;
    opts.counts = st->counts = o->counts || st->reads_instret;
    if ((err = tr_aot_codegen(&prog, &opts, workdir, tmp_out, &objs, st)))
        goto out;
    uint64_t t1 = fvp_now_ns();
    if ((err = emit_image(&objs, elf, elf_size, opts.counts, image)))
        goto out;
    struct stat sb;
    if (stat(image, &sb) == 0)
        st->object_bytes += (uint64_t)sb.st_size;
    err = link_executable(image, &objs, tmp_out);
    st->link_ns = fvp_now_ns() - t1;
out:
    unlink(image);
    tr_aot_objects_free(&objs);
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
    st->full_pipeline = o->passes ? o->passes : tr_aot_full_pipeline(o->opt_level);
    if (o->passes && !o->opt_level)
        return fvp_error_new(FVP_ERR_USAGE, "--passes needs --opt=O1, O2 or O3 (O0 optimises "
                                            "nothing)");
    FvpError *err = o->passes ? tr_aot_check_passes(o->passes) : NULL;
    if (!err)
        err = check_libraries();
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
