/* The IR interpreter: block pre-decoding and the two dispatch loops (computed goto, switch). */
#include "runtime/interp.h"

#include <string.h>

#include "common/common.h"
#include "runtime/fp.h"
#include "runtime/interp_internal.h"

_Static_assert(sizeof(IRValue) == 16, "frame offsets assume 16-byte slots");
_Static_assert(sizeof(InterpInsn) == 56, "keep the pre-decoded form compact");

/* ---- Pre-decoding ------------------------------------------------------------------------ */

static unsigned interp_type_bytes(IRType t)
{
    return t == IR_I1 ? 1 : ir_type_bits(t) / 8;
}

static uint64_t interp_type_mask(IRType t)
{
    return fvp_mask(ir_type_bits(t));
}

static bool interp_is_vector(const InterpInsn *in)
{
    return in->type == IR_V128 && in->lane != IR_LANE_NONE;
}

/* Which generic handler family implements each op; every op of ir_ops.def must appear
 * (tests/unit/test_interp_ctl.c fails for a missing one). Ops with only special handlers
 * are INTERP_FAMILY_SPECIAL. */
enum { INTERP_FAMILY_NONE = 0, INTERP_FAMILY_INT, INTERP_FAMILY_FP, INTERP_FAMILY_SPECIAL };
static const uint8_t interp_op_family[IR_OP_COUNT] = {
    [IR_CONST] = INTERP_FAMILY_SPECIAL, [IR_GET] = INTERP_FAMILY_SPECIAL,
    [IR_PUT] = INTERP_FAMILY_SPECIAL,   [IR_INSN] = INTERP_FAMILY_SPECIAL,
    [IR_ADD] = INTERP_FAMILY_INT,       [IR_SUB] = INTERP_FAMILY_INT,
    [IR_MUL] = INTERP_FAMILY_INT,       [IR_MULHS] = INTERP_FAMILY_INT,
    [IR_MULHU] = INTERP_FAMILY_INT,     [IR_MULHSU] = INTERP_FAMILY_INT,
    [IR_DIVS] = INTERP_FAMILY_INT,      [IR_DIVU] = INTERP_FAMILY_INT,
    [IR_REMS] = INTERP_FAMILY_INT,      [IR_REMU] = INTERP_FAMILY_INT,
    [IR_AND] = INTERP_FAMILY_INT,       [IR_OR] = INTERP_FAMILY_INT,
    [IR_XOR] = INTERP_FAMILY_INT,       [IR_NOT] = INTERP_FAMILY_INT,
    [IR_NEG] = INTERP_FAMILY_INT,       [IR_SHL] = INTERP_FAMILY_INT,
    [IR_SHR] = INTERP_FAMILY_INT,       [IR_SAR] = INTERP_FAMILY_INT,
    [IR_ROTL] = INTERP_FAMILY_INT,      [IR_ROTR] = INTERP_FAMILY_INT,
    [IR_CLZ] = INTERP_FAMILY_INT,       [IR_CTZ] = INTERP_FAMILY_INT,
    [IR_POPCNT] = INTERP_FAMILY_INT,    [IR_BSWAP] = INTERP_FAMILY_INT,
    [IR_SMIN] = INTERP_FAMILY_INT,      [IR_SMAX] = INTERP_FAMILY_INT,
    [IR_UMIN] = INTERP_FAMILY_INT,      [IR_UMAX] = INTERP_FAMILY_INT,
    [IR_SADDSAT] = INTERP_FAMILY_INT,   [IR_UADDSAT] = INTERP_FAMILY_INT,
    [IR_SSUBSAT] = INTERP_FAMILY_INT,   [IR_USUBSAT] = INTERP_FAMILY_INT,
    [IR_CMP] = INTERP_FAMILY_INT,       [IR_SELECT] = INTERP_FAMILY_INT,
    [IR_ZEXT] = INTERP_FAMILY_INT,      [IR_SEXT] = INTERP_FAMILY_INT,
    [IR_TRUNC] = INTERP_FAMILY_INT,     [IR_BITCAST] = INTERP_FAMILY_INT,
    [IR_UADDO] = INTERP_FAMILY_INT,     [IR_SADDO] = INTERP_FAMILY_INT,
    [IR_USUBO] = INTERP_FAMILY_INT,     [IR_SSUBO] = INTERP_FAMILY_INT,
    [IR_FADD] = INTERP_FAMILY_FP,       [IR_FSUB] = INTERP_FAMILY_FP,
    [IR_FMUL] = INTERP_FAMILY_FP,       [IR_FDIV] = INTERP_FAMILY_FP,
    [IR_FSQRT] = INTERP_FAMILY_FP,      [IR_FMA] = INTERP_FAMILY_FP,
    [IR_FNEG] = INTERP_FAMILY_FP,       [IR_FABS] = INTERP_FAMILY_FP,
    [IR_FMIN] = INTERP_FAMILY_FP,       [IR_FMAX] = INTERP_FAMILY_FP,
    [IR_FCMP] = INTERP_FAMILY_FP,       [IR_FCVT_F2I] = INTERP_FAMILY_FP,
    [IR_FCVT_I2F] = INTERP_FAMILY_FP,   [IR_FCVT_F2F] = INTERP_FAMILY_FP,
    [IR_FROUND] = INTERP_FAMILY_FP,     [IR_VSPLAT] = INTERP_FAMILY_SPECIAL,
    [IR_VEXTRACT] = INTERP_FAMILY_SPECIAL, [IR_VINSERT] = INTERP_FAMILY_SPECIAL,
    [IR_VSHUFFLE] = INTERP_FAMILY_SPECIAL, [IR_VTBL] = INTERP_FAMILY_SPECIAL,
    [IR_VWIDEN_LO] = INTERP_FAMILY_SPECIAL, [IR_VWIDEN_HI] = INTERP_FAMILY_SPECIAL,
    [IR_VNARROW] = INTERP_FAMILY_SPECIAL, [IR_VREDUCE] = INTERP_FAMILY_SPECIAL,
    [IR_VMOVMSK] = INTERP_FAMILY_SPECIAL, [IR_LOAD] = INTERP_FAMILY_SPECIAL,
    [IR_STORE] = INTERP_FAMILY_SPECIAL, [IR_CAS] = INTERP_FAMILY_SPECIAL,
    [IR_RMW] = INTERP_FAMILY_SPECIAL,   [IR_FENCE] = INTERP_FAMILY_SPECIAL,
    [IR_EXIT_IF] = INTERP_FAMILY_SPECIAL, [IR_HELPER] = INTERP_FAMILY_SPECIAL,
    [IR_GOTO] = INTERP_FAMILY_SPECIAL,  [IR_GOTO_REG] = INTERP_FAMILY_SPECIAL,
    [IR_SYSCALL] = INTERP_FAMILY_SPECIAL, [IR_TRAP] = INTERP_FAMILY_SPECIAL,
    [IR_SYNC_CODE] = INTERP_FAMILY_SPECIAL,
};

