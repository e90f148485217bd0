/* RtMem: guest mmap/munmap/mprotect/mremap/brk keep the mapping list right and stay confined. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "runtime/guest_mem.h"

#define SPACE (64ull << 20) /* a small guest space keeps the tests quick */

static RtMem mem;

static void setup(void)
{
    FvpError *err = rt_mem_init(&mem, SPACE);
    cr_assert_null(err);
    mem.mmap_top = SPACE - (1u << 20);
}

static void teardown(void)
{
    rt_mem_destroy(&mem);
}

TestSuite(runtime_mem, .init = setup, .fini = teardown);

Test(runtime_mem, anonymous_mmap_goes_top_down_and_is_zeroed)
{
    int64_t a =
        rt_mem_mmap(&mem, 0, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_eq(a, (int64_t)(mem.mmap_top - 3 * RT_PAGE_SIZE), "got 0x%llx", (long long)a);
    int64_t b = rt_mem_mmap(&mem, 0, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_eq(b, a - RT_PAGE_SIZE);
    cr_assert(rt_mem_check(&mem, (uint64_t)a, 12288, PROT_READ | PROT_WRITE));
    cr_assert_not(rt_mem_check(&mem, (uint64_t)b, 4096, PROT_WRITE));
    uint8_t buf[16];
    cr_assert_eq(rt_mem_read(&mem, (uint64_t)a + 100, buf, sizeof buf), 0);
    for (size_t i = 0; i < sizeof buf; i++)
        cr_assert_eq(buf[i], 0);
}

Test(runtime_mem, hint_is_used_when_free)
{
    int64_t a = rt_mem_mmap(&mem, 0x400000, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_eq(a, 0x400000);
    int64_t b = rt_mem_mmap(&mem, 0x400000, 8192, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(b, 0x400000, "an occupied hint must not be reused");
    cr_assert_gt(b, 0);
}

Test(runtime_mem, fixed_replaces_and_noreplace_refuses)
{
    int64_t a = rt_mem_mmap(&mem, 0x200000, 3 * 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    cr_assert_eq(a, 0x200000);
    cr_assert_eq(rt_mem_write(&mem, 0x201000, "x", 1), 0);
    cr_assert_eq(rt_mem_mmap(&mem, 0x201000, 4096, PROT_READ,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0),
                 -EEXIST);
    cr_assert_eq(rt_mem_mmap(&mem, 0x201000, 4096, PROT_READ,
                             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0),
                 0x201000);
    /* the middle page was replaced: read-only and zero */
    char c = 1;
    cr_assert_eq(rt_mem_read(&mem, 0x201000, &c, 1), 0);
    cr_assert_eq(c, 0);
    cr_assert_eq(mem.count, 3, "split into three mappings, got %zu", mem.count);
    cr_assert_not(rt_mem_check(&mem, 0x200000, 3 * 4096, PROT_WRITE));
}

Test(runtime_mem, bad_arguments_fail_like_linux)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS;
    cr_assert_eq(rt_mem_mmap(&mem, 0, 0, PROT_READ, flags, -1, 0), -EINVAL);
    cr_assert_eq(rt_mem_mmap(&mem, 0x1001, 4096, PROT_READ, flags | MAP_FIXED, -1, 0), -EINVAL);
    cr_assert_eq(rt_mem_mmap(&mem, 0, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0), -EINVAL);
    cr_assert_eq(rt_mem_mmap(&mem, 0, 4096, PROT_READ, flags, -1, 123), -EINVAL);
    cr_assert_eq(rt_mem_munmap(&mem, 0x1234, 4096), -EINVAL);
    cr_assert_eq(rt_mem_mprotect(&mem, 0x300000, 4096, PROT_READ), -ENOMEM, "unmapped range");
}

Test(runtime_mem, confinement_rejects_the_limit_and_beyond)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    cr_assert_eq(rt_mem_mmap(&mem, SPACE, 4096, PROT_READ, flags, -1, 0), -ENOMEM);
    cr_assert_eq(rt_mem_mmap(&mem, SPACE - 4096, 8192, PROT_READ, flags, -1, 0), -ENOMEM);
    cr_assert_eq(rt_mem_mmap(&mem, 0, 4096, PROT_READ, flags, -1, 0), -ENOMEM, "page 0");
    cr_assert_eq(rt_mem_mmap(&mem, SPACE - 4096, 4096, PROT_READ, flags, -1, 0),
                 (int64_t)(SPACE - 4096), "the last page is usable");
    cr_assert_eq(rt_mem_mmap(&mem, 0, SPACE * 2, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
                 -ENOMEM);
    cr_assert_eq(rt_mem_munmap(&mem, SPACE - 4096, 8192), -EINVAL);
    cr_assert(rt_mem_in_space(&mem, SPACE - 1, 1));
    cr_assert_not(rt_mem_in_space(&mem, SPACE - 1, 2));
    cr_assert_not(rt_mem_in_space(&mem, UINT64_MAX, 2), "wrap-around");
    uint8_t b;
    cr_assert_eq(rt_mem_read(&mem, SPACE, &b, 1), -EFAULT);
    cr_assert_eq(rt_mem_write(&mem, UINT64_MAX, &b, 1), -EFAULT);
}

Test(runtime_mem, munmap_splits_and_frees)
{
    int64_t a = rt_mem_mmap(&mem, 0x100000, 5 * 4096, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    cr_assert_eq(a, 0x100000);
    cr_assert_eq(rt_mem_munmap(&mem, 0x102000, 4096), 0);
    cr_assert_eq(mem.count, 2);
    cr_assert(rt_mem_check(&mem, 0x100000, 8192, PROT_READ));
    cr_assert_not(rt_mem_check(&mem, 0x102000, 1, PROT_NONE));
    cr_assert(rt_mem_check(&mem, 0x103000, 8192, PROT_WRITE));
    cr_assert_null(rt_mem_find(&mem, 0x102800));
    /* unmapping nothing is fine */
    cr_assert_eq(rt_mem_munmap(&mem, 0x500000, 4096), 0);
}

Test(runtime_mem, mprotect_changes_part_of_a_mapping)
{
    rt_mem_mmap(&mem, 0x100000, 4 * 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    cr_assert_eq(rt_mem_mprotect(&mem, 0x101000, 4096, PROT_READ | PROT_EXEC), 0);
    const RtMapping *m = rt_mem_find(&mem, 0x101000);
    cr_assert_not_null(m);
    cr_assert_eq(m->start, 0x101000);
    cr_assert_eq(m->end, 0x102000);
    cr_assert_eq(m->prot, PROT_READ | PROT_EXEC);
    cr_assert_eq(rt_mem_write(&mem, 0x101000, "x", 1), -EFAULT);
    cr_assert_eq(rt_mem_mprotect(&mem, 0x101000, 4096, PROT_READ | PROT_WRITE), 0);
    cr_assert_eq(mem.count, 1, "equal neighbours merge back");
}

static uint64_t changed_start, changed_end;
static int changes;
static void on_change(void *ctx, uint64_t s, uint64_t e)
{
    (void)ctx;
    changed_start = s;
    changed_end = e;
    changes++;
}

Test(runtime_mem, code_pages_report_changes)
{
    mem.on_code_change = on_change;
    rt_mem_mmap(&mem, 0x100000, 4 * 4096, PROT_READ | PROT_EXEC,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    rt_mem_mmap(&mem, 0x200000, 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    changes = 0;
    rt_mem_munmap(&mem, 0x200000, 4096);
    cr_assert_eq(changes, 0, "data pages are not code");
    rt_mem_munmap(&mem, 0x101000, 4096);
    cr_assert_eq(changes, 1);
    cr_assert_eq(changed_start, 0x101000);
    cr_assert_eq(changed_end, 0x102000);
    rt_mem_mprotect(&mem, 0x102000, 4096, PROT_READ);
    cr_assert_eq(changes, 2);
    cr_assert_eq(changed_start, 0x102000);
    rt_mem_mmap(&mem, 0x100000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    cr_assert_eq(changes, 3, "mmap over code");
    cr_assert_eq(changed_start, 0x100000);
}

Test(runtime_mem, brk_grows_shrinks_and_stops_at_mappings)
{
    rt_mem_set_brk(&mem, 0x10000 + 123);
    uint64_t start = mem.brk_start;
    cr_assert_eq(start, 0x11000);
    cr_assert_eq(rt_mem_brk(&mem, 0), start, "brk(0) queries");
    cr_assert_eq(rt_mem_brk(&mem, start + 10000), start + 10000);
    cr_assert(rt_mem_check(&mem, start, 10000, PROT_READ | PROT_WRITE));
    cr_assert_eq(rt_mem_write(&mem, start + 9999, "z", 1), 0);
    cr_assert_eq(rt_mem_brk(&mem, start + 100), start + 100);
    cr_assert_not(rt_mem_check(&mem, start + 4096, 1, PROT_NONE), "shrinking unmaps");
    cr_assert_eq(rt_mem_brk(&mem, start - 4096), start + 100, "below the start: unchanged");
    rt_mem_mmap(&mem, start + 0x10000, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1,
                0);
    cr_assert_eq(rt_mem_brk(&mem, start + 0x20000), start + 100, "a mapping blocks growth");
    cr_assert_eq(rt_mem_brk(&mem, SPACE + 4096), start + 100);
}

Test(runtime_mem, mremap_grows_in_place_or_moves)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED;
    rt_mem_mmap(&mem, 0x100000, 4096, PROT_READ | PROT_WRITE, flags, -1, 0);
    rt_mem_write(&mem, 0x100010, "data", 4);
    cr_assert_eq(rt_mem_mremap(&mem, 0x100000, 4096, 3 * 4096, 0, 0), 0x100000);
    cr_assert(rt_mem_check(&mem, 0x100000, 3 * 4096, PROT_WRITE));
    rt_mem_mmap(&mem, 0x103000, 4096, PROT_READ, flags, -1, 0);
    cr_assert_eq(rt_mem_mremap(&mem, 0x100000, 3 * 4096, 8 * 4096, 0, 0), -ENOMEM,
                 "blocked and not allowed to move");
    int64_t moved = rt_mem_mremap(&mem, 0x100000, 3 * 4096, 8 * 4096, MREMAP_MAYMOVE, 0);
    cr_assert_gt(moved, 0);
    cr_assert_neq(moved, 0x100000);
    char buf[5] = {0};
    cr_assert_eq(rt_mem_read(&mem, (uint64_t)moved + 0x10, buf, 4), 0);
    cr_assert_str_eq(buf, "data");
    cr_assert_null(rt_mem_find(&mem, 0x100000), "the old range is gone");
    cr_assert(rt_mem_check(&mem, (uint64_t)moved, 8 * 4096, PROT_READ | PROT_WRITE));
    cr_assert_eq(rt_mem_mremap(&mem, (uint64_t)moved, 8 * 4096, 4096, 0, 0), moved, "shrink");
    cr_assert_not(rt_mem_check(&mem, (uint64_t)moved + 4096, 1, PROT_NONE));
    cr_assert_eq(rt_mem_mremap(&mem, 0x700000, 4096, 8192, MREMAP_MAYMOVE, 0), -EFAULT);
}

Test(runtime_mem, file_mapping_reads_the_file)
{
    char path[] = "/tmp/fvp_test_memXXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    char page[8192];
    memset(page, 'a', sizeof page);
    memcpy(page + 4096, "second page", 11);
    cr_assert_eq(write(fd, page, sizeof page), (ssize_t)sizeof page);
    int64_t a = rt_mem_mmap(&mem, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    cr_assert_gt(a, 0);
    char buf[12] = {0};
    cr_assert_eq(rt_mem_read(&mem, (uint64_t)a, buf, 11), 0);
    cr_assert_str_eq(buf, "second page");
    cr_assert_eq(rt_mem_find(&mem, (uint64_t)a)->kind, RT_MAPK_FILE);
    cr_assert_eq(rt_mem_mmap(&mem, 0, 4096, PROT_READ, MAP_PRIVATE, 9999, 0), -EBADF);
    close(fd);
    unlink(path);
}

Test(runtime_mem, strings_stop_at_unmapped_pages)
{
    rt_mem_mmap(&mem, 0x100000, 4096, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    rt_mem_write(&mem, 0x100000, "/etc/passwd", 12);
    char buf[64];
    cr_assert_eq(rt_mem_read_string(&mem, 0x100000, buf, sizeof buf), 11);
    cr_assert_str_eq(buf, "/etc/passwd");
    memset(buf, 'x', sizeof buf);
    rt_mem_write(&mem, 0x101000 - 3, "abc", 3); /* no NUL before the end of the mapping */
    cr_assert_eq(rt_mem_read_string(&mem, 0x101000 - 3, buf, sizeof buf), -EFAULT);
    cr_assert_eq(rt_mem_read_string(&mem, 0x100000, buf, 5), -ENAMETOOLONG);
    cr_assert_eq(rt_mem_read_string(&mem, SPACE + 5, buf, sizeof buf), -EFAULT);
}

/* A full-size reservation leaves room for the host's later mappings (JIT code: LLVM's and
 * the baseline compiler's) beside its earlier ones, within a rel32 jump of each other: left
 * to the system it would split them by a whole TiB once the gaps between the libraries are
 * full (16 x 16 MiB here). */
Test(runtime_mem, a_full_reservation_leaves_host_mappings_together)
{
    enum { N = 16, BYTES = 16u << 20 };
    void *before = mmap(NULL, BYTES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    cr_assert_neq(before, MAP_FAILED);
    RtMem big;
    cr_assert_null(rt_mem_init(&big, RT_GUEST_SPACE_SIZE));
    void *after[N];
    uint64_t a = (uint64_t)(uintptr_t)before;
    for (int k = 0; k < N; k++) {
        after[k] = mmap(NULL, BYTES, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        cr_assert_neq(after[k], MAP_FAILED);
        uint64_t b = (uint64_t)(uintptr_t)after[k];
        uint64_t apart = a > b ? a - b : b - a;
        cr_expect_lt(apart, 1ull << 31, "mappings 0x%llx and 0x%llx are 0x%llx bytes apart",
                     (unsigned long long)a, (unsigned long long)b, (unsigned long long)apart);
    }
    for (int k = 0; k < N; k++)
        munmap(after[k], BYTES);
    munmap(before, BYTES);
    rt_mem_destroy(&big);
}
