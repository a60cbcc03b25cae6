/*
 * cli.c — shared option parsing and the one place errors are printed.
 */
#define _GNU_SOURCE /* vasprintf */
#include "huikuan/cli.h"
#include "huikuan/batch_settings.h"

#include "huikuan/output.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CLI_DEFAULT_ROOT "results"

static int takes_value(const char *arg, const char *const *extra)
{
    for (int i = 0; extra && extra[i]; i++)
        if (strcmp(arg, extra[i]) == 0)
            return 1;
    return 0;
}

size_t cli_shell_word(const char *word, char *piece, size_t size)
{
    if (size < 16)
        return 0;
    size_t n = 0, room = size - 8; /* an escape, a closing quote and the NUL to spare */
    int quote = strpbrk(word, " \t\n'\"$;&|<>*?()`\\!#~{}[]") != NULL || word[0] == '\0';
    piece[n++] = ' ';
    if (quote)
        piece[n++] = '\'';
    for (const char *p = word; *p; p++) {
        if (n >= room)
            return 0;
        if (*p == '\'') {
            memcpy(piece + n, "'\\''", 4);
            n += 4;
        } else if ((unsigned char)*p < 0x20 || *p == 0x7f) {
            n += (size_t)snprintf(piece + n, 5, "\\x%02x", (unsigned char)*p);
        } else {
            piece[n++] = *p;
        }
    }
    if (quote)
        piece[n++] = '\'';
    piece[n] = '\0';
    return n;
}

/* Appends a word, or an option and its value (value not NULL), to the
 * record; once the buffer cannot hold them whole, the record says it was
 * cut and takes nothing more, rather than end mid-word or mid-option. */
static void record(struct cli_options *o, const char *word, const char *value)
{
    if (o->recorded_cut)
        return;
    char piece[sizeof o->recorded];
    size_t n = cli_shell_word(word, piece, sizeof piece), v = 0;
    if (n > 0 && value)
        v = cli_shell_word(value, piece + n, sizeof piece - n);
    size_t len = strlen(o->recorded);
    if (n == 0 || (value && v == 0) ||
        len + n + v + sizeof CLI_RECORD_CUT > sizeof o->recorded) {
        snprintf(o->recorded + len, sizeof o->recorded - len, "%s", CLI_RECORD_CUT);
        o->recorded_cut = 1;
        return;
    }
    memcpy(o->recorded + len, piece, n + v + 1);
}

int cli_parse(struct cli_options *o, int argc, char **argv, const char *const *extra,
              struct hk_error *err)
{
    return cli_parse_flags(o, argc, argv, extra, NULL, err);
}

/* Options that may be given more than once, each adding to the others;
 * any other option given twice is refused, not silently overridden by
 * the last (a sweep of `--param a --param b` sweeping b). */
static int repeatable(const char *a)
{
    return strcmp(a, "--set") == 0 || strcmp(a, "--constraint") == 0;
}

/* Nonempty and nothing but the digits 0 to 9. */
static int digits_alone(const char *s)
{
    return s[0] != '\0' && s[strspn(s, "0123456789")] == '\0';
}

static const char *given_before(const struct cli_options *o, const char *a)
{
    if (strcmp(a, "-o") == 0)
        return o->out_dir;
    if (strcmp(a, "-n") == 0)
        return o->replications;
    if (strcmp(a, "--seed") == 0)
        return o->seed;
    for (int i = 0; i < o->extra_count; i++)
        if (strcmp(o->extra_names[i], a) == 0)
            return o->extra_values[i];
    return NULL;
}

/* -n and --seed set sim.replications and sim.seed: a --set of the same
 * key as well would silently win over them, so the pair is refused as a
 * key given twice is. */
static int refuse_key_given_twice(const struct cli_options *o, struct hk_error *err)
{
    const struct {
        const char *option, *value, *key;
    } shorthand[] = {{"-n", o->replications, "sim.replications"},
                     {"--seed", o->seed, "sim.seed"}};
    for (size_t k = 0; k < sizeof shorthand / sizeof shorthand[0]; k++)
        for (int i = 0; shorthand[k].value && i < o->set_count; i++)
            if (scenario_assignment_sets(o->sets[i], shorthand[k].key))
                return hk_error_set(err, HK_EINPUT, "%s --set %s: %s is given twice (also by "
                                    "%s %s); give it once", o->command, o->sets[i],
                                    shorthand[k].key, shorthand[k].option, shorthand[k].value);
    return HK_OK;
}

