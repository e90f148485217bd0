/* Internals shared by the syscall files: the handler type, guest pointer and path helpers. */
#ifndef FVP_RUNTIME_SYSCALL_INTERNAL_H
#define FVP_RUNTIME_SYSCALL_INTERNAL_H

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <sys/mman.h>

#include "runtime/runtime_internal.h"
#include "runtime/syscall.h"

/* A handler gets the six raw argument registers and returns the result or -errno. */
typedef int64_t (*RtSyscallFn)(RtProcess *p, RtThread *t, const uint64_t *a);

#define RT_SYSCALL(nr, name, nargs, handler)                                                       \
    int64_t sys_##name(RtProcess *p, RtThread *t, const uint64_t *a);
#include "runtime/syscall_generic.def"
#undef RT_SYSCALL

/* Host pointer for the guest buffer [addr, addr+len), or NULL when any of it lies outside
 * the guest space. Mapped-ness is left to the host kernel, which returns EFAULT for
 * PROT_NONE pages of the reservation exactly as Linux would for unmapped guest pages. */
static inline void *rt_g2h(RtProcess *p, uint64_t addr, uint64_t len)
{
    return rt_mem_in_space(&p->mem, addr, len) ? p->mem.base + addr : NULL;
}

/* Result of a raw host syscall: r, or -errno when it failed. */
static inline int64_t rt_host_result(long r)
{
    return r < 0 ? -(int64_t)errno : (int64_t)r;
}

/* Reads a guest path into buf (PATH_MAX bytes): 0, -EFAULT or -ENAMETOOLONG. */
static inline int64_t rt_read_path(RtProcess *p, uint64_t addr, char *buf)
{
    int64_t r = rt_mem_read_string(&p->mem, addr, buf, PATH_MAX);
    return r < 0 ? r : 0;
}

/* The guest's signed int argument (dirfd, fd) from a 64-bit register. */
static inline int rt_arg_int(uint64_t v)
{
    return (int)(int32_t)v;
}

#endif
