/* RISC-V 64 A extension run through the interpreter: LR/SC reservations and every AMO. */
#include "test_riscv64_harness.h"

#define RVT_ATOMIC(f5, aq, rl, rs2, rs1, f3, rd)                                                   \
    RVT_ENC_R(((f5) << 2) | ((aq) << 1) | (rl), rs2, rs1, f3, rd, RVT_AMO)
#define RVT_LR_W(rd, rs1) RVT_ATOMIC(0x02, 1, 0, 0, rs1, 2, rd)
#define RVT_SC_W(rd, rs2, rs1) RVT_ATOMIC(0x03, 0, 1, rs2, rs1, 2, rd)
#define RVT_LR_D(rd, rs1) RVT_ATOMIC(0x02, 0, 0, 0, rs1, 3, rd)
#define RVT_SC_D(rd, rs2, rs1) RVT_ATOMIC(0x03, 0, 0, rs2, rs1, 3, rd)

static uint32_t rvt_mem32(RvTest *t, uint64_t addr)
{
    uint32_t v;
    memcpy(&v, t->mem + addr, 4);
    return v;
}

static uint64_t rvt_mem64(RvTest *t, uint64_t addr)
{
    uint64_t v;
    memcpy(&v, t->mem + addr, 8);
    return v;
}

static void rvt_set_mem64(RvTest *t, uint64_t addr, uint64_t v)
{
    memcpy(t->mem + addr, &v, 8);
}

Test(riscv64_rva, lr_sc_success_then_reservation_is_gone)
{
    RvTest t;
    rvt_init(&t);
    rvt_set_mem64(&t, RVT_DATA, 0x1122334480000000ull);
    t.st.x[11] = RVT_DATA;
    t.st.x[12] = 5;
    uint32_t prog[] = {
        RVT_LR_W(10, 11),     /* lr.w.aq a0, (a1) */
        RVT_SC_W(13, 12, 11), /* sc.w.rl a3, a2, (a1) */
        RVT_SC_W(14, 12, 11), /* a second sc.w has no reservation left */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[10], 0xffffffff80000000ull);
    cr_assert_eq(t.st.x[13], 0, "sc.w after lr.w succeeds");
    cr_assert_eq(t.st.x[14], 1, "sc.w without a reservation fails");
    cr_assert_eq(rvt_mem64(&t, RVT_DATA), 0x1122334400000005ull);
    cr_assert_eq(t.st.reserve_addr, RV_NO_RESERVATION);
    rvt_fini(&t);
}

Test(riscv64_rva, sc_fails_without_or_with_a_different_reservation)
{
    RvTest t;
    rvt_init(&t);
    rvt_set_mem64(&t, RVT_DATA, 7);
    rvt_set_mem64(&t, RVT_DATA + 8, 9);
    t.st.x[11] = RVT_DATA;
    t.st.x[12] = 5;
    t.st.x[15] = RVT_DATA + 8;
    uint32_t prog[] = {
        RVT_SC_D(13, 12, 11), /* no reservation at all */
        RVT_LR_D(10, 15),     /* reserve RVT_DATA + 8 */
        RVT_SC_D(14, 12, 11), /* ... but store to RVT_DATA */
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[13], 1);
    cr_assert_eq(t.st.x[10], 9);
    cr_assert_eq(t.st.x[14], 1);
    cr_assert_eq(rvt_mem64(&t, RVT_DATA), 7);
    cr_assert_eq(rvt_mem64(&t, RVT_DATA + 8), 9);
    rvt_fini(&t);
}

Test(riscv64_rva, sc_fails_when_memory_changed_since_lr)
{
    RvTest t;
    rvt_init(&t);
    rvt_set_mem64(&t, RVT_DATA, 7);
    t.st.x[11] = RVT_DATA;
    t.st.x[12] = 5;
    t.st.x[15] = 8;
    uint32_t prog[] = {
        RVT_LR_D(10, 11),
        RVT_ENC_S(0, 15, 11, 3, 0x23), /* sd a5, 0(a1): as if another hart wrote */
        RVT_SC_D(13, 12, 11),
        RVT_EBREAK,
    };
    rvt_code32(&t, prog, FVP_ARRAY_LEN(prog));
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[13], 1);
    cr_assert_eq(rvt_mem64(&t, RVT_DATA), 8);
    rvt_fini(&t);
}

