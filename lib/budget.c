/*
 * budget.c: budget.csv, the expense month files, exact sums and the
 * audit (see budget.h).
 *
 * Rows reach the callbacks here only after table_scan() validated them
 * (the callback is not called for a row with an error), so the amount and
 * task cells are known to be in the money and id grammars; they are
 * converted by the small trusted readers below instead of being parsed a
 * second time with money_parse()/id_parse().
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csv.h>

#include "budget.h"
#include "plan.h"
#include "schema.h"
#include "store.h"
#include "timesheet.h"
#include "value.h"

/* Expense columns in schema order (lib/schema.c, SPEC §2). */
enum { E_ID, E_DATE, E_CATEGORY, E_AMOUNT, E_DESCRIPTION, E_REF, E_TASK };

static const char *const status_names[] = {
	"ok", "warn", "over", "unplanned",
};

const char *
budget_status_name(enum budget_status st)
{
	return status_names[st];
}

/* ---- trusted readers for validated cells ---- */

/* A validated money string: ^-?(0|[1-9][0-9]*)(\.[0-9]{1,D})?$ within
 * range, so no overflow check is needed. */
static int64_t
amount_of(const char *s, int digits)
{
	uint64_t v = 0;
	int neg = 0, nf = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	for (; *s >= '0' && *s <= '9'; s++)
		v = v * 10 + (uint64_t)(*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, nf++)
			v = v * 10 + (uint64_t)(*s - '0');
	for (; nf < digits; nf++)
		v *= 10;
	return neg ? -(int64_t)v : (int64_t)v;
}

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

int
month_is_name(const char *name)
{
	char buf[11];
	int32_t d;

	if (strlen(name) != 11 || strcmp(name + 7, ".csv") != 0)
		return 0;
	memcpy(buf, name, 7);
	memcpy(buf + 7, "-01", 4);
	return date_parse(buf, &d, NULL) == 0;
}

char *
month_path(const struct schema *s, int32_t date, char *buf)
{
	int y, m, d;

	date_ymd(date, &y, &m, &d);
	snprintf(buf, 32, "%s/%04d-%02d.csv", s->file, y, m);
	return buf;
}

char *
budget_month_path(int32_t date, char *buf)
{
	return month_path(&schema_expenses, date, buf);
}

