/*
 * rectype.c: the record types of the families on the generic verbs
 * (rectype.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "health.h"
#include "issue.h"
#include "kam.h"
#include "plan.h"
#include "rectype.h"
#include "reqflow.h"
#include "store.h"
#include "value.h"

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
	    GOAL_TARGET), table_get(t, r, GOAL_ACTUAL), table_get(t, r,
	    GOAL_DIRECTION), &pct) == -1)
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
	const char *st = NULL, *now, *dir, *side;
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
	/* A stated direction that baseline and target contradict. */
	dir = table_get(t, r, GOAL_DIRECTION);
	if ((side = goal_direction_conflict(table_get(t, r, GOAL_BASELINE),
	    table_get(t, r, GOAL_TARGET), dir)) != NULL)
		return kam_err(KAM_EX_USAGE, "%s: direction %s contradicts "
		    "baseline %s and target %s (the target is %s the "
		    "baseline)", table_get(t, r, GOAL_ID), dir, table_get(t, r,
		    GOAL_BASELINE), table_get(t, r, GOAL_TARGET), side);
	now = table_get(t, r, GOAL_STATUS);
	if (st != NULL || !measured || strcmp(now, "dropped") == 0)
		return 0;
	if (*table_get(t, r, GOAL_ACTUAL) == '\0') {
		table_set(t, r, GOAL_STATUS, "open");
		return 0;
	}
	st = goal_status(table_get(t, r, GOAL_BASELINE),
	    table_get(t, r, GOAL_TARGET), table_get(t, r, GOAL_ACTUAL),
	    dir, table_get(t, r, GOAL_DUE), c->p->today);
	if (st != NULL && strcmp(st, "unknown") == 0)
		fprintf(stderr, "kam: note: %s: actual %s against target %s: "
		    "whether lower or higher is better is unknown (%s, no "
		    "direction); status stays %s (give --lower-is-better or "
		    "--higher-is-better)\n", table_get(t, r, GOAL_ID),
		    table_get(t, r, GOAL_ACTUAL), table_get(t, r, GOAL_TARGET),
		    *table_get(t, r, GOAL_BASELINE) == '\0' ? "no baseline" :
		    "the baseline is the target", now);
	else if (st != NULL)
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
	.raised_col = -1, .open = REC_BIT(0) /* "open" */,
	.defaults = goal_defaults,
	.ndefaults = NELEM(goal_defaults), .brief = goal_brief,
	.derived = goal_derived, .nderived = NELEM(goal_derived), .bare = 1,
	.apply = goal_apply,
};

/*
 * kam comm: the communication plan (SPEC §3 "Communication").  A
 * communication is next due one period after it was last done (the
 * calendar of health_comm_next(), which kam check's comm-overdue rule
 * uses too); one never done counts from the project's start; without
 * project.start it is due today.  `next` and `overdue_days` are derived
 * on every read and never stored.
 */
static int32_t
comm_next(const struct table *t, const struct row *r, const struct project *p)
{
	int32_t last;

	if (date_parse(table_get(t, r, COMM_LAST), &last, NULL) == -1) {
		if (p->start == 0)
			return p->today;
		last = p->start;
	}
	return health_comm_next(p, table_get(t, r, COMM_FREQUENCY), last);
}

static const char *
comm_d_next(const struct table *t, const struct row *r, char *buf, void *arg)
{
	return date_fmt(comm_next(t, r, arg), buf);
}

static const char *
comm_d_overdue(const struct table *t, const struct row *r, char *buf,
    void *arg)
{
	const struct project *p = arg;
	int32_t next = comm_next(t, r, p);

	snprintf(buf, 64, "%ld", next < p->today ? (long)(p->today - next) :
	    0L);
	return buf;
}

static const struct derived comm_derived[] = {
	{ "next", OT_TEXT, comm_d_next },
	{ "overdue_days", OT_NUM, comm_d_overdue },
};

/*
 * --audience: a list of people ("P-1,P-4" or "p-1 p-4") is stored as
 * canonical ids separated by spaces, each of which must exist; anything
 * else is free text ("steering committee").
 */
static int
comm_set_audience(struct table *comms, struct row *r,
    const struct table *people, const char *val)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p = val, *q;
	char one[64], canon[32];
	long num;
	size_t n;
	int ret = -1;

	while (*p != '\0') {
		q = p + strcspn(p, " ,");
		n = (size_t)(q - p);
		if (n > 0) {
			if (n >= sizeof(one))
				break;
			memcpy(one, p, n);
			one[n] = '\0';
			if (id_parse_arg(one, "P", canon, &num, NULL) == -1)
				break;
			if (store_lookup(people, canon) == NULL)
				goto out;
			if (b.len > 0)
				kam_buf_putc(&b, ' ');
			kam_buf_puts(&b, canon);
		}
		p = *q != '\0' ? q + 1 : q;
	}
	if (*p == '\0' && b.len > 0)
		ret = store_set_arg(comms, r, "audience", b.ptr, "--audience");
	else
		ret = store_set_arg(comms, r, "audience", val, "--audience");
out:
	kam_buf_release(&b);
	return ret;
}

/* The value of option col in a, or NULL. */
static const char *
arg_of(const struct rec_opt *opts, size_t n, const struct rec_args *a,
    int col)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (opts[i].col == col)
			return a->val[i];
	return NULL;
}

static int
comm_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	struct table people = TABLE_INIT;
	const char *freq = arg_of(opts, n, a, COMM_FREQUENCY);
	const char *channel = arg_of(opts, n, a, COMM_CHANNEL);
	const char *audience = arg_of(opts, n, a, COMM_AUDIENCE);
	const char *owner = arg_of(opts, n, a, COMM_OWNER);
	const char *title = arg_of(opts, n, a, COMM_TITLE);
	int ret = -1;

	if (store_load(c->p, tx, &schema_people, &people) == -1)
		goto out;
	if ((title != NULL && store_set_arg(t, r, "title", title,
	    "--title") == -1) ||
	    (freq != NULL && store_set_arg(t, r, "frequency", freq,
	    "--frequency") == -1) ||
	    (channel != NULL && store_set_arg(t, r, "channel", channel,
	    "--channel") == -1) ||
	    (audience != NULL && comm_set_audience(t, r, &people,
	    audience) == -1))
		goto out;
	if (owner != NULL && *owner != '\0' &&
	    store_lookup(&people, owner) == NULL)
		goto out;
	if ((owner != NULL && store_set_arg(t, r, "owner", owner,
	    "--owner") == -1) || store_check_refs(t, &people) == -1)
		goto out;
	ret = 0;
out:
	table_release(&people);
	return ret;
}

static const char *const comm_brief[] = { "id", "title", "audience",
	"channel", "frequency", "owner", "last", "next", "overdue_days", NULL };
