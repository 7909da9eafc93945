#!/bin/bash
# tests/bench/run.sh GUANXI BENCHBIN: the benchmark of `make bench`. Prints one markdown table of
# guanxi and its peers, all run on the same machine in one go, and writes it to build/bench/table.md.
#
#   GUANXI    the release binary (build/guanxi)
#   BENCHBIN  the folder of tests/bench/*.c binaries (build/release/bench), for match_bench
#
#   1. guanxi extract -q -j 1 on ~10, 20 and 40 MB cuts of $SHARED/corpus/xwlb/xwlb.jsonl and on
#      the whole file, -j 2 on the whole file, guanxi mentions on the whole file: wall clock and
#      peak RSS (/usr/bin/time -v) of the whole process
#   2. BENCHBIN/match_bench (guanxi's matcher alone) on the peer kit's dict_ent.tsv and corpus.txt;
#      BENCHBIN/image_bench: load time of a 1,000,000-entry dictionary image (jieba's words)
#   3. the peer kit $SHARED/bench (Hyperscan, pyahocorasick, jieba, floors; node ports when
#      installed), copied to build/bench/kit and run there with its run_all.sh
#   4. tests/bench/table.py: the table, with ratios to jieba posseg and Hyperscan, the -j speedup
#      and the linearity over 10/20/40 MB
#
# Nothing is written into $SHARED (default ../shared beside the repository). Without the corpus
# or the kit, prints "skipped: ..." and exits 0. A peer that cannot run shows n/a.
# Env: REPS (runs per guanxi row and per C peer; median; default 3), PIN (CPU id for the
#      single-threaded runs, optional). Whole run: about 10 minutes on 2 cores.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: tests/bench/run.sh GUANXI BENCHBIN" >&2
    exit 2
fi
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(dirname "$(dirname "$HERE")")"
GX="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
BENCHBIN="$(cd "$2" 2>/dev/null && pwd || echo "$2")"
SHARED=${SHARED:-$(dirname "$REPO")/shared}
XWLB=$SHARED/corpus/xwlb/xwlb.jsonl
KIT_SRC=$SHARED/bench
REPS=${REPS:-3}
PIN=${PIN:-}
SIZES=(10 20 40)                  # MB of text in the sized corpora (40 > the corpus: repeats)

OUT=$REPO/build/bench             # everything the bench writes
KIT=$OUT/kit                      # the copy of the peer kit
DATA=$OUT/data                    # the sized corpora and sizes.tsv
LOGS=$OUT/logs
RES=$OUT/results.txt              # RESULT lines of guanxi's runs and of match_bench
META=$OUT/meta.txt                # machine and build facts for the table's header

log() { echo "bench: $*" >&2; }

# ---------------------------------------------------------------- preparation

# Exits 0 with one line when the corpus or the kit is missing: the bench needs both.
skip_if_absent() {
    local what
    for what in "$XWLB" "$KIT_SRC"; do
        if [ ! -e "$what" ]; then
            echo "skipped: $what absent"
            exit 0
        fi
    done
    [ -x "$GX" ] || { echo "tests/bench/run.sh: $GX is not executable (make first)" >&2; exit 2; }
    [[ $REPS =~ ^[1-9][0-9]*$ ]] || { echo "tests/bench/run.sh: REPS must be >= 1" >&2; exit 2; }
}

# Copies the kit to $KIT (its files are read-only in $SHARED; the copy must be writable). What the
# kit made before (bin/, node/, corpus.txt) stays, so a second run rebuilds nothing. The kit reads
# ../corpus and ../gazetteers, so those are links to $SHARED's, read only.
copy_kit() {
    mkdir -p "$KIT" "$DATA" "$LOGS"
    chmod -R u+w "$KIT"
    if command -v rsync >/dev/null 2>&1; then
        rsync -a "$KIT_SRC/" "$KIT/"
    else
        cp -R --preserve=timestamps "$KIT_SRC/." "$KIT/"
    fi
    chmod -R u+w "$KIT"
    ln -sfn "$SHARED/corpus" "$OUT/corpus"
    ln -sfn "$SHARED/gazetteers" "$OUT/gazetteers"
}

