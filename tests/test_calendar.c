/* test_calendar.c — events come back on their day, in push order. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "huikuan/calendar.h"

static void fifo_per_day_and_lane(void **state)
{
    (void)state;
    struct calendar *cal = calendar_alloc(10);
    for (int i = 0; i < 3000; i++)
        calendar_push(cal, i % 10, i % 2, (struct calendar_event){i, 0, 0, 0});
    assert_int_equal(calendar_pending(cal), 3000);
    struct calendar_event ev;
    int last = -1, count = 0;
    while (calendar_pop(cal, 4, 0, &ev)) {
        assert_true(ev.target > last);
        assert_int_equal(ev.target % 10, 4);
        last = ev.target;
        count++;
    }
    assert_int_equal(count, 300);
    assert_int_equal(calendar_pop(cal, 4, 1, &ev), 0); /* 4 is even: lane 0 only */
    calendar_free(cal);
}

static void pushed_while_popping_same_day(void **state)
{
    (void)state;
    struct calendar *cal = calendar_alloc(3);
    calendar_push(cal, 1, 1, (struct calendar_event){1, 0, 0, 0});
    struct calendar_event ev;
    int seen = 0;
    while (calendar_pop(cal, 1, 1, &ev)) {
        seen++;
        if (ev.target < 5)
            calendar_push(cal, 1, 1, (struct calendar_event){ev.target + 1, 0, 0, 0});
    }
    assert_int_equal(seen, 5);
    assert_int_equal(calendar_pending(cal), 0);
    calendar_free(cal);
}

static void days_outside_are_dropped(void **state)
{
    (void)state;
    struct calendar *cal = calendar_alloc(5);
    assert_int_equal(calendar_push(cal, 5, 0, (struct calendar_event){1, 0, 0, 0}), 0);
    assert_int_equal(calendar_push(cal, -1, 0, (struct calendar_event){1, 0, 0, 0}), 0);
    assert_int_equal(calendar_pending(cal), 0);
    calendar_free(cal);
}

static void far_events_keep_push_order(void **state)
{
    (void)state;
    struct calendar *cal = calendar_alloc(2000);
    /* Pushed on day 0 for day 900 (far ahead), then more for other days. */
    for (int i = 0; i < 50; i++)
        calendar_push(cal, 900 + (i % 3), i % 2, (struct calendar_event){i, 0, 0, 0});
    calendar_push(cal, 5, 0, (struct calendar_event){1000, 0, 0, 0});
    assert_int_equal(calendar_pending(cal), 51);
    struct calendar_event ev;
    int seen = 0;
    for (int32_t day = 0; day < 2000; day++) {
        if (day == 850) /* near now: lands behind the far ones of day 900 */
            calendar_push(cal, 900, 0, (struct calendar_event){2000, 0, 0, 0});
        for (int lane = 0; lane < CALENDAR_LANES; lane++) {
            int last = -1;
            while (calendar_pop(cal, day, lane, &ev)) {
                seen++;
                if (ev.target == 1000) {
                    assert_int_equal(day, 5);
                    continue;
                }
                assert_int_equal(day, ev.target == 2000 ? 900 : 900 + ev.target % 3);
                assert_int_equal(lane, ev.target == 2000 ? 0 : ev.target % 2);
                assert_true(ev.target > last); /* push order within the day */
                last = ev.target;
            }
        }
    }
    assert_int_equal(seen, 52);
    assert_int_equal(calendar_pending(cal), 0);
    calendar_free(cal);
}

/* Sorting a lane by group: groups ascending, push order within a group
 * (over several chunks and radix passes), the events already popped left
 * alone, later pushes run after the sorted ones. */
static void sorted_lane_is_stable_by_group(void **state)
{
    (void)state;
    enum { N = 5000, GROUPS = 100000 }; /* 17 bits: two radix passes */
    struct calendar *cal = calendar_alloc(3);
    for (int i = 0; i < N; i++) {
        /* Groups in descending runs, so the sort has work; each repeats. */
        int32_t group = (int32_t)(((N - i) * 7919L) % 997) * 100 + (i % 3);
        calendar_push(cal, 1, 0, (struct calendar_event){i, 0, 0, group});
    }
    struct calendar_event ev;
    assert_int_equal(calendar_pop(cal, 1, 0, &ev), 1);
    assert_int_equal(ev.target, 0); /* popped before the sort: stays popped */
    assert_int_equal(calendar_sort_lane(cal, 1, 0, GROUPS), 0);
    calendar_push(cal, 1, 0, (struct calendar_event){N, 0, 0, 0}); /* after the sort */
    int32_t last_group = -1, last_target = -1, seen = 0;
    while (calendar_pop(cal, 1, 0, &ev)) {
        seen++;
        if (ev.target == N) {
            assert_int_equal(seen, N); /* the late push comes last */
            continue;
        }
        assert_true(ev.group >= last_group);
        if (ev.group == last_group)
            assert_true(ev.target > last_target); /* push order within a group */
        last_group = ev.group;
        last_target = ev.target;
    }
    assert_int_equal(seen, N);
    assert_int_equal(calendar_pending(cal), 0);
    /* Nothing or one event: nothing to do, and days outside are ignored. */
    assert_int_equal(calendar_sort_lane(cal, 2, 1, GROUPS), 0);
    assert_int_equal(calendar_sort_lane(cal, 7, 0, GROUPS), 0);
    calendar_free(cal);
}

