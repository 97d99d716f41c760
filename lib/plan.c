/*
 * plan.c: working calendar and critical path method (see plan.h and
 * SPEC §4).
 *
 * The graph is held as two compressed adjacency arrays (predecessors and
 * successors), ordered once with Kahn's algorithm; both passes then walk
 * that order with plain loops.  Nothing recurses, so the depth of the
 * dependency chain costs no stack.
 */
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "plan.h"
#include "schema.h"
#include "store.h"
#include "value.h"

/* Limits of the calendar cache: kam's dates stay within these. */
#define CAL_FIRST	(-25567)	/* 1900-01-01 */
#define CAL_LAST	376199		/* 2999-12-31, value.h's last date */

static int
cal_is_workday(const struct plan_cal *cal, int32_t d)
{
	return calendar_is_workday(cal->workdays, cal->holidays,
	    cal->nholidays, cal->workdates, cal->nworkdates, d);
}

int
plan_cal_init(struct plan_cal *cal, const struct project *p)
{
	int32_t d;

	memset(cal, 0, sizeof(*cal));
	cal->workdays = p->workdays & 0x7f;
	cal->holidays = p->holidays;
	cal->nholidays = p->nholidays;
	cal->workdates = p->workdates;
	cal->nworkdates = p->nworkdates;
	if (cal->workdays == 0)
		return kam_err(KAM_EX_DATA, "kam.conf: calendar.workdays: no "
		    "working day in the week");
	d = p->start != 0 ? p->start : p->today;
	/* At least one weekday works, so this ends within a week plus the
	 * holidays. */
	while (d < CAL_LAST && !cal_is_workday(cal, d))
		d++;
	cal->origin = d;
	cal->afwd = 1024;
	cal->fwd = xmalloc(cal->afwd * sizeof(int32_t));
	cal->fwd[0] = d;
	cal->nfwd = 1;
	return 0;
}

void
plan_cal_release(struct plan_cal *cal)
{
	free(cal->fwd);
	free(cal->back);
	cal->fwd = cal->back = NULL;
	cal->nfwd = cal->afwd = cal->nback = cal->aback = 0;
}

/* Cache forward while the last cached index is below `index` and its date
 * below `date`.  Returns 0, or -1 when the cache hit 2999-12-31. */
static int
cal_grow_fwd(struct plan_cal *cal, long index, int32_t date)
{
	int32_t d = cal->fwd[cal->nfwd - 1];

	while ((long)cal->nfwd <= index || d < date) {
		do {
			if (d >= CAL_LAST)
				return -1;
			d++;
		} while (!cal_is_workday(cal, d));
		if (cal->nfwd == cal->afwd) {
			cal->afwd *= 2;
			cal->fwd = xrealloc(cal->fwd, cal->afwd * sizeof(int32_t));
		}
		cal->fwd[cal->nfwd++] = d;
	}
	return 0;
}

/* Cache backward until index -(k + 1) for k = want - 1 is cached, or a
 * date at or before `date` is. */
static int
cal_grow_back(struct plan_cal *cal, size_t want, int32_t date)
{
	int32_t d = cal->nback > 0 ? cal->back[cal->nback - 1] : cal->origin;

	while (cal->nback < want || d > date) {
		do {
			if (d <= CAL_FIRST)
				return -1;
			d--;
		} while (!cal_is_workday(cal, d));
		if (cal->nback == cal->aback) {
			cal->aback = cal->aback ? cal->aback * 2 : 256;
			cal->back = xrealloc(cal->back, cal->aback *
			    sizeof(int32_t));
		}
		cal->back[cal->nback++] = d;
	}
	return 0;
}

int32_t
plan_cal_date(struct plan_cal *cal, long index)
{
	if (index >= 0) {
		if (cal_grow_fwd(cal, index, CAL_FIRST) == -1 &&
		    (long)cal->nfwd <= index)
			return cal->fwd[cal->nfwd - 1];
		return cal->fwd[index];
	}
	if (cal_grow_back(cal, (size_t)-index, CAL_LAST) == -1 &&
	    cal->nback < (size_t)-index)
		return cal->nback > 0 ? cal->back[cal->nback - 1] : cal->origin;
	return cal->back[-index - 1];
}

long
plan_cal_index(struct plan_cal *cal, int32_t date)
{
	size_t lo, hi, m;

	if (date >= cal->origin) {
		/* The first cached date >= date. */
		if (cal_grow_fwd(cal, 0, date) == -1 &&
		    cal->fwd[cal->nfwd - 1] < date)
			return (long)cal->nfwd;	/* past the end of time */
		lo = 0;
		hi = cal->nfwd;
		while (lo < hi) {
			m = lo + (hi - lo) / 2;
			if (cal->fwd[m] < date)
				lo = m + 1;
			else
				hi = m;
		}
		return (long)lo;
	}
	cal_grow_back(cal, 0, date);
	/* back[] descends; the answer is the last k with back[k] >= date,
	 * or index 0 (the origin) when back[0] < date already. */
	lo = 0;
	hi = cal->nback;
	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (cal->back[m] >= date)
			lo = m + 1;
		else
			hi = m;
	}
	return -(long)lo;
}

