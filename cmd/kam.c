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
#include "../lib/rectype.h"
#include "../lib/record.h"
#include "../lib/records.h"
#include "../lib/history.h"
#include "../lib/schema.h"
#include "../lib/store.h"
#include "../lib/value.h"

#define KAM_FAMILY(name, c, summary) { name, c##_verbs, summary },
const struct family kam_families[] = {
#include "families.h"
};
#undef KAM_FAMILY
const size_t kam_nfamilies = ARRAY_SIZE(kam_families);

static const char *const kam_usage_str =
    "kam [-C dir] [--format table|json|csv|md] [--no-commit] [--no-verify]\n"
    "           [-m msg] [--today date] command [verb] [args]\n"
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
	const struct verb *const *v;

	for (v = f->verbs; *v != NULL; v++)
		fprintf(fp, "%s %s\n", v == f->verbs ? "usage:" : "      ",
		    (*v)->usage);
}

int
kam_tx_begin(struct kam *k, struct tx *tx)
{
	tx->no_verify = k->no_verify;
	return tx_begin(tx, &k->p, k->no_commit);
}

struct rec_ctx
kam_ctx(struct kam *k)
{
	struct rec_ctx c = { &k->p, k->fmt, k->no_commit, k->msg,
	    k->no_verify };

	return c;
}

int
kam_rec_run(struct kam *k, const struct rec_verb *v, int argc, char **argv)
{
	struct rec_ctx c = kam_ctx(k);

	return rec_run(&c, v, argc, argv);
}

int
kam_tx_commit_body(struct kam *k, struct tx *tx, const char *cmd,
    const char *id, const char *title, const char *body)
{
	struct rec_ctx c = kam_ctx(k);

	return rec_commit(&c, tx, cmd, id, title, body);
}

int
kam_tx_commit(struct kam *k, struct tx *tx, const char *cmd, const char *id,
    const char *title)
{
	return kam_tx_commit_body(k, tx, cmd, id, title, NULL);
}

int
kam_tx_commit_row(struct kam *k, struct tx *tx, const char *cmd,
    struct table *t, const struct row *r)
{
	store_put(tx, t);
	return kam_tx_commit(k, tx, cmd, table_get(t, r, ID_COL), table_get(t, r, TITLE_COL));
}

int
kam_verb_run(struct kam *k, int (*fn)(struct kam *), void *opts, int argc,
    char **argv)
{
	int ret;

	k->opts = opts;
	k->argc = argc;
	k->argv = argv;
	ret = fn(k);
	k->opts = NULL;		/* it was the verb's own */
	return ret;
}

int
kam_open_project(struct kam *k)
{
	if (k->have_project)
		return 0;
	if (project_open(&k->p, k->dir) == -1) {
		project_release(&k->p);
		return -1;
	}
	k->have_project = 1;
	out_money_style(k->p.digits, k->p.numfmt, k->p.currency);
	if (k->today != 0)
		k->p.today = k->today;
	return 0;
}

/* ---- help and completion ---- */

static void
exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	char *slash;

	if (n <= 0) {
		buf[0] = '\0';
		return;
	}
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) != NULL)
		*slash = '\0';
}

static int
cmd_help(int argc, char **argv)
{
	char dir[PATH_MAX], page[64], path[PATH_MAX + 80];
	const struct family *f = NULL;
	int i;

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
	/* A kam run from its source tree (./kam, build/kam) shows the pages
	 * of that tree; an installed kam asks man(1) for them. */
	exe_dir(dir, sizeof(dir));
	for (i = 0; dir[0] != '\0' && i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%sman/%s.%c", dir,
		    i == 0 ? "" : "../", page,
		    strcmp(page, "kam-files") == 0 ? '5' : '1');
		if (access(path, R_OK) == 0)
			break;
	}
	if (dir[0] != '\0' && i < 2)
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

/* The id prefix of a family's records, from its record type. */
static const char *
family_prefix(const char *family)
{
	const struct rec_type *rt = rec_type_of(family);

	return rt != NULL ? rt->s->prefix : NULL;
}

/* Completion must stay quiet: errors go nowhere.  quiet() sends stderr
 * to /dev/null, saving it in *saved (0, or -1 when it cannot); loud()
 * brings it back and forgets the errors. */
