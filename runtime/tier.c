/* Background compilation: hot regions go to the RtCompiler on its own threads, results come back. */
#include "runtime/runtime_internal.h"

#include <string.h>

/*
 *   dispatcher --rt_tier_submit--> queue (fast tier newest first, then the hottest upgrade)
 *                                    --(compiler threads)--> done
 *        ^                                                                   |
 *        +----------------- rt_tier_take_done (polled per dispatch) --------+
 *
 * The dispatcher installs a result only if every block it was made from (same pc and
 * serial) is still in the cache, so invalidated code never comes back. The compiler is
 * thread-safe (RtCompiler contract), so --jit-threads=N threads take jobs in parallel.
 */

/* How often the job's fast code has run (entries and loop back-edges) so far. */
static uint32_t heat_of(const RtTierJob *j)
{
    return j->heat ? __atomic_load_n(j->heat, __ATOMIC_RELAXED) : 0;
}

/* The next job, from a non-empty queue: the newest fast-tier job, else the full-tier
 * one whose fast code has run most (the newest of equals). A fast job is code the
 * interpreter runs until it is done (about 8x slower than compiled code); a full-tier job
 * upgrades code that is compiled already, and costs several times as much to compile
 * (docs/translator.md). Upgrades are asked for at the same count, so the one that has run
 * most by now is the one running most often: when the compiler falls behind (dfa queues
 * about 20 upgrades of 5-40 ms each), the inner loops do not wait behind printf. */
static RtTierJob *take_job(RtTier *t)
{
    RtTierJob **link = &t->queue;
    while (*link && !(*link)->fast)
        link = &(*link)->next;
    if (!*link) {
        link = &t->queue;
        uint32_t best = heat_of(*link);
        for (RtTierJob **l = &(*link)->next; *l; l = &(*l)->next) {
            uint32_t h = heat_of(*l);
            if (h > best) {
                best = h;
                link = l;
            }
        }
    }
    RtTierJob *job = *link;
    *link = job->next;
    return job;
}

/* Compiles the job on the calling thread (no tier lock held). */
static void run_job(RtTier *t, RtTierJob *job)
{
    uint64_t t0 = fvp_now_ns();
    job->err = (job->fast ? t->compiler->compile_fast : t->compiler->compile)(
        t->compiler->ctx, (const IRBlock *const *)job->blocks, job->nblocks, &job->fn, &job->stats);
    if (!job->stats.compile_ns)
        job->stats.compile_ns = fvp_now_ns() - t0;
}

/* Hands a finished job to its owner's dispatcher (lock held). */
static void push_done(RtTier *t, RtTierJob *job)
{
    job->next = t->done;
    t->done = job;
    atomic_store_explicit(&t->done_ready, 1, memory_order_release);
}

