/*
 * req.c: kam req — requirements and the client's sign-off (SPEC §3
 * "Requirements and change control").
 *
 * The state machine and its rules live in lib/reqflow.c; this file loads
 * what a rule needs (the confirmer's side, the quality checks), asks
 * reqflow_decide() and writes the outcome as one commit.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/rectype.h"
#include "../lib/records.h"
#include "../lib/reqflow.h"
#include "../lib/store.h"
#include "../lib/value.h"

#define SHOW_OPTS(O)	O(CMD, "kam req show") O(ARG, "REQ-n")
/* The options of trace and of the transitions (lib/parseopt.c). */
struct opts {
	int		 key, flagged;
	const char	*by, *date;
};
/* analyse, confirm, reject and done: the state machine of lib/reqflow.c
 * (req_move, lib/rectype.c); confirm takes the client's sign-off. */
#define MOVE_OPTS(O, verb)	O(CMD, "kam req " verb) O(ARG, "REQ-n")
#define ANALYSE_OPTS(O)	MOVE_OPTS(O, "analyse")
#define CONFIRM_OPTS(O)							\
	MOVE_OPTS(O, "confirm")						\
	O(STR, REQ, "", "by", by, "P-n", "who signs it off (client side)") \
	O(STR, OPT, "", "date", date, "date", "when")
#define REJECT_OPTS(O)	MOVE_OPTS(O, "reject")
#define DONE_OPTS(O)	MOVE_OPTS(O, "done")
#define TRACE_OPTS(O)							\
	O(CMD, "kam req trace")						\
	O(FLAG, OPT, "", "key", key, "key requirements only (must)")	\
	O(FLAG, OPT, "", "flagged", flagged, "flagged ones only")	\
	O(ARG, "[REQ-n ...]")

REC_FIELDS_VERB(req_add, "add", "record a new requirement (draft)", ADD, ADD,
    "kam req add title", REQ_FIELDS, .rt = &req_type)
REC_FIELDS_VERB(req_set, "set", "edit a requirement not yet confirmed", SET,
    SET, "kam req set REQ-n", REQ_FIELDS, .rt = &req_type)
REC_LIST_VERB(req_list, "list", "list requirements", "kam req list", REQ_WHERE,
    .rt = &req_type)

static int
transition(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return req_move(&c, k->verb, k->argv[0], o->by, o->date);
}
KAM_VERB_RUN(req_analyse, "analyse", NEED_PROJECT | WRITES,
    "mark a draft requirement analysed", ANALYSE_OPTS, transition, { 0 })
KAM_VERB_RUN(req_confirm, "confirm", NEED_PROJECT | WRITES,
    "record the client's sign-off", CONFIRM_OPTS, transition, { 0 })
KAM_VERB_RUN(req_reject, "reject", NEED_PROJECT | WRITES,
    "reject a draft or analysed requirement", REJECT_OPTS, transition, { 0 })
KAM_VERB_RUN(req_done, "done", NEED_PROJECT | WRITES,
    "mark a confirmed, tested requirement done", DONE_OPTS, transition, { 0 })

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

/* Check q, a row of quality, is of l's requirement. */
static void
links_check(struct links *l, const struct table *quality,
    const struct row *q)
{
	const char *id = table_get(quality, q, QA_ID);
	const char *res = table_get(quality, q, QA_RESULT);

	add_word(&l->checks, id);
	if (strcmp(res, "pass") == 0)
		add_word(&l->passed, id);
	else if (strcmp(res, "fail") == 0)
		add_word(&l->failed, id);
	reqflow_checks_add(&l->qc, quality, q);
}