bool interp_op_supported(IROp op)
{
    return op < IR_OP_COUNT && interp_op_family[op] != INTERP_FAMILY_NONE;
}

/* An op whose 64-bit handler is right for i1 values too: they live in their slot as 0 or
 * 1 (GET masks them, CMP and the flag ops make them), and these keep it so. */
static bool interp_bitwise(IROp op)
{
    return op == IR_AND || op == IR_OR || op == IR_XOR;
}

/* The compare handlers by operand width (0: i64, 1: i32) and IRCond. */
#define INTERP_CMP_ROW(W)                                                                          \
    {                                                                                              \
        [IR_CC_EQ] = INTERP_HOP_CMP_EQ_I##W, [IR_CC_NE] = INTERP_HOP_CMP_NE_I##W,                  \
        [IR_CC_SLT] = INTERP_HOP_CMP_SLT_I##W, [IR_CC_SLE] = INTERP_HOP_CMP_SLE_I##W,              \
        [IR_CC_SGT] = INTERP_HOP_CMP_SGT_I##W, [IR_CC_SGE] = INTERP_HOP_CMP_SGE_I##W,              \
        [IR_CC_ULT] = INTERP_HOP_CMP_ULT_I##W, [IR_CC_ULE] = INTERP_HOP_CMP_ULE_I##W,              \
        [IR_CC_UGT] = INTERP_HOP_CMP_UGT_I##W, [IR_CC_UGE] = INTERP_HOP_CMP_UGE_I##W,              \
    }