const struct rec_type comm_type = {
	.s = &schema_comms, .family = "comm", .title_col = COMM_TITLE,
	.status_col = -1, .owner_col = COMM_OWNER, .due_col = -1,
	.raised_col = -1, .brief = comm_brief, .derived = comm_derived,
	.nderived = NELEM(comm_derived), .apply = comm_apply,
};

/* Most overdue first, then by id (qsort_r; arg is the table sorted and
 * its project). */
struct comm_sort {
	const struct table	*t;
	const struct project	*p;
};

static int
comm_cmp_next(const void *a, const void *b, void *arg)
{
	const struct comm_sort *cs = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int32_t nx = comm_next(cs->t, x, cs->p);
	int32_t ny = comm_next(cs->t, y, cs->p);

	if (nx != ny)
		return nx < ny ? -1 : 1;
	return x->num < y->num ? -1 : x->num > y->num;
}

void
comm_due_pick(const struct rec_ctx *c, const struct table *t,
    struct row **rows, size_t *n)
{
	struct comm_sort cs = { t, c->p };
	size_t i, m = 0;

	for (i = 0; i < *n; i++)
		if (comm_next(t, rows[i], c->p) <= c->p->today)
			rows[m++] = rows[i];
	*n = m;
	qsort_r(rows, m, sizeof(*rows), comm_cmp_next, &cs);
}

int
comm_done(const struct rec_ctx *c, const char *id, const char *date)
{
	struct table comms = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *why;
	char day[11], t[11];
	int32_t d = c->p->today, last;
	int ret = -1;

	if (date != NULL && date_parse(date, &d, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--date: invalid date '%s': %s",
		    date, why);
	if (d > c->p->today)
		return kam_err(KAM_EX_USAGE, "--date: %s is after today (%s); "
		    "record a communication when it has been made",
		    date_fmt(d, day), date_fmt(c->p->today, t));
	date_fmt(d, day);
	if (rec_begin(c, &tx, &comms, &schema_comms) == -1 ||
	    (r = store_lookup(&comms, id)) == NULL)
		goto out;
	if (date_parse(table_get(&comms, r, COMM_LAST), &last, NULL) == 0 &&
	    last > d) {
		kam_err(KAM_EX_DATA, "communication %s was last done on %s, "
		    "after %s; a later date is needed",
		    table_get(&comms, r, COMM_ID), table_get(&comms, r,
		    COMM_LAST), day);
		goto out;
	}
	table_set(&comms, r, COMM_LAST, day);
	if (rec_commit_row(c, &tx, "comm done", &comm_type, &comms, r,
	    NULL) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&comms);
	return ret;
}

int
qa_subject(struct project *p, struct tx *tx, const char *arg, const char *opt,
    struct table *target, char *canon, const char **out)
{
	const struct schema *s;
	char pfx[16];
	long num;

	if (arg[strspn(arg, " \t\r\n")] == '\0')
		return kam_err(KAM_EX_USAGE, "%s: must not be empty; name a "
		    "record (REQ-3, T-2) or say in words what it is", opt);
	if (id_prefix(arg, pfx) == -1) {
		*out = arg;
		return 0;
	}
	/* Shaped like an id: it must be one (the file grammar says so). */
	if ((s = schema_by_prefix(pfx)) == NULL)
		return kam_err(KAM_EX_USAGE, "%s: '%s' looks like an id, but no "
		    "kam table has the prefix %s-; name a record (REQ-3, T-2) "
		    "or describe the subject in words", opt, arg, pfx);
	if (s->monthly)
		return kam_err(KAM_EX_USAGE, "%s: an expense (%s) cannot be a "
		    "subject; name the task it was spent on, or describe the "
		    "subject in words", opt, arg);
	if (id_parse_arg(arg, pfx, canon, &num, NULL) == -1)
		return kam_err(KAM_EX_USAGE, "%s: invalid %s id '%s' (expected "
		    "e.g. %s-12)", opt, s->noun, arg, pfx);
	if (store_load(p, tx, s, target) == -1 ||
	    store_lookup(target, canon) == NULL)
		return -1;
	*out = canon;
	return 0;
}

/*
 * kam defect: defects and rework (SPEC §3 "Quality and customer
 * satisfaction").  A defect moves
 *
 *	open -> fixed -> verified
 *	fixed, verified -> open		(reopen)
 *
 * fix may add the hours of rework it took; verify closes the defect
 * (closed = the date), reopen clears that date.  kam check turns an open
 * critical defect red and an open major one amber (SPEC §7).
 */
#define MAX_REWORK	1000000L	/* schema: rework 0-1000000 hours */

static const struct rec_transition defect_trans[] = {
	{ "fix", REC_BIT(DEFECT_OPEN), DEFECT_FIXED, NULL },
	{ "verify", REC_BIT(DEFECT_FIXED), DEFECT_VERIFIED, NULL },
	{ "reopen", REC_BIT(DEFECT_FIXED) | REC_BIT(DEFECT_VERIFIED),
	    DEFECT_OPEN, NULL },
};

/* Why `verb` is refused to defect r, and what to do instead (65). */
static int
defect_refuse(const struct table *t, const struct row *r, const char *verb)
{
	const char *id = table_get(t, r, DEFECT_ID);
	const char *st = table_get(t, r, DEFECT_STATUS);
	const char *closed = table_get(t, r, DEFECT_CLOSED);

	if (*closed == '\0')
		closed = "-";
	if (strcmp(verb, "fix") == 0) {
		if (strcmp(st, "fixed") == 0)
			return kam_err(KAM_EX_DATA, "defect %s is already fixed; "
			    "verify the fix ('kam defect verify %s') or, if it "
			    "did not work, reopen it ('kam defect reopen %s')",
			    id, id, id);
		return kam_err(KAM_EX_DATA, "defect %s is verified (closed %s); "
		    "if it is back, reopen it first ('kam defect reopen %s')",
		    id, closed, id);
	}
	if (strcmp(verb, "verify") == 0) {
		if (strcmp(st, "open") == 0)
			return kam_err(KAM_EX_DATA, "defect %s is open; fix it "
			    "first ('kam defect fix %s'), then verify the fix",
			    id, id);
		return kam_err(KAM_EX_DATA, "defect %s is already verified "
		    "(closed %s)", id, closed);
	}
	return kam_err(KAM_EX_DATA, "defect %s is already open; when it is "
	    "fixed, record it with 'kam defect fix %s'", id, id);
}

/* add and set: the severity and the subject (an existing record, or
 * text); set may change the title and leaves what it is not given. */
static int
defect_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	struct table target = TABLE_INIT;
	const char *sev = arg_of(opts, n, a, DEFECT_SEVERITY);
	const char *subject = arg_of(opts, n, a, DEFECT_SUBJECT), *subj;
	const char *found = arg_of(opts, n, a, DEFECT_FOUND), *why;
	const char *title = arg_of(opts, n, a, DEFECT_TITLE);
	char canon[32];
	int ret = -1;

	if (sev != NULL && (*sev == '\0' ||
	    table_check_value(&t->s->cols[DEFECT_SEVERITY], 0, sev, &why) == -1))
		return kam_err(KAM_EX_USAGE, "--severity: invalid value '%s': %s",
		    sev, *sev == '\0' ? "must not be empty" : why);
	if ((subject != NULL && (qa_subject(c->p, tx, subject, "--subject",
	    &target, canon, &subj) == -1 ||
	    store_set_arg(t, r, "subject", subj, "--subject") == -1)) ||
	    (title != NULL && store_set_arg(t, r, "title", title,
	    "--title") == -1) ||
	    (sev != NULL && store_set_arg(t, r, "severity", sev,
	    "--severity") == -1) ||
	    (found != NULL && store_set_arg(t, r, "found", found,
	    "--found") == -1) ||
	    (target.s != NULL && store_check_refs(t, &target) == -1))
		goto out;
	ret = 0;
out:
	table_release(&target);
	return ret;
}

