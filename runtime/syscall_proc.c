/* Process, identity, time, signal-bookkeeping and futex syscalls for one guest thread. */
#include "runtime/syscall_internal.h"

#include <linux/futex.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* Linux's SS_AUTODISARM (not in every libc's headers). */
enum { RT_SS_AUTODISARM = 1u << 31 };

/* ---- Exit, identity ------------------------------------------------------------------------ */

int64_t sys_exit_group(RtProcess *p, RtThread *t, const uint64_t *a)
{
    rt_process_exit(p, (int)(a[0] & 0xff));
    return 0;
}

int64_t sys_getpid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return getpid();
}

int64_t sys_getppid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return getppid();
}

int64_t sys_gettid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return gettid();
}

int64_t sys_getuid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return getuid();
}

int64_t sys_geteuid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return geteuid();
}

int64_t sys_getgid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return getgid();
}

int64_t sys_getegid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return getegid();
}

int64_t sys_getresuid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    uid_t id[3];
    if (getresuid(&id[0], &id[1], &id[2]))
        return -errno;
    for (int i = 0; i < 3; i++)
        if (rt_mem_write(&p->mem, a[i], &id[i], sizeof id[i]))
            return -EFAULT;
    return 0;
}

int64_t sys_getresgid(RtProcess *p, RtThread *t, const uint64_t *a)
{
    gid_t id[3];
    if (getresgid(&id[0], &id[1], &id[2]))
        return -errno;
    for (int i = 0; i < 3; i++)
        if (rt_mem_write(&p->mem, a[i], &id[i], sizeof id[i]))
            return -EFAULT;
    return 0;
}

int64_t sys_set_tid_address(RtProcess *p, RtThread *t, const uint64_t *a)
{
    t->clear_child_tid = a[0];
    return gettid();
}

int64_t sys_set_robust_list(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (a[1] != 24) /* sizeof(struct robust_list_head) on 64-bit */
        return -EINVAL;
    t->robust_list = a[0];
    t->robust_list_len = a[1];
    return 0;
}

int64_t sys_rseq(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* Restartable sequences are optional: glibc carries on without them. */
    return -ENOSYS;
}

int64_t sys_riscv_hwprobe(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* Older kernels lack it; glibc and the guest fall back to AT_HWCAP. */
    return -ENOSYS;
}

int64_t sys_umask(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return umask((mode_t)a[0]);
}

int64_t sys_uname(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct utsname u; /* six 65-byte strings in both ABIs */
    if (uname(&u))
        return -errno;
    snprintf(u.machine, sizeof u.machine, "%s", p->fe->name);
    return rt_mem_write(&p->mem, a[0], &u, sizeof u);
}

int64_t sys_sysinfo(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct sysinfo si; /* the same 112-byte layout on 64-bit asm-generic */
    if (sysinfo(&si))
        return -errno;
    return rt_mem_write(&p->mem, a[0], &si, sizeof si);
}

/* ---- Limits and usage ----------------------------------------------------------------------- */

/* Limits that would constrain FVP's own memory are accepted and not applied. */
static bool limit_is_private(int resource)
{
    return resource == RLIMIT_AS || resource == RLIMIT_DATA || resource == RLIMIT_STACK;
}

int64_t sys_prlimit64(RtProcess *p, RtThread *t, const uint64_t *a)
{
    int pid = rt_arg_int(a[0]), resource = rt_arg_int(a[1]);
    struct rlimit nl, ol; /* two 64-bit words in both ABIs */
    if (pid != 0 && pid != getpid())
        return -EPERM;
    if (a[2] && rt_mem_read(&p->mem, a[2], &nl, sizeof nl))
        return -EFAULT;
    if (a[3] && !rt_mem_check(&p->mem, a[3], sizeof ol, PROT_WRITE))
        return -EFAULT;
    bool apply = a[2] && !limit_is_private(resource);
    if (prlimit(0, resource, apply ? &nl : NULL, &ol))
        return -errno;
    if (resource == RLIMIT_STACK && ol.rlim_cur > RT_STACK_SIZE)
        ol.rlim_cur = RT_STACK_SIZE;
    return a[3] ? rt_mem_write(&p->mem, a[3], &ol, sizeof ol) : 0;
}

int64_t sys_getrlimit(RtProcess *p, RtThread *t, const uint64_t *a)
{
    uint64_t args[4] = {0, a[0], 0, a[1]};
    return sys_prlimit64(p, t, args);
}

