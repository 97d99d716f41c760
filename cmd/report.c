/*
 * report.c: kam report — the client's weekly status report and the
 * closing evaluation (SPEC §3 "Evaluation and lessons"), in Markdown or
 * as one self-contained HTML page with inline SVG charts.
 *
 * lib/report builds the document (report_build) and writes it; this file
 * parses the options and prints.
 */

#include "cmd.h"
#include "../lib/report.h"
#include "../lib/review.h"
#include "../lib/value.h"

/* The options of weekly (lib/parseopt.c). */
struct opts {
	const char	*since;
};
#define WEEKLY_OPTS(O)							\
	O(CMD, "kam report weekly")					\
	O(STR, OPT, "", "since", since, "date|rev", "from this day on")
#define FINAL_OPTS(O)	O(CMD, "kam report final")

static int
run(struct kam *k, int final, int32_t since)
{
	struct rdoc d = RDOC_INIT;
	int ret;

	if (k->fmt != FMT_TABLE && k->fmt != FMT_MD && k->fmt != FMT_HTML)
		return kam_err(KAM_EX_USAGE, "kam report writes a document: "
		    "use --format md (the default) or --format html");
	ret = report_build(&d, &k->p, final, since) == -1 ||
	    rdoc_write(&d, k->fmt == FMT_HTML, stdout) == -1 ? -1 : 0;
	rdoc_release(&d);
	return ret;
}

KAM_VERB(report_weekly, "weekly", NEED_PROJECT | DOCUMENTS,
    "client status report of the week (or since a date or a revision)",
    WEEKLY_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	char a[11], b[11];
	int32_t since = k->p.today - 7;

	if ((o->since != NULL &&
	    review_day_arg(&since, &k->p, "--since", o->since) == -1))
		return -1;
	if (since > k->p.today)
		return kam_err(KAM_EX_USAGE, "--since %s is after today (%s)",
		    date_fmt(since, a), date_fmt(k->p.today, b));
	return run(k, 0, since);
}

KAM_VERB0(report_final, "final", NEED_PROJECT | DOCUMENTS,
    "closing evaluation: goals, schedule and cost variance, quality, "
    "satisfaction, lessons, open items",
    FINAL_OPTS)
{

	return run(k, 1, k->p.start != 0 ? k->p.start : k->p.today);
}

const struct verb *const report_verbs[] = {
	&report_final_verb, &report_weekly_verb, NULL
};

