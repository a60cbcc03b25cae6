/*
 * engine_reps.c — reps and their books: the weekly choice of effort from
 * what each rep sees in its book, hiring, pay periods (pay, quitting,
 * replacement) and the month's record.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine_internal.h"
#include "huikuan/collection.h"
#include "huikuan/libm_inline.h"

int engine_record_open(struct engine *e, int32_t book)
{
    struct replication_result *r = e->out;
    if (r->rep_count == r->rep_capacity) {
        int cap = r->rep_capacity ? r->rep_capacity * 2 : 64;
        struct rep_record *grown = realloc(r->reps, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        r->reps = grown;
        r->rep_capacity = cap;
        e->record_growths++;
    }
    struct rep_record *rec = &r->reps[r->rep_count];
    memset(rec, 0, sizeof *rec);
    rec->book = book;
    rec->rep_id = e->books[book].rep.id;
    rec->hired_day = e->books[book].rep.hired_day;
    rec->left_day = -1;
    return r->rep_count++;
}

/* Whether the customer's stock, as of day, is over what it will pay for. */
static int over_stocked(const struct customer *c, const struct segment_params *seg, int32_t day)
{
    double limit = customer_stock_limit(c, seg);
    return limit > 0 && customer_stock_at(c, day) > limit;
}

/* When a lawsuit, if any, settles customer ci's debts: the court's day
 * once it is sued (filed -INFINITY); otherwise, if it owes enough to be
 * sued, the lawsuit once an invoice the firm presses reaches the
 * ladder's last step, and the court's litigation_days on average after
 * it. The ladder does not climb over an invoice awaiting its dispute's
 * remedy, so such an invoice counts from the day after the remedy, and
 * not at all before the remedy has begun; nor over any while the
 * customer holds its cash for its reporting date. Neither day (INFINITY)
 * if the customer will not be sued (it owes too little overdue); days
 * already past are taken as today. */
struct lawsuit {
    double filed, judgment;
};

static struct lawsuit lawsuit_ahead(const struct engine *e, int32_t ci, int32_t day)
{
    const struct collection_params *cp = &e->sc->collection;
    const struct customer *c = &e->cust[ci];
    if (c->ladder == STEP_LITIGATION)
        return (struct lawsuit){-INFINITY, fmax_inline(c->judgment_day, day)};
    double filed = INFINITY;
    if (ledger_customer_overdue_beyond(e->ledger, ci, day, 0) >= cp->litigation_min_balance) {
        int32_t step = collection_threshold(cp, c->term_days, STEP_LITIGATION);
        for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
             id = ledger_invoice(e->ledger, id)->od_next) {
            const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
            double at = (double)v->due_day + step;
            if (engine_awaits_remedy(v, day)) {
                if (v->plan.remedy_day >= 0)
                    filed = fmin_inline(filed, fmax_inline(at, v->plan.remedy_day + 1.0));
                continue;
            }
            filed = fmin_inline(filed, at); /* the oldest pressed: later ones fall due later */
            break;
        }
    }
    filed = isfinite(filed) ? fmax_inline(filed, engine_ladder_waits_until(e, ci, day)) : filed;
    return (struct lawsuit){filed, filed + cp->litigation_days};
}

/* What a contact would take off customer ci's receivables, in
 * currency-days, as they stand: a rep knows when its customers mean to
 * pay (seed 004: ask a week ahead). A contact brings a planned payment
 * forward by pressure_response of the days left, and cures one that
 * would never come with cure_prob, paid within a week (4 days on
 * average, or when its dispute's remedy comes) instead of written off
 * or, if a lawsuit is filed before its write-off (which a pending
 * lawsuit stops), settled by the judgment; from the first day past
 * grace for the penalty. Nothing for a planned payment whose dispute
 * awaits its remedy, nor a cure whose remedy has not started, nor what
 * a reseller's unsold stock holds, nor where pressure does not move the
 * customer. A customer that pays by its pay runs plans no day (its cure
 * joins what its next run pays): what pressure does there is read by
 * add_pay_run_days. */
