/* Interpreter state, memory, atomics, helpers and exits; every op has a handler. */
#include <pthread.h>

#include "runtime/interp_internal.h"
#include "test_interp_harness.h"

Test(interp_ctl, every_op_has_a_handler)
{
    for (unsigned op = 0; op < IR_OP_COUNT; op++)
        cr_assert(interp_op_supported((IROp)op), "op %s has no interpreter handler",
                  ir_op_info[op].name);
    cr_assert(!interp_op_supported(IR_OP_COUNT));
}

Test(interp_ctl, get_put_every_type)
{
    static const IRType types[] = {IR_I1, IR_I8, IR_I16, IR_I32, IR_I64,
                                   IR_I128, IR_F32, IR_F64, IR_V128};
    for (size_t k = 0; k < FVP_ARRAY_LEN(types); k++) {
        IRType t = types[k];
        unsigned bytes = t == IR_I1 ? 1 : ir_type_bits(t) / 8;
        IRBlock *b = ir_block_new(0x1000);
        ir_put(b, 96, ir_get(b, t, 64));
        ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
        TEnv *env = t_env_new();
        for (unsigned i = 0; i < 32; i++)
            env->state[64 + i] = (uint8_t)(0xa1 + i);
        if (t == IR_I1)
            env->state[64] = 1;
        TRun run;
        t_run_env(b, env, &run);
        cr_assert_eq(memcmp(run.state + 96, env->state + 64, bytes), 0, "%s", ir_type_name(t));
        cr_assert_eq(run.state[96 + bytes], 0, "%s writes only its size", ir_type_name(t));
        t_run_free(&run);
        free(env);
        ir_block_free(b);
    }
}

Test(interp_ctl, loads_and_stores_every_size)
{
    static const IRType types[] = {IR_I8, IR_I16, IR_I32, IR_I64, IR_I128, IR_F32, IR_F64, IR_V128};
    for (size_t k = 0; k < FVP_ARRAY_LEN(types); k++) {
        IRType t = types[k];
        unsigned bytes = ir_type_bits(t) / 8;
        IRBlock *b = ir_block_new(0x1000);
        uint32_t src = ir_const(b, IR_I64, 0x103); /* unaligned on purpose */
        uint32_t dst = ir_const(b, IR_I64, 0x201);
        uint32_t v = ir_load(b, t, src);
        ir_store(b, dst, v);
        ir_put(b, T_RESULT, v);
        ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
        TEnv *env = t_env_new();
        for (unsigned i = 0; i < 32; i++)
            env->mem[0x103 + i] = (uint8_t)(0xf0 + i);
        TRun run;
        t_run_env(b, env, &run);
        cr_assert_eq(memcmp(run.mem + 0x201, env->mem + 0x103, bytes), 0);
        cr_assert_eq(run.mem[0x201 + bytes], 0, "%s stores only its size", ir_type_name(t));
        cr_assert_eq(memcmp(run.state + T_RESULT, env->mem + 0x103, bytes), 0);
        if (bytes < 16)
            cr_assert_eq(run.state[T_RESULT + bytes], 0, "loads zero-extend");
        t_run_free(&run);
        free(env);
        ir_block_free(b);
    }
}

static void t_fault_case(bool store, uint64_t addr, IRType t)
{
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    ir_put(b, 40, ir_const(b, IR_I64, 1));
    ir_insn_start(b, 0x1004, 4);
    uint32_t a = ir_const(b, IR_I64, addr);
    if (store)
        ir_store(b, a, ir_const(b, t, 7));
    else
        ir_put(b, T_RESULT, ir_load(b, t, a));
    ir_put(b, 48, ir_const(b, IR_I64, 1));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    TRun run;
    t_run_env(b, env, &run);
    cr_assert_eq(run.exit.kind, RT_EXIT_FAULT);
    cr_assert_eq(run.exit.fault_addr, addr);
    cr_assert_eq(run.exit.is_write, store);
    cr_assert_eq(run.exit.pc, 0x1004);
    cr_assert_eq(run.exit.next_pc, 0x1004);
    cr_assert_eq(run.state[40], 1, "the instruction before the fault completed");
    cr_assert_eq(run.state[48], 0, "nothing after the fault ran");
    cr_assert_eq(run.stats.interp_insns, 2);
    cr_assert_eq(run.cur_pc, 0x1004);
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}

