/*
 * budget.c: kam budget — planned budget, expenses, audit and earned value
 * (SPEC §3 "Budget and cost", §4 earned value).
 *
 * The sums live in lib/budget.c so that kam check and kam status judge a
 * budget exactly the way `kam budget audit` shows it.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/bill.h"
#include "../lib/budget.h"
#include "../lib/review.h"
#include "../lib/schema.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	int		 remove, check;
	const char	*category, *ref, *by, *against, *baseline;
	int32_t		 date, from, to;
	struct popt_id	 task;
};

#define SET_OPTS(O)							\
	O(CMD, "kam budget set")					\
	O(FLAG, OPT, "", "remove", remove, "remove the category's line") \
	O(ARG, "category [amount]")
#define SPEND_OPTS(O)							\
	O(CMD, "kam budget spend")					\
	O(NEG)	/* a credit note: "-80.00" */			\
	O(ARG, "amount")						\
	O(STR, NEED, "c", "category", category, "c", "the budget line")	\
	O(DATE, OPT, "d", "date", date, "date", "when it was spent")	\
	O(STR, OPT, "r", "ref", ref, "ref", "an invoice or receipt")	\
	O(ID, OPT, "t", "task", task, "T", "the task it was spent on")	\
	O(ARG, "description")
#define LIST_OPTS(O)							\
	O(CMD, "kam budget list")					\
	O(STR, OPT, "", "category", category, "c", "of this category")	\
	POPT_PERIOD(O)							\
	O(ID, OPT, "", "task", task, "T", "spent on this task")
#define AUDIT_OPTS(O)							\
	O(CMD, "kam budget audit")					\
	POPT_PERIOD(O)							\
	O(ENUM, OPT, "", "by", by, "month", "the spending month by month") \
	O(FLAG, OPT, "", "check", check, "exit 1 when a line is over")	\
	O(STR, OPT, "", "against", against, "rev", "the plan of rev")
#define EVM_OPTS(O)							\
	O(CMD, "kam budget evm")					\
	O(ENUM, OPT, "", "by", by, "task", "a line a task")		\
	O(STR, OPT, "", "baseline", baseline, "rev", "pv from rev's plan")
#define MARGIN_OPTS(O)	O(CMD, "kam budget margin")

/* The options with their defaults: no bounds. */
#define OPTS_INIT						\
	{ .from = INT32_MIN, .to = INT32_MAX, .date = INT32_MIN }

/* An expense filter from the options. */
static int
filter(const struct opts *o, struct expense_filter *f)
{
	f->category = o->category;
	f->task = o->task.num;
	f->from = o->from;
	f->to = o->to;
	if (f->from > f->to)
		return kam_err(KAM_EX_USAGE, "--from is after --to");
	return 0;
}

/* ---- set ---- */

KAM_VERB(budget_set, "set", NEED_PROJECT | WRITES,
    "set or remove a category's planned budget", SET_OPTS, OPTS_INIT)
{
	const struct opts *o = k->opts;
	struct table budget = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *cat;
	char amount[32];
	int64_t v = 0;
	int remove, ret = -1;

	remove = o->remove;
	if (k->argc != (remove ? 1 : 2))
		return popt_usage(budget_set_popt);
	cat = k->argv[0];
	if (budget_category_ok(cat, "category") == -1)
		return -1;
	if (!remove) {
		if (budget_amount_arg(k->argv[1], k->p.digits, &v) == -1)
			return -1;
		if (v < 0)
			return kam_err(KAM_EX_USAGE, "a planned budget cannot "
			    "be negative ('%s')", k->argv[1]);
		remove = v == 0;
	}
	money_fmt(v, k->p.digits, amount);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_budget, &budget) == -1)
		goto out;
	r = table_find_key(&budget, cat, NULL);
	if (remove) {
		if (r == NULL) {
			kam_err(KAM_EX_DATA, "budget.csv has no line for "
			    "category '%s' (nothing to remove)", cat);
			goto out;
		}
		table_remove(&budget, r);
	} else {
		if (r == NULL) {
			r = table_add(&budget);
			table_set(&budget, r, BUDGET_CATEGORY, cat);
		}
		table_set(&budget, r, BUDGET_AMOUNT, amount);
	}
	store_put(&tx, &budget);
	if (kam_tx_commit(k, &tx, "budget set", cat, remove ? "removed" :
	    amount) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&budget);
	return ret;
}

/* ---- spend ---- */