/* Whether word is one of the options this command takes. */
static int is_option_name(const char *word, const char *const *extra, const char *const *flags)
{
    static const char *const shared[] = {"-o", "-n", "--seed", "-j", "--set", "--quiet", "-q",
                                         "--help", "-h", NULL};
    return takes_value(word, shared) || takes_value(word, extra) || takes_value(word, flags);
}

static int parse_words(struct cli_options *o, int argc, const char *const *argv,
                       const char *const *extra, const char *const *flags, struct hk_error *err);

static int is_value_option(const char *word, const char *const *extra)
{
    return strcmp(word, "-o") == 0 || strcmp(word, "-n") == 0 || strcmp(word, "--seed") == 0 ||
           strcmp(word, "-j") == 0 || strcmp(word, "--set") == 0 || takes_value(word, extra);
}

/* "-j2", "-n40", "-oDIR": a short option's value given attached, as
 * getopt takes it, is split into the option and its value; not the
 * value of the option before it ("-o -nout" names the folder -nout). */
int cli_parse_flags(struct cli_options *o, int argc, char **argv, const char *const *extra,
                    const char *const *flags, struct hk_error *err)
{
    const char **words = malloc(2 * (size_t)argc * sizeof *words);
    if (!words) {
        memset(o, 0, sizeof *o);
        return hk_error_set(err, HK_EIO, "out of memory");
    }
    static const char *const short_name[] = {"-j", "-n", "-o"};
    int n = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        int k = -1, a_value = i > 2 && is_value_option(argv[i - 1], extra);
        for (int s = 0; i >= 2 && !a_value && s < 3; s++)
            if (strncmp(a, short_name[s], 2) == 0 && a[2] != '\0')
                k = s;
        if (k >= 0 && a[2] == '=') { /* -o=out would make a folder named "=out" */
            free(words);
            memset(o, 0, sizeof *o);
            const char *v = a[3] ? a + 3 : k == 2 ? "DIR" : "N";
            return hk_error_set(err, HK_EINPUT, "%s %s: write %s %s or %s%s, without '='",
                                argc > 1 ? argv[1] : "", a, short_name[k], v, short_name[k], v);
        }
        if (k >= 0) {
            words[n++] = short_name[k];
            words[n++] = a + 2;
        } else {
            words[n++] = a;
        }
    }
    int rc = parse_words(o, n, words, extra, flags, err);
    free(words);
    return rc;
}

