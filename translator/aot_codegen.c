/* AOT code generation: guest functions -> LLVM functions -> object files, on worker threads. */
#include "translator/aot_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/ErrorHandling.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/aot_runtime.h"
#include "translator/translator.h"

/*
 *   functions, largest first --greedy by block count--> worker 0 .. worker jobs-1
 *   each worker (own LLVMContext and target machines):
 *     [switch block] + blocks --tr_lower_region(symbolic helpers)--> module
 *       --passes: full (function has a loop) | light (the rest)-->
 *       linked into the worker's full or light batch --batch big enough--> object file
 *   entries of every worker --sorted by pc, one per pc--> TrAotObjects.entries
 *
 * The switch block is a synthetic IR block (pc AOT_SWITCH_PC, no guest instructions) that
 * reads IRStateHeader.pc (the dispatcher stores the entry pc there) and branches to the
 * entry block with that pc. In fully optimised functions indirect jumps (returns, jump
 * tables) also go through it, so a return to a call site or a switch case in the same
 * function stays in the function; a pc it does not know leaves to the dispatcher.
 */

/* Never a guest block pc: odd, and RISC-V/AArch64 instructions are 2/4-aligned. */
#define AOT_SWITCH_PC UINT64_C(0xffffffffffffff01)

/* A batch is emitted as one object once it holds this many guest blocks. Measured on hello
 * (850 functions): linking functions into batches of 3000 blocks cost ~28 s of CPU in
 * LLVMLinkModules2, one object per function costs ~1 s more code generation, so each
 * function is its own object. */
enum { AOT_BATCH_BLOCKS = 1 };

/* Functions with loops up to this many blocks (by --opt level) get the full pipeline:
 * LLVM's time grows faster than linearly with function size (measured on hello:
 * default<O2> on every function with a loop, 540 of 850, took 190 s of passes and 210 s
 * of code generation; see docs/aot.md for the levels' costs). Functions without loops up
 * to this size get the light pipeline and the optimising code generator: FastISel's code
 * keeps every value in a stack slot (bigcode's 300 small leaf functions were almost twice
 * the size), and those functions are a small part of code generation time (docs/aot.md,
 * "Small functions without loops"). */
static const size_t aot_full_max_blocks[4] = {0, 40, 120, 120};

/* Functions with loops too big for the full pipeline and not split (only when --split is
 * above 120, see aot_split_blocks) still get the optimising code generator (after the
 * light pipeline) up to this many blocks: at -O0 every guest register
 * lives in a stack slot, and dfa's __vfprintf_internal (468 blocks) ran its loop 7x slower
 * (dfa 1.26 s against 0.18 s). Its code generation time grows about quadratically: on a
 * glibc-static program the 39 such functions of up to 500 blocks take about 110 s of CPU,
 * the 4 larger ones (up to 713) would add 80 s more. */
static const size_t aot_big_loop_max_blocks[4] = {0, 0, 500, 500};

/* Functions with loops of more blocks than this (by --opt level; or than --split) are
 * split into pieces of at most AOT_PIECE_BLOCKS blocks, in discovery (depth-first) order,
 * so a loop's blocks mostly stay together. Each piece is an LLVM function of its own with
 * the optimising code generator, and the full pipeline when it has a loop of its own; a
 * jump to another piece leaves through the dispatcher. Measured (docs/aot.md): splitting
 * above 500 blocks instead of FastISel code took aarch64 dfa from 13.6x to 2.0x native
 * (85% of its time was in __vfprintf_internal); splitting above 120 instead of 500 (no
 * more light-pipeline functions with loops) kept the run time of both ISAs' suites and cut
 * translation time by 40-50%. With --split above 120, functions with loops of up to
 * aot_big_loop_max_blocks still get the light pipeline and the optimising code generator. */
static const size_t aot_split_blocks[4] = {0, 0, 120, 120};
enum { AOT_PIECE_BLOCKS = 120 };

/* Light pipeline for functions without loops: guest registers to SSA, local clean-up. */
#define AOT_LIGHT_PIPELINE "function(sroa,early-cse,instcombine<no-verify-fixpoint>,simplifycfg)"

typedef struct AotBatch {
    LLVMModuleRef mod;
    size_t blocks;
} AotBatch;

typedef struct AotWorker {
    const TrAotProgram *prog;
    const TrAotOptions *opts;
    const char *workdir;
    unsigned index;
    const char *triple;
    size_t *funcs; /* indexes into prog->functions */
    size_t nfuncs;
    LLVMContextRef ctx;
    LLVMTargetMachineRef tm_full, tm_light;
    char *data_layout;
    AotBatch full, light;
    unsigned next_object;
    char **paths;
    size_t npaths, cappaths;
    TrAotEntry *entries;
    size_t nentries, capentries;
    TrAotStats st;
    FvpError *err;
} AotWorker;

