/* Micro-benchmark: computed-goto (interp_run) vs switch (interp_run_switch) dispatch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/common.h"
#include "ir/ir.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"

/*
 * Three blocks shaped like lifted RISC-V code run through both dispatch loops, interleaved
 * (goto batch, switch batch, goto batch, ...) so that frequency changes and noise from
 * other processes hit both alike, and times them in thread CPU time, so that time the
 * scheduler gives to other processes on a loaded machine does not count. Reports the
 * median ns per block run and per IR
 * instruction of each loop and the ratio switch / goto (> 1: computed goto is faster).
 *
 *   usage: bench_interp_dispatch [runs_per_batch [repetitions]]
 */

enum { STATE_SIZE = 512, MEM_SIZE = 1 << 16 };

typedef struct BenchBlock {
    const char *name;
    IRBlock *block;
} BenchBlock;

/* Guest register x<n> lives at state offset 16 + 8 * n. */
static uint32_t reg(unsigned n)
{
    return 16 + 8 * n;
}

/* An integer loop body: ALU ops, a compare and a side exit that is never taken. */
static IRBlock *bench_build_int(void)
{
    IRBlock *b = ir_block_new(0x10000);
    uint64_t pc = 0x10000;
    for (unsigned round = 0; round < 4; round++) {
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t a = ir_get(b, IR_I64, reg(10)), c = ir_get(b, IR_I64, reg(11));
        uint32_t s = ir_binop(b, IR_ADD, a, c);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t x = ir_binop(b, IR_XOR, s, ir_const(b, IR_I64, 0x5555));
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t sh = ir_binop(b, IR_SHL, x, ir_const(b, IR_I64, 3));
        uint32_t sr = ir_binop(b, IR_SHR, sh, ir_const(b, IR_I64, 7));
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t w = ir_conv(b, IR_TRUNC, IR_I32, sr);
        uint32_t w2 = ir_binop(b, IR_ADD, w, ir_const(b, IR_I32, 1));
        uint32_t e = ir_conv(b, IR_SEXT, IR_I64, w2);
        ir_put(b, reg(10), e);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t cnd = ir_cmp(b, IR_CC_SLT, e, ir_const(b, IR_I64, (uint64_t)INT64_MIN));
        ir_exit_if(b, cnd, 0x20000);
        ir_put(b, reg(11), ir_binop(b, IR_SUB, c, ir_const(b, IR_I64, 1)));
    }
    ir_goto(b, 0x10000, IR_JUMP_PLAIN, 0);
    return b;
}

/* A memory-heavy body: a copy loop with address arithmetic and mixed widths. */
static IRBlock *bench_build_mem(void)
{
    IRBlock *b = ir_block_new(0x11000);
    uint64_t pc = 0x11000;
    for (unsigned round = 0; round < 4; round++) {
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t src = ir_get(b, IR_I64, reg(12)), dst = ir_get(b, IR_I64, reg(13));
        uint32_t v = ir_load(b, IR_I64, src);
        ir_insn_start(b, pc, 4);
        pc += 4;
        ir_store(b, dst, v);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t off = ir_binop(b, IR_ADD, src, ir_const(b, IR_I64, 8));
        uint32_t h = ir_load(b, IR_I32, off);
        uint32_t h2 = ir_binop(b, IR_ADD, h, ir_const(b, IR_I32, 3));
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t doff = ir_binop(b, IR_ADD, dst, ir_const(b, IR_I64, 8));
        ir_store(b, doff, h2);
        uint32_t byte = ir_load(b, IR_I8, ir_binop(b, IR_ADD, src, ir_const(b, IR_I64, 12)));
        ir_store(b, ir_binop(b, IR_ADD, dst, ir_const(b, IR_I64, 12)), byte);
        ir_insn_start(b, pc, 4);
        pc += 4;
        /* advance and wrap inside a 4 KiB window */
        uint32_t mask = ir_const(b, IR_I64, 0xff0);
        uint32_t ns = ir_binop(b, IR_AND, ir_binop(b, IR_ADD, src, ir_const(b, IR_I64, 16)), mask);
        uint32_t nd = ir_binop(b, IR_AND, ir_binop(b, IR_ADD, dst, ir_const(b, IR_I64, 16)), mask);
        ir_put(b, reg(12), ns);
        ir_put(b, reg(13), ir_binop(b, IR_OR, nd, ir_const(b, IR_I64, 0x1000)));
    }
    ir_goto(b, 0x11000, IR_JUMP_PLAIN, 0);
    return b;
}

/* An FP body: RISC-V style f64 arithmetic (static RNE and dynamic rm), fma, a conversion. */
static IRBlock *bench_build_fp(void)
{
    IRBlock *b = ir_block_new(0x12000);
    uint64_t pc = 0x12000;
    for (unsigned round = 0; round < 2; round++) {
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t x = ir_get(b, IR_F64, reg(20)), y = ir_get(b, IR_F64, reg(21));
        uint32_t s = ir_fop(b, IR_FADD, IR_RM_RNE, IR_NAN_CANONICAL, 0, x, y, 0);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t m = ir_fop(b, IR_FMUL, IR_RM_RNE, IR_NAN_CANONICAL, 0, s, y, 0);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t f = ir_fop(b, IR_FMA, IR_RM_DYN, IR_NAN_CANONICAL, 0, m, x, s);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t d = ir_fop(b, IR_FDIV, IR_RM_DYN, IR_NAN_CANONICAL, 0, f, y, 0);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t i = ir_fcvt(b, IR_FCVT_F2I, IR_I64, IR_CVT_SIGNED, IR_RM_RTZ, IR_NAN_CANONICAL, d);
        ir_put(b, reg(10), i);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t small = ir_fop(b, IR_FMUL, IR_RM_RNE, IR_NAN_CANONICAL, 0, d,
                                ir_const(b, IR_F64, 0x3f50000000000000ull), 0);
        ir_put(b, reg(20), small);
        ir_insn_start(b, pc, 4);
        pc += 4;
        uint32_t fl = ir_fcmp(b, IR_FCC_OLT, IR_NAN_CANONICAL, small, x);
        ir_put(b, reg(22), ir_conv(b, IR_ZEXT, IR_I64, fl));
    }
    ir_goto(b, 0x12000, IR_JUMP_PLAIN, 0);
    return b;
}