long
plan_cal_index_before(struct plan_cal *cal, int32_t date)
{
	long i = plan_cal_index(cal, date);

	if (plan_cal_date(cal, i) > date)
		i--;
	return i;
}

int32_t
plan_day_date(struct plan *pl, long index)
{
	return plan_cal_date(&pl->cal, index);
}

long
plan_date_index(struct plan *pl, int32_t date)
{
	return plan_cal_index(&pl->cal, date);
}

/* Index of the calendar day after `date` (the exclusive end of a task
 * that finished on `date`). */
static long
index_after(struct plan_cal *cal, int32_t date)
{
	return plan_cal_index(cal, date + 1);
}

/* Shown day of a milestone at index x: the day before (SPEC §4). */
static long
ms_shown(long x)
{
	return x == 0 ? 0 : x - 1;
}

/* Shown day of milestone t: today when it waits for today. */
static long
ms_day(const struct plan_task *t)
{
	return t->ms_today ? t->es : ms_shown(t->es);
}

/* Id number -> task index, for a table possibly not in id order. */
struct idmap {
	long	num;
	size_t	idx;
};

static int
cmp_idmap(const void *a, const void *b)
{
	const struct idmap *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num;
}

static long
idmap_find(const struct idmap *m, size_t n, long num)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (m[mid].num == num)
			return (long)m[mid].idx;
		if (m[mid].num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static struct idmap *
idmap_build(const struct table *t)
{
	struct idmap *m = xcalloc(t->nrows + 1, sizeof(*m));
	size_t i;
	int sorted = 1;

	for (i = 0; i < t->nrows; i++) {
		m[i].num = t->rows[i].num;
		m[i].idx = i;
		if (i > 0 && m[i].num <= m[i - 1].num)
			sorted = 0;
	}
	if (!sorted)
		qsort(m, t->nrows, sizeof(*m), cmp_idmap);
	return m;
}

/* Parse the next id of a space-separated list at *s: its number into
 * *num, *s advanced.  Returns 1, 0 at the end, -1 for a malformed id (the
 * text in bad[32]). */
static int
next_id(const char **s, const char *prefix, long *num, char *bad)
{
	const char *p = *s, *q;
	char one[32];
	size_t n;

	while (*p == ' ' || *p == ',')
		p++;
	if (*p == '\0') {
		*s = p;
		return 0;
	}
	q = p + strcspn(p, " ,");
	n = (size_t)(q - p);
	*s = q;
	if (n >= sizeof(one)) {
		snprintf(bad, 32, "%.24s...", p);
		return -1;
	}
	memcpy(one, p, n);
	one[n] = '\0';
	if (id_parse(one, prefix, num, NULL) == -1) {
		memcpy(bad, one, n + 1);
		return -1;
	}
	return 1;
}

/* "T-1 -> T-3 -> T-2 -> T-1": the cycle ids[0..n) closed on ids[0];
 * a long one keeps its first and last few. */
static void
put_cycle(struct kam_buf *b, const long *ids, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (n > 12 && i == 5) {
			kam_buf_puts(b, " -> ...");
			i = n - 5;
		}
		kam_buf_printf(b, "%sT-%ld", i > 0 ? " -> " : "", ids[i]);
	}
	kam_buf_printf(b, " -> T-%ld", ids[0]);
	if (n > 12)
		kam_buf_printf(b, " (%zu tasks)", n);
}

/*
 * Some tasks are left with predecessors after Kahn's pass: every one of
 * them has a predecessor also left, so walking predecessors from any of
 * them must come back to a task already seen.  Name that cycle, starting
 * at its smallest id, in "depends on" order.
 */
static void
report_cycle(const struct plan *pl, const struct table *t,
    const size_t *indeg)
{
	size_t n = pl->ntasks, u = 0, i, k, len, best;
	long *seen = xcalloc(n, sizeof(long));
	size_t *path = xcalloc(n + 1, sizeof(size_t));
	long *ids = NULL;
	struct kam_buf b = KAM_BUF_INIT;
	long step = 0;

	while (u < n && indeg[u] == 0)
		u++;
	if (u == n)
		goto out;
	len = 0;
	while (seen[u] == 0) {
		const struct plan_task *pt = &pl->tasks[u];

		seen[u] = ++step;
		path[len++] = u;
		for (k = 0; k < pt->ndep; k++)
			if (indeg[pl->dep[pt->dep_off + k]] > 0)
				break;
		u = pl->dep[pt->dep_off + (k < pt->ndep ? k : 0)];
	}
	/* The cycle is path[seen[u] - 1 .. len). */
	i = (size_t)seen[u] - 1;
	best = i;
	for (k = i; k < len; k++)
		if (pl->tasks[path[k]].id < pl->tasks[path[best]].id)
			best = k;
	ids = xcalloc(len - i, sizeof(long));
	for (k = 0; k < len - i; k++)
		ids[k] = pl->tasks[path[i + (best - i + k) % (len - i)]].id;
	put_cycle(&b, ids, len - i);
	kam_err(KAM_EX_DATA, "%s:%lu: dependency cycle: %s", t->path,
	    pl->tasks[path[best]].row->line, b.ptr);
out:
	kam_buf_release(&b);
	free(ids);
	free(seen);
	free(path);
}

