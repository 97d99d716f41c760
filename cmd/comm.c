/*
 * comm.c: kam comm — the communication plan (SPEC §3 "Communication"):
 * what is communicated to whom, how often, and when it was last done.
 *
 * A communication is next due one period after it was last done: daily 1
 * day, weekly 7, biweekly 14, monthly the same day of the next month (the
 * month's last day when it has fewer days), quarterly the same three
 * months on.  One never done counts from the project's start, as kam
 * check's comm-overdue rule does (lib/health.c), so that both tell the
 * same story; without project.start it is due today.  `next` and
 * `overdue_days` are derived on every read and never stored.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/health.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char add_usage[] =
    "kam comm add title --frequency daily|weekly|biweekly|monthly|quarterly "
    "[--audience who] [--channel c] [--owner P-n]";
static const char done_usage[] = "kam comm done C-n [--date date]";
static const char list_usage[] = "kam comm list [--owner P-n]";
static const char due_usage[] = "kam comm due [--owner P-n]";

static const char *const brief[] = { "id", "title", "audience", "channel",
	"frequency", "owner", "last", "next", "overdue_days", NULL };

/* The next date of row r. */
static int32_t
next_of(const struct table *t, const struct row *r, const struct project *p)
{
	int32_t last;

	if (date_parse(table_get(t, r, COMM_LAST), &last, NULL) == -1) {
		if (p->start == 0)
			return p->today;
		last = p->start;
	}
	return health_comm_next(p, table_get(t, r, COMM_FREQUENCY), last);
}

static const char *
d_next(const struct table *t, const struct row *r, char *buf, void *arg)
{
	return date_fmt(next_of(t, r, arg), buf);
}

static const char *
d_overdue(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const struct project *p = arg;
	int32_t next = next_of(t, r, p);

	snprintf(buf, 64, "%ld", next < p->today ? (long)(p->today - next) :
	    0L);
	return buf;
}

static const struct derived comm_derived[] = {
	{ "next", OT_TEXT, d_next },
	{ "overdue_days", OT_NUM, d_overdue },
};

/*
 * --audience: a list of people ("P-1,P-4" or "p-1 p-4") is stored as
 * canonical ids separated by spaces, each of which must exist; anything
 * else is free text ("steering committee").
 */
static int
set_audience(struct table *comms, struct row *r, const struct table *people,
    const char *val)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p = val, *q;
	char one[64], canon[32];
	long num;
	size_t n;
	int ret = -1;

	while (*p != '\0') {
		q = p + strcspn(p, " ,");
		n = (size_t)(q - p);
		if (n > 0) {
			if (n >= sizeof(one))
				break;
			memcpy(one, p, n);
			one[n] = '\0';
			if (id_parse_arg(one, "P", canon, &num, NULL) == -1)
				break;
			if (store_lookup(people, canon) == NULL)
				goto out;
			if (b.len > 0)
				kam_buf_putc(&b, ' ');
			kam_buf_puts(&b, canon);
		}
		p = *q != '\0' ? q + 1 : q;
	}
	if (*p == '\0' && b.len > 0)
		ret = store_set_arg(comms, r, "audience", b.ptr, "--audience");
	else
		ret = store_set_arg(comms, r, "audience", val, "--audience");
out:
	kam_buf_release(&b);
	return ret;
}

static int
comm_add(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "frequency", required_argument, NULL, 'f' },
		{ "audience", required_argument, NULL, 'a' },
		{ "channel", required_argument, NULL, 'c' },
		{ "owner", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct table comms = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *freq = NULL, *audience = NULL, *channel = NULL;
	const char *owner = NULL;
	char id[32];
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, add_usage, &err)) != -1)
		switch (ch) {
		case 'f':
			freq = optarg;
			break;
		case 'a':
			audience = optarg;
			break;
		case 'c':
			channel = optarg;
			break;
		case 'o':
			owner = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (freq == NULL)
		return kam_err(KAM_EX_USAGE, "a communication needs --frequency "
		    "(daily, weekly, biweekly, monthly or quarterly)");
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_comms, &comms) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1)
		goto out;
	r = table_add(&comms);
	if (store_set_arg(&comms, r, "title", argv[optind], "title") == -1 ||
	    store_set_arg(&comms, r, "frequency", freq, "--frequency") == -1 ||
	    (channel != NULL && store_set_arg(&comms, r, "channel", channel,
	    "--channel") == -1) ||
	    (audience != NULL && set_audience(&comms, r, &people,
	    audience) == -1))
		goto out;
	if (owner != NULL && *owner != '\0' &&
	    store_lookup(&people, owner) == NULL)
		goto out;
	if ((owner != NULL && store_set_arg(&comms, r, "owner", owner,
	    "--owner") == -1) || store_check_refs(&comms, &people) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&comms, r, COMM_ID));
	store_put(&tx, &comms);
	if (kam_tx_commit(k, &tx, "comm add", id, table_get(&comms, r,
	    COMM_TITLE)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&comms);
	table_release(&people);
	return ret;
}

