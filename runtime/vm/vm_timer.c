/* System VM timer thread: kicks a hart when one of its timer comparators comes due.
 *
 * Interpreted blocks return to the hart loop after each block, and the loop polls the
 * comparators. Compiled code runs a guest loop as a host loop that returns only when the
 * hart's wake_flag (its cpu.exit_request) is set, so with a compiler this thread sets it:
 *
 *   comparator write (CLINT mtimecmp, stimecmp, menvcfg, CNTP/CNTV_*) --> vm_timer_changed
 *       --> timer thread: earliest deadline of every hart; due ones --> vm_hart_kick
 *           sleep until the next deadline (CLOCK_MONOTONIC, the clock of mtime) or a change
 *
 * It also polls console input every 10 ms while the guest waits for a receive interrupt
 * (the hart loop does so only every 1024 blocks). It never holds timer_lock while taking
 * another lock, so comparator writers may call vm_timer_changed under dev_lock.
 */
#include <time.h>

#include "common/common.h"
#include "runtime/vm/vm_internal.h"

enum { VM_TIMER_RX_POLL_TICKS = VM_TIMEBASE_HZ / 100 };

uint64_t vm_hart_deadline(const VmHart *h)
{
    if (h->vm->arch == VM_ARCH_AARCH64)
        return vm_arm_timer_deadline(h);
    uint64_t d = __atomic_load_n(&h->vm->mtimecmp[h->id], __ATOMIC_ACQUIRE);
    if (__atomic_load_n(&h->menvcfg, __ATOMIC_RELAXED) & VM_MENVCFG_STCE)
        d = FVP_MIN(d, __atomic_load_n(&h->stimecmp, __ATOMIC_RELAXED));
    return d;
}

static void *vm_timer_main(void *arg)
{
    Vm *vm = arg;
    uint64_t kicked[VM_MAX_HARTS]; /* the deadline each hart was last kicked for */
    for (unsigned i = 0; i < VM_MAX_HARTS; i++)
        kicked[i] = UINT64_MAX;
    pthread_mutex_lock(&vm->timer_lock);
    while (!vm->timer_stop) {
        uint64_t gen = vm->timer_gen;
        pthread_mutex_unlock(&vm->timer_lock);

        uint64_t now = vm_mtime(), next = UINT64_MAX;
        for (unsigned i = 0; i < vm->nharts; i++) {
            uint64_t d = vm_hart_deadline(vm->harts[i]);
            if (d == UINT64_MAX)
                continue;
            if (d > now)
                next = FVP_MIN(next, d);
            else if (kicked[i] != d) { /* due: once per compare value */
                kicked[i] = d;
                vm_hart_kick(vm->harts[i]);
            }
        }
        if (vm_uart_rx_wanted(vm)) {
            vm_uart_poll_rx(vm); /* raises the line, which kicks */
            next = FVP_MIN(next, now + VM_TIMER_RX_POLL_TICKS);
        }

        pthread_mutex_lock(&vm->timer_lock);
        if (vm->timer_stop || vm->timer_gen != gen)
            continue; /* a comparator changed meanwhile: look again */
        if (next == UINT64_MAX) {
            pthread_cond_wait(&vm->timer_cond, &vm->timer_lock);
        } else {
            /* mtime is CLOCK_MONOTONIC in 100 ns ticks: tick `next` as a timespec. */
            struct timespec ts = {.tv_sec = (time_t)(next / VM_TIMEBASE_HZ),
                                  .tv_nsec = (long)(next % VM_TIMEBASE_HZ * 100)};
            pthread_cond_timedwait(&vm->timer_cond, &vm->timer_lock, &ts);
        }
    }
    pthread_mutex_unlock(&vm->timer_lock);
    return NULL;
}

FvpError *vm_timer_start(Vm *vm)
{
    vm->timer_stop = false;
    int rc = pthread_create(&vm->timer_thread, NULL, vm_timer_main, vm);
    if (rc)
        return fvp_error_errno(rc, "starting the VM's timer thread");
    __atomic_store_n(&vm->timer_running, true, __ATOMIC_RELEASE);
    return NULL;
}

void vm_timer_stop(Vm *vm)
{
    if (!vm->timer_running)
        return;
    pthread_mutex_lock(&vm->timer_lock);
    vm->timer_stop = true;
    pthread_cond_signal(&vm->timer_cond);
    pthread_mutex_unlock(&vm->timer_lock);
    pthread_join(vm->timer_thread, NULL);
    __atomic_store_n(&vm->timer_running, false, __ATOMIC_RELEASE);
}

void vm_timer_changed(Vm *vm)
{
    if (!__atomic_load_n(&vm->timer_running, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&vm->timer_lock);
    vm->timer_gen++;
    pthread_cond_signal(&vm->timer_cond);
    pthread_mutex_unlock(&vm->timer_lock);
}
