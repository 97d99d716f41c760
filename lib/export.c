/*
 * export.c: kam's dated commitments as an iCalendar file (export.h).
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "budget.h"
#include "derive.h"
#include "export.h"
#include "health.h"
#include "minutes.h"
#include "plan.h"
#include "schema.h"
#include "store.h"
#include "value.h"

/*
 * libxlsxwriter is loaded on the first xlsx export, not linked: through
 * minizip it brings OpenSSL's libcrypto, whose loading and relocation
 * cost every kam command about 4 ms of CPU at start-up (kam --version
 * 7.1 ms against 3.0 ms without it), for the one command that writes a
 * workbook.  Each function used below is called through xl_api, filled
 * from the library by xl_load(); the macros keep the calls as written.
 */
#define XL_FUNCS(X) \
	X(workbook_new) \
	X(workbook_add_format) \
	X(workbook_add_worksheet) \
	X(workbook_close) \
	X(format_set_bold) \
	X(format_set_num_format) \
	X(worksheet_freeze_panes) \
	X(worksheet_set_column) \
	X(worksheet_write_boolean) \
	X(worksheet_write_datetime) \
	X(worksheet_write_number) \
	X(worksheet_write_string) \
	X(lxw_strerror)
#define XL_MEMBER(f)	__typeof__(f) *f;
static struct {
	XL_FUNCS(XL_MEMBER)
} xl_api;
static void *xl_lib;

static int
xl_sym(const char *name, void *slot)
{
	void *fn;

	if ((fn = dlsym(xl_lib, name)) == NULL)
		return kam_err(KAM_EX_INTERNAL, "cannot load libxlsxwriter: "
		    "no %s", name);
	memcpy(slot, &fn, sizeof(fn));
	return 0;
}

static int
xl_load(void)
{
#define XL_LOAD(f)	if (xl_sym(#f, &xl_api.f) == -1) goto fail;
	if (xl_lib != NULL)
		return 0;
	if ((xl_lib = dlopen("libxlsxwriter.so." LXW_SOVERSION,
	    RTLD_NOW | RTLD_LOCAL)) == NULL)
		return kam_err(KAM_EX_INTERNAL, "cannot load libxlsxwriter: "
		    "%s", dlerror());
	XL_FUNCS(XL_LOAD)
	return 0;
fail:
	dlclose(xl_lib);
	xl_lib = NULL;
	return -1;
#undef XL_LOAD
}

#define workbook_new	(*xl_api.workbook_new)
#define workbook_add_format	(*xl_api.workbook_add_format)
#define workbook_add_worksheet	(*xl_api.workbook_add_worksheet)
#define workbook_close	(*xl_api.workbook_close)
#define format_set_bold	(*xl_api.format_set_bold)
#define format_set_num_format	(*xl_api.format_set_num_format)
#define worksheet_freeze_panes	(*xl_api.worksheet_freeze_panes)
#define worksheet_set_column	(*xl_api.worksheet_set_column)
#define worksheet_write_boolean	(*xl_api.worksheet_write_boolean)
#define worksheet_write_datetime	(*xl_api.worksheet_write_datetime)
#define worksheet_write_number	(*xl_api.worksheet_write_number)
#define worksheet_write_string	(*xl_api.worksheet_write_string)
#define lxw_strerror	(*xl_api.lxw_strerror)

/* ---- RFC 5545 text ---- */

void
ics_text(struct kam_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '\\':
		case ';':
		case ',':
			kam_buf_putc(b, '\\');
			kam_buf_putc(b, *s);
			break;
		case '\r':
			if (s[1] == '\n')
				s++;
			/* FALLTHROUGH */
		case '\n':
			kam_buf_puts(b, "\\n");
			break;
		default:
			/* Other controls are not allowed in TEXT (3.3.11). */
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				kam_buf_putc(b, ' ');
			else
				kam_buf_putc(b, *s);
		}
}

/* Append one content line, folded: at most 75 octets a line, a fold never
 * inside a UTF-8 sequence, continuation lines starting with a space. */
void
ics_line(struct kam_buf *out, const char *line)
{
	size_t n = strlen(line), i = 0, room = 75, k;

	while (n - i > room) {
		k = room;
		while (k > 0 && ((unsigned char)line[i + k] & 0xc0) == 0x80)
			k--;
		kam_buf_add(out, line + i, k);
		kam_buf_puts(out, "\r\n ");
		i += k;
		room = 74;
	}
	kam_buf_add(out, line + i, n - i);
	kam_buf_puts(out, "\r\n");
}

