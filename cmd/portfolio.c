/*
 * portfolio.c: kam portfolio — every key account of portfolio.conf side
 * by side, each read from the committed tree of its branch (lib/
 * portfolio): status (red/amber/green, worst first), risks, lessons,
 * budget (totals per currency), load, report (the director's page,
 * lib/pfreport) and fetch (the mirrors of accounts with a url).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/budget.h"
#include "../lib/derive.h"
#include "../lib/portfolio.h"
#include "../lib/report.h"
#include "../lib/schema.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	const char	*file, *owner, *search, *area, *by;
	long		 min;
	int32_t		 from, to;
};
#define OPTS_INIT	{ .from = INT32_MIN, .to = INT32_MAX }

/* Every verb reads the portfolio of -f, or the one found from -C or the
 * current directory. */
#define FILE_OPT(O)							\
	O(STR, SOPT, "f", "file", file, "file", "the portfolio.conf")
#define STATUS_OPTS(O)	O(CMD, "kam portfolio status") FILE_OPT(O)
#define RISKS_OPTS(O)							\
	O(CMD, "kam portfolio risks")					\
	FILE_OPT(O)							\
	O(INT, OPT, "", "min-score", min, "n", 1, 25, "a score 1-25",	\
	    "scores from n up")						\
	O(STR, OPT, "", "owner", owner, "email", "owned by this person")
#define LESSONS_OPTS(O)							\
	O(CMD, "kam portfolio lessons")					\
	FILE_OPT(O)							\
	O(STR, OPT, "", "search", search, "word", "lessons with the word") \
	O(STR, OPT, "", "area", area, "a", "lessons of the area")
#define BUDGET_OPTS(O)	O(CMD, "kam portfolio budget") FILE_OPT(O)
#define FETCH_OPTS(O)	O(CMD, "kam portfolio fetch") FILE_OPT(O)
#define REPORT_OPTS(O)	O(CMD, "kam portfolio report") FILE_OPT(O)
#define LOAD_OPTS(O)							\
	O(CMD, "kam portfolio load")					\
	FILE_OPT(O)							\
	POPT_PERIOD(O)							\
	O(ENUM, OPT, "", "by", by, "week|month", "one line per")

/*
 * Open the portfolio of the verb's options and read what the verb needs
 * (0: open it only).
 */
static int
start(struct kam *k, struct portfolio *pf, unsigned what)
{
	const struct opts *o = k->opts;
	char d0[11], d1[11];

	if (o->to < o->from)
		return kam_err(KAM_EX_USAGE, "--to %s is before --from %s",
		    date_fmt(o->to, d1), date_fmt(o->from, d0));
	if (portfolio_open(pf, o->file, o->file == NULL ? k->dir : NULL) ==
	    -1)
		return -1;
	pf->today = k->today;	/* --today (0: KAM_TODAY or the clock) */
	pf->from = o->from;
	pf->to = o->to;
	pf->by_month = o->by != NULL && strcmp(o->by, "month") == 0;
	return what == 0 ? 0 : portfolio_read(pf, what, 0);
}

/* Exit status of a verb that lists records: 65 or 74 when an account
 * could not be read (each named on stderr), else 0. */
static int
finish_bad(const struct portfolio *pf)
{
	int code = portfolio_worst(pf);

	fflush(stdout);
	portfolio_report_bad(pf);
	if (code == 0)
		return 0;
	kam_exit_code = code;
	return -1;
}

/* A verb that lists the accounts' records: open the portfolio and read
 * what the verb needs, print, then name the accounts that could not be
 * read (finish_bad, which gives the exit status). */
static int
with_portfolio(struct kam *k, unsigned what,
    void (*print)(struct kam *, struct portfolio *))
{
	struct portfolio pf = PORTFOLIO_INIT;
	int ret = -1;

	if (start(k, &pf, what) == 0) {
		print(k, &pf);
		ret = finish_bad(&pf);
	}
	portfolio_release(&pf);
	return ret;
}

/* The verb fn of option list L that lists what print prints of it. */
#define LISTING(fn, name, flags, summary, L, what, print)		\
	KAM_VERB(fn, name, flags, summary, L, OPTS_INIT)		\
	{								\
		return with_portfolio(k, what, print);			\
	}

static const char *
date_or_null(int32_t d, char *buf)
{
	return d != 0 ? date_fmt(d, buf) : NULL;
}

