/* AOT code discovery: ELF seeds, recursive descent, switch tables, function grouping. */
#include "translator/aot_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/common.h"
#include "runtime/aot_runtime.h"

/*
 *   seeds: ELF entry, STT_FUNC symbols, aligned 8-byte words in loaded segments that point
 *          into an executable segment (jump tables, function pointer tables)
 *     |
 *   lift every reachable block (the runtime's own lifter and block limits, so block
 *   boundaries match what the dispatcher will lift), following constant exits, call
 *   targets, return addresses and syscall continuations; call targets become functions
 *     |
 *   switch tables (aot_tables.c): their cases become weak entries; lift, repeat
 *     |
 *   group: each strong entry (ELF entry, symbol, call target) claims the blocks reachable
 *   without entering another strong entry, starting also from the weak entries (code
 *   pointers in data: jump-table targets) inside its address range [entry, next strong
 *   entry), so a switch stays in its function; blocks left unclaimed (past the size cap,
 *   weak entries outside every range) start functions of their own
 */

enum {
    AOT_MAX_BLOCKS = 400000,      /* stop discovering after this many blocks */
    AOT_MAX_FUNCTION_BLOCKS = 2000, /* one LLVM function stays of reasonable size */
    AOT_TABLE_ROUNDS = 8,           /* jump-table passes (a table's cases may hold tables) */
};

typedef struct Range {
    uint64_t start, end;
} Range;

typedef struct Discovery {
    TrAotProgram *prog;
    RtMem *mem;
    Range *exec;
    size_t nexec, capexec;
    Range *ro; /* loaded bytes of read-only segments (jump tables) */
    size_t nro, capro;
    U64Map dead;      /* pcs that lifted to no guest code */
    uint64_t *work;   /* pcs to lift */
    size_t nwork, capwork;
    uint64_t *seeds;  /* function entries found so far, in discovery order */
    size_t nseeds, capseeds;
    unsigned align;   /* instruction alignment of the guest */
} Discovery;

static bool in_exec(const Discovery *d, uint64_t pc)
{
    if (pc % d->align)
        return false;
    for (size_t i = 0; i < d->nexec; i++)
        if (pc >= d->exec[i].start && pc < d->exec[i].end)
            return true;
    return false;
}

static void push_work(Discovery *d, uint64_t pc)
{
    FVP_GROW(d->work, d->capwork, d->nwork + 1);
    d->work[d->nwork++] = pc;
}

/* Records a function entry; 1 if pc was not an entry before. */
static size_t add_function(Discovery *d, uint64_t pc, uintptr_t kind)
{
    if (!in_exec(d, pc))
        return 0;
    uintptr_t have = (uintptr_t)u64map_get(&d->prog->func_entries, pc);
    if (have == TR_AOT_ENTRY_WEAK && kind == TR_AOT_ENTRY_STRONG)
        u64map_put(&d->prog->func_entries, pc, (void *)kind);
    if (have)
        return 0;
    u64map_put(&d->prog->func_entries, pc, (void *)kind);
    FVP_GROW(d->seeds, d->capseeds, d->nseeds + 1);
    d->seeds[d->nseeds++] = pc;
    push_work(d, pc);
    return 1;
}

static bool scan_is_code(void *ctx, uint64_t pc)
{
    return in_exec(ctx, pc);
}

static bool scan_read_only(void *ctx, uint64_t addr, unsigned size, uint64_t *out)
{
    const Discovery *d = ctx;
    for (size_t i = 0; i < d->nro; i++) {
        if (addr < d->ro[i].start || addr > d->ro[i].end || d->ro[i].end - addr < size)
            continue;
        *out = 0;
        return rt_mem_read(d->mem, addr, out, size) == 0;
    }
    return false;
}

static size_t scan_add(void *ctx, uint64_t pc)
{
    return add_function(ctx, pc, TR_AOT_ENTRY_WEAK);
}

static size_t fetch_code(void *ctx, uint64_t pc, void *buf, size_t len)
{
    return rt_mem_fetch(ctx, pc, buf, len);
}

/* Calls visit(ctx, pc, is_call) for every constant successor of b. Intra-function edges:
 * side exits, plain gotos, return addresses after calls, syscall continuations, the cases
 * of a resolved switch table. */
