/*
 * log.c: kam log — record-level history from git (SPEC §3 "Health, audit
 * and review").  Commits made by kam and hand edits committed with plain
 * git count alike: the change is found by comparing the tables, never by
 * reading commit messages.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/history.h"
#include "../lib/value.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	const char	*table, *author;
	int32_t		 since, until;
	int		 all_parents, no_follow, no_index;
	long		 max;
};
#define LOG_OPTS(O)							\
	O(CMD, "kam log")						\
	O(ARG, "[ID] [rev]")						\
	O(STR, OPT, "", "table", table, "name", "this table only")	\
	O(DATE, OPT, "", "since", since, "date", "commits of this day on") \
	O(DATE, OPT, "", "until", until, "date", "commits up to this day") \
	O(STR, OPT, "", "author", author, "text", "commits of this author") \
	O(FLAG, OPT, "", "all-parents", all_parents, "merges: each parent") \
	O(TEXT, "[--follow | --no-follow]")				\
	O(SET, HIDE, "", "follow", no_follow, 0, "through kam renumber") \
	O(SET, HIDE, "", "no-follow", no_follow, 1, "the id alone")	\
	O(FLAG, OPT, "", "no-index", no_index, "walk the history")	\
	O(INT, SOPT, "n", "max-count", max, "count", 1, 1000000000L,	\
	    "a positive count", "at most count commits")

static const struct out_col log_cols[] = {
	{ "commit", OT_TEXT }, { "date", OT_TEXT }, { "author", OT_TEXT },
	{ "email", OT_TEXT }, { "subject", OT_TEXT }, { "table", OT_TEXT },
	{ "file", OT_TEXT }, { "id", OT_TEXT }, { "title", OT_TEXT },
	{ "change", OT_TEXT }, { "field", OT_TEXT }, { "old", OT_TEXT },
	{ "new", OT_TEXT },
};

struct log_state {
	struct kam	*k;
	struct out	 o;
	long		 max, shown;
	unsigned	 invalid;
	int		 color, begun;
};

/* "2026-01-05 14:03:00 +0100" (sep ' ') or "2026-01-05T14:03:00+01:00". */
static void
fmt_time(char *buf, size_t len, int64_t t, int offset, int iso)
{
	int64_t local = (int64_t)t + (int64_t)offset * 60;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t sec = local - days * 86400;
	int off = offset < 0 ? -offset : offset;
	char d[11];

	date_fmt((int32_t)days, d);
	if (iso)
		snprintf(buf, len, "%sT%02d:%02d:%02d%c%02d:%02d", d,
		    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60),
		    offset < 0 ? '-' : '+', off / 60, off % 60);
	else
		snprintf(buf, len, "%s %02d:%02d:%02d %c%02d%02d", d,
		    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60),
		    offset < 0 ? '-' : '+', off / 60, off % 60);
}

static void
print_text(struct log_state *st, const struct hist_commit *c,
    const struct hist_set *set, int first)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *msg = c->message, *p;
	char when[40], *esc;
	size_t i;

	if (!first)
		goto records;
	fmt_time(when, sizeof(when), c->time, c->offset, 0);
	if (st->shown > 0)
		putchar('\n');
	if (st->color)
		printf("\033[33mcommit %s\033[0m\n", c->id);
	else
		printf("commit %s\n", c->id);
	esc = kam_escape(c->name);
	printf("Author: %s <%s>\nDate:   %s\n\n", esc, c->email, when);
	free(esc);
	/* The message as git shows it, indented; escaped for the terminal. */
	for (p = msg; p != NULL && *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, n), *tab;

		/* git shows tabs as they are; a terminal gets spaces. */
		while ((tab = strchr(line, '\t')) != NULL)
			*tab = ' ';
		esc = kam_escape(line);
		printf("    %s\n", esc);
		free(esc);
		free(line);
		p = nl != NULL ? nl + 1 : NULL;
		if (p != NULL && *p == '\0')
			break;
	}
	putchar('\n');
records:
	for (i = 0; i < set->n; i++)
		kam_hist_lines(&b, &set->v[i]);
	kam_buf_release(&b);
}

static void
print_rows(struct log_state *st, const struct hist_commit *c,
    const struct hist_set *set)
{
	const char *cells[ARRAY_SIZE(log_cols)];
	char when[40];

	fmt_time(when, sizeof(when), c->time, c->offset, 1);
	cells[0] = c->id;
	cells[1] = when;
	cells[2] = c->name;
	cells[3] = c->email;
	cells[4] = c->summary;
	kam_hist_rows(&st->o, cells, 5, set, st->k->p.prefix, 0);
}

