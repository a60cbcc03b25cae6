/*
 * calendar.c — per-(day, lane) lists of fixed-size chunks from one pool.
 *
 * Events sit in chunks of CHUNK events; each (day, lane) has a singly
 * linked list of chunks, appended at the tail and read from the head.
 * A drained chunk returns to a free list and is reused, so memory is
 * bounded by the events pending (plus at most one part-filled chunk per
 * day and lane), the day loop stops allocating once the pool has grown
 * to the run's volume, and reading a day walks memory in order.
 *
 * Invariants: pending = events pushed and neither popped (or taken) nor
 * dropped by calendar_finish_day(); within a
 * (day, lane) events come out in push order; every chunk is on exactly
 * one list or on the free list.
 */
#include "huikuan/calendar.h"

#include <stdlib.h>
#include <string.h>

enum { CHUNK = CALENDAR_CHUNK_EVENTS }; /* 127 x 16 bytes + a 16-byte header = 2 KiB */
enum { RADIX_BITS = 11, RADIX = 1 << RADIX_BITS };

/* Events are 16 bytes and the header too, so none straddles two cache
 * lines. */
struct chunk {
    int32_t next; /* next chunk of the same list, -1 at the tail */
    int32_t spare[3];
    struct calendar_event ev[CHUNK];
};

/* A list keeps its tail chunk's fill itself (every other chunk is full):
 * a push then touches the list and the event's slot, not also the
 * chunk's header, which at a million customers is a cache miss of its
 * own. */
struct list {
    int32_t head, tail; /* chunk indices, -1 if empty */
    int32_t read;       /* events already read from the head chunk */
    int32_t filled;     /* events written to the tail chunk */
};

/* Events written to chunk c of list l. */
static inline int32_t chunk_count(const struct list *l, int32_t c)
{
    return c == l->tail ? l->filled : CHUNK;
}

struct calendar {
    int32_t days;
    struct list *lists; /* [day * CALENDAR_LANES + lane] */
    struct chunk *pool;
    int32_t pool_used, pool_capacity, free_head;
    int64_t pending;
    int64_t growths; /* allocations beyond what calendar_reserve() set aside */
    /* Sorting: two buffers the size of the largest lane sorted so far. */
    struct calendar_event *sort_a, *sort_b;
    size_t sort_capacity;
    size_t histogram[RADIX];
};

struct calendar *calendar_alloc(int32_t days)
{
    struct calendar *cal = calloc(1, sizeof *cal);
    if (!cal)
        return NULL;
    cal->days = days;
    cal->lists = malloc((size_t)days * CALENDAR_LANES * sizeof *cal->lists);
    cal->pool_capacity = 64;
    cal->pool = malloc((size_t)cal->pool_capacity * sizeof *cal->pool);
    cal->free_head = -1;
    if (!cal->lists || !cal->pool) {
        calendar_free(cal);
        return NULL;
    }
    for (size_t i = 0; i < (size_t)days * CALENDAR_LANES; i++)
        cal->lists[i] = (struct list){-1, -1, 0, 0};
    return cal;
}

void calendar_free(struct calendar *cal)
{
    if (!cal)
        return;
    free(cal->lists);
    free(cal->pool);
    free(cal->sort_a);
    free(cal->sort_b);
    free(cal);
}

int32_t calendar_days(const struct calendar *cal)
{
    return cal->days;
}

/* Room for `chunks` chunks in all (chunks are numbered in int32). */
static int pool_reserve(struct calendar *cal, int64_t chunks)
{
    if (chunks <= cal->pool_capacity)
        return 0;
    if (chunks > INT32_MAX)
        return -1;
    struct chunk *grown = realloc(cal->pool, (size_t)chunks * sizeof *grown);
    if (!grown)
        return -1;
    cal->pool = grown;
    cal->pool_capacity = (int32_t)chunks;
    return 0;
}

static int32_t chunk_take(struct calendar *cal)
{
    int32_t c = cal->free_head;
    if (c >= 0) {
        cal->free_head = cal->pool[c].next;
    } else {
        if (cal->pool_used == cal->pool_capacity) {
            if (pool_reserve(cal, (int64_t)cal->pool_capacity * 2) != 0)
                return -1;
            cal->growths++; /* the day loop allocated */
        }
        c = cal->pool_used++;
    }
    cal->pool[c].next = -1;
    return c;
}

static void list_append(struct calendar *cal, struct list *l, struct calendar_event ev)
{
    cal->pool[l->tail].ev[l->filled++] = ev;
    cal->pending++;
}

