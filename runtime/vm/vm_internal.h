/* System VM internals: the machine, its harts, devices, soft MMU and trap machinery. */
#ifndef FVP_RUNTIME_VM_VM_INTERNAL_H
#define FVP_RUNTIME_VM_VM_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "common/hashmap.h"
#include "frontends/frontend.h"
#include "frontends/aarch64/aarch64_state.h"
#include "frontends/riscv64/riscv64_state.h"
#include "runtime/cpu.h"
#include "runtime/interp.h"
#include "runtime/vm/vm.h"
#include "runtime/vm/vm_tlb.h"

/* Physical memory map (QEMU virt). */
#define VM_TEST_BASE 0x100000ull
#define VM_TEST_SIZE 0x1000ull
#define VM_CLINT_BASE 0x2000000ull
#define VM_CLINT_SIZE 0x10000ull
#define VM_PLIC_BASE 0xc000000ull
#define VM_PLIC_SIZE 0x600000ull
#define VM_UART_BASE 0x10000000ull
#define VM_UART_SIZE 0x100ull
#define VM_VIRTIO_BASE 0x10001000ull
#define VM_VIRTIO_STRIDE 0x1000ull
#define VM_VIRTIO_SLOTS 8u
#define VM_UART_IRQ 10u
#define VM_VIRTIO_IRQ 1u /* slot n raises PLIC source 1 + n */
#define VM_PLIC_SOURCES 32u
#define VM_TIMEBASE_HZ 10000000ull
/* AArch64 (QEMU arm virt). */
#define VM_PL011_BASE 0x09000000ull
#define VM_PL011_SIZE 0x1000ull
#define VM_GICD_BASE 0x08000000ull /* GICv2 distributor */
#define VM_GICC_BASE 0x08010000ull /* GICv2 CPU interface */
#define VM_GIC_REGION 0x10000ull
#define VM_GIC_IRQS 128u         /* SGIs 0-15, PPIs 16-31, SPIs 32-127 */
#define VM_GIC_WORDS (VM_GIC_IRQS / 32)
#define VM_GIC_PPI_VTIMER 27u    /* virtual timer (PPI 11) */
#define VM_GIC_PPI_PTIMER 30u    /* non-secure physical timer (PPI 14) */
#define VM_A64_VIRTIO_BASE 0x0a000000ull /* virtio-mmio transport n at + n * 0x200 */
#define VM_A64_VIRTIO_STRIDE 0x200ull
#define VM_A64_VIRTIO_SLOTS 32u
#define VM_A64_VIRTIO_INTID 48u /* transport n: SPI 16 + n */
#define VM_A64_PL011_INTID 33u  /* SPI 1 */
/* AArch64 system register encodings: op0:op1:CRn:CRm:op2 as in MRS bits 20:5. */
#define VM_A64_SYSREG(op0, op1, crn, crm, op2)                                                     \
    ((unsigned)(op0) << 14 | (unsigned)(op1) << 11 | (unsigned)(crn) << 7 | (unsigned)(crm) << 3 | \
     (unsigned)(op2))
#define VM_SR_CNTPCT VM_A64_SYSREG(3, 3, 14, 0, 1)
#define VM_SR_CNTP_TVAL VM_A64_SYSREG(3, 3, 14, 2, 0) /* CTL at op2 1, CVAL at op2 2 */
#define VM_SR_CNTV_TVAL VM_A64_SYSREG(3, 3, 14, 3, 0)
/* RISC-V with firmware (-bios): where the payload goes, as for QEMU and OpenSBI fw_jump. */
#define VM_BIOS_PAYLOAD_OFFSET 0x200000ull

/* Privilege levels (the encoding of mstatus.MPP). */
enum { VM_PRIV_U = 0, VM_PRIV_S = 1, VM_PRIV_M = 3 };

