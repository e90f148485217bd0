/* Guest test: bit manipulation (built once with Zba/Zbb/Zbs and once without on RISC-V). */
#include <stdint.h>

#include "guest_util.h"

static uint64_t rotl64(uint64_t x, unsigned n) { return (x << (n & 63)) | (x >> (-n & 63)); }
static uint64_t rotr64(uint64_t x, unsigned n) { return (x >> (n & 63)) | (x << (-n & 63)); }
static uint32_t rotl32(uint32_t x, unsigned n) { return (x << (n & 31)) | (x >> (-n & 31)); }
static uint32_t rotr32(uint32_t x, unsigned n) { return (x >> (n & 31)) | (x << (-n & 31)); }

/* Each byte becomes 0xff if it was non-zero (what orc.b computes). */
static uint64_t or_combine_bytes(uint64_t x)
{
    uint64_t r = 0;
    for (int i = 0; i < 8; i++)
        if ((x >> (8 * i)) & 0xff)
            r |= 0xffULL << (8 * i);
    return r;
}

static const uint64_t inputs[] = {
    0, 1, 2, 0x80, 0x8000, 0x80000000, 0x8000000000000000ULL, 0xffffffffffffffffULL,
    0x00000000ffffffffULL, 0xffffffff00000000ULL, 0x0123456789abcdefULL, 0xfedcba9876543210ULL,
    0x00ff00ff00ff00ffULL, 0x5555555555555555ULL, 0x7fffffffffffffffULL, 0x0000000100000000ULL,
    0x00000000000f0000ULL, 0x7f, 0xff, 0xffff, 0x12345678,
};
#define NINPUTS (sizeof(inputs) / sizeof(inputs[0]))

int main(void)
{
    GuestChecks c = {0};
    uint64_t table[64];
    for (int i = 0; i < 64; i++)
        table[i] = (uint64_t)i * 0x0101010101010101ULL;
    for (size_t i = 0; i < NINPUTS; i++) {
        volatile uint64_t vx = inputs[i], vy = inputs[(i * 7 + 3) % NINPUTS];
        uint64_t x = vx, y = vy;
        uint32_t x32 = (uint32_t)x;
        unsigned sh = (unsigned)(y % 67);
        printf("x=%016llx y=%016llx\n", (unsigned long long)x, (unsigned long long)y);
        printf("  clz=%d ctz=%d cpop=%d clzw=%d ctzw=%d cpopw=%d\n",
               x ? __builtin_clzll(x) : 64, x ? __builtin_ctzll(x) : 64, __builtin_popcountll(x),
               x32 ? __builtin_clz(x32) : 32, x32 ? __builtin_ctz(x32) : 32,
               __builtin_popcount(x32));
        printf("  andn=%016llx orn=%016llx xnor=%016llx\n", (unsigned long long)(x & ~y),
               (unsigned long long)(x | ~y), (unsigned long long)~(x ^ y));
        printf("  min=%016llx max=%016llx minu=%016llx maxu=%016llx\n",
               (unsigned long long)((int64_t)x < (int64_t)y ? x : y),
               (unsigned long long)((int64_t)x > (int64_t)y ? x : y),
               (unsigned long long)(x < y ? x : y), (unsigned long long)(x > y ? x : y));
        printf("  sextb=%016llx sexth=%016llx zexth=%016llx zextw=%016llx\n",
               (unsigned long long)(int64_t)(int8_t)x, (unsigned long long)(int64_t)(int16_t)x,
               (unsigned long long)(uint16_t)x, (unsigned long long)(uint32_t)x);
        printf("  rol=%016llx ror=%016llx rolw=%08x rorw=%08x ror13=%016llx\n",
               (unsigned long long)rotl64(x, sh), (unsigned long long)rotr64(x, sh),
               rotl32(x32, sh), rotr32(x32, sh), (unsigned long long)rotr64(x, 13));
        printf("  rev8=%016llx bswap32=%08x orcb=%016llx\n",
               (unsigned long long)__builtin_bswap64(x), __builtin_bswap32(x32),
               (unsigned long long)or_combine_bytes(x));
        printf("  bset=%016llx bclr=%016llx binv=%016llx bext=%d bset17=%016llx\n",
               (unsigned long long)(x | (1ULL << (sh & 63))),
               (unsigned long long)(x & ~(1ULL << (sh & 63))),
               (unsigned long long)(x ^ (1ULL << (sh & 63))), (int)((x >> (sh & 63)) & 1),
               (unsigned long long)(x | (1ULL << 17)));
        printf("  sh1add=%016llx sh2add=%016llx sh3add=%016llx adduw=%016llx slliuw=%016llx\n",
               (unsigned long long)((x << 1) + y), (unsigned long long)((x << 2) + y),
               (unsigned long long)((x << 3) + y), (unsigned long long)((uint64_t)x32 + y),
               (unsigned long long)((uint64_t)x32 << 5));
        printf("  table=%016llx\n", (unsigned long long)table[x32 % 64]);
    }
    volatile uint64_t v = 0x0123456789abcdefULL;
    guest_check_u64(&c, "bswap64", __builtin_bswap64(v), 0xefcdab8967452301ULL);
    guest_check_u64(&c, "clz", (uint64_t)__builtin_clzll(v), 7);
    guest_check_u64(&c, "popcount", (uint64_t)__builtin_popcountll(v), 32);
    guest_check_u64(&c, "rotr 8", rotr64(v, 8), 0xef0123456789abcdULL);
    guest_check_u64(&c, "sext.b", (uint64_t)(int64_t)(int8_t)v, 0xffffffffffffffefULL);
    return guest_checks_exit(&c);
}
