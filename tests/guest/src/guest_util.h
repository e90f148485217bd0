/* Small helpers shared by the guest test programs (any ISA): checks, bit views of floats. */
#ifndef FVP_GUEST_UTIL_H
#define FVP_GUEST_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Failed checks so far; each program keeps its own and exits non-zero if any failed. */
typedef struct GuestChecks {
    int failed;
    int total;
} GuestChecks;

/* Prints "name: value" and, when value differs from the expected one, a FAIL mark. */
static inline void guest_check_u64(GuestChecks *c, const char *name, uint64_t got, uint64_t want)
{
    c->total++;
    if (got == want) {
        printf("%s: 0x%016llx\n", name, (unsigned long long)got);
        return;
    }
    c->failed++;
    printf("%s: 0x%016llx FAIL (expected 0x%016llx)\n", name, (unsigned long long)got,
           (unsigned long long)want);
}

static inline int guest_checks_exit(const GuestChecks *c)
{
    printf("checks: %d, failed: %d\n", c->total, c->failed);
    return c->failed ? 1 : 0;
}

static inline uint64_t guest_bits_f64(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return u;
}

static inline uint32_t guest_bits_f32(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static inline double guest_f64_from_bits(uint64_t u)
{
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

static inline float guest_f32_from_bits(uint32_t u)
{
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

/* A fixed pseudo-random sequence (xorshift64*), so outputs are deterministic. */
static inline uint64_t guest_rand_next(uint64_t *state)
{
    uint64_t x = *state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1DULL;
}

/* FNV-1a over bytes: a compact fingerprint of a large result. */
static inline uint64_t guest_hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}
#define GUEST_HASH_INIT 0xcbf29ce484222325ULL

#endif
