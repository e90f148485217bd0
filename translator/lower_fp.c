/* Lowering of FP IR ops: native SSE for the common case, runtime/fp.c calls for the rest. */
#include "translator/lower_internal.h"

#include <stddef.h>
#include <string.h>

#include "common/common.h"
#include "runtime/fp.h"
#include "translator/fp_helpers.h"

/*
 * Two strategies, chosen per op (docs/translator.md has the measurements):
 *
 *   native   FADD/FSUB/FMUL/FDIV/FSQRT with RISC-V or AArch64 NaN rules and rm = RNE, or
 *            rm = DYN while fp_round is RNE (tested per op, the call path otherwise; for
 *            nan = arm_fpcr also while fp_round is FZ alone and fz_native_ok holds),
 *            scalar or packed: llvm.experimental.constrained.* (so LLVM neither folds nor
 *            reorders them) under a region-private MXCSR; the sticky host flags are folded
 *            into IRStateHeader.fp_flags only when the guest can observe them:
 *
 *              region entry:      saved = stmxcsr; ldmxcsr(MXCSR_REGION)
 *              a PUT of all of fp_flags:  ldmxcsr(MXCSR_REGION)  (overwritten: no read)
 *              fold (other get/put of fp_flags, helper call):
 *                                 fp_flags |= map(stmxcsr); ldmxcsr(MXCSR_REGION)
 *              region exit:       fp_flags |= map(stmxcsr); ldmxcsr(saved)
 *
 *            NaN results become the default NaN (tested by a quiet FP compare of the
 *            result), or, for AArch64's propagating NaNs, are recomputed by the call path
 *            (native_fixup).
 *            x86 detects tininess after rounding and raises underflow only when inexact,
 *            as RISC-V does; AArch64 detects it before rounding, which differs only for
 *            results of magnitude MIN_NORMAL: those are recomputed. x86's DE flag is
 *            dropped (runtime/fp.c reports DE only for x86 guests, which use calls).
 *   call     everything else: the exact C implementation the interpreter uses
 *            (runtime/fp.h), called by address lane by lane; its flags land in a stack
 *            word that is ORed into the fp_flags slot. fp.c saves and restores MXCSR, so
 *            the sticky native flags survive these calls.
 */

/* Status flags; rounding control; flush-to-zero and denormals-are-zero; exception masks.
 * Inside a region MXCSR is always MXCSR_REGION plus sticky flags: every exception masked,
 * RNE, no FTZ/DAZ (the other bits are reserved), so clearing the flags needs no read. */
enum { MXCSR_FLAGS = 0x3f, MXCSR_MASKS = 0x1f80, MXCSR_REGION = MXCSR_MASKS };

static bool fp_native(const IRInsn *in)
{
    switch (in->op) {
    case IR_FCMP:
        /* Scalar compares: ucomis (quiet) / comis (signalling) raise invalid exactly as
         * fp_compare does (the denormal flag they also raise matters only to IR_NAN_X86).
         * With IR_NAN_ARM_FPCR only while FPCR.FZ is clear (checked at run time). */
        return in->type != IR_V128 && in->nan != IR_NAN_X86;
    case IR_FADD:
    case IR_FSUB:
    case IR_FMUL:
    case IR_FDIV:
    case IR_FSQRT:
        /* nan = arm_fpcr is native only with rm = DYN: lower_dynamic's test of the whole
         * fp_round word then also sends FPCR.FZ/DN to the call path. */
        return (in->rm == IR_RM_RNE || in->rm == IR_RM_DYN) && in->nan != IR_NAN_X86 &&
               (in->nan != IR_NAN_ARM_FPCR || in->rm == IR_RM_DYN);
    default:
        return false;
    }
}

bool tr_fp_region_uses_mxcsr(TrLower *l)
{
    for (size_t bi = 0; bi < l->nblocks; bi++)
        for (size_t i = 0; i < l->blocks[bi]->count; i++)
            if (fp_native(&l->blocks[bi]->insns[i]))
                return true;
    return false;
}

static LLVMValueRef mxcsr_read(TrLower *l)
{
    LLVMValueRef args[] = {l->mxcsr_tmp};
    tr_intrinsic(l, "llvm.x86.sse.stmxcsr", NULL, 0, args, 1);
    return LLVMBuildLoad2(l->b, l->t_i32, l->mxcsr_tmp, "");
}

static void mxcsr_write(TrLower *l, LLVMValueRef v)
{
    LLVMBuildStore(l->b, v, l->mxcsr_tmp);
    LLVMValueRef args[] = {l->mxcsr_tmp};
    tr_intrinsic(l, "llvm.x86.sse.ldmxcsr", NULL, 0, args, 1);
}

void tr_fp_region_enter(TrLower *l)
{
    if (!l->mxcsr_tmp)
        return;
    LLVMBuildStore(l->b, mxcsr_read(l), l->mxcsr_saved);
    mxcsr_write(l, tr_const_int(l->t_i32, MXCSR_REGION));
}

static LLVMValueRef shift_bit(TrLower *l, LLVMValueRef m, unsigned from, unsigned to)
{
    LLVMValueRef bit = LLVMBuildAnd(l->b, m, tr_const_int(l->t_i32, 1u << from), "");
    if (from < to)
        return LLVMBuildShl(l->b, bit, tr_const_int(l->t_i32, to - from), "");
    return LLVMBuildLShr(l->b, bit, tr_const_int(l->t_i32, from - to), "");
}

