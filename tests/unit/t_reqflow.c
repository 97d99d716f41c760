/*
 * t_reqflow.c: the requirement state machine, its rules, quality-check
 * lookup and goal arithmetic (lib/reqflow.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "kam.h"
#include "reqflow.h"
#include "schema.h"
#include "table.h"
#include "value.h"

/* The whole machine, spelled out: every (action, status) pair. */
static const struct {
	enum req_action	a;
	enum req_status	from;
	int		to;
} machine[] = {
	{ REQ_ANALYSE, REQ_DRAFT, REQ_ANALYSED },
	{ REQ_ANALYSE, REQ_ANALYSED, -1 },
	{ REQ_ANALYSE, REQ_CONFIRMED, -1 },
	{ REQ_ANALYSE, REQ_DONE, -1 },
	{ REQ_ANALYSE, REQ_REJECTED, -1 },
	{ REQ_CONFIRM, REQ_DRAFT, -1 },
	{ REQ_CONFIRM, REQ_ANALYSED, REQ_CONFIRMED },
	{ REQ_CONFIRM, REQ_CONFIRMED, -1 },
	{ REQ_CONFIRM, REQ_DONE, -1 },
	{ REQ_CONFIRM, REQ_REJECTED, -1 },
	{ REQ_REJECT, REQ_DRAFT, REQ_REJECTED },
	{ REQ_REJECT, REQ_ANALYSED, REQ_REJECTED },
	{ REQ_REJECT, REQ_CONFIRMED, -1 },
	{ REQ_REJECT, REQ_DONE, -1 },
	{ REQ_REJECT, REQ_REJECTED, -1 },
	{ REQ_FINISH, REQ_DRAFT, -1 },
	{ REQ_FINISH, REQ_ANALYSED, -1 },
	{ REQ_FINISH, REQ_CONFIRMED, REQ_DONE },
	{ REQ_FINISH, REQ_DONE, -1 },
	{ REQ_FINISH, REQ_REJECTED, -1 },
	{ REQ_EDIT, REQ_DRAFT, REQ_DRAFT },
	{ REQ_EDIT, REQ_ANALYSED, REQ_ANALYSED },
	{ REQ_EDIT, REQ_CONFIRMED, -1 },
	{ REQ_EDIT, REQ_DONE, -1 },
	{ REQ_EDIT, REQ_REJECTED, -1 },
	{ REQ_CHANGE, REQ_DRAFT, REQ_DRAFT },
	{ REQ_CHANGE, REQ_ANALYSED, REQ_ANALYSED },
	{ REQ_CHANGE, REQ_CONFIRMED, REQ_CONFIRMED },
	{ REQ_CHANGE, REQ_DONE, REQ_CONFIRMED },
	{ REQ_CHANGE, REQ_REJECTED, -1 },
};

/* Facts under which every rule other than the status one holds. */
static struct reqflow_facts
good(enum req_status s)
{
	struct reqflow_facts f;

	memset(&f, 0, sizeof(f));
	f.id = "REQ-7";
	f.status = s;
	f.acceptance = "login in under 2 s";
	f.by = "P-4";
	f.by_side = "client";
	f.check = REQFLOW_CHECK_PASS;
	f.check_id = "Q-2";
	return f;
}

static int
has(const struct kam_buf *b, const char *s)
{
	return b->ptr != NULL && strstr(b->ptr, s) != NULL;
}

static void
test_machine(void)
{
	struct kam_buf why = KAM_BUF_INIT;
	struct reqflow_facts f;
	size_t i;
	int to, a, s, n = 0;

	for (i = 0; i < ARRAY_SIZE(machine); i++) {
		f = good(machine[i].from);
		to = reqflow_decide(machine[i].a, &f, &why);
		is_int(to, machine[i].to, "decide");
		ok(to != -1 || (why.len > 0 && has(&why, "REQ-7")),
		    "%s from %s: refusal names the requirement",
		    reqflow_action_name(machine[i].a),
		    reqflow_status_name(machine[i].from));
		ok(to != -1 || strncmp(why.ptr, "kam:", 4) != 0,
		    "%s from %s: message has no prefix",
		    reqflow_action_name(machine[i].a),
		    reqflow_status_name(machine[i].from));
	}
	/* The table above covers the data table exactly. */
	for (a = 0; a < REQ_NACTION; a++)
		for (s = 0; s < REQ_NSTATUS; s++)
			n++;
	is_int(n, (int)ARRAY_SIZE(machine), "every pair is listed");
	kam_buf_release(&why);
}

