/* The AArch64 frontend: register table, process start state and the Frontend record. */
#include "frontends/aarch64/aarch64_internal.h"

#include <elf.h>

/* Every architectural register, for dumps and co-simulation. n, z, c, v are one byte each
 * (0 or 1); fpcr and fpsr hold only the bits that do not live in the IRStateHeader. */
static const FeReg a64_regs[] = {
    {"x0", A64_OFF_X(0), IR_I64},
    {"x1", A64_OFF_X(1), IR_I64},
    {"x2", A64_OFF_X(2), IR_I64},
    {"x3", A64_OFF_X(3), IR_I64},
    {"x4", A64_OFF_X(4), IR_I64},
    {"x5", A64_OFF_X(5), IR_I64},
    {"x6", A64_OFF_X(6), IR_I64},
    {"x7", A64_OFF_X(7), IR_I64},
    {"x8", A64_OFF_X(8), IR_I64},
    {"x9", A64_OFF_X(9), IR_I64},
    {"x10", A64_OFF_X(10), IR_I64},
    {"x11", A64_OFF_X(11), IR_I64},
    {"x12", A64_OFF_X(12), IR_I64},
    {"x13", A64_OFF_X(13), IR_I64},
    {"x14", A64_OFF_X(14), IR_I64},
    {"x15", A64_OFF_X(15), IR_I64},
    {"x16", A64_OFF_X(16), IR_I64},
    {"x17", A64_OFF_X(17), IR_I64},
    {"x18", A64_OFF_X(18), IR_I64},
    {"x19", A64_OFF_X(19), IR_I64},
    {"x20", A64_OFF_X(20), IR_I64},
    {"x21", A64_OFF_X(21), IR_I64},
    {"x22", A64_OFF_X(22), IR_I64},
    {"x23", A64_OFF_X(23), IR_I64},
    {"x24", A64_OFF_X(24), IR_I64},
    {"x25", A64_OFF_X(25), IR_I64},
    {"x26", A64_OFF_X(26), IR_I64},
    {"x27", A64_OFF_X(27), IR_I64},
    {"x28", A64_OFF_X(28), IR_I64},
    {"x29", A64_OFF_X(29), IR_I64},
    {"x30", A64_OFF_X(30), IR_I64},
    {"sp", A64_OFF_SP, IR_I64},
    {"pc", A64_OFF_PC, IR_I64},
    {"n", A64_OFF_N, IR_I8},
    {"z", A64_OFF_Z, IR_I8},
    {"c", A64_OFF_C, IR_I8},
    {"v", A64_OFF_V, IR_I8},
    {"fp_round", A64_OFF_FP_ROUND, IR_I32},
    {"fp_flags", A64_OFF_FP_FLAGS, IR_I32},
    {"fpcr", A64_OFF_FPCR, IR_I32},
    {"fpsr", A64_OFF_FPSR, IR_I32},
    {"tpidr_el0", A64_OFF_TPIDR, IR_I64},
    {"excl_addr", A64_OFF_EXCL_ADDR, IR_I64},
    {"excl_value", A64_OFF_EXCL_VALUE, IR_I64},
    {"excl_value_hi", A64_OFF_EXCL_VALUE_HI, IR_I64},
    {"v0", A64_OFF_VREG(0), IR_V128},
    {"v1", A64_OFF_VREG(1), IR_V128},
    {"v2", A64_OFF_VREG(2), IR_V128},
    {"v3", A64_OFF_VREG(3), IR_V128},
    {"v4", A64_OFF_VREG(4), IR_V128},
    {"v5", A64_OFF_VREG(5), IR_V128},
    {"v6", A64_OFF_VREG(6), IR_V128},
    {"v7", A64_OFF_VREG(7), IR_V128},
    {"v8", A64_OFF_VREG(8), IR_V128},
    {"v9", A64_OFF_VREG(9), IR_V128},
    {"v10", A64_OFF_VREG(10), IR_V128},
    {"v11", A64_OFF_VREG(11), IR_V128},
    {"v12", A64_OFF_VREG(12), IR_V128},
    {"v13", A64_OFF_VREG(13), IR_V128},
    {"v14", A64_OFF_VREG(14), IR_V128},
    {"v15", A64_OFF_VREG(15), IR_V128},
    {"v16", A64_OFF_VREG(16), IR_V128},
    {"v17", A64_OFF_VREG(17), IR_V128},
    {"v18", A64_OFF_VREG(18), IR_V128},
    {"v19", A64_OFF_VREG(19), IR_V128},
    {"v20", A64_OFF_VREG(20), IR_V128},
    {"v21", A64_OFF_VREG(21), IR_V128},
    {"v22", A64_OFF_VREG(22), IR_V128},
    {"v23", A64_OFF_VREG(23), IR_V128},
    {"v24", A64_OFF_VREG(24), IR_V128},
    {"v25", A64_OFF_VREG(25), IR_V128},
    {"v26", A64_OFF_VREG(26), IR_V128},
    {"v27", A64_OFF_VREG(27), IR_V128},
    {"v28", A64_OFF_VREG(28), IR_V128},
    {"v29", A64_OFF_VREG(29), IR_V128},
    {"v30", A64_OFF_VREG(30), IR_V128},
    {"v31", A64_OFF_VREG(31), IR_V128},
};

