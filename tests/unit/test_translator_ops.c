/* Every IR op through the interpreter and the JIT over tables of edge-case inputs. */
#include "test_translator_harness.h"

/*
 * One compiled block per (op, type, mode): it reads nv input values from the state, applies
 * the op to every pair (or triple) and stores each result in its own 16-byte state slot,
 * followed by the fp_flags the op raised (then clears fp_flags). Both engines must agree on
 * every result bit and every flag.
 *
 *   state: | header 16 | inputs 16 * nv | results (value 16 [+ flags 16]) ... |
 */

enum { IN_BASE = 16, PC = 0x1000, NEXT_PC = 0x2000 };

typedef struct OpCase {
    IROp op;
    uint8_t cond, rm, nan;
    IRType type; /* operand type */
    IRLane lane;
    IRType to;   /* conversions: result type (lane for vectors) */
    IRLane to_lane;
    uint32_t fp_round; /* initial IRStateHeader.fp_round */
} OpCase;

typedef struct Matrix {
    const IRValue *values;
    unsigned nv;
    uint32_t fp_round;
} Matrix;

static void matrix_init(uint8_t *state, uint8_t *mem, void *user)
{
    const Matrix *m = user;
    for (unsigned k = 0; k < m->nv; k++)
        memcpy(state + IN_BASE + 16 * k, &m->values[k], 16);
    ((IRStateHeader *)state)->fp_round = m->fp_round;
    for (unsigned k = 0; k < TH_MEM_SIZE; k++)
        mem[k] = (uint8_t)(k * 7 + 3);
}

static unsigned op_arity(IROp op)
{
    return ir_op_info[op].nargs;
}

/* Emits the op on x, y, z and returns the value to store (never i1). */
static uint32_t emit_case(IRBlock *b, const OpCase *c, uint32_t x, uint32_t y, uint32_t z)
{
    IRInsn in = {.op = c->op, .type = c->type, .lane = c->lane, .cond = c->cond, .rm = c->rm,
                 .nan = c->nan, .nargs = (uint8_t)op_arity(c->op), .args = {x, y, z}};
    for (unsigned k = in.nargs; k < 3; k++)
        in.args[k] = 0;
    uint32_t r;
    switch (c->op) {
    case IR_CMP:
    case IR_FCMP:
        in.type = c->lane ? IR_V128 : IR_I1;
        r = ir_emit(b, &in);
        return c->lane ? r : ir_conv(b, IR_ZEXT, IR_I8, r);
    case IR_SELECT: {
        uint32_t m;
        if (c->lane) {
            m = ir_binop(b, IR_XOR, x, y);
        } else {
            m = ir_cmp(b, IR_CC_ULT, x, y);
        }
        in.args[0] = m;
        in.args[1] = x;
        in.args[2] = z;
        return ir_emit(b, &in);
    }
    case IR_UADDO:
    case IR_SADDO:
    case IR_USUBO:
    case IR_SSUBO: {
        uint32_t cin = ir_cmp(b, IR_CC_ULT, z, x);
        r = ir_flag(b, c->op, x, y, cin);
        return ir_conv(b, IR_ZEXT, IR_I8, r);
    }
    case IR_ZEXT:
    case IR_SEXT:
    case IR_TRUNC:
    case IR_BITCAST:
    case IR_FCVT_F2I:
    case IR_FCVT_I2F:
    case IR_FCVT_F2F:
    case IR_VWIDEN_LO:
    case IR_VWIDEN_HI:
        in.type = c->to;
        in.lane = c->to_lane;
        return ir_emit(b, &in);
    case IR_VNARROW:
        in.lane = c->to_lane;
        return ir_emit(b, &in);
    case IR_VREDUCE:
    case IR_VMOVMSK:
        in.type = c->to;
        return ir_emit(b, &in);
    case IR_VEXTRACT:
        in.type = ir_lane_elem_type(c->lane);
        in.imm = 1;
        return ir_emit(b, &in);
    case IR_VINSERT: {
        uint32_t s = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT, .type = ir_lane_elem_type(c->lane),
                                          .lane = c->lane, .nargs = 1, .args = {y}, .imm = 0});
        in.args[1] = s;
        in.imm = ir_lane_count(c->lane) - 1;
        return ir_emit(b, &in);
    }
    case IR_VSPLAT: {
        uint32_t s = ir_emit(b, &(IRInsn){.op = IR_VEXTRACT, .type = ir_lane_elem_type(c->lane),
                                          .lane = c->lane, .nargs = 1, .args = {x}, .imm = 1});
        in.args[0] = s;
        return ir_emit(b, &in);
    }
    case IR_VSHUFFLE:
        in.imm = 0x1f1e0f1100ff0213ull;
        in.imm2 = 0x0a19ff0305171c08ull;
        return ir_emit(b, &in);
    default:
        return ir_emit(b, &in);
    }
}

