#!/usr/bin/env python3
"""table.py - the one markdown table of `make bench` (tests/bench/run.sh).

usage: table.py META GUANXI_RESULTS KIT_RAW

META            key=value lines written by run.sh: machine, date, rev, reps, pin, dict_entries,
                jobs / jobs_mentions (1 when `guanxi extract / mentions --help` lists -j)
GUANXI_RESULTS  RESULT lines of guanxi's own runs (extract, mentions, match_bench)
KIT_RAW         the peer kit's results/raw.txt (run_all.sh); may be missing or empty

Every RESULT line has the kit's common.h form, "RESULT peer=P bytes=B secs=S mbps=M ... rss_kb=K";
a "FAILED peer=P" or "FAILED cmd=..." line marks a run that did not finish. A row shows the median
MB/s over its runs and the largest peak RSS; a row with no result shows n/a.
"""
import re
import statistics
import sys

# The rows, in order. Columns: label, peer name in the RESULT lines, note.
# Peers whose name starts with "guanxi_" come from GUANXI_RESULTS, the others from KIT_RAW.
GUANXI_ROWS = [
    ('guanxi extract -j 1, 10 MB', 'guanxi_extract_10mb_j1', 'end to end: read → graph files'),
    ('guanxi extract -j 1, 20 MB', 'guanxi_extract_20mb_j1', ''),
    ('guanxi extract -j 1, 40 MB', 'guanxi_extract_40mb_j1', 'documents repeated with new ids'),
    ('guanxi extract -j 1, full', 'guanxi_extract_full_j1', 'xwlb.jsonl'),
    ('guanxi extract -j 2, full', 'guanxi_extract_full_j2', ''),
    ('guanxi mentions -j 1, full', 'guanxi_mentions_full_j1', 'up to entity resolution, no graph'),
]
MATCH_ROWS = [
    ('guanxi matcher alone, leftmost-longest', 'guanxi_match', 'match_bench on dict_ent.tsv'),
    ('Hyperscan literal set, leftmost-longest', 'hyperscan_stream_ll', 'streaming, --ll'),
    ('Hyperscan literal set, find-all', 'hyperscan_stream_all', 'streaming'),
    ('pyahocorasick iter_long', 'pyahocorasick_iter_long', 'leftmost-longest'),
    ('pyahocorasick find-all', 'pyahocorasick_findall', ''),
]
IMAGE_ROWS = [
    ('guanxi dictionary image, load', 'guanxi_image_load',
     'open + checksum + bounds checks + stale check + matcher ready, median of 9, page cache warm'),
]
SEGMENTER_ROWS = [
    ('jieba cut', 'jieba_cut', 'Python, HMM on'),
    ('jieba posseg', 'jieba_posseg', 'Python, POS tags (nr/ns/nt = entities)'),
    ('@node-rs/jieba tag', 'noders_tag', 'Node (Rust jieba-rs), POS tags; when installed'),
    ('nodejieba tag', 'nodejieba_tag', 'Node (C++ cppjieba), POS tags; when installed'),
]
FLOOR_ROWS = [
    ('floor: memchr', 'floor_memchr_inmem', 'newline count, file in memory'),
    ('floor: UTF-8 decode', 'floor_utf8_decode', 'validate + decode to code points'),
    ('floor: ICU normalize (NFKC, UTF-16)', 'icu_nfkc_normalize', 'unorm2_normalize'),
    ('floor: ICU normalize (NFKC, UTF-8)', 'icu_nfkc_normalizeUTF8', 'Normalizer2::normalizeUTF8'),
    ('floor: ICU all four', 'icu_pipeline_sum', 'to UTF-16 + NFKC + sentences + to UTF-8'),
]
IMAGE_ROWS_PEERS = {p for _, p, _ in IMAGE_ROWS}
OPTIONAL = {'noders_tag', 'nodejieba_tag'}       # rows left out (not n/a) when absent
MATCHERS = {'guanxi_match', 'hyperscan_stream_ll', 'hyperscan_stream_all',
            'pyahocorasick_iter_long', 'pyahocorasick_findall'}
BIG_DICT_WORDS = 200000                          # kit rows on dict_all.tsv (349k words): skipped


def read_meta(path):
    meta = {}
    with open(path, encoding='utf-8') as f:
        for line in f:
            if '=' in line:
                k, v = line.rstrip('\n').split('=', 1)
                meta[k] = v
    return meta


