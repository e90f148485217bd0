/* FP ops through the interpreter and the JIT: every op x rounding mode x NaN mode, edge inputs,
 * per-op fp_flags; plus known answers for NaN, signed zero, rounding and flags. */
#include "test_translator_harness.h"

#include <llvm-c/Core.h>
#include <llvm-c/TargetMachine.h>

enum { IN_BASE = 16, PC = 0x1000, NEXT_PC = 0x2000, SLOT = 32 };

typedef struct FpInit {
    const IRValue *values;
    unsigned nv;
    uint32_t fp_round;
} FpInit;

static void fp_init(uint8_t *state, uint8_t *mem, void *user)
{
    const FpInit *f = user;
    for (unsigned k = 0; k < f->nv; k++)
        memcpy(state + IN_BASE + 16 * k, &f->values[k], 16);
    ((IRStateHeader *)state)->fp_round = f->fp_round;
    (void)mem;
}

static const uint32_t f32_bits[] = {
    0x00000000, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x00800001, 0x00000001,
    0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc00123,
    0x3eaaaaab,
};
static const uint64_t f64_bits[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
    0x3ff8000000000000ull, 0x0010000000000001ull, 0x0000000000000001ull, 0x0010000000000000ull,
    0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0x7ff0000000000001ull, 0xfff8000000000123ull, 0x3fd5555555555555ull,
    0x3feffffffffffffeull, /* (1 - 2^-52) * 0x0010000000000001: tiny only before rounding */
};

static unsigned scalar_values(IRType t, IRValue *v)
{
    unsigned n = FVP_ARRAY_LEN(f32_bits);
    for (unsigned k = 0; k < n; k++) {
        memset(&v[k], 0, sizeof v[k]);
        v[k].u64[0] = t == IR_F32 ? f32_bits[k] : f64_bits[k];
    }
    return n;
}

/* Vectors mixing the scalar edge values lane by lane. */
static unsigned vector_values(IRLane lane, IRValue *v)
{
    unsigned nv = 8, n = ir_lane_count(lane), ns = FVP_ARRAY_LEN(f32_bits);
    for (unsigned k = 0; k < nv; k++)
        for (unsigned i = 0; i < n; i++) {
            unsigned s = (k * 5 + i * 3) % ns;
            if (lane == IR_LANE_F32X4)
                v[k].u32[i] = f32_bits[s];
            else
                v[k].u64[i] = f64_bits[s];
        }
    return nv;
}

typedef struct FpCase {
    IROp op;
    uint8_t cond, rm, nan;
    IRType type;
    IRLane lane;
    IRType to;
    uint32_t fp_round;
} FpCase;

/* Pairs per compiled block: LLVM's code generation time grows much faster than linearly
 * with the size of one straight-line block of FP ops and flag reads (all 256 pairs in one
 * block took minutes), so each case is split into blocks of this many pairs. */
enum { PAIRS_PER_BLOCK = 32 };

/* Applies the op to the pairs first .. first + PAIRS_PER_BLOCK - 1 (unary: every value;
 * FMA: (a, b, next)) and records value and flags per op; false when there are none. */
