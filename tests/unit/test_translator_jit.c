/* JIT regions against the interpreter: loops, exits, faults, memory, atomics, helpers, state
 * layout; plus the JIT's own duties: SSE code for vectors, dumps, stats, the RtCompiler. */
#include "test_translator_harness.h"

#include <llvm-c/Core.h>
#include <llvm-c/DebugInfo.h>
#include <llvm-c/TargetMachine.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#include "runtime/vm/vm_tlb.h"

enum { X1 = 16, X2 = 24, X3 = 32, X4 = 40, PC = 0x1000 };

static void no_init(uint8_t *state, uint8_t *mem, void *user)
{
    (void)user;
    for (unsigned k = 0; k < TH_MEM_SIZE; k++)
        mem[k] = (uint8_t)(k * 13 + 1);
    for (unsigned k = 16; k < 256; k++)
        state[k] = (uint8_t)(k * 7);
}

static void loop_init(uint8_t *state, uint8_t *mem, void *user)
{
    no_init(state, mem, user);
    uint64_t n = 1000, zero = 0;
    memcpy(state + X1, &n, 8);
    memcpy(state + X2, &zero, 8);
}

/* 0x1000: x2 += x1 * 3 + load(x1 * 8); x1 -= 1; exit_if x1 != 0 -> 0x1000; goto 0x1100
 * 0x1100: x3 = x2; store x3 -> 0x800; goto 0x2000 */
static void build_loop(IRBlock *a, IRBlock *b)
{
    ir_insn_start(a, 0x1000, 4);
    uint32_t i = ir_get(a, IR_I64, X1), s = ir_get(a, IR_I64, X2);
    uint32_t t = ir_binop(a, IR_MUL, i, ir_const(a, IR_I64, 3));
    ir_insn_start(a, 0x1004, 4);
    uint32_t addr = ir_binop(a, IR_AND, ir_binop(a, IR_SHL, i, ir_const(a, IR_I64, 3)),
                             ir_const(a, IR_I64, 0x7ff8));
    uint32_t m = ir_load(a, IR_I64, addr);
    s = ir_binop(a, IR_ADD, ir_binop(a, IR_ADD, s, t), m);
    ir_put(a, X2, s);
    ir_insn_start(a, 0x1008, 4);
    i = ir_binop(a, IR_SUB, i, ir_const(a, IR_I64, 1));
    ir_put(a, X1, i);
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, i, ir_const(a, IR_I64, 0)), 0x1000);
    ir_goto(a, 0x1100, IR_JUMP_PLAIN, 0);

    ir_insn_start(b, 0x1100, 4);
    uint32_t v = ir_get(b, IR_I64, X2);
    ir_put(b, X3, v);
    ir_store(b, ir_const(b, IR_I64, 0x800), v);
    ir_goto(b, 0x2000, IR_JUMP_RET, 0);
}

Test(translator_jit, loop_stays_in_region)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = ir_block_new(0x1000), *b = ir_block_new(0x1100);
    build_loop(a, b);
    const IRBlock *blocks[] = {a, b};
    ThEnv e;
    th_run_both(jit, "loop", blocks, 2, loop_init, NULL, &e);
    cr_expect_eq(e.exit.kind, RT_EXIT_JUMP);
    cr_expect_eq(e.exit.next_pc, 0x2000);
    cr_expect_eq(e.exit.jump_kind, IR_JUMP_RET);
    /* One call ran the whole loop: 1000 iterations of a plus one b. */
    cr_expect_eq(e.cpu.stats.jit_blocks, 1001);
    cr_expect_eq(e.cpu.stats.jit_insns, 3000 + 1);
    th_env_free(&e);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* With no_counts the loop leaves cpu->stats alone (and computes the same); regions compiled
 * after tr_jit_require_counts count again. */
Test(translator_jit, counts_only_when_asked)
{
    TrJitOptions o = {.no_counts = true};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    cr_expect(tr_jit_as_compiler(jit).no_counts);
    IRBlock *a = ir_block_new(0x1000), *b = ir_block_new(0x1100);
    build_loop(a, b);
    const IRBlock *blocks[] = {a, b};
    ThEnv e;
    th_env_init(&e, loop_init, NULL);
    RtCompiledFn fn = th_compile(jit, blocks, 2, NULL);
    rt_compiled_run(fn, &e.cpu, &e.exit);
    cr_expect_eq(e.exit.next_pc, 0x2000);
    cr_expect_eq(e.cpu.stats.jit_blocks, 0);
    cr_expect_eq(e.cpu.stats.jit_insns, 0);
    th_env_free(&e);

    tr_jit_require_counts(jit);
    cr_expect_not(tr_jit_as_compiler(jit).no_counts);
    th_env_init(&e, loop_init, NULL);
    fn = th_compile(jit, blocks, 2, NULL);
    rt_compiled_run(fn, &e.cpu, &e.exit);
    cr_expect_eq(e.cpu.stats.jit_blocks, 1001);
    cr_expect_eq(e.cpu.stats.jit_insns, 3000 + 1);
    th_env_free(&e);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Every pipeline the JIT may be configured with keeps the semantics. */
Test(translator_jit, pipelines_agree)
{
    static const char *const pipelines[] = {"", "default<O1>", "default<O2>", "default<O3>"};
    for (unsigned p = 0; p < FVP_ARRAY_LEN(pipelines); p++) {
        TrJit *jit = th_jit_new(pipelines[p]);
        IRBlock *a = ir_block_new(0x1000), *b = ir_block_new(0x1100);
        build_loop(a, b);
        const IRBlock *blocks[] = {a, b};
        th_run_both(jit, pipelines[p], blocks, 2, loop_init, NULL, NULL);
        ir_block_free(a);
        ir_block_free(b);
        tr_jit_destroy(jit);
    }
}

Test(translator_jit, instruction_counts_match_interpreter)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = ir_block_new(0x1000), *b = ir_block_new(0x1100);
    build_loop(a, b);
    const IRBlock *blocks[] = {a, b};
    ThEnv i, j;
    th_env_init(&i, loop_init, NULL);
    th_env_init(&j, loop_init, NULL);
    th_run_interp(&i, blocks, 2, 100000);
    rt_compiled_run(th_compile(jit, blocks, 2, NULL), &j.cpu, &j.exit);
    cr_expect_eq(i.cpu.stats.interp_insns, j.cpu.stats.jit_insns);
    cr_expect_eq(i.cpu.stats.interp_blocks, j.cpu.stats.jit_blocks);
    th_env_free(&i);
    th_env_free(&j);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Side exits and every terminator. */
Test(translator_jit, exits)
{
    TrJit *jit = th_jit_new(NULL);
    for (int kind = 0; kind < 8; kind++) {
        IRBlock *b = ir_block_new(PC);
        ir_insn_start(b, PC, 4);
        uint32_t x = ir_get(b, IR_I64, X1);
        ir_put(b, X2, ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 1)));
        ir_insn_start(b, PC + 4, 4);
        bool side = kind == 1 || kind == 7;
        uint32_t c = ir_cmp(b, side ? IR_CC_EQ : IR_CC_NE, x, x);
        ir_exit_if(b, c, 0x3000);
        ir_put(b, X3, x);
        switch (kind) {
        case 0:
        case 1: ir_goto(b, 0x4000, IR_JUMP_CALL, PC + 8); break;
        case 2: ir_goto_reg(b, x, IR_JUMP_RET, 0); break;
        case 3: ir_syscall(b, PC + 8); break;
        case 4: ir_trap(b, IR_TRAP_ILLEGAL, PC + 4, 0xdeadbeef); break;
        case 5: ir_trap(b, IR_TRAP_BREAKPOINT, PC + 4, 0); break;
        case 6: ir_sync_code(b, PC + 8); break;
        default: ir_goto(b, PC, IR_JUMP_PLAIN, 0); break; /* self loop: ends by side exit */
        }
        const IRBlock *blocks[] = {b};
        char what[32];
        snprintf(what, sizeof what, "exit kind %d", kind);
        ThEnv e;
        th_run_both(jit, what, blocks, 1, no_init, NULL, &e);
        static const uint8_t kinds[] = {RT_EXIT_JUMP,     RT_EXIT_JUMP, RT_EXIT_JUMP,
                                        RT_EXIT_SYSCALL,  RT_EXIT_TRAP, RT_EXIT_TRAP,
                                        RT_EXIT_SYNC_CODE, RT_EXIT_JUMP};
        cr_expect_eq(e.exit.kind, kind == 1 ? RT_EXIT_JUMP : kinds[kind], "%s", what);
        if (kind == 1 || kind == 7)
            cr_expect_eq(e.exit.next_pc, 0x3000, "%s: side exit", what);
        if (kind == 4) {
            cr_expect_eq(e.exit.detail, 0xdeadbeef);
            cr_expect_eq(e.exit.pc, PC + 4);
        }
        cr_expect_eq(((IRStateHeader *)e.state)->pc, e.exit.next_pc, "%s: header pc", what);
        th_env_free(&e);
        ir_block_free(b);
    }
    tr_jit_destroy(jit);
}

