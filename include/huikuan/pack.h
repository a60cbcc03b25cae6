/*
 * pack.h — a replication result as bytes, to move it between MPI ranks.
 *
 * The layout is the struct itself followed by what its pointers own
 * (monthly rows, per-segment monthly rows, rep records); unpacking
 * allocates those afresh. Ranks run one binary, so the struct's layout is
 * shared. Any pointer added to struct replication_result must be added
 * to the table in pack.c too: the MPI tests compare outputs across rank
 * counts byte for byte and would catch a miss.
 */
#ifndef HUIKUAN_PACK_H
#define HUIKUAN_PACK_H

#include <stddef.h>
#include "huikuan/engine.h"

size_t pack_result_size(const struct replication_result *r);

/* Writes pack_result_size(r) bytes at buf; returns the end. */
unsigned char *pack_result(const struct replication_result *r, unsigned char *buf);

/* Reads one result from [buf, end) into out (freed with
 * engine_result_free); returns the byte after it, or NULL if the bytes
 * are short or memory ran out. */
const unsigned char *unpack_result(const unsigned char *buf, const unsigned char *end,
                                   struct replication_result *out);

#endif