static void
links_find(struct links *l, const char *id, const struct table *tasks,
    const struct table *quality, const struct table *changes)
{
	int treqs = TASK_REQS;
	int qsub = QA_SUBJECT;
	int creq = CHANGE_REQ;
	const struct row *r;
	size_t i;

	memset(l, 0, sizeof(*l));
	for (i = 0; tasks != NULL && i < tasks->nrows; i++)
		if (has_word(table_get(tasks, &tasks->rows[i], treqs), id))
			add_word(&l->tasks, table_get(tasks, &tasks->rows[i],
			    TASK_ID));
	for (i = 0; quality != NULL && i < quality->nrows; i++) {
		r = &quality->rows[i];
		if (kam_strcasecmp(table_get(quality, r, qsub), id) == 0)
			links_check(l, quality, r);
	}
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
	struct links *all = xcalloc(reqs->nrows + 1, sizeof(*all));
	const struct row *r, *q;
	const char *p;
	char one[32];
	size_t i;

	for (i = 0; i < tasks->nrows; i++) {
		q = &tasks->rows[i];
		p = table_get(tasks, q, treqs);
		while (list_next(&p, one, sizeof(one))) {
			if ((r = table_find(reqs, one)) == NULL)
				continue;
			add_word(&all[r - reqs->rows].tasks,
			    table_get(tasks, q, TASK_ID));
		}
	}
	for (i = 0; i < quality->nrows; i++) {
		q = &quality->rows[i];
		if ((r = table_find_arg(reqs, table_get(quality, q,
		    qsub))) == NULL)
			continue;
		links_check(&all[r - reqs->rows], quality, q);
	}
	return all;
}

/* d_<what>: the ids of the <what> that point at the requirement (arg:
 * its struct links). */
#define LINKS(what)							\
	static const char *						\
	d_##what(const struct table *t, const struct row *r, char *buf,	\
	    void *arg)							\
	{								\
		(void)t;						\
		(void)r;						\
		(void)buf;						\
		return ((struct links *)arg)->what.ptr;			\
	}
LINKS(tasks)
LINKS(checks)
LINKS(changes)

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

KAM_VERB0(req_show, "show", NEED_PROJECT,
    "show one requirement with its tasks, checks and changes", SHOW_OPTS)
{
	struct table reqs = TABLE_INIT, tasks = TABLE_INIT,
	    quality = TABLE_INIT, changes = TABLE_INIT;
	struct links l;
	struct row *r;
	int ret = -1;

	memset(&l, 0, sizeof(l));
	if (store_load(&k->p, NULL, &schema_requirements, &reqs) == 0 &&
	    (r = store_lookup(&reqs, k->argv[0])) != NULL &&
	    load_links(k, &tasks, &quality, &changes) == 0) {
		links_find(&l, table_get(&reqs, r, REQ_ID), &tasks, &quality,
		    &changes);
		record_show(k->fmt, &reqs, r, show_derived,
		    ARRAY_SIZE(show_derived), &l);
		ret = 0;
	}
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
KAM_VERB(req_trace, "trace", NEED_PROJECT,
    "requirements -> tasks -> quality checks", TRACE_OPTS, { 0 })
{
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
	    quality = TABLE_INIT, changes = TABLE_INIT;
	struct out o = OUT_INIT;
	struct kam_buf flags = KAM_BUF_INIT;
	struct links *all = NULL, *l;
	struct row **rows = NULL;
	const char *cells[ARRAY_SIZE(all_cols)], *full[ARRAY_SIZE(all_cols)];
	size_t i, j, n = 0, ncols, nmust = 0, nflagged = 0;
	const struct opts *opt = k->opts;
	int a, key, flagged_only, ret = -1, brief_out;

	key = opt->key;
	flagged_only = opt->flagged;
	if (store_load(&k->p, NULL, &schema_requirements, &reqs) == -1 ||
	    load_links(k, &tasks, &quality, &changes) == -1)
		goto out;
	table_sort(&reqs);
	rows = xcalloc(reqs.nrows + (size_t)k->argc + 1, sizeof(*rows));
	if (k->argc > 0) {
		for (a = 0; a < k->argc; a++) {
			struct row *r = store_lookup(&reqs, k->argv[a]);

			if (r == NULL)
				goto out;
			rows[n++] = r;
		}
	} else
		for (i = 0; i < reqs.nrows; i++)
			rows[n++] = &reqs.rows[i];

	brief_out = out_for_people(k->fmt);
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
			if (l->qc.latest_result != REQFLOW_CHECK_PASS ||
			    reqflow_suspect(&changes, id, table_get(&quality,
			    l->qc.latest, QA_DATE)))
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
	table_release(&changes);
	return ret;
}

const struct verb *const req_verbs[] = {
	&req_add_verb, &req_analyse_verb, &req_confirm_verb, &req_done_verb,
	&req_list_verb, &req_reject_verb, &req_set_verb, &req_show_verb,
	&req_trace_verb, NULL
};