static int
quiet(FILE **saved)
{
	*saved = stderr;
	if ((stderr = fopen("/dev/null", "w")) == NULL) {
		stderr = *saved;
		return -1;
	}
	return 0;
}

static void
loud(FILE *saved)
{
	fclose(stderr);
	stderr = saved;
	kam_err_reset();
}

/* Load table s of k's project, quietly.  0, or -1 (t may hold some rows:
 * release it). */
static int
load_quietly(struct kam *k, const struct schema *s, struct table *t)
{
	FILE *saved;
	int rc = -1;

	if (quiet(&saved) == -1)
		return -1;
	if (kam_open_project(k) == 0 && store_load(&k->p, NULL, s, t) == 0)
		rc = 0;
	loud(saved);
	return rc;
}

/* Ids of table `pfx` that start with cur (any case), each after lead. */
static void
complete_ids(struct kam *k, const char *pfx, const char *lead,
    const char *cur)
{
	const struct schema *s;
	struct table t = TABLE_INIT;
	size_t i, n = strlen(cur);

	if (pfx == NULL || (s = schema_by_prefix(pfx)) == NULL || s->monthly)
		return;
	if (load_quietly(k, s, &t) == 0) {
		table_sort(&t);
		for (i = 0; i < t.nrows; i++) {
			const char *id = table_get(&t, &t.rows[i], ID_COL);

			if (strncasecmp(id, cur, n) == 0)
				printf("%s%s\n", lead, id);
		}
	}
	table_release(&t);
}

/* The words of the space-separated list that start with cur, after lead. */
static void
complete_words(const char *list, const char *lead, const char *cur)
{
	const char *p = list, *q;
	size_t n = strlen(cur), len;

	while (p != NULL && *p != '\0') {
		q = strchr(p, ' ');
		len = q != NULL ? (size_t)(q - p) : strlen(p);
		if (len >= n && len > 0 && strncmp(p, cur, n) == 0)
			printf("%s%.*s\n", lead, (int)len, p);
		p = q != NULL ? q + 1 : NULL;
	}
}

/*
 * Table names for the operand a verb's usage calls "table": the first
 * operand ("kam import table file": a table to write into) when no
 * operand is typed yet, or any of "[table ...]" ("kam export xlsx").
 * `typed` counts the operands before CUR.
 */
static void
complete_tables(const struct verb *v, const char *family, int typed,
    const char *cur)
{
	const char *u = v->usage + strlen("kam ") + strlen(family);
	size_t i;

	if (v->name[0] != '\0')
		u += 1 + strlen(v->name);
	while (*u == ' ')
		u++;
	if ((strncmp(u, "table ", 6) == 0 && typed == 0) ||
	    strncmp(u, "[table ...]", 11) == 0)
		for (i = 0; i < kam_nschemas; i++)
			complete_words(kam_schemas[i]->name, "", cur);
}

/* The distinct values of column c of table s (budget categories). */
static void
complete_column(struct kam *k, const struct schema *s, int c,
    const char *lead, const char *cur)
{
	struct table t = TABLE_INIT;
	size_t i, j, n = strlen(cur);
	const char *v;

	if (load_quietly(k, s, &t) == 0)
		for (i = 0; i < t.nrows; i++) {
			v = table_get(&t, &t.rows[i], (size_t)c);
			for (j = 0; j < i; j++)
				if (strcmp(table_get(&t, &t.rows[j], (size_t)c),
				    v) == 0)
					break;
			if (j == i && *v != '\0' && strncmp(v, cur, n) == 0)
				printf("%s%s\n", lead, v);
		}
	table_release(&t);
}

/* Every id of every table (kam renumber OLD, kam log ID), or of the one
 * named by table ("risks": R-n only; NULL: all). */
static void
complete_any_id(struct kam *k, const char *table, const char *cur)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		if (kam_schemas[i]->prefix != NULL && !kam_schemas[i]->monthly &&
		    (table == NULL || strcmp(table, kam_schemas[i]->name) == 0))
			complete_ids(k, kam_schemas[i]->prefix, "", cur);
}

