#!/bin/bash
# tests/fuzz/run.sh BUILD_DIR: replays every file of tests/fuzz/corpus/<target>/ and
# tests/fuzz/crashers/<target>/ through BUILD_DIR/fuzz/replay_<target> (made by `make fuzz-replay`
# for the build mode of BUILD_DIR, e.g. build/release or build/asan), for the targets norm, dict
# and pipeline. Prints the "not ok" lines and each target's count; the last line is the total
# "N passed, N failed"; exits nonzero on any failure.
set -u
if [ $# -ne 1 ]; then
    echo "usage: tests/fuzz/run.sh BUILD_DIR" >&2
    exit 2
fi
BUILD=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PASS=0 FAIL=0
for t in norm dict pipeline; do
    bin="$BUILD/fuzz/replay_$t"
    dirs=()
    for d in "$HERE/corpus/$t" "$HERE/crashers/$t"; do
        [ -d "$d" ] && [ -n "$(ls -A "$d")" ] && dirs+=("$d")
    done
    [ ${#dirs[@]} -eq 0 ] && continue
    if [ ! -x "$bin" ]; then
        echo "not ok - $bin missing (make fuzz-replay)"
        FAIL=$((FAIL + 1))
        continue
    fi
    out="$("$bin" "${dirs[@]}" 2>&1)"
    last="$(printf '%s\n' "$out" | tail -n 1)"
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        PASS=$((PASS + BASH_REMATCH[1])) FAIL=$((FAIL + BASH_REMATCH[2]))
        printf '%s\n' "$out" | grep -v '^ok - ' | sed '$d' | head -50
        echo "# $t: $last"
    else
        printf '%s\n' "$out" | tail -n 20
        echo "not ok - replay_$t ended without a summary"
        FAIL=$((FAIL + 1))
    fi
done
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
