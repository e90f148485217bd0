/* Interpreter integer semantics: every integer op at every width, edge cases, both loops. */
#include "runtime/interp_internal.h"
#include "test_interp_harness.h"

#define MAX64 0xffffffffffffffffull
#define MIN64 0x8000000000000000ull

typedef unsigned __int128 U128;

static uint32_t t_op(IRBlock *b, IROp op, IRType type, unsigned cond, uint32_t x, uint32_t y,
                     uint32_t z)
{
    IRInsn i = {.op = op, .type = type, .cond = (uint8_t)cond, .nargs = ir_op_info[op].nargs,
                .args = {x, y, z}};
    return t_emit(b, i);
}

/* One op on constants of type t (a, b), result of type t (i1 for CMP). */
typedef struct IntCase {
    IROp op;
    IRType t;
    unsigned cond;
    uint64_t a, b, want;
} IntCase;

static const IntCase int_cases[] = {
    /* i1 */
    {IR_ADD, IR_I1, 0, 1, 1, 0},
    {IR_SUB, IR_I1, 0, 0, 1, 1},
    {IR_MUL, IR_I1, 0, 1, 1, 1},
    {IR_AND, IR_I1, 0, 1, 0, 0},
    {IR_OR, IR_I1, 0, 1, 0, 1},
    {IR_XOR, IR_I1, 0, 1, 1, 0},
    {IR_NOT, IR_I1, 0, 1, 0, 0},
    {IR_NEG, IR_I1, 0, 1, 0, 1},
    {IR_SHL, IR_I1, 0, 1, 1, 1}, /* shift modulo 1 = 0 */
    {IR_CLZ, IR_I1, 0, 0, 0, 1},
    {IR_POPCNT, IR_I1, 0, 1, 0, 1},
    {IR_CMP, IR_I1, IR_CC_SLT, 1, 0, 1}, /* i1 1 is -1 signed */
    /* i8 */
    {IR_ADD, IR_I8, 0, 0xff, 1, 0},
    {IR_SUB, IR_I8, 0, 0, 1, 0xff},
    {IR_MUL, IR_I8, 0, 0x10, 0x10, 0},
    {IR_MULHS, IR_I8, 0, 0x80, 0x80, 0x40},
    {IR_MULHU, IR_I8, 0, 0xff, 0xff, 0xfe},
    {IR_MULHSU, IR_I8, 0, 0xff, 0xff, 0xff},
    {IR_DIVS, IR_I8, IR_DIV_RISCV, 0xf9, 2, 0xfd},
    {IR_REMS, IR_I8, IR_DIV_RISCV, 0xf9, 2, 0xff},
    {IR_DIVS, IR_I8, IR_DIV_RISCV, 0x80, 0xff, 0x80},
    {IR_REMS, IR_I8, IR_DIV_RISCV, 0x80, 0xff, 0},
    {IR_DIVS, IR_I8, IR_DIV_RISCV, 5, 0, 0xff},
    {IR_DIVS, IR_I8, IR_DIV_ARM, 5, 0, 0},
    {IR_DIVU, IR_I8, IR_DIV_RISCV, 5, 0, 0xff},
    {IR_DIVU, IR_I8, IR_DIV_ARM, 5, 0, 0},
    {IR_REMU, IR_I8, IR_DIV_RISCV, 5, 0, 5},
    {IR_REMS, IR_I8, IR_DIV_ARM, 0x85, 0, 0x85},
    {IR_DIVU, IR_I8, IR_DIV_RISCV, 0xf9, 2, 0x7c},
    {IR_REMU, IR_I8, IR_DIV_RISCV, 0xf9, 2, 1},
    {IR_SHL, IR_I8, 0, 1, 9, 2},
    {IR_SHR, IR_I8, 0, 0x80, 15, 1},
    {IR_SAR, IR_I8, 0, 0x80, 8, 0x80},
    {IR_SAR, IR_I8, 0, 0x80, 7, 0xff},
    {IR_ROTL, IR_I8, 0, 0x81, 1, 0x03},
    {IR_ROTR, IR_I8, 0, 0x81, 1, 0xc0},
    {IR_ROTL, IR_I8, 0, 0x81, 8, 0x81},
    {IR_CLZ, IR_I8, 0, 0, 0, 8},
    {IR_CLZ, IR_I8, 0, 1, 0, 7},
    {IR_CTZ, IR_I8, 0, 0, 0, 8},
    {IR_CTZ, IR_I8, 0, 0x80, 0, 7},
    {IR_POPCNT, IR_I8, 0, 0xff, 0, 8},
    {IR_BSWAP, IR_I8, 0, 0x12, 0, 0x12},
    {IR_NOT, IR_I8, 0, 0, 0, 0xff},
    {IR_NEG, IR_I8, 0, 0x80, 0, 0x80},
    {IR_NEG, IR_I8, 0, 1, 0, 0xff},
    {IR_SMIN, IR_I8, 0, 0x80, 0x7f, 0x80},
    {IR_SMAX, IR_I8, 0, 0x80, 0x7f, 0x7f},
    {IR_UMIN, IR_I8, 0, 0x80, 0x7f, 0x7f},
    {IR_UMAX, IR_I8, 0, 0x80, 0x7f, 0x80},
    {IR_SADDSAT, IR_I8, 0, 0x7f, 1, 0x7f},
    {IR_SADDSAT, IR_I8, 0, 0x80, 0xff, 0x80},
    {IR_SADDSAT, IR_I8, 0, 0x10, 0xf0, 0},
    {IR_UADDSAT, IR_I8, 0, 0xff, 1, 0xff},
    {IR_UADDSAT, IR_I8, 0, 0xfe, 1, 0xff},
    {IR_SSUBSAT, IR_I8, 0, 0x80, 1, 0x80},
    {IR_SSUBSAT, IR_I8, 0, 0x7f, 0xff, 0x7f},
    {IR_USUBSAT, IR_I8, 0, 0, 1, 0},
    {IR_USUBSAT, IR_I8, 0, 5, 3, 2},
    {IR_CMP, IR_I8, IR_CC_SLT, 0x80, 0x7f, 1},
    {IR_CMP, IR_I8, IR_CC_ULT, 0x80, 0x7f, 0},
    {IR_CMP, IR_I8, IR_CC_SGT, 0x7f, 0x80, 1},
    {IR_CMP, IR_I8, IR_CC_UGT, 0x7f, 0x80, 0},
    /* i16 */
    {IR_ADD, IR_I16, 0, 0xffff, 2, 1},
    {IR_MUL, IR_I16, 0, 0x100, 0x100, 0},
    {IR_MULHS, IR_I16, 0, 0xffff, 0xffff, 0},
    {IR_MULHU, IR_I16, 0, 0xffff, 0xffff, 0xfffe},
    {IR_MULHSU, IR_I16, 0, 0x8000, 0xffff, 0x8000},
    {IR_DIVS, IR_I16, IR_DIV_RISCV, 0x8000, 0xffff, 0x8000},
    {IR_DIVS, IR_I16, IR_DIV_ARM, 0x8000, 0xffff, 0x8000},
    {IR_REMS, IR_I16, IR_DIV_ARM, 0x8000, 0xffff, 0},
    {IR_DIVU, IR_I16, IR_DIV_RISCV, 7, 0, 0xffff},
    {IR_SHL, IR_I16, 0, 1, 17, 2},
    {IR_SAR, IR_I16, 0, 0x8000, 15, 0xffff},
    {IR_ROTR, IR_I16, 0, 0x0001, 17, 0x8000},
    {IR_CLZ, IR_I16, 0, 0, 0, 16},
    {IR_CTZ, IR_I16, 0, 0, 0, 16},
    {IR_BSWAP, IR_I16, 0, 0x1234, 0, 0x3412},
    {IR_SADDSAT, IR_I16, 0, 0x7000, 0x7000, 0x7fff},
    {IR_SSUBSAT, IR_I16, 0, 0x9000, 0x7000, 0x8000},
    {IR_UADDSAT, IR_I16, 0, 0x9000, 0x9000, 0xffff},
    {IR_USUBSAT, IR_I16, 0, 0x1000, 0x9000, 0},
    /* i32 (the specialised handlers for add..sar) */
    {IR_ADD, IR_I32, 0, 0xffffffff, 1, 0},
    {IR_SUB, IR_I32, 0, 0, 1, 0xffffffff},
    {IR_MUL, IR_I32, 0, 0x10000, 0x10000, 0},
    {IR_AND, IR_I32, 0, 0xf0f0f0f0, 0xff00ff00, 0xf000f000},
    {IR_OR, IR_I32, 0, 0xf0f0f0f0, 0x0f0f0f0f, 0xffffffff},
    {IR_XOR, IR_I32, 0, 0xffffffff, 0x0f0f0f0f, 0xf0f0f0f0},
    {IR_SHL, IR_I32, 0, 1, 33, 2},
    {IR_SHL, IR_I32, 0, 1, 32, 1},
    {IR_SHR, IR_I32, 0, 0x80000000, 63, 1},
    {IR_SAR, IR_I32, 0, 0x80000000, 31, 0xffffffff},
    {IR_SAR, IR_I32, 0, 0x80000000, 32, 0x80000000},
    {IR_MULHS, IR_I32, 0, 0x80000000, 0x80000000, 0x40000000},
    {IR_MULHU, IR_I32, 0, 0xffffffff, 0xffffffff, 0xfffffffe},
    {IR_MULHSU, IR_I32, 0, 0xffffffff, 0xffffffff, 0xffffffff},
    {IR_DIVS, IR_I32, IR_DIV_RISCV, 0x80000000, 0xffffffff, 0x80000000},
    {IR_REMS, IR_I32, IR_DIV_RISCV, 0x80000000, 0xffffffff, 0},
    {IR_DIVS, IR_I32, IR_DIV_RISCV, 0xfffffff9, 0, 0xffffffff},
    {IR_DIVS, IR_I32, IR_DIV_ARM, 0xfffffff9, 0, 0},
    {IR_REMS, IR_I32, IR_DIV_RISCV, 0xfffffff9, 0, 0xfffffff9},
    {IR_DIVU, IR_I32, IR_DIV_ARM, 0xfffffff9, 0, 0},
    {IR_REMU, IR_I32, IR_DIV_ARM, 0xfffffff9, 0, 0xfffffff9},
    {IR_ROTL, IR_I32, 0, 0x80000001, 36, 0x00000018},
    {IR_ROTR, IR_I32, 0, 0x80000001, 4, 0x18000000},
    {IR_CLZ, IR_I32, 0, 0, 0, 32},
    {IR_CLZ, IR_I32, 0, 0x00010000, 0, 15},
    {IR_CTZ, IR_I32, 0, 0, 0, 32},
    {IR_POPCNT, IR_I32, 0, 0xf0f0f0f0, 0, 16},
    {IR_BSWAP, IR_I32, 0, 0x12345678, 0, 0x78563412},
    {IR_SMIN, IR_I32, 0, 0xffffffff, 1, 0xffffffff},
    {IR_UMAX, IR_I32, 0, 0xffffffff, 1, 0xffffffff},
    {IR_SADDSAT, IR_I32, 0, 0x7fffffff, 1, 0x7fffffff},
    {IR_SSUBSAT, IR_I32, 0, 0x80000000, 1, 0x80000000},
    {IR_UADDSAT, IR_I32, 0, 0xffffffff, 1, 0xffffffff},
    {IR_USUBSAT, IR_I32, 0, 1, 2, 0},
    {IR_NOT, IR_I32, 0, 0, 0, 0xffffffff},
    {IR_NEG, IR_I32, 0, 0x80000000, 0, 0x80000000},
    {IR_CMP, IR_I32, IR_CC_SLE, 0xffffffff, 0xffffffff, 1},
    {IR_CMP, IR_I32, IR_CC_ULE, 0xfffffffe, 0xffffffff, 1},
    {IR_CMP, IR_I32, IR_CC_SGE, 0x80000000, 0x7fffffff, 0},
    /* i64 */
    {IR_ADD, IR_I64, 0, MAX64, 1, 0},
    {IR_SUB, IR_I64, 0, 0, 1, MAX64},
    {IR_MUL, IR_I64, 0, 0x100000000ull, 0x100000000ull, 0},
    {IR_MUL, IR_I64, 0, MAX64, MAX64, 1},
    {IR_AND, IR_I64, 0, MAX64, 0x1234, 0x1234},
    {IR_OR, IR_I64, 0, MIN64, 1, MIN64 | 1},
    {IR_XOR, IR_I64, 0, MAX64, MIN64, MAX64 >> 1},
    {IR_SHL, IR_I64, 0, 1, 64, 1},
    {IR_SHL, IR_I64, 0, 1, 65, 2},
    {IR_SHL, IR_I64, 0, 1, 63, MIN64},
    {IR_SHR, IR_I64, 0, MIN64, 127, 1},
    {IR_SAR, IR_I64, 0, MIN64, 63, MAX64},
    {IR_SAR, IR_I64, 0, MIN64, 64, MIN64},
    {IR_MULHS, IR_I64, 0, MIN64, MIN64, 0x4000000000000000ull},
    {IR_MULHS, IR_I64, 0, MAX64, MAX64, 0},
    {IR_MULHS, IR_I64, 0, MAX64, 2, MAX64},
    {IR_MULHU, IR_I64, 0, MAX64, MAX64, MAX64 - 1},
    {IR_MULHSU, IR_I64, 0, MAX64, MAX64, MAX64},
    {IR_MULHSU, IR_I64, 0, 2, MAX64, 1},
    {IR_DIVS, IR_I64, IR_DIV_RISCV, MIN64, MAX64, MIN64},
    {IR_DIVS, IR_I64, IR_DIV_ARM, MIN64, MAX64, MIN64},
    {IR_REMS, IR_I64, IR_DIV_RISCV, MIN64, MAX64, 0},
    {IR_REMS, IR_I64, IR_DIV_ARM, MIN64, MAX64, 0},
    {IR_DIVS, IR_I64, IR_DIV_RISCV, 42, 0, MAX64},
    {IR_DIVS, IR_I64, IR_DIV_ARM, 42, 0, 0},
    {IR_DIVU, IR_I64, IR_DIV_RISCV, 42, 0, MAX64},
    {IR_DIVU, IR_I64, IR_DIV_ARM, 42, 0, 0},
    {IR_REMS, IR_I64, IR_DIV_RISCV, 42, 0, 42},
    {IR_REMS, IR_I64, IR_DIV_ARM, MIN64, 0, MIN64},
    {IR_REMU, IR_I64, IR_DIV_RISCV, 42, 0, 42},
    {IR_REMU, IR_I64, IR_DIV_ARM, MAX64, 0, MAX64},
    {IR_DIVS, IR_I64, IR_DIV_RISCV, (uint64_t)-7, 2, (uint64_t)-3},
    {IR_REMS, IR_I64, IR_DIV_RISCV, (uint64_t)-7, 2, (uint64_t)-1},
    {IR_DIVU, IR_I64, IR_DIV_RISCV, MAX64, 2, MAX64 >> 1},
    {IR_REMU, IR_I64, IR_DIV_RISCV, MAX64, 10, 5},
    {IR_ROTL, IR_I64, 0, MIN64 | 1, 1, 3},
    {IR_ROTR, IR_I64, 0, 1, 65, MIN64},
    {IR_CLZ, IR_I64, 0, 0, 0, 64},
    {IR_CLZ, IR_I64, 0, 1, 0, 63},
    {IR_CTZ, IR_I64, 0, 0, 0, 64},
    {IR_CTZ, IR_I64, 0, MIN64, 0, 63},
    {IR_POPCNT, IR_I64, 0, MAX64, 0, 64},
    {IR_BSWAP, IR_I64, 0, 0x0102030405060708ull, 0, 0x0807060504030201ull},
    {IR_SMIN, IR_I64, 0, MIN64, 0, MIN64},
    {IR_SMAX, IR_I64, 0, MIN64, 0, 0},
    {IR_UMIN, IR_I64, 0, MIN64, 0, 0},
    {IR_UMAX, IR_I64, 0, MIN64, 0, MIN64},
    {IR_SADDSAT, IR_I64, 0, MAX64 >> 1, 1, MAX64 >> 1},
    {IR_SADDSAT, IR_I64, 0, MIN64, MAX64, MIN64},
    {IR_UADDSAT, IR_I64, 0, MAX64, 5, MAX64},
    {IR_SSUBSAT, IR_I64, 0, MIN64, 1, MIN64},
    {IR_SSUBSAT, IR_I64, 0, 0, MIN64, MAX64 >> 1},
    {IR_USUBSAT, IR_I64, 0, 3, 5, 0},
    {IR_NOT, IR_I64, 0, 0, 0, MAX64},
    {IR_NEG, IR_I64, 0, MIN64, 0, MIN64},
    {IR_CMP, IR_I64, IR_CC_EQ, MAX64, 1, 0},
    {IR_CMP, IR_I64, IR_CC_NE, MAX64, 1, 1},
    {IR_CMP, IR_I64, IR_CC_SLT, MAX64, 1, 1},
    {IR_CMP, IR_I64, IR_CC_SLE, MAX64, 1, 1},
    {IR_CMP, IR_I64, IR_CC_SGT, MAX64, 1, 0},
    {IR_CMP, IR_I64, IR_CC_SGE, MAX64, 1, 0},
    {IR_CMP, IR_I64, IR_CC_ULT, MAX64, 1, 0},
    {IR_CMP, IR_I64, IR_CC_ULE, MAX64, 1, 0},
    {IR_CMP, IR_I64, IR_CC_UGT, MAX64, 1, 1},
    {IR_CMP, IR_I64, IR_CC_UGE, MAX64, 1, 1},
    {IR_CMP, IR_I64, IR_CC_EQ, 7, 7, 1},
    {IR_CMP, IR_I64, IR_CC_SGE, 7, 7, 1},
    {IR_CMP, IR_I64, IR_CC_UGE, 7, 7, 1},
    {IR_CMP, IR_I64, IR_CC_SLE, 7, 7, 1},
    {IR_CMP, IR_I64, IR_CC_ULT, 7, 7, 0},
};

