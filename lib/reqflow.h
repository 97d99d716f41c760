/*
 * reqflow.h: the rules of requirements and goals, as data and pure
 * functions, so that they can be tested without a repository.
 *
 * Requirements (SPEC §3 "Requirements and change control") move
 *
 *	draft -> analysed -> confirmed -> done
 *	draft, analysed -> rejected
 *
 * The table reqflow_next[action][status] says what each action does from
 * each status; reqflow_decide() adds the rules that depend on facts
 * outside the requirement (who confirms, whether it has acceptance
 * criteria, what its latest quality check says) and words every refusal
 * as a message that says what to do instead.
 *
 * Goals (SPEC §2 goals.csv): progress toward the target and the status a
 * measured actual value gives.
 */
#ifndef KAM_REQFLOW_H
#define KAM_REQFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "kam.h"
#include "table.h"

enum req_status {
	REQ_DRAFT, REQ_ANALYSED, REQ_CONFIRMED, REQ_DONE, REQ_REJECTED,
	REQ_NSTATUS
};

enum req_action {
	REQ_ANALYSE,	/* kam req analyse */
	REQ_CONFIRM,	/* kam req confirm: the client's sign-off */
	REQ_REJECT,	/* kam req reject */
	REQ_FINISH,	/* kam req done */
	REQ_EDIT,	/* kam req set of title, priority or acceptance */
	REQ_CHANGE,	/* an approved change request rewrites those fields */
	REQ_NACTION
};

/* reqflow_next[a][s]: the status after action a from status s, or -1 when
 * a is refused from s. */
extern const signed char reqflow_next[REQ_NACTION][REQ_NSTATUS];

/* "draft" ... "rejected"; reqflow_status() gives -1 for an unknown name. */
const char	*reqflow_status_name(enum req_status s);
int		 reqflow_status(const char *name);
/* "analyse", "confirm", "reject", "done", "set", "change". */
const char	*reqflow_action_name(enum req_action a);

/* What reqflow_decide() needs to know; fields an action does not use may
 * be left NULL/0. */
struct reqflow_facts {
	const char	*id;		/* "REQ-3", for the messages */
	enum req_status	 status;
	const char	*acceptance;	/* confirm: must not be empty or blank */
	const char	*by;		/* confirm: the person's id */
	const char	*by_side;	/* confirm: that person's side */
	int		 check;		/* done: REQFLOW_CHECK_* of the latest */
	const char	*check_id;	/* done: id of the latest check */
	const char	*check_date;	/* done: its date, YYYY-MM-DD */
	const char	*change_id;	/* done: the latest approved change of
					 * the requirement, or NULL */
	const char	*change_on;	/* done: the day it was decided */
};
#define REQFLOW_CHECK_NONE	0
#define REQFLOW_CHECK_FAIL	1
#define REQFLOW_CHECK_PASS	2

/*
 * The latest approved change request of requirement id in `changes`
 * (schema_changes) with its day (decided_on) in *on, or NULL when it has
 * none.  A passing check dated before *on is suspect (issue 17 #4).
 */
struct table;
const struct row *reqflow_last_change(const struct table *changes,
	    const char *id, const char **on);
/* Is a passing check of id dated check_date (YYYY-MM-DD) older than the
 * latest approved change of id? */
int	reqflow_suspect(const struct table *changes, const char *id,
	    const char *check_date);

/*
 * Whether action a may run.  Returns the new status, or -1 with the reason
 * in *why (reset first; no "kam: " prefix), which names the requirement,
 * says what is wrong and what to do instead.
 */
int	reqflow_decide(enum req_action a, const struct reqflow_facts *f,
	    struct kam_buf *why);

/* The quality checks of one subject in quality.csv. */
struct reqflow_checks {
	size_t		 n, npass, nfail;
	const struct row *latest;	/* by date, then id number; NULL if none */
	int		 latest_result;	/* REQFLOW_CHECK_* */
};

/* Gather the checks of subject id (compared case-insensitively) from q,
 * a table of schema_quality. */
void	reqflow_checks(const struct table *q, const char *id,
	    struct reqflow_checks *out);
/* Fold one check (row r of q) into c, which starts zeroed: for callers
 * that index every subject in one pass. */
void	reqflow_checks_add(struct reqflow_checks *c, const struct table *q,
	    const struct row *r);

/*
 * Goals.  A goal value is numeric when it is a decimal in kam's number
 * grammar (at most 4 decimals, '-' the only sign), optionally followed by
 * '%': "12", "-3.5", "99.9%".  goal_number() scales it by 10^4.
 */
int	goal_number(const char *s, int64_t *out);

/*
 * Which way is better: the goal's direction column ("higher", "lower")
 * when set, otherwise from a numeric baseline and target (lower when the
 * target is below the baseline, higher when above); GOAL_UNKNOWN when
 * neither says (no baseline, a baseline equal to the target, or values
 * that are not numbers).  kam never guesses a direction.
 */
enum { GOAL_UNKNOWN = 0, GOAL_HIGHER = 1, GOAL_LOWER = -1 };
int	goal_direction(const char *baseline, const char *target,
	    const char *direction);

/*
 * A stated direction that the baseline and target contradict: where the
 * target lies from the baseline ("above" for a direction "lower", "below"
 * for "higher"), or NULL when they agree or say nothing (the same test
 * for `kam goal set`, which refuses it, and `kam check`, which reports a
 * hand edit).
 */
const char	*goal_direction_conflict(const char *baseline,
		    const char *target, const char *direction);

/*
 * Progress toward the target in percent, rounded half away from zero:
 * (actual - baseline) / (target - baseline) x 100.  Without a baseline
 * it counts from 0 only when the direction column says higher is better
 * (a lower-is-better goal has no start to count from).  Not clamped: 120
 * is overachieved, negative is worse than the baseline.  Returns 0, or -1
 * when it cannot be computed (actual or target unset or not numeric,
 * target equal to baseline, no baseline unless higher is better).
 */
int	goal_progress(const char *baseline, const char *target,
	    const char *actual, const char *direction, long *pct);

/*
 * The status that a measured actual gives: "met" when the actual equals
 * the target or is beyond it in the goal's direction (goal_direction());
 * otherwise "missed" once the due date has passed or when there is none,
 * "open" while it is still ahead.  "unknown" (not a status: the caller
 * leaves the status as it is and says why) when the values are numbers
 * but the direction is unknown.  Values that are not numbers: "met" when
 * actual equals target, else NULL (not computable: the status is left as
 * it is).  NULL too when actual or target is unset.
 */
const char	*goal_status(const char *baseline, const char *target,
		    const char *actual, const char *direction, const char *due,
		    int32_t today);

#endif
