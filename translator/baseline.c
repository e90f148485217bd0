/* The baseline compiler: IR regions to x86-64 machine code in one pass, without LLVM.
 *
 * Code shape (docs/translator.md, "The baseline compiler"). Registers for the whole region:
 *
 *   r12 cpu   r13 exit   rbp cpu->state   rbx cpu->mem_base   r14 cpu->mem_limit
 *   r15 cpu->exit_request (or &cpu->no_exit_request)          rax, rcx, rdx, rsi, rdi scratch
 *
 * All callee-saved in the C convention, so helper calls keep them. The frame holds the two
 * execution counters and one 8-byte slot per IR value of the largest block (values are
 * block-local); every scalar is kept zero-extended to 64 bits, as the interpreter keeps it.
 *
 *   entry:  sub rsp, FRAME; load the four pointers; counters = 0; [tier-up count]
 *   block:  [blocks += 1]; simplify_block; per op: operands -> rax/rcx/rdx, op, rax ->
 *           its slot; GET/PUT read and write the state at once (a PUT nothing can see
 *           before it is overwritten is dropped)
 *   exit:   [insns += pending]; state.pc = next pc; a plain JUMP goes to chain_exit with
 *           next pc and jump kind in rax/esi, every other exit fills *exit first and goes
 *           to plain_exit. A jump out of the region to a constant pc is a direct link site:
 *           it polls the exit request itself, publishes, pops the frame and jumps to
 *           chain_popped, or, once the dispatcher links it, straight to the target's code
 *   chain_exit / plain_exit (once, emit_tails): publish the counters and pop the frame;
 *           chain_exit then (chain_popped) probes the jump cache and jumps to the target's
 *           code, or fills *exit; then ret
 *
 * Ops without a short inline form (division, rotates, min/max, saturation, flag ops, ...)
 * call interp_int_compute, the interpreter's own semantics, so the two cannot differ. */
#include "translator/baseline.h"

#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "common/common.h"
#include "runtime/interp.h"
#include "translator/region_shape.h"

enum { RAX = 0, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15 };
/* x86 condition codes */
enum {
    CC_O = 0,
    CC_B = 2,
    CC_AE = 3,
    CC_E = 4,
    CC_NE = 5,
    CC_BE = 6,
    CC_A = 7,
    CC_S = 8,
    CC_NS = 9,
    CC_L = 12,
    CC_GE = 13,
    CC_LE = 14,
    CC_G = 15
};

_Static_assert(offsetof(RtExit, kind) == 0 && offsetof(RtExit, trap_kind) == 1 &&
                   offsetof(RtExit, jump_kind) == 2 && offsetof(RtExit, is_write) == 3,
               "the exit's four byte fields are written as one dword");
_Static_assert(sizeof(RtJumpSlot) == 16, "the jump cache probe scales the index by 16");

enum { CHUNK = 1 << 20 }; /* executable memory is taken from the system in 1 MiB chunks */

struct TrBaseline {
    pthread_mutex_t lock;
    RtChainLink **links; /* each region's direct link sites (RtCompileStats.links) */
    size_t nlinks, cap_links;
    uint8_t **chunks; /* mmap'ed, CHUNK bytes each (or one region's size when larger) */
    size_t *chunk_sizes;
    size_t nchunks, cap_chunks, chunk_cap_sizes;
    size_t used;  /* bytes used of the last chunk */
    bool no_exec; /* test hook FVP_BASELINE_NO_EXEC: as if the system refused the pages */
    bool no_fold; /* test hook FVP_BASELINE_NO_FOLD: constant operands reach the emitter
                     (the IR cases' ops are mostly on constants; ir-baseline/ sets it) */
};

TrBaseline *tr_baseline_new(void)
{
    TrBaseline *bl = fvp_xcalloc(1, sizeof *bl);
    pthread_mutex_init(&bl->lock, NULL);
    bl->no_exec = getenv("FVP_BASELINE_NO_EXEC") != NULL;
    bl->no_fold = getenv("FVP_BASELINE_NO_FOLD") != NULL;
    return bl;
}

void tr_baseline_destroy(TrBaseline *bl)
{
    if (!bl)
        return;
    for (size_t k = 0; k < bl->nchunks; k++)
        munmap(bl->chunks[k], bl->chunk_sizes[k]);
    free(bl->chunks);
    free(bl->chunk_sizes);
    for (size_t k = 0; k < bl->nlinks; k++)
        free(bl->links[k]);
    free(bl->links);
    pthread_mutex_destroy(&bl->lock);
    free(bl);
}

/* Copies code into executable memory; NULL (errno set) when the system refuses writable
 * and executable pages (the caller then leaves the region to LLVM). */
static void *place_code(TrBaseline *bl, const uint8_t *code, size_t size)
{
    size_t need = (size + 15) & ~(size_t)15;
    pthread_mutex_lock(&bl->lock);
    if (!bl->nchunks || bl->used + need > bl->chunk_sizes[bl->nchunks - 1]) {
        size_t bytes = need > CHUNK ? (need + 4095) & ~(size_t)4095 : CHUNK;
        void *p = bl->no_exec ? (errno = EACCES, MAP_FAILED)
                              : mmap(NULL, bytes, PROT_READ | PROT_WRITE | PROT_EXEC,
                                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            pthread_mutex_unlock(&bl->lock);
            return NULL;
        }
        FVP_GROW(bl->chunks, bl->cap_chunks, bl->nchunks + 1);
        FVP_GROW(bl->chunk_sizes, bl->chunk_cap_sizes, bl->nchunks + 1);
        bl->chunks[bl->nchunks] = p;
        bl->chunk_sizes[bl->nchunks++] = bytes;
        bl->used = 0;
    }
    uint8_t *dst = bl->chunks[bl->nchunks - 1] + bl->used;
    bl->used += need;
    memcpy(dst, code, size);
    pthread_mutex_unlock(&bl->lock);
    return dst;
}

/* ---- Which regions ------------------------------------------------------------------------ */

/* Values the baseline keeps in a 64-bit slot: scalars up to 64 bits (FP ones as raw bits). */
static bool scalar_type(unsigned t)
{
    return t == IR_I1 || t == IR_I8 || t == IR_I16 || t == IR_I32 || t == IR_I64 || t == IR_F32 ||
           t == IR_F64;
}

/* The scalar integer ops interp_int_compute implements: IR_ADD .. IR_SSUBO, contiguous in
 * ir_ops.def (runtime/interp.h). */
static bool int_op(unsigned op)
{
    return op >= IR_ADD && op <= IR_SSUBO;
}

static bool insn_supported(const IRBlock *b, const IRInsn *in)
{
    for (unsigned k = 0; k < in->nargs; k++)
        if (!scalar_type(b->insns[in->args[k]].type))
            return false;
    switch (in->op) {
    case IR_CONST:
    case IR_GET:
        return scalar_type(in->type);
    case IR_LOAD:
        return scalar_type(in->type) && in->type != IR_I1;
    case IR_STORE:
        return b->insns[in->args[1]].type != IR_I1;
    case IR_PUT:
    case IR_INSN:
    case IR_FENCE:
    case IR_EXIT_IF:
    case IR_GOTO:
    case IR_GOTO_REG:
    case IR_SYSCALL:
    case IR_SYNC_CODE:
    case IR_TRAP:
        return true;
    case IR_HELPER:
        return in->type == IR_VOID || scalar_type(in->type);
    default:
        return int_op(in->op) && scalar_type(in->type) && in->lane == IR_LANE_NONE;
    }
}

bool tr_baseline_supports(const IRBlock *const *blocks, size_t nblocks)
{
    for (size_t bi = 0; bi < nblocks; bi++) {
        const IRBlock *b = blocks[bi];
        if (b->count > 1u << 14)
            return false; /* a frame of at most 128 KiB on the guest thread's stack */
        for (size_t i = 0; i < b->count; i++)
            if (!insn_supported(b, &b->insns[i]))
                return false;
    }
    return nblocks > 0;
}

/* ---- Emitter ------------------------------------------------------------------------------ */

typedef struct Fixup {
    size_t at;     /* position of a rel32 */
    size_t target; /* label index */
} Fixup;

typedef struct Stub {
    size_t at;        /* rel32 of the ja that reaches the stub */
    uint64_t pc;      /* guest pc of the access */
    uint32_t pending; /* guest instructions of the block not yet counted */
    bool is_write;
} Stub;

typedef struct Link {
    uint64_t pc; /* the target */
    size_t at;   /* position of the jmp's rel32 */
} Link;

