/*
 * health.c: validation and the health rules of SPEC §7 (health.h).
 *
 * Messages of the modules that validate (table.h, store.h, budget.h,
 * plan.h) are captured with kam_msg_capture() and become findings of
 * level ERROR, with the file and line they name; a failure that is not
 * about the data (I/O, permission) is printed and ends the run.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "bill.h"
#include "budget.h"
#include "derive.h"
#include "health.h"
#include "issue.h"
#include "lang.h"
#include "minutes.h"
#include "kam.h"
#include "plan.h"
#include "renumber.h"
#include "repo.h"
#include "reqflow.h"
#include "schema.h"
#include "store.h"
#include "table.h"
#include "timesheet.h"
#include "value.h"

#define R(n, l, a, w)	{ n, l, a, w }
const struct health_rule health_rules[] = {
	R("invalid-value", FIND_ERROR, AREA_DATA,
	    "every cell has its column's type, enum value or id form"),
	R("duplicate-id", FIND_ERROR, AREA_DATA,
	    "no id (or key) is used twice"),
	R("reference", FIND_ERROR, AREA_DATA,
	    "every reference names an existing record"),
	R("dependency-cycle", FIND_ERROR, AREA_DATA,
	    "task dependencies have no cycle"),
	R("conflict-marker", FIND_ERROR, AREA_DATA,
	    "no file holds unresolved merge conflict markers"),
	R("unmerged", FIND_ERROR, AREA_DATA,
	    "no kam file is left unmerged by a merge whose driver did not run"),
	R("budget-overrun", FIND_RED, AREA_BUDGET,
	    "no category is over its plan by more than health.budget-overrun %"),
	R("schedule-negative-slack", FIND_RED, AREA_SCHEDULE,
	    "no task has negative slack"),
	R("schedule-past-late-finish", FIND_RED, AREA_SCHEDULE,
	    "no unfinished task is past its late finish"),
	R("risk-critical-unmanaged", FIND_RED, AREA_RISK,
	    "open risks at or above health.risk-critical have owner and "
	    "response"),
	R("issue-critical-open", FIND_RED, AREA_RISK,
	    "no critical issue is open"),
	R("issue-escalated", FIND_RED, AREA_RISK,
	    "no open issue is at escalation level 3"),
	R("task-unconfirmed-requirement", FIND_RED, AREA_REQUIREMENTS,
	    "started tasks serve confirmed requirements only"),
	R("requirement-done-untested", FIND_RED, AREA_REQUIREMENTS,
	    "done requirements have a passing quality check"),
	R("defect-critical-open", FIND_RED, AREA_QUALITY,
	    "no critical defect is open"),
	R("csat-low", FIND_RED, AREA_SATISFACTION,
	    "average satisfaction of the last 90 days is at least "
	    "health.csat-min"),
	R("budget-warn", FIND_AMBER, AREA_BUDGET,
	    "no category has used health.budget-warn % of its plan"),
	R("schedule-started-late", FIND_AMBER, AREA_SCHEDULE,
	    "no task started later than its baseline start"),
	R("risk-review-overdue", FIND_AMBER, AREA_RISK,
	    "no open risk is past its review date"),
	R("issue-overdue", FIND_AMBER, AREA_RISK,
	    "no open issue is past its due date"),
	R("defect-major-open", FIND_AMBER, AREA_QUALITY,
	    "no major defect is open"),
	R("comm-overdue", FIND_AMBER, AREA_COMMUNICATION,
	    "no planned communication is late by more than health.comm-grace "
	    "days"),
	R("minutes-no-sections", FIND_AMBER, AREA_COMMUNICATION,
	    "minutes with list items have a Decisions or Actions section"),
	R("raci-accountable", FIND_AMBER, AREA_COMMUNICATION,
	    "every RACI activity has exactly one A"),
	R("raci-responsible", FIND_AMBER, AREA_COMMUNICATION,
	    "every RACI activity has at least one R"),
	R("evm-red", FIND_RED, AREA_BUDGET,
	    "CPI and SPI are at least health.evm-red (once EV or PV reaches "
	    "health.evm-min-pct % of BAC)"),
	R("evm-warn", FIND_AMBER, AREA_BUDGET,
	    "CPI and SPI are at least health.evm-warn (once EV or PV reaches "
	    "health.evm-min-pct % of BAC)"),
	R("deadline-missed", FIND_RED, AREA_SCHEDULE,
	    "the forecast finish is on or before project.deadline"),
	R("deadline-near", FIND_AMBER, AREA_SCHEDULE,
	    "the forecast finish is more than health.deadline-warn working "
	    "days before project.deadline"),
	R("task-very-late", FIND_RED, AREA_SCHEDULE,
	    "no task is late (past its planned finish, or not started past "
	    "its planned start) by more than health.late-red working days"),
	R("task-late", FIND_AMBER, AREA_SCHEDULE,
	    "no task is late by more than health.late-grace working days"),
	R("action-very-overdue", FIND_RED, AREA_COMMUNICATION,
	    "no open action item of the minutes is overdue by more than "
	    "health.action-red days"),
	R("action-overdue", FIND_AMBER, AREA_COMMUNICATION,
	    "no open action item of the minutes is past its due date"),
	R("invoice-unpaid", FIND_AMBER, AREA_COMMERCIAL,
	    "no invoice is unpaid more than health.payment-days after it "
	    "was sent"),
	R("invoice-unpaid-red", FIND_RED, AREA_COMMERCIAL,
	    "no invoice is unpaid more than twice health.payment-days after "
	    "it was sent"),
	R("milestone-not-invoiced", FIND_AMBER, AREA_COMMERCIAL,
	    "a billing milestone is invoiced within 5 working days of its "
	    "task's finish"),
	R("billing-contract", FIND_AMBER, AREA_COMMERCIAL,
	    "the billing items add up to project.contract-value (when both "
	    "exist)"),
	R("effort-overrun", FIND_AMBER, AREA_BUDGET,
	    "no task is booked over its planned effort (duration x "
	    "calendar.hours-per-day) by more than health.effort-overrun %"),
	R("person-overbooked", FIND_AMBER, AREA_SCHEDULE,
	    "no person is booked over capacity for a whole week"),
	R("change-unfunded", FIND_AMBER, AREA_BUDGET,
	    "approved changes to confirmed requirements cost no more than "
	    "budget.csv leaves unallocated to tasks"),
};
#undef R
const size_t health_nrules = ARRAY_SIZE(health_rules);

static const char *const area_names[AREA_N] = { "schedule", "budget",
	"commercial", "risk",
	"requirements", "quality", "satisfaction", "communication", "data" };
static const char *const area_more[AREA_N] = { "kam plan",
	"kam budget audit", "kam budget margin", "kam risk review", "kam req trace",
	"kam qa report", "kam csat report", "kam comm due", "kam check" };

const char *
health_level_name(enum finding_level l)
{
	return l == FIND_ERROR ? "error" : l == FIND_RED ? "red" : "amber";
}

const char *
health_area_name(enum health_area a)
{
	return area_names[a];
}

const char *
health_status_name(enum area_status s)
{
	return s == AREA_RED ? "red" : s == AREA_AMBER ? "amber" :
	    s == AREA_GREEN ? "green" : "none";
}

enum area_status
health_overall(const struct health *h)
{
	enum area_status w = AREA_NONE;
	size_t a;

	for (a = 0; a < AREA_N; a++)
		if (h->areas[a].status > w)
			w = h->areas[a].status;
	return w;
}

static size_t
rule_index(const char *rule)
{
	size_t i;

	for (i = 0; i < health_nrules; i++)
		if (strcmp(health_rules[i].name, rule) == 0)
			return i;
	return 0;
}

static void
add(struct health *h, const char *rule, const char *record, const char *file,
    unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
green(struct area *a, int lang, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
add(struct health *h, const char *rule, const char *record, const char *file,
    unsigned long line, const char *fmt, ...)
{
	const struct health_rule *hr = &health_rules[rule_index(rule)];
	struct finding *f;
	va_list ap;

	if (h->n == h->alloc) {
		h->alloc = h->alloc ? h->alloc * 2 : 32;
		h->v = xrealloc(h->v, h->alloc * sizeof(*h->v));
	}
	f = &h->v[h->n++];
	f->level = hr->level;
	f->rule = hr->name;
	f->area = hr->area;
	f->record = record != NULL ? xstrdup(record) : NULL;
	f->file = file != NULL ? xstrdup(file) : NULL;
	f->line = line;
	va_start(ap, fmt);
	f->why = xvasprintf(fmt, ap);
	va_end(ap);
	f->why_client = NULL;
	if (h->lang != LANG_EN && lang_tr(h->lang, fmt) != fmt) {
		/* The same arguments through the translated format: lib/lang.c
		 * keeps its conversions those of the English (t_lang). */
		va_start(ap, fmt);
		f->why_client = xvasprintf(lang_tr(h->lang, fmt), ap);
		va_end(ap);
	}
	if (f->level == FIND_ERROR)
		h->nerror++;
	else if (f->level == FIND_RED)
		h->nred++;
	else
		h->namber++;
}

/* ---- capturing the validators' messages ---- */

struct ctx;
static void	rules_actions(struct ctx *, const struct minutes *);
static void	rules_changes(struct ctx *, const struct budget_audit *);

