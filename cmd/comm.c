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
REC_FIELDS_VERB(comm_add, "add", "plan a recurring communication", ADD, ADD,
    "kam comm add title", COMM_FIELDS, T,
    .need = "a communication needs --frequency (daily, weekly, biweekly, "
    "monthly or quarterly)")
REC_FIELDS_VERB(comm_set, "set", "edit a planned communication", SET, SET,
    "kam comm set C-n", COMM_FIELDS, T)
REC_LIST_VERB(comm_list, "list", "the communication plan", "kam comm list",
    COMM_WHERE, T)
REC_LIST_VERB(comm_due, "due", "communications due today or overdue",
    "kam comm due", COMM_WHERE, T, .pick = comm_due_pick)
#undef T

KAM_VERB(comm_done_cmd, "done", NEED_PROJECT | WRITES,
    "record that a communication was made", DONE_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return comm_done(&c, k->argv[0], o->date);
}

const struct verb *const comm_verbs[] = {
	&comm_add_verb, &comm_done_cmd_verb, &comm_due_verb, &comm_list_verb,
	&comm_set_verb, NULL
};