static _Thread_local const struct plan *crit_plan;	/* for qsort */

static int
cmp_critical(const void *a, const void *b)
{
	const struct plan_task *x = &crit_plan->tasks[*(const size_t *)a];
	const struct plan_task *y = &crit_plan->tasks[*(const size_t *)b];

	if (x->es != y->es)
		return x->es < y->es ? -1 : 1;
	if (x->ee != y->ee)
		return x->ee < y->ee ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Read one task's own fields (not its dependencies). */
static int
read_task(struct plan *pl, const struct table *t, size_t i, const int *col)
{
	struct plan_task *pt = &pl->tasks[i];
	const struct row *r = &t->rows[i];
	const char *v, *why;
	long x;
	int ret = 0;

	pt->row = r;
	pt->id = r->num;
	v = table_get(t, r, col[0]);
	if (int_parse(v, 0, 100000, &pt->duration, &why) == -1)
		return kam_err(KAM_EX_DATA, "%s:%lu: duration: invalid value "
		    "'%s': %s", t->path, r->line, v, why);
	pt->milestone = pt->duration == 0;
	v = table_get(t, r, col[3]);
	if (*v != '\0') {
		if (int_parse(v, 0, 100, &x, &why) == -1)
			return kam_err(KAM_EX_DATA, "%s:%lu: progress: invalid "
			    "value '%s': %s", t->path, r->line, v, why);
		pt->progress = (int)x;
	}
	/* start, finish, deadline, baseline_start, baseline_finish */
	v = table_get(t, r, col[1]);
	if (*v != '\0') {
		if (date_parse(v, &pt->start, &why) == -1)
			goto bad;
		pt->started = pt->has_start = 1;
	}
	v = table_get(t, r, col[2]);
	if (*v != '\0') {
		if (date_parse(v, &pt->finish, &why) == -1)
			goto bad;
		pt->started = pt->finished = 1;
		pt->progress = 100;
		if (pt->has_start && pt->finish < pt->start)
			return kam_err(KAM_EX_DATA, "%s:%lu: finish %s is before "
			    "start %s; fix one of them", t->path, r->line, v,
			    table_get(t, r, col[1]));
	}
	v = table_get(t, r, col[4]);
	if (*v != '\0') {
		if (date_parse(v, &pt->deadline, &why) == -1)
			goto bad;
		pt->has_deadline = 1;
	}
	v = table_get(t, r, col[5]);
	if (*v != '\0') {
		if (date_parse(v, &pt->bs_date, &why) == -1)
			goto bad;
		v = table_get(t, r, col[6]);
		if (*v != '\0') {
			if (date_parse(v, &pt->bf_date, &why) == -1)
				goto bad;
			pt->has_baseline = 1;
		}
	}
	return ret;
bad:
	return kam_err(KAM_EX_DATA, "%s:%lu: invalid date '%s': %s", t->path,
	    r->line, v, why);
}

/* Dependencies into pl->dep (CSR); 65 for unknown or malformed ids. */
static int
read_deps(struct plan *pl, const struct table *t, int dcol,
    const struct idmap *map)
{
	size_t i, n = pl->ntasks, total = 0, alloc = n + 16;
	const char *s;
	char bad[32];
	long num, j;
	int rc, ret = 0;

	pl->dep = xmalloc(alloc * sizeof(size_t));
	for (i = 0; i < n; i++) {
		struct plan_task *pt = &pl->tasks[i];

		pt->dep_off = total;
		s = table_get(t, pt->row, dcol);
		while ((rc = next_id(&s, "T", &num, bad)) != 0) {
			if (rc == -1) {
				ret = kam_err(KAM_EX_DATA, "%s:%lu: depends: "
				    "invalid task id '%s' (expected e.g. T-12)",
				    t->path, pt->row->line, bad);
				continue;
			}
			if ((j = idmap_find(map, n, num)) == -1) {
				ret = kam_err(KAM_EX_DATA, "%s:%lu: depends: "
				    "task T-%ld does not exist in %s", t->path,
				    pt->row->line, num, t->path);
				continue;
			}
			if (total == alloc) {
				alloc *= 2;
				pl->dep = xrealloc(pl->dep, alloc *
				    sizeof(size_t));
			}
			pl->dep[total++] = (size_t)j;
		}
		pt->ndep = total - pt->dep_off;
	}
	return ret;
}

/* The shown dates and the derived values of one scheduled task. */
static void
finish_task(struct plan *pl, struct plan_task *pt)
{
	struct plan_cal *cal = &pl->cal;

	/* LF - EF: for a task not started this is LS - ES; for a started
	 * one it counts from its remaining work (EE), not its duration. */
	pt->slack = pt->le - pt->ee;
	pt->critical = pt->slack <= 0;
	if (pt->milestone) {
		pt->es_date = pt->ef_date = plan_cal_date(cal, ms_day(pt));
		pt->ls_date = pt->lf_date = plan_cal_date(cal,
		    pt->ms_today && ms_shown(pt->ls) < pt->es ? pt->es :
		    ms_shown(pt->ls));
	} else {
		pt->es_date = plan_cal_date(cal, pt->es);
		pt->ef_date = plan_cal_date(cal, pt->ee - 1);
		pt->ls_date = plan_cal_date(cal, pt->ls);
		pt->lf_date = plan_cal_date(cal, pt->le - 1);
	}
	if (pt->has_baseline) {
		pt->bs = plan_cal_index(cal, pt->bs_date);
		pt->bf = plan_cal_index(cal, pt->bf_date);
		pt->variance = (pt->milestone ? ms_day(pt) : pt->ee - 1) -
		    pt->bf;
		pl->has_baseline = 1;
	}
}

int
plan_compute(struct plan *pl, const struct project *p,
    const struct table *t)
{
	return plan_compute_flags(pl, p, t, 0);
}

int
plan_compute_flags(struct plan *pl, const struct project *p,
    const struct table *t, unsigned flags)
{
	struct idmap *map = NULL;
	size_t *indeg = NULL, *succ = NULL, *soff = NULL, *queue = NULL;
	size_t n = t->nrows, i, k, head, tail;
	long maxee, minstart, tidx, fin;
	int col[7], dcol, act = (flags & PLAN_NO_ACTUALS) == 0, ret = -1;

	memset(pl, 0, sizeof(*pl));
	if (plan_cal_init(&pl->cal, p) == -1)
		return -1;
	pl->today = p->today;
	pl->today_idx = tidx = plan_cal_index(&pl->cal, p->today);
	if (!act)
		tidx = -((long)1 << 40);	/* no today rule */
	col[0] = schema_col(&schema_tasks, "duration");
	col[1] = schema_col(&schema_tasks, "start");
	col[2] = schema_col(&schema_tasks, "finish");
	col[3] = schema_col(&schema_tasks, "progress");
	col[4] = schema_col(&schema_tasks, "deadline");
	col[5] = schema_col(&schema_tasks, "baseline_start");
	col[6] = schema_col(&schema_tasks, "baseline_finish");
	dcol = schema_col(&schema_tasks, "depends");

	pl->ntasks = n;
	pl->tasks = xcalloc(n + 1, sizeof(*pl->tasks));
	ret = 0;
	for (i = 0; i < n; i++)
		if (read_task(pl, t, i, col) == -1)
			ret = -1;
	map = idmap_build(t);
	if (read_deps(pl, t, dcol, map) == -1)
		ret = -1;
	if (ret == -1)
		goto out;
	ret = -1;

	/* Successors (CSR) and Kahn's order. */
	soff = xcalloc(n + 1, sizeof(size_t));
	indeg = xcalloc(n + 1, sizeof(size_t));
	for (i = 0; i < n; i++) {
		indeg[i] = pl->tasks[i].ndep;
		for (k = 0; k < pl->tasks[i].ndep; k++)
			soff[pl->dep[pl->tasks[i].dep_off + k] + 1]++;
	}
	for (i = 0; i < n; i++)
		soff[i + 1] += soff[i];
	succ = xmalloc((soff[n] + 1) * sizeof(size_t));
	queue = xmalloc((n + 1) * sizeof(size_t));
	memcpy(queue, soff, n * sizeof(size_t));	/* fill cursors */
	for (i = 0; i < n; i++)
		for (k = 0; k < pl->tasks[i].ndep; k++)
			succ[queue[pl->dep[pl->tasks[i].dep_off + k]]++] = i;
	pl->order = xmalloc((n + 1) * sizeof(size_t));
	head = tail = 0;
	for (i = 0; i < n; i++)
		if (indeg[i] == 0)
			pl->order[tail++] = i;
	while (head < tail) {
		size_t u = pl->order[head++];

		for (k = soff[u]; k < soff[u + 1]; k++)
			if (--indeg[succ[k]] == 0)
				pl->order[tail++] = succ[k];
	}
	if (tail < n) {
		report_cycle(pl, t, indeg);
		goto out;
	}

	/* Forward pass. */
	maxee = 0;
	minstart = 0;
	for (head = 0; head < n; head++) {
		struct plan_task *pt = &pl->tasks[pl->order[head]];
		long es = 0, left;

		for (k = 0; k < pt->ndep; k++) {
			long ee = pl->tasks[pl->dep[pt->dep_off + k]].ee;

			if (ee > es)
				es = ee;
		}
		if (!act) {
			pt->es = es;
			pt->ee = es + pt->duration;
		} else if (pt->milestone && pt->started) {
			/* kam: a milestone is reached on its date. */
			pt->ee = pt->es = index_after(&pl->cal, pt->finished ?
			    pt->finish : pt->start);
		} else if (pt->finished) {
			pt->ee = index_after(&pl->cal, pt->finish);
			pt->es = pt->has_start ? plan_cal_index(&pl->cal,
			    pt->start) : pt->ee - pt->duration;
		} else if (pt->started) {
			pt->es = plan_cal_index(&pl->cal, pt->start);
			left = (pt->duration * (100 - pt->progress) + 99) / 100;
			pt->ee = (tidx > pt->es ? tidx : pt->es) + left;
		} else {
			pt->es = es > tidx ? es : tidx;
			pt->ee = pt->es + pt->duration;
			pt->ms_today = pt->milestone && tidx >= es;
		}
		if (pt->ee > maxee)
			maxee = pt->ee;
		if (pt->es < minstart)
			minstart = pt->es;
	}
	pl->end_idx = maxee;
	pl->start_idx = minstart;
	if (cal_grow_fwd(&pl->cal, maxee, CAL_FIRST) == -1) {
		kam_err(KAM_EX_DATA, "%s: the schedule runs past 2999-12-31, "
		    "the last date kam can write; check the durations",
		    t->path);
		goto out;
	}

	/* Backward pass. */
	for (head = n; head-- > 0;) {
		size_t u = pl->order[head];
		struct plan_task *pt = &pl->tasks[u];
		long le = maxee, dl;

		for (k = soff[u]; k < soff[u + 1]; k++)
			if (pl->tasks[succ[k]].ls < le)
				le = pl->tasks[succ[k]].ls;
		if (pt->has_deadline) {
			dl = index_after(&pl->cal, pt->deadline);
			if (dl < le)
				le = dl;
		}
		pt->le = le;
		pt->ls = le - pt->duration;
	}

	for (i = 0; i < n; i++) {
		finish_task(pl, &pl->tasks[i]);
		if (pl->tasks[i].critical)
			pl->ncritical++;
	}
	pl->critical = xmalloc((pl->ncritical + 1) * sizeof(size_t));
	for (i = k = 0; i < n; i++)
		if (pl->tasks[i].critical)
			pl->critical[k++] = i;
	crit_plan = pl;
	qsort(pl->critical, pl->ncritical, sizeof(size_t), cmp_critical);
	crit_plan = NULL;
	pl->start = plan_cal_date(&pl->cal, pl->start_idx);
	/* The last working day before the largest EE; today when a
	 * milestone that waits for today ends the plan. */
	fin = ms_shown(pl->end_idx);
	for (i = 0; i < n; i++)
		if (pl->tasks[i].ms_today && pl->tasks[i].ee == pl->end_idx)
			fin = pl->end_idx;
	pl->finish = plan_cal_date(&pl->cal, fin);
	ret = 0;
out:
	free(map);
	free(indeg);
	free(succ);
	free(soff);
	free(queue);
	return ret;
}

void
plan_release(struct plan *pl)
{
	plan_cal_release(&pl->cal);
	free(pl->tasks);
	free(pl->dep);
	free(pl->order);
	free(pl->critical);
	pl->tasks = NULL;
	pl->dep = pl->order = pl->critical = NULL;
	pl->ntasks = pl->ncritical = 0;
}

long
plan_find(const struct plan *pl, long num)
{
	size_t lo = 0, hi = pl->ntasks, m, i;

	/* Tables are normally in id order; fall back to a scan. */
	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (pl->tasks[m].id == num)
			return (long)m;
		if (pl->tasks[m].id < num)
			lo = m + 1;
		else
			hi = m;
	}
	for (i = 0; i < pl->ntasks; i++)
		if (pl->tasks[i].id == num)
			return (long)i;
	return -1;
}

