/*
 * rectype.c: the record types of the families on the generic verbs
 * (rectype.h).
 */
#include <stdio.h>
#include <string.h>

#include "derive.h"
#include "kam.h"
#include "rectype.h"
#include "reqflow.h"
#include "store.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* kam lesson: what to keep doing and what to improve (SPEC §3
 * "Evaluation and lessons"). */
static const char *const lesson_brief[] = { "id", "date", "area", "kind",
	"lesson", "action", NULL };
static const int lesson_search[] = { LESSON_LESSON, LESSON_ACTION,
	LESSON_AREA, -1 };
const struct rec_type lesson_type = {
	.s = &schema_lessons, .family = "lesson", .title_col = LESSON_LESSON,
	.status_col = -1, .owner_col = -1, .due_col = -1,
	.raised_col = LESSON_DATE, .brief = lesson_brief, .operand = "text",
	.past = "a lesson when it has been learned", .search = lesson_search,
};

/* kam scope: what the project delivers and what it does not (SPEC §3
 * "Goals and scope"). */
const struct rec_type scope_type = {
	.s = &schema_scope, .family = "scope", .title_col = SCOPE_ITEM,
	.status_col = -1, .owner_col = -1, .due_col = -1, .raised_col = -1,
};

/*
 * kam goal: a goal measures a metric from a baseline toward a target by a
 * due date.  When an actual value is recorded, its status (met, missed,
 * or still open before the due date) is worked out from the direction
 * baseline -> target (lib/reqflow.c), unless a status is given explicitly
 * (dropped, or a judgement for a metric that is not a number).
 */
static const char *
goal_d_progress(const struct table *t, const struct row *r, char *buf,
    void *arg)
{
	long pct;

	(void)arg;
	if (goal_progress(table_get(t, r, GOAL_BASELINE), table_get(t, r,
	    GOAL_TARGET), table_get(t, r, GOAL_ACTUAL), &pct) == -1)
		return NULL;
	snprintf(buf, 64, "%ld", pct);
	return buf;
}

static const struct derived goal_derived[] = {
	{ "progress", OT_NUM, goal_d_progress },
};

/*
 * Set the given fields of goal r and work out its status: an explicit
 * --status wins; otherwise, when the actual value or what it is measured
 * against changed, a goal that is not dropped gets the status its actual
 * value gives (open again when the actual is unset).
 */
static int
goal_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	const char *st = NULL, *now;
	size_t i;
	int measured = 0;

	(void)tx;
	for (i = 0; i < n; i++) {
		if (a->val[i] == NULL)
			continue;
		if (opts[i].col == GOAL_STATUS) {
			if (*a->val[i] == '\0')
				return kam_err(KAM_EX_USAGE, "--status: must not "
				    "be empty (expected open, met, missed or "
				    "dropped)");
			st = a->val[i];
		} else if (opts[i].col != GOAL_TITLE &&
		    opts[i].col != GOAL_METRIC)
			measured = 1;
		if (store_set_arg(t, r, t->s->cols[opts[i].col].name, a->val[i],
		    opts[i].name) == -1)
			return -1;
	}
	now = table_get(t, r, GOAL_STATUS);
	if (st != NULL || !measured || strcmp(now, "dropped") == 0)
		return 0;
	if (*table_get(t, r, GOAL_ACTUAL) == '\0') {
		table_set(t, r, GOAL_STATUS, "open");
		return 0;
	}
	st = goal_status(table_get(t, r, GOAL_BASELINE),
	    table_get(t, r, GOAL_TARGET), table_get(t, r, GOAL_ACTUAL),
	    table_get(t, r, GOAL_DUE), c->p->today);
	if (st != NULL)
		table_set(t, r, GOAL_STATUS, st);
	else
		fprintf(stderr, "kam: note: %s: actual '%s' cannot be measured "
		    "against target '%s'; status stays %s (give --status met "
		    "or --status missed)\n", table_get(t, r, GOAL_ID),
		    table_get(t, r, GOAL_ACTUAL), table_get(t, r, GOAL_TARGET),
		    now);
	return 0;
}

static const struct rec_default goal_defaults[] = { { GOAL_STATUS, "open" } };
static const char *const goal_brief[] = { "id", "title", "metric",
	"baseline", "target", "actual", "progress", "due", "status", NULL };
const struct rec_type goal_type = {
	.s = &schema_goals, .family = "goal", .title_col = GOAL_TITLE,
	.status_col = GOAL_STATUS, .owner_col = -1, .due_col = GOAL_DUE,
	.raised_col = -1, .defaults = goal_defaults,
	.ndefaults = NELEM(goal_defaults), .brief = goal_brief,
	.derived = goal_derived, .nderived = NELEM(goal_derived), .bare = 1,
	.apply = goal_apply,
};
