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
static const char fix_usage[] =
    "kam defect fix D-n [--rework hours] [--date date]";
static const char verify_usage[] = "kam defect verify D-n [--date date]";
static const char reopen_usage[] = "kam defect reopen D-n";
static const char list_usage[] = "kam defect list"
    DEFECT_WHERE(REC_USAGE_LIST);
static const char show_usage[] = "kam defect show D-n";
static const char set_usage[] = "kam defect set D-n"
    DEFECT_FIELDS(REC_USAGE_SET);

static const struct rec_opt add_opts[] = { DEFECT_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { DEFECT_FIELDS(REC_OPT_SET) };
static const struct rec_opt move_opts[] = {
	{ DEFECT_REWORK, "rework", REC_OPT, 0, "hours", "hours of rework" },
	{ DEFECT_CLOSED, "date", REC_OPT, 0, "date", "when it happened" },
};
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

/* fix, verify and reopen: fix takes both options, verify --date only. */
static int
move(int argc, char **argv, struct kam *k, const char *verb,
    const char *usage, size_t first, size_t nopts)
{
	struct rec_ctx c = { &k->p, k->fmt, k->no_commit, k->msg,
	    k->no_verify };
	struct rec_args a;

	if (rec_parse(move_opts + first, nopts, argc, argv, usage, 1,
	    &a) == -1)
		return -1;
	return defect_move(&c, verb, a.operand, first == 0 ? a.val[0] : NULL,
	    nopts == 0 ? NULL : a.val[nopts - 1]);
}

static int
defect_fix(int argc, char **argv, struct kam *k)
{
	return move(argc, argv, k, "fix", fix_usage, 0, 2);
}

static int
defect_verify(int argc, char **argv, struct kam *k)
{
	return move(argc, argv, k, "verify", verify_usage, 1, 1);
}

static int
defect_reopen(int argc, char **argv, struct kam *k)
{
	return move(argc, argv, k, "reopen", reopen_usage, 2, 0);
}

const struct verb defect_verbs[] = {
	{ "add", defect_add, NEED_PROJECT | WRITES, add_usage,
	    DEFECT_FIELDS(REC_COMPLETE_ADD), "record a new defect (open)" },
	{ "fix", defect_fix, NEED_PROJECT | WRITES, fix_usage,
	    "--rework= --date=", "an open defect is fixed" },
	{ "list", defect_list, NEED_PROJECT, list_usage,
	    DEFECT_WHERE(REC_COMPLETE_LIST), "list defects" },
	{ "reopen", defect_reopen, NEED_PROJECT | WRITES, reopen_usage, "",
	    "a fixed or verified defect is back" },
	{ "set", defect_set, NEED_PROJECT | WRITES, set_usage,
	    DEFECT_FIELDS(REC_COMPLETE_SET),
	    "edit a defect's title, severity, subject or date found" },
	{ "show", defect_show, NEED_PROJECT, show_usage, "",
	    "show one defect" },
	{ "verify", defect_verify, NEED_PROJECT | WRITES, verify_usage,
	    "--date=", "the fix of a defect is verified (closes it)" },
};
const size_t defect_nverbs = ARRAY_SIZE(defect_verbs);
