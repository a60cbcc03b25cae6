/*
 * test_behaviour_customers.c — the behaviours the source material describes
 * of customers and collection, shown end to end: supply stopped past a
 * debt, reporting-window customers, customers short of cash, losses priced,
 * failed customers chased for early legal action, disputes and their
 * remedies, consignees. Every comparison runs the scenarios on the same
 * seeds (common random numbers) and compares 95 % intervals, or the paired
 * difference's interval, as a user of summary.csv would
 * (tests/behaviour_fixture.h). The reps' pay is in test_behaviour.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "behaviour_fixture.h"

/* Seed 003: supply stops once the debt exceeds an amount, whenever the
 * firm's letters find it there, not only on the lawyer's letter's day.
 * Customers that never pay, no credit limit, never sued (the firm
 * reconciles again every step_days): on the lawyer's letter they owe
 * about 23,000, under the 50,000 line, which their debt crosses some
 * months later. Looked at on that day only, 4.3 % of orders were
 * declined (these 10 replications) and the firm shipped on for ever. */
static void supply_stops_once_a_debt_grows_past_the_line(void **state)
{
    (void)state;
    static struct sample stopping, shipping;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "prompt");
    const char *never_pay[] = {"segment.prompt.default_prob=1", "segment.prompt.cure_prob=0",
                               "segment.prompt.dispute_prob=0", "firm.credit_limit_months=0",
                               "customers.size_sd=0", "collection.litigation_min_balance=1000000000",
                               "collection.stop_supply_balance=50000"};
    set_all(&sc, never_pay, sizeof never_pay / sizeof never_pay[0]);
    run(&sc, 10, &stopping);
    set(&sc, "collection.stop_supply=no");
    run(&sc, 10, &shipping);
    double declined = summary(stopping.metric[M_ORDERS_DECLINED], 10).mean;
    if (!(declined > 0.3))
        fail_msg("%.3f of orders declined to customers owing past the line", declined);
    if (!(summary(shipping.metric[M_ORDERS_DECLINED], 10).mean < 0.01))
        fail_msg("orders declined without a stop on supply");
    assert_above("sales, shipping on over stopping", stopping.metric[M_SALES],
                 shipping.metric[M_SALES], 10);
}

/* 4. Reporting-window customers pay in a cluster right after the date,
 * whether pressed or not. */
static void reporting_window_pays_after_the_date(void **state)
{
    (void)state;
    static struct sample calm, pressed;
    struct scenario sc;
    load(&sc, "scenarios/baseline.ini");
    run(&sc, 8, &calm);
    load(&sc, "scenarios/buy_sell.ini");
    set(&sc, "reps.contacts_per_week=7");
    run(&sc, 8, &pressed);
    const struct sample *both[] = {&calm, &pressed};
    for (int k = 0; k < 2; k++) {
        struct stats_summary first = summary(both[k]->report_first_weeks, 8);
        struct stats_summary blackout = summary(both[k]->report_blackout, 8);
        /* Two weeks of 52 would carry ~4 % if payments were spread evenly. */
        if (!(first.ci95_low > 0.15 && blackout.mean < 0.02))
            fail_msg("%s: %.3f of payments in the two weeks after the reporting date, "
                     "%.3f in the blackout", k ? "pressed" : "calm", first.mean, blackout.mean);
    }
}

/* 5. A cash-constrained customer pays the most valuable, strictest
 * supplier first; left alone, it learns the firm is lax and pays later. */
