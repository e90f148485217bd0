/* Guest test: float and double arithmetic, fma, sqrt, min/max, conversions incl. NaN/saturation. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "guest_util.h"

static const double dvals[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 3.0, 1.0 / 3.0, 2.5, -2.5, 1e300, -1e-300, 4.9406564584124654e-324,
    DBL_MAX, DBL_MIN, 123456789.125, -7.75, INFINITY, -INFINITY, NAN, 9007199254740993.0,
};
#define NDVALS (sizeof(dvals) / sizeof(dvals[0]))

static void print_d(const char *what, double d)
{
    printf(" %s=%a[%016llx]", what, d, (unsigned long long)guest_bits_f64(d));
}

static void print_f(const char *what, float f)
{
    printf(" %s=%a[%08x]", what, (double)f, guest_bits_f32(f));
}

int main(void)
{
    GuestChecks c = {0};
    for (size_t i = 0; i < NDVALS; i++) {
        for (size_t j = 0; j < NDVALS; j += 3) {
            volatile double va = dvals[i], vb = dvals[j], vc = dvals[(i + j) % NDVALS];
            double a = va, b = vb, cc = vc;
            printf("d %zu,%zu:", i, j);
            print_d("add", a + b);
            print_d("sub", a - b);
            print_d("mul", a * b);
            print_d("div", a / b);
            print_d("fma", fma(a, b, cc));
            print_d("min", fmin(a, b));
            print_d("max", fmax(a, b));
            printf(" lt=%d le=%d eq=%d un=%d\n", a < b, a <= b, a == b, isunordered(a, b));
            float fa = (float)a, fb = (float)b, fc = (float)cc;
            printf("f %zu,%zu:", i, j);
            print_f("add", fa + fb);
            print_f("sub", fa - fb);
            print_f("mul", fa * fb);
            print_f("div", fa / fb);
            print_f("fma", fmaf(fa, fb, fc));
            print_f("min", fminf(fa, fb));
            print_f("max", fmaxf(fa, fb));
            printf(" lt=%d eq=%d\n", fa < fb, fa == fb);
        }
        volatile double vx = dvals[i];
        double x = vx;
        printf("u %zu:", i);
        print_d("sqrt", sqrt(x));
        print_f("sqrtf", sqrtf((float)x));
        print_d("abs", fabs(x));
        print_d("neg", -x);
        print_d("copysign", copysign(2.0, x));
        print_f("tof", (float)x);
        print_d("rint", rint(x));
        print_d("floor", floor(x));
        print_d("ceil", ceil(x));
        print_d("trunc", trunc(x));
        print_d("round", round(x));
        /* llrint/lrint are defined for every input (unspecified value + FE_INVALID when out
           of range), so they exercise the hardware's NaN and saturation results. */
        feclearexcept(FE_ALL_EXCEPT);
        long long ll = llrint(x);
        int inv = fetestexcept(FE_INVALID) != 0;
        long lf = lrintf((float)x);
        printf(" llrint=%lld(inv=%d) lrintf=%ld class=%d signbit=%d\n", ll, inv, lf,
               fpclassify(x), signbit(x) != 0);
    }
    /* Integer to FP conversions that must round. */
    static const int64_t ints[] = {0, 1, -1, 16777217, -16777217, 9007199254740993LL,
                                   INT64_MAX, INT64_MIN, 0x7fffffff, -0x80000000LL};
    for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
        volatile int64_t v = ints[i];
        printf("i2f %lld:", (long long)v);
        print_d("d", (double)v);
        print_f("f", (float)v);
        print_d("ud", (double)(uint64_t)v);
        print_f("uf", (float)(uint64_t)v);
        print_d("wd", (double)(int32_t)v);
        print_f("uwf", (float)(uint32_t)v);
        printf("\n");
    }
    /* In-range FP to integer conversions truncate toward zero. */
    volatile double m = -2.75, p = 2.75, big = 4294967295.5;
    guest_check_u64(&c, "(long)-2.75", (uint64_t)(long)m, (uint64_t)-2);
    guest_check_u64(&c, "(unsigned)2.75", (unsigned)p, 2);
    guest_check_u64(&c, "(uint32_t)4294967295.5", (uint32_t)big, 0xffffffff);
    guest_check_u64(&c, "fma exact", guest_bits_f64(fma((volatile double){0x1.0000001p0}, 0x1.0000001p0, -1.0)),
                    0x3e40000000800000ULL); /* 2^-27 + 2^-56, unrounded */
    guest_check_u64(&c, "sqrt 2", guest_bits_f64(sqrt((volatile double){2.0})),
                    0x3ff6a09e667f3bcdULL);
    guest_check_u64(&c, "fmin(-0,+0)", guest_bits_f64(fmin((volatile double){-0.0}, 0.0)),
                    0x8000000000000000ULL);
    return guest_checks_exit(&c);
}
