#!/usr/bin/env python3
"""A stand-in for the fvp command, for testing tools/bench.py without a working FVP:
`run --engine=interp` runs the guest under qemu and, with --stats=json, prints a JSON stats
line on stderr; every other engine and `aot` are refused with exit status 125, as fvp does
for what it cannot do."""
import json
import os
import sys

TOOL_ERROR = 125


def main(argv):
    if not argv or argv[0] != "run":
        print(f"fvp: unknown command '{argv[0] if argv else ''}'", file=sys.stderr)
        return TOOL_ERROR
    args = argv[1:]
    engine, stats = "auto", False
    while args and args[0].startswith("--"):
        opt = args.pop(0)
        if opt.startswith("--engine="):
            engine = opt.split("=", 1)[1]
        elif opt == "--stats=json":
            stats = True
    if engine != "interp":
        print(f"fvp: --engine={engine} is not available in this build", file=sys.stderr)
        return TOOL_ERROR
    sys.stdout.flush()
    pid = os.fork()
    if pid == 0:
        os.execvp("qemu-riscv64", ["qemu-riscv64"] + args)
    _, status = os.waitpid(pid, 0)
    if stats:
        print(json.dumps({"interp_insns": 12345, "blocks": {"interp": 67, "jit": 0}}),
              file=sys.stderr)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
