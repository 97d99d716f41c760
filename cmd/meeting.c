/*
 * meeting.c: kam meeting — minutes of meetings (SPEC §3 "Communication",
 * §5): a new minutes file from a template, and the list of meetings.
 *
 * The minutes are Markdown that people edit by hand and commit with
 * `kam commit`; lib/minutes.h reads them and writes new ones.
 */
#include <stdio.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	int32_t		 date;
	const char	*attendees;
};
#define NEW_OPTS(O)							\
	O(CMD, "kam meeting new")					\
	O(ARG, "title")							\
	O(DATE, OPT, "", "date", date, "date", "the day of the meeting") \
	O(STR, OPT, "", "attendees", attendees, "P-n,...", "who took part")
#define LIST_OPTS(O)	O(CMD, "kam meeting list")

KAM_VERB(meeting_new, "new", NEED_PROJECT | WRITES,
    "create minutes from the template", NEW_OPTS, { .date = k->p.today })
{
	const struct opts *o = k->opts;
	struct minutes_new mn = MINUTES_NEW_INIT;
	struct tx tx = TX_INIT;
	int ret = -1;

	if (minutes_new_prepare(&mn, o->date, k->argv[0], o->attendees) == 0 &&
	    kam_tx_begin(k, &tx) == 0 && minutes_new_put(&mn, &tx, &k->p) ==
	    0 && kam_tx_commit(k, &tx, "meeting new", mn.path, mn.title) == 0) {
		printf("%s\n", mn.path);
		ret = 0;
	}
	tx_release(&tx);
	minutes_new_release(&mn);
	return ret;
}

KAM_VERB0(meeting_list, "list", NEED_PROJECT,
    "list the meetings with their decisions and actions", LIST_OPTS)
{
	static const struct out_col cols[] = {
		{ "date", OT_TEXT }, { "file", OT_TEXT }, { "title", OT_TEXT },
		{ "attendees", OT_LIST }, { "decisions", OT_NUM },
		{ "actions_open", OT_NUM }, { "actions_done", OT_NUM },
	};
	struct out o = OUT_INIT;
	struct minutes *all = NULL;
	const char *cells[7];
	char day[11], nd[24], no[24], nx[24];
	size_t i, j, n = 0, done;
	int ret = -1;

	if (minutes_load_all(&k->p, &all, &n) == -1)
		goto out;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++) {
		const struct minutes *m = &all[i];

		for (j = done = 0; j < m->nactions; j++)
			done += m->actions[j].done != 0;
		snprintf(nd, sizeof(nd), "%zu", m->ndecisions);
		snprintf(no, sizeof(no), "%zu", m->nactions - done);
		snprintf(nx, sizeof(nx), "%zu", done);
		cells[0] = m->has_date ? date_fmt(m->date, day) : NULL;
		cells[1] = m->path;
		cells[2] = m->title;
		cells[3] = m->attendees;
		cells[4] = nd;
		cells[5] = no;
		cells[6] = nx;
		out_row(&o, cells);
	}
	out_end(&o);
	ret = 0;
out:
	minutes_free_all(all, n);
	return ret;
}

const struct verb *const meeting_verbs[] = {
	&meeting_list_verb, &meeting_new_verb, NULL
};