/* Out-of-range accesses: the same RT_EXIT_FAULT as the interpreter (pc, address, access);
 * the window's last bytes are in range. Three lowerings: the one that can also serve the
 * system VM and user mode with precise faults keep the state written by earlier
 * instructions; user mode's default leaves the guest registers behind (the runtime ends
 * the guest, emit_fault_exit_light), while stores before the fault have happened. User
 * mode's window test is one compare (rt_mem_init's window is at least 1 MiB; the test's
 * 64 KiB, still far above an access). */
Test(translator_jit, faults)
{
    TrJitOptions user = {.user_mode = true}, precise = {.user_mode = true, .precise_faults = true};
    TrJit *user_jit = NULL, *precise_jit = NULL;
    cr_assert_null(tr_jit_create(&user, &user_jit));
    cr_assert_null(tr_jit_create(&precise, &precise_jit));
    TrJit *jits[] = {th_jit_new(NULL), precise_jit, user_jit};
    static const uint64_t addrs[] = {TH_MEM_SIZE - 2, TH_MEM_SIZE, ~0ull - 3, 1ull << 40};
    for (unsigned j = 0; j < FVP_ARRAY_LEN(jits); j++) {
        TrJit *jit = jits[j];
        bool keeps_state = jit != user_jit;
        for (unsigned k = 0; k < FVP_ARRAY_LEN(addrs); k++)
            for (int write = 0; write < 2; write++) {
                IRBlock *b = ir_block_new(PC);
                ir_insn_start(b, PC, 4);
                ir_put(b, X1, ir_const(b, IR_I64, 77));
                ir_store(b, ir_const(b, IR_I64, 0x100), ir_const(b, IR_I32, 0x12345678));
                ir_insn_start(b, PC + 4, 4);
                uint32_t addr = ir_const(b, IR_I64, addrs[k]);
                if (write)
                    ir_store(b, addr, ir_const(b, IR_I32, 1));
                else
                    ir_put(b, X2, ir_load(b, IR_I32, addr));
                ir_insn_start(b, PC + 8, 4);
                ir_put(b, X3, ir_const(b, IR_I64, 99));
                ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
                const IRBlock *blocks[] = {b};
                const char *what = write ? "store fault" : "load fault";
                ThEnv e;
                if (keeps_state) {
                    th_run_both(jit, what, blocks, 1, no_init, NULL, &e);
                } else {
                    th_verify(blocks, 1);
                    th_env_init(&e, no_init, NULL);
                    rt_compiled_run(th_compile(jit, blocks, 1, NULL), &e.cpu, &e.exit);
                }
                cr_expect_eq(e.exit.kind, RT_EXIT_FAULT);
                cr_expect_eq(e.exit.fault_addr, addrs[k]);
                cr_expect_eq(e.exit.pc, PC + 4);
                cr_expect_eq(e.exit.next_pc, PC + 4);
                cr_expect_eq(e.exit.is_write, write);
                uint64_t x1;
                memcpy(&x1, e.state + X1, 8);
                if (keeps_state)
                    cr_expect_eq(x1, 77, "%s: state written before the fault is kept", what);
                else
                    cr_expect_neq(x1, 77, "%s: user mode's fault exit stores no registers", what);
                uint32_t stored;
                memcpy(&stored, e.mem + 0x100, 4);
                cr_expect_eq(stored, 0x12345678, "%s: the store before the fault happened", what);
                /* The runtime takes the pc from the exit record; user mode's code names its
                 * accesses in the pc table instead of storing cur_pc. */
                cr_expect_eq(e.cpu.cur_pc, jit == user_jit ? 0 : PC + 4);
                th_env_free(&e);
                ir_block_free(b);
            }
        /* the last bytes of the window are in it */
        IRBlock *b = ir_block_new(PC);
        ir_insn_start(b, PC, 4);
        ir_put(b, X2, ir_load(b, IR_I64, ir_const(b, IR_I64, TH_MEM_SIZE - 8)));
        ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
        const IRBlock *blocks[] = {b};
        ThEnv e;
        th_run_both(jit, "last bytes", blocks, 1, no_init, NULL, &e);
        cr_expect_eq(e.exit.kind, RT_EXIT_JUMP);
        th_env_free(&e);
        ir_block_free(b);
        tr_jit_destroy(jit);
    }
}

/* Loads and stores of every type at odd addresses, and every atomic. */
Test(translator_jit, memory_and_atomics)
{
    static const IRType types[] = {IR_I8, IR_I16, IR_I32, IR_I64, IR_I128, IR_F32, IR_F64};
    TrJit *jit = th_jit_new(NULL);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint64_t addr = 0x101;
    for (unsigned k = 0; k < FVP_ARRAY_LEN(types); k++) {
        uint32_t v = ir_load(b, types[k], ir_const(b, IR_I64, addr));
        ir_store(b, ir_const(b, IR_I64, addr + 0x1003), v);
        ir_put(b, 64 + 16 * k, v);
        addr += 37;
    }
    uint32_t vec = ir_emit(b, &(IRInsn){.op = IR_LOAD,
                                        .type = IR_V128,
                                        .lane = IR_LANE_I32X4,
                                        .nargs = 1,
                                        .args = {ir_const(b, IR_I64, 0x333)}});
    ir_store(b, ir_const(b, IR_I64, 0x2005), vec);
    static const IRType atypes[] = {IR_I8, IR_I16, IR_I32, IR_I64};
    addr = 0x4000;
    for (unsigned k = 0; k < FVP_ARRAY_LEN(atypes); k++) {
        IRType t = atypes[k];
        uint32_t size = ir_type_bits(t) / 8;
        for (unsigned op = 0; op < IR_RMW_COUNT; op++) {
            uint32_t a = ir_const(b, IR_I64, addr);
            uint32_t old = ir_rmw(b, (IRRmwOp)op, a, ir_const(b, t, 0x8765432187654321ull));
            ir_store(b, ir_const(b, IR_I64, addr + 0x800), old);
            addr += size;
        }
        uint32_t a = ir_const(b, IR_I64, addr);
        uint32_t cur = ir_load(b, t, a);
        uint32_t hit = ir_cas(b, a, cur, ir_const(b, t, 0x55));
        uint32_t miss = ir_cas(b, a, cur, ir_const(b, t, 0x66)); /* now fails */
        ir_store(b, ir_const(b, IR_I64, addr + 0x800), hit);
        ir_store(b, ir_const(b, IR_I64, addr + 0x900), miss);
        addr += 16;
    }
    ir_fence(b, IR_FENCE_SEQ);
    ir_fence(b, IR_FENCE_ACQUIRE);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    th_run_both(jit, "memory", blocks, 1, no_init, NULL, NULL);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Overlapping state accesses (not cached), i1 state, GET after PUT, and helpers. */
Test(translator_jit, state_layout_and_helpers)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    ir_put(b, X1, ir_const(b, IR_I64, 0x1122334455667788ull));
    uint32_t lo = ir_get(b, IR_I32, X1), byte = ir_get(b, IR_I8, X1 + 1);
    ir_put(b, X2, ir_conv(b, IR_ZEXT, IR_I64, lo));
    ir_put(b, X2 + 4, byte);
    uint32_t f = ir_get(b, IR_F64, X3);
    ir_put(b, X4, ir_conv(b, IR_BITCAST, IR_I64, f)); /* f64 and i64 views of one slot */
    ir_put(b, X3, ir_const(b, IR_I64, 0x4000000000000000ull));
    ir_put(b, 48, ir_get(b, IR_F64, X3));
    ir_put(b, 56, ir_cmp(b, IR_CC_EQ, lo, lo));
    ir_insn_start(b, PC + 4, 4);
    uint32_t cls = ir_helper(b, IR_HELPER_FCLASS64, ir_get(b, IR_I64, X3), 0, 0);
    ir_put(b, 64, cls);
    ir_insn_start(b, PC + 8, 4);
    uint32_t instret = ir_helper(b, IR_HELPER_READ_INSTRET, 0, 0, 0);
    ir_put(b, 72, instret);
    ir_put(b, 80, ir_get(b, IR_I64, X1)); /* reloaded after the call */
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    ThEnv e;
    th_run_both(jit, "state", blocks, 1, no_init, NULL, &e);
    uint64_t instret_v, cls_v;
    memcpy(&instret_v, e.state + 72, 8);
    memcpy(&cls_v, e.state + 64, 8);
    cr_expect_eq(instret_v, 3, "instret counts the instructions before the helper");
    cr_expect_eq(cls_v, 1u << 6, "fclass of 2.0 is positive normal");
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* ---- JIT-only duties ------------------------------------------------------------------------ */

typedef struct DumpCapture {
    char *text[3];
} DumpCapture;

static void capture_dump(void *user, TrDumpKind kind, uint64_t pc, const char *text)
{
    DumpCapture *c = user;
    int k = kind == TR_DUMP_LLVM ? 0 : kind == TR_DUMP_LLVM_OPT ? 1 : 2;
    free(c->text[k]);
    c->text[k] = fvp_xstrdup(text);
    (void)pc;
}

/* A JIT whose dumps of the kinds in mask (TrDumpKind) land in cap. */
static TrJit *capture_jit_new(DumpCapture *cap, unsigned mask)
{
    TrJitOptions o = {.dump_mask = mask, .dump = capture_dump, .dump_user = cap};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    return jit;
}

static void capture_free(DumpCapture *cap)
{
    for (int k = 0; k < 3; k++)
        free(cap->text[k]);
}

/* A block that keeps 14 guest registers live at once (each result depends on all of
 * them), so its region needs more host registers than the caller-saved ones. */
static IRBlock *build_pressure_block(void)
{
    enum { N = 14 };
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t r[N], sum = ir_const(b, IR_I64, 0);
    for (int k = 0; k < N; k++)
        r[k] = ir_get(b, IR_I64, 16 + 8 * k);
    for (int k = 0; k < N; k++)
        sum = ir_binop(b, IR_XOR, ir_binop(b, IR_MUL, sum, ir_const(b, IR_I64, 31)), r[k]);
    for (int k = 0; k < N; k++)
        ir_put(b, 16 + 8 * k, ir_binop(b, IR_ADD, ir_binop(b, IR_MUL, r[k], r[(k + 1) % N]), sum));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    return b;
}

/* Regions use preserve_none (lower.c, TR_REGION_CALL_CONV): one that uses rbx and r12-r15
 * saves none of them, since the chain of regions never returns to C in between;
 * rt_compiled_run saves them once. Without the convention each region pushes and pops
 * all it uses. */
Test(translator_jit, regions_save_no_callee_saved_registers)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_HOST);
    IRBlock *b = build_pressure_block();
    const IRBlock *blocks[] = {b};
    th_compile(jit, blocks, 1, NULL);
    cr_assert_not_null(cap.text[2]);
    const char *host = cap.text[2];
    unsigned used = 0;
    static const char *const saved[] = {"%rbx", "%r12", "%r13", "%r14", "%r15"};
    for (int k = 0; k < 5; k++) {
        char push[16];
        snprintf(push, sizeof push, "pushq\t%s", saved[k]); /* the disassembly's form */
        used += strstr(host, saved[k]) != NULL;
        cr_expect_eq(th_count_of(host, push), 0, "%s saved:\n%s", saved[k], host);
    }
    cr_expect_geq(used, 3, "the region should need callee-saved registers:\n%s", host);
    capture_free(&cap);
    tr_jit_destroy(jit);
    TrJit *plain = th_jit_new(NULL);
    th_run_both(plain, "pressure", blocks, 1, NULL, NULL, NULL);
    tr_jit_destroy(plain);
    ir_block_free(b);
}