# guanxi's corpora: ~10/20/40 MB jsonl cuts plus sizes.tsv (made again when xwlb.jsonl changes).
make_corpora() {
    if [ ! -f "$DATA/sizes.tsv" ] || [ "$XWLB" -nt "$DATA/sizes.tsv" ]; then
        log "cutting ${SIZES[*]} MB corpora from $XWLB"
        python3 "$HERE/corpora.py" "$XWLB" "$DATA" "${SIZES[@]}"
    fi
    head -n 1 "$XWLB" > "$DATA/one.jsonl"
}

# The kit's corpus.txt and dict_*.tsv (its make_corpus.sh, run inside the copy).
make_kit_corpus() {
    if [ ! -f "$KIT/corpus.txt" ] || [ ! -f "$KIT/dict_ent.tsv" ] || [ "$XWLB" -nt "$KIT/corpus.txt" ]; then
        log "making the kit's corpus.txt and dict_ent.tsv"
        (cd "$KIT" && ./make_corpus.sh) > "$LOGS/make_corpus.log" 2>&1 ||
            log "make_corpus.sh failed (see $LOGS/make_corpus.log): the matcher and peer rows show n/a"
    fi
}

# True when every non-node peer (floors, ICU, Hyperscan, pyahocorasick, jieba) can be built and run.
peers_ready() {
    [ -x /usr/bin/time ] && command -v g++ >/dev/null 2>&1 &&
        pkg-config --exists icu-uc icu-i18n libhs 2>/dev/null &&
        /usr/bin/python3 -c 'import jieba, ahocorasick' 2>/dev/null
}

# Runs the kit's setup.sh (Debian packages, npm modules) only when a prerequisite is missing.
ensure_peers() {
    peers_ready && return 0
    if [ "$(id -u)" -ne 0 ]; then
        log "peer prerequisites missing; as root run: $KIT/setup.sh (rows of missing peers show n/a)"
        return 0
    fi
    log "installing the peers' prerequisites with the kit's setup.sh (log: $LOGS/setup.log)"
    (cd "$KIT" && ./setup.sh) > "$LOGS/setup.log" 2>&1 ||
        log "setup.sh failed (see $LOGS/setup.log): peers that still cannot run show n/a"
}

# "1" when `guanxi COMMAND --help` lists -j (being added; without it runs are single-threaded).
has_jobs() {
    local help
    help=$("$GX" "$1" --help 2>&1 || true)
    grep -Eq -- '(^|[[:space:],])-j([[:space:],=]|$)|--jobs' <<< "$help" && echo 1 || echo 0
}