static void cash_constrained_pays_by_priority(void **state)
{
    (void)state;
    struct scenario sc;
    static struct sample valued, ordinary, lax, strict;
    const char *common[] = {
        "sim.warmup_days=0", "sim.days=360", "customers.count=200",
        "reps.count=10",     "firm.credit_limit_months=0",
    };
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "cash_constrained");
    set_all(&sc, common, sizeof common / sizeof common[0]);
    set(&sc, "firm.supplier_value=0.95");
    run(&sc, 8, &valued);
    set(&sc, "firm.supplier_value=0.05");
    run(&sc, 8, &ordinary);
    assert_paired_above("days late, ordinary over most valuable supplier",
                        valued.metric[M_DAYS_LATE], ordinary.metric[M_DAYS_LATE], 8);

    /* A lax firm: no rep contacts, no letters before the horizon ends. */
    set(&sc, "firm.supplier_value=0.5");
    set(&sc, "reps.contacts_per_week=0");
    set(&sc, "collection.reminders=no");
    set(&sc, "collection.escalate_after_days=3000");
    run(&sc, 8, &lax);
    assert_paired_above("lax firm: paid later in months 10-12 than in months 1-3",
                        lax.seg_late_early, lax.seg_late_late, 8);
    /* A strict one presses every overdue customer hard and often. */
    set(&sc, "reps.contacts_per_week=7");
    set(&sc, "reps.firmness_mean=1");
    set(&sc, "collection.reminders=yes");
    set(&sc, "collection.escalate_after_days=0");
    run(&sc, 8, &strict);
    assert_paired_above("months 10-12: lax firm paid later than strict", strict.seg_late_late,
                        lax.seg_late_late, 8);
}

/* Seed 002: a customer short of cash pays the supplier that presses.
 * Under a late penalty a rep reads what its contacts are worth there
 * too: the cash a call moves its way at the customer's next pay run,
 * and the invoices it would never pay, which a call may cure. Reading
 * neither (these customers plan no payment day), reps collected at
 * 0.014 at 0.1 %/day and let 0.93 % of sales go bad; without defaults,
 * where only the pay runs are left to move, at 0.0025 (8 replications
 * each). */
static void reps_press_customers_short_of_cash(void **state)
{
    (void)state;
    enum { N = 8 };
    struct scenario sc;
    static struct sample none, strong, no_defaults;
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "cash_constrained");
    run(&sc, N, &none);
    set(&sc, "scheme.penalty_daily_rate=0.001");
    run(&sc, N, &strong);
    set(&sc, "segment.cash_constrained.default_prob=0");
    run(&sc, N, &no_defaults);
    double effort = summary(strong.metric[M_EFFORT_COLLECT], N).mean;
    double pay_runs_only = summary(no_defaults.metric[M_EFFORT_COLLECT], N).mean;
    print_message("customers short of cash, 0.1 %%/day: collecting effort %.3f, %.4f with no "
                  "defaults\n", effort, pay_runs_only);
    if (!(effort > 0.1 && effort < 0.6 && pay_runs_only > 0.01 && pay_runs_only < 0.1))
        fail_msg("collecting effort %g at 0.1 %%/day, %g without defaults", effort, pay_runs_only);
    assert_above("bad-debt rate, no penalty over 0.1 %/day", strong.metric[M_BAD_DEBT_RATE],
                 none.metric[M_BAD_DEBT_RATE], N);
}

/* A rep that bears the losses (buy-sell) prices a sale with what its
 * customer's kind actually loses, not with its chance of default: here
 * one invoice in five defaults, but the courts recover all of it, so
 * nothing is lost and reps sell almost as if none defaulted (their
 * lateness still costs the late penalty). Priced at half the chance of
 * default, these customers were sold nothing at all (selling effort 0
 * here, against 2.14 with no defaults). */
static void reps_price_the_losses_their_customers_show(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample sound, recovered;
    load(&sc, "scenarios/buy_sell.ini");
    only_segment(&sc, "prompt");
    set(&sc, "customers.count=100");
    set(&sc, "reps.count=5");
    set(&sc, "collection.litigation_recovery=1");
    set(&sc, "segment.prompt.default_prob=0");
    run(&sc, N, &sound);
    set(&sc, "segment.prompt.default_prob=0.2");
    run(&sc, N, &recovered);
    double none = summary(sound.metric[M_EFFORT_SELL], N).mean;
    double all_back = summary(recovered.metric[M_EFFORT_SELL], N).mean;
    double lost = summary(recovered.metric[M_BAD_DEBT_RATE], N).mean;
    print_message("selling effort %.3f with no defaults, %.3f with a fifth recovered in full "
                  "(bad-debt rate %.5f)\n", none, all_back, lost);
    if (!(lost < 0.001 && all_back > 0.75 * none))
        fail_msg("a fifth defaulting, all recovered: selling %g against %g (bad-debt rate %g)",
                 all_back, none, lost);
}

