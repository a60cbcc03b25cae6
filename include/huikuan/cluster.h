/*
 * cluster.h — the processes of one run: MPI ranks when huikuan is built
 * with MPI (make MPI=1, -DHUIKUAN_MPI) and started by mpirun, otherwise
 * this process alone (rank 0 of 1), with the same calls.
 *
 * Rank 0 alone reads results folders, writes files and prints; other
 * ranks compute and send. Every call below is collective or
 * point-to-point exactly as its MPI namesake; without MPI, broadcasts
 * are no-ops and send/receive are never needed.
 */
#ifndef HUIKUAN_CLUSTER_H
#define HUIKUAN_CLUSTER_H

#include <stddef.h>
#include "huikuan/error.h"

/* Starts MPI (threads: funnelled through the main thread). */
int cluster_start(int *argc, char ***argv, struct hk_error *err);
void cluster_stop(void);

int cluster_rank(void);
int cluster_size(void);

/* How many processes the launcher (mpirun) started and which one this
 * is, from its environment, without starting MPI; 1 and 0 if none. */
int cluster_launched_size(void);
int cluster_launched_rank(void);
/* 1 if a launcher (mpirun) started this process, even as its only one. */
int cluster_launched(void);

/* 1 if this binary was built with MPI. */
int cluster_has_mpi(void);

/* The largest of every rank's value, on every rank. */
int cluster_max(int value);

/* Rank 0's bytes to every rank. */
int cluster_bcast(void *buf, size_t len);

/* A message of any length to rank `to`; cluster_recv allocates it. */
int cluster_send(const void *buf, size_t len, int to);
int cluster_recv(void **buf, size_t *len, int from);

#endif
