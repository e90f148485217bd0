#!/bin/sh
# Checks that `fvp ir print` output parses back to the same text for every case file.
# usage: print_round_trip.sh FVP CASE.ir...
set -u
fvp=$1
shift
tmp=$(mktemp -d) || exit 125
trap 'rm -rf "$tmp"' EXIT
status=0
for f in "$@"; do
    if ! "$fvp" ir print "$f" >"$tmp/a.ir"; then
        echo "$f: fvp ir print failed"; status=1; continue
    fi
    if ! "$fvp" ir print "$tmp/a.ir" >"$tmp/b.ir"; then
        echo "$f: printed text does not parse back"; status=1; continue
    fi
    if ! cmp -s "$tmp/a.ir" "$tmp/b.ir"; then
        echo "$f: printing the printed text changes it"; diff "$tmp/a.ir" "$tmp/b.ir"; status=1
    fi
done
exit $status