/* A short lane (sorted by insertion) is stable too; one in order is left
 * as it is. */
static void short_lane_is_stable_by_group(void **state)
{
    (void)state;
    struct calendar *cal = calendar_alloc(2);
    static const int32_t groups[] = {5, 3, 5, 0, 3, 9, 0, 5, 1, 3};
    enum { N = sizeof groups / sizeof groups[0] };
    for (int i = 0; i < N; i++)
        calendar_push(cal, 0, 1, (struct calendar_event){i, 0, 0, groups[i]});
    assert_int_equal(calendar_sort_lane(cal, 0, 1, 10), 0);
    static const int32_t want[N] = {3, 6, 8, 1, 4, 9, 0, 2, 7, 5}; /* targets, by hand */
    struct calendar_event ev;
    for (int i = 0; i < N; i++) {
        assert_int_equal(calendar_pop(cal, 0, 1, &ev), 1);
        assert_int_equal(ev.target, want[i]);
    }
    for (int i = 0; i < 4; i++)
        calendar_push(cal, 1, 0, (struct calendar_event){i, 0, 0, i / 2});
    assert_int_equal(calendar_sort_lane(cal, 1, 0, 10), 0);
    for (int i = 0; i < 4; i++) {
        assert_int_equal(calendar_pop(cal, 1, 0, &ev), 1);
        assert_int_equal(ev.target, i);
    }
    calendar_free(cal);
}

/* A day's lane at the default scale, 150 events among 400 customers
 * (a radix pass narrower than RADIX_BITS), comes out in the stable order
 * by group, checked against the definition. */
static void a_day_among_many_groups_is_stable(void **state)
{
    (void)state;
    enum { N = 150, GROUPS = 400 };
    struct calendar *cal = calendar_alloc(1);
    int32_t group[N];
    for (int i = 0; i < N; i++) {
        group[i] = (int32_t)((i * 7919L + (i % 5) * 131) % GROUPS);
        if (i % 4 == 3)
            group[i] = group[i - 2]; /* customers with several events */
        calendar_push(cal, 0, 1, (struct calendar_event){i, 0, 0, group[i]});
    }
    assert_int_equal(calendar_sort_lane(cal, 0, 1, GROUPS), 0);
    struct calendar_event ev;
    int popped = 0;
    for (int32_t g = 0; g < GROUPS; g++)
        for (int i = 0; i < N; i++)
            if (group[i] == g) {
                assert_int_equal(calendar_pop(cal, 0, 1, &ev), 1);
                assert_int_equal(ev.target, i);
                popped++;
            }
    assert_int_equal(popped, N);
    assert_int_equal(calendar_pop(cal, 0, 1, &ev), 0);
    calendar_free(cal);
}

/* calendar_take: the events calendar_pop would return, a run at a time
 * (no more than asked for, none past its chunk); peek reaches on from the
 * last one taken; events pushed between two takes come with the second,
 * after those pushed before; pending counts the taken ones out. */
