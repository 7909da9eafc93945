#!/usr/bin/env python3
"""Relation misses: the gold relations a graph.json lacks, grouped by type and cause, with their
evidence; with --fp also the typed edges between gold entities that the gold does not hold.

usage: tests/relations/misses.py ../shared/gold/seeds GRAPH.json [--fp]
(make the graph with `build/guanxi extract tests/corpus -o DIR`). Causes: an end the graph has
no node for (entity missing), no edge at all, only a co-mention, another typed relation, or the
right relation with the other end as head. Names are matched as ../shared/gold/relscore.py does.
A developer's tool; the tests do not run it.
"""
import json, sys, os, glob, unicodedata, collections
Q = str.maketrans("", "", "“”\"‘’'「」『』 \u3000\t")
def key(s): return unicodedata.normalize("NFKC", s).translate(Q)
gold_dir, g = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
ents = {}
art_of = {}
for p in glob.glob(os.path.join(gold_dir, "*.tsv")):
    if p.endswith("relations.tsv"): continue
    for l in open(p, encoding="utf-8"):
        f = l.rstrip("\n").split("\t")
        if len(f) >= 3:
            ents.setdefault(key(f[1]), set()).update({key(f[1])} | {key(a) for a in f[2].split("|") if a})
nodes = {}
for n in g["nodes"]:
    al = n.get("aliases", []);  al = al.split("|") if isinstance(al, str) else al
    nodes[n["id"]] = ({key(n["label"])} | {key(a) for a in al}, n["label"], n["kind"])
def find(canon):
    names = ents.get(canon, {canon})
    return [i for i, (ns, _, _) in nodes.items() if ns & names]
edges = {}
for e in g["links"]:
    edges[frozenset((e["source"], e["target"]))] = e
gold = []
for l in open(os.path.join(gold_dir, "relations.tsv"), encoding="utf-8"):
    f = l.rstrip("\n").split("\t")
    gold.append((f[0][:3], f[1], f[2], f[3], f[4] if len(f) > 4 else ""))
groups = collections.defaultdict(list)
for art, r, h, t, ev in gold:
    hs, ts = find(key(h)), find(key(t))
    if not hs or not ts:
        groups[(r, "entity missing: " + ("head" if not hs else "") + ("tail" if not ts else ""))].append((art, h, t, ev, ""))
        continue
    cause, info, ok = "no edge (not co-mentioned)", "", False
    for a in hs:
        for b in ts:
            e = edges.get(frozenset((a, b)))
            if not e: continue
            rels = e["relation"].split("|")
            head = e.get("head")
            if r in rels and (head == a or r == "partner"): ok = True
            elif r in rels: cause, info = "wrong head", e["relation"]
            elif cause != "wrong head":
                typed = [x for x in rels if x != "co_mention"]
                cause = "other type" if typed else "co_mention only"
                info = e["relation"]
    if not ok:
        groups[(r, cause)].append((art, h, t, ev, info))
tot = sum(len(v) for v in groups.values())
print("missed", tot, "of", len(gold))
for (r, c), v in sorted(groups.items(), key=lambda kv: -len(kv[1])):
    print(f"\n== {r} / {c}: {len(v)}")
    for art, h, t, ev, info in v:
        print(f"  {art} {h} -> {t}  [{info}]  | {ev[:90]}")
if "--fp" in sys.argv:
    allk = set().union(*ents.values())
    goldset = {(r, key(h), key(t)) for _, r, h, t, _ in gold}
    def stands(i, c): return bool(nodes[i][0] & ents.get(c, {c}))
    print("\n== false typed edges")
    for e in g["links"]:
        for r in e["relation"].split("|"):
            if r == "co_mention": continue
            h = e.get("head", e["source"]); t = e["target"] if h == e["source"] else e["source"]
            if not (nodes[h][0] & allk and nodes[t][0] & allk): continue
            if any(rr == r and ((stands(h, hh) and stands(t, tt)) or (r == "partner" and stands(t, hh) and stands(h, tt))) for rr, hh, tt in goldset): continue
            pat = [x.get("pattern") for x in e.get("evidence", []) if x.get("pattern")]
            sn = [x["snippet"] for x in e.get("evidence", []) if x.get("pattern")][:1]
            print(f"  {r}: {nodes[h][1]} -> {nodes[t][1]} {pat} | {sn}")
miss = collections.Counter(r for (r, c), v in groups.items() for _ in v)
allc = collections.Counter(g[1] for g in gold)
print("\nper type found/gold:", {r: f"{allc[r]-miss[r]}/{allc[r]}" for r in allc})
