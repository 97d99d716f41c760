/*
 * task.c: kam task — the tasks of the schedule (SPEC §3 "Time
 * management"): add, change, track and list them.  The schedule itself
 * is lib/plan.c; `kam plan` and `kam gantt` show it.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/plan.h"
#include "../lib/rectype.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of every verb (lib/parseopt.c). */
struct opts {
	int		 open;
	const char	*status, *date;
	struct popt_id	 assignee, req;
	struct fields {			/* add and set: the columns they set */
		const char	*title, *duration, *depends, *assignee,
				*cost, *reqs, *deadline, *start, *finish,
				*progress;
		int		 milestone;
	} f;
};
#define FIELD_OPTS(O)							\
	O(STR, OPT, "", "after", f.depends, "T-n,...", "the tasks before it") \
	O(STR, OPT, "", "assignee", f.assignee, "P-n", "who does it")	\
	O(STR, OPT, "", "cost", f.cost, "money", "its cost besides labour") \
	O(STR, OPT, "", "req", f.reqs, "REQ-n,...", "what it implements") \
	O(STR, OPT, "", "deadline", f.deadline, "date", "when it is due")
#define ACTUAL_OPTS(O, how)						\
	O(STR, how, "", "start", f.start, "date", "when it started")	\
	O(STR, how, "", "finish", f.finish, "date", "when it finished")	\
	O(STR, how, "", "progress", f.progress, "pct", "how far it is")
#define ADD_OPTS(O)							\
	O(CMD, "kam task add")						\
	O(ARG, "title")							\
	O(TEXT, "(--duration days | --milestone)")			\
	O(STR, HIDE, "", "duration", f.duration, "days", "working days") \
	O(FLAG, HIDE, "", "milestone", f.milestone, "a milestone")	\
	FIELD_OPTS(O)							\
	O(STR, REFUSE, "", "title", f.title, "t", "kam task set")	\
	ACTUAL_OPTS(O, REFUSE)
#define SET_OPTS(O)							\
	O(CMD, "kam task set")						\
	O(ARG, "T-n")							\
	O(STR, OPT, "", "title", f.title, "t", "the task")		\
	O(STR, OPT, "", "duration", f.duration, "days", "working days")	\
	O(FLAG, OPT, "", "milestone", f.milestone, "a milestone")	\
	FIELD_OPTS(O)							\
	ACTUAL_OPTS(O, OPT)
#define LIST_OPTS(O)							\
	O(CMD, "kam task list")						\
	O(FLAG, OPT, "", "open", open, "tasks not done")		\
	O(ENUM, OPT, "", "status", status, "planned|started|done",	\
	    "tasks in this state")					\
	O(ID, OPT, "", "person", assignee, "P", "assigned to this person") \
	O(ID, HIDE, "", "assignee", assignee, "P", "the same as --person") \
	O(ID, OPT, "", "req", req, "REQ", "tasks for this requirement")
#define SHOW_OPTS(O)	O(CMD, "kam task show") O(ARG, "T-n")
/* start, progress and done: task_type's lifecycle (lib/rectype.c). */
#define DATE_OPT(O)							\
	O(STR, OPT, "", "date", date, "date", "when it happened")
#define START_OPTS(O)	O(CMD, "kam task start") O(ARG, "T-n") DATE_OPT(O)
#define PROGRESS_OPTS(O)	O(CMD, "kam task progress") O(ARG, "T-n pct")
#define DONE_OPTS(O)	O(CMD, "kam task done") O(ARG, "T-n") DATE_OPT(O)
#define LATE_OPTS(O)	O(CMD, "kam task late")

struct setting {
	const char	*col, *opt, *val;
};

static void
put(struct setting *set, size_t *n, const char *col, const char *opt,
    const char *val)
{
	if (val != NULL)
		set[(*n)++] = (struct setting){ col, opt, val };
}

/* The columns the options of add or set give, in the order of the file;
 * a milestone lasts 0 days. */
