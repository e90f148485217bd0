/* RISC-V 64 decoder tests: every spec pattern, scrambled immediates, illegal words, block
 * shapes (branches, calls, returns, fetch faults) and the disassembler. */
#include "test_riscv64_harness.h"

#include "frontends/riscv64/riscv64_decode.h"

typedef struct RvtEncoding {
    uint32_t word;
    unsigned len;
    const char *name;
} RvtEncoding;

/* One encoding per pattern of riscv64.decode, assembled by GNU as
 * (riscv64-linux-gnu-as -march=rv64gc_zba_zbb_zbs_zicsr_zifencei) from the source in the
 * comment; the name is the mnemonic as written there. */
static const RvtEncoding rvt_encodings[] = {
    {0x12345537, 4, "lui"},       /* lui a0, 0x12345 */
    {0xfffff597, 4, "auipc"},     /* auipc a1, 0xfffff */
    {0x001000ef, 4, "jal"},       /* jal ra, .+2048 */
    {0xff4602e7, 4, "jalr"},      /* jalr t0, -12(a2) */
    {0x80b50063, 4, "beq"},       /* beq a0, a1, .-4096 */
    {0x7eb51fe3, 4, "bne"},       /* bne a0, a1, .+4094 */
    {0x00944863, 4, "blt"},       /* blt s0, s1, .+16 */
    {0xfe9458e3, 4, "bge"},       /* bge s0, s1, .-16 */
    {0x00736463, 4, "bltu"},      /* bltu t1, t2, .+8 */
    {0xfe737ce3, 4, "bgeu"},      /* bgeu t1, t2, .-8 */
    {0xfff10503, 4, "lb"},        /* lb a0, -1(sp) */
    {0x00211503, 4, "lh"},        /* lh a0, 2(sp) */
    {0x80012503, 4, "lw"},        /* lw a0, -2048(sp) */
    {0x7ff13503, 4, "ld"},        /* ld a0, 2047(sp) */
    {0x00174683, 4, "lbu"},       /* lbu a3, 1(a4) */
    {0x00275683, 4, "lhu"},       /* lhu a3, 2(a4) */
    {0x00476683, 4, "lwu"},       /* lwu a3, 4(a4) */
    {0xfea10fa3, 4, "sb"},        /* sb a0, -1(sp) */
    {0x00a11123, 4, "sh"},        /* sh a0, 2(sp) */
    {0x80a12023, 4, "sw"},        /* sw a0, -2048(sp) */
    {0x7ea13fa3, 4, "sd"},        /* sd a0, 2047(sp) */
    {0xfff58513, 4, "addi"},      /* addi a0, a1, -1 */
    {0x0055a513, 4, "slti"},      /* slti a0, a1, 5 */
    {0x0055b513, 4, "sltiu"},     /* sltiu a0, a1, 5 */
    {0xfff5c513, 4, "xori"},      /* xori a0, a1, -1 */
    {0x7ff5e513, 4, "ori"},       /* ori a0, a1, 0x7ff */
    {0x0ff5f513, 4, "andi"},      /* andi a0, a1, 0xff */
    {0x03f59513, 4, "slli"},      /* slli a0, a1, 63 */
    {0x0215d513, 4, "srli"},      /* srli a0, a1, 33 */
    {0x4015d513, 4, "srai"},      /* srai a0, a1, 1 */
    {0x00c58533, 4, "add"},       /* add a0, a1, a2 */
    {0x40c58533, 4, "sub"},       /* sub a0, a1, a2 */
    {0x00c59533, 4, "sll"},       /* sll a0, a1, a2 */
    {0x00c5a533, 4, "slt"},       /* slt a0, a1, a2 */
    {0x00c5b533, 4, "sltu"},      /* sltu a0, a1, a2 */
    {0x00c5c533, 4, "xor"},       /* xor a0, a1, a2 */
    {0x00c5d533, 4, "srl"},       /* srl a0, a1, a2 */
    {0x40c5d533, 4, "sra"},       /* sra a0, a1, a2 */
    {0x00c5e533, 4, "or"},        /* or a0, a1, a2 */
    {0x00c5f533, 4, "and"},       /* and a0, a1, a2 */
    {0xffd5851b, 4, "addiw"},     /* addiw a0, a1, -3 */
    {0x01f5951b, 4, "slliw"},     /* slliw a0, a1, 31 */
    {0x01f5d51b, 4, "srliw"},     /* srliw a0, a1, 31 */
    {0x41f5d51b, 4, "sraiw"},     /* sraiw a0, a1, 31 */
    {0x00c5853b, 4, "addw"},      /* addw a0, a1, a2 */
    {0x40c5853b, 4, "subw"},      /* subw a0, a1, a2 */
    {0x00c5953b, 4, "sllw"},      /* sllw a0, a1, a2 */
    {0x00c5d53b, 4, "srlw"},      /* srlw a0, a1, a2 */
    {0x40c5d53b, 4, "sraw"},      /* sraw a0, a1, a2 */
    {0x0330000f, 4, "fence"},     /* fence rw, rw */
    {0x00000073, 4, "ecall"},     /* ecall */
    {0x00100073, 4, "ebreak"},    /* ebreak */
    {0x0000100f, 4, "fence.i"},   /* fence.i */
    {0x00359573, 4, "csrrw"},     /* csrrw a0, fcsr, a1 */
    {0x0025a573, 4, "csrrs"},     /* csrrs a0, frm, a1 */
    {0x0015b573, 4, "csrrc"},     /* csrrc a0, fflags, a1 */
    {0x0032d573, 4, "csrrwi"},    /* csrrwi a0, fcsr, 5 */
    {0x0020e573, 4, "csrrsi"},    /* csrrsi a0, frm, 1 */
    {0x001ff573, 4, "csrrci"},    /* csrrci a0, fflags, 31 */
    {0x02c58533, 4, "mul"},       /* mul a0, a1, a2 */
    {0x02c59533, 4, "mulh"},      /* mulh a0, a1, a2 */
    {0x02c5a533, 4, "mulhsu"},    /* mulhsu a0, a1, a2 */
    {0x02c5b533, 4, "mulhu"},     /* mulhu a0, a1, a2 */
    {0x02c5c533, 4, "div"},       /* div a0, a1, a2 */
    {0x02c5d533, 4, "divu"},      /* divu a0, a1, a2 */
    {0x02c5e533, 4, "rem"},       /* rem a0, a1, a2 */
    {0x02c5f533, 4, "remu"},      /* remu a0, a1, a2 */
    {0x02c5853b, 4, "mulw"},      /* mulw a0, a1, a2 */
    {0x02c5c53b, 4, "divw"},      /* divw a0, a1, a2 */
    {0x02c5d53b, 4, "divuw"},     /* divuw a0, a1, a2 */
    {0x02c5e53b, 4, "remw"},      /* remw a0, a1, a2 */
    {0x02c5f53b, 4, "remuw"},     /* remuw a0, a1, a2 */
    {0x1005a52f, 4, "lr.w"},      /* lr.w a0, (a1) */
    {0x18c5a52f, 4, "sc.w"},      /* sc.w a0, a2, (a1) */
    {0x08c5a52f, 4, "amoswap.w"}, /* amoswap.w a0, a2, (a1) */
    {0x00c5a52f, 4, "amoadd.w"},  /* amoadd.w a0, a2, (a1) */
    {0x20c5a52f, 4, "amoxor.w"},  /* amoxor.w a0, a2, (a1) */
    {0x60c5a52f, 4, "amoand.w"},  /* amoand.w a0, a2, (a1) */
    {0x40c5a52f, 4, "amoor.w"},   /* amoor.w a0, a2, (a1) */
    {0x80c5a52f, 4, "amomin.w"},  /* amomin.w a0, a2, (a1) */
    {0xa0c5a52f, 4, "amomax.w"},  /* amomax.w a0, a2, (a1) */
    {0xc0c5a52f, 4, "amominu.w"}, /* amominu.w a0, a2, (a1) */
    {0xe0c5a52f, 4, "amomaxu.w"}, /* amomaxu.w a0, a2, (a1) */
    {0x1405b52f, 4, "lr.d"},      /* lr.d.aq a0, (a1) */
    {0x1ac5b52f, 4, "sc.d"},      /* sc.d.rl a0, a2, (a1) */
    {0x0ec5b52f, 4, "amoswap.d"}, /* amoswap.d.aqrl a0, a2, (a1) */
    {0x00c5b52f, 4, "amoadd.d"},  /* amoadd.d a0, a2, (a1) */
    {0x20c5b52f, 4, "amoxor.d"},  /* amoxor.d a0, a2, (a1) */
    {0x60c5b52f, 4, "amoand.d"},  /* amoand.d a0, a2, (a1) */
    {0x40c5b52f, 4, "amoor.d"},   /* amoor.d a0, a2, (a1) */
    {0x80c5b52f, 4, "amomin.d"},  /* amomin.d a0, a2, (a1) */
    {0xa0c5b52f, 4, "amomax.d"},  /* amomax.d a0, a2, (a1) */
    {0xc0c5b52f, 4, "amominu.d"}, /* amominu.d a0, a2, (a1) */
    {0xe0c5b52f, 4, "amomaxu.d"}, /* amomaxu.d a0, a2, (a1) */
    {0x00452507, 4, "flw"},       /* flw fa0, 4(a0) */
    {0x00a52227, 4, "fsw"},       /* fsw fa0, 4(a0) */
    {0x68c5f543, 4, "fmadd.s"},   /* fmadd.s fa0, fa1, fa2, fa3 */
    {0x68c59547, 4, "fmsub.s"},   /* fmsub.s fa0, fa1, fa2, fa3, rtz */
    {0x68c5f54b, 4, "fnmsub.s"},  /* fnmsub.s fa0, fa1, fa2, fa3 */
    {0x68c5f54f, 4, "fnmadd.s"},  /* fnmadd.s fa0, fa1, fa2, fa3 */
    {0x00c5f553, 4, "fadd.s"},    /* fadd.s fa0, fa1, fa2 */
    {0x08c5a553, 4, "fsub.s"},    /* fsub.s fa0, fa1, fa2, rdn */
    {0x10c5f553, 4, "fmul.s"},    /* fmul.s fa0, fa1, fa2 */
    {0x18c5f553, 4, "fdiv.s"},    /* fdiv.s fa0, fa1, fa2 */
    {0x5805f553, 4, "fsqrt.s"},   /* fsqrt.s fa0, fa1 */
    {0x20c58553, 4, "fsgnj.s"},   /* fsgnj.s fa0, fa1, fa2 */
    {0x20c59553, 4, "fsgnjn.s"},  /* fsgnjn.s fa0, fa1, fa2 */
    {0x20c5a553, 4, "fsgnjx.s"},  /* fsgnjx.s fa0, fa1, fa2 */
    {0x28c58553, 4, "fmin.s"},    /* fmin.s fa0, fa1, fa2 */
    {0x28c59553, 4, "fmax.s"},    /* fmax.s fa0, fa1, fa2 */
    {0xc0059553, 4, "fcvt.w.s"},  /* fcvt.w.s a0, fa1, rtz */
    {0xc015f553, 4, "fcvt.wu.s"}, /* fcvt.wu.s a0, fa1 */
    {0xc025f553, 4, "fcvt.l.s"},  /* fcvt.l.s a0, fa1 */
    {0xc035f553, 4, "fcvt.lu.s"}, /* fcvt.lu.s a0, fa1 */
    {0xe0058553, 4, "fmv.x.w"},   /* fmv.x.w a0, fa1 */
    {0xe0059553, 4, "fclass.s"},  /* fclass.s a0, fa1 */
    {0xa0c5a553, 4, "feq.s"},     /* feq.s a0, fa1, fa2 */
    {0xa0c59553, 4, "flt.s"},     /* flt.s a0, fa1, fa2 */
    {0xa0c58553, 4, "fle.s"},     /* fle.s a0, fa1, fa2 */
    {0xd005f553, 4, "fcvt.s.w"},  /* fcvt.s.w fa0, a1 */
    {0xd015f553, 4, "fcvt.s.wu"}, /* fcvt.s.wu fa0, a1 */
    {0xd025f553, 4, "fcvt.s.l"},  /* fcvt.s.l fa0, a1 */
    {0xd035f553, 4, "fcvt.s.lu"}, /* fcvt.s.lu fa0, a1 */
    {0xf0058553, 4, "fmv.w.x"},   /* fmv.w.x fa0, a1 */
    {0x00853507, 4, "fld"},       /* fld fa0, 8(a0) */
    {0x00a53427, 4, "fsd"},       /* fsd fa0, 8(a0) */
    {0x6ac5f543, 4, "fmadd.d"},   /* fmadd.d fa0, fa1, fa2, fa3 */
    {0x6ac5f547, 4, "fmsub.d"},   /* fmsub.d fa0, fa1, fa2, fa3 */
    {0x6ac5f54b, 4, "fnmsub.d"},  /* fnmsub.d fa0, fa1, fa2, fa3 */
    {0x6ac5c54f, 4, "fnmadd.d"},  /* fnmadd.d fa0, fa1, fa2, fa3, rmm */
    {0x02c5f553, 4, "fadd.d"},    /* fadd.d fa0, fa1, fa2 */
    {0x0ac5f553, 4, "fsub.d"},    /* fsub.d fa0, fa1, fa2 */
    {0x12c5f553, 4, "fmul.d"},    /* fmul.d fa0, fa1, fa2 */
    {0x1ac5f553, 4, "fdiv.d"},    /* fdiv.d fa0, fa1, fa2 */
    {0x5a05f553, 4, "fsqrt.d"},   /* fsqrt.d fa0, fa1 */
    {0x22c58553, 4, "fsgnj.d"},   /* fsgnj.d fa0, fa1, fa2 */
    {0x22c59553, 4, "fsgnjn.d"},  /* fsgnjn.d fa0, fa1, fa2 */
    {0x22c5a553, 4, "fsgnjx.d"},  /* fsgnjx.d fa0, fa1, fa2 */
    {0x2ac58553, 4, "fmin.d"},    /* fmin.d fa0, fa1, fa2 */
    {0x2ac59553, 4, "fmax.d"},    /* fmax.d fa0, fa1, fa2 */
    {0x4015f553, 4, "fcvt.s.d"},  /* fcvt.s.d fa0, fa1 */
    {0x42058553, 4, "fcvt.d.s"},  /* fcvt.d.s fa0, fa1 */
    {0xa2c5a553, 4, "feq.d"},     /* feq.d a0, fa1, fa2 */
    {0xa2c59553, 4, "flt.d"},     /* flt.d a0, fa1, fa2 */
    {0xa2c58553, 4, "fle.d"},     /* fle.d a0, fa1, fa2 */
    {0xe2059553, 4, "fclass.d"},  /* fclass.d a0, fa1 */
    {0xc205f553, 4, "fcvt.w.d"},  /* fcvt.w.d a0, fa1 */
    {0xc215f553, 4, "fcvt.wu.d"}, /* fcvt.wu.d a0, fa1 */
    {0xc225f553, 4, "fcvt.l.d"},  /* fcvt.l.d a0, fa1 */
    {0xc235f553, 4, "fcvt.lu.d"}, /* fcvt.lu.d a0, fa1 */
    {0xd2058553, 4, "fcvt.d.w"},  /* fcvt.d.w fa0, a1 */
    {0xd2158553, 4, "fcvt.d.wu"}, /* fcvt.d.wu fa0, a1 */
    {0xd225f553, 4, "fcvt.d.l"},  /* fcvt.d.l fa0, a1 */
    {0xd235f553, 4, "fcvt.d.lu"}, /* fcvt.d.lu fa0, a1 */
    {0xe2058553, 4, "fmv.x.d"},   /* fmv.x.d a0, fa1 */
    {0xf2058553, 4, "fmv.d.x"},   /* fmv.d.x fa0, a1 */
    {0x20c5a533, 4, "sh1add"},    /* sh1add a0, a1, a2 */
    {0x20c5c533, 4, "sh2add"},    /* sh2add a0, a1, a2 */
    {0x20c5e533, 4, "sh3add"},    /* sh3add a0, a1, a2 */
    {0x08c5853b, 4, "add.uw"},    /* add.uw a0, a1, a2 */
    {0x20c5a53b, 4, "sh1add.uw"}, /* sh1add.uw a0, a1, a2 */
    {0x20c5c53b, 4, "sh2add.uw"}, /* sh2add.uw a0, a1, a2 */
    {0x20c5e53b, 4, "sh3add.uw"}, /* sh3add.uw a0, a1, a2 */
    {0x0a85951b, 4, "slli.uw"},   /* slli.uw a0, a1, 40 */
    {0x40c5f533, 4, "andn"},      /* andn a0, a1, a2 */
    {0x40c5e533, 4, "orn"},       /* orn a0, a1, a2 */
    {0x40c5c533, 4, "xnor"},      /* xnor a0, a1, a2 */
    {0x60059513, 4, "clz"},       /* clz a0, a1 */
    {0x60159513, 4, "ctz"},       /* ctz a0, a1 */
    {0x60259513, 4, "cpop"},      /* cpop a0, a1 */
    {0x60459513, 4, "sext.b"},    /* sext.b a0, a1 */
    {0x60559513, 4, "sext.h"},    /* sext.h a0, a1 */
    {0x6005951b, 4, "clzw"},      /* clzw a0, a1 */
    {0x6015951b, 4, "ctzw"},      /* ctzw a0, a1 */
    {0x6025951b, 4, "cpopw"},     /* cpopw a0, a1 */
    {0x0ac5e533, 4, "max"},       /* max a0, a1, a2 */
    {0x0ac5f533, 4, "maxu"},      /* maxu a0, a1, a2 */
    {0x0ac5c533, 4, "min"},       /* min a0, a1, a2 */
    {0x0ac5d533, 4, "minu"},      /* minu a0, a1, a2 */
    {0x2875d513, 4, "orc.b"},     /* orc.b a0, a1 */
    {0x6b85d513, 4, "rev8"},      /* rev8 a0, a1 */
    {0x0805c53b, 4, "zext.h"},    /* zext.h a0, a1 */
    {0x60c59533, 4, "rol"},       /* rol a0, a1, a2 */
    {0x60c5d533, 4, "ror"},       /* ror a0, a1, a2 */
    {0x63f5d513, 4, "rori"},      /* rori a0, a1, 63 */
    {0x60c5953b, 4, "rolw"},      /* rolw a0, a1, a2 */
    {0x60c5d53b, 4, "rorw"},      /* rorw a0, a1, a2 */
    {0x61f5d51b, 4, "roriw"},     /* roriw a0, a1, 31 */
    {0x48c59533, 4, "bclr"},      /* bclr a0, a1, a2 */
    {0x48c5d533, 4, "bext"},      /* bext a0, a1, a2 */
    {0x68c59533, 4, "binv"},      /* binv a0, a1, a2 */
    {0x28c59533, 4, "bset"},      /* bset a0, a1, a2 */
    {0x4bf59513, 4, "bclri"},     /* bclri a0, a1, 63 */
    {0x4855d513, 4, "bexti"},     /* bexti a0, a1, 5 */
    {0x6a059513, 4, "binvi"},     /* binvi a0, a1, 32 */
    {0x28059513, 4, "bseti"},     /* bseti a0, a1, 0 */
    {0x1fe8, 2, "c.addi4spn"},    /* c.addi4spn a0, sp, 1020 */
    {0x3de8, 2, "c.fld"},         /* c.fld fa0, 248(a1) */
    {0x5de8, 2, "c.lw"},          /* c.lw a0, 124(a1) */
    {0x7de8, 2, "c.ld"},          /* c.ld a0, 248(a1) */
    {0xbde8, 2, "c.fsd"},         /* c.fsd fa0, 248(a1) */
    {0xdde8, 2, "c.sw"},          /* c.sw a0, 124(a1) */
    {0xfde8, 2, "c.sd"},          /* c.sd a0, 248(a1) */
    {0x0001, 2, "c.nop"},         /* c.nop */
    {0x1501, 2, "c.addi"},        /* c.addi a0, -32 */
    {0x257d, 2, "c.addiw"},       /* c.addiw a0, 31 */
    {0x557d, 2, "c.li"},          /* c.li a0, -1 */
    {0x7101, 2, "c.addi16sp"},    /* c.addi16sp sp, -512 */
    {0x7501, 2, "c.lui"},         /* c.lui a0, 0xfffe0 */
    {0x917d, 2, "c.srli"},        /* c.srli a0, 63 */
    {0x8505, 2, "c.srai"},        /* c.srai a0, 1 */
    {0x9901, 2, "c.andi"},        /* c.andi a0, -32 */
    {0x8d0d, 2, "c.sub"},         /* c.sub a0, a1 */
    {0x8d2d, 2, "c.xor"},         /* c.xor a0, a1 */
    {0x8d4d, 2, "c.or"},          /* c.or a0, a1 */
    {0x8d6d, 2, "c.and"},         /* c.and a0, a1 */
    {0x9d0d, 2, "c.subw"},        /* c.subw a0, a1 */
    {0x9d2d, 2, "c.addw"},        /* c.addw a0, a1 */
    {0xb001, 2, "c.j"},           /* c.j .-2048 */
    {0xcd7d, 2, "c.beqz"},        /* c.beqz a0, .+254 */
    {0xf101, 2, "c.bnez"},        /* c.bnez a0, .-256 */
    {0x157e, 2, "c.slli"},        /* c.slli a0, 63 */
    {0x357e, 2, "c.fldsp"},       /* c.fldsp fa0, 504(sp) */
    {0x557e, 2, "c.lwsp"},        /* c.lwsp a0, 252(sp) */
    {0x757e, 2, "c.ldsp"},        /* c.ldsp a0, 504(sp) */
    {0x8082, 2, "c.jr"},          /* c.jr ra */
    {0x852e, 2, "c.mv"},          /* c.mv a0, a1 */
    {0x9002, 2, "c.ebreak"},      /* c.ebreak */
    {0x9502, 2, "c.jalr"},        /* c.jalr a0 */
    {0x952e, 2, "c.add"},         /* c.add a0, a1 */
    {0xbfaa, 2, "c.fsdsp"},       /* c.fsdsp fa0, 504(sp) */
    {0xdfaa, 2, "c.swsp"},        /* c.swsp a0, 252(sp) */
    {0xffaa, 2, "c.sdsp"},        /* c.sdsp a0, 504(sp) */
};

