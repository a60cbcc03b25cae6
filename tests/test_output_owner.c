/* test_output_owner.c — what a killed writer left beside or in a results
 * folder, and whose it is: a staging folder whose process is gone (a
 * zombie included) is swept, a live one's is not; in a batch's folder,
 * under its lock, what only a batch writes is a dead batch's whatever
 * host named it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "huikuan/output.h"

static char dir[64];

static int make_dir(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/hk-owner-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    output_remove_tree(dir);
    return 0;
}

/* This host's staging name for dir/res, as process pid would make it. */
static void staging_of(pid_t pid, char *buf, size_t size)
{
    char final[128], mine[512], tail[64];
    snprintf(final, sizeof final, "%s/res", dir);
    assert_int_equal(output_staging_template(final, mine, sizeof mine), 0);
    snprintf(tail, sizeof tail, "-%ld-XXXXXX", (long)getpid());
    char *at = strstr(mine, tail);
    assert_non_null(at);
    *at = '\0';
    assert_true(snprintf(buf, size, "%s-%ld-abcdef", mine, (long)pid) < (int)size);
}

/* The state letter /proc gives pid ('Z' for a zombie), or 0. */
static char state_of(pid_t pid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char *ok = fgets(line, sizeof line, f);
    fclose(f);
    const char *paren = ok ? strrchr(line, ')') : NULL;
    return paren && paren[1] == ' ' ? paren[2] : 0;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* A writer killed and not yet reaped by its parent (as a job's launcher
 * may take a while to) holds nothing any more: kill() still finds it,
 * and its staging folder had been kept as a live run's. */
static void a_zombie_writer_is_gone(void **state)
{
    (void)state;
    pid_t dead = fork();
    assert_true(dead >= 0);
    if (dead == 0)
        _exit(0);
    pid_t live = fork();
    assert_true(live >= 0);
    if (live == 0) {
        pause();
        _exit(0);
    }
    for (int i = 0; i < 200 && state_of(dead) != 'Z'; i++)
        nanosleep(&(struct timespec){0, 5000000}, NULL);
    assert_int_equal(state_of(dead), 'Z');
    char of_dead[512], of_live[512], final[128];
    staging_of(dead, of_dead, sizeof of_dead);
    staging_of(live, of_live, sizeof of_live);
    assert_int_equal(mkdir(of_dead, 0777), 0);
    assert_int_equal(mkdir(of_live, 0777), 0);
    snprintf(final, sizeof final, "%s/res", dir);
    output_sweep_abandoned(final, 0);
    assert_false(exists(of_dead));
    assert_true(exists(of_live));
    kill(live, SIGKILL);
    waitpid(live, NULL, 0);
    waitpid(dead, NULL, 0);
    output_sweep_abandoned(final, 0);
    assert_false(exists(of_live));
}

/* In a batch's folder, under its lock: a row or combined file staged by
 * a batch on another host (a job resumed on another node) is a dead
 * batch's; so is the list of files where the caller holds its lock too;
 * the report's page and the charts, which their commands write without
 * the batch's lock, only where their process is gone from this host. A
 * user's names are never taken. */
static void a_batch_folder_under_its_lock(void **state)
{
    (void)state;
    assert_true(output_left_behind("row-0004.tmp-othernode-123-Ab3dEf", 1, 0));
    assert_true(output_left_behind("row-0004.old-othernode-123-Ab3dEf", 1, 0));
    assert_true(output_left_behind("monthly.csv.tmp-othernode-123-Ab3dEf", 0, 0));
    assert_true(output_left_behind("run.ini.tmp-othernode-123-Ab3dEf", 0, 0));
    assert_false(output_left_behind(".huikuan-files.tmp-othernode-123-Ab3dEf", 0, 0));
    assert_true(output_left_behind(".huikuan-files.tmp-othernode-123-Ab3dEf", 0, 1));
    assert_false(output_left_behind(".report.html.tmp-othernode-123-Ab3dEf", 0, 1));
    assert_false(output_left_behind("plots.tmp-othernode-123-Ab3dEf", 0, 1));
    assert_false(output_left_behind("notes.tmp-1.txt", 0, 1));
    assert_false(output_left_behind("summary.csv.old-backup", 0, 1));
    assert_false(output_left_behind("row-0004", 1, 1));
    assert_false(output_left_behind("mine.tmp-othernode-123-Ab3dEf", 1, 1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_zombie_writer_is_gone, make_dir, remove_dir),
        cmocka_unit_test(a_batch_folder_under_its_lock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