struct ctx {
	struct health		*h;
	struct project		*p;
	struct table		 t[32];		/* by kam_schemas index */
	int			 ok[32];	/* parsed without a problem */
	int			 fatal;		/* not a data problem */
	size_t			 nlate;		/* tasks late beyond the grace */
	int			 has_cpi, has_spi;	/* were judged */
	int64_t			 cpi, spi;	/* thousandths */
	struct budget_audit	 audit;		/* made while validating */
	int			 audited;
	kam_msg_fn		 prev_fn;	/* the caller's capture */
	void			*prev_arg;
	int			 time_ok;	/* timesheets valid */
	struct time_sums	*tsums;		/* booked per task, week */
	int			 has_eac;	/* of budget_evm, for the */
	int64_t			 eac;		/* commercial area */
};

/* The rule a validator's message is about. */
static const char *
classify(const char *msg)
{
	if (strstr(msg, "conflict marker") != NULL)
		return "conflict-marker";
	if (strstr(msg, "does not exist") != NULL)
		return "reference";
	if (strstr(msg, "dependency cycle") != NULL)
		return "dependency-cycle";
	if (strstr(msg, "duplicate") != NULL)
		return "duplicate-id";
	return "invalid-value";
}

/* "file:line[:col]: what" or "file: what" or "what". */
static void
on_msg(void *arg, int code, const char *msg)
{
	struct ctx *c = arg;
	const char *p = msg, *colon;
	char *file = NULL;
	unsigned long line = 0;

	if (code != KAM_EX_DATA) {
		if (code != 0)
			c->fatal = 1;
		if (c->prev_fn != NULL)
			c->prev_fn(c->prev_arg, code, msg);
		else
			fprintf(stderr, "kam: %s%s\n", code == 0 ?
			    "warning: " : "", msg);
		return;
	}
	colon = strchr(p, ':');
	if (colon != NULL && colon > p && strchr(" \t", *p) == NULL &&
	    memchr(p, ' ', (size_t)(colon - p)) == NULL &&
	    (colon[1] == ' ' || (colon[1] >= '0' && colon[1] <= '9'))) {
		file = xstrndup(p, (size_t)(colon - p));
		p = colon + 1;
		while (*p >= '0' && *p <= '9')
			line = line * 10 + (unsigned long)(*p++ - '0');
		if (*p == ':' && p[1] >= '0' && p[1] <= '9')
			for (p++; *p >= '0' && *p <= '9'; p++)
				;
		if (*p == ':')
			p++;
		while (*p == ' ')
			p++;
	}
	add(c->h, classify(msg), NULL, file, line, "%s", p);
	free(file);
}

/* ---- validation ---- */

static size_t
sidx(const struct schema *s)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		if (kam_schemas[i] == s)
			return i;
	return 0;
}

static struct table *
tab(struct ctx *c, const struct schema *s)
{
	return &c->t[sidx(s)];
}

static int
valid(struct ctx *c, const struct schema *s)
{
	return c->ok[sidx(s)];
}

static void
load_tables(struct ctx *c)
{
	struct kam_buf b = KAM_BUF_INIT;
	size_t i, n;
	char *abs;
	int rc;

	for (i = 0; i < kam_nschemas && !c->fatal; i++) {
		const struct schema *s = kam_schemas[i];

		c->t[i] = (struct table)TABLE_INIT;
		if (s->monthly)
			continue;
		if (c->p->tree != NULL)
			rc = project_tree_read(c->p, s->file, &b);
		else {
			abs = project_abspath(c->p, s->file);
			rc = kam_read_file(&b, abs);
			free(abs);
		}
		if (rc == -1)
			break;
		if (rc == 1) {
			table_init(&c->t[i], s, s->file, c->p->digits);
			c->ok[i] = 1;
			continue;
		}
		n = b.len;
		c->ok[i] = table_parse_owned(&c->t[i], s, s->file,
		    c->p->digits, kam_buf_detach(&b), n) == 0;
		if (c->t[i].header == NULL)
			table_init(&c->t[i], s, s->file, c->p->digits);
		else
			table_sort(&c->t[i]);
	}
	kam_buf_release(&b);
}

/* References of every valid table to every valid table with ids. */
static void
check_refs(struct ctx *c)
{
	size_t i, j;

	for (i = 0; i < kam_nschemas; i++) {
		if (kam_schemas[i]->monthly || !c->ok[i])
			continue;
		for (j = 0; j < kam_nschemas; j++) {
			if (kam_schemas[j]->monthly ||
			    kam_schemas[j]->prefix == NULL || !c->ok[j])
				continue;
			if (store_check_refs(&c->t[i], &c->t[j]) == -1)
				c->ok[i] = 0;
		}
	}
}

static int
marker_line(const char *p, size_t n)
{
	char ch = *p;

	if (n < 7 || (ch != '<' && ch != '>' && ch != '=' && ch != '|'))
		return 0;
	if (memcmp(p, ch == '<' ? "<<<<<<<" : ch == '>' ? ">>>>>>>" :
	    ch == '=' ? "=======" : "|||||||", 7) != 0)
		return 0;
	return n == 7 || p[7] == '\n' || p[7] == '\r' ||
	    (ch != '=' && p[7] == ' ');
}

/* A goal's stated direction that its baseline and target contradict: a
 * hand edit `kam goal set` would have refused (an invalid value). */
static void
check_goals(struct ctx *c)
{
	struct table *t = tab(c, &schema_goals);
	const char *side;
	size_t i;

	if (!valid(c, &schema_goals))
		return;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];

		if ((side = goal_direction_conflict(table_get(t, r,
		    GOAL_BASELINE), table_get(t, r, GOAL_TARGET),
		    table_get(t, r, GOAL_DIRECTION))) == NULL)
			continue;
		kam_err(KAM_EX_DATA, "%s:%lu: direction: invalid value '%s': "
		    "baseline %s and target %s say %s is better (the target "
		    "is %s the baseline)", t->path, r->line,
		    table_get(t, r, GOAL_DIRECTION),
		    table_get(t, r, GOAL_BASELINE), table_get(t, r, GOAL_TARGET),
		    strcmp(side, "above") == 0 ? "higher" : "lower", side);
		c->ok[sidx(&schema_goals)] = 0;
	}
}

