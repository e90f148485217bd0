#!/usr/bin/env python3
"""End-to-end checks of the tiered JIT's runtime side through `fvp run`.

Usage: check_tiering.py CHECK --fvp FVP --branchy BRANCHY --smc SMC --instret INSTRET
                         --segfault SEGFAULT --fpmode FPMODE --fploop FPLOOP --nested NESTED
CHECK: region | chain | tier-up | smc | cosim | cosim-inject | cosim-fault | fault-pc |
       threads | options | counts | fp-mode | baseline | nest | sync.
Exit 0 on pass.
"""
import argparse
import json
import os
import re
import subprocess
import sys

BRANCHY_N = "5000000"


def run(fvp, args, env=None):
    e = dict(os.environ)
    e.pop("FVP_COSIM_INJECT", None)
    if env:
        e.update(env)
    p = subprocess.run([fvp, "run"] + args, capture_output=True, text=True, env=e, timeout=280)
    return p.returncode, p.stdout, p.stderr


def stats(stderr):
    """The last --stats=json object on stderr."""
    objs = [line for line in stderr.splitlines() if line.startswith("{")]
    if not objs:
        fail("no --stats=json object on stderr:\n" + stderr)
    return json.loads(objs[-1])


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def expect_ok(fvp, args, env=None):
    rc, out, err = run(fvp, args, env)
    if rc != 0:
        fail(f"fvp run {' '.join(args)} exited {rc}:\n{err}")
    return out, err


def reference(a, n=BRANCHY_N, engine="interp"):
    out, _ = expect_ok(a.fvp, [f"--engine={engine}", a.branchy, n])
    return out


def check_region(a):
    want = reference(a)
    out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--stats=json",
                                 a.branchy, BRANCHY_N])
    if out != want:
        fail(f"auto printed {out!r}, interp {want!r}")
    s = stats(err)
    if s["regions_compiled"] < 1:
        fail(f"no region compiled: {s}")
    # The loop body is an if/else: header, two arms and the latch are separate blocks, so
    # at least one region must hold several of them.
    if s["region_blocks"] <= s["regions_compiled"]:
        fail(f"every region is one block: {s}")
    if s["jit_insns"] < s["interp_insns"]:
        fail(f"the compiled tier ran less than the interpreter: {s}")
    one, err1 = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--jit-region=1",
                                  "--stats=json", a.branchy, BRANCHY_N])
    s1 = stats(err1)
    if one != want or s1["region_blocks"] != s1["regions_compiled"]:
        fail(f"--jit-region=1 must compile single blocks: {s1}")


def check_chain(a):
    want = reference(a)
    out, err = expect_ok(a.fvp, ["--engine=auto", "--stats=json", a.branchy, BRANCHY_N])
    if out != want:
        fail(f"auto printed {out!r}, interp {want!r}")
    s = stats(err)
    if s["chain_hits"] <= 0:
        fail(f"no chain hits on a loop-heavy guest: {s}")
    if s["chain_hits"] < s["cache_lookups"]:
        fail(f"most dispatches should follow exit links: {s}")


def check_tier_up(a):
    """The hot loop starts in the fast tier, asks for the full tier and gets it: the full
    version is installed (regions_compiled counts installs) even though the thread never
    leaves the compiled loop on its own (the compiler thread's notice brings it back)."""
    want = reference(a)
    out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--jit-tier-up=1000",
                                 "--stats=json", a.branchy, BRANCHY_N])
    if out != want:
        fail(f"auto printed {out!r}, interp {want!r}")
    s = stats(err)
    if s["tier_ups"] < 1:
        fail(f"no region asked for the full tier: {s}")
    if s["regions_compiled"] < s["tier_ups"] + 1:
        fail(f"a full-tier region was compiled but never installed: {s}")
    out0, err0 = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--jit-tier-up=0",
                                   "--stats=json", a.branchy, BRANCHY_N])
    s0 = stats(err0)
    if out0 != want or s0["tier_ups"] != 0:
        fail(f"--jit-tier-up=0 compiles at the full tier only: {s0}")


