/*
 * t_plan.c: the scheduler (lib/plan.c) against hand-worked examples, one
 * or more per clause of SPEC §4, and against a textbook network with a
 * published answer.
 *
 * Unless a test says otherwise the calendar is Monday-Friday, the project
 * starts on Monday 2026-01-05 (index 0) and "today" is 2026-01-01, before
 * the start, so the today rule does not move anything.  Index -> date:
 *   0 Mon 01-05   1 Tue 01-06   2 Wed 01-07   3 Thu 01-08   4 Fri 01-09
 *   5 Mon 01-12   6 Tue 01-13   7 Wed 01-14   8 Thu 01-15   9 Fri 01-16
 *  10 Mon 01-19
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kam.h"
#include "plan.h"
#include "project.h"
#include "schema.h"
#include "table.h"
#include "value.h"
#include "tap.h"

#define HDR "id,title,duration,depends,start,finish,progress,deadline," \
	"baseline_start,baseline_finish\n"

static struct project proj;
static int32_t holidays[8];
static struct table tab;
static struct plan pl;
static char errtext[4096];

static int32_t
D(const char *s)
{
	int32_t d = 0;

	if (date_parse(s, &d, NULL) == -1)
		diag("bad date in test: %s", s);
	return d;
}

static const char *
S(int32_t d)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	return date_fmt(d, buf[k]);
}

/* Reset the project: Mon-Fri, start 2026-01-05, today 2026-01-01. */
static void
reset(void)
{
	struct project p = PROJECT_INIT;

	proj = p;
	proj.start = D("2026-01-05");
	proj.today = D("2026-01-01");
	proj.holidays = holidays;
	proj.nholidays = 0;
}

/* Run fn with stderr captured into errtext. */
static int	 cap_fd = -1, cap_saved = -1;
static char	 cap_path[64];

static void
capture_begin(void)
{
	errtext[0] = '\0';
	kam_err_reset();
	fflush(stderr);
	snprintf(cap_path, sizeof(cap_path), "/tmp/t_plan-err-XXXXXX");
	cap_fd = mkstemp(cap_path);
	cap_saved = dup(2);
	dup2(cap_fd, 2);
}

static void
capture_end(void)
{
	ssize_t n;

	fflush(stderr);
	dup2(cap_saved, 2);
	close(cap_saved);
	lseek(cap_fd, 0, SEEK_SET);
	n = read(cap_fd, errtext, sizeof(errtext) - 1);
	errtext[n > 0 ? n : 0] = '\0';
	close(cap_fd);
	unlink(cap_path);
}

static int
check_deps(long from, const long *to, size_t n)
{
	int rc;

	capture_begin();
	rc = plan_check_new_deps(&tab, from, to, n);
	capture_end();
	return rc;
}

/* Schedule the rows (after HDR); returns plan_compute's result with the
 * error text, if any, in errtext. */
static int
sched(const char *rows)
{
	char *csv = xasprintf("%s%s", HDR, rows);
	int rc;

	plan_release(&pl);
	table_release(&tab);
	capture_begin();
	rc = table_parse(&tab, &schema_tasks, "tasks.csv", 2, csv, strlen(csv));
	if (rc == 0)
		rc = plan_compute(&pl, &proj, &tab);
	capture_end();
	free(csv);
	if (rc != 0 && errtext[0] == '\0')
		diag("failed without a message");
	return rc;
}

static const struct plan_task *
T(long num)
{
	long i = plan_find(&pl, num);

	return i < 0 ? NULL : &pl.tasks[i];
}

/* Check one task's es/ef/ls/lf dates and slack. */
static void
check(long num, const char *es, const char *ef, const char *ls,
    const char *lf, long slack)
{
	const struct plan_task *t = T(num);
	char what[64];

	if (t == NULL) {
		ok(0, "T-%ld scheduled", num);
		return;
	}
	snprintf(what, sizeof(what), "T-%ld es", num);
	is_str(S(t->es_date), es, what);
	snprintf(what, sizeof(what), "T-%ld ef", num);
	is_str(S(t->ef_date), ef, what);
	snprintf(what, sizeof(what), "T-%ld ls", num);
	is_str(S(t->ls_date), ls, what);
	snprintf(what, sizeof(what), "T-%ld lf", num);
	is_str(S(t->lf_date), lf, what);
	snprintf(what, sizeof(what), "T-%ld slack", num);
	is_int(t->slack, slack, what);
	snprintf(what, sizeof(what), "T-%ld critical", num);
	is_int(t->critical, slack <= 0, what);
}

