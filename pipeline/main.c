/* main.c: the command line. Parses arguments into a gx_opts, calls gx_run(), maps the status to
 * an exit code (0 ok, 1 data or I/O error, 2 usage). No pipeline work happens here.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "gx_dict.h"
#include "gx_emit.h"
#include "gx_engine.h"
#include "gx_eval.h"
#include "gx_image.h"
#include "gx_read.h"
#include "gx_run.h"

static const struct {
    gx_status status;
    int code;
} S_exit_codes[] = {
    {GX_OK, 0},     {GX_EIO, 1},    {GX_EUTF8, 1}, {GX_EINPUT, 1},  {GX_EDICT, 1},
    {GX_ELIMIT, 1}, {GX_EICU, 1},   {GX_ELIB, 1},  {GX_EUSAGE, 2}, {GX_EINTR, 130},
};

static int S_exit_code(gx_status st) {
    for (size_t i = 0; i < sizeof S_exit_codes / sizeof *S_exit_codes; i++)
        if (S_exit_codes[i].status == st) return S_exit_codes[i].code;
    return 1;
}

static const char S_usage_top[] =
    "usage: guanxi COMMAND [OPTIONS] INPUT...\n"
    "\n"
    "Reads Chinese text and builds a knowledge graph of the organizations, people, places and\n"
    "programs it mentions.\n"
    "\n"
    "commands:\n"
    "  extract   write OUT/graph.graphml, OUT/graph.dot and OUT/graph.json\n"
    "  mentions  print every mention as one JSON object a line on stdout\n"
    "  render    draw the graph as SVG and PNG with Graphviz\n"
    "  eval      score the mentions against gold annotations (guanxi eval GOLD [INPUT...])\n"
    "  map       a partial graph of JSONL documents as key/value lines (Hadoop, Spark)\n"
    "  reduce    merge partial graphs into the graph files (or into lines again)\n"
    "  dict      check dictionaries (guanxi dict check PATH...) or compile them into an\n"
    "            image that -d maps (guanxi dict compile PATH... -o FILE.gxd)\n"
    "  suggest   dictionary lines for what the inputs have and the dictionaries lack\n"
    "\n"
    "Run 'guanxi COMMAND --help' for the options of a command; 'guanxi --version'.\n";

/* The commands. Columns: name, arguments, what it does, extra option lines. */
static const struct {
    const char *name, *args, *what, *options;
} S_commands[] = {
    {"extract", "[OPTIONS] INPUT...", "Writes the graph of the inputs as GraphML, DOT and JSON.",
     "  -o, --out DIR       output folder (default: out)\n"
     "  -f, --format LIST   comma list of graphml,dot,json (default: all three)\n"
     "      --window W      co-mention window: sentence (default) | paragraph | document\n"
     "      --window-chars N  co-mention window: blocks of whole sentences of about N characters\n"
     "      --evidence K    evidence items kept per node and edge (default 3, at most 64)\n"
     "      --edges-jsonl FILE  also write every evidence item of every edge to FILE\n"
     "      --yed           GraphML with yFiles labels and colours for yEd\n"
     "pruning (applied in this order):\n"
     "      --types LIST    keep only these kinds: comma list of org,person,place,program\n"
     "      --min-weight W  drop co-mention edges lighter than W (typed relations stay)\n"
     "      --top-edges N   keep each node's N strongest edges\n"
     "      --largest-component  keep only the largest connected part\n"},
    {"mentions", "[OPTIONS] INPUT...",
     "Prints every mention as one JSON object a line on stdout:\n"
     "{\"doc\",\"start\",\"end\",\"type\",\"text\",\"entity\",\"source\"} (code-point offsets\n"
     "into the original text; \"nested\": true on a mention inside another).",
     ""},
    {"render", "[OPTIONS] INPUT...",
     "Draws the graph of the inputs with Graphviz: OUT/graph.svg and OUT/graph.png (network\n"
     "view, sfdp) or OUT/hierarchy.svg and .png (part_of and located_in, dot). Without pruning\n"
     "options it keeps the 150 most mentioned entities, 6 edges each, the largest connected part.",
     "  -o, --out DIR       output folder (default: out)\n"
     "      --view V        network (default) | hierarchy\n"
     "      --window W      co-mention window: sentence (default) | paragraph | document\n"
     "      --max-nodes N   keep the N most mentioned entities\n"
     "      --types LIST, --min-weight W, --top-edges N, --largest-component  as for extract\n"},
    {"eval", "GOLD [OPTIONS] [INPUT...]",
     "Scores the mentions against gold annotations and prints P/R/F1 per type, micro and macro.\n"
     "GOLD is a JSONL file ({\"id\",\"text\",\"entities\":[[start,end,TYPE,surface],...]}; exact\n"
     "span and type) or a folder of per-document entity TSVs (type, canonical, aliases, count,\n"
     "flags; the texts are the INPUTs, matched by file name; entity level).",
     "      --errors        also list every miss (FN) and false hit (FP) with its context\n"},
    {"map", "[OPTIONS] [INPUT...]",
     "Writes the partial graph of the inputs (default: JSONL documents on stdin, each with an\n"
     "\"id\") as tab-separated key/value lines on stdout, sorted by key. 'guanxi map | sort |\n"
     "guanxi reduce -o DIR' writes what 'guanxi extract -o DIR' writes, also when the input is\n"
     "split into shards mapped separately.",
     "      --window W      co-mention window: sentence (default) | paragraph | document\n"
     "      --window-chars N  co-mention window: blocks of whole sentences of about N characters\n"
     "      --evidence K    evidence items kept per node and edge (default 3, at most 64; at\n"
     "                      least what reduce keeps)\n"},
    {"reduce", "[OPTIONS] [INPUT...]",
     "Merges the partial graphs of 'guanxi map' (default: lines on stdin; any order, any number\n"
     "of maps) and writes the graph files as extract does, or with --lines the merged partial\n"
     "graph as lines again (a combiner, or a reducer of one key range).",
     "  -o, --out DIR       output folder (default: out)\n"
     "  -f, --format LIST   comma list of graphml,dot,json (default: all three)\n"
     "      --lines         write the merged partial graph as lines on stdout instead\n"
     "      --evidence K    evidence items kept per node and edge (default 3, at most 64)\n"
     "      --yed           GraphML with yFiles labels and colours for yEd\n"
     "      --types LIST, --min-weight W, --top-edges N, --largest-component  as for extract\n"},
    {"dict", "check [OPTIONS] PATH...",
     "Checks dictionary files and folders (native, jieba or HanLP) as guanxi would load them, in\n"
     "the order given: malformed lines, duplicates, conflicting types, canonical names and\n"
     "parents that are not entries, non-NFKC and full-width forms, stray spaces, control and\n"
     "invisible characters, entries shadowed by a negative entry. Prints each finding as\n"
     "'guanxi: error|warning: FILE:LINE: message' on stderr and a count on stdout.",
     "  -d, --dict PATH     a PATH too (PATHs and -d paths are read in the order given)\n"
     "      --dict-format F native | jieba | hanlp | auto (default): how the PATHs after it\n"
     "                      are read (auto: by file name; see dicts/README.md)\n"
     "  -q, --quiet         no count on stdout\n"
     "  -h, --help          this help\n"
     "Exit status: 0 no errors (warnings allowed), 1 errors, 2 usage error.\n"},
    {"suggest", "[OPTIONS] INPUT...",
     "Prints, best first, dictionary lines for what the inputs have and the dictionaries lack:\n"
     "names the rules found that no dictionary lists, and frequent, cohesive n-grams shaped\n"
     "like a name before a suffix, a person's name or a numbered formula. Each line is\n"
     "surface<TAB>type<TAB><TAB> and a comment field '#' followed by count, documents, score,\n"
     "source and an example context: it loads with -d as it is ('cut -f1-4' keeps only the\n"
     "dictionary part). Runs on one thread.",
     "      --min-count N   leave out candidates seen fewer than N times (default 3)\n"
     "      --top N         write only the N best (default: all)\n"
     "      --type LIST     only these kinds: comma list of org,person,place,program\n"},
};

