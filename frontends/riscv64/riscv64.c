/* The RISC-V 64 frontend: register table, process start state and the Frontend record. */
#include "frontends/riscv64/riscv64_internal.h"

#include <elf.h>

#define XREG(name, n)                                                                              \
    {                                                                                              \
        name, RV_OFF_X(n), IR_I64                                                                  \
    }
#define FREG(name, n)                                                                              \
    {                                                                                              \
        name, RV_OFF_F(n), IR_I64                                                                  \
    }

/* Every architectural register, by ABI name, for dumps and co-simulation. f registers
 * are their raw 64-bit contents (f32 values NaN-boxed). */
static const FeReg rv_regs[] = {
    XREG("zero", 0),
    XREG("ra", 1),
    XREG("sp", 2),
    XREG("gp", 3),
    XREG("tp", 4),
    XREG("t0", 5),
    XREG("t1", 6),
    XREG("t2", 7),
    XREG("s0", 8),
    XREG("s1", 9),
    XREG("a0", 10),
    XREG("a1", 11),
    XREG("a2", 12),
    XREG("a3", 13),
    XREG("a4", 14),
    XREG("a5", 15),
    XREG("a6", 16),
    XREG("a7", 17),
    XREG("s2", 18),
    XREG("s3", 19),
    XREG("s4", 20),
    XREG("s5", 21),
    XREG("s6", 22),
    XREG("s7", 23),
    XREG("s8", 24),
    XREG("s9", 25),
    XREG("s10", 26),
    XREG("s11", 27),
    XREG("t3", 28),
    XREG("t4", 29),
    XREG("t5", 30),
    XREG("t6", 31),
    FREG("ft0", 0),
    FREG("ft1", 1),
    FREG("ft2", 2),
    FREG("ft3", 3),
    FREG("ft4", 4),
    FREG("ft5", 5),
    FREG("ft6", 6),
    FREG("ft7", 7),
    FREG("fs0", 8),
    FREG("fs1", 9),
    FREG("fa0", 10),
    FREG("fa1", 11),
    FREG("fa2", 12),
    FREG("fa3", 13),
    FREG("fa4", 14),
    FREG("fa5", 15),
    FREG("fa6", 16),
    FREG("fa7", 17),
    FREG("fs2", 18),
    FREG("fs3", 19),
    FREG("fs4", 20),
    FREG("fs5", 21),
    FREG("fs6", 22),
    FREG("fs7", 23),
    FREG("fs8", 24),
    FREG("fs9", 25),
    FREG("fs10", 26),
    FREG("fs11", 27),
    FREG("ft8", 28),
    FREG("ft9", 29),
    FREG("ft10", 30),
    FREG("ft11", 31),
    {"pc", RV_OFF_PC, IR_I64},
    {"frm", RV_OFF_FRM, IR_I32},
    {"fflags", RV_OFF_FFLAGS, IR_I32},
    {"reserve_addr", RV_OFF_RESERVE_ADDR, IR_I64},
    {"reserve_value", RV_OFF_RESERVE_VALUE, IR_I64},
};

static void rv_init_state(void *state, const FeInitInfo *info)
{
    RvState *s = state;
    s->hdr.pc = info->entry;
    s->hdr.fp_round = IR_RM_RNE;
    s->hdr.fp_flags = 0;
    s->x[RV_REG_SP] = info->sp;
    s->reserve_addr = RV_NO_RESERVATION;
}

/* Linux's AT_HWCAP for RISC-V: one bit per single-letter extension, bit (letter - 'A'). */
#define RV_HWCAP_LETTER(ch) (1ull << ((ch) - 'A'))

const Frontend fe_riscv64 = {
    .name = "riscv64",
    .elf_machine = EM_RISCV,
    .elf_class = ELFCLASS64,
    .qemu_name = "riscv64",
    .llvm_triple = "riscv64-unknown-linux-gnu",
    .llvm_features = "+m,+a,+f,+d,+c,+zicsr,+zifencei,+zba,+zbb,+zbs",
    .state_size = sizeof(RvState),
    .state_align = _Alignof(RvState),
    .regs = rv_regs,
    .nregs = sizeof(rv_regs) / sizeof(rv_regs[0]),
    .max_insn_bytes = 4,
    .syscall_nr_offset = RV_OFF_X(RV_REG_A7),
    .syscall_arg_offset = {RV_OFF_X(10), RV_OFF_X(11), RV_OFF_X(12), RV_OFF_X(13), RV_OFF_X(14),
                           RV_OFF_X(15)},
    .syscall_ret_offset = RV_OFF_X(RV_REG_A0),
    .sp_offset = RV_OFF_X(RV_REG_SP),
    .tls_offset = RV_OFF_X(RV_REG_TP),
    .hwcap = RV_HWCAP_LETTER('I') | RV_HWCAP_LETTER('M') | RV_HWCAP_LETTER('A') |
             RV_HWCAP_LETTER('F') | RV_HWCAP_LETTER('D') | RV_HWCAP_LETTER('C'),
    .platform = NULL,
    .init_state = rv_init_state,
    .lift_block = rv_lift_block,
    .disasm = rv_disasm,
};