typedef void (*SuccFn)(void *ctx, uint64_t pc, bool is_call);
static void for_each_successor(const TrAotProgram *prog, const IRBlock *b, SuccFn visit,
                               void *ctx)
{
    const TrAotTable *t = u64map_get(&prog->tables.by_block, b->pc);
    for (size_t k = 0; t && k < t->n; k++)
        visit(ctx, t->pcs[k], false);
    for (size_t i = 0; i < b->count; i++) {
        const IRInsn *in = &b->insns[i];
        switch (in->op) {
        case IR_EXIT_IF:
            visit(ctx, in->imm, false);
            break;
        case IR_GOTO:
            if (in->cond == IR_JUMP_CALL) {
                visit(ctx, in->imm, true);
                visit(ctx, in->imm2, false);
            } else {
                visit(ctx, in->imm, false);
            }
            break;
        case IR_GOTO_REG:
            if (in->cond == IR_JUMP_CALL)
                visit(ctx, in->imm2, false);
            break;
        case IR_SYSCALL:
        case IR_SYNC_CODE:
            visit(ctx, in->imm, false);
            break;
        default:
            break;
        }
    }
}

static void visit_discover(void *ctx, uint64_t pc, bool is_call)
{
    Discovery *d = ctx;
    if (is_call)
        add_function(d, pc, TR_AOT_ENTRY_STRONG);
    else if (in_exec(d, pc))
        push_work(d, pc);
}

static FvpError *lift_all(Discovery *d)
{
    TrAotProgram *prog = d->prog;
    while (d->nwork) {
        uint64_t pc = d->work[--d->nwork];
        if (u64map_get(&prog->blocks, pc) || u64map_get(&d->dead, pc))
            continue;
        if (prog->blocks.count >= AOT_MAX_BLOCKS)
            break;
        IRBlock *ir = ir_block_new(pc);
        FeLiftOptions lo = {0};
        FvpError *err = prog->fe->lift_block(prog->fe, fetch_code, d->mem, pc, &lo, ir);
        if (err) {
            ir_block_free(ir);
            return fvp_error_wrap(err, "lifting the %s block at 0x%llx", prog->fe->name,
                                  (unsigned long long)pc);
        }
        FvpError *verr = ir->guest_insns ? ir_verify_block(ir) : NULL;
        if (!ir->guest_insns || verr) {
            fvp_error_free(verr); /* the dispatcher will report it if it ever runs there */
            ir_block_free(ir);
            u64map_put(&d->dead, pc, (void *)1);
            continue;
        }
        u64map_put(&prog->blocks, pc, ir);
        for_each_successor(prog, ir, visit_discover, d);
    }
    return NULL;
}