/* Seed 000/004: early legal action preserves part of what a failed
 * customer owes. A call cures nothing there, but a rep who bears the
 * loss calls all the same, for the lawyer's letter it sends early: here
 * customers pay on time until they fail, so failed customers are all
 * there is to collect from (buy-sell without a penalty). The letter is
 * worth what it brings forward: with the firm's own lawyer's letter at
 * 4 days past due rather than 55, there is nothing left to bring forward
 * and reps hardly call. 4 replications: collecting effort 0.025 and 27
 * contacts against 0.001 and 0.5. Read as a cure of what is long
 * overdue there, reps had called as much either way (0.155 and 160
 * contacts against 0.149 and 168); left out, they made no call at all. */
static void reps_chase_failed_customers_for_early_legal_action(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample slow, prompt;
    load(&sc, "scenarios/buy_sell.ini");
    only_segment(&sc, "prompt");
    const char *settings[] = {
        "segment.prompt.share=0.5", "segment.distressed.share=0.5",
        "scheme.penalty_daily_rate=0", "customers.count=100", "reps.count=5",
        "segment.prompt.default_prob=0", "segment.prompt.dispute_prob=0",
        "segment.prompt.delay_mean_days=0", "segment.prompt.delay_sd_days=0",
        "segment.distressed.default_prob=0", "segment.distressed.dispute_prob=0",
        "segment.distressed.delay_mean_days=0", "segment.distressed.delay_sd_days=0",
        "segment.distressed.insolvency_hazard=1", "segment.distressed.distress_onset_days=30"};
    set_all(&sc, settings, sizeof settings / sizeof settings[0]);
    run(&sc, N, &slow);
    set(&sc, "collection.escalate_after_days=1");
    set(&sc, "collection.step_days=1");
    run(&sc, N, &prompt);
    double effort = summary(slow.metric[M_EFFORT_COLLECT], N).mean;
    double contacts = summary(slow.metric[M_CONTACTS], N).mean;
    double effort_prompt = summary(prompt.metric[M_EFFORT_COLLECT], N).mean;
    double contacts_prompt = summary(prompt.metric[M_CONTACTS], N).mean;
    print_message("collecting effort %.4f, %.1f contacts; firm's lawyer's letter at 4 days: "
                  "%.4f, %.1f\n", effort, contacts, effort_prompt, contacts_prompt);
    if (!(effort > 0.01 && contacts > 10))
        fail_msg("only failed customers to collect from: collecting effort %g, %g contacts",
                 effort, contacts);
    if (!(effort_prompt < effort / 4 && contacts_prompt < contacts / 4))
        fail_msg("nothing to bring forward: collecting effort %g, %g contacts (against %g, %g)",
                 effort_prompt, contacts_prompt, effort, contacts);
}

/* A customer short of cash pays by its pay runs, disputed invoices too:
 * a dispute holds a payment back until its remedy (30 days), and then
 * the runs pay it as the cash goes. Every invoice disputed or none (no
 * defaults, 4 replications): DSO 70.6 against 56.7, the firm collecting
 * no more than without disputes. A remedy had set a payment day, and
 * the invoice was paid in full then, outside the runs and whatever the
 * cash: 28 % more collected with disputes (56.0 million against 43.7),
 * at DSO 59.5. Never paid by the runs at all, DSO would be 252. */
