/*
 * bill.c: kam bill — what the client pays (issue 16): billing items in
 * billing.csv, declared in lib/schema.h (BILL_COLUMNS, BILL_FIELDS); the
 * rules are lib/bill.c, the transaction tail lib/record.c; set and show
 * are the generic verbs of lib/record.c on bill_type.
 */
#include <string.h>

#include "cmd.h"
#include "../lib/bill.h"
#include "../lib/record.h"
#include "../lib/rectype.h"

/* The options of the verbs that are not generic (lib/parseopt.c). */
struct opts {
	int32_t		 date;
	int		 open;
};
#define DATE_OPT(O, what)						\
	O(ARG, "B-n")							\
	O(PAST, OPT, "d", "date", date, "date", what, "when (today)")
#define INVOICE_OPTS(O)							\
	O(CMD, "kam bill invoice")					\
	DATE_OPT(O, "an invoice when it has been sent")
#define PAID_OPTS(O)							\
	O(CMD, "kam bill paid") DATE_OPT(O, "a payment when it has arrived")
#define LIST_OPTS(O)							\
	O(CMD, "kam bill list")						\
	O(FLAG, OPT, "", "open", open, "items not paid")

REC_FIELDS_VERB(bill_add_cmd, "add", "a billing item of the contract", CALL,
    ADD, "kam bill add title amount", BILL_FIELDS, .call = bill_add,
    .operands = 2)
REC_FIELDS_VERB(bill_set, "set", "edit a billing item", SET, SET,
    "kam bill set B-n", BILL_FIELDS, .rt = &bill_type)
REC_VERB(bill_show, "show", "one billing item with its state", SHOW,
    "kam bill show B-n", .rt = &bill_type)

/* invoice and paid: B-n [--date date], today by default. */
static int
dated(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return strcmp(k->verb, "paid") == 0 ?
	    bill_paid(&c, k->argv[0], o->date) :
	    bill_invoice(&c, k->argv[0], o->date);
}
KAM_VERB_RUN(bill_invoice_cmd, "invoice", NEED_PROJECT | WRITES,
    "record that an item was invoiced", INVOICE_OPTS, dated,
    { .date = k->p.today })
KAM_VERB_RUN(bill_paid_cmd, "paid", NEED_PROJECT | WRITES,
    "record that an item was paid", PAID_OPTS, dated, { .date = k->p.today })

KAM_VERB(bill_list_cmd, "list", NEED_PROJECT, "billing items and their state",
    LIST_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return bill_list(&c, o->open);
}

const struct verb *const bill_verbs[] = {
	&bill_add_cmd_verb, &bill_invoice_cmd_verb, &bill_list_cmd_verb,
	&bill_paid_cmd_verb, &bill_set_verb, &bill_show_verb, NULL
};