static const struct rec_default defect_defaults[] = {
	{ DEFECT_STATUS, "open" },
};
const struct rec_type defect_type = {
	.s = &schema_defects, .family = "defect", .title_col = DEFECT_TITLE,
	.status_col = DEFECT_STATUS, .owner_col = -1, .due_col = -1,
	.raised_col = DEFECT_FOUND, .open = REC_BIT(DEFECT_OPEN),
	.defaults = defect_defaults, .ndefaults = NELEM(defect_defaults),
	.trans = defect_trans, .ntrans = NELEM(defect_trans),
	.past = "it when it has happened", .apply = defect_apply,
	.refuse = defect_refuse,
};

int
defect_move(const struct rec_ctx *c, const char *verb, const char *id,
    const char *rework, const char *date)
{
	struct table defects = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf body = KAM_BUF_INIT;
	const char *found, *why, *from;
	char *closed = NULL, day[11], h[24], cmd[32];
	long hours = 0, old = 0;
	struct row *r;
	int32_t d = c->p->today, f;
	int to, ret = -1;

	if (rework != NULL && int_parse(rework, 0, MAX_REWORK, &hours,
	    &why) == -1)
		return kam_err(KAM_EX_USAGE, "--rework: invalid value '%s': "
		    "expected whole hours 0-%ld", rework, MAX_REWORK);
	if (date != NULL && rec_past_date_arg("--date", date, c->p->today,
	    "it when it has happened", &d) == -1)
		return -1;
	date_fmt(d, day);
	if (rec_begin(c, &tx, &defects, &schema_defects) == -1 ||
	    (r = store_lookup(&defects, id)) == NULL ||
	    (to = rec_transition(&defect_type, &defects, r, verb)) == -1)
		goto out;
	id = table_get(&defects, r, DEFECT_ID);
	closed = xstrdup(table_get(&defects, r, DEFECT_CLOSED));
	found = table_get(&defects, r, DEFECT_FOUND);
	if (strcmp(verb, "reopen") != 0 && *found != '\0' &&
	    date_parse(found, &f, NULL) == 0 && d < f) {
		kam_err(KAM_EX_DATA, "--date: %s is before defect %s was found "
		    "(%s)", day, id, found);
		goto out;
	}
	from = table_get(&defects, r, DEFECT_STATUS);
	kam_buf_printf(&body, "Status: %s -> %s.", from,
	    schema_defects.cols[DEFECT_STATUS].enums[to]);
	if (strcmp(verb, "fix") == 0) {
		kam_buf_printf(&body, "\nFixed on %s.", day);
		/* Rework accumulates over every fix of the defect. */
		if (rework != NULL) {
			if (*table_get(&defects, r, DEFECT_REWORK) != '\0' &&
			    int_parse(table_get(&defects, r, DEFECT_REWORK), 0,
			    MAX_REWORK, &old, NULL) == -1)
				old = 0;
			if (old + hours > MAX_REWORK) {
				kam_err(KAM_EX_DATA, "--rework: defect %s already "
				    "has %ld hours of rework; %ld more would "
				    "exceed %ld", id, old, hours, MAX_REWORK);
				goto out;
			}
			snprintf(h, sizeof(h), "%ld", old + hours);
			table_set(&defects, r, DEFECT_REWORK, h);
			kam_buf_printf(&body, "\nRework: %ld hour%s (%s in all).",
			    hours, hours == 1 ? "" : "s", h);
		}
	} else if (strcmp(verb, "verify") == 0) {
		table_set(&defects, r, DEFECT_CLOSED, day);
		kam_buf_printf(&body, "\nVerified and closed on %s.", day);
	} else {
		if (*closed != '\0')
			kam_buf_printf(&body, "\nWas closed on %s.", closed);
		table_set(&defects, r, DEFECT_CLOSED, NULL);
	}
	table_set(&defects, r, DEFECT_STATUS,
	    schema_defects.cols[DEFECT_STATUS].enums[to]);
	snprintf(cmd, sizeof(cmd), "defect %s", verb);
	if (rec_commit_row(c, &tx, cmd, &defect_type, &defects, r,
	    body.ptr) == -1)
		goto out;
	ret = 0;
out:
	free(closed);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&defects);
	return ret;
}

/*
 * kam change: change requests against agreed requirements (SPEC §3
 * "Requirements and change control").  A change request prices a change
 * (cost, working days) and names the requirement it touches.  The client
 * decides: approve or reject, by a client-side person.  An approval may
 * carry new text for the requirement (title, priority, acceptance); it is
 * applied in the same commit, whose message names the change request, so
 * the requirement's history shows why it changed.  The state machine of
 * lib/reqflow.c decides whether the requirement may take the new text.
 */
static const struct rec_transition change_trans[] = {
	{ "approve", REC_BIT(CHANGE_PROPOSED), CHANGE_APPROVED, NULL },
	{ "reject", REC_BIT(CHANGE_PROPOSED), CHANGE_REJECTED, NULL },
};

/* The value of option `name` in a, or NULL. */
static const char *
arg_named(const struct rec_opt *opts, size_t n, const struct rec_args *a,
    const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(opts[i].name, name) == 0)
			return a->val[i];
	return NULL;
}

static int
change_refuse(const struct table *t, const struct row *r, const char *verb)
{
	return kam_err(KAM_EX_DATA, "change request %s is already %s; only a "
	    "proposed change request can be %s (open a new one with "
	    "'kam change add')", table_get(t, r, CHANGE_ID),
	    table_get(t, r, CHANGE_STATUS), strcmp(verb, "approve") == 0 ?
	    "approved" : "rejected");
}

/* add: the requirement and the person named must exist. */
static int
change_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	struct table reqs = TABLE_INIT, people = TABLE_INIT;
	const char *req = arg_of(opts, n, a, CHANGE_REQ);
	const char *by = arg_of(opts, n, a, CHANGE_REQUESTED_BY);
	int ret = -1;

	if (store_load(c->p, tx, &schema_requirements, &reqs) == -1 ||
	    store_load(c->p, tx, &schema_people, &people) == -1)
		goto out;
	if (req != NULL && rec_lookup_arg(&reqs, req, "--req") == NULL)
		goto out;
	if (by != NULL && rec_lookup_arg(&people, by, "--by") == NULL)
		goto out;
	if (rec_set_opts(&change_type, t, r, opts, n, a) == -1 ||
	    store_check_refs(t, &reqs) == -1 ||
	    store_check_refs(t, &people) == -1)
		goto out;
	ret = 0;
