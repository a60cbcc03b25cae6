/*
 * scenario_ini.c — scenario files: reading them, and INI syntax (inih).
 *
 * inih does the INI grammar; a line reader of our own stands in front of
 * it and owns what inih cannot tell us or gets wrong for us:
 *   - line numbers (Debian's inih calls the handler without them);
 *   - over-long lines, which inih would silently split in two (comment
 *     lines may be of any length);
 *   - a UTF-8 byte order mark, and leading blanks: indentation is layout,
 *     never inih's "continuation of the previous value" (which turned an
 *     indented key into a second value of the key above it);
 *   - [section] headers: blanks inside the brackets are ignored, text
 *     after the "]" other than a comment is an error, and an unknown
 *     section is refused even when no key follows it.
 * A section may appear more than once; each key still only once.
 *
 * Invariant: the first problem in file order is the one reported, as one
 * line "path:line: ..." naming the key where there is one.
 */
#include "huikuan/scenario.h"

#include <ctype.h>
#include <ini.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/manifest.h"
#include "huikuan/textfile.h"
#include "scenario_keys.h"

/* Scenario files are small; anything above this is not a scenario. */
#define SCENARIO_MAX_BYTES (1L << 20)

_Static_assert(SCENARIO_LINE_MAX == INI_MAX_LINE - 2, "inih's buffer holds a line and its end");

struct parse_state {
    struct scenario *sc;
    const char *origin;
    const char *text;   /* whole file, NUL-terminated */
    const char *cursor; /* next unread byte */
    int line;           /* line most recently handed to inih */
    int long_line;      /* first line that did not fit, 0 if none */
    unsigned char seen[SCENARIO_MAX_KEYS];
    int settings;       /* keys and chain rows set */
    struct hk_error *err;
    int failed_line;    /* line of the error in err, 0 if none */
};

/* The text of line n, for quoting a syntax error, cut short after about
 * 60 bytes (never inside a character). Control characters are escaped
 * here; the rest is left for the message's printing to show as it shows
 * any text (cli.c: bytes that are not UTF-8, invisible characters). */
static void quote_line(const char *text, int n, char *buf, size_t size)
{
    const char *p = text;
    for (int i = 1; i < n && p; i++) {
        p = strchr(p, '\n');
        if (p)
            p++;
    }
    size_t o = 0;
    for (; p && *p && *p != '\n' && *p != '\r' && o + 5 < size; p++) {
        unsigned char c = (unsigned char)*p;
        if (o > 60 && (c & 0xc0) != 0x80) {
            o += (size_t)snprintf(buf + o, size - o, "...");
            break;
        }
        if (c >= 0x20 && c != 0x7f)
            buf[o++] = (char)c;
        else
            o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
    }
    buf[o < size ? o : size - 1] = '\0';
}

static int fail_at(struct parse_state *ps, const char *fmt, const char *detail)
{
    char at[4200];
    snprintf(at, sizeof at, "%s:%d: ", ps->origin, ps->line);
    hk_error_set(ps->err, HK_EINPUT, fmt, at, detail);
    ps->failed_line = ps->line;
    return HK_EINPUT;
}

/* line (blanks already skipped) starts with '['. Checks the header and
 * rewrites it in place as "[name]\n" for inih. */
