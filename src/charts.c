/*
 * charts.c — running gnuplot on one script, and the charts' files (the
 * catalogue and the palette are in charts_catalogue.c).
 *
 * Invariant: DIR/plots/NAME.png and NAME.svg are only ever created by
 * rename() of a complete, flushed file, so a reader sees the previous
 * image or the new one, never part of one; and a chart's two files are
 * moved only once both are known complete, so a chart that fails leaves
 * both earlier files. gnuplot exits 0 even when its writes fail (a full
 * disk), so "complete" is read from the files, not from its status.
 * Nothing here writes outside DIR/plots.
 */
#define _GNU_SOURCE
#include "huikuan/charts.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/wait.h>
#include <unistd.h>

#include "huikuan/child.h"
#include "huikuan/datadir.h"
#include "huikuan/manifest.h"
#include "huikuan/output.h"
#include "huikuan/staging_guard.h"

extern char **environ;

/* path opened for reading if it is a regular file (its size in *st),
 * else -1. Opened without blocking: a FIFO by that name must not stop
 * the caller. */
static int open_regular(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
        close(fd);
        return -1;
    }
    return fd;
}

/* A file with a header and at least one non-blank line after it. */
static int has_data_rows(const char *path)
{
    struct stat st;
    int fd = open_regular(path, &st);
    FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    char *line = NULL;
    size_t cap = 0;
    int nonblank = 0;
    while (nonblank < 2 && getline(&line, &cap, f) > 0)
        if (strspn(line, " \t\r\n") != strlen(line))
            nonblank++;
    free(line);
    fclose(f);
    return nonblank >= 2;
}

int charts_applicable(const char *dir, int which[CHART_COUNT])
{
    int n = 0;
    for (int i = 0; i < CHART_COUNT; i++) {
        char path[PATH_MAX];
        if (snprintf(path, sizeof path, "%s/%s", dir, chart_get(i)->input) >= (int)sizeof path)
            continue;
        if (has_data_rows(path))
            which[n++] = i;
    }
    return n;
}

static int is_script_dir(const char *path)
{
    char probe[PATH_MAX];
    if (snprintf(probe, sizeof probe, "%s/common.gp", path) >= (int)sizeof probe)
        return 0;
    return access(probe, R_OK) == 0;
}

int charts_find_scripts(const char *self, char *out, size_t size, struct hk_error *err)
{
    const char *env = getenv("HUIKUAN_PLOTS");
    if (env && env[0]) {
        if (!is_script_dir(env))
            return hk_error_set(err, HK_EINPUT,
                                "HUIKUAN_PLOTS=%s: not a folder of chart scripts (no common.gp)",
                                env);
        snprintf(out, size, "%s", env);
        return HK_OK;
    }
    if (datadir_find(self, "plots", "common.gp", out, size) == 0)
        return HK_OK;
    if (is_script_dir("plots")) {
        snprintf(out, size, "plots");
        return HK_OK;
    }
    return hk_error_set(err, HK_EIO,
                        "cannot find the chart scripts (plots/common.gp) beside the huikuan "
                        "executable or in ./plots; set HUIKUAN_PLOTS to their folder");
}

int charts_find_gnuplot(char *out, size_t size, struct hk_error *err)
{
    const char *path = getenv("PATH");
    if (path && path[0]) {
        const char *p = path;
        while (*p) {
            size_t n = strcspn(p, ":");
            char cand[PATH_MAX];
            if (n == 0)
                snprintf(cand, sizeof cand, "./gnuplot");
            else
                snprintf(cand, sizeof cand, "%.*s/gnuplot", (int)n, p);
            struct stat st;
            if (stat(cand, &st) == 0 && S_ISREG(st.st_mode) && access(cand, X_OK) == 0 &&
                strlen(cand) < size) {
                snprintf(out, size, "%s", cand);
                return HK_OK;
            }
            p += n;
            if (*p == ':')
                p++;
        }
    }
    return hk_error_set(err, HK_EIO,
                        "gnuplot not found on PATH: charts need it (Debian: apt-get install "
                        "gnuplot-nox); the CSV files are unaffected");
}

int charts_gnuplot_quote(const char *text, char *out, size_t size)
{
    size_t j = 0;
    if (size < 3 || strchr(text, '\n') || strchr(text, '\r'))
        return -1;
    out[j++] = '\'';
    for (const char *p = text; *p; p++) {
        size_t need = *p == '\'' ? 2 : 1;
        if (j + need + 2 > size)
            return -1;
        out[j++] = *p;
        if (*p == '\'')
            out[j++] = '\'';
    }
    out[j++] = '\'';
    out[j] = '\0';
    return 0;
}