static bool rvt_decode(uint32_t word, unsigned len, RvDecoded *d)
{
    return len == 4 ? rv_decode32_match(word, d) : rv_decode16_match(word, d);
}

Test(riscv64_decode, every_pattern_has_its_encoding)
{
    /* The table covers each pattern exactly once. */
    cr_assert_eq(FVP_ARRAY_LEN(rvt_encodings), RV_INSN_COUNT - 1);
    bool seen[RV_INSN_COUNT] = {false};
    for (size_t i = 0; i < FVP_ARRAY_LEN(rvt_encodings); i++) {
        const RvtEncoding *e = &rvt_encodings[i];
        RvDecoded d;
        cr_assert(rvt_decode(e->word, e->len, &d), "0x%x (%s) does not decode", e->word, e->name);
        cr_assert_str_eq(rv_insn_info[d.id].name, e->name, "0x%x decodes as %s, not %s", e->word,
                         rv_insn_info[d.id].name, e->name);
        cr_assert_eq(rv_insn_info[d.id].width, e->len * 8);
        cr_assert(!seen[d.id], "%s twice", e->name);
        seen[d.id] = true;
    }
}

Test(riscv64_decode, every_encoding_lifts_without_trapping)
{
    RvTest t;
    rvt_init(&t);
    t.max_insns = 1;
    for (size_t i = 0; i < FVP_ARRAY_LEN(rvt_encodings); i++) {
        const RvtEncoding *e = &rvt_encodings[i];
        rvt_code_bytes(&t, &e->word, e->len);
        IRBlock *b = rvt_lift(&t, RVT_CODE);
        cr_assert_eq(b->insns[0].op, IR_INSN);
        cr_assert_eq(b->insns[0].imm, RVT_CODE);
        cr_assert_eq(b->insns[0].cond, e->len);
        cr_assert_eq(b->guest_insns, 1);
        const IRInsn *last = &b->insns[b->count - 1];
        bool is_trap = last->op == IR_TRAP && last->cond != IR_TRAP_BREAKPOINT;
        cr_assert(!is_trap, "%s (0x%x) lifts to a trap", e->name, e->word);
        /* x0 is never written. */
        for (size_t k = 0; k < b->count; k++)
            cr_assert(!(b->insns[k].op == IR_PUT && b->insns[k].imm == RV_OFF_X(0)), "%s writes x0",
                      e->name);
        ir_block_free(b);
    }
    rvt_fini(&t);
}

