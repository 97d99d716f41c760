/*
 * defect.c: kam defect — defects and rework (SPEC §3 "Quality and customer
 * satisfaction").  add, set, list and show are the generic verbs of
 * lib/record.c (DEFECT_FIELDS, DEFECT_WHERE in lib/schema.h); fix, verify
 * and reopen are the transitions of defect_type (lib/rectype.c).
 */
#include "cmd.h"
#include "../lib/rectype.h"

static const char add_usage[] = "kam defect add title"
    DEFECT_FIELDS(REC_USAGE_ADD);
static const char list_usage[] = "kam defect list"
    DEFECT_WHERE(REC_USAGE_LIST);
static const char show_usage[] = "kam defect show D-n";
static const char set_usage[] = "kam defect set D-n"
    DEFECT_FIELDS(REC_USAGE_SET);
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

static const struct rec_opt add_opts[] = { DEFECT_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { DEFECT_FIELDS(REC_OPT_SET) };
static const struct rec_where list_where[] = { DEFECT_WHERE(REC_WHERE) };

static const struct rec_verb add = { .usage = add_usage,
	.rt = &defect_type, .kind = REC_ADD, .opts = add_opts,
	.nopts = ARRAY_SIZE(add_opts), .need = "a new defect needs --severity "
	"critical|major|minor and --subject (a record such as REQ-3 or T-2, "
	"or text)" };
static const struct rec_verb list = { .usage = list_usage,
	.rt = &defect_type, .kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where) };
static const struct rec_verb set = { .usage = set_usage,
	.rt = &defect_type, .kind = REC_SET, .opts = set_opts,
	.nopts = ARRAY_SIZE(set_opts) };
static const struct rec_verb show = { .usage = show_usage,
	.rt = &defect_type, .kind = REC_SHOW };
REC_FN(defect_add, add)
REC_FN(defect_list, list)
REC_FN(defect_show, show)
REC_FN(defect_set, set)

static int
move(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return defect_move(&c, k->verb, k->argv[0], o->rework, o->date);
}
KAM_VERB_RUN(defect_fix, FIX_OPTS, move, { 0 })
KAM_VERB_RUN(defect_verify, VERIFY_OPTS, move, { 0 })
KAM_VERB_RUN(defect_reopen, REOPEN_OPTS, move, { 0 })

const struct verb defect_verbs[] = {
	{ "add", defect_add, NEED_PROJECT | WRITES, add_usage,
	    DEFECT_FIELDS(REC_COMPLETE_ADD), "record a new defect (open)" },
	VERB("fix", defect_fix, NEED_PROJECT | WRITES, "an open defect is fixed"),
	{ "list", defect_list, NEED_PROJECT, list_usage,
	    DEFECT_WHERE(REC_COMPLETE_LIST), "list defects" },
	VERB("reopen", defect_reopen, NEED_PROJECT | WRITES,
	    "a fixed or verified defect is back"),
	{ "set", defect_set, NEED_PROJECT | WRITES, set_usage,
	    DEFECT_FIELDS(REC_COMPLETE_SET),
	    "edit a defect's title, severity, subject or date found" },
	{ "show", defect_show, NEED_PROJECT, show_usage, "",
	    "show one defect" },
	VERB("verify", defect_verify, NEED_PROJECT | WRITES,
	    "the fix of a defect is verified (closes it)"),
};
const size_t defect_nverbs = ARRAY_SIZE(defect_verbs);
