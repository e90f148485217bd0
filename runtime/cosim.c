/* Co-simulation (--cosim): each run of compiled code is checked against the interpreter from the same state. */
#include "runtime/runtime_internal.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 *   state S0 --fork--> child: interpreter over the region's blocks from S0 until the pc
 *      |               leaves the region -> exit, state, a hash of every writable guest
 *      |               page, into a shared result mapping; _exit
 *      +--> parent: waits, runs the compiled region from S0 -> exit, state, page hashes
 *                   -> the first difference: register (state), exit, memory page
 *
 *   result mapping: | CosimResult | state (state_size) | page hashes (npages x u64) |
 *
 * The child's memory is a copy-on-write snapshot of the parent's at S0, so the
 * interpreter's stores never reach the parent and both runs start from the same bytes.
 * Other guest threads keep running in the parent, so cosim is for single-threaded guests.
 * Each region is checked on its first COSIM_RUNS runs: hashing costs time in proportion
 * to the writable guest memory. A host fault in the compiled run leaves by siglongjmp as
 * usual and that run is not compared.
 *
 * Test-only fault injection: FVP_COSIM_INJECT=REG flips bit 0 of guest register REG after
 * each compiled run, so tests can check that a divergence is caught.
 */
enum { COSIM_RUNS = 16, COSIM_MAX_PAGES = 1 << 18 };

typedef struct CosimResult {
    RtExit exit;
    int32_t done;    /* the child finished its run */
    int32_t faulted; /* a host fault ended the interpreter's run */
} CosimResult;

typedef struct CosimPages {
    uint64_t *ranges; /* start, end pairs of writable guest pages */
    size_t nranges;
    uint64_t npages;
} CosimPages;

static void pages_collect(RtMem *m, CosimPages *pg)
{
    memset(pg, 0, sizeof *pg);
    pthread_mutex_lock(&m->lock);
    pg->ranges = fvp_xcalloc(2 * (m->count + 1), sizeof(*pg->ranges));
    for (size_t i = 0; i < m->count; i++) {
        const RtMapping *mp = &m->maps[i];
        if ((mp->prot & (PROT_READ | PROT_WRITE)) != (PROT_READ | PROT_WRITE))
            continue;
        pg->ranges[2 * pg->nranges] = mp->start;
        pg->ranges[2 * pg->nranges + 1] = mp->end;
        pg->nranges++;
        pg->npages += (mp->end - mp->start) / RT_PAGE_SIZE;
    }
    pthread_mutex_unlock(&m->lock);
    if (pg->npages > COSIM_MAX_PAGES)
        pg->nranges = pg->npages = 0; /* too much to hash: registers and exit only */
}

static void pages_hash(const RtCpu *cpu, const CosimPages *pg, uint64_t *out)
{
    size_t n = 0;
    for (size_t r = 0; r < pg->nranges; r++) {
        for (uint64_t a = pg->ranges[2 * r]; a < pg->ranges[2 * r + 1]; a += RT_PAGE_SIZE) {
            const uint64_t *w = (const uint64_t *)(cpu->mem_base + a);
            uint64_t h = 0xcbf29ce484222325ull;
            for (size_t i = 0; i < RT_PAGE_SIZE / 8; i++)
                h = (h ^ w[i]) * 0x100000001b3ull;
            out[n++] = h;
        }
    }
}

static uint64_t page_address(const CosimPages *pg, uint64_t index)
{
    for (size_t r = 0; r < pg->nranges; r++) {
        uint64_t pages = (pg->ranges[2 * r + 1] - pg->ranges[2 * r]) / RT_PAGE_SIZE;
        if (index < pages)
            return pg->ranges[2 * r] + index * RT_PAGE_SIZE;
        index -= pages;
    }
    return 0;
}

static bool in_region(const RtBlock *b, uint64_t pc)
{
    for (size_t k = 0; k < b->nregion_pcs; k++)
        if (b->region_pcs[k] == pc)
            return true;
    return false;
}

