/*
 * bill.c: billing milestones (bill.h).
 */
#include <stdlib.h>
#include <string.h>

#include "bill.h"
#include "budget.h"
#include "kam.h"
#include "records.h"
#include "store.h"
#include "value.h"

static const char *const state_names[] = { "planned", "due", "invoiced",
	"paid" };

const char *
bill_state_name(enum bill_state st)
{
	return state_names[st];
}

static const char *const bill_brief[] = { "id", "title", "amount",
	"milestone", "due_on", "state", "invoiced", "paid", NULL };

/* What the derived fields of a billing item need: the tasks (its
 * milestone) and today. */
struct bill_arg {
	struct table	 tasks;
	int32_t		 today;
};

static void *
bill_arg_new(const struct rec_ctx *c)
{
	struct bill_arg *ba = xcalloc(1, sizeof(*ba));
	static const struct table init = TABLE_INIT;

	ba->tasks = init;
	ba->today = c->p->today;
	if (store_load(c->p, NULL, &schema_tasks, &ba->tasks) == -1) {
		table_release(&ba->tasks);
		free(ba);
		return NULL;
	}
	table_sort(&ba->tasks);
	return ba;
}

static void
bill_arg_free(void *arg)
{
	struct bill_arg *ba = arg;

	table_release(&ba->tasks);
	free(ba);
}

static const char *
d_state(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct bill_arg *ba = arg;
	int32_t due;

	(void)buf;
	return bill_state_name(bill_state_of(t, r, &ba->tasks, ba->today,
	    &due));
}

static const char *
d_due_on(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct bill_arg *ba = arg;
	int32_t due;

	bill_state_of(t, r, &ba->tasks, ba->today, &due);
	return due != 0 ? date_fmt(due, buf) : NULL;
}

static const struct derived bill_derived[] = {
	{ "state", OT_TEXT, d_state },
	{ "due_on", OT_TEXT, d_due_on },
};

/* kam bill set: the generic fields, with the billing rules: an amount is
 * above 0, and an invoiced item's amount is the invoice's. */
static int
bill_apply(const struct rec_ctx *c, struct tx *tx, struct table *t,
    struct row *r, const struct rec_opt *opts, size_t n,
    const struct rec_args *a)
{
	const char *v, *why;
	size_t i;
	int64_t amt, was;

	for (i = 0; i < n; i++) {
		if (opts[i].col != BILL_AMOUNT || a->val[i] == NULL)
			continue;
		if (money_parse(a->val[i], c->p->digits, &amt, &why) == -1)
			return kam_err(KAM_EX_USAGE, "--amount: invalid "
			    "amount '%s': %s", a->val[i], why);
		if (amt <= 0)
			return kam_err(KAM_EX_USAGE, "a billing item's amount "
			    "must be above 0 ('%s')", a->val[i]);
		v = table_get(t, r, BILL_INVOICED);
		if (*v != '\0' && money_parse(table_get(t, r, BILL_AMOUNT),
		    c->p->digits, &was, NULL) == 0 && was != amt)
			return kam_err(KAM_EX_DATA, "billing item %s was "
			    "invoiced on %s: its amount is the invoice's; "
			    "nothing changed", table_get(t, r, BILL_ID), v);
	}
	return rec_apply(c->p, tx, t, r, opts, n, a);
}

/* The record type, for the generic verbs (record.h: set, show) and the
 * registry of record types (rectype.h). */
const struct rec_type bill_type = {
	.s = &schema_billing, .family = "bill", .title_col = BILL_TITLE,
	.status_col = -1, .owner_col = -1, .due_col = BILL_DUE,
	.raised_col = -1, .brief = bill_brief, .derived = bill_derived,
	.nderived = ARRAY_SIZE(bill_derived), .apply = bill_apply,
	.derived_new = bill_arg_new, .derived_free = bill_arg_free,
};