static void
test_calendar(void)
{
	struct plan_cal cal = PLAN_CAL_INIT;

	note("calendar: workdays, holidays, non-working days map forward");
	reset();
	holidays[0] = D("2026-01-07");
	proj.nholidays = 1;
	proj.start = D("2026-01-03");		/* a Saturday */
	ok(plan_cal_init(&cal, &proj) == 0, "calendar set up");
	is_str(S(plan_cal_date(&cal, 0)), "2026-01-05",
	    "index 0 is the first working day on or after a Saturday start");
	is_str(S(plan_cal_date(&cal, 2)), "2026-01-08",
	    "the holiday is skipped");
	is_str(S(plan_cal_date(&cal, -1)), "2026-01-02",
	    "negative indexes are the working days before the start");
	is_int(plan_cal_index(&cal, D("2026-01-07")), 2,
	    "a holiday maps to the next working day");
	is_int(plan_cal_index(&cal, D("2026-01-10")), 4,
	    "a Saturday maps to Monday");
	is_int(plan_cal_index(&cal, D("2026-01-03")), 0,
	    "a day before the start but after the last working day maps to 0");
	is_int(plan_cal_index(&cal, D("2026-01-01")), -2,
	    "dates before the start get negative indexes");
	is_int(plan_cal_index_before(&cal, D("2026-01-10")), 3,
	    "index_before maps a Saturday to Friday");
	is_int(plan_cal_index(&cal, D("2027-01-04")), 259,
	    "52 weeks on: 260 weekdays less one holiday");
	is_str(S(plan_cal_date(&cal, 259)), "2027-01-04",
	    "and back to the date");
	plan_cal_release(&cal);

	proj.workdays = 0;
	capture_begin();
	ok(plan_cal_init(&cal, &proj) == -1, "a week without working days "
	    "is refused");
	capture_end();
	is_str(errtext, "kam: kam.conf: calendar.workdays: no working day in "
	    "the week\n", "message");
	plan_cal_release(&cal);
	reset();
	proj.workdays = (1u << 6) | 0xf;	/* Sunday-Thursday week */
	ok(plan_cal_init(&cal, &proj) == 0, "a Sunday-Thursday week");
	is_str(S(plan_cal_date(&cal, 4)), "2026-01-11",
	    "Friday and Saturday are off");
	plan_cal_release(&cal);
}

static void
test_basic(void)
{
	note("ES = largest EE of predecessors, several predecessors, holidays");
	reset();
	holidays[0] = D("2026-01-07");
	proj.nholidays = 1;
	ok(sched("T-1,a,3,,,,,,,\n"
	    "T-2,b,2,T-1,,,,,,\n"
	    "T-3,c,1,,,,,,,\n"
	    "T-4,d,2,T-2 T-3,,,,,,\n") == 0, "four tasks");
	/* idx: 0 Mon5 1 Tue6 2 Thu8 3 Fri9 4 Mon12 5 Tue13 6 Wed14 */
	check(1, "2026-01-05", "2026-01-08", "2026-01-05", "2026-01-08", 0);
	check(2, "2026-01-09", "2026-01-12", "2026-01-09", "2026-01-12", 0);
	check(3, "2026-01-05", "2026-01-05", "2026-01-12", "2026-01-12", 4);
	check(4, "2026-01-13", "2026-01-14", "2026-01-13", "2026-01-14", 0);
	is_str(S(pl.finish), "2026-01-14", "project finish = day before "
	    "largest EE");
	is_str(S(pl.start), "2026-01-05", "project start = day 0");
	is_int(pl.ncritical, 3, "three critical tasks");
	ok(pl.ncritical == 3 && pl.tasks[pl.critical[0]].id == 1 &&
	    pl.tasks[pl.critical[1]].id == 2 &&
	    pl.tasks[pl.critical[2]].id == 4, "critical path T-1 T-2 T-4 in order");
	is_int(T(4)->es, 5, "T-4 ES index");
	is_int(T(4)->ee, 7, "T-4 EE index (exclusive)");

	note("rows out of id order still schedule");
	reset();
	ok(sched("T-3,c,1,T-1 T-2,,,,,,\n"
	    "T-1,a,1,,,,,,,\n"
	    "T-2,b,4,,,,,,,\n") == 0, "unsorted table");
	if (errtext[0] != '\0')
		diag("%s", errtext);
	check(3, "2026-01-09", "2026-01-09", "2026-01-09", "2026-01-09", 0);
	check(1, "2026-01-05", "2026-01-05", "2026-01-08", "2026-01-08", 3);
}