/* A push that first needs a new chunk, one in CHUNK: kept out of line, so
 * that every other push (one for every event run) takes no registers to
 * save and restore for the allocation's calls. */
__attribute__((noinline)) static int push_extending(struct calendar *cal, struct list *l,
                                                    struct calendar_event ev)
{
    int32_t c = chunk_take(cal);
    if (c < 0)
        return -1;
    if (l->tail < 0)
        l->head = c;
    else
        cal->pool[l->tail].next = c;
    l->tail = c;
    l->filled = 0;
    list_append(cal, l, ev);
    return 0;
}

int calendar_push(struct calendar *cal, int32_t day, int lane, struct calendar_event ev)
{
    if (day < 0 || day >= cal->days)
        return 0;
    struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
    if (l->tail < 0 || l->filled == CHUNK)
        return push_extending(cal, l, ev);
    list_append(cal, l, ev);
    return 0;
}

/* The chunk of list l the next event is read from, or -1 if it has none
 * left for now. A full chunk read to its end goes back to the pool on the
 * way; a part-filled one is the tail and stays, as more may be pushed to
 * it today. */
static int32_t list_head_unread(struct calendar *cal, struct list *l)
{
    while (l->head >= 0) {
        int32_t count = chunk_count(l, l->head);
        if (l->read < count)
            return l->head;
        if (count < CHUNK)
            return -1; /* drained for now */
        int32_t done = l->head;
        l->head = cal->pool[done].next;
        l->read = 0;
        if (l->head < 0)
            l->tail = -1;
        cal->pool[done].next = cal->free_head;
        cal->free_head = done;
    }
    return -1;
}

int32_t calendar_take(struct calendar *cal, int32_t day, int lane, struct calendar_event *to,
                      int32_t max)
{
    if (day < 0 || day >= cal->days)
        return 0;
    struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
    int32_t c = list_head_unread(cal, l);
    if (c < 0)
        return 0;
    int32_t n = chunk_count(l, c) - l->read;
    if (n > max)
        n = max;
    memcpy(to, &cal->pool[c].ev[l->read], (size_t)n * sizeof *to);
    l->read += n;
    cal->pending -= n;
    return n;
}

int calendar_pop(struct calendar *cal, int32_t day, int lane, struct calendar_event *ev)
{
    return (int)calendar_take(cal, day, lane, ev, 1);
}

int calendar_peek(const struct calendar *cal, int32_t day, int lane, int ahead,
                  struct calendar_event *ev)
{
    if (day < 0 || day >= cal->days)
        return 0;
    const struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
    int32_t c = l->head, at = l->read + ahead;
    while (c >= 0 && at >= chunk_count(l, c)) {
        if (chunk_count(l, c) < CHUNK)
            return 0;
        at -= CHUNK;
        c = cal->pool[c].next;
    }
    if (c < 0)
        return 0;
    *ev = cal->pool[c].ev[at];
    return 1;
}

static int sort_reserve(struct calendar *cal, size_t n)
{
    if (n <= cal->sort_capacity)
        return 0;
    size_t cap = cal->sort_capacity * 2 > n ? cal->sort_capacity * 2 : n;
    struct calendar_event *a = malloc(cap * sizeof *a), *b = malloc(cap * sizeof *b);
    if (!a || !b) {
        free(a);
        free(b);
        return -1;
    }
    free(cal->sort_a);
    free(cal->sort_b);
    cal->sort_a = a;
    cal->sort_b = b;
    cal->sort_capacity = cap;
    return 0;
}

/* One stable counting-sort pass on the digit of group at shift, of
 * `bits` bits (at most RADIX_BITS), for groups below `groups`: the top
 * digit counts only as far as they reach (400 customers: 400 of a 9-bit
 * digit's 512 values). */
static void radix_pass(struct calendar *cal, const struct calendar_event *from,
                       struct calendar_event *to, size_t n, int shift, int bits, int32_t groups)
{
    size_t *h = cal->histogram, buckets = (size_t)1 << bits;
    uint32_t mask = (uint32_t)buckets - 1;
    size_t reached = ((size_t)(groups - 1) >> shift) + 1;
    if (reached < buckets)
        buckets = reached;
    for (size_t d = 0; d < buckets; d++)
        h[d] = 0;
    for (size_t i = 0; i < n; i++)
        h[((uint32_t)from[i].group >> shift) & mask]++;
    size_t at = 0;
    for (size_t d = 0; d < buckets; d++) {
        size_t count = h[d];
        h[d] = at;
        at += count;
    }
    for (size_t i = 0; i < n; i++)
        to[h[((uint32_t)from[i].group >> shift) & mask]++] = from[i];
}

