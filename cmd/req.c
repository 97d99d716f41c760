/*
 * req.c: kam req — requirements and the client's sign-off (SPEC §3
 * "Requirements and change control").
 *
 * The state machine and its rules live in lib/reqflow.c; this file loads
 * what a rule needs (the confirmer's side, the quality checks), asks
 * reqflow_decide() and writes the outcome as one commit.
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
    "kam req add title [--priority must|should|could|wont] [--source P-n] "
    "[--acceptance text]";
static const char set_usage[] =
    "kam req set REQ-n [--title text] [--priority must|should|could|wont] "
    "[--source P-n] [--acceptance text]";
static const char list_usage[] =
    "kam req list [--key] [--priority must|should|could|wont] "
    "[--status draft|analysed|confirmed|done|rejected] [--source P-n]";
static const char show_usage[] = "kam req show REQ-n";
static const char analyse_usage[] = "kam req analyse REQ-n";
static const char confirm_usage[] =
    "kam req confirm REQ-n --by P-n [--date date]";
static const char reject_usage[] = "kam req reject REQ-n";
static const char done_usage[] = "kam req done REQ-n";
static const char trace_usage[] =
    "kam req trace [--key] [--flagged] [REQ-n ...]";

static const struct option field_opts[] = {
	{ "title", required_argument, NULL, 't' },
	{ "priority", required_argument, NULL, 'p' },
	{ "source", required_argument, NULL, 's' },
	{ "acceptance", required_argument, NULL, 'a' },
	{ NULL, 0, NULL, 0 }
};

static const struct option no_opts[] = { { NULL, 0, NULL, 0 } };

static const char *const brief[] = { "id", "title", "priority", "status",
	"source", "confirmed_by", "confirmed_on", NULL };

struct setting {
	const char	*col, *val;
};

/* The person `arg` (a command-line id) in people, or NULL after 64/65. */
static struct row *
person(const struct table *people, const char *arg, const char *opt)
{
	char canon[32];
	long num;

	if (id_parse_arg(arg, "P", canon, &num, NULL) == -1) {
		kam_err(KAM_EX_USAGE, "%s: invalid person id '%s' (expected e.g. "
		    "P-3)", opt, arg);
		return NULL;
	}
	return store_lookup(people, canon);
}

static int
collect(int argc, char **argv, const char *usage, struct setting *set,
    size_t *nset, int *edits)
{
	int ch, err = 0;
	size_t i;

	*nset = 0;
	*edits = 0;
	while ((ch = kam_getopt(argc, argv, "", field_opts, usage, &err)) != -1) {
		for (i = 0; field_opts[i].name != NULL; i++)
			if (field_opts[i].val == ch)
				break;
		if (*nset == 16)
			return kam_err(KAM_EX_USAGE, "too many options");
		set[*nset].col = field_opts[i].name;
		set[(*nset)++].val = optarg;
		/* Everything but the source is the agreed content. */
		if (ch != 's')
			*edits = 1;
	}
	return err ? -1 : 0;
}

static int
apply(struct table *reqs, const struct table *people, struct row *r,
    const struct setting *set, size_t nset)
{
	size_t i;

	for (i = 0; i < nset; i++) {
		if (strcmp(set[i].col, "source") == 0 && *set[i].val != '\0' &&
		    person(people, set[i].val, "--source") == NULL)
			return -1;
		if (store_set_arg(reqs, r, set[i].col, set[i].val,
		    set[i].col) == -1)
			return -1;
	}
	return 0;
}

static int
req_add(int argc, char **argv, struct kam *k)
{
	struct table reqs = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct setting set[16];
	size_t nset, i;
	struct row *r;
	char id[32];
	int edits, ret = -1;

	if (collect(argc, argv, add_usage, set, &nset, &edits) == -1)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	for (i = 0; i < nset; i++)
		if (strcmp(set[i].col, "title") == 0) {
			kam_err(KAM_EX_USAGE, "unknown option '--title' (the "
			    "title is the operand)");
			return kam_usage(add_usage);
		}
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_requirements, &reqs) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1)
		goto out;
	r = table_add(&reqs);
	table_set(&reqs, r, REQ_PRIORITY, "should");
	table_set(&reqs, r, REQ_STATUS, "draft");
	if (store_set_arg(&reqs, r, "title", argv[optind], "title") == -1 ||
	    apply(&reqs, &people, r, set, nset) == -1 ||
	    store_check_refs(&reqs, &people) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&reqs, r, REQ_ID));
	store_put(&tx, &reqs);
	if (kam_tx_commit(k, &tx, "req add", id, table_get(&reqs, r,
	    REQ_TITLE)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&reqs);
	table_release(&people);
	return ret;
}

