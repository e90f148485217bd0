/* The system VM: a RISC-V `virt`-like machine that boots bare guest images. */
#ifndef FVP_RUNTIME_VM_VM_H
#define FVP_RUNTIME_VM_VM_H

#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "runtime/engine.h"

/*
 *   vm_create(config) --> vm_load_kernel(image) --> vm_run() --> vm_destroy()
 *        RAM, devices,        ELF or raw binary       one host thread    joins threads,
 *        harts, FDT           at 0x80000000           per hart, until    flushes the disk,
 *                                                     the guest writes   frees everything
 *                                                     the test finisher
 *
 * Physical memory map (after QEMU's riscv `virt` board):
 *   0x00100000  SiFive test finisher   0x0c000000  PLIC
 *   0x02000000  CLINT                  0x10000000  16550 UART (console)
 *   0x10001000 + n*0x1000  virtio-mmio slot n (n < 8; slot 0 = the disk)
 *   0x80000000  RAM (the FDT is placed at its top)
 */

enum {
    VM_MAX_HARTS = 8,
};

#define VM_RAM_BASE 0x80000000ull

typedef struct VmConfig {
    uint64_t ram_bytes;    /* guest RAM (default 128 MiB when 0) */
    unsigned harts;        /* vCPUs (default 1 when 0; at most VM_MAX_HARTS) */
    const char *disk_path; /* host file behind the virtio block device, or NULL */
    unsigned tlb_entries;  /* per TLB array (read, write, fetch); power of two; 0: 256 */
    FILE *console;         /* UART output (borrowed; stdout when NULL) */
    int console_in_fd;     /* UART input, or -1 for none */
    /* Compiled tier (borrowed; NULL: interpreter only). A block is compiled on the hart's
     * thread after it ran hot_threshold times; the compiler's memory accesses must take
     * the soft-MMU path (RtCpu.tlb, rt_tlb_translate) as the interpreter's do. */
    const RtCompiler *compiler;
    uint32_t hot_threshold;
} VmConfig;

typedef struct Vm Vm;

/* Creates the machine. *out is owned by the caller (vm_destroy). On failure nothing is
 * left allocated. */
FvpError *vm_create(const VmConfig *config, Vm **out);
/* Loads an ELF (PT_LOAD segments by physical address) or a raw binary at VM_RAM_BASE;
 * every hart starts at the entry with a0 = hart id, a1 = FDT address. */
FvpError *vm_load_kernel(Vm *vm, const char *path);
/* Runs all harts until the guest shuts the machine down; *exit_status is the status
 * the guest wrote to the test finisher (0 for pass). Host failures return an error. */
FvpError *vm_run(Vm *vm, int *exit_status);
/* Guest instructions executed by all harts so far. */
uint64_t vm_guest_insns(const Vm *vm);
/* Frees the machine; NULL is fine. */
void vm_destroy(Vm *vm);

#endif