/* Interrupt bits of mip/mie (also the interrupt cause numbers). */
enum {
    VM_IRQ_SSI = 1,
    VM_IRQ_MSI = 3,
    VM_IRQ_STI = 5,
    VM_IRQ_MTI = 7,
    VM_IRQ_SEI = 9,
    VM_IRQ_MEI = 11,
};
#define VM_MIP_BIT(n) (1ull << (n))

/* Exception causes. */
enum {
    VM_EXC_FETCH_MISALIGNED = 0,
    VM_EXC_FETCH_ACCESS = 1,
    VM_EXC_ILLEGAL = 2,
    VM_EXC_BREAKPOINT = 3,
    VM_EXC_LOAD_MISALIGNED = 4,
    VM_EXC_LOAD_ACCESS = 5,
    VM_EXC_STORE_MISALIGNED = 6,
    VM_EXC_STORE_ACCESS = 7,
    VM_EXC_ECALL_U = 8,
    VM_EXC_ECALL_S = 9,
    VM_EXC_ECALL_M = 11,
    VM_EXC_FETCH_PAGE = 12,
    VM_EXC_LOAD_PAGE = 13,
    VM_EXC_STORE_PAGE = 15,
};

/* mstatus fields. */
#define VM_MSTATUS_SIE (1ull << 1)
#define VM_MSTATUS_MIE (1ull << 3)
#define VM_MSTATUS_SPIE (1ull << 5)
#define VM_MSTATUS_MPIE (1ull << 7)
#define VM_MSTATUS_SPP (1ull << 8)
#define VM_MSTATUS_MPP (3ull << 11)
#define VM_MSTATUS_FS (3ull << 13)
#define VM_MSTATUS_MPRV (1ull << 17)
#define VM_MSTATUS_SUM (1ull << 18)
#define VM_MSTATUS_MXR (1ull << 19)
#define VM_MSTATUS_TVM (1ull << 20)
#define VM_MSTATUS_TW (1ull << 21)
#define VM_MSTATUS_TSR (1ull << 22)

#define VM_MSTATUS_UXL (3ull << 32)
#define VM_MSTATUS_SXL (3ull << 34)
#define VM_MSTATUS_SD (1ull << 63)

/* menvcfg.STCE (Sstc): stimecmp drives STIP. */
#define VM_MENVCFG_STCE (1ull << 63)

/* Why the last translation of a hart failed (read by the run loop on RT_EXIT_FAULT). */
typedef enum VmFaultKind {
    VM_FAULT_NONE = 0,
    VM_FAULT_PAGE,       /* Sv39 walk failed or permissions denied: page fault */
    VM_FAULT_ACCESS,     /* physical address is neither RAM nor a device */
    VM_FAULT_MMIO,       /* a device register: the run loop emulates the instruction */
    VM_FAULT_MISALIGNED, /* crosses a page into non-contiguous memory */
} VmFaultKind;

typedef struct Vm Vm;

/* A translated block of one hart (owned by its VmMode.blocks). */
typedef struct VmBlock {
    InterpCode *code;  /* interpreter form (owned); NULL for an intercepted instruction */
    IRBlock *ir;       /* kept until compiled when a compiler is configured (owned) */
    RtCompiledFn fn;   /* compiled form or NULL (owned by the compiler) */
    uint32_t execs;    /* interpreted runs so far */
} VmBlock;

/* Per-privilege translation state of a hart: TLB and translated blocks for that mode. */
typedef struct VmMode {
    RtTlb tlb;
    U64Map blocks; /* guest virtual pc -> VmBlock * (owned) */
} VmMode;

/* One generic timer (EL1 physical or virtual): compare value and CTL (ENABLE, IMASK). */
typedef struct VmArmTimer {
    uint64_t cval;
    uint32_t ctl;
} VmArmTimer;

