#!/bin/bash
# tests/cli/image.sh BIN: dictionary images on the command line: `guanxi dict compile`, -d FILE.gxd
# gives the same mentions and graph as the TSVs it was compiled from (tiny dictionaries, the
# shipped dicts/ on the sample corpus, and a slice of $SHARED/corpus/xwlb when present), -d image
# -d more.tsv and the reverse, and the errors: corrupt, truncated, other version, stale, usage.
set -u
[ $# -eq 1 ] || { echo "usage: tests/cli/image.sh BIN" >&2; exit 2; }
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$(dirname "$HERE")")"
SHARED=${SHARED:-$(dirname "$REPO")/shared}
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_image.XXXXXX")"
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
unset GUANXI_DICTS
pass=0 fail=0
# run CMD...: stdout in out, stderr in err, status in RC.
run() { "$@" >out 2>err; RC=$?; }
check() { # NAME COMMAND...: passes when the command succeeds
    local name=$1; shift
    if "$@" >check.out 2>&1; then pass=$((pass + 1)); echo "ok - $name"
    else
        fail=$((fail + 1)); echo "not ok - $name (exit $RC)"
        sed 's/^/#   /' check.out | head -5; sed 's/^/#   stderr: /' err | head -5
    fi
}
has() { grep -Eq -- "$2" "$1"; } # FILE REGEX
# patch FILE OFFSET HEXBYTE: overwrites one byte in place.
patch() { printf "\\x$3" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none; }

mkdir tiny
printf '张三\tperson\n北京\tplace\n清华大学\torg\n' >tiny/a.tsv
printf '北京大学\torg\n北京\tplace\t北京市\n' >tiny/b.tsv
printf '张三在北京大学和清华大学见到李四。北京很大。\n' >text.txt

# ---------------------------------------------------------------- compile and use

run "$BIN" dict compile tiny -o tiny.gxd
check "compile a folder" [ "$RC" = 0 ]
check "summary names entries, files and the image" \
    has out '^guanxi: compiled 4 dictionary entries from 2 files into tiny.gxd \('
run "$BIN" mentions -q -d tiny text.txt
cp out from_tsv
run "$BIN" mentions -q -d tiny.gxd text.txt
check "-d image: the same mentions as -d folder" [ -s out ] && cmp -s out from_tsv
check "  and some were found" has out '"entity":"北京市"'
run "$BIN" dict compile -q tiny/a.tsv -d tiny/b.tsv -o ab.gxd
check "compile files (PATH and -d), -q prints nothing" [ "$RC" = 0 ] && [ ! -s out ]
run "$BIN" mentions -q -d ab.gxd text.txt
check "  same mentions" [ -s out ] && cmp -s out from_tsv

"$BIN" dict compile -q "$REPO/dicts" -o dicts.gxd
run "$BIN" extract -q -d "$REPO/dicts" "$REPO/tests/corpus" -o g_tsv
run "$BIN" extract -q -d dicts.gxd "$REPO/tests/corpus" -o g_img
check "shipped dicts: the same graph files from the image" [ "$RC" = 0 ] &&
    cmp -s g_tsv/graph.json g_img/graph.json && cmp -s g_tsv/graph.graphml g_img/graph.graphml &&
    cmp -s g_tsv/graph.dot g_img/graph.dot
run "$BIN" extract -d dicts.gxd "$REPO/tests/corpus" -o g_img
check "  and the same summary (entries counted)" has err ' [0-9]+ dictionary entries'
run "$BIN" mentions -q "$REPO/tests/corpus"
cp out default
run "$BIN" mentions -q -d "$REPO/dicts" "$REPO/tests/corpus"
check "default dictionary (image when up to date, else the folder): same mentions" \
    [ -s out ] && cmp -s out default

XWLB=$SHARED/corpus/xwlb/xwlb.jsonl
if [ -f "$XWLB" ]; then
    head -n 400 "$XWLB" >xwlb.jsonl
    run "$BIN" mentions -q -d "$REPO/dicts" xwlb.jsonl
    cp out xwlb_tsv
    run "$BIN" mentions -q -d dicts.gxd xwlb.jsonl
    check "xwlb (first 400 documents): the same mentions from the image" \
        [ -s out ] && cmp -s out xwlb_tsv
else
    echo "skip: xwlb comparison ($XWLB not found)"
fi

# ---------------------------------------------------------------- an image and more TSVs

printf '李四\tperson\n北京\torg\t北京公司\n' >more.tsv
run "$BIN" mentions -q -d tiny.gxd -d more.tsv text.txt
check "-d image -d more.tsv: the TSV adds and replaces" [ "$RC" = 0 ] &&
    has out '"entity":"李四"' && has out '"type":"org","text":"北京","entity":"北京公司"' &&
    has out '"entity":"清华大学"'
run "$BIN" mentions -q -d tiny -d more.tsv text.txt
cp out more_tsv
run "$BIN" mentions -q -d tiny.gxd -d more.tsv text.txt
check "  same bytes as -d tiny -d more.tsv" [ -s out ] && cmp -s out more_tsv
run "$BIN" mentions -q -d more.tsv -d tiny.gxd text.txt
check "-d more.tsv -d image: the image's entries come later and win" [ "$RC" = 0 ] &&
    has out '"entity":"北京市"' && has out '"entity":"李四"'

# ---------------------------------------------------------------- damaged images

cp tiny.gxd bad.gxd
patch bad.gxd 300 5a
run "$BIN" mentions -q -d bad.gxd text.txt
check "a changed byte: exit 1, checksum mismatch naming the file" [ "$RC" = 1 ] &&
    has err '^guanxi: error: bad.gxd: corrupt dictionary image: checksum mismatch$'
head -c 1000 tiny.gxd >bad.gxd
run "$BIN" mentions -q -d bad.gxd text.txt
check "truncated: exit 1" [ "$RC" = 1 ] && has err '^guanxi: error: bad.gxd: truncated dictionary image'
head -c 100 tiny.gxd >bad.gxd
run "$BIN" extract -q -d bad.gxd text.txt -o o_bad
check "truncated inside the header: exit 1, no output" [ "$RC" = 1 ] && has err 'truncated' &&
    [ ! -e o_bad ]
cp tiny.gxd bad.gxd
patch bad.gxd 8 07
run "$BIN" mentions -q -d bad.gxd text.txt
check "another format version: exit 1, says which" [ "$RC" = 1 ] &&
    has err '^guanxi: error: bad.gxd: dictionary image format version 7, this guanxi reads version 1'
printf 'surface\tplace\n' >bad.gxd
run "$BIN" mentions -q -d bad.gxd text.txt
check "a TSV named .gxd: exit 1, no image magic" [ "$RC" = 1 ] && has err 'bad.gxd: .*no image magic'
run "$BIN" mentions -q -d missing.gxd text.txt
check "a missing image: exit 1" [ "$RC" = 1 ] && has err '^guanxi: error: missing.gxd: cannot open'

# ---------------------------------------------------------------- stale images

sleep 0.01
printf '张三\tperson\n北京\tplace\n清华大学\torg\n王五\tperson\n' >tiny/a.tsv
run "$BIN" mentions -q -d tiny.gxd text.txt
check "a source changed: exit 1, stale, naming image and source" [ "$RC" = 1 ] &&
    has err "^guanxi: error: tiny.gxd: stale dictionary image: $T/tiny/a.tsv changed since it was compiled"
run "$BIN" dict compile -q tiny -o tiny.gxd
run "$BIN" mentions -q -d tiny.gxd text.txt
check "compiled again: fresh" [ "$RC" = 0 ]
touch tiny/b.tsv
run "$BIN" mentions -q -d tiny.gxd text.txt
check "a source touched, not changed: fresh" [ "$RC" = 0 ]
printf '赵六\tperson\n' >tiny/c.tsv
run "$BIN" mentions -q -d tiny.gxd text.txt
check "a .tsv added to a source folder: stale" [ "$RC" = 1 ] && has err 'gained or lost .tsv files'
rm tiny/c.tsv
mv tiny gone
run "$BIN" mentions -q -d tiny.gxd text.txt
check "sources gone: the image alone is used" [ "$RC" = 0 ] && has out '"entity":"张三"'
mv gone tiny

# ---------------------------------------------------------------- usage and compile errors

run "$BIN" dict compile
check "dict compile without PATH: exit 2" [ "$RC" = 2 ] && has err '^guanxi: error: no PATH given'
run "$BIN" dict compile tiny
check "dict compile without -o: exit 2" [ "$RC" = 2 ] && has err 'no -o FILE given'
run "$BIN" dict compile --bogus tiny -o x.gxd
check "dict compile --bogus: exit 2" [ "$RC" = 2 ] && has err 'unknown option'
run "$BIN" dict compile --help
check "dict compile --help" [ "$RC" = 0 ] && has out '^usage: guanxi dict compile'
run "$BIN" dict compile tiny.gxd -o y.gxd
check "an image as a source: exit 1" [ "$RC" = 1 ] && has err 'already a dictionary image' &&
    [ ! -e y.gxd ]
printf '张三\tperson\n坏行\n' >broken.tsv
cp tiny.gxd keep.gxd
run "$BIN" dict compile broken.tsv -o keep.gxd
check "a malformed TSV: exit 1 naming file:line, the old image untouched" [ "$RC" = 1 ] &&
    has err '^guanxi: error: broken.tsv:2: ' && cmp -s keep.gxd tiny.gxd &&
    [ -z "$(ls | grep tmp)" ]
run "$BIN" dict compile nope.tsv -o z.gxd
check "a missing source: exit 1" [ "$RC" = 1 ] && has err 'nope.tsv: cannot open' && [ ! -e z.gxd ]
run "$BIN" dict compile tiny -o nodir/x.gxd
check "an unwritable output: exit 1" [ "$RC" = 1 ] && has err '^guanxi: error: nodir/x.gxd: cannot create'

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