static void disputes_find_no_cash_a_customer_lacks(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample undisputed, disputed;
    load(&sc, "scenarios/baseline.ini");
    only_segment(&sc, "cash_constrained");
    set(&sc, "segment.cash_constrained.default_prob=0");
    set(&sc, "segment.cash_constrained.dispute_prob=0");
    run(&sc, N, &undisputed);
    set(&sc, "segment.cash_constrained.dispute_prob=1");
    run(&sc, N, &disputed);
    double none = summary(undisputed.metric[M_DSO], N).mean;
    double all = summary(disputed.metric[M_DSO], N).mean;
    double paid_none = summary(undisputed.metric[M_COLLECTED], N).mean;
    double paid_all = summary(disputed.metric[M_COLLECTED], N).mean;
    double remedy = sc.segment[SEG_CASH_CONSTRAINED].remedy_days;
    if (!(none < all && all < none + remedy && paid_all < 1.05 * paid_none))
        fail_msg("every invoice disputed: DSO %.1f, collected %.0f; none: DSO %.1f, collected "
                 "%.0f", all, paid_all, none, paid_none);
}

/* Seed 000: a disputed invoice waits for its remedy, which pressure does
 * not hasten, and the firm does not sue over it. Every invoice here is
 * disputed and otherwise paid on its due date, and customers buy often,
 * so most fall due while an earlier one's case is open: each is paid
 * remedy_days after reconciliation finds it, found at the age the
 * statement finds a case's first. (A later invoice had waited for the
 * case's next letter, past the lawyer's letter for the judgment: 75 days
 * late at a 30-day remedy, 100 at 60, and 230 lawsuits a year against
 * 400 customers who would all pay.) While a remedy is pending the firm's
 * letters wait: a remedy of 120 days outlasts the 90 from statement to
 * litigation, and had ended in some 270 to 280 lawsuits a replication. */
static void disputes_wait_for_their_remedy_not_the_ladder(void **state)
{
    (void)state;
    static const char *const remedy[] = {"segment.disputed.remedy_days=30",
                                         "segment.disputed.remedy_days=60",
                                         "segment.disputed.remedy_days=120"};
    static const double remedy_days[] = {30, 60, 120};
    static struct sample at[3];
    for (int i = 0; i < 3; i++) {
        struct scenario sc;
        load(&sc, "scenarios/baseline.ini");
        const char *disputes[] = {
            "segment.disputed.default_prob=0", "segment.disputed.delay_mean_days=0",
            "segment.disputed.delay_sd_days=0", "segment.disputed.dispute_prob=1",
            "customers.count=200", "reps.count=10", remedy[i]};
        only_segment(&sc, "disputed");
        set_all(&sc, disputes, sizeof disputes / sizeof disputes[0]);
        run(&sc, 5, &at[i]);
    }
    for (int i = 0; i < 3; i++) {
        struct stats_summary late = summary(at[i].metric[M_DAYS_LATE], 5);
        /* Found on their due date instead, they would be paid about the
         * remedy late; found at the next letter, 75 days. */
        if (!(late.mean > remedy_days[i] + 4 && late.mean < remedy_days[i] + 11))
            fail_msg("remedy %g days: paid %g days late, expected the remedy plus most of "
                     "the statement's 10 days", remedy_days[i], late.mean);
        for (int r = 0; r < 5; r++)
            if (at[i].metric[M_LITIGATIONS][r] != 0)
                fail_msg("remedy %g days, replication %d: %g lawsuits against customers who "
                         "would pay", remedy_days[i], r + 1, at[i].metric[M_LITIGATIONS][r]);
    }
    double longer = summary(at[1].metric[M_DAYS_LATE], 5).mean -
                    summary(at[0].metric[M_DAYS_LATE], 5).mean;
    if (!(longer > 29 && longer < 31))
        fail_msg("a remedy 30 days longer made payment %g days later", longer);
}

/* A rep who sees a customer's warning signs may send the lawyer's letter
 * before the firm's statement (seed 004: act early). That letter states
 * what is owed as the statement would: a dispute it finds starts its
 * remedy then. Distressed customers that never fail and dispute every
 * invoice, on 90-day terms (statement at 30 days past due), and firm reps
 * who call daily: most disputes are found by the reps' letters, and paid
 * the 30-day remedy later, well before the statement's 30 + 30 days
 * (44.2 days late). Found at the firm's next letter instead, the lawsuit,
 * they were paid 75.4 days late (and, before the firm's letters waited
 * for remedies, sued: 155.5 lawsuits a replication). */
