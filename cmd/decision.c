/*
 * decision.c: kam decision — the decisions of the meeting minutes (SPEC
 * §3 "Communication", §5): list items under a "Decisions" heading, with
 * the kam ids they name (CR-2, REQ-10, ...).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/value.h"

static const char list_usage[] = "kam decision list [--since date]";

static int
decision_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "since", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "date", OT_TEXT }, { "location", OT_TEXT }, { "text", OT_TEXT },
		{ "refs", OT_LIST },
	};
	struct out o = OUT_INIT;
	struct minutes *all = NULL;
	const char *cells[4], *why;
	char day[11], *loc = NULL;
	size_t i, j, n = 0;
	int32_t since = 0;
	int ch, err = 0, has_since = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 's':
			if (date_parse(optarg, &since, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--since: invalid date "
				    "'%s': %s", optarg, why);
			has_since = 1;
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (minutes_load_all(&k->p, &all, &n) == -1)
		goto out;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++) {
		/* Undated minutes cannot be placed after a date. */
		if (has_since && (!all[i].has_date || all[i].date < since))
			continue;
		for (j = 0; j < all[i].ndecisions; j++) {
			const struct minutes_item *d = &all[i].decisions[j];

			free(loc);
			loc = xasprintf("%s:%lu", all[i].path, d->line);
			cells[0] = all[i].has_date ? date_fmt(all[i].date, day) :
			    NULL;
			cells[1] = loc;
			cells[2] = d->text;
			cells[3] = d->refs;
			out_row(&o, cells);
		}
	}
	out_end(&o);
	ret = 0;
out:
	free(loc);
	minutes_free_all(all, n);
	return ret;
}

const struct verb decision_verbs[] = {
	{ "list", decision_list, NEED_PROJECT, list_usage, "--since=",
	    "list decisions with the ids they refer to" },
};
const size_t decision_nverbs = ARRAY_SIZE(decision_verbs);