int64_t sys_setrlimit(RtProcess *p, RtThread *t, const uint64_t *a)
{
    uint64_t args[4] = {0, a[0], a[1], 0};
    return sys_prlimit64(p, t, args);
}

int64_t sys_getrusage(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct rusage ru; /* timevals and longs: the same layout */
    if (getrusage(rt_arg_int(a[0]), &ru))
        return -errno;
    return rt_mem_write(&p->mem, a[1], &ru, sizeof ru);
}

int64_t sys_times(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct tms tm;
    clock_t r = times(&tm);
    if (r == (clock_t)-1)
        return -errno;
    if (a[0] && rt_mem_write(&p->mem, a[0], &tm, sizeof tm))
        return -EFAULT;
    return (int64_t)r;
}

/* ---- Time ------------------------------------------------------------------------------------ */

int64_t sys_clock_gettime(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct timespec ts;
    if (clock_gettime((clockid_t)rt_arg_int(a[0]), &ts))
        return -errno;
    return rt_mem_write(&p->mem, a[1], &ts, sizeof ts);
}

int64_t sys_clock_getres(RtProcess *p, RtThread *t, const uint64_t *a)
{
    struct timespec ts;
    if (clock_getres((clockid_t)rt_arg_int(a[0]), &ts))
        return -errno;
    return a[1] ? rt_mem_write(&p->mem, a[1], &ts, sizeof ts) : 0;
}

int64_t sys_gettimeofday(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *tv = a[0] ? rt_g2h(p, a[0], 16) : NULL;
    void *tz = a[1] ? rt_g2h(p, a[1], 8) : NULL;
    if ((a[0] && !tv) || (a[1] && !tz))
        return -EFAULT;
    return rt_host_result(syscall(SYS_gettimeofday, tv, tz));
}

int64_t sys_nanosleep(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *req = rt_g2h(p, a[0], 16);
    void *rem = a[1] ? rt_g2h(p, a[1], 16) : NULL;
    if (!req || (a[1] && !rem))
        return -EFAULT;
    return rt_host_result(syscall(SYS_nanosleep, req, rem));
}

int64_t sys_clock_nanosleep(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *req = rt_g2h(p, a[2], 16);
    void *rem = a[3] ? rt_g2h(p, a[3], 16) : NULL;
    if (!req || (a[3] && !rem))
        return -EFAULT;
    return rt_host_result(
        syscall(SYS_clock_nanosleep, rt_arg_int(a[0]), rt_arg_int(a[1]), req, rem));
}

/* ---- Scheduling, randomness ----------------------------------------------------------------- */

int64_t sys_sched_yield(RtProcess *p, RtThread *t, const uint64_t *a)
{
    return rt_host_result(sched_yield());
}

int64_t sys_sched_getaffinity(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *mask = rt_g2h(p, a[2], a[1]);
    return mask ? rt_host_result(
                      syscall(SYS_sched_getaffinity, rt_arg_int(a[0]), (size_t)a[1], mask))
                : -EFAULT;
}

int64_t sys_getrandom(RtProcess *p, RtThread *t, const uint64_t *a)
{
    void *buf = rt_g2h(p, a[0], a[1]);
    return buf ? rt_host_result(syscall(SYS_getrandom, buf, (size_t)a[1], (unsigned)a[2]))
               : -EFAULT;
}

int64_t sys_futex(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* The guest's futex word is a host word inside the reservation, so the host futex does
     * the job: WAIT returns -EAGAIN when the value differs, WAKE returns how many woke. */
    int op = rt_arg_int(a[1]);
    int cmd = op & FUTEX_CMD_MASK;
    void *uaddr = rt_g2h(p, a[0], 4);
    if (!uaddr)
        return -EFAULT;
    void *timeout = NULL, *uaddr2 = NULL;
    switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
        if (a[3] && !(timeout = rt_g2h(p, a[3], 16)))
            return -EFAULT;
        return rt_host_result(
            syscall(SYS_futex, uaddr, op, (uint32_t)a[2], timeout, NULL, (uint32_t)a[5]));
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
        return rt_host_result(
            syscall(SYS_futex, uaddr, op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]));
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
        if (!(uaddr2 = rt_g2h(p, a[4], 4)))
            return -EFAULT;
        return rt_host_result(
            syscall(SYS_futex, uaddr, op, (uint32_t)a[2], a[3], uaddr2, (uint32_t)a[5]));
    default:
        return -ENOSYS;
    }
}

/* ---- Signal actions, masks, alternate stacks
 * ------------------------------------------------------- */

