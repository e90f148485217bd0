/* Guest signals: pending sets, delivery into guest handlers, faults, rt_sigreturn. */
#include "runtime/syscall_internal.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

/*
 *   kill/tgkill to self --> rt_signal_post --> pending (unless ignored)
 *   fault/trap exit ------> rt_signal_fault --> handler frame now, or death
 *   after every syscall: deliverable? --> rt_signal_deliver --> frame | ignore | death
 *   handler returns into the trampoline --> rt_sigreturn --> frame restored
 *
 * Signals are only delivered at syscall boundaries and at faults (one guest thread, no
 * asynchronous host signals are forwarded), which is where a single-threaded guest can
 * observe them anyway.
 */

static const RtSignalArch *const signal_arches[] = {&rt_signal_riscv64, &rt_signal_aarch64};

/* Where the trampoline page lives: the top page of the gap above the stack. */
static uint64_t trampoline_page(const RtMem *m)
{
    return m->limit - RT_PAGE_SIZE;
}

FvpError *rt_signal_init(RtProcess *p)
{
    p->sigarch = NULL;
    for (size_t i = 0; i < sizeof signal_arches / sizeof signal_arches[0]; i++)
        if (signal_arches[i]->elf_machine == p->fe->elf_machine)
            p->sigarch = signal_arches[i];
    if (!p->sigarch)
        return NULL;
    uint64_t page = trampoline_page(&p->mem);
    int64_t r = rt_mem_map_fixed(&p->mem, page, RT_PAGE_SIZE, PROT_READ | PROT_WRITE, RT_MAPK_ANON);
    if (!r) {
        memcpy(p->mem.base + page, p->sigarch->trampoline, p->sigarch->trampoline_size);
        r = rt_mem_mprotect(&p->mem, page, RT_PAGE_SIZE, PROT_READ | PROT_EXEC);
    }
    if (r)
        return fvp_error_errno((int)-r, "mapping the signal return trampoline");
    p->sigreturn_addr = page;
    return NULL;
}

static uint64_t sig_bit(int sig)
{
    return 1ull << (sig - 1);
}

static bool is_ignored_by_default(int sig)
{
    return sig == SIGCHLD || sig == SIGURG || sig == SIGWINCH || sig == SIGCONT || sig == SIGSTOP ||
           sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static bool is_ignored(const RtProcess *p, int sig)
{
    uint64_t h = p->sigactions[sig].handler;
    return h == (uint64_t)(uintptr_t)SIG_IGN ||
           (h == (uint64_t)(uintptr_t)SIG_DFL && is_ignored_by_default(sig));
}

void rt_signal_post(RtProcess *p, RtThread *t, const RtSigInfo *info)
{
    int sig = info->signo;
    fvp_assert(sig >= 1 && sig <= RT_NSIG);
    bool blocked = (t->sigmask & sig_bit(sig)) != 0;
    pthread_mutex_lock(&p->lock);
    if (blocked || !is_ignored(p, sig)) {
        if (!(p->sigpending & sig_bit(sig)))
            p->siginfo[sig] = *info; /* standard signals do not queue */
        __atomic_or_fetch(&p->sigpending, sig_bit(sig), __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&p->lock);
}

/* Enters the handler; false when it cannot run (no frame support or a bad stack). */
static bool enter_handler(RtThread *t, const RtSigInfo *info)
{
    RtProcess *p = t->proc;
    RtSigAction *sa = &p->sigactions[info->signo];
    if (!p->sigarch)
        return false;
    uint64_t old_mask = t->sigmask;
    if (!p->sigarch->setup_frame(t, info, sa, old_mask))
        return false;
    t->sigmask |= sa->mask;
    if (!(sa->flags & SA_NODEFER))
        t->sigmask |= sig_bit(info->signo);
    t->sigmask &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
    if (sa->flags & SA_RESETHAND)
        sa->handler = (uint64_t)(uintptr_t)SIG_DFL;
    return true;
}

static bool has_handler(const RtProcess *p, int sig)
{
    uint64_t h = p->sigactions[sig].handler;
    return h != (uint64_t)(uintptr_t)SIG_DFL && h != (uint64_t)(uintptr_t)SIG_IGN;
}

void rt_signal_deliver(RtThread *t)
{
    RtProcess *p = t->proc;
    pthread_mutex_lock(&p->lock);
    uint64_t ready = p->sigpending & ~t->sigmask;
    if (!ready) {
        pthread_mutex_unlock(&p->lock);
        return;
    }
    int sig = __builtin_ctzll(ready) + 1;
    __atomic_and_fetch(&p->sigpending, ~sig_bit(sig), __ATOMIC_RELEASE);
    RtSigInfo info = p->siginfo[sig];
    pthread_mutex_unlock(&p->lock);
    uint64_t pc = ((IRStateHeader *)t->state)->pc;
    if (is_ignored(p, sig))
        return;
    if (has_handler(p, sig)) {
        if (enter_handler(t, &info))
            return;
        if (p->sigarch) { /* the frame could not be written: Linux forces SIGSEGV */
            rt_process_kill(p, SIGSEGV, pc);
            return;
        }
    }
    rt_process_kill(p, sig, pc);
}

void rt_signal_fault(RtThread *t, const RtSigInfo *info, uint64_t pc)
{
    RtProcess *p = t->proc;
    ((IRStateHeader *)t->state)->pc = pc;
    int sig = info->signo;
    bool blocked = (t->sigmask & sig_bit(sig)) != 0;
    if (!blocked && has_handler(p, sig) && enter_handler(t, info))
        return;
    if (rt_process_kill(p, sig, pc) && (sig == SIGSEGV || sig == SIGBUS)) {
        p->outcome.has_fault_addr = true;
        p->outcome.fault_addr = info->addr;
    }
}

int64_t sys_rt_sigreturn(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (!p->sigarch || !p->sigarch->restore_frame(t)) {
        rt_process_kill(p, SIGSEGV, t->cpu.cur_pc);
        return 0;
    }
    t->keep_result = true;
    return 0;
}

int64_t sys_rt_sigpending(RtProcess *p, RtThread *t, const uint64_t *a)
{
    if (a[1] != 8)
        return -EINVAL;
    uint64_t set = __atomic_load_n(&p->sigpending, __ATOMIC_ACQUIRE) & t->sigmask;
    return rt_mem_write(&p->mem, a[0], &set, 8);
}
