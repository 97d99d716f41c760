/*
 * issue.h: the issue log, the "I" of a RAID log (issues.csv): its record
 * type for the generic verbs (record.h) and the rules that are its own —
 * escalation and the issue a risk opens when it occurs.
 */
#ifndef KAM_ISSUE_H
#define KAM_ISSUE_H

#include <stdint.h>

#include "record.h"

extern const struct rec_type issue_type;

/* Severity of the issue an occurred risk opens: critical at or above the
 * project's critical score, major for a high risk (10-14), else minor. */
const char	*issue_severity_of_risk(long score, long critical);

/* Add to `issues` an open issue for risk row r of `risks` (same title and
 * owner, severity from its score, raised today, linked by its risk
 * column).  Returns the new row. */
struct row	*issue_open_for_risk(struct table *issues,
		    const struct table *risks, const struct row *r,
		    long critical, int32_t today);

/* kam risk occur: risk id becomes "occurred" and an issue linked to it
 * opens (issue_open_for_risk), in one commit "risk occur R-n: title" whose
 * body names the issue; prints the issue's id.  65 when the risk has
 * already occurred.  0, or -1 reported. */
int	issue_risk_occurred(const struct rec_ctx *c, const char *id);

/* kam issue escalate: one level up (3 at most) in one commit whose body
 * says to whom — the accountable (A) person of the issue's RACI activity:
 * the issue itself, else its risk, else the first of what it affects
 * that has one.  0, or -1 reported (65 at level 3 or when not open). */
int	issue_escalate(const struct rec_ctx *c, const char *id);

#endif
