/* Guest program for the tiering tests: a loop nest whose inner loop is one block, hot long
 * before the outer loop's latch (the block after it) reaches any threshold. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) unsigned long nest(unsigned long outer, unsigned long inner)
{
    unsigned long x = 1, acc = 0;
    for (unsigned long o = 0; o < outer; o++) {
        for (unsigned long i = 0; i < inner; i++)
            x = x * 6364136223846793005ul + i;
        acc ^= x + o;
    }
    return acc;
}

int main(int argc, char **argv)
{
    unsigned long outer = argc > 1 ? strtoul(argv[1], NULL, 0) : 400;
    unsigned long inner = argc > 2 ? strtoul(argv[2], NULL, 0) : 100000;
    printf("nest(%lu, %lu) = %lu\n", outer, inner, nest(outer, inner));
    return 0;
}