static int
req_set(int argc, char **argv, struct kam *k)
{
	struct table reqs = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf why = KAM_BUF_INIT;
	struct reqflow_facts f;
	struct setting set[16];
	size_t nset;
	struct row *r;
	char *id = NULL;
	int edits, ret = -1;

	if (collect(argc, argv, set_usage, set, &nset, &edits) == -1)
		return -1;
	if (argc - optind != 1 || nset == 0)
		return kam_usage(set_usage);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_requirements, &reqs) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1 ||
	    (r = store_lookup(&reqs, argv[optind])) == NULL)
		goto out;
	id = xstrdup(table_get(&reqs, r, REQ_ID));
	memset(&f, 0, sizeof(f));
	f.id = id;
	f.status = reqflow_status(table_get(&reqs, r, REQ_STATUS));
	if (edits && reqflow_decide(REQ_EDIT, &f, &why) == -1) {
		kam_err(KAM_EX_DATA, "%s", why.ptr);
		goto out;
	}
	if (apply(&reqs, &people, r, set, nset) == -1 ||
	    store_check_refs(&reqs, &people) == -1)
		goto out;
	store_put(&tx, &reqs);
	if (kam_tx_commit(k, &tx, "req set", id, table_get(&reqs, r,
	    REQ_TITLE)) == -1)
		goto out;
	ret = 0;
out:
	free(id);
	kam_buf_release(&why);
	tx_release(&tx);
	table_release(&reqs);
	table_release(&people);
	return ret;
}

/*
 * analyse, confirm, reject and done: one transition of the state machine,
 * with the facts its rules need.
 */
static int
transition(int argc, char **argv, struct kam *k, enum req_action a,
    const char *usage)
{
	static const struct option confirm_opts[] = {
		{ "by", required_argument, NULL, 'b' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct table reqs = TABLE_INIT, people = TABLE_INIT, quality = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf why = KAM_BUF_INIT, body = KAM_BUF_INIT;
	struct reqflow_facts f;
	struct reqflow_checks qc;
	struct row *r, *p = NULL;
	const char *by = NULL, *date = NULL;
	int32_t day;
	char *id = NULL, *title = NULL, on[11], cmd[32];
	int ch, err = 0, to, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", a == REQ_CONFIRM ?
	    confirm_opts : no_opts, usage, &err)) != -1) {
		if (ch == 'b')
			by = optarg;
		else
			date = optarg;
	}
	if (err)
		return -1;
	if (argc - optind != 1 || (a == REQ_CONFIRM && by == NULL))
		return kam_usage(usage);
	day = k->p.today;
	if (date != NULL && kam_opt_past_date("--date", date, k->p.today,
	    "a decision when it has been made", &day) == -1)
		return -1;
	date_fmt(day, on);
	/* The people are loaded for every transition: the table written must
	 * not carry a dangling reference on (RELIABILITY W3). */
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_requirements, &reqs) == -1 ||
	    store_load(&k->p, &tx, &schema_people, &people) == -1 ||
	    (r = store_lookup(&reqs, argv[optind])) == NULL)
		goto out;
	id = xstrdup(table_get(&reqs, r, REQ_ID));
	title = xstrdup(table_get(&reqs, r, REQ_TITLE));
	memset(&f, 0, sizeof(f));
	f.id = id;
	f.status = reqflow_status(table_get(&reqs, r, REQ_STATUS));
	f.acceptance = table_get(&reqs, r, REQ_ACCEPTANCE);
	if (a == REQ_CONFIRM) {
		if ((p = person(&people, by, "--by")) == NULL)
			goto out;
		f.by = table_get(&people, p, PERSON_ID);
		f.by_side = table_get_name(&people, p, "side");
	}
	if (a == REQ_FINISH) {
		if (store_load(&k->p, &tx, &schema_quality, &quality) == -1)
			goto out;
		reqflow_checks(&quality, id, &qc);
		f.check = qc.latest_result;
		if (qc.latest != NULL)
			f.check_id = table_get(&quality, qc.latest, QA_ID);
	}
	if ((to = reqflow_decide(a, &f, &why)) == -1) {
		kam_err(KAM_EX_DATA, "%s", why.ptr);
		goto out;
	}
	table_set(&reqs, r, REQ_STATUS, reqflow_status_name(to));
	kam_buf_printf(&body, "Status: %s -> %s.",
	    reqflow_status_name(f.status), reqflow_status_name(to));
	if (a == REQ_CONFIRM) {
		table_set(&reqs, r, REQ_CONFIRMED_BY, f.by);
		table_set(&reqs, r, REQ_CONFIRMED_ON, on);
		kam_buf_printf(&body, "\nConfirmed by %s (%s, client side) on %s."
		    "\nAcceptance: %s", f.by, table_get_name(&people, p, "name"),
		    on, f.acceptance);
	}
	if (a == REQ_FINISH)
		kam_buf_printf(&body, "\nPassing quality check: %s (%s).",
		    f.check_id, table_get_name(&quality, qc.latest, "date"));
	if (store_check_refs(&reqs, &people) == -1)
		goto out;
	store_put(&tx, &reqs);
	snprintf(cmd, sizeof(cmd), "req %s", reqflow_action_name(a));
	if (kam_tx_commit_body(k, &tx, cmd, id, title, body.ptr) == -1)
		goto out;
	ret = 0;
