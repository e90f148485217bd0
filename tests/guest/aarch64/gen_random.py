#!/usr/bin/env python3
"""Generates a random A64 instruction test (assembly) from a seed.

    gen_random.py SEED BLOCKS OUT.S

The program starts x19-x28 and v8-v15 from edge values (0, -1, INT64_MIN, NaNs,
infinities, subnormals, ...), then runs BLOCKS blocks of random integer, flag, bitfield,
multiply/divide, memory (incl. SIMD structure loads/stores, LSE atomics and exclusive
pairs), branch, scalar FP (every FPCR rounding mode, with and without FZ/DN) and Advanced
SIMD instructions, printing x19-x28, NZCV, FPSR and v8-v15 after each block (asm_print in
asm_lib.S). Same seed, same program: the output is compared between qemu and fvp like
any other guest program, and the first differing line names the block and register.
"""
import random
import sys

X = ["x%d" % i for i in range(19, 29)]
W = ["w%d" % i for i in range(19, 29)]
V = list(range(8, 16))
CONDS = ["eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc", "hi", "ls", "ge", "lt", "gt", "le"]
INT_EDGES = [0, 1, 2, -1, -2, 0x7fffffffffffffff, -0x8000000000000000, 0x7fffffff, -0x80000000,
             0xffffffff, 0x80000000, 0x100000000, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 63, 64,
             31, 32, 0xff, 0x8000, 0x0123456789abcdef]
F64_EDGES = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
             0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000000,
             0xfff8000000000123, 0x0010000000000000, 0x000fffffffffffff, 0x0000000000000001,
             0x7fefffffffffffff, 0x3fd5555555555555, 0x4004000000000000, 0xc00c000000000000,
             0x43e0000000000000, 0xc3e0000000000000, 0x41efffffffe00000, 0x3ca0000000000000,
             0x7fc000003f800000, 0x7f80000100000001, 0x40490fdbbf800000, 0x000000003f800000]
BITMASKS = [0xff, 0xff00ff00ff00ff00, 0x5555555555555555, 0x0f0f0f0f0f0f0f0f, 0xfffffffffffffffe,
            0x7fffffffffffffff, 0x3c, 0x1ffff, 0x8000000000000001, 0xffff0000ffff0000, 0x3ffc]
