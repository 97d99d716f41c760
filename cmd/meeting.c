/*
 * meeting.c: kam meeting — minutes of meetings (SPEC §3 "Communication",
 * §5): a new minutes file from a template, and the list of meetings.
 *
 * The minutes are Markdown that people edit by hand and commit with
 * `kam commit`; lib/minutes.h reads them and writes new ones.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/value.h"

static const char new_usage[] =
    "kam meeting new title [--date date] [--attendees P-n,...]";
static const char list_usage[] = "kam meeting list";

static int
meeting_new(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "attendees", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct minutes_new mn = MINUTES_NEW_INIT;
	struct tx tx = TX_INIT;
	const char *attendees = NULL, *why;
	int32_t date = k->p.today;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, new_usage, &err)) != -1)
		switch (ch) {
		case 'd':
			if (date_parse(optarg, &date, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--date: invalid date "
				    "'%s': %s", optarg, why);
			break;
		case 'a':
			attendees = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(new_usage);
	if (minutes_new_prepare(&mn, date, argv[optind], attendees) == -1 ||
	    kam_tx_begin(k, &tx) == -1 || minutes_new_put(&mn, &tx, &k->p) ==
	    -1 || kam_tx_commit(k, &tx, "meeting new", mn.path, mn.title) == -1)
		goto out;
	printf("%s\n", mn.path);
	ret = 0;
out:
	tx_release(&tx);
	minutes_new_release(&mn);
	return ret;
}

static int
meeting_list(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
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
	int err = 0, ret = -1;

	if (kam_getopt(argc, argv, "", none, list_usage, &err) != -1 || err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
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

const struct verb meeting_verbs[] = {
	{ "list", meeting_list, NEED_PROJECT, list_usage, "",
	    "list the meetings with their decisions and actions" },
	{ "new", meeting_new, NEED_PROJECT | WRITES, new_usage,
	    "--date= --attendees=", "create minutes from the template" },
};
const size_t meeting_nverbs = ARRAY_SIZE(meeting_verbs);
