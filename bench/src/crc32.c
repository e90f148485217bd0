/* Benchmark: CRC-32 (IEEE, reflected) by table lookup and bit by bit over a mutating buffer. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum { BUF_BYTES = 32 * 1024, PASSES_PER_SIZE = 16, BITWISE_BYTES = 1024 };

static void crc32_make_table(uint32_t table[256])
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
}

static uint32_t crc32_table_update(const uint32_t table[256], uint32_t crc, const uint8_t *p,
                                   size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++)
        crc = table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

static uint32_t crc32_bitwise_update(uint32_t crc, const uint8_t *p, size_t n)
{
    crc = ~crc;
    for (size_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: crc32 SIZE (SIZE >= 1)\n");
        return 2;
    }
    uint32_t table[256];
    crc32_make_table(table);
    uint8_t *buf = malloc(BUF_BYTES);
    if (!buf)
        return 1;
    uint32_t x = 12345;
    for (size_t i = 0; i < BUF_BYTES; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    /* The check value of the standard: CRC-32 of "123456789" is cbf43926. */
    const uint8_t check[] = "123456789";
    if (crc32_table_update(table, 0, check, 9) != 0xcbf43926u ||
        crc32_bitwise_update(0, check, 9) != 0xcbf43926u) {
        printf("crc32 size=%ld check value wrong\n", size);
        return 1;
    }
    uint64_t sum = 0;
    for (long pass = 0; pass < size * PASSES_PER_SIZE; pass++) {
        uint32_t a = crc32_table_update(table, (uint32_t)pass, buf, BUF_BYTES);
        size_t off = (size_t)(a % (BUF_BYTES - BITWISE_BYTES));
        uint32_t b = crc32_bitwise_update(a, buf + off, BITWISE_BYTES);
        sum = sum * 31 + ((uint64_t)a << 32 | b);
        buf[b % BUF_BYTES] ^= (uint8_t)a;
    }
    printf("crc32 size=%ld checksum=%016llx\n", size, (unsigned long long)sum);
    free(buf);
    return 0;
}
