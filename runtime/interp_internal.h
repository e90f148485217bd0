/* Interpreter internals: the pre-decoded block form and the out-of-line op semantics. */
#ifndef FVP_RUNTIME_INTERP_INTERNAL_H
#define FVP_RUNTIME_INTERP_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/cpu.h"
#include "runtime/interp.h"

/*
 * interp_prepare() turns an IRBlock into a flat array of InterpInsn. Every value lives in a
 * frame of IRValue slots (16 bytes); operands are byte offsets into the frame:
 *
 *   frame: +--------+---------+-----------------+---------------------------+
 *          | zero   | scratch | constants ...   | values of value-producing |
 *          | slot 0 | slot 1  | (pre-filled)    | instructions, in order    |
 *          +--------+---------+-----------------+---------------------------+
 *          ^ copied from InterpCode.consts at entry (slots 0 .. nconst-1)
 *
 * Unused operands read the zero slot; void results write the scratch slot. CONST
 * instructions disappear (their value is in the frame already), and so do INSN markers:
 * each instruction records how many markers precede it (ninsns), and the guest pc of the
 * instruction it belongs to is insn_pcs[ninsns]. A constant second operand of a specialised
 * binary op or compare, and a constant PUT, become an immediate (the *_IMM and PUT_IMM
 * handlers: imm, or imm2 for PUT); constants nothing else reads get no frame slot. The guest
 * instruction count is added at the block's exit and before a helper call; cpu->cur_pc is set
 * before anything that can fault or reads it (memory accesses, helpers) and at the exit. Scalar
 * values of at most 64 bits occupy u64[0], zero-extended to 64 bits; u64[1] is only meaningful for
 * i128/v128.
 *
 * Each InterpInsn names its handler twice: `handler` (a label address inside interp_run,
 * for computed goto) and `hop` (the same handler as a number, for interp_run_switch). Both
 * run the same body (runtime/interp_handlers.inc, included twice).
 */

/* Handlers: specialised hot paths first, then the generic ones. */
/* clang-format off */
#define INTERP_HANDLERS(X)                                                                         \
    X(GET_I64) X(GET_I32) X(GET_ANY) X(PUT_I64) X(PUT_I32) X(PUT_ANY) X(PUT_IMM)                   \
    X(ADD_I64) X(SUB_I64) X(MUL_I64) X(AND_I64) X(OR_I64) X(XOR_I64)                               \
    X(SHL_I64) X(SHR_I64) X(SAR_I64)                                                               \
    X(ADD_I32) X(SUB_I32) X(MUL_I32) X(AND_I32) X(OR_I32) X(XOR_I32)                               \
    X(SHL_I32) X(SHR_I32) X(SAR_I32)                                                               \
    X(CMP_EQ_I64) X(CMP_NE_I64) X(CMP_SLT_I64) X(CMP_SGE_I64) X(CMP_ULT_I64) X(CMP_UGE_I64)        \
    X(ADD_I64_IMM) X(SUB_I64_IMM) X(MUL_I64_IMM) X(AND_I64_IMM) X(OR_I64_IMM) X(XOR_I64_IMM)       \
    X(SHL_I64_IMM) X(SHR_I64_IMM) X(SAR_I64_IMM)                                                   \
    X(ADD_I32_IMM) X(SUB_I32_IMM) X(MUL_I32_IMM) X(AND_I32_IMM) X(OR_I32_IMM) X(XOR_I32_IMM)       \
    X(SHL_I32_IMM) X(SHR_I32_IMM) X(SAR_I32_IMM)                                                   \
    X(CMP_EQ_I64_IMM) X(CMP_NE_I64_IMM) X(CMP_SLT_I64_IMM) X(CMP_SGE_I64_IMM)                      \
    X(CMP_ULT_I64_IMM) X(CMP_UGE_I64_IMM)                                                          \
    X(CMP_SLE_I64) X(CMP_SGT_I64) X(CMP_ULE_I64) X(CMP_UGT_I64)                                    \
    X(CMP_SLE_I64_IMM) X(CMP_SGT_I64_IMM) X(CMP_ULE_I64_IMM) X(CMP_UGT_I64_IMM)                    \
    X(CMP_EQ_I32) X(CMP_NE_I32) X(CMP_SLT_I32) X(CMP_SGE_I32) X(CMP_ULT_I32) X(CMP_UGE_I32)        \
    X(CMP_SLE_I32) X(CMP_SGT_I32) X(CMP_ULE_I32) X(CMP_UGT_I32)                                    \
    X(CMP_EQ_I32_IMM) X(CMP_NE_I32_IMM) X(CMP_SLT_I32_IMM) X(CMP_SGE_I32_IMM)                      \
    X(CMP_ULT_I32_IMM) X(CMP_UGE_I32_IMM) X(CMP_SLE_I32_IMM) X(CMP_SGT_I32_IMM)                    \
    X(CMP_ULE_I32_IMM) X(CMP_UGT_I32_IMM)                                                          \
    X(NOT_I64) X(NOT_I32)                                                                          \
    X(UADDO_I64) X(SADDO_I64) X(USUBO_I64) X(SSUBO_I64)                                            \
    X(UADDO_I32) X(SADDO_I32) X(USUBO_I32) X(SSUBO_I32)                                            \
    X(SELECT_SCALAR) X(ZEXT_SCALAR) X(SEXT_I32_I64) X(TRUNC_SCALAR)                                \
    X(LOAD_8) X(LOAD_16) X(LOAD_32) X(LOAD_64) X(LOAD_128)                                         \
    X(STORE_8) X(STORE_16) X(STORE_32) X(STORE_64) X(STORE_128)                                    \
    X(FADD_F64) X(FMUL_F64)                                                                        \
    X(INT_SCALAR) X(INT_VECTOR) X(FP) X(VECTOR) X(ATOMIC) X(FENCE) X(HELPER)                       \
    X(EXIT_IF) X(GOTO) X(GOTO_REG) X(SYSCALL) X(TRAP) X(SYNC_CODE)
