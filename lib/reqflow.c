/*
 * reqflow.c: the requirement state machine and the goal arithmetic (see
 * reqflow.h).
 */
#include <string.h>

#include "reqflow.h"
#include "schema.h"
#include "value.h"

#define D	REQ_DRAFT
#define A	REQ_ANALYSED
#define C	REQ_CONFIRMED
#define F	REQ_DONE
#define R	REQ_REJECTED
#define X	(-1)

const signed char reqflow_next[REQ_NACTION][REQ_NSTATUS] = {
	/*		 draft	analysed confirmed done	rejected */
	[REQ_ANALYSE] = { A,	X,	X,	X,	X },
	[REQ_CONFIRM] = { X,	C,	X,	X,	X },
	[REQ_REJECT]  = { R,	R,	X,	X,	X },
	[REQ_FINISH]  = { X,	X,	F,	X,	X },
	[REQ_EDIT]    = { D,	A,	X,	X,	X },
	/* New text for a done requirement has not been tested yet: it goes
	 * back to confirmed (the client approved the change). */
	[REQ_CHANGE]  = { D,	A,	C,	C,	X },
};

#undef D
#undef A
#undef C
#undef F
#undef R
#undef X

static const char *const status_names[REQ_NSTATUS] = {
	"draft", "analysed", "confirmed", "done", "rejected",
};

static const char *const action_names[REQ_NACTION] = {
	"analyse", "confirm", "reject", "done", "set", "change",
};

const char *
reqflow_status_name(enum req_status s)
{
	return (unsigned)s < REQ_NSTATUS ? status_names[s] : "?";
}

int
reqflow_status(const char *name)
{
	int i;

	for (i = 0; i < REQ_NSTATUS; i++)
		if (strcmp(name, status_names[i]) == 0)
			return i;
	return -1;
}

const char *
reqflow_action_name(enum req_action a)
{
	return (unsigned)a < REQ_NACTION ? action_names[a] : "?";
}

/* Why action a is refused from the requirement's status, and what to do
 * instead. */
static void
refuse_status(enum req_action a, const struct reqflow_facts *f,
    struct kam_buf *why)
{
	const char *id = f->id, *st = reqflow_status_name(f->status);

	/* The action would leave it where it already is. */
	if ((a == REQ_ANALYSE && f->status == REQ_ANALYSED) ||
	    (a == REQ_CONFIRM && f->status == REQ_CONFIRMED) ||
	    (a == REQ_REJECT && f->status == REQ_REJECTED) ||
	    (a == REQ_FINISH && f->status == REQ_DONE)) {
		kam_buf_printf(why, "requirement %s is already %s", id, st);
		return;
	}
	kam_buf_printf(why, "requirement %s is %s; ", id, st);
	switch (a) {
	case REQ_ANALYSE:
		kam_buf_puts(why, "only a draft can be analysed");
		break;
	case REQ_CONFIRM:
		if (f->status == REQ_DRAFT)
			kam_buf_printf(why, "analyse it first ('kam req analyse "
			    "%s')", id);
		else if (f->status == REQ_DONE)
			kam_buf_puts(why, "it was confirmed before it was done");
		else
			kam_buf_puts(why, "a rejected requirement cannot be "
			    "confirmed (record a new one with 'kam req add')");
		break;
	case REQ_REJECT:
		kam_buf_printf(why, "only a draft or analysed requirement can "
		    "be rejected; to drop an agreed requirement, approve a "
		    "change request that sets its priority to wont ('kam change "
		    "add TITLE --req %s', then 'kam change approve CR-n --by P-n "
		    "--priority wont')", id);
		break;
	case REQ_FINISH:
		if (f->status == REQ_REJECTED)
			kam_buf_puts(why, "a rejected requirement cannot be done");
		else
			kam_buf_printf(why, "only a confirmed requirement can be "
			    "done (confirm it with 'kam req confirm %s --by P-n')",
			    id);
		break;
	case REQ_EDIT:
		if (f->status == REQ_REJECTED)
			kam_buf_puts(why, "a rejected requirement cannot be "
			    "edited (record a new one with 'kam req add')");
		else
			kam_buf_printf(why, "its title, priority and acceptance "
			    "change only through a change request ('kam change "
			    "add TITLE --req %s ...', then 'kam change approve "
			    "CR-n --by P-n --title/--priority/--acceptance ...')",
			    id);
		break;
	case REQ_CHANGE:
		kam_buf_puts(why, "a change request cannot rewrite a rejected "
		    "requirement (record a new one with 'kam req add')");
		break;
	default:
		kam_buf_puts(why, "unknown action");
		break;
	}
}

