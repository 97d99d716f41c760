/*
 * defect.c: kam defect — defects and rework (SPEC §3 "Quality and customer
 * satisfaction").  add, set, list and show are the generic verbs of
 * lib/record.c (DEFECT_FIELDS, DEFECT_WHERE in lib/schema.h); fix, verify
 * and reopen are the transitions of defect_type (lib/rectype.c).
 */
#include "cmd.h"
#include "../lib/rectype.h"

/* fix, verify and reopen: the transitions of defect_type (lib/parseopt.c
 * parses their options); fix takes both, verify --date only. */
struct opts {
	const char	*rework, *date;
};
#define REWORK_OPT(O)							\
	O(STR, OPT, "", "rework", rework, "hours", "hours of rework")
#define DATE_OPT(O)							\
	O(STR, OPT, "", "date", date, "date", "when it happened")
#define FIX_OPTS(O)							\
	O(CMD, "kam defect fix") O(ARG, "D-n") REWORK_OPT(O) DATE_OPT(O)
#define VERIFY_OPTS(O)	O(CMD, "kam defect verify") O(ARG, "D-n") DATE_OPT(O)
#define REOPEN_OPTS(O)	O(CMD, "kam defect reopen") O(ARG, "D-n")

#define T	.rt = &defect_type
REC_FIELDS_VERB(defect_add, "add", "record a new defect (open)", ADD, ADD,
    "kam defect add title", DEFECT_FIELDS, T,
    .need = "a new defect needs --severity critical|major|minor and "
    "--subject (a record such as REQ-3 or T-2, or text)")
REC_LIST_VERB(defect_list, "list", "list defects", "kam defect list",
    DEFECT_WHERE, T)
REC_VERB(defect_show, "show", "show one defect", SHOW, "kam defect show D-n",
    T)
REC_FIELDS_VERB(defect_set, "set",
    "edit a defect's title, severity, subject or date found", SET, SET,
    "kam defect set D-n", DEFECT_FIELDS, T)
#undef T

static int
move(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return defect_move(&c, k->verb, k->argv[0], o->rework, o->date);
}
KAM_VERB_RUN(defect_fix, "fix", NEED_PROJECT | WRITES,
    "an open defect is fixed", FIX_OPTS, move, { 0 })
KAM_VERB_RUN(defect_verify, "verify", NEED_PROJECT | WRITES,
    "the fix of a defect is verified (closes it)", VERIFY_OPTS, move, { 0 })
KAM_VERB_RUN(defect_reopen, "reopen", NEED_PROJECT | WRITES,
    "a fixed or verified defect is back", REOPEN_OPTS, move, { 0 })

const struct verb *const defect_verbs[] = {
	&defect_add_verb, &defect_fix_verb, &defect_list_verb,
	&defect_reopen_verb, &defect_set_verb, &defect_show_verb,
	&defect_verify_verb, NULL
};
