/*
 * risk.c: kam risk — the risk register (SPEC §3 "Risk management").
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/health.h"
#include "../lib/derive.h"
#include "../lib/issue.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char add_usage[] =
    "kam risk add title -p 1-5 -i 1-5 [--category c] [--owner P-n] "
    "[--strategy s] [--response text] [--trigger text] [--review date]";
static const char assess_usage[] =
    "kam risk assess R-n [-p 1-5] [-i 1-5] [--title t] [--category c] "
    "[--owner P-n] [--strategy s] [--response text] [--trigger text] "
    "[--review date]";
static const char list_usage[] =
    "kam risk list [--open] [--min-score n] [--owner P-n] [--category c] "
    "[--status s] [--sort score|id|review]";
static const char show_usage[] = "kam risk show R-n";
static const char close_usage[] = "kam risk close R-n";
static const char occur_usage[] = "kam risk occur R-n";
static const char matrix_usage[] = "kam risk matrix [--all]";
static const char review_usage[] = "kam risk review";

/* Options shared by add and assess: long name, short, column. */
static const struct option field_opts[] = {
	{ "probability", required_argument, NULL, 'p' },
	{ "impact", required_argument, NULL, 'i' },
	{ "title", required_argument, NULL, 't' },
	{ "category", required_argument, NULL, 'c' },
	{ "owner", required_argument, NULL, 'o' },
	{ "strategy", required_argument, NULL, 's' },
	{ "response", required_argument, NULL, 'r' },
	{ "trigger", required_argument, NULL, 'g' },
	{ "review", required_argument, NULL, 'v' },
	{ NULL, 0, NULL, 0 }
};

/* The options as messages name them, in field_opts order. */
static const char *const field_labels[] = { "--probability", "--impact",
	"--title", "--category", "--owner", "--strategy", "--response",
	"--trigger", "--review" };

struct setting {
	const char	*col, *opt, *val;
};
#define MAX_SETTINGS	16	/* size of every struct setting array */

static int
collect(int argc, char **argv, const char *usage, struct setting *set,
    size_t *nset)
{
	int ch, err = 0;
	size_t i;

	*nset = 0;
	while ((ch = kam_getopt(argc, argv, "p:i:", field_opts, usage,
	    &err)) != -1) {
		for (i = 0; field_opts[i].name != NULL; i++)
			if (field_opts[i].val == ch)
				break;
		if (*nset == MAX_SETTINGS)
			return kam_err(KAM_EX_USAGE, "too many options");
		set[*nset].col = field_opts[i].name;
		set[*nset].opt = ch == 'p' ? "-p" : ch == 'i' ? "-i" :
		    field_labels[i];
		set[*nset].val = optarg;
		(*nset)++;
	}
	return err ? -1 : 0;
}

static int
apply(struct table *risks, struct table *people, struct row *r,
    const struct setting *set, size_t nset)
{
	size_t i;

	for (i = 0; i < nset; i++) {
		if (strcmp(set[i].col, "owner") == 0 && *set[i].val != '\0' &&
		    store_lookup(people, set[i].val) == NULL)
			return -1;
		if (store_set_arg(risks, r, set[i].col, set[i].val,
		    set[i].opt) == -1)
			return -1;
	}
	return 0;
}

static const char *
d_score(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)arg;
	snprintf(buf, 64, "%ld", risk_score(t, r));
	return buf;
}

static const char *
d_level(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)buf;
	(void)arg;
	return risk_level(risk_score(t, r));
}

static const struct derived risk_derived[] = {
	{ "score", OT_NUM, d_score },
	{ "level", OT_TEXT, d_level },
};

static const char *const brief[] = { "id", "title", "category", "probability",
	"impact", "score", "level", "owner", "status", "review", NULL };

