/*
 * people.c: kam people — stakeholders and team (SPEC §3 "People").  add,
 * set, list and show are the generic verbs of lib/record.c (PERSON_FIELDS,
 * PERSON_WHERE in lib/schema.h); map, the stakeholder grid, is its own.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/derive.h"
#include "../lib/rectype.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

#define MAP_OPTS(O)	O(CMD, "kam people map")

REC_FIELDS_VERB(people_add, "add", "add a stakeholder or team member", ADD,
    ADD, "kam people add name", PERSON_FIELDS, .rt = &people_type)
REC_FIELDS_VERB(people_set, "set", "change a person's fields", SET, SET,
    "kam people set P-n", PERSON_FIELDS, .rt = &people_type)
REC_LIST_VERB(people_list, "list", "list people", "kam people list",
    PERSON_WHERE, .rt = &people_type)
REC_VERB(people_show, "show", "show one person", SHOW, "kam people show P-n",
    .rt = &people_type)

/* The grid's quadrant of a person (lib/derive.c). */
static const char *
quadrant(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)buf;
	(void)arg;
	return person_quadrant(t, r);
}

/* By quadrant, then id (qsort_r; arg is the people table). */
static int
cmp_quad(const void *a, const void *b, void *arg)
{
	const struct table *t = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	char buf[64];
	int c = person_quadrant_rank(quadrant(t, x, buf, NULL)) -
	    person_quadrant_rank(quadrant(t, y, buf, NULL));

	return c != 0 ? c : (x->num < y->num ? -1 : x->num > y->num);
}

KAM_VERB0(people_map, "map", NEED_PROJECT,
    "stakeholder grid by influence and interest", MAP_OPTS)
{
	static const struct derived d[] = { { "quadrant", OT_TEXT, quadrant } };
	static const char *const cols[] = { "quadrant", "id", "name", "side",
	    "role", "influence", "interest", NULL };
	struct table t = TABLE_INIT;
	struct row **rows;
	size_t i;

	if (store_load(&k->p, NULL, &schema_people, &t) == -1) {
		table_release(&t);	/* a failed load may hold some rows */
		return -1;
	}
	rows = xcalloc(t.nrows + 1, sizeof(*rows));
	for (i = 0; i < t.nrows; i++)
		rows[i] = &t.rows[i];
	qsort_r(rows, t.nrows, sizeof(*rows), cmp_quad, &t);
	records_print(k->fmt, &t, rows, t.nrows, cols, d, 1, NULL);
	free(rows);
	table_release(&t);
	return 0;
}

const struct verb *const people_verbs[] = {
	&people_add_verb, &people_list_verb, &people_map_verb,
	&people_set_verb, &people_show_verb, NULL
};