/* rt_compiled_run restores the registers C callers keep values in across a call, which
 * compiled code (preserve_none) clobbers: eight values live across it must survive. */
Test(translator_jit, rt_compiled_run_keeps_the_callers_registers)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *b = build_pressure_block();
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = th_compile(jit, blocks, 1, NULL);
    ThEnv e;
    th_env_init(&e, no_init, NULL);
    volatile uint64_t seed = 0x9e3779b97f4a7c15ull;
    uint64_t v[8];
    for (int k = 0; k < 8; k++)
        v[k] = seed * (uint64_t)(2 * k + 3);
    uint64_t before = 0;
    for (int k = 0; k < 8; k++)
        before = before * 1000003 + v[k];
    for (int round = 0; round < 4; round++)
        rt_compiled_run(fn, &e.cpu, &e.exit);
    uint64_t after = 0;
    for (int k = 0; k < 8; k++)
        after = after * 1000003 + (seed * (uint64_t)(2 * k + 3) == v[k] ? v[k] : 0);
    cr_expect_eq(after, before);
    cr_expect_eq(e.exit.kind, RT_EXIT_JUMP);
    cr_expect_eq(e.exit.next_pc, 0x2000);
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

static IRBlock *build_vector_block(void)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t x = ir_emit(b, &(IRInsn){.op = IR_GET, .type = IR_V128, .lane = IR_LANE_I32X4,
                                      .imm = 64});
    uint32_t y = ir_emit(b, &(IRInsn){.op = IR_GET, .type = IR_V128, .lane = IR_LANE_I32X4,
                                      .imm = 80});
    uint32_t s = ir_vbinop(b, IR_ADD, IR_LANE_I32X4, x, y);
    uint32_t p = ir_vbinop(b, IR_MUL, IR_LANE_I32X4, s, y);
    ir_put(b, 96, p);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    return b;
}

Test(translator_jit, vector_ops_use_packed_sse)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_LLVM | TR_DUMP_LLVM_OPT | TR_DUMP_HOST);
    IRBlock *b = build_vector_block();
    const IRBlock *blocks[] = {b};
    RtCompileStats stats = {0};
    th_compile(jit, blocks, 1, &stats);
    cr_assert_not_null(cap.text[2]);
    bool add = strstr(cap.text[2], "paddd") != NULL;
    bool mul = strstr(cap.text[2], "pmulld") != NULL;
    cr_expect(add && mul, "packed add/mul expected in host code:\n%s", cap.text[2]);
    cr_expect(strstr(cap.text[0], "define preserve_nonecc void @region_1000") != NULL,
              "regions use the preserve_none convention:\n%s", cap.text[0]);
    cr_expect(strstr(cap.text[1], "<4 x i32>") != NULL, "optimised IR keeps the vector type");
    cr_expect_gt(stats.code_bytes, 0);
    cr_expect_gt(stats.compile_ns, 0);
    cr_expect_eq(stats.guest_insns, 1);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* The frflags / flt.d / fsflags pattern (glibc's quiet compares): a scalar compare is
 * native (comisd, no call), reading the flags leaves them in MXCSR (no ldmxcsr), and only
 * writing them clears MXCSR: ldmxcsr at entry, at the write and at the exit, nothing else.
 * The write replaces every flag, so it drops the host's without reading them: stmxcsr only
 * at entry, for the read and at the exit (a stmxcsr waits for every FP op in flight: nbody
 * ran 2x slower with one more per iteration). A RISC-V result's NaN test is one ucomisd.
 * The values are checked against the
 * interpreter by test_translator_fp. */
Test(translator_jit, fp_flags_reads_and_compares_stay_cheap)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_HOST);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t x = ir_get(b, IR_F64, X1), y = ir_get(b, IR_F64, X2);
    uint32_t s = ir_fop(b, IR_FADD, IR_RM_RNE, IR_NAN_CANONICAL, 0, x, y, 0);
    ir_put(b, X3, s);
    ir_insn_start(b, PC + 4, 4);
    uint32_t saved = ir_get(b, IR_I32, offsetof(IRStateHeader, fp_flags));
    ir_insn_start(b, PC + 8, 4);
    uint32_t lt = ir_fcmp(b, IR_FCC_OLT_S, IR_NAN_CANONICAL, s, x);
    ir_put(b, X4, ir_conv(b, IR_ZEXT, IR_I64, lt));
    ir_insn_start(b, PC + 12, 4);
    ir_put(b, offsetof(IRStateHeader, fp_flags), saved);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    th_compile(jit, blocks, 1, NULL);
    const char *host = cap.text[2];
    cr_assert_not_null(host);
    cr_expect_gt(th_count_of(host, "comisd"), 0, "native compare expected:\n%s", host);
    /* fadd's NaN test (the signalling compare is a comisd) */
    cr_expect_eq(th_count_of(host, "ucomisd"), 1, "NaN test by ucomisd expected:\n%s", host);
    cr_expect_eq(th_count_of(host, "call"), 0, "no runtime call expected:\n%s", host);
    cr_expect_eq(th_count_of(host, "ldmxcsr"), 3, "entry, flags write, exit:\n%s", host);
    cr_expect_eq(th_count_of(host, "stmxcsr"), 3, "entry, flags read, exit:\n%s", host);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* An AArch64 op under the run-time FPCR (rm = dyn, nan = arm_fpcr): while FPCR is RNE
 * alone it runs one native copy whose only extra work is one ucomisd (NaN or |r| ==
 * MIN_NORMAL); the FZ checks live in a second copy, used only under FPCR.FZ (computing them
 * on every op made aarch64 nbody, matmul, fft and mandelbrot 2x slower). Values: see
 * test_translator_fp. */
Test(translator_jit, arm_fpcr_ops_keep_fz_work_off_the_rne_path)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_LLVM | TR_DUMP_HOST);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t x = ir_get(b, IR_F64, X1), y = ir_get(b, IR_F64, X2);
    ir_put(b, X3, ir_fop(b, IR_FADD, IR_RM_DYN, IR_NAN_ARM_FPCR, 0, x, y, 0));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    th_compile(jit, blocks, 1, NULL);
    cr_assert_not_null(cap.text[0]);
    cr_assert_not_null(cap.text[2]);
    cr_expect_eq(th_count_of(cap.text[0], "call double @llvm.experimental.constrained.fadd"), 2,
                 "an RNE copy and an FZ copy expected:\n%s", cap.text[0]);
    cr_expect_eq(th_count_of(cap.text[2], "ucomisd"), 1, "the RNE copy's test:\n%s", cap.text[2]);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Guest registers live in host registers inside a loop: the optimised loop body has no
 * load or store of the state, only the exit path writes it back; its one load is the
 * poll of cpu->exit_request on the back edge. */