static void run_matrix(TrJit *jit, const char *name, const OpCase *c, const IRValue *values,
                       unsigned nv, bool record_flags)
{
    unsigned arity = op_arity(c->op);
    if (c->op == IR_SELECT || c->op == IR_VINSERT)
        arity = 2;
    if (c->op == IR_VSPLAT || c->op == IR_VEXTRACT)
        arity = 1;
    if (c->op >= IR_UADDO && c->op <= IR_SSUBO)
        arity = 2;
    unsigned slot = record_flags ? 32 : 16;
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t xs[16];
    for (unsigned k = 0; k < nv; k++)
        xs[k] = ir_emit(b, &(IRInsn){.op = IR_GET, .type = c->type, .lane = c->lane,
                                     .imm = IN_BASE + 16 * k});
    unsigned out = IN_BASE + 16 * nv, count = 0;
    for (unsigned i = 0; i < nv; i++) {
        for (unsigned j = 0; j < (arity > 1 ? nv : 1); j++) {
            if (out + slot > TH_STATE_SIZE)
                break;
            uint32_t r = emit_case(b, c, xs[i], xs[j], xs[(i + j + 1) % nv]);
            ir_put(b, out, r);
            if (record_flags) {
                ir_put(b, out + 16, ir_get(b, IR_I32, 12));
                ir_put(b, 12, ir_const(b, IR_I32, 0));
            }
            out += slot;
            count++;
        }
    }
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    Matrix m = {.values = values, .nv = nv, .fp_round = c->fp_round};
    const IRBlock *blocks[] = {b};
    char what[160];
    snprintf(what, sizeof what, "%s %s/%s cond %u rm %u nan %u (%u results)", name,
             ir_op_info[c->op].name, c->lane ? ir_lane_name(c->lane) : ir_type_name(c->type),
             c->cond, c->rm, c->nan, count);
    th_run_both(jit, what, blocks, 1, matrix_init, &m, NULL);
    ir_block_free(b);
}

/* ---- Value tables ------------------------------------------------------------------------- */

static unsigned int_values(IRType t, IRValue *v)
{
    static const uint64_t lo[] = {0,
                                  1,
                                  2,
                                  3,
                                  7,
                                  31,
                                  63,
                                  64,
                                  0x7f,
                                  0x8000000000000000ull,
                                  0x7fffffffffffffffull,
                                  ~0ull,
                                  0xfffffffffffffffeull,
                                  0x5a5a5a5aa5a5a5a5ull,
                                  0x80000001ffff8001ull};
    unsigned n = FVP_ARRAY_LEN(lo);
    unsigned bits = ir_type_bits(t);
    for (unsigned k = 0; k < n; k++) {
        memset(&v[k], 0, sizeof v[k]);
        if (bits == 128) {
            v[k].u64[0] = lo[k];
            v[k].u64[1] = k == 9 ? 0x8000000000000000ull
                          : k == 10 ? 0x7fffffffffffffffull
                          : (k == 11 || k == 12) ? ~0ull
                          : k == 13 ? 0x0123456789abcdefull : 0;
            if (k == 9)
                v[k].u64[0] = 0;
            if (k == 10)
                v[k].u64[0] = ~0ull;
        } else {
            uint64_t x = lo[k];
            /* The signed extremes of the width. */
            if (k == 9)
                x = 1ull << (bits - 1);
            if (k == 10)
                x = fvp_mask(bits - 1);
            v[k].u64[0] = x & fvp_mask(bits);
        }
    }
    return n;
}

static unsigned vec_values(IRLane lane, IRValue *v)
{
    unsigned w = ir_lane_bits(lane), n = ir_lane_count(lane);
    uint64_t s = 0x9e3779b97f4a7c15ull;
    unsigned nv = 10;
    for (unsigned k = 0; k < nv; k++) {
        for (unsigned i = 0; i < 2; i++) {
            s ^= s << 13, s ^= s >> 7, s ^= s << 17;
            v[k].u64[i] = s;
        }
    }
    memset(&v[0], 0, 16);
    memset(&v[1], 0xff, 16);
    for (unsigned i = 0; i < n; i++) { /* lane MIN, lane MAX, small shift-sized lanes */
        uint64_t min = 1ull << (w - 1), max = min - 1, small = i * 3 + 1;
        for (unsigned byte = 0; byte < w / 8; byte++) {
            v[2].u8[i * (w / 8) + byte] = (uint8_t)(min >> (8 * byte));
            v[3].u8[i * (w / 8) + byte] = (uint8_t)(max >> (8 * byte));
            v[4].u8[i * (w / 8) + byte] = (uint8_t)(small >> (8 * byte));
        }
    }
    return nv;
}

