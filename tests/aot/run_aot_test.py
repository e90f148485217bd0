#!/usr/bin/env python3
"""AOT tests: `fvp aot` error handling, and translated executables against qemu-user.

    run_aot_test.py errors --fvp FVP --prog GUEST
    run_aot_test.py compare --fvp FVP --qemu QEMU --prog GUEST [--strip STRIP] [--opt O0]
                            [--split BLOCKS]
    run_aot_test.py tables --fvp FVP --prog GUEST --nm NM --function NAME [--strip STRIP]
    run_aot_test.py counts --fvp FVP --prog GUEST --instret INSTRET
    run_aot_test.py fp-modes --fvp FVP --prog FPMODE
    run_aot_test.py passes --fvp FVP --prog INSTRET

errors: a missing file, a non-ELF file, a wrong machine (the host's own /bin/true), an
unknown pass in --passes and an unwritable output each make `fvp aot` exit 125 with one
line on stderr, and leave no file.
passes: see passes() below.
compare: translates GUEST (stripped first with --strip), runs it and qemu with the same
arguments and environment; stdout, stderr and exit status must agree. With --split,
functions with loops above BLOCKS blocks are translated in pieces (fvp aot --split), and
`fvp aot --stats` must report that some were.
tables: GUEST's function NAME holds a switch compiled to a table of relative offsets (no
code pointers in data); translated (stripped first with --strip), `fvp aot --stats` must
report a jump table and FVP_STATS=1 must list no block of NAME among those run outside
translated code (its cases were interpreted before jump-table discovery).
counts: GUEST translated without --counts reports its translated instructions as not
counted (FVP_STATS=1) and with --counts as counted, and none interpreted (precompiled code
is looked up when a block first runs, so even run-once blocks run translated); INSTRET (reads instret around a loop)
is translated with counts although not asked, and its reads see the loop counted.
fp-modes: FPMODE (tests/tiering/fpmode.c: one FP loop under round-to-nearest, toward zero,
nearest again) is translated with copies for any FP mode (`fvp aot --stats`), prints what
the interpreter prints, and runs its loops translated in every mode: the guarded function
tail-calls its copy instead of leaving for the interpreter (FVP_STATS=1: no FP-mode exits,
few interpreted instructions).
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ENV = {"PATH": "/usr/bin:/bin", "LC_ALL": "C", "HOME": "/nonexistent"}


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check_error(fvp, prog, out, want, options=()):
    r = subprocess.run([fvp, "aot", prog, "-o", out] + list(options), capture_output=True,
                       timeout=120)
    lines = r.stderr.decode().splitlines()
    if r.returncode != 125 or len(lines) != 1 or want not in lines[0]:
        fail("fvp aot %s -o %s: want exit 125 and one line containing %r, got %d %r"
             % (prog, out, want, r.returncode, lines))
    parent = os.path.dirname(out) or "."
    if os.path.exists(out) or (os.path.isdir(parent) and any(
            f.startswith(os.path.basename(out) + ".fvp-tmp") for f in os.listdir(parent))):
        fail("a file was left behind for " + out)
    print("ok: " + lines[0])


def errors(a):
    d = tempfile.mkdtemp(prefix="fvp-aot-err-")
    try:
        text = os.path.join(d, "notelf")
        with open(text, "w") as f:
            f.write("just text\n")
        check_error(a.fvp, os.path.join(d, "missing"), os.path.join(d, "o1"), "No such file")
        check_error(a.fvp, text, os.path.join(d, "o2"), "loading")
        check_error(a.fvp, "/bin/true", os.path.join(d, "o3"), "loading")
        check_error(a.fvp, a.prog, os.path.join(d, "o4"), "unknown pass name 'no-such-pass'",
                    ["--passes=no-such-pass"])
        check_error(a.fvp, a.prog, os.path.join(d, "o5"), "empty pass pipeline", ["--passes="])
        check_error(a.fvp, a.prog, os.path.join(d, "o6"), "--passes needs --opt=O1",
                    ["--opt=O0", "--passes=function(sroa)"])
        ro = os.path.join(d, "ro")
        os.mkdir(ro, 0o555)
        if os.access(ro, os.W_OK):  # running as root: a directory that does not exist
            ro = os.path.join(d, "nodir")
            check_error(a.fvp, a.prog, os.path.join(ro, "out"), "writing " + ro)
        else:
            check_error(a.fvp, a.prog, os.path.join(ro, "out"), "Permission denied")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def translate(a, d, options):
    """Translates a.prog (a stripped copy in d with --strip) into d; returns the guest path,
    the executable and fvp aot's stderr."""
    prog = a.prog
    if a.strip:
        prog = os.path.join(d, "stripped")
        shutil.copy(a.prog, prog)
        subprocess.run([a.strip, prog], check=True)
    out = os.path.join(d, "translated")
    r = subprocess.run([a.fvp, "aot", prog, "-o", out] + options, capture_output=True,
                       timeout=600)
    if r.returncode:
        fail("fvp aot: exit %d: %s" % (r.returncode, r.stderr.decode()))
    return prog, out, r.stderr.decode()