static int
on_commit(void *arg, const struct hist_commit *c, const struct hist_set *set,
    int first)
{
	struct log_state *st = arg;

	if (first && st->max > 0 && st->shown >= st->max)
		return 1;
	st->invalid += set->invalid;
	if (st->k->fmt != FMT_TABLE && !st->begun++)
		out_begin(&st->o, st->k->fmt, log_cols, ARRAY_SIZE(log_cols));
	if (st->k->fmt == FMT_TABLE)
		print_text(st, c, set, first);
	else
		print_rows(st, c, set);
	if (first)
		st->shown++;
	return 0;
}

/* Day d as a commit time: its first second, or its last (end). */
static int64_t
day_time(int32_t d, int end)
{
	int64_t t = ((int64_t)d + (end ? 1 : 0)) * 86400 - (end ? 1 : 0);

	return t == 0 ? 1 : t;
}


#define OPTS_INIT	{ .since = INT32_MIN, .until = INT32_MIN }
KAM_VERB(log_cmd, "", NEED_PROJECT, "record-level history", LOG_OPTS,
    OPTS_INIT)
{
	const struct opts *o = k->opts;
	struct hist_log_opts lo;
	struct log_state st;
	const struct schema *s, *table;
	const char *guess = NULL;	/* a name taken for a removed meeting */
	char canon[32], mcanon[256];
	int i, mrc, ret = -1;

	memset(&lo, 0, sizeof(lo));
	memset(&st, 0, sizeof(st));
	st.k = k;
	st.o = (struct out)OUT_INIT;
	if (o->table != NULL &&
	    (lo.filter.table = hist_table(o->table)) == NULL)
		return kam_err(KAM_EX_USAGE, "--table: no table '%s' (e.g. "
		    "risks, tasks, expenses)", o->table);
	table = lo.filter.table;
	lo.since = o->since != INT32_MIN ? day_time(o->since, 0) : 0;
	lo.until = o->until != INT32_MIN ? day_time(o->until, 1) : 0;
	lo.author = o->author;
	lo.all_parents = o->all_parents;
	lo.no_index = o->no_index;
	lo.no_follow = o->no_follow;
	st.max = o->max;
	for (i = 0; i < k->argc; i++) {
		if ((lo.filter.id == NULL || guess != NULL) &&
		    (s = schema_by_id_arg(k->argv[i], canon)) != NULL) {
			if (guess != NULL) {
				/* The name taken for a removed meeting comes
				 * before an id: it was a revision
				 * (kam log mian R-1 says 'mian'). */
				if (lo.rev != NULL)
					return popt_usage(log_cmd_popt);
				lo.rev = guess;
				guess = NULL;
				lo.filter.table = table;
			}
			if (lo.filter.table != NULL && lo.filter.table != s)
				return kam_err(KAM_EX_USAGE, "%s is not in table "
				    "'%s'", canon, lo.filter.table->name);
			lo.filter.table = s;
			lo.filter.id = canon;
		} else if (lo.filter.id == NULL && (mrc = hist_meeting_arg(&k->p,
		    k->argv[i], mcanon, sizeof(mcanon))) != 0 && (mrc == 1 ||
		    lo.filter.table == NULL ||
		    lo.filter.table == &hist_meetings)) {
			/* A meeting or an item of its minutes. */
			if (lo.filter.table != NULL &&
			    lo.filter.table != &hist_meetings)
				return kam_err(KAM_EX_USAGE, "%s is not in table "
				    "'%s'", mcanon, lo.filter.table->name);
			lo.filter.table = &hist_meetings;
			lo.filter.id = mcanon;
			if (mrc == 2)
				guess = k->argv[i];
		} else if (lo.rev == NULL)
			lo.rev = k->argv[i];
		else
			return popt_usage(log_cmd_popt);
	}
	st.color = k->fmt == FMT_TABLE && out_use_color();
	/* The rows begin with the first commit shown, so that an error
	 * (an id in no commit) leaves nothing on standard output. */
	ret = hist_log(&k->p, &lo, on_commit, &st);
	if (k->fmt != FMT_TABLE && !st.begun && ret == 0)
		out_begin(&st.o, k->fmt, log_cols, ARRAY_SIZE(log_cols));
	if (k->fmt != FMT_TABLE && (st.begun || ret == 0))
		out_end(&st.o);
	if (ret == 0 && st.invalid > 0)
		kam_warn("%u version%s of kam files in this history %s not "
		    "valid data; their changes are shown as far as they could "
		    "be read", st.invalid, st.invalid == 1 ? "" : "s",
		    st.invalid == 1 ? "is" : "are");
	return ret;
}

const struct verb *const log_verbs[] = {
	&log_cmd_verb, NULL
};
