/* Region shape facts shared by both code generators (translator/region_shape.c): which
 * region edges poll the exit request. Every cycle must keep a polling edge (else a guest
 * loop in compiled code never lets the dispatcher in); a backward jump on no cycle must not
 * poll (it costs a poll and a tier-up count on every run). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "translator/region_shape.h"

enum { MAXB = 4096 };

/* A block at pc with one guest instruction: exit_if -> if_to (when not 0), then goto
 * goto_to, or a GOTO_REG when goto_to is 0. */
static IRBlock *block(uint64_t pc, uint64_t if_to, uint64_t goto_to)
{
    IRBlock *b = ir_block_new(pc);
    ir_insn_start(b, pc, 4);
    uint32_t x = ir_get(b, IR_I64, 16);
    if (if_to)
        ir_exit_if(b, ir_cmp(b, IR_CC_NE, x, ir_const(b, IR_I64, 0)), if_to);
    if (goto_to)
        ir_goto(b, goto_to, IR_JUMP_PLAIN, 0);
    else
        ir_goto_reg(b, x, IR_JUMP_PLAIN, 0);
    return b;
}

static void free_blocks(IRBlock **b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        ir_block_free(b[k]);
}

Test(region_shape, loop_back_edge_polls_forward_edges_do_not)
{
    /* 0x100 -> 0x104 -> (back to 0x100 | out to 0x200) */
    IRBlock *b[2] = {block(0x100, 0, 0x104), block(0x104, 0x100, 0x200)};
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint32_t *scc = tr_region_sccs(bb, 2, NULL);
    cr_expect(tr_edge_polls(bb, scc, 1, 0), "the loop's back edge must poll");
    cr_expect(!tr_edge_polls(bb, scc, 0, 1), "a forward edge polls");
    free(scc);
    free_blocks(b, 2);
}

Test(region_shape, self_loop_polls)
{
    IRBlock *b[1] = {block(0x100, 0x100, 0x104)};
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint32_t *scc = tr_region_sccs(bb, 1, NULL);
    cr_expect(tr_edge_polls(bb, scc, 0, 0));
    free(scc);
    free_blocks(b, 1);
}

/* A switch case laid out after the function's return, jumping back to the join: backward
 * in pc, on no cycle. */
Test(region_shape, backward_jump_on_no_cycle_does_not_poll)
{
    /* 0: 0x100 -> (0x120 | 0x104); 1: 0x104 join, returns (GOTO_REG); 2: 0x120 -> 0x104 */
    IRBlock *b[3] = {block(0x100, 0x120, 0x104), block(0x104, 0, 0), block(0x120, 0, 0x104)};
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint32_t *scc = tr_region_sccs(bb, 3, NULL);
    cr_expect(!tr_edge_polls(bb, scc, 2, 1), "a backward jump on no cycle polls");
    free(scc);
    /* When the return may stay in the region (an indirect jump to the entry, a flagged
     * target), the same edge is on a cycle through it. */
    uint8_t *targets = tr_goto_reg_targets(bb, 3);
    cr_assert(tr_goto_reg_stays(targets, 0, IR_JUMP_PLAIN),
              "the entry is always a plain indirect jump's target");
    scc = tr_region_sccs(bb, 3, targets);
    cr_expect(tr_edge_polls(bb, scc, 2, 1), "a cycle through an indirect jump lost its poll");
    free(scc);
    free(targets);
    free_blocks(b, 3);
}

/* AOT's switch block (no guest instructions, poll key 0) entered again by an indirect
 * jump: that edge closes the loop. */
Test(region_shape, cycle_through_a_synthetic_block_polls)
{
    IRBlock *sw = ir_block_new(0);
    uint32_t pc = ir_get(sw, IR_I64, 0);
    ir_exit_if(sw, ir_cmp(sw, IR_CC_EQ, pc, ir_const(sw, IR_I64, 0x100)), 0x100);
    ir_goto(sw, 0x104, IR_JUMP_PLAIN, 0);
    IRBlock *b[3] = {sw, block(0x100, 0, 0x104), block(0x104, 0, 0)};
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint8_t targets[3] = {TR_TARGET_JUMP, 0, 0};
    uint32_t *scc = tr_region_sccs(bb, 3, targets);
    cr_expect(!tr_edge_polls(bb, scc, 0, 1));
    cr_expect(!tr_edge_polls(bb, scc, 1, 2));
    cr_expect(scc[0] == scc[2], "the indirect jump back to the switch block is an edge");
    free(scc);
    free_blocks(b, 3);
}

