#!/usr/bin/env python3
"""corpora.py - the sized corpora of `make bench`, cut from the news corpus (tests/bench/run.sh).

usage: corpora.py SRC.jsonl OUTDIR MB...

For every MB (e.g. 10 20 40) writes OUTDIR/xwlb_<MB>mb.jsonl: whole documents of SRC, in order,
until their "text" fields add up to at least MB * 10^6 UTF-8 bytes. A size larger than SRC takes
the documents again, with "~2", "~3"... added to their id so ids stay unique. Then writes
OUTDIR/sizes.tsv, one line per corpus (SRC itself as "full"):
    name <TAB> path <TAB> text_bytes <TAB> file_bytes <TAB> documents
text_bytes (sum of the UTF-8 "text" fields) is what the bench divides by to get MB/s.
"""
import json
import os
import sys


def load_docs(src):
    """Every document of SRC as (id, text, original line); blank lines skipped."""
    docs = []
    with open(src, encoding='utf-8') as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            docs.append((str(d.get('id', '')), d['text'], line.rstrip('\n')))
    return docs


def write_sized(docs, path, target_bytes):
    """Write documents until their text reaches target_bytes; return (text_bytes, n_docs)."""
    total = n = 0
    with open(path, 'w', encoding='utf-8') as out:
        rnd = 1
        while total < target_bytes:
            for doc_id, text, line in docs:
                if total >= target_bytes:
                    break
                if rnd == 1:
                    out.write(line + '\n')            # first pass: the source line unchanged
                else:
                    rec = {'id': f'{doc_id}~{rnd}', 'text': text}
                    out.write(json.dumps(rec, ensure_ascii=False) + '\n')
                total += len(text.encode('utf-8'))
                n += 1
            rnd += 1
    return total, n


def main():
    if len(sys.argv) < 4:
        sys.exit('usage: corpora.py SRC.jsonl OUTDIR MB...')
    src, outdir, sizes = sys.argv[1], sys.argv[2], [int(x) for x in sys.argv[3:]]
    docs = load_docs(src)
    if not docs:
        sys.exit(f'corpora.py: {src}: no documents')
    os.makedirs(outdir, exist_ok=True)
    rows = []
    full_bytes = sum(len(t.encode('utf-8')) for _, t, _ in docs)
    rows.append(('full', os.path.abspath(src), full_bytes, os.path.getsize(src), len(docs)))
    for mb in sizes:
        path = os.path.join(outdir, f'xwlb_{mb}mb.jsonl')
        text_bytes, n = write_sized(docs, path, mb * 10**6)
        rows.append((f'{mb}mb', os.path.abspath(path), text_bytes, os.path.getsize(path), n))
    tmp = os.path.join(outdir, 'sizes.tsv.tmp')           # written last: run.sh's up-to-date stamp
    with open(tmp, 'w', encoding='utf-8') as f:
        for r in rows:
            f.write('\t'.join(str(x) for x in r) + '\n')
    os.replace(tmp, os.path.join(outdir, 'sizes.tsv'))


if __name__ == '__main__':
    main()
