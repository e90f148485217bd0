#!/usr/bin/env python3
"""End-to-end bad-input tests for `fvp run`: crafts hostile inputs and checks fvp's verdict.

    bad_input.py list
    bad_input.py make OUTDIR --riscv-elf ELF --hello-src C --riscv-cc CC --aarch64-cc CC
                      [--host-cc CC]
    bad_input.py run --fvp FVP --inputs OUTDIR CASE

Every case must end with exit status 125 and exactly one line on stderr that starts with
"fvp: " and names the file: never a crash, a signal, a sanitizer report or a hang. The
EXPECT table says what else each case's message must contain; when a frontend lands, its
case flips from "unsupported" to a run whose output is checked (see EXPECT_RUNS).
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys

# case -> regex (case-insensitive) the single "fvp: " line must also match, or None.
EXPECT = {
    "missing": None,
    "directory": None,
    "not_elf": None,
    "empty": None,
    "truncated": None,
    "elf32": None,
    "x86_64": r"unsupported|not supported",
    "huge_memsz": None,
    "overlapping_segments": None,
    "filesz_beyond_eof": None,
    "phdrs_beyond_eof": None,
    "no_phdrs": None,
    "entry_outside_segments": None,
    "riscv64_dynamic": r"dynamic|interpreter",
}
# Cases that must run as real programs instead (exit 0, stdout starting with this). The
# AArch64 frontend exists, so the AArch64 ELF runs; move "riscv64_dynamic" here too if fvp
# ever loads dynamically linked guests.
EXPECT_RUNS = {
    "aarch64": b"hello, world\n",
}

FILES = {
    "missing": "does-not-exist",
    "directory": "a-directory",
    "not_elf": "not-elf.txt",
    "empty": "empty",
    "truncated": "truncated-elf",
    "elf32": "elf32",
    "x86_64": "x86_64-static",
    "aarch64": "aarch64-static",
    "huge_memsz": "huge-memsz",
    "overlapping_segments": "overlapping-segments",
    "filesz_beyond_eof": "filesz-beyond-eof",
    "phdrs_beyond_eof": "phdrs-beyond-eof",
    "no_phdrs": "no-phdrs",
    "entry_outside_segments": "entry-outside-segments",
    "riscv64_dynamic": "riscv64-dynamic",
}
SANITIZER_MARKERS = ("AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
                     "LeakSanitizer")
PT_LOAD = 1
PHDR64 = struct.Struct("<IIQQQQQQ")


def load_phdrs(data):
    """(e_phoff, e_phentsize, [(index, fields...)]) of an ELF64 little-endian image."""
    phoff = struct.unpack_from("<Q", data, 0x20)[0]
    phentsize, phnum = struct.unpack_from("<HH", data, 0x36)
    return phoff, phentsize, [PHDR64.unpack_from(data, phoff + i * phentsize)
                              for i in range(phnum)]


def patch_load(data, which, **changes):
    """Returns data with the which-th PT_LOAD header's fields replaced."""
    names = ("p_type", "p_flags", "p_offset", "p_vaddr", "p_paddr", "p_filesz", "p_memsz",
             "p_align")
    phoff, phentsize, phdrs = load_phdrs(data)
    loads = [i for i, p in enumerate(phdrs) if p[0] == PT_LOAD]
    index = loads[which]
    fields = dict(zip(names, phdrs[index]))
    fields.update(changes)
    out = bytearray(data)
    PHDR64.pack_into(out, phoff + index * phentsize, *(fields[n] for n in names))
    return bytes(out)


def make_elf32():
    """A minimal, otherwise valid 32-bit RISC-V executable (one PT_LOAD, exit(0) code)."""
    code = struct.pack("<4I", 0x00000513, 0x05d00893, 0x00000073, 0)  # li a0,0; li a7,93; ecall
    ehsize, phentsize = 52, 32
    entry = 0x10000 + ehsize + phentsize
    ehdr = b"\x7fELF" + bytes([1, 1, 1, 0]) + bytes(8)
    ehdr += struct.pack("<HHIIIIIHHHHHH", 2, 243, 1, entry, ehsize, 0, 0, ehsize, phentsize,
                        1, 40, 0, 0)
    total = ehsize + phentsize + len(code)
    phdr = struct.pack("<IIIIIIII", PT_LOAD, 0, 0x10000, 0x10000, total, total, 5, 0x1000)
    return ehdr + phdr + code


def compile_static(cc, src, out, extra=()):
    if not cc or not shutil.which(cc):
        return False
    result = subprocess.run([cc, "-static", "-O2", "-o", out, src] + list(extra),
                            capture_output=True, text=True)
    if result.returncode != 0:
        print("note: %s could not build %s: %s" % (cc, out, result.stderr.strip()[:300]))
    return result.returncode == 0


def make_x86_64_header_only(out):
    """Fallback when no static host libc exists: a header-only x86-64 ET_EXEC."""
    ehdr = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    ehdr += struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0x401000, 64, 0, 0, 64, 56, 1, 64, 0, 0)
    phdr = PHDR64.pack(PT_LOAD, 5, 0, 0x400000, 0x400000, 0x1000, 0x1000, 0x1000)
    with open(out, "wb") as f:
        f.write((ehdr + phdr).ljust(0x1010, b"\xcc"))