static int section_header(struct parse_state *ps, char *line)
{
    char quoted[128];
    char *close = strchr(line, ']');
    if (!close) {
        quote_line(ps->text, ps->line, quoted, sizeof quoted);
        return fail_at(ps, "%ssyntax error: '[' without a closing ']' in '%s'", quoted);
    }
    const char *rest = close + 1 + strspn(close + 1, " \t\r\n");
    if (*rest != '\0' && *rest != ';' && *rest != '#') {
        quote_line(ps->text, ps->line, quoted, sizeof quoted);
        return fail_at(ps, "%ssyntax error: text after the ']' of a section header in '%s'",
                       quoted);
    }
    char *name = line + 1 + strspn(line + 1, " \t");
    char *end = close;
    while (end > name && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    *end = '\0';
    if (*name == '\0')
        return fail_at(ps, "%s[]: empty section name%s; run 'huikuan keys' for the list", "");
    if (!scenario_section_known(name))
        return fail_at(ps, "%s[%s]: unknown section; run 'huikuan keys' for the list", name);
    memmove(line + 1, name, (size_t)(end - name));
    strcpy(line + 1 + (end - name), "]"); /* never longer than the line was */
    return HK_OK;
}

/* The length of a line's content before its inline comment, so that a
 * line too long for inih's buffer only by its comment (a Chinese note
 * takes 3 bytes a character) may leave the comment out. A key's line has
 * one where inih sees one, at a ';' after white space; a section
 * header's at a ';' or '#' after its ']', as section_header takes it. */
static size_t without_inline_comment(const char *line, size_t content)
{
    size_t i = 1;
    if (line[0] == '[') {
        const char *close = memchr(line, ']', content);
        if (!close)
            return content;
        for (i = (size_t)(close - line) + 1; i < content && line[i] != ';' && line[i] != '#'; i++)
            ;
    } else {
        while (i < content && !(line[i] == ';' && isspace((unsigned char)line[i - 1])))
            i++;
    }
    if (i >= content)
        return content;
    while (i > 0 && isspace((unsigned char)line[i - 1]))
        i--;
    return i;
}

static char *parse_reader(char *str, int num, void *stream)
{
    struct parse_state *ps = stream;
    if (*ps->cursor == '\0' || ps->long_line || ps->failed_line)
        return NULL;
    const char *start = ps->cursor;
    const char *nl = strchr(start, '\n');
    size_t len = nl ? (size_t)(nl - start) + 1 : strlen(start);
    ps->cursor += len;
    ps->line++;
    if (ps->line == 1 && strncmp(start, "\xef\xbb\xbf", 3) == 0) {
        start += 3;
        len -= 3;
    }
    while (len > 0 && (*start == ' ' || *start == '\t')) {
        start++;
        len--;
    }
    if (*start == ';' || *start == '#') {
        /* A comment may be of any length (run.ini records long command
         * lines); inih only needs to see that the line is empty. */
        strcpy(str, "\n");
        return str;
    }
    /* The limit is on what the line says, whatever ends it (LF, CRLF, or
     * the end of the file). */
    size_t content = len;
    if (content > 0 && start[content - 1] == '\n')
        content--;
    if (content > 0 && start[content - 1] == '\r')
        content--;
    if (content > (size_t)num - 2)
        content = without_inline_comment(start, content);
    if (content > (size_t)num - 2) {
        ps->long_line = ps->line;
        return NULL;
    }
    memcpy(str, start, content);
    str[content] = '\n';
    str[content + 1] = '\0';
    if (str[0] == '[' && section_header(ps, str) != HK_OK)
        return NULL;
    return str;
}

static int parse_handler(void *user, const char *section, const char *name, const char *value)
{
    struct parse_state *ps = user;
    if (ps->err->status != HK_OK)
        return 1; /* keep the first error; let inih finish quietly */
    char at[4200];
    snprintf(at, sizeof at, "%s:%d: ", ps->origin, ps->line);

    int index = scenario_key_index(section, name);
    if (index < 0 && strcmp(section, "markov") == 0 && name[0] != '\0') {
        if (scenario_markov_key(ps->sc, name, value, at, ps->line, ps->err) != HK_OK) {
            ps->failed_line = ps->line;
            return 0;
        }
        ps->settings++;
        return 1;
    }
    if (index < 0) {
        char quoted[128];
        if (name[0] == '\0') {
            quote_line(ps->text, ps->line, quoted, sizeof quoted);
            hk_error_set(ps->err, HK_EINPUT,
                         "%ssyntax error: no key name before the '=' in '%s'", at, quoted);
        } else if (section[0] == '\0') {
            hk_error_set(ps->err, HK_EINPUT,
                         "%s%s: key outside any section (put it under [sim], [firm], ...)",
                         at, name);
        } else {
            hk_error_set(ps->err, HK_EINPUT, "%s%s.%s: unknown key in [%s]; "
                         "run 'huikuan keys' for the list", at, section, name, section);
        }
        ps->failed_line = ps->line;
        return 0;
    }
    if (ps->seen[index]) {
        hk_error_set(ps->err, HK_EINPUT,
                     "%s%s.%s: set twice (first on line %d); a key may appear once",
                     at, section, name, ps->sc->key_line[index]);
        ps->failed_line = ps->line;
        return 0;
    }
    ps->seen[index] = 1;
    if (scenario_key_assign(ps->sc, index, value, ps->origin, ps->line, ps->err) != HK_OK) {
        ps->failed_line = ps->line;
        return 0;
    }
    ps->settings++;
    return 1;
}

/* The run.ini of a compare, sweep or batch is a record of how it was
 * made, in comments only: read as a scenario it would run the defaults. */
static int is_provenance_only(const char *text, int settings)
{
    static const char mark[] = "; huikuan ";
    if (settings > 0 || strncmp(text, mark, sizeof mark - 1) != 0)
        return 0;
    return isdigit((unsigned char)text[sizeof mark - 1]);
}

int scenario_load_string(struct scenario *sc, const char *text, const char *origin,
                         struct hk_error *err)
{
    /* A CR that ends no CRLF: lines ended the old Mac way would read as one. */
    int line = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\r' && p[1] != '\n')
            return hk_error_set(err, HK_EINPUT, "%s:%d: a line ends in a bare carriage return "
                                "(CR); save the file with LF or CRLF line endings", origin, line);
        line += *p == '\n';
    }
    struct parse_state ps = {0};
    ps.sc = sc;
    ps.origin = origin;
    ps.text = text;
    ps.cursor = text;
    ps.err = err;

    int rc = ini_parse_stream(parse_reader, &ps, parse_handler, &ps);
    /* The first problem in the file is the one named: inih goes on past
     * a syntax error, and returns the first one's line (rc). */
    if (ps.long_line && (ps.failed_line == 0 || ps.long_line < ps.failed_line) &&
        (rc <= 0 || ps.long_line < rc)) {
        hk_error_clear(err);
        return hk_error_set(err, HK_EINPUT,
                            "%s:%d: line too long (at most %d bytes, not counting a "
                            "comment; a Chinese character takes 3)",
                            origin, ps.long_line, SCENARIO_LINE_MAX);
    }
    if (rc > 0 && (ps.failed_line == 0 || rc < ps.failed_line)) {
        char quoted[128];
        quote_line(text, rc, quoted, sizeof quoted);
        hk_error_clear(err);
        /* An input method's full-width sign looks like the one meant. */
        const char *wide = strstr(quoted, "\xef\xbc\x9d") ? "; '＝' is full-width: write '='"
                           : strstr(quoted, "\xef\xbc\xbb") ? "; '［' is full-width: write '['"
                                                             : "";
        return hk_error_set(err, HK_EINPUT,
                            "%s:%d: syntax error: expected '[section]' or 'key = value', "
                            "found '%s'%s", origin, rc, quoted, wide);
    }
    if (err->status != HK_OK)
        return err->status;
    if (is_provenance_only(text, ps.settings))
        return hk_error_set(err, HK_EINPUT,
                            "%s:1: huikuan's record of how a compare, sweep or batch was run, not a "
                            "scenario: it sets nothing (it would run the defaults); run the "
                            "scenario files its comments name", origin);
    return scenario_validate(sc, origin, err);
}

