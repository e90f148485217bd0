/* Facts about a region's blocks that both code generators (the LLVM lowering and the
 * baseline compiler) act on, so the two compile the same region shape. */
#ifndef FVP_TRANSLATOR_REGION_SHAPE_H
#define FVP_TRANSLATOR_REGION_SHAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ir/ir.h"

/* The index of the region block at pc, or n if none is. */
size_t tr_region_index(const IRBlock *const *blocks, size_t n, uint64_t pc);

/* The order that decides which region edges poll: the guest pc, and 0 for a block without
 * guest instructions (AOT's switch block, whose pc is no guest address). An edge from
 * `from` to `to` may close a loop when the key does not rise along it: every cycle has
 * such an edge, since the keys cannot rise all the way round; for guest code these are the
 * backward branches. Those edges poll the exit request. */
static inline uint64_t tr_poll_key(const IRBlock *b)
{
    return b->guest_insns ? b->pc : 0;
}

static inline bool tr_edge_polls(const IRBlock *from, const IRBlock *to)
{
    return tr_poll_key(to) <= tr_poll_key(from);
}

/* The region blocks an indirect jump may reach without leaving the region: the entry and
 * every block that no constant edge of the region reaches (call continuations reached by
 * returns, jump-table cases). Each such block costs a compare, and with chaining a poll
 * and an exit, in every GOTO_REG of the region, so blocks reached by constant edges
 * (rarely an indirect target) are left out: an indirect jump to one leaves through the
 * jump cache. n flags, owned by the caller (free). */
bool *tr_goto_reg_targets(const IRBlock *const *blocks, size_t n);

#endif
