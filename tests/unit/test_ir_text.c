/* IR text form: print -> parse round trips for every op, odd fields, and parser errors. */
#include <criterion/criterion.h>
#include <string.h>

#include "ir/ir.h"
#include "ir/ir_text.h"
#include "ir_samples.h"

/* The printed text of b (caller frees). */
static char *print_to_string(const IRBlock *b)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    cr_assert(f);
    ir_print_block(f, b);
    fclose(f);
    return text;
}

static char *error_text(FvpError *err)
{
    static char buf[512];
    fvp_error_format(err, buf, sizeof(buf));
    fvp_error_free(err);
    return buf;
}

/*
 * IRInsn has 4 bytes of implicit padding (after args[2]) and ir_block_equal compares with
 * memcmp, so an IRInsn built on the stack from non-constant fields may carry garbage there
 * (seen under ASan). Rebuild every instruction field by field in zeroed storage first, so
 * the comparison is about the fields.
 */
static void clear_padding(IRBlock *b)
{
    for (size_t k = 0; k < b->count; k++) {
        const IRInsn *s = &b->insns[k];
        IRInsn c;
        memset(&c, 0, sizeof(c));
        c.op = s->op;
        c.type = s->type;
        c.lane = s->lane;
        c.cond = s->cond;
        c.rm = s->rm;
        c.nan = s->nan;
        c.nargs = s->nargs;
        c.pad = s->pad;
        memcpy(c.args, s->args, sizeof(c.args));
        c.imm = s->imm;
        c.imm2 = s->imm2;
        memcpy(&b->insns[k], &c, sizeof(c));
    }
}

/* print(b) parses back to a block equal to b, and printing that gives the same text. */
static void assert_round_trip(IRBlock *b, const char *what)
{
    clear_padding(b);
    char *text = print_to_string(b);
    IRBlock *back = NULL;
    FvpError *err = ir_parse_block(text, what, &back);
    cr_assert_null(err, "%s: %s\n%s", what, err ? error_text(err) : "", text);
    clear_padding(back);
    cr_assert(ir_block_equal(b, back), "%s: parsed block differs\n%s", what, text);
    cr_assert_eq(back->guest_bytes, b->guest_bytes);
    cr_assert_eq(back->guest_insns, b->guest_insns);
    char *again = print_to_string(back);
    cr_assert_str_eq(again, text);
    free(again);
    free(text);
    ir_block_free(back);
}

Test(ir_text, every_op_round_trips)
{
    for (unsigned op = 0; op < IR_OP_COUNT; op++) {
        IRBlock *b = ir_block_new(0x10000 + 0x100 * op);
        ir_sample_block(b, (IROp)op);
        cr_assert(ir_sample_uses(b, (IROp)op), "no sample for op %s", ir_op_info[op].name);
        FvpError *err = ir_verify_block(b);
        cr_assert_null(err, "sample for %s does not verify: %s", ir_op_info[op].name,
                       err ? error_text(err) : "");
        assert_round_trip(b, ir_op_info[op].name);
        ir_block_free(b);
    }
}

/* Every cond / rm / nan / type / lane value, named or not, survives the trip. */
Test(ir_text, every_field_value_round_trips)
{
    for (unsigned op = 0; op < IR_OP_COUNT; op++) {
        IRBlock *b = ir_block_new(0x4000);
        for (unsigned val = 0; val < 12; val++) {
            IRInsn i = {.op = (uint8_t)op,
                        .type = (uint8_t)(val % IR_TYPE_COUNT),
                        .lane = (uint8_t)(val % IR_LANE_COUNT),
                        .cond = (uint8_t)val,
                        .rm = (uint8_t)(val % 9),
                        .nan = (uint8_t)(val % 5),
                        .nargs = val % 4,
                        .args = {val, val + 1, val + 2},
                        .imm = 0x1234u * val,
                        .imm2 = val & 1 ? 0xfedcba9876543210ull : 0};
            ir_emit(b, &i);
        }
        assert_round_trip(b, ir_op_info[op].name);
        ir_block_free(b);
    }
}

/* Random field values (a fixed-seed xorshift, so failures reproduce): whatever the fields
 * hold, the printed text parses back to the same instruction. */