out:
	table_release(&reqs);
	table_release(&people);
	return ret;
}

static const struct rec_default change_defaults[] = {
	{ CHANGE_STATUS, "proposed" },
};
const struct rec_type change_type = {
	.s = &schema_changes, .family = "change", .title_col = CHANGE_TITLE,
	.status_col = CHANGE_STATUS, .owner_col = -1, .due_col = -1,
	.raised_col = -1, .open = REC_BIT(CHANGE_PROPOSED),
	.defaults = change_defaults, .ndefaults = NELEM(change_defaults),
	.trans = change_trans, .ntrans = NELEM(change_trans),
	.apply = change_apply, .refuse = change_refuse,
};

int
change_decide(const struct rec_ctx *c, const struct rec_verb *v,
    const struct rec_args *a)
{
	const char *verb = v->verb;
	const struct rec_opt *opts = v->opts;
	size_t n = v->nopts;
	struct table changes = TABLE_INIT, reqs = TABLE_INIT,
	    people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf why = KAM_BUF_INIT, body = KAM_BUF_INIT;
	struct reqflow_facts f;
	struct row *cr, *p = NULL, *rq = NULL;
	/* The options name columns of two tables: look them up by name. */
	const char *by = arg_named(opts, n, a, "by");
	const char *date = arg_named(opts, n, a, "date");
	const char *side, *old, *rid, *whyd;
	const struct rec_opt *text[REC_MAX_OPTS];
	int approve = strcmp(verb, "approve") == 0;
	int32_t day = c->p->today;
	char on[11], t[11], opt[64], cmd[32];
	size_t i, j, nt = 0;
	int to, ret = -1;

	if (date != NULL && date_parse(date, &day, &whyd) == -1)
		return kam_err(KAM_EX_USAGE, "--date: invalid date '%s': %s",
		    date, whyd);
	if (day > c->p->today)
		return kam_err(KAM_EX_USAGE, "--date: %s is after today (%s); "
		    "record a decision when it has been made", date,
		    date_fmt(c->p->today, t));
	date_fmt(day, on);
	/* The new text of the requirement, in the order it was given. */
	for (i = 1; i <= n; i++)
		for (j = 0; j < n; j++)
			if (a->seq[j] == (int)i && strcmp(opts[j].name,
			    "by") != 0 && strcmp(opts[j].name, "date") != 0)
				text[nt++] = &opts[j];
	/* Requirements and people are loaded for every decision: the tables
	 * written must not carry a dangling reference on (RELIABILITY W3). */
	if (rec_begin(c, &tx, &changes, &schema_changes) == -1 ||
	    store_load(c->p, &tx, &schema_requirements, &reqs) == -1 ||
	    store_load(c->p, &tx, &schema_people, &people) == -1 ||
	    (cr = store_lookup(&changes, a->operand)) == NULL ||
	    (to = rec_transition(&change_type, &changes, cr, verb)) == -1)
		goto out;
	if (by != NULL) {
		if ((p = rec_lookup_arg(&people, by, "--by")) == NULL)
			goto out;
		side = table_get(&people, p, PERSON_SIDE);
		if (strcmp(side, "client") != 0) {
			if (*side == '\0')
				kam_err(KAM_EX_DATA, "%s has no side in people.csv; "
				    "only a client-side person (side=client) "
				    "decides a change request",
				    table_get(&people, p, PERSON_ID));
			else
				kam_err(KAM_EX_DATA, "%s is on the %s side; only a "
				    "client-side person (people.csv side=client) "
				    "decides a change request",
				    table_get(&people, p, PERSON_ID), side);
			goto out;
		}
	}
	kam_buf_printf(&body, "%s by %s%s%s%s on %s.",
	    approve ? "Approved" : "Rejected",
	    p != NULL ? table_get(&people, p, PERSON_ID) : "no one named",
	    p != NULL ? " (" : "",
	    p != NULL ? table_get(&people, p, PERSON_NAME) : "",
	    p != NULL ? ", client side)" : "", on);
	if (approve)
		kam_buf_printf(&body, "\nImpact: cost %s, %s working days.",
		    *table_get(&changes, cr, CHANGE_COST) != '\0' ?
		    table_get(&changes, cr, CHANGE_COST) : "none",
		    *table_get(&changes, cr, CHANGE_DAYS) != '\0' ?
		    table_get(&changes, cr, CHANGE_DAYS) : "0");
	if (nt > 0) {
		rid = table_get(&changes, cr, CHANGE_REQ);
		if (*rid == '\0') {
			kam_err(KAM_EX_DATA, "change request %s names no "
			    "requirement (its req is empty); --%s needs one: "
			    "approve it without new text, or open a change "
			    "request with --req", table_get(&changes, cr,
			    CHANGE_ID), text[0]->name);
			goto out;
		}
		if ((rq = table_find(&reqs, rid)) == NULL) {
			kam_err(KAM_EX_DATA, "change request %s touches %s, which "
			    "does not exist in %s", table_get(&changes, cr,
			    CHANGE_ID), rid, reqs.path);
			goto out;
		}
		memset(&f, 0, sizeof(f));
		f.id = rid;
		f.status = reqflow_status(table_get(&reqs, rq, REQ_STATUS));
		if ((to = reqflow_decide(REQ_CHANGE, &f, &why)) == -1) {
			kam_err(KAM_EX_DATA, "%s", why.ptr);
			goto out;
		}
		kam_buf_printf(&body, "\nApplied to %s:", rid);
		for (i = 0; i < nt; i++) {
			j = (size_t)(text[i] - opts);
			old = table_get(&reqs, rq, text[i]->col);
			kam_buf_printf(&body, "\n  %s: '%s' -> '%s'",
			    text[i]->name, old, a->val[j]);
			snprintf(opt, sizeof(opt), "--%s", text[i]->name);
			if (store_set_arg(&reqs, rq, text[i]->name, a->val[j],
			    opt) == -1)
				goto out;
		}
		if ((int)f.status != to) {
			table_set(&reqs, rq, REQ_STATUS,
			    reqflow_status_name(to));
			kam_buf_printf(&body, "\n  status: %s -> %s (the new text "
			    "is not yet tested)", reqflow_status_name(f.status),
			    reqflow_status_name(to));
			fprintf(stderr, "kam: %s is %s again: its new text needs "
			    "a passing quality check before it is done\n", rid,
			    reqflow_status_name(to));
		}
	}
	table_set(&changes, cr, CHANGE_STATUS,
	    approve ? "approved" : "rejected");
	table_set(&changes, cr, CHANGE_DECIDED_BY,
	    p != NULL ? table_get(&people, p, PERSON_ID) : NULL);
	table_set(&changes, cr, CHANGE_DECIDED_ON, on);
	if (store_check_refs(&changes, &reqs) == -1 ||
	    store_check_refs(&changes, &people) == -1 ||
	    (rq != NULL && store_check_refs(&reqs, &people) == -1))
		goto out;
	store_put(&tx, &changes);
	if (rq != NULL)
		store_put(&tx, &reqs);
	snprintf(cmd, sizeof(cmd), "change %s", verb);
	if (rec_commit(c, &tx, cmd, table_get(&changes, cr, CHANGE_ID),
	    table_get(&changes, cr, CHANGE_TITLE), body.ptr) == -1)
		goto out;
	ret = 0;
out:
	kam_buf_release(&why);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&changes);
	table_release(&reqs);
	table_release(&people);
	return ret;
}