/* ---- events ---- */

struct ev {
	int32_t	 date;
	int	 todo;		/* VTODO with DUE, else all-day VEVENT */
	char	*uid;		/* before "@project" */
	char	*summary;
	char	*desc;
	char	*cat;
};

struct evs {
	struct ev	*v;
	size_t		 n, alloc;
	int32_t		 from, to;
};

static void
add_ev(struct evs *e, int32_t date, int todo, char *uid, char *summary,
    char *desc, const char *cat)
{
	struct ev *x;

	if ((e->from != 0 && date < e->from) || (e->to != 0 && date > e->to)) {
		free(uid);
		free(summary);
		free(desc);
		return;
	}
	if (e->n == e->alloc) {
		e->alloc = e->alloc ? e->alloc * 2 : 64;
		e->v = xrealloc(e->v, e->alloc * sizeof(*x));
	}
	x = &e->v[e->n++];
	x->date = date;
	x->todo = todo;
	x->uid = uid;
	x->summary = summary;
	x->desc = desc;
	x->cat = xstrdup(cat);
}

static int
cmp_ev(const void *a, const void *b)
{
	const struct ev *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return strcmp(x->uid, y->uid);
}

/* "ACME CRM rollout" -> "acme-crm-rollout"; "" -> "kam". */
static char *
slug(const char *name)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p;
	int dash = 0;

	for (p = name != NULL ? name : ""; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			kam_buf_putc(&b, *p);
		else if (*p >= 'A' && *p <= 'Z')
			kam_buf_putc(&b, *p - 'A' + 'a');
		else {
			if (b.len > 0 && !dash)
				kam_buf_putc(&b, '-');
			dash = 1;
			continue;
		}
		dash = 0;
	}
	while (b.len > 0 && b.ptr[b.len - 1] == '-')
		b.ptr[--b.len] = '\0';
	if (b.len == 0)
		kam_buf_puts(&b, "kam");
	return kam_buf_detach(&b);
}

static int
load(struct project *p, const struct schema *s, struct table *t)
{
	return store_load(p, NULL, s, t);
}

static int
collect(struct project *p, struct evs *e)
{
	struct table tasks = TABLE_INIT, goals = TABLE_INIT, comms = TABLE_INIT,
	    risks = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	struct minutes *mins = NULL;
	size_t i, j, nmins = 0;
	const char *v, *title;
	int32_t d;
	int ret = -1;

	if (load(p, &schema_tasks, &tasks) == -1 ||
	    load(p, &schema_goals, &goals) == -1 ||
	    load(p, &schema_comms, &comms) == -1 ||
	    load(p, &schema_risks, &risks) == -1 ||
	    minutes_load_all(p, &mins, &nmins) == -1 ||
	    plan_compute(&pl, p, &tasks) == -1)
		goto out;
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *t = &pl.tasks[i];
		const char *id = table_get(&tasks, t->row, ID_COL);

		title = table_get(&tasks, t->row, TASK_TITLE);
		if (t->milestone)
			add_ev(e, t->es_date, 0, xstrdup(id), xstrdup(title),
			    xasprintf("kam task %s: milestone", id),
			    "MILESTONE");
		if (t->has_deadline)
			add_ev(e, t->deadline, 0, xasprintf("%s-deadline", id),
			    xasprintf("Deadline: %s", title),
			    xasprintf("kam task %s: deadline", id), "DEADLINE");
	}
	for (i = 0; i < goals.nrows; i++) {
		struct row *r = &goals.rows[i];

		v = table_get(&goals, r, schema_col(&schema_goals, "due"));
		if (strcmp(table_get(&goals, r, schema_col(&schema_goals,
		    "status")), "open") != 0 || date_parse(v, &d, NULL) == -1)
			continue;
		add_ev(e, d, 0, xstrdup(table_get(&goals, r, ID_COL)),
		    xasprintf("Goal due: %s", table_get(&goals, r, GOAL_TITLE)),
		    xasprintf("kam goal %s", table_get(&goals, r, ID_COL)),
		    "DEADLINE");
	}
	for (i = 0; i < comms.nrows; i++) {
		struct row *r = &comms.rows[i];
		int32_t last = p->start;

		v = table_get(&comms, r, schema_col(&schema_comms, "last"));
		if (*v != '\0' && date_parse(v, &last, NULL) == -1)
			continue;
		d = health_comm_next(p, table_get(&comms, r,
		    schema_col(&schema_comms, "frequency")), last);
		add_ev(e, d, 0, xstrdup(table_get(&comms, r, ID_COL)),
		    xstrdup(table_get(&comms, r, COMM_TITLE)),
		    xasprintf("kam comm %s: %s, next due", table_get(&comms,
		    r, ID_COL), table_get(&comms, r, schema_col(&schema_comms,
		    "frequency"))), "COMMUNICATION");
	}
	for (i = 0; i < risks.nrows; i++) {
		struct row *r = &risks.rows[i];

		v = table_get(&risks, r, schema_col(&schema_risks, "review"));
		if (strcmp(table_get(&risks, r, schema_col(&schema_risks,
		    "status")), "open") != 0 || date_parse(v, &d, NULL) == -1)
			continue;
		add_ev(e, d, 1, xstrdup(table_get(&risks, r, ID_COL)),
		    xasprintf("Review risk: %s", table_get(&risks, r, RISK_TITLE)),
		    xasprintf("kam risk %s", table_get(&risks, r, ID_COL)), "RISK");
	}
	for (i = 0; i < nmins; i++)
		for (j = 0; j < mins[i].nactions; j++) {
			const struct minutes_item *a = &mins[i].actions[j];

			if (a->done || !a->has_due)
				continue;
			add_ev(e, a->due, 1, xasprintf("%s#%zu", mins[i].path,
			    j + 1), xstrdup(a->text), xasprintf("action item "
			    "of %s%s%s", mins[i].path, a->owner[0] ? ", owner " :
			    "", a->owner), "ACTION");
		}
	ret = 0;
