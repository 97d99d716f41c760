/*
 * risk.c: kam risk — the risk register (SPEC §3 "Risk management").
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/rectype.h"
#include "../lib/health.h"
#include "../lib/derive.h"
#include "../lib/issue.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of the verbs that are not generic (lib/parseopt.c). */
struct opts {
	int		 open, all;
	long		 min;
	struct popt_id	 owner;
	const char	*category, *status, *sort;
};
#define LIST_OPTS(O)							\
	O(CMD, "kam risk list")						\
	O(FLAG, OPT, "", "open", open, "open risks only")		\
	O(INT, OPT, "", "min-score", min, "n", 0, 25, "a score 0-25",	\
	    "scores from n up")						\
	O(ID, OPT, "", "person", owner, "P", "owned by this person")	\
	O(ID, HIDE, "", "owner", owner, "P", "the same as --person")	\
	O(STR, OPT, "", "category", category, "c", "of this category")	\
	O(COLUMN, OPT, "", "status", status, "s", &schema_risks,	\
	    RISK_STATUS, "in this status")				\
	O(ENUM, OPT, "", "sort", sort, "score|id|review", "the order")
#define OCCUR_OPTS(O)	O(CMD, "kam risk occur") O(ARG, "R-n")
#define MATRIX_OPTS(O)							\
	O(CMD, "kam risk matrix")					\
	O(FLAG, OPT, "", "all", all, "closed risks too")
#define REVIEW_OPTS(O)	O(CMD, "kam risk review")

static const char *const brief[] = { "id", "title", "category", "probability",
	"impact", "score", "level", "owner", "status", "review", NULL };

REC_FIELDS_VERB(risk_add, "add", "record a new risk", ADD, ADD,
    "kam risk add title", RISK_FIELDS, .rt = &risk_type,
    .need = "a new risk needs -p (probability 1-5) and -i (impact 1-5)")
REC_FIELDS_VERB(risk_assess, "assess", "re-assess a risk", SET, SET,
    "kam risk assess R-n", RISK_FIELDS, .rt = &risk_type, .verb = "assess")
REC_VERB(risk_close, "close", "close a risk", MOVE, "kam risk close R-n",
    .rt = &risk_type, .verb = "close")
REC_VERB(risk_reopen, "reopen", "a closed risk is open again", MOVE,
    "kam risk reopen R-n", .rt = &risk_type, .verb = "reopen")
REC_VERB(risk_show, "show", "show one risk", SHOW, "kam risk show R-n",
    .rt = &risk_type)

/* The risk has happened: it becomes an issue of the issue log. */
KAM_VERB0(risk_occur, "occur", NEED_PROJECT | WRITES,
    "a risk happened: it opens an issue", OCCUR_OPTS)
{
	struct rec_ctx c = kam_ctx(k);

	return issue_risk_occurred(&c, k->argv[0]);
}

/* How risk list sorts (qsort_r's argument). */
struct risk_sort {
	const struct table	*t;
	int			 key;	/* 0 id, 1 score, 2 review */
};

static int
cmp_rows(const void *a, const void *b, void *arg)
{
	const struct risk_sort *rs = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int c = 0;

	if (rs->key == 1) {
		long sx = risk_score(rs->t, x), sy = risk_score(rs->t, y);

		c = sx > sy ? -1 : sx < sy;
	} else if (rs->key == 2) {
		const char *rx = table_get(rs->t, x, RISK_REVIEW);
		const char *ry = table_get(rs->t, y, RISK_REVIEW);

		/* Unset review dates last. */
		c = (*rx == '\0') - (*ry == '\0');
		if (c == 0)
			c = strcmp(rx, ry);
	}
	if (c == 0)
		c = x->num < y->num ? -1 : x->num > y->num;
	return c;
}

KAM_VERB(risk_list, "list", NEED_PROJECT, "list risks", LIST_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct table risks = TABLE_INIT;
	struct risk_sort rs = { &risks, 0 };
	struct row **rows = NULL;
	const char *owner, *category, *status;
	long min;
	size_t i, n = 0;
	int ret = -1;

	owner = o->owner.id[0] != '\0' ? o->owner.id : NULL;
	category = o->category;
	status = o->status;
	min = o->min;
	rs.key = o->sort == NULL || strcmp(o->sort, "id") == 0 ? 0 :
	    strcmp(o->sort, "score") == 0 ? 1 : 2;
	if (store_load(&k->p, NULL, &schema_risks, &risks) == -1)
		goto out;
	table_sort(&risks);
	rows = xcalloc(risks.nrows + 1, sizeof(*rows));
	for (i = 0; i < risks.nrows; i++) {
		struct row *r = &risks.rows[i];

		if (o->open && strcmp(table_get(&risks, r, RISK_STATUS),
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
	if (rs.key != 0)
		qsort_r(rows, n, sizeof(*rows), cmp_rows, &rs);
	records_print(k->fmt, &risks, rows, n, brief, risk_type.derived,
	    risk_type.nderived, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&risks);
	return ret;
}

KAM_VERB(risk_matrix, "matrix", NEED_PROJECT, "probability x impact grid",
    MATRIX_OPTS, { 0 })
{
	static const struct out_col cols[] = {
		{ "probability", OT_NUM }, { "impact", OT_NUM },
		{ "score", OT_NUM }, { "level", OT_TEXT }, { "count", OT_NUM },
		{ "ids", OT_LIST },
	};
	struct table risks = TABLE_INIT;
	struct kam_buf ids[5][5];
	long count[5][5], p, i;
	size_t j;
	const struct opts *opt = k->opts;
	int all, ret = -1;

	memset(count, 0, sizeof(count));
	memset(ids, 0, sizeof(ids));
	all = opt->all;
	if (store_load(&k->p, NULL, &schema_risks, &risks) == -1)
		goto out;
	table_sort(&risks);
	for (j = 0; j < risks.nrows; j++) {
		struct row *r = &risks.rows[j];

		if (!all && strcmp(table_get(&risks, r, RISK_STATUS),
		    "open") != 0)
			continue;
		if (risk_pi(&risks, r, &p, &i) == -1)
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

KAM_VERB0(risk_review, "review", NEED_PROJECT,
    "risks past review or critical without owner/response", REVIEW_OPTS)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "score", OT_NUM },
		{ "review", OT_TEXT }, { "owner", OT_TEXT }, { "reason", OT_TEXT },
	};
	struct table risks = TABLE_INIT;
	struct out o = OUT_INIT;
	const char *cells[6];
	char sc[16], reason[160];
	size_t j;
	int ret = -1;

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

const struct verb *const risk_verbs[] = {
	&risk_add_verb, &risk_assess_verb, &risk_close_verb, &risk_list_verb,
	&risk_matrix_verb, &risk_occur_verb, &risk_reopen_verb,
	&risk_review_verb, &risk_show_verb, NULL
};