/*
 * kam task: the lifecycle of a task is planned -> started -> done, read
 * from its dates (start, finish), never stored: start and progress start
 * a planned task, done finishes a planned or started one; a done task is
 * corrected with kam task set.
 */
const char *const task_state_names[TASK_NSTATES] = {
	TASK_STATES(SCHEMA_VAL_NAME)
};

int
task_state(const struct table *t, const struct row *r)
{
	if (*table_get(t, r, TASK_FINISH) != '\0')
		return TASK_DONE;
	if (*table_get(t, r, TASK_START) != '\0')
		return TASK_STARTED;
	return TASK_PLANNED;
}

static const char *
d_task_status(const struct table *t, const struct row *r, char *buf,
    void *arg)
{
	(void)buf;
	(void)arg;
	return task_state_names[task_state(t, r)];
}

/* The plan's entry of row r of the tasks (arg: the plan). */
static const struct plan_task *
ptask(const struct table *t, const struct row *r, void *arg)
{
	struct plan *pl = arg;

	return &pl->tasks[r - t->rows];
}

/* d_<field>: the date <field> of the plan's task. */
#define PTASK_DATE(field)							static const char *							d_##field(const struct table *t, const struct row *r, char *buf,		    void *arg)								{										return date_fmt(ptask(t, r, arg)->field, buf);			}
PTASK_DATE(es_date)
PTASK_DATE(ef_date)
PTASK_DATE(ls_date)
PTASK_DATE(lf_date)

static const char *
d_slack(const struct table *t, const struct row *r, char *buf, void *arg)
{
	snprintf(buf, 64, "%ld", ptask(t, r, arg)->slack);
	return buf;
}

static const char *
d_critical(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)buf;
	return ptask(t, r, arg)->critical ? "true" : "false";
}

static const char *
d_variance(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct plan_task *pt = ptask(t, r, arg);

	if (!pt->has_baseline)
		return NULL;
	snprintf(buf, 64, "%ld", pt->variance);
	return buf;
}

const struct derived task_derived[] = {
	{ "status", OT_TEXT, d_task_status },
	{ "es", OT_TEXT, d_es_date }, { "ef", OT_TEXT, d_ef_date },
	{ "ls", OT_TEXT, d_ls_date }, { "lf", OT_TEXT, d_lf_date },
	{ "slack", OT_NUM, d_slack }, { "critical", OT_BOOL, d_critical },
	{ "variance", OT_NUM, d_variance },
};
const size_t task_nderived = NELEM(task_derived);

#define TASK_OPEN	(REC_BIT(TASK_PLANNED) | REC_BIT(TASK_STARTED))
static const struct rec_transition task_trans[] = {
	{ "start", REC_BIT(TASK_PLANNED), TASK_STARTED, NULL },
	{ "progress", TASK_OPEN, -1, NULL },
	{ "done", TASK_OPEN, TASK_DONE, NULL },
};

static int
task_refuse(const struct table *t, const struct row *r, const char *verb)
{
	const char *id = table_get(t, r, TASK_ID);

	if (task_state(t, r) == TASK_DONE)
		return kam_err(KAM_EX_DATA, "%s is already done (finished %s); "
		    "use 'kam task set %s --finish date' to correct it", id,
		    table_get(t, r, TASK_FINISH), id);
	(void)verb;
	return kam_err(KAM_EX_DATA, "%s already started on %s; use 'kam task "
	    "set %s --start date' to correct it", id,
	    table_get(t, r, TASK_START), id);
}

const struct rec_type task_type = {
	.s = &schema_tasks, .family = "task", .title_col = TASK_TITLE,
	.status_col = -1, .owner_col = TASK_ASSIGNEE, .due_col = TASK_DEADLINE,
	.raised_col = -1, .open = TASK_OPEN, .trans = task_trans,
	.ntrans = NELEM(task_trans), .refuse = task_refuse,
	.state = task_state,
};

/* Warn when a task starts while one of its predecessors is unfinished
 * (kam records what happened; the plan shows the consequence). */
static void
task_warn_unfinished_deps(const struct table *t, const struct row *r)
{
	const char *v = table_get(t, r, TASK_DEPENDS);
	char one[32];
	const struct row *d;

	while (list_next(&v, one, sizeof(one)))
		if ((d = table_find(t, one)) != NULL &&
		    *table_get(t, d, TASK_FINISH) == '\0')
			kam_warn("%s starts before %s, which it depends on, is "
			    "done", table_get(t, r, TASK_ID), one);
}

