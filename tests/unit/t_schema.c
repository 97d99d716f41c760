/*
 * t_schema.c: the table declarations (lib/schema.c) — every column
 * constant names its column, lookups by name, prefix and file.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "tap.h"

#include "kam.h"
#include "schema.h"

#define NAME(k, decl)	#k,

struct decl {
	const struct schema	*s;
	const char *const	*names;
	size_t			 n;
};
#define D(s, cols)	{ &s, (const char *const[]){ cols(NAME) }, \
	sizeof((const char *const[]){ cols(NAME) }) / sizeof(char *) }

static const struct decl decls[] = {
	D(schema_goals, GOAL_COLUMNS), D(schema_scope, SCOPE_COLUMNS),
	D(schema_people, PERSON_COLUMNS), D(schema_risks, RISK_COLUMNS),
	D(schema_requirements, REQ_COLUMNS), D(schema_changes, CHANGE_COLUMNS),
	D(schema_tasks, TASK_COLUMNS), D(schema_budget, BUDGET_COLUMNS),
	D(schema_expenses, EXPENSE_COLUMNS), D(schema_comms, COMM_COLUMNS),
	D(schema_quality, QA_COLUMNS), D(schema_defects, DEFECT_COLUMNS),
	D(schema_csat, CSAT_COLUMNS), D(schema_raci, RACI_COLUMNS),
	D(schema_lessons, LESSON_COLUMNS), D(schema_issues, ISSUE_COLUMNS),
	D(schema_timesheets, TIME_COLUMNS), D(schema_billing, BILL_COLUMNS),
};

/* "RISK_CONFIRMED_BY" -> "confirmed_by" */
static void
lower_suffix(const char *k, char *buf, size_t len)
{
	const char *p = strchr(k, '_');
	size_t i;

	p = p == NULL ? k : p + 1;
	for (i = 0; p[i] != '\0' && i + 1 < len; i++)
		buf[i] = (char)tolower((unsigned char)p[i]);
	buf[i] = '\0';
}

int
main(void)
{
	size_t i, j;
	char buf[64];

	is_int((int)ARRAY_SIZE(decls), (int)kam_nschemas,
	    "every table has its column constants");
	for (i = 0; i < ARRAY_SIZE(decls); i++) {
		const struct decl *d = &decls[i];
		int good = d->n == d->s->ncols;

		for (j = 0; good && j < d->n; j++) {
			lower_suffix(d->names[j], buf, sizeof(buf));
			if (strcmp(buf, d->s->cols[j].name) != 0) {
				diag("%s: %s is column '%s'", d->s->name,
				    d->names[j], d->s->cols[j].name);
				good = 0;
			}
			if (schema_col(d->s, d->s->cols[j].name) != (int)j)
				good = 0;
		}
		ok(good, "%s: %zu constants name columns 0..%zu in order",
		    d->s->name, d->n, d->s->ncols - 1);
	}
	is_int(RISK_STATUS, schema_col(&schema_risks, "status"),
	    "RISK_STATUS is the status column");
	is_int(TASK_DURATION, 2, "TASK_DURATION is column 2");
	ok(schema_by_prefix("REQ") == &schema_requirements, "prefix REQ");
	ok(schema_by_prefix("X") == NULL, "unknown prefix");
	ok(schema_by_name("risks") == &schema_risks, "name risks");
	ok(schema_by_file("expenses/2026-11.csv") == &schema_expenses,
	    "a month file is an expenses table");
	ok(schema_by_file("expenses/2026-13.csv") == NULL, "month 13 is not");
	ok(schema_by_file("risks.csv") == &schema_risks, "risks.csv");
	ok(schema_col(&schema_risks, "nope") == -1, "unknown column is -1");
	is_str(schema_issues.cols[ISSUE_STATUS].enums[ISSUE_IN_PROGRESS],
	    "in-progress", "ISSUE_IN_PROGRESS names its status value");
	is_int(ISSUE_NSTATUS, 4, "four issue statuses");
	ok(schema_by_prefix("I") == &schema_issues, "prefix I");
	ok(schema_by_file("timesheets/2026-11.csv") == &schema_timesheets,
	    "a month file of timesheets");
	ok(schema_by_file("timesheets/2026-13.csv") == NULL,
	    "not a month of timesheets");
	ok(schema_by_file("timesheets") == NULL, "the directory is no table");
	ok(schema_by_prefix("W") == &schema_timesheets, "prefix W");
	ok(schema_by_prefix("B") == &schema_billing, "prefix B");
	ok(schema_by_file("billing.csv") == &schema_billing, "billing.csv");
	ok(schema_by_id_arg("r-3", buf) == &schema_risks &&
	    strcmp(buf, "R-3") == 0, "schema_by_id_arg: r-3 is risk R-3");
	ok(schema_by_id_arg("req-12", buf) == &schema_requirements &&
	    strcmp(buf, "REQ-12") == 0, "schema_by_id_arg: req-12");
	ok(schema_by_id_arg("XY-1", buf) == NULL &&
	    schema_by_id_arg("R-", buf) == NULL &&
	    schema_by_id_arg("main", buf) == NULL,
	    "schema_by_id_arg: no table, no number, no id");
	for (i = 0; i < kam_nschemas; i++)
		if (kam_schemas[i]->monthly)
			ok(kam_schemas[i]->ncols > 1 &&
			    kam_schemas[i]->cols[1].type == COL_DATE &&
			    kam_schemas[i]->cols[1].required,
			    "%s: column 1 is the required date of its month",
			    kam_schemas[i]->name);
	return done_testing();
}