Test(riscv64_rva, lr_sc_d_in_separate_blocks)
{
    /* The reservation lives in the state, so it survives block boundaries. */
    RvTest t;
    rvt_init(&t);
    rvt_set_mem64(&t, RVT_DATA, 0x8000000000000000ull);
    t.st.x[11] = RVT_DATA;
    t.st.x[12] = 0x123456789ull;
    t.max_insns = 1;
    uint32_t prog[] = {RVT_LR_D(10, 11), RVT_SC_D(13, 12, 11), RVT_EBREAK};
    rvt_code32(&t, prog, 3);
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[10], 0x8000000000000000ull);
    cr_assert_eq(t.st.x[13], 0);
    cr_assert_eq(rvt_mem64(&t, RVT_DATA), 0x123456789ull);
    rvt_fini(&t);
}

typedef struct RvtAmoCase {
    const char *what;
    uint32_t f5;
    unsigned f3; /* 2: .w, 3: .d */
    uint64_t mem, src;
    uint64_t expect_rd, expect_mem;
} RvtAmoCase;

Test(riscv64_rva, amos)
{
    static const RvtAmoCase cases[] = {
        {"amoswap.w", 0x01, 2, 0x80000000, 0x1234, 0xffffffff80000000ull, 0x1234},
        {"amoadd.w wraps", 0x00, 2, 0x7fffffff, 1, 0x7fffffff, 0x80000000},
        {"amoxor.w", 0x04, 2, 0xff00ff00, 0x0ff00ff0, 0xffffffffff00ff00ull, 0xf0f0f0f0},
        {"amoand.w", 0x0c, 2, 0xf0, 0x3c, 0xf0, 0x30},
        {"amoor.w", 0x08, 2, 0xf0, 0x0f, 0xf0, 0xff},
        {"amomin.w signed", 0x10, 2, 0xffffffff, 1, ~0ull, 0xffffffff},
        {"amomax.w signed", 0x14, 2, 0xffffffff, 1, ~0ull, 1},
        {"amominu.w", 0x18, 2, 0xffffffff, 1, ~0ull, 1},
        {"amomaxu.w", 0x1c, 2, 0xffffffff, 1, ~0ull, 0xffffffff},
        {"amomin.w uses 32 bits", 0x10, 2, 5, 0x1fffffffeull, 5, 0xfffffffe},
        {"amoswap.d", 0x01, 3, 1, ~0ull, 1, ~0ull},
        {"amoadd.d", 0x00, 3, ~0ull, 2, ~0ull, 1},
        {"amoxor.d", 0x04, 3, 0xff, 0x0f, 0xff, 0xf0},
        {"amoand.d", 0x0c, 3, 0xf0, 0x3c, 0xf0, 0x30},
        {"amoor.d", 0x08, 3, 0xf0, 0x0f, 0xf0, 0xff},
        {"amomin.d", 0x10, 3, 0x8000000000000000ull, 0, 0x8000000000000000ull,
         0x8000000000000000ull},
        {"amomax.d", 0x14, 3, 0x8000000000000000ull, 0, 0x8000000000000000ull, 0},
        {"amominu.d", 0x18, 3, 0x8000000000000000ull, 0, 0x8000000000000000ull, 0},
        {"amomaxu.d", 0x1c, 3, 0x8000000000000000ull, 0, 0x8000000000000000ull,
         0x8000000000000000ull},
    };
    RvTest t;
    rvt_init(&t);
    for (size_t i = 0; i < FVP_ARRAY_LEN(cases); i++) {
        const RvtAmoCase *c = &cases[i];
        rvt_set_mem64(&t, RVT_DATA, c->f3 == 2 ? 0xaaaaaaaa00000000ull | c->mem : c->mem);
        t.st.x[11] = RVT_DATA;
        t.st.x[12] = c->src;
        rvt_exec1(&t, RVT_ATOMIC(c->f5, 1, 1, 12, 11, c->f3, 10));
        cr_assert_eq(t.st.x[10], c->expect_rd, "%s: rd 0x%llx", c->what,
                     (unsigned long long)t.st.x[10]);
        if (c->f3 == 2) {
            cr_assert_eq(rvt_mem32(&t, RVT_DATA), (uint32_t)c->expect_mem, "%s: mem", c->what);
            cr_assert_eq(rvt_mem32(&t, RVT_DATA + 4), 0xaaaaaaaa, "%s: neighbour", c->what);
        } else {
            cr_assert_eq(rvt_mem64(&t, RVT_DATA), c->expect_mem, "%s: mem", c->what);
        }
    }
    /* rd = x0 still performs the operation. */
    rvt_set_mem64(&t, RVT_DATA, 1);
    t.st.x[12] = 2;
    rvt_exec1(&t, RVT_ATOMIC(0x00, 0, 0, 12, 11, 3, 0));
    cr_assert_eq(rvt_mem64(&t, RVT_DATA), 3);
    rvt_fini(&t);
}
