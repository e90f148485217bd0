/* The shared IR: types, instructions, blocks, and the builder API. */
#ifndef FVP_IR_IR_H
#define FVP_IR_IR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"

/*
 * A block is a straight list of SSA instructions. Instruction i defines value %i (if its
 * op produces a value); operands name earlier values. The last instruction is the only
 * terminator. A block has one entry; EXIT_IF leaves early to a constant guest pc.
 *
 *   IRBlock { pc, guest_bytes, guest_insns, insns[0..count) }
 *     %0 = get.i64 8            ; x1
 *     %1 = const.i64 5
 *     %2 = add.i64 %0, %1
 *     put 8, %2
 *     goto 0x10078
 *
 * Guest CPU state is a frontend-defined struct starting with IRStateHeader; GET/PUT read
 * and write it at byte offsets. Guest memory is reached only through LOAD/STORE/CAS/RMW.
 */

typedef enum IROp {
#define IRDEF(name, text, nargs, rule, flags) IR_##name,
#include "ir/ir_ops.def"
#undef IRDEF
    IR_OP_COUNT
} IROp;

typedef enum IRType {
    IR_VOID = 0,
    IR_I1,
    IR_I8,
    IR_I16,
    IR_I32,
    IR_I64,
    IR_I128,
    IR_F32,
    IR_F64,
    IR_V128,
    IR_TYPE_COUNT
} IRType;

/* Lane shape of a v128 value (IR_LANE_NONE for scalars). */
typedef enum IRLane {
    IR_LANE_NONE = 0,
    IR_LANE_I8X16,
    IR_LANE_I16X8,
    IR_LANE_I32X4,
    IR_LANE_I64X2,
    IR_LANE_F32X4,
    IR_LANE_F64X2,
    IR_LANE_COUNT
} IRLane;

/* Integer comparisons (CMP.cond). */
typedef enum IRCond {
    IR_CC_EQ,
    IR_CC_NE,
    IR_CC_SLT,
    IR_CC_SLE,
    IR_CC_SGT,
    IR_CC_SGE,
    IR_CC_ULT,
    IR_CC_ULE,
    IR_CC_UGT,
    IR_CC_UGE,
    IR_CC_COUNT
} IRCond;

/* FP comparisons (FCMP.cond). Quiet compares raise invalid only for signalling NaNs;
 * signalling ones (_S) raise it for any NaN. UNO is true when either input is NaN. */
typedef enum IRFCond {
    IR_FCC_OEQ,
    IR_FCC_OLT,
    IR_FCC_OLE,
    IR_FCC_UNO,
    IR_FCC_UNE, /* not equal or unordered */
    IR_FCC_OEQ_S,
    IR_FCC_OLT_S,
    IR_FCC_OLE_S,
    IR_FCC_UNO_S,
    IR_FCC_UNE_S,
    IR_FCC_COUNT
} IRFCond;

/* Rounding mode (rm). IR_RM_DYN reads IRStateHeader.fp_round. RMM: nearest, ties away. */
typedef enum IRRound {
    IR_RM_RNE = 0,
    IR_RM_RTZ = 1,
    IR_RM_RDN = 2,
    IR_RM_RUP = 3,
    IR_RM_RMM = 4,
    IR_RM_DYN = 7,
} IRRound;

/* What an FP op returns when its result is NaN (nan). */
typedef enum IRNanMode {
    IR_NAN_CANONICAL = 0, /* RISC-V: always the canonical quiet NaN 0x7fc00000... */
    IR_NAN_ARM,           /* AArch64 FPCR.DN=0: first signalling NaN operand, else first quiet
                             NaN operand, quietened; default NaN if none (invalid op) */
    IR_NAN_ARM_DEFAULT,   /* AArch64 FPCR.DN=1: default NaN */
    IR_NAN_X86,           /* SSE: first NaN operand quietened; default NaN is negative */
    IR_NAN_ARM_FPCR,      /* AArch64 with FPCR read at run time: IR_FPMODE_DN in
                             IRStateHeader.fp_round selects IR_NAN_ARM_DEFAULT over IR_NAN_ARM,
                             IR_FPMODE_FZ flushes denormal inputs and tiny results to zero */
    IR_NAN_COUNT
} IRNanMode;