void tr_aot_function_name(uint64_t entry, char *buf, size_t size)
{
    snprintf(buf, size, "fvp_aot_%" PRIx64, entry);
}

static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ---- Which pcs a function is entered at, whether it gets the full pipeline ------------ */

typedef struct FnShape {
    const TrAotFunction *f;
    U64Map index;   /* pc -> block index + 1 */
    U64Map entries; /* pcs the switch dispatches on */
    bool has_loop;
} FnShape;

static void shape_add_entry(FnShape *s, uint64_t pc)
{
    if (u64map_get(&s->index, pc))
        u64map_put(&s->entries, pc, (void *)1);
}

/* Entries: the function entry, weak entries (jump-table targets), blocks other functions
 * (or other pieces of a split function: `extra`, may be NULL) jump into, call and syscall
 * continuations, and targets of backward branches (loop headers, so a loop entered from
 * the interpreter continues compiled). Light functions are entered at every block. */
static void shape_init(FnShape *s, const TrAotProgram *prog, const TrAotFunction *f,
                       const U64Map *extra)
{
    s->f = f;
    s->has_loop = false;
    u64map_init(&s->index);
    u64map_init(&s->entries);
    for (size_t i = 0; i < f->nblocks; i++)
        u64map_put(&s->index, f->blocks[i]->pc, (void *)(uintptr_t)(i + 1));
    u64map_put(&s->entries, f->entry, (void *)1);
    for (size_t i = 0; i < f->nblocks; i++) {
        const IRBlock *b = f->blocks[i];
        if (u64map_get(&prog->func_entries, b->pc) || u64map_get(&prog->cross_entries, b->pc) ||
            (extra && u64map_get(extra, b->pc)))
            shape_add_entry(s, b->pc);
        for (size_t k = 0; k < b->count; k++) {
            const IRInsn *in = &b->insns[k];
            uint64_t target = 0;
            if (in->op == IR_EXIT_IF || (in->op == IR_GOTO && in->cond != IR_JUMP_CALL))
                target = in->imm;
            else if ((in->op == IR_GOTO || in->op == IR_GOTO_REG) && in->cond == IR_JUMP_CALL)
                shape_add_entry(s, in->imm2);
            else if (in->op == IR_SYSCALL || in->op == IR_SYNC_CODE)
                shape_add_entry(s, in->imm);
            if (target && target <= b->pc && u64map_get(&s->index, target)) {
                s->has_loop = true;
                shape_add_entry(s, target);
            }
        }
    }
}

static void shape_free(FnShape *s)
{
    u64map_free(&s->index);
    u64map_free(&s->entries);
}

/* shaped: the function is optimised (--opt above O0): only its entries are switch targets
 * (every entry edge costs a phi per guest register); else every block is. */
static bool shape_is_entry(const FnShape *s, bool shaped, uint64_t pc)
{
    return !shaped || u64map_get(&s->entries, pc);
}

/* ---- The region handed to the lowering ------------------------------------------------- */

/* exit_if (state pc == entry pc) -> entry, for every entry; then, for a shaped function,
 * an indirect exit to the dispatcher at that pc, else goto the function entry. */
static IRBlock *switch_block(const FnShape *s, bool shaped)
{
    const TrAotFunction *f = s->f;
    IRBlock *sw = ir_block_new(AOT_SWITCH_PC);
    uint32_t pc = ir_get(sw, IR_I64, offsetof(IRStateHeader, pc));
    for (size_t i = shaped ? 0 : 1; i < f->nblocks; i++) {
        if (!shape_is_entry(s, shaped, f->blocks[i]->pc))
            continue;
        uint32_t want = ir_const(sw, IR_I64, f->blocks[i]->pc);
        ir_exit_if(sw, ir_cmp(sw, IR_CC_EQ, pc, want), f->blocks[i]->pc);
    }
    if (shaped)
        ir_goto_reg(sw, pc, IR_JUMP_PLAIN, 0);
    else
        ir_goto(sw, f->blocks[0]->pc, IR_JUMP_PLAIN, 0);
    return sw;
}

/* A copy of b whose indirect jump goes through the switch block instead of leaving. */
static IRBlock *through_switch(const IRBlock *b)
{
    IRBlock *c = ir_block_clone(b);
    IRInsn last = c->insns[c->count - 1];
    c->count--;
    ir_put(c, offsetof(IRStateHeader, pc), last.args[0]);
    ir_goto(c, AOT_SWITCH_PC, IR_JUMP_PLAIN, 0);
    return c;
}

static bool ends_in_indirect_jump(const IRBlock *b)
{
    return b->count && b->insns[b->count - 1].op == IR_GOTO_REG;
}

/* The name of f's copy without the default-mode guard (TR_LOWER_FP_GUARD), which the
 * guarded function tail-calls while the guest runs another FP mode. */
