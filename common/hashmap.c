/* U64Map: open-addressing hash map from 64-bit keys to pointers (linear probing). */
#include "common/hashmap.h"
#include "common/common.h"

#include <string.h>

#define EMPTY UINT64_MAX
static char tombstone_marker;
#define TOMBSTONE ((void *)&tombstone_marker)

static size_t hash_key(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    return (size_t)k;
}

void u64map_init(U64Map *m)
{
    memset(m, 0, sizeof(*m));
}

void u64map_free(U64Map *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof(*m));
}

static void rehash(U64Map *m, size_t ncap)
{
    uint64_t *okeys = m->keys;
    void **ovalues = m->values;
    size_t ocap = m->cap;
    m->keys = fvp_xmalloc(ncap * sizeof(*m->keys));
    m->values = fvp_xcalloc(ncap, sizeof(*m->values));
    memset(m->keys, 0xff, ncap * sizeof(*m->keys));
    m->cap = ncap;
    m->count = 0;
    m->tombstones = 0;
    for (size_t i = 0; i < ocap; i++)
        if (okeys[i] != EMPTY && ovalues[i] != TOMBSTONE)
            u64map_put(m, okeys[i], ovalues[i]);
    free(okeys);
    free(ovalues);
}

void *u64map_get(const U64Map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == EMPTY)
            return NULL;
        if (m->keys[i] == key)
            return m->values[i] == TOMBSTONE ? NULL : m->values[i];
    }
}

void *u64map_put(U64Map *m, uint64_t key, void *value)
{
    fvp_assert(key != EMPTY);
    if ((m->count + m->tombstones + 1) * 4 >= m->cap * 3)
        rehash(m, m->cap ? (m->count * 2 >= m->cap ? m->cap * 2 : m->cap) : 64);
    size_t mask = m->cap - 1;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == EMPTY) {
            m->keys[i] = key;
            m->values[i] = value;
            m->count++;
            return NULL;
        }
        if (m->keys[i] == key) {
            void *old = m->values[i];
            m->values[i] = value;
            if (old == TOMBSTONE) {
                m->tombstones--;
                m->count++;
                return NULL;
            }
            return old;
        }
    }
}

void *u64map_remove(U64Map *m, uint64_t key)
{
    if (!m->cap)
        return NULL;
    size_t mask = m->cap - 1;
    for (size_t i = hash_key(key) & mask;; i = (i + 1) & mask) {
        if (m->keys[i] == EMPTY)
            return NULL;
        if (m->keys[i] == key) {
            void *old = m->values[i];
            if (old == TOMBSTONE)
                return NULL;
            m->values[i] = TOMBSTONE;
            m->count--;
            m->tombstones++;
            return old;
        }
    }
}

int u64map_next(const U64Map *m, size_t *iter, uint64_t *key, void **value)
{
    for (size_t i = *iter; i < m->cap; i++) {
        if (m->keys[i] != EMPTY && m->values[i] != TOMBSTONE) {
            *key = m->keys[i];
            *value = m->values[i];
            *iter = i + 1;
            return 1;
        }
    }
    return 0;
}