static void
test_milestones(void)
{
	note("milestones at the start and after tasks");
	reset();
	ok(sched("T-1,kick-off,0,,,,,,,\n"
	    "T-2,build,3,T-1,,,,,,\n"
	    "T-3,built,0,T-2,,,,,,\n"
	    "T-4,ship,1,T-3,,,,,,\n"
	    "T-5,side,1,T-1,,,,,,\n") == 0, "milestones");
	check(1, "2026-01-05", "2026-01-05", "2026-01-05", "2026-01-05", 0);
	is_int(T(1)->es, 0, "a milestone with no predecessor has ES 0");
	is_int(T(1)->ee, 0, "and EE 0");
	check(2, "2026-01-05", "2026-01-07", "2026-01-05", "2026-01-07", 0);
	/* T-3: ES = 3, shown on day 2, the finish of T-2. */
	check(3, "2026-01-07", "2026-01-07", "2026-01-07", "2026-01-07", 0);
	is_int(T(3)->es, 3, "milestone ES = EE of its predecessor");
	/* Its successor starts on day ES = 3. */
	check(4, "2026-01-08", "2026-01-08", "2026-01-08", "2026-01-08", 0);
	check(5, "2026-01-05", "2026-01-05", "2026-01-08", "2026-01-08", 3);
	is_str(S(pl.finish), "2026-01-08", "finish");

	note("a project of one milestone finishes on day 0");
	ok(sched("T-1,m,0,,,,,,,\n") == 0, "lone milestone");
	is_str(S(pl.finish), "2026-01-05", "finish day 0");
	check(1, "2026-01-05", "2026-01-05", "2026-01-05", "2026-01-05", 0);

	note("a reached milestone sits on its date");
	reset();
	proj.today = D("2026-01-14");
	ok(sched("T-1,a,2,,2026-01-05,2026-01-06,,,,\n"
	    "T-2,m,0,T-1,,2026-01-06,,,,\n"
	    "T-3,b,1,T-2,,,,,,\n") == 0, "reached milestone");
	check(2, "2026-01-06", "2026-01-06", "2026-01-13", "2026-01-13", 5);
	is_str(S(T(3)->es_date), "2026-01-14", "successor not before today");
}

static void
test_deadlines(void)
{
	note("deadlines lower LE and give negative slack");
	reset();
	ok(sched("T-1,a,2,,,,,,,\n"
	    "T-2,b,3,T-1,,,,2026-01-08,,\n"
	    "T-3,c,1,,,,,,,\n") == 0, "deadline before the early finish");
	/* T-2: EE 5, deadline Thu 8 -> LE = index(Fri 9) = 4, LS 1. */
	check(2, "2026-01-07", "2026-01-09", "2026-01-06", "2026-01-08", -1);
	/* T-1 inherits it: LE = LS(T-2) = 1, LS = -1. */
	check(1, "2026-01-05", "2026-01-06", "2026-01-02", "2026-01-05", -1);
	check(3, "2026-01-05", "2026-01-05", "2026-01-09", "2026-01-09", 4);
	ok(T(1)->critical && T(2)->critical, "negative slack is critical");

	note("a deadline later than the project end changes nothing");
	ok(sched("T-1,a,2,,,,,2026-02-02,,\n") == 0, "late deadline");
	check(1, "2026-01-05", "2026-01-06", "2026-01-05", "2026-01-06", 0);

	note("a deadline on a short branch makes it critical");
	ok(sched("T-1,a,2,,,,,,,\n"
	    "T-2,b,5,,,,,,,\n"
	    "T-3,c,1,T-1,,,,2026-01-07,,\n") == 0, "deadline on a short branch");
	/* T-3: EE 3, LE = min(5, index(Thu 8)=3) = 3: slack 0. */
	check(3, "2026-01-07", "2026-01-07", "2026-01-07", "2026-01-07", 0);

	note("a deadline on a Saturday: the task must end by Friday");
	ok(sched("T-1,a,5,,,,,2026-01-10,,\n") == 0, "Saturday deadline");
	check(1, "2026-01-05", "2026-01-09", "2026-01-05", "2026-01-09", 0);
	ok(sched("T-1,a,5,,,,,2026-01-09,,\n") == 0, "Friday deadline");
	check(1, "2026-01-05", "2026-01-09", "2026-01-05", "2026-01-09", 0);
	ok(sched("T-1,a,5,,,,,2026-01-08,,\n") == 0, "Thursday deadline");
	is_int(T(1)->slack, -1, "one day short");
}

