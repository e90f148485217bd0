/* Test harness for the translator: runs one region through the interpreter and the JIT. */
#ifndef FVP_TESTS_TEST_TRANSLATOR_HARNESS_H
#define FVP_TESTS_TEST_TRANSLATOR_HARNESS_H

#include <criterion/criterion.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "ir/ir.h"
#include "runtime/interp.h"
#include "translator/translator.h"

/*
 *   init(state, mem) -> env A --interp_run chain--> exit A, state A, memory A
 *                    -> env B --JIT region------> exit B, state B, memory B
 *   require: same exit fields, same state bytes (incl. fp_flags), same memory bytes
 *
 * The interpreter runs block after block while the exit jumps to the pc of a block of the
 * region, as the JIT's region function does internally.
 */

enum { TH_STATE_SIZE = 16384, TH_MEM_SIZE = 1 << 16 };

typedef struct ThEnv {
    RtCpu cpu;
    uint8_t *state;
    uint8_t *mem;
    RtExit exit;
} ThEnv;

typedef void (*ThInitFn)(uint8_t *state, uint8_t *mem, void *user);

static inline void th_env_init(ThEnv *e, ThInitFn init, void *user)
{
    memset(e, 0, sizeof(*e));
    e->state = calloc(1, TH_STATE_SIZE);
    /* + the guard compiled user-mode code may touch past the window (runtime/cpu.h) */
    e->mem = calloc(1, TH_MEM_SIZE + RT_MEM_GUARD);
    cr_assert(e->state && e->mem);
    e->cpu.state = e->state;
    e->cpu.mem_base = e->mem;
    e->cpu.mem_limit = TH_MEM_SIZE;
    memset(&e->exit, 0xa5, sizeof(e->exit));
    if (init)
        init(e->state, e->mem, user);
}

static inline void th_env_free(ThEnv *e)
{
    free(e->state);
    free(e->mem);
}

static inline void th_verify(const IRBlock *const *blocks, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        FvpError *err = ir_verify_block(blocks[k]);
        if (err) {
            char buf[512];
            fvp_error_format(err, buf, sizeof buf);
            fvp_error_free(err);
            ir_print_block(stderr, blocks[k]);
            cr_assert_fail("IR does not verify: %s", buf);
        }
    }
}

/* Runs the region in the interpreter (at most max_blocks blocks). */
static inline void th_run_interp(ThEnv *e, const IRBlock *const *blocks, size_t n,
                                 unsigned max_blocks)
{
    InterpCode **codes = calloc(n, sizeof(*codes));
    for (size_t k = 0; k < n; k++) {
        FvpError *err = interp_prepare(blocks[k], &codes[k]);
        cr_assert_null(err, "interp_prepare failed");
    }
    size_t cur = 0;
    for (unsigned steps = 0; steps < max_blocks; steps++) {
        interp_run(&e->cpu, codes[cur], &e->exit);
        if (e->exit.kind != RT_EXIT_JUMP)
            break;
        size_t next = n;
        for (size_t k = 0; k < n; k++)
            if (blocks[k]->pc == e->exit.next_pc) {
                next = k;
                break;
            }
        if (next == n)
            break;
        cur = next;
    }
    for (size_t k = 0; k < n; k++)
        interp_code_free(codes[k]);
    free(codes);
}

static inline TrJit *th_jit_new(const char *pipeline)
{
    TrJitOptions o = {.pipeline = pipeline};
    TrJit *jit = NULL;
    FvpError *err = tr_jit_create(&o, &jit);
    if (err) {
        fvp_error_print(err, "tr_jit_create", stderr);
        fvp_error_free(err);
    }
    cr_assert_not_null(jit);
    return jit;
}

