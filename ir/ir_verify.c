/* The IR verifier: types, SSA order, operand counts, field ranges and terminators. */
#include "ir/ir.h"
#include "ir/ir_text_internal.h"
#include "common/common.h"

#include <inttypes.h>
#include <stdarg.h>

typedef struct Verifier {
    const IRBlock *b;
    size_t idx;
    const IRInsn *in;
} Verifier;

static FvpError *fail(const Verifier *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static FvpError *fail(const Verifier *v, const char *fmt, ...)
{
    char msg[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    const char *name = v->in->op < IR_OP_COUNT ? ir_op_info[v->in->op].name : "?";
    return fvp_error_new(FVP_ERR_FORMAT, "block 0x%" PRIx64 ": insn %%%zu (%s): %s", v->b->pc,
                         v->idx, name, msg);
}

static IRType arg_type(const Verifier *v, unsigned k)
{
    return (IRType)v->b->insns[v->in->args[k]].type;
}

static const char *tname(IRType t)
{
    return ir_type_name(t);
}

static bool is_scalar_int(IRType t)
{
    return ir_type_is_int(t);
}

static bool lane_is_int(IRLane l)
{
    return l != IR_LANE_NONE && l < IR_LANE_COUNT && !ir_lane_is_float(l);
}

static unsigned bytes_of(IRType t)
{
    unsigned bits = ir_type_bits(t);
    return bits < 8 ? 1 : bits / 8;
}

/* Operand k must have type want. */
static FvpError *want_arg(const Verifier *v, unsigned k, IRType want)
{
    IRType t = arg_type(v, k);
    if (t != want)
        return fail(v, "operand %u is %s, expected %s", k, tname(t), tname(want));
    return NULL;
}

/* Every operand has the result type. */
static FvpError *want_args_same(const Verifier *v, unsigned from)
{
    for (unsigned k = from; k < v->in->nargs; k++) {
        FvpError *err = want_arg(v, k, (IRType)v->in->type);
        if (err)
            return err;
    }
    return NULL;
}

static FvpError *want_lane(const Verifier *v, bool is_float)
{
    IRLane l = (IRLane)v->in->lane;
    if (l == IR_LANE_NONE || ir_lane_is_float(l) != is_float)
        return fail(v, "v128 result needs %s lane (%s), found %s",
                    is_float ? "a float" : "an integer",
                    is_float ? "f32x4, f64x2" : "i8x16, i16x8, i32x4, i64x2",
                    l == IR_LANE_NONE ? "none" : ir_lane_name(l));
    return NULL;
}

static FvpError *want_vector_result(const Verifier *v)
{
    if (v->in->type != IR_V128)
        return fail(v, "result is %s, expected v128", tname((IRType)v->in->type));
    if (v->in->lane == IR_LANE_NONE)
        return fail(v, "v128 result needs a lane shape (i8x16 .. f64x2)");
    return NULL;
}

static FvpError *check_same_int(const Verifier *v, bool allow_vector)
{
    IRType t = (IRType)v->in->type;
    FvpError *err;
    if (t == IR_V128 && allow_vector) {
        if ((err = want_lane(v, false)))
            return err;
    } else if (!is_scalar_int(t)) {
        return fail(v, "result is %s, expected an integer type%s", tname(t),
                    allow_vector ? " or v128 with an integer lane" : "");
    }
    return want_args_same(v, 0);
}

static FvpError *check_same_float(const Verifier *v)
{
    IRType t = (IRType)v->in->type;
    FvpError *err;
    if (t == IR_V128) {
        if ((err = want_lane(v, true)))
            return err;
    } else if (!ir_type_is_float(t)) {
        return fail(v, "result is %s, expected f32, f64 or v128 with a float lane", tname(t));
    }
    return want_args_same(v, 0);
}

/* CMP and FCMP: operands of one type; result i1 (scalar) or a v128 lane mask. */
static FvpError *check_compare(const Verifier *v, bool is_float)
{
    IRType a = arg_type(v, 0);
    FvpError *err;
    if ((err = want_arg(v, 1, a)))
        return err;
    if (a == IR_V128) {
        if (v->in->type != IR_V128)
            return fail(v, "lane-wise compare returns v128, found %s", tname(v->in->type));
        return want_lane(v, is_float);
    }
    if (is_float ? !ir_type_is_float(a) : !is_scalar_int(a))
        return fail(v, "operand 0 is %s, expected %s", tname(a),
                    is_float ? "f32, f64 or v128" : "an integer type or v128");
    if (v->in->type != IR_I1)
        return fail(v, "result is %s, expected i1", tname(v->in->type));
    return NULL;
}

static FvpError *check_const(const Verifier *v)
{
    const IRInsn *in = v->in;
    unsigned bits = ir_type_bits((IRType)in->type);
    if (bits < 64 && (in->imm >> bits))
        return fail(v, "constant 0x%" PRIx64 " does not fit %s", in->imm, tname(in->type));
    if (bits < 128 && in->imm2)
        return fail(v, "imm2 (high 64 bits) must be 0 for a %s constant", tname(in->type));
    return NULL;
}

static FvpError *check_state_offset(const Verifier *v, IRType t)
{
    unsigned size = bytes_of(t);
    if (v->in->imm % size)
        return fail(v, "state offset %" PRIu64 " is not aligned to %u bytes (%s)", v->in->imm, size,
                    tname(t));
    if (v->in->imm > UINT32_MAX)
        return fail(v, "state offset %" PRIu64 " out of range", v->in->imm);
    return NULL;
}

static FvpError *check_convert(const Verifier *v)
{
    const IRInsn *in = v->in;
    IRType a = arg_type(v, 0), t = (IRType)in->type;
    unsigned ab = ir_type_bits(a), tb = ir_type_bits(t);
    switch (ir_op_info[in->op].rule) {
    case IR_RULE_WIDEN:
    case IR_RULE_NARROW:
        if (!is_scalar_int(a))
            return fail(v, "operand 0 is %s, expected a scalar integer", tname(a));
        if (!is_scalar_int(t))
            return fail(v, "result is %s, expected a scalar integer", tname(t));
        if (ir_op_info[in->op].rule == IR_RULE_WIDEN ? tb < ab : tb > ab)
            return fail(v, "%s to %s is not %s", tname(a), tname(t),
                        ir_op_info[in->op].rule == IR_RULE_WIDEN ? "a widening" : "a narrowing");
        return NULL;
    case IR_RULE_BITCAST:
        if (ab != tb)
            return fail(v, "bitcast from %s (%u bits) to %s (%u bits) changes the width", tname(a),
                        ab, tname(t), tb);
        return NULL;
    case IR_RULE_F2I:
        if (t == IR_V128) {
            if (a != IR_V128)
                return fail(v, "operand 0 is %s, expected v128", tname(a));
            FvpError *err = want_lane(v, false);
            if (!err && ir_lane_bits((IRLane)in->lane) < 32)
                err = fail(v, "lane-wise conversion needs 32- or 64-bit lanes, found %s",
                           ir_lane_name((IRLane)in->lane));
            return err;
        }
        if (!ir_type_is_float(a))
            return fail(v, "operand 0 is %s, expected f32 or f64", tname(a));
        if (t != IR_I32 && t != IR_I64)
            return fail(v, "result is %s, expected i32 or i64", tname(t));
        return NULL;
    case IR_RULE_I2F:
        if (t == IR_V128) {
            if (a != IR_V128)
                return fail(v, "operand 0 is %s, expected v128", tname(a));
            return want_lane(v, true);
        }
        if (a != IR_I32 && a != IR_I64)
            return fail(v, "operand 0 is %s, expected i32 or i64", tname(a));
        if (!ir_type_is_float(t))
            return fail(v, "result is %s, expected f32 or f64", tname(t));
        return NULL;
    case IR_RULE_F2F:
        if (!ir_type_is_float(a) || !ir_type_is_float(t) || a == t)
            return fail(v, "converts %s to %s, expected f32 to f64 or f64 to f32", tname(a),
                        tname(t));
        return NULL;
    default:
        fvp_assert(!"not a conversion rule");
        return NULL;
    }
}

static FvpError *check_vector(const Verifier *v)
{
    const IRInsn *in = v->in;
    IRLane l = (IRLane)in->lane;
    FvpError *err;
    switch (ir_op_info[in->op].rule) {
    case IR_RULE_VSPLAT:
        if ((err = want_vector_result(v)))
            return err;
        return want_arg(v, 0, ir_lane_elem_type(l));
    case IR_RULE_VEXTRACT:
        if (l == IR_LANE_NONE)
            return fail(v, "needs the lane shape of its source (e.g. .i32x4)");
        if ((err = want_arg(v, 0, IR_V128)))
            return err;
        if (in->type != ir_lane_elem_type(l))
            return fail(v, "result is %s, expected %s (the %s lane type)", tname(in->type),
                        tname(ir_lane_elem_type(l)), ir_lane_name(l));
        break;
    case IR_RULE_VINSERT:
        if ((err = want_vector_result(v)) || (err = want_arg(v, 0, IR_V128)) ||
            (err = want_arg(v, 1, ir_lane_elem_type(l))))
            return err;
        break;
    case IR_RULE_VBIN:
    case IR_RULE_VUN:
        if ((err = want_vector_result(v)) || (err = want_args_same(v, 0)))
            return err;
        break;
    case IR_RULE_VREDUCE:
        if (l == IR_LANE_NONE)
            return fail(v, "needs the lane shape of its source (e.g. .i32x4)");
        if ((err = want_arg(v, 0, IR_V128)))
            return err;
        break;
    default:
        fvp_assert(!"not a vector rule");
    }
    switch (in->op) {
    case IR_VEXTRACT:
    case IR_VINSERT:
        if (in->imm >= ir_lane_count(l))
            return fail(v, "lane index %" PRIu64 " out of range for %s (0..%u)", in->imm,
                        ir_lane_name(l), ir_lane_count(l) - 1);
        break;
    case IR_VSHUFFLE:
        for (unsigned i = 0; i < 16; i++) {
            unsigned sel =
                (unsigned)((i < 8 ? in->imm >> (8 * i) : in->imm2 >> (8 * (i - 8))) & 0xff);
            if (sel >= 32 && sel != 0xff)
                return fail(v, "shuffle byte %u selects %u, expected 0..31 or 0xff", i, sel);
        }
        break;
    case IR_VWIDEN_LO:
    case IR_VWIDEN_HI:
        if (!lane_is_int(l) || ir_lane_bits(l) < 16)
            return fail(v, "widened lane must be i16x8, i32x4 or i64x2, found %s", ir_lane_name(l));
        break;
    case IR_VNARROW:
        if (!lane_is_int(l) || ir_lane_bits(l) > 32)
            return fail(v, "narrowed lane must be i8x16, i16x8 or i32x4, found %s",
                        ir_lane_name(l));
        break;
    case IR_VREDUCE:
        if (!lane_is_int(l))
            return fail(v, "reduces integer lanes, found %s", ir_lane_name(l));
        if (in->type != ir_lane_elem_type(l))
            return fail(v, "result is %s, expected %s (the %s lane type)", tname(in->type),
                        tname(ir_lane_elem_type(l)), ir_lane_name(l));
        if (in->cond != IR_ADD && in->cond != IR_SMIN && in->cond != IR_SMAX &&
            in->cond != IR_UMIN && in->cond != IR_UMAX)
            return fail(v, "reducing op %u is not add, smin, smax, umin or umax", in->cond);
        break;
    case IR_VMOVMSK:
        if (in->type != IR_I32)
            return fail(v, "result is %s, expected i32", tname(in->type));
        break;
    default:
        break;
    }
    return NULL;
}

static FvpError *check_memory(const Verifier *v)
{
    const IRInsn *in = v->in;
    if (arg_type(v, 0) != IR_I64)
        return fail(v, "address (operand 0) is %s, expected i64", tname(arg_type(v, 0)));
    IRType t = in->op == IR_STORE ? arg_type(v, 1) : (IRType)in->type;
    switch (in->op) {
    case IR_LOAD:
    case IR_STORE:
        if (t == IR_I1)
            return fail(v, "memory access of i1; use i8");
        return NULL;
    case IR_CAS:
        if (!is_scalar_int(t) || t == IR_I1)
            return fail(v, "result is %s, expected i8 .. i128", tname(t));
        return want_args_same(v, 1);
    case IR_RMW:
        if (!is_scalar_int(t) || t == IR_I1 || t == IR_I128)
            return fail(v, "result is %s, expected i8 .. i64", tname(t));
        return want_args_same(v, 1);
    default:
        fvp_assert(!"not a memory op");
        return NULL;
    }
}

/* The op's own type rule (column 4 of ir_ops.def). */
static FvpError *check_rule(const Verifier *v)
{
    const IRInsn *in = v->in;
    FvpError *err;
    switch ((IRRule)ir_op_info[in->op].rule) {
    case IR_RULE_NONE:
        return NULL;
    case IR_RULE_CONST:
        return check_const(v);
    case IR_RULE_GET:
        return check_state_offset(v, (IRType)in->type);
    case IR_RULE_PUT:
        return check_state_offset(v, arg_type(v, 0));
    case IR_RULE_SAME_INT:
        return check_same_int(v, true);
    case IR_RULE_SCALAR_INT:
        return check_same_int(v, false);
    case IR_RULE_SAME_FLOAT:
        return check_same_float(v);
    case IR_RULE_CMP:
        return check_compare(v, false);
    case IR_RULE_FCMP:
        return check_compare(v, true);
    case IR_RULE_SELECT: {
        IRType c = arg_type(v, 0);
        if (c != IR_I1 && c != IR_V128)
            return fail(v, "operand 0 is %s, expected i1 (or a v128 mask)", tname(c));
        if (c == IR_V128 && in->type != IR_V128)
            return fail(v, "a v128 mask selects v128 values, found %s", tname(in->type));
        return want_args_same(v, 1);
    }
    case IR_RULE_WIDEN:
    case IR_RULE_NARROW:
    case IR_RULE_BITCAST:
    case IR_RULE_F2I:
    case IR_RULE_I2F:
    case IR_RULE_F2F:
        return check_convert(v);
    case IR_RULE_FLAG: {
        IRType a = arg_type(v, 0);
        if (!is_scalar_int(a))
            return fail(v, "operand 0 is %s, expected a scalar integer", tname(a));
        if ((err = want_arg(v, 1, a)) || (err = want_arg(v, 2, IR_I1)))
            return err;
        if (in->type != IR_I1)
            return fail(v, "result is %s, expected i1", tname(in->type));
        return NULL;
    }
    case IR_RULE_VSPLAT:
    case IR_RULE_VEXTRACT:
    case IR_RULE_VINSERT:
    case IR_RULE_VBIN:
    case IR_RULE_VUN:
    case IR_RULE_VREDUCE:
        return check_vector(v);
    case IR_RULE_LOAD:
    case IR_RULE_STORE:
    case IR_RULE_CAS:
    case IR_RULE_RMW:
        return check_memory(v);
    case IR_RULE_EXIT_IF:
        return want_arg(v, 0, IR_I1);
    case IR_RULE_HELPER:
        for (unsigned k = 0; k < in->nargs; k++)
            if ((err = want_arg(v, k, IR_I64)))
                return err;
        if (in->type != ir_helper_info[in->imm].type)
            return fail(v, "result is %s, helper %s returns %s", tname(in->type),
                        ir_helper_info[in->imm].name, tname(ir_helper_info[in->imm].type));
        return NULL;
    case IR_RULE_GOTO_REG:
        return want_arg(v, 0, IR_I64);
    }
    return fail(v, "op has unknown type rule %u", ir_op_info[in->op].rule);
}

/* Everything but the type rule: field ranges, operand count, SSA order, lane shape. */
static FvpError *check_shape(const Verifier *v)
{
    const IRInsn *in = v->in;
    const IROpInfo *info = &ir_op_info[in->op];
    const IRTextForm *form = ir_text_form(in->op);
    if (in->type >= IR_TYPE_COUNT)
        return fail(v, "type %u out of range", in->type);
    if (in->lane >= IR_LANE_COUNT)
        return fail(v, "lane %u out of range", in->lane);

    unsigned want_nargs = info->nargs;
    if (in->op == IR_HELPER) {
        if (in->imm >= IR_HELPER_COUNT)
            return fail(v, "helper %" PRIu64 " out of range (0..%u)", in->imm, IR_HELPER_COUNT - 1);
        want_nargs = ir_helper_info[in->imm].nargs;
    }
    if (in->nargs != want_nargs)
        return fail(v, "has %u operands, expected %u", in->nargs, want_nargs);
    for (unsigned k = 0; k < in->nargs; k++) {
        uint32_t a = in->args[k];
        if (a >= v->idx)
            return fail(v, "operand %u (%%%" PRIu32 ") is not defined before its use", k, a);
        if (v->b->insns[a].type == IR_VOID)
            return fail(v, "operand %u (%%%" PRIu32 ") refers to %s, which produces no value", k, a,
                        v->b->insns[a].op < IR_OP_COUNT ? ir_op_info[v->b->insns[a].op].name : "?");
    }

    if ((info->flags & IRF_VOID) && in->type != IR_VOID)
        return fail(v, "produces no value but has type %s", tname(in->type));
    if (!(info->flags & IRF_VOID) && in->type == IR_VOID)
        return fail(v, "produces a value but has no type");
    if (in->type != IR_V128 && in->lane != IR_LANE_NONE && in->op != IR_VEXTRACT &&
        in->op != IR_VREDUCE && in->op != IR_VMOVMSK)
        return fail(v, "lane %s on a %s result", ir_lane_name((IRLane)in->lane),
                    in->type == IR_VOID ? "void" : tname(in->type));

    if (form->word == IR_WORD_COND && in->cond >= form->cond_count)
        return fail(v, "kind (cond) %u out of range (0..%u)", in->cond, form->cond_count - 1u);
    if (info->flags & IRF_FP) {
        if (!ir_text_round_name(in->rm))
            return fail(v, "rounding mode %u is not rne, rtz, rdn, rup, rmm or dyn", in->rm);
        if (in->nan >= IR_NAN_COUNT)
            return fail(v, "NaN mode %u out of range (0..%u)", in->nan, IR_NAN_COUNT - 1);
    }
    return NULL;
}

/* Fields the op does not use are zero (ir.h), so stray values from a frontend bug show. */
static FvpError *check_unused_fields(const Verifier *v)
{
    const IRInsn *in = v->in;
    const IROpInfo *info = &ir_op_info[in->op];
    const IRTextForm *form = ir_text_form(in->op);
    for (unsigned k = in->nargs; k < 3; k++)
        if (in->args[k])
            return fail(v, "unused operand slot %u holds %" PRIu32 " (must be 0)", k, in->args[k]);
    bool uses_cond = form->word == IR_WORD_COND || form->word == IR_WORD_OPNAME || form->cond_key;
    if (!uses_cond && in->cond)
        return fail(v, "cond is %u, but the op has no kind (must be 0)", in->cond);
    bool uses_imm = form->imm != IR_IMM_NONE || form->word == IR_WORD_HELPER;
    if (!uses_imm && in->imm)
        return fail(v, "imm is 0x%" PRIx64 ", but the op has no immediate (must be 0)", in->imm);
    bool uses_imm2 = form->imm2_key || form->imm == IR_IMM_V128 || form->imm == IR_IMM_CONST;
    if (!uses_imm2 && in->imm2)
        return fail(v, "imm2 is 0x%" PRIx64 ", but the op does not use it (must be 0)", in->imm2);
    bool uses_fp = (info->flags & IRF_FP) || info->rule == IR_RULE_SAME_FLOAT;
    if (!uses_fp && (in->rm || in->nan))
        return fail(v, "rm/nan set on an op without FP modes (must be 0)");
    if (in->pad)
        return fail(v, "pad is %u (must be 0)", in->pad);
    return NULL;
}

FvpError *ir_verify_block(const IRBlock *b)
{
    if (!b->count)
        return fvp_error_new(FVP_ERR_FORMAT, "block 0x%" PRIx64 ": empty (it needs a terminator)",
                             b->pc);
    for (size_t i = 0; i < b->count; i++) {
        Verifier v = {b, i, &b->insns[i]};
        if (v.in->op >= IR_OP_COUNT)
            return fvp_error_new(FVP_ERR_FORMAT, "block 0x%" PRIx64 ": insn %%%zu: unknown op %u",
                                 b->pc, i, v.in->op);
        FvpError *err = check_shape(&v);
        if (!err)
            err = check_rule(&v);
        if (!err)
            err = check_unused_fields(&v);
        if (err)
            return err;
        bool term = ir_op_info[v.in->op].flags & IRF_TERM;
        if (term && i + 1 != b->count)
            return fail(&v, "terminator before the end of the block (%zu instructions follow)",
                        b->count - i - 1);
        if (!term && i + 1 == b->count)
            return fail(&v, "the block does not end with a terminator (goto, goto_reg, "
                            "syscall, trap, sync_code)");
    }
    return NULL;
}
