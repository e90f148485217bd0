/* Memory syscalls: brk, mmap, munmap, mprotect, mremap, madvise, cache flushes. */
#include "runtime/syscall_internal.h"

#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

int64_t sys_brk(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return (int64_t)rt_mem_brk(&p->mem, a[0]);
}

int64_t sys_mmap(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_mem_mmap(&p->mem, a[0], a[1], rt_arg_int(a[2]), rt_arg_int(a[3]), rt_arg_int(a[4]),
                       a[5]);
}

int64_t sys_munmap(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_mem_munmap(&p->mem, a[0], a[1]);
}

int64_t sys_mprotect(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_mem_mprotect(&p->mem, a[0], a[1], rt_arg_int(a[2]));
}

int64_t sys_mremap(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_mem_mremap(&p->mem, a[0], a[1], a[2], rt_arg_int(a[3]), a[4]);
}

int64_t sys_madvise(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (a[0] % RT_PAGE_SIZE)
        return -EINVAL;
    if (!rt_mem_in_space(&p->mem, a[0], a[1]))
        return -ENOMEM;
    int advice = rt_arg_int(a[2]);
    /* DONTNEED on private anonymous memory must read back as zeros: let the host do it.
     * Every other advice is only a hint. */
    if (advice == MADV_DONTNEED) {
        if (!rt_mem_check(&p->mem, a[0], rt_page_up(a[1]), PROT_NONE))
            return -ENOMEM;
        return rt_host_result(madvise(p->mem.base + a[0], a[1], MADV_DONTNEED));
    }
    return 0;
}

int64_t sys_riscv_flush_icache(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* Every thread drops its translations before it runs its next block. */
    rt_threads_invalidate(p, 0, 0, true);
    return 0;
}

int64_t sys_membarrier(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* Commands and flags are arch-independent; one guest thread makes them cheap. */
    return rt_host_result(
        syscall(SYS_membarrier, rt_arg_int(a[0]), (unsigned)a[1], rt_arg_int(a[2])));
}

/* The calls below act on host pages that are exactly the guest's, so after the range
 * check the host does the work (and returns ENOMEM for unmapped parts, as Linux does). */

int64_t sys_msync(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (a[0] % RT_PAGE_SIZE)
        return -EINVAL;
    if (!rt_mem_in_space(&p->mem, a[0], a[1]))
        return -ENOMEM;
    if (!rt_mem_check(&p->mem, a[0], rt_page_up(a[1]), PROT_NONE))
        return -ENOMEM;
    return rt_host_result(msync(p->mem.base + a[0], a[1], rt_arg_int(a[2])));
}

int64_t sys_mlock(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *h = rt_g2h(p, a[0], a[1]);
    return h ? rt_host_result(mlock(h, a[1])) : -ENOMEM;
}

int64_t sys_munlock(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *h = rt_g2h(p, a[0], a[1]);
    return h ? rt_host_result(munlock(h, a[1])) : -ENOMEM;
}

int64_t sys_mincore(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (a[0] % RT_PAGE_SIZE)
        return -EINVAL;
    void *h = rt_g2h(p, a[0], a[1]);
    void *vec = rt_g2h(p, a[2], rt_page_up(a[1]) / RT_PAGE_SIZE);
    if (!h)
        return -ENOMEM;
    if (!vec)
        return -EFAULT;
    if (!rt_mem_check(&p->mem, a[0], rt_page_up(a[1]), PROT_NONE))
        return -ENOMEM;
    return rt_host_result(mincore(h, a[1], vec));
}
