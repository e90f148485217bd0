#!/usr/bin/env python3
"""Runs tools/bench.py and checks what it produced: its exit status, the report files, and
that every available engine printed native's checksum for every program.

usage: check_report.py --out DIR [--expect-status N] [--engines a,b] [--programs p,q]
                       [--available a,b] [--unavailable a,b] [--md-contains TEXT]...
                       [--failure-contains TEXT] -- HARNESS_ARGV...
"""
import argparse
import json
import subprocess
import sys
import xml.dom.minidom
from pathlib import Path


def fail(msg):
    print(f"check_report: FAIL: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--expect-status", type=int, default=0)
    ap.add_argument("--engines", default="", help="engines the report must list")
    ap.add_argument("--available", default="", help="engines that must have run")
    ap.add_argument("--programs", default="", help="programs the report must cover")
    ap.add_argument("--unavailable", default="", help="engines that must be n/a")
    ap.add_argument("--md-contains", action="append", default=[], help="text report.md must hold")
    ap.add_argument("--failure-contains", default="")
    ap.add_argument("harness", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    harness = args.harness[1:] if args.harness[:1] == ["--"] else args.harness
    out = Path(args.out)
    for name in ("report.md", "report.json", "chart.svg"):
        if (out / name).exists():
            (out / name).unlink()

    proc = subprocess.run([sys.executable] + harness + ["--out", str(out)])
    if proc.returncode != args.expect_status:
        fail(f"harness exited {proc.returncode}, expected {args.expect_status}")

    for name in ("report.md", "report.json", "chart.svg"):
        if not (out / name).is_file() or (out / name).stat().st_size == 0:
            fail(f"{out / name} missing or empty")
    svg = xml.dom.minidom.parse(str(out / "chart.svg"))
    if svg.documentElement.tagName != "svg":
        fail("chart.svg is not an SVG document")
    report = json.loads((out / "report.json").read_text())
    md = (out / "report.md").read_text()
    for key in ("machine", "git", "command", "date"):
        if not report["meta"].get(key):
            fail(f"report.json meta lacks {key}")
    if "| program |" not in md or report["meta"]["command"] not in md:
        fail("report.md lacks its tables or the command")

    engines = report["engines"]
    for e in filter(None, args.engines.split(",")):
        if e not in engines:
            fail(f"engine {e} missing from the report")
    for e in filter(None, args.available.split(",")):
        if not engines.get(e, {}).get("available"):
            fail(f"engine {e} was not available: {engines.get(e, {}).get('reason')}")
    for e in filter(None, args.unavailable.split(",")):
        if engines.get(e, {}).get("available", True):
            fail(f"engine {e} should have been n/a")
        if f"| {e} | n/a: " not in md:
            fail(f"report.md does not show {e} as n/a")
    for text in args.md_contains:
        if text not in md:
            fail(f"report.md lacks {text!r}")
    reps = report["meta"]["reps"]
    for size, progs in report["results"].items():
        for p in filter(None, args.programs.split(",")):
            if p not in progs:
                fail(f"program {p} missing at size {size}")
        if args.expect_status != 0:
            continue
        for p, cells in progs.items():
            expected = report["reference_output"][f"{size}/{p}"]
            checksum = expected.split("checksum=")[1][:16]
            for e, cell in cells.items():
                if not engines[e]["available"]:
                    continue
                if cell["status"] != "ok" or cell.get("checksum") != checksum:
                    fail(f"{e} {p} size {size}: {cell['status']} {cell.get('detail', '')}")
                if len(cell["runs"]) != reps or "median" not in cell:
                    fail(f"{e} {p} size {size}: {len(cell['runs'])} runs, expected {reps}")
    if args.failure_contains:
        if not any(args.failure_contains in f for f in report["meta"]["failures"]):
            fail(f"no failure mentions {args.failure_contains!r}: {report['meta']['failures']}")
        if args.failure_contains not in md:
            fail("report.md does not show the failure")
    print(f"check_report: ok ({out})")


if __name__ == "__main__":
    main()
