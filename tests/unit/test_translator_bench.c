/* Pipeline measurements (compile time, code size, run time per region) and the speed check
 * that compiled loops beat the interpreter. Numbers go to stderr; docs/translator.md keeps
 * the ones that chose TR_JIT_DEFAULT_PIPELINE. */
#include "test_translator_harness.h"

enum { X1 = 16, X2 = 24, X3 = 32, F1 = 64, V1 = 96, V2 = 112, PC = 0x1000 };

/* Integer: x2 = x2 * 31 + load8(x1 & 0xfff8) ^ (x2 >> 7); x1 -= 1; loop while x1 != 0. */
static IRBlock *region_int(void)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t i = ir_get(b, IR_I64, X1), s = ir_get(b, IR_I64, X2);
    uint32_t a = ir_binop(b, IR_AND, ir_binop(b, IR_SHL, i, ir_const(b, IR_I64, 3)),
                          ir_const(b, IR_I64, 0xfff8));
    ir_insn_start(b, PC + 4, 4);
    uint32_t m = ir_load(b, IR_I64, a);
    ir_insn_start(b, PC + 8, 4);
    s = ir_binop(b, IR_ADD, ir_binop(b, IR_MUL, s, ir_const(b, IR_I64, 31)), m);
    ir_insn_start(b, PC + 12, 4);
    s = ir_binop(b, IR_XOR, s, ir_binop(b, IR_SHR, s, ir_const(b, IR_I64, 7)));
    ir_put(b, X2, s);
    ir_insn_start(b, PC + 16, 4);
    i = ir_binop(b, IR_SUB, i, ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_insn_start(b, PC + 20, 4);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    return b;
}

/* FP (RISC-V rules, rm = DYN as compilers emit it, fp_round = RNE: native):
 * f1 = f1 * 0.999 + load_f64(x1 & 0xfff8); x1 -= 1. */
static IRBlock *region_fp(void)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t i = ir_get(b, IR_I64, X1), f = ir_get(b, IR_F64, F1);
    uint32_t a = ir_binop(b, IR_AND, ir_binop(b, IR_SHL, i, ir_const(b, IR_I64, 3)),
                          ir_const(b, IR_I64, 0xfff8));
    ir_insn_start(b, PC + 4, 4);
    uint32_t m = ir_load(b, IR_F64, a);
    ir_insn_start(b, PC + 8, 4);
    uint32_t k = ir_const(b, IR_F64, 0x3feff7ced916872bull); /* 0.999 */
    f = ir_fop(b, IR_FMUL, IR_RM_DYN, IR_NAN_CANONICAL, 0, f, k, 0);
    ir_insn_start(b, PC + 12, 4);
    f = ir_fop(b, IR_FADD, IR_RM_DYN, IR_NAN_CANONICAL, 0, f, m, 0);
    ir_put(b, F1, f);
    ir_insn_start(b, PC + 16, 4);
    i = ir_binop(b, IR_SUB, i, ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_insn_start(b, PC + 20, 4);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    return b;
}

/* Vector: v1 = v1 * v2 + load_v128(x1 & 0xfff0) (i32x4); x1 -= 1. */
static IRBlock *region_vec(void)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t i = ir_get(b, IR_I64, X1);
    uint32_t v = ir_emit(b, &(IRInsn){.op = IR_GET, .type = IR_V128, .lane = IR_LANE_I32X4,
                                      .imm = V1});
    uint32_t w = ir_emit(b, &(IRInsn){.op = IR_GET, .type = IR_V128, .lane = IR_LANE_I32X4,
                                      .imm = V2});
    uint32_t a = ir_binop(b, IR_AND, ir_binop(b, IR_SHL, i, ir_const(b, IR_I64, 4)),
                          ir_const(b, IR_I64, 0xfff0));
    ir_insn_start(b, PC + 4, 4);
    uint32_t m = ir_emit(b, &(IRInsn){.op = IR_LOAD, .type = IR_V128, .lane = IR_LANE_I32X4,
                                      .nargs = 1, .args = {a}});
    ir_insn_start(b, PC + 8, 4);
    v = ir_vbinop(b, IR_ADD, IR_LANE_I32X4, ir_vbinop(b, IR_MUL, IR_LANE_I32X4, v, w), m);
    ir_put(b, V1, v);
    ir_insn_start(b, PC + 12, 4);
    i = ir_binop(b, IR_SUB, i, ir_const(b, IR_I64, 1));
    ir_put(b, X1, i);
    ir_exit_if(b, ir_cmp(b, IR_CC_NE, i, ir_const(b, IR_I64, 0)), PC);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    return b;
}

/* A long straight-line block (about 400 IR instructions over 100 guest instructions), the
 * compile-time case: dependent integer work on 8 registers plus loads and stores. */