KAM_VERB(budget_spend, "spend", NEED_PROJECT | WRITES, "record an expense",
    SPEND_OPTS, OPTS_INIT)
{
	const struct opts *o = k->opts;
	struct table ex = TABLE_INIT, tasks = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *amount_arg, *desc, *cat, *task;
	char amount[32], date[11], id[32];
	int64_t v;
	int32_t day = o->date != INT32_MIN ? o->date : k->p.today;
	int ret = -1;

	amount_arg = k->argv[0];
	desc = k->argv[1];
	cat = o->category;
	task = o->task.id[0] != '\0' ? o->task.id : NULL;
	if (cat == NULL)
		return kam_err(KAM_EX_USAGE, "an expense needs --category");
	if (budget_category_ok(cat, "--category") == -1)
		return -1;
	if (budget_amount_arg(amount_arg, k->p.digits, &v) == -1)
		return -1;
	if (v == 0)
		return kam_err(KAM_EX_USAGE, "an expense of 0 records nothing");
	money_fmt(v, k->p.digits, amount);
	date_fmt(day, date);

	if (kam_tx_begin(k, &tx) == -1)
		goto out;
	if (task != NULL) {
		if (store_load(&k->p, &tx, &schema_tasks, &tasks) == -1 ||
		    store_lookup(&tasks, task) == NULL)
			goto out;
	}
	if (month_open(&tx, &schema_expenses, k->p.digits, day, &ex) == -1)
		goto out;
	if (budget_check_add(&k->p, cat, date, o->task.num,
	    v) == -1)
		goto out;
	r = table_add(&ex);
	if (store_set_arg(&ex, r, "date", date, "--date") == -1 ||
	    store_set_arg(&ex, r, "category", cat, "--category") == -1 ||
	    store_set_arg(&ex, r, "amount", amount, "amount") == -1 ||
	    store_set_arg(&ex, r, "description", desc, "description") == -1 ||
	    (o->ref != NULL &&
	    store_set_arg(&ex, r, "ref", o->ref, "--ref") == -1) ||
	    (task != NULL &&
	    store_set_arg(&ex, r, "task", task, "--task") == -1))
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&ex, r, EXPENSE_ID));
	store_put(&tx, &ex);
	if (kam_tx_commit(k, &tx, "budget spend", id, desc) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&ex);
	table_release(&tasks);
	return ret;
}

/* ---- list ---- */

static const struct out_col list_cols[] = {
	{ "id", OT_TEXT }, { "date", OT_TEXT }, { "category", OT_TEXT },
	{ "amount", OT_MONEY }, { "description", OT_TEXT }, { "ref", OT_TEXT },
	{ "task", OT_TEXT },
};

static int
list_row(void *arg, const struct expense *e)
{
	const char *cells[7];
	char amount[32];

	cells[0] = e->id;
	cells[1] = e->date;
	cells[2] = e->category;
	cells[3] = money_fmt(e->amount, e->t->digits, amount);
	cells[4] = e->description;
	cells[5] = e->ref;
	cells[6] = e->task;
	out_row(arg, cells);
	return 0;
}

KAM_VERB(budget_list, "list", NEED_PROJECT, "list expenses", LIST_OPTS,
    OPTS_INIT)
{
	struct expense_filter f = EXPENSE_FILTER_INIT;
	struct out o = OUT_INIT;
	int ret;

	if (filter(k->opts, &f) == -1)
		return -1;
	out_begin(&o, k->fmt, list_cols, ARRAY_SIZE(list_cols));
	ret = budget_scan(&k->p, &f, list_row, &o);
	/* On failure the rows so far are still printed: JSON stays whole. */
	out_end(&o);
	return ret;
}

/* ---- audit ---- */

static const struct out_col audit_cols[] = {
	{ "category", OT_TEXT }, { "planned", OT_MONEY }, { "actual", OT_MONEY },
	{ "variance", OT_MONEY }, { "used_pct", OT_NUM }, { "status", OT_TEXT },
	{ "count", OT_NUM },
};

