/* Guest test: printf/scanf/strtod of floating-point numbers in many formats. */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "guest_util.h"

static const double values[] = {
    0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.0 / 3.0, 123456.789, 1e21, 1e-7, 6.02214076e23,
    DBL_MAX, DBL_MIN, 4.9406564584124654e-324, 0.5, 2.5, 1e100, 9.999999999999999e22,
    INFINITY, -INFINITY, NAN,
};
static const char *const formats[] = {
    "%f", "%e", "%g", "%a", "%.0f", "%.17g", "%.3e", "%10.3f", "%-12.4g|", "%+e", "% f",
    "%#g", "%#.0f", "%G", "%E", "%A", "%.30f", "%08.2f",
};
static const char *const strings[] = {
    "0", "-0", "1", "  42.5xyz", "0.1", "1e10", "1E-5", "-.5", "+3.", "0x1.8p3", "0X1P-1074",
    "1e400", "-1e400", "1e-400", "2.2250738585072011e-308", "4.9e-324", "inf", "-Infinity",
    "nan", "NAN(123)", "abc", "", "1.7976931348623157e308", "1.7976931348623159e308",
    "0.1000000000000000055511151231257827", "123456789012345678901234567890", "1e+",
    "9007199254740993", "3.14159265358979323846264338327950288",
};

int main(void)
{
    char buf[512];
    for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
        volatile double v = values[i];
        printf("value %zu:", i);
        for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
            snprintf(buf, sizeof buf, formats[f], v);
            printf(" [%s]", buf);
        }
        printf(" float:[%.9g][%a]\n", (double)(float)v, (double)(float)v);
        printf("  long double: [%Lg] [%.25Le]\n", (long double)v, (long double)v);
    }
    printf("width/precision from args: [%*.*f] [%-*.*e]\n", 12, 3, 3.14159, 14, 2, -2.71828);
    for (size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++) {
        char *end;
        errno = 0;
        double d = strtod(strings[i], &end);
        int err = errno;
        errno = 0;
        float f = strtof(strings[i], NULL);
        int errf = errno;
        long double ld = strtold(strings[i], NULL);
        printf("strtod(\"%s\") = %a [%016llx] consumed %d erange %d; strtof = %a erange %d;"
               " strtold = %La\n",
               strings[i], d, (unsigned long long)guest_bits_f64(d), (int)(end - strings[i]),
               err == ERANGE, (double)f, errf == ERANGE, ld);
    }
    const char *inputs = "3.25 -1e3 0x10p-2 nan inf 7 2.5e-3";
    double a, b, c;
    float d;
    char word[16];
    int n, consumed;
    n = sscanf(inputs, "%lf %lf %lf %15s %f %n", &a, &b, &c, word, &d, &consumed);
    printf("sscanf: %d items: %g %g %g %s %g, consumed %d\n", n, a, b, c, word, (double)d,
           consumed);
    n = sscanf("1.5,2.5;x", "%lf,%lf;%lf", &a, &b, &c);
    printf("sscanf partial: %d items: %g %g\n", n, a, b);
    n = sscanf("12.75e1", "%4lf%lf", &a, &b);
    printf("sscanf widths: %d items: %g %g\n", n, a, b);
    printf("atof: %g %g\n", atof("2.5e2"), atof("-0x1p4"));
    return 0;
}
