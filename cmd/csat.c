/*
 * csat.c: kam csat — customer satisfaction (SPEC §3 "Quality and customer
 * satisfaction"): scores 0-10 given by people of the project, their
 * average, the Net Promoter Score and the trend by month.
 *
 * All arithmetic is in integers.  An average is shown with one decimal,
 * rounded half up: (10 x sum + n/2) / n tenths.  NPS = promoters (9-10)
 * minus detractors (0-6) in percent of the responses, rounded to the
 * nearest integer with halves away from zero.  The health flag compares
 * the exact average of the last 90 days (today and the 89 days before
 * it) with health.csat-min, as kam check does (lib/health.c, csat-low).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/derive.h"
#include "../lib/records.h"
#include "../lib/rectype.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of the verbs that are not generic (lib/parseopt.c). */
struct opts {
	int32_t		 date;
	struct popt_id	 person;
};
#define ADD_OPTS(O)							\
	O(CMD, "kam csat add")						\
	O(ARG, "P-n 0-10")						\
	O(DATE, OPT, "", "date", date, "date", "when it was given")	\
	O(ARG, "[comment]")
#define LIST_OPTS(O)							\
	O(CMD, "kam csat list")						\
	O(ID, OPT, "", "person", person, "P", "given by this person")
#define REPORT_OPTS(O)	O(CMD, "kam csat report")
REC_FIELDS_VERB(csat_set, "set", "correct a score's entry", SET, SET,
    "kam csat set F-n", CSAT_FIELDS, .rt = &csat_type)

#define RECENT_DAYS	90

static const char *const brief[] = { "id", "date", "person", "name", "score",
	"category", "comment", NULL };

KAM_VERB(csat_add, "add", NEED_PROJECT | WRITES, "record a satisfaction score",
    ADD_OPTS, { .date = k->p.today })
{
	const struct opts *o = k->opts;
	struct table csat = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r, *p;
	char id[32], day[11], t[11], *title = NULL;
	int32_t date;
	int n, ret = -1;

	n = k->argc;
	date = o->date;
	if (date > k->p.today)
		return kam_err(KAM_EX_USAGE, "--date: %s is after today (%s); "
		    "record a score when it has been given",
		    date_fmt(date, day), date_fmt(k->p.today, t));
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_csat, &csat) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1 ||
	    (p = store_lookup(&people, k->argv[0])) == NULL)
		goto out;
	r = table_add(&csat);
	table_set(&csat, r, CSAT_DATE, date_fmt(date, day));
	table_set(&csat, r, CSAT_PERSON, table_get(&people, p, PERSON_ID));
	if (store_set_arg(&csat, r, "score", k->argv[1], "score") == -1 ||
	    (n == 3 && store_set_arg(&csat, r, "comment", k->argv[2],
	    "comment") == -1) ||
	    csat_giver_ok(&people, p) == -1 ||
	    store_check_refs(&csat, &people) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&csat, r, CSAT_ID));
	title = xasprintf("%s scored %s", table_get(&csat, r, CSAT_PERSON),
	    table_get(&csat, r, CSAT_SCORE));
	store_put(&tx, &csat);
	if (kam_tx_commit(k, &tx, "csat add", id, title) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	free(title);
	tx_release(&tx);
	table_release(&csat);
	table_release(&people);
	return ret;
}

static const char *
category(long v)
{
	return v >= 9 ? "promoter" : v >= 7 ? "passive" : v >= 0 ?
	    "detractor" : NULL;
}

static const char *
d_name(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct table *people = arg;
	const struct row *p = table_find(people, table_get(t, r, CSAT_PERSON));

	(void)buf;
	return p != NULL ? table_get(people, p, PERSON_NAME) : NULL;
}

static const char *
d_category(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)buf;
	(void)arg;
	return category(csat_score(t, r));
}

