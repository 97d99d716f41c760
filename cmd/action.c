/*
 * action.c: kam action — the action items of the meeting minutes (SPEC
 * §3 "Communication", §5): list items under an "Actions" heading, open
 * "[ ]" or done "[x]", owner @P-n, due date due:YYYY-MM-DD.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/value.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	int		 open;
	struct popt_id	 owner;
};
#define LIST_OPTS(O)							\
	O(CMD, "kam action list")					\
	O(FLAG, OPT, "", "open", open, "open items only")		\
	O(ID, OPT, "", "person", owner, "P", "owned by this person")	\
	O(ID, HIDE, "", "owner", owner, "P", "the same as --person")

KAM_VERB(action_list, "list", NEED_PROJECT,
    "list action items: state, owner, due date, overdue", LIST_OPTS, { 0 })
{
	static const struct out_col cols[] = {
		{ "location", OT_TEXT }, { "state", OT_TEXT },
		{ "owner", OT_TEXT }, { "due", OT_TEXT }, { "overdue", OT_BOOL },
		{ "text", OT_TEXT },
	};
	struct out o = OUT_INIT;
	struct minutes *all = NULL;
	const char *cells[6];
	const struct opts *opt = k->opts;
	const char *owner = opt->owner.id;
	char due[11];
	size_t i, j, n = 0;
	int late;
	int human = out_for_people(k->fmt);

	if (minutes_load_all(&k->p, &all, &n) == -1)
		return -1;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++)
		for (j = 0; j < all[i].nactions; j++) {
			const struct minutes_item *a = &all[i].actions[j];

			if (opt->open && a->done)
				continue;
			if (owner[0] != '\0' && strcmp(a->owner, owner) != 0)
				continue;
			late = !a->done && a->has_due && a->due < k->p.today;
			cells[0] = a->loc;
			cells[1] = a->done ? "done" : "open";
			cells[2] = a->owner;
			cells[3] = a->has_due ? date_fmt(a->due, due) : NULL;
			cells[4] = human ? (late ? "yes" : "no") :
			    late ? "true" : "false";
			cells[5] = a->text;
			out_row(&o, cells);
		}
	out_end(&o);
	minutes_free_all(all, n);
	return 0;
}

const struct verb *const action_verbs[] = {
	&action_list_verb, NULL
};
