/* Benchmark: loops gcc vectorises at -O3: saxpy, integer dot product, byte array add and a
 * byte histogram. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { ELEMS = 16 * 1024, PASSES_PER_SIZE = 120 };

static void vec_saxpy(float *restrict y, const float *restrict x, float a, int n)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

static int64_t vec_dot_i32(const int32_t *restrict a, const int32_t *restrict b, int n)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += (int64_t)a[i] * b[i];
    return s;
}

static void vec_add_u8(uint8_t *restrict d, const uint8_t *restrict a, const uint8_t *restrict b,
                       int n)
{
    for (int i = 0; i < n; i++)
        d[i] = (uint8_t)(a[i] + b[i]);
}

static void vec_histogram(uint32_t hist[256], const uint8_t *p, int n)
{
    for (int i = 0; i < n; i++)
        hist[p[i]]++;
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: vecloops SIZE (SIZE >= 1)\n");
        return 2;
    }
    float *x = malloc(ELEMS * sizeof(float)), *y = malloc(ELEMS * sizeof(float));
    int32_t *ia = malloc(ELEMS * sizeof(int32_t)), *ib = malloc(ELEMS * sizeof(int32_t));
    uint8_t *ba = malloc(ELEMS), *bb = malloc(ELEMS), *bc = malloc(ELEMS);
    if (!x || !y || !ia || !ib || !ba || !bb || !bc)
        return 1;
    uint32_t s = 99;
    for (int i = 0; i < ELEMS; i++) {
        s = s * 1664525u + 1013904223u;
        x[i] = (float)(s >> 20) / 4096.0f;
        y[i] = 0.0f;
        ia[i] = (int32_t)(s >> 4) - (1 << 27);
        ib[i] = (int32_t)(s % 2001) - 1000;
        ba[i] = (uint8_t)(s >> 24);
        bb[i] = (uint8_t)(s >> 16);
    }
    static uint32_t hist[256];
    uint64_t sum = 0;
    for (long pass = 0; pass < size * PASSES_PER_SIZE; pass++) {
        /* a alternates sign and y grows slowly, so it stays in range. */
        vec_saxpy(y, x, (pass & 1) ? -0.25f : 0.5f, ELEMS);
        int64_t d = vec_dot_i32(ia, ib, ELEMS);
        vec_add_u8(bc, ba, bb, ELEMS);
        vec_histogram(hist, bc, ELEMS);
        ib[pass % ELEMS] += 1;
        ba[(pass * 7) % ELEMS] ^= (uint8_t)pass;
        sum = sum * 31 + (uint64_t)d;
    }
    for (int i = 0; i < 256; i++)
        sum = sum * 131 + hist[i];
    double ysum = 0;
    for (int i = 0; i < ELEMS; i++)
        ysum += y[i];
    char line[64];
    snprintf(line, sizeof(line), "ysum=%.6e", ysum);
    for (const char *c = line; *c; c++)
        sum = (sum ^ (uint8_t)*c) * 0x100000001b3ull;
    printf("vecloops size=%ld %s checksum=%016llx\n", size, line, (unsigned long long)sum);
    free(x), free(y), free(ia), free(ib), free(ba), free(bb), free(bc);
    return 0;
}
