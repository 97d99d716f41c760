/*
 * bill.c: kam bill — what the client pays (issue 16): billing items in
 * billing.csv, declared in lib/schema.h (BILL_COLUMNS, BILL_FIELDS); the
 * rules are lib/bill.c, the transaction tail lib/record.c; set and show
 * are the generic verbs of lib/record.c on bill_type.
 */
#include <getopt.h>
#include <string.h>

#include "cmd.h"
#include "../lib/bill.h"
#include "../lib/record.h"
#include "../lib/rectype.h"

static const char add_usage[] = "kam bill add title amount"
    BILL_FIELDS(REC_USAGE_ADD);
static const char set_usage[] = "kam bill set B-n"
    BILL_FIELDS(REC_USAGE_SET);
static const char show_usage[] = "kam bill show B-n";
static const char invoice_usage[] = "kam bill invoice B-n [--date date]";
static const char paid_usage[] = "kam bill paid B-n [--date date]";
static const char list_usage[] = "kam bill list [--open]";

static const struct rec_opt add_opts[] = { BILL_FIELDS(REC_OPT_ADD) };
static const struct rec_opt set_opts[] = { BILL_FIELDS(REC_OPT_SET) };

static const struct rec_verb set = { .usage = set_usage, .rt = &bill_type,
	.kind = REC_SET, .opts = set_opts, .nopts = ARRAY_SIZE(set_opts) };
static const struct rec_verb show = { .usage = show_usage, .rt = &bill_type,
	.kind = REC_SHOW };
REC_FN(bill_set, set)
REC_FN(bill_show, show)

static struct rec_ctx
ctx(struct kam *k)
{
	struct rec_ctx c = { &k->p, k->fmt, k->no_commit, k->msg,
	    k->no_verify };

	return c;
}

static int
bill_add_cmd(int argc, char **argv, struct kam *k)
{
	struct rec_ctx c = ctx(k);
	struct rec_args a;

	if (rec_parse(add_opts, ARRAY_SIZE(add_opts), argc, argv, add_usage,
	    2, &a) == -1)
		return -1;
	return bill_add(&c, a.operand, a.rest[0], add_opts,
	    ARRAY_SIZE(add_opts), &a);
}

/* invoice and paid: B-n [--date date], today by default. */
static int
dated(int argc, char **argv, struct kam *k, const char *usage, int paid)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_ctx c = ctx(k);
	int32_t d = k->p.today;
	int ch, err = 0;

	while ((ch = kam_getopt(argc, argv, "d:", opts, usage, &err)) != -1)
		if (kam_opt_past_date("--date", optarg, k->p.today, paid ?
		    "a payment when it has arrived" : "an invoice when it "
		    "has been sent", &d) == -1)
			return -1;
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(usage);
	return paid ? bill_paid(&c, argv[optind], d) :
	    bill_invoice(&c, argv[optind], d);
}

static int
bill_invoice_cmd(int argc, char **argv, struct kam *k)
{
	return dated(argc, argv, k, invoice_usage, 0);
}

static int
bill_paid_cmd(int argc, char **argv, struct kam *k)
{
	return dated(argc, argv, k, paid_usage, 1);
}

static int
bill_list_cmd(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'O' },
		{ NULL, 0, NULL, 0 }
	};
	struct rec_ctx c = ctx(k);
	int ch, err = 0, open_only = 0;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		open_only = 1;
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	return bill_list(&c, open_only);
}

const struct verb bill_verbs[] = {
	{ "add", bill_add_cmd, NEED_PROJECT | WRITES, add_usage,
	    BILL_FIELDS(REC_COMPLETE_ADD), "a billing item of the contract" },
	{ "invoice", bill_invoice_cmd, NEED_PROJECT | WRITES, invoice_usage,
	    "--date=", "record that an item was invoiced" },
	{ "list", bill_list_cmd, NEED_PROJECT, list_usage, "--open",
	    "billing items and their state" },
	{ "paid", bill_paid_cmd, NEED_PROJECT | WRITES, paid_usage, "--date=",
	    "record that an item was paid" },
	{ "set", bill_set, NEED_PROJECT | WRITES, set_usage,
	    BILL_FIELDS(REC_COMPLETE_SET), "edit a billing item" },
	{ "show", bill_show, NEED_PROJECT, show_usage, "",
	    "one billing item with its state" },
};
const size_t bill_nverbs = ARRAY_SIZE(bill_verbs);