Test(ir_text, random_instructions_round_trip)
{
    uint64_t seed = 0x9e3779b97f4a7c15ull;
    for (unsigned round = 0; round < 200; round++) {
        IRBlock *b = ir_block_new(seed);
        for (unsigned n = 0; n < 20; n++) {
            uint64_t r[4];
            for (unsigned k = 0; k < 4; k++) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                r[k] = seed;
            }
            IRInsn i;
            memset(&i, 0, sizeof(i));
            i.op = (uint8_t)(r[0] % (IR_OP_COUNT + 2));
            i.type = (uint8_t)((r[0] >> 8) % (IR_TYPE_COUNT + 1));
            i.lane = (uint8_t)((r[0] >> 16) % (IR_LANE_COUNT + 1));
            i.cond = (uint8_t)(r[0] >> 24);
            i.rm = (uint8_t)((r[0] >> 32) % 9);
            i.nan = (uint8_t)((r[0] >> 40) % 5);
            i.nargs = (uint8_t)((r[0] >> 48) % 5);
            i.pad = (uint8_t)((r[0] >> 56) & (r[0] >> 60) & 1);
            i.args[0] = (uint32_t)r[1] % 64;
            i.args[1] = (uint32_t)(r[1] >> 32) % 64;
            i.args[2] = (uint32_t)r[2] % 64;
            i.imm = r[2] >> (r[3] % 64);
            i.imm2 = (r[3] & 3) ? 0 : r[3];
            ir_emit(b, &i);
        }
        b->guest_bytes = (uint32_t)seed;
        b->guest_insns = (uint32_t)(seed >> 40);
        assert_round_trip(b, "random");
        ir_block_free(b);
    }
}

Test(ir_text, odd_instructions_round_trip)
{
    IRBlock *b = ir_block_new(0);
    IRInsn odd[] = {
        {.op = 200, .type = IR_I64, .nargs = 2, .args = {1, 2}, .imm = 7},
        {.op = IR_ADD, .type = 40, .lane = 77, .nargs = 9, .args = {1, 2, 3}, .pad = 3},
        {.op = IR_CMP, .type = IR_I1, .cond = 250, .args = {0, 0, 9}},
        {.op = IR_HELPER, .type = IR_I64, .imm = 99, .nargs = 1},
        {.op = IR_VREDUCE, .type = IR_I8, .cond = 255},
        {.op = IR_FADD, .type = IR_F32, .rm = 5, .nan = 9},
        {.op = IR_GOTO, .cond = 3, .imm2 = 1},
        {.op = IR_CONST, .type = IR_I8, .imm = 0x1ff, .imm2 = 4},
        {.op = IR_CONST, .type = IR_V128, .imm = 0, .imm2 = 0},
        {.op = IR_VSHUFFLE, .type = IR_V128, .lane = IR_LANE_I8X16},
        {.op = IR_PUT, .type = IR_VOID, .nargs = 1, .args = {4000000000u}},
    };
    for (size_t i = 0; i < sizeof(odd) / sizeof(odd[0]); i++)
        ir_emit(b, &odd[i]);
    assert_round_trip(b, "odd");
    ir_block_free(b);
}

Test(ir_text, hand_written_text)
{
    const char *text = "; a comment line\n"
                       "block 0x10078 bytes 8 insns 2 {   ; trailing comment\n"
                       "  insn 0x10078 len=4\n"
                       "  %a = get.i64 8\n"
                       "\n"
                       "  %b = const.i64 -1\n"
                       "  %c = add.i64 %a, %b\n"
                       "  %n = const.i32 -2\n"
                       "  %f = const.f64 1.5\n"
                       "  %g = const.f32 -inf\n"
                       "  %h = fadd.f64 %f, %f rm=rtz nan=arm\n"
                       "  %v = const.v128 0x0102030405060708090a0b0c0d0e0f10\n"
                       "  %k = cmp.i1 slt %c %a\n"
                       "  put 16, %c\n"
                       "  exit_if %k, 0x10080\n"
                       "  goto call 0x10090 link=0x1007c\n"
                       "}\n";
    IRBlock *b = NULL;
    FvpError *err = ir_parse_block(text, "hand.ir", &b);
    cr_assert_null(err, "%s", err ? error_text(err) : "");
    cr_assert_eq(b->pc, 0x10078);
    cr_assert_eq(b->guest_bytes, 8);
    cr_assert_eq(b->count, 13);
    cr_assert_eq(b->insns[0].op, IR_INSN);
    cr_assert_eq(b->insns[0].cond, 4);
    cr_assert_eq(b->insns[2].imm, ~0ull);
    cr_assert_eq(b->insns[3].args[0], 1);
    cr_assert_eq(b->insns[3].args[1], 2);
    cr_assert_eq(b->insns[4].imm, 0xfffffffeull);
    cr_assert_eq(b->insns[5].imm, 0x3ff8000000000000ull);
    cr_assert_eq(b->insns[6].imm, 0xff800000ull);
    cr_assert_eq(b->insns[7].rm, IR_RM_RTZ);
    cr_assert_eq(b->insns[7].nan, IR_NAN_ARM);
    cr_assert_eq(b->insns[8].imm, 0x090a0b0c0d0e0f10ull);
    cr_assert_eq(b->insns[8].imm2, 0x0102030405060708ull);
    cr_assert_eq(b->insns[9].cond, IR_CC_SLT);
    cr_assert_eq(b->insns[10].imm, 16);
    cr_assert_eq(b->insns[10].args[0], 3);
    cr_assert_eq(b->insns[12].cond, IR_JUMP_CALL);
    cr_assert_eq(b->insns[12].imm2, 0x1007c);
    err = ir_verify_block(b);
    cr_assert_null(err, "%s", err ? error_text(err) : "");
    ir_block_free(b);
}

