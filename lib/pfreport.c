/*
 * pfreport.c: kam portfolio report — the delivery director's page: every
 * account red/amber/green by area (a grid and a table, worst first), the
 * load of each person summed over the accounts for the next weeks (a heat
 * map, and the weeks over capacity), and the largest open risks of the
 * portfolio.  Every number comes from lib/portfolio (the same reads as
 * kam portfolio status, load and risks); the document is an rdoc, written
 * as Markdown or self-contained HTML with inline SVG like kam report.
 */
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "gantt.h"
#include "health.h"
#include "kam.h"
#include "portfolio.h"
#include "project.h"
#include "report.h"
#include "schema.h"
#include "table.h"
#include "value.h"

#define TOP_RISKS	10
#define MAX_PEOPLE	60	/* rows of the heat map; the table has all */

static const char *const status_fill[] = {
	"#eeeeee",	/* AREA_NONE */
	"#5cb85c",	/* AREA_GREEN */
	"#f0ad4e",	/* AREA_AMBER */
	"#d9534f",	/* AREA_RED */
};

static char
status_letter(enum area_status s)
{
	return s == AREA_RED ? 'R' : s == AREA_AMBER ? 'A' : s == AREA_GREEN ?
	    'G' : '-';
}

/* ---- the grid of accounts x areas ---- */

static char *
svg_grid(const struct portfolio *pf)
{
	struct kam_buf b = KAM_BUF_INIT;
	const long left = 150, top = 44, cw = 92, ch = 24;
	long width = left + (AREA_N + 1) * cw + 10;
	long height = top + 30 + (long)pf->n * ch + 10;
	size_t i, j;
	char *plain;

	report_svg_begin(&b, "Accounts by area, worst first", width, height);
	for (j = 0; j <= AREA_N; j++) {
		kam_buf_printf(&b, "<text x=\"%ld\" y=\"%ld\" text-anchor="
		    "\"middle\" font-size=\"10\" font-weight=\"bold\">%s"
		    "</text>\n", left + (long)j * cw + cw / 2, top + 16, j < AREA_N ?
		    health_area_name((enum health_area)j) : "overall");
	}
	for (i = 0; i < pf->n; i++) {
		const struct pf_account *a = &pf->acc[i];
		long y = top + 30 + (long)i * ch;

		plain = report_plain(a->name);
		kam_buf_printf(&b, "<text x=\"%ld\" y=\"%ld\" text-anchor="
		    "\"end\">", left - 8, y + 16);
		gantt_xml_text(&b, plain);
		kam_buf_puts(&b, "</text>\n");
		for (j = 0; j <= AREA_N; j++) {
			enum area_status s = a->state != PF_OK ? AREA_NONE :
			    j < AREA_N ? a->st.areas[j] : a->st.overall;
			long x = left + (long)j * cw;

			kam_buf_printf(&b, "<rect x=\"%ld\" y=\"%ld\" width="
			    "\"%ld\" height=\"%ld\" fill=\"%s\" stroke=\"#fff\">"
			    "<title>", x, y, cw - 2, ch - 2, a->state != PF_OK ?
			    "#bbbbbb" : status_fill[s]);
			gantt_xml_text(&b, plain);
			kam_buf_printf(&b, ": %s %s</title></rect>\n",
			    j < AREA_N ? health_area_name((enum health_area)j) :
			    "overall", a->state != PF_OK ?
			    portfolio_state_name(a) : health_status_name(s));
			kam_buf_printf(&b, "<text x=\"%ld\" y=\"%ld\" text-anchor="
			    "\"middle\" fill=\"#fff\" font-weight=\"bold\">%c"
			    "</text>\n", x + cw / 2 - 1, y + 16, a->state !=
			    PF_OK ? '?' : status_letter(s));
		}
		free(plain);
	}
	kam_buf_puts(&b, "</svg>\n");
	return kam_buf_detach(&b);
}

static void
accounts_section(struct rdoc *d, const struct portfolio *pf)
{
	static const struct rcol cols[] = {
		{ "account", RC_KEY }, { "status", RC_STATUS },
		{ "client", 0 }, { "forecast finish", RC_KEY },
		{ "slip (days)", RC_NUM }, { "budget used", RC_NUM },
		{ "critical risks", RC_NUM }, { "satisfaction", RC_NUM },
		{ "why", 0 },
	};
	const char *cells[ARRAY_SIZE(cols)];
	char fin[11], slip[24], crit[24], csat[32], used[56];
	size_t i;

	rdoc_md(d, "## Accounts\n\n");
	rdoc_svg(d, svg_grid(pf), "R red, A amber, G green, - no data, "
	    "? not readable (see the table)");
	rdoc_table(d, cols, ARRAY_SIZE(cols), "No accounts.");
	for (i = 0; i < pf->n; i++) {
		const struct pf_account *a = &pf->acc[i];
		int ok = a->state == PF_OK;

		snprintf(slip, sizeof(slip), "%ld", a->st.slip);
		snprintf(crit, sizeof(crit), "%ld", a->st.critical_risks);
		snprintf(csat, sizeof(csat), "%ld.%ld of %ld", a->st.csat_avg10 /
		    10, a->st.csat_avg10 % 10, a->st.csat_n);
		cells[0] = a->name;
		cells[1] = portfolio_state_name(a);
		cells[2] = a->client;
		cells[3] = ok && a->st.forecast != 0 ?
		    date_fmt(a->st.forecast, fin) : NULL;
		cells[4] = ok && a->st.has_slip ? slip : NULL;
		snprintf(used, sizeof(used), "%s%%", a->st.used_pct);
		cells[5] = ok && a->st.used_pct[0] != '\0' ? used : NULL;
		cells[6] = ok ? crit : NULL;
		cells[7] = ok && a->st.csat_n > 0 ? csat : NULL;
		cells[8] = ok ? a->st.why : a->reason;
		rdoc_row(d, cells);
	}
}