/* The value of the last --table (or --table=) among words w, or NULL. */
static const char *
table_word(const char **w, int nw)
{
	const char *t = NULL;
	int j;

	for (j = 1; j < nw; j++)
		if (strcmp(w[j], "--table") == 0 && j + 1 < nw)
			t = w[++j];
		else if (strncmp(w[j], "--table=", 8) == 0)
			t = w[j] + 8;
	return t;
}

/* The names lib lists that start with cur, each after lead, read
 * quietly: the minutes' meetings and their items (kam log ID: NAME,
 * NAME/D1), or with revs the revisions (HEAD, branches, tags). */
static void
complete_listed(struct kam *k, int revs, const char *lead, const char *cur)
{
	FILE *saved;
	char **names = NULL;
	int i, n = -1;

	if (quiet(&saved) == -1)
		return;
	if (kam_open_project(k) == 0)
		n = revs ? hist_ref_names(&k->p, &names) :
		    hist_meeting_ids(&k->p, cur, &names);
	loud(saved);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], cur, strlen(cur)) == 0)
			printf("%s%s\n", lead, names[i]);
		free(names[i]);
	}
	free(names);
}

/*
 * The operand at position `typed` of a verb's usage ("kam renumber OLD
 * [NEW]", "kam log [ID] [rev] [--table name]..."): the words after the
 * verb that are not options or their values.  0 with the word in buf.
 */
static int
usage_operand(const struct verb *v, const char *family, int typed,
    char *buf, size_t len)
{
	const char *u = v->usage + strlen("kam ") + strlen(family), *e;
	size_t n;
	int k = 0;

	if (v->name[0] != '\0')
		u += 1 + strlen(v->name);
	for (;;) {
		while (*u == ' ')
			u++;
		if (*u == '\0')
			return -1;
		if (u[0] == '-' || (u[0] == '[' && u[1] == '-')) {
			/* An option and its value: skip to the end of the
			 * bracket, or the option word and its metavar. */
			if (u[0] == '[')
				e = strchr(u, ']');
			else {
				e = u + strcspn(u, " ");
				if (*e == ' ' && e[1] != '-' && e[1] != '[')
					e += 1 + strcspn(e + 1, " ");
			}
			u = e != NULL && *e != '\0' ? e + 1 : u + strlen(u);
			continue;
		}
		e = u + strcspn(u, " ");
		if (k++ == typed) {
			if (*u == '[')
				u++;
			n = strcspn(u, " ]");
			if (n >= len)
				return -1;
			memcpy(buf, u, n);
			buf[n] = '\0';
			return 0;
		}
		u = e;
	}
}

/*
 * The value a verb's usage string gives option opt: "[--owner P-n]"
 * gives "P-n", "[--sort score|id|review]" gives "score|id|review".
 */
static int
usage_metavar(const char *usage, const char *opt, char *buf, size_t len)
{
	const char *p = usage, *e;
	size_t n = strlen(opt);

	while ((p = strstr(p, opt)) != NULL) {
		if ((p == usage || p[-1] == '[' || p[-1] == ' ') && p[n] == ' ') {
			p += n + 1;
			e = p + strcspn(p, " ]");
			if ((size_t)(e - p) >= len)
				return -1;
			memcpy(buf, p, e - p);
			buf[e - p] = '\0';
			return 0;
		}
		p += n;
	}
	return -1;
}

/*
 * Candidates for the value of option opt of verb v, each after lead:
 * alternatives or an id kind from the usage string, else the enum values
 * or the referred ids of the family's column of that name.
 */