Test(translator_jit, registers_stay_in_ssa)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_LLVM_OPT);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t i = ir_get(b, IR_I64, X1), s = ir_get(b, IR_I64, X2);
    ir_put(b, X2, ir_binop(b, IR_XOR, ir_binop(b, IR_ADD, s, i), ir_const(b, IR_I64, 5)));
    i = ir_binop(b, IR_SUB, i, ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    th_compile(jit, blocks, 1, NULL);
    cr_assert_not_null(cap.text[1]);
    /* The loop became SSA (phis); the state is loaded once at entry (the state pointer, x1,
     * x2) and the statistics counters promoted: no loads inside the loop. */
    unsigned loop_loads = 0, polls = 0, phis = 0, branches = 0;
    bool in_loop = false; /* inside the loop's blocks: b1000, loop_edge, poll, back_edge */
    for (const char *line = cap.text[1]; line && *line; line = strchr(line, '\n'), line += !!line) {
        if (!strncmp(line, "b1000:", 6) || !strncmp(line, "loop_edge:", 10) ||
            !strncmp(line, "poll:", 5) || !strncmp(line, "back_edge:", 10))
            in_loop = true;
        else if (line[0] != ' ' && line[0] != '\n' && strchr(line, ':') &&
                 strchr(line, ':') < strchr(line, '\n'))
            in_loop = false;
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[256];
        snprintf(buf, sizeof buf, "%.*s", (int)FVP_MIN(len, sizeof buf - 1), line);
        if (strstr(buf, " = phi i64"))
            phis++;
        if (in_loop && strstr(buf, " = load atomic "))
            polls++;
        else if (in_loop && strstr(buf, " = load "))
            loop_loads++;
        if (in_loop && strstr(buf, " br i1 "))
            branches++;
    }
    cr_expect_gt(phis, 0, "%s", cap.text[1]);
    cr_expect_eq(loop_loads, 0, "%u loads in the loop:\n%s", loop_loads, cap.text[1]);
    cr_expect_eq(polls, 1, "one exit-request poll per iteration:\n%s", cap.text[1]);
    /* the loop's own test and the poll's: no NULL test of the poll pointer */
    cr_expect_eq(branches, 2, "%u conditional branches in the loop:\n%s", branches, cap.text[1]);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

Test(translator_jit, compiler_seam_and_errors)
{
    TrJit *jit = th_jit_new("default<O1>");
    RtCompiler c = tr_jit_as_compiler(jit);
    IRBlock *b = build_vector_block();
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = NULL;
    RtCompileStats st;
    cr_assert_null(c.compile(c.ctx, blocks, 1, &fn, &st));
    cr_assert_not_null(fn);
    /* The same pc twice gets two independent functions. */
    RtCompiledFn fn2 = NULL;
    cr_assert_null(c.compile(c.ctx, blocks, 1, &fn2, NULL));
    cr_expect_neq((void *)fn, (void *)fn2);
    /* A block without a terminator is refused with an error, not a crash. */
    IRBlock *bad = ir_block_new(PC);
    ir_insn_start(bad, PC, 4);
    ir_put(bad, X1, ir_const(bad, IR_I64, 1));
    const IRBlock *bad_blocks[] = {bad};
    FvpError *err = c.compile(c.ctx, bad_blocks, 1, &fn, NULL);
    cr_assert_not_null(err);
    cr_expect_eq(fvp_error_kind(err), FVP_ERR_FORMAT);
    fvp_error_free(err);
    err = c.compile(c.ctx, blocks, 0, &fn, NULL);
    cr_expect_not_null(err);
    fvp_error_free(err);
    /* A pipeline LLVM does not know is an error from tr_jit_compile. */
    TrJit *j2 = th_jit_new("no-such-pass");
    err = tr_jit_compile(j2, blocks, 1, &fn, NULL);
    cr_expect_not_null(err);
    fvp_error_free(err);
    tr_jit_destroy(j2);
    ir_block_free(bad);
    ir_block_free(b);
    c.destroy(c.ctx);
}

typedef struct ThreadJob {
    TrJit *jit;
    int failures;
} ThreadJob;

static void *compile_many(void *arg)
{
    ThreadJob *job = arg;
    for (int k = 0; k < 8; k++) {
        IRBlock *a = ir_block_new(0x1000), *b = ir_block_new(0x1100);
        build_loop(a, b);
        const IRBlock *blocks[] = {a, b};
        RtCompiledFn fn = NULL;
        FvpError *err = tr_jit_compile(job->jit, blocks, 2, &fn, NULL);
        if (err || !fn)
            job->failures++;
        else {
            ThEnv e;
            th_env_init(&e, loop_init, NULL);
            rt_compiled_run(fn, &e.cpu, &e.exit);
            if (e.exit.next_pc != 0x2000)
                job->failures++;
            th_env_free(&e);
        }
        fvp_error_free(err);
        ir_block_free(a);
        ir_block_free(b);
    }
    return NULL;
}

Test(translator_jit, compiles_from_several_threads)
{
    TrJit *jit = th_jit_new(NULL);
    pthread_t t[3];
    ThreadJob jobs[3] = {{jit, 0}, {jit, 0}, {jit, 0}};
    for (int k = 0; k < 3; k++)
        pthread_create(&t[k], NULL, compile_many, &jobs[k]);
    for (int k = 0; k < 3; k++) {
        pthread_join(t[k], NULL);
        cr_expect_eq(jobs[k].failures, 0);
    }
    tr_jit_destroy(jit);
}

/* ---- Host faults ------------------------------------------------------------------------------ */

/* The SIGSEGV handler needs somewhere to jump: the one mutable global of this test, as in the
 * runtime's own handler (signal handling forces it). */
static sigjmp_buf segv_jmp;
static uintptr_t segv_host_pc; /* the faulting host instruction */

static void on_segv(int sig, siginfo_t *si, void *uctx)
{
    (void)sig;
    (void)si;
    segv_host_pc = (uintptr_t)((ucontext_t *)uctx)->uc_mcontext.gregs[REG_RIP];
    siglongjmp(segv_jmp, 1);
}

/* The guest pc the runtime reports for the last host fault (runtime/dispatch.c): the JIT's
 * pc table names the access, else cpu->cur_pc does. */
static uint64_t fault_guest_pc(TrJit *jit, const RtCpu *cpu)
{
    uint64_t pc = cpu->cur_pc;
    tr_jit_guest_pc_at(jit, segv_host_pc, &pc);
    return pc;
}

/* Runs compiled code; true if it raised a host SIGSEGV (it is then left by siglongjmp). */
static bool run_catching_segv(RtCompiledFn fn, RtCpu *cpu, RtExit *exit_info)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, &old);
    volatile bool faulted = false;
    if (sigsetjmp(segv_jmp, 1) == 0)
        rt_compiled_run(fn, cpu, exit_info);
    else
        faulted = true;
    sigaction(SIGSEGV, &old, NULL);
    return faulted;
}

/* A load from a PROT_NONE page inside guest memory raises a host SIGSEGV inside compiled
 * code. cpu->cur_pc always names the faulting instruction and the store before it has
 * happened; with precise faults the guest registers written before it are in the state
 * too, without them (the default) they may still be in host registers. Returns the state's
 * x2 and x3 after the fault. */
static void run_host_fault(TrJit *jit, uint64_t *x2, uint64_t *x3)
{
    size_t page = 4096;
    uint8_t *mem = mmap(NULL, 4 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(mem, MAP_FAILED);
    cr_assert_eq(mprotect(mem + 2 * page, page, PROT_NONE), 0);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t x = ir_get(b, IR_I64, X1);
    uint32_t y = ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 40));
    ir_put(b, X2, y);
    ir_store(b, ir_const(b, IR_I64, 0x10), y);
    ir_insn_start(b, PC + 4, 4);
    ir_put(b, X3, ir_binop(b, IR_MUL, y, y));
    ir_insn_start(b, PC + 8, 4);
    ir_put(b, X4, ir_load(b, IR_I64, ir_const(b, IR_I64, 2 * page + 8)));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = th_compile(jit, blocks, 1, NULL);

    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t two = 2;
    memcpy(state + X1, &two, 8);
    RtCpu cpu = {.state = state, .mem_base = mem, .mem_limit = 4 * page};
    RtExit exit_info;
    cr_assert(run_catching_segv(fn, &cpu, &exit_info), "the load should raise a host SIGSEGV");
    memcpy(x2, state + X2, 8);
    memcpy(x3, state + X3, 8);
    cr_expect_eq(fault_guest_pc(jit, &cpu), PC + 8);
    cr_expect_eq(mem[0x10], 42, "the store before the fault happened");
    free(state);
    munmap(mem, 4 * page);
    ir_block_free(b);
}

/* User mode tests only the base x of x + off when the guard after the window covers the
 * offset (runtime/cpu.h): three loads on one base share one window test, and every outcome
 * is still exact. x < limit: the access runs, or faults on the guard page with cur_pc at
 * the access; x >= limit: a fault exit at the first access with its real address (x + off,
 * wrapped into page 0 for x near 2^64). */
