/*
 * action.c: kam action — the action items of the meeting minutes (SPEC
 * §3 "Communication", §5): list items under an "Actions" heading, open
 * "[ ]" or done "[x]", owner @P-n, due date due:YYYY-MM-DD.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/value.h"

static const char list_usage[] = "kam action list [--open] [--owner P-n]";

static int
action_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'O' },
		{ "owner", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col cols[] = {
		{ "location", OT_TEXT }, { "state", OT_TEXT },
		{ "owner", OT_TEXT }, { "due", OT_TEXT }, { "overdue", OT_BOOL },
		{ "text", OT_TEXT },
	};
	struct out o = OUT_INIT;
	struct minutes *all = NULL;
	const char *cells[6];
	char owner[32], due[11], *loc = NULL;
	size_t i, j, n = 0;
	long num;
	int ch, err = 0, open_only = 0, late, ret = -1;
	int human = k->fmt == FMT_TABLE || k->fmt == FMT_MD;

	owner[0] = '\0';
	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 'O':
			open_only = 1;
			break;
		case 'o':
			if (id_parse_arg(optarg, "P", owner, &num, NULL) == -1)
				return kam_err(KAM_EX_USAGE, "--owner: invalid "
				    "person id '%s' (expected e.g. P-3)", optarg);
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (minutes_load_all(&k->p, &all, &n) == -1)
		goto out;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++)
		for (j = 0; j < all[i].nactions; j++) {
			const struct minutes_item *a = &all[i].actions[j];

			if (open_only && a->done)
				continue;
			if (owner[0] != '\0' && strcmp(a->owner, owner) != 0)
				continue;
			late = !a->done && a->has_due && a->due < k->p.today;
			free(loc);
			loc = xasprintf("%s:%lu", all[i].path, a->line);
			cells[0] = loc;
			cells[1] = a->done ? "done" : "open";
			cells[2] = a->owner;
			cells[3] = a->has_due ? date_fmt(a->due, due) : NULL;
			cells[4] = human ? (late ? "yes" : "no") :
			    late ? "true" : "false";
			cells[5] = a->text;
			out_row(&o, cells);
		}
	out_end(&o);
	ret = 0;
out:
	free(loc);
	minutes_free_all(all, n);
	return ret;
}

const struct verb action_verbs[] = {
	{ "list", action_list, NEED_PROJECT, list_usage, "--open --owner=",
	    "list action items: state, owner, due date, overdue" },
};
const size_t action_nverbs = ARRAY_SIZE(action_verbs);
