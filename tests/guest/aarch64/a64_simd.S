/* Guest test, A64 Advanced SIMD: immediates, dup/ins/umov/smov, lane arithmetic and compares, pairwise and across-lane reductions, shifts, narrowing/widening, permutes, tbl/tbx and structure loads/stores. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    adrp x19, data
    add x19, x19, :lo12:data
    adrp x20, buf
    add x20, x20, :lo12:buf
    /* modified immediates */
    movi v0.16b, #0xa5
    CHECK_VLO movi_16b, 0, 0xa5a5a5a5a5a5a5a5
    movi v0.4s, #0x12, lsl #8
    CHECK_VHI movi_4s_lsl8, 0, 0x0000120000001200
    mvni v0.8h, #0x1
    CHECK_VLO mvni_8h, 0, 0xfffefffefffefffe
    movi v0.2d, #0xff00ff0000ff00ff
    CHECK_VHI movi_2d_bytes, 0, 0xff00ff0000ff00ff
    movi v0.4s, #0x7f, msl #16
    CHECK_VLO movi_msl16, 0, 0x007fffff007fffff
    movi v0.2s, #0x1
    orr v0.2s, #0x10, lsl #8
    CHECK_VLO orr_imm_2s, 0, 0x0000100100001001
    bic v0.2s, #0x1
    CHECK_VLO bic_imm_2s, 0, 0x0000100000001000
    fmov v0.4s, #1.5
    CHECK_VHI fmov_4s_imm, 0, 0x3fc000003fc00000
    fmov v0.2d, #-2.0
    CHECK_VLO fmov_2d_imm, 0, 0xc000000000000000
    movi v0.8b, #0x11
    CHECK_VHI q0_clears_high_half, 0, 0
    /* dup, ins, umov, smov */
    mov x0, #0x1234
    dup v1.8h, w0
    CHECK_VHI dup_8h_general, 1, 0x1234123412341234
    ldr q2, [x19]
    dup v1.4s, v2.s[3]
    CHECK_VLO dup_4s_element, 1, 0x1f1e1d1c1f1e1d1c
    mov x0, #-1
    ins v1.s[1], w0
    CHECK_VLO ins_general, 1, 0xffffffff1f1e1d1c
    ins v1.b[0], v2.b[15]
    CHECK_VLO ins_element, 1, 0xffffffff1f1e1d1f
    umov w0, v2.h[5]
    CHECK umov_h, x0, 0x1b1a
    smov x0, v2.b[0]
    CHECK smov_b_positive, x0, 0x10
    movi v3.16b, #0x80
    smov x0, v3.h[2]
    CHECK smov_h_negative, x0, 0xffffffffffff8080
    mov x0, v2.d[1]
    CHECK mov_d1, x0, 0x1f1e1d1c1b1a1918
    mov s4, v2.s[2]
    CHECK_VLO dup_scalar_s, 4, 0x1b1a1918
    /* lane arithmetic */
    ldr q3, [x19, #16]
    add v4.16b, v2.16b, v3.16b
    CHECK_VLO add_16b, 4, 0xe0c0a0806040200
    sub v4.8h, v2.8h, v3.8h
    CHECK_VHI sub_8h, 4, 0x1f201f201f201f20
    mul v4.4s, v2.4s, v3.4s
    CHECK_VLO mul_4s, 4, 0xb0703b1034200f00
    uqadd v4.16b, v2.16b, v3.16b
    uqsub v5.16b, v3.16b, v2.16b
    CHECK_VLO uqadd_16b, 4, 0xffffffffffffffff
    CHECK_VLO uqsub_16b_saturates, 5, 0xe0e0e0e0e0e0e0e0
    movi v6.16b, #0x70
    sqadd v5.16b, v6.16b, v6.16b
    CHECK_VLO sqadd_saturates, 5, 0x7f7f7f7f7f7f7f7f
    umax v4.4s, v2.4s, v3.4s
    CHECK_VLO umax_4s, 4, 0xf7f6f5f4f3f2f1f0
    smin v4.8h, v2.8h, v6.8h
    CHECK_VLO smin_8h, 4, 0x1716151413121110
    uabd v4.16b, v3.16b, v2.16b
    CHECK_VLO uabd_16b, 4, 0xe0e0e0e0e0e0e0e0
    mla v4.8h, v2.8h, v2.8h
    CHECK_VHI mla_8h, 4, 0x28643bf05f849320
    /* logic */
    and v4.16b, v2.16b, v6.16b
    CHECK_VLO and_16b, 4, 0x1010101010101010
    bic v4.16b, v2.16b, v6.16b
    CHECK_VLO bic_16b, 4, 0x0706050403020100
    orn v4.8b, v2.8b, v6.8b
    CHECK_VLO orn_8b, 4, 0x9f9f9f9f9f9f9f9f
    eor v4.16b, v2.16b, v3.16b
    CHECK_VHI eor_16b, 4, 0xe0e0e0e0e0e0e0e0
    mov v4.16b, v6.16b
    bsl v4.16b, v2.16b, v3.16b
    CHECK_VLO bsl, 4, 0x9796959493929190
    mov v4.16b, v3.16b
    bit v4.16b, v2.16b, v6.16b
    CHECK_VLO bit, 4, 0x9796959493929190
    mov v4.16b, v3.16b
    bif v4.16b, v2.16b, v6.16b
    CHECK_VLO bif, 4, 0x7776757473727170
    /* compares */
    cmeq v4.16b, v2.16b, v2.16b
    CHECK_VLO cmeq_all, 4, 0xffffffffffffffff
    cmhi v4.8h, v3.8h, v2.8h
    CHECK_VLO cmhi_8h, 4, 0xffffffffffffffff
    cmgt v4.16b, v3.16b, v2.16b
    CHECK_VHI cmgt_signed, 4, 0x0
    cmtst v4.4s, v2.4s, v6.4s
    CHECK_VLO cmtst, 4, 0xffffffffffffffff
    cmeq v4.16b, v2.16b, #0
    CHECK_VLO cmeq_zero, 4, 0
    cmlt v4.8h, v3.8h, #0
    CHECK_VLO cmlt_zero, 4, 0xffffffffffffffff
    /* pairwise and across lanes */
    addp v4.16b, v2.16b, v3.16b
    CHECK_VLO addp_16b, 4, 0x3d3935312d292521
    umaxp v4.4s, v2.4s, v3.4s
    CHECK_VHI umaxp_4s, 4, 0xfffefdfcf7f6f5f4
    uminp v4.8b, v2.8b, v3.8b
    CHECK_VLO uminp_8b, 4, 0xf6f4f2f016141210
    addv b4, v2.16b
    CHECK_VLO addv_16b, 4, 0x78
    umaxv h4, v3.8h
    CHECK_VLO umaxv_8h, 4, 0xfffe
    uminv s4, v2.4s
    CHECK_VLO uminv_4s, 4, 0x13121110
    saddlv h4, v3.16b
    CHECK_VLO saddlv_16b, 4, 0xff78
    addp d4, v2.2d
    CHECK_VLO addp_scalar, 4, 0x363432302e2c2a28
    /* shifts */
    ushr v4.16b, v3.16b, #4
    CHECK_VLO ushr_16b, 4, 0x0f0f0f0f0f0f0f0f
    sshr v4.8h, v3.8h, #12
    CHECK_VLO sshr_8h, 4, 0xffffffffffffffff
    shl v4.4s, v2.4s, #4
    CHECK_VLO shl_4s, 4, 0x7161514031211100
    ushr d4, d2, #64
    CHECK_VLO ushr_64_is_zero, 4, 0
    sshr v4.2d, v3.2d, #64
    CHECK_VLO sshr_64_sign, 4, 0xffffffffffffffff
    usra v4.2d, v2.2d, #8
    CHECK_VLO usra, 4, 0x0017161514131210
    urshr v4.16b, v2.16b, #3
    CHECK_VLO urshr, 4, 0x0303030302020202
    shrn v4.8b, v2.8h, #4
    CHECK_VLO shrn, 4, 0xf1d1b19171513111
    shrn2 v4.16b, v3.8h, #8
    CHECK_VHI shrn2, 4, 0xfffdfbf9f7f5f3f1
    sli v4.2d, v2.2d, #56
    CHECK_VLO sli, 4, 0x10d1b19171513111
    sri v4.4s, v2.4s, #16
    CHECK_VLO sri, 4, 0x10d1171671511312
    ushl v4.8h, v2.8h, v6.8h
    CHECK_VLO ushl_large, 4, 0
    /* widening and narrowing */
    uxtl v4.8h, v3.8b
    CHECK_VLO uxtl, 4, 0xf300f200f100f0
    sxtl2 v4.4s, v3.8h
    CHECK_VLO sxtl2, 4, 0xfffffbfafffff9f8
    xtn v4.8b, v4.8h
    CHECK_VLO xtn, 4, 0xfffefffcfffafff8
    sqxtn v4.8b, v2.8h
    CHECK_VLO sqxtn, 4, 0x7f7f7f7f7f7f7f7f
    sqxtun v4.8b, v3.8h
    CHECK_VLO sqxtun, 4, 0
    uqxtn v4.4h, v2.4s
    CHECK_VLO uqxtn, 4, 0xffffffffffffffff
    uaddw v4.8h, v2.8h, v3.8b
    CHECK_VLO uaddw, 4, 0x1809160614031200
    umull v4.4s, v2.4h, v3.4h
    CHECK_VLO umull, 4, 0x122c1d0410200f00
    smull2 v4.2d, v2.4s, v3.4s
    CHECK_VHI smull2, 4, 0xffffe0a32a315390
    /* permutes */
    zip1 v4.16b, v2.16b, v3.16b
    CHECK_VLO zip1_16b, 4, 0xf313f212f111f010
    zip2 v4.4s, v2.4s, v3.4s
    CHECK_VHI zip2_4s, 4, 0xfffefdfc1f1e1d1c
    uzp1 v4.8h, v2.8h, v3.8h
    CHECK_VHI uzp1_8h, 4, 0xfdfcf9f8f5f4f1f0
    uzp2 v4.8b, v2.8b, v3.8b
    CHECK_VLO uzp2_8b, 4, 0xf7f5f3f117151311
    trn1 v4.4s, v2.4s, v3.4s
    CHECK_VLO trn1_4s, 4, 0xf3f2f1f013121110
    trn2 v4.8h, v2.8h, v3.8h
    CHECK_VLO trn2_8h, 4, 0xf7f61716f3f21312
    ext v4.16b, v2.16b, v3.16b, #3
    CHECK_VHI ext_16b, 4, 0xf2f1f01f1e1d1c1b
    ext v4.8b, v2.8b, v3.8b, #6
    CHECK_VLO ext_8b, 4, 0xf5f4f3f2f1f01716
    rev64 v4.16b, v2.16b
    CHECK_VLO rev64_16b, 4, 0x1011121314151617
    rev32 v4.8h, v2.8h
    CHECK_VLO rev32_8h, 4, 0x1514171611101312
    rev16 v4.16b, v2.16b
    CHECK_VLO rev16_16b, 4, 0x1617141512131011
    cnt v4.16b, v3.16b
    CHECK_VLO cnt_16b, 4, 0x706060506050504
    not v4.16b, v2.16b
    CHECK_VLO not_16b, 4, 0xe8e9eaebecedeeef
    rbit v4.8b, v2.8b
    CHECK_VLO rbit_8b, 4, 0xe868a828c8488808
    /* tbl/tbx */
    ldr q5, [x19, #32]
    tbl v4.16b, {v2.16b}, v5.16b
    CHECK_VLO tbl_1, 4, 0x0000101f1e121110
    tbl v4.16b, {v2.16b, v3.16b}, v5.16b
    CHECK_VLO tbl_2, 4, 0xfff0101f1e121110
    mov v4.16b, v6.16b
    tbx v4.16b, {v2.16b}, v5.16b
    CHECK_VLO tbx_1, 4, 0x7070101f1e121110
    /* structure loads and stores */
    ld1 {v4.16b, v5.16b}, [x19]
    CHECK_VHI ld1_two_regs, 5, 0xfffefdfcfbfaf9f8
    ld2 {v4.8b, v5.8b}, [x19]
    CHECK_VLO ld2_even, 4, 0x1e1c1a1816141210
    CHECK_VLO ld2_odd, 5, 0x1f1d1b1917151311
    ld3 {v4.4h, v5.4h, v6.4h}, [x19]
    CHECK_VLO ld3_first, 4, 0xf3f21d1c17161110
    ld4 {v4.4s, v5.4s, v6.4s, v7.4s}, [x19]
    CHECK_VHI ld4_last, 7, 0x2f2e2d2c0a090807
    ld1r {v4.8h}, [x19]
    CHECK_VHI ld1r, 4, 0x1110111011101110
    ld1 {v4.s}[1], [x19]
    CHECK_VLO ld1_lane, 4, 0x1312111011101110
    mov x21, x20
    st2 {v2.16b, v3.16b}, [x21], #32
    sub x0, x21, x20
    CHECK st2_post_index, x0, 32
    ldr x0, [x20]
    CHECK st2_interleaves, x0, 0xf313f212f111f010
    st1 {v2.d}[1], [x20]
    ldr x0, [x20]
    CHECK st1_lane, x0, 0x1f1e1d1c1b1a1918
    mov x21, #16
    st1 {v3.16b}, [x20], x21
    ldr x0, [x20, #-16]
    CHECK st1_post_register, x0, 0xf7f6f5f4f3f2f1f0
    ldp q4, q5, [x19]
    CHECK_VLO ldp_q, 5, 0xf7f6f5f4f3f2f1f0
    /* FP lanes */
    fmov v4.4s, #2.0
    fmov v5.4s, #0.5
    fmul v6.4s, v4.4s, v5.4s
    CHECK_VLO fmul_4s, 6, 0x3f8000003f800000
    fadd v6.2d, v6.2d, v6.2d
    CHECK_VLO fadd_2d_bits, 6, 0x3f9000003f800000
    fmov v4.2d, #3.0
    fcvtzs v6.2d, v4.2d
    CHECK_VHI fcvtzs_2d, 6, 3
    scvtf v6.4s, v4.4s
    CHECK_VLO scvtf_4s, 6, 0x4e80100000000000
    fcmgt v6.2d, v4.2d, #0.0
    CHECK_VLO fcmgt_zero, 6, 0xffffffffffffffff
    fmaxp v6.2d, v4.2d, v5.2d
    CHECK_VHI fmaxp, 6, 0x3f0000003f000000
    faddp s6, v5.2s
    CHECK_VLO faddp_scalar, 6, 0x3f800000
    fmla v5.4s, v5.4s, v5.4s
    CHECK_VLO fmla, 5, 0x3f4000003f400000
    fcvtl v6.2d, v5.2s
    CHECK_VLO fcvtl, 6, 0x3fe8000000000000
    fcvtn v6.2s, v6.2d
    CHECK_VLO fcvtn, 6, 0x3f4000003f400000
    TEST_END

    .data
    .balign 16
data:
    .byte 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x1c, 0x1d, 0x1e, 0x1f
    .byte 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff
    .byte 0, 1, 2, 14, 15, 0, 16, 31, 0x80, 0xff, 5, 6, 7, 8, 9, 10
    .byte 0x20, 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28, 0x29, 0x2a, 0x2b, 0x2c, 0x2d, 0x2e, 0x2f
    .bss
    .balign 16
buf: .space 64
