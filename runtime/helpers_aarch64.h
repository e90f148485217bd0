/* IR helper calls for AArch64 instructions the IR has no op for (ir/ir_helpers.def). */
#ifndef FVP_RUNTIME_HELPERS_AARCH64_H
#define FVP_RUNTIME_HELPERS_AARCH64_H

#include "frontends/aarch64/aarch64_helpers.h"
#include "runtime/cpu.h"

/* Each is an RtHelperFn (rt_helper_fns in runtime/helpers.c): pure functions of their
 * arguments; FP ones return the IR_FPF_* flags they raise in bits 32..39 of the result
 * and take IRStateHeader.fp_round (rounding mode, IR_FPMODE_FZ/DN) as an argument. */
uint64_t rt_helper_fcvt_f2h_arm(RtCpu *cpu, uint64_t bits, uint64_t type, uint64_t mode);
uint64_t rt_helper_fcvt_h2f_arm(RtCpu *cpu, uint64_t half, uint64_t mode, uint64_t unused);

/* kind: A64_EST_* (frontends/aarch64/aarch64_helpers.h). */
uint64_t rt_helper_estimate_arm(RtCpu *cpu, uint64_t bits, uint64_t kind, uint64_t mode);

/* kind: A64_PMULL* (frontends/aarch64/aarch64_helpers.h). */
uint64_t rt_helper_pmull_arm(RtCpu *cpu, uint64_t a, uint64_t b, uint64_t kind);

/* op: A64_CRYPTO_* (frontends/aarch64/aarch64_helpers.h); runtime/helpers_aarch64_crypto.c. */
uint64_t rt_helper_crypto_arm(RtCpu *cpu, uint64_t op, uint64_t regs, uint64_t unused);

#endif