/* The guest flags (IR_FPF_*) of host MXCSR value m. */
static LLVMValueRef mxcsr_guest_flags(TrLower *l, LLVMValueRef m)
{
    LLVMValueRef f = shift_bit(l, m, 0, 4);                 /* IE -> NV */
    f = LLVMBuildOr(l->b, f, shift_bit(l, m, 2, 3), "");     /* ZE -> DZ */
    f = LLVMBuildOr(l->b, f, shift_bit(l, m, 3, 2), "");     /* OE -> OF */
    f = LLVMBuildOr(l->b, f, shift_bit(l, m, 4, 1), "");     /* UE -> UF */
    return LLVMBuildOr(l->b, f, shift_bit(l, m, 5, 0), ""); /* PE -> NX */
}

/* Host MXCSR flags -> fp_flags slot; then either clears the host flags or restores the
 * MXCSR saved at region entry. The cleared MXCSR is a constant, so the ldmxcsr does not
 * wait for the stmxcsr (which waits for every FP op before it). */
static void mxcsr_fold(TrLower *l, bool restore)
{
    LLVMValueRef m = mxcsr_read(l);
    uint32_t off = offsetof(IRStateHeader, fp_flags);
    LLVMValueRef old = tr_state_read(l, off, l->t_i32);
    tr_state_write(l, off, LLVMBuildOr(l->b, old, mxcsr_guest_flags(l, m), ""));
    if (restore)
        mxcsr_write(l, LLVMBuildLoad2(l->b, l->t_i32, l->mxcsr_saved, ""));
    else
        mxcsr_write(l, tr_const_int(l->t_i32, MXCSR_REGION));
}

void tr_fp_fold_flags(TrLower *l)
{
    if (l->mxcsr_tmp)
        mxcsr_fold(l, false);
}

void tr_fp_discard_flags(TrLower *l)
{
    if (l->mxcsr_tmp)
        mxcsr_write(l, tr_const_int(l->t_i32, MXCSR_REGION));
}

LLVMValueRef tr_fp_flags_read(TrLower *l)
{
    LLVMValueRef old = tr_state_read(l, offsetof(IRStateHeader, fp_flags), l->t_i32);
    if (!l->mxcsr_tmp)
        return old;
    /* The host flags stay in MXCSR (no ldmxcsr, which costs like a pipeline drain): they
     * are sticky, so folding them again later ORs in the same bits. */
    return LLVMBuildOr(l->b, old, mxcsr_guest_flags(l, mxcsr_read(l)), "");
}

void tr_fp_region_exit(TrLower *l)
{
    if (l->mxcsr_tmp)
        mxcsr_fold(l, true);
}

void tr_fp_region_abandon(TrLower *l)
{
    if (l->mxcsr_tmp)
        mxcsr_write(l, LLVMBuildLoad2(l->b, l->t_i32, l->mxcsr_saved, ""));
}

/* ---- Bits <-> values ------------------------------------------------------------------ */

static IRType float_ir_type(TrLower *l, LLVMTypeRef t)
{
    return t == l->t_f32 ? IR_F32 : IR_F64;
}

/* Scalar float -> i64 bits (f32 zero-extended). */
static LLVMValueRef to_bits(TrLower *l, LLVMValueRef v)
{
    if (LLVMTypeOf(v) == l->t_f32)
        return LLVMBuildZExt(l->b, LLVMBuildBitCast(l->b, v, l->t_i32, ""), l->t_i64, "");
    return LLVMBuildBitCast(l->b, v, l->t_i64, "");
}

static LLVMValueRef from_bits(TrLower *l, LLVMValueRef bits, LLVMTypeRef t)
{
    if (t == l->t_f32)
        return LLVMBuildBitCast(l->b, LLVMBuildTrunc(l->b, bits, l->t_i32, ""), t, "");
    return LLVMBuildBitCast(l->b, bits, t, "");
}

/* The rounding mode of `in` (a reserved dynamic mode has trapped before, see
 * tr_lower_fp_op). */
static LLVMValueRef rm_value(TrLower *l, const IRInsn *in)
{
    if (in->rm == IR_RM_DYN && !l->fp_guard)
        return LLVMBuildAnd(l->b, tr_state_read(l, offsetof(IRStateHeader, fp_round), l->t_i32),
                            tr_const_int(l->t_i32, IR_FPMODE_RM), "");
    return tr_const_int(l->t_i32, in->rm);
}

/* The runtime/fp.h `nan` argument of `in` (fp_nan_for_mode: arm_fpcr reads FZ/DN from
 * fp_round at run time). */
