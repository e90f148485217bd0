/* Guest threads: clone/clone3 on host threads, thread exit, code invalidation queues, shutdown. */
#include "runtime/syscall_internal.h"

#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

/*
 *   clone(CLONE_VM|CLONE_THREAD|...) --> RtThread (copy of the caller's state, a0 = 0,
 *        new sp and tp) --> host pthread --> rt_thread_run: its own dispatcher and cache
 *
 *   exit: leaves the thread list; the last thread out ends the process. p->running
 *        counts host threads until their very end: the process is freed only after.
 *   exit_group / death (any thread): p->done; the main thread leaves its loop (woken
 *        by the wake signal if it sits in a blocking host call) and then interrupts the
 *        other threads the same way until all have left.
 *
 * The wake signal's handler does nothing and is installed without SA_RESTART, so it
 * only makes a blocking host call return EINTR; the loops then see p->done.
 */

static int wake_signal(void)
{
    return SIGRTMIN;
}

static void on_wake(int sig)
{
    (void)sig;
}

FvpError *rt_threads_install_wake(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_wake;
    sigemptyset(&sa.sa_mask);
    if (sigaction(wake_signal(), &sa, NULL))
        return fvp_error_errno(errno, "installing the thread wake-up signal");
    return NULL;
}

RtThread *rt_thread_new(RtProcess *p, const RtThread *from)
{
    RtThread *t = fvp_xcalloc(1, sizeof(*t));
    t->proc = p;
    size_t align = FVP_MAX(p->fe->state_align, (uint32_t)sizeof(void *));
    size_t size = (p->fe->state_size + align - 1) / align * align;
    t->state = aligned_alloc(align, size);
    fvp_assert(t->state);
    if (from)
        memcpy(t->state, from->state, p->fe->state_size);
    else
        memset(t->state, 0, size);
    t->cpu.state = t->state;
    t->cpu.mem_base = p->mem.base;
    t->cpu.mem_limit = p->mem.limit;
    t->cpu.proc = p;
    rt_cache_init(&t->cache);
    if (from)
        t->sigmask = from->sigmask; /* the alternate stack is not inherited */
    pthread_mutex_lock(&p->lock);
    t->id = ++p->next_thread_id;
    pthread_mutex_unlock(&p->lock);
    return t;
}

void rt_thread_free(RtThread *t)
{
    if (!t)
        return;
    rt_cache_destroy(&t->cache);
    free(t->state);
    free(t->inval);
    free(t);
}

/* Adds what t did to the process's totals of finished threads (lock held). */
static void add_dead_stats(RtProcess *p, const RtThread *t)
{
    RtStats *d = &p->dead_stats;
    rt_thread_add_stats(d, t);
}

/* Takes t off the live list (lock held); returns the number of threads still live. */
static size_t unlist(RtProcess *p, RtThread *t)
{
    for (RtThread **link = &p->threads; *link; link = &(*link)->next)
        if (*link == t) {
            *link = t->next;
            p->live--;
            add_dead_stats(p, t);
            pthread_cond_broadcast(&p->changed);
            break;
        }
    return p->live;
}