Test(interp_ctl, out_of_range_accesses_fault)
{
    t_fault_case(false, T_MEM_SIZE - 4, IR_I64);
    t_fault_case(false, T_MEM_SIZE, IR_I8);
    t_fault_case(false, 0xfffffffffffffff8ull, IR_I64);
    t_fault_case(false, T_MEM_SIZE - 8, IR_V128);
    t_fault_case(true, T_MEM_SIZE - 1, IR_I16);
    t_fault_case(true, 0x8000000000000000ull, IR_I32);
    t_fault_case(true, T_MEM_SIZE - 12, IR_I128);
}

Test(interp_ctl, last_bytes_are_accessible)
{
    IRBlock *b = ir_block_new(0x1000);
    uint32_t a = ir_const(b, IR_I64, T_MEM_SIZE - 8);
    ir_store(b, a, ir_const(b, IR_I64, 0x1122334455667788ull));
    ir_put(b, T_RESULT, ir_load(b, IR_I64, a));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    TRun run;
    t_run_env(b, env, &run);
    cr_assert_eq(run.exit.kind, RT_EXIT_JUMP);
    uint64_t v;
    memcpy(&v, run.state + T_RESULT, 8);
    cr_assert_eq(v, 0x1122334455667788ull);
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}

/* CAS: old value returned; memory written only on a match. */
Test(interp_ctl, compare_and_swap)
{
    static const IRType types[] = {IR_I8, IR_I16, IR_I32, IR_I64, IR_I128};
    for (size_t k = 0; k < FVP_ARRAY_LEN(types); k++) {
        IRType t = types[k];
        unsigned bytes = ir_type_bits(t) / 8;
        for (int match = 0; match < 2; match++) {
            IRBlock *b = ir_block_new(0x1000);
            uint32_t a = ir_const(b, IR_I64, 0x100);
            uint32_t expected = ir_const128(b, t, match ? 0x8877665544332211ull : 5,
                                            t == IR_I128 ? (match ? 0x1100ffeeddccbbaaull : 0) : 0);
            if (t != IR_I128)
                b->insns[expected].imm &= fvp_mask(ir_type_bits(t));
            uint32_t desired = ir_const128(b, t, 0, 0);
            ir_put(b, T_RESULT, ir_cas(b, a, expected, desired));
            ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
            TEnv *env = t_env_new();
            uint64_t init[2] = {0x8877665544332211ull, 0x1100ffeeddccbbaaull};
            memcpy(env->mem + 0x100, init, 16);
            TRun run;
            t_run_env(b, env, &run);
            cr_assert_eq(memcmp(run.state + T_RESULT, init, bytes), 0, "old value, %s",
                         ir_type_name(t));
            uint8_t zero[16] = {0};
            if (match)
                cr_assert_eq(memcmp(run.mem + 0x100, zero, bytes), 0, "swapped, %s",
                             ir_type_name(t));
            else
                cr_assert_eq(memcmp(run.mem + 0x100, init, bytes), 0, "untouched, %s",
                             ir_type_name(t));
            cr_assert_eq(memcmp(run.mem + 0x100 + bytes, (uint8_t *)init + bytes, 16 - bytes), 0);
            t_run_free(&run);
            free(env);
            ir_block_free(b);
        }
    }
}

typedef struct RmwCase {
    IRRmwOp op;
    IRType t;
    uint64_t old, v, want_mem;
} RmwCase;

static const RmwCase rmw_cases[] = {
    {IR_RMW_XCHG, IR_I64, 5, 9, 9},
    {IR_RMW_ADD, IR_I64, 0xffffffffffffffffull, 2, 1},
    {IR_RMW_ADD, IR_I8, 0xff, 2, 1},
    {IR_RMW_AND, IR_I32, 0xf0f0f0f0, 0xff00ff00, 0xf000f000},
    {IR_RMW_OR, IR_I16, 0xf000, 0x000f, 0xf00f},
    {IR_RMW_XOR, IR_I64, 0xff, 0x0f, 0xf0},
    {IR_RMW_SMIN, IR_I32, 0xffffffff, 1, 0xffffffff},
    {IR_RMW_SMAX, IR_I32, 0xffffffff, 1, 1},
    {IR_RMW_UMIN, IR_I32, 0xffffffff, 1, 1},
    {IR_RMW_UMAX, IR_I32, 0xffffffff, 1, 0xffffffff},
    {IR_RMW_SMIN, IR_I8, 0x80, 0x7f, 0x80},
    {IR_RMW_UMAX, IR_I64, 0x8000000000000000ull, 1, 0x8000000000000000ull},
};