# The table's header facts: machine, date, guanxi's revision and dictionary size.
write_meta() {
    local cpu cores mem rev entries
    cpu=$(awk -F': *' '/^model name/{print $2; exit}' /proc/cpuinfo)
    cores=$(nproc)
    mem=$(awk '/^MemTotal/{printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
    rev=$(GIT_OPTIONAL_LOCKS=0 git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown)
    GIT_OPTIONAL_LOCKS=0 git -C "$REPO" diff --quiet HEAD 2>/dev/null || rev="$rev+changes"
    entries=$("$GX" extract -f json "$DATA/one.jsonl" -o "$OUT/out" 2>&1 || true)
    entries=$(sed -n 's/.* \([0-9][0-9]*\) dictionary entries.*/\1/p' <<< "$entries" | head -n 1)
    {
        echo "machine=${cpu:-unknown CPU}, $cores cores, $mem, $(uname -sr)"
        echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "rev=$rev"
        echo "dict_entries=${entries:-?}"
        echo "reps=$REPS"
        echo "pin=$PIN"
        echo "jobs=$JOBS"
        echo "jobs_mentions=$JOBS_MENTIONS"
    } > "$META"
}

# ---------------------------------------------------------------- guanxi's own runs

# measure PEER BYTES PINNED CMD...: runs CMD once under /usr/bin/time -v (stdout discarded) and
# appends "RESULT peer=PEER bytes=BYTES secs=WALL mbps=... rss_kb=..." to $RES, or a FAILED line.
# PINNED=1 runs it under taskset -c $PIN when PIN is set.
measure() {
    local peer=$1 bytes=$2 pinned=$3 tv wall rss mbps
    shift 3
    local pre=()
    [ "$pinned" = 1 ] && [ -n "$PIN" ] && pre=(taskset -c "$PIN")
    tv="$LOGS/time.txt"
    if ! "${pre[@]}" /usr/bin/time -v -o "$tv" "$@" > /dev/null 2> "$LOGS/$peer.err"; then
        log "$peer FAILED: $*"
        tail -n 3 "$LOGS/$peer.err" >&2
        echo "FAILED peer=$peer cmd=$*" >> "$RES"
        return 0
    fi
    # "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:14.05" -> seconds
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n = split($2, a, ":"); s = 0;
                        for (i = 1; i <= n; i++) s = s * 60 + a[i]; print s}' "$tv")
    rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$tv")
    mbps=$(awk -v b="$bytes" -v s="$wall" 'BEGIN{printf "%.3f", (s > 0 ? b / s / 1e6 : 0)}')
    echo "RESULT peer=$peer bytes=$bytes secs=$wall mbps=$mbps setup=0 items=0 note=- rss_kb=$rss" >> "$RES"
    log "$peer: $wall s, $mbps MB/s, $((rss / 1024)) MiB"
}

# corpus NAME FIELD: a field of sizes.tsv (2 path, 3 text bytes) for full / 10mb / 20mb / 40mb.
corpus() { awk -F'\t' -v n="$1" -v f="$2" '$1 == n {print $f}' "$DATA/sizes.tsv"; }

# Every guanxi row, REPS times, one round of all rows after another (so that a slow moment of
# a shared machine spreads over the rows instead of hitting one).
run_guanxi() {
    local j1=() j2=() m1=() rep size
    [ "$JOBS" = 1 ] && j1=(-j 1) && j2=(-j 2)
    [ "$JOBS_MENTIONS" = 1 ] && m1=(-j 1)
    for size in "${SIZES[@]/%/mb}" full; do cat "$(corpus "$size" 2)" > /dev/null; done
    for ((rep = 1; rep <= REPS; rep++)); do
        log "guanxi, round $rep of $REPS"
        for size in "${SIZES[@]/%/mb}" full; do
            measure "guanxi_extract_${size}_j1" "$(corpus "$size" 3)" 1 \
                "$GX" extract -q "${j1[@]}" "$(corpus "$size" 2)" -o "$OUT/out"
        done
        measure guanxi_extract_full_j2 "$(corpus full 3)" 0 \
            "$GX" extract -q "${j2[@]}" "$(corpus full 2)" -o "$OUT/out"
        measure guanxi_mentions_full_j1 "$(corpus full 3)" 1 \
            "$GX" mentions -q "${m1[@]}" "$(corpus full 2)"
    done
    rm -rf "$OUT/out"
}

