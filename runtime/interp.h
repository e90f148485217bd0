/* The IR interpreter: tier 0 and the fallback of AOT executables. */
#ifndef FVP_RUNTIME_INTERP_H
#define FVP_RUNTIME_INTERP_H

#include "common/error.h"
#include "ir/ir.h"
#include "runtime/cpu.h"

/* A block pre-decoded for fast dispatch (owned by the caller of interp_prepare). */
typedef struct InterpCode InterpCode;

/* Pre-decodes a verified block. *out is owned by the caller (interp_code_free). */
FvpError *interp_prepare(const IRBlock *b, InterpCode **out);
void interp_code_free(InterpCode *code);
/* Guest pc and instruction count of the block. */
uint64_t interp_code_pc(const InterpCode *code);
uint32_t interp_code_guest_insns(const InterpCode *code);

/* The integer semantics of one op (IR_ADD .. IR_SSUBO: arithmetic, logic, shifts, CMP,
 * SELECT, casts, flag ops) at width w, used per scalar and per lane, and by AOT discovery to
 * fold constants. Operands are zero-extended from their widths; src_w is the width of a for
 * casts and compares. The result is zero-extended from w (CMP and the flag ops return 0 or
 * 1). */
unsigned __int128 interp_int_compute(unsigned op, unsigned cond, unsigned w, unsigned src_w,
                                     unsigned __int128 a, unsigned __int128 b,
                                     unsigned __int128 c);

/* Runs the block once on cpu and fills *exit. Never fails: guest errors are exits. */
void interp_run(RtCpu *cpu, const InterpCode *code, RtExit *exit);

/* The same semantics through a plain switch (no computed goto): kept for the
 * dispatch micro-benchmark (tools/bench_interp_dispatch) and as a cross-check in tests. */
void interp_run_switch(RtCpu *cpu, const InterpCode *code, RtExit *exit);

#endif
