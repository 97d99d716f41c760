/*
 * kam.c: main(): global options, the command table, help, completion and
 * the one place where failures become exit codes (SPEC §3).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "cmd.h"
#include "../lib/schema.h"
#include "../lib/store.h"
#include "../lib/value.h"

#define F(name, var, summary) { name, var##_verbs, &var##_nverbs, summary }
/* Sorted by name; t0001 checks it. */
const struct family kam_families[] = {
	F("budget", budget, "planned budget, expenses, audit, earned value"),
	F("change", change, "change requests against confirmed requirements"),
	F("check", check, "validate every file and the health rules"),
	F("commit", commit, "validate and commit hand edits of kam files"),
	F("diff", diff, "record-level changes between revisions"),
	F("gantt", gantt, "Gantt chart of the schedule"),
	F("goal", goal, "project goals and their targets"),
	F("init", init, "create a kam project"),
	F("log", log, "record-level history from git"),
	F("merge-file", merge_file, "git merge driver for kam tables"),
	F("people", people, "stakeholders and team"),
	F("plan", plan, "critical path schedule and baseline"),
	F("renumber", renumber, "give a record a new id everywhere"),
	F("req", req, "requirements and client sign-off"),
	F("risk", risk, "the risk register"),
	F("scope", scope, "in-scope and out-of-scope items"),
	F("status", status, "one-screen project health"),
	F("task", task, "tasks, progress and lateness"),
	F("team", team, "team allocation from the schedule"),
};
#undef F
const size_t kam_nfamilies = ARRAY_SIZE(kam_families);

static const char *const kam_usage_str =
    "kam [-C dir] [--format table|json|csv|md] [--no-commit] [-m msg]\n"
    "           [--today date] command [verb] [args]\n"
    "       kam help [command]\n"
    "       kam --version";

static const struct family *
find_family(const char *name)
{
	size_t i;

	for (i = 0; i < kam_nfamilies; i++)
		if (kam_families[i].verbs != NULL &&
		    strcmp(kam_families[i].name, name) == 0)
			return &kam_families[i];
	return NULL;
}

static void
print_overview(FILE *fp)
{
	size_t i;

	fprintf(fp, "usage: %s\n\ncommands:\n", kam_usage_str);
	for (i = 0; i < kam_nfamilies; i++)
		if (kam_families[i].verbs != NULL)
			fprintf(fp, "   %-12s %s\n", kam_families[i].name,
			    kam_families[i].summary);
	fprintf(fp, "\n'kam <command> -h' lists a command's verbs; "
	    "'kam help <command>' opens its manual.\n");
}

static void
print_family_usage(FILE *fp, const struct family *f)
{
	size_t i;

	for (i = 0; i < *f->nverbs; i++)
		fprintf(fp, "%s %s\n", i == 0 ? "usage:" : "      ",
		    f->verbs[i].usage);
}

int
kam_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	return kam_err(KAM_EX_USAGE, "invalid usage (see 'kam help')") ;
}

int
kam_getopt(int argc, char **argv, const char *shortopts, const void *longopts,
    const char *usage, int *err)
{
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == '?' || ch == ':') {
		if (optopt != 0 && ch == ':')
			kam_err(KAM_EX_USAGE, "option '-%c' needs a value", optopt);
		else if (optopt != 0)
			kam_err(KAM_EX_USAGE, "unknown option '-%c'", optopt);
		else
			kam_err(KAM_EX_USAGE, "unknown option or missing value "
			    "in '%s'", argv[optind - 1]);
		fprintf(stderr, "usage: %s\n", usage);
		*err = 1;
		return -1;
	}
	return ch;
}

char *
kam_subject(const char *cmd, const char *id, const char *title)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p;

	kam_buf_printf(&b, "kam: %s", cmd);
	if (id != NULL)
		kam_buf_printf(&b, " %s", id);
	if (title != NULL && *title != '\0') {
		kam_buf_puts(&b, ": ");
		/* The subject is one line: newlines in a title become spaces. */
		for (p = title; *p != '\0'; p++)
			kam_buf_putc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
	}
	return kam_buf_detach(&b);
}

