/*
 * issue.c: kam issue — the issue log, the "I" of a RAID log.  The record
 * type, its fields and transitions are data (lib/schema.h, lib/issue.c);
 * the verbs are the generic ones of lib/record.c, but for escalate, whose
 * rule (to whom) is lib/issue.c's.  Usage lines, option tables and
 * completion words all expand from ISSUE_FIELDS and ISSUE_WHERE.
 */
#include "cmd.h"
#include "../lib/issue.h"

/* resolve's option. */
#define RESOLVE_FIELDS(F)						\
	F(ISSUE_RESOLUTION, "resolution", REQ, NO, "", "text",		\
	    "how it was resolved")
#define T	.rt = &issue_type
REC_FIELDS_VERB(issue_add, ADD, ADD, "kam issue add title", ISSUE_FIELDS, T)
REC_FIELDS_VERB(issue_set, SET, SET, "kam issue set I-n", ISSUE_FIELDS, T)
REC_LIST_VERB(issue_list, "kam issue list", ISSUE_WHERE, T)
REC_VERB(issue_show, SHOW, "kam issue show I-n", T)
REC_VERB(issue_start, MOVE, "kam issue start I-n", T, .verb = "start")
REC_FIELDS_VERB(issue_resolve, MOVE, ADD, "kam issue resolve I-n",
    RESOLVE_FIELDS, T, .verb = "resolve")
REC_VERB(issue_close, MOVE, "kam issue close I-n", T, .verb = "close")
#undef T
#define ESCALATE_OPTS(O)	O(CMD, "kam issue escalate") O(ARG, "I-n")

KAM_VERB0(issue_escalate_verb, ESCALATE_OPTS)
static int
issue_escalate_verb_run(struct kam *k)
{
	struct rec_ctx c = kam_ctx(k);

	return issue_escalate(&c, k->argv[0]);
}

const struct verb issue_verbs[] = {
	VERB("add", issue_add, NEED_PROJECT | WRITES, "record a new issue"),
	VERB("close", issue_close, NEED_PROJECT | WRITES,
	    "close a resolved issue"),
	VERB("escalate", issue_escalate_verb, NEED_PROJECT | WRITES,
	    "one escalation level up, to the accountable"),
	VERB("list", issue_list, NEED_PROJECT, "list issues"),
	VERB("resolve", issue_resolve, NEED_PROJECT | WRITES,
	    "record how an issue was resolved"),
	VERB("set", issue_set, NEED_PROJECT | WRITES,
	    "change fields of an issue"),
	VERB("show", issue_show, NEED_PROJECT, "show one issue"),
	VERB("start", issue_start, NEED_PROJECT | WRITES,
	    "work on an open issue has started"),
};
const size_t issue_nverbs = ARRAY_SIZE(issue_verbs);