static void
test_actuals(void)
{
	note("actual start and finish override the plan");
	reset();
	proj.today = D("2026-01-14");		/* index 7 */
	ok(sched("T-1,a,3,,2026-01-06,2026-01-09,,,,\n"
	    "T-2,b,2,T-1,,,,,,\n"
	    "T-3,c,4,,2026-01-08,,50,,,\n"
	    "T-4,d,2,,,,,,,\n"
	    "T-5,e,2,,,2026-01-07,,,,\n") == 0, "actuals");
	/* T-1: ES = 1 (Tue 6), EE = index(Sat 10) = 5 (Mon 12). */
	is_int(T(1)->es, 1, "start fixes ES");
	is_int(T(1)->ee, 5, "finish fixes EE at the day after it");
	ok(T(1)->finished && T(1)->progress == 100, "finished counts 100%%");
	/* T-2 not started: ES = max(5, today 7) = 7. */
	check(2, "2026-01-14", "2026-01-15", "2026-01-14", "2026-01-15", 0);
	/* T-3 started Thu 8 (3), 50% of 4 left = 2 from today (7): EE 9. */
	is_int(T(3)->es, 3, "started task keeps its start");
	is_int(T(3)->ee, 9, "remaining work counted from today");
	is_str(S(T(3)->ef_date), "2026-01-15", "T-3 ef");
	/* T-4 never started: not before today. */
	is_str(S(T(4)->es_date), "2026-01-14", "work never starts before today");
	/* T-5: finish without start: ES = EE - duration. */
	is_int(T(5)->ee, 3, "finish on Wed 7 -> EE 3");
	is_int(T(5)->es, 1, "no start: ES = EE - duration");
	is_str(S(pl.start), "2026-01-05", "start stays day 0");

	note("a finish on a Saturday lets successors start on Monday");
	ok(sched("T-1,a,5,,2026-01-05,2026-01-10,,,,\n"
	    "T-2,b,1,T-1,2026-01-12,,,,,\n") == 0, "weekend finish");
	is_int(T(1)->ee, 5, "EE = Monday");
	is_str(S(T(1)->ef_date), "2026-01-09", "shown finish is Friday");

	note("an actual start before the project start");
	ok(sched("T-1,a,2,,2026-01-02,2026-01-05,,,,\n") == 0, "early start");
	is_int(T(1)->es, -1, "negative ES");
	is_str(S(pl.start), "2026-01-02", "project start moves back");

	note("finish before start is invalid data");
	ok(sched("T-1,a,2,,2026-01-09,2026-01-05,,,,\n") == -1, "refused");
	ok(strstr(errtext, "tasks.csv:2: finish 2026-01-05 is before start "
	    "2026-01-09") != NULL, "message names file:line and dates");
	is_int(kam_exit_code, 65, "exit 65");
}

