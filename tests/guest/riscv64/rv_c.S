/* Guest test, RVC: every RV64 compressed form, written out as c.* so the assembler cannot pick. */
#include "asm_test.h"

    .text
    .globl test_main
test_main:
    .option push
    .option rvc
    c.li s0, -32
    CHECK c_li_min, s0, -32
    c.li s0, 31
    c.addi s0, -1
    CHECK c_addi, s0, 30
    c.lui s1, 0xfffff
    CHECK c_lui_sign_extends, s1, 0xfffffffffffff000
    c.lui s1, 1
    CHECK c_lui_1, s1, 0x1000
    c.li s0, -1
    c.addiw s0, 1
    CHECK c_addiw_wraps_to_zero, s0, 0
    li s0, 0x7fffffff
    c.addiw s0, 1
    CHECK c_addiw_sign_extends, s0, 0xffffffff80000000
    li s0, 0x8000000000000001
    c.slli s0, 4
    CHECK c_slli, s0, 0x10
    li s0, 0x8000000000000000
    c.srli s0, 63
    CHECK c_srli, s0, 1
    li s0, 0x8000000000000000
    c.srai s0, 60
    CHECK c_srai, s0, 0xfffffffffffffff8
    li s0, 0x1234
    c.andi s0, -16
    CHECK c_andi, s0, 0x1230
    li s0, 100
    li s1, 58
    c.sub s0, s1
    CHECK c_sub, s0, 42
    li s0, 0xff00
    li s1, 0x0ff0
    c.xor s0, s1
    CHECK c_xor, s0, 0xf0f0
    c.or s0, s1
    CHECK c_or, s0, 0xfff0
    c.and s0, s1
    CHECK c_and, s0, 0x0ff0
    li s0, 0x80000000
    li s1, 1
    c.subw s0, s1
    CHECK c_subw, s0, 0x7fffffff
    c.addw s0, s1
    CHECK c_addw, s0, 0xffffffff80000000
    c.mv s2, s1
    CHECK c_mv, s2, 1
    li s2, 40
    c.add s2, s1
    CHECK c_add, s2, 41
    /* stack-pointer forms */
    c.addi16sp sp, -64
    c.addi4spn s0, sp, 16
    sub s1, s0, sp
    CHECK c_addi4spn, s1, 16
    li s1, -2
    c.sdsp s1, 8(sp)
    c.swsp s1, 0(sp)
    c.ldsp s2, 8(sp)
    CHECK c_sdsp_ldsp, s2, -2
    c.lwsp s2, 0(sp)
    CHECK c_swsp_lwsp_sign_extends, s2, -2
    li s1, 0x0123456789abcdef
    c.sd s1, 8(s0)
    c.ld a5, 8(s0)
    CHECK c_sd_ld, a5, 0x0123456789abcdef
    c.sw s1, 4(s0)
    c.lw a5, 4(s0)
    CHECK c_sw_lw_sign_extends, a5, 0xffffffff89abcdef
    li s1, 0x400921fb54442d18
    fmv.d.x fs0, s1
    c.fsd fs0, 16(s0)
    c.fld fs1, 16(s0)
    fmv.x.d s2, fs1
    CHECK c_fsd_fld, s2, 0x400921fb54442d18
    c.fsdsp fs0, 24(sp)
    c.fldsp fs1, 24(sp)
    fmv.x.d s2, fs1
    CHECK c_fsdsp_fldsp, s2, 0x400921fb54442d18
    c.addi16sp sp, 64
    /* control flow */
    li s3, 0
    li s0, 0
    c.beqz s0, 1f
    ori s3, s3, 1
1:  c.bnez s0, 2f
    ori s3, s3, 2
2:  li s0, 5
    c.bnez s0, 3f
    ori s3, s3, 4
3:  c.j 4f
    ori s3, s3, 8
4:  CHECK c_branches, s3, 2
    lla s0, 5f
    c.jalr s0
6:  CHECK c_jalr_not_here, zero, 1
5:  lla s1, 6b
    sub s1, ra, s1
    CHECK c_jalr_links_pc_plus_2, s1, 0
    lla s0, 7f
    c.jr s0
    CHECK c_jr_not_here, zero, 1
7:  c.nop
    /* a loop built from compressed instructions: sum 1..10 */
    c.li s0, 0
    c.li s1, 10
8:  c.add s0, s1
    c.addi s1, -1
    c.bnez s1, 8b
    CHECK c_loop, s0, 55
    .option pop
    /* a 32-bit instruction at a 2-byte-aligned pc (after a compressed one) */
    .balign 4
    c.li s0, 1
    addi s0, s0, 0x100
    CHECK unaligned_32bit_insn, s0, 0x101
    TEST_END
