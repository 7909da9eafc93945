/* fuzz_pipeline.c: libFuzzer target for the whole pipeline: a dictionary and documents ->
 * engine (gx_engine_new) -> gx_worker_doc -> gx_link_doc + gx_worker_relate -> gx_graph_finish
 * -> gx_emit_graphml / gx_emit_dot / gx_emit_json (and the mentions lines), each output read back
 * with the library its consumers use.
 *
 * Input: byte 0 = options, byte 1 = dictionary lines and more options, then K lines (split at
 * '\n') that are written to a dictionary file fuzz.tsv and loaded after the base dictionary, then
 * the text.
 *   byte 0  bits 0-1  window: sentence, paragraph, document, chars
 *           bit 2     nested mentions
 *           bits 3-4  base dictionary loaded first: 0 none, 1 S_mini (rule words and entities
 *                     sampled from dicts/), 2 S_tiny (the golden tests' names), 3 the full
 *                     default dictionaries (gx_default_dicts(); then the K lines are skipped)
 *           bits 5-7  evidence items per node and edge: 3, 0, 1, 2, 4, 8, 16, 64
 *   byte 1  bits 0-3  K, lines of dictionary (0..15)
 *           bit 4     --t2s: traditional characters matched as simplified (gx_engine_set_t2s)
 *           bit 5     the text is several documents separated by '\f'
 *           bit 6     also emit yEd GraphML
 *           bit 7     chars window of 8 characters (else 120)
 * A document that is not UTF-8 (after dropping a BOM) is skipped, as the reader refuses it; a
 * dictionary that does not load ends the run (status GX_EDICT or GX_ELIMIT only).
 * Invariants: every stage returns GX_OK on valid input; every mention lies in the document
 * (normalized and original offsets, its original slice whole code points, sentence index in
 * range, sorted); the mentions lines parse and their "text" is the original slice; node_of in
 * range; gx_graph_check == 0; GraphML (also yEd) is well-formed XML (xmlReadMemory) with the
 * graph's node ids in order and every edge e<i> between the right nodes; the JSON parses (cJSON)
 * with the same nodes and links and numbers, never null/NaN; the DOT parses (cgraph agmemread)
 * with the same node names and one edge per graph edge.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include <graphviz/cgraph.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include "fuzz_util.h"
#include "gx_emit.h"
#include "gx_engine.h"
#include "gx_graph.h"
#include "gx_link.h"
#include "gx_mentions.h"
#include "gx_norm.h"

#define S_MAX_INPUT (64 * 1024)
#define S_MAX_DOCS 16

/* Base dictionary 1: rows sampled from the files of dicts/ (every rule role and attribute, some
 * entities), so that the rules have words to work with. */