Test(translator_jit, window_tests_on_a_base_register)
{
    DumpCapture cap = {{NULL}};
    TrJitOptions o = {.user_mode = true, .dump_mask = TR_DUMP_LLVM_OPT, .dump = capture_dump,
                      .dump_user = &cap};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t x = ir_get(b, IR_I64, X1);
    uint32_t v1 = ir_load(b, IR_I64, ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 8)));
    ir_insn_start(b, PC + 4, 4);
    uint32_t v2 = ir_load(b, IR_I64, ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 16)));
    ir_insn_start(b, PC + 8, 4);
    uint32_t v3 = ir_load(b, IR_I32, ir_binop(b, IR_ADD, x, ir_const(b, IR_I64, 4000)));
    uint32_t sum = ir_binop(b, IR_ADD, v1, v2);
    ir_put(b, X2, ir_binop(b, IR_ADD, sum, ir_conv(b, IR_ZEXT, IR_I64, v3)));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = th_compile(jit, blocks, 1, NULL);
    const char *ir = cap.text[1];
    cr_assert_not_null(ir);
    unsigned tests = th_count_of(ir, "icmp uge") + th_count_of(ir, "icmp ugt") +
                     th_count_of(ir, "icmp ult") + th_count_of(ir, "icmp ule");
    cr_expect_eq(tests, 1, "one window test for three loads on one base:\n%s", ir);

    size_t page = 4096, limit = 4 * page;
    uint8_t *mem = mmap(NULL, limit + RT_MEM_GUARD, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(mem, MAP_FAILED);
    cr_assert_eq(mprotect(mem + limit, RT_MEM_GUARD, PROT_NONE), 0);
    for (size_t k = 0; k < limit; k++)
        mem[k] = 1;
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    static const struct {
        uint64_t x;
        int outcome; /* 0: runs, 1: host fault, 2: fault exit */
        uint64_t pc, addr;
    } cases[] = {
        {0x100, 0, 0, 0},
        {4 * 4096 - 16, 1, PC + 4, 0},        /* x + 16 is the guard's first byte */
        {4 * 4096, 2, PC, 4 * 4096 + 8},      /* x itself is outside */
        {~0ull - 7, 2, PC, 0},                /* x + 8 wraps to 0 */
    };
    for (unsigned k = 0; k < FVP_ARRAY_LEN(cases); k++) {
        memcpy(state + X1, &cases[k].x, 8);
        RtCpu cpu = {.state = state, .mem_base = mem, .mem_limit = limit};
        RtExit e;
        memset(&e, 0, sizeof e);
        bool faulted = run_catching_segv(fn, &cpu, &e);
        cr_expect_eq(faulted, cases[k].outcome == 1, "case %u: host fault", k);
        if (cases[k].outcome == 1) {
            /* No cur_pc stores in user mode: the pc table names the load. */
            cr_expect_eq(cpu.cur_pc, 0, "case %u: user-mode code stores no cur_pc", k);
            cr_expect_eq(fault_guest_pc(jit, &cpu), cases[k].pc, "case %u: pc of the faulting load",
                         k);
        }
        if (cases[k].outcome == 2) {
            cr_expect_eq(e.kind, RT_EXIT_FAULT, "case %u", k);
            cr_expect_eq(e.pc, cases[k].pc, "case %u", k);
            cr_expect_eq(e.fault_addr, cases[k].addr, "case %u", k);
        }
        if (cases[k].outcome == 0)
            cr_expect_eq(e.kind, RT_EXIT_JUMP, "case %u", k);
    }
    free(state);
    munmap(mem, limit + RT_MEM_GUARD);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* The pc !pcsections carries, from the pc table metadata of a lowered access. */
static uint64_t pc_sections_pc(LLVMContextRef ctx, LLVMValueRef in)
{
    LLVMValueRef md = LLVMGetMetadata(in, LLVMGetMDKindIDInContext(ctx, "pcsections", 10));
    cr_assert_not_null(md, "the access has !pcsections");
    cr_assert_eq(LLVMGetMDNodeNumOperands(md), 2);
    LLVMValueRef ops[2], aux[2];
    LLVMGetMDNodeOperands(md, ops);
    cr_assert_eq(LLVMGetMDNodeNumOperands(ops[1]), 2);
    LLVMGetMDNodeOperands(ops[1], aux);
    return LLVMConstIntGetZExtValue(aux[1]);
}

/* The load and the store of function "r" that carry !pcsections (kind k_pcs). */
static void tagged_accesses(LLVMModuleRef mod, unsigned k_pcs, LLVMValueRef *load,
                            LLVMValueRef *store)
{
    *load = *store = NULL;
    LLVMValueRef fn = LLVMGetNamedFunction(mod, "r");
    for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(fn); bb; bb = LLVMGetNextBasicBlock(bb))
        for (LLVMValueRef in = LLVMGetFirstInstruction(bb); in; in = LLVMGetNextInstruction(in))
            if (LLVMGetMetadata(in, k_pcs)) {
                if (LLVMGetInstructionOpcode(in) == LLVMLoad)
                    *load = in;
                else if (LLVMGetInstructionOpcode(in) == LLVMStore)
                    *store = in;
            }
    cr_assert(*load && *store, "both guest accesses carry !pcsections");
}

/* Passes that make a new access from old ones (LICM's promoted stores, GVN's PRE loads,
 * merged loads) drop !pcsections but keep or merge debug locations: tr_pc_table_finish
 * gives the access the pc its location carries, counts a merge of different accesses
 * (line or column 0) as one the table cannot name, and strips the debug information. */
Test(translator_jit, pc_table_finish_restores_dropped_entries)
{
    IRBlock *b = ir_block_new(0x123456789a);
    ir_insn_start(b, 0x123456789a, 4);
    uint32_t v = ir_load(b, IR_I64, ir_get(b, IR_I64, X1));
    ir_insn_start(b, 0x123456789e, 4);
    ir_store(b, ir_get(b, IR_I64, X2), v);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    th_verify((const IRBlock *const[]){b}, 1);
    LLVMContextRef ctx = LLVMContextCreate();
    char *triple = LLVMGetDefaultTargetTriple();
    LLVMModuleRef mod = NULL;
    const IRBlock *blocks[] = {b};
    cr_assert_null(tr_lower_region(ctx, triple, "", blocks, 1, "r",
                                   TR_LOWER_USER_MODE | TR_LOWER_PC_TABLE, &mod));
    unsigned k_pcs = LLVMGetMDKindIDInContext(ctx, "pcsections", 10);
    LLVMValueRef load, store;
    tagged_accesses(mod, k_pcs, &load, &store);
    cr_expect_eq(pc_sections_pc(ctx, load), 0x123456789a);
    cr_expect_eq(pc_sections_pc(ctx, store), 0x123456789e);
    cr_expect_eq(tr_pc_table_finish(mod), 0, "nothing lost yet");
    cr_assert_not_null(LLVMGetMetadata(load, k_pcs));
    cr_expect_null(LLVMInstructionGetDebugLoc(load), "debug information stripped");

    /* Again, now as a pass would leave them: the load without !pcsections, the store merged
     * with another access: of another line (line 0), or of the same line (column 0; both
     * pcs here share a line). */
    for (int merge = 0; merge < 2; merge++) {
        LLVMDisposeModule(mod);
        cr_assert_null(tr_lower_region(ctx, triple, "", blocks, 1, "r",
                                       TR_LOWER_USER_MODE | TR_LOWER_PC_TABLE, &mod));
        tagged_accesses(mod, k_pcs, &load, &store);
        LLVMSetMetadata(load, k_pcs, NULL);
        LLVMSetMetadata(store, k_pcs, NULL);
        LLVMMetadataRef loc = LLVMInstructionGetDebugLoc(store);
        unsigned line = merge ? LLVMDILocationGetLine(loc) : 0;
        cr_assert_eq(line ? line : LLVMDILocationGetLine(LLVMInstructionGetDebugLoc(load)),
                     LLVMDILocationGetLine(loc), "the two pcs share a line");
        LLVMInstructionSetDebugLoc(store, LLVMDIBuilderCreateDebugLocation(
                                              ctx, line, 0, LLVMDILocationGetScope(loc), NULL));
        cr_expect_eq(tr_pc_table_finish(mod), 1, "the merged store cannot be named (%d)", merge);
        cr_expect_eq(pc_sections_pc(ctx, load), 0x123456789a, "the load's pc is back");
        cr_expect_null(LLVMGetMetadata(store, k_pcs));
    }
    LLVMDisposeModule(mod);
    LLVMDisposeMessage(triple);
    LLVMContextDispose(ctx);
    ir_block_free(b);
}

/* Stores of constants to adjacent guest addresses, which LLVM's code generator merges into
 * one vector store: LLVM 19 then fails to carry their !pcsections over and says so on fd 2,
 * the guest's stderr, unless llvm_setup.c turns store merging off. Nothing of the compile
 * may reach stderr, and the region still computes what the interpreter does. */
static void x1_is_256(uint8_t *state, uint8_t *mem, void *user)
{
    no_init(state, mem, user);
    uint64_t base = 256;
    memcpy(state + X1, &base, 8);
}

