/*
 * report_settings.c — the report's section on scenarios and their
 * settings: what each rep is paid for, in a manager's words, and every
 * setting that differs between the scenarios, or that the page's
 * numbers rest on.
 */
#include <dirent.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "huikuan/charts.h"
#include "huikuan/html.h"
#include "huikuan/money.h"
#include "huikuan/scheme.h"
#include "report_internal.h"

static void money(FILE *out, cents_t c)
{
    char buf[64];
    html_number((double)c / 100.0, 2, buf, sizeof buf);
    fputs(buf, out);
}

static void percent(FILE *out, double share)
{
    fprintf(out, "%.4g&nbsp;%%", share * 100);
}

/* One line a manager can read: what the rep is paid for, and charged
 * for: bad debt and, where the firm takes goods back, what they lose
 * (scheme.c). */
static void describe_scheme(FILE *out, const struct scenario *sc)
{
    const struct scheme_params *p = &sc->scheme;
    const char *goods = sc->collection.repossess ? " and on what goods taken back lose" : "";
    fputs("base ", out);
    money(out, p->base_salary);
    fputs(" a month", out);
    if (p->commission_sales > 0) {
        fputs("; ", out);
        percent(out, p->commission_sales);
        fputs(" of sales", out);
    }
    if (p->commission_collected > 0) {
        fputs("; ", out);
        percent(out, p->commission_collected);
        fputs(" of cash collected", out);
    }
    if (p->penalty_daily_rate > 0) {
        fputs("; penalty ", out);
        percent(out, p->penalty_daily_rate);
        if (p->penalty_grace_days > 0)
            fprintf(out, " a day on balances over %d days past due", p->penalty_grace_days);
        else
            fputs(" a day on overdue balances", out);
        if (p->penalty_cap > 0) {
            fputs(" (cap ", out);
            money(out, p->penalty_cap);
            fputs(" a month)", out);
        }
    }
    if (p->clawback_share > 0) {
        fputs("; clawback of ", out);
        percent(out, p->clawback_share);
        fprintf(out, " of the commission on bad debt%s", goods);
    }
    if (p->liability_share > 0) {
        fputs("; rep bears ", out);
        percent(out, p->liability_share);
        fputs(" of bad debt", out);
        if (sc->collection.repossess)
            fputs(p->transfer_price < 1 ? ", and of what goods taken back lose," :
                                          " and of what goods taken back lose", out);
        if (p->transfer_price < 1) {
            fputs(" at ", out);
            percent(out, p->transfer_price);
            fputs(" of invoice value", out);
        }
        if (p->liability_share >= 1)
            fputs(" (buy-sell)", out);
    }
    if (scheme_has_dso_bonus(p)) {
        fputs("; bonus ", out);
        money(out, p->bonus_dso_amount);
        fprintf(out, " a month when DSO &le; %g days", p->bonus_dso_target_days);
    }
    if (scheme_has_collection_bonus(p)) {
        fputs("; bonus ", out);
        money(out, p->bonus_collection_amount);
        fputs(" a month when the collection rate &ge; ", out);
        percent(out, p->bonus_collection_target);
    }
}

enum setting { S_SCHEME, S_BASE, S_COMM_SALES, S_COMM_CASH, S_PENALTY, S_GRACE, S_CAP,
               S_CLAWBACK, S_LIABILITY, S_TRANSFER, S_BONUS, S_BONUS_COLLECTION, S_DISCOUNT,
               S_EXCHANGE, S_INSTALMENTS, S_REPOSSESS, S_REPLICATIONS,
               S_DAYS, S_SEED, S_REPS, S_CUSTOMERS, S_TERM, S_WRITE_OFF, S_MARGIN, S_COUNT };