out:
	plan_release(&pl);
	minutes_free_all(mins, nmins);
	table_release(&tasks);
	table_release(&goals);
	table_release(&comms);
	table_release(&risks);
	return ret;
}

static void
prop(struct kam_buf *out, const char *name, const char *text)
{
	struct kam_buf l = KAM_BUF_INIT;

	kam_buf_printf(&l, "%s:", name);
	ics_text(&l, text);
	ics_line(out, l.ptr);
	kam_buf_release(&l);
}

/* YYYYMMDD of day d into buf (9 bytes). */
static void
ymd(char *buf, int32_t d)
{
	char iso[11];

	date_fmt(d, iso);
	memcpy(buf, iso, 4);
	memcpy(buf + 4, iso + 5, 2);
	memcpy(buf + 6, iso + 8, 2);
	buf[8] = '\0';
}

int
export_ics(struct project *p, int32_t from, int32_t to, struct kam_buf *out)
{
	struct evs e;
	struct kam_buf l = KAM_BUF_INIT;
	char *host = slug(p->name), d1[9], d2[9], now[9];
	size_t i;
	int ret = -1;

	memset(&e, 0, sizeof(e));
	e.from = from;
	e.to = to;
	if (collect(p, &e) == -1)
		goto out;
	if (e.n > 1)
		qsort(e.v, e.n, sizeof(*e.v), cmp_ev);
	ymd(now, p->today);
	kam_buf_reset(out);
	ics_line(out, "BEGIN:VCALENDAR");
	ics_line(out, "VERSION:2.0");
	ics_line(out, "PRODID:-//kam//kam " KAM_VERSION "//EN");
	ics_line(out, "CALSCALE:GREGORIAN");
	prop(out, "X-WR-CALNAME", p->name != NULL ? p->name : "kam");
	for (i = 0; i < e.n; i++) {
		struct ev *x = &e.v[i];

		ymd(d1, x->date);
		ymd(d2, x->date + 1);
		ics_line(out, x->todo ? "BEGIN:VTODO" : "BEGIN:VEVENT");
		kam_buf_reset(&l);
		kam_buf_printf(&l, "%s@%s", x->uid, host);
		prop(out, "UID", l.ptr);
		kam_buf_reset(&l);
		kam_buf_printf(&l, "DTSTAMP:%sT000000Z", now);
		ics_line(out, l.ptr);
		kam_buf_reset(&l);
		if (x->todo)
			kam_buf_printf(&l, "DUE;VALUE=DATE:%s", d1);
		else
			kam_buf_printf(&l, "DTSTART;VALUE=DATE:%s", d1);
		ics_line(out, l.ptr);
		if (!x->todo) {
			kam_buf_reset(&l);
			kam_buf_printf(&l, "DTEND;VALUE=DATE:%s", d2);
			ics_line(out, l.ptr);
			ics_line(out, "TRANSP:TRANSPARENT");
		} else
			ics_line(out, "STATUS:NEEDS-ACTION");
		prop(out, "SUMMARY", x->summary);
		prop(out, "DESCRIPTION", x->desc);
		prop(out, "CATEGORIES", x->cat);
		ics_line(out, x->todo ? "END:VTODO" : "END:VEVENT");
	}
	ics_line(out, "END:VCALENDAR");
	ret = 0;
out:
	for (i = 0; i < e.n; i++) {
		free(e.v[i].uid);
		free(e.v[i].summary);
		free(e.v[i].desc);
		free(e.v[i].cat);
	}
	free(e.v);
	free(host);
	kam_buf_release(&l);
	return ret;
}