out:
	free(id);
	free(title);
	kam_buf_release(&why);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&reqs);
	table_release(&people);
	table_release(&quality);
	return ret;
}

static int
req_analyse(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, REQ_ANALYSE, analyse_usage);
}

static int
req_confirm(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, REQ_CONFIRM, confirm_usage);
}

static int
req_reject(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, REQ_REJECT, reject_usage);
}

static int
req_done(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, REQ_FINISH, done_usage);
}

/* An enum option value checked against the schema column; 0 or -1 (64). */
static int
enum_opt(const char *opt, const char *col, const char *val)
{
	const struct column *c = &schema_requirements.cols[
	    schema_col(&schema_requirements, col)];
	const char *why;

	if (table_check_value(c, 2, val, &why) == -1 || *val == '\0')
		return kam_err(KAM_EX_USAGE, "%s: invalid value '%s': %s", opt,
		    val, *val == '\0' ? "must not be empty" : why);
	return 0;
}

static int
req_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "key", no_argument, NULL, 'k' },
		{ "priority", required_argument, NULL, 'p' },
		{ "status", required_argument, NULL, 's' },
		{ "source", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct table reqs = TABLE_INIT;
	struct row **rows = NULL;
	const char *priority = NULL, *status = NULL;
	char source[32];
	long num;
	size_t i, n = 0;
	int ch, err = 0, ret = -1;

	source[0] = '\0';
	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 'k':
			priority = "must";
			break;
		case 'p':
			if (enum_opt("--priority", "priority", optarg) == -1)
				return -1;
			priority = optarg;
			break;
		case 's':
			if (enum_opt("--status", "status", optarg) == -1)
				return -1;
			status = optarg;
			break;
		case 'S':
			if (id_parse_arg(optarg, "P", source, &num, NULL) == -1)
				return kam_err(KAM_EX_USAGE, "--source: invalid "
				    "person id '%s' (expected e.g. P-3)", optarg);
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (store_load(&k->p, NULL, &schema_requirements, &reqs) == -1)
		goto out;
	table_sort(&reqs);
	rows = xcalloc(reqs.nrows + 1, sizeof(*rows));
	for (i = 0; i < reqs.nrows; i++) {
		struct row *r = &reqs.rows[i];

		if (priority != NULL &&
		    strcmp(table_get(&reqs, r, REQ_PRIORITY), priority) != 0)
			continue;
		if (status != NULL &&
		    strcmp(table_get(&reqs, r, REQ_STATUS), status) != 0)
			continue;
		if (source[0] != '\0' &&
		    strcmp(table_get(&reqs, r, REQ_SOURCE), source) != 0)
			continue;
		rows[n++] = r;
	}
	records_print(k->fmt, &reqs, rows, n, brief, NULL, 0, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&reqs);
	return ret;
}

/*
 * What points at a requirement: tasks (tasks.csv reqs), quality checks
 * (quality.csv subject) and change requests (changes.csv req).
 */
