/* Benchmark: 64-bit FNV-1a and a four-lane multiply-rotate hash over a mutating buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { BUF_BYTES = 64 * 1024, PASSES_PER_SIZE = 16 };

static uint64_t rng_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static uint64_t hash_fnv1a(const uint8_t *p, size_t n)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t rotl64(uint64_t v, unsigned r)
{
    return (v << r) | (v >> (64 - r));
}

static uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

/* Four independent accumulators, each lane a multiply-rotate-multiply round, folded at the
 * end with an avalanche mix: the shape of the fast non-cryptographic hashes. */
static uint64_t hash_lanes(const uint8_t *p, size_t n, uint64_t seed)
{
    const uint64_t k1 = 0x9e3779b185ebca87ull, k2 = 0xc2b2ae3d27d4eb4full;
    uint64_t acc[4] = {seed + k1 + k2, seed + k2, seed, seed - k1};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int lane = 0; lane < 4; lane++) {
            acc[lane] += load64(p + i + 8 * lane) * k2;
            acc[lane] = rotl64(acc[lane], 31) * k1;
        }
    uint64_t h = rotl64(acc[0], 1) + rotl64(acc[1], 7) + rotl64(acc[2], 12) + rotl64(acc[3], 18);
    for (; i < n; i++)
        h = rotl64(h ^ (p[i] * k1), 11) * k2;
    h ^= h >> 33;
    h *= k2;
    h ^= h >> 29;
    return h;
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: hash SIZE (SIZE >= 1)\n");
        return 2;
    }
    uint8_t *buf = malloc(BUF_BYTES);
    if (!buf)
        return 1;
    uint64_t s = 0x2545f4914f6cdd1dull;
    for (size_t i = 0; i < BUF_BYTES; i++)
        buf[i] = (uint8_t)rng_next(&s);
    uint64_t sum = 0;
    for (long pass = 0; pass < size * PASSES_PER_SIZE; pass++) {
        size_t len = BUF_BYTES - (size_t)(pass % 61);
        uint64_t a = hash_fnv1a(buf, len);
        uint64_t b = hash_lanes(buf + (pass & 7), len - 8, a);
        sum = rotl64(sum, 5) ^ a ^ (b * 3);
        buf[(a ^ b) % BUF_BYTES] ^= (uint8_t)(sum | 1);
    }
    printf("hash size=%ld checksum=%016llx\n", size, (unsigned long long)sum);
    free(buf);
    return 0;
}