static void
test_messages(void)
{
	struct kam_buf why = KAM_BUF_INIT;
	struct reqflow_facts f;

	f = good(REQ_DRAFT);
	reqflow_decide(REQ_CONFIRM, &f, &why);
	ok(has(&why, "kam req analyse REQ-7"), "confirm a draft: analyse first");

	f = good(REQ_ANALYSED);
	reqflow_decide(REQ_ANALYSE, &f, &why);
	ok(has(&why, "already analysed"), "analyse twice: already");

	f = good(REQ_CONFIRMED);
	reqflow_decide(REQ_EDIT, &f, &why);
	ok(has(&why, "kam change add"), "edit confirmed: points to change add");
	ok(has(&why, "title, priority and acceptance"),
	    "edit confirmed: names the protected fields");

	f = good(REQ_CONFIRMED);
	reqflow_decide(REQ_REJECT, &f, &why);
	ok(has(&why, "--priority wont"), "reject confirmed: change to wont");

	f = good(REQ_ANALYSED);
	f.acceptance = "";
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "confirm without acceptance refused");
	ok(has(&why, "no acceptance criteria") &&
	    has(&why, "kam req set REQ-7 --acceptance"),
	    "no acceptance: says how to set it");
	f.acceptance = NULL;
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "confirm with NULL acceptance refused");
	f.acceptance = " \t\n";
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "confirm with blank acceptance refused");

	f = good(REQ_ANALYSED);
	f.by = "P-2";
	f.by_side = "team";
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "team member cannot confirm");
	ok(has(&why, "P-2 is on the team side") && has(&why, "side=client"),
	    "team confirm: names the person and the rule");
	f.by_side = "partner";
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "partner cannot confirm");
	f.by_side = "";
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "person without side cannot confirm");
	ok(has(&why, "no side"), "no side: said so");
	f.by_side = NULL;
	is_int(reqflow_decide(REQ_CONFIRM, &f, &why), -1,
	    "unknown side cannot confirm");

	/* The status rule comes first: a draft is refused for its status
	 * even when the confirmer is on the team side. */
	f = good(REQ_DRAFT);
	f.by_side = "team";
	reqflow_decide(REQ_CONFIRM, &f, &why);
	ok(has(&why, "is draft"), "status is checked before the confirmer");

	f = good(REQ_CONFIRMED);
	f.check = REQFLOW_CHECK_NONE;
	f.check_id = NULL;
	is_int(reqflow_decide(REQ_FINISH, &f, &why), -1,
	    "done without a check refused");
	ok(has(&why, "no passing quality check") && has(&why, "kam qa check"),
	    "done without check: says how to record one");
	f.check = REQFLOW_CHECK_FAIL;
	f.check_id = "Q-9";
	is_int(reqflow_decide(REQ_FINISH, &f, &why), -1,
	    "done after a failed latest check refused");
	ok(has(&why, "Q-9") && has(&why, "failed"),
	    "failed check: names it");

	/* Other facts do not matter to actions that do not use them. */
	f = good(REQ_DRAFT);
	f.acceptance = NULL;
	f.by_side = "team";
	f.check = REQFLOW_CHECK_NONE;
	is_int(reqflow_decide(REQ_ANALYSE, &f, &why), REQ_ANALYSED,
	    "analyse ignores acceptance, confirmer and checks");
	is_int(reqflow_decide(REQ_REJECT, &f, &why), REQ_REJECTED,
	    "reject ignores them too");

	f = good(REQ_NSTATUS);
	is_int(reqflow_decide(REQ_ANALYSE, &f, &why), -1,
	    "out-of-range status refused");
	kam_buf_release(&why);
}

static void
test_names(void)
{
	int s;

	for (s = 0; s < REQ_NSTATUS; s++)
		is_int(reqflow_status(reqflow_status_name(s)), s,
		    "status name round trip");
	is_int(reqflow_status("Draft"), -1, "status names are exact");
	is_int(reqflow_status(""), -1, "empty status unknown");
	is_str(reqflow_action_name(REQ_FINISH), "done", "done's verb");
	/* The schema's enum and the machine agree. */
	{
		int c = schema_col(&schema_requirements, "status");
		const char *const *e = schema_requirements.cols[c].enums;

		for (s = 0; e[s] != NULL; s++)
			is_str(e[s], reqflow_status_name(s),
			    "schema status order");
		is_int(s, REQ_NSTATUS, "schema has every status");
	}
}

