/*
 * datadir.h — where huikuan's own files (chart scripts, scenarios) lie
 * beside its executable: in the source tree it was built in (above
 * build/huikuan, build/san/huikuan or build/mpi/huikuan), or in
 * PREFIX/share/huikuan beside PREFIX/bin/huikuan (make install).
 */
#ifndef HUIKUAN_DATADIR_H
#define HUIKUAN_DATADIR_H

#include <stddef.h>

/* The folder `sub` ("plots", "scenarios") beside the running executable
 * that holds `probe` (a file in it, such as "common.gp"): its path into
 * out and 0, or -1 if there is none (or out is too small). self, argv[0],
 * stands in where /proc/self/exe cannot be read; NULL for none. */
int datadir_find(const char *self, const char *sub, const char *probe, char *out, size_t size);

/* The running executable's path into exe (PATH_MAX bytes): 0, or -1.
 * self, argv[0], stands in where /proc/self/exe cannot be read. */
int datadir_self(const char *self, char *exe);

/* The build of huikuan with MPI beside the running executable (one
 * without it, started by mpirun, hands a batch over to it): build/mpi/
 * huikuan beside build/huikuan, or PREFIX/libexec/huikuan/huikuan-mpi
 * beside PREFIX/bin/huikuan; its path into out and 0, or -1. */
int datadir_mpi_program(const char *self, char *out, size_t size);

#endif
