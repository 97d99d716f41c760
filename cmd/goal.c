/*
 * goal.c: kam goal — the project's goals, their targets and how far the
 * project has come (SPEC §3 "Goals and scope").
 *
 * A goal measures a metric from a baseline toward a target by a due
 * date.  When an actual value is recorded, kam works out the status
 * (met, missed, or still open before the due date) from the direction
 * baseline -> target, unless a status is given explicitly (dropped, or a
 * judgement for a metric that is not a number).  The arithmetic is in
 * lib/reqflow.c.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/records.h"
#include "../lib/reqflow.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char add_usage[] =
    "kam goal add title [--metric text] [--baseline x] [--target y] "
    "[--actual z] [--due date]";
static const char set_usage[] =
    "kam goal set G-n [--title text] [--metric text] [--baseline x] "
    "[--target y] [--actual z] [--due date] "
    "[--status open|met|missed|dropped]";
static const char list_usage[] =
    "kam goal list [--status open|met|missed|dropped]";

static const struct option field_opts[] = {
	{ "title", required_argument, NULL, 't' },
	{ "metric", required_argument, NULL, 'm' },
	{ "baseline", required_argument, NULL, 'b' },
	{ "target", required_argument, NULL, 'T' },
	{ "actual", required_argument, NULL, 'a' },
	{ "due", required_argument, NULL, 'd' },
	{ "status", required_argument, NULL, 's' },
	{ NULL, 0, NULL, 0 }
};

static const char *const brief[] = { "id", "title", "metric", "baseline",
	"target", "actual", "progress", "due", "status", NULL };

struct setting {
	const char	*col, *val;
};

static const char *
d_progress(const struct table *t, const struct row *r, char *buf, void *arg)
{
	long pct;

	(void)arg;
	if (goal_progress(table_get(t, r, GOAL_BASELINE), table_get(t, r,
	    GOAL_TARGET),
	    table_get(t, r, GOAL_ACTUAL), &pct) == -1)
		return NULL;
	snprintf(buf, 64, "%ld", pct);
	return buf;
}

static const struct derived goal_derived[] = {
	{ "progress", OT_NUM, d_progress },
};

/* Collect the options; `with_title` says whether --title and --status
 * are allowed (set) or not (add: the title is the operand). */
static int
collect(int argc, char **argv, const char *usage, int with_title,
    struct setting *set, size_t *nset)
{
	int ch, err = 0;
	size_t i;

	*nset = 0;
	while ((ch = kam_getopt(argc, argv, "", field_opts, usage, &err)) != -1) {
		for (i = 0; field_opts[i].name != NULL; i++)
			if (field_opts[i].val == ch)
				break;
		if (!with_title && (ch == 't' || ch == 's')) {
			kam_err(KAM_EX_USAGE, "unknown option '--%s'",
			    field_opts[i].name);
			fprintf(stderr, "usage: %s\n", usage);
			return -1;
		}
		if (*nset == 16)
			return kam_err(KAM_EX_USAGE, "too many options");
		set[*nset].col = field_opts[i].name;
		set[(*nset)++].val = optarg;
	}
	return err ? -1 : 0;
}

/*
 * Apply the settings to goal r and work out its status: an explicit
 * --status wins; otherwise, when the actual value or what it is measured
 * against changed, a goal that is not dropped gets the status its actual
 * value gives (open again when the actual is unset).
 */