static bool run_fp_part(TrJit *jit, const FpCase *c, const IRValue *values, unsigned nv,
                        unsigned first)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t xs[16];
    for (unsigned k = 0; k < nv; k++)
        xs[k] = ir_emit(b, &(IRInsn){.op = IR_GET, .type = c->type, .lane = c->lane,
                                     .imm = IN_BASE + 16 * k});
    unsigned nargs = ir_op_info[c->op].nargs;
    unsigned out = IN_BASE + 16 * nv, pair = 0, done = 0;
    for (unsigned i = 0; i < nv; i++)
        for (unsigned j = 0; j < (nargs > 1 ? nv : 1); j++, pair++) {
            if (out + SLOT > TH_STATE_SIZE || pair < first || pair >= first + PAIRS_PER_BLOCK)
                continue;
            done++;
            uint32_t x = xs[i], y = xs[j], z = xs[(i + j + 1) % nv], r;
            switch (c->op) {
            case IR_FCMP:
                r = ir_fcmp(b, (IRFCond)c->cond, (IRNanMode)c->nan, x, y);
                if (!c->lane)
                    r = ir_conv(b, IR_ZEXT, IR_I8, r);
                break;
            case IR_FCVT_F2I:
            case IR_FCVT_I2F:
            case IR_FCVT_F2F:
                r = ir_fcvt(b, c->op, c->to, c->cond, (IRRound)c->rm, (IRNanMode)c->nan, x);
                break;
            default:
                r = ir_fop(b, c->op, (IRRound)c->rm, (IRNanMode)c->nan, c->cond, x, y, z);
                break;
            }
            ir_put(b, out, r);
            ir_put(b, out + 16, ir_get(b, IR_I32, 12));
            ir_put(b, 12, ir_const(b, IR_I32, 0));
            out += SLOT;
        }
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    FpInit init = {.values = values, .nv = nv, .fp_round = c->fp_round};
    const IRBlock *blocks[] = {b};
    char what[160];
    snprintf(what, sizeof what, "%s.%s cond %u rm %u nan %u fp_round %u to %s",
             ir_op_info[c->op].name, c->lane ? ir_lane_name(c->lane) : ir_type_name(c->type),
             c->cond, c->rm, c->nan, c->fp_round, ir_type_name(c->to));
    if (done)
        th_run_both(jit, what, blocks, 1, fp_init, &init, NULL);
    ir_block_free(b);
    return done != 0;
}

/* run_fp_part over all pairs. */
static void run_fp(TrJit *jit, const FpCase *c, const IRValue *values, unsigned nv)
{
    for (unsigned first = 0; run_fp_part(jit, c, values, nv, first); first += PAIRS_PER_BLOCK)
        ;
}

/* Modes for ops with a native path: each native route (static RNE, DYN at RNE, RISC-V and
 * both ARM NaN rules) and each call route (static modes, DYN at another mode, x86 NaNs). */
typedef struct Mode {
    uint8_t rm, nan;
    uint32_t fp_round;
} Mode;
/* Even entries (which the vector test runs) are every native route plus x86's calls. */
static const Mode modes[] = {
    {IR_RM_RNE, IR_NAN_CANONICAL, 0},           {IR_RM_RTZ, IR_NAN_CANONICAL, 0},
    {IR_RM_DYN, IR_NAN_CANONICAL, IR_RM_RNE},   {IR_RM_RMM, IR_NAN_CANONICAL, 0},
    {IR_RM_RNE, IR_NAN_ARM, 0},                 {IR_RM_DYN, IR_NAN_CANONICAL, IR_RM_RDN},
    {IR_RM_DYN, IR_NAN_ARM_FPCR, IR_RM_RNE},    {IR_RM_RNE, IR_NAN_ARM_DEFAULT, 0},
    {IR_RM_DYN, IR_NAN_ARM_FPCR, IR_FPMODE_FZ}, {IR_RM_DYN, IR_NAN_ARM, IR_RM_RUP},
    {IR_RM_RUP, IR_NAN_X86, 0},
    {IR_RM_DYN, IR_NAN_ARM_FPCR, IR_FPMODE_FZ | IR_FPMODE_DN | IR_RM_RDN},
};
/* Modes for ops that always call runtime/fp.c (the rounding mode is an argument). */
static const Mode call_modes[] = {
    {IR_RM_RNE, IR_NAN_CANONICAL, 0},
    {IR_RM_RDN, IR_NAN_ARM, 0},
    {IR_RM_RMM, IR_NAN_X86, 0},
    {IR_RM_DYN, IR_NAN_CANONICAL, IR_RM_RTZ},
};

static const IRType fp_types[] = {IR_F32, IR_F64};

Test(translator_fp, arithmetic)
{
    static const IROp ops[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FMA};
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    for (unsigned ti = 0; ti < 2; ti++) {
        unsigned nv = scalar_values(fp_types[ti], v);
        for (unsigned k = 0; k < FVP_ARRAY_LEN(ops); k++)
            for (unsigned m = 0; m < FVP_ARRAY_LEN(modes); m++) {
                FpCase c = {.op = ops[k], .type = fp_types[ti], .rm = modes[m].rm,
                            .nan = modes[m].nan, .fp_round = modes[m].fp_round};
                run_fp(jit, &c, v, nv);
            }
    }
    tr_jit_destroy(jit);
}