/* The people a minutes file names (attendees, action owners) must exist. */
static void
check_minutes_people(struct ctx *c, const struct minutes *m)
{
	const struct table *people = tab(c, &schema_people);
	const char *p = m->attendees, *q;
	char id[32];
	size_t i, n;

	if (!valid(c, &schema_people))
		return;
	while (*p != '\0') {
		q = strchr(p, ' ');
		n = q != NULL ? (size_t)(q - p) : strlen(p);
		if (n > 0 && n < sizeof(id)) {
			memcpy(id, p, n);
			id[n] = '\0';
			if (table_find(people, id) == NULL)
				add(c->h, "reference", NULL, m->path,
				    m->attendees_line, "attendee %s does not "
				    "exist in people.csv", id);
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	for (i = 0; i < m->nactions; i++)
		if (m->actions[i].owner[0] != '\0' &&
		    table_find(people, m->actions[i].owner) == NULL)
			add(c->h, "reference", NULL, m->path, m->actions[i].line,
			    "action owner %s does not exist in people.csv",
			    m->actions[i].owner);
}

/* The minutes: conflict markers (tables: table.h finds them), then the
 * parse of lib/minutes (UTF-8, dates, due: dates: its messages become
 * findings) and the people they name. */
static void
check_minutes(struct ctx *c)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct dirent *de;
	char *dir = project_abspath(c->p, "meetings"), *abs, *rel, **names = NULL;
	const char *p, *end, *nl, *name;
	unsigned long line;
	size_t n;
	int marked, i, nnames = 0, rc;
	DIR *d = NULL;

	/* From the work tree, or from a commit's tree (kam portfolio). */
	if (c->p->tree != NULL)
		nnames = project_tree_names(c->p, "meetings", &names);
	else if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	for (i = 0;; i++) {
		if (d != NULL && (de = readdir(d)) != NULL)
			name = de->d_name;
		else if (d == NULL && i < nnames)
			name = names[i];
		else
			break;
		n = strlen(name);
		if (name[0] == '.' || n < 4 || strcmp(name + n - 3, ".md") != 0)
			continue;
		abs = xasprintf("%s/%s", dir, name);
		rel = xasprintf("meetings/%s", name);
		marked = 0;
		rc = d != NULL ? kam_read_file(&b, abs) :
		    project_tree_read(c->p, rel, &b);
		if (rc != 0 || b.ptr == NULL) {
			free(abs);
			free(rel);
			continue;
		}
		for (p = b.ptr, end = b.ptr + b.len, line = 1; p < end; line++) {
			nl = memchr(p, '\n', (size_t)(end - p));
			if (marker_line(p, (size_t)((nl ? nl : end) - p))) {
				add(c->h, "conflict-marker", NULL, rel, line,
				    "unresolved merge conflict marker '%.7s'", p);
				marked = 1;
				break;
			}
			p = nl ? nl + 1 : end;
		}
		if (!marked) {
			struct minutes m = MINUTES_INIT;

			if (minutes_parse(&m, rel, b.ptr, b.len) == 0) {
				c->h->ran[rule_index("minutes-no-sections")] = 1;
				check_minutes_people(c, &m);
				rules_actions(c, &m);
				if (m.nsections == 0 && m.nloose > 0)
					add(c->h, "minutes-no-sections", NULL,
					    rel, m.loose_line, "%zu list items "
					    "but no Decisions or Actions "
					    "section: none is read as a "
					    "decision or an action", m.nloose);
			}
			minutes_release(&m);
		}
		free(abs);
		free(rel);
	}
	if (d != NULL)
		closedir(d);
	for (i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	free(dir);
	kam_buf_release(&b);
}

/* Name the record of each error that gives only file:line. */
static void
name_records(struct ctx *c)
{
	const struct schema *s;
	const struct table *t;
	size_t i, j;

	for (i = 0; i < c->h->n; i++) {
		struct finding *f = &c->h->v[i];

		if (f->record != NULL || f->file == NULL || f->line == 0 ||
		    (s = schema_by_file(f->file)) == NULL || s->monthly)
			continue;
		t = tab(c, s);
		if (t->colmap == NULL)
			continue;
		for (j = 0; j < t->nrows; j++) {
			const struct row *r = &t->rows[j];

			if (r->line != f->line)
				continue;
			if (s->prefix != NULL)
				f->record = xstrdup(table_get(t, r, ID_COL));
			else if (s->nkeys > 1)
				f->record = xasprintf("%s/%s",
				    table_get(t, r, s->keys[0]),
				    table_get(t, r, s->keys[1]));
			else
				f->record = xstrdup(table_get(t, r, s->keys[0]));
			if (f->record[0] == '\0') {
				free(f->record);
				f->record = NULL;
			}
			break;
		}
	}
}

/* The line of each rule finding that names a record of a table but no
 * line (budget categories): CI annotations point at that row. */
static void
line_records(struct ctx *c)
{
	const struct schema *s;
	const struct row *r;
	size_t i;

	for (i = 0; i < c->h->n; i++) {
		struct finding *f = &c->h->v[i];

		if (f->record == NULL || f->file == NULL || f->line != 0 ||
		    (s = schema_by_file(f->file)) == NULL || s->monthly ||
		    !valid(c, s) || s->nkeys > 1)
			continue;
		r = s->prefix != NULL ? table_find(tab(c, s), f->record) :
		    table_find_key(tab(c, s), f->record, NULL);
		if (r != NULL)
			f->line = r->line;
	}
}

/* ---- rules ---- */

static int32_t
date_of(const char *s)
{
	int32_t d;

	return *s != '\0' && date_parse(s, &d, NULL) == 0 ? d : 0;
}

static void
rules_schedule(struct ctx *c, struct plan *pl, int plan_ok)
{
	struct table *t = tab(c, &schema_tasks);
	int cs = schema_col(&schema_tasks, "start");
	int cbs = schema_col(&schema_tasks, "baseline_start");
	char d1[11], d2[11];
	size_t i;

	if (!valid(c, &schema_tasks) || t->nrows == 0)
		return;
	c->h->ran[rule_index("schedule-started-late")] = 1;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		int32_t s = date_of(table_get(t, r, cs));
		int32_t b = date_of(table_get(t, r, cbs));

		if (s != 0 && b != 0 && s > b)
			add(c->h, "schedule-started-late", table_get(t, r, ID_COL),
			    t->path, r->line, "started %s, %ld day%s after its "
			    "baseline start %s", date_fmt(s, d1), (long)(s - b),
			    s - b == 1 ? "" : "s", date_fmt(b, d2));
	}
	if (!plan_ok)
		return;
	c->h->ran[rule_index("schedule-negative-slack")] = 1;
	c->h->ran[rule_index("schedule-past-late-finish")] = 1;
	for (i = 0; i < pl->ntasks; i++) {
		const struct plan_task *pt = &pl->tasks[i];
		const char *id = table_get(t, pt->row, ID_COL);

		if (pt->slack < 0)
			add(c->h, "schedule-negative-slack", id, t->path,
			    pt->row->line, "slack is %ld working day%s: it "
			    "finishes %s, %s", pt->slack, pt->slack == -1 ? "" :
			    "s", date_fmt(pt->ef_date, d1), pt->has_deadline ?
			    "after its deadline or a successor's" :
			    "after a successor's deadline");
		if (!pt->finished && pt->lf_date < c->p->today)
			add(c->h, "schedule-past-late-finish", id, t->path,
			    pt->row->line, "not finished and its late finish %s "
			    "has passed", date_fmt(pt->lf_date, d1));
	}
}

static void
rules_budget(struct ctx *c, int expenses_ok)
{
	const struct budget_audit *pa = &c->audit;
	char pl[MONEY_HUMAN_MAX], ac[MONEY_HUMAN_MAX], pct[48];
	size_t i;

	if (!expenses_ok || !valid(c, &schema_budget) || !c->audited)
		return;
	rules_changes(c, pa);
	c->h->ran[rule_index("budget-overrun")] = 1;
	c->h->ran[rule_index("budget-warn")] = 1;
	for (i = 0; i < pa->nlines; i++) {
		const struct budget_line *l = &pa->lines[i];

		project_money(c->p, l->planned, pl);
		project_money(c->p, l->actual, ac);
		if (l->health == HEALTH_RED && !l->has_plan)
			add(c->h, "budget-overrun", l->category, "budget.csv", 0,
			    "%s spent on a category without a plan", ac);
		else if (l->health == HEALTH_RED)
			add(c->h, "budget-overrun", l->category, "budget.csv", 0,
			    "%s spent of %s planned (%s%%)", ac, pl,
			    budget_pct_fmt(l->actual, l->planned, pct));
		else if (l->health == HEALTH_AMBER)
			add(c->h, "budget-warn", l->category, "budget.csv", 0,
			    "%s spent of %s planned (%s%%, warning at %ld%%)",
			    ac, pl, budget_pct_fmt(l->actual, l->planned, pct),
			    c->p->budget_warn);
	}
	/* The area's line. */
	if (pa->sums.planned > 0 || pa->sums.count > 0) {
		project_money(c->p, pa->sums.actual, ac);
		project_money(c->p, pa->sums.planned, pl);
		if (pa->sums.planned > 0)
			green(&c->h->areas[AREA_BUDGET], c->h->lang,
			    "%s spent of %s planned (%s%%)", ac, pl,
			    budget_pct_fmt(pa->sums.actual, pa->sums.planned,
			    pct));
		else
			green(&c->h->areas[AREA_BUDGET], c->h->lang,
			    "%s spent, no budget planned", ac);
		c->h->areas[AREA_BUDGET].status = AREA_GREEN;
	}
}

int
health_risk_warn(const struct project *p, const struct table *t,
    const struct row *r, struct risk_warn *w)
{
	int crit;

	memset(w, 0, sizeof(*w));
	if (strcmp(table_get(t, r, RISK_STATUS), "open") != 0)
		return 0;
	w->score = risk_score(t, r);
	crit = w->score >= p->risk_critical;
	w->no_owner = crit && *table_get(t, r, RISK_OWNER) == '\0';
	w->no_response = crit && *table_get(t, r, RISK_RESPONSE) == '\0';
	w->review = date_of(table_get(t, r, RISK_REVIEW));
	if (w->review >= p->today)
		w->review = 0;
	return w->no_owner || w->no_response || w->review != 0;
}

int
health_risk_reason(const struct project *p, const struct table *t,
    const struct row *r, char *buf, size_t len)
{
	struct risk_warn w;
	char d[11];
	size_t n;

	buf[0] = '\0';
	if (!health_risk_warn(p, t, r, &w))
		return 0;
	if (w.review != 0)
		snprintf(buf, len, "review was due %s", date_fmt(w.review, d));
	if (w.no_owner) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "%scritical (score %ld) without an "
		    "owner", n > 0 ? "; " : "", w.score);
	}
	if (w.no_response) {
		n = strlen(buf);
		snprintf(buf + n, len - n, "%scritical (score %ld) without a "
		    "response", n > 0 ? "; " : "", w.score);
	}
	return 1;
}

static void
rules_risk(struct ctx *c, size_t *nopen)
{
	struct table *t = tab(c, &schema_risks);
	struct risk_warn w;
	char d[11];
	size_t i;

	*nopen = 0;
	if (!valid(c, &schema_risks))
		return;
	c->h->ran[rule_index("risk-critical-unmanaged")] = 1;
	c->h->ran[rule_index("risk-review-overdue")] = 1;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		const char *id = table_get(t, r, RISK_ID);

		if (strcmp(table_get(t, r, RISK_STATUS), "open") != 0)
			continue;
		(*nopen)++;
		if (!health_risk_warn(c->p, t, r, &w))
			continue;
		if (w.no_owner || w.no_response)
			add(c->h, "risk-critical-unmanaged", id, t->path, r->line,
			    w.no_owner && w.no_response ? "open, score %ld "
			    "(critical at %ld), without owner or response" :
			    w.no_owner ? "open, score %ld (critical at %ld), "
			    "without an owner" : "open, score %ld (critical at "
			    "%ld), without a response", w.score,
			    c->p->risk_critical);
		if (w.review != 0)
			add(c->h, "risk-review-overdue", id, t->path, r->line,
			    "review was due %s", date_fmt(w.review, d));
	}
}