static const char *const S_mini[] = {
    "党工委\tsuffix\t\tsubtype=party;unit;max=14",
    "临时党支部\tsuffix\t\tsubtype=party;unit;max=24",
    "党小组\tsuffix\t\tsubtype=party;unit;max=16",
    "纪委监委\tsuffix\t\tsubtype=party;prefix=place;max=8;chain",
    "宣传部\tsuffix\t\tsubtype=party;max=10;chain",
    "党建办公室\tsuffix\t\tsubtype=party;max=10;chain",
    "居委会\tsuffix\t\tsubtype=government;max=10",
    "村委\tsuffix\t\tsubtype=government;max=12",
    "人大常委会\tsuffix\t\tsubtype=government;prefix=place;max=8;chain",
    "厅\tsuffix\t\tsubtype=government;prefix=place;max=10",
    "指挥部\tsuffix\t\tsubtype=government;max=10;chain",
    "股份有限公司\tsuffix\t\tsubtype=company;max=14",
    "集团\tsuffix\t\tsubtype=company;min=2;max=10",
    "储备库\tsuffix\t\tsubtype=company;min=2;max=10",
    "小学\tsuffix\t\tsubtype=education;min=2;max=10",
    "中\tsuffix\t\tsubtype=education;prefix=numeral;min=2;max=6",
    "卫生院\tsuffix\t\tsubtype=health;min=2;max=8",
    "人民法院\tsuffix\t\tsubtype=justice;max=8",
    "律师事务所\tsuffix\t\tsubtype=justice;min=2;max=14",
    "大队\tsuffix\t\tsubtype=police;min=2;max=8;chain",
    "晚报\tsuffix\t\tsubtype=media;min=2;max=6",
    "服务中心\tsuffix\t\tsubtype=social;min=2;max=12",
    "协会\tsuffix\t\tsubtype=social;min=2;max=10",
    "商会\tsuffix\t\tsubtype=social;min=2;max=8",
    "志愿者服务队\tsuffix\t\tsubtype=team;min=2;max=10",
    "格局\torg\t\tnegative",
    "出局\torg\t\tnegative",
    "集中\torg\t\tnegative",
    "心中\torg\t\tnegative",
    "生活中\torg\t\tnegative",
    "外部\torg\t\tnegative",
    "西部\torg\t\tnegative",
    "各部\torg\t\tnegative",
    "全厂\torg\t\tnegative",
    "两委\torg\t\tnegative",
    "城乡结合部\torg\t\tnegative",
    "省委\torg\t\tsubtype=party",
    "省政府\torg\t\tsubtype=government",
    "区纪委\torg\t\tsubtype=party",
    "区政协\torg\t\tsubtype=government",
    "团县委\torg\t\tsubtype=mass_org",
    "女队\tsuffix\t\tsubtype=team;prefix=place;max=8",
    "总部\torg\t\tnegative",
    "书记\ttitle",
    "区长\ttitle",
    "副省长\ttitle",
    "村长\ttitle",
    "副部长\ttitle",
    "校长\ttitle",
    "理事长\ttitle",
    "副主席\ttitle",
    "教授\ttitle",
    "民警\ttitle",
    "同志\ttitle\t\tside=after",
    "通讯员\ttitle\t\tbyline",
    "路\tsuffix\t\tkind=place;subtype=road;min=2;max=4",
    "号院\tsuffix\t\tkind=place;subtype=compound;prefix=numeral;min=1;max=6",
    "花园\tsuffix\t\tkind=place;subtype=compound;min=2;max=4",
    "安置区\tsuffix\t\tkind=place;subtype=compound;min=2;max=6",
    "道路\tplace\t\tnegative",
    "网路\tplace\t\tnegative",
    "去路\tplace\t\tnegative",
    "销路\tplace\t\tnegative",
    "一条路\tplace\t\tnegative",
    "步行街\tplace\t\tnegative",
    "逛街\tplace\t\tnegative",
    "农村\tplace\t\tnegative",
    "贫困村\tplace\t\tnegative",
    "全社区\tplace\t\tnegative",
    "该街道\tplace\t\tnegative",
    "工作法\tsuffix\t\tkind=program;min=2;max=6",
    "活动\tsuffix\t\tkind=program;prefix=quote",
    "项目\tsuffix\t\tkind=program;prefix=quote",
    "工作机制\tsuffix\t\tkind=program;prefix=quote",
    "党员活动日\tsuffix\t\tkind=program;prefix=quote",
    "工作室\tsuffix\t\tkind=program;prefix=quote",
    "惠民工程\tprogram\t\tnegative",
    "基础工程\tprogram\t\tnegative",
    "五四\tprogram\t\tnegative",
    "十佳\tprogram\t\tnegative",
    "十五大\tprogram\t\tnegative",
    "十九大\tprogram\t\tnegative",
    "四级\tprogram\t\tnegative",
    "中\tplace\t中国\tabbrev;subtype=strong",
    "英\tplace\t英国\tabbrev;subtype=strong",
    "朝\tplace\t朝鲜\tabbrev;subtype=strong",
    "菲\tplace\t菲律宾\tabbrev",
    "以\tplace\t以色列\tabbrev",
    "澳\tplace\t澳\tabbrev",
    "津\tplace\t天津\tabbrev",
    "青\tplace\t青海\tabbrev",
    "双方\tgeneric\t\tsubtype=pair",
    "首脑\tgeneric\t\tsubtype=pair",
    "友好\tgeneric\t\tsubtype=pair",
    "铁路\tgeneric\t\tsubtype=pair",
    "来\tgeneric\t\tsubtype=visit",
    "的\tstop",
    "于\tstop",
    "到\tstop",
    "包括\tstop",
    "协调\tstop",
    "认为\tstop",
    "联动\tstop",
    "近年来\tstop",
    "非公\tgeneric",
    "文艺\tgeneric",
    "志愿者\tgeneric",
    "全部\tgeneric",
    "大党委\tgeneric",
    "元\tgeneric\t\tsubtype=measure",
    "栋\tgeneric\t\tsubtype=measure",
    "赵\tsurname",
    "云\tsurname",
    "乐\tsurname\t\tsubtype=common",
    "熊\tsurname",
    "虞\tsurname",
    "荀\tsurname",
    "宁\tsurname",
    "池\tsurname",
    "别\tsurname\t\tsubtype=common",
    "殳\tsurname",
    "竺\tsurname",
    "司寇\tsurname",
    "梁丘\tsurname",
    "粟\tsurname",
    "丁\tgiven",
    "佛\tgiven",
    "前\tgiven",
    "吾\tgiven",
    "娜\tgiven",
    "崇\tgiven",
    "恒\tgiven",
    "晓\tgiven",
    "殿\tgiven",
    "炳\tgiven",
    "知\tgiven",
    "翼\tgiven",
    "藻\tgiven",
    "连\tgiven",
    "静\tgiven",
    "一举\tstop",
    "仔细\tstop",
    "决心\tstop",
    "取消\tstop",
    "增长\tstop",
    "延续\tstop",
    "找到\tstop",
    "改称\tstop",
    "每人\tstop",
    "真是\tstop",
    "自杀\tstop",
    "轻轻\tstop",
    "陷入\tstop",
    "一世\tword",
    "修补\tword",
    "单字\tword",
    "墨家\tword",
    "平平的\tword",
    "探讨\tword",
    "植物\tword",
    "独具\tword",
    "红眼\tword",
    "说起\tword",
    "陷于\tword",
    "党组织\tsuffix\t\tsubtype=party;unit;prefix=place;max=16",
    "委\tsuffix\t\tsubtype=party;prefix=place;max=8",
    "纪委\tsuffix\t\tsubtype=party;prefix=place;max=8;chain",
    "组织部\tsuffix\t\tsubtype=party;max=10;chain",
    "党群服务中心\tsuffix\t\tsubtype=party;max=10",
    "公司\tsuffix\t\tsubtype=company;min=2;max=10",
    "研究所\tsuffix\t\tsubtype=education;min=2;max=10;chain",
    "全局\torg\t\tnegative",
    "区委\torg\t\tsubtype=party",
    "总书记\ttitle\t\tside=both",
    "记者\ttitle\t\tbyline",
    "小区\tsuffix\t\tkind=place;subtype=compound;min=2;max=6;generic",
    "社区\tsuffix\t\tkind=place;subtype=community;prefix=place;max=8;generic",
    "思路\tplace\t\tnegative",
    "工作模式\tsuffix\t\tkind=program;prefix=quote",
    "民生工程\tprogram\t\tnegative",
    "意\tplace\t意大利\tabbrev",
    "关系\tgeneric\t\tsubtype=pair",
    "与\tstop\t\tweak",
    "社会\tgeneric",
    "企业\tgeneric\t\tbound",
    "辖区\tgeneric\t\tbound;subtype=jurisdiction",
    "驻辖区\tgeneric\t\tsubtype=jurisdiction",
    "省\tgeneric\t\tlevel",
    "文化路街道\tplace\t\tsubtype=subdistrict;parent=金水区",
    "文化路\tplace\t文化路街道\tsubtype=subdistrict;parent=金水区;priority=-1",
    "北林路街道\tplace\t\tsubtype=subdistrict;parent=金水区",
    "北林路\tplace\t北林路街道\tsubtype=subdistrict;parent=金水区;priority=-1",
    "国基路街道\tplace\t\tsubtype=subdistrict;parent=金水区",
    "国基路\tplace\t国基路街道\tsubtype=subdistrict;parent=金水区;priority=-1",
    "农大社区\tplace\t\tsubtype=community;parent=文化路街道",
    "郑大工学院社区\tplace\t\tsubtype=community;parent=文化路街道",
    "郑花路社区\tplace\t\tsubtype=community;parent=文化路街道",
    "博物院社区\tplace\t\tsubtype=community;parent=文化路街道",
    "文丰社区\tplace\t\tsubtype=community;parent=文化路街道",
    "信息社区\tplace\t\tsubtype=community;parent=文化路街道",
    "俭学街社区\tplace\t\tsubtype=community;parent=文化路街道",
    "农科院社区\tplace\t\tsubtype=community;parent=文化路街道",
    "经五路社区\tplace\t\tsubtype=community;parent=文化路街道",
    "农西社区\tplace\t\tsubtype=community;parent=文化路街道",
    "农科路社区\tplace\t\tsubtype=community;parent=文化路街道",
    "国贸中心社区\tplace\t\tsubtype=community;parent=文化路街道",
    "蓝堡湾社区\tplace\t\tsubtype=community;parent=文化路街道",
    "天骄华庭社区\tplace\t\tsubtype=community;parent=文化路街道",
    "关虎屯村\tplace\t\tsubtype=village;parent=文化路街道",
    "院校社区\tplace\t\tsubtype=community;parent=北林路街道",
    "北林路院校社区\tplace\t院校社区\tsubtype=community;parent=北林路街道",
    "融元社区\tplace\t\tsubtype=community;parent=北林路街道",
    "北林路融元社区\tplace\t融元社区\tsubtype=community;parent=北林路街道",
    "文雅社区\tplace\t\tsubtype=community;parent=北林路街道",
    "北林路文雅社区\tplace\t文雅社区\tsubtype=community;parent=北林路街道",
    "恒升社区\tplace\t\tsubtype=community;parent=北林路街道",
    "北林路恒升社区\tplace\t恒升社区\tsubtype=community;parent=北林路街道",
    "亚卫社区\tplace\t\tsubtype=community;parent=北林路街道",
    "北林路亚卫社区\tplace\t亚卫社区\tsubtype=community;parent=北林路街道",
    "鑫苑社区\tplace\t\tsubtype=community;parent=北林路街道",
    "北林路鑫苑社区\tplace\t鑫苑社区\tsubtype=community;parent=北林路街道",
    "汇城社区\tplace\t\tsubtype=community;parent=北林路街道",
    "国泰花园社区\tplace\t\tsubtype=community;parent=北林路街道",
    "御金城社区\tplace\t\tsubtype=community;parent=北林路街道",
    "金基社区\tplace\t\tsubtype=community;parent=北林路街道",
    "马李庄村\tplace\t\tsubtype=village;parent=北林路街道",
    "北林路马李庄村\tplace\t马李庄村\tsubtype=village;parent=北林路街道",
    "二十一世纪社区\tplace\t\tsubtype=community;parent=国基路街道",
    "风雅颂社区\tplace\t\tsubtype=community;parent=国基路街道",
    "新田社区\tplace\t\tsubtype=community;parent=国基路街道",
    "魏河社区\tplace\t\tsubtype=community;parent=国基路街道",
    "琥珀名城社区\tplace\t\tsubtype=community;parent=国基路街道",
    "金印阳光社区\tplace\t\tsubtype=community;parent=国基路街道",
    "康苑居社区\tplace\t\tsubtype=community;parent=国基路街道",
    "国基社区\tplace\t\tsubtype=community;parent=国基路街道",
    "新龙社区\tplace\t\tsubtype=community;parent=国基路街道",
    "宏康社区\tplace\t\tsubtype=community;parent=国基路街道",
    "沙门村\tplace\t\tsubtype=village;parent=国基路街道",
    "柳林村\tplace\t\tsubtype=village;parent=国基路街道",
    "高皇寨村\tplace\t\tsubtype=village;parent=国基路街道",
    "路砦村\tplace\t\tsubtype=village;parent=国基路街道",
    "杓袁村\tplace\t\tsubtype=village;parent=国基路街道",
    "杨君刘村\tplace\t\tsubtype=village;parent=国基路街道",
    "中国共产党\torg\t\tsubtype=party",
    "中共中央党史和文献研究院\torg\t\tsubtype=party;parent=中共中央",
    "最高检\torg\t最高人民检察院\tsubtype=judicial",
    "环保部\torg\t生态环境部\tsubtype=government;parent=国务院",
    "国务院发展研究中心\torg\t\tsubtype=government;parent=国务院",
    "国家疾病预防控制局\torg\t\tsubtype=government;parent=国务院",
    "中国侨联\torg\t中华全国归国华侨联合会\tsubtype=mass_org",
    "中国中央电视台\torg\t中央电视台\tsubtype=media;parent=中央广播电视总台",
    "住房城乡建设部门\torg\t\tnegative",
    "三会一课\tprogram",
    "四议两公开\tprogram",
    "六个必须坚持\tprogram",
    "高效办成一件事\tprogram",
    "六稳\tprogram",
    "三变改革\tprogram",
    "天网工程\tprogram",
    "日本\tplace\t\tsubtype=country",
    "津巴布韦共和国\tplace\t津巴布韦\tsubtype=country",
    "马里兰州\tplace\t\tsubtype=state;parent=美国",
    "萨克拉门托\tplace\t\tsubtype=city;parent=美国",
    "鸡公山\tplace\t\tsubtype=mountain;parent=河南省",
    "国际游泳联合会\torg\t国际泳联\tsubtype=sports",
    "华特迪士尼公司\torg\t迪士尼公司\tsubtype=company",
    "西南向\tplace\t\tnegative",
    "习近平\tperson",
    "科比\tperson\t科比·布莱恩特",
    "张静初\tperson",
    "潘晓婷\tperson",
    "芮乃伟\tperson",
    "杨大明\tperson",
    "叶初春\tperson",
    "喀什噶里\tperson",
    "林进春\tperson",
    "王九思\tperson",
    "胡中玉\tperson",
    "林凤华\tperson",
    "城田优\tperson",
    "细川藤孝\tperson",
    "车水马龙\tperson\t\tnegative",
};

