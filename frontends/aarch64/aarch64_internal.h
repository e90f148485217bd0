/* Shared by the AArch64 lifters: the lifting context and IR-building helpers. */
#ifndef FVP_FRONTENDS_AARCH64_INTERNAL_H
#define FVP_FRONTENDS_AARCH64_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "frontends/aarch64/aarch64_decode.h"
#include "frontends/aarch64/aarch64_state.h"
#include "frontends/frontend.h"
#include "ir/ir.h"

/*
 * The lift loop (aarch64_lift.c) fetches one 32-bit instruction, emits ir_insn_start,
 * decodes it with the generated decoder (aarch64_decode.c from aarch64.decode) and calls
 * its a64_trans_<class>() (aarch64_dp_imm.c, _dp_reg.c, _branch.c, _ldst.c, _fp.c,
 * _simd*.c). A trans function either emits the instruction and returns true, or returns
 * false before emitting anything for an unallocated encoding; the loop then emits an
 * illegal-instruction trap. The block ends when a trans function emits a terminator.
 *
 * Register number 31 is XZR or SP depending on the instruction: a64_get_x/a64_put_x treat
 * it as the zero register, a64_get_xsp/a64_put_xsp as the stack pointer.
 */
typedef struct A64Lift {
    IRBlock *b;    /* the block being built (borrowed) */
    uint64_t pc;   /* guest pc of the instruction being lifted */
    uint32_t insn; /* its bits */
    /* The i64 value x0..x30 and sp (index 31) hold so far in this block (A64_NO_VALUE: not
     * read or written yet). Writes are PUT at once; the cache only saves re-reading. */
    uint32_t xval[32];
    /* The i1 value N, Z, C, V (index (offset - A64_OFF_N)) hold so far in this block, the
     * same way: flags written by one instruction and read by the next (cmp + b.cond) stay
     * SSA values instead of a PUT and a GET. */
    uint32_t fval[4];
} A64Lift;

#define A64_NO_VALUE UINT32_MAX

static inline uint64_t a64_next_pc(const A64Lift *c)
{
    return c->pc + 4;
}

/* i64 (sf=1) or i32 (sf=0) integer constants and types. */
static inline IRType a64_ity(int64_t sf)
{
    return sf ? IR_I64 : IR_I32;
}
uint32_t a64_const(A64Lift *c, IRType t, uint64_t v);
uint32_t a64_c64(A64Lift *c, uint64_t v);

/* General registers. The sf variants return/accept i64 (sf=1) or i32 (sf=0); 32-bit
 * writes zero the upper half. */
uint32_t a64_get_x(A64Lift *c, int64_t r, int64_t sf);   /* 31 = XZR */
uint32_t a64_get_xsp(A64Lift *c, int64_t r, int64_t sf); /* 31 = SP */
void a64_put_x(A64Lift *c, int64_t r, uint32_t v);       /* 31 = XZR (dropped) */
void a64_put_xsp(A64Lift *c, int64_t r, uint32_t v);     /* 31 = SP */

/* NZCV: i1 values. */
uint32_t a64_get_flag(A64Lift *c, uint32_t offset);
void a64_put_flag(A64Lift *c, uint32_t offset, uint32_t v1);
void a64_put_nzcv(A64Lift *c, uint32_t n, uint32_t z, uint32_t cf, uint32_t v);
/* N and Z of a result; C and V cleared (logical ops with flags). */
void a64_put_nz_clear_cv(A64Lift *c, uint32_t result);
/* Sets NZCV from a 4-bit constant (ccmp's fallback). */
void a64_put_nzcv_imm(A64Lift *c, unsigned nzcv);
/* ConditionHolds(cond) as an i1. */
uint32_t a64_cond(A64Lift *c, int64_t cond);
/* a + b + cin (i1) with flags when setflags: the add/sub/adc/sbc core. */
uint32_t a64_add_with_carry(A64Lift *c, uint32_t a, uint32_t b, uint32_t cin, bool setflags);
/* a - b, i.e. AddWithCarry(a, NOT(b), 1), with flags when setflags: C = NOT borrow. */
uint32_t a64_sub_flags(A64Lift *c, uint32_t a, uint32_t b, bool setflags);
/* Shift of a register operand (LSL LSR ASR ROR) by a constant. */
uint32_t a64_shift_imm(A64Lift *c, uint32_t v, int64_t type, int64_t amount);
/* ExtendReg: the extended register operand of add/sub (extended) and loads. */
uint32_t a64_extend_reg(A64Lift *c, int64_t r, int64_t option, int64_t shift, IRType t);

