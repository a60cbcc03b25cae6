/*
 * batch_settings.c — a batch's record of its rows' settings, and what a
 * --resume changed.
 */
#include "huikuan/batch_settings.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/cli.h"
#include "huikuan/results.h"
#include "huikuan/textfile.h"

#define FIRST_ROW "first-row\n"

void batch_settings_init(struct batch_settings *s, const struct grid *grid, const char *path)
{
    *s = (struct batch_settings){.digest = BATCH_DIGEST_START, .grid = grid, .path = path};
}

void batch_settings_free(struct batch_settings *s)
{
    free(s->row);
    free(s->first);
    batch_settings_init(s, s->grid, s->path);
}

size_t batch_settings_only(char *text, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t end = i;
        while (end < len && text[end] != '\n')
            end++;
        if (end > i && text[i] != ';') {
            memmove(text + o, text + i, end - i);
            o += end - i;
            text[o++] = '\n';
        }
        i = end + 1;
    }
    return o;
}

static int grow(struct batch_settings *s)
{
    if (s->rows < s->cap)
        return 0;
    int cap = s->cap ? 2 * s->cap : 64;
    unsigned long long *row = realloc(s->row, (size_t)cap * sizeof *row);
    if (!row)
        return -1;
    s->row = row;
    s->cap = cap;
    return 0;
}

