/* Background compilation (runtime/tier.c): results come back, the owner is notified, fast-tier jobs use compile_fast. */
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
    *out = fake_code;
    return NULL;
}

static FvpError *fake_compile_fast(void *ctx, const IRBlock *const *blocks, size_t n,
                                   RtCompiledFn *out, RtCompileStats *stats)
{
    (void)blocks;
    (void)n;
    (void)stats;
    atomic_fetch_add(&((Fake *)ctx)->fast, 1);
    *out = fake_code;
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

    rt_tier_submit(&tier, 42, blocks, &serial, 1, true);
    RtTierJob *j = wait_done(&tier, 42);
    cr_assert_not_null(j);
    cr_expect(j->fast);
    cr_expect_eq(j->fn, fake_code);
    cr_expect_eq(atomic_load(&fake.fast), 1);
    cr_expect_eq(atomic_load(&fake.full), 0);
    cr_expect_eq(atomic_load(&notices.count), 1);
    cr_expect_eq(atomic_load(&notices.last_owner), 42);
    rt_tier_job_free(j);

    rt_tier_submit(&tier, 43, blocks, &serial, 1, false);
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
