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

/* One --strace line, written with a single fprintf so threads and the guest's own output
 * never split it: "fvp: strace: [tid N] name(args) = result". */
static void strace_line(RtProcess *p, RtThread *t, uint64_t nr, const uint64_t *a,
                        const char *result)
{
    char line[320];
    size_t n = 0;
    const char *name = rt_syscall_name(nr);
    pthread_mutex_lock(&p->lock);
    bool threads = p->next_thread_id > 1; /* threads were created: say whose call it is */
    pthread_mutex_unlock(&p->lock);
    if (threads)
        n += (size_t)snprintf(line + n, sizeof line - n, "[tid %d] ", t->tid);
    if (name)
        n += (size_t)snprintf(line + n, sizeof line - n, "%s(", name);
    else
        n += (size_t)snprintf(line + n, sizeof line - n, "syscall_%llu(", (unsigned long long)nr);
    unsigned nargs = name ? rt_syscall_nargs(nr) : 6;
    for (unsigned i = 0; i < nargs && n < sizeof line; i++)
        n += (size_t)snprintf(line + n, sizeof line - n, "%s0x%llx", i ? ", " : "",
                              (unsigned long long)a[i]);
    fprintf(p->log, "fvp: strace: %.*s) = %s\n", (int)FVP_MIN(n, sizeof line), line, result);
    fflush(p->log);
}

static void strace_result(RtProcess *p, RtThread *t, uint64_t nr, const uint64_t *a, int64_t r)
{
    char result[160];
    if (r < 0 && r >= -4095) {
        const char *en = strerrorname_np((int)-r);
        snprintf(result, sizeof result, "%lld %s (%s)", (long long)r, en ? en : "?",
                 strerror((int)-r));
    } else {
        snprintf(result, sizeof result, "0x%llx", (unsigned long long)r);
    }
    strace_line(p, t, nr, a, result);
}

/* Calls after which this thread may not come back (or the process may be gone): their
 * line is printed before the call, with result "?" as strace does. */
static bool strace_before(uint64_t nr)
{
    const char *name = rt_syscall_name(nr);
    return name &&
           (!strcmp(name, "exit") || !strcmp(name, "exit_group") || !strcmp(name, "execve"));
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
    bool strace = p->opts.strace, before = strace && strace_before(nr);
    if (before)
        strace_line(p, t, nr, a, "?");
    int64_t r;
    if (rt_syscall_supported(nr))
        r = syscall_table[nr].fn(p, t, a);
    else if (rt_syscall_name(nr))
        r = unsupported(p, nr, pc);
    else
        r = -ENOSYS; /* not a Linux syscall at all: Linux says ENOSYS too, FVP lacks nothing */
    /* a call printed before it ran has a result line only if it came back: a failed execve */
    if (strace && (!before || (!t->exited && !atomic_load(&p->done))))
        strace_result(p, t, nr, a, r);
    if (!t->keep_result)
        *state_u64(t, fe->syscall_ret_offset) = (uint64_t)r;
}
