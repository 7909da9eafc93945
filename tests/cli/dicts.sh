#!/bin/bash
# tests/cli/dicts.sh BIN: dictionaries on the command line (issue 5): the native format's
# surfaces with spaces, digits, Latin letters and ·; jieba userdicts and HanLP CustomDictionary
# files (--dict-format, detection by file name, HanLP's `FILE TAG`), every malformed kind with
# its file:line; `guanxi dict check` (every lint, exit codes, the count, GX_MAX_CHECK_SHOWN) on
# the fixtures in tests/dicts/, the shipped dicts/ and, when ../shared is there, jieba's own
# dictionary. Prints "ok N - name" / "not ok N - name" and ends with "N passed, N failed".
set -u
[ $# -eq 1 ] || { echo "usage: tests/cli/dicts.sh BIN" >&2; exit 2; }
BIN="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -x "$BIN" ] || { echo "tests/cli/dicts.sh: $1 is not executable" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$(dirname "$HERE")")"
FIX="$REPO/tests/dicts"
SHARED=${SHARED:-$(dirname "$REPO")/shared}
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_dicts.XXXXXX")"
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
unset GUANXI_DICTS

. "$HERE/lib.sh"

# ---------------------------------------------------------------- native format

printf '弗拉基米尔·普京在New York出席G20峰会，住在7天酒店，AT&T赞助。\n' >names.txt
run "$BIN" mentions -q -d "$FIX/native/names.tsv" names.txt
expect "native: a surface with the middle dot" rc 0 out '"text":"弗拉基米尔·普京","entity":"弗拉基米尔·普京"'
expect "native: a surface with a space (an alias)" rc 0 out '"text":"New York","entity":"纽约"'
expect "native: surfaces with digits and Latin letters" rc 0 \
    out '"text":"G20"' out '"text":"7天酒店"' out '"text":"AT&T"'
printf 'Ｎｅｗ　Ｙｏｒｋ的Ｇ２０\n' >fw.txt
run "$BIN" mentions -q -d "$FIX/native/names.tsv" fw.txt
expect "native: full-width text matches after NFKC" rc 0 out '"text":"Ｎｅｗ　Ｙｏｒｋ"' \
    out '"text":"Ｇ２０"'

# ---------------------------------------------------------------- jieba

printf '李小福是创新办主任，郑州明韬实业在金水区开展三会一课。凱特琳也来了台中。\n' >j.txt
run "$BIN" mentions -d "$FIX/jieba/userdict.txt" j.txt
expect "jieba: *.txt is read as a jieba userdict" rc 0 \
    out '"text":"李小福","entity":"李小福","source":"dict"' out '"type":"org","text":"郑州明韬实业"' \
    out '"type":"place","text":"金水区"' out '"type":"program","text":"三会一课"'
expect "jieba: untagged words are skipped with a counted warning" \
    err 'userdict.txt:1: 3 entries skipped: no tag and no default tag'
expect "jieba: unmapped tags are skipped with a counted warning" \
    err "userdict.txt:6: 3 entries skipped: tag 'nz' maps to no entity type" \
    err "userdict.txt:3: 1 entry skipped: tag 'i'" err "userdict.txt:4: 1 entry skipped: tag 'eng'"
expect "jieba: nz words are no entities" true '! grep -q 凱特琳 "$T/stdout"' \
    true '! grep -q 台中 "$T/stdout"'
run "$BIN" mentions --dict-format jieba -d "$FIX/jieba/userdict.txt nr" j.txt
expect "jieba: 'FILE TAG' gives untagged words a type" rc 0 out '"type":"person","text":"台中"' \
    true '! grep -q "no tag" "$T/stderr"'
run "$BIN" mentions -d "$FIX/jieba/userdict.txt nr" j.txt
expect "'FILE TAG' is HanLP's convention: a jieba file needs --dict-format jieba, and is told so" \
    rc 1 err "userdict.txt:1: a number '5' where a tag belongs: is this jieba's order \(word freq tag\)\? read the file with --dict-format jieba"
run "$BIN" extract -q -d "$FIX/jieba/bad.txt" j.txt -o o_bad
expect "jieba: a malformed line is an error with file:line, nothing written" rc 1 \
    err "^guanxi: error: .*jieba/bad.txt:2: frequency 'Trust认证' is not a whole number: expected 'word \[freq\] \[tag\]'; a jieba word cannot contain spaces \(the native format allows them\)$" \
    true '[ ! -e o_bad ]'