int
reqflow_decide(enum req_action a, const struct reqflow_facts *f,
    struct kam_buf *why)
{
	int to;

	kam_buf_reset(why);
	if ((unsigned)a >= REQ_NACTION || (unsigned)f->status >= REQ_NSTATUS) {
		kam_buf_puts(why, "unknown action or status");
		return -1;
	}
	if ((to = reqflow_next[a][f->status]) == -1) {
		refuse_status(a, f, why);
		return -1;
	}
	if (a == REQ_CONFIRM) {
		if (f->acceptance == NULL ||
		    f->acceptance[strspn(f->acceptance, " \t\r\n")] == '\0') {
			kam_buf_printf(why, "requirement %s has no acceptance "
			    "criteria; set them with 'kam req set %s --acceptance "
			    "TEXT' before it is confirmed", f->id, f->id);
			return -1;
		}
		if (f->by_side == NULL || f->by_side[0] == '\0') {
			kam_buf_printf(why, "%s has no side in people.csv; only a "
			    "client-side person (side=client) can confirm a "
			    "requirement", f->by);
			return -1;
		}
		if (strcmp(f->by_side, "client") != 0) {
			kam_buf_printf(why, "%s is on the %s side; only a "
			    "client-side person (people.csv side=client) can "
			    "confirm a requirement", f->by, f->by_side);
			return -1;
		}
	}
	if (a == REQ_FINISH && f->check != REQFLOW_CHECK_PASS) {
		if (f->check == REQFLOW_CHECK_FAIL)
			kam_buf_printf(why, "the latest quality check of %s (%s) "
			    "failed; record a passing check before it is done",
			    f->id, f->check_id != NULL ? f->check_id : "?");
		else
			kam_buf_printf(why, "requirement %s has no passing quality "
			    "check; record one ('kam qa check %s --criterion TEXT "
			    "--result pass --by P-n', or a quality.csv row with "
			    "subject %s and result pass) before it is done",
			    f->id, f->id, f->id);
		return -1;
	}
	/* A change approved after the check makes it suspect (Doorstop's
	 * suspect links): the requirement is tested again first. */
	if (a == REQ_FINISH && f->change_on != NULL && f->check_date != NULL &&
	    strcmp(f->check_date, f->change_on) < 0) {
		kam_buf_printf(why, "the latest passing check of %s (%s, %s) is "
		    "older than change %s approved on %s, which makes it "
		    "suspect; record a passing check dated %s or later before "
		    "it is done", f->id, f->check_id != NULL ? f->check_id :
		    "?", f->check_date, f->change_id != NULL ? f->change_id :
		    "?", f->change_on, f->change_on);
		return -1;
	}
	return to;
}

const struct row *
reqflow_last_change(const struct table *changes, const char *id,
    const char **on)
{
	const struct row *last = NULL;
	const char *d;
	size_t i;

	*on = NULL;
	for (i = 0; i < changes->nrows; i++) {
		const struct row *cr = &changes->rows[i];

		d = table_get(changes, cr, CHANGE_DECIDED_ON);
		if (kam_strcasecmp(table_get(changes, cr, CHANGE_REQ), id) != 0 ||
		    strcmp(table_get(changes, cr, CHANGE_STATUS),
		    "approved") != 0 || *d == '\0')
			continue;
		if (*on == NULL || strcmp(d, *on) > 0) {
			*on = d;
			last = cr;
		}
	}
	return last;
}

int
reqflow_suspect(const struct table *changes, const char *id,
    const char *check_date)
{
	const char *on;

	return reqflow_last_change(changes, id, &on) != NULL &&
	    strcmp(check_date, on) < 0;
}

/* ---- quality checks ---- */

