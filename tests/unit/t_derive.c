/*
 * t_derive.c: values derived on read (lib/derive.c): the risk score and
 * level of SPEC §3, the satisfaction average and NPS.
 */
#include <string.h>

#include "derive.h"
#include "schema.h"
#include "table.h"
#include "value.h"
#include "tap.h"

static long
score_of(const char *csv)
{
	struct table t = TABLE_INIT;
	long s = -1;

	if (table_parse(&t, &schema_risks, "risks.csv", 2, csv,
	    strlen(csv)) == 0 && t.nrows == 1)
		s = risk_score(&t, &t.rows[0]);
	table_release(&t);
	return s;
}

/* Probability and impact of the first row of csv (risk_pi). */
static int
pi_of(const char *csv, long *p, long *i)
{
	struct table t = TABLE_INIT;
	int rc = -2;

	if (table_parse(&t, &schema_risks, "risks.csv", 2, csv,
	    strlen(csv)) == 0 && t.nrows == 1) {
		/* The file grammar wants both; a row being edited may not
		 * have them. */
		if (strcmp(table_get(&t, &t.rows[0], RISK_TITLE), "unset") == 0)
			table_set(&t, &t.rows[0], RISK_PROBABILITY, "");
		rc = risk_pi(&t, &t.rows[0], p, i);
	}
	table_release(&t);
	return rc;
}

static void
test_risk_pi(void)
{
	long p = -1, i = -1;

	is_int(pi_of("id,title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised\n"
	    "R-1,A,,4,5,,,open,,,,\n", &p, &i), 0, "pi: both set");
	is_int(p, 4, "pi: probability 4");
	is_int(i, 5, "pi: impact 5");
	is_int(pi_of("id,title,impact,probability,category,strategy,owner,"
	    "status,trigger,response,review,raised\n"
	    "R-1,A,2,3,,,,open,,,,\n", &p, &i), 0, "pi: any header order");
	is_int(p, 3, "pi: probability 3 (by name)");
	is_int(i, 2, "pi: impact 2 (by name)");
	p = i = -1;
	is_int(pi_of("id,title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised\n"
	    "R-1,unset,,4,5,,,open,,,,\n", &p, &i), -1, "pi: -1 without a "
	    "probability");
	is_int(p, -1, "pi: nothing stored when unset");
	is_int(i, -1, "pi: nothing stored when unset (impact)");
}

static int
csat_of(const char *csv, long *score, int32_t *date, long *alone)
{
	struct table t = TABLE_INIT;
	int rc = -2;

	if (table_parse(&t, &schema_csat, "csat.csv", 2, csv,
	    strlen(csv)) == 0 && t.nrows == 1) {
		*alone = csat_score(&t, &t.rows[0]);
		rc = csat_response(&t, &t.rows[0], score, date);
	}
	table_release(&t);
	return rc;
}

static void
test_csat_response(void)
{
	long v = -1, alone = -2;
	int32_t d = 0, want;

	is_int(date_parse("2026-11-03", &want, NULL), 0, "date parses");
	is_int(csat_of("id,date,person,score,comment\n"
	    "F-1,2026-11-03,P-1,9,\n", &v, &d, &alone), 0,
	    "csat: score and date");
	is_int(v, 9, "csat: score 9");
	is_int(d, want, "csat: the date");
	is_int(alone, 9, "csat_score: 9");
	is_int(csat_of("id,date,person,score,comment\n"
	    "F-1,2026-11-03,P-1,0,\n", &v, &d, &alone), 0, "csat: score 0");
	is_int(v, 0, "csat: 0 is a score");
}

/* Totals of changes.csv rows (change_totals_add). */
static void
test_change_totals(void)
{
	const char *csv = "id,title,req,cost,days,status,requested_by,"
	    "decided_by,decided_on\n"
	    "CR-1,A,,100.50,3,approved,,,\n"
	    "CR-2,B,,999,5,proposed,,,\n"
	    "CR-3,C,,,-1,approved,,,\n"
	    "CR-4,D,,0.50,,approved,,,\n";
	struct change_totals tot = CHANGE_TOTALS_INIT;
	struct table t = TABLE_INIT;
	size_t j;
	int rc = 0;

	if (table_parse(&t, &schema_changes, "changes.csv", 2, csv,
	    strlen(csv)) == -1 || t.nrows != 4) {
		ok(0, "changes.csv parses");
		table_release(&t);
		return;
	}
	for (j = 0; j < t.nrows; j++)
		if (change_totals_add(&tot, &t, &t.rows[j]) == -1)
			rc = -1;
	is_int(rc, 0, "changes: totals add up");
	is_int(tot.approved, 3, "changes: 3 approved");
	is_int(tot.cost, 10100, "changes: 100.50 + 0.50 = 101.00");
	is_int(tot.days, 2, "changes: 3 - 1 days (empty adds nothing)");
	table_release(&t);
}