int
task_track(const struct rec_ctx *c, const char *verb, const char *id,
    const char *date, const char *pct)
{
	struct table tasks = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *why;
	char day[11], buf[8], cmd[32];
	int32_t d = c->p->today;
	long p = 0;
	int ret = -1;

	if (pct != NULL && int_parse(pct, 0, 100, &p, &why) == -1)
		return kam_err(KAM_EX_USAGE, "progress: '%s' is not a "
		    "percentage 0-100", pct);
	if (date != NULL && date_parse(date, &d, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--date: invalid date '%s': %s",
		    date, why);
	date_fmt(d, day);
	if (rec_begin(c, &tx, &tasks, &schema_tasks) == -1 ||
	    (r = store_lookup(&tasks, id)) == NULL ||
	    rec_transition(&task_type, &tasks, r, verb) == -1)
		goto out;
	id = table_get(&tasks, r, TASK_ID);
	if (strcmp(verb, "start") == 0) {
		table_set(&tasks, r, TASK_START, day);
		task_warn_unfinished_deps(&tasks, r);
	} else if (strcmp(verb, "progress") == 0) {
		/* Progress on a task not started yet starts it today. */
		if (*table_get(&tasks, r, TASK_START) == '\0' && p > 0) {
			table_set(&tasks, r, TASK_START, day);
			task_warn_unfinished_deps(&tasks, r);
		}
		snprintf(buf, sizeof(buf), "%ld", p);
		table_set(&tasks, r, TASK_PROGRESS, buf);
	} else {
		if (*table_get(&tasks, r, TASK_START) == '\0')
			table_set(&tasks, r, TASK_START, day);
		else if (strcmp(table_get(&tasks, r, TASK_START), day) > 0) {
			kam_err(KAM_EX_DATA, "%s: finish %s would be before start "
			    "%s", table_get(&tasks, r, TASK_ID), day,
			    table_get(&tasks, r, TASK_START));
			goto out;
		}
		table_set(&tasks, r, TASK_FINISH, day);
		table_set(&tasks, r, TASK_PROGRESS, "100");
	}
	snprintf(cmd, sizeof(cmd), "task %s", verb);
	if (rec_commit_row(c, &tx, cmd, &task_type, &tasks, r, NULL) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&tasks);
	return ret;
}

/* kam people: stakeholders and team (SPEC §3 "People"). */
static const struct rec_default people_defaults[] = {
	{ PERSON_SIDE, "team" },
};
static const char *const people_brief[] = { "id", "name", "side", "org",
	"role", "email", "capacity", "influence", "interest", NULL };
const struct rec_type people_type = {
	.s = &schema_people, .family = "people", .title_col = PERSON_NAME,
	.status_col = -1, .owner_col = -1, .due_col = -1, .raised_col = -1,
	.defaults = people_defaults, .ndefaults = NELEM(people_defaults),
	.brief = people_brief,
};

/*
 * kam req: requirements and the client's sign-off (SPEC §3 "Requirements
 * and change control").  The state machine is lib/reqflow.c's.
 */

/* add and set: in the order given; the source must exist; an edit of the
 * agreed content (anything but the source) must be allowed by the state
 * machine. */
static int
req_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	struct table people = TABLE_INIT;
	struct kam_buf why = KAM_BUF_INIT;
	struct reqflow_facts f;
	const char *name;
	size_t i, j;
	int edits = 0, ret = -1;

	for (i = 0; i < n; i++)
		if (a->val[i] != NULL && opts[i].col != REQ_SOURCE)
			edits = 1;
	if (store_load(c->p, tx, &schema_people, &people) == -1)
		goto out;
	memset(&f, 0, sizeof(f));
	f.id = table_get(t, r, REQ_ID);
	f.status = reqflow_status(table_get(t, r, REQ_STATUS));
	if (edits && reqflow_decide(REQ_EDIT, &f, &why) == -1) {
		kam_err(KAM_EX_DATA, "%s", why.ptr);
		goto out;
	}
	for (i = 1; i <= n; i++)
		for (j = 0; j < n; j++) {
			if (a->seq[j] != (int)i)
				continue;
			name = t->s->cols[opts[j].col].name;
			if (opts[j].col == REQ_SOURCE && *a->val[j] != '\0' &&
			    rec_lookup_arg(&people, a->val[j], "--source") == NULL)
				goto out;
			if (store_set_arg(t, r, name, a->val[j], name) == -1)
				goto out;
		}
	if (store_check_refs(t, &people) == -1)
		goto out;
	ret = 0;
out:
	kam_buf_release(&why);
	table_release(&people);
	return ret;
}

static const struct rec_default req_defaults[] = {
	{ REQ_PRIORITY, "should" }, { REQ_STATUS, "draft" },
};
static const char *const req_brief[] = { "id", "title", "priority",
	"status", "source", "confirmed_by", "confirmed_on", NULL };
const struct rec_type req_type = {
	.s = &schema_requirements, .family = "req", .title_col = REQ_TITLE,
	.status_col = REQ_STATUS, .owner_col = -1, .due_col = -1,
	.raised_col = -1,
	/* open: draft, analysed or confirmed (not done, not rejected) */
	.open = REC_BIT(0) | REC_BIT(1) | REC_BIT(2),
	.defaults = req_defaults,
	.ndefaults = NELEM(req_defaults), .brief = req_brief, .bare = 1,
	.apply = req_apply,
};

int
req_move(const struct rec_ctx *c, const char *verb, const char *id,
    const char *by, const char *date)
{
	struct table reqs = TABLE_INIT, people = TABLE_INIT, quality = TABLE_INIT;
	struct table changes = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf why = KAM_BUF_INIT, body = KAM_BUF_INIT;
	struct reqflow_facts f;
	struct reqflow_checks qc;
	struct row *r, *p = NULL;
	enum req_action a;
	const char *whyd;
	int32_t day = c->p->today;
	char *rid = NULL, on[11], t[11], cmd[32];
	int to, ret = -1;

	for (a = 0; a < REQ_NACTION; a++)
		if (strcmp(reqflow_action_name(a), verb) == 0)
			break;
	if (a == REQ_NACTION)
		return kam_err(KAM_EX_INTERNAL, "no transition '%s'", verb);
	if (date != NULL && date_parse(date, &day, &whyd) == -1)
		return kam_err(KAM_EX_USAGE, "--date: invalid date '%s': %s",
		    date, whyd);
	if (day > c->p->today)
		return kam_err(KAM_EX_USAGE, "--date: %s is after today (%s); "
		    "record a decision when it has been made", date,
		    date_fmt(c->p->today, t));
	date_fmt(day, on);
	/* The people are loaded for every transition: the table written must
	 * not carry a dangling reference on (RELIABILITY W3). */
	if (rec_begin(c, &tx, &reqs, &schema_requirements) == -1 ||
	    store_load(c->p, &tx, &schema_people, &people) == -1 ||
	    (r = store_lookup(&reqs, id)) == NULL)
		goto out;
	rid = xstrdup(table_get(&reqs, r, REQ_ID));
	memset(&f, 0, sizeof(f));
	f.id = rid;
	f.status = reqflow_status(table_get(&reqs, r, REQ_STATUS));
	f.acceptance = table_get(&reqs, r, REQ_ACCEPTANCE);
	if (a == REQ_CONFIRM) {
		if ((p = rec_lookup_arg(&people, by, "--by")) == NULL)
			goto out;
		f.by = table_get(&people, p, PERSON_ID);
		f.by_side = table_get(&people, p, PERSON_SIDE);
	}
	if (a == REQ_FINISH) {
		if (store_load(c->p, &tx, &schema_quality, &quality) == -1)
			goto out;
		reqflow_checks(&quality, rid, &qc);
		f.check = qc.latest_result;
		if (qc.latest != NULL) {
			f.check_id = table_get(&quality, qc.latest, QA_ID);
			f.check_date = table_get(&quality, qc.latest, QA_DATE);
		}
		/* The latest approved change of the requirement. */
		if (store_load(c->p, &tx, &schema_changes, &changes) == -1)
			goto out;
		{
			const struct row *cr = reqflow_last_change(&changes,
			    rid, &f.change_on);

			if (cr != NULL)
				f.change_id = table_get(&changes, cr, CHANGE_ID);
		}
	}
	if ((to = reqflow_decide(a, &f, &why)) == -1) {
		kam_err(KAM_EX_DATA, "%s", why.ptr);
		goto out;
	}
	kam_buf_printf(&body, "Status: %s -> %s.",
	    reqflow_status_name(f.status), reqflow_status_name(to));
	if (a == REQ_CONFIRM)
		kam_buf_printf(&body, "\nConfirmed by %s (%s, client side) on %s."
		    "\nAcceptance: %s", f.by, table_get(&people, p, PERSON_NAME),
		    on, f.acceptance);
	if (a == REQ_FINISH)
		kam_buf_printf(&body, "\nPassing quality check: %s (%s).",
		    f.check_id, table_get(&quality, qc.latest, QA_DATE));
	table_set(&reqs, r, REQ_STATUS, reqflow_status_name(to));
	if (a == REQ_CONFIRM) {
		table_set(&reqs, r, REQ_CONFIRMED_BY,
		    table_get(&people, p, PERSON_ID));
		table_set(&reqs, r, REQ_CONFIRMED_ON, on);
	}
	if (store_check_refs(&reqs, &people) == -1)
		goto out;
	snprintf(cmd, sizeof(cmd), "req %s", verb);
	if (rec_commit_row(c, &tx, cmd, &req_type, &reqs, r, body.ptr) == -1)
		goto out;
	ret = 0;
out:
	free(rid);
	kam_buf_release(&why);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&reqs);
	table_release(&changes);
	table_release(&people);
	table_release(&quality);
	return ret;
}