SCRATCH = 256


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []
        self.label = 0

    def emit(self, s):
        self.lines.append("    " + s)

    def x(self):
        return self.r.choice(X)

    def w(self):
        return self.r.choice(W)

    def reg(self, sf):
        return self.x() if sf else self.w()

    def integer(self):
        r = self.r
        sf = r.random() < 0.6
        d, n, m = self.reg(sf), self.reg(sf), self.reg(sf)
        k = r.randrange(14)
        bits = 64 if sf else 32
        if k == 0:
            op = r.choice(["add", "adds", "sub", "subs"])
            self.emit("%s %s, %s, %s, %s #%d" % (op, d, n, m, r.choice(["lsl", "lsr", "asr"]), r.randrange(bits)))
        elif k == 1:
            op = r.choice(["add", "adds", "sub", "subs"])
            self.emit("%s %s, %s, #%d%s" % (op, d, n, r.randrange(4096), r.choice(["", ", lsl #12"])))
        elif k == 2:
            op = r.choice(["and", "orr", "eor", "ands", "bic", "orn", "eon", "bics"])
            self.emit("%s %s, %s, %s, %s #%d" % (op, d, n, m, r.choice(["lsl", "lsr", "asr", "ror"]), r.randrange(bits)))
        elif k == 3:
            op = r.choice(["and", "orr", "eor", "ands"])
            imm = r.choice(BITMASKS if sf else [b & 0xffffffff for b in BITMASKS if b & 0xffffffff not in (0, 0xffffffff)])
            self.emit("%s %s, %s, #0x%x" % (op, d, n, imm))
        elif k == 4:
            self.emit("%s %s, %s, %s" % (r.choice(["adc", "adcs", "sbc", "sbcs"]), d, n, m))
        elif k == 5:
            ext = r.choice(["uxtb", "uxth", "uxtw", "sxtb", "sxth", "sxtw"])
            src = self.w() if sf else self.w()
            self.emit("%s %s, %s, %s, %s #%d" % (r.choice(["add", "adds", "sub", "subs"]), d, n, src, ext, r.randrange(5)))
        elif k == 6:
            op = r.choice(["csel", "csinc", "csinv", "csneg"])
            self.emit("%s %s, %s, %s, %s" % (op, d, n, m, r.choice(CONDS)))
        elif k == 7:
            op = r.choice(["ccmp", "ccmn"])
            second = m if r.random() < 0.5 else "#%d" % r.randrange(32)
            self.emit("%s %s, %s, #%d, %s" % (op, n, second, r.randrange(16), r.choice(CONDS)))
        elif k == 8:
            op = r.choice(["sbfx", "ubfx", "bfi", "bfxil", "sbfiz", "ubfiz"])
            lsb = r.randrange(bits)
            width = r.randrange(1, bits - lsb + 1)
            self.emit("%s %s, %s, #%d, #%d" % (op, d, n, lsb, width))
        elif k == 9:
            if r.random() < 0.5:
                self.emit("%s %s, %s, %s" % (r.choice(["lsl", "lsr", "asr", "ror"]), d, n, m))
            else:
                self.emit("extr %s, %s, %s, #%d" % (d, n, m, r.randrange(bits)))
        elif k == 10:
            op = r.choice(["rbit", "rev", "rev16", "clz", "cls"] + (["rev32"] if sf else []))
            self.emit("%s %s, %s" % (op, d, n))
        elif k == 11:
            op = r.choice(["mul", "udiv", "sdiv", "madd", "msub", "smulh", "umulh", "smaddl", "umsubl"])
            if op in ("madd", "msub"):
                self.emit("%s %s, %s, %s, %s" % (op, d, n, m, self.reg(sf)))
            elif op in ("smulh", "umulh"):
                self.emit("%s %s, %s, %s" % (op, self.x(), self.x(), self.x()))
            elif op in ("smaddl", "umsubl"):
                self.emit("%s %s, %s, %s, %s" % (op, self.x(), self.w(), self.w(), self.x()))
            else:
                self.emit("%s %s, %s, %s" % (op, d, n, m))
        elif k == 12:
            op = r.choice(["movz", "movk", "movn"])
            self.emit("%s %s, #0x%x, lsl #%d" % (op, d, r.randrange(65536), 16 * r.randrange(bits // 16)))
        else:
            self.emit("cset %s, %s" % (d, r.choice(CONDS)))

    def memory(self):
        r = self.r
        off = r.randrange(0, SCRATCH // 2, 8)
        k = r.randrange(9)
        if k == 6:
            self.simd_memory(off)
            return
        if k == 7:
            self.emit("add x16, x29, #%d" % off)
            op = r.choice(["ldadd", "ldclr", "ldeor", "ldset", "ldsmax", "ldumin", "swp", "cas"])
            sfx = r.choice(["", "a", "l", "al"])
            self.emit("%s%s %s, %s, [x16]" % (op, sfx, self.x(), self.x()))
            return
        if k == 8:
            self.emit("add x16, x29, #%d" % off)
            self.emit("ldaxr %s, [x16]" % self.x())
            self.emit("stlxr w17, %s, [x16]" % self.x())
            self.emit("add %s, %s, x17" % (self.x(), self.x()))
            return
        if k == 0:
            op, size = r.choice([("str", 8), ("strb", 1), ("strh", 2), ("str", 4)])
            reg = self.w() if size < 8 else self.x()
            self.emit("%s %s, [x29, #%d]" % (op, reg, off))
        elif k == 1:
            op = r.choice(["ldr", "ldrb", "ldrh", "ldrsb", "ldrsh", "ldrsw"])
            reg = self.x() if op in ("ldr", "ldrsb", "ldrsh", "ldrsw") else self.w()
            self.emit("%s %s, [x29, #%d]" % (op, reg, off))
        elif k == 2:
            op = r.choice(["ldp", "stp"])
            a, b = r.sample(X, 2)
            self.emit("%s %s, %s, [x29, #%d]" % (op, a, b, off))
        elif k == 3:
            self.emit("add x16, x29, #%d" % off)
            self.emit("%s %s, [x16, #%d]%s" % (r.choice(["ldr", "str"]), self.x(), r.choice([-8, 8, 16]), "!"))
        elif k == 4:
            self.emit("ldur %s, [x29, #%d]" % (self.x(), off + r.randrange(1, 8)))
        else:
            a, b = r.sample(V, 2)
            self.emit("%s d%d, d%d, [x29, #%d]" % (r.choice(["ldp", "stp"]), a, b, off))

    def simd_memory(self, off):
        r = self.r
        self.emit("add x16, x29, #%d" % off)
        first = r.choice(V[:-3])
        t = r.choice(["16b", "8h", "4s", "2d", "8b", "4h", "2s"])
        k = r.randrange(7)
        if k == 0:
            n = r.randrange(1, 4)
            regs = ", ".join("v%d.%s" % (first + i, t) for i in range(n))
            self.emit("%s {%s}, [x16]" % (r.choice(["ld1", "st1"]), regs))
        elif k == 1:
            n = r.choice([2, 3, 4])
            regs = ", ".join("v%d.%s" % (first + i, t) for i in range(n))
            self.emit("%s%d {%s}, [x16]" % (r.choice(["ld", "st"]), n, regs))
        elif k == 2:
            self.emit("ld1r {v%d.%s}, [x16]" % (first, t))
        elif k == 3:
            e, cnt = r.choice([("b", 16), ("h", 8), ("s", 4), ("d", 2)])
            self.emit("%s {v%d.%s}[%d], [x16]" % (r.choice(["ld1", "st1"]), first, e, r.randrange(cnt)))
        elif k == 4:
            self.emit("%s q%d, [x16]" % (r.choice(["ldr", "str"]), first))
        elif k == 5:
            self.emit("%s q%d, q%d, [x16]" % (r.choice(["ldp", "stp"]), first, first + 1))
        else:
            self.emit("ld1 {v%d.%s}, [x16], #%d" % (first, t, 16 if t in ("16b", "8h", "4s", "2d") else 8))

    def branch(self):
        r = self.r
        self.label += 1
        k = r.randrange(3)
        if k == 0:
            self.emit("b.%s 9%03df" % (r.choice(CONDS), self.label % 1000))
        elif k == 1:
            self.emit("%s %s, 9%03df" % (r.choice(["cbz", "cbnz"]), self.reg(r.random() < 0.5), self.label % 1000))
        else:
            self.emit("%s %s, #%d, 9%03df" % (r.choice(["tbz", "tbnz"]), self.x(), r.randrange(64), self.label % 1000))
        self.integer()
        self.lines.append("9%03d:" % (self.label % 1000))

    def fp(self):
        r = self.r
        t = r.choice(["d", "s"])
        d, n, m, a = ["%s%d" % (t, r.choice(V)) for _ in range(4)]
        k = r.randrange(9)
        if k == 0:
            self.emit("%s %s, %s, %s" % (r.choice(["fadd", "fsub", "fmul", "fdiv", "fmin", "fmax", "fminnm", "fmaxnm", "fnmul"]), d, n, m))
        elif k == 1:
            self.emit("%s %s, %s, %s, %s" % (r.choice(["fmadd", "fmsub", "fnmadd", "fnmsub"]), d, n, m, a))
        elif k == 2:
            self.emit("%s %s, %s" % (r.choice(["fsqrt", "fabs", "fneg", "frintn", "frintp", "frintm", "frintz", "frinta", "frintx", "frinti"]), d, n))
        elif k == 3:
            self.emit("%s %s, %s" % (r.choice(["fcmp", "fcmpe"]), n, m))
        elif k == 4:
            self.emit("%s %s, %s, #%d, %s" % (r.choice(["fccmp", "fccmpe"]), n, m, r.randrange(16), r.choice(CONDS)))
        elif k == 5:
            self.emit("fcsel %s, %s, %s, %s" % (d, n, m, r.choice(CONDS)))
        elif k == 6:
            op = r.choice(["fcvtzs", "fcvtzu", "fcvtns", "fcvtnu", "fcvtms", "fcvtps", "fcvtas", "fcvtau"])
            self.emit("%s %s, %s" % (op, self.reg(r.random() < 0.5), n))
        elif k == 7:
            op = r.choice(["scvtf", "ucvtf"])
            self.emit("%s %s, %s" % (op, d, self.reg(r.random() < 0.5)))
        else:
            other = "s" if t == "d" else "d"
            self.emit("fcvt %s%d, %s" % (other, r.choice(V), n))

    def simd(self):
        r = self.r
        d, n, m = r.choice(V), r.choice(V), r.choice(V)
        t = r.choice(["16b", "8h", "4s", "2d", "8b", "4h", "2s"])
        k = r.randrange(8)
        if k == 0:
            ops = ["add", "sub", "cmeq", "cmhi", "cmge", "cmgt", "cmtst", "sqadd", "uqadd", "sqsub", "uqsub", "ushl", "sshl"]
            if t != "2d":
                ops += ["mul", "mla", "smax", "umin", "uabd", "addp", "umaxp", "sminp", "uhadd", "srhadd"]
            if t in ("8h", "4s", "4h", "2s"):
                ops += ["sqdmulh", "sqrdmulh"]
            ops += ["srshl", "urshl"]
            self.emit("%s v%d.%s, v%d.%s, v%d.%s" % (r.choice(ops), d, t, n, t, m, t))
        elif k == 1:
            self.emit("%s v%d.16b, v%d.16b, v%d.16b" % (r.choice(["and", "orr", "eor", "bic", "orn", "bsl", "bit", "bif"]), d, n, m))
        elif k == 2:
            ft = r.choice(["4s", "2d", "2s"])
            ops = ["fadd", "fsub", "fmul", "fdiv", "fmax", "fminnm", "fmla", "fmls", "fabd", "fcmeq", "fcmge", "facgt", "faddp", "fmaxp"]
            self.emit("%s v%d.%s, v%d.%s, v%d.%s" % (r.choice(ops), d, ft, n, ft, m, ft))
        elif k == 3:
            ft = r.choice(["4s", "2d", "2s"])
            ops = ["fabs", "fneg", "fsqrt", "frintn", "frintm", "frinta", "frintx", "fcvtzs", "fcvtzu", "fcvtns", "scvtf", "ucvtf"]
            self.emit("%s v%d.%s, v%d.%s" % (r.choice(ops), d, ft, n, ft))
        elif k == 4:
            bits = {"16b": 8, "8b": 8, "8h": 16, "4h": 16, "4s": 32, "2s": 32, "2d": 64}[t]
            op = r.choice(["ushr", "sshr", "usra", "srshr", "shl", "sli", "sri", "sqshl", "uqshl", "sqshlu"])
            s = r.randrange(1, bits + 1) if op not in ("shl", "sli", "sqshl", "uqshl", "sqshlu") else r.randrange(bits)
            self.emit("%s v%d.%s, v%d.%s, #%d" % (op, d, t, n, t, s))
        elif k == 5:
            op = r.choice(["zip1", "zip2", "uzp1", "uzp2", "trn1", "trn2"])
            self.emit("%s v%d.%s, v%d.%s, v%d.%s" % (op, d, t, n, t, m, t))
        elif k == 6:
            op = r.choice(["xtn", "sqxtn", "uqxtn", "uxtl", "sxtl", "ext", "tbl", "rev64", "cnt", "addv", "umaxv", "dup"])
            if op in ("xtn", "sqxtn", "uqxtn"):
                self.emit("%s v%d.8b, v%d.8h" % (op, d, n))
            elif op in ("uxtl", "sxtl"):
                self.emit("%s v%d.4s, v%d.4h" % (op, d, n))
            elif op == "ext":
                self.emit("ext v%d.16b, v%d.16b, v%d.16b, #%d" % (d, n, m, r.randrange(16)))
            elif op == "tbl":
                self.emit("tbl v%d.16b, {v%d.16b}, v%d.16b" % (d, n, m))
            elif op in ("addv", "umaxv"):
                self.emit("%s b%d, v%d.16b" % (op, d, n))
            elif op == "dup":
                self.emit("dup v%d.4s, v%d.s[%d]" % (d, n, r.randrange(4)))
            else:
                self.emit("%s v%d.16b, v%d.16b" % (op, d, n))
        else:
            op = r.choice(["umov", "ins", "smov", "fmla_e"])
            if op == "umov":
                self.emit("umov %s, v%d.h[%d]" % (self.w(), n, r.randrange(8)))
            elif op == "smov":
                self.emit("smov %s, v%d.b[%d]" % (self.x(), n, r.randrange(16)))
            elif op == "ins":
                self.emit("ins v%d.d[%d], %s" % (d, r.randrange(2), self.x()))
            else:
                self.emit("fmla v%d.4s, v%d.4s, v%d.s[%d]" % (d, n, m, r.randrange(4)))

    def dump(self, block):
        self.emit("mrs x9, nzcv")
        self.emit("mrs x10, fpsr")
        self.emit("stp x9, x10, [sp, #-16]!")
        for reg in X:
            self.print_reg("b%d_%s" % (block, reg), reg)
        self.emit("ldp x9, x10, [sp], #16")
        self.emit("msr nzcv, x9")
        self.emit("stp x9, x10, [sp, #-16]!")
        self.emit("lsr x9, x9, #28")
        self.print_reg("b%d_nzcv" % block, "x9")
        self.emit("ldr x10, [sp, #8]")
        self.print_reg("b%d_fpsr" % block, "x10")
        for v in V:
            self.emit("fmov x11, d%d" % v)
            self.print_reg("b%d_v%d_lo" % (block, v), "x11")
            self.emit("mov x11, v%d.d[1]" % v)
            self.print_reg("b%d_v%d_hi" % (block, v), "x11")
        self.emit("ldp x9, x10, [sp], #16")
        self.emit("msr nzcv, x9")

    def print_reg(self, name, reg):
        self.lines.append("    .pushsection .rodata.names, \"a\"")
        self.lines.append("9990: .asciz \"%s\"" % name)
        self.lines.append("    .popsection")
        self.emit("mov x0, %s" % reg)
        self.emit("adrp x2, 9990b")
        self.emit("add x2, x2, :lo12:9990b")
        self.emit("bl asm_print")

    def program(self, blocks):
        r = self.r
        out = ["/* Generated by gen_random.py: random A64 instructions, registers dumped per block. */",
               '#include "asm_test.h"', "", "    .text", "    .globl test_main", "test_main:",
               "    adrp x29, scratch", "    add x29, x29, :lo12:scratch",
               "    msr nzcv, xzr  /* Linux starts with NZCV clear, qemu-user with Z set */"]
        self.lines = out
        for reg in X:
            self.emit("ldr %s, =0x%x" % (reg, r.choice(INT_EDGES) & (2**64 - 1)))
        for v in V:
            self.emit("ldr x9, =0x%x" % r.choice(F64_EDGES))
            self.emit("fmov d%d, x9" % v)
            self.emit("ldr x9, =0x%x" % r.choice(F64_EDGES))
            self.emit("mov v%d.d[1], x9" % v)
        for b in range(blocks):
            if r.random() < 0.3:
                # RMode, and sometimes FZ (bit 24) and DN (bit 25)
                bits = r.randrange(4) << 22 | r.choice([0, 0, 1 << 24, 1 << 25, 3 << 24])
                self.emit("ldr x9, =0x%x" % bits)
                self.emit("msr fpcr, x9")
            for _ in range(r.randrange(4, 12)):
                k = r.random()
                if k < 0.4:
                    self.integer()
                elif k < 0.5:
                    self.memory()
                elif k < 0.58:
                    self.branch()
                elif k < 0.78:
                    self.fp()
                else:
                    self.simd()
            self.dump(b)
            self.emit("msr fpsr, xzr")
        self.emit("msr fpcr, xzr")
        self.emit("TEST_END")
        self.lines += ["", "    .bss", "    .balign 16", "scratch: .space %d" % (SCRATCH + 64)]
        return "\n".join(self.lines) + "\n"


def main():
    seed, blocks, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    with open(out, "w") as f:
        f.write(Gen(seed).program(blocks))


if __name__ == "__main__":
    main()