/* ---- writing ---- */

int
export_write(const char *path, const struct kam_buf *b)
{
	char *tmp = NULL, *slash, *dir = NULL;
	size_t off = 0;
	ssize_t n;
	int fd = -1, dfd, ret = -1;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (b->len > 0 && fwrite(b->ptr, 1, b->len, stdout) != b->len)
			return kam_errno(errno, "cannot write standard output");
		return 0;
	}
	tmp = xasprintf("%s.kam-tmp-%ld", path, (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0666)) == -1) {
		kam_errno(errno, "cannot create '%s'", tmp);
		goto out;
	}
	while (off < b->len) {
		if ((n = write(fd, b->ptr + off, b->len - off)) == -1) {
			if (errno == EINTR)
				continue;
			kam_errno(errno, "cannot write '%s'", tmp);
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1) {
		kam_errno(errno, "cannot write '%s'", tmp);
		goto out;
	}
	if (close(fd) == -1) {
		fd = -1;
		kam_errno(errno, "cannot write '%s'", tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, path) == -1) {
		kam_errno(errno, "cannot write '%s'", path);
		goto out;
	}
	free(tmp);
	tmp = NULL;
	dir = xstrdup(path);
	slash = strrchr(dir, '/');
	if (slash != NULL)
		slash[slash == dir ? 1 : 0] = '\0';
	if ((dfd = open(slash != NULL ? dir : ".", O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) != -1) {
		(void)fsync(dfd);	/* the data is safe; the name is best effort */
		close(dfd);
	}
	ret = 0;
out:
	if (fd != -1)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(dir);
	return ret;
}

/* ---- Excel ---- */

struct xl {
	lxw_workbook	*wb;
	lxw_format	*bold, *date, *money, *pct;
	int		 digits;
	lxw_error	 err;
};

static void
xl_date(struct xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    int32_t d)
{
	lxw_datetime dt;
	int y, m, day;

	date_ymd(d, &y, &m, &day);
	memset(&dt, 0, sizeof(dt));
	dt.year = y;
	dt.month = m;
	dt.day = day;
	worksheet_write_datetime(ws, r, c, &dt, x->date);
}

/* One cell of schema column col (NULL: an extra column) as its type. */
static void
xl_cell(struct xl *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const struct column *col, const char *v)
{
	int32_t d;
	int64_t m;
	long n;

	if (*v == '\0')
		return;
	if (col != NULL && col->type == COL_DATE &&
	    date_parse(v, &d, NULL) == 0) {
		xl_date(x, ws, r, c, d);
		return;
	}
	if (col != NULL && col->type == COL_MONEY &&
	    money_parse(v, x->digits, &m, NULL) == 0) {
		double f = (double)m;
		int k;

		for (k = 0; k < x->digits; k++)
			f /= 10;
		worksheet_write_number(ws, r, c, f, x->money);
		return;
	}
	if (col != NULL && col->type == COL_INT &&
	    int_parse(v, col->min, col->max, &n, NULL) == 0) {
		if (strcmp(col->name, "progress") == 0 ||
		    strcmp(col->name, "capacity") == 0)
			worksheet_write_number(ws, r, c, n / 100.0, x->pct);
		else
			worksheet_write_number(ws, r, c, (double)n, NULL);
		return;
	}
	if (col != NULL && col->type == COL_HOURS &&
	    hours_parse(v, &m, NULL) == 0) {
		worksheet_write_number(ws, r, c, (double)m / 4, NULL);
		return;
	}
	worksheet_write_string(ws, r, c, v, NULL);
}

static lxw_worksheet *
xl_sheet(struct xl *x, const char *name, const char *const *hdr, size_t n)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);
	size_t i;

	if (ws == NULL)
		return NULL;
	for (i = 0; i < n; i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, hdr[i], x->bold);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_column(ws, 0, (lxw_col_t)(n > 0 ? n - 1 : 0), 14, NULL);
	return ws;
}

