/* Shared by the AArch64 frontend tests: place code, lift + interpret, read registers. */
#ifndef FVP_TESTS_AARCH64_HARNESS_H
#define FVP_TESTS_AARCH64_HARNESS_H

#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>

#include "common/common.h"
#include "frontends/aarch64/aarch64_state.h"
#include "frontends/frontend.h"
#include "ir/ir.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"
#include "tests/unit/frontend_test_util.h"

extern const Frontend fe_aarch64;

/*
 * Guest memory of a test: code at A64T_CODE, data at A64T_DATA, inside one A64T_MEM_SIZE
 * mapping. Programs are instruction words (encoded by aarch64-linux-gnu-as when the tests
 * were written; each word carries its assembly as a comment) ending with `brk #0`;
 * a64t_run lifts and interprets blocks until a trap, syscall or fault and returns it.
 */
enum { A64T_MEM_SIZE = 1 << 20, A64T_CODE = 0x1000, A64T_DATA = 0x80000 };

#define A64T_BRK 0xd4200000u

typedef struct A64Test {
    RtCpu cpu;
    A64State st;
    uint8_t *mem;
    size_t code_len;
    unsigned max_insns;
} A64Test;

static inline size_t a64t_fetch(void *ctx, uint64_t pc, void *buf, size_t len)
{
    A64Test *t = ctx;
    if (pc < A64T_CODE || pc >= A64T_CODE + t->code_len)
        return 0;
    size_t n = A64T_CODE + t->code_len - pc;
    n = n < len ? n : len;
    memcpy(buf, t->mem + pc, n);
    return n;
}