/* Base dictionary 2: the golden tests' names (tests/golden/ * /dict), hostile ones included. */
static const char *const S_tiny[] = {
    "张三\tperson", "李四\tperson", "王五\tperson", "北京\tplace", "北京市\tplace\t北京",
    "清华大学\torg", "ABC公司\torg", "2024计划\tprogram", "郑州市\tplace", "北京大学\torg",
    "A&B<公司>\torg", "\"引号\"'单'\tperson", "路径\\\tplace", "反\\N斜\tplace",
    "\xF0\x9F\x98\x80表情党\tprogram", "<b>粗体</b>\torg\t<b>\"粗体\"</b>集团",
};

static const uint32_t S_evidence[8] = {3, 0, 1, 2, 4, 8, 16, 64};

static gx_diag *S_d;
static const char *S_base_path[3]; /* 1: mini, 2: tiny */
static gx_engine *S_cached[4][2][2]; /* [base][nested][t2s], engines of no extra lines */
static int S_t2s_ok;                 /* ICU has the Traditional-Simplified transliterator */

static void S_write_lines(const char *path, const char *const *lines, size_t n) {
    FILE *f = fopen(path, "wb");
    FZ_CHECK(f != NULL, "cannot write %s", path);
    for (size_t i = 0; i < n; i++) fprintf(f, "%s\n", lines[i]);
    FZ_CHECK(fclose(f) == 0, "cannot write %s", path);
}

