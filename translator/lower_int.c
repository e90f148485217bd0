/* Lowering of integer, flag, conversion and vector IR ops to LLVM IR. */
#include "translator/lower_internal.h"

#include "common/common.h"

/* Scalar integer type, or the element type of a vector type. */
static LLVMTypeRef elem_type(LLVMTypeRef t)
{
    return LLVMGetTypeKind(t) == LLVMVectorTypeKind ? LLVMGetElementType(t) : t;
}

static unsigned elem_bits(LLVMTypeRef t)
{
    return LLVMGetIntTypeWidth(elem_type(t));
}

/* Same shape as t, element width `bits`. */
static LLVMTypeRef with_elem_bits(TrLower *l, LLVMTypeRef t, unsigned bits)
{
    LLVMTypeRef e = LLVMIntTypeInContext(l->ctx, bits);
    return LLVMGetTypeKind(t) == LLVMVectorTypeKind ? LLVMVectorType(e, LLVMGetVectorSize(t)) : e;
}

static LLVMValueRef mul_high(TrLower *l, LLVMTypeRef t, LLVMValueRef x, LLVMValueRef y,
                             bool x_signed, bool y_signed)
{
    unsigned bits = elem_bits(t);
    LLVMTypeRef wide = with_elem_bits(l, t, bits * 2);
    LLVMValueRef wx = x_signed ? LLVMBuildSExt(l->b, x, wide, "") : LLVMBuildZExt(l->b, x, wide, "");
    LLVMValueRef wy = y_signed ? LLVMBuildSExt(l->b, y, wide, "") : LLVMBuildZExt(l->b, y, wide, "");
    LLVMValueRef p = LLVMBuildMul(l->b, wx, wy, "");
    p = LLVMBuildLShr(l->b, p, tr_splat(l, wide, bits), "");
    return LLVMBuildTrunc(l->b, p, t, "");
}

/* DIVS/DIVU/REMS/REMU with the guest's answers for x/0 and MIN/-1 (no host trap). */
static LLVMValueRef lower_div(TrLower *l, const IRInsn *in, LLVMTypeRef t, LLVMValueRef x,
                              LLVMValueRef y)
{
    bool is_signed = in->op == IR_DIVS || in->op == IR_REMS;
    bool is_rem = in->op == IR_REMS || in->op == IR_REMU;
    unsigned bits = LLVMGetIntTypeWidth(t);
    LLVMValueRef zero = tr_const_int(t, 0), one = tr_const_int(t, 1);
    LLVMValueRef y_zero = LLVMBuildICmp(l->b, LLVMIntEQ, y, zero, "");
    LLVMValueRef bad = y_zero;
    if (is_signed) {
        /* MIN / -1: dividing by 1 instead gives MIN and remainder 0, the guests' answers. */
        uint64_t words[2] = {bits > 64 ? 0 : 1ull << (bits - 1), bits > 64 ? 1ull << 63 : 0};
        LLVMValueRef min = LLVMConstIntOfArbitraryPrecision(t, 2, words);
        LLVMValueRef ovf = LLVMBuildAnd(l->b, LLVMBuildICmp(l->b, LLVMIntEQ, x, min, ""),
                                        LLVMBuildICmp(l->b, LLVMIntEQ, y, LLVMConstAllOnes(t), ""),
                                        "");
        bad = LLVMBuildOr(l->b, bad, ovf, "");
    }
    LLVMValueRef safe = LLVMBuildSelect(l->b, bad, one, y, "");
    LLVMValueRef r;
    if (is_rem)
        r = is_signed ? LLVMBuildSRem(l->b, x, safe, "") : LLVMBuildURem(l->b, x, safe, "");
    else
        r = is_signed ? LLVMBuildSDiv(l->b, x, safe, "") : LLVMBuildUDiv(l->b, x, safe, "");
    LLVMValueRef by_zero;
    if (is_rem)
        by_zero = x; /* x % 0 = x */
    else
        by_zero = in->cond == IR_DIV_ARM ? zero : LLVMConstAllOnes(t);
    return LLVMBuildSelect(l->b, y_zero, by_zero, r, "");
}

