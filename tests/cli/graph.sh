#!/bin/bash
# tests/cli/graph.sh BIN: the graph options of `guanxi extract`: pruning (--types, --min-weight,
# --top-edges, --largest-component), --evidence, --window-chars, --edges-jsonl and --yed, and
# their usage errors. Runs on the bundled sample corpus with the shipped dictionaries.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CORPUS="$(dirname "$HERE")/corpus"
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_graph.XXXXXX")"
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
. "$HERE/lib.sh"
pyjson() { # FILE PYTHON-EXPRESSION over g (the graph): must be true
    $PY -c "import json,sys; g=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"
}
extract() { # OUTDIR ARGS...
    local out=$1; shift
    "$BIN" extract -q "$@" "$CORPUS" -o "$T/$out" 2>"$T/$out.err"
}

extract all
check "unpruned graph has edges of several kinds" pyjson "$T/all/graph.json" \
    'len({n["kind"] for n in g["nodes"]}) == 4 and len(g["links"]) > 100'
check "typed relations are in the graph with a head" pyjson "$T/all/graph.json" \
    'any("uses_program" in e["relation"] and "head" in e for e in g["links"])'
check "measures are finite and in range" pyjson "$T/all/graph.json" \
    'all(-1 <= e["npmi"] <= 1 and 0 <= e["jaccard"] <= 1 and 0 <= e["dice"] <= 1 for e in g["links"])'
check "default keeps at most 3 evidence items" pyjson "$T/all/graph.json" \
    'max(len(e.get("evidence", [])) for e in g["links"]) == 3'
check "snippets are at most 80 characters" pyjson "$T/all/graph.json" \
    'all(len(x["snippet"]) <= 80 for e in g["links"] for x in e.get("evidence", []))'

extract types --types org,person
check "--types org,person keeps only those kinds" pyjson "$T/types/graph.json" \
    '{n["kind"] for n in g["nodes"]} == {"org", "person"}'
extract mw --min-weight 2
check "--min-weight 2: co-mention-only edges weigh 2 or more" pyjson "$T/mw/graph.json" \
    'all(e["weight"] >= 2 or e["relation"] != "co_mention" for e in g["links"])'
extract top --top-edges 1
check "--top-edges 1: every edge is the strongest of one of its ends" pyjson "$T/top/graph.json" \
    'len(g["links"]) <= len(g["nodes"])'
extract lc --largest-component
check "--largest-component: the graph is connected" $PY -c '
import json, sys
g = json.load(open(sys.argv[1])); adj = {n["id"]: set() for n in g["nodes"]}
for e in g["links"]: adj[e["source"]].add(e["target"]); adj[e["target"]].add(e["source"])
seen, todo = set(), [g["nodes"][0]["id"]]
while todo:
    x = todo.pop()
    if x not in seen: seen.add(x); todo += adj[x]
sys.exit(0 if seen == set(adj) else 1)' "$T/lc/graph.json"

extract ev0 --evidence 0
check "--evidence 0: no evidence written" pyjson "$T/ev0/graph.json" \
    'not any(e.get("evidence") for e in g["links"] + g["nodes"])'
extract wc --window-chars 200
check "--window-chars 200: window chars, more edges than sentences" pyjson "$T/wc/graph.json" \
    'g["graph"]["window"] == "chars" and len(g["links"]) > len(json.load(open(sys.argv[1].replace("wc", "all")))["links"])'

extract ej --edges-jsonl "$T/ej/edges.jsonl"
check "--edges-jsonl: one valid object a line, every evidence item" $PY -c '
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
g = json.load(open(sys.argv[2]))
kept = sum(len(e.get("evidence", [])) for e in g["links"])
rels = {"co_mention", "role", "part_of", "located_in", "partner", "uses_program"}
ok = len(lines) >= kept and all(l["relation"] in rels and l["snippet"] for l in lines)
sys.exit(0 if ok else 1)' "$T/ej/edges.jsonl" "$T/ej/graph.json"
check "--edges-jsonl: no temporary left" test -z "$(ls -A "$T/ej" | grep '^\.')"

extract yed --yed -f graphml
check "--yed: every node has a yFiles shape, the file is well-formed" $PY -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot(); ns = {"g": "http://graphml.graphdrawing.org/xmlns", "y": "http://www.yworks.com/xml/graphml"}
nodes = r.findall(".//g:node", ns)
sys.exit(0 if nodes and all(n.find(".//y:ShapeNode", ns) is not None for n in nodes) else 1)' "$T/yed/graph.graphml"

# render: SVG and PNG through Graphviz, pruned to a readable size by default
"$BIN" render -q "$CORPUS" -o "$T/render" 2>"$T/render.err"
check "render: graph.svg and graph.png written" test -s "$T/render/graph.svg" -a -s "$T/render/graph.png"
check "render: the PNG is a PNG" $PY -c 'import sys; sys.exit(0 if open(sys.argv[1], "rb").read(8) == b"\x89PNG\r\n\x1a\n" else 1)' "$T/render/graph.png"
check "render: the SVG is well-formed, holds Chinese labels and the legend, at most 150 nodes" $PY -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot(); ns = {"s": "http://www.w3.org/2000/svg"}
texts = [t.text or "" for t in r.iter("{http://www.w3.org/2000/svg}text")]
nodes = [g for g in r.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "node"]
ok = any("党" in t for t in texts) and any("组织 org" in t for t in texts) and 10 < len(nodes) <= 150
sys.exit(0 if ok else 1)' "$T/render/graph.svg"
"$BIN" render -q --view hierarchy "$CORPUS" -o "$T/render" 2>"$T/render.err"
check "render --view hierarchy: hierarchy.svg with district clusters" $PY -c '
import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
cl = [g for g in r.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "cluster"]
sys.exit(0 if cl else 1)' "$T/render/hierarchy.svg"
check "render: no temporary left" test -z "$(ls -A "$T/render" | grep '^\.')"

for bad in "--types foo" "--min-weight x" "--top-edges 0" "--evidence 65" "--window-chars 0"; do
    # shellcheck disable=SC2086
    "$BIN" extract -q $bad "$CORPUS" -o "$T/bad" >"$T/bad.out" 2>&1
    rc=$?
    check "bad value $bad: exit 2 with a message" test "$rc" = 2 -a -n "$(grep 'guanxi: error' "$T/bad.out")"
done
"$BIN" render -q --view sideways "$CORPUS" -o "$T/bad" >"$T/bad.out" 2>&1
check "render --view sideways: exit 2" test "$?" = 2
finish