static const char S_usage_cmd[] =
    "usage: guanxi %s %s\n"
    "\n"
    "%s\n"
    "\n"
    "options:\n"
    "  -d, --dict PATH     dictionary file or folder of *.tsv, repeatable; later ones override\n"
    "                      earlier ones (default: %s)\n"
    "      --dict-format F native | jieba | hanlp | auto (default): how the -d paths after it\n"
    "                      are read (auto: by file name; see dicts/README.md)\n"
    "%s"
    "      --nested        also report mentions inside mentions (惠济区 in 惠济区人民法院)\n"
    "      --encoding E    text encoding: auto (default: BOM, else UTF-8 if valid, else\n"
    "                      detected), utf-8, gb18030, gbk, big5, utf-16, utf-16le, utf-16be\n"
    "      --lossy         replace what does not decode by U+FFFD (counted) instead of failing\n"
    "      --t2s           read traditional characters as simplified (offsets stay those of the\n"
    "                      original text)\n"
    "  -j, --jobs N        worker threads (default: all cores, at most 256); outputs are the\n"
    "                      same for every N\n"
    "  -q, --quiet         no progress and no summary on stderr (progress shows only when\n"
    "                      stderr is a terminal)\n"
    "  -h, --help          this help\n"
    "      --version       print the version\n"
    "\n"
    "INPUT: a .txt file (one document; id = file name without .txt), a folder (every .txt\n"
    "below it, sorted by path; id = relative path without .txt), a .jsonl file (one document\n"
    "a line: {\"id\": ..., \"text\": ...}), or - (stdin, one document, id \"-\").\n"
    "Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n";