static LLVMValueRef nan_value(TrLower *l, const IRInsn *in)
{
    if (in->nan != IR_NAN_ARM_FPCR)
        return tr_const_int(l->t_i32, in->nan);
    if (l->fp_guard) /* FPCR.DN and FZ are clear */
        return tr_const_int(l->t_i32, IR_NAN_ARM);
    LLVMValueRef mode = tr_state_read(l, offsetof(IRStateHeader, fp_round), l->t_i32);
    LLVMValueRef dn = LLVMBuildICmp(
        l->b, LLVMIntNE, LLVMBuildAnd(l->b, mode, tr_const_int(l->t_i32, IR_FPMODE_DN), ""),
        tr_const_int(l->t_i32, 0), "");
    LLVMValueRef fz = LLVMBuildICmp(
        l->b, LLVMIntNE, LLVMBuildAnd(l->b, mode, tr_const_int(l->t_i32, IR_FPMODE_FZ), ""),
        tr_const_int(l->t_i32, 0), "");
    LLVMValueRef v = LLVMBuildSelect(l->b, dn, tr_const_int(l->t_i32, IR_NAN_ARM_DEFAULT),
                                     tr_const_int(l->t_i32, IR_NAN_ARM), "");
    return LLVMBuildOr(l->b, v,
                       LLVMBuildSelect(l->b, fz, tr_const_int(l->t_i32, FP_FLUSH_ZERO),
                                       tr_const_int(l->t_i32, 0), ""),
                       "");
}

/* Calls runtime/fp.h function `sym` (address fn) with a flags word; ORs the flags into the
 * fp_flags slot. */
static LLVMValueRef fp_call(TrLower *l, const char *sym, void (*fn)(void), LLVMTypeRef ret,
                            LLVMValueRef *args, unsigned nargs)
{
    LLVMTypeRef params[10];
    LLVMValueRef all[10];
    fvp_assert(nargs < 10);
    for (unsigned k = 0; k < nargs; k++) {
        all[k] = args[k];
        params[k] = LLVMTypeOf(args[k]);
    }
    LLVMBuildStore(l->b, tr_const_int(l->t_i32, 0), l->fp_flags_tmp);
    all[nargs] = l->fp_flags_tmp;
    params[nargs] = l->t_ptr;
    LLVMTypeRef fty = LLVMFunctionType(ret, params, nargs + 1, 0);
    LLVMValueRef r =
        LLVMBuildCall2(l->b, fty, tr_callee(l, sym, fn, fty), all, nargs + 1, "");
    /* runtime/fp.c functions are pure apart from *flags: say so, so LLVM's memory analyses
     * need not assume the calls touch guest state or memory. */
    static const char *const fn_attrs[] = {"nounwind", "willreturn", "nosync"};
    for (unsigned k = 0; k < FVP_ARRAY_LEN(fn_attrs); k++)
        LLVMAddCallSiteAttribute(
            r, LLVMAttributeFunctionIndex,
            LLVMCreateEnumAttribute(
                l->ctx, LLVMGetEnumAttributeKindForName(fn_attrs[k], strlen(fn_attrs[k])), 0));
    LLVMAddCallSiteAttribute(r, LLVMAttributeFunctionIndex,
                             LLVMCreateEnumAttribute(
                                 l->ctx, LLVMGetEnumAttributeKindForName("memory", 6),
                                 3 /* argmem: readwrite, nothing else */));
    LLVMAddCallSiteAttribute(r, nargs + 1,
                             LLVMCreateEnumAttribute(
                                 l->ctx, LLVMGetEnumAttributeKindForName("nocapture", 9), 0));
    uint32_t off = offsetof(IRStateHeader, fp_flags);
    LLVMValueRef f = LLVMBuildLoad2(l->b, l->t_i32, l->fp_flags_tmp, "");
    tr_state_write(l, off, LLVMBuildOr(l->b, tr_state_read(l, off, l->t_i32), f, ""));
    return r;
}

#define FN(f) #f, ((void (*)(void))(f))

/* One lane (or scalar) of an op through runtime/fp.h. x, y, z are scalars of the source
 * type; returns a scalar of `rt` (result element type). */
