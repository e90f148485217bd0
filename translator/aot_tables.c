/* AOT jump-table discovery: constant registers over the lifted blocks, then each indirect
 * jump evaluated for every index its bounds check lets through. */
#include "translator/aot_internal.h"

#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "runtime/interp.h"

/*
 * A compiler's switch becomes, in every guest ISA (RISC-V and AArch64 keep relative offsets,
 * x86-64 PIC code too, so the tables hold no code pointers for the data scan to find):
 *
 *   P:  ... bounds check: exit to `default` unless idx <= N-1 (unsigned) ... -> B
 *   B:  target = f(idx, base, loads from the read-only table); goto_reg target
 *
 * where base registers were set earlier in the function (often outside the loop holding
 * the switch). So, without any ISA pattern:
 *
 *   1. constant registers: a forward dataflow over the lifted blocks (state slots of 8
 *      bytes; a block's IR folded with interp_int_compute and loads from read-only
 *      segments). Function entries and the blocks after calls, syscalls and code syncs
 *      start with nothing known; a block's state is the meet of its predecessors'.
 *   2. for an unresolved plain goto_reg in B, each register idx that B reads and that is not
 *      constant: probe each predecessor P with idx = v (P's last write of idx forced to v,
 *      so `idx = x - min; check idx` works), v = 0, 1, ... until P no longer reaches B. That
 *      gives N when v = N, 2^31, 2^32-1 and 2^64-1 leave elsewhere too (an unsigned check;
 *      a signed one lets negative values through and is not trusted).
 *   3. evaluate B with idx = 0 .. N-1: every target must fold to a constant; the targets
 *      that are code become weak entries (they join the function, whose own goto_reg then
 *      switches to them inside the LLVM function).
 *
 * A wrong guess costs translation time only: the runtime enters translated code at a pc only
 * when the block lifted there at run time hashes to the translated one, and nothing but
 * the dispatcher decides where code goes.
 */

enum {
    JT_MAX_SLOTS = 128,  /* known state slots tracked per state (more are dropped) */
    JT_MAX_CASES = 4096, /* indices probed per table */
    JT_MAX_CANDIDATES = 4,
    JT_MAX_TARGETS = 256, /* distinct targets of a table without a bounds check */
};

typedef struct JtSlot {
    uint32_t off; /* state offset, a multiple of 8 */
    uint64_t v;
} JtSlot;

typedef struct JtState {
    uint32_t n;
    JtSlot s[JT_MAX_SLOTS];
} JtState;

typedef struct JtVal {
    uint64_t v;
    bool known;
} JtVal;

/* A block's entry state as the dataflow knows it. */
typedef struct JtBlock {
    const IRBlock *ir;
    JtSlot *slots; /* owned, sorted by off */
    uint32_t nslots;
    bool seen, queued, root;
    uint32_t *preds; /* indices into JtCtx.blocks (owned) */
    size_t npreds, cappreds;
} JtBlock;

typedef struct JtCtx {
    const TrAotScan *scan;
    TrAotTables *tables; /* scan->prog->tables */
    JtBlock *blocks;
    size_t nblocks;
    U64Map index; /* pc -> index + 1 */
    JtVal *vals;  /* per IR instruction of the block being evaluated */
    size_t capvals;
    uint32_t *work; /* blocks whose entry state changed */
    size_t nwork, capwork;
} JtCtx;

/* ---- States ----------------------------------------------------------------------------- */

static JtSlot *state_find(JtState *st, uint32_t off)
{
    for (uint32_t i = 0; i < st->n; i++)
        if (st->s[i].off == off)
            return &st->s[i];
    return NULL;
}

static void state_set(JtState *st, uint32_t off, uint64_t v)
{
    JtSlot *s = state_find(st, off);
    if (s)
        s->v = v;
    else if (st->n < JT_MAX_SLOTS)
        st->s[st->n++] = (JtSlot){off, v};
}

/* Forgets every slot overlapping [off, off + size). */
static void state_forget(JtState *st, uint64_t off, uint64_t size)
{
    for (uint32_t i = 0; i < st->n;) {
        if (st->s[i].off < off + size && off < (uint64_t)st->s[i].off + 8)
            st->s[i] = st->s[--st->n];
        else
            i++;
    }
}

static int cmp_slot(const void *a, const void *b)
{
    uint32_t x = ((const JtSlot *)a)->off, y = ((const JtSlot *)b)->off;
    return (x > y) - (x < y);
}

