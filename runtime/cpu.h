/* RtCpu: one guest CPU as the interpreter, helpers and generated code see it. */
#ifndef FVP_RUNTIME_CPU_H
#define FVP_RUNTIME_CPU_H

#include <setjmp.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ir/ir.h"

struct RtProcess;
struct RtTlb;

/* Why a block (or region) stopped. */
typedef enum RtExitKind {
    RT_EXIT_JUMP = 0,  /* continue at next_pc (goto, goto_reg, side exit) */
    RT_EXIT_SYSCALL,   /* perform the syscall in the state, then continue at next_pc */
    RT_EXIT_TRAP,      /* trap_kind at pc = detail_pc; detail = instruction bytes etc. */
    RT_EXIT_FAULT,     /* guest memory fault: fault_addr, at guest pc fault_pc */
    RT_EXIT_SYNC_CODE, /* fence.i: drop translations, continue at next_pc */
} RtExitKind;

/* RtExit.detail of an RT_EXIT_JUMP: 0, or
 *   RT_JUMP_DETAIL_TIER_UP  a first-tier region ran long enough to be worth compiling again
 *                           with full optimisation (RtExit.pc is then its entry pc);
 *   RT_JUMP_DETAIL_FP_MODE  a region compiled for the default FP mode (TR_LOWER_FP_GUARD)
 *                           was entered while IRStateHeader.fp_round held another: it ran
 *                           nothing and leaves for its entry (next_pc), which the
 *                           dispatcher then runs in the interpreter. */
enum { RT_JUMP_DETAIL_TIER_UP = 1, RT_JUMP_DETAIL_FP_MODE = 2 };

typedef struct RtExit {
    uint8_t kind;      /* RtExitKind */
    uint8_t trap_kind; /* IRTrapKind for RT_EXIT_TRAP */
    uint8_t jump_kind; /* IRJumpKind of the terminator, for RT_EXIT_JUMP */
    uint8_t is_write;  /* RT_EXIT_FAULT: the access was a store */
    uint64_t next_pc;
    uint64_t fault_addr; /* RT_EXIT_FAULT */
    uint64_t pc;         /* guest pc of the trapping/faulting instruction */
    uint64_t detail;     /* RT_EXIT_TRAP: IRInsn.imm2 of the trap */
} RtExit;

/* Per-CPU execution counters (owned by the CPU, summed for --stats). */
typedef struct RtCpuStats {
    uint64_t interp_insns;  /* guest instructions run by the interpreter */
    uint64_t interp_blocks; /* blocks run by the interpreter */
    uint64_t jit_insns;     /* guest instructions run in compiled code */
    uint64_t jit_blocks;
    uint64_t syscalls;
} RtCpuStats;

/* Chaining: one slot of a thread's jump cache, consulted by compiled code that leaves for
 * a pc: if slot[(pc >> 1) & (RT_JUMP_SLOTS - 1)].pc == pc, it jumps straight into
 * slot.fn (an RtCompiledFn) instead of returning to the dispatcher. Direct-mapped, so two
 * entries whose pcs are a multiple of 2 * RT_JUMP_SLOTS bytes apart evict each other: at
 * 4096 slots (the index repeats every 8 KiB of code; aarch64's 4-aligned pcs use half the
 * slots) 94% of aarch64 bigcode's 2 million returns to the dispatcher were such
 * conflicts; 65536 slots (1 MiB per thread, its pages touched as they are used) cover
 * 128 KiB of code. */
enum { RT_JUMP_SLOTS = 65536 }; /* a power of two */
typedef struct RtJumpSlot {
    uint64_t pc;
    void *fn;
} RtJumpSlot;

/* The slot of pc in a jump cache (the generated code computes the same index). */
static inline RtJumpSlot *rt_jump_slot(RtJumpSlot *cache, uint64_t pc)
{
    return &cache[(pc >> 1) & (RT_JUMP_SLOTS - 1)];
}

/*
 * Guest memory, user mode: one host reservation of mem_limit bytes at mem_base holds the
 * guest's whole address space. A guest address a with a + size <= mem_limit lives at
 * mem_base + a; anything else is a guest fault. Pages not mapped by the guest are
 * PROT_NONE, so touching them raises a host SIGSEGV inside the reservation, which the
 * runtime turns into a guest fault (RT_EXIT_FAULT) by siglongjmp to fault_jmp.
 *
 * The reservation goes on for RT_MEM_GUARD bytes after the window, which the guest can
 * never map, and the guest can never map page 0. So compiled code may test only the base
 * x of an access at x + off (0 <= off, off + size <= RT_MEM_GUARD): x < mem_limit puts the
 * access inside the reservation (mapped, or a host fault at the exact pc), and x >=
 * mem_limit means x + off is outside the window or, wrapped, in page 0: a fault either
 * way. Accesses on one base then share one test (docs/translator.md, "Guest memory").
 */
enum { RT_MEM_GUARD = 4096 };

