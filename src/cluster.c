/*
 * cluster.c — MPI when built with HUIKUAN_MPI, one process otherwise.
 *
 * Messages longer than MPI's int count go in pieces of at most 1 GiB,
 * after their length; both ends loop identically.
 */
#include "huikuan/cluster.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef HUIKUAN_MPI
#include <mpi.h>
#endif

#define PIECE ((size_t)1 << 30)

static int env_int(const char *const *names, int fallback)
{
    for (int i = 0; names[i]; i++) {
        const char *v = getenv(names[i]);
        if (v && *v)
            return atoi(v);
    }
    return fallback;
}

static const char *const SIZE_NAMES[] = {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_SIZE", NULL};

int cluster_launched_size(void)
{
    int n = env_int(SIZE_NAMES, 1);
    return n > 0 ? n : 1;
}

int cluster_launched(void)
{
    return env_int(SIZE_NAMES, 0) > 0;
}

int cluster_launched_rank(void)
{
    static const char *const names[] = {"OMPI_COMM_WORLD_RANK", "PMI_RANK", "PMIX_RANK", NULL};
    return env_int(names, 0);
}

#ifdef HUIKUAN_MPI

static int started;

int cluster_has_mpi(void)
{
    return 1;
}

int cluster_start(int *argc, char ***argv, struct hk_error *err)
{
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return hk_error_set(err, HK_EIO, "MPI could not start");
    started = 1;
    return HK_OK;
}

void cluster_stop(void)
{
    if (started)
        MPI_Finalize();
    started = 0;
}

int cluster_rank(void)
{
    int r = 0;
    if (started)
        MPI_Comm_rank(MPI_COMM_WORLD, &r);
    return r;
}

int cluster_size(void)
{
    int n = 1;
    if (started)
        MPI_Comm_size(MPI_COMM_WORLD, &n);
    return n;
}

int cluster_max(int value)
{
    int out = value;
    if (started)
        MPI_Allreduce(&value, &out, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return out;
}

int cluster_bcast(void *buf, size_t len)
{
    if (!started)
        return HK_OK;
    for (size_t off = 0; off < len; off += PIECE) {
        size_t n = len - off < PIECE ? len - off : PIECE;
        if (MPI_Bcast((char *)buf + off, (int)n, MPI_BYTE, 0, MPI_COMM_WORLD) != MPI_SUCCESS)
            return HK_EIO;
    }
    return HK_OK;
}

int cluster_send(const void *buf, size_t len, int to)
{
    uint64_t n64 = len;
    if (MPI_Send(&n64, 1, MPI_UINT64_T, to, 0, MPI_COMM_WORLD) != MPI_SUCCESS)
        return HK_EIO;
    for (size_t off = 0; off < len; off += PIECE) {
        size_t n = len - off < PIECE ? len - off : PIECE;
        if (MPI_Send((const char *)buf + off, (int)n, MPI_BYTE, to, 1, MPI_COMM_WORLD) !=
            MPI_SUCCESS)
            return HK_EIO;
    }
    return HK_OK;
}

int cluster_recv(void **buf, size_t *len, int from)
{
    uint64_t n64;
    *buf = NULL;
    *len = 0;
    if (MPI_Recv(&n64, 1, MPI_UINT64_T, from, 0, MPI_COMM_WORLD, MPI_STATUS_IGNORE) !=
        MPI_SUCCESS)
        return HK_EIO;
    char *data = malloc(n64 ? (size_t)n64 : 1);
    if (!data)
        return HK_EIO;
    for (size_t off = 0; off < n64; off += PIECE) {
        size_t n = n64 - off < PIECE ? (size_t)n64 - off : PIECE;
        if (MPI_Recv(data + off, (int)n, MPI_BYTE, from, 1, MPI_COMM_WORLD, MPI_STATUS_IGNORE) !=
            MPI_SUCCESS) {
            free(data);
            return HK_EIO;
        }
    }
    *buf = data;
    *len = (size_t)n64;
    return HK_OK;
}

#else /* one process */

int cluster_has_mpi(void)
{
    return 0;
}

int cluster_start(int *argc, char ***argv, struct hk_error *err)
{
    (void)argc;
    (void)argv;
    (void)err;
    return HK_OK;
}

void cluster_stop(void)
{
}

int cluster_rank(void)
{
    return 0;
}

int cluster_size(void)
{
    return 1;
}

int cluster_max(int value)
{
    return value;
}

int cluster_bcast(void *buf, size_t len)
{
    (void)buf;
    (void)len;
    return HK_OK;
}

int cluster_send(const void *buf, size_t len, int to)
{
    (void)buf;
    (void)len;
    (void)to;
    return HK_EINTERNAL;
}

int cluster_recv(void **buf, size_t *len, int from)
{
    (void)from;
    *buf = NULL;
    *len = 0;
    return HK_EINTERNAL;
}

#endif