/* The issue log: open is open or in progress. */
static void
rules_issues(struct ctx *c)
{
	struct table *t = tab(c, &schema_issues);
	char d[11];
	size_t i;

	if (!valid(c, &schema_issues))
		return;
	c->h->ran[rule_index("issue-critical-open")] = 1;
	c->h->ran[rule_index("issue-escalated")] = 1;
	c->h->ran[rule_index("issue-overdue")] = 1;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		const char *id = table_get(t, r, ISSUE_ID);
		int32_t due = date_of(table_get(t, r, ISSUE_DUE));

		if (!rec_is_open(&issue_type, t, r))
			continue;
		if (strcmp(table_get(t, r, ISSUE_SEVERITY), "critical") == 0)
			add(c->h, "issue-critical-open", id, t->path, r->line,
			    "critical issue is %s",
			    table_get(t, r, ISSUE_STATUS));
		if (strcmp(table_get(t, r, ISSUE_ESCALATION), "3") == 0)
			add(c->h, "issue-escalated", id, t->path, r->line,
			    "escalated to level 3");
		if (due != 0 && due < c->p->today)
			add(c->h, "issue-overdue", id, t->path, r->line,
			    "was due %s", date_fmt(due, d));
	}
}

/* The billing items against the contract value, when both exist: the
 * difference in exact money (issue 16). */
static void
billing_contract(struct ctx *c, const struct table *t)
{
	struct bill_sums bs;
	char x[64], y[64], z[64];
	int64_t diff;

	if (!c->p->has_contract_value || t->nrows == 0)
		return;
	c->h->ran[rule_index("billing-contract")] = 1;
	if (bill_sum(t, c->p->digits, &bs) == -1)
		return;		/* reported: invalid data */
	if (bs.total == c->p->contract_value ||
	    __builtin_sub_overflow(bs.total, c->p->contract_value, &diff))
		return;
	if (diff < 0)
		add(c->h, "billing-contract", "project", t->path, 0, "the "
		    "billing items add up to %s, the contract value is %s: %s "
		    "not billed", project_money(c->p, bs.total, x),
		    project_money(c->p, c->p->contract_value, y),
		    project_money(c->p, -diff, z));
	else
		add(c->h, "billing-contract", "project", t->path, 0, "the "
		    "billing items add up to %s, the contract value is %s: %s "
		    "billed beyond the contract", project_money(c->p, bs.total,
		    x), project_money(c->p, c->p->contract_value, y),
		    project_money(c->p, diff, z));
}

/* What the client pays (issue 16, bill.h). */
static void
rules_billing(struct ctx *c)
{
	struct table *t = tab(c, &schema_billing);
	const struct table *tk = valid(c, &schema_tasks) ?
	    tab(c, &schema_tasks) : NULL;
	const struct row *task;
	char d[11];
	int32_t due, inv, fin, day;
	long late, n;
	size_t i;

	if (!valid(c, &schema_billing))
		return;
	billing_contract(c, t);
	c->h->ran[rule_index("invoice-unpaid")] = 1;
	c->h->ran[rule_index("invoice-unpaid-red")] = 1;
	if (tk != NULL)
		c->h->ran[rule_index("milestone-not-invoiced")] = 1;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		const char *id = table_get(t, r, BILL_ID);
		enum bill_state st = bill_state_of(t, r, tk, c->p->today, &due);

		inv = date_of(table_get(t, r, BILL_INVOICED));
		/* kam bill never writes these; a hand edit may. */
		if (*table_get(t, r, BILL_PAID) != '\0' && (inv == 0 ||
		    date_of(table_get(t, r, BILL_PAID)) < inv))
		{
			if (inv == 0)
				add(c->h, "invalid-value", id, t->path, r->line,
				    "paid: %s without an invoiced date (an item "
				    "is invoiced before it is paid)",
				    table_get(t, r, BILL_PAID));
			else
				add(c->h, "invalid-value", id, t->path, r->line,
				    "paid: %s is before the invoiced date (an "
				    "item is invoiced before it is paid)",
				    table_get(t, r, BILL_PAID));
		}
		late = st == BILLST_INVOICED && inv != 0 ? c->p->today - inv : 0;
		if (late > 2 * c->p->payment_days)
			add(c->h, "invoice-unpaid-red", id, t->path, r->line,
			    "invoiced %s, unpaid after %ld days (red above %ld)",
			    date_fmt(inv, d), late, 2 * c->p->payment_days);
		else if (late > c->p->payment_days)
			add(c->h, "invoice-unpaid", id, t->path, r->line,
			    "invoiced %s, unpaid after %ld days (amber above "
			    "%ld)", date_fmt(inv, d), late, c->p->payment_days);
		if (st != BILLST_DUE || tk == NULL ||
		    (task = table_find(tk, table_get(t, r, BILL_MILESTONE))) ==
		    NULL || (fin = date_of(table_get(tk, task, TASK_FINISH))) ==
		    0)
			continue;
		for (n = 0, day = fin + 1; day <= c->p->today && n <= 5; day++)
			n += project_is_workday(c->p, day);
		if (n > 5)
			add(c->h, "milestone-not-invoiced", id, t->path, r->line,
			    "milestone %s finished %s, not invoiced after more "
			    "than 5 working days", table_get(t, r, BILL_MILESTONE),
			    date_fmt(fin, d));
	}
}

/* Effort actually spent (issue 16, timesheet.h). */
struct overbooked {
	struct ctx	*c;
	struct table	*people;
};

static void
overbooked_week(void *arg, long person, int32_t monday, int64_t q)
{
	struct overbooked *ob = arg;
	struct ctx *c = ob->c;
	const struct row *pr;
	char id[32], d[11], h[32], cp[32];
	long cap = 100, wd = 0;
	int32_t day;

	snprintf(id, sizeof(id), "P-%ld", person);
	if ((pr = table_find(ob->people, id)) != NULL &&
	    int_parse(table_get(ob->people, pr, PERSON_CAPACITY), 0, 100,
	    &cap, NULL) == -1)
		cap = 100;
	for (day = monday; day < monday + 7; day++)
		wd += project_is_workday(c->p, day);
	if ((__int128)q * 100 <= (__int128)wd * cap * c->p->hours_per_day)
		return;
	add(c->h, "person-overbooked", id, ob->people->path, pr != NULL ?
	    pr->line : 0, "booked %s hours in the week of %s, capacity %s "
	    "(%ld working days at %ld%%)", hours_fmt(q, h),
	    date_fmt(monday, d), hours_fmt(time_capacity(c->p, wd, cap), cp),
	    wd, cap);
}

static void
rules_effort(struct ctx *c)
{
	struct table *tk = tab(c, &schema_tasks);
	struct overbooked ob;
	char h[32], pl[32], pct[48];
	int64_t q, planned;
	long days;
	size_t i;

	if (!c->time_ok)
		return;
	if (valid(c, &schema_tasks)) {
		c->h->ran[rule_index("effort-overrun")] = 1;
		for (i = 0; i < tk->nrows; i++) {
			const struct row *r = &tk->rows[i];

			if ((q = time_sums_task(c->tsums, r->num)) == 0 ||
			    int_parse(table_get(tk, r, TASK_DURATION), 0,
			    100000, &days, NULL) == -1)
				continue;
			planned = (int64_t)days * c->p->hours_per_day;
			if (time_effort_over(q, planned, c->p->effort_overrun))
				add(c->h, "effort-overrun", table_get(tk, r,
				    TASK_ID), tk->path, r->line, "booked %s "
				    "hours of %s planned (%s%%, amber above "
				    "%ld%% more)", hours_fmt(q, h),
				    hours_fmt(planned, pl),
				    budget_pct_fmt(q, planned, pct),
				    c->p->effort_overrun);
		}
	}
	if (valid(c, &schema_people)) {
		c->h->ran[rule_index("person-overbooked")] = 1;
		ob.c = c;
		ob.people = tab(c, &schema_people);
		time_sums_weeks(c->tsums, overbooked_week, &ob);
	}
}

