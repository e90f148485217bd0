/* Unit tests of the RISC-V machine's Sstc support: stimecmp access rules and the STIP
 * level it drives (what OpenSBI probes and enables, and S-mode kernels then use). */
#include <criterion/criterion.h>

#include "runtime/vm/vm_internal.h"

#define CSRW_STIMECMP_T0 0x14d29073u /* csrrw x0, stimecmp, t0 */
#define CSRR_T1_STIMECMP 0x14d02373u /* csrrs t1, stimecmp, x0 */
#define STIP (1ull << 5)

Test(vm_sstc, access_rules_and_timer_level)
{
    VmConfig cfg = {.ram_bytes = 4ull << 20, .console_in_fd = -1};
    Vm *vm = NULL;
    cr_assert_null(vm_create(&cfg, &vm));
    VmHart *h = vm->harts[0];
    h->mtvec = VM_RAM_BASE + 0x100;
    /* M-mode may always access it (OpenSBI's probe). */
    h->state.x[5] = 1234;
    vm_exec_system(h, VM_RAM_BASE, CSRW_STIMECMP_T0);
    cr_assert_eq(h->stimecmp, 1234);
    cr_assert_eq(h->state.hdr.pc, VM_RAM_BASE + 4);
    /* S-mode without menvcfg.STCE: illegal instruction. */
    h->priv = VM_PRIV_S;
    vm_exec_system(h, VM_RAM_BASE + 8, CSRR_T1_STIMECMP);
    cr_assert_eq(h->mcause, VM_EXC_ILLEGAL);
    cr_assert_eq(h->mtval, CSRR_T1_STIMECMP);
    cr_assert_eq(h->priv, VM_PRIV_M);
    /* With STCE but without mcounteren.TM: still illegal; with both: allowed. */
    h->menvcfg = 1ull << 63;
    h->priv = VM_PRIV_S;
    h->mcause = 0;
    vm_exec_system(h, VM_RAM_BASE + 8, CSRR_T1_STIMECMP);
    cr_assert_eq(h->mcause, VM_EXC_ILLEGAL);
    h->mcounteren = 2;
    h->priv = VM_PRIV_S;
    h->mcause = 0;
    vm_exec_system(h, VM_RAM_BASE + 8, CSRR_T1_STIMECMP);
    cr_assert_eq(h->mcause, 0);
    cr_assert_eq(h->state.x[6], 1234);
    /* STIP follows time >= stimecmp, and software writes to it are ignored. */
    h->stimecmp = 0;
    cr_assert(vm_hart_mip(h) & STIP);
    h->stimecmp = UINT64_MAX;
    cr_assert(!(vm_hart_mip(h) & STIP));
    h->mip_sw |= STIP; /* a bit M-mode set before enabling Sstc */
    cr_assert(!(vm_hart_mip(h) & STIP));
    /* Without STCE the software bit counts again. */
    h->menvcfg = 0;
    cr_assert(vm_hart_mip(h) & STIP);
    vm_destroy(vm);
}
