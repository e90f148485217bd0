/* The `kind` arguments of the AArch64 IR helpers (ir/ir_helpers.def), shared by the lifters and runtime/helpers_aarch64.c. */
#ifndef FVP_FRONTENDS_AARCH64_HELPERS_H
#define FVP_FRONTENDS_AARCH64_HELPERS_H

/* helper estimate_arm(bits, kind, fp_round): FRECPE/FRSQRTE/FRECPX of an f32 or f64, or
 * URECPE/URSQRTE of a u32. f32/u32 results carry their IR_FPF_* flags in bits 32..39; f64
 * results fill 64 bits, so a second call with A64_EST_FLAGS_ONLY returns just the flags
 * (in bits 32..39). */
enum {
    A64_EST_FRECPE32 = 0,
    A64_EST_FRECPE64 = 1,
    A64_EST_FRSQRTE32 = 2,
    A64_EST_FRSQRTE64 = 3,
    A64_EST_FRECPX32 = 4,
    A64_EST_FRECPX64 = 5,
    A64_EST_URECPE = 6,
    A64_EST_URSQRTE = 7,
    A64_EST_FLAGS_ONLY = 0x100,
};

/* helper pmull_arm(a, b, kind): polynomial multiplication over GF(2). PMULL 64: the low or
 * high 64 bits of the 128-bit product; PMULL 8: the four 16-bit products of bytes 0-3 (LO)
 * or 4-7 (HI) of a and b; PMUL 8: the low bytes of the eight byte products. */
enum { A64_PMULL64_LO, A64_PMULL64_HI, A64_PMULL8_LO, A64_PMULL8_HI, A64_PMUL8 };

/* helper crypto_arm(op, rd | rn << 8 | rm << 16): the cryptographic extension's AES, SHA1
 * and SHA256 instructions, reading V[d], V[n], V[m] and writing V[d] in the A64State (not
 * pure: the engines write the registers back before the call and reload them after). */
enum {
    A64_CRYPTO_AESE,
    A64_CRYPTO_AESD,
    A64_CRYPTO_AESMC,
    A64_CRYPTO_AESIMC,
    A64_CRYPTO_SHA1C,
    A64_CRYPTO_SHA1P,
    A64_CRYPTO_SHA1M,
    A64_CRYPTO_SHA1SU0,
    A64_CRYPTO_SHA1H,
    A64_CRYPTO_SHA1SU1,
    A64_CRYPTO_SHA256H,
    A64_CRYPTO_SHA256H2,
    A64_CRYPTO_SHA256SU0,
    A64_CRYPTO_SHA256SU1,
};

#endif
