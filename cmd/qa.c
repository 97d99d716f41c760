/*
 * qa.c: kam qa — quality checks and the quality report (SPEC §3 "Quality
 * and customer satisfaction").
 *
 * A check is one row of quality.csv: a subject (a record such as REQ-3 or
 * T-2, or free text), a criterion, a date, a reviewer and pass or fail.
 * The latest check of a subject (by date, then id) decides whether the
 * subject passes; that rule lives in lib/reqflow.c (reqflow_checks), which
 * `kam req done` and `kam check` use too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/rectype.h"
#include "../lib/budget.h"
#include "../lib/records.h"
#include "../lib/reqflow.h"
#include "../lib/store.h"
#include "../lib/value.h"

#define REPORT_OPTS(O)	O(CMD, "kam qa report")

/* check: a new quality check (qa_check_record, lib/rectype.c). */
REC_FIELDS_VERB(qa_check, "check",
    "record a quality check of a requirement, task or anything", CALL, ADD,
    "kam qa check subject", QA_FIELDS, .call = qa_check_record,
    .need = "a quality check needs --criterion TEXT, --result pass|fail and "
    "--by P-n (the reviewer)")
REC_LIST_VERB(qa_list, "list", "list quality checks", "kam qa list", QA_WHERE,
    .rt = &qa_type)
REC_VERB(qa_show, "show", "show one quality check", SHOW, "kam qa show Q-n",
    .rt = &qa_type)

/* ---- report ---- */

static const char *const severities[] = { "critical", "major", "minor" };
static const char *const dstatuses[] = { "open", "fixed", "verified" };

struct subject_sum {
	const char		*name;	/* as the latest check writes it */
	struct reqflow_checks	 c;
};

struct month_sum {
	char	 ym[8];			/* "2026-11" */
	long	 checks, passed, failed;
};

struct report {
	const struct table	*q;
	long			 checks, passed, failed;
	struct subject_sum	*subj;
	size_t			 nsubj;
	long			 subj_pass, subj_fail;
	struct month_sum	*months;
	size_t			 nmonths;
	long			 sev[3][3];	/* severity x status */
	long			 rework[3], rework_total, open_total;
	int			 human;		/* table or md */
};

/* 0 a kam id (prefix and number into pfx, num), 1 text, 2 unset. */
static int
subject_kind(const char *s, char *pfx, long *num)
{
	if (*s == '\0')
		return 2;
	if (id_prefix(s, pfx) == 0 && id_parse(s, NULL, num, NULL) == 0)
		return 0;
	return 1;
}

/* Subjects: ids (by prefix, then number), then text ignoring case, then
 * the checks without one. */
static int
cmp_subject_str(const char *a, const char *b)
{
	char pa[16], pb[16];
	long na = 0, nb = 0;
	int ka = subject_kind(a, pa, &na), kb = subject_kind(b, pb, &nb), c;

	if (ka != kb)
		return ka - kb;
	if (ka != 0)
		return kam_strcasecmp(a, b);
	if ((c = strcmp(pa, pb)) != 0)
		return c;
	return na < nb ? -1 : na > nb;
}

