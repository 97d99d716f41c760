/*
 * qareport.c: the quality report's sums (kam qa report): checks and pass
 * rate, the subjects by their latest check (lib/reqflow.c's rule), the
 * checks by month, the defects by severity and status with their rework.
 */
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "kam.h"
#include "qareport.h"
#include "schema.h"
#include "table.h"
#include "value.h"

const char *const qa_severities[QA_NSEV] = { "critical", "major", "minor" };
const char *const qa_dstatuses[QA_NSEV] = { "open", "fixed", "verified" };

/* qsort_r comparators; arg is the checks table. */
static int
cmp_by_subject(const void *a, const void *b, void *arg)
{
	const struct table *q = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int c = id_cmp(table_get(q, x, QA_SUBJECT),
	    table_get(q, y, QA_SUBJECT));

	if (c == 0)
		c = x->num < y->num ? -1 : x->num > y->num;
	return c;
}

static int
cmp_by_date(const void *a, const void *b, void *arg)
{
	const struct table *q = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int c = strcmp(table_get(q, x, QA_DATE), table_get(q, y, QA_DATE));

	if (c == 0)
		c = x->num < y->num ? -1 : x->num > y->num;
	return c;
}

static int
index_of(const char *const *names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

void
qa_report_build(struct qa_report *rp, const struct table *q,
    const struct table *d)
{
	struct row **rows = xcalloc(q->nrows + 1, sizeof(*rows));
	struct qa_subject_sum *s = NULL;
	struct qa_month_sum *m = NULL;
	const char *res, *date;
	size_t i;
	long h;
	int sv, st;

	rp->q = q;
	for (i = 0; i < q->nrows; i++) {
		rows[i] = &q->rows[i];
		res = table_get(q, rows[i], QA_RESULT);
		rp->checks++;
		rp->passed += strcmp(res, "pass") == 0;
		rp->failed += strcmp(res, "fail") == 0;
	}
	/* By subject: the latest check of each decides (reqflow). */
	qsort_r(rows, q->nrows, sizeof(*rows), cmp_by_subject, (void *)q);
	rp->subj = xcalloc(q->nrows + 1, sizeof(*rp->subj));
	for (i = 0; i < q->nrows; i++) {
		if (s == NULL || id_cmp(table_get(q, rows[i],
		    QA_SUBJECT), s->name) != 0) {
			s = &rp->subj[rp->nsubj++];
			s->name = table_get(q, rows[i], QA_SUBJECT);
		}
		reqflow_checks_add(&s->c, q, rows[i]);
	}
	for (i = 0; i < rp->nsubj; i++) {
		s = &rp->subj[i];
		s->name = table_get(q, s->c.latest, QA_SUBJECT);
		rp->subj_pass += s->c.latest_result == REQFLOW_CHECK_PASS;
		rp->subj_fail += s->c.latest_result == REQFLOW_CHECK_FAIL;
	}
	/* By month of the check's date. */
	qsort_r(rows, q->nrows, sizeof(*rows), cmp_by_date, (void *)q);
	rp->months = xcalloc(q->nrows + 1, sizeof(*rp->months));
	for (i = 0; i < q->nrows; i++) {
		date = table_get(q, rows[i], QA_DATE);
		if (strlen(date) < 7)
			continue;
		if (m == NULL || memcmp(m->ym, date, 7) != 0) {
			m = &rp->months[rp->nmonths++];
			memcpy(m->ym, date, 7);
			m->ym[7] = '\0';
		}
		res = table_get(q, rows[i], QA_RESULT);
		m->checks++;
		m->passed += strcmp(res, "pass") == 0;
		m->failed += strcmp(res, "fail") == 0;
	}
	/* Defects by severity and status; rework hours. */
	for (i = 0; i < d->nrows; i++) {
		const struct row *r = &d->rows[i];

		sv = index_of(qa_severities, QA_NSEV, table_get(d, r, DEFECT_SEVERITY));
		st = index_of(qa_dstatuses, QA_NSEV, table_get(d, r, DEFECT_STATUS));
		if (sv == -1 || st == -1)
			continue;
		rp->sev[sv][st]++;
		rp->open_total += st == 0;
		if ((h = defect_rework(d, r)) != -1) {
			rp->rework[sv] += h;
			rp->rework_total += h;
		}
	}
	free(rows);
}

void
qa_report_release(struct qa_report *rp)
{
	free(rp->subj);
	free(rp->months);
	*rp = (struct qa_report)QA_REPORT_INIT;
}
