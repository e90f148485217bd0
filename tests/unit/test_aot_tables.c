/* AOT jump-table discovery (translator/aot_tables.c) on hand-built blocks in the shapes
 * gcc gives a switch on RISC-V and AArch64. */
#include <criterion/criterion.h>
#include <string.h>

#include "common/common.h"
#include "translator/aot_internal.h"

/* Guest registers (state offsets) the blocks use. */
enum { IDX = 16, BASE = 24, LIMIT = 32 };
enum { TABLE = 0x8000, CODE_START = 0x1000, CODE_END = 0x2000, CASE0 = 0x1800 };

typedef struct Fake {
    TrAotProgram prog;
    int32_t table[64]; /* read-only: offsets from TABLE */
    bool table_writable;
    uint64_t found[64];
    size_t nfound;
} Fake;

static bool fake_read(void *ctx, uint64_t addr, unsigned size, uint64_t *out)
{
    Fake *f = ctx;
    if (f->table_writable || addr < TABLE || addr + size > TABLE + sizeof f->table)
        return false;
    *out = 0;
    memcpy(out, (const uint8_t *)f->table + (addr - TABLE), size);
    return true;
}

static bool fake_is_code(void *ctx, uint64_t pc)
{
    (void)ctx;
    return pc >= CODE_START && pc < CODE_END && pc % 2 == 0;
}

static size_t fake_add(void *ctx, uint64_t pc)
{
    Fake *f = ctx;
    for (size_t i = 0; i < f->nfound; i++)
        if (f->found[i] == pc)
            return 0;
    cr_assert(f->nfound < 64);
    f->found[f->nfound++] = pc;
    return 1;
}

static void fake_init(Fake *f)
{
    memset(f, 0, sizeof *f);
    u64map_init(&f->prog.blocks);
    u64map_init(&f->prog.func_entries);
    u64map_init(&f->prog.cross_entries);
    tr_aot_tables_init(&f->prog.tables);
    /* Every entry is a case: CASE0 + 16 * i, relative to the table, 64 of them, so only the
     * bounds check says where the table ends. */
    for (int i = 0; i < 64; i++)
        f->table[i] = (int32_t)(CASE0 + 16 * i - TABLE);
}

static void add(Fake *f, IRBlock *b)
{
    cr_assert_null(ir_verify_block(b));
    u64map_put(&f->prog.blocks, b->pc, b);
}

static void fake_free(Fake *f)
{
    tr_aot_program_free(&f->prog);
}

/* One discovery round over f's blocks. */
static size_t resolve(Fake *f, TrAotStats *st)
{
    TrAotScan scan = {.prog = &f->prog, .read_only = fake_read, .is_code = fake_is_code,
                      .add = fake_add, .ctx = f};
    return tr_aot_jump_tables(&scan, st);
}

/* f's blocks hold no table discovery may trust; frees f. */
static void expect_no_table(Fake *f)
{
    TrAotStats st = {0};
    cr_expect_eq(resolve(f, &st), 0);
    cr_expect_eq(f->nfound, 0);
    cr_expect_eq(st.jump_tables, 0);
    fake_free(f);
}

/* Function entry 0x1000: BASE = TABLE, LIMIT = limit, then 0x1010. */
static void add_entry(Fake *f, uint64_t limit, uint64_t next)
{
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    ir_put(b, BASE, ir_const(b, IR_I64, TABLE));
    ir_put(b, LIMIT, ir_const(b, IR_I64, limit));
    ir_goto(b, next, IR_JUMP_PLAIN, 0);
    u64map_put(&f->prog.func_entries, 0x1000, (void *)TR_AOT_ENTRY_STRONG);
    add(f, b);
}