static void
rules_requirements(struct ctx *c)
{
	struct table *rq = tab(c, &schema_requirements);
	struct table *tk = tab(c, &schema_tasks);
	struct table *q = tab(c, &schema_quality);
	struct reqflow_checks *ch = NULL;
	int rst = schema_col(&schema_requirements, "status");
	int tst = schema_col(&schema_tasks, "start");
	int tfi = schema_col(&schema_tasks, "finish");
	int trq = schema_col(&schema_tasks, "reqs");
	int qsub = schema_col(&schema_quality, "subject");
	char one[32];
	size_t i;

	if (!valid(c, &schema_requirements))
		return;
	if (valid(c, &schema_tasks)) {
		c->h->ran[rule_index("task-unconfirmed-requirement")] = 1;
		for (i = 0; i < tk->nrows; i++) {
			const struct row *r = &tk->rows[i];
			const char *v = table_get(tk, r, trq), *sp;
			size_t n;

			if (*table_get(tk, r, tst) == '\0' &&
			    *table_get(tk, r, tfi) == '\0')
				continue;
			while (*v != '\0') {
				const struct row *req;
				const char *st;

				sp = strchr(v, ' ');
				n = sp != NULL ? (size_t)(sp - v) : strlen(v);
				if (n < sizeof(one)) {
					memcpy(one, v, n);
					one[n] = '\0';
					if ((req = table_find(rq, one)) != NULL &&
					    strcmp(st = table_get(rq, req, rst),
					    "confirmed") != 0 &&
					    strcmp(st, "done") != 0)
						add(c->h,
						    "task-unconfirmed-requirement",
						    table_get(tk, r, ID_COL), tk->path,
						    r->line, "started, but its "
						    "requirement %s is %s, not "
						    "confirmed", one, st);
				}
				v += n;
				while (*v == ' ')
					v++;
			}
		}
	}
	if (!valid(c, &schema_quality))
		return;
	/* One pass over the checks, indexed by requirement. */
	c->h->ran[rule_index("requirement-done-untested")] = 1;
	ch = xcalloc(rq->nrows + 1, sizeof(*ch));
	for (i = 0; i < q->nrows; i++) {
		const struct row *r = &q->rows[i], *req;
		char canon[32];
		long num;

		if (id_parse_arg(table_get(q, r, qsub), "REQ", canon, &num,
		    NULL) == -1 || (req = table_find(rq, canon)) == NULL)
			continue;
		reqflow_checks_add(&ch[req - rq->rows], q, r);
	}
	for (i = 0; i < rq->nrows; i++) {
		const struct row *r = &rq->rows[i];

		if (strcmp(table_get(rq, r, rst), "done") != 0 ||
		    ch[i].latest_result == REQFLOW_CHECK_PASS)
			continue;
		add(c->h, "requirement-done-untested", table_get(rq, r, ID_COL),
		    rq->path, r->line, ch[i].n == 0 ?
		    "done, but no quality check names it" :
		    "done, but its latest quality check failed");
	}
	free(ch);
}

static void
rules_quality(struct ctx *c, size_t *nopen)
{
	struct table *t = tab(c, &schema_defects);
	int csev = schema_col(&schema_defects, "severity");
	int cst = schema_col(&schema_defects, "status");
	size_t i;

	*nopen = 0;
	if (!valid(c, &schema_defects))
		return;
	c->h->ran[rule_index("defect-critical-open")] = 1;
	c->h->ran[rule_index("defect-major-open")] = 1;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		const char *sev = table_get(t, r, csev);

		if (strcmp(table_get(t, r, cst), "open") != 0)
			continue;
		(*nopen)++;
		if (strcmp(sev, "critical") == 0)
			add(c->h, "defect-critical-open", table_get(t, r, ID_COL),
			    t->path, r->line, "critical defect open: %s",
			    table_get(t, r, DEFECT_TITLE));
		else if (strcmp(sev, "major") == 0)
			add(c->h, "defect-major-open", table_get(t, r, ID_COL),
			    t->path, r->line, "major defect open: %s",
			    table_get(t, r, DEFECT_TITLE));
	}
}

static void
rules_csat(struct ctx *c)
{
	struct table *t = tab(c, &schema_csat);
	int cd = schema_col(&schema_csat, "date");
	int cs = schema_col(&schema_csat, "score");
	struct csat_tally tl = CSAT_TALLY_INIT;
	long v;
	int32_t d;
	size_t i;
	struct area *a = &c->h->areas[AREA_SATISFACTION];

	if (!valid(c, &schema_csat))
		return;
	for (i = 0; i < t->nrows; i++) {
		d = date_of(table_get(t, &t->rows[i], cd));
		if (d == 0 || d > c->p->today || d <= c->p->today - 90 ||
		    int_parse(table_get(t, &t->rows[i], cs), 0, 10, &v, NULL))
			continue;
		csat_tally_add(&tl, v);
	}
	if (tl.n == 0) {
		if (t->nrows > 0)
			green(a, c->h->lang, "no scores in the last 90 days");
		return;
	}
	c->h->ran[rule_index("csat-low")] = 1;
	green(a, c->h->lang, "average %ld.%ld of %ld score%s in the last 90 "
	    "days (minimum %ld)", csat_avg10(&tl) / 10, csat_avg10(&tl) % 10,
	    tl.n, tl.n == 1 ? "" : "s", c->p->csat_min);
	a->status = AREA_GREEN;
	/* Red on the exact average, not the rounded one. */
	if (tl.sum < c->p->csat_min * tl.n) {
		add(c->h, "csat-low", NULL, t->path, 0, "%s", a->reason);
		if (a->client != NULL)
			c->h->v[c->h->n - 1].why_client = xstrdup(a->client);
	}
}

/* One period after `last` by the calendar; kam.conf's working calendar
 * moves it to the working day on or after. */
static int32_t
comm_period_end(const char *freq, int32_t last)
{
	int y, m, d, add, mdays;

	if (strcmp(freq, "daily") == 0)
		return last + 1;
	if (strcmp(freq, "weekly") == 0)
		return last + 7;
	if (strcmp(freq, "biweekly") == 0)
		return last + 14;
	add = strcmp(freq, "quarterly") == 0 ? 3 : 1;
	date_ymd(last, &y, &m, &d);
	m += add;
	while (m > 12) {
		m -= 12;
		y++;
	}
	/* The same day of the month, or the month's last day. */
	mdays = (int)(date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1,
	    1) - date_from_ymd(y, m, 1));
	return date_from_ymd(y, m, d > mdays ? mdays : d);
}

int32_t
health_comm_next(const struct project *p, const char *freq, int32_t last)
{
	return project_next_workday(p, comm_period_end(freq, last));
}

static void
rules_comms(struct ctx *c)
{
	struct table *t = tab(c, &schema_comms);
	int cf = schema_col(&schema_comms, "frequency");
	int cl = schema_col(&schema_comms, "last");
	char d1[11];
	size_t i;

	if (!valid(c, &schema_comms))
		return;
	c->h->ran[rule_index("comm-overdue")] = 1;
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];
		int32_t last = date_of(table_get(t, r, cl)), due;

		if (last == 0 && c->p->start == 0)
			continue;
		due = health_comm_next(c->p, table_get(t, r, cf), last != 0 ?
		    last : c->p->start);
		if (c->p->today - due > c->p->comm_grace)
			add(c->h, "comm-overdue", table_get(t, r, ID_COL), t->path,
			    r->line, last == 0 ? "%s communication was due %s "
			    "(%ld days ago; grace %ld), never done" :
			    "%s communication was due %s (%ld days ago; grace "
			    "%ld)", table_get(t, r, cf), date_fmt(due, d1),
			    (long)(c->p->today - due), c->p->comm_grace);
	}
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
rules_raci(struct ctx *c)
{
	struct table *t = tab(c, &schema_raci);
	int ca = schema_col(&schema_raci, "activity");
	int cr = schema_col(&schema_raci, "role");
	const char **acts;
	size_t i, j, k, na, nr;

	if (!valid(c, &schema_raci) || t->nrows == 0)
		return;
	c->h->ran[rule_index("raci-accountable")] = 1;
	c->h->ran[rule_index("raci-responsible")] = 1;
	acts = xcalloc(t->nrows, sizeof(char *));
	for (i = 0; i < t->nrows; i++)
		acts[i] = table_get(t, &t->rows[i], ca);
	qsort(acts, t->nrows, sizeof(char *), cmp_str);
	for (i = 0; i < t->nrows; i = j) {
		const struct row *first = NULL;

		for (j = i; j < t->nrows && strcmp(acts[j], acts[i]) == 0; j++)
			;
		na = nr = 0;
		for (k = 0; k < t->nrows; k++) {
			const struct row *r = &t->rows[k];
			const char *role;

			if (strcmp(table_get(t, r, ca), acts[i]) != 0)
				continue;
			if (first == NULL || r->line < first->line)
				first = r;
			role = table_get(t, r, cr);
			na += strcmp(role, "A") == 0;
			nr += strcmp(role, "R") == 0;
		}
		if (na != 1)
			add(c->h, "raci-accountable", acts[i], t->path,
			    first ? first->line : 0, "%zu people accountable "
			    "(A); exactly one is needed", na);
		if (nr == 0)
			add(c->h, "raci-responsible", acts[i], t->path,
			    first ? first->line : 0, "nobody responsible (R)");
	}
	free(acts);
}

/* ---- the early warnings (issue 10) ---- */

/* Sum of the tasks' costs (BAC) without reading the expenses; -1 when it
 * leaves the money range (budget_evm then reports it). */
static int
tasks_cost(struct ctx *c, int64_t *bac)
{
	struct table *t = tab(c, &schema_tasks);
	int cc = schema_col(&schema_tasks, "cost");
	int64_t v;
	size_t i;

	*bac = 0;
	for (i = 0; i < t->nrows; i++) {
		const char *s = table_get(t, &t->rows[i], cc);

		if (*s != '\0' && money_parse(s, c->p->digits, &v, NULL) == 0 &&
		    money_add(bac, v) == -1)
			return -1;
	}
	return 0;
}

/* x >= pct % of whole, exactly. */
static int
at_least_pct(int64_t x, long pct, int64_t whole)
{
	return (__int128)x * 100 >= (__int128)pct * whole;
}