static int
comm_done(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' }, { NULL, 0, NULL, 0 } };
	struct table comms = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *why;
	char day[11], t[11];
	int32_t date = k->p.today, last;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, done_usage, &err)) != -1)
		if (date_parse(optarg, &date, &why) == -1)
			return kam_err(KAM_EX_USAGE, "--date: invalid date '%s': "
			    "%s", optarg, why);
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(done_usage);
	if (date > k->p.today)
		return kam_err(KAM_EX_USAGE, "--date: %s is after today (%s); "
		    "record a communication when it has been made",
		    date_fmt(date, day), date_fmt(k->p.today, t));
	date_fmt(date, day);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_comms, &comms) == -1 ||
	    (r = store_lookup(&comms, argv[optind])) == NULL)
		goto out;
	if (date_parse(table_get(&comms, r, COMM_LAST), &last, NULL) == 0 &&
	    last > date) {
		kam_err(KAM_EX_DATA, "communication %s was last done on %s, "
		    "after %s; a later date is needed",
		    table_get(&comms, r, COMM_ID), table_get(&comms, r,
		    COMM_LAST),
		    day);
		goto out;
	}
	table_set(&comms, r, COMM_LAST, day);
	if (kam_tx_commit_row(k, &tx, "comm done", &comms, r) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&comms);
	return ret;
}

static const struct project *sort_project;
static const struct table *sort_table;

/* Most overdue first, then by id. */
static int
cmp_next(const void *a, const void *b)
{
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	int32_t nx = next_of(sort_table, x, sort_project);
	int32_t ny = next_of(sort_table, y, sort_project);

	if (nx != ny)
		return nx < ny ? -1 : 1;
	return x->num < y->num ? -1 : x->num > y->num;
}

/* list and due: due_only keeps what is due today or earlier. */
static int
comm_print(int argc, char **argv, struct kam *k, const char *usage,
    int due_only)
{
	static const struct option opts[] = {
		{ "owner", required_argument, NULL, 'o' }, { NULL, 0, NULL, 0 } };
	struct table comms = TABLE_INIT;
	struct row **rows = NULL;
	char owner[32] = "";
	long num;
	size_t i, n = 0;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, usage, &err)) != -1)
		if (id_parse_arg(optarg, "P", owner, &num, NULL) == -1)
			return kam_err(KAM_EX_USAGE, "--owner: invalid person id "
			    "'%s' (expected e.g. P-3)", optarg);
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(usage);
	if (store_load(&k->p, NULL, &schema_comms, &comms) == -1)
		goto out;
	table_sort(&comms);
	rows = xcalloc(comms.nrows + 1, sizeof(*rows));
	for (i = 0; i < comms.nrows; i++) {
		struct row *r = &comms.rows[i];

		if (owner[0] != '\0' &&
		    strcmp(table_get(&comms, r, COMM_OWNER), owner) != 0)
			continue;
		if (due_only && next_of(&comms, r, &k->p) > k->p.today)
			continue;
		rows[n++] = r;
	}
	if (due_only) {
		sort_project = &k->p;
		sort_table = &comms;
		qsort(rows, n, sizeof(*rows), cmp_next);
	}
	records_print(k->fmt, &comms, rows, n, brief, comm_derived,
	    ARRAY_SIZE(comm_derived), &k->p);
	ret = 0;
out:
	free(rows);
	table_release(&comms);
	return ret;
}

static int
comm_list(int argc, char **argv, struct kam *k)
{
	return comm_print(argc, argv, k, list_usage, 0);
}

static int
comm_due(int argc, char **argv, struct kam *k)
{
	return comm_print(argc, argv, k, due_usage, 1);
}

const struct verb comm_verbs[] = {
	{ "add", comm_add, NEED_PROJECT | WRITES, add_usage,
	    "--frequency= --audience= --channel= --owner=",
	    "plan a recurring communication" },
	{ "done", comm_done, NEED_PROJECT | WRITES, done_usage, "--date=",
	    "record that a communication was made" },
	{ "due", comm_due, NEED_PROJECT, due_usage, "--owner=",
	    "communications due today or overdue" },
	{ "list", comm_list, NEED_PROJECT, list_usage, "--owner=",
	    "the communication plan" },
};
const size_t comm_nverbs = ARRAY_SIZE(comm_verbs);
