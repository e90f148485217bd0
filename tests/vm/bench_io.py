#!/usr/bin/env python3
"""I/O overlap figures of the system VM: runs iobench.elf (tests/vm/iobench.c) under
`fvp vm` with a virtio disk and prints medians as a Markdown table.

The guest reads the whole disk (16 requests) and computes work calibrated to take about as
long as the reads; per round it times compute alone, I/O alone (submit, spin until done),
and compute started right after submitting the reads (then waits for what is left). With
a device that blocked the vCPU the overlapped total would be compute + I/O; with the I/O
thread it approaches max(compute, I/O) when a host core is free for the I/O thread.

usage: bench_io.py --fvp build/tools/fvp --image build/tests/vm/iobench.elf
                   [--mib 32] [--runs 3] [--engines interp,auto]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

FIELDS = [("compute alone", "compute"), ("I/O alone", "io"),
          ("compute with I/O in flight", "compute_io"), ("overlapped total (both)", "total")]


def make_disk(path, mib):
    base = bytes(range(256)) * 4
    with open(path, "wb") as f:
        for s in range(mib * 2048):
            k = (s * 7) & 0xFF
            f.write(base[k:k + 512])


def run_once(fvp, image, disk, engine):
    p = subprocess.run([fvp, "vm", "--kernel", image, "--disk", disk, "--no-stdin",
                        "--engine", engine], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=600, check=False)
    if p.returncode != 0:
        sys.exit(f"fvp vm failed ({p.returncode}): {p.stderr.decode(errors='replace')}")
    values = {key: [] for _, key in FIELDS}
    for line in p.stdout.decode().splitlines():
        for label, key in FIELDS:
            m = re.match(r"\s+" + re.escape(label) + r":\s+(\d+) us", line)
            if m:
                values[key].append(int(m.group(1)))
    return values


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fvp", required=True)
    ap.add_argument("--image", required=True)
    ap.add_argument("--mib", type=int, default=32)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--engines", default="interp,auto")
    args = ap.parse_args()
    print(f"disk {args.mib} MiB, {args.runs} runs x 5 rounds per engine, medians (us); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print()
    print("| engine | compute alone | I/O alone | compute + I/O (serial) | compute with I/O in "
          "flight | overlapped total | saved vs serial |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        disk = os.path.join(tmp, "disk.img")
        make_disk(disk, args.mib)
        for engine in args.engines.split(","):
            merged = {key: [] for _, key in FIELDS}
            for _ in range(args.runs):
                for key, vals in run_once(args.fvp, args.image, disk, engine).items():
                    merged[key] += vals
            med = {key: statistics.median(vals) for key, vals in merged.items()}
            serial = med["compute"] + med["io"]
            print(f"| {engine} | {med['compute']:.0f} | {med['io']:.0f} | {serial:.0f} | "
                  f"{med['compute_io']:.0f} | {med['total']:.0f} | "
                  f"{100 * (1 - med['total'] / serial):.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