static LLVMValueRef lane_call(TrLower *l, const IRInsn *in, LLVMTypeRef rt, LLVMValueRef x,
                              LLVMValueRef y, LLVMValueRef z)
{
#define C32(v) tr_const_int(l->t_i32, (v))
    switch (in->op) {
    case IR_FADD:
    case IR_FSUB:
    case IR_FMUL:
    case IR_FDIV:
    case IR_FSQRT:
    case IR_FMA: {
        LLVMTypeRef ft = LLVMTypeOf(x);
        LLVMValueRef zero = tr_const_int(l->t_i64, 0);
        LLVMValueRef args[] = {C32(in->op), C32(float_ir_type(l, ft)), rm_value(l, in),
                               nan_value(l, in), to_bits(l, x), y ? to_bits(l, y) : zero,
                               z ? to_bits(l, z) : zero};
        return from_bits(l, fp_call(l, FN(fp_arith), l->t_i64, args, 7), ft);
    }
    case IR_FMIN:
    case IR_FMAX: {
        LLVMTypeRef ft = LLVMTypeOf(x);
        LLVMValueRef args[] = {C32(in->op == IR_FMAX), C32(float_ir_type(l, ft)), C32(in->cond),
                               nan_value(l, in), to_bits(l, x), to_bits(l, y)};
        return from_bits(l, fp_call(l, FN(fp_min_max), l->t_i64, args, 6), ft);
    }
    case IR_FCMP: {
        LLVMValueRef args[] = {C32(in->cond), C32(float_ir_type(l, LLVMTypeOf(x))),
                               nan_value(l, in), to_bits(l, x), to_bits(l, y)};
        LLVMValueRef r = fp_call(l, FN(fp_compare), l->t_i8, args, 5);
        return LLVMBuildICmp(l->b, LLVMIntNE, r, tr_const_int(l->t_i8, 0), "");
    }
    case IR_FROUND: {
        LLVMTypeRef ft = LLVMTypeOf(x);
        LLVMValueRef args[] = {C32(float_ir_type(l, ft)), rm_value(l, in), nan_value(l, in),
                               C32(in->cond == 1), to_bits(l, x)};
        return from_bits(l, fp_call(l, FN(fp_round_integral), l->t_i64, args, 5), ft);
    }
    case IR_FCVT_F2I: {
        unsigned bits = LLVMGetIntTypeWidth(rt);
        /* the kind carries FP_FLUSH_ZERO (nan_value without a NaN mode of its own) */
        LLVMValueRef kind = LLVMBuildOr(
            l->b, C32(in->cond),
            LLVMBuildAnd(l->b, nan_value(l, in), C32(FP_FLUSH_ZERO), ""), "");
        LLVMValueRef args[] = {C32(float_ir_type(l, LLVMTypeOf(x))), C32(bits), kind,
                               rm_value(l, in), to_bits(l, x)};
        LLVMValueRef r = fp_call(l, FN(fp_convert_to_int), l->t_i128, args, 5);
        return rt == l->t_i128 ? r : LLVMBuildTrunc(l->b, r, rt, "");
    }
    case IR_FCVT_I2F: {
        LLVMTypeRef xt = LLVMTypeOf(x);
        unsigned bits = LLVMGetIntTypeWidth(xt);
        LLVMValueRef lo, hi;
        if (xt == l->t_i128) {
            lo = LLVMBuildTrunc(l->b, x, l->t_i64, "");
            hi = LLVMBuildTrunc(l->b, LLVMBuildLShr(l->b, x, tr_const_int(l->t_i128, 64), ""),
                                l->t_i64, "");
        } else {
            lo = xt == l->t_i64 ? x : LLVMBuildZExt(l->b, x, l->t_i64, "");
            hi = tr_const_int(l->t_i64, 0);
        }
        LLVMValueRef args[] = {C32(float_ir_type(l, rt)), C32(bits),
                               C32((in->cond & IR_CVT_UNSIGNED) == 0), rm_value(l, in),
                               nan_value(l, in), lo, hi};
        return from_bits(l, fp_call(l, FN(tr_fp_convert_from_int), l->t_i64, args, 7), rt);
    }
    case IR_FCVT_F2F: {
        LLVMValueRef args[] = {C32(float_ir_type(l, rt)), C32(float_ir_type(l, LLVMTypeOf(x))),
                               rm_value(l, in), nan_value(l, in), to_bits(l, x)};
        return from_bits(l, fp_call(l, FN(fp_convert_float), l->t_i64, args, 5), rt);
    }
    default:
        return NULL;
    }
#undef C32
}

/* ---- Native path ------------------------------------------------------------------------- */

static LLVMValueRef lower_call(TrLower *l, const IRInsn *in, LLVMTypeRef t);

static LLVMValueRef metadata_string(TrLower *l, const char *s)
{
    return LLVMMetadataAsValue(l->ctx, LLVMMDStringInContext2(l->ctx, s, strlen(s)));
}

/* A quiet fcmp `pred` of x and y under the region's MXCSR (ucomisd/ucomiss) on a native
 * result: x86 arithmetic results are never signalling NaNs, so it raises nothing (the DE
 * flag it may raise for a denormal is not a guest flag, see mxcsr_guest_flags). */
static LLVMValueRef native_fcmp(TrLower *l, const char *pred, LLVMValueRef x, LLVMValueRef y)
{
    LLVMTypeRef t = LLVMTypeOf(x);
    LLVMValueRef args[] = {x, y, metadata_string(l, pred), metadata_string(l, "fpexcept.strict")};
    LLVMValueRef r = tr_intrinsic(l, "llvm.experimental.constrained.fcmp", &t, 1, args, 4);
    LLVMAddCallSiteAttribute(r, LLVMAttributeFunctionIndex,
                             LLVMCreateEnumAttribute(
                                 l->ctx, LLVMGetEnumAttributeKindForName("strictfp", 8), 0));
    return r;
}

/* The native result r of `in`, made exact for the guest:
 *   RISC-V, ARM default-NaN: NaN lanes -> the default NaN (0x7fc00000, 0x7ff8...)
 *   ARM propagating NaNs:    any NaN lane -> the whole op again through runtime/fp.c
 *   ARM (both):              a lane of magnitude MIN_NORMAL may have been tiny before
 *                            rounding (ARM underflow, not x86's) -> through runtime/fp.c
 *   ARM under FPCR.FZ (fz):  also a denormal lane (exact, see fz_native_ok), which the
 *                            call flushes
 * The test is one quiet FP compare of the result (ucomisd + jp/je, cmpps + movmskps for
 * vectors: x86 results are never signalling NaNs, so it raises no guest flag; the DE flag
 * it may raise for a denormal is not one, see mxcsr_guest_flags): RISC-V `uno r, r`, ARM
 * `ueq |r|, MIN_NORMAL`. Measured against the integer test (five instructions for a
 * scalar): riscv64 nbody 0.71 -> 0.58 s, fft 0.58 -> 0.56 s, matmul and mandelbrot even, JIT
 * at size 100. Under FZ the test is integer work. Either is off the FP dependency chain
 * and the fix-up sits behind an unlikely branch, so a loop-carried FP chain pays no extra
 * latency. Flags: the native op's host flags are a subset of the exact ones (x86 tininess
 * after rounding implies ARM's before rounding), so ORing both is exact. */
