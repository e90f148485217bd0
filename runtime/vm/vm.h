/* The system VM: QEMU `virt`-like machines (RISC-V 64, AArch64) that boot bare guest images. */
#ifndef FVP_RUNTIME_VM_VM_H
#define FVP_RUNTIME_VM_VM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "common/error.h"
#include "runtime/engine.h"

/*
 *   vm_create(config) -> [vm_load_bios(fw)] -> vm_load_kernel(image) -> vm_run() -> vm_destroy()
 *    RAM, devices,        RISC-V M-mode        ELF or raw binary      a host thread   joins threads
 *    harts                firmware at the      (+ FDT, boot regs)     per hart until  flushes disk,
 *                         RAM base                                    the guest shuts frees all
 *                                                                     the machine
 *                                                                     down
 *
 * RISC-V physical memory map (after QEMU's riscv `virt` board):
 *   0x00100000  SiFive test finisher   0x0c000000  PLIC
 *   0x02000000  CLINT                  0x10000000  16550 UART (console)
 *   0x10001000 + n*0x1000  virtio-mmio slot n (n < 8; slot 0 = the disk)
 *   0x80000000  RAM (the FDT is placed at its top)
 *
 * AArch64 physical memory map (after QEMU's arm `virt` board):
 *   0x08000000  GICv2 distributor      0x08010000  GICv2 CPU interface
 *   0x09000000  PL011 UART (console)   0x0a000000 + n*0x200  virtio-mmio n (n < 32; 0 = disk)
 *   0x40000000  RAM
 *   PSCI (SYSTEM_OFF, SYSTEM_RESET, ...) through HVC or SMC shuts the machine down.
 */

enum {
    VM_MAX_HARTS = 8,
};

#define VM_RAM_BASE 0x80000000ull     /* RISC-V */
#define VM_A64_RAM_BASE 0x40000000ull /* AArch64 */

/* The guest ISA, which picks the machine. */
typedef enum VmArch { VM_ARCH_RISCV64 = 0, VM_ARCH_AARCH64 } VmArch;

typedef struct VmConfig {
    VmArch arch;           /* machine (default RISC-V 64) */
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
/* The machine an image needs: the ELF's e_machine (RISC-V or AArch64). *is_elf is false
 * (and *arch untouched) for a file that is not ELF, so the caller picks for raw images. */
FvpError *vm_probe_arch(const char *path, VmArch *arch, bool *is_elf);
/* RISC-V only: loads M-mode firmware (ELF, or raw at VM_RAM_BASE), as QEMU's -bios. The
 * harts then start in the firmware, the kernel (if any) is loaded as its payload (raw at
 * VM_RAM_BASE + 2 MiB) and a2 points at an OpenSBI fw_dynamic_info naming it. Call before
 * vm_load_kernel. */
FvpError *vm_load_bios(Vm *vm, const char *path);
/* Loads the kernel and prepares the boot registers; path may be NULL after vm_load_bios.
 * RISC-V: an ELF (PT_LOAD segments by physical address) or a raw binary at VM_RAM_BASE;
 * every hart starts at the entry with a0 = hart id, a1 = FDT address. An ELF defining
 * `tohost` also gets the HTIF device on that word (riscv-tests convention).
 * AArch64 (as QEMU's virt board): an ELF starts at e_entry with x0 = 0 and the FDT at the
 * start of RAM; a raw image is loaded at RAM + 512 KiB (or its arm64 Image text_offset)
 * and starts with x0 = FDT at RAM + min(RAM / 2, 128 MiB). CPU 0 starts; the others wait
 * for PSCI CPU_ON. */
FvpError *vm_load_kernel(Vm *vm, const char *path);
/* Runs all harts until the guest shuts the machine down; *exit_status is the status the
 * guest gave (RISC-V: test finisher or HTIF; AArch64: PSCI, see docs/vm.md; 0 for pass).
 * Host failures return an error. */
FvpError *vm_run(Vm *vm, int *exit_status);
/* Guest instructions executed by all harts so far. */
uint64_t vm_guest_insns(const Vm *vm);
/* Prints what the harts did (instructions, blocks, TLB fills, MMIO, emulated system
 * instructions, exceptions, interrupts), summed over harts, one "name value" per line. */
void vm_print_stats(const Vm *vm, FILE *out);
/* Frees the machine; NULL is fine. */
void vm_destroy(Vm *vm);

#endif
