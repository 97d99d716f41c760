/*
 * goal.c: kam goal — the project's goals, their targets and how far the
 * project has come (SPEC §3 "Goals and scope").  The verbs are the generic
 * ones of lib/record.c (GOAL_FIELDS, GOAL_WHERE in lib/schema.h); the
 * status an actual value gives is goal_type's rule (lib/rectype.c, with
 * the arithmetic in lib/reqflow.c).
 */
#include "cmd.h"
#include "../lib/rectype.h"

static const char add_usage[] = "kam goal add title"
    GOAL_FIELDS(REC_USAGE_ADD);
static const char set_usage[] = "kam goal set G-n"
    GOAL_FIELDS(REC_USAGE_SET);
static const char list_usage[] = "kam goal list" GOAL_WHERE(REC_USAGE_LIST);

static const struct rec_opt add_opts[] = { GOAL_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { GOAL_FIELDS(REC_OPT_SET) };
static const struct rec_where list_where[] = { GOAL_WHERE(REC_WHERE) };

static const struct rec_verb add = { .usage = add_usage, .rt = &goal_type,
	.kind = REC_ADD, .opts = add_opts, .nopts = ARRAY_SIZE(add_opts) };
static const struct rec_verb set = { .usage = set_usage, .rt = &goal_type,
	.kind = REC_SET, .opts = set_opts, .nopts = ARRAY_SIZE(set_opts) };
static const struct rec_verb list = { .usage = list_usage, .rt = &goal_type,
	.kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where) };
REC_FN(goal_add, add)
REC_FN(goal_set, set)
REC_FN(goal_list, list)

const struct verb goal_verbs[] = {
	{ "add", goal_add, NEED_PROJECT | WRITES, add_usage,
	    GOAL_FIELDS(REC_COMPLETE_ADD), "record a project goal" },
	{ "list", goal_list, NEED_PROJECT, list_usage,
	    GOAL_WHERE(REC_COMPLETE_LIST),
	    "goals with progress toward their targets" },
	{ "set", goal_set, NEED_PROJECT | WRITES, set_usage,
	    GOAL_FIELDS(REC_COMPLETE_SET),
	    "record an actual value or edit a goal" },
};
const size_t goal_nverbs = ARRAY_SIZE(goal_verbs);