static void early_lawyers_letter_starts_the_remedy(void **state)
{
    (void)state;
    enum { N = 4 };
    static struct sample s;
    struct scenario sc;
    load(&sc, "scenarios/late_penalty.ini"); /* reps who chase */
    const char *distressed_disputes[] = {
        "segment.distressed.default_prob=0",
        "segment.distressed.delay_mean_days=0", "segment.distressed.delay_sd_days=0",
        "segment.distressed.dispute_prob=1", "segment.distressed.remedy_days=30",
        "segment.distressed.insolvency_hazard=0.000001", /* distress, hardly ever failure */
        "segment.distressed.distress_onset_days=1", "customers.count=200", "reps.count=10",
        "firm.term_days=90", "reps.contacts_per_week=7", "reps.firmness_mean=1"};
    only_segment(&sc, "distressed");
    set_all(&sc, distressed_disputes, sizeof distressed_disputes / sizeof distressed_disputes[0]);
    run(&sc, N, &s);
    struct stats_summary late = summary(s.metric[M_DAYS_LATE], N);
    if (!(late.mean > 30 && late.ci95_high < 30 + 30))
        fail_msg("paid %g [%g, %g] days late: expected the 30-day remedy from the reps' letters, "
                 "before the statement's 30 days", late.mean, late.ci95_low, late.ci95_high);
    for (int r = 0; r < N; r++) {
        assert_true(s.metric[M_CONTACTS][r] > 0);
        if (s.metric[M_LITIGATIONS][r] != 0)
            fail_msg("replication %d: %g lawsuits against customers who would pay", r + 1,
                     s.metric[M_LITIGATIONS][r]);
    }
}

/* On pay-after-sold terms an invoice falls due when the consignee's
 * stock has sold through, and the firm sends a consignee what it sells,
 * however hard its rep sells: its stock, and with it the DSO, settle
 * rather than growing with the length of the run. 4 replications,
 * 100 customers, all on consignment, no credit limits: DSO 54.2 after a
 * year of warm-up, 54.3 after four. Sent whatever its rep sold, more
 * than it sold through, its stock grew as long as the run lasted: DSO
 * 135 and 262. */
static void consignees_hold_what_they_sell(void **state)
{
    (void)state;
    enum { N = 4 };
    struct scenario sc;
    static struct sample short_run, long_run;
    load(&sc, "scenarios/baseline.ini");
    const char *settings[] = {"customers.count=100", "reps.count=5", "firm.consignment_share=1",
                              "firm.credit_limit_months=0", "sim.warmup_days=365"};
    set_all(&sc, settings, sizeof settings / sizeof settings[0]);
    run(&sc, N, &short_run);
    set(&sc, "sim.warmup_days=1500");
    run(&sc, N, &long_run);
    double after_one = summary(short_run.metric[M_DSO], N).mean;
    double after_four = summary(long_run.metric[M_DSO], N).mean;
    print_message("consignees' DSO %.1f after a year of warm-up, %.1f after four\n", after_one,
                  after_four);
    if (!(after_one < 80 && after_four < 1.15 * after_one))
        fail_msg("consignees' DSO %.1f after a year, %.1f after four", after_one, after_four);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(supply_stops_once_a_debt_grows_past_the_line),
        cmocka_unit_test(reporting_window_pays_after_the_date),
        cmocka_unit_test(cash_constrained_pays_by_priority),
        cmocka_unit_test(reps_press_customers_short_of_cash),
        cmocka_unit_test(reps_price_the_losses_their_customers_show),
        cmocka_unit_test(reps_chase_failed_customers_for_early_legal_action),
        cmocka_unit_test(disputes_find_no_cash_a_customer_lacks),
        cmocka_unit_test(disputes_wait_for_their_remedy_not_the_ladder),
        cmocka_unit_test(early_lawyers_letter_starts_the_remedy),
        cmocka_unit_test(consignees_hold_what_they_sell),
    };
    return cmocka_run_group_tests_name("behaviour: customers", tests, NULL, NULL);
}