static void *tier_main(void *arg)
{
    RtTier *t = arg;
    pthread_mutex_lock(&t->lock);
    for (;;) {
        while (!t->queue && !t->stop)
            pthread_cond_wait(&t->wake, &t->lock);
        if (t->stop)
            break;
        RtTierJob *job = take_job(t);
        pthread_mutex_unlock(&t->lock);

        run_job(t, job);

        pthread_mutex_lock(&t->lock);
        uint64_t owner = job->owner;
        push_done(t, job);
        if (t->notify) {
            pthread_mutex_unlock(&t->lock);
            t->notify(t->notify_ctx, owner);
            pthread_mutex_lock(&t->lock);
        }
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

FvpError *rt_tier_init(RtTier *t, const RtCompiler *compiler, unsigned threads,
                       void (*notify)(void *ctx, uint64_t owner), void *notify_ctx)
{
    memset(t, 0, sizeof(*t));
    t->compiler = compiler;
    t->notify = notify;
    t->notify_ctx = notify_ctx;
    if (!compiler)
        return NULL;
    if (!threads)
        threads = RT_DEFAULT_COMPILE_THREADS;
    threads = FVP_MIN(threads, (unsigned)RT_MAX_COMPILE_THREADS);
    if (compiler->lookup)
        threads = 0; /* the dispatchers look their regions up themselves */
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    t->started = true;
    for (unsigned i = 0; i < threads; i++) {
        int r = pthread_create(&t->threads[i], NULL, tier_main, t);
        if (r) {
            FvpError *err = fvp_error_errno(r, "starting compiler thread %u", i + 1);
            rt_tier_destroy(t);
            return err;
        }
        t->nthreads++;
    }
    return NULL;
}

void rt_tier_job_free(RtTierJob *j)
{
    if (!j)
        return;
    for (size_t k = 0; k < j->nblocks; k++)
        ir_block_free(j->blocks[k]);
    free(j->blocks);
    free(j->serials);
    fvp_error_free(j->err);
    free(j);
}

static void free_jobs(RtTierJob *j)
{
    while (j) {
        RtTierJob *next = j->next;
        rt_tier_job_free(j);
        j = next;
    }
}

void rt_tier_destroy(RtTier *t)
{
    if (!t->started)
        return;
    pthread_mutex_lock(&t->lock);
    t->stop = true;
    pthread_cond_broadcast(&t->wake);
    pthread_mutex_unlock(&t->lock);
    for (unsigned i = 0; i < t->nthreads; i++)
        pthread_join(t->threads[i], NULL);
    free_jobs(t->queue);
    free_jobs(t->done);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    memset(t, 0, sizeof(*t));
}

static RtTierJob *new_job(RtTier *t, uint64_t owner, const IRBlock *const *blocks,
                          const uint64_t *serials, size_t nblocks, bool fast, const uint32_t *heat)
{
    fvp_assert(nblocks > 0);
    fvp_assert(!fast || t->compiler->compile_fast);
    RtTierJob *job = fvp_xcalloc(1, sizeof(*job));
    job->fast = fast;
    job->heat = fast ? NULL : heat;
    job->owner = owner;
    job->pc = blocks[0]->pc;
    job->serial = serials[0];
    job->nblocks = nblocks;
    job->blocks = fvp_xcalloc(nblocks, sizeof(*job->blocks));
    job->serials = fvp_xcalloc(nblocks, sizeof(*job->serials));
    for (size_t k = 0; k < nblocks; k++) {
        job->blocks[k] = ir_block_clone(blocks[k]);
        job->serials[k] = serials[k];
    }
    return job;
}

void rt_tier_compile_now(RtTier *t, uint64_t owner, const IRBlock *const *blocks,
                         const uint64_t *serials, size_t nblocks, bool fast)
{
    RtTierJob *job = new_job(t, owner, blocks, serials, nblocks, fast, NULL);
    run_job(t, job);
    pthread_mutex_lock(&t->lock);
    push_done(t, job);
    pthread_mutex_unlock(&t->lock);
}

void rt_tier_submit(RtTier *t, uint64_t owner, const IRBlock *const *blocks,
                    const uint64_t *serials, size_t nblocks, bool fast, const uint32_t *heat)
{
    RtTierJob *job = new_job(t, owner, blocks, serials, nblocks, fast, heat);
    /* Newest first: the block that just became hot (a loop about to run for long) is
     * worth more than older ones still waiting. */
    pthread_mutex_lock(&t->lock);
    job->next = t->queue;
    t->queue = job;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
}

/* Unlinks owner's jobs from the done list (lock held). */
static RtTierJob *take_owned(RtTier *t, uint64_t owner)
{
    RtTierJob *mine = NULL, **link = &t->done;
    while (*link) {
        RtTierJob *j = *link;
        if (j->owner == owner) {
            *link = j->next;
            j->next = mine;
            mine = j;
        } else {
            link = &j->next;
        }
    }
    atomic_store_explicit(&t->done_ready, t->done != NULL, memory_order_relaxed);
    return mine;
}

RtTierJob *rt_tier_take_done(RtTier *t, uint64_t owner)
{
    if (!t->started || !atomic_load_explicit(&t->done_ready, memory_order_acquire))
        return NULL;
    pthread_mutex_lock(&t->lock);
    RtTierJob *done = take_owned(t, owner);
    pthread_mutex_unlock(&t->lock);
    return done;
}

void rt_tier_forget(RtTier *t, uint64_t owner)
{
    if (!t->started)
        return;
    pthread_mutex_lock(&t->lock);
    RtTierJob *mine = take_owned(t, owner);
    pthread_mutex_unlock(&t->lock);
    free_jobs(mine);
}