static const uint16_t interp_cmp_hops[2][IR_CC_COUNT] = {INTERP_CMP_ROW(64), INTERP_CMP_ROW(32)};
#undef INTERP_CMP_ROW

/* Picks the handler for one instruction: a specialised one where it exists. */
static InterpHop interp_select_handler(const InterpInsn *in)
{
    IRType t = (IRType)in->type;
    IRType a = (IRType)in->atype;
    switch ((IROp)in->op) {
    case IR_CONST:
        break; /* pre-materialised: never dispatched */
    case IR_GET:
        return t == IR_I64 || t == IR_F64 ? INTERP_HOP_GET_I64
             : t == IR_I32 || t == IR_F32 ? INTERP_HOP_GET_I32
                                          : INTERP_HOP_GET_ANY;
    case IR_PUT:
        return in->atype == IR_I64 || in->atype == IR_F64 ? INTERP_HOP_PUT_I64
             : in->atype == IR_I32 || in->atype == IR_F32 ? INTERP_HOP_PUT_I32
                                                          : INTERP_HOP_PUT_ANY;
/* The op's i64 or i32 handler by the width w: the result's, or the operands' for the flag
 * ops (whose result is i1). */
#define INTERP_BY_WIDTH(op, w)                                                                     \
    case IR_##op:                                                                                  \
        if ((w) == IR_I64 || ((w) == IR_I1 && interp_bitwise(IR_##op)))                            \
            return INTERP_HOP_##op##_I64;                                                          \
        if ((w) == IR_I32)                                                                         \
            return INTERP_HOP_##op##_I32;                                                          \
        break;
        INTERP_BY_WIDTH(ADD, t)
        INTERP_BY_WIDTH(SUB, t)
        INTERP_BY_WIDTH(MUL, t)
        INTERP_BY_WIDTH(AND, t)
        INTERP_BY_WIDTH(OR, t)
        INTERP_BY_WIDTH(XOR, t)
        INTERP_BY_WIDTH(SHL, t)
        INTERP_BY_WIDTH(SHR, t)
        INTERP_BY_WIDTH(SAR, t)
        INTERP_BY_WIDTH(NOT, t)
        INTERP_BY_WIDTH(UADDO, a)
        INTERP_BY_WIDTH(SADDO, a)
        INTERP_BY_WIDTH(USUBO, a)
        INTERP_BY_WIDTH(SSUBO, a)
#undef INTERP_BY_WIDTH
    case IR_CMP:
        if ((a == IR_I64 || a == IR_I32) && in->cond < IR_CC_COUNT)
            return (InterpHop)interp_cmp_hops[a == IR_I32][in->cond];
        break;
    case IR_SELECT:
        if (in->atype == IR_I1 && ir_type_bits(t) <= 64)
            return INTERP_HOP_SELECT_SCALAR;
        break;
    case IR_ZEXT:
        if (ir_type_bits(t) <= 64)
            return INTERP_HOP_ZEXT_SCALAR;
        break;
    case IR_SEXT:
        if (t == IR_I64 && in->atype == IR_I32)
            return INTERP_HOP_SEXT_I32_I64;
        break;
    case IR_TRUNC:
        if (ir_type_bits(t) <= 64)
            return INTERP_HOP_TRUNC_SCALAR;
        break;
    case IR_LOAD:
        switch (in->size) {
        case 1: return INTERP_HOP_LOAD_8;
        case 2: return INTERP_HOP_LOAD_16;
        case 4: return INTERP_HOP_LOAD_32;
        case 8: return INTERP_HOP_LOAD_64;
        default: return INTERP_HOP_LOAD_128;
        }
    case IR_STORE:
        switch (in->size) {
        case 1: return INTERP_HOP_STORE_8;
        case 2: return INTERP_HOP_STORE_16;
        case 4: return INTERP_HOP_STORE_32;
        case 8: return INTERP_HOP_STORE_64;
        default: return INTERP_HOP_STORE_128;
        }
    case IR_FADD:
    case IR_FMUL:
        if (t == IR_F64 && in->rm == IR_RM_RNE && in->nan == IR_NAN_CANONICAL)
            return in->op == IR_FADD ? INTERP_HOP_FADD_F64 : INTERP_HOP_FMUL_F64;
        return INTERP_HOP_FP;
    case IR_CAS:
    case IR_RMW: return INTERP_HOP_ATOMIC;
    case IR_FENCE: return INTERP_HOP_FENCE;
    case IR_HELPER: return INTERP_HOP_HELPER;
    case IR_EXIT_IF: return INTERP_HOP_EXIT_IF;
    case IR_GOTO: return INTERP_HOP_GOTO;
    case IR_GOTO_REG: return INTERP_HOP_GOTO_REG;
    case IR_SYSCALL: return INTERP_HOP_SYSCALL;
    case IR_TRAP: return INTERP_HOP_TRAP;
    case IR_SYNC_CODE: return INTERP_HOP_SYNC_CODE;
    case IR_VSPLAT:
    case IR_VEXTRACT:
    case IR_VINSERT:
    case IR_VSHUFFLE:
    case IR_VTBL:
    case IR_VWIDEN_LO:
    case IR_VWIDEN_HI:
    case IR_VNARROW:
    case IR_VREDUCE:
    case IR_VMOVMSK: return INTERP_HOP_VECTOR;
    default: break;
    }
    switch (interp_op_family[in->op]) {
    case INTERP_FAMILY_FP: return INTERP_HOP_FP;
    case INTERP_FAMILY_INT:
        if (in->op == IR_SELECT) /* a v128 mask selects bitwise; an i1 the whole value */
            return in->atype == IR_V128 ? INTERP_HOP_INT_VECTOR : INTERP_HOP_INT_SCALAR;
        return interp_is_vector(in) ? INTERP_HOP_INT_VECTOR : INTERP_HOP_INT_SCALAR;
    default: fvp_assert(!"interp: op without a handler");
    }
}

enum { INTERP_ZERO_SLOT = 0, INTERP_SCRATCH_SLOT = 1, INTERP_FIRST_SLOT = 2 };

/* The handler that takes operand b as an immediate (ip->imm), or INTERP_HOP_COUNT. */
static InterpHop interp_imm_variant(InterpHop h)
{
    switch (h) {
#define INTERP_IMM_CASE(name)                                                                      \
    case INTERP_HOP_##name:                                                                        \
        return INTERP_HOP_##name##_IMM;
        INTERP_IMM_CASE(ADD_I64)
        INTERP_IMM_CASE(SUB_I64)
        INTERP_IMM_CASE(MUL_I64)
        INTERP_IMM_CASE(AND_I64)
        INTERP_IMM_CASE(OR_I64)
        INTERP_IMM_CASE(XOR_I64)
        INTERP_IMM_CASE(SHL_I64)
        INTERP_IMM_CASE(SHR_I64)
        INTERP_IMM_CASE(SAR_I64)
        INTERP_IMM_CASE(ADD_I32)
        INTERP_IMM_CASE(SUB_I32)
        INTERP_IMM_CASE(MUL_I32)
        INTERP_IMM_CASE(AND_I32)
        INTERP_IMM_CASE(OR_I32)
        INTERP_IMM_CASE(XOR_I32)
        INTERP_IMM_CASE(SHL_I32)
        INTERP_IMM_CASE(SHR_I32)
        INTERP_IMM_CASE(SAR_I32)
        INTERP_IMM_CASE(CMP_EQ_I64)
        INTERP_IMM_CASE(CMP_NE_I64)
        INTERP_IMM_CASE(CMP_SLT_I64)
        INTERP_IMM_CASE(CMP_SGE_I64)
        INTERP_IMM_CASE(CMP_ULT_I64)
        INTERP_IMM_CASE(CMP_UGE_I64)
        INTERP_IMM_CASE(CMP_SLE_I64)
        INTERP_IMM_CASE(CMP_SGT_I64)
        INTERP_IMM_CASE(CMP_ULE_I64)
        INTERP_IMM_CASE(CMP_UGT_I64)
        INTERP_IMM_CASE(CMP_EQ_I32)
        INTERP_IMM_CASE(CMP_NE_I32)
        INTERP_IMM_CASE(CMP_SLT_I32)
        INTERP_IMM_CASE(CMP_SGE_I32)
        INTERP_IMM_CASE(CMP_SLE_I32)
        INTERP_IMM_CASE(CMP_SGT_I32)
        INTERP_IMM_CASE(CMP_ULT_I32)
        INTERP_IMM_CASE(CMP_UGE_I32)
        INTERP_IMM_CASE(CMP_ULE_I32)
        INTERP_IMM_CASE(CMP_UGT_I32)
#undef INTERP_IMM_CASE
    default:
        return INTERP_HOP_COUNT;
    }
}

/* The value a CONST leaves in its frame slot (u64[0]). */
static uint64_t interp_const_value(const IRInsn *c)
{
    return c->imm & fvp_mask(ir_type_bits((IRType)c->type));
}

/* Turns constant operands into immediates where a handler takes one (see InterpInsn). */
static void interp_use_immediates(InterpInsn *in, const IRBlock *b, const IRInsn *src)
{
    InterpHop imm = interp_imm_variant((InterpHop)in->hop);
    if (imm != INTERP_HOP_COUNT && b->insns[src->args[1]].op == IR_CONST) {
        in->hop = (uint16_t)imm;
        in->imm = interp_const_value(&b->insns[src->args[1]]);
        in->b = INTERP_ZERO_SLOT;
    } else if (src->op == IR_PUT && in->size <= 8 && b->insns[src->args[0]].op == IR_CONST) {
        in->hop = INTERP_HOP_PUT_IMM;
        in->imm2 = interp_const_value(&b->insns[src->args[0]]);
        in->a = INTERP_ZERO_SLOT;
    }
}

/* Drops the constant slots no operand reads any more (after interp_use_immediates) and
 * renumbers the others and the value slots after them. */
static FvpError *interp_compact_slots(InterpCode *code)
{
    uint32_t *renum = calloc(code->nslots, sizeof(*renum));
    if (!renum)
        return fvp_error_new(FVP_ERR_NOMEM, "pre-decoding a block");
    for (uint32_t k = 0; k < code->count; k++) {
        const InterpInsn *in = &code->insns[k];
        const uint32_t ops[3] = {in->a, in->b, in->c};
        for (int j = 0; j < 3; j++)
            renum[ops[j] / sizeof(IRValue)] = 1; /* read */
    }
    uint32_t next = INTERP_FIRST_SLOT;
    for (uint32_t s = INTERP_FIRST_SLOT; s < code->nconst; s++)
        if (renum[s]) {
            code->consts[next] = code->consts[s]; /* next <= s: in place */
            renum[s] = next++;
        }
    uint32_t nconst = next;
    for (uint32_t s = code->nconst; s < code->nslots; s++)
        renum[s] = next++;
    renum[INTERP_ZERO_SLOT] = INTERP_ZERO_SLOT;
    renum[INTERP_SCRATCH_SLOT] = INTERP_SCRATCH_SLOT;
    for (uint32_t k = 0; k < code->count; k++) {
        InterpInsn *in = &code->insns[k];
        uint32_t *ops[4] = {&in->dst, &in->a, &in->b, &in->c};
        for (int j = 0; j < 4; j++)
            *ops[j] = renum[*ops[j] / sizeof(IRValue)] * (uint32_t)sizeof(IRValue);
    }
    code->nconst = nconst;
    code->nslots = next;
    free(renum);
    return NULL;
}

FvpError *interp_prepare(const IRBlock *b, InterpCode **out)
{
    *out = NULL;
    fvp_assert(ir_block_terminated(b)); /* callers verify blocks first */
    if (b->count > (UINT32_MAX / sizeof(IRValue)) - INTERP_FIRST_SLOT)
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "block of %zu instructions is too large",
                             b->count);
    InterpCode *code = calloc(1, sizeof(*code));
    uint32_t *slot = calloc(b->count ? b->count : 1, sizeof(*slot));
    if (!code || !slot)
        goto nomem;
    code->pc = b->pc;
    code->guest_insns = b->guest_insns;

    /* Slots: constants first (so one memcpy fills them), then computed values. */
    uint32_t next = INTERP_FIRST_SLOT, ninsns = 0, markers = 0;
    for (size_t i = 0; i < b->count; i++) {
        if (b->insns[i].op == IR_CONST)
            slot[i] = next++;
        else if (b->insns[i].op == IR_INSN)
            markers++;
        else
            ninsns++;
    }
    if (markers > UINT16_MAX) {
        free(slot);
        free(code);
        return fvp_error_new(FVP_ERR_UNSUPPORTED, "block of %u guest instructions is too large",
                             markers);
    }
    code->insn_pcs = calloc(markers + 1, sizeof(*code->insn_pcs));
    if (!code->insn_pcs)
        goto nomem;
    code->insn_pcs[0] = b->pc;
    code->nconst = next;
    for (size_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        if (in->op == IR_CONST || in->op == IR_INSN)
            continue;
        slot[i] = in->type == IR_VOID ? INTERP_SCRATCH_SLOT : next++;
    }
    code->nslots = next;
    code->consts = calloc(code->nconst, sizeof(IRValue));
    code->insns = calloc(ninsns ? ninsns : 1, sizeof(InterpInsn));
    if (!code->consts || !code->insns)
        goto nomem;

    const void *const *labels = interp_goto_labels();
    uint16_t seen = 0; /* INSN markers so far */
    for (size_t i = 0; i < b->count; i++) {
        const IRInsn *src = &b->insns[i];
        if (src->op == IR_INSN) {
            code->insn_pcs[++seen] = src->imm;
            continue;
        }
        if (src->op == IR_CONST) {
            IRValue *v = &code->consts[slot[i]];
            v->u64[0] = interp_const_value(src);
            v->u64[1] = ir_type_bits((IRType)src->type) > 64 ? src->imm2 : 0;
            continue;
        }
        InterpInsn *in = &code->insns[code->count++];
        unsigned nargs = src->op == IR_HELPER ? ir_helper_info[src->imm].nargs
                                              : ir_op_info[src->op].nargs;
        uint32_t args[3] = {INTERP_ZERO_SLOT, INTERP_ZERO_SLOT, INTERP_ZERO_SLOT};
        uint8_t types[3] = {IR_VOID, IR_VOID, IR_VOID};
        for (unsigned k = 0; k < nargs && k < 3; k++) {
            fvp_assert(src->args[k] < i);
            args[k] = slot[src->args[k]];
            types[k] = b->insns[src->args[k]].type;
        }
        *in = (InterpInsn){
            .op = src->op,
            .type = src->type,
            .lane = src->lane,
            .cond = src->cond,
            .rm = src->rm,
            .nan = src->nan,
            .atype = types[0],
            .btype = types[1],
            .ctype = types[2],
            .alane = nargs ? b->insns[src->args[0]].lane : IR_LANE_NONE,
            .dst = (uint32_t)(slot[i] * sizeof(IRValue)),
            .a = (uint32_t)(args[0] * sizeof(IRValue)),
            .b = (uint32_t)(args[1] * sizeof(IRValue)),
            .c = (uint32_t)(args[2] * sizeof(IRValue)),
            .imm = src->imm,
            .imm2 = src->imm2,
            .ninsns = seen,
        };
        switch (src->op) {
        case IR_GET:
        case IR_LOAD:
        case IR_CAS:
        case IR_RMW: in->size = (uint8_t)interp_type_bytes((IRType)src->type); break;
        case IR_PUT: in->size = (uint8_t)interp_type_bytes((IRType)in->atype); break;
        case IR_STORE: in->size = (uint8_t)interp_type_bytes((IRType)in->btype); break;
        case IR_TRUNC:
        case IR_HELPER: in->imm2 = interp_type_mask((IRType)src->type); break;
        default: break;
        }
        in->hop = (uint16_t)interp_select_handler(in);
        interp_use_immediates(in, b, src);
        in->handler = labels[in->hop];
    }
    free(slot);
    FvpError *err = interp_compact_slots(code);
    if (err) {
        interp_code_free(code);
        return err;
    }
    *out = code;
    return NULL;

nomem:
    free(slot);
    interp_code_free(code);
    return fvp_error_new(FVP_ERR_NOMEM, "pre-decoding a block of %zu instructions", b->count);
}

void interp_code_free(InterpCode *code)
{
    if (!code)
        return;
    free(code->consts);
    free(code->insns);
    free(code->insn_pcs);
    free(code);
}

uint64_t interp_code_pc(const InterpCode *code)
{
    return code->pc;
}

uint32_t interp_code_guest_insns(const InterpCode *code)
{
    return code->guest_insns;
}

/* ---- Dispatch loops ----------------------------------------------------------------------- */

/* The frame: on the host stack for ordinary blocks, on the heap for huge ones. */
#define INTERP_FRAME_BEGIN                                                                         \
    IRValue stack_frame[INTERP_STACK_SLOTS];                                                       \
    IRValue *heap_frame =                                                                          \
        code->nslots > INTERP_STACK_SLOTS ? fvp_xmalloc(code->nslots * sizeof(IRValue)) : NULL;    \
    uint8_t *frame = (uint8_t *)(heap_frame ? heap_frame : stack_frame);                           \
    for (uint32_t k_ = 0; k_ < code->nconst; k_++) /* short: an inline loop beats memcpy */        \
        ((IRValue *)frame)[k_] = code->consts[k_];                                                 \
    uint8_t *state = (uint8_t *)cpu->state;                                                        \
    const InterpInsn *ip = code->insns;                                                            \
    const uint64_t *insn_pcs = code->insn_pcs;                                                     \
    uint32_t counted = 0; /* guest instructions already added to the stats */                      \
    cpu->stats.interp_blocks++

/* ip is the instruction that left: its markers are the instructions begun. */
#define INTERP_FRAME_END                                                                           \
    cpu->stats.interp_insns += ip->ninsns - counted;                                               \
    cpu->cur_pc = insn_pcs[ip->ninsns];                                                            \
    ((IRStateHeader *)state)->pc = exit->next_pc;                                                  \
    free(heap_frame)

/* With table != NULL only returns the label table (for interp_prepare). Not inlined or
 * cloned, so the label addresses stay those of this one function body. */
#if defined(__clang__)
#define INTERP_NOCLONE __attribute__((noinline))
#else
#define INTERP_NOCLONE __attribute__((noinline, noclone))
#endif

INTERP_NOCLONE static void
interp_run_goto(RtCpu *cpu, const InterpCode *code, RtExit *exit, const void *const **table)
{
#define INTERP_LABEL_ADDRESS(name) &&L_##name,
    static const void *const labels[INTERP_HOP_COUNT] = {INTERP_HANDLERS(INTERP_LABEL_ADDRESS)};
#undef INTERP_LABEL_ADDRESS
    if (table) {
        *table = labels;
        return;
    }
    INTERP_FRAME_BEGIN;
    goto *ip->handler;

#define HANDLER(name) L_##name:
#define NEXT                                                                                       \
    do {                                                                                           \
        ip++;                                                                                      \
        goto *ip->handler;                                                                         \
    } while (0)
#include "runtime/interp_handlers.inc"
#undef HANDLER
#undef NEXT

done:
    INTERP_FRAME_END;
}

const void *const *interp_goto_labels(void)
{
    const void *const *table;
    interp_run_goto(NULL, NULL, NULL, &table);
    return table;
}

void interp_run(RtCpu *cpu, const InterpCode *code, RtExit *exit)
{
    interp_run_goto(cpu, code, exit, NULL);
}

void interp_run_switch(RtCpu *cpu, const InterpCode *code, RtExit *exit)
{
    INTERP_FRAME_BEGIN;
dispatch:
    switch ((InterpHop)ip->hop) {
#define HANDLER(name) case INTERP_HOP_##name:
#define NEXT                                                                                       \
    do {                                                                                           \
        ip++;                                                                                      \
        goto dispatch;                                                                             \
    } while (0)
#include "runtime/interp_handlers.inc"
#undef HANDLER
#undef NEXT
    case INTERP_HOP_COUNT: break;
    }
    fvp_assert(!"interp: handler number out of range");
done:
    INTERP_FRAME_END;
}