enum bill_state
bill_state_of(const struct table *billing, const struct row *r,
    const struct table *tasks, int32_t today, int32_t *due)
{
	const struct row *task;
	const char *v;
	int32_t d = 0, f;

	if ((v = table_get(billing, r, BILL_DUE)) != NULL && *v != '\0')
		date_parse(v, &d, NULL);
	/* A milestone finished: due from its finish date (or the due date
	 * given, when that is earlier). */
	if (tasks != NULL && *(v = table_get(billing, r, BILL_MILESTONE)) !=
	    '\0' && (task = table_find(tasks, v)) != NULL &&
	    *(v = table_get(tasks, task, TASK_FINISH)) != '\0' &&
	    date_parse(v, &f, NULL) == 0 && (d == 0 || f < d))
		d = f;
	*due = d;
	if (*table_get(billing, r, BILL_PAID) != '\0')
		return BILLST_PAID;
	if (*table_get(billing, r, BILL_INVOICED) != '\0')
		return BILLST_INVOICED;
	return d != 0 && d <= today ? BILLST_DUE : BILLST_PLANNED;
}

int
bill_add(const struct rec_ctx *c, const struct rec_verb *v,
    const struct rec_args *a)
{
	const char *title = a->operand, *amount = a->rest[0];
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *why;
	char id[32];
	int64_t m;
	int ret = -1;

	if (money_parse(amount, c->p->digits, &m, &why) == -1)
		return kam_err(KAM_EX_USAGE, "invalid amount '%s': %s", amount,
		    why);
	if (m <= 0)
		return kam_err(KAM_EX_USAGE, "a billing item's amount must be "
		    "above 0 ('%s')", amount);
	if (rec_begin(c, &tx, &t, &schema_billing) == -1)
		goto out;
	r = table_add(&t);
	if (store_set_arg(&t, r, "title", title, "title") == -1 ||
	    store_set_arg(&t, r, "amount", amount, "amount") == -1 ||
	    rec_apply(c->p, &tx, &t, r, v->opts, v->nopts, a) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&t, r, BILL_ID));
	if (rec_commit_row(c, &tx, "bill add", &bill_type, &t, r, NULL) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}

/* Set the invoiced or paid date of item id. */
static int
bill_date(const struct rec_ctx *c, const char *id, int32_t date, int col)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *v, *bid;
	char d[11];
	int ret = -1;

	date_fmt(date, d);
	if (rec_begin(c, &tx, &t, &schema_billing) == -1 ||
	    (r = store_lookup(&t, id)) == NULL)
		goto out;
	bid = table_get(&t, r, BILL_ID);
	if (*(v = table_get(&t, r, col)) != '\0') {
		kam_err(KAM_EX_DATA, "billing item %s is already %s (%s)", bid,
		    col == BILL_PAID ? "paid" : "invoiced", v);
		goto out;
	}
	if (col == BILL_PAID) {
		v = table_get(&t, r, BILL_INVOICED);
		if (*v == '\0') {
			kam_err(KAM_EX_DATA, "billing item %s is not invoiced: "
			    "invoice it first (kam bill invoice %s)", bid, bid);
			goto out;
		}
		if (strcmp(d, v) < 0) {
			kam_err(KAM_EX_DATA, "billing item %s was invoiced on %s: "
			    "it cannot be paid before, on %s", bid, v, d);
			goto out;
		}
	}
	table_set(&t, r, col, d);
	if (rec_commit_row(c, &tx, col == BILL_PAID ? "bill paid" :
	    "bill invoice", &bill_type, &t, r, NULL) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}

int
bill_invoice(const struct rec_ctx *c, const char *id, int32_t date)
{
	return bill_date(c, id, date, BILL_INVOICED);
}

int
bill_paid(const struct rec_ctx *c, const char *id, int32_t date)
{
	return bill_date(c, id, date, BILL_PAID);
}