static int S_command(const char *name) {
    for (size_t i = 0; i < sizeof S_commands / sizeof *S_commands; i++)
        if (strcmp(S_commands[i].name, name) == 0) return (int)i;
    return -1;
}

static void S_usage(FILE *f, const char *cmd) {
    int c = cmd ? S_command(cmd) : -1;
    if (c < 0) {
        fputs(S_usage_top, f);
        return;
    }
    if (strcmp(cmd, "dict") == 0) /* its own options only */
        fprintf(f, "usage: guanxi %s %s\n\n%s\n\noptions:\n%s", cmd, S_commands[c].args,
                S_commands[c].what, S_commands[c].options);
    else
        fprintf(f, S_usage_cmd, cmd, S_commands[c].args, S_commands[c].what, gx_default_dicts(),
                S_commands[c].options);
}

static int S_usage_error(const char *cmd, const char *msg, const char *arg) {
    fprintf(stderr, "guanxi: error: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    fprintf(stderr, "Try 'guanxi %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return 2;
}

enum { S_OPT_WINDOW = 256, S_OPT_VERSION, S_OPT_NESTED, S_OPT_ERRORS, S_OPT_WINDOW_CHARS,
       S_OPT_EVIDENCE, S_OPT_MIN_WEIGHT, S_OPT_TOP_EDGES, S_OPT_TYPES, S_OPT_LARGEST,
       S_OPT_EDGES_JSONL, S_OPT_YED, S_OPT_VIEW, S_OPT_MAX_NODES, S_OPT_LINES, S_OPT_ENCODING,
       S_OPT_LOSSY, S_OPT_T2S, S_OPT_DICT_FORMAT,
       S_OPT_MIN_COUNT, S_OPT_TOP, S_OPT_TYPE };

static const struct option S_longopts[] = {
    {"dict", required_argument, NULL, 'd'},   {"out", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'f'}, {"window", required_argument, NULL, S_OPT_WINDOW},
    {"quiet", no_argument, NULL, 'q'},        {"help", no_argument, NULL, 'h'},
    {"jobs", required_argument, NULL, 'j'},
    {"nested", no_argument, NULL, S_OPT_NESTED},   {"errors", no_argument, NULL, S_OPT_ERRORS},
    {"window-chars", required_argument, NULL, S_OPT_WINDOW_CHARS},
    {"evidence", required_argument, NULL, S_OPT_EVIDENCE},
    {"min-weight", required_argument, NULL, S_OPT_MIN_WEIGHT},
    {"top-edges", required_argument, NULL, S_OPT_TOP_EDGES},
    {"types", required_argument, NULL, S_OPT_TYPES},
    {"largest-component", no_argument, NULL, S_OPT_LARGEST},
    {"edges-jsonl", required_argument, NULL, S_OPT_EDGES_JSONL},
    {"yed", no_argument, NULL, S_OPT_YED},
    {"view", required_argument, NULL, S_OPT_VIEW},
    {"max-nodes", required_argument, NULL, S_OPT_MAX_NODES},
    {"lines", no_argument, NULL, S_OPT_LINES},
    {"encoding", required_argument, NULL, S_OPT_ENCODING},
    {"lossy", no_argument, NULL, S_OPT_LOSSY},
    {"t2s", no_argument, NULL, S_OPT_T2S},
    {"dict-format", required_argument, NULL, S_OPT_DICT_FORMAT},
    {"min-count", required_argument, NULL, S_OPT_MIN_COUNT},
    {"top", required_argument, NULL, S_OPT_TOP},
    {"type", required_argument, NULL, S_OPT_TYPE},
    {"version", no_argument, NULL, S_OPT_VERSION}, {NULL, 0, NULL, 0},
};

/* Parses a decimal integer in lo..hi. */
static int S_uint(const char *s, unsigned long lo, unsigned long hi, uint32_t *out) {
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi || *s == '-') return 0;
    *out = (uint32_t)v;
    return 1;
}

