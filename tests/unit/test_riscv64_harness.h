/* Shared by the RISC-V 64 frontend tests: instruction encoders and a lift+interpret loop. */
#ifndef FVP_TESTS_RISCV64_HARNESS_H
#define FVP_TESTS_RISCV64_HARNESS_H

#include <criterion/criterion.h>
#include <string.h>
#include <sys/mman.h>

#include "common/common.h"
#include "frontends/frontend.h"
#include "frontends/riscv64/riscv64_state.h"
#include "ir/ir.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"
#include "tests/unit/frontend_test_util.h"

extern const Frontend fe_riscv64;

/*
 * Guest memory layout of a test: code at RVT_CODE, a data area at RVT_DATA, all inside one
 * RVT_MEM_SIZE mapping. A program ends with ebreak; rvt_run lifts and interprets blocks
 * until a trap, syscall or fault, and returns that exit.
 */
enum { RVT_MEM_SIZE = 1 << 20, RVT_CODE = 0x1000, RVT_DATA = 0x80000 };

typedef struct RvTest {
    RtCpu cpu;
    RvState st;
    uint8_t *mem;
    size_t code_len; /* bytes of code placed at RVT_CODE */
    unsigned max_insns;
} RvTest;

/* ---- Encoders (field order as in the spec's encoding diagrams) ------------------------- */
/* Constant expressions, so tables of cases can hold encoded instructions. */
#define RVT_ENC_R(f7, rs2, rs1, f3, rd, op)                                                        \
    ((uint32_t)(f7) << 25 | (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 | \
     (uint32_t)(rd) << 7 | (uint32_t)(op))
#define RVT_ENC_I(imm, rs1, f3, rd, op)                                                            \
    (((uint32_t)(imm)&0xfffu) << 20 | (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 |               \
     (uint32_t)(rd) << 7 | (uint32_t)(op))
#define RVT_ENC_S(imm, rs2, rs1, f3, op)                                                           \
    ((((uint32_t)(imm) >> 5) & 0x7fu) << 25 | (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 |      \
     (uint32_t)(f3) << 12 | ((uint32_t)(imm)&0x1fu) << 7 | (uint32_t)(op))
#define RVT_ENC_B(imm, rs2, rs1, f3)                                                               \
    ((((uint32_t)(imm) >> 12) & 1u) << 31 | (((uint32_t)(imm) >> 5) & 0x3fu) << 25 |               \
     (uint32_t)(rs2) << 20 | (uint32_t)(rs1) << 15 | (uint32_t)(f3) << 12 |                        \
     (((uint32_t)(imm) >> 1) & 0xfu) << 8 | (((uint32_t)(imm) >> 11) & 1u) << 7 | 0x63u)
#define RVT_ENC_J(imm, rd)                                                                         \
    ((((uint32_t)(imm) >> 20) & 1u) << 31 | (((uint32_t)(imm) >> 1) & 0x3ffu) << 21 |              \
     (((uint32_t)(imm) >> 11) & 1u) << 20 | (((uint32_t)(imm) >> 12) & 0xffu) << 12 |              \
     (uint32_t)(rd) << 7 | 0x6fu)
#define RVT_ENC_R4(rs3, fmt, rs2, rs1, rm, rd, op)                                                 \
    ((uint32_t)(rs3) << 27 | (uint32_t)(fmt) << 25 | RVT_ENC_R(0, rs2, rs1, rm, rd, op))

#define RVT_OP 0x33
#define RVT_OP32 0x3b
#define RVT_OPIMM 0x13
#define RVT_OPIMM32 0x1b
#define RVT_OPFP 0x53
#define RVT_AMO 0x2f
#define RVT_EBREAK 0x00100073u
#define RVT_ADDI(rd, rs1, imm) RVT_ENC_I(imm, rs1, 0, rd, RVT_OPIMM)
#define RVT_ADD(rd, rs1, rs2) RVT_ENC_R(0, rs2, rs1, 0, rd, RVT_OP)

/* ---- Running ------------------------------------------------------------------------------ */
static inline size_t rvt_fetch(void *ctx, uint64_t pc, void *buf, size_t len)
{
    RvTest *t = ctx;
    if (pc < RVT_CODE || pc >= RVT_CODE + t->code_len)
        return 0;
    size_t n = RVT_CODE + t->code_len - pc;
    n = n < len ? n : len;
    memcpy(buf, t->mem + pc, n);
    return n;
}

static inline void rvt_init(RvTest *t)
{
    memset(t, 0, sizeof(*t));
    t->mem = mmap(NULL, RVT_MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert(t->mem != MAP_FAILED);
    FeInitInfo info = {.entry = RVT_CODE, .sp = RVT_DATA + 0x10000};
    fe_riscv64.init_state(&t->st, &info);
    t->cpu.state = &t->st;
    t->cpu.mem_base = t->mem;
    t->cpu.mem_limit = RVT_MEM_SIZE;
}

static inline void rvt_fini(RvTest *t)
{
    munmap(t->mem, RVT_MEM_SIZE);
}

/* Places code bytes at RVT_CODE (replacing what was there). */
static inline void rvt_code_bytes(RvTest *t, const void *bytes, size_t len)
{
    memcpy(t->mem + RVT_CODE, bytes, len);
    t->code_len = len;
}

static inline void rvt_code32(RvTest *t, const uint32_t *words, size_t n)
{
    rvt_code_bytes(t, words, n * 4);
}

/* Lifts the block at pc; the block must verify. Caller frees it. */
static inline IRBlock *rvt_lift(RvTest *t, uint64_t pc)
{
    return fet_lift(&fe_riscv64, rvt_fetch, t, pc, t->max_insns);
}

/* Runs from RVT_CODE until something other than a jump; returns that exit. */
static inline RtExit rvt_run(RvTest *t)
{
    return fet_run(&fe_riscv64, rvt_fetch, t, t->max_insns, &t->cpu, RVT_CODE);
}

/* Runs a program that must end at its ebreak. */
static inline void rvt_run_to_ebreak(RvTest *t)
{
    RtExit e = rvt_run(t);
    cr_assert_eq(e.kind, RT_EXIT_TRAP, "exit kind %d at pc 0x%llx", e.kind,
                 (unsigned long long)e.pc);
    cr_assert_eq(e.trap_kind, IR_TRAP_BREAKPOINT, "trap kind %d at 0x%llx", e.trap_kind,
                 (unsigned long long)e.pc);
}

/* Runs `insn; ebreak` from the current state. */
static inline void rvt_exec1(RvTest *t, uint32_t insn)
{
    uint32_t prog[] = {insn, RVT_EBREAK};
    rvt_code32(t, prog, 2);
    rvt_run_to_ebreak(t);
}

static inline void rvt_exec16(RvTest *t, uint16_t insn)
{
    uint16_t prog[] = {insn, 0x9002 /* c.ebreak */};
    rvt_code_bytes(t, prog, sizeof(prog));
    rvt_run_to_ebreak(t);
}

/* One register-register (or register-immediate) case: a0 = op(a1, a2). */
typedef struct RvtAluCase {
    const char *what;
    uint32_t insn; /* with rd = a0, rs1 = a1, rs2 = a2 */
    uint64_t a, b;
    uint64_t expect;
} RvtAluCase;

static inline void rvt_check_alu(const RvtAluCase *cases, size_t n)
{
    RvTest t;
    rvt_init(&t);
    for (size_t i = 0; i < n; i++) {
        t.st.x[10] = 0x5555;
        t.st.x[11] = cases[i].a;
        t.st.x[12] = cases[i].b;
        rvt_exec1(&t, cases[i].insn);
        cr_assert_eq(t.st.x[10], cases[i].expect, "%s: got 0x%llx, expected 0x%llx", cases[i].what,
                     (unsigned long long)t.st.x[10], (unsigned long long)cases[i].expect);
        cr_assert_eq(t.st.x[11], cases[i].a, "%s changed a1", cases[i].what);
    }
    rvt_fini(&t);
}

#define RVT_R(f7, f3, op) RVT_ENC_R(f7, 12, 11, f3, 10, op)
#define RVT_I(imm, f3, op) RVT_ENC_I(imm, 11, f3, 10, op)

#endif
