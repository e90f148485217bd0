#!/usr/bin/env python3
"""Runs many random-instruction programs (riscv64/gen_random.py) under qemu and fvp, and
reports each divergence down to the block, the registers that differ and the block's code.

    random_sweep.py --fvp build/tools/fvp [--engine interp] [--first 1] [--count 200]
                    [--blocks 200] [--passes 1] [--qemu qemu-riscv64]
                    [--cc riscv64-linux-gnu-gcc]

The ctests run four fixed seeds; this is for hunting with many more (seconds per seed).
Exit status 1 if any seed diverged. Known reference bugs are excluded by the generator.
"""
import argparse
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RV = os.path.join(HERE, "riscv64")
FIELDS = (["tag", "block", "x:"] + ["s%d" % i for i in range(12)] + ["f:"]
          + ["fs%d" % i for i in range(12)] + ["fflags:", "fflags"])


def block_source(asm_path, block):
    """The instructions of one block: between the dumps of block-1 and block."""
    with open(asm_path) as f:
        lines = f.read().splitlines()
    start = 0
    for i, line in enumerate(lines):
        if line.strip() == "li a0, %d" % (block - 1):
            start = i + 2
        if line.strip() == "li a0, %d" % block:
            return lines[start:i]
    return []


def explain(asm_path, ref, got):
    ref_lines, got_lines = ref.splitlines(), got.splitlines()
    for ref_line, got_line in zip(ref_lines, got_lines):
        if ref_line == got_line:
            continue
        a, b = ref_line.split(), got_line.split()
        block = int(a[1], 16) if len(a) > 1 else -1
        print("  first divergence after block %d:" % block)
        for name, x, y in zip(FIELDS, a, b):
            if x != y:
                print("    %-7s qemu %s  fvp %s" % (name, x, y))
        print("  block %d (registers before it are the previous line; with several passes the"
              " cause may lie in an earlier, silent pass):" % block)
        for line in block_source(asm_path, block):
            print("    " + line.strip())
        return
    print("  outputs differ in length: qemu %d lines, fvp %d lines"
          % (len(ref_lines), len(got_lines)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fvp", required=True)
    parser.add_argument("--engine", default="interp")
    parser.add_argument("--qemu", default="qemu-riscv64")
    parser.add_argument("--cc", default="riscv64-linux-gnu-gcc")
    parser.add_argument("--first", type=int, default=1)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--blocks", type=int, default=200)
    parser.add_argument("--passes", type=int, default=1,
                        help="run the blocks this often (more: more of it compiled)")
    opts = parser.parse_args()
    diverged = 0
    with tempfile.TemporaryDirectory(prefix="fvp-sweep-") as tmp:
        for seed in range(opts.first, opts.first + opts.count):
            asm = os.path.join(tmp, "random_%d.S" % seed)
            exe = os.path.join(tmp, "random_%d" % seed)
            subprocess.run([sys.executable, os.path.join(RV, "gen_random.py"), str(seed),
                            str(opts.blocks), asm, str(opts.passes)], check=True)
            subprocess.run([opts.cc, "-nostdlib", "-static", "-march=rv64gc_zba_zbb_zbs",
                            "-I" + RV, "-o", exe, asm, os.path.join(RV, "random_lib.S")],
                           check=True)
            ref = subprocess.run([opts.qemu, exe], capture_output=True, timeout=120)
            got = subprocess.run([opts.fvp, "run", "--engine=" + opts.engine, exe],
                                 capture_output=True, timeout=300)
            if ref.stdout == got.stdout and ref.returncode == got.returncode:
                continue
            diverged += 1
            print("seed %d: DIVERGES (qemu exit %d, fvp exit %d)%s"
                  % (seed, ref.returncode, got.returncode,
                     ": " + got.stderr.decode(errors="replace").strip() if got.stderr else ""))
            explain(asm, ref.stdout.decode(), got.stdout.decode())
    print("%d of %d seeds diverged (engine %s, %d blocks, %d passes each)"
          % (diverged, opts.count, opts.engine, opts.blocks, opts.passes))
    return 1 if diverged else 0


if __name__ == "__main__":
    sys.exit(main())