static int
settings(const struct fields *f, int is_add, struct setting *set,
    size_t *n)
{
	if (f->milestone && f->duration != NULL &&
	    strcmp(f->duration, "0") != 0)
		return kam_err(KAM_EX_USAGE, "--milestone and --duration %s "
		    "contradict each other (a milestone lasts 0 days)",
		    f->duration);
	if (is_add && !f->milestone && f->duration == NULL)
		return kam_err(KAM_EX_USAGE, "a new task needs --duration "
		    "(working days) or --milestone");
	*n = 0;
	put(set, n, "title", "title", f->title);
	put(set, n, "duration", "duration", f->milestone ? "0" : f->duration);
	put(set, n, "depends", "after", f->depends);
	put(set, n, "assignee", "assignee", f->assignee);
	put(set, n, "cost", "cost", f->cost);
	put(set, n, "reqs", "req", f->reqs);
	put(set, n, "deadline", "deadline", f->deadline);
	put(set, n, "start", "start", f->start);
	put(set, n, "finish", "finish", f->finish);
	put(set, n, "progress", "progress", f->progress);
	return 0;
}

/* The project tables a task refers to, loaded only when needed. */
struct refs {
	struct table	people, reqs;
	int		have_people, have_reqs;
};

static int
each_id(const char *list, int (*fn)(void *, const char *), void *arg)
{
	char one[32];
	const char *q;
	size_t n;

	while (*list != '\0') {
		q = strchr(list, ' ');
		n = q != NULL ? (size_t)(q - list) : strlen(list);
		if (n > 0 && n < sizeof(one)) {
			memcpy(one, list, n);
			one[n] = '\0';
			if (fn(arg, one) == -1)
				return -1;
		}
		list += n;
		while (*list == ' ')
			list++;
	}
	return 0;
}

static int
req_exists(void *arg, const char *id)
{
	struct table *reqs = arg;

	if (table_find(reqs, id) != NULL)
		return 0;
	return kam_err(KAM_EX_DATA, "--req: requirement %s does not exist in "
	    "%s", id, reqs->path);
}

struct dep_arg {
	struct table	*tasks;
	long		*nums;
	size_t		 n;
};

static int
dep_exists(void *arg, const char *id)
{
	struct dep_arg *d = arg;
	struct row *r;

	if ((r = table_find(d->tasks, id)) == NULL)
		return kam_err(KAM_EX_DATA, "--after: task %s does not exist "
		    "in %s", id, d->tasks->path);
	d->nums[d->n++] = r->num;
	return 0;
}

/* Apply the settings to task r, checking what they refer to. */
static int
apply(struct kam *k, struct tx *tx, struct table *tasks, struct refs *rf,
    struct row *r, const struct setting *set, size_t nset)
{
	struct dep_arg d = { tasks, NULL, 0 };
	const char *v;
	size_t i;
	long num = r->num;
	int ret = -1;

	for (i = 0; i < nset; i++) {
		if (strcmp(set[i].col, "assignee") == 0 && *set[i].val != '\0') {
			if (!rf->have_people) {
				if (store_load(&k->p, tx, &schema_people,
				    &rf->people) == -1)
					goto out;
				rf->have_people = 1;
			}
			if (store_lookup(&rf->people, set[i].val) == NULL)
				goto out;
		}
		if (store_set_arg(tasks, r, set[i].col, set[i].val,
		    set[i].opt) == -1)
			goto out;
		/* r may not move: table_set never reallocates rows. */
		v = table_get(tasks, r, schema_col(&schema_tasks, set[i].col));
		if (strcmp(set[i].col, "reqs") == 0 && *v != '\0') {
			if (!rf->have_reqs) {
				if (store_load(&k->p, tx, &schema_requirements,
				    &rf->reqs) == -1)
					goto out;
				rf->have_reqs = 1;
			}
			if (each_id(v, req_exists, &rf->reqs) == -1)
				goto out;
		}
		if (strcmp(set[i].col, "depends") == 0 && *v != '\0') {
			free(d.nums);
			d.nums = xcalloc(strlen(v) / 2 + 2, sizeof(long));
			d.n = 0;
			if (each_id(v, dep_exists, &d) == -1 ||
			    plan_check_new_deps(tasks, num, d.nums, d.n) == -1)
				goto out;
		}
	}
	ret = 0;
out:
	free(d.nums);
	return ret;
}

