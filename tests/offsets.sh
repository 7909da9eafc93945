#!/bin/bash
# tests/offsets.sh BIN: the mention-offset contract of `guanxi mentions`.
#
# For every mention line, start/end are code-point offsets into the document's original text
# (BOM dropped, CR kept, end exclusive) and text is exactly that slice; NFKC(text) without
# whitespace is the entity or a dictionary surface of it; mentions are sorted, non-overlapping
# and within the text. Runs on (a) tests/corpus with the default dictionaries, (b) a crafted file
# with full-width forms, CRLF, a BOM, emoji and names broken across line breaks (tiny dictionary),
# (c) the same text as a JSONL document. Checks with /usr/bin/python3 (stdlib only).
# Prints "ok N - name" / "not ok N - name" lines and ends with "N passed, N failed".
set -u
[ $# -eq 1 ] || { echo "usage: tests/offsets.sh BIN" >&2; exit 2; }
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$HERE")"
PY=/usr/bin/python3
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_offsets.XXXXXX")"
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
        [ -n "${3:-}" ] && sed 's/^/#   /' "$3" | head -30
    fi
}

# The checker: check.py MENTIONS --dict PATH... --input PATH... [--expect ENTITY...] prints one
# "PASS name" / "FAIL name" line per property (with offenders as "  ..." lines).
cat >"$T/check.py" <<'PYEOF'
import json, os, sys, unicodedata

def args():
    a = {"dict": [], "input": [], "expect": []}
    key = None
    for x in sys.argv[2:]:
        if x.startswith("--"):
            key = x[2:]
        else:
            a[key].append(x)
    return a

def read_text(path):
    with open(path, encoding="utf-8", newline="") as f:
        t = f.read()
    return t[1:] if t.startswith("\ufeff") else t

def docs_of(path):
    """id -> original text, as guanxi reads the input."""
    out = {}
    if os.path.isdir(path):
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                if f.endswith(".txt") and not f.startswith("."):
                    p = os.path.join(root, f)
                    out[os.path.relpath(p, path)[:-4]] = read_text(p)
    elif path.endswith(".jsonl"):
        with open(path, encoding="utf-8-sig", newline="") as f:
            for i, line in enumerate(f, 1):
                if not line.strip():
                    continue
                o = json.loads(line)
                t = o["text"]
                out[str(o["id"]) if "id" in o else "%s:%d" % (os.path.basename(path)[:-6], i)] = \
                    t[1:] if t.startswith("\ufeff") else t
    else:
        b = os.path.basename(path)
        out[b[:-4] if b.endswith(".txt") else b] = read_text(path)
    return out

def surfaces(paths):
    """NFKC canonical -> set of NFKC surfaces, from TSV files or folders of *.tsv."""
    files = []
    for p in paths:
        files += sorted(os.path.join(p, f) for f in os.listdir(p) if f.endswith(".tsv")) \
            if os.path.isdir(p) else [p]
    by = {}
    for fn in files:
        with open(fn, encoding="utf-8-sig") as f:
            for line in f:
                line = line.rstrip("\r\n")
                if not line.strip() or line.startswith("#"):
                    continue
                col = line.split("\t")
                s = unicodedata.normalize("NFKC", col[0])
                c = unicodedata.normalize("NFKC", col[2]) if len(col) > 2 and col[2] else s
                by.setdefault(c, set()).add(s)
    return by

def squash(s):
    return "".join(unicodedata.normalize("NFKC", s).split())

def subsequence(short, full):
    it = iter(full)
    return all(ch in it for ch in short)

a = args()
docs = {}
for p in a["input"]:
    docs.update(docs_of(p))
by = surfaces(a["dict"])
ms = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
bad = {k: [] for k in ("doc", "bounds", "slice", "nfkc", "order", "fields")}
prev = {}
for m in ms:
    t = docs.get(m["doc"])
    if t is None:
        bad["doc"].append(m)
        continue
    s, e = m["start"], m["end"]
    if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
        bad["bounds"].append(m)
        continue
    if t[s:e] != m["text"]:
        bad["slice"].append((m, t[s:e]))
    # a dictionary mention is a surface of its entity; a rule's alias (北林 of 北林路街道,
    # 街道党工委 of 北林路街道党工委) keeps its characters in order inside the canonical name
    txt, ent = squash(m["text"]), squash(m["entity"])
    if m["source"] == "dict":
        ok = txt == ent or txt in {squash(x) for x in by.get(m["entity"], ())}
    else:
        ok = subsequence(txt.replace("“", "").replace("”", ""), ent) or txt == ent
    if not ok:
        bad["nfkc"].append(m)
    # top-level mentions are sorted and never overlap; nested ones lie inside the last one
    p = prev.get(m["doc"])
    if m.get("nested"):
        if p is None or not (p[0] <= s and e <= p[1]):
            bad["order"].append(m)
    else:
        if p is not None and s < p[1]:
            bad["order"].append(m)
        prev[m["doc"]] = (s, e)
    if m["type"] not in ("org", "person", "place", "program") or \
            not (m["source"] == "dict" or m["source"].startswith("rule:")):
        bad["fields"].append(m)

