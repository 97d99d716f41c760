/*
 * schema.c: the tables of SPEC §2.  This file is the single source of
 * truth for file names, id prefixes, column names, order, types, enum
 * values and references.
 */
#include <string.h>

#include "schema.h"
#include "value.h"

#define E(...)	((const char *const[]){ __VA_ARGS__, NULL })
#define ID		{ "id", COL_ID, NULL, NULL, 0, 0, 1, 0, 0, 0 }
#define TEXT(n)		{ n, COL_TEXT, NULL, NULL, 0, 0, 0, 0, 0, 0 }
#define TEXTREQ(n)	{ n, COL_TEXT, NULL, NULL, 0, 0, 1, 0, 0, 0 }
#define DATE(n)		{ n, COL_DATE, NULL, NULL, 0, 0, 0, 0, 0, 0 }
#define DATEREQ(n)	{ n, COL_DATE, NULL, NULL, 0, 0, 1, 0, 0, 0 }
#define MONEY(n)	{ n, COL_MONEY, NULL, NULL, 0, 0, 0, 0, 0, 0 }
#define MONEYPOS(n)	{ n, COL_MONEY, NULL, NULL, 0, 0, 0, 0, 0, 1 }
#define MONEYREQ(n)	{ n, COL_MONEY, NULL, NULL, 0, 0, 1, 0, 0, 0 }
#define INT(n, lo, hi)	{ n, COL_INT, NULL, NULL, lo, hi, 0, 0, 0, 0 }
#define INTREQ(n, lo, hi) { n, COL_INT, NULL, NULL, lo, hi, 1, 0, 0, 0 }
#define ENUM(n, ...)	{ n, COL_ENUM, NULL, E(__VA_ARGS__), 0, 0, 0, 0, 0, 0 }
#define ENUMREQ(n, ...)	{ n, COL_ENUM, NULL, E(__VA_ARGS__), 0, 0, 1, 0, 0, 0 }
#define REF(n, p)	{ n, COL_REF, p, NULL, 0, 0, 0, 0, 0, 0 }
#define REFREQ(n, p)	{ n, COL_REF, p, NULL, 0, 0, 1, 0, 0, 0 }
#define REFTEXT(n, p)	{ n, COL_REF, p, NULL, 0, 0, 0, 1, 0, 0 }
#define REFANY(n)	{ n, COL_REF, NULL, NULL, 0, 0, 0, 1, 1, 0 }
#define REFLIST(n, p)	{ n, COL_REFLIST, p, NULL, 0, 0, 0, 0, 0, 0 }
#define ENUM_NAME(k, name)	name,
#define ENUMLIST(n, L)	{ n, COL_ENUM, NULL, (const char *const[]){ L(ENUM_NAME) \
	NULL }, 0, 0, 1, 0, 0, 0 }
#define KEY(n)		{ n, COL_KEY, NULL, NULL, 0, 0, 1, 0, 0, 0 }
#define HOURSREQ(n, lo, hi) { n, COL_HOURS, NULL, NULL, lo, hi, 1, 0, 0, 0 }

#define TABLE(var, nm, fl, pfx, noun, cols, k0, k1, nk, mon)		\
	const struct schema var = { nm, fl, pfx, noun, cols,		\
	    ARRAY_SIZE(cols), { k0, k1 }, nk, mon }
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The declarations are in schema.h (X-macros); the constants are the
 * array indexes, so the two cannot disagree. */
#define COL_DECL(k, decl)	[k] = decl,
static const struct column goals_cols[] = { GOAL_COLUMNS(COL_DECL) };
static const struct column scope_cols[] = { SCOPE_COLUMNS(COL_DECL) };
static const struct column people_cols[] = { PERSON_COLUMNS(COL_DECL) };
static const struct column risks_cols[] = { RISK_COLUMNS(COL_DECL) };
static const struct column requirements_cols[] = { REQ_COLUMNS(COL_DECL) };
static const struct column changes_cols[] = { CHANGE_COLUMNS(COL_DECL) };
static const struct column tasks_cols[] = { TASK_COLUMNS(COL_DECL) };
static const struct column budget_cols[] = { BUDGET_COLUMNS(COL_DECL) };
static const struct column expenses_cols[] = { EXPENSE_COLUMNS(COL_DECL) };
static const struct column comms_cols[] = { COMM_COLUMNS(COL_DECL) };
static const struct column quality_cols[] = { QA_COLUMNS(COL_DECL) };
static const struct column defects_cols[] = { DEFECT_COLUMNS(COL_DECL) };
static const struct column csat_cols[] = { CSAT_COLUMNS(COL_DECL) };
static const struct column raci_cols[] = { RACI_COLUMNS(COL_DECL) };
static const struct column lessons_cols[] = { LESSON_COLUMNS(COL_DECL) };
static const struct column issues_cols[] = { ISSUE_COLUMNS(COL_DECL) };
static const struct column timesheets_cols[] = { TIME_COLUMNS(COL_DECL) };
static const struct column billing_cols[] = { BILL_COLUMNS(COL_DECL) };