static int
apply(struct kam *k, struct table *goals, struct row *r,
    const struct setting *set, size_t nset)
{
	const char *st = NULL, *now;
	size_t i;
	int measured = 0;

	for (i = 0; i < nset; i++) {
		if (strcmp(set[i].col, "status") == 0) {
			if (*set[i].val == '\0')
				return kam_err(KAM_EX_USAGE, "--status: must not "
				    "be empty (expected open, met, missed or "
				    "dropped)");
			st = set[i].val;
		} else if (strcmp(set[i].col, "title") != 0 &&
		    strcmp(set[i].col, "metric") != 0)
			measured = 1;
		if (store_set_arg(goals, r, set[i].col, set[i].val,
		    set[i].col) == -1)
			return -1;
	}
	now = table_get(goals, r, GOAL_STATUS);
	if (st != NULL || !measured || strcmp(now, "dropped") == 0)
		return 0;
	if (*table_get(goals, r, GOAL_ACTUAL) == '\0') {
		table_set(goals, r, GOAL_STATUS, "open");
		return 0;
	}
	st = goal_status(table_get(goals, r, GOAL_BASELINE),
	    table_get(goals, r, GOAL_TARGET), table_get(goals, r, GOAL_ACTUAL),
	    table_get(goals, r, GOAL_DUE), k->p.today);
	if (st != NULL)
		table_set(goals, r, GOAL_STATUS, st);
	else
		fprintf(stderr, "kam: note: %s: actual '%s' cannot be measured "
		    "against target '%s'; status stays %s (give --status met "
		    "or --status missed)\n", table_get(goals, r, GOAL_ID),
		    table_get(goals, r, GOAL_ACTUAL), table_get(goals, r,
		    GOAL_TARGET),
		    now);
	return 0;
}

static int
goal_add(int argc, char **argv, struct kam *k)
{
	struct table goals = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[16];
	size_t nset;
	struct row *r;
	char id[32];
	int ret = -1;

	if (collect(argc, argv, add_usage, 0, set, &nset) == -1)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_goals, &goals) == -1)
		goto out;
	r = table_add(&goals);
	table_set(&goals, r, GOAL_STATUS, "open");
	if (store_set_arg(&goals, r, "title", argv[optind], "title") == -1 ||
	    apply(k, &goals, r, set, nset) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&goals, r, GOAL_ID));
	store_put(&tx, &goals);
	if (kam_tx_commit(k, &tx, "goal add", id, table_get(&goals, r,
	    GOAL_TITLE)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&goals);
	return ret;
}

static int
goal_set(int argc, char **argv, struct kam *k)
{
	struct table goals = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[16];
	size_t nset;
	struct row *r;
	int ret = -1;

	if (collect(argc, argv, set_usage, 1, set, &nset) == -1)
		return -1;
	if (argc - optind != 1 || nset == 0)
		return kam_usage(set_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_goals, &goals) == -1 ||
	    (r = store_lookup(&goals, argv[optind])) == NULL ||
	    apply(k, &goals, r, set, nset) == -1)
		goto out;
	if (kam_tx_commit_row(k, &tx, "goal set", &goals, r) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&goals);
	return ret;
}

static int
goal_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 }
	};
	struct table goals = TABLE_INIT;
	struct row **rows = NULL;
	const char *status = NULL;
	size_t i, n = 0;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1) {
		if (strcmp(optarg, "open") != 0 && strcmp(optarg, "met") != 0 &&
		    strcmp(optarg, "missed") != 0 &&
		    strcmp(optarg, "dropped") != 0)
			return kam_err(KAM_EX_USAGE, "--status: expected open, "
			    "met, missed or dropped, not '%s'", optarg);
		status = optarg;
	}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (store_load(&k->p, NULL, &schema_goals, &goals) == -1)
		goto out;
	table_sort(&goals);
	rows = xcalloc(goals.nrows + 1, sizeof(*rows));
	for (i = 0; i < goals.nrows; i++)
		if (status == NULL || strcmp(table_get(&goals,
		    &goals.rows[i], GOAL_STATUS), status) == 0)
			rows[n++] = &goals.rows[i];
	records_print(k->fmt, &goals, rows, n, brief, goal_derived,
	    ARRAY_SIZE(goal_derived), NULL);
	ret = 0;
out:
	free(rows);
	table_release(&goals);
	return ret;
}

#define FIELD_OPTS "--metric= --baseline= --target= --actual= --due="
const struct verb goal_verbs[] = {
	{ "add", goal_add, NEED_PROJECT | WRITES, add_usage, FIELD_OPTS,
	    "record a project goal" },
	{ "list", goal_list, NEED_PROJECT, list_usage, "--status=",
	    "goals with progress toward their targets" },
	{ "set", goal_set, NEED_PROJECT | WRITES, set_usage,
	    FIELD_OPTS " --title= --status=",
	    "record an actual value or edit a goal" },
};
const size_t goal_nverbs = ARRAY_SIZE(goal_verbs);