static void
audit_row(struct out *o, const struct budget_line *l, int digits,
    const char *label)
{
	char planned[32], actual[32], variance[32], pct[48], count[24];
	const char *cells[7];

	cells[0] = l->category != NULL ? l->category : label;
	cells[1] = money_fmt(l->planned, digits, planned);
	cells[2] = money_fmt(l->actual, digits, actual);
	cells[3] = money_fmt(l->variance, digits, variance);
	cells[4] = l->has_pct ? budget_pct_fmt(l->actual, l->planned, pct) :
	    NULL;
	cells[5] = budget_status_name(l->status);
	snprintf(count, sizeof(count), "%lu", l->count);
	cells[6] = count;
	if (l->category == NULL)	/* the total: in JSON an object */
		out_summary(o, "total", cells, audit_cols + 1,
		    ARRAY_SIZE(audit_cols) - 1, cells + 1);
	else
		out_row(o, cells);
}

static const struct out_col month_cols[] = {
	{ "month", OT_TEXT }, { "count", OT_NUM }, { "actual", OT_MONEY },
	{ "cumulative", OT_MONEY }, { "remaining", OT_MONEY },
	{ "used_pct", OT_NUM },
};

static int
burn_table(struct kam *k, const struct budget_audit *a)
{
	struct out o = OUT_INIT;
	const struct budget_sums *s = &a->sums;
	const char *cells[6];
	char count[24], actual[32], cum[32], rem[32], pct[48];
	int64_t c = 0, r;
	size_t i;
	int ret = -1;

	out_begin(&o, k->fmt, month_cols, ARRAY_SIZE(month_cols));
	for (i = 0; i < s->nmonths; i++) {
		if (money_add(&c, s->months[i].actual) == -1 ||
		    __builtin_sub_overflow(s->planned, c, &r)) {
			kam_err(KAM_EX_DATA, "the cumulative spending at %s "
			    "exceeds the money range", s->months[i].month);
			goto out;
		}
		snprintf(count, sizeof(count), "%lu", s->months[i].count);
		cells[0] = s->months[i].month;
		cells[1] = count;
		cells[2] = money_fmt(s->months[i].actual, k->p.digits, actual);
		cells[3] = money_fmt(c, k->p.digits, cum);
		cells[4] = money_fmt(r, k->p.digits, rem);
		cells[5] = s->planned > 0 ? budget_pct_fmt(c, s->planned, pct) :
		    NULL;
		out_row(&o, cells);
	}
	ret = 0;
out:
	out_end(&o);
	return ret;
}

KAM_VERB(budget_audit_cmd, "audit", NEED_PROJECT,
    "planned vs actual by category", AUDIT_OPTS, OPTS_INIT)
{
	const struct opts *opt = k->opts;
	struct expense_filter f = EXPENSE_FILTER_INIT;
	struct budget_audit a = BUDGET_AUDIT_INIT;
	struct out o = OUT_INIT;
	struct kam_buf names = KAM_BUF_INIT;
	int human = out_for_people(k->fmt);
	int by_month, ret = -1;
	size_t i, nred = 0;

	if (filter(opt, &f) == -1)
		return -1;
	by_month = opt->by != NULL;
	if ((opt->against != NULL ? review_budget_against(&a, &k->p,
	    opt->against, &f) :
	    budget_audit(&a, &k->p, &f)) == -1)
		goto out;
	/* Machines get one document: with --by month, the burn table. */
	if (human || !by_month) {
		out_begin_total(&o, k->fmt, audit_cols,
		    ARRAY_SIZE(audit_cols));
		for (i = 0; i < a.nlines; i++)
			audit_row(&o, &a.lines[i], k->p.digits, NULL);
		audit_row(&o, &a.total, k->p.digits, human ? "total" : NULL);
		out_end(&o);
		if (human && a.sums.labour_plan > 0)
			printf("\nlabour planned from the schedule: each task's "
			    "days x its assignee's day rate (no labour line in "
			    "budget.csv)\n");
	}
	if (by_month) {
		if (human)
			printf("\n");
		if (burn_table(k, &a) == -1)
			goto out;
	}
	ret = 0;
	if (opt->check && a.health == HEALTH_RED) {
		for (i = 0; i < a.nlines; i++) {
			if (a.lines[i].health != HEALTH_RED)
				continue;
			kam_buf_printf(&names, "%s%s", nred++ ? ", " : "",
			    a.lines[i].category);
		}
		fprintf(stderr, "kam: budget over plan: %s\n", names.ptr);
		ret = 1;
	}
out:
	kam_buf_release(&names);
	budget_audit_release(&a);
	return ret;
}

/* ---- evm ---- */