def report(ok, name, items=()):
    print(("PASS " if ok else "FAIL ") + name)
    for x in list(items)[:5]:
        print("  " + json.dumps(x, ensure_ascii=False))

report(len(ms) > 0, "%d mentions found" % len(ms))
report(not bad["doc"], "every mention's doc is an input document", bad["doc"])
report(not bad["bounds"], "0 <= start < end <= text length", bad["bounds"])
report(not bad["slice"], "original_text[start:end] == text", bad["slice"])
report(not bad["nfkc"], "NFKC(text) minus whitespace is a surface of the entity (dict) or in order inside it (rule alias)", bad["nfkc"])
report(not bad["order"], "top-level mentions sorted and not overlapping, nested ones inside them", bad["order"])
report(not bad["fields"], "type and source are known values", bad["fields"])
found = {m["entity"] for m in ms}
for x in a["expect"]:
    report(x in found, "entity %s is found" % x)
PYEOF

# run_case NAME MENTIONS-ARGS... -- CHECK-ARGS...: runs mentions, then the checker.
run_case() {
    local name=$1
    shift
    local margs=()
    while [ "$1" != "--" ]; do margs+=("$1"); shift; done
    shift
    if ! "$BIN" mentions -q "${margs[@]}" >"$T/mentions" 2>"$T/stderr"; then
        result 1 "$name: guanxi mentions runs" "$T/stderr"
        return
    fi
    result 0 "$name: guanxi mentions runs"
    "$PY" "$T/check.py" "$T/mentions" "$@" >"$T/report" 2>&1 || true
    if ! grep -q '^PASS\|^FAIL' "$T/report"; then
        result 1 "$name: checker ran" "$T/report"
        return
    fi
    local line detail
    while IFS= read -r line; do
        case $line in
        PASS*) result 0 "$name: ${line#PASS }" ;;
        FAIL*)
            detail=$(awk -v l="$line" '$0 == l {on = 1; next} /^(PASS|FAIL)/ {on = 0} on' "$T/report")
            printf '%s\n' "$detail" >"$T/detail"
            result 1 "$name: ${line#FAIL }" "$T/detail"
            ;;
        esac
    done <"$T/report"
}

# (a) the sample corpus with the default dictionaries
DICTS=${GUANXI_DICTS:-$REPO/dicts}
run_case corpus "$REPO/tests/corpus" -- --dict "$DICTS" --input "$REPO/tests/corpus"

# (b) crafted: BOM, CRLF, full-width forms, emoji, names broken across (CR)LF line breaks inside
# prose lines (CRLF, lone CR, spaces around the break), ideographic and no-break spaces inside
# prose lines, U+2028, and a short line that must not rejoin.
cat >"$T/tiny.tsv" <<'EOF'
张三丰	person
ABC公司	org	ABC集团
北京大学	org
郑州市	place
😀乐园	place
2024计划	program
EOF
"$PY" - "$T/crafted.txt" <<'PYEOF'
import sys
long = "以优化提升党群服务亮点工程为蓝本在整个辖区积极构造红色版图优化提升"
t = ("\ufeff" + "ＡＢＣ公司在郑州市发布了２０２４计划。\r\n"
     + long + "北京\r\n大学" + long + "。\r\n"
     + "😀乐园里有张三丰！\r\n"
     + long + "张三\r\n\r\n丰" + long + "。\r\n"
     + "😀😀ＡＢＣ公司，北京\u3000大学" + long + "\r\n"
     + long + "郑州\n市" + long + "。\n"
     + long + "北京\r大学" + long + "。\r"
     + long + "郑州 \r\n 市" + long + "。\u2028"
     + long + "北\u00a0\u00a0京大学" + long + "。\r\n"
     + "标题北京\r\n大学\r\n")
open(sys.argv[1], "w", encoding="utf-8", newline="").write(t)
PYEOF
run_case crafted -d "$T/tiny.tsv" "$T/crafted.txt" -- --dict "$T/tiny.tsv" --input "$T/crafted.txt" \
    --expect ABC集团 郑州市 2024计划 北京大学 张三丰 😀乐园

# (c) the same text as a JSONL document (offsets into the decoded "text")
"$PY" -c 'import json,sys
t = open(sys.argv[1], encoding="utf-8", newline="").read()
open(sys.argv[2], "w", encoding="utf-8").write(json.dumps({"id": 7, "text": t}, ensure_ascii=False) + "\n")' \
    "$T/crafted.txt" "$T/crafted.jsonl"
run_case jsonl -d "$T/tiny.tsv" "$T/crafted.jsonl" -- --dict "$T/tiny.tsv" --input "$T/crafted.jsonl" \
    --expect ABC集团 北京大学 张三丰 😀乐园

echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
