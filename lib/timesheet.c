/*
 * timesheet.c: bookings of hours (timesheet.h).
 *
 * Rows reach the callbacks only after table_scan() validated them, so the
 * hours and id cells are in their grammars and are converted by the small
 * trusted readers below rather than parsed twice.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "budget.h"
#include "kam.h"
#include "plan.h"
#include "store.h"
#include "timesheet.h"
#include "value.h"

/* ---- trusted readers for validated cells ---- */

/* N of a validated id "PREFIX-N"; 0 for "". */
static long
num_of(const char *s)
{
	long n = 0;

	if ((s = strchr(s, '-')) == NULL)
		return 0;
	for (s++; *s >= '0' && *s <= '9'; s++)
		n = n * 10 + (*s - '0');
	return n;
}

/* Quarter hours of a validated hours cell ("6.5", "0.25", "8.00"). */
static int64_t
quarters_of(const char *s)
{
	int64_t w = 0;
	int f = 0, nf = 0;

	for (; *s >= '0' && *s <= '9'; s++)
		w = w * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9' && nf < 2; s++, nf++)
			f = f * 10 + (*s - '0');
	if (nf == 1)
		f *= 10;
	return w * 4 + f / 25;
}

/* ---- the scan ---- */

struct tscan {
	const struct time_filter	*f;
	booking_cb			 cb;
	void				*arg;
	struct booking			 b;
};

static const char *
cell(const struct table *t, const struct row *r, int col)
{
	return t->colmap[col] == -1 ? "" : r->cell[t->colmap[col]];
}

static int
tscan_row(void *arg, const struct table *t, const struct row *r)
{
	struct tscan *ts = arg;
	struct booking *b = &ts->b;

	b->person = cell(t, r, TIME_PERSON);
	b->person_num = num_of(b->person);
	if (ts->f->person != 0 && b->person_num != ts->f->person)
		return 0;
	b->task = cell(t, r, TIME_TASK);
	b->task_num = num_of(b->task);
	if (ts->f->task != 0 && b->task_num != ts->f->task)
		return 0;
	b->path = t->path;
	b->line = r->line;
	b->num = r->num;
	b->id = cell(t, r, TIME_ID);
	b->date = cell(t, r, TIME_DATE);
	b->note = cell(t, r, TIME_NOTE);
	b->quarters = quarters_of(cell(t, r, TIME_HOURS));
	return ts->cb(ts->arg, b);
}

int
time_scan(struct project *p, const struct time_filter *f, booking_cb cb,
    void *arg)
{
	static const struct time_filter all = TIME_FILTER_INIT;
	struct tscan ts;

	memset(&ts, 0, sizeof(ts));
	ts.f = f != NULL ? f : &all;
	ts.cb = cb;
	ts.arg = arg;
	return month_scan(p, &schema_timesheets, ts.f->from, ts.f->to,
	    tscan_row, &ts);
}

/* ---- a person's day ---- */

/* Open addressing over (person, day) keys; 0 = empty. */
struct days {
	uint64_t	*key;
	int64_t		*sum;
	size_t		 n, cap;
};

/* Days from 1900 (-25567) to 2999 fit in 24 bits once moved up. */
#define DAY_BIAS	30000

static uint64_t
day_key(long person, int32_t day)
{
	return ((uint64_t)person << 24) | (uint64_t)(day + DAY_BIAS);
}

static int64_t *
days_get(struct days *d, uint64_t key)
{
	uint64_t h;
	size_t i, j, cap;

	if (d->n * 2 >= d->cap) {
		struct days nd;

		nd.cap = d->cap ? d->cap * 2 : 1024;
		nd.n = 0;
		nd.key = xcalloc(nd.cap, sizeof(*nd.key));
		nd.sum = xcalloc(nd.cap, sizeof(*nd.sum));
		for (i = 0; i < d->cap; i++) {
			if (d->key[i] == 0)
				continue;
			h = d->key[i] * 0x9e3779b97f4a7c15ULL;
			for (j = (h >> 20) & (nd.cap - 1); nd.key[j] != 0;
			    j = (j + 1) & (nd.cap - 1))
				;
			nd.key[j] = d->key[i];
			nd.sum[j] = d->sum[i];
			nd.n++;
		}
		free(d->key);
		free(d->sum);
		*d = nd;
	}
	cap = d->cap;
	h = key * 0x9e3779b97f4a7c15ULL;
	for (j = (h >> 20) & (cap - 1); d->key[j] != 0; j = (j + 1) & (cap - 1))
		if (d->key[j] == key)
			return &d->sum[j];
	d->key[j] = key;
	d->sum[j] = 0;
	d->n++;
	return &d->sum[j];
}

