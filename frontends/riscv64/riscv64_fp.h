/* Width-generic FP lifters shared by the F (f32) and D (f64) extensions. */
#ifndef FVP_FRONTENDS_RISCV64_FP_H
#define FVP_FRONTENDS_RISCV64_FP_H

#include "frontends/riscv64/riscv64_internal.h"

/* t is IR_F32 or IR_F64 throughout. Each returns false (nothing emitted) for a reserved
 * rounding mode, so the caller's trans function reports an illegal instruction. */
typedef enum RvSgnjKind { RV_SGNJ, RV_SGNJN, RV_SGNJX } RvSgnjKind;

bool rv_fp_load(RvLift *c, const RvArgI *a, IRType t);
bool rv_fp_store(RvLift *c, const RvArgS *a, IRType t);
bool rv_fp_arith(RvLift *c, const RvArgRRm *a, IRType t, IROp op);
bool rv_fp_sqrt(RvLift *c, const RvArgR2Rm *a, IRType t);
/* (neg_product ? -(a*b) : a*b) + (neg_addend ? -c : c), rounded once. */
bool rv_fp_fma(RvLift *c, const RvArgR4Rm *a, IRType t, bool neg_product, bool neg_addend);
bool rv_fp_sgnj(RvLift *c, const RvArgR *a, IRType t, RvSgnjKind kind);
bool rv_fp_minmax(RvLift *c, const RvArgR *a, IRType t, IROp op);
bool rv_fp_compare(RvLift *c, const RvArgR *a, IRType t, IRFCond cond);
bool rv_fp_class(RvLift *c, const RvArgR2 *a, IRType t);
/* fcvt.<int>.<fp>: int_type IR_I32 (result sign-extended) or IR_I64. */
bool rv_fp_to_int(RvLift *c, const RvArgR2Rm *a, IRType t, IRType int_type, bool is_unsigned);
/* fcvt.<fp>.<int>: the source is the low 32 bits (IR_I32) or all of x[rs1]. */
bool rv_fp_from_int(RvLift *c, const RvArgR2Rm *a, IRType t, IRType int_type, bool is_unsigned);
/* fcvt.s.d / fcvt.d.s: t is the result type. */
bool rv_fp_convert(RvLift *c, const RvArgR2Rm *a, IRType t);

#endif