/* SIMD&FP registers: V as v128, or its low scalar of type t (f32, f64, i8..i64). Scalar
 * writes zero the rest of the 128-bit register. */
uint32_t a64_get_v(A64Lift *c, int64_t r);
void a64_put_v(A64Lift *c, int64_t r, uint32_t v128);
uint32_t a64_get_vlow(A64Lift *c, int64_t r, IRType t);
void a64_put_vlow(A64Lift *c, int64_t r, uint32_t v);
/* Zeroes the upper 64 bits of a v128 value (Q=0 results). */
uint32_t a64_clear_high(A64Lift *c, uint32_t v128);
/* A scalar widened into a v128 with zero upper bits. */
uint32_t a64_scalar_to_v(A64Lift *c, uint32_t v);

/* ---- Advanced SIMD helpers (aarch64_simd_perm.c) ---- */
/* Integer lane of a size field (0..3 -> i8x16 .. i64x2); float lane of sz (0 f32, 1 f64). */
IRLane a64_ilane(int64_t size);
IRLane a64_flane(int64_t sz);
/* vshuffle: byte i of the result is byte sel[i] of x:y (0..31), 0 for 0xff. */
uint32_t a64_shuffle(A64Lift *c, uint32_t x, uint32_t y, const uint8_t sel[16]);
/* Writes a vector result: Q=0 results have their upper 64 bits zeroed. */
void a64_put_vq(A64Lift *c, int64_t rd, uint32_t v128, int64_t q);
/* Elements 2i+odd of the concatenation x:y (UZP1/UZP2 over 16 bytes), esize in bytes. */
uint32_t a64_unzip(A64Lift *c, uint32_t x, uint32_t y, unsigned esize, unsigned odd);
/* x.lo64 : y.lo64 as one vector. */
uint32_t a64_concat_low(A64Lift *c, uint32_t x, uint32_t y);
/* A lane-wise op with an explicit lane (FP ops get rm=dyn and the A64 NaN mode; `cond`
 * is the op's kind). Unused operands are 0. */
uint32_t a64_vop(A64Lift *c, IROp op, IRLane lane, unsigned cond, uint32_t x, uint32_t y,
                 uint32_t z);
/* FPSR.QC (cumulative saturation): set when the saturated result differs from the exact
 * (wrapped or truncated) one in the lanes the instruction writes: lane 0 of `lane` for
 * scalar forms, the low 64 bits for Q=0, all 128 bits otherwise. */
void a64_update_qc(A64Lift *c, uint32_t sat, uint32_t exact, IRLane lane, int64_t scalar,
                   int64_t q);
/* FMULX on f32x4/f64x2 lanes: FMUL, except that 0 * inf is +-2.0 (aarch64_simd.c). */
uint32_t a64_fmulx(A64Lift *c, IRLane lane, uint32_t x, uint32_t y);

/* ---- Saturating and rounding helpers (aarch64_simd_sat.c) ---- */
/* SQDMULH (round = false) / SQRDMULH on i16x8 or i32x4 lanes; updates QC. */
uint32_t a64_sqdmulh(A64Lift *c, IRLane lane, uint32_t x, uint32_t y, bool round, int64_t scalar,
                     int64_t q);
enum { A64_SAT_SIGNED, A64_SAT_UNSIGNED, A64_SAT_SIGNED_TO_UNSIGNED };
/* SQSHL / UQSHL / SQSHLU by an immediate s < lane width (kind A64_SAT_*); updates QC. */
uint32_t a64_shift_left_sat(A64Lift *c, IRLane lane, uint32_t x, unsigned s, unsigned kind,
                            int64_t scalar, int64_t q);