def check_smc(a):
    want, _ = expect_ok(a.fvp, ["--engine=interp", a.smc])
    for extra in (["--engine=jit"], ["--engine=auto", "--jit-threshold=2"],
                  ["--engine=jit", "--jit-region=1"]):
        out, err = expect_ok(a.fvp, extra + ["--stats=json", a.smc])
        if out != want:
            fail(f"{extra}: printed {out!r}, interp {want!r}")
        s = stats(err)
        if s["code_flushes"] + s["blocks_invalidated"] == 0:
            fail(f"{extra}: rewritten code never dropped: {s}")


def check_cosim(a):
    want = reference(a)
    out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=50", "--cosim",
                                 "--stats=json", a.branchy, "3000000"])
    s = stats(err)
    if s["cosim_checks"] <= 0:
        fail(f"cosim checked nothing: {s}")
    ref, _ = expect_ok(a.fvp, ["--engine=interp", a.branchy, "3000000"])
    if out != ref:
        fail(f"cosim run printed {out!r}, interp {ref!r}")
    del want


def check_cosim_inject(a):
    rc, _, err = run(a.fvp, ["--engine=auto", "--jit-threshold=50", "--cosim", a.branchy,
                             "3000000"], env={"FVP_COSIM_INJECT": "s1"})
    if rc == 0:
        fail("an injected divergence went unnoticed:\n" + err)
    pat = (r"cosim: region 0x[0-9a-f]+ diverged: pc 0x[0-9a-f]+, register s1: "
           r"jit 0x([0-9a-f]+) interp 0x([0-9a-f]+)")
    m = re.search(pat, err)
    if not m:
        fail("no divergence report naming s1:\n" + err)
    if int(m.group(1), 16) ^ int(m.group(2), 16) != 1:
        fail("the reported values must differ in bit 0 only:\n" + err)


def check_cosim_fault(a):
    """A compiled loop that ends in an out-of-window store: the region's fault exit leaves
    the guest registers behind (no precise faults), which cosim must not call a divergence."""
    rc, out, err = run(a.fvp, ["--engine=jit", "--cosim", "--stats=json", a.segfault, "far",
                               "20000000"])
    m = re.search(r"FAULT_PC=(0x[0-9a-f]+)", out)
    if rc != 139 or not m:
        fail(f"want SIGSEGV (status 139) after FAULT_PC, got {rc}:\n{out}\n{err}")
    if f"killed by SIGSEGV at pc {m.group(1)} (fault address 0x100000000000)" not in err:
        fail("no fault report naming the store's pc and address:\n" + err)
    if "cosim" in err.replace("cosim_checks", ""):
        fail("cosim reported a divergence:\n" + err)
    s = stats(err)
    if s["cosim_checks"] <= 0 or s["jit_insns"] <= 1000000:
        fail(f"the faulting loop did not run compiled under cosim: {s}")


def check_fault_pc(a):
    """A host fault in compiled code (a store or load just past the window's edge) names the
    faulting instruction through the JIT's pc table, also when --perf-map wraps the
    compiler (its wrapper once dropped the lookup and reported an older pc)."""
    for mode in ("edge", "edge-load"):
        for extra in ([], ["--perf-map"]):
            rc, out, err = run(a.fvp, ["--engine=jit"] + extra + [a.segfault, mode, "20000000"])
            m = re.search(r"FAULT_PC=(0x[0-9a-f]+)", out)
            if rc != 139 or not m:
                fail(f"{mode} {extra}: want SIGSEGV (139) after FAULT_PC, got {rc}:\n{out}\n{err}")
            if f"killed by SIGSEGV at pc {m.group(1)} (fault address 0x10000000000)" not in err:
                fail(f"{mode} {extra}: the report does not name pc {m.group(1)}:\n{err}")


def check_threads(a):
    want = reference(a)
    for n in ("1", "2", "4"):
        out, err = expect_ok(a.fvp, ["--engine=jit", f"--jit-threads={n}", "--stats=json",
                                     a.branchy, BRANCHY_N])
        if out != want:
            fail(f"--jit-threads={n} printed {out!r}, interp {want!r}")
        if stats(err)["regions_compiled"] < 1:
            fail(f"--jit-threads={n}: nothing compiled")


