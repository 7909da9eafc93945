#!/bin/bash
# tests/cli/suggest.sh BIN: `guanxi suggest`: the output format (dictionary lines with a trailing
# comment field), that it loads with -d, sorting, determinism, --min-count, --top, --type, usage
# errors, the limits (names a dictionary line cannot hold, the n-gram table cap, a pathological
# run). On the bundled sample corpus with the shipped dictionaries, and on small fixtures with a
# tiny dictionary of rule rows written here.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$(dirname "$HERE")")"
CORPUS="$REPO/tests/corpus"
DICTS="$REPO/dicts"
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_suggest.XXXXXX")"
trap 'rm -rf "$T"' EXIT
PY=/usr/bin/python3
unset GUANXI_DICTS
. "$HERE/lib.sh"
# pytsv FILE EXPR: EXPR (over rows, the data lines split on tabs, and head, the first line) holds
pytsv() {
    $PY -c "
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
assert lines[-1] == '', 'no final newline'
head, rows = lines[0], [l.split('\t') for l in lines[1:-1]]
sys.exit(0 if ($2) else 1)" "$1"
}
suggest() { # OUT ARGS...: stdout to $T/OUT.tsv, stderr to $T/OUT.err, status to $T/OUT.rc
    local out=$1; shift
    "$BIN" suggest "$@" >"$T/$out.tsv" 2>"$T/$out.err"
    echo $? >"$T/$out.rc"
}
rc_is() { [ "$(cat "$T/$1.rc")" = "$2" ]; }

# ---------------------------------------------------------------- the sample corpus

suggest all -d "$DICTS" "$CORPUS"
check "exit 0" rc_is all 0
check "header comment names the columns" grep -q \
    '^# guanxi suggest: surface	type	canonical	attrs	#	count	documents	score	source	context$' \
    "$T/all.tsv"
check "finds candidates of every kind" pytsv "$T/all.tsv" \
    '{r[1] for r in rows} == {"org", "person", "place", "program"}'
check "native fields, then # and five statistics" pytsv "$T/all.tsv" \
    'all(len(r) == 10 and r[2] == r[3] == "" and r[4] == "#" for r in rows)'
check "counts are at least 3 (default --min-count), documents at most the count" pytsv \
    "$T/all.tsv" 'all(int(r[5]) >= 3 and 1 <= int(r[6]) <= int(r[5]) for r in rows)'
check "sorted by score, then surface" pytsv "$T/all.tsv" \
    'all((-float(a[7]), a[0].encode()) <= (-float(b[7]), b[0].encode())
         for a, b in zip(rows, rows[1:]))'
check "one line per surface" pytsv "$T/all.tsv" 'len({r[0] for r in rows}) == len(rows)'
check "sources are rules or n-gram shapes" pytsv "$T/all.tsv" \
    'all(r[8].startswith("rule:") or r[8] in ("ngram:suffix", "ngram:person", "ngram:formula")
         for r in rows)'
check "contexts are short (GX_SUGGEST_CONTEXT_CHARS around, at most 80)" pytsv "$T/all.tsv" \
    'all(0 < len(r[9]) <= 80 for r in rows)'
check "nothing the dictionaries list" $PY -c '
import sys, glob
listed = set()
for f in glob.glob(sys.argv[1] + "/*.tsv"):
    for l in open(f, encoding="utf-8"):
        if l.strip() and not l.startswith("#"): listed.add(l.split("\t")[0])
rows = [l.split("\t") for l in open(sys.argv[2], encoding="utf-8") if not l.startswith("#")]
bad = [r[0] for r in rows if r[0] in listed]
print(bad); sys.exit(1 if bad else 0)' "$DICTS" "$T/all.tsv"
check "a rule name is suggested (如意湖党工委)" grep -q '^如意湖党工委	org	' "$T/all.tsv"
check "summary on stderr" grep -q '^  suggested [0-9]* (org ' "$T/all.err"

