/* The syscall dispatcher: table lookup, --strace, unsupported calls, results to the guest. */
#include "runtime/syscall_internal.h"

#include <signal.h>
#include <string.h>

typedef struct RtSyscallInfo {
    const char *name;
    uint8_t nargs;
    RtSyscallFn fn;
} RtSyscallInfo;

static const RtSyscallInfo syscall_table[RT_SYSCALL_COUNT] = {
#define RT_SYSCALL(nr, name, nargs, handler) [nr] = {#name, nargs, handler},
#include "runtime/syscall_generic.def"
#undef RT_SYSCALL
};

/* Every number in the table must fit. */
#define RT_SYSCALL(nr, name, nargs, handler)                                                       \
    _Static_assert((nr) < RT_SYSCALL_COUNT && (nargs) <= 6, #name " fits the table");
#include "runtime/syscall_generic.def"
#undef RT_SYSCALL

const char *rt_syscall_name(uint64_t nr)
{
    return nr < RT_SYSCALL_COUNT ? syscall_table[nr].name : NULL;
}

unsigned rt_syscall_nargs(uint64_t nr)
{
    return nr < RT_SYSCALL_COUNT ? syscall_table[nr].nargs : 0;
}

bool rt_syscall_supported(uint64_t nr)
{
    return nr < RT_SYSCALL_COUNT && syscall_table[nr].fn;
}

static uint64_t *state_u64(RtThread *t, uint32_t offset)
{
    return (uint64_t *)((uint8_t *)t->state + offset);
}

static void strace_call(RtProcess *p, uint64_t nr, const uint64_t *a)
{
    const char *name = rt_syscall_name(nr);
    unsigned n = name ? rt_syscall_nargs(nr) : 6;
    if (name)
        fprintf(p->log, "fvp: strace: %s(", name);
    else
        fprintf(p->log, "fvp: strace: syscall_%llu(", (unsigned long long)nr);
    for (unsigned i = 0; i < n; i++)
        fprintf(p->log, "%s0x%llx", i ? ", " : "", (unsigned long long)a[i]);
    fprintf(p->log, ")");
}

static void strace_result(RtProcess *p, int64_t r)
{
    if (r < 0 && r >= -4095) {
        const char *en = strerrorname_np((int)-r);
        fprintf(p->log, " = %lld %s (%s)\n", (long long)r, en ? en : "?", strerror((int)-r));
    } else {
        fprintf(p->log, " = 0x%llx\n", (unsigned long long)r);
    }
    fflush(p->log);
}

static int64_t unsupported(RtProcess *p, uint64_t nr, uint64_t pc)
{
    const char *name = rt_syscall_name(nr);
    bool first = true;
    if (nr < RT_SYSCALL_COUNT) {
        pthread_mutex_lock(&p->lock);
        first = !(p->unsupported_seen[nr / 8] & (1u << (nr % 8)));
        p->unsupported_seen[nr / 8] |= (uint8_t)(1u << (nr % 8));
        pthread_mutex_unlock(&p->lock);
    }
    if (first || p->opts.strict_syscalls)
        fprintf(p->log, "fvp: unsupported syscall %llu (%s) at pc 0x%llx\n", (unsigned long long)nr,
                name ? name : "unknown", (unsigned long long)pc);
    if (p->opts.strict_syscalls && rt_process_kill(p, SIGSYS, pc))
        snprintf(p->outcome.detail, sizeof p->outcome.detail, "unsupported syscall %llu (%s)",
                 (unsigned long long)nr, name ? name : "unknown");
    return -ENOSYS;
}

void rt_syscall_run(RtThread *t, uint64_t pc)
{
    RtProcess *p = t->proc;
    const Frontend *fe = p->fe;
    uint64_t nr = *state_u64(t, fe->syscall_nr_offset);
    uint64_t a[6];
    for (int i = 0; i < 6; i++)
        a[i] = *state_u64(t, fe->syscall_arg_offset[i]);
    t->cpu.cur_pc = pc;
    t->cpu.stats.syscalls++;
    t->keep_result = false;
    /* Read once: after a thread's exit the last other thread may end the process and free
     * p while this call returns (a stray " = 0x0" on stderr once showed that). */
    bool strace = p->opts.strace;
    if (strace)
        strace_call(p, nr, a);
    int64_t r;
    if (rt_syscall_supported(nr))
        r = syscall_table[nr].fn(p, t, a);
    else if (rt_syscall_name(nr))
        r = unsupported(p, nr, pc);
    else
        r = -ENOSYS; /* not a Linux syscall at all: Linux says ENOSYS too, FVP lacks nothing */
    if (strace)
        strace_result(p, r);
    if (!t->keep_result)
        *state_u64(t, fe->syscall_ret_offset) = (uint64_t)r;
}
