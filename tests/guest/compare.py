#!/usr/bin/env python3
"""Runs one guest program under qemu-user (the reference) and `fvp run`, and compares them.

    compare.py --qemu QEMU --fvp FVP --engine ENGINE [--stdin FILE] [--timeout S] -- PROG ARGS...

The jit engine runs `fvp run --engine=jit --jit-sync` (every block compiled before its
first run). Engines aot and aot-stripped translate PROG first with `fvp aot` (aot-stripped: a copy
stripped with the guest's binutils strip) and run the produced executable, with PROG as its
argv[0] so the guest sees the same argv as under qemu. --aot-cache DIR keeps translations
(keyed by program, fvp and options) so tests of the same program translate it once;
FVP_AOT_OPT (default O0) picks fvp aot's --opt level.

Both runs get the same arguments, the same stdin (FILE, or empty), the same fixed
environment and a fresh empty working directory each. They must agree exactly on stdout,
stderr and exit status; except when the reference dies of signal N, where qemu's own
messages are not the guest's: then stdout must agree, fvp must exit 128+N, and fvp's stderr
must name the signal and a pc (the pc the guest printed as FAULT_PC=0x... if it did).

Exit status: 0 when they agree, 1 when they differ (a readable diff is printed), 2 on
usage errors, 77 when fvp says it has no such engine (ctest reports the test as skipped).
Needs only the Python standard library.
"""
import argparse
import difflib
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile

# The environment both runs see; the guest env test prints the GUEST_* entries.
GUEST_ENV = {
    "PATH": "/usr/bin:/bin",
    "LC_ALL": "C",
    "HOME": "/nonexistent",
    "GUEST_GREETING": "hello from the environment",
    "GUEST_EMPTY": "",
    "GUEST_EQUALS": "a=b=c",
}
# Host-side settings that only the fvp process needs (sanitizers, FVP's own knobs).
FVP_PASSTHROUGH = ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", "FVP_")
SANITIZER_MARKERS = (b"AddressSanitizer", b"UndefinedBehaviorSanitizer", b"runtime error:",
                     b"LeakSanitizer")
DIFF_LINES = 80
# Exit status telling ctest the engine is not built into this fvp (SKIP_RETURN_CODE).
SKIP_STATUS = 77
# CMake cannot pass an empty argument through a list, so the tests spell it this way.
EMPTY_ARG = "@EMPTY@"


class Run:
    """One finished (or timed-out) process."""

    def __init__(self, argv, returncode, stdout, stderr, timed_out):
        self.argv = argv
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.timed_out = timed_out

    def status_text(self):
        if self.timed_out:
            return "timed out"
        if self.returncode < 0:
            return "killed by signal %d (%s)" % (-self.returncode, signal_name(-self.returncode))
        return "exit %d" % self.returncode


def signal_name(num):
    try:
        return signal.Signals(num).name
    except ValueError:
        return "signal %d" % num


