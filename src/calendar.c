/*
 * calendar.c — per-day FIFO event lists over one node pool.
 *
 * Invariant: every node is either on exactly one (day, lane) list or on
 * the free list; pending counts the former.
 */
#include "huikuan/calendar.h"

#include <stdlib.h>

struct node {
    struct calendar_event ev;
    int32_t next;
};

struct calendar {
    int32_t days;
    int32_t *head, *tail; /* [day * CALENDAR_LANES + lane] */
    struct node *nodes;
    int32_t capacity, used, free_head;
    int64_t pending;
};

struct calendar *calendar_alloc(int32_t days)
{
    struct calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        return NULL;
    size_t lists = (size_t)days * CALENDAR_LANES;
    cal->days = days;
    cal->head = malloc(lists * sizeof *cal->head);
    cal->tail = malloc(lists * sizeof *cal->tail);
    cal->capacity = 1024;
    cal->nodes = malloc((size_t)cal->capacity * sizeof *cal->nodes);
    cal->free_head = -1;
    if (!cal->head || !cal->tail || !cal->nodes) {
        calendar_free(cal);
        return NULL;
    }
    for (size_t i = 0; i < lists; i++)
        cal->head[i] = cal->tail[i] = -1;
    return cal;
}

void calendar_free(struct calendar *cal)
{
    if (!cal)
        return;
    free(cal->head);
    free(cal->tail);
    free(cal->nodes);
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
    int32_t n;
    if (cal->free_head >= 0) {
        n = cal->free_head;
        cal->free_head = cal->nodes[n].next;
    } else {
        if (cal->used == cal->capacity) {
            int32_t cap = cal->capacity * 2;
            struct node *grown = realloc(cal->nodes, (size_t)cap * sizeof *grown);
            if (!grown)
                return -1;
            cal->nodes = grown;
            cal->capacity = cap;
        }
        n = cal->used++;
    }
    cal->nodes[n].ev = ev;
    cal->nodes[n].next = -1;
    size_t list = (size_t)day * CALENDAR_LANES + (size_t)lane;
    if (cal->tail[list] >= 0)
        cal->nodes[cal->tail[list]].next = n;
    else
        cal->head[list] = n;
    cal->tail[list] = n;
    cal->pending++;
    return 0;
}

int calendar_pop(struct calendar *cal, int32_t day, int lane, struct calendar_event *ev)
{
    size_t list = (size_t)day * CALENDAR_LANES + (size_t)lane;
    int32_t n = cal->head[list];
    if (n < 0)
        return 0;
    *ev = cal->nodes[n].ev;
    cal->head[list] = cal->nodes[n].next;
    if (cal->head[list] < 0)
        cal->tail[list] = -1;
    cal->nodes[n].next = cal->free_head;
    cal->free_head = n;
    cal->pending--;
    return 1;
}

int64_t calendar_pending(const struct calendar *cal)
{
    return cal->pending;
}