typedef struct Em {
    uint8_t *p;
    size_t n, cap;
    size_t *labels; /* label -> position (SIZE_MAX until bound) */
    size_t nlabels, cap_labels;
    Fixup *fix;
    size_t nfix, cap_fix;
    Stub *stubs;
    size_t nstubs, cap_stubs;
    Link *links;
    size_t nlinks, cap_links;
    /* the region */
    const IRBlock *const *blocks;
    size_t nblocks;
    const TrBaselineRegion *opts;
    bool fold; /* constants folded, identities aliased (simplify_block) */
    const IRBlock *blk;
    uint32_t frame;   /* bytes below the return address */
    uint32_t pending; /* INSN markers passed in this block */
    uint64_t insn_pc;
    bool cur_pc_known; /* cpu->cur_pc == insn_pc already in this block */
    /* The value rax holds when an op starts: the previous op's result (NO_VALUE: none).
     * Only the op's first load_val may use it; that load consumes it either way. */
    uint32_t rax_val, stored;
    size_t store_at, store_end; /* the bytes of the last store_val */
    /* The last inline CMP: its value, x86 condition and where its setcc starts (an
     * EXIT_IF right after it, its only use, branches on the flags instead) */
    uint32_t cmp_val;
    int cmp_cc;
    size_t cmp_end;
    uint32_t *uses;             /* per value of the block: emitted operands naming it */
    /* The host flags are those of the ALU op that computed flags_val (NO_VALUE: unknown):
     * ZF and SF of its result, CF and OF of flags_op on flags_a, flags_b at flags_w bits.
     * Values set from them (setcc) have cc_gen == flags_gen and equal condition cc_code
     * while they last. Ops that keep the flags: PUT, GET (but i1), ZEXT, BITCAST and those
     * that read them (flag_reader). */
    uint32_t flags_val, flags_a, flags_b;
    unsigned flags_op, flags_w;
    uint32_t flags_gen;
    uint32_t *cc_gen;
    uint8_t *cc_code;
    /* Simplification (simplify_block): per value of the block */
    bool *skip;      /* emits nothing: dead, a constant, or another value's alias */
    bool *in_state;  /* a GET (or a TRUNC of one) whose state bytes still hold it at
                        every use: each use reads the state at state_off (no code at
                        the op, no stack slot) */
    int32_t *state_off;
    uint32_t *alias; /* the value it equals (itself when none) */
    bool *is_k;      /* a constant (IR_CONST or folded): kval */
    uint64_t *kval;
    struct Live *live_in; /* per region block: state bytes read before written (region_liveness) */
    uint8_t *goto_reg_target;   /* per region block: tr_goto_reg_targets */
    uint32_t *scc;              /* per region block: tr_region_sccs (which edges poll) */
    size_t bi;                  /* the block being emitted */
    size_t l_chain, l_plain;    /* the shared exit tails */
    size_t l_chain_popped;      /* l_chain after the counters are published and the frame popped */
} Em;

static void b1(Em *e, uint8_t x)
{
    FVP_GROW(e->p, e->cap, e->n + 1);
    e->p[e->n++] = x;
}

static void b4(Em *e, uint32_t x)
{
    for (int k = 0; k < 4; k++)
        b1(e, (uint8_t)(x >> (8 * k)));
}

static void b8(Em *e, uint64_t x)
{
    b4(e, (uint32_t)x);
    b4(e, (uint32_t)(x >> 32));
}

static void patch32(Em *e, size_t at, size_t target)
{
    int32_t rel = (int32_t)((int64_t)target - (int64_t)(at + 4));
    memcpy(e->p + at, &rel, 4);
}

static size_t new_label(Em *e)
{
    FVP_GROW(e->labels, e->cap_labels, e->nlabels + 1);
    e->labels[e->nlabels] = SIZE_MAX;
    return e->nlabels++;
}

static void bind(Em *e, size_t label)
{
    e->labels[label] = e->n;
}

static void rex(Em *e, bool w, int reg, int index, int base)
{
    uint8_t r = (uint8_t)(0x40 | (w ? 8 : 0) | ((reg >> 3) & 1) << 2 | ((index >> 3) & 1) << 1 |
                          ((base >> 3) & 1));
    if (r != 0x40)
        b1(e, r);
}

static void ops(Em *e, const uint8_t *op, int nop)
{
    for (int k = 0; k < nop; k++)
        b1(e, op[k]);
}

/* op reg, [base + disp] (reg may be an opcode extension /digit; disp8 when it fits) */
static void emit_mem(Em *e, bool w, const uint8_t *op, int nop, int reg, int base, int32_t disp)
{
    rex(e, w, reg, 0, base);
    ops(e, op, nop);
    bool short_disp = disp >= -128 && disp <= 127;
    b1(e, (uint8_t)((short_disp ? 0x40 : 0x80) | (reg & 7) << 3 | (base & 7)));
    if ((base & 7) == RSP)
        b1(e, 0x24);
    if (short_disp)
        b1(e, (uint8_t)disp);
    else
        b4(e, (uint32_t)disp);
}

/* op reg, rm (both registers) */
static void emit_rr(Em *e, bool w, const uint8_t *op, int nop, int reg, int rm)
{
    rex(e, w, reg, 0, rm);
    ops(e, op, nop);
    b1(e, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7)));
}

/* op reg, [rbx + rax]: guest memory */
static void emit_guest(Em *e, bool w, const uint8_t *op, int nop, int reg)
{
    rex(e, w, reg, RAX, RBX);
    ops(e, op, nop);
    b1(e, (uint8_t)(0x04 | (reg & 7) << 3));
    b1(e, (uint8_t)(RAX << 3 | RBX));
}

#define OP(...) (const uint8_t[]){__VA_ARGS__}, (int)sizeof((const uint8_t[]){__VA_ARGS__})

static void mov_load(Em *e, int reg, int base, int32_t disp)
{
    emit_mem(e, true, OP(0x8b), reg, base, disp);
}

static void mov_store(Em *e, int base, int32_t disp, int reg)
{
    emit_mem(e, true, OP(0x89), reg, base, disp);
}

static void mov_imm(Em *e, int reg, uint64_t v)
{
    if (v <= UINT32_MAX) { /* mov r32, imm32 zero-extends */
        rex(e, false, 0, 0, reg);
        b1(e, (uint8_t)(0xb8 + (reg & 7)));
        b4(e, (uint32_t)v);
    } else if ((int64_t)v == (int32_t)v) { /* mov r/m64, simm32 */
        emit_rr(e, true, OP(0xc7), 0, reg);
        b4(e, (uint32_t)v);
    } else {
        rex(e, true, 0, 0, reg);
        b1(e, (uint8_t)(0xb8 + (reg & 7)));
        b8(e, v);
    }
}

/* qword [base + disp] = v (through rdx when v is no sign-extended imm32) */
static void store_imm64(Em *e, int base, int32_t disp, uint64_t v)
{
    if ((int64_t)v == (int32_t)v) {
        emit_mem(e, true, OP(0xc7), 0, base, disp);
        b4(e, (uint32_t)v);
    } else {
        mov_imm(e, RDX, v);
        mov_store(e, base, disp, RDX);
    }
}

static void jmp_label(Em *e, size_t label)
{
    b1(e, 0xe9);
    FVP_GROW(e->fix, e->cap_fix, e->nfix + 1);
    e->fix[e->nfix++] = (Fixup){.at = e->n, .target = label};
    b4(e, 0);
}

static void jcc_label(Em *e, int cc, size_t label)
{
    b1(e, 0x0f);
    b1(e, (uint8_t)(0x80 + cc));
    FVP_GROW(e->fix, e->cap_fix, e->nfix + 1);
    e->fix[e->nfix++] = (Fixup){.at = e->n, .target = label};
    b4(e, 0);
}

/* jcc rel32 to a position patched later (patch_here); returns the rel32's position */
static size_t jcc_fwd(Em *e, int cc)
{
    b1(e, 0x0f);
    b1(e, (uint8_t)(0x80 + cc));
    size_t at = e->n;
    b4(e, 0);
    return at;
}

static void patch_here(Em *e, size_t at)
{
    patch32(e, at, e->n);
}

/* jmp rel32 to a position patched later (patch_here); returns the rel32's position */
static size_t jmp_fwd(Em *e)
{
    b1(e, 0xe9);
    size_t at = e->n;
    b4(e, 0);
    return at;
}

/* rax = rax zero-extended from bits */
static void mask_rax(Em *e, unsigned bits)
{
    switch (bits) {
    case 1: /* and eax, 1 */
        emit_rr(e, false, OP(0x83), 4, RAX);
        b1(e, 1);
        break;
    case 8: /* movzx eax, al */
        emit_rr(e, false, OP(0x0f, 0xb6), RAX, RAX);
        break;
    case 16: /* movzx eax, ax */
        emit_rr(e, false, OP(0x0f, 0xb7), RAX, RAX);
        break;
    case 32: /* mov eax, eax */
        emit_rr(e, false, OP(0x89), RAX, RAX);
        break;
    default:
        break;
    }
}

static int32_t slot(uint32_t v)
{
    return (int32_t)(16 + 8 * v);
}

enum { NO_VALUE = UINT32_MAX };

/* Whether v's slot store is the last code emitted and v has no other use than the one
 * about to take it from rax: the store itself is not needed (e->n = e->store_at drops it). */
static bool only_use_after_store(const Em *e, uint32_t v)
{
    return e->n == e->store_end && e->uses[v] == 1;
}

static unsigned bits_of(const Em *e, uint32_t v)
{
    return ir_type_bits((IRType)e->blk->insns[v].type);
}

/* reg = the state's `bits` bits at off, zero-extended (8, 16, 32 or 64) */
static void load_state(Em *e, int reg, int32_t off, unsigned bits)
{
    switch (bits) {
    case 8:
        emit_mem(e, false, OP(0x0f, 0xb6), reg, RBP, off); /* movzx r32, byte */
        break;
    case 16:
        emit_mem(e, false, OP(0x0f, 0xb7), reg, RBP, off); /* movzx r32, word */
        break;
    case 32:
        emit_mem(e, false, OP(0x8b), reg, RBP, off); /* mov r32 zero-extends */
        break;
    default:
        mov_load(e, reg, RBP, off);
        break;
    }
}

/* reg = value v of the current block (constants as immediates) */
static void load_val(Em *e, int reg, uint32_t v)
{
    v = e->alias[v];
    bool cached = reg == RAX && e->rax_val == v;
    e->rax_val = NO_VALUE;
    if (cached) {
        if (only_use_after_store(e, v))
            e->n = e->store_at;
        return;
    }
    if (e->is_k[v])
        mov_imm(e, reg, e->kval[v]);
    else if (e->in_state[v])
        load_state(e, reg, e->state_off[v], bits_of(e, v));
    else
        mov_load(e, reg, RSP, slot(v));
}

/* Where non-constant value v lives: its state bytes (in_state) or its stack slot, as a
 * base register and displacement */
static int val_home(const Em *e, uint32_t v, int32_t *disp)
{
    v = e->alias[v];
    if (e->in_state[v]) {
        *disp = e->state_off[v];
        return RBP;
    }
    *disp = slot(v);
    return RSP;
}

