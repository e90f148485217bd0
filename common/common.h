/* Small shared helpers: assertions, growable arrays, bit tricks. */
#ifndef FVP_COMMON_COMMON_H
#define FVP_COMMON_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

/* A broken internal invariant: prints file, line and the expression, then aborts.
 * Never used for guest behaviour or bad input. */
#define fvp_assert(cond)                                                                           \
    ((cond) ? (void)0 : fvp_assert_fail(#cond, __FILE__, __LINE__, __func__))
_Noreturn void fvp_assert_fail(const char *expr, const char *file, int line, const char *func);

/* Aborts with a message when the host is out of memory (for the few places that cannot
 * return an error: IR building inside lifters). */
void *fvp_xmalloc(size_t size);
void *fvp_xcalloc(size_t n, size_t size);
void *fvp_xrealloc(void *ptr, size_t size);
char *fvp_xstrdup(const char *s);

/* Grows *ptr (an array of *cap elements of elem_size) to hold at least `need` elements. */
void fvp_grow(void **ptr, size_t *cap, size_t need, size_t elem_size);
#define FVP_GROW(ptr, cap, need) fvp_grow((void **)&(ptr), &(cap), (need), sizeof(*(ptr)))

#define FVP_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define FVP_MIN(a, b) ((a) < (b) ? (a) : (b))
#define FVP_MAX(a, b) ((a) > (b) ? (a) : (b))

static inline uint64_t fvp_sext(uint64_t v, unsigned bits)
{
    return bits >= 64 ? v : (uint64_t)((int64_t)(v << (64 - bits)) >> (64 - bits));
}

static inline uint64_t fvp_mask(unsigned bits)
{
    return bits >= 64 ? ~0ull : (1ull << bits) - 1;
}

/* Monotonic time in nanoseconds. */
uint64_t fvp_now_ns(void);

#endif
