/* Lifters for A64 scalar floating point: arithmetic, fused multiply-add, min/max,
 * compares, conditional compare/select, rounding, precision and integer conversions. */
#include "frontends/aarch64/aarch64_internal.h"

/* ftype -> f32/f64; half precision (3) and 2 are not implemented (false). */
static bool fp_type(int64_t ftype, IRType *t)
{
    if (ftype == 0)
        *t = IR_F32;
    else if (ftype == 1)
        *t = IR_F64;
    else
        return false;
    return true;
}

static uint32_t get_f(A64Lift *c, IRType t, int64_t r)
{
    return a64_get_vlow(c, r, t);
}

static uint32_t fop2(A64Lift *c, IROp op, unsigned kind, uint32_t x, uint32_t y)
{
    return ir_fop(c->b, op, IR_RM_DYN, A64_NAN, kind, x, y, 0);
}

bool a64_trans_fp_2src(A64Lift *c, const A64ArgFp2src *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t) || a->opcode > 8)
        return false;
    IRBlock *b = c->b;
    uint32_t x = get_f(c, t, a->rn), y = get_f(c, t, a->rm);
    uint32_t r;
    switch (a->opcode) {
    case 0:
        r = fop2(c, IR_FMUL, 0, x, y);
        break;
    case 1:
        r = fop2(c, IR_FDIV, 0, x, y);
        break;
    case 2:
        r = fop2(c, IR_FADD, 0, x, y);
        break;
    case 3:
        r = fop2(c, IR_FSUB, 0, x, y);
        break;
    case 4:
        r = fop2(c, IR_FMAX, IR_FMIN_ARM, x, y);
        break;
    case 5:
        r = fop2(c, IR_FMIN, IR_FMIN_ARM, x, y);
        break;
    case 6:
        r = fop2(c, IR_FMAX, IR_FMIN_ARM_NM, x, y);
        break;
    case 7:
        r = fop2(c, IR_FMIN, IR_FMIN_ARM_NM, x, y);
        break;
    default:
        r = ir_unop(b, IR_FNEG, fop2(c, IR_FMUL, 0, x, y));
        break; /* FNMUL */
    }
    a64_put_vlow(c, a->rd, r);
    return true;
}

bool a64_trans_fp_3src(A64Lift *c, const A64ArgFp3src *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t))
        return false;
    IRBlock *b = c->b;
    uint32_t n = get_f(c, t, a->rn), m = get_f(c, t, a->rm), acc = get_f(c, t, a->ra);
    /* FMSUB/FNMADD negate operand 1 and FNMADD/FNMSUB the addend before one fused
     * multiply-add, as the Arm pseudocode does (FPNeg flips NaN signs too). */
    if (a->o0 != a->o1)
        n = ir_unop(b, IR_FNEG, n);
    if (a->o1)
        acc = ir_unop(b, IR_FNEG, acc);
    a64_put_vlow(c, a->rd, ir_fop(b, IR_FMA, IR_RM_DYN, A64_NAN, 0, n, m, acc));
    return true;
}

uint32_t a64_helper_result(A64Lift *c, uint32_t r, IRType t)
{
    IRBlock *b = c->b;
    uint32_t flags = ir_conv(b, IR_TRUNC, IR_I32, ir_binop(b, IR_SHR, r, a64_c64(c, 32)));
    ir_put(b, A64_OFF_FP_FLAGS, ir_binop(b, IR_OR, ir_get(b, IR_I32, A64_OFF_FP_FLAGS), flags));
    return ir_conv(b, IR_TRUNC, t, r);
}

uint32_t a64_fp_mode_arg(A64Lift *c)
{
    return ir_conv(c->b, IR_ZEXT, IR_I64, ir_get(c->b, IR_I32, A64_OFF_FP_ROUND));
}