/* In the child: the interpreter over the region from the current state. */
static void child_interpret(RtThread *t, const RtBlock *b, CosimResult *r)
{
    RtCpu *cpu = &t->cpu;
    IRStateHeader *hdr = t->state;
    volatile uint64_t pc = hdr->pc;
    if (sigsetjmp(cpu->fault_jmp, 1)) {
        r->faulted = 1;
        return;
    }
    for (;;) {
        RtBlock *m = rt_cache_lookup(&t->cache, pc);
        fvp_assert(m); /* every region block stays cached while the region does */
        memset(&r->exit, 0, sizeof r->exit);
        hdr->pc = pc;
        cpu->cur_pc = pc;
        interp_run(cpu, m->code, &r->exit); /* prepared by rt_cosim_run */
        if (r->exit.kind != RT_EXIT_JUMP || !in_region(b, r->exit.next_pc))
            return;
        pc = r->exit.next_pc;
    }
}

static const FeReg *reg_at(const Frontend *fe, size_t offset)
{
    for (uint32_t i = 0; i < fe->nregs; i++) {
        const FeReg *reg = &fe->regs[i];
        size_t size = FVP_MAX(ir_type_bits((IRType)reg->type) / 8, 1u);
        if (offset >= reg->offset && offset < reg->offset + size)
            return reg;
    }
    return NULL;
}

/* A 64-bit window of the state at offset (bytes past the end read as zero). */
static uint64_t state_word(const uint8_t *s, size_t size, size_t offset)
{
    uint64_t v = 0;
    memcpy(&v, s + offset, FVP_MIN(size - offset, sizeof v));
    return v;
}

/* The first difference between the compiled run (jit) and the interpreter's, or NULL. */
static FvpError *compare(RtThread *t, const RtBlock *b, const RtExit *jx, const uint8_t *js,
                         const CosimResult *r, const uint8_t *is, const CosimPages *pg,
                         const uint64_t *jh, const uint64_t *ih)
{
    const Frontend *fe = t->proc->fe;
    size_t size = fe->state_size;
    unsigned long long region = b->pc, at = jx->next_pc;
    /* Without precise faults, compiled code leaves a guest fault without storing the guest
     * registers (the guest dies of it; docs/translator.md): only the exit and memory count. */
    if (jx->kind == RT_EXIT_FAULT && !atomic_load(&t->proc->precise_faults))
        size = 0;
    for (size_t off = sizeof(uint64_t); off < size; off++) { /* pc: compared as the exit */
        if (js[off] == is[off])
            continue;
        const FeReg *reg = reg_at(fe, off);
        size_t base = reg ? reg->offset : off & ~(size_t)7;
        const char *name = reg ? reg->name
                           : off < offsetof(IRStateHeader, fp_flags) ? "fp_round"
                           : off < sizeof(IRStateHeader)             ? "fp_flags"
                                                                     : "(unnamed state)";
        if (off >= offsetof(IRStateHeader, fp_flags) && off < sizeof(IRStateHeader))
            base = offsetof(IRStateHeader, fp_flags);
        return fvp_error_new(FVP_ERR_INTERNAL,
                             "cosim: region 0x%llx diverged: pc 0x%llx, register %s: jit 0x%llx "
                             "interp 0x%llx",
                             region, at, name, (unsigned long long)state_word(js, size, base),
                             (unsigned long long)state_word(is, size, base));
    }
    const RtExit *ix = &r->exit;
    if (jx->kind != ix->kind || jx->next_pc != ix->next_pc ||
        (jx->kind == RT_EXIT_TRAP && (jx->trap_kind != ix->trap_kind || jx->pc != ix->pc)) ||
        (jx->kind == RT_EXIT_FAULT && (jx->fault_addr != ix->fault_addr || jx->pc != ix->pc)))
        return fvp_error_new(FVP_ERR_INTERNAL,
                             "cosim: region 0x%llx diverged: pc 0x%llx, exit: jit kind %u next "
                             "0x%llx, interp kind %u next 0x%llx",
                             region, at, jx->kind, (unsigned long long)jx->next_pc, ix->kind,
                             (unsigned long long)ix->next_pc);
    for (uint64_t i = 0; i < pg->npages; i++)
        if (jh[i] != ih[i])
            return fvp_error_new(FVP_ERR_INTERNAL,
                                 "cosim: region 0x%llx diverged: pc 0x%llx, memory: page 0x%llx "
                                 "differs",
                                 region, at, (unsigned long long)page_address(pg, i));
    return NULL;
}

