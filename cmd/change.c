/*
 * change.c: kam change — change requests against agreed requirements
 * (SPEC §3 "Requirements and change control").
 *
 * A change request prices a change (cost, working days) and names the
 * requirement it touches.  The client decides: approve or reject, by a
 * client-side person.  An approval may carry new text for the requirement
 * (title, priority, acceptance); it is applied in the same commit, whose
 * message names the change request, so the requirement's history shows
 * why it changed.  The state machine of lib/reqflow.c decides whether the
 * requirement may take the new text.
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
    "kam change add title [--req REQ-n] [--cost money] [--days n] "
    "[--by P-n]";
static const char list_usage[] =
    "kam change list [--status proposed|approved|rejected] [--req REQ-n]";
static const char show_usage[] = "kam change show CR-n";
static const char approve_usage[] =
    "kam change approve CR-n --by P-n [--date date] [--title text] "
    "[--priority must|should|could|wont] [--acceptance text]";
static const char reject_usage[] =
    "kam change reject CR-n [--by P-n] [--date date]";

static const char *const brief[] = { "id", "title", "req", "cost", "days",
	"status", "requested_by", "decided_by", "decided_on", NULL };

static struct row *
lookup_as(const struct table *t, const char *arg, const char *opt)
{
	char canon[32];
	long num;

	if (id_parse_arg(arg, t->s->prefix, canon, &num, NULL) == -1) {
		kam_err(KAM_EX_USAGE, "%s: invalid %s id '%s' (expected e.g. "
		    "%s-3)", opt, t->s->noun, arg, t->s->prefix);
		return NULL;
	}
	return store_lookup(t, canon);
}

static int
change_add(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "req", required_argument, NULL, 'r' },
		{ "cost", required_argument, NULL, 'c' },
		{ "days", required_argument, NULL, 'd' },
		{ "by", required_argument, NULL, 'b' },
		{ NULL, 0, NULL, 0 }
	};
	struct table changes = TABLE_INIT, reqs = TABLE_INIT,
	    people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *req = NULL, *cost = NULL, *days = NULL, *by = NULL;
	char id[32];
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, add_usage, &err)) != -1)
		switch (ch) {
		case 'r':
			req = optarg;
			break;
		case 'c':
			cost = optarg;
			break;
		case 'd':
			days = optarg;
			break;
		case 'b':
			by = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_changes, &changes) == -1 ||
	    store_load(&k->p, &tx, &schema_requirements, &reqs) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1)
		goto out;
	if (req != NULL && lookup_as(&reqs, req, "--req") == NULL)
		goto out;
	if (by != NULL && lookup_as(&people, by, "--by") == NULL)
		goto out;
	r = table_add(&changes);
	table_set(&changes, r, CHANGE_STATUS, "proposed");
	if (store_set_arg(&changes, r, "title", argv[optind], "title") == -1 ||
	    (req != NULL &&
	    store_set_arg(&changes, r, "req", req, "--req") == -1) ||
	    (cost != NULL &&
	    store_set_arg(&changes, r, "cost", cost, "--cost") == -1) ||
	    (days != NULL &&
	    store_set_arg(&changes, r, "days", days, "--days") == -1) ||
	    (by != NULL &&
	    store_set_arg(&changes, r, "requested_by", by, "--by") == -1) ||
	    store_check_refs(&changes, &reqs) == -1 ||
	    store_check_refs(&changes, &people) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&changes, r, CHANGE_ID));
	store_put(&tx, &changes);
	if (kam_tx_commit(k, &tx, "change add", id, table_get(&changes, r,
	    CHANGE_TITLE)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&changes);
	table_release(&reqs);
	table_release(&people);
	return ret;
}

/* Requirement fields an approval may rewrite. */
struct newtext {
	const char	*col, *opt, *val;
};

/* Remember --title, --priority or --acceptance (the last one given wins). */
static int
set_text(struct newtext *nt, size_t *nnt, int ch, const char *val)
{
	const char *col = ch == 't' ? "title" : ch == 'p' ? "priority" :
	    "acceptance";
	size_t i;

	for (i = 0; i < *nnt; i++)
		if (strcmp(nt[i].col, col) == 0)
			break;
	if (i == *nnt)
		(*nnt)++;
	nt[i].col = col;
	nt[i].opt = ch == 't' ? "--title" : ch == 'p' ? "--priority" :
	    "--acceptance";
	nt[i].val = val;
	return 0;
}