int
kam_tx_begin(struct kam *k, struct tx *tx)
{
	return tx_begin(tx, &k->p, k->no_commit);
}

int
kam_tx_commit(struct kam *k, struct tx *tx, const char *cmd, const char *id,
    const char *title)
{
	char *subject = kam_subject(cmd, id, title);
	int rc = tx_commit(tx, subject, k->msg);

	if (rc == 1)
		fprintf(stderr, "kam: nothing changed; no commit made\n");
	free(subject);
	return rc;
}

int
kam_open_project(struct kam *k)
{
	const char *why;

	if (k->have_project)
		return 0;
	if (project_open(&k->p, k->dir) == -1)
		return -1;
	k->have_project = 1;
	if (k->today_arg != NULL &&
	    date_parse(k->today_arg, &k->p.today, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--today: invalid date '%s': %s",
		    k->today_arg, why);
	return 0;
}

/* ---- help and completion ---- */

static void
exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	buf[0] = '\0';
	if (n <= 0)
		return;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) != NULL)
		*slash = '\0';
}

static int
cmd_help(int argc, char **argv)
{
	char dir[PATH_MAX], page[64], path[PATH_MAX + 80];
	const struct family *f = NULL;

	if (argc > 1 && (f = find_family(argv[1])) == NULL &&
	    strcmp(argv[1], "files") != 0)
		return kam_err(KAM_EX_USAGE, "no such command '%s'", argv[1]);
	if (argc > 1 && strcmp(argv[1], "files") == 0)
		snprintf(page, sizeof(page), "kam-files");
	else if (f != NULL)
		snprintf(page, sizeof(page), "kam-%s", f->name);
	else
		snprintf(page, sizeof(page), "kam");
	fflush(stdout);
	exe_dir(dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/man/%s.%c", dir, page,
	    strcmp(page, "kam-files") == 0 ? '5' : '1');
	if (dir[0] != '\0' && access(path, R_OK) == 0)
		execlp("man", "man", "-l", path, (char *)NULL);
	else
		execlp("man", "man", page, (char *)NULL);
	/* No man(1) here: the usage lines are the next best thing. */
	if (f != NULL)
		print_family_usage(stdout, f);
	else
		print_overview(stdout);
	return 0;
}