/* FVP_COSIM_INJECT=REG: flips bit 0 of REG after the compiled run (tests only). */
static void inject_fault(RtThread *t)
{
    const char *name = getenv("FVP_COSIM_INJECT");
    const FeReg *reg = name ? fe_find_reg(t->proc->fe, name) : NULL;
    if (reg)
        ((uint8_t *)t->state)[reg->offset] ^= 1;
}

FvpError *rt_cosim_run(RtThread *t, RtBlock *b, RtExit *exit)
{
    RtCpu *cpu = &t->cpu;
    if (b->cosim_runs >= COSIM_RUNS) {
        rt_compiled_run(b->compiled, cpu, exit);
        return NULL;
    }
    for (size_t k = 0; k < b->nregion_pcs; k++) { /* the child interprets them */
        RtBlock *m = rt_cache_lookup(&t->cache, b->region_pcs[k]);
        InterpCode *code;
        FvpError *err = m ? rt_block_code(m, &code) : NULL;
        if (err)
            return err;
    }
    b->cosim_runs++;
    t->stats.cosim_checks++;
    size_t state_size = t->proc->fe->state_size;
    CosimPages pg;
    pages_collect(&t->proc->mem, &pg);
    size_t hashes_bytes = pg.npages * sizeof(uint64_t);
    size_t map_size = sizeof(CosimResult) + state_size + hashes_bytes;
    void *shared = mmap(NULL, map_size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        free(pg.ranges);
        return fvp_error_errno(errno, "cosim: mapping %zu bytes for the interpreter's result",
                               map_size);
    }
    CosimResult *r = shared;
    uint8_t *istate = (uint8_t *)shared + sizeof(CosimResult);
    uint64_t *ihash = (uint64_t *)(void *)(istate + state_size);
    FvpError *err = NULL;
    uint8_t *jstate = NULL;
    uint64_t *jhash = NULL;
    fflush(NULL);
    pid_t child = fork();
    if (child < 0) {
        err = fvp_error_errno(errno, "cosim: forking the interpreter's copy");
        goto out;
    }
    if (child == 0) {
        child_interpret(t, b, r);
        memcpy(istate, t->state, state_size);
        pages_hash(cpu, &pg, ihash);
        r->done = 1;
        _exit(0);
    }
    int status;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR)
        ;
    if (!r->done) {
        err = fvp_error_new(FVP_ERR_INTERNAL,
                            "cosim: region 0x%llx: the interpreter's copy died (status 0x%x)",
                            (unsigned long long)b->pc, status);
        goto out;
    }
    rt_compiled_run(b->compiled, cpu, exit);
    if (exit->kind == RT_EXIT_JUMP && exit->detail == RT_JUMP_DETAIL_FP_MODE)
        goto out; /* it ran nothing: the dispatcher interprets the block */
    inject_fault(t);
    jstate = fvp_xcalloc(1, state_size);
    memcpy(jstate, t->state, state_size);
    jhash = fvp_xcalloc(pg.npages + 1, sizeof(*jhash));
    pages_hash(cpu, &pg, jhash);
    if (r->faulted)
        err = fvp_error_new(FVP_ERR_INTERNAL,
                            "cosim: region 0x%llx diverged: pc 0x%llx, exit: jit kind %u, the "
                            "interpreter faulted",
                            (unsigned long long)b->pc, (unsigned long long)exit->next_pc,
                            exit->kind);
    else
        err = compare(t, b, exit, jstate, r, istate, &pg, jhash, ihash);
out:
    free(jstate);
    free(jhash);
    free(pg.ranges);
    munmap(shared, map_size);
    return err;
}