static const char *const SETTING_LABEL[S_COUNT][2] = {
    {"Scheme", "what a rep is paid for"},
    {"Base salary", "scheme.base_salary, a month"},
    {"Commission on sales", "scheme.commission_sales"},
    {"Commission on cash collected", "scheme.commission_collected"},
    {"Late penalty", "scheme.penalty_daily_rate, a day"},
    {"Penalty grace", "scheme.penalty_grace_days, days"},
    {"Penalty cap", "scheme.penalty_cap, a month; 0 = none"},
    {"Clawback on bad debt", "scheme.clawback_share"},
    {"Rep's share of bad debt", "scheme.liability_share"},
    {"Charged at", "scheme.transfer_price, of invoice value"},
    {"DSO bonus", "scheme.bonus_dso_amount, scheme.bonus_dso_target_days"},
    {"Collection bonus", "scheme.bonus_collection_amount, scheme.bonus_collection_target"},
    {"Cash discount", "firm.cash_discount, firm.cash_discount_days, customers.cost_of_money"},
    {"Exchange offer", "collection.exchange_discount, collection.exchange_days"},
    {"Instalment plan", "collection.instalments, collection.instalment_interest"},
    {"Taking goods back", "collection.repossess, collection.repossess_value"},
    {"Replications", "sim.replications"},
    {"Horizon", "sim.days, sim.warmup_days"},
    {"Seed", "sim.seed"},
    {"Reps", "reps.count"},
    {"Customers", "customers.count"},
    {"Payment terms", "firm.term_days"},
    {"Write-off", "firm.write_off_days past due"},
    {"Gross margin", "firm.gross_margin"},
};

static void setting(FILE *out, const struct scenario *sc, int which)
{
    const struct scheme_params *p = &sc->scheme;
    switch (which) {
    case S_SCHEME: describe_scheme(out, sc); break;
    case S_BASE: money(out, p->base_salary); break;
    case S_COMM_SALES: percent(out, p->commission_sales); break;
    case S_COMM_CASH: percent(out, p->commission_collected); break;
    case S_PENALTY: percent(out, p->penalty_daily_rate); break;
    case S_GRACE: fprintf(out, "%d", p->penalty_grace_days); break;
    case S_CAP: money(out, p->penalty_cap); break;
    case S_CLAWBACK: percent(out, p->clawback_share); break;
    case S_LIABILITY: percent(out, p->liability_share); break;
    case S_TRANSFER: percent(out, p->transfer_price); break;
    case S_BONUS:
        money(out, p->bonus_dso_amount);
        fprintf(out, " at DSO &le; %g days", p->bonus_dso_target_days);
        break;
    case S_BONUS_COLLECTION:
        money(out, p->bonus_collection_amount);
        fputs(" at a collection rate &ge; ", out);
        percent(out, p->bonus_collection_target);
        break;
    case S_DISCOUNT:
        if (sc->firm.cash_discount <= 0) {
            fputs("none", out);
            break;
        }
        percent(out, sc->firm.cash_discount);
        fprintf(out, " for paying within %d days (customers' cost of money ",
                sc->firm.cash_discount_days);
        percent(out, sc->customers.cost_of_money);
        fputs(" a year)", out);
        break;
    case S_EXCHANGE:
        if (sc->collection.exchange_discount <= 0) {
            fputs("none", out);
            break;
        }
        percent(out, sc->collection.exchange_discount);
        fprintf(out, " off an overstocked reseller's orders for %d days", sc->collection.exchange_days);
        break;
    case S_INSTALMENTS:
        if (sc->collection.instalments <= 0)
            fputs("none", out);
        else {
            fprintf(out, "%d monthly instalment%s", sc->collection.instalments,
                    sc->collection.instalments == 1 ? "" : "s");
            if (sc->collection.instalment_interest > 0) {
                fputs(" at ", out);
                percent(out, sc->collection.instalment_interest);
                fputs(" a year", out);
            }
            fputs(", offered with the lawyer's letter to a customer short of cash", out);
        }
        break;
    case S_REPOSSESS:
        if (!sc->collection.repossess) {
            fputs("no", out);
            break;
        }
        fputs("before a lawsuit, claim or write-off, what the customer holds unsold; worth ", out);
        percent(out, sc->collection.repossess_value);
        fputs(" of their cost", out);
        break;
    case S_REPLICATIONS: fprintf(out, "%d", sc->sim.replications); break;
    case S_DAYS:
        fprintf(out, "%d days after a %d-day warm-up", sc->sim.days, sc->sim.warmup_days);
        break;
    case S_SEED: fprintf(out, "%llu", (unsigned long long)sc->sim.seed); break;
    case S_REPS: fprintf(out, "%d", sc->reps.count); break;
    case S_CUSTOMERS: fprintf(out, "%d", sc->customers.count); break;
    case S_TERM: fprintf(out, "%d days", sc->firm.term_days); break;
    case S_WRITE_OFF: fprintf(out, "%d days past due", sc->firm.write_off_days); break;
    case S_MARGIN: percent(out, sc->firm.gross_margin); break;
    }
}