/* IRStateHeader.fp_round: the rounding mode (IRRound) in bits 0..2; AArch64 keeps FPCR.FZ
 * and FPCR.DN above it, read only by ops with nan = IR_NAN_ARM_FPCR. Other guests leave
 * those bits zero. */
enum {
    IR_FPMODE_RM = 0x7,   /* the rounding mode */
    IR_FPMODE_FZ = 1 << 3, /* AArch64 FPCR.FZ: flush-to-zero (docs/ir.md) */
    IR_FPMODE_DN = 1 << 4, /* AArch64 FPCR.DN: default NaN */
};

/* Accrued IEEE exception flags (IRStateHeader.fp_flags), in RISC-V fflags bit order. */
enum {
    IR_FPF_NX = 1 << 0, /* inexact */
    IR_FPF_UF = 1 << 1, /* underflow */
    IR_FPF_OF = 1 << 2, /* overflow */
    IR_FPF_DZ = 1 << 3, /* divide by zero */
    IR_FPF_NV = 1 << 4, /* invalid */
    IR_FPF_DE = 1 << 5, /* denormal input (x86 DE, AArch64 IDC) */
};

/* FMIN/FMAX semantics (cond). */
typedef enum IRFMinKind {
    IR_FMIN_NUMBER = 0, /* IEEE 754-2019 minimumNumber/maximumNumber (RISC-V F 2.2): a NaN
                           loses to a number; -0 < +0; sNaN input raises invalid */
    IR_FMIN_ARM,        /* AArch64 FMIN/FMAX: NaN propagates (per nan mode); -0 < +0 */
    IR_FMIN_ARM_NM,     /* AArch64 FMINNM/FMAXNM: quiet NaN loses to a number */
    IR_FMIN_X86,        /* SSE minss/maxss: if either is NaN or both are zero, second */
    IR_FMIN_COUNT
} IRFMinKind;

/* FCVT_F2I out-of-range and NaN behaviour (cond). Signedness in bit 0. */
typedef enum IRCvtKind {
    IR_CVT_SIGNED = 0,
    IR_CVT_UNSIGNED = 1,
    IR_CVT_SAT_RISCV = 0 << 1,  /* saturate; NaN -> maximum; invalid on NaN/out of range */
    IR_CVT_SAT_ARM = 1 << 1,    /* saturate; NaN -> 0; invalid on NaN/out of range */
    IR_CVT_INDEFINITE = 2 << 1, /* x86: NaN/out of range -> minimum signed ("indefinite") */
} IRCvtKind;

/* DIVS/DIVU/REMS/REMU by zero and signed overflow (cond). */
typedef enum IRDivMode {
    IR_DIV_RISCV = 0, /* x/0 = all ones, x%0 = x; MIN/-1 = MIN, MIN%-1 = 0 */
    IR_DIV_ARM = 1,   /* x/0 = 0; MIN/-1 = MIN (no remainder instructions on AArch64) */
} IRDivMode;

/* VNARROW (cond). */
typedef enum IRNarrowKind {
    IR_NARROW_TRUNC = 0,
    IR_NARROW_SSAT, /* signed -> signed, saturating */
    IR_NARROW_USAT, /* unsigned -> unsigned, saturating */
    IR_NARROW_SUSAT /* signed -> unsigned, saturating */
} IRNarrowKind;

/* RMW (cond). */
typedef enum IRRmwOp {
    IR_RMW_XCHG,
    IR_RMW_ADD,
    IR_RMW_AND,
    IR_RMW_OR,
    IR_RMW_XOR,
    IR_RMW_SMIN,
    IR_RMW_SMAX,
    IR_RMW_UMIN,
    IR_RMW_UMAX,
    IR_RMW_COUNT
} IRRmwOp;

/* FENCE (cond). */
typedef enum IRFenceKind {
    IR_FENCE_SEQ = 0,
    IR_FENCE_ACQUIRE,
    IR_FENCE_RELEASE,
} IRFenceKind;