Test(translator_fp, min_max_compare_round)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    for (unsigned ti = 0; ti < 2; ti++) {
        IRType t = fp_types[ti];
        unsigned nv = scalar_values(t, v);
        /* Each min/max kind with its guest's NaN rules, plus ARM with default NaNs. */
        static const uint8_t kinds[][2] = {{IR_FMIN_NUMBER, IR_NAN_CANONICAL},
                                           {IR_FMIN_ARM, IR_NAN_ARM},
                                           {IR_FMIN_ARM, IR_NAN_ARM_DEFAULT},
                                           {IR_FMIN_ARM_NM, IR_NAN_ARM},
                                           {IR_FMIN_X86, IR_NAN_X86}};
        for (unsigned k = 0; k < FVP_ARRAY_LEN(kinds); k++) {
            FpCase c = {.op = IR_FMIN, .type = t, .cond = kinds[k][0], .nan = kinds[k][1]};
            run_fp(jit, &c, v, nv);
            c.op = IR_FMAX;
            run_fp(jit, &c, v, nv);
        }
        /* Compares: native for every NaN rule but x86's; under the run-time FPCR only
         * while FZ is clear (FZ flushes denormal inputs: the call). */
        static const uint32_t cmp_modes[][2] = {
            {IR_NAN_CANONICAL, 0}, {IR_NAN_ARM, 0},      {IR_NAN_ARM_DEFAULT, 0},
            {IR_NAN_X86, 0},       {IR_NAN_ARM_FPCR, 0}, {IR_NAN_ARM_FPCR, IR_FPMODE_FZ},
            {IR_NAN_ARM_FPCR, IR_FPMODE_FZ | IR_FPMODE_DN | IR_RM_RUP}};
        for (unsigned cc = 0; cc < IR_FCC_COUNT; cc++)
            for (unsigned m = 0; m < FVP_ARRAY_LEN(cmp_modes); m++) {
                FpCase c = {.op = IR_FCMP, .type = t, .cond = cc,
                            .nan = (uint8_t)cmp_modes[m][0], .fp_round = cmp_modes[m][1]};
                run_fp(jit, &c, v, nv);
            }
        for (unsigned m = 0; m < FVP_ARRAY_LEN(call_modes); m++)
            for (unsigned sig = 0; sig < 2; sig++) {
                FpCase c = {.op = IR_FROUND, .type = t, .cond = sig, .rm = call_modes[m].rm,
                            .nan = call_modes[m].nan, .fp_round = call_modes[m].fp_round};
                run_fp(jit, &c, v, nv);
            }
    }
    tr_jit_destroy(jit);
}

