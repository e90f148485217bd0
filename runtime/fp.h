/* Guest-exact floating point: IEEE ops per guest NaN, min/max, conversion and flag rules. */
#ifndef FVP_RUNTIME_FP_H
#define FVP_RUNTIME_FP_H

#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"

/*
 * Every function works on raw bit patterns (f32 in the low 32 bits of a uint64_t, f64 in
 * all 64) so that no host conversion can touch a NaN payload, and ORs the IEEE exception
 * flags it raises into *flags (IR_FPF_*). `rm` is a resolved IRRound, 0..4 (never IR_RM_DYN
 * or a reserved value: the caller reads IRStateHeader.fp_round and turns a reserved mode
 * into an illegal-instruction trap; a reserved value that slips through rounds to nearest);
 * `nan` is the IRNanMode of the guest.
 *
 *   common case:  host SSE instruction under a private MXCSR (rounding mode set, flags
 *                 cleared, all exceptions masked), host flags read back, MXCSR restored
 *   RMM (ties away, no host mode): the op in a wider format (f64 for f32, binary128 for
 *                 f64) rounded toward zero with the inexact bit made sticky ("round to
 *                 odd"), then rounded once more in software: exact result and flags
 *   conversions, fround, min/max, compares: software, exact in every mode
 *
 * Tininess (underflow) is detected after rounding, as RISC-V and x86 do, except for the
 * AArch64 NaN modes (IR_NAN_ARM, IR_NAN_ARM_DEFAULT), where it is detected before rounding.
 * IR_FPF_DE (denormal operand) is reported under IR_NAN_X86 (SSE's DE flag) and for
 * AArch64 with FP_FLUSH_ZERO (FPSR.IDC, an input flushed to zero); RISC-V has no such flag.
 *
 * These functions are pure apart from *flags and are safe to call from any thread: the
 * host MXCSR is saved and restored around each host operation.
 */

/* AArch64 FPCR.FZ: ORed into the `nan` argument of the functions below (into `kind` for
 * fp_convert_to_int) next to IR_NAN_ARM or IR_NAN_ARM_DEFAULT. Denormal inputs count as
 * zeros of their sign and raise IR_FPF_DE (FPSR.IDC); a result that is tiny before rounding
 * becomes a zero of its sign and raises IR_FPF_UF alone (no inexact), as the Arm ARM's
 * FPUnpack and FPRound do with FPCR.FZ = 1. */
enum { FP_FLUSH_ZERO = 0x100 };

/* The `nan` argument for the functions below for an op whose IR NaN mode is `nan` while
 * IRStateHeader.fp_round holds `mode`: IR_NAN_ARM_FPCR becomes IR_NAN_ARM or
 * IR_NAN_ARM_DEFAULT (IR_FPMODE_DN), with FP_FLUSH_ZERO when IR_FPMODE_FZ is set; the other
 * modes are returned unchanged. */
static inline unsigned fp_nan_for_mode(unsigned nan, uint32_t mode)
{
    if (nan != IR_NAN_ARM_FPCR)
        return nan;
    return ((mode & IR_FPMODE_DN) ? IR_NAN_ARM_DEFAULT : IR_NAN_ARM) |
           ((mode & IR_FPMODE_FZ) ? FP_FLUSH_ZERO : 0u);
}

/* The status flags of an x86 MXCSR value (IE, DE, ZE, OE, UE, PE) as IR_FPF_*. */
static inline uint32_t fp_mxcsr_flags(uint32_t mxcsr)
{
    return (mxcsr & 0x01 ? IR_FPF_NV : 0u) | (mxcsr & 0x02 ? IR_FPF_DE : 0u) |
           (mxcsr & 0x04 ? IR_FPF_DZ : 0u) | (mxcsr & 0x08 ? IR_FPF_OF : 0u) |
           (mxcsr & 0x10 ? IR_FPF_UF : 0u) | (mxcsr & 0x20 ? IR_FPF_NX : 0u);
}

/* FADD, FSUB, FMUL, FDIV (a, b), FSQRT (a), FMA (a * b + c) on IR_F32 or IR_F64 bits. */
uint64_t fp_arith(IROp op, IRType t, unsigned rm, unsigned nan, uint64_t a, uint64_t b,
                  uint64_t c, uint32_t *flags);

/* The software path of fp_arith, exact in every rounding mode: the op in a wider format
 * (f64 for f32, binary128 for f64) rounded toward zero with a sticky inexact bit, then
 * rounded once in software. fp_arith takes it for RMM; it is public so tests and tools can
 * check it against the host in the modes both have. FSQRT is f32 only (libgcc has no
 * binary128 square root; a square root is never a tie, so fp_arith never needs it). */
uint64_t fp_arith_soft(IROp op, IRType t, unsigned rm, unsigned nan, uint64_t a, uint64_t b,
                       uint64_t c, uint32_t *flags);

/* FMIN (is_max false) / FMAX per IRFMinKind. */
uint64_t fp_min_max(bool is_max, IRType t, unsigned kind, unsigned nan, uint64_t a, uint64_t b,
                    uint32_t *flags);

/* FCMP per IRFCond. */
bool fp_compare(unsigned cond, IRType t, unsigned nan, uint64_t a, uint64_t b, uint32_t *flags);

/* FROUND: round to an integral value in rm; inexact is raised only if signal_inexact. */
uint64_t fp_round_integral(IRType t, unsigned rm, unsigned nan, bool signal_inexact, uint64_t a,
                           uint32_t *flags);

/* FCVT_F2I to an integer of `bits` (1..128) bits; kind = IRCvtKind. The result is
 * zero-extended from `bits`. */
unsigned __int128 fp_convert_to_int(IRType from, unsigned bits, unsigned kind, unsigned rm,
                                    uint64_t a, uint32_t *flags);

/* FCVT_I2F from an integer of `bits` bits (zero-extended in v); is_signed reads it as two's
 * complement. */
uint64_t fp_convert_from_int(IRType to, unsigned bits, bool is_signed, unsigned rm, unsigned nan,
                             unsigned __int128 v, uint32_t *flags);

/* FCVT_F2F between IR_F32 and IR_F64 (equal types copy the bits). */
uint64_t fp_convert_float(IRType to, IRType from, unsigned rm, unsigned nan, uint64_t a,
                          uint32_t *flags);

/* Conversion between IEEE half precision (binary16, in the low 16 bits) and t (IR_F32 or
 * IR_F64): to_half rounds a (of type t) to half in rm, else widens the half a to t
 * exactly. NaNs per `nan` (payload kept from the top of the fraction, or the default NaN);
 * with FP_FLUSH_ZERO a denormal f32/f64 input is flushed (AArch64 FPConvert: FPCR.FZ
 * applies to single/double operands, never to half ones). */
uint64_t fp_convert_half(bool to_half, IRType t, unsigned rm, unsigned nan, uint64_t a,
                         uint32_t *flags);

/* Sign-bit operations (no flags, NaNs untouched). */
static inline uint64_t fp_negate(IRType t, uint64_t a)
{
    return a ^ (t == IR_F32 ? 0x80000000ull : 0x8000000000000000ull);
}

static inline uint64_t fp_absolute(IRType t, uint64_t a)
{
    return a & (t == IR_F32 ? 0x7fffffffull : 0x7fffffffffffffffull);
}

#endif