char *
budget_pct_fmt(int64_t part, int64_t whole, char *buf)
{
	__int128 n = (__int128)part * 10000, q;
	unsigned __int128 u;
	char tmp[48];
	size_t i = 0, j = 0;

	/* round(part * 10000 / whole), half away from zero, for whole > 0 */
	q = (n < 0 ? n - whole / 2 : n + whole / 2) / whole;
	u = q < 0 ? -(unsigned __int128)q : (unsigned __int128)q;
	do {
		tmp[i++] = (char)('0' + (int)(u % 10));
		u /= 10;
		if (i == 2)
			tmp[i++] = '.';
	} while (u != 0 || i < 4);
	if (q < 0)
		buf[j++] = '-';
	while (i > 0)
		buf[j++] = tmp[--i];
	buf[j] = '\0';
	return buf;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the month files ---- */

/* The month files of a commit's tree (kam portfolio), as below. */
static int
tree_month_files(struct project *p, const struct schema *s, char ***names)
{
	int i, j, n;

	if ((n = project_tree_names(p, s->file, names)) <= 0)
		return n;
	for (i = j = 0; i < n; i++) {
		if (!month_is_name((*names)[i])) {
			if ((*names)[i][0] != '.')
				kam_warn("%s/%s: not a month file (expected "
				    "YYYY-MM.csv); ignored", s->file, (*names)[i]);
			free((*names)[i]);
			continue;
		}
		(*names)[j++] = (*names)[i];
	}
	return j;
}

int
budget_month_files(struct project *p, char ***names)
{
	return month_files(p, &schema_expenses, names);
}

int
month_files(struct project *p, const struct schema *s, char ***names)
{
	struct dirent *de;
	struct stat st;
	char *dir;
	size_t n = 0;
	DIR *d;
	int ret = -1;

	*names = NULL;
	if (p->tree != NULL)
		return tree_month_files(p, s, names);
	dir = project_abspath(p, s->file);
	/* As meetings/ (RELIABILITY P7/P8): never follow a symlink, and a
	 * file in the directory's place hides records HEAD may hold. */
	if (lstat(dir, &st) == 0 && S_ISLNK(st.st_mode)) {
		kam_err(KAM_EX_STATE, "refusing to follow symlink '%s'",
		    s->file);
		goto out;
	}
	if (lstat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
		kam_err(KAM_EX_STATE, "'%s' is not a directory; move it away "
		    "(kam keeps %s in %s/YYYY-MM.csv)", s->file, s->name,
		    s->file);
		goto out;
	}
	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			ret = 0;
		else
			kam_errno(errno, "cannot read '%s'", dir);
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (fstatat(dirfd(d), de->d_name, &st,
		    AT_SYMLINK_NOFOLLOW) == -1 || S_ISDIR(st.st_mode))
			continue;
		if (!month_is_name(de->d_name)) {
			kam_warn("%s/%s: not a month file (expected "
			    "YYYY-MM.csv); ignored", s->file, de->d_name);
			continue;
		}
		*names = xrealloc(*names, (n + 1) * sizeof(**names));
		(*names)[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(*names, n, sizeof(**names), cmp_str);
	ret = (int)n;
out:
	free(dir);
	return ret;
}

static void
free_names(char **names, int n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

struct scan {
	const struct expense_filter	*f;
	expense_cb			 cb;
	void				*arg;
	int				 digits;
	const struct table		*t;	/* whose columns col[] are */
	int				 col[E_TASK + 1];	/* or -1 */
	struct expense			 e;
};

/* One month_scan(): the month of the file read, the range, the caller. */
struct mscan {
	const struct schema		*s;
	month_cb			 cb;
	void				*arg;
	char				 month[8];	/* of this file */
	char				 from[11], to[11];	/* "" = open */
};

/* Header positions of kam's columns in this file (any order is valid). */
static void
scan_columns(struct scan *sc, const struct table *t)
{
	int j;

	for (j = 0; j <= E_TASK; j++)
		sc->col[j] = t->colmap[j];
	sc->t = t;
}

static int
scan_row(void *arg, const struct table *t, const struct row *r)
{
	struct scan *sc = arg;
	struct expense *e = &sc->e;
	char *const *cell = r->cell;

	/* Each file has its own header (t is reused from file to file). */
	scan_columns(sc, t);
	e->date = cell[sc->col[E_DATE]];
	e->category = cell[sc->col[E_CATEGORY]];
	if (sc->f->category != NULL &&
	    strcmp(e->category, sc->f->category) != 0)
		return 0;
	e->task = sc->col[E_TASK] != -1 ? cell[sc->col[E_TASK]] : "";
	e->task_num = *e->task != '\0' ? num_of(e->task) : 0;
	if (sc->f->task != 0 && e->task_num != sc->f->task)
		return 0;
	e->path = t->path;
	e->line = r->line;
	e->num = r->num;
	e->id = cell[sc->col[E_ID]];
	e->amount = amount_of(cell[sc->col[E_AMOUNT]], sc->digits);
	e->description = sc->col[E_DESCRIPTION] != -1 ?
	    cell[sc->col[E_DESCRIPTION]] : "";
	e->ref = sc->col[E_REF] != -1 ? cell[sc->col[E_REF]] : "";
	e->t = t;
	e->r = r;
	return sc->cb(sc->arg, e);
}

/* Every row of a month file: in its month, then in the range. */
static int
mscan_row(void *arg, const struct table *t, const struct row *r)
{
	struct mscan *ms = arg;
	const char *date = r->cell[t->colmap[1]];

	if (memcmp(date, ms->month, 7) != 0)
		return kam_err(KAM_EX_DATA, "%s:%lu: date %s is not in %s "
		    "(a%s %s belongs in the file of its month: move it to "
		    "%s/%.7s.csv)", t->path, r->line, date, ms->month,
		    strchr("aeiou", ms->s->noun[0]) != NULL ? "n" : "",
		    ms->s->noun, ms->s->file, date);
	if (ms->from[0] != '\0' && strcmp(date, ms->from) < 0)
		return 0;
	if (ms->to[0] != '\0' && strcmp(date, ms->to) > 0)
		return 0;
	return ms->cb(ms->arg, t, r);
}

/*
 * Map a month file read-only (no copy of a large file through read(2)).
 * Returns 0, 1 when it does not exist, -1 after reporting.  An empty
 * file maps nothing: *len is 0 and *map points at "".
 */
static int
map_file(const char *path, char **map, size_t *len)
{
	struct stat st;
	void *m;
	int fd, ret = -1;

	*map = (char *)"";
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1) {
		if (errno == ENOENT)
			return 1;
		if (errno == ELOOP)
			return kam_err(KAM_EX_STATE, "refusing to follow "
			    "symlink '%s'", path);
		return kam_errno(errno, "cannot open '%s'", path);
	}
	if (fstat(fd, &st) == -1) {
		kam_errno(errno, "cannot stat '%s'", path);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		kam_err(KAM_EX_DATA, "'%s' is not a regular file", path);
		goto out;
	}
	if (st.st_size > 0) {
		m = mmap(NULL, (size_t)st.st_size, PROT_READ,
		    MAP_PRIVATE, fd, 0);
		if (m == MAP_FAILED) {
			kam_errno(errno, "cannot read '%s'", path);
			goto out;
		}
		*map = m;
		*len = (size_t)st.st_size;
	}
	ret = 0;
out:
	close(fd);
	return ret;
}

int
month_scan(struct project *p, const struct schema *s, int32_t from,
    int32_t to, month_cb cb, void *arg)
{
	struct table t = TABLE_INIT;
	struct kam_buf blob = KAM_BUF_INIT;
	struct mscan ms;
	char **names = NULL, path[64], *abs, *map;
	size_t len;
	int i, n, rc, ret = -1;

	memset(&ms, 0, sizeof(ms));
	ms.s = s;
	ms.cb = cb;
	ms.arg = arg;
	if (from != INT32_MIN)
		date_fmt(from, ms.from);
	if (to != INT32_MAX)
		date_fmt(to, ms.to);
	if ((n = month_files(p, s, &names)) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		/* A whole month outside the range is not read. */
		if ((ms.from[0] != '\0' && strncmp(names[i], ms.from, 7) < 0) ||
		    (ms.to[0] != '\0' && strncmp(names[i], ms.to, 7) > 0))
			continue;
		memcpy(ms.month, names[i], 7);
		snprintf(path, sizeof(path), "%s/%s", s->file, names[i]);
		if (p->tree != NULL) {
			rc = project_tree_read(p, path, &blob);
			map = blob.ptr;
			len = blob.len;
		} else {
			abs = project_abspath(p, path);
			rc = map_file(abs, &map, &len);
			free(abs);
		}
		if (rc == -1)
			goto out;
		if (rc == 1)
			continue;	/* removed while we read */
		rc = table_scan(&t, s, path, p->digits, map != NULL ? map : "",
		    len, mscan_row, &ms);
		if (len > 0 && p->tree == NULL)
			munmap(map, len);
		if (rc == -1)
			goto out;
	}
	ret = 0;
out:
	kam_buf_release(&blob);
	table_release(&t);
	free_names(names, n);
	return ret;
}

int
budget_scan(struct project *p, const struct expense_filter *f,
    expense_cb cb, void *arg)
{
	static const struct expense_filter all = EXPENSE_FILTER_INIT;
	struct scan sc;

	memset(&sc, 0, sizeof(sc));
	sc.f = f != NULL ? f : &all;
	sc.cb = cb;
	sc.arg = arg;
	sc.digits = p->digits;
	return month_scan(p, &schema_expenses, sc.f->from, sc.f->to, scan_row,
	    &sc);
}

/* ---- validation for kam check ---- */

struct seen {
	long		 num;
	unsigned long	 line;
	size_t		 file;
};

/* Every id read, with its file and line, to name both places of a
 * duplicate (expenses and any monthly table). */
struct id_places {
	struct seen	*ids;
	size_t		 nids, aids;
	char		**files;
	size_t		 nfiles;
	int		 unsorted;	/* ids not increasing in read order */
};

/* Task numbers below this are looked up by direct index: while the
 * expenses are scanned, their sums (sum_finish() gathers them into
 * s->tasks) and whether they exist.  Larger ones (a hand edit can write
 * T-999999999) go through the hash or a binary search. */
#define TASK_DENSE_MAX	(1L << 20)

/* Ids below this are checked for duplicates in a bitmap (2 MiB at most);
 * only a duplicate among them costs a second read, to name both lines. */
#define ID_BITS_MAX	(1L << 24)

struct validate {
	struct id_places places;	/* ids not in the bitmap */
	unsigned char	*idbits;	/* ids seen, below ID_BITS_MAX */
	size_t		 nidbits;	/* bytes */
	int		 dups;		/* a bitmap id seen twice */
	int		 collect;	/* every id to the array (second read) */
	long		*tasks;		/* sorted task numbers */
	size_t		 ntasks;
	unsigned char	*task_map;	/* or by number, when small */
	size_t		 ntask_map;
	int		 check_tasks;
	int		 bad;
	struct budget_sums *sums;	/* summed in the same pass, or NULL */
	int		 sum_failed;	/* a sum overflowed (reported) */
	struct budget_sums *to_today;	/* the same up to today (EVM) */
	char		 today[11];
};

static int	sum_row(void *, const struct expense *);
static int	sum_ac_row(struct budget_sums *, const struct expense *);

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

static int
cmp_seen(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static void
places_add(struct id_places *v, const char *path, long num,
    unsigned long line)
{
	if (v->nfiles == 0 || strcmp(v->files[v->nfiles - 1], path) != 0) {
		v->files = xrealloc(v->files, (v->nfiles + 1) * sizeof(char *));
		v->files[v->nfiles++] = xstrdup(path);
	}
	if (v->nids == v->aids) {
		v->aids = v->aids ? v->aids * 2 : 1024;
		v->ids = xrealloc(v->ids, v->aids * sizeof(*v->ids));
	}
	if (v->nids > 0 && num <= v->ids[v->nids - 1].num)
		v->unsorted = 1;
	v->ids[v->nids].num = num;
	v->ids[v->nids].line = line;
	v->ids[v->nids].file = v->nfiles - 1;
	v->nids++;
}

/* Report every id of v seen twice (prefix: its table's, "E"); -1 if
 * one was. */
static int
places_dups(struct id_places *v, const char *prefix)
{
	size_t i;
	int ret = 0;

	/* Increasing in read order (as kam writes them): no duplicate. */
	if (v->nids > 1 && v->unsorted)
		qsort(v->ids, v->nids, sizeof(*v->ids), cmp_seen);
	for (i = 1; i < v->nids; i++)
		if (v->ids[i].num == v->ids[i - 1].num) {
			kam_err(KAM_EX_DATA, "%s:%lu: duplicate id %s-%ld "
			    "(first defined at %s:%lu)", v->files[v->ids[i].file],
			    v->ids[i].line, prefix, v->ids[i].num,
			    v->files[v->ids[i - 1].file], v->ids[i - 1].line);
			ret = -1;
		}
	return ret;
}

static void
places_release(struct id_places *v)
{
	size_t i;

	for (i = 0; i < v->nfiles; i++)
		free(v->files[i]);
	free(v->files);
	free(v->ids);
	memset(v, 0, sizeof(*v));
}

/* Note e's id; 1 when it goes to the array, 0 when to the bitmap. */
static int
id_bit(struct validate *v, const struct expense *e)
{
	size_t byte, n;

	if (v->collect || e->num < 0 || e->num >= ID_BITS_MAX)
		return 1;
	byte = (size_t)e->num / 8;
	if (byte >= v->nidbits) {
		n = v->nidbits ? v->nidbits : 4096;
		while (n <= byte)
			n *= 2;
		v->idbits = xrealloc(v->idbits, n);
		memset(v->idbits + v->nidbits, 0, n - v->nidbits);
		v->nidbits = n;
	}
	if (v->idbits[byte] & (1u << (e->num % 8)))
		v->dups = 1;
	v->idbits[byte] |= (unsigned char)(1u << (e->num % 8));
	return 0;
}

/* Is task number n in tasks.csv? */
static int
task_exists(const struct validate *v, long n)
{
	if (v->task_map != NULL)
		return n > 0 && (size_t)n < v->ntask_map && v->task_map[n];
	return bsearch(&n, v->tasks, v->ntasks, sizeof(long),
	    cmp_long) != NULL;
}

/* The id of e, with its file and line, to the array. */
static void
id_push(struct validate *v, const struct expense *e)
{
	places_add(&v->places, e->path, e->num, e->line);
}

/* The second read after a duplicate: every id with its place. */
static int
collect_row(void *arg, const struct expense *e)
{
	id_push(arg, e);
	return 0;
}

static int
validate_row(void *arg, const struct expense *e)
{
	struct validate *v = arg;

	if (id_bit(v, e))
		id_push(v, e);
	if (v->check_tasks && e->task_num != 0 &&
	    !task_exists(v, e->task_num)) {
		kam_err(KAM_EX_DATA, "%s:%lu: task: task %s does not exist in "
		    "tasks.csv", e->path, e->line, e->task);
		v->bad = 1;
	}
	/* An overflow is the audit's failure, not the file's: stop summing,
	 * go on validating (as budget_audit after budget_validate did). */
	if (v->sums != NULL && sum_row(v->sums, e) == -1) {
		v->sums = NULL;
		v->sum_failed = 1;
	}
	if (v->to_today != NULL && strcmp(e->date, v->today) <= 0 &&
	    sum_ac_row(v->to_today, e) == -1)
		v->to_today = NULL;
	return 0;
}

static int	sum_plan(struct budget_sums *, struct project *,
		    const struct table *);
static int	audit_finish(struct budget_audit *, struct project *);
static void	sum_finish(struct budget_sums *);
static int	audit_lines(struct budget_audit *, struct project *);

int
budget_validate(struct project *p, const struct table *tasks)
{
	return budget_validate_audit(p, tasks, NULL, NULL, NULL);
}

int
budget_validate_audit(struct project *p, const struct table *tasks,
    const struct table *budget, struct budget_audit *a, int *audited)
{
	struct validate v;
	size_t i;
	int ret = -1;

	memset(&v, 0, sizeof(v));
	if (audited != NULL)
		*audited = 0;
	if (budget != NULL && a != NULL && sum_plan(&a->sums, p, budget) == 0)
		v.sums = &a->sums;
	if (a != NULL) {
		v.to_today = &a->to_today;
		date_fmt(p->today, v.today);
	}
	if (tasks != NULL) {
		v.check_tasks = 1;
		v.tasks = xcalloc(tasks->nrows + 1, sizeof(long));
		for (i = 0; i < tasks->nrows; i++)
			v.tasks[v.ntasks++] = tasks->rows[i].num;
		qsort(v.tasks, v.ntasks, sizeof(long), cmp_long);
		/* A million lookups: by number when the numbers are small. */
		if (v.ntasks > 0 && v.tasks[v.ntasks - 1] < TASK_DENSE_MAX &&
		    v.tasks[0] > 0) {
			v.ntask_map = (size_t)v.tasks[v.ntasks - 1] + 1;
			v.task_map = xcalloc(v.ntask_map, 1);
			for (i = 0; i < v.ntasks; i++)
				v.task_map[v.tasks[i]] = 1;
		}
	}
	if (budget_scan(p, NULL, validate_row, &v) == -1)
		goto out;
	/* An id seen twice: read again for the places of every id, as
	 * kam check reports them. */
	if (v.dups) {
		places_release(&v.places);
		v.collect = 1;
		if (budget_scan(p, NULL, collect_row, &v) == -1)
			goto out;
	}
	if (places_dups(&v.places, "E") == -1)
		v.bad = 1;
	ret = v.bad ? -1 : 0;
	if (ret == 0 && v.to_today != NULL) {
		sum_finish(v.to_today);
		a->has_to_today = 1;
	}
	if (ret == 0 && v.sums != NULL && audited != NULL &&
	    audit_finish(a, p) == 0)
		*audited = 1;
out:
	places_release(&v.places);
	free(v.tasks);
	free(v.task_map);
	free(v.idbits);
	return ret;
}

/* ---- any monthly table: validation ---- */

struct mvalid {
	const struct schema		*s;
	const struct table *const	*targets;
	size_t				 ntargets;
	month_cb			 cb;
	void				*arg;
	struct id_places		 places;
	int				 bad;
};

static int
mvalid_row(void *arg, const struct table *t, const struct row *r)
{
	struct mvalid *v = arg;
	const struct column *c;
	const struct table *target;
	const char *val;
	size_t j, k;

	places_add(&v->places, t->path, r->num, r->line);
	/* Each reference to one of the tables given. */
	for (j = 0; j < v->s->ncols; j++) {
		c = &v->s->cols[j];
		if (c->type != COL_REF || c->ref == NULL || c->ref_text ||
		    t->colmap[j] == -1 || *(val = r->cell[t->colmap[j]]) == '\0')
			continue;
		for (k = 0; k < v->ntargets; k++) {
			target = v->targets[k];
			if (target == NULL || target->s->prefix == NULL ||
			    strcmp(target->s->prefix, c->ref) != 0)
				continue;
			if (table_find(target, val) == NULL) {
				kam_err(KAM_EX_DATA, "%s:%lu: %s: %s %s does not "
				    "exist in %s", t->path, r->line, c->name,
				    target->s->noun, val, target->path);
				v->bad = 1;
			}
			break;
		}
	}
	if (v->cb != NULL && v->cb(v->arg, t, r) == -1)
		v->bad = 1;
	return 0;
}

int
month_validate(struct project *p, const struct schema *s,
    const struct table *const *targets, size_t ntargets, month_cb cb,
    void *arg)
{
	struct mvalid v;
	int ret = -1;

	memset(&v, 0, sizeof(v));
	v.s = s;
	v.targets = targets;
	v.ntargets = ntargets;
	v.cb = cb;
	v.arg = arg;
	if (month_scan(p, s, INT32_MIN, INT32_MAX, mvalid_row, &v) == -1)
		goto out;
	if (places_dups(&v.places, s->prefix) == -1)
		v.bad = 1;
	ret = v.bad ? -1 : 0;
out:
	places_release(&v.places);
	return ret;
}

/* ---- sums ---- */

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Open addressing over index + 1 (0 = empty slot). */
static void
cat_rehash(struct budget_sums *s)
{
	size_t i, j, n = s->ncat_slot ? s->ncat_slot * 2 : 64;

	free(s->cat_slot);
	s->cat_slot = xcalloc(n, sizeof(size_t));
	s->ncat_slot = n;
	for (i = 0; i < s->ncats; i++) {
		j = hash_str(s->cats[i].name) & (n - 1);
		while (s->cat_slot[j] != 0)
			j = (j + 1) & (n - 1);
		s->cat_slot[j] = i + 1;
	}
}

static struct budget_cat *
cat_get(struct budget_sums *s, const char *name)
{
	size_t j, mask;
	struct budget_cat *c;

	if (s->ncat_slot == 0)
		cat_rehash(s);
	mask = s->ncat_slot - 1;
	for (j = hash_str(name) & mask; s->cat_slot[j] != 0; j = (j + 1) & mask)
		if (strcmp(s->cats[s->cat_slot[j] - 1].name, name) == 0)
			return &s->cats[s->cat_slot[j] - 1];
	if (s->ncats == s->acats) {
		s->acats = s->acats ? s->acats * 2 : 16;
		s->cats = xrealloc(s->cats, s->acats * sizeof(*s->cats));
	}
	c = &s->cats[s->ncats++];
	memset(c, 0, sizeof(*c));
	c->name = xstrdup(name);
	s->cat_slot[j] = s->ncats;
	if (s->ncats * 2 > s->ncat_slot)
		cat_rehash(s);
	return c;
}

static struct budget_task_sum *
task_get(struct budget_sums *s, long num)
{
	struct budget_task_sum *ts;
	size_t at;
	int added;

	at = kam_lidx_get(&s->task_index, num, &added);
	if (!added)
		return &s->tasks[at];
	if (s->ntasks == s->atasks) {
		s->atasks = s->atasks ? s->atasks * 2 : 64;
		s->tasks = xrealloc(s->tasks, s->atasks * sizeof(*s->tasks));
	}
	ts = &s->tasks[s->ntasks++];
	ts->task = num;
	ts->actual = 0;
	return ts;
}

/* The running sum of task num. */
static int64_t *
task_actual(struct budget_sums *s, long num)
{
	size_t n;

	if (num <= 0 || num >= TASK_DENSE_MAX)
		return &task_get(s, num)->actual;
	if ((size_t)num >= s->ndense) {
		n = s->ndense ? s->ndense : 1024;
		while (n <= (size_t)num)
			n *= 2;
		s->dense_actual = xrealloc(s->dense_actual, n *
		    sizeof(int64_t));
		s->dense_seen = xrealloc(s->dense_seen, n);
		memset(s->dense_actual + s->ndense, 0, (n - s->ndense) *
		    sizeof(int64_t));
		memset(s->dense_seen + s->ndense, 0, n - s->ndense);
		s->ndense = n;
	}
	s->dense_seen[num] = 1;
	return &s->dense_actual[num];
}

static int
overflow(const struct expense *e, const char *what, const char *name)
{
	return kam_err(KAM_EX_DATA, "%s:%lu: %s%s%s exceeds the money range "
	    "(+-9223372036854775807 minor units) at %s", e->path, e->line,
	    what, name != NULL ? " " : "", name != NULL ? name : "", e->id);
}

static int
sum_row(void *arg, const struct expense *e)
{
	struct budget_sums *s = arg;
	struct budget_cat *c = cat_get(s, e->category);
	struct budget_month *m;

	if (money_add(&c->actual, e->amount) == -1)
		return overflow(e, "the sum of category", c->name);
	c->count++;
	m = s->nmonths > 0 ? &s->months[s->nmonths - 1] : NULL;
	if (m == NULL || memcmp(m->month, e->date, 7) != 0) {
		if (s->nmonths == s->amonths) {
			s->amonths = s->amonths ? s->amonths * 2 : 32;
			s->months = xrealloc(s->months, s->amonths *
			    sizeof(*s->months));
		}
		m = &s->months[s->nmonths++];
		memcpy(m->month, e->date, 7);
		m->month[7] = '\0';
		m->actual = 0;
		m->count = 0;
	}
	if (money_add(&m->actual, e->amount) == -1)
		return overflow(e, "the sum of month", m->month);
	m->count++;
	if (e->task_num != 0) {
		if (money_add(task_actual(s, e->task_num), e->amount) == -1)
			return overflow(e, "the sum of task", e->task);
	} else if (money_add(&s->no_task, e->amount) == -1)
		return overflow(e, "the sum of expenses without a task", NULL);
	if (money_add(&s->actual, e->amount) == -1)
		return overflow(e, "the sum of all expenses", NULL);
	s->count++;
	return 0;
}

/* What budget_evm reads of its sums (the tasks' and the total), no
 * more: for kam check's second set of sums, up to today. */
static int
sum_ac_row(struct budget_sums *s, const struct expense *e)
{
	if (e->task_num != 0) {
		if (money_add(task_actual(s, e->task_num), e->amount) == -1)
			return overflow(e, "the sum of task", e->task);
	} else if (money_add(&s->no_task, e->amount) == -1)
		return overflow(e, "the sum of expenses without a task", NULL);
	if (money_add(&s->actual, e->amount) == -1)
		return overflow(e, "the sum of all expenses", NULL);
	s->count++;
	return 0;
}

static int
cmp_task_sum(const void *a, const void *b)
{
	const struct budget_task_sum *x = a, *y = b;

	return x->task < y->task ? -1 : x->task > y->task;
}

/* The planned amounts of budget.csv, first in s (before any expense). */
static int
sum_plan(struct budget_sums *s, struct project *p, const struct table *budget)
{
	struct budget_cat *c;
	const char *why;
	size_t i;
	int64_t v;

	if (budget != NULL)
		for (i = 0; i < budget->nrows; i++) {
			const struct row *r = &budget->rows[i];

			if (money_parse(table_get(budget, r, BUDGET_AMOUNT),
			    p->digits, &v,
			    &why) == -1)
				return kam_err(KAM_EX_DATA, "%s:%lu: amount: "
				    "invalid value '%s': %s", budget->path,
				    r->line, table_get(budget, r,
				    BUDGET_AMOUNT), why);
			c = cat_get(s, table_get(budget, r, BUDGET_CATEGORY));
			c->planned = v;
			c->has_plan = 1;
			if (money_add(&s->planned, v) == -1)
				return kam_err(KAM_EX_DATA, "%s:%lu: the sum "
				    "of the planned budget exceeds the money "
				    "range", budget->path, r->line);
		}
	return 0;
}

/* After the last expense. */
static void
sum_finish(struct budget_sums *s)
{
	size_t i;
	int added;

	for (i = 1; i < s->ndense; i++)
		if (s->dense_seen[i])
			task_get(s, (long)i)->actual = s->dense_actual[i];
	free(s->dense_actual);
	free(s->dense_seen);
	s->dense_actual = NULL;
	s->dense_seen = NULL;
	s->ndense = 0;
	if (s->ntasks > 1) {
		qsort(s->tasks, s->ntasks, sizeof(*s->tasks), cmp_task_sum);
		/* The index holds positions: rebuild it for the new order. */
		kam_lidx_release(&s->task_index);
		for (i = 0; i < s->ntasks; i++)
			kam_lidx_get(&s->task_index, s->tasks[i].task, &added);
	}
}

int
budget_sum(struct budget_sums *s, struct project *p,
    const struct table *budget, const struct expense_filter *f)
{
	if (sum_plan(s, p, budget) == -1 || budget_scan(p, f, sum_row, s) == -1)
		return -1;
	sum_finish(s);
	return 0;
}

int
budget_check_add(struct project *p, const char *category, const char *date,
    long task, int64_t amount)
{
	struct budget_sums s = BUDGET_SUMS_INIT;
	const char *what = NULL;
	int64_t x;
	size_t i;

	if (budget_sum(&s, p, NULL, NULL) == -1) {
		budget_sums_release(&s);
		return -1;
	}
	x = cat_get(&s, category)->actual;
	if (money_add(&x, amount) == -1)
		what = "the sum of its category";
	for (i = 0; what == NULL && i < s.nmonths; i++) {
		x = s.months[i].actual;
		if (memcmp(s.months[i].month, date, 7) == 0 &&
		    money_add(&x, amount) == -1)
			what = "the sum of its month";
	}
	x = task != 0 ? budget_task_actual(&s, task) : s.no_task;
	if (what == NULL && money_add(&x, amount) == -1)
		what = "the sum of its task";
	x = s.actual;
	if (what == NULL && money_add(&x, amount) == -1)
		what = "the sum of all expenses";
	budget_sums_release(&s);
	if (what != NULL)
		return kam_err(KAM_EX_DATA, "refusing the expense: %s would "
		    "exceed the money range (+-9223372036854775807 minor "
		    "units); nothing changed", what);
	return 0;
}

int64_t
budget_task_actual(const struct budget_sums *s, long num)
{
	size_t lo = 0, hi = s->ntasks, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->tasks[mid].task == num)
			return s->tasks[mid].actual;
		if (s->tasks[mid].task < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

void
budget_sums_release(struct budget_sums *s)
{
	static const struct budget_sums init = BUDGET_SUMS_INIT;
	size_t i;

	for (i = 0; i < s->ncats; i++)
		free(s->cats[i].name);
	free(s->cats);
	free(s->months);
	free(s->tasks);
	free(s->cat_slot);
	kam_lidx_release(&s->task_index);
	free(s->dense_actual);
	free(s->dense_seen);
	*s = init;
}

/* ---- the audit ---- */

int
budget_classify(struct budget_line *l, const struct project *p)
{
	__int128 used = (__int128)l->actual * 100;

	if (__builtin_sub_overflow(l->planned, l->actual, &l->variance))
		return kam_err(KAM_EX_DATA, "the variance of %s%s%s exceeds "
		    "the money range", l->category != NULL ? "category '" :
		    "the total", l->category != NULL ? l->category : "",
		    l->category != NULL ? "'" : "");
	l->has_pct = l->planned > 0;
	if (!l->has_plan) {
		l->status = BUDGET_UNPLANNED;
		l->health = l->actual > 0 ? HEALTH_RED : HEALTH_GREEN;
		return 0;
	}
	/* Exact integer comparisons: no rounding decides a status. */
	if (l->planned <= 0)
		l->status = l->actual > l->planned ? BUDGET_OVER : BUDGET_OK;
	else if (used > (__int128)l->planned * (100 + p->budget_overrun))
		l->status = BUDGET_OVER;
	else if (used >= (__int128)l->planned * p->budget_warn)
		l->status = BUDGET_WARN;
	else
		l->status = BUDGET_OK;
	l->health = l->status == BUDGET_OVER ? HEALTH_RED :
	    l->status == BUDGET_WARN ? HEALTH_AMBER : HEALTH_GREEN;
	return 0;
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(((const struct budget_line *)a)->category,
	    ((const struct budget_line *)b)->category);
}

int
budget_audit(struct budget_audit *a, struct project *p,
    const struct expense_filter *f)
{
	struct table budget = TABLE_INIT;
	int ret = -1;

	if (store_load(p, NULL, &schema_budget, &budget) == -1)
		goto out;
	table_sort(&budget);
	ret = budget_audit_with(a, p, &budget, f);
out:
	table_release(&budget);
	return ret;
}

/* Add the labour of l to the sums: category BUDGET_LABOUR, the months,
 * the total. */
static int
sum_labour(struct budget_sums *s, const struct time_labour *l)
{
	struct budget_cat *c = cat_get(s, BUDGET_LABOUR);
	struct budget_month *m;
	size_t i, j;

	if (money_add(&c->actual, l->cost) == -1 ||
	    money_add(&s->actual, l->cost) == -1)
		return kam_err(KAM_EX_DATA, "the labour cost and the expenses "
		    "exceed the money range together");
	c->count += l->count;
	s->count += l->count;
	for (i = 0; i < l->nmonths; i++) {
		for (j = 0; j < s->nmonths &&
		    strcmp(s->months[j].month, l->months[i].month) < 0; j++)
			;
		if (j == s->nmonths ||
		    strcmp(s->months[j].month, l->months[i].month) != 0) {
			if (s->nmonths == s->amonths) {
				s->amonths = s->amonths ? s->amonths * 2 : 32;
				s->months = xrealloc(s->months, s->amonths *
				    sizeof(*s->months));
			}
			memmove(&s->months[j + 1], &s->months[j],
			    (s->nmonths - j) * sizeof(*s->months));
			s->nmonths++;
			m = &s->months[j];
			memset(m, 0, sizeof(*m));
			memcpy(m->month, l->months[i].month, 8);
		}
		m = &s->months[j];
		if (money_add(&m->actual, l->months[i].cost) == -1)
			return kam_err(KAM_EX_DATA, "the spending of %s exceeds "
			    "the money range", m->month);
		m->count += l->months[i].count;
	}
	return 0;
}

/* No labour line in budget.csv: the labour the schedule plans, each
 * task's working days x its assignee's day rate (budget.h). */
static int
labour_from_schedule(struct budget_sums *s, struct project *p)
{
	struct table tasks = TABLE_INIT, people = TABLE_INIT;
	struct budget_cat *c = cat_get(s, BUDGET_LABOUR);
	const struct row *pr;
	int64_t rate, v, sum = 0;
	long days;
	size_t i;
	int ret = -1;

	if (c->has_plan)
		return 0;
	if (store_load(p, NULL, &schema_tasks, &tasks) == -1 ||
	    store_load(p, NULL, &schema_people, &people) == -1)
		goto out;
	table_sort(&people);
	for (i = 0; i < tasks.nrows; i++) {
		const struct row *r = &tasks.rows[i];

		if ((pr = table_find(&people, table_get(&tasks, r,
		    TASK_ASSIGNEE))) == NULL ||
		    money_parse(table_get(&people, pr, PERSON_RATE), p->digits,
		    &rate, NULL) == -1 ||
		    int_parse(table_get(&tasks, r, TASK_DURATION), 0, 100000,
		    &days, NULL) == -1)
			continue;
		if (__builtin_mul_overflow(rate, (int64_t)days, &v) ||
		    money_add(&sum, v) == -1) {
			kam_err(KAM_EX_DATA, "%s: the labour the schedule plans "
			    "exceeds the money range", tasks.path);
			goto out;
		}
	}
	if (sum > 0) {
		c->planned = sum;
		c->has_plan = 1;
		c->from_schedule = 1;
		s->labour_plan = sum;
	}
	ret = 0;
out:
	table_release(&tasks);
	table_release(&people);
	return ret;
}

int
budget_audit_labour(struct budget_audit *a, struct project *p,
    const struct expense_filter *f)
{
	struct time_filter tf = TIME_FILTER_INIT;
	struct time_labour l = TIME_LABOUR_INIT;
	int ret = -1;

	if (f != NULL && f->category != NULL &&
	    strcmp(f->category, BUDGET_LABOUR) != 0)
		return 0;
	if (f != NULL) {
		tf.from = f->from;
		tf.to = f->to;
		tf.task = f->task;
	}
	if (time_labour(&l, p, &tf) == -1)
		goto out;
	ret = 0;
	/* Without bookings the audit is what the expenses say. */
	if (l.count == 0)
		goto out;
	ret = -1;
	if (sum_labour(&a->sums, &l) == -1 ||
	    labour_from_schedule(&a->sums, p) == -1)
		goto out;
	free(a->lines);
	a->lines = NULL;
	a->nover = a->nwarn = a->nunplanned = 0;
	ret = audit_lines(a, p);
out:
	time_labour_release(&l);
	return ret;
}

int
budget_audit_with(struct budget_audit *a, struct project *p,
    const struct table *budget, const struct expense_filter *f)
{
	if (budget_sum(&a->sums, p, budget, f) == -1 ||
	    audit_lines(a, p) == -1)
		return -1;
	return budget_audit_labour(a, p, f);
}

static int
audit_finish(struct budget_audit *a, struct project *p)
{
	sum_finish(&a->sums);
	return audit_lines(a, p);
}

/* The lines and the total of a, its sums complete. */
static int
audit_lines(struct budget_audit *a, struct project *p)
{
	struct budget_line *l;
	size_t i;

	a->lines = xcalloc(a->sums.ncats + 1, sizeof(*a->lines));
	a->nlines = a->sums.ncats;
	a->health = HEALTH_GREEN;
	for (i = 0; i < a->nlines; i++) {
		const struct budget_cat *c = &a->sums.cats[i];

		l = &a->lines[i];
		l->category = c->name;
		l->planned = c->planned;
		l->actual = c->actual;
		l->count = c->count;
		l->has_plan = c->has_plan;
		if (budget_classify(l, p) == -1)
			return -1;
		a->nover += l->status == BUDGET_OVER;
		a->nwarn += l->status == BUDGET_WARN;
		a->nunplanned += l->status == BUDGET_UNPLANNED;
		if (l->health > a->health)
			a->health = l->health;
	}
	/* Planned categories come first (budget.csv, sorted); the unplanned
	 * ones follow, sorted by name too. */
	for (i = 0; i < a->nlines && a->lines[i].has_plan; i++)
		;
	if (a->nlines - i > 1)
		qsort(a->lines + i, a->nlines - i, sizeof(*a->lines), cmp_line);
	l = &a->total;
	memset(l, 0, sizeof(*l));
	l->planned = a->sums.planned;
	if (money_add(&l->planned, a->sums.labour_plan) == -1)
		return kam_err(KAM_EX_DATA, "the planned budget and labour "
		    "exceed the money range together");
	l->actual = a->sums.actual;
	l->count = a->sums.count;
	l->has_plan = 1;
	if (budget_classify(l, p) == -1)
		return -1;
	if (l->health > a->health)
		a->health = l->health;
	return 0;
}

void
budget_audit_release(struct budget_audit *a)
{
	static const struct budget_audit init = BUDGET_AUDIT_INIT;

	budget_sums_release(&a->sums);
	budget_sums_release(&a->to_today);
	free(a->lines);
	*a = init;
}

/* ---- earned value ---- */

/* round(a * b / c), half away from zero; -1 when c is 0 or the result
 * leaves int64. */
static int
muldiv(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	__int128 n = (__int128)a * b, q, r;

	if (c == 0)
		return -1;
	if (c < 0) {
		n = -n;
		c = -c;
	}
	q = n / c;
	r = n % c;
	if (r < 0 ? -r * 2 >= c : r * 2 >= c)
		q += r < 0 ? -1 : 1;
	if (q > INT64_MAX || q < INT64_MIN)
		return -1;
	*out = (int64_t)q;
	return 0;
}

char *
budget_ratio_fmt(int64_t milli, char *buf)
{
	uint64_t u = milli < 0 ? -(uint64_t)milli : (uint64_t)milli;

	snprintf(buf, 32, "%s%llu.%03llu", milli < 0 ? "-" : "",
	    (unsigned long long)(u / 1000), (unsigned long long)(u % 1000));
	return buf;
}

static int
evm_range(const char *what, long task)
{
	if (task > 0)
		return kam_err(KAM_EX_DATA, "earned value: %s of task T-%ld "
		    "exceeds the money range", what, task);
	return kam_err(KAM_EX_DATA, "earned value: %s exceeds the money range",
	    what);
}

/* The derived values of a line whose bac, pv, ev and ac are set. */
static int
evm_derive(struct evm_line *l)
{
	if (__builtin_sub_overflow(l->ev, l->ac, &l->cv))
		return evm_range("cv", l->task);
	if (__builtin_sub_overflow(l->ev, l->pv, &l->sv))
		return evm_range("sv", l->task);
	l->has_cpi = muldiv(l->ev, 1000, l->ac, &l->cpi) == 0;
	l->has_spi = muldiv(l->ev, 1000, l->pv, &l->spi) == 0;
	/* EAC = BAC / CPI = BAC x AC / EV, exactly, not from rounded CPI. */
	l->has_eac = l->has_cpi && l->ev != 0;
	if (l->has_eac) {
		if (muldiv(l->bac, l->ac, l->ev, &l->eac) == -1)
			return evm_range("eac", l->task);
		if (__builtin_sub_overflow(l->eac, l->ac, &l->etc) ||
		    __builtin_sub_overflow(l->bac, l->eac, &l->vac))
			return evm_range("etc or vac", l->task);
	}
	return 0;
}

static int
evm_add(struct evm_line *sum, const struct evm_line *l)
{
	if (money_add(&sum->bac, l->bac) == -1 ||
	    money_add(&sum->pv, l->pv) == -1 ||
	    money_add(&sum->ev, l->ev) == -1 ||
	    money_add(&sum->ac, l->ac) == -1)
		return evm_range("the project total", 0);
	return 0;
}

int
budget_evm(struct budget_evm *e, struct project *p, const struct table *tasks)
{
	return budget_evm_sums(e, p, tasks, NULL);
}

/* Is `word` one of the space-separated words of list? */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *q;

	for (q = list; (q = strstr(q, word)) != NULL; q += n)
		if ((q == list || q[-1] == ' ') && (q[n] == ' ' || q[n] == '\0'))
			return 1;
	return 0;
}

/* One scan for a basis of categories: every expense into all (AC's
 * total, for what lies outside), those of the basis into basis too. */
struct basis_scan {
	struct budget_sums	*all, *basis;
	const char		*cats;
};

static int
basis_row(void *arg, const struct expense *e)
{
	struct basis_scan *b = arg;

	if (sum_ac_row(b->all, e) == -1)
		return -1;
	return has_word(b->cats, e->category) ? sum_row(b->basis, e) : 0;
}

int
budget_evm_sums(struct budget_evm *e, struct project *p,
    const struct table *tasks, const struct budget_sums *ac)
{
	struct plan pl = PLAN_INIT;
	struct budget_sums s = BUDGET_SUMS_INIT, cs = BUDGET_SUMS_INIT;
	struct expense_filter f = EXPENSE_FILTER_INIT;
	struct time_filter tf = TIME_FILTER_INIT;
	struct time_labour lab = TIME_LABOUR_INIT;
	struct table budget = TABLE_INIT;
	struct basis_scan bsc;
	const struct budget_sums *basis;
	struct evm_line *l;
	const char *why, *c, *cats = p->evm_categories;
	int64_t num, den, tasks_ac = 0, spent, in_basis, costs = 0, cum = 0;
	int64_t lines = 0, prev = 0, at, *cost = NULL;
	size_t i;
	int lab_in = cats == NULL || has_word(cats, BUDGET_LABOUR);
	int ret = -1;

	e->today = p->today;
	e->cost_basis = cats != NULL ? cats : "tasks";
	/* Scheduled as planned from the start: the dates PV falls back to
	 * without a baseline (the baseline dates themselves come from the
	 * rows either way). */
	if (plan_compute_flags(&pl, p, tasks, PLAN_NO_ACTUALS) == -1 ||
	    store_load(p, NULL, &schema_budget, &budget) == -1)
		goto out;
	table_sort(&budget);
	e->use_baseline = pl.has_baseline;
	f.to = p->today;
	tf.to = p->today;
	if (cats != NULL) {
		/* The basis's expenses by task, the plan of its lines. */
		bsc.all = &s;
		bsc.basis = &cs;
		bsc.cats = cats;
		if (sum_plan(&cs, p, &budget) == -1 ||
		    budget_scan(p, &f, basis_row, &bsc) == -1)
			goto out;
		sum_finish(&s);
		sum_finish(&cs);
		ac = &s;
		basis = &cs;
	} else {
		if (ac == NULL && budget_sum(&s, p, NULL, &f) == -1)
			goto out;
		if (ac == NULL)
			ac = &s;
		basis = ac;
	}
	/* What was spent: the expenses and the labour booked. */
	if (time_labour(&lab, p, &tf) == -1 ||
	    sum_plan(&s, p, cats == NULL ? &budget : NULL) == -1)
		goto out;
	e->labour = lab.cost;
	e->unrated = lab.unrated;
	spent = ac->actual;
	if (money_add(&spent, lab.cost) == -1) {
		evm_range("ac", 0);
		goto out;
	}
	/* The planned lines of the basis, and budget.csv beyond it. */
	for (i = 0; i < budget.nrows; i++) {
		int64_t v;

		if (money_parse(table_get(&budget, &budget.rows[i],
		    BUDGET_AMOUNT), p->digits, &v, NULL) == -1)
			continue;
		if (cats != NULL && has_word(cats, table_get(&budget,
		    &budget.rows[i], BUDGET_CATEGORY))) {
			if (money_add(&lines, v) == -1) {
				evm_range("bac", 0);
				goto out;
			}
		} else if (cats != NULL &&
		    money_add(&e->outside_planned, v) == -1) {
			evm_range("the budget outside the basis", 0);
			goto out;
		}
	}
	e->lines = lines;
	cost = xcalloc(pl.ntasks + 1, sizeof(*cost));
	for (i = 0; i < pl.ntasks; i++) {
		c = table_get(tasks, pl.tasks[i].row, TASK_COST);
		if (*c != '\0' &&
		    money_parse(c, p->digits, &cost[i], &why) == -1) {
			kam_err(KAM_EX_DATA, "%s:%lu: cost: invalid value "
			    "'%s': %s", tasks->path, pl.tasks[i].row->line, c,
			    why);
			goto out;
		}
		if (money_add(&costs, cost[i]) == -1) {
			evm_range("bac", 0);
			goto out;
		}
	}
	/* Without a basis of categories, budget.csv beyond the task costs
	 * is what the project plans to spend off the tasks: AC is then the
	 * tasks' own spending; when it plans nothing beyond them, every
	 * expense is spent on the tasks' budget. */
	if (cats == NULL && s.planned > costs)
		e->outside_planned = s.planned - costs;
	else if (cats == NULL)
		e->cost_basis = "all";
	e->tasks = xcalloc(pl.ntasks + 1, sizeof(*e->tasks));
	e->ntasks = pl.ntasks;
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *pt = &pl.tasks[i];

		l = &e->tasks[i];
		l->task = pt->id;
		l->title = table_get(tasks, pt->row, TASK_TITLE);
		l->bac = cost[i];
		/* The basis's lines spread over the tasks by their costs,
		 * rounded on the running sum so that the tasks add up. */
		if (lines > 0 && costs > 0) {
			cum += cost[i];
			if (muldiv(lines, cum, costs, &at) == -1) {
				evm_range("bac", l->task);
				goto out;
			}
			l->bac = at - prev;
			prev = at;
		}
		plan_share_passed(&pl, pt, e->use_baseline, &num, &den);
		if (e->use_baseline && !pt->has_baseline)
			e->nno_baseline++;
		if (muldiv(l->bac, num, den, &l->pv) == -1 ||
		    muldiv(l->bac, pt->finished ? 100 : pt->progress, 100,
		    &l->ev) == -1) {
			evm_range("pv or ev", l->task);
			goto out;
		}
		l->ac = budget_task_actual(basis, pt->id);
		if ((lab_in && money_add(&l->ac, time_labour_task(&lab,
		    pt->id)) == -1) || money_add(&tasks_ac, l->ac) == -1) {
			evm_range("ac", 0);
			goto out;
		}
		if (evm_derive(l) == -1 || evm_add(&e->total, l) == -1)
			goto out;
	}
	/* In the basis: a category's expenses without a (known) task; the
	 * tasks' own basis has none. */
	in_basis = strcmp(e->cost_basis, "all") == 0 ? spent : tasks_ac;
	if (in_basis != tasks_ac && __builtin_sub_overflow(in_basis, tasks_ac,
	    &e->other.ac)) {
		evm_range("ac", 0);
		goto out;
	}
	if (cats != NULL) {
		in_basis = cs.actual;
		if ((lab_in && money_add(&in_basis, lab.cost) == -1) ||
		    __builtin_sub_overflow(in_basis, tasks_ac, &e->other.ac)) {
			evm_range("ac", 0);
			goto out;
		}
	}
	if (__builtin_sub_overflow(spent, in_basis, &e->outside)) {
		evm_range("ac", 0);
		goto out;
	}
	e->other.title = "";
	if (evm_derive(&e->other) == -1 ||
	    evm_add(&e->total, &e->other) == -1 ||
	    evm_derive(&e->total) == -1)
		goto out;
	/* The whole project, for the margin: what lies outside the basis
	 * at its plan, or at what it cost already when that is more. */
	e->whole_bac = e->total.bac;
	e->whole_eac = e->total.eac;
	if (money_add(&e->whole_bac, e->outside_planned) == -1 ||
	    (e->total.has_eac && money_add(&e->whole_eac,
	    e->outside > e->outside_planned ? e->outside :
	    e->outside_planned) == -1)) {
		evm_range("the estimate at completion", 0);
		goto out;
	}
	ret = 0;
out:
	free(cost);
	table_release(&budget);
	time_labour_release(&lab);
	budget_sums_release(&s);
	budget_sums_release(&cs);
	plan_release(&pl);
	return ret;
}

void
budget_evm_release(struct budget_evm *e)
{
	static const struct budget_evm init = BUDGET_EVM_INIT;

	free(e->tasks);
	*e = init;
}

/* ---- the highest id, from the tails of the month files ---- */

struct rec {
	int		 header;	/* collecting the header's names */
	char		**names;
	size_t		 nnames, anames;
	size_t		 nf;		/* fields of the current record */
	size_t		 nrec;
	size_t		 ncols;
	int		 idcol;
	int		 bad;
	long		 id;
	const char	*prefix;	/* of the ids: "E" */
};

static void
rec_field(void *s, size_t len, void *arg)
{
	struct rec *r = arg;
	char buf[32];
	long n;

	if (r->header) {
		if (r->nnames == r->anames) {
			r->anames = r->anames ? r->anames * 2 : 16;
			r->names = xrealloc(r->names,
			    r->anames * sizeof(char *));
		}
		r->names[r->nnames++] = s != NULL ? xstrndup(s, len) :
		    xstrdup("");
	} else if (r->nrec == 0 && (int)r->nf == r->idcol) {
		if (s != NULL && len < sizeof(buf)) {
			memcpy(buf, s, len);
			buf[len] = '\0';
			if (id_parse(buf, r->prefix, &n, NULL) == 0)
				r->id = n;
		}
	}
	r->nf++;
}

static void
rec_end(int c, void *arg)
{
	struct rec *r = arg;

	(void)c;
	if (!r->header && r->nf != r->ncols)
		r->bad = 1;
	r->nrec++;
	r->nf = 0;
}

static int
no_space(unsigned char c)
{
	(void)c;
	return 0;
}

static size_t
feed(struct rec *r, const char *s, size_t len)
{
	struct csv_parser p;
	size_t ok = 0;

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		return 0;
	csv_set_space_func(&p, no_space);
	if (csv_parse(&p, s, len, rec_field, rec_end, r) == len &&
	    csv_fini(&p, rec_field, rec_end, r) == 0)
		ok = r->nrec;
	csv_free(&p);
	return ok;
}

/*
 * The id of the last record of a month file from its tail.  A physical
 * line inside a quoted field can never parse as a whole record up to the
 * end of the file by itself (its quotes are unbalanced), so walking back
 * line by line to the first tail that parses as exactly one record finds
 * the last record.  Returns the id, 0 for a file with no rows, or -1 when
 * the tail does not tell (the caller then reads the whole file).
 */
long
budget_tail_id(const char *buf, size_t len)
{
	return month_tail_id(buf, len, "E");
}

long
month_tail_id(const char *buf, size_t len, const char *prefix)
{
	struct rec h, r;
	const char *nl;
	size_t i, hdr, end, start, tried = 0;
	long id = -1;

	memset(&h, 0, sizeof(h));
	h.header = 1;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	nl = memchr(buf, '\n', len);
	hdr = nl != NULL ? (size_t)(nl - buf) + 1 : len;
	if (feed(&h, buf, hdr) != 1)
		goto out;
	for (i = 0; i < h.nnames; i++)
		if (strcmp(h.names[i], "id") == 0)
			break;
	if (i == h.nnames)
		goto out;
	end = len;
	while (end > hdr && (buf[end - 1] == '\n' || buf[end - 1] == '\r'))
		end--;
	if (end <= hdr) {
		id = 0;
		goto out;
	}
	for (start = end; start > hdr && tried < 1000 &&
	    end - start < (1 << 20); tried++) {
		/* Back to the start of the previous physical line. */
		start--;
		while (start > hdr && buf[start - 1] != '\n')
			start--;
		memset(&r, 0, sizeof(r));
		r.prefix = prefix;
		r.ncols = h.nnames;
		r.idcol = (int)i;
		if (feed(&r, buf + start, len - start) == 1 && !r.bad &&
		    r.id > 0) {
			id = r.id;
			break;
		}
	}
out:
	for (i = 0; i < h.nnames; i++)
		free(h.names[i]);
	free(h.names);
	return id;
}

static int
max_row(void *arg, const struct table *t, const struct row *r)
{
	(void)arg;
	(void)t;
	(void)r;
	return 0;
}

/*
 * The last id of a month file read from the tail of the file at abs:
 * the header (first line) and the last TAIL_WINDOW bytes.  Returns the id
 * (0: no rows), or -1 when the window does not tell.
 */
#define TAIL_WINDOW	(64 * 1024)

static long
file_tail_id(int fd, size_t size, const char *prefix)
{
	char *buf = NULL, *nl;
	size_t hdr, want;
	ssize_t n;
	long id = -1;

	want = size <= 2 * TAIL_WINDOW ? size : TAIL_WINDOW;
	buf = xmalloc(want + TAIL_WINDOW + 1);
	if ((n = pread(fd, buf, want, 0)) != (ssize_t)want)
		goto out;
	if (want == size) {
		id = month_tail_id(buf, size, prefix);
		goto out;
	}
	if ((nl = memchr(buf, '\n', want)) == NULL)
		goto out;
	hdr = (size_t)(nl - buf) + 1;
	/* The window after its first (probably partial) line. */
	if ((n = pread(fd, buf + hdr, TAIL_WINDOW, (off_t)(size -
	    TAIL_WINDOW))) != TAIL_WINDOW ||
	    (nl = memchr(buf + hdr, '\n', TAIL_WINDOW)) == NULL)
		goto out;
	want = (size_t)(buf + hdr + TAIL_WINDOW - (nl + 1));
	memmove(buf + hdr, nl + 1, want);
	/* 0 would mean "no rows" of the window only: not an answer. */
	if ((id = month_tail_id(buf, hdr + want, prefix)) == 0)
		id = -1;
out:
	free(buf);
	return id;
}

/*
 * HEAD's blob of a month file is inflated and hashed in full by libgit2,
 * which on a large ledger is most of a spend's time.  When git's own
 * stat check (the one `git status` trusts) shows the work-tree file is
 * that blob — the index entry has HEAD's blob id, no assume-valid or
 * skip-worktree flag, the file's size, times and inode match the entry,
 * and the entry is not racily clean — the tail of the file is read
 * instead.  In --no-commit mode the work tree is the data anyway.
 * Returns the id, or -1 when the blob must be read.
 */
static long
worktree_tail_id(struct tx *tx, git_index *idx, const struct stat *ist,
    const char *path, const char *prefix)
{
	const git_index_entry *e;
	git_tree_entry *te = NULL;
	struct stat st;
	char *rel, *abs;
	long id = -1;
	int fd = -1;

	rel = project_relpath(tx->p, path);
	abs = project_abspath(tx->p, path);
	if (!tx->no_commit) {
		if (idx == NULL || tx->tree == NULL ||
		    (e = git_index_get_bypath(idx, rel, 0)) == NULL ||
		    git_tree_entry_bypath(&te, tx->tree, rel) != 0 ||
		    !git_oid_equal(&e->id, git_tree_entry_id(te)) ||
		    (e->flags & GIT_INDEX_ENTRY_VALID) != 0 ||
		    (e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE) != 0)
			goto out;
	}
	if ((fd = open(abs, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1 ||
	    fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size == 0)
		goto out;
	if (!tx->no_commit) {
		e = git_index_get_bypath(idx, rel, 0);
		if (e->file_size != (uint32_t)st.st_size ||
		    e->mtime.seconds != (int32_t)st.st_mtim.tv_sec ||
		    e->mtime.nanoseconds != (uint32_t)st.st_mtim.tv_nsec ||
		    e->ctime.seconds != (int32_t)st.st_ctim.tv_sec ||
		    e->ctime.nanoseconds != (uint32_t)st.st_ctim.tv_nsec ||
		    e->ino != (uint32_t)st.st_ino)
			goto out;
		/* Racily clean: changed in the index's own timestamp. */
		if (st.st_mtim.tv_sec > ist->st_mtim.tv_sec ||
		    (st.st_mtim.tv_sec == ist->st_mtim.tv_sec &&
		    st.st_mtim.tv_nsec >= ist->st_mtim.tv_nsec))
			goto out;
	}
	id = file_tail_id(fd, (size_t)st.st_size, prefix);
out:
	if (fd != -1)
		close(fd);
	git_tree_entry_free(te);
	free(rel);
	free(abs);
	return id;
}

int
budget_last_id(struct tx *tx, int digits, long *max)
{
	return month_last_id(tx, &schema_expenses, digits, max);
}

int
month_open(struct tx *tx, const struct schema *s, int digits, int32_t date,
    struct table *t)
{
	struct kam_buf b = KAM_BUF_INIT;
	char path[32];
	long max;
	int rc, ret = -1;

	month_path(s, date, path);
	/* The new id is global: one above the highest of every month. */
	if (month_last_id(tx, s, digits, &max) == -1 ||
	    (rc = tx_read(tx, path, &b)) == -1)
		goto out;
	if (rc == 1)
		table_init(t, s, path, digits);
	else if (table_parse(t, s, path, digits, b.ptr, b.len) == -1)
		goto out;
	if (t->max_num > max)
		max = t->max_num;
	if (max >= 999999999) {
		kam_err(KAM_EX_DATA, "%s ids are exhausted (%s-%ld)", s->noun,
		    s->prefix, max);
		goto out;
	}
	t->max_num = max;
	ret = 0;
out:
	kam_buf_release(&b);
	return ret;
}

int
month_last_id(struct tx *tx, const struct schema *s, int digits, long *max)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct table t = TABLE_INIT;
	struct stat ist;
	git_index *idx = NULL;
	char **names = NULL;
	const char *base;
	long id;
	int i, n, rc, ret = -1;

	*max = 0;
	memset(&ist, 0, sizeof(ist));
	if ((n = tx_list(tx, s->file, &names)) == -1)
		return -1;
	/* Without a readable index every file is read from HEAD. */
	if (!tx->no_commit &&
	    (git_repository_index(&idx, tx->p->repo) != 0 ||
	    git_index_path(idx) == NULL ||
	    stat(git_index_path(idx), &ist) != 0)) {
		git_index_free(idx);
		idx = NULL;
	}
	for (i = 0; i < n; i++) {
		base = strrchr(names[i], '/');
		base = base != NULL ? base + 1 : names[i];
		if (!month_is_name(base))
			continue;
		if ((id = worktree_tail_id(tx, idx, &ist, names[i],
		    s->prefix)) == -1) {
			if ((rc = tx_read(tx, names[i], &b)) == -1)
				goto out;
			if (rc == 1)
				continue;
			if ((id = month_tail_id(b.ptr, b.len, s->prefix)) == -1) {
				/* Unusual tail: read the file in full. */
				if (table_scan(&t, s, names[i],
				    digits, b.ptr, b.len, max_row, NULL) == -1)
					goto out;
				id = t.max_num;
			}
		}
		if (id > *max)
			*max = id;
	}
	ret = 0;
out:
	git_index_free(idx);
	table_release(&t);
	kam_buf_release(&b);
	free_names(names, n);
	return ret;
}

int
budget_amount_arg(const char *s, int digits, int64_t *v)
{
	const char *why;

	if (money_parse(s, digits, v, &why) == -1)
		return kam_err(KAM_EX_USAGE, "invalid amount '%s': %s", s, why);
	return 0;
}

int
budget_category_ok(const char *c, const char *opt)
{
	const unsigned char *p;
	size_t n = strlen(c), bad;

	if (n == 0)
		return kam_err(KAM_EX_USAGE, "%s: a category must not be empty",
		    opt);
	if (!utf8_valid(c, n, &bad))
		return kam_err(KAM_EX_USAGE, "%s: category is not valid UTF-8 "
		    "(byte %zu)", opt, bad);
	if (c[0] == ' ' || c[0] == '\t' || c[n - 1] == ' ' || c[n - 1] == '\t')
		return kam_err(KAM_EX_USAGE, "%s: category '%s' has leading or "
		    "trailing space", opt, c);
	for (p = (const unsigned char *)c; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return kam_err(KAM_EX_USAGE, "%s: category has a "
			    "control character (byte %zu)", opt,
			    (size_t)(p - (const unsigned char *)c));
	return 0;
}
