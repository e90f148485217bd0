/* Region facts shared by the LLVM lowering and the baseline compiler (region_shape.h). */
#include "translator/region_shape.h"

#include <stdlib.h>

#include "common/common.h"

size_t tr_region_index(const IRBlock *const *blocks, size_t n, uint64_t pc)
{
    size_t k = 0;
    while (k < n && blocks[k]->pc != pc)
        k++;
    return k;
}

uint8_t *tr_goto_reg_targets(const IRBlock *const *blocks, size_t n)
{
    uint8_t *target = fvp_xcalloc(n, sizeof *target);
    for (size_t k = 0; k < n; k++)
        target[k] = TR_TARGET_JUMP;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < blocks[i]->count; j++) {
            const IRInsn *in = &blocks[i]->insns[j];
            if ((in->op == IR_GOTO || in->op == IR_GOTO_REG) && in->cond == IR_JUMP_CALL) {
                size_t k = tr_region_index(blocks, n, in->imm2);
                if (k < n)
                    target[k] |= TR_TARGET_RET;
            }
            if (in->op != IR_EXIT_IF && in->op != IR_GOTO)
                continue;
            size_t k = tr_region_index(blocks, n, in->imm);
            if (k > 0 && k < n)
                target[k] &= (uint8_t)~TR_TARGET_JUMP;
        }
    return target;
}

/* The region's edges as adjacency lists (CSR), with two extra nodes for the indirect
 * jumps, n for plain ones and calls, n + 1 for returns: each block with a GOTO_REG has an
 * edge to the node of its kind, which has one to every target flagged for that kind; this
 * keeps the edge count linear (a path through a node is a real indirect jump). */
typedef struct {
    size_t nodes;
    size_t *start; /* nodes + 1 */
    size_t *to;
} Graph;

static size_t graph_edges(const IRBlock *const *blocks, size_t n, const uint8_t *target, size_t v,
                          size_t *out)
{
    size_t m = 0;
    if (v >= n) {
        uint8_t kind = v == n ? IR_JUMP_PLAIN : IR_JUMP_RET;
        for (size_t k = 0; target && k < n; k++)
            if (tr_goto_reg_stays(target, k, kind)) {
                if (out)
                    out[m] = k;
                m++;
            }
        return m;
    }
    const IRBlock *b = blocks[v];
    for (size_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        size_t w = SIZE_MAX; /* no edge */
        if (in->op == IR_EXIT_IF || in->op == IR_GOTO) {
            size_t k = tr_region_index(blocks, n, in->imm);
            w = k < n ? k : SIZE_MAX;
        } else if (in->op == IR_GOTO_REG && target) {
            w = in->cond == IR_JUMP_RET ? n + 1 : n;
        }
        if (w != SIZE_MAX) {
            if (out)
                out[m] = w;
            m++;
        }
    }
    return m;
}

static Graph graph_build(const IRBlock *const *blocks, size_t n, const uint8_t *target)
{
    Graph g = {.nodes = n + 2};
    g.start = fvp_xcalloc(g.nodes + 1, sizeof *g.start);
    for (size_t v = 0; v < g.nodes; v++)
        g.start[v + 1] = g.start[v] + graph_edges(blocks, n, target, v, NULL);
    g.to = fvp_xcalloc(g.start[g.nodes] ? g.start[g.nodes] : 1, sizeof *g.to);
    for (size_t v = 0; v < g.nodes; v++)
        graph_edges(blocks, n, target, v, g.to + g.start[v]);
    return g;
}

/* Tarjan's algorithm, iterative (AOT functions have up to thousands of blocks). */
uint32_t *tr_region_sccs(const IRBlock *const *blocks, size_t n, const uint8_t *goto_reg_target)
{
    Graph g = graph_build(blocks, n, goto_reg_target);
    size_t N = g.nodes;
    const size_t unset = SIZE_MAX;
    size_t *index = fvp_xcalloc(N, sizeof *index), *low = fvp_xcalloc(N, sizeof *low);
    size_t *next = fvp_xcalloc(N, sizeof *next); /* per node: its next edge to follow */
    size_t *stack = fvp_xcalloc(N, sizeof *stack), *frames = fvp_xcalloc(N, sizeof *frames);
    bool *on_stack = fvp_xcalloc(N, sizeof *on_stack);
    uint32_t *scc = fvp_xcalloc(N, sizeof *scc);
    size_t counter = 0, sp = 0, fp = 0;
    uint32_t ids = 0;
    for (size_t v = 0; v < N; v++)
        index[v] = unset;
    for (size_t root = 0; root < N; root++) {
        if (index[root] != unset)
            continue;
        frames[fp++] = root;
        index[root] = low[root] = counter++;
        next[root] = g.start[root];
        stack[sp++] = root;
        on_stack[root] = true;
        while (fp) {
            size_t v = frames[fp - 1];
            if (next[v] < g.start[v + 1]) {
                size_t w = g.to[next[v]++];
                if (index[w] == unset) {
                    index[w] = low[w] = counter++;
                    next[w] = g.start[w];
                    stack[sp++] = w;
                    on_stack[w] = true;
                    frames[fp++] = w;
                } else if (on_stack[w] && index[w] < low[v]) {
                    low[v] = index[w];
                }
                continue;
            }
            if (low[v] == index[v]) { /* v roots a component: pop it */
                size_t w;
                do {
                    w = stack[--sp];
                    on_stack[w] = false;
                    scc[w] = ids;
                } while (w != v);
                ids++;
            }
            fp--;
            if (fp && low[v] < low[frames[fp - 1]])
                low[frames[fp - 1]] = low[v];
        }
    }
    free(index);
    free(low);
    free(next);
    free(stack);
    free(frames);
    free(on_stack);
    free(g.start);
    free(g.to);
    return scc; /* N ids; the callers read the first n */
}
