/* Shared by the RISC-V 64 lifters: the lifting context and IR-building helpers. */
#ifndef FVP_FRONTENDS_RISCV64_INTERNAL_H
#define FVP_FRONTENDS_RISCV64_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "frontends/frontend.h"
#include "frontends/riscv64/riscv64_decode.h"
#include "frontends/riscv64/riscv64_state.h"
#include "ir/ir.h"

/*
 * The lift loop (riscv64_lift.c) fetches one instruction, emits ir_insn_start, decodes it
 * with the generated decoder (riscv64_decode.c from riscv64.decode) and calls its
 * rv_trans_<name>() (riscv64_rv*.c, riscv64_zicsr.c, riscv64_zb.c). A trans function
 * either emits the instruction and returns true, or returns false before emitting anything
 * for a reserved encoding; the loop then emits an illegal-instruction trap. The block
 * ends when a trans function emits a terminator.
 */
typedef struct RvLift {
    IRBlock *b;    /* the block being built (borrowed) */
    uint64_t pc;   /* guest pc of the instruction being lifted */
    uint32_t insn; /* its bits (16-bit forms zero-extended) */
    unsigned len;  /* its length: 2 or 4 */
    /* The i64 value each x/f register holds so far in this block (RV_NO_VALUE: not read
     * or written yet). Every write is still PUT at once, so the state is exact at every
     * instruction boundary; the cache only saves re-reading it. Nothing but these PUTs
     * writes x or f inside a block (helpers and memory ops do not touch them). */
    uint32_t xval[32];
    uint32_t fval[32];
} RvLift;

#define RV_NO_VALUE UINT32_MAX

static inline uint64_t rv_next_pc(const RvLift *c)
{
    return c->pc + c->len;
}

/* Integer registers: x0 reads as the constant 0; writes to x0 are dropped. */
uint32_t rv_get_x(RvLift *c, int64_t r);
void rv_put_x(RvLift *c, int64_t r, uint32_t v64);
uint32_t rv_get_x32(RvLift *c, int64_t r);                /* low 32 bits, i32 */
void rv_put_x_sext32(RvLift *c, int64_t r, uint32_t v32); /* sign-extends an i32 */
uint32_t rv_const(RvLift *c, uint64_t v);                 /* i64 constant */
uint32_t rv_const32(RvLift *c, uint32_t v);               /* i32 constant */
/* x[rs1] + imm, the effective address of loads, stores and jalr. */
uint32_t rv_addr(RvLift *c, int64_t rs1, int64_t imm);
/* ZEXT of an i1 to i64. */
uint32_t rv_bool64(RvLift *c, uint32_t v1);

/* FP registers. f32 reads check the NaN box: an improperly boxed value reads as the
 * canonical NaN. Writes of f32 values box them (upper 32 bits all ones). */
uint32_t rv_get_f32_bits(RvLift *c, int64_t r);    /* i32, box-checked */
uint32_t rv_get_f(RvLift *c, IRType t, int64_t r); /* f32 (box-checked) or f64 */
uint32_t rv_get_f_raw(RvLift *c, int64_t r);       /* i64, the register bits unchanged */
void rv_put_f32_bits(RvLift *c, int64_t r, uint32_t v32);
void rv_put_f(RvLift *c, IRType t, int64_t r, uint32_t v);
void rv_put_f_raw(RvLift *c, int64_t r, uint32_t v64);

/* Maps an instruction's rm field to IRRound; false for the reserved values 5 and 6. */
bool rv_round_mode(int64_t rm, IRRound *out);

/* Lifts the block at pc (Frontend.lift_block of fe_riscv64). */
FvpError *rv_lift_block(const Frontend *fe, FeFetchFn fetch, void *fetch_ctx, uint64_t pc,
                        const FeLiftOptions *opts, IRBlock *out);
/* Frontend.disasm of fe_riscv64 (riscv64_disasm.c). */
unsigned rv_disasm(const uint8_t *code, size_t len, uint64_t pc, char *buf, size_t size);

/* Default block length in guest instructions. */
enum { RV_DEFAULT_MAX_INSNS = 64 };

#endif
