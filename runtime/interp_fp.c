/* Interpreter FP ops: IR operands and lanes mapped onto runtime/fp.c, flags accrued. */
#include "common/common.h"
#include "runtime/fp.h"
#include "runtime/interp_internal.h"

typedef unsigned __int128 U128;

static uint64_t fp_lane_read(const IRValue *v, IRType t, unsigned i)
{
    return t == IR_F32 ? v->u32[i] : v->u64[i];
}

static void fp_lane_write(IRValue *v, IRType t, unsigned i, uint64_t x)
{
    if (t == IR_F32)
        v->u32[i] = (uint32_t)x;
    else
        v->u64[i] = x;
}

static U128 int_lane_read(const IRValue *v, unsigned w, unsigned i)
{
    switch (w) {
    case 8: return v->u8[i];
    case 16: return v->u16[i];
    case 32: return v->u32[i];
    default: return v->u64[i];
    }
}

static void int_lane_write(IRValue *v, unsigned w, unsigned i, U128 x)
{
    switch (w) {
    case 8: v->u8[i] = (uint8_t)x; break;
    case 16: v->u16[i] = (uint16_t)x; break;
    case 32: v->u32[i] = (uint32_t)x; break;
    default: v->u64[i] = (uint64_t)x; break;
    }
}

/* One same-format op (FADD .. FROUND, FCMP) on one scalar or lane. */
static uint64_t fp_eval_one(const InterpInsn *in, IRType t, unsigned rm, unsigned nan, uint64_t x,
                            uint64_t y, uint64_t z, uint32_t *flags)
{
    switch (in->op) {
    case IR_FADD:
    case IR_FSUB:
    case IR_FMUL:
    case IR_FDIV:
    case IR_FSQRT:
    case IR_FMA: return fp_arith((IROp)in->op, t, rm, nan, x, y, z, flags);
    case IR_FNEG: return fp_negate(t, x);
    case IR_FABS: return fp_absolute(t, x);
    case IR_FMIN:
    case IR_FMAX: return fp_min_max(in->op == IR_FMAX, t, in->cond, nan, x, y, flags);
    case IR_FCMP: return fp_compare(in->cond, t, nan, x, y, flags);
    case IR_FROUND: return fp_round_integral(t, rm, nan, in->cond == 1, x, flags);
    default: fvp_assert(!"interp: not a floating-point op");
    }
}

/* FCVT_* on one scalar or lane: from (type, width) to (type, width). */
static U128 fp_convert_one(const InterpInsn *in, IRType to, unsigned to_bits, IRType from,
                           unsigned from_bits, unsigned rm, unsigned nan, U128 x, uint32_t *flags)
{
    switch (in->op) {
    case IR_FCVT_F2I:
        return fp_convert_to_int(from, to_bits, in->cond | (nan & FP_FLUSH_ZERO), rm,
                                 (uint64_t)x, flags);
    case IR_FCVT_I2F:
        return fp_convert_from_int(to, from_bits, !(in->cond & IR_CVT_UNSIGNED), rm, nan, x,
                                   flags);
    default: return fp_convert_float(to, from, rm, nan, (uint64_t)x, flags);
    }
}

static void fp_eval_convert(const InterpInsn *in, unsigned rm, unsigned nan, IRValue *d,
                            const IRValue *a, uint32_t *flags)
{
    if (in->type != IR_V128) {
        IRType to = (IRType)in->type, from = (IRType)in->atype;
        unsigned to_bits = ir_type_bits(to), from_bits = ir_type_bits(from);
        U128 x = interp_value_read(a, from_bits);
        interp_value_write(d, to_bits, fp_convert_one(in, to, to_bits, from, from_bits, rm, nan,
                                                      x, flags));
        return;
    }
    /* Lane-wise: the source lanes have the result's width (the operand's own lane shape
     * may be anything, e.g. none for a constant). */
    IRLane dl = (IRLane)in->lane;
    bool wide = ir_lane_bits(dl) == 64;
    IRLane sl = in->op == IR_FCVT_I2F ? (wide ? IR_LANE_I64X2 : IR_LANE_I32X4)
                                      : (wide ? IR_LANE_F64X2 : IR_LANE_F32X4);
    unsigned n = ir_lane_count(dl);
    fvp_assert(n == ir_lane_count(sl));
    IRType to = ir_lane_elem_type(dl), from = ir_lane_elem_type(sl);
    unsigned to_bits = ir_lane_bits(dl), from_bits = ir_lane_bits(sl);
    IRValue r;
    for (unsigned i = 0; i < n; i++) {
        U128 x = int_lane_read(a, from_bits, i);
        int_lane_write(&r, to_bits, i, fp_convert_one(in, to, to_bits, from, from_bits, rm, nan,
                                                      x, flags));
    }
    *d = r;
}

bool interp_eval_fp(RtCpu *cpu, const InterpInsn *in, IRValue *d, const IRValue *a,
                    const IRValue *b, const IRValue *c)
{
    IRStateHeader *header = (IRStateHeader *)cpu->state;
    uint32_t mode = header->fp_round;
    unsigned rm = in->rm == IR_RM_DYN ? mode & IR_FPMODE_RM : in->rm;
    if (rm > IR_RM_RMM) /* dynamic rounding while the guest holds a reserved mode */
        return false;
    unsigned nan = fp_nan_for_mode(in->nan, mode);
    uint32_t flags = 0;
    if (in->op == IR_FCVT_F2I || in->op == IR_FCVT_I2F || in->op == IR_FCVT_F2F) {
        fp_eval_convert(in, rm, nan, d, a, &flags);
    } else if (in->atype == IR_V128) {
        IRLane lane = (IRLane)(in->lane ? in->lane : in->alane);
        IRType t = ir_lane_elem_type(lane);
        fvp_assert(ir_lane_is_float(lane));
        IRValue r;
        for (unsigned i = 0; i < ir_lane_count(lane); i++) {
            uint64_t v = fp_eval_one(in, t, rm, nan, fp_lane_read(a, t, i),
                                     fp_lane_read(b, t, i), fp_lane_read(c, t, i), &flags);
            if (in->op == IR_FCMP)
                v = v ? ~0ull : 0;
            fp_lane_write(&r, t, i, v);
        }
        *d = r;
    } else {
        IRType t = (IRType)in->atype;
        d->u64[0] = fp_eval_one(in, t, rm, nan, a->u64[0], b->u64[0], c->u64[0], &flags);
    }
    header->fp_flags |= flags;
    return true;
}