static inline void a64t_init(A64Test *t)
{
    memset(t, 0, sizeof(*t));
    t->mem = mmap(NULL, A64T_MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(t->mem != MAP_FAILED);
    FeInitInfo info = {.entry = A64T_CODE, .sp = A64T_DATA + 0x10000};
    fe_aarch64.init_state(&t->st, &info);
    t->cpu.state = &t->st;
    t->cpu.mem_base = t->mem;
    t->cpu.mem_limit = A64T_MEM_SIZE;
}

static inline void a64t_fini(A64Test *t)
{
    munmap(t->mem, A64T_MEM_SIZE);
}

static inline void a64t_code(A64Test *t, const uint32_t *words, size_t n)
{
    memcpy(t->mem + A64T_CODE, words, n * 4);
    t->code_len = n * 4;
}

static inline IRBlock *a64t_lift(A64Test *t, uint64_t pc)
{
    return fet_lift(&fe_aarch64, a64t_fetch, t, pc, t->max_insns);
}

/* Runs from A64T_CODE until something other than a jump; returns that exit. */
static inline RtExit a64t_run(A64Test *t)
{
    return fet_run(&fe_aarch64, a64t_fetch, t, t->max_insns, &t->cpu, A64T_CODE);
}

/* Runs a program that must end at a brk. */
static inline void a64t_run_to_brk(A64Test *t)
{
    RtExit e = a64t_run(t);
    cr_assert_eq(e.kind, RT_EXIT_TRAP, "exit kind %d at pc 0x%llx", e.kind,
                 (unsigned long long)e.pc);
    cr_assert_eq(e.trap_kind, IR_TRAP_BREAKPOINT, "trap kind %d at pc 0x%llx (detail 0x%llx)",
                 e.trap_kind, (unsigned long long)e.pc, (unsigned long long)e.detail);
}

/* NZCV as the 4-bit number MRS NZCV would show in bits 31:28. */
static inline unsigned a64t_nzcv(const A64Test *t)
{
    return (unsigned)(t->st.n << 3 | t->st.z << 2 | t->st.c << 1 | t->st.v);
}

static inline uint64_t a64t_vlo(const A64Test *t, unsigned r)
{
    uint64_t v;
    memcpy(&v, t->st.vreg[r], 8);
    return v;
}

static inline uint64_t a64t_vhi(const A64Test *t, unsigned r)
{
    uint64_t v;
    memcpy(&v, t->st.vreg[r] + 8, 8);
    return v;
}

static inline void a64t_set_v(A64Test *t, unsigned r, uint64_t lo, uint64_t hi)
{
    memcpy(t->st.vreg[r], &lo, 8);
    memcpy(t->st.vreg[r] + 8, &hi, 8);
}

/* ---- Cases recorded from qemu-aarch64 (SIMD&FP) -------------------------------------- */
/* Up to three instructions run as: v0 = 0x55 bytes, v1 and v2 given, FPCR set, FPSR and
 * NZCV cleared; then v0, the FPSR cumulative bits (IOC=1 DZC=2 OFC=4 UFC=8 IXC=0x10
 * IDC=0x80) and NZCV are compared with what qemu-aarch64 produced. */
typedef struct A64VecCase {
    uint32_t code[3];
    uint64_t v1[2], v2[2];
    uint32_t fpcr;
    uint64_t v0[2];
    uint32_t fpsr;
    unsigned nzcv;
} A64VecCase;

/* FPSR cumulative bits of the IR's fp_flags (IR_FPF_* order: NX UF OF DZ NV DE). */
static inline uint32_t a64t_fpsr(const A64Test *t)
{
    static const unsigned bit[6] = {4, 3, 2, 1, 0, 7};
    uint32_t r = 0;
    for (unsigned i = 0; i < 6; i++)
        if (t->st.hdr.fp_flags >> i & 1)
            r |= 1u << bit[i];
    return r;
}

/* Runs every case; returns the number that differ (each is logged). With qc, FPSR.QC
 * (0x08000000) is compared too. */
static inline unsigned a64t_run_vec_cases_mode(const A64VecCase *cases, size_t n, bool qc)
{
    unsigned failures = 0;
    for (size_t i = 0; i < n; i++) {
        const A64VecCase *k = &cases[i];
        A64Test t;
        a64t_init(&t);
        uint32_t code[4];
        size_t len = 0;
        while (len < 3 && k->code[len])
            code[len] = k->code[len], len++;
        code[len++] = A64T_BRK;
        a64t_code(&t, code, len);
        a64t_set_v(&t, 0, 0x5555555555555555ull, 0x5555555555555555ull);
        a64t_set_v(&t, 1, k->v1[0], k->v1[1]);
        a64t_set_v(&t, 2, k->v2[0], k->v2[1]);
        t.st.fpcr = k->fpcr & ~(3u << 22);
        t.st.hdr.fp_round = ((4 - (k->fpcr >> 22 & 3)) & 3) |
                            (k->fpcr >> 24 & 1 ? IR_FPMODE_FZ : 0) |
                            (k->fpcr >> 25 & 1 ? IR_FPMODE_DN : 0);
        a64t_run_to_brk(&t);
        uint32_t fpsr = a64t_fpsr(&t) | (qc ? t.st.fpsr & 0x08000000u : 0);
        if (a64t_vlo(&t, 0) != k->v0[0] || a64t_vhi(&t, 0) != k->v0[1] || fpsr != k->fpsr ||
            a64t_nzcv(&t) != k->nzcv) {
            cr_log_error(
                "case %zu (0x%08x 0x%08x, fpcr 0x%x): v0 %016llx:%016llx fpsr 0x%x nzcv %x, "
                "expected %016llx:%016llx 0x%x %x",
                i, k->code[0], k->code[1], k->fpcr, (unsigned long long)a64t_vhi(&t, 0),
                (unsigned long long)a64t_vlo(&t, 0), fpsr, a64t_nzcv(&t),
                (unsigned long long)k->v0[1], (unsigned long long)k->v0[0], k->fpsr, k->nzcv);
            failures++;
        }
        a64t_fini(&t);
    }
    return failures;
}

static inline unsigned a64t_run_vec_cases(const A64VecCase *cases, size_t n)
{
    return a64t_run_vec_cases_mode(cases, n, false);
}

#endif