static int parse_words(struct cli_options *o, int argc, const char *const *argv,
                       const char *const *extra, const char *const *flags, struct hk_error *err)
{
    memset(o, 0, sizeof *o);
    o->command = argc > 1 ? argv[1] : "";
    snprintf(o->recorded, sizeof o->recorded, "huikuan %s", o->command);
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        int is_value_opt = is_value_option(a, extra);
        if (is_value_opt && !next)
            return hk_error_set(err, HK_EINPUT, "%s %s: missing value", o->command, a);
        /* "-o --quiet": the value was left out, not a folder named --quiet. */
        if (is_value_opt && is_option_name(next, extra, flags))
            return hk_error_set(err, HK_EINPUT, "%s %s: missing value (the option %s follows "
                                "where it should be)", o->command, a, next);
        const char *before = is_value_opt && !repeatable(a) ? given_before(o, a) : NULL;
        char threads[16];
        if (!before && strcmp(a, "-j") == 0 && o->threads != 0) {
            snprintf(threads, sizeof threads, "%d", o->threads);
            before = threads;
        }
        if (before)
            return hk_error_set(err, HK_EINPUT, "%s %s %s: %s is given twice (first %s); give "
                                "it once", o->command, a, next, a, before);
        if (strcmp(a, "-o") == 0) {
            o->out_dir = argv[++i];
        } else if (strcmp(a, "-n") == 0 || strcmp(a, "--seed") == 0) {
            /* A key's value in a file is trimmed; on the command line a
             * blank or a plus sign is more likely a slip than meant. What
             * else is not a number the key's own check names. */
            const char *v = argv[++i];
            size_t n = strlen(v);
            if (n > 0 && (isspace((unsigned char)v[0]) || v[0] == '+' ||
                          isspace((unsigned char)v[n - 1]))) {
                char allowed[160] = "it";
                scenario_key_allowed(strcmp(a, "-n") == 0 ? "sim.replications" : "sim.seed",
                                     allowed, sizeof allowed);
                return hk_error_set(err, HK_EINPUT, "%s %s '%s': a blank or a sign around the "
                                    "number; write %s in digits alone", o->command, a, v,
                                    allowed);
            }
            *(strcmp(a, "-n") == 0 ? &o->replications : &o->seed) = argv[i];
            record(o, a, argv[i]);
        } else if (strcmp(a, "-j") == 0) {
            errno = 0;
            long v = strtol(argv[++i], NULL, 10);
            if (!digits_alone(argv[i]) || v < 1 || v > 1024 || errno)
                return hk_error_set(err, HK_EINPUT,
                                    "%s -j %s: must be a whole number of threads from 1 to 1024",
                                    o->command, argv[i]);
            o->threads = (int)v;
        } else if (strcmp(a, "--set") == 0) {
            if (o->set_count == CLI_MAX_ARGS)
                return hk_error_set(err, HK_EINPUT, "%s: too many --set options", o->command);
            /* Blanks around the key are dropped, before it as after it
             * (a file's keys are trimmed): ' sim.days=20' sets sim.days. */
            const char *v = argv[++i];
            while (isspace((unsigned char)*v))
                v++;
            o->sets[o->set_count++] = v;
            record(o, a, v);
        } else if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0) {
            o->quiet = 1;
        } else if (takes_value(a, flags)) {
            if (o->flag_count == CLI_MAX_EXTRA)
                return hk_error_set(err, HK_EINPUT, "%s: too many options", o->command);
            o->flag_names[o->flag_count++] = a;
        } else if (takes_value(a, extra)) {
            if (o->extra_count == CLI_MAX_EXTRA)
                return hk_error_set(err, HK_EINPUT, "%s: too many options", o->command);
            o->extra_names[o->extra_count] = a;
            o->extra_values[o->extra_count++] = argv[++i];
            record(o, a, argv[i]);
        } else if (a[0] == '-' && a[1] != '\0') {
            return hk_error_set(err, HK_EINPUT, "%s: unknown option '%s'; see 'huikuan help'",
                                o->command, a);
        } else {
            if (o->positional_count == CLI_MAX_ARGS)
                return hk_error_set(err, HK_EINPUT, "%s: too many arguments", o->command);
            o->positional[o->positional_count++] = a;
            record(o, a, NULL);
        }
    }
    return refuse_key_given_twice(o, err);
}

int cli_allow_only(const struct cli_options *o, int allowed, struct hk_error *err)
{
    const struct {
        int option;
        const char *name;
        int given;
    } shared[] = {
        {CLI_OUT, "-o", o->out_dir != NULL},   {CLI_REPLICATIONS, "-n", o->replications != NULL},
        {CLI_SEED, "--seed", o->seed != NULL}, {CLI_THREADS, "-j", o->threads != 0},
        {CLI_SET, "--set", o->set_count > 0},  {CLI_QUIET, "--quiet", o->quiet},
    };
    for (size_t i = 0; i < sizeof shared / sizeof shared[0]; i++)
        if (shared[i].given && !(allowed & shared[i].option))
            return hk_error_set(err, HK_EINPUT, "%s: takes no %s option; see 'huikuan help %s'",
                                o->command, shared[i].name, o->command);
    return HK_OK;
}

int cli_one_scenario(const struct cli_options *o, struct hk_error *err)
{
    int n = o->positional_count;
    if (n == 1)
        return HK_OK;
    if (n == 0)
        return hk_error_set(err, HK_EINPUT, "%s: expects one scenario file, got 0", o->command);
    const char *second = o->positional[1];
    size_t len = strlen(second);
    int scenario = len > 4 && strcmp(second + len - 4, ".ini") == 0;
    return hk_error_set(err, HK_EINPUT, "%s: expects one scenario file, got %d: '%s' and '%s'%s; %s",
                        o->command, n, o->positional[0], second, n > 2 ? " and more" : "",
                        scenario ? "compare runs several side by side"
                                 : "an option's value is one word with it (--set "
                                   "section.key=value, --values a,b,c)");
}

const char *cli_extra(const struct cli_options *o, const char *name)
{
    for (int i = o->extra_count - 1; i >= 0; i--)
        if (strcmp(o->extra_names[i], name) == 0)
            return o->extra_values[i];
    return NULL;
}

