/* System VM, AArch64 machine: the EL1&0 stage-1 translation (4 KiB granule) for the soft MMU. */
#include "common/common.h"
#include "runtime/vm/vm_internal.h"

/*
 *   VA[55] = 0: TTBR0_EL1, T0SZ, EPD0, TG0     VA[55] = 1: TTBR1_EL1, T1SZ, EPD1, TG1
 *   input size 64 - TxSZ (25..48 bits): the start level is 4 - ceil((size - 12) / 9)
 *
 *   level 0..2 descriptor  ..11: table (next level at bits 47:12, APTable/XNTable/PXNTable)
 *                          ..01: block at level 1 (1 GiB) or 2 (2 MiB)
 *   level 3 descriptor     ..11: page (4 KiB)
 *   leaf: AF (bit 10) must be set (no hardware update: access flag fault otherwise);
 *         AP[2:1] (bits 7:6): bit 6 = EL0 access, bit 7 = read-only; UXN (54), PXN (53);
 *         EL1 never executes a page EL0 can write.
 *
 * Faults leave the ESR fault status code in h->arm_fsc: translation 0b0001LL, access flag
 * 0b0010LL, permission 0b0011LL (LL = level), address size 0b0000LL.
 */
#define A64_DESC_VALID 1ull
#define A64_DESC_TABLE 2ull
#define A64_DESC_AF (1ull << 10)
#define A64_DESC_AP_EL0 (1ull << 6)
#define A64_DESC_AP_RO (1ull << 7)
#define A64_DESC_PXN (1ull << 53)
#define A64_DESC_UXN (1ull << 54)
#define A64_TABLE_PXN (1ull << 59)
#define A64_TABLE_UXN (1ull << 60)
#define A64_TABLE_AP_NO_EL0 (1ull << 61)
#define A64_TABLE_AP_RO (1ull << 62)
#define A64_OA_MASK 0x0000fffffffff000ull

enum {
    A64_FSC_ADDRESS_SIZE = 0x00,
    A64_FSC_TRANSLATION = 0x04,
    A64_FSC_ACCESS_FLAG = 0x08,
    A64_FSC_PERMISSION = 0x0c,
};

static VmFaultKind vm_arm_fault(VmHart *h, unsigned fsc, int level)
{
    h->arm_fsc = fsc | (unsigned)level;
    return VM_FAULT_PAGE;
}

/* Whether the leaf's permissions (with the table limits gathered on the way) allow it. */
static bool vm_arm_allows(uint64_t desc, uint64_t table_limits, RtAccess access, bool el0)
{
    bool el0_ok = (desc & A64_DESC_AP_EL0) && !(table_limits & A64_TABLE_AP_NO_EL0);
    bool ro = (desc & A64_DESC_AP_RO) || (table_limits & A64_TABLE_AP_RO);
    if (el0 && !el0_ok)
        return false;
    switch (access) {
    case RT_ACCESS_READ: return true;
    case RT_ACCESS_WRITE: return !ro;
    default:
        if (el0)
            return !(desc & A64_DESC_UXN) && !(table_limits & A64_TABLE_UXN);
        /* EL1 never executes what EL0 may write. */
        return !(desc & A64_DESC_PXN) && !(table_limits & A64_TABLE_PXN) && !(el0_ok && !ro);
    }
}

VmFaultKind vm_arm_walk(VmHart *h, uint64_t vaddr, RtAccess access, unsigned priv,
                        uint64_t *paddr)
{
    const VmArmRegs *r = &h->arm;
    if (!(r->sctlr & 1)) {
        *paddr = vaddr;
        return VM_FAULT_NONE;
    }
    bool upper = vaddr >> 55 & 1;
    unsigned tsz = (unsigned)(upper ? r->tcr >> 16 : r->tcr) & 63;
    bool disabled = upper ? r->tcr >> 23 & 1 : r->tcr >> 7 & 1;
    unsigned tg = (unsigned)(upper ? r->tcr >> 30 : r->tcr >> 14) & 3;
    bool granule_4k = upper ? tg == 2 : tg == 0;
    tsz = FVP_MAX(tsz, 16u); /* out-of-range sizes behave as the nearest supported one */
    tsz = FVP_MIN(tsz, 39u);
    unsigned size = 64 - tsz;
    uint64_t top = size == 64 ? 0 : vaddr >> size;
    if (disabled || !granule_4k || top != (upper ? (~0ull >> size) : 0))
        return vm_arm_fault(h, A64_FSC_TRANSLATION, 0);
    int level = 4 - (int)((size - 12 + 8) / 9);
    uint64_t table = (upper ? r->ttbr1 : r->ttbr0) & A64_OA_MASK;
    uint64_t limits = 0;
    for (;; level++) {
        unsigned shift = 12 + 9 * (unsigned)(3 - level);
        uint64_t index = (vaddr >> shift) & 0x1ff;
        const uint64_t *slot = (const uint64_t *)vm_phys_ram(h->vm, table + 8 * index, 8);
        if (!slot)
            return vm_arm_fault(h, A64_FSC_ADDRESS_SIZE, level); /* table outside RAM */
        uint64_t desc = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
        if (!(desc & A64_DESC_VALID))
            return vm_arm_fault(h, A64_FSC_TRANSLATION, level);
        if (level < 3 && (desc & A64_DESC_TABLE)) {
            limits |= desc & (A64_TABLE_PXN | A64_TABLE_UXN | A64_TABLE_AP_NO_EL0 |
                              A64_TABLE_AP_RO);
            table = desc & A64_OA_MASK;
            continue;
        }
        if ((level == 3 && !(desc & A64_DESC_TABLE)) || level == 0)
            return vm_arm_fault(h, A64_FSC_TRANSLATION, level); /* reserved encodings */
        if (!(desc & A64_DESC_AF))
            return vm_arm_fault(h, A64_FSC_ACCESS_FLAG, level);
        if (!vm_arm_allows(desc, limits, access, priv == VM_PRIV_U))
            return vm_arm_fault(h, A64_FSC_PERMISSION, level);
        uint64_t offset_mask = (1ull << shift) - 1;
        *paddr = (desc & A64_OA_MASK & ~offset_mask) | (vaddr & offset_mask);
        return VM_FAULT_NONE;
    }
}
