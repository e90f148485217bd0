/* Guest test, A64 AES/SHA1/SHA256, PMULL/PMUL and the reciprocal (square root) estimates: chains of rounds over fixed inputs, values recorded from qemu-aarch64. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    msr fpsr, xzr
    /* AES: ten rounds of aese+aesmc with the same key, then ten of aesd+aesimc */
    LOAD_Q 1, 0x0011223344556677, 0x8899aabbccddeeff
    LOAD_Q 2, 0x0001020304050607, 0x08090a0b0c0d0e0f
    mov v0.16b, v1.16b
    mov x19, #10
1:  aese v0.16b, v2.16b
    aesmc v0.16b, v0.16b
    subs x19, x19, #1
    b.ne 1b
    CHECK_VLO aes_enc_lo, 0, 0x48428820ae2c81b6
    CHECK_VHI aes_enc_hi, 0, 0xa9336216c68897e0
    mov x19, #10
2:  aesimc v0.16b, v0.16b
    aesd v0.16b, v2.16b
    subs x19, x19, #1
    b.ne 2b
    CHECK_VLO aes_dec_lo, 0, 0xff4d48848ee122a3
    CHECK_VHI aes_dec_hi, 0, 0x09d3f1b342faf098
    /* SHA256: 16 rounds of the message schedule and hash on fixed words */
    LOAD_Q 3, 0x510e527f9b05688c, 0x1f83d9ab5be0cd19
    LOAD_Q 4, 0x6a09e667bb67ae85, 0x3c6ef372a54ff53a
    LOAD_Q 5, 0x6162638000000000, 0x0000000000000000
    LOAD_Q 6, 0x0000000000000000, 0x0000000000000018
    mov x19, #8
3:  mov v7.16b, v4.16b
    add v16.4s, v5.4s, v6.4s
    sha256h q4, q3, v16.4s
    sha256h2 q3, q7, v16.4s
    sha256su0 v5.4s, v6.4s
    sha256su1 v5.4s, v6.4s, v16.4s
    subs x19, x19, #1
    b.ne 3b
    CHECK_VLO sha256_abcd_lo, 4, 0xb4437657f493667a
    CHECK_VHI sha256_abcd_hi, 4, 0x6b761593fd97b6ed
    CHECK_VLO sha256_efgh_lo, 3, 0xdeb1d5d013ebe125
    CHECK_VHI sha256_efgh_hi, 3, 0x41d4e36f20f7d085
    /* SHA1 */
    LOAD_Q 8, 0x67452301efcdab89, 0x98badcfe10325476
    LOAD_D 9, 0xc3d2e1f0
    mov x19, #5
4:  sha1c q8, s9, v5.4s
    sha1h s9, s8
    sha1p q8, s9, v6.4s
    sha1m q8, s9, v5.4s
    sha1su0 v5.4s, v6.4s, v8.4s
    sha1su1 v6.4s, v5.4s
    subs x19, x19, #1
    b.ne 4b
    CHECK_VLO sha1_lo, 8, 0xb900107a85a5d4fc
    CHECK_VHI sha1_hi, 8, 0x6feff61e6f29fd64
    CHECK_VLO sha1_e, 9, 0x00000000f16d258a
    /* GHASH-style carry-less products */
    pmull v10.1q, v1.1d, v2.1d
    pmull2 v11.1q, v1.2d, v2.2d
    eor v10.16b, v10.16b, v11.16b
    CHECK_VLO pmull64_lo, 10, 0x0440044004400440
    CHECK_VHI pmull64_hi, 10, 0x0440044004400440
    pmull2 v12.8h, v1.16b, v2.16b
    pmul v13.16b, v12.16b, v1.16b
    CHECK_VLO pmull8_lo, 13, 0x0050aaf35404feab
    CHECK_VHI pmull8_hi, 13, 0x2040a8cb3074b8f3
    /* Newton-Raphson from the estimates: 1/3 and 1/sqrt(2) */
    fmov v14.4s, #3.0
    frecpe v15.4s, v14.4s
    frecps v17.4s, v14.4s, v15.4s
    fmul v15.4s, v15.4s, v17.4s
    CHECK_VLO recip_3, 15, 0x3eaaaaa03eaaaaa0
    fmov v14.2d, #2.0
    frsqrte v15.2d, v14.2d
    fmul v17.2d, v15.2d, v15.2d
    frsqrts v17.2d, v14.2d, v17.2d
    fmul v15.2d, v15.2d, v17.2d
    CHECK_VLO rsqrt_2, 15, 0x3fe6a08c1c000000
    LOAD_Q 18, 0x80000000ffffffff, 0x4000000012345678
    urecpe v19.4s, v18.4s
    ursqrte v20.4s, v18.4s
    CHECK_VLO urecpe_lo, 19, 0xff80000080000000
    CHECK_VHI urecpe_hi, 19, 0xffffffffffffffff
    CHECK_VLO ursqrte_lo, 20, 0xb480000080000000
    CHECK_VHI ursqrte_hi, 20, 0xff800000ffffffff
    fmov d21, #-4.0
    frecpx d22, d21
    CHECK_VLO frecpx_d, 22, 0xbfe0000000000000
    CHECK_FPSR estimate_flags, 0
    TEST_END