TABLE(schema_goals, "goals", "goals.csv", "G", "goal", goals_cols, 0, 0, 0, 0);
TABLE(schema_scope, "scope", "scope.csv", "S", "scope item", scope_cols,
    0, 0, 0, 0);
TABLE(schema_people, "people", "people.csv", "P", "person", people_cols,
    0, 0, 0, 0);
TABLE(schema_risks, "risks", "risks.csv", "R", "risk", risks_cols, 0, 0, 0, 0);
TABLE(schema_requirements, "requirements", "requirements.csv", "REQ",
    "requirement", requirements_cols, 0, 0, 0, 0);
TABLE(schema_changes, "changes", "changes.csv", "CR", "change request",
    changes_cols, 0, 0, 0, 0);
TABLE(schema_tasks, "tasks", "tasks.csv", "T", "task", tasks_cols, 0, 0, 0, 0);
TABLE(schema_budget, "budget", "budget.csv", NULL, "budget line",
    budget_cols, 0, 0, 1, 0);
TABLE(schema_expenses, "expenses", "expenses", "E", "expense",
    expenses_cols, 0, 0, 0, 1);
TABLE(schema_comms, "comms", "comms.csv", "C", "communication", comms_cols,
    0, 0, 0, 0);
TABLE(schema_quality, "quality", "quality.csv", "Q", "quality check",
    quality_cols, 0, 0, 0, 0);
TABLE(schema_defects, "defects", "defects.csv", "D", "defect",
    defects_cols, 0, 0, 0, 0);
TABLE(schema_csat, "csat", "csat.csv", "F", "satisfaction score",
    csat_cols, 0, 0, 0, 0);
TABLE(schema_raci, "raci", "raci.csv", NULL, "RACI entry", raci_cols,
    0, 1, 2, 0);
TABLE(schema_lessons, "lessons", "lessons.csv", "L", "lesson",
    lessons_cols, 0, 0, 0, 0);
TABLE(schema_issues, "issues", "issues.csv", "I", "issue", issues_cols,
    0, 0, 0, 0);
TABLE(schema_timesheets, "timesheets", "timesheets", "W", "time booking",
    timesheets_cols, 0, 0, 0, 1);
TABLE(schema_billing, "billing", "billing.csv", "B", "billing item",
    billing_cols, 0, 0, 0, 0);

/* In the order kam init creates them and kam check reports them. */
const struct schema *const kam_schemas[] = {
	&schema_goals, &schema_scope, &schema_people, &schema_risks,
	&schema_requirements, &schema_changes, &schema_tasks, &schema_budget,
	&schema_expenses, &schema_comms, &schema_quality, &schema_defects,
	&schema_csat, &schema_raci, &schema_lessons, &schema_issues,
	&schema_timesheets, &schema_billing,
};
const size_t kam_nschemas = ARRAY_SIZE(kam_schemas);

const struct schema *
schema_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		if (strcmp(kam_schemas[i]->name, name) == 0)
			return kam_schemas[i];
	return NULL;
}

const struct schema *
schema_by_prefix(const char *prefix)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		if (kam_schemas[i]->prefix != NULL &&
		    strcmp(kam_schemas[i]->prefix, prefix) == 0)
			return kam_schemas[i];
	return NULL;
}

const struct schema *
schema_by_id_arg(const char *arg, char *canon)
{
	const struct schema *s;
	char pfx[16];
	long num;
	size_t i;

	if (id_prefix(arg, pfx) == -1)
		return NULL;
	for (i = 0; pfx[i] != '\0'; i++)
		if (pfx[i] >= 'a' && pfx[i] <= 'z')
			pfx[i] -= 'a' - 'A';
	if ((s = schema_by_prefix(pfx)) == NULL ||
	    id_parse_arg(arg, pfx, canon, &num, NULL) == -1)
		return NULL;
	return s;
}

/* "2026-11.csv" of expenses/2026-11.csv: the month must be a real one. */
static int
is_month_file(const char *name)
{
	int32_t d;
	char buf[11];

	if (strlen(name) != 11 || strcmp(name + 7, ".csv") != 0)
		return 0;
	memcpy(buf, name, 7);
	memcpy(buf + 7, "-01", 4);
	return date_parse(buf, &d, NULL) == 0;
}

const struct schema *
schema_by_file(const char *path)
{
	const struct schema *s;
	size_t i, n;

	for (i = 0; i < kam_nschemas; i++) {
		s = kam_schemas[i];
		if (!s->monthly) {
			if (strcmp(s->file, path) == 0)
				return s;
			continue;
		}
		n = strlen(s->file);
		if (strncmp(path, s->file, n) == 0 && path[n] == '/')
			return is_month_file(path + n + 1) ? s : NULL;
	}
	return NULL;
}

int
schema_is_kam_file(const char *path)
{
	size_t n = strlen(path);

	return strcmp(path, "kam.conf") == 0 || schema_by_file(path) != NULL ||
	    (strncmp(path, "meetings/", 9) == 0 && n > 12 &&
	    strcmp(path + n - 3, ".md") == 0 && strchr(path + 9, '/') == NULL);
}

int
schema_col(const struct schema *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncols; i++)
		if (strcmp(s->cols[i].name, name) == 0)
			return (int)i;
	return -1;
}