static void take_is_popping_a_run_at_a_time(void **state)
{
    (void)state;
    enum { CHUNK_EVENTS = CALENDAR_CHUNK_EVENTS, N = 300 }; /* more than two chunks */
    struct calendar *cal = calendar_alloc(3);
    struct calendar_event run[50];
    assert_int_equal(calendar_take(cal, 1, 0, run, 50), 0);
    assert_int_equal(calendar_take(cal, 9, 0, run, 50), 0); /* outside the calendar */
    for (int i = 0; i < N; i++)
        calendar_push(cal, 1, 0, (struct calendar_event){i, 0, 0, 0});
    int32_t taken = 0, pushed = N, n;
    while ((n = calendar_take(cal, 1, 0, run, 50)) > 0) {
        assert_true(n <= 50);
        for (int32_t k = 0; k < n; k++)
            assert_int_equal(run[k].target, taken + k);
        taken += n;
        assert_int_equal((taken - n) / CHUNK_EVENTS, (taken - 1) / CHUNK_EVENTS);
        assert_int_equal(calendar_pending(cal), pushed - taken);
        struct calendar_event next = {-1, 0, 0, 0};
        assert_int_equal(calendar_peek(cal, 1, 0, 0, &next), taken < pushed);
        if (taken < pushed)
            assert_int_equal(next.target, taken);
        if (pushed < N + 3) /* pushed while the lane runs: in order, after the rest */
            calendar_push(cal, 1, 0, (struct calendar_event){pushed++, 0, 0, 0});
    }
    assert_int_equal(taken, N + 3);
    assert_int_equal(calendar_pending(cal), 0);
    struct calendar_event ev;
    assert_int_equal(calendar_pop(cal, 1, 0, &ev), 0);
    /* Drained, then pushed to again the same day, taken a whole chunk at
     * a time as the day loop takes them: the new events, in order, the
     * first take emptying the part-filled chunk the drained lane kept. */
    struct calendar_event whole[CALENDAR_CHUNK_EVENTS];
    for (int i = 0; i < 2 * CHUNK_EVENTS; i++)
        calendar_push(cal, 1, 0, (struct calendar_event){1000 + i, 0, 0, 0});
    int32_t seen = 0;
    while ((n = calendar_take(cal, 1, 0, whole, CALENDAR_CHUNK_EVENTS)) > 0) {
        assert_true(n <= CALENDAR_CHUNK_EVENTS);
        for (int32_t k = 0; k < n; k++)
            assert_int_equal(whole[k].target, 1000 + seen + k);
        seen += n;
    }
    assert_int_equal(seen, 2 * CHUNK_EVENTS);
    assert_int_equal(calendar_pending(cal), 0);
    calendar_free(cal);
}

/* Within calendar_reserve()'s room, pushes (to every day and lane, each
 * list with its own part-filled chunk) and a sort allocate nothing; past
 * it the calendar grows, counts each allocation, and loses nothing. */
static void reserved_room_needs_no_allocation(void **state)
{
    (void)state;
    enum { DAYS = 40, EVENTS = 3000 };
    struct calendar *cal = calendar_alloc(DAYS);
    assert_int_equal(calendar_reserve(cal, EVENTS, EVENTS / 2), 0);
    for (int i = 0; i < EVENTS; i++)
        assert_int_equal(calendar_push(cal, i % DAYS, (i / DAYS) % 2,
                                       (struct calendar_event){i, 0, 0, EVENTS - i}), 0);
    assert_int_equal(calendar_sort_lane(cal, 0, 0, EVENTS + 1), 0);
    assert_int_equal(calendar_growths(cal), 0);
    /* One lane of 4,000 events: more chunks and a longer sort than set aside. */
    for (int i = 0; i < 4000; i++)
        assert_int_equal(calendar_push(cal, 1, 1,
                                       (struct calendar_event){EVENTS + i, 0, 0, EVENTS + 4000 - i}),
                         0);
    assert_int_equal(calendar_sort_lane(cal, 1, 1, EVENTS + 4001), 0);
    int64_t grown = calendar_growths(cal);
    assert_true(grown >= 2); /* the chunk pool and the sort scratch */
    int64_t seen = 0;
    struct calendar_event ev;
    for (int day = 0; day < DAYS; day++)
        for (int lane = 0; lane < CALENDAR_LANES; lane++) {
            int sorted = (day == 0 && lane == 0) || (day == 1 && lane == 1);
            int32_t last = -1;
            while (calendar_pop(cal, day, lane, &ev)) {
                int32_t key = sorted ? ev.group : ev.target; /* else push order */
                assert_true(key > last);
                last = key;
                seen++;
            }
        }
    assert_int_equal(seen, EVENTS + 4000);
    assert_int_equal(calendar_pending(cal), 0);
    assert_int_equal(calendar_growths(cal), grown); /* popping never allocates */
    calendar_free(cal);
}

/* The room set aside follows the events, not the days: a long horizon
 * and fewer events than days set aside a chunk for each event (one to a
 * list at most), with today's lists being read, and no more; so events on
 * as many lists again make the calendar grow, where a chunk for every day
 * would have held them. */