/* ---- Integer ops -------------------------------------------------------------------------- */

static const IRType int_types[] = {IR_I8, IR_I16, IR_I32, IR_I64, IR_I128};

Test(translator_ops, integer_scalar)
{
    static const IROp ops[] = {IR_ADD,  IR_SUB,   IR_MUL,    IR_MULHS,   IR_MULHU,  IR_MULHSU,
                               IR_AND,  IR_OR,    IR_XOR,    IR_NOT,     IR_NEG,    IR_SHL,
                               IR_SHR,  IR_SAR,   IR_ROTL,   IR_ROTR,    IR_CLZ,    IR_CTZ,
                               IR_POPCNT, IR_BSWAP, IR_SMIN, IR_SMAX,    IR_UMIN,   IR_UMAX,
                               IR_SADDSAT, IR_UADDSAT, IR_SSUBSAT, IR_USUBSAT, IR_SELECT,
                               IR_UADDO, IR_SADDO, IR_USUBO, IR_SSUBO};
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    for (unsigned ti = 0; ti < FVP_ARRAY_LEN(int_types); ti++) {
        IRType t = int_types[ti];
        unsigned nv = int_values(t, v);
        for (unsigned k = 0; k < FVP_ARRAY_LEN(ops); k++) {
            if (ops[k] == IR_BSWAP && t == IR_I8)
                continue;
            OpCase c = {.op = ops[k], .type = t};
            run_matrix(jit, "int", &c, v, nv, false);
        }
        for (unsigned d = 0; d < 2; d++)
            for (IROp op = IR_DIVS; op <= IR_REMU; op++) {
                OpCase c = {.op = op, .type = t, .cond = d};
                run_matrix(jit, "div", &c, v, nv, false);
            }
        for (unsigned cc = 0; cc < IR_CC_COUNT; cc++) {
            OpCase c = {.op = IR_CMP, .type = t, .cond = cc};
            run_matrix(jit, "cmp", &c, v, nv, false);
        }
        for (unsigned ui = 0; ui < FVP_ARRAY_LEN(int_types); ui++) {
            IRType u = int_types[ui];
            IROp convs[] = {IR_ZEXT, IR_SEXT, IR_TRUNC};
            for (unsigned k = 0; k < 3; k++) {
                bool widen = convs[k] != IR_TRUNC;
                if (widen ? ir_type_bits(u) <= ir_type_bits(t) : ir_type_bits(u) >= ir_type_bits(t))
                    continue;
                OpCase c = {.op = convs[k], .type = t, .to = u};
                run_matrix(jit, "conv", &c, v, nv, false);
            }
        }
    }
    tr_jit_destroy(jit);
}

