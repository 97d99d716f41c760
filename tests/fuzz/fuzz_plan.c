/*
 * fuzz_plan.c: the scheduler (lib/plan.c) over a tasks.csv.
 *
 * Invariants when the table loads and the plan is computed: each task's
 * early and late windows are ordered (es <= ee, ls <= le, slack = le -
 * ee), a task planned from the project start (PLAN_NO_ACTUALS) starts no
 * earlier than each predecessor finishes, the critical tasks have no
 * slack, and every shown date formats as a date kam reads back.
 */
#include <string.h>

#include "fuzz.h"
#include "plan.h"
#include "project.h"
#include "schema.h"
#include "table.h"
#include "value.h"

static void
check(const struct plan *pl, int planned)
{
	const struct plan_task *t, *d;
	char buf[16];
	const char *why;
	int32_t x;
	size_t i, k;

	for (i = 0; i < pl->ntasks; i++) {
		t = &pl->tasks[i];
		FUZZ_ASSERT(t->es <= t->ee && t->ls <= t->le);
		FUZZ_ASSERT(t->slack == t->le - t->ee);
		FUZZ_ASSERT(!t->critical || t->slack <= 0);
		if (planned)
			for (k = 0; k < t->ndep; k++) {
				d = &pl->tasks[pl->dep[t->dep_off + k]];
				FUZZ_ASSERT(t->es >= d->ee);
			}
		date_fmt(t->ef_date, buf);
		FUZZ_ASSERT(date_parse(buf, &x, &why) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct project p = PROJECT_INIT;
	struct table t = TABLE_INIT;
	struct plan pl = PLAN_INIT, pn = PLAN_INIT;

	if (size > 1 << 20)
		return 0;
	fuzz_quiet();
	p.start = date_from_ymd(2026, 1, 5);
	p.today = date_from_ymd(2026, 3, 2);
	if (table_parse(&t, &schema_tasks, "tasks.csv", 2, (const char *)data,
	    size) == 0) {
		if (plan_compute(&pl, &p, &t) == 0)
			check(&pl, 0);
		if (plan_compute_flags(&pn, &p, &t, PLAN_NO_ACTUALS) == 0)
			check(&pn, 1);
	}
	plan_release(&pl);
	plan_release(&pn);
	table_release(&t);
	return 0;
}