# The output is a dictionary: it loads with -d as it is, and its names become dictionary hits.
mkdir -p "$T/mydict" && cp "$T/all.tsv" "$T/mydict/suggested.tsv"
"$BIN" mentions -q -d "$DICTS" -d "$T/mydict" "$CORPUS" >"$T/with.jsonl" 2>"$T/with.err"
check "output loads with -d (no error, no warning)" test $? -eq 0 -a ! -s "$T/with.err"
check "suggested names are now dictionary hits" \
    grep -q '"entity":"如意湖党工委","source":"dict"' "$T/with.jsonl"
"$BIN" suggest -q -d "$DICTS" -d "$T/mydict" "$CORPUS" >"$T/again.tsv" 2>&1
check "suggesting again with them loaded suggests none of them" $PY -c '
import sys
a = {l.split("\t")[0] for l in open(sys.argv[1]) if not l.startswith("#")}
b = {l.split("\t")[0] for l in open(sys.argv[2]) if not l.startswith("#")}
sys.exit(0 if a and not (a & b) else 1)' "$T/all.tsv" "$T/again.tsv"
check "build_dicts.py --check accepts the file" $PY "$REPO/dicts/tools/build_dicts.py" --check \
    --out "$T/mydict"
cut -f1-4 "$T/all.tsv" >"$T/plain.tsv"
check "cut -f1-4 keeps a plain dictionary" "$BIN" mentions -q -d "$T/plain.tsv" "$CORPUS"

suggest again -d "$DICTS" "$CORPUS"
check "deterministic: byte-identical output" cmp "$T/all.tsv" "$T/again.tsv"
suggest j2 -q -j 2 -d "$DICTS" "$CORPUS"
check "-j does not change the output" cmp "$T/all.tsv" "$T/j2.tsv"
check "-q: no stderr" test ! -s "$T/j2.err"

suggest top -q --top 5 -d "$DICTS" "$CORPUS"
check "--top 5: the first five lines" bash -c "head -6 '$T/all.tsv' | cmp - '$T/top.tsv'"
suggest mc -q --min-count 6 -d "$DICTS" "$CORPUS"
check "--min-count 6" pytsv "$T/mc.tsv" 'rows and all(int(r[5]) >= 6 for r in rows)'
suggest mc1 -q --min-count 1 -d "$DICTS" "$CORPUS"
check "--min-count 1 finds more than the default" test "$(wc -l <"$T/mc1.tsv")" -gt \
    "$(wc -l <"$T/all.tsv")"
suggest type -q --type person -d "$DICTS" "$CORPUS"
check "--type person" pytsv "$T/type.tsv" 'rows and {r[1] for r in rows} == {"person"}'
suggest types -q --type org,place -d "$DICTS" "$CORPUS"
check "--type org,place" pytsv "$T/types.tsv" 'rows and {r[1] for r in rows} <= {"org", "place"}'

# ---------------------------------------------------------------- usage errors

fails() { rc_is "$1" "$2" && grep -q -- "$3" "$T/$1.err"; } # OUT STATUS RE: exit and message
suggest u1 --min-count 0 "$CORPUS"
check "--min-count 0 is a usage error" fails u1 2 'min-count needs a number'
suggest u2 --top x "$CORPUS"
check "--top x is a usage error" fails u2 2 'top needs a number'
suggest u3 --type dragon "$CORPUS"
check "--type dragon is a usage error" fails u3 2 'type needs a comma list'
suggest u4
check "no INPUT is a usage error" fails u4 2 'no INPUT given'
suggest help --help
check "--help lists the options" bash -c "grep -q -- '--min-count N' '$T/help.tsv' &&
    grep -q -- '--top N' '$T/help.tsv' && grep -q -- '--type LIST' '$T/help.tsv'"
suggest missing -d "$DICTS" "$T/nonexistent.txt"
check "a missing input is an error naming it" fails missing 1 'nonexistent.txt'
printf 'a\xffb' >"$T/bad.txt"
suggest bad -d "$DICTS" "$T/bad.txt"
check "invalid UTF-8 is an error with the byte offset" fails bad 1 'invalid UTF-8 at byte 1'

# ---------------------------------------------------------------- fixtures, tiny dictionary

