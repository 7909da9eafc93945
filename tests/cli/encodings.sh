#!/bin/bash
# tests/cli/encodings.sh BIN: --encoding (auto detection and explicit), --lossy and --t2s on the
# fixtures in tests/encoding/ (see its README). A text read in any encoding must give the
# mentions of its UTF-8 original, with offsets in code points of the decoded text.
set -u
BIN=$1
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
E="$(dirname "$HERE")/encoding"
T="$(mktemp -d "${TMPDIR:-/tmp}/gx_enc.XXXXXX")"
trap 'rm -rf "$T"' EXIT
. "$HERE/lib.sh"
# mentions of FILE without the doc field (ids differ by file name)
spans() { "$BIN" mentions -q "$@" 2>/dev/null | sed 's/^{"doc":"[^"]*",//'; }

spans "$E/simp_utf8.txt" >"$T/ref"
check "the reference text has mentions" test -s "$T/ref"
for f in simp_gb18030 simp_utf16_bom simp_utf16le; do
    spans "$E/$f.txt" >"$T/$f"
    check "auto: $f gives the mentions of the UTF-8 text" cmp "$T/ref" "$T/$f"
done
"$BIN" mentions "$E/simp_gb18030.txt" 2>"$T/gb.err" >/dev/null
check "auto says what it detected" grep -q 'simp_gb18030.txt: not UTF-8; read as gb18030 (detected' "$T/gb.err"
"$BIN" mentions "$E/simp_utf16_bom.txt" 2>"$T/bom.err" >/dev/null
check "a byte order mark needs no detection (no warning)" bash -c "! grep -q 'warning' '$T/bom.err'"
spans --encoding gb18030 "$E/simp_gb18030.txt" >"$T/gbx"
check "--encoding gb18030" cmp "$T/ref" "$T/gbx"
"$BIN" mentions --encoding gb18030 "$E/simp_gb18030.txt" 2>"$T/gbx.err" >/dev/null
check "an encoding given is not reported as detected" bash -c "! grep -q 'detected' '$T/gbx.err'"
spans --encoding gbk "$E/simp_gb18030.txt" >"$T/gbk"
check "--encoding gbk reads it too" cmp "$T/ref" "$T/gbk"
spans --encoding utf-16 "$E/simp_utf16_bom.txt" >"$T/u16"
check "--encoding utf-16 with a BOM" cmp "$T/ref" "$T/u16"
spans --encoding UTF-16LE "$E/simp_utf16le.txt" >"$T/u16le"
check "--encoding UTF-16LE (any case) without a BOM" cmp "$T/ref" "$T/u16le"
spans --encoding gb18030 "$E/lines_gb18030.jsonl" >"$T/jsonl"
check "--encoding applies to every JSONL line" test "$(wc -l <"$T/jsonl")" -eq "$(wc -l <"$T/ref")"
"$BIN" mentions -q "$E/lines_gb18030.jsonl" >/dev/null 2>"$T/jsonl.err"; rc=$?
check "a GB18030 JSONL without --encoding is an error (JSONL is UTF-8)" test "$rc" = 1
check "  naming the line and pointing at --encoding" grep -q 'lines_gb18030.jsonl:1: invalid UTF-8 at byte [0-9]* (JSONL is read as UTF-8 unless --encoding' "$T/jsonl.err"

# ---------------------------------------------------------------- Big5, traditional, --t2s
spans "$E/trad_utf8.txt" >"$T/trad"
spans "$E/trad_big5.txt" >"$T/big5"
check "auto: Big5 gives the mentions of the UTF-8 text" cmp "$T/trad" "$T/big5"
spans --t2s "$E/trad_big5.txt" >"$T/t2s"
check "--t2s finds simplified dictionary entities in traditional text" \
    grep -q '"text":"鄭州市金水區委","entity":"郑州市金水区委"' "$T/t2s"
check "  and the person after the title" grep -q '"text":"陳紅民","entity":"陈红民"' "$T/t2s"
check "  with more mentions than without it" test "$(wc -l <"$T/t2s")" -gt "$(wc -l <"$T/big5")"
check "  and offsets of the original text" bash -c "
    python3 - '$E/trad_utf8.txt' '$T/t2s' <<'EOF'
import json, sys
text = open(sys.argv[1], encoding='utf-8').read()
for line in open(sys.argv[2]):
    m = json.loads('{' + line)
    assert text[m['start']:m['end']] == m['text'], m
EOF"

# ---------------------------------------------------------------- bad bytes
"$BIN" mentions -q "$E/bad_utf8.txt" >/dev/null 2>"$T/bad.err"; rc=$?
check "invalid UTF-8 is an error (status 1)" test "$rc" = 1
check "  naming the file and byte offset" grep -q 'bad_utf8.txt: invalid UTF-8 at byte 58' "$T/bad.err"
"$BIN" mentions -q --lossy "$E/bad_utf8.txt" >"$T/lossy.out" 2>"$T/lossy.err"; rc=$?
check "--lossy reads it (status 0)" test "$rc" = 0
check "  and counts what it replaced" grep -q 'bad_utf8.txt: [0-9]* invalid byte sequences replaced by U+FFFD (--lossy)' "$T/lossy.err"
check "  still finding mentions" test -s "$T/lossy.out"
"$BIN" mentions -q --encoding big5 "$E/bad_big5.txt" >/dev/null 2>"$T/b5.err"; rc=$?
check "an invalid Big5 pair is an error" test "$rc" = 1
check "  naming its byte offset" grep -q 'bad_big5.txt: invalid big5 at byte 30' "$T/b5.err"
"$BIN" mentions -q --encoding big5 --lossy "$E/bad_big5.txt" >/dev/null 2>"$T/b5l.err"; rc=$?
check "--lossy also for Big5" bash -c "test $rc = 0 && grep -q 'replaced by U+FFFD' '$T/b5l.err'"
"$BIN" mentions -q "$E/binary.dat.txt" >/dev/null 2>"$T/bin.err"; rc=$?
check "random bytes are not taken for Chinese" test "$rc" = 1
check "  the message says no encoding fits" grep -q 'not a detectable GB18030, Big5 or UTF-16 text' "$T/bin.err"
"$BIN" mentions --encoding latin9 "$E/simp_utf8.txt" >/dev/null 2>"$T/usage.err"; rc=$?
check "an unknown encoding is a usage error" test "$rc" = 2
check "  listing the choices" grep -q 'gb18030' "$T/usage.err"
"$BIN" mentions -q --encoding utf-8 "$E/simp_gb18030.txt" >/dev/null 2>&1; rc=$?
check "--encoding utf-8 is strict (no detection)" test "$rc" = 1

finish
