/* fvp ir: print, verify and run text IR files (.ir cases) in the interpreter. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common/common.h"
#include "ir/ir.h"
#include "ir/ir_case.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"
#include "runtime/runtime_internal.h"
#include "tools/fvp/commands.h"
#include "translator/translator.h"

_Static_assert((int)IR_CASE_EXIT_JUMP == (int)RT_EXIT_JUMP &&
                   (int)IR_CASE_EXIT_SYSCALL == (int)RT_EXIT_SYSCALL &&
                   (int)IR_CASE_EXIT_TRAP == (int)RT_EXIT_TRAP &&
                   (int)IR_CASE_EXIT_FAULT == (int)RT_EXIT_FAULT &&
                   (int)IR_CASE_EXIT_SYNC_CODE == (int)RT_EXIT_SYNC_CODE,
               "IRCaseExitKind mirrors RtExitKind");

/* Guest memory, state and the compiled or pre-decoded blocks of one run. */
typedef struct IrRun {
    void *state;
    uint8_t *mem;
    size_t nblocks;
    InterpCode **codes; /* interpreter engines: one per block */
    TrJit *jit;         /* JIT engines */
    RtCompiledFn *fns;  /* one per block: the region entered at that block */
} IrRun;

/*
 * How a case's blocks are executed. Every engine runs block i when the case's runner asks
 * for it and reports the exit exactly as the interpreter does:
 *   interp         computed-goto interpreter, one block at a time
 *   interp-switch  the interpreter's switch loop (cross-check of the dispatch)
 *   jit            each block compiled alone by the LLVM JIT
 *   jit-region     for each block, one region entered there that holds every block of the
 *                  file, so jumps between them stay inside compiled code
 *   baseline, baseline-region
 *                  the same through the baseline compiler (no LLVM) where it supports the
 *                  block's ops, LLVM otherwise (TR_BASELINE_ONLY)
 */
typedef struct IrEngine {
    const char *name;
    FvpError *(*prepare)(IrRun *r, const IRCase *c);
    void (*run)(IrRun *r, size_t block, RtCpu *cpu, RtExit *exit);
} IrEngine;

static FvpError *prepare_interp(IrRun *r, const IRCase *c)
{
    r->codes = fvp_xcalloc(c->blocks.count, sizeof(*r->codes));
    for (; r->nblocks < c->blocks.count; r->nblocks++) {
        const IRBlock *b = c->blocks.blocks[r->nblocks];
        FvpError *err = interp_prepare(b, &r->codes[r->nblocks]);
        if (err)
            return fvp_error_wrap(err, "preparing block 0x%" PRIx64, b->pc);
    }
    return NULL;
}

static void run_interp(IrRun *r, size_t block, RtCpu *cpu, RtExit *exit)
{
    interp_run(cpu, r->codes[block], exit);
}

static void run_interp_switch(IrRun *r, size_t block, RtCpu *cpu, RtExit *exit)
{
    interp_run_switch(cpu, r->codes[block], exit);
}

static FvpError *prepare_jit_common(IrRun *r, const IRCase *c, bool whole_file,
                                    TrBaselineUse baseline)
{
    /* A fault exit keeps the state written before it (docs/ir.md) only with precise faults:
     * fvp run's default drops the guest registers there (the guest dies of it), so the cases
     * that expect a fault compile precisely. */
    bool fault = c->has_expect_exit && c->expect_exit.exit.kind == IR_CASE_EXIT_FAULT;
    TrJitOptions opts = {.user_mode = true, .precise_faults = fault, .baseline = baseline};
    FvpError *err = tr_jit_create(&opts, &r->jit);
    if (err)
        return err;
    size_t n = c->blocks.count;
    r->fns = fvp_xcalloc(n, sizeof(*r->fns));
    const IRBlock **order = fvp_xcalloc(n, sizeof(*order));
    for (size_t i = 0; i < n && !err; i++) {
        /* The entry block first, then (for a region) every other block of the file. */
        order[0] = c->blocks.blocks[i];
        size_t k = 1;
        for (size_t j = 0; whole_file && j < n; j++)
            if (j != i)
                order[k++] = c->blocks.blocks[j];
        err = tr_jit_compile(r->jit, order, k, &r->fns[i], NULL);
        if (err)
            err = fvp_error_wrap(err, "compiling block 0x%" PRIx64, c->blocks.blocks[i]->pc);
    }
    free(order);
    return err;
}

static FvpError *prepare_jit(IrRun *r, const IRCase *c)
{
    return prepare_jit_common(r, c, false, TR_BASELINE_OFF);
}

static FvpError *prepare_jit_region(IrRun *r, const IRCase *c)
{
    return prepare_jit_common(r, c, true, TR_BASELINE_OFF);
}

