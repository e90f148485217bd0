/* Guest test: memcpy/memmove/memset/strlen/strcmp/strchr/strstr at many alignments, qsort, bsearch. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guest_util.h"

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    GuestChecks c = {0};
    static unsigned char src[4096], dst[4096];
    uint64_t rng = 99;
    for (size_t i = 0; i < sizeof src; i++)
        src[i] = (unsigned char)guest_rand_next(&rng);
    uint64_t h = GUEST_HASH_INIT;
    for (size_t so = 0; so < 16; so++) {
        for (size_t doff = 0; doff < 16; doff++) {
            for (size_t len = 0; len < 300; len += 1 + len / 8) {
                memset(dst, 0xa5, 512);
                memcpy(dst + doff, src + so, len);
                h = guest_hash_bytes(h, dst, 512);
            }
        }
    }
    printf("memcpy alignment sweep hash 0x%016llx\n", (unsigned long long)h);
    h = GUEST_HASH_INIT;
    for (size_t shift = 0; shift < 40; shift++) {
        memcpy(dst, src, 1024);
        memmove(dst + shift, dst, 900);
        memmove(dst, dst + 2 * shift + 1, 700);
        h = guest_hash_bytes(h, dst, 1024);
    }
    printf("memmove overlap hash 0x%016llx\n", (unsigned long long)h);
    h = GUEST_HASH_INIT;
    for (size_t off = 0; off < 16; off++) {
        for (size_t len = 0; len < 200; len += 3) {
            memset(dst, 0, 256);
            memset(dst + off, (int)(len + off), len);
            h = guest_hash_bytes(h, dst, 256);
        }
    }
    printf("memset hash 0x%016llx\n", (unsigned long long)h);

    char text[600];
    long lens = 0, cmps = 0;
    for (size_t off = 0; off < 16; off++) {
        for (size_t len = 0; len < 300; len += 7) {
            memset(text, 'x', sizeof text);
            text[off + len] = 0;
            lens += (long)strlen(text + off);
            char other[600];
            memcpy(other, text + off, len + 1);
            if (len)
                other[len / 2] = 'y';
            int r = strcmp(text + off, other);
            cmps += r < 0 ? -1 : r > 0 ? 1 : 0;
            cmps += strncmp(text + off, other, len / 2) == 0;
        }
    }
    printf("strlen total %ld, strcmp signature %ld\n", lens, cmps);
    const char *hay = "the quick brown fox jumps over the lazy dog; the end";
    printf("strchr o at %ld, strrchr o at %ld, strstr 'the' at %ld/%ld, strstr missing %s\n",
           (long)(strchr(hay, 'o') - hay), (long)(strrchr(hay, 'o') - hay),
           (long)(strstr(hay, "the") - hay), (long)(strstr(hay + 1, "the") - hay),
           strstr(hay, "cat") ? "found" : "NULL");
    printf("strspn %zu strcspn %zu memchr %ld memcmp sign %d\n", strspn(hay, "the qu"),
           strcspn(hay, ";"), (long)((const char *)memchr(hay, 'z', strlen(hay)) - hay),
           memcmp("abcx", "abcy", 4) < 0 ? -1 : 1);
    char copy[64];
    strcpy(copy, "head");
    strcat(copy, "-tail");
    strncat(copy, "XYZ", sizeof copy - strlen(copy) - 1);
    printf("strcpy/strcat: %s (%zu)\n", copy, strlen(copy));
    char *dup = strdup(hay);
    char *save = NULL;
    int words = 0;
    for (char *w = strtok_r(dup, " ;", &save); w; w = strtok_r(NULL, " ;", &save))
        words++;
    free(dup);
    printf("strtok words: %d\n", words);

    enum { N = 20000 };
    uint32_t *nums = malloc(N * sizeof *nums);
    if (!nums)
        return 3;
    for (int i = 0; i < N; i++)
        nums[i] = (uint32_t)guest_rand_next(&rng) % 100000;
    qsort(nums, N, sizeof *nums, cmp_u32);
    int sorted = 1;
    for (int i = 1; i < N; i++)
        sorted &= nums[i - 1] <= nums[i];
    guest_check_u64(&c, "qsort sorted", (uint64_t)sorted, 1);
    printf("qsort: min %u median %u max %u hash 0x%016llx\n", nums[0], nums[N / 2], nums[N - 1],
           (unsigned long long)guest_hash_bytes(GUEST_HASH_INIT, nums, N * sizeof *nums));
    uint32_t key = nums[1234];
    uint32_t *found = bsearch(&key, nums, N, sizeof *nums, cmp_u32);
    guest_check_u64(&c, "bsearch finds", (uint64_t)(found && *found == key), 1);
    free(nums);
    const char *names[] = {"pear", "apple", "fig", "banana", "cherry", "apple pie", "Apple", ""};
    qsort(names, sizeof names / sizeof names[0], sizeof names[0], cmp_str);
    printf("sorted strings:");
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        printf(" [%s]", names[i]);
    printf("\n");
    return guest_checks_exit(&c);
}