/* finish before start is refused whichever option set it. */
static int
check_dates(const struct table *t, const struct row *r)
{
	const char *s = table_get(t, r, TASK_START);
	const char *f = table_get(t, r, TASK_FINISH);

	if (*s != '\0' && *f != '\0' && strcmp(f, s) < 0)
		return kam_err(KAM_EX_DATA, "%s: finish %s would be before "
		    "start %s", table_get(t, r, TASK_ID), f, s);
	return 0;
}

static void
refs_release(struct refs *rf)
{
	table_release(&rf->people);
	table_release(&rf->reqs);
}

KAM_VERB_RUN(task_add, "add", NEED_PROJECT | WRITES, "add a task or milestone",
    ADD_OPTS, write_task, { 0 })
KAM_VERB_RUN(task_set, "set", NEED_PROJECT | WRITES, "change a task",
    SET_OPTS, write_task, { 0 })

/* add (a new row titled by the operand) and set (the row it names): the
 * columns of the options, in one commit. */
static int
write_task(struct kam *k)
{
	const struct opts *o = k->opts;
	struct table tasks = TABLE_INIT;
	struct refs rf = { TABLE_INIT, TABLE_INIT, 0, 0 };
	struct tx tx = TX_INIT;
	struct setting set[32];
	size_t nset = 0;
	struct row *r;
	int is_add = strcmp(k->verb, "add") == 0, ret = -1;

	if (settings(&o->f, is_add, set, &nset) == -1)
		return -1;
	if (!is_add && nset == 0)
		return popt_usage(task_set_popt);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_tasks, &tasks) == -1)
		goto out;
	if (is_add) {
		r = table_add(&tasks);
		if (store_set_arg(&tasks, r, "title", k->argv[0], "title") ==
		    -1)
			goto out;
	} else if ((r = store_lookup(&tasks, k->argv[0])) == NULL)
		goto out;
	if (apply(k, &tx, &tasks, &rf, r, set, nset) == -1 ||
	    (!is_add && check_dates(&tasks, r) == -1) ||
	    kam_tx_commit_row(k, &tx, is_add ? "task add" : "task set", &tasks,
	    r) == -1)
		goto out;
	if (is_add)
		printf("%s\n", table_get(&tasks, r, TASK_ID));
	ret = 0;
out:
	tx_release(&tx);
	table_release(&tasks);
	refs_release(&rf);
	return ret;
}

static int
track(struct kam *k)
{
	const struct opts *o = k->opts;
	struct rec_ctx c = kam_ctx(k);

	return task_track(&c, k->verb, k->argv[0], o->date, k->argc > 1 ?
	    k->argv[1] : NULL);
}
KAM_VERB_RUN(task_start, "start", NEED_PROJECT | WRITES, "a task has started",
    START_OPTS, track, { 0 })
KAM_VERB_RUN(task_progress, "progress", NEED_PROJECT | WRITES,
    "record a task's progress (percent)", PROGRESS_OPTS, track, { 0 })
KAM_VERB_RUN(task_done, "done", NEED_PROJECT | WRITES, "a task is finished",
    DONE_OPTS, track, { 0 })


static const char *const brief[] = { "id", "title", "duration", "depends",
	"assignee", "start", "finish", "progress", "deadline", "status",
	NULL };