/* Program headers and symbols of the file (the loaded image has the same layout + bias). */
static FvpError *scan_elf(Discovery *d, const char *path, uint64_t bias, TrAotStats *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fvp_error_errno(errno, "opening %s", path);
    elf_version(EV_CURRENT);
    Elf *elf = elf_begin(fd, ELF_C_READ, NULL);
    FvpError *err = NULL;
    if (!elf) {
        err = fvp_error_new(FVP_ERR_FORMAT, "%s: %s", path, elf_errmsg(-1));
        goto out;
    }
    size_t phnum = 0;
    elf_getphdrnum(elf, &phnum);
    Range *data = NULL;
    size_t ndata = 0, capdata = 0;
    for (size_t i = 0; i < phnum; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(elf, (int)i, &ph) || ph.p_type != PT_LOAD)
            continue;
        Range r = {ph.p_vaddr + bias, ph.p_vaddr + bias + ph.p_memsz};
        if (ph.p_flags & PF_X) {
            FVP_GROW(d->exec, d->capexec, d->nexec + 1);
            d->exec[d->nexec++] = r;
        }
        if (ph.p_flags & PF_R) {
            r.end = r.start + ph.p_filesz;
            FVP_GROW(data, capdata, ndata + 1);
            data[ndata++] = r;
            if (!(ph.p_flags & PF_W)) {
                FVP_GROW(d->ro, d->capro, d->nro + 1);
                d->ro[d->nro++] = r;
            }
        }
    }
    Elf_Scn *scn = NULL;
    while ((scn = elf_nextscn(elf, scn))) {
        GElf_Shdr sh;
        if (!gelf_getshdr(scn, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
            continue;
        Elf_Data *syms = elf_getdata(scn, NULL);
        size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
        for (size_t i = 0; syms && i < n; i++) {
            GElf_Sym s;
            if (!gelf_getsym(syms, (int)i, &s) || GELF_ST_TYPE(s.st_info) != STT_FUNC ||
                !s.st_value || s.st_shndx == SHN_UNDEF)
                continue;
            size_t before = d->nseeds;
            add_function(d, s.st_value + bias, TR_AOT_ENTRY_STRONG);
            st->seeds_symbols += d->nseeds - before;
        }
    }
    /* Code pointers in data: aligned words whose value (or value + bias, for a PIE's
     * not yet relocated words) is an instruction start in an executable segment. */
    for (size_t i = 0; i < ndata; i++) {
        uint64_t a = (data[i].start + 7) & ~7ull;
        for (; a + 8 <= data[i].end; a += 8) {
            uint64_t v;
            if (rt_mem_read(d->mem, a, &v, 8))
                continue;
            size_t before = d->nseeds;
            if (v && in_exec(d, v))
                add_function(d, v, TR_AOT_ENTRY_WEAK);
            else if (bias && v && in_exec(d, v + bias))
                add_function(d, v + bias, TR_AOT_ENTRY_WEAK);
            st->seeds_data += d->nseeds - before;
        }
    }
    free(data);
out:
    if (elf)
        elf_end(elf);
    close(fd);
    return err;
}

typedef struct Grouping {
    TrAotProgram *prog;
    U64Map *claimed; /* pc -> owning function index + 1 */
    U64Map seen;     /* pcs in the current function */
    uint64_t *stack;
    size_t nstack, capstack;
    uint64_t entry;
} Grouping;

static bool is_strong_entry(const TrAotProgram *prog, uint64_t pc)
{
    return (uintptr_t)u64map_get(&prog->func_entries, pc) == TR_AOT_ENTRY_STRONG;
}

static void group_push(Grouping *g, uint64_t pc)
{
    u64map_put(&g->seen, pc, (void *)1);
    FVP_GROW(g->stack, g->capstack, g->nstack + 1);
    g->stack[g->nstack++] = pc;
}

/* A block belongs to one function: an edge into a block another function claimed leaves
 * this one (through the dispatcher), and the owner accepts it as an entry. Copying shared
 * blocks into every function that reaches them multiplied the code of programs whose
 * functions share tails (a random-branch test: 58 functions of ~1500 blocks each, from
 * 4461 distinct blocks). */
static void visit_group(void *ctx, uint64_t pc, bool is_call)
{
    Grouping *g = ctx;
    if (is_call || pc == g->entry || is_strong_entry(g->prog, pc) ||
        u64map_get(&g->seen, pc) || !u64map_get(&g->prog->blocks, pc))
        return;
    if (u64map_get(g->claimed, pc)) {
        u64map_put(&g->prog->cross_entries, pc, (void *)1);
        return;
    }
    group_push(g, pc);
}

/* Builds the function of `entry` from it and the extra roots (weak entries in its range):
 * its blocks in depth-first order, capped. */
static void group_function(Grouping *g, uint64_t entry, const uint64_t *roots, size_t nroots)
{
    TrAotProgram *prog = g->prog;
    TrAotFunction f = {.entry = entry};
    size_t cap = 0;
    u64map_free(&g->seen);
    u64map_init(&g->seen);
    g->entry = entry;
    g->nstack = 0;
    for (size_t r = nroots; r-- > 0;)
        if (!u64map_get(&g->seen, roots[r]) && roots[r] != entry &&
            !u64map_get(g->claimed, roots[r]))
            group_push(g, roots[r]);
    group_push(g, entry); /* popped first: blocks[0] is the entry */
    while (g->nstack && f.nblocks < AOT_MAX_FUNCTION_BLOCKS) {
        uint64_t pc = g->stack[--g->nstack];
        const IRBlock *b = u64map_get(&prog->blocks, pc);
        FVP_GROW(f.blocks, cap, f.nblocks + 1);
        f.blocks[f.nblocks++] = b;
        u64map_put(g->claimed, pc, (void *)(uintptr_t)(prog->nfunctions + 1));
        for_each_successor(prog, b, visit_group, g);
    }
    FVP_GROW(prog->functions, prog->capfunctions, prog->nfunctions + 1);
    prog->functions[prog->nfunctions++] = f;
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

static void group_all(TrAotProgram *prog)
{
    U64Map claimed;
    u64map_init(&claimed);
    Grouping g = {.prog = prog, .claimed = &claimed};
    u64map_init(&g.seen);
    /* Lifted pcs in address order (deterministic output), and the weak entries among them. */
    uint64_t *pcs = NULL, *weak = NULL;
    size_t n = 0, cap = 0, nweak = 0, capweak = 0;
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&prog->blocks, &i, &key, &value);) {
        FVP_GROW(pcs, cap, n + 1);
        pcs[n++] = key;
    }
    qsort(pcs, n, sizeof *pcs, cmp_u64);
    /* Weak entries in data start from the function whose range holds them; switch cases
     * are reached from their switch instead (gcc may place cases before the function's
     * entry, in the previous function's range). */
    for (size_t i = 0; i < n; i++)
        if ((uintptr_t)u64map_get(&prog->func_entries, pcs[i]) == TR_AOT_ENTRY_WEAK &&
            !u64map_get(&prog->tables.targets, pcs[i])) {
            FVP_GROW(weak, capweak, nweak + 1);
            weak[nweak++] = pcs[i];
        }
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (!is_strong_entry(prog, pcs[i]))
            continue;
        size_t next = i + 1;
        while (next < n && !is_strong_entry(prog, pcs[next]))
            next++;
        uint64_t end = next < n ? pcs[next] : UINT64_MAX;
        while (w < nweak && weak[w] < pcs[i])
            w++;
        size_t first = w;
        while (w < nweak && weak[w] < end)
            w++;
        group_function(&g, pcs[i], weak + first, w - first);
    }
    /* Blocks no function reached (cut off by the cap, weak entries before the first strong
     * one, or only reachable from a block that failed to lift) start their own function. */
    for (size_t i = 0; i < n; i++)
        if (!u64map_get(&claimed, pcs[i])) {
            u64map_put(&prog->func_entries, pcs[i], (void *)TR_AOT_ENTRY_STRONG);
            group_function(&g, pcs[i], NULL, 0);
        }
    free(pcs);
    free(weak);
    free(g.stack);
    u64map_free(&g.seen);
    u64map_free(&claimed);
}