static void add_contact_days(const struct engine *e, int32_t ci, int32_t day, struct rep_outlook *o)
{
    const struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &e->sc->segment[c->segment];
    if (c->overdue == 0 || over_stocked(c, seg, day))
        return;
    const struct book *b = &e->books[c->book];
    int32_t grace = e->sc->scheme.penalty_grace_days;
    struct lawsuit suit = lawsuit_ahead(e, ci, day);
    for (int32_t id = ledger_customer_first_overdue(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->od_next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        double orphan = v->plan.owner == b->rep.id ? 1.0 : e->sc->reps.orphan_factor;
        double balance = (double)(v->amount - v->paid) / 100.0;
        int awaits_remedy = engine_awaits_remedy(v, day);
        if (v->plan.defaulting) {
            if (v->plan.disputed && v->plan.remedy_day < 0)
                continue; /* cured, it would still wait for a remedy not begun */
            double write_off = (double)v->due_day + e->sc->firm.write_off_days;
            double gone = suit.filed <= write_off ? suit.judgment : write_off;
            double paid = awaits_remedy ? fmax_inline(day + 4.0, v->plan.remedy_day) : day + 4.0;
            double penalised_from = fmax_inline(paid, v->due_day + grace);
            if (gone > paid)
                o->contact_days += balance * seg->cure_prob * orphan * (gone - paid);
            if (gone > penalised_from)
                o->contact_penalty_days += balance * seg->cure_prob * orphan * (gone - penalised_from);
            continue;
        }
        if (v->plan.pay_day <= day || seg->pressure_response <= 0 || awaits_remedy)
            continue;
        double days = balance * seg->pressure_response * orphan * (v->plan.pay_day - day);
        o->contact_days += days;
        if (v->plan.pay_day > v->due_day + grace)
            o->contact_penalty_days += days;
    }
}

/* What a contact would take off a cash-constrained customer's
 * receivables, in currency-days: it pays by pay runs, splitting its cash
 * between the firm and its other suppliers by priority, and pressure
 * moves the firm up (seed 002). The rep's contact today (a call or a
 * visit, at its firmness and ramp) raises the pressure the next run
 * after today feels (as it has decayed by then; a visit warms the
 * relationship too, as on_chase has it), and with it the cash
 * the firm gets there, with the cash and dues the customer will have by
 * then on average (on_pay_run). What the firm gets more is paid a pay
 * run sooner at least; counted that long, per unit of the contact's
 * strength, since felt pressure saturates and a weak contact moves more
 * than its share of a strong one. For the penalty, the share of what is
 * due that is past grace by then. */
static void add_pay_run_days(const struct engine *e, int32_t ci, int32_t day, struct rep_outlook *o)
{
    const struct scenario *sc = e->sc;
    const struct customer *c = &e->cust[ci];
    const struct segment_params *seg = &sc->segment[c->segment];
    const struct book *b = &e->books[c->book];
    double strength = b->rep.firmness * engine_ramp(e, b, day);
    if (!(strength > 0))
        return;
    int32_t run = engine_pay_run_from(sc, ci, day + 1); /* today's comes before any contact */
    if (over_stocked(c, seg, day) || customer_reporting_gate(&sc->firm, seg, run, 1) > run)
        return; /* it holds back what it owes, whatever the pressure */
    double due = 0, penalised = 0;
    for (int32_t id = ledger_customer_first(e->ledger, ci); id >= 0;
         id = ledger_invoice(e->ledger, id)->next) {
        const struct ledger_invoice *v = ledger_invoice(e->ledger, id);
        if (v->due_day > run || v->plan.defaulting || engine_awaits_remedy(v, run))
            continue; /* not due, never paid, or waiting for a remedy */
        double balance = (double)(v->amount - v->paid);
        due += balance;
        if (v->due_day + sc->scheme.penalty_grace_days < run)
            penalised += balance;
    }
    if (due <= 0)
        return;
    double others;
    double cash = c->cash + customer_pay_run_income(c, sc, run, &others);
    double other_dues = c->other_dues + others;
    /* The contact the rep would make: a visit once the oldest invoice is
     * that old, at its firmness and ramp (on_chase). */
    int32_t dpd = engine_oldest_past_due(e, ci, day);
    int step = dpd >= collection_threshold(&sc->collection, c->term_days, STEP_VISIT) ? STEP_VISIT
                                                                                      : STEP_CALL;
    struct customer pressed = *c;
    customer_add_pressure(&pressed, day, collection_step_pressure(step) * strength);
    if (step == STEP_VISIT) /* a visit also warms the relationship */
        customer_set_relationship(&pressed, day, customer_relationship_now(c, day) + 0.05);
    double unused;
    double more = customer_allocate_cash(cash, due, other_dues,
                                         customer_firm_priority(&pressed, sc, run), 0.0, &unused) -
                  customer_allocate_cash(cash, due, other_dues, customer_firm_priority(c, sc, run),
                                         0.0, &unused);
    if (!(more > 0))
        return;
    /* Per unit of strength, as the rep scales every reading by its own. */
    double days = more / 100.0 * sc->customers.pay_run_days / strength;
    o->contact_days += days;
    o->contact_penalty_days += days * penalised / due;
}

/* What the lawyer's letter a contact may send early (on_chase: at a
 * customer showing warning signs, with chance firmness x ramp / 2) would
 * preserve, in currency: legal action begun before an insolvency keeps
 * insolvency_recovery of what the customer owes then, less e-fold per
 * recovery_decay_days it comes after it (seed 000: act early, preserve
 * assets). Without it, the firm's own ladder sends the letter when the
 * oldest invoice reaches its age; brought forward to today, it saves
 * the recovery lost in between. At an insolvent customer that is
 * certain; at one only in distress, the insolvency has to come first,
 * its hazard rising with time since the onset (customer.c), and comes
 * on average anywhere in between. Per unit of firmness x ramp, which
 * the rep applies. Nothing once legal action has begun. */
static void add_letter_saves(const struct engine *e, int32_t ci, int32_t day, struct rep_outlook *o)
{
    const struct customer *c = &e->cust[ci];
    const struct collection_params *cp = &e->sc->collection;
    if (c->distress_day < 0 || c->overdue == 0 || c->ladder >= STEP_LAWYER_LETTER ||
        c->legal_day >= 0)
        return;
    int32_t dpd = engine_oldest_past_due(e, ci, day);
    double wait = collection_threshold(cp, c->term_days, STEP_LAWYER_LETTER) - dpd;
    if (!(wait > 0))
        return;
    double decay = cp->recovery_decay_days, kept;
    if (c->insolvent) {
        kept = exp(-(day - c->insolvent_day) / decay) * -expm1(-wait / decay);
    } else {
        double since = day - c->distress_day;
        double fails = customer_insolvency_chance(&e->sc->segment[c->segment], since, since + wait);
        kept = fails * (1.0 + decay / wait * expm1(-wait / decay));
    }
    double owed = (double)ledger_customer_totals(e->ledger, ci).outstanding / 100.0;
    o->letter_saves += 0.5 * owed * cp->insolvency_recovery * kept;
}

/* What the reps of books [first, end) see in their books this week: run
 * for each shard's books side by side. Each book's customers are taken in
 * the order one thread would take them, so every sum is the same. */
static void gather_outlooks(struct engine *e, int32_t first, int32_t end, int32_t day)
{
    const struct scenario *sc = e->sc;
    int nb = sc->reps.count;
    /* Days taken off receivables are worth something to a rep only under
     * a late penalty or a bonus. */
    const struct scheme_params *s = &sc->scheme;
    int days_count = sc->customers.behaviour != BEHAVIOUR_MARKOV && /* no cases, no contacts */
                     (s->penalty_daily_rate > 0 ||
                      scheme_has_dso_bonus(s) || scheme_has_collection_bonus(s));
    for (int k = first; k < end; k++) {
        struct book *b = &e->books[k];
        struct rep_outlook *o = &b->outlook;
        /* Losses are rare and lumpy in one book: a rep reads them against
         * the firm's history, which counts as much as three books. */
        double share = 3.0 / nb, resolved = b->resolved + share * e->firm_resolved;
        double bad = resolved > 0 ? (b->bad + share * e->firm_bad) / resolved : o->bad_share;
        double late = b->paid > 0 ? b->late_weighted / b->paid : o->late_days;
        memset(o, 0, sizeof *o);
        o->bad_share = bad;
        o->late_days = late;
        e->at_risk[k] = 0;
        engine_unit_terms(e, k, &b->unit_terms); /* the same for all its customers */
    }
    /* Customer ci is in book ci % nb. */
    for (int32_t row = 0; row < sc->customers.count; row += nb)
        for (int32_t ci = row + first; ci < row + end && ci < sc->customers.count; ci++) {
            const struct customer *c = &e->cust[ci];
            const struct segment_params *seg = &sc->segment[c->segment];
            struct rep_outlook *o = &e->books[c->book].outlook;
            add_letter_saves(e, ci, day, o);
            if (c->insolvent)
                continue; /* a call cures nothing there */
            /* The ageing report: what is long overdue, in cents. */
            e->at_risk[c->book] += ledger_customer_overdue_beyond(e->ledger, ci, day, 60);
            if (days_count) {
                add_contact_days(e, ci, day, o);
                if (sc->segment[c->segment].cash_ratio > 0 && c->overdue > 0)
                    add_pay_run_days(e, ci, day, o);
            }
            double weekly = c->weekly; /* its demand in currency a week */
            /* An order is refused once it would take the balance past the
             * limit: a customer with no room for an order of the usual
             * size is as good as stopped. */
            int at_limit = c->credit_limit >= 0 &&
                           ledger_customer_totals(e->ledger, ci).outstanding +
                                   sc->orders.amount_mean > c->credit_limit;
            if (c->stopped || at_limit) {
                o->blocked_sales += weekly;
                continue;
            }
            double unit = engine_order_value_with(e, ci, &e->books[c->book].unit_terms);
            o->sales_potential += weekly;
            o->cure_prob += weekly * seg->cure_prob;
            o->sell_value += weekly * unit; /* as if nothing were screened */
            if (unit < 0)
                o->screen_value -= weekly * unit; /* what screening all of them saves */
        }
    /* Selling moves only the orders that do not come anyway; screening
     * still sees them all. */
    double own = 1.0 - scenario_base_demand(sc);
    for (int k = first; k < end; k++)
        e->books[k].outlook.sell_value *= own;
}

/* What effort costs on book k against a nominal book: customer ci is in
 * book ci % reps, so the book holds customers / reps of them, one more
 * for the first customers % reps books. Attention given to every
 * customer costs in proportion to how many there are; a rep's effort
 * chosen for a book twice the nominal is not free twice over. Under the
 * effort process a rep's one account is its own output (Holmstrom and
 * Milgrom's setting), whose effort costs effort_cost as it stands. */
static double book_scale(const struct scenario *sc, int32_t k)
{
    if (sc->orders.process == ORDERS_EFFORT)
        return 1.0;
    int32_t nb = sc->reps.count, n = sc->customers.count / nb + (k < sc->customers.count % nb);
    return (double)n / sc->reps.nominal_book;
}

/* Each week: what every rep sees in its book, then its effort choice. */
void engine_choose_efforts(struct engine *e, int32_t day)
{
    const struct scenario *sc = e->sc;
    int nb = sc->reps.count;
    engine_shards_each(e, gather_outlooks, day);
    for (int k = 0; k < nb; k++) {
        struct book *b = &e->books[k];
        struct rep_outlook *o = &b->outlook;
        o->at_risk_balance = (double)e->at_risk[k] / 100.0;
        if (o->sales_potential > 0) {
            o->cure_prob /= o->sales_potential;
        }
        o->mean_invoice = (double)sc->orders.amount_mean / 100.0;
        o->book_scale = book_scale(sc, k);
        o->dso_expected = b->dso_periods > 0 ? b->dso_avg : NAN;
        o->dso_sd = sqrt(b->dso_var);
        o->period_sales = b->sales_avg;
        o->rate_expected = b->rate_periods > 0 ? b->rate_avg : NAN;
        o->rate_sd = sqrt(b->rate_var);
        o->rate_owed = b->rate_owed_avg;
        b->rep.penalty_share = rep_penalty_share(&sc->scheme, (double)b->penalty_base / 100.0,
                                                 o->sales_potential * PERIOD_DAYS / WEEK_DAYS,
                                                 o->late_days);
        rep_choose_effort(&b->rep, &sc->scheme, &sc->reps, o, engine_ramp(e, b, day),
                          engine_rep_rng(e, k, REP_DRAWS_TERMS));
        if (o->sales_potential > 0) {
            /* What the firm sees of its rep's selling (visits, calls, the
             * orders they bring): skill x effort, against the customers
             * it may ship to, with the orders that come anyway
             * (orders.base_demand) counted in. A rep chooses its level
             * over the whole book, and a book the firm has mostly stopped
             * is worth that much less selling: the firm does not count
             * that against it. */
            double seen = scenario_selling_with_base(sc, rep_sell_multiplier(&b->rep, 1.0));
            b->selling_sum += seen * (o->sales_potential + o->blocked_sales) / o->sales_potential;
            b->selling_weeks++;
        }
        if (engine_in_window(e, day)) {
            for (int x = 0; x < EFFORT_KINDS; x++)
                e->w.effort_sum[x] += b->rep.effort[x];
            e->w.effort_n++;
            if (b->record >= 0) {
                struct rep_record *rec = &e->out->reps[b->record];
                for (int x = 0; x < EFFORT_KINDS; x++)
                    rec->effort[x] += b->rep.effort[x];
                rec->weeks++;
            }
        }
    }
    engine_shards_each(e, engine_retime_orders, day);
}

void engine_hire(struct engine *e, int32_t book, int32_t day, int open_record)
{
    struct book *b = &e->books[book];
    /* A successor reads the cap as its predecessor last read the book,
     * until its first weekly choice reads it again. */
    double penalty_share = b->rep.penalty_share;
    rep_hire(&b->rep, e->next_rep_id++, day, &e->sc->reps,
             engine_rep_rng(e, book, REP_DRAWS_HIRES));
    if (open_record)
        b->rep.penalty_share = penalty_share;
    b->record = open_record && engine_in_window(e, day) ? engine_record_open(e, book) : -1;
    /* The newcomer's customers have to get to know someone new. */
    for (int32_t ci = book; open_record && ci < e->sc->customers.count; ci += e->sc->reps.count)
        customer_set_relationship(&e->cust[ci], day,
                                  0.5 * customer_relationship_now(&e->cust[ci], day));
}

static void add_pay_sample(struct engine *e, double value)
{
    if (e->pay_count < e->pay_capacity)
        e->pay_samples[e->pay_count++] = value;
}

/* rate: the period's collection rate (scheme_collection_rate). */
static void record_pay(struct engine *e, struct book *b, const struct scheme_pay *pay, double rate)
{
    struct window *w = &e->w;
    w->base += pay->base;
    w->commission += pay->commission_sales + pay->commission_collected;
    w->bonus += pay->bonus;
    w->penalty += pay->penalty;
    w->liability += pay->liability;
    w->clawback += pay->clawback;
    w->net += pay->net;
    e->month.net += pay->net;
    if (b->period.days_employed > 0)
        add_pay_sample(e, pay->monthly_rate / 100.0);
    if (b->period.days_employed == PERIOD_DAYS && isfinite(rate)) {
        w->collection_rate_sum += rate;
        w->collection_rate_n++;
    }
    if (b->record < 0)
        return;
    struct rep_record *rec = &e->out->reps[b->record];
    rec->periods++;
    rec->days += b->period.days_employed;
    rec->sales += b->period.sales;
    rec->collected += b->period.collected;
    rec->written_off += b->period.written_off;
    rec->discounts += b->allowed[ALLOW_CASH_DISCOUNT];
    rec->concessions += b->allowed[ALLOW_CONCESSION];
    rec->repossessed += b->allowed[ALLOW_RETURN];
    rec->base += pay->base;
    rec->commission += pay->commission_sales + pay->commission_collected;
    rec->bonus += pay->bonus;
    rec->penalty += pay->penalty;
    rec->liability += pay->liability;
    rec->clawback += pay->clawback;
    rec->net_pay += pay->net;
}

/* The run fails at its end; the month's figure is left out meanwhile. */
/* keys: the scenario keys the amount grows with, for the message. */
static void note_pay_overflow(struct engine *e, const char *what, const char *keys, double cents)
{
    if (e->pay_overflow)
        return;
    e->pay_overflow = what;
    e->pay_overflow_keys = keys;
    e->pay_overflow_cents = cents;
}

/* The firm's reading of book b's rep over the pay period from `from`:
 * its mean weekly selling (see engine_choose_efforts). NAN where the firm
 * does not judge it: under the effort process (output is the rep's effort
 * plus noise, and its base is what the scheme sets), in a period that
 * began before the rep's ramp-up ended, in one cut short (the horizon's
 * last days), or in one with no customer it could ship to. */
static double selling_level(const struct engine *e, const struct book *b, int32_t from)
{
    if (e->sc->orders.process == ORDERS_EFFORT || from < b->rep.hired_day + e->sc->reps.ramp_days ||
        b->period.days_employed < PERIOD_DAYS || b->selling_weeks == 0)
        return NAN;
    return b->selling_sum / b->selling_weeks;
}

/* The balance past due on `day` of each of books [first, end), into its
 * period: customer ci is in book ci % reps, and they are read in the
 * order they lie in memory, as gather_outlooks reads them. */
static void read_overdue(struct engine *e, int32_t first, int32_t end, int32_t day)
{
    const struct scenario *sc = e->sc;
    int nb = sc->reps.count;
    for (int32_t k = first; k < end; k++)
        e->books[k].period.overdue_end = 0;
    for (int32_t row = 0; row < sc->customers.count; row += nb)
        for (int32_t ci = row + first; ci < row + end && ci < sc->customers.count; ci++)
            e->books[ci - row].period.overdue_end +=
                ledger_customer_overdue_beyond(e->ledger, ci, day, 0);
}

static void close_period(struct engine *e, int32_t book, int32_t day)
{
    struct book *b = &e->books[book];
    int32_t from = b->period_start > b->rep.hired_day ? b->period_start : b->rep.hired_day;
    b->period.days_employed = day + 1 - from;
    if (e->sc->scheme.base_salary_mode == BASE_PARTICIPATION) {
        /* The base that leaves the rep exactly its outside option: outside
         * option - (expected variable pay - effort cost - 0.5 r Var). */
        const struct scheme_params *s = &e->sc->scheme;
        double rate = s->commission_sales + s->commission_collected;
        double r = e->sc->reps.risk_aversion / 100.0; /* per cent */
        double ce = rate * b->expected_output -
                    100.0 * rep_period_effort_cost(&b->rep, b->period.days_employed) -
                    0.5 * r * rate * rate * b->output_variance;
        double option = (double)e->sc->reps.outside_option * b->period.days_employed / 30.0;
        b->period.base_given = 1;
        b->period.base = 0;
        if (fabs(option - ce) <= PAY_PERIOD_MAX_CENTS)
            b->period.base = (cents_t)llround(option - ce);
        else
            note_pay_overflow(e, "participation base",
                              "orders.output_base, orders.output_per_effort, orders.output_sd, "
                              "reps.risk_aversion, reps.outside_option and the commissions",
                              option - ce);
    }
    double penalty = scheme_unbounded_penalty(&e->sc->scheme, &b->period);
    if (penalty > PAY_PERIOD_MAX_CENTS) {
        note_pay_overflow(e, "late penalty",
                          "scheme.penalty_daily_rate on the overdue balance, which "
                          "scheme.penalty_cap would bound", penalty);
        b->period.penalty_cent_days = 0;
    }
    struct scheme_pay pay;
    b->period.returned = b->allowed[ALLOW_RETURN];
    b->period.returned_worth = engine_repossess_worth(e->sc);
    scheme_pay_period(&e->sc->scheme, &b->period, &pay);
    double owed, rate = scheme_collection_rate(&b->period, &owed);
    if (engine_in_window(e, day))
        record_pay(e, b, &pay, rate);

    if (b->period.sales > 0 && b->period_start > 0) {
        /* The book's DSO as the bonus judged it, and its sales at a full
         * period's rate, for the reps who will read them; not the run's
         * first period, whose receivables built up from nothing. */
        double dso = (double)b->period.ar_cent_days / (double)b->period.sales;
        double sales = (double)b->period.sales / 100.0 * PERIOD_DAYS / b->period.days_employed;
        rep_smooth_reading(&b->dso_avg, &b->dso_var, b->dso_periods == 0, dso);
        rep_smooth_reading(&b->sales_avg, NULL, b->dso_periods == 0, sales);
        b->dso_periods++;
    }
    if (e->sc->scheme.bonus_collection_target > 0 && b->period_start > 0 && isfinite(rate)) {
        /* The same for the collection bonus, and what the book had to
         * collect. */
        rep_smooth_reading(&b->rate_avg, &b->rate_var, b->rate_periods == 0, rate);
        rep_smooth_reading(&b->rate_owed_avg, NULL, b->rate_periods == 0, owed / 100.0);
        b->rate_periods++;
    }
    enum rep_leaving leaves =
        rep_end_period(&b->rep, (double)pay.net / 100.0, selling_level(e, b, from),
                       b->period.days_employed, day, &e->sc->reps,
                       engine_rep_rng(e, book, REP_DRAWS_TERMS));
    memset(&b->period, 0, sizeof b->period);
    memset(b->allowed, 0, sizeof b->allowed);
    b->expected_output = b->output_variance = 0;
    b->selling_sum = 0;
    b->selling_weeks = 0;
    b->period_start = day + 1;
    b->resolved *= 0.7; /* older experience counts for less */
    b->bad *= 0.7;
    b->paid *= 0.7;
    b->late_weighted *= 0.7;
    if (leaves != REP_STAYS) {
        if (b->record >= 0) {
            e->out->reps[b->record].left_day = day + 1;
            e->out->reps[b->record].dismissed = leaves == REP_DISMISSED;
        }
        /* The replacement's cost is the leaver's: booked with the quit, so
         * a quit at the warm-up's last pay day is neither counted in the
         * horizon's turnover nor charged to its hiring. */
        if (engine_in_window(e, day)) {
            e->w.quits++;
            e->w.dismissals += leaves == REP_DISMISSED;
            e->month.quits++;
            e->w.hiring_cost += e->sc->firm.hiring_cost;
        }
        engine_hire(e, book, day + 1, 1);
    }
}

void engine_close_periods(struct engine *e, int32_t day)
{
    /* Read by the collection bonus, and by the horizon's collection_rate:
     * on all threads, each its shares of the books. */
    if (e->sc->scheme.bonus_collection_target > 0 || engine_in_window(e, day))
        engine_shards_each(e, read_overdue, day);
    for (int32_t k = 0; k < e->sc->reps.count; k++)
        close_period(e, k, day);
}

int engine_is_period_end(const struct engine *e, int32_t day)
{
    if (day >= e->window_end)
        return 0;
    if (day == e->window_end - 1)
        return 1;
    return (day + 1 - e->window_start) % PERIOD_DAYS == 0;
}

/* Resellers' stock at a month end: how many are overstocked, how full. */
static void sample_stock(struct engine *e, int32_t day, double *overstocked_share)
{
    int holders = 0, over = 0;
    double months = 0;
    for (int32_t ci = 0; ci < e->sc->customers.count; ci++) {
        struct customer *c = &e->cust[ci];
        const struct segment_params *seg = &e->sc->segment[c->segment];
        if (seg->stock_months <= 0 || c->insolvent || c->demand <= 0)
            continue;
        double stock = customer_stock_now(c, day);
        holders++;
        over += stock > customer_stock_limit(c, seg);
        months += stock / c->demand;
    }
    *overstocked_share = holders ? (double)over / holders : NAN;
    if (holders && engine_in_window(e, day)) {
        e->w.overstocked_sum += (double)over / holders;
        e->w.stock_months_sum += months / holders;
        e->w.stock_samples++;
    }
}

void engine_record_month(struct engine *e, int32_t day)
{
    struct replication_result *r = e->out;
    int m = (day - e->window_start) / PERIOD_DAYS;
    double overstocked;
    sample_stock(e, day, &overstocked);
    if (m < r->months) {
        double *row = r->monthly[m];
        struct month *mo = &e->month;
        row[MO_SALES] = (double)mo->sales / 100.0;
        row[MO_COLLECTED] = (double)mo->collected / 100.0;
        row[MO_BAD_DEBT] = (double)mo->bad_debt / 100.0;
        row[MO_DISCOUNTS] = (double)mo->allowed[ALLOW_CASH_DISCOUNT] / 100.0;
        row[MO_CONCESSIONS] = (double)mo->allowed[ALLOW_CONCESSION] / 100.0;
        row[MO_REPOSSESSED] = (double)mo->allowed[ALLOW_RETURN] / 100.0;
        row[MO_AR] = (double)ledger_total(e->ledger).outstanding / 100.0;
        row[MO_OVERDUE] = (double)ledger_overdue_total(e->ledger) / 100.0;
        row[MO_DSO] = mo->sales > 0 ? (double)mo->ar_cent_days / (double)mo->sales : NAN;
        row[MO_DAYS_LATE] = mo->collected > 0 ? (double)mo->late_weighted / (double)mo->collected : NAN;
        row[MO_COMP_COST] = (double)mo->net / 100.0;
        row[MO_QUITS] = mo->quits;
        for (int g = 0; g < SEG_COUNT; g++) {
            r->segment_monthly_paid[m][g] = (double)mo->segment_paid[g] / 100.0;
            r->segment_monthly_late[m][g] = (double)mo->segment_late[g] / 100.0;
            e->t.segment_paid[g] += mo->segment_paid[g]; /* the horizon's, month by month */
            e->t.segment_late[g] += mo->segment_late[g];
        }
        row[MO_OVERSTOCKED] = overstocked;
        int32_t first = e->window_start + m * PERIOD_DAYS;
        row[MO_DAYS] = day + 1 - first;
        /* The chain pays by its own moves: no segment holds anything back. */
        row[MO_BLACKOUT_DAYS] = e->sc->customers.behaviour == BEHAVIOUR_MARKOV
                                    ? 0
                                    : customer_blackout_days(&e->sc->firm, e->sc->segment,
                                                             SEG_COUNT, first, day);
    }
    memset(&e->month, 0, sizeof e->month);
}