Test(translator_fp, conversions)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    static const IRType ints[] = {IR_I32, IR_I64};
    static const unsigned kinds[] = {
        IR_CVT_SIGNED | IR_CVT_SAT_RISCV, IR_CVT_UNSIGNED | IR_CVT_SAT_RISCV,
        IR_CVT_SIGNED | IR_CVT_SAT_ARM,   IR_CVT_UNSIGNED | IR_CVT_SAT_ARM,
        IR_CVT_SIGNED | IR_CVT_INDEFINITE};
    for (unsigned ti = 0; ti < 2; ti++) {
        IRType t = fp_types[ti];
        unsigned nv = scalar_values(t, v);
        for (unsigned m = 0; m < FVP_ARRAY_LEN(call_modes); m++) {
            for (unsigned ii = 0; ii < 2; ii++)
                for (unsigned k = 0; k < FVP_ARRAY_LEN(kinds); k++) {
                    FpCase c = {.op = IR_FCVT_F2I, .type = t, .to = ints[ii], .cond = kinds[k],
                                .rm = call_modes[m].rm, .nan = call_modes[m].nan,
                                .fp_round = call_modes[m].fp_round};
                    run_fp(jit, &c, v, nv);
                }
            FpCase c = {.op = IR_FCVT_F2F, .type = t, .to = t == IR_F32 ? IR_F64 : IR_F32,
                        .rm = call_modes[m].rm, .nan = call_modes[m].nan,
                        .fp_round = call_modes[m].fp_round};
            run_fp(jit, &c, v, nv);
        }
    }
    /* Integer -> float: the integer edge values. */
    static const uint64_t ints64[] = {0, 1, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
                                      0x0020000000000001ull, 0x1000001, 0xffffffff, 0x80000001};
    for (unsigned ii = 0; ii < 2; ii++) {
        unsigned nv = FVP_ARRAY_LEN(ints64);
        for (unsigned k = 0; k < nv; k++) {
            memset(&v[k], 0, 16);
            v[k].u64[0] = ints[ii] == IR_I32 ? (uint32_t)ints64[k] : ints64[k];
        }
        for (unsigned ti = 0; ti < 2; ti++)
            for (unsigned m = 0; m < FVP_ARRAY_LEN(call_modes); m++)
                for (unsigned sign = 0; sign < 2; sign++) {
                    FpCase c = {.op = IR_FCVT_I2F, .type = ints[ii], .to = fp_types[ti],
                                .cond = sign, .rm = call_modes[m].rm, .nan = call_modes[m].nan,
                                .fp_round = call_modes[m].fp_round};
                    run_fp(jit, &c, v, nv);
                }
    }
    tr_jit_destroy(jit);
}

Test(translator_fp, vectors)
{
    static const IROp ops[] = {IR_FADD, IR_FSUB, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FMA, IR_FNEG,
                               IR_FABS};
    static const IRLane lanes[] = {IR_LANE_F32X4, IR_LANE_F64X2};
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    for (unsigned li = 0; li < 2; li++) {
        unsigned nv = vector_values(lanes[li], v);
        for (unsigned k = 0; k < FVP_ARRAY_LEN(ops); k++)
            for (unsigned m = 0; m < FVP_ARRAY_LEN(modes); m += 2) { /* the even modes */
                FpCase c = {.op = ops[k], .type = IR_V128, .lane = lanes[li], .rm = modes[m].rm,
                            .nan = modes[m].nan, .fp_round = modes[m].fp_round};
                run_fp(jit, &c, v, nv);
            }
        FpCase mn = {.op = IR_FMIN, .type = IR_V128, .lane = lanes[li], .cond = IR_FMIN_X86,
                     .nan = IR_NAN_X86};
        run_fp(jit, &mn, v, nv);
        FpCase cmp = {.op = IR_FCMP, .type = IR_V128, .lane = lanes[li], .cond = IR_FCC_OLT_S};
        run_fp(jit, &cmp, v, nv);
    }
    tr_jit_destroy(jit);
}

/* Known answers: both engines must also be right, not only agree. */
Test(translator_fp, known_answers)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[6] = {{.u64 = {0x7f800001}},  /* f32 sNaN */
                    {.u64 = {0x80000000}},  /* f32 -0 */
                    {.u64 = {0x3f800000}},  /* f32 1.0 */
                    {.u64 = {0x00000000}},  /* f32 +0 */
                    {.u64 = {0x00800001}},  /* f32 MIN_NORMAL * (1 + 2^-23) */
                    {.u64 = {0x3f7ffffe}}}; /* f32 1 - 2^-23 */
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t snan = ir_get(b, IR_F32, IN_BASE), mz = ir_get(b, IR_F32, IN_BASE + 16);
    uint32_t one = ir_get(b, IR_F32, IN_BASE + 32), pz = ir_get(b, IR_F32, IN_BASE + 48);
    uint32_t mn = ir_get(b, IR_F32, IN_BASE + 64), below1 = ir_get(b, IR_F32, IN_BASE + 80);
    struct {
        uint32_t value;
        uint32_t expect_bits, expect_flags;
    } k[10];
    unsigned n = 0;
    /* Each op's value and flags are stored right after it, then the flags are cleared. */
