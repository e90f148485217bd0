/* The soft TLB's storage, LRU ways and the rt_tlb_translate entry of the interpreter. */
#include "runtime/vm/vm_tlb.h"

#include <stdlib.h>
#include <string.h>

#include "common/common.h"

FvpError *vm_tlb_init(RtTlb *t, unsigned entries, unsigned ways)
{
    memset(t, 0, sizeof(*t));
    if (!ways || (ways & (ways - 1)) || entries < ways || (entries & (entries - 1)))
        return fvp_error_new(FVP_ERR_USAGE,
                             "TLB of %u entries in %u ways: both must be powers of two", entries,
                             ways);
    t->ways = ways;
    t->set_mask = entries / ways - 1;
    for (int a = 0; a < 3; a++) {
        t->arr[a] = malloc(entries * sizeof(RtTlbEntry));
        if (!t->arr[a]) {
            vm_tlb_fini(t);
            return fvp_error_new(FVP_ERR_NOMEM, "allocating a TLB of %u entries", entries);
        }
    }
    vm_tlb_flush(t);
    return NULL;
}

void vm_tlb_fini(RtTlb *t)
{
    for (int a = 0; a < 3; a++) {
        free(t->arr[a]);
        t->arr[a] = NULL;
    }
}

void vm_tlb_flush(RtTlb *t)
{
    size_t n = (t->set_mask + 1) * t->ways;
    for (int a = 0; a < 3; a++)
        for (size_t i = 0; i < n; i++)
            t->arr[a][i] = (RtTlbEntry){.tag = VM_TLB_EMPTY, .addend = 0};
}

void *vm_tlb_lookup_ways(RtTlb *t, RtTlbEntry *set, uint64_t addr, uint64_t size)
{
    uint64_t page = addr & VM_PAGE_MASK;
    if ((addr & ~VM_PAGE_MASK) + size > VM_PAGE_SIZE)
        return NULL; /* crosses a page: the miss path handles it */
    for (unsigned w = 1; w < t->ways; w++) {
        if (set[w].tag != page)
            continue;
        RtTlbEntry hit = set[w];
        memmove(set + 1, set, w * sizeof(*set));
        set[0] = hit;
        return (void *)(uintptr_t)(addr + hit.addend);
    }
    return NULL;
}

void vm_tlb_insert(RtTlb *t, RtAccess access, uint64_t vaddr, uint8_t *host_page)
{
    RtTlbEntry *set = t->arr[access] + ((vaddr >> 12) & t->set_mask) * t->ways;
    memmove(set + 1, set, (t->ways - 1) * sizeof(*set));
    uint64_t page = vaddr & VM_PAGE_MASK;
    set[0] = (RtTlbEntry){.tag = page, .addend = (uint64_t)(uintptr_t)host_page - page};
}