static void state_load(JtState *st, const JtBlock *b)
{
    st->n = b->nslots;
    memcpy(st->s, b->slots, b->nslots * sizeof *b->slots);
}

/* Merges st into b's entry state (the first arrival copies it, later ones intersect);
 * true if b's state changed. */
static bool state_meet(JtBlock *b, JtState *st)
{
    qsort(st->s, st->n, sizeof *st->s, cmp_slot);
    if (!b->seen) {
        b->seen = true;
        b->slots = fvp_xcalloc(st->n ? st->n : 1, sizeof *b->slots);
        memcpy(b->slots, st->s, st->n * sizeof *st->s);
        b->nslots = st->n;
        return true;
    }
    uint32_t out = 0;
    for (uint32_t i = 0, j = 0; i < b->nslots && j < st->n;) {
        if (b->slots[i].off < st->s[j].off)
            i++;
        else if (b->slots[i].off > st->s[j].off)
            j++;
        else {
            if (b->slots[i].v == st->s[j].v)
                b->slots[out++] = b->slots[i];
            i++;
            j++;
        }
    }
    bool changed = out != b->nslots;
    b->nslots = out;
    return changed;
}

/* ---- Evaluating one block ----------------------------------------------------------------- */

static uint64_t mask_bits(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* Bits of a scalar integer type of at most 64 bits, else 0. */
static unsigned int_bits(uint8_t type)
{
    if (!ir_type_is_int((IRType)type))
        return 0;
    unsigned bits = ir_type_bits((IRType)type);
    return bits <= 64 ? bits : 0;
}

typedef void (*JtEdgeFn)(JtCtx *c, uint64_t target, JtState *st);

/* What one evaluation found. leaves: the pc control goes to when that is decided by
 * constants (an exit taken or the final plain goto); goto_reg: the indirect target. */
typedef struct JtResult {
    bool leaves_known;
    uint64_t leaves;
    JtVal goto_reg;
} JtResult;

/* Evaluates b from st (consumed). force_id (if < b->count) has its value replaced by
 * force_v. edge (optional) receives every exit that may be taken with the state there. */
static JtResult eval_block(JtCtx *c, const IRBlock *b, JtState *st, size_t force_id,
                           uint64_t force_v, JtEdgeFn edge)
{
    JtResult r = {0};
    bool undecided = false; /* an exit whose condition is unknown may have been taken */
    FVP_GROW(c->vals, c->capvals, b->count);
    JtVal *vals = c->vals;
    for (size_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        JtVal a[3] = {{0}};
        for (unsigned k = 0; k < in->nargs && k < 3; k++)
            a[k] = vals[in->args[k]];
        unsigned bits = int_bits(in->type);
        JtVal v = {0};
        if (in->op == IR_CONST) {
            v = (JtVal){in->imm & mask_bits(bits), bits != 0};
        } else if (in->op == IR_GET) {
            JtSlot *s = in->imm % 8 == 0 && bits ? state_find(st, (uint32_t)in->imm) : NULL;
            if (s)
                v = (JtVal){s->v & mask_bits(bits), true};
        } else if (in->op == IR_PUT) {
            IRType t = ir_value_type(b, in->args[0]);
            uint64_t size = (ir_type_bits(t) + 7) / 8, abits = int_bits((uint8_t)t);
            uint64_t m = mask_bits((unsigned)size * 8);
            JtSlot *s = in->imm % 8 == 0 && size <= 8 ? state_find(st, (uint32_t)in->imm) : NULL;
            if (a[0].known && abits && in->imm % 8 == 0 && size == 8)
                state_set(st, (uint32_t)in->imm, a[0].v);
            else if (a[0].known && abits && s) /* a narrower write into a known slot */
                s->v = (s->v & ~m) | (a[0].v & m);
            else
                state_forget(st, in->imm, size);
        } else if (in->op >= IR_ADD && in->op <= IR_SSUBO && in->lane == IR_LANE_NONE) {
            bool ok = bits != 0;
            for (unsigned k = 0; k < in->nargs; k++)
                ok = ok && a[k].known && int_bits(ir_value_type(b, in->args[k]));
            if (ok) {
                unsigned src_w = ir_type_bits(ir_value_type(b, in->args[0]));
                v = (JtVal){(uint64_t)interp_int_compute(in->op, in->cond, bits, src_w, a[0].v,
                                                         a[1].v, a[2].v),
                            true};
            }
        } else if (in->op == IR_LOAD) {
            uint64_t x;
            if (bits && bits % 8 == 0 && a[0].known &&
                c->scan->read_only(c->scan->ctx, a[0].v, bits / 8, &x))
                v = (JtVal){x & mask_bits(bits), true};
        } else if (in->op == IR_HELPER) {
            /* Pure helpers leave the state alone; the others may write registers. */
            if (in->imm >= IR_HELPER_COUNT || !(ir_helper_info[in->imm].flags & IRH_PURE))
                st->n = 0;
        } else if (in->op == IR_EXIT_IF) {
            bool taken = a[0].known && (a[0].v & 1);
            if (taken || !a[0].known) {
                if (edge)
                    edge(c, in->imm, st);
                if (taken) {
                    r.leaves_known = !undecided;
                    r.leaves = in->imm;
                    return r;
                }
                if (!edge)
                    return r; /* a probe: where control goes depends on unknown values */
                undecided = true;
            }
        } else if (in->op == IR_GOTO && in->cond == IR_JUMP_PLAIN) {
            if (edge)
                edge(c, in->imm, st);
            r.leaves_known = !undecided;
            r.leaves = in->imm;
        } else if (in->op == IR_GOTO_REG) {
            r.goto_reg = a[0];
        } /* anything else: an unknown result (FP ops write only IRStateHeader fields) */
        if (i == force_id)
            v = (JtVal){force_v & mask_bits(bits), bits != 0};
        vals[i] = v;
    }
    return r;
}

/* ---- The dataflow ----------------------------------------------------------------------- */

static JtBlock *block_at(JtCtx *c, uint64_t pc)
{
    uintptr_t k = (uintptr_t)u64map_get(&c->index, pc);
    return k ? &c->blocks[k - 1] : NULL;
}

static void push_block(JtCtx *c, JtBlock *b)
{
    if (b->queued)
        return;
    b->queued = true;
    FVP_GROW(c->work, c->capwork, c->nwork + 1);
    c->work[c->nwork++] = (uint32_t)(b - c->blocks);
}

static void flow_edge(JtCtx *c, uint64_t target, JtState *st)
{
    JtBlock *t = block_at(c, target);
    if (!t || t->root)
        return;
    if (state_meet(t, st)) /* sorts st: the order of its slots does not matter */
        push_block(c, t);
}

static void add_pred(JtCtx *c, uint64_t target, uint32_t pred)
{
    JtBlock *t = block_at(c, target);
    if (!t)
        return;
    for (size_t i = 0; i < t->npreds; i++)
        if (t->preds[i] == pred)
            return;
    FVP_GROW(t->preds, t->cappreds, t->npreds + 1);
    t->preds[t->npreds++] = pred;
}

static void mark_root(JtCtx *c, uint64_t pc)
{
    JtBlock *t = block_at(c, pc);
    if (t)
        t->root = true;
}

/* Predecessor lists and roots from each block's constant exits. */
static void graph_build(JtCtx *c)
{
    const TrAotProgram *prog = c->scan->prog;
    for (size_t i = 0; i < c->nblocks; i++) {
        const IRBlock *b = c->blocks[i].ir;
        uintptr_t entry = (uintptr_t)u64map_get(&prog->func_entries, b->pc);
        /* A weak entry found through a table is reached from its table only. */
        if (entry == TR_AOT_ENTRY_STRONG || u64map_get(&prog->cross_entries, b->pc) ||
            (entry == TR_AOT_ENTRY_WEAK && !u64map_get(&c->tables->targets, b->pc)))
            c->blocks[i].root = true;
        const TrAotTable *t = u64map_get(&c->tables->by_block, b->pc);
        for (size_t k = 0; t && k < t->n; k++)
            add_pred(c, t->pcs[k], (uint32_t)i);
        for (size_t k = 0; k < b->count; k++) {
            const IRInsn *in = &b->insns[k];
            if (in->op == IR_EXIT_IF || (in->op == IR_GOTO && in->cond == IR_JUMP_PLAIN))
                add_pred(c, in->imm, (uint32_t)i);
            else if ((in->op == IR_GOTO || in->op == IR_GOTO_REG) && in->cond == IR_JUMP_CALL)
                mark_root(c, in->imm2); /* registers come back from the callee */
            else if (in->op == IR_SYSCALL || in->op == IR_SYNC_CODE)
                mark_root(c, in->imm);
        }
    }
    for (size_t i = 0; i < c->nblocks; i++)
        if (!c->blocks[i].npreds)
            c->blocks[i].root = true;
}

static void flow_run(JtCtx *c)
{
    JtState *st = fvp_xmalloc(sizeof *st);
    for (size_t i = 0; i < c->nblocks; i++)
        if (c->blocks[i].root) {
            st->n = 0;
            state_meet(&c->blocks[i], st);
            push_block(c, &c->blocks[i]);
        }
    while (c->nwork) {
        JtBlock *b = &c->blocks[c->work[--c->nwork]];
        b->queued = false;
        state_load(st, b);
        JtResult r = eval_block(c, b->ir, st, SIZE_MAX, 0, flow_edge);
        const TrAotTable *t = u64map_get(&c->tables->by_block, b->ir->pc);
        for (size_t k = 0; t && !r.leaves_known && k < t->n; k++)
            flow_edge(c, t->pcs[k], st);
    }
    free(st);
}

/* ---- Tables ------------------------------------------------------------------------------ */

/* The instruction whose value p's state holds in slot off at p's end: its last PUT there,
 * else SIZE_MAX (the slot keeps its entry value). */
static size_t last_put(const IRBlock *p, uint32_t off, bool *touched)
{
    size_t id = SIZE_MAX;
    *touched = false;
    for (size_t k = 0; k < p->count; k++) {
        const IRInsn *in = &p->insns[k];
        if (in->op != IR_PUT)
            continue;
        uint64_t size = (ir_type_bits(ir_value_type(p, in->args[0])) + 7) / 8;
        if (in->imm == off && size == 8)
            id = in->args[0];
        else if (in->imm < (uint64_t)off + 8 && off < in->imm + size)
            *touched = true; /* a partial write: not a plain index */
    }
    return id;
}

/* Whether p reaches pc with slot off = v at its end: 1 yes, 0 no, -1 unknown. */
static int probe(JtCtx *c, JtState *st, const JtBlock *p, uint32_t off, size_t force_id,
                 uint64_t v, uint64_t pc)
{
    state_load(st, p);
    if (force_id == SIZE_MAX)
        state_set(st, off, v);
    JtResult r = eval_block(c, p->ir, st, force_id, v, NULL);
    if (!r.leaves_known)
        return -1;
    return r.leaves == pc;
}

/* How many indices (0 .. N-1) pred lets through to pc in slot off, or 0 if that is not a
 * plain unsigned bounds check. */
static uint64_t bound_from(JtCtx *c, JtState *st, const JtBlock *p, uint32_t off, uint64_t pc)
{
    bool touched;
    size_t force_id = last_put(p->ir, off, &touched);
    if (touched || !p->seen)
        return 0;
    uint64_t n = 0;
    for (; n < JT_MAX_CASES; n++) {
        int reach = probe(c, st, p, off, force_id, n, pc);
        if (reach < 0)
            return 0;
        if (!reach)
            break;
    }
    if (n == 0 || n == JT_MAX_CASES)
        return 0;
    static const uint64_t outside[] = {0x80000000u, 0xffffffffu, UINT64_MAX};
    if (probe(c, st, p, off, force_id, n + 1, pc) != 0)
        return 0;
    for (size_t i = 0; i < sizeof outside / sizeof *outside; i++)
        if (outside[i] >= n && probe(c, st, p, off, force_id, outside[i], pc) != 0)
            return 0;
    return n;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* Evaluates b's goto_reg for slot off = 0 .. n-1 and adds the targets. n = 0: no bounds
 * check was found, so the index must be confined inside b (`idx & 7`): 0 .. JT_MAX_CASES-1
 * must give at most JT_MAX_TARGETS distinct targets, all code. With a bound, most targets
 * must be code (the others are skipped). False if that does not hold. */
static bool targets_add(JtCtx *c, JtState *st, const JtBlock *b, uint32_t off, uint64_t n,
                        TrAotStats *stats)
{
    bool masked = n == 0;
    uint64_t count = masked ? JT_MAX_CASES : n;
    uint64_t *targets = fvp_xcalloc(count, sizeof *targets);
    bool ok = true;
    for (uint64_t v = 0; v < count && ok; v++) {
        state_load(st, b);
        state_set(st, off, v);
        JtResult r = eval_block(c, b->ir, st, SIZE_MAX, 0, NULL);
        ok = r.goto_reg.known;
        targets[v] = r.goto_reg.v;
    }
    if (ok && masked) {
        qsort(targets, count, sizeof *targets, cmp_u64);
        uint64_t distinct = 0;
        for (uint64_t v = 0; v < count; v++)
            if (!v || targets[v] != targets[v - 1])
                targets[distinct++] = targets[v];
        count = distinct;
        ok = count <= JT_MAX_TARGETS;
    }
    uint64_t code = 0;
    for (uint64_t v = 0; ok && v < count; v++)
        code += c->scan->is_code(c->scan->ctx, targets[v]);
    ok = ok && (masked ? code == count : code * 2 > count); /* else data, not a table */
    TrAotTable *t = ok ? fvp_xcalloc(1, sizeof *t + count * sizeof *t->pcs) : NULL;
    for (uint64_t v = 0; ok && v < count; v++)
        if (c->scan->is_code(c->scan->ctx, targets[v])) {
            t->pcs[t->n++] = targets[v];
            u64map_put(&c->tables->targets, targets[v], (void *)1);
            stats->seeds_tables += c->scan->add(c->scan->ctx, targets[v]);
        }
    if (t)
        u64map_put(&c->tables->by_block, b->ir->pc, t);
    free(targets);
    return ok;
}

/* Resolves the table of b (ends in a plain goto_reg): its targets go to scan->add. */
static bool table_resolve(JtCtx *c, JtState *st, const JtBlock *b, TrAotStats *stats)
{
    const IRBlock *ir = b->ir;
    uint32_t cand[JT_MAX_CANDIDATES];
    size_t ncand = 0;
    for (size_t k = 0; k < ir->count && ncand < JT_MAX_CANDIDATES; k++) {
        const IRInsn *in = &ir->insns[k];
        if (in->op != IR_GET || in->imm % 8 || !int_bits(in->type))
            continue;
        bool dup = false;
        for (size_t j = 0; j < ncand; j++)
            dup = dup || cand[j] == in->imm;
        if (!dup)
            cand[ncand++] = (uint32_t)in->imm;
    }
    /* Registers the dataflow does not know first: an index known here is only known on
     * the paths discovered so far (the cases that jump back are not lifted yet). */
    for (size_t i = 0, j = 0; i < ncand; i++) {
        bool known = false;
        for (uint32_t k = 0; k < b->nslots; k++)
            known = known || b->slots[k].off == cand[i];
        if (!known) {
            uint32_t t = cand[i];
            memmove(&cand[j + 1], &cand[j], (i - j) * sizeof *cand);
            cand[j++] = t;
        }
    }
    for (size_t ci = 0; ci < ncand; ci++) {
        uint64_t n = 0;
        for (size_t k = 0; k < b->npreds; k++) {
            uint64_t m = bound_from(c, st, &c->blocks[b->preds[k]], cand[ci], ir->pc);
            n = m > n ? m : n;
        }
        if (targets_add(c, st, b, cand[ci], n, stats)) {
            stats->jump_tables++;
            return true;
        }
    }
    return false;
}

void tr_aot_tables_init(TrAotTables *t)
{
    u64map_init(&t->by_block);
    u64map_init(&t->targets);
}

void tr_aot_tables_free(TrAotTables *t)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&t->by_block, &i, &key, &value);)
        free(value);
    u64map_free(&t->by_block);
    u64map_free(&t->targets);
}