#define KNOWN(v, bits, flags)                                                                      \
    do {                                                                                           \
        k[n].value = (v);                                                                          \
        k[n].expect_bits = (bits);                                                                 \
        k[n].expect_flags = (flags);                                                               \
        ir_put(b, 256 + 16 * n, k[n].value);                                                       \
        ir_put(b, 256 + 16 * n + 8, ir_get(b, IR_I32, 12));                                        \
        ir_put(b, 12, ir_const(b, IR_I32, 0));                                                     \
        n++;                                                                                       \
    } while (0)
    KNOWN(ir_fop(b, IR_FADD, IR_RM_RNE, IR_NAN_CANONICAL, 0, snan, one, 0), 0x7fc00000, IR_FPF_NV);
    KNOWN(ir_fop(b, IR_FADD, IR_RM_RNE, IR_NAN_CANONICAL, 0, mz, pz, 0), 0x00000000, 0);
    KNOWN(ir_fop(b, IR_FADD, IR_RM_RDN, IR_NAN_CANONICAL, 0, mz, pz, 0), 0x80000000, 0);
    KNOWN(ir_fop(b, IR_FDIV, IR_RM_RNE, IR_NAN_CANONICAL, 0, one, pz, 0), 0x7f800000, IR_FPF_DZ);
    KNOWN(ir_fop(b, IR_FMIN, IR_RM_RNE, IR_NAN_CANONICAL, IR_FMIN_NUMBER, pz, mz, 0), 0x80000000,
          0);
    KNOWN(ir_fop(b, IR_FADD, IR_RM_RNE, IR_NAN_X86, 0, snan, one, 0), 0x7fc00001, IR_FPF_NV);
    /* 2^-126 (1 - 2^-46) rounds up to MIN_NORMAL: tiny before rounding (AArch64 underflow),
     * not after (RISC-V). */
    KNOWN(ir_fop(b, IR_FMUL, IR_RM_RNE, IR_NAN_CANONICAL, 0, mn, below1, 0), 0x00800000,
          IR_FPF_NX);
    KNOWN(ir_fop(b, IR_FMUL, IR_RM_RNE, IR_NAN_ARM, 0, mn, below1, 0), 0x00800000,
          IR_FPF_NX | IR_FPF_UF);
    /* AArch64 propagation: a signalling NaN beats an earlier quiet NaN. */
    KNOWN(ir_fop(b, IR_FADD, IR_RM_RNE, IR_NAN_ARM, 0, ir_fop(b, IR_FSQRT, IR_RM_RNE,
                 IR_NAN_ARM_DEFAULT, 0, ir_fop(b, IR_FNEG, IR_RM_RNE, IR_NAN_ARM, 0, one, 0, 0),
                 0, 0), snan, 0),
          0x7fc00001, IR_FPF_NV);
#undef KNOWN
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    FpInit init = {.values = v, .nv = 6};
    const IRBlock *blocks[] = {b};
    ThEnv e;
    th_run_both(jit, "fp known answers", blocks, 1, fp_init, &init, &e);
    for (unsigned i = 0; i < n; i++) {
        uint32_t bits, flags;
        memcpy(&bits, e.state + 256 + 16 * i, 4);
        memcpy(&flags, e.state + 256 + 16 * i + 8, 4);
        cr_expect_eq(bits, k[i].expect_bits, "case %u: bits %08x", i, bits);
        cr_expect_eq(flags, k[i].expect_flags, "case %u: flags %x", i, flags);
    }
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* rm = DYN follows fp_round changes made inside the region (the native path is taken only
 * while it is RNE). */