static IRBlock *region_straight(void)
{
    IRBlock *b = ir_block_new(PC);
    uint32_t r[8];
    for (int k = 0; k < 8; k++)
        r[k] = ir_get(b, IR_I64, X1 + 8 * k);
    for (int n = 0; n < 100; n++) {
        ir_insn_start(b, PC + 4 * n, 4);
        int d = n % 8, s = (n * 3 + 1) % 8;
        switch (n % 4) {
        case 0: r[d] = ir_binop(b, IR_ADD, r[d], r[s]); break;
        case 1: r[d] = ir_binop(b, IR_XOR, r[d], ir_binop(b, IR_SHL, r[s], ir_const(b, IR_I64, 3))); break;
        case 2: {
            uint32_t a = ir_binop(b, IR_AND, r[s], ir_const(b, IR_I64, 0xfff8));
            r[d] = ir_binop(b, IR_ADD, r[d], ir_load(b, IR_I64, a));
            break;
        }
        default: {
            uint32_t a = ir_binop(b, IR_AND, r[d], ir_const(b, IR_I64, 0xfff8));
            ir_store(b, a, r[s]);
            break;
        }
        }
    }
    for (int k = 0; k < 8; k++)
        ir_put(b, X1 + 8 * k, r[k]);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    return b;
}

static void bench_init(uint8_t *state, uint8_t *mem, void *user)
{
    uint64_t n = *(const uint64_t *)user;
    memcpy(state + X1, &n, 8);
    for (unsigned k = 0; k < TH_MEM_SIZE; k++)
        mem[k] = (uint8_t)(k * 29 + 5);
    double one = 1.0;
    memcpy(state + F1, &one, 8);
    for (unsigned k = V1; k < V2 + 16; k++)
        state[k] = (uint8_t)(k | 1);
}

typedef struct BenchResult {
    double compile_ms, run_ns_per_iter;
    uint64_t code_bytes;
} BenchResult;

static BenchResult measure(const char *pipeline, IRBlock *b, uint64_t iters)
{
    TrJit *jit = th_jit_new(pipeline);
    const IRBlock *blocks[] = {b};
    BenchResult r = {0};
    RtCompileStats st = {0};
    double best_compile = 1e30;
    for (int rep = 0; rep < 3; rep++) {
        RtCompiledFn fn = th_compile(jit, blocks, 1, &st);
        if (st.compile_ns / 1e6 < best_compile)
            best_compile = st.compile_ns / 1e6;
        (void)fn;
    }
    RtCompiledFn fn = th_compile(jit, blocks, 1, &st);
    r.compile_ms = best_compile;
    r.code_bytes = st.code_bytes;
    ThEnv e;
    th_env_init(&e, bench_init, &iters);
    uint64_t best = UINT64_MAX;
    for (int rep = 0; rep < 3; rep++) {
        memcpy(e.state + X1, &iters, 8);
        uint64_t t0 = fvp_now_ns();
        rt_compiled_run(fn, &e.cpu, &e.exit);
        uint64_t t = fvp_now_ns() - t0;
        best = t < best ? t : best;
    }
    r.run_ns_per_iter = (double)best / (double)(iters ? iters : 1);
    th_env_free(&e);
    tr_jit_destroy(jit);
    return r;
}

static double interp_ns_per_iter(IRBlock *b, uint64_t iters)
{
    const IRBlock *blocks[] = {b};
    ThEnv e;
    th_env_init(&e, bench_init, &iters);
    uint64_t t0 = fvp_now_ns();
    th_run_interp(&e, blocks, 1, UINT32_MAX);
    uint64_t t = fvp_now_ns() - t0;
    th_env_free(&e);
    return (double)t / (double)iters;
}

static const char *const pipelines[] = {
    "",
    "default<O1>",
    "default<O2>",
    "default<O3>",
    /* custom (the default): scalar clean-up, register promotion and loop-invariant motion, no
     * unrolling or vectorisation passes (guest code is already vector where it matters) */
    TR_JIT_DEFAULT_PIPELINE,
};

Test(translator_bench, pipelines_and_speedup, .timeout = 300)
{
    struct {
        const char *name;
        IRBlock *(*build)(void);
        uint64_t iters;
    } regions[] = {
        {"int loop", region_int, 200000},
        {"fp loop", region_fp, 200000},
        {"vec loop", region_vec, 200000},
        {"straight 100", region_straight, 1},
    };
    fprintf(stderr, "%-14s %-12s %10s %10s %12s\n", "region", "pipeline", "compile ms", "code B",
            "ns/iter");
    for (unsigned r = 0; r < FVP_ARRAY_LEN(regions); r++) {
        IRBlock *b = regions[r].build();
        double interp = regions[r].iters > 1 ? interp_ns_per_iter(b, regions[r].iters) : 0;
        if (interp)
            fprintf(stderr, "%-14s %-12s %10s %10s %12.2f\n", regions[r].name, "interp", "-",
                    "-", interp);
        for (unsigned p = 0; p < FVP_ARRAY_LEN(pipelines); p++) {
            BenchResult res = measure(pipelines[p], b, regions[r].iters);
            const char *pname = pipelines[p][0] == 0          ? "none"
                                : strncmp(pipelines[p], "default", 7) == 0 ? pipelines[p]
                                                                           : "custom";
            fprintf(stderr, "%-14s %-12s %10.2f %10" PRIu64 " %12.2f\n", regions[r].name,
                    pname, res.compile_ms, res.code_bytes, res.run_ns_per_iter);
            if (interp && strcmp(pipelines[p], TR_JIT_DEFAULT_PIPELINE) == 0)
                cr_expect_lt(res.run_ns_per_iter * 3, interp,
                             "%s: the default pipeline's code (%.2f ns/iter) should be at least "
                             "3x faster than the interpreter (%.2f ns/iter)",
                             regions[r].name, res.run_ns_per_iter, interp);
        }
        ir_block_free(b);
    }
}