/* A name for a file whose own (base, n bytes without .ini) is not a
 * valid one ("plan A", "计划", over 63 characters, .tmp- in it): each
 * character a name may not hold made _, cut to 54 characters, then - and
 * 8 hex digits of a hash of the file's whole name, so that two such files do
 * not share a name (and, by default, a results folder: the second would
 * replace the first's); a leading dot made _ too (results/.ini, hidden). */
static void hashed_name(const char *base, size_t n, char out[64])
{
    size_t kept = n < 54 ? n : 54;
    for (size_t i = 0; i < kept; i++) {
        unsigned char c = (unsigned char)base[i];
        out[i] = isalnum(c) || c == '_' || (c == '.' && i > 0) || c == '-' ? (char)c : '_';
    }
    /* The manifest's FNV-1a hash: any fixed hash of the name would do. */
    unsigned long long h = manifest_hash(MANIFEST_HASH_START, base, strlen(base));
    snprintf(out + kept, 64 - kept, "-%08llx", h & 0xffffffffULL);
}

int scenario_load(struct scenario *sc, const char *path, struct hk_error *err)
{
    scenario_init_defaults(sc);
    snprintf(sc->path, sizeof sc->path, "%s", path);

    /* Named after the file where it sets no sim.name: the file's name
     * without .ini where sim.name takes it, else hashed_name; where that
     * still reads as another folder's temporary (.tmp- kept in the first
     * 54 characters), with its dots made _. */
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".ini") == 0)
        n -= 4;
    int key = scenario_key_index("sim", "name");
    char name[64];
    struct hk_error ignored;
    hk_error_clear(&ignored);
    snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), base);
    /* A name the key takes only trimmed ("x .ini" as x) would be x.ini's;
     * one with a leading dot (".ini", ".x.ini") would hide its folder. */
    if (n > 63 || name[0] == '.' ||
        scenario_key_assign(sc, key, name, path, 0, &ignored) != HK_OK ||
        strcmp(sc->name, name) != 0) {
        hashed_name(base, n, name);
        if (scenario_key_assign(sc, key, name, path, 0, &ignored) != HK_OK) {
            for (char *p = name; *p; p++)
                *p = *p == '.' ? '_' : *p;
            scenario_key_assign(sc, key, name, path, 0, &ignored);
        }
    }

    char *text;
    long length;
    if (textfile_read(path, "scenario", SCENARIO_MAX_BYTES, &text, &length, err) != HK_OK)
        return err->status;
    const char *nul = memchr(text, '\0', (size_t)length);
    if (nul) {
        int line = 1;
        for (const char *p = text; p < nul; p++)
            line += *p == '\n';
        free(text);
        return hk_error_set(err, HK_EINPUT, "%s:%d: binary data (NUL byte) in a scenario file",
                            path, line);
    }
    int rc = scenario_load_string(sc, text, path, err);
    free(text);
    return rc;
}