static LLVMValueRef lower_flag(TrLower *l, const IRInsn *in)
{
    LLVMValueRef a = tr_arg_raw(l, in, 0);
    LLVMTypeRef t = LLVMTypeOf(a);
    LLVMValueRef b = tr_arg(l, in, 1, t);
    LLVMValueRef cin1 = tr_arg(l, in, 2, l->t_i1);
    LLVMValueRef cin = LLVMBuildZExt(l->b, cin1, t, "");
    LLVMValueRef zero = tr_const_int(t, 0);
    switch (in->op) {
    case IR_UADDO: {
        LLVMTypeRef ov[] = {t};
        LLVMValueRef args1[] = {a, b};
        LLVMValueRef s1 = tr_intrinsic(l, "llvm.uadd.with.overflow", ov, 1, args1, 2);
        LLVMValueRef sum = LLVMBuildExtractValue(l->b, s1, 0, "");
        LLVMValueRef c1 = LLVMBuildExtractValue(l->b, s1, 1, "");
        LLVMValueRef args2[] = {sum, cin};
        LLVMValueRef s2 = tr_intrinsic(l, "llvm.uadd.with.overflow", ov, 1, args2, 2);
        return LLVMBuildOr(l->b, c1, LLVMBuildExtractValue(l->b, s2, 1, ""), "");
    }
    case IR_SADDO: {
        LLVMValueRef r = LLVMBuildAdd(l->b, LLVMBuildAdd(l->b, a, b, ""), cin, "");
        LLVMValueRef m = LLVMBuildAnd(l->b, LLVMBuildXor(l->b, a, r, ""),
                                      LLVMBuildXor(l->b, b, r, ""), "");
        return LLVMBuildICmp(l->b, LLVMIntSLT, m, zero, "");
    }
    case IR_USUBO: {
        LLVMValueRef lt = LLVMBuildICmp(l->b, LLVMIntULT, a, b, "");
        LLVMValueRef eq = LLVMBuildICmp(l->b, LLVMIntEQ, a, b, "");
        return LLVMBuildOr(l->b, lt, LLVMBuildAnd(l->b, eq, cin1, ""), "");
    }
    default: { /* SSUBO */
        LLVMValueRef r = LLVMBuildSub(l->b, LLVMBuildSub(l->b, a, b, ""), cin, "");
        LLVMValueRef m = LLVMBuildAnd(l->b, LLVMBuildXor(l->b, a, b, ""),
                                      LLVMBuildXor(l->b, a, r, ""), "");
        return LLVMBuildICmp(l->b, LLVMIntSLT, m, zero, "");
    }
    }
}

static LLVMIntPredicate int_pred(IRCond c)
{
    static const LLVMIntPredicate preds[IR_CC_COUNT] = {
        [IR_CC_EQ] = LLVMIntEQ,   [IR_CC_NE] = LLVMIntNE,   [IR_CC_SLT] = LLVMIntSLT,
        [IR_CC_SLE] = LLVMIntSLE, [IR_CC_SGT] = LLVMIntSGT, [IR_CC_SGE] = LLVMIntSGE,
        [IR_CC_ULT] = LLVMIntULT, [IR_CC_ULE] = LLVMIntULE, [IR_CC_UGT] = LLVMIntUGT,
        [IR_CC_UGE] = LLVMIntUGE,
    };
    return preds[c];
}

static LLVMValueRef lower_select(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    LLVMValueRef c = tr_arg_raw(l, in, 0);
    if (LLVMTypeOf(c) == l->t_i1)
        return LLVMBuildSelect(l->b, c, tr_arg(l, in, 1, t), tr_arg(l, in, 2, t), "");
    /* v128 mask: bitwise (mask & x) | (~mask & y). */
    LLVMTypeRef bt = LLVMVectorType(l->t_i64, 2);
    LLVMValueRef m = tr_arg(l, in, 0, bt);
    LLVMValueRef x = tr_arg(l, in, 1, bt), y = tr_arg(l, in, 2, bt);
    LLVMValueRef r = LLVMBuildOr(l->b, LLVMBuildAnd(l->b, m, x, ""),
                                 LLVMBuildAnd(l->b, LLVMBuildNot(l->b, m, ""), y, ""), "");
    return LLVMBuildBitCast(l->b, r, t, "");
}