Test(interp_ctl, read_modify_write)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(rmw_cases); i++) {
        const RmwCase *c = &rmw_cases[i];
        unsigned bytes = ir_type_bits(c->t) / 8;
        IRBlock *b = ir_block_new(0x1000);
        uint32_t a = ir_const(b, IR_I64, 0x80);
        ir_put(b, T_RESULT, ir_rmw(b, c->op, a, ir_const(b, c->t, c->v)));
        ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
        TEnv *env = t_env_new();
        memcpy(env->mem + 0x80, &c->old, bytes);
        TRun run;
        t_run_env(b, env, &run);
        uint64_t got_old = 0, got_mem = 0;
        memcpy(&got_old, run.state + T_RESULT, 8);
        memcpy(&got_mem, run.mem + 0x80, bytes);
        cr_assert_eq(got_old, c->old, "case %zu returns the old value", i);
        cr_assert_eq(got_mem, c->want_mem, "case %zu memory 0x%llx", i,
                     (unsigned long long)got_mem);
        t_run_free(&run);
        free(env);
        ir_block_free(b);
    }
}

Test(interp_ctl, atomics_fault_as_writes)
{
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    uint32_t a = ir_const(b, IR_I64, T_MEM_SIZE - 2);
    ir_rmw(b, IR_RMW_ADD, a, ir_const(b, IR_I32, 1));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    TRun run;
    t_run_env(b, env, &run);
    cr_assert_eq(run.exit.kind, RT_EXIT_FAULT);
    cr_assert_eq(run.exit.fault_addr, T_MEM_SIZE - 2);
    cr_assert_eq(run.exit.is_write, 1);
    cr_assert_eq(run.exit.pc, 0x1000);
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}

/* Every terminator and side exit fills RtExit and IRStateHeader.pc. */
Test(interp_ctl, exits)
{
    TEnv *env = t_env_new();
    TRun run;

    IRBlock *b = ir_block_new(0x1000);
    ir_goto(b, 0x1234, IR_JUMP_CALL, 0x1004);
    t_run_env(b, env, &run);
    cr_assert(run.exit.kind == RT_EXIT_JUMP && run.exit.next_pc == 0x1234 &&
              run.exit.jump_kind == IR_JUMP_CALL);
    t_run_free(&run);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    ir_goto_reg(b, ir_get(b, IR_I64, 64), IR_JUMP_RET, 0);
    uint64_t target = 0xdeadbeef0;
    memcpy(env->state + 64, &target, 8);
    t_run_env(b, env, &run);
    cr_assert(run.exit.kind == RT_EXIT_JUMP && run.exit.next_pc == target &&
              run.exit.jump_kind == IR_JUMP_RET);
    t_run_free(&run);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    ir_syscall(b, 0x1008);
    t_run_env(b, env, &run);
    cr_assert(run.exit.kind == RT_EXIT_SYSCALL && run.exit.next_pc == 0x1008);
    t_run_free(&run);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    ir_trap(b, IR_TRAP_ILLEGAL, 0x100c, 0xffffffff);
    t_run_env(b, env, &run);
    cr_assert(run.exit.kind == RT_EXIT_TRAP && run.exit.trap_kind == IR_TRAP_ILLEGAL &&
              run.exit.pc == 0x100c && run.exit.detail == 0xffffffff &&
              run.exit.next_pc == 0x100c);
    t_run_free(&run);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    ir_sync_code(b, 0x1010);
    t_run_env(b, env, &run);
    cr_assert(run.exit.kind == RT_EXIT_SYNC_CODE && run.exit.next_pc == 0x1010);
    t_run_free(&run);
    ir_block_free(b);

    for (uint64_t taken = 0; taken < 2; taken++) {
        b = ir_block_new(0x1000);
        ir_insn_start(b, 0x1000, 4);
        ir_exit_if(b, ir_const(b, IR_I1, taken), 0x3000);
        ir_insn_start(b, 0x1004, 4);
        ir_put(b, 72, ir_const(b, IR_I8, 1));
        ir_goto(b, 0x1008, IR_JUMP_PLAIN, 0);
        t_run_env(b, env, &run);
        cr_assert_eq(run.exit.kind, RT_EXIT_JUMP);
        cr_assert_eq(run.exit.jump_kind, IR_JUMP_PLAIN);
        cr_assert_eq(run.exit.next_pc, taken ? 0x3000 : 0x1008);
        cr_assert_eq(run.state[72], taken ? 0 : 1);
        cr_assert_eq(run.stats.interp_insns, taken ? 1 : 2);
        cr_assert_eq(run.cur_pc, taken ? 0x1000 : 0x1004);
        t_run_free(&run);
        ir_block_free(b);
    }
    free(env);
}