/* AArch64 EL1 system registers the VM emulates (trap and emulate, runtime/vm/vm_arm.c). */
typedef struct VmArmRegs {
    VmArmTimer ptimer, vtimer;
    uint64_t vbar, elr, spsr, esr, far, sctlr, cpacr, tcr, mair, ttbr0, ttbr1, tpidr_el1;
    uint64_t contextidr, amair, par, mdscr, cntkctl;
    uint64_t sp_el0, sp_el1; /* banked stack pointers; the selected one lives in A64State.sp */
    uint8_t daif;            /* PSTATE.DAIF in bits 3:0 (D A I F) */
    uint8_t spsel;           /* PSTATE.SP at EL1: 1 = SP_EL1, 0 = SP_EL0 */
    uint8_t el;              /* current exception level: 0 or 1 */
} VmArmRegs;

/* What a hart did besides running blocks (for --stats; only its own thread writes them). */
typedef struct VmHartStats {
    uint64_t blocks_translated, blocks_compiled, flushes;
    uint64_t mmio;       /* device loads/stores emulated */
    uint64_t system;     /* privileged instructions and system registers emulated */
    uint64_t exceptions; /* synchronous traps taken by the guest */
    uint64_t interrupts;
} VmHartStats;

/* One vCPU. Owned by the Vm; runs on its own host thread inside vm_run. */
typedef struct VmHart {
    Vm *vm;
    unsigned id;
    RtCpu cpu;      /* cpu.state = &state (RISC-V) or &a64 (AArch64); cpu.tlb = the data
                     * TLB of the effective mode */
    RvState state;  /* x, f, pc, fcsr, LR reservation */
    A64State a64;   /* AArch64 machine: x, v, pc, NZCV, FP control */
    VmArmRegs arm;
    bool arm_off;   /* AArch64: powered off, waiting for PSCI CPU_ON (h->lock) */
    unsigned priv;  /* VM_PRIV_* (AArch64: always VM_PRIV_S, standing for EL1) */
    VmMode mode[4]; /* indexed by VM_PRIV_* (slot 2 unused) */

    /* CSRs (machine and supervisor). */
    uint64_t mstatus, medeleg, mideleg, mie, mip_sw; /* mip_sw: SSIP, STIP, SEIP as written */
    uint64_t mtvec, mscratch, mepc, mcause, mtval, mcounteren, menvcfg;
    uint64_t stvec, sscratch, sepc, scause, stval, satp, scounteren, senvcfg;
    uint64_t stimecmp; /* Sstc: STIP = time >= stimecmp while menvcfg.STCE is set */
    uint64_t pmpcfg[16], pmpaddr[64];

    /* Devices' view: mip bits raised from outside (MSIP, MEIP, SEIP), atomically updated. */
    uint64_t mip_hw;
    /* Set by anyone who changed this hart's interrupts (vm_hart_kick); the hart loop takes
     * it back to 0 and looks. With a compiler it is also cpu.exit_request, so compiled
     * loops return to the hart loop when it is set. */
    atomic_int wake_flag;
    bool wfi;      /* sleeping in wfi */
    pthread_mutex_t lock;
    pthread_cond_t cond;
    pthread_t thread;

    VmHartStats stats;

    /* Last failed translation. */
    VmFaultKind fault_kind;
    uint64_t fault_paddr;
    unsigned arm_fsc; /* AArch64: ESR fault status code of the last failed walk */
    uint64_t mmio_scratch[2];
} VmHart;

typedef struct VmUart {
    uint8_t ier, lcr, mcr, scr, dll, dlm, fcr;
    uint8_t rx;
    bool rx_full, rx_eof;
    bool thre_pending; /* 16550 THR-empty interrupt raised, not yet taken (IIR read) */
    bool irq_line;     /* the level last given to the PLIC */
    uint32_t pl011_regs[0x50 / 4]; /* AArch64: PL011 control registers as written */
    uint32_t pl011_tx_ris;         /* PL011 transmit interrupt raised (by a DR write) */
    int in_fd;
    FILE *out;
} VmUart;

typedef struct VmPlic {
    uint32_t priority[VM_PLIC_SOURCES];
    uint32_t pending;                         /* bit per source */
    uint32_t claimed;                         /* sources claimed and not yet completed */
    uint32_t enable[2 * VM_MAX_HARTS];        /* context = 2 * hart + (0: M, 1: S) */
    uint32_t threshold[2 * VM_MAX_HARTS];
} VmPlic;

