/*
 * plan.h: the schedule of a project — working calendar and critical path
 * method (SPEC §4).  Owned by the schedule module (cmd/task.c, cmd/plan.c,
 * cmd/gantt.c, cmd/team.c); also used by `kam budget evm`, `kam status`,
 * `kam check` and `kam report`.  Everything here is computed on read and
 * never stored.
 *
 *   struct plan pl = PLAN_INIT;
 *   if (plan_compute(&pl, &k->p, &tasks) == -1)   65: cycle, bad dates
 *           goto out;
 *   for (i = 0; i < pl.ntasks; i++) {
 *           const struct plan_task *t = &pl.tasks[i];
 *           ... t->es_date, t->ef_date, t->slack, t->critical ...
 *   }
 *   plan_release(&pl);
 *
 * Day indexes.  Working days are numbered from the first working day on or
 * after project.start (index 0; kam.conf without a start uses today);
 * earlier working days have negative indexes.  A date on a non-working day
 * maps to the next working day (plan_date_index).  Indexes named "end"
 * (ee, le) are exclusive: a task of duration d occupies [es, es + d).
 *
 * The rules, exactly as SPEC §4 (clauses the spec leaves open are marked
 * "kam:"):
 *   - ES = largest EE among the predecessors (0 when none); EE = ES + d.
 *   - `start` set fixes ES at that date's index; `finish` set fixes EE at
 *     the index of the calendar day after it (so a finish on a Friday lets
 *     successors start on Monday).  kam: a task with `finish` but no
 *     `start` gets ES = EE - d.  kam: a milestone with `finish` or `start`
 *     set is reached on that date: EE = ES = index(date + 1).
 *   - Not started (no `start`, no `finish`): ES = max(ES, today's index).
 *   - Started, not finished, progress p: EE = max(today, ES) +
 *     ceil(d * (100 - p) / 100).
 *   - Backward pass: LE = smallest LS among successors, else the project
 *     end (largest EE); lowered to index(deadline + 1 day) when that is
 *     earlier.  LS = LE - d.  kam: slack = LE - EE, the late finish
 *     minus the early finish (LS - ES for a task not started; for a
 *     started one it counts its remaining work, not its duration);
 *     negative when a deadline cannot be met; critical = slack <= 0.
 *   - Shown dates: es = day ES, ef = day EE - 1; a milestone is shown on
 *     day ES - 1 for both (day 0 when ES = 0); ls/lf likewise from LS/LE.
 *     kam: a milestone not reached whose ES is today's index because of
 *     the rule above (its predecessors end earlier) is shown today, not
 *     yesterday; its successors may still start today.
 *   - Project finish = day (largest EE) - 1; start = day min(0, min ES).
 *   - A dependency cycle, a dependency on a missing task, or `finish`
 *     before `start` is invalid data (65); a cycle is named:
 *     "tasks.csv:4: dependency cycle: T-3 -> T-5 -> T-3" (-> reads
 *     "depends on").
 *
 * Both passes are iterative (Kahn's topological order), linear in tasks +
 * dependencies, with no recursion: a chain of 100,000 tasks is fine.
 *
 * For the health rules (SPEC §7) a caller reads, per task t:
 *   negative slack             !t->finished && t->slack < 0
 *   unfinished past late finish !t->finished && t->lf_date < pl->today
 *   started late vs baseline   t->has_start && t->has_baseline &&
 *                              plan_date_index(pl, t->start) > t->bs
 * (finished tasks keep the slack the formulas give them; it means
 * nothing for them, so skip them).  For earned value: plan_share_passed().
 */
#ifndef KAM_PLAN_H
#define KAM_PLAN_H

#include <stddef.h>
#include <stdint.h>

#include "project.h"
#include "table.h"

/*
 * The working calendar: weekday mask, holidays and make-up working days
 * of kam.conf, with a
 * cache of the dates of working-day indexes that grows on demand.
 * Functions that take a non-const calendar or plan may grow that cache;
 * they never fail: the cache stops at 1900-01-01 and 2999-12-31, and an
 * index beyond those gives the last date cached (plan_compute refuses a
 * schedule that runs past 2999-12-31).
 */