/* Whether v is a constant, and its value (masked to its type) */
static bool const_val(const Em *e, uint32_t v, uint64_t *k)
{
    v = e->alias[v];
    if (!e->is_k[v])
        return false;
    *k = e->kval[v];
    return true;
}

/* v's slot = rax; the next op may take v from rax */
static void store_val(Em *e, uint32_t v)
{
    e->stored = v;
    e->store_at = e->n;
    mov_store(e, RSP, slot(v), RAX);
    e->store_end = e->n;
}

/* ---- Simplification -----------------------------------------------------------------------
 *
 * Before a block is emitted: constants folded with interp_int_compute (the interpreter's
 * semantics), identities (x + 0, x & ~0, zext, ...) made aliases, state writes that the
 * region overwrites before anything can see them dropped (AArch64 sets NZCV at every
 * compare; the next compare usually overwrites it unread), and then every op no emitted
 * op uses. What can see the state: an exit (the jump cache, the dispatcher), a helper, an
 * edge that polls the exit request, and with precise faults any guest access. */

/* State bytes tracked (every guest GPR and AArch64's NZCV); later bytes are always live. */
enum { LIVE_BYTES = 512 };

typedef struct Live {
    uint64_t w[LIVE_BYTES / 64];
} Live;

static void live_all(Live *l)
{
    memset(l, 0xff, sizeof *l);
}

static void live_or(Live *l, const Live *m)
{
    for (size_t k = 0; k < FVP_ARRAY_LEN(l->w); k++)
        l->w[k] |= m->w[k];
}

/* Whether any of the bytes [off, off + size) is live (bytes past LIVE_BYTES always are) */
static bool live_any(const Live *l, uint64_t off, unsigned size)
{
    if (off + size > LIVE_BYTES)
        return true;
    for (uint64_t b = off; b < off + size; b++)
        if (l->w[b / 64] >> (b % 64) & 1)
            return true;
    return false;
}

static void live_mark(Live *l, uint64_t off, unsigned size, bool live)
{
    for (uint64_t b = off; b < off + size && b < LIVE_BYTES; b++) {
        uint64_t bit = UINT64_C(1) << (b % 64);
        l->w[b / 64] = live ? l->w[b / 64] | bit : l->w[b / 64] & ~bit;
    }
}

static unsigned state_bytes(unsigned type)
{
    unsigned bits = ir_type_bits((IRType)type);
    return bits < 8 ? 1 : bits / 8;
}

/* What the state must hold when control goes from region block `from` to pc. */
static void live_at_edge(const Em *e, size_t from, uint64_t pc, Live *l)
{
    size_t to = tr_region_index(e->blocks, e->nblocks, pc);
    if (to < e->nblocks && !tr_edge_polls(e->blocks, e->scc, from, to))
        *l = e->live_in[to];
    else
        live_all(l); /* leaves the region, or may (the poll) */
}

/* Backward over block bi: the state bytes live at its start; sets dead[] for the state
 * writes nothing sees (when dead is not NULL). */
static void scan_block(const Em *e, size_t bi, bool *dead, Live *out)
{
    const IRBlock *b = e->blocks[bi];
    Live l = {{0}}, t;
    for (uint32_t i = b->count; i-- > 0;) {
        const IRInsn *in = &b->insns[i];
        switch (in->op) {
        case IR_GOTO:
            live_at_edge(e, bi, in->imm, &l);
            break;
        case IR_EXIT_IF:
            live_at_edge(e, bi, in->imm, &t);
            live_or(&l, &t);
            break;
        case IR_GOTO_REG:
        case IR_SYSCALL:
        case IR_SYNC_CODE:
        case IR_TRAP:
        case IR_HELPER:
            live_all(&l);
            break;
        case IR_LOAD:
        case IR_STORE:
            if (e->opts->precise)
                live_all(&l);
            break;
        case IR_PUT: {
            unsigned size = state_bytes(b->insns[in->args[0]].type);
            if (dead)
                dead[i] = !live_any(&l, in->imm, size);
            live_mark(&l, in->imm, size, false);
            break;
        }
        case IR_GET:
            live_mark(&l, in->imm, state_bytes(in->type), true);
            break;
        default:
            break;
        }
    }
    *out = l;
}

/* e->live_in of every block: the least fixpoint (sets only grow; regions are small). */
static void region_liveness(Em *e)
{
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t bi = e->nblocks; bi-- > 0;) {
            Live l;
            scan_block(e, bi, NULL, &l);
            if (memcmp(&l, &e->live_in[bi], sizeof l)) {
                e->live_in[bi] = l;
                changed = true;
            }
        }
    }
}

/* x op k == x for every x: the value x equals, or NO_ALIAS */
enum { NO_ALIAS = UINT32_MAX };

static uint32_t identity(const Em *e, const IRInsn *in)
{
    unsigned w = ir_type_bits((IRType)in->type);
    uint64_t k, ones = fvp_mask(w);
    switch (in->op) {
    case IR_ZEXT:
    case IR_BITCAST: /* values are kept zero-extended: the same 64 bits */
        return in->args[0];
    case IR_ADD:
    case IR_OR:
    case IR_XOR:
        if (const_val(e, in->args[0], &k) && k == 0)
            return in->args[1];
        /* fall through */
    case IR_SUB:
    case IR_SHL:
    case IR_SHR:
    case IR_SAR:
    case IR_ROTL:
    case IR_ROTR:
        return const_val(e, in->args[1], &k) && k == 0 ? in->args[0] : NO_ALIAS;
    case IR_AND:
        if (const_val(e, in->args[0], &k) && k == ones)
            return in->args[1];
        return const_val(e, in->args[1], &k) && k == ones ? in->args[0] : NO_ALIAS;
    case IR_MUL:
        if (const_val(e, in->args[0], &k) && k == 1)
            return in->args[1];
        return const_val(e, in->args[1], &k) && k == 1 ? in->args[0] : NO_ALIAS;
    case IR_SELECT:
        return const_val(e, in->args[0], &k) ? in->args[k ? 1 : 2] : NO_ALIAS;
    default:
        return NO_ALIAS;
    }
}

/* Ops without effects beyond their value (guest loads stay: they may fault) */
static bool pure_op(unsigned op)
{
    return op == IR_CONST || op == IR_GET || int_op(op);
}

/* Whether value g, which equals the state's `bits` bits at lo where it is computed, still
 * does at each of its uses: no emitted PUT over them and no helper call (which may write
 * any state) before its last use. Its uses then read the state as it would have (a load
 * either way, and the value's own load and slot store are saved). */
static bool state_backed(const Em *e, uint32_t g, uint64_t lo, unsigned bits)
{
    const IRBlock *b = e->blk;
    if (bits < 8 || bits > 64)
        return false; /* 1-bit GETs (a load and a mask) keep theirs */
    uint64_t hi = lo + bits / 8;
    bool clobbered = false;
    for (uint32_t j = g + 1; j < b->count; j++) {
        const IRInsn *in = &b->insns[j];
        if (e->skip[j])
            continue;
        for (unsigned a = 0; a < in->nargs; a++)
            if (e->alias[in->args[a]] == g && clobbered)
                return false;
        if (in->op == IR_HELPER)
            clobbered = true;
        else if (in->op == IR_PUT) {
            uint64_t plo = in->imm, phi = in->imm + state_bytes(b->insns[in->args[0]].type);
            clobbered = clobbered || (plo < hi && lo < phi);
        }
    }
    return true;
}

/* Fills skip, alias, is_k, kval, uses and in_state for the current block (bi). */
static void simplify_block(Em *e, size_t bi)
{
    const IRBlock *b = e->blk;
    for (uint32_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        unsigned w = ir_type_bits((IRType)in->type);
        e->alias[i] = i;
        e->is_k[i] = in->op == IR_CONST;
        e->kval[i] = in->imm & fvp_mask(w);
        if (!e->fold || !int_op(in->op) || in->lane != IR_LANE_NONE || !in->nargs)
            continue;
        uint64_t k[3] = {0, 0, 0};
        bool all = true;
        for (unsigned a = 0; a < in->nargs && a < 3; a++)
            all = all && const_val(e, in->args[a], &k[a]);
        if (all) {
            e->is_k[i] = true;
            e->kval[i] = (uint64_t)interp_int_compute(in->op, in->cond, w, bits_of(e, in->args[0]),
                                                      k[0], k[1], k[2]) &
                         fvp_mask(w);
            continue;
        }
        uint32_t x = identity(e, in);
        if (x != NO_ALIAS)
            e->alias[i] = e->alias[x];
    }
    scan_block(e, bi, e->skip, &(Live){{0}}); /* dead state writes */
    memset(e->uses, 0, b->count * sizeof *e->uses);
    for (uint32_t i = b->count; i-- > 0;) {
        const IRInsn *in = &b->insns[i];
        if (in->op != IR_PUT)
            e->skip[i] = pure_op(in->op) && (e->is_k[i] || e->alias[i] != i || !e->uses[i]);
        if (e->skip[i])
            continue;
        for (unsigned a = 0; a < in->nargs; a++)
            e->uses[e->alias[in->args[a]]]++;
    }
    for (uint32_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        unsigned w = ir_type_bits((IRType)in->type);
        e->in_state[i] = false;
        if (e->skip[i])
            continue;
        if (in->op == IR_GET) {
            e->state_off[i] = (int32_t)in->imm;
            e->in_state[i] = state_backed(e, i, in->imm, w);
        } else if (in->op == IR_TRUNC && w >= 8 && e->in_state[e->alias[in->args[0]]]) {
            /* the low bytes of a register the state still holds (little-endian): a
             * narrower read of the same bytes, e.g. RISC-V's *w and AArch64's w ops */
            int32_t off = e->state_off[e->alias[in->args[0]]];
            e->state_off[i] = off;
            e->in_state[i] = state_backed(e, i, (uint64_t)off, w);
        }
    }
}