/* ---- status ---- */

static const struct out_col status_cols[] = {
	{ "account", OT_TEXT }, { "status", OT_TEXT }, { "project", OT_TEXT },
	{ "client", OT_TEXT }, { "currency", OT_TEXT },
	{ "planned_finish", OT_TEXT }, { "forecast_finish", OT_TEXT },
	{ "slip_days", OT_NUM }, { "budget_used_pct", OT_NUM },
	{ "budget_worst", OT_TEXT }, { "critical_risks", OT_NUM },
	{ "csat_avg", OT_NUM }, { "csat_n", OT_NUM }, { "nps", OT_NUM },
	{ "schedule", OT_TEXT }, { "budget", OT_TEXT },
	{ "commercial", OT_TEXT }, { "risk", OT_TEXT },
	{ "requirements", OT_TEXT }, { "quality", OT_TEXT },
	{ "satisfaction", OT_TEXT }, { "communication", OT_TEXT },
	{ "data", OT_TEXT }, { "reason", OT_TEXT }, { "commit", OT_TEXT },
};
#define NSTATUS	ARRAY_SIZE(status_cols)

/* The screen: fewer columns, the areas as one letter each. */
static const struct out_col screen_cols[] = {
	{ "account", OT_TEXT }, { "status", OT_TEXT }, { "client", OT_TEXT },
	{ "cur", OT_TEXT }, { "forecast", OT_TEXT }, { "slip", OT_NUM },
	{ "budget%", OT_NUM }, { "crit", OT_NUM }, { "csat", OT_NUM },
	{ "areas", OT_TEXT }, { "reason", OT_TEXT },
};

static char
area_letter(enum area_status s)
{
	return s == AREA_RED ? 'R' : s == AREA_AMBER ? 'A' : s == AREA_GREEN ?
	    'G' : '-';
}

KAM_VERB(pf_status, "status", 0, "every account red/amber/green, worst first",
    STATUS_OPTS, OPTS_INIT)
{
	struct portfolio pf = PORTFOLIO_INIT;
	struct out o = OUT_INIT;
	const char *cells[NSTATUS];
	char d1[11], d2[11], slip[24], crit[24], avg[24], n[24], nps[24];
	char areas[AREA_N + 1];
	size_t i, j, nred = 0;
	int ret = -1;

	if (start(k, &pf, PF_STATUS) == -1)
		goto out;
	portfolio_sort(&pf);
	if (k->fmt == FMT_TABLE)
		out_begin(&o, k->fmt, screen_cols, ARRAY_SIZE(screen_cols));
	else
		out_begin(&o, k->fmt, status_cols, NSTATUS);
	for (i = 0; i < pf.n; i++) {
		const struct pf_account *a = &pf.acc[i];
		int ok = a->state == PF_OK;

		if (ok && a->st.overall == AREA_RED)
			nred++;
		snprintf(slip, sizeof(slip), "%ld", a->st.slip);
		snprintf(crit, sizeof(crit), "%ld", a->st.critical_risks);
		snprintf(avg, sizeof(avg), "%ld.%ld", a->st.csat_avg10 / 10,
		    a->st.csat_avg10 % 10);
		snprintf(n, sizeof(n), "%ld", a->st.csat_n);
		snprintf(nps, sizeof(nps), "%ld", a->st.nps);
		for (j = 0; j < AREA_N; j++)
			areas[j] = ok ? area_letter(a->st.areas[j]) : '-';
		areas[AREA_N] = '\0';
		if (k->fmt == FMT_TABLE) {
			cells[0] = a->name;
			cells[1] = portfolio_state_name(a);
			cells[2] = a->client;
			cells[3] = a->currency;
			cells[4] = ok ? date_or_null(a->st.forecast, d2) : NULL;
			cells[5] = ok && a->st.has_slip ? slip : NULL;
			cells[6] = ok ? a->st.used_pct : NULL;
			cells[7] = ok ? crit : NULL;
			cells[8] = ok && a->st.csat_n > 0 ? avg : NULL;
			cells[9] = areas;
			cells[10] = ok ? a->st.why : a->reason;
			out_row(&o, cells);
			continue;
		}
		cells[0] = a->name;
		cells[1] = portfolio_state_name(a);
		cells[2] = a->project;
		cells[3] = a->client;
		cells[4] = a->currency;
		cells[5] = ok ? date_or_null(a->st.planned, d1) : NULL;
		cells[6] = ok ? date_or_null(a->st.forecast, d2) : NULL;
		cells[7] = ok && a->st.has_slip ? slip : NULL;
		cells[8] = ok ? a->st.used_pct : NULL;
		cells[9] = ok ? a->st.worst_cat : NULL;
		cells[10] = ok ? crit : NULL;
		cells[11] = ok && a->st.csat_n > 0 ? avg : NULL;
		cells[12] = ok ? n : NULL;
		cells[13] = ok && a->st.csat_n > 0 ? nps : NULL;
		for (j = 0; j < AREA_N; j++)
			cells[14 + j] = ok ? health_status_name(a->st.areas[j]) :
			    NULL;
		cells[14 + AREA_N] = ok ? a->st.why : a->reason;
		cells[15 + AREA_N] = a->commit[0] != '\0' ? a->commit : NULL;
		out_row(&o, cells);
	}
	out_end(&o);
	if (finish_bad(&pf) == -1)
		goto out;
	ret = nred > 0 ? 1 : 0;
out:
	portfolio_release(&pf);
	return ret;
}

