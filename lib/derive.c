/*
 * derive.c: values derived on read (see derive.h).
 */
#include <string.h>

#include "derive.h"
#include "kam.h"
#include "schema.h"
#include "value.h"

int
risk_pi(const struct table *t, const struct row *r, long *pv, long *iv)
{
	/* The risks' own columns by their constants (no state kept between
	 * calls: the portfolio scores risks in several threads at once);
	 * another schema by name. */
	int pc = t->s == &schema_risks ? RISK_PROBABILITY :
	    schema_col(t->s, "probability");
	int ic = t->s == &schema_risks ? RISK_IMPACT :
	    schema_col(t->s, "impact");
	const char *p, *i;
	long a, b;

	p = pc != -1 ? table_get(t, r, pc) : table_get_name(t, r, "probability");
	i = ic != -1 ? table_get(t, r, ic) : table_get_name(t, r, "impact");
	if (p == NULL || i == NULL)
		return -1;
	if (p[0] >= '1' && p[0] <= '5' && p[1] == '\0' &&
	    i[0] >= '1' && i[0] <= '5' && i[1] == '\0') {
		*pv = p[0] - '0';
		*iv = i[0] - '0';
		return 0;
	}
	if (int_parse(p, 1, 5, &a, NULL) == -1 ||
	    int_parse(i, 1, 5, &b, NULL) == -1)
		return -1;
	*pv = a;
	*iv = b;
	return 0;
}

long
risk_score(const struct table *t, const struct row *r)
{
	long p, i;

	return risk_pi(t, r, &p, &i) == 0 ? p * i : 0;
}

const char *
risk_level(long s)
{
	if (s <= 0)
		return "";
	return s >= 15 ? "critical" : s >= 10 ? "high" : s >= 5 ? "medium" :
	    "low";
}

void
csat_tally_add(struct csat_tally *t, long v)
{
	t->n++;
	t->sum += v;
	if (v >= 9)
		t->promoters++;
	else if (v >= 7)
		t->passives++;
	else
		t->detractors++;
}

long
csat_score(const struct table *t, const struct row *r)
{
	int c = t->s == &schema_csat ? CSAT_SCORE : schema_col(t->s, "score");
	const char *s = c != -1 ? table_get(t, r, c) :
	    table_get_name(t, r, "score");
	long v;

	if (s == NULL || int_parse(s, 0, 10, &v, NULL) == -1)
		return -1;
	return v;
}

int
csat_response(const struct table *t, const struct row *r, long *score,
    int32_t *date)
{
	int c = t->s == &schema_csat ? CSAT_DATE : schema_col(t->s, "date");
	const char *s = c != -1 ? table_get(t, r, c) :
	    table_get_name(t, r, "date");
	long v;
	int32_t d;

	if ((v = csat_score(t, r)) == -1 || s == NULL ||
	    date_parse(s, &d, NULL) == -1)
		return -1;
	*score = v;
	*date = d;
	return 0;
}

long
csat_avg10(const struct csat_tally *t)
{
	return t->n > 0 ? (t->sum * 10 + t->n / 2) / t->n : 0;
}

long
csat_nps(const struct csat_tally *t)
{
	long v = (t->promoters - t->detractors) * 100;

	if (t->n == 0)
		return 0;
	return v >= 0 ? (v + t->n / 2) / t->n : -((-v + t->n / 2) / t->n);
}

int
csat_giver_ok(const struct table *people, const struct row *p)
{
	const char *side = table_get(people, p, PERSON_SIDE);

	if (strcmp(side, "client") == 0)
		return 0;
	if (*side == '\0')
		return kam_err(KAM_EX_DATA, "%s has no side in people.csv; only "
		    "a client-side person (side=client) gives a satisfaction "
		    "score", table_get(people, p, PERSON_ID));
	return kam_err(KAM_EX_DATA, "%s is on the %s side; only a client-side "
	    "person (people.csv side=client) gives a satisfaction score",
	    table_get(people, p, PERSON_ID), side);
}

long
defect_rework(const struct table *t, const struct row *r)
{
	long h;

	if (int_parse(table_get(t, r, DEFECT_REWORK), 0, 1000000, &h,
	    NULL) == -1)
		return -1;
	return h;
}

const char *
person_quadrant(const struct table *people, const struct row *p)
{
	long inf, intr;

	if (int_parse(table_get(people, p, PERSON_INFLUENCE), 1, 5, &inf,
	    NULL) == -1 || int_parse(table_get(people, p, PERSON_INTEREST),
	    1, 5, &intr, NULL) == -1)
		return "unassessed";
	if (inf >= 4)
		return intr >= 4 ? "manage closely" : "keep satisfied";
	return intr >= 4 ? "keep informed" : "monitor";
}

int
person_quadrant_rank(const char *quadrant)
{
	static const char *const order[] = { "manage closely",
	    "keep satisfied", "keep informed", "monitor", "unassessed" };
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(order[i], quadrant) == 0)
			return i;
	return 5;
}

int
change_totals_add(struct change_totals *tot, const struct table *changes,
    const struct row *r)
{
	const char *cost = table_get(changes, r, CHANGE_COST);
	const char *days = table_get(changes, r, CHANGE_DAYS);
	int64_t m;
	long d;

	if (strcmp(table_get(changes, r, CHANGE_STATUS), "approved") != 0)
		return 0;
	tot->approved++;
	if (*cost != '\0' && (money_parse(cost, changes->digits, &m,
	    NULL) == -1 || money_add(&tot->cost, m) == -1))
		return kam_err(KAM_EX_DATA, "%s:%lu: cost: the total of "
		    "approved costs is out of range", changes->path, r->line);
	if (*days != '\0' && int_parse(days, -100000, 100000, &d, NULL) == 0)
		tot->days += d;
	return 0;
}
