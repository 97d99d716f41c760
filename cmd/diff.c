/*
 * diff.c: kam diff — record-level changes between two revisions, or a
 * revision and the work tree, for review (SPEC §3 "Health, audit and
 * review").
 *
 *   kam diff              HEAD -> work tree
 *   kam diff REV          REV -> work tree
 *   kam diff A B          A -> B
 *   kam diff A..B         A -> B
 *   kam diff A...B        merge base of A and B -> B (what a pull request
 *                         of B into A changes)
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/report.h"
#include "../lib/history.h"
#include "../lib/value.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	int		 stat;
	const char	*table;
};
#define DIFF_OPTS(O)							\
	O(CMD, "kam diff")						\
	O(FLAG, OPT, "", "stat", stat, "counts by table")		\
	O(STR, OPT, "", "table", table, "name", "this table only")	\
	O(ARG, "[rev [rev]]")

static const struct out_col diff_cols[] = {
	{ "table", OT_TEXT }, { "file", OT_TEXT }, { "line", OT_NUM },
	{ "id", OT_TEXT }, { "title", OT_TEXT }, { "change", OT_TEXT },
	{ "field", OT_TEXT }, { "old", OT_TEXT }, { "new", OT_TEXT },
};

static const struct out_col stat_cols[] = {
	{ "table", OT_TEXT }, { "added", OT_NUM }, { "removed", OT_NUM },
	{ "changed", OT_NUM },
};

void
kam_hist_lines(struct kam_buf *b, const struct hist_rec *r)
{
	char *esc;
	size_t j;

	for (j = 0; j < (r->op == HIST_CHANGED ? r->nf : 1); j++) {
		kam_buf_reset(b);
		hist_line(b, r, j);
		esc = kam_escape(b->ptr);
		printf("    %s\n", esc);
		free(esc);
	}
}

static void
print_text(const struct hist_set *set)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *file = NULL;
	char *esc;
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		const struct hist_rec *r = &set->v[i];

		if (file == NULL || strcmp(file, r->file) != 0) {
			file = r->file;
			printf("%s%s\n", i > 0 ? "\n" : "", file);
		}
		kam_hist_lines(&b, r);
		if (r->op == HIST_CHANGED)
			continue;
		for (j = 0; j < r->nf; j++) {
			kam_buf_reset(&b);
			kam_buf_printf(&b, "%s %s", r->f[j].name,
			    r->op == HIST_ADDED ? r->f[j].new : r->f[j].old);
			esc = kam_escape(b.ptr);
			printf("        %s\n", esc);
			free(esc);
		}
	}
	kam_buf_release(&b);
}

void
kam_hist_rows(struct out *o, const char **cells, size_t at,
    const struct hist_set *set, const char *prefix, int with_line)
{
	const char **c;
	char line[24];
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		const struct hist_rec *r = &set->v[i];
		char *path = xasprintf("%s%s", prefix, r->file);

		c = cells + at;
		*c++ = r->s->name;
		*c++ = path;	/* from the repository root */
		if (with_line) {
			snprintf(line, sizeof(line), "%lu", r->line);
			*c++ = r->line > 0 ? line : NULL;
		}
		*c++ = r->id;
		*c++ = r->title;
		*c++ = hist_op_name(r->op);
		for (j = 0; j < r->nf || j == 0; j++) {
			c[0] = j < r->nf ? r->f[j].name : NULL;
			c[1] = j < r->nf && r->op != HIST_ADDED ?
			    r->f[j].old : NULL;
			c[2] = j < r->nf && r->op != HIST_REMOVED ?
			    r->f[j].new : NULL;
			out_row(o, cells);
		}
		free(path);
	}
}

static void
print_rows(enum out_fmt fmt, const struct hist_set *set, const char *prefix)
{
	struct out o = OUT_INIT;
	const char *cells[ARRAY_SIZE(diff_cols)];

	out_begin(&o, fmt, diff_cols, ARRAY_SIZE(diff_cols));
	kam_hist_rows(&o, cells, 0, set, prefix, 1);
	out_end(&o);
}

/* The tables in schema order, the minutes last (i == kam_nschemas). */
static const struct schema *
table_at(size_t i)
{
	return i < kam_nschemas ? kam_schemas[i] : &hist_meetings;
}

/* Records added, removed and changed per table, in schema order. */
static void
count(const struct hist_set *set, const struct schema *s, long n[3])
{
	size_t i;

	n[0] = n[1] = n[2] = 0;
	for (i = 0; i < set->n; i++)
		if (set->v[i].s == s)
			n[set->v[i].op]++;
}

