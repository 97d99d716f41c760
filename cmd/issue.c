/*
 * issue.c: kam issue — the issue log, the "I" of a RAID log.  The record
 * type, its fields and transitions are data (lib/schema.h, lib/issue.c);
 * the verbs are the generic ones of lib/record.c.  Usage lines, option
 * tables and completion words all expand from ISSUE_FIELDS.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "../lib/issue.h"
#include "../lib/record.h"

static const char add_usage[] = "kam issue add title"
    ISSUE_FIELDS(REC_USAGE_ADD);
static const char set_usage[] = "kam issue set I-n"
    ISSUE_FIELDS(REC_USAGE_SET);
static const char list_usage[] =
    "kam issue list [--open] [--owner P-n] [--overdue] [--status s]";
static const char show_usage[] = "kam issue show I-n";
static const char start_usage[] = "kam issue start I-n";
static const char escalate_usage[] = "kam issue escalate I-n";
static const char resolve_usage[] =
    "kam issue resolve I-n --resolution text";
static const char close_usage[] = "kam issue close I-n";

static const struct rec_opt add_opts[] = { ISSUE_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { ISSUE_FIELDS(REC_OPT_SET) };
static const struct rec_opt resolve_opts[] = {
	{ ISSUE_RESOLUTION, "resolution", REC_REQ, 0, "text",
	    "how it was resolved" },
};
static const struct rec_opt no_opts[] = { { 0, "", REC_NO, 0, "", "" } };

static struct rec_ctx
ctx(struct kam *k)
{
	struct rec_ctx c = { &k->p, k->fmt, k->no_commit, k->msg,
	    k->no_verify };

	return c;
}

static int
issue_add(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	struct rec_args a;

	if (rec_parse(add_opts, ARRAY_SIZE(add_opts), argc, argv, add_usage,
	    1, &a) == -1)
		return -1;
	return rec_add(&c, &issue_type, add_opts, ARRAY_SIZE(add_opts), &a);
}

static int
issue_set(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	struct rec_args a;
	size_t i;

	if (rec_parse(set_opts, ARRAY_SIZE(set_opts), argc, argv, set_usage,
	    1, &a) == -1)
		return -1;
	for (i = 0; i < ARRAY_SIZE(set_opts) && a.val[i] == NULL; i++)
		;
	if (i == ARRAY_SIZE(set_opts))
		return kam_usage(set_usage);
	return rec_set(&c, &issue_type, set_opts, ARRAY_SIZE(set_opts), &a);
}

static int
issue_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'O' },
		{ "owner", required_argument, NULL, 'o' },
		{ "overdue", no_argument, NULL, 'd' },
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_ctx c = ctx(k);
	struct rec_filter f = REC_FILTER_INIT;
	char owner[32];
	int ch, err = 0;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 'O':
			f.open_only = 1;
			break;
		case 'o':
			f.owner = optarg;
			break;
		case 'd':
			f.overdue = 1;
			break;
		case 's':
			f.status = optarg;
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (rec_filter_check(&issue_type, &f, owner) == -1)
		return -1;
	return rec_list(&c, &issue_type, &f);
}

/* A verb whose only operand is the issue's id. */
static const char *
one_id(int argc, char **argv, const char *usage)
{
	struct rec_args a;

	if (rec_parse(no_opts, 0, argc, argv, usage, 1, &a) == -1)
		return NULL;
	return a.operand;
}

static int
issue_show(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	const char *id = one_id(argc, argv, show_usage);

	return id == NULL ? -1 : rec_show(&c, &issue_type, id);
}

static int
issue_start(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	const char *id = one_id(argc, argv, start_usage);

	return id == NULL ? -1 : rec_move(&c, &issue_type, "start", id, -1,
	    NULL);
}

static int
issue_escalate_verb(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	const char *id = one_id(argc, argv, escalate_usage);

	return id == NULL ? -1 : issue_escalate(&c, id);
}

static int
issue_resolve(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	struct rec_args a;

	if (rec_parse(resolve_opts, ARRAY_SIZE(resolve_opts), argc, argv,
	    resolve_usage, 1, &a) == -1)
		return -1;
	return rec_move(&c, &issue_type, "resolve", a.operand,
	    ISSUE_RESOLUTION, a.val[0]);
}

static int
issue_close(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	const char *id = one_id(argc, argv, close_usage);

	return id == NULL ? -1 : rec_move(&c, &issue_type, "close", id, -1,
	    NULL);
}

const struct verb issue_verbs[] = {
	{ "add", issue_add, NEED_PROJECT | WRITES, add_usage,
	    ISSUE_FIELDS(REC_COMPLETE_ADD), "record a new issue" },
	{ "close", issue_close, NEED_PROJECT | WRITES, close_usage, "",
	    "close a resolved issue" },
	{ "escalate", issue_escalate_verb, NEED_PROJECT | WRITES,
	    escalate_usage, "", "one escalation level up, to the accountable" },
	{ "list", issue_list, NEED_PROJECT, list_usage,
	    "--open --owner= --overdue --status=", "list issues" },
	{ "resolve", issue_resolve, NEED_PROJECT | WRITES, resolve_usage,
	    "--resolution=", "record how an issue was resolved" },
	{ "set", issue_set, NEED_PROJECT | WRITES, set_usage,
	    ISSUE_FIELDS(REC_COMPLETE_SET), "change fields of an issue" },
	{ "show", issue_show, NEED_PROJECT, show_usage, "", "show one issue" },
	{ "start", issue_start, NEED_PROJECT | WRITES, start_usage, "",
	    "work on an open issue has started" },
};
const size_t issue_nverbs = ARRAY_SIZE(issue_verbs);