struct plan_cal {
	unsigned	 workdays;	/* bit 0 Monday .. bit 6 Sunday */
	const int32_t	*holidays;	/* sorted; borrowed from the project */
	size_t		 nholidays;
	const int32_t	*workdates;	/* make-up working days, likewise */
	size_t		 nworkdates;
	int32_t		 origin;	/* date of index 0 */
	int32_t		*fwd;		/* fwd[i]: date of index i >= 0 */
	size_t		 nfwd, afwd;
	int32_t		*back;		/* back[k]: date of index -(k + 1) */
	size_t		 nback, aback;
};
#define PLAN_CAL_INIT { 0, NULL, 0, NULL, 0, 0, NULL, 0, 0, NULL, 0, 0 }

/* Set up the calendar of project p (borrows p->holidays and
 * p->workdates: p must outlive cal).  Index 0 is the first working day on or after p->start (today when
 * unset).  Returns 0, or -1 (65) when kam.conf has no working day. */
int	plan_cal_init(struct plan_cal *cal, const struct project *p);
void	plan_cal_release(struct plan_cal *cal);
/* Date of working day `index`. */
int32_t	plan_cal_date(struct plan_cal *cal, long index);
/* Index of `date`, or of the next working day when date is not one. */
long	plan_cal_index(struct plan_cal *cal, int32_t date);
/* Index of `date`, or of the previous working day when date is not one
 * ("the last working day on or before": end of a period, PV's today). */
long	plan_cal_index_before(struct plan_cal *cal, int32_t date);

struct plan_task {
	const struct row *row;		/* in the table given to plan_compute */
	long		 id;		/* N of T-N */
	long		 duration;	/* working days; 0 = milestone */
	int		 progress;	/* 0-100 as given; 100 when finished */
	/* Working-day indexes; ee and le exclusive. */
	long		 es, ee, ls, le;
	long		 slack;		/* le - ee */
	/* Shown dates (SPEC §4: milestones on ES - 1). */
	int32_t		 es_date, ef_date, ls_date, lf_date;
	int32_t		 start, finish;	/* actual dates: has_start, finished */
	int32_t		 deadline;	/* valid when has_deadline */
	int32_t		 bs_date, bf_date;	/* baseline; valid when has_baseline */
	long		 bs, bf;	/* baseline indexes, inclusive */
	long		 variance;	/* index(ef) - bf: working days late; has_baseline */
	unsigned	 milestone : 1;
	unsigned	 ms_today : 1;	/* not reached, waits for today: shown
					   on day ES, not ES - 1 */
	unsigned	 started : 1;	/* `start` or `finish` set */
	unsigned	 has_start : 1;	/* `start` set */
	unsigned	 finished : 1;	/* `finish` set */
	unsigned	 critical : 1;	/* slack <= 0 */
	unsigned	 has_deadline : 1;
	unsigned	 has_baseline : 1;	/* both baseline dates set */
	/* Predecessors: tasks[dep[k]] for k in [dep_off, dep_off + ndep). */
	size_t		 dep_off, ndep;
};

struct plan {
	struct plan_cal	 cal;
	struct plan_task *tasks;	/* table row order (the file's order) */
	size_t		 ntasks;
	size_t		*dep;		/* predecessor indexes into tasks */
	size_t		*order;		/* tasks in topological order */
	size_t		*critical;	/* critical tasks, by (es, ee, id) */
	size_t		 ncritical;
	int32_t		 today;		/* date used ("today") */
	long		 today_idx;	/* plan_cal_index(today) */
	long		 start_idx, end_idx;	/* min(0, min ES); largest EE */
	int32_t		 start, finish;	/* project start, finish (shown) */
	unsigned	 has_baseline : 1;	/* some task has a baseline */
};
#define PLAN_INIT { .cal = PLAN_CAL_INIT }

/*
 * Schedule `tasks` (schema_tasks, loaded by store_load) with p's calendar
 * and p->today.  pl must be PLAN_INIT or released.  The plan borrows the
 * rows of `tasks`: keep the table until plan_release().  Returns 0, or -1
 * after reporting every problem found (65: dependency cycle, unknown
 * dependency, finish before start); pl must still be released.
 */
int	plan_compute(struct plan *pl, const struct project *p,
	    const struct table *tasks);
/*
 * The same with flags.  PLAN_NO_ACTUALS: schedule as planned from the
 * project start, ignoring start, finish, progress and today (the plan a
 * baseline taken on day 0 would hold; `kam task late` measures against
 * it when a task has no baseline).  The started/finished/progress fields
 * still describe the file.
 */
#define PLAN_NO_ACTUALS	0x1
int	plan_compute_flags(struct plan *pl, const struct project *p,
	    const struct table *tasks, unsigned flags);
void	plan_release(struct plan *pl);