void
plan_share_passed(struct plan *pl, const struct plan_task *t,
    int use_baseline, int64_t *num, int64_t *den)
{
	long from, to, last;
	int32_t when;

	*num = 0;
	*den = 1;
	if (use_baseline) {
		if (!t->has_baseline)
			return;
		from = t->bs;
		to = plan_cal_index_before(&pl->cal, t->bf_date);
		when = t->bf_date;
	} else {
		from = t->milestone ? ms_day(t) : t->es;
		to = t->milestone ? from : t->ee - 1;
		when = t->ef_date;
	}
	if (t->milestone || to < from) {
		*num = when <= pl->today;
		return;
	}
	last = plan_cal_index_before(&pl->cal, pl->today);
	*den = to - from + 1;
	if (last >= from)
		*num = last >= to ? *den : last - from + 1;
}

int
plan_check_new_deps(const struct table *t, long from, const long *to,
    size_t n)
{
	struct idmap *map = idmap_build(t);
	size_t nr = t->nrows, *stack = NULL, sp = 0, i;
	long *parent = NULL, fi, u, v, num;
	const char *s;
	char bad[32];
	int dcol = schema_col(&schema_tasks, "depends"), rc, ret = 0;

	fi = idmap_find(map, nr, from);
	for (i = 0; i < n; i++)
		if (to[i] == from) {
			ret = kam_err(KAM_EX_DATA, "dependency cycle: T-%ld -> "
			    "T-%ld (a task cannot depend on itself)", from, from);
			goto out;
		}
	if (fi == -1)
		goto out;		/* a new task: nothing depends on it */
	/* Depth-first over "depends on" from each new predecessor, looking
	 * for `from`; parent[] remembers the way (-2 = not visited). */
	parent = xmalloc((nr + 1) * sizeof(long));
	for (i = 0; i < nr; i++)
		parent[i] = -2;
	stack = xmalloc((nr + 1) * sizeof(size_t));
	for (i = 0; i < n && ret == 0; i++) {
		long ti = idmap_find(map, nr, to[i]);

		if (ti == -1 || parent[ti] != -2)
			continue;
		parent[ti] = -1;
		stack[sp++] = (size_t)ti;
		while (sp > 0) {
			u = (long)stack[--sp];
			s = table_get(t, &t->rows[u], dcol);
			while ((rc = next_id(&s, "T", &num, bad)) != 0) {
				if (rc == -1 ||
				    (v = idmap_find(map, nr, num)) == -1 ||
				    parent[v] != -2)
					continue;
				parent[v] = u;
				if (v == fi)
					break;
				stack[sp++] = (size_t)v;
			}
			if (parent[fi] != -2) {
				struct kam_buf b = KAM_BUF_INIT;

				/* Parents lead back from `from` to to[i]:
				 * the cycle is from, to[i], ..., parent[fi]. */
				long *ids = xmalloc((nr + 1) * sizeof(long));
				size_t m = 0, a, z;

				ids[m++] = from;
				for (v = parent[fi]; v != -1; v = parent[v])
					ids[m++] = t->rows[v].num;
				for (a = 1, z = m - 1; a < z; a++, z--) {
					long tmp = ids[a];

					ids[a] = ids[z];
					ids[z] = tmp;
				}
				put_cycle(&b, ids, m);
				free(ids);
				ret = kam_err(KAM_EX_DATA, "dependency cycle: %s",
				    b.ptr);
				kam_buf_release(&b);
				break;
			}
		}
	}
out:
	free(map);
	free(parent);
	free(stack);
	return ret;
}