run "$BIN" dict check "$FIX/jieba/bad.txt"
expect "jieba: dict check lists every malformed kind" rc 1 \
    err "bad.txt:2: frequency 'Trust认证'" err "bad.txt:3: tag 'NT' is not made of a-z" \
    err "bad.txt:4: 'World' is neither a frequency" err "bad.txt:5: more than 3 fields" \
    err "bad.txt:6: 'ns 100' is HanLP's order" err "bad.txt:7: frequency '1.5'" \
    out '^guanxi: dict check: 1 file, 1 entry: 6 errors, 0 warnings$'
printf '甲 3 nr\n乙\x01 3 nr\n丙\xff 3 nr\n' >hostile.txt
run "$BIN" dict check hostile.txt
expect "jieba: control characters and invalid UTF-8 are errors" rc 1 nocrash \
    err 'hostile.txt:2: control character U\+0001 at byte 3 of the line' \
    err 'hostile.txt:3: invalid UTF-8 at byte 3 of the line'

# ---------------------------------------------------------------- HanLP

printf '郑州明韬实业在金水区。李白和上海。惠济区人民法院、北林路街道党工委、北林路街道院校社区。\n' >h.txt
run "$BIN" mentions -d "$FIX/hanlp/CustomDictionary.txt" h.txt
expect "HanLP: CustomDictionary.txt is read as HanLP" rc 0 \
    out '"type":"org","text":"郑州明韬实业"' out '"type":"place","text":"金水区"' \
    out '"type":"place","text":"李白"' out '"type":"place","text":"上海"' \
    err "CustomDictionary.txt:3: its tags name different entity types: read as place" \
    err "CustomDictionary.txt:5: tag 'ns' has no frequency" \
    err "CustomDictionary.txt:1: 1 entry skipped: tag 'v'"
run "$BIN" mentions -q -d "$FIX/hanlp/机构名词典.txt nt" h.txt
expect "HanLP: 'FILE TAG' (HanLP's per-file default) tags untagged words" rc 0 \
    out '"type":"org","text":"惠济区人民法院"' out '"type":"org","text":"北林路街道党工委"'
run "$BIN" mentions -q -d "$FIX/hanlp/places.csv" h.txt
expect "HanLP: *.csv is HanLP, comma-separated" rc 0 out '"type":"place","text":"北林路街道"' \
    out '"text":"院校社区"'
run "$BIN" mentions -q --dict-format hanlp -d "$FIX/jieba/userdict.txt" h.txt
expect "--dict-format hanlp on a jieba file: an error naming the line, no guess" rc 1 \
    err "userdict.txt:1: a number '5' where a tag belongs"
run "$BIN" mentions -q --dict-format jieba -d "$FIX/hanlp/CustomDictionary.txt" h.txt
expect "--dict-format jieba on a HanLP file: the error says so" rc 1 \
    err "CustomDictionary.txt:1: 'v 1' is HanLP's order \(word tag freq\), jieba's is word freq tag: read the file with --dict-format hanlp"

# ---------------------------------------------------------------- --dict-format

printf '张三\tperson\n' >n.tsv
printf '李四 nr 5\n' >hl.txt
printf '王五 5 nr\n' >jb.txt
printf '张三、李四、王五\n' >s.txt
run "$BIN" mentions -q -d n.tsv --dict-format hanlp -d hl.txt --dict-format auto -d jb.txt s.txt
expect "--dict-format applies to the -d paths after it, auto restores detection" rc 0 \
    out '"text":"张三"' out '"text":"李四"' out '"text":"王五"'
run "$BIN" mentions -q --dict-format native -d n.tsv -d hl.txt s.txt
expect "--dict-format native on a .txt reads it as native" rc 1 \
    err 'hl.txt:1: expected 2 to 4 tab-separated fields, got 1'
run "$BIN" mentions -q -d n.tsv --dict-format jieba s.txt
expect "--dict-format after the last -d: usage error" rc 2 \
    err '^guanxi: error: --dict-format applies to the dictionary paths after it; none follows$'
run "$BIN" mentions -q --dict-format HanLP -d n.tsv s.txt
expect "--dict-format with an unknown format: usage error" rc 2 \
    err '^guanxi: error: --dict-format needs native, jieba, hanlp or auto: HanLP$'
run "$BIN" mentions --help
expect "--help lists --dict-format" rc 0 out '--dict-format F native \| jieba \| hanlp \| auto'
mkdir -p mixed && cp n.tsv mixed/a.tsv && cp jb.txt mixed/b.txt
run "$BIN" mentions -q -d mixed s.txt
expect "a folder loads its *.tsv only" rc 0 out '"text":"张三"' true '! grep -q 王五 "$T/stdout"'
run "$BIN" mentions -q --dict-format jieba -d mixed s.txt
expect "a folder with --dict-format jieba loads its *.txt" rc 0 out '"text":"王五"' \
    true '! grep -q 张三 "$T/stdout"'
