#!/usr/bin/env bash
# Demo: runs bundled guest programs (RISC-V, and AArch64 when built) through every fvp engine.
#
#   tools/demo.sh BUILD_DIR      (make demo builds first; this script builds nothing)
#
# For each engine that `fvp run --engine=E` accepts (interp, jit, auto: detected by
# trying), each program's command and output are shown and checked against qemu-riscv64
# (or qemu-aarch64) when installed; then hello translated by `fvp aot` and run as a native
# executable, checked the same way; then one run with --stats. Exits non-zero on any
# failure.
set -u

BUILD=${1:?usage: tools/demo.sh BUILD_DIR}
FVP=$BUILD/tools/fvp
GUEST=$BUILD/tests/guest/riscv64
QEMU_RISCV64=$(command -v qemu-riscv64 || true)
QEMU_AARCH64=$(command -v qemu-aarch64 || true)
A64=$BUILD/tests/guest/aarch64
MAX_LINES=12
failures=0

bold() { if [ -t 1 ]; then printf '\033[1m%s\033[0m\n' "$*"; else printf '%s\n' "$*"; fi; }
fail() { printf 'FAILED: %s\n' "$*"; failures=$((failures + 1)); }

for f in "$FVP" "$GUEST/hello" "$GUEST/fenv" "$GUEST/fileio"; do
    if [ ! -x "$f" ]; then
        echo "demo: $f is missing; build first (make demo does)" >&2
        exit 2
    fi
done

# An engine is available when fvp does not reject the --engine value itself
# (exit 125 with a message about the engine); a broken engine still counts as a failure.
engines=()
for e in interp jit auto; do
    err=$("$FVP" run --engine="$e" "$GUEST/rv_i" 2>&1 >/dev/null)
    status=$?
    if [ "$status" = 125 ] && printf '%s' "$err" | grep -qi 'engine'; then
        echo "engine $e: not available in this build ($(printf '%s\n' "$err" | head -n 1))"
    else
        engines+=("$e")
    fi
done
[ ${#engines[@]} -gt 0 ] || { echo "demo: fvp accepts no engine" >&2; exit 1; }
echo "engines: ${engines[*]}"
echo

# check_run LABEL QEMU PROG ARGS...: runs "${CMD[@]}" ARGS... (the program under an
# engine), shows the command and (the start of) its output, and checks it against QEMU's
# run of PROG ARGS... when QEMU is not empty. LABEL names the engine in failures.
check_run() {
    local label=$1 qemu=$2 prog=$3
    shift 3
    local out rc ref ref_rc
    local start end
    start=$(date +%s%N)
    out=$("${CMD[@]}" "$@" 2>&1)
    rc=$?
    end=$(date +%s%N)
    local n
    n=$(printf '%s\n' "$out" | wc -l)
    printf '%s\n' "$out" | head -n "$MAX_LINES" | sed 's/^/    /'
    [ "$n" -gt "$MAX_LINES" ] && echo "    ... ($((n - MAX_LINES)) more lines)"
    printf '    [exit %d, %d ms' "$rc" $(((end - start) / 1000000))
    if [ -n "$qemu" ]; then
        ref=$("$qemu" "$prog" "$@" 2>&1)
        ref_rc=$?
        if [ "$out" = "$ref" ] && [ "$rc" = "$ref_rc" ]; then
            printf ', output identical to %s]\n' "${qemu##*/}"
        else
            printf ', DIFFERS from %s]\n' "${qemu##*/}"
            fail "$label: ${prog#"$BUILD"/} differs from ${qemu##*/} (exit $rc vs $ref_rc)"
            diff <(printf '%s\n' "$ref") <(printf '%s\n' "$out") | head -n 10 | sed 's/^/    /'
        fi
    else
        printf ']\n'
    fi
    [ "$rc" = 0 ] || fail "$label: ${prog#"$BUILD"/} exited $rc"
    echo
}

# run_one ENGINE QEMU PROG ARGS...: the program under fvp run --engine=ENGINE.
run_one() {
    local engine=$1 qemu=$2 prog=$3
    shift 3
    bold "\$ fvp run --engine=$engine ${prog#"$BUILD"/} $*"
    CMD=("$FVP" run --engine="$engine" "$prog")
    check_run "$engine" "$qemu" "$prog" "$@"
}

# aot_one QEMU PROG ARGS...: translates PROG ahead of time (O0: seconds, not the tens of
# seconds O2 takes) into a native executable, then runs that.
aot_one() {
    local qemu=$1 prog=$2
    shift 2
    # Same base name as PROG (the program prints its argv[0]), one directory per ISA.
    local dir=$AOT_DIR/${prog%/*}
    dir=$AOT_DIR/${dir##*/}
    mkdir -p "$dir"
    local exe=$dir/${prog##*/}
    bold "\$ fvp aot --opt=O0 --stats ${prog#"$BUILD"/} -o $exe"
    local out rc
    out=$("$FVP" aot --opt=O0 --stats "$prog" -o "$exe" 2>&1)
    rc=$?
    printf '%s\n' "$out" | tail -n 4 | sed 's/^/    /'
    if [ "$rc" != 0 ]; then
        fail "aot: translating ${prog#"$BUILD"/} exited $rc"
        echo
        return
    fi
    bold "\$ $exe $*"
    CMD=("$exe")
    check_run aot "$qemu" "$prog" "$@"
}

for e in "${engines[@]}"; do
    bold "=== engine: $e ==="
    run_one "$e" "$QEMU_RISCV64" "$GUEST/hello" "first argument" "second"
    run_one "$e" "$QEMU_RISCV64" "$GUEST/fenv"
    run_one "$e" "$QEMU_RISCV64" "$GUEST/fileio"
    # The same C source built for AArch64, when this build has the AArch64 programs.
    if [ -x "$A64/hello" ]; then
        run_one "$e" "$QEMU_AARCH64" "$A64/hello" "first argument" "second"
    fi
done

# Static translation: fvp aot writes a native executable that needs neither LLVM nor fvp.
bold "=== engine: aot (fvp aot, then the executable it wrote) ==="
AOT_DIR=$(mktemp -d)
trap 'rm -rf "$AOT_DIR"' EXIT
aot_one "$QEMU_RISCV64" "$GUEST/hello" "first argument" "second"
if [ -x "$A64/hello" ]; then
    aot_one "$QEMU_AARCH64" "$A64/hello" "first argument" "second"
fi
engines+=(aot)

bold "=== statistics (--stats) ==="
bold "\$ fvp run --engine=${engines[0]} --stats ${GUEST#"$BUILD"/}/hello"
stats=$("$FVP" run --engine="${engines[0]}" --stats "$GUEST/hello" 2>&1)
rc=$?
printf '%s\n' "$stats" | sed 's/^/    /'
[ "$rc" = 0 ] || fail "--stats run exited $rc"
printf '%s' "$stats" | grep -q '[0-9]' || fail "--stats printed no numbers"
echo

if [ "$failures" -gt 0 ]; then
    bold "demo: $failures failure(s)"
    exit 1
fi
bold "demo: all runs succeeded on engines: ${engines[*]}"
