#!/bin/bash
# tests/cli/run.sh BIN: shell tests of the guanxi command line (the contract in main.c's usage and
# the issue): exit codes AND messages, input kinds (txt, folder, JSONL, stdin), dictionaries,
# output folder, formats, windows, determinism, atomic output. Every test writes into its own
# temp folder and uses tiny dictionaries written here, never the shipped dicts/.
# Prints "ok N - name" / "not ok N - name" lines and ends with "N passed, N failed".
set -u
[ $# -eq 1 ] || { echo "usage: tests/cli/run.sh BIN" >&2; exit 2; }
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -x "$BIN" ] || { echo "tests/cli/run.sh: $1 is not executable" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY=/usr/bin/python3
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_cli.XXXXXX")"
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
unset GUANXI_DICTS

. "$HERE/lib.sh"

# Tiny dictionaries.
printf '张三\tperson\n李四\tperson\n北京\tplace\n清华大学\torg\n' >d.tsv
printf '张三\torg\t张三集团\n' >over.tsv
printf '张三\tperson\n坏行没有制表符\n' >malformed.tsv
printf '# comment\n张三\tperson\n李四\tdragon\n' >badtype.tsv

# ---------------------------------------------------------------- help, version, usage errors

run "$BIN" --version
expect "--version" rc 0 out '^guanxi [0-9]+\.[0-9]+\.[0-9]+$' noerr
run "$BIN" extract --version
expect "extract --version" rc 0 out '^guanxi [0-9]+\.[0-9]+\.[0-9]+$'
run "$BIN" --help
expect "--help (top level)" rc 0 out '^usage: guanxi COMMAND' out '^  extract ' out '^  mentions ' noerr
run "$BIN" -h
expect "-h (top level)" rc 0 out '^usage: guanxi COMMAND'
run "$BIN" extract --help
expect "extract --help" rc 0 out '^usage: guanxi extract \[OPTIONS\] INPUT' out '--dict PATH' \
    out '--out DIR' out '--format LIST' out '--window W' out 'Exit status' noerr
run "$BIN" mentions -h
expect "mentions -h" rc 0 out '^usage: guanxi mentions \[OPTIONS\] INPUT' out '"start"' noerr
run "$BIN"
expect "no command: exit 2" rc 2 err '^guanxi: error: no command given' noout
run "$BIN" frobnicate x.txt
expect "unknown command: exit 2" rc 2 err '^guanxi: error: unknown command: frobnicate' noout
run "$BIN" extract
expect "extract without INPUT: exit 2" rc 2 err '^guanxi: error: no INPUT given' \
    err "Try 'guanxi extract --help'" noout
run "$BIN" mentions -d d.tsv
expect "mentions without INPUT: exit 2" rc 2 err '^guanxi: error: no INPUT given' noout
run "$BIN" extract --bogus x.txt
expect "unknown option: exit 2" rc 2 err '^guanxi: error: .*option' nofile out
run "$BIN" extract -z x.txt
expect "unknown short option: exit 2" rc 2 err '^guanxi: error: '
run "$BIN" extract -f xml x.txt
expect "bad --format: exit 2" rc 2 err '^guanxi: error: unknown format.*: xml$' nofile out
run "$BIN" extract -f 'json,' x.txt
expect "--format with an empty item: exit 2" rc 2 err '^guanxi: error: unknown format'
run "$BIN" extract --window year x.txt
expect "bad --window: exit 2" rc 2 err '^guanxi: error: unknown window.*: year$'
run "$BIN" extract x.txt -d
expect "-d without argument: exit 2" rc 2 err '^guanxi: error: '

# ---------------------------------------------------------------- input errors

run "$BIN" extract -q -d d.tsv nope.txt -o o_missing
expect "missing input: exit 1 naming it" rc 1 err '^guanxi: error: nope.txt: cannot open' \
    nofile o_missing
printf '张a\xffb' >bad.txt
run "$BIN" mentions -q -d d.tsv bad.txt
expect "invalid UTF-8: exit 1, file and byte offset" rc 1 \
    err '^guanxi: error: bad.txt: invalid UTF-8 at byte 4 [(]not a detectable GB18030' noout
printf '\xef\xbb\xbf\xe5\xbc\xa0\xe4\xb8\x89\r\n\xc3\x28' >badbom.txt
run "$BIN" mentions -q -d d.tsv badbom.txt
expect "invalid UTF-8 after BOM and CRLF: file byte offset" rc 1 \
    err '^guanxi: error: badbom.txt: invalid UTF-8 at byte 11 [(]'
printf '\xed\xa0\x80' >surrogate.txt
run "$BIN" mentions -q -d d.tsv surrogate.txt
expect "UTF-8 encoded surrogate is invalid" rc 1 err 'surrogate.txt: invalid UTF-8 at byte 0 [(]'

# ---------------------------------------------------------------- JSONL

printf '{"id":42,"text":"张三在北京"}\n\n   \n{"text":"李四"}\n{"id":"x/y","text":"清华大学"}\n' >a.jsonl
run "$BIN" mentions -q -d d.tsv a.jsonl
expect "jsonl: numeric id 42 becomes \"42\"" rc 0 \
    out '^\{"doc":"42","start":0,"end":2,"type":"person","text":"张三","entity":"张三","source":"dict"\}$' \
    out '^\{"doc":"42","start":3,"end":5,"type":"place","text":"北京"'
expect "jsonl: missing id is FILE:LINE (file stem, blank lines counted)" rc 0 \
    out '^\{"doc":"a:4","start":0,"end":2,"type":"person","text":"李四"'
expect "jsonl: blank lines skipped, string id kept" true '[ $(wc -l <stdout) = 4 ]' \
    out '^\{"doc":"x/y","start":0,"end":4,"type":"org"'
printf '{"id":1,"text":"张三"}\nnot json\n' >notjson.jsonl
run "$BIN" mentions -q -d d.tsv notjson.jsonl
expect "jsonl: not JSON: exit 1 with file:LINE" rc 1 err '^guanxi: error: notjson.jsonl:2: '
printf '{"id":1,"title":"x"}\n' >notext.jsonl
run "$BIN" mentions -q -d d.tsv notext.jsonl
expect "jsonl: missing \"text\": exit 1" rc 1 err '^guanxi: error: notext.jsonl:1: .*text' noout
printf '{"id":1,"text":7}\n' >numtext.jsonl
run "$BIN" mentions -q -d d.tsv numtext.jsonl
expect "jsonl: \"text\" not a string: exit 1" rc 1 err '^guanxi: error: numtext.jsonl:1: '
printf '{"id":[1],"text":"张三"}\n' >arrid.jsonl
run "$BIN" mentions -q -d d.tsv arrid.jsonl
expect "jsonl: array id: exit 1" rc 1 err '^guanxi: error: arrid.jsonl:1: .*id'
printf '{"id":1,"text":"a"}\n{"id":2,"text":"\xff"}\n' >badutf.jsonl
run "$BIN" mentions -q -d d.tsv badutf.jsonl
expect "jsonl: invalid UTF-8 names line and byte" rc 1 \
    err '^guanxi: error: badutf.jsonl:2: invalid UTF-8 at byte 36 [(]JSONL is read as UTF-8'
printf '\xef\xbb\xbf{"id":"b","text":"张三"}\r\n{"id":"c","text":"北京"}\r\n' >crlf.jsonl
run "$BIN" mentions -q -d d.tsv crlf.jsonl
expect "jsonl: BOM on line 1 and CRLF line ends" rc 0 out '^\{"doc":"b",' out '^\{"doc":"c",'
printf '{"id":"n","text":"张三"} trailing garbage\n' >trailing.jsonl
run "$BIN" mentions -q -d d.tsv trailing.jsonl
expect "jsonl: trailing garbage after the object is an error" rc 1 \
    err '^guanxi: error: trailing.jsonl:1: '
printf '{"id":1234567890123456789,"text":"张三"}\n' >bigid.jsonl
run "$BIN" mentions -q -d d.tsv bigid.jsonl
expect "jsonl: a 19-digit numeric id keeps its digits" rc 0 out '^\{"doc":"1234567890123456789",'
printf '{"id":"z","text":"a\\u0000张三"}\n' >nul.jsonl
run "$BIN" mentions -q -d d.tsv nul.jsonl
expect "jsonl: \\u0000 in text is not silently truncated (error or mention kept)" \
    true '{ [ $RC = 1 ] && grep -q "nul.jsonl:1: " stderr; } || { [ $RC = 0 ] && grep -q "\"start\":2,\"end\":4" stdout; }'

# ---------------------------------------------------------------- stdin

run bash -c "printf '张三 北京' | '$BIN' mentions -q -d d.tsv -"
expect "stdin '-': doc \"-\"" rc 0 out '^\{"doc":"-","start":0,"end":2,' out '^\{"doc":"-","start":3,"end":5,'

# ---------------------------------------------------------------- folders

mkdir -p tree/sub/deeper tree/.hid tree/zz
printf '张三' >tree/b.txt
printf '北京' >tree/a.txt
printf '李四' >tree/sub.txt
printf '张三北京' >tree/sub/c.txt
printf '清华大学' >tree/sub/deeper/d.txt
printf '张三' >tree/.hidden.txt
printf '张三' >tree/.hid/e.txt
printf '张三' >tree/note.md
printf '张三' >tree/upper.TXT
printf '{"id":"j","text":"张三"}\n' >tree/x.jsonl
run "$BIN" mentions -q -d d.tsv tree
expect "folder: ids are relative paths without .txt, sorted by path" rc 0 \
    true '[ "$(sed "s/^{\"doc\":\"\([^\"]*\)\".*/\1/" stdout | tr "\n" " ")" = "a b sub sub/c sub/c sub/deeper/d " ]'
expect "folder: hidden files/folders and non-.txt files skipped" \
    true '! grep -Eq "hidden|\"e\"|note|upper|\"j\"" stdout'
run "$BIN" mentions -q -d d.tsv tree/
expect "folder with trailing slash: same ids" rc 0 out '^\{"doc":"sub/deeper/d"' out '^\{"doc":"a"'
run "$BIN" extract -q -d d.tsv tree -o o_tree
expect "folder: extract counts 5 documents" rc 0 true 'grep -q "<data key=\"g_documents\">5</data>" o_tree/graph.graphml'
mkdir empty
run "$BIN" extract -d d.tsv empty -o o_empty
expect "empty folder: warning, exit 0, empty graph" rc 0 nocrash \
    err '^guanxi: warning: empty: no \.txt files in folder' file o_empty/graph.json \
    true '! grep -q "<node " o_empty/graph.graphml'

mkdir -p loop/a && printf '张三' >loop/a/x.txt && ln -s .. loop/a/up && ln -s x.txt loop/a/link.txt
run timeout 20 "$BIN" mentions -d d.tsv loop
expect "folder: symbolic link loop is skipped with a warning" rc 0 nocrash \
    err '^guanxi: warning: loop/a/up: .*loop' out '^\{"doc":"a/link",' out '^\{"doc":"a/x",'

# ---------------------------------------------------------------- offsets

printf '\xef\xbb\xbf张三\r\n\r\n北京\r\n李\r\n四' >bomcrlf.txt
run "$BIN" mentions -q -d d.tsv bomcrlf.txt
expect "BOM + CRLF: offsets exclude the BOM and count CRs" rc 0 outeq \
'{"doc":"bomcrlf","start":0,"end":2,"type":"person","text":"张三","entity":"张三","source":"dict"}
{"doc":"bomcrlf","start":6,"end":8,"type":"place","text":"北京","entity":"北京","source":"dict"}'
printf 'ＡＢ张三😀北京' >fw.txt
printf 'AB张三\tperson\n' >fw.tsv
run "$BIN" mentions -q -d fw.tsv -d d.tsv fw.txt
expect "full-width surface and emoji: code-point offsets" rc 0 \
    out '^\{"doc":"fw","start":0,"end":4,"type":"person","text":"ＡＢ张三","entity":"AB张三",' \
    out '^\{"doc":"fw","start":5,"end":7,"type":"place","text":"北京",'
run "$BIN" mentions -q -d d.tsv tree
expect "mention lines are JSON objects with the 7 keys in order" rc 0 true \
    "$PY -c 'import json,sys
for l in open(\"stdout\", encoding=\"utf-8\"):
    o = json.loads(l)
    assert list(o) == [\"doc\",\"start\",\"end\",\"type\",\"text\",\"entity\",\"source\"], o
    assert isinstance(o[\"start\"], int) and o[\"start\"] < o[\"end\"]'"

# ---------------------------------------------------------------- dictionaries

printf '张三和北京。' >s.txt
run "$BIN" mentions -q -d malformed.tsv s.txt
expect "dictionary: malformed line: exit 1 with file:LINE" rc 1 \
    err '^guanxi: error: malformed.tsv:2: ' noout
run "$BIN" mentions -q -d badtype.tsv s.txt
expect "dictionary: unknown type: exit 1 with file:LINE" rc 1 \
    err "^guanxi: error: badtype.tsv:3: unknown type 'dragon'"
run "$BIN" extract -q -d nope.tsv s.txt -o o_nodict
expect "dictionary: missing path: exit 1 naming it" rc 1 err '^guanxi: error: nope.tsv: ' \
    nofile o_nodict
run "$BIN" mentions -d d.tsv -d over.tsv s.txt
expect "dictionary: a later -d overrides an earlier one" rc 0 \
    out '"text":"张三","entity":"张三集团"' out '"type":"org"' err 'over.tsv:1: .*replaces'
run "$BIN" mentions -q -d over.tsv -d d.tsv s.txt
expect "dictionary: order of -d decides" rc 0 out '"text":"张三","entity":"张三","source"'
mkdir dd && cp d.tsv dd/1.tsv && cp over.tsv dd/2.tsv && printf 'x\n' >dd/ignored.txt
run "$BIN" mentions -q -d dd s.txt
expect "dictionary folder: *.tsv in name order, other files ignored" rc 0 out '"entity":"张三集团"'
printf '\xe3\x80\x80\tplace\n' >ideospace.tsv
printf ' \xe3\x80\x80 \n' >spaces.txt
run "$BIN" mentions -q -d ideospace.tsv spaces.txt
expect "dictionary: a surface that is only whitespace after NFKC (U+3000) is an error" rc 1 \
    err '^guanxi: error: ideospace.tsv:1: '
run "$BIN" extract -q --window paragraph -d ideospace.tsv spaces.txt -o o_ws
expect "whitespace-only document with mentions, --window paragraph: no crash" nocrash \
    true '[ $RC = 0 ] || grep -q "^guanxi: error: " stderr'
GUANXI_DICTS="$T/over.tsv" run "$BIN" mentions -q s.txt
expect "GUANXI_DICTS is the default dictionary" rc 0 out '"entity":"张三集团"'

# ---------------------------------------------------------------- output folder

touch regular
run "$BIN" extract -q -d d.tsv s.txt -o regular/out
expect "output folder under a regular file: exit 1, nothing written" rc 1 \
    err '^guanxi: error: regular: .*Not a directory' true '[ -f regular ] && [ ! -s regular ]'
run "$BIN" extract -q -d d.tsv s.txt bad.txt -o o_fail
expect "a run failing on its second input writes no output folder" rc 1 nofile o_fail
mkdir -p o_rename/graph.json
run "$BIN" extract -q -d d.tsv s.txt -o o_rename
expect "rename failure: exit 1 naming the file, no temporaries left" rc 1 \
    err '^guanxi: error: o_rename/graph.json: ' true '! ls -A o_rename | grep -q "^\.graph"'
expect "rename failure leaves no partial output (no graph.graphml / graph.dot)" \
    nofile o_rename/graph.graphml nofile o_rename/graph.dot
run "$BIN" extract -q -d d.tsv s.txt -o o_json -f json
expect "-f json writes only graph.json" rc 0 true '[ "$(ls -A o_json)" = graph.json ]'
run "$BIN" extract -q -d d.tsv s.txt -o o_two -f dot,graphml
expect "-f dot,graphml writes those two" rc 0 \
    true '[ "$(ls -A o_two | tr "\n" " ")" = "graph.dot graph.graphml " ]'
run "$BIN" extract -q -d d.tsv s.txt -o o_all/nested/deep/
expect "default formats: all three, nested output folder created" rc 0 noerr \
    file o_all/nested/deep/graph.graphml file o_all/nested/deep/graph.dot \
    file o_all/nested/deep/graph.json true '[ $(ls -A o_all/nested/deep | wc -l) = 3 ]'
mkdir cwd && (cd cwd && run "$BIN" extract -q -d ../d.tsv ../s.txt; echo $RC >rc)
RC=$(cat cwd/rc)
expect "default output folder is ./out" rc 0 file cwd/out/graph.json
run "$BIN" extract s.txt -d d.tsv -o o_perm -q
expect "options after INPUT are accepted" rc 0 file o_perm/graph.json noerr
run "$BIN" extract -d d.tsv s.txt -o o_sum
expect "summary on stderr without -q" rc 0 err '^guanxi: 1 documents' err 'edges +1 \(sentence window\)'
run bash -c "'$BIN' mentions -q -d d.tsv s.txt >/dev/full"
expect "write error on stdout: exit 1 with a message" rc 1 err '^guanxi: error: .*(write|No space)'

# ---------------------------------------------------------------- windows

# s1: 张三 北京 | s2: 清华大学 (same paragraph) | paragraph 2: 李四
printf '张三在北京。清华大学很好。\n\n李四来了。\n' >w.txt
for w in sentence paragraph document; do
    "$BIN" extract -q -d d.tsv --window $w w.txt -o o_$w >/dev/null 2>&1
done
edges() { grep -c '<edge ' "$1/graph.graphml"; }
RC=0
expect "--window: sentence 1 edge, paragraph 3, document 6" \
    true '[ "$(edges o_sentence) $(edges o_paragraph) $(edges o_document)" = "1 3 6" ]' \
    true 'grep -q "<data key=\"g_window\">document</data>" o_document/graph.graphml'
expect "--window document vs sentence: different edge counts in JSON too" true \
    "[ \$($PY -c 'import json;print(len(json.load(open(\"o_sentence/graph.json\"))[\"links\"]))') != \$($PY -c 'import json;print(len(json.load(open(\"o_document/graph.json\"))[\"links\"]))') ]"
printf '张三在北京。张三在北京。\n北京张三。\n' >wt.txt
run "$BIN" extract -q -d d.tsv wt.txt -o o_wt -f json
expect "edge weight = windows shared (3 sentences)" rc 0 \
    true "$PY -c 'import json;l=json.load(open(\"o_wt/graph.json\"))[\"links\"];assert len(l)==1 and l[0][\"count\"]==3 and l[0][\"weight\"]==3 and l[0][\"documents\"]==1'"

# ---------------------------------------------------------------- determinism, temporaries

run "$BIN" extract -q -d d.tsv tree w.txt a.jsonl -o o_det1
run "$BIN" extract -q -d d.tsv tree w.txt a.jsonl -o o_det2
expect "determinism: two runs give byte-identical files" rc 0 \
    true 'cmp -s o_det1/graph.graphml o_det2/graph.graphml' \
    true 'cmp -s o_det1/graph.dot o_det2/graph.dot' true 'cmp -s o_det1/graph.json o_det2/graph.json'
run "$BIN" extract -q -d d.tsv a.jsonl w.txt tree -o o_det3
# input order changes which evidence comes first and each node's first document, nothing else
strip_order() { $PY -c 'import json,sys
g=json.load(open(sys.argv[1]))
for n in g["nodes"]: n.pop("evidence",None); n.pop("first_document",None)
for e in g["links"]: e.pop("evidence",None)
g.pop("edges",None); print(json.dumps(g,sort_keys=True))' "$1"; }
expect "input order changes only evidence order and first documents" rc 0 \
    true '[ "$(strip_order o_det1/graph.json)" = "$(strip_order o_det3/graph.json)" ]'
expect "no temporary files (.graph*) left after success" \
    true '[ -z "$(ls -A o_det1 o_det2 o_json o_all/nested/deep | grep "^\.graph")" ]'
run "$BIN" extract -q -d d.tsv w.txt -o o_det1
expect "rerun over an existing output folder replaces the files" rc 0 \
    true '! cmp -s o_det1/graph.json o_det2/graph.json' true '[ $(ls -A o_det1 | wc -l) = 3 ]'

finish
