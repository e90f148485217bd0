/* Region formation: which translated blocks the compiler gets as one LLVM function when a
 * block becomes hot. Policy only; the dispatcher (dispatch.c) submits the result. */
#include "runtime/runtime_internal.h"

/*
 *   hot block b --> blocks[0]
 *     breadth first over blocks[q]: constant-pc exits (EXIT_IF, GOTO) and, after a
 *     GOTO_REG, the successors the dispatcher saw (links)
 *       cold block, warm enough       --> member (its count restarts)
 *       compiled/queued block that
 *         jumps straight back to b    --> member (closes the loop: b's loop nest in one
 *                                         function, not two regions chained per iteration)
 *       anything else                 --> an exit of the region
 */

/* Upper bound on the IR instructions of one region: LLVM's time grows faster than
 * linearly with function size, and a region this big already covers a hot loop nest. */
enum { REGION_MAX_IR_INSNS = 4000 };

typedef struct Forming {
    RtCodeCache *cache;
    uint64_t warm; /* dispatcher entries a cold block needs to join */
    size_t max, n, ir_insns;
    const IRBlock **blocks;
    uint64_t *serials;
} Forming;

/* True if ir has a constant-pc exit to pc. */
static bool jumps_to(const IRBlock *ir, uint64_t pc)
{
    for (size_t i = 0; i < ir->count; i++)
        if ((ir->insns[i].op == IR_EXIT_IF || ir->insns[i].op == IR_GOTO) && ir->insns[i].imm == pc)
            return true;
    return false;
}

static bool admissible(const Forming *f, const RtBlock *m)
{
    if (!m || !m->ir || f->ir_insns + m->ir->count > REGION_MAX_IR_INSNS)
        return false;
    switch ((RtTierState)m->tier) {
    case RT_TIER_COLD:
        return m->exec_count >= f->warm;
    case RT_TIER_QUEUED:
    case RT_TIER_COMPILED:
        /* Hot already, in a region of its own. Measured (docs/translator.md): taking
         * every such block grew compile time more than it saved; taking those that close
         * a loop through the entry ran matmul 1.3x and fft 2x faster. */
        return jumps_to(m->ir, f->blocks[0]->pc);
    case RT_TIER_FAILED:
        return false;
    }
    return false;
}

static void try_add(Forming *f, uint64_t pc)
{
    RtBlock *m = u64map_get(&f->cache->blocks, pc);
    if (f->n >= f->max || !admissible(f, m))
        return;
    for (size_t k = 0; k < f->n; k++)
        if (f->blocks[k]->pc == m->pc)
            return;
    f->blocks[f->n] = m->ir;
    f->serials[f->n++] = m->serial;
    f->ir_insns += m->ir->count;
}

/* A cold successor must have run at least 1/16 as often as the threshold. */
size_t rt_region_form(RtCodeCache *c, RtBlock *b, uint32_t threshold, size_t max,
                      const IRBlock **blocks, uint64_t *serials)
{
    Forming f = {.cache = c,
                 .warm = FVP_MAX(threshold / 16, 1u),
                 .max = max,
                 .n = 1,
                 .ir_insns = b->ir->count,
                 .blocks = blocks,
                 .serials = serials};
    blocks[0] = b->ir;
    serials[0] = b->serial;
    for (size_t q = 0; q < f.n && f.n < max; q++) {
        const IRBlock *ir = blocks[q];
        for (size_t i = 0; i < ir->count; i++) {
            const IRInsn *in = &ir->insns[i];
            if (in->op == IR_EXIT_IF || in->op == IR_GOTO)
                try_add(&f, in->imm);
        }
        if (ir->count && ir->insns[ir->count - 1].op == IR_GOTO_REG) {
            const RtBlock *src = u64map_get(&c->blocks, ir->pc);
            for (int k = 0; src && k < RT_BLOCK_LINKS; k++)
                if (src->links[k].block && src->links[k].epoch == c->epoch)
                    try_add(&f, src->links[k].pc);
        }
    }
    return f.n;
}

/* Cold members restart their count: they become region entries of their own only if the
 * dispatcher keeps entering them (measured: compiling every hot block's successors again
 * in its own region doubled compile time for nothing). Not done by rt_region_form, which
 * the dispatcher also calls to look at a region it may not submit. */
void rt_region_commit(RtCodeCache *c, const IRBlock *const *blocks, size_t n)
{
    for (size_t k = 1; k < n; k++) {
        RtBlock *m = u64map_get(&c->blocks, blocks[k]->pc);
        if (m && m->tier == RT_TIER_COLD)
            m->exec_count = 0;
    }
}