def read_results(path, runs, failed):
    """Add the RESULT lines of PATH to runs[peer] (a list of dicts); note failed peers."""
    try:
        f = open(path, encoding='utf-8')
    except OSError:
        return
    with f:
        for line in f:
            if line.startswith('FAILED'):
                m = re.search(r'peer=(\S+)', line)      # the kit's FAILED lines name a command
                if m:
                    failed.add(m.group(1))
                continue
            if not line.startswith('RESULT'):
                continue
            kv = dict(re.findall(r'(\w+)=(\S+)', line))
            words = re.search(r'words=(\d+)', kv.get('note', ''))
            if words and int(words.group(1)) > BIG_DICT_WORDS:
                continue
            runs.setdefault(kv['peer'], []).append(kv)


def summarize(rs):
    """(median MB/s, peak RSS MiB or None, input bytes, runs) of one peer's runs."""
    mbps = statistics.median(float(r['mbps']) for r in rs)
    rss = [int(r['rss_kb']) for r in rs if r.get('rss_kb', '').isdigit()]
    return mbps, (max(rss) / 1024 if rss else None), int(rs[0]['bytes']), len(rs)


def fmt_mbps(x):
    return f'{x:,.0f}' if x >= 100 else f'{x:.1f}' if x >= 10 else f'{x:.2f}'


def fmt_ratio(x):
    return f'{x:,.0f}×' if x >= 100 else f'{x:.1f}×' if x >= 10 else f'{x:.2f}×'


def check(ok, text):
    return f'{text} {"✓" if ok else "✗"}'