def check_options(a):
    bad = [["--jit-threshold=0"], ["--jit-threshold=x"], ["--jit-threshold="],
           ["--jit-threads=0"], ["--jit-threads=17"], ["--jit-threads=-1"],
           ["--jit-region=0"], ["--engine=interp", "--cosim"], ["--jit-baseline=yes"],
           ["--engine=interp", "--jit-sync"],
           ["--jit-baseline="], ["--jit-cheap-threshold=0"], ["--jit-cheap-threshold=y"]]
    for args in bad:
        rc, _, err = run(a.fvp, args + [a.branchy, "10"])
        if rc != 125 or "fvp run" not in err:
            fail(f"{args}: expected a usage error (125), got {rc}:\n{err}")
    out, _ = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=7", "--jit-threads=2",
                               "--jit-region=4", a.branchy, "1000"])
    ref = expect_ok(a.fvp, ["--engine=interp", a.branchy, "1000"])[0]
    if out != ref:
        fail(f"valid options changed the output: {out!r} vs {ref!r}")


def check_counts(a):
    """Without --stats compiled code does not count instructions; the guest reading instret
    turns counting on, so a compiled loop between two reads advances it by at least its
    instruction count. --stats counts from the start."""
    for extra in (["--engine=jit"], ["--engine=auto", "--jit-threshold=100"]):
        out, err = expect_ok(a.fvp, extra + [a.instret, "2000000"])
        if "counted" not in out:
            fail(f"{extra}: instret missed compiled instructions: {out!r} {err}")
    # long enough that the compiled loop runs even when the compiler thread is slow
    out, err = expect_ok(a.fvp, ["--engine=jit", "--stats=json", a.branchy, BRANCHY_N])
    s = stats(err)
    if s["regions_compiled"] >= 1 and (s["jit_insns"] <= 0 or s["jit_blocks"] <= 0):
        fail(f"--stats must count compiled code: {s}")
    if s["regions_compiled"] < 1:
        fail(f"nothing was compiled: {s}")


