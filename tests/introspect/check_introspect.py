#!/usr/bin/env python3
"""End-to-end checks of `fvp run` --dump, --perf-map and --profile on small guest programs.

Usage: check_introspect.py CHECK --fvp FVP --hello HELLO --hotloop HOTLOOP
CHECK: dump | dump-jit | perf-map | profile | options. Exit 0 when the check passes.
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys

PIE_BASE = 0x2AAAAAA000  # RT_PIE_BASE: where fvp places static-PIE programs


def elf_symbols(path):
    """Function symbols of a little-endian ELF64 file: {name: (addr, size)}, plus its code
    bytes reader (addr, n) -> bytes."""
    data = open(path, "rb").read()
    assert data[:4] == b"\x7fELF" and data[4] == 2, f"{path}: not ELF64"
    e_type, = struct.unpack_from("<H", data, 16)
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        (name, stype, flags, addr, off, size, link, info, align,
         entsize) = struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
        sections.append((stype, addr, off, size, link, entsize))
    bias = PIE_BASE if e_type == 3 else 0
    syms = {}
    for stype, _, off, size, link, entsize in sections:
        if stype != 2:  # SHT_SYMTAB
            continue
        stroff = sections[link][2]
        for k in range(size // entsize):
            st_name, st_info, _, shndx, value, st_size = struct.unpack_from(
                "<IBBHQQ", data, off + k * entsize)
            if st_info & 0xF not in (0, 2, 10) or shndx == 0:
                continue
            end = data.index(b"\0", stroff + st_name)
            name = data[stroff + st_name:end].decode()
            if name and not name.startswith("$") and name not in syms:
                syms[name] = (value + bias, st_size)

    def code(addr, n):
        addr -= bias
        for stype, saddr, off, size, _, _ in sections:
            if stype == 1 and saddr <= addr < saddr + size:
                return data[off + addr - saddr:off + addr - saddr + n]
        raise AssertionError(f"0x{addr:x} is in no PROGBITS section")

    return syms, code


def run(fvp, args, check=True):
    p = subprocess.run([fvp, "run"] + args, capture_output=True, text=True, timeout=150)
    if check and p.returncode != 0:
        raise AssertionError(f"fvp run {' '.join(args)}: exit {p.returncode}\n{p.stderr[-3000:]}")
    return p


def fail_unless(cond, msg):
    if not cond:
        raise AssertionError(msg)


def sections_of(text):
    """[(kind, pc, symbol, body)] of the dump's '==== fvp dump: ...' sections."""
    out = []
    head = re.compile(r"^==== fvp dump: (\S+) 0x([0-9a-f]+) <([^>]*)>.* ====$")
    cur = None
    for line in text.splitlines():
        m = head.match(line)
        if m:
            cur = [m.group(1), int(m.group(2), 16), m.group(3), []]
            out.append(cur)
        elif cur is not None:
            cur[3].append(line)
    return out


def check_dump(a):
    syms, code = elf_symbols(a.hello)
    main_addr, _ = syms["main"]
    plain = run(a.fvp, [a.hello])
    for engine in ("interp", "jit"):
        p = run(a.fvp, [f"--engine={engine}", "--dump=guest,ir", "--dump-sym=main", a.hello])
        fail_unless(p.stdout == plain.stdout, f"{engine}: guest stdout changed by --dump")
        secs = sections_of(p.stderr)
        kinds = {s[0] for s in secs}
        fail_unless({"guest", "ir"} <= kinds, f"{engine}: sections {kinds}")
        first = [s for s in secs if s[0] == "guest" and s[1] == main_addr]
        fail_unless(first, f"{engine}: no guest section at main 0x{main_addr:x}")
        fail_unless(first[0][2] == "main", f"{engine}: header names {first[0][2]!r}, not main")
        line = first[0][3][0].split()
        # "0xPC symbol bytes disassembly..."
        fail_unless(int(line[0], 16) == main_addr and line[1] == "main",
                    f"{engine}: first line {line}")
        raw = bytes.fromhex(line[2])
        fail_unless(raw == code(main_addr, len(raw)) and len(raw) in (2, 4),
                    f"{engine}: main's first instruction bytes {line[2]}")
        fail_unless(len(line) > 3 and line[3] != "(undecodable)", f"{engine}: no disassembly")
        ir = [s for s in secs if s[0] == "ir" and s[1] == main_addr]
        fail_unless(ir and ir[0][3][0].startswith(f"block 0x{main_addr:x}"),
                    f"{engine}: IR section of main")
        # Only blocks that overlap main are dumped.
        lo, size = syms["main"]
        for s in secs:
            fail_unless(lo <= s[1] < lo + max(size, 1), f"block 0x{s[1]:x} is outside main")
    # With the LLVM JIT, every dumped block also gets LLVM and host sections: compiled by
    # the tiering JIT or, if still queued at exit, alone for the dump. (Regions of the
    # baseline compiler have no LLVM sections, and whether one is compiled before the
    # guest exits is a race: --jit-baseline=off.)
    p = run(a.fvp, ["--engine=jit", "--jit-baseline=off", "--dump=all", "--dump-sym=main",
                    a.hello])
    secs = sections_of(p.stderr)
    for kind in ("llvm", "llvm-opt", "host"):
        fail_unless(any(s[0] == kind and s[1] == main_addr for s in secs),
                    f"jit: no {kind} section at main")
    fail_unless(p.stdout == plain.stdout, "jit --dump=all: guest stdout changed")