/* A table's sheet: its columns in file order, then what kam derives. */
static int
xl_table(struct xl *x, struct project *p, const struct schema *s)
{
	static const char *const risk_d[] = { "score", "level" };
	static const char *const task_d[] = { "es", "ef", "ls", "lf", "slack",
		"critical" };
	struct table t = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	const char **hdr = NULL;
	const struct column **cols = NULL;
	lxw_worksheet *ws;
	size_t i, j, nd = 0, nh;
	int ret = -1;

	if (store_load(p, NULL, s, &t) == -1)
		goto out;
	table_sort(&t);
	if (s == &schema_risks)
		nd = ARRAY_SIZE(risk_d);
	else if (s == &schema_tasks) {
		if (plan_compute(&pl, p, &t) == -1)
			goto out;
		nd = ARRAY_SIZE(task_d);
	}
	nh = t.ncols + nd;
	hdr = xcalloc(nh, sizeof(*hdr));
	cols = xcalloc(t.ncols, sizeof(*cols));
	for (i = 0; i < t.ncols; i++)
		hdr[i] = t.header[i];
	for (j = 0; j < s->ncols; j++)
		if (t.colmap[j] != -1)
			cols[t.colmap[j]] = &s->cols[j];
	for (i = 0; i < nd; i++)
		hdr[t.ncols + i] = s == &schema_risks ? risk_d[i] : task_d[i];
	if ((ws = xl_sheet(x, s->name, hdr, nh)) == NULL) {
		kam_err(KAM_EX_INTERNAL, "cannot add sheet '%s'", s->name);
		goto out;
	}
	for (i = 0; i < t.nrows; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);

		for (j = 0; j < t.ncols; j++)
			xl_cell(x, ws, r, (lxw_col_t)j, cols[j],
			    t.rows[i].cell[j]);
		if (s == &schema_risks) {
			long sc = risk_score(&t, &t.rows[i]);

			if (sc > 0) {
				worksheet_write_number(ws, r, (lxw_col_t)t.ncols,
				    (double)sc, NULL);
				worksheet_write_string(ws, r,
				    (lxw_col_t)t.ncols + 1, risk_level(sc), NULL);
			}
		}
	}
	for (i = 0; s == &schema_tasks && i < pl.ntasks; i++) {
		const struct plan_task *pt = &pl.tasks[i];
		lxw_row_t r = (lxw_row_t)(pt->row - t.rows) + 1;
		lxw_col_t c = (lxw_col_t)t.ncols;

		xl_date(x, ws, r, c, pt->es_date);
		xl_date(x, ws, r, c + 1, pt->ef_date);
		xl_date(x, ws, r, c + 2, pt->ls_date);
		xl_date(x, ws, r, c + 3, pt->lf_date);
		worksheet_write_number(ws, r, c + 4, (double)pt->slack, NULL);
		worksheet_write_boolean(ws, r, c + 5, pt->critical, NULL);
	}
	ret = 0;
out:
	free(hdr);
	free(cols);
	plan_release(&pl);
	table_release(&t);
	return ret;
}

struct xl_exp {
	struct xl		*x;
	lxw_worksheet		*ws;
	lxw_row_t		 r;
	const struct schema	*s;
};

static int
xl_month_row(void *arg, const struct table *t, const struct row *r)
{
	struct xl_exp *a = arg;
	size_t j;

	a->r++;
	for (j = 0; j < a->s->ncols; j++)
		xl_cell(a->x, a->ws, a->r, (lxw_col_t)j, &a->s->cols[j],
		    table_get(t, r, (int)j));
	return 0;
}