/* ---- Counting, exits ---------------------------------------------------------------------- */

static void count_add(Em *e, int32_t disp, uint32_t n)
{
    if (!n || !e->opts->counts)
        return;
    emit_mem(e, true, OP(0x81), 0, RSP, disp); /* add qword [rsp + disp], imm32 */
    b4(e, n);
}

static void commit_pending(Em *e, uint32_t pending)
{
    count_add(e, 0, pending);
}

/* cpu->stats += the frame's counters (which restart at zero when `reset`). */
static void publish_counts(Em *e, bool reset)
{
    if (!e->opts->counts)
        return;
    static const size_t offs[2] = {offsetof(RtCpu, stats.jit_insns),
                                   offsetof(RtCpu, stats.jit_blocks)};
    for (int k = 0; k < 2; k++) {
        mov_load(e, RCX, RSP, 8 * k);
        emit_mem(e, true, OP(0x01), RCX, R12, (int32_t)offs[k]); /* add [r12 + off], rcx */
        if (reset)
            store_imm64(e, RSP, 8 * k, 0);
    }
}

typedef struct Exit {
    uint8_t kind, trap_kind, jump_kind, is_write;
    bool next_in_rax; /* else next_pc */
    bool link;        /* a plain jump out of the region: a direct link site */
    uint64_t next_pc;
    bool fault_addr_in_rcx;
    uint64_t pc, detail;
} Exit;

/* Fills the state's pc and *exit, then leaves through the shared tails. */
static void emit_exit(Em *e, const Exit *x, uint32_t pending)
{
    commit_pending(e, pending);
    if (!x->next_in_rax)
        mov_imm(e, RAX, x->next_pc);
    mov_store(e, RBP, (int32_t)offsetof(IRStateHeader, pc), RAX);
    if (x->kind == RT_EXIT_JUMP && !x->detail) {
        /* chainable: *exit is filled only if the region returns (emit_tails) */
        mov_imm(e, RSI, (uint32_t)x->jump_kind << 16);
        if (!x->link || x->next_in_rax) {
            jmp_label(e, e->l_chain);
            return;
        }
        /* A direct link site (RtChainLink): the poll chain_popped would make, then the
         * jump the dispatcher may point at the target's code. */
        emit_mem(e, false, OP(0x83), 7, R15, 0); /* cmp dword [r15], 0 */
        b1(e, 0);
        jcc_label(e, CC_NE, e->l_chain);
        publish_counts(e, false);
        emit_rr(e, true, OP(0x81), 0, RSP); /* add rsp, frame */
        b4(e, e->frame);
        jmp_label(e, e->l_chain_popped);
        FVP_GROW(e->links, e->cap_links, e->nlinks + 1);
        e->links[e->nlinks++] = (Link){.pc = x->next_pc, .at = e->n - 4};
        return;
    }
    emit_mem(e, false, OP(0xc7), 0, R13, 0); /* the four byte fields */
    b4(e, (uint32_t)x->kind | (uint32_t)x->trap_kind << 8 | (uint32_t)x->jump_kind << 16 |
              (uint32_t)x->is_write << 24);
    mov_store(e, R13, (int32_t)offsetof(RtExit, next_pc), RAX);
    if (x->fault_addr_in_rcx)
        mov_store(e, R13, (int32_t)offsetof(RtExit, fault_addr), RCX);
    else
        store_imm64(e, R13, (int32_t)offsetof(RtExit, fault_addr), 0);
    store_imm64(e, R13, (int32_t)offsetof(RtExit, pc), x->pc);
    store_imm64(e, R13, (int32_t)offsetof(RtExit, detail), x->detail);
    jmp_label(e, e->l_plain);
}

/* The tails every exit jumps to:
 *   chain_exit (rax = next_pc, esi = jump_kind << 16): publish; pop the frame;
 *   chain_popped: jc = cpu->jump_cache;
 *               jc && !*r15 && jc[(pc >> 1) & mask].pc == pc --> jmp slot.fn;
 *               else fill *exit as an RT_EXIT_JUMP and ret
 *   plain_exit (*exit filled): publish; pop the frame; ret */
static void emit_tails(Em *e)
{
    bind(e, e->l_plain);
    publish_counts(e, false);
    emit_rr(e, true, OP(0x81), 0, RSP); /* add rsp, frame */
    b4(e, e->frame);
    b1(e, 0xc3);

    bind(e, e->l_chain);
    publish_counts(e, false);
    emit_rr(e, true, OP(0x81), 0, RSP); /* add rsp, frame */
    b4(e, e->frame);
    bind(e, e->l_chain_popped);
    mov_load(e, RCX, R12, (int32_t)offsetof(RtCpu, jump_cache));
    emit_rr(e, true, OP(0x85), RCX, RCX); /* test rcx, rcx */
    size_t no_cache = jcc_fwd(e, CC_E);
    emit_mem(e, false, OP(0x83), 7, R15, 0); /* cmp dword [r15], 0 */
    b1(e, 0);
    size_t asked = jcc_fwd(e, CC_NE);
    /* rdx = ((pc >> 1) & (RT_JUMP_SLOTS - 1)) * 16, as (pc & (RT_JUMP_SLOTS - 1) << 1) * 8 */
    _Static_assert(sizeof(RtJumpSlot) == 16, "the slot offset is the index times 16");
    emit_rr(e, false, OP(0x89), RAX, RDX); /* mov edx, eax */
    emit_rr(e, false, OP(0x81), 4, RDX);   /* and edx, (RT_JUMP_SLOTS - 1) << 1 */
    b4(e, (RT_JUMP_SLOTS - 1) << 1);
    emit_rr(e, true, OP(0xc1), 4, RDX); /* shl rdx, 3 */
    b1(e, 3);
    emit_rr(e, true, OP(0x01), RDX, RCX);                                     /* add rcx, rdx */
    emit_mem(e, true, OP(0x39), RAX, RCX, (int32_t)offsetof(RtJumpSlot, pc)); /* cmp [rcx], rax */
    size_t miss = jcc_fwd(e, CC_NE);
    emit_mem(e, false, OP(0xff), 4, RCX, (int32_t)offsetof(RtJumpSlot, fn)); /* jmp [rcx+8] */

    patch_here(e, no_cache);
    patch_here(e, asked);
    patch_here(e, miss);
    emit_mem(e, false, OP(0x89), RSI, R13, 0); /* the four byte fields: kind JUMP, jump_kind */
    mov_store(e, R13, (int32_t)offsetof(RtExit, next_pc), RAX);
    store_imm64(e, R13, (int32_t)offsetof(RtExit, fault_addr), 0);
    store_imm64(e, R13, (int32_t)offsetof(RtExit, pc), 0);
    store_imm64(e, R13, (int32_t)offsetof(RtExit, detail), 0);
    b1(e, 0xc3);
}

/* Tier-up counting: ++*counter == tier_up_count leaves for pc (RT_JUMP_DETAIL_TIER_UP). */
static void count_tier_up(Em *e, uint64_t pc, uint8_t jump_kind, uint32_t pending)
{
    if (!e->opts->tier_up_counter)
        return;
    mov_imm(e, RAX, (uint64_t)(uintptr_t)e->opts->tier_up_counter);
    emit_mem(e, false, OP(0x83), 0, RAX, 0); /* add dword [rax], 1 */
    b1(e, 1);
    emit_mem(e, false, OP(0x81), 7, RAX, 0); /* cmp dword [rax], count */
    b4(e, e->opts->tier_up_count);
    size_t stay = jcc_fwd(e, CC_NE);
    Exit x = {.kind = RT_EXIT_JUMP,
              .jump_kind = jump_kind,
              .next_pc = pc,
              .pc = e->blocks[0]->pc,
              .detail = RT_JUMP_DETAIL_TIER_UP};
    emit_exit(e, &x, pending);
    patch_here(e, stay);
}

/* A branch to region block `to`; an edge that may close a loop polls the exit request
 * first and counts towards tier-up, as the LLVM lowering's branch_in_region does. */
static void branch_in_region(Em *e, size_t to, uint8_t jump_kind)
{
    const IRBlock *t = e->blocks[to];
    if (tr_edge_polls(e->blocks, e->scc, e->bi, to)) {
        emit_mem(e, false, OP(0x83), 7, R15, 0); /* cmp dword [r15], 0 */
        b1(e, 0);
        size_t stay = jcc_fwd(e, CC_E);
        Exit x = {.kind = RT_EXIT_JUMP, .jump_kind = jump_kind, .next_pc = t->pc};
        if (!t->guest_insns) {
            mov_load(e, RAX, RBP, (int32_t)offsetof(IRStateHeader, pc));
            x.next_in_rax = true;
        }
        emit_exit(e, &x, e->pending);
        patch_here(e, stay);
        count_tier_up(e, t->pc, jump_kind, e->pending);
    }
    commit_pending(e, e->pending);
    jmp_label(e, to);
}

/* Whether a branch from the current block to region block `to` is a bare jump: no poll
 * (branch_in_region) and no instruction count to commit first. */
static bool plain_branch(const Em *e, size_t to)
{
    return !tr_edge_polls(e->blocks, e->scc, e->bi, to) && (!e->opts->counts || !e->pending);
}

/* rax = the target of an indirect jump: one of the region's tr_goto_reg_targets stays in
 * the region (as in the LLVM lowering, so --cosim sees the same region runs); rax is kept
 * when none matches. */