KAM_VERB(task_list, "list", NEED_PROJECT, "list tasks", LIST_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct table tasks = TABLE_INIT;
	struct row **rows = NULL;
	const char *status, *who = o->assignee.id, *req = o->req.id, *v;
	size_t i, n = 0, len;
	int ret = -1;

	status = o->status;
	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == -1)
		goto out;
	table_sort(&tasks);
	rows = xcalloc(tasks.nrows + 1, sizeof(*rows));
	len = strlen(req);
	for (i = 0; i < tasks.nrows; i++) {
		struct row *r = &tasks.rows[i];
		const char *st = task_state_names[task_state(&tasks, r)];

		if (o->open && strcmp(st, "done") == 0)
			continue;
		if (status != NULL && strcmp(st, status) != 0)
			continue;
		if (who[0] != '\0' && strcmp(table_get(&tasks, r,
		    TASK_ASSIGNEE), who) != 0)
			continue;
		if (len > 0) {
			v = table_get(&tasks, r, TASK_REQS);
			while ((v = strstr(v, req)) != NULL &&
			    (v[len] != '\0' && v[len] != ' '))
				v += len;
			if (v == NULL)
				continue;
		}
		rows[n++] = r;
	}
	records_print(k->fmt, &tasks, rows, n, brief, task_derived,
	    TASK_NDERIVED_LIST, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&tasks);
	return ret;
}


KAM_VERB0(task_show, "show", NEED_PROJECT,
    "show one task with its scheduled dates", SHOW_OPTS)
{
	struct table tasks = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	struct row *r;
	int ret = -1;

	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == 0 &&
	    (r = store_lookup(&tasks, k->argv[0])) != NULL &&
	    plan_compute(&pl, &k->p, &tasks) == 0) {
		record_show(k->fmt, &tasks, r, task_derived, task_nderived,
		    &pl);
		ret = 0;
	}
	plan_release(&pl);
	table_release(&tasks);
	return ret;
}

/*
 * Late: unfinished tasks that should have started or finished by today,
 * measured against the baseline when the task has one, else against the
 * plan as made from the project start (PLAN_NO_ACTUALS); a deadline that
 * passed counts too.
 */
KAM_VERB0(task_late, "late", NEED_PROJECT,
    "tasks that should have started or finished by today", LATE_OPTS)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "assignee", OT_TEXT },
		{ "planned_start", OT_TEXT }, { "planned_finish", OT_TEXT },
		{ "start", OT_TEXT }, { "progress", OT_NUM },
		{ "days_late", OT_NUM }, { "reason", OT_TEXT },
	};
	struct table tasks = TABLE_INIT;
	struct plan ref = PLAN_INIT, cur = PLAN_INIT;
	struct out o = OUT_INIT;
	const char *cells[9];
	char ps[11], pf[11], late[24], reason[200], prog[8];
	int acol = TASK_ASSIGNEE;
	int scol = TASK_START;
	size_t i;
	int ret = -1;

	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == -1 ||
	    plan_compute(&cur, &k->p, &tasks) == -1 ||
	    plan_compute_flags(&ref, &k->p, &tasks, PLAN_NO_ACTUALS) == -1)
		goto out;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < tasks.nrows; i++) {
		const struct plan_task *t = &cur.tasks[i];
		int32_t s, f;
		long days;

		if (!plan_task_late(&cur, &ref, i, k->p.today, reason,
		    sizeof(reason), &days, &s, &f))
			continue;
		snprintf(late, sizeof(late), "%ld", days);
		snprintf(prog, sizeof(prog), "%d", t->progress);
		cells[0] = table_get(&tasks, t->row, TASK_ID);
		cells[1] = table_get(&tasks, t->row, TASK_TITLE);
		cells[2] = table_get(&tasks, t->row, acol);
		cells[3] = date_fmt(s, ps);
		cells[4] = date_fmt(f, pf);
		cells[5] = table_get(&tasks, t->row, scol);
		cells[6] = prog;
		cells[7] = late;
		cells[8] = reason;
		out_row(&o, cells);
	}
	out_end(&o);
	ret = 0;
out:
	plan_release(&ref);
	plan_release(&cur);
	table_release(&tasks);
	return ret;
}

const struct verb *const task_verbs[] = {
	&task_add_verb, &task_done_verb, &task_late_verb, &task_list_verb,
	&task_progress_verb, &task_set_verb, &task_show_verb, &task_start_verb,
	NULL
};
