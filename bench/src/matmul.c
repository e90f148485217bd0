/* Benchmark: dense double-precision matrix multiply (i-k-j order) iterated as a power
 * series. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { N = 64 };

typedef double Matrix[N][N];

/* c = a * b; c must not alias a or b. */
static void matmul(Matrix c, Matrix a, Matrix b)
{
    memset(c, 0, sizeof(Matrix));
    for (int i = 0; i < N; i++)
        for (int k = 0; k < N; k++) {
            double aik = a[i][k];
            for (int j = 0; j < N; j++)
                c[i][j] += aik * b[k][j];
        }
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: matmul SIZE (SIZE >= 1)\n");
        return 2;
    }
    static Matrix a, x, y;
    uint32_t s = 1;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++) {
            s = s * 1664525u + 1013904223u;
            /* Entries in [-1, 1) / N keep the powers bounded. */
            a[i][j] = ((double)(s >> 8) / (double)(1u << 24) * 2.0 - 1.0) / N;
            x[i][j] = (i == j) ? 1.0 : 0.0;
        }
    double trace_sum = 0;
    for (long r = 0; r < size * 32; r++) {
        matmul(y, x, a);
        /* Add the identity back so the iteration neither vanishes nor explodes. */
        for (int i = 0; i < N; i++)
            y[i][i] += 1.0;
        memcpy(x, y, sizeof(Matrix));
        trace_sum += x[r % N][(r * 7) % N];
    }
    double total = 0;
    for (int i = 0; i < N; i++)
        for (int j = 0; j < N; j++)
            total += x[i][j];
    char line[128];
    snprintf(line, sizeof(line), "sum=%.9e trace=%.9e x00=%.9e", total, trace_sum, x[0][0]);
    uint64_t sum = 0xcbf29ce484222325ull;
    for (const char *c = line; *c; c++)
        sum = (sum ^ (uint8_t)*c) * 0x100000001b3ull;
    printf("matmul size=%ld %s checksum=%016llx\n", size, line, (unsigned long long)sum);
    return 0;
}