static void goto_reg_in_region(Em *e, uint8_t jump_kind)
{
    for (size_t k = 0; k < e->nblocks; k++) {
        if (!tr_goto_reg_stays(e->goto_reg_target, k, jump_kind))
            continue;
        uint64_t pc = e->blocks[k]->pc;
        if ((int64_t)pc == (int32_t)pc) {
            emit_rr(e, true, OP(0x81), 7, RAX); /* cmp rax, simm32 */
            b4(e, (uint32_t)pc);
        } else {
            mov_imm(e, RDX, pc);
            emit_rr(e, true, OP(0x39), RDX, RAX); /* cmp rax, rdx */
        }
        size_t other = jcc_fwd(e, CC_NE);
        branch_in_region(e, k, jump_kind);
        patch_here(e, other);
    }
}

/* ---- Ops ---------------------------------------------------------------------------------- */

static uint64_t int_op_shim(uint64_t packed, uint64_t a, uint64_t b, uint64_t c)
{
    unsigned op = (unsigned)(packed & 0xff);
    /* unsigned division by nonzero needs no 128-bit arithmetic (operands are zero-extended
     * and at most 64 bits wide) */
    if ((op == IR_DIVU || op == IR_REMU) && b)
        return op == IR_DIVU ? a / b : a % b;
    return (uint64_t)interp_int_compute(op, (unsigned)(packed >> 8 & 0xff),
                                        (unsigned)(packed >> 16 & 0xff),
                                        (unsigned)(packed >> 24 & 0xff), a, b, c);
}

static void call_abs(Em *e, const void *fn)
{
    mov_imm(e, RAX, (uint64_t)(uintptr_t)fn);
    emit_rr(e, false, OP(0xff), 2, RAX); /* call rax */
}

/* rsi, rdx, rcx = the op's operands, 0 for absent ones: a C call's 2nd to 4th arguments */
static void load_call_args(Em *e, const IRInsn *in)
{
    static const int regs[3] = {RSI, RDX, RCX};
    for (unsigned k = 0; k < 3; k++) {
        if (k < in->nargs)
            load_val(e, regs[k], in->args[k]);
        else
            emit_rr(e, false, OP(0x31), regs[k], regs[k]); /* xor r32, r32 */
    }
}

/* rax = int_op_shim(in's op, cond and widths; rsi, rdx, rcx) */
static void call_int_shim(Em *e, const IRInsn *in)
{
    unsigned w = ir_type_bits((IRType)in->type);
    unsigned sw = in->nargs ? bits_of(e, in->args[0]) : w;
    mov_imm(e, RDI, in->op | (uint64_t)in->cond << 8 | (uint64_t)w << 16 | (uint64_t)sw << 24);
    call_abs(e, (const void *)int_op_shim);
}

static void emit_int_call(Em *e, const IRInsn *in)
{
    load_call_args(e, in);
    call_int_shim(e, in);
}

static int x86_cc(unsigned cond)
{
    static const int map[IR_CC_COUNT] = {
        [IR_CC_EQ] = CC_E,  [IR_CC_NE] = CC_NE,  [IR_CC_SLT] = CC_L, [IR_CC_SLE] = CC_LE,
        [IR_CC_SGT] = CC_G, [IR_CC_SGE] = CC_GE, [IR_CC_ULT] = CC_B, [IR_CC_ULE] = CC_BE,
        [IR_CC_UGT] = CC_A, [IR_CC_UGE] = CC_AE};
    return map[cond];
}

static bool signed_cond(unsigned cond)
{
    return cond == IR_CC_SLT || cond == IR_CC_SLE || cond == IR_CC_SGT || cond == IR_CC_SGE;
}

/* rax = a, rcx = b. b comes from rax when it is the value rax holds (the op before's). */
static void load_ab(Em *e, uint32_t a, uint32_t b)
{
    uint32_t rb = e->alias[b];
    if (e->rax_val != rb || e->alias[a] == rb) {
        load_val(e, RAX, a);
        load_val(e, RCX, b);
        return;
    }
    if (only_use_after_store(e, rb))
        e->n = e->store_at;
    emit_rr(e, true, OP(0x89), RAX, RCX); /* mov rcx, rax */
    e->rax_val = NO_VALUE;
    load_val(e, RAX, a);
}

/* Whether an op on rax = a reads b in place (its slot or state bytes, val_home) as its
 * memory operand: b is no constant and not the value rax holds (unless a is b too) */
static bool b_in_place(const Em *e, uint32_t a, uint32_t b)
{
    uint64_t k;
    return !const_val(e, b, &k) && (e->rax_val != e->alias[b] || e->alias[a] == e->alias[b]);
}

/* rax = a, then `op rax, [b]` with b where it lives */
static void op_rax_in_place(Em *e, uint32_t a, uint32_t b, bool w, const uint8_t *op, int nop)
{
    load_val(e, RAX, a);
    int32_t disp;
    int base = val_home(e, b, &disp);
    emit_mem(e, w, op, nop, RAX, base, disp);
}

static bool commutative(unsigned op)
{
    return op == IR_ADD || op == IR_AND || op == IR_OR || op == IR_XOR || op == IR_MUL;
}

/* DIVU/REMU/DIVS/REMS at 32 or 64 bits: x86 div/idiv inline. A zero divisor, and at 64 bits
 * a signed one of -1 (idiv faults on MIN / -1), go to the shim, which has each guest's
 * rules (IRDivMode). At 32 bits the signed operands are sign-extended and divided at 64
 * bits, where MIN / -1 cannot overflow and its low half is the guests' MIN. Until
 * 2026-11-27 every division called the shim. */
static void emit_div(Em *e, const IRInsn *in, unsigned w)
{
    bool sgn = in->op == IR_DIVS || in->op == IR_REMS;
    load_ab(e, in->args[0], in->args[1]);
    emit_rr(e, true, OP(0x85), RCX, RCX); /* test rcx, rcx */
    size_t zero = jcc_fwd(e, CC_E), minus1 = 0;
    if (sgn && w == 64) {
        emit_rr(e, true, OP(0x83), 7, RCX); /* cmp rcx, -1 */
        b1(e, 0xff);
        minus1 = jcc_fwd(e, CC_E);
    }
    if (sgn) {
        if (w == 32) {
            emit_rr(e, true, OP(0x63), RAX, RAX); /* movsxd rax, eax */
            emit_rr(e, true, OP(0x63), RCX, RCX); /* movsxd rcx, ecx */
        }
        b1(e, 0x48); /* cqo */
        b1(e, 0x99);
        emit_rr(e, true, OP(0xf7), 7, RCX); /* idiv rcx */
    } else {
        emit_rr(e, false, OP(0x31), RDX, RDX); /* xor edx, edx */
        emit_rr(e, true, OP(0xf7), 6, RCX);    /* div rcx */
    }
    if (in->op == IR_REMU || in->op == IR_REMS)
        emit_rr(e, true, OP(0x89), RDX, RAX); /* mov rax, rdx */
    mask_rax(e, w);
    size_t done = jmp_fwd(e);
    patch_here(e, zero);
    if (minus1)
        patch_here(e, minus1);
    emit_rr(e, true, OP(0x89), RAX, RSI);  /* mov rsi, rax */
    emit_rr(e, true, OP(0x89), RCX, RDX);  /* mov rdx, rcx */
    emit_rr(e, false, OP(0x31), RCX, RCX); /* xor ecx, ecx */
    call_int_shim(e, in);
    patch_here(e, done);
}

/* An integer op into rax; false when only the shim has it. */
static void flags_lost(Em *e)
{
    e->flags_val = NO_VALUE;
    e->flags_gen++;
}

/* The op that computed value v (its args a, b at w bits) left its flags. */
static void flags_set(Em *e, uint32_t v, unsigned op, uint32_t a, uint32_t b, unsigned w)
{
    flags_lost(e);
    e->flags_val = v;
    e->flags_op = op;
    e->flags_a = e->alias[a];
    e->flags_b = e->alias[b];
    e->flags_w = w;
}

/* rax = the condition cc of the current flags, as value v (an EXIT_IF right after it,
 * its only use, branches on the flags) */
static void setcc_value(Em *e, uint32_t v, int cc)
{
    e->cmp_val = v;
    e->cmp_cc = cc;
    e->cmp_end = e->n;
    emit_rr(e, false, OP(0x0f, (uint8_t)(0x90 + cc)), 0, RAX); /* setcc al */
    mask_rax(e, 8);
    e->cc_gen[v] = e->flags_gen;
    e->cc_code[v] = (uint8_t)cc;
}

/* v = a condition of two flag values that is one x86 condition: AArch64's hi (C && !Z),
 * ls (!C || Z), ge (N == V), lt (N != V), gt (!Z && N == V) and le (Z || N != V), with C
 * of a subtraction being x86's !CF. */
static bool flag_pair(Em *e, const IRInsn *in, uint32_t v)
{
    uint32_t a = e->alias[in->args[0]], b = e->alias[in->args[1]];
    if (e->is_k[a] || e->is_k[b] || e->cc_gen[a] != e->flags_gen || e->cc_gen[b] != e->flags_gen)
        return false;
    int x = e->cc_code[a], y = e->cc_code[b];
    if (x > y) {
        int t = x;
        x = y;
        y = t;
    }
    unsigned op = in->op == IR_CMP ? (in->cond == IR_CC_EQ ? IR_CMP : IR_XOR) : in->op;
    int cc = -1;
    if (op == IR_AND && x == CC_AE && y == CC_NE)
        cc = CC_A;
    else if (op == IR_AND && x == CC_NE && y == CC_GE)
        cc = CC_G;
    else if (op == IR_OR && x == CC_B && y == CC_E)
        cc = CC_BE;
    else if (op == IR_OR && x == CC_E && y == CC_L)
        cc = CC_LE;
    else if (op == IR_XOR && x == CC_O && y == CC_S)
        cc = CC_L;
    else if (op == IR_CMP && x == CC_O && y == CC_S)
        cc = CC_GE;
    if (cc < 0)
        return false;
    setcc_value(e, v, cc);
    return true;
}

/* A value the flags of an earlier op already hold, emitted as a setcc: AArch64 computes
 * N, Z, C and V of one compare as four ops (x < 0, x == 0, carry and overflow of a - b)
 * and the branch after it tests !Z; after `sub` or `add` each costs a setcc. */