/* clang-format on */

typedef enum InterpHop {
#define INTERP_HOP_ENUM(name) INTERP_HOP_##name,
    INTERP_HANDLERS(INTERP_HOP_ENUM)
#undef INTERP_HOP_ENUM
    INTERP_HOP_COUNT
} InterpHop;

/* One pre-decoded instruction (56 bytes). */
typedef struct InterpInsn {
    const void *handler; /* label in interp_run (computed goto) */
    uint16_t hop;        /* InterpHop (switch dispatch) */
    uint8_t op;          /* IROp */
    uint8_t type;        /* IRType of the result */
    uint8_t lane;        /* IRLane (result lane; source lane for VREDUCE/VMOVMSK) */
    uint8_t cond;
    uint8_t rm;
    uint8_t nan;
    uint8_t atype, btype, ctype; /* IRType of each operand (IR_VOID if unused) */
    uint8_t alane;               /* IRLane of operand a */
    uint8_t size;                /* bytes moved by GET/PUT/LOAD/STORE/CAS/RMW */
    uint8_t pad;
    uint16_t ninsns;         /* INSN markers up to here: the guest instructions begun */
    uint32_t dst;            /* frame byte offset of the result */
    uint32_t a, b, c;        /* frame byte offsets of the operands */
    uint64_t imm, imm2;
} InterpInsn;

struct InterpCode {
    uint64_t pc;
    uint64_t *insn_pcs; /* owned: [0] = pc, [k] = the pc of the k-th INSN marker */
    uint32_t guest_insns;
    uint32_t nslots;  /* frame size in IRValue slots */
    uint32_t nconst;  /* slots 0 .. nconst-1 are pre-filled from consts */
    uint32_t count;   /* instructions in insns */
    IRValue *consts;  /* owned */
    InterpInsn *insns; /* owned */
};

/* Frame slots that live on the host stack before the frame moves to the heap. */
enum { INTERP_STACK_SLOTS = 256 };

/* Whether interp_prepare knows op (an op appended to ir_ops.def without a handler is not). */
bool interp_op_supported(IROp op);

/* The label table of interp_run, indexed by InterpHop (borrowed, static). */
const void *const *interp_goto_labels(void);

/* Out-of-line semantics shared by both dispatch loops. d, a, b, c are frame slots. */
/* Integer ops on one scalar (any width i1..i128), incl. CMP, SELECT, casts, flag ops. */
void interp_eval_int_scalar(const InterpInsn *in, IRValue *d, const IRValue *a, const IRValue *b,
                            const IRValue *c);
/* Integer ops lane-wise on v128 (incl. CMP lane masks and SELECT by a v128 mask). */
void interp_eval_int_vector(const InterpInsn *in, IRValue *d, const IRValue *a, const IRValue *b,
                            const IRValue *c);
/* Every IRF_FP op plus FNEG/FABS, scalar or lane-wise; accrues IRStateHeader.fp_flags.
 * False (nothing written) when rm is IR_RM_DYN and IRStateHeader.fp_round holds a reserved
 * mode (5..7): the guest executes an illegal instruction. */
bool interp_eval_fp(RtCpu *cpu, const InterpInsn *in, IRValue *d, const IRValue *a,
                    const IRValue *b, const IRValue *c);
/* VSPLAT .. VMOVMSK. */
void interp_eval_vector(const InterpInsn *in, IRValue *d, const IRValue *a, const IRValue *b);
/* CAS/RMW on the host pointer of the guest address in a; false (and *fault_addr) if the
 * address is outside guest memory. */
bool interp_eval_atomic(RtCpu *cpu, const InterpInsn *in, IRValue *d, const IRValue *a,
                        const IRValue *b, const IRValue *c, uint64_t *fault_addr);


static inline unsigned __int128 interp_value_read(const IRValue *v, unsigned bits)
{
    return bits > 64 ? v->u128 : v->u64[0];
}

static inline void interp_value_write(IRValue *v, unsigned bits, unsigned __int128 x)
{
    if (bits > 64)
        v->u128 = x;
    else
        v->u64[0] = (uint64_t)x;
}

#endif