Test(interp_int, every_op_at_every_width)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(int_cases); i++) {
        const IntCase *c = &int_cases[i];
        IRBlock *b = ir_block_new(0x1000);
        uint32_t x = ir_const(b, c->t, c->a), y = ir_const(b, c->t, c->b);
        IRType rt = c->op == IR_CMP ? IR_I1 : c->t;
        uint32_t v = t_op(b, c->op, rt, c->cond, x, y, 0);
        IRValue r = t_result(b, v, NULL);
        cr_assert_eq(r.u64[0], c->want, "case %zu (%s.%s): got 0x%llx want 0x%llx", i,
                     ir_op_info[c->op].name, ir_type_name(c->t), (unsigned long long)r.u64[0],
                     (unsigned long long)c->want);
        cr_assert_eq(r.u64[1], 0);
        ir_block_free(b);
    }
}

/* Carry, borrow and overflow flags: (a, b, carry_in) -> i1. */
typedef struct FlagCase {
    IROp op;
    IRType t;
    uint64_t a, b, cin, want;
} FlagCase;

static const FlagCase flag_cases[] = {
    {IR_UADDO, IR_I64, MAX64, 0, 1, 1},
    {IR_UADDO, IR_I64, MAX64 - 1, 0, 1, 0},
    {IR_UADDO, IR_I64, MAX64, MAX64, 1, 1},
    {IR_UADDO, IR_I8, 0xff, 1, 0, 1},
    {IR_UADDO, IR_I8, 0x7f, 0x80, 0, 0},
    {IR_UADDO, IR_I32, 0x7fffffff, 0x80000000, 1, 1},
    {IR_SADDO, IR_I64, MAX64 >> 1, 0, 1, 1},
    {IR_SADDO, IR_I64, MAX64 >> 1, 0, 0, 0},
    {IR_SADDO, IR_I64, MIN64, MAX64, 0, 1},
    {IR_SADDO, IR_I64, MIN64, MAX64, 1, 0},
    {IR_SADDO, IR_I8, 0x7f, 1, 0, 1},
    {IR_SADDO, IR_I16, 0x8000, 0x8000, 0, 1},
    {IR_USUBO, IR_I64, 0, 0, 1, 1},
    {IR_USUBO, IR_I64, 1, 1, 0, 0},
    {IR_USUBO, IR_I64, 0, 1, 0, 1},
    {IR_USUBO, IR_I64, 5, MAX64, 1, 1},
    {IR_USUBO, IR_I32, 5, 4, 1, 0},
    {IR_SSUBO, IR_I64, MIN64, 0, 1, 1},
    {IR_SSUBO, IR_I64, MIN64, 1, 0, 1},
    {IR_SSUBO, IR_I64, 0, MIN64, 0, 1},
    {IR_SSUBO, IR_I64, MAX64, MIN64, 0, 0},
    {IR_SSUBO, IR_I8, 0x7f, 0xff, 0, 1},
    {IR_SSUBO, IR_I8, 0x80, 0x01, 0, 1},
};