/* ---- load across accounts ---- */

static const char *
load_fill(long load, int over)
{
	if (over)
		return "#d9534f";
	if (load == 0)
		return "#f4f4f4";
	if (load <= 5000)
		return "#d8ecd8";
	if (load <= 8000)
		return "#a6d6a6";
	return "#5cb85c";
}

static char *
svg_heat(const struct portfolio *pf, const struct pf_load_row *rows,
    size_t n, size_t *total)
{
	struct kam_buf b = KAM_BUF_INIT;
	const long left = 170, top = 44, cw = 46, ch = 22;
	long nweeks = (long)((pf->to - pf->from + 1) / 7), y, x, pct;
	size_t i, k, np = 0;
	char dt[11], *plain;
	const char *last = NULL;

	/* One row per person, in the rows' person order. */
	for (i = 0; i < n; i++)
		if (last == NULL || strcmp(last, rows[i].key) != 0) {
			last = rows[i].key;
			np++;
		}
	*total = np;
	if (np > MAX_PEOPLE)
		np = MAX_PEOPLE;
	report_svg_begin(&b, "Load across accounts, by week (% of capacity "
	    "used by all accounts together)", left + nweeks * cw + 10,
	    top + 30 + (long)np * ch + 10);
	for (k = 0; k < (size_t)nweeks; k++)
		kam_buf_printf(&b, "<text x=\"%ld\" y=\"%ld\" text-anchor="
		    "\"middle\" font-size=\"10\">%.5s</text>\n",
		    left + (long)k * cw + cw / 2, top + 16,
		    date_fmt(pf->from + 7 * (int32_t)k, dt) + 5);
	last = NULL;
	y = top + 30 - ch;
	for (i = 0, k = 0; i < n; i++) {
		const struct pf_load_row *r = &rows[i];

		if (last == NULL || strcmp(last, r->key) != 0) {
			if (++k > np)
				break;
			last = r->key;
			y += ch;
			plain = report_plain(r->name);
			kam_buf_printf(&b, "<text x=\"%ld\" y=\"%ld\" "
			    "text-anchor=\"end\">", left - 8, y + 15);
			gantt_xml_text(&b, plain);
			kam_buf_puts(&b, "</text>\n");
			free(plain);
			for (x = 0; x < nweeks; x++)
				kam_buf_printf(&b, "<rect x=\"%ld\" y=\"%ld\" "
				    "width=\"%ld\" height=\"%ld\" fill=\"%s\"/>\n",
				    left + x * cw, y, cw - 2, ch - 2,
				    load_fill(0, 0));
		}
		if (r->period < pf->from || r->period > pf->to)
			continue;
		x = (long)((r->period - pf->from) / 7);
		pct = (r->load + 50) / 100;
		kam_buf_printf(&b, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" "
		    "height=\"%ld\" fill=\"%s\"><title>", left + x * cw, y,
		    cw - 2, ch - 2, load_fill(r->load, r->over));
		plain = report_plain(r->name);
		gantt_xml_text(&b, plain);
		free(plain);
		kam_buf_printf(&b, ", week of %s: %ld%% of %ld%% (", date_fmt(
		    r->period, dt), pct, r->capacity);
		gantt_xml_text(&b, r->accounts);
		kam_buf_printf(&b, ")</title></rect>\n<text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"middle\" font-size=\"10\"%s>%ld</text>\n",
		    left + x * cw + cw / 2 - 1, y + 15, r->over ?
		    " fill=\"#fff\"" : "", pct);
	}
	kam_buf_puts(&b, "</svg>\n");
	return kam_buf_detach(&b);
}