static const struct out_col evm_cols[] = {
	{ "id", OT_TEXT }, { "title", OT_TEXT }, { "bac", OT_MONEY },
	{ "pv", OT_MONEY }, { "ev", OT_MONEY }, { "ac", OT_MONEY }, { "cv", OT_MONEY },
	{ "sv", OT_MONEY }, { "cpi", OT_NUM }, { "spi", OT_NUM },
	{ "eac", OT_MONEY }, { "etc", OT_MONEY }, { "vac", OT_MONEY },
	{ "basis", OT_TEXT }, { "cost_basis", OT_TEXT },
};

/* Cells 2..12 (bac .. vac) of a line. */
static void
evm_cells(const struct evm_line *l, int digits, char (*buf)[32],
    const char **cells)
{
	cells[2] = money_fmt(l->bac, digits, buf[2]);
	cells[3] = money_fmt(l->pv, digits, buf[3]);
	cells[4] = money_fmt(l->ev, digits, buf[4]);
	cells[5] = money_fmt(l->ac, digits, buf[5]);
	cells[6] = money_fmt(l->cv, digits, buf[6]);
	cells[7] = money_fmt(l->sv, digits, buf[7]);
	cells[8] = l->has_cpi ? budget_ratio_fmt(l->cpi, buf[8]) : NULL;
	cells[9] = l->has_spi ? budget_ratio_fmt(l->spi, buf[9]) : NULL;
	cells[10] = l->has_eac ? money_fmt(l->eac, digits, buf[10]) : NULL;
	cells[11] = l->has_eac ? money_fmt(l->etc, digits, buf[11]) : NULL;
	cells[12] = l->has_eac ? money_fmt(l->vac, digits, buf[12]) : NULL;
}

/* ---- margin (issue 16) ---- */

KAM_VERB0(budget_margin_cmd, "margin", NEED_PROJECT,
    "contract value, billing, cost and forecast margin", MARGIN_OPTS)
{
	static const struct out_col cols[] = {
		{ "as_of", OT_TEXT }, { "contract_value", OT_MONEY },
		{ "invoiced", OT_MONEY }, { "paid", OT_MONEY },
		{ "outstanding", OT_MONEY }, { "expenses", OT_MONEY },
		{ "labour", OT_MONEY }, { "unrated_hours", OT_NUM },
		{ "actual_cost", OT_MONEY },
		{ "bac", OT_MONEY }, { "eac", OT_MONEY },
		{ "planned_margin", OT_MONEY }, { "forecast_margin", OT_MONEY },
		{ "margin_pct", OT_NUM },
	};
	struct margin m;
	const char *cells[ARRAY_SIZE(cols)];
	char buf[ARRAY_SIZE(cols)][48];
	int d = k->p.digits;

	if (bill_margin(&m, &k->p) == -1)
		return -1;
	cells[0] = date_fmt(k->p.today, buf[0]);
	cells[1] = m.has_contract ? money_fmt(m.contract, d, buf[1]) : NULL;
	cells[2] = money_fmt(m.invoiced, d, buf[2]);
	cells[3] = money_fmt(m.paid, d, buf[3]);
	cells[4] = money_fmt(m.outstanding, d, buf[4]);
	cells[5] = money_fmt(m.expenses, d, buf[5]);
	cells[6] = money_fmt(m.labour, d, buf[6]);
	cells[7] = hours_fmt(m.unrated, buf[7]);
	cells[8] = money_fmt(m.actual, d, buf[8]);
	cells[9] = money_fmt(m.bac, d, buf[9]);
	cells[10] = m.has_eac ? money_fmt(m.eac, d, buf[10]) : NULL;
	cells[11] = m.has_contract ? money_fmt(m.planned, d, buf[11]) : NULL;
	cells[12] = m.has_contract && m.has_eac ?
	    money_fmt(m.forecast, d, buf[12]) : NULL;
	cells[13] = m.has_pct ? budget_pct_fmt(m.forecast, m.contract,
	    buf[13]) : NULL;
	out_record(k->fmt, cols, ARRAY_SIZE(cols), cells);
	if (out_for_people(k->fmt) && !m.has_contract)
		printf("%sno project.contract-value in kam.conf: no margin\n",
		    k->fmt == FMT_MD ? "\n" : "");
	return 0;
}