Test(riscv64_decode, disasm_names_match)
{
    for (size_t i = 0; i < FVP_ARRAY_LEN(rvt_encodings); i++) {
        const RvtEncoding *e = &rvt_encodings[i];
        char text[96];
        unsigned n =
            fe_riscv64.disasm((const uint8_t *)&e->word, e->len, 0x1000, text, sizeof(text));
        cr_assert_eq(n, e->len, "%s: length %u", e->name, n);
        size_t len = strlen(e->name);
        cr_assert(strncmp(text, e->name, len) == 0 &&
                      (text[len] == ' ' || text[len] == 0 || text[len] == '.'),
                  "0x%x disassembles as '%s', expected %s", e->word, text, e->name);
    }
}

typedef struct RvtDisasmCase {
    uint32_t word;
    unsigned len;
    const char *text;
} RvtDisasmCase;

Test(riscv64_decode, disasm_operands)
{
    static const RvtDisasmCase cases[] = {
        {0x00c58533, 4, "add a0, a1, a2"},
        {0xfff58513, 4, "addi a0, a1, -1"},
        {0x7ff13503, 4, "ld a0, 2047(sp)"},
        {0x00a52227, 4, "fsw fa0, 4(a0)"},
        {0x00c5f553, 4, "fadd.s fa0, fa1, fa2"},
        {0xc0059553, 4, "fcvt.w.s a0, fa1, rtz"},
        {0xd005f553, 4, "fcvt.s.w fa0, a1"},
        {0xe0058553, 4, "fmv.x.w a0, fa1"},
        {0x00359573, 4, "csrrw a0, 0x3, a1"},
        {0x0032d573, 4, "csrrwi a0, 0x3, 5"},
        {0x0330000f, 4, "fence rw, rw"},
        {0x1405b52f, 4, "lr.d.aq a0, a1"},
        {0x8082, 2, "c.jr ra"},
        {0x557d, 2, "c.li a0, -1"},
        {0x0001, 2, "c.nop"},
        {0x852e, 2, "c.mv a0, a1"},
        {0x1501, 2, "c.addi a0, a0, -32"},
        {0x7de8, 2, "c.ld a0, 248(a1)"},
        {0x557e, 2, "c.lwsp a0, 252(sp)"},
        {0xb001, 2, "c.j 0x800"},
        {0x80b50063, 4, "beq a0, a1, 0x0"},
    };
    for (size_t i = 0; i < FVP_ARRAY_LEN(cases); i++) {
        char text[96];
        unsigned n = fe_riscv64.disasm((const uint8_t *)&cases[i].word, cases[i].len, 0x1000, text,
                                       sizeof(text));
        cr_assert_eq(n, cases[i].len);
        cr_assert_str_eq(text, cases[i].text);
    }
    char text[8];
    uint32_t add = 0x00c58533;
    cr_assert_eq(fe_riscv64.disasm((const uint8_t *)&add, 4, 0, text, sizeof(text)), 4);
    cr_assert_str_eq(text, "add a0,"); /* truncated, still terminated */
    cr_assert_eq(fe_riscv64.disasm((const uint8_t *)&add, 2, 0, text, sizeof(text)), 0);
}