def check_baseline(a):
    """The baseline compiler (no LLVM) takes the fast tier's integer regions by default and
    tiers them up to LLVM; --jit-baseline=off leaves every region to LLVM; under
    --jit-baseline=only, --cosim checks baseline code against the interpreter (and notices
    an injected divergence in it); a fault in baseline code names its instruction."""
    want = reference(a)
    # The LLVM compile (~30 ms idle) races a ~60 ms guest: on a loaded machine the guest can
    # end first, so a miss is retried once with a ten times longer run (same output).
    for n in (BRANCHY_N, str(10 * int(BRANCHY_N))):
        out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--jit-tier-up=1000",
                                     "--stats=json", a.branchy, n])
        s = stats(err)
        ref = want if n == BRANCHY_N else reference(a, n, "jit")
        if out != ref:
            fail(f"auto printed {out!r} for {n}, the reference {ref!r}")
        if s["regions_compiled"] > s["regions_baseline"]:
            break
    if s["regions_baseline"] < 1 or s["tier_ups"] < 1:
        fail(f"no baseline region, or none tiered up to LLVM: {s}")
    if s["regions_compiled"] <= s["regions_baseline"]:
        fail(f"the hot loop never reached LLVM's full tier: {s}")
    out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--jit-baseline=off",
                                 "--stats=json", a.branchy, "100000"])
    if stats(err)["regions_baseline"] != 0:
        fail(f"--jit-baseline=off compiled baseline regions: {stats(err)}")
    # Without --jit-threshold, regions the baseline compiler takes go after 300 runs of
    # their entry (RT_DEFAULT_CHEAP_THRESHOLD), the others after 5000: 2000 iterations
    # compile the loop only with the baseline compiler on.
    s = stats(expect_ok(a.fvp, ["--engine=auto", "--stats=json", a.branchy, "2000"])[1])
    if s["regions_baseline"] < 1:
        fail(f"the loop did not reach the baseline compiler after 2000 runs: {s}")
    # The dispatcher compiles the baseline compiler's regions itself when they become hot,
    # so how long the interpreter runs does not depend on the compiler threads (it did:
    # 10 to 180 thousand instructions of this run when they were busy or asleep).
    runs = [stats(expect_ok(a.fvp, ["--engine=auto", "--jit-cheap-threshold=50",
                                    "--stats=json", a.branchy, "20000"])[1]) for _ in range(3)]
    if len({r["interp_insns"] for r in runs}) != 1 or runs[0]["regions_baseline"] < 1:
        fail(f"the interpreter's share changed between identical runs: {runs}")
    s = stats(expect_ok(a.fvp, ["--engine=auto", "--jit-baseline=off", "--stats=json",
                                a.branchy, "2000"])[1])
    if s["regions_compiled"] != 0:
        fail(f"LLVM regions must wait for 5000 runs: {s}")
    # --jit-cheap-threshold moves the baseline compiler's threshold only.
    s = stats(expect_ok(a.fvp, ["--engine=auto", "--jit-cheap-threshold=4000", "--stats=json",
                                a.branchy, "2000"])[1])
    if s["regions_compiled"] != 0:
        fail(f"--jit-cheap-threshold=4000 compiled a region after 2000 runs: {s}")
    s = stats(expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100000",
                                "--jit-cheap-threshold=500", "--stats=json", a.branchy,
                                "2000"])[1])
    if s["regions_baseline"] < 1:
        fail(f"--jit-cheap-threshold=500 under --jit-threshold=100000 compiled nothing: {s}")
    # An FP loop with integer blocks in it still reaches LLVM (looking at a region at the
    # cheap threshold once restarted its members' counts, so it never did).
    s = stats(expect_ok(a.fvp, ["--engine=auto", "--stats=json", a.fploop, "1000000"])[1])
    if s["jit_insns"] < 10 * s["interp_insns"] or s["regions_compiled"] <= s["regions_baseline"]:
        fail(f"the FP loop did not run as LLVM code: {s}")
    ref, _ = expect_ok(a.fvp, ["--engine=interp", a.branchy, "3000000"])
    only = ["--engine=auto", "--jit-threshold=50", "--jit-baseline=only", "--cosim"]
    out, err = expect_ok(a.fvp, only + ["--stats=json", a.branchy, "3000000"])
    s = stats(err)
    if out != ref or s["cosim_checks"] <= 0 or s["regions_baseline"] < 1:
        fail(f"--jit-baseline=only --cosim printed {out!r} (interp {ref!r}): {s}")
    if s["regions_baseline"] != s["regions_compiled"]:
        fail(f"branchy is integer code: every region should be baseline code: {s}")
    rc, _, err = run(a.fvp, only + [a.branchy, "3000000"], env={"FVP_COSIM_INJECT": "s1"})
    if rc == 0 or not re.search(r"cosim: region 0x[0-9a-f]+ diverged: pc 0x[0-9a-f]+, "
                                r"register s1: ", err):
        fail("an injected divergence in baseline code went unnoticed:\n" + err)
    # Where the system refuses writable and executable pages, LLVM compiles everything.
    out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-threshold=100", "--stats=json",
                                 a.branchy, "100000"], env={"FVP_BASELINE_NO_EXEC": "1"})
    s = stats(err)
    if out != expect_ok(a.fvp, ["--engine=interp", a.branchy, "100000"])[0] or \
            s["regions_baseline"] != 0 or s["regions_compiled"] < 1 or s["compile_failures"]:
        fail(f"without executable pages the regions must go to LLVM: {s}")
    for mode in ("edge", "edge-load", "far", "low"):
        rc, out, err = run(a.fvp, ["--engine=jit", "--jit-baseline=only", "--stats=json",
                                   a.segfault, mode, "20000000"])
        m = re.search(r"FAULT_PC=(0x[0-9a-f]+)", out)
        if rc != 139 or not m or f"killed by SIGSEGV at pc {m.group(1)} " not in err:
            fail(f"{mode}: want SIGSEGV (139) naming FAULT_PC, got {rc}:\n{out}\n{err}")
        if stats(err)["regions_baseline"] < 1:
            fail(f"{mode}: the faulting loop was not baseline code: {stats(err)}")