static void S_free_cached(void) {
    for (int b = 0; b < 4; b++)
        for (int n = 0; n < 2; n++)
            for (int t = 0; t < 2; t++) gx_engine_free(S_cached[b][n][t]);
    gx_diag_free(S_d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
    (void)argc;
    (void)argv;
    if (S_d) return 0;
    S_d = gx_diag_new(NULL);
    S_base_path[1] = fz_path("mini.tsv");
    S_write_lines(S_base_path[1], S_mini, sizeof S_mini / sizeof *S_mini);
    S_base_path[2] = fz_path("tiny.tsv");
    S_write_lines(S_base_path[2], S_tiny, sizeof S_tiny / sizeof *S_tiny);
    xmlInitParser();
    S_t2s_ok = gx_t2s_init(S_d) == GX_OK;
    /* the full dictionaries load once, up front (the replay driver forks after this) */
    for (int n = 0; n < 2; n++)
        for (int t = 0; t < 1 + S_t2s_ok; t++) {
            gx_status rc = gx_engine_new(NULL, NULL, 0, n, S_d, &S_cached[3][n][t]);
            FZ_CHECK(rc == GX_OK, "the default dictionaries (%s) do not load", gx_default_dicts());
            if (t) FZ_CHECK(gx_engine_set_t2s(S_cached[3][n][t], S_d) == GX_OK, "t2s");
        }
    atexit(S_free_cached);
    return 0;
}

/* ---------------------------------------------------------------- memory streams */

typedef struct {
    char *buf;
    size_t len;
    FILE *f;
} S_mem;

static void S_mem_open(S_mem *m) {
    m->buf = NULL;
    m->len = 0;
    m->f = open_memstream(&m->buf, &m->len);
    FZ_CHECK(m->f != NULL, "open_memstream");
}

static void S_mem_close(S_mem *m) { FZ_CHECK(fclose(m->f) == 0, "memstream close"); }

/* ---------------------------------------------------------------- per document */

/* Mentions of doc against the document and the mentions lines. */
static void S_check_mentions(gx_doc *doc, const gx_mentions *ms) {
    FZ_CHECK(ms->n == 0 || doc->n_sents > 0, "%zu mentions in a document with no sentence", ms->n);
    for (size_t i = 0; i < ms->n; i++) {
        const gx_mention *m = &ms->v[i];
        FZ_CHECK(m->start < m->end && m->end <= doc->n, "mention %zu = [%u, %u) of %u", i,
                 m->start, m->end, doc->n);
        FZ_CHECK(m->ostart < m->oend && m->oend <= doc->orig_cps,
                 "mention %zu original [%u, %u) of %u", i, m->ostart, m->oend, doc->orig_cps);
        uint32_t os, oe;
        gx_doc_orig_span(doc, m->start, m->end, &os, &oe);
        FZ_CHECK(os == m->ostart && oe == m->oend, "mention %zu original [%u, %u), map [%u, %u)", i,
                 m->ostart, m->oend, os, oe);
        FZ_CHECK(m->sent < doc->n_sents, "mention %zu sentence %u of %u", i, m->sent, doc->n_sents);
        FZ_CHECK((unsigned)m->kind < GX_KIND_COUNT, "mention %zu kind %d", i, (int)m->kind);
        FZ_CHECK(m->canonical && m->source, "mention %zu without canonical or source", i);
        FZ_CHECK(fz_utf8_ok(m->canonical, strlen(m->canonical)) >= 0,
                 "mention %zu canonical is not UTF-8", i);
        FZ_CHECK(i == 0 || m->start >= ms->v[i - 1].start, "mentions not sorted at %zu", i);
        const char *p;
        size_t len;
        gx_doc_orig_slice(doc, m->ostart, m->oend, &p, &len);
        FZ_CHECK(p >= doc->orig && p + len <= doc->orig + doc->orig_len, "mention %zu slice outside",
                 i);
        FZ_CHECK(fz_utf8_ok(p, len) == (long)(m->oend - m->ostart),
                 "mention %zu slice is not %u whole code points", i, m->oend - m->ostart);
    }
    /* the mentions lines: one JSON object each, "text" == the original slice */
    S_mem mem;
    S_mem_open(&mem);
    gx_status rc = gx_mentions_write(mem.f, doc, ms, S_d);
    S_mem_close(&mem);
    FZ_CHECK(rc == GX_OK, "gx_mentions_write returned %d", (int)rc);
    char *line = mem.buf;
    for (size_t i = 0; i < ms->n; i++) {
        char *nl = strchr(line, '\n');
        FZ_CHECK(nl != NULL, "mentions line %zu missing", i);
        cJSON *o = cJSON_ParseWithLength(line, (size_t)(nl - line));
        FZ_CHECK(o != NULL, "mentions line %zu does not parse: %.*s", i, (int)(nl - line), line);
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(o, "text");
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(o, "start");
        const cJSON *e = cJSON_GetObjectItemCaseSensitive(o, "end");
        const char *p;
        size_t len;
        gx_doc_orig_slice(doc, ms->v[i].ostart, ms->v[i].oend, &p, &len);
        FZ_CHECK(cJSON_IsString(t) && strlen(t->valuestring) == len && memcmp(t->valuestring, p, len) == 0,
                 "mentions line %zu: text is not the original slice [%u, %u)", i, ms->v[i].ostart,
                 ms->v[i].oend);
        FZ_CHECK(cJSON_IsNumber(s) && cJSON_IsNumber(e) && s->valuedouble == ms->v[i].ostart &&
                     e->valuedouble == ms->v[i].oend,
                 "mentions line %zu: start/end", i);
        cJSON_Delete(o);
        line = nl + 1;
    }
    FZ_CHECK(*line == '\0', "more mentions lines than mentions");
    free(mem.buf);
}

/* ---------------------------------------------------------------- emitted files */

static const gx_node *S_node(const gx_graph *g, uint32_t i) { return gx_graph_node(g, i); }

static void S_check_graphml(const gx_graph *g, int yed) {
    S_mem mem;
    S_mem_open(&mem);
    gx_status rc = yed ? gx_emit_graphml_yed(g, mem.f, "fuzz.graphml", S_d)
                       : gx_emit_graphml(g, mem.f, "fuzz.graphml", S_d);
    S_mem_close(&mem);
    FZ_CHECK(rc == GX_OK, "gx_emit_graphml%s returned %d", yed ? "_yed" : "", (int)rc);
    xmlDocPtr x = xmlReadMemory(mem.buf, (int)mem.len, "fuzz.graphml", NULL,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    FZ_CHECK(x != NULL, "GraphML%s is not well-formed XML: %s", yed ? " (yEd)" : "",
             xmlGetLastError() ? xmlGetLastError()->message : "?");
    xmlNodePtr root = xmlDocGetRootElement(x), graph = NULL;
    FZ_CHECK(root && xmlStrcmp(root->name, (const xmlChar *)"graphml") == 0, "root is not graphml");
    for (xmlNodePtr c = root->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, (const xmlChar *)"graph") == 0) {
            FZ_CHECK(graph == NULL, "two <graph> elements");
            graph = c;
        }
    FZ_CHECK(graph != NULL, "no <graph> element");
    size_t nn = 0, ne = 0;
    for (xmlNodePtr c = graph->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (xmlStrcmp(c->name, (const xmlChar *)"node") == 0) {
            FZ_CHECK(ne == 0, "a node after an edge");
            xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
            FZ_CHECK(nn < gx_graph_node_count(g) && id &&
                         strcmp((const char *)id, S_node(g, (uint32_t)nn)->id) == 0,
                     "GraphML node %zu id %s", nn, id ? (const char *)id : "(none)");
            xmlFree(id);
            nn++;
        } else if (xmlStrcmp(c->name, (const xmlChar *)"edge") == 0) {
            FZ_CHECK(ne < gx_graph_edge_count(g), "more GraphML edges than graph edges");
            const gx_edge *e = gx_graph_edge(g, ne);
            char want[32];
            snprintf(want, sizeof want, "e%zu", ne);
            xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
            xmlChar *s = xmlGetProp(c, (const xmlChar *)"source");
            xmlChar *t = xmlGetProp(c, (const xmlChar *)"target");
            FZ_CHECK(id && s && t && strcmp((const char *)id, want) == 0 &&
                         strcmp((const char *)s, S_node(g, e->source)->id) == 0 &&
                         strcmp((const char *)t, S_node(g, e->target)->id) == 0,
                     "GraphML edge %zu: id %s source %s target %s", ne, (const char *)id,
                     (const char *)s, (const char *)t);
            xmlFree(id);
            xmlFree(s);
            xmlFree(t);
            ne++;
        }
    }
    FZ_CHECK(nn == gx_graph_node_count(g) && ne == gx_graph_edge_count(g),
             "GraphML has %zu nodes, %zu edges; graph %zu, %zu", nn, ne, gx_graph_node_count(g),
             gx_graph_edge_count(g));
    xmlFreeDoc(x);
    free(mem.buf);
}

static void S_check_json(const gx_graph *g) {
    static const char *const nums[] = {"weight", "count", "sentences", "documents", "pmi", "npmi",
                                       "jaccard", "dice"};
    S_mem mem;
    S_mem_open(&mem);
    gx_status rc = gx_emit_json(g, mem.f, "fuzz.json", S_d);
    S_mem_close(&mem);
    FZ_CHECK(rc == GX_OK, "gx_emit_json returned %d", (int)rc);
    cJSON *root = cJSON_ParseWithLength(mem.buf, mem.len);
    FZ_CHECK(root != NULL, "JSON does not parse near: %.40s", cJSON_GetErrorPtr());
    const cJSON *nodes = cJSON_GetObjectItemCaseSensitive(root, "nodes");
    const cJSON *links = cJSON_GetObjectItemCaseSensitive(root, "links");
    FZ_CHECK(cJSON_IsArray(nodes) && cJSON_IsArray(links), "no nodes or links array");
    FZ_CHECK((size_t)cJSON_GetArraySize(nodes) == gx_graph_node_count(g) &&
                 (size_t)cJSON_GetArraySize(links) == gx_graph_edge_count(g),
             "JSON has %d nodes, %d links; graph %zu, %zu", cJSON_GetArraySize(nodes),
             cJSON_GetArraySize(links), gx_graph_node_count(g), gx_graph_edge_count(g));
    size_t i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, nodes) {
        const cJSON *id = cJSON_GetObjectItemCaseSensitive(it, "id");
        const cJSON *label = cJSON_GetObjectItemCaseSensitive(it, "label");
        FZ_CHECK(cJSON_IsString(id) && strcmp(id->valuestring, S_node(g, (uint32_t)i)->id) == 0,
                 "JSON node %zu id", i);
        FZ_CHECK(cJSON_IsString(label) && fz_utf8_ok(label->valuestring, strlen(label->valuestring)) >= 0,
                 "JSON node %zu label is not a UTF-8 string", i);
        i++;
    }
    i = 0;
    cJSON_ArrayForEach(it, links) {
        const gx_edge *e = gx_graph_edge(g, i);
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(it, "source");
        const cJSON *t = cJSON_GetObjectItemCaseSensitive(it, "target");
        FZ_CHECK(cJSON_IsString(s) && cJSON_IsString(t) &&
                     strcmp(s->valuestring, S_node(g, e->source)->id) == 0 &&
                     strcmp(t->valuestring, S_node(g, e->target)->id) == 0,
                 "JSON link %zu ends", i);
        for (size_t k = 0; k < sizeof nums / sizeof *nums; k++)
            FZ_CHECK(cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(it, nums[k])),
                     "JSON link %zu: %s is not a number", i, nums[k]);
        i++;
    }
    cJSON_Delete(root);
    free(mem.buf);
}