static void
test_progress(void)
{
	note("progress: today before and after the planned start");
	reset();
	/* today before the start: remaining from the actual start. */
	proj.today = D("2026-01-06");		/* index 1 */
	ok(sched("T-1,a,10,,2026-01-08,,60,,,\n") == 0, "start after today");
	/* left = ceil(10 * 40 / 100) = 4 from max(1, 3) = 3: EE 7. */
	is_int(T(1)->ee, 7, "counted from the start when it is later");
	is_str(S(T(1)->ef_date), "2026-01-13", "ef");
	/* today after the start */
	proj.today = D("2026-01-12");		/* index 5 */
	ok(sched("T-1,a,10,,2026-01-05,,60,,,\n") == 0, "start before today");
	is_int(T(1)->ee, 9, "4 days left from today (5): EE 9");
	ok(sched("T-1,a,10,,2026-01-05,,33,,,\n") == 0, "33%%");
	is_int(T(1)->ee, 12, "ceil(10 * 67 / 100) = 7 days left");
	ok(sched("T-1,a,3,,2026-01-05,,,,,\n") == 0, "started, no progress");
	is_int(T(1)->ee, 8, "all 3 days left from today");
	ok(sched("T-1,a,3,,2026-01-05,,100,,,\n") == 0, "100%% not finished");
	is_int(T(1)->ee, 5, "nothing left: EE = today");
	/* today on a Saturday maps to Monday */
	proj.today = D("2026-01-10");
	ok(sched("T-1,a,1,,,,,,,\n") == 0, "today on a Saturday");
	is_str(S(T(1)->es_date), "2026-01-12", "starts on Monday");
	is_int(pl.today_idx, 5, "today's index");
	/* not started, predecessors later than today */
	proj.today = D("2026-01-06");
	ok(sched("T-1,a,4,,,,,,,\nT-2,b,1,T-1,,,,,,\n") == 0, "pred later");
	is_int(T(1)->es, 1, "T-1 from today");
	is_int(T(2)->es, 5, "T-2 after T-1, not today");
}

static void
test_no_actuals(void)
{
	struct plan ref = PLAN_INIT;

	note("PLAN_NO_ACTUALS: the plan as made from the start");
	reset();
	proj.today = D("2026-01-14");		/* index 7 */
	ok(sched("T-1,a,3,,2026-01-06,2026-01-12,,,,\n"
	    "T-2,b,2,T-1,,,,,,\n"
	    "T-3,c,4,,2026-01-08,,50,,,\n") == 0, "actuals");
	ok(plan_compute_flags(&ref, &proj, &tab, PLAN_NO_ACTUALS) == 0,
	    "reference plan");
	is_int(ref.tasks[0].es, 0, "T-1 from day 0, not its start");
	is_int(ref.tasks[0].ee, 3, "T-1 its duration, not its finish");
	is_int(ref.tasks[1].es, 3, "T-2 after T-1, not after today");
	is_int(ref.tasks[2].ee, 4, "T-3 all of its duration, from day 0");
	ok(ref.tasks[0].finished && ref.tasks[2].started,
	    "the flags still describe the file");
	is_int(T(2)->es, 7, "the ordinary plan keeps the today rule");
	plan_release(&ref);
}

static void
test_cycles(void)
{
	note("dependency cycles are invalid data and are named");
	reset();
	ok(sched("T-1,a,1,T-3,,,,,,\n"
	    "T-2,b,1,T-1,,,,,,\n"
	    "T-3,c,1,T-2,,,,,,\n"
	    "T-4,d,1,,,,,,,\n") == -1, "three-task cycle refused");
	ok(strstr(errtext, "tasks.csv:2: dependency cycle: T-1 -> T-3 -> T-2 "
	    "-> T-1") != NULL, "cycle named from its smallest id");
	is_int(kam_exit_code, 65, "exit 65");
	ok(sched("T-1,a,1,,,,,,,\nT-2,b,1,T-2 T-1,,,,,,\n") == -1,
	    "self-dependency refused");
	ok(strstr(errtext, "dependency cycle: T-2 -> T-2") != NULL,
	    "self-dependency named");
	ok(sched("T-1,a,1,,,,,,,\nT-2,b,1,T-4 T-3,,,,,,\n"
	    "T-3,c,1,T-2,,,,,,\nT-4,d,1,T-3,,,,,,\n") == -1,
	    "cycle behind a task on no cycle");
	ok(strstr(errtext, "T-2 -> T-4 -> T-3 -> T-2") != NULL ||
	    strstr(errtext, "T-2 -> T-3 -> T-2") != NULL, "a real cycle named");
	ok(sched("T-1,a,1,T-9,,,,,,\n") == -1, "unknown dependency refused");
	ok(strstr(errtext, "tasks.csv:2: depends: task T-9 does not exist") !=
	    NULL, "unknown dependency named");

	note("plan_check_new_deps: adding an edge that closes a cycle");
	ok(sched("T-1,a,1,,,,,,,\nT-2,b,1,T-1,,,,,,\nT-3,c,1,T-2,,,,,,\n") == 0,
	    "chain");
	{
		long to[2] = { 3, 2 };
		long self = 1;

		ok(check_deps(1, to, 2) == -1, "T-1 after T-3 closes a cycle");
		is_str(errtext, "kam: dependency cycle: T-1 -> T-3 -> T-2 -> "
		    "T-1\n", "the cycle is named in depends-on order");
		ok(check_deps(3, to + 1, 1) == 0, "T-3 after T-2 again is fine");
		ok(check_deps(1, &self, 1) == -1, "T-1 after T-1 refused");
		ok(strstr(errtext, "T-1 -> T-1") != NULL, "self named");
		ok(check_deps(4, to, 2) == 0, "a new task may depend on anything");
	}
}