Test(interp_int, carry_and_overflow_flags)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(flag_cases); i++) {
        const FlagCase *c = &flag_cases[i];
        IRBlock *b = ir_block_new(0x1000);
        uint32_t x = ir_const(b, c->t, c->a), y = ir_const(b, c->t, c->b);
        uint32_t ci = ir_const(b, IR_I1, c->cin);
        uint32_t v = ir_flag(b, c->op, x, y, ci);
        IRValue r = t_result(b, v, NULL);
        cr_assert_eq(r.u64[0], c->want, "case %zu (%s.%s)", i, ir_op_info[c->op].name,
                     ir_type_name(c->t));
        ir_block_free(b);
    }
}

/* ZEXT/SEXT/TRUNC/BITCAST between widths. */
typedef struct CastCase {
    IROp op;
    IRType from, to;
    uint64_t a, want;
} CastCase;

static const CastCase cast_cases[] = {
    {IR_ZEXT, IR_I8, IR_I64, 0xff, 0xff},
    {IR_ZEXT, IR_I1, IR_I32, 1, 1},
    {IR_ZEXT, IR_I32, IR_I64, 0x80000000, 0x80000000},
    {IR_SEXT, IR_I8, IR_I64, 0x80, 0xffffffffffffff80ull},
    {IR_SEXT, IR_I8, IR_I16, 0x7f, 0x7f},
    {IR_SEXT, IR_I32, IR_I64, 0x80000000, 0xffffffff80000000ull},
    {IR_SEXT, IR_I1, IR_I32, 1, 0xffffffff},
    {IR_SEXT, IR_I16, IR_I32, 0x8001, 0xffff8001},
    {IR_TRUNC, IR_I64, IR_I8, 0x1234, 0x34},
    {IR_TRUNC, IR_I64, IR_I1, 3, 1},
    {IR_TRUNC, IR_I64, IR_I32, 0xffffffff00000001ull, 1},
    {IR_BITCAST, IR_F64, IR_I64, 0xbff0000000000000ull, 0xbff0000000000000ull},
    {IR_BITCAST, IR_I32, IR_F32, 0x7fa00000, 0x7fa00000},
};