/* At pc: `bltu LIMIT, IDX, default` (cond) after idx = IDX - sub; falls through to next. */
static void add_check_at(Fake *f, uint64_t pc, IRCond cond, uint64_t sub, uint64_t next)
{
    IRBlock *b = ir_block_new(pc);
    ir_insn_start(b, pc, 4);
    uint32_t idx = ir_get(b, IR_I64, IDX);
    if (sub) {
        idx = ir_binop(b, IR_SUB, idx, ir_const(b, IR_I64, sub));
        ir_put(b, IDX, idx);
    }
    ir_exit_if(b, ir_cmp(b, cond, ir_get(b, IR_I64, LIMIT), idx), 0x1f00);
    ir_goto(b, next, IR_JUMP_PLAIN, 0);
    add(f, b);
}

static void add_check(Fake *f, IRCond cond, uint64_t sub)
{
    add_check_at(f, 0x1010, cond, sub, 0x1020);
}

/* At pc: goto BASE + sext(load32(BASE + (IDX & mask) * 4)) (mask 0: no mask). */
static void add_dispatch_at(Fake *f, uint64_t pc, uint64_t mask)
{
    IRBlock *b = ir_block_new(pc);
    ir_insn_start(b, pc, 4);
    uint32_t idx = ir_get(b, IR_I64, IDX), base = ir_get(b, IR_I64, BASE);
    if (mask)
        idx = ir_binop(b, IR_AND, idx, ir_const(b, IR_I64, mask));
    uint32_t addr = ir_binop(b, IR_ADD, ir_binop(b, IR_SHL, idx, ir_const(b, IR_I64, 2)), base);
    uint32_t off = ir_conv(b, IR_SEXT, IR_I64, ir_load(b, IR_I32, addr));
    ir_goto_reg(b, ir_binop(b, IR_ADD, off, base), IR_JUMP_PLAIN, 0);
    add(f, b);
}

static void add_dispatch(Fake *f, uint64_t mask)
{
    add_dispatch_at(f, 0x1020, mask);
}

static void expect_cases(const Fake *f, size_t n)
{
    cr_assert_eq(f->nfound, n, "found %zu targets, want %zu", f->nfound, n);
    for (size_t i = 0; i < n; i++)
        cr_expect_eq(f->found[i], CASE0 + 16 * i, "target %zu: 0x%llx", i,
                     (unsigned long long)f->found[i]);
}

Test(aot_tables, bounds_check_gives_the_table_size)
{
    Fake f;
    fake_init(&f);
    add_entry(&f, 4, 0x1010); /* cases 0..4 */
    add_check(&f, IR_CC_ULT, 0);
    add_dispatch(&f, 0);
    TrAotStats st = {0};
    cr_assert_eq(resolve(&f, &st), 1);
    expect_cases(&f, 5);
    cr_expect_eq(st.jump_tables, 1);
    cr_expect_eq(st.seeds_tables, 5);
    fake_free(&f);
}

Test(aot_tables, index_rebased_before_the_check)
{
    /* switch (x) { case 3 ... 9 }: idx = x - 3 is written back and checked */
    Fake f;
    fake_init(&f);
    add_entry(&f, 6, 0x1010);
    add_check(&f, IR_CC_ULT, 3);
    add_dispatch(&f, 0);
    TrAotStats st = {0};
    cr_assert_eq(resolve(&f, &st), 1);
    expect_cases(&f, 7);
    fake_free(&f);
}

Test(aot_tables, masked_index_without_a_check)
{
    /* glibc's _wordcopy: goto table[len & 7], no bounds check anywhere */
    Fake f;
    fake_init(&f);
    add_entry(&f, 0, 0x1020);
    add_dispatch(&f, 7);
    TrAotStats st = {0};
    cr_assert_eq(resolve(&f, &st), 1);
    expect_cases(&f, 8);
    fake_free(&f);
}

/* What the next discovery round sees: the cases are weak entries now. */
static void mark_cases(Fake *f)
{
    for (size_t i = 0; i < f->nfound; i++)
        u64map_put(&f->prog.func_entries, f->found[i], (void *)TR_AOT_ENTRY_WEAK);
}