struct VmBlk;

/* GICv2 state of the AArch64 machine (dev_lock held; bit n of a mask = interrupt n). */
typedef struct VmGic {
    uint32_t dist_ctlr, cpu_ctlr;
    uint8_t pmr, bpr, running_prio;
    uint32_t enabled[VM_GIC_WORDS], active[VM_GIC_WORDS];
    uint32_t pending[VM_GIC_WORDS]; /* latched: GICD_ISPENDR, SGIs */
    uint32_t line[VM_GIC_WORDS];    /* device lines (level); timers add their levels */
    uint8_t priority[VM_GIC_IRQS];
    uint32_t icfg[VM_GIC_IRQS / 16];
} VmGic;

/* HTIF (riscv-tests' tohost/fromhost words in RAM). The page holding them is treated as a
 * device page, so every guest access reaches vm_mmio_*; 0 = no HTIF. */
typedef struct VmHtif {
    uint64_t tohost, fromhost; /* physical addresses (symbols of the ELF) */
} VmHtif;

struct Vm {
    VmConfig config;
    VmArch arch;
    const Frontend *fe;
    uint8_t *ram; /* host mapping of guest RAM (owned, mmap) */
    uint64_t ram_base;
    uint64_t ram_bytes;
    bool has_bios;      /* harts start in firmware loaded by vm_load_bios */
    uint64_t bios_entry;
    VmHtif htif;
    uint64_t fdt_addr;
    uint64_t entry;
    unsigned nharts;
    VmHart *harts[VM_MAX_HARTS]; /* owned */

    pthread_mutex_t dev_lock; /* every device register access */
    VmUart uart;
    uint64_t mtimecmp[VM_MAX_HARTS];
    VmPlic plic;
    VmGic gic;
    struct VmBlk *blk; /* virtio block device or NULL (owned) */

    /* Timer thread (vm_timer.c; only with a compiler): kicks harts when a timer
     * comparator comes due. timer_gen counts comparator changes (timer_lock held). */
    pthread_t timer_thread;
    bool timer_running;
    bool timer_stop;
    uint64_t timer_gen;
    pthread_mutex_t timer_lock;
    pthread_cond_t timer_cond; /* CLOCK_MONOTONIC */

    int shutdown; /* atomic: set by the test finisher or a host error */
    int exit_status;
    FvpError *error; /* first host failure of a hart thread (owned) */
};

/* ---- vm_mem.c: physical memory, Sv39, TLB fill ---------------------------------------- */
/* Host pointer of [paddr, paddr + size) if it is RAM, else NULL. */
uint8_t *vm_phys_ram(Vm *vm, uint64_t paddr, uint64_t size);
/* Translates vaddr for `access` as privilege `priv` (with mstatus SUM/MXR of hart). On
 * success *paddr is the physical address and *perm the host-level permission mask (bits
 * 1 << RtAccess) the mapping allows for this mode. Sets A (and D on writes) in the PTE. */
VmFaultKind vm_walk(VmHart *h, uint64_t vaddr, RtAccess access, unsigned priv, uint64_t *paddr);
/* Copies code for the lifter (FeFetchFn; ctx is the VmHart). */
size_t vm_fetch_code(void *ctx, uint64_t pc, void *buf, size_t len);
/* Privilege data accesses use (mstatus.MPRV). */
unsigned vm_data_priv(const VmHart *h);
/* Points cpu.tlb at the data TLB of the current effective privilege. */
void vm_hart_select_tlb(VmHart *h);
/* Drops every TLB entry and translated block of the hart. */
void vm_hart_flush(VmHart *h);
/* Frees one translated block. */
void vm_block_free(VmBlock *b);
/* Bulk copies into / out of guest physical RAM (image loading, DMA). */
FvpError *vm_phys_write(Vm *vm, uint64_t paddr, const void *src, uint64_t len);
FvpError *vm_phys_read(Vm *vm, uint64_t paddr, void *dst, uint64_t len);

