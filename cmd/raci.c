/*
 * raci.c: kam raci — the responsibility matrix (SPEC §3 "People,
 * stakeholders, team, RACI").
 *
 * raci.csv has no ids: a row is keyed by activity + person and holds that
 * person's role (R responsible, A accountable, C consulted, I informed).
 * An activity is any kam id (stored canonical, so that kam renumber finds
 * it) or free text.  `raci show` flags the activities that break the rule
 * kam check applies (lib/health.c, raci-accountable/raci-responsible):
 * exactly one A and at least one R per activity.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/records.h"
#include "../lib/rectype.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	int		 remove;
};
#define SET_OPTS(O)							\
	O(CMD, "kam raci set")						\
	O(FLAG, OPT, "", "remove", remove, "remove the person's role")	\
	O(ARG, "activity P-n [R|A|C|I]")
#define SHOW_OPTS(O)	O(CMD, "kam raci show") O(ARG, "[activity]")

KAM_VERB(raci_set, "set", NEED_PROJECT | WRITES,
    "give a person a role in an activity, or --remove it", SET_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	if (k->argc != (o->remove ? 2 : 3))
		return popt_usage(raci_set_popt);
	return raci_assign(&c, k->argv[0], k->argv[1], o->remove ? NULL :
	    k->argv[2]);
}

/* ---- show ---- */

/* What is wrong with one activity, "" when nothing (buf: 64 bytes). */
static const char *
problems(size_t na, size_t nr, char *buf)
{
	buf[0] = '\0';
	if (na == 0)
		snprintf(buf, 64, "no A");
	else if (na > 1)
		snprintf(buf, 64, "%zu A (one needed)", na);
	if (nr == 0)
		snprintf(buf + strlen(buf), 64 - strlen(buf), "%sno R",
		    buf[0] != '\0' ? ", " : "");
	return buf;
}

struct show {
	const struct table	*raci, *people;
	char			(*why)[64];	/* per row of raci */
};

static const char *
d_name(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct show *sh = arg;
	const struct row *p = table_find(sh->people, table_get(t, r,
	    RACI_PERSON));

	(void)buf;
	return p != NULL ? table_get(sh->people, p, PERSON_NAME) : NULL;
}

static const char *
d_problems(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct show *sh = arg;

	(void)t;
	(void)buf;
	return sh->why[r - sh->raci->rows];
}

static const char *
d_ok(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)buf;
	return d_problems(t, r, buf, arg)[0] == '\0' ? "true" : "false";
}