Test(ir_text, several_blocks)
{
    const char *text = "block 0x100 {\n  goto 0x200\n}\n\n; between\nblock 0x200 {\n"
                       "  syscall 0x204\n}\n";
    IRBlockList list;
    FvpError *err = ir_parse_blocks(text, "two.ir", &list);
    cr_assert_null(err, "%s", err ? error_text(err) : "");
    cr_assert_eq(list.count, 2);
    cr_assert_eq(list.blocks[1]->pc, 0x200);
    cr_assert_eq(list.blocks[1]->insns[0].op, IR_SYSCALL);
    ir_block_list_free(&list);
    IRBlock *b = NULL;
    err = ir_parse_block(text, "two.ir", &b);
    cr_assert_not_null(err);
    cr_assert(strstr(error_text(err), "two.ir:6:1: expected end of file after the block"));
}

typedef struct ParseErrorCase {
    const char *text;
    const char *message; /* expected substring */
} ParseErrorCase;

static const ParseErrorCase parse_errors[] = {
    {"blok 0x10 {\n}\n", "t.ir:1:1: expected 'block', found 'blok'"},
    {"block {\n}\n", "t.ir:1:7: expected the block's guest pc, found '{'"},
    {"block 0x10 bytes {\n}\n", "t.ir:1:18: expected the number of guest code bytes"},
    {"block 0x10\n", "t.ir:1:11: expected '{' (or 'bytes N', 'insns N'), found end of line"},
    {"block 0x10 { goto 1\n}\n", "t.ir:1:14: expected end of line after '{'"},
    {"block 0x10 {\n  goto 0x20\n", "t.ir:3:1: expected '}' closing the block opened at line 1"},
    {"block 0x10 {\n  frob.i64 %1\n}\n", "t.ir:2:3: unknown op 'frob.i64'"},
    {"block 0x10 {\n  %0 = add.i65 %1\n}\n", "t.ir:2:12: expected a type (i1 .. i128"},
    {"block 0x10 {\n  %0 = add.i64 %x, %0\n}\n", "t.ir:2:16: undefined value %x"},
    {"block 0x10 {\n  %3 = get.i64 8\n}\n", "t.ir:2:3: value %3 is defined by instruction 0"},
    {"block 0x10 {\n  %a = get.i64 8\n  %a = get.i64 8\n}\n",
     "t.ir:3:3: value %a is defined twice"},
    {"block 0x10 {\n  %0 = cmp.i1 lt %0, %0\n}\n",
     "t.ir:2:15: expected cmp kind (eq, ne, slt, sle, sgt, sge, ult, ule, ugt, uge), found 'lt'"},
    {"block 0x10 {\n  %0 = add.i64 %0, %0, %0, %0\n}\n", "t.ir:2:28: expected at most 3 operands"},
    {"block 0x10 {\n  %0 = add.i64 5\n}\n", "t.ir:2:16: 'add' takes no immediate"},
    {"block 0x10 {\n  %0 = get.i64\n}\n", "t.ir:2:15: 'get' needs its immediate"},
    {"block 0x10 {\n  %0 = get.i64 8, 9\n}\n", "t.ir:2:19: expected one immediate only"},
    {"block 0x10 {\n  %0 = get.i64 0x\n}\n", "t.ir:2:16: expected a number"},
    {"block 0x10 {\n  %0 = get.i64 99999999999999999999\n}\n", "t.ir:2:16: expected a number"},
    {"block 0x10 {\n  %0 = fadd.f64 %0, %0 rm=fast\n}\n", "t.ir:2:27: expected a name or a number"},
    {"block 0x10 {\n  %0 = fadd.f64 %0, %0 speed=3\n}\n",
     "t.ir:2:24: expected an attribute (rm, nan"},
    {"block 0x10 {\n  %0 = helper.i64 frob\n}\n", "t.ir:2:19: unknown helper 'frob'"},
    {"block 0x10 {\n  %0 = add.i64 sat %0\n}\n", "t.ir:2:16: unexpected word 'sat'"},
    {"block 0x10 {\n  %0 add.i64\n}\n", "t.ir:2:6: expected '=' after the value name"},
    {"block 0x10 {\n  goto 0x20 $\n}\n", "t.ir:2:13: expected an operand %N"},
    {"block 0x10 {\n  goto 0x20\n} x\n", "t.ir:3:3: expected end of line after '}'"},
};