Test(translator_fp, dynamic_rounding_changes_inside_region)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[2] = {{.u64 = {0x3ff0000000000000ull}}, {.u64 = {0x4008000000000000ull}}};
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t one = ir_get(b, IR_F64, IN_BASE), three = ir_get(b, IR_F64, IN_BASE + 16);
    ir_put(b, 64, ir_fop(b, IR_FDIV, IR_RM_DYN, IR_NAN_CANONICAL, 0, one, three, 0));
    ir_put(b, 8, ir_const(b, IR_I32, IR_RM_RUP));
    ir_put(b, 72, ir_fop(b, IR_FDIV, IR_RM_DYN, IR_NAN_CANONICAL, 0, one, three, 0));
    ir_put(b, 8, ir_const(b, IR_I32, IR_RM_RNE));
    ir_put(b, 80, ir_fop(b, IR_FDIV, IR_RM_DYN, IR_NAN_CANONICAL, 0, one, three, 0));
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    FpInit init = {.values = v, .nv = 2};
    const IRBlock *blocks[] = {b};
    ThEnv e;
    th_run_both(jit, "dyn", blocks, 1, fp_init, &init, &e);
    uint64_t r[3];
    memcpy(r, e.state + 64, sizeof r);
    cr_expect_eq(r[0], 0x3fd5555555555555ull);
    cr_expect_eq(r[1], 0x3fd5555555555556ull, "1/3 rounded up");
    cr_expect_eq(r[2], 0x3fd5555555555555ull);
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* Dynamic rounding with a reserved fp_round traps as an illegal instruction, with the state
 * written before it kept. */
Test(translator_fp, reserved_dynamic_mode_traps)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[2] = {{.u64 = {0x3ff0000000000000ull}}, {.u64 = {0x4008000000000000ull}}};
    static const IROp ops[] = {IR_FADD, IR_FMA, IR_FCVT_F2I, IR_FNEG};
    for (unsigned k = 0; k < FVP_ARRAY_LEN(ops); k++) {
        IRBlock *b = ir_block_new(PC);
        ir_insn_start(b, PC, 4);
        uint32_t one = ir_get(b, IR_F64, IN_BASE), three = ir_get(b, IR_F64, IN_BASE + 16);
        ir_put(b, 64, one);
        ir_insn_start(b, PC + 4, 4);
        uint32_t r = ops[k] == IR_FCVT_F2I
                         ? ir_fcvt(b, IR_FCVT_F2I, IR_I64, IR_CVT_SIGNED, IR_RM_DYN,
                                   IR_NAN_CANONICAL, one)
                         : ir_fop(b, ops[k], IR_RM_DYN, IR_NAN_CANONICAL, 0, one, three, one);
        ir_put(b, 72, r);
        ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
        FpInit init = {.values = v, .nv = 2, .fp_round = 5};
        const IRBlock *blocks[] = {b};
        ThEnv e;
        th_run_both(jit, ir_op_info[ops[k]].name, blocks, 1, fp_init, &init, &e);
        cr_expect_eq(e.exit.kind, RT_EXIT_TRAP);
        cr_expect_eq(e.exit.trap_kind, IR_TRAP_ILLEGAL);
        cr_expect_eq(e.exit.pc, PC + 4);
        th_env_free(&e);
        ir_block_free(b);
    }
    tr_jit_destroy(jit);
}

/* Flags raised by native ops stay accrued in fp_flags across the region's exit. */
Test(translator_fp, flags_accrue_to_exit)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[2] = {{.u64 = {0x3ff0000000000000ull}}, {.u64 = {0x4008000000000000ull}}};
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t one = ir_get(b, IR_F64, IN_BASE), three = ir_get(b, IR_F64, IN_BASE + 16);
    ir_put(b, 64, ir_fop(b, IR_FDIV, IR_RM_RNE, IR_NAN_CANONICAL, 0, one, three, 0));
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    FpInit init = {.values = v, .nv = 2};
    const IRBlock *blocks[] = {b};
    ThEnv e;
    th_run_both(jit, "accrue", blocks, 1, fp_init, &init, &e);
    cr_expect_eq(((IRStateHeader *)e.state)->fp_flags, IR_FPF_NX);
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* ---- TR_LOWER_FP_GUARD: the default mode tested once at entry ------------------------- */

static TrJit *guard_jit_new(void)
{
    TrJitOptions o = {.user_mode = true, .fp_guard = true};
    TrJit *jit = NULL;
    FvpError *err = tr_jit_create(&o, &jit);
    fvp_error_free(err);
    cr_assert_not_null(jit);
    return jit;
}