Test(translator_jit, merged_constant_stores_write_nothing_to_stderr)
{
    TrJitOptions o = {.user_mode = true}; /* user mode: the pc table marks every access */
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    IRBlock *b = ir_block_new(PC);
    uint32_t base = ir_get(b, IR_I64, X1);
    static const int32_t offs[] = {272, 288, 280, 296};
    static const uint64_t vals[] = {4767744, 4770304, 4554752, 4556320};
    for (unsigned k = 0; k < 4; k++) {
        ir_insn_start(b, PC + 4 * k, 4);
        ir_store(b, ir_binop(b, IR_ADD, base, ir_const(b, IR_I64, (uint64_t)offs[k])),
                 ir_const(b, IR_I64, vals[k]));
    }
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);

    fflush(stderr);
    int saved = dup(2);
    FILE *capture = tmpfile();
    cr_assert(saved >= 0 && capture);
    cr_assert_eq(dup2(fileno(capture), 2), 2);
    th_run_both(jit, "merged stores", (const IRBlock *const[]){b}, 1, x1_is_256, NULL, NULL);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    char text[256] = "";
    rewind(capture);
    size_t n = fread(text, 1, sizeof text - 1, capture);
    fclose(capture);
    cr_expect_eq(n, 0, "the compile wrote to stderr: %s", text);
    tr_jit_destroy(jit);
    ir_block_free(b);
}

Test(translator_jit, host_fault_state_is_precise_on_request)
{
    TrJitOptions o = {.precise_faults = true};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    uint64_t x2, x3;
    run_host_fault(jit, &x2, &x3);
    cr_expect_eq(x2, 42);
    cr_expect_eq(x3, 42 * 42);
    tr_jit_destroy(jit);
}

/* The default keeps registers in host registers (the state is stale at the fault); after
 * tr_jit_require_precise_faults, new regions store them before each access. */
Test(translator_jit, precise_faults_can_be_switched_on)
{
    TrJit *jit = th_jit_new(NULL);
    uint64_t x2, x3;
    run_host_fault(jit, &x2, &x3);
    cr_expect_eq(x2, 0, "imprecise by default: x2 still in a host register");
    tr_jit_require_precise_faults(jit);
    run_host_fault(jit, &x2, &x3);
    cr_expect_eq(x2, 42);
    cr_expect_eq(x3, 42 * 42);
    tr_jit_destroy(jit);
}

/* System VM memory: with mem_limit 0 every access misses the flat window and goes through
 * cpu->tlb (rt_tlb_translate), as in the interpreter; no TLB means a fault. */
Test(translator_jit, system_vm_tlb_seam)
{
    TrJit *jit = th_jit_new(NULL);
    RtTlb tlb;
    cr_assert_null(vm_tlb_init(&tlb, 64, 4));
    uint8_t *page = aligned_alloc(4096, 4096);
    for (int k = 0; k < 4096; k++)
        page[k] = (uint8_t)k;
    uint64_t va = 0x40000000;
    vm_tlb_insert(&tlb, RT_ACCESS_READ, va, page);
    vm_tlb_insert(&tlb, RT_ACCESS_WRITE, va, page);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t v = ir_load(b, IR_I64, ir_const(b, IR_I64, va + 8));
    ir_put(b, X1, v);
    ir_insn_start(b, PC + 4, 4);
    ir_store(b, ir_const(b, IR_I64, va + 0x100), ir_binop(b, IR_ADD, v, v));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = th_compile(jit, blocks, 1, NULL);
    uint8_t *state_i = calloc(1, TH_STATE_SIZE), *state_j = calloc(1, TH_STATE_SIZE);
    RtCpu ci = {.state = state_i, .tlb = &tlb}, cj = {.state = state_j, .tlb = &tlb};
    RtExit ei, ej;
    ThEnv dummy = {.cpu = ci};
    th_run_interp(&dummy, blocks, 1, 1);
    ei = dummy.exit;
    uint64_t expect_sum;
    memcpy(&expect_sum, page + 0x100, 8);
    memset(page + 0x100, 0, 8);
    rt_compiled_run(fn, &cj, &ej);
    uint64_t x1_i, x1_j, sum;
    memcpy(&x1_i, state_i + X1, 8);
    memcpy(&x1_j, state_j + X1, 8);
    memcpy(&sum, page + 0x100, 8);
    cr_expect_eq(ei.kind, RT_EXIT_JUMP);
    cr_expect_eq(ej.kind, RT_EXIT_JUMP);
    cr_expect_eq(x1_j, x1_i);
    cr_expect_eq(x1_j, 0x0f0e0d0c0b0a0908ull);
    cr_expect_eq(sum, expect_sum);
    /* Without a TLB the same access is a fault. */
    RtCpu cn = {.state = state_j};
    rt_compiled_run(fn, &cn, &ej);
    cr_expect_eq(ej.kind, RT_EXIT_FAULT);
    cr_expect_eq(ej.fault_addr, va + 8);
    free(state_i);
    free(state_j);
    free(page);
    vm_tlb_fini(&tlb);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* ---- Chaining, in-region indirect jumps, tier-up ----------------------------------------- */

static uint64_t state_u64(const uint8_t *state, unsigned off)
{
    uint64_t v;
    memcpy(&v, state + off, 8);
    return v;
}

/* Block at pc: x<reg> = value, then goto next. */
static IRBlock *put_and_goto(uint64_t pc, unsigned reg, uint64_t value, uint64_t next)
{
    IRBlock *b = ir_block_new(pc);
    ir_insn_start(b, pc, 4);
    ir_put(b, reg, ir_const(b, IR_I64, value));
    ir_goto(b, next, IR_JUMP_PLAIN, 0);
    return b;
}

/* A jump exit whose target is in the jump cache tail-calls it; a pending exit request
 * makes the region return to the dispatcher instead. */
Test(translator_jit, jump_exit_chains_through_the_jump_cache)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = put_and_goto(PC, X1, 11, 0x2000), *b = put_and_goto(0x2000, X2, 22, 0x3000);
    const IRBlock *ra[] = {a}, *rb[] = {b};
    RtCompiledFn fa = th_compile(jit, ra, 1, NULL), fb = th_compile(jit, rb, 1, NULL);
    RtJumpSlot *jc = calloc(RT_JUMP_SLOTS, sizeof(*jc));
    jc[(0x2000 >> 1) & (RT_JUMP_SLOTS - 1)] = (RtJumpSlot){.pc = 0x2000, .fn = (void *)fb};
    atomic_int request = 0;
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    RtCpu cpu = {.state = state, .jump_cache = jc, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x3000, "chained into the region at 0x2000");
    cr_expect_eq(state_u64(state, X2), 22);
    cr_expect_eq(cpu.stats.jit_blocks, 2);

    memset(state, 0, TH_STATE_SIZE);
    request = 1;
    rt_compiled_run(fa, &cpu, &ex);
    cr_expect_eq(ex.kind, RT_EXIT_JUMP);
    cr_expect_eq(ex.next_pc, 0x2000, "an exit request stops chaining");
    cr_expect_eq(state_u64(state, X2), 0);
    cr_expect_eq(state_u64(state, 0), 0x2000, "the state's pc is the next pc");
    free(state);
    free(jc);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* A GOTO_REG whose target is a block of the same region branches there inside the
 * compiled code; other targets leave. */
Test(translator_jit, indirect_jump_inside_the_region)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = ir_block_new(PC);
    ir_insn_start(a, PC, 4);
    ir_goto_reg(a, ir_get(a, IR_I64, X1), IR_JUMP_PLAIN, 0);
    IRBlock *b = put_and_goto(0x1100, X3, 5, 0x3000);
    const IRBlock *region[] = {a, b};
    RtCompiledFn fn = th_compile(jit, region, 2, NULL);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t target = 0x1100;
    memcpy(state + X1, &target, 8);
    RtCpu cpu = {.state = state};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x3000);
    cr_expect_eq(state_u64(state, X3), 5);
    cr_expect_eq(cpu.stats.jit_blocks, 2, "both blocks ran in the region");
    target = 0x4444;
    memcpy(state + X1, &target, 8);
    memset(state + X3, 0, 8);
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x4444);
    cr_expect_eq(state_u64(state, X3), 0);
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Switch cases of the region's indirect jumps (LLVM switch instructions, and their cases). */
static unsigned switch_cases(LLVMModuleRef mod, unsigned *nswitches)
{
    unsigned cases = 0;
    *nswitches = 0;
    for (LLVMValueRef f = LLVMGetFirstFunction(mod); f; f = LLVMGetNextFunction(f))
        for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(f); bb; bb = LLVMGetNextBasicBlock(bb))
            for (LLVMValueRef i = LLVMGetFirstInstruction(bb); i; i = LLVMGetNextInstruction(i))
                if (LLVMGetInstructionOpcode(i) == LLVMSwitch) {
                    (*nswitches)++;
                    cases += LLVMGetNumSuccessors(i) - 1; /* the default is a successor */
                }
    return cases;
}