/* GOTO/GOTO_REG (cond): what the guest meant, for return prediction and profiles. */
typedef enum IRJumpKind {
    IR_JUMP_PLAIN = 0,
    IR_JUMP_CALL, /* imm2 = return address */
    IR_JUMP_RET,
} IRJumpKind;

/* TRAP (cond). */
typedef enum IRTrapKind {
    IR_TRAP_ILLEGAL = 0, /* undecodable or unsupported instruction; imm2 = its bytes */
    IR_TRAP_BREAKPOINT,  /* ebreak/brk/int3 */
    IR_TRAP_FETCH_FAULT, /* pc not executable / unmapped */
    IR_TRAP_DIVIDE,      /* x86 #DE */
    IR_TRAP_COUNT
} IRTrapKind;

/* Helper calls (HELPER.imm). */
typedef enum IRHelper {
#define IRHELPER(name, text, nargs, type, flags) IR_HELPER_##name,
#include "ir/ir_helpers.def"
#undef IRHELPER
    IR_HELPER_COUNT
} IRHelper;
enum { IRH_PURE = 1 };

/* Op flags. */
enum {
    IRF_TERM = 1 << 0,        /* ends the block */
    IRF_SIDE = 1 << 1,        /* has an effect beyond its value: never removed */
    IRF_VOID = 1 << 2,        /* produces no value */
    IRF_MEM = 1 << 3,         /* touches guest memory (may fault) */
    IRF_FP = 1 << 4,          /* reads the rounding mode / accrues FP flags */
    IRF_READS_STATE = 1 << 5, /* reads guest state */
};

/* Type rules the verifier applies (column 4 of ir_ops.def). */
typedef enum IRRule {
    IR_RULE_NONE,       /* no operands, no result */
    IR_RULE_CONST,      /* any non-void type */
    IR_RULE_GET,        /* any non-void type */
    IR_RULE_PUT,        /* any operand */
    IR_RULE_SAME_INT,   /* operands and result: one integer type, or v128 with integer lane */
    IR_RULE_SCALAR_INT, /* operands and result: one scalar integer type */
    IR_RULE_SAME_FLOAT, /* operands and result: f32/f64, or v128 with float lane */
    IR_RULE_CMP,        /* operands same int type; result i1 (scalar) or v128 (lanes) */
    IR_RULE_FCMP,       /* operands same float type; result i1 or v128 */
    IR_RULE_SELECT,     /* arg0 i1 (or v128 mask), arg1/arg2 and result the same type */
    IR_RULE_WIDEN,      /* scalar int -> wider (or equal) scalar int */
    IR_RULE_NARROW,     /* scalar int -> narrower (or equal) scalar int */
    IR_RULE_BITCAST,    /* same bit width */
    IR_RULE_FLAG,       /* (a, b same int type, i1) -> i1 */
    IR_RULE_F2I,        /* float -> int scalar (or v128 lane-wise) */
    IR_RULE_I2F,        /* int -> float scalar (or v128 lane-wise) */
    IR_RULE_F2F,        /* f32 <-> f64 */
    IR_RULE_VSPLAT,     /* scalar -> v128 */
    IR_RULE_VEXTRACT,   /* v128 -> scalar of lane type */
    IR_RULE_VINSERT,    /* (v128, scalar) -> v128 */
    IR_RULE_VBIN,       /* (v128, v128) -> v128 */
    IR_RULE_VUN,        /* v128 -> v128 */
    IR_RULE_VREDUCE,    /* v128 -> scalar */
    IR_RULE_LOAD,       /* i64 address -> any non-void, non-i1 type */
    IR_RULE_STORE,      /* (i64 address, non-i1 value) */
    IR_RULE_CAS,        /* (i64, T, T) -> T, T scalar int */
    IR_RULE_RMW,        /* (i64, T) -> T, T scalar int */
    IR_RULE_EXIT_IF,    /* i1 */
    IR_RULE_HELPER,     /* i64 operands, result from ir_helpers.def */
    IR_RULE_GOTO_REG,   /* i64 */
} IRRule;