uint32_t a64_half_to_float(A64Lift *c, uint32_t h, IRType t)
{
    IRBlock *b = c->b;
    uint32_t r =
        ir_helper(b, IR_HELPER_FCVT_H2F_ARM, ir_conv(b, IR_ZEXT, IR_I64, h), a64_fp_mode_arg(c), 0);
    uint32_t f = ir_conv(b, IR_BITCAST, IR_F32, a64_helper_result(c, r, IR_I32));
    /* f32 -> f64 is exact, and a half never becomes an f32 denormal (FZ cannot apply) */
    return t == IR_F64 ? ir_fcvt(b, IR_FCVT_F2F, IR_F64, 0, IR_RM_DYN, A64_NAN, f) : f;
}

uint32_t a64_float_to_half(A64Lift *c, uint32_t f)
{
    IRBlock *b = c->b;
    IRType t = ir_value_type(b, f);
    uint32_t bits = ir_conv(b, IR_BITCAST, t == IR_F32 ? IR_I32 : IR_I64, f);
    uint32_t r = ir_helper(b, IR_HELPER_FCVT_F2H_ARM, ir_conv(b, IR_ZEXT, IR_I64, bits),
                           a64_c64(c, t), a64_fp_mode_arg(c));
    return a64_helper_result(c, r, IR_I16);
}

bool a64_trans_fp_1src(A64Lift *c, const A64ArgFp1src *a)
{
    IRType t;
    if (a->ftype == 3 && (a->opcode == 4 || a->opcode == 5)) { /* FCVT Sd/Dd, Hn */
        uint32_t h = a64_get_vlow(c, a->rn, IR_I16);
        a64_put_vlow(c, a->rd, a64_half_to_float(c, h, a->opcode == 4 ? IR_F32 : IR_F64));
        return true;
    }
    if (!fp_type(a->ftype, &t))
        return false;
    if (a->opcode == 7) { /* FCVT Hd, Sn/Dn */
        a64_put_vlow(c, a->rd, a64_float_to_half(c, get_f(c, t, a->rn)));
        return true;
    }
    IRBlock *b = c->b;
    static const IRRound frint_rm[8] = {IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ,
                                        IR_RM_RMM, 0,         IR_RM_DYN, IR_RM_DYN};
    uint32_t r;
    switch (a->opcode) {
    case 0:
        r = get_f(c, t, a->rn);
        break;
    case 1:
        r = ir_unop(b, IR_FABS, get_f(c, t, a->rn));
        break;
    case 2:
        r = ir_unop(b, IR_FNEG, get_f(c, t, a->rn));
        break;
    case 3:
        r = ir_fop(b, IR_FSQRT, IR_RM_DYN, A64_NAN, 0, get_f(c, t, a->rn), 0, 0);
        break;
    case 4:
    case 5: {
        IRType to = a->opcode == 4 ? IR_F32 : IR_F64;
        if (to == t)
            return false;
        r = ir_fcvt(b, IR_FCVT_F2F, to, 0, IR_RM_DYN, A64_NAN, get_f(c, t, a->rn));
        break;
    }
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
    case 14:
    case 15: {
        unsigned k = (unsigned)a->opcode - 8;
        r = ir_fop(b, IR_FROUND, frint_rm[k], A64_NAN, k == 6, get_f(c, t, a->rn), 0, 0);
        break;
    }
    default:
        return false;
    }
    a64_put_vlow(c, a->rd, r);
    return true;
}

/* NZCV of an FP compare: unordered 0011, equal 0110, less 1000, greater 0010. */
static void fcmp_flags(A64Lift *c, uint32_t x, uint32_t y, bool signalling, uint32_t *f)
{
    IRBlock *b = c->b;
    uint32_t lt = ir_fcmp(b, signalling ? IR_FCC_OLT_S : IR_FCC_OLT, A64_NAN, x, y);
    uint32_t eq = ir_fcmp(b, IR_FCC_OEQ, A64_NAN, x, y);
    uint32_t un = ir_fcmp(b, IR_FCC_UNO, A64_NAN, x, y);
    f[0] = lt;
    f[1] = eq;
    f[2] = ir_binop(b, IR_XOR, lt, ir_const(b, IR_I1, 1));
    f[3] = un;
}