Test(interp_int, casts)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(cast_cases); i++) {
        const CastCase *c = &cast_cases[i];
        IRBlock *b = ir_block_new(0x1000);
        uint32_t x = ir_const(b, c->from, c->a);
        uint32_t v = t_op(b, c->op, c->to, 0, x, 0, 0);
        IRValue r = t_result(b, v, NULL);
        cr_assert_eq(r.u64[0], c->want, "case %zu", i);
        ir_block_free(b);
    }
}

Test(interp_int, select_scalar_and_wide)
{
    for (uint64_t cond = 0; cond < 2; cond++) {
        IRBlock *b = ir_block_new(0x1000);
        uint32_t c = ir_const(b, IR_I1, cond);
        uint32_t x = ir_const(b, IR_I64, 111), y = ir_const(b, IR_I64, 222);
        IRValue r = t_result(b, ir_select(b, c, x, y), NULL);
        cr_assert_eq(r.u64[0], cond ? 111 : 222);
        ir_block_free(b);

        b = ir_block_new(0x1000);
        c = ir_const(b, IR_I1, cond);
        x = ir_const128(b, IR_I128, 1, 2);
        y = ir_const128(b, IR_I128, 3, 4);
        r = t_result(b, ir_select(b, c, x, y), NULL);
        cr_assert_eq(r.u64[0], cond ? 1 : 3);
        cr_assert_eq(r.u64[1], cond ? 2 : 4);
        ir_block_free(b);
    }
}

