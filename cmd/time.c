/*
 * time.c: kam time — the hours people actually worked (issue 16):
 * timesheets/YYYY-MM.csv, one booking a row.  The table is declared in
 * lib/schema.h; bookings, the 24-hour day and the sums are lib/timesheet.c.
 */
#include <string.h>

#include "cmd.h"
#include "../lib/timesheet.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	const char	*by;
	int32_t		 date, from, to;
	struct popt_id	 person, task;
};
#define OPTS_INIT	{ .from = INT32_MIN, .to = INT32_MAX }

#define LOG_OPTS(O)							\
	O(CMD, "kam time log")						\
	O(ARG, "P-n T-n hours")						\
	O(PAST, OPT, "d", "date", date, "date",				\
	    "hours when they have been worked", "the day worked")	\
	O(ARG, "[note]")
#define FILTER_OPTS(O)							\
	O(ID, OPT, "", "person", person, "P", "of this person")		\
	O(ID, OPT, "", "task", task, "T", "on this task")		\
	POPT_PERIOD(O)
#define LIST_OPTS(O)	O(CMD, "kam time list") FILTER_OPTS(O)
#define REPORT_OPTS(O)							\
	O(CMD, "kam time report")					\
	O(ENUM, OPT, "", "by", by, "person|task|week|month", "one line per") \
	FILTER_OPTS(O)

/* The bookings the options select. */
static int
filter(const struct opts *o, struct time_filter *f)
{
	f->from = o->from;
	f->to = o->to;
	f->person = o->person.num;
	f->task = o->task.num;
	if (f->from > f->to)
		return kam_err(KAM_EX_USAGE, "--from is after --to");
	return 0;
}

KAM_VERB(time_log_cmd, "log", NEED_PROJECT | WRITES,
    "book hours of a person on a task", LOG_OPTS, { .date = k->p.today })
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return time_log(&c, k->argv[0], k->argv[1], k->argv[2], o->date,
	    k->argv[3]);
}

/* ---- list ---- */

static const struct out_col list_cols[] = {
	{ "id", OT_TEXT }, { "date", OT_TEXT }, { "person", OT_TEXT },
	{ "task", OT_TEXT }, { "hours", OT_NUM }, { "note", OT_TEXT },
};

static int
list_row(void *arg, const struct booking *b)
{
	const char *cells[6];
	char h[32];

	cells[0] = b->id;
	cells[1] = b->date;
	cells[2] = b->person;
	cells[3] = b->task;
	cells[4] = hours_fmt(b->quarters, h);
	cells[5] = b->note;
	out_row(arg, cells);
	return 0;
}

KAM_VERB(time_list, "list", NEED_PROJECT, "list bookings", LIST_OPTS,
    OPTS_INIT)
{
	struct time_filter f = TIME_FILTER_INIT;
	struct out o = OUT_INIT;
	int ret;

	if (filter(k->opts, &f) == -1)
		return -1;
	out_begin(&o, k->fmt, list_cols, ARRAY_SIZE(list_cols));
	ret = time_scan(&k->p, &f, list_row, &o);
	/* On failure the rows so far are still printed: JSON stays whole. */
	out_end(&o);
	return ret;
}

/* ---- report ---- */

KAM_VERB(time_report_cmd, "report", NEED_PROJECT,
    "hours booked by person, task, week or month", REPORT_OPTS, OPTS_INIT)
{
	static const char *const first[] = { "person", "task", "week",
		"month" };
	const struct opts *opt = k->opts;
	struct time_filter f = TIME_FILTER_INIT;
	struct time_report r = TIME_REPORT_INIT;
	struct out o = OUT_INIT;
	struct out_col cols[5];
	const char *cells[5];
	char h[32], pl[32], n[24];
	enum time_by by = TIME_BY_PERSON;
	int human = out_for_people(k->fmt);
	int ret = -1;
	size_t i, nc = 0;

	if (filter(opt, &f) == -1 ||
	    (opt->by != NULL && time_by_parse(opt->by, &by) == -1))
		return -1;
	if (time_report(&r, &k->p, &f, by) == -1)
		goto out;
	cols[nc++] = (struct out_col){ first[by], OT_TEXT };
	if (by == TIME_BY_PERSON || by == TIME_BY_TASK)
		cols[nc++] = (struct out_col){ by == TIME_BY_TASK ? "title" :
		    "name", OT_TEXT };
	cols[nc++] = (struct out_col){ "hours", OT_NUM };
	if (by == TIME_BY_TASK)
		cols[nc++] = (struct out_col){ "planned", OT_NUM };
	cols[nc++] = (struct out_col){ "bookings", OT_NUM };
	out_begin(&o, k->fmt, cols, nc);
	for (i = 0; i <= r.n; i++) {
		const struct time_line *l = i < r.n ? &r.v[i] : NULL;
		size_t j = 0;

		if (l == NULL && !human)
			break;
		cells[j++] = l != NULL ? l->label : "total";
		if (by == TIME_BY_PERSON || by == TIME_BY_TASK)
			cells[j++] = l != NULL ? l->name : "";
		cells[j++] = hours_fmt(l != NULL ? l->quarters : r.total, h);
		if (by == TIME_BY_TASK)
			cells[j++] = l != NULL && l->has_planned ?
			    hours_fmt(l->planned, pl) : NULL;
		snprintf(n, sizeof(n), "%lu", l != NULL ? l->count : r.count);
		cells[j++] = n;
		out_row(&o, cells);
	}
	out_end(&o);
	ret = 0;
out:
	time_report_release(&r);
	return ret;
}

const struct verb *const time_verbs[] = {
	&time_list_verb, &time_log_cmd_verb, &time_report_cmd_verb, NULL
};