/* sc resolved, as a row's run.ini holds it (malloc'd), or NULL. */
static char *resolved(const struct scenario *sc, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    if (!f)
        return NULL;
    scenario_write_ini(sc, f);
    if (fclose(f) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

int batch_settings_add(struct batch_settings *s, const struct scenario *sc, struct hk_error *err)
{
    size_t len = 0;
    char *text = resolved(sc, &len);
    if (!text || grow(s) != 0) {
        free(text);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    /* The checksum over every row is over the text as run.ini holds it,
     * comments and all, as earlier versions took it. */
    s->digest = manifest_hash(s->digest, text, len);
    s->row[s->rows] = manifest_hash(MANIFEST_HASH_START, text, len);
    if (s->rows == 0) {
        s->first_len = batch_settings_only(text, len);
        s->first = text;
    } else {
        free(text);
    }
    s->rows++;
    return HK_OK;
}

int batch_settings_write(const struct batch_settings *s, const char *command, FILE *f)
{
    fprintf(f, "settings %016llx\ncommand %s\n", s->digest, command);
    for (int r = 0; r < s->rows; r++)
        fprintf(f, "row %016llx\n", s->row[r]);
    fputs(FIRST_ROW, f);
    if (s->first_len > 0)
        fwrite(s->first, 1, s->first_len, f);
    return ferror(f) ? -1 : 0;
}

int batch_settings_recorded(const char *dir, unsigned long long *digest, char *command,
                            size_t size)
{
    char path[8400], line[8400];
    snprintf(path, sizeof path, "%s/%s", dir, BATCH_SETTINGS_NAME);
    FILE *f = textfile_open(path, NULL);
    int known = f && fscanf(f, "settings %llx\n", digest) == 1;
    while (known && command && fgets(line, sizeof line, f) && strcmp(line, FIRST_ROW) != 0)
        if (strncmp(line, "command ", 8) == 0 && strchr(line, '\n')) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(command, size, "%s", line + 8);
        }
    if (f)
        fclose(f);
    return known;
}

/* The file at path, whole and NUL-terminated (malloc'd), or NULL. */
static char *read_whole(const char *path, size_t *len)
{
    char *text;
    long n;
    struct hk_error ignored;
    hk_error_clear(&ignored);
    if (textfile_read(path, "file", 64L << 20, &text, &n, &ignored) != HK_OK)
        return NULL;
    *len = (size_t)n;
    return text;
}

/* One line of settings: its key and value ("key = value"), or the whole
 * line as the key if it is not one (a section header). */
struct setting {
    const char *key, *value;
    int key_len, value_len;
};

static struct setting split(const char *line, int len)
{
    const char *eq = memchr(line, '=', (size_t)len);
    if (!eq || line[0] == '[')
        return (struct setting){line, "", len, 0};
    int k = (int)(eq - line), v = (int)(eq + 1 - line);
    while (k > 0 && line[k - 1] == ' ')
        k--;
    while (v < len && line[v] == ' ')
        v++;
    return (struct setting){line, line + v, k, len - v};
}

static int line_length(const char *text, size_t at, size_t len)
{
    size_t end = at;
    while (end < len && text[end] != '\n')
        end++;
    return (int)(end - at);
}

/* The first setting in which was[0..was_len) and now[0..now_len) differ,
 * as "section.key was X, now Y" into buf; 0 if they do not. */
static int first_difference(const char *was, size_t was_len, const char *now, size_t now_len,
                            char *buf, size_t size)
{
    char in[130] = ""; /* "section." of the lines being compared */
    size_t i = 0, j = 0;
    while (i < was_len || j < now_len) {
        int a = i < was_len ? line_length(was, i, was_len) : 0;
        int b = j < now_len ? line_length(now, j, now_len) : 0;
        if (i < was_len && j < now_len && a == b && memcmp(was + i, now + j, (size_t)a) == 0) {
            if (was[i] == '[' && a > 2)
                snprintf(in, sizeof in, "%.*s.", a > 120 ? 118 : a - 2, was + i + 1);
            i += (size_t)a + 1;
            j += (size_t)b + 1;
            continue;
        }
        struct setting x = split(was + i, a), y = split(now + j, b);
        if (i >= was_len)
            snprintf(buf, size, "it now has '%.*s', which it had not", b > 80 ? 80 : b, now + j);
        else if (j >= now_len)
            snprintf(buf, size, "it had '%.*s', which it has no longer", a > 80 ? 80 : a, was + i);
        else if (x.key_len == y.key_len && memcmp(x.key, y.key, (size_t)x.key_len) == 0 &&
                 x.value_len + y.value_len > 0)
            snprintf(buf, size, "%s%.*s was %.*s, now %.*s", in, x.key_len, x.key,
                     x.value_len > 60 ? 60 : x.value_len, x.value,
                     y.value_len > 60 ? 60 : y.value_len, y.value);
        else
            snprintf(buf, size, "it had '%.*s' where it now has '%.*s'", a > 60 ? 60 : a, was + i,
                     b > 60 ? 60 : b, now + j);
        return 1;
    }
    return 0;
}

/* The record's row checksums, and its first row's text (both malloc'd);
 * the number of rows, or -1 if it keeps none (an earlier version's). */
static int load_record(const char *dir, unsigned long long **rows, char **first,
                       size_t *first_len)
{
    char path[8400];
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", dir, BATCH_SETTINGS_NAME);
    char *text = read_whole(path, &len);
    *rows = NULL;
    *first = NULL;
    char *mark = text ? strstr(text, "\n" FIRST_ROW) : NULL;
    if (!mark) {
        free(text);
        return -1;
    }
    int count = 0, cap = 0;
    for (char *at = text; at < mark;) {
        char *end = memchr(at, '\n', (size_t)(mark + 1 - at));
        unsigned long long sum;
        if (strncmp(at, "row ", 4) == 0 && sscanf(at + 4, "%llx", &sum) == 1) {
            if (count == cap) {
                cap = cap ? 2 * cap : 64;
                unsigned long long *grown = realloc(*rows, (size_t)cap * sizeof *grown);
                if (!grown) {
                    free(text);
                    free(*rows);
                    *rows = NULL;
                    return -1;
                }
                *rows = grown;
            }
            (*rows)[count++] = sum;
        }
        at = end + 1;
    }
    char *body = mark + 1 + strlen(FIRST_ROW);
    *first_len = len - (size_t)(body - text);
    memmove(text, body, *first_len);
    *first = text;
    return count;
}

/* Row r's settings as a finished row's own run.ini holds them, if it
 * was finished (malloc'd), comments left out. */
static char *row_finished(const struct batch_settings *s, const char *dir, int r, size_t *len)
{
    char name[64], path[8400];
    grid_row_name(s->grid, r, name, sizeof name);
    snprintf(path, sizeof path, "%s/rows/%s/run.ini", dir, name);
    char *text = read_whole(path, len);
    if (text)
        *len = batch_settings_only(text, *len);
    return text;
}

int batch_settings_made_by(const char *text, size_t len, char *version, size_t size)
{
    static const char mark[] = "; huikuan ";
    size_t at = sizeof mark - 1, end = at;
    if (len < at || memcmp(text, mark, at) != 0)
        return 0;
    while (end < len && end - at <= 40 && (isdigit((unsigned char)text[end]) || text[end] == '.'))
        end++;
    if (end == at || end - at > 40 || end == len || text[end] != '\n' || end - at >= size)
        return 0;
    memcpy(version, text + at, end - at);
    version[end - at] = '\0';
    return 1;
}

/* The first row finished, if another version made it: its settings may
 * have keys this version has not, or lack keys it has, and the row's
 * first difference would say only that. */
static int row_of_another_version(const struct batch_settings *s, const char *dir, char *buf,
                                  size_t size)
{
    for (int r = 0; r < s->rows; r++) {
        char name[64], path[8400], version[48];
        grid_row_name(s->grid, r, name, sizeof name);
        snprintf(path, sizeof path, "%s/rows/%s/run.ini", dir, name);
        size_t len = 0;
        char *text = read_whole(path, &len);
        if (!text)
            continue;
        int other = batch_settings_made_by(text, len, version, sizeof version) &&
                    strcmp(version, HUIKUAN_VERSION) != 0;
        free(text);
        if (other)
            snprintf(buf, size, "%s (%s:%d) was made by huikuan %s, and this is huikuan %s, whose "
                     "keys and results may differ (README: Changes to results): finish the batch "
                     "with huikuan %s", name, s->path, grid_line(s->grid, r), version,
                     HUIKUAN_VERSION, version);
        return other;
    }
    return 0;
}

void batch_settings_explain(const struct batch_settings *s, const char *dir, char *buf,
                            size_t size)
{
    buf[0] = '\0';
    if (row_of_another_version(s, dir, buf, size))
        return;
    unsigned long long *was_rows;
    char *first;
    size_t first_len = 0;
    int count = load_record(dir, &was_rows, &first, &first_len);
    int r = 0;
    while (r < count && r < s->rows && was_rows[r] == s->row[r])
        r++;
    free(was_rows);
    if (count != s->rows || r == s->rows) { /* an earlier version's record */
        free(first);
        return;
    }
    char what[512] = "", name[64];
    size_t was_len = 0, now_len = 0;
    /* Row 1's earlier settings are in the record; a later row's are
     * known if it was finished. */
    char *was = first, *now = NULL;
    was_len = first_len;
    if (r > 0) {
        free(first);
        was = row_finished(s, dir, r, &was_len);
    }
    struct scenario sc;
    struct hk_error ignored;
    hk_error_clear(&ignored);
    if (was && grid_scenario(s->grid, r, &sc, &ignored) == HK_OK)
        now = resolved(&sc, &now_len);
    if (now)
        now_len = batch_settings_only(now, now_len);
    if (was && now)
        first_difference(was, was_len, now, now_len, what, sizeof what);
    grid_row_name(s->grid, r, name, sizeof name);
    if (what[0])
        snprintf(buf, size, "%s (%s:%d): %s", name, s->path, grid_line(s->grid, r), what);
    else
        snprintf(buf, size, "%s (%s:%d) is the first row that differs, by -n, --seed, --set "
                 "or a scenario file it reads", name, s->path, grid_line(s->grid, r));
    free(was);
    free(now);
}

void batch_settings_resume_command(const char *started, const char *dir, char *buf, size_t size)
{
    char quoted[4200];
    if (cli_shell_word(dir, quoted, sizeof quoted) == 0)
        snprintf(quoted, sizeof quoted, " %s", dir);
    snprintf(buf, size, "%s --resume -o%s", started, quoted);
}

void batch_settings_resume_hint(const char *work, const char *target, char *buf, size_t size)
{
    unsigned long long digest;
    char started[8192] = "";
    batch_settings_recorded(work, &digest, started, sizeof started);
    batch_settings_resume_command(started[0] ? started : "huikuan batch GRID", target, buf, size);
}
