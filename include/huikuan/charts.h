/*
 * charts.h — the chart catalogue, and drawing a chart with gnuplot.
 *
 * Each chart is one gnuplot script, plots/NAME.gp, that reads CSV files
 * of a results folder and writes NAME.png and NAME.svg. A chart applies
 * to a folder when its input file is there and holds at least one row
 * below the header. Scenario i (0-based, in summary.csv order) is drawn
 * in charts_colour(i) in every chart and in the report; plots/common.gp
 * holds the same palette.
 *
 * Drawing never leaves a partial image: gnuplot writes into a private
 * folder DIR/plots/.NAME.tmp-HOST-PID-XXXXXX; only when both its files
 * are complete (charts_file_complete) and flushed are they renamed into
 * DIR/plots/, so a chart that fails, a full disk included, leaves the
 * earlier NAME.png and NAME.svg as they were. The CSV files are only
 * ever read.
 */
#ifndef HUIKUAN_CHARTS_H
#define HUIKUAN_CHARTS_H

#include <stddef.h>
#include "huikuan/error.h"

struct chart {
    const char *name;    /* script plots/NAME.gp, images NAME.png and NAME.svg */
    const char *input;   /* the CSV file it needs in the results folder */
    const char *header;  /* how that file's header begins (as every version wrote
                          * it): the script reads these columns by their place */
    const char *title;   /* a heading for the report */
    const char *caption; /* what it shows, for the report */
};

enum { CHART_COUNT = 8 };

/* The catalogue, in the order the report shows the charts. */
const struct chart *chart_get(int index);

/* The chart called name, or NULL. */
const struct chart *chart_find(const char *name);

/* Fills which[] with the indices of the charts that apply to dir and
 * returns how many. */
int charts_applicable(const char *dir, int which[CHART_COUNT]);

/* Colour "#RRGGBB" of the scenario at 0-based position index. */
const char *charts_colour(int index);
/* The CSS background of scenario index's swatch in the report: its
 * colour, hatched from the ninth scenario on, as its bars are. */
void charts_swatch_css(int index, char *buf, size_t size);

/* The palette as gnuplot's word list, "#0072B2 #E69F00 ...". */
const char *charts_palette_words(void);

/* Finds the folder of chart scripts: $HUIKUAN_PLOTS if set, else plots/
 * beside or above the executable (self = /proc/self/exe or argv[0]),
 * else ./plots. The folder must hold common.gp. */
int charts_find_scripts(const char *self, char *out, size_t size, struct hk_error *err);

/* Finds an executable gnuplot on PATH. */
int charts_find_gnuplot(char *out, size_t size, struct hk_error *err);

/* Writes text as a gnuplot single-quoted string ('' for each quote).
 * Returns 0, or -1 if it does not fit. */
int charts_gnuplot_quote(const char *text, char *out, size_t size);

/* Makes sure DIR/plots exists (creating it: *created = 1) and can be
 * written, once, before any chart is drawn; HK_EINPUT with one message
 * if not. */
int charts_prepare_folder(const char *dir, int *created, struct hk_error *err);

/* 1 if name is NAME.png or NAME.svg of a chart of the catalogue. */
int charts_file_name(const char *name);

/* Whether every chart file in dir/plots (NAME.png or NAME.svg of the
 * catalogue) is one huikuan drew: where the results folder keeps a list
 * of what huikuan wrote, one it does not name is the user's, and plot
 * would draw over it and report show it as its own. HK_EINPUT naming the
 * first such file; HK_OK if there is none, or no list (a folder of an
 * earlier version, where names alone decide). dir/plots itself, if
 * there, must be a folder, not a link: HK_EINPUT else. */
int charts_check_own(const char *dir, struct hk_error *err);

/* After the charts: a DIR/plots that charts_prepare_folder() created
 * (created = 1) and no chart went into is removed again. */
void charts_release_folder(const char *dir, int created);

/* Runs scripts/NAME.gp on dir and moves NAME.png and NAME.svg into
 * dir/plots, which charts_prepare_folder() has made ready. HK_EIO naming
 * the script and gnuplot's message if it fails, or naming the file that
 * came out incomplete (and saying so if the disk is full); nothing in
 * dir/plots is changed then. */
int charts_render(const char *gnuplot, const char *scripts, const char *dir,
                  const struct chart *c, struct hk_error *err);

/* 1 if path, a PNG or an SVG by its name's ending, is whole: a PNG that
 * opens with the PNG signature and ends with its IEND chunk, an SVG whose
 * last tag is its closing </svg>. 0 if it is cut short, empty, missing or
 * neither. gnuplot exits 0 even when a write fails, so this is how a
 * chart is known to be drawn. */
int charts_file_complete(const char *path);

/* Removes the staging folders in dir/plots that a plot or report killed
 * while drawing left behind (see output_sweep_abandoned). */
void charts_sweep_staging(const char *dir);

#endif