/* The vector a 128-bit integer x was bitcast from, or NULL. */
static LLVMValueRef vector_behind(LLVMValueRef x)
{
    if (!LLVMIsABitCastInst(x))
        return NULL;
    LLVMValueRef v = LLVMGetOperand(x, 0);
    return LLVMGetTypeKind(LLVMTypeOf(v)) == LLVMVectorTypeKind ? v : NULL;
}

static bool is_fp_scalar(LLVMTypeRef t)
{
    LLVMTypeKind k = LLVMGetTypeKind(t);
    return k == LLVMFloatTypeKind || k == LLVMDoubleTypeKind;
}

/* A scalar in a v128's low lane, as frontends move it (AArch64 reads d/s registers as
 * bitcast(trunc(bitcast v128 to i128)) to f64, writes them as bitcast(zext(bitcast x to
 * i64) to i128) to v128): lane 0 of the vector, or x in lane 0 of a zero vector, in the
 * scalar's own element type, so an FP value stays in an SSE register instead of crossing
 * to general registers and back (4 moves per AArch64 FP op in a loop before). NULL: not
 * that shape. */
static LLVMValueRef lane0_conv(TrLower *l, const IRInsn *in, LLVMValueRef x, LLVMTypeRef t)
{
    if (in->op == IR_BITCAST && is_fp_scalar(t) && LLVMIsAExtractElementInst(x)) {
        LLVMValueRef v = LLVMGetOperand(x, 0);
        unsigned n = LLVMGetVectorSize(LLVMTypeOf(v));
        LLVMValueRef fv = LLVMBuildBitCast(l->b, v, LLVMVectorType(t, n), "");
        return LLVMBuildExtractElement(l->b, fv, LLVMGetOperand(x, 1), "");
    }
    if (LLVMTypeOf(x) != l->t_i128)
        return NULL;
    if (in->op == IR_TRUNC && LLVMGetTypeKind(t) == LLVMIntegerTypeKind) {
        LLVMValueRef v = vector_behind(x);
        unsigned w = LLVMGetIntTypeWidth(t);
        if (!v || w < 8 || 128 % w)
            return NULL;
        LLVMValueRef lanes = LLVMBuildBitCast(l->b, v, LLVMVectorType(t, 128 / w), "");
        return LLVMBuildExtractElement(l->b, lanes, tr_const_int(l->t_i32, 0), "");
    }
    if (in->op == IR_BITCAST && LLVMGetTypeKind(t) == LLVMVectorTypeKind &&
        LLVMGetInstructionOpcode(x) == LLVMZExt) {
        LLVMValueRef s = LLVMGetOperand(x, 0);
        if (LLVMIsABitCastInst(s) && is_fp_scalar(LLVMTypeOf(LLVMGetOperand(s, 0))))
            s = LLVMGetOperand(s, 0); /* an FP scalar: insert it as one */
        LLVMTypeRef st = LLVMTypeOf(s);
        unsigned w = LLVMGetTypeKind(st) == LLVMIntegerTypeKind ? LLVMGetIntTypeWidth(st)
                     : st == l->t_f32                           ? 32
                                                                : 64;
        if (w < 8 || 128 % w)
            return NULL;
        LLVMTypeRef vt = LLVMVectorType(st, 128 / w);
        LLVMValueRef r =
            LLVMBuildInsertElement(l->b, LLVMConstNull(vt), s, tr_const_int(l->t_i32, 0), "");
        return LLVMBuildBitCast(l->b, r, t, "");
    }
    return NULL;
}

static LLVMValueRef lower_conv(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    LLVMValueRef x = tr_arg_raw(l, in, 0);
    LLVMTypeRef xt = LLVMTypeOf(x);
    if (xt == t)
        return x;
    LLVMValueRef r = lane0_conv(l, in, x, t);
    if (r)
        return r;
    switch (in->op) {
    case IR_ZEXT: return LLVMBuildZExt(l->b, x, t, "");
    case IR_SEXT: return LLVMBuildSExt(l->b, x, t, "");
    case IR_TRUNC: return LLVMBuildTrunc(l->b, x, t, "");
    default: return LLVMBuildBitCast(l->b, x, t, "");
    }
}

