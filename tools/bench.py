#!/usr/bin/env python3
"""FVP benchmark harness: runs bench/ programs natively, under qemu-user and under FVP's
engines side by side, checks every engine's output against native's, and writes a report
(Markdown, JSON, SVG charts).

    tools/bench.py --build BUILD [--isa riscv64] [--engines native,qemu,interp,jit,auto,aot]
                   [--reps 5] [--size N | --sizes a,b,c] [--programs p,q] [--out DIR]

Repetitions are interleaved: each repetition runs every program under every engine (in an
order rotated per repetition) before the next repetition starts, so slow drift of the
machine (other jobs, thermal state) spreads over all engines instead of biasing one.

Pipeline:

    bench/programs.txt --> programs --> probe engines (n/a + reason when unavailable)
        --> reference run (native) --> timed runs, round-robin per rep --> checksum check
        --> optional stats run (fvp run --stats=json) --> report.md / report.json / *.svg

Exit status: 0 all runs matched native; 1 a checksum mismatch, a failed run or a required
engine unavailable (the report is still written); 2 bad usage or missing build outputs.
Python 3 standard library only.
"""
import argparse
import datetime
import json
import math
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent
PROGRAMS_FILE = SOURCE_DIR / "bench" / "programs.txt"
ALL_ENGINES = ["native", "qemu", "interp", "jit", "auto", "aot"]
FVP_RUN_ENGINES = ("interp", "jit", "auto")
FVP_TOOL_ERROR = 125  # tools/fvp/commands.h: FVP could not do what was asked
CHECKSUM_RE = re.compile(r"checksum=([0-9a-f]{16})")
QEMU_NAMES = {"riscv64": "qemu-riscv64", "aarch64": "qemu-aarch64", "x86_64": "qemu-x86_64"}


class BenchError(Exception):
    """Bad usage or a missing build output: exit status 2."""


# ---------------------------------------------------------------------------------------
# Programs and engines


def programs_load(path=PROGRAMS_FILE):
    """Parses bench/programs.txt into a list of {name, category, opt, description}."""
    programs = []
    for line in path.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, category, opt, description = line.split(None, 3)
        programs.append({"name": name, "category": category, "opt": opt,
                         "description": description})
    return programs


class Engine:
    """One way of running a program. `argv(program, size)` is the command of one run."""

    def __init__(self, name, template=None):
        self.name = name
        self.template = template  # for --extra-engine: a shlex command with placeholders
        self.available = True
        self.reason = ""
        self.aot_outputs = {}  # program -> translated executable (aot)
        self.aot_seconds = {}  # program -> translation wall time (aot)
        self.aot_bytes = {}  # program -> size of the translated executable (aot)

    def mark_unavailable(self, reason):
        self.available = False
        self.reason = reason


class Harness:
    def __init__(self, args):
        self.args = args
        self.build = Path(args.build).resolve()
        self.isa = args.isa
        self.out = Path(args.out).resolve() if args.out else self.build / "bench-report"
        self.fvp = Path(args.fvp).resolve() if args.fvp else self.build / "tools" / "fvp"
        self.qemu = shutil.which(QEMU_NAMES.get(self.isa, "qemu-" + self.isa))
        self.failures = []  # human-readable lines, also in the report
        self.runs_done = 0

    def native_path(self, program):
        return self.build / "bench" / "native" / program

    def guest_path(self, program):
        return self.build / "bench" / self.isa / program

    def argv(self, engine, program, size):
        size = str(size)
        if engine.name == "native":
            return [str(self.native_path(program)), size]
        if engine.name == "qemu":
            return [self.qemu, str(self.guest_path(program)), size]
        if engine.name in FVP_RUN_ENGINES:
            return [str(self.fvp), "run", "--engine=" + engine.name,
                    str(self.guest_path(program)), size]
        if engine.name == "aot":
            return [str(engine.aot_outputs[program]), size]
        words = shlex.split(engine.template)
        fields = {"guest": str(self.guest_path(program)), "native": str(self.native_path(program)),
                  "size": size, "isa": self.isa, "build": str(self.build)}
        if not any("{guest}" in w or "{size}" in w or "{native}" in w for w in words):
            words += ["{guest}", "{size}"]
        return [w.format(**fields) for w in words]


# ---------------------------------------------------------------------------------------
# Running one command