int cli_flag(const struct cli_options *o, const char *name)
{
    for (int i = 0; i < o->flag_count; i++)
        if (strcmp(o->flag_names[i], name) == 0)
            return 1;
    return 0;
}

int cli_check_out_dir(const char *out_dir, struct hk_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", out_dir);
    size_t n = strlen(path);
    while (n > 1 && path[n - 1] == '/')
        path[--n] = '\0';
    const char *base = strrchr(path, '/');
    if (output_reserved_name(base ? base + 1 : path))
        return hk_error_set(err, HK_EINPUT,
                            "-o %s: a name with .tmp- or .old- in it, or ending in .unfinished, "
                            "is kept for huikuan's temporary folders (a run into the folder it "
                            "names would remove it); choose another", out_dir);
    return HK_OK;
}

/* Whether this process made the default results folder. */
static int root_created;

int cli_output_path(const struct cli_options *o, const char *default_name, char *buf,
                    size_t size, struct hk_error *err)
{
    if (o->out_dir) {
        if (cli_check_out_dir(o->out_dir, err) != HK_OK)
            return err->status;
        snprintf(buf, size, "%s", o->out_dir);
        return HK_OK;
    }
    if (mkdir(CLI_DEFAULT_ROOT, 0777) == 0)
        root_created = 1;
    else if (errno != EEXIST) /* an output folder it cannot make, as -o's (exit 2) */
        return hk_error_set(err, HK_EINPUT, "%s: cannot create: %s", CLI_DEFAULT_ROOT,
                            strerror(errno));
    snprintf(buf, size, "%s/%s", CLI_DEFAULT_ROOT, default_name);
    return HK_OK;
}

struct output_dir *cli_output_begin(const struct cli_options *o, const char *default_name,
                                    char *dir, size_t size, struct hk_error *err)
{
    if (cli_output_path(o, default_name, dir, size, err) != HK_OK)
        return NULL;
    char work[4200];
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') /* -o D/ is D */
        len--;
    /* One a batch is still writing is output_dir_begin's to refuse. A
     * batch finished there (its summary.csv written) but stopped before
     * it took DIR's place is unfinished too: its --resume moves it. */
    if (snprintf(work, sizeof work, "%.*s.unfinished", (int)len, dir) < (int)sizeof work &&
        output_holds_batch(work) && !output_held_by_batch(work)) {
        char hint[8400];
        batch_settings_resume_hint(work, dir, hint, sizeof hint);
        hk_error_set(err, HK_EINPUT, "%s: an unfinished batch into this folder is in %s, and "
                     "its --resume would put the batch in the place of these results; continue "
                     "it with '%s', or remove %s, or choose another -o", dir, work, hint, work);
        return NULL;
    }
    return output_dir_begin(dir, err);
}

void cli_output_root_tidy(void)
{
    if (root_created)
        rmdir(CLI_DEFAULT_ROOT); /* only if nothing went into it */
    root_created = 0;
}

/* -n, --seed and every --set, each value checked on its own; the rules
 * spanning keys too if check_rules. */
static int apply_overrides(const struct cli_options *o, const char *path, struct scenario *sc,
                           int check_rules, struct hk_error *err)
{
    int rc = HK_OK;
    if (o->replications) {
        char origin[256];
        snprintf(origin, sizeof origin, "-n %s", o->replications);
        rc = scenario_set_key(sc, "sim.replications", o->replications, origin, 0, err);
    }
    if (rc == HK_OK && o->seed) {
        char origin[256];
        snprintf(origin, sizeof origin, "--seed %s", o->seed);
        rc = scenario_set_key(sc, "sim.seed", o->seed, origin, 0, err);
    }
    if (rc != HK_OK)
        return rc;
    if (!check_rules)
        return scenario_apply_list(sc, o->sets, o->set_count, err);
    /* --set overrides are checked against the cross-key rules together,
     * and a broken rule names the override that broke it. */
    if (o->set_count > 0)
        return scenario_set_list(sc, path, o->sets, o->set_count, err);
    if (o->replications || o->seed) {
        char origin[4200];
        snprintf(origin, sizeof origin, "%s with the command line's overrides", path);
        return scenario_validate(sc, origin, err);
    }
    return HK_OK;
}

int cli_apply_overrides(const struct cli_options *o, const char *path, struct scenario *sc,
                        struct hk_error *err)
{
    return apply_overrides(o, path, sc, 1, err);
}

