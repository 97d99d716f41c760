/*
 * lesson.c: kam lesson — lessons learned (SPEC §3 "Evaluation and
 * lessons"): what to keep doing and what to improve, by area, with the
 * action taken.  The verbs are the generic ones of lib/record.c; fields
 * and filters are declared in lib/schema.h (LESSON_FIELDS, LESSON_WHERE).
 */
#include "cmd.h"
#include "../lib/rectype.h"

REC_FIELDS_VERB(lesson_add, ADD, ADD, "kam lesson add text", LESSON_FIELDS,
    .rt = &lesson_type, .need = "a lesson needs --kind keep (what went "
    "well) or --kind improve (what to do better)")
REC_LIST_VERB(lesson_list, "kam lesson list", LESSON_WHERE,
    .rt = &lesson_type)
REC_FIELDS_VERB(lesson_set, SET, SET, "kam lesson set L-n", LESSON_FIELDS,
    .rt = &lesson_type)

const struct verb lesson_verbs[] = {
	VERB("add", lesson_add, NEED_PROJECT | WRITES, "record a lesson learned"),
	VERB("list", lesson_list, NEED_PROJECT, "lessons, filtered"),
	VERB("set", lesson_set, NEED_PROJECT | WRITES, "edit a lesson"),
};
const size_t lesson_nverbs = ARRAY_SIZE(lesson_verbs);
