/* Region formation (runtime/region.c): which blocks join a hot block's region. */
#include <criterion/criterion.h>

#include "runtime/runtime_internal.h"

enum { THRESHOLD = 1600, WARM = THRESHOLD / 16, MAX = 8 };

/* A block at pc: exit_if -> to[0] (when given), goto to[1]; or a GOTO_REG when to[1] is
 * 0. Translated, cold, entered `runs` times by the dispatcher. */
static RtBlock *add_block(RtCodeCache *c, uint64_t pc, uint64_t if_to, uint64_t goto_to,
                          uint64_t runs)
{
    IRBlock *ir = ir_block_new(pc);
    ir_insn_start(ir, pc, 4);
    uint32_t x = ir_get(ir, IR_I64, 16);
    if (if_to)
        ir_exit_if(ir, ir_cmp(ir, IR_CC_NE, x, ir_const(ir, IR_I64, 0)), if_to);
    if (goto_to)
        ir_goto(ir, goto_to, IR_JUMP_PLAIN, 0);
    else
        ir_goto_reg(ir, x, IR_JUMP_PLAIN, 0);
    RtBlock *b = fvp_xcalloc(1, sizeof(*b));
    b->pc = pc;
    b->end = pc + 4;
    b->serial = c->next_serial++;
    b->ir = ir;
    b->exec_count = runs;
    u64map_put(&c->blocks, pc, b);
    return b;
}

typedef struct Formed {
    size_t n;
    uint64_t pcs[MAX];
} Formed;

/* Forms the region entered at pc and commits it, as the dispatcher does when it submits. */
static Formed form(RtCodeCache *c, uint64_t pc, size_t max)
{
    const IRBlock *blocks[MAX];
    uint64_t serials[MAX];
    RtBlock *b = u64map_get(&c->blocks, pc);
    Formed f = {.n = rt_region_form(c, b, THRESHOLD, max, blocks, serials)};
    rt_region_commit(c, blocks, f.n);
    for (size_t k = 0; k < f.n; k++) {
        f.pcs[k] = blocks[k]->pc;
        const RtBlock *m = u64map_get(&c->blocks, f.pcs[k]);
        cr_expect_eq(serials[k], m->serial, "serial of member %zu", k);
    }
    return f;
}

static bool has(const Formed *f, uint64_t pc)
{
    for (size_t k = 0; k < f->n; k++)
        if (f->pcs[k] == pc)
            return true;
    return false;
}

/* A loop A -> B -> C -> A with a cold exit D: the warm body joins, breadth first, the
 * rarely run D does not, and members restart their counts. */
Test(region, loop_body_joins_cold_exits_do_not)
{
    RtCodeCache c;
    rt_cache_init(&c);
    add_block(&c, 0x100, 0x400, 0x200, THRESHOLD);
    RtBlock *b = add_block(&c, 0x200, 0, 0x300, THRESHOLD);
    add_block(&c, 0x300, 0, 0x100, THRESHOLD);
    add_block(&c, 0x400, 0, 0x500, WARM - 1);
    Formed f = form(&c, 0x100, MAX);
    cr_expect_eq(f.n, 3);
    cr_expect_eq(f.pcs[0], 0x100);
    cr_expect(has(&f, 0x200) && has(&f, 0x300));
    cr_expect_not(has(&f, 0x400), "a successor below 1/16 of the threshold stays out");
    cr_expect_eq(b->exec_count, 0, "members restart their count");
    rt_cache_destroy(&c);
}

/* Forming a region only looks: the dispatcher also forms one at the cheap threshold that it
 * may not submit, and restarting the members' counts then kept an FP loop's blocks from
 * ever reaching the hot threshold (nbody ran interpreted). Only the commit restarts them. */
Test(region, forming_alone_keeps_the_counts)
{
    RtCodeCache c;
    rt_cache_init(&c);
    add_block(&c, 0x100, 0, 0x200, THRESHOLD);
    RtBlock *b = add_block(&c, 0x200, 0, 0x100, THRESHOLD);
    const IRBlock *blocks[MAX];
    uint64_t serials[MAX];
    size_t n = rt_region_form(&c, u64map_get(&c.blocks, 0x100), THRESHOLD, MAX, blocks, serials);
    cr_expect_eq(n, 2);
    cr_expect_eq(b->exec_count, THRESHOLD, "forming does not restart the count");
    rt_region_commit(&c, blocks, n);
    cr_expect_eq(b->exec_count, 0, "committing does");
    rt_cache_destroy(&c);
}

/* The region never exceeds max blocks. */
Test(region, max_blocks)
{
    RtCodeCache c;
    rt_cache_init(&c);
    for (uint64_t k = 0; k < 6; k++)
        add_block(&c, 0x100 + k * 0x100, 0, 0x200 + k * 0x100, THRESHOLD);
    cr_expect_eq(form(&c, 0x100, 4).n, 4);
    cr_expect_eq(form(&c, 0x100, 1).n, 1);
    rt_cache_destroy(&c);
}

/* An outer loop O -> I (inner loop, already compiled as its own region) -> L -> O: a
 * compiled block that jumps straight back to the new entry joins (the nest becomes one
 * function); a compiled block that does not, and a block the compiler refused, stay out. */
Test(region, compiled_blocks_join_only_to_close_a_loop)
{
    RtCodeCache c;
    rt_cache_init(&c);
    add_block(&c, 0x100, 0, 0x200, THRESHOLD);              /* L: goto O */
    add_block(&c, 0x200, 0x600, 0x300, THRESHOLD);          /* O: -> F or I */
    RtBlock *inner = add_block(&c, 0x300, 0x300, 0x100, 5); /* I: loops, then L */
    inner->tier = RT_TIER_COMPILED;
    Formed f = form(&c, 0x100, MAX);
    cr_expect_eq(f.n, 3);
    cr_expect(has(&f, 0x300), "the compiled inner loop jumps back to the entry: it joins");

    RtBlock *refused = add_block(&c, 0x600, 0, 0x100, THRESHOLD); /* F: goto L, refused */
    refused->tier = RT_TIER_FAILED;
    f = form(&c, 0x100, MAX);
    cr_expect_not(has(&f, 0x600), "a block the compiler refused never joins");

    inner->tier = RT_TIER_QUEUED;
    f = form(&c, 0x200, MAX); /* entry O: I leads to L, not back to O */
    cr_expect_not(has(&f, 0x300), "a queued block that does not jump to the entry stays out");
    cr_expect_eq(inner->exec_count, 5, "only cold members restart their count");
    rt_cache_destroy(&c);
}

/* After a GOTO_REG the region follows the successors the dispatcher linked in this epoch. */
Test(region, indirect_jumps_follow_current_links)
{
    RtCodeCache c;
    rt_cache_init(&c);
    RtBlock *sw = add_block(&c, 0x100, 0, 0, THRESHOLD); /* goto_reg */
    RtBlock *h1 = add_block(&c, 0x200, 0, 0x100, THRESHOLD);
    RtBlock *h2 = add_block(&c, 0x300, 0, 0x100, THRESHOLD);
    sw->links[0] = (RtBlockLink){.pc = 0x200, .epoch = c.epoch, .block = h1};
    sw->links[1] = (RtBlockLink){.pc = 0x300, .epoch = c.epoch + 1, .block = h2};
    Formed f = form(&c, 0x100, MAX);
    cr_expect_eq(f.n, 2);
    cr_expect(has(&f, 0x200));
    cr_expect_not(has(&f, 0x300), "a link from another epoch may be stale");
    rt_cache_destroy(&c);
}