static LLVMValueRef native_fixup(TrLower *l, const IRInsn *in, LLVMTypeRef ft, LLVMValueRef r,
                                 bool fz)
{
    bool vec = LLVMGetTypeKind(ft) == LLVMVectorTypeKind;
    LLVMTypeRef et = vec ? LLVMGetElementType(ft) : ft;
    bool f32 = et == l->t_f32;
    LLVMTypeRef it = f32 ? l->t_i32 : l->t_i64;
    if (vec)
        it = LLVMVectorType(it, LLVMGetVectorSize(ft));
    uint64_t inf = f32 ? 0x7f800000ull : 0x7ff0000000000000ull;
    uint64_t qnan = f32 ? 0x7fc00000ull : 0x7ff8000000000000ull;
    uint64_t min_normal = f32 ? 0x00800000ull : 0x0010000000000000ull;
    uint64_t abs_mask = f32 ? 0x7fffffffull : 0x7fffffffffffffffull;
    bool arm = in->nan == IR_NAN_ARM || in->nan == IR_NAN_ARM_DEFAULT ||
               in->nan == IR_NAN_ARM_FPCR;
    LLVMValueRef lanes;
    if (fz) { /* |r| > inf, or 0 < |r| <= MIN_NORMAL */
        LLVMValueRef mag =
            LLVMBuildAnd(l->b, LLVMBuildBitCast(l->b, r, it, ""), tr_splat(l, it, abs_mask), "");
        lanes = LLVMBuildOr(
            l->b, LLVMBuildICmp(l->b, LLVMIntUGT, mag, tr_splat(l, it, inf), ""),
            LLVMBuildICmp(l->b, LLVMIntULT, LLVMBuildSub(l->b, mag, tr_splat(l, it, 1), ""),
                          tr_splat(l, it, min_normal), ""),
            "");
    } else if (arm) {
        LLVMValueRef mag = tr_intrinsic(l, "llvm.fabs", &ft, 1, &r, 1);
        lanes = native_fcmp(l, "ueq", mag,
                            LLVMBuildBitCast(l->b, tr_splat(l, it, min_normal), ft, ""));
    } else {
        lanes = native_fcmp(l, "uno", r, r);
    }
    LLVMValueRef need = lanes;
    if (vec) {
        LLVMTypeRef mt = LLVMTypeOf(lanes);
        need = tr_intrinsic(l, "llvm.vector.reduce.or", &mt, 1, &lanes, 1);
    }
    LLVMBasicBlockRef from = LLVMGetInsertBlock(l->b);
    LLVMBasicBlockRef fix = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "fp_fix");
    LLVMBasicBlockRef cont = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "fp_fixed");
    tr_cond_br_unlikely(l, need, fix, cont);
    LLVMPositionBuilderAtEnd(l->b, fix);
    LLVMValueRef fixed;
    if (arm) {
        fixed = lower_call(l, in, ft);
    } else {
        LLVMValueRef qnans = LLVMBuildBitCast(l->b, tr_splat(l, it, qnan), ft, "");
        fixed = vec ? LLVMBuildSelect(l->b, lanes, qnans, r, "") : qnans;
    }
    LLVMBasicBlockRef fix_end = LLVMGetInsertBlock(l->b);
    LLVMBuildBr(l->b, cont);
    LLVMPositionBuilderAtEnd(l->b, cont);
    LLVMValueRef phi = LLVMBuildPhi(l->b, ft, "");
    LLVMValueRef in_vals[2] = {r, fixed};
    LLVMBasicBlockRef in_bbs[2] = {from, fix_end};
    LLVMAddIncoming(phi, in_vals, in_bbs, 2);
    return phi;
}

/* fz: the op runs natively under FPCR.FZ (its operands passed fz_native_ok). */
static LLVMValueRef lower_native(TrLower *l, const IRInsn *in, LLVMTypeRef t, bool fz)
{
    static const char *const names[] = {
        [IR_FADD] = "llvm.experimental.constrained.fadd",
        [IR_FSUB] = "llvm.experimental.constrained.fsub",
        [IR_FMUL] = "llvm.experimental.constrained.fmul",
        [IR_FDIV] = "llvm.experimental.constrained.fdiv",
        [IR_FSQRT] = "llvm.experimental.constrained.sqrt",
    };
    LLVMValueRef args[4];
    unsigned n = 0;
    args[n++] = tr_arg(l, in, 0, t);
    if (in->op != IR_FSQRT)
        args[n++] = tr_arg(l, in, 1, t);
    args[n++] = metadata_string(l, "round.tonearest");
    args[n++] = metadata_string(l, "fpexcept.strict");
    LLVMValueRef r = tr_intrinsic(l, names[in->op], &t, 1, args, n);
    unsigned kind = LLVMGetEnumAttributeKindForName("strictfp", 8);
    LLVMAddCallSiteAttribute(r, LLVMAttributeFunctionIndex,
                             LLVMCreateEnumAttribute(l->ctx, kind, 0));
    return native_fixup(l, in, t, r, fz);
}

