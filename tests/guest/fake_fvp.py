#!/usr/bin/env python3
"""A stand-in for `fvp run` built on qemu-user, for testing compare.py itself.

    FVP_FAKE_QEMU=qemu-riscv64 FVP_FAKE_MODE=faithful fake_fvp.py run --engine=E PROG ARGS...

Mode "faithful" behaves as fvp is specified to (guest's streams and status, 128+N and a
message naming signal and pc on a signal death); every other mode breaks one promise, so
the harness must reject it: stdout, stderr, status, signal-status, no-signal-name, no-pc,
wrong-pc.
"""
import os
import re
import signal
import subprocess
import sys


def main():
    mode = os.environ.get("FVP_FAKE_MODE", "faithful")
    qemu = os.environ["FVP_FAKE_QEMU"]
    args = sys.argv[1:]
    if len(args) < 3 or args[0] != "run" or not args[1].startswith("--engine="):
        print("fvp: usage: run --engine=E PROG ARGS...", file=sys.stderr)
        return 125
    proc = subprocess.run([qemu] + args[2:], stdin=sys.stdin, capture_output=True)
    out, err = proc.stdout, proc.stderr
    status = proc.returncode
    if status < 0:
        num = -status
        status = 128 + num
        pcs = re.findall(rb"FAULT_PC=0x([0-9a-fA-F]+)", out)
        pc = int(pcs[0], 16) if pcs else 0x10000
        name = signal.Signals(num).name
        if mode == "no-signal-name":
            name = "a signal"
        if mode == "wrong-pc":
            pc += 4
        where = "" if mode == "no-pc" else " at pc 0x%x" % pc
        err = ("fvp: guest killed by %s%s\n" % (name, where)).encode()
        if mode == "signal-status":
            status = 1
    if mode == "stdout":
        out = out[:-1] + bytes([out[-1] ^ 1]) if out else b"x"
    elif mode == "stderr":
        err += b"fvp: an extra line\n"
    elif mode == "status":
        status ^= 1
    sys.stdout.buffer.write(out)
    sys.stderr.buffer.write(err)
    return status


if __name__ == "__main__":
    sys.exit(main())
