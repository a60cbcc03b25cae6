/*
 * pack.c — replication results to bytes and back (see pack.h).
 *
 * Invariant: unpack_result(pack_result(r)) equals r field for field,
 * with fresh copies of everything r's pointers own.
 */
#include "huikuan/pack.h"

#include <stdlib.h>
#include <string.h>

static size_t monthly_bytes(const struct replication_result *r)
{
    return r->monthly ? (size_t)r->months * sizeof *r->monthly : 0;
}

static size_t reps_bytes(const struct replication_result *r)
{
    return r->reps ? (size_t)r->rep_count * sizeof *r->reps : 0;
}

size_t pack_result_size(const struct replication_result *r)
{
    return sizeof *r + monthly_bytes(r) + reps_bytes(r);
}

unsigned char *pack_result(const struct replication_result *r, unsigned char *buf)
{
    size_t mb = monthly_bytes(r), rb = reps_bytes(r);
    struct replication_result head = *r;
    head.monthly = NULL;
    head.reps = NULL;
    head.months = r->monthly ? r->months : 0;
    head.rep_count = r->reps ? r->rep_count : 0;
    head.rep_capacity = head.rep_count;
    memcpy(buf, &head, sizeof head);
    buf += sizeof head;
    if (mb)
        memcpy(buf, r->monthly, mb);
    if (rb)
        memcpy(buf + mb, r->reps, rb);
    return buf + mb + rb;
}

const unsigned char *unpack_result(const unsigned char *buf, const unsigned char *end,
                                   struct replication_result *out)
{
    memset(out, 0, sizeof *out);
    if ((size_t)(end - buf) < sizeof *out)
        return NULL;
    struct replication_result head;
    memcpy(&head, buf, sizeof head);
    buf += sizeof head;
    size_t mb = (size_t)head.months * sizeof *head.monthly;
    size_t rb = (size_t)head.rep_count * sizeof *head.reps;
    if (head.months < 0 || head.rep_count < 0 || (size_t)(end - buf) < mb + rb)
        return NULL;
    head.monthly = mb ? malloc(mb) : NULL;
    head.reps = rb ? malloc(rb) : NULL;
    if ((mb && !head.monthly) || (rb && !head.reps)) {
        free(head.monthly);
        free(head.reps);
        return NULL;
    }
    if (mb)
        memcpy(head.monthly, buf, mb);
    if (rb)
        memcpy(head.reps, buf + mb, rb);
    *out = head;
    return buf + mb + rb;
}