/* A scalar FCMP as a constrained compare under the region's MXCSR: fcmp (quiet: invalid
 * only for a signalling NaN) or fcmps (signalling: invalid for any NaN), like fp_compare. */
static LLVMValueRef lower_native_compare(TrLower *l, const IRInsn *in)
{
    static const char *const preds[] = {
        [IR_FCC_OEQ] = "oeq", [IR_FCC_OLT] = "olt", [IR_FCC_OLE] = "ole",
        [IR_FCC_UNO] = "uno", [IR_FCC_UNE] = "une",
    };
    bool signalling = in->cond >= IR_FCC_OEQ_S;
    unsigned base = signalling ? in->cond - IR_FCC_OEQ_S : in->cond;
    LLVMTypeRef ft = tr_type(l, (IRType)l->blk->insns[in->args[0]].type, IR_LANE_NONE);
    LLVMValueRef args[] = {tr_arg(l, in, 0, ft), tr_arg(l, in, 1, ft),
                           metadata_string(l, preds[base]),
                           metadata_string(l, "fpexcept.strict")};
    LLVMValueRef r = tr_intrinsic(l,
                                  signalling ? "llvm.experimental.constrained.fcmps"
                                             : "llvm.experimental.constrained.fcmp",
                                  &ft, 1, args, 4);
    unsigned kind = LLVMGetEnumAttributeKindForName("strictfp", 8);
    LLVMAddCallSiteAttribute(r, LLVMAttributeFunctionIndex,
                             LLVMCreateEnumAttribute(l->ctx, kind, 0));
    return r;
}

/* ---- Entry ------------------------------------------------------------------------------- */

/* Element type of the source vector of a lane-wise conversion whose result is `rt`. */
static LLVMTypeRef conv_source_vec(TrLower *l, const IRInsn *in, LLVMTypeRef rt)
{
    unsigned n = LLVMGetVectorSize(rt);
    unsigned bits = 128 / n;
    LLVMTypeRef e;
    if (in->op == IR_FCVT_F2I)
        e = bits == 32 ? l->t_f32 : l->t_f64;
    else
        e = LLVMIntTypeInContext(l->ctx, bits);
    return LLVMVectorType(e, n);
}

/* The op through runtime/fp.c (lane by lane for vectors). */
static LLVMValueRef lower_call(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    unsigned nargs = ir_op_info[in->op].nargs;
    if (in->type != IR_V128) {
        LLVMValueRef a[3] = {NULL, NULL, NULL};
        LLVMTypeRef st = NULL;
        for (unsigned k = 0; k < nargs; k++) {
            a[k] = tr_arg_raw(l, in, k);
            if (in->op != IR_FCVT_I2F && in->op != IR_FCVT_F2I && in->op != IR_FCVT_F2F) {
                if (!st)
                    st = LLVMTypeOf(a[k]);
                a[k] = tr_arg(l, in, k, st);
            }
        }
        return lane_call(l, in, t, a[0], a[1], a[2]);
    }
    /* Lane-wise: the source vector type is the result's, except for compares (float lanes
     * of the result's shape) and conversions. */
    LLVMTypeRef src;
    if (in->op == IR_FCMP)
        src = tr_vec_type(l, (IRLane)in->lane);
    else if (in->op == IR_FCVT_F2I || in->op == IR_FCVT_I2F)
        src = conv_source_vec(l, in, t);
    else if (in->op == IR_FCVT_F2F)
        return tr_fail(l, in, "lane-wise f32<->f64 conversion", t);
    else
        src = t;
    if (!ir_lane_is_float((IRLane)in->lane) && in->op != IR_FCVT_F2I)
        return tr_fail(l, in, "FP op on an integer lane", t);
    LLVMValueRef v[3] = {NULL, NULL, NULL};
    for (unsigned k = 0; k < nargs; k++)
        v[k] = tr_arg(l, in, k, src);
    unsigned n = LLVMGetVectorSize(t);
    LLVMTypeRef rt_elem = LLVMGetElementType(t);
    if (in->op == IR_FCMP)
        rt_elem = l->t_i1;
    LLVMValueRef r = LLVMGetUndef(in->op == IR_FCMP ? LLVMVectorType(l->t_i1, n) : t);
    for (unsigned k = 0; k < n; k++) {
        LLVMValueRef kk = tr_const_int(l->t_i32, k);
        LLVMValueRef e[3] = {NULL, NULL, NULL};
        for (unsigned a = 0; a < nargs; a++)
            e[a] = LLVMBuildExtractElement(l->b, v[a], kk, "");
        LLVMValueRef x = lane_call(l, in, rt_elem, e[0], e[1], e[2]);
        r = LLVMBuildInsertElement(l->b, r, x, kk, "");
    }
    if (in->op == IR_FCMP)
        r = LLVMBuildSExt(l->b, r, LLVMVectorType(LLVMIntTypeInContext(l->ctx, 128 / n), n), "");
    return LLVMTypeOf(r) == t ? r : LLVMBuildBitCast(l->b, r, t, "");
}