/* One instruction: 40 bytes. Unused fields are zero. */
typedef struct IRInsn {
    uint8_t op;     /* IROp */
    uint8_t type;   /* IRType of the result; IR_VOID if none */
    uint8_t lane;   /* IRLane of a v128 result (or of the source for VREDUCE/VMOVMSK) */
    uint8_t cond;   /* op-specific kind: IRCond, IRFCond, IRDivMode, IRFMinKind, ... */
    uint8_t rm;     /* IRRound for IRF_FP ops */
    uint8_t nan;    /* IRNanMode for IRF_FP ops */
    uint8_t nargs;  /* operands used in args[] */
    uint8_t pad;
    uint32_t args[3]; /* value ids (indices of earlier instructions) */
    uint32_t pad2;    /* explicit, always zero: IRInsn has no hidden padding, so blocks
                         compare with memcmp (ir_block_equal) */
    uint64_t imm;     /* constant (low 64 bits), state offset, pc, lane index, ... */
    uint64_t imm2;    /* constant high 64 bits, detail, return pc, shuffle bytes 8..15 */
} IRInsn;

typedef struct IRBlock {
    uint64_t pc;          /* guest pc of the first instruction */
    uint32_t guest_bytes; /* guest code bytes the block covers */
    uint32_t guest_insns; /* guest instructions lifted */
    IRInsn *insns;
    size_t count, cap;
} IRBlock;

/* Every frontend's CPU state struct begins with this header. */
typedef struct IRStateHeader {
    uint64_t pc;       /* guest pc to resume at (written by the runtime on exits) */
    uint32_t fp_round; /* dynamic rounding mode (IRRound, never IR_RM_DYN) in IR_FPMODE_RM,
                          AArch64 FZ/DN above it (IR_FPMODE_*) */
    uint32_t fp_flags; /* accrued exception flags (IR_FPF_*) */
} IRStateHeader;

/* A 128-bit value as the interpreter and constant folding see it (little endian). */
typedef union IRValue {
    uint8_t u8[16];
    uint16_t u16[8];
    uint32_t u32[4];
    uint64_t u64[2];
    int64_t i64[2];
    float f32[4];
    double f64[2];
    unsigned __int128 u128;
} IRValue;

/* ---- Op and type tables --------------------------------------------------------------- */
typedef struct IROpInfo {
    const char *name;
    uint8_t nargs;
    uint8_t rule; /* IRRule */
    uint16_t flags;
} IROpInfo;
extern const IROpInfo ir_op_info[IR_OP_COUNT];

typedef struct IRHelperInfo {
    const char *name;
    uint8_t nargs;
    uint8_t type;
    uint8_t flags;
} IRHelperInfo;
extern const IRHelperInfo ir_helper_info[IR_HELPER_COUNT];

const char *ir_type_name(IRType t);   /* "i64", "v128", ... */
const char *ir_lane_name(IRLane l);   /* "i32x4", ... ; "" for none */
unsigned ir_type_bits(IRType t);      /* i1 -> 1, f64 -> 64, v128 -> 128 */
unsigned ir_lane_bits(IRLane l);      /* element bits: i32x4 -> 32 */
unsigned ir_lane_count(IRLane l);     /* i32x4 -> 4 */
bool ir_lane_is_float(IRLane l);
IRType ir_lane_elem_type(IRLane l);   /* i32x4 -> IR_I32, f64x2 -> IR_F64 */
bool ir_type_is_int(IRType t);        /* i1 .. i128 */
bool ir_type_is_float(IRType t);      /* f32, f64 */

/* ---- Blocks ----------------------------------------------------------------------------- */
/* Returns a new empty block owned by the caller (free with ir_block_free). */
IRBlock *ir_block_new(uint64_t pc);
void ir_block_free(IRBlock *b);
void ir_block_clear(IRBlock *b, uint64_t pc);
/* Deep copy, owned by the caller. */
IRBlock *ir_block_clone(const IRBlock *b);
bool ir_block_equal(const IRBlock *a, const IRBlock *b);
static inline bool ir_block_terminated(const IRBlock *b)
{
    return b->count && (ir_op_info[b->insns[b->count - 1].op].flags & IRF_TERM);
}