def no_core_dumps():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def run_one(argv, env, stdin_data, timeout):
    workdir = tempfile.mkdtemp(prefix="fvp-guest-")
    try:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=workdir,
                                preexec_fn=no_core_dumps, start_new_session=True)
        try:
            out, err = proc.communicate(stdin_data, timeout=timeout)
            return Run(argv, proc.returncode, out, err, False)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            return Run(argv, proc.returncode, out, err, True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def show_bytes_diff(title, ref, got):
    """Prints a unified diff of two byte strings, line by line, at most DIFF_LINES lines."""
    ref_lines = ref.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    got_lines = got.decode("utf-8", "backslashreplace").splitlines(keepends=True)
    print("--- %s differs (- qemu reference, + fvp):" % title)
    diff = list(difflib.unified_diff(ref_lines, got_lines, "qemu", "fvp", n=2))
    for line in diff[:DIFF_LINES]:
        text = line if line.endswith("\n") else line + "\\ (no newline at end)\n"
        sys.stdout.write(text)
    if len(diff) > DIFF_LINES:
        print("... %d more diff lines" % (len(diff) - DIFF_LINES))
    for i, (a, b) in enumerate(zip(ref_lines, got_lines)):
        if a != b:
            print("first difference: line %d" % (i + 1))
            break
    else:
        if len(ref_lines) != len(got_lines):
            print("first difference: line %d (one output is shorter)"
                  % (min(len(ref_lines), len(got_lines)) + 1))


def hex_numbers(data):
    return {int(m, 16) for m in re.findall(rb"0x([0-9a-fA-F]+)", data)}


def check_signal_death(num, ref, fvp, problems):
    """The reference died of signal num: fvp must exit 128+num and say which signal and where."""
    if fvp.returncode != 128 + num:
        problems.append("exit status: qemu was killed by signal %d (%s), so fvp must exit %d; "
                        "fvp: %s" % (num, signal_name(num), 128 + num, fvp.status_text()))
    names = [signal_name(num).encode(), ("signal %d" % num).encode()]
    description = signal.strsignal(num)
    if description:
        names.append(description.encode())
    if not any(name in fvp.stderr for name in names):
        problems.append("fvp's stderr does not name the signal (expected one of %s)"
                        % ", ".join(repr(n.decode()) for n in names))
    if not re.search(rb"\bpc\b\D{0,8}(0x)?[0-9a-fA-F]+", fvp.stderr):
        problems.append("fvp's stderr does not give the guest pc ('pc 0x...')")
    fault_pc = re.search(rb"FAULT_PC=0x([0-9a-fA-F]+)", ref.stdout)
    if fault_pc:
        want = int(fault_pc.group(1), 16)
        got_pc = re.search(rb"FAULT_PC=0x([0-9a-fA-F]+)", fvp.stdout)
        if got_pc:  # a PIE guest is loaded at a different base under fvp
            want = int(got_pc.group(1), 16)
        if want not in hex_numbers(fvp.stderr):
            problems.append("fvp's stderr does not give the faulting pc 0x%x" % want)


def reference_signal(ref):
    """qemu's death by signal N: killed by N itself, or (other versions) a status >= 128
    after printing "qemu: uncaught target signal N"."""
    if ref.returncode is not None and ref.returncode < 0:
        return -ref.returncode
    said = re.search(rb"uncaught target signal (\d+)", ref.stderr)
    if said and ref.returncode >= 128:
        return int(said.group(1))
    return 0


def compare(ref, fvp):
    """Returns the list of problems (empty when fvp agrees with the reference)."""
    problems = []
    if ref.timed_out:
        problems.append("the qemu reference run timed out (the test itself is broken)")
        return problems
    if fvp.timed_out:
        problems.append("fvp timed out")
    for marker in SANITIZER_MARKERS:
        if marker in fvp.stderr:
            problems.append("sanitizer report in fvp's stderr")
            break
    if ref.stdout != fvp.stdout:
        problems.append("stdout")
    if reference_signal(ref):
        check_signal_death(reference_signal(ref), ref, fvp, problems)
        return problems
    if ref.stderr != fvp.stderr:
        problems.append("stderr")
    if ref.returncode != fvp.returncode:
        problems.append("exit status: qemu %s, fvp %s" % (ref.status_text(), fvp.status_text()))
    return problems


def self_check(ref, fvp):
    """Spec checks the reference gets wrong: only fvp's verdict counts."""
    problems = []
    if fvp.timed_out:
        problems.append("fvp timed out")
    if fvp.returncode != 0:
        problems.append("fvp: %s (a self-checking program must exit 0)" % fvp.status_text())
    for line in fvp.stdout.decode("utf-8", "backslashreplace").splitlines():
        if " FAIL" in line:
            problems.append("fvp failed a check: " + line.strip())
    for marker in SANITIZER_MARKERS:
        if marker in fvp.stderr:
            problems.append("sanitizer report in fvp's stderr")
            break
    known = [line for line in ref.stdout.decode("utf-8", "backslashreplace").splitlines()
             if " FAIL" in line]
    for line in known:
        print("note: the reference (qemu) gets this wrong: " + line.strip())
    return problems


AOT_ENGINES = ("aot", "aot-stripped")
# fvp run options per engine besides --engine: the jit engine compiles every block before
# its first run (--jit-sync), so its tests compare compiled code even for code that runs
# once (asynchronously, the interpreter ran such code while its compile was queued)
ENGINE_OPTIONS = {"jit": ["--jit-sync"]}
# ELF e_machine -> the binutils strip for that guest.
STRIP_TOOLS = {243: "riscv64-linux-gnu-strip", 183: "aarch64-linux-gnu-strip", 62: "strip"}


class AotError(Exception):
    """fvp aot could not produce the executable (the test fails with this message)."""


def elf_machine(path):
    with open(path, "rb") as f:
        head = f.read(20)
    if len(head) < 20 or head[:4] != b"\x7fELF":
        raise AotError("%s is not an ELF file" % path)
    return int.from_bytes(head[18:20], "little")


def aot_translate(fvp, program, engine, cache_dir, timeout):
    """Returns the path of PROG translated by `fvp aot` (stripped first for aot-stripped),
    from the cache when an identical translation is there. Writes are atomic (fvp aot
    renames its output into place), so concurrent tests may share the cache."""
    opt = os.environ.get("FVP_AOT_OPT", "O0")
    fvp_path = shutil.which(fvp) or fvp
    key = hashlib.sha256()
    for path in (program, fvp_path):
        st = os.stat(path)
        key.update(("%s:%d:%d;" % (os.path.abspath(path), st.st_size, st.st_mtime_ns)).encode())
    key.update(("%s;%s" % (engine, opt)).encode())
    # Named like the program, as the guest sees its own name (AT_EXECFN, /proc/self/exe).
    out_dir = os.path.join(cache_dir, "%s-%s" % (os.path.basename(program), key.hexdigest()[:16]))
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, os.path.basename(program))
    if os.path.exists(out):
        return out
    source = program
    work = tempfile.mkdtemp(prefix="fvp-aot-", dir=cache_dir)
    try:
        if engine == "aot-stripped":
            strip = STRIP_TOOLS.get(elf_machine(program))
            if not strip or not shutil.which(strip):
                raise AotError("no strip tool for %s" % program)
            source = os.path.join(work, os.path.basename(program))
            shutil.copy(program, source)
            r = subprocess.run([strip, source], capture_output=True)
            if r.returncode:
                raise AotError("%s failed: %s" % (strip, r.stderr.decode(errors="replace")))
        argv = [fvp, "aot", source, "-o", out, "--opt=" + opt]
        r = subprocess.run(argv, capture_output=True, timeout=timeout)
        if r.returncode or not os.path.exists(out):
            raise AotError("%s -> exit %d: %s" % (shell_line(argv), r.returncode,
                                                   r.stderr.decode(errors="replace").strip()))
    except subprocess.TimeoutExpired:
        raise AotError("fvp aot timed out after %d s" % timeout)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def run_aot(argv, executable, env, stdin_data, timeout):
    """run_one for a translated executable started as argv (argv[0] is the guest's name)."""
    workdir = tempfile.mkdtemp(prefix="fvp-guest-")
    try:
        proc = subprocess.Popen(argv, executable=executable, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                                cwd=workdir, preexec_fn=no_core_dumps, start_new_session=True)
        try:
            out, err = proc.communicate(stdin_data, timeout=timeout)
            return Run(argv, proc.returncode, out, err, False)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            out, err = proc.communicate()
            return Run(argv, proc.returncode, out, err, True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def shell_line(argv):
    return " ".join(arg if re.fullmatch(r"[\w./=:,+-]+", arg) else repr(arg) for arg in argv)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--qemu", required=True, help="qemu-user binary for the guest ISA")
    parser.add_argument("--fvp", required=True, help="the fvp command")
    parser.add_argument("--engine", required=True, help="fvp run --engine=ENGINE")
    parser.add_argument("--stdin", help="file fed to the guest's stdin (default: empty)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per run")
    parser.add_argument("--self-check", action="store_true",
                        help="the program checks itself against the spec where the reference "
                             "is known to be wrong: fvp must exit 0 with no FAIL line; qemu's "
                             "result is only reported")
    parser.add_argument("--aot-cache", help="directory for translations of the aot engines "
                        "(default: a temporary one, removed at exit)")
    parser.add_argument("--aot-timeout", type=float, default=900,
                        help="seconds for fvp aot (engines aot, aot-stripped)")
    parser.add_argument("program", help="guest program")
    parser.add_argument("args", nargs="*", help="guest arguments (%s stands for \"\")" % EMPTY_ARG)
    opts = parser.parse_args()
    opts.args = ["" if arg == EMPTY_ARG else arg for arg in opts.args]
    opts.program = os.path.abspath(opts.program)  # both runs start in a fresh directory
    opts.fvp = os.path.abspath(opts.fvp) if os.sep in opts.fvp else opts.fvp
    if opts.stdin:
        opts.stdin = os.path.abspath(opts.stdin)

    stdin_data = b""
    if opts.stdin:
        with open(opts.stdin, "rb") as f:
            stdin_data = f.read()
    env = dict(GUEST_ENV)
    fvp_env = dict(env)
    for key, value in os.environ.items():
        if key.startswith(FVP_PASSTHROUGH):
            fvp_env[key] = value

    ref_argv = [opts.qemu, opts.program] + opts.args
    fvp_argv = ([opts.fvp, "run", "--engine=" + opts.engine] +
                ENGINE_OPTIONS.get(opts.engine, []) + [opts.program] + opts.args)
    temp_cache = None
    try:
        ref = run_one(ref_argv, env, stdin_data, opts.timeout)
        if opts.engine in AOT_ENGINES:
            cache = opts.aot_cache or tempfile.mkdtemp(prefix="fvp-aot-cache-")
            temp_cache = None if opts.aot_cache else cache
            exe = aot_translate(opts.fvp, opts.program, opts.engine, cache, opts.aot_timeout)
            fvp_argv = [opts.program] + opts.args
            fvp = run_aot(fvp_argv, exe, fvp_env, stdin_data, opts.timeout)
            fvp_argv = ["(%s)" % exe] + fvp_argv
        else:
            fvp = run_one(fvp_argv, fvp_env, stdin_data, opts.timeout)
    except OSError as e:
        print("FAIL %s: cannot start %s: %s" % (os.path.basename(opts.program), e.filename, e))
        return 1
    except AotError as e:
        print("FAIL %s [%s]: %s" % (os.path.basename(opts.program), opts.engine, e))
        return 1
    finally:
        if temp_cache:
            shutil.rmtree(temp_cache, ignore_errors=True)

    if fvp.returncode == 125 and re.search(
            rb"engine '?%s'? (is not available|unknown)|unknown engine '?%s'?"
            % (re.escape(opts.engine.encode()), re.escape(opts.engine.encode())), fvp.stderr):
        print("SKIP %s: this fvp does not offer engine %s: %s"
              % (os.path.basename(opts.program), opts.engine,
                 fvp.stderr.decode("utf-8", "backslashreplace").splitlines()[0]))
        return SKIP_STATUS
    problems = self_check(ref, fvp) if opts.self_check else compare(ref, fvp)
    name = " ".join([os.path.basename(opts.program)] + [shell_line([a]) if a else "''"
                                                          for a in opts.args])
    name = "%s [%s]" % (name, opts.engine)
    if not problems:
        what = ("all self-checks pass" if opts.self_check
                else "%d bytes of stdout agree" % len(fvp.stdout))
        print("PASS %s: %s, %s" % (name, fvp.status_text(), what))
        return 0
    print("FAIL %s: %s" % (name, "; ".join(problems)))
    print("reference: %s  -> %s" % (shell_line(ref_argv), ref.status_text()))
    print("fvp:       %s  -> %s" % (shell_line(fvp_argv), fvp.status_text()))
    if opts.stdin:
        print("stdin:     %s" % opts.stdin)
    if opts.self_check:
        sys.stdout.write(fvp.stdout.decode("utf-8", "backslashreplace")[-4000:])
        return 1
    if ref.stdout != fvp.stdout:
        show_bytes_diff("stdout", ref.stdout, fvp.stdout)
    if ref.stderr != fvp.stderr:
        if reference_signal(ref):
            print("--- fvp stderr (qemu's is not compared after a signal death):")
            sys.stdout.write(fvp.stderr.decode("utf-8", "backslashreplace")[-4000:])
        else:
            show_bytes_diff("stderr", ref.stderr, fvp.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