static void
complete_value(struct kam *k, const struct family *f, const struct verb *v,
    const char *opt, const char *lead, const char *cur)
{
	const struct schema *s;
	const char *pfx = family_prefix(f->name);
	char meta[128], *q;
	size_t i;
	int c;

	if (usage_metavar(v->usage, opt, meta, sizeof(meta)) == 0) {
		if (strchr(meta, '|') != NULL) {
			for (q = meta; *q != '\0'; q++)
				if (*q == '|')
					*q = ' ';
			complete_words(meta, lead, cur);
			return;
		}
		for (i = 0; meta[i] >= 'A' && meta[i] <= 'Z'; i++)
			;
		if (i > 0 && strncmp(meta + i, "-n", 2) == 0) {
			meta[i] = '\0';
			complete_ids(k, meta, lead, cur);
			return;
		}
		/* A small range: "-p 1-5". */
		{
			int lo, hi;
			char num[16];

			if (popt_range(meta, &lo, &hi) == 0) {
				for (; lo <= hi; lo++) {
					snprintf(num, sizeof(num), "%d", lo);
					complete_words(num, lead, cur);
				}
				return;
			}
		}
	}
	/* A revision: --new-since, --baseline, --against. */
	if (usage_metavar(v->usage, opt, meta, sizeof(meta)) == 0 &&
	    strcmp(meta, "rev") == 0) {
		complete_listed(k, 1, lead, cur);
		return;
	}
	/* kam log/diff --table: the tables, the minutes' too. */
	if (strcmp(opt, "--table") == 0) {
		for (i = 0; i < kam_nschemas; i++)
			complete_words(kam_schemas[i]->name, lead, cur);
		complete_words(hist_meetings.name, lead, cur);
		return;
	}
	/* A column of the family's own table without ids: the values it
	 * holds (kam budget spend --category). */
	if (pfx == NULL && strncmp(opt, "--", 2) == 0 &&
	    (s = schema_by_name(f->name)) != NULL && s->prefix == NULL &&
	    (c = schema_col(s, opt + 2)) >= 0 && s->cols[c].type == COL_KEY) {
		complete_column(k, s, c, lead, cur);
		return;
	}
	if (pfx == NULL || (s = schema_by_prefix(pfx)) == NULL ||
	    strncmp(opt, "--", 2) != 0 || (c = schema_col(s, opt + 2)) < 0)
		return;
	if (s->cols[c].type == COL_ENUM)
		for (i = 0; s->cols[c].enums[i] != NULL; i++)
			complete_words(s->cols[c].enums[i], lead, cur);
	else if (s->cols[c].type == COL_REF && s->cols[c].ref != NULL)
		complete_ids(k, s->cols[c].ref, lead, cur);
}

/* Does verb v take a record of its own family as an operand? */
static int
takes_own_id(const struct family *f, const struct verb *v)
{
	const char *pfx = family_prefix(f->name);
	char want[16];

	if (pfx == NULL)
		return 0;
	snprintf(want, sizeof(want), " %s-n", pfx);
	return strstr(v->usage, want) != NULL;
}

/* Does verb v have the long option opt taking a value ("--owner=")? */
static int
takes_value(const struct verb *v, const char *opt)
{
	size_t n = strlen(opt);
	const char *p = v->opts;

	while (opt[0] == '-' && opt[1] == '-' && (p = strstr(p, opt)) != NULL) {
		if ((p == v->opts || p[-1] == ' ') && p[n] == '=')
			return 1;
		p += n;
	}
	return 0;
}

#define GLOBAL_OPTS	"--format= --no-commit --no-verify --today= -C -m"
#define CHECK_FMTS	"table json csv md junit github sarif codequality"

static int
is_global_with_value(const char *w)
{
	return strcmp(w, "-C") == 0 || strcmp(w, "--format") == 0 ||
	    strcmp(w, "-m") == 0 || strcmp(w, "--message") == 0 ||
	    strcmp(w, "--today") == 0;
}

/*
 * kam __complete WORD... CUR: candidates for CUR, one per line.  The
 * words are those after "kam"; global options among them are skipped
 * wherever they stand, and -C DIR is honoured for id candidates.
 */