static uint32_t fzero(A64Lift *c, IRType t)
{
    return ir_const(c->b, t, 0);
}

bool a64_trans_fp_cmp(A64Lift *c, const A64ArgFpCmp *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t) || a->op != 0 || (a->opcode2 & 7) != 0)
        return false;
    uint32_t x = get_f(c, t, a->rn);
    uint32_t y = (a->opcode2 & 8) ? fzero(c, t) : get_f(c, t, a->rm);
    uint32_t f[4];
    fcmp_flags(c, x, y, (a->opcode2 & 16) != 0, f);
    a64_put_nzcv(c, f[0], f[1], f[2], f[3]);
    return true;
}

bool a64_trans_fp_ccmp(A64Lift *c, const A64ArgFpCcmp *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t))
        return false;
    IRBlock *b = c->b;
    uint32_t holds = a64_cond(c, a->cond);
    /* When the condition fails nothing is compared (no exception flags): compare zeros. */
    uint32_t x = ir_select(b, holds, get_f(c, t, a->rn), fzero(c, t));
    uint32_t y = ir_select(b, holds, get_f(c, t, a->rm), fzero(c, t));
    uint32_t f[4];
    fcmp_flags(c, x, y, a->op != 0, f);
    static const uint32_t offs[4] = {A64_OFF_N, A64_OFF_Z, A64_OFF_C, A64_OFF_V};
    for (unsigned i = 0; i < 4; i++) {
        uint32_t k = ir_const(b, IR_I1, (uint64_t)(a->nzcv >> (3 - i)) & 1);
        a64_put_flag(c, offs[i], ir_select(b, holds, f[i], k));
    }
    return true;
}

bool a64_trans_fp_csel(A64Lift *c, const A64ArgFpCsel *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t))
        return false;
    uint32_t holds = a64_cond(c, a->cond);
    uint32_t r = ir_select(c->b, holds, get_f(c, t, a->rn), get_f(c, t, a->rm));
    a64_put_vlow(c, a->rd, r);
    return true;
}

bool a64_trans_fp_imm(A64Lift *c, const A64ArgFpImm *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t))
        return false;
    uint64_t imm = (uint64_t)a->imm;
    uint64_t sign = imm >> 7 & 1, bb = imm >> 6 & 1, cd = imm >> 4 & 3, efgh = imm & 15;
    uint64_t bits;
    if (t == IR_F32)
        bits = sign << 31 | (bb ^ 1) << 30 | (bb ? 0x1full : 0) << 25 | cd << 23 | efgh << 19;
    else
        bits = sign << 63 | (bb ^ 1) << 62 | (bb ? 0xffull : 0) << 54 | cd << 52 | efgh << 48;
    a64_put_vlow(c, a->rd, ir_const(c->b, t, bits));
    return true;
}

static const IRRound rmode_rm[4] = {IR_RM_RNE, IR_RM_RUP, IR_RM_RDN, IR_RM_RTZ};

