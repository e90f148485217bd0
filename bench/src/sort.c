/* Benchmark: quicksort and top-down mergesort of pseudo-random 32-bit keys. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { KEYS = 16384, INSERTION_CUTOFF = 16 };

static void sort_insertion(uint32_t *a, long lo, long hi)
{
    for (long i = lo + 1; i <= hi; i++) {
        uint32_t v = a[i];
        long j = i - 1;
        while (j >= lo && a[j] > v) {
            a[j + 1] = a[j];
            j--;
        }
        a[j + 1] = v;
    }
}

static void swap_keys(uint32_t *a, long i, long j)
{
    uint32_t t = a[i];
    a[i] = a[j];
    a[j] = t;
}

/* Hoare partition around a median of three; recurses into the smaller side only. */
static void sort_quick(uint32_t *a, long lo, long hi)
{
    while (hi - lo > INSERTION_CUTOFF) {
        long mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            swap_keys(a, mid, lo);
        if (a[hi] < a[lo])
            swap_keys(a, hi, lo);
        if (a[hi] < a[mid])
            swap_keys(a, hi, mid);
        uint32_t pivot = a[mid];
        long i = lo - 1, j = hi + 1;
        for (;;) {
            do
                i++;
            while (a[i] < pivot);
            do
                j--;
            while (a[j] > pivot);
            if (i >= j)
                break;
            swap_keys(a, i, j);
        }
        if (j - lo < hi - j) {
            sort_quick(a, lo, j);
            lo = j + 1;
        } else {
            sort_quick(a, j + 1, hi);
            hi = j;
        }
    }
    sort_insertion(a, lo, hi);
}

static void sort_merge(uint32_t *a, uint32_t *tmp, long lo, long hi)
{
    if (hi - lo <= INSERTION_CUTOFF) {
        sort_insertion(a, lo, hi);
        return;
    }
    long mid = lo + (hi - lo) / 2;
    sort_merge(a, tmp, lo, mid);
    sort_merge(a, tmp, mid + 1, hi);
    long i = lo, j = mid + 1, k = lo;
    while (i <= mid && j <= hi)
        tmp[k++] = a[j] < a[i] ? a[j++] : a[i++];
    while (i <= mid)
        tmp[k++] = a[i++];
    while (j <= hi)
        tmp[k++] = a[j++];
    memcpy(a + lo, tmp + lo, (size_t)(hi - lo + 1) * sizeof(*a));
}

static uint64_t fold_sorted(const uint32_t *a, long n, int *ok)
{
    uint64_t h = 0;
    for (long i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i])
            *ok = 0;
        h = (h ^ a[i]) * 0x100000001b3ull;
    }
    return h;
}

int main(int argc, char **argv)
{
    long size = argc > 1 ? strtol(argv[1], NULL, 10) : 100;
    if (size < 1) {
        fprintf(stderr, "usage: sort SIZE (SIZE >= 1)\n");
        return 2;
    }
    uint32_t *orig = malloc(KEYS * sizeof(uint32_t));
    uint32_t *work = malloc(KEYS * sizeof(uint32_t));
    uint32_t *tmp = malloc(KEYS * sizeof(uint32_t));
    if (!orig || !work || !tmp)
        return 1;
    uint64_t s = 88172645463325252ull, sum = 0;
    int ok = 1;
    for (long round = 0; round < size; round++) {
        /* Every fourth round has many duplicate keys, which stresses the partition. */
        uint32_t mask = (round % 4 == 3) ? 0xffu : 0xffffffffu;
        for (long i = 0; i < KEYS; i++) {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            orig[i] = (uint32_t)(s >> 11) & mask;
        }
        memcpy(work, orig, sizeof(uint32_t) * KEYS);
        sort_quick(work, 0, KEYS - 1);
        uint64_t q = fold_sorted(work, KEYS, &ok);
        memcpy(work, orig, sizeof(uint32_t) * KEYS);
        sort_merge(work, tmp, 0, KEYS - 1);
        uint64_t m = fold_sorted(work, KEYS, &ok);
        if (q != m)
            ok = 0;
        sum = sum * 1099511628211ull + q;
    }
    if (!ok) {
        printf("sort size=%ld NOT SORTED\n", size);
        return 1;
    }
    printf("sort size=%ld checksum=%016llx\n", size, (unsigned long long)sum);
    free(orig);
    free(work);
    free(tmp);
    return 0;
}
