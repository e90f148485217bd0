/* System VM memory: guest physical RAM, Sv39 page walks, the TLB miss path, code fetch. */
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "runtime/interp.h"
#include "runtime/vm/vm_internal.h"

#define VM_PTE_V (1ull << 0)
#define VM_PTE_R (1ull << 1)
#define VM_PTE_W (1ull << 2)
#define VM_PTE_X (1ull << 3)
#define VM_PTE_U (1ull << 4)
#define VM_PTE_A (1ull << 6)
#define VM_PTE_D (1ull << 7)
#define VM_PPN_MASK ((1ull << 44) - 1)
#define VM_SATP_MODE_SV39 8ull

uint8_t *vm_phys_ram(Vm *vm, uint64_t paddr, uint64_t size)
{
    uint64_t off = paddr - vm->ram_base;
    if (paddr < vm->ram_base || off > vm->ram_bytes || size > vm->ram_bytes - off)
        return NULL;
    return vm->ram + off;
}

FvpError *vm_phys_write(Vm *vm, uint64_t paddr, const void *src, uint64_t len)
{
    uint8_t *p = vm_phys_ram(vm, paddr, len);
    if (!p)
        return fvp_error_new(FVP_ERR_FORMAT,
                             "0x%llx bytes at physical 0x%llx do not fit in guest RAM",
                             (unsigned long long)len, (unsigned long long)paddr);
    memcpy(p, src, len);
    return NULL;
}

FvpError *vm_phys_read(Vm *vm, uint64_t paddr, void *dst, uint64_t len)
{
    const uint8_t *p = vm_phys_ram(vm, paddr, len);
    if (!p)
        return fvp_error_new(FVP_ERR_FORMAT, "0x%llx bytes at physical 0x%llx are not RAM",
                             (unsigned long long)len, (unsigned long long)paddr);
    memcpy(dst, p, len);
    return NULL;
}

unsigned vm_data_priv(const VmHart *h)
{
    if (h->priv == VM_PRIV_M && (h->mstatus & VM_MSTATUS_MPRV))
        return (unsigned)((h->mstatus & VM_MSTATUS_MPP) >> 11);
    return h->priv;
}

void vm_hart_select_tlb(VmHart *h)
{
    h->cpu.tlb = &h->mode[vm_data_priv(h)].tlb;
}

void vm_hart_flush(VmHart *h)
{
    h->stats.flushes++;
    for (unsigned p = 0; p < 4; p++) {
        if (p == 2)
            continue;
        vm_tlb_flush(&h->mode[p].tlb);
        uint64_t key;
        void *block;
        for (size_t it = 0; u64map_next(&h->mode[p].blocks, &it, &key, &block);)
            vm_block_free(block);
        u64map_free(&h->mode[p].blocks);
        u64map_init(&h->mode[p].blocks);
    }
}

void vm_block_free(VmBlock *b)
{
    if (!b)
        return;
    interp_code_free(b->code);
    ir_block_free(b->ir);
    free(b);
}

static bool vm_pte_allows(const VmHart *h, uint64_t pte, RtAccess access, unsigned priv)
{
    if (pte & VM_PTE_U) {
        if (priv == VM_PRIV_S && (access == RT_ACCESS_FETCH || !(h->mstatus & VM_MSTATUS_SUM)))
            return false;
    } else if (priv == VM_PRIV_U) {
        return false;
    }
    switch (access) {
    case RT_ACCESS_READ:
        return (pte & VM_PTE_R) || ((h->mstatus & VM_MSTATUS_MXR) && (pte & VM_PTE_X));
    case RT_ACCESS_WRITE: return (pte & VM_PTE_W) != 0;
    default: return (pte & VM_PTE_X) != 0;
    }
}

VmFaultKind vm_walk(VmHart *h, uint64_t vaddr, RtAccess access, unsigned priv, uint64_t *paddr)
{
    if (h->vm->arch == VM_ARCH_AARCH64)
        return vm_arm_walk(h, vaddr, access, priv, paddr);
    if (priv == VM_PRIV_M || (h->satp >> 60) != VM_SATP_MODE_SV39) {
        *paddr = vaddr;
        return VM_FAULT_NONE;
    }
    if ((uint64_t)((int64_t)(vaddr << 25) >> 25) != vaddr)
        return VM_FAULT_PAGE; /* bits 63..39 must copy bit 38 */
    uint64_t table = (h->satp & VM_PPN_MASK) << 12;
    for (int level = 2; level >= 0; level--) {
        uint64_t vpn = (vaddr >> (12 + 9 * level)) & 0x1ff;
        uint64_t *slot = (uint64_t *)vm_phys_ram(h->vm, table + vpn * 8, 8);
        if (!slot)
            return VM_FAULT_ACCESS;
        uint64_t pte = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
        for (;;) {
            if (!(pte & VM_PTE_V) || (!(pte & VM_PTE_R) && (pte & VM_PTE_W)))
                return VM_FAULT_PAGE;
            if (!(pte & (VM_PTE_R | VM_PTE_X)))
                break; /* pointer to the next level */
            uint64_t ppn = (pte >> 10) & VM_PPN_MASK;
            uint64_t low = (1ull << (9 * level)) - 1; /* ppn bits a superpage leaves to vaddr */
            if (!vm_pte_allows(h, pte, access, priv) || (ppn & low))
                return VM_FAULT_PAGE;
            uint64_t need = VM_PTE_A | (access == RT_ACCESS_WRITE ? VM_PTE_D : 0);
            if ((pte & need) != need &&
                !__atomic_compare_exchange_n(slot, &pte, pte | need, false, __ATOMIC_ACQ_REL,
                                             __ATOMIC_ACQUIRE))
                continue; /* another hart changed the PTE: check it again */
            *paddr = ((ppn & ~low) << 12) | (vaddr & ((1ull << (12 + 9 * level)) - 1));
            return VM_FAULT_NONE;
        }
        table = ((pte >> 10) & VM_PPN_MASK) << 12;
    }
    return VM_FAULT_PAGE;
}

