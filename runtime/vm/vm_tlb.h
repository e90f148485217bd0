/* The system VM's soft TLB: O(1) set-associative lookup, LRU within a set. */
#ifndef FVP_RUNTIME_VM_VM_TLB_H
#define FVP_RUNTIME_VM_VM_TLB_H

#include <stdint.h>

#include "common/error.h"
#include "runtime/cpu.h"

/*
 * One array per access kind (read, write, fetch), each nsets x ways entries (RtTlb and
 * RtTlbEntry are in runtime/cpu.h, whose rt_mem_access does the way-0 hit inline):
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
#define VM_PAGE_SIZE RT_TLB_PAGE_SIZE
#define VM_PAGE_MASK (~(VM_PAGE_SIZE - 1))
#define VM_TLB_EMPTY 1ull /* not page aligned: never equals a tag */

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
    RtTlbEntry *set = rt_tlb_set(t, addr, access);
    void *p = rt_tlb_way0(set, addr, size);
    return __builtin_expect(p != 0, 1) ? p : vm_tlb_lookup_ways(t, set, addr, size);
}

#endif