/* i128: a, b and the result as (lo, hi). */
typedef struct WideCase {
    IROp op;
    unsigned cond;
    uint64_t alo, ahi, blo, bhi, wlo, whi;
} WideCase;

static const WideCase wide_cases[] = {
    {IR_ADD, 0, MAX64, 0, 1, 0, 0, 1},
    {IR_SUB, 0, 0, 1, 1, 0, MAX64, 0},
    {IR_MUL, 0, 0, 1, 0, 1, 0, 0},
    {IR_MUL, 0, MAX64, 0, MAX64, 0, 1, MAX64 - 1},
    {IR_MULHU, 0, MAX64, MAX64, MAX64, MAX64, MAX64 - 1, MAX64},
    {IR_MULHS, 0, MAX64, MAX64, MAX64, MAX64, 0, 0},
    {IR_MULHS, 0, 0, MIN64, 0, MIN64, 0, 0x4000000000000000ull},
    {IR_MULHSU, 0, MAX64, MAX64, MAX64, MAX64, MAX64, MAX64},
    {IR_DIVS, IR_DIV_RISCV, 0, MIN64, MAX64, MAX64, 0, MIN64},
    {IR_REMS, IR_DIV_RISCV, 0, MIN64, MAX64, MAX64, 0, 0},
    {IR_DIVU, IR_DIV_RISCV, 5, 5, 0, 0, MAX64, MAX64},
    {IR_DIVU, IR_DIV_ARM, 5, 5, 0, 0, 0, 0},
    {IR_REMU, IR_DIV_RISCV, 5, 5, 0, 0, 5, 5},
    {IR_DIVU, IR_DIV_RISCV, 0, 1, 2, 0, MIN64, 0},
    {IR_SHL, 0, 1, 0, 130, 0, 4, 0},
    {IR_SHL, 0, 1, 0, 64, 0, 0, 1},
    {IR_SHR, 0, 0, MIN64, 127, 0, 1, 0},
    {IR_SAR, 0, 0, MIN64, 127, 0, MAX64, MAX64},
    {IR_ROTL, 0, 0, MIN64, 1, 0, 1, 0},
    {IR_ROTR, 0, 1, 0, 129, 0, 0, MIN64},
    {IR_CLZ, 0, 0, 0, 0, 0, 128, 0},
    {IR_CLZ, 0, 1, 0, 0, 0, 127, 0},
    {IR_CTZ, 0, 0, 0, 0, 0, 128, 0},
    {IR_CTZ, 0, 0, 1, 0, 0, 64, 0},
    {IR_POPCNT, 0, MAX64, MAX64, 0, 0, 128, 0},
    {IR_BSWAP, 0, 0x0102030405060708ull, 0x090a0b0c0d0e0f10ull, 0, 0, 0x100f0e0d0c0b0a09ull,
     0x0807060504030201ull},
    {IR_NEG, 0, 1, 0, 0, 0, MAX64, MAX64},
    {IR_NOT, 0, 0, MIN64, 0, 0, MAX64, MAX64 >> 1},
    {IR_SMIN, 0, 0, MIN64, 5, 0, 0, MIN64},
    {IR_UMIN, 0, 0, MIN64, 5, 0, 5, 0},
    {IR_SADDSAT, 0, MAX64, MAX64 >> 1, 1, 0, MAX64, MAX64 >> 1},
    {IR_SSUBSAT, 0, 0, MIN64, 1, 0, 0, MIN64},
    {IR_UADDSAT, 0, MAX64, MAX64, 1, 0, MAX64, MAX64},
    {IR_USUBSAT, 0, 0, 0, 1, 0, 0, 0},
    {IR_AND, 0, MAX64, 0xf0, 0xff, MAX64, 0xff, 0xf0},
};

