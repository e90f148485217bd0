/* Benchmark: libc string and memory routines (memcpy, memmove, memset, memcmp, strlen,
 * strchr) over blocks of mixed sizes. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ARENA = 256 * 1024, OPS_PER_SIZE = 24000 };

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: memops SIZE (SIZE >= 1)\n");
        return 2;
    }
    char *a = malloc(ARENA), *b = malloc(ARENA);
    if (!a || !b)
        return 1;
    uint32_t s = 31337;
    for (size_t i = 0; i < ARENA; i++) {
        s = s * 1664525u + 1013904223u;
        a[i] = (char)('a' + (s >> 24) % 26);
    }
    memset(b, 'z', ARENA);
    uint64_t sum = 0;
    for (long op = 0; op < size * OPS_PER_SIZE; op++) {
        s = s * 1664525u + 1013904223u;
        /* Lengths from a few bytes to 16 KiB, skewed toward short ones. */
        size_t len = (size_t)1 << ((s >> 4) % 15);
        len += (s >> 20) % len;
        size_t src = (s >> 8) % (ARENA - 2 * len - 1), dst = (s >> 12) % (ARENA - len - 1);
        switch (op % 5) {
        case 0:
            memcpy(b + dst, a + src, len);
            break;
        case 1:
            memmove(a + src + len / 2, a + src, len);
            break;
        case 2:
            memset(b + dst, 'a' + (int)(op % 26), len);
            break;
        case 3:
            sum += (uint64_t)(memcmp(a + src, b + dst, len) > 0);
            break;
        default: {
            char saved = a[src + len];
            a[src + len] = 0;
            sum += strlen(a + src);
            const char *q = strchr(a + src, 'q');
            sum += q ? (uint64_t)(q - (a + src)) : 7;
            a[src + len] = saved;
            break;
        }
        }
        sum = sum * 31 + (uint8_t)b[(op * 4099) % ARENA];
    }
    for (size_t i = 0; i < ARENA; i += 64)
        sum = sum * 131 + (uint8_t)a[i] + (uint8_t)b[i];
    printf("memops size=%ld checksum=%016llx\n", size, (unsigned long long)sum);
    free(a);
    free(b);
    return 0;
}