int
bill_list(const struct rec_ctx *c, int open_only)
{
	struct table t = TABLE_INIT;
	struct bill_arg *ba = NULL;
	struct row **rows = NULL;
	size_t i, n = 0;
	int ret = -1;

	if (store_load(c->p, NULL, &schema_billing, &t) == -1 ||
	    (ba = bill_arg_new(c)) == NULL)
		goto out;
	table_sort(&t);
	rows = xcalloc(t.nrows + 1, sizeof(*rows));
	for (i = 0; i < t.nrows; i++)
		if (!open_only || *table_get(&t, &t.rows[i], BILL_PAID) == '\0')
			rows[n++] = &t.rows[i];
	records_print(c->fmt, &t, rows, n, bill_brief, bill_derived,
	    ARRAY_SIZE(bill_derived), ba);
	ret = 0;
out:
	if (ba != NULL)
		bill_arg_free(ba);
	free(rows);
	table_release(&t);
	return ret;
}

int
bill_sum(const struct table *billing, int digits, struct bill_sums *s)
{
	size_t i;
	int64_t v;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < billing->nrows; i++) {
		const struct row *r = &billing->rows[i];

		if (money_parse(table_get(billing, r, BILL_AMOUNT), digits, &v,
		    NULL) == -1)
			continue;
		if (money_add(&s->total, v) == -1 ||
		    ((*table_get(billing, r, BILL_INVOICED) != '\0' ||
		    *table_get(billing, r, BILL_PAID) != '\0') &&
		    money_add(&s->invoiced, v) == -1) ||
		    (*table_get(billing, r, BILL_PAID) != '\0' &&
		    money_add(&s->paid, v) == -1))
			return kam_err(KAM_EX_DATA, "%s: the sum of the billing "
			    "items exceeds the money range", billing->path);
	}
	return 0;
}

static int
margin_range(const char *what)
{
	return kam_err(KAM_EX_DATA, "margin: %s exceeds the money range", what);
}

int
bill_margin(struct margin *m, struct project *p)
{
	struct table billing = TABLE_INIT, tasks = TABLE_INIT;
	struct budget_evm e = BUDGET_EVM_INIT;
	struct bill_sums bs;
	int ret = -1;

	memset(m, 0, sizeof(*m));
	if (store_load(p, NULL, &schema_billing, &billing) == -1 ||
	    bill_sum(&billing, p->digits, &bs) == -1 ||
	    store_load(p, NULL, &schema_tasks, &tasks) == -1 ||
	    budget_evm(&e, p, &tasks) == -1)
		goto out;
	m->contract = p->contract_value;
	m->has_contract = p->has_contract_value;
	m->invoiced = bs.invoiced;
	m->paid = bs.paid;
	if (__builtin_sub_overflow(bs.invoiced, bs.paid, &m->outstanding)) {
		margin_range("outstanding");
		goto out;
	}
	/* Everything spent, in the basis of earned value or outside it;
	 * the whole project's BAC and EAC (budget.h). */
	if (money_add(&m->actual, e.total.ac) == -1 ||
	    money_add(&m->actual, e.outside) == -1) {
		margin_range("the actual cost");
		goto out;
	}
	m->labour = e.labour;
	m->unrated = e.unrated;
	m->expenses = m->actual - e.labour;	/* both within the range */
	m->bac = e.whole_bac;
	m->eac = e.whole_eac;
	m->has_eac = e.total.has_eac;
	if (m->has_contract) {
		if (__builtin_sub_overflow(m->contract, m->bac, &m->planned) ||
		    (m->has_eac && __builtin_sub_overflow(m->contract, m->eac,
		    &m->forecast))) {
			margin_range("the margin");
			goto out;
		}
		m->has_pct = m->has_eac && m->contract > 0;
	}
	ret = 0;
out:
	budget_evm_release(&e);
	table_release(&billing);
	table_release(&tasks);
	return ret;
}