/* x = 1/3 with rm = dyn into state 64, then goto NEXT_PC. */
static IRBlock *dyn_div_block(IRNanMode nan)
{
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t one = ir_get(b, IR_F64, IN_BASE), three = ir_get(b, IR_F64, IN_BASE + 16);
    ir_put(b, 64, ir_fop(b, IR_FDIV, IR_RM_DYN, nan, 0, one, three, 0));
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    return b;
}

/* Under the guard, operations that read the mode agree with the interpreter at mode 0
 * (every native and call route, both NaN rules that read it). */
Test(translator_fp, guarded_ops_match_the_interpreter_at_the_default_mode)
{
    static const IROp ops[] = {IR_FADD, IR_FMUL, IR_FDIV, IR_FSQRT, IR_FMA};
    static const uint8_t nans[] = {IR_NAN_CANONICAL, IR_NAN_ARM_FPCR};
    TrJit *jit = guard_jit_new();
    IRValue v[16];
    for (unsigned ti = 0; ti < 2; ti++) {
        unsigned nv = scalar_values(fp_types[ti], v);
        for (unsigned k = 0; k < FVP_ARRAY_LEN(ops); k++)
            for (unsigned n = 0; n < FVP_ARRAY_LEN(nans); n++) {
                FpCase c = {.op = ops[k], .type = fp_types[ti], .rm = IR_RM_DYN, .nan = nans[n]};
                run_fp(jit, &c, v, nv);
            }
        FpCase cmp = {
            .op = IR_FCMP, .cond = IR_FCC_OLT, .type = fp_types[ti], .nan = IR_NAN_ARM_FPCR};
        run_fp(jit, &cmp, v, nv);
        FpCase cvt = {.op = IR_FCVT_F2I,
                      .cond = IR_CVT_SIGNED,
                      .type = fp_types[ti],
                      .rm = IR_RM_DYN,
                      .nan = IR_NAN_CANONICAL,
                      .to = IR_I64};
        run_fp(jit, &cvt, v, nv);
    }
    tr_jit_destroy(jit);
}

/* Under another mode (a rounding mode, a reserved one, AArch64's FZ alone) a guarded region
 * runs nothing: it leaves for its entry with RT_JUMP_DETAIL_FP_MODE. */