def compare(a):
    d = tempfile.mkdtemp(prefix="fvp-aot-")
    try:
        options = ["--opt=" + a.opt]
        if a.split:
            options += ["--split=%d" % a.split, "--stats"]
        prog, out, stats = translate(a, d, options)
        if a.split:
            m = re.search(r"(\d+) big ones split", stats)
            if not m or int(m.group(1)) == 0:
                fail("--split=%d split no function:\n%s" % (a.split, stats))
            print("ok: %s functions split into pieces" % m.group(1))
        args = ["x", "second arg"]
        # The guest sees the same argv[0] under both.
        ref = subprocess.run([a.qemu, prog] + args, capture_output=True, env=ENV, timeout=120)
        got = subprocess.run([prog] + args, executable=out, capture_output=True, env=ENV,
                             timeout=120)
        for what, x, y in (("stdout", ref.stdout, got.stdout), ("stderr", ref.stderr, got.stderr),
                           ("exit status", ref.returncode, got.returncode)):
            if x != y:
                fail("%s differs:\n--- qemu\n%r\n--- aot\n%r" % (what, x, y))
        st = subprocess.run([prog] + args, executable=out, capture_output=True,
                            env=dict(ENV, FVP_STATS="1"), timeout=120)
        if b"translated" not in st.stderr:
            fail("FVP_STATS=1 printed no statistics")
        print("ok: identical to qemu")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def function_range(nm, prog, name):
    """[start, end) of the symbol NAME in PROG (before stripping)."""
    out = subprocess.run([nm, "-S", prog], capture_output=True, check=True).stdout.decode()
    for line in out.splitlines():
        f = line.split()
        if len(f) == 4 and f[3] == name:
            return int(f[0], 16), int(f[0], 16) + int(f[1], 16)
    fail("no symbol %s in %s" % (name, prog))