KAM_VERB(budget_evm_cmd, "evm", NEED_PROJECT, "earned value as of today",
    EVM_OPTS, OPTS_INIT)
{
	static const struct out_col sum_cols[] = {
		{ "as_of", OT_TEXT }, { "basis", OT_TEXT }, { "bac", OT_MONEY },
		{ "pv", OT_MONEY }, { "ev", OT_MONEY }, { "ac", OT_MONEY },
		{ "cv", OT_MONEY }, { "sv", OT_MONEY }, { "cpi", OT_NUM },
		{ "spi", OT_NUM }, { "eac", OT_MONEY }, { "etc", OT_MONEY },
		{ "vac", OT_MONEY }, { "cost_basis", OT_TEXT },
		{ "outside_ac", OT_MONEY },
	};
	struct table tasks = TABLE_INIT;
	struct budget_evm e = BUDGET_EVM_INIT;
	struct out o = OUT_INIT;
	const char *cells[16], *basis;
	char buf[16][32], id[32], today[11], out_m[MONEY_HUMAN_MAX];
	int human = out_for_people(k->fmt);
	const struct opts *opt = k->opts;
	const char *base;
	int by_task, ret = -1;
	size_t i;

	base = opt->baseline;
	by_task = opt->by != NULL;
	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == -1 ||
	    review_tasks_as_of(&tasks, &k->p, k->p.today) == -1 ||
	    (base != NULL && review_tasks_baseline(&tasks, &k->p, base) ==
	    -1) || budget_evm(&e, &k->p, &tasks) == -1)
		goto out;
	basis = e.use_baseline ? "baseline" : "plan";
	if (e.nno_baseline > 0)
		kam_warn("%zu task%s without a baseline count 0 in pv (run "
		    "'kam plan baseline' to take one)", e.nno_baseline,
		    e.nno_baseline == 1 ? "" : "s");
	if (!by_task) {
		cells[0] = date_fmt(e.today, today);
		cells[1] = basis;
		evm_cells(&e.total, k->p.digits, buf, cells);
		cells[13] = e.cost_basis;
		cells[14] = money_fmt(e.outside, k->p.digits, buf[14]);
		/* On a terminal the basis is the closing line's. */
		out_record(k->fmt, sum_cols, ARRAY_SIZE(sum_cols) -
		    (human ? 2 : 0), cells);
	} else {
		out_begin_total(&o, k->fmt, evm_cols, ARRAY_SIZE(evm_cols) -
		    (human ? 2 : 0));
		cells[13] = basis;
		cells[14] = e.cost_basis;
		for (i = 0; i < e.ntasks; i++) {
			snprintf(id, sizeof(id), "T-%ld", e.tasks[i].task);
			cells[0] = id;
			cells[1] = e.tasks[i].title;
			evm_cells(&e.tasks[i], k->p.digits, buf, cells);
			out_row(&o, cells);
		}
		/* Not tasks: in JSON objects beside the records. */
		cells[0] = NULL;
		cells[1] = "expenses without a task";
		evm_cells(&e.other, k->p.digits, buf, cells);
		out_summary(&o, "without_task", e.other.ac != 0 ? cells : NULL,
		    evm_cols + 2, ARRAY_SIZE(evm_cols) - 2, e.other.ac != 0 ?
		    cells + 2 : NULL);
		cells[1] = "total";
		evm_cells(&e.total, k->p.digits, buf, cells);
		out_summary(&o, "total", cells, evm_cols + 2,
		    ARRAY_SIZE(evm_cols) - 2, cells + 2);
		out_end(&o);
	}
	if (human) {
		printf("%spv from the %s (as of %s)\n", by_task ? "\n" : "",
		    e.use_baseline ? "baseline" : "current plan scheduled as "
		    "planned: there is no baseline", date_fmt(e.today, today));
		project_money(&k->p, e.outside, out_m);
		if (strcmp(e.cost_basis, "all") == 0)
			printf("ac: every expense and the labour (budget.csv "
			    "plans nothing beyond the task costs)\n");
		else if (strcmp(e.cost_basis, "tasks") == 0)
			printf("ac: what was spent on the tasks, expenses "
			    "tied to a task and the labour; %s without a task "
			    "is not in ac\n", out_m);
		else
			printf("ac: the categories %s (budget.evm-categories), "
			    "bac their budget lines; %s spent outside them is "
			    "not in ac\n", e.cost_basis, out_m);
	}
	ret = 0;
out:
	budget_evm_release(&e);
	table_release(&tasks);
	return ret;
}

const struct verb *const budget_verbs[] = {
	&budget_audit_cmd_verb, &budget_evm_cmd_verb, &budget_list_verb,
	&budget_margin_cmd_verb, &budget_set_verb, &budget_spend_verb, NULL
};
