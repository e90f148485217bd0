/* Background compilation (runtime/tier.c): results come back, the owner is notified, fast-tier jobs use compile_fast and go first. */
#include <criterion/criterion.h>
#include <stdatomic.h>
#include <time.h>

#include "runtime/runtime_internal.h"

typedef struct Fake {
    atomic_int full, fast;
} Fake;

static void fake_code(RtCpu *cpu, RtExit *exit)
{
    (void)cpu;
    (void)exit;
}

static FvpError *fake_compile(void *ctx, const IRBlock *const *blocks, size_t n,
                              RtCompiledFn *out, RtCompileStats *stats)
{
    (void)blocks;
    (void)n;
    (void)stats;
    atomic_fetch_add(&((Fake *)ctx)->full, 1);
    *out = (RtCompiledFn)fake_code;
    return NULL;
}

static FvpError *fake_compile_fast(void *ctx, const IRBlock *const *blocks, size_t n,
                                   RtCompiledFn *out, RtCompileStats *stats)
{
    (void)blocks;
    (void)n;
    (void)stats;
    atomic_fetch_add(&((Fake *)ctx)->fast, 1);
    *out = (RtCompiledFn)fake_code;
    return NULL;
}

typedef struct Notices {
    atomic_int count;
    atomic_ullong last_owner;
} Notices;

static void on_done(void *ctx, uint64_t owner)
{
    Notices *n = ctx;
    atomic_store(&n->last_owner, owner);
    atomic_fetch_add(&n->count, 1);
}