static void any_mode_name(const TrAotFunction *f, char *buf, size_t size)
{
    char name[48];
    tr_aot_function_name(f->entry, name, sizeof name);
    snprintf(buf, size, "%s_fp_any", name);
}

/* Lowers f into a new module of w->ctx (NULL if the translator refused it): the function
 * proper, for the default FP mode where that applies, or (any_mode) its copy that tests the
 * mode per operation. */
static LLVMModuleRef lower_function(AotWorker *w, const FnShape *s, bool shaped, unsigned flags,
                                    bool any_mode)
{
    const TrAotFunction *f = s->f;
    size_t n = f->nblocks + 1;
    const IRBlock **region = fvp_xcalloc(n, sizeof *region);
    IRBlock **owned = fvp_xcalloc(n, sizeof *owned);
    owned[0] = switch_block(s, shaped);
    region[0] = owned[0];
    for (size_t i = 0; i < f->nblocks; i++) {
        const IRBlock *b = f->blocks[i];
        if (shaped && ends_in_indirect_jump(b))
            b = owned[i + 1] = through_switch(b);
        region[i + 1] = b;
    }
    char name[64], any[64];
    any_mode_name(f, any, sizeof any);
    if (any_mode)
        snprintf(name, sizeof name, "%s", any);
    else
        tr_aot_function_name(f->entry, name, sizeof name);
    TrLowerExtra extra = {.fp_guard_fallback = any};
    LLVMModuleRef mod = NULL;
    FvpError *err = tr_lower_region_ex(
        w->ctx, w->triple, w->data_layout, region, n, name,
        TR_LOWER_SYMBOLIC_HELPERS | TR_LOWER_USER_MODE | TR_LOWER_GOTO_REG_EXITS |
            (any_mode ? 0 : TR_LOWER_FP_GUARD) | (w->opts->counts ? 0 : TR_LOWER_NO_COUNTS) | flags,
        &extra, &mod);
    for (size_t i = 0; i < n; i++)
        ir_block_free(owned[i]);
    free(owned);
    free(region);
    if (err) {
        fvp_error_free(err);
        return NULL;
    }
    LLVMSetVisibility(LLVMGetNamedFunction(mod, name), LLVMHiddenVisibility);
    LLVMValueRef fallback = any_mode ? NULL : LLVMGetNamedFunction(mod, any);
    if (fallback) /* the guard applied: the copy is linked in beside it (gen_unit) */
        LLVMSetVisibility(fallback, LLVMHiddenVisibility);
    return mod;
}

/* ---- Batches and objects ------------------------------------------------------------- */

/* Writes all n bytes (retrying short writes and EINTR); 0, or the errno of the failure. */
static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : EIO;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Held while an object file is written, and for good by fatal_error, so no worker writes
 * into the work directory while (or after) LLVM's fatal error handler empties it. Nothing
 * under it calls LLVM, so a fatal error never comes from a thread that holds it. */
static pthread_mutex_t objects_lock = PTHREAD_MUTEX_INITIALIZER;

static FvpError *write_object(const char *path, LLVMMemoryBufferRef buf)
{
    const char *p = LLVMGetBufferStart(buf);
    size_t n = LLVMGetBufferSize(buf);
    FvpError *err = NULL;
    pthread_mutex_lock(&objects_lock);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        err = fvp_error_errno(errno, "writing %s", path);
    int werr = fd >= 0 ? write_all(fd, p, n) : 0;
    if (werr)
        err = fvp_error_errno(werr, "writing %s", path);
    if (fd >= 0 && close(fd) && !err)
        err = fvp_error_errno(errno, "writing %s", path);
    pthread_mutex_unlock(&objects_lock);
    return err;
}

static FvpError *emit_batch(AotWorker *w, AotBatch *batch, LLVMTargetMachineRef tm)
{
    if (!batch->mod)
        return NULL;
    char path[4200];
    snprintf(path, sizeof path, "%s/w%u_%u.o", w->workdir, w->index, w->next_object++);
    uint64_t t0 = thread_cpu_ns();
    char *msg = NULL;
    FvpError *err = NULL;
    LLVMMemoryBufferRef obj = NULL;
    if (LLVMTargetMachineEmitToMemoryBuffer(tm, batch->mod, LLVMObjectFile, &msg, &obj))
        err = fvp_error_new(FVP_ERR_INTERNAL, "emitting %s: %s", path, msg ? msg : "?");
    LLVMDisposeMessage(msg);
    w->st.codegen_ns += thread_cpu_ns() - t0;
    if (obj) {
        if (!err)
            err = write_object(path, obj);
        LLVMDisposeMemoryBuffer(obj);
    }
    LLVMDisposeModule(batch->mod);
    batch->mod = NULL;
    batch->blocks = 0;
    if (err)
        return err;
    struct stat sb;
    if (stat(path, &sb) == 0)
        w->st.object_bytes += (uint64_t)sb.st_size;
    FVP_GROW(w->paths, w->cappaths, w->npaths + 1);
    w->paths[w->npaths++] = fvp_xstrdup(path);
    return NULL;
}