/* The last non-blank line gnuplot wrote: its error message. */
static void last_message(const char *log, char *out, size_t size)
{
    out[0] = '\0';
    FILE *f = fopen(log, "r");
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) > 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' '))
            line[--n] = '\0';
        if (n > 0)
            snprintf(out, size, "%s", line);
    }
    free(line);
    fclose(f);
}

/* In the child, between fork() and exec: only async-signal-safe calls. */
static void exec_gnuplot(const char *gnuplot, char *const argv[], const char *log,
                         pid_t parent, int report)
{
    if (child_die_with(parent) != 0) /* huikuan stopped stops gnuplot too */
        _exit(127);
    /* gnuplot gets SIGPIPE as any program does; huikuan ignores it. */
    struct sigaction dfl = {.sa_handler = SIG_DFL};
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGPIPE, &dfl, NULL);
    int in = open("/dev/null", O_RDONLY), out = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in >= 0 && out >= 0 && dup2(in, 0) == 0 && dup2(out, 1) == 1 && dup2(out, 2) == 2)
        execve(gnuplot, argv, environ);
    int why = errno;
    ssize_t w = write(report, &why, sizeof why);
    (void)w;
    _exit(127);
}

static int run_gnuplot(const char *gnuplot, const char *script, const char *setup,
                       const char *log, int *status)
{
    char *argv[] = {(char *)"gnuplot", (char *)"-e", (char *)setup, (char *)script, NULL};
    /* The child reports a failed exec through a pipe that a successful
     * exec closes, as posix_spawn would. */
    int report[2];
    if (pipe2(report, O_CLOEXEC) != 0)
        return -1;
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        close(report[0]);
        exec_gnuplot(gnuplot, argv, log, parent, report[1]);
    }
    int why = errno;
    close(report[1]);
    if (pid < 0) {
        close(report[0]);
        errno = why;
        return -1;
    }
    staging_guard_writer(pid);
    ssize_t n;
    while ((n = read(report[0], &why, sizeof why)) < 0 && errno == EINTR)
        ;
    close(report[0]);
    int waited;
    while ((waited = waitpid(pid, status, 0)) < 0 && errno == EINTR)
        ;
    staging_guard_writer(0);
    if (n == (ssize_t)sizeof why) {
        errno = why;
        return -1;
    }
    return waited < 0 ? -1 : 0;
}

/* Every PNG opens with this signature and ends with its IEND chunk:
 * length 0, type "IEND" and that chunk's fixed CRC. */
