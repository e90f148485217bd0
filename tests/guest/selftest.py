#!/usr/bin/env python3
"""Checks compare.py itself: it must accept a faithful fvp and reject each kind of wrong one.

    selftest.py --compare compare.py --qemu qemu-riscv64 --hello PROG --segfault PROG
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# (mode of fake_fvp.py, program key, compare.py must accept it)
CASES = [
    ("faithful", "hello", True),
    ("faithful", "segfault", True),
    ("stdout", "hello", False),
    ("stderr", "hello", False),
    ("status", "hello", False),
    ("stdout", "segfault", False),
    ("signal-status", "segfault", False),
    ("no-signal-name", "segfault", False),
    ("no-pc", "segfault", False),
    ("wrong-pc", "segfault", False),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--compare", required=True)
    parser.add_argument("--qemu", required=True)
    parser.add_argument("--hello", required=True)
    parser.add_argument("--segfault", required=True)
    opts = parser.parse_args()
    programs = {"hello": [opts.hello, "an argument"], "segfault": [opts.segfault]}
    failures = 0
    for mode, prog, should_pass in CASES:
        env = dict(os.environ, FVP_FAKE_MODE=mode, FVP_FAKE_QEMU=opts.qemu)
        cmd = [sys.executable, opts.compare, "--qemu", opts.qemu,
               "--fvp", os.path.join(HERE, "fake_fvp.py"), "--engine", "fake", "--timeout", "60",
               "--"] + programs[prog]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True)
        passed = result.returncode == 0
        ok = passed == should_pass and result.returncode in (0, 1)
        print("%s: fake fvp mode %-15s on %-8s -> compare.py exit %d (want %s)"
              % ("ok  " if ok else "BAD ", mode, prog, result.returncode,
                 "accept" if should_pass else "reject"))
        if not ok:
            failures += 1
            print(result.stdout + result.stderr)
    print("%d of %d harness checks failed" % (failures, len(CASES)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
