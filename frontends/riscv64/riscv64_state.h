/* The RISC-V 64 guest CPU state as the IR sees it (GET/PUT offsets). */
#ifndef FVP_FRONTENDS_RISCV64_STATE_H
#define FVP_FRONTENDS_RISCV64_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "ir/ir.h"

/*
 *   offset  field
 *   +-----+------------------------------------------------------------+
 *   |   0 | hdr.pc                                                     |
 *   |   8 | hdr.fp_round = fcsr.frm (IRRound numbering = RISC-V frm)   |
 *   |  12 | hdr.fp_flags = fcsr.fflags (IR_FPF_* = RISC-V fflags bits) |
 *   |  16 | x[0..31]  (x[0] is never written: reads as zero)           |
 *   | 272 | f[0..31]  raw 64-bit register bits; f32 values NaN-boxed   |
 *   | 528 | reserve_addr  (LR/SC reservation; RV_NO_RESERVATION: none) |
 *   | 536 | reserve_value (value LR loaded, sign-extended to 64 bits)  |
 *   +-----+------------------------------------------------------------+
 */
typedef struct RvState {
    IRStateHeader hdr;
    uint64_t x[32];
    uint64_t f[32];
    uint64_t reserve_addr;
    uint64_t reserve_value;
} RvState;

/* reserve_addr when no LR is outstanding: never a naturally aligned address. */
#define RV_NO_RESERVATION UINT64_MAX

#define RV_OFF_PC ((uint32_t)offsetof(RvState, hdr.pc))
#define RV_OFF_FRM ((uint32_t)offsetof(RvState, hdr.fp_round))
#define RV_OFF_FFLAGS ((uint32_t)offsetof(RvState, hdr.fp_flags))
#define RV_OFF_X(n) ((uint32_t)(offsetof(RvState, x) + 8u * (unsigned)(n)))
#define RV_OFF_F(n) ((uint32_t)(offsetof(RvState, f) + 8u * (unsigned)(n)))
#define RV_OFF_RESERVE_ADDR ((uint32_t)offsetof(RvState, reserve_addr))
#define RV_OFF_RESERVE_VALUE ((uint32_t)offsetof(RvState, reserve_value))

_Static_assert(offsetof(RvState, x) == 16, "RvState layout is documented above");
_Static_assert(offsetof(RvState, f) == 272, "RvState layout is documented above");
_Static_assert(offsetof(RvState, reserve_addr) == 528, "RvState layout is documented above");

/* Integer ABI register numbers the frontend tables name. */
enum {
    RV_REG_ZERO = 0,
    RV_REG_RA = 1,
    RV_REG_SP = 2,
    RV_REG_TP = 4,
    RV_REG_T0 = 5,
    RV_REG_A0 = 10,
    RV_REG_A7 = 17
};

#endif