typedef struct RvtFieldCase {
    uint32_t word;
    unsigned len;
    RvInsnId id;
    int64_t fields[5];
} RvtFieldCase;

/* Scrambled and signed immediates, checked against the assembler's operands. */
Test(riscv64_decode, immediates)
{
    static const RvtFieldCase cases[] = {
        {0x001000ef, 4, RV_INSN_JAL, {1, 2048}},
        {0x80b50063, 4, RV_INSN_BEQ, {10, 11, -4096}},
        {0x7eb51fe3, 4, RV_INSN_BNE, {10, 11, 4094}},
        {0x80a12023, 4, RV_INSN_SW, {2, 10, -2048}},
        {0x7ea13fa3, 4, RV_INSN_SD, {2, 10, 2047}},
        {0x12345537, 4, RV_INSN_LUI, {10, 0x12345000}},
        {0xfffff597, 4, RV_INSN_AUIPC, {11, -4096}},
        {0x1fe8, 2, RV_INSN_C_ADDI4SPN, {10, 2, 1020}},
        {0x3de8, 2, RV_INSN_C_FLD, {10, 11, 248}},
        {0x5de8, 2, RV_INSN_C_LW, {10, 11, 124}},
        {0xfde8, 2, RV_INSN_C_SD, {11, 10, 248}},
        {0x1501, 2, RV_INSN_C_ADDI, {10, 10, -32}},
        {0x7101, 2, RV_INSN_C_ADDI16SP, {2, 2, -512}},
        {0x7501, 2, RV_INSN_C_LUI, {10, -131072}},
        {0x917d, 2, RV_INSN_C_SRLI, {10, 10, 63}},
        {0x9901, 2, RV_INSN_C_ANDI, {10, 10, -32}},
        {0xb001, 2, RV_INSN_C_J, {0, -2048}},
        {0xcd7d, 2, RV_INSN_C_BEQZ, {10, 0, 254}},
        {0xf101, 2, RV_INSN_C_BNEZ, {10, 0, -256}},
        {0x357e, 2, RV_INSN_C_FLDSP, {10, 2, 504}},
        {0x557e, 2, RV_INSN_C_LWSP, {10, 2, 252}},
        {0x757e, 2, RV_INSN_C_LDSP, {10, 2, 504}},
        {0xbfaa, 2, RV_INSN_C_FSDSP, {2, 10, 504}},
        {0xdfaa, 2, RV_INSN_C_SWSP, {2, 10, 252}},
    };
    for (size_t i = 0; i < FVP_ARRAY_LEN(cases); i++) {
        const RvtFieldCase *c = &cases[i];
        RvDecoded d;
        cr_assert(rvt_decode(c->word, c->len, &d));
        cr_assert_eq(d.id, c->id, "0x%x: %s", c->word, rv_insn_info[d.id].name);
        const RvArgsetInfo *set = &rv_argset_info[rv_insn_info[d.id].argset];
        for (unsigned f = 0; f < set->nfields; f++)
            cr_assert_eq(d.args.raw[f], c->fields[f], "%s %s = %lld, expected %lld",
                         rv_insn_info[d.id].name, set->fields[f], (long long)d.args.raw[f],
                         (long long)c->fields[f]);
    }
}