/* A scheme row is shown when some scenario uses that lever. */
static int used(const struct report_scenarios *s, int k)
{
    for (int i = 0; i < s->count; i++) {
        const struct scheme_params *p = &s->settings[i].scheme;
        if (!s->loaded[i])
            continue;
        int on = k == S_COMM_SALES ? p->commission_sales > 0
                 : k == S_COMM_CASH ? p->commission_collected > 0
                 : k == S_PENALTY || k == S_GRACE || k == S_CAP ? p->penalty_daily_rate > 0
                 : k == S_CLAWBACK ? p->clawback_share > 0
                 : k == S_LIABILITY || k == S_TRANSFER ? p->liability_share > 0
                 : k == S_BONUS ? scheme_has_dso_bonus(p)
                 : k == S_BONUS_COLLECTION ? scheme_has_collection_bonus(p)
                 : k == S_DISCOUNT ? s->settings[i].firm.cash_discount > 0
                 : k == S_EXCHANGE ? s->settings[i].collection.exchange_discount > 0
                 : k == S_INSTALMENTS ? s->settings[i].collection.instalments > 0
                 : k == S_REPOSSESS ? s->settings[i].collection.repossess : 1;
        if (on)
            return 1;
    }
    return 0;
}

/* The cell text of setting k for scenario i (malloc'd). */
static char *render(const struct report_scenarios *s, int i, int k)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return NULL;
    if (s->loaded[i])
        setting(m, &s->settings[i], k);
    else if (k == S_SCHEME)
        html_escape(m, s->why[i]);
    else
        fputs("n/a", m);
    fclose(m);
    return text;
}

static int same_for_all(const struct report_scenarios *s, int k)
{
    char *first = render(s, 0, k);
    int same = first != NULL;
    for (int i = 1; i < s->count && same; i++) {
        char *other = render(s, i, k);
        same = other && strcmp(first, other) == 0;
        free(other);
    }
    free(first);
    return same;
}

static void label(FILE *out, int k)
{
    html_escape(out, SETTING_LABEL[k][0]);
    if (SETTING_LABEL[k][1][0]) {
        fputs("<span class=\"unit\">", out);
        html_escape(out, SETTING_LABEL[k][1]);
        fputs("</span>", out);
    }
}

/* Where the folder keeps its scenarios as resolved: a batch in each row's
 * folder, a compare or sweep in one file per scenario (its run.ini is the
 * command), a run or calibrate in run.ini. */