struct links {
	struct kam_buf	tasks, checks, passed, failed, changes;
	struct reqflow_checks qc;
};

static int
has_word(const char *list, const char *id)
{
	const char *p = list;
	size_t n = strlen(id);

	while ((p = strstr(p, id)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

static void
add_word(struct kam_buf *b, const char *w)
{
	if (b->len > 0)
		kam_buf_putc(b, ' ');
	kam_buf_puts(b, w);
}

static void
links_find(struct links *l, const char *id, const struct table *tasks,
    const struct table *quality, const struct table *changes)
{
	int treqs = TASK_REQS;
	int qsub = QA_SUBJECT;
	int qres = QA_RESULT;
	int creq = CHANGE_REQ;
	const struct row *r;
	const char *res;
	size_t i;

	memset(l, 0, sizeof(*l));
	for (i = 0; tasks != NULL && i < tasks->nrows; i++)
		if (has_word(table_get(tasks, &tasks->rows[i], treqs), id))
			add_word(&l->tasks, table_get(tasks, &tasks->rows[i],
			    TASK_ID));
	for (i = 0; quality != NULL && i < quality->nrows; i++) {
		r = &quality->rows[i];
		if (kam_strcasecmp(table_get(quality, r, qsub), id) != 0)
			continue;
		add_word(&l->checks, table_get(quality, r, QA_ID));
		res = table_get(quality, r, qres);
		if (strcmp(res, "pass") == 0)
			add_word(&l->passed, table_get(quality, r, QA_ID));
		else if (strcmp(res, "fail") == 0)
			add_word(&l->failed, table_get(quality, r, QA_ID));
	}
	if (quality != NULL)
		reqflow_checks(quality, id, &l->qc);
	for (i = 0; changes != NULL && i < changes->nrows; i++)
		if (strcmp(table_get(changes, &changes->rows[i], creq), id) == 0)
			add_word(&l->changes,
			    table_get(changes, &changes->rows[i], CHANGE_ID));
}

static void
links_release(struct links *l)
{
	kam_buf_release(&l->tasks);
	kam_buf_release(&l->checks);
	kam_buf_release(&l->passed);
	kam_buf_release(&l->failed);
	kam_buf_release(&l->changes);
}

/*
 * The links of every requirement of reqs (sorted), in one pass over the
 * tasks and one over the checks, so that tracing 2,000 requirements
 * against 10,000 tasks stays linear.  Returns reqs->nrows links.
 */
static struct links *
links_index(const struct table *reqs, const struct table *tasks,
    const struct table *quality)
{
	int treqs = TASK_REQS;
	int qsub = QA_SUBJECT;
	int qres = QA_RESULT;
	struct links *all = xcalloc(reqs->nrows + 1, sizeof(*all)), *l;
	const struct row *r, *q;
	const char *p, *res;
	char one[32];
	size_t i, n;
	long num;

	for (i = 0; i < tasks->nrows; i++) {
		q = &tasks->rows[i];
		for (p = table_get(tasks, q, treqs); *p != '\0'; p += n) {
			while (*p == ' ')
				p++;
			n = strcspn(p, " ");
			if (n == 0 || n >= sizeof(one))
				continue;
			memcpy(one, p, n);
			one[n] = '\0';
			if ((r = table_find(reqs, one)) == NULL)
				continue;
			add_word(&all[r - reqs->rows].tasks,
			    table_get(tasks, q, TASK_ID));
		}
	}
	for (i = 0; i < quality->nrows; i++) {
		q = &quality->rows[i];
		if (id_parse_arg(table_get(quality, q, qsub), "REQ", one, &num,
		    NULL) == -1 || (r = table_find(reqs, one)) == NULL)
			continue;
		l = &all[r - reqs->rows];
		add_word(&l->checks, table_get(quality, q, QA_ID));
		res = table_get(quality, q, qres);
		if (strcmp(res, "pass") == 0)
			add_word(&l->passed, table_get(quality, q, QA_ID));
		else if (strcmp(res, "fail") == 0)
			add_word(&l->failed, table_get(quality, q, QA_ID));
		reqflow_checks_add(&l->qc, quality, q);
	}
	return all;
}

static const char *
d_tasks(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)t;
	(void)r;
	(void)buf;
	return ((struct links *)arg)->tasks.ptr;
}

static const char *
d_checks(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)t;
	(void)r;
	(void)buf;
	return ((struct links *)arg)->checks.ptr;
}

static const char *
d_changes(const struct table *t, const struct row *r, char *buf, void *arg)
{
	(void)t;
	(void)r;
	(void)buf;
	return ((struct links *)arg)->changes.ptr;
}

static const struct derived show_derived[] = {
	{ "tasks", OT_LIST, d_tasks },
	{ "checks", OT_LIST, d_checks },
	{ "changes", OT_LIST, d_changes },
};

/* The tables that point at requirements, from the work tree. */
static int
load_links(struct kam *k, struct table *tasks, struct table *quality,
    struct table *changes)
{
	if (store_load(&k->p, NULL, &schema_tasks, tasks) == -1 ||
	    store_load(&k->p, NULL, &schema_quality, quality) == -1 ||
	    (changes != NULL &&
	    store_load(&k->p, NULL, &schema_changes, changes) == -1))
		return -1;
	return 0;
}

static int
req_show(int argc, char **argv, struct kam *k)
{
	struct table reqs = TABLE_INIT, tasks = TABLE_INIT,
	    quality = TABLE_INIT, changes = TABLE_INIT;
	struct links l;
	struct row *r;
	int err = 0, ret = -1;

	memset(&l, 0, sizeof(l));
	if (kam_getopt(argc, argv, "", no_opts, show_usage, &err) != -1 || err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(show_usage);
	if (store_load(&k->p, NULL, &schema_requirements, &reqs) == -1 ||
	    (r = store_lookup(&reqs, argv[optind])) == NULL ||
	    load_links(k, &tasks, &quality, &changes) == -1)
		goto out;
	links_find(&l, table_get(&reqs, r, REQ_ID), &tasks, &quality, &changes);
	record_show(k->fmt, &reqs, r, show_derived, ARRAY_SIZE(show_derived),
	    &l);
	ret = 0;
out:
	links_release(&l);
	table_release(&reqs);
	table_release(&tasks);
	table_release(&quality);
	table_release(&changes);
	return ret;
}

/*
 * kam req trace: requirement -> tasks -> quality checks.  A `must` that is
 * not rejected stands out when it is unconfirmed (draft or analysed),
 * untraced (no task names it) or untested (no passing check, or the latest
 * check failed).
 */
static int
req_trace(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "key", no_argument, NULL, 'k' },
		{ "flagged", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct out_col all_cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "priority", OT_TEXT },
		{ "status", OT_TEXT }, { "confirmed_by", OT_TEXT },
		{ "confirmed_on", OT_TEXT }, { "tasks", OT_LIST },
		{ "checks", OT_LIST }, { "passed", OT_LIST },
		{ "failed", OT_LIST }, { "latest", OT_TEXT },
		{ "flags", OT_LIST },
	};
	/* Terminal and Markdown: the columns a reader scans. */
	static const size_t brief_idx[] = { 0, 1, 2, 3, 6, 8, 9, 11 };
	struct out_col cols[ARRAY_SIZE(all_cols)];
	struct table reqs = TABLE_INIT, tasks = TABLE_INIT,
	    quality = TABLE_INIT;
	struct out o = OUT_INIT;
	struct kam_buf flags = KAM_BUF_INIT;
	struct links *all = NULL, *l;
	struct row **rows = NULL;
	const char *cells[ARRAY_SIZE(all_cols)], *full[ARRAY_SIZE(all_cols)];
	size_t i, j, n = 0, ncols, nmust = 0, nflagged = 0;
	int ch, err = 0, key = 0, flagged_only = 0, ret = -1, brief_out;

	while ((ch = kam_getopt(argc, argv, "", opts, trace_usage, &err)) != -1)
		if (ch == 'k')
			key = 1;
		else
			flagged_only = 1;
	if (err)
		return -1;
	if (store_load(&k->p, NULL, &schema_requirements, &reqs) == -1 ||
	    load_links(k, &tasks, &quality, NULL) == -1)
		goto out;
	table_sort(&reqs);
	rows = xcalloc(reqs.nrows + (size_t)(argc - optind) + 1, sizeof(*rows));
	if (optind < argc) {
		for (; optind < argc; optind++) {
			struct row *r = store_lookup(&reqs, argv[optind]);

			if (r == NULL)
				goto out;
			rows[n++] = r;
		}
	} else
		for (i = 0; i < reqs.nrows; i++)
			rows[n++] = &reqs.rows[i];

	brief_out = k->fmt == FMT_TABLE || k->fmt == FMT_MD;
	ncols = brief_out ? ARRAY_SIZE(brief_idx) : ARRAY_SIZE(all_cols);
	for (j = 0; j < ncols; j++)
		cols[j] = all_cols[brief_out ? brief_idx[j] : j];
	all = links_index(&reqs, &tasks, &quality);
	out_begin(&o, k->fmt, cols, ncols);
	for (i = 0; i < n; i++) {
		struct row *r = rows[i];
		const char *id = table_get(&reqs, r, REQ_ID);
		const char *st = table_get(&reqs, r, REQ_STATUS);
		int must = strcmp(table_get(&reqs, r, REQ_PRIORITY),
		    "must") == 0;

		if (key && !must)
			continue;
		l = &all[r - reqs.rows];
		kam_buf_reset(&flags);
		if (must && strcmp(st, "rejected") != 0) {
			nmust++;
			if (strcmp(st, "draft") == 0 || strcmp(st, "analysed") == 0)
				add_word(&flags, "unconfirmed");
			if (l->tasks.len == 0)
				add_word(&flags, "untraced");
			if (l->qc.latest_result != REQFLOW_CHECK_PASS)
				add_word(&flags, "untested");
			if (flags.len > 0)
				nflagged++;
		}
		if (flagged_only && flags.len == 0)
			continue;
		full[0] = id;
		full[1] = table_get(&reqs, r, REQ_TITLE);
		full[2] = table_get(&reqs, r, REQ_PRIORITY);
		full[3] = st;
		full[4] = table_get(&reqs, r, REQ_CONFIRMED_BY);
		full[5] = table_get(&reqs, r, REQ_CONFIRMED_ON);
		full[6] = l->tasks.ptr;
		full[7] = l->checks.ptr;
		full[8] = l->passed.ptr;
		full[9] = l->failed.ptr;
		full[10] = l->qc.latest_result == REQFLOW_CHECK_PASS ? "pass" :
		    l->qc.latest_result == REQFLOW_CHECK_FAIL ? "fail" : NULL;
		full[11] = flags.ptr;
		for (j = 0; j < ncols; j++)
			cells[j] = full[brief_out ? brief_idx[j] : j];
		out_row(&o, cells);
	}
	out_end(&o);
	if (k->fmt == FMT_TABLE && nflagged > 0)
		printf("\n%zu of %zu must requirement%s flagged: confirm, trace "
		    "to a task and test each must\n", nflagged, nmust,
		    nmust == 1 ? "" : "s");
	ret = 0;
out:
	for (i = 0; all != NULL && i < reqs.nrows; i++)
		links_release(&all[i]);
	free(all);
	kam_buf_release(&flags);
	free(rows);
	table_release(&reqs);
	table_release(&tasks);
	table_release(&quality);
	return ret;
}

