/*
 * decision.c: kam decision — the decisions of the meeting minutes (SPEC
 * §3 "Communication", §5): list items under a "Decisions" heading, with
 * the kam ids they name (CR-2, REQ-10, ...).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/value.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	int32_t		 since;
};
#define LIST_OPTS(O)							\
	O(CMD, "kam decision list")					\
	O(DATE, OPT, "", "since", since, "date", "minutes of this day on")

KAM_VERB(decision_list, "list", NEED_PROJECT,
    "list decisions with the ids they refer to", LIST_OPTS,
    { .since = INT32_MIN })
{
	static const struct out_col cols[] = {
		{ "date", OT_TEXT }, { "location", OT_TEXT }, { "text", OT_TEXT },
		{ "refs", OT_LIST },
	};
	struct out o = OUT_INIT;
	struct minutes *all = NULL;
	const struct opts *opt = k->opts;
	const char *cells[4];
	char day[11];
	size_t i, j, n = 0;

	if (minutes_load_all(&k->p, &all, &n) == -1)
		return -1;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++) {
		/* Undated minutes cannot be placed after a date. */
		if (opt->since != INT32_MIN && (!all[i].has_date ||
		    all[i].date < opt->since))
			continue;
		for (j = 0; j < all[i].ndecisions; j++) {
			const struct minutes_item *d = &all[i].decisions[j];

			cells[0] = all[i].has_date ? date_fmt(all[i].date, day) :
			    NULL;
			cells[1] = d->loc;
			cells[2] = d->text;
			cells[3] = d->refs;
			out_row(&o, cells);
		}
	}
	out_end(&o);
	minutes_free_all(all, n);
	return 0;
}

const struct verb *const decision_verbs[] = {
	&decision_list_verb, NULL
};