int cli_apply_overrides_unchecked(const struct cli_options *o, struct scenario *sc,
                                  struct hk_error *err)
{
    return apply_overrides(o, NULL, sc, 0, err);
}

int cli_load_scenario(const struct cli_options *o, const char *path, struct scenario *sc,
                      struct hk_error *err)
{
    int rc = scenario_load(sc, path, err);
    if (rc == HK_OK)
        rc = cli_apply_overrides(o, path, sc, err);
    return rc;
}

void cli_note_unused_chain(const char *path, const struct scenario *sc)
{
    if (sc->markov.states > 0 && sc->customers.behaviour != BEHAVIOUR_MARKOV)
        cli_note("note: %s: [markov] gives a chain, but customers.behaviour is not markov: "
                 "the chain is not used", path);
}

void cli_note_results(const char *dir)
{
    /* A name a shell cannot take back (a control character in it) gets
     * no command; one starting with '-' would read as an option. */
    char path[8200], word[8300];
    int plain = 1;
    for (const char *p = dir; *p; p++)
        plain &= (unsigned char)*p >= 0x20 && *p != 0x7f;
    snprintf(path, sizeof path, "%s%s", dir[0] == '-' ? "./" : "", dir);
    if (!plain || cli_shell_word(path, word, sizeof word) == 0)
        cli_note("results in %s", dir);
    else
        cli_note("results in %s; charts: huikuan plot%s; one page: huikuan report%s", dir, word,
                 word);
}

int cli_unfinished_batch(const char *dir, const char *command, struct hk_error *err)
{
    if (!output_holds_unfinished_batch(dir))
        return HK_OK;
    if (output_held_by_batch(dir))
        return hk_error_set(err, HK_EINPUT, "%s: a huikuan batch is writing this folder now: "
                            "nothing to %s until it finishes (its combined files come last); "
                            "%s it then", dir, command, command);
    char hint[8400];
    batch_settings_resume_hint(dir, dir, hint, sizeof hint);
    return hk_error_set(err, HK_EINPUT, "%s: an unfinished batch: nothing to %s until it "
                        "finishes (its combined files come last); continue it with '%s'", dir,
                        command, hint);
}

int cli_parse_folder(int argc, char **argv, const char **dir, int *quiet,
                     struct hk_error *err)
{
    *dir = NULL;
    *quiet = 0;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--quiet") == 0 || strcmp(a, "-q") == 0)
            *quiet = 1;
        else if (a[0] == '-' && a[1] != '\0')
            return hk_error_set(err, HK_EINPUT, "%s: unknown option '%s'; see 'huikuan help'",
                                argv[1], a);
        else if (*dir)
            return hk_error_set(err, HK_EINPUT, "%s: expects one results folder, got '%s' "
                                "and '%s'", argv[1], *dir, a);
        else
            *dir = a;
    }
    if (!*dir || !**dir) /* '' is no folder: "huikuan: : cannot open" said nothing */
        return hk_error_set(err, HK_EINPUT, "%s: expects a results folder%s, as in "
                            "'huikuan %s results/presets'", argv[1], *dir ? ", not an empty name"
                            : "", argv[1]);
    struct stat st;
    if (stat(*dir, &st) != 0)
        return hk_error_set(err, HK_EINPUT, "%s: cannot open results folder: %s", *dir,
                            strerror(errno));
    if (!S_ISDIR(st.st_mode))
        return hk_error_set(err, HK_EINPUT, "%s: not a folder; expects a results folder", *dir);
    return HK_OK;
}

/* Length of the well-formed UTF-8 sequence of 2 to 4 bytes at p, or 0:
 * continuation bytes where they belong, and (Unicode's table 3-7) no
 * overlong form, no surrogate, nothing past U+10FFFF, which a terminal
 * or a program reading the message back would take for garbage. */
static int utf8_length(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    int n = p[0] >= 0xc2 && p[0] <= 0xdf ? 2 : p[0] >= 0xe0 && p[0] <= 0xef ? 3
          : p[0] >= 0xf0 && p[0] <= 0xf4 ? 4 : 0;
    for (int i = 1; i < n; i++)
        if ((p[i] & 0xc0) != 0x80)
            return 0;
    /* The second byte's narrower range after E0, ED, F0 and F4. */
    unsigned char lo = p[0] == 0xe0 ? 0xa0 : p[0] == 0xf0 ? 0x90 : 0x80;
    unsigned char hi = p[0] == 0xed ? 0x9f : p[0] == 0xf4 ? 0x8f : 0xbf;
    return n > 0 && (p[1] < lo || p[1] > hi) ? 0 : n;
}

