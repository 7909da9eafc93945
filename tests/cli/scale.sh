#!/bin/bash
# tests/cli/scale.sh BIN: running at scale. Threads (-j) and input order never change an output
# byte; errors stop at the same document whatever -j; progress shows on a terminal only; guanxi
# map | sort | guanxi reduce equals extract, also over shards. The corpus is the bundled sample
# cut into paragraph documents (with repeated ids), as JSONL.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="$(dirname "$HERE")/corpus"
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_scale.XXXXXX")"
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
. "$HERE/lib.sh"
same_graph() { # DIR1 DIR2: the three graph files are byte-identical
    cmp "$1/graph.graphml" "$2/graph.graphml" && cmp "$1/graph.dot" "$2/graph.dot" &&
        cmp "$1/graph.json" "$2/graph.json"
}

# Paragraph documents; ids out of input order and some repeated; docs.rev is the same lines
# reversed.
$PY - "$CORPUS" "$T/docs.jsonl" "$T/docs.rev.jsonl" <<'EOF'
import json, os, sys
src, out, rev = sys.argv[1:4]
lines = []
for name in sorted(os.listdir(src)):
    if not name.endswith(".txt"):
        continue
    paras = [p for p in open(os.path.join(src, name), encoding="utf-8").read().split("\n") if p.strip()]
    for i, p in enumerate(paras):
        lines.append(json.dumps({"id": "%s-%03d" % (name[:3], (i * 7) % max(len(paras) - 3, 1)), "text": p},
                                ensure_ascii=False))
open(out, "w", encoding="utf-8").write("\n".join(lines) + "\n")
open(rev, "w", encoding="utf-8").write("\n".join(reversed(lines)) + "\n")
EOF
check "test corpus has many documents" test "$(wc -l <"$T/docs.jsonl")" -gt 200

# ---------------------------------------------------------------- threads
for j in 1 2 3 8; do
    "$BIN" extract -q -j $j --edges-jsonl "$T/edges$j.jsonl" "$T/docs.jsonl" -o "$T/j$j" 2>"$T/j$j.err"
done
for j in 2 3 8; do
    check "extract -j $j writes the files of -j 1" same_graph "$T/j1" "$T/j$j"
    check "--edges-jsonl with -j $j equals -j 1" cmp "$T/edges1.jsonl" "$T/edges$j.jsonl"
done
check "the graph is not empty" test "$(wc -c <"$T/j1/graph.json")" -gt 10000
"$BIN" mentions -q -j 1 "$T/docs.jsonl" >"$T/m1.jsonl"
"$BIN" mentions -q -j 3 "$T/docs.jsonl" >"$T/m3.jsonl"
check "mentions -j 3 prints the lines of -j 1, in input order" cmp "$T/m1.jsonl" "$T/m3.jsonl"
check "mentions come in input order" $PY -c '
import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
p = 0
for l in open(sys.argv[2]):
    d = json.loads(l)["doc"]
    while p < len(ids) and ids[p] != d: p += 1
    if p == len(ids): sys.exit(1)' "$T/docs.jsonl" "$T/m1.jsonl"

# ---------------------------------------------------------------- input order
"$BIN" extract -q -j 2 "$T/docs.rev.jsonl" -o "$T/rev"
check "reversed input order writes the same graph" same_graph "$T/j1" "$T/rev"

# ---------------------------------------------------------------- errors in input order
{ head -n 100 "$T/docs.jsonl"; echo '{"id": "bad", "text": 3}'; tail -n +101 "$T/docs.jsonl"; } >"$T/bad.jsonl"
"$BIN" mentions -q -j 1 "$T/bad.jsonl" >"$T/b1.out" 2>"$T/b1.err"; rc1=$?
"$BIN" mentions -q -j 4 "$T/bad.jsonl" >"$T/b4.out" 2>"$T/b4.err"; rc4=$?
check "a bad line stops -j 1 with status 1" test "$rc1" = 1
check "and -j 4 with the same status" test "$rc4" = 1
check "both name the line" grep -q 'bad.jsonl:101' "$T/b4.err"
check "both print the documents before it, the same" cmp "$T/b1.out" "$T/b4.out"
check "documents before the bad line were printed" test -s "$T/b1.out"
"$BIN" extract -q -j 4 "$T/bad.jsonl" -o "$T/badout" 2>/dev/null
check "extract leaves no graph after a bad line" test ! -e "$T/badout/graph.json"

# ---------------------------------------------------------------- -j usage
"$BIN" extract -j 0 "$T/docs.jsonl" -o "$T/x" 2>"$T/j0.err"; rc=$?
check "-j 0 is a usage error" test "$rc" = 2
check "naming the limit" grep -q 'GX_MAX_THREADS' "$T/j0.err"
"$BIN" extract -j 257 "$T/docs.jsonl" -o "$T/x" 2>/dev/null; rc=$?
check "-j 257 is a usage error" test "$rc" = 2
"$BIN" extract -q -j 256 "$T/docs.jsonl" -o "$T/j256"
check "-j 256 (the limit) works and agrees" same_graph "$T/j1" "$T/j256"

