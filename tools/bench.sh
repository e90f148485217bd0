#!/bin/sh
# `make bench`: runs tools/bench.py for every guest ISA whose benchmarks are built, writing
# BUILD/bench-report/<isa>/{report.md,report.json,chart.svg}. Builds nothing.
#
# usage: tools/bench.sh BUILD_DIR
# Environment (all optional):
#   BENCH_SIZE     size passed to every program (default 10: the whole report takes a
#                  few minutes even with the interpreter; 100 is ~0.1-0.3 s natively)
#   BENCH_REPS     timed repetitions (default 3)
#   BENCH_ENGINES  engines (default native,qemu,interp,jit,auto,aot; missing ones are n/a)
#   BENCH_ARGS     extra arguments for tools/bench.py (e.g. "--programs hash,sort")
set -eu

if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
build=$1
here=$(cd "$(dirname "$0")" && pwd)
size=${BENCH_SIZE:-10}
reps=${BENCH_REPS:-3}
engines=${BENCH_ENGINES:-native,qemu,interp,jit,auto,aot}
report=$build/bench-report

if [ ! -d "$build/bench/native" ]; then
    echo "bench: $build/bench/native missing: build the bench_programs target first" >&2
    exit 2
fi
mkdir -p "$report"
status=0
isas=""
for isa in riscv64 aarch64 x86_64; do
    [ -d "$build/bench/$isa" ] || continue
    isas="$isas $isa"
    echo "bench: $isa (size $size, $reps repetitions)" >&2
    # shellcheck disable=SC2086
    python3 "$here/bench.py" --build "$build" --isa "$isa" --engines "$engines" \
        --reps "$reps" --size "$size" --out "$report/$isa" ${BENCH_ARGS:-} || status=$?
done

{
    echo "# FVP benchmark reports"
    echo
    for isa in $isas; do
        echo "- [$isa]($isa/report.md)"
    done
} >"$report/index.md"
echo "bench: reports in $report/ (index.md)" >&2
exit $status
