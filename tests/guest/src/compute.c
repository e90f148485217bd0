/* Guest test: realistic compute kernels: SHA-256, CRC-32, matrix multiply, sieve, n-queens, bignum. */
#include <stdint.h>
#include <stdlib.h>

#include "guest_util.h"

static uint32_t ror32(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

/* SHA-256 of a buffer (FIPS 180-4), written from the standard's description. */
static void sha256(const uint8_t *msg, size_t len, uint8_t out[32])
{
    static const uint32_t k[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2};
    uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                     0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    size_t total = ((len + 9 + 63) / 64) * 64;
    for (size_t block = 0; block < total; block += 64) {
        uint32_t w[64];
        for (int i = 0; i < 16; i++) {
            uint32_t word = 0;
            for (int b = 0; b < 4; b++) {
                size_t pos = block + (size_t)(i * 4 + b);
                uint8_t byte;
                if (pos < len)
                    byte = msg[pos];
                else if (pos == len)
                    byte = 0x80;
                else if (pos >= total - 8)
                    byte = (uint8_t)(((uint64_t)len * 8) >> (8 * (total - 1 - pos)));
                else
                    byte = 0;
                word = word << 8 | byte;
            }
            w[i] = word;
        }
        for (int i = 16; i < 64; i++) {
            uint32_t s0 = ror32(w[i - 15], 7) ^ ror32(w[i - 15], 18) ^ (w[i - 15] >> 3);
            uint32_t s1 = ror32(w[i - 2], 17) ^ ror32(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }
        uint32_t a = h[0], b = h[1], cc = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
        for (int i = 0; i < 64; i++) {
            uint32_t t1 = hh + (ror32(e, 6) ^ ror32(e, 11) ^ ror32(e, 25)) + ((e & f) ^ (~e & g)) +
                          k[i] + w[i];
            uint32_t t2 = (ror32(a, 2) ^ ror32(a, 13) ^ ror32(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
            hh = g;
            g = f;
            f = e;
            e = d + t1;
            d = cc;
            cc = b;
            b = a;
            a = t1 + t2;
        }
        h[0] += a; h[1] += b; h[2] += cc; h[3] += d;
        h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    for (int i = 0; i < 8; i++)
        for (int b = 0; b < 4; b++)
            out[i * 4 + b] = (uint8_t)(h[i] >> (24 - 8 * b));
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    uint32_t crc = 0xffffffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int b = 0; b < 8; b++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

static int queens(int n, int row, uint32_t cols, uint32_t d1, uint32_t d2)
{
    if (row == n)
        return 1;
    int count = 0;
    for (uint32_t avail = ~(cols | d1 | d2) & ((1u << n) - 1); avail; avail &= avail - 1) {
        uint32_t bit = avail & -avail;
        count += queens(n, row + 1, cols | bit, (d1 | bit) << 1, (d2 | bit) >> 1);
    }
    return count;
}

int main(void)
{
    GuestChecks c = {0};
    uint8_t digest[32];
    sha256((const uint8_t *)"abc", 3, digest);
    printf("sha256(abc) = ");
    for (int i = 0; i < 32; i++)
        printf("%02x", digest[i]);
    printf("\n");
    guest_check_u64(&c, "sha256(abc) first bytes",
                    (uint64_t)digest[0] << 24 | digest[1] << 16 | digest[2] << 8 | digest[3],
                    0xba7816bf);
    size_t n = 100000;
    uint8_t *data = malloc(n);
    if (!data)
        return 3;
    uint64_t rng = 7;
    for (size_t i = 0; i < n; i++)
        data[i] = (uint8_t)guest_rand_next(&rng);
    sha256(data, n, digest);
    printf("sha256(100000 pseudo-random bytes) = ");
    for (int i = 0; i < 32; i++)
        printf("%02x", digest[i]);
    printf("\n");
    guest_check_u64(&c, "crc32(123456789)", crc32((const uint8_t *)"123456789", 9), 0xcbf43926);
    printf("crc32(data) = %08x\n", crc32(data, n));
    free(data);

    enum { M = 48 };
    static double a[M][M], b[M][M], r[M][M];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            a[i][j] = (double)(i * M + j) / 7.0;
            b[i][j] = (double)(i - j) * 0.5 + 1.0 / (double)(j + 1);
        }
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            double s = 0;
            for (int k = 0; k < M; k++)
                s += a[i][k] * b[k][j];
            r[i][j] = s;
        }
    printf("matrix: r[0][0]=%a r[17][31]=%a hash 0x%016llx\n", r[0][0], r[17][31],
           (unsigned long long)guest_hash_bytes(GUEST_HASH_INIT, r, sizeof r));

    enum { LIMIT = 200000 };
    static uint8_t composite[LIMIT + 1];
    int primes = 0;
    for (int i = 2; i <= LIMIT; i++) {
        if (composite[i])
            continue;
        primes++;
        for (long j = (long)i * i; j <= LIMIT; j += i)
            composite[j] = 1;
    }
    guest_check_u64(&c, "primes below 200000", (uint64_t)primes, 17984);
    guest_check_u64(&c, "8 queens", (uint64_t)queens(8, 0, 0, 0, 0), 92);
    guest_check_u64(&c, "10 queens", (uint64_t)queens(10, 0, 0, 0, 0), 724);

    /* 2^1000 in decimal with 32-bit limbs: digit sum is 1366 */
    uint32_t limbs[40] = {1};
    int nlimbs = 1;
    for (int i = 0; i < 1000; i++) {
        uint64_t carry = 0;
        for (int l = 0; l < nlimbs; l++) {
            uint64_t v = (uint64_t)limbs[l] * 2 + carry;
            limbs[l] = (uint32_t)v;
            carry = v >> 32;
        }
        if (carry)
            limbs[nlimbs++] = (uint32_t)carry;
    }
    int digit_sum = 0;
    while (nlimbs > 0) {
        uint64_t rem = 0;
        for (int l = nlimbs - 1; l >= 0; l--) {
            uint64_t cur = rem << 32 | limbs[l];
            limbs[l] = (uint32_t)(cur / 10);
            rem = cur % 10;
        }
        digit_sum += (int)rem;
        while (nlimbs > 0 && limbs[nlimbs - 1] == 0)
            nlimbs--;
    }
    guest_check_u64(&c, "digit sum of 2^1000", (uint64_t)digit_sum, 1366);
    return guest_checks_exit(&c);
}