def check_dump_jit(a, tmpdir):
    syms, _ = elf_symbols(a.hotloop)
    lo, size = syms["hot_spin"]
    path = os.path.join(tmpdir, f"dump-{os.getpid()}.txt")
    try:
        p = run(a.fvp, ["--engine=jit", "--jit-baseline=off", "--dump=all",
                        "--dump-sym=hot_spin", f"--dump-file={path}", a.hotloop])
        fail_unless("==== fvp dump" not in p.stderr, "--dump-file: dump went to stderr")
        secs = sections_of(open(path).read())
    finally:
        if os.path.exists(path):
            os.unlink(path)
    by_kind = {}
    for s in secs:
        fail_unless(lo <= s[1] < lo + size, f"block 0x{s[1]:x} is outside hot_spin")
        fail_unless(s[2].startswith("hot_spin"), f"section names {s[2]!r}")
        by_kind.setdefault(s[0], []).append(s)
    for kind in ("guest", "ir", "llvm", "llvm-opt", "host"):
        fail_unless(kind in by_kind, f"no {kind} section for hot_spin ({sorted(by_kind)})")
    fail_unless(any("define" in l for l in by_kind["llvm"][0][3]), "llvm section has no define")
    fail_unless(any(re.search(r"\bret", l) for s in by_kind["host"] for l in s[3]),
                "host section has no x86-64 ret")