static void a64_init_state(void *state, const FeInitInfo *info)
{
    A64State *s = state;
    s->hdr.pc = info->entry;
    s->hdr.fp_round = IR_RM_RNE;
    s->hdr.fp_flags = 0;
    s->sp = info->sp;
    s->excl_addr = A64_NO_EXCLUSIVE;
}

/* Linux's AT_HWCAP bits for arm64 (arch/arm64/include/uapi/asm/hwcap.h): what the
 * frontend implements. */
enum {
    A64_HWCAP_FP = 1 << 0,
    A64_HWCAP_ASIMD = 1 << 1,
    A64_HWCAP_AES = 1 << 3,   /* AESE/AESD/AESMC/AESIMC */
    A64_HWCAP_PMULL = 1 << 4, /* PMULL/PMULL2 with 64-bit elements */
    A64_HWCAP_SHA1 = 1 << 5,
    A64_HWCAP_SHA2 = 1 << 6, /* SHA256H/H2/SU0/SU1 */
    A64_HWCAP_ATOMICS = 1 << 8,
};

const Frontend fe_aarch64 = {
    .name = "aarch64",
    .elf_machine = EM_AARCH64,
    .elf_class = ELFCLASS64,
    .qemu_name = "aarch64",
    .llvm_triple = "aarch64-unknown-linux-gnu",
    .llvm_features = "+neon,+fp-armv8,+lse,+aes,+sha2",
    .state_size = sizeof(A64State),
    .state_align = _Alignof(A64State),
    .regs = a64_regs,
    .nregs = sizeof(a64_regs) / sizeof(a64_regs[0]),
    .max_insn_bytes = 4,
    .syscall_nr_offset = A64_OFF_X(8),
    .syscall_arg_offset = {A64_OFF_X(0), A64_OFF_X(1), A64_OFF_X(2), A64_OFF_X(3), A64_OFF_X(4),
                           A64_OFF_X(5)},
    .syscall_ret_offset = A64_OFF_X(0),
    .sp_offset = A64_OFF_SP,
    .tls_offset = A64_OFF_TPIDR,
    .hwcap = A64_HWCAP_FP | A64_HWCAP_ASIMD | A64_HWCAP_AES | A64_HWCAP_PMULL | A64_HWCAP_SHA1 |
             A64_HWCAP_SHA2 | A64_HWCAP_ATOMICS,
    .platform = "aarch64",
    .init_state = a64_init_state,
    .lift_block = a64_lift_block,
    .disasm = NULL,
};