/* qsort_r comparators; arg is the checks table. */
static int
cmp_by_subject(const void *a, const void *b, void *arg)
{
	const struct table *q = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int c = cmp_subject_str(table_get(q, x, QA_SUBJECT),
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

static void
report_build(struct report *rp, const struct table *q, const struct table *d)
{
	struct row **rows = xcalloc(q->nrows + 1, sizeof(*rows));
	struct subject_sum *s = NULL;
	struct month_sum *m = NULL;
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
		if (s == NULL || cmp_subject_str(table_get(q, rows[i],
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

		sv = index_of(severities, 3, table_get(d, r, DEFECT_SEVERITY));
		st = index_of(dstatuses, 3, table_get(d, r, DEFECT_STATUS));
		if (sv == -1 || st == -1)
			continue;
		rp->sev[sv][st]++;
		rp->open_total += st == 0;
		if (int_parse(table_get(d, r, DEFECT_REWORK), 0, 1000000, &h,
		    NULL) == 0) {
			rp->rework[sv] += h;
			rp->rework_total += h;
		}
	}
	free(rows);
}

static void
report_release(struct report *rp)
{
	free(rp->subj);
	free(rp->months);
}

/* passed as a percentage of checks, or NULL (unset) without checks. */
static const char *
rate(long passed, long checks, char *buf)
{
	return checks > 0 ? budget_pct_fmt(passed, checks, buf) : NULL;
}

static const struct out_col summary_cols[] = {
	{ "checks", OT_NUM }, { "passed", OT_NUM }, { "failed", OT_NUM },
	{ "pass_rate", OT_NUM }, { "subjects", OT_NUM },
	{ "subjects_passing", OT_NUM }, { "subjects_failing", OT_NUM },
	{ "open_defects", OT_NUM }, { "rework_hours", OT_NUM },
};

static void
fill_summary(struct out *o, const struct report *rp)
{
	char v[9][48];
	const char *cells[9];
	size_t i;

	snprintf(v[0], sizeof(v[0]), "%ld", rp->checks);
	snprintf(v[1], sizeof(v[1]), "%ld", rp->passed);
	snprintf(v[2], sizeof(v[2]), "%ld", rp->failed);
	snprintf(v[4], sizeof(v[4]), "%zu", rp->nsubj);
	snprintf(v[5], sizeof(v[5]), "%ld", rp->subj_pass);
	snprintf(v[6], sizeof(v[6]), "%ld", rp->subj_fail);
	snprintf(v[7], sizeof(v[7]), "%ld", rp->open_total);
	snprintf(v[8], sizeof(v[8]), "%ld", rp->rework_total);
	for (i = 0; i < 9; i++)
		cells[i] = v[i];
	cells[3] = rate(rp->passed, rp->checks, v[3]);
	out_row(o, cells);
}

static const struct out_col subject_cols[] = {
	{ "subject", OT_TEXT }, { "checks", OT_NUM }, { "passed", OT_NUM },
	{ "failed", OT_NUM }, { "latest", OT_TEXT }, { "date", OT_TEXT },
	{ "result", OT_TEXT },
};

static void
fill_subjects(struct out *o, const struct report *rp)
{
	char n[3][24];
	const char *cells[7];
	size_t i;

	for (i = 0; i < rp->nsubj; i++) {
		const struct subject_sum *s = &rp->subj[i];

		snprintf(n[0], sizeof(n[0]), "%zu", s->c.n);
		snprintf(n[1], sizeof(n[1]), "%zu", s->c.npass);
		snprintf(n[2], sizeof(n[2]), "%zu", s->c.nfail);
		cells[0] = s->name;
		cells[1] = n[0];
		cells[2] = n[1];
		cells[3] = n[2];
		cells[4] = table_get(rp->q, s->c.latest, QA_ID);
		cells[5] = table_get(rp->q, s->c.latest, QA_DATE);
		cells[6] = table_get(rp->q, s->c.latest, QA_RESULT);
		out_row(o, cells);
	}
}

static const struct out_col severity_cols[] = {
	{ "severity", OT_TEXT }, { "open", OT_NUM }, { "fixed", OT_NUM },
	{ "verified", OT_NUM }, { "total", OT_NUM }, { "rework", OT_NUM },
};

static void
severity_row(struct out *o, const char *name, const long *by_status,
    long rework)
{
	char n[5][24];
	const char *cells[6];

	snprintf(n[0], sizeof(n[0]), "%ld", by_status[0]);
	snprintf(n[1], sizeof(n[1]), "%ld", by_status[1]);
	snprintf(n[2], sizeof(n[2]), "%ld", by_status[2]);
	snprintf(n[3], sizeof(n[3]), "%ld", by_status[0] + by_status[1] +
	    by_status[2]);
	snprintf(n[4], sizeof(n[4]), "%ld", rework);
	cells[0] = name;
	cells[1] = n[0];
	cells[2] = n[1];
	cells[3] = n[2];
	cells[4] = n[3];
	cells[5] = n[4];
	out_row(o, cells);
}

static void
fill_severities(struct out *o, const struct report *rp)
{
	long total[3] = { 0, 0, 0 };
	size_t i, j;

	for (i = 0; i < 3; i++) {
		severity_row(o, severities[i], rp->sev[i], rp->rework[i]);
		for (j = 0; j < 3; j++)
			total[j] += rp->sev[i][j];
	}
	/* People get a total line; machines have the summary. */
	if (rp->human)
		severity_row(o, "total", total, rp->rework_total);
}

static const struct out_col month_cols[] = {
	{ "month", OT_TEXT }, { "checks", OT_NUM }, { "passed", OT_NUM },
	{ "failed", OT_NUM }, { "pass_rate", OT_NUM },
};

static void
fill_months(struct out *o, const struct report *rp)
{
	char n[3][24], pct[48];
	const char *cells[5];
	size_t i;

	for (i = 0; i < rp->nmonths; i++) {
		const struct month_sum *m = &rp->months[i];

		snprintf(n[0], sizeof(n[0]), "%ld", m->checks);
		snprintf(n[1], sizeof(n[1]), "%ld", m->passed);
		snprintf(n[2], sizeof(n[2]), "%ld", m->failed);
		cells[0] = m->ym;
		cells[1] = n[0];
		cells[2] = n[1];
		cells[3] = n[2];
		cells[4] = rate(m->passed, m->checks, pct);
		out_row(o, cells);
	}
}

/* The sections of the report, in order; the first is the summary. */
static const struct section {
	const char		*key;		/* JSON */
	const char		*heading;	/* Markdown */
	const struct out_col	*cols;
	size_t			 ncols;
	void			(*fill)(struct out *, const struct report *);
} sections[] = {
	{ NULL, "Quality", summary_cols, ARRAY_SIZE(summary_cols),
	    fill_summary },
	{ "by_subject", "Checks by subject (the latest check decides)",
	    subject_cols, ARRAY_SIZE(subject_cols), fill_subjects },
	{ "by_severity", "Defects by severity", severity_cols,
	    ARRAY_SIZE(severity_cols), fill_severities },
	{ "by_month", "Checks by month", month_cols, ARRAY_SIZE(month_cols),
	    fill_months },
};

/* The summary for people: one line per figure, aligned on a terminal,
 * a list in Markdown. */
static void
summary_lines(const struct report *rp, int md)
{
	const char *b = md ? "- " : "";
	int w = md ? 0 : 13;	/* "open defects:" */
	char pct[48];

	printf("%s%-*s %ld (%ld passed, %ld failed)\n", b, w, "checks:",
	    rp->checks, rp->passed, rp->failed);
	printf("%s%-*s %s%s\n", b, w, "pass rate:", rp->checks > 0 ?
	    budget_pct_fmt(rp->passed, rp->checks, pct) : "-",
	    rp->checks > 0 ? "%" : "");
	printf("%s%-*s %zu (%ld passing, %ld failing on their latest check)\n",
	    b, w, "subjects:", rp->nsubj, rp->subj_pass, rp->subj_fail);
	printf("%s%-*s %ld (critical %ld, major %ld, minor %ld)\n", b, w,
	    "open defects:", rp->open_total, rp->sev[0][0], rp->sev[1][0],
	    rp->sev[2][0]);
	printf("%s%-*s %ld hour%s\n", b, w, "rework:", rp->rework_total,
	    rp->rework_total == 1 ? "" : "s");
}

/* The JSON array of section s into *text (caller frees), without the
 * final newline.  -1 (74) when no memory stream can be had. */
static int
json_section(const struct section *s, const struct report *rp, char **text)
{
	struct out o = OUT_INIT;
	size_t len = 0;
	FILE *fp;

	*text = NULL;
	if ((fp = open_memstream(text, &len)) == NULL)
		return kam_errno(errno, "cannot buffer the report");
	o.fp = fp;
	out_begin(&o, FMT_JSON, s->cols, s->ncols);
	s->fill(&o, rp);
	out_end(&o);
	if (fclose(fp) != 0) {
		free(*text);
		*text = NULL;
		return kam_errno(errno, "cannot buffer the report");
	}
	while (len > 0 && (*text)[len - 1] == '\n')
		(*text)[--len] = '\0';
	return 0;
}

/*
 * JSON: one object, the summary's fields and then one array per section:
 * {"checks":..., ..., "by_subject":[...], "by_severity":[...],
 * "by_month":[...]}.
 */
static int
report_json(const struct report *rp)
{
	char *text = NULL, *p;
	size_t i;
	int ret = -1;

	if (json_section(&sections[0], rp, &text) == -1)
		goto out;
	/* "[\n{...}\n]": keep the object's fields. */
	if ((p = strchr(text, '{')) == NULL || strrchr(p, '}') == NULL) {
		kam_err(KAM_EX_INTERNAL, "qa report: unexpected JSON summary");
		goto out;
	}
	*strrchr(p, '}') = '\0';
	printf("%s", p);
	for (i = 1; i < ARRAY_SIZE(sections); i++) {
		free(text);
		if (json_section(&sections[i], rp, &text) == -1)
			goto out;
		printf(",\n\"%s\":%s", sections[i].key, text);
	}
	printf("}\n");
	ret = 0;
out:
	free(text);
	return ret;
}

KAM_VERB0(qa_report, "report", NEED_PROJECT,
    "pass rate, open defects, rework hours, checks by month", REPORT_OPTS)
{
	struct table quality = TABLE_INIT, defects = TABLE_INIT;
	struct report rp;
	struct out o = OUT_INIT;
	size_t i;
	int ret = -1;

	memset(&rp, 0, sizeof(rp));
	/* A CSV is one table of records (issue 18); the report is four. */
	if (k->fmt == FMT_CSV)
		return kam_err(KAM_EX_USAGE, "kam qa report writes table, md or "
		    "json: its sections have different columns (CSV: kam qa "
		    "list, kam defect list)");
	if (store_load(&k->p, NULL, &schema_quality, &quality) == -1 ||
	    store_load(&k->p, NULL, &schema_defects, &defects) == -1)
		goto out;
	rp.human = k->fmt != FMT_JSON;
	report_build(&rp, &quality, &defects);
	if (k->fmt == FMT_JSON) {
		ret = report_json(&rp);
		goto out;
	}
	/* table, md: the sections one after the other, a blank line
	 * between them. */
	for (i = 0; i < ARRAY_SIZE(sections); i++) {
		const struct section *s = &sections[i];

		if (i > 0)
			putchar('\n');
		if (k->fmt == FMT_MD)
			printf("### %s\n\n", s->heading);
		if (i == 0 && rp.human) {
			summary_lines(&rp, k->fmt == FMT_MD);
			continue;
		}
		out_begin(&o, k->fmt, s->cols, s->ncols);
		s->fill(&o, &rp);
		out_end(&o);
	}
	ret = 0;
out:
	report_release(&rp);
	table_release(&quality);
	table_release(&defects);
	return ret;
}

const struct verb *const qa_verbs[] = {
	&qa_check_verb, &qa_list_verb, &qa_report_verb, &qa_show_verb, NULL
};