Test(ir_text, parse_errors_name_line_and_column)
{
    for (size_t i = 0; i < sizeof(parse_errors) / sizeof(parse_errors[0]); i++) {
        IRBlock *b = NULL;
        FvpError *err = ir_parse_block(parse_errors[i].text, "t.ir", &b);
        cr_assert_not_null(err, "case %zu parsed: %s", i, parse_errors[i].text);
        cr_assert_eq(fvp_error_kind(err), FVP_ERR_FORMAT);
        const char *msg = error_text(err);
        cr_assert(strstr(msg, parse_errors[i].message), "case %zu: got \"%s\", want \"%s\"", i, msg,
                  parse_errors[i].message);
        cr_assert_null(b);
    }
}

/* ---- Case files (ir/ir_case.h) ---------------------------------------------------------- */
#include "ir/ir_case.h"

static const char *case_text = "; state: 16 = 0x5\n"
                               "; state: 24 f64 = 1.5\n"
                               "; mem: 0x100 i16 = -2\n"
                               "; fp_round: rdn\n"
                               "; max_blocks: 7\n"
                               "; expect the comment below is free text\n"
                               "block 0x1000 {\n"
                               "  goto 0x2000 ; expect exit: jump 0x2000\n"
                               "}\n"
                               "; expect state: 32 v128 = 0x0102030405060708090a0b0c0d0e0f10\n"
                               "; expect mem: 0x100 i16 = 0xfffe\n"
                               "; expect fp_flags: nv|nx\n";

Test(ir_case, directives_are_parsed)
{
    IRCase *c = NULL;
    FvpError *err = ir_case_parse(case_text, "c.ir", &c);
    cr_assert_null(err, "%s", err ? error_text(err) : "");
    cr_assert_eq(c->blocks.count, 1);
    cr_assert_eq(c->state_init.count, 2);
    cr_assert_eq(c->state_init.items[1].type, IR_F64);
    cr_assert_eq(c->state_init.items[1].lo, 0x3ff8000000000000ull);
    cr_assert_eq(c->mem_init.items[0].lo, 0xfffe);
    cr_assert_eq(c->mem_init.items[0].line, 3);
    cr_assert(c->has_fp_round);
    cr_assert_eq(c->fp_round, IR_RM_RDN);
    cr_assert_eq(c->max_blocks, 7);
    cr_assert(c->has_expect_exit);
    cr_assert_eq(c->expect_exit.exit.next_pc, 0x2000);
    cr_assert_eq(c->expect_exit.line, 8);
    cr_assert_eq(c->expect_state.items[0].hi, 0x0102030405060708ull);
    cr_assert_eq(c->expect_fp_flags, IR_FPF_NV | IR_FPF_NX);
    cr_assert_eq(ir_case_find_block(c, 0x1000), 0);
    cr_assert_eq(ir_case_find_block(c, 0x2000), -1);
    ir_case_free(c);
}

