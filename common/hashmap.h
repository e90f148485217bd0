/* U64Map: open-addressing hash map from 64-bit keys (guest pcs) to pointers. */
#ifndef FVP_COMMON_HASHMAP_H
#define FVP_COMMON_HASHMAP_H

#include <stddef.h>
#include <stdint.h>

/* Not thread-safe; callers lock. Key UINT64_MAX is reserved (empty slot marker). */
typedef struct U64Map {
    uint64_t *keys;
    void **values;
    size_t cap; /* power of two */
    size_t count;
    size_t tombstones;
} U64Map;

void u64map_init(U64Map *m);
void u64map_free(U64Map *m);
void *u64map_get(const U64Map *m, uint64_t key);
/* Inserts or replaces; returns the previous value or NULL. */
void *u64map_put(U64Map *m, uint64_t key, void *value);
/* Removes; returns the removed value or NULL. */
void *u64map_remove(U64Map *m, uint64_t key);
/* Iteration: for (size_t i = 0; u64map_next(m, &i, &k, &v);) */
int u64map_next(const U64Map *m, size_t *iter, uint64_t *key, void **value);

#endif
