/* IR builder: each emit function fills the fields docs/ir.md says it does. */
#include <criterion/criterion.h>

#include "ir/ir.h"

Test(ir_builder, constants_are_masked_to_their_width)
{
    IRBlock *b = ir_block_new(0);
    cr_assert_eq(b->insns == NULL && b->count == 0, true);
    uint32_t a = ir_const(b, IR_I8, 0x1ff);
    uint32_t c = ir_const(b, IR_I1, 3);
    uint32_t f = ir_const(b, IR_F32, 0xffffffff3f800000ull);
    uint32_t d = ir_const(b, IR_I64, ~0ull);
    uint32_t v = ir_const128(b, IR_V128, 1, 2);
    cr_assert_eq(a, 0);
    cr_assert_eq(b->insns[a].imm, 0xff);
    cr_assert_eq(b->insns[c].imm, 1);
    cr_assert_eq(b->insns[f].imm, 0x3f800000);
    cr_assert_eq(b->insns[d].imm, ~0ull);
    cr_assert_eq(b->insns[v].imm, 1);
    cr_assert_eq(b->insns[v].imm2, 2);
    cr_assert_eq(b->insns[v].type, IR_V128);
    cr_assert_eq(b->insns[a].nargs, 0);
    ir_block_free(b);
}

Test(ir_builder, insn_start_counts_guest_code)
{
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    ir_insn_start(b, 0x1004, 2);
    cr_assert_eq(b->guest_insns, 2);
    cr_assert_eq(b->guest_bytes, 6);
    cr_assert_eq(b->insns[1].op, IR_INSN);
    cr_assert_eq(b->insns[1].imm, 0x1004);
    cr_assert_eq(b->insns[1].cond, 2);
    cr_assert_eq(b->insns[1].type, IR_VOID);
    ir_block_clear(b, 0x2000);
    cr_assert_eq(b->count, 0);
    cr_assert_eq(b->pc, 0x2000);
    cr_assert_eq(b->guest_insns, 0);
    cr_assert_eq(b->guest_bytes, 0);
    ir_block_free(b);
}

Test(ir_builder, operations_take_their_operand_types)
{
    IRBlock *b = ir_block_new(0);
    uint32_t x = ir_get(b, IR_I32, 8);
    uint32_t v = ir_get(b, IR_V128, 16);
    uint32_t s = ir_binop(b, IR_ADD, x, x);
    cr_assert_eq(b->insns[s].type, IR_I32);
    cr_assert_eq(b->insns[s].nargs, 2);
    cr_assert_eq(b->insns[s].args[1], x);
    uint32_t vv = ir_vbinop(b, IR_SUB, IR_LANE_I16X8, v, v);
    cr_assert_eq(b->insns[vv].type, IR_V128);
    cr_assert_eq(b->insns[vv].lane, IR_LANE_I16X8);
    uint32_t n = ir_unop(b, IR_NEG, vv);
    cr_assert_eq(b->insns[n].lane, IR_LANE_I16X8);
    cr_assert_eq(b->insns[n].nargs, 1);
    uint32_t c = ir_cmp(b, IR_CC_SLT, x, x);
    cr_assert_eq(b->insns[c].type, IR_I1);
    cr_assert_eq(b->insns[c].cond, IR_CC_SLT);
    uint32_t vc = ir_cmp(b, IR_CC_EQ, vv, vv);
    cr_assert_eq(b->insns[vc].type, IR_V128);
    cr_assert_eq(b->insns[vc].lane, IR_LANE_I16X8);
    uint32_t sel = ir_select(b, c, x, s);
    cr_assert_eq(b->insns[sel].type, IR_I32);
    cr_assert_eq(b->insns[sel].args[0], c);
    uint32_t q = ir_div(b, IR_REMS, IR_DIV_ARM, x, s);
    cr_assert_eq(b->insns[q].cond, IR_DIV_ARM);
    uint32_t o = ir_flag(b, IR_SSUBO, x, x, c);
    cr_assert_eq(b->insns[o].type, IR_I1);
    cr_assert_eq(b->insns[o].nargs, 3);
    cr_assert_eq(b->insns[o].args[2], c);
    ir_block_free(b);
}

