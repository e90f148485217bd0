/* IR verifier: accepts every valid sample block; rejects each kind of malformed IR. */
#include <criterion/criterion.h>
#include <string.h>

#include "ir/ir.h"
#include "ir_samples.h"

static const char *error_text(FvpError *err)
{
    static char buf[512];
    fvp_error_format(err, buf, sizeof(buf));
    fvp_error_free(err);
    return buf;
}

Test(ir_verify, accepts_every_sample)
{
    for (unsigned op = 0; op < IR_OP_COUNT; op++) {
        IRBlock *b = ir_block_new(0x1000);
        ir_sample_block(b, (IROp)op);
        FvpError *err = ir_verify_block(b);
        cr_assert_null(err, "%s: %s", ir_op_info[op].name, err ? error_text(err) : "");
        ir_block_free(b);
    }
}

Test(ir_verify, empty_block)
{
    IRBlock *b = ir_block_new(0x1000);
    FvpError *err = ir_verify_block(b);
    cr_assert_not_null(err);
    cr_assert_str_eq(error_text(err), "block 0x1000: empty (it needs a terminator)");
    ir_block_free(b);
}

Test(ir_verify, unknown_op)
{
    IRBlock *b = ir_block_new(0x1000);
    IRInsn i = {.op = 200};
    ir_emit(b, &i);
    ir_goto(b, 0, IR_JUMP_PLAIN, 0);
    cr_assert_str_eq(error_text(ir_verify_block(b)), "block 0x1000: insn %0: unknown op 200");
    ir_block_free(b);
}

/* Operand 1 of %2 is forward: the builder cannot make that, so patch it. */
Test(ir_verify, forward_reference)
{
    IRBlock *b = ir_block_new(0x1000);
    uint32_t x = ir_get(b, IR_I64, 8);
    uint32_t s = ir_binop(b, IR_ADD, x, x);
    b->insns[s].args[1] = 3;
    ir_goto(b, 0, IR_JUMP_PLAIN, 0);
    ir_goto(b, 0, IR_JUMP_PLAIN, 0);
    cr_assert_str_eq(error_text(ir_verify_block(b)),
                     "block 0x1000: insn %1 (add): operand 1 (%3) is not defined before its use");
    ir_block_free(b);
}

typedef struct VerifyCase {
    const char *body;    /* instructions (the block header is added) */
    const char *message; /* the whole error message after "block 0x10: " */
} VerifyCase;

