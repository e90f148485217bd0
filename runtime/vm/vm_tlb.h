/* The system VM's soft TLB: O(1) set-associative lookup, LRU within a set. */
#ifndef FVP_RUNTIME_VM_VM_TLB_H
#define FVP_RUNTIME_VM_VM_TLB_H

#include <stdint.h>

#include "common/error.h"
#include "runtime/cpu.h"

/*
 * One array per access kind (read, write, fetch), each nsets x ways entries:
 *
 *   set = (vaddr >> 12) & set_mask
 *   +----------------------+----------------------+-----+
 *   | way 0 (most recent)  | way 1                | ... |  way ways-1 is evicted first
 *   | tag = vaddr page     | addend = host - guest|     |
 *   +----------------------+----------------------+-----+
 *
 * A hit in way 0 is one compare (page tag, and the access staying inside the page) and
 * one add. A hit in another way moves the entry to the front (LRU order is the position);
 * a miss walks the page tables out of line and inserts at the front. Entries never map
 * device pages (MMIO always takes the slow path).
 */
#define VM_PAGE_SIZE 4096ull
#define VM_PAGE_MASK (~(VM_PAGE_SIZE - 1))
#define VM_TLB_EMPTY 1ull /* not page aligned: never equals a tag */

typedef struct RtTlbEntry {
    uint64_t tag;    /* guest virtual page address, or VM_TLB_EMPTY */
    uint64_t addend; /* host address - guest virtual address */
} RtTlbEntry;

struct VmHart;

typedef struct RtTlb {
    RtTlbEntry *arr[3]; /* per RtAccess: nsets * ways entries (owned) */
    uint64_t set_mask;  /* nsets - 1 */
    unsigned ways;
    unsigned priv;        /* privilege whose translations this TLB holds */
    struct VmHart *hart;  /* owner (borrowed), for the miss path */
    uint64_t misses;
} RtTlb;

/* entries per access kind (power of two, >= ways); ways a power of two. */
FvpError *vm_tlb_init(RtTlb *t, unsigned entries, unsigned ways);
void vm_tlb_fini(RtTlb *t);
void vm_tlb_flush(RtTlb *t);
/* Slow part of a lookup: other ways of the set (moved to the front on a hit). */
void *vm_tlb_lookup_ways(RtTlb *t, RtTlbEntry *set, uint64_t addr, uint64_t size);
/* Inserts a translation of the page of vaddr to host_page at the front of its set. */
void vm_tlb_insert(RtTlb *t, RtAccess access, uint64_t vaddr, uint8_t *host_page);

/* Host pointer on a hit, NULL on a miss. */
static inline void *vm_tlb_lookup(RtTlb *t, uint64_t addr, uint64_t size, RtAccess access)
{
    RtTlbEntry *set = t->arr[access] + ((addr >> 12) & t->set_mask) * t->ways;
    if (__builtin_expect(set[0].tag == (addr & VM_PAGE_MASK) &&
                             (addr & ~VM_PAGE_MASK) + size <= VM_PAGE_SIZE,
                         1))
        return (void *)(uintptr_t)(addr + set[0].addend);
    return vm_tlb_lookup_ways(t, set, addr, size);
}

#endif
