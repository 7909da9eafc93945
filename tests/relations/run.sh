#!/bin/bash
# tests/relations/run.sh BIN: runs each block of tests/relations/cases.txt through `BIN extract`
# (shipped dictionaries) and compares the typed relations of graph.json (head from the edge's
# "head", partner either way) with the expected ones, as sets.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_rel.XXXXXX")"
trap 'rm -rf "$T"' EXIT
exec /usr/bin/python3 - "$BIN" "$HERE" "$T" <<'PY'
import json, os, subprocess, sys
binary, here, tmp = sys.argv[1:4]
dicts = os.path.join(os.path.dirname(os.path.dirname(here)), "dicts")
lines = open(os.path.join(here, "cases.txt"), encoding="utf-8").read().split("\n")
passed = failed = 0
i, name = 0, ""
while i < len(lines):
    if not lines[i].strip() or lines[i].startswith("#"):
        if lines[i].startswith("#"): name = lines[i][1:].strip()
        i += 1
        continue
    start, text = i, []
    while lines[i] != ".":
        text.append(lines[i]); i += 1
    i += 1
    want = set()
    while i < len(lines) and lines[i].strip():
        r, h, t = lines[i].split("\t")
        want.add((r, h, t) if r != "partner" else (r,) + tuple(sorted((h, t))))
        i += 1
    src = os.path.join(tmp, "in.txt")
    open(src, "w", encoding="utf-8").write("\n".join(text) + "\n")
    out = os.path.join(tmp, "out")
    r = subprocess.run([binary, "extract", "-q", "-d", dicts, "-f", "json", src, "-o", out],
                       capture_output=True, text=True)
    got = set()
    if r.returncode == 0:
        g = json.load(open(os.path.join(out, "graph.json"), encoding="utf-8"))
        label = {n["id"]: n["label"] for n in g["nodes"]}
        for e in g["links"]:
            head = e.get("head", e["source"])
            tail = e["target"] if head == e["source"] else e["source"]
            for rel in e["relation"].split("|"):
                if rel == "co_mention": continue
                x = (rel, label[head], label[tail])
                got.add(x if rel != "partner" else (rel,) + tuple(sorted(x[1:])))
    tag = "cases.txt:%d %s" % (start + 1, name)
    if r.returncode == 0 and got == want:
        passed += 1; print("ok - " + tag)
    else:
        failed += 1; print("not ok - " + tag)
        for x in sorted(want - got): print("#   missing  " + "\t".join(x))
        for x in sorted(got - want): print("#   extra    " + "\t".join(x))
        if r.returncode: print("#   exit %d: %s" % (r.returncode, r.stderr.strip()))
print("%d passed, %d failed" % (passed, failed))
PY