bool tr_lower_int_op(TrLower *l, uint32_t i, const IRInsn *in)
{
    LLVMTypeRef t = tr_type(l, (IRType)in->type, tr_insn_lane(l, in));
    LLVMValueRef x = NULL, y = NULL, r = NULL;
    unsigned ar = ir_op_info[in->op].rule;
    if (ar == IR_RULE_SAME_INT || ar == IR_RULE_SCALAR_INT) {
        if (LLVMGetTypeKind(elem_type(t)) != LLVMIntegerTypeKind)
            return false;
        x = tr_arg(l, in, 0, t);
        if (ir_op_info[in->op].nargs > 1)
            y = tr_arg(l, in, 1, t);
    }
    switch (in->op) {
    case IR_ADD: r = LLVMBuildAdd(l->b, x, y, ""); break;
    case IR_SUB: r = LLVMBuildSub(l->b, x, y, ""); break;
    case IR_MUL: r = LLVMBuildMul(l->b, x, y, ""); break;
    case IR_MULHS: r = mul_high(l, t, x, y, true, true); break;
    case IR_MULHU: r = mul_high(l, t, x, y, false, false); break;
    case IR_MULHSU: r = mul_high(l, t, x, y, true, false); break;
    case IR_DIVS:
    case IR_DIVU:
    case IR_REMS:
    case IR_REMU: r = lower_div(l, in, t, x, y); break;
    case IR_AND: r = LLVMBuildAnd(l->b, x, y, ""); break;
    case IR_OR: r = LLVMBuildOr(l->b, x, y, ""); break;
    case IR_XOR: r = LLVMBuildXor(l->b, x, y, ""); break;
    case IR_NOT: r = LLVMBuildNot(l->b, x, ""); break;
    case IR_NEG: r = LLVMBuildNeg(l->b, x, ""); break;
    case IR_SHL:
    case IR_SHR:
    case IR_SAR: {
        LLVMValueRef amt = elem_bits(t) > 1 ? LLVMBuildAnd(l->b, y, tr_splat(l, t, elem_bits(t) - 1), "")
                                            : tr_splat(l, t, 0);
        r = in->op == IR_SHL   ? LLVMBuildShl(l->b, x, amt, "")
            : in->op == IR_SHR ? LLVMBuildLShr(l->b, x, amt, "")
                               : LLVMBuildAShr(l->b, x, amt, "");
        break;
    }
    case IR_ROTL:
    case IR_ROTR: {
        LLVMValueRef args[] = {x, x, y};
        r = tr_intrinsic(l, in->op == IR_ROTL ? "llvm.fshl" : "llvm.fshr", &t, 1, args, 3);
        break;
    }
    case IR_CLZ:
    case IR_CTZ: {
        LLVMValueRef args[] = {x, tr_const_int(l->t_i1, 0)};
        r = tr_intrinsic(l, in->op == IR_CLZ ? "llvm.ctlz" : "llvm.cttz", &t, 1, args, 2);
        break;
    }
    case IR_POPCNT: r = tr_intrinsic(l, "llvm.ctpop", &t, 1, &x, 1); break;
    case IR_BSWAP:
        r = elem_bits(t) < 16 ? x : tr_intrinsic(l, "llvm.bswap", &t, 1, &x, 1);
        break;
    case IR_SMIN:
    case IR_SMAX:
    case IR_UMIN:
    case IR_UMAX:
    case IR_SADDSAT:
    case IR_UADDSAT:
    case IR_SSUBSAT:
    case IR_USUBSAT: {
        static const char *const names[] = {
            [IR_SMIN] = "llvm.smin",         [IR_SMAX] = "llvm.smax",
            [IR_UMIN] = "llvm.umin",         [IR_UMAX] = "llvm.umax",
            [IR_SADDSAT] = "llvm.sadd.sat",  [IR_UADDSAT] = "llvm.uadd.sat",
            [IR_SSUBSAT] = "llvm.ssub.sat",  [IR_USUBSAT] = "llvm.usub.sat",
        };
        LLVMValueRef args[] = {x, y};
        r = tr_intrinsic(l, names[in->op], &t, 1, args, 2);
        break;
    }
    case IR_CMP: {
        LLVMValueRef a = tr_arg_raw(l, in, 0);
        LLVMTypeRef at = in->type == IR_V128 ? tr_vec_type(l, tr_insn_lane(l, in)) : LLVMTypeOf(a);
        a = tr_arg(l, in, 0, at);
        if (in->cond >= IR_CC_COUNT)
            return tr_fail(l, in, "bad condition", NULL), true;
        r = LLVMBuildICmp(l->b, int_pred((IRCond)in->cond), a, tr_arg(l, in, 1, at), "");
        if (in->type == IR_V128)
            r = LLVMBuildSExt(l->b, r, at, "");
        break;
    }
    case IR_SELECT: r = lower_select(l, in, t); break;
    case IR_ZEXT:
    case IR_SEXT:
    case IR_TRUNC:
    case IR_BITCAST: r = lower_conv(l, in, t); break;
    case IR_UADDO:
    case IR_SADDO:
    case IR_USUBO:
    case IR_SSUBO: r = lower_flag(l, in); break;
    default: return false;
    }
    if (r && LLVMTypeOf(r) != t)
        r = LLVMBuildBitCast(l->b, r, t, "");
    l->vals[i] = r;
    return true;
}