static void
days_release(struct days *d)
{
	free(d->key);
	free(d->sum);
	memset(d, 0, sizeof(*d));
}

struct time_sums {
	struct days	 tasks;		/* task -> quarters */
	struct days	 weeks;		/* (person, Monday) -> quarters */
};

struct vstate {
	struct days		 days;	/* (person, day) -> quarters */
	struct time_sums	*s;
};

static int
day_row(void *arg, const struct table *t, const struct row *r)
{
	struct vstate *v = arg;
	const char *date = cell(t, r, TIME_DATE);
	long person = num_of(cell(t, r, TIME_PERSON));
	int64_t *sum, q = quarters_of(cell(t, r, TIME_HOURS));
	int32_t day;
	char h[32];

	if (date_parse(date, &day, NULL) == -1)
		return 0;
	if (v->s != NULL) {
		*days_get(&v->s->tasks, (uint64_t)num_of(cell(t, r,
		    TIME_TASK))) += q;
		*days_get(&v->s->weeks, day_key(person, day -
		    date_weekday(day))) += q;
	}
	sum = days_get(&v->days, day_key(person, day));
	if (*sum <= TIME_DAY_MAX) {
		*sum += q;
		if (*sum > TIME_DAY_MAX)
			return kam_err(KAM_EX_DATA, "%s:%lu: hours: %s is booked "
			    "%s hours on %s (at most 24 a day)", t->path,
			    r->line, cell(t, r, TIME_PERSON), hours_fmt(*sum, h),
			    date);
	}
	return 0;
}

int
time_check_days(const struct table *t)
{
	struct vstate v;
	size_t i;
	int ret = 0;

	memset(&v, 0, sizeof(v));
	for (i = 0; i < t->nrows && ret == 0; i++)
		ret = day_row(&v, t, &t->rows[i]);
	days_release(&v.days);
	return ret;
}

int
time_validate(struct project *p, const struct table *people,
    const struct table *tasks)
{
	return time_validate_sums(p, people, tasks, NULL);
}

int
time_validate_sums(struct project *p, const struct table *people,
    const struct table *tasks, struct time_sums *s)
{
	const struct table *targets[2];
	struct vstate v;
	int rc;

	memset(&v, 0, sizeof(v));
	v.s = s;
	targets[0] = people;
	targets[1] = tasks;
	rc = month_validate(p, &schema_timesheets, targets, 2, day_row, &v);
	days_release(&v.days);
	return rc;
}

struct time_sums *
time_sums_new(void)
{
	return xcalloc(1, sizeof(struct time_sums));
}

void
time_sums_free(struct time_sums *s)
{
	if (s == NULL)
		return;
	days_release(&s->tasks);
	days_release(&s->weeks);
	free(s);
}

/* The value of key in d, 0 when absent (d is not changed). */
static int64_t
days_peek(const struct days *d, uint64_t key)
{
	uint64_t h;
	size_t j;

	if (d->cap == 0)
		return 0;
	h = key * 0x9e3779b97f4a7c15ULL;
	for (j = (h >> 20) & (d->cap - 1); d->key[j] != 0;
	    j = (j + 1) & (d->cap - 1))
		if (d->key[j] == key)
			return d->sum[j];
	return 0;
}

