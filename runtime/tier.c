/* Background compilation: hot blocks go to the RtCompiler on its own thread, results come back. */
#include "runtime/runtime_internal.h"

#include <string.h>

/*
 *   dispatcher --rt_tier_submit--> queue (newest first) --(compiler thread)--> done
 *        ^                                                                  |
 *        +----------------- rt_tier_take_done (polled per dispatch) -------+
 *
 * The dispatcher installs a result only if the block it was made for (same pc and
 * serial) is still in the cache, so invalidated code never comes back.
 */

static void *tier_main(void *arg)
{
    RtTier *t = arg;
    pthread_mutex_lock(&t->lock);
    for (;;) {
        while (!t->queue && !t->stop)
            pthread_cond_wait(&t->wake, &t->lock);
        if (t->stop)
            break;
        RtTierJob *job = t->queue;
        t->queue = job->next;
        pthread_mutex_unlock(&t->lock);

        const IRBlock *blocks[1] = {job->ir};
        uint64_t t0 = fvp_now_ns();
        job->err = t->compiler->compile(t->compiler->ctx, blocks, 1, &job->fn, &job->stats);
        if (!job->stats.compile_ns)
            job->stats.compile_ns = fvp_now_ns() - t0;

        pthread_mutex_lock(&t->lock);
        job->next = t->done;
        t->done = job;
        atomic_store_explicit(&t->done_ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

FvpError *rt_tier_init(RtTier *t, const RtCompiler *compiler)
{
    memset(t, 0, sizeof(*t));
    t->compiler = compiler;
    if (!compiler)
        return NULL;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    int r = pthread_create(&t->thread, NULL, tier_main, t);
    if (r) {
        pthread_cond_destroy(&t->wake);
        pthread_mutex_destroy(&t->lock);
        t->compiler = NULL;
        return fvp_error_errno(r, "starting the compiler thread");
    }
    t->started = true;
    return NULL;
}

void rt_tier_job_free(RtTierJob *j)
{
    if (!j)
        return;
    ir_block_free(j->ir);
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
    pthread_join(t->thread, NULL);
    free_jobs(t->queue);
    free_jobs(t->done);
    pthread_cond_destroy(&t->wake);
    pthread_mutex_destroy(&t->lock);
    memset(t, 0, sizeof(*t));
}

void rt_tier_submit(RtTier *t, uint64_t owner, uint64_t pc, uint64_t serial, const IRBlock *ir)
{
    RtTierJob *job = fvp_xcalloc(1, sizeof(*job));
    job->owner = owner;
    job->pc = pc;
    job->serial = serial;
    job->ir = ir_block_clone(ir);
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
