#!/bin/bash
# tests/eval/run.sh BIN: `guanxi eval` on both gold layouts with hand-computed scores, the
# error listing, the usage and data errors; and, when ../shared exists, agreement with the
# shared scorers (nerscore.py, goldscore.py) on the real gold sets.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SHARED=${SHARED:-$(dirname "$(dirname "$(dirname "$HERE")")")/shared}
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_eval.XXXXXX")"
trap 'rm -rf "$T"' EXIT
pass=0 fail=0
check() { # NAME COND-EXIT-STATUS [DETAIL-FILE]
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); echo "ok - $1"
    else fail=$((fail + 1)); echo "not ok - $1"; [ -n "${3:-}" ] && sed 's/^/#   /' "$3" | head -20; fi
}

"$BIN" eval "$HERE/gold.jsonl" -d "$HERE/dict.tsv" --errors >"$T/out" 2>"$T/err"
diff "$HERE/expected_spans.txt" "$T/out" >"$T/diff" 2>&1
check "JSONL gold: exact-span scores and error listing" $? "$T/diff"

"$BIN" eval "$HERE/gold" "$HERE/texts" -d "$HERE/dict.tsv" >"$T/out" 2>"$T/err"
diff "$HERE/expected_entities.txt" "$T/out" >"$T/diff" 2>&1
check "TSV gold: entity scores, optional entry, document without gold skipped" $? "$T/diff"

"$BIN" eval >"$T/out" 2>&1; [ $? -eq 2 ] && grep -q "no GOLD given" "$T/out"
check "no GOLD: exit 2" $?
"$BIN" eval "$HERE/gold" -d "$HERE/dict.tsv" >"$T/out" 2>&1; [ $? -eq 2 ] && grep -q "needs the texts" "$T/out"
check "TSV gold without texts: exit 2" $?
printf '{"id":"x","text":"a"}\n' >"$T/bad.jsonl"
"$BIN" eval "$T/bad.jsonl" -d "$HERE/dict.tsv" >"$T/out" 2>&1; [ $? -eq 1 ] && grep -q "bad.jsonl:1: expected" "$T/out"
check "JSONL line without entities: exit 1 naming file:line" $?

if [ -f "$SHARED/gold/nerscore.py" ] && [ -d "$SHARED/gold/seeds" ]; then
    REPO="$(dirname "$(dirname "$HERE")")"
    "$BIN" eval "$SHARED/gold/peoples_daily/dev.jsonl" | grep '^micro F1' >"$T/a"
    "$BIN" mentions -q "$SHARED/gold/peoples_daily/dev.jsonl" >"$T/m"
    python3 "$SHARED/gold/nerscore.py" "$SHARED/gold/peoples_daily/dev.jsonl" "$T/m" | grep '^micro F1' >"$T/b"
    diff "$T/a" "$T/b" >"$T/diff"
    check "People's Daily dev: same micro F1 as nerscore.py ($(cat "$T/a"))" $? "$T/diff"
    "$BIN" eval "$SHARED/gold/seeds" "$REPO/tests/corpus" | grep '^macro F1' >"$T/a"
    "$BIN" mentions -q "$REPO/tests/corpus" >"$T/m"
    python3 "$SHARED/gold/goldscore.py" "$SHARED/gold/seeds" "$T/m" | grep '^macro F1' >"$T/b"
    diff "$T/a" "$T/b" >"$T/diff"
    check "seed articles: same macro F1 as goldscore.py ($(cat "$T/a"))" $? "$T/diff"
else
    echo "skip: agreement with the shared scorers (../shared/gold not found)"
fi
echo "$pass passed, $fail failed"