static void
evm_one(struct ctx *c, const char *what, int64_t v, const char *num,
    int64_t a, const char *den, int64_t b)
{
	char r[32], t[32], x[MONEY_HUMAN_MAX], y[MONEY_HUMAN_MAX];

	project_money(c->p, a, x);
	project_money(c->p, b, y);
	if (v < c->p->evm_red)
		add(c->h, "evm-red", what, "tasks.csv", 0, "%s (%s %s / %s %s), "
		    "red below %s", budget_ratio_fmt(v, r), num, x, den, y,
		    budget_ratio_fmt(c->p->evm_red, t));
	else if (v < c->p->evm_warn)
		add(c->h, "evm-warn", what, "tasks.csv", 0, "%s (%s %s / %s %s), "
		    "amber below %s", budget_ratio_fmt(v, r), num, x, den,
		    y, budget_ratio_fmt(c->p->evm_warn, t));
}

/* Earned value of lib/budget: CPI and SPI against the thresholds, once
 * EV or PV is evm-min-pct % of BAC (a project's first days, with little
 * earned or planned, would flap between red and green). */
static void
rules_evm(struct ctx *c, int expenses_ok, int plan_ok)
{
	struct budget_evm e = BUDGET_EVM_INIT;
	const struct evm_line *l = &e.total;
	int64_t bac;

	if (!expenses_ok || !plan_ok || !valid(c, &schema_tasks) ||
	    tasks_cost(c, &bac) == -1 || bac <= 0)
		return;
	if (budget_evm_sums(&e, c->p, tab(c, &schema_tasks),
	    c->audit.has_to_today ? &c->audit.to_today : NULL) == -1)
		goto out;
	c->has_eac = l->has_eac;
	c->eac = e.whole_eac;	/* the whole project's, as kam budget margin */
	c->h->ran[rule_index("evm-red")] = 1;
	c->h->ran[rule_index("evm-warn")] = 1;
	if (l->bac <= 0 || (!at_least_pct(l->ev, c->p->evm_min_pct, l->bac) &&
	    !at_least_pct(l->pv, c->p->evm_min_pct, l->bac)))
		goto out;
	c->has_cpi = l->has_cpi;
	c->has_spi = l->has_spi;
	c->cpi = l->cpi;
	c->spi = l->spi;
	if (l->has_cpi)
		evm_one(c, "CPI", l->cpi, "EV", l->ev, "AC", l->ac);
	if (l->has_spi)
		evm_one(c, "SPI", l->spi, "EV", l->ev, "PV", l->pv);
out:
	budget_evm_release(&e);
}

/* project.deadline against the forecast finish of the plan. */
static void
rules_deadline(struct ctx *c, struct plan *pl, int plan_ok)
{
	char d1[11], d2[11];
	long margin;

	if (!plan_ok || c->p->deadline == 0 || pl->ntasks == 0)
		return;
	c->h->ran[rule_index("deadline-missed")] = 1;
	c->h->ran[rule_index("deadline-near")] = 1;
	date_fmt(pl->finish, d1);
	date_fmt(c->p->deadline, d2);
	if (pl->finish > c->p->deadline) {
		margin = plan_date_index(pl, pl->finish) -
		    plan_cal_index_before(&pl->cal, c->p->deadline);
		add(c->h, "deadline-missed", "project", "kam.conf", 0,
		    "forecast finish %s is %ld working day%s after the deadline "
		    "%s", d1, margin, margin == 1 ? "" : "s", d2);
		return;
	}
	margin = plan_cal_index_before(&pl->cal, c->p->deadline) -
	    plan_date_index(pl, pl->finish);
	if (margin <= c->p->deadline_warn)
		add(c->h, "deadline-near", "project", "kam.conf", 0,
		    "forecast finish %s is %ld working day%s before the deadline "
		    "%s (amber within %ld)", d1, margin, margin == 1 ? "" : "s",
		    d2, c->p->deadline_warn);
}

/* Tasks late against their planned dates: lib/plan's rule of kam task
 * late, graded by the working days late. */
static void
rules_late(struct ctx *c, struct plan *pl, int plan_ok)
{
	struct table *t = tab(c, &schema_tasks);
	struct plan ref = PLAN_INIT;
	char reason[200];
	int32_t ps, pf;
	long days;
	size_t i;

	if (!plan_ok || pl->ntasks == 0 ||
	    plan_compute_flags(&ref, c->p, t, PLAN_NO_ACTUALS) == -1)
		goto out;
	c->h->ran[rule_index("task-very-late")] = 1;
	c->h->ran[rule_index("task-late")] = 1;
	for (i = 0; i < pl->ntasks; i++) {
		const struct plan_task *pt = &pl->tasks[i];

		/* With a baseline in the project it is the plan of record:
		 * a task added since has no planned dates to be late
		 * against (as it has no PV in lib/budget's earned value). */
		if (pl->has_baseline && !pt->has_baseline)
			continue;
		if (!plan_task_late(pl, &ref, i, c->p->today, reason,
		    sizeof(reason), &days, &ps, &pf) ||
		    days <= c->p->late_grace)
			continue;
		c->nlate++;
		add(c->h, days > c->p->late_red ? "task-very-late" :
		    "task-late", table_get(t, pt->row, ID_COL), t->path,
		    pt->row->line, pt->started ?
		    "%ld working day%s late (%s), %s above %ld" :
		    "%ld working day%s late (%s, not started), %s above %ld",
		    days, days == 1 ? "" : "s", reason, days >
		    c->p->late_red ? "red" : "amber", days > c->p->late_red ?
		    c->p->late_red : c->p->late_grace);
		if (c->h->lang != LANG_EN) {
			/* The plan's reason in the client's language too. */
			struct finding *f = &c->h->v[c->h->n - 1];
			char zr[sizeof(reason)];
			long zd;
			int32_t zs, zf;

			plan_task_late_lang(pl, &ref, i, c->p->today,
			    c->h->lang, zr, sizeof(zr), &zd, &zs, &zf);
			free(f->why_client);
			f->why_client = xasprintf(pt->started ?
			    lang_tr(c->h->lang, "%ld working day%s late (%s), "
			    "%s above %ld") : lang_tr(c->h->lang, "%ld working "
			    "day%s late (%s, not started), %s above %ld"), days,
			    days == 1 ? "" : "s", zr, days > c->p->late_red ?
			    "red" : "amber", days > c->p->late_red ?
			    c->p->late_red : c->p->late_grace);
		}
	}
out:
	plan_release(&ref);
}

/* Open action items of one minutes file past their due date. */
static void
rules_actions(struct ctx *c, const struct minutes *m)
{
	const struct table *people = tab(c, &schema_people);
	const struct row *who;
	char d[11], name[200];
	long late;
	size_t i;

	for (i = 0; i < m->nactions; i++) {
		const struct minutes_item *a = &m->actions[i];

		if (a->done || !a->has_due || a->due >= c->p->today)
			continue;
		late = (long)(c->p->today - a->due);
		name[0] = '\0';
		if (a->owner[0] != '\0' && valid(c, &schema_people) &&
		    (who = table_find(people, a->owner)) != NULL)
			snprintf(name, sizeof(name), " (%s)",
			    table_get(people, who, PERSON_NAME));
		if (a->owner[0] != '\0')
			add(c->h, late > c->p->action_red ?
			    "action-very-overdue" : "action-overdue", NULL,
			    m->path, a->line, "open action was due %s, %ld "
			    "day%s ago (red after %ld); owner %s%s: %s",
			    date_fmt(a->due, d), late, late == 1 ? "" : "s",
			    c->p->action_red, a->owner, name, a->text);
		else
			add(c->h, late > c->p->action_red ?
			    "action-very-overdue" : "action-overdue", NULL,
			    m->path, a->line, "open action was due %s, %ld "
			    "day%s ago (red after %ld); owner nobody: %s",
			    date_fmt(a->due, d), late, late == 1 ? "" : "s",
			    c->p->action_red, a->text);
	}
}

/* Approved changes to confirmed requirements against the budget left
 * over after the tasks' costs. */
static void
rules_changes(struct ctx *c, const struct budget_audit *a)
{
	struct table *ch = tab(c, &schema_changes);
	struct table *rq = tab(c, &schema_requirements);
	int cst = schema_col(&schema_changes, "status");
	int creq = schema_col(&schema_changes, "req");
	int ccost = schema_col(&schema_changes, "cost");
	int rst = schema_col(&schema_requirements, "status");
	char x[MONEY_HUMAN_MAX], y[MONEY_HUMAN_MAX], z[MONEY_HUMAN_MAX],
	    w[MONEY_HUMAN_MAX];
	const char *last = NULL;
	unsigned long line = 0;
	int64_t bac, total = 0, rest, v;
	size_t i, n = 0;

	if (!valid(c, &schema_changes) || !valid(c, &schema_requirements) ||
	    !valid(c, &schema_tasks) || a->sums.planned <= 0 ||
	    tasks_cost(c, &bac) == -1)
		return;
	c->h->ran[rule_index("change-unfunded")] = 1;
	for (i = 0; i < ch->nrows; i++) {
		const struct row *r = &ch->rows[i], *req;
		const char *st;

		if (strcmp(table_get(ch, r, cst), "approved") != 0 ||
		    (req = table_find(rq, table_get(ch, r, creq))) == NULL ||
		    (strcmp(st = table_get(rq, req, rst), "confirmed") != 0 &&
		    strcmp(st, "done") != 0) ||
		    money_parse(table_get(ch, r, ccost), c->p->digits, &v,
		    NULL) == -1 || v <= 0 || money_add(&total, v) == -1)
			continue;
		n++;
		last = table_get(ch, r, ID_COL);
		line = r->line;
	}
	rest = a->sums.planned - bac;
	if (n == 0 || total <= rest)
		return;
	add(c->h, "change-unfunded", last, ch->path, line, "%zu approved "
	    "change%s to confirmed requirements cost %s; budget.csv plans %s, "
	    "the tasks cost %s, leaving %s", n, n == 1 ? "" : "s",
	    project_money(c->p, total, x), project_money(c->p,
	    a->sums.planned, y), project_money(c->p, bac, z),
	    project_money(c->p, rest, w));
}

