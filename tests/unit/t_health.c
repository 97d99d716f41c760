/*
 * t_health.c: lib/health.c — validation and the rules of SPEC §7 — on a
 * scratch project, one finding at a time, plus the communication
 * calendar the comm-overdue rule shares with kam comm.
 */
#include <stdio.h>
#include <string.h>

#include "health.h"
#include "kam.h"
#include "project.h"
#include "schema.h"
#include "value.h"
#include "tap.h"
#include "scratch.h"

static const struct finding *
find(const struct health *h, const char *rule, const char *record)
{
	size_t i;

	for (i = 0; i < h->n; i++)
		if (strcmp(h->v[i].rule, rule) == 0 && (record == NULL ||
		    (h->v[i].record != NULL &&
		    strcmp(h->v[i].record, record) == 0)))
			return &h->v[i];
	return NULL;
}

static int32_t
D(const char *s)
{
	int32_t d = 0;

	date_parse(s, &d, NULL);
	return d;
}

static const char *
S(int32_t d)
{
	static char buf[11];

	return date_fmt(d, buf);
}

static void
run(struct project *p, struct health *h)
{
	health_release(h);
	*h = (struct health)HEALTH_INIT;
	if (health_run(h, p) == -1)
		diag("health_run failed: %s", scratch_msg);
}

int
main(void)
{
	struct project p = PROJECT_INIT, every = PROJECT_INIT;
	struct health h = HEALTH_INIT;
	const struct finding *f;

	/* The calendar of planned communications, every day a working day. */
	every.workdays = 0x7f;
	is_str(S(health_comm_next(&every, "daily", D("2026-01-31"))), "2026-02-01",
	    "comm: daily is the next day");
	is_str(S(health_comm_next(&every, "weekly", D("2026-01-05"))), "2026-01-12",
	    "comm: weekly is 7 days on");
	is_str(S(health_comm_next(&every, "biweekly", D("2026-01-05"))), "2026-01-19",
	    "comm: biweekly is 14 days on");
	is_str(S(health_comm_next(&every, "monthly", D("2026-01-31"))), "2026-02-28",
	    "comm: monthly from Jan 31 is Feb 28 (the month's last day)");
	is_str(S(health_comm_next(&every, "monthly", D("2028-01-31"))), "2028-02-29",
	    "comm: ... Feb 29 in a leap year");
	is_str(S(health_comm_next(&every, "quarterly", D("2026-11-30"))), "2027-02-28",
	    "comm: quarterly crosses the year");

	is_str(health_status_name(AREA_RED), "red", "status name: red");
	is_str(health_level_name(FIND_AMBER), "amber", "level name: amber");
	is_str(health_area_name(AREA_RISK), "risk", "area name: risk");

	if (scratch_open(&p, "") == -1) {
		diag("cannot open the scratch project: %s", scratch_msg);
		return 1;
	}

	run(&p, &h);
	ok(h.n == 0 && h.nerror == 0 && h.nred == 0 && h.namber == 0,
	    "an empty project has no finding (%zu)", h.n);

	/* Risks: an open critical risk needs an owner and a response. */
	scratch_rows(&schema_people, "name=Ann,side=team", NULL);
	scratch_rows(&schema_risks,
	    "title=Supplier late,probability=5,impact=4,status=open",
	    "title=Handled,probability=5,impact=5,owner=P-1,response=Plan B,"
	    "status=open",
	    "title=Past,probability=5,impact=5,status=closed", NULL);
	run(&p, &h);
	f = find(&h, "risk-critical-unmanaged", "R-1");
	ok(f != NULL && f->level == FIND_RED && f->area == AREA_RISK,
	    "risk-critical-unmanaged: R-1 (20, no owner) is red");
	ok(f != NULL && f->line == 2 && f->file != NULL &&
	    strstr(f->file, "risks.csv") != NULL, "... at risks.csv:2");
	ok(find(&h, "risk-critical-unmanaged", "R-2") == NULL,
	    "... R-2 has owner and response: no finding");
	ok(find(&h, "risk-critical-unmanaged", "R-3") == NULL,
	    "... R-3 is closed: no finding");
	ok(h.areas[AREA_RISK].status == AREA_RED, "the risk area is red");
	ok(h.nred == 1, "one red finding (%zu)", h.nred);

	/* health.risk-critical moves the threshold. */
	p.risk_critical = 21;
	run(&p, &h);
	ok(find(&h, "risk-critical-unmanaged", "R-1") == NULL,
	    "risk-critical = 21: R-1 (20) is no longer critical");
	p.risk_critical = 15;

	/* Review dates. */
	scratch_rows(&schema_risks,
	    "title=Stale,probability=1,impact=1,status=open,review=2026-01-06",
	    "title=Fresh,probability=1,impact=1,status=open,review=2026-01-07",
	    NULL);
	run(&p, &h);
	f = find(&h, "risk-review-overdue", "R-1");
	ok(f != NULL && f->level == FIND_AMBER,
	    "risk-review-overdue: review yesterday is amber");
	ok(find(&h, "risk-review-overdue", "R-2") == NULL,
	    "... review today is not overdue");
	ok(h.areas[AREA_RISK].status == AREA_AMBER, "the risk area is amber");

	/* Defects. */
	scratch_rows(&schema_risks, NULL);
	scratch_rows(&schema_defects,
	    "title=Crash,severity=critical,status=open",
	    "title=Typo,severity=major,status=open",
	    "title=Fixed crash,severity=critical,status=fixed", NULL);
	run(&p, &h);
	ok((f = find(&h, "defect-critical-open", "D-1")) != NULL &&
	    f->level == FIND_RED, "defect-critical-open: D-1 is red");
	ok((f = find(&h, "defect-major-open", "D-2")) != NULL &&
	    f->level == FIND_AMBER, "defect-major-open: D-2 is amber");
	ok(find(&h, "defect-critical-open", "D-3") == NULL,
	    "... a fixed critical defect is not");
	ok(h.areas[AREA_QUALITY].status == AREA_RED, "the quality area is "
	    "red");

	/* Invalid data is an error, not a rule. */
	scratch_rows(&schema_defects, NULL);
	scratch_write("risks.csv", "id,title,category,probability,impact,"
	    "strategy,owner,status,trigger,response,review,raised\n"
	    "R-1,Bad,,9,1,,,open,,,,\n");
	run(&p, &h);
	ok(h.nerror >= 1, "probability 9: an error (%zu)", h.nerror);
	f = find(&h, "invalid-value", NULL);
	ok(f != NULL && f->level == FIND_ERROR && f->line == 2,
	    "... invalid-value at line 2");

	health_release(&h);
	project_release(&every);
	scratch_close(&p);
	return done_testing();
}
