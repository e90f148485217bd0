/* Guest program for the introspection tests: almost all of its time is in hot_spin. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) unsigned long hot_spin(unsigned long n)
{
    unsigned long x = 1;
    for (unsigned long i = 0; i < n; i++)
        x = x * 6364136223846793005ul + (i ^ (x >> 29));
    return x;
}

int main(int argc, char **argv)
{
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 2000000;
    printf("hot_spin(%lu) = %lu\n", n, hot_spin(n));
    return 0;
}
