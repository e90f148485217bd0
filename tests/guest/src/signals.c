/* Guest test: signal handlers, masks, pending signals, SIGSEGV recovery with siglongjmp. */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "guest_util.h"

/* Written by the handlers: volatile sig_atomic_t is what async handlers may touch. */
static volatile sig_atomic_t usr1_count;
static volatile sig_atomic_t last_signal;
static volatile sig_atomic_t info_code_ok;
static sigjmp_buf recover;
static volatile uintptr_t fault_addr;

static void on_usr1(int sig)
{
    usr1_count++;
    last_signal = sig;
}

static void on_info(int sig, siginfo_t *info, void *ctx)
{
    (void)ctx;
    last_signal = sig;
    info_code_ok = info->si_signo == sig && info->si_code == SI_USER && info->si_pid == getpid();
}

static void on_segv(int sig, siginfo_t *info, void *ctx)
{
    (void)sig;
    (void)ctx;
    fault_addr = (uintptr_t)info->si_addr;
    siglongjmp(recover, 1);
}

int main(void)
{
    GuestChecks c = {0};
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    guest_check_u64(&c, "sigaction SIGUSR1", (uint64_t)sigaction(SIGUSR1, &sa, NULL), 0);
    raise(SIGUSR1);
    raise(SIGUSR1);
    guest_check_u64(&c, "handler ran twice", (uint64_t)usr1_count, 2);
    guest_check_u64(&c, "handler saw SIGUSR1", (uint64_t)last_signal, SIGUSR1);

    /* blocked signals stay pending until unblocked */
    sigset_t block, old, pending;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    kill(getpid(), SIGUSR1);
    guest_check_u64(&c, "blocked: not delivered", (uint64_t)usr1_count, 2);
    sigpending(&pending);
    guest_check_u64(&c, "sigpending shows it", (uint64_t)sigismember(&pending, SIGUSR1), 1);
    sigprocmask(SIG_SETMASK, &old, NULL);
    guest_check_u64(&c, "delivered on unblock", (uint64_t)usr1_count, 3);

    /* SA_SIGINFO handler gets siginfo */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    kill(getpid(), SIGUSR2);
    guest_check_u64(&c, "siginfo handler", (uint64_t)last_signal, SIGUSR2);
    guest_check_u64(&c, "siginfo fields", (uint64_t)info_code_ok, 1);

    /* ignored signals do nothing; the old action is reported */
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    struct sigaction cur;
    sigaction(SIGTERM, NULL, &cur);
    guest_check_u64(&c, "SIGTERM ignored", cur.sa_handler == SIG_IGN, 1);

    /* a SIGSEGV handler recovers with siglongjmp, twice, with the right address */
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    for (int round = 0; round < 2; round++) {
        volatile int *bad = (volatile int *)(uintptr_t)(0x10 + round * 0x100);
        if (sigsetjmp(recover, 1) == 0) {
            *bad = 1;
            printf("round %d: store did not fault\n", round);
        } else {
            printf("round %d: recovered from SIGSEGV at 0x%lx\n", round,
                   (unsigned long)fault_addr);
        }
    }
    /* the mask was restored by siglongjmp: SIGUSR1 still arrives */
    raise(SIGUSR1);
    guest_check_u64(&c, "signals work after recovery", (uint64_t)usr1_count, 4);

    /* an alternate signal stack */
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    guest_check_u64(&c, "sigaltstack", (uint64_t)sigaltstack(&ss, NULL), 0);
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sa.sa_flags = SA_ONSTACK | SA_RESETHAND;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    guest_check_u64(&c, "SA_ONSTACK handler", (uint64_t)usr1_count, 5);
    sigaction(SIGUSR1, NULL, &cur);
    guest_check_u64(&c, "SA_RESETHAND reset it", cur.sa_handler == SIG_DFL, 1);
    return guest_checks_exit(&c);
}