KAM_VERB(csat_list, "list", NEED_PROJECT,
    "the scores, with promoter/passive/detractor", LIST_OPTS, { 0 })
{
	static const struct derived d[] = {
		{ "name", OT_TEXT, d_name },
		{ "category", OT_TEXT, d_category },
	};
	struct table csat = TABLE_INIT, people = TABLE_INIT;
	struct row **rows = NULL;
	const struct opts *o = k->opts;
	const char *person = o->person.id;
	size_t i, n = 0;
	int ret = -1;

	if (store_load(&k->p, NULL, &schema_csat, &csat) == -1 ||
	    store_load(&k->p, NULL, &schema_people, &people) == -1)
		goto out;
	table_sort(&csat);
	rows = xcalloc(csat.nrows + 1, sizeof(*rows));
	for (i = 0; i < csat.nrows; i++)
		if (person[0] == '\0' || strcmp(table_get(&csat, &csat.rows[i],
		    CSAT_PERSON), person) == 0)
			rows[n++] = &csat.rows[i];
	records_print(k->fmt, &csat, rows, n, brief, d, ARRAY_SIZE(d), &people);
	ret = 0;
out:
	free(rows);
	table_release(&csat);
	table_release(&people);
	return ret;
}

/* ---- report ---- */

/* The average in tenths, "7.8"; "" when there is nothing to average. */
static const char *
avg_fmt(const struct csat_tally *t, char *buf, size_t len)
{
	long tenths = csat_avg10(t);

	if (t->n == 0) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, "%ld.%ld", tenths / 10, tenths % 10);
	return buf;
}

/* NPS, an integer -100..100; "" when there are no responses. */
static const char *
nps_fmt(const struct csat_tally *t, char *buf, size_t len)
{
	if (t->n == 0) {
		buf[0] = '\0';
		return buf;
	}
	snprintf(buf, len, "%ld", csat_nps(t));
	return buf;
}

struct month {
	int		y, m;
	struct csat_tally	t;
};

struct report {
	struct csat_tally	 all, recent;
	struct month	*months;
	size_t		 nmonths;
	int32_t		 from, to;	/* the recent window, inclusive */
	const char	*status;	/* "ok", "red"; NULL: no recent score */
};

static int
cmp_month(const void *a, const void *b)
{
	const struct month *x = a, *y = b;

	if (x->y != y->y)
		return x->y < y->y ? -1 : 1;
	return x->m < y->m ? -1 : x->m > y->m;
}

static void
report_build(struct report *rp, const struct table *csat,
    const struct project *p)
{
	size_t i, j;
	int32_t d;
	long v;
	int y, m, day;

	memset(rp, 0, sizeof(*rp));
	rp->to = p->today;
	rp->from = p->today - (RECENT_DAYS - 1);
	rp->months = xcalloc(csat->nrows + 1, sizeof(*rp->months));
	for (i = 0; i < csat->nrows; i++) {
		const struct row *r = &csat->rows[i];

		if (csat_response(csat, r, &v, &d) == -1)
			continue;
		csat_tally_add(&rp->all, v);
		if (d >= rp->from && d <= rp->to)
			csat_tally_add(&rp->recent, v);
		date_ymd(d, &y, &m, &day);
		for (j = 0; j < rp->nmonths; j++)
			if (rp->months[j].y == y && rp->months[j].m == m)
				break;
		if (j == rp->nmonths) {
			rp->months[j].y = y;
			rp->months[j].m = m;
			rp->nmonths++;
		}
		csat_tally_add(&rp->months[j].t, v);
	}
	qsort(rp->months, rp->nmonths, sizeof(*rp->months), cmp_month);
	if (rp->recent.n > 0)
		rp->status = rp->recent.sum < p->csat_min * rp->recent.n ?
		    "red" : "ok";
}

/* Cells of one period row: period, from, to, responses, average,
 * promoters, passives, detractors, nps, status. */
