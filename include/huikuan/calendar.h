/*
 * calendar.h — what happens on which day: a bucket of events per day.
 *
 * Instead of touching every customer and invoice every day, the engine
 * schedules the next thing that can happen to each (an order, a due
 * date, a payment, a reminder) and the day loop visits only those.
 * Each day has two lanes: lane 0 runs at the start of the day (state
 * changes such as "now overdue"), lane 1 after the day's accruals.
 * Within a lane, events run in the order they were pushed, which makes
 * a replication deterministic, unless the lane is sorted by group (the
 * engine's groups are customers): then a group's events keep their push
 * order and the groups come in ascending order. Memory is bounded by
 * pending events.
 */
#ifndef HUIKUAN_CALENDAR_H
#define HUIKUAN_CALENDAR_H

#include <stdint.h>

enum { CALENDAR_LANES = 2 };

/* Events a chunk of the calendar holds: calendar_take returns no more. */
enum { CALENDAR_CHUNK_EVENTS = 127 };

struct calendar_event {
    int32_t target;  /* an invoice or customer id, by kind */
    uint32_t stamp;  /* the target's stamp when pushed; stale if it changed */
    uint8_t kind;
    int32_t group;   /* >= 0: what calendar_sort_lane() orders by */
};

struct calendar;

struct calendar *calendar_alloc(int32_t days);
void calendar_free(struct calendar *cal);
int32_t calendar_days(const struct calendar *cal);

/* Schedules an event; days past the end are dropped (returns 0), as is
 * anything the simulation will never reach. Returns -1 on no memory. */
int calendar_push(struct calendar *cal, int32_t day, int lane, struct calendar_event ev);

/* Takes the next event of (day, lane) in FIFO order; 0 when none left.
 * Events pushed to the same (day, lane) while popping are popped too. */
int calendar_pop(struct calendar *cal, int32_t day, int lane, struct calendar_event *ev);

/* The event `ahead` places after the next one calendar_pop would return,
 * without taking it (0 if there is none that far yet). For prefetching. */
int calendar_peek(const struct calendar *cal, int32_t day, int lane, int ahead,
                  struct calendar_event *ev);

/* Takes the next events of (day, lane), as calendar_pop would one by
 * one, as many as lie together in memory up to max (>= 1): copies them
 * to `to` and returns how many, 0 when none are left. Events pushed to
 * the same (day, lane) meanwhile come with a later call. A lane's run
 * loops over an array, not a call an event. */
int32_t calendar_take(struct calendar *cal, int32_t day, int lane, struct calendar_event *to,
                      int32_t max);

/* Stable sort of the events of (day, lane) not yet popped or taken by group
 * (0 <= group < groups). Events pushed to the lane afterwards come after
 * them, in push order. Returns -1 if scratch memory ran out (the lane is
 * then left as it was), else 0. */
int calendar_sort_lane(struct calendar *cal, int32_t day, int lane, int32_t groups);

/* The day is over: its chunks go back to the pool. */
void calendar_finish_day(struct calendar *cal, int32_t day);

int64_t calendar_pending(const struct calendar *cal);

/* Sets room aside for `events` pending events, however they fall on the
 * days, and for sorting a lane of `lane_events`: within that, pushing and
 * sorting allocate nothing. Beyond it they grow the calendar as they
 * must, and calendar_growths() counts each time they did. Returns -1 on
 * no memory, else 0. */
int calendar_reserve(struct calendar *cal, int64_t events, int64_t lane_events);
int64_t calendar_growths(const struct calendar *cal);

#endif
