/*
 * people.c: kam people — stakeholders and team (SPEC §3 "People").
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char add_usage[] =
    "kam people add name [--side client|team|partner] [--role r] [--org o] "
    "[--email e] [--skills list] [--capacity pct] [--rate money] "
    "[--influence 1-5] [--interest 1-5]";
static const char set_usage[] =
    "kam people set P-n [--name n] [--side s] [--role r] [--org o] "
    "[--email e] [--skills list] [--capacity pct] [--rate money] "
    "[--influence 1-5] [--interest 1-5]";
static const char list_usage[] = "kam people list [--side client|team|partner]";
static const char show_usage[] = "kam people show P-n";
static const char map_usage[] = "kam people map";

static const struct option field_opts[] = {
	{ "name", required_argument, NULL, 'n' },
	{ "side", required_argument, NULL, 's' },
	{ "role", required_argument, NULL, 'r' },
	{ "org", required_argument, NULL, 'o' },
	{ "email", required_argument, NULL, 'e' },
	{ "skills", required_argument, NULL, 'k' },
	{ "capacity", required_argument, NULL, 'c' },
	{ "rate", required_argument, NULL, 'R' },
	{ "influence", required_argument, NULL, 'f' },
	{ "interest", required_argument, NULL, 'i' },
	{ NULL, 0, NULL, 0 }
};

/* The options as messages name them, in field_opts order. */
static const char *const field_labels[] = { "--name", "--side", "--role",
	"--org", "--email", "--skills", "--capacity", "--rate", "--influence",
	"--interest" };

static const char *const brief[] = { "id", "name", "side", "org", "role",
	"email", "capacity", "influence", "interest", NULL };

struct setting {
	const char	*col, *opt, *val;
};

/* Collect the field options of argv (getopt permutes the operands to the
 * end, so the id or name is argv[optind] afterwards). */
static int
collect(int argc, char **argv, const char *usage, struct setting *set,
    int *nset)
{
	int ch, err = 0;
	size_t i;

	*nset = 0;
	while ((ch = kam_getopt(argc, argv, "", field_opts, usage, &err)) != -1) {
		for (i = 0; field_opts[i].name != NULL; i++)
			if (field_opts[i].val == ch)
				break;
		if (*nset == 32)
			return kam_err(KAM_EX_USAGE, "too many options");
		set[*nset].col = field_opts[i].name;
		set[*nset].opt = field_labels[i];
		set[(*nset)++].val = optarg;
	}
	return err ? -1 : 0;
}

static int
apply(struct table *t, struct row *r, const struct setting *set, int nset)
{
	int i;

	for (i = 0; i < nset; i++)
		if (store_set_arg(t, r, set[i].col, set[i].val, set[i].opt) == -1)
			return -1;
	return 0;
}

static int
people_add(int argc, char **argv, struct kam *k)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[32];
	struct row *r;
	char id[32];
	int nset, ret = -1;

	if (collect(argc, argv, add_usage, set, &nset) == -1)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &t) == -1)
		goto out;
	r = table_add(&t);
	table_set(&t, r, PERSON_SIDE, "team");
	if (store_set_arg(&t, r, "name", argv[optind], "name") == -1 ||
	    apply(&t, r, set, nset) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&t, r, PERSON_ID));
	store_put(&tx, &t);
	if (kam_tx_commit(k, &tx, "people add", id, argv[optind]) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}

static int
people_set(int argc, char **argv, struct kam *k)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[32];
	struct row *r;
	int nset, ret = -1;

	if (collect(argc, argv, set_usage, set, &nset) == -1)
		return -1;
	if (argc - optind != 1 || nset == 0)
		return kam_usage(set_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &t) == -1 ||
	    (r = store_lookup(&t, argv[optind])) == NULL ||
	    apply(&t, r, set, nset) == -1)
		goto out;
	if (kam_tx_commit_row(k, &tx, "people set", &t, r) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}