Test(ir_builder, conversions_skip_no_ops)
{
    IRBlock *b = ir_block_new(0);
    uint32_t x = ir_get(b, IR_I64, 8);
    cr_assert_eq(ir_conv(b, IR_ZEXT, IR_I64, x), x);
    cr_assert_eq(b->count, 1);
    uint32_t t = ir_conv(b, IR_TRUNC, IR_I16, x);
    cr_assert_eq(b->insns[t].op, IR_TRUNC);
    cr_assert_eq(b->insns[t].type, IR_I16);
    cr_assert_eq(b->insns[t].args[0], x);
    ir_block_free(b);
}

Test(ir_builder, fp_ops_carry_rounding_and_nan_modes)
{
    IRBlock *b = ir_block_new(0);
    uint32_t f = ir_get(b, IR_F64, 8);
    uint32_t m = ir_fop(b, IR_FMA, IR_RM_RMM, IR_NAN_ARM, 0, f, f, f);
    cr_assert_eq(b->insns[m].nargs, 3);
    cr_assert_eq(b->insns[m].rm, IR_RM_RMM);
    cr_assert_eq(b->insns[m].nan, IR_NAN_ARM);
    cr_assert_eq(b->insns[m].type, IR_F64);
    uint32_t mn = ir_fop(b, IR_FMIN, IR_RM_RNE, IR_NAN_X86, IR_FMIN_X86, f, f, 0);
    cr_assert_eq(b->insns[mn].cond, IR_FMIN_X86);
    cr_assert_eq(b->insns[mn].nargs, 2);
    cr_assert_eq(b->insns[mn].args[2], 0);
    uint32_t c = ir_fcmp(b, IR_FCC_UNO_S, IR_NAN_CANONICAL, f, f);
    cr_assert_eq(b->insns[c].type, IR_I1);
    cr_assert_eq(b->insns[c].cond, IR_FCC_UNO_S);
    uint32_t i = ir_fcvt(b, IR_FCVT_F2I, IR_I32, IR_CVT_UNSIGNED | IR_CVT_SAT_ARM, IR_RM_RTZ,
                         IR_NAN_ARM_DEFAULT, f);
    cr_assert_eq(b->insns[i].type, IR_I32);
    cr_assert_eq(b->insns[i].cond, 3);
    cr_assert_eq(b->insns[i].rm, IR_RM_RTZ);
    cr_assert_eq(b->insns[i].nan, IR_NAN_ARM_DEFAULT);
    ir_block_free(b);
}

Test(ir_builder, memory_and_control)
{
    IRBlock *b = ir_block_new(0x100);
    uint32_t a = ir_get(b, IR_I64, 8);
    uint32_t v = ir_get(b, IR_I32, 16);
    uint32_t l = ir_load(b, IR_I16, a);
    cr_assert_eq(b->insns[l].type, IR_I16);
    ir_store(b, a, v);
    cr_assert_eq(b->insns[3].type, IR_VOID);
    cr_assert_eq(b->insns[3].args[1], v);
    uint32_t c = ir_cas(b, a, v, v);
    cr_assert_eq(b->insns[c].type, IR_I32);
    uint32_t r = ir_rmw(b, IR_RMW_SMAX, a, v);
    cr_assert_eq(b->insns[r].cond, IR_RMW_SMAX);
    cr_assert_eq(b->insns[r].type, IR_I32);
    uint32_t h = ir_helper(b, IR_HELPER_FCLASS32, a, 7, 9);
    cr_assert_eq(b->insns[h].nargs, 1);
    cr_assert_eq(b->insns[h].args[1], 0);
    cr_assert_eq(b->insns[h].imm, IR_HELPER_FCLASS32);
    cr_assert_eq(b->insns[h].type, IR_I64);
    cr_assert_not(ir_block_terminated(b));
    ir_goto(b, 0x200, IR_JUMP_CALL, 0x104);
    cr_assert(ir_block_terminated(b));
    cr_assert_eq(b->insns[b->count - 1].imm2, 0x104);

    IRBlock *copy = ir_block_clone(b);
    cr_assert(ir_block_equal(b, copy));
    copy->insns[1].imm = 20;
    cr_assert_not(ir_block_equal(b, copy));
    copy->insns[1].imm = 16;
    copy->pc = 0x104;
    cr_assert_not(ir_block_equal(b, copy));
    ir_block_free(copy);
    ir_block_free(b);
}