static void S_check_dot(const gx_graph *g) {
    S_mem mem;
    S_mem_open(&mem);
    gx_status rc = gx_emit_dot(g, mem.f, "fuzz.dot", S_d);
    S_mem_close(&mem);
    FZ_CHECK(rc == GX_OK, "gx_emit_dot returned %d", (int)rc);
    FZ_CHECK(strlen(mem.buf) == mem.len, "NUL byte in the DOT output");
    Agraph_t *dg = agmemread(mem.buf);
    FZ_CHECK(dg != NULL, "DOT does not parse (agmemread)");
    FZ_CHECK((size_t)agnnodes(dg) == gx_graph_node_count(g) &&
                 (size_t)agnedges(dg) == gx_graph_edge_count(g),
             "DOT has %d nodes, %d edges; graph %zu, %zu", agnnodes(dg), agnedges(dg),
             gx_graph_node_count(g), gx_graph_edge_count(g));
    for (size_t i = 0; i < gx_graph_node_count(g); i++)
        FZ_CHECK(agnode(dg, (char *)S_node(g, (uint32_t)i)->id, 0) != NULL, "DOT lacks node %s",
                 S_node(g, (uint32_t)i)->id);
    for (size_t i = 0; i < gx_graph_edge_count(g); i++) {
        const gx_edge *e = gx_graph_edge(g, i);
        Agnode_t *a = agnode(dg, (char *)S_node(g, e->source)->id, 0);
        Agnode_t *b = agnode(dg, (char *)S_node(g, e->target)->id, 0);
        FZ_CHECK(agedge(dg, a, b, NULL, 0) != NULL, "DOT lacks edge %zu", i);
    }
    agclose(dg);
    free(mem.buf);
}

