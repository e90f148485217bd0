#!/usr/bin/env python3
"""Generates a random RV64GC+Zba/Zbb/Zbs instruction test (assembly) from a seed.

    gen_random.py SEED BLOCKS OUT.S [PASSES]

The program starts s0-s11 and fs0-fs11 from edge values (0, -1, INT64_MIN, NaNs, infinities,
subnormals, ...), then runs BLOCKS blocks of random integer, bit-manipulation, memory, atomic
and floating-point instructions (every static rounding mode and dyn), some repeated 20-120
times in a loop, printing all of those registers and fflags after each block (random_lib.S).
The whole sequence runs PASSES times (default 1), carrying the state over, so engines that
compile hot code in the background run the later passes compiled; the first and the last
pass print. Same seed, same program: the output is compared between qemu and fvp like any
other guest program, and the first differing line names the block (random_sweep.py
explains it).
"""
import random
import sys

X = ["s%d" % i for i in range(12)]
F = ["fs%d" % i for i in range(12)]
RM = ["rne", "rtz", "rdn", "rup", "rmm", "dyn"]
INT_EDGES = [0, 1, 2, -1, -2, 0x7fffffffffffffff, -0x8000000000000000, 0x7fffffff, -0x80000000,
             0xffffffff, 0x80000000, 0x100000000, 0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 63, 64,
             31, 32, 0xff, 0x8000, 0x0123456789abcdef]
F64_EDGES = [0x0000000000000000, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
             0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000, 0x7ff4000000000000,
             0xfff8000000000123, 0x0010000000000000, 0x000fffffffffffff, 0x0000000000000001,
             0x7fefffffffffffff, 0x3fd5555555555555, 0x4004000000000000, 0xc00c000000000000,
             0x43e0000000000000, 0xc3e0000000000000, 0x41efffffffe00000, 0x3ca0000000000000,
             0xffffffff3f800000, 0xffffffff7fc00000, 0xffffffff7f800001, 0xffffffff00000001,
             0xffffffff40490fdb, 0x000000003f800000]

R_INT = ["add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and", "addw", "subw",
         "sllw", "srlw", "sraw", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
         "mulw", "divw", "divuw", "remw", "remuw", "andn", "orn", "xnor", "min", "minu", "max",
         "maxu", "rol", "ror", "rolw", "rorw", "sh1add", "sh2add", "sh3add", "add.uw",
         "sh1add.uw", "sh2add.uw", "sh3add.uw", "bclr", "bset", "binv", "bext"]
I_INT = [("addi", -2048, 2047), ("slti", -2048, 2047), ("sltiu", -2048, 2047),
         ("xori", -2048, 2047), ("ori", -2048, 2047), ("andi", -2048, 2047),
         ("addiw", -2048, 2047), ("slli", 0, 63), ("srli", 0, 63), ("srai", 0, 63),
         ("slliw", 0, 31), ("srliw", 0, 31), ("sraiw", 0, 31), ("rori", 0, 63),
         ("roriw", 0, 31), ("bclri", 0, 63), ("bseti", 0, 63), ("binvi", 0, 63),
         ("bexti", 0, 63), ("slli.uw", 0, 63)]
# No ctzw: qemu 7.2 (the reference) returns ctz of all 64 bits when the low word is zero
# (spec: 32); rv_zb_spec.S checks ctzw against the spec instead.
U_INT = ["clz", "ctz", "cpop", "clzw", "cpopw", "sext.b", "sext.h", "zext.h", "rev8", "orc.b"]
LOADS = [("lb", 1), ("lbu", 1), ("lh", 2), ("lhu", 2), ("lw", 4), ("lwu", 4), ("ld", 8)]
STORES = [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)]
AMOS = ["amoswap", "amoadd", "amoand", "amoor", "amoxor", "amomin", "amomax", "amominu",
        "amomaxu"]