/* Only blocks no constant edge of the region reaches (call continuations, jump-table cases)
 * and the entry are cases of an in-region indirect jump: every case is an edge (with
 * chaining, a poll and an exit) in every GOTO_REG, which made glibc's functions several
 * times bigger in AOT code and cost the JIT's fast tier a third of its compile time. An
 * indirect jump to a block also reached by a constant edge leaves through the jump cache,
 * with the same result. TR_LOWER_GOTO_REG_EXITS (AOT: its switch block dispatches) has no
 * in-region cases at all. */
Test(translator_jit, indirect_jump_cases_are_the_indirect_targets)
{
    IRBlock *a = ir_block_new(PC); /* if (x2) goto 0x1100; goto x1 */
    ir_insn_start(a, PC, 4);
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, ir_get(a, IR_I64, X2), ir_const(a, IR_I64, 0)), 0x1100);
    ir_goto_reg(a, ir_get(a, IR_I64, X1), IR_JUMP_PLAIN, 0);
    IRBlock *b = put_and_goto(0x1100, X3, 5, 0x3000); /* a constant edge reaches it */
    IRBlock *c = put_and_goto(0x1200, X3, 7, 0x3000); /* only the indirect jump does */
    const IRBlock *region[] = {a, b, c};
    th_verify(region, 3);

    LLVMContextRef ctx = LLVMContextCreate();
    char *triple = LLVMGetDefaultTargetTriple();
    LLVMModuleRef mod = NULL;
    unsigned nswitches = 0;
    cr_assert_null(tr_lower_region(ctx, triple, "", region, 3, "r", 0, &mod));
    cr_expect_eq(switch_cases(mod, &nswitches), 2, "the entry and 0x1200");
    cr_expect_eq(nswitches, 1);
    LLVMDisposeModule(mod);
    cr_assert_null(tr_lower_region(ctx, triple, "", region, 3, "r", TR_LOWER_GOTO_REG_EXITS, &mod));
    cr_expect_eq(switch_cases(mod, &nswitches), 0);
    cr_expect_eq(nswitches, 0, "the indirect jump always leaves");
    LLVMDisposeModule(mod);
    LLVMDisposeMessage(triple);
    LLVMContextDispose(ctx);

    TrJit *jit = th_jit_new(NULL);
    RtCompiledFn fn = th_compile(jit, region, 3, NULL);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    RtCpu cpu = {.state = state};
    RtExit ex = {0};
    static const struct {
        uint64_t x1, x2, next_pc, x3, blocks;
    } runs[] = {
        {0x1200, 0, 0x3000, 7, 2},      /* an indirect target: stays in the region */
        {0x1100, 0, 0x1100, 0, 1},      /* a constant edge's target: leaves there */
        {0x4444, 1, 0x3000, 5, 2},      /* the constant edge itself stays */
    };
    for (size_t k = 0; k < FVP_ARRAY_LEN(runs); k++) {
        memset(state, 0, TH_STATE_SIZE);
        memcpy(state + X1, &runs[k].x1, 8);
        memcpy(state + X2, &runs[k].x2, 8);
        cpu.stats.jit_blocks = 0;
        rt_compiled_run(fn, &cpu, &ex);
        cr_expect_eq(ex.kind, RT_EXIT_JUMP, "run %zu", k);
        cr_expect_eq(ex.next_pc, runs[k].next_pc, "run %zu", k);
        cr_expect_eq(state_u64(state, X3), runs[k].x3, "run %zu", k);
        cr_expect_eq(cpu.stats.jit_blocks, runs[k].blocks, "run %zu", k);
    }
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
    tr_jit_destroy(jit);
}

/* A backward branch on no cycle of the region (a switch case laid out after the join it
 * jumps back to) does not poll: with an exit request pending, a, c, b run to the exit. */
Test(translator_jit, backward_branch_on_no_cycle_does_not_poll)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = ir_block_new(0x1000); /* if (x1) goto 0x1200; goto 0x1100 */
    ir_insn_start(a, 0x1000, 4);
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, ir_get(a, IR_I64, X1), ir_const(a, IR_I64, 0)), 0x1200);
    ir_goto(a, 0x1100, IR_JUMP_PLAIN, 0);
    IRBlock *b = put_and_goto(0x1100, X4, 7, 0x3000);
    IRBlock *c = put_and_goto(0x1200, X3, 5, 0x1100); /* backward, to the join */
    const IRBlock *region[] = {a, b, c};
    RtCompiledFn fn = th_compile(jit, region, 3, NULL);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t one = 1;
    memcpy(state + X1, &one, 8);
    atomic_int request = 1;
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x3000, "the backward jump to the join polled");
    cr_expect_eq(state_u64(state, X3), 5);
    cr_expect_eq(state_u64(state, X4), 7);
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
    tr_jit_destroy(jit);
}

/* A function's region: its return (to the function's start, say, in a recursion) leaves
 * the region instead of staying at the entry, which would put the join on a cycle and make
 * the case's backward jump to it poll. */
Test(translator_jit, a_return_leaves_a_function_region)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = ir_block_new(0x1000); /* if (x1) goto 0x1200; goto 0x1100 */
    ir_insn_start(a, 0x1000, 4);
    ir_exit_if(a, ir_cmp(a, IR_CC_NE, ir_get(a, IR_I64, X1), ir_const(a, IR_I64, 0)), 0x1200);
    ir_goto(a, 0x1100, IR_JUMP_PLAIN, 0);
    IRBlock *b = ir_block_new(0x1100); /* the join: x4 = 7; return to x2 */
    ir_insn_start(b, 0x1100, 4);
    ir_put(b, X4, ir_const(b, IR_I64, 7));
    ir_goto_reg(b, ir_get(b, IR_I64, X2), IR_JUMP_RET, 0);
    IRBlock *c = put_and_goto(0x1200, X3, 5, 0x1100); /* backward, to the join */
    const IRBlock *region[] = {a, b, c};
    RtCompiledFn fn = th_compile(jit, region, 3, NULL);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t one = 1, entry = 0x1000;
    memcpy(state + X1, &one, 8);
    memcpy(state + X2, &entry, 8);
    atomic_int request = 1;
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x1000, "the return did not leave (or the join polled)");
    cr_expect_eq(ex.jump_kind, IR_JUMP_RET);
    cr_expect_eq(state_u64(state, X3), 5);
    cr_expect_eq(state_u64(state, X4), 7);
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
    tr_jit_destroy(jit);
}

/* Only edges that go back in guest pc poll the exit request, whatever order the region
 * lists its blocks in: a forward branch to a block listed earlier runs straight on (it
 * used to poll, as if it closed a loop), a backward branch stops at the request. */
Test(translator_jit, only_backward_branches_poll)
{
    TrJit *jit = th_jit_new(NULL);
    IRBlock *a = put_and_goto(0x1000, X2, 3, 0x1100);
    IRBlock *b = put_and_goto(0x1100, X3, 5, 0x1200);
    IRBlock *c = ir_block_new(0x1200); /* x4 = 7; if (x1) goto 0x1000; goto 0x3000 */
    ir_insn_start(c, 0x1200, 4);
    ir_put(c, X4, ir_const(c, IR_I64, 7));
    ir_exit_if(c, ir_cmp(c, IR_CC_NE, ir_get(c, IR_I64, X1), ir_const(c, IR_I64, 0)), 0x1000);
    ir_goto(c, 0x3000, IR_JUMP_PLAIN, 0);
    const IRBlock *region[] = {a, c, b}; /* b -> c goes forward, to a block listed earlier */
    RtCompiledFn fn = th_compile(jit, region, 3, NULL);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    atomic_int request = 1;
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x3000, "no poll on the way: a, b, c ran");
    cr_expect_eq(state_u64(state, X4), 7);
    cr_expect_eq(cpu.stats.jit_blocks, 3);

    memset(state, 0, TH_STATE_SIZE);
    uint64_t one = 1;
    memcpy(state + X1, &one, 8);
    cpu.stats.jit_blocks = 0;
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.kind, RT_EXIT_JUMP);
    cr_expect_eq(ex.next_pc, 0x1000, "the backward branch polled and left");
    cr_expect_eq(state_u64(state, X4), 7);
    cr_expect_eq(cpu.stats.jit_blocks, 3);
    free(state);
    ir_block_free(a);
    ir_block_free(b);
    ir_block_free(c);
    tr_jit_destroy(jit);
}

/* A back edge to a block without guest instructions (AOT's switch block, which dispatches
 * on the state's pc) that is stopped by an exit request resumes at the state's pc: the
 * synthetic block's own pc is no guest address. AOT executables died with SIGSEGV at pc
 * 0xffffffffffffff01 when an exit request met such a back edge. */
