#!/bin/bash
# tests/run.sh MODE BIN UNITDIR: every test of guanxi, as `make check-release` / `make check-asan`
# run it (MODE is release or asan).
#
#   1. every unit test binary in UNITDIR (tests/unit/test_*.c built for MODE)
#   2. tests/cli/run.sh BIN       the command line: exit codes, messages, inputs, outputs
#   3. tests/golden/run.sh BIN    golden GraphML/DOT/JSON + the cross-emitter check
#   4. tests/offsets.sh BIN       mention offsets against the original text
#   5. tests/fuzz/run.sh BUILD   the fuzz corpus and crashers through the replay drivers
#      tests/cli/hostile.sh       hostile input: NUL, controls, surrogates, 1M mentions, SIGINT…
#   6. release only: tests/golden/run.sh under valgrind memcheck (tests/valgrind.sh)
#   7. release only, when $SHARED/formats/check exists (SHARED defaults to ../shared beside the
#      repository): the format checkers on `BIN extract tests/corpus`
#
# Each sub-suite prints its own "N passed, N failed" (its "ok" lines are not repeated here; "not
# ok" lines and details are). The LAST line is the total "N passed, N failed"; the exit status is
# nonzero on any failure. In asan mode, ASan leak checking is on and any sanitizer report aborts.
set -u
if [ $# -ne 3 ] || { [ "$1" != release ] && [ "$1" != asan ]; }; then
    echo "usage: tests/run.sh release|asan BIN UNITDIR" >&2
    exit 2
fi
MODE=$1 BIN=$2 UNITDIR=$3
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
SHARED=${SHARED:-$(dirname "$REPO")/shared}
[ -x "$BIN" ] || { echo "tests/run.sh: $BIN is not executable (build it first)" >&2; exit 2; }
[ -d "$UNITDIR" ] || { echo "tests/run.sh: $UNITDIR is not a folder (make unit)" >&2; exit 2; }
BIN="$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")"
if [ "$MODE" = asan ]; then
    export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
    export LSAN_OPTIONS=suppressions=$HERE/lsan.supp
    export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
fi
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_run.XXXXXX")"
trap 'rm -rf "$T"' EXIT
TOTAL_PASS=0 TOTAL_FAIL=0

# suite NAME CMD...: runs a sub-suite, shows all but its "ok" lines, adds its last-line counts.
# A suite whose last line is not "N passed, N failed" (a crash) counts as one failure.
suite() {
    local name=$1 rc last p f
    shift
    echo "== $name"
    "$@" >"$T/out" 2>&1
    rc=$?
    grep -v '^ok ' "$T/out" | sed '$d'
    last=$(tail -n 1 "$T/out")
    if [[ $last =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
        p=${BASH_REMATCH[1]} f=${BASH_REMATCH[2]}
        if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
        echo "$last"
    else
        tail -n 1 "$T/out"
        p=0 f=1
        echo "0 passed, 1 failed (no summary line; exit status $rc)"
    fi
    TOTAL_PASS=$((TOTAL_PASS + p))
    TOTAL_FAIL=$((TOTAL_FAIL + f))
}

# 1. unit tests
n_unit=0
for t in "$UNITDIR"/test_*; do
    case $t in *.d | *.o) continue ;; esac
    [ -f "$t" ] && [ -x "$t" ] || continue
    n_unit=$((n_unit + 1))
    suite "unit: $(basename "$t")" "$t"
done
if [ $n_unit -eq 0 ]; then
    echo "== unit: no test binaries in $UNITDIR"
    TOTAL_FAIL=$((TOTAL_FAIL + 1))
fi

# 2-4. command line, golden, offsets
suite "cli" "$HERE/cli/run.sh" "$BIN"
suite "golden" "$HERE/golden/run.sh" "$BIN"
suite "offsets" "$HERE/offsets.sh" "$BIN"
suite "eval" "$HERE/eval/run.sh" "$BIN"
suite "rule cases" "$HERE/cases/run.sh" "$BIN"
suite "relation cases" "$HERE/relations/run.sh" "$BIN"
suite "graph options" "$HERE/cli/graph.sh" "$BIN"
suite "scale: threads, order, progress, map/reduce" "$HERE/cli/scale.sh" "$BIN"
suite "encodings" "$HERE/cli/encodings.sh" "$BIN"
suite "dictionaries: formats, import, dict check" "$HERE/cli/dicts.sh" "$BIN"
suite "dictionary images" "$HERE/cli/image.sh" "$BIN"
suite "fuzz corpus and crashers replayed" "$HERE/fuzz/run.sh" "$(dirname "$UNITDIR")"
suite "hostile input" "$HERE/cli/hostile.sh" "$MODE" "$BIN"
suite "suggest" "$HERE/cli/suggest.sh" "$BIN"

# 7. format checkers on the sample corpus (release only)
formats() {
    local chk=$1 out="$T/formats" p=0 f=0 c file
    if ! (cd "$REPO" && "$BIN" extract -q tests/corpus -o "$out") 2>"$T/extract.err"; then
        sed 's/^/#   /' "$T/extract.err"
        echo "0 passed, 1 failed"
        return
    fi
    for c in "check_graphml.sh graph.graphml" "check_dot.sh graph.dot" "check_json.py graph.json"; do
        set -- $c
        case $1 in *.py) "/usr/bin/python3" "$chk/$1" "$out/$2" ;; *) bash "$chk/$1" "$out/$2" ;; esac \
            >"$T/check.out" 2>&1
        if tail -n 1 "$T/check.out" | grep -q '^RESULT PASS'; then
            p=$((p + 1))
            echo "ok - $1 $2"
        else
            f=$((f + 1))
            echo "not ok - $1 $2"
            grep -E '^(ERROR|RESULT)' "$T/check.out" | head -20 | sed 's/^/#   /'
        fi
    done
    if (cd "$REPO" && "$BIN" extract -q --yed -f graphml tests/corpus -o "$out/yed") 2>"$T/extract.err" &&
        bash "$chk/check_graphml.sh" --yed "$out/yed/graph.graphml" >"$T/check.out" 2>&1 &&
        tail -n 1 "$T/check.out" | grep -q '^RESULT PASS'; then
        p=$((p + 1))
        echo "ok - check_graphml.sh --yed graph.graphml (--yed)"
    else
        f=$((f + 1))
        echo "not ok - check_graphml.sh --yed graph.graphml (--yed)"
        grep -E '^(ERROR|RESULT)' "$T/check.out" | head -20 | sed 's/^/#   /'
    fi
    echo "$p passed, $f failed"
}
# 6. release only: the golden tests again under valgrind memcheck (errors and definite leaks fail)
if [ "$MODE" = release ]; then
    if command -v valgrind >/dev/null 2>&1; then
        export GX_VALGRIND_BIN=$BIN
        suite "golden under valgrind memcheck" "$HERE/golden/run.sh" "$HERE/valgrind.sh"
    else
        echo "skip: valgrind memcheck (valgrind not installed)"
    fi
fi

if [ "$MODE" = release ]; then
    if [ -d "$SHARED/formats/check" ]; then
        suite "formats ($SHARED/formats/check)" formats "$SHARED/formats/check"
    else
        echo "skip: format checkers (../shared/formats/check not found)"
    fi
fi

echo "$TOTAL_PASS passed, $TOTAL_FAIL failed"
[ "$TOTAL_FAIL" -eq 0 ]
