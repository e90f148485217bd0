/* Small shared helpers: assertions, allocation, growable arrays, time. */
#include "common/common.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

void fvp_assert_fail(const char *expr, const char *file, int line, const char *func)
{
    fprintf(stderr, "fvp: internal error: %s:%d: %s: assertion '%s' failed\n", file, line, func,
            expr);
    abort();
}

static void *check_alloc(void *p, size_t size)
{
    if (!p && size) {
        fprintf(stderr, "fvp: out of memory (allocating %zu bytes)\n", size);
        abort();
    }
    return p;
}

void *fvp_xmalloc(size_t size)
{
    return check_alloc(malloc(size), size);
}

void *fvp_xcalloc(size_t n, size_t size)
{
    return check_alloc(calloc(n, size), n * size);
}

void *fvp_xrealloc(void *ptr, size_t size)
{
    return check_alloc(realloc(ptr, size), size);
}

char *fvp_xstrdup(const char *s)
{
    return check_alloc(strdup(s), strlen(s) + 1);
}

void fvp_grow(void **ptr, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap * 2 : 16;
    while (ncap < need)
        ncap *= 2;
    *ptr = fvp_xrealloc(*ptr, ncap * elem_size);
    *cap = ncap;
}

uint64_t fvp_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
