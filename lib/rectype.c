/*
 * rectype.c: the record types of the families on the generic verbs
 * (rectype.h).
 */
#include "rectype.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* kam lesson: what to keep doing and what to improve (SPEC §3
 * "Evaluation and lessons"). */
static const char *const lesson_brief[] = { "id", "date", "area", "kind",
	"lesson", "action", NULL };
static const int lesson_search[] = { LESSON_LESSON, LESSON_ACTION,
	LESSON_AREA, -1 };
const struct rec_type lesson_type = {
	.s = &schema_lessons, .family = "lesson", .title_col = LESSON_LESSON,
	.status_col = -1, .owner_col = -1, .due_col = -1,
	.raised_col = LESSON_DATE, .brief = lesson_brief, .operand = "text",
	.past = "a lesson when it has been learned", .search = lesson_search,
};

/* kam scope: what the project delivers and what it does not (SPEC §3
 * "Goals and scope"). */
const struct rec_type scope_type = {
	.s = &schema_scope, .family = "scope", .title_col = SCOPE_ITEM,
	.status_col = -1, .owner_col = -1, .due_col = -1, .raised_col = -1,
};