BRANCHES = ["beq", "bne", "blt", "bge", "bltu", "bgeu"]
SCRATCH = 256


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.lines = []

    def x(self):
        return self.r.choice(X)

    def f(self):
        return self.r.choice(F)

    def rm(self):
        return self.r.choice(RM)

    def emit(self, text):
        self.lines.append("    " + text)

    def int_value(self):
        if self.r.random() < 0.6:
            return self.r.choice(INT_EDGES)
        return self.r.getrandbits(64)

    def f_value(self):
        if self.r.random() < 0.6:
            return self.r.choice(F64_EDGES)
        bits = self.r.getrandbits(64)
        if self.r.random() < 0.3:  # a boxed single
            bits = 0xffffffff00000000 | (bits & 0xffffffff)
        return bits

    def load_int(self, reg):
        self.emit("li %s, %d" % (reg, self.int_value() & 0xffffffffffffffff))

    def load_f(self, reg):
        self.emit("li t0, %d" % self.f_value())
        self.emit("fmv.d.x %s, t0" % reg)

    def offset(self, size):
        off = self.r.randrange(0, SCRATCH - 8)
        if self.r.random() < 0.8:
            off -= off % size
        return off

    def integer(self):
        kind = self.r.random()
        if kind < 0.45:
            self.emit("%s %s, %s, %s" % (self.r.choice(R_INT), self.x(), self.x(), self.x()))
        elif kind < 0.8:
            name, lo, hi = self.r.choice(I_INT)
            self.emit("%s %s, %s, %d" % (name, self.x(), self.x(), self.r.randint(lo, hi)))
        elif kind < 0.95:
            self.emit("%s %s, %s" % (self.r.choice(U_INT), self.x(), self.x()))
        else:
            self.emit("lui %s, %d" % (self.x(), self.r.randrange(0, 1 << 20)))

    def memory(self):
        kind = self.r.random()
        self.emit("lla t6, scratch")
        if kind < 0.35:
            name, size = self.r.choice(LOADS)
            self.emit("%s %s, %d(t6)" % (name, self.x(), self.offset(size)))
        elif kind < 0.65:
            name, size = self.r.choice(STORES)
            self.emit("%s %s, %d(t6)" % (name, self.x(), self.offset(size)))
        elif kind < 0.75:
            size = self.r.choice([4, 8])
            op = ("fld %s, %d(t6)" if size == 8 else "flw %s, %d(t6)")
            self.emit(op % (self.f(), self.offset(size) // size * size))
        elif kind < 0.85:
            size = self.r.choice([4, 8])
            op = ("fsd %s, %d(t6)" if size == 8 else "fsw %s, %d(t6)")
            self.emit(op % (self.f(), self.offset(size) // size * size))
        elif kind < 0.95:
            width = self.r.choice(["w", "d"])
            size = 4 if width == "w" else 8
            self.emit("addi t6, t6, %d" % (self.offset(size) // size * size))
            self.emit("%s.%s %s, %s, (t6)" % (self.r.choice(AMOS), width, self.x(), self.x()))
        else:
            width = self.r.choice(["w", "d"])
            size = 4 if width == "w" else 8
            self.emit("addi t6, t6, %d" % (self.offset(size) // size * size))
            self.emit("lr.%s %s, (t6)" % (width, self.x()))
            self.emit("sc.%s %s, %s, (t6)" % (width, self.x(), self.x()))

    def floating(self):
        kind = self.r.random()
        p = self.r.choice(["d", "d", "s"])
        if kind < 0.3:
            op = self.r.choice(["fadd", "fsub", "fmul", "fdiv"])
            self.emit("%s.%s %s, %s, %s, %s" % (op, p, self.f(), self.f(), self.f(), self.rm()))
        elif kind < 0.4:
            op = self.r.choice(["fmadd", "fmsub", "fnmadd", "fnmsub"])
            self.emit("%s.%s %s, %s, %s, %s, %s" % (op, p, self.f(), self.f(), self.f(), self.f(),
                                                   self.rm()))
        elif kind < 0.45:
            self.emit("fsqrt.%s %s, %s, %s" % (p, self.f(), self.f(), self.rm()))
        elif kind < 0.55:
            op = self.r.choice(["fmin", "fmax", "fsgnj", "fsgnjn", "fsgnjx"])
            self.emit("%s.%s %s, %s, %s" % (op, p, self.f(), self.f(), self.f()))
        elif kind < 0.65:
            op = self.r.choice(["feq", "flt", "fle"])
            self.emit("%s.%s %s, %s, %s" % (op, p, self.x(), self.f(), self.f()))
        elif kind < 0.7:
            self.emit("fclass.%s %s, %s" % (p, self.x(), self.f()))
        elif kind < 0.8:
            to = self.r.choice(["w", "wu", "l", "lu"])
            self.emit("fcvt.%s.%s %s, %s, %s" % (to, p, self.x(), self.f(), self.rm()))
        elif kind < 0.88:
            src = self.r.choice(["w", "wu", "l", "lu"])
            if p == "d" and src in ("w", "wu"):  # exact: no rounding-mode operand
                self.emit("fcvt.d.%s %s, %s" % (src, self.f(), self.x()))
            else:
                self.emit("fcvt.%s.%s %s, %s, %s" % (p, src, self.f(), self.x(), self.rm()))
        elif kind < 0.93:
            if self.r.random() < 0.5:
                self.emit("fcvt.s.d %s, %s, %s" % (self.f(), self.f(), self.rm()))
            else:
                self.emit("fcvt.d.s %s, %s" % (self.f(), self.f()))
        elif kind < 0.97:
            op = self.r.choice(["fmv.x.d %s, %s", "fmv.x.w %s, %s"])
            self.emit(op % (self.x(), self.f()))
        else:
            op = self.r.choice(["fmv.d.x %s, %s", "fmv.w.x %s, %s"])
            self.emit(op % (self.f(), self.x()))

    def branch_over(self, label):
        self.emit("%s %s, %s, %s" % (self.r.choice(BRANCHES), self.x(), self.x(), label))

    def block(self, index, size):
        # A third of the blocks repeat (t5 counts): hot code, so tiered engines compile it.
        loop = self.r.random() < 0.35
        if loop:
            self.emit("li t5, %d" % self.r.randint(20, 120))
            self.lines.append("8:")
        pending_label = None
        for i in range(size):
            kind = self.r.random()
            if kind < 0.04:
                self.load_int(self.x())
            elif kind < 0.07:
                self.load_f(self.f())
            elif kind < 0.1:
                self.emit("fsrmi %d" % self.r.randrange(5))
            elif kind < 0.14 and pending_label is None and i < size - 2:
                pending_label = "9%d" % (i % 10)
                self.branch_over(pending_label + "f")
                continue
            elif kind < 0.5:
                self.integer()
            elif kind < 0.65:
                self.memory()
            else:
                self.floating()
            if pending_label and self.r.random() < 0.5:
                self.lines.append("%s:" % pending_label)
                pending_label = None
        if pending_label:
            self.lines.append("%s:" % pending_label)
        if loop:
            self.emit("addi t5, t5, -1")
            self.emit("bnez t5, 8b")
        self.emit("li a0, %d" % index)
        self.emit("call random_dump")

    def program(self, blocks, passes):
        head = ["/* Generated by gen_random.py: random RV64GC+Zb* instructions, dumped per block. */",
                '#include "asm_test.h"', "    .text", "    .globl _start", "_start:",
                "    .option push", "    .option norelax", "    lla gp, __global_pointer$",
                "    .option pop", "    fsflags zero", "    fsrmi 0"]
        self.lines = head
        for reg in X:
            self.load_int(reg)
        for reg in F:
            self.load_f(reg)
        # The whole sequence runs `passes` times so engines that compile hot code (in the
        # background) run later passes compiled; only the first and last passes print.
        self.emit("lla t0, passes_left")
        self.emit("li t1, %d" % passes)
        self.emit("sd t1, 0(t0)")
        self.lines.append("random_pass:")
        for b in range(blocks):
            self.block(b, self.r.randint(6, 16))
        self.emit("lla t0, passes_left")
        self.emit("ld t1, 0(t0)")
        self.emit("addi t1, t1, -1")
        self.emit("sd t1, 0(t0)")
        self.emit("addi t2, t1, -1")
        self.emit("seqz t2, t2")
        self.emit("lla t0, random_dump_enabled")
        self.emit("sd t2, 0(t0)")
        self.emit("beqz t1, 6f")
        self.emit("j random_pass")
        self.lines.append("6:")
        self.emit("tail random_exit")
        self.lines += ["    .data", "    .balign 8", "passes_left: .dword 0", "scratch:"]
        for i in range(SCRATCH // 8):
            self.emit(".dword %d" % self.r.choice([self.int_value() & 0xffffffffffffffff,
                                                   self.f_value()]))
        return "\n".join(self.lines) + "\n"


def main():
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    seed, blocks, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    passes = int(sys.argv[4]) if len(sys.argv) == 5 else 1
    text = Gen(seed).program(blocks, passes)
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