printf '新区\tsuffix\t\tkind=place;min=2;max=4\n公司\tsuffix\t\tmax=64\n' >"$T/tiny.tsv"
printf '国家\tword\n的\tstop\n王\tsurname\n东\tgiven\n峰\tgiven\n北京\tplace\n' >>"$T/tiny.tsv"
mkdir -p "$T/fx"
i=0
for verb in 说 表示 指出 强调; do
    i=$((i + 1))
    printf '雄安新区的建设，北京支持雄安新区。王东峰%s，国家新区很多。\n' $verb >"$T/fx/d$i.txt"
done
LONG=$(printf '长%.0s' $(seq 1 64))
printf '%s公司成立。%s公司发展。%s公司壮大。\n' "$LONG" "$LONG" "$LONG" >"$T/fx/long.txt"
suggest fx -d "$T/tiny.tsv" "$T/fx"
check "fixture: a rule name with its source" grep -q $'^雄安新区\tplace\t\t\t#\t8\t4\t' "$T/fx.tsv"
check "fixture: a person's name from n-grams" \
    grep -q $'^王东峰\tperson\t\t\t#\t4\t4\t.*\tngram:person\t' "$T/fx.tsv"
check "fixture: common words before a suffix are no name (国家新区)" \
    bash -c "! grep -q '^国家新区' '$T/fx.tsv'"
check "GX_MAX_ENTRY_CHARS: a 66-character name is left out and counted" bash -c \
    "! grep -q '^长长' '$T/fx.tsv' &&
     grep -q 'left out  3 rule mentions no dictionary line can hold' '$T/fx.err'"

# Other encodings and traditional script, as for every command (--encoding, --t2s).
mkdir -p "$T/gb" "$T/trad" "$T/utf"
for f in "$T"/fx/d*.txt; do
    cp "$f" "$T/utf/"
    iconv -f utf-8 -t gb18030 "$f" >"$T/gb/$(basename "$f")"
    sed 's/区/區/g; s/设/設/g' "$f" >"$T/trad/$(basename "$f")"
done
suggest utf -q -d "$T/tiny.tsv" "$T/utf"
suggest gb -q --encoding gb18030 -d "$T/tiny.tsv" "$T/gb"
check "GB18030 input suggests what its UTF-8 original does" cmp "$T/utf.tsv" "$T/gb.tsv"
suggest trad -q --t2s -d "$T/tiny.tsv" "$T/trad"
check "--t2s: traditional text gives the simplified names" \
    bash -c "cut -f1-9 '$T/utf.tsv' | cmp - <(cut -f1-9 '$T/trad.tsv')"
check "--t2s: the context stays the original text" grep -q '雄安新區的建設' "$T/trad.tsv"

# Hostile text: control characters, a BOM, CRLF, full-width forms around names.
mkdir -p "$T/hostile"
for i in 1 2 3; do
    printf '\xef\xbb\xbf\x01雄安新区\x7f建设，\r\n“ＡＢ”雄安新区\x02。\r\n' >"$T/hostile/h$i.txt"
done
suggest hostile --min-count 1 -d "$T/tiny.tsv" "$T/hostile"
check "hostile text: exit 0, a suggestion" grep -q $'^雄安新区\tplace\t' "$T/hostile.tsv"
check "hostile text: no control characters in the output" $PY -c '
import sys
t = open(sys.argv[1], encoding="utf-8").read()
sys.exit(1 if any(ord(c) < 32 and c not in "\t\n" or ord(c) == 127 for c in t) else 0)' \
    "$T/hostile.tsv"

# Pathological: one character repeated (a run of 300,000), then a run of distinct characters
# long enough to fill the n-gram table (GX_SUGGEST_MAX_NGRAMS) several times over: it is pruned
# and the run finishes.
$PY -c "
import random, sys
r = random.Random(7)
cs = [chr(c) for c in range(0x4E00, 0x9FA5)]
sys.stdout.write('中' * 300000 + '\n')
for i in range(800):
    sys.stdout.write(''.join(r.choice(cs) for _ in range(1000)) + '。\n')" >"$T/patho.txt"
suggest patho -d "$T/tiny.tsv" "$T/patho.txt"
check "pathological input: exit 0" rc_is patho 0
check "the n-gram table was pruned (GX_SUGGEST_MAX_NGRAMS)" \
    grep -Eq 'counted   [0-9]+ n-grams \([1-9][0-9]* pruned\)' "$T/patho.err"

finish
