/* The code cache (runtime/code_cache.c): dropping blocks drops exactly their jump slots;
 * direct links follow the code of their targets. */
#include <criterion/criterion.h>
#include <string.h>

#include "runtime/runtime_internal.h"

/* A translated block at pc with a (fake) compiled entry in its jump slot, as the
 * dispatcher leaves a block it ran compiled. */
static RtBlock *add_compiled(RtCodeCache *c, uint64_t pc, uint64_t bytes)
{
    RtBlock *b = fvp_xcalloc(1, sizeof(*b));
    b->pc = pc;
    b->end = pc + bytes;
    b->serial = c->next_serial++;
    u64map_put(&c->blocks, pc, b);
    *rt_jump_slot(c->jump, pc) = (RtJumpSlot){.pc = pc, .fn = (void *)(uintptr_t)(pc | 1)};
    return b;
}

static bool slot_holds(RtCodeCache *c, uint64_t pc)
{
    const RtJumpSlot *s = rt_jump_slot(c->jump, pc);
    return s->pc == pc && s->fn == (void *)(uintptr_t)(pc | 1);
}

/* Code a few KiB apart keeps its own slots: at 4096 slots, aarch64 pcs 8 KiB apart shared
 * one, and bigcode's calls and returns evicted each other's entries (94% of its returns
 * to the dispatcher). */
Test(code_cache, nearby_code_has_its_own_slots)
{
    RtCodeCache c;
    rt_cache_init(&c);
    for (uint64_t pc = 0x400000; pc < 0x400000 + 128 * 1024; pc += 4)
        cr_assert_eq(rt_jump_slot(c.jump, pc), &c.jump[(pc - 0x400000) / 2 % RT_JUMP_SLOTS]);
    cr_expect_neq(rt_jump_slot(c.jump, 0x400000), rt_jump_slot(c.jump, 0x400000 + 8192));
    cr_expect_neq(rt_jump_slot(c.jump, 0x400000), rt_jump_slot(c.jump, 0x400000 + 65536));
    rt_cache_destroy(&c);
}

/* Invalidating a range clears the slots of the blocks it drops and keeps the others; a
 * flush clears them all and keeps the array (compiled code holds its address). */
Test(code_cache, dropped_blocks_lose_their_jump_slots)
{
    RtCodeCache c;
    rt_cache_init(&c);
    RtJumpSlot *array = c.jump;
    add_compiled(&c, 0x1000, 16);
    add_compiled(&c, 0x1010, 16);
    add_compiled(&c, 0x2000, 8);
    uint64_t epoch = c.epoch;
    cr_expect_eq(rt_cache_invalidate(&c, 0x1010, 0x1014), 1);
    cr_expect(slot_holds(&c, 0x1000) && slot_holds(&c, 0x2000), "other blocks keep theirs");
    cr_expect_eq(rt_jump_slot(c.jump, 0x1010)->pc, 0, "the dropped block's slot is empty");
    cr_expect_eq(rt_jump_slot(c.jump, 0x1010)->fn, NULL);
    cr_expect_gt(c.epoch, epoch, "links to dropped blocks are stale");
    cr_expect_eq(rt_cache_invalidate(&c, 0x3000, 0x4000), 0);
    cr_expect(slot_holds(&c, 0x1000), "a range with no code drops nothing");

    rt_cache_flush(&c);
    cr_expect_eq(c.jump, array, "the array outlives a flush");
    cr_expect_eq(rt_jump_slot(c.jump, 0x1000)->pc, 0);
    cr_expect_eq(rt_jump_slot(c.jump, 0x2000)->pc, 0);
    cr_expect_null(rt_cache_lookup(&c, 0x2000));
    rt_cache_destroy(&c);
}

/* ---- Direct links (rt_cache_link) ---- */

static uint8_t code[8192]; /* stands in for compiled code: sites are patched in it */

/* Where the jump whose rel32 is at site goes. */
static const uint8_t *site_target(const uint8_t *site)
{
    int32_t rel;
    memcpy(&rel, site, sizeof rel);
    return site + 4 + rel;
}

/* A site at code + at, unlinked (jumping to code + unlinked), to target_pc. */
static RtChainLink site_at(size_t at, size_t unlinked, uint64_t target_pc)
{
    RtChainLink l = {.target_pc = target_pc, .site = code + at, .unlinked = code + unlinked};
    int32_t rel = (int32_t)(unlinked - (at + 4));
    memcpy(l.site, &rel, sizeof rel);
    return l;
}

/* A site links to its target's code when either is installed, follows the target to new
 * code, goes back to its probe when the target is dropped (or its new code is beyond a
 * rel32) and links again when the target is compiled again; a replaced region's sites are
 * left alone. */
Test(code_cache, direct_links_follow_their_target)
{
    RtCodeCache c;
    rt_cache_init(&c);
    RtBlock *src = add_compiled(&c, 0x1000, 16);
    src->compiled = (RtCompiledFn)(code + 0);
    RtChainLink l = site_at(100, 200, 0x2000);
    cr_expect_eq(rt_cache_link(&c, src, &l, 1), 0, "nothing to link to yet");
    cr_expect_eq(site_target(l.site), code + 200);

    RtBlock *t = add_compiled(&c, 0x2000, 8);
    t->compiled = (RtCompiledFn)(code + 1000);
    cr_expect_eq(rt_cache_link(&c, t, NULL, 0), 1, "the waiting site links to the new code");
    cr_expect_eq(site_target(l.site), code + 1000);

    t->compiled = (RtCompiledFn)(code + 2000); /* the full tier replaces it */
    cr_expect_eq(rt_cache_link(&c, t, NULL, 0), 1);
    cr_expect_eq(site_target(l.site), code + 2000, "the site follows the new code");

    t->compiled = (RtCompiledFn)((uintptr_t)code + (1ull << 33)); /* never run */
    cr_expect_eq(rt_cache_link(&c, t, NULL, 0), 0);
    cr_expect_eq(site_target(l.site), code + 200, "code beyond a rel32: back to the probe");

    t->compiled = (RtCompiledFn)(code + 3000);
    cr_expect_eq(rt_cache_link(&c, t, NULL, 0), 1);
    cr_expect_eq(rt_cache_invalidate(&c, 0x2000, 0x2004), 1);
    cr_expect_eq(site_target(l.site), code + 200, "a dropped target unlinks the site");

    t = add_compiled(&c, 0x2000, 8);
    t->compiled = (RtCompiledFn)(code + 4000);
    cr_expect_eq(rt_cache_link(&c, t, NULL, 0), 1, "compiled again: linked again");
    cr_expect_eq(site_target(l.site), code + 4000);

    /* The source is replaced (its code no longer runs): its site is left alone. */
    src->compiled = (RtCompiledFn)(code + 5000);
    t->compiled = (RtCompiledFn)(code + 6000);
    cr_expect_eq(rt_cache_link(&c, t, NULL, 0), 0);
    cr_expect_eq(site_target(l.site), code + 4000);

    /* A new region's sites link at once to targets that are compiled. */
    RtChainLink m = site_at(300, 400, 0x2000);
    cr_expect_eq(rt_cache_link(&c, src, &m, 1), 1);
    cr_expect_eq(site_target(m.site), code + 6000);
    rt_cache_destroy(&c);
}
