/*
 * time.c: kam time — the hours people actually worked (issue 16):
 * timesheets/YYYY-MM.csv, one booking a row.  The table is declared in
 * lib/schema.h; bookings, the 24-hour day and the sums are lib/timesheet.c.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "../lib/timesheet.h"
#include "../lib/value.h"

static const char log_usage[] =
    "kam time log P-n T-n hours [--date date] [note]";
static const char list_usage[] =
    "kam time list [--person P-n] [--task T-n] [--from date] [--to date]";
static const char report_usage[] =
    "kam time report [--by person|task|week|month] [--person P-n] "
    "[--task T-n] [--from date] [--to date]";

static const struct option filter_opts[] = {
	{ "person", required_argument, NULL, 'p' },
	{ "task", required_argument, NULL, 't' },
	{ "from", required_argument, NULL, 'f' },
	{ "to", required_argument, NULL, 'T' },
	{ "by", required_argument, NULL, 'b' },
	{ NULL, 0, NULL, 0 }
};

/* --person, --task, --from, --to of list and report. */
static int
filter_opt(int ch, struct time_filter *f)
{
	const char *opt = ch == 'p' ? "--person" : ch == 't' ? "--task" :
	    ch == 'f' ? "--from" : "--to";

	return time_filter_opt(f, opt, optarg);
}

static int
time_log_cmd(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_ctx c = { &k->p, k->fmt, k->no_commit, k->msg,
	    k->no_verify };
	int32_t d = k->p.today;
	int ch, err = 0;

	while ((ch = kam_getopt(argc, argv, "d:", opts, log_usage, &err)) != -1)
		if (kam_opt_past_date("--date", optarg, k->p.today,
		    "hours when they have been worked", &d) == -1)
			return -1;
	if (err)
		return -1;
	if (argc - optind != 3 && argc - optind != 4)
		return kam_usage(log_usage);
	return time_log(&c, argv[optind], argv[optind + 1], argv[optind + 2],
	    d, argc - optind == 4 ? argv[optind + 3] : NULL);
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

static int
time_list(int argc, char **argv, struct kam *k)
{
	struct time_filter f = TIME_FILTER_INIT;
	struct out o = OUT_INIT;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", filter_opts, list_usage,
	    &err)) != -1) {
		if (ch == 'b')
			return kam_usage(list_usage);
		if (filter_opt(ch, &f) == -1)
			return -1;
	}
	if (err)
		return -1;
	if (argc != optind)
		return kam_usage(list_usage);
	out_begin(&o, k->fmt, list_cols, ARRAY_SIZE(list_cols));
	if (time_scan(&k->p, &f, list_row, &o) == -1)
		goto out;
	ret = 0;
out:
	/* On failure the rows so far are still printed: JSON stays whole. */
	out_end(&o);
	return ret;
}

/* ---- report ---- */

static int
time_report_cmd(int argc, char **argv, struct kam *k)
{
	static const char *const first[] = { "person", "task", "week",
		"month" };
	struct time_filter f = TIME_FILTER_INIT;
	struct time_report r = TIME_REPORT_INIT;
	struct out o = OUT_INIT;
	struct out_col cols[5];
	const char *cells[5];
	char h[32], pl[32], n[24];
	enum time_by by = TIME_BY_PERSON;
	int human = k->fmt == FMT_TABLE || k->fmt == FMT_MD;
	int ch, err = 0, ret = -1;
	size_t i, nc = 0;

	while ((ch = kam_getopt(argc, argv, "", filter_opts, report_usage,
	    &err)) != -1) {
		if (ch == 'b') {
			if (time_by_parse(optarg, &by) == -1)
				return kam_err(KAM_EX_USAGE, "--by: expected "
				    "person, task, week or month, not '%s'",
				    optarg);
		} else if (filter_opt(ch, &f) == -1)
			return -1;
	}
	if (err)
		return -1;
	if (argc != optind)
		return kam_usage(report_usage);
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

const struct verb time_verbs[] = {
	{ "list", time_list, NEED_PROJECT, list_usage,
	    "--person= --task= --from= --to=", "list bookings" },
	{ "log", time_log_cmd, NEED_PROJECT | WRITES, log_usage, "--date=",
	    "book hours of a person on a task" },
	{ "report", time_report_cmd, NEED_PROJECT, report_usage,
	    "--by= --person= --task= --from= --to=",
	    "hours booked by person, task, week or month" },
};
const size_t time_nverbs = ARRAY_SIZE(time_verbs);
