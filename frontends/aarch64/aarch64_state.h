/* The AArch64 guest CPU state as the IR sees it (GET/PUT offsets). */
#ifndef FVP_FRONTENDS_AARCH64_STATE_H
#define FVP_FRONTENDS_AARCH64_STATE_H

#include <stddef.h>
#include <stdint.h>

#include "ir/ir.h"

/*
 *   offset  field
 *   +-----+-------------------------------------------------------------------+
 *   |   0 | hdr.pc                                                            |
 *   |   8 | hdr.fp_round = FPCR.RMode as IRRound (RN->rne RP->rup RM->rdn RZ->rtz)|
 *   |     |   | IR_FPMODE_FZ (FPCR.FZ) | IR_FPMODE_DN (FPCR.DN)                |
 *   |  12 | hdr.fp_flags = FPSR cumulative bits as IR_FPF_* (IDC -> IR_FPF_DE)  |
 *   |  16 | x[0..30]                                                          |
 *   | 264 | sp                                                                |
 *   | 272 | n z c v: one byte each, 0 or 1 (so dead flag writes vanish)       |
 *   | 276 | fpcr: FPCR without RMode (bits 23:22 live in hdr.fp_round; FZ and |
 *   |     |   DN are in both, fp_round's copy drives the FP ops)              |
 *   | 280 | fpsr: FPSR without the cumulative exception bits (QC, NZCV)       |
 *   | 284 | (pad)                                                             |
 *   | 288 | tpidr (TPIDR_EL0)                                                 |
 *   | 296 | excl_addr (exclusive monitor; A64_NO_EXCLUSIVE: none)             |
 *   | 304 | excl_value, excl_value_hi (what LDXR/LDXP read)                   |
 *   | 320 | v[0..31]: 128 bits each, 16-byte aligned                          |
 *   +-----+-------------------------------------------------------------------+
 */
typedef struct A64State {
    IRStateHeader hdr;
    uint64_t x[31];
    uint64_t sp;
    uint8_t n, z, c, v;
    uint32_t fpcr;
    uint32_t fpsr;
    uint32_t pad;
    uint64_t tpidr;
    uint64_t excl_addr;
    uint64_t excl_value;
    uint64_t excl_value_hi;
    _Alignas(16) uint8_t vreg[32][16];
} A64State;

/* excl_addr when no exclusive load is outstanding: never an aligned address. */
#define A64_NO_EXCLUSIVE UINT64_MAX

#define A64_OFF_PC ((uint32_t)offsetof(A64State, hdr.pc))
#define A64_OFF_FP_ROUND ((uint32_t)offsetof(A64State, hdr.fp_round))
#define A64_OFF_FP_FLAGS ((uint32_t)offsetof(A64State, hdr.fp_flags))
#define A64_OFF_X(n) ((uint32_t)(offsetof(A64State, x) + 8u * (unsigned)(n)))
#define A64_OFF_SP ((uint32_t)offsetof(A64State, sp))
#define A64_OFF_N ((uint32_t)offsetof(A64State, n))
#define A64_OFF_Z ((uint32_t)offsetof(A64State, z))
#define A64_OFF_C ((uint32_t)offsetof(A64State, c))
#define A64_OFF_V ((uint32_t)offsetof(A64State, v))
#define A64_OFF_FPCR ((uint32_t)offsetof(A64State, fpcr))
#define A64_OFF_FPSR ((uint32_t)offsetof(A64State, fpsr))
#define A64_OFF_TPIDR ((uint32_t)offsetof(A64State, tpidr))
#define A64_OFF_EXCL_ADDR ((uint32_t)offsetof(A64State, excl_addr))
#define A64_OFF_EXCL_VALUE ((uint32_t)offsetof(A64State, excl_value))
#define A64_OFF_EXCL_VALUE_HI ((uint32_t)offsetof(A64State, excl_value_hi))
#define A64_OFF_VREG(n) ((uint32_t)(offsetof(A64State, vreg) + 16u * (unsigned)(n)))

_Static_assert(offsetof(A64State, x) == 16, "A64State layout is documented above");
_Static_assert(offsetof(A64State, sp) == 264, "A64State layout is documented above");
_Static_assert(offsetof(A64State, n) == 272, "A64State layout is documented above");
_Static_assert(offsetof(A64State, tpidr) == 288, "A64State layout is documented above");
_Static_assert(offsetof(A64State, vreg) == 320, "A64State layout is documented above");

#endif
