/*
 * comm.c: kam comm — the communication plan (SPEC §3 "Communication"):
 * what is communicated to whom, how often, and when it was last done.
 * add, set and list are the generic verbs of lib/record.c (COMM_FIELDS,
 * COMM_WHERE in lib/schema.h); when a communication is next due, who may
 * be its audience, what is due and what done records are comm_type's
 * rules (lib/rectype.c).
 */
#include "cmd.h"
#include "../lib/rectype.h"

/* done: a step of comm_type's schedule (lib/parseopt.c parses it). */
struct opts {
	const char	*date;
};
#define DONE_OPTS(O)							\
	O(CMD, "kam comm done") O(ARG, "C-n")				\
	O(STR, OPT, "", "date", date, "date", "when it was made")
#define T	.rt = &comm_type
REC_FIELDS_VERB(comm_add, ADD, ADD, "kam comm add title", COMM_FIELDS, T,
    .need = "a communication needs --frequency (daily, weekly, biweekly, "
    "monthly or quarterly)")
REC_FIELDS_VERB(comm_set, SET, SET, "kam comm set C-n", COMM_FIELDS, T)
REC_LIST_VERB(comm_list, "kam comm list", COMM_WHERE, T)
REC_LIST_VERB(comm_due, "kam comm due", COMM_WHERE, T, .pick = comm_due_pick)
#undef T

KAM_VERB(comm_done_verb, DONE_OPTS, { 0 })
static int
comm_done_verb_run(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return comm_done(&c, k->argv[0], o->date);
}

const struct verb comm_verbs[] = {
	VERB("add", comm_add, NEED_PROJECT | WRITES,
	    "plan a recurring communication"),
	VERB("done", comm_done_verb, NEED_PROJECT | WRITES,
	    "record that a communication was made"),
	VERB("due", comm_due, NEED_PROJECT,
	    "communications due today or overdue"),
	VERB("list", comm_list, NEED_PROJECT, "the communication plan"),
	VERB("set", comm_set, NEED_PROJECT | WRITES,
	    "edit a planned communication"),
};
const size_t comm_nverbs = ARRAY_SIZE(comm_verbs);
