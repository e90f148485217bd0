#!/usr/bin/env python3
"""Records A64VecCase rows (tests/unit/test_aarch64_harness.h) by running instructions on qemu-aarch64.

Input: a Python file defining CASES, a list of (asm, v1, v2, fpcr) where asm is one to three
instructions separated by ';', v1 and v2 are (lo, hi) 64-bit pairs for v1/v2 and fpcr is the
FPCR value. Every case starts like the unit harness: v0 = 0x55.., x0-x15 = 0, NZCV = 0,
FPSR = 0. The output is one C initialiser per case (v0 after the instructions, FPSR's
cumulative bits and QC, NZCV), ready to paste into a table of test_aarch64_*.c.

  record_cases.py cases.py > rows.inc
"""
import os
import runpy
import struct
import subprocess
import sys
import tempfile

CC = "aarch64-linux-gnu-gcc"
OBJDUMP = "aarch64-linux-gnu-objdump"
QEMU = "qemu-aarch64"
MARCH = "-march=armv8.2-a+fp16+crypto+sha2+aes"


def load_q(reg, lo, hi):
    return [f"ldr x9, ={lo:#x}", f"fmov d{reg}, x9", f"ldr x9, ={hi:#x}", f"mov v{reg}.d[1], x9"]


def program(cases):
    out = [".text", ".globl _start", "_start:", "adrp x20, results", "add x20, x20, :lo12:results"]
    for asm, v1, v2, fpcr in cases:
        assert all(0 <= v < 1 << 64 for v in v1 + v2), f"{asm}: an input exceeds 64 bits"
        out += load_q(0, 0x5555555555555555, 0x5555555555555555)
        out += load_q(1, *v1) + load_q(2, *v2)
        out += [f"ldr x9, ={fpcr:#x}", "msr fpcr, x9", "msr fpsr, xzr", "msr nzcv, xzr"]
        out += [f"mov x{i}, #0" for i in range(16)]
        out += [i.strip() for i in asm.split(";")]
        out += ["mrs x10, fpsr", "mrs x11, nzcv", "msr fpcr, xzr", "str q0, [x20], #16",
                "str w10, [x20], #4", "str w11, [x20], #4", "add x20, x20, #8"]
    size = 32 * len(cases)
    out += ["mov x0, #1", "adrp x1, results", "add x1, x1, :lo12:results", f"ldr x2, ={size}",
            "mov x8, #64", "svc #0", "mov x0, #0", "mov x8, #93", "svc #0",
            ".bss", ".balign 16", "results:", f".skip {size}"]
    return "\n".join(out) + "\n"


def encodings(cases, tmp):
    src = os.path.join(tmp, "insns.S")
    with open(src, "w") as f:
        for asm, *_ in cases:
            for i in asm.split(";"):
                f.write(i.strip() + "\n")
    obj = os.path.join(tmp, "insns.o")
    subprocess.run([CC, MARCH, "-c", src, "-o", obj], check=True)
    dump = subprocess.run([OBJDUMP, "-d", obj], check=True, capture_output=True, text=True).stdout
    words = []
    for line in dump.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0].strip().endswith(":"):
            words.append(int(parts[1].strip(), 16))
    result, k = [], 0
    for asm, *_ in cases:
        n = len(asm.split(";"))
        result.append(words[k:k + n])
        k += n
    return result


def main():
    cases = runpy.run_path(sys.argv[1])["CASES"]
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "rec.S")
        with open(src, "w") as f:
            f.write(program(cases))
        exe = os.path.join(tmp, "rec")
        subprocess.run([CC, MARCH, "-nostdlib", "-static", src, "-o", exe], check=True)
        raw = subprocess.run([QEMU, exe], check=True, capture_output=True).stdout
        codes = encodings(cases, tmp)
    for i, (asm, v1, v2, fpcr) in enumerate(cases):
        lo, hi, fpsr, nzcv = struct.unpack_from("<QQII", raw, 32 * i)
        code = ", ".join(f"{w:#010x}" for w in codes[i])
        print(f"    {{{{{code}}}, {{{v1[0]:#x}ull, {v1[1]:#x}ull}}, {{{v2[0]:#x}ull, {v2[1]:#x}ull}}, "
              f"{fpcr:#x}, {{{lo:#018x}ull, {hi:#018x}ull}}, {fpsr & 0x0800009f:#x}, {nzcv >> 28:#x}}}, "
              f"/* {asm} */")


if __name__ == "__main__":
    main()
