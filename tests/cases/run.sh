#!/bin/bash
# tests/cases/run.sh BIN: runs every block of tests/cases/*.txt through `BIN mentions -` with the
# shipped dictionaries and compares the mentions (type, text, entity, nested) as sets.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec /usr/bin/python3 - "$BIN" "$HERE" <<'PY'
import glob, json, os, subprocess, sys
binary, here = sys.argv[1], sys.argv[2]
dicts = os.path.join(os.path.dirname(os.path.dirname(here)), "dicts")
passed = failed = 0
for path in sorted(glob.glob(os.path.join(here, "*.txt"))):
    lines = open(path, encoding="utf-8").read().split("\n")
    i, n = 0, 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            name = lines[i][1:].strip() if lines[i].startswith("#") else ""
            i += 1
            continue
        start = i
        text = []
        while lines[i] != ".":
            text.append(lines[i]); i += 1
        i += 1
        want = set()
        while i < len(lines) and lines[i].strip():
            f = lines[i].split("\t")
            want.add((f[0], f[1], f[2], len(f) > 3 and f[3] == "nested"))
            i += 1
        n += 1
        r = subprocess.run([binary, "mentions", "-q", "-d", dicts, "-"], input="\n".join(text),
                           capture_output=True, text=True)
        got = set()
        for l in r.stdout.splitlines():
            m = json.loads(l)
            got.add((m["type"], m["text"], m["entity"], bool(m.get("nested"))))
        label = "%s:%d %s" % (os.path.basename(path), start + 1, name)
        if r.returncode == 0 and got == want:
            passed += 1
            print("ok - " + label)
        else:
            failed += 1
            print("not ok - " + label)
            for x in sorted(want - got): print("#   missing  " + "\t".join(map(str, x)))
            for x in sorted(got - want): print("#   extra    " + "\t".join(map(str, x)))
            if r.returncode: print("#   exit %d: %s" % (r.returncode, r.stderr.strip()))
print("%d passed, %d failed" % (passed, failed))
PY
