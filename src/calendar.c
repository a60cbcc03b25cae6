/*
 * calendar.c — per-(day, lane) arrays of events, popped in push order.
 *
 * Each (day, lane) owns a contiguous array while it has events pending;
 * when a day's lane has been drained its array goes back to a free stack
 * and is reused, capacity and all, by a later day. After the first weeks
 * of a run no array needs to grow any more, so the day loop stops
 * allocating, and popping walks memory in order.
 *
 * Invariant: pending = sum over lists of (count - next).
 */
#include "huikuan/calendar.h"

#include <stdlib.h>

struct list {
    struct calendar_event *ev;
    int32_t count, next, capacity;
};

struct calendar {
    int32_t days;
    struct list *lists;           /* [day * CALENDAR_LANES + lane] */
    struct list *spare;           /* drained arrays, kept for reuse */
    int32_t spare_count, spare_capacity;
    int64_t pending;
};

struct calendar *calendar_alloc(int32_t days)
{
    struct calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        return NULL;
    cal->days = days;
    cal->lists = calloc((size_t)days * CALENDAR_LANES, sizeof *cal->lists);
    cal->spare_capacity = 64;
    cal->spare = malloc((size_t)cal->spare_capacity * sizeof *cal->spare);
    if (!cal->lists || !cal->spare) {
        calendar_free(cal);
        return NULL;
    }
    return cal;
}

void calendar_free(struct calendar *cal)
{
    if (!cal)
        return;
    if (cal->lists)
        for (size_t i = 0; i < (size_t)cal->days * CALENDAR_LANES; i++)
            free(cal->lists[i].ev);
    for (int32_t i = 0; cal->spare && i < cal->spare_count; i++)
        free(cal->spare[i].ev);
    free(cal->lists);
    free(cal->spare);
    free(cal);
}

int32_t calendar_days(const struct calendar *cal)
{
    return cal->days;
}

int calendar_push(struct calendar *cal, int32_t day, int lane, struct calendar_event ev)
{
    if (day < 0 || day >= cal->days)
        return 0;
    struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
    if (!l->ev && cal->spare_count > 0) {
        struct list reuse = cal->spare[--cal->spare_count];
        l->ev = reuse.ev;
        l->capacity = reuse.capacity;
    }
    if (l->count == l->capacity) {
        int32_t cap = l->capacity ? l->capacity * 2 : 16;
        struct calendar_event *grown = realloc(l->ev, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        l->ev = grown;
        l->capacity = cap;
    }
    l->ev[l->count++] = ev;
    cal->pending++;
    return 0;
}

int calendar_pop(struct calendar *cal, int32_t day, int lane, struct calendar_event *ev)
{
    struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
    if (l->next < l->count) {
        *ev = l->ev[l->next++];
        cal->pending--;
        return 1;
    }
    if (l->ev) { /* drained: hand the array on */
        if (cal->spare_count == cal->spare_capacity) {
            int32_t cap = cal->spare_capacity * 2;
            struct list *grown = realloc(cal->spare, (size_t)cap * sizeof *grown);
            if (!grown)
                return 0; /* keep the array where it is; nothing is lost */
            cal->spare = grown;
            cal->spare_capacity = cap;
        }
        cal->spare[cal->spare_count++] = (struct list){l->ev, 0, 0, l->capacity};
        *l = (struct list){0};
    }
    return 0;
}

int64_t calendar_pending(const struct calendar *cal)
{
    return cal->pending;
}