/* One cycle through thousands of blocks (AOT functions are that big): the components are
 * found without deep recursion, and only the jump back to the first block polls. */
Test(region_shape, long_cycle)
{
    static IRBlock *b[MAXB];
    for (size_t k = 0; k < MAXB; k++) {
        uint64_t next = k + 1 < MAXB ? 0x1000 + 4 * (k + 1) : 0x1000;
        b[k] = block(0x1000 + 4 * k, 0, next);
    }
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint32_t *scc = tr_region_sccs(bb, MAXB, NULL);
    for (size_t k = 0; k + 1 < MAXB; k++) {
        cr_assert(scc[k] == scc[k + 1], "block %zu left the cycle", k);
        cr_assert(!tr_edge_polls(bb, scc, k, k + 1));
    }
    cr_expect(tr_edge_polls(bb, scc, MAXB - 1, 0));
    free(scc);
    free_blocks(b, MAXB);
}

/* Two loops one after the other, joined by a backward jump that is on neither. */
Test(region_shape, sibling_loops_keep_their_own_polls)
{
    /* loop A: 0x200 <-> 0x204 (back 0x204 -> 0x200); then 0x204 -> 0x100;
     * loop B: 0x100 <-> 0x104 (back 0x104 -> 0x100); 0x104 -> out 0x300 */
    IRBlock *b[4] = {block(0x200, 0, 0x204), block(0x204, 0x200, 0x100), block(0x100, 0, 0x104),
                     block(0x104, 0x100, 0x300)};
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint32_t *scc = tr_region_sccs(bb, 4, NULL);
    cr_expect(tr_edge_polls(bb, scc, 1, 0), "loop A's back edge");
    cr_expect(tr_edge_polls(bb, scc, 3, 2), "loop B's back edge");
    cr_expect(!tr_edge_polls(bb, scc, 1, 2), "the jump from loop A down to loop B");
    free(scc);
    free_blocks(b, 4);
}

/* A function's region: the return does not stay in the region at its entry (no call in
 * the region returns there), so the backward jump from the case laid out after the return
 * to the join is on no cycle; a return to a call continuation of the region stays. */
Test(region_shape, returns_stay_only_at_call_continuations)
{
    /* 0: 0x100 -> (0x120 | 0x104); 1: 0x104 join, returns; 2: 0x120 -> 0x104 */
    IRBlock *b[3] = {block(0x100, 0x120, 0x104), block(0x104, 0, 0), block(0x120, 0, 0x104)};
    b[1]->insns[b[1]->count - 1].cond = IR_JUMP_RET;
    const IRBlock *const *bb = (const IRBlock *const *)b;
    uint8_t *targets = tr_goto_reg_targets(bb, 3);
    cr_expect(!tr_goto_reg_stays(targets, 0, IR_JUMP_RET), "a return to the function's start");
    cr_expect(tr_goto_reg_stays(targets, 0, IR_JUMP_PLAIN));
    uint32_t *scc = tr_region_sccs(bb, 3, targets);
    cr_expect(!tr_edge_polls(bb, scc, 2, 1), "the return made the join a loop");
    free(scc);
    free(targets);
    free_blocks(b, 3);

    /* 0: 0x200 calls 0x300 (return address 0x204); 1: 0x300 returns; 2: 0x204 -> 0x200 */
    IRBlock *c[3] = {ir_block_new(0x200), block(0x300, 0, 0), block(0x204, 0, 0x200)};
    ir_insn_start(c[0], 0x200, 4);
    ir_goto(c[0], 0x300, IR_JUMP_CALL, 0x204);
    c[1]->insns[c[1]->count - 1].cond = IR_JUMP_RET;
    const IRBlock *const *cc = (const IRBlock *const *)c;
    targets = tr_goto_reg_targets(cc, 3);
    cr_expect(tr_goto_reg_stays(targets, 2, IR_JUMP_RET), "the call's continuation");
    cr_expect(!tr_goto_reg_stays(targets, 1, IR_JUMP_RET), "the callee is no return target");
    scc = tr_region_sccs(cc, 3, targets);
    cr_expect(scc[0] == scc[1] && scc[1] == scc[2], "call, return, loop back: one cycle");
    cr_expect(tr_edge_polls(cc, scc, 2, 0));
    free(scc);
    free(targets);
    free_blocks(c, 3);
}