int64_t
time_sums_task(const struct time_sums *s, long task)
{
	return days_peek(&s->tasks, (uint64_t)task);
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void
time_sums_weeks(const struct time_sums *s,
    void (*cb)(void *arg, long person, int32_t monday, int64_t q), void *arg)
{
	uint64_t *keys = xcalloc(s->weeks.n + 1, sizeof(*keys));
	size_t i, n = 0;

	/* By person, then week: the findings come in a stable order. */
	for (i = 0; i < s->weeks.cap; i++)
		if (s->weeks.key[i] != 0)
			keys[n++] = s->weeks.key[i];
	if (n > 1)
		qsort(keys, n, sizeof(*keys), cmp_u64);
	for (i = 0; i < n; i++)
		cb(arg, (long)(keys[i] >> 24),
		    (int32_t)(keys[i] & 0xffffff) - DAY_BIAS,
		    days_peek(&s->weeks, keys[i]));
	free(keys);
}

int
time_effort_over(int64_t booked, int64_t planned, long pct)
{
	if (planned <= 0)
		return 0;
	return (__int128)booked * 100 > (__int128)planned * (100 + pct);
}

int64_t
time_capacity(const struct project *p, long workdays, long cap)
{
	/* Quarter hours, rounded down: exact comparisons use the product. */
	return (int64_t)workdays * cap * p->hours_per_day / 100;
}

/* ---- kam time log ---- */

/* Hours of person pid on task row tr on date: not before the project's
 * start nor before the task's (actual) start (65); a person who is not
 * the task's assignee is booked with a warning, as people help on tasks
 * they do not own. */
static int
book_when(const struct project *p, const struct table *tasks,
    const struct row *tr, const char *pid, int32_t date)
{
	const char *tid = table_get(tasks, tr, TASK_ID);
	const char *v;
	char d[11], s[11];
	int32_t start;

	date_fmt(date, d);
	if (p->start != 0 && date < p->start)
		return kam_err(KAM_EX_DATA, "%s is before the project's start "
		    "(%s): no hours were worked on it then; nothing changed",
		    d, date_fmt(p->start, s));
	v = table_get(tasks, tr, TASK_START);
	if (*v != '\0' && date_parse(v, &start, NULL) == 0 && date < start)
		return kam_err(KAM_EX_DATA, "%s started on %s: hours on %s "
		    "are before it (if it started earlier, correct its start in "
		    "tasks.csv and kam commit); nothing changed", tid, v, d);
	v = table_get(tasks, tr, TASK_ASSIGNEE);
	if (*v != '\0' && strcmp(v, pid) != 0)
		kam_warn("%s is not the assignee of %s (%s): booked anyway",
		    pid, tid, v);
	return 0;
}

int
time_log(const struct rec_ctx *c, const char *person, const char *task,
    const char *hours, int32_t date, const char *note)
{
	struct table people = TABLE_INIT, tasks = TABLE_INIT, ts = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *pr, *tr, *r;
	const char *why, *pid;
	char d[11], id[32], h[32], had[32], title[96];
	int64_t q, day = 0;
	size_t i;
	int ret = -1;

	if (hours_parse(hours, &q, &why) == -1)
		return kam_err(KAM_EX_USAGE, "invalid hours '%s': %s", hours,
		    why);
	if (q == 0)
		return kam_err(KAM_EX_USAGE, "a booking of 0 hours records "
		    "nothing");
	if (q > TIME_DAY_MAX)
		return kam_err(KAM_EX_USAGE, "invalid hours '%s': at most 24 "
		    "hours a day", hours);
	date_fmt(date, d);
	if (rec_begin(c, &tx, NULL, NULL) == -1 ||
	    store_load(c->p, &tx, &schema_people, &people) == -1 ||
	    store_load(c->p, &tx, &schema_tasks, &tasks) == -1 ||
	    (pr = store_lookup(&people, person)) == NULL ||
	    (tr = store_lookup(&tasks, task)) == NULL)
		goto out;
	pid = table_get(&people, pr, PERSON_ID);
	if (book_when(c->p, &tasks, tr, pid, date) == -1)
		goto out;
	if (month_open(&tx, &schema_timesheets, c->p->digits, date, &ts) == -1)
		goto out;
	/* The person's day is in this month's file, and only there. */
	for (i = 0; i < ts.nrows; i++)
		if (strcmp(table_get(&ts, &ts.rows[i], TIME_DATE), d) == 0 &&
		    strcmp(table_get(&ts, &ts.rows[i], TIME_PERSON), pid) == 0)
			day += quarters_of(table_get(&ts, &ts.rows[i],
			    TIME_HOURS));
	if (day + q > TIME_DAY_MAX) {
		kam_err(KAM_EX_DATA, "%s would be booked %s hours on %s (%s "
		    "already, at most 24 a day); nothing changed", pid,
		    hours_fmt(day + q, h), d, hours_fmt(day, had));
		goto out;
	}
	r = table_add(&ts);
	if (store_set_arg(&ts, r, "date", d, "--date") == -1 ||
	    store_set_arg(&ts, r, "person", person, "person") == -1 ||
	    store_set_arg(&ts, r, "task", task, "task") == -1 ||
	    store_set_arg(&ts, r, "hours", hours, "hours") == -1 ||
	    (note != NULL &&
	    store_set_arg(&ts, r, "note", note, "note") == -1))
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&ts, r, TIME_ID));
	snprintf(title, sizeof(title), "%s %s %s h", pid,
	    table_get(&tasks, tr, TASK_ID), hours_fmt(q, h));
	store_put(&tx, &ts);
	if (rec_commit(c, &tx, "time log", id, title, NULL) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&people);
	table_release(&tasks);
	table_release(&ts);
	return ret;
}