static bool flag_reader(Em *e, const IRInsn *in)
{
    if (e->flags_val == NO_VALUE || in->type != IR_I1)
        return false;
    uint32_t v = (uint32_t)(in - e->blk->insns);
    uint64_t k;
    switch (in->op) {
    case IR_CMP: {
        static const int on_result[IR_CC_COUNT] = {
            [IR_CC_EQ] = CC_E, [IR_CC_NE] = CC_NE, [IR_CC_SLT] = CC_L, [IR_CC_SGE] = CC_GE};
        if ((in->cond == IR_CC_EQ || in->cond == IR_CC_NE) && bits_of(e, in->args[0]) == 1 &&
            flag_pair(e, in, v))
            return true;
        if (e->alias[in->args[0]] != e->flags_val || !const_val(e, in->args[1], &k) || k ||
            !on_result[in->cond] || bits_of(e, in->args[0]) != e->flags_w)
            return false;
        /* x < 0 is SF (OF of the op that made x says nothing about x itself) */
        int cc = on_result[in->cond];
        setcc_value(e, v, cc == CC_L ? CC_S : cc == CC_GE ? CC_NS : cc);
        return true;
    }
    case IR_USUBO:
    case IR_SSUBO:
    case IR_UADDO:
    case IR_SADDO: {
        bool add = in->op == IR_UADDO || in->op == IR_SADDO;
        uint32_t a = e->alias[in->args[0]], b = e->alias[in->args[1]];
        bool same =
            (a == e->flags_a && b == e->flags_b) || (add && a == e->flags_b && b == e->flags_a);
        if (e->flags_op != (add ? IR_ADD : IR_SUB) || !same ||
            bits_of(e, in->args[0]) != e->flags_w || !const_val(e, in->args[2], &k) || (k & 1))
            return false;
        setcc_value(e, v, in->op == IR_USUBO || in->op == IR_UADDO ? CC_B : CC_O);
        return true;
    }
    case IR_XOR: { /* !c of a flag value c: the opposite condition */
        uint32_t c = e->alias[in->args[0]];
        if (!const_val(e, in->args[1], &k)) {
            c = e->alias[in->args[1]];
            if (!const_val(e, in->args[0], &k))
                return flag_pair(e, in, v);
        }
        if (!(k & 1) || e->is_k[c] || e->cc_gen[c] != e->flags_gen)
            return false;
        setcc_value(e, v, e->cc_code[c] ^ 1);
        return true;
    }
    case IR_AND:
    case IR_OR:
        return flag_pair(e, in, v);
    default:
        return false;
    }
}

static bool emit_int_inline(Em *e, const IRInsn *in)
{
    unsigned w = ir_type_bits((IRType)in->type);
    unsigned sw = in->nargs ? bits_of(e, in->args[0]) : w;
    static const uint8_t alu[IR_OP_COUNT] = {
        [IR_ADD] = 0x01, [IR_SUB] = 0x29, [IR_AND] = 0x21, [IR_OR] = 0x09, [IR_XOR] = 0x31};
    static const uint8_t alu_ext[IR_OP_COUNT] = {
        [IR_ADD] = 0, [IR_OR] = 1, [IR_AND] = 4, [IR_SUB] = 5, [IR_XOR] = 6};
    uint64_t k;
    /* a commutative op takes a constant, or the value rax holds, as its second operand */
    uint32_t x = in->nargs ? in->args[0] : 0, y = in->nargs > 1 ? in->args[1] : 0;
    if (commutative(in->op) && ((const_val(e, x, &k) && !const_val(e, y, &k)) ||
                                (e->rax_val == e->alias[y] && e->rax_val != e->alias[x]))) {
        x = in->args[1];
        y = in->args[0];
    }
    switch (in->op) {
    case IR_ADD:
    case IR_SUB:
    case IR_AND:
    case IR_OR:
    case IR_XOR:
    case IR_MUL:
        /* the low w bits of a sign-extended imm32 are right whenever w <= 32; up to 32
         * bits the op works on eax, which zero-extends (no mask at 32) */
        if (const_val(e, y, &k) && (w <= 32 || (int64_t)k == (int32_t)k)) {
            load_val(e, RAX, x);
            if (in->op == IR_MUL)
                emit_rr(e, w > 32, OP(0x69), RAX, RAX); /* imul rax, rax, imm32 */
            else
                emit_rr(e, w > 32, OP(0x81), alu_ext[in->op], RAX); /* op rax, imm32 */
            b4(e, (uint32_t)k);
        } else if (b_in_place(e, x, y) && (w >= 32 || !e->in_state[e->alias[y]])) {
            /* at 8 and 16 bits the 32-bit op reads the rest of y's 8-byte slot, which the
             * mask drops (not from the state: its last bytes may end the state's memory) */
            static const uint8_t alu_mem[IR_OP_COUNT] = {
                [IR_ADD] = 0x03, [IR_SUB] = 0x2b, [IR_AND] = 0x23, [IR_OR] = 0x0b, [IR_XOR] = 0x33};
            if (in->op == IR_MUL)
                op_rax_in_place(e, x, y, w > 32, OP(0x0f, 0xaf)); /* imul rax, [y] */
            else
                op_rax_in_place(e, x, y, w > 32, &alu_mem[in->op], 1); /* op rax, [y] */
        } else {
            load_ab(e, x, y);
            if (in->op == IR_MUL)
                emit_rr(e, w > 32, OP(0x0f, 0xaf), RAX, RCX); /* imul rax, rcx */
            else
                emit_rr(e, w > 32, &alu[in->op], 1, RCX, RAX);
        }
        if (w < 32)
            mask_rax(e, w);
        else if (in->op != IR_MUL) /* imul leaves SF and ZF undefined */
            flags_set(e, (uint32_t)(in - e->blk->insns), in->op, in->args[0], in->args[1], w);
        return true;
    case IR_NOT:
    case IR_NEG:
        load_val(e, RAX, in->args[0]);
        emit_rr(e, w > 32, OP(0xf7), in->op == IR_NOT ? 2 : 3, RAX);
        if (w < 32)
            mask_rax(e, w);
        return true;
    case IR_SHL:
    case IR_SHR:
    case IR_SAR: {
        int ext = in->op == IR_SHL ? 4 : in->op == IR_SHR ? 5 : 7;
        if (in->op == IR_SAR && w < 32)
            return false;
        if (const_val(e, in->args[1], &k) && w >= 8) {
            load_val(e, RAX, in->args[0]);
            emit_rr(e, w == 64 || w < 32, OP(0xc1), ext, RAX); /* op rax/eax, imm8 */
            b1(e, (uint8_t)(k & (w - 1)));
            if (w < 32) /* a 32-bit op zero-extends */
                mask_rax(e, w);
            return true;
        }
        load_ab(e, in->args[0], in->args[1]);
        if (w < 32) {                            /* x86 masks the count to 5 or 6 bits only */
            emit_rr(e, false, OP(0x83), 4, RCX); /* and ecx, w - 1 */
            b1(e, (uint8_t)(w - 1));
        }
        emit_rr(e, w == 64 || w < 32, OP(0xd3), ext, RAX); /* op rax/eax, cl */
        if (w < 32)
            mask_rax(e, w);
        return true;
    }
    case IR_CMP:
        if (signed_cond(in->cond) && sw != 32 && sw != 64)
            return false;
        if (const_val(e, in->args[1], &k) && (sw <= 32 || (int64_t)k == (int32_t)k) &&
            (sw == 32 || sw == 64 || k <= INT32_MAX)) {
            load_val(e, RAX, in->args[0]);
            emit_rr(e, sw == 64, OP(0x81), 7, RAX); /* cmp rax, imm32 (eax at 32 bits) */
            b4(e, (uint32_t)k);
        } else if ((sw == 32 || sw == 64) && b_in_place(e, in->args[0], in->args[1])) {
            /* cmp rax, [b] (eax at 32 bits) */
            op_rax_in_place(e, in->args[0], in->args[1], sw == 64, OP(0x3b));
        } else {
            load_ab(e, in->args[0], in->args[1]);
            emit_rr(e, sw == 64, OP(0x39), RCX, RAX); /* cmp rax, rcx (eax, ecx at 32 bits) */
        }
        setcc_value(e, (uint32_t)(in - e->blk->insns), x86_cc(in->cond));
        return true;
    case IR_DIVU:
    case IR_REMU:
    case IR_DIVS:
    case IR_REMS:
        if (w != 32 && w != 64)
            return false;
        emit_div(e, in, w);
        return true;
    case IR_ROTL:
    case IR_ROTR:
        if (w != 32 && w != 64)
            return false;
        load_ab(e, in->args[0], in->args[1]);
        emit_rr(e, w == 64, OP(0xd3), in->op == IR_ROTL ? 0 : 1, RAX); /* rol/ror rax, cl */
        return true;
    case IR_UADDO:
    case IR_SADDO:
    case IR_USUBO:
    case IR_SSUBO: {
        /* carry/borrow out and signed overflow of a +/- b +/- c at the operands' width:
         * x86's CF and OF after add/adc and sub/sbb (AArch64's flags, subtraction borrow) */
        if (sw != 32 && sw != 64)
            return false;
        bool add = in->op == IR_UADDO || in->op == IR_SADDO;
        uint64_t kb;
        bool no_carry = const_val(e, in->args[2], &k) && !(k & 1);
        if (no_carry && const_val(e, in->args[1], &kb) &&
            (sw == 32 || (int64_t)kb == (int32_t)kb)) {
            load_val(e, RAX, in->args[0]);
            emit_rr(e, sw == 64, OP(0x81), add ? 0 : 7, RAX); /* add / cmp rax, imm32 */
            b4(e, (uint32_t)kb);
        } else if (no_carry) {
            load_ab(e, in->args[0], in->args[1]);
            const uint8_t op = add ? 0x01 : 0x39; /* add / cmp rax, rcx */
            emit_rr(e, sw == 64, &op, 1, RCX, RAX);
        } else {
            load_ab(e, in->args[0], in->args[1]);
            load_val(e, RDX, in->args[2]);
            emit_rr(e, false, OP(0x0f, 0xba), 4, RDX); /* bt edx, 0: CF = c */
            b1(e, 0);
            const uint8_t op = add ? 0x11 : 0x19; /* adc / sbb rax, rcx */
            emit_rr(e, sw == 64, &op, 1, RCX, RAX);
        }
        bool sgn = in->op == IR_SADDO || in->op == IR_SSUBO;
        emit_rr(e, false, OP(0x0f, (uint8_t)(0x90 + (sgn ? CC_O : CC_B))), 0, RAX); /* seto/setc */
        mask_rax(e, 8);
        return true;
    }
    case IR_SELECT:
        load_val(e, RCX, in->args[0]);
        load_val(e, RAX, in->args[1]);
        load_val(e, RDX, in->args[2]);
        b1(e, 0xf6); /* test cl, 1 */
        b1(e, 0xc1);
        b1(e, 1);
        emit_rr(e, true, OP(0x0f, 0x44), RAX, RDX); /* cmovz rax, rdx */
        return true;
    case IR_ZEXT:
    case IR_BITCAST:
        load_val(e, RAX, in->args[0]);
        return true;
    case IR_TRUNC:
        load_val(e, RAX, in->args[0]);
        mask_rax(e, w);
        return true;
    case IR_SEXT:
        load_val(e, RAX, in->args[0]);
        switch (sw) {
        case 1:
            mask_rax(e, 1);
            emit_rr(e, true, OP(0xf7), 3, RAX); /* neg rax */
            break;
        case 8:
            emit_rr(e, true, OP(0x0f, 0xbe), RAX, RAX);
            break; /* movsx rax, al */
        case 16:
            emit_rr(e, true, OP(0x0f, 0xbf), RAX, RAX);
            break; /* movsx rax, ax */
        case 32:
            emit_rr(e, true, OP(0x63), RAX, RAX);
            break; /* movsxd rax, eax */
        default:
            break;
        }
        mask_rax(e, w);
        return true;
    default:
        return false;
    }
}

