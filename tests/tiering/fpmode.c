/* Tiering test guest: one FP loop run under round-to-nearest, then toward zero, then to
 * nearest again (fesetround). Compiled regions assume the default mode and must decline
 * under the other one (RT_JUMP_DETAIL_FP_MODE) without changing what the guest computes.
 * Usage: fpmode N; prints the three sums' bits and whether the rounding changed them. */
#include <fenv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double __attribute__((noipa)) work(long n, double x)
{
    double s = 0;
    for (long i = 0; i < n; i++) {
        s += x * 1.0000001;
        x = x * 0.9999999 + 1e-9;
    }
    return s;
}

static unsigned long long bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, sizeof u);
    return (unsigned long long)u;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    volatile double third = 1.0 / 3.0;
    double a = work(n, third);
    if (fesetround(FE_TOWARDZERO) != 0)
        return 2;
    double b = work(n, third);
    fesetround(FE_TONEAREST);
    double c = work(n, third);
    printf("nearest %016llx towardzero %016llx nearest %016llx rounding-changed %d same-again %d\n",
           bits(a), bits(b), bits(c), a != b, a == c);
    return 0;
}