static void
print_stat(enum out_fmt fmt, const struct hist_set *set)
{
	struct out o = OUT_INIT;
	long n[3];
	size_t i;

	out_begin(&o, fmt, stat_cols, ARRAY_SIZE(stat_cols));
	for (i = 0; i <= kam_nschemas; i++) {
		count(set, table_at(i), n);
		if (n[0] + n[1] + n[2] == 0)
			continue;
		out_row_counts(&o, table_at(i)->name, (const long[]){
		    n[HIST_ADDED], n[HIST_REMOVED], n[HIST_CHANGED] }, 3);
	}
	out_end(&o);
}

/* Markdown text: the one escaping of every Markdown kam writes
 * (md_escape: one line, markup escaped, control characters and bidi
 * overrides shown as \x1b and <U+202E>). */
static void
md_text(const char *s)
{
	struct kam_buf b = KAM_BUF_INIT;

	md_escape(&b, s);
	if (b.len > 0)
		fwrite(b.ptr, 1, b.len, stdout);
	kam_buf_release(&b);
}

static void
md_value(const char *v)
{
	if (*v == '\0')
		fputs("*(none)*", stdout);
	else
		md_text(v);
}

/* A pull-request summary: counts per table, then each record. */
static void
print_md(const struct hist_set *set, const char *from, const char *to)
{
	long n[3];
	size_t i, j, k;

	printf("### Project changes (");
	md_text(from);
	if (to != NULL) {
		printf(" → ");
		md_text(to);
	}
	printf(")\n\n");
	if (set->n == 0) {
		printf("No record changed.\n");
		return;
	}
	printf("| table | added | removed | changed |\n|---|---:|---:|---:|\n");
	for (i = 0; i <= kam_nschemas; i++) {
		count(set, table_at(i), n);
		if (n[0] + n[1] + n[2] > 0)
			printf("| %s | %ld | %ld | %ld |\n", table_at(i)->name,
			    n[HIST_ADDED], n[HIST_REMOVED], n[HIST_CHANGED]);
	}
	for (k = 0; k <= kam_nschemas; k++) {
		const struct schema *s = table_at(k);
		int head = 0;

		for (i = 0; i < set->n; i++) {
			const struct hist_rec *r = &set->v[i];

			if (r->s != s)
				continue;
			if (!head) {
				printf("\n#### %s\n\n", s->name);
				head = 1;
			}
			printf("- **");
			md_text(r->id);
			printf("** %s", r->op == HIST_CHANGED ? "" :
			    r->op == HIST_ADDED ? "added" : "removed");
			if (r->title[0] != '\0') {
				printf("%s", r->op == HIST_CHANGED ? "" : ": ");
				md_text(r->title);
			}
			printf("\n");
			for (j = 0; j < r->nf; j++) {
				printf("  - %s: ", r->f[j].name);
				if (r->op == HIST_CHANGED) {
					md_value(r->f[j].old);
					printf(" → ");
					md_value(r->f[j].new);
				} else
					md_value(r->op == HIST_ADDED ?
					    r->f[j].new : r->f[j].old);
				printf("\n");
			}
		}
	}
}

void
kam_diff_print(enum out_fmt fmt, const struct hist_set *set,
    const char *from, const char *to, const char *prefix)
{
	if (fmt == FMT_TABLE)
		print_text(set);
	else if (fmt == FMT_MD)
		print_md(set, from, to);
	else
		print_rows(fmt, set, prefix);
}

KAM_VERB(diff_cmd, "", NEED_PROJECT, "record-level changes between revisions",
    DIFF_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct hist_set set = HIST_SET_INIT;
	struct hist_filter f;
	const char *from = "HEAD", *to = "work tree";
	int ret = -1;

	memset(&f, 0, sizeof(f));
	if (o->table != NULL && (f.table = hist_table(o->table)) == NULL)
		return kam_err(KAM_EX_USAGE, "--table: no table '%s' (e.g. "
		    "risks, tasks, expenses)", o->table);
	if (k->argc > 0) {
		from = k->argv[0];
		to = k->argc == 2 ? k->argv[1] : strstr(from, "..") != NULL ?
		    NULL : to;
	}
	ret = hist_diff_revs(&set, &k->p, k->argc > 0 ? from : NULL,
	    k->argc == 2 ? to : NULL, &f);
	if (ret == -1)
		goto out;
	if (set.invalid > 0)
		kam_warn("a compared version of a kam file is not valid data "
		    "(run 'kam check'); its changes are shown as far as they "
		    "could be read");
	if (o->stat)
		print_stat(k->fmt, &set);
	else
		kam_diff_print(k->fmt, &set, from, to, k->p.prefix);
	ret = 0;
out:
	hist_set_release(&set);
	return ret;
}

const struct verb *const diff_verbs[] = {
	&diff_cmd_verb, NULL
};