typedef struct RtCpu {
    void *state;          /* frontend state struct; begins with IRStateHeader */
    uint8_t *mem_base;    /* host address of guest address 0 */
    uint64_t mem_limit;   /* size of the guest address space */
    uint64_t cur_pc;      /* guest pc of the instruction being interpreted */
    struct RtProcess *proc;
    RtCpuStats stats;
    sigjmp_buf fault_jmp; /* armed by the dispatcher around guest code */
    volatile int fault_armed;
    /* System VM only (runtime/vm/): the current soft-MMU TLB, NULL in user mode. A VM CPU
     * has mem_limit 0, so rt_mem_host rejects every access and rt_mem_access falls back to
     * rt_tlb_translate; user mode never reaches that branch (no cost on its hit path). */
    struct RtTlb *tlb;
    /* Chaining (both may be NULL: compiled code then always returns to the dispatcher).
     * jump_cache: RT_JUMP_SLOTS slots filled and cleared by the dispatcher (only compiled
     * entries whose code is current). exit_request: nonzero asks compiled code to return
     * to the dispatcher at its next exit or loop back-edge (signals, invalidations, the
     * end of the process, a system VM's pending interrupt). */
    RtJumpSlot *jump_cache;
    const atomic_int *exit_request;
    /* Always 0: compiled code polls this instead when exit_request is NULL, so its loop
     * back edges need no NULL test. */
    atomic_int no_exit_request;
} RtCpu;

/* Host pointer for a guest access of `size` bytes at `addr`, or NULL if it is outside the
 * guest address space. The seam where the system VM's TLB lookup goes. */
static inline void *rt_mem_host(const RtCpu *cpu, uint64_t addr, uint64_t size)
{
    if (addr > cpu->mem_limit - size || size > cpu->mem_limit)
        return 0;
    return cpu->mem_base + addr;
}

/* Kind of a guest access, for the system VM's permission checks. */
typedef enum RtAccess { RT_ACCESS_READ = 0, RT_ACCESS_WRITE = 1, RT_ACCESS_FETCH = 2 } RtAccess;

/* The system VM's soft TLB (runtime/vm/vm_tlb.h has the diagram and the functions): per
 * access kind, nsets x ways entries; the set of a page is (vaddr >> 12) & set_mask and
 * its way 0 holds the most recent translation. */
#define RT_TLB_PAGE_SIZE 4096ull

typedef struct RtTlbEntry {
    uint64_t tag;    /* guest virtual page address, or VM_TLB_EMPTY */
    uint64_t addend; /* host address - guest virtual address */
} RtTlbEntry;

struct VmHart;

typedef struct RtTlb {
    RtTlbEntry *arr[3]; /* per RtAccess: nsets * ways entries (owned) */
    uint64_t set_mask;  /* nsets - 1 */
    unsigned ways;
    unsigned priv;       /* privilege whose translations this TLB holds */
    struct VmHart *hart; /* owner (borrowed), for the miss path */
    uint64_t misses;
} RtTlb;

static inline RtTlbEntry *rt_tlb_set(const RtTlb *t, uint64_t addr, RtAccess access)
{
    return t->arr[access] + ((addr >> 12) & t->set_mask) * t->ways;
}

/* A hit in way 0 of set: one compare (the page, and the access staying in it), one add. */
static inline void *rt_tlb_way0(const RtTlbEntry *set, uint64_t addr, uint64_t size)
{
    if (set->tag == (addr & ~(RT_TLB_PAGE_SIZE - 1)) &&
        (addr & (RT_TLB_PAGE_SIZE - 1)) + size <= RT_TLB_PAGE_SIZE)
        return (void *)(uintptr_t)(addr + set->addend);
    return 0;
}

/* System VM: translates a guest virtual access through cpu->tlb (other ways, then a page
 * walk on a miss: runtime/vm/vm_mem.c). NULL is a guest fault or an MMIO access; the VM
 * learns which from its hart when the block exits with RT_EXIT_FAULT. */
void *rt_tlb_translate(RtCpu *cpu, uint64_t addr, uint64_t size, RtAccess access);

/* rt_mem_host, then the system VM's TLB when the flat window rejects the access: its
 * way-0 hit inline (the interpreter's memory handlers), the rest out of line. */
static inline void *rt_mem_access(RtCpu *cpu, uint64_t addr, uint64_t size, RtAccess access)
{
    void *p = rt_mem_host(cpu, addr, size);
    if (__builtin_expect(p != 0, 1) || !cpu->tlb)
        return p;
    p = rt_tlb_way0(rt_tlb_set(cpu->tlb, addr, access), addr, size);
    return __builtin_expect(p != 0, 1) ? p : rt_tlb_translate(cpu, addr, size, access);
}

/* The helper table (IR_HELPER): runtime/helpers.c. */
typedef uint64_t (*RtHelperFn)(RtCpu *cpu, uint64_t a0, uint64_t a1, uint64_t a2);
extern const RtHelperFn rt_helper_fns[IR_HELPER_COUNT];

#endif