/* ---- Illegal and reserved encodings -------------------------------------------------------- */

typedef struct RvtIllegal {
    uint32_t word;
    unsigned len;
    const char *why;
} RvtIllegal;

Test(riscv64_decode, illegal_words_trap)
{
    static const RvtIllegal cases[] = {
        {0x0000, 2, "all-zero halfword"},
        {0x0004, 2, "c.addi4spn with zero immediate"},
        {0x6101, 2, "c.addi16sp with zero immediate"},
        {0x6501, 2, "c.lui with zero immediate"},
        {0x8002, 2, "c.jr x0"},
        {0x4002, 2, "c.lwsp x0"},
        {0x6002, 2, "c.ldsp x0"},
        {0x2005, 2, "c.addiw x0"},
        {0x8000, 2, "quadrant 0, funct3 100"},
        {0x9c41, 2, "c.subw/c.addw neighbour (RV64 reserved)"},
        {0xffffffff, 4, "all ones"},
        {0x0000007f, 4, "long-instruction prefix"},
        {0x30001073, 4, "csrrw of mstatus"},
        {0xc0051073, 4, "csrrw of the read-only cycle"},
        {0xc005a573, 4, "csrrs of cycle with a non-zero source"},
        {0x0020d053, 4, "fadd.s with rm = 5"},
        {0x0020e053, 4, "fadd.s with rm = 6"},
        {0x0201109b, 4, "slliw with shamt[5] set"},
        {0x040080b3, 4, "OP with funct7 0000010"},
        {0x1005a52f | (1u << 20), 4, "lr.w with rs2 != 0"},
    };
    RvTest t;
    rvt_init(&t);
    for (size_t i = 0; i < FVP_ARRAY_LEN(cases); i++) {
        rvt_code_bytes(&t, &cases[i].word, cases[i].len);
        IRBlock *b = rvt_lift(&t, RVT_CODE);
        cr_assert_eq(b->count, 2, "%s: %zu IR instructions", cases[i].why, b->count);
        cr_assert_eq(b->insns[0].op, IR_INSN);
        cr_assert_eq(b->insns[1].op, IR_TRAP, "%s", cases[i].why);
        cr_assert_eq(b->insns[1].cond, IR_TRAP_ILLEGAL, "%s", cases[i].why);
        cr_assert_eq(b->insns[1].imm, RVT_CODE);
        cr_assert_eq(b->insns[1].imm2, cases[i].word, "%s", cases[i].why);
        ir_block_free(b);
        char text[64];
        cr_assert_eq(
            fe_riscv64.disasm((const uint8_t *)&cases[i].word, cases[i].len, 0, text, sizeof(text)),
            0, "%s disassembles as %s", cases[i].why, text);
    }
    /* An illegal instruction after good ones ends the block there, keeping the good ones. */
    uint32_t prog[] = {RVT_ADDI(10, 0, 1), 0xffffffff, RVT_ADDI(10, 0, 2)};
    rvt_code32(&t, prog, 3);
    IRBlock *b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(b->guest_insns, 2);
    cr_assert_eq(b->insns[b->count - 1].op, IR_TRAP);
    cr_assert_eq(b->insns[b->count - 1].imm, RVT_CODE + 4);
    ir_block_free(b);
    rvt_fini(&t);
}

