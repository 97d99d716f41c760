/*
 * team.c: kam team load — each person's allocation from the schedule
 * (SPEC §3 "People, stakeholders, team"), computed by lib/plan
 * (team_load_compute).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/plan.h"
#include "../lib/budget.h"
#include "../lib/timesheet.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	int32_t		 from, to;
	const char	*by;
	int		 over, tasks;
	struct popt_id	 person;
};

#define AUDIT_OPTS(O)							\
	O(CMD, "kam team audit")					\
	POPT_PERIOD(O)							\
	O(ENUM, OPT, "", "by", by, "week|month", "one line per")	\
	O(FLAG, OPT, "", "tasks", tasks, "planned against booked by task")
#define LOAD_OPTS(O)							\
	O(CMD, "kam team load")						\
	POPT_PERIOD(O)							\
	O(ENUM, OPT, "", "by", by, "week|day", "one line per")		\
	O(FLAG, OPT, "", "over", over, "over-allocated periods only")	\
	O(ID, OPT, "", "person", person, "P", "of this person")

KAM_VERB(team_load, "load", NEED_PROJECT,
    "allocation per week or day against capacity", LOAD_OPTS, { 0 })
{
	static const struct out_col cols[] = {
		{ "person", OT_TEXT }, { "name", OT_TEXT }, { "period", OT_TEXT },
		{ "period_end", OT_TEXT }, { "workdays", OT_NUM },
		{ "capacity", OT_NUM }, { "assigned", OT_NUM },
		{ "load", OT_NUM }, { "over", OT_BOOL }, { "tasks", OT_LIST },
	};
	struct team_load tl = TEAM_LOAD_INIT;
	struct out o = OUT_INIT;
	const struct opts *opt = k->opts;
	const char *cells[10];
	char d0[11], d1[11], n[5][32];
	int by_day, human, ret = -1;
	size_t i;

	by_day = opt->by != NULL && strcmp(opt->by, "day") == 0;
	if (team_load_compute(&tl, &k->p, opt->from, opt->to, by_day, opt->over,
	    opt->person.id[0] != '\0' ? opt->person.id : NULL) == -1)
		goto out;
	human = out_for_people(k->fmt);
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < tl.n; i++) {
		const struct load_row *r = &tl.v[i];

		snprintf(n[0], sizeof(n[0]), "%ld", r->workdays);
		snprintf(n[1], sizeof(n[1]), "%ld.%02ld", r->cap100 / 100,
		    r->cap100 % 100);
		snprintf(n[2], sizeof(n[2]), "%ld", r->assigned);
		snprintf(n[3], sizeof(n[3]), human ? "%ld%%" : "%ld", r->pct);
		cells[0] = r->person;
		cells[1] = r->name;
		cells[2] = date_fmt(r->start, d0);
		cells[3] = date_fmt(r->end, d1);
		cells[4] = n[0];
		cells[5] = n[1];
		cells[6] = n[2];
		cells[7] = r->cap100 > 0 ? n[3] : NULL;
		cells[8] = human ? (r->over ? "OVER" : "") : r->over ? "true" :
		    "false";
		cells[9] = r->tasks;
		out_row(&o, cells);
	}
	out_end(&o);
	if (k->fmt == FMT_TABLE && tl.nover > 0)
		printf("\n%ld over-allocated %s (above 100%% of capacity): "
		    "%s\n", tl.nover, by_day ? (tl.nover == 1 ? "day" : "days") :
		    (tl.nover == 1 ? "week" : "weeks"), tl.overs.ptr);
	ret = 0;
out:
	team_load_release(&tl);
	return ret;
}

/* ---- audit (issue 16) ---- */

KAM_VERB(team_audit_cmd, "audit", NEED_PROJECT,
    "planned against booked hours, utilisation, effort overruns", AUDIT_OPTS,
    { 0 })
{
	static const struct out_col person_cols[] = {
		{ "person", OT_TEXT }, { "name", OT_TEXT }, { "period", OT_TEXT },
		{ "planned", OT_NUM }, { "booked", OT_NUM },
		{ "capacity", OT_NUM }, { "utilisation_pct", OT_NUM },
		{ "over", OT_BOOL },
	};
	static const struct out_col task_cols[] = {
		{ "task", OT_TEXT }, { "title", OT_TEXT }, { "planned", OT_NUM },
		{ "booked", OT_NUM }, { "used_pct", OT_NUM }, { "over", OT_BOOL },
	};
	struct team_audit ta = TEAM_AUDIT_INIT;
	const struct opts *opt = k->opts;
	struct out o = OUT_INIT;
	const char *cells[8];
	char id[32], pl[32], bk[32], cp[32], pct[48];
	int human = out_for_people(k->fmt);
	int by_month, ret = -1;
	size_t i;

	if (opt->from != 0 && opt->to != 0 && opt->from > opt->to)
		return kam_err(KAM_EX_USAGE, "--from is after --to");
	by_month = opt->by != NULL && strcmp(opt->by, "month") == 0;
	if (team_audit(&ta, &k->p, opt->from, opt->to, by_month) == -1)
		goto out;
	if (opt->tasks) {
		out_begin(&o, k->fmt, task_cols, ARRAY_SIZE(task_cols));
		for (i = 0; i < ta.ntasks; i++) {
			const struct audit_task *t = &ta.tasks[i];

			snprintf(id, sizeof(id), "T-%ld", t->task);
			cells[0] = id;
			cells[1] = t->title;
			cells[2] = t->has_planned ? hours_fmt(t->planned, pl) :
			    NULL;
			cells[3] = hours_fmt(t->booked, bk);
			cells[4] = t->has_planned && t->planned > 0 ?
			    budget_pct_fmt(t->booked, t->planned, pct) : NULL;
			cells[5] = t->over ? "true" : "false";
			out_row(&o, cells);
		}
		out_end(&o);
		ret = 0;
		goto out;
	}
	{
		struct out_col cols[ARRAY_SIZE(person_cols)];

		memcpy(cols, person_cols, sizeof(cols));
		cols[2].name = by_month ? "month" : "week";
		out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
		for (i = 0; i < ta.nrows; i++) {
			const struct audit_row *r = &ta.rows[i];

			snprintf(id, sizeof(id), "P-%ld", r->person);
			cells[0] = id;
			cells[1] = r->name;
			cells[2] = r->period;
			cells[3] = hours_fmt(r->planned, pl);
			cells[4] = hours_fmt(r->booked, bk);
			cells[5] = hours_fmt(r->capacity, cp);
			cells[6] = r->cap100 > 0 ? budget_pct_fmt(r->booked *
			    100, r->cap100, pct) : NULL;
			cells[7] = r->over ? "true" : "false";
			out_row(&o, cells);
		}
		out_end(&o);
	}
	if (human && ta.nover_tasks > 0) {
		printf("\n%zu task%s booked over the planned effort by more "
		    "than %ld%%:", ta.nover_tasks, ta.nover_tasks == 1 ? "" :
		    "s", k->p.effort_overrun);
		for (i = 0; i < ta.ntasks; i++)
			if (ta.tasks[i].over)
				printf(" T-%ld", ta.tasks[i].task);
		printf(" (kam team audit --tasks)\n");
	}
	ret = 0;
out:
	team_audit_release(&ta);
	return ret;
}

const struct verb *const team_verbs[] = {
	&team_audit_cmd_verb, &team_load_verb, NULL
};