/* ---- cost from effort ---- */

struct lab {
	struct time_labour	*l;
	struct project		*p;
	const struct table	*people;
	struct days		 pairs;		/* (person, task) -> quarters */
	struct days		 tidx;		/* task -> index + 1 in l->tasks */
	size_t			 atasks, amonths;
	char			 month[8];	/* of the pairs */
	unsigned long		 count;		/* bookings of the month */
	int			 failed;
};

/* round(q * rate / per_day), half away from zero, for q, per_day > 0. */
static int
labour_of(int64_t q, int64_t rate, int64_t per_day, int64_t *out)
{
	__int128 n = (__int128)q * rate, r;

	r = (n < 0 ? n - per_day / 2 : n + per_day / 2) / per_day;
	/* per_day even: half is per_day / 2 exactly; odd: no tie exists. */
	if (r > INT64_MAX || r < -INT64_MAX)
		return -1;
	*out = (int64_t)r;
	return 0;
}

static int
lab_range(const char *what)
{
	return kam_err(KAM_EX_DATA, "labour cost: %s exceeds the money range "
	    "(+-9223372036854775807 minor units)", what);
}

/* Cost the pairs of the month collected, then start a new month. */
static int
lab_flush(struct lab *b)
{
	struct time_labour *l = b->l;
	struct labour_month *m;
	struct labour_task *t;
	const struct row *pr;
	const char *why;
	char pid[32];
	int64_t rate, cost, *ti;
	long person, task;
	size_t i;

	if (b->month[0] == '\0')
		return 0;
	if (l->nmonths == b->amonths) {
		b->amonths = b->amonths ? b->amonths * 2 : 16;
		l->months = xrealloc(l->months, b->amonths * sizeof(*l->months));
	}
	m = &l->months[l->nmonths++];
	memset(m, 0, sizeof(*m));
	memcpy(m->month, b->month, 8);
	m->count = b->count;
	for (i = 0; i < b->pairs.cap; i++) {
		if (b->pairs.key[i] == 0)
			continue;
		person = (long)(b->pairs.key[i] >> 32);
		task = (long)(b->pairs.key[i] & 0xffffffffu);
		snprintf(pid, sizeof(pid), "P-%ld", person);
		rate = 0;
		if ((pr = table_find(b->people, pid)) == NULL ||
		    *table_get(b->people, pr, PERSON_RATE) == '\0' ||
		    money_parse(table_get(b->people, pr, PERSON_RATE),
		    b->p->digits, &rate, &why) == -1)
			l->unrated += b->pairs.sum[i];
		if (labour_of(b->pairs.sum[i], rate, b->p->hours_per_day,
		    &cost) == -1)
			return lab_range(pid);
		ti = days_get(&b->tidx, (uint64_t)task);
		if (*ti == 0) {
			if (l->ntasks == b->atasks) {
				b->atasks = b->atasks ? b->atasks * 2 : 64;
				l->tasks = xrealloc(l->tasks, b->atasks *
				    sizeof(*l->tasks));
			}
			l->tasks[l->ntasks].task = task;
			l->tasks[l->ntasks].cost = 0;
			l->tasks[l->ntasks].quarters = 0;
			*ti = (int64_t)++l->ntasks;
		}
		t = &l->tasks[*ti - 1];
		t->quarters += b->pairs.sum[i];
		m->quarters += b->pairs.sum[i];
		l->quarters += b->pairs.sum[i];
		if (money_add(&t->cost, cost) == -1 ||
		    money_add(&m->cost, cost) == -1 ||
		    money_add(&l->cost, cost) == -1)
			return lab_range("a sum");
	}
	days_release(&b->pairs);
	b->count = 0;
	b->month[0] = '\0';
	return 0;
}