def make(opts):
    out = opts.outdir
    os.makedirs(out, exist_ok=True)
    path = lambda case: os.path.join(out, FILES[case])
    with open(opts.riscv_elf, "rb") as f:
        real = f.read()
    if os.path.lexists(path("missing")):
        os.remove(path("missing"))
    os.makedirs(path("directory"), exist_ok=True)
    with open(path("not_elf"), "w") as f:
        f.write("This is a text file, not an ELF executable.\n")
    open(path("empty"), "wb").close()
    with open(path("truncated"), "wb") as f:
        f.write(real[:100])
    with open(path("elf32"), "wb") as f:
        f.write(make_elf32())
    if not compile_static(opts.host_cc, opts.hello_src, path("x86_64")):
        make_x86_64_header_only(path("x86_64"))
    if not compile_static(opts.aarch64_cc, opts.hello_src, path("aarch64")):
        sys.exit("cannot build the AArch64 input with %s" % opts.aarch64_cc)
    with open(path("huge_memsz"), "wb") as f:
        f.write(patch_load(real, 0, p_memsz=0xfffffffffff00000))
    _, _, phdrs = load_phdrs(real)
    loads = [p for p in phdrs if p[0] == PT_LOAD]
    first, second = loads[0], loads[1]
    align = second[7]
    # Same page offset as the file offset (so the header is consistent), inside segment 0.
    vaddr = (first[3] & ~(align - 1)) + (second[2] & (align - 1))
    with open(path("overlapping_segments"), "wb") as f:
        f.write(patch_load(real, 1, p_vaddr=vaddr, p_paddr=vaddr))
    with open(path("filesz_beyond_eof"), "wb") as f:
        f.write(patch_load(real, 0, p_filesz=len(real) * 4, p_memsz=len(real) * 4))
    bad = bytearray(real)
    struct.pack_into("<Q", bad, 0x20, len(real) + 4096)
    with open(path("phdrs_beyond_eof"), "wb") as f:
        f.write(bytes(bad))
    bad = bytearray(real)
    struct.pack_into("<H", bad, 0x38, 0)
    with open(path("no_phdrs"), "wb") as f:
        f.write(bytes(bad))
    bad = bytearray(real)
    struct.pack_into("<Q", bad, 0x18, 0x5)
    with open(path("entry_outside_segments"), "wb") as f:
        f.write(bytes(bad))
    result = subprocess.run([opts.riscv_cc, "-O2", "-o", path("riscv64_dynamic"),
                             opts.hello_src], capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("cannot build the dynamic riscv64 input: " + result.stderr)
    return 0


def run(opts):
    case = opts.case
    if case not in EXPECT and case not in EXPECT_RUNS:
        print("unknown case %s" % case)
        return 2
    target = os.path.join(opts.inputs, FILES[case])
    argv = [opts.fvp, "run", target]
    print("$ " + " ".join(argv))
    try:
        result = subprocess.run(argv, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        print("FAIL %s: fvp did not finish within 60 s" % case)
        return 1
    out = result.stdout.decode("utf-8", "backslashreplace")
    err = result.stderr.decode("utf-8", "backslashreplace")
    print("exit status %d\n--- stdout:\n%s--- stderr:\n%s---" % (result.returncode, out, err))
    problems = []
    if result.returncode < 0 or result.returncode >= 128:
        problems.append("fvp crashed or was killed (status %d)" % result.returncode)
    if any(m in err for m in SANITIZER_MARKERS):
        problems.append("sanitizer report")
    if case in EXPECT_RUNS:
        if result.returncode != 0:
            problems.append("expected the program to run and exit 0")
        if not result.stdout.startswith(EXPECT_RUNS[case]):
            problems.append("expected stdout to start with %r" % EXPECT_RUNS[case])
    else:
        if result.returncode != 125:
            problems.append("expected exit status 125, got %d" % result.returncode)
        lines = err.splitlines()
        if len(lines) != 1:
            problems.append("expected exactly one line on stderr, got %d" % len(lines))
        line = lines[0] if lines else ""
        if not line.startswith("fvp: "):
            problems.append("the stderr line must start with 'fvp: '")
        if target not in line and os.path.basename(target) not in line:
            problems.append("the stderr line must name the file (%s)" % target)
        want = EXPECT[case]
        if want and not re.search(want, line, re.IGNORECASE):
            problems.append("the stderr line must match /%s/" % want)
        if result.stdout:
            problems.append("nothing may be written to stdout")
    if problems:
        print("FAIL %s: %s" % (case, "; ".join(problems)))
        return 1
    print("PASS %s" % case)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    p_make = sub.add_parser("make")
    p_make.add_argument("outdir")
    p_make.add_argument("--riscv-elf", required=True)
    p_make.add_argument("--hello-src", required=True)
    p_make.add_argument("--riscv-cc", required=True)
    p_make.add_argument("--aarch64-cc", required=True)
    p_make.add_argument("--host-cc")
    p_run = sub.add_parser("run")
    p_run.add_argument("--fvp", required=True)
    p_run.add_argument("--inputs", required=True)
    p_run.add_argument("case")
    opts = parser.parse_args()
    if opts.command == "list":
        print(";".join(sorted(set(EXPECT) | set(EXPECT_RUNS))))
        return 0
    return make(opts) if opts.command == "make" else run(opts)


if __name__ == "__main__":
    sys.exit(main())
