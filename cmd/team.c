/*
 * team.c: kam team load — each person's allocation from the schedule
 * (SPEC §3 "People, stakeholders, team").
 *
 * A task occupies its assignee full-time on every working day from its
 * early start to its early finish (lib/plan.c: actual dates when it has
 * them).  Per week (or day) a person's load is the task-days assigned in
 * it over the person's capacity in it (working days x capacity %); above
 * 100% the period is over-allocated and the tasks causing it are named.
 * Arithmetic is in whole numbers (hundredths of a day).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/plan.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char load_usage[] =
    "kam team load [--from date] [--to date] [--by week|day] [--over] "
    "[--person P-n]";

/* Task index lists per (person, period), chained through `next`. */
struct hit {
	size_t	task;
	long	days;		/* working days of the task in the period */
	long	next;		/* index into hits, -1 = end */
};

struct load {
	long	assigned;	/* task-days */
	long	first;		/* head of the hit list, -1 = none */
};

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static int
team_load(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "by", required_argument, NULL, 'b' },
		{ "over", no_argument, NULL, 'o' },
		{ "person", required_argument, NULL, 'p' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "person", OT_TEXT }, { "name", OT_TEXT }, { "period", OT_TEXT },
		{ "period_end", OT_TEXT }, { "workdays", OT_NUM },
		{ "capacity", OT_NUM }, { "assigned", OT_NUM },
		{ "load", OT_NUM }, { "over", OT_BOOL }, { "tasks", OT_LIST },
	};
	struct table tasks = TABLE_INIT, people = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	struct out o = OUT_INIT;
	struct load *ld = NULL;
	struct hit *hits = NULL;
	size_t nhits = 0, ahits = 0, i, j;
	char *mark = NULL;
	long *pnums = NULL, *wdays = NULL, np = 0, nper, per, p, idx, only = 0;
	const char *why, *cells[10];
	char canon[32], d0[11], d1[11], n[5][32];
	struct kam_buf ids = KAM_BUF_INIT, overs = KAM_BUF_INIT;
	int32_t from = 0, to = 0, wfrom, wto, date;
	int acol = schema_col(&schema_tasks, "assignee");
	int ccol = schema_col(&schema_people, "capacity");
	int scol = schema_col(&schema_people, "side");
	int ch, err = 0, by_day = 0, over_only = 0, human, ret = -1;
	long nover = 0;

	while ((ch = kam_getopt(argc, argv, "", opts, load_usage, &err)) != -1)
		switch (ch) {
		case 'f':
		case 't':
			if (date_parse(optarg, ch == 'f' ? &from : &to,
			    &why) == -1)
				return kam_err(KAM_EX_USAGE, "--%s: invalid date "
				    "'%s': %s", ch == 'f' ? "from" : "to",
				    optarg, why);
			break;
		case 'b':
			if (strcmp(optarg, "day") == 0)
				by_day = 1;
			else if (strcmp(optarg, "week") != 0)
				return kam_err(KAM_EX_USAGE, "--by: expected week "
				    "or day, not '%s'", optarg);
			break;
		case 'o':
			over_only = 1;
			break;
		case 'p':
			if (id_parse_arg(optarg, "P", canon, &only, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--person: invalid "
				    "person id '%s' (expected e.g. P-3)", optarg);
			break;
		}
	if (err)
		return -1;
	if (argc != optind)
		return kam_usage(load_usage);
	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == -1 ||
	    store_load(&k->p, NULL, &schema_people, &people) == -1 ||
	    plan_compute(&pl, &k->p, &tasks) == -1)
		goto out;
	table_sort(&people);
	if (only != 0 && table_find(&people, canon) == NULL) {
		kam_err(KAM_EX_DATA, "person %s does not exist in %s", canon,
		    people.path);
		goto out;
	}

	/* The window, whole weeks when --by week. */
	wfrom = from != 0 ? from : pl.start;
	wto = to != 0 ? to : pl.finish;
	if (wto < wfrom) {
		kam_err(KAM_EX_USAGE, "--to %s is before --from %s",
		    date_fmt(wto, d1), date_fmt(wfrom, d0));
		goto out;
	}
	if (!by_day) {
		wfrom -= date_weekday(wfrom);
		wto += 6 - date_weekday(wto);
	}
	nper = by_day ? (long)wto - wfrom + 1 : ((long)wto - wfrom + 1) / 7;
	if (nper > 100000) {
		kam_err(KAM_EX_USAGE, "the window has %ld periods; narrow it "
		    "with --from and --to", nper);
		goto out;
	}

	/* People: team members, and anyone else with a task. */
	pnums = xcalloc(people.nrows + 1, sizeof(long));
	mark = xcalloc(people.nrows + 1, 1);
	for (i = 0; i < people.nrows; i++)
		mark[i] = strcmp(table_get(&people, &people.rows[i], scol),
		    "team") == 0;
	for (j = 0; j < tasks.nrows; j++) {
		const struct row *r = table_find(&people,
		    table_get(&tasks, &tasks.rows[j], acol));

		if (r != NULL)
			mark[r - people.rows] = 1;
	}
	for (i = 0; i < people.nrows; i++)
		if (mark[i] && (only == 0 || people.rows[i].num == only))
			pnums[np++] = people.rows[i].num;
	qsort(pnums, (size_t)np, sizeof(long), cmp_long);
	ld = xcalloc((size_t)(np * nper + 1), sizeof(*ld));
	for (i = 0; i < (size_t)(np * nper); i++)
		ld[i].first = -1;

	/* Working days per period. */
	wdays = xcalloc((size_t)nper + 1, sizeof(long));
	for (idx = plan_date_index(&pl, wfrom);
	    (date = plan_day_date(&pl, idx)) <= wto && date >= wfrom; idx++)
		wdays[by_day ? date - wfrom : (date - wfrom) / 7]++;

	/* Each task's working days into its assignee's periods. */
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *pt = &pl.tasks[i];
		const char *who = table_get(&tasks, pt->row, acol);
		long pnum, *hitp, last = -1;

		if (pt->milestone || *who == '\0' ||
		    id_parse(who, "P", &pnum, NULL) == -1)
			continue;
		hitp = bsearch(&pnum, pnums, (size_t)np, sizeof(long),
		    cmp_long);
		if (hitp == NULL)
			continue;
		p = hitp - pnums;
		for (idx = pt->es; idx < pt->ee; idx++) {
			date = plan_day_date(&pl, idx);
			if (date < wfrom || date > wto)
				continue;
			per = by_day ? date - wfrom : (date - wfrom) / 7;
			ld[p * nper + per].assigned++;
			if (last == per) {
				hits[ld[p * nper + per].first].days++;
				continue;
			}
			if (nhits == ahits) {
				ahits = ahits ? ahits * 2 : 256;
				hits = xrealloc(hits, ahits * sizeof(*hits));
			}
			hits[nhits].task = i;
			hits[nhits].days = 1;
			hits[nhits].next = ld[p * nper + per].first;
			ld[p * nper + per].first = (long)nhits++;
			last = per;
		}
	}

	human = k->fmt == FMT_TABLE || k->fmt == FMT_MD;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (p = 0; p < np; p++) {
		const struct row *pr;
		long cap = 100, cap100, pct, h;

		snprintf(canon, sizeof(canon), "P-%ld", pnums[p]);
		pr = table_find(&people, canon);
		if (int_parse(table_get(&people, pr, ccol), 0, 1000, &cap,
		    NULL) == -1)
			cap = 100;
		for (per = 0; per < nper; per++) {
			struct load *l = &ld[p * nper + per];
			int over;

			if (l->assigned == 0)
				continue;
			cap100 = wdays[per] * cap;	/* hundredths of a day */
			over = l->assigned * 100 > cap100;
			if (over_only && !over)
				continue;
			nover += over;
			if (over && (overs.len == 0 || strstr(overs.ptr,
			    canon) == NULL))
				kam_buf_printf(&overs, "%s%s", overs.len ? ", " :
				    "", canon);
			pct = cap100 > 0 ? (l->assigned * 10000 + cap100 / 2) /
			    cap100 : 0;
			/* The hits were prepended: print them in task order. */
			kam_buf_reset(&ids);
			{
				long tmp[64], nt = 0, q;

				for (h = l->first; h != -1 && nt < 64;
				    h = hits[h].next)
					tmp[nt++] = (long)hits[h].task;
				for (q = nt; q-- > 0;)
					kam_buf_printf(&ids, "%s%s", ids.len ?
					    " " : "", table_get(&tasks,
					    pl.tasks[tmp[q]].row, 0));
				if (h != -1)
					kam_buf_puts(&ids, " ...");
			}
			date = wfrom + (int32_t)(by_day ? per : per * 7);
			snprintf(n[0], sizeof(n[0]), "%ld", wdays[per]);
			snprintf(n[1], sizeof(n[1]), "%ld.%02ld", cap100 / 100,
			    cap100 % 100);
			snprintf(n[2], sizeof(n[2]), "%ld", l->assigned);
			snprintf(n[3], sizeof(n[3]), human ? "%ld%%" : "%ld",
			    pct);
			cells[0] = canon;
			cells[1] = table_get(&people, pr, 1);
			cells[2] = date_fmt(date, d0);
			cells[3] = date_fmt(by_day ? date : date + 6, d1);
			cells[4] = n[0];
			cells[5] = n[1];
			cells[6] = n[2];
			cells[7] = cap100 > 0 ? n[3] : NULL;
			cells[8] = human ? (over ? "OVER" : "") : over ? "true" :
			    "false";
			cells[9] = ids.ptr != NULL ? ids.ptr : "";
			out_row(&o, cells);
		}
	}
	out_end(&o);
	if (k->fmt == FMT_TABLE && nover > 0)
		printf("\n%ld over-allocated %s (above 100%% of capacity): "
		    "%s\n", nover, by_day ? (nover == 1 ? "day" : "days") :
		    (nover == 1 ? "week" : "weeks"), overs.ptr);
	ret = 0;
out:
	kam_buf_release(&ids);
	kam_buf_release(&overs);
	free(hits);
	free(ld);
	free(wdays);
	free(pnums);
	free(mark);
	plan_release(&pl);
	table_release(&tasks);
	table_release(&people);
	return ret;
}

const struct verb team_verbs[] = {
	{ "load", team_load, NEED_PROJECT, load_usage,
	    "--from= --to= --by= --over --person=",
	    "allocation per week or day against capacity" },
};
const size_t team_nverbs = ARRAY_SIZE(team_verbs);