/* ---- Block shapes ------------------------------------------------------------------------------
 */

static const IRInsn *rvt_last(const IRBlock *b)
{
    return &b->insns[b->count - 1];
}

static const IRInsn *rvt_find(const IRBlock *b, IROp op)
{
    for (size_t i = 0; i < b->count; i++)
        if (b->insns[i].op == op)
            return &b->insns[i];
    return NULL;
}

static IRBlock *rvt_lift_words(RvTest *t, const uint32_t *words, size_t n)
{
    rvt_code32(t, words, n);
    return rvt_lift(t, RVT_CODE);
}

Test(riscv64_decode, control_flow_shapes)
{
    RvTest t;
    rvt_init(&t);

    uint32_t beq = RVT_ENC_B(-16, 11, 10, 0);
    IRBlock *b = rvt_lift_words(&t, &beq, 1);
    const IRInsn *exit_if = rvt_find(b, IR_EXIT_IF);
    cr_assert_not_null(exit_if);
    cr_assert_eq(exit_if->imm, RVT_CODE - 16);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 4);
    ir_block_free(b);

    uint32_t jal_ra = RVT_ENC_J(0x100, 1);
    b = rvt_lift_words(&t, &jal_ra, 1);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 0x100);
    cr_assert_eq(rvt_last(b)->cond, IR_JUMP_CALL);
    cr_assert_eq(rvt_last(b)->imm2, RVT_CODE + 4);
    ir_block_free(b);

    uint32_t jal_x0 = RVT_ENC_J(-8, 0);
    b = rvt_lift_words(&t, &jal_x0, 1);
    cr_assert_eq(rvt_last(b)->cond, IR_JUMP_PLAIN);
    cr_assert_null(rvt_find(b, IR_PUT));
    ir_block_free(b);

    uint32_t ret = RVT_ENC_I(0, 1, 0, 0, 0x67); /* jalr x0, 0(ra) */
    b = rvt_lift_words(&t, &ret, 1);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO_REG);
    cr_assert_eq(rvt_last(b)->cond, IR_JUMP_RET);
    ir_block_free(b);

    uint16_t c_jr_ra = 0x8082, c_jalr_a0 = 0x9502;
    rvt_code_bytes(&t, &c_jr_ra, 2);
    b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(rvt_last(b)->cond, IR_JUMP_RET);
    ir_block_free(b);
    rvt_code_bytes(&t, &c_jalr_a0, 2);
    b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO_REG);
    cr_assert_eq(rvt_last(b)->cond, IR_JUMP_CALL);
    cr_assert_eq(rvt_last(b)->imm2, RVT_CODE + 2);
    ir_block_free(b);

    uint32_t ecall = 0x00000073;
    b = rvt_lift_words(&t, &ecall, 1);
    cr_assert_eq(rvt_last(b)->op, IR_SYSCALL);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 4);
    ir_block_free(b);

    uint32_t fence_i = 0x0000100f;
    b = rvt_lift_words(&t, &fence_i, 1);
    cr_assert_eq(rvt_last(b)->op, IR_SYNC_CODE);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 4);
    ir_block_free(b);

    uint32_t ebreak = RVT_EBREAK;
    b = rvt_lift_words(&t, &ebreak, 1);
    cr_assert_eq(rvt_last(b)->op, IR_TRAP);
    cr_assert_eq(rvt_last(b)->cond, IR_TRAP_BREAKPOINT);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE);
    ir_block_free(b);

    /* fence rw,rw is a full fence, fence r,rw an acquire, fence rw,w a release. */
    uint32_t fences[] = {0x0330000f, 0x0230000f, 0x0310000f, RVT_EBREAK};
    b = rvt_lift_words(&t, fences, 4);
    IRFenceKind kinds[3];
    size_t nf = 0;
    for (size_t i = 0; i < b->count; i++)
        if (b->insns[i].op == IR_FENCE)
            kinds[nf++] = (IRFenceKind)b->insns[i].cond;
    cr_assert_eq(nf, 3);
    cr_assert_eq(kinds[0], IR_FENCE_SEQ);
    cr_assert_eq(kinds[1], IR_FENCE_ACQUIRE);
    cr_assert_eq(kinds[2], IR_FENCE_RELEASE);
    ir_block_free(b);

    /* Writing frm ends the block right after the write. */
    uint32_t csr_frm[] = {0x00215073 /* csrwi frm, 2 */, RVT_ADDI(10, 0, 1)};
    b = rvt_lift_words(&t, csr_frm, 2);
    cr_assert_eq(b->guest_insns, 1);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 4);
    ir_block_free(b);
    rvt_fini(&t);
}

