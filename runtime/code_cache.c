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

void rt_cache_init(RtCodeCache *c)
{
    u64map_init(&c->blocks);
    c->next_serial = 1;
    memset(c->fast, 0, sizeof c->fast);
    memset(c->jump, 0, sizeof c->jump);
}

void rt_cache_destroy(RtCodeCache *c)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&c->blocks, &i, &key, &value);)
        block_free(value);
    u64map_free(&c->blocks);
}

void rt_cache_flush(RtCodeCache *c)
{
    uint64_t serial = c->next_serial, epoch = c->epoch;
    rt_cache_destroy(c);
    rt_cache_init(c);
    c->next_serial = serial; /* serials stay unique across flushes */
    c->epoch = epoch + 1;
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
        memset(c->jump, 0, sizeof c->jump);
        c->epoch++;
    }
    for (size_t i = 0; i < count; i++)
        block_free(u64map_remove(&c->blocks, doomed[i]));
    free(doomed);
    return count;
}
