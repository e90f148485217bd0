/* Lifters for the D extension (double precision); the shared logic is in riscv64_fp.c. */
#include "frontends/riscv64/riscv64_fp.h"

bool rv_trans_fld(RvLift *c, const RvArgI *a)
{
    return rv_fp_load(c, a, IR_F64);
}
bool rv_trans_fsd(RvLift *c, const RvArgS *a)
{
    return rv_fp_store(c, a, IR_F64);
}

/* fmadd: a*b+c; fmsub: a*b-c; fnmsub: -(a*b)+c; fnmadd: -(a*b)-c. */
bool rv_trans_fmadd_d(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F64, false, false);
}
bool rv_trans_fmsub_d(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F64, false, true);
}
bool rv_trans_fnmsub_d(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F64, true, false);
}
bool rv_trans_fnmadd_d(RvLift *c, const RvArgR4Rm *a)
{
    return rv_fp_fma(c, a, IR_F64, true, true);
}

bool rv_trans_fadd_d(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F64, IR_FADD);
}
bool rv_trans_fsub_d(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F64, IR_FSUB);
}
bool rv_trans_fmul_d(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F64, IR_FMUL);
}
bool rv_trans_fdiv_d(RvLift *c, const RvArgRRm *a)
{
    return rv_fp_arith(c, a, IR_F64, IR_FDIV);
}
bool rv_trans_fsqrt_d(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_sqrt(c, a, IR_F64);
}

bool rv_trans_fsgnj_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_sgnj(c, a, IR_F64, RV_SGNJ);
}
bool rv_trans_fsgnjn_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_sgnj(c, a, IR_F64, RV_SGNJN);
}
bool rv_trans_fsgnjx_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_sgnj(c, a, IR_F64, RV_SGNJX);
}
bool rv_trans_fmin_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_minmax(c, a, IR_F64, IR_FMIN);
}
bool rv_trans_fmax_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_minmax(c, a, IR_F64, IR_FMAX);
}

/* feq is a quiet comparison; flt and fle signal invalid on any NaN. */
bool rv_trans_feq_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_compare(c, a, IR_F64, IR_FCC_OEQ);
}
bool rv_trans_flt_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_compare(c, a, IR_F64, IR_FCC_OLT_S);
}
bool rv_trans_fle_d(RvLift *c, const RvArgR *a)
{
    return rv_fp_compare(c, a, IR_F64, IR_FCC_OLE_S);
}
bool rv_trans_fclass_d(RvLift *c, const RvArgR2 *a)
{
    return rv_fp_class(c, a, IR_F64);
}

bool rv_trans_fcvt_w_d(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F64, IR_I32, false);
}
bool rv_trans_fcvt_wu_d(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F64, IR_I32, true);
}
bool rv_trans_fcvt_l_d(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F64, IR_I64, false);
}
bool rv_trans_fcvt_lu_d(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_to_int(c, a, IR_F64, IR_I64, true);
}
bool rv_trans_fcvt_d_w(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F64, IR_I32, false);
}
bool rv_trans_fcvt_d_wu(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F64, IR_I32, true);
}
bool rv_trans_fcvt_d_l(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F64, IR_I64, false);
}
bool rv_trans_fcvt_d_lu(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_from_int(c, a, IR_F64, IR_I64, true);
}

bool rv_trans_fcvt_s_d(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_convert(c, a, IR_F32);
}
bool rv_trans_fcvt_d_s(RvLift *c, const RvArgR2Rm *a)
{
    return rv_fp_convert(c, a, IR_F64);
}

bool rv_trans_fmv_x_d(RvLift *c, const RvArgR2 *a)
{
    rv_put_x(c, a->rd, rv_get_f_raw(c, a->rs1));
    return true;
}

bool rv_trans_fmv_d_x(RvLift *c, const RvArgR2 *a)
{
    rv_put_f_raw(c, a->rd, rv_get_x(c, a->rs1));
    return true;
}