/* ---- Vectors ----------------------------------------------------------------------------- */

static LLVMValueRef shuffle(TrLower *l, LLVMValueRef a, LLVMValueRef b, const unsigned *idx,
                            unsigned n)
{
    LLVMValueRef mask[32];
    for (unsigned k = 0; k < n; k++)
        mask[k] = tr_const_int(l->t_i32, idx[k]);
    return LLVMBuildShuffleVector(l->b, a, b, LLVMConstVector(mask, n), "");
}

static LLVMValueRef lower_vshuffle(TrLower *l, const IRInsn *in)
{
    LLVMTypeRef bt = LLVMVectorType(l->t_i8, 16);
    LLVMValueRef a = tr_arg(l, in, 0, bt), b = tr_arg(l, in, 1, bt);
    unsigned idx[16];
    LLVMValueRef keep[16];
    bool any_zero = false;
    for (unsigned k = 0; k < 16; k++) {
        unsigned sel = (unsigned)(((k < 8 ? in->imm : in->imm2) >> (8 * (k & 7))) & 0xff);
        bool zero = sel >= 32;
        any_zero |= zero;
        idx[k] = zero ? 0 : sel;
        keep[k] = tr_const_int(l->t_i8, zero ? 0 : 0xff);
    }
    LLVMValueRef r = shuffle(l, a, b, idx, 16);
    if (any_zero)
        r = LLVMBuildAnd(l->b, r, LLVMConstVector(keep, 16), "");
    return r;
}

static LLVMValueRef lower_vtbl(TrLower *l, const IRInsn *in)
{
    LLVMTypeRef bt = LLVMVectorType(l->t_i8, 16);
    LLVMValueRef table = tr_arg(l, in, 0, bt), idx = tr_arg(l, in, 1, bt);
    LLVMValueRef r = LLVMConstNull(bt);
    for (unsigned k = 0; k < 16; k++) {
        LLVMValueRef kk = tr_const_int(l->t_i32, k);
        LLVMValueRef ix = LLVMBuildExtractElement(l->b, idx, kk, "");
        LLVMValueRef in_range = LLVMBuildICmp(l->b, LLVMIntULT, ix, tr_const_int(l->t_i8, 16), "");
        LLVMValueRef ix15 = LLVMBuildAnd(l->b, ix, tr_const_int(l->t_i8, 15), "");
        LLVMValueRef e = LLVMBuildExtractElement(l->b, table, ix15, "");
        e = LLVMBuildSelect(l->b, in_range, e, tr_const_int(l->t_i8, 0), "");
        r = LLVMBuildInsertElement(l->b, r, e, kk, "");
    }
    return r;
}