/* ---- risks ---- */

static const struct out_col risks_cols[] = {
	{ "account", OT_TEXT }, { "id", OT_TEXT }, { "title", OT_TEXT },
	{ "probability", OT_NUM }, { "impact", OT_NUM }, { "score", OT_NUM },
	{ "level", OT_TEXT }, { "owner", OT_TEXT }, { "owner_email", OT_TEXT },
	{ "strategy", OT_TEXT }, { "response", OT_TEXT },
	{ "review", OT_TEXT },
};

static void
print_risks(struct kam *k, struct portfolio *pf)
{
	const struct opts *opt = k->opts;
	struct out o = OUT_INIT;
	struct pf_risk *v = NULL;
	const char *cells[ARRAY_SIZE(risks_cols)];
	char score[24];
	size_t i, n = 0;

	portfolio_risks(pf, opt->min, opt->owner, &v, &n);
	out_begin(&o, k->fmt, risks_cols, ARRAY_SIZE(risks_cols));
	for (i = 0; i < n; i++) {
		const struct table *t = &v[i].a->risks;
		const struct row *r = v[i].r, *p = v[i].owner;

		snprintf(score, sizeof(score), "%ld", v[i].score);
		cells[0] = v[i].a->name;
		cells[1] = table_get_name(t, r, "id");
		cells[2] = table_get_name(t, r, "title");
		cells[3] = table_get_name(t, r, "probability");
		cells[4] = table_get_name(t, r, "impact");
		cells[5] = score;
		cells[6] = risk_level(v[i].score);
		cells[7] = p != NULL ? table_get_name(&v[i].a->people, p,
		    "name") : table_get_name(t, r, "owner");
		cells[8] = p != NULL ? table_get_name(&v[i].a->people, p,
		    "email") : NULL;
		cells[9] = table_get_name(t, r, "strategy");
		cells[10] = table_get_name(t, r, "response");
		cells[11] = table_get_name(t, r, "review");
		out_row(&o, cells);
	}
	out_end(&o);
	free(v);
}

LISTING(pf_risks, "risks", 0,
    "the open risks of every account, highest score first", RISKS_OPTS,
    PF_RISKS, print_risks)

/* ---- lessons ---- */

static const struct out_col lessons_cols[] = {
	{ "account", OT_TEXT }, { "id", OT_TEXT }, { "date", OT_TEXT },
	{ "area", OT_TEXT }, { "kind", OT_TEXT }, { "lesson", OT_TEXT },
	{ "action", OT_TEXT },
};

static void
print_lessons(struct kam *k, struct portfolio *pf)
{
	const struct opts *opt = k->opts;
	struct out o = OUT_INIT;
	struct pf_lesson *v = NULL;
	const char *cells[ARRAY_SIZE(lessons_cols)];
	size_t i, j, n = 0;

	portfolio_lessons(pf, opt->area, opt->search, &v, &n);
	out_begin(&o, k->fmt, lessons_cols, ARRAY_SIZE(lessons_cols));
	for (i = 0; i < n; i++) {
		const struct table *t = &v[i].a->lessons;

		cells[0] = v[i].a->name;
		for (j = 1; j < ARRAY_SIZE(lessons_cols); j++)
			cells[j] = table_get_name(t, v[i].r,
			    lessons_cols[j].name);
		out_row(&o, cells);
	}
	out_end(&o);
	free(v);
}