int64_t sys_rt_sigaction(RtProcess *p, RtThread *t, const uint64_t *a)
{
    int sig = rt_arg_int(a[0]);
    if (a[3] != 8 || sig < 1 || sig > RT_NSIG)
        return -EINVAL;
    /* struct sigaction: handler, flags, [restorer,] mask */
    size_t words = p->abi.sa_restorer ? 4 : 3;
    uint64_t raw[4] = {0};
    if (a[1]) {
        if (sig == SIGKILL || sig == SIGSTOP)
            return -EINVAL;
        if (rt_mem_read(&p->mem, a[1], raw, words * 8))
            return -EFAULT;
    }
    RtSigAction *sa = &p->sigactions[sig];
    if (a[2]) {
        uint64_t old[4] = {sa->handler, sa->flags, sa->restorer, sa->mask};
        if (!p->abi.sa_restorer)
            old[2] = sa->mask;
        if (rt_mem_write(&p->mem, a[2], old, words * 8))
            return -EFAULT;
    }
    if (a[1]) {
        sa->handler = raw[0];
        sa->flags = raw[1];
        sa->restorer = p->abi.sa_restorer ? raw[2] : 0;
        sa->mask = p->abi.sa_restorer ? raw[3] : raw[2];
        if ((sig == SIGSEGV || sig == SIGBUS) && sa->handler > 1) /* not SIG_DFL/SIG_IGN */
            rt_process_need_precise_faults(p);
    }
    return 0;
}

int64_t sys_rt_sigprocmask(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (a[3] != 8)
        return -EINVAL;
    uint64_t set = 0, old = t->sigmask;
    if (a[1] && rt_mem_read(&p->mem, a[1], &set, 8))
        return -EFAULT;
    if (a[2] && rt_mem_write(&p->mem, a[2], &old, 8))
        return -EFAULT;
    if (a[1]) {
        switch (rt_arg_int(a[0])) {
        case SIG_BLOCK:
            t->sigmask |= set;
            break;
        case SIG_UNBLOCK:
            t->sigmask &= ~set;
            break;
        case SIG_SETMASK:
            t->sigmask = set;
            break;
        default:
            return -EINVAL;
        }
        t->sigmask &= ~((1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1)));
    }
    return 0;
}

int64_t sys_sigaltstack(RtProcess *p, RtThread *t, const uint64_t *a)
{
    /* stack_t: ss_sp, ss_flags (int, padded), ss_size */
    if (a[1]) {
        uint64_t old[3] = {t->altstack[0], t->altstack[2] ? t->altstack[1] : SS_DISABLE,
                           t->altstack[2]};
        if (rt_mem_write(&p->mem, a[1], old, sizeof old))
            return -EFAULT;
    }
    if (a[0]) {
        uint64_t ss[3];
        if (rt_mem_read(&p->mem, a[0], ss, sizeof ss))
            return -EFAULT;
        int flags = (int)(uint32_t)ss[1];
        if ((unsigned)flags & ~((unsigned)SS_DISABLE | RT_SS_AUTODISARM))
            return -EINVAL;
        if (flags & SS_DISABLE)
            ss[0] = ss[2] = 0;
        else if (ss[2] < (uint64_t)MINSIGSTKSZ)
            return -ENOMEM;
        memcpy(t->altstack, ss, sizeof ss);
        t->altstack[1] = (uint64_t)flags;
    }
    return 0;
}

/* A signal the guest sends itself: pending until delivered at the end of the syscall. */
static int64_t signal_self(RtProcess *p, RtThread *t, int sig, int code)
{
    if (sig < 0 || sig > RT_NSIG)
        return -EINVAL;
    if (sig == 0)
        return 0;
    RtSigInfo info = {.signo = sig, .code = code, .pid = getpid(), .uid = getuid()};
    rt_signal_post(p, t, &info);
    return 0;
}

int64_t sys_kill(RtProcess *p, RtThread *t, const uint64_t *a)
{
    int pid = rt_arg_int(a[0]);
    if (pid == 0 || pid == getpid())
        return signal_self(p, t, rt_arg_int(a[1]), SI_USER);
    return rt_host_result(kill(pid, rt_arg_int(a[1])));
}

int64_t sys_tkill(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (rt_arg_int(a[0]) == gettid())
        return signal_self(p, t, rt_arg_int(a[1]), SI_TKILL);
    return -ESRCH;
}

int64_t sys_tgkill(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (rt_arg_int(a[0]) == getpid() && rt_arg_int(a[1]) == gettid())
        return signal_self(p, t, rt_arg_int(a[2]), SI_TKILL);
    return -ESRCH;
}
