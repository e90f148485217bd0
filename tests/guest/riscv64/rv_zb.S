/* Guest test, Zba/Zbb/Zbs: every instruction, including W forms and edge inputs. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    li s0, 0x0123456789abcdef
    li s1, 0x1000
    li s2, 0xffffffff80000010 /* low word 0x80000010 */
    /* Zba */
    sh1add s3, s0, s1
    CHECK sh1add, s3, 0x02468acf13579bde + 0x1000
    sh2add s3, s1, s1
    CHECK sh2add, s3, 0x5000
    sh3add s3, s1, s1
    CHECK sh3add, s3, 0x9000
    add.uw s3, s2, s1
    CHECK add_uw, s3, 0x80001010
    sh1add.uw s3, s2, s1
    CHECK sh1add_uw, s3, 0x100001020
    sh2add.uw s3, s2, zero
    CHECK sh2add_uw, s3, 0x200000040
    sh3add.uw s3, s2, zero
    CHECK sh3add_uw, s3, 0x400000080
    slli.uw s3, s2, 4
    CHECK slli_uw, s3, 0x800000100
    zext.w s3, s2
    CHECK zext_w, s3, 0x80000010
    /* Zbb logic, counts, min/max, extends */
    li s4, 0xff00ff00ff00ff00
    andn s3, s0, s4
    CHECK andn, s3, 0x0023006700ab00ef
    orn s3, zero, s4
    CHECK orn, s3, 0x00ff00ff00ff00ff
    xnor s3, s4, s4
    CHECK xnor, s3, -1
    clz s3, s0
    CHECK clz, s3, 7
    clz s3, zero
    CHECK clz_zero, s3, 64
    ctz s3, s1
    CHECK ctz, s3, 12
    ctz s3, zero
    CHECK ctz_zero, s3, 64
    cpop s3, s0
    CHECK cpop, s3, 32
    clzw s3, s1
    CHECK clzw, s3, 19
    clzw s3, s2
    CHECK clzw_top_bit, s3, 0
    li s5, 0xffffffff00000000
    clzw s3, s5
    CHECK clzw_low_zero, s3, 32
    ctzw s3, s5
    CHECK ctzw_low_zero, s3, 32
    cpopw s3, s5
    CHECK cpopw_ignores_upper, s3, 0
    cpopw s3, s2
    CHECK cpopw, s3, 2
    li s6, -5
    li s7, 3
    max s3, s6, s7
    CHECK max, s3, 3
    maxu s3, s6, s7
    CHECK maxu, s3, -5
    min s3, s6, s7
    CHECK min, s3, -5
    minu s3, s6, s7
    CHECK minu, s3, 3
    li s6, 0x1234567890abcd80
    sext.b s3, s6
    CHECK sext_b, s3, 0xffffffffffffff80
    sext.h s3, s6
    CHECK sext_h, s3, 0xffffffffffffcd80
    zext.h s3, s6
    CHECK zext_h, s3, 0xcd80
    /* rotates, byte ops */
    li s6, 4
    rol s3, s0, s6
    CHECK rol, s3, 0x123456789abcdef0
    ror s3, s0, s6
    CHECK ror, s3, 0xf0123456789abcde
    rori s3, s0, 60
    CHECK rori, s3, 0x123456789abcdef0
    li s6, 68
    ror s3, s0, s6
    CHECK ror_amount_masked, s3, 0xf0123456789abcde
    li s6, 8
    rolw s3, s2, s6
    CHECK rolw, s3, 0x1080
    rorw s3, s2, s6
    CHECK rorw, s3, 0x10800000
    roriw s3, s2, 4
    CHECK roriw_sign_extends, s3, 0x0000000008000001
    roriw s3, s1, 13
    CHECK roriw_negative, s3, 0xffffffff80000000
    rev8 s3, s0
    CHECK rev8, s3, 0xefcdab8967452301
    li s6, 0x0100ff0000800001
    orc.b s3, s6
    CHECK orc_b, s3, 0xff00ff0000ff00ff
    /* Zbs */
    bset s3, zero, s6
    CHECK bset_uses_low_6_bits, s3, 2
    bseti s3, zero, 63
    CHECK bseti_63, s3, 0x8000000000000000
    bclr s3, s0, s6
    CHECK bclr_bit1, s3, 0x0123456789abcded
    bclri s3, s0, 0
    CHECK bclri_0, s3, 0x0123456789abcdee
    binv s3, s0, s6
    CHECK binv, s3, 0x0123456789abcded
    binvi s3, s0, 56
    CHECK binvi, s3, 0x0023456789abcdef
    bext s3, s0, s6
    CHECK bext, s3, 1
    bexti s3, s0, 4
    CHECK bexti, s3, 0
    bexti s3, s0, 56
    CHECK bexti_56, s3, 1
    TEST_END