/* ---- areas ---- */

static void
set_reason(struct area *a, char *s)
{
	free(a->reason);
	a->reason = s;
}

static void
set_client(struct area *a, char *s)
{
	free(a->client);
	a->client = s;
}

/* An area's reason from the data: the English for kam status and check,
 * and the client's reports' in the project's language (lib/lang.c) when
 * it has the format. */

static void
green(struct area *a, int lang, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_reason(a, xvasprintf(fmt, ap));
	va_end(ap);
	if (lang == LANG_EN || lang_tr(lang, fmt) == fmt)
		return;
	va_start(ap, fmt);
	set_client(a, xvasprintf(lang_tr(lang, fmt), ap));
	va_end(ap);
}

/* The green line of the commercial area (issue 16): what the contract is
 * worth, what was invoiced and paid, and the forecast margin. */
static void
commercial(struct ctx *c)
{
	struct area *a = &c->h->areas[AREA_COMMERCIAL];
	struct table *t = tab(c, &schema_billing);
	struct bill_sums bs;
	struct kam_buf b[2] = { KAM_BUF_INIT, KAM_BUF_INIT };
	char m1[MONEY_HUMAN_MAX], m2[MONEY_HUMAN_MAX], m3[MONEY_HUMAN_MAX];
	char pct[48];
	int64_t fm;
	int d = c->p->digits, k, lang;

	if (!valid(c, &schema_billing) || (t->nrows == 0 &&
	    !c->p->has_contract_value) || bill_sum(t, d, &bs) == -1)
		return;
	/* The line in English (kam check, kam status) and, for a report in
	 * another language, in that one (lib/lang.c), piece by piece. */
	for (k = 0; k < 2; k++) {
		lang = k == 0 ? LANG_EN : c->h->lang;
		if (k == 1 && lang == LANG_EN)
			break;
		if (c->p->has_contract_value)
			kam_buf_printf(&b[k], lang_tr(lang, "contract %s, "),
			    project_money(c->p, c->p->contract_value, m1));
		kam_buf_printf(&b[k], lang_tr(lang, "invoiced %s, paid %s"),
		    project_money(c->p, bs.invoiced, m2),
		    project_money(c->p, bs.paid, m3));
		if (c->p->has_contract_value && c->has_eac &&
		    !__builtin_sub_overflow(c->p->contract_value, c->eac,
		    &fm)) {
			kam_buf_printf(&b[k], lang_tr(lang, "; forecast margin "
			    "%s"), project_money(c->p, fm, m1));
			if (c->p->contract_value > 0)
				kam_buf_printf(&b[k], lang_tr(lang, " (%s%%)"),
				    budget_pct_fmt(fm, c->p->contract_value,
				    pct));
		}
	}
	a->status = AREA_GREEN;
	set_reason(a, kam_buf_detach(&b[0]));
	if (b[1].len > 0)
		set_client(a, kam_buf_detach(&b[1]));
	kam_buf_release(&b[0]);
	kam_buf_release(&b[1]);
}

static void
areas(struct ctx *c, struct plan *pl, int plan_ok, size_t nopen_risks,
    size_t nopen_defects)
{
	struct health *h = c->h;
	struct table *tk = tab(c, &schema_tasks), *rq =
	    tab(c, &schema_requirements);
	size_t i, a, cnt[AREA_N][3];
	const struct finding *first[AREA_N][3];
	char d[11], dl[32], more[40], where[300];

	memset(cnt, 0, sizeof(cnt));
	memset(first, 0, sizeof(first));
	for (a = 0; a < AREA_N; a++) {
		h->areas[a].name = area_names[a];
		h->areas[a].more = area_more[a];
	}
	/* Green lines from the data. */
	if (plan_ok && tk->nrows > 0) {
		h->areas[AREA_SCHEDULE].status = AREA_GREEN;
		if (c->p->deadline != 0)
			green(&h->areas[AREA_SCHEDULE], h->lang, "%zu task%s, "
			    "finish %s (deadline %s), %zu late, %zu critical",
			    tk->nrows, tk->nrows == 1 ? "" : "s",
			    date_fmt(pl->finish, d), date_fmt(c->p->deadline,
			    dl), c->nlate, pl->ncritical);
		else
			green(&h->areas[AREA_SCHEDULE], h->lang, "%zu task%s, "
			    "finish %s, %zu late, %zu critical", tk->nrows,
			    tk->nrows == 1 ? "" : "s", date_fmt(pl->finish, d),
			    c->nlate, pl->ncritical);
	}
	if (valid(c, &schema_risks) && tab(c, &schema_risks)->nrows > 0) {
		h->areas[AREA_RISK].status = AREA_GREEN;
		green(&h->areas[AREA_RISK], h->lang, "%zu open risk%s of "
		    "%zu", nopen_risks, nopen_risks == 1 ? "" : "s",
		    tab(c, &schema_risks)->nrows);
	}
	if (valid(c, &schema_requirements) && rq->nrows > 0) {
		int st = schema_col(&schema_requirements, "status");
		size_t conf = 0, done = 0;

		for (i = 0; i < rq->nrows; i++) {
			const char *v = table_get(rq, &rq->rows[i], st);

			conf += strcmp(v, "confirmed") == 0;
			done += strcmp(v, "done") == 0;
		}
		h->areas[AREA_REQUIREMENTS].status = AREA_GREEN;
		green(&h->areas[AREA_REQUIREMENTS], h->lang, "%zu "
		    "requirement%s: %zu confirmed, %zu done", rq->nrows,
		    rq->nrows == 1 ? "" : "s", conf, done);
	}
	if ((valid(c, &schema_defects) && tab(c, &schema_defects)->nrows > 0) ||
	    (valid(c, &schema_quality) && tab(c, &schema_quality)->nrows > 0)) {
		h->areas[AREA_QUALITY].status = AREA_GREEN;
		green(&h->areas[AREA_QUALITY], h->lang, "%zu quality "
		    "check%s, %zu open defect%s",
		    tab(c, &schema_quality)->nrows,
		    tab(c, &schema_quality)->nrows == 1 ? "" : "s",
		    nopen_defects, nopen_defects == 1 ? "" : "s");
	}
	if ((valid(c, &schema_comms) && tab(c, &schema_comms)->nrows > 0) ||
	    (valid(c, &schema_raci) && tab(c, &schema_raci)->nrows > 0)) {
		h->areas[AREA_COMMUNICATION].status = AREA_GREEN;
		green(&h->areas[AREA_COMMUNICATION], h->lang, "%zu planned "
		    "communication%s, %zu RACI entr%s",
		    tab(c, &schema_comms)->nrows,
		    tab(c, &schema_comms)->nrows == 1 ? "" : "s",
		    tab(c, &schema_raci)->nrows,
		    tab(c, &schema_raci)->nrows == 1 ? "y" : "ies");
	}
	if (c->has_cpi || c->has_spi) {
		struct area *b = &h->areas[AREA_BUDGET];
		char r1[32], r2[32], ev[80];

		snprintf(ev, sizeof(ev), "%s%s%s%s%s", c->has_cpi ? "CPI " : "",
		    c->has_cpi ? budget_ratio_fmt(c->cpi, r1) : "",
		    c->has_cpi && c->has_spi ? ", " : "", c->has_spi ?
		    "SPI " : "", c->has_spi ? budget_ratio_fmt(c->spi, r2) : "");
		if (b->client != NULL)
			set_client(b, xasprintf("%s%s%s", b->client,
			    lang_tr(h->lang, "; "), ev));
		set_reason(b, b->reason != NULL ? xasprintf("%s; %s", b->reason,
		    ev) : xstrdup(ev));
		b->status = AREA_GREEN;
	}
	commercial(c);
	h->areas[AREA_DATA].status = AREA_GREEN;
	green(&h->areas[AREA_DATA], h->lang, "every file is valid");
	/* Findings override: the worst level and its first finding. */
	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];

		if (cnt[f->area][f->level]++ == 0)
			first[f->area][f->level] = f;
	}
	for (a = 0; a < AREA_N; a++) {
		int lv = cnt[a][FIND_ERROR] ? FIND_ERROR : cnt[a][FIND_RED] ?
		    FIND_RED : cnt[a][FIND_AMBER] ? FIND_AMBER : -1;
		const struct finding *f;
		size_t n;

		if (lv == -1)
			continue;
		f = first[a][lv];
		n = cnt[a][lv];
		h->areas[a].status = lv == FIND_AMBER ? AREA_AMBER : AREA_RED;
		more[0] = '\0';
		if (n > 1)
			snprintf(more, sizeof(more), ", and %zu more", n - 1);
		if (f->record != NULL && f->level == FIND_ERROR &&
		    f->file != NULL && f->line > 0)
			snprintf(where, sizeof(where), "%s:%lu: %s: ", f->file,
			    f->line, f->record);
		else if (f->record != NULL)
			snprintf(where, sizeof(where), "%s: ", f->record);
		else if (f->file != NULL && f->line > 0)
			snprintf(where, sizeof(where), "%s:%lu: ", f->file,
			    f->line);
		else if (f->file != NULL)
			snprintf(where, sizeof(where), "%s: ", f->file);
		else
			where[0] = '\0';
		set_reason(&h->areas[a], xasprintf("%s%s (%s)%s", where, f->why,
		    f->rule, more));
		{
			char *why = minutes_plain(f->why_client != NULL ?
			    f->why_client : f->why);

			more[0] = '\0';
			if (n > 1)
				snprintf(more, sizeof(more), lang_tr(h->lang,
				    ", and %zu more"), n - 1);
			set_client(&h->areas[a], xasprintf("%s%s%s%s",
			    f->record != NULL ? f->record : "", f->record !=
			    NULL ? ": " : "", why, more));
			free(why);
		}
		if (a == AREA_SCHEDULE && c->nlate > 0) {
			set_reason(&h->areas[a], xasprintf("%s; %zu task%s late",
			    h->areas[a].reason, c->nlate, c->nlate == 1 ? "" :
			    "s"));
			set_client(&h->areas[a], xasprintf(lang_tr(h->lang,
			    "%s; %zu task%s late"), h->areas[a].client,
			    c->nlate, c->nlate == 1 ? "" : "s"));
		}
	}
	for (a = 0; a < AREA_N; a++)
		if (h->areas[a].reason == NULL)
			green(&h->areas[a], h->lang, "no data");
}