static const unsigned char PNG_SIGNATURE[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
static const unsigned char PNG_IEND[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82};

static int read_at(int fd, off_t offset, void *buf, size_t n)
{
    return pread(fd, buf, n, offset) == (ssize_t)n ? 0 : -1;
}

static int png_complete(int fd, off_t size)
{
    unsigned char head[8], tail[12];
    return size >= 20 && read_at(fd, 0, head, sizeof head) == 0 &&
           memcmp(head, PNG_SIGNATURE, sizeof head) == 0 &&
           read_at(fd, size - 12, tail, sizeof tail) == 0 &&
           memcmp(tail, PNG_IEND, sizeof tail) == 0;
}

/* The last thing in the file, but white space, is the closing </svg>. */
static int svg_complete(int fd, off_t size)
{
    char tail[64];
    size_t n = size < (off_t)sizeof tail ? (size_t)size : sizeof tail;
    if (n == 0 || read_at(fd, size - (off_t)n, tail, n) != 0)
        return 0;
    while (n > 0 && isspace((unsigned char)tail[n - 1]))
        n--;
    return n >= 6 && memcmp(tail + n - 6, "</svg>", 6) == 0;
}

static int has_ending(const char *path, const char *ending)
{
    size_t n = strlen(path), e = strlen(ending);
    return n > e && strcmp(path + n - e, ending) == 0;
}

int charts_file_complete(const char *path)
{
    int png = has_ending(path, ".png");
    if (!png && !has_ending(path, ".svg"))
        return 0;
    struct stat st;
    int fd = open_regular(path, &st);
    if (fd < 0)
        return 0;
    int whole = png ? png_complete(fd, st.st_size) : svg_complete(fd, st.st_size);
    close(fd);
    return whole;
}

/* 1 if the filesystem holding path has next to no room left: a write
 * refused for want of space leaves less than one buffer's worth free.
 * gnuplot runs as we do, so root's reserved blocks count for root. */
static int no_space_left(const char *path)
{
    struct statvfs vfs;
    if (statvfs(path, &vfs) != 0)
        return 0;
    int root = geteuid() == 0;
    unsigned long long blocks = root ? vfs.f_bfree : vfs.f_bavail;
    unsigned long long inodes = root ? vfs.f_ffree : vfs.f_favail;
    return blocks * vfs.f_frsize < 64 * 1024 || (vfs.f_files > 0 && inodes == 0);
}

/* What is wrong with from, which charts_file_complete() refused. */
static void why_incomplete(const char *from, const char *name, const char *ext, char *why,
                           size_t size)
{
    struct stat st;
    if (stat(from, &st) != 0)
        snprintf(why, size, "gnuplot finished but wrote no %s.%s", name, ext);
    else if (st.st_size == 0)
        snprintf(why, size, "gnuplot's new file is incomplete (empty)");
    else
        snprintf(why, size, "gnuplot's new file is incomplete (%s)",
                 strcmp(ext, "png") == 0 ? "no IEND chunk at its end" : "no closing </svg>");
}

/* Checks that from, a file gnuplot drew, is complete and flushes it to
 * disk; to is where it would go, and names it in the message. */
static int check_drawn(const char *from, const char *to, const char *plots, const char *name,
                       const char *ext, struct hk_error *err)
{
    if (!charts_file_complete(from)) {
        char why[96], full[PATH_MAX + 64] = "";
        why_incomplete(from, name, ext, why, sizeof why);
        if (no_space_left(plots))
            snprintf(full, sizeof full, ": %s (%s)", strerror(ENOSPC), plots);
        return hk_error_set(err, HK_EIO, "%s: not published: %s%s; any earlier %s chart "
                            "is kept", to, why, full, name);
    }
    int fd = open(from, O_RDONLY);
    int synced = fd >= 0 && fsync(fd) == 0;
    int e = errno;
    if (fd >= 0)
        close(fd);
    if (!synced)
        return hk_error_set(err, HK_EIO, "%s: not published: cannot write: %s", to,
                            strerror(e));
    return HK_OK;
}

/* Moves from over to, exchanging the two when to exists so that the
 * earlier file waits in from's place until the whole chart is in.
 * *exchanged says which was done, for move_back(). */
static int move_in(const char *from, const char *to, int *exchanged)
{
    *exchanged = renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0;
    return *exchanged || rename(from, to) == 0 ? 0 : -1;
}

/* Undoes move_in(). Where the filesystem cannot exchange, an earlier
 * file that a plain rename replaced is gone, and to is only removed. */
static void move_back(const char *from, const char *to, int exchanged)
{
    if (exchanged)
        renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
    else
        rename(to, from);
}

/* Moves tmp/NAME.png and NAME.svg into plots/ (dir/plots), both or
 * neither, once both are complete and flushed. */
/* listed: dir has a list of files, its lock held (manifest_lock). */
static int publish(const char *tmp, const char *dir, const char *plots, const char *name,
                   int listed, struct hk_error *err)
{
    static const char *const exts[2] = {"png", "svg"};
    char from[2][PATH_MAX + 256], to[2][PATH_MAX + 96];
    for (int i = 0; i < 2; i++) {
        snprintf(from[i], sizeof from[i], "%s/%s.%s", tmp, name, exts[i]);
        snprintf(to[i], sizeof to[i], "%s/%s.%s", plots, name, exts[i]);
        if (check_drawn(from[i], to[i], plots, name, exts[i], err) != HK_OK)
            return err->status;
    }
    /* Listed before they are in place, as report lists its page: a
     * results folder's list names what huikuan wrote in it. */
    char listed_as[2][128];
    for (int i = 0; i < 2; i++)
        snprintf(listed_as[i], sizeof listed_as[i], "plots/%s.%s", name, exts[i]);
    if (listed && manifest_admit_locked(dir, (const char *[]){listed_as[0], listed_as[1]},
                                        (const char *[]){from[0], from[1]}, 2, err) != HK_OK)
        return err->status;
    int exchanged;
    if (move_in(from[0], to[0], &exchanged) != 0)
        return hk_error_set(err, HK_EIO, "%s: cannot write: %s", to[0], strerror(errno));
    if (rename(from[1], to[1]) != 0) {
        int e = errno;
        move_back(from[0], to[0], exchanged);
        return hk_error_set(err, HK_EIO, "%s: cannot write: %s", to[1], strerror(e));
    }
    return HK_OK;
}

void charts_sweep_staging(const char *dir)
{
    char base[PATH_MAX + 96];
    for (int i = 0; i < CHART_COUNT; i++)
        if (snprintf(base, sizeof base, "%s/plots/.%s", dir, chart_get(i)->name) <
            (int)sizeof base)
            output_sweep_abandoned(base, 1);
    if (snprintf(base, sizeof base, "%s/plots/.probe", dir) < (int)sizeof base)
        output_sweep_abandoned(base, 1);
}

int charts_file_name(const char *name)
{
    size_t n = strlen(name);
    char stem[64];
    if (n <= 4 || n - 4 >= sizeof stem ||
        (strcmp(name + n - 4, ".png") != 0 && strcmp(name + n - 4, ".svg") != 0))
        return 0;
    memcpy(stem, name, n - 4);
    stem[n - 4] = '\0';
    return chart_find(stem) != NULL;
}

/* Charts go into the results folder itself, never through a link to
 * somewhere else, whose files they would replace. */
static int plots_folder_usable(const char *plots, struct hk_error *err)
{
    struct stat st;
    if (lstat(plots, &st) == 0 && S_ISLNK(st.st_mode))
        return hk_error_set(err, HK_EINPUT, "%s: is a symbolic link; charts go into a folder of "
                            "the results' own (remove the link)", plots);
    if (lstat(plots, &st) == 0 && !S_ISDIR(st.st_mode))
        return hk_error_set(err, HK_EINPUT, "%s: exists and is not a folder", plots);
    return HK_OK;
}

int charts_check_own(const char *dir, struct hk_error *err)
{
    char plots[PATH_MAX];
    if (snprintf(plots, sizeof plots, "%s/plots", dir) < (int)sizeof plots &&
        plots_folder_usable(plots, err) != HK_OK)
        return err->status;
    struct manifest *listed;
    int have = manifest_load_checked(dir, &listed, err);
    if (have < 0)
        return err->status;
    DIR *d = have == 1 ? opendir(plots) : NULL;
    struct dirent *de;
    int rc = HK_OK;
    while (d && rc == HK_OK && (de = readdir(d)) != NULL) {
        char as[300], path[PATH_MAX + 300];
        struct stat st;
        if (!charts_file_name(de->d_name))
            continue;
        snprintf(as, sizeof as, "plots/%s", de->d_name);
        snprintf(path, sizeof path, "%s/%s", plots, de->d_name);
        if (!manifest_lists(listed, as) || lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            rc = hk_error_set(err, HK_EINPUT, "%s: huikuan did not draw it; refusing to draw "
                              "over it or show it as a chart of these results (move it away)",
                              path);
    }
    if (d)
        closedir(d);
    manifest_free(listed);
    return rc;
}

int charts_prepare_folder(const char *dir, int *created, struct hk_error *err)
{
    *created = 0;
    char plots[PATH_MAX], base[PATH_MAX + 16], probe[PATH_MAX + 128], quoted[2 * PATH_MAX + 3];
    if (snprintf(plots, sizeof plots, "%s/plots", dir) >= (int)sizeof plots - 64)
        return hk_error_set(err, HK_EINPUT, "%s: path too long", dir);
    if (charts_gnuplot_quote(dir, quoted, sizeof quoted) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: a folder name with a line break cannot be "
                            "passed to gnuplot", dir);
    struct stat st;
    /* Made, then known to the guard as one step: a stop removes it while
     * nothing went into it, as a failed plot does. */
    staging_guard_hold();
    int made = mkdir(plots, 0777) == 0, e = errno;
    if (made)
        staging_guard_made(plots);
    staging_guard_release();
    if (made)
        *created = 1;
    else if (e != EEXIST)
        return hk_error_set(err, HK_EINPUT, "%s: cannot create: %s", plots, strerror(e));
    if (plots_folder_usable(plots, err) != HK_OK)
        return err->status;
    if (stat(plots, &st) != 0 || !S_ISDIR(st.st_mode))
        return hk_error_set(err, HK_EINPUT, "%s: exists and is not a folder", plots);
    snprintf(base, sizeof base, "%s/.probe", plots);
    /* A stop lands once the probe is gone, not between its two steps. */
    staging_guard_hold();
    int tried = output_staging_template(base, probe, sizeof probe) == 0 && mkdtemp(probe);
    e = errno;
    if (tried)
        rmdir(probe);
    staging_guard_release();
    if (!tried)
        return hk_error_set(err, HK_EINPUT, "%s: cannot write: %s", plots, strerror(e));
    return HK_OK;
}

void charts_release_folder(const char *dir, int created)
{
    char plots[PATH_MAX];
    /* rmdir() takes the folder only if no chart went into it. */
    staging_guard_hold();
    staging_guard_made(NULL);
    if (created && snprintf(plots, sizeof plots, "%s/plots", dir) < (int)sizeof plots)
        rmdir(plots);
    staging_guard_release();
}

/* What the chart scripts would otherwise start a shell for: that out is
 * made, and which of the files they ask about the folder holds (a
 * regular file each, as `test -f` says). */
static void known_facts(const char *dir, char *facts, size_t size)
{
    static const char *const asked[] = {"summary.csv", "calibrate.csv"};
    char listed[64] = "", present[64] = "", path[PATH_MAX];
    for (size_t i = 0; i < sizeof asked / sizeof asked[0]; i++) {
        struct stat st;
        snprintf(listed + strlen(listed), sizeof listed - strlen(listed), " %s", asked[i]);
        if (snprintf(path, sizeof path, "%s/%s", dir, asked[i]) < (int)sizeof path &&
            stat(path, &st) == 0 && S_ISREG(st.st_mode))
            snprintf(present + strlen(present), sizeof present - strlen(present), " %s",
                     asked[i]);
    }
    snprintf(facts, size, "out_made = 1; hk_asked = '%s '; hk_present = '%s '", listed, present);
}

int charts_render(const char *gnuplot, const char *scripts, const char *dir,
                  const struct chart *c, struct hk_error *err)
{
    char plots[PATH_MAX], script[PATH_MAX], base[PATH_MAX + 64], tmp[PATH_MAX + 192],
        log[PATH_MAX + 224];
    if (snprintf(plots, sizeof plots, "%s/plots", dir) >= (int)sizeof plots - 64)
        return hk_error_set(err, HK_EINPUT, "%s: path too long", dir);
    snprintf(script, sizeof script, "%s/%s.gp", scripts, c->name);
    if (access(script, R_OK) != 0)
        return hk_error_set(err, HK_EIO, "%s: cannot read chart script: %s", script,
                            strerror(errno));
    /* plots/ exists and is writable: charts_prepare_folder() said so. */
    snprintf(base, sizeof base, "%s/.%s", plots, c->name);
    /* Stopped while gnuplot draws, plot removes the chart's staging; a
     * stop just before or after that is held off until the staging is
     * guarded, or the chart in place and the staging gone. */
    staging_guard_hold();
    if (output_staging_template(base, tmp, sizeof tmp) != 0 || !mkdtemp(tmp)) {
        int e = errno;
        staging_guard_release();
        return hk_error_set(err, HK_EIO, "%s: cannot write: %s", plots, strerror(e));
    }
    snprintf(log, sizeof log, "%s/gnuplot.log", tmp);
    staging_guard_arm(tmp);
    staging_guard_release();

    char qdir[2 * PATH_MAX + 3], qout[2 * PATH_MAX + 387], setup[4 * PATH_MAX + 640], facts[192];
    int rc = HK_OK;
    if (charts_gnuplot_quote(dir, qdir, sizeof qdir) != 0 ||
        charts_gnuplot_quote(tmp, qout, sizeof qout) != 0) {
        rc = hk_error_set(err, HK_EINPUT, "%s: a folder name with a line break cannot be "
                          "passed to gnuplot", dir);
    } else {
        known_facts(dir, facts, sizeof facts);
        snprintf(setup, sizeof setup, "dir=%s; out=%s; %s", qdir, qout, facts);
        int status = 0;
        if (run_gnuplot(gnuplot, script, setup, log, &status) != 0) {
            rc = hk_error_set(err, HK_EIO, "%s: cannot run %s: %s", script, gnuplot,
                              strerror(errno));
        } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            char msg[512];
            last_message(log, msg, sizeof msg);
            if (WIFEXITED(status))
                rc = hk_error_set(err, HK_EIO, "%s failed (gnuplot exit status %d): %s",
                                  script, WEXITSTATUS(status), msg[0] ? msg : "no message");
            else
                rc = hk_error_set(err, HK_EIO, "%s failed: gnuplot killed by signal %d",
                                  script, WTERMSIG(status));
        }
    }
    /* The list's lock is waited for before signals are held off: a
     * stop must still land while another command holds it. */
    int lock = rc == HK_OK ? manifest_lock(dir, err) : MANIFEST_NO_LIST;
    if (lock == MANIFEST_LOCK_FAILED)
        rc = err->status;
    staging_guard_hold();
    staging_guard_disarm();
    if (rc == HK_OK)
        rc = publish(tmp, dir, plots, c->name, lock >= 0, err);
    output_remove_tree(tmp); /* with the earlier files publish() exchanged out */
    staging_guard_release();
    manifest_unlock(lock);
    return rc;
}