const char *report_resolved_files(const char *dir)
{
    char path[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/rows", dir);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return "rows/row-NNNN/run.ini, one per row";
    DIR *d = opendir(dir);
    struct dirent *entry;
    int per_scenario = 0;
    while (d && !per_scenario && (entry = readdir(d)) != NULL) {
        size_t len = strlen(entry->d_name);
        per_scenario = len > 8 && strncmp(entry->d_name, "run-", 4) == 0 &&
                       strcmp(entry->d_name + len - 4, ".ini") == 0;
    }
    if (d)
        closedir(d);
    return per_scenario ? "run-NAME.ini, one per scenario" : "run.ini";
}

/* Whether the rows above show the key (their labels name the keys they
 * show), or it is the name, which heads each column. */
static int shown_above(const char *dotted)
{
    if (strcmp(dotted, "sim.name") == 0)
        return 1;
    size_t n = strlen(dotted);
    for (int k = 0; k < S_COUNT; k++)
        for (const char *at = strstr(SETTING_LABEL[k][1], dotted); at;
             at = strstr(at + 1, dotted)) {
            char before = at == SETTING_LABEL[k][1] ? ' ' : at[-1], after = at[n];
            if (before == ' ' && (after == '\0' || after == ',' || after == ' '))
                return 1;
        }
    return 0;
}

/* A row, by its key, for every other setting on which the scenarios
 * differ (a sweep of orders.process, a batch's column of a segment's
 * share): what sets them apart is on the page, not only in their files. */
static void other_settings_that_differ(FILE *out, const struct report_scenarios *s)
{
    char dotted[160], first[256], value[256];
    for (int k = 0; scenario_key_dotted(k, dotted, sizeof dotted) == 0; k++) {
        if (shown_above(dotted) || !s->loaded[0] ||
            scenario_get_key(&s->settings[0], dotted, first, sizeof first) != 0)
            continue;
        int differ = 0;
        for (int i = 1; i < s->count && !differ; i++)
            differ = s->loaded[i] &&
                     (scenario_get_key(&s->settings[i], dotted, value, sizeof value) != 0 ||
                      strcmp(first, value) != 0);
        if (!differ)
            continue;
        fputs("<tr><th scope=\"row\"><code>", out);
        html_escape(out, dotted);
        fputs("</code></th>", out);
        for (int i = 0; i < s->count; i++) {
            fputs("<td>", out);
            if (s->loaded[i] && scenario_get_key(&s->settings[i], dotted, value, sizeof value) == 0)
                html_escape(out, value);
            else
                fputs("n/a", out);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
}

void report_write_settings(FILE *out, const struct report_scenarios *s, const char *resolved)
{
    fputs("<section id=\"scenarios\">\n<h2>Scenarios and their settings</h2>\n", out);
    if (s->count == 0) {
        fputs(s->traced ? "<p class=\"note\">This folder names no scenario: no summary.csv, "
                          "and its run.ini holds none that loads.</p>\n</section>\n"
                        : "<p class=\"note\">This folder names no scenario (no summary.csv or "
                          "run.ini).</p>\n</section>\n", out);
        return;
    }
    /* Simulation settings all scenarios share go in one sentence. */
    int common[S_COUNT] = {0}, ncommon = 0;
    for (int k = S_REPLICATIONS; k < S_COUNT; k++)
        ncommon += common[k] = same_for_all(s, k);
    fprintf(out, "<p>As run: the resolved scenarios are in this folder's %s; "
            "each scenario keeps its colour in every chart.", resolved);
    if (ncommon > 0) {
        fputs(s->count > 1 ? " Common to all scenarios: " : " Simulation: ", out);
        int n = 0;
        for (int k = S_REPLICATIONS; k < S_COUNT; k++) {
            if (!common[k])
                continue;
            char *v = render(s, 0, k);
            fprintf(out, "%s", n++ ? "; " : "");
            html_escape(out, SETTING_LABEL[k][0]);
            fprintf(out, " %s", v ? v : "");
            free(v);
        }
        fputs(".", out);
    }
    fputs("</p>\n<div class=\"scroll\"><table id=\"settings-table\">\n<thead><tr>"
          "<th scope=\"col\">Setting</th>", out);
    for (int i = 0; i < s->count; i++) {
        char css[128];
        charts_swatch_css(i, css, sizeof css);
        fprintf(out, "<th scope=\"col\"><span class=\"swatch\" style=\"%s\"></span>", css);
        html_escape(out, s->label[i]);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (int k = 0; k < S_COUNT; k++) {
        if (k < S_REPLICATIONS ? !used(s, k) : common[k])
            continue;
        fputs(k == S_SCHEME ? "<tr class=\"words\"><th scope=\"row\">" : "<tr><th scope=\"row\">",
              out);
        label(out, k);
        fputs("</th>", out);
        for (int i = 0; i < s->count; i++) {
            char *v = render(s, i, k);
            fprintf(out, "<td>%s</td>", v ? v : "");
            free(v);
        }
        fputs("</tr>\n", out);
    }
    other_settings_that_differ(out, s);
    fputs("</tbody></table></div>\n<p class=\"small\">Scheme levers no scenario uses are "
          "left out; <code>huikuan keys</code> lists every setting.</p>\n</section>\n", out);
}