/* Cores online, at least 1 and at most GX_MAX_THREADS. */
static size_t S_cores(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > GX_MAX_THREADS ? GX_MAX_THREADS : (size_t)n;
}

/* Appends a dictionary path read as format f to o's lists (*dicts, *formats). */
static void S_add_dict(gx_opts *o, const char ***dicts, gx_dict_format **formats, const char *path,
                       gx_dict_format f) {
    *dicts = gx_xrealloc(*dicts, (o->n_dicts + 1) * sizeof **dicts);
    *formats = gx_xrealloc(*formats, (o->n_dicts + 1) * sizeof **formats);
    (*dicts)[o->n_dicts] = path;
    (*formats)[o->n_dicts++] = f;
}

/* Parses the options of a command into o; returns -1 to go on, else an exit code. */
static int S_parse(int argc, char **argv, const char *cmd, gx_opts *o, const char ***dicts,
                   gx_dict_format **formats) {
    int c, pending = 0; /* pending: a --dict-format no -d followed yet */
    gx_dict_format format = GX_DICT_AUTO;
    int dict_cmd = o->command == GX_CMD_DICT_CHECK; /* its PATHs come in order, as -d */
    optind = 1;
    opterr = 0; /* we print our own message, naming the option */
    while ((c = getopt_long(argc, argv, dict_cmd ? "-:d:o:f:j:qh" : ":d:o:f:j:qh", S_longopts,
                            NULL)) != -1) {
        switch (c) {
        case 1: /* dict check: a PATH */
        case 'd':
            S_add_dict(o, dicts, formats, optarg, format);
            pending = 0;
            break;
        case S_OPT_DICT_FORMAT:
            if (!gx_dict_format_parse(optarg, &format))
                return S_usage_error(cmd, "--dict-format needs native, jieba, hanlp or auto",
                                     optarg);
            pending = 1;
            break;
        case 'o': o->out_dir = optarg; break;
        case 'f':
            if (!gx_format_parse(optarg, &o->formats))
                return S_usage_error(cmd, "unknown format list (use graphml,dot,json)", optarg);
            break;
        case S_OPT_WINDOW:
            if (!gx_window_parse(optarg, &o->link.window))
                return S_usage_error(cmd, "unknown window (use sentence, paragraph, document)",
                                     optarg);
            break;
        case 'q': o->quiet = 1; break;
        case 'j': {
            uint32_t j;
            if (!S_uint(optarg, 1, GX_MAX_THREADS, &j))
                return S_usage_error(cmd, "-j needs a number of threads, 1..256 (GX_MAX_THREADS)",
                                     optarg);
            o->threads = j;
            break;
        }
        case S_OPT_NESTED: o->nested = 1; break;
        case S_OPT_ERRORS: o->errors = 1; break;
        case S_OPT_WINDOW_CHARS:
            if (!S_uint(optarg, 1, 1000000, &o->link.chars))
                return S_usage_error(cmd, "--window-chars needs a number of characters, 1..1000000", optarg);
            o->link.window = GX_WINDOW_CHARS;
            break;
        case S_OPT_MIN_WEIGHT:
            if (!S_uint(optarg, 0, UINT32_MAX, &o->prune.min_weight))
                return S_usage_error(cmd, "--min-weight needs a whole number", optarg);
            break;
        case S_OPT_TOP_EDGES:
            if (!S_uint(optarg, 1, UINT32_MAX, &o->prune.top_edges))
                return S_usage_error(cmd, "--top-edges needs a number of edges, 1 or more", optarg);
            break;
        case S_OPT_TYPES:
            if (!gx_prune_parse_kinds(optarg, &o->prune.kinds))
                return S_usage_error(cmd, "--types needs a comma list of org,person,place,program",
                                     optarg);
            break;
        case S_OPT_LARGEST: o->prune.largest_component = 1; break;
        case S_OPT_EDGES_JSONL: o->edges_jsonl = optarg; break;
        case S_OPT_YED: o->yed = 1; break;
        case S_OPT_LINES: o->lines = 1; break;
        case S_OPT_ENCODING:
            if (!gx_encoding_parse(optarg, &o->encoding))
                return S_usage_error(cmd, "--encoding needs auto, utf-8, gb18030, gbk, big5, "
                                          "utf-16, utf-16le or utf-16be", optarg);
            break;
        case S_OPT_LOSSY: o->lossy = 1; break;
        case S_OPT_T2S: o->t2s = 1; break;
        case S_OPT_VIEW:
            if (!gx_view_parse(optarg, &o->view))
                return S_usage_error(cmd, "--view needs network or hierarchy", optarg);
            break;
        case S_OPT_MAX_NODES:
            if (!S_uint(optarg, 1, UINT32_MAX, &o->prune.max_nodes))
                return S_usage_error(cmd, "--max-nodes needs a number, 1 or more", optarg);
            break;
        case S_OPT_EVIDENCE:
            if (!S_uint(optarg, 0, GX_MAX_EVIDENCE, &o->evidence))
                return S_usage_error(cmd, "--evidence needs a number 0..64 (GX_MAX_EVIDENCE)", optarg);
            break;
        case S_OPT_MIN_COUNT:
            if (!S_uint(optarg, 1, UINT32_MAX, &o->suggest.min_count))
                return S_usage_error(cmd, "--min-count needs a number, 1 or more", optarg);
            break;
        case S_OPT_TOP:
            if (!S_uint(optarg, 1, UINT32_MAX, &o->suggest.top))
                return S_usage_error(cmd, "--top needs a number, 1 or more", optarg);
            break;
        case S_OPT_TYPE:
            if (!gx_prune_parse_kinds(optarg, &o->suggest.kinds))
                return S_usage_error(cmd, "--type needs a comma list of org,person,place,program",
                                     optarg);
            break;
        case 'h': S_usage(stdout, cmd); return 0;
        case S_OPT_VERSION: printf("guanxi %s\n", GX_VERSION); return 0;
        case ':': return S_usage_error(cmd, "option needs a value", argv[optind - 1]);
        default: return S_usage_error(cmd, "unknown option", argv[optind - 1]);
        }
    }
    static const gx_prune_opts none = {0};
    if (strcmp(cmd, "render") == 0 && memcmp(&o->prune, &none, sizeof none) == 0)
        o->prune = (gx_prune_opts){.top_edges = 6, .max_nodes = 150, .largest_component = 1};
    o->inputs = (const char *const *)argv + optind;
    o->n_inputs = (size_t)(argc - optind);
    if (pending)
        return S_usage_error(cmd, "--dict-format applies to the dictionary paths after it; none "
                                  "follows", NULL);
    o->dicts = *dicts;
    o->dict_formats = *formats;
    if (dict_cmd) return o->n_dicts ? -1 : S_usage_error(cmd, "no PATH given", NULL);
    static const char *const S_stdin[] = {"-"};
    if (o->n_inputs == 0 && (strcmp(cmd, "map") == 0 || strcmp(cmd, "reduce") == 0))
        o->inputs = S_stdin, o->n_inputs = 1;
    if (o->threads == 0) o->threads = S_cores();
    o->progress = !o->quiet && isatty(STDERR_FILENO);
    if (o->n_inputs == 0)
        return S_usage_error(cmd, strcmp(cmd, "eval") == 0 ? "no GOLD given" : "no INPUT given", NULL);
    return -1;
}

