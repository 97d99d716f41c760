/*
 * bill.h: what the client pays (issue 16): billing.csv, prefix B, one
 * billing item a row (title, amount, milestone task, due, invoiced and
 * paid dates), declared in schema.h (BILL_COLUMNS).
 *
 * An item's state follows from its dates:
 *   paid       the paid date is set;
 *   invoiced   the invoiced date is set;
 *   due        its due date is today or past, or its milestone task is
 *              finished (the task's finish date is then its due date);
 *   planned    otherwise.
 */
#ifndef KAM_BILL_H
#define KAM_BILL_H

#include <stdint.h>

#include "project.h"
#include "record.h"
#include "table.h"

enum bill_state { BILLST_PLANNED, BILLST_DUE, BILLST_INVOICED, BILLST_PAID };
/* "planned", "due", "invoiced", "paid". */
const char	*bill_state_name(enum bill_state st);

/* Item r of billing: its state as of today and the day it is (or was)
 * due, 0 when neither its due date nor a finished milestone says.  tasks
 * (schema_tasks, sorted) may be NULL: milestones are then unknown. */
enum bill_state	bill_state_of(const struct table *billing,
		    const struct row *r, const struct table *tasks,
		    int32_t today, int32_t *due);

/*
 * kam bill add (the REC_CALL of its rec_verb v): a new item titled
 * a->operand of the amount a->rest[0] (> 0) with the options of a
 * (BILL_FIELDS, v->opts), one commit "kam: bill add B-n: title"; prints
 * the id.
 * kam bill invoice / paid: set the invoiced or paid date of item id
 * (date <= today, and a payment not before its invoice); 65 when it is
 * already invoiced or paid, or a payment is recorded before the invoice.
 * 0, or -1 reported.
 */
int	bill_add(const struct rec_ctx *c, const struct rec_verb *v,
	    const struct rec_args *a);
int	bill_invoice(const struct rec_ctx *c, const char *id, int32_t date);
int	bill_paid(const struct rec_ctx *c, const char *id, int32_t date);

/* kam bill list: every item, or the unpaid ones (open_only), by id, with
 * the derived state and due date. */
int	bill_list(const struct rec_ctx *c, int open_only);

/* The money of billing.csv: amounts invoiced and paid, and their total. */
struct bill_sums {
	int64_t		 total, invoiced, paid;
};
/* Sum the items of billing (read and valid); -1 (65) on overflow. */
int	bill_sum(const struct table *billing, int digits, struct bill_sums *s);

/*
 * kam budget margin: the project's economic result, exact money.
 *   contract   project.contract-value (has_contract: it is set)
 *   invoiced, paid, outstanding (= invoiced - paid) from billing.csv
 *   expenses, labour, actual: everything spent up to today (earned
 *              value's AC and what lies outside its basis, budget.h)
 *   unrated    hours booked by people without a rate (no labour cost)
 *   bac        the whole project's: EVM's BAC and budget.csv outside
 *              its basis
 *   eac        EVM's estimate at completion, and outside its basis the
 *              plan or what it cost already when more (has_eac: EV > 0)
 *   planned    contract - bac (has_contract)
 *   forecast   contract - eac (has_contract && has_eac)
 *   pct        forecast / contract in hundredths of a percent, as
 *              budget_pct_fmt() writes it (has_pct: contract > 0)
 */
struct margin {
	int64_t		 contract, invoiced, paid, outstanding;
	int64_t		 expenses, labour, actual, bac, eac, planned, forecast;
	int64_t		 unrated;	/* quarter hours without a day rate */
	unsigned	 has_contract : 1, has_eac : 1, has_pct : 1;
};
int	bill_margin(struct margin *m, struct project *p);

#endif
