#!/usr/bin/env python3
"""Runs one bare VM test image under `fvp vm` and, when given, QEMU (qemu-system-riscv64
-machine virt -bios none, or -machine spike for HTIF images, or with --bios FILE; or
qemu-system-aarch64 -machine virt -cpu cortex-a57 for --arch aarch64); both must print the
expected console output and exit with the expected status (--status, 0 by default; QEMU's
PSCI SYSTEM_OFF always exits 0, so --qemu-status may differ).

--match subsequence compares only the expected lines, in order, ignoring the others (for
firmware banners whose hardware-description lines differ between machines).

--engine selects fvp's engine (qemu runs once either way). The test is skipped (status 77)
when fvp says the engine cannot run the VM: a translator whose memory accesses do not take
the soft-MMU path yet.

With --disk SECTORS each run gets a fresh disk image whose byte j of sector s is
(s * 7 + j) & 0xff; after the run the first 16 bytes of sector 1 must read b'FVP-DISK-WRITE!\\n'
(the kernel writes them), so writes are proven to reach the file before shutdown ends
(--disk-read-only skips that check for images that only read).

--min-compiled SHARE (with --engine jit or auto) also asks fvp for --stats and requires at
least SHARE of the guest instructions to have run in compiled code: guest loops, which
wait for interrupts, must run compiled and still leave for the interrupt.
"""
import argparse
import os
import subprocess
import sys
import tempfile

SIGNATURE = b"FVP-DISK-WRITE!\n"
SKIP = 77
ENGINE_UNSUPPORTED = b"without consulting the soft-MMU TLB"


def make_disk(path, sectors):
    with open(path, "wb") as f:
        for s in range(sectors):
            f.write(bytes((s * 7 + j) & 0xFF for j in range(512)))


def check_disk(path, who):
    with open(path, "rb") as f:
        f.seek(512)
        got = f.read(len(SIGNATURE))
    if got != SIGNATURE:
        print(f"{who}: sector 1 of the disk holds {got!r}, want {SIGNATURE!r}")
        return False
    return True


def is_subsequence(want, got):
    lines = iter(got.splitlines())
    return all(any(line == w for line in lines) for w in want.splitlines())


def compiled_share(stderr):
    """insns_jit / (insns_interp + insns_jit) from fvp vm --stats, and the two counts."""
    counts = {}
    for line in stderr.decode(errors="replace").splitlines():
        words = line.split()
        if len(words) == 4 and words[:2] == ["fvp", "vm:"] and words[2].startswith("insns_"):
            counts[words[2]] = int(words[3])
    interp, jit = counts.get("insns_interp", 0), counts.get("insns_jit", 0)
    return (jit / (interp + jit) if interp + jit else 0.0), interp, jit


def run(cmd, who, expected, disk, timeout, status=0, match="exact", min_compiled=None):
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           stdin=subprocess.DEVNULL, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"{who}: timed out after {timeout}s: {' '.join(cmd)}")
        return False
    if ENGINE_UNSUPPORTED in p.stderr:
        print(f"{who}: {p.stderr.decode(errors='replace').strip()} -- skipped")
        sys.exit(SKIP)
    out = p.stdout.replace(b"\r\n", b"\n")
    ok = True
    if p.returncode != status:
        print(f"{who}: exit status {p.returncode} (want {status}); stderr:\n"
              f"{p.stderr.decode(errors='replace')}")
        ok = False
    same = out == expected if match == "exact" else is_subsequence(expected, out)
    if not same:
        print(f"{who}: UART output differs from the expectation.\n--- got:\n"
              f"{out.decode(errors='replace')}--- want:\n{expected.decode(errors='replace')}")
        ok = False
    if disk and not check_disk(disk, who):
        ok = False
    if min_compiled is not None:
        share, interp, jit = compiled_share(p.stderr)
        print(f"{who}: {jit} guest instructions compiled, {interp} interpreted "
              f"({share:.1%} compiled, want at least {min_compiled:.0%})")
        ok = ok and share >= min_compiled
    return ok


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fvp", required=True)
    ap.add_argument("--kernel", required=True)
    ap.add_argument("--expect", required=True)
    ap.add_argument("--qemu", default="")
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--disk", type=int, default=0, help="disk sectors (0: no disk)")
    ap.add_argument("--disk-read-only", action="store_true",
                    help="the guest only reads the disk: skip the written-signature check")
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--engine", default="interp")
    ap.add_argument("--arch", default="riscv64", choices=["riscv64", "aarch64"])
    ap.add_argument("--bios", default="", help="firmware for fvp --bios and qemu -bios")
    ap.add_argument("--qemu-machine", default="virt")
    ap.add_argument("--status", type=int, default=0)
    ap.add_argument("--qemu-status", type=int, default=None)
    ap.add_argument("--match", default="exact", choices=["exact", "subsequence"])
    ap.add_argument("--min-compiled", type=float, default=None,
                    help="least share of guest instructions run compiled (fvp --stats)")
    args = ap.parse_args()
    qemu_status = args.status if args.qemu_status is None else args.qemu_status
    with open(args.expect, "rb") as f:
        expected = f.read()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        disk = os.path.join(tmp, "fvp.img") if args.disk else None
        if disk:
            make_disk(disk, args.disk)
        cmd = [args.fvp, "vm", "--kernel", args.kernel, "--smp", str(args.smp), "--no-stdin",
               "--engine", args.engine, "--arch", args.arch]
        if args.bios:
            cmd += ["--bios", args.bios]
        if disk:
            cmd += ["--disk", disk]
        if args.min_compiled is not None:
            cmd += ["--stats"]
        check = None if args.disk_read_only else disk
        ok = run(cmd, "fvp vm", expected, check, args.timeout, args.status, args.match,
                 args.min_compiled) and ok
        if args.qemu and os.path.exists(args.qemu) and args.engine == "interp":
            qdisk = os.path.join(tmp, "qemu.img") if args.disk else None
            if args.arch == "aarch64":
                cmd = [args.qemu, "-machine", "virt", "-cpu", "cortex-a57", "-net", "none"]
            else:
                cmd = [args.qemu, "-machine", args.qemu_machine, "-bios", args.bios or "none"]
            cmd += ["-nographic", "-monitor", "none", "-serial", "stdio", "-m", "128M",
                    "-smp", str(args.smp), "-kernel", args.kernel]
            if qdisk:
                make_disk(qdisk, args.disk)
                cmd += ["-global", "virtio-mmio.force-legacy=false",
                        "-drive", f"file={qdisk},if=none,format=raw,id=hd0",
                        "-device", "virtio-blk-device,drive=hd0"]
            ok = run(cmd, os.path.basename(args.qemu), expected,
                     None if args.disk_read_only else qdisk, args.timeout,
                     qemu_status, args.match) and ok
        elif args.engine == "interp":
            print("QEMU not installed: compared against the expectation only")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
