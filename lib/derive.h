/*
 * derive.h: values derived on read from a record (SPEC §2: never stored),
 * shared by the commands, kam check, kam log/diff and kam report so each
 * rule has one definition.
 */
#ifndef KAM_DERIVE_H
#define KAM_DERIVE_H

#include "table.h"

/* probability x impact of a risks.csv row (any header order); 0 when
 * either is unset or not 1-5. */
long		 risk_score(const struct table *t, const struct row *r);
/* Probability and impact of a risks.csv row (any header order) into *p
 * and *i: 0 when both are 1-5, else -1 (then nothing is stored). */
int		 risk_pi(const struct table *t, const struct row *r, long *p,
		    long *i);
/* SPEC §3: low 1-4, medium 5-9, high 10-14, critical >= 15; "" for 0. */
const char	*risk_level(long score);

/* Satisfaction scores (csat.csv), tallied. */
struct csat_tally {
	long	n, sum, promoters, passives, detractors;
};
#define CSAT_TALLY_INIT { 0, 0, 0, 0, 0 }

void	csat_tally_add(struct csat_tally *t, long score);
/* The average in tenths, rounded half up; 0 when n is 0. */
long	csat_avg10(const struct csat_tally *t);
/* NPS: promoters (9-10) minus detractors (0-6) in percent of the
 * responses, rounded half away from zero; 0 when n is 0. */
long	csat_nps(const struct csat_tally *t);
/* The score of a csat.csv row (0-10), or -1 when it is not one. */
long	csat_score(const struct table *t, const struct row *r);
/* Score and date of a csat.csv row: 0 when both are valid, else -1. */
int	csat_response(const struct table *t, const struct row *r, long *score,
	    int32_t *date);
/* A score is given by a client-side person, as a sign-off is: 0, or -1
 * after 65 naming the side of person p (a people.csv row). */
int	csat_giver_ok(const struct table *people, const struct row *p);

/* The rework hours of a defects.csv row (0-1000000), or -1 when unset or
 * not a number. */
long	defect_rework(const struct table *t, const struct row *r);

/* Mendelow's power/interest grid for a people.csv row, 4-5 counting as
 * high: "manage closely" (influence and interest high), "keep
 * satisfied" (influence high), "keep informed" (interest high),
 * "monitor", or "unassessed" when either is unset.  The rank orders
 * them so (0-4). */
const char	*person_quadrant(const struct table *people,
		    const struct row *p);
int		 person_quadrant_rank(const char *quadrant);

/* The totals of the approved change requests (changes.csv): how many,
 * their cost in minor units and their working days. */
struct change_totals {
	size_t	approved;
	int64_t	cost;
	long	days;
};
#define CHANGE_TOTALS_INIT { 0, 0, 0 }

/* Add row r of changes (schema_changes) to *tot when it is approved (an
 * empty cost or days adds nothing; days that are not a number are
 * skipped).  0, or -1 (65, naming file:line) when the cost is not money
 * or the total of the costs leaves the money range. */
int	change_totals_add(struct change_totals *tot, const struct table *changes,
	    const struct row *r);

#endif
