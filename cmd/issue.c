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
REC_FIELDS_VERB(issue_add, "add", "record a new issue", ADD, ADD,
    "kam issue add title", ISSUE_FIELDS, T)
REC_FIELDS_VERB(issue_set, "set", "change fields of an issue", SET, SET,
    "kam issue set I-n", ISSUE_FIELDS, T)
REC_LIST_VERB(issue_list, "list", "list issues", "kam issue list", ISSUE_WHERE,
    T)
REC_VERB(issue_show, "show", "show one issue", SHOW, "kam issue show I-n", T)
REC_VERB(issue_start, "start", "work on an open issue has started", MOVE,
    "kam issue start I-n", T, .verb = "start")
REC_FIELDS_VERB(issue_resolve, "resolve", "record how an issue was resolved",
    MOVE, ADD, "kam issue resolve I-n", RESOLVE_FIELDS, T, .verb = "resolve")
REC_VERB(issue_close, "close", "close a resolved issue", MOVE,
    "kam issue close I-n", T, .verb = "close")
#undef T
#define ESCALATE_OPTS(O)	O(CMD, "kam issue escalate") O(ARG, "I-n")

KAM_VERB0(issue_escalate_cmd, "escalate", NEED_PROJECT | WRITES,
    "one escalation level up, to the accountable", ESCALATE_OPTS)
{
	struct rec_ctx c = kam_ctx(k);

	return issue_escalate(&c, k->argv[0]);
}

const struct verb *const issue_verbs[] = {
	&issue_add_verb, &issue_close_verb, &issue_escalate_cmd_verb,
	&issue_list_verb, &issue_resolve_verb, &issue_set_verb,
	&issue_show_verb, &issue_start_verb, NULL
};