def check_nest(a):
    """A region formed around an inner loop that runs full-tier code already goes to the
    full tier at once (straight_to_full), not to the baseline compiler, which would run
    the inner loop slower until its upgrade."""
    small = ["3", "1000"]
    want, _ = expect_ok(a.fvp, ["--engine=interp", a.nested] + small)
    got, _ = expect_ok(a.fvp, ["--engine=auto", a.nested] + small)
    if got != want:
        fail(f"auto printed {got!r}, interp {want!r}")
    # The inner loop (one block, 100000 runs per outer iteration) is baseline code after
    # 300 runs and full-tier code a few ms later; the outer latch reaches 300 runs after
    # 300 outer iterations (~0.1 s). On a machine too loaded for the upgrade to land by
    # then, the run is repeated ten times longer.
    for inner in ("100000", "1000000"):
        args = [a.nested, "400", inner]
        out, err = expect_ok(a.fvp, ["--engine=auto", "--stats=json"] + args)
        s = stats(err)
        ref, _ = expect_ok(a.fvp, ["--engine=jit"] + args)
        if out != ref:
            fail(f"auto printed {out!r}, jit {ref!r}")
        if s["straight_to_full"] >= 1:
            break
    if s["straight_to_full"] < 1:
        fail(f"the outer loop's region went to the fast tier: {s}")
    if s["interp_insns"] > s["jit_insns"] // 100:
        fail(f"the nest ran in the interpreter: {s}")


def check_fp_mode(a):
    """Regions compiled for the default FP mode decline under another (fesetround): the
    block runs in the interpreter, the JIT recompiles without the guard, and the guest
    computes exactly what the interpreter does, including the change the mode makes."""
    want, _ = expect_ok(a.fvp, ["--engine=interp", a.fpmode, "200000"])
    if "rounding-changed 1 same-again 1" not in want:
        fail(f"the guest's rounding modes made no difference: {want!r}")
    for extra in (["--engine=jit"], ["--engine=auto", "--jit-threshold=50"],
                  ["--engine=auto", "--jit-threshold=50", "--cosim"]):
        out, err = expect_ok(a.fvp, extra + ["--stats=json", a.fpmode, "200000"])
        if out != want:
            fail(f"{extra}: printed {out!r}, interp {want!r}")
        s = stats(err)
        if s["fp_mode_exits"] < 1:
            fail(f"{extra}: no compiled region declined the other mode: {s}")
        if s["jit_insns"] < s["interp_insns"]:
            fail(f"{extra}: the loops did not run compiled after the switch: {s}")


def check_sync(a):
    """--jit-sync: a block that becomes hot is compiled before it runs again, so under
    --engine=jit nothing is interpreted, not even code that runs once (self-modifying code
    too: its rewritten blocks compile again before they run), and the guest prints what the
    interpreter prints. Under auto the loop still waits for its threshold."""
    for prog, args in ((a.branchy, ["20000"]), (a.smc, [])):
        want, _ = expect_ok(a.fvp, ["--engine=interp", prog] + args)
        out, err = expect_ok(a.fvp, ["--engine=jit", "--jit-sync", "--stats=json", prog] + args)
        if out != want:
            fail(f"jit --jit-sync printed {out!r}, interp {want!r}")
        s = stats(err)
        if s["interp_insns"] != 0 or s["jit_insns"] == 0:
            fail(f"{os.path.basename(prog)}: jit --jit-sync interpreted instructions: {s}")
    out, err = expect_ok(a.fvp, ["--engine=auto", "--jit-sync", "--stats=json", a.branchy,
                                 "20000"])
    s = stats(err)
    if out != reference(a, "20000") or not 0 < s["interp_insns"] < s["jit_insns"]:
        fail(f"auto --jit-sync: printed {out!r}, stats {s}")


CHECKS = {"region": check_region, "chain": check_chain, "smc": check_smc,
          "tier-up": check_tier_up,
          "cosim": check_cosim, "cosim-inject": check_cosim_inject,
          "cosim-fault": check_cosim_fault, "fault-pc": check_fault_pc,
          "threads": check_threads, "baseline": check_baseline,
          "options": check_options, "counts": check_counts, "fp-mode": check_fp_mode,
          "nest": check_nest, "sync": check_sync}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("check", choices=sorted(CHECKS))
    ap.add_argument("--fvp", required=True)
    ap.add_argument("--branchy", required=True)
    ap.add_argument("--smc", required=True)
    ap.add_argument("--instret", required=True)
    ap.add_argument("--segfault", required=True)
    ap.add_argument("--fpmode", required=True)
    ap.add_argument("--fploop", required=True)
    ap.add_argument("--nested", required=True)
    a = ap.parse_args()
    CHECKS[a.check](a)
    print("ok")


if __name__ == "__main__":
    main()
