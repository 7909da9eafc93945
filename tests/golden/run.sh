#!/bin/bash
# tests/golden/run.sh [--update] BIN: golden tests of `guanxi extract`.
#
# Each folder tests/golden/CASE/ holds input.txt or input.jsonl, dict/ (a tiny complete
# dictionary), an optional args file (extra CLI arguments, one line) and expected.graphml,
# expected.dot, expected.json. The runner runs
#     BIN extract -q -d CASE/dict [args] CASE/input.* -o TMP
# and diffs the three files (the diff is shown on failure); --update rewrites the expected files
# instead (review the change with git diff). Each case is also checked by cross_check.py: its
# expected.graphml and expected.json must give the same nodes, labels and edges.
# Prints "ok N - name" / "not ok N - name" lines and ends with "N passed, N failed".
set -u
UPDATE=0
if [ "${1:-}" = "--update" ]; then UPDATE=1; shift; fi
[ $# -eq 1 ] || { echo "usage: tests/golden/run.sh [--update] BIN" >&2; exit 2; }
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_golden.XXXXXX")"
trap 'rm -rf "$T"' EXIT
PASS=0 FAIL=0 N=0

result() { # result STATUS NAME [DETAIL FILE]
    N=$((N + 1))
    if [ "$1" = 0 ]; then
        PASS=$((PASS + 1))
        echo "ok $N - $2"
    else
        FAIL=$((FAIL + 1))
        echo "not ok $N - $2"
        [ -n "${3:-}" ] && sed 's/^/#   /' "$3" | head -60
    fi
}

for dir in "$HERE"/*/; do
    dir=${dir%/}
    case=$(basename "$dir")
    input=$(ls "$dir"/input.txt "$dir"/input.jsonl 2>/dev/null | head -1)
    if [ -z "$input" ] || [ ! -d "$dir/dict" ]; then
        echo "# $case: no input.txt/input.jsonl or no dict/" >"$T/why"
        result 1 "$case: case is complete" "$T/why"
        continue
    fi
    args=()
    [ -f "$dir/args" ] && read -r -a args <"$dir/args"
    out="$T/$case"
    if ! "$BIN" extract -q -d "$dir/dict" "${args[@]+"${args[@]}"}" "$input" -o "$out" \
        >"$T/stdout" 2>"$T/stderr"; then
        result 1 "$case: extract runs" "$T/stderr"
        continue
    fi
    for ext in graphml dot json; do
        if [ $UPDATE = 1 ]; then
            cp "$out/graph.$ext" "$dir/expected.$ext"
            echo "# updated $case/expected.$ext"
        fi
        if [ ! -f "$dir/expected.$ext" ]; then
            echo "missing $dir/expected.$ext (run make golden-update)" >"$T/diff"
            result 1 "$case: graph.$ext" "$T/diff"
        elif diff -u "$dir/expected.$ext" "$out/graph.$ext" >"$T/diff" 2>&1; then
            result 0 "$case: graph.$ext"
        else
            result 1 "$case: graph.$ext differs from expected.$ext" "$T/diff"
        fi
    done
    echo "missing expected files" >"$T/cross"
    if [ -f "$dir/expected.graphml" ] && [ -f "$dir/expected.json" ] &&
        "$PY" "$HERE/cross_check.py" "$dir/expected.graphml" "$dir/expected.json" >"$T/cross" 2>&1; then
        result 0 "$case: expected.graphml and expected.json agree"
    else
        result 1 "$case: expected.graphml and expected.json agree" "$T/cross"
    fi
done

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