/* Person ids by number (qsort). */
static int
cmp_person(const void *a, const void *b)
{
	return id_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* The matrix for a terminal: activities down, people across. */
static void
print_matrix(const struct table *raci, const struct table *people,
    struct row *const *rows, size_t n, char (*why)[64])
{
	struct out o = OUT_INIT;
	struct out_col *cols;
	const char **who, **cells, *prev;
	size_t i, j, np = 0, c;

	who = xcalloc(n + 1, sizeof(*who));
	for (i = 0; i < n; i++) {
		const char *p = table_get(raci, rows[i], RACI_PERSON);

		for (j = 0; j < np; j++)
			if (strcmp(who[j], p) == 0)
				break;
		if (j == np)
			who[np++] = p;
	}
	qsort(who, np, sizeof(*who), cmp_person);
	cols = xcalloc(np + 2, sizeof(*cols));
	cells = xcalloc(np + 2, sizeof(*cells));
	cols[0].name = "activity";
	for (j = 0; j < np; j++)
		cols[j + 1].name = who[j];
	cols[np + 1].name = "problems";
	out_begin(&o, FMT_TABLE, cols, np + 2);
	for (i = 0; i < n; i = j) {
		prev = table_get(raci, rows[i], RACI_ACTIVITY);
		for (c = 0; c < np + 2; c++)
			cells[c] = NULL;
		cells[0] = prev;
		cells[np + 1] = why[rows[i] - raci->rows];
		for (j = i; j < n && strcmp(table_get(raci, rows[j],
		    RACI_ACTIVITY), prev) == 0; j++)
			for (c = 0; c < np; c++)
				if (strcmp(who[c], table_get(raci, rows[j],
				    RACI_PERSON)) == 0)
					cells[c + 1] = table_get(raci, rows[j],
					    RACI_ROLE);
		out_row(&o, cells);
	}
	out_end(&o);
	/* Who the column heads are. */
	if (np > 0) {
		static const struct out_col key[] = {
			{ "person", OT_TEXT }, { "name", OT_TEXT } };
		const char *kc[2];

		putchar('\n');
		out_begin(&o, FMT_TABLE, key, 2);
		for (j = 0; j < np; j++) {
			const struct row *p = table_find(people, who[j]);

			kc[0] = who[j];
			kc[1] = p != NULL ? table_get(people, p,
			    PERSON_NAME) : NULL;
			out_row(&o, kc);
		}
		out_end(&o);
	}
	free(cells);
	free(cols);
	free(who);
}

KAM_VERB0(raci_show, "show", NEED_PROJECT,
    "the matrix, with activities lacking one A or any R", SHOW_OPTS)
{
	static const struct derived d[] = {
		{ "name", OT_TEXT, d_name },
		{ "ok", OT_BOOL, d_ok },
		{ "problems", OT_TEXT, d_problems },
	};
	static const char *const brief[] = { "activity", "person", "name",
		"role", "problems", NULL };
	struct table raci = TABLE_INIT, people = TABLE_INIT;
	struct row **rows = NULL;
	struct show sh;
	char *act = NULL, (*why)[64] = NULL, buf[64];
	size_t i, j, g, n = 0, na, nr;
	int is_id, ret = -1;

	if (k->argc > 0 && raci_activity_arg(k->argv[0], &act, &is_id) == -1)
		return -1;
	if (store_load(&k->p, NULL, &schema_raci, &raci) == -1 ||
	    store_load(&k->p, NULL, &schema_people, &people) == -1)
		goto out;
	table_sort(&raci);
	rows = xcalloc(raci.nrows + 1, sizeof(*rows));
	why = xcalloc(raci.nrows + 1, sizeof(*why));
	for (i = 0; i < raci.nrows; i++)
		if (act == NULL || strcmp(table_get(&raci, &raci.rows[i],
		    RACI_ACTIVITY), act) == 0)
			rows[n++] = &raci.rows[i];
	if (act != NULL && n == 0) {
		kam_err(KAM_EX_DATA, "raci.csv has no entry for activity '%s'",
		    act);
		goto out;
	}
	/* Rows are sorted by activity: count each run's A and R. */
	for (i = 0; i < n; i = j) {
		const char *a = table_get(&raci, rows[i], RACI_ACTIVITY);

		na = nr = 0;
		for (j = i; j < n && strcmp(table_get(&raci, rows[j],
		    RACI_ACTIVITY), a) == 0; j++) {
			na += strcmp(table_get(&raci, rows[j], RACI_ROLE),
			    "A") == 0;
			nr += strcmp(table_get(&raci, rows[j], RACI_ROLE),
			    "R") == 0;
		}
		problems(na, nr, buf);
		for (g = i; g < j; g++)
			memcpy(why[rows[g] - raci.rows], buf, sizeof(buf));
	}
	if (k->fmt == FMT_JSON || k->fmt == FMT_CSV || k->fmt == FMT_MD) {
		sh.raci = &raci;
		sh.people = &people;
		sh.why = why;
		records_print(k->fmt, &raci, rows, n, brief, d, ARRAY_SIZE(d),
		    &sh);
	} else
		print_matrix(&raci, &people, rows, n, why);
	ret = 0;
out:
	free(act);
	free(rows);
	free(why);
	table_release(&raci);
	table_release(&people);
	return ret;
}

const struct verb *const raci_verbs[] = {
	&raci_set_verb, &raci_show_verb, NULL
};