Test(interp_ctl, helpers_and_fence)
{
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    ir_insn_start(b, 0x1004, 4);
    ir_fence(b, IR_FENCE_SEQ);
    ir_fence(b, IR_FENCE_ACQUIRE);
    ir_fence(b, IR_FENCE_RELEASE);
    ir_put(b, T_RESULT, ir_helper(b, IR_HELPER_READ_INSTRET, 0, 0, 0));
    uint32_t bits = ir_const(b, IR_I64, 0xfff0000000000000ull);
    ir_put(b, T_RESULT + 8, ir_helper(b, IR_HELPER_FCLASS64, bits, 0, 0));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    TRun run;
    t_run_env(b, env, &run);
    uint64_t r[2];
    memcpy(r, run.state + T_RESULT, 16);
    cr_assert_eq(r[0], 2, "instret sees the instructions run so far");
    cr_assert_eq(r[1], 1, "fclass of -inf");
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}

/* More values than the stack frame holds: the frame moves to the heap. */
Test(interp_ctl, large_block)
{
    IRBlock *b = ir_block_new(0x1000);
    uint32_t acc = ir_get(b, IR_I64, 64);
    uint32_t one = ir_const(b, IR_I64, 1);
    for (unsigned i = 0; i < 3 * INTERP_STACK_SLOTS; i++) {
        if (i % 8 == 0)
            ir_insn_start(b, 0x1000 + 4 * i, 4);
        acc = ir_binop(b, IR_ADD, acc, one);
    }
    ir_put(b, 64, acc);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    TRun run;
    t_run_env(b, env, &run);
    uint64_t v;
    memcpy(&v, run.state + 64, 8);
    cr_assert_eq(v, 3 * INTERP_STACK_SLOTS);
    cr_assert_eq(run.stats.interp_insns, 3 * INTERP_STACK_SLOTS / 8);
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}

/* RMW and CAS are atomic: two host threads hammering one guest word lose no update. */
typedef struct TAtomicJob {
    const InterpCode *code;
    uint8_t *mem;
    unsigned runs;
} TAtomicJob;

static void *t_atomic_worker(void *arg)
{
    TAtomicJob *job = arg;
    uint8_t state[T_STATE_SIZE] = {0};
    RtCpu *cpu = calloc(1, sizeof(RtCpu));
    cr_assert_not_null(cpu);
    cpu->state = state;
    cpu->mem_base = job->mem;
    cpu->mem_limit = T_MEM_SIZE;
    RtExit exit;
    for (unsigned i = 0; i < job->runs; i++) {
        interp_run(cpu, job->code, &exit);
        cr_assert_eq(exit.kind, RT_EXIT_JUMP);
    }
    free(cpu);
    return NULL;
}