/* The finish and the budget the rules judged, for kam review. */
static void
keep_sums(struct ctx *c, const struct plan *pl, int plan_ok,
    struct health_sums *s)
{
	size_t i;

	s->finish = plan_ok && pl->ntasks > 0 ? pl->finish : 0;
	if (!c->audited || !valid(c, &schema_budget))
		return;
	s->has_budget = 1;
	s->planned = c->audit.total.planned;
	s->actual = c->audit.total.actual;
	s->cats = xcalloc(c->audit.nlines + 1, sizeof(*s->cats));
	for (i = 0; i < c->audit.nlines; i++) {
		const struct budget_line *l = &c->audit.lines[i];

		s->cats[i].category = xstrdup(l->category);
		s->cats[i].planned = l->planned;
		s->cats[i].actual = l->actual;
		s->cats[i].has_plan = l->has_plan;
	}
	s->ncats = c->audit.nlines;
}

void
health_sums_release(struct health_sums *s)
{
	size_t i;

	for (i = 0; i < s->ncats; i++)
		free(s->cats[i].category);
	free(s->cats);
	*s = (struct health_sums)HEALTH_SUMS_INIT;
}

/*
 * A merge that stopped on a kam file: with the merge driver missing (kam
 * not on PATH where git runs), git keeps one side in the work tree, with
 * no marker to find, and both in its index.
 */
static void
check_unmerged(struct ctx *c)
{
	char **paths = NULL;
	int i, n;

	if (c->p->tree != NULL || c->p->repo == NULL)
		return;
	if ((n = repo_unmerged(c->p, &paths)) == -1) {
		c->fatal = 1;
		return;
	}
	for (i = 0; i < n; i++) {
		add(c->h, "unmerged", NULL, paths[i], 0, "a merge left it "
		    "unmerged with our side only: the merge driver did not run "
		    "('kam init --merge-driver' sets it; kam must be on PATH). "
		    "Run 'git checkout -m %s' and merge it with 'kam "
		    "merge-file', or resolve it by hand, then git add it",
		    paths[i]);
		free(paths[i]);
	}
	free(paths);
}

int
health_run(struct health *h, struct project *p)
{
	return health_run_sums(h, p, NULL);
}

/* A conflict marker left by an id clash (both sides of a merge added the
 * same id): the finding says how to resolve it (issue 18).  Threads:
 * renumber_clash_in() reads only the work tree's project (never a
 * revision's, p->tree), through p's own repository object; kam review and
 * check --new-since judge the work tree in the calling thread and a
 * revision in their thread of its own, on another repository object, and
 * kam portfolio's workers each open their project (t6070 under TSan). */
static void
clash_hints(struct ctx *c)
{
	struct finding *f;
	char id[32], *why;
	size_t i;

	for (i = 0; i < c->h->n; i++) {
		f = &c->h->v[i];
		if (strcmp(f->rule, "conflict-marker") != 0 || f->file == NULL ||
		    renumber_clash_in(c->p, f->file, id, sizeof(id)) != 1)
			continue;
		why = xasprintf("%s; %s was added on both sides, an id clash: "
		    "'kam renumber --all' gives theirs a new id", f->why, id);
		free(f->why);
		f->why = why;
	}
}

int
health_run_sums(struct health *h, struct project *p, struct health_sums *s)
{
	struct ctx *c = xcalloc(1, sizeof(*c));
	struct plan pl = PLAN_INIT;
	size_t i, nopen_risks = 0, nopen_defects = 0;
	int expenses_ok, plan_ok = 0, saved = kam_exit_code, ret = -1;

	c->h = h;
	c->p = p;
	h->lang = p->lang;
	kam_msg_captured(&c->prev_fn, &c->prev_arg);
	kam_msg_capture(on_msg, c);
	load_tables(c);
	if (c->fatal)
		goto out;
	check_unmerged(c);
	check_refs(c);
	check_goals(c);
	c->audit = (struct budget_audit)BUDGET_AUDIT_INIT;
	expenses_ok = budget_validate_audit(p, valid(c, &schema_tasks) ?
	    tab(c, &schema_tasks) : NULL, valid(c, &schema_budget) ?
	    tab(c, &schema_budget) : NULL, &c->audit, &c->audited) == 0;
	c->tsums = time_sums_new();
	c->time_ok = time_validate_sums(p, valid(c, &schema_people) ?
	    tab(c, &schema_people) : NULL, valid(c, &schema_tasks) ?
	    tab(c, &schema_tasks) : NULL, c->tsums) == 0;
	/* The labour booked is spending too (budget.h BUDGET_LABOUR). */
	if (c->audited && (!c->time_ok || !valid(c, &schema_people) ||
	    budget_audit_labour(&c->audit, p, NULL) == -1))
		c->audited = 0;
	if (c->fatal)
		goto out;
	if (valid(c, &schema_tasks))
		plan_ok = plan_compute(&pl, p, tab(c, &schema_tasks)) == 0;
	check_minutes(c);
	name_records(c);
	for (i = 0; i < health_nrules; i++)
		if (health_rules[i].level == FIND_ERROR)
			h->ran[i] = 1;
	h->ran[rule_index("action-overdue")] = 1;
	h->ran[rule_index("action-very-overdue")] = 1;
	rules_schedule(c, &pl, plan_ok);
	rules_deadline(c, &pl, plan_ok);
	rules_late(c, &pl, plan_ok);
	rules_budget(c, expenses_ok);
	rules_evm(c, expenses_ok && c->time_ok, plan_ok);
	rules_risk(c, &nopen_risks);
	rules_issues(c);
	rules_billing(c);
	rules_effort(c);
	rules_requirements(c);
	rules_quality(c, &nopen_defects);
	rules_csat(c);
	rules_comms(c);
	rules_raci(c);
	if (c->fatal)
		goto out;
	clash_hints(c);
	line_records(c);
	areas(c, &pl, plan_ok, nopen_risks, nopen_defects);
	if (s != NULL)
		keep_sums(c, &pl, plan_ok, s);
	ret = 0;
out:
	kam_msg_capture(c->prev_fn, c->prev_arg);
	/* Findings are the answer, not this function's failure. */
	if (ret == 0)
		kam_exit_code = saved;
	plan_release(&pl);
	budget_audit_release(&c->audit);
	time_sums_free(c->tsums);
	for (i = 0; i < kam_nschemas; i++)
		table_release(&c->t[i]);
	free(c);
	return ret;
}

/* Errors first, then red, then amber; within a level in rule order, then
 * file and line. */
static int
cmp_finding(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	int c;

	if (a->level != b->level)
		return a->level < b->level ? -1 : 1;
	if (a->area != b->area && a->level != FIND_ERROR)
		return a->area < b->area ? -1 : 1;
	if ((c = strcmp(a->file ? a->file : "", b->file ? b->file : "")) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if ((c = strcmp(a->rule, b->rule)) != 0)
		return c;
	return strcmp(a->record ? a->record : "", b->record ? b->record : "");
}

void
health_sort(struct health *h)
{
	if (h->n > 1)
		qsort(h->v, h->n, sizeof(*h->v), cmp_finding);
}

void
health_release(struct health *h)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].record);
		free(h->v[i].file);
		free(h->v[i].why);
		free(h->v[i].why_client);
	}
	free(h->v);
	h->v = NULL;
	h->n = h->alloc = 0;
	for (i = 0; i < AREA_N; i++) {
		free(h->areas[i].reason);
		free(h->areas[i].client);
		h->areas[i].client = NULL;
		h->areas[i].reason = NULL;
	}
}