Test(ir_case, init_and_check)
{
    IRCase *c = NULL;
    FvpError *err = ir_case_parse(case_text, "c.ir", &c);
    cr_assert_null(err);
    static uint8_t state[256], mem[512];
    err = ir_case_init(c, state, sizeof(state), mem, sizeof(mem));
    cr_assert_null(err);
    cr_assert_eq(state[16], 5);
    cr_assert_eq(((IRStateHeader *)state)->fp_round, IR_RM_RDN);
    cr_assert_eq(mem[0x100], 0xfe);
    cr_assert_eq(mem[0x101], 0xff);

    /* Everything wrong: exit, state, flags (memory already holds what is expected). */
    IRCaseExit exit = {.kind = IR_CASE_EXIT_SYSCALL, .next_pc = 0x2000};
    char *report = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&report, &len);
    cr_assert_eq(ir_case_check(c, state, sizeof(state), mem, sizeof(mem), &exit, f), 3);
    fclose(f);
    cr_assert(strstr(report, "c.ir:8: expected exit jump 0x2000, found syscall 0x2000\n"), "%s",
              report);
    cr_assert(strstr(report, "c.ir:10: expected state 32 v128 = "
                             "0x0102030405060708090a0b0c0d0e0f10, found 0x0000000000000000"
                             "0000000000000000\n"),
              "%s", report);
    cr_assert(strstr(report, "c.ir:12: expected fp_flags 0x11, found 0x0\n"), "%s", report);
    free(report);

    /* Everything right. */
    exit.kind = IR_CASE_EXIT_JUMP;
    uint64_t want[2] = {0x090a0b0c0d0e0f10ull, 0x0102030405060708ull};
    memcpy(state + 32, want, 16);
    ((IRStateHeader *)state)->fp_flags = IR_FPF_NV | IR_FPF_NX;
    f = fopen("/dev/null", "w");
    cr_assert_eq(ir_case_check(c, state, sizeof(state), mem, sizeof(mem), &exit, f), 0);
    fclose(f);

    /* Values outside the state are tool errors at init. */
    err = ir_case_init(c, state, 20, mem, sizeof(mem));
    cr_assert_not_null(err);
    cr_assert(strstr(error_text(err), "c.ir:1: state 0x10 + 8 bytes is outside the 20-byte state"));
    ir_case_free(c);
}

typedef struct CaseErrorCase {
    const char *directive;
    const char *message;
} CaseErrorCase;

static const CaseErrorCase case_errors[] = {
    {"; state: 16 i65 = 1",
     "c.ir:1: expected a type (i8 .. i128, f32, f64, v128) or '=', found 'i65'"},
    {"; state: 16 = ",
     "c.ir:1: expected a value (number, or float for f32/f64), found end of line"},
    {"; state: x = 1", "c.ir:1: expected a state offset or guest address, found 'x'"},
    {"; mem: 0x10 i32 = 1 2", "c.ir:1: expected end of the directive, found '2'"},
    {"; fp_round: dyn", "c.ir:1: expected a rounding mode (rne, rtz, rdn, rup, rmm), found 'dyn'"},
    {"; max_blocks: 0", "c.ir:1: max_blocks must be 1 .. 2^32-1"},
    {"; expect exit: leap 0x10", "c.ir:1: expected an exit kind (jump, syscall, trap, fault, "
                                 "sync_code), found 'leap'"},
    {"; expect exit: trap oops 0x10", "c.ir:1: expected a trap kind"},
    {"; expect exit: fault 0x10 sideways", "c.ir:1: expected 'read', 'write', 'pc PC'"},
    {"; expect fp_flags: nv|zz", "c.ir:1: expected fp flags"},
    {"; expect regs: 1", "c.ir:1: expected exit:, state:, mem: or fp_flags: after 'expect'"},
};

Test(ir_case, directive_errors_name_the_line)
{
    for (size_t i = 0; i < sizeof(case_errors) / sizeof(case_errors[0]); i++) {
        char text[256];
        snprintf(text, sizeof(text), "%s\nblock 0x10 {\n  goto 0x10\n}\n",
                 case_errors[i].directive);
        IRCase *c = NULL;
        FvpError *err = ir_case_parse(text, "c.ir", &c);
        cr_assert_not_null(err, "case %zu parsed", i);
        const char *msg = error_text(err);
        cr_assert(strstr(msg, case_errors[i].message), "case %zu: got \"%s\"", i, msg);
        cr_assert_null(c);
    }
    IRCase *c = NULL;
    FvpError *err = ir_case_parse("; nothing here\n", "c.ir", &c);
    cr_assert_not_null(err);
    cr_assert_str_eq(error_text(err), "c.ir: no block in the file");
}