static const char *
family_prefix(const char *family)
{
	static const char *const map[][2] = {
		{ "change", "CR" }, { "goal", "G" }, { "people", "P" },
		{ "renumber", NULL }, { "req", "REQ" }, { "risk", "R" },
		{ "scope", "S" }, { "task", "T" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (strcmp(map[i][0], family) == 0)
			return map[i][1];
	return NULL;
}

static void
complete_ids(struct kam *k, const char *family, const char *cur)
{
	const struct schema *s;
	struct table t = TABLE_INIT;
	const char *pfx = family_prefix(family);
	size_t i, n = strlen(cur);
	FILE *saved = stderr;

	if (pfx == NULL || (s = schema_by_prefix(pfx)) == NULL)
		return;
	/* Completion must stay quiet: errors go nowhere. */
	stderr = fopen("/dev/null", "w");
	if (stderr == NULL) {
		stderr = saved;
		return;
	}
	if (kam_open_project(k) == 0 && store_load(&k->p, NULL, s, &t) == 0)
		for (i = 0; i < t.nrows; i++) {
			const char *id = table_get(&t, &t.rows[i], 0);

			if (kam_strcasecmp(cur, "") == 0 ||
			    strncasecmp(id, cur, n) == 0)
				printf("%s\n", id);
		}
	table_release(&t);
	fclose(stderr);
	stderr = saved;
	kam_err_reset();
}

static void
complete_words(const char *list, const char *cur)
{
	const char *p = list, *q;
	size_t n = strlen(cur), len;

	while (p != NULL && *p != '\0') {
		q = strchr(p, ' ');
		len = q != NULL ? (size_t)(q - p) : strlen(p);
		if (len >= n && strncmp(p, cur, n) == 0)
			printf("%.*s\n", (int)len, p);
		p = q != NULL ? q + 1 : NULL;
	}
}

/* kam __complete WORD... CUR: candidates for CUR, one per line. */
static int
cmd_complete(struct kam *k, int argc, char **argv)
{
	const char *cur = argc > 1 ? argv[argc - 1] : "";
	const struct family *f;
	size_t i;

	if (argc <= 2) {
		for (i = 0; i < kam_nfamilies; i++)
			if (kam_families[i].verbs != NULL &&
			    strncmp(kam_families[i].name, cur, strlen(cur)) == 0)
				printf("%s\n", kam_families[i].name);
		complete_words("help --format= --no-commit --today= --version",
		    cur);
		return 0;
	}
	if ((f = find_family(argv[1])) == NULL) {
		if (strcmp(argv[1], "help") == 0 && argc == 3)
			for (i = 0; i < kam_nfamilies; i++)
				if (kam_families[i].verbs != NULL)
					complete_words(kam_families[i].name, cur);
		return 0;
	}
	if (argc == 3) {
		for (i = 0; i < *f->nverbs; i++)
			if (f->verbs[i].name[0] != '\0')
				complete_words(f->verbs[i].name, cur);
		if (cur[0] != '-' && *f->nverbs > 0 && f->verbs[0].name[0] == '\0')
			complete_ids(k, f->name, cur);
		return 0;
	}
	for (i = 0; i < *f->nverbs; i++)
		if (strcmp(f->verbs[i].name, argv[2]) == 0)
			break;
	if (i == *f->nverbs)
		for (i = 0; i < *f->nverbs; i++)
			if (f->verbs[i].name[0] == '\0')
				break;
	if (i < *f->nverbs && cur[0] == '-')
		complete_words(f->verbs[i].opts, cur);
	else if (i < *f->nverbs)
		complete_ids(k, f->name, cur);
	if (strcmp(cur, "--") == 0 || cur[0] == '-')
		complete_words("--format= --no-commit --today= -C -m", cur);
	return 0;
}

/* ---- global options and dispatch ---- */

static int
take_value(int *i, int argc, char **argv, const char *name, const char **out)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) == 0 && argv[*i][n] == '=') {
		*out = argv[*i] + n + 1;
		return 1;
	}
	if (strcmp(argv[*i], name) != 0)
		return 0;
	if (*i + 1 >= argc)
		return kam_err(KAM_EX_USAGE, "option '%s' needs a value", name),
		    -1;
	*out = argv[++*i];
	return 1;
}

/* Pull the global options out of argv, wherever they stand (SPEC §3). */
static int
globals(struct kam *k, int *argcp, char **argv)
{
	const char *v;
	int i, j = 1, rc, argc = *argcp, rest = 0;

	for (i = 1; i < argc; i++) {
		if (rest || (j > 1 && strcmp(argv[i], "--") == 0)) {
			rest = 1;
			argv[j++] = argv[i];
			continue;
		}
		if ((rc = take_value(&i, argc, argv, "-C", &k->dir)) != 0) {
			if (rc == -1)
				return -1;
			continue;
		}
		if ((rc = take_value(&i, argc, argv, "--format", &v)) != 0) {
			if (rc == -1 || out_fmt_parse(v, &k->fmt) == -1)
				return -1;
			k->fmt_set = 1;
			continue;
		}
		if ((rc = take_value(&i, argc, argv, "-m", &k->msg)) != 0 ||
		    (rc = take_value(&i, argc, argv, "--message", &k->msg)) != 0) {
			if (rc == -1)
				return -1;
			continue;
		}
		if ((rc = take_value(&i, argc, argv, "--today", &k->today_arg)) !=
		    0) {
			if (rc == -1)
				return -1;
			continue;
		}
		if (strcmp(argv[i], "--no-commit") == 0) {
			k->no_commit = 1;
			continue;
		}
		argv[j++] = argv[i];
	}
	argv[j] = NULL;
	*argcp = j;
	return 0;
}

