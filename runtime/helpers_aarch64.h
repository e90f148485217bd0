/* IR helper calls for AArch64 instructions the IR has no op for (ir/ir_helpers.def). */
#ifndef FVP_RUNTIME_HELPERS_AARCH64_H
#define FVP_RUNTIME_HELPERS_AARCH64_H

#include "runtime/cpu.h"

/* Each is an RtHelperFn (rt_helper_fns in runtime/helpers.c): pure functions of their
 * arguments; FP ones return the IR_FPF_* flags they raise in bits 32..39 of the result
 * and take IRStateHeader.fp_round (rounding mode, IR_FPMODE_FZ/DN) as an argument. */
uint64_t rt_helper_fcvt_f2h_arm(RtCpu *cpu, uint64_t bits, uint64_t type, uint64_t mode);
uint64_t rt_helper_fcvt_h2f_arm(RtCpu *cpu, uint64_t half, uint64_t mode, uint64_t unused);

#endif
