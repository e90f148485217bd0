/* Guest test: reads all of stdin (fed by the harness): counts, numbers, lines reversed. */
#include <ctype.h>
#include <stdlib.h>
#include <unistd.h>

#include "guest_util.h"

int main(void)
{
    /* First a few raw read(2)s, then the rest through stdio. */
    char head[16];
    ssize_t n = read(0, head, sizeof head);
    if (n < 0) {
        printf("read failed\n");
        return 1;
    }
    printf("first read: %zd bytes: [%.*s]\n", n, (int)n, head);
    size_t cap = 1 << 12, len = (size_t)n;
    char *all = malloc(cap);
    if (!all)
        return 3;
    memcpy(all, head, (size_t)n);
    int ch;
    while ((ch = getchar()) != EOF) {
        if (len + 1 >= cap) {
            char *bigger = realloc(all, cap *= 2);
            if (!bigger)
                return 3;
            all = bigger;
        }
        all[len++] = (char)ch;
    }
    all[len] = 0;
    long lines = 0, words = 0, sum = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        if (all[i] == '\n')
            lines++;
        if (isspace((unsigned char)all[i]))
            in_word = 0;
        else if (!in_word) {
            in_word = 1;
            words++;
            char *end;
            long v = strtol(all + i, &end, 10);
            if (end != all + i && (isspace((unsigned char)*end) || !*end))
                sum += v;
        }
    }
    printf("bytes %zu lines %ld words %ld sum of numbers %ld\n", len, lines, words, sum);
    /* Lines in reverse order, each reversed. */
    size_t end = len;
    while (end > 0) {
        size_t start = end - 1;
        while (start > 0 && all[start - 1] != '\n')
            start--;
        size_t stop = end;
        if (stop > start && all[stop - 1] == '\n')
            stop--;
        putchar('<');
        for (size_t i = stop; i > start; i--)
            putchar(all[i - 1]);
        printf(">\n");
        end = start;
    }
    printf("hash 0x%016llx\n", (unsigned long long)guest_hash_bytes(GUEST_HASH_INIT, all, len));
    free(all);
    char extra;
    printf("read at EOF returns %zd\n", read(0, &extra, 1));
    return 0;
}