static FvpError *batch_add(AotWorker *w, AotBatch *batch, LLVMTargetMachineRef tm,
                           LLVMModuleRef mod, size_t blocks)
{
    if (!batch->mod)
        batch->mod = mod;
    else if (LLVMLinkModules2(batch->mod, mod))
        return fvp_error_new(FVP_ERR_INTERNAL, "linking lowered functions into a batch");
    batch->blocks += blocks;
    return batch->blocks >= AOT_BATCH_BLOCKS ? emit_batch(w, batch, tm) : NULL;
}

static void record_entries(AotWorker *w, const FnShape *s, bool shaped)
{
    const TrAotFunction *f = s->f;
    for (size_t i = 0; i < f->nblocks; i++) {
        const IRBlock *b = f->blocks[i];
        if (!shape_is_entry(s, shaped, b->pc))
            continue;
        FVP_GROW(w->entries, w->capentries, w->nentries + 1);
        w->entries[w->nentries++] = (TrAotEntry){b->pc, rt_aot_hash_block(b), f->entry};
    }
}

static FvpError *run_passes(LLVMModuleRef mod, const char *pipeline, LLVMTargetMachineRef tm,
                            FvpErrorKind kind)
{
    LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
    LLVMErrorRef e = LLVMRunPasses(mod, pipeline, tm, po);
    LLVMDisposePassBuilderOptions(po);
    if (!e)
        return NULL;
    char *msg = LLVMGetErrorMessage(e);
    FvpError *err = fvp_error_new(kind, "running %s: %s", pipeline, msg);
    LLVMDisposeErrorMessage(msg);
    return err;
}

FvpError *tr_aot_check_passes(const char *passes)
{
    if (!*passes)
        return fvp_error_new(FVP_ERR_USAGE, "empty pass pipeline in --passes");
    LLVMContextRef ctx = LLVMContextCreate();
    LLVMModuleRef mod = LLVMModuleCreateWithNameInContext("fvp_check_passes", ctx);
    FvpError *err = run_passes(mod, passes, NULL, FVP_ERR_USAGE);
    LLVMDisposeModule(mod);
    LLVMContextDispose(ctx);
    return fvp_error_wrap(err, "--passes");
}

/* lower_function, then the pipeline. Guest accesses are named in the pc table (no cur_pc
 * stores); lowered again with the stores if optimisation lost an entry
 * (tr_pc_table_finish). *out is NULL when the translator refused the function (it stays
 * interpreted); an error when a pass failed. */
static FvpError *lower_optimised(AotWorker *w, const FnShape *s, bool shaped, bool full,
                                 const char *pipeline, bool any_mode, LLVMModuleRef *out)
{
    *out = NULL;
    for (unsigned flags = TR_LOWER_PC_TABLE;; flags = 0) {
        uint64_t t0 = thread_cpu_ns();
        LLVMModuleRef mod = lower_function(w, s, shaped, flags, any_mode);
        uint64_t t1 = thread_cpu_ns();
        w->st.lower_ns += t1 - t0;
        if (!mod)
            return NULL;
        /* A pass failure is the translator's (or --passes') fault, not the guest's: fatal,
         * rather than a function left to the interpreter without a word. */
        FvpError *err = pipeline[0] ? run_passes(mod, pipeline, full ? w->tm_full : w->tm_light,
                                                 FVP_ERR_INTERNAL)
                                    : NULL;
        w->st.optimise_ns += thread_cpu_ns() - t1;
        if (err) {
            LLVMDisposeModule(mod);
            return err;
        }
        if (!flags || !tr_pc_table_finish(mod)) {
            *out = mod;
            return NULL;
        }
        w->st.pc_table_fallbacks++;
        LLVMDisposeModule(mod);
    }
}

const char *tr_aot_full_pipeline(int opt_level)
{
    static const char *const full_pipelines[] = {"", TR_JIT_DEFAULT_PIPELINE,
                                                 TR_JIT_DEFAULT_PIPELINE, "default<O3>"};
    return opt_level >= 0 && opt_level <= 3 ? full_pipelines[opt_level] : "";
}

/* Lowers, optimises and batches one LLVM function: a guest function, or a piece of one
 * (extra: the pcs entered from other pieces, see gen_pieces; NULL for a whole function).
 * A function whose FP ops read the FP mode comes twice: for the default mode, and a copy
 * for any mode that the first tail-calls under another (docs/aot.md, "FP modes"). */
