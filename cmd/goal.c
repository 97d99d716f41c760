/*
 * goal.c: kam goal — the project's goals, their targets and how far the
 * project has come (SPEC §3 "Goals and scope").  The verbs are the generic
 * ones of lib/record.c (GOAL_FIELDS, GOAL_WHERE in lib/schema.h); the
 * status an actual value gives is goal_type's rule (lib/rectype.c, with
 * the arithmetic in lib/reqflow.c).
 */
#include "cmd.h"
#include "../lib/rectype.h"

REC_FIELDS_VERB(goal_add, "add", "record a project goal", ADD, ADD,
    "kam goal add title", GOAL_FIELDS, .rt = &goal_type)
REC_FIELDS_VERB(goal_set, "set", "record an actual value or edit a goal", SET,
    SET, "kam goal set G-n", GOAL_FIELDS, .rt = &goal_type)
REC_LIST_VERB(goal_list, "list", "goals with progress toward their targets",
    "kam goal list", GOAL_WHERE, .rt = &goal_type)

const struct verb *const goal_verbs[] = {
	&goal_add_verb, &goal_list_verb, &goal_set_verb, NULL
};
