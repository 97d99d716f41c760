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
/* A score is given by a client-side person, as a sign-off is: 0, or -1
 * after 65 naming the side of person p (a people.csv row). */
int	csat_giver_ok(const struct table *people, const struct row *p);

/* Mendelow's power/interest grid for a people.csv row, 4-5 counting as
 * high: "manage closely" (influence and interest high), "keep
 * satisfied" (influence high), "keep informed" (interest high),
 * "monitor", or "unassessed" when either is unset.  The rank orders
 * them so (0-4). */
const char	*person_quadrant(const struct table *people,
		    const struct row *p);
int		 person_quadrant_rank(const char *quadrant);

#endif