static FvpError *gen_unit(AotWorker *w, const TrAotFunction *f, const U64Map *extra)
{
    int opt = w->opts->opt_level;
    const char *full_pipeline = w->opts->passes ? w->opts->passes : tr_aot_full_pipeline(opt);
    FnShape s;
    shape_init(&s, w->prog, f, extra);
    bool full = s.has_loop && f->nblocks <= aot_full_max_blocks[opt], shaped = opt > 0;
    const char *pipeline = full ? full_pipeline : shaped ? AOT_LIGHT_PIPELINE : "";
    LLVMModuleRef mod = NULL, any = NULL;
    FvpError *err = lower_optimised(w, &s, shaped, full, pipeline, false, &mod);
    char any_name[64];
    any_mode_name(f, any_name, sizeof any_name);
    if (!err && mod && LLVMGetNamedFunction(mod, any_name)) {
        err = lower_optimised(w, &s, shaped, full, pipeline, true, &any);
        if (err || !any) {
            LLVMDisposeModule(mod);
            mod = NULL;
        }
    }
    if (err) {
        shape_free(&s);
        return fvp_error_wrap(err, "optimising the function at 0x%" PRIx64, f->entry);
    }
    if (!mod) { /* keep going without this function: its blocks stay interpreted */
        w->st.functions_failed++;
        shape_free(&s);
        return NULL;
    }
    w->st.functions_fp_any += any != NULL;
    w->st.functions++;
    w->st.functions_full += full;
    record_entries(w, &s, shaped);
    bool has_loop = s.has_loop;
    shape_free(&s);
    /* Pieces of a split function: part of a loop that crosses pieces, if not their own. */
    bool optimised_code = f->nblocks <= aot_full_max_blocks[opt] ||
                          (has_loop && f->nblocks <= aot_big_loop_max_blocks[opt]) || extra;
    AotBatch *batch = optimised_code ? &w->full : &w->light;
    LLVMTargetMachineRef tm = optimised_code ? w->tm_full : w->tm_light;
    err = batch_add(w, batch, tm, mod, f->nblocks);
    if (any && !err)
        err = batch_add(w, batch, tm, any, f->nblocks);
    else if (any)
        LLVMDisposeModule(any);
    return err;
}

/* Whether f has a backward branch to one of its own blocks (a loop). */
static bool has_loop(const TrAotProgram *prog, const TrAotFunction *f)
{
    FnShape s;
    shape_init(&s, prog, f, NULL);
    bool loop = s.has_loop;
    shape_free(&s);
    return loop;
}

/* Splits f into pieces of `size` blocks (see AOT_PIECE_BLOCKS). The piece holding the
 * function entry keeps its name; the others are named after their first block. A block
 * that a constant jump of another piece reaches is an entry of its piece, and so is every
 * call and syscall continuation (shape_init only sees those of calls in the same piece). */
static FvpError *gen_pieces(AotWorker *w, const TrAotFunction *f, size_t size)
{
    U64Map piece_of, extra; /* pc -> piece + 1; pcs entered from other pieces */
    u64map_init(&piece_of);
    u64map_init(&extra);
    for (size_t i = 0; i < f->nblocks; i++)
        u64map_put(&piece_of, f->blocks[i]->pc, (void *)(uintptr_t)(i / size + 1));
    for (size_t i = 0; i < f->nblocks; i++) {
        const IRBlock *b = f->blocks[i];
        for (size_t k = 0; k < b->count; k++) {
            const IRInsn *in = &b->insns[k];
            if ((in->op == IR_GOTO || in->op == IR_GOTO_REG) && in->cond == IR_JUMP_CALL)
                u64map_put(&extra, in->imm2, (void *)1);
            else if (in->op == IR_SYSCALL || in->op == IR_SYNC_CODE)
                u64map_put(&extra, in->imm, (void *)1);
            if (in->op != IR_EXIT_IF && in->op != IR_GOTO)
                continue;
            uintptr_t to = (uintptr_t)u64map_get(&piece_of, in->imm);
            if (to && to != i / size + 1)
                u64map_put(&extra, in->imm, (void *)1);
        }
    }
    FvpError *err = NULL;
    for (size_t start = 0; start < f->nblocks && !err; start += size) {
        TrAotFunction piece = {.entry = start ? f->blocks[start]->pc : f->entry,
                               .blocks = f->blocks + start,
                               .nblocks = FVP_MIN(size, f->nblocks - start)};
        err = gen_unit(w, &piece, &extra);
    }
    w->st.functions_split++;
    u64map_free(&piece_of);
    u64map_free(&extra);
    return err;
}

