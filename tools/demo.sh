#!/usr/bin/env bash
# Demo: runs bundled RISC-V guest programs through every fvp engine this build accepts.
#
#   tools/demo.sh BUILD_DIR      (make demo builds first; this script builds nothing)
#
# For each engine that `fvp run --engine=E` accepts (interp, jit, auto, aot: detected by
# trying), each program's command and output are shown and checked against qemu-riscv64
# when it is installed. Then one run with --stats. Exits non-zero if anything failed.
set -u

BUILD=${1:?usage: tools/demo.sh BUILD_DIR}
FVP=$BUILD/tools/fvp
GUEST=$BUILD/tests/guest/riscv64
QEMU=$(command -v qemu-riscv64 || true)
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
for e in interp jit auto aot; do
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

# run_one ENGINE PROG ARGS...: shows the command and (the start of) its output, checks it.
run_one() {
    local engine=$1 prog=$2
    shift 2
    local out rc ref ref_rc
    bold "\$ fvp run --engine=$engine ${prog#"$BUILD"/} $*"
    local start end
    start=$(date +%s%N)
    out=$("$FVP" run --engine="$engine" "$prog" "$@" 2>&1)
    rc=$?
    end=$(date +%s%N)
    local n
    n=$(printf '%s\n' "$out" | wc -l)
    printf '%s\n' "$out" | head -n "$MAX_LINES" | sed 's/^/    /'
    [ "$n" -gt "$MAX_LINES" ] && echo "    ... ($((n - MAX_LINES)) more lines)"
    printf '    [exit %d, %d ms' "$rc" $(((end - start) / 1000000))
    if [ -n "$QEMU" ]; then
        ref=$("$QEMU" "$prog" "$@" 2>&1)
        ref_rc=$?
        if [ "$out" = "$ref" ] && [ "$rc" = "$ref_rc" ]; then
            printf ', output identical to qemu-riscv64]\n'
        else
            printf ', DIFFERS from qemu-riscv64]\n'
            fail "$engine: ${prog##*/} differs from qemu-riscv64 (exit $rc vs $ref_rc)"
            diff <(printf '%s\n' "$ref") <(printf '%s\n' "$out") | head -n 10 | sed 's/^/    /'
        fi
    else
        printf ']\n'
    fi
    [ "$rc" = 0 ] || fail "$engine: ${prog##*/} exited $rc"
    echo
}

for e in "${engines[@]}"; do
    bold "=== engine: $e ==="
    run_one "$e" "$GUEST/hello" "first argument" "second"
    run_one "$e" "$GUEST/fenv"
    run_one "$e" "$GUEST/fileio"
done

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