Test(interp_int, i128_ops)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(wide_cases); i++) {
        const WideCase *c = &wide_cases[i];
        IRBlock *b = ir_block_new(0x1000);
        uint32_t x = ir_const128(b, IR_I128, c->alo, c->ahi);
        uint32_t y = ir_const128(b, IR_I128, c->blo, c->bhi);
        uint32_t v = t_op(b, c->op, IR_I128, c->cond, x, y, 0);
        IRValue r = t_result(b, v, NULL);
        cr_assert_eq(r.u64[0], c->wlo, "case %zu (%s) lo 0x%llx", i, ir_op_info[c->op].name,
                     (unsigned long long)r.u64[0]);
        cr_assert_eq(r.u64[1], c->whi, "case %zu (%s) hi 0x%llx", i, ir_op_info[c->op].name,
                     (unsigned long long)r.u64[1]);
        ir_block_free(b);
    }
}

Test(interp_int, i128_compares_casts_and_flags)
{
    IRBlock *b = ir_block_new(0x1000);
    uint32_t min = ir_const128(b, IR_I128, 0, MIN64), zero = ir_const128(b, IR_I128, 0, 0);
    cr_assert_eq(t_result(b, ir_cmp(b, IR_CC_SLT, min, zero), NULL).u64[0], 1);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    min = ir_const128(b, IR_I128, 0, MIN64);
    zero = ir_const128(b, IR_I128, 0, 0);
    cr_assert_eq(t_result(b, ir_cmp(b, IR_CC_ULT, min, zero), NULL).u64[0], 0);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    uint32_t m1 = ir_const(b, IR_I64, MAX64);
    IRValue r = t_result(b, t_op(b, IR_SEXT, IR_I128, 0, m1, 0, 0), NULL);
    cr_assert(r.u64[0] == MAX64 && r.u64[1] == MAX64);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    m1 = ir_const(b, IR_I64, MAX64);
    r = t_result(b, t_op(b, IR_ZEXT, IR_I128, 0, m1, 0, 0), NULL);
    cr_assert(r.u64[0] == MAX64 && r.u64[1] == 0);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    uint32_t w = ir_const128(b, IR_I128, 0x1122334455667788ull, 9);
    r = t_result(b, t_op(b, IR_TRUNC, IR_I32, 0, w, 0, 0), NULL);
    cr_assert_eq(r.u64[0], 0x55667788);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    uint32_t big = ir_const128(b, IR_I128, MAX64, MAX64), one = ir_const128(b, IR_I128, 0, 0);
    uint32_t cin = ir_const(b, IR_I1, 1);
    cr_assert_eq(t_result(b, ir_flag(b, IR_UADDO, big, one, cin), NULL).u64[0], 1);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    big = ir_const128(b, IR_I128, MAX64, MAX64 >> 1);
    one = ir_const128(b, IR_I128, 1, 0);
    cin = ir_const(b, IR_I1, 0);
    cr_assert_eq(t_result(b, ir_flag(b, IR_SADDO, big, one, cin), NULL).u64[0], 1);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    zero = ir_const128(b, IR_I128, 0, 0);
    one = ir_const128(b, IR_I128, 0, 0);
    cin = ir_const(b, IR_I1, 1);
    cr_assert_eq(t_result(b, ir_flag(b, IR_USUBO, zero, one, cin), NULL).u64[0], 1);
    ir_block_free(b);

    b = ir_block_new(0x1000);
    min = ir_const128(b, IR_I128, 0, MIN64);
    one = ir_const128(b, IR_I128, 1, 0);
    cin = ir_const(b, IR_I1, 0);
    cr_assert_eq(t_result(b, ir_flag(b, IR_SSUBO, min, one, cin), NULL).u64[0], 1);
    ir_block_free(b);
}