bool vm_is_device(const Vm *vm, uint64_t paddr)
{
    if (vm->arch == VM_ARCH_AARCH64)
        return (paddr >= VM_PL011_BASE && paddr < VM_PL011_BASE + VM_PL011_SIZE) ||
               (paddr >= VM_GICD_BASE && paddr < VM_GICD_BASE + VM_GIC_REGION) ||
               (paddr >= VM_GICC_BASE && paddr < VM_GICC_BASE + VM_GIC_REGION) ||
               (paddr >= VM_A64_VIRTIO_BASE &&
                paddr < VM_A64_VIRTIO_BASE + VM_A64_VIRTIO_SLOTS * VM_A64_VIRTIO_STRIDE);
    if (vm->htif.tohost && (paddr & VM_PAGE_MASK) == (vm->htif.tohost & VM_PAGE_MASK))
        return true;
    return (paddr >= VM_TEST_BASE && paddr < VM_TEST_BASE + VM_TEST_SIZE) ||
           (paddr >= VM_CLINT_BASE && paddr < VM_CLINT_BASE + VM_CLINT_SIZE) ||
           (paddr >= VM_PLIC_BASE && paddr < VM_PLIC_BASE + VM_PLIC_SIZE) ||
           (paddr >= VM_UART_BASE && paddr < VM_UART_BASE + VM_UART_SIZE) ||
           (paddr >= VM_VIRTIO_BASE && paddr < VM_VIRTIO_BASE + VM_VIRTIO_SLOTS * VM_VIRTIO_STRIDE);
}

/* Translates one page for t's privilege and fills the TLB; NULL with h->fault_* set. */
static uint8_t *vm_translate_page(VmHart *h, RtTlb *t, uint64_t vaddr, RtAccess access)
{
    uint64_t paddr = 0;
    VmFaultKind kind = vm_walk(h, vaddr, access, t->priv, &paddr);
    if (kind == VM_FAULT_NONE) {
        uint8_t *host = vm_phys_ram(h->vm, paddr & VM_PAGE_MASK, VM_PAGE_SIZE);
        /* The HTIF page is RAM the device watches: data accesses take the MMIO path
         * (instruction fetches from it are plain RAM). */
        if (host && access != RT_ACCESS_FETCH && h->vm->htif.tohost &&
            (paddr & VM_PAGE_MASK) == (h->vm->htif.tohost & VM_PAGE_MASK))
            host = NULL;
        if (host) {
            t->misses++;
            vm_tlb_insert(t, access, vaddr, host);
            return host + (vaddr & ~VM_PAGE_MASK);
        }
        kind = vm_is_device(h->vm, paddr) ? VM_FAULT_MMIO : VM_FAULT_ACCESS;
    }
    h->fault_kind = kind;
    h->fault_paddr = paddr;
    return NULL;
}

void *rt_tlb_translate(RtCpu *cpu, uint64_t addr, uint64_t size, RtAccess access)
{
    RtTlb *t = cpu->tlb;
    void *p = vm_tlb_lookup(t, addr, size, access);
    if (p)
        return p;
    VmHart *h = t->hart;
    uint8_t *host = vm_translate_page(h, t, addr, access);
    if (!host || (addr & ~VM_PAGE_MASK) + size <= VM_PAGE_SIZE)
        return host;
    /* Crosses a page: fine when both pages are contiguous host RAM. */
    uint64_t next = (addr & VM_PAGE_MASK) + VM_PAGE_SIZE;
    uint8_t *second = vm_translate_page(h, t, next, access);
    if (!second)
        return NULL;
    if (second != host + (next - addr)) {
        h->fault_kind = VM_FAULT_MISALIGNED;
        return NULL;
    }
    return host;
}

size_t vm_fetch_code(void *ctx, uint64_t pc, void *buf, size_t len)
{
    VmHart *h = ctx;
    RtTlb *t = &h->mode[h->priv].tlb;
    size_t done = 0;
    while (done < len) {
        uint64_t a = pc + done;
        size_t chunk = FVP_MIN(len - done, (size_t)(VM_PAGE_SIZE - (a & ~VM_PAGE_MASK)));
        uint8_t *p = vm_tlb_lookup(t, a, chunk, RT_ACCESS_FETCH);
        if (!p)
            p = vm_translate_page(h, t, a, RT_ACCESS_FETCH);
        if (!p)
            break;
        memcpy((uint8_t *)buf + done, p, chunk);
        done += chunk;
    }
    return done;
}