static FvpError *gen_function(AotWorker *w, const TrAotFunction *f)
{
    int opt = w->opts->opt_level;
    size_t split = w->opts->split_blocks ? w->opts->split_blocks : aot_split_blocks[opt];
    if (opt > 0 && split && f->nblocks > split && has_loop(w->prog, f))
        return gen_pieces(w, f, FVP_MIN(split, (size_t)AOT_PIECE_BLOCKS));
    return gen_unit(w, f, NULL);
}

static LLVMTargetMachineRef target_machine(const char *triple, LLVMCodeGenOptLevel level)
{
    LLVMTargetRef target;
    char *msg = NULL;
    if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
        LLVMDisposeMessage(msg);
        return NULL;
    }
    /* The executable runs on the machine that translated it (as JIT code would). */
    char *cpu = LLVMGetHostCPUName(), *features = LLVMGetHostCPUFeatures();
    LLVMTargetMachineRef tm = LLVMCreateTargetMachine(target, triple, cpu, features, level,
                                                      LLVMRelocPIC, LLVMCodeModelDefault);
    LLVMDisposeMessage(cpu);
    LLVMDisposeMessage(features);
    return tm;
}

static void *worker_main(void *arg)
{
    AotWorker *w = arg;
    static const LLVMCodeGenOptLevel levels[] = {LLVMCodeGenLevelNone, LLVMCodeGenLevelLess,
                                                 LLVMCodeGenLevelDefault,
                                                 LLVMCodeGenLevelAggressive};
    w->ctx = LLVMContextCreate();
    w->tm_full = target_machine(w->triple, levels[w->opts->opt_level]);
    w->tm_light = target_machine(w->triple, LLVMCodeGenLevelNone);
    if (!w->tm_full || !w->tm_light) {
        w->err = fvp_error_new(FVP_ERR_INTERNAL, "no LLVM target machine for %s", w->triple);
        return NULL;
    }
    LLVMTargetDataRef td = LLVMCreateTargetDataLayout(w->tm_full);
    w->data_layout = LLVMCopyStringRepOfTargetData(td);
    LLVMDisposeTargetData(td);
    for (size_t i = 0; i < w->nfuncs && !w->err; i++)
        w->err = gen_function(w, &w->prog->functions[w->funcs[i]]);
    if (!w->err)
        w->err = emit_batch(w, &w->full, w->tm_full);
    if (!w->err)
        w->err = emit_batch(w, &w->light, w->tm_light);
    return NULL;
}

static void worker_free(AotWorker *w)
{
    if (w->full.mod)
        LLVMDisposeModule(w->full.mod);
    if (w->light.mod)
        LLVMDisposeModule(w->light.mod);
    if (w->tm_full)
        LLVMDisposeTargetMachine(w->tm_full);
    if (w->tm_light)
        LLVMDisposeTargetMachine(w->tm_light);
    if (w->ctx)
        LLVMContextDispose(w->ctx);
    LLVMDisposeMessage(w->data_layout);
    free(w->funcs);
    for (size_t i = 0; i < w->npaths; i++) { /* objects not handed over (failure) */
        unlink(w->paths[i]);
        free(w->paths[i]);
    }
    free(w->paths);
    free(w->entries);
    fvp_error_free(w->err);
}

/* ---- Splitting the work, merging the results ----------------------------------------- */

