#!/usr/bin/env python3
"""tests/fuzz/seeds.py [OUT]: writes the hand-made seed inputs of the fuzz targets to
OUT/<target>/ (default tests/fuzz/corpus): Chinese text from tests/corpus and tests/golden,
dictionary lines from the heads of dicts/*.tsv, and hostile samples (BOM, CRLF, lone CR, U+FFFE,
C0 controls, invalid UTF-8, surrogates encoded as UTF-8, overlong forms, very long lines,
full-width forms, NFKC expansions). Seeds are named seed-<name>; `make fuzz-merge` keeps those
that add coverage. The formats of the inputs are described at the top of each fuzz_<target>.c."""
import glob
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "tests/fuzz/corpus")


def rd(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return f.read()


def put(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def corpus_snippets():
    """Two paragraphs of about 600 bytes from each file of tests/corpus, cut at line ends."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/corpus/*.txt"))):
        text = open(path, "rb").read()
        for start in (0, len(text) // 2):
            cut = text.find(b"\n", start) + 1 if start else 0
            end = text.find(b"\n", cut + 600)
            out.append(text[cut:end if end > 0 else cut + 600])
    return out


U = lambda s: s.encode("utf-8")
HOSTILE = {
    "bom": b"\xef\xbb\xbf" + U("张三在北京。"),
    "bom_only": b"\xef\xbb\xbf",
    "double_bom": b"\xef\xbb\xbf\xef\xbb\xbf" + U("北京"),
    "crlf": U("北京大学\r\n的师生\r\n代表。\r\n"),
    "lone_cr": U("北京\r大学\r\r。"),
    "fffe": U("北京\ufffe大学\uffff。"),
    "c0": b"\x00\x01\x02\x07\x08\x0b\x0c\x1b\x1f" + U("北京\x00大学\x7f\u0085。\u2028\u2029"),
    "invalid": b"\xff\xfe" + U("北京") + b"\xc0\x80\xe4\xb8" + U("大学") + b"\x80\xbf",
    "truncated": U("北京大") + b"\xe5\xad",
    "surrogate_utf8": U("北京") + b"\xed\xa0\x80\xed\xb0\x80" + U("大学"),
    "overlong": b"\xe0\x80\xaf\xf0\x80\x80\xaf\xc1\xbf",
    "too_big": b"\xf4\x90\x80\x80\xf5\x80\x80\x80",
    "max_cp": U("\U0010ffff\U0001f600\U00020000\U0002a6d6"),
    "fullwidth": U("ＡＢＣ公司（郑州市）发布了「２０２４计划」！　全角空格　"),
    "nfkc_expand": U("\ufdfa\ufdfb\u3300\u33ff\u2474\u00bd\ufb01e\u1e9b\u0323"),
    "combining": U("a" + "\u0301" * 40 + "北" + "\u0300\u0316" * 20),
    "long_line": U("以优化提升党群服务亮点工程为蓝本在整个辖区积极构造红色版图" * 40),
    "many_breaks": U("北\n" * 200),
    "rejoin": rd("tests/golden/fullwidth_rejoin/input.txt"),
    "hostile_golden": rd("tests/golden/hostile/input.txt"),
    "basic_golden": rd("tests/golden/basic/input.txt"),
    "spaces": U(" \t\u3000\u00a0 \n\n \u2003 "),
    "quotes": U("“三会一课”制度和「五步工作法」以及《学习强国》"),
}

JSONL = {
    "golden": rd("tests/golden/jsonl_window/input.jsonl"),
    "ids": U('{"id": 12345678901234567890, "text": "张三。"}\n{"text": "李四"}\n{"id": "x", "text": ""}\n'),
    "escapes": U('{"id": "e", "text": "\\ud83d\\ude00\\u5317\\u4eac\\n\\t\\"\\\\ \\u0085"}\n'),
    "lone_surrogate": U('{"id": "s", "text": "\\ud800x"}\n{"text": "\\udc00"}\n'),
    "nul": U('{"text": "a\\u0000b"}\n'),
    "bom_crlf": b"\xef\xbb\xbf" + U('{"id": 1, "text": "北京"}\r\n\r\n  \n{"id": 2.5e3, "text": "大学"}'),
    "bad": U('{"id": [1], "text": "x"}\n[1,2]\n{"text": 5}\n{"text": "a"} trailing\n'),
    "raw_invalid": U('{"text": "') + b"\xff" + U('"}\n'),
}


def norm_seeds():
    n = 0
    texts = list(HOSTILE.items()) + [("corpus%d" % i, t) for i, t in enumerate(corpus_snippets())]
    for name, t in texts:
        for opt in (0, 4, 1):  # in memory, in memory with BOM dropped, .txt file
            put("norm", "%s_%d" % (name, opt), bytes([opt]) + t)
            n += 1
    for name, t in JSONL.items():
        put("norm", "jsonl_" + name, b"\x02" + t)
    for name in ("bom", "invalid", "truncated", "long_line"):
        put("norm", "chunk_" + name, bytes([1 | 64]) + HOSTILE[name])  # straddles the first read
    # other encodings (gx_encoding: 0 auto, 1 utf-8, 2 gb18030, 3 gbk, 4 big5, 5 utf-16, 6 le, 7 be)
    zh = rd("tests/golden/basic/input.txt").decode("utf-8") + corpus_snippets()[0].decode("utf-8", "ignore")
    encoded = {"gb18030": ("gb18030", 2), "gbk": ("gbk", 3), "big5": ("big5", 4),
               "utf16": ("utf-16", 5), "utf16le": ("utf-16-le", 6), "utf16be": ("utf-16-be", 7)}
    for name, (codec, enc) in encoded.items():
        data = zh.encode(codec, "replace")
        for mode in (1, 3):  # .txt through the reader, gx_decode
            put("norm", "enc_%s_%d" % (name, mode), bytes([mode]) + data)  # auto: BOM or detector
            put("norm", "enc_%s_%d_named" % (name, mode), bytes([mode | enc << 2 | 128]) + data)
        put("norm", "enc_%s_lossy" % name, bytes([3 | enc << 2 | 32]) + data[:-1] + b"\xff\x80")
    put("norm", "enc_jsonl_gb18030", bytes([2 | 2 << 2]) + JSONL["golden"].decode().encode("gb18030"))
    put("norm", "enc_lossy_utf8", bytes([3 | 1 << 2 | 32]) + HOSTILE["invalid"])
    put("norm", "enc_t2s", bytes([0 | 8]) + U("臺北市政府與國際學術交流協會在臺灣舉辦會議。"))


def dict_lines():
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "dicts/*.tsv"))):
        lines = [l for l in open(path, "rb").read().split(b"\n") if l.strip()]
        out.append((os.path.basename(path)[:-4], b"\n".join(lines[:12]) + b"\n"))
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/dicts/*/*"))):  # jieba, HanLP, lint
        if os.path.isfile(path):
            lines = open(path, "rb").read().split(b"\n")
            out.append(("tests_" + path.split("/")[-2] + "_" + os.path.basename(path).replace(" ", "_"),
                        b"\n".join(lines[:20])))
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/golden/*/dict/*.tsv"))):
        out.append(("golden_" + path.split("/")[-3], open(path, "rb").read()))
    return out


DICT_HOSTILE = {
    "errors": U("一\n北京\tcity\n北京\tplace\t\tpriority=abc\n北京\tplace\t\tmin=9;max=2\n"
                "a\tb\tc\td\te\n\tplace\n张三\tperson\t\tunknown=1;negative\n"),
    "bom_crlf": b"\xef\xbb\xbf" + U("北京\tplace\r\n# comment\r\n\r\n郑州\tLOC\r\n"),
    "invalid": U("北京") + b"\xff\tplace\n" + U("上海\tplace\n"),
    "control": U("北\x01京\tplace\n北京\tplace\t北\x01京\n"),
    "fullwidth": U("ＡＢＣ公司\torg\n　北京　\tplace\t\tparent=中　国\n"),
    "nfkc_expand": U("\ufdfa\tplace\n\u3300\torg\n" + "\ufdfa" * 4 + "\tplace\n"),
    "long_surface": U("北" * 64 + "\tplace\n" + "京" * 65 + "\tplace\n"),
    "long_line": U("北京\tplace\t\tsubtype=" + "x" * 5000 + "\n上海\tplace\n"),
    "replace": U("路\tsuffix\t\tkind=place\n路\tsurname\n路\tplace\n路\tplace\t马路\n路\tsuffix\t\tkind=org\n"),
    "attrs": U("局\tsuffix\t\tprefix=place;min=1;max=8;chain;unit;generic\n"
               "书记\ttitle\t\tside=both;byline\n区\tgeneric\t\tlevel;bound\n和\tstop\t\tweak\n"
               "美\tplace\t美国\tabbrev;subtype=strong\n道路\tplace\t\tnegative;priority=-5\n"),
    "nested": U("北\tplace\n北京\tplace\n北京大\tplace\n北京大学\torg\n京大\torg\n大学\tgeneric\n"),
    "spaces": U("北 京\tplace\n \t \nA B\torg\t\t ; ;priority = 3 \n"),
}


def dict_seeds():
    for name, data in dict_lines():
        put("dict", name, data)
    for name, data in DICT_HOSTILE.items():
        put("dict", name, data)


def pipeline_seeds():
    snippets = corpus_snippets()
    golden_dict = {d: rd("tests/golden/%s/dict/%s" % (d, f)) for d, f in
                   (("basic", "names.tsv"), ("hostile", "hostile.tsv"),
                    ("fullwidth_rejoin", "names.tsv"))}
    # full dictionaries (base 3) on corpus text, each window
    for i, t in enumerate(snippets):
        put("pipeline", "full_%d" % i, bytes([(3 << 3) | (i % 4) | (4 if i % 3 == 0 else 0), 0]) + t)
    # mini base, multi-document, yEd
    joined = b"\f".join(snippets[:4])
    put("pipeline", "mini_docs", bytes([(1 << 3) | 1, 32 | 64]) + joined)
    put("pipeline", "full_docs", bytes([(3 << 3) | 2 | (5 << 5), 32 | 64]) + joined)
    put("pipeline", "mini_chars", bytes([(1 << 3) | 3, 128]) + snippets[1])
    # golden dictionaries as the extra lines, with their inputs
    for d, data in golden_dict.items():
        lines = data.rstrip(b"\n").split(b"\n")
        text = rd("tests/golden/%s/input.txt" % d)
        put("pipeline", "golden_" + d, bytes([0, len(lines) | 64]) + b"\n".join(lines) + b"\n" + text)
        put("pipeline", "golden_mini_" + d,
            bytes([(1 << 3) | 4, len(lines)]) + b"\n".join(lines) + b"\n" + text)
    # hostile texts on the tiny base
    for name, t in HOSTILE.items():
        put("pipeline", "hostile_" + name, bytes([(2 << 3) | (1 << 5), 0]) + t)
    put("pipeline", "hostile_full", bytes([(3 << 3) | (7 << 5), 32 | 64]) +
        b"\f".join([HOSTILE["hostile_golden"], HOSTILE["c0"], HOSTILE["fullwidth"],
                    HOSTILE["crlf"], HOSTILE["fffe"], HOSTILE["nfkc_expand"]]))
    trad = U("臺北市政府與國際學術交流協會在臺灣舉辦會議。鄭州市金水區北林路街道黨工委書記張三出席。")
    put("pipeline", "t2s_full", bytes([3 << 3, 16]) + trad)
    put("pipeline", "t2s_mini", bytes([(1 << 3) | 4, 16 | 1]) + U("臺北市\tplace\n") + trad)
    lines = [b"A&B<\xe5\x85\xac\xe5\x8f\xb8>\torg", U("路径\\\tplace"), U("\"引\"\tperson\t\x01\x7f\u0085名"),
             U("北京\tplace\t\tparent=中国"), U("中国\tplace"), U("书记\ttitle"), U("张\tsurname")]
    put("pipeline", "hostile_dict", bytes([(1 << 3) | 2, len(lines) | 64]) + b"\n".join(lines) + b"\n" +
        U("北京市委书记张伟在A&B<公司>说：路径\\和“引”。中国北京。\n\n张三书记。"))


if __name__ == "__main__":
    norm_seeds()
    dict_seeds()
    pipeline_seeds()
    for t in ("norm", "dict", "pipeline"):
        d = os.path.join(OUT, t)
        print("%s: %d files" % (d, len(os.listdir(d))))