/* Values computed inside the block (not constants) flow through the frame correctly. */
Test(interp_int, chained_values_and_state)
{
    IRBlock *b = ir_block_new(0x1000);
    uint32_t g = ir_get(b, IR_I64, 16);
    uint32_t k = ir_const(b, IR_I64, 3);
    uint32_t m = ir_binop(b, IR_MUL, g, k);
    uint32_t t = ir_conv(b, IR_TRUNC, IR_I32, m);
    uint32_t s = ir_conv(b, IR_SEXT, IR_I64, t);
    uint32_t h = ir_get(b, IR_I8, 24);
    uint32_t hz = ir_conv(b, IR_ZEXT, IR_I64, h);
    uint32_t sum = ir_binop(b, IR_ADD, s, hz);
    ir_put(b, 16, sum);
    ir_put(b, 26, h);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    TEnv *env = t_env_new();
    uint64_t in = 0x80000000ull;
    memcpy(env->state + 16, &in, 8);
    env->state[24] = 0xfe;
    TRun run;
    t_run_env(b, env, &run);
    uint64_t out;
    memcpy(&out, run.state + 16, 8);
    /* 0x80000000 * 3 = 0x180000000 -> trunc 0x80000000 -> sext -> + 0xfe */
    cr_assert_eq(out, 0xffffffff80000000ull + 0xfe);
    cr_assert_eq(run.state[26], 0xfe);
    cr_assert_eq(run.state[27], 0, "put.i8 writes one byte");
    t_run_free(&run);
    free(env);
    ir_block_free(b);
}

/* The next pair of random w-bit operands from the generator *s: on some iterations small
 * values (shifted right), on every fourth b == a. */
static void random_operands(uint64_t *s, unsigned iter, unsigned w, uint64_t *a, uint64_t *b)
{
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    *a = (*s >> (iter % 3 ? 0 : 40)) & fvp_mask(w);
    *s = *s * 6364136223846793005ull + 1442695040888963407ull;
    *b = (iter % 4 == 0 ? *a : *s >> (iter % 2 ? 0 : 57)) & fvp_mask(w);
}

/* The specialised i64/i32 handlers agree with the generic integer semantics on random
 * operands (including shift amounts beyond the width). */
Test(interp_int, specialised_handlers_match_generic)
{
    static const IROp ops[] = {IR_ADD, IR_SUB, IR_MUL, IR_AND, IR_OR,
                               IR_XOR, IR_SHL, IR_SHR, IR_SAR, IR_CMP};
    static const unsigned conds[] = {IR_CC_EQ, IR_CC_NE, IR_CC_SLT, IR_CC_SGE, IR_CC_ULT,
                                     IR_CC_UGE};
    uint64_t s = 0x243f6a8885a308d3ull;
    for (unsigned iter = 0; iter < 64; iter++) {
        for (int wide = 0; wide < 2; wide++) {
            IRType t = wide ? IR_I64 : IR_I32;
            unsigned w = wide ? 64 : 32;
            IRBlock *b = ir_block_new(0x1000);
            uint64_t va[FVP_ARRAY_LEN(ops) + FVP_ARRAY_LEN(conds)];
            uint64_t vb[FVP_ARRAY_LEN(va)];
            uint32_t out[FVP_ARRAY_LEN(va)];
            unsigned n = 0;
            for (size_t k = 0; k < FVP_ARRAY_LEN(ops); k++) {
                unsigned ncond = ops[k] == IR_CMP ? FVP_ARRAY_LEN(conds) : 1;
                for (unsigned c = 0; c < ncond; c++) {
                    random_operands(&s, iter, w, &va[n], &vb[n]);
                    uint32_t x = ir_get(b, t, 64 + 16 * n), y = ir_get(b, t, 72 + 16 * n);
                    out[n] = ops[k] == IR_CMP ? ir_cmp(b, conds[c], x, y)
                                              : ir_binop(b, ops[k], x, y);
                    n++;
                }
            }
            for (unsigned i = 0; i < n; i++) {
                uint32_t r = out[i];
                if (ir_value_type(b, r) == IR_I1)
                    r = ir_conv(b, IR_ZEXT, IR_I64, r);
                else if (t == IR_I32)
                    r = ir_conv(b, IR_ZEXT, IR_I64, r);
                ir_put(b, 64 + 16 * (FVP_ARRAY_LEN(va) + i), r);
            }
            ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
            TEnv *env = t_env_new();
            for (unsigned i = 0; i < n; i++) {
                memcpy(env->state + 64 + 16 * i, &va[i], 8);
                memcpy(env->state + 72 + 16 * i, &vb[i], 8);
            }
            /* the state has room for both tables */
            cr_assert(64 + 16 * (FVP_ARRAY_LEN(va) + n) <= T_STATE_SIZE);
            TRun run;
            t_run_env(b, env, &run);
            for (unsigned i = 0; i < n; i++) {
                const IRInsn *in = &b->insns[out[i]];
                uint64_t got;
                memcpy(&got, run.state + 64 + 16 * (FVP_ARRAY_LEN(va) + i), 8);
                uint64_t want = (uint64_t)interp_int_compute(in->op, in->cond,
                                                             in->op == IR_CMP ? 1 : w, w,
                                                             va[i], vb[i], 0);
                cr_assert_eq(got, want, "%s.%s cond %u: 0x%llx, 0x%llx", ir_op_info[in->op].name,
                             ir_type_name(t), in->cond, (unsigned long long)va[i],
                             (unsigned long long)vb[i]);
            }
            t_run_free(&run);
            free(env);
            ir_block_free(b);
        }
    }
}

