/*
 * t_qareport.c: the quality report's sums (lib/qareport.c) — checks and
 * pass counts, subjects by their latest check in report order, months,
 * defects by severity and status with their rework hours.
 */
#include <string.h>

#include "tap.h"

#include "kam.h"
#include "qareport.h"
#include "schema.h"
#include "table.h"

int
main(void)
{
	static const char qcsv[] =
	    "id,subject,criterion,date,reviewer,result,note\n"
	    "Q-1,REQ-10,login,2026-10-30,,fail,\n"
	    "Q-2,REQ-10,login,2026-11-03,,pass,\n"
	    "Q-3,REQ-2,export,2026-11-05,,pass,\n"
	    "Q-4,REQ-2,export,2026-11-06,,fail,\n"
	    "Q-5,payroll text,c,2026-11-06,,pass,\n"
	    "Q-6,T-1,build,2026-12-01,,pass,\n"
	    "Q-7,,no subject,2026-12-02,,pass,\n";
	static const char dcsv[] =
	    "id,title,severity,subject,found,status,rework,closed\n"
	    "D-1,a,critical,REQ-2,2026-11-01,open,4,\n"
	    "D-2,b,critical,REQ-2,2026-11-01,verified,16,2026-11-09\n"
	    "D-3,c,minor,T-1,2026-11-02,fixed,,\n"
	    "D-4,d,major,T-1,2026-11-02,open,2,\n";
	static const char qhead[] =
	    "id,subject,criterion,date,reviewer,result,note\n";
	static const char dhead[] =
	    "id,title,severity,subject,found,status,rework,closed\n";
	struct table q = TABLE_INIT, d = TABLE_INIT, q0 = TABLE_INIT,
	    d0 = TABLE_INIT;
	struct qa_report rp = QA_REPORT_INIT;
	size_t i;

	is_int(table_parse(&q, &schema_quality, "quality.csv", 2, qcsv,
	    strlen(qcsv)), 0, "checks fixture parses");
	is_int(table_parse(&d, &schema_defects, "defects.csv", 2, dcsv,
	    strlen(dcsv)), 0, "defects fixture parses");
	qa_report_build(&rp, &q, &d);

	is_int(rp.checks, 7, "seven checks");
	is_int(rp.passed, 5, "five passed");
	is_int(rp.failed, 2, "two failed");

	/* Subjects: ids by prefix then number (REQ-2 before REQ-10), text,
	 * then the check without a subject. */
	is_int((long)rp.nsubj, 5, "five subjects");
	is_str(rp.subj[0].name, "REQ-2", "REQ-2 first");
	is_int(rp.subj[0].c.n, 2, "with its two checks");
	is_str(rp.subj[1].name, "REQ-10", "REQ-10 after REQ-2 (by number)");
	is_str(rp.subj[2].name, "T-1", "then T-1 (by prefix)");
	is_str(rp.subj[3].name, "payroll text", "then free text");
	is_str(rp.subj[4].name, "", "the check without a subject last");
	is_int(rp.subj[0].c.latest_result, REQFLOW_CHECK_FAIL,
	    "REQ-2's latest check failed");
	is_int(rp.subj[1].c.latest_result, REQFLOW_CHECK_PASS,
	    "REQ-10's latest check passed");
	is_int(rp.subj_pass, 4, "four subjects pass");
	is_int(rp.subj_fail, 1, "one fails");

	is_int((long)rp.nmonths, 3, "three months");
	is_str(rp.months[0].ym, "2026-10", "October first");
	is_int(rp.months[1].checks, 4, "November: four checks");
	is_int(rp.months[1].passed, 3, "three passed");
	is_int(rp.months[1].failed, 1, "one failed");
	is_str(rp.months[2].ym, "2026-12", "December last");

	is_int(rp.sev[0][0], 1, "one open critical");
	is_int(rp.sev[0][2], 1, "one verified critical");
	is_int(rp.sev[1][0], 1, "one open major");
	is_int(rp.sev[2][1], 1, "one fixed minor");
	is_int(rp.open_total, 2, "two open defects");
	is_int(rp.rework[0], 20, "critical rework: 4 + 16 hours");
	is_int(rp.rework[2], 0, "an empty rework counts nothing");
	is_int(rp.rework_total, 22, "22 rework hours");
	for (i = 0; i < QA_NSEV; i++)
		ok(qa_severities[i] != NULL && qa_dstatuses[i] != NULL,
		    "severity and status %zu named", i);
	qa_report_release(&rp);
	ok(rp.subj == NULL && rp.months == NULL && rp.checks == 0,
	    "release leaves an empty report");

	is_int(table_parse(&q0, &schema_quality, "quality.csv", 2, qhead,
	    strlen(qhead)) + table_parse(&d0, &schema_defects, "defects.csv", 2,
	    dhead, strlen(dhead)), 0, "empty tables parse");
	qa_report_build(&rp, &q0, &d0);
	is_int(rp.checks + (long)rp.nsubj + (long)rp.nmonths, 0,
	    "no checks: nothing counted");
	qa_report_release(&rp);

	table_release(&q);
	table_release(&d);
	table_release(&q0);
	table_release(&d0);
	return done_testing();
}