Test(riscv64_decode, block_length_limits)
{
    RvTest t;
    rvt_init(&t);
    uint32_t prog[100];
    for (int i = 0; i < 100; i++)
        prog[i] = RVT_ADDI(10, 10, 1);
    IRBlock *b = rvt_lift_words(&t, prog, 100);
    cr_assert_eq(b->guest_insns, 64);
    cr_assert_eq(b->guest_bytes, 256);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 256);
    ir_block_free(b);

    t.max_insns = 3;
    b = rvt_lift_words(&t, prog, 100);
    cr_assert_eq(b->guest_insns, 3);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 12);
    ir_block_free(b);
    rvt_fini(&t);
}

Test(riscv64_decode, fetch_faults)
{
    RvTest t;
    rvt_init(&t);
    /* Nothing readable at pc: the block is a fetch-fault trap. */
    rvt_code_bytes(&t, "", 0);
    IRBlock *b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(rvt_last(b)->op, IR_TRAP);
    cr_assert_eq(rvt_last(b)->cond, IR_TRAP_FETCH_FAULT);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE);
    ir_block_free(b);

    /* A 32-bit instruction whose second half is unreadable faults too. */
    uint32_t add = RVT_ADD(10, 11, 12);
    rvt_code_bytes(&t, &add, 2);
    b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(rvt_last(b)->cond, IR_TRAP_FETCH_FAULT);
    cr_assert_eq(rvt_last(b)->imm2, RVT_CODE + 2);
    ir_block_free(b);

    /* A later unreadable instruction ends the block before it. */
    uint32_t two[] = {RVT_ADDI(10, 0, 1), RVT_ADDI(11, 0, 2)};
    rvt_code32(&t, two, 2);
    b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(b->guest_insns, 2);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 8);
    ir_block_free(b);

    /* A 16-bit instruction at the very end of readable code is fine. */
    uint16_t c_li = 0x4505; /* c.li a0, 1 */
    rvt_code_bytes(&t, &c_li, 2);
    b = rvt_lift(&t, RVT_CODE);
    cr_assert_eq(b->guest_insns, 1);
    cr_assert_eq(rvt_last(b)->op, IR_GOTO);
    cr_assert_eq(rvt_last(b)->imm, RVT_CODE + 2);
    ir_block_free(b);
    rvt_fini(&t);
}

