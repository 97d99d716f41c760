/*
 * lesson.c: kam lesson — lessons learned (SPEC §3 "Evaluation and
 * lessons"): what to keep doing and what to improve, by area, with the
 * action taken.  The verbs are the generic ones of lib/record.c; fields
 * and filters are declared in lib/schema.h (LESSON_FIELDS, LESSON_WHERE).
 */
#include "cmd.h"
#include "../lib/rectype.h"

REC_FIELDS_VERB(lesson_add, "add", "record a lesson learned", ADD, ADD,
    "kam lesson add text", LESSON_FIELDS, .rt = &lesson_type,
    .need = "a lesson needs --kind keep (what went "
    "well) or --kind improve (what to do better)")
REC_LIST_VERB(lesson_list, "list", "lessons, filtered", "kam lesson list",
    LESSON_WHERE, .rt = &lesson_type)
REC_FIELDS_VERB(lesson_set, "set", "edit a lesson", SET, SET,
    "kam lesson set L-n", LESSON_FIELDS, .rt = &lesson_type)

const struct verb *const lesson_verbs[] = {
	&lesson_add_verb, &lesson_list_verb, &lesson_set_verb, NULL
};