static FvpError *prepare_baseline(IrRun *r, const IRCase *c)
{
    return prepare_jit_common(r, c, false, TR_BASELINE_ONLY);
}

static FvpError *prepare_baseline_region(IrRun *r, const IRCase *c)
{
    return prepare_jit_common(r, c, true, TR_BASELINE_ONLY);
}

static void run_compiled(IrRun *r, size_t block, RtCpu *cpu, RtExit *exit)
{
    rt_compiled_run(r->fns[block], cpu, exit);
}

static const IrEngine engines[] = {
    {"interp", prepare_interp, run_interp},
    {"interp-switch", prepare_interp, run_interp_switch},
    {"jit", prepare_jit, run_compiled},
    {"jit-region", prepare_jit_region, run_compiled},
    {"baseline", prepare_baseline, run_compiled},
    {"baseline-region", prepare_baseline_region, run_compiled},
};

static void usage(FILE *f)
{
    fprintf(f,
            "usage: fvp ir print FILE.ir...      parse, verify and print the blocks\n"
            "       fvp ir verify FILE.ir...     parse and verify\n"
            "       fvp ir run [--engine=interp|interp-switch|jit|jit-region|baseline|\n"
            "                  baseline-region] [--cross-check] [-v]\n"
            "                  FILE.ir...        run each case and check its '; expect' lines\n"
            "                                    (docs/ir.md, \"Case files\"); --cross-check also\n"
            "                                    runs every other engine and compares the whole\n"
            "                                    exit, state and guest memory\n"
            "exit status: 0 all good, 1 an expectation failed, %d bad usage or input\n",
            FVP_EXIT_TOOL_ERROR);
}

/* Loads and verifies a case; prints the error and returns NULL on failure. */
static IRCase *load_verified(const char *path)
{
    IRCase *c = NULL;
    FvpError *err = ir_case_load(path, &c);
    if (!err)
        err = ir_case_verify(c);
    if (err) {
        fvp_error_print(err, "fvp ir", stderr);
        fvp_error_free(err);
        ir_case_free(c);
        return NULL;
    }
    return c;
}

static void ir_run_free(IrRun *r)
{
    for (size_t i = 0; r->codes && i < r->nblocks; i++)
        interp_code_free(r->codes[i]);
    free(r->codes);
    tr_jit_destroy(r->jit);
    free(r->fns);
    if (r->mem && r->mem != MAP_FAILED)
        munmap(r->mem, IR_CASE_MEM_SIZE + RT_MEM_GUARD);
    free(r->state);
}