/* cur_pc = the access's pc (a host fault in it names the instruction) */
static void set_cur_pc(Em *e, uint64_t pc)
{
    if (e->cur_pc_known)
        return;
    store_imm64(e, R12, (int32_t)offsetof(RtCpu, cur_pc), pc);
    e->cur_pc_known = true;
}

/* rax = guest address, checked against the window exactly as rt_mem_host does (addr >
 * limit - size: a user-mode window is never smaller than an access); outside, the fault
 * stub at the end of the region leaves with RT_EXIT_FAULT. */
static void check_address(Em *e, uint32_t addr, unsigned size, bool is_write)
{
    if (!e->opts->pcs)
        set_cur_pc(e, e->insn_pc);
    load_val(e, RAX, addr);
    emit_mem(e, true, OP(0x8d), RCX, R14, -(int32_t)size); /* lea rcx, [r14 - size] */
    emit_rr(e, true, OP(0x39), RCX, RAX);                  /* cmp rax, rcx */
    FVP_GROW(e->stubs, e->cap_stubs, e->nstubs + 1);
    e->stubs[e->nstubs++] = (Stub){
        .at = jcc_fwd(e, CC_A), .pc = e->insn_pc, .pending = e->pending, .is_write = is_write};
}

/* The guest access about to be emitted names e->insn_pc in the pc table (if any) */
static void name_access(Em *e)
{
    TrPcTable *t = e->opts->pcs;
    if (!t)
        return;
    FVP_GROW(t->e, t->cap, t->n + 1);
    t->e[t->n++] = (TrPcEntry){.host = e->n, .guest = e->insn_pc};
}

static void emit_load(Em *e, const IRInsn *in)
{
    check_address(e, in->args[0], ir_type_bits((IRType)in->type) / 8, false);
    name_access(e);
    switch (ir_type_bits((IRType)in->type)) {
    case 8:
        emit_guest(e, false, OP(0x0f, 0xb6), RAX);
        break;
    case 16:
        emit_guest(e, false, OP(0x0f, 0xb7), RAX);
        break;
    case 32:
        emit_guest(e, false, OP(0x8b), RAX);
        break;
    default:
        emit_guest(e, true, OP(0x8b), RAX);
        break;
    }
}

static void emit_store(Em *e, const IRInsn *in)
{
    check_address(e, in->args[0], bits_of(e, in->args[1]) / 8, true);
    load_val(e, RCX, in->args[1]);
    name_access(e);
    switch (bits_of(e, in->args[1])) {
    case 8:
        emit_guest(e, false, OP(0x88), RCX);
        break;
    case 16:
        b1(e, 0x66);
        emit_guest(e, false, OP(0x89), RCX);
        break;
    case 32:
        emit_guest(e, false, OP(0x89), RCX);
        break;
    default:
        emit_guest(e, true, OP(0x89), RCX);
        break;
    }
}

static void emit_get(Em *e, const IRInsn *in)
{
    int32_t off = (int32_t)in->imm;
    switch (ir_type_bits((IRType)in->type)) {
    case 1:
        emit_mem(e, false, OP(0x0f, 0xb6), RAX, RBP, off);
        mask_rax(e, 1);
        break;
    case 8:
        emit_mem(e, false, OP(0x0f, 0xb6), RAX, RBP, off);
        break;
    case 16:
        emit_mem(e, false, OP(0x0f, 0xb7), RAX, RBP, off);
        break;
    case 32:
        emit_mem(e, false, OP(0x8b), RAX, RBP, off);
        break;
    default:
        mov_load(e, RAX, RBP, off);
        break;
    }
}

/* A PUT of a constant as an immediate store: rax keeps its value. */
static bool emit_put_const(Em *e, const IRInsn *in)
{
    int32_t off = (int32_t)in->imm;
    uint64_t k;
    if (!const_val(e, in->args[0], &k))
        return false;
    switch (bits_of(e, in->args[0])) {
    case 1:
    case 8:
        emit_mem(e, false, OP(0xc6), 0, RBP, off); /* mov byte [rbp + off], imm8 */
        b1(e, (uint8_t)k);
        return true;
    case 16:
        b1(e, 0x66);
        emit_mem(e, false, OP(0xc7), 0, RBP, off); /* mov word [rbp + off], imm16 */
        b1(e, (uint8_t)k);
        b1(e, (uint8_t)(k >> 8));
        return true;
    case 32:
        emit_mem(e, false, OP(0xc7), 0, RBP, off); /* mov dword [rbp + off], imm32 */
        b4(e, (uint32_t)k);
        return true;
    default:
        if ((int64_t)k != (int32_t)k)
            return false;
        store_imm64(e, RBP, off, k); /* mov qword [rbp + off], simm32 */
        return true;
    }
}

static void emit_put(Em *e, const IRInsn *in)
{
    int32_t off = (int32_t)in->imm;
    load_val(e, RAX, in->args[0]);
    switch (bits_of(e, in->args[0])) {
    case 1:
    case 8:
        emit_mem(e, false, OP(0x88), RAX, RBP, off);
        break;
    case 16:
        b1(e, 0x66);
        emit_mem(e, false, OP(0x89), RAX, RBP, off);
        break;
    case 32:
        emit_mem(e, false, OP(0x89), RAX, RBP, off);
        break;
    default:
        mov_store(e, RBP, off, RAX);
        break;
    }
}

static void emit_helper(Em *e, const IRInsn *in)
{
    /* a helper may read the instruction counter (instret): the counts so far reach
     * cpu->stats first, as the interpreter and the LLVM lowering do */
    commit_pending(e, e->pending);
    e->pending = 0;
    publish_counts(e, true);
    e->cur_pc_known = false;
    set_cur_pc(e, e->insn_pc);
    load_call_args(e, in);
    emit_rr(e, true, OP(0x89), R12, RDI); /* mov rdi, r12 */
    call_abs(e, (const void *)rt_helper_fns[in->imm]);
    if (in->type != IR_VOID)
        mask_rax(e, ir_type_bits((IRType)in->type));
}

/* Whether the op's code leaves the host flags alone (or, for the integer ops, decides
 * that itself: flag_reader, emit_int_inline) */
static bool keeps_flags(const IRInsn *in)
{
    switch (in->op) {
    case IR_INSN:
    case IR_CONST:
    case IR_PUT:
        return true;
    case IR_GET: /* mov or movzx; an i1 is masked with `and` */
        return in->type != IR_I1;
    default:
        return int_op(in->op);
    }
}

