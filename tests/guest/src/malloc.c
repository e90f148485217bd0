/* Guest test: heavy malloc/free/realloc/calloc (small and mmap-sized) and a chained hash table. */
#include <stdint.h>
#include <stdlib.h>

#include "guest_util.h"

typedef struct Entry {
    struct Entry *next;
    uint64_t key;
    size_t len;
    char *value; /* owned by the entry */
} Entry;

typedef struct Table {
    Entry **buckets; /* owned */
    size_t nbuckets;
    size_t count;
} Table;

static int table_grow(Table *t)
{
    size_t n = t->nbuckets ? t->nbuckets * 2 : 8;
    Entry **b = calloc(n, sizeof *b);
    if (!b)
        return -1;
    for (size_t i = 0; i < t->nbuckets; i++) {
        for (Entry *e = t->buckets[i], *next; e; e = next) {
            next = e->next;
            size_t h = (size_t)(e->key * 0x9e3779b97f4a7c15ULL >> 7) & (n - 1);
            e->next = b[h];
            b[h] = e;
        }
    }
    free(t->buckets);
    t->buckets = b;
    t->nbuckets = n;
    return 0;
}

static Entry **table_find(Table *t, uint64_t key)
{
    size_t h = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 7) & (t->nbuckets - 1);
    Entry **p = &t->buckets[h];
    while (*p && (*p)->key != key)
        p = &(*p)->next;
    return p;
}

/* Inserts or replaces key's value with len bytes derived from key; 0 on success. */
static int table_put(Table *t, uint64_t key, size_t len)
{
    if (t->count * 4 >= t->nbuckets * 3 && table_grow(t))
        return -1;
    Entry **p = table_find(t, key);
    Entry *e = *p;
    if (!e) {
        e = malloc(sizeof *e);
        if (!e)
            return -1;
        e->next = NULL;
        e->key = key;
        e->value = NULL;
        *p = e;
        t->count++;
    }
    char *v = realloc(e->value, len);
    if (!v)
        return -1;
    for (size_t i = 0; i < len; i++)
        v[i] = (char)(key + i);
    e->value = v;
    e->len = len;
    return 0;
}

static void table_remove(Table *t, uint64_t key)
{
    Entry **p = table_find(t, key);
    Entry *e = *p;
    if (!e)
        return;
    *p = e->next;
    free(e->value);
    free(e);
    t->count--;
}

int main(void)
{
    GuestChecks c = {0};
    Table t = {0};
    uint64_t rng = 12345;
    if (table_grow(&t))
        return 3;
    for (int round = 0; round < 20000; round++) {
        uint64_t r = guest_rand_next(&rng);
        uint64_t key = r % 4096;
        if ((r >> 20) % 4 == 0)
            table_remove(&t, key);
        else if (table_put(&t, key, (size_t)((r >> 32) % 300) + 1))
            return 3;
    }
    uint64_t h = GUEST_HASH_INIT;
    size_t bytes = 0;
    for (uint64_t key = 0; key < 4096; key++) {
        Entry *e = *table_find(&t, key);
        if (e) {
            h = guest_hash_bytes(h, &key, sizeof key);
            h = guest_hash_bytes(h, e->value, e->len);
            bytes += e->len;
        }
    }
    printf("table: %zu entries, %zu buckets, %zu value bytes, hash 0x%016llx\n", t.count,
           t.nbuckets, bytes, (unsigned long long)h);
    for (uint64_t key = 0; key < 4096; key++)
        table_remove(&t, key);
    guest_check_u64(&c, "table empty after removing all", t.count, 0);
    free(t.buckets);

    /* Large blocks (glibc serves these with mmap) and a growing realloc chain. */
    uint64_t big_hash = GUEST_HASH_INIT;
    for (int i = 1; i <= 12; i++) {
        size_t n = (size_t)i * 300000;
        unsigned char *p = malloc(n);
        if (!p)
            return 3;
        for (size_t k = 0; k < n; k += 4096)
            p[k] = (unsigned char)(k / 4096 + i);
        p[n - 1] = (unsigned char)i;
        big_hash = guest_hash_bytes(big_hash, &p[n - 1], 1);
        big_hash = guest_hash_bytes(big_hash, &p[(n / 2) & ~(size_t)4095], 1);
        free(p);
    }
    printf("large blocks hash 0x%016llx\n", (unsigned long long)big_hash);
    char *grow = NULL;
    size_t len = 0;
    for (int i = 0; i < 2000; i++) {
        char *g = realloc(grow, len + 997);
        if (!g)
            return 3;
        grow = g;
        for (size_t k = 0; k < 997; k++)
            grow[len + k] = (char)(i ^ (int)k);
        len += 997;
    }
    uint64_t gh = guest_hash_bytes(GUEST_HASH_INIT, grow, len);
    printf("realloc chain: %zu bytes hash 0x%016llx\n", len, (unsigned long long)gh);
    free(grow);
    int *zeros = calloc(100000, sizeof *zeros);
    long sum = 0;
    for (int i = 0; zeros && i < 100000; i++)
        sum += zeros[i];
    guest_check_u64(&c, "calloc zeroed", (uint64_t)(zeros ? sum : -1), 0);
    free(zeros);
    /* Many small live objects, freed in a scrambled order. */
    enum { NPTR = 50000 };
    void **ptrs = malloc(NPTR * sizeof *ptrs);
    if (!ptrs)
        return 3;
    for (int i = 0; i < NPTR; i++) {
        ptrs[i] = malloc((size_t)(i % 64) + 1);
        if (!ptrs[i])
            return 3;
        memset(ptrs[i], i, (size_t)(i % 64) + 1);
    }
    long bad = 0;
    for (int i = 0; i < NPTR; i++) {
        int k = (int)(((uint64_t)i * 7919) % NPTR);
        if (((unsigned char *)ptrs[k])[i % 64 % ((k % 64) + 1)] != (unsigned char)k)
            bad++;
        free(ptrs[k]);
    }
    free(ptrs);
    guest_check_u64(&c, "small objects intact", (uint64_t)bad, 0);
    return guest_checks_exit(&c);
}