/* kam risk: the risk register (SPEC §3 "Risk management"). */
static const char *
risk_d_score(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)arg;
	snprintf(buf, 64, "%ld", risk_score(t, r));
	return buf;
}

static const char *
risk_d_level(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)buf;
	(void)arg;
	return risk_level(risk_score(t, r));
}

static const struct derived risk_derived[] = {
	{ "score", OT_NUM, risk_d_score },
	{ "level", OT_TEXT, risk_d_level },
};

/* add and assess: in the order given; the owner must exist. */
static int
risk_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	struct table people = TABLE_INIT;
	char opt[64];
	size_t i, j;
	int ret = -1;

	if (store_load(c->p, tx, &schema_people, &people) == -1)
		goto out;
	for (i = 1; i <= n; i++)
		for (j = 0; j < n; j++) {
			if (a->seq[j] != (int)i)
				continue;
			if (opts[j].col == RISK_OWNER && *a->val[j] != '\0' &&
			    store_lookup(&people, a->val[j]) == NULL)
				goto out;
			if (store_set_arg(t, r, t->s->cols[opts[j].col].name,
			    a->val[j], rec_opt_label(&risk_type, &opts[j], opt,
			    sizeof(opt))) == -1)
				goto out;
		}
	if (store_check_refs(t, &people) == -1)
		goto out;
	ret = 0;
out:
	table_release(&people);
	return ret;
}

static const struct rec_transition risk_trans[] = {
	{ "close", REC_BIT(RISK_OPEN) | REC_BIT(RISK_OCCURRED), RISK_CLOSED,
	    NULL },
	/* A closed risk that comes back; one that occurred is an issue. */
	{ "reopen", REC_BIT(RISK_CLOSED), RISK_OPEN, NULL },
};

static int
risk_refuse(const struct table *t, const struct row *r, const char *verb)
{
	if (strcmp(verb, "reopen") == 0 && strcmp(table_get(t, r,
	    RISK_STATUS), "occurred") == 0)
		return kam_err(KAM_EX_DATA, "risk %s occurred: it is an issue "
		    "of the issue log now; only a closed risk is reopened",
		    table_get(t, r, RISK_ID));
	return kam_err(KAM_EX_DATA, "risk %s is already %s",
	    table_get(t, r, RISK_ID), table_get(t, r, RISK_STATUS));
}

static const struct rec_default risk_defaults[] = {
	{ RISK_STATUS, "open" },
};
const struct rec_type risk_type = {
	.s = &schema_risks, .family = "risk", .title_col = RISK_TITLE,
	.status_col = RISK_STATUS, .owner_col = RISK_OWNER,
	.due_col = RISK_REVIEW, .raised_col = RISK_RAISED,
	.open = REC_BIT(RISK_OPEN), .defaults = risk_defaults,
	.ndefaults = NELEM(risk_defaults), .trans = risk_trans,
	.ntrans = NELEM(risk_trans), .derived = risk_derived,
	.nderived = NELEM(risk_derived), .short_names = 1,
	.apply = risk_apply,
	.refuse = risk_refuse,
};

/* kam qa: quality checks; the latest check of a subject (by date, then
 * id) decides whether it passes (reqflow_checks, lib/reqflow.c). */
static const char *const qa_brief[] = { "id", "subject", "criterion", "date",
	"reviewer", "result", NULL };
const struct rec_type qa_type = {
	.s = &schema_quality, .family = "qa", .title_col = QA_CRITERION,
	.status_col = -1, .owner_col = QA_REVIEWER, .due_col = -1,
	.raised_col = QA_DATE, .brief = qa_brief,
};

int
qa_check_record(const struct rec_ctx *c, const struct rec_verb *v,
    const struct rec_args *a)
{
	const char *subj_arg = a->operand;
	const struct rec_opt *opts = v->opts;
	size_t n = v->nopts;
	struct table quality = TABLE_INIT, people = TABLE_INIT,
	    target = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf title = KAM_BUF_INIT, body = KAM_BUF_INIT;
	struct reqflow_checks qc;
	const char *criterion = arg_named(opts, n, a, "criterion");
	const char *result = arg_named(opts, n, a, "result");
	const char *by = arg_named(opts, n, a, "by");
	const char *date = arg_named(opts, n, a, "date");
	const char *note = arg_named(opts, n, a, "note"), *subject;
	char canon[32], who[32], day[11], id[32];
	struct row *r, *p;
	int32_t d = c->p->today;
	long num;
	int ret = -1;

	if (date != NULL && rec_past_date_arg("--date", date, c->p->today,
	    "it when it has happened", &d) == -1)
		return -1;
	if (rec_id_arg("--by", by, "P", who, &num) == -1)
		return -1;
	if (rec_begin(c, &tx, &quality, &schema_quality) == -1 ||
	    store_load(c->p, &tx, &schema_people, &people) == -1 ||
	    (p = store_lookup(&people, who)) == NULL ||
	    qa_subject(c->p, &tx, subj_arg, "subject", &target, canon,
	    &subject) == -1)
		goto out;
	r = table_add(&quality);
	if (store_set_arg(&quality, r, "subject", subject, "subject") == -1 ||
	    store_set_arg(&quality, r, "criterion", criterion,
	    "--criterion") == -1 ||
	    store_set_arg(&quality, r, "result", result, "--result") == -1 ||
	    store_set_arg(&quality, r, "reviewer", who, "--by") == -1 ||
	    (note != NULL &&
	    store_set_arg(&quality, r, "note", note, "--note") == -1))
		goto out;
	table_set(&quality, r, QA_DATE, date_fmt(d, day));
	if (store_check_refs(&quality, &people) == -1 ||
	    (target.s != NULL && store_check_refs(&quality, &target) == -1))
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&quality, r, QA_ID));
	kam_buf_printf(&title, "%s %s: %s", table_get(&quality, r, QA_SUBJECT),
	    table_get(&quality, r, QA_RESULT), table_get(&quality, r,
	    QA_CRITERION));
	kam_buf_printf(&body, "Reviewed by %s (%s) on %s.", who,
	    table_get(&people, p, PERSON_NAME), day);
	/* A check dated before the subject's latest one does not decide. */
	reqflow_checks(&quality, table_get(&quality, r, QA_SUBJECT), &qc);
	if (qc.latest != r) {
		kam_buf_printf(&body, "\nThe latest check of %s is still %s "
		    "(%s, %s).", table_get(&quality, r, QA_SUBJECT),
		    table_get(&quality, qc.latest, QA_ID),
		    table_get(&quality, qc.latest, QA_RESULT),
		    table_get(&quality, qc.latest, QA_DATE));
		kam_warn("%s is dated before %s, the latest check of %s (%s), "
		    "which still decides", id, table_get(&quality, qc.latest,
		    QA_ID), table_get(&quality, r, QA_SUBJECT),
		    table_get(&quality, qc.latest, QA_RESULT));
	}
	store_put(&tx, &quality);
	if (rec_commit(c, &tx, "qa check", id, title.ptr, body.ptr) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	kam_buf_release(&title);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&quality);
	table_release(&people);
	table_release(&target);
	return ret;
}