static int
people_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "side", required_argument, NULL, 's' }, { NULL, 0, NULL, 0 } };
	struct table t = TABLE_INIT;
	struct row **rows = NULL;
	const char *side = NULL, *why;
	size_t i, n = 0;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		side = optarg;
	if (err)
		return -1;
	if (side != NULL && table_check_value(&schema_people.cols[PERSON_SIDE],
	    2, side, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--side: invalid value '%s': %s",
		    side, why);
	if (optind != argc)
		return kam_usage(list_usage);
	if (store_load(&k->p, NULL, &schema_people, &t) == -1)
		goto out;
	table_sort(&t);
	rows = xcalloc(t.nrows + 1, sizeof(*rows));
	for (i = 0; i < t.nrows; i++)
		if (side == NULL || strcmp(table_get(&t, &t.rows[i],
		    PERSON_SIDE), side) == 0)
			rows[n++] = &t.rows[i];
	records_print(k->fmt, &t, rows, n, brief, NULL, 0, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&t);
	return ret;
}

static int
people_show(int argc, char **argv, struct kam *k)
{
	return kam_show_record(argc, argv, k, &schema_people, show_usage,
	    NULL, 0);
}

/* Mendelow's power/interest grid; 4-5 counts as high. */
static const char *
quadrant(const struct table *t, const struct row *r, char *buf, void *arg)
{
	long inf, intr;

	(void)buf;
	(void)arg;
	if (int_parse(table_get(t, r, PERSON_INFLUENCE), 1, 5, &inf,
	    NULL) == -1 ||
	    int_parse(table_get(t, r, PERSON_INTEREST), 1, 5, &intr,
	    NULL) == -1)
		return "unassessed";
	if (inf >= 4)
		return intr >= 4 ? "manage closely" : "keep satisfied";
	return intr >= 4 ? "keep informed" : "monitor";
}

static int
quad_rank(const char *q)
{
	static const char *const order[] = { "manage closely",
	    "keep satisfied", "keep informed", "monitor", "unassessed" };
	int i;

	for (i = 0; i < 5; i++)
		if (strcmp(order[i], q) == 0)
			return i;
	return 5;
}

static const struct table *map_table;

static int
cmp_quad(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	char buf[64];
	int c = quad_rank(quadrant(map_table, x, buf, NULL)) -
	    quad_rank(quadrant(map_table, y, buf, NULL));

	return c != 0 ? c : (x->num < y->num ? -1 : x->num > y->num);
}

static int
people_map(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	static const struct derived d[] = { { "quadrant", OT_TEXT, quadrant } };
	static const char *const cols[] = { "quadrant", "id", "name", "side",
	    "role", "influence", "interest", NULL };
	struct table t = TABLE_INIT;
	struct row **rows = NULL;
	size_t i;
	int err = 0, ret = -1;

	if (kam_getopt(argc, argv, "", none, map_usage, &err) != -1 || err)
		return -1;
	if (optind != argc)
		return kam_usage(map_usage);
	if (store_load(&k->p, NULL, &schema_people, &t) == -1)
		goto out;
	rows = xcalloc(t.nrows + 1, sizeof(*rows));
	for (i = 0; i < t.nrows; i++)
		rows[i] = &t.rows[i];
	map_table = &t;
	qsort(rows, t.nrows, sizeof(*rows), cmp_quad);
	records_print(k->fmt, &t, rows, t.nrows, cols, d, 1, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&t);
	return ret;
}

#define FIELDS "--side= --role= --org= --email= --skills= --capacity= " \
	"--rate= --influence= --interest="
const struct verb people_verbs[] = {
	{ "add", people_add, NEED_PROJECT | WRITES, add_usage, FIELDS,
	    "add a stakeholder or team member" },
	{ "list", people_list, NEED_PROJECT, list_usage, "--side=",
	    "list people" },
	{ "map", people_map, NEED_PROJECT, map_usage, "",
	    "stakeholder grid by influence and interest" },
	{ "set", people_set, NEED_PROJECT | WRITES, set_usage, FIELDS " --name=",
	    "change a person's fields" },
	{ "show", people_show, NEED_PROJECT, show_usage, "", "show one person" },
};
const size_t people_nverbs = ARRAY_SIZE(people_verbs);