def run_measured(argv, timeout, extra_env=None):
    """Runs argv with stdout/stderr captured to files. Returns a dict with wall, user and sys
    seconds (os.wait4's rusage of that child), the exit status (negative: killed by that
    signal), stdout and stderr text, and whether the timeout killed it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        env = dict(os.environ, **(extra_env or {}))
        start = time.perf_counter()
        try:
            proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                    env=env)
        except OSError as e:
            return {"wall": 0.0, "user": 0.0, "sys": 0.0, "status": None, "timed_out": False,
                    "stdout": "", "stderr": f"cannot start {argv[0]}: {e}"}
        timed_out = threading.Event()

        def kill():
            timed_out.set()
            proc.kill()

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {"wall": wall, "user": usage.ru_utime, "sys": usage.ru_stime,
                "status": proc.returncode, "timed_out": timed_out.is_set(),
                "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace")}


def describe_failure(result):
    if result["timed_out"]:
        return "timed out"
    if result["status"] is None:
        return result["stderr"]
    first = (result["stderr"].strip().splitlines() or [""])[-1][:200]
    if result["status"] < 0:
        return f"killed by signal {-result['status']}" + (f": {first}" if first else "")
    return f"exit status {result['status']}" + (f": {first}" if first else "")


def stats_parse(stderr):
    """The last JSON object in fvp's stderr (fvp run --stats=json), flattened to
    {dotted.key: number}; None when there is none."""
    lines = stderr.splitlines()
    for start in range(len(lines) - 1, -1, -1):
        if not lines[start].lstrip().startswith("{"):
            continue
        for end in range(len(lines), start, -1):
            try:
                obj = json.loads("\n".join(lines[start:end]))
            except ValueError:
                continue
            if isinstance(obj, dict):
                flat = {}
                stats_flatten(obj, "", flat)
                return flat
    return None


def stats_flatten(obj, prefix, flat):
    for key, value in obj.items():
        name = prefix + str(key)
        if isinstance(value, dict):
            stats_flatten(value, name + ".", flat)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            flat[name] = value
        elif isinstance(value, str):
            flat[name] = value


# ---------------------------------------------------------------------------------------
# The measurement


def progress(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


def engines_select(harness, names, extra):
    engines = [Engine(n) for n in names]
    for spec in extra:
        name, _, template = spec.partition("=")
        if not name or not template:
            raise BenchError(f"--extra-engine wants NAME=COMMAND, got {spec!r}")
        engines.append(Engine(name, template))
    return engines


def engines_probe(harness, engines, programs):
    """Marks engines that cannot run here as unavailable, with the reason."""
    probe = programs[0]["name"]
    for engine in engines:
        if engine.name == "native" or engine.template:
            continue
        if engine.name == "qemu":
            if not harness.qemu:
                engine.mark_unavailable(f"{QEMU_NAMES.get(harness.isa, 'qemu')} not installed")
            continue
        if not harness.fvp.exists():
            engine.mark_unavailable(f"{harness.fvp} not built")
            continue
        if engine.name == "aot":
            continue  # probed by translating the first program (aot_prepare)
        r = run_measured(harness.argv(engine, probe, 1), harness.args.timeout)
        if r["status"] == FVP_TOOL_ERROR:
            engine.mark_unavailable(f"fvp run --engine={engine.name}: {describe_failure(r)}")


def aot_prepare(harness, engine, programs):
    """Translates every program ahead of time with `fvp aot PROG -o OUT`; the translation
    wall time is reported separately. Unavailable when the first translation fails."""
    outdir = harness.out / "aot-bin" / harness.isa
    outdir.mkdir(parents=True, exist_ok=True)
    for i, p in enumerate(programs):
        name = p["name"]
        out = outdir / name
        if out.exists():
            out.unlink()
        argv = [str(harness.fvp), "aot", str(harness.guest_path(name)), "-o", str(out),
                "--opt=" + harness.args.aot_opt]
        r = run_measured(argv, harness.args.timeout)
        if r["status"] == 0 and out.exists():
            engine.aot_outputs[name] = out
            engine.aot_seconds[name] = r["wall"]
            engine.aot_bytes[name] = out.stat().st_size
            progress(f"aot {name}: translated in {r['wall']:.2f} s, "
                     f"{out.stat().st_size / 1e6:.1f} MB")
        elif i == 0 and not engine.aot_outputs:
            engine.mark_unavailable(f"fvp aot: {describe_failure(r)}")
            shutil.rmtree(harness.out / "aot-bin", ignore_errors=True)
            return
        else:
            harness.failures.append(f"aot translation of {name} failed: {describe_failure(r)}")


def cell_new():
    return {"runs": [], "status": "ok", "detail": "", "stats": None}


def measure(harness, programs, engines, sizes):
    """Returns results[size][program][engine] = cell, and the native reference outputs."""
    args = harness.args
    results = {}
    reference = {}
    for size in sizes:
        results[size] = {p["name"]: {e.name: cell_new() for e in engines} for p in programs}
        for p in programs:
            r = run_measured(harness.argv(Engine("native"), p["name"], size), args.timeout)
            if r["status"] != 0 or not CHECKSUM_RE.search(r["stdout"]):
                raise BenchError(f"native {p['name']} {size} gave no checksum: "
                                 f"{describe_failure(r)} {r['stdout'].strip()}")
            reference[(size, p["name"])] = r["stdout"]
    live = [e for e in engines if e.available]
    total = args.reps * len(sizes) * len(programs) * len(live)
    for rep in range(args.reps):
        # Rotate the engine order each repetition: no engine always runs right after another.
        order = live[rep % len(live):] + live[:rep % len(live)] if live else []
        for size in sizes:
            for p in programs:
                for engine in order:
                    run_one(harness, results, reference, engine, p["name"], size, rep, total)
    if not args.no_stats:
        for engine in live:
            if engine.name not in FVP_RUN_ENGINES:
                continue
            for size in sizes:
                for p in programs:
                    stats_collect(harness, results[size][p["name"]][engine.name], engine,
                                  p["name"], size, reference[(size, p["name"])])
    return results, reference


def run_one(harness, results, reference, engine, program, size, rep, total):
    cell = results[size][program][engine.name]
    if engine.name == "aot" and program not in engine.aot_outputs:
        cell["status"], cell["detail"] = "fail", "no translated executable"
        return
    if cell["status"] != "ok":
        return  # a failed or mismatching program/engine is not run again
    r = run_measured(harness.argv(engine, program, size), harness.args.timeout)
    harness.runs_done += 1
    expected = reference[(size, program)]
    if r["status"] != 0 or r["timed_out"]:
        cell["status"], cell["detail"] = "fail", describe_failure(r)
        harness.failures.append(f"{engine.name} {program} size {size}: {cell['detail']}")
    elif r["stdout"] != expected:
        cell["status"] = "mismatch"
        cell["detail"] = f"got {r['stdout'].strip()!r}, native printed {expected.strip()!r}"
        harness.failures.append(f"CHECKSUM MISMATCH {engine.name} {program} size {size}: "
                                f"{cell['detail']}")
    else:
        m = CHECKSUM_RE.search(r["stdout"])
        cell["checksum"] = m.group(1)
        cell["runs"].append({"rep": rep, "wall": r["wall"], "user": r["user"], "sys": r["sys"]})
    state = cell["status"] if cell["status"] != "ok" else f"{r['wall']:.3f} s"
    progress(f"[{harness.runs_done}/{total}] rep {rep + 1} size {size} {program} "
             f"{engine.name}: {state}")


def stats_collect(harness, cell, engine, program, size, expected):
    """One extra, untimed run with --stats=json; its output is checked like any other."""
    if cell["status"] != "ok":
        return
    argv = harness.argv(engine, program, size)
    argv.insert(2, "--stats=json")
    r = run_measured(argv, harness.args.timeout)
    if r["status"] == FVP_TOOL_ERROR:
        cell["stats_note"] = "fvp run rejects --stats=json"
        return
    if r["status"] != 0 or r["stdout"] != expected:
        cell["status"] = "mismatch" if r["status"] == 0 else "fail"
        cell["detail"] = f"with --stats=json: {describe_failure(r) if r['status'] else 'output differs'}"
        harness.failures.append(f"{engine.name} {program} size {size}: {cell['detail']}")
        return
    cell["stats"] = stats_parse(r["stderr"])


# ---------------------------------------------------------------------------------------
# Summaries


def summarize(results, engines):
    """Adds median wall/cpu seconds to each cell; returns {size: {engine: {ratio_native,
    ratio_qemu geomeans}}} and per-cell ratios."""
    names = [e.name for e in engines]
    geo = {}
    for size, progs in results.items():
        for cells in progs.values():
            for cell in cells.values():
                if cell["status"] == "ok" and cell["runs"]:
                    walls = [r["wall"] for r in cell["runs"]]
                    cell["median"] = statistics.median(walls)
                    cell["min"] = min(walls)
                    cell["max"] = max(walls)
                    cell["cpu_median"] = statistics.median(r["user"] + r["sys"]
                                                           for r in cell["runs"])
            for name in names:
                cell = cells[name]
                for base in ("native", "qemu"):
                    b = cells.get(base)
                    if "median" in cell and b and "median" in b and b["median"] > 0:
                        cell["ratio_" + base] = cell["median"] / b["median"]
                    if "cpu_median" in cell and b and b.get("cpu_median"):
                        cell["cpu_ratio_" + base] = cell["cpu_median"] / b["cpu_median"]
        geo[size] = {}
        for name in names:
            g = {}
            for base in ("native", "qemu"):
                ratios = [c[name]["ratio_" + base] for c in progs.values()
                          if "ratio_" + base in c[name]]
                if ratios and len(ratios) == len(progs):
                    g[base] = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
                elif ratios:
                    g[base + "_partial"] = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
                    g[base + "_count"] = len(ratios)
                cpu = [c[name]["cpu_ratio_" + base] for c in progs.values()
                       if "cpu_ratio_" + base in c[name]]
                if cpu and len(cpu) == len(progs):
                    g[base + "_cpu"] = math.exp(sum(math.log(x) for x in cpu) / len(cpu))
            geo[size][name] = g
    return geo


def machine_info():
    info = {"cpu": "unknown", "nproc": os.cpu_count(), "kernel": platform.release(),
            "python": platform.python_version()}
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                info["cpu"] = line.split(":", 1)[1].strip()
    except OSError:
        pass
    try:
        info["nproc"] = int(subprocess.run(["nproc"], capture_output=True, text=True,
                                           check=True).stdout)
    except (OSError, ValueError, subprocess.CalledProcessError):
        pass
    return info


def git_revision():
    def git(*a):
        return subprocess.run(["git", "-C", str(SOURCE_DIR), *a], capture_output=True,
                              text=True, check=False).stdout.strip()
    rev = git("rev-parse", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no")
    return rev + (" (with uncommitted changes)" if dirty else "")


def tool_version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=10)
        return (out.stdout.strip().splitlines() or [""])[0]
    except (OSError, subprocess.TimeoutExpired):
        return ""


# ---------------------------------------------------------------------------------------
# Report: Markdown


def fmt_seconds(cell):
    if cell is None:
        return "n/a"
    if cell["status"] != "ok":
        return "**" + cell["status"].upper() + "**"
    if "median" not in cell:
        return "n/a"
    text = f"{cell['median']:.3f}"
    if len(cell["runs"]) > 1 and cell["median"] > 0:
        text += f" ±{50 * (cell['max'] - cell['min']) / cell['median']:.0f}%"
    return text


def fmt_ratio(value):
    if value is None:
        return "n/a"
    return f"{value:.2f}x" if value < 10 else f"{value:.1f}x" if value < 100 else f"{value:.0f}x"


def report_markdown(meta, programs, engines, results, geo):
    names = [e.name for e in engines]
    avail = {e.name: e for e in engines}
    lines = [f"# FVP benchmark report: {meta['isa']}", ""]
    lines += [f"- date: {meta['date']}",
              f"- machine: {meta['machine']['cpu']}, {meta['machine']['nproc']} CPUs, "
              f"Linux {meta['machine']['kernel']}",
              f"- git: {meta['git']}",
              f"- command: `{meta['command']}`",
              f"- sizes: {', '.join(map(str, meta['sizes']))}; repetitions: {meta['reps']} "
              f"(interleaved round-robin); times are medians of wall-clock seconds, "
              f"± is half the min-max spread relative to the median",
              f"- qemu: {meta['qemu_version'] or 'n/a'}", ""]
    lines += ["| engine | status |", "|---|---|"]
    for e in engines:
        lines.append(f"| {e.name} | {'available' if e.available else 'n/a: ' + md_escape(e.reason)} |")
    lines.append("")
    for size in meta["sizes"]:
        progs = results[size]
        lines += [f"## Size {size}: median wall time (s)", ""]
        lines += ["| program | category | " + " | ".join(names) + " |",
                  "|---|---|" + "---:|" * len(names)]
        for p in programs:
            cells = progs[p["name"]]
            row = [fmt_seconds(cells[n]) if avail[n].available else "n/a" for n in names]
            lines.append(f"| {p['name']} | {p['category']} | " + " | ".join(row) + " |")
        lines.append("")
        for base in ("native", "qemu"):
            if base not in names or not avail[base].available:
                continue
            others = [n for n in names if n not in ("native", base)]
            if not others:
                continue
            lines += [f"### Size {size}: time relative to {base} (lower is better)", ""]
            lines += ["| program | " + " | ".join(others) + " |", "|---|" + "---:|" * len(others)]
            for p in programs:
                cells = progs[p["name"]]
                lines.append(f"| {p['name']} | " + " | ".join(
                    fmt_ratio(cells[n].get("ratio_" + base)) for n in others) + " |")
            row = []
            for n in others:
                g = geo[size][n]
                if base in g:
                    row.append("**" + fmt_ratio(g[base]) + "**")
                elif base + "_partial" in g:
                    row.append(f"{fmt_ratio(g[base + '_partial'])} ({g[base + '_count']} programs)")
                else:
                    row.append("n/a")
            lines.append("| **geometric mean** | " + " | ".join(row) + " |")
            lines.append("")
        cpu_rows = [n for n in names if avail[n].available]
        lines += [f"### Size {size}: median CPU time, user+sys (s)", "",
                  "Less sensitive than wall time to other load on the machine; includes "
                  "FVP's background compiler threads.", "",
                  "| program | " + " | ".join(cpu_rows) + " |", "|---|" + "---:|" * len(cpu_rows)]
        for p in programs:
            cells = progs[p["name"]]
            lines.append(f"| {p['name']} | " + " | ".join(
                f"{cells[n]['cpu_median']:.3f}" if "cpu_median" in cells[n] else "n/a"
                for n in cpu_rows) + " |")
        if "native" in cpu_rows:
            row = ["**" + fmt_ratio(geo[size][n]["native_cpu"]) + "**"
                   if "native_cpu" in geo[size][n] else "n/a" for n in cpu_rows]
            lines.append("| **geometric mean, relative to native** | " + " | ".join(row) + " |")
        lines.append("")
        lines += report_stats_tables(programs, engines, progs, size)
    aot = avail.get("aot")
    if aot and aot.available:
        lines += ["## AOT translation (one run, outside the timed runs)", "",
                  "| program | fvp aot wall (s) | executable (MB) |", "|---|---:|---:|"]
        for p in programs:
            t = aot.aot_seconds.get(p["name"])
            b = aot.aot_bytes.get(p["name"])
            lines.append(f"| {p['name']} | " + (f"{t:.2f}" if t is not None else "n/a") + " | "
                         + (f"{b / 1e6:.1f}" if b is not None else "n/a") + " |")
        lines.append("")
    lines += ["## Charts", "", f"![time relative to native]({meta['chart']})", "",
              "![CPU time relative to native](chart-cpu.svg)", ""]
    if meta.get("sizes_chart"):
        lines += [f"![time against size]({meta['sizes_chart']})", ""]
    lines += ["## Programs", "", "| program | category | flags | what |", "|---|---|---|---|"]
    for p in programs:
        lines.append(f"| {p['name']} | {p['category']} | {p['opt']} | {md_escape(p['description'])} |")
    lines.append("")
    lines += ["## Failures", ""]
    lines += [f"- {md_escape(f)}" for f in meta["failures"]] or ["none: every run printed "
                                                                  "exactly what native printed"]
    return "\n".join(lines) + "\n"


def report_stats_tables(programs, engines, progs, size):
    """One table per FVP engine of the numbers `fvp run --stats=json` printed."""
    lines = []
    for e in engines:
        if e.name not in FVP_RUN_ENGINES or not e.available:
            continue
        keys = []
        for p in programs:
            stats = progs[p["name"]][e.name].get("stats") or {}
            keys += [k for k in stats if k not in keys]
        if not keys:
            notes = {progs[p["name"]][e.name].get("stats_note") for p in programs} - {None}
            if notes:
                lines += [f"{e.name} statistics: n/a ({'; '.join(sorted(notes))})", ""]
            continue
        # Guest instructions per CPU second of the timed runs (median), when fvp counts them.
        rate_key = next((k for k in ("guest_insns", "insns", "instructions") if k in keys), None)
        extra = ["guest MIPS (CPU time)"] if rate_key else []
        lines += [f"### Size {size}: `fvp run --engine={e.name} --stats=json`", "",
                  "| program | " + " | ".join(extra + keys) + " |",
                  "|---|" + "---:|" * (len(extra) + len(keys))]
        for p in programs:
            cell = progs[p["name"]][e.name]
            stats = cell.get("stats") or {}
            row = [str(stats.get(k, "")) for k in keys]
            if rate_key:
                n = stats.get(rate_key)
                ok = isinstance(n, (int, float)) and cell.get("cpu_median")
                row.insert(0, f"{n / cell['cpu_median'] / 1e6:.0f}" if ok else "")
            lines.append(f"| {p['name']} | " + " | ".join(row) + " |")
        lines.append("")
    return lines


def md_escape(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


# ---------------------------------------------------------------------------------------
# Report: SVG charts, written by hand

PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]


def svg_escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def log_range(values, at_least=(1.0, 10.0)):
    lo = min([at_least[0]] + values)
    hi = max([at_least[1]] + values)
    return 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))


def svg_ratio_chart(title, programs, series, values):
    """Grouped bars, log scale: for each program one bar per series (engine) from 1x (the
    native line) to the ratio. values[program][series] = ratio or None."""
    present = [v for p in programs for v in values[p].values() if v]
    lo, hi = log_range(present)
    decades = round(math.log10(hi / lo))
    left, top, plot_h, bottom = 70, 76, 360, 110
    group_w = max(24, 14 * len(series) + 10)
    width = max(left + group_w * len(programs) + 160, left + 9 * len(title))
    height = top + plot_h + bottom

    def y(v):
        return top + plot_h * (1 - math.log10(v / lo) / decades)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{left}" y="24" font-size="16">{svg_escape(title)}</text>']
    for d in range(decades + 1):
        v = lo * 10 ** d
        out.append(f'<line x1="{left}" x2="{left + group_w * len(programs)}" y1="{y(v):.1f}" '
                   f'y2="{y(v):.1f}" stroke="{"#444" if v == 1 else "#ddd"}"/>')
        out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end">'
                   f'{fmt_ratio(v)}</text>')
    out.append(f'<text x="16" y="{top + plot_h / 2}" transform="rotate(-90 16 {top + plot_h / 2})" '
               f'text-anchor="middle">time / native time (log scale)</text>')
    bar_w = (group_w - 10) / max(1, len(series))
    for i, p in enumerate(programs):
        x0 = left + i * group_w + 5
        for j, s in enumerate(series):
            v = values[p].get(s)
            if not v:
                continue
            y1, y2 = sorted((y(1.0), y(v)))
            out.append(f'<rect x="{x0 + j * bar_w:.1f}" y="{y1:.1f}" width="{bar_w - 1:.1f}" '
                       f'height="{max(1.0, y2 - y1):.1f}" fill="{PALETTE[j % len(PALETTE)]}">'
                       f'<title>{svg_escape(p)} {svg_escape(s)}: {fmt_ratio(v)}</title></rect>')
            lx, ly = x0 + (j + 0.5) * bar_w + 3, (y1 - 3) if v >= 1 else (y2 + 3)
            out.append(f'<text x="{lx:.1f}" y="{ly:.1f}" font-size="9" '
                       f'text-anchor="{"start" if v >= 1 else "end"}" '
                       f'transform="rotate(-90 {lx:.1f} {ly:.1f})">{fmt_ratio(v)}</text>')
        cx = x0 + (group_w - 10) / 2
        out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 14}" text-anchor="end" '
                   f'transform="rotate(-45 {cx:.1f} {top + plot_h + 14})">{svg_escape(p)}</text>')
    lx = left + group_w * len(programs) + 20
    for j, s in enumerate(series):
        out.append(f'<rect x="{lx}" y="{top + 18 * j}" width="12" height="12" '
                   f'fill="{PALETTE[j % len(PALETTE)]}"/>')
        out.append(f'<text x="{lx + 18}" y="{top + 18 * j + 11}">{svg_escape(s)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def svg_sizes_chart(title, programs, series, sizes, times):
    """Small multiples, one panel per program: median wall time against size, one line per
    engine, both axes log scale. times[program][series][size] = seconds."""
    cols = max(1, min(4, len(programs)))
    panel_w, panel_h, pad = 230, 170, 50
    rows = (len(programs) + cols - 1) // cols
    width = cols * (panel_w + pad) + 150
    height = 60 + rows * (panel_h + pad + 10)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="10" y="22" font-size="16">{svg_escape(title)}</text>']
    slo, shi = min(sizes), max(sizes)
    for i, p in enumerate(programs):
        px = pad + (i % cols) * (panel_w + pad)
        py = 60 + (i // cols) * (panel_h + pad + 10)
        vals = [t for s in series for t in times[p].get(s, {}).values()]
        if not vals:
            continue
        lo, hi = log_range(vals, (min(vals), max(vals)))
        dec = max(1, round(math.log10(hi / lo)))

        def xy(size, t):
            fx = 0.5 if shi == slo else math.log(size / slo) / math.log(shi / slo)
            return px + fx * panel_w, py + panel_h * (1 - math.log10(t / lo) / dec)

        out.append(f'<rect x="{px}" y="{py}" width="{panel_w}" height="{panel_h}" fill="none" '
                   f'stroke="#999"/>')
        out.append(f'<text x="{px}" y="{py - 6}" font-size="13">{svg_escape(p)}</text>')
        for d in range(dec + 1):
            v = lo * 10 ** d
            _, yy = xy(slo, v)
            out.append(f'<line x1="{px}" x2="{px + panel_w}" y1="{yy:.1f}" y2="{yy:.1f}" '
                       f'stroke="#eee"/>')
            out.append(f'<text x="{px - 4}" y="{yy + 4:.1f}" text-anchor="end">{v:g}s</text>')
        for s in sizes:
            xx, _ = xy(s, lo)
            out.append(f'<text x="{xx:.1f}" y="{py + panel_h + 14}" text-anchor="middle">{s}</text>')
        for j, s in enumerate(series):
            pts = sorted(times[p].get(s, {}).items())
            if not pts:
                continue
            coords = [xy(size, t) for size, t in pts]
            color = PALETTE[j % len(PALETTE)]
            out.append('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>'.format(
                color, " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in coords)))
            for (cx, cy), (size, t) in zip(coords, pts):
                out.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{color}">'
                           f'<title>{svg_escape(p)} {svg_escape(s)} size {size}: {t:.3f} s'
                           f'</title></circle>')
    lx = cols * (panel_w + pad) + 10
    for j, s in enumerate(series):
        out.append(f'<rect x="{lx}" y="{40 + 18 * j}" width="12" height="12" '
                   f'fill="{PALETTE[j % len(PALETTE)]}"/>')
        out.append(f'<text x="{lx + 18}" y="{40 + 18 * j + 11}">{svg_escape(s)}</text>')
    out.append(f'<text x="{lx}" y="{40 + 18 * len(series) + 20}">x: size, y: median wall</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------
# Main


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Run FVP's benchmarks side by side with native and qemu and report.",
        epilog="Exit status: 0 all outputs matched native, 1 mismatch/failure/required engine "
               "missing (report still written), 2 bad usage or missing build outputs.")
    ap.add_argument("--build", help="CMake build directory (required unless --list)")
    ap.add_argument("--list", action="store_true", help="list the programs and exit")
    ap.add_argument("--rerender", metavar="DIR",
                    help="rewrite DIR's report.md and charts from its report.json, running nothing")
    ap.add_argument("--isa", default="riscv64", help="guest ISA (default riscv64)")
    ap.add_argument("--engines", default=",".join(ALL_ENGINES),
                    help="comma-separated subset of " + ",".join(ALL_ENGINES))
    ap.add_argument("--extra-engine", action="append", default=[], metavar="NAME=COMMAND",
                    help="another engine: a command with {guest} {native} {size} {isa} {build} "
                         "placeholders (guest path and size appended when it has none); "
                         "e.g. to compare against another fvp build")
    ap.add_argument("--reps", type=int, default=5, help="timed repetitions (default 5)")
    ap.add_argument("--aot-opt", default="O2", choices=["O0", "O1", "O2", "O3"],
                    help="fvp aot --opt level for the aot engine (default O2)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--size", type=int, help="size passed to every program (default 100)")
    group.add_argument("--sizes", help="comma-separated sizes: time against size")
    ap.add_argument("--programs", help="comma-separated subset of bench/programs.txt")
    ap.add_argument("--out", help="report directory (default BUILD/bench-report)")
    ap.add_argument("--fvp", help="the fvp command (default BUILD/tools/fvp)")
    ap.add_argument("--timeout", type=float, default=900, help="seconds per run (default 900)")
    ap.add_argument("--no-stats", action="store_true",
                    help="skip the extra fvp run --stats=json run per program and engine")
    ap.add_argument("--require", default="",
                    help="comma-separated engines that must be available (else exit 1)")
    args = ap.parse_args(argv)
    if not args.build and not args.list and not args.rerender:
        ap.error("--build is required")
    if args.reps < 1:
        ap.error("--reps must be at least 1")
    return args


def main(argv):
    args = parse_args(argv)
    if args.list:
        for p in programs_load():
            print(f"{p['name']:12} {p['category']:5} {p['opt']}  {p['description']}")
        return 0
    if args.rerender:
        return rerender(Path(args.rerender))
    harness = Harness(args)
    try:
        sizes = ([int(s) for s in args.sizes.split(",")] if args.sizes
                 else [args.size if args.size is not None else 100])
    except ValueError:
        raise BenchError(f"--sizes wants comma-separated integers, got {args.sizes!r}")
    if any(s < 1 for s in sizes):
        raise BenchError("sizes must be at least 1")
    sizes = sorted(set(sizes))
    programs = programs_load()
    if args.programs:
        wanted = args.programs.split(",")
        unknown = sorted(set(wanted) - {p["name"] for p in programs})
        if unknown:
            raise BenchError(f"unknown programs: {', '.join(unknown)}")
        programs = [p for p in programs if p["name"] in wanted]
    names = [n for n in args.engines.split(",") if n]
    bad = sorted(set(names) - set(ALL_ENGINES))
    if bad:
        raise BenchError(f"unknown engines: {', '.join(bad)} (known: {', '.join(ALL_ENGINES)})")
    for p in programs:
        for path in (harness.native_path(p["name"]), harness.guest_path(p["name"])):
            if not os.access(path, os.X_OK):
                raise BenchError(f"{path} missing: build the bench_programs target first")
    engines = engines_select(harness, names, args.extra_engine)
    harness.out.mkdir(parents=True, exist_ok=True)
    engines_probe(harness, engines, programs)
    for e in engines:
        if e.name == "aot" and e.available:
            aot_prepare(harness, e, programs)
    for e in engines:
        progress(f"engine {e.name}: {'available' if e.available else 'n/a: ' + e.reason}")
    results, reference = measure(harness, programs, engines, sizes)
    geo = summarize(results, engines)

    required = [n for n in args.require.split(",") if n]
    for e in engines:
        if e.name in required and not e.available:
            harness.failures.append(f"required engine {e.name} unavailable: {e.reason}")
    meta = {
        "isa": args.isa,
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S UTC"),
        "machine": machine_info(),
        "git": git_revision(),
        "command": "cd " + shlex.quote(os.getcwd()) + " && " + shlex.join([sys.argv[0]] + argv),
        "sizes": sizes,
        "reps": args.reps,
        "qemu_version": tool_version([harness.qemu, "--version"]) if harness.qemu else "",
        "failures": harness.failures,
        "chart": "chart.svg",
        "sizes_chart": "sizes.svg" if len(sizes) > 1 else None,
    }
    report_write(harness.out, meta, programs, engines, results, reference, geo)
    for size in sizes:
        for base in ("native", "qemu"):
            parts = [f"{n} {fmt_ratio(g[base])}" for n, g in geo[size].items()
                     if base in g and n not in ("native", base)]
            if parts:
                progress(f"size {size}, geometric mean relative to {base}: " + ", ".join(parts))
    progress(f"report: {harness.out / 'report.md'}")
    for f in harness.failures:
        progress("FAILURE: " + f)
    return 1 if harness.failures else 0


def report_write(out, meta, programs, engines, results, reference, geo):
    names = [e.name for e in engines]
    pnames = [p["name"] for p in programs]
    last = meta["sizes"][-1]
    live = [e.name for e in engines if e.available]
    series = [n for n in live if n != "native"]
    ratios = {p: {n: results[last][p][n].get("ratio_native") for n in series} for p in pnames}
    ratios["geomean"] = {n: geo[last][n].get("native") for n in series}
    (out / "chart.svg").write_text(svg_ratio_chart(
        f"{meta['isa']}, size {last}: time relative to native (lower is better)",
        pnames + ["geomean"], series, ratios))
    cpu = {p: {n: results[last][p][n].get("cpu_ratio_native") for n in series} for p in pnames}
    cpu["geomean"] = {n: geo[last][n].get("native_cpu") for n in series}
    (out / "chart-cpu.svg").write_text(svg_ratio_chart(
        f"{meta['isa']}, size {last}: CPU time (user+sys) relative to native (lower is better)",
        pnames + ["geomean"], series, cpu))
    if meta["sizes_chart"]:
        times = {p: {n: {s: results[s][p][n]["median"] for s in meta["sizes"]
                         if "median" in results[s][p][n]} for n in live} for p in pnames}
        (out / "sizes.svg").write_text(svg_sizes_chart(
            f"{meta['isa']}: median wall time against size", pnames, live, meta["sizes"],
            times))
    (out / "report.md").write_text(report_markdown(meta, programs, engines, results, geo))
    doc = {
        "meta": meta,
        "programs": programs,
        "engines": {e.name: {"available": e.available, "reason": e.reason,
                             "aot_translate_seconds": e.aot_seconds or None,
                             "aot_executable_bytes": e.aot_bytes or None} for e in engines},
        "reference_output": {f"{s}/{p}": reference[(s, p)] for (s, p) in reference},
        "results": {str(s): v for s, v in results.items()},
        "geomean": {str(s): v for s, v in geo.items()},
    }
    (out / "report.json").write_text(json.dumps(doc, indent=1, sort_keys=False) + "\n")


def rerender(out):
    """Rewrites report.md, report.json and the charts of an earlier run from its
    report.json (e.g. after the report format improved); runs nothing."""
    try:
        doc = json.loads((out / "report.json").read_text())
    except (OSError, ValueError) as e:
        raise BenchError(f"cannot read {out / 'report.json'}: {e}")
    engines = []
    for name, info in doc["engines"].items():
        e = Engine(name)
        e.available, e.reason = info["available"], info["reason"]
        e.aot_seconds = info.get("aot_translate_seconds") or {}
        e.aot_bytes = info.get("aot_executable_bytes") or {}
        engines.append(e)
    results = {int(s): v for s, v in doc["results"].items()}
    reference = {}
    for key, text in doc["reference_output"].items():
        size, _, prog = key.partition("/")
        reference[(int(size), prog)] = text
    geo = summarize(results, engines)
    report_write(out, doc["meta"], doc["programs"], engines, results, reference, geo)
    progress(f"report rewritten: {out / 'report.md'}")
    return 1 if doc["meta"]["failures"] else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BenchError as e:
        print(f"bench: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
