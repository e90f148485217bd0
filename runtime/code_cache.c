/* The code cache: translated blocks by guest pc, dropped whole or by guest address range (regions by any of their blocks). */
#include "runtime/runtime_internal.h"

#include <stdlib.h>
#include <string.h>

static void block_free(RtBlock *b)
{
    interp_code_free(b->code);
    ir_block_free(b->ir);
    free(b->region_ranges);
    free(b->region_pcs);
    free(b);
}

/* Chained code must not jump into a dropped block's code: only the block at pc owns the
 * slot keyed by pc (the dispatcher fills it with that block's compiled entry). */
static void forget_jump(RtCodeCache *c, uint64_t pc)
{
    RtJumpSlot *slot = rt_jump_slot(c->jump, pc);
    if (slot->pc == pc)
        *slot = (RtJumpSlot){0};
}

/* The map and the fast slots (the jump slots are the caller's business). */
static void blocks_init(RtCodeCache *c)
{
    u64map_init(&c->blocks);
    memset(c->fast, 0, sizeof c->fast);
}

/* Frees every block (and its jump slot, which points into its code). */
static void blocks_free(RtCodeCache *c)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&c->blocks, &i, &key, &value);) {
        forget_jump(c, key);
        block_free(value);
    }
    u64map_free(&c->blocks);
}

void rt_cache_init(RtCodeCache *c)
{
    blocks_init(c);
    c->next_serial = 1;
    c->epoch = 0;
    c->jump = fvp_xcalloc(RT_JUMP_SLOTS, sizeof *c->jump);
}

void rt_cache_destroy(RtCodeCache *c)
{
    blocks_free(c);
    free(c->jump);
    c->jump = NULL;
}

void rt_cache_flush(RtCodeCache *c)
{
    blocks_free(c);
    blocks_init(c); /* next_serial goes on: serials stay unique across flushes */
    c->epoch++;
}

uint64_t rt_cache_invalidate(RtCodeCache *c, uint64_t start, uint64_t end)
{
    uint64_t *doomed = NULL;
    size_t count = 0, cap = 0;
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&c->blocks, &i, &key, &value);) {
        const RtBlock *b = value;
        bool hit = b->pc < end && b->end > start;
        for (size_t r = 0; !hit && r < b->nregion_ranges; r++)
            hit = b->region_ranges[2 * r] < end && b->region_ranges[2 * r + 1] > start;
        if (hit) {
            FVP_GROW(doomed, cap, count + 1);
            doomed[count++] = key;
        }
    }
    if (count) {
        memset(c->fast, 0, sizeof c->fast);
        c->epoch++;
    }
    for (size_t i = 0; i < count; i++) {
        forget_jump(c, doomed[i]);
        block_free(u64map_remove(&c->blocks, doomed[i]));
    }
    free(doomed);
    return count;
}
