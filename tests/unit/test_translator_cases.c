/* Every .ir case of tests/ir through the interpreter and the JIT (whole file as one region):
 * the engines must agree bit for bit and the JIT must meet the case's expectations. */
#include <criterion/criterion.h>
#include <dirent.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "ir/ir_case.h"
#include "runtime/interp.h"
#include "translator/translator.h"

typedef struct CaseEnv {
    RtCpu cpu;
    uint8_t *state, *mem;
    RtExit exit;
} CaseEnv;

static void env_init(CaseEnv *e, const IRCase *c)
{
    memset(e, 0, sizeof(*e));
    e->state = calloc(1, IR_CASE_STATE_SIZE);
    e->mem = calloc(1, IR_CASE_MEM_SIZE);
    cr_assert(e->state && e->mem);
    e->cpu.state = e->state;
    e->cpu.mem_base = e->mem;
    e->cpu.mem_limit = IR_CASE_MEM_SIZE;
    FvpError *err = ir_case_init(c, e->state, IR_CASE_STATE_SIZE, e->mem, IR_CASE_MEM_SIZE);
    cr_assert_null(err, "%s: ir_case_init failed", c->source);
}

static void env_free(CaseEnv *e)
{
    free(e->state);
    free(e->mem);
}

static IRCaseExit case_exit(const RtExit *x)
{
    IRCaseExit e;
    memset(&e, 0, sizeof e); /* padding too: exits are compared with memcmp */
    e.kind = x->kind;
    e.trap_kind = x->trap_kind;
    e.jump_kind = x->jump_kind;
    e.is_write = x->is_write;
    e.next_pc = x->next_pc;
    e.fault_addr = x->fault_addr;
    e.pc = x->pc;
    e.detail = x->detail;
    return e;
}

static uint32_t max_blocks(const IRCase *c)
{
    return c->max_blocks ? c->max_blocks : IR_CASE_MAX_BLOCKS;
}

static void run_interp(CaseEnv *e, const IRCase *c)
{
    size_t n = c->blocks.count;
    InterpCode **codes = calloc(n, sizeof(*codes));
    for (size_t k = 0; k < n; k++)
        cr_assert_null(interp_prepare(c->blocks.blocks[k], &codes[k]));
    long cur = 0;
    for (uint32_t steps = 0; steps < max_blocks(c) && cur >= 0; steps++) {
        interp_run(&e->cpu, codes[cur], &e->exit);
        cur = e->exit.kind == RT_EXIT_JUMP ? ir_case_find_block(c, e->exit.next_pc) : -1;
    }
    for (size_t k = 0; k < n; k++)
        interp_code_free(codes[k]);
    free(codes);
}

/* The region function runs until it leaves the file's blocks (or max_blocks calls, for
 * regions whose exit comes back to a block the JIT had to leave through the dispatcher). */
static void run_jit(TrJit *jit, CaseEnv *e, const IRCase *c)
{
    size_t n = c->blocks.count;
    RtCompiledFn *fns = calloc(n, sizeof(*fns));
    const IRBlock **order = calloc(n, sizeof(*order));
    for (size_t i = 0; i < n; i++) {
        order[0] = c->blocks.blocks[i];
        size_t k = 1;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                order[k++] = c->blocks.blocks[j];
        FvpError *err = tr_jit_compile(jit, order, k, &fns[i], NULL);
        if (err) {
            char buf[512];
            fvp_error_format(err, buf, sizeof buf);
            fvp_error_free(err);
            cr_assert_fail("%s: %s", c->source, buf);
        }
    }
    long cur = 0;
    for (uint32_t steps = 0; steps < max_blocks(c) && cur >= 0; steps++) {
        rt_compiled_run(fns[cur], &e->cpu, &e->exit);
        cur = e->exit.kind == RT_EXIT_JUMP ? ir_case_find_block(c, e->exit.next_pc) : -1;
    }
    free(order);
    free(fns);
}

static char *cases_dir(void)
{
    char *file = fvp_xstrdup(__FILE__); /* .../tests/unit/test_translator_cases.c */
    char *unit = dirname(file);
    char *dir = NULL;
    if (asprintf(&dir, "%s/../ir", unit) < 0)
        dir = NULL;
    free(file);
    return dir;
}

Test(translator_cases, every_ir_case_agrees_with_the_interpreter)
{
    char *dir = cases_dir();
    cr_assert_not_null(dir);
    DIR *d = opendir(dir);
    cr_assert_not_null(d, "cannot open %s", dir);
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(NULL, &jit));
    unsigned ran = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        size_t len = strlen(de->d_name);
        if (len < 4 || strcmp(de->d_name + len - 3, ".ir") != 0)
            continue;
        char *path = NULL;
        cr_assert_geq(asprintf(&path, "%s/%s", dir, de->d_name), 0);
        IRCase *c = NULL;
        FvpError *err = ir_case_load(path, &c);
        if (!err)
            err = ir_case_verify(c);
        cr_assert_null(err, "%s does not load", path);
        CaseEnv a, b;
        env_init(&a, c);
        env_init(&b, c);
        run_interp(&a, c);
        run_jit(jit, &b, c);
        cr_expect_eq(memcmp(a.state, b.state, IR_CASE_STATE_SIZE), 0, "%s: state differs",
                     de->d_name);
        cr_expect_eq(memcmp(a.mem, b.mem, IR_CASE_MEM_SIZE), 0, "%s: memory differs", de->d_name);
        IRCaseExit ea = case_exit(&a.exit), eb = case_exit(&b.exit);
        cr_expect_eq(memcmp(&ea, &eb, sizeof ea), 0, "%s: exits differ", de->d_name);
        unsigned bad = ir_case_check(c, b.state, IR_CASE_STATE_SIZE, b.mem, IR_CASE_MEM_SIZE, &eb,
                                     stderr);
        cr_expect_eq(bad, 0, "%s: %u expectations failed in the JIT", de->d_name, bad);
        env_free(&a);
        env_free(&b);
        ir_case_free(c);
        free(path);
        ran++;
    }
    closedir(d);
    cr_expect_gt(ran, 0, "no .ir cases found in %s", dir);
    free(dir);
    tr_jit_destroy(jit);
}
