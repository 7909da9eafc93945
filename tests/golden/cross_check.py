#!/usr/bin/python3
"""cross_check.py FILE.graphml FILE.json -- the cross-emitter test (STYLE.md section 6).

Reads a GraphML file (xml.etree) and a node-link JSON file (json) written from the same graph
and checks that both give the same node ids, labels, kinds and counts, and the same undirected
edges (endpoint sets) with the same count, documents and weight. Also checks the JSON's "links"
and "edges" arrays agree when both are present, that there are no duplicate node ids or parallel
edges, and that the graph attributes agree. Prints "OK ..." or one "ERROR ..." line per
difference; exit status 0 only when everything agrees. Standard library only.
"""
import json
import sys
import xml.etree.ElementTree as ET

NS = "{http://graphml.graphdrawing.org/xmlns}"
errors = []


def err(msg):
    errors.append(msg)
    print("ERROR " + msg)


def read_graphml(path):
    root = ET.parse(path).getroot()
    keys = {}  # (for, key id) -> attr.name
    for k in root.findall(NS + "key"):
        keys[(k.get("for"), k.get("id"))] = k.get("attr.name")
    graphs = root.findall(NS + "graph")
    if len(graphs) != 1:
        err("%s: expected one <graph>, found %d" % (path, len(graphs)))
        return {}, {}, {}

    def data(elem, kind):
        return {keys.get((kind, d.get("key")), d.get("key")): (d.text or "")
                for d in elem.findall(NS + "data")}

    g = graphs[0]
    info = data(g, "graph")
    nodes, edges = {}, {}
    for n in g.findall(NS + "node"):
        if n.get("id") in nodes:
            err("graphml: duplicate node id %s" % n.get("id"))
        nodes[n.get("id")] = data(n, "node")
    for e in g.findall(NS + "edge"):
        pair = frozenset((e.get("source"), e.get("target")))
        if pair in edges:
            err("graphml: parallel edge %s" % sorted(pair))
        edges[pair] = data(e, "edge")
    return info, nodes, edges


def read_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    nodes, edges = {}, {}
    for n in doc.get("nodes", []):
        if n["id"] in nodes:
            err("json: duplicate node id %s" % n["id"])
        nodes[n["id"]] = n
    links = doc.get("links", doc.get("edges", []))
    if "links" in doc and "edges" in doc and doc["links"] != doc["edges"]:
        err("json: \"links\" and \"edges\" differ")
    for e in links:
        pair = frozenset((e["source"], e["target"]))
        if pair in edges:
            err("json: parallel edge %s" % sorted(pair))
        edges[pair] = e
    return doc.get("graph", {}), nodes, edges


def num(s):
    return float(s) if s not in (None, "") else None


def main():
    if len(sys.argv) != 3:
        print("usage: cross_check.py FILE.graphml FILE.json", file=sys.stderr)
        return 2
    ginfo, gnodes, gedges = read_graphml(sys.argv[1])
    jinfo, jnodes, jedges = read_json(sys.argv[2])

    if set(gnodes) != set(jnodes):
        err("node ids differ: only graphml %s, only json %s"
            % (sorted(set(gnodes) - set(jnodes)), sorted(set(jnodes) - set(gnodes))))
    for nid in sorted(set(gnodes) & set(jnodes)):
        g, j = gnodes[nid], jnodes[nid]
        if g.get("label") != j.get("label"):
            err("node %s: label %r (graphml) vs %r (json)" % (nid, g.get("label"), j.get("label")))
        if g.get("kind") != j.get("kind"):
            err("node %s: kind %r vs %r" % (nid, g.get("kind"), j.get("kind")))
        for k in ("mentions", "documents"):
            if num(g.get(k)) != (float(j[k]) if k in j else None):
                err("node %s: %s %r vs %r" % (nid, k, g.get(k), j.get(k)))

    if set(gedges) != set(jedges):
        err("edges differ: only graphml %s, only json %s"
            % ([sorted(p) for p in set(gedges) - set(jedges)],
               [sorted(p) for p in set(jedges) - set(gedges)]))
    for pair in set(gedges) & set(jedges):
        g, j = gedges[pair], jedges[pair]
        for k in ("count", "documents", "weight"):
            if num(g.get(k)) != (float(j[k]) if k in j else None):
                err("edge %s: %s %r vs %r" % (sorted(pair), k, g.get(k), j.get(k)))
        if g.get("relation") != j.get("relation"):
            err("edge %s: relation %r vs %r" % (sorted(pair), g.get("relation"), j.get("relation")))
    for pair in gedges:
        for end in pair:
            if end not in gnodes:
                err("graphml: edge endpoint %s is not a node" % end)

    if {k: str(v) for k, v in ginfo.items()} != {k: str(v) for k, v in jinfo.items()}:
        err("graph attributes differ: %r vs %r" % (ginfo, jinfo))

    if not errors:
        print("OK    %d nodes, %d edges agree" % (len(gnodes), len(gedges)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