static int by_size_desc(const void *a, const void *b, void *ctx)
{
    const TrAotProgram *prog = ctx;
    size_t x = prog->functions[*(const size_t *)a].nblocks;
    size_t y = prog->functions[*(const size_t *)b].nblocks;
    if (x != y)
        return x < y ? 1 : -1;
    return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

static void assign_work(const TrAotProgram *prog, AotWorker *ws, unsigned jobs)
{
    size_t *order = fvp_xcalloc(prog->nfunctions ? prog->nfunctions : 1, sizeof *order);
    for (size_t i = 0; i < prog->nfunctions; i++)
        order[i] = i;
    qsort_r(order, prog->nfunctions, sizeof *order, by_size_desc, (void *)prog);
    size_t *load = fvp_xcalloc(jobs, sizeof *load);
    for (unsigned k = 0; k < jobs; k++)
        ws[k].funcs = fvp_xcalloc(prog->nfunctions ? prog->nfunctions : 1, sizeof(size_t));
    for (size_t i = 0; i < prog->nfunctions; i++) {
        unsigned best = 0;
        for (unsigned k = 1; k < jobs; k++)
            if (load[k] < load[best])
                best = k;
        ws[best].funcs[ws[best].nfuncs++] = order[i];
        load[best] += prog->functions[order[i]].nblocks + 8; /* + fixed cost per function */
    }
    free(load);
    free(order);
}

/* By pc; for one pc, the function that starts there, else the lowest function entry. */
static int entry_cmp(const void *a, const void *b)
{
    const TrAotEntry *x = a, *y = b;
    if (x->pc != y->pc)
        return (x->pc > y->pc) - (x->pc < y->pc);
    bool xs = x->fn_entry == x->pc, ys = y->fn_entry == y->pc;
    if (xs != ys)
        return xs ? -1 : 1;
    return (x->fn_entry > y->fn_entry) - (x->fn_entry < y->fn_entry);
}

static void merge_results(AotWorker *ws, unsigned jobs, TrAotObjects *out, TrAotStats *st)
{
    size_t n = 0, cap_paths = 0;
    for (unsigned k = 0; k < jobs; k++)
        n += ws[k].nentries;
    out->entries = fvp_xcalloc(n ? n : 1, sizeof *out->entries);
    for (unsigned k = 0; k < jobs; k++) {
        AotWorker *w = &ws[k];
        memcpy(out->entries + out->nentries, w->entries, w->nentries * sizeof *w->entries);
        out->nentries += w->nentries;
        for (size_t i = 0; i < w->npaths; i++) {
            FVP_GROW(out->paths, cap_paths, out->npaths + 1);
            out->paths[out->npaths++] = w->paths[i];
        }
        w->npaths = 0;
        st->functions += w->st.functions;
        st->functions_failed += w->st.functions_failed;
        st->functions_full += w->st.functions_full;
        st->functions_split += w->st.functions_split;
        st->pc_table_fallbacks += w->st.pc_table_fallbacks;
        st->functions_fp_any += w->st.functions_fp_any;
        st->lower_ns += w->st.lower_ns;
        st->optimise_ns += w->st.optimise_ns;
        st->codegen_ns += w->st.codegen_ns;
        st->object_bytes += w->st.object_bytes;
    }
    qsort(out->entries, out->nentries, sizeof *out->entries, entry_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < out->nentries; i++)
        if (!kept || out->entries[kept - 1].pc != out->entries[i].pc)
            out->entries[kept++] = out->entries[i];
    out->nentries = kept;
    st->entries = kept;
    st->objects = out->npaths;
}

/* ---- LLVM's stderr while the workers run ---------------------------------------------- */

/* LLVM 19's instruction selector prints this to stderr when it gives up copying a guest
 * access's !pcsections to every node that replaces the access's node (a bounded search);
 * the replacing node keeps it (docs/translator.md, "Which guest instruction faulted").
 * While the workers run, stderr goes through a pipe: these lines are counted
 * (TrAotStats.llvm_pcsections_warnings), everything else passes on as it arrives. An LLVM
 * fatal error exits the process at once, before the reader could pass its message on, so
 * a fatal error handler writes that message to the real stderr itself. */
static const char pcsections_warning[] =
    "warning: incomplete propagation of SelectionDAG::NodeExtraInfo\n";

/* The real stderr while a filter runs, and what to remove when LLVM gives up, for
 * fatal_error (LLVM's handler takes no context: the mutable globals here, set and cleared
 * on the thread that starts the workers). */
static int fatal_error_fd = -1;
static const char *fatal_partial_output, *fatal_workdir;

/* Removes workdir's files and workdir itself (best effort). */
static void remove_workdir(const char *workdir)
{
    DIR *d = opendir(workdir);
    if (d) {
        struct dirent *ent;
        char path[4096];
        while ((ent = readdir(d)))
            if (strcmp(ent->d_name, ".") && strcmp(ent->d_name, "..")) {
                snprintf(path, sizeof path, "%s/%s", workdir, ent->d_name);
                unlink(path);
            }
        closedir(d);
    }
    rmdir(workdir);
}

/* LLVM exits (status 1) when this returns: say why, and leave no half-written executable
 * or objects behind (a --passes pipeline whose pass aborts gets here, for one). */
static void fatal_error(const char *reason)
{
    static const char prefix[] = "fvp: aot: LLVM error: ";
    int fd = fatal_error_fd >= 0 ? fatal_error_fd : STDERR_FILENO;
    write_all(fd, prefix, sizeof prefix - 1);
    write_all(fd, reason, strlen(reason));
    write_all(fd, "\n", 1);
    pthread_mutex_lock(&objects_lock); /* never released: LLVM exits after this */
    if (fatal_partial_output)
        unlink(fatal_partial_output);
    if (fatal_workdir)
        remove_workdir(fatal_workdir);
}

typedef struct StderrFilter {
    int saved;   /* the real stderr; -1: not filtering */
    int reader;  /* the pipe's read end */
    pthread_t thread;
    uint64_t dropped;
} StderrFilter;

static void *stderr_filter_main(void *arg)
{
    StderrFilter *f = arg;
    char line[4096];
    size_t len = 0;
    for (;;) {
        ssize_t got = read(f->reader, line + len, sizeof line - len);
        if (got <= 0)
            break;
        len += (size_t)got;
        size_t start = 0;
        for (size_t k = 0; k < len; k++) {
            if (line[k] != '\n')
                continue;
            size_t n = k + 1 - start;
            if (n == sizeof pcsections_warning - 1 && !memcmp(line + start, pcsections_warning, n))
                f->dropped++;
            else
                write_all(f->saved, line + start, n);
            start = k + 1;
        }
        memmove(line, line + start, len - start);
        len -= start;
        if (len == sizeof line) { /* a very long line: pass it on in pieces */
            write_all(f->saved, line, len);
            len = 0;
        }
    }
    write_all(f->saved, line, len);
    return NULL;
}

/* Points stderr at a filtering pipe (nothing happens if that fails). */
static void stderr_filter_begin(StderrFilter *f)
{
    *f = (StderrFilter){.saved = -1, .reader = -1};
    int p[2];
    fflush(stderr);
    if (pipe(p))
        return;
    int saved = dup(STDERR_FILENO);
    if (saved >= 0 && dup2(p[1], STDERR_FILENO) >= 0) {
        f->saved = saved;
        f->reader = p[0];
        close(p[1]);
        if (pthread_create(&f->thread, NULL, stderr_filter_main, f) == 0) {
            fatal_error_fd = saved;
            LLVMInstallFatalErrorHandler(fatal_error);
            return;
        }
        dup2(saved, STDERR_FILENO);
    }
    if (saved >= 0)
        close(saved);
    close(p[0]);
    close(p[1]);
    *f = (StderrFilter){.saved = -1, .reader = -1};
}

/* Restores stderr once everything written so far has been passed on. */
static void stderr_filter_end(StderrFilter *f)
{
    if (f->saved < 0)
        return;
    LLVMResetFatalErrorHandler();
    fatal_error_fd = -1;
    fflush(stderr);
    dup2(f->saved, STDERR_FILENO); /* closes the pipe's last write end: the reader ends */
    pthread_join(f->thread, NULL);
    close(f->saved);
    close(f->reader);
}

FvpError *tr_aot_codegen(const TrAotProgram *prog, const TrAotOptions *o, const char *workdir,
                         const char *partial_output, TrAotObjects *out, TrAotStats *st)
{
    memset(out, 0, sizeof *out);
    fatal_partial_output = partial_output;
    fatal_workdir = workdir;
    unsigned jobs = o->jobs > 0 ? (unsigned)o->jobs : 0;
    if (!jobs) {
        long cpus = sysconf(_SC_NPROCESSORS_ONLN);
        jobs = cpus < 1 ? 1 : cpus > 8 ? 8 : (unsigned)cpus;
    }
    st->jobs = jobs;
    tr_llvm_setup();
    char *triple = LLVMGetDefaultTargetTriple();
    AotWorker *ws = fvp_xcalloc(jobs, sizeof *ws);
    assign_work(prog, ws, jobs);
    pthread_t *threads = fvp_xcalloc(jobs, sizeof *threads);
    bool *started = fvp_xcalloc(jobs, sizeof *started);
    uint64_t t0 = fvp_now_ns();
    FvpError *err = NULL;
    StderrFilter filter;
    stderr_filter_begin(&filter);
    for (unsigned k = 0; k < jobs; k++) {
        ws[k] = (AotWorker){.prog = prog, .opts = o, .workdir = workdir, .index = k,
                            .triple = triple, .funcs = ws[k].funcs, .nfuncs = ws[k].nfuncs};
        int r = k + 1 < jobs ? pthread_create(&threads[k], NULL, worker_main, &ws[k]) : 0;
        started[k] = k + 1 < jobs && r == 0;
        if (r) {
            err = fvp_error_errno(r, "starting an AOT worker thread");
            break;
        }
    }
    if (!err)
        worker_main(&ws[jobs - 1]); /* the last share runs on this thread */
    for (unsigned k = 0; k < jobs; k++)
        if (started[k])
            pthread_join(threads[k], NULL);
    stderr_filter_end(&filter);
    fatal_partial_output = fatal_workdir = NULL;
    st->llvm_pcsections_warnings += filter.dropped;
    st->generate_ns = fvp_now_ns() - t0;
    for (unsigned k = 0; k < jobs && !err; k++)
        if (ws[k].err) {
            err = ws[k].err;
            ws[k].err = NULL;
        }
    if (!err)
        merge_results(ws, jobs, out, st);
    for (unsigned k = 0; k < jobs; k++)
        worker_free(&ws[k]);
    free(ws);
    free(threads);
    free(started);
    LLVMDisposeMessage(triple);
    if (err)
        tr_aot_objects_free(out);
    return err;
}

void tr_aot_objects_free(TrAotObjects *objs)
{
    for (size_t i = 0; i < objs->npaths; i++) {
        unlink(objs->paths[i]);
        free(objs->paths[i]);
    }
    free(objs->paths);
    free(objs->entries);
    memset(objs, 0, sizeof *objs);
}