static void
load_section(struct rdoc *d, const struct portfolio *pf)
{
	static const struct rcol cols[] = {
		{ "person", 0 }, { "week", RC_KEY }, { "load", RC_NUM },
		{ "capacity", RC_NUM }, { "accounts", 0 },
	};
	struct pf_load_row *rows = NULL;
	const char *cells[ARRAY_SIZE(cols)];
	char a[11], b[11], load[24], cap[24];
	size_t i, n = 0, total = 0;

	portfolio_load_rows(pf, &rows, &n);
	rdoc_mdf(d, "## Load across accounts\n\nThe weeks %s to %s: each "
	    "person's task-days in every account, summed, against their "
	    "capacity (people matched by email, else by name).\n\n",
	    date_fmt(pf->from, a), date_fmt(pf->to, b));
	if (n > 0) {
		char *svg = svg_heat(pf, rows, n, &total), *cap_text;

		cap_text = total > MAX_PEOPLE ? xasprintf("Red: over capacity. "
		    "The first %d of %zu people are shown.", MAX_PEOPLE, total) :
		    xstrdup("Red: over capacity.");
		rdoc_svg(d, svg, cap_text);
		free(cap_text);
	}
	rdoc_md(d, "### Over capacity\n\n");
	rdoc_table(d, cols, ARRAY_SIZE(cols), "Nobody is booked over capacity "
	    "across accounts in these weeks.");
	for (i = 0; i < n; i++) {
		const struct pf_load_row *r = &rows[i];

		if (!r->over)
			continue;
		snprintf(load, sizeof(load), "%ld%%", (r->load + 50) / 100);
		snprintf(cap, sizeof(cap), "%ld%%", r->capacity);
		cells[0] = r->name;
		cells[1] = date_fmt(r->period, a);
		cells[2] = load;
		cells[3] = cap;
		cells[4] = r->accounts;
		rdoc_row(d, cells);
	}
	for (i = 0; i < n; i++)
		free(rows[i].accounts);
	free(rows);
}

/* ---- risks ---- */

static void
risks_section(struct rdoc *d, const struct portfolio *pf)
{
	static const struct rcol cols[] = {
		{ "account", RC_KEY }, { "id", RC_KEY }, { "risk", 0 },
		{ "score", RC_NUM }, { "level", RC_STATUS }, { "owner", 0 },
		{ "response", 0 },
	};
	struct pf_risk *v = NULL;
	const char *cells[ARRAY_SIZE(cols)];
	char score[24];
	size_t i, n = 0;

	portfolio_risks(pf, 0, NULL, &v, &n);
	rdoc_mdf(d, "## Top risks\n\nThe largest open risks of the "
	    "portfolio, highest score first: %zu of %zu (`kam portfolio "
	    "risks` lists them all).\n\n", n < TOP_RISKS ? n : TOP_RISKS, n);
	rdoc_table(d, cols, ARRAY_SIZE(cols), "No open risks.");
	for (i = 0; i < n && i < TOP_RISKS; i++) {
		const struct table *t = &v[i].a->risks;

		snprintf(score, sizeof(score), "%ld", v[i].score);
		cells[0] = v[i].a->name;
		cells[1] = table_get(t, v[i].r, RISK_ID);
		cells[2] = table_get(t, v[i].r, RISK_TITLE);
		cells[3] = score;
		cells[4] = risk_level(v[i].score);
		cells[5] = v[i].owner != NULL ? table_get(&v[i].a->people,
		    v[i].owner, PERSON_NAME) : table_get(t, v[i].r, RISK_OWNER);
		cells[6] = table_get(t, v[i].r, RISK_RESPONSE);
		rdoc_row(d, cells);
	}
	free(v);
}

int
portfolio_report(struct portfolio *pf, struct rdoc *d)
{
	size_t i, nred = 0, namber = 0, ngreen = 0, ninvalid = 0, nunread = 0;
	int32_t today = pf->today;
	char t[11];

	if (today == 0 && project_today(&today) == -1)
		return -1;
	pf->today = today;
	pf->from = today - date_weekday(today);
	pf->to = pf->from + 7 * PF_REPORT_WEEKS - 1;
	pf->by_month = 0;
	if (portfolio_read(pf, PF_STATUS | PF_RISKS | PF_LOAD, 0) == -1)
		return -1;
	portfolio_sort(pf);
	for (i = 0; i < pf->n; i++) {
		const struct pf_account *a = &pf->acc[i];

		if (a->state == PF_INVALID)
			ninvalid++;
		else if (a->state != PF_OK)
			nunread++;
		else if (a->st.overall == AREA_RED)
			nred++;
		else if (a->st.overall == AREA_AMBER)
			namber++;
		else
			ngreen++;
	}
	rdoc_init(d, "Portfolio report");
	rdoc_mdf(d, "# Portfolio report\n\n**Date:** %s · **Accounts:** %zu: "
	    "%zu red, %zu amber, %zu green", date_fmt(pf->today, t), pf->n,
	    nred, namber, ngreen);
	if (ninvalid > 0)
		rdoc_mdf(d, ", %zu with invalid data", ninvalid);
	if (nunread > 0)
		rdoc_mdf(d, ", %zu unreadable", nunread);
	rdoc_md(d, "\n\nEach account is read from the committed tree of its "
	    "branch, as `kam portfolio status` reads it.\n\n");
	accounts_section(d, pf);
	load_section(d, pf);
	risks_section(d, pf);
	rdoc_mdf(d, "---\n\n*Written by kam portfolio report on %s.*\n",
	    date_fmt(pf->today, t));
	return 0;
}