FvpError *tr_aot_discover(RtProcess *p, const char *prog_path, TrAotProgram *out,
                          TrAotStats *st)
{
    RtAotLoadInfo li;
    rt_aot_load_info(p, &li);
    memset(out, 0, sizeof *out);
    out->fe = li.fe;
    u64map_init(&out->blocks);
    u64map_init(&out->func_entries);
    u64map_init(&out->cross_entries);
    tr_aot_tables_init(&out->tables);
    Discovery d = {.prog = out, .mem = rt_process_mem(p)};
    d.align = li.fe->elf_machine == EM_RISCV ? 2 : li.fe->max_insn_bytes == 4 ? 4 : 1;
    u64map_init(&d.dead);
    FvpError *err = scan_elf(&d, prog_path, li.load_bias, st);
    if (!err) {
        add_function(&d, li.entry, TR_AOT_ENTRY_STRONG);
        err = lift_all(&d);
    }
    /* Switch tables need the blocks around them lifted; their targets may hold more. */
    TrAotScan scan = {.prog = out, .read_only = scan_read_only, .is_code = scan_is_code,
                      .add = scan_add, .ctx = &d};
    for (int round = 0; !err && round < AOT_TABLE_ROUNDS; round++) {
        size_t before = out->blocks.count;
        if (!tr_aot_jump_tables(&scan, st))
            break;
        err = lift_all(&d);
        if (out->blocks.count == before)
            break;
    }
    if (!err)
        group_all(out);
    free(d.ro);
    u64map_free(&d.dead);
    free(d.work);
    free(d.seeds);
    free(d.exec);
    if (err)
        tr_aot_program_free(out);
    return err;
}

void tr_aot_program_free(TrAotProgram *prog)
{
    uint64_t key;
    void *value;
    for (size_t i = 0; u64map_next(&prog->blocks, &i, &key, &value);)
        ir_block_free(value);
    u64map_free(&prog->blocks);
    u64map_free(&prog->func_entries);
    u64map_free(&prog->cross_entries);
    tr_aot_tables_free(&prog->tables);
    for (size_t i = 0; i < prog->nfunctions; i++)
        free(prog->functions[i].blocks);
    free(prog->functions);
    memset(prog, 0, sizeof *prog);
}
