#!/usr/bin/env python3
"""`fvp vm` refuses bad command lines and unusable images with exit status 125 and one
"fvp vm: ..." line naming the problem (usage errors add the usage text), before running
anything.

usage: cli_errors.py FVP RISCV_ELF AARCH64_ELF
"""
import subprocess
import sys


def main():
    fvp, rv, a64 = sys.argv[1:4]
    cases = [
        (["--kernel", a64, "--smp", "0"], "--smp 0: need 1..8"),
        ([], "--kernel IMAGE is required"),
        (["--kernel", "/nonexistent/kernel"], "opening /nonexistent/kernel"),
        (["--kernel", "/bin/sh"], "has no system VM"),
        (["--arch", "mips", "--kernel", rv], "unknown machine 'mips'"),
        (["--arch", "riscv64", "--kernel", a64], "does not match the ELF image"),
        (["--kernel", a64, "--bios", rv], "firmware (--bios) is for the RISC-V machine"),
        (["--kernel", rv, "--smp", "99"], "--smp 99: need 1..8"),
        (["--kernel", rv, "--engine", "fast"], "unknown engine 'fast'"),
        (["--kernel", rv, "--mem", "12Q"], "--mem 12Q: not a size"),
        (["--kernel", rv, "--disk", "/nonexistent/disk"], "/nonexistent/disk"),
    ]
    failed = 0
    for args, want in cases:
        p = subprocess.run([fvp, "vm", "--no-stdin"] + args, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=30)
        err = p.stderr.decode(errors="replace")
        first = err.splitlines()[0] if err else ""
        ok = (p.returncode == 125 and first.startswith("fvp vm: ") and want in first
              and not p.stdout)
        if not ok:
            failed += 1
            print(f"FAIL fvp vm {' '.join(args)}: status {p.returncode}, stderr {err!r}, "
                  f"stdout {p.stdout!r}; want 125 and a first line containing {want!r}")
    print(f"{len(cases) - failed}/{len(cases)} error cases behave")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