bool a64_trans_fp_int(A64Lift *c, const A64ArgFpInt *a)
{
    IRBlock *b = c->b;
    IRType it = a64_ity(a->sf);
    if (a->opcode >= 6) { /* FMOV between general and FP registers */
        if (a->ftype == 2 && a->sf && a->rmode == 1) {
            uint32_t v =
                ir_conv(b, IR_BITCAST, IR_I128, a64_get_v(c, a->opcode == 6 ? a->rn : a->rd));
            if (a->opcode == 6) {
                uint32_t hi = ir_binop(b, IR_SHR, v, ir_const(b, IR_I128, 64));
                a64_put_x(c, a->rd, ir_conv(b, IR_TRUNC, IR_I64, hi));
            } else {
                uint32_t lo = ir_binop(b, IR_AND, v, ir_const128(b, IR_I128, ~0ull, 0));
                uint32_t hi = ir_conv(b, IR_ZEXT, IR_I128, a64_get_x(c, a->rn, 1));
                hi = ir_binop(b, IR_SHL, hi, ir_const(b, IR_I128, 64));
                a64_put_v(c, a->rd, ir_conv(b, IR_BITCAST, IR_V128, ir_binop(b, IR_OR, lo, hi)));
            }
            return true;
        }
        if (a->rmode != 0 || a->ftype != a->sf)
            return false;
        if (a->opcode == 6)
            a64_put_x(c, a->rd, a64_get_vlow(c, a->rn, it));
        else
            a64_put_vlow(c, a->rd, a64_get_x(c, a->rn, a->sf));
        return true;
    }
    IRType t;
    if (!fp_type(a->ftype, &t))
        return false;
    if (a->opcode == 2 || a->opcode == 3) { /* SCVTF / UCVTF */
        if (a->rmode != 0)
            return false;
        unsigned kind = a->opcode == 3 ? IR_CVT_UNSIGNED : IR_CVT_SIGNED;
        uint32_t x = a64_get_x(c, a->rn, a->sf);
        a64_put_vlow(c, a->rd, ir_fcvt(b, IR_FCVT_I2F, t, kind, IR_RM_DYN, A64_NAN, x));
        return true;
    }
    IRRound rm;
    if (a->opcode >= 4) { /* FCVTAS / FCVTAU */
        if (a->rmode != 0)
            return false;
        rm = IR_RM_RMM;
    } else {
        rm = rmode_rm[a->rmode];
    }
    unsigned kind = IR_CVT_SAT_ARM | ((a->opcode & 1) ? IR_CVT_UNSIGNED : IR_CVT_SIGNED);
    uint32_t r = ir_fcvt(b, IR_FCVT_F2I, it, kind, rm, A64_NAN, get_f(c, t, a->rn));
    a64_put_x(c, a->rd, r);
    return true;
}

/* 2^e as a constant of type t (|e| <= 64). */
static uint32_t pow2(A64Lift *c, IRType t, int e)
{
    if (t == IR_F32)
        return ir_const(c->b, t, (uint64_t)(127 + e) << 23);
    return ir_const(c->b, t, (uint64_t)(1023 + e) << 52);
}

bool a64_trans_fp_fixed(A64Lift *c, const A64ArgFpFixed *a)
{
    IRType t;
    if (!fp_type(a->ftype, &t) || (!a->sf && a->scale < 32))
        return false;
    IRBlock *b = c->b;
    IRType it = a64_ity(a->sf);
    int fbits = 64 - (int)a->scale;
    if (a->rmode == 0 && (a->opcode == 2 || a->opcode == 3)) {
        /* The conversion rounds once; scaling by a power of two is then exact. */
        unsigned kind = a->opcode == 3 ? IR_CVT_UNSIGNED : IR_CVT_SIGNED;
        uint32_t f =
            ir_fcvt(b, IR_FCVT_I2F, t, kind, IR_RM_DYN, A64_NAN, a64_get_x(c, a->rn, a->sf));
        a64_put_vlow(c, a->rd, fop2(c, IR_FMUL, 0, f, pow2(c, t, -fbits)));
        return true;
    }
    if (a->rmode == 3 && (a->opcode == 0 || a->opcode == 1)) {
        /* x * 2^fbits is exact unless it overflows, and then the conversion saturates and
         * raises invalid on its own: the multiply's flags are dropped but for IDC. */
        uint32_t flags = ir_get(b, IR_I32, A64_OFF_FP_FLAGS);
        uint32_t f = fop2(c, IR_FMUL, 0, get_f(c, t, a->rn), pow2(c, t, fbits));
        a64_restore_fp_flags_but_idc(c, flags);
        unsigned kind = IR_CVT_SAT_ARM | (a->opcode ? IR_CVT_UNSIGNED : IR_CVT_SIGNED);
        a64_put_x(c, a->rd, ir_fcvt(b, IR_FCVT_F2I, it, kind, IR_RM_RTZ, A64_NAN, f));
        return true;
    }
    return false;
}