#define NPERIOD	10
static const struct out_col period_cols[NPERIOD] = {
	{ "period", OT_TEXT }, { "from", OT_TEXT }, { "to", OT_TEXT },
	{ "responses", OT_NUM }, { "average", OT_NUM }, { "promoters", OT_NUM },
	{ "passives", OT_NUM }, { "detractors", OT_NUM }, { "nps", OT_NUM },
	{ "status", OT_TEXT },
};

struct cells {
	char	b[NPERIOD][32];
	const char *c[NPERIOD];
};

static void
period_cells(struct cells *cs, const char *period, int32_t from, int32_t to,
    const struct csat_tally *t, const char *status)
{
	size_t i;

	snprintf(cs->b[0], 32, "%s", period);
	if (from != 0)
		date_fmt(from, cs->b[1]);
	else
		cs->b[1][0] = '\0';
	if (to != 0)
		date_fmt(to, cs->b[2]);
	else
		cs->b[2][0] = '\0';
	snprintf(cs->b[3], 32, "%ld", t->n);
	avg_fmt(t, cs->b[4], 32);
	snprintf(cs->b[5], 32, "%ld", t->promoters);
	snprintf(cs->b[6], 32, "%ld", t->passives);
	snprintf(cs->b[7], 32, "%ld", t->detractors);
	nps_fmt(t, cs->b[8], 32);
	snprintf(cs->b[9], 32, "%s", status != NULL ? status : "");
	for (i = 0; i < NPERIOD; i++)
		cs->c[i] = cs->b[i];
}

static void
month_bounds(const struct month *mo, int32_t *from, int32_t *to)
{
	*from = date_from_ymd(mo->y, mo->m, 1);
	*to = date_from_ymd(mo->m == 12 ? mo->y + 1 : mo->y,
	    mo->m == 12 ? 1 : mo->m + 1, 1) - 1;
}

static void
json_tally(const struct csat_tally *t)
{
	char a[32], n[32];

	printf("\"responses\":%ld,\"average\":%s,\"promoters\":%ld,"
	    "\"passives\":%ld,\"detractors\":%ld,\"nps\":%s", t->n,
	    t->n > 0 ? avg_fmt(t, a, sizeof(a)) : "null", t->promoters,
	    t->passives, t->detractors,
	    t->n > 0 ? nps_fmt(t, n, sizeof(n)) : "null");
}

static void
report_json(const struct report *rp, long csat_min)
{
	char d1[11], d2[11];
	size_t i;

	printf("{");
	json_tally(&rp->all);
	printf(",\n\"last_90_days\":{\"from\":\"%s\",\"to\":\"%s\",",
	    date_fmt(rp->from, d1), date_fmt(rp->to, d2));
	json_tally(&rp->recent);
	printf(",\"csat_min\":%ld,\"status\":", csat_min);
	if (rp->status != NULL)
		printf("\"%s\"},\n", rp->status);
	else
		printf("null},\n");
	printf("\"months\":[");
	for (i = 0; i < rp->nmonths; i++) {
		printf("%s\n{\"month\":\"%04d-%02d\",", i > 0 ? "," : "",
		    rp->months[i].y, rp->months[i].m);
		json_tally(&rp->months[i].t);
		putchar('}');
	}
	printf("%s]}\n", rp->nmonths > 0 ? "\n" : "");
}