int
plan_baseline_finish(struct plan *pl, int32_t *bf, long *var)
{
	size_t i;
	int have = 0;

	for (i = 0; i < pl->ntasks; i++)
		if (pl->tasks[i].has_baseline && (!have ||
		    pl->tasks[i].bf_date > *bf)) {
			*bf = pl->tasks[i].bf_date;
			have = 1;
		}
	if (have)
		*var = (pl->end_idx == 0 ? 0 : pl->end_idx - 1) -
		    plan_date_index(pl, *bf);
	return have;
}

int
plan_task_late(struct plan *cur, const struct plan *ref, size_t i,
    int32_t today, char *reason, size_t len, long *days, int32_t *pstart,
    int32_t *pfinish)
{
	return plan_task_late_lang(cur, ref, i, today, LANG_EN, reason, len,
	    days, pstart, pfinish);
}

int
plan_task_late_lang(struct plan *cur, const struct plan *ref, size_t i,
    int32_t today, int lang, char *reason, size_t len, long *days,
    int32_t *pstart, int32_t *pfinish)
{
	const struct plan_task *t = &cur->tasks[i];
	int32_t s, f;
	long last;
	char d[11];

	*days = 0;
	reason[0] = '\0';
	s = t->has_baseline ? t->bs_date : ref->tasks[i].es_date;
	f = t->has_baseline ? t->bf_date : ref->tasks[i].ef_date;
	*pstart = s;
	*pfinish = f;
	if (t->finished)
		return 0;
	/* Working days after the planned date up to today. */
	last = plan_cal_index_before(&cur->cal, today);
	if (f < today) {
		if (t->milestone)
			snprintf(reason, len, lang_tr(lang,
			    "should have been reached on %s"), date_fmt(f, d));
		else
			snprintf(reason, len, lang_tr(lang,
			    "should have finished by %s"), date_fmt(f, d));
		*days = last - plan_date_index(cur, f);
	} else if (!t->started && s < today) {
		snprintf(reason, len, lang_tr(lang, "should have started on %s"),
		    date_fmt(s, d));
		*days = last - plan_date_index(cur, s);
	}
	if (t->has_deadline && t->deadline < today) {
		if (reason[0] != '\0')
			snprintf(reason + strlen(reason), len - strlen(reason),
			    "%s", lang_tr(lang, "; "));
		snprintf(reason + strlen(reason), len - strlen(reason),
		    lang_tr(lang, "deadline %s passed"),
		    date_fmt(t->deadline, d));
	}
	if (*days < 0)
		*days = 0;
	return reason[0] != '\0';
}