static int
lab_row(void *arg, const struct booking *bk)
{
	struct lab *b = arg;

	if (b->month[0] != '\0' && memcmp(b->month, bk->date, 7) != 0 &&
	    lab_flush(b) == -1)
		return -1;
	if (b->month[0] == '\0') {
		memcpy(b->month, bk->date, 7);
		b->month[7] = '\0';
	}
	*days_get(&b->pairs, ((uint64_t)bk->person_num << 32) |
	    (uint64_t)bk->task_num) += bk->quarters;
	b->count++;
	b->l->count++;
	return 0;
}

static int
cmp_labour_task(const void *a, const void *b)
{
	const struct labour_task *x = a, *y = b;

	return x->task < y->task ? -1 : x->task > y->task;
}

int
time_labour(struct time_labour *l, struct project *p,
    const struct time_filter *f)
{
	struct table people = TABLE_INIT;
	struct lab b;
	int ret = -1;

	memset(&b, 0, sizeof(b));
	b.l = l;
	b.p = p;
	b.people = &people;
	if (store_load(p, NULL, &schema_people, &people) == -1)
		goto out;
	table_sort(&people);
	if (time_scan(p, f, lab_row, &b) == -1 || lab_flush(&b) == -1)
		goto out;
	if (l->ntasks > 1)
		qsort(l->tasks, l->ntasks, sizeof(*l->tasks), cmp_labour_task);
	ret = 0;
out:
	days_release(&b.pairs);
	days_release(&b.tidx);
	table_release(&people);
	return ret;
}

