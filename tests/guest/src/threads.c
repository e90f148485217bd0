/* Guest test: POSIX threads (clone, futex): workers sum with a mutex, atomics and a barrier-like join. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "guest_util.h"

enum { NTHREADS = 4, ITERS = 20000 };

typedef struct Shared {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    uint64_t locked_sum; /* under lock */
    _Atomic uint64_t atomic_sum;
    int ready;           /* under lock */
} Shared;

typedef struct Worker {
    Shared *shared;
    int id;
    uint64_t result;
} Worker;

static void *worker_main(void *arg)
{
    Worker *w = arg;
    Shared *s = w->shared;
    pthread_mutex_lock(&s->lock);
    while (!s->ready)
        pthread_cond_wait(&s->cond, &s->lock);
    pthread_mutex_unlock(&s->lock);
    uint64_t local = 0;
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&s->lock);
        s->locked_sum += (uint64_t)i;
        pthread_mutex_unlock(&s->lock);
        atomic_fetch_add(&s->atomic_sum, (uint64_t)w->id);
        local += (uint64_t)i * (uint64_t)(w->id + 1);
    }
    w->result = local;
    return w;
}

int main(void)
{
    GuestChecks c = {0};
    Shared s = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
    pthread_t tids[NTHREADS];
    Worker workers[NTHREADS];
    for (int i = 0; i < NTHREADS; i++) {
        workers[i] = (Worker){.shared = &s, .id = i};
        if (pthread_create(&tids[i], NULL, worker_main, &workers[i]) != 0) {
            printf("pthread_create failed\n");
            return 1;
        }
    }
    pthread_mutex_lock(&s.lock);
    s.ready = 1;
    pthread_cond_broadcast(&s.cond);
    pthread_mutex_unlock(&s.lock);
    uint64_t total = 0;
    for (int i = 0; i < NTHREADS; i++) {
        void *ret;
        pthread_join(tids[i], &ret);
        guest_check_u64(&c, "join returns the worker", (uint64_t)(ret == &workers[i]), 1);
        total += workers[i].result;
    }
    uint64_t n = ITERS;
    guest_check_u64(&c, "mutex-protected sum", s.locked_sum, NTHREADS * (n * (n - 1) / 2));
    guest_check_u64(&c, "atomic sum", atomic_load(&s.atomic_sum), n * (0 + 1 + 2 + 3));
    guest_check_u64(&c, "per-thread results", total, (n * (n - 1) / 2) * (1 + 2 + 3 + 4));
    return guest_checks_exit(&c);
}