static int
risk_add(int argc, char **argv, struct kam *k)
{
	struct table risks = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[MAX_SETTINGS];
	size_t nset, i;
	struct row *r;
	char today[11], id[32];
	int have_p = 0, have_i = 0, ret = -1;

	if (collect(argc, argv, add_usage, set, &nset) == -1)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	for (i = 0; i < nset; i++) {
		have_p |= strcmp(set[i].col, "probability") == 0;
		have_i |= strcmp(set[i].col, "impact") == 0;
		if (strcmp(set[i].col, "title") == 0)
			return kam_err(KAM_EX_USAGE, "kam risk add takes the "
			    "title as its argument, not --title");
	}
	if (!have_p || !have_i)
		return kam_err(KAM_EX_USAGE, "a new risk needs -p (probability "
		    "1-5) and -i (impact 1-5)");
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_risks, &risks) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1)
		goto out;
	r = table_add(&risks);
	if (store_set_arg(&risks, r, "title", argv[optind], "title") == -1 ||
	    apply(&risks, &people, r, set, nset) == -1 ||
	    store_check_refs(&risks, &people) == -1)
		goto out;
	table_set(&risks, r, RISK_STATUS, "open");
	table_set(&risks, r, RISK_RAISED,
	    date_fmt(k->p.today, today));
	snprintf(id, sizeof(id), "%s", table_get(&risks, r, RISK_ID));
	store_put(&tx, &risks);
	if (kam_tx_commit(k, &tx, "risk add", id,
	    table_get(&risks, r, RISK_TITLE)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&risks);
	table_release(&people);
	return ret;
}

static int
risk_assess(int argc, char **argv, struct kam *k)
{
	struct table risks = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[MAX_SETTINGS];
	size_t nset;
	struct row *r;
	int ret = -1;

	if (collect(argc, argv, assess_usage, set, &nset) == -1)
		return -1;
	if (argc - optind != 1 || nset == 0)
		return kam_usage(assess_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_risks, &risks) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1 ||
	    (r = store_lookup(&risks, argv[optind])) == NULL ||
	    apply(&risks, &people, r, set, nset) == -1 ||
	    store_check_refs(&risks, &people) == -1)
		goto out;
	if (kam_tx_commit_row(k, &tx, "risk assess", &risks, r) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&risks);
	table_release(&people);
	return ret;
}

static int
set_status(int argc, char **argv, struct kam *k, const char *usage,
    const char *verb, const char *status)
{
	struct table risks = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	int col = RISK_STATUS, err = 0, ret = -1;

	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	if (kam_getopt(argc, argv, "", none, usage, &err) != -1 || err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_risks, &risks) == -1 ||
	    (r = store_lookup(&risks, argv[optind])) == NULL)
		goto out;
	if (strcmp(table_get(&risks, r, col), status) == 0) {
		kam_err(KAM_EX_DATA, "risk %s is already %s",
		    table_get(&risks, r, RISK_ID), status);
		goto out;
	}
	table_set(&risks, r, col, status);
	if (kam_tx_commit_row(k, &tx, verb, &risks, r) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&risks);
	return ret;
}

static int
risk_close(int argc, char **argv, struct kam *k)
{
	return set_status(argc, argv, k, close_usage, "risk close", "closed");
}