static LLVMValueRef lower_vwiden(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    unsigned n = LLVMGetVectorSize(t);
    LLVMTypeRef et = LLVMGetElementType(t);
    bool is_float = LLVMGetTypeKind(et) == LLVMDoubleTypeKind;
    LLVMTypeRef src_e = is_float ? l->t_f32 : LLVMIntTypeInContext(l->ctx, LLVMGetIntTypeWidth(et) / 2);
    LLVMValueRef x = tr_arg(l, in, 0, LLVMVectorType(src_e, n * 2));
    unsigned idx[16] = {0};
    for (unsigned k = 0; k < n && k < 16; k++)
        idx[k] = (in->op == IR_VWIDEN_HI ? n : 0) + k;
    LLVMValueRef half = shuffle(l, x, LLVMGetUndef(LLVMTypeOf(x)), idx, n);
    if (is_float)
        return LLVMBuildFPExt(l->b, half, t, "");
    return (in->cond & IR_CVT_UNSIGNED) ? LLVMBuildZExt(l->b, half, t, "")
                                        : LLVMBuildSExt(l->b, half, t, "");
}

static LLVMValueRef lower_vnarrow(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    unsigned n = LLVMGetVectorSize(t); /* result lanes = 2 * source lanes */
    unsigned bits = elem_bits(t);
    LLVMTypeRef src = LLVMVectorType(LLVMIntTypeInContext(l->ctx, bits * 2), n / 2);
    LLVMValueRef a = tr_arg(l, in, 0, src), b = tr_arg(l, in, 1, src);
    unsigned idx[16] = {0};
    for (unsigned k = 0; k < n && k < 16; k++)
        idx[k] = k;
    LLVMValueRef w = shuffle(l, a, b, idx, n);
    LLVMTypeRef wt = LLVMTypeOf(w);
    uint64_t umax = fvp_mask(bits), smax = fvp_mask(bits - 1), smin = ~smax;
    switch (in->cond) {
    case IR_NARROW_SSAT: {
        LLVMValueRef a1[] = {w, tr_splat(l, wt, smax)};
        w = tr_intrinsic(l, "llvm.smin", &wt, 1, a1, 2);
        LLVMValueRef a2[] = {w, tr_splat(l, wt, smin)};
        w = tr_intrinsic(l, "llvm.smax", &wt, 1, a2, 2);
        break;
    }
    case IR_NARROW_USAT: {
        LLVMValueRef a1[] = {w, tr_splat(l, wt, umax)};
        w = tr_intrinsic(l, "llvm.umin", &wt, 1, a1, 2);
        break;
    }
    case IR_NARROW_SUSAT: {
        LLVMValueRef a1[] = {w, tr_splat(l, wt, umax)};
        w = tr_intrinsic(l, "llvm.smin", &wt, 1, a1, 2);
        LLVMValueRef a2[] = {w, tr_splat(l, wt, 0)};
        w = tr_intrinsic(l, "llvm.smax", &wt, 1, a2, 2);
        break;
    }
    default: break;
    }
    return LLVMBuildTrunc(l->b, w, t, "");
}

static LLVMValueRef lower_vreduce(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    LLVMTypeRef vt = tr_vec_type(l, (IRLane)in->lane);
    LLVMValueRef x = tr_arg(l, in, 0, vt);
    if (in->op == IR_VMOVMSK) {
        unsigned n = LLVMGetVectorSize(vt);
        LLVMTypeRef it = LLVMVectorType(LLVMIntTypeInContext(l->ctx, 128 / n), n);
        LLVMValueRef xi = LLVMBuildBitCast(l->b, x, it, "");
        LLVMValueRef neg = LLVMBuildICmp(l->b, LLVMIntSLT, xi, LLVMConstNull(it), "");
        LLVMValueRef m = LLVMBuildBitCast(l->b, neg, LLVMIntTypeInContext(l->ctx, n), "");
        return LLVMBuildZExt(l->b, m, t, "");
    }
    if (ir_lane_is_float((IRLane)in->lane))
        return tr_fail(l, in, "float reduction", t);
    const char *name;
    switch (in->cond) {
    case IR_ADD: name = "llvm.vector.reduce.add"; break;
    case IR_SMIN: name = "llvm.vector.reduce.smin"; break;
    case IR_SMAX: name = "llvm.vector.reduce.smax"; break;
    case IR_UMIN: name = "llvm.vector.reduce.umin"; break;
    case IR_UMAX: name = "llvm.vector.reduce.umax"; break;
    default: return tr_fail(l, in, "bad reduction", t);
    }
    /* At lane width; the result is zero-extended (or truncated) to the result type. */
    LLVMValueRef r = tr_intrinsic(l, name, &vt, 1, &x, 1);
    unsigned rbits = LLVMGetIntTypeWidth(t);
    if (rbits > elem_bits(vt))
        return LLVMBuildZExt(l->b, r, t, "");
    return LLVMTypeOf(r) == t ? r : LLVMBuildTrunc(l->b, r, t, "");
}