static void
test_checks(void)
{
	static const char csv[] =
	    "id,subject,criterion,date,reviewer,result,note\n"
	    "Q-1,REQ-1,login,2026-11-01,,fail,\n"
	    "Q-2,REQ-1,login,2026-11-03,,pass,\n"
	    "Q-3,REQ-2,export,2026-11-05,,pass,\n"
	    "Q-4,REQ-2,export,2026-11-06,,fail,\n"
	    "Q-5,T-1,build,2026-11-06,,pass,\n"
	    "Q-7,REQ-3,a,2026-11-06,,fail,\n"
	    "Q-6,REQ-3,b,2026-11-06,,pass,\n"
	    "Q-8,payroll text,c,2026-11-06,,pass,\n";
	struct table q = TABLE_INIT;
	struct reqflow_checks c;

	is_int(table_parse(&q, &schema_quality, "quality.csv", 2, csv,
	    strlen(csv)), 0, "fixture parses");
	reqflow_checks(&q, "REQ-1", &c);
	is_int(c.n, 2, "REQ-1 has two checks");
	is_int(c.npass, 1, "one passed");
	is_int(c.nfail, 1, "one failed");
	is_int(c.latest_result, REQFLOW_CHECK_PASS, "latest passed");
	is_str(table_get(&q, c.latest, 0), "Q-2", "latest is Q-2");

	reqflow_checks(&q, "req-2", &c);
	is_int(c.n, 2, "subject compared case-insensitively");
	is_int(c.latest_result, REQFLOW_CHECK_FAIL, "REQ-2 latest failed");
	is_str(table_get(&q, c.latest, 0), "Q-4", "latest is Q-4");

	reqflow_checks(&q, "REQ-3", &c);
	is_str(table_get(&q, c.latest, 0), "Q-7",
	    "same date: the higher id is the latest");
	is_int(c.latest_result, REQFLOW_CHECK_FAIL, "and it failed");

	reqflow_checks(&q, "REQ-4", &c);
	is_int(c.n, 0, "no checks");
	ok(c.latest == NULL, "no latest");
	is_int(c.latest_result, REQFLOW_CHECK_NONE, "result none");
	table_release(&q);
}