/* Shortcuts to pl->cal. */
int32_t	plan_day_date(struct plan *pl, long index);
long	plan_date_index(struct plan *pl, int32_t date);

/* Index into pl->tasks of task T-num, or -1. */
long	plan_find(const struct plan *pl, long num);

/*
 * Share of a task's planned working days that have passed by the end of
 * today (today counted as passed), as *num / *den (SPEC §4, PV).  With
 * use_baseline the baseline dates are used (a task without a baseline
 * counts 0/1); otherwise the current plan (es..ef).  A milestone is 1/1
 * once its date is on or before today, else 0/1.  *den is never 0.
 */
void	plan_share_passed(struct plan *pl, const struct plan_task *t,
	    int use_baseline, int64_t *num, int64_t *den);

/* The project's baseline finish: the latest baseline finish of any task
 * into *bf, and into *var the working days the planned finish lies after
 * it (negative: early).  Returns 0 when no task has a baseline. */
int	plan_baseline_finish(struct plan *pl, int32_t *bf, long *var);

/*
 * Whether task i of `cur` (the plan with actuals) is late as of today,
 * the rule of kam task late: unfinished and past its planned finish, or
 * not started past its planned start, the plan being the task's baseline
 * when it has one, else `ref` (the same tasks computed with
 * PLAN_NO_ACTUALS); or its deadline has passed.  Writes the reason
 * ("should have finished by 2026-11-20; deadline 2026-11-25 passed") and
 * the working days late (0 when only the deadline passed), and the planned
 * start and finish used.  Returns 1 when late.
 */
int	plan_task_late(struct plan *cur, const struct plan *ref, size_t i,
	    int32_t today, char *reason, size_t len, long *days,
	    int32_t *pstart, int32_t *pfinish);
/* The same, the reason in language lang (lang.h: a client's report). */
int	plan_task_late_lang(struct plan *cur, const struct plan *ref,
	    size_t i, int32_t today, int lang, char *reason, size_t len,
	    long *days, int32_t *pstart, int32_t *pfinish);

/*
 * Would making task `from` depend on each of `to[0..n)` close a cycle?
 * Returns 0 when not; otherwise reports "dependency cycle: T-a -> T-b ->
 * ... -> T-a" (65) and returns -1.  Works on the table (no plan needed);
 * used by `kam task add|set --after`.
 */
int	plan_check_new_deps(const struct table *tasks, long from,
	    const long *to, size_t n);

/*
 * kam team load: each person's allocation from the schedule.  A task
 * occupies its assignee full-time on every working day from its early
 * start to its early finish; per week (Monday to Sunday) or day, a
 * person's load is the task-days assigned in it over the capacity in it
 * (working days x capacity %), over-allocated above 100%.  People are
 * the team members and anyone else with a task, by id.
 */
struct load_row {
	char		 person[32];	/* P-n */
	const char	*name;		/* borrowed from team_load.people */
	int32_t		 start, end;	/* the period, inclusive */
	long		 workdays;
	long		 cap100;	/* capacity, hundredths of a day */
	long		 assigned;	/* task-days */
	long		 pct;		/* load in %, rounded (cap100 > 0) */
	int		 over;		/* above 100% */
	char		*tasks;		/* ids in task order, " ..." after 64 */
};

struct team_load {
	struct load_row	*v;		/* by person, then period; only
					 * periods with work */
	size_t		 n, alloc;
	int		 by_day;
	long		 nover;		/* over-allocated periods */
	struct kam_buf	 overs;		/* their people, ", " between */
	struct table	 people;
	/* Set before the call (kam team audit): a started, unfinished task
	 * is planned for its duration, not stretched to today: the share
	 * done (duration - remaining days) from its actual start, the
	 * remaining days as the schedule plans them from today. */
	int		 effort;
};
#define TEAM_LOAD_INIT { NULL, 0, 0, 0, 0, KAM_BUF_INIT, TABLE_INIT, 0 }

/*
 * Compute the load of project p over [from, to] (0: the schedule's start
 * or finish; whole weeks unless by_day), only over-allocated periods when
 * over_only, one person when `person` (an id as typed) is not NULL.
 * 0, or -1 after reporting (64 for a bad window, 65 for an unknown
 * person or a bad schedule).
 */
int	team_load_compute(struct team_load *tl, struct project *p,
	    int32_t from, int32_t to, int by_day, int over_only,
	    const char *person);
void	team_load_release(struct team_load *tl);

#endif