Test(translator_fp, guarded_region_declines_another_mode)
{
    static const uint32_t others[] = {IR_RM_RTZ, IR_RM_RMM, 5, IR_FPMODE_FZ, IR_FPMODE_DN};
    TrJit *jit = guard_jit_new();
    IRValue v[2] = {{.u64 = {0x3ff0000000000000ull}}, {.u64 = {0x4008000000000000ull}}};
    IRBlock *b = dyn_div_block(IR_NAN_CANONICAL);
    const IRBlock *blocks[] = {b};
    RtCompiledFn fn = th_compile(jit, blocks, 1, NULL);
    for (unsigned k = 0; k < FVP_ARRAY_LEN(others); k++) {
        FpInit init = {.values = v, .nv = 2, .fp_round = others[k]};
        ThEnv e;
        th_env_init(&e, fp_init, &init);
        ((IRStateHeader *)e.state)->pc = PC;
        rt_compiled_run(fn, &e.cpu, &e.exit);
        cr_expect_eq(e.exit.kind, RT_EXIT_JUMP, "mode %u", others[k]);
        cr_expect_eq(e.exit.detail, RT_JUMP_DETAIL_FP_MODE, "mode %u", others[k]);
        cr_expect_eq(e.exit.next_pc, PC, "mode %u", others[k]);
        uint64_t x;
        memcpy(&x, e.state + 64, 8);
        cr_expect_eq(x, 0, "mode %u: nothing ran", others[k]);
        cr_expect_eq(((IRStateHeader *)e.state)->fp_flags, 0, "mode %u", others[k]);
        th_env_free(&e);
    }
    FpInit init = {.values = v, .nv = 2};
    ThEnv e;
    th_env_init(&e, fp_init, &init);
    ((IRStateHeader *)e.state)->pc = PC;
    rt_compiled_run(fn, &e.cpu, &e.exit);
    cr_expect_eq(e.exit.detail, 0);
    cr_expect_eq(e.exit.next_pc, NEXT_PC);
    uint64_t x;
    memcpy(&x, e.state + 64, 8);
    cr_expect_eq(x, 0x3fd5555555555555ull);
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* The guard applies only where it is right and useful: a region that writes the mode keeps
 * the per-operation test (and runs under any mode), a region without FP runs under any
 * mode, and the guarded lowering has no per-operation test left. */
Test(translator_fp, guard_only_where_the_mode_is_read_and_not_written)
{
    TrJit *jit = guard_jit_new();
    IRValue v[2] = {{.u64 = {0x3ff0000000000000ull}}, {.u64 = {0x4008000000000000ull}}};
    IRBlock *w = ir_block_new(PC); /* 1/3 at the entry's mode, then at RUP */
    ir_insn_start(w, PC, 4);
    uint32_t one = ir_get(w, IR_F64, IN_BASE), three = ir_get(w, IR_F64, IN_BASE + 16);
    ir_put(w, 64, ir_fop(w, IR_FDIV, IR_RM_DYN, IR_NAN_CANONICAL, 0, one, three, 0));
    ir_put(w, 8, ir_const(w, IR_I32, IR_RM_RUP));
    ir_put(w, 72, ir_fop(w, IR_FDIV, IR_RM_DYN, IR_NAN_CANONICAL, 0, one, three, 0));
    ir_goto(w, NEXT_PC, IR_JUMP_PLAIN, 0);
    IRBlock *i = ir_block_new(PC); /* integer only */
    ir_insn_start(i, PC, 4);
    ir_put(i, 64, ir_binop(i, IR_ADD, ir_get(i, IR_I64, IN_BASE), ir_const(i, IR_I64, 1)));
    ir_goto(i, NEXT_PC, IR_JUMP_PLAIN, 0);
    IRBlock *d = dyn_div_block(IR_NAN_CANONICAL);
    const IRBlock *writes[] = {w}, *ints[] = {i}, *divs[] = {d};
    for (unsigned k = 0; k < 2; k++) {
        FpInit init = {.values = v, .nv = 2, .fp_round = k ? IR_RM_RTZ : IR_RM_RNE};
        ThEnv e;
        th_run_both(jit, "writes the mode", writes, 1, fp_init, &init, &e);
        cr_expect_eq(e.exit.detail, 0);
        cr_expect_eq(e.exit.next_pc, NEXT_PC);
        uint64_t r[2];
        memcpy(r, e.state + 64, sizeof r);
        cr_expect_eq(r[0], 0x3fd5555555555555ull, "1/3 at RNE and at RTZ");
        cr_expect_eq(r[1], 0x3fd5555555555556ull, "1/3 rounded up");
        th_env_free(&e);
        th_run_both(jit, "integer only", ints, 1, fp_init, &init, &e);
        cr_expect_eq(e.exit.detail, 0);
        cr_expect_eq(e.exit.next_pc, NEXT_PC);
        th_env_free(&e);
    }

    LLVMContextRef ctx = LLVMContextCreate();
    char *triple = LLVMGetDefaultTargetTriple();
    unsigned calls[2];
    for (unsigned k = 0; k < 2; k++) {
        LLVMModuleRef mod = NULL;
        cr_assert_null(tr_lower_region(ctx, triple, "", divs, 1, "r",
                                       TR_LOWER_USER_MODE | (k ? TR_LOWER_FP_GUARD : 0), &mod));
        char *text = LLVMPrintModuleToString(mod);
        calls[k] = th_count_of(text, "fp_call");
        LLVMDisposeMessage(text);
        LLVMDisposeModule(mod);
    }
    cr_expect_gt(calls[0], 0, "without the guard: a call path per operation");
    cr_expect_eq(calls[1], 0, "with it: none");
    LLVMDisposeMessage(triple);
    LLVMContextDispose(ctx);
    ir_block_free(w);
    ir_block_free(i);
    ir_block_free(d);
    tr_jit_destroy(jit);
}