static void
test_baseline(void)
{
	int64_t num, den;

	note("baseline variance and the share of days passed (PV)");
	reset();
	proj.today = D("2026-01-07");		/* index 2 */
	ok(sched("T-1,a,3,,2026-01-05,,,,2026-01-05,2026-01-07\n"
	    "T-2,b,2,T-1,,,,,2026-01-08,2026-01-09\n"
	    "T-3,m,0,T-2,,,,,2026-01-09,2026-01-09\n"
	    "T-4,x,2,,,,,,,\n") == 0, "baseline");
	ok(pl.has_baseline, "plan has a baseline");
	/* T-1 started, 0% progress: EE = 2 + 3 = 5, ef Fri 9: 2 days late. */
	is_int(T(1)->variance, 2, "T-1 two working days late");
	is_int(T(2)->variance, 2, "T-2 ends Tue 13 instead of Fri 9");
	is_int(T(3)->variance, 2, "milestone on Tue 13 instead of Fri 9");
	ok(!T(4)->has_baseline, "T-4 has none");
	plan_share_passed(&pl, T(1), 1, &num, &den);
	ok(num == 3 && den == 3, "T-1 baseline: 3 of 3 days passed (%lld/%lld)",
	    (long long)num, (long long)den);
	plan_share_passed(&pl, T(2), 1, &num, &den);
	ok(num == 0 && den == 2, "T-2 baseline: 0 of 2");
	plan_share_passed(&pl, T(4), 1, &num, &den);
	ok(num == 0 && den == 1, "no baseline: 0/1");
	plan_share_passed(&pl, T(1), 0, &num, &den);
	ok(num == 3 && den == 5, "T-1 current plan (Mon-Fri): 3 of 5, today "
	    "counted");
	proj.today = D("2026-01-10");		/* Saturday */
	ok(sched("T-1,a,3,,,,,,2026-01-08,2026-01-12\n"
	    "T-2,m,0,,,,,,2026-01-09,2026-01-09\n") == 0, "weekend today");
	plan_share_passed(&pl, T(1), 1, &num, &den);
	ok(num == 2 && den == 3, "Thu and Fri passed by Saturday (%lld/%lld)",
	    (long long)num, (long long)den);
	plan_share_passed(&pl, T(2), 1, &num, &den);
	ok(num == 1 && den == 1, "milestone passed");
}

/*
 * Hillier & Lieberman, Introduction to Operations Research (7th ed.,
 * McGraw-Hill 2001), section 22.2 "A prototype example — the Reliable
 * Construction Co. project" (chapter 10 in later editions): 14 activities
 * in weeks; published answer: project duration 44 weeks, critical path
 * A-B-C-E-F-J-L-N, slack D 4, G 4, H 4, I 2, K 1, M 4, all others 0.
 * Scheduled here on a seven-day calendar so that days are the book's
 * weeks.
 */
