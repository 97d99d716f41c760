/*
 * issue.c: kam issue — the issue log, the "I" of a RAID log.  The record
 * type, its fields and transitions are data (lib/schema.h, lib/issue.c);
 * the verbs are the generic ones of lib/record.c, but for escalate, whose
 * rule (to whom) is lib/issue.c's.  Usage lines, option tables and
 * completion words all expand from ISSUE_FIELDS and ISSUE_WHERE.
 */
#include "cmd.h"
#include "../lib/issue.h"

static const char add_usage[] = "kam issue add title"
    ISSUE_FIELDS(REC_USAGE_ADD);
static const char set_usage[] = "kam issue set I-n"
    ISSUE_FIELDS(REC_USAGE_SET);
static const char list_usage[] = "kam issue list" ISSUE_WHERE(REC_USAGE_LIST);
static const char show_usage[] = "kam issue show I-n";
static const char start_usage[] = "kam issue start I-n";
#define ESCALATE_OPTS(O)	O(CMD, "kam issue escalate") O(ARG, "I-n")
static const char resolve_usage[] =
    "kam issue resolve I-n --resolution text";
static const char close_usage[] = "kam issue close I-n";

static const struct rec_opt add_opts[] = { ISSUE_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { ISSUE_FIELDS(REC_OPT_SET) };
static const struct rec_opt resolve_opts[] = {
	{ ISSUE_RESOLUTION, "resolution", REC_REQ, 0, "text",
	    "how it was resolved" },
};
static const struct rec_where list_where[] = { ISSUE_WHERE(REC_WHERE) };

#define T	.rt = &issue_type
static const struct rec_verb add = { .usage = add_usage, T, .kind = REC_ADD,
	.opts = add_opts, .nopts = ARRAY_SIZE(add_opts) };
static const struct rec_verb set = { .usage = set_usage, T, .kind = REC_SET,
	.opts = set_opts, .nopts = ARRAY_SIZE(set_opts) };
static const struct rec_verb list = { .usage = list_usage, T,
	.kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where) };
static const struct rec_verb show = { .usage = show_usage, T,
	.kind = REC_SHOW };
static const struct rec_verb start = { .usage = start_usage, T,
	.kind = REC_MOVE, .verb = "start" };
static const struct rec_verb resolve = { .usage = resolve_usage, T,
	.kind = REC_MOVE, .verb = "resolve", .opts = resolve_opts,
	.nopts = ARRAY_SIZE(resolve_opts) };
static const struct rec_verb close_ = { .usage = close_usage, T,
	.kind = REC_MOVE, .verb = "close" };
#undef T
REC_FN(issue_add, add)
REC_FN(issue_set, set)
REC_FN(issue_list, list)
REC_FN(issue_show, show)
REC_FN(issue_start, start)
REC_FN(issue_resolve, resolve)
REC_FN(issue_close, close_)

KAM_VERB0(issue_escalate_verb, ESCALATE_OPTS)
static int
issue_escalate_verb_run(struct kam *k)
{
	struct rec_ctx c = kam_ctx(k);

	return issue_escalate(&c, k->argv[0]);
}

const struct verb issue_verbs[] = {
	{ "add", issue_add, NEED_PROJECT | WRITES, add_usage,
	    ISSUE_FIELDS(REC_COMPLETE_ADD), "record a new issue" },
	{ "close", issue_close, NEED_PROJECT | WRITES, close_usage, "",
	    "close a resolved issue" },
	VERB("escalate", issue_escalate_verb, NEED_PROJECT | WRITES,
	    "one escalation level up, to the accountable"),
	{ "list", issue_list, NEED_PROJECT, list_usage,
	    ISSUE_WHERE(REC_COMPLETE_LIST), "list issues" },
	{ "resolve", issue_resolve, NEED_PROJECT | WRITES, resolve_usage,
	    "--resolution=", "record how an issue was resolved" },
	{ "set", issue_set, NEED_PROJECT | WRITES, set_usage,
	    ISSUE_FIELDS(REC_COMPLETE_SET), "change fields of an issue" },
	{ "show", issue_show, NEED_PROJECT, show_usage, "", "show one issue" },
	{ "start", issue_start, NEED_PROJECT | WRITES, start_usage, "",
	    "work on an open issue has started" },
};
const size_t issue_nverbs = ARRAY_SIZE(issue_verbs);