LISTING(pf_lessons, "lessons", 0, "the lessons of every account", LESSONS_OPTS,
    PF_LESSONS, print_lessons)

/* ---- budget ---- */

static const struct out_col budget_cols[] = {
	{ "kind", OT_TEXT }, { "account", OT_TEXT }, { "currency", OT_TEXT },
	{ "planned", OT_NUM }, { "actual", OT_NUM }, { "variance", OT_NUM },
	{ "used_pct", OT_NUM }, { "accounts", OT_NUM }, { "reason", OT_TEXT },
};

static int
cmp_name(const void *x, const void *y)
{
	const struct pf_account *a = x, *b = y;

	return strcmp(a->name, b->name);
}

static void
print_budget(struct kam *k, struct portfolio *pf)
{
	struct out o = OUT_INIT;
	struct pf_total *tot = NULL;
	const char *cells[ARRAY_SIZE(budget_cols)];
	char pl[48], ac[48], va[48], pct[48], cnt[24];
	size_t i, j, ntot = 0, json;

	if (pf->n > 1)
		qsort(pf->acc, pf->n, sizeof(*pf->acc), cmp_name);
	/* JSON: {"records":[accounts],"total":{"CNY":{...},...}}, no kind. */
	json = k->fmt == FMT_JSON;
	out_begin_total(&o, k->fmt, budget_cols + json,
	    ARRAY_SIZE(budget_cols) - json);
	for (i = 0; i < pf->n; i++) {
		const struct pf_account *a = &pf->acc[i];
		int ok = a->state == PF_OK;

		memset(cells, 0, sizeof(cells));
		cells[0] = "account";
		cells[1] = a->name;
		cells[2] = a->currency;
		if (ok) {
			cells[3] = money_fmt(a->bud.planned, a->digits, pl);
			cells[4] = money_fmt(a->bud.actual, a->digits, ac);
			cells[5] = money_fmt(a->bud.variance, a->digits, va);
			cells[6] = a->bud.used_pct;
		} else
			cells[8] = a->reason;
		out_row(&o, cells + json);
	}
	/* Never added across currencies: one total each. */
	portfolio_budget_totals(pf, &tot, &ntot);
	for (j = 0; j < ntot; j++) {
		int64_t var = tot[j].planned - tot[j].actual;

		memset(cells, 0, sizeof(cells));
		cells[0] = "total";
		cells[2] = tot[j].currency[0] != '\0' ? tot[j].currency : NULL;
		snprintf(cnt, sizeof(cnt), "%ld", tot[j].accounts);
		cells[7] = cnt;
		if (tot[j].overflow)
			cells[8] = "the sum is beyond the money range";
		else {
			cells[3] = money_fmt(tot[j].planned, tot[j].digits, pl);
			cells[4] = money_fmt(tot[j].actual, tot[j].digits, ac);
			cells[5] = money_fmt(var, tot[j].digits, va);
			cells[6] = tot[j].planned > 0 ? budget_pct_fmt(
			    tot[j].actual, tot[j].planned, pct) : NULL;
		}
		out_summary_in(&o, "total", cells[2] != NULL ? cells[2] : "",
		    cells, budget_cols + 3, ARRAY_SIZE(budget_cols) - 3,
		    cells + 3);
	}
	if (ntot == 0)
		out_summary(&o, "total", NULL, NULL, 0, NULL);
	out_end(&o);
	free(tot);
}

LISTING(pf_budget, "budget", 0,
    "planned, actual and used % per account, totals per currency", BUDGET_OPTS,
    PF_BUDGET, print_budget)

/* ---- load ---- */

static const struct out_col load_cols[] = {
	{ "person", OT_TEXT }, { "name", OT_TEXT }, { "period", OT_TEXT },
	{ "period_end", OT_TEXT }, { "load", OT_NUM }, { "capacity", OT_NUM },
	{ "over", OT_BOOL }, { "accounts", OT_LIST },
};

