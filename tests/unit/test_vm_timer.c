/* Unit tests of the system VM's timer thread (runtime/vm/vm_timer.c): which comparator a
 * hart waits for, and that a due comparator kicks the hart (sets its wake_flag, which is
 * the exit request of its compiled loops) on both machines. */
#include <criterion/criterion.h>
#include <time.h>

#include "runtime/vm/vm_internal.h"

#define CLINT_MTIMECMP(h) (VM_CLINT_BASE + 0x4000 + 8ull * (h))
#define A64_TIMER_ENABLE 1u
#define A64_TIMER_IMASK 2u

static Vm *make_vm(VmArch arch, unsigned harts)
{
    VmConfig cfg = {.ram_bytes = 4ull << 20, .console_in_fd = -1, .arch = arch, .harts = harts};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    return vm;
}

/* Waits up to 10 s (a loaded machine) for the timer thread to kick h. */
static bool kicked_within_10s(VmHart *h)
{
    for (int i = 0; i < 10000; i++) {
        if (atomic_load(&h->wake_flag))
            return true;
        nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
    }
    return false;
}

Test(vm_timer, riscv_deadline_is_the_earliest_enabled_comparator)
{
    Vm *vm = make_vm(VM_ARCH_RISCV64, 2);
    VmHart *h = vm->harts[1];
    cr_assert_eq(vm_hart_deadline(h), UINT64_MAX); /* reset: mtimecmp all ones */
    cr_assert(vm_mmio_write(h, CLINT_MTIMECMP(1), 8, 5000));
    cr_assert_eq(vm_hart_deadline(h), 5000);
    cr_assert_eq(vm_hart_deadline(vm->harts[0]), UINT64_MAX);
    h->stimecmp = 3000; /* counts only with menvcfg.STCE */
    cr_assert_eq(vm_hart_deadline(h), 5000);
    h->menvcfg = VM_MENVCFG_STCE;
    cr_assert_eq(vm_hart_deadline(h), 3000);
    h->stimecmp = 9000;
    cr_assert_eq(vm_hart_deadline(h), 5000);
    vm_destroy(vm);
}

Test(vm_timer, aarch64_deadline_needs_enable_without_mask)
{
    Vm *vm = make_vm(VM_ARCH_AARCH64, 1);
    VmHart *h = vm->harts[0];
    cr_assert_eq(vm_hart_deadline(h), UINT64_MAX);
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL + 2, 7000)); /* CNTV_CVAL */
    cr_assert_eq(vm_hart_deadline(h), UINT64_MAX);               /* not enabled */
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL + 1, A64_TIMER_ENABLE | A64_TIMER_IMASK));
    cr_assert_eq(vm_hart_deadline(h), UINT64_MAX); /* masked */
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTV_TVAL + 1, A64_TIMER_ENABLE));
    cr_assert_eq(vm_hart_deadline(h), 7000);
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTP_TVAL + 2, 6000)); /* CNTP_CVAL */
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTP_TVAL + 1, A64_TIMER_ENABLE));
    cr_assert_eq(vm_hart_deadline(h), 6000);
    vm_destroy(vm);
}

/* A comparator written while the thread sleeps with nothing to wait for wakes it, and it
 * kicks the hart once the comparator is due, not before. */
Test(vm_timer, due_comparator_kicks_the_hart)
{
    Vm *vm = make_vm(VM_ARCH_RISCV64, 2);
    VmHart *h = vm->harts[1];
    cr_assert_null(vm_timer_start(vm));
    cr_assert(vm_mmio_write(vm->harts[0], CLINT_MTIMECMP(1), 8, vm_mtime() + 20 * 10000));
    atomic_store(&h->wake_flag, 0); /* the CLINT write kicks at once; the thread later */
    cr_assert(kicked_within_10s(h), "no kick at the mtimecmp deadline");
    cr_assert_geq(vm_mtime(), __atomic_load_n(&vm->mtimecmp[1], __ATOMIC_ACQUIRE),
                  "kicked before the deadline");
    /* Once per compare value: a due comparator left alone is not kicked again. */
    atomic_store(&h->wake_flag, 0);
    vm_timer_changed(vm);
    nanosleep(&(struct timespec){.tv_nsec = 20000000}, NULL);
    cr_assert_eq(atomic_load(&h->wake_flag), 0);
    vm_timer_stop(vm);
    vm_destroy(vm);
}

Test(vm_timer, aarch64_timer_kicks_the_cpu)
{
    Vm *vm = make_vm(VM_ARCH_AARCH64, 1);
    VmHart *h = vm->harts[0];
    cr_assert_null(vm_timer_start(vm));
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTP_TVAL, 10 * 10000)); /* TVAL: 10 ms from now */
    cr_assert(vm_arm_timer_write(h, VM_SR_CNTP_TVAL + 1, A64_TIMER_ENABLE));
    cr_assert(kicked_within_10s(h), "no kick at the CNTP_CVAL deadline");
    vm_timer_stop(vm);
    vm_destroy(vm);
}