/* kam csat: scores 0-10 (add, list and report are its own, cmd/csat.c;
 * set is the generic one). */
const struct rec_type csat_type = {
	.s = &schema_csat, .family = "csat", .title_col = CSAT_SCORE,
	.status_col = -1, .owner_col = CSAT_PERSON, .due_col = -1,
	.raised_col = CSAT_DATE, .past = "a score when it has been given",
};

/*
 * kam raci set: raci.csv has no ids; a row is keyed by activity + person
 * and holds that person's role.  An activity is any kam id (stored
 * canonical, so that kam renumber finds it) or free text.
 */
int
raci_activity_arg(const char *arg, char **out, int *is_id)
{
	const unsigned char *p;
	const struct schema *s;
	char canon[32], pfx[16];
	size_t n = strlen(arg), bad;
	long num;

	*is_id = 0;
	if (n == 0)
		return kam_err(KAM_EX_USAGE, "activity: must not be empty");
	if (!utf8_valid(arg, n, &bad))
		return kam_err(KAM_EX_USAGE, "activity: not valid UTF-8 (byte "
		    "%zu)", bad);
	for (p = (const unsigned char *)arg; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return kam_err(KAM_EX_USAGE, "activity: control "
			    "character at byte %zu",
			    (size_t)(p - (const unsigned char *)arg));
	if (arg[0] == ' ' || arg[n - 1] == ' ')
		return kam_err(KAM_EX_USAGE, "activity '%s' has leading or "
		    "trailing space", arg);
	if (id_prefix(arg, pfx) == 0 && (s = schema_by_prefix(pfx)) != NULL) {
		if (id_parse_arg(arg, pfx, canon, &num, NULL) == -1)
			return kam_err(KAM_EX_USAGE, "activity: invalid %s id "
			    "'%s' (expected e.g. %s-12)", s->noun, arg, pfx);
		*out = xstrdup(canon);
		*is_id = 1;
		return 0;
	}
	*out = xstrdup(arg);
	return 0;
}

/* An activity that is an id must name an existing record (expenses, kept
 * in monthly files, are not looked up). */
static int
activity_exists(struct project *p, struct tx *tx, const char *id)
{
	const struct schema *s;
	struct table t = TABLE_INIT;
	char pfx[16];
	int ret = -1;

	if (id_prefix(id, pfx) == -1 || (s = schema_by_prefix(pfx)) == NULL ||
	    s->monthly)
		return 0;
	if (store_load(p, tx, s, &t) == -1 || store_lookup(&t, id) == NULL)
		goto out;
	ret = 0;
out:
	table_release(&t);
	return ret;
}

int
raci_assign(const struct rec_ctx *c, const char *activity, const char *who,
    const char *rolearg)
{
	struct table raci = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	char *act = NULL, person[32], role[2], title[64];
	long num;
	int is_id, ret = -1;

	if (id_parse_arg(who, "P", person, &num, NULL) == -1)
		return kam_err(KAM_EX_USAGE, "invalid person id '%s' (expected "
		    "e.g. P-12)", who);
	if (rolearg != NULL) {
		const char *v = rolearg;

		role[0] = v[0] >= 'a' && v[0] <= 'z' ? v[0] - 'a' + 'A' : v[0];
		role[1] = '\0';
		if (v[0] == '\0' || v[1] != '\0' || strchr("RACI", role[0]) ==
		    NULL)
			return kam_err(KAM_EX_USAGE, "role: invalid value '%s': "
			    "expected one of: R A C I", v);
	}
	if (raci_activity_arg(activity, &act, &is_id) == -1)
		return -1;
	if (rec_begin(c, &tx, &raci, &schema_raci) == -1)
		goto out;
	r = table_find_key(&raci, act, person);
	if (rolearg == NULL) {
		if (r == NULL) {
			kam_err(KAM_EX_DATA, "raci.csv has no entry for activity "
			    "'%s' and person %s (nothing to remove)", act,
			    person);
			goto out;
		}
		table_remove(&raci, r);
		snprintf(title, sizeof(title), "%s removed", person);
	} else {
		if (store_load(c->p, &tx, &schema_people, &people) == -1 ||
		    store_lookup(&people, person) == NULL ||
		    (is_id && activity_exists(c->p, &tx, act) == -1))
			goto out;
		if (r == NULL) {
			r = table_add(&raci);
			table_set(&raci, r, RACI_ACTIVITY, act);
			table_set(&raci, r, RACI_PERSON, person);
		}
		table_set(&raci, r, RACI_ROLE, role);
		if (store_check_refs(&raci, &people) == -1)
			goto out;
		snprintf(title, sizeof(title), "%s %s", person, role);
	}
	store_put(&tx, &raci);
	if (rec_commit(c, &tx, "raci set", act, title, NULL) == -1)
		goto out;
	ret = 0;
out:
	free(act);
	tx_release(&tx);
	table_release(&raci);
	table_release(&people);
	return ret;
}

const struct rec_type *const rec_types[] = {
	&bill_type, &change_type, &comm_type, &csat_type, &defect_type,
	&goal_type, &issue_type, &lesson_type, &people_type, &qa_type,
	&req_type, &risk_type, &scope_type, &task_type,
};
const size_t rec_ntypes = NELEM(rec_types);

const struct rec_type *
rec_type_of(const char *family)
{
	size_t i;

	for (i = 0; i < rec_ntypes; i++)
		if (strcmp(rec_types[i]->family, family) == 0)
			return rec_types[i];
	return NULL;
}
