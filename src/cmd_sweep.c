/*
 * cmd_sweep.c — `huikuan sweep`: one scenario, one key, many values.
 *
 * Every value runs on the scenario's seed, so replication i of every
 * value draws the same random streams (common random numbers) and the
 * curve over values is smooth where the model is. Each value is a
 * scenario of its own in the results folder, named KEY-VALUE (KEY the
 * last part of section.key, e.g. penalty_daily_rate-0.0001), so the
 * usual files (summary.csv, ...) describe the sweep; sweep.csv adds the
 * parameter and its value as columns.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/analysis.h"
#include "huikuan/cli.h"
#include "huikuan/commands.h"
#include "huikuan/compare_table.h"
#include "huikuan/metrics.h"
#include "huikuan/output.h"
#include "huikuan/results.h"
#include "huikuan/runner.h"
#include "huikuan/stats.h"

/* KEY-VALUE, or value-N when that is not a valid scenario name. */
static void value_name(const char *key, const char *value, int index, char *buf, size_t size)
{
    const char *last = strrchr(key, '.');
    snprintf(buf, size, "%s-%s", last ? last + 1 : key, value);
    for (char *p = buf; *p; p++)
        if (!isalnum((unsigned char)*p) && *p != '_' && *p != '.' && *p != '-')
            *p = '_';
    if (strlen(buf) > 63)
        snprintf(buf, size, "value-%d", index + 1);
}

static int name_scenarios(struct scenario *sc, int count, const char *key,
                          const struct param_values *v)
{
    for (int i = 0; i < count; i++) {
        char name[128];
        value_name(key, v->text[i], i, name, sizeof name);
        snprintf(sc[i].name, sizeof sc[i].name, "%s", name);
    }
    for (int i = 0; i < count; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(sc[i].name, sc[j].name) == 0) {
                for (int k = 0; k < count; k++)
                    snprintf(sc[k].name, sizeof sc[k].name, "value-%d", k + 1);
                return 0;
            }
    return 0;
}

static int write_sweep_csv(struct output_dir *od, const struct run_set *set, const char *key,
                           const struct param_values *v, struct hk_error *err)
{
    int n = set->scenario[0].sim.replications;
    for (int s = 1; s < set->scenarios; s++)
        n = set->scenario[s].sim.replications > n ? set->scenario[s].sim.replications : n;
    double *buf = malloc(2 * (size_t)n * sizeof *buf);
    if (!buf)
        return hk_error_set(err, HK_EIO, "out of memory writing sweep.csv");
    FILE *f = output_dir_open(od, "sweep.csv", err);
    if (!f) {
        free(buf);
        return err->status;
    }
    fputs("param,value,metric,mean,sd,ci95_low,ci95_high,n\n", f);
    for (int s = 0; s < set->scenarios; s++) {
        for (int m = 0; m < METRIC_COUNT; m++) {
            struct stats_summary sum = results_summarise_metric(set, s, m, buf, buf + n);
            int kind = metric_info(m)->kind;
            struct csv_row row;
            output_csv_begin(&row, f);
            output_csv_text(&row, key);
            output_csv_text(&row, v->text[s]);
            output_csv_text(&row, metric_info(m)->name);
            output_csv_number(&row, kind, sum.mean);
            output_csv_number(&row, kind, sum.sd);
            output_csv_number(&row, kind, sum.ci95_low);
            output_csv_number(&row, kind, sum.ci95_high);
            output_csv_int(&row, (long long)sum.n);
            output_csv_end(&row);
        }
    }
    free(buf);
    return output_dir_close(od, f, "sweep.csv", err);
}

static int prepare(struct cli_options *o, struct scenario **out, int *count,
                   struct param_values *v, char *base_name, struct hk_error *err)
{
    const char *key = cli_extra(o, "--param"), *spec = cli_extra(o, "--values");
    if (cli_one_scenario(o, err) != HK_OK)
        return err->status;
    if (!key || !spec)
        return hk_error_set(err, HK_EINPUT, "sweep: %s is required (sweep S.ini --param "
                            "section.key --values FROM:TO:STEPS|v1,v2,...)",
                            key ? "--values" : "--param");
    struct scenario base;
    int type;
    if (cli_load_scenario(o, o->positional[0], &base, err) != HK_OK ||
        analysis_param("--param", key, 0, (const char *const *)o->sets, o->set_count, &type,
                       err) != HK_OK ||
        analysis_parse_values(key, type, spec, &base, v, err) != HK_OK)
        return err->status;
    snprintf(base_name, sizeof base.name, "%s", base.name);
    struct scenario *sc = calloc((size_t)v->count, sizeof *sc);
    if (!sc)
        return hk_error_set(err, HK_EIO, "out of memory");
    char origin[300];
    snprintf(origin, sizeof origin, "--values %s", spec);
    for (int i = 0; i < v->count; i++)
        analysis_apply(&sc[i], &base, key, v->text[i], origin, err); /* checked when parsed */
    name_scenarios(sc, v->count, key, v);
    *out = sc;
    *count = v->count;
    return err->status;
}

int cmd_sweep(int argc, char **argv)
{
    static const char *const extra[] = {"--param", "--values", NULL};
    struct cli_options o;
    struct hk_error err;
    hk_error_clear(&err);
    if (cli_parse(&o, argc, argv, extra, &err) != HK_OK)
        return cli_report(&err);
    struct scenario *sc = NULL;
    struct param_values v = {0};
    int count = 0;
    char base_name[64] = "";
    if (prepare(&o, &sc, &count, &v, base_name, &err) != HK_OK) {
        free(sc);
        analysis_values_free(&v);
        return cli_report(&err);
    }
    char dir[4096], name[128];
    snprintf(name, sizeof name, "%s-sweep", base_name);
    struct output_dir *od = cli_output_begin(&o, name, dir, sizeof dir, &err);
    if (!od) {
        free(sc);
        analysis_values_free(&v);
        return cli_report(&err);
    }
    if (strcmp(cli_extra(&o, "--param"), "customers.behaviour") != 0)
        cli_note_unused_chain(o.positional[0], &sc[0]);
    struct run_set set = {0};
    int rc = runner_run(&set, sc, count, o.threads, !o.quiet, &err);
    if (rc == HK_OK)
        rc = results_write(od, &set, 1, o.recorded, &err);
    if (rc == HK_OK)
        rc = write_sweep_csv(od, &set, cli_extra(&o, "--param"), &v, &err);
    if (rc == HK_OK) /* the values ran on one seed: their differences are paired */
        rc = results_write_compare(od, &set, &err);
    /* The table before the results are kept, as compare prints it: if it
     * cannot be printed, the folder keeps what it held. */
    char what[160];
    snprintf(what, sizeof what, "values of %s", cli_extra(&o, "--param"));
    if (rc == HK_OK) /* one value has nothing to differ from */
        rc = count > 1 ? compare_table_print(stdout, &set, what, 0, &err)
                       : compare_table_print_one(stdout, &set, &err);
    int printed;
    rc = cli_keep_if_printed(od, rc, &printed, &err);
    runner_free(&set);
    free(sc);
    analysis_values_free(&v);
    if (rc != HK_OK)
        return cli_report(&err);
    if (!printed)
        return 1;
    if (!o.quiet)
        cli_note_results(dir);
    return 0;
}
