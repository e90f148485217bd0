/* Shared harness of the interpreter tests: run a block through both dispatch loops, compare. */
#ifndef FVP_TESTS_UNIT_TEST_INTERP_HARNESS_H
#define FVP_TESTS_UNIT_TEST_INTERP_HARNESS_H

#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "ir/ir.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"

/*
 * Guest state used by the tests: the IRStateHeader, then free bytes. Results are PUT at
 * T_RESULT (16 bytes, zeroed before each run). Guest memory: T_MEM_SIZE bytes at guest
 * address 0. Every run goes through interp_run and interp_run_switch on identical copies
 * of state and memory; exits, state, memory and counters must agree exactly.
 */
enum { T_STATE_SIZE = 1024, T_MEM_SIZE = 1 << 16, T_RESULT = 32, T_EXIT_PC = 0x4000 };

typedef struct TRun {
    uint8_t state[T_STATE_SIZE];
    uint8_t *mem;
    RtExit exit;
    RtCpuStats stats;
    uint64_t cur_pc;
} TRun;

typedef struct TEnv {
    uint8_t state[T_STATE_SIZE]; /* initial state */
    uint8_t mem[T_MEM_SIZE];     /* initial guest memory */
} TEnv;

static inline void t_run_one(const InterpCode *code, const TEnv *env, bool use_switch, TRun *out)
{
    memcpy(out->state, env->state, T_STATE_SIZE);
    out->mem = malloc(T_MEM_SIZE);
    cr_assert_not_null(out->mem);
    memcpy(out->mem, env->mem, T_MEM_SIZE);
    RtCpu *cpu = calloc(1, sizeof(RtCpu));
    cr_assert_not_null(cpu);
    cpu->state = out->state;
    cpu->mem_base = out->mem;
    cpu->mem_limit = T_MEM_SIZE;
    memset(&out->exit, 0xee, sizeof out->exit);
    if (use_switch)
        interp_run_switch(cpu, code, &out->exit);
    else
        interp_run(cpu, code, &out->exit);
    out->stats = cpu->stats;
    out->cur_pc = cpu->cur_pc;
    free(cpu);
}

/* Runs b (a complete, verified block) on env through both loops; *out is the computed-goto
 * run (free out->mem with t_run_free). */
static inline void t_run_env(const IRBlock *b, const TEnv *env, TRun *out)
{
    FvpError *err = ir_verify_block(b);
    if (err) {
        char msg[512];
        fvp_error_format(err, msg, sizeof msg);
        fvp_error_free(err);
        ir_print_block(stderr, b);
        cr_assert_fail("the test block does not verify: %s", msg);
    }
    InterpCode *code = NULL;
    err = interp_prepare(b, &code);
    cr_assert_null(err, "interp_prepare failed");
    cr_assert_eq(interp_code_pc(code), b->pc);
    cr_assert_eq(interp_code_guest_insns(code), b->guest_insns);
    TRun *other = malloc(sizeof(TRun));
    cr_assert_not_null(other);
    t_run_one(code, env, false, out);
    t_run_one(code, env, true, other);
    cr_assert_eq(memcmp(&out->exit, &other->exit, sizeof out->exit), 0,
                 "interp_run and interp_run_switch exit differently");
    cr_assert_eq(memcmp(out->state, other->state, T_STATE_SIZE), 0,
                 "interp_run and interp_run_switch leave different state");
    cr_assert_eq(memcmp(out->mem, other->mem, T_MEM_SIZE), 0,
                 "interp_run and interp_run_switch leave different memory");
    cr_assert_eq(memcmp(&out->stats, &other->stats, sizeof out->stats), 0);
    cr_assert_eq(out->cur_pc, other->cur_pc);
    const IRStateHeader *h = (const IRStateHeader *)out->state;
    cr_assert_eq(h->pc, out->exit.next_pc, "IRStateHeader.pc must be the exit's next_pc");
    cr_assert_eq(out->stats.interp_blocks, 1);
    free(other->mem);
    free(other);
    interp_code_free(code);
}

/* Emits in after clearing the operand slots its op does not use (the verifier checks). */
static inline uint32_t t_emit(IRBlock *b, IRInsn in)
{
    for (unsigned k = in.nargs; k < 3; k++)
        in.args[k] = 0;
    return ir_emit(b, &in);
}

static inline void t_run_free(TRun *r)
{
    free(r->mem);
    r->mem = NULL;
}

static inline TEnv *t_env_new(void)
{
    TEnv *env = calloc(1, sizeof(TEnv));
    cr_assert_not_null(env);
    return env;
}

/* Appends `put T_RESULT, v; goto T_EXIT_PC` to b, runs it with the dynamic rounding mode
 * dyn_rm, and returns the 16 result bytes; *flags (if non-NULL) gets the accrued fp_flags. */
static inline IRValue t_result_rm(IRBlock *b, uint32_t v, unsigned dyn_rm, uint32_t *flags)
{
    ir_put(b, T_RESULT, v);
    ir_goto(b, T_EXIT_PC, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    ((IRStateHeader *)env->state)->fp_round = dyn_rm;
    TRun *run = malloc(sizeof(TRun));
    cr_assert_not_null(run);
    t_run_env(b, env, run);
    cr_assert_eq(run->exit.kind, RT_EXIT_JUMP);
    cr_assert_eq(run->exit.next_pc, T_EXIT_PC);
    IRValue r;
    memcpy(&r, run->state + T_RESULT, sizeof r);
    if (flags)
        *flags = ((IRStateHeader *)run->state)->fp_flags;
    t_run_free(run);
    free(run);
    free(env);
    return r;
}

static inline IRValue t_result(IRBlock *b, uint32_t v, uint32_t *flags)
{
    return t_result_rm(b, v, IR_RM_RNE, flags);
}

#endif
