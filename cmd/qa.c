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
#include <string.h>

#include "cmd.h"
#include "../lib/rectype.h"
#include "../lib/budget.h"
#include "../lib/qareport.h"
#include "../lib/store.h"

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
fill_summary(struct out *o, const struct qa_report *rp)
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
fill_subjects(struct out *o, const struct qa_report *rp)
{
	char n[3][24];
	const char *cells[7];
	size_t i;

	for (i = 0; i < rp->nsubj; i++) {
		const struct qa_subject_sum *s = &rp->subj[i];

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
fill_severities(struct out *o, const struct qa_report *rp)
{
	long total[QA_NSEV] = { 0 };
	size_t i, j;

	for (i = 0; i < QA_NSEV; i++) {
		severity_row(o, qa_severities[i], rp->sev[i], rp->rework[i]);
		for (j = 0; j < QA_NSEV; j++)
			total[j] += rp->sev[i][j];
	}
	/* People get a total line; machines have the summary. */
	if (o->fmt != FMT_JSON)
		severity_row(o, "total", total, rp->rework_total);
}

static const struct out_col month_cols[] = {
	{ "month", OT_TEXT }, { "checks", OT_NUM }, { "passed", OT_NUM },
	{ "failed", OT_NUM }, { "pass_rate", OT_NUM },
};

static void
fill_months(struct out *o, const struct qa_report *rp)
{
	char n[3][24], pct[48];
	const char *cells[5];
	size_t i;

	for (i = 0; i < rp->nmonths; i++) {
		const struct qa_month_sum *m = &rp->months[i];

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
	void			(*fill)(struct out *, const struct qa_report *);
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
summary_lines(const struct qa_report *rp, int md)
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
json_section(const struct section *s, const struct qa_report *rp, char **text)
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
report_json(const struct qa_report *rp)
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
	struct qa_report rp = QA_REPORT_INIT;
	struct out o = OUT_INIT;
	size_t i;
	int ret = -1;

	/* A CSV is one table of records (issue 18); the report is four. */
	if (k->fmt == FMT_CSV)
		return kam_err(KAM_EX_USAGE, "kam qa report writes table, md or "
		    "json: its sections have different columns (CSV: kam qa "
		    "list, kam defect list)");
	if (store_load(&k->p, NULL, &schema_quality, &quality) == -1 ||
	    store_load(&k->p, NULL, &schema_defects, &defects) == -1)
		goto out;
	qa_report_build(&rp, &quality, &defects);
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
		if (i == 0) {
			summary_lines(&rp, k->fmt == FMT_MD);
			continue;
		}
		out_begin(&o, k->fmt, s->cols, s->ncols);
		s->fill(&o, &rp);
		out_end(&o);
	}
	ret = 0;
out:
	qa_report_release(&rp);
	table_release(&quality);
	table_release(&defects);
	return ret;
}

const struct verb *const qa_verbs[] = {
	&qa_check_verb, &qa_list_verb, &qa_report_verb, &qa_show_verb, NULL
};
