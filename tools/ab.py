#!/usr/bin/env python3
"""A/B of prebuilt executables: runs DIR/PROGRAM SIZE for every directory, alternately,
REPS times, and prints each directory's minimum CPU time (user + sys of the child) and
the ratio of the others to the first.

usage: ab.py DIR_A,DIR_B[,...] PROGRAM[,...] [--reps N] [--size N]

For AOT executables of two FVP builds (`fvp aot build/bench/ISA/NAME -o DIR/NAME` with
each): on a shared machine whose speed drifts between runs, the minimum over alternating
runs is steadier than the median of a few (docs/benchmarks.md). Exit status 1 if a run
fails."""
import argparse
import os
import resource
import subprocess
import sys


def cpu_seconds(cmd):
    """CPU time of one run of cmd (a list), or raises CalledProcessError."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dirs", help="comma-separated directories of executables")
    ap.add_argument("programs", help="comma-separated program names")
    ap.add_argument("--reps", type=int, default=9)
    ap.add_argument("--size", default="100")
    args = ap.parse_args()
    dirs = args.dirs.split(",")
    if args.reps < 1 or not dirs[0]:
        sys.exit("ab.py: need at least one directory and --reps >= 1")
    print("program\t" + "\t".join(os.path.basename(d.rstrip("/")) or d for d in dirs))
    for prog in args.programs.split(","):
        best = [float("inf")] * len(dirs)
        for _ in range(args.reps):
            for k, d in enumerate(dirs):
                path = os.path.join(d, prog)
                try:
                    best[k] = min(best[k], cpu_seconds([path, args.size]))
                except (OSError, subprocess.CalledProcessError) as e:
                    sys.exit(f"ab.py: {path} {args.size}: {e}")
        cells = [f"{best[0]:.3f}"] + [f"{b:.3f} ({b / best[0]:.3f}x)" for b in best[1:]]
        print(prog + "\t" + "\t".join(cells))


if __name__ == "__main__":
    main()