static void emit_block(Em *e, size_t bi)
{
    const IRBlock *b = e->blocks[bi];
    e->blk = b;
    e->bi = bi;
    e->pending = 0;
    e->insn_pc = b->pc;
    e->cur_pc_known = false;
    bind(e, bi);
    count_add(e, 8, 1);
    e->stored = NO_VALUE;
    e->store_end = SIZE_MAX;
    e->cmp_val = NO_VALUE;
    flags_lost(e); /* other code jumps here */
    simplify_block(e, bi);
    for (uint32_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        Exit x = {.kind = RT_EXIT_JUMP};
        if (e->skip[i] || e->in_state[i])
            continue; /* emits nothing: rax keeps what the op before left */
        if (!keeps_flags(in))
            flags_lost(e);
        /* INSN emits nothing either */
        if (in->op != IR_INSN) {
            e->rax_val = e->stored;
            e->stored = NO_VALUE;
        }
        switch (in->op) {
        case IR_CONST:
            break; /* an immediate at each use */
        case IR_INSN:
            e->insn_pc = in->imm;
            e->pending++;
            e->cur_pc_known = false;
            break;
        case IR_GET:
            emit_get(e, in);
            store_val(e, i);
            break;
        case IR_PUT:
            if (emit_put_const(e, in)) {
                /* rax holds what it held before (its slot store is no longer the last
                 * bytes) */
                e->stored = e->rax_val;
                e->store_end = SIZE_MAX;
                break;
            }
            emit_put(e, in);
            /* rax still holds the value: the next op may take it from there */
            e->stored = e->alias[in->args[0]];
            e->store_end = SIZE_MAX; /* but its slot store (if any) was not the last bytes */
            break;
        case IR_LOAD:
            emit_load(e, in);
            store_val(e, i);
            break;
        case IR_STORE:
            emit_store(e, in);
            break;
        case IR_FENCE:
            if (in->cond == IR_FENCE_SEQ) { /* x86 orders the rest (TSO) */
                b1(e, 0x0f);
                b1(e, 0xae);
                b1(e, 0xf0); /* mfence */
            }
            break;
        case IR_HELPER:
            emit_helper(e, in);
            if (in->type != IR_VOID)
                store_val(e, i);
            break;
        case IR_EXIT_IF: {
            uint32_t c = e->alias[in->args[0]];
            size_t to = tr_region_index(e->blocks, e->nblocks, in->imm);
            /* a plain branch in the region is the jcc itself; else the jcc skips the
             * branch's or the exit's code */
            bool direct = to < e->nblocks && plain_branch(e, to);
            int cc;
            if (c == e->cmp_val && e->rax_val == c && only_use_after_store(e, c)) {
                /* the compare just before, nothing else uses it: its flags decide, without
                 * setcc, movzx and the slot store */
                e->n = e->cmp_end;
                e->rax_val = NO_VALUE;
                cc = e->cmp_cc;
            } else {
                load_val(e, RAX, in->args[0]);
                b1(e, 0xa8); /* test al, 1 */
                b1(e, 1);
                cc = CC_NE;
            }
            if (direct) {
                jcc_label(e, cc, to);
                break;
            }
            size_t skip = jcc_fwd(e, cc ^ 1);
            if (to < e->nblocks) {
                branch_in_region(e, to, IR_JUMP_PLAIN);
            } else {
                x.jump_kind = IR_JUMP_PLAIN;
                x.next_pc = in->imm;
                x.link = true;
                emit_exit(e, &x, e->pending);
            }
            patch_here(e, skip);
            break;
        }
        case IR_GOTO: {
            size_t to = tr_region_index(e->blocks, e->nblocks, in->imm);
            if (to < e->nblocks && to == bi + 1 && plain_branch(e, to))
                return; /* the next block comes next */
            if (to < e->nblocks) {
                branch_in_region(e, to, in->cond);
            } else {
                x.jump_kind = in->cond;
                x.next_pc = in->imm;
                x.link = true;
                emit_exit(e, &x, e->pending);
            }
            return;
        }
        case IR_GOTO_REG:
            load_val(e, RAX, in->args[0]);
            goto_reg_in_region(e, in->cond);
            x.jump_kind = in->cond;
            x.next_in_rax = true;
            emit_exit(e, &x, e->pending);
            return;
        case IR_SYSCALL:
            /* the dispatcher passes cpu->cur_pc to the syscall: the block's pc, as the
             * LLVM lowering stores it */
            store_imm64(e, R12, (int32_t)offsetof(RtCpu, cur_pc), b->pc);
            x.kind = RT_EXIT_SYSCALL;
            x.next_pc = in->imm;
            emit_exit(e, &x, e->pending);
            return;
        case IR_SYNC_CODE:
            x.kind = RT_EXIT_SYNC_CODE;
            x.next_pc = in->imm;
            emit_exit(e, &x, e->pending);
            return;
        case IR_TRAP:
            x.kind = RT_EXIT_TRAP;
            x.trap_kind = in->cond;
            x.pc = in->imm;
            x.detail = in->imm2;
            x.next_pc = in->imm;
            emit_exit(e, &x, e->pending);
            return;
        default:
            if (!flag_reader(e, in)) {
                flags_lost(e);
                if (!emit_int_inline(e, in))
                    emit_int_call(e, in);
            }
            store_val(e, i);
            break;
        }
    }
}

static void emit_stubs(Em *e)
{
    for (size_t k = 0; k < e->nstubs; k++) {
        const Stub *s = &e->stubs[k];
        patch_here(e, s->at);
        emit_rr(e, true, OP(0x89), RAX, RCX); /* mov rcx, rax: the address */
        Exit x = {.kind = RT_EXIT_FAULT,
                  .is_write = s->is_write,
                  .next_pc = s->pc,
                  .fault_addr_in_rcx = true,
                  .pc = s->pc};
        emit_exit(e, &x, s->pending);
    }
}

static void em_free(Em *e)
{
    free(e->p);
    free(e->labels);
    free(e->fix);
    free(e->stubs);
    free(e->links);
    free(e->uses);
    free(e->skip);
    free(e->in_state);
    free(e->state_off);
    free(e->cc_gen);
    free(e->cc_code);
    free(e->alias);
    free(e->is_k);
    free(e->kval);
    free(e->live_in);
    free(e->goto_reg_target);
    free(e->scc);
}

FvpError *tr_baseline_compile(TrBaseline *bl, const IRBlock *const *blocks, size_t nblocks,
                              const TrBaselineRegion *opts, RtCompiledFn *out, uint64_t *code_bytes,
                              const RtChainLink **links, size_t *nlinks)
{
    *links = NULL;
    *nlinks = 0;
    if (!tr_baseline_supports(blocks, nblocks))
        return fvp_error_new(FVP_ERR_UNSUPPORTED,
                             "region 0x%" PRIx64 " has ops the baseline "
                             "compiler does not compile",
                             nblocks ? blocks[0]->pc : 0);
    Em e = {.blocks = blocks, .nblocks = nblocks, .opts = opts, .fold = !bl->no_fold};
    uint32_t maxvals = 0;
    for (size_t k = 0; k < nblocks; k++) {
        maxvals = blocks[k]->count > maxvals ? blocks[k]->count : maxvals;
        new_label(&e); /* label k: block k */
    }
    size_t nvals = maxvals ? maxvals : 1;
    e.uses = fvp_xcalloc(nvals, sizeof *e.uses);
    e.skip = fvp_xcalloc(nvals, sizeof *e.skip);
    e.in_state = fvp_xcalloc(nvals, sizeof *e.in_state);
    e.state_off = fvp_xcalloc(nvals, sizeof *e.state_off);
    e.cc_gen = fvp_xcalloc(nvals, sizeof *e.cc_gen);
    e.cc_code = fvp_xcalloc(nvals, sizeof *e.cc_code);
    e.alias = fvp_xcalloc(nvals, sizeof *e.alias);
    e.is_k = fvp_xcalloc(nvals, sizeof *e.is_k);
    e.kval = fvp_xcalloc(nvals, sizeof *e.kval);
    e.live_in = fvp_xcalloc(nblocks, sizeof *e.live_in);
    e.goto_reg_target = tr_goto_reg_targets(blocks, nblocks);
    e.scc = tr_region_sccs(blocks, nblocks, e.goto_reg_target);
    e.l_chain = new_label(&e);
    e.l_plain = new_label(&e);
    e.l_chain_popped = new_label(&e);
    /* rsp is 8 below a 16-byte boundary at entry (the return address): keep helper calls
     * aligned */
    e.frame = (16 + 8 * maxvals + 15) / 16 * 16 + 8;

    emit_rr(&e, true, OP(0x81), 5, RSP); /* sub rsp, frame */
    b4(&e, e.frame);
    mov_load(&e, RBP, R12, (int32_t)offsetof(RtCpu, state));
    mov_load(&e, RBX, R12, (int32_t)offsetof(RtCpu, mem_base));
    mov_load(&e, R14, R12, (int32_t)offsetof(RtCpu, mem_limit));
    mov_load(&e, R15, R12, (int32_t)offsetof(RtCpu, exit_request));
    emit_rr(&e, true, OP(0x85), R15, R15); /* test r15, r15 */
    size_t have_rq = jcc_fwd(&e, CC_NE);
    emit_mem(&e, true, OP(0x8d), R15, R12, (int32_t)offsetof(RtCpu, no_exit_request));
    patch_here(&e, have_rq);
    if (opts->counts) {
        store_imm64(&e, RSP, 0, 0);
        store_imm64(&e, RSP, 8, 0);
    }
    region_liveness(&e);
    e.blk = blocks[0];
    count_tier_up(&e, blocks[0]->pc, IR_JUMP_PLAIN, 0);
    for (size_t k = 0; k < nblocks; k++)
        emit_block(&e, k);
    emit_stubs(&e);
    emit_tails(&e);
    for (size_t k = 0; k < e.nfix; k++)
        patch32(&e, e.fix[k].at, e.labels[e.fix[k].target]);

    uint8_t *code = place_code(bl, e.p, e.n);
    *code_bytes = e.n;
    if (code && e.nlinks) {
        RtChainLink *l = fvp_xcalloc(e.nlinks, sizeof *l);
        for (size_t k = 0; k < e.nlinks; k++)
            l[k] = (RtChainLink){.target_pc = e.links[k].pc,
                                 .site = code + e.links[k].at,
                                 .unlinked = code + e.labels[e.l_chain_popped]};
        pthread_mutex_lock(&bl->lock);
        FVP_GROW(bl->links, bl->cap_links, bl->nlinks + 1);
        bl->links[bl->nlinks++] = l;
        pthread_mutex_unlock(&bl->lock);
        *links = l;
        *nlinks = e.nlinks;
    }
    em_free(&e);
    if (!code)
        return fvp_error_errno(errno, "mapping executable memory for baseline code");
    *out = (RtCompiledFn)code;
    return NULL;
}
