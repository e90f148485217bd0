/* Guest test: every rounding mode via fesetround, and the exception flags via fetestexcept. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>

#include "guest_util.h"

static const struct {
    int mode;
    const char *name;
} modes[] = {
    {FE_TONEAREST, "nearest"},
    {FE_DOWNWARD, "downward"},
    {FE_UPWARD, "upward"},
    {FE_TOWARDZERO, "towardzero"},
};

static void print_flags(const char *what)
{
    int f = fetestexcept(FE_ALL_EXCEPT);
    printf("  %-14s flags:%s%s%s%s%s%s\n", what, f & FE_INEXACT ? " inexact" : "",
           f & FE_UNDERFLOW ? " underflow" : "", f & FE_OVERFLOW ? " overflow" : "",
           f & FE_DIVBYZERO ? " divbyzero" : "", f & FE_INVALID ? " invalid" : "",
           f ? "" : " none");
}

/* Runs one operation with cleared flags, prints its result bits and the flags it raised. */
#define FLAG_OP(what, type, expr)                                                       \
    do {                                                                                \
        feclearexcept(FE_ALL_EXCEPT);                                                   \
        volatile type r_ = (expr);                                                      \
        printf("  %-14s = %a\n", what, (double)r_);                                     \
        print_flags(what);                                                              \
    } while (0)

int main(void)
{
    GuestChecks c = {0};
    volatile double one = 1.0, three = 3.0, ten = 10.0, zero = 0.0, big = DBL_MAX,
                    tiny = DBL_MIN, two = 2.0, half = 0.5, m = -1.0;
    volatile float onef = 1.0f, threef = 3.0f, bigf = FLT_MAX, tinyf = FLT_MIN;
    static const double to_int[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4, -2.6, 1e10 + 0.5};
    for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
        if (fesetround(modes[i].mode) != 0) {
            printf("fesetround(%s) failed\n", modes[i].name);
            c.failed++;
            continue;
        }
        printf("mode %s: fegetround matches: %d\n", modes[i].name, fegetround() == modes[i].mode);
        printf("  1/3=%a -1/3=%a 1/3f=%a 2/3f=%a\n", one / three, m / three,
               (double)(onef / threef), (double)(-(onef + onef) / threef));
        printf("  sqrt2=%a sqrt3f=%a 1+2^-53=%a 1-2^-54=%a\n", sqrt(two), (double)sqrtf(threef),
               one + 0x1p-53, one - 0x1p-54);
        printf("  fma=%a 10/3*3=%a max*2=%a min/3=%a\n", fma(one / three, three, -one),
               ten / three * three, big * two, tiny / three);
        printf("  (float)1/3=%a (float)max=%a\n", (double)(float)(one / three), (double)(float)big);
        printf("  rint/nearbyint/lrint:");
        for (size_t k = 0; k < sizeof(to_int) / sizeof(to_int[0]); k++) {
            volatile double v = to_int[k];
            printf(" %g->%g/%g/%ld", v, rint(v), nearbyint(v), lrint(v));
        }
        printf("\n");
        FLAG_OP("1/3", double, one / three);
        FLAG_OP("1/0", double, one / zero);
        FLAG_OP("0/0", double, zero / zero);
        FLAG_OP("sqrt(-1)", double, sqrt(m));
        FLAG_OP("max*2", double, big * two);
        FLAG_OP("min*min", double, tiny * tiny);
        FLAG_OP("min/2 exact", double, tiny * half);
        FLAG_OP("3f/1f", float, threef / onef);
        FLAG_OP("maxf*2", float, bigf * 2.0f);
        FLAG_OP("minf/3", float, tinyf / 3.0f);
        FLAG_OP("(float)1/3", float, (float)(one / three));
        FLAG_OP("lrint(1e30)", long, lrint(1e30 * one));
        FLAG_OP("exact add", double, one + two);
    }
    fesetround(FE_TONEAREST);
    /* feraiseexcept / fetestexcept / feclearexcept round trip */
    feclearexcept(FE_ALL_EXCEPT);
    feraiseexcept(FE_OVERFLOW | FE_INEXACT);
    guest_check_u64(&c, "raised overflow|inexact",
                    (uint64_t)(fetestexcept(FE_ALL_EXCEPT) == (FE_OVERFLOW | FE_INEXACT)), 1);
    feclearexcept(FE_INEXACT);
    guest_check_u64(&c, "cleared inexact", (uint64_t)(fetestexcept(FE_ALL_EXCEPT) == FE_OVERFLOW),
                    1);
    fenv_t env;
    fegetenv(&env);
    fesetround(FE_UPWARD);
    feclearexcept(FE_ALL_EXCEPT);
    fesetenv(&env);
    guest_check_u64(&c, "fesetenv restores flags",
                    (uint64_t)(fetestexcept(FE_ALL_EXCEPT) == FE_OVERFLOW), 1);
    guest_check_u64(&c, "fesetenv restores mode", (uint64_t)(fegetround() == FE_TONEAREST), 1);
    volatile double tie = 2.5;
    fesetround(FE_UPWARD);
    guest_check_u64(&c, "upward 1/3 > nearest", (uint64_t)(one / three > 0x1.5555555555555p-2), 1);
    fesetround(FE_TONEAREST);
    guest_check_u64(&c, "nearest rint(2.5)", (uint64_t)rint(tie), 2);
    return guest_checks_exit(&c);
}
