/* Benchmark: iterative radix-2 complex FFT, forward then inverse, with twiddle factors
 * computed by plain arithmetic (no libm, so every IEEE host gets the same bits). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { LOG2_POINTS = 12, POINTS = 1 << LOG2_POINTS };

#define PI 3.141592653589793

/* sin and cos of x in [-pi, pi] by Taylor series to far beyond double precision. */
static void sincos_series(double x, double *s, double *c)
{
    double term_s = x, term_c = 1.0, sum_s = 0.0, sum_c = 0.0, x2 = x * x;
    for (int k = 0; k < 30; k++) {
        sum_s += term_s;
        sum_c += term_c;
        term_s = -term_s * x2 / ((2.0 * k + 2) * (2.0 * k + 3));
        term_c = -term_c * x2 / ((2.0 * k + 1) * (2.0 * k + 2));
    }
    *s = sum_s;
    *c = sum_c;
}

static void fft_run(double *re, double *im, const double *wr, const double *wi, int inverse)
{
    for (uint32_t i = 1, j = 0; i < POINTS; i++) {
        uint32_t bit = POINTS >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            double t = re[i];
            re[i] = re[j];
            re[j] = t;
            t = im[i];
            im[i] = im[j];
            im[j] = t;
        }
    }
    for (uint32_t len = 2; len <= POINTS; len <<= 1) {
        uint32_t half = len / 2, stride = POINTS / len;
        for (uint32_t base = 0; base < POINTS; base += len)
            for (uint32_t k = 0; k < half; k++) {
                double c = wr[k * stride], s = inverse ? -wi[k * stride] : wi[k * stride];
                uint32_t p = base + k, q = p + half;
                double tr = re[q] * c - im[q] * s;
                double ti = re[q] * s + im[q] * c;
                re[q] = re[p] - tr;
                im[q] = im[p] - ti;
                re[p] += tr;
                im[p] += ti;
            }
    }
    if (inverse)
        for (uint32_t i = 0; i < POINTS; i++) {
            re[i] /= POINTS;
            im[i] /= POINTS;
        }
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: fft SIZE (SIZE >= 1)\n");
        return 2;
    }
    static double re[POINTS], im[POINTS], wr[POINTS / 2], wi[POINTS / 2];
    for (int k = 0; k < POINTS / 2; k++)
        sincos_series(-2.0 * PI * k / POINTS, &wi[k], &wr[k]);
    uint32_t s = 7;
    for (int i = 0; i < POINTS; i++) {
        s = s * 1664525u + 1013904223u;
        re[i] = (double)(s >> 8) / (double)(1u << 24) - 0.5;
        im[i] = 0.0;
    }
    double peak = 0, err = 0;
    for (long r = 0; r < size * 12; r++) {
        fft_run(re, im, wr, wi, 0);
        double mag = re[(r * 13) % POINTS] * re[(r * 13) % POINTS] + im[1] * im[1];
        if (mag > peak)
            peak = mag;
        fft_run(re, im, wr, wi, 1);
        /* Perturb one sample so rounds differ. */
        re[r % POINTS] += 1.0 / 1024;
        err += im[(r * 5) % POINTS];
    }
    double total = 0;
    for (int i = 0; i < POINTS; i++)
        total += re[i];
    char line[128];
    snprintf(line, sizeof(line), "sum=%.9e peak=%.9e drift=%.3e", total, peak, err);
    uint64_t sum = 0xcbf29ce484222325ull;
    for (const char *c = line; *c; c++)
        sum = (sum ^ (uint8_t)*c) * 0x100000001b3ull;
    printf("fft size=%ld %s checksum=%016llx\n", size, line, (unsigned long long)sum);
    return 0;
}