static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			return 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return 1;
	}
	return 0;
}

static int
run_verb(struct kam *k, const struct verb *v, int argc, char **argv)
{
	int attempt, rc = -1;

	if (wants_help(argc, argv)) {
		printf("usage: %s\n", v->usage);
		return 0;
	}
	if ((v->flags & NEED_PROJECT) && kam_open_project(k) == -1)
		return -1;
	for (attempt = 0; attempt < 6; attempt++) {
		kam_err_reset();
		optind = 0;
		rc = v->fn(argc, argv, k);
		if (rc != -1 || !kam_retry_requested)
			break;
	}
	if (rc == -1 && kam_retry_requested)
		kam_err(KAM_EX_RETRY, "the branch kept moving under kam (another "
		    "writer committed 6 times); try again");
	return rc;
}

static int
dispatch(struct kam *k, int argc, char **argv)
{
	const struct family *f;
	const struct verb *dflt = NULL;
	size_t i;

	if ((f = find_family(argv[0])) == NULL) {
		kam_err(KAM_EX_USAGE, "'%s' is not a kam command", argv[0]);
		print_overview(stderr);
		return -1;
	}
	for (i = 0; i < *f->nverbs; i++) {
		if (f->verbs[i].name[0] == '\0')
			dflt = &f->verbs[i];
		else if (argc > 1 && strcmp(f->verbs[i].name, argv[1]) == 0)
			return run_verb(k, &f->verbs[i], argc - 1, argv + 1);
	}
	if (dflt != NULL)
		return run_verb(k, dflt, argc, argv);
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		print_family_usage(stdout, f);
		return 0;
	}
	if (argc > 1)
		kam_err(KAM_EX_USAGE, "'%s' is not a verb of 'kam %s'", argv[1],
		    f->name);
	else
		kam_err(KAM_EX_USAGE, "'kam %s' needs a verb", f->name);
	print_family_usage(stderr, f);
	return -1;
}

int
main(int argc, char **argv)
{
	struct kam k;
	int rc = -1, code;

	/* Messages stay in English and numbers stay C: kam's grammars are
	 * its own, never the locale's (RELIABILITY L1). */
	setlocale(LC_ALL, "C");
	memset(&k, 0, sizeof(k));
	k.p = (struct project)PROJECT_INIT;
	k.fmt = FMT_TABLE;
	k.today_arg = getenv("KAM_TODAY");
	if (k.today_arg != NULL && *k.today_arg == '\0')
		k.today_arg = NULL;
	git_libgit2_init();

	if (globals(&k, &argc, argv) == -1)
		goto out;
	if (k.today_arg != NULL) {
		int32_t d;
		const char *why;

		if (date_parse(k.today_arg, &d, &why) == -1) {
			kam_err(KAM_EX_USAGE, "--today: invalid date '%s': %s",
			    k.today_arg, why);
			goto out;
		}
	}
	if (argc < 2) {
		print_overview(stderr);
		kam_exit_code = KAM_EX_USAGE;
		goto out;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("kam %s (libgit2 %d.%d.%d)\n", KAM_VERSION,
		    LIBGIT2_VER_MAJOR, LIBGIT2_VER_MINOR, LIBGIT2_VER_REVISION);
		rc = 0;
	} else if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		print_overview(stdout);
		rc = 0;
	} else if (strcmp(argv[1], "help") == 0)
		rc = cmd_help(argc - 1, argv + 1);
	else if (strcmp(argv[1], "__complete") == 0)
		rc = cmd_complete(&k, argc - 1, argv + 1);
	else
		rc = dispatch(&k, argc - 1, argv + 1);
out:
	if (kam_flush_stdout() == -1)
		rc = -1;
	if (k.have_project)
		project_release(&k.p);
	git_libgit2_shutdown();
	if (rc == 0)
		code = 0;
	else if (rc == 1)
		code = KAM_EX_UNHEALTHY;
	else
		code = kam_exit_code != 0 ? kam_exit_code : KAM_EX_INTERNAL;
	return code;
}
