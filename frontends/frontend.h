/* The frontend interface: what each guest ISA provides to the runtime and translator. */
#ifndef FVP_FRONTENDS_FRONTEND_H
#define FVP_FRONTENDS_FRONTEND_H

#include <stdbool.h>
#include <stdint.h>

#include "common/error.h"
#include "ir/ir.h"

/*
 *   runtime                         frontend (riscv64, aarch64, x86_64)
 *   ------------------------------  ----------------------------------------------
 *   loader: ELF e_machine  ------>  fe_find_by_elf_machine()
 *   initial state (sp, pc, ...) ->  init_state()
 *   pc + code bytes  ------------>  lift_block() -> IRBlock ending in a terminator
 *   syscall exit  --------------->  syscall ABI offsets: number, args, result
 *   dumps  ---------------------->  regs[] (names, offsets, types), disasm_triple
 */

/* One guest register in the state struct. */
typedef struct FeReg {
    const char *name; /* "a0", "x0", "rax", "f3", "pc" */
    uint32_t offset;  /* byte offset in the state struct */
    uint8_t type;     /* IRType */
} FeReg;

/* Reads guest code for the lifter: copies up to `len` bytes at guest address `pc` into
 * buf and returns how many could be read (0 when pc is not executable). */
typedef size_t (*FeFetchFn)(void *ctx, uint64_t pc, void *buf, size_t len);

typedef struct FeLiftOptions {
    uint32_t max_insns; /* stop the block after this many guest instructions (0: default) */
} FeLiftOptions;

/* What the loader knows when the process starts. */
typedef struct FeInitInfo {
    uint64_t entry; /* guest pc to start at */
    uint64_t sp;    /* initial stack pointer (argc at [sp]) */
} FeInitInfo;

typedef struct Frontend {
    const char *name;         /* "riscv64" */
    uint16_t elf_machine;     /* EM_RISCV */
    uint8_t elf_class;        /* ELFCLASS64 */
    const char *qemu_name;    /* "riscv64": qemu-<name> is the reference */
    const char *llvm_triple;  /* for guest disassembly: "riscv64-unknown-linux-gnu" */
    const char *llvm_features;/* "+m,+a,+f,+d,+c,+zba,+zbb,+zbs" */
    uint32_t state_size;      /* bytes of the state struct (starts with IRStateHeader) */
    uint32_t state_align;
    const FeReg *regs;        /* all architectural registers, for dumps and co-simulation */
    uint32_t nregs;
    uint32_t max_insn_bytes;  /* longest instruction (4 for RISC-V, 15 for x86-64) */

    /* Linux syscall ABI: state offsets of the number, the six arguments and the result. */
    uint32_t syscall_nr_offset;
    uint32_t syscall_arg_offset[6];
    uint32_t syscall_ret_offset;
    uint32_t sp_offset;       /* stack pointer register */
    uint32_t tls_offset;      /* thread pointer register (set by clone with CLONE_SETTLS) */

    uint64_t hwcap;           /* AT_HWCAP for the auxv */
    const char *platform;     /* AT_PLATFORM string or NULL */

    /* Sets up the state for a new process. state is zeroed by the caller. */
    void (*init_state)(void *state, const FeInitInfo *info);
    /* Lifts the block at pc into `out` (cleared by the caller, pc set). Always produces a
     * terminated block: undecodable instructions become IR_TRAP(IR_TRAP_ILLEGAL) with the
     * instruction bytes as detail; unreadable code becomes IR_TRAP(IR_TRAP_FETCH_FAULT).
     * Returns an error only for host failures. */
    FvpError *(*lift_block)(const struct Frontend *fe, FeFetchFn fetch, void *fetch_ctx,
                            uint64_t pc, const FeLiftOptions *opts, IRBlock *out);
    /* Writes a one-line disassembly of the instruction at pc ("addi a0, a0, 1") into buf;
     * returns its length in bytes (0 if undecodable). May be NULL (the tools then use
     * LLVM's disassembler). */
    unsigned (*disasm)(const uint8_t *code, size_t len, uint64_t pc, char *buf, size_t size);
} Frontend;

/* All built-in frontends, NULL-terminated. */
extern const Frontend *const fe_all[];
const Frontend *fe_find_by_elf_machine(uint16_t machine);
const Frontend *fe_find_by_name(const char *name);
const FeReg *fe_find_reg(const Frontend *fe, const char *name);

#endif