/*
 * approve and reject: decide a proposed change request.  The decider must
 * be on the client side.
 */
static int
decide(int argc, char **argv, struct kam *k, int approve)
{
	static const struct option approve_opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'd' },
		{ "title", required_argument, NULL, 't' },
		{ "priority", required_argument, NULL, 'p' },
		{ "acceptance", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option reject_opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = approve ? approve_usage : reject_usage;
	struct table changes = TABLE_INIT, reqs = TABLE_INIT,
	    people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf why = KAM_BUF_INIT, body = KAM_BUF_INIT;
	struct reqflow_facts f;
	struct newtext nt[3];
	struct row *cr, *p = NULL, *rq = NULL;
	const char *by = NULL, *date = NULL, *st, *side, *old;
	int32_t day;
	char *id = NULL, *title = NULL, on[11];
	size_t nnt = 0, i;
	int ch, err = 0, to, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", approve ? approve_opts :
	    reject_opts, usage, &err)) != -1)
		switch (ch) {
		case 'b':
			by = optarg;
			break;
		case 'd':
			date = optarg;
			break;
		default:
			if (set_text(nt, &nnt, ch, optarg) == -1)
				return -1;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1 || (approve && by == NULL))
		return kam_usage(usage);
	day = k->p.today;
	if (date != NULL && kam_opt_past_date("--date", date, k->p.today,
	    "a decision when it has been made", &day) == -1)
		return -1;
	date_fmt(day, on);
	/* Requirements and people are loaded for every decision: the tables
	 * written must not carry a dangling reference on (RELIABILITY W3). */
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_changes, &changes) == -1 ||
	    store_load(&k->p, &tx, &schema_requirements, &reqs) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1 ||
	    (cr = store_lookup(&changes, argv[optind])) == NULL)
		goto out;
	id = xstrdup(table_get(&changes, cr, CHANGE_ID));
	title = xstrdup(table_get(&changes, cr, CHANGE_TITLE));
	st = table_get(&changes, cr, CHANGE_STATUS);
	if (strcmp(st, "proposed") != 0) {
		kam_err(KAM_EX_DATA, "change request %s is already %s; only a "
		    "proposed change request can be %s (open a new one with "
		    "'kam change add')", id, st, approve ? "approved" :
		    "rejected");
		goto out;
	}
	if (by != NULL) {
		if ((p = lookup_as(&people, by, "--by")) == NULL)
			goto out;
		side = table_get_name(&people, p, "side");
		if (strcmp(side, "client") != 0) {
			if (*side == '\0')
				kam_err(KAM_EX_DATA, "%s has no side in people.csv; "
				    "only a client-side person (side=client) "
				    "decides a change request",
				    table_get(&people, p, PERSON_ID));
			else
				kam_err(KAM_EX_DATA, "%s is on the %s side; only a "
				    "client-side person (people.csv side=client) "
				    "decides a change request",
				    table_get(&people, p, PERSON_ID), side);
			goto out;
		}
	}
	kam_buf_printf(&body, "%s by %s%s%s%s on %s.",
	    approve ? "Approved" : "Rejected",
	    p != NULL ? table_get(&people, p, PERSON_ID) : "no one named",
	    p != NULL ? " (" : "",
	    p != NULL ? table_get_name(&people, p, "name") : "",
	    p != NULL ? ", client side)" : "", on);
	if (approve)
		kam_buf_printf(&body, "\nImpact: cost %s, %s working days.",
		    *table_get(&changes, cr, CHANGE_COST) != '\0' ?
		    table_get(&changes, cr, CHANGE_COST) : "none",
		    *table_get(&changes, cr, CHANGE_DAYS) != '\0' ?
		    table_get(&changes, cr, CHANGE_DAYS) : "0");
	if (nnt > 0) {
		const char *rid = table_get(&changes, cr, CHANGE_REQ);

		if (*rid == '\0') {
			kam_err(KAM_EX_DATA, "change request %s names no "
			    "requirement (its req is empty); %s needs one: "
			    "approve it without new text, or open a change "
			    "request with --req", id, nt[0].opt);
			goto out;
		}
		if ((rq = table_find(&reqs, rid)) == NULL) {
			kam_err(KAM_EX_DATA, "change request %s touches %s, which "
			    "does not exist in %s", id, rid, reqs.path);
			goto out;
		}
		memset(&f, 0, sizeof(f));
		f.id = rid;
		f.status = reqflow_status(table_get_name(&reqs, rq, "status"));
		if ((to = reqflow_decide(REQ_CHANGE, &f, &why)) == -1) {
			kam_err(KAM_EX_DATA, "%s", why.ptr);
			goto out;
		}
		kam_buf_printf(&body, "\nApplied to %s:", rid);
		for (i = 0; i < nnt; i++) {
			old = table_get_name(&reqs, rq, nt[i].col);
			kam_buf_printf(&body, "\n  %s: '%s' -> '%s'", nt[i].col,
			    old, nt[i].val);
			if (store_set_arg(&reqs, rq, nt[i].col, nt[i].val,
			    nt[i].opt) == -1)
				goto out;
		}
		if ((int)f.status != to) {
			table_set(&reqs, rq, REQ_STATUS,
			    reqflow_status_name(to));
			kam_buf_printf(&body, "\n  status: %s -> %s (the new text "
			    "is not yet tested)", reqflow_status_name(f.status),
			    reqflow_status_name(to));
			fprintf(stderr, "kam: %s is %s again: its new text needs "
			    "a passing quality check before it is done\n", rid,
			    reqflow_status_name(to));
		}
	}
	table_set(&changes, cr, CHANGE_STATUS,
	    approve ? "approved" : "rejected");
	table_set(&changes, cr, CHANGE_DECIDED_BY,
	    p != NULL ? table_get(&people, p, PERSON_ID) :
	    NULL);
	table_set(&changes, cr, CHANGE_DECIDED_ON, on);
	if (store_check_refs(&changes, &reqs) == -1 ||
	    store_check_refs(&changes, &people) == -1 ||
	    (rq != NULL && store_check_refs(&reqs, &people) == -1))
		goto out;
	store_put(&tx, &changes);
	if (rq != NULL)
		store_put(&tx, &reqs);
	if (kam_tx_commit_body(k, &tx, approve ? "change approve" : "change reject",
	    id, title, body.ptr) == -1)
		goto out;
	ret = 0;
