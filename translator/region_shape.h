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
 * guest instructions (AOT's switch block, whose pc is no guest address). Every cycle has
 * an edge along which the key does not rise, since the keys cannot rise all the way
 * round; for guest code these are backward branches. */
static inline uint64_t tr_poll_key(const IRBlock *b)
{
    return b->guest_insns ? b->pc : 0;
}

/* Per region block, the strongly connected component of the region's control flow it is
 * in (an id; blocks on a common cycle share it). The edges are the region's: constant
 * jumps and conditional exits to region blocks and, when goto_reg_target is not NULL (the
 * code generator keeps indirect jumps to those blocks in the region), every indirect jump
 * to every block flagged for its kind (tr_goto_reg_stays). n ids, owned by the caller
 * (free). */
uint32_t *tr_region_sccs(const IRBlock *const *blocks, size_t n, const uint8_t *goto_reg_target);

/* Whether the edge from region block `from` to region block `to` may close a loop and so
 * polls the exit request (and counts towards tier-up): a backward edge (tr_poll_key does
 * not rise) inside one component of tr_region_sccs. Every cycle has such an edge; a
 * backward jump that closes none (a switch case laid out after the function's return
 * jumping back to the join, say) does not poll. */
static inline bool tr_edge_polls(const IRBlock *const *blocks, const uint32_t *scc, size_t from,
                                 size_t to)
{
    return tr_poll_key(blocks[to]) <= tr_poll_key(blocks[from]) && scc[from] == scc[to];
}

/* Which region blocks an indirect jump may reach without leaving the region, by the
 * jump's kind (tr_goto_reg_stays):
 *   TR_TARGET_JUMP  plain jumps and calls: the entry and every block that no constant
 *                   edge of the region reaches (jump-table cases, call continuations)
 *   TR_TARGET_RET   returns: the return addresses of the region's calls
 * Each such block costs a compare, and with chaining a poll and an exit, in every GOTO_REG
 * of the region, so blocks reached by constant edges (rarely an indirect target) are left
 * out: an indirect jump to one leaves through the jump cache. A return to the entry of a
 * region that does not call it (a function's region: the entry is the function's start)
 * would put every block of the function on one cycle through the return, so that every
 * backward jump polled (measured in docs/translator.md, "Returns stay only at call
 * continuations"). n flags, owned by the caller (free). */
enum { TR_TARGET_JUMP = 1, TR_TARGET_RET = 2 };
uint8_t *tr_goto_reg_targets(const IRBlock *const *blocks, size_t n);

/* Whether a GOTO_REG of kind jump_kind (IRJumpKind) to region block k stays in the
 * region. */
static inline bool tr_goto_reg_stays(const uint8_t *targets, size_t k, uint8_t jump_kind)
{
    return targets[k] & (jump_kind == IR_JUMP_RET ? TR_TARGET_RET : TR_TARGET_JUMP);
}

#endif