/* ---- Builder: every emit returns the new value id (instruction index) ------------------ */
uint32_t ir_emit(IRBlock *b, const IRInsn *insn);
static inline IRType ir_value_type(const IRBlock *b, uint32_t v)
{
    return (IRType)b->insns[v].type;
}

uint32_t ir_const(IRBlock *b, IRType t, uint64_t value);
uint32_t ir_const128(IRBlock *b, IRType t, uint64_t lo, uint64_t hi);
uint32_t ir_get(IRBlock *b, IRType t, uint32_t offset);
void ir_put(IRBlock *b, uint32_t offset, uint32_t v);
void ir_insn_start(IRBlock *b, uint64_t pc, unsigned length);
/* Binary/unary op whose result type is the first operand's (integer or FP, no rm). */
uint32_t ir_binop(IRBlock *b, IROp op, uint32_t x, uint32_t y);
uint32_t ir_unop(IRBlock *b, IROp op, uint32_t x);
/* Lane-wise op on v128 values. */
uint32_t ir_vbinop(IRBlock *b, IROp op, IRLane lane, uint32_t x, uint32_t y);
uint32_t ir_div(IRBlock *b, IROp op, IRDivMode mode, uint32_t x, uint32_t y);
uint32_t ir_cmp(IRBlock *b, IRCond cond, uint32_t x, uint32_t y);
uint32_t ir_select(IRBlock *b, uint32_t c, uint32_t x, uint32_t y);
/* ZEXT/SEXT/TRUNC/BITCAST to type t. Returns x itself when no conversion is needed. */
uint32_t ir_conv(IRBlock *b, IROp op, IRType t, uint32_t x);
uint32_t ir_flag(IRBlock *b, IROp op, uint32_t x, uint32_t y, uint32_t carry_in);
/* FP op: FADD..FMA, FMIN/FMAX (kind in cond), FROUND. nargs from the op table. */
uint32_t ir_fop(IRBlock *b, IROp op, IRRound rm, IRNanMode nan, uint32_t cond, uint32_t x,
                uint32_t y, uint32_t z);
uint32_t ir_fcmp(IRBlock *b, IRFCond cond, IRNanMode nan, uint32_t x, uint32_t y);
/* FCVT_F2I/FCVT_I2F/FCVT_F2F to type t. */
uint32_t ir_fcvt(IRBlock *b, IROp op, IRType t, unsigned kind, IRRound rm, IRNanMode nan,
                 uint32_t x);
uint32_t ir_load(IRBlock *b, IRType t, uint32_t addr);
void ir_store(IRBlock *b, uint32_t addr, uint32_t v);
uint32_t ir_cas(IRBlock *b, uint32_t addr, uint32_t expected, uint32_t desired);
uint32_t ir_rmw(IRBlock *b, IRRmwOp op, uint32_t addr, uint32_t v);
void ir_fence(IRBlock *b, IRFenceKind kind);
void ir_exit_if(IRBlock *b, uint32_t c, uint64_t pc);
uint32_t ir_helper(IRBlock *b, IRHelper h, uint32_t a0, uint32_t a1, uint32_t a2);
void ir_goto(IRBlock *b, uint64_t pc, IRJumpKind kind, uint64_t return_pc);
void ir_goto_reg(IRBlock *b, uint32_t target, IRJumpKind kind, uint64_t return_pc);
void ir_syscall(IRBlock *b, uint64_t next_pc);
void ir_trap(IRBlock *b, IRTrapKind kind, uint64_t pc, uint64_t detail);
void ir_sync_code(IRBlock *b, uint64_t next_pc);

/* ---- Text form, verification ------------------------------------------------------------ */
/* Prints the block in the text form of docs/ir.md. */
void ir_print_block(FILE *f, const IRBlock *b);
/* Parses one block from text; *out is owned by the caller. Errors name the line. */
FvpError *ir_parse_block(const char *text, const char *source_name, IRBlock **out);
/* Checks types, SSA order and terminators; the error names the instruction. */
FvpError *ir_verify_block(const IRBlock *b);

#endif