static gx_status S_eval(const gx_opts *o, gx_diag *d) {
    gx_eval_opts e = {o->inputs[0], o->inputs + 1, o->n_inputs - 1, o->dicts, o->n_dicts,
                      o->nested,    o->errors,     stdout,       o->dict_formats};
    return gx_eval(&e, d);
}

static gx_status S_run(const gx_opts *o, gx_diag *d) {
    if (o->command == GX_CMD_EVAL) return S_eval(o, d);
    if (o->command == GX_CMD_DICT_CHECK)
        return gx_dict_check(o->dicts, o->dict_formats, o->n_dicts, o->quiet, stdout, d);
    return gx_run(o, d);
}

static void S_on_signal(int sig) {
    gx_emit_cleanup_temps();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* ---------------------------------------------------------------- guanxi dict compile */

static const char S_usage_compile[] =
    "usage: guanxi dict compile [OPTIONS] PATH... -o FILE\n"
    "\n"
    "Compiles dictionary files and folders (loaded in the order given, as -d loads them) into one\n"
    "image FILE (.gxd): entries and automaton, mapped as they are by 'guanxi extract -d FILE'.\n"
    "The image records its sources; a run refuses it once they changed (compile it again).\n"
    "\n"
    "options:\n"
    "  -o, --out FILE      the image to write (replaced only when complete)\n"
    "  -d, --dict PATH     a PATH too\n"
    "  -q, --quiet         no summary on stdout\n"
    "  -h, --help          this help\n"
    "Exit status: 0 ok, 1 data or I/O error, 2 usage error.\n";

/* guanxi dict compile ARGS (argv[0] is "compile"): parses its options, runs gx_dict_compile. */
static int S_dict_compile(int argc, char **argv) {
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'}, {"dict", required_argument, NULL, 'd'},
        {"quiet", no_argument, NULL, 'q'},     {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    const char **paths = gx_xcalloc((size_t)argc, sizeof *paths), *out = NULL;
    size_t n = 0;
    int c, quiet = 0, code = -1;
    optind = 1;
    opterr = 0;
    while (code < 0 && (c = getopt_long(argc, argv, "-:o:d:qh", longopts, NULL)) != -1) {
        if (c == 1 || c == 'd') paths[n++] = optarg;
        else if (c == 'o') out = optarg;
        else if (c == 'q') quiet = 1;
        else if (c == 'h') code = (fputs(S_usage_compile, stdout), 0);
        else code = S_usage_error("dict compile", c == ':' ? "option needs a value" : "unknown option",
                                  argv[optind - 1]);
    }
    if (code < 0 && (!n || !out))
        code = S_usage_error("dict compile", n ? "no -o FILE given" : "no PATH given", NULL);
    if (code < 0) {
        signal(SIGINT, S_on_signal);
        signal(SIGTERM, S_on_signal);
        gx_diag *d = gx_diag_new(stderr);
        code = S_exit_code(gx_dict_compile(paths, n, out, quiet, stdout, d));
        gx_diag_summary(d);
        gx_diag_free(d);
    }
    free(paths);
    return code;
}

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "dict") == 0 && strcmp(argv[2], "compile") == 0)
        return S_dict_compile(argc - 2, argv + 2);
    if (argc < 2) return S_usage_error(NULL, "no command given", NULL), S_usage(stderr, NULL), 2;
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) return S_usage(stdout, NULL), 0;
    if (strcmp(cmd, "--version") == 0) return printf("guanxi %s\n", GX_VERSION), 0;
    gx_opts o = {.out_dir = "out", .formats = GX_FORMAT_ALL, .out = stdout, .err = stderr,
                 .evidence = 3};
    static const gx_command cmds[] = {GX_CMD_EXTRACT, GX_CMD_MENTIONS, GX_CMD_RENDER,
                                      GX_CMD_EVAL,    GX_CMD_MAP,      GX_CMD_REDUCE,
                                      GX_CMD_DICT_CHECK, GX_CMD_SUGGEST};
    int c = S_command(cmd);
    if (c < 0) return S_usage_error(NULL, "unknown command", cmd);
    o.command = cmds[c];
    int shift = 1; /* guanxi dict check: the subcommand is one more word */
    if (o.command == GX_CMD_DICT_CHECK) {
        if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0))
            return S_usage(stdout, cmd), 0;
        if (argc < 3 || strcmp(argv[2], "check") != 0)
            return S_usage_error(cmd, "unknown dict command (use: guanxi dict check|compile PATH...)",
                                 argc < 3 ? NULL : argv[2]);
        shift = 2;
    }
    const char **dicts = NULL;
    gx_dict_format *formats = NULL;
    int code = S_parse(argc - shift, argv + shift, cmd, &o, &dicts, &formats);
    if (code < 0) {
        signal(SIGINT, S_on_signal);
        signal(SIGTERM, S_on_signal);
        gx_diag *d = gx_diag_new(stderr);
        code = S_exit_code(S_run(&o, d));
        gx_diag_summary(d);
        gx_diag_free(d);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "guanxi: error: stdout: write error: %s\n", strerror(errno));
            code = code ? code : 1;
        }
    }
    free(dicts);
    free(formats);
    return code;
}