out:
	free(id);
	free(title);
	kam_buf_release(&why);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&changes);
	table_release(&reqs);
	table_release(&people);
	return ret;
}

static int
change_approve(int argc, char **argv, struct kam *k)
{
	return decide(argc, argv, k, 1);
}

static int
change_reject(int argc, char **argv, struct kam *k)
{
	return decide(argc, argv, k, 0);
}

/*
 * kam change list: the change requests, then one line with the totals of
 * the approved ones among them (cost and working days), the impact on
 * budget and plan.  JSON and CSV carry it as a last record with a null id.
 */
static int
change_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "req", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct table changes = TABLE_INIT;
	struct out o = OUT_INIT;
	struct out_col *cols = NULL;
	const char **cells = NULL, *status = NULL, *why;
	struct row **rows = NULL;
	size_t *idx = NULL, ncols = 0, i, j, n = 0, napproved = 0;
	char req[32], costs[32], dayss[32], count[48];
	int64_t cost = 0, m;
	long days = 0, d, num;
	int ch, err = 0, ret = -1, all;

	req[0] = '\0';
	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 's':
			if (strcmp(optarg, "proposed") != 0 &&
			    strcmp(optarg, "approved") != 0 &&
			    strcmp(optarg, "rejected") != 0)
				return kam_err(KAM_EX_USAGE, "--status: expected "
				    "proposed, approved or rejected, not '%s'",
				    optarg);
			status = optarg;
			break;
		case 'r':
			if (id_parse_arg(optarg, "REQ", req, &num, NULL) == -1)
				return kam_err(KAM_EX_USAGE, "--req: invalid "
				    "requirement id '%s' (expected e.g. REQ-3)",
				    optarg);
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (store_load(&k->p, NULL, &schema_changes, &changes) == -1)
		goto out;
	table_sort(&changes);

	/* JSON and CSV: every column of the file; table and Markdown: the
	 * brief ones. */
	all = k->fmt == FMT_JSON || k->fmt == FMT_CSV;
	idx = xcalloc(changes.ncols, sizeof(*idx));
	cols = xcalloc(changes.ncols, sizeof(*cols));
	cells = xcalloc(changes.ncols, sizeof(*cells));
	for (i = 0; i < changes.ncols; i++) {
		if (!all) {
			for (j = 0; brief[j] != NULL; j++)
				if (strcmp(brief[j], changes.header[i]) == 0)
					break;
			if (brief[j] == NULL)
				continue;
		}
		idx[ncols] = i;
		cols[ncols].name = changes.header[i];
		cols[ncols++].type = records_col_type(&changes, i);
	}

	/* Select and total first, so that bad data prints nothing. */
	rows = xcalloc(changes.nrows + 1, sizeof(*rows));
	for (i = 0; i < changes.nrows; i++) {
		struct row *r = &changes.rows[i];

		if (status != NULL &&
		    strcmp(table_get(&changes, r, CHANGE_STATUS), status) != 0)
			continue;
		if (req[0] != '\0' &&
		    strcmp(table_get(&changes, r, CHANGE_REQ), req) != 0)
			continue;
		rows[n++] = r;
		if (strcmp(table_get(&changes, r, CHANGE_STATUS),
		    "approved") != 0)
			continue;
		napproved++;
		if (*table_get(&changes, r, CHANGE_COST) != '\0' &&
		    (money_parse(table_get(&changes, r, CHANGE_COST),
		    changes.digits,
		    &m, &why) == -1 || money_add(&cost, m) == -1)) {
			kam_err(KAM_EX_DATA, "%s:%lu: cost: the total of approved "
			    "costs is out of range", changes.path, r->line);
			goto out;
		}
		if (*table_get(&changes, r, CHANGE_DAYS) != '\0' &&
		    int_parse(table_get(&changes, r, CHANGE_DAYS), -100000,
		    100000,
		    &d, NULL) == 0)
			days += d;
	}
	out_begin(&o, k->fmt, cols, ncols);
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols; j++)
			cells[j] = rows[i]->cell[idx[j]];
		out_row(&o, cells);
	}
	/* The totals line. */
	money_fmt(cost, changes.digits, costs);
	snprintf(dayss, sizeof(dayss), "%ld", days);
	snprintf(count, sizeof(count), "total of %zu approved", napproved);
	for (j = 0; j < ncols; j++) {
		const char *name = cols[j].name;

		cells[j] = strcmp(name, "cost") == 0 ? costs :
		    strcmp(name, "days") == 0 ? dayss :
		    strcmp(name, "title") == 0 ? count : NULL;
	}
	out_row(&o, cells);
	out_end(&o);
	ret = 0;
out:
	free(rows);
	free(idx);
	free(cols);
	free(cells);
	table_release(&changes);
	return ret;
}

static int
change_show(int argc, char **argv, struct kam *k)
{
	return kam_show_record(argc, argv, k, &schema_changes, show_usage,
	    NULL, 0);
}

const struct verb change_verbs[] = {
	{ "add", change_add, NEED_PROJECT | WRITES, add_usage,
	    "--req= --cost= --days= --by=", "open a change request" },
	{ "approve", change_approve, NEED_PROJECT | WRITES, approve_usage,
	    "--by= --date= --title= --priority= --acceptance=",
	    "approve a change request (client side)" },
	{ "list", change_list, NEED_PROJECT, list_usage, "--status= --req=",
	    "list change requests with approved totals" },
	{ "reject", change_reject, NEED_PROJECT | WRITES, reject_usage,
	    "--by= --date=", "reject a change request" },
	{ "show", change_show, NEED_PROJECT, show_usage, "",
	    "show one change request" },
};
const size_t change_nverbs = ARRAY_SIZE(change_verbs);
