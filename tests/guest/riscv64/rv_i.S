/* Guest test, RV64I: arithmetic, 32-bit W forms, shifts, compares, loads/stores, branches, jumps. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    /* add/sub wrap around */
    li s0, 0x7fffffffffffffff
    addi s1, s0, 1
    CHECK add_wraps, s1, 0x8000000000000000
    li s0, 0
    addi s1, s0, -1
    CHECK addi_negative, s1, 0xffffffffffffffff
    li s0, 5
    li s1, 7
    sub s2, s0, s1
    CHECK sub, s2, -2
    /* W forms sign-extend bit 31 */
    li s0, 0x7fffffff
    addiw s1, s0, 1
    CHECK addiw_sign_extends, s1, 0xffffffff80000000
    li s0, 0x123456789
    addw s1, s0, zero
    CHECK addw_truncates, s1, 0x23456789
    li s0, 0x80000000
    subw s1, zero, s0
    CHECK subw, s1, 0xffffffff80000000
    sext.w s1, s0
    CHECK sext_w, s1, 0xffffffff80000000
    /* shifts use the low 6 (or 5) bits of the amount */
    li s0, 0x8000000000000001
    li s1, 65
    sll s2, s0, s1
    CHECK sll_by_65, s2, 2
    srl s2, s0, s1
    CHECK srl_by_65, s2, 0x4000000000000000
    sra s2, s0, s1
    CHECK sra_by_65, s2, 0xc000000000000000
    srai s2, s0, 63
    CHECK srai_63, s2, -1
    li s0, 0x80000001
    sllw s2, s0, s1
    CHECK sllw_by_65, s2, 2
    srlw s2, s0, s1
    CHECK srlw_by_65, s2, 0x40000000
    sraw s2, s0, s1
    CHECK sraw_by_65, s2, 0xffffffffc0000000
    sraiw s2, s0, 31
    CHECK sraiw_31, s2, -1
    srliw s2, s0, 0
    CHECK srliw_0_sign_extends, s2, 0xffffffff80000001
    slliw s2, s0, 31
    CHECK slliw_31, s2, 0xffffffff80000000
    /* compares */
    li s0, -1
    li s1, 1
    slt s2, s0, s1
    CHECK slt, s2, 1
    sltu s2, s0, s1
    CHECK sltu, s2, 0
    slti s2, s0, 0
    CHECK slti, s2, 1
    sltiu s2, s1, -1
    CHECK sltiu_minus1_is_max, s2, 1
    seqz s2, zero
    CHECK seqz, s2, 1
    snez s2, s0
    CHECK snez, s2, 1
    /* logic */
    li s0, 0xf0f0f0f0f0f0f0f0
    xori s1, s0, -1
    CHECK not, s1, 0x0f0f0f0f0f0f0f0f
    andi s1, s0, 0x0ff
    CHECK andi, s1, 0xf0
    ori s1, s0, 0x00f
    CHECK ori, s1, 0xf0f0f0f0f0f0f0ff
    li s2, 0xff00ff00ff00ff00
    and s1, s0, s2
    CHECK and, s1, 0xf000f000f000f000
    or s1, s0, s2
    CHECK or, s1, 0xfff0fff0fff0fff0
    xor s1, s0, s2
    CHECK xor, s1, 0x0ff00ff00ff00ff0
    /* lui sign-extends on RV64; x0 ignores writes */
    lui s1, 0x80000
    CHECK lui_sign_extends, s1, 0xffffffff80000000
    addi zero, zero, 5
    CHECK x0_stays_zero, zero, 0
    /* auipc agrees with lla of the same spot */
1:  auipc s1, 0
    lla s2, 1b
    sub s1, s1, s2
    CHECK auipc_is_pc, s1, 0
    /* loads sign- or zero-extend */
    lla s0, data
    lb s1, 0(s0)
    CHECK lb, s1, 0xffffffffffffff88
    lbu s1, 0(s0)
    CHECK lbu, s1, 0x88
    lh s1, 0(s0)
    CHECK lh, s1, 0xffffffffffff9988
    lhu s1, 0(s0)
    CHECK lhu, s1, 0x9988
    lw s1, 0(s0)
    CHECK lw, s1, 0xffffffffbbaa9988
    lwu s1, 0(s0)
    CHECK lwu, s1, 0xbbaa9988
    ld s1, 0(s0)
    CHECK ld, s1, 0xffeeddccbbaa9988
    lh s1, 3(s0)
    CHECK lh_misaligned, s1, 0xffffffffffffccbb
    /* stores write only their width */
    lla s0, scratch
    li s1, -1
    sd s1, 0(s0)
    li s1, 0x1122334455667788
    sb s1, 0(s0)
    sh s1, 2(s0)
    sw s1, 4(s0)
    ld s2, 0(s0)
    CHECK store_widths, s2, 0x556677887788ff88
    sd s1, 8(s0)
    ld s2, 8(s0)
    CHECK sd_ld_roundtrip, s2, 0x1122334455667788
    /* branches: signed and unsigned, taken and not */
    li s3, 0
    li s0, -5
    li s1, 3
    blt s0, s1, 2f
    ori s3, s3, 1
2:  bltu s0, s1, 3f
    ori s3, s3, 2
3:  bge s1, s0, 4f
    ori s3, s3, 4
4:  bgeu s1, s0, 5f
    ori s3, s3, 8
5:  beq s0, s0, 6f
    ori s3, s3, 16
6:  bne s0, s0, 7f
    ori s3, s3, 32
7:  CHECK branch_pattern, s3, 0x2a
    /* jal/jalr link the next instruction; jalr clears bit 0 of the target */
    jal s4, 8f
8:  lla s5, 8b
    sub s6, s4, s5
    CHECK jal_link, s6, 0
    lla s0, 9f
    addi s0, s0, 1
    jalr s4, 0(s0)
10: CHECK jalr_not_here, zero, 1
9:  lla s5, 10b
    sub s6, s4, s5
    CHECK jalr_link_and_bit0, s6, 0
    /* a small loop: sum 1..100 */
    li s0, 0
    li s1, 100
11: add s0, s0, s1
    addi s1, s1, -1
    bnez s1, 11b
    CHECK loop_sum, s0, 5050
    fence
    fence.i
    CHECK after_fences, zero, 0
    TEST_END

    .section .rodata
    .balign 8
data: .dword 0xffeeddccbbaa9988
    .bss
    .balign 8
scratch: .skip 16
