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

static const char add_usage[] = "kam comm add title"
    COMM_FIELDS(REC_USAGE_ADD);
/* done: a step of comm_type's schedule (lib/parseopt.c parses it). */
struct opts {
	const char	*date;
};
#define DONE_OPTS(O)							\
	O(CMD, "kam comm done") O(ARG, "C-n")				\
	O(STR, OPT, "", "date", date, "date", "when it was made")
static const char set_usage[] = "kam comm set C-n"
    COMM_FIELDS(REC_USAGE_SET);
static const char list_usage[] = "kam comm list" COMM_WHERE(REC_USAGE_LIST);
static const char due_usage[] = "kam comm due" COMM_WHERE(REC_USAGE_LIST);

static const struct rec_opt add_opts[] = { COMM_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { COMM_FIELDS(REC_OPT_SET) };
static const struct rec_where list_where[] = { COMM_WHERE(REC_WHERE) };

static const struct rec_verb add = { .usage = add_usage, .rt = &comm_type,
	.kind = REC_ADD, .opts = add_opts, .nopts = ARRAY_SIZE(add_opts),
	.need = "a communication needs --frequency (daily, weekly, biweekly, "
	"monthly or quarterly)" };
static const struct rec_verb set = { .usage = set_usage, .rt = &comm_type,
	.kind = REC_SET, .opts = set_opts, .nopts = ARRAY_SIZE(set_opts) };
static const struct rec_verb list = { .usage = list_usage, .rt = &comm_type,
	.kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where) };
static const struct rec_verb due = { .usage = due_usage, .rt = &comm_type,
	.kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where), .pick = comm_due_pick };
REC_FN(comm_add, add)
REC_FN(comm_set, set)
REC_FN(comm_list, list)
REC_FN(comm_due, due)

KAM_VERB(comm_done_verb, DONE_OPTS, { 0 })
static int
comm_done_verb_run(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return comm_done(&c, k->argv[0], o->date);
}

const struct verb comm_verbs[] = {
	{ "add", comm_add, NEED_PROJECT | WRITES, add_usage,
	    COMM_FIELDS(REC_COMPLETE_ADD), "plan a recurring communication" },
	VERB("done", comm_done_verb, NEED_PROJECT | WRITES,
	    "record that a communication was made"),
	{ "due", comm_due, NEED_PROJECT, due_usage,
	    COMM_WHERE(REC_COMPLETE_LIST), "communications due today or overdue" },
	{ "list", comm_list, NEED_PROJECT, list_usage,
	    COMM_WHERE(REC_COMPLETE_LIST), "the communication plan" },
	{ "set", comm_set, NEED_PROJECT | WRITES, set_usage,
	    COMM_FIELDS(REC_COMPLETE_SET), "edit a planned communication" },
};
const size_t comm_nverbs = ARRAY_SIZE(comm_verbs);