/* SRSHL / URSHL: shift by the signed low byte of each lane of y, rounding right shifts. */
uint32_t a64_rounding_shift_reg(A64Lift *c, IRLane lane, bool is_unsigned, uint32_t x, uint32_t y);
/* SQDMULL (accumulate 0), SQDMLAL (1), SQDMLSL (-1) on sign-extended halves wx, wy in
 * `wide` lanes (i32x4 or i64x2), accumulating into Vd; updates QC. */
uint32_t a64_sqdmull(A64Lift *c, IRLane wide, uint32_t wx, uint32_t wy, int64_t rd, int accumulate);
/* SQSHL/UQSHL (round = false) and SQRSHL/UQRSHL by register: saturating left shifts,
 * (rounding) right shifts for negative amounts; updates QC. */
uint32_t a64_sat_shift_reg(A64Lift *c, IRLane lane, bool is_unsigned, bool round, uint32_t x,
                           uint32_t y, int64_t scalar, int64_t q);
/* Fixed-point vector conversions (fbits fraction bits): SCVTF/UCVTF (to_float) or
 * FCVTZS/FCVTZU. flane is the float lane. */
uint32_t a64_fixed_convert(A64Lift *c, IRLane flane, uint32_t x, unsigned fbits, bool to_float,
                           bool is_unsigned);
/* A v128 constant with every lane of `lane` holding v. */
uint32_t a64_vconst(A64Lift *c, IRLane lane, uint64_t v);

/* Bitmask immediate of logical instructions (DecodeBitMasks with immediate = true). */
bool a64_decode_bit_masks(int64_t n, int64_t imms, int64_t immr, bool is64, uint64_t *out);

/* A helper's result (the low `t` bits of r, an i64) after ORing the IR_FPF_* flags the
 * helper returned in bits 32..39 into hdr.fp_flags. */
uint32_t a64_helper_result(A64Lift *c, uint32_t r, IRType t);
/* hdr.fp_round (rounding mode, FZ, DN) as an i64 helper argument. */
uint32_t a64_fp_mode_arg(A64Lift *c);
/* FRECPE/FRSQRTE/FRECPX/URECPE/URSQRTE (kind: A64_EST_*32 or the unsigned ones; the 64-bit
 * FP forms are kind + 1 when `lane` is f64x2) on the first n lanes of x through the
 * estimate_arm helper; the other lanes are zero. */
uint32_t a64_estimate(A64Lift *c, unsigned kind, IRLane lane, unsigned n, uint32_t x);
/* PMUL (8-bit lanes) and PMULL/PMULL2 (8 or 64-bit: size 0 or 3) of x and y. */
uint32_t a64_pmul(A64Lift *c, uint32_t x, uint32_t y, int64_t q);
uint32_t a64_pmull(A64Lift *c, int64_t size, uint32_t x, uint32_t y, int64_t q);

/* Half-precision conversions through runtime helpers (FPCR rounding, FZ, DN; flags
 * accrued): the binary16 bits h (an integer of any width, low 16 bits used) to f32/f64
 * `t`, and an f32/f64 value to binary16 bits (i16). */
uint32_t a64_half_to_float(A64Lift *c, uint32_t h, IRType t);
uint32_t a64_float_to_half(A64Lift *c, uint32_t f);

/* Restores FPSR's cumulative flags to `saved` (an earlier GET of hdr.fp_flags) except for
 * IDC, which the ops since may have raised by flushing a denormal input (FPCR.FZ). */
void a64_restore_fp_flags_but_idc(A64Lift *c, uint32_t saved);

/* The FP NaN mode the lifters use: FPCR.DN and FPCR.FZ are read at run time from the bits
 * MSR FPCR keeps in hdr.fp_round (IR_FPMODE_DN, IR_FPMODE_FZ). */
#define A64_NAN IR_NAN_ARM_FPCR

/* Lifts the block at pc (Frontend.lift_block of fe_aarch64). */
FvpError *a64_lift_block(const Frontend *fe, FeFetchFn fetch, void *fetch_ctx, uint64_t pc,
                         const FeLiftOptions *opts, IRBlock *out);

/* Default block length in guest instructions. */
enum { A64_DEFAULT_MAX_INSNS = 64 };

#endif