/* ---- vm_dev.c: UART, test finisher, CLINT, PLIC, bus dispatch ----------------------- */
/* Device register access of `size` bytes; false if nothing lives at paddr. */
bool vm_mmio_read(VmHart *h, uint64_t paddr, unsigned size, uint64_t *value);
bool vm_mmio_write(VmHart *h, uint64_t paddr, unsigned size, uint64_t value);
/* Sets or clears a PLIC source line (any thread). */
void vm_plic_set_irq(Vm *vm, unsigned source, bool level);
/* Whether the guest waits for a receive interrupt (16550 IER.ERBFI or PL011 IMSC.RXIM set)
 * with a console input to read; any thread. */
bool vm_uart_rx_wanted(Vm *vm);
/* Reads console input that arrived while vm_uart_rx_wanted, raising the UART's line;
 * cheap when it is not. */
void vm_uart_poll_rx(Vm *vm);
/* mtime in ticks of VM_TIMEBASE_HZ (the same clock as the time CSR). */
uint64_t vm_mtime(void);
/* Wakes a hart that may sleep in wfi and makes it re-check interrupts. */
void vm_hart_kick(VmHart *h);
/* Requests machine shutdown with a status (first request wins). */
void vm_request_shutdown(Vm *vm, int status);
void vm_dev_init(Vm *vm);
void vm_dev_fini(Vm *vm);

/* ---- vm_priv.c: CSRs, traps, privileged instructions ------------------------------ */
/* Current mip (software bits, device lines, timer). */
uint64_t vm_hart_mip(VmHart *h);
/* Takes an exception (cause) or interrupt at epc with tval. */
void vm_trap_take(VmHart *h, uint64_t cause, bool interrupt, uint64_t epc, uint64_t tval);
/* If an enabled interrupt is pending, takes it (the hart is at an instruction boundary,
 * state.hdr.pc is the next instruction). Returns whether it did. */
bool vm_check_interrupts(VmHart *h);
/* Emulates the SYSTEM instruction `insn` at pc (CSR access, mret, sret, wfi, sfence.vma);
 * raises an illegal-instruction exception for anything else. */
void vm_exec_system(VmHart *h, uint64_t pc, uint32_t insn);
/* Sleeps until an interrupt is pending (for wfi) or the machine shuts down. */
void vm_hart_wait(VmHart *h);

/* ---- vm_run.c ----------------------------------------------------------------------- */
/* Thread body of a hart: runs until the machine shuts down. */
void *vm_hart_main(void *arg);
/* The block at pc for the hart's privilege: cached, or lifted and prepared now (and
 * compiled once hot when a compiler is configured). */
FvpError *vm_block_for_pc(VmHart *h, uint64_t pc, VmBlock **out);
/* Runs one block (compiled or interpreted); h->fault_kind is reset first. */
void vm_block_run(VmHart *h, VmBlock *b, RtExit *ex);
/* Records a hart's host failure and shuts the machine down. */
void vm_hart_fail(VmHart *h, FvpError *err);
/* Whether paddr is a device register of the machine (or the HTIF page). */
bool vm_is_device(const Vm *vm, uint64_t paddr);

/* ---- vm_arm.c: the AArch64 machine's hart loop, PSCI, EL1 system registers ---------- */
/* How many instructions a block at pc may hold before one the VM must execute itself
 * (MRS MPIDR_EL1, which the frontend lifts as a constant): 0 for the frontend's default,
 * or -1 when the instruction at pc is such a one (the block is an intercept). */
int vm_arm_lift_limit(VmHart *h, uint64_t pc);
void *vm_arm_hart_main(VmHart *h);
/* Sets the boot state of an AArch64 hart: EL1h, DAIF masked, MMU off, pc and x0. */
void vm_arm_hart_reset(VmHart *h, uint64_t pc, uint64_t x0);