static void
report_table(const struct report *rp, long csat_min)
{
	static const struct out_col sum_cols[] = {
		{ "responses", OT_NUM }, { "average", OT_NUM }, { "nps", OT_NUM },
		{ "last 90 days", OT_TEXT },
	};
	static const struct out_col month_cols[] = {
		{ "month", OT_TEXT }, { "responses", OT_NUM },
		{ "average", OT_NUM }, { "nps", OT_NUM },
	};
	struct out o = OUT_INIT;
	char n[32], a[32], nps[128], recent[160], ra[32], mo[32];
	char d1[11], d2[11];
	const char *cells[4];
	size_t i;

	snprintf(n, sizeof(n), "%ld", rp->all.n);
	avg_fmt(&rp->all, a, sizeof(a));
	if (rp->all.n > 0) {
		nps_fmt(&rp->all, nps, 32);
		snprintf(nps + strlen(nps), sizeof(nps) - strlen(nps),
		    " (promoters %ld, passives %ld, detractors %ld)",
		    rp->all.promoters, rp->all.passives, rp->all.detractors);
	} else
		nps[0] = '\0';
	if (rp->status != NULL)
		snprintf(recent, sizeof(recent), "average %s of %ld response%s "
		    "from %s to %s, minimum %ld: %s",
		    avg_fmt(&rp->recent, ra, sizeof(ra)), rp->recent.n,
		    rp->recent.n == 1 ? "" : "s", date_fmt(rp->from, d1),
		    date_fmt(rp->to, d2), csat_min, rp->status);
	else
		snprintf(recent, sizeof(recent), "no responses from %s to %s",
		    date_fmt(rp->from, d1), date_fmt(rp->to, d2));
	cells[0] = n;
	cells[1] = a;
	cells[2] = nps;
	cells[3] = recent;
	out_record(FMT_TABLE, sum_cols, ARRAY_SIZE(sum_cols), cells);
	putchar('\n');
	out_begin(&o, FMT_TABLE, month_cols, ARRAY_SIZE(month_cols));
	for (i = 0; i < rp->nmonths; i++) {
		const struct csat_tally *t = &rp->months[i].t;
		char mn[32], ma[32], mp[32];

		snprintf(mo, sizeof(mo), "%04d-%02d", rp->months[i].y % 10000,
		    rp->months[i].m % 100);
		snprintf(mn, sizeof(mn), "%ld", t->n);
		cells[0] = mo;
		cells[1] = mn;
		cells[2] = avg_fmt(t, ma, sizeof(ma));
		cells[3] = nps_fmt(t, mp, sizeof(mp));
		out_row(&o, cells);
	}
	out_end(&o);
}

KAM_VERB0(csat_report, "report", NEED_PROJECT,
    "average, NPS, trend by month, last 90 days vs csat-min", REPORT_OPTS)
{
	struct table csat = TABLE_INIT;
	struct report rp;
	struct out o = OUT_INIT;
	struct cells cs;
	char mo[32];
	size_t i;
	int32_t from, to;
	int ret = -1;

	memset(&rp, 0, sizeof(rp));
	if (store_load(&k->p, NULL, &schema_csat, &csat) == -1)
		goto out;
	report_build(&rp, &csat, &k->p);
	switch (k->fmt) {
	case FMT_JSON:
		report_json(&rp, k->p.csat_min);
		break;
	case FMT_CSV:
	case FMT_MD:
		out_begin(&o, k->fmt, period_cols, NPERIOD);
		for (i = 0; i < rp.nmonths; i++) {
			snprintf(mo, sizeof(mo), "%04d-%02d",
			    rp.months[i].y % 10000, rp.months[i].m % 100);
			month_bounds(&rp.months[i], &from, &to);
			period_cells(&cs, mo, from, to, &rp.months[i].t, NULL);
			out_row(&o, cs.c);
		}
		period_cells(&cs, "all", 0, 0, &rp.all, NULL);
		out_row(&o, cs.c);
		period_cells(&cs, "last 90 days", rp.from, rp.to, &rp.recent,
		    rp.status);
		out_row(&o, cs.c);
		out_end(&o);
		break;
	default:
		report_table(&rp, k->p.csat_min);
		break;
	}
	ret = 0;
out:
	free(rp.months);
	table_release(&csat);
	return ret;
}

const struct verb *const csat_verbs[] = {
	&csat_add_verb, &csat_list_verb, &csat_report_verb, &csat_set_verb,
	NULL
};
