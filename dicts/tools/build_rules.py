#!/usr/bin/env python3
"""Generates the rule word lists of dicts/ from the licensed gazetteers (make dicts).

  surnames.tsv  family names for the person rules: the 百家姓 list (MIT, chinese-poetry) plus
                common modern surnames it lacks (hand-listed below)
  words.tsv     common words (jieba's dictionary, MIT) that start with a surname character: a
                person name found by a rule never starts with one (高度, 全面, 常态)
  stops.tsv     frequent verbs, adverbs and function words (jieba, MIT): names never cross them
  given.tsv     characters common in given names (jieba's person names, MIT), and those common
                in transliterated foreign names (jieba's tag nrt), subtype=foreign (or both)

usage: build_rules.py --shared ../shared --out dicts
"""
import argparse, os, unicodedata

EXTRA_SURNAMES = "覃付仝代兰邸谌揭栗矫芦练银衣战初迟苑旷粟肖曲麦苟隋丛邝"
# jieba tags that name entities or are not words: they never become role `word`
ENTITY_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz", "x", "eng", "m", "mq"}
MIN_FREQ = 20
# Narrative verbs, adverbs, prepositions and conjunctions bound names (role stop): jieba's
# two-character words with these tags and at least STOP_FREQ uses, except the ones that occur
# inside organization and place names (服务 中心, 指挥部, 解放军, 促进会...).
STOP_TAGS = {"v", "vd", "p", "c", "d", "ad", "r", "u"}
STOP_FREQ = 800
STOP_KEEP_OUT = set("""
组织 学习 保护 开发 开放 统计 出版 治疗 培养 促进 保障 创新 招生 就业 自治 发行 运行 演出
作战 选举 执行 制造 维护 监督 计算 建造 飞行 发射 高考 考生 知识 位置 行为 首都 本报 对手
收入 预算 需求 日常 本级 各级 共同 联合 结合 独立 解放 实践 安排 指挥 公开 管理 发展
服务 建设 研究 设计 经营 投资 保险 检察 教育 培训 交流 合作 治理 运输 通信 互助 协作 统一
自然 特别 高速 正常 明确 同意 先进 进步 理解 支持 控制 保持 处理 相关 相同 相互 相应
长期 正式 直接 独立 集中 开展 举办 推进 推动 加快 发达 完善 扩大 综合 联动 协调 监察 应急
""".split())


# A surname that is also a frequent single-character word of another kind (和 有 后 于 任 向)
# gets subtype=common: rules_person.c does not take it as the start of a name without a title.
COMMON_TAGS = {"p", "c", "d", "u", "v", "r", "m", "q", "f", "a", "ad", "vn", "t", "s", "y", "e",
               "zg", "ng", "vg", "ag", "tg", "dg", "k", "h", "b"}
COMMON_FREQ = 3000
# The most frequent Chinese surnames are never marked common: as a name's first character they
# are far more often a surname than the word they also are (张, 黄, 高, 林).
TOP_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡"
                   "余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
                   "龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤常安毕费章齐顾盛管谈包左车尚古")


# A common surname that is a conjunction or preposition (和, 向, 与) gets subtype=function: after a
# title it starts no name before another name or word (主席和苏林总书记).
FUNCTION_TAGS = {"c", "p"}


def common_chars(shared, tags=COMMON_TAGS):
    path = os.path.join(shared, "gazetteers/jieba/jieba_dict.txt")
    out = set()
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) == 3 and len(f[0]) == 1 and f[2] in tags and int(f[1]) >= COMMON_FREQ:
            out.add(f[0])
    return out - TOP_SURNAMES


def surnames(shared):
    path = os.path.join(shared, "gazetteers/surnames/baijiaxing_surnames.tsv")
    names = []
    for line in open(path, encoding="utf-8"):
        f = line.rstrip("\n").split("\t")
        if f[0] != "surname" and f[0]:
            names.append(f[0])
    names += [c for c in EXTRA_SURNAMES if c not in names]
    return names


# Single-character suffixes: a common word starting with one shows the suffix is no suffix
# there (部署, 路段, 委员), so such words are listed too.
SUFFIX_INITIALS = set("路街巷院区村委局厅部中队团厂站所园")


# Any two-character word this frequent is listed too, whatever its first character: it tells
# a rule where words are (a name's given part is no word such as 民生; 组织部|下发 splits there).
WORD_FREQ = 300


def common_words(shared, initials):
    path = os.path.join(shared, "gazetteers/jieba/jieba_dict.txt")
    out = set()
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) != 3:
            continue
        w, freq, tag = f
        if tag in ENTITY_TAGS or not 2 <= len(w) <= 3 or unicodedata.normalize("NFKC", w) != w:
            continue
        if (w[0] in initials and int(freq) >= MIN_FREQ) or (len(w) == 2 and int(freq) >= WORD_FREQ):
            out.add(w)
    return sorted(out)


# Characters that follow a surname in jieba's three-character person names (tag nr) at least
# GIVEN_MIN times, minus kinship words, titles, place and function characters that make
# "names" of ordinary text (王府, 张家, 李老).
GIVEN_MIN = 25
GIVEN_KEEP_OUT = set("之子人小老爷儿氏哥叔兄弟姐娘妹嫂府县州村城寺宫堂帝王公主师僧过为有来其得见入本"
                     "乡镇阁庙沟"
                     "定时同行至后四一二三五六七八九十百千万个们的了是在和与及等也都就又还这那某"
                     "尔斯德克特拉尼基科夫里亚西布卡奥萨格普帕纳埃伯麦瓦赫维比托塞达库")