/* The specialised compare (every condition, register and immediate operand), NOT, flag
 * (with a carry-in) and i1 logic handlers agree with the generic integer semantics on
 * random i64 and i32 operands. */
Test(interp_int, flag_compare_and_not_handlers_match_generic)
{
    enum { NCOND = IR_CC_COUNT, NRES = 2 * NCOND + 1 + 4 + 3, IN = 64, OUT = IN + 16 * NRES };
    static const IROp flag_ops[] = {IR_UADDO, IR_SADDO, IR_USUBO, IR_SSUBO};
    static const IROp logic_ops[] = {IR_AND, IR_OR, IR_XOR};
    cr_assert(OUT + 8 * NRES <= T_STATE_SIZE);
    uint64_t s = 0x13198a2e03707344ull;
    for (unsigned iter = 0; iter < 64; iter++) {
        for (int wide = 0; wide < 2; wide++) {
            IRType t = wide ? IR_I64 : IR_I32;
            unsigned w = wide ? 64 : 32;
            IRBlock *b = ir_block_new(0x1000);
            uint64_t va[NRES], vb[NRES], want[NRES];
            uint32_t out[NRES];
            unsigned n = 0;
            for (unsigned k = 0; k < NRES; k++)
                random_operands(&s, iter, w, &va[k], &vb[k]);
            for (unsigned c = 0; c < NCOND; c++, n++) { /* y from the state */
                out[n] = ir_cmp(b, c, ir_get(b, t, IN + 16 * n), ir_get(b, t, IN + 16 * n + 8));
                want[n] = (uint64_t)interp_int_compute(IR_CMP, c, 1, w, va[n], vb[n], 0);
            }
            for (unsigned c = 0; c < NCOND; c++, n++) { /* y an immediate */
                out[n] = ir_cmp(b, c, ir_get(b, t, IN + 16 * n), ir_const(b, t, vb[n]));
                want[n] = (uint64_t)interp_int_compute(IR_CMP, c, 1, w, va[n], vb[n], 0);
            }
            out[n] = ir_unop(b, IR_NOT, ir_get(b, t, IN + 16 * n));
            want[n] = (uint64_t)interp_int_compute(IR_NOT, 0, w, w, va[n], 0, 0);
            n++;
            for (size_t k = 0; k < FVP_ARRAY_LEN(flag_ops); k++, n++) {
                uint64_t cin = (va[n] ^ vb[n]) >> 3 & 1;
                out[n] = ir_flag(b, flag_ops[k], ir_get(b, t, IN + 16 * n),
                                 ir_get(b, t, IN + 16 * n + 8), ir_const(b, IR_I1, cin));
                want[n] = (uint64_t)interp_int_compute(flag_ops[k], 0, 1, w, va[n], vb[n], cin);
            }
            for (size_t k = 0; k < FVP_ARRAY_LEN(logic_ops); k++, n++) {
                uint32_t x = ir_get(b, t, IN + 16 * n), y = ir_get(b, t, IN + 16 * n + 8);
                out[n] = ir_binop(b, logic_ops[k], ir_cmp(b, IR_CC_ULT, x, y),
                                  ir_cmp(b, IR_CC_SLT, x, y));
                uint64_t p = (uint64_t)interp_int_compute(IR_CMP, IR_CC_ULT, 1, w, va[n], vb[n], 0);
                uint64_t q = (uint64_t)interp_int_compute(IR_CMP, IR_CC_SLT, 1, w, va[n], vb[n], 0);
                want[n] = (uint64_t)interp_int_compute(logic_ops[k], 0, 1, 1, p, q, 0);
            }
            cr_assert_eq(n, NRES);
            for (unsigned i = 0; i < n; i++) {
                uint32_t r = out[i];
                if (ir_value_type(b, r) != IR_I64)
                    r = ir_conv(b, IR_ZEXT, IR_I64, r);
                ir_put(b, OUT + 8 * i, r);
            }
            ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
            TEnv *env = t_env_new();
            for (unsigned i = 0; i < n; i++) {
                memcpy(env->state + IN + 16 * i, &va[i], 8);
                memcpy(env->state + IN + 16 * i + 8, &vb[i], 8);
            }
            TRun run;
            t_run_env(b, env, &run);
            for (unsigned i = 0; i < n; i++) {
                uint64_t got;
                memcpy(&got, run.state + OUT + 8 * i, 8);
                cr_assert_eq(got, want[i], "result %u (%s.%s): 0x%llx, 0x%llx", i,
                             ir_op_info[b->insns[out[i]].op].name, ir_type_name(t),
                             (unsigned long long)va[i], (unsigned long long)vb[i]);
            }
            t_run_free(&run);
            free(env);
            ir_block_free(b);
        }
    }
}