/* ---------------------------------------------------------------- the run */

/* Next line of [*p, end): sets *line and *len (no '\n') and advances *p. 0 at the end. */
static int S_line(const uint8_t **p, const uint8_t *end, const uint8_t **line, size_t *len) {
    if (*p >= end) return 0;
    const uint8_t *nl = memchr(*p, '\n', (size_t)(end - *p));
    *line = *p;
    *len = nl ? (size_t)(nl - *p) : (size_t)(end - *p);
    *p = nl ? nl + 1 : end;
    return 1;
}

/* The engine for this input: a cached one when there are no extra lines, else built from the
 * base dictionary plus fuzz.tsv. NULL when the dictionary does not load; *owned set if the
 * caller frees it. */
static gx_engine *S_engine(int base, int nested, int t2s, const uint8_t *dict, size_t dict_len,
                          int *owned) {
    *owned = 0;
    t2s &= S_t2s_ok;
    if (base == 3 || (dict_len == 0 && S_cached[base][nested][t2s]))
        return S_cached[base][nested][t2s];
    const char *fuzz = fz_path("fuzz.tsv");
    fz_write(fuzz, 0, dict, dict_len);
    const char *paths[2];
    size_t n = 0;
    if (base) paths[n++] = S_base_path[base];
    paths[n++] = fuzz;
    gx_engine *e = NULL;
    gx_status rc = gx_engine_new(paths, NULL, n, nested, S_d, &e);
    FZ_CHECK(rc == GX_OK || rc == GX_EDICT || rc == GX_ELIMIT, "gx_engine_new returned %d", (int)rc);
    FZ_CHECK((rc == GX_OK) == (e != NULL), "engine and status disagree");
    if (rc != GX_OK) return NULL;
    if (t2s) FZ_CHECK(gx_engine_set_t2s(e, S_d) == GX_OK, "gx_engine_set_t2s failed");
    if (dict_len == 0) S_cached[base][nested][t2s] = e;
    else *owned = 1;
    return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size < 2 || size > S_MAX_INPUT + 2) return 0;
    LLVMFuzzerInitialize(NULL, NULL);
    uint8_t o0 = data[0], o1 = data[1];
    const uint8_t *p = data + 2, *end = data + size, *line;
    size_t len;
    int base = (o0 >> 3) & 3, nested = (o0 >> 2) & 1;
    for (int k = 0; k < (o1 & 15) && S_line(&p, end, &line, &len); k++) {}
    const uint8_t *dict = data + 2;
    size_t dict_len = (size_t)(p - dict);
    int owned;
    gx_engine *e = S_engine(base, nested, (o1 >> 4) & 1, base == 3 ? NULL : dict,
                            base == 3 ? 0 : dict_len, &owned);
    if (!e) return 0;

    gx_link_opts lo = {(gx_window)(o0 & 3), (o1 & 128) ? 8 : 120};
    gx_graph *g = gx_graph_new_ev(S_evidence[o0 >> 5]);
    gx_worker *w = gx_worker_new(e);
    uint32_t *node_of = NULL;
    size_t seq = 0;
    for (int more = 1; more && seq < S_MAX_DOCS;) {
        const uint8_t *ff = (o1 & 32) ? memchr(p, '\f', (size_t)(end - p)) : NULL;
        const uint8_t *dend = ff ? ff : end;
        const uint8_t *t = p;
        size_t tn = (size_t)(dend - p);
        more = ff != NULL;
        p = ff ? ff + 1 : end;
        if (tn >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) t += 3, tn -= 3;
        if (fz_utf8_ok((const char *)t, tn) < 0) continue;
        gx_doc doc = {0};
        char id[16];
        snprintf(id, sizeof id, "d%zu", seq);
        doc.id = strdup(id);
        doc.orig = malloc(tn + 1);
        if (tn) memcpy(doc.orig, t, tn);
        doc.orig[tn] = '\0';
        doc.orig_len = tn;
        doc.file = "fuzz";
        doc.seq = seq++;
        const gx_mentions *ms = NULL;
        gx_status rc = gx_worker_doc(w, &doc, S_d, &ms);
        FZ_CHECK(rc == GX_OK && ms != NULL, "gx_worker_doc returned %d on valid UTF-8", (int)rc);
        S_check_mentions(&doc, ms);
        gx_link_doc(g, &doc, ms, &lo, S_d, &node_of);
        for (size_t i = 0; i < ms->n; i++)
            FZ_CHECK(node_of[i] < gx_graph_node_count(g), "node_of[%zu] = %u of %zu", i, node_of[i],
                     gx_graph_node_count(g));
        gx_worker_relate(w, g, &doc, ms, node_of, S_d);
        gx_doc_clear(&doc);
    }
    char buf[32];
    snprintf(buf, sizeof buf, "%zu", seq);
    gx_graph_set_info(g, "generator", "guanxi fuzz");
    gx_graph_set_info(g, "window", gx_window_name(lo.window));
    gx_graph_set_info(g, "documents", buf);
    gx_graph_finish(g);
    size_t bad = gx_graph_check(g, stderr);
    FZ_CHECK(bad == 0, "gx_graph_check found %zu violations", bad);
    S_check_graphml(g, 0);
    if (o1 & 64) S_check_graphml(g, 1);
    S_check_json(g);
    S_check_dot(g);

    free(node_of);
    gx_worker_free(w);
    gx_graph_free(g);
    if (owned) gx_engine_free(e);
    return 0;
}