int64_t sys_exit(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* The CLONE_CHILD_CLEARTID word is cleared and woken: pthread_join waits on it. */
    if (t->clear_child_tid) {
        uint32_t zero = 0;
        void *word = rt_g2h(p, t->clear_child_tid, 4);
        if (word && !rt_mem_write(&p->mem, t->clear_child_tid, &zero, 4))
            syscall(SYS_futex, word, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
    }
    t->exited = true;
    atomic_store(&t->attention, 1);
    pthread_mutex_lock(&p->lock);
    size_t left = unlist(p, t);
    pthread_mutex_unlock(&p->lock);
    if (left == 0) /* the last thread out ends the process with its status */
        rt_process_exit(p, (int)(a[0] & 0xff));
    return 0;
}

static void *thread_main(void *arg)
{
    RtThread *t = arg;
    RtProcess *p = t->proc;
    pthread_mutex_lock(&p->lock);
    t->tid = gettid();
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);

    FvpError *err = rt_thread_run(t);

    pthread_mutex_lock(&p->lock);
    if (!t->exited)
        unlist(p, t);
    if (err && !p->thread_error)
        p->thread_error = err;
    else
        fvp_error_free(err);
    pthread_mutex_unlock(&p->lock);
    if (err)
        rt_process_exit(p, 125); /* ends the others; rt_process_run returns the error */
    rt_tier_forget(&p->tier, t->id);
    rt_thread_free(t);
    /* Last touch of p: once running drops to 0 the main thread may free the process. */
    pthread_mutex_lock(&p->lock);
    p->running--;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

/* The flags a pthread_create-style clone must have, and the ones FVP can honour. */
#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD)
#define HONOURED_FLAGS                                                                             \
    (THREAD_FLAGS | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |    \
     CLONE_CHILD_SETTID | CLONE_DETACHED)

static int64_t thread_create(RtProcess *p, RtThread *t, uint64_t flags, uint64_t sp, uint64_t ptid,
                             uint64_t tls, uint64_t ctid)
{
    if (!(flags & CLONE_THREAD))
        return rt_process_fork(p, t, flags, sp, ptid, ctid);
    if ((flags & THREAD_FLAGS) != THREAD_FLAGS)
        return -EINVAL;
    if (flags & ~(uint64_t)(HONOURED_FLAGS | 0xff)) /* low byte: exit signal */
        return -EINVAL;
    const Frontend *fe = p->fe;
    RtThread *child = rt_thread_new(p, t);
    uint8_t *st = child->state;
    *(uint64_t *)(st + fe->syscall_ret_offset) = 0;
    if (sp)
        *(uint64_t *)(st + fe->sp_offset) = sp;
    if (flags & CLONE_SETTLS)
        *(uint64_t *)(st + fe->tls_offset) = tls;
    if (flags & CLONE_CHILD_CLEARTID)
        child->clear_child_tid = ctid;

    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_mutex_lock(&p->lock);
    child->next = p->threads;
    p->threads = child;
    p->live++;
    p->running++;
    int r = pthread_create(&child->host, &attr, thread_main, child);
    if (r) {
        p->threads = child->next;
        p->live--;
        p->running--;
        pthread_mutex_unlock(&p->lock);
        pthread_attr_destroy(&attr);
        rt_thread_free(child);
        return -EAGAIN;
    }
    while (!child->tid)
        pthread_cond_wait(&p->changed, &p->lock);
    int tid = child->tid; /* child may exit (and be freed) once the lock is dropped */
    pthread_mutex_unlock(&p->lock);
    pthread_attr_destroy(&attr);
    if (flags & CLONE_PARENT_SETTID)
        rt_mem_write(&p->mem, ptid, &tid, 4);
    if (flags & CLONE_CHILD_SETTID)
        rt_mem_write(&p->mem, ctid, &tid, 4);
    return tid;
}

int64_t sys_clone(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* asm-generic order: flags, newsp, parent_tid, tls, child_tid */
    return thread_create(p, t, a[0], a[1], a[2], a[3], a[4]);
}

int64_t sys_clone3(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* struct clone_args: flags, pidfd, child_tid, parent_tid, exit_signal, stack,
     * stack_size, tls, ... (all 64-bit) */
    uint64_t args[8];
    if (a[1] < sizeof args)
        return -EINVAL;
    if (rt_mem_read(&p->mem, a[0], args, sizeof args))
        return -EFAULT;
    uint64_t sp = args[5] ? args[5] + args[6] : 0;
    return thread_create(p, t, args[0] | (args[4] & 0xff), sp, args[3], args[7], args[2]);
}

void rt_threads_invalidate(RtProcess *p, uint64_t start, uint64_t end, bool all)
{
    pthread_mutex_lock(&p->lock);
    for (RtThread *t = p->threads; t; t = t->next) {
        if (all) {
            t->inval_all = true;
        } else {
            FVP_GROW(t->inval, t->inval_cap, t->ninval + 2);
            t->inval[t->ninval++] = start;
            t->inval[t->ninval++] = end;
        }
        atomic_store(&t->attention, 1);
    }
    pthread_mutex_unlock(&p->lock);
}

void rt_thread_apply_invalidations(RtThread *t)
{
    RtProcess *p = t->proc;
    pthread_mutex_lock(&p->lock);
    bool all = t->inval_all;
    uint64_t *ranges = t->inval;
    size_t n = t->ninval;
    t->inval_all = false;
    t->inval = NULL;
    t->ninval = t->inval_cap = 0;
    pthread_mutex_unlock(&p->lock);
    if (all) {
        rt_cache_flush(&t->cache);
        t->stats.code_flushes++;
    } else {
        for (size_t i = 0; i < n; i += 2)
            t->stats.blocks_invalidated += rt_cache_invalidate(&t->cache, ranges[i], ranges[i + 1]);
    }
    free(ranges);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {0, ms * 1000000L};
    nanosleep(&ts, NULL);
}

void rt_threads_wake_main(RtProcess *p)
{
    while (!atomic_load(&p->main_stopped)) {
        pthread_kill(p->main_host, wake_signal());
        sleep_ms(1);
    }
}

void rt_threads_stop_others(RtProcess *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->threads) {
        for (RtThread *t = p->threads; t; t = t->next)
            if (t != p->main)
                pthread_kill(t->host, wake_signal());
        if (p->threads == p->main && !p->main->next)
            break;
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 2000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&p->changed, &p->lock, &until);
    }
    /* Threads that left the list (exit) may still be on their way out of thread_main,
     * which locks p->lock and logs through p: the process must outlive them. */
    while (p->running)
        pthread_cond_wait(&p->changed, &p->lock);
    pthread_mutex_unlock(&p->lock);
}
