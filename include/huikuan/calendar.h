/*
 * calendar.h — what happens on which day: a bucket of events per day.
 *
 * Instead of touching every customer and invoice every day, the engine
 * schedules the next thing that can happen to each (an order, a due
 * date, a payment, a reminder) and the day loop visits only those.
 * Each day has two lanes: lane 0 runs at the start of the day (state
 * changes such as "now overdue"), lane 1 after the day's accruals.
 * Within a lane, events run in the order they were pushed, which makes
 * a replication deterministic. Memory is bounded by pending events.
 */
#ifndef HUIKUAN_CALENDAR_H
#define HUIKUAN_CALENDAR_H

#include <stdint.h>

enum { CALENDAR_LANES = 2 };

struct calendar_event {
    int32_t target;  /* an invoice or customer id, by kind */
    uint32_t stamp;  /* the target's stamp when pushed; stale if it changed */
    uint8_t kind;
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

/* The day is over: its chunks go back to the pool. */
void calendar_finish_day(struct calendar *cal, int32_t day);

int64_t calendar_pending(const struct calendar *cal);

#endif