static int
cmd_complete(struct kam *k, int argc, char **argv)
{
	const char *cur = argc > 1 ? argv[argc - 1] : "", *eq, **w;
	const struct family *f;
	const struct verb *v = NULL, *const *vp;
	char *opt = NULL, *lead = NULL, meta[64];
	size_t i;
	int j, nw = 0;

	w = xcalloc(argc + 1, sizeof(*w));
	for (j = 1; j < argc - 1; j++) {
		if (is_global_with_value(argv[j])) {
			if (j + 1 == argc - 1) {
				/* CUR is the option's value; the shell
				 * completes the directory of -C itself. */
				if (strcmp(argv[j], "--format") == 0)
					complete_words(nw > 0 && strcmp(w[0],
					    "check") == 0 ? CHECK_FMTS :
					    "table json csv md", "", cur);
				goto out;
			}
			if (strcmp(argv[j], "-C") == 0)
				k->dir = argv[j + 1];
			j++;
			continue;
		}
		if (strncmp(argv[j], "-C=", 3) == 0)
			k->dir = argv[j] + 3;
		else if (strcmp(argv[j], "--no-commit") != 0 &&
		    strcmp(argv[j], "--no-verify") != 0 &&
		    strncmp(argv[j], "--format=", 9) != 0 &&
		    strncmp(argv[j], "--today=", 8) != 0 &&
		    strncmp(argv[j], "--message=", 10) != 0 &&
		    strncmp(argv[j], "-m=", 3) != 0)
			w[nw++] = argv[j];
	}
	if (strncmp(cur, "--format=", 9) == 0) {
		complete_words(nw > 0 && strcmp(w[0], "check") == 0 ?
		    CHECK_FMTS : "table json csv md", "--format=", cur + 9);
		goto out;
	}
	if (nw == 0) {
		for (i = 0; i < kam_nfamilies; i++)
			if (kam_families[i].verbs != NULL)
				complete_words(kam_families[i].name, "", cur);
		complete_words("help", "", cur);
		if (cur[0] == '-')
			complete_words(GLOBAL_OPTS " --help --version", "", cur);
		goto out;
	}
	if ((f = find_family(w[0])) == NULL) {
		if (strcmp(w[0], "help") == 0 && nw == 1) {
			for (i = 0; i < kam_nfamilies; i++)
				if (kam_families[i].verbs != NULL)
					complete_words(kam_families[i].name, "",
					    cur);
			complete_words("files", "", cur);
		}
		goto out;
	}
	for (vp = f->verbs; *vp != NULL; vp++)
		if (nw > 1 && strcmp((*vp)->name, w[1]) == 0)
			break;
	if (*vp != NULL)
		v = *vp;
	else
		for (vp = f->verbs; *vp != NULL; vp++)
			if ((*vp)->name[0] == '\0')
				v = *vp;
	if (nw == 1 && cur[0] != '-')
		for (vp = f->verbs; *vp != NULL; vp++)
			if ((*vp)->name[0] != '\0')
				complete_words((*vp)->name, "", cur);
	if (v == NULL)
		goto out;
	if (strncmp(cur, "--", 2) == 0 && (eq = strchr(cur, '=')) != NULL) {
		/* Candidates are whole words: "--owner=P-1". */
		opt = xstrndup(cur, eq - cur);
		lead = xstrndup(cur, eq - cur + 1);
		complete_value(k, f, v, opt, lead, eq + 1);
		goto out;
	}
	if (cur[0] == '-') {
		complete_words(v->opts, "", cur);
		complete_words(GLOBAL_OPTS, "", cur);
	} else if (nw > 1 && takes_value(v, w[nw - 1]))
		complete_value(k, f, v, w[nw - 1], "", cur);
	else if (nw > 1 && w[nw - 1][0] == '-' && w[nw - 1][1] != '-' &&
	    w[nw - 1][1] != '\0' && usage_metavar(v->usage, w[nw - 1], meta,
	    sizeof(meta)) == 0)
		/* A short option's value: "-p 1-5". */
		complete_value(k, f, v, w[nw - 1], "", cur);
	else if (takes_own_id(f, v))
		complete_ids(k, family_prefix(f->name), "", cur);
	else {
		int typed = 0;

		for (j = v->name[0] != '\0' ? 2 : 1; j < nw; j++)
			if (w[j][0] != '-' && !(j > 1 && (takes_value(v,
			    w[j - 1]) || (w[j - 1][0] == '-' &&
			    w[j - 1][1] != '-' && usage_metavar(v->usage,
			    w[j - 1], meta, sizeof(meta)) == 0))))
				typed++;
		complete_tables(v, f->name, typed, cur);
		/* kam renumber --all and --rebased take no operand. */
		for (j = 1; strcmp(f->name, "renumber") == 0 && j < nw; j++)
			if (strcmp(w[j], "--all") == 0 ||
			    strcmp(w[j], "--rebased") == 0)
				goto out;
		if (usage_operand(v, f->name, typed, meta, sizeof(meta)) == 0) {
			const char *tab = strcmp(meta, "ID") == 0 ?
			    table_word(w, nw) : NULL;

			if (strcmp(meta, "ID") == 0 || strcmp(meta, "OLD") == 0)
				complete_any_id(k, tab, cur);
			if (strcmp(meta, "ID") == 0 && (tab == NULL ||
			    strcmp(tab, "meetings") == 0))
				complete_listed(k, 0, "", cur);
			else if (strcmp(meta, "rev") == 0 ||
			    (strcmp(f->name, "review") == 0 &&
			    (strcmp(meta, "base") == 0 ||
			    strcmp(meta, "head") == 0)))
				/* merge-file's base is a file: the shell's
				 * file names. */
				complete_listed(k, 1, "", cur);
			else {
				/* An operand named after a column of the
				 * family's table without ids: its values
				 * (kam budget set category). */
				const struct schema *s = schema_by_name(f->name);
				int c;

				if (s != NULL && s->prefix == NULL &&
				    (c = schema_col(s, meta)) >= 0 &&
				    s->cols[c].type == COL_KEY)
					complete_column(k, s, c, "", cur);
			}
		}
	}
out:
	free(opt);
	free(lead);
	free(w);
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
		if (strcmp(argv[i], "--no-verify") == 0) {
			k->no_verify = 1;
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
	if ((k->fmt == FMT_SVG || k->fmt == FMT_HTML) &&
	    !(v->flags & DOCUMENTS))
		return kam_err(KAM_EX_USAGE, "--format %s is for charts and "
		    "reports (kam gantt); this command writes table, json, csv "
		    "or md", k->fmt == FMT_SVG ? "svg" : "html");
	if (k->fmt >= FMT_JUNIT && !(v->flags & JUNIT))
		return kam_err(KAM_EX_USAGE, "--format %s is for kam check; "
		    "this command writes table, json, csv or md",
		    k->fmt == FMT_JUNIT ? "junit" : k->fmt == FMT_GITHUB ?
		    "github" : k->fmt == FMT_SARIF ? "sarif" : "codequality");
	if ((v->flags & NEED_PROJECT) && kam_open_project(k) == -1)
		return -1;
	for (attempt = 0; attempt < 6; attempt++) {
		kam_err_reset();
		k->p.retry_requested = 0;
		optind = 0;
		k->verb = v->name;
		rc = v->fn(argc, argv, k);
		if (rc != -1 || !k->p.retry_requested)
			break;
	}
	if (rc == -1 && k->p.retry_requested)
		kam_err(KAM_EX_RETRY, "the branch kept moving under kam (another "
		    "writer committed 6 times); try again");
	return rc;
}

static int
dispatch(struct kam *k, int argc, char **argv)
{
	const struct family *f;
	const struct verb *dflt = NULL, *const *v;

	if ((f = find_family(argv[0])) == NULL) {
		kam_err(KAM_EX_USAGE, "'%s' is not a kam command", argv[0]);
		print_overview(stderr);
		return -1;
	}
	/* Every verb's usage, the default verb's included (kam plan -h). */
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0)) {
		print_family_usage(stdout, f);
		return 0;
	}
	for (v = f->verbs; *v != NULL; v++) {
		if ((*v)->name[0] == '\0')
			dflt = *v;
		else if (argc > 1 && strcmp((*v)->name, argv[1]) == 0)
			return run_verb(k, *v, argc - 1, argv + 1);
	}
	if (dflt != NULL)
		return run_verb(k, dflt, argc, argv);
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

	/* Completion reads the global options among its words itself. */
	if (argc > 1 && strcmp(argv[1], "__complete") == 0) {
		rc = cmd_complete(&k, argc - 1, argv + 1);
		goto out;
	}
	if (globals(&k, &argc, argv) == -1)
		goto out;
	/* Parsed once, here: --today wins over KAM_TODAY, and everything
	 * below gets the day from k (kam_open_project, init). */
	if (k.today_arg != NULL && rec_date_arg(k.today_arg ==
	    getenv("KAM_TODAY") ? "KAM_TODAY" : "--today", k.today_arg,
	    &k.today) == -1)
		goto out;
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
	else
		rc = dispatch(&k, argc - 1, argv + 1);
out:
	if (kam_flush_stdout(k.p.committed) == -1)
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