static void
test_textbook(void)
{
	static const struct {
		const char	*name;
		long		 slack, es, ef;
	} want[] = {
		{ "A", 0, 0, 2 }, { "B", 0, 2, 6 }, { "C", 0, 6, 16 },
		{ "D", 4, 16, 22 }, { "E", 0, 16, 20 }, { "F", 0, 20, 25 },
		{ "G", 4, 22, 29 }, { "H", 4, 29, 38 }, { "I", 2, 16, 23 },
		{ "J", 0, 25, 33 }, { "K", 1, 33, 37 }, { "L", 0, 33, 38 },
		{ "M", 4, 38, 40 }, { "N", 0, 38, 44 },
	};
	struct kam_buf cp = KAM_BUF_INIT;
	size_t i;

	note("textbook network: Hillier & Lieberman, Reliable Construction");
	reset();
	proj.workdays = 0x7f;
	ok(sched("T-1,A excavate,2,,,,,,,\n"
	    "T-2,B foundation,4,T-1,,,,,,\n"
	    "T-3,C rough wall,10,T-2,,,,,,\n"
	    "T-4,D roof,6,T-3,,,,,,\n"
	    "T-5,E exterior plumbing,4,T-3,,,,,,\n"
	    "T-6,F interior plumbing,5,T-5,,,,,,\n"
	    "T-7,G exterior siding,7,T-4,,,,,,\n"
	    "T-8,H exterior painting,9,T-5 T-7,,,,,,\n"
	    "T-9,I electrical work,7,T-3,,,,,,\n"
	    "T-10,J wallboard,8,T-6 T-9,,,,,,\n"
	    "T-11,K flooring,4,T-10,,,,,,\n"
	    "T-12,L interior painting,5,T-10,,,,,,\n"
	    "T-13,M exterior fixtures,2,T-8,,,,,,\n"
	    "T-14,N interior fixtures,6,T-11 T-12,,,,,,\n") == 0, "network");
	is_int(pl.end_idx, 44, "project duration 44 weeks");
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		const struct plan_task *t = T((long)i + 1);

		ok(t->slack == want[i].slack && t->es == want[i].es &&
		    t->ee == want[i].ef, "%s: ES %ld EF %ld slack %ld "
		    "(got %ld %ld %ld)", want[i].name, want[i].es, want[i].ef,
		    want[i].slack, t->es, t->ee, t->slack);
	}
	for (i = 0; i < pl.ncritical; i++)
		kam_buf_puts(&cp, want[pl.tasks[pl.critical[i]].id - 1].name);
	is_str(cp.ptr, "ABCEFJLN", "critical path A-B-C-E-F-J-L-N");
	kam_buf_release(&cp);
}

static void
test_long_chain(void)
{
	struct kam_buf b = KAM_BUF_INIT;
	long i, n = 100000;
	int rc;

	note("a chain of 100,000 tasks (no recursion)");
	reset();
	kam_buf_puts(&b, HDR);
	kam_buf_puts(&b, "T-1,t,1,,,,,,,\n");
	for (i = 2; i <= n; i++)
		kam_buf_printf(&b, "T-%ld,t,1,T-%ld,,,,,,\n", i, i - 1);
	plan_release(&pl);
	table_release(&tab);
	rc = table_parse(&tab, &schema_tasks, "tasks.csv", 2, b.ptr, b.len);
	ok(rc == 0 && plan_compute(&pl, &proj, &tab) == 0, "scheduled");
	is_int(pl.end_idx, n, "ends at index 100000");
	is_int(pl.ncritical, n, "every task critical");
	is_int(T(n)->es, n - 1, "last task starts at 99999");
	/* And closing it into a cycle is found without recursion. */
	{
		long to = n;

		ok(check_deps(1, &to, 1) == -1,
		    "T-1 after T-100000 closes a 100,000-task cycle");
		ok(strstr(errtext, "dependency cycle: T-1 -> T-100000 -> "
		    "T-99999 -> T-99998 -> T-99997 -> ... -> T-6 -> T-5 -> "
		    "T-4 -> T-3 -> T-2 -> T-1 (100000 tasks)") != NULL, "long cycle shortened");
	}
	kam_buf_release(&b);
}

int
main(void)
{
	test_calendar();
	test_basic();
	test_milestones();
	test_deadlines();
	test_actuals();
	test_progress();
	test_no_actuals();
	test_cycles();
	test_baseline();
	test_textbook();
	test_long_chain();
	plan_release(&pl);
	table_release(&tab);
	return done_testing();
}
