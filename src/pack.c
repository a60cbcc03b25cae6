/*
 * pack.c — replication results to bytes and back (see pack.h).
 *
 * Layout: the struct (pointers zeroed), then for each array the struct
 * owns, in the order of OWNED below, its row count (uint64) and rows.
 *
 * Invariant: unpack_result(pack_result(r)) equals r field for field,
 * with fresh copies of everything r's pointers own.
 */
#include "huikuan/pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define R struct replication_result

/* Every array a replication result owns: where its pointer is, the size
 * of one row, and whether it has `months` rows (else `rep_count`). */
static const struct {
    size_t offset, row_bytes;
    int by_months;
} OWNED[] = {
    {offsetof(R, monthly), sizeof *((R *)0)->monthly, 1},
    {offsetof(R, segment_monthly_paid), sizeof *((R *)0)->segment_monthly_paid, 1},
    {offsetof(R, segment_monthly_late), sizeof *((R *)0)->segment_monthly_late, 1},
    {offsetof(R, reps), sizeof *((R *)0)->reps, 0},
};
enum { OWNED_COUNT = sizeof OWNED / sizeof OWNED[0] };

static void **slot(const R *r, int k)
{
    return (void **)((char *)r + OWNED[k].offset);
}

static uint64_t rows_of(const R *r, int k)
{
    if (!*slot(r, k))
        return 0;
    int n = OWNED[k].by_months ? r->months : r->rep_count;
    return n > 0 ? (uint64_t)n : 0;
}

size_t pack_result_size(const R *r)
{
    size_t len = sizeof *r;
    for (int k = 0; k < OWNED_COUNT; k++)
        len += sizeof(uint64_t) + (size_t)rows_of(r, k) * OWNED[k].row_bytes;
    return len;
}

unsigned char *pack_result(const R *r, unsigned char *buf)
{
    R head = *r;
    for (int k = 0; k < OWNED_COUNT; k++)
        *slot(&head, k) = NULL;
    memcpy(buf, &head, sizeof head);
    buf += sizeof head;
    for (int k = 0; k < OWNED_COUNT; k++) {
        uint64_t rows = rows_of(r, k);
        size_t bytes = (size_t)rows * OWNED[k].row_bytes;
        memcpy(buf, &rows, sizeof rows);
        buf += sizeof rows;
        if (bytes)
            memcpy(buf, *slot(r, k), bytes);
        buf += bytes;
    }
    return buf;
}

const unsigned char *unpack_result(const unsigned char *buf, const unsigned char *end, R *out)
{
    memset(out, 0, sizeof *out);
    if ((size_t)(end - buf) < sizeof *out)
        return NULL;
    R head;
    memcpy(&head, buf, sizeof head);
    buf += sizeof head;
    for (int k = 0; k < OWNED_COUNT; k++)
        *slot(&head, k) = NULL;
    for (int k = 0; k < OWNED_COUNT && buf; k++) {
        uint64_t rows;
        if ((size_t)(end - buf) < sizeof rows) {
            buf = NULL;
            break;
        }
        memcpy(&rows, buf, sizeof rows);
        buf += sizeof rows;
        if (rows > (uint64_t)(end - buf) / OWNED[k].row_bytes) {
            buf = NULL;
            break;
        }
        size_t bytes = (size_t)rows * OWNED[k].row_bytes;
        if (bytes) {
            void *copy = malloc(bytes);
            if (!copy) {
                buf = NULL;
                break;
            }
            memcpy(copy, buf, bytes);
            *slot(&head, k) = copy;
        }
        buf += bytes;
    }
    if (!buf) {
        engine_result_free(&head);
        return NULL;
    }
    head.rep_capacity = head.reps ? head.rep_count : 0;
    *out = head;
    return buf;
}