static void
test_goals(void)
{
	int64_t v;
	long p;
	const int32_t today = date_from_ymd(2026, 11, 27);

	is_int(goal_number("12", &v), 0, "12 is a number");
	is_int(v, 120000, "scaled by 10^4");
	is_int(goal_number("99.5%", &v), 0, "99.5% is a number");
	is_int(v, 995000, "percent sign dropped");
	is_int(goal_number("-3.25", &v), 0, "negative");
	is_int(v, -32500, "negative scaled");
	is_int(goal_number("1e3", &v), -1, "no exponents");
	is_int(goal_number("12,5", &v), -1, "no decimal comma");
	is_int(goal_number("+5", &v), -1, "no plus sign");
	is_int(goal_number("%", &v), -1, "a lone percent sign");
	is_int(goal_number("", &v), -1, "empty");
	is_int(goal_number("1.23456", &v), -1, "five decimals");
	is_int(goal_number("fast", &v), -1, "words");

	is_int(goal_progress("40", "80", "60", NULL, &p), 0, "half way computes");
	is_int(p, 50, "half way is 50%");
	is_int(goal_progress("10", "2", "4", NULL, &p), 0, "lower is better");
	is_int(p, 75, "10 -> 2, at 4: 75%");
	is_int(goal_progress("", "200", "50", NULL, &p), -1,
	    "no baseline, no direction: not computed (issue 17 #5)");
	is_int(goal_progress("", "200", "50", "higher", &p), 0,
	    "no baseline, higher is better: from 0");
	is_int(p, 25, "50 of 200");
	is_int(goal_progress("", "5", "8", "lower", &p), -1,
	    "no baseline, lower is better: no start to count from");
	is_int(goal_progress("20", "5", "8", "lower", &p), 0,
	    "baseline, lower is better");
	is_int(p, 80, "20 -> 5, at 8: 12 of 15 = 80%");
	is_int(goal_progress("0", "3", "1", NULL, &p), 0, "thirds");
	is_int(p, 33, "1/3 rounds to 33");
	is_int(goal_progress("0", "3", "2", NULL, &p), 0, "two thirds");
	is_int(p, 67, "2/3 rounds to 67");
	is_int(goal_progress("0", "8", "1", NULL, &p), 0, "12.5 rounds");
	is_int(p, 13, "half away from zero");
	is_int(goal_progress("0", "8", "-1", NULL, &p), 0, "negative progress");
	is_int(p, -13, "negative half away from zero");
	is_int(goal_progress("50", "100", "110", NULL, &p), 0, "overachieved");
	is_int(p, 120, "not clamped");
	is_int(goal_progress("50%", "90%", "70%", NULL, &p), 0, "percent values");
	is_int(p, 50, "percent values 50%");
	is_int(goal_progress("5", "5", "5", NULL, &p), -1, "target = baseline");
	is_int(goal_progress("0", "10", "", NULL, &p), -1, "no actual");
	is_int(goal_progress("0", "", "5", NULL, &p), -1, "no target");
	is_int(goal_progress("low", "10", "5", NULL, &p), -1, "text baseline");
	is_int(goal_progress("0", "high", "5", NULL, &p), -1, "text target");
	is_int(goal_progress("-922337203685477.5807", "922337203685477.5807", "922337203685477.5807", NULL, &p), 0,
	    "extremes do not overflow");
	is_int(p, 100, "extremes: 100%");

	is_str(goal_status("40", "80", "80", NULL, "", today), "met",
	    "reached exactly: met");
	is_str(goal_status("40", "80", "95", NULL, "", today), "met", "beyond: met");
	is_str(goal_status("40", "80", "70", NULL, "", today), "missed",
	    "short and no due date: missed");
	is_str(goal_status("40", "80", "70", NULL, "2026-12-31", today), "open",
	    "short, due ahead: open");
	is_str(goal_status("40", "80", "70", NULL, "2026-11-27", today), "open",
	    "short, due today: open");
	is_str(goal_status("40", "80", "70", NULL, "2026-11-26", today), "missed",
	    "short, due passed: missed");
	is_str(goal_status("10", "2", "2", NULL, "", today), "met",
	    "lower is better: reached");
	is_str(goal_status("10", "2", "1", NULL, "", today), "met",
	    "lower is better: below target");
	is_str(goal_status("10", "2", "3", NULL, "", today), "missed",
	    "lower is better: above target");
	is_str(goal_status("", "100", "100", NULL, "", today), "met",
	    "no baseline: reached exactly is met");
	is_str(goal_status("", "5", "8", NULL, "", today), "unknown",
	    "no baseline, no direction: 8 against 5 is unknown, not met");
	is_str(goal_status("", "100", "99", NULL, "", today), "unknown",
	    "no baseline, no direction: unknown");
	is_str(goal_status("5", "5", "6", NULL, "", today), "unknown",
	    "baseline = target, no direction: unknown");
	is_str(goal_status("", "5", "8", "lower", "", today), "missed",
	    "lower is better: 8 above 5, no due date: missed");
	is_str(goal_status("", "5", "4", "lower", "", today), "met",
	    "lower is better: 4 below 5: met");
	is_str(goal_status("", "5", "8", "higher", "", today), "met",
	    "higher is better: 8 beyond 5: met");
	is_str(goal_status("10", "2", "1", "higher", "", today), "missed",
	    "the direction column wins over baseline and target");
	is_int(goal_direction("10", "2", NULL), GOAL_LOWER, "10 -> 2: lower");
	is_int(goal_direction("2", "10", NULL), GOAL_HIGHER, "2 -> 10: higher");
	is_int(goal_direction("", "10", NULL), GOAL_UNKNOWN, "no baseline");
	is_int(goal_direction("x", "10", NULL), GOAL_UNKNOWN, "text baseline");
	is_int(goal_direction("", "10", "lower"), GOAL_LOWER, "column");
	is_str(goal_status("5", "5", "5", NULL, "", today), "met",
	    "target = baseline, reached");
	is_str(goal_status("", "ISO 27001", "ISO 27001", NULL, "", today), "met",
	    "text equal: met");
	ok(goal_status("", "ISO 27001", "ISO 9001", NULL, "", today) == NULL,
	    "text differs: not computable");
	ok(goal_status("low", "10", "9", NULL, "", today) == NULL,
	    "text baseline: not computable");
	ok(goal_status("1", "10", "", NULL, "", today) == NULL, "no actual: NULL");
	ok(goal_status("1", "", "5", NULL, "", today) == NULL, "no target: NULL");
}

int
main(void)
{
	test_machine();
	test_messages();
	test_names();
	test_checks();
	test_goals();
	return done_testing();
}