/* ---- kam team load: allocation per person and period ----
 *
 * A task occupies its assignee full-time on every working day from its
 * early start to its early finish (actual dates when it has them).  Per
 * week (or day) a person's load is the task-days assigned in it over the
 * person's capacity in it (working days x capacity %); above 100% the
 * period is over-allocated and the tasks causing it are named.
 * Arithmetic is in whole numbers (hundredths of a day).
 */

/* Task index lists per (person, period), chained through `next`. */
struct hit {
	size_t	task;
	long	days;		/* working days of the task in the period */
	long	next;		/* index into hits, -1 = end */
};

struct load {
	long	assigned;	/* task-days */
	long	first;		/* head of the hit list, -1 = none */
};

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static void
load_add(struct team_load *tl, const struct load_row *r)
{
	if (tl->n == tl->alloc) {
		tl->alloc = tl->alloc ? tl->alloc * 2 : 64;
		tl->v = xrealloc(tl->v, tl->alloc * sizeof(*tl->v));
	}
	tl->v[tl->n++] = *r;
}

int
team_load_compute(struct team_load *tl, struct project *proj, int32_t from,
    int32_t to, int by_day, int over_only, const char *person)
{
	struct table tasks = TABLE_INIT, *people = &tl->people;
	struct plan pl = PLAN_INIT;
	struct load *ld = NULL;
	struct hit *hits = NULL;
	size_t nhits = 0, ahits = 0, i, j;
	char *mark = NULL;
	long *pnums = NULL, *wdays = NULL, np = 0, nper, per, p, idx, only = 0;
	char canon[32], d0[11], d1[11];
	struct kam_buf ids = KAM_BUF_INIT;
	int32_t wfrom, wto, date;
	int acol = schema_col(&schema_tasks, "assignee");
	int ccol = schema_col(&schema_people, "capacity");
	int scol = schema_col(&schema_people, "side");
	int ret = -1;

	tl->by_day = by_day;
	if (person != NULL && id_parse_arg(person, "P", canon, &only, NULL) ==
	    -1)
		return kam_err(KAM_EX_USAGE, "--person: invalid person id '%s' "
		    "(expected e.g. P-3)", person);
	if (store_load(proj, NULL, &schema_tasks, &tasks) == -1 ||
	    store_load(proj, NULL, &schema_people, people) == -1 ||
	    plan_compute(&pl, proj, &tasks) == -1)
		goto out;
	table_sort(people);
	if (only != 0 && table_find(people, canon) == NULL) {
		kam_err(KAM_EX_DATA, "person %s does not exist in %s", canon,
		    people->path);
		goto out;
	}

	/* The window, whole weeks when by week. */
	wfrom = from != 0 ? from : pl.start;
	wto = to != 0 ? to : pl.finish;
	if (wto < wfrom) {
		kam_err(KAM_EX_USAGE, "--to %s is before --from %s",
		    date_fmt(wto, d1), date_fmt(wfrom, d0));
		goto out;
	}
	if (!by_day) {
		wfrom -= date_weekday(wfrom);
		wto += 6 - date_weekday(wto);
	}
	nper = by_day ? (long)wto - wfrom + 1 : ((long)wto - wfrom + 1) / 7;
	if (nper > 100000) {
		kam_err(KAM_EX_USAGE, "the window has %ld periods; narrow it "
		    "with --from and --to", nper);
		goto out;
	}

	/* People: team members, and anyone else with a task. */
	pnums = xcalloc(people->nrows + 1, sizeof(long));
	mark = xcalloc(people->nrows + 1, 1);
	for (i = 0; i < people->nrows; i++)
		mark[i] = strcmp(table_get(people, &people->rows[i], scol),
		    "team") == 0;
	for (j = 0; j < tasks.nrows; j++) {
		const struct row *r = table_find(people,
		    table_get(&tasks, &tasks.rows[j], acol));

		if (r != NULL)
			mark[r - people->rows] = 1;
	}
	for (i = 0; i < people->nrows; i++)
		if (mark[i] && (only == 0 || people->rows[i].num == only))
			pnums[np++] = people->rows[i].num;
	qsort(pnums, (size_t)np, sizeof(long), cmp_long);
	ld = xcalloc((size_t)(np * nper + 1), sizeof(*ld));
	for (i = 0; i < (size_t)(np * nper); i++)
		ld[i].first = -1;

	/* Working days per period. */
	wdays = xcalloc((size_t)nper + 1, sizeof(long));
	for (idx = plan_date_index(&pl, wfrom);
	    (date = plan_day_date(&pl, idx)) <= wto && date >= wfrom; idx++)
		wdays[by_day ? date - wfrom : (date - wfrom) / 7]++;

	/* Each task's working days into its assignee's periods. */
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *pt = &pl.tasks[i];
		const char *who = table_get(&tasks, pt->row, acol);
		long pnum, *hitp, last = -1, hi = pt->ee, cut = -1, resume = -1;
		long left;

		if (pt->milestone || *who == '\0' ||
		    id_parse(who, "P", &pnum, NULL) == -1)
			continue;
		hitp = bsearch(&pnum, pnums, (size_t)np, sizeof(long),
		    cmp_long);
		if (hitp == NULL)
			continue;
		p = hitp - pnums;
		if (tl->effort && pt->started && !pt->finished) {
			/* The plan's remaining days start at
			 * max(today, start): ee - left. */
			left = (pt->duration * (100 - pt->progress) + 99) / 100;
			cut = pt->es + (pt->duration - left);
			resume = pt->ee - left > cut ? pt->ee - left : cut;
			hi = resume + left;
		}
		for (idx = pt->es; idx < hi; idx++) {
			if (idx >= cut && idx < resume)
				continue;
			date = plan_day_date(&pl, idx);
			if (date < wfrom || date > wto)
				continue;
			per = by_day ? date - wfrom : (date - wfrom) / 7;
			ld[p * nper + per].assigned++;
			if (last == per) {
				hits[ld[p * nper + per].first].days++;
				continue;
			}
			if (nhits == ahits) {
				ahits = ahits ? ahits * 2 : 256;
				hits = xrealloc(hits, ahits * sizeof(*hits));
			}
			hits[nhits].task = i;
			hits[nhits].days = 1;
			hits[nhits].next = ld[p * nper + per].first;
			ld[p * nper + per].first = (long)nhits++;
			last = per;
		}
	}

	for (p = 0; p < np; p++) {
		const struct row *pr;
		long cap = 100, cap100, h;

		snprintf(canon, sizeof(canon), "P-%ld", pnums[p]);
		pr = table_find(people, canon);
		if (int_parse(table_get(people, pr, ccol), 0, 1000, &cap,
		    NULL) == -1)
			cap = 100;
		for (per = 0; per < nper; per++) {
			struct load *l = &ld[p * nper + per];
			struct load_row r;

			if (l->assigned == 0)
				continue;
			memset(&r, 0, sizeof(r));
			cap100 = wdays[per] * cap;	/* hundredths of a day */
			r.over = l->assigned * 100 > cap100;
			if (over_only && !r.over)
				continue;
			tl->nover += r.over;
			if (r.over && (tl->overs.len == 0 ||
			    strstr(tl->overs.ptr, canon) == NULL))
				kam_buf_printf(&tl->overs, "%s%s",
				    tl->overs.len ? ", " : "", canon);
			r.pct = cap100 > 0 ? (l->assigned * 10000 +
			    cap100 / 2) / cap100 : 0;
			/* The hits were prepended: list them in task order. */
			kam_buf_reset(&ids);
			{
				long tmp[64], nt = 0, q;

				for (h = l->first; h != -1 && nt < 64;
				    h = hits[h].next)
					tmp[nt++] = (long)hits[h].task;
				for (q = nt; q-- > 0;)
					kam_buf_printf(&ids, "%s%s", ids.len ?
					    " " : "", table_get(&tasks,
					    pl.tasks[tmp[q]].row, ID_COL));
				if (h != -1)
					kam_buf_puts(&ids, " ...");
			}
			snprintf(r.person, sizeof(r.person), "%s", canon);
			r.name = table_get(people, pr, PERSON_NAME);
			r.start = wfrom + (int32_t)(by_day ? per : per * 7);
			r.end = by_day ? r.start : r.start + 6;
			r.workdays = wdays[per];
			r.cap100 = cap100;
			r.assigned = l->assigned;
			r.tasks = xstrdup(ids.ptr != NULL ? ids.ptr : "");
			load_add(tl, &r);
		}
	}
	ret = 0;
out:
	kam_buf_release(&ids);
	free(hits);
	free(ld);
	free(wdays);
	free(pnums);
	free(mark);
	plan_release(&pl);
	table_release(&tasks);
	return ret;
}

void
team_load_release(struct team_load *tl)
{
	size_t i;

	for (i = 0; i < tl->n; i++)
		free(tl->v[i].tasks);
	free(tl->v);
	tl->v = NULL;
	tl->n = tl->alloc = 0;
	kam_buf_release(&tl->overs);
	table_release(&tl->people);
}
