/*
 * calendar.c — a ring of day arrays for the near future, a heap for the far.
 *
 * Most events fall within a few weeks of the day they are scheduled on;
 * some (write-offs, judgments) lie months ahead. Near events go straight
 * into the array of their (day, lane) in a ring of RING_DAYS days; far
 * events wait in a binary heap ordered by (day, push order) and move into
 * the ring when their day comes within it. Ring arrays are reused as the
 * ring turns, so once they have grown to a day's volume the day loop no
 * longer allocates, and memory stays bounded by the events pending.
 *
 * Invariants: every pending event is either in the heap (day >= horizon)
 * or in its day's ring slot (day < horizon); within a (day, lane), events
 * come out in the order they were pushed (far events were pushed before
 * any near event of the same day, and the heap keeps their order).
 */
#include "huikuan/calendar.h"

#include <stdlib.h>

enum { RING_DAYS = 128 };

struct list {
    struct calendar_event *ev;
    int32_t count, next, capacity;
};

struct far_event {
    int32_t day;
    uint8_t lane;
    uint64_t order; /* push order, for FIFO within a day */
    struct calendar_event ev;
};

struct calendar {
    int32_t days;
    int32_t today;   /* days before this are done */
    int32_t horizon; /* days below it are in the ring */
    struct list ring[RING_DAYS * CALENDAR_LANES];
    struct far_event *heap;
    int64_t heap_count, heap_capacity;
    uint64_t pushes;
    int64_t pending;
};

struct calendar *calendar_alloc(int32_t days)
{
    struct calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        return NULL;
    cal->days = days;
    cal->horizon = RING_DAYS < days ? RING_DAYS : days;
    return cal;
}

void calendar_free(struct calendar *cal)
{
    if (!cal)
        return;
    for (int i = 0; i < RING_DAYS * CALENDAR_LANES; i++)
        free(cal->ring[i].ev);
    free(cal->heap);
    free(cal);
}

int32_t calendar_days(const struct calendar *cal)
{
    return cal->days;
}

static struct list *slot(struct calendar *cal, int32_t day, int lane)
{
    return &cal->ring[(day % RING_DAYS) * CALENDAR_LANES + lane];
}

static int list_append(struct list *l, struct calendar_event ev)
{
    if (l->count == l->capacity) {
        int32_t cap = l->capacity ? l->capacity * 2 : 64;
        struct calendar_event *grown = realloc(l->ev, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        l->ev = grown;
        l->capacity = cap;
    }
    l->ev[l->count++] = ev;
    return 0;
}

static int earlier(const struct far_event *a, const struct far_event *b)
{
    return a->day < b->day || (a->day == b->day && a->order < b->order);
}

static int heap_push(struct calendar *cal, struct far_event fe)
{
    if (cal->heap_count == cal->heap_capacity) {
        int64_t cap = cal->heap_capacity ? cal->heap_capacity * 2 : 1024;
        struct far_event *grown = realloc(cal->heap, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        cal->heap = grown;
        cal->heap_capacity = cap;
    }
    int64_t i = cal->heap_count++;
    while (i > 0 && earlier(&fe, &cal->heap[(i - 1) / 2])) {
        cal->heap[i] = cal->heap[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    cal->heap[i] = fe;
    return 0;
}

static struct far_event heap_pop(struct calendar *cal)
{
    struct far_event top = cal->heap[0], last = cal->heap[--cal->heap_count];
    int64_t i = 0, n = cal->heap_count;
    for (;;) {
        int64_t child = 2 * i + 1;
        if (child >= n)
            break;
        if (child + 1 < n && earlier(&cal->heap[child + 1], &cal->heap[child]))
            child++;
        if (!earlier(&cal->heap[child], &last))
            break;
        cal->heap[i] = cal->heap[child];
        i = child;
    }
    if (n > 0)
        cal->heap[i] = last;
    return top;
}

int calendar_push(struct calendar *cal, int32_t day, int lane, struct calendar_event ev)
{
    if (day < cal->today || day >= cal->days)
        return 0;
    cal->pushes++;
    cal->pending++;
    if (day < cal->horizon)
        return list_append(slot(cal, day, lane), ev);
    struct far_event fe = {day, (uint8_t)lane, cal->pushes, ev};
    return heap_push(cal, fe);
}

/* Day `day` is being worked on: the ring must reach day + RING_DAYS - 1. */
static void advance(struct calendar *cal, int32_t day)
{
    while (cal->today < day) {
        /* The day that leaves the ring is done: its slots start afresh. */
        for (int lane = 0; lane < CALENDAR_LANES; lane++) {
            struct list *l = slot(cal, cal->today, lane);
            l->count = l->next = 0;
        }
        cal->today++;
        int32_t enter = cal->today + RING_DAYS - 1;
        if (enter < cal->days && enter >= cal->horizon) {
            cal->horizon = enter + 1;
            while (cal->heap_count > 0 && cal->heap[0].day <= enter) {
                struct far_event fe = heap_pop(cal);
                list_append(slot(cal, fe.day, fe.lane), fe.ev);
            }
        }
    }
}

int calendar_pop(struct calendar *cal, int32_t day, int lane, struct calendar_event *ev)
{
    if (day < cal->today || day >= cal->days)
        return 0;
    advance(cal, day);
    struct list *l = slot(cal, day, lane);
    if (l->next < l->count) {
        *ev = l->ev[l->next++];
        cal->pending--;
        return 1;
    }
    return 0;
}

int64_t calendar_pending(const struct calendar *cal)
{
    return cal->pending;
}