run "$BIN" eval "$REPO/tests/eval/gold.jsonl" --dict-format jieba -d jb.txt
expect "eval takes --dict-format too" nocrash true '[ "$RC" -ne 2 ]' \
    true '! grep -q "error: .*jb.txt" "$T/stderr"'

# ---------------------------------------------------------------- guanxi dict check

(cd "$FIX" && "$BIN" dict check lint/a.tsv lint/b.tsv lint/c.txt --dict-format hanlp lint/d.txt \
    >"$T/stdout" 2>"$T/stderr")
RC=$?
expect "dict check: every lint, in order, as tests/dicts/lint/expected.txt" rc 1 \
    true 'diff "$FIX/lint/expected.txt" "$T/stderr" >&2' \
    out '^guanxi: dict check: 4 files, 33 entries: 7 errors, 23 warnings$'
printf 'ok\tplace\n隐\xe2\x80\x8b形\tplace\n坏\x01\tplace\n' >inv.tsv
run "$BIN" dict check inv.tsv
expect "dict check: invisible characters warn, control characters are errors" rc 1 \
    err 'inv.tsv:2: invisible character U\+200B at byte 3 of the line' \
    err 'inv.tsv:3: control character U\+0001 at byte 3 of the line'
printf 'ok\tplace\n' >good.tsv
run "$BIN" dict check good.tsv
expect "dict check: a clean file: exit 0, the count on stdout" rc 0 noerr \
    out '^guanxi: dict check: 1 file, 1 entry: 0 errors, 0 warnings$'
printf 'ok\tplace\nok\tplace\n' >dup.tsv
run "$BIN" dict check -q dup.tsv
expect "dict check: warnings only: exit 0; -q: no count" rc 0 noout err 'dup.tsv:2: .*\(duplicate\)'
run "$BIN" dict check good.tsv nothere.tsv
expect "dict check: a missing path: exit 1, naming it" rc 1 \
    err '^guanxi: error: nothere.tsv: cannot open dictionary' out '1 file, 1 entry: 1 error,'
run "$BIN" dict check
expect "dict check: no PATH: usage error" rc 2 err '^guanxi: error: no PATH given$'
run "$BIN" dict lint x.tsv
expect "dict: unknown subcommand: usage error" rc 2 err 'unknown dict command.*: lint$'
run "$BIN" dict check --help
expect "dict check --help" rc 0 out '^usage: guanxi dict check \[OPTIONS\] PATH\.\.\.' \
    out '--dict-format F'
run "$BIN" --help
expect "top-level help lists dict" rc 0 out '^  dict +check dictionaries'

# GX_MAX_CHECK_SHOWN (10000): dict check prints that many warnings one by one, then counts
{ for i in $(seq 0 10001); do printf '重复\tplace\n'; done; } >many.tsv
run "$BIN" dict check many.tsv
expect "dict check: GX_MAX_CHECK_SHOWN warnings shown, the rest counted" rc 0 \
    true '[ "$(grep -c "^guanxi: warning:" "$T/stderr")" -eq 10000 ]' \
    err '^guanxi: 1 more warnings not shown \(10001 in all\)$'
{ for i in $(seq 0 15); do printf '重复\tplace\n重复\torg\n'; done; } >flip.tsv
run "$BIN" mentions -q -d flip.tsv s.txt
expect "loading still prints GX_MAX_WARNINGS_SHOWN (20), then counts" rc 0 \
    true '[ "$(grep -c "^guanxi: warning:" "$T/stderr")" -eq 20 ]' \
    err '^guanxi: 11 more warnings not shown \(31 in all\)$'

run "$BIN" dict check "$REPO/dicts"
expect "dict check: the shipped dicts/ are clean" rc 0 \
    out '^guanxi: dict check: [0-9]+ files, [0-9]+ entries: 0 errors, 0 warnings$'

# ---------------------------------------------------------------- jieba's own dictionary

JIEBA="$SHARED/gazetteers/jieba/jieba_dict.txt"
if [ -f "$JIEBA" ]; then
    run "$BIN" dict check "$JIEBA"
    expect "jieba's dictionary (349,046 lines): no error, 101,686 entities, skipped tags counted" \
        rc 0 out '1 file, 101686 entries: 0 errors' \
        err "jieba_dict.txt:2: 117903 entries skipped: tag 'n' maps to no entity type"
    printf '毛泽东和周恩来在北京。\n' >p.txt
    run "$BIN" mentions -q -d "$REPO/dicts" -d "$JIEBA" p.txt
    expect "jieba's dictionary loads beside dicts/" rc 0 out '"type":"person","text":"毛泽东"'
else
    echo "skip: jieba's dictionary ($JIEBA not found)"
fi

finish