void
reqflow_checks_add(struct reqflow_checks *c, const struct table *q,
    const struct row *r)
{
	int cdate = schema_col(&schema_quality, "date");
	int cres = schema_col(&schema_quality, "result");
	const char *res = table_get(q, r, cres);
	int cmp;

	c->n++;
	if (strcmp(res, "pass") == 0)
		c->npass++;
	else if (strcmp(res, "fail") == 0)
		c->nfail++;
	if (c->latest != NULL) {
		/* Dates are YYYY-MM-DD: they order as strings. */
		cmp = strcmp(table_get(q, r, cdate),
		    table_get(q, c->latest, cdate));
		if (cmp < 0 || (cmp == 0 && r->num < c->latest->num))
			return;
	}
	c->latest = r;
	c->latest_result = strcmp(res, "pass") == 0 ? REQFLOW_CHECK_PASS :
	    strcmp(res, "fail") == 0 ? REQFLOW_CHECK_FAIL : REQFLOW_CHECK_NONE;
}

void
reqflow_checks(const struct table *q, const char *id,
    struct reqflow_checks *out)
{
	int csub = schema_col(&schema_quality, "subject");
	size_t i;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < q->nrows; i++)
		if (kam_strcasecmp(table_get(q, &q->rows[i], csub), id) == 0)
			reqflow_checks_add(out, q, &q->rows[i]);
}

/* ---- goals ---- */

int
goal_number(const char *s, int64_t *out)
{
	char buf[64];
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	if (buf[n - 1] == '%')
		buf[--n] = '\0';
	if (n == 0)
		return -1;
	return money_parse(buf, 4, out, NULL);
}

/* Round num/den (den != 0) half away from zero. */
static __int128
div_round(__int128 num, __int128 den)
{
	int neg = (num < 0) != (den < 0);
	__int128 q;

	if (num < 0)
		num = -num;
	if (den < 0)
		den = -den;
	q = (2 * num + den) / (2 * den);
	return neg ? -q : q;
}

int
goal_direction(const char *baseline, const char *target,
    const char *direction)
{
	int64_t b, t;

	if (direction != NULL && strcmp(direction, "higher") == 0)
		return GOAL_HIGHER;
	if (direction != NULL && strcmp(direction, "lower") == 0)
		return GOAL_LOWER;
	if (baseline == NULL || *baseline == '\0' ||
	    goal_number(baseline, &b) == -1 || goal_number(target, &t) == -1 ||
	    t == b)
		return GOAL_UNKNOWN;
	return t < b ? GOAL_LOWER : GOAL_HIGHER;
}

const char *
goal_direction_conflict(const char *baseline, const char *target,
    const char *direction)
{
	int from_values = goal_direction(baseline, target, NULL);

	if (direction == NULL || *direction == '\0' ||
	    from_values == GOAL_UNKNOWN ||
	    from_values == goal_direction(NULL, NULL, direction))
		return NULL;
	return from_values == GOAL_HIGHER ? "above" : "below";
}

int
goal_progress(const char *baseline, const char *target, const char *actual,
    const char *direction, long *pct)
{
	int64_t b = 0, t, a;
	__int128 p;

	if (baseline != NULL && *baseline != '\0') {
		if (goal_number(baseline, &b) == -1)
			return -1;
	} else if (direction == NULL || strcmp(direction, "higher") != 0)
		return -1;	/* from 0 only when higher is better */
	if (goal_number(target, &t) == -1 || goal_number(actual, &a) == -1 ||
	    t == b)
		return -1;
	p = div_round(((__int128)a - b) * 100, (__int128)t - b);
	if (p > 1000000000 || p < -1000000000)
		return -1;
	*pct = (long)p;
	return 0;
}

const char *
goal_status(const char *baseline, const char *target, const char *actual,
    const char *direction, const char *due, int32_t today)
{
	int64_t b, t, a;
	int32_t d;
	int dir, met;

	if (actual == NULL || *actual == '\0' || target == NULL ||
	    *target == '\0')
		return NULL;
	if (goal_number(target, &t) == -1 || goal_number(actual, &a) == -1 ||
	    (baseline != NULL && *baseline != '\0' &&
	    goal_number(baseline, &b) == -1))
		return strcmp(actual, target) == 0 ? "met" : NULL;
	if (a == t)
		return "met";
	dir = goal_direction(baseline, target, direction);
	if (dir == GOAL_UNKNOWN)
		return "unknown";
	met = dir == GOAL_LOWER ? a <= t : a >= t;
	if (met)
		return "met";
	if (due != NULL && *due != '\0' && date_parse(due, &d, NULL) == 0 &&
	    today <= d)
		return "open";
	return "missed";
}