static FvpError *ir_run_setup(IrRun *r, const IRCase *c, const IrEngine *engine)
{
    *r = (IrRun){0};
    r->state = aligned_alloc(64, IR_CASE_STATE_SIZE);
    if (!r->state)
        return fvp_error_new(FVP_ERR_NOMEM, "allocating the guest state");
    memset(r->state, 0, IR_CASE_STATE_SIZE);
    /* The window and, as in fvp run (runtime/cpu.h), a guard page after it that compiled
     * code may touch: a fault there is a guest fault (run_block). */
    r->mem = mmap(NULL, IR_CASE_MEM_SIZE + RT_MEM_GUARD, PROT_READ | PROT_WRITE,
                  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (r->mem == MAP_FAILED)
        return fvp_error_errno(errno, "mapping %d bytes of guest memory", IR_CASE_MEM_SIZE);
    if (mprotect(r->mem + IR_CASE_MEM_SIZE, RT_MEM_GUARD, PROT_NONE))
        return fvp_error_errno(errno, "protecting the guard page after guest memory");
    FvpError *err = ir_case_init(c, r->state, IR_CASE_STATE_SIZE, r->mem, IR_CASE_MEM_SIZE);
    if (err)
        return err;
    return engine->prepare(r, c);
}

static IRCaseExit case_exit(const RtExit *e)
{
    return (IRCaseExit){.kind = e->kind,
                        .trap_kind = e->trap_kind,
                        .jump_kind = e->jump_kind,
                        .is_write = e->is_write,
                        .next_pc = e->next_pc,
                        .fault_addr = e->fault_addr,
                        .pc = e->pc,
                        .detail = e->detail};
}

/* Runs one block; a host fault on the guard page after guest memory (compiled code tests
 * only an access's base register, runtime/cpu.h) becomes the guest fault it is in fvp run:
 * RT_EXIT_FAULT at cpu->cur_pc. */
static void run_block(IrRun *r, const IrEngine *engine, size_t idx, RtCpu *cpu, RtExit *exit)
{
    if (sigsetjmp(cpu->fault_jmp, 1) == 0) {
        cpu->fault_armed = 1;
        engine->run(r, idx, cpu, exit);
        cpu->fault_armed = 0;
        return;
    }
    RtFaultInfo f = rt_signals_last_fault();
    ((IRStateHeader *)cpu->state)->pc = cpu->cur_pc; /* as every engine's exit leaves it */
    *exit = (RtExit){.kind = RT_EXIT_FAULT,
                     .is_write = f.is_write,
                     .next_pc = cpu->cur_pc,
                     .fault_addr = f.guest_addr,
                     .pc = cpu->cur_pc};
}

/* Runs the case from a fresh state with engine: the first block, then every block of the
 * file an exit jumps to, up to max_blocks. On success *r holds the final state and memory
 * (the caller frees it with ir_run_free, also on failure). */
static FvpError *execute(const IRCase *c, const IrEngine *engine, bool verbose, IrRun *r,
                         RtExit *exit, uint32_t *steps)
{
    FvpError *err = ir_run_setup(r, c, engine);
    if (err)
        return err;
    err = rt_signals_install();
    if (err)
        return err;
    RtCpu *cpu = fvp_xcalloc(1, sizeof(*cpu));
    cpu->state = r->state;
    cpu->mem_base = r->mem;
    cpu->mem_limit = IR_CASE_MEM_SIZE;
    rt_signals_set_cpu(cpu);
    *exit = (RtExit){0};
    *steps = 0;
    for (long idx = 0;;) {
        cpu->cur_pc = c->blocks.blocks[idx]->pc;
        run_block(r, engine, (size_t)idx, cpu, exit);
        ++*steps;
        if (verbose) {
            IRCaseExit x = case_exit(exit);
            printf("%s: %s: block 0x%" PRIx64 " -> ", c->source, engine->name,
                   c->blocks.blocks[idx]->pc);
            ir_case_print_exit(stdout, &x);
            putchar('\n');
        }
        if (exit->kind != RT_EXIT_JUMP || *steps >= c->max_blocks)
            break;
        idx = ir_case_find_block(c, exit->next_pc);
        if (idx < 0)
            break;
    }
    rt_signals_set_cpu(NULL);
    rt_signals_uninstall();
    free(cpu);
    return NULL;
}

/* The fields of an exit that mean something for its kind are equal. */
static bool exits_equal(const RtExit *a, const RtExit *b)
{
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case RT_EXIT_JUMP:
        return a->next_pc == b->next_pc && a->jump_kind == b->jump_kind;
    case RT_EXIT_TRAP:
        return a->trap_kind == b->trap_kind && a->pc == b->pc && a->detail == b->detail;
    case RT_EXIT_FAULT:
        return a->fault_addr == b->fault_addr && a->pc == b->pc && a->is_write == b->is_write;
    default:
        return a->next_pc == b->next_pc;
    }
}

/* Prints up to 4 differing 8-byte words of two buffers; returns whether any differ. */
static bool report_words(const char *path, const char *what, const uint8_t *a, const uint8_t *b,
                         size_t size, const char *name_a, const char *name_b)
{
    unsigned shown = 0;
    for (size_t off = 0; off < size; off += 8) {
        if (!memcmp(a + off, b + off, 8))
            continue;
        if (shown++ == 4) {
            printf("%s: ... more %s differences\n", path, what);
            break;
        }
        uint64_t x, y;
        memcpy(&x, a + off, 8);
        memcpy(&y, b + off, 8);
        printf("%s: %s 0x%zx: %s has 0x%016" PRIx64 ", %s has 0x%016" PRIx64 "\n", path, what, off,
               name_a, x, name_b, y);
    }
    return shown;
}

/* Runs the case with every other engine and compares the whole result with r's: exit,
 * every byte of state and guest memory. Returns the number of engines that differ. */
static unsigned cross_check(const IRCase *c, const IrEngine *engine, const IrRun *r,
                            const RtExit *exit, bool verbose, int *status)
{
    unsigned bad = 0;
    for (size_t i = 0; i < FVP_ARRAY_LEN(engines); i++) {
        const IrEngine *other = &engines[i];
        if (other == engine)
            continue;
        IrRun o;
        RtExit oexit;
        uint32_t steps;
        FvpError *err = execute(c, other, verbose, &o, &oexit, &steps);
        if (err) {
            err = fvp_error_wrap(err, "%s: engine %s", c->source, other->name);
            fvp_error_print(err, "fvp ir", stderr);
            fvp_error_free(err);
            *status = FVP_EXIT_TOOL_ERROR;
            ir_run_free(&o);
            continue;
        }
        bool differ = false;
        if (!exits_equal(exit, &oexit)) {
            IRCaseExit x = case_exit(exit), y = case_exit(&oexit);
            printf("%s: exit: %s has ", c->source, engine->name);
            ir_case_print_exit(stdout, &x);
            printf(", %s has ", other->name);
            ir_case_print_exit(stdout, &y);
            putchar('\n');
            differ = true;
        }
        differ |= report_words(c->source, "state", r->state, o.state, IR_CASE_STATE_SIZE,
                               engine->name, other->name);
        differ |= report_words(c->source, "mem", r->mem, o.mem, IR_CASE_MEM_SIZE, engine->name,
                               other->name);
        bad += differ;
        ir_run_free(&o);
    }
    return bad;
}