/* For nan = arm_fpcr under FPCR.FZ (i1): operands for which the native op is exact as
 * flushed: no denormal input (the host would not flush it, and would raise inexact for
 * it), and no product or quotient that can be tiny (the host would raise inexact and
 * underflow where Arm raises underflow alone). A tiny sum or difference is exact and raises
 * nothing on the host; native_fixup sends it to the call, which flushes it. */
static LLVMValueRef fz_native_ok(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    bool vec = LLVMGetTypeKind(t) == LLVMVectorTypeKind;
    bool f32 = (vec ? LLVMGetElementType(t) : t) == l->t_f32;
    LLVMTypeRef it = f32 ? l->t_i32 : l->t_i64;
    if (vec)
        it = LLVMVectorType(it, LLVMGetVectorSize(t));
    unsigned frac_bits = f32 ? 23 : 52;
    uint64_t exp_mask = f32 ? 0x7f800000ull : 0x7ff0000000000000ull;
    uint64_t abs_mask = f32 ? 0x7fffffffull : 0x7fffffffffffffffull;
    int64_t bias = f32 ? 127 : 1023;
    LLVMValueRef e[2], zero[2], ok = NULL;
    unsigned n = in->op == IR_FSQRT ? 1 : 2;
    for (unsigned k = 0; k < n; k++) {
        LLVMValueRef bits = LLVMBuildBitCast(l->b, tr_arg(l, in, k, t), it, "");
        LLVMValueRef mag = LLVMBuildAnd(l->b, bits, tr_splat(l, it, abs_mask), "");
        e[k] = LLVMBuildLShr(l->b, mag, tr_splat(l, it, frac_bits), "");
        zero[k] = LLVMBuildICmp(l->b, LLVMIntEQ, mag, tr_splat(l, it, 0), "");
        LLVMValueRef normal = LLVMBuildOr(
            l->b, zero[k],
            LLVMBuildICmp(l->b, LLVMIntNE, LLVMBuildAnd(l->b, mag, tr_splat(l, it, exp_mask), ""),
                          tr_splat(l, it, 0), ""),
            "");
        ok = ok ? LLVMBuildAnd(l->b, ok, normal, "") : normal;
    }
    LLVMValueRef any_zero = n == 2 ? LLVMBuildOr(l->b, zero[0], zero[1], "") : zero[0];
    if (in->op == IR_FMUL) /* |a*b| >= 2^(ea+eb-2*bias): not tiny when ea+eb-bias >= 1 */
        ok = LLVMBuildAnd(
            l->b, ok,
            LLVMBuildOr(l->b, any_zero,
                        LLVMBuildICmp(l->b, LLVMIntSGE, LLVMBuildAdd(l->b, e[0], e[1], ""),
                                      tr_splat(l, it, (uint64_t)(bias + 1)), ""),
                        ""),
            "");
    else if (in->op == IR_FDIV) /* |a/b| > 2^(ea-eb-1): not tiny when ea-eb+bias >= 2 */
        ok = LLVMBuildAnd(
            l->b, ok,
            LLVMBuildOr(l->b, zero[0],
                        LLVMBuildICmp(l->b, LLVMIntSGE,
                                      LLVMBuildAdd(l->b, LLVMBuildSub(l->b, e[0], e[1], ""),
                                                   tr_splat(l, it, (uint64_t)bias), ""),
                                      tr_splat(l, it, 2), ""),
                        ""),
            "");
    if (vec) {
        LLVMTypeRef mt = LLVMTypeOf(ok);
        ok = tr_intrinsic(l, "llvm.vector.reduce.and", &mt, 1, &ok, 1);
    }
    return ok;
}

/* A way to lower `in` with result type t (lower_call, lower_fz_or_call). */
typedef LLVMValueRef (*FpLowerFn)(TrLower *l, const IRInsn *in, LLVMTypeRef t);

/* The op natively (lower_native with fz, or lower_native_compare), or by `other` when
 * use_other (an i1, weighted unlikely) holds at run time. */
static LLVMValueRef native_unless(TrLower *l, const IRInsn *in, LLVMTypeRef t,
                                  LLVMValueRef use_other, bool fz, FpLowerFn other)
{
    LLVMBasicBlockRef native_bb = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "fp_native");
    LLVMBasicBlockRef call_bb = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "fp_call");
    LLVMBasicBlockRef join = LLVMAppendBasicBlockInContext(l->ctx, l->fn, "fp_join");
    tr_cond_br_unlikely(l, use_other, call_bb, native_bb);
    LLVMPositionBuilderAtEnd(l->b, native_bb);
    LLVMValueRef fast =
        in->op == IR_FCMP ? lower_native_compare(l, in) : lower_native(l, in, t, fz);
    LLVMBasicBlockRef fast_end = LLVMGetInsertBlock(l->b);
    LLVMBuildBr(l->b, join);
    LLVMPositionBuilderAtEnd(l->b, call_bb);
    LLVMValueRef slow = other(l, in, t);
    LLVMBasicBlockRef slow_end = LLVMGetInsertBlock(l->b);
    LLVMBuildBr(l->b, join);
    LLVMPositionBuilderAtEnd(l->b, join);
    LLVMValueRef phi = LLVMBuildPhi(l->b, t, "");
    LLVMValueRef vals[2] = {fast, slow};
    LLVMBasicBlockRef bbs[2] = {fast_end, slow_end};
    LLVMAddIncoming(phi, vals, bbs, 2);
    return phi;
}

