/*
 * t_derive.c: values derived on read (lib/derive.c): the risk score and
 * level of SPEC §3, the satisfaction average and NPS.
 */
#include <string.h>

#include "derive.h"
#include "schema.h"
#include "table.h"
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
	return done_testing();
}