/* Polls until `owner` has `want` finished jobs (at most ~5 s). */
static RtTierJob *wait_done(RtTier *t, uint64_t owner)
{
    for (int i = 0; i < 5000; i++) {
        RtTierJob *j = rt_tier_take_done(t, owner);
        if (j)
            return j;
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    return NULL;
}

/* The compiler thread tells the owner when its job is done (so a thread running a
 * compiled loop comes back to install it), and compiles fast jobs with compile_fast. */
Test(tier, owner_is_notified_and_tiers_are_kept_apart)
{
    Fake fake = {0};
    RtCompiler c = {.ctx = &fake, .compile = fake_compile, .compile_fast = fake_compile_fast};
    Notices notices = {0};
    RtTier tier;
    cr_assert_null(rt_tier_init(&tier, &c, 1, on_done, &notices));
    IRBlock *b = ir_block_new(0x1000);
    ir_insn_start(b, 0x1000, 4);
    ir_goto(b, 0x2000, IR_JUMP_PLAIN, 0);
    const IRBlock *blocks[] = {b};
    uint64_t serial = 7;

    rt_tier_submit(&tier, 42, blocks, &serial, 1, true, NULL);
    RtTierJob *j = wait_done(&tier, 42);
    cr_assert_not_null(j);
    cr_expect(j->fast);
    cr_expect_eq(j->fn, fake_code);
    cr_expect_eq(atomic_load(&fake.fast), 1);
    cr_expect_eq(atomic_load(&fake.full), 0);
    cr_expect_eq(atomic_load(&notices.count), 1);
    cr_expect_eq(atomic_load(&notices.last_owner), 42);
    rt_tier_job_free(j);

    rt_tier_submit(&tier, 43, blocks, &serial, 1, false, NULL);
    j = wait_done(&tier, 43);
    cr_assert_not_null(j);
    cr_expect(!j->fast);
    cr_expect_eq(atomic_load(&fake.full), 1);
    cr_expect_eq(atomic_load(&notices.count), 2);
    cr_expect_eq(atomic_load(&notices.last_owner), 43);
    rt_tier_job_free(j);

    rt_tier_destroy(&tier);
    ir_block_free(b);
}

/* A compiler that holds its first job until released and records the order of entry pcs. */
typedef struct Ordered {
    atomic_int released, started, n;
    uint64_t pcs[8];
} Ordered;

static FvpError *ordered_compile(void *ctx, const IRBlock *const *blocks, size_t n,
                                 RtCompiledFn *out, RtCompileStats *stats)
{
    (void)n;
    (void)stats;
    Ordered *o = ctx;
    atomic_store(&o->started, 1);
    while (!atomic_load(&o->released))
        nanosleep(&(struct timespec){0, 100000}, NULL);
    int k = atomic_fetch_add(&o->n, 1);
    if (k < 8)
        o->pcs[k] = blocks[0]->pc;
    *out = (RtCompiledFn)fake_code;
    return NULL;
}

/* One guest instruction at pc that jumps to 0x9000 */
static IRBlock *jump_block(uint64_t pc)
{
    IRBlock *b = ir_block_new(pc);
    ir_insn_start(b, pc, 4);
    ir_goto(b, 0x9000, IR_JUMP_PLAIN, 0);
    return b;
}

/* Submits a fast job for `entry` and waits until the compiler holds it (ordered_compile):
 * what is submitted next stays queued until o->released. */
static void hold_compiler(RtTier *tier, Ordered *o, const IRBlock *entry)
{
    uint64_t serial = 1;
    const IRBlock *one[] = {entry};
    rt_tier_submit(tier, 1, one, &serial, 1, true, NULL);
    while (!atomic_load(&o->started))
        nanosleep(&(struct timespec){0, 100000}, NULL);
}

/* Releases the compiler and frees owner 1's n finished jobs as they come. */
static void release_and_drain(RtTier *tier, Ordered *o, int n)
{
    atomic_store(&o->released, 1);
    for (int done = 0; done < n;) {
        RtTierJob *j = wait_done(tier, 1);
        cr_assert_not_null(j);
        while (j) {
            RtTierJob *next = j->next;
            rt_tier_job_free(j);
            j = next;
            done++;
        }
    }
}

/* Queued fast-tier jobs go before queued full-tier upgrades, whatever the submission
 * order: new code runs in the interpreter until its fast job is done. */
Test(tier, fast_jobs_go_first)
{
    Ordered o = {0};
    RtCompiler c = {.ctx = &o, .compile = ordered_compile, .compile_fast = ordered_compile};
    RtTier tier;
    cr_assert_null(rt_tier_init(&tier, &c, 1, NULL, NULL));
    IRBlock *b[4];
    const uint64_t pcs[4] = {0x1000, 0x2000, 0x3000, 0x4000};
    const bool fast[4] = {true, true, false, true}; /* [0]: the one the compiler holds */
    for (int k = 0; k < 4; k++)
        b[k] = jump_block(pcs[k]);
    hold_compiler(&tier, &o, b[0]);
    uint64_t serial = 1;
    for (int k = 1; k < 4; k++) { /* queued: fast 0x2000, full 0x3000, fast 0x4000 */
        const IRBlock *r[] = {b[k]};
        rt_tier_submit(&tier, 1, r, &serial, 1, fast[k], NULL);
    }
    release_and_drain(&tier, &o, 4);
    cr_expect_eq(o.pcs[0], 0x1000);
    cr_expect_eq(o.pcs[1], 0x4000, "the newest fast job first");
    cr_expect_eq(o.pcs[2], 0x2000, "then the other fast job");
    cr_expect_eq(o.pcs[3], 0x3000, "the full-tier job last");
    rt_tier_destroy(&tier);
    for (int k = 0; k < 4; k++)
        ir_block_free(b[k]);
}

/* Queued full-tier upgrades go hottest first: the one whose fast code has run most by the
 * time the compiler takes it (its RtCompileStats.heat counter), whatever the order they
 * were asked for in; an upgrade without a counter counts as never run. */
Test(tier, hottest_upgrade_first)
{
    Ordered o = {0};
    RtCompiler c = {.ctx = &o, .compile = ordered_compile, .compile_fast = ordered_compile};
    RtTier tier;
    cr_assert_null(rt_tier_init(&tier, &c, 1, NULL, NULL));
    enum { N = 5 };
    IRBlock *b[N];
    const uint64_t pcs[N] = {0x1000, 0x2000, 0x3000, 0x4000, 0x5000};
    uint32_t heat[N] = {0, 7, 0, 90, 30};
    for (int k = 0; k < N; k++)
        b[k] = jump_block(pcs[k]);
    hold_compiler(&tier, &o, b[0]);
    uint64_t serial = 1;
    for (int k = 1; k < N; k++) { /* 0x3000 without a counter */
        const IRBlock *r[] = {b[k]};
        rt_tier_submit(&tier, 1, r, &serial, 1, false, k == 2 ? NULL : &heat[k]);
    }
    heat[1] = 60; /* 0x2000 ran more since it asked: now the second hottest */
    release_and_drain(&tier, &o, N);
    cr_expect_eq(o.pcs[0], 0x1000);
    cr_expect_eq(o.pcs[1], 0x4000, "the hottest upgrade first (got %#llx)",
                 (unsigned long long)o.pcs[1]);
    cr_expect_eq(o.pcs[2], 0x2000, "heat read when the job is taken (got %#llx)",
                 (unsigned long long)o.pcs[2]);
    cr_expect_eq(o.pcs[3], 0x5000);
    cr_expect_eq(o.pcs[4], 0x3000, "no counter: last");
    rt_tier_destroy(&tier);
    for (int k = 0; k < N; k++)
        ir_block_free(b[k]);
}

static atomic_int quick_calls;

/* A fast tier that never waits (the baseline compiler's role). */
static FvpError *quick_compile_fast(void *ctx, const IRBlock *const *blocks, size_t n,
                                    RtCompiledFn *out, RtCompileStats *stats)
{
    (void)ctx;
    (void)blocks;
    (void)n;
    (void)stats;
    atomic_fetch_add(&quick_calls, 1);
    *out = (RtCompiledFn)fake_code;
    return NULL;
}

/* rt_tier_compile_now compiles on the caller's thread with compile_fast while the
 * compiler thread is busy with a long job, and the result is there for
 * rt_tier_take_done when it returns (the dispatcher's baseline regions do not wait
 * behind LLVM jobs). */
Test(tier, compile_now_does_not_wait_for_the_compiler_thread)
{
    Ordered o = {0};
    RtCompiler c = {.ctx = &o, .compile = ordered_compile, .compile_fast = quick_compile_fast};
    RtTier tier;
    cr_assert_null(rt_tier_init(&tier, &c, 1, NULL, NULL));
    IRBlock *held = jump_block(0x1000), *now = jump_block(0x2000);
    uint64_t serial = 1;
    const IRBlock *h[] = {held};
    rt_tier_submit(&tier, 1, h, &serial, 1, false, NULL); /* full tier: ordered_compile */
    while (!atomic_load(&o.started))
        nanosleep(&(struct timespec){0, 100000}, NULL);

    const IRBlock *r[] = {now};
    serial = 5;
    rt_tier_compile_now(&tier, 7, r, &serial, 1, true);
    RtTierJob *j = rt_tier_take_done(&tier, 7);
    cr_assert_not_null(j, "the job is done when compile_now returns");
    cr_expect(j->fast);
    cr_expect_eq(j->pc, 0x2000);
    cr_expect_eq(j->serial, 5);
    cr_expect_eq(j->fn, fake_code);
    cr_expect_null(j->next);
    cr_expect_eq(atomic_load(&quick_calls), 1);
    cr_expect_eq(atomic_load(&o.n), 0, "the compiler thread is still holding its job");
    rt_tier_job_free(j);
    release_and_drain(&tier, &o, 1);
    rt_tier_destroy(&tier);
    ir_block_free(held);
    ir_block_free(now);
}
