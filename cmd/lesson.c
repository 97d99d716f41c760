/*
 * lesson.c: kam lesson — lessons learned (SPEC §3 "Evaluation and
 * lessons"): what to keep doing and what to improve, by area, with the
 * action taken.  The verbs are the generic ones of lib/record.c; fields
 * and filters are declared in lib/schema.h (LESSON_FIELDS, LESSON_WHERE).
 */
#include "cmd.h"
#include "../lib/rectype.h"

static const char add_usage[] = "kam lesson add text"
    LESSON_FIELDS(REC_USAGE_ADD);
static const char list_usage[] = "kam lesson list"
    LESSON_WHERE(REC_USAGE_LIST);
static const char set_usage[] = "kam lesson set L-n"
    LESSON_FIELDS(REC_USAGE_SET);

static const struct rec_opt add_opts[] = { LESSON_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { LESSON_FIELDS(REC_OPT_SET) };
static const struct rec_where list_where[] = { LESSON_WHERE(REC_WHERE) };

static const struct rec_verb add = { .usage = add_usage, .rt = &lesson_type,
	.kind = REC_ADD, .opts = add_opts, .nopts = ARRAY_SIZE(add_opts),
	.need = "a lesson needs --kind keep (what went well) or --kind "
	"improve (what to do better)" };
static const struct rec_verb list = { .usage = list_usage,
	.rt = &lesson_type, .kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where) };
static const struct rec_verb set = { .usage = set_usage,
	.rt = &lesson_type, .kind = REC_SET, .opts = set_opts,
	.nopts = ARRAY_SIZE(set_opts) };
REC_FN(lesson_add, add)
REC_FN(lesson_set, set)
REC_FN(lesson_list, list)

const struct verb lesson_verbs[] = {
	{ "add", lesson_add, NEED_PROJECT | WRITES, add_usage,
	    LESSON_FIELDS(REC_COMPLETE_ADD), "record a lesson learned" },
	{ "list", lesson_list, NEED_PROJECT, list_usage,
	    LESSON_WHERE(REC_COMPLETE_LIST), "lessons, filtered" },
	{ "set", lesson_set, NEED_PROJECT | WRITES, set_usage,
	    LESSON_FIELDS(REC_COMPLETE_SET), "edit a lesson" },
};
const size_t lesson_nverbs = ARRAY_SIZE(lesson_verbs);