/* The risk has happened: it becomes an issue of the issue log. */
static int
risk_occur(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	struct rec_ctx c = { &k->p, k->fmt, k->no_commit, k->msg,
	    k->no_verify };
	int err = 0;

	if (kam_getopt(argc, argv, "", none, occur_usage, &err) != -1 || err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(occur_usage);
	return issue_risk_occurred(&c, argv[optind]);
}

static int	sort_key;	/* 0 id, 1 score, 2 review */
static const struct table *sort_table;

static int
cmp_rows(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int c = 0;

	if (sort_key == 1) {
		long sx = risk_score(sort_table, x), sy = risk_score(sort_table, y);

		c = sx > sy ? -1 : sx < sy;
	} else if (sort_key == 2) {
		const char *rx = table_get(sort_table, x, RISK_REVIEW);
		const char *ry = table_get(sort_table, y, RISK_REVIEW);

		/* Unset review dates last. */
		c = (*rx == '\0') - (*ry == '\0');
		if (c == 0)
			c = strcmp(rx, ry);
	}
	if (c == 0)
		c = x->num < y->num ? -1 : x->num > y->num;
	return c;
}

static int
risk_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'O' },
		{ "min-score", required_argument, NULL, 'm' },
		{ "owner", required_argument, NULL, 'o' },
		{ "category", required_argument, NULL, 'c' },
		{ "status", required_argument, NULL, 's' },
		{ "sort", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct table risks = TABLE_INIT;
	struct row **rows = NULL;
	const char *owner = NULL, *category = NULL, *status = NULL, *why;
	char canon[32];
	long min = 0, num;
	size_t i, n = 0;
	int ch, err = 0, open_only = 0, ret = -1;

	sort_key = 0;
	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 'O':
			open_only = 1;
			break;
		case 'm':
			if (int_parse(optarg, 0, 25, &min, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--min-score: '%s' is "
				    "not a score 0-25", optarg);
			break;
		case 'o':
			if (id_parse_arg(optarg, "P", canon, &num, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--owner: invalid "
				    "person id '%s' (expected e.g. P-3)", optarg);
			owner = xstrdup(canon);
			break;
		case 'c':
			category = optarg;
			break;
		case 's':
			status = optarg;
			if (table_check_value(&schema_risks.cols[RISK_STATUS],
			    2, status, &why) == -1) {
				kam_err(KAM_EX_USAGE, "--status: invalid value "
				    "'%s': %s", status, why);
				goto out;
			}
			break;
		case 'S':
			if (strcmp(optarg, "score") == 0)
				sort_key = 1;
			else if (strcmp(optarg, "review") == 0)
				sort_key = 2;
			else if (strcmp(optarg, "id") != 0)
				return kam_err(KAM_EX_USAGE, "--sort: expected "
				    "score, id or review, not '%s'", optarg);
			break;
		}
	if (err || optind != argc) {
		if (!err)
			kam_usage(list_usage);
		goto out;
	}
	if (store_load(&k->p, NULL, &schema_risks, &risks) == -1)
		goto out;
	table_sort(&risks);
	rows = xcalloc(risks.nrows + 1, sizeof(*rows));
	for (i = 0; i < risks.nrows; i++) {
		struct row *r = &risks.rows[i];

		if (open_only && strcmp(table_get(&risks, r, RISK_STATUS),
		    "open") != 0)
			continue;
		if (status != NULL && strcmp(table_get(&risks, r, RISK_STATUS),
		    status) != 0)
			continue;
		if (owner != NULL && strcmp(table_get(&risks, r, RISK_OWNER),
		    owner) != 0)
			continue;
		if (category != NULL &&
		    strcmp(table_get(&risks, r, RISK_CATEGORY), category) != 0)
			continue;
		if (min > 0 && risk_score(&risks, r) < min)
			continue;
		rows[n++] = r;
	}
	if (sort_key != 0) {
		sort_table = &risks;
		qsort(rows, n, sizeof(*rows), cmp_rows);
	}
	records_print(k->fmt, &risks, rows, n, brief, risk_derived,
	    ARRAY_SIZE(risk_derived), NULL);
	ret = 0;
out:
	free((char *)owner);
	free(rows);
	table_release(&risks);
	return ret;
}

static int
risk_show(int argc, char **argv, struct kam *k)
{
	return kam_show_record(argc, argv, k, &schema_risks, show_usage,
	    risk_derived, ARRAY_SIZE(risk_derived));
}

static int
risk_matrix(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' }, { NULL, 0, NULL, 0 } };
	static const struct out_col cols[] = {
		{ "probability", OT_NUM }, { "impact", OT_NUM },
		{ "score", OT_NUM }, { "level", OT_TEXT }, { "count", OT_NUM },
		{ "ids", OT_LIST },
	};
	struct table risks = TABLE_INIT;
	struct kam_buf ids[5][5];
	long count[5][5], p, i;
	size_t j;
	int ch, err = 0, all = 0, ret = -1;

	memset(count, 0, sizeof(count));
	memset(ids, 0, sizeof(ids));
	while ((ch = kam_getopt(argc, argv, "", opts, matrix_usage, &err)) != -1)
		all = 1;
	if (err || optind != argc) {
		if (!err)
			kam_usage(matrix_usage);
		return -1;
	}
	if (store_load(&k->p, NULL, &schema_risks, &risks) == -1)
		goto out;
	table_sort(&risks);
	for (j = 0; j < risks.nrows; j++) {
		struct row *r = &risks.rows[j];

		if (!all && strcmp(table_get(&risks, r, RISK_STATUS),
		    "open") != 0)
			continue;
		if (int_parse(table_get(&risks, r, RISK_PROBABILITY), 1, 5, &p,
		    NULL) == -1 ||
		    int_parse(table_get(&risks, r, RISK_IMPACT), 1, 5, &i,
		    NULL) == -1)
			continue;
		count[p - 1][i - 1]++;
		if (ids[p - 1][i - 1].len > 0)
			kam_buf_putc(&ids[p - 1][i - 1], ' ');
		kam_buf_puts(&ids[p - 1][i - 1], table_get(&risks, r, RISK_ID));
	}
	if (k->fmt == FMT_TABLE) {
		int color = out_use_color();

		printf("%s risks: probability (rows) x impact (columns)\n\n",
		    all ? "all" : "open");
		printf("      impact 1    2    3    4    5\n");
		for (p = 5; p >= 1; p--) {
			printf("prob %ld    ", p);
			for (i = 1; i <= 5; i++) {
				long s = p * i;
				const char *c = s >= 15 ? "\033[41;97m" :
				    s >= 10 ? "\033[43;30m" : s >= 5 ?
				    "\033[103;30m" : "\033[42;30m";

				if (color)
					printf("%s%4ld\033[0m", c, count[p - 1][i - 1]);
				else
					printf("%4ld", count[p - 1][i - 1]);
				if (i < 5)
					putchar(' ');
			}
			putchar('\n');
		}
		printf("\nlevels: low 1-4, medium 5-9, high 10-14, critical "
		    ">=15 (score = probability x impact)\n");
	} else {
		struct out o = OUT_INIT;
		char ps[8], is[8], ss[8], cs[24];
		const char *cells[6];

		out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
		for (p = 5; p >= 1; p--)
			for (i = 1; i <= 5; i++) {
				snprintf(ps, sizeof(ps), "%ld", p);
				snprintf(is, sizeof(is), "%ld", i);
				snprintf(ss, sizeof(ss), "%ld", p * i);
				snprintf(cs, sizeof(cs), "%ld", count[p - 1][i - 1]);
				cells[0] = ps;
				cells[1] = is;
				cells[2] = ss;
				cells[3] = risk_level(p * i);
				cells[4] = cs;
				cells[5] = ids[p - 1][i - 1].ptr;
				out_row(&o, cells);
			}
		out_end(&o);
	}
	ret = 0;
out:
	for (p = 0; p < 5; p++)
		for (i = 0; i < 5; i++)
			kam_buf_release(&ids[p][i]);
	table_release(&risks);
	return ret;
}

static int
risk_review(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "score", OT_NUM },
		{ "review", OT_TEXT }, { "owner", OT_TEXT }, { "reason", OT_TEXT },
	};
	struct table risks = TABLE_INIT;
	struct out o = OUT_INIT;
	const char *cells[6];
	char sc[16], reason[160];
	size_t j;
	int err = 0, ret = -1;

	if (kam_getopt(argc, argv, "", none, review_usage, &err) != -1 || err)
		return -1;
	if (argc != optind)
		return kam_usage(review_usage);
	if (store_load(&k->p, NULL, &schema_risks, &risks) == -1)
		goto out;
	table_sort(&risks);
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (j = 0; j < risks.nrows; j++) {
		struct row *r = &risks.rows[j];

		/* The rules of kam check (lib/health.c), worded for a list. */
		if (!health_risk_reason(&k->p, &risks, r, reason,
		    sizeof(reason)))
			continue;
		snprintf(sc, sizeof(sc), "%ld", risk_score(&risks, r));
		cells[0] = table_get(&risks, r, RISK_ID);
		cells[1] = table_get(&risks, r, RISK_TITLE);
		cells[2] = sc;
		cells[3] = table_get(&risks, r, RISK_REVIEW);
		cells[4] = table_get(&risks, r, RISK_OWNER);
		cells[5] = reason;
		out_row(&o, cells);
	}
	out_end(&o);
	ret = 0;