/* ---- vm_arm_mmu.c ------------------------------------------------------------------- */
/* vm_walk for the AArch64 machine: stage-1 EL1&0 translation when SCTLR_EL1.M is set
 * (4 KiB granule), else the identity; faults set h->arm_fsc. */
VmFaultKind vm_arm_walk(VmHart *h, uint64_t vaddr, RtAccess access, unsigned priv,
                        uint64_t *paddr);

/* ---- vm_arm_gic.c: GICv2 and the generic timer (AArch64) --------------------------- */
void vm_gic_reset(VmGic *g);
/* Register access in the distributor or CPU interface (dev_lock held). */
bool vm_gic_read(VmHart *h, uint64_t paddr, unsigned size, uint64_t *value);
bool vm_gic_write(VmHart *h, uint64_t paddr, unsigned size, uint64_t value);
/* Sets a device's SPI line (any thread; takes dev_lock, or _locked with it held). */
void vm_gic_set_line(Vm *vm, unsigned intid, bool level);
void vm_gic_set_line_locked(Vm *vm, unsigned intid, bool level);
/* Whether the GIC signals an IRQ to the CPU (enabled, pending, not active, above PMR). */
bool vm_arm_irq_pending(VmHart *h);
/* The system counter (CNTPCT/CNTVCT, 10 MHz). */
uint64_t vm_arm_counter(VmHart *h);
/* CNTPCT and the CNTP/CNTV TVAL, CTL, CVAL registers; false for other registers. */
bool vm_arm_timer_read(VmHart *h, unsigned reg, uint64_t *value);
bool vm_arm_timer_write(VmHart *h, unsigned reg, uint64_t value);
/* The earliest compare value of h's enabled, unmasked timers (UINT64_MAX: none); any
 * thread. */
uint64_t vm_arm_timer_deadline(const VmHart *h);

/* ---- vm_htif.c ---------------------------------------------------------------------- */
/* Reads/writes in the HTIF page (RAM-backed); a write to tohost acts on the command. */
bool vm_htif_read(Vm *vm, uint64_t paddr, unsigned size, uint64_t *value);
bool vm_htif_write(Vm *vm, uint64_t paddr, unsigned size, uint64_t value);
/* Finds `tohost`/`fromhost` in an ELF image's symbol table (0 when absent). */
void vm_htif_find_symbols(const uint8_t *img, size_t size, VmHtif *out);

/* ---- vm_timer.c: the timer thread ------------------------------------------------- */
/* Starts the thread that kicks harts when their timer comparators come due (vm_run, with
 * a compiler: interpreted blocks return to the hart loop, which polls them anyway). */
FvpError *vm_timer_start(Vm *vm);
/* Stops and joins it; nothing when it is not running. */
void vm_timer_stop(Vm *vm);
/* A timer comparator of some hart changed (any thread, any locks held): the timer
 * thread looks again. Cheap when the thread is not running. */
void vm_timer_changed(Vm *vm);
/* The time the timer thread waits for, for tests: the earliest comparator of hart h
 * (UINT64_MAX: none), in VM_TIMEBASE_HZ ticks. */
uint64_t vm_hart_deadline(const VmHart *h);

/* ---- vm_fdt.c ----------------------------------------------------------------------- */
/* Builds the device tree blob for vm into a new buffer (*out, *len owned by the caller). */
FvpError *vm_fdt_build(const Vm *vm, uint8_t **out, size_t *len);

/* ---- vm_blk.c: virtio-mmio block device ------------------------------------------- */
/* Opens the disk image and starts the I/O thread. *out owned by the caller. */
FvpError *vm_blk_create(Vm *vm, const char *path, struct VmBlk **out);
/* Stops the I/O thread after finishing queued requests, syncs and closes the file. */
void vm_blk_destroy(struct VmBlk *blk);
/* Register access at offset off of the virtio-mmio slot (any hart thread). */
bool vm_blk_read(struct VmBlk *blk, uint64_t off, unsigned size, uint64_t *value);
bool vm_blk_write(struct VmBlk *blk, uint64_t off, unsigned size, uint64_t value);

#endif