Test(translator_ops, integer_known_answers)
{
    /* A few answers fixed by the IR semantics, so the two engines cannot agree on a wrong
     * result: RISC-V x/0 = -1, x%0 = x, MIN/-1 = MIN; ARM x/0 = 0; clz(0) = width. */
    TrJit *jit = th_jit_new(NULL);
    IRBlock *b = ir_block_new(PC);
    ir_insn_start(b, PC, 4);
    uint32_t x = ir_get(b, IR_I64, 16), zero = ir_const(b, IR_I64, 0);
    uint32_t min = ir_const(b, IR_I64, 0x8000000000000000ull), m1 = ir_const(b, IR_I64, ~0ull);
    ir_put(b, 32, ir_div(b, IR_DIVS, IR_DIV_RISCV, x, zero));
    ir_put(b, 40, ir_div(b, IR_REMU, IR_DIV_RISCV, x, zero));
    ir_put(b, 48, ir_div(b, IR_DIVS, IR_DIV_RISCV, min, m1));
    ir_put(b, 56, ir_div(b, IR_DIVU, IR_DIV_ARM, x, zero));
    ir_put(b, 64, ir_unop(b, IR_CLZ, zero));
    ir_put(b, 72, ir_div(b, IR_REMS, IR_DIV_RISCV, min, m1));
    ir_goto(b, NEXT_PC, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    ThEnv e;
    IRValue in[1] = {{.u64 = {1234, 0}}};
    Matrix m = {.values = in, .nv = 1};
    th_run_both(jit, "known answers", blocks, 1, matrix_init, &m, &e);
    uint64_t r[6];
    memcpy(r, e.state + 32, sizeof r);
    cr_expect_eq(r[0], ~0ull);
    cr_expect_eq(r[1], 1234);
    cr_expect_eq(r[2], 0x8000000000000000ull);
    cr_expect_eq(r[3], 0);
    cr_expect_eq(r[4], 64);
    cr_expect_eq(r[5], 0);
    cr_expect_eq(e.exit.kind, RT_EXIT_JUMP);
    cr_expect_eq(e.exit.next_pc, NEXT_PC);
    cr_expect_eq(((IRStateHeader *)e.state)->pc, NEXT_PC);
    th_env_free(&e);
    ir_block_free(b);
    tr_jit_destroy(jit);
}

/* ---- Vector integer ops ------------------------------------------------------------------- */

static const IRLane int_lanes[] = {IR_LANE_I8X16, IR_LANE_I16X8, IR_LANE_I32X4, IR_LANE_I64X2};

Test(translator_ops, integer_vector)
{
    static const IROp ops[] = {IR_ADD,  IR_SUB,     IR_MUL,     IR_MULHS,   IR_MULHU,
                               IR_MULHSU, IR_AND,   IR_OR,      IR_XOR,     IR_NOT,
                               IR_NEG,  IR_SHL,     IR_SHR,     IR_SAR,     IR_CLZ,
                               IR_CTZ,  IR_POPCNT,  IR_SMIN,    IR_SMAX,    IR_UMIN,
                               IR_UMAX, IR_SADDSAT, IR_UADDSAT, IR_SSUBSAT, IR_USUBSAT,
                               IR_SELECT};
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    for (unsigned li = 0; li < FVP_ARRAY_LEN(int_lanes); li++) {
        IRLane lane = int_lanes[li];
        unsigned nv = vec_values(lane, v);
        for (unsigned k = 0; k < FVP_ARRAY_LEN(ops); k++) {
            OpCase c = {.op = ops[k], .type = IR_V128, .lane = lane};
            run_matrix(jit, "vec", &c, v, nv, false);
        }
        for (unsigned cc = 0; cc < IR_CC_COUNT; cc++) {
            OpCase c = {.op = IR_CMP, .type = IR_V128, .lane = lane, .cond = cc};
            run_matrix(jit, "vcmp", &c, v, nv, false);
        }
    }
    tr_jit_destroy(jit);
}

Test(translator_ops, vector_structure)
{
    TrJit *jit = th_jit_new(NULL);
    IRValue v[16];
    for (unsigned li = 0; li < FVP_ARRAY_LEN(int_lanes); li++) {
        IRLane lane = int_lanes[li];
        unsigned nv = vec_values(lane, v);
        static const IROp same[] = {IR_VSPLAT, IR_VEXTRACT, IR_VINSERT, IR_VSHUFFLE, IR_VTBL};
        for (unsigned k = 0; k < FVP_ARRAY_LEN(same); k++) {
            OpCase c = {.op = same[k], .type = IR_V128, .lane = lane};
            run_matrix(jit, "vstruct", &c, v, nv, false);
        }
        static const IROp reductions[] = {IR_ADD, IR_SMIN, IR_SMAX, IR_UMIN, IR_UMAX};
        for (unsigned k = 0; k < FVP_ARRAY_LEN(reductions); k++) {
            OpCase c = {.op = IR_VREDUCE, .type = IR_V128, .lane = lane, .cond = reductions[k],
                        .to = ir_lane_elem_type(lane)};
            run_matrix(jit, "vreduce", &c, v, nv, false);
        }
        OpCase mm = {.op = IR_VMOVMSK, .type = IR_V128, .lane = lane, .to = IR_I32};
        run_matrix(jit, "vmovmsk", &mm, v, nv, false);
        if (lane != IR_LANE_I8X16) {
            for (unsigned sign = 0; sign < 2; sign++) {
                OpCase lo = {.op = IR_VWIDEN_LO, .type = IR_V128, .lane = lane - 1,
                             .cond = sign, .to = IR_V128, .to_lane = lane};
                run_matrix(jit, "vwiden", &lo, v, nv, false);
                lo.op = IR_VWIDEN_HI;
                run_matrix(jit, "vwiden", &lo, v, nv, false);
            }
        }
        if (lane != IR_LANE_I64X2) {
            for (unsigned kind = 0; kind < 4; kind++) {
                OpCase n = {.op = IR_VNARROW, .type = IR_V128, .lane = lane + 1, .cond = kind,
                            .to_lane = lane};
                run_matrix(jit, "vnarrow", &n, v, nv, false);
            }
        }
    }
    tr_jit_destroy(jit);
}