Test(translator_jit, exit_request_on_a_back_edge_to_a_synthetic_block)
{
    enum { SYNTH = 0x7001 };
    TrJit *jit = th_jit_new(NULL);
    IRBlock *sw = ir_block_new(SYNTH); /* exit_if (pc == 0x1100) -> 0x1100; goto_reg pc */
    uint32_t pc = ir_get(sw, IR_I64, offsetof(IRStateHeader, pc));
    ir_exit_if(sw, ir_cmp(sw, IR_CC_EQ, pc, ir_const(sw, IR_I64, 0x1100)), 0x1100);
    ir_goto_reg(sw, pc, IR_JUMP_PLAIN, 0);
    IRBlock *b = ir_block_new(0x1100); /* x1 -= 1; pc = x1 ? 0x1100 : 0x2000; goto sw */
    ir_insn_start(b, 0x1100, 4);
    uint32_t i = ir_binop(b, IR_SUB, ir_get(b, IR_I64, X1), ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    uint32_t more = ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0));
    uint32_t next = ir_select(b, more, ir_const(b, IR_I64, 0x1100), ir_const(b, IR_I64, 0x2000));
    ir_put(b, offsetof(IRStateHeader, pc), next);
    ir_goto(b, SYNTH, IR_JUMP_PLAIN, 0);
    const IRBlock *region[] = {sw, b};
    RtCompiledFn fn = th_compile(jit, region, 2, NULL);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t n = 5, start = 0x1100;
    memcpy(state + X1, &n, 8);
    memcpy(state, &start, 8);
    atomic_int request = 0;
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x2000, "the loop ran to its end inside the region");
    cr_expect_eq(state_u64(state, X1), 0);

    n = 5;
    memcpy(state + X1, &n, 8);
    memcpy(state, &start, 8);
    request = 1;
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.kind, RT_EXIT_JUMP);
    cr_expect_eq(state_u64(state, X1), 4, "the request stopped the first back edge");
    cr_expect_eq(ex.next_pc, 0x1100, "resumes at the state's pc, not the synthetic block's");
    cr_expect_eq(state_u64(state, 0), 0x1100);
    free(state);
    ir_block_free(sw);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* A fast-tier loop counts its entry and back-edges and leaves once, at tier_up_count,
 * with RT_JUMP_DETAIL_TIER_UP naming its entry; the state is exact there. The count goes
 * on past it and is the region's heat (RtCompileStats.heat: upgrade order). */
Test(translator_jit, fast_tier_asks_for_the_full_tier)
{
    TrJitOptions o = {.tiers = true, .tier_up_count = 4};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    IRBlock *b = th_countdown_loop(PC, X1, 0x2000); /* x1 -= 1; loop while x1 != 0 */
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = NULL;
    RtCompileStats st = {0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, blocks, 1, &fn, &st));
    cr_assert_not_null(st.heat);
    cr_expect_eq(*st.heat, 0);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t n = 10;
    memcpy(state + X1, &n, 8);
    atomic_int request = 0;
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex); /* entry (1) + three back-edges: leaves after 3 iterations */
    cr_expect_eq(ex.kind, RT_EXIT_JUMP);
    cr_expect_eq(ex.detail, RT_JUMP_DETAIL_TIER_UP);
    cr_expect_eq(ex.pc, PC);
    cr_expect_eq(ex.next_pc, PC);
    cr_expect_eq(state_u64(state, X1), 7);
    cr_expect_eq(*st.heat, 4);
    rt_compiled_run(fn, &cpu, &ex); /* past the count: runs to the end */
    cr_expect_eq(ex.detail, 0);
    cr_expect_eq(ex.next_pc, 0x2000);
    cr_expect_eq(state_u64(state, X1), 0);
    cr_expect_eq(*st.heat, 11, "entry and 6 back-edges more: %u", *st.heat);
    RtCompileStats full = {0};
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FULL, blocks, 1, &fn, &full));
    cr_expect_null(full.heat, "full-tier code does not count");
    free(state);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* The fast tier leaves guest registers in their stack slots: with -O0 code generation an SSA
 * register costs a phi at every join (the loop head, the shared exit) that the fast
 * register allocator spills anyway, and those phis made most of the fast tier's LLVM time. */
Test(translator_jit, fast_tier_keeps_registers_in_slots)
{
    DumpCapture cap = {{NULL}};
    TrJitOptions o = {.tiers = true, .tier_up_count = 4, .dump_mask = TR_DUMP_LLVM_OPT,
                      .dump = capture_dump, .dump_user = &cap};
    TrJit *jit = NULL;
    cr_assert_null(tr_jit_create(&o, &jit));
    IRBlock *b = ir_block_new(PC); /* x2 += x1; x1 -= 1; loop while x1 != 0 */
    ir_insn_start(b, PC, 4);
    uint32_t i = ir_get(b, IR_I64, X1);
    ir_put(b, X2, ir_binop(b, IR_ADD, ir_get(b, IR_I64, X2), i));
    i = ir_binop(b, IR_SUB, i, ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = NULL;
    cr_assert_null(tr_jit_compile_tier(jit, TR_JIT_TIER_FAST, blocks, 1, &fn, NULL));
    const char *ir = cap.text[1];
    cr_assert_not_null(ir);
    cr_expect_gt(th_count_of(ir, "alloca i64"), 0, "x1, x2 in stack slots:\n%s", ir);
    /* The loop head joins the entry and the back edge: with registers in SSA, x1 and x2
     * would be phis there. */
    const char *head = strstr(ir, "\nb1000:");
    cr_assert_not_null(head, "%s", ir);
    const char *end = strstr(head + 1, "\n\n");
    char body[4096] = "";
    size_t len = end ? (size_t)(end - head) : strlen(head);
    memcpy(body, head, len < sizeof body - 1 ? len : sizeof body - 1);
    cr_expect_eq(th_count_of(body, "phi "), 0, "no register phis in the loop head:\n%s", ir);
    uint8_t *state = calloc(1, TH_STATE_SIZE);
    uint64_t n = 3;
    memcpy(state + X1, &n, 8);
    atomic_int request = 0;
    RtCpu cpu = {.state = state, .exit_request = &request};
    RtExit ex = {0};
    rt_compiled_run(fn, &cpu, &ex);
    cr_expect_eq(ex.next_pc, 0x2000);
    cr_expect_eq(state_u64(state, X1), 0);
    cr_expect_eq(state_u64(state, X2), 6);
    free(state);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* The soft TLB's way-0 hit is inline in compiled code (compare the page tag, add the
 * addend); only other ways and misses call rt_tlb_translate. */
Test(translator_jit, system_vm_tlb_hit_is_inline)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_LLVM_OPT);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    ir_put(b, X1, ir_load(b, IR_I64, ir_get(b, IR_I64, X2)));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    th_compile(jit, blocks, 1, NULL);
    const char *ir = cap.text[1];
    cr_assert_not_null(ir);
    const char *hit = strstr(ir, "\ntlb_hit");
    const char *call = strstr(ir, "call ptr");
    cr_expect_not_null(hit, "an inline hit block:\n%s", ir);
    cr_expect_not_null(call, "the miss path still calls rt_tlb_translate:\n%s", ir);
    /* the hit block itself makes no call */
    const char *next_block = hit ? strstr(hit + 1, "\n\n") : NULL;
    cr_expect(hit && next_block && (!call || call < hit || call > next_block),
              "the hit path calls nothing:\n%s", ir);
    capture_free(&cap);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* An AArch64 scalar FP op on d registers, as the frontend lifts it: the double comes out
 * of the v128 through i128 and goes back through i128 (lane 0, upper lane zeroed). The
 * lowering keeps it in lane 0 of a vector of doubles: no i128 and no integer lane left
 * after optimisation (with them, each FP op of mandelbrot's loop moved its operands to
 * general registers and back: four vmovq), and the results match the interpreter's. */
Test(translator_jit, scalar_fp_in_vector_registers_stays_in_sse)
{
    DumpCapture cap = {{NULL}};
    TrJit *jit = capture_jit_new(&cap, TR_DUMP_LLVM_OPT);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t d[2];
    for (int k = 0; k < 2; k++) {
        uint32_t v = ir_get(b, IR_V128, 64 + 16 * k);
        uint32_t i = ir_conv(b, IR_TRUNC, IR_I64, ir_conv(b, IR_BITCAST, IR_I128, v));
        d[k] = ir_conv(b, IR_BITCAST, IR_F64, i);
    }
    uint32_t r = ir_fop(b, IR_FMUL, IR_RM_RNE, IR_NAN_ARM, 0, d[0], d[1], 0);
    uint32_t w = ir_conv(b, IR_ZEXT, IR_I128, ir_conv(b, IR_BITCAST, IR_I64, r));
    ir_put(b, 96, ir_conv(b, IR_BITCAST, IR_V128, w));
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    th_compile(jit, blocks, 1, NULL);
    cr_assert_not_null(cap.text[1]);
    cr_expect_null(strstr(cap.text[1], " i128"), "an i128 is left:\n%s", cap.text[1]);
    cr_expect_null(strstr(cap.text[1], "extractelement <2 x i64>"), "integer lane:\n%s",
                   cap.text[1]);
    cr_expect_not_null(strstr(cap.text[1], "extractelement <2 x double>"), "%s", cap.text[1]);
    cr_expect_not_null(strstr(cap.text[1], "insertelement <2 x double>"), "%s", cap.text[1]);
    capture_free(&cap);
    TrJit *plain = th_jit_new(NULL);
    th_run_both(plain, "lane 0", blocks, 1, NULL, NULL, NULL);
    tr_jit_destroy(plain);
    ir_block_free(b);
    tr_jit_destroy(jit);
}
