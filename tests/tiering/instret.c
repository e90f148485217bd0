/* Guest program for tiering/counts: reads instret around a hot loop. Compiled code does
 * not count instructions unless asked; the first rdinstret must turn counting on, so the
 * loop (at least 4 instructions an iteration) shows up in the difference. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000, before, after, x = 1;
    __asm__ volatile("rdinstret %0" : "=r"(before));
    for (unsigned long i = 0; i < n; i++) {
        x = x * 3 + (i ^ (x >> 7));
        __asm__ volatile("" : "+r"(x));
    }
    __asm__ volatile("rdinstret %0" : "=r"(after));
    printf("x=%lu %s\n", x, after - before >= 4 * n ? "counted" : "missed");
    if (after - before < 4 * n)
        fprintf(stderr, "instret advanced by %lu over %lu iterations\n", after - before, n);
    return 0;
}
