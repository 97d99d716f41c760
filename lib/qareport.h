/*
 * qareport.h: the sums of the quality report (kam qa report), from
 * quality.csv and defects.csv; cmd/qa.c prints them.
 *
 *   struct qa_report rp = QA_REPORT_INIT;
 *   qa_report_build(&rp, &quality, &defects);
 *   ... rp.checks, rp.subj[i], rp.months[i], rp.sev[s][st] ...
 *   qa_report_release(&rp);
 */
#ifndef KAM_QAREPORT_H
#define KAM_QAREPORT_H

#include <stddef.h>

#include "reqflow.h"

struct table;

/* Defect severities and statuses, as the report's rows and columns. */
#define QA_NSEV	3
extern const char *const qa_severities[QA_NSEV];	/* critical, major, minor */
extern const char *const qa_dstatuses[QA_NSEV];	/* open, fixed, verified */

/* A subject's checks; the latest decides (reqflow_checks). */
struct qa_subject_sum {
	const char		*name;	/* as the latest check writes it */
	struct reqflow_checks	 c;
};

struct qa_month_sum {
	char	 ym[8];			/* "2026-11" */
	long	 checks, passed, failed;
};

struct qa_report {
	const struct table	*q;	/* the checks (rows of subj point in) */
	long			 checks, passed, failed;
	struct qa_subject_sum	*subj;	/* ids by prefix and number, then
					   text ignoring case, then none */
	size_t			 nsubj;
	long			 subj_pass, subj_fail;
	struct qa_month_sum	*months;	/* by month, ascending */
	size_t			 nmonths;
	long			 sev[QA_NSEV][QA_NSEV];	/* severity x status */
	long			 rework[QA_NSEV], rework_total, open_total;
};
#define QA_REPORT_INIT { 0 }

/* Sum the checks q and the defects d into rp (QA_REPORT_INIT or
 * released); rp points into q, which must outlive it. */
void	qa_report_build(struct qa_report *rp, const struct table *q,
	    const struct table *d);
void	qa_report_release(struct qa_report *rp);

#endif