def tables(a):
    start, end = function_range(a.nm, a.prog, a.function)
    d = tempfile.mkdtemp(prefix="fvp-aot-tables-")
    try:
        prog, out, stats = translate(a, d, ["--opt=O0", "--stats"])
        m = re.search(r"from (\d+) jump tables (\d+)", stats)
        if not m or int(m.group(1)) < 1:
            fail("fvp aot --stats reports no jump table: %s" % stats)
        st = subprocess.run([prog], executable=out, capture_output=True,
                            env=dict(ENV, FVP_STATS="1"), timeout=120)
        text = st.stderr.decode()
        if st.returncode or "top blocks run outside translated code" not in text:
            fail("FVP_STATS=1 run: exit %d, stderr %r" % (st.returncode, text))
        inside = [int(x, 16) for x in re.findall(r"pc 0x([0-9a-f]+):", text)
                  if start <= int(x, 16) < end]
        if inside:
            fail("blocks of %s ran interpreted: %s\n%s"
                 % (a.function, ", ".join(hex(x) for x in inside), text))
        print("ok: %s jump tables (%s targets), no block of %s interpreted"
              % (m.group(1), m.group(2), a.function))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def counts(a):
    d = tempfile.mkdtemp(prefix="fvp-aot-counts-")
    try:
        for opts, want_stats, want_run in (
                ([], "off (--counts turns them on)",
                 r"guest instructions: translated not counted \(fvp aot --counts\), 0 interpreted"),
                (["--counts"], "on (--counts)",
                 r"guest instructions: [1-9]\d* translated, 0 interpreted")):
            prog, out, stats = translate(a, d, ["--opt=O0", "--stats"] + opts)
            if "instruction counts in translated code: " + want_stats not in stats:
                fail("fvp aot %s --stats: want counts %r in:\n%s" % (opts, want_stats, stats))
            st = subprocess.run([prog], executable=out, capture_output=True,
                                env=dict(ENV, FVP_STATS="1"), timeout=120)
            if st.returncode or not re.search(want_run, st.stderr.decode()):
                fail("FVP_STATS=1 (%s): exit %d, want %r in %r"
                     % (opts, st.returncode, want_run, st.stderr.decode()))
            if b"run outside translated code (main thread): none\n" not in st.stderr:
                fail("FVP_STATS=1 (%s): want no block run outside translated code in %r"
                     % (opts, st.stderr.decode()))
            print("ok: %s: counts %s" % (" ".join(opts) or "default", want_stats))
        a.prog, a.strip = a.instret, None
        prog, out, stats = translate(a, d, ["--opt=O0", "--stats"])
        if "instruction counts in translated code: on (the program reads instret)" not in stats:
            fail("a program reading instret was translated without counts:\n" + stats)
        st = subprocess.run([prog, "200000"], executable=out, capture_output=True, env=ENV,
                            timeout=120)
        if st.returncode or b" counted" not in st.stdout:
            fail("instret run: exit %d, stdout %r, stderr %r"
                 % (st.returncode, st.stdout, st.stderr))
        print("ok: instret reader translated with counts, its loop counted")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def fp_modes(a):
    d = tempfile.mkdtemp(prefix="fvp-aot-fpmode-")
    try:
        want = subprocess.run([a.fvp, "run", "--engine=interp", a.prog, "200000"],
                              capture_output=True, env=ENV, timeout=300)
        if want.returncode or b"rounding-changed 1 same-again 1" not in want.stdout:
            fail("fvp run --engine=interp: exit %d, stdout %r" % (want.returncode, want.stdout))
        prog, out, stats = translate(a, d, ["--opt=O1", "--stats"])
        m = re.search(r"aot: FP modes: (\d+) functions", stats)
        if not m or int(m.group(1)) < 1:
            fail("no function translated with a copy for any FP mode:\n" + stats)
        st = subprocess.run([prog, "200000"], executable=out, capture_output=True,
                            env=dict(ENV, FVP_STATS="1"), timeout=120)
        err = st.stderr.decode()
        if st.returncode or st.stdout != want.stdout:
            fail("translated: exit %d, stdout %r, want %r" % (st.returncode, st.stdout,
                                                               want.stdout))
        exits = re.search(r"FP-mode exits (\d+)", err)
        interp = re.search(r"guest instructions: translated not counted .*?, (\d+) interpreted",
                           err)
        if not exits or int(exits.group(1)) != 0 or not interp or int(interp.group(1)) > 500000:
            fail("the loops under toward-zero did not run translated:\n" + err)
        print("ok: %s functions with a copy for any FP mode; %s interpreted instructions"
              % (m.group(1), interp.group(1)))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def passes(a):
    """--passes: the fully optimised functions get the given pipeline (--stats says which)
    and the executable runs right; a pipeline LLVM aborts in (instcombine verifying its
    fixpoint, which LLVM 19 does not reach on translated code) is an LLVM error that leaves
    neither the executable nor the work directory behind."""
    d = tempfile.mkdtemp(prefix="fvp-aot-passes-")
    try:
        pipeline = "function(sroa,instcombine<no-verify-fixpoint>,simplifycfg)"
        prog, out, stats = translate(a, d, ["--opt=O1", "--stats", "--passes=" + pipeline])
        if "aot: pipeline of the fully optimised functions: " + pipeline not in stats:
            fail("--stats does not name the --passes pipeline:\n" + stats)
        m = re.search(r"\((\d+) fully optimised", stats)
        if not m or int(m.group(1)) < 1:
            fail("no function got the --passes pipeline:\n" + stats)
        st = subprocess.run([prog, "200000"], executable=out, capture_output=True, env=ENV,
                            timeout=120)
        if st.returncode or b" counted" not in st.stdout:
            fail("--passes executable: exit %d, stdout %r, stderr %r"
                 % (st.returncode, st.stdout, st.stderr))
        print("ok: %s functions under %s" % (m.group(1), pipeline))
        work = os.path.join(d, "tmp")
        os.mkdir(work)
        bad = os.path.join(d, "aborted")
        r = subprocess.run([a.fvp, "aot", a.prog, "-o", bad, "--opt=O1",
                            "--passes=function(instcombine)"], capture_output=True,
                           env=dict(ENV, TMPDIR=work), timeout=600)
        err = r.stderr.decode()
        if r.returncode == 0 or "fvp: aot: LLVM error: " not in err:
            fail("an aborting pipeline: exit %d, stderr %r" % (r.returncode, err))
        left = [f for f in os.listdir(d) if f.startswith("aborted")] + os.listdir(work)
        if left:
            fail("an aborted translation left %s behind" % left)
        print("ok: an aborting pipeline: exit %d, %s" % (r.returncode, err.strip()))
    finally:
        shutil.rmtree(d, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["errors", "compare", "tables", "counts", "fp-modes",
                                    "passes"])
    p.add_argument("--fvp", required=True)
    p.add_argument("--prog", required=True)
    p.add_argument("--qemu")
    p.add_argument("--strip")
    p.add_argument("--opt", default="O0")
    p.add_argument("--nm")
    p.add_argument("--function")
    p.add_argument("--split", type=int, default=0)
    p.add_argument("--instret")
    a = p.parse_args()
    {"errors": errors, "compare": compare, "tables": tables, "counts": counts,
     "fp-modes": fp_modes, "passes": passes}[a.mode](a)


if __name__ == "__main__":
    main()
