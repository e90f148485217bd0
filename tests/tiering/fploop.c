/* An FP loop whose body also has integer-only blocks (tiering/baseline): those reach the
 * baseline compiler's threshold first, but their region holds FP code, so the loop must
 * still go to LLVM at the hot threshold. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    double x = 1.0;
    unsigned h = 1, k = 0;
    for (long i = 0; i < n; i++) {
        h = h * 1103515245u + 12345u;
        if (h & 0x10000)
            x = x * 1.0000001 + 0.5;
        if (h & 0x20000)
            h ^= h >> 7;
        if (h & 0x40000)
            k += h >> 3;
        if (x > 1e6)
            x *= 1e-6;
    }
    printf("x=%.6f h=%u k=%u\n", x, h, k);
    return 0;
}