/* nan = arm_fpcr off the RNE path: natively under FZ alone (-Ofast code) when
 * fz_native_ok holds (a second native copy that flushes), else the call. */
static LLVMValueRef lower_fz_or_call(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    LLVMValueRef rm = tr_state_read(l, offsetof(IRStateHeader, fp_round), l->t_i32);
    LLVMValueRef fz = LLVMBuildICmp(l->b, LLVMIntEQ, rm, tr_const_int(l->t_i32, IR_FPMODE_FZ), "");
    LLVMValueRef fz_ok = LLVMBuildAnd(l->b, fz, fz_native_ok(l, in, t), "");
    return native_unless(l, in, t, LLVMBuildNot(l->b, fz_ok, ""), true, lower_call);
}

/* rm = DYN: native when IRStateHeader.fp_round is RNE (nearly always), else the call. The
 * whole word is tested, so AArch64's FZ/DN bits (IR_FPMODE_*) take the call too, except
 * that nan = arm_fpcr under FZ alone has a second native copy (lower_fz_or_call):
 *
 *   fp_round == RNE --> native (no FZ work on the usual path)
 *        \--> [arm_fpcr: fp_round == FZ && fz_native_ok --> native under FZ]
 *                 \--> call */
static LLVMValueRef lower_dynamic(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    LLVMValueRef rm = tr_state_read(l, offsetof(IRStateHeader, fp_round), l->t_i32);
    LLVMValueRef not_rne = LLVMBuildICmp(l->b, LLVMIntNE, rm, tr_const_int(l->t_i32, IR_RM_RNE), "");
    return native_unless(l, in, t, not_rne, false,
                         in->nan == IR_NAN_ARM_FPCR ? lower_fz_or_call : lower_call);
}

/* An AArch64 compare under the run-time FPCR: native while FZ is clear (it flushes
 * denormal inputs, which fp_compare does), else the call. */
static LLVMValueRef lower_compare_fpcr(TrLower *l, const IRInsn *in, LLVMTypeRef t)
{
    LLVMValueRef mode = tr_state_read(l, offsetof(IRStateHeader, fp_round), l->t_i32);
    LLVMValueRef fz = LLVMBuildICmp(
        l->b, LLVMIntNE, LLVMBuildAnd(l->b, mode, tr_const_int(l->t_i32, IR_FPMODE_FZ), ""),
        tr_const_int(l->t_i32, 0), "");
    return native_unless(l, in, t, fz, false, lower_call);
}

bool tr_lower_fp_op(TrLower *l, uint32_t i, const IRInsn *in)
{
    LLVMTypeRef t = tr_type(l, (IRType)in->type, tr_insn_lane(l, in));
    bool fp_op = (ir_op_info[in->op].flags & IRF_FP) || in->op == IR_FNEG || in->op == IR_FABS;
    if (fp_op && in->rm == IR_RM_DYN && !l->fp_guard) {
        /* Dynamic rounding while the guest holds a reserved mode (RISC-V frm 5..7) is an
         * illegal instruction, as in the interpreter (under TR_LOWER_FP_GUARD the mode is
         * 0, RNE). */
        LLVMValueRef rm = rm_value(l, in);
        tr_trap_if_unlikely(
            l, LLVMBuildICmp(l->b, LLVMIntUGT, rm, tr_const_int(l->t_i32, IR_RM_RMM), ""),
            IR_TRAP_ILLEGAL);
    }
    switch (in->op) {
    case IR_FNEG:
        l->vals[i] = LLVMBuildFNeg(l->b, tr_arg(l, in, 0, t), "");
        return true;
    case IR_FABS: {
        LLVMValueRef x = tr_arg(l, in, 0, t);
        l->vals[i] = tr_intrinsic(l, "llvm.fabs", &t, 1, &x, 1);
        return true;
    }
    case IR_FADD:
    case IR_FSUB:
    case IR_FMUL:
    case IR_FDIV:
    case IR_FSQRT:
    case IR_FMA:
    case IR_FMIN:
    case IR_FMAX:
    case IR_FCMP:
    case IR_FROUND:
    case IR_FCVT_F2I:
    case IR_FCVT_I2F:
    case IR_FCVT_F2F:
        break;
    default:
        return false;
    }
    if (!fp_native(in))
        l->vals[i] = lower_call(l, in, t);
    else if (in->op == IR_FCMP) /* no rounding */
        l->vals[i] = in->nan == IR_NAN_ARM_FPCR && !l->fp_guard ? lower_compare_fpcr(l, in, t)
                                                                : lower_native_compare(l, in);
    else if (in->rm == IR_RM_DYN && !l->fp_guard)
        l->vals[i] = lower_dynamic(l, in, t);
    else
        l->vals[i] = lower_native(l, in, t, false);
    return true;
}