def perf_map_tiers(a, extra, iterations):
    """Runs hotloop with --perf-map; checks every line; returns {(function, fast?)}."""
    syms, _ = elf_symbols(a.hotloop)
    proc = subprocess.Popen([a.fvp, "run", "--engine=jit"] + extra + ["--perf-map", a.hotloop,
                                                                      iterations],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = proc.communicate(timeout=150)
    path = f"/tmp/perf-{proc.pid}.map"
    try:
        fail_unless(proc.returncode == 0, f"exit {proc.returncode}: {err[-2000:]}")
        fail_unless(os.path.exists(path), f"{path} missing")
        lines = open(path).read().splitlines()
    finally:
        if os.path.exists(path):
            os.unlink(path)
    fail_unless(lines, "empty perf map")
    pat = re.compile(r"^([0-9a-f]+) ([0-9a-f]+) fvp:(\S+)( \[fast\])?$")
    tiers = set()
    for line in lines:
        m = pat.match(line)
        fail_unless(m, f"bad perf map line {line!r}")
        fail_unless(int(m.group(1), 16) > 0 and int(m.group(2), 16) > 0, f"empty range {line!r}")
        sym = m.group(3)
        base = sym.split("+")[0]
        fail_unless(base in syms or re.fullmatch(r"0x[0-9a-f]+", sym),
                    f"{sym!r} is no guest symbol")
        if "+" in sym:
            off = int(sym.split("+")[1], 16)
            fail_unless(off < max(syms[base][1], 1) or syms[base][1] == 0,
                        f"{sym!r}: offset past the symbol's end")
        tiers.add((base, m.group(4) is not None))
    names = {name for name, _ in tiers}
    fail_unless("hot_spin" in names, f"no region in hot_spin ({sorted(names)[:10]})")
    return tiers


def check_perf_map(a):
    # Regions start at the fast tier, marked " [fast]" (when the full tier of hot_spin gets
    # compiled before the program ends depends on the machine's load, so it is not required).
    tiers = perf_map_tiers(a, [], "2000000")
    fail_unless(("hot_spin", True) in tiers, f"hot_spin has no fast-tier line: {sorted(tiers)}")
    # Compiled at the full tier at once: no line is marked.
    tiers = perf_map_tiers(a, ["--jit-tier-up=0"], "2000000")
    fail_unless(not any(fast for _, fast in tiers), f"full tier only, yet: {sorted(tiers)}")


def check_profile(a):
    totals = {}
    for engine in ("interp", "jit", "auto"):
        p = run(a.fvp, [f"--engine={engine}", "--profile=5,json", a.hotloop])
        doc = json.loads(p.stderr.strip().splitlines()[-1])
        top = doc["functions"][0]
        fail_unless(top["symbol"] == "hot_spin" and top["share"] > 90,
                    f"{engine}: top function {top}")
        fail_unless(len(doc["blocks"]) == 5, f"{engine}: {len(doc['blocks'])} blocks listed")
        fail_unless(doc["blocks"][0]["symbol"].startswith("hot_spin"), f"{engine}: top block")
        totals[engine] = doc["total_insns"]
        if engine == "jit":
            fail_unless(doc["blocks"][0]["compiled_execs"] > 0, "jit: hot block never compiled")
    # Compiled code's counts are exact: every engine executes the same guest instructions.
    fail_unless(len(set(totals.values())) == 1, f"instruction totals differ: {totals}")
    p = run(a.fvp, ["--engine=auto", "--profile", a.hotloop])
    text = p.stderr
    fail_unless("fvp profile:" in text and "fvp profile by function:" in text, "text headers")
    fn = text.split("fvp profile by function:")[1].splitlines()
    fail_unless(fn[2].split()[1] == "hot_spin", f"text roll-up first row {fn[2]!r}")
    plain = run(a.fvp, [a.hotloop])
    fail_unless(p.stdout == plain.stdout, "guest stdout changed by --profile")


def check_options(a):
    cases = [
        (["--dump=bogus"], "unknown dump kind"),
        (["--dump=ir", "--dump-sym=no_such_symbol_here"], "no symbol"),
        (["--dump-pc=0x10000"], "need --dump"),
        (["--dump=ir", "--dump-pc=zz"], "bad --dump-pc"),
        (["--profile=0"], "bad --profile"),
    ]
    for opts, words in cases:
        p = run(a.fvp, opts + [a.hello], check=False)
        fail_unless(p.returncode == 125, f"{opts}: exit {p.returncode}")
        fail_unless(words in p.stderr, f"{opts}: stderr {p.stderr!r}")
    # --dump-pc on a pc inside main dumps exactly the blocks covering it.
    syms, _ = elf_symbols(a.hello)
    pc = syms["main"][0]
    p = run(a.fvp, ["--dump=guest", f"--dump-pc=0x{pc:x}", a.hello])
    secs = sections_of(p.stderr)
    fail_unless(secs and all(s[1] <= pc for s in secs), f"--dump-pc sections {secs[:3]}")


STRACE_LINE = re.compile(r"fvp: strace: (\[tid \d+\] )?([a-z0-9_]+)\(((0x[0-9a-f]+)(, 0x[0-9a-f]+)*)?\) = "
                         r"(0x[0-9a-f]+|-\d+ E[A-Z0-9]+ \(.+\)|\?)$")


def strace_calls(stderr, guest_lines):
    """[(tid, name, args, result)] of --strace's lines; any other line must be the guest's."""
    calls = []
    for line in stderr.splitlines():
        m = STRACE_LINE.match(line)
        if m:
            calls.append((m.group(1), m.group(2), m.group(3) or "", m.group(6)))
        else:
            fail_unless(line in guest_lines, f"--strace: malformed or split line {line!r}")
    return calls


def check_strace(a):
    """--strace prints one whole line per call (never split by the guest's output or other
    threads), its result, '?' for calls that do not return, and changes nothing else."""
    plain = run(a.fvp, [a.hello])
    p = run(a.fvp, ["--strace", a.hello])
    fail_unless(p.stdout == plain.stdout, "--strace changed the guest's stdout")
    calls = strace_calls(p.stderr, plain.stderr.splitlines())
    out_bytes = len(plain.stdout.encode())
    fail_unless(any(c[1] == "write" and c[2].startswith("0x1,") and c[3] == f"0x{out_bytes:x}"
                    for c in calls), f"no write(1, ...) = {out_bytes}: {calls}")
    fail_unless(calls[-1][1:] == ("exit_group", "0x0", "?"), f"last call {calls[-1]}")
    fail_unless(all(c[0] is None for c in calls), "a single-threaded guest got tid prefixes")
    for engine in ("interp", "auto"):
        for _ in range(5):  # the exiting threads race the process's end
            p = run(a.fvp, [f"--engine={engine}", "--strace", a.threads])
            calls = strace_calls(p.stderr, [])
            clones = [c for c in calls if c[1] == "clone"]
            exits = [c for c in calls if c[1] == "exit"]
            fail_unless(clones and len(exits) == len(clones) and
                        all(c[0] and c[3] == "?" for c in exits), f"threads: {calls}")
            fail_unless(calls[-1][1:] == ("exit_group", "0x0", "?"), f"last call {calls[-1]}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("check",
                    choices=["dump", "dump-jit", "perf-map", "profile", "options", "strace"])
    ap.add_argument("--fvp", required=True)
    ap.add_argument("--hello", required=True)
    ap.add_argument("--hotloop", required=True)
    ap.add_argument("--threads", required=True)
    a = ap.parse_args()
    try:
        if a.check == "dump":
            check_dump(a)
        elif a.check == "dump-jit":
            check_dump_jit(a, os.environ.get("TMPDIR", "/tmp"))
        elif a.check == "perf-map":
            check_perf_map(a)
        elif a.check == "profile":
            check_profile(a)
        elif a.check == "strace":
            check_strace(a)
        else:
            check_options(a)
    except AssertionError as e:
        print(f"FAIL {a.check}: {e}", file=sys.stderr)
        return 1
    print(f"ok {a.check}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