# run_result PEER REPS CMD...: a program that prints its own RESULT line (the kit's common.h form);
# rss_kb from /usr/bin/time -v is appended. A failure appends a FAILED line.
run_result() {
    local peer=$1 reps=$2 rep out rss
    shift 2
    local pre=()
    [ -n "$PIN" ] && pre=(taskset -c "$PIN")
    for ((rep = 1; rep <= reps; rep++)); do
        if ! out=$("${pre[@]}" /usr/bin/time -v -o "$LOGS/time.txt" "$@" 2> "$LOGS/$peer.err") ||
            ! grep -q '^RESULT' <<< "$out"; then
            log "$peer FAILED: $*"
            tail -n 3 "$LOGS/$peer.err" >&2
            echo "FAILED peer=$peer cmd=$*" >> "$RES"
            return 0
        fi
        rss=$(awk -F': ' '/Maximum resident set size/{print $2}' "$LOGS/time.txt")
        grep '^RESULT' <<< "$out" | sed "s/\$/ rss_kb=$rss/" >> "$RES"
        log "$(grep -m 1 '^RESULT' <<< "$out" | cut -c 1-100)"
    done
}

# guanxi's matcher alone, on the same terms and text as the Hyperscan rows.
run_match_bench() {
    if [ ! -x "$BENCHBIN/match_bench" ]; then
        log "no $BENCHBIN/match_bench: the matcher row shows n/a"
        return 0
    fi
    if [ ! -f "$KIT/dict_ent.tsv" ] || [ ! -f "$KIT/corpus.txt" ]; then
        log "no kit corpus: the matcher row shows n/a"
        return 0
    fi
    log "match_bench, $REPS runs"
    run_result guanxi_match "$REPS" "$BENCHBIN/match_bench" "$KIT/dict_ent.tsv" "$KIT/corpus.txt"
}

# guanxi's dictionary images: ~1,000,000 entries made from jieba's words, compiled once, then the
# time until a run could scan (open, checksum, bounds checks, stale check, matcher): < 50 ms.
run_image_bench() {
    local words=$SHARED/gazetteers/jieba/jieba_dict.txt
    if [ ! -x "$BENCHBIN/image_bench" ] || [ ! -f "$words" ]; then
        log "no $BENCHBIN/image_bench or no $words: the image row shows n/a"
        return 0
    fi
    log "image_bench: 1,000,000 entries (compile once, then 9 loads)"
    run_result guanxi_image_load 1 "$BENCHBIN/image_bench" "$words" "$DATA" 1000000
}

# ---------------------------------------------------------------- peers

# The kit's run_all.sh with the groups that can run: results in $KIT/results/raw.txt.
run_peers() {
    local groups="floor icu hs pyac jieba"
    mkdir -p "$KIT/results"
    : > "$KIT/results/raw.txt"               # no stale rows when run_all.sh stops early
    if [ ! -f "$KIT/corpus.txt" ]; then
        log "no kit corpus: the peer rows show n/a"
        return 0
    fi
    if command -v node > /dev/null 2>&1 &&
        { [ -d "$KIT/node/node_modules/@node-rs/jieba" ] ||
          [ -f "$KIT/node/node_modules/nodejieba/build/Release/nodejieba.node" ]; }; then
        groups="$groups node"
    fi
    log "peers ($groups) with the kit's run_all.sh, REPS=$REPS (log: $LOGS/peers.log)"
    (cd "$KIT" && REPS=$REPS REPS_HS=$REPS PIN=$PIN ONLY="$groups" ./run_all.sh) \
        > "$LOGS/peers.log" 2>&1 ||
        log "run_all.sh failed (see $LOGS/peers.log): the rows it did not fill show n/a"
}

# ---------------------------------------------------------------- main

skip_if_absent
copy_kit
make_corpora
make_kit_corpus
ensure_peers
[ -x /usr/bin/time ] || { echo "tests/bench/run.sh: needs /usr/bin/time (Debian: time)" >&2; exit 1; }
JOBS=$(has_jobs extract)
JOBS_MENTIONS=$(has_jobs mentions)
[ "$JOBS" = 1 ] || log "guanxi extract --help lists no -j: every guanxi run is single-threaded"
write_meta
: > "$RES"
run_guanxi
run_match_bench
run_image_bench
run_peers
python3 "$HERE/table.py" "$META" "$RES" "$KIT/results/raw.txt" > "$OUT/table.md"
echo
cat "$OUT/table.md"