/* A monthly table (expenses, timesheets): one sheet over its months. */
static int
xl_monthly(struct xl *x, struct project *p, const struct schema *s)
{
	const char *hdr[16];
	struct xl_exp a;
	size_t j;

	for (j = 0; j < s->ncols && j < 16; j++)
		hdr[j] = s->cols[j].name;
	a.x = x;
	a.r = 0;
	a.s = s;
	if ((a.ws = xl_sheet(x, s->name, hdr, j)) == NULL)
		return kam_err(KAM_EX_INTERNAL, "cannot add sheet '%s'",
		    s->name);
	return month_scan(p, s, INT32_MIN, INT32_MAX, xl_month_row, &a);
}

int
export_xlsx(struct project *p, const struct schema *const *tables,
    size_t ntables, const char *path)
{
	struct xl x;
	char *tmp = xasprintf("%s.kam-tmp-%ld.xlsx", path, (long)getpid());
	char fmt[32];
	size_t i;
	int ret = -1;

	memset(&x, 0, sizeof(x));
	x.digits = p->digits;
	if (xl_load() == -1)
		goto out;
	if ((x.wb = workbook_new(tmp)) == NULL) {
		kam_err(KAM_EX_IO, "cannot create '%s'", path);
		goto out;
	}
	x.bold = workbook_add_format(x.wb);
	format_set_bold(x.bold);
	x.date = workbook_add_format(x.wb);
	format_set_num_format(x.date, "yyyy-mm-dd");
	x.money = workbook_add_format(x.wb);
	snprintf(fmt, sizeof(fmt), "#,##0%s%.*s", p->digits > 0 ? "." : "",
	    p->digits, "0000");
	format_set_num_format(x.money, fmt);
	x.pct = workbook_add_format(x.wb);
	format_set_num_format(x.pct, "0%");
	for (i = 0; i < ntables; i++)
		if ((tables[i]->monthly ? xl_monthly(&x, p, tables[i]) :
		    xl_table(&x, p, tables[i])) == -1) {
			workbook_close(x.wb);
			goto out;
		}
	if ((x.err = workbook_close(x.wb)) != LXW_NO_ERROR) {
		kam_err(KAM_EX_IO, "cannot write '%s': %s", path,
		    lxw_strerror(x.err));
		goto out;
	}
	if (rename(tmp, path) == -1) {
		kam_errno(errno, "cannot write '%s'", path);
		goto out;
	}
	ret = 0;
out:
	if (ret == -1)
		unlink(tmp);
	free(tmp);
	return ret;
}

/* ------------------------------------------------------------ TaskJuggler */

/* A TaskJuggler string: double quotes, with '"' and '\' escaped and
 * control characters as spaces. */
static void
tjp_string(struct kam_buf *b, const char *s)
{
	kam_buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			kam_buf_putc(b, '\\');
		kam_buf_putc(b, (unsigned char)*s < 0x20 || *s == 0x7f ? ' ' :
		    *s);
	}
	kam_buf_putc(b, '"');
}