int64_t
time_labour_task(const struct time_labour *l, long num)
{
	size_t lo = 0, hi = l->ntasks, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (l->tasks[mid].task == num)
			return l->tasks[mid].cost;
		if (l->tasks[mid].task < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void
time_labour_release(struct time_labour *l)
{
	free(l->tasks);
	free(l->months);
	*l = (struct time_labour)TIME_LABOUR_INIT;
}

/* ---- sums ---- */

int
time_by_parse(const char *s, enum time_by *by)
{
	static const char *const names[] = { "person", "task", "week",
		"month" };
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(s, names[i]) == 0) {
			*by = (enum time_by)i;
			return 0;
		}
	return -1;
}

static struct time_line *
line_get(struct time_report *r, long key)
{
	struct time_line *l;
	size_t at;
	int added;

	at = kam_lidx_get(&r->index, key, &added);
	if (!added)
		return &r->v[at];
	if (r->n == r->alloc) {
		r->alloc = r->alloc ? r->alloc * 2 : 64;
		r->v = xrealloc(r->v, r->alloc * sizeof(*r->v));
	}
	l = &r->v[r->n++];
	memset(l, 0, sizeof(*l));
	l->key = key;
	l->name = "";
	return l;
}

static int
report_row(void *arg, const struct booking *b)
{
	struct time_report *r = arg;
	struct time_line *l;
	int32_t day;
	long key;

	switch (r->by) {
	case TIME_BY_PERSON:
		key = b->person_num;
		break;
	case TIME_BY_TASK:
		key = b->task_num;
		break;
	case TIME_BY_WEEK:
		if (date_parse(b->date, &day, NULL) == -1)
			return 0;
		key = day - date_weekday(day);
		break;
	default:
		key = (long)(b->date[0] - '0') * 12000 +
		    (b->date[1] - '0') * 1200 + (b->date[2] - '0') * 120 +
		    (b->date[3] - '0') * 12 + (b->date[5] - '0') * 10 +
		    (b->date[6] - '0') - 1;
		break;
	}
	l = line_get(r, key);
	if (l->count == 0) {
		switch (r->by) {
		case TIME_BY_PERSON:
			snprintf(l->label, sizeof(l->label), "%s", b->person);
			break;
		case TIME_BY_TASK:
			snprintf(l->label, sizeof(l->label), "%s", b->task);
			break;
		case TIME_BY_WEEK:
			date_fmt((int32_t)key, l->label);
			break;
		default:
			snprintf(l->label, sizeof(l->label), "%.7s", b->date);
			break;
		}
	}
	l->quarters += b->quarters;
	l->count++;
	r->total += b->quarters;
	r->count++;
	return 0;
}

static int
cmp_line(const void *a, const void *b)
{
	const struct time_line *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

int
time_report(struct time_report *r, struct project *p,
    const struct time_filter *f, enum time_by by)
{
	const struct row *row;
	const char *why, *dur;
	long days;
	size_t i;

	r->by = by;
	if (store_load(p, NULL, &schema_people, &r->people) == -1 ||
	    store_load(p, NULL, &schema_tasks, &r->tasks) == -1)
		return -1;
	table_sort(&r->people);
	table_sort(&r->tasks);
	if (time_scan(p, f, report_row, r) == -1)
		return -1;
	if (r->n > 1)
		qsort(r->v, r->n, sizeof(*r->v), cmp_line);
	for (i = 0; i < r->n; i++) {
		struct time_line *l = &r->v[i];

		if (by == TIME_BY_PERSON &&
		    (row = table_find(&r->people, l->label)) != NULL)
			l->name = table_get(&r->people, row, PERSON_NAME);
		if (by != TIME_BY_TASK ||
		    (row = table_find(&r->tasks, l->label)) == NULL)
			continue;
		l->name = table_get(&r->tasks, row, TASK_TITLE);
		dur = table_get(&r->tasks, row, TASK_DURATION);
		if (int_parse(dur, 0, 100000, &days, &why) == 0) {
			l->planned = (int64_t)days * p->hours_per_day;
			l->has_planned = 1;
		}
	}
	/* The lines moved: the index is of no further use. */
	kam_lidx_release(&r->index);
	return 0;
}

void
time_report_release(struct time_report *r)
{
	free(r->v);
	kam_lidx_release(&r->index);
	table_release(&r->people);
	table_release(&r->tasks);
	*r = (struct time_report)TIME_REPORT_INIT;
}

/* ---- kam team audit ---- */

/* The period of day d: its Monday, or year * 12 + month - 1; and the
 * period's first and last day. */
static long
period_of(int32_t d, int by_month, int32_t *first, int32_t *last)
{
	int y, m, dd;

	if (!by_month) {
		*first = d - date_weekday(d);
		*last = *first + 6;
		return *first;
	}
	date_ymd(d, &y, &m, &dd);
	*first = date_from_ymd(y, m, 1);
	*last = (m == 12 ? date_from_ymd(y + 1, 1, 1) :
	    date_from_ymd(y, m + 1, 1)) - 1;
	return (long)y * 12 + m - 1;
}

struct ta_build {
	struct team_audit	*ta;
	struct days		 idx;	/* (person, period) -> row + 1 */
	struct days		 tq;	/* task -> quarters */
	int			 by_month;
};

static struct audit_row *
ta_row(struct ta_build *b, long person, int32_t day)
{
	struct team_audit *ta = b->ta;
	struct audit_row *r;
	int32_t first, last;
	long key = period_of(day, b->by_month, &first, &last);
	int64_t *i = days_get(&b->idx, ((uint64_t)person << 24) |
	    (uint64_t)(key + DAY_BIAS));

	if (*i != 0)
		return &ta->rows[*i - 1];
	if (ta->nrows == ta->arows) {
		ta->arows = ta->arows ? ta->arows * 2 : 64;
		ta->rows = xrealloc(ta->rows, ta->arows * sizeof(*ta->rows));
	}
	r = &ta->rows[ta->nrows++];
	memset(r, 0, sizeof(*r));
	r->person = person;
	r->name = "";
	r->key = key;
	if (b->by_month)
		snprintf(r->period, sizeof(r->period), "%04d-%02d",
		    (int)(key / 12) % 10000, (int)(key % 12) + 1);
	else
		date_fmt(first, r->period);
	*i = (int64_t)ta->nrows;
	return r;
}

static int
ta_booking(void *arg, const struct booking *bk)
{
	struct ta_build *b = arg;
	int32_t day;

	if (date_parse(bk->date, &day, NULL) == -1)
		return 0;
	ta_row(b, bk->person_num, day)->booked += bk->quarters;
	*days_get(&b->tq, (uint64_t)bk->task_num) += bk->quarters;
	return 0;
}

static int
cmp_audit_row(const void *a, const void *b)
{
	const struct audit_row *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->key < y->key ? -1 : x->key > y->key;
}

static int
cmp_audit_task(const void *a, const void *b)
{
	const struct audit_task *x = a, *y = b;

	return x->task < y->task ? -1 : x->task > y->task;
}

int
team_audit(struct team_audit *ta, struct project *p, int32_t from,
    int32_t to, int by_month)
{
	struct team_load tl = TEAM_LOAD_INIT;
	struct time_filter f = TIME_FILTER_INIT;
	struct ta_build b;
	const struct row *pr, *tr;
	char id[32];
	int32_t first, last, d;
	long cap, workdays, days;
	size_t i;
	int ret = -1;

	memset(&b, 0, sizeof(b));
	b.ta = ta;
	b.by_month = by_month;
	if (store_load(p, NULL, &schema_people, &ta->people) == -1 ||
	    store_load(p, NULL, &schema_tasks, &ta->tasks_t) == -1)
		goto out;
	table_sort(&ta->people);
	table_sort(&ta->tasks_t);
	/* Planned: the schedule's allocation, day by day, a started task
	 * for its duration (plan.h: effort), not stretched to today. */
	tl.effort = 1;
	if (team_load_compute(&tl, p, from, to, 1, 0, NULL) == -1)
		goto out;
	for (i = 0; i < tl.n; i++)
		ta_row(&b, num_of(tl.v[i].person), tl.v[i].start)->planned +=
		    (int64_t)tl.v[i].assigned * p->hours_per_day;
	/* Booked: the timesheets in the same window. */
	if (from != 0)
		f.from = from;
	if (to != 0)
		f.to = to;
	if (time_scan(p, &f, ta_booking, &b) == -1)
		goto out;
	for (i = 0; i < ta->nrows; i++) {
		struct audit_row *r = &ta->rows[i];

		snprintf(id, sizeof(id), "P-%ld", r->person);
		cap = 100;
		if ((pr = table_find(&ta->people, id)) != NULL) {
			r->name = table_get(&ta->people, pr, PERSON_NAME);
			if (int_parse(table_get(&ta->people, pr,
			    PERSON_CAPACITY), 0, 100, &cap, NULL) == -1)
				cap = 100;
		}
		period_of(by_month ? (int32_t)date_from_ymd((int)(r->key / 12),
		    (int)(r->key % 12) + 1, 1) : (int32_t)r->key, by_month,
		    &first, &last);
		if (from != 0 && first < from)
			first = from;
		if (to != 0 && last > to)
			last = to;
		for (workdays = 0, d = first; d <= last; d++)
			workdays += project_is_workday(p, d);
		r->capacity = time_capacity(p, workdays, cap);
		r->cap100 = (int64_t)workdays * cap * p->hours_per_day;
		r->over = (__int128)r->booked * 100 > r->cap100;
		ta->nover_rows += r->over;
	}
	if (ta->nrows > 1)
		qsort(ta->rows, ta->nrows, sizeof(*ta->rows), cmp_audit_row);
	/* Tasks: booked against planned effort. */
	ta->tasks = xcalloc(b.tq.n + 1, sizeof(*ta->tasks));
	for (i = 0; i < b.tq.cap; i++) {
		struct audit_task *t;

		if (b.tq.key[i] == 0)
			continue;
		t = &ta->tasks[ta->ntasks++];
		t->task = (long)b.tq.key[i];
		t->booked = b.tq.sum[i];
		t->title = "";
		snprintf(id, sizeof(id), "T-%ld", t->task);
		if ((tr = table_find(&ta->tasks_t, id)) == NULL)
			continue;
		t->title = table_get(&ta->tasks_t, tr, TASK_TITLE);
		if (int_parse(table_get(&ta->tasks_t, tr, TASK_DURATION), 0,
		    100000, &days, NULL) == 0) {
			t->planned = (int64_t)days * p->hours_per_day;
			t->has_planned = 1;
			t->over = time_effort_over(t->booked, t->planned,
			    p->effort_overrun);
			ta->nover_tasks += t->over;
		}
	}
	if (ta->ntasks > 1)
		qsort(ta->tasks, ta->ntasks, sizeof(*ta->tasks),
		    cmp_audit_task);
	ret = 0;
out:
	days_release(&b.idx);
	days_release(&b.tq);
	team_load_release(&tl);
	return ret;
}

void
team_audit_release(struct team_audit *ta)
{
	free(ta->rows);
	free(ta->tasks);
	table_release(&ta->people);
	table_release(&ta->tasks_t);
	*ta = (struct team_audit)TEAM_AUDIT_INIT;
}