def given_chars(shared, surnames):
    path = os.path.join(shared, "gazetteers/jieba/jieba_dict.txt")
    count = {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) == 3 and f[2] == "nr" and len(f[0]) == 3 and f[0][0] in surnames:
            for ch in f[0][1:]:
                count[ch] = count.get(ch, 0) + 1
    return sorted(ch for ch, n in count.items() if n >= GIVEN_MIN and ch not in GIVEN_KEEP_OUT)


# Characters of transliterated foreign names: those at least TRANSLIT_RATIO of whose uses in
# jieba's words are in words tagged nrt (transliterated names), used there at least TRANSLIT_MIN
# times (斯 尔 克 娃 …), minus a few that are mostly in Chinese words tagged nrt by mistake.
TRANSLIT_MIN = 8
TRANSLIT_RATIO = 0.03
TRANSLIT_KEEP_OUT = set("崇慈岛瓜人帝孝世吕昭烈衮")
# Frequent in transliterations but more frequent still in Chinese words (克林顿, 詹姆斯, 芭芭拉).
TRANSLIT_EXTRA = set("林詹芭汉尤沙琼保泽瑞提娃")


def translit_chars(shared):
    path = os.path.join(shared, "gazetteers/jieba/jieba_dict.txt")
    nrt, alln = {}, {}
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) != 3:
            continue
        for ch in f[0]:
            alln[ch] = alln.get(ch, 0) + 1
            if f[2] == "nrt":
                nrt[ch] = nrt.get(ch, 0) + 1
    return sorted(set(ch for ch, n in nrt.items() if n >= TRANSLIT_MIN and
                      n / alln[ch] >= TRANSLIT_RATIO and ch not in TRANSLIT_KEEP_OUT) | TRANSLIT_EXTRA)


def hand_listed(out_dir, role):
    """Surfaces of `role` already in the hand-written rules_*.tsv (not generated again)."""
    have = set()
    for fn in sorted(os.listdir(out_dir)):
        if fn.startswith("rules_") and fn.endswith(".tsv"):
            for line in open(os.path.join(out_dir, fn), encoding="utf-8"):
                f = line.rstrip("\n").split("\t")
                if len(f) >= 2 and f[1] == role and not line.startswith("#"):
                    have.add(f[0])
    return have


def stop_words(shared, skip):
    path = os.path.join(shared, "gazetteers/jieba/jieba_dict.txt")
    out = set()
    for line in open(path, encoding="utf-8"):
        f = line.split()
        if len(f) == 3 and len(f[0]) == 2 and f[2] in STOP_TAGS and int(f[1]) >= STOP_FREQ:
            if f[0] not in STOP_KEEP_OUT and f[0] not in skip:
                out.add(f[0])
    return sorted(out)


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(r) + "\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sn = surnames(a.shared)
    common = common_chars(a.shared)
    function = common_chars(a.shared, FUNCTION_TAGS)
    write(os.path.join(a.out, "surnames.tsv"),
          "# Family names for the person rules. GENERATED by tools/build_rules.py (make dicts):\n"
          "# the 百家姓 list (chinese-poetry, MIT) plus common modern surnames it lacks.\n"
          "# subtype=common: also a frequent word (jieba, MIT); not a name start without a title.\n"
          "# subtype=function: common, and a conjunction or preposition (和, 向).\n",
          [(s, "surname", "", "subtype=function") if s in function else
           (s, "surname", "", "subtype=common") if s in common else (s, "surname") for s in sn])
    single = {s for s in sn if len(s) == 1}
    words = common_words(a.shared, single | SUFFIX_INITIALS)
    write(os.path.join(a.out, "words.tsv"),
          "# Common words: those starting with a surname or a one-character suffix, and every\n"
          f"# two-character word used at least {WORD_FREQ} times. A person name never starts with one,\n"
          "# a suffix they run across is no suffix (部署), rules split text at them. GENERATED by tools/build_rules.py (make dicts) from jieba's dictionary (MIT):\n"
          f"# words of 2-3 characters, frequency >= {MIN_FREQ}, not tagged as names or numbers.\n",
          [(w, "word") for w in words])
    given = given_chars(a.shared, single)
    foreign = translit_chars(a.shared)
    rows = [(c, "given", "", "subtype=both") if c in foreign else (c, "given") for c in given]
    rows += [(c, "given", "", "subtype=foreign") for c in foreign if c not in given]
    write(os.path.join(a.out, "given.tsv"),
          "# Characters of given names: a surname and two of these, standing between boundaries,\n"
          "# make a name even without a title (rules_person.c). GENERATED by tools/build_rules.py\n"
          f"# (make dicts) from jieba's person names (MIT): used at least {GIVEN_MIN} times.\n"
          "# subtype=foreign: a character of transliterated names (jieba's tag nrt, at least\n"
          f"# {TRANSLIT_MIN} uses, {TRANSLIT_RATIO:.0%} of all, plus TRANSLIT_EXTRA): 拉莫斯; both: either.\n",
          rows)
    stops = stop_words(a.shared, hand_listed(a.out, "stop"))
    write(os.path.join(a.out, "stops.tsv"),
          "# Words that bound names (role stop). GENERATED by tools/build_rules.py (make dicts)\n"
          "# from jieba's dictionary (MIT): frequent two-character verbs, adverbs, prepositions,\n"
          "# pronouns and conjunctions, minus those found inside names (STOP_KEEP_OUT).\n",
          [(w, "stop") for w in stops])
    print(f"surnames.tsv {len(sn)}  words.tsv {len(words)}  stops.tsv {len(stops)}  "
          f"given.tsv {len(given)} (+ {len(foreign)} foreign)")


if __name__ == "__main__":
    main()
