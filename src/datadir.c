/*
 * datadir.c — huikuan's own files beside its executable (see datadir.h).
 */
#include "huikuan/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int datadir_self(const char *self, char *exe)
{
    ssize_t len = readlink("/proc/self/exe", exe, PATH_MAX - 1);
    if (len > 0)
        exe[len] = '\0';
    else if (!self || realpath(self, exe) == NULL)
        return -1;
    return 0;
}

/* The folder the running executable is in, into exe (PATH_MAX). */
static int executable_folder(const char *self, char *exe)
{
    if (datadir_self(self, exe) != 0)
        return -1;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

int datadir_mpi_program(const char *self, char *out, size_t size)
{
    char exe[PATH_MAX];
    if (executable_folder(self, exe) != 0)
        return -1;
    /* build/mpi/huikuan beside build/huikuan (build/san/mpi beside
     * build/san), PREFIX/libexec/huikuan/huikuan-mpi beside PREFIX/bin */
    static const char *const beside[] = {"/mpi/huikuan", "/../libexec/huikuan/huikuan-mpi"};
    for (size_t i = 0; i < sizeof beside / sizeof beside[0]; i++) {
        int n = snprintf(out, size, "%s%s", exe, beside[i]);
        struct stat st; /* there, though perhaps not to be run: execv says */
        if (n > 0 && (size_t)n < size && stat(out, &st) == 0 && S_ISREG(st.st_mode))
            return 0;
    }
    return -1;
}

int datadir_find(const char *self, const char *sub, const char *probe, char *out, size_t size)
{
    char exe[PATH_MAX];
    if (executable_folder(self, exe) != 0)
        return -1;
    /* build/huikuan, build/san/huikuan (or build/mpi), PREFIX/bin/huikuan */
    static const char *const above[] = {"/..", "/../..", "/../share/huikuan"};
    for (size_t i = 0; i < sizeof above / sizeof above[0]; i++) {
        char dir[PATH_MAX + 64], file[2 * PATH_MAX];
        snprintf(dir, sizeof dir, "%s%s/%s", exe, above[i], sub);
        snprintf(file, sizeof file, "%s/%s", dir, probe);
        if (access(file, R_OK) == 0) {
            int n = snprintf(out, size, "%s", dir);
            return n > 0 && (size_t)n < size ? 0 : -1;
        }
    }
    return -1;
}
