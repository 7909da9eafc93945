/* gx_run.h: the pipeline runner: read -> normalize -> sentences -> match -> entities -> link
 * -> emit, one document at a time. main.c only parses the command line into a gx_opts.
 */
#ifndef GX_RUN_H
#define GX_RUN_H

#include <stdio.h>
#include "gx_common.h"
#include "gx_diag.h"
#include "gx_dict.h"
#include "gx_link.h"
#include "gx_prune.h"
#include "gx_read.h"
#include "gx_render.h"
#include "gx_suggest.h"

typedef enum {
    GX_CMD_EXTRACT,
    GX_CMD_MENTIONS,
    GX_CMD_EVAL,
    GX_CMD_RENDER,
    GX_CMD_MAP,   /* partial graph lines of the inputs on out */
    GX_CMD_REDUCE, /* inputs are partial graph lines: graph files, or lines with `lines` */
    GX_CMD_DICT_CHECK, /* main.c: gx_dict_check on the dictionary paths (dicts) */
    GX_CMD_SUGGEST /* dictionary lines for what the dictionaries lack, on out */
} gx_command;

typedef struct {
    gx_command command;
    const char *const *inputs; /* INPUT arguments (files, folders, .jsonl, "-") */
    size_t n_inputs;
    const char *const *dicts;  /* -d paths in order; none: gx_default_dicts() */
    size_t n_dicts;
    const gx_dict_format *dict_formats; /* per dicts[i]: its --dict-format (NULL: all auto) */
    const char *out_dir;       /* extract: output folder */
    unsigned formats;          /* extract: gx_format bits */
    gx_link_opts link;         /* co-mention window */
    uint32_t evidence;         /* evidence items kept per node and edge */
    gx_prune_opts prune;       /* extract: what to leave out of the written graph */
    const char *edges_jsonl;   /* extract: also write every evidence item here (or NULL) */
    int yed;                   /* extract: GraphML with yFiles labels and colours */
    int lines;                 /* reduce: write the merged partial graph as lines on out */
    gx_view view;              /* render: network or hierarchy */
    int quiet;                 /* no summary on stderr */
    int progress;              /* show progress on stderr (main: a terminal and not quiet) */
    size_t threads;            /* worker threads (0 or 1: the main thread only) */
    int nested;                /* also report mentions inside mentions */
    gx_encoding encoding;      /* of text inputs (GX_ENC_AUTO = 0) */
    int lossy;                 /* replace undecodable bytes by U+FFFD instead of failing */
    int t2s;                   /* map traditional characters to simplified before matching */
    int errors;                /* eval: list misses and false hits */
    FILE *out;                 /* mentions: where the lines go */
    FILE *err;                 /* summary stream */
    gx_suggest_opts suggest;   /* suggest: --min-count, --top, --type */
} gx_opts;

/* Runs the command. Returns GX_OK or the status of the first error (its message is in d). */
GX_MUST_CHECK gx_status gx_run(const gx_opts *o, gx_diag *d);

#endif
