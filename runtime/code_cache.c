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

FvpError *rt_block_code(RtBlock *b, InterpCode **out)
{
    if (!b->code) {
        FvpError *err = interp_prepare(b->ir, &b->code);
        if (err)
            return fvp_error_wrap(err, "preparing the block at 0x%llx for the interpreter",
                                  (unsigned long long)b->pc);
    }
    *out = b->code;
    return NULL;
}

/* ---- Direct links -------------------------------------------------------------------------
 *
 *   links[target pc] = every link site (in installed regions) jumping to that pc
 *   a region installed at pc: its sites join links[their targets] (linked when the target
 *       has compiled code); the sites in links[pc] are linked to the new code
 *   the block at pc dropped: the sites in links[pc] go back to their probes (and stay
 *       listed, to link again when pc is compiled again)
 *   a site whose region is no longer the code at its entry pc is dead (replaced, dropped):
 *       forgotten when its list is next visited
 *
 * Only the owning thread runs and patches its regions' code, between compiled runs. */

typedef struct RtLinkRef {
    RtChainLink link;
    uint64_t src_pc;       /* the entry of the region whose code holds the site */
    RtCompiledFn src_code; /* that region's code when the site was recorded */
} RtLinkRef;

typedef struct RtLinkList {
    RtLinkRef *refs;
    size_t n, cap;
} RtLinkList;

static void link_set(const RtChainLink *l, const void *to)
{
    int32_t rel = (int32_t)((intptr_t)to - (intptr_t)(l->site + 4));
    memcpy(l->site, &rel, sizeof rel);
}

/* Points the site's jump at `to`, or back at its probe (false) when `to` is beyond a
 * rel32 (the site must not keep jumping to code `to` replaces). */
static bool link_point(const RtChainLink *l, const void *to)
{
    intptr_t d = (intptr_t)to - (intptr_t)(l->site + 4);
    if (d != (int32_t)d) {
        link_set(l, l->unlinked);
        return false;
    }
    link_set(l, to);
    return true;
}

static bool link_live(const RtCodeCache *c, const RtLinkRef *r)
{
    const RtBlock *src = u64map_get(&c->blocks, r->src_pc);
    return src && src->compiled == r->src_code;
}

/* Drops the list's dead sites. */
static void links_compact(const RtCodeCache *c, RtLinkList *l)
{
    size_t kept = 0;
    for (size_t k = 0; k < l->n; k++)
        if (link_live(c, &l->refs[k]))
            l->refs[kept++] = l->refs[k];
    l->n = kept;
}

static void links_free(RtCodeCache *c)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&c->links, &i, &key, &value);) {
        RtLinkList *l = value;
        free(l->refs);
        free(l);
    }
    u64map_free(&c->links);
}

uint64_t rt_cache_link(RtCodeCache *c, const RtBlock *b, const RtChainLink *links, size_t n)
{
    uint64_t linked = 0;
    for (size_t k = 0; k < n; k++) {
        RtLinkList *l = u64map_get(&c->links, links[k].target_pc);
        if (!l) {
            l = fvp_xcalloc(1, sizeof *l);
            u64map_put(&c->links, links[k].target_pc, l);
        }
        if (l->n == l->cap)
            links_compact(c, l);
        FVP_GROW(l->refs, l->cap, l->n + 1);
        l->refs[l->n++] = (RtLinkRef){.link = links[k], .src_pc = b->pc, .src_code = b->compiled};
        const RtBlock *t = u64map_get(&c->blocks, links[k].target_pc);
        if (t && t->compiled && link_point(&links[k], t->compiled))
            linked++;
    }
    RtLinkList *in = u64map_get(&c->links, b->pc);
    if (in) {
        links_compact(c, in);
        for (size_t k = 0; k < in->n; k++)
            linked += link_point(&in->refs[k].link, b->compiled);
    }
    return linked;
}

/* Chained code must not jump into a dropped block's code: only the block at pc owns the
 * slot keyed by pc (the dispatcher fills it with that block's compiled entry), and the
 * direct links to pc go back to their probes. */
static void forget_jump(RtCodeCache *c, uint64_t pc)
{
    RtJumpSlot *slot = rt_jump_slot(c->jump, pc);
    if (slot->pc == pc)
        *slot = (RtJumpSlot){0};
    RtLinkList *in = u64map_get(&c->links, pc);
    if (in) { /* kept: the sites link again when pc's code is compiled again */
        links_compact(c, in);
        for (size_t k = 0; k < in->n; k++)
            link_set(&in->refs[k].link, in->refs[k].link.unlinked);
    }
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
    u64map_init(&c->links);
    c->next_serial = 1;
    c->epoch = 0;
    c->jump = fvp_xcalloc(RT_JUMP_SLOTS, sizeof *c->jump);
}

void rt_cache_destroy(RtCodeCache *c)
{
    links_free(c); /* no block stays to be entered: the sites need not go back */
    blocks_free(c);
    free(c->jump);
    c->jump = NULL;
}

void rt_cache_flush(RtCodeCache *c)
{
    links_free(c); /* no block stays to be entered: the sites need not go back */
    u64map_init(&c->links);
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