size_t tr_aot_jump_tables(const TrAotScan *scan, TrAotStats *stats)
{
    JtCtx c = {.scan = scan, .tables = &scan->prog->tables};
    u64map_init(&c.index);
    const U64Map *blocks = &scan->prog->blocks;
    c.blocks = fvp_xcalloc(blocks->count ? blocks->count : 1, sizeof *c.blocks);
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(blocks, &i, &key, &value);) {
        c.blocks[c.nblocks].ir = value;
        u64map_put(&c.index, key, (void *)(uintptr_t)++c.nblocks);
    }
    graph_build(&c);
    flow_run(&c);
    JtState *st = fvp_xmalloc(sizeof *st);
    size_t resolved = 0;
    for (size_t i = 0; i < c.nblocks; i++) {
        const JtBlock *b = &c.blocks[i];
        const IRInsn *last = b->ir->count ? &b->ir->insns[b->ir->count - 1] : NULL;
        if (!b->seen || !last || last->op != IR_GOTO_REG || last->cond != IR_JUMP_PLAIN ||
            u64map_get(&c.tables->by_block, b->ir->pc))
            continue;
        resolved += table_resolve(&c, st, b, stats);
    }
    free(st);
    for (size_t i = 0; i < c.nblocks; i++) {
        free(c.blocks[i].slots);
        free(c.blocks[i].preds);
    }
    free(c.blocks);
    free(c.vals);
    free(c.work);
    u64map_free(&c.index);
    return resolved;
}
