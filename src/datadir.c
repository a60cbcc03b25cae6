/*
 * datadir.c — huikuan's own files beside its executable (see datadir.h).
 */
#include "huikuan/datadir.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int datadir_find(const char *self, const char *sub, const char *probe, char *out, size_t size)
{
    char exe[PATH_MAX];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0)
        exe[len] = '\0';
    else if (!self || realpath(self, exe) == NULL)
        return -1;
    char *slash = strrchr(exe, '/');
    if (!slash)
        return -1;
    *slash = '\0';
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