/* Rework hours of defects.csv rows (defect_rework). */
static void
test_defect_rework(void)
{
	struct table t = TABLE_INIT;
	struct row *r;
	int c = schema_col(&schema_defects, "rework");

	table_init(&t, &schema_defects, "defects.csv", 2);
	r = table_add(&t);
	table_set(&t, r, c, "12");
	is_int(defect_rework(&t, r), 12, "rework: 12 hours");
	table_set(&t, r, c, "0");
	is_int(defect_rework(&t, r), 0, "rework: 0 hours");
	table_set(&t, r, c, NULL);
	is_int(defect_rework(&t, r), -1, "rework: -1 when unset");
	table_set(&t, r, c, "x");
	is_int(defect_rework(&t, r), -1, "rework: -1 when not a number");
	table_release(&t);
}

int
main(void)
{
	struct csat_tally c = CSAT_TALLY_INIT;
	long v;

	is_int(score_of("id,title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised\n"
	    "R-1,A,,4,5,,,open,,,,\n"), 20, "score: probability x impact");
	/* Columns are found by name, not position. */
	is_int(score_of("id,title,impact,probability,category,strategy,owner,"
	    "status,trigger,response,review,raised\n"
	    "R-1,A,2,3,,,,open,,,,\n"), 6, "score: any header order");

	is_str(risk_level(0), "", "level: none for 0");
	is_str(risk_level(1), "low", "level: 1 is low");
	is_str(risk_level(4), "low", "level: 4 is low");
	is_str(risk_level(5), "medium", "level: 5 is medium");
	is_str(risk_level(9), "medium", "level: 9 is medium");
	is_str(risk_level(10), "high", "level: 10 is high");
	is_str(risk_level(14), "high", "level: 14 is high");
	is_str(risk_level(15), "critical", "level: 15 is critical");
	is_str(risk_level(25), "critical", "level: 25 is critical");

	is_int(csat_avg10(&c), 0, "csat: the average of nothing is 0");
	is_int(csat_nps(&c), 0, "csat: the NPS of nothing is 0");
	for (v = 0; v <= 10; v++)
		csat_tally_add(&c, v);
	is_int(c.n, 11, "csat: 11 scores");
	is_int(c.promoters, 2, "csat: 9 and 10 are promoters");
	is_int(c.passives, 2, "csat: 7 and 8 are passives");
	is_int(c.detractors, 7, "csat: 0-6 are detractors");
	is_int(csat_avg10(&c), 50, "csat: average 5.0 in tenths");
	/* (2 - 7) * 100 / 11 = -45.45 -> -45 */
	is_int(csat_nps(&c), -45, "csat: NPS rounds half away from zero");
	c = (struct csat_tally)CSAT_TALLY_INIT;
	csat_tally_add(&c, 9);
	csat_tally_add(&c, 10);
	csat_tally_add(&c, 8);
	/* 27 / 3 = 9.0; (2 - 0) * 100 / 3 = 66.67 -> 67 */
	is_int(csat_avg10(&c), 90, "csat: 9, 10, 8 average 9.0");
	is_int(csat_nps(&c), 67, "csat: NPS 66.7 rounds to 67");
	c = (struct csat_tally)CSAT_TALLY_INIT;
	csat_tally_add(&c, 7);
	csat_tally_add(&c, 8);
	/* 15 / 2 = 7.5 exactly: 75 tenths */
	is_int(csat_avg10(&c), 75, "csat: 7 and 8 average 7.5");
	c = (struct csat_tally)CSAT_TALLY_INIT;
	csat_tally_add(&c, 7);
	csat_tally_add(&c, 7);
	csat_tally_add(&c, 8);
	/* 22 / 3 = 7.333 -> 73 tenths */
	is_int(csat_avg10(&c), 73, "csat: 7, 7, 8 average 7.3 (tenths, "
	    "rounded)");
	test_risk_pi();
	test_csat_response();
	test_change_totals();
	test_defect_rework();
	return done_testing();
}