/* The code point of the n-byte UTF-8 sequence at s (well formed). */
static unsigned utf8_decode(const char *s, int n)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned cp = p[0] & (0xff >> (n + 1));
    for (int i = 1; i < n; i++)
        cp = cp << 6 | (p[i] & 0x3f);
    return cp;
}

/* Code points that print as nothing, or as a blank that is not the space
 * a reader would take it for: C1 controls, the no-break and other
 * spaces, soft hyphen, zero-width characters, direction marks and
 * overrides, the byte order mark. A value that ends in one looks right
 * and is refused, so the message shows it. */
static int invisible(unsigned cp)
{
    return (cp >= 0x80 && cp <= 0xa0) || cp == 0xad || cp == 0x034f || cp == 0x061c ||
           cp == 0x115f || cp == 0x1160 || cp == 0x1680 || cp == 0x180e ||
           (cp >= 0x2000 && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) ||
           (cp >= 0x205f && cp <= 0x206f) || cp == 0x3000 || cp == 0x3164 ||
           (cp >= 0xfe00 && cp <= 0xfe0f) || cp == 0xfeff || cp == 0xffa0 ||
           (cp >= 0xfff0 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe0fff);
}

/* "huikuan: message" on stderr as one line, whatever a file, a path or a
 * flag smuggled into the message: control characters (a CR, a newline
 * in a --set value, an escape sequence) and bytes that are not UTF-8 are
 * shown as \xNN, and characters that print as nothing or as a look-alike
 * of a space (a no-break space after a value) as \uNNNN; other UTF-8
 * text (a scenario path in Chinese, a full-width ＝) is kept. */
static void print_line(const char *message)
{
    /* Built whole, then written in one call: a line never interleaves
     * with another process's. */
    char *line = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&line, &size);
    if (!m) {
        fprintf(stderr, "huikuan: %s\n", message);
        return;
    }
    fputs("huikuan: ", m);
    for (const char *p = message; *p; p++) {
        unsigned char c = (unsigned char)*p;
        int n = c < 0x80 ? 1 : utf8_length(p);
        unsigned cp;
        if (c < 0x20 || c == 0x7f || n == 0) {
            fprintf(m, "\\x%02x", c);
        } else if (n > 1 && invisible(cp = utf8_decode(p, n))) {
            fprintf(m, cp > 0xffff ? "\\U%08x" : "\\u%04x", cp);
            p += n - 1;
        } else {
            fwrite(p, 1, (size_t)n, m);
            p += n - 1;
        }
    }
    fputc('\n', m);
    fclose(m);
    fputs(line, stderr);
    free(line);
}

int cli_report(const struct hk_error *err)
{
    print_line(err->message);
    return err->status == HK_EINPUT ? 2 : 1;
}

int cli_stdout_written(const char *consequence)
{
    static int reported;
    errno = 0;
    int failed = fflush(stdout) != 0;
    int saved = errno;
    if (!failed && !ferror(stdout))
        return 0;
    if (!reported)
        cli_note("cannot write to standard output%s%s%s%s", saved ? ": " : "",
                 saved ? strerror(saved) : "", consequence ? "; " : "",
                 consequence ? consequence : "");
    reported = 1;
    return -1;
}

void cli_print_notice(const struct hk_notice *notice)
{
    if (notice && notice->text[0])
        cli_note("%s", notice->text);
}

int cli_keep_if_printed(struct output_dir *od, int rc, int *printed, struct hk_error *err)
{
    *printed = rc != HK_OK || cli_stdout_written("the results were not kept") == 0;
    if (rc == HK_OK && *printed) {
        struct hk_notice notice;
        hk_notice_clear(&notice);
        rc = output_dir_commit_last(od, &notice, err); /* the command's last step */
        cli_print_notice(&notice);
        return rc;
    }
    output_dir_abort(od);
    return rc;
}

void cli_note(const char *fmt, ...)
{
    char *message = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&message, fmt, ap); /* whole, however long the paths in it */
    va_end(ap);
    if (n >= 0) {
        print_line(message);
        free(message);
    }
}