out:
	table_release(&risks);
	return ret;
}

#define FIELD_OPTS "--probability= --impact= --category= --owner= " \
	"--strategy= --response= --trigger= --review="
const struct verb risk_verbs[] = {
	{ "add", risk_add, NEED_PROJECT | WRITES, add_usage, FIELD_OPTS,
	    "record a new risk" },
	{ "assess", risk_assess, NEED_PROJECT | WRITES, assess_usage,
	    FIELD_OPTS " --title=", "re-assess a risk" },
	{ "close", risk_close, NEED_PROJECT | WRITES, close_usage, "",
	    "close a risk" },
	{ "list", risk_list, NEED_PROJECT, list_usage,
	    "--open --min-score= --owner= --category= --status= --sort=",
	    "list risks" },
	{ "matrix", risk_matrix, NEED_PROJECT, matrix_usage, "--all",
	    "probability x impact grid" },
	{ "occur", risk_occur, NEED_PROJECT | WRITES, occur_usage, "",
	    "a risk happened: it opens an issue" },
	{ "review", risk_review, NEED_PROJECT, review_usage, "",
	    "risks past review or critical without owner/response" },
	{ "show", risk_show, NEED_PROJECT, show_usage, "", "show one risk" },
};
const size_t risk_nverbs = ARRAY_SIZE(risk_verbs);
