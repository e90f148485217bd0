/* Lifters for the F extension (single precision); the shared logic is in riscv64_fp.c. */
#include "frontends/riscv64/riscv64_fp.h"

bool rv_trans_flw(RvLift *c, const RvArgI *a)
{
    return rv_fp_load(c, a, IR_F32);
}
bool rv_trans_fsw(RvLift *c, const RvArgS *a)
{
    return rv_fp_store(c, a, IR_F32);
}

/* fmadd: a*b+c; fmsub: a*b-c; fnmsub: -(a*b)+c; fnmadd: -(a*b)-c. */
bool rv_trans_fmadd_s(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F32, false, false);
}
bool rv_trans_fmsub_s(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F32, false, true);
}
bool rv_trans_fnmsub_s(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F32, true, false);
}
bool rv_trans_fnmadd_s(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F32, true, true);
}

bool rv_trans_fadd_s(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F32, IR_FADD);
}
bool rv_trans_fsub_s(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F32, IR_FSUB);
}
bool rv_trans_fmul_s(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F32, IR_FMUL);
}
bool rv_trans_fdiv_s(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F32, IR_FDIV);
}
bool rv_trans_fsqrt_s(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_sqrt(c, a, IR_F32);
}

bool rv_trans_fsgnj_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_sgnj(c, a, IR_F32, RV_SGNJ);
}
bool rv_trans_fsgnjn_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_sgnj(c, a, IR_F32, RV_SGNJN);
}
bool rv_trans_fsgnjx_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_sgnj(c, a, IR_F32, RV_SGNJX);
}
bool rv_trans_fmin_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_minmax(c, a, IR_F32, IR_FMIN);
}
bool rv_trans_fmax_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_minmax(c, a, IR_F32, IR_FMAX);
}

/* feq is a quiet comparison; flt and fle signal invalid on any NaN. */
bool rv_trans_feq_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_compare(c, a, IR_F32, IR_FCC_OEQ);
}
bool rv_trans_flt_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_compare(c, a, IR_F32, IR_FCC_OLT_S);
}
bool rv_trans_fle_s(RvLift *c, const RvArgR *a)
{
    return rv_fp_compare(c, a, IR_F32, IR_FCC_OLE_S);
}
bool rv_trans_fclass_s(RvLift *c, const RvArgR2 *a)
{
    return rv_fp_class(c, a, IR_F32);
}

bool rv_trans_fcvt_w_s(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F32, IR_I32, false);
}
bool rv_trans_fcvt_wu_s(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F32, IR_I32, true);
}
bool rv_trans_fcvt_l_s(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F32, IR_I64, false);
}
bool rv_trans_fcvt_lu_s(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F32, IR_I64, true);
}
bool rv_trans_fcvt_s_w(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F32, IR_I32, false);
}
bool rv_trans_fcvt_s_wu(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F32, IR_I32, true);
}
bool rv_trans_fcvt_s_l(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F32, IR_I64, false);
}
bool rv_trans_fcvt_s_lu(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F32, IR_I64, true);
}

/* fmv.x.w moves the low 32 bits unchanged (no box check) and sign-extends them. */
bool rv_trans_fmv_x_w(RvLift *c, const RvArgR2 *a)
{
    uint32_t low = ir_conv(c->b, IR_TRUNC, IR_I32, rv_get_f_raw(c, a->rs1));
    rv_put_x_sext32(c, a->rd, low);
    return true;
}

/* fmv.w.x NaN-boxes the low 32 bits of x[rs1]. */
bool rv_trans_fmv_w_x(RvLift *c, const RvArgR2 *a)
{
    rv_put_f32_bits(c, a->rd, rv_get_x32(c, a->rs1));
    return true;
}