static inline RtCompiledFn th_compile(TrJit *jit, const IRBlock *const *blocks, size_t n,
                                      RtCompileStats *stats)
{
    RtCompiledFn fn = NULL;
    FvpError *err = tr_jit_compile(jit, blocks, n, &fn, stats);
    if (err) {
        char buf[1024];
        fvp_error_format(err, buf, sizeof buf);
        fvp_error_free(err);
        cr_assert_fail("JIT compile failed: %s", buf);
    }
    cr_assert_not_null(fn);
    return fn;
}

static inline void th_compare(const char *what, ThEnv *a, ThEnv *b)
{
    cr_assert_eq(a->exit.kind, b->exit.kind, "%s: exit kind interp %u jit %u", what,
                 a->exit.kind, b->exit.kind);
    cr_assert_eq(a->exit.next_pc, b->exit.next_pc, "%s: next_pc interp %" PRIx64 " jit %" PRIx64,
                 what, a->exit.next_pc, b->exit.next_pc);
    cr_assert_eq(a->exit.jump_kind, b->exit.jump_kind, "%s: jump_kind", what);
    cr_assert_eq(a->exit.trap_kind, b->exit.trap_kind, "%s: trap_kind", what);
    cr_assert_eq(a->exit.is_write, b->exit.is_write, "%s: is_write", what);
    cr_assert_eq(a->exit.fault_addr, b->exit.fault_addr, "%s: fault_addr", what);
    cr_assert_eq(a->exit.pc, b->exit.pc, "%s: exit pc", what);
    cr_assert_eq(a->exit.detail, b->exit.detail, "%s: detail", what);
    if (memcmp(a->state, b->state, TH_STATE_SIZE) != 0) {
        size_t k = 0;
        while (a->state[k] == b->state[k])
            k++;
        size_t base = k & ~(size_t)7;
        uint64_t va, vb;
        memcpy(&va, a->state + base, 8);
        memcpy(&vb, b->state + base, 8);
        cr_assert_fail("%s: state byte %zu differs: interp %016" PRIx64 " jit %016" PRIx64
                       " (8 bytes at %zu)",
                       what, k, va, vb, base);
    }
    if (memcmp(a->mem, b->mem, TH_MEM_SIZE) != 0) {
        size_t k = 0;
        while (a->mem[k] == b->mem[k])
            k++;
        cr_assert_fail("%s: memory byte 0x%zx differs: interp %02x jit %02x", what, k,
                       a->mem[k], b->mem[k]);
    }
}

/* Runs the region through both engines from the same initial state and compares. The
 * results of the JIT run are left in *jit_env (caller frees with th_env_free) if non-NULL. */
static inline void th_run_both(TrJit *jit, const char *what, const IRBlock *const *blocks,
                               size_t n, ThInitFn init, void *user, ThEnv *jit_env)
{
    th_verify(blocks, n);
    ThEnv a, b;
    th_env_init(&a, init, user);
    th_env_init(&b, init, user);
    th_run_interp(&a, blocks, n, 1000000);
    RtCompiledFn fn = th_compile(jit, blocks, n, NULL);
    rt_compiled_run(fn, &b.cpu, &b.exit);
    th_compare(what, &a, &b);
    th_env_free(&a);
    if (jit_env)
        *jit_env = b;
    else
        th_env_free(&b);
}

/* A one-block loop at pc: the i64 at state offset reg -= 1; loop while it is not 0; then
 * goto exit_pc (the tier-up tests' countdown). */
static inline IRBlock *th_countdown_loop(uint64_t pc, uint32_t reg, uint64_t exit_pc)
{
    IRBlock *b = ir_block_new(pc);
    ir_insn_start(b, pc, 4);
    uint32_t i = ir_binop(b, IR_SUB, ir_get(b, IR_I64, reg), ir_const(b, IR_I64, 1));
    ir_put(b, reg, i);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), pc);
    ir_goto(b, exit_pc, IR_JUMP_PLAIN, 0);
    return b;
}

/* Non-overlapping occurrences of what in text (dumps: instructions, IR patterns). */
static inline unsigned th_count_of(const char *text, const char *what)
{
    unsigned n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

#endif