/* Stable insertion sort, for lanes too short for a radix pass to pay. */
static void insertion_sort(struct calendar_event *a, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        struct calendar_event x = a[i];
        size_t j = i;
        for (; j > 0 && a[j - 1].group > x.group; j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

int calendar_sort_lane(struct calendar *cal, int32_t day, int lane, int32_t groups)
{
    if (day < 0 || day >= cal->days)
        return 0;
    const struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
    size_t n = 0;
    for (int32_t c = l->head; c >= 0; c = cal->pool[c].next)
        n += (size_t)(chunk_count(l, c) - (c == l->head ? l->read : 0));
    if (n < 2)
        return 0;
    if (n > cal->sort_capacity) {
        if (sort_reserve(cal, n) != 0)
            return -1;
        cal->growths++;
    }
    struct calendar_event *a = cal->sort_a, *b = cal->sort_b;
    /* Chunk by chunk, as whole runs: a loop of single events reread the
     * list at each one, as any of its stores might have changed it. */
    size_t k = 0;
    for (int32_t c = l->head; c >= 0; c = cal->pool[c].next) {
        int32_t from = c == l->head ? l->read : 0, count = chunk_count(l, c) - from;
        memcpy(a + k, &cal->pool[c].ev[from], (size_t)count * sizeof *a);
        k += (size_t)count;
    }
    for (k = 1; k < n && a[k].group >= a[k - 1].group; k++)
        ;
    if (k == n)
        return 0; /* already in order */
    if (n <= 48) {
        insertion_sort(a, n);
    } else {
        /* As few passes as the groups need, digits as even as can be. */
        int bits = 1;
        while (bits < 31 && ((int64_t)1 << bits) < groups)
            bits++;
        int passes = (bits + RADIX_BITS - 1) / RADIX_BITS;
        int digit = (bits + passes - 1) / passes;
        for (int shift = 0; shift < bits; shift += digit) {
            radix_pass(cal, a, b, n, shift, digit, groups);
            struct calendar_event *t = a;
            a = b;
            b = t;
        }
    }
    k = 0;
    for (int32_t c = l->head; c >= 0; c = cal->pool[c].next) {
        int32_t from = c == l->head ? l->read : 0, count = chunk_count(l, c) - from;
        memcpy(&cal->pool[c].ev[from], a + k, (size_t)count * sizeof *a);
        k += (size_t)count;
    }
    return 0;
}

void calendar_finish_day(struct calendar *cal, int32_t day)
{
    if (day < 0 || day >= cal->days)
        return;
    for (int lane = 0; lane < CALENDAR_LANES; lane++) {
        struct list *l = &cal->lists[(size_t)day * CALENDAR_LANES + (size_t)lane];
        for (int32_t c = l->head; c >= 0;) {
            int32_t next = cal->pool[c].next;
            /* Unread events are dropped: count them out. */
            cal->pending -= chunk_count(l, c) - (c == l->head ? l->read : 0);
            cal->pool[c].next = cal->free_head;
            cal->free_head = c;
            c = next;
        }
        *l = (struct list){-1, -1, 0, 0};
    }
}

int64_t calendar_pending(const struct calendar *cal)
{
    return cal->pending;
}

int calendar_reserve(struct calendar *cal, int64_t events, int64_t lane_events)
{
    /* A list holds a chunk only while it has an event pending, or is being
     * read today: so no more lists hold one than there are events or
     * lists. Each has a part-filled chunk at its tail, and today's may have
     * a part-read one at its head; the rest are full. A horizon of
     * thousands of days and a handful of customers thus sets aside a few
     * hundred chunks, not one for every day; at least LISTS_FLOOR lists,
     * as a lone customer can keep more events pending than its share. */
    enum { LISTS_FLOOR = 256 };
    int64_t lists = (int64_t)cal->days * CALENDAR_LANES;
    int64_t listed = events > LISTS_FLOOR ? events : LISTS_FLOOR;
    int64_t chunks = (listed < lists ? listed : lists) + events / CHUNK + 2 * CALENDAR_LANES;
    if (pool_reserve(cal, chunks) != 0)
        return -1;
    return lane_events > 0 ? sort_reserve(cal, (size_t)lane_events) : 0;
}

int64_t calendar_growths(const struct calendar *cal)
{
    return cal->growths;
}
