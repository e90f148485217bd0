/* Unit tests of the system VM's soft TLB: hits, misses, page crossing, LRU, flushes. */
#include <criterion/criterion.h>

#include "runtime/vm/vm_tlb.h"

static uint8_t pages[8][4096];

Test(vm_tlb, rejects_shapes_that_are_not_powers_of_two)
{
    RtTlb t;
    FvpError *err = vm_tlb_init(&t, 48, 4);
    cr_assert_not_null(err);
    cr_assert_eq(fvp_error_kind(err), FVP_ERR_USAGE);
    fvp_error_free(err);
    err = vm_tlb_init(&t, 64, 3);
    cr_assert_not_null(err);
    fvp_error_free(err);
}

Test(vm_tlb, hit_is_page_plus_offset_and_access_kinds_are_separate)
{
    RtTlb t;
    cr_assert_null(vm_tlb_init(&t, 64, 4));
    cr_assert_null(vm_tlb_lookup(&t, 0x5000, 4, RT_ACCESS_READ));
    vm_tlb_insert(&t, RT_ACCESS_READ, 0x5123, pages[0]);
    cr_assert_eq(vm_tlb_lookup(&t, 0x5010, 8, RT_ACCESS_READ), pages[0] + 0x10);
    cr_assert_eq(vm_tlb_lookup(&t, 0x5ff8, 8, RT_ACCESS_READ), pages[0] + 0xff8);
    cr_assert_null(vm_tlb_lookup(&t, 0x5ffc, 8, RT_ACCESS_READ), "crosses into the next page");
    cr_assert_null(vm_tlb_lookup(&t, 0x5010, 8, RT_ACCESS_WRITE));
    cr_assert_null(vm_tlb_lookup(&t, 0x5010, 4, RT_ACCESS_FETCH));
    cr_assert_null(vm_tlb_lookup(&t, 0x6010, 8, RT_ACCESS_READ));
    vm_tlb_flush(&t);
    cr_assert_null(vm_tlb_lookup(&t, 0x5010, 8, RT_ACCESS_READ));
    vm_tlb_fini(&t);
}

Test(vm_tlb, least_recently_used_way_is_evicted)
{
    RtTlb t;
    cr_assert_null(vm_tlb_init(&t, 16, 4)); /* 4 sets of 4 ways */
    uint64_t stride = 4 * 4096;             /* same set */
    for (int i = 0; i < 4; i++)
        vm_tlb_insert(&t, RT_ACCESS_READ, i * stride, pages[i]);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(vm_tlb_lookup(&t, i * stride + 8, 1, RT_ACCESS_READ), pages[i] + 8);
    /* Use order now 3 (most recent) .. 0; touch 0 so 1 is the least recently used. */
    cr_assert_not_null(vm_tlb_lookup(&t, 0, 1, RT_ACCESS_READ));
    vm_tlb_insert(&t, RT_ACCESS_READ, 4 * stride, pages[4]);
    cr_assert_null(vm_tlb_lookup(&t, 1 * stride, 1, RT_ACCESS_READ), "LRU way evicted");
    cr_assert_eq(vm_tlb_lookup(&t, 0, 1, RT_ACCESS_READ), pages[0]);
    cr_assert_eq(vm_tlb_lookup(&t, 2 * stride, 1, RT_ACCESS_READ), pages[2]);
    cr_assert_eq(vm_tlb_lookup(&t, 3 * stride, 1, RT_ACCESS_READ), pages[3]);
    cr_assert_eq(vm_tlb_lookup(&t, 4 * stride, 1, RT_ACCESS_READ), pages[4]);
    /* Other sets are untouched. */
    cr_assert_null(vm_tlb_lookup(&t, 4096, 1, RT_ACCESS_READ));
    vm_tlb_fini(&t);
}
