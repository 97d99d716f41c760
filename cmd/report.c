/*
 * report.c: kam report — the client's weekly status report and the
 * closing evaluation (SPEC §3 "Evaluation and lessons"), in Markdown or
 * as one self-contained HTML page with inline SVG charts.
 *
 * lib/report builds the document (report_build) and writes it; this file
 * parses the options and prints.
 */
#include <getopt.h>

#include "cmd.h"
#include "../lib/report.h"
#include "../lib/review.h"
#include "../lib/value.h"

static const char weekly_usage[] = "kam report weekly [--since date|rev]";
static const char final_usage[] = "kam report final";

static int
run(struct kam *k, int final, int32_t since)
{
	struct rdoc d = RDOC_INIT;
	int ret = -1;

	if (k->fmt != FMT_TABLE && k->fmt != FMT_MD && k->fmt != FMT_HTML)
		return kam_err(KAM_EX_USAGE, "kam report writes a document: "
		    "use --format md (the default) or --format html");
	if (report_build(&d, &k->p, final, since) == -1 ||
	    rdoc_write(&d, k->fmt == FMT_HTML, stdout) == -1)
		goto out;
	ret = 0;
out:
	rdoc_release(&d);
	return ret;
}

static int
report_weekly(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	const char *why;
	char a[11], b[11];
	int32_t since = k->p.today - 7;
	int ch, err = 0;

	while ((ch = kam_getopt(argc, argv, "", opts, weekly_usage, &err)) !=
	    -1)
		/* A date, else a revision (a tag: the steering committee's
		 * approval) taken as its commit's day. */
		if (date_parse(optarg, &since, &why) == -1 &&
		    review_rev_day(&since, &k->p, optarg) != 0)
			return kam_err(KAM_EX_USAGE, "--since: invalid date "
			    "'%s': %s, and not a revision", optarg, why);
	if (err)
		return -1;
	if (argc != optind)
		return kam_usage(weekly_usage);
	if (since > k->p.today)
		return kam_err(KAM_EX_USAGE, "--since %s is after today (%s)",
		    date_fmt(since, a), date_fmt(k->p.today, b));
	return run(k, 0, since);
}

static int
report_final(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int err = 0;

	if (kam_getopt(argc, argv, "", none, final_usage, &err) != -1 || err)
		return -1;
	if (argc != optind)
		return kam_usage(final_usage);
	return run(k, 1, k->p.start != 0 ? k->p.start : k->p.today);
}

const struct verb report_verbs[] = {
	{ "final", report_final, NEED_PROJECT | DOCUMENTS, final_usage, "",
	    "closing evaluation: goals, schedule and cost variance, quality, "
	    "satisfaction, lessons, open items" },
	{ "weekly", report_weekly, NEED_PROJECT | DOCUMENTS, weekly_usage,
	    "--since=", "client status report of the week (or since a date or a "
	    "revision)" },
};
const size_t report_nverbs = ARRAY_SIZE(report_verbs);