Test(aot_tables, cases_found_through_a_table_keep_its_constants)
{
    /* Round 1 finds cases 0..2. Round 2 lifted them: case 0 loops back to the check (BASE
     * and LIMIT untouched), case 1 holds a second switch on the same table. The table's
     * edges carry the constants to both, so the second switch resolves; as weak entries of
     * unknown state they would not. */
    Fake f;
    fake_init(&f);
    add_entry(&f, 2, 0x1010);
    add_check(&f, IR_CC_ULT, 0);
    add_dispatch(&f, 0);
    TrAotStats st = {0};
    cr_assert_eq(resolve(&f, &st), 1);
    expect_cases(&f, 3);
    mark_cases(&f);
    IRBlock *c = ir_block_new(CASE0);
    ir_insn_start(c, CASE0, 4);
    ir_put(c, IDX, ir_binop(c, IR_ADD, ir_get(c, IR_I64, IDX), ir_const(c, IR_I64, 1)));
    ir_goto(c, 0x1010, IR_JUMP_PLAIN, 0);
    add(&f, c);
    add_check_at(&f, CASE0 + 16, IR_CC_ULT, 0, 0x1900);
    add_dispatch_at(&f, 0x1900, 0);
    add_check_at(&f, CASE0 + 32, IR_CC_ULT, 0, 0x1f00);
    cr_assert_eq(resolve(&f, &st), 1);
    cr_expect_eq(st.jump_tables, 2);
    cr_expect_not_null(u64map_get(&f.prog.tables.by_block, 0x1900));
    fake_free(&f);
}

Test(aot_tables, signed_check_is_not_trusted)
{
    /* a negative index passes `LIMIT < idx` signed: the table's end is unknown */
    Fake f;
    fake_init(&f);
    add_entry(&f, 4, 0x1010);
    add_check(&f, IR_CC_SLT, 0);
    add_dispatch(&f, 0);
    expect_no_table(&f);
}

Test(aot_tables, writable_table_is_not_read)
{
    Fake f;
    fake_init(&f);
    f.table_writable = true;
    add_entry(&f, 4, 0x1010);
    add_check(&f, IR_CC_ULT, 0);
    add_dispatch(&f, 0);
    expect_no_table(&f);
}

Test(aot_tables, base_unknown_after_a_call)
{
    /* BASE is set before a call; the block after the call cannot know it (the callee may
     * change any register), so there is no table to read. */
    Fake f;
    fake_init(&f);
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    ir_put(b, BASE, ir_const(b, IR_I64, TABLE));
    ir_put(b, LIMIT, ir_const(b, IR_I64, 4));
    ir_goto(b, 0x1e00, IR_JUMP_CALL, 0x1010);
    u64map_put(&f.prog.func_entries, 0x1000, (void *)TR_AOT_ENTRY_STRONG);
    add(&f, b);
    add_check(&f, IR_CC_ULT, 0);
    add_dispatch(&f, 0);
    expect_no_table(&f);
}

Test(aot_tables, returns_and_calls_are_not_tables)
{
    Fake f;
    fake_init(&f);
    add_entry(&f, 4, 0x1010);
    add_check(&f, IR_CC_ULT, 0);
    IRBlock *b = ir_block_new(0x1020);
    ir_insn_start(b, 0x1020, 4);
    uint32_t addr = ir_binop(b, IR_ADD, ir_binop(b, IR_SHL, ir_get(b, IR_I64, IDX),
                                                 ir_const(b, IR_I64, 2)),
                             ir_get(b, IR_I64, BASE));
    uint32_t off = ir_conv(b, IR_SEXT, IR_I64, ir_load(b, IR_I32, addr));
    ir_goto_reg(b, ir_binop(b, IR_ADD, off, ir_get(b, IR_I64, BASE)), IR_JUMP_RET, 0);
    add(&f, b);
    expect_no_table(&f);
}