static const VerifyCase verify_cases[] = {
    /* structure */
    {"%0 = get.i64 8\n",
     "insn %0 (get): the block does not end with a terminator (goto, goto_reg, syscall, "
     "trap, sync_code)"},
    {"goto 0x10\ngoto 0x14\n",
     "insn %0 (goto): terminator before the end of the block (1 instructions follow)"},
    {"%0 = get.i64 8\n%1 = add.i64 %0\ngoto 0\n", "insn %1 (add): has 1 operands, expected 2"},
    {"%0 = get.i64 8\n%1 = add.i64 %0, %0, %0\ngoto 0\n",
     "insn %1 (add): has 3 operands, expected 2"},
    {"insn 0x10 len=4\n%1 = neg.i64 %0\ngoto 0\n",
     "insn %1 (neg): operand 0 (%0) refers to insn, which produces no value"},
    {"%0 = get.i64 8\nput 8, %0 type=i64\ngoto 0\n",
     "insn %1 (put): produces no value but has type i64"},
    {"%0 = get.i64 8\n%1 = add %0, %0\ngoto 0\n",
     "insn %1 (add): produces a value but has no type"},
    {"%0 = get.i64 8 type=12\ngoto 0\n", "insn %0 (get): type 12 out of range"},
    {"%0 = get.v128 16 lane=9\ngoto 0\n", "insn %0 (get): lane 9 out of range"},
    {"%0 = get.i64 8\n%1 = add.i64.i32x4 %0, %0\ngoto 0\n",
     "insn %1 (add): lane i32x4 on a i64 result"},
    /* field ranges */
    {"%0 = get.i64 8\n%1 = cmp.i1 %0, %0 cond=10\ngoto 0\n",
     "insn %1 (cmp): kind (cond) 10 out of range (0..9)"},
    {"%0 = get.f64 8\n%1 = fadd.f64 %0, %0 rm=5 nan=canonical\ngoto 0\n",
     "insn %1 (fadd): rounding mode 5 is not rne, rtz, rdn, rup, rmm or dyn"},
    {"%0 = get.f64 8\n%1 = fsqrt.f64 %0 rm=rne nan=5\ngoto 0\n",
     "insn %1 (fsqrt): NaN mode 5 out of range (0..4)"},
    {"fence cond=3\ngoto 0\n", "insn %0 (fence): kind (cond) 3 out of range (0..2)"},
    {"trap cond=4 0x10\n", "insn %0 (trap): kind (cond) 4 out of range (0..3)"},
    {"goto 0x10 cond=3\n", "insn %0 (goto): kind (cond) 3 out of range (0..2)"},
    {"%0 = get.i64 8\n%1 = divs.i64 %0, %0 cond=2\ngoto 0\n",
     "insn %1 (divs): kind (cond) 2 out of range (0..1)"},
    /* fields the op does not use */
    {"%0 = get.i64 8\n%1 = get.i64 16\n%2 = neg.i64 %0 arg1=%1\ngoto 0\n",
     "insn %2 (neg): unused operand slot 1 holds 1 (must be 0)"},
    {"%0 = get.i64 8\n%1 = add.i64 %0, %0 cond=1\ngoto 0\n",
     "insn %1 (add): cond is 1, but the op has no kind (must be 0)"},
    {"%0 = get.i64 8\n%1 = add.i64 %0, %0 imm=0x10\ngoto 0\n",
     "insn %1 (add): imm is 0x10, but the op has no immediate (must be 0)"},
    {"%0 = get.i64 8\n%1 = get.i64 16 imm2=3\ngoto 0\n",
     "insn %1 (get): imm2 is 0x3, but the op does not use it (must be 0)"},
    {"%0 = get.i64 8\n%1 = add.i64 %0, %0 rm=rtz\ngoto 0\n",
     "insn %1 (add): rm/nan set on an op without FP modes (must be 0)"},
    {"%0 = get.i64 8 pad=1\ngoto 0\n", "insn %0 (get): pad is 1 (must be 0)"},
    /* constants and state */
    {"%0 = const.i8 0x100\ngoto 0\n", "insn %0 (const): constant 0x100 does not fit i8"},
    {"%0 = const.i64 1 imm2=1\ngoto 0\n",
     "insn %0 (const): imm2 (high 64 bits) must be 0 for a i64 constant"},
    {"%0 = get.i64 12\ngoto 0\n", "insn %0 (get): state offset 12 is not aligned to 8 bytes (i64)"},
    {"%0 = get.v128 16\nput 40, %0\ngoto 0\n",
     "insn %1 (put): state offset 40 is not aligned to 16 bytes (v128)"},
    /* integer rules */
    {"%0 = get.i64 8\n%1 = get.f64 16\n%2 = add.i64 %0, %1\ngoto 0\n",
     "insn %2 (add): operand 1 is f64, expected i64"},
    {"%0 = get.f64 8\n%1 = add.f64 %0, %0\ngoto 0\n",
     "insn %1 (add): result is f64, expected an integer type or v128 with an integer lane"},
    {"%0 = get.v128 16\n%1 = add.v128.f32x4 %0, %0\ngoto 0\n",
     "insn %1 (add): v128 result needs an integer lane (i8x16, i16x8, i32x4, i64x2), found f32x4"},
    {"%0 = get.v128 16\n%1 = divu.v128.i32x4 %0, %0\ngoto 0\n",
     "insn %1 (divu): result is v128, expected an integer type"},
    {"%0 = get.i64 8\n%1 = cmp.i64 eq %0, %0\ngoto 0\n",
     "insn %1 (cmp): result is i64, expected i1"},
    {"%0 = get.f64 8\n%1 = cmp.i1 eq %0, %0\ngoto 0\n",
     "insn %1 (cmp): operand 0 is f64, expected an integer type or v128"},
    {"%0 = get.i64 8\n%1 = select.i64 %0, %0, %0\ngoto 0\n",
     "insn %1 (select): operand 0 is i64, expected i1 (or a v128 mask)"},
    {"%0 = get.i64 8\n%1 = zext.i32 %0\ngoto 0\n", "insn %1 (zext): i64 to i32 is not a widening"},
    {"%0 = get.i32 8\n%1 = trunc.i64 %0\ngoto 0\n",
     "insn %1 (trunc): i32 to i64 is not a narrowing"},
    {"%0 = get.i64 8\n%1 = bitcast.f32 %0\ngoto 0\n",
     "insn %1 (bitcast): bitcast from i64 (64 bits) to f32 (32 bits) changes the width"},
    {"%0 = get.i64 8\n%1 = uaddo.i1 %0, %0, %0\ngoto 0\n",
     "insn %1 (uaddo): operand 2 is i64, expected i1"},
    /* floating point */
    {"%0 = get.i64 8\n%1 = fadd.i64 %0, %0 rm=rne nan=canonical\ngoto 0\n",
     "insn %1 (fadd): result is i64, expected f32, f64 or v128 with a float lane"},
    {"%0 = get.f64 8\n%1 = fcmp.i1 oeq %0, %0 rm=rne nan=canonical\n%2 = get.f32 16\n"
     "%3 = fcmp.i1 oeq %0, %2 rm=rne nan=canonical\ngoto 0\n",
     "insn %3 (fcmp): operand 1 is f32, expected f64"},
    {"%0 = get.f64 8\n%1 = fcvt.f2i.i16 %0 rm=rtz nan=canonical\ngoto 0\n",
     "insn %1 (fcvt.f2i): result is i16, expected i32 or i64"},
    {"%0 = get.f64 8\n%1 = fcvt.i2f.f32 %0 rm=rne nan=canonical\ngoto 0\n",
     "insn %1 (fcvt.i2f): operand 0 is f64, expected i32 or i64"},
    {"%0 = get.f64 8\n%1 = fcvt.f2f.f64 %0 rm=rne nan=canonical\ngoto 0\n",
     "insn %1 (fcvt.f2f): converts f64 to f64, expected f32 to f64 or f64 to f32"},
    /* vectors */
    {"%0 = get.i64 8\n%1 = vsplat.v128.i32x4 %0\ngoto 0\n",
     "insn %1 (vsplat): operand 0 is i64, expected i32"},
    {"%0 = get.i64 8\n%1 = vsplat.v128 %0\ngoto 0\n",
     "insn %1 (vsplat): v128 result needs a lane shape (i8x16 .. f64x2)"},
    {"%0 = get.v128 16\n%1 = vextract.i32.i32x4 %0, 4\ngoto 0\n",
     "insn %1 (vextract): lane index 4 out of range for i32x4 (0..3)"},
    {"%0 = get.v128 16\n%1 = vextract.i64.i32x4 %0, 1\ngoto 0\n",
     "insn %1 (vextract): result is i64, expected i32 (the i32x4 lane type)"},
    {"%0 = get.v128 16\n%1 = vshuffle.v128.i8x16 %0, %0, 0x2000\ngoto 0\n",
     "insn %1 (vshuffle): shuffle byte 1 selects 32, expected 0..31 or 0xff"},
    {"%0 = get.v128 16\n%1 = vwiden.lo.v128.i8x16 signed %0\ngoto 0\n",
     "insn %1 (vwiden.lo): widened lane must be i16x8, i32x4 or i64x2, found i8x16"},
    {"%0 = get.v128 16\n%1 = vnarrow.v128.i64x2 trunc %0, %0\ngoto 0\n",
     "insn %1 (vnarrow): narrowed lane must be i8x16, i16x8 or i32x4, found i64x2"},
    {"%0 = get.v128 16\n%1 = vreduce.i32.i32x4 mul %0\ngoto 0\n",
     "insn %1 (vreduce): reducing op 6 is not add, smin, smax, umin or umax"},
    {"%0 = get.v128 16\n%1 = vmovmsk.i64.i8x16 %0\ngoto 0\n",
     "insn %1 (vmovmsk): result is i64, expected i32"},
    /* memory */
    {"%0 = get.i32 8\n%1 = load.i64 %0\ngoto 0\n",
     "insn %1 (load): address (operand 0) is i32, expected i64"},
    {"%0 = get.i64 8\n%1 = load.i1 %0\ngoto 0\n", "insn %1 (load): memory access of i1; use i8"},
    {"%0 = get.i64 8\n%1 = get.i32 16\n%2 = cas.i64 %0, %0, %1\ngoto 0\n",
     "insn %2 (cas): operand 2 is i32, expected i64"},
    {"%0 = get.i64 8\n%1 = get.i128 16\n%2 = rmw.i128 add %0, %1\ngoto 0\n",
     "insn %2 (rmw): result is i128, expected i8 .. i64"},
    /* control */
    {"%0 = get.i64 8\nexit_if %0, 0x20\ngoto 0\n",
     "insn %1 (exit_if): operand 0 is i64, expected i1"},
    {"%0 = helper.i64 imm=99\ngoto 0\n", "insn %0 (helper): helper 99 out of range (0..9)"},
    {"%0 = helper.i64 fclass32\ngoto 0\n", "insn %0 (helper): has 0 operands, expected 1"},
    {"%0 = get.f64 8\n%1 = helper.i64 fclass64 %0\ngoto 0\n",
     "insn %1 (helper): operand 0 is f64, expected i64"},
    {"%0 = helper.i32 read_time\ngoto 0\n",
     "insn %0 (helper): result is i32, helper read_time returns i64"},
    {"%0 = get.i32 8\ngoto_reg %0\n", "insn %1 (goto_reg): operand 0 is i32, expected i64"},
};

Test(ir_verify, rejects_each_kind_of_malformed_ir)
{
    for (size_t i = 0; i < sizeof(verify_cases) / sizeof(verify_cases[0]); i++) {
        char text[1024];
        snprintf(text, sizeof(text), "block 0x10 {\n%s}\n", verify_cases[i].body);
        IRBlock *b = NULL;
        FvpError *err = ir_parse_block(text, "case", &b);
        cr_assert_null(err, "case %zu does not parse: %s", i, err ? error_text(err) : "");
        err = ir_verify_block(b);
        cr_assert_not_null(err, "case %zu verified:\n%s", i, text);
        cr_assert_eq(fvp_error_kind(err), FVP_ERR_FORMAT);
        char want[300];
        snprintf(want, sizeof(want), "block 0x10: %s", verify_cases[i].message);
        const char *got = error_text(err);
        cr_assert_str_eq(got, want, "case %zu:\n got  %s\n want %s", i, got, want);
        ir_block_free(b);
    }
}