class Table:
    def __init__(self, meta, runs, failed):
        self.meta, self.runs, self.failed = meta, runs, failed
        self.s = {p: summarize(rs) for p, rs in runs.items()}
        self.posseg = self.mbps('jieba_posseg')
        self.hs_ll = self.mbps('hyperscan_stream_ll')

    def mbps(self, peer):
        return self.s[peer][0] if peer in self.s else None

    def speedup(self):
        j1, j2 = self.mbps('guanxi_extract_full_j1'), self.mbps('guanxi_extract_full_j2')
        return j2 / j1 if j1 and j2 else None

    def target(self, peer, mbps):
        """The issue's target for this row, with ✓ or ✗ (empty when the row has none)."""
        if peer == 'guanxi_extract_full_j1':
            t = [check(mbps >= 120, '≥ 120 MB/s')]
            if self.posseg:
                t.append(check(mbps / self.posseg >= 300, '≥ 300× posseg'))
            return '; '.join(t)
        if peer == 'guanxi_extract_full_j2' and self.speedup():
            return check(self.speedup() >= 1.9, f'≥ 1.9× -j 1 ({self.speedup():.2f}×)')
        if peer == 'guanxi_match' and self.hs_ll:
            return check(mbps / self.hs_ll >= 2, '≥ 2× Hyperscan ll')
        return ''

    def note(self, peer, note):
        if peer == 'guanxi_match' and 'hyperscan_stream_ll' in self.runs:
            mine = self.runs[peer][0].get('items')
            theirs = self.runs['hyperscan_stream_ll'][0].get('items')
            same = 'same as Hyperscan ll' if mine == theirs else f'differs from Hyperscan ll ({theirs})'
            note += f'; {int(mine):,} matches, {same}'
        key = {'guanxi_extract': 'jobs', 'guanxi_mentions': 'jobs_mentions'}.get(
            '_'.join(peer.split('_')[:2]))
        if key and self.meta.get(key) != '1':
            note = (note + '; ' if note else '') + 'no -j in this build: ran without it'
        return note

    def image_row(self, label, peer, note):
        """The image load row: entries and image size as input, milliseconds against 50 ms."""
        r = self.runs[peer][0]
        kv = dict(x.split('=', 1) for x in r.get('note', '').split(',') if '=' in x)
        secs, entries = float(r['secs']), int(r['items'])
        mbps, rss, nbytes, _ = self.s[peer]
        rss_s = f'{rss:,.0f}' if rss is not None else 'n/a'
        more = (f"{secs * 1e3:.1f} ms (fastest {kv.get('min_ms', '?')} ms); without the image: "
                f"TSV load + matcher build {kv.get('tsv_load_build_s', '?')} s; compile "
                f"{float(r.get('setup', 0)):.1f} s; every gx_entry made at once: "
                f"{kv.get('all_entries_ms', '?')} ms (made lazily instead); same hits as from "
                f"the TSV: {kv.get('same_hits', '?')}")
        return (f'| {label} | {entries:,} entries, {nbytes / 1e6:.0f} MB image | {fmt_mbps(mbps)} '
                f'| {rss_s} | | | {check(secs < 0.05, "< 50 ms")} | {note}; {more} |')

    def row(self, label, peer, note):
        if peer in IMAGE_ROWS_PEERS and peer in self.s:
            return self.image_row(label, peer, note)
        if peer not in self.s:
            if peer in OPTIONAL:
                return None
            why = ('failed: see build/bench/logs' if peer in self.failed
                   else 'not run or failed: see build/bench/logs')
            return f'| {label} | n/a | n/a | n/a | | | | {why} |'
        mbps, rss, nbytes, n = self.s[peer]
        src = 'jsonl text' if peer.startswith('guanxi_') and peer != 'guanxi_match' else 'corpus.txt'
        rss_s = f'{rss:,.0f}' if rss is not None else 'n/a'
        x_pos = fmt_ratio(mbps / self.posseg) if self.posseg else 'n/a'
        x_hs = fmt_ratio(mbps / self.hs_ll) if self.hs_ll and peer in MATCHERS else ''
        return (f'| {label} | {nbytes / 1e6:.1f} MB {src} | {fmt_mbps(mbps)} | {rss_s} | {x_pos} '
                f'| {x_hs} | {self.target(peer, mbps)} | {self.note(peer, note)} |')

    def linearity(self):
        pts = [(mb, self.s.get(f'guanxi_extract_{mb}mb_j1')) for mb in (10, 20, 40)]
        pts = [(mb, s) for mb, s in pts if s]
        if len(pts) < 2:
            return 'linearity: n/a (fewer than two sized runs finished)'
        spm = [(mb, 1 / s[0]) for mb, s in pts]             # seconds per MB = 1 / (MB/s)
        rss = [(mb, s[1]) for mb, s in pts]
        line = ('linearity of guanxi extract -j 1: seconds per MB at '
                + ' / '.join(f'{mb} MB {x:.3f}' for mb, x in spm)
                + f' (largest / smallest: {spm[-1][1] / spm[0][1]:.2f}×; 1.00× = linear)')
        if all(r is not None for _, r in rss):
            line += ('; peak RSS ' + ' / '.join(f'{r:,.0f}' for _, r in rss)
                     + f' MiB ({rss[-1][1] / rss[0][1]:.2f}× from {rss[0][0]} to {rss[-1][0]} MB;'
                     ' target: independent of corpus size)')
        return line

    def render(self):
        m = self.meta
        out = [f"guanxi bench, {m.get('date', '?')}: {m.get('machine', '?')}; guanxi "
               f"{m.get('rev', '?')}, dictionaries: {m.get('dict_entries', '?')} entries; "
               f"runs: median of {m.get('reps', '?')} (slow peers: 1 run on a slice); "
               f"pinned to CPU {m.get('pin') or 'none'}",
               '',
               '| run | input | MB/s | peak RSS MiB | × jieba posseg | × Hyperscan ll '
               '| target | notes |',
               '|---|---:|---:|---:|---:|---:|---|---|']
        for rows in (GUANXI_ROWS, MATCH_ROWS, IMAGE_ROWS, SEGMENTER_ROWS, FLOOR_ROWS):
            for label, peer, note in rows:
                r = self.row(label, peer, note)
                if r:
                    out.append(r)
        out.append('')
        sp = self.speedup()
        sp_s = f'{sp:.2f}×' if sp else 'n/a'
        j = '' if m.get('jobs') == '1' else ' (this build has no -j: both runs single-threaded)'
        out.append(f'- -j 2 / -j 1 speedup, guanxi extract on the full corpus: {sp_s} '
                   f'(target ≥ 1.9×){j}')
        out.append('- ' + self.linearity())
        out.append('- MB = 10^6 bytes of UTF-8 input. guanxi extract/mentions: the jsonl "text" '
                   'fields, over the whole process wall clock (dictionary load and writing the '
                   'graph included). Matchers, segmenters and floors: the kit\'s corpus.txt (the '
                   'same texts, one a line), over each program\'s own timed hot loop (setup '
                   'excluded). The matchers use the kit\'s dict_ent.tsv (jieba nr/ns/nt/nz).')
        return '\n'.join(out)


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: table.py META GUANXI_RESULTS KIT_RAW')
    runs, failed = {}, set()
    read_results(sys.argv[2], runs, failed)
    read_results(sys.argv[3], runs, failed)
    print(Table(read_meta(sys.argv[1]), runs, failed).render())


if __name__ == '__main__':
    main()