static const char *const tjp_days[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/* "mon, tue" for the days of mask `want` within `mask`: 0 when none. */
static int
tjp_daylist(struct kam_buf *b, unsigned mask, int want)
{
	int i, n = 0;

	for (i = 0; i < 7; i++)
		if (((mask >> i) & 1) == (unsigned)want) {
			kam_buf_printf(b, "%s%s", n > 0 ? ", " : "", tjp_days[i]);
			n++;
		}
	return n;
}

int
export_tjp(struct project *p, struct kam_buf *out)
{
	struct table tasks = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	struct kam_buf days = KAM_BUF_INIT;
	char d1[11], d2[11];
	const char *id, *title;
	size_t i, k;
	int32_t origin, end, today_ms = 0;
	int ret = -1;

	if (load(p, &schema_tasks, &tasks) == -1 ||
	    plan_compute(&pl, p, &tasks) == -1)
		goto out;
	origin = plan_day_date(&pl, pl.start_idx);
	/* Room after the finish, so that tj3 never runs out of project. */
	end = (pl.ntasks > 0 ? pl.finish : origin) + 366;
	/* Work never starts before today (kam-plan(1)): tasks not started
	 * wait for a milestone on today's working day, when that is after
	 * the project's first day. */
	if (pl.today_idx > pl.start_idx)
		today_ms = plan_day_date(&pl, pl.today_idx);
	kam_buf_puts(out, "# TaskJuggler project written by kam export tjp: tj3 "
	    "schedules each\n# task to the finish kam plan shows. Task ids "
	    "are kam's, with '_' for '-'.\nproject kam ");
	tjp_string(out, p->name != NULL ? p->name : "kam project");
	kam_buf_printf(out, " %s - %s {\n  timezone \"UTC\"\n",
	    date_fmt(origin, d1), date_fmt(end, d2));
	if (p->currency != NULL)
		kam_buf_printf(out, "  currency \"%s\"\n", p->currency);
	kam_buf_printf(out, "  now %s\n  dailyworkinghours 8\n",
	    date_fmt(pl.today, d1));
	/* Eight working hours on kam's working days, none on the others. */
	days.len = 0;
	if (tjp_daylist(&days, p->workdays, 1) > 0)
		kam_buf_printf(out, "  workinghours %s 9:00 - 17:00\n", days.ptr);
	days.len = 0;
	if (tjp_daylist(&days, p->workdays, 0) > 0)
		kam_buf_printf(out, "  workinghours %s off\n", days.ptr);
	kam_buf_puts(out, "}\n");
	for (i = 0; i < p->nholidays; i++)
		if (p->holidays[i] >= origin && p->holidays[i] <= end)
			kam_buf_printf(out, "leaves holiday \"Holiday\" %s\n",
			    date_fmt(p->holidays[i], d1));
	if (p->nworkdates > 0)
		kam_warn("TaskJuggler has no make-up working days: the %zu "
		    "calendar.workday date%s of kam.conf are left out, and tj3 "
		    "may finish tasks that span them later than kam plan",
		    p->nworkdates, p->nworkdates == 1 ? "" : "s");
	if (today_ms != 0)
		kam_buf_printf(out, "task kam_today \"Today\" {\n  milestone\n"
		    "  start %s\n}\n", date_fmt(today_ms, d1));
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *t = &pl.tasks[i];
		int ndep = 0;

		id = table_get(&tasks, t->row, TASK_ID);
		title = table_get(&tasks, t->row, TASK_TITLE);
		kam_buf_printf(out, "task T_%ld ", t->id);
		tjp_string(out, title);
		kam_buf_puts(out, " {\n");
		if (t->milestone)
			kam_buf_puts(out, "  milestone\n");
		if (t->started) {
			/* Actual dates fix the task, as in kam plan: its
			 * dependencies no longer move it, and tj3 would
			 * refuse a start before a predecessor's end. */
			if (t->milestone)
				kam_buf_printf(out, "  start %s\n",
				    date_fmt(t->es_date, d1));
			else
				kam_buf_printf(out, "  start %s\n  end %s-17:00\n",
				    date_fmt(t->es_date, d1),
				    date_fmt(t->ef_date, d2));
			for (k = 0; k < t->ndep; k++)
				kam_buf_printf(out, "%s T_%ld",
				    k == 0 ? "  # kam: depends on" : ",",
				    pl.tasks[pl.dep[t->dep_off + k]].id);
			if (t->ndep > 0)
				kam_buf_puts(out, "\n");
		} else {
			for (k = 0; k < t->ndep; k++, ndep++)
				kam_buf_printf(out, "%s T_%ld",
				    k == 0 ? "  depends" : ",",
				    pl.tasks[pl.dep[t->dep_off + k]].id);
			if (today_ms != 0)
				kam_buf_printf(out, "%s kam_today", ndep > 0 ?
				    "," : "  depends");
			if (ndep > 0 || today_ms != 0)
				kam_buf_puts(out, "\n");
			if (!t->milestone)
				kam_buf_printf(out, "  length %ldd\n",
				    t->duration);
		}
		if (t->progress > 0)
			kam_buf_printf(out, "  complete %d\n", t->progress);
		kam_buf_printf(out, "  note ");
		tjp_string(out, id);
		kam_buf_puts(out, "\n}\n");
	}
	ret = 0;
out:
	kam_buf_release(&days);
	plan_release(&pl);
	table_release(&tasks);
	return ret;
}