#define FIELD_OPTS "--priority= --source= --acceptance="
const struct verb req_verbs[] = {
	{ "add", req_add, NEED_PROJECT | WRITES, add_usage, FIELD_OPTS,
	    "record a new requirement (draft)" },
	{ "analyse", req_analyse, NEED_PROJECT | WRITES, analyse_usage, "",
	    "mark a draft requirement analysed" },
	{ "confirm", req_confirm, NEED_PROJECT | WRITES, confirm_usage,
	    "--by= --date=", "record the client's sign-off" },
	{ "done", req_done, NEED_PROJECT | WRITES, done_usage, "",
	    "mark a confirmed, tested requirement done" },
	{ "list", req_list, NEED_PROJECT, list_usage,
	    "--key --priority= --status= --source=", "list requirements" },
	{ "reject", req_reject, NEED_PROJECT | WRITES, reject_usage, "",
	    "reject a draft or analysed requirement" },
	{ "set", req_set, NEED_PROJECT | WRITES, set_usage,
	    FIELD_OPTS " --title=", "edit a requirement not yet confirmed" },
	{ "show", req_show, NEED_PROJECT, show_usage, "",
	    "show one requirement with its tasks, checks and changes" },
	{ "trace", req_trace, NEED_PROJECT, trace_usage, "--key --flagged",
	    "requirements -> tasks -> quality checks" },
};
const size_t req_nverbs = ARRAY_SIZE(req_verbs);