static void
print_load(struct kam *k, struct portfolio *pf)
{
	struct out o = OUT_INIT;
	struct pf_load_row *rows = NULL;
	const char *cells[ARRAY_SIZE(load_cols)];
	char d0[11], d1[11], load[32], cap[24];
	size_t i, n = 0, nover = 0;
	int human;

	portfolio_load_rows(pf, &rows, &n);
	human = out_for_people(k->fmt);
	out_begin(&o, k->fmt, load_cols, ARRAY_SIZE(load_cols));
	for (i = 0; i < n; i++) {
		const struct pf_load_row *r = &rows[i];

		nover += r->over;
		snprintf(load, sizeof(load), human ? "%ld%%" : "%ld.%02ld",
		    human ? (r->load + 50) / 100 : r->load / 100,
		    r->load % 100);
		snprintf(cap, sizeof(cap), "%ld", r->capacity);
		cells[0] = r->key;
		cells[1] = r->name;
		cells[2] = date_fmt(r->period, d0);
		cells[3] = date_fmt(r->end, d1);
		cells[4] = load;
		cells[5] = cap;
		cells[6] = human ? (r->over ? "OVER" : "") : r->over ? "true" :
		    "false";
		cells[7] = r->accounts;
		out_row(&o, cells);
	}
	out_end(&o);
	if (k->fmt == FMT_TABLE && nover > 0)
		printf("\n%zu over-allocated %s across accounts (above 100%% of "
		    "capacity)\n", nover, pf->by_month ? (nover == 1 ? "month" :
		    "months") : (nover == 1 ? "week" : "weeks"));
	for (i = 0; i < n; i++)
		free(rows[i].accounts);
	free(rows);
}

LISTING(pf_load, "load", 0, "each person's allocation summed over accounts",
    LOAD_OPTS, PF_LOAD, print_load)

/* ---- report ---- */

KAM_VERB(pf_report, "report", DOCUMENTS,
    "the director's page: accounts by area, load, top risks", REPORT_OPTS,
    OPTS_INIT)
{
	struct portfolio pf = PORTFOLIO_INIT;
	struct rdoc d = RDOC_INIT;
	int ret = -1;

	if (k->fmt != FMT_TABLE && k->fmt != FMT_MD && k->fmt != FMT_HTML)
		return kam_err(KAM_EX_USAGE, "kam portfolio report writes a "
		    "document: use --format md (the default) or --format html");
	if (start(k, &pf, 0) == -1)
		goto out;
	if (portfolio_report(&pf, &d) == -1 ||
	    rdoc_write(&d, k->fmt == FMT_HTML, stdout) == -1)
		goto out;
	ret = finish_bad(&pf);
out:
	rdoc_release(&d);
	portfolio_release(&pf);
	return ret;
}

/* ---- fetch ---- */

static const struct out_col fetch_cols[] = {
	{ "account", OT_TEXT }, { "url", OT_TEXT }, { "mirror", OT_TEXT },
	{ "result", OT_TEXT }, { "reason", OT_TEXT },
};

KAM_VERB(pf_fetch, "fetch", 0,
    "clone or fetch the mirrors of accounts with a url", FETCH_OPTS, OPTS_INIT)
{
	struct portfolio pf = PORTFOLIO_INIT;
	struct out o = OUT_INIT;
	const char *cells[ARRAY_SIZE(fetch_cols)];
	size_t i, nbad = 0;
	int ret = -1;

	if (start(k, &pf, 0) == -1 ||
	    portfolio_fetch(&pf, isatty(STDERR_FILENO)) == -1)
		goto out;
	out_begin(&o, k->fmt, fetch_cols, ARRAY_SIZE(fetch_cols));
	for (i = 0; i < pf.n; i++) {
		const struct pf_account *a = &pf.acc[i];

		if (a->url == NULL)
			continue;
		cells[0] = a->name;
		cells[1] = a->url;
		cells[2] = a->repo;
		cells[3] = a->state == PF_OK ? a->fetched : "failed";
		cells[4] = a->state == PF_OK ? NULL : a->reason;
		if (a->state != PF_OK)
			nbad++;
		out_row(&o, cells);
	}
	out_end(&o);
	if (nbad > 0) {
		fflush(stdout);
		portfolio_report_bad(&pf);
		kam_exit_code = KAM_EX_IO;
		goto out;
	}
	ret = 0;
out:
	portfolio_release(&pf);
	return ret;
}

const struct verb *const portfolio_verbs[] = {
	&pf_budget_verb, &pf_fetch_verb, &pf_load_verb, &pf_report_verb,
	&pf_lessons_verb, &pf_risks_verb, &pf_status_verb, NULL
};