# ---------------------------------------------------------------- progress
"$BIN" extract -j 2 "$T/docs.jsonl" -o "$T/p" 2>"$T/notty.err"
check "no progress when stderr is not a terminal" bash -c "! grep -q \$'\\r' '$T/notty.err'"
check "the summary is still printed" grep -q 'documents' "$T/notty.err"
if command -v script >/dev/null; then
    script -qec "'$BIN' extract -j 2 '$T/docs.jsonl' -o '$T/p2'" /dev/null >"$T/tty.out" 2>&1
    check "on a terminal, progress shows documents and MB/s" grep -q 'documents, .* MB, .* MB/s' "$T/tty.out"
    script -qec "'$BIN' extract -q -j 2 '$T/docs.jsonl' -o '$T/p3'" /dev/null >"$T/ttyq.out" 2>&1
    check "--quiet silences it" bash -c "! grep -q 'MB/s' '$T/ttyq.out'"
else
    echo "# skipped progress on a terminal: no 'script' command"
fi

# ---------------------------------------------------------------- map / reduce
"$BIN" map -q <"$T/docs.jsonl" | LC_ALL=C sort | "$BIN" reduce -q -o "$T/mr"
check "map | sort | reduce writes what extract writes" same_graph "$T/j1" "$T/mr"
split -l 70 "$T/docs.jsonl" "$T/shard."
n=0
for s in "$T"/shard.*; do n=$((n + 1)); "$BIN" map -q -j $((n % 3 + 1)) <"$s" >"$s.part"; done
check "the corpus was cut into several shards" test "$n" -ge 3
cat "$T"/shard.*.part | LC_ALL=C sort | "$BIN" reduce -q -o "$T/shards"
check "shards mapped separately reduce to the same graph" same_graph "$T/j1" "$T/shards"
cat "$T"/shard.*.part | tac | "$BIN" reduce -q -o "$T/unsorted"
check "reduce does not need sorted input" same_graph "$T/j1" "$T/unsorted"
"$BIN" reduce -q --lines "$T/shard.aa.part" "$T/shard.ab.part" >"$T/combined.part"
cat "$T/combined.part" "$T"/shard.a[c-z].part | "$BIN" reduce -q -o "$T/combined"
check "reduce --lines combines partial graphs" same_graph "$T/j1" "$T/combined"
"$BIN" map -q "$T/docs.jsonl" >"$T/fromfile.part"
"$BIN" map -q <"$T/docs.jsonl" >"$T/fromstdin.part"
check "map reads files as well as stdin" cmp "$T/fromfile.part" "$T/fromstdin.part"
check "map output is sorted by key" bash -c "cut -f1 '$T/fromfile.part' | LC_ALL=C sort -c"
"$BIN" map -q -j 3 <"$T/docs.jsonl" >"$T/j3.part"
check "map output does not depend on -j" cmp "$T/fromfile.part" "$T/j3.part"

printf '{"id": "a", "text": "金水区委书记陈红民"}\n{"text": "郑东新区"}\n' >"$T/noid.jsonl"
"$BIN" map -q <"$T/noid.jsonl" >/dev/null 2>"$T/noid.err"; rc=$?
check "map refuses a document without an id" test "$rc" = 1
check "naming stdin and the line" grep -q -- '-:2: no "id"' "$T/noid.err"
{ head -n 3 "$T/fromfile.part"; echo 'garbage'; } >"$T/bad.part"
"$BIN" reduce -q -o "$T/badred" "$T/bad.part" 2>"$T/badred.err"; rc=$?
check "reduce stops at a malformed line with status 1" test "$rc" = 1
check "naming the file and line" grep -q 'bad.part:4: bad partial-graph line' "$T/badred.err"
check "and writes no graph" test ! -e "$T/badred/graph.json"
"$BIN" map -q --evidence 2 <"$T/docs.jsonl" | "$BIN" reduce -q -o "$T/ev" 2>"$T/ev.err"; rc=$?
check "reduce wants at least the evidence the maps kept" test "$rc" = 2
check "and says how to fix it" grep -q 'map with --evidence 3' "$T/ev.err"
"$BIN" map -q --window paragraph "$T/shard.aa" >"$T/para.part"
cat "$T/para.part" "$T/shard.ab.part" | "$BIN" reduce -q -o "$T/mixed" 2>"$T/mixed.err"; rc=$?
check "partial graphs of different windows do not mix" test "$rc" = 1
check "the message names both windows" grep -q 'paragraph and sentence\|sentence and paragraph' "$T/mixed.err"

# ---------------------------------------------------------------- one long document
# The sample 64 times over as one document (4.5 MB, 40k mentions, every relation pattern): the
# relation stage indexes the document (relate_index.c) and takes about a second; its quadratic
# passes used to take two minutes.
$PY - "$CORPUS" "$T/long.txt" <<'EOF'
import os, sys
src, out = sys.argv[1:3]
text = "".join(open(os.path.join(src, n), encoding="utf-8").read()
               for n in sorted(os.listdir(src)) if n.endswith(".txt"))
open(out, "w", encoding="utf-8").write(text * 64)
EOF
timeout 60 "$BIN" extract -q "$T/long.txt" -o "$T/long" 2>/dev/null
check "a 4.5 MB document of relations takes less than 60 s" test -s "$T/long/graph.json"
check "and states relations" grep -Eq '"relation":"(role|part_of|located_in|partner)' \
    "$T/long/graph.json"

finish