/* Runs one case: 0 when every expectation holds (and, with cross, every engine agrees),
 * 1 on a mismatch, 125 on a tool error. */
static int run_case(const char *path, const IrEngine *engine, bool verbose, bool cross)
{
    IRCase *c = load_verified(path);
    if (!c)
        return FVP_EXIT_TOOL_ERROR;
    IrRun r;
    RtExit exit;
    uint32_t steps;
    FvpError *err = execute(c, engine, verbose, &r, &exit, &steps);
    if (err) {
        err = fvp_error_wrap(err, "%s", path);
        fvp_error_print(err, "fvp ir", stderr);
        fvp_error_free(err);
        ir_run_free(&r);
        ir_case_free(c);
        return FVP_EXIT_TOOL_ERROR;
    }

    unsigned bad = 0;
    if (exit.kind == RT_EXIT_JUMP && steps >= c->max_blocks &&
        ir_case_find_block(c, exit.next_pc) >= 0) {
        printf("%s: still running after max_blocks = %" PRIu32 " blocks\n", path, c->max_blocks);
        bad++;
    }
    IRCaseExit x = case_exit(&exit);
    bad += ir_case_check(c, r.state, IR_CASE_STATE_SIZE, r.mem, IR_CASE_MEM_SIZE, &x, stdout);
    int status = 0;
    if (cross)
        bad += cross_check(c, engine, &r, &exit, verbose, &status);
    if (!bad && verbose)
        printf("%s: ok (%" PRIu32 " entries into compiled or interpreted code, engine %s)\n", path,
               steps, engine->name);
    ir_run_free(&r);
    ir_case_free(c);
    return status ? status : bad ? 1 : 0;
}

static int print_or_verify(const char *path, bool print)
{
    IRCase *c = load_verified(path);
    if (!c)
        return FVP_EXIT_TOOL_ERROR;
    for (size_t i = 0; i < c->blocks.count; i++) {
        if (print) {
            if (i)
                putchar('\n');
            ir_print_block(stdout, c->blocks.blocks[i]);
        }
    }
    if (!print)
        printf("%s: %zu block%s verified\n", path, c->blocks.count,
               c->blocks.count == 1 ? "" : "s");
    ir_case_free(c);
    return 0;
}

int cmd_ir(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return FVP_EXIT_TOOL_ERROR;
    }
    const char *sub = argv[1];
    if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
        usage(stdout);
        return 0;
    }
    bool is_print = !strcmp(sub, "print"), is_verify = !strcmp(sub, "verify"),
         is_run = !strcmp(sub, "run");
    if (!is_print && !is_verify && !is_run) {
        fprintf(stderr, "fvp ir: unknown subcommand '%s'\n", sub);
        usage(stderr);
        return FVP_EXIT_TOOL_ERROR;
    }
    const IrEngine *engine = &engines[0];
    bool verbose = false, cross = false;
    int first = 2;
    for (; first < argc && argv[first][0] == '-'; first++) {
        const char *opt = argv[first];
        if (is_run && !strncmp(opt, "--engine=", 9)) {
            engine = NULL;
            for (size_t i = 0; i < FVP_ARRAY_LEN(engines); i++)
                if (!strcmp(opt + 9, engines[i].name))
                    engine = &engines[i];
            if (!engine) {
                fprintf(stderr,
                        "fvp ir: unknown engine '%s' (interp, interp-switch, jit, jit-region, "
                        "baseline, baseline-region)\n",
                        opt + 9);
                return FVP_EXIT_TOOL_ERROR;
            }
        } else if (is_run && (!strcmp(opt, "-v") || !strcmp(opt, "--verbose"))) {
            verbose = true;
        } else if (is_run && !strcmp(opt, "--cross-check")) {
            cross = true;
        } else {
            fprintf(stderr, "fvp ir: unknown option '%s'\n", opt);
            usage(stderr);
            return FVP_EXIT_TOOL_ERROR;
        }
    }
    if (first == argc) {
        fprintf(stderr, "fvp ir %s: no FILE.ir given\n", sub);
        return FVP_EXIT_TOOL_ERROR;
    }
    int status = 0;
    for (int i = first; i < argc; i++) {
        int s =
            is_run ? run_case(argv[i], engine, verbose, cross) : print_or_verify(argv[i], is_print);
        if (s == FVP_EXIT_TOOL_ERROR || (s && status != FVP_EXIT_TOOL_ERROR))
            status = s;
    }
    return status;
}
