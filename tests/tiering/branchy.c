/* Guest program for the tiering tests: a hot loop whose body is several blocks (if/else), so region formation has something to join. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) unsigned long branchy(unsigned long n)
{
    unsigned long x = 1, odd = 0, even = 0;
    for (unsigned long i = 0; i < n; i++) {
        if ((x >> 7) & 1) {
            x = x * 6364136223846793005ul + i;
            odd++;
        } else {
            x ^= x >> 13;
            x += 0x9e3779b97f4a7c15ul;
            even++;
        }
    }
    return x ^ (odd << 32) ^ even;
}

int main(int argc, char **argv)
{
    unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 300000;
    printf("branchy(%lu) = %lu\n", n, branchy(n));
    return 0;
}