Test(riscv64_decode, frontend_record)
{
    cr_assert_eq(fe_find_by_name("riscv64"), &fe_riscv64);
    cr_assert_eq(fe_find_by_elf_machine(243), &fe_riscv64);
    cr_assert_eq(fe_find_reg(&fe_riscv64, "a0")->offset, RV_OFF_X(10));
    cr_assert_eq(fe_find_reg(&fe_riscv64, "fa0")->offset, RV_OFF_F(10));
    cr_assert_eq(fe_find_reg(&fe_riscv64, "ft11")->offset, RV_OFF_F(31));
    cr_assert_eq(fe_find_reg(&fe_riscv64, "t6")->offset, RV_OFF_X(31));
    cr_assert_eq(fe_find_reg(&fe_riscv64, "pc")->offset, 0);
    cr_assert_eq(fe_riscv64.syscall_nr_offset, RV_OFF_X(17));
    cr_assert_eq(fe_riscv64.syscall_arg_offset[5], RV_OFF_X(15));
    cr_assert_eq(fe_riscv64.sp_offset, RV_OFF_X(2));
    cr_assert_eq(fe_riscv64.tls_offset, RV_OFF_X(4));
    /* Linux's value for rv64imafdc. */
    cr_assert_eq(fe_riscv64.hwcap, 0x112d);
    RvState s = {0};
    FeInitInfo info = {.entry = 0x10078, .sp = 0x7fff0000};
    fe_riscv64.init_state(&s, &info);
    cr_assert_eq(s.hdr.pc, 0x10078);
    cr_assert_eq(s.x[2], 0x7fff0000);
    cr_assert_eq(s.reserve_addr, RV_NO_RESERVATION);
}

Test(riscv64_decode, registers_are_read_once_per_block)
{
    RvTest t;
    rvt_init(&t);
    /* add a0,a1,a2; add a3,a1,a2; add a4,a0,a1; fadd.d fa0,fa1,fa1; fadd.d fa2,fa0,fa1 */
    uint32_t prog[] = {RVT_ADD(10, 11, 12),
                       RVT_ADD(13, 11, 12),
                       RVT_ADD(14, 10, 11),
                       RVT_ENC_R(0x01, 11, 11, 0, 10, RVT_OPFP),
                       RVT_ENC_R(0x01, 11, 10, 0, 12, RVT_OPFP),
                       RVT_EBREAK};
    IRBlock *b = rvt_lift_words(&t, prog, FVP_ARRAY_LEN(prog));
    unsigned gets = 0, puts = 0;
    for (size_t i = 0; i < b->count; i++) {
        gets += b->insns[i].op == IR_GET;
        puts += b->insns[i].op == IR_PUT;
    }
    cr_assert_eq(gets, 3, "a1, a2 and fa1 once each, got %u", gets); /* a0, fa0: written first */
    cr_assert_eq(puts, 5, "every write is still stored, got %u", puts);
    ir_block_free(b);
    /* ...and the values are right. */
    t.st.x[11] = 3;
    t.st.x[12] = 4;
    t.st.f[11] = 0x3ff0000000000000ull;
    rvt_run_to_ebreak(&t);
    cr_assert_eq(t.st.x[14], 10);
    cr_assert_eq(t.st.f[12], 0x4008000000000000ull);
    rvt_fini(&t);
}