static void reserved_room_follows_the_events_not_the_days(void **state)
{
    (void)state;
    enum { DAYS = 5000, EVENTS = 1000 };
    struct calendar *cal = calendar_alloc(DAYS);
    assert_int_equal(calendar_reserve(cal, EVENTS, 0), 0);
    struct calendar_event ev;
    /* today's two lanes, each read in part */
    for (int lane = 0; lane < CALENDAR_LANES; lane++) {
        calendar_push(cal, 0, lane, (struct calendar_event){lane, 0, 0, 0});
        calendar_push(cal, 0, lane, (struct calendar_event){lane + 2, 0, 0, 0});
        assert_int_equal(calendar_pop(cal, 0, lane, &ev), 1);
    }
    /* the rest of the events, each alone on a list of its own */
    for (int i = 2; i < EVENTS; i++)
        calendar_push(cal, 1 + i / 2, i % 2, (struct calendar_event){i, 0, 0, 0});
    assert_int_equal(calendar_pending(cal), EVENTS);
    assert_int_equal(calendar_growths(cal), 0);
    for (int i = 0; i < EVENTS; i++)
        calendar_push(cal, 1000 + i / 2, i % 2, (struct calendar_event){EVENTS + i, 0, 0, 0});
    assert_true(calendar_growths(cal) >= 1);
    int64_t seen = 0;
    for (int day = 0; day < DAYS; day++)
        for (int lane = 0; lane < CALENDAR_LANES; lane++)
            while (calendar_pop(cal, day, lane, &ev))
                seen++;
    assert_int_equal(seen, 2 * EVENTS);
    assert_int_equal(calendar_pending(cal), 0);
    calendar_free(cal);
}

/* A lane filled to a chunk's end exactly, read out, and pushed to again
 * while being read; a day finished with events unread across chunks
 * counts them out, and a later day's events come through whole. */
static void chunk_edges_keep_every_event(void **state)
{
    (void)state;
    enum { CHUNK_EVENTS = CALENDAR_CHUNK_EVENTS };
    struct calendar *cal = calendar_alloc(6);
    struct calendar_event ev;
    for (int n = CHUNK_EVENTS - 1; n <= CHUNK_EVENTS + 1; n++) {
        int32_t day = n - (CHUNK_EVENTS - 1);
        for (int i = 0; i < n; i++)
            calendar_push(cal, day, 0, (struct calendar_event){i, 0, 0, 0});
        int seen = 0;
        while (calendar_pop(cal, day, 0, &ev)) {
            assert_int_equal(ev.target, seen);
            seen++;
            if (seen == n) /* the last one pushes another behind it */
                calendar_push(cal, day, 0, (struct calendar_event){n, 0, 0, 0});
        }
        assert_int_equal(seen, n + 1);
        assert_int_equal(calendar_pending(cal), 0);
    }
    for (int i = 0; i < 3 * CHUNK_EVENTS; i++)
        calendar_push(cal, 4, 1, (struct calendar_event){i, 0, 0, 0});
    for (int i = 0; i < CHUNK_EVENTS + 10; i++) {
        assert_int_equal(calendar_pop(cal, 4, 1, &ev), 1);
        assert_int_equal(ev.target, i);
    }
    calendar_finish_day(cal, 4);
    assert_int_equal(calendar_pending(cal), 0);
    assert_int_equal(calendar_pop(cal, 4, 1, &ev), 0);
    for (int i = 0; i < 3 * CHUNK_EVENTS; i++)
        calendar_push(cal, 5, 1, (struct calendar_event){i, 0, 0, 0});
    for (int i = 0; i < 3 * CHUNK_EVENTS; i++) {
        assert_int_equal(calendar_pop(cal, 5, 1, &ev), 1);
        assert_int_equal(ev.target, i);
    }
    assert_int_equal(calendar_pop(cal, 5, 1, &ev), 0);
    calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fifo_per_day_and_lane),
        cmocka_unit_test(pushed_while_popping_same_day),
        cmocka_unit_test(days_outside_are_dropped),
        cmocka_unit_test(far_events_keep_push_order),
        cmocka_unit_test(sorted_lane_is_stable_by_group),
        cmocka_unit_test(short_lane_is_stable_by_group),
        cmocka_unit_test(a_day_among_many_groups_is_stable),
        cmocka_unit_test(take_is_popping_a_run_at_a_time),
        cmocka_unit_test(reserved_room_needs_no_allocation),
        cmocka_unit_test(reserved_room_follows_the_events_not_the_days),
        cmocka_unit_test(chunk_edges_keep_every_event),
    };
    return cmocka_run_group_tests_name("calendar", tests, NULL, NULL);
}