Test(interp_ctl, atomics_are_atomic_across_threads)
{
    for (int use_cas = 0; use_cas < 2; use_cas++) {
        IRBlock *b = ir_block_new(0x1000);
        uint32_t a = ir_const(b, IR_I64, 0x40);
        if (use_cas) { /* one CAS attempt per run; a lost race retries next run */
            uint32_t old = ir_load(b, IR_I64, a);
            uint32_t seen = ir_cas(b, a, old, ir_binop(b, IR_ADD, old, ir_const(b, IR_I64, 1)));
            uint32_t won = ir_cmp(b, IR_CC_EQ, seen, old);
            ir_exit_if(b, won, 0x2000);
            ir_goto(b, 0x3000, IR_JUMP_PLAIN, 0);
        } else {
            ir_rmw(b, IR_RMW_ADD, a, ir_const(b, IR_I64, 1));
            ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
        }
        cr_assert_null(ir_verify_block(b));
        InterpCode *code;
        cr_assert_null(interp_prepare(b, &code));
        uint8_t *mem = calloc(1, T_MEM_SIZE);
        cr_assert_not_null(mem);
        enum { RUNS = 200000 };
        TAtomicJob job = {code, mem, RUNS};
        pthread_t threads[2];
        for (int t = 0; t < 2; t++)
            cr_assert_eq(pthread_create(&threads[t], NULL, t_atomic_worker, &job), 0);
        for (int t = 0; t < 2; t++)
            pthread_join(threads[t], NULL);
        uint64_t count;
        memcpy(&count, mem + 0x40, 8);
        if (use_cas)
            cr_assert(count <= 2 * RUNS && count > 0, "CAS increments never exceed attempts");
        else
            cr_assert_eq(count, 2 * RUNS, "an atomic add lost updates: %llu",
                         (unsigned long long)count);
        free(mem);
        interp_code_free(code);
        ir_block_free(b);
    }
}

/* Constant second operands of the specialised ops and constant PUTs become immediates;
 * only constants still read from the frame keep a slot, and results are unchanged. */
Test(interp_ctl, constants_become_immediates)
{
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    uint32_t five = ir_const(b, IR_I64, 5), seven = ir_const(b, IR_I64, 7);
    uint32_t three = ir_const(b, IR_I32, 0xfffffffd), one = ir_const(b, IR_I1, 1);
    uint32_t x = ir_get(b, IR_I64, 64);
    ir_put(b, 72, ir_binop(b, IR_ADD, x, five));  /* add.imm */
    ir_put(b, 80, ir_binop(b, IR_SUB, seven, x)); /* 7 stays in a slot */
    ir_put(b, 88, ir_binop(b, IR_SHL, ir_conv(b, IR_TRUNC, IR_I32, x), three)); /* i32 imm */
    ir_put(b, 96, ir_conv(b, IR_ZEXT, IR_I8, ir_cmp(b, IR_CC_ULT, x, seven)));  /* cmp.imm */
    ir_put(b, 104, five);  /* put.imm, 8 bytes */
    ir_put(b, 112, three); /* put.imm, 4 bytes */
    ir_put(b, 116, one);   /* put.imm, i1 */
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    cr_assert_null(ir_verify_block(b));
    InterpCode *code = NULL;
    cr_assert_null(interp_prepare(b, &code));
    cr_expect_eq(code->nconst, 3, "zero, scratch and 7 only: %u", code->nconst);
    unsigned imm = 0;
    for (uint32_t k = 0; k < code->count; k++)
        imm += code->insns[k].hop == INTERP_HOP_ADD_I64_IMM ||
               code->insns[k].hop == INTERP_HOP_SHL_I32_IMM ||
               code->insns[k].hop == INTERP_HOP_CMP_ULT_I64_IMM ||
               code->insns[k].hop == INTERP_HOP_PUT_IMM;
    cr_expect_eq(imm, 6);
    interp_code_free(code);

    TEnv *env = t_env_new();
    uint64_t in = 3;
    memcpy(env->state + 64, &in, 8);
    memset(env->state + 112, 0xee, 8);
    TRun run;
    t_run_env(b, env, &run);
    uint64_t r[3];
    memcpy(r, run.state + 72, sizeof r);
    cr_expect_eq(r[0], 8);
    cr_expect_eq(r[1], 4);
    cr_expect_eq(r[2], 3u << 29, "the shift amount is taken mod 32");
    cr_expect_eq(run.state[96], 1);
    uint64_t put5;
    uint32_t put3;
    memcpy(&put5, run.state + 104, 8);
    memcpy(&put3, run.state + 112, 4);
    cr_expect_eq(put5, 5);
    cr_expect_eq(put3, 0xfffffffd);
    cr_expect_eq(run.state[116], 1);
    cr_expect_eq(run.state[117], 0xee, "an i1 PUT writes one byte");
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}