static void bench_reset(uint8_t *state)
{
    memset(state, 0, STATE_SIZE);
    uint64_t v;
    v = 12345;
    memcpy(state + reg(10), &v, 8);
    v = 1u << 20;
    memcpy(state + reg(11), &v, 8);
    v = 0x100;
    memcpy(state + reg(12), &v, 8);
    v = 0x1000;
    memcpy(state + reg(13), &v, 8);
    double x = 1.5, y = 0.75;
    memcpy(state + reg(20), &x, 8);
    memcpy(state + reg(21), &y, 8);
}

static int bench_compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static uint64_t bench_median(uint64_t *v, size_t n)
{
    qsort(v, n, sizeof(*v), bench_compare_u64);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* CPU time of this thread in ns. */
static uint64_t bench_cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

typedef void (*BenchRunFn)(RtCpu *, const InterpCode *, RtExit *);

/* Runs code `runs` times from a fresh state; ns for the batch, or 0 if a run did not end in
 * the expected jump (the blocks are built so that they always do). */
static uint64_t bench_batch(BenchRunFn run, RtCpu *cpu, const InterpCode *code, unsigned runs)
{
    RtExit out = {0};
    bench_reset(cpu->state);
    uint64_t t0 = bench_cpu_ns();
    for (unsigned i = 0; i < runs; i++)
        run(cpu, code, &out);
    uint64_t t1 = bench_cpu_ns();
    if (out.kind != RT_EXIT_JUMP || out.next_pc != interp_code_pc(code))
        return 0;
    return t1 - t0;
}

int main(int argc, char **argv)
{
    unsigned runs = argc > 1 ? (unsigned)strtoul(argv[1], NULL, 0) : 20000;
    unsigned reps = argc > 2 ? (unsigned)strtoul(argv[2], NULL, 0) : 11;
    if (!runs || !reps || reps > 1000) {
        fprintf(stderr, "usage: %s [runs_per_batch [repetitions (1..1000)]]\n", argv[0]);
        return 2;
    }
    BenchBlock blocks[] = {
        {"int-loop", bench_build_int()},
        {"memory", bench_build_mem()},
        {"fp", bench_build_fp()},
    };
    uint8_t *state = calloc(1, STATE_SIZE), *mem = calloc(1, MEM_SIZE);
    uint64_t *t_goto = calloc(reps, sizeof(uint64_t)), *t_switch = calloc(reps, sizeof(uint64_t));
    RtCpu *cpu = calloc(1, sizeof(RtCpu));
    if (!state || !mem || !t_goto || !t_switch || !cpu) {
        fprintf(stderr, "bench_interp_dispatch: out of memory\n");
        return 1;
    }
    cpu->state = state;
    cpu->mem_base = mem;
    cpu->mem_limit = MEM_SIZE;
    int status = 0;
    printf("%-9s %6s %6s %12s %12s %10s %10s %7s\n", "block", "ir", "guest", "goto ns/blk",
           "switch ns/blk", "goto ns/ir", "switch ns/ir", "ratio");
    for (size_t k = 0; k < FVP_ARRAY_LEN(blocks); k++) {
        InterpCode *code;
        FvpError *err = interp_prepare(blocks[k].block, &code);
        if (err) {
            fvp_error_print(err, "bench_interp_dispatch", stderr);
            fvp_error_free(err);
            return 1;
        }
        /* warm up caches and branch predictors for both loops */
        bench_batch(interp_run, cpu, code, runs);
        bench_batch(interp_run_switch, cpu, code, runs);
        for (unsigned r = 0; r < reps; r++) {
            t_goto[r] = bench_batch(interp_run, cpu, code, runs);
            t_switch[r] = bench_batch(interp_run_switch, cpu, code, runs);
            if (!t_goto[r] || !t_switch[r]) {
                fprintf(stderr, "bench_interp_dispatch: %s left through an unexpected exit\n",
                        blocks[k].name);
                status = 1;
            }
        }
        size_t nir = 0;
        for (size_t i = 0; i < blocks[k].block->count; i++)
            nir += blocks[k].block->insns[i].op != IR_CONST;
        double g = (double)bench_median(t_goto, reps) / runs;
        double s = (double)bench_median(t_switch, reps) / runs;
        printf("%-9s %6zu %6u %12.1f %12.1f %10.2f %10.2f %7.3f\n", blocks[k].name, nir,
               blocks[k].block->guest_insns, g, s, g / (double)nir, s / (double)nir, s / g);
        interp_code_free(code);
        ir_block_free(blocks[k].block);
    }
    printf("runs per batch %u, repetitions %u (medians of thread CPU time); ratio = switch / "
           "goto; dispatched instructions exclude constants\n",
           runs, reps);
    free(cpu);
    free(t_goto);
    free(t_switch);
    free(mem);
    free(state);
    return status;
}
