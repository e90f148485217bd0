/* Host SIGSEGV/SIGBUS inside the guest reservation become guest faults (siglongjmp). */
#include "runtime/runtime_internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>

/*
 * The documented exception to "no mutable globals": a signal handler can only find the
 * guest CPU through thread-local state. current_cpu is set by the dispatcher's thread
 * while it runs guest code; last_fault carries the fault from the handler to the
 * dispatcher across the siglongjmp; alt_stack is this thread's alternate signal stack,
 * allocated once and kept for the thread's life (guest stack overflows must not run the
 * handler on the exhausted host stack).
 */
static __thread RtCpu *current_cpu;
static __thread RtFaultInfo last_fault;
static __thread void *alt_stack;

enum { ALT_STACK_SIZE = 64 * 1024 };

static void fault_handler(int sig, siginfo_t *si, void *uctx)
{
    RtCpu *cpu = current_cpu;
    uint8_t *addr = si->si_addr;
    /* The guard after a user-mode window belongs to it (cpu.h); a VM CPU has none. */
    uint64_t span = cpu && cpu->mem_limit ? cpu->mem_limit + RT_MEM_GUARD : 0;
    if (cpu && cpu->fault_armed && si->si_code > 0 && addr >= cpu->mem_base &&
        addr < cpu->mem_base + span) {
        const ucontext_t *uc = uctx;
        last_fault.signo = sig;
        last_fault.guest_addr = (uint64_t)(addr - cpu->mem_base);
        /* x86-64 page-fault error code: bit 1 set for a write. */
        last_fault.is_write = (uc->uc_mcontext.gregs[REG_ERR] & 2) != 0;
        last_fault.host_pc = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
        cpu->fault_armed = 0;
        siglongjmp(cpu->fault_jmp, 1);
    }
    /* A real host crash: let it happen with the default action (the faulting
     * instruction runs again), or re-raise a signal that was sent to us. */
    signal(sig, SIG_DFL);
    if (si->si_code <= 0)
        raise(sig);
}

FvpError *rt_signals_install(void)
{
    if (!alt_stack) {
        void *mem = malloc(ALT_STACK_SIZE);
        if (!mem)
            return fvp_error_errno(ENOMEM, "allocating the signal stack");
        stack_t ss = {.ss_sp = mem, .ss_size = ALT_STACK_SIZE, .ss_flags = 0};
        if (sigaltstack(&ss, NULL)) {
            int err = errno;
            free(mem);
            return fvp_error_errno(err, "installing the signal stack");
        }
        alt_stack = mem;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fault_handler;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGSEGV, &sa, NULL) || sigaction(SIGBUS, &sa, NULL))
        return fvp_error_errno(errno, "installing the fault handler");
    return NULL;
}

void rt_signals_uninstall(void)
{
    if (!alt_stack)
        return;
    stack_t ss = {.ss_flags = SS_DISABLE};
    sigaltstack(&ss, NULL);
    free(alt_stack);
    alt_stack = NULL;
}

void rt_signals_set_cpu(RtCpu *cpu)
{
    current_cpu = cpu;
}

RtFaultInfo rt_signals_last_fault(void)
{
    return last_fault;
}