static unsigned llvm_scalar_bits(TrLower *l, LLVMTypeRef t)
{
    if (t == l->t_f32)
        return 32;
    if (t == l->t_f64)
        return 64;
    return LLVMGetIntTypeWidth(t);
}

/* A scalar converted to type `want`: integers are truncated or zero-extended, floats and
 * same-width values reinterpreted. */
static LLVMValueRef scalar_as(TrLower *l, LLVMValueRef v, LLVMTypeRef want)
{
    LLVMTypeRef have = LLVMTypeOf(v);
    if (have == want)
        return v;
    unsigned hb = llvm_scalar_bits(l, have), wb = llvm_scalar_bits(l, want);
    if (hb != wb) {
        LLVMTypeRef hi = LLVMIntTypeInContext(l->ctx, hb), wi = LLVMIntTypeInContext(l->ctx, wb);
        v = LLVMBuildBitCast(l->b, v, hi, "");
        v = hb > wb ? LLVMBuildTrunc(l->b, v, wi, "") : LLVMBuildZExt(l->b, v, wi, "");
    }
    return LLVMBuildBitCast(l->b, v, want, "");
}

bool tr_lower_vec_op(TrLower *l, uint32_t i, const IRInsn *in)
{
    LLVMTypeRef t = tr_type(l, (IRType)in->type, tr_insn_lane(l, in));
    LLVMValueRef r;
    switch (in->op) {
    case IR_VSPLAT: {
        LLVMValueRef s = scalar_as(l, tr_arg_raw(l, in, 0), LLVMGetElementType(t));
        LLVMValueRef v = LLVMBuildInsertElement(l->b, LLVMGetUndef(t), s,
                                                tr_const_int(l->t_i32, 0), "");
        unsigned zeros[16] = {0};
        r = shuffle(l, v, LLVMGetUndef(t), zeros, LLVMGetVectorSize(t));
        break;
    }
    case IR_VEXTRACT: {
        unsigned n = 128 / ir_type_bits((IRType)in->type);
        LLVMValueRef v = tr_arg(l, in, 0, LLVMVectorType(t, n));
        r = LLVMBuildExtractElement(l->b, v, tr_const_int(l->t_i32, in->imm % n), "");
        break;
    }
    case IR_VINSERT: { /* the element size is the scalar's */
        LLVMValueRef s = tr_arg_raw(l, in, 1);
        unsigned n = 128 / llvm_scalar_bits(l, LLVMTypeOf(s));
        LLVMValueRef v = tr_arg(l, in, 0, LLVMVectorType(LLVMTypeOf(s), n));
        r = LLVMBuildInsertElement(l->b, v, s, tr_const_int(l->t_i32, in->imm % n), "");
        break;
    }
    case IR_VSHUFFLE: r = lower_vshuffle(l, in); break;
    case IR_VTBL: r = lower_vtbl(l, in); break;
    case IR_VWIDEN_LO:
    case IR_VWIDEN_HI: r = lower_vwiden(l, in, t); break;
    case IR_VNARROW: r = lower_vnarrow(l, in, t); break;
    case IR_VREDUCE:
    case IR_VMOVMSK: r = lower_vreduce(l, in, t); break;
    default: return false;
    }
    if (r && LLVMTypeOf(r) != t)
        r = LLVMBuildBitCast(l->b, r, t, "");
    l->vals[i] = r;
    return true;
}
