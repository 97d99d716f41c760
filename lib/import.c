/*
 * import.c: spreadsheets and tracker exports into kam's tables (import.h).
 *
 * Four passes, so that nothing is written unless every row is good:
 *   1. the source: bytes -> UTF-8 (iconv) -> libcsv records with their
 *      physical lines;
 *   2. rows: each source row becomes the cells of one record of a target
 *      table, converted to kam's canonical form (references stay raw);
 *   3. keys: each row is matched to an existing record by its key (the
 *      `ref` column of earlier imports) or given the next id, so that
 *      references between rows of the same file can be resolved;
 *   4. references: keys, ids, and people by name or email become ids.
 * Only then are the tables changed, in memory, and read back.
 */
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "budget.h"
#include "import.h"
#include "plan.h"
#include "store.h"
#include "timesheet.h"
#include "value.h"

#define MAX_ROW_ERRORS	200
#define MAX_FIELD	262144

/* ---- small helpers ---- */

static char *
trim_dup(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	return xstrndup(s, n);
}

static char *
lower_dup(const char *s)
{
	char *d = xstrdup(s), *p;

	for (p = d; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	return d;
}

/* Is id one of the space-separated ids of list? */
static int
list_has(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p = list;

	while ((p = strstr(p, id)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == '\0' ||
		    p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

/* ---- a string -> (table, number) map ---- */

struct kent {
	char	*key;
	int	 tab;
	long	 num;		/* -1: ambiguous (two people of that name) */
};

struct khash {
	struct kent	*v;
	size_t		 cap, n;
};

static size_t
khash_slot(const struct khash *h, const char *key, int tab)
{
	uint64_t x = 1469598103934665603ULL ^ (uint64_t)(tab + 1);
	const unsigned char *p;
	size_t i;

	for (p = (const unsigned char *)key; *p != '\0'; p++)
		x = (x ^ *p) * 1099511628211ULL;
	for (i = (size_t)x & (h->cap - 1);; i = (i + 1) & (h->cap - 1))
		if (h->v[i].key == NULL || (h->v[i].tab == tab &&
		    strcmp(h->v[i].key, key) == 0))
			return i;
}

static struct kent *
khash_get(const struct khash *h, const char *key, int tab)
{
	size_t i;

	if (h->cap == 0)
		return NULL;
	i = khash_slot(h, key, tab);
	return h->v[i].key != NULL ? &h->v[i] : NULL;
}

/* Insert key; returns the entry (existing one: its num is kept). */
static struct kent *
khash_put(struct khash *h, const char *key, int tab, long num, int *isnew)
{
	struct kent *old;
	size_t i, cap;

	if (h->n * 2 >= h->cap) {
		old = h->v;
		cap = h->cap;
		h->cap = cap ? cap * 2 : 1024;
		h->v = xcalloc(h->cap, sizeof(*h->v));
		for (i = 0; i < cap; i++)
			if (old[i].key != NULL)
				h->v[khash_slot(h, old[i].key, old[i].tab)] =
				    old[i];
		free(old);
	}
	i = khash_slot(h, key, tab);
	*isnew = h->v[i].key == NULL;
	if (*isnew) {
		h->v[i].key = xstrdup(key);
		h->v[i].tab = tab;
		h->v[i].num = num;
		h->n++;
	}
	return &h->v[i];
}

static void
khash_release(struct khash *h)
{
	size_t i;

	for (i = 0; i < h->cap; i++)
		free(h->v[i].key);
	free(h->v);
	h->v = NULL;
	h->cap = h->n = 0;
}

/* Map tags beyond the tables: people by name and by email. */
#define TAG_NAME	1000
#define TAG_EMAIL	1001

/* ---- the source file ---- */

struct srow {
	unsigned long	  line;
	char		**f;
	size_t		  nf;
};

struct src {
	char		**hdr;
	size_t		  nh;
	struct srow	 *rows;
	size_t		  n, alloc;
	/* parser state */
	char		**cur;
	size_t		  ncur, acur;
	unsigned long	  line, rec_line;
	int		  toobig;
};

static void
src_field(void *s, size_t len, void *arg)
{
	struct src *sr = arg;

	if (sr->ncur == 0)
		sr->rec_line = sr->line;
	if (len > MAX_FIELD) {
		sr->toobig = 1;
		len = 0;
	}
	if (sr->ncur == sr->acur) {
		sr->acur = sr->acur ? sr->acur * 2 : 16;
		sr->cur = xrealloc(sr->cur, sr->acur * sizeof(char *));
	}
	sr->cur[sr->ncur++] = s == NULL ? xstrdup("") : xstrndup(s, len);
}

static void
src_record(int term, void *arg)
{
	struct src *sr = arg;
	struct srow *r;

	(void)term;
	if (sr->hdr == NULL) {
		sr->hdr = sr->cur;
		sr->nh = sr->ncur;
	} else {
		if (sr->n == sr->alloc) {
			sr->alloc = sr->alloc ? sr->alloc * 2 : 256;
			sr->rows = xrealloc(sr->rows, sr->alloc * sizeof(*r));
		}
		r = &sr->rows[sr->n++];
		r->line = sr->rec_line;
		r->f = sr->cur;
		r->nf = sr->ncur;
	}
	sr->cur = NULL;
	sr->ncur = sr->acur = 0;
}

static void
free_fields(char **f, size_t n)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < n; i++)
		free(f[i]);
	free(f);
}

static void
src_release(struct src *sr)
{
	size_t i;

	free_fields(sr->hdr, sr->nh);
	for (i = 0; i < sr->n; i++)
		free_fields(sr->rows[i].f, sr->rows[i].nf);
	free(sr->rows);
	free_fields(sr->cur, sr->ncur);
	memset(sr, 0, sizeof(*sr));
}

static int
space_only(unsigned char c)
{
	return c == ' ';
}

static unsigned long
line_at(const char *buf, size_t off)
{
	unsigned long line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (buf[i] == '\n')
			line++;
	return line;
}

/* The source as UTF-8 without BOM in out; *utf16 set when it was UTF-16. */
static int
src_decode(const char *file, const char *enc, struct kam_buf *in,
    struct kam_buf *out, int *utf16)
{
	const char *from = enc;
	char *ip, *op;
	size_t il, ol, done;
	iconv_t cd;
	size_t bad;

	*utf16 = 0;
	ip = in->ptr;
	il = in->len;
	if (enc != NULL && (kam_strcasecmp(enc, "utf-8") == 0 ||
	    kam_strcasecmp(enc, "utf8") == 0))
		from = NULL;
	if ((from == NULL || strncasecmp(from, "utf-16", 6) == 0 ||
	    strncasecmp(from, "utf16", 5) == 0) && il >= 2 &&
	    (((unsigned char)ip[0] == 0xff && (unsigned char)ip[1] == 0xfe) ||
	    ((unsigned char)ip[0] == 0xfe && (unsigned char)ip[1] == 0xff))) {
		/* The byte order mark says which UTF-16 it is. */
		from = (unsigned char)ip[0] == 0xff ? "UTF-16LE" : "UTF-16BE";
		ip += 2;
		il -= 2;
	}
	if (from == NULL) {
		kam_buf_reset(out);
		if (il >= 3 && memcmp(ip, "\xef\xbb\xbf", 3) == 0)
			kam_buf_add(out, ip + 3, il - 3);
		else
			kam_buf_add(out, ip, il);
		if (!utf8_valid(out->ptr, out->len, &bad))
			return kam_err(KAM_EX_DATA, "%s:%lu: invalid UTF-8 at "
			    "byte offset %zu (give the file's encoding with "
			    "--encoding, e.g. gb18030)", file,
			    line_at(out->ptr, bad), bad);
		return 0;
	}
	if (strncasecmp(from, "utf-16", 6) == 0 ||
	    strncasecmp(from, "utf16", 5) == 0)
		*utf16 = 1;
	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return kam_err(KAM_EX_USAGE, "--encoding: unknown encoding '%s' "
		    "(e.g. gb18030, utf-16, latin1)", from);
	kam_buf_reset(out);
	kam_buf_grow(out, il * 2 + 16);
	for (;;) {
		op = out->ptr + out->len;
		ol = out->alloc - out->len - 1;
		done = iconv(cd, &ip, &il, &op, &ol);
		out->len = (size_t)(op - out->ptr);
		if (done != (size_t)-1)
			break;
		if (errno == E2BIG) {
			kam_buf_grow(out, il * 2 + 16);
			continue;
		}
		iconv_close(cd);
		return kam_err(KAM_EX_DATA, "%s: byte offset %zu is not valid %s",
		    file, (size_t)(ip - in->ptr), from);
	}
	iconv_close(cd);
	out->ptr[out->len] = '\0';
	if (out->len >= 3 && memcmp(out->ptr, "\xef\xbb\xbf", 3) == 0) {
		memmove(out->ptr, out->ptr + 3, out->len - 3);
		out->len -= 3;
		out->ptr[out->len] = '\0';
	}
	return 0;
}

static int
src_read(struct src *sr, const struct import_opts *o)
{
	struct kam_buf raw = KAM_BUF_INIT, b = KAM_BUF_INIT;
	struct csv_parser p;
	const char *q, *end, *nl, *z;
	size_t n, done, i;
	int rc, utf16, delim, ret = -1;

	if ((rc = kam_read_file(&raw, o->file)) == 1)
		kam_err(KAM_EX_NOPROJECT, "cannot open '%s': No such file or "
		    "directory", o->file);
	if (rc != 0)
		goto out;
	if (src_decode(o->file, o->encoding, &raw, &b, &utf16) == -1)
		goto out;
	if (b.len == 0) {
		kam_err(KAM_EX_DATA, "%s: file is empty (expected a header "
		    "line)", o->file);
		goto out;
	}
	if ((z = memchr(b.ptr, '\0', b.len)) != NULL) {
		kam_err(KAM_EX_DATA, "%s:%lu: NUL byte (0x00)", o->file,
		    line_at(b.ptr, (size_t)(z - b.ptr)));
		goto out;
	}
	delim = o->delim != 0 ? o->delim : utf16 ? '\t' : ',';
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) !=
	    0) {
		kam_err(KAM_EX_INTERNAL, "cannot set up the CSV parser");
		goto out;
	}
	csv_set_delim(&p, (unsigned char)delim);
	csv_set_space_func(&p, space_only);
	end = b.ptr + b.len;
	for (q = b.ptr; q < end; q += n) {
		nl = memchr(q, '\n', (size_t)(end - q));
		n = nl != NULL ? (size_t)(nl - q) + 1 : (size_t)(end - q);
		sr->line++;
		if ((done = csv_parse(&p, q, n, src_field, src_record, sr)) !=
		    n) {
			if (csv_error(&p) == CSV_ETOOBIG ||
			    csv_error(&p) == CSV_ENOMEM)
				kam_err(KAM_EX_DATA, "%s:%lu: field too large",
				    o->file, sr->line);
			else if (q[done] == '"')
				kam_err(KAM_EX_DATA, "%s:%lu:%zu: quote inside "
				    "an unquoted field", o->file, sr->line,
				    done + 1);
			else
				kam_err(KAM_EX_DATA, "%s:%lu:%zu: text after a "
				    "closing quote", o->file, sr->line, done + 1);
			csv_free(&p);
			goto out;
		}
	}
	if (csv_fini(&p, src_field, src_record, sr) != 0) {
		kam_err(KAM_EX_DATA, "%s:%lu: unterminated quoted field (the "
		    "quote opened on this line)", o->file, sr->rec_line);
		csv_free(&p);
		goto out;
	}
	csv_free(&p);
	if (sr->hdr == NULL) {
		kam_err(KAM_EX_DATA, "%s: no header line", o->file);
		goto out;
	}
	if (sr->toobig) {
		kam_err(KAM_EX_DATA, "%s: a field exceeds %d bytes", o->file,
		    MAX_FIELD);
		goto out;
	}
	for (i = 0; i < sr->nh; i++) {
		char *t = trim_dup(sr->hdr[i]);

		free(sr->hdr[i]);
		sr->hdr[i] = t;
	}
	ret = 0;
	for (i = 0; i < sr->n; i++)
		if (sr->rows[i].nf != sr->nh) {
			kam_err(KAM_EX_DATA, "%s:%lu: expected %zu fields, found "
			    "%zu", o->file, sr->rows[i].line, sr->nh,
			    sr->rows[i].nf);
			ret = -1;
		}
out:
	kam_buf_release(&raw);
	kam_buf_release(&b);
	return ret;
}

/* ---- dates and numbers ---- */

static const char *const months[] = { "jan", "feb", "mar", "apr", "may",
	"jun", "jul", "aug", "sep", "oct", "nov", "dec" };

static int
digits_at(const char **pp, int min, int max, int *out)
{
	const char *p = *pp;
	int n = 0, k = 0;

	while (k < max && *p >= '0' && *p <= '9') {
		n = n * 10 + (*p++ - '0');
		k++;
	}
	if (k < min)
		return -1;
	*out = n;
	*pp = p;
	return 0;
}

/* " 17:00", " 5:00 PM", "T00:00:00", " 00:00:00.000": time of day. */
static int
is_time_tail(const char *p)
{
	int h, m, s;

	if (*p == '\0')
		return 1;
	if (*p != ' ' && *p != 'T')
		return 0;
	while (*p == ' ' || *p == 'T')
		p++;
	if (digits_at(&p, 1, 2, &h) == -1 || *p++ != ':' ||
	    digits_at(&p, 2, 2, &m) == -1)
		return 0;
	if (*p == ':' && (p++, digits_at(&p, 2, 2, &s) == -1))
		return 0;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
	while (*p == ' ')
		p++;
	if (kam_strcasecmp(p, "AM") == 0 || kam_strcasecmp(p, "PM") == 0)
		return 1;
	if (*p == 'Z')
		p++;
	return *p == '\0';
}

int
import_date(const char *fmt, const char *v, char *out, const char **why)
{
	const char *f, *p = v;
	int y = -1, m = -1, d = -1, yy, i;
	int32_t day;

	if (fmt == NULL)
		fmt = "%Y-%m-%d";
	for (f = fmt; *f != '\0'; f++) {
		if (*f != '%') {
			if (*p++ != *f)
				goto bad;
			continue;
		}
		switch (*++f) {
		case 'Y':
			if (digits_at(&p, 4, 4, &y) == -1)
				goto bad;
			break;
		case 'y':
			if (digits_at(&p, 2, 2, &yy) == -1)
				goto bad;
			y = yy < 70 ? 2000 + yy : 1900 + yy;
			break;
		case 'm':
			if (digits_at(&p, 1, 2, &m) == -1)
				goto bad;
			break;
		case 'd':
			if (digits_at(&p, 1, 2, &d) == -1)
				goto bad;
			break;
		case 'b':
			for (i = 0; i < 12; i++)
				if (strncasecmp(p, months[i], 3) == 0)
					break;
			if (i == 12)
				goto bad;
			m = i + 1;
			p += 3;
			break;
		case '%':
			if (*p++ != '%')
				goto bad;
			break;
		default:
			*why = "unsupported date format";
			return -1;
		}
	}
	if (!is_time_tail(p) || y < 0 || m < 0 || d < 0)
		goto bad;
	snprintf(out, 11, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	return date_parse(out, &day, why);
bad:
	*why = "does not match the date format";
	return -1;
}

/*
 * Remove the thousands separator `sep` where it groups digits ("1,234"),
 * and with '.' as separator take ',' as the decimal point.  Writes into
 * out (len bytes); -1 when the grouping is not by threes.
 */
static int
ungroup(const char *v, int sep, char *out, size_t len)
{
	size_t i = 0, run = 0;
	int seen_sep = 0, in_int = 1;
	const char *p;

	for (p = v; *p != '\0'; p++) {
		if (i + 2 >= len)
			return -1;
		if (in_int && *p == sep && run > 0) {
			if (seen_sep ? run != 3 : run > 3)
				return -1;
			seen_sep = 1;
			run = 0;
			continue;
		}
		if (*p >= '0' && *p <= '9')
			run++;
		else if (*p == '.' || (sep == '.' && *p == ',')) {
			if (seen_sep && run != 3)
				return -1;
			in_int = 0;
			out[i++] = '.';
			continue;
		}
		out[i++] = *p;
	}
	if (in_int && seen_sep && run != 3)
		return -1;
	out[i] = '\0';
	return 0;
}

/* ---- tables and rows to import ---- */

struct irow {
	unsigned long	  line;
	char		 *key;
	char		**val;		/* per schema column; NULL: not given */
	char		**x;		/* per extra column */
	long		  num;		/* id number; 0 keyless */
	long		  exist;	/* 1 + index of the existing row, or 0 */
	unsigned	  merge_deps : 1;	/* REFLIST: keep the old ids too */
};

struct import_tab {
	const struct schema	 *s;
	struct table		  t;
	int			  loaded;
	int			  target;	/* index into im->count, or -1 */
	int			  refcol;	/* header index of `ref`, or -1 */
	const char		**colhdr;	/* source header per column */
	struct irow		 *rows;
	size_t			  n, alloc;
	char			**xname;	/* extra columns to keep */
	size_t			 *xsrc;		/* their source field */
	size_t			  nx;
	long			  next;		/* last id number given */
	/* A monthly table (expenses, timesheets): t gathers the rows of
	 * every month file of HEAD, mt; out holds the month files the
	 * import changes, as they will be written. */
	struct table		 *mt, *out;
	size_t			  nmt, nout;
};

struct ictx {
	struct import		*im;
	struct project		*p;
	const struct import_opts *o;
	struct src		 src;
	struct khash		 keys;		/* ref -> (table, num) */
	struct khash		 people;	/* name/email -> num */
	struct rowerr {
		unsigned long	 line;
		size_t		 seq;
		char		*msg;
	}			*err;
	size_t			 nerr, aerr;
};

static void
row_err(struct ictx *c, unsigned long line, const char *col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Bad rows are collected and reported in line order at the end. */
static void
row_err(struct ictx *c, unsigned long line, const char *col,
    const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->nerr == c->aerr) {
		c->aerr = c->aerr ? c->aerr * 2 : 16;
		c->err = xrealloc(c->err, c->aerr * sizeof(*c->err));
	}
	c->err[c->nerr].line = line;
	c->err[c->nerr].seq = c->nerr;
	c->err[c->nerr].msg = col != NULL ? xasprintf("%s: %s", col, msg) :
	    xstrdup(msg);
	c->nerr++;
}

static int
cmp_err(const void *a, const void *b)
{
	const struct rowerr *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Print the collected errors; the number of bad rows into im. */
static void
report_errors(struct ictx *c)
{
	size_t i;

	if (c->nerr == 0)
		return;		/* c->err may be NULL: qsort(NULL) is UB */
	qsort(c->err, c->nerr, sizeof(*c->err), cmp_err);
	for (i = 0; i < c->nerr; i++) {
		if (i == 0 || c->err[i].line != c->err[i - 1].line)
			c->im->nerrors++;
		if (i < MAX_ROW_ERRORS)
			kam_err(KAM_EX_DATA, "%s:%lu: %s", c->o->file,
			    c->err[i].line, c->err[i].msg);
		else if (i == MAX_ROW_ERRORS)
			kam_err(KAM_EX_DATA, "%s: %zu more errors not shown",
			    c->o->file, c->nerr - i);
		free(c->err[i].msg);
	}
	free(c->err);
	c->err = NULL;
	c->nerr = c->aerr = 0;
}

static int
tab_index(const struct schema *s)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		if (kam_schemas[i] == s)
			return (int)i;
	return -1;
}

static struct import_tab *
tab_of_prefix(struct import *im, const char *prefix)
{
	const struct schema *s = schema_by_prefix(prefix);

	return s != NULL ? &im->tabs[tab_index(s)] : NULL;
}

static int
header_index(const struct table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	return -1;
}

/* ---- monthly tables ----
 * The month files of HEAD are read one by one and gathered into one table
 * (ids are unique across the months), so that keys, references and a
 * re-import work as for any other table; split_months() deals the rows
 * back to the file of their date's month, in id order, and keeps only the
 * files whose bytes change. */

/* Header index in t of each header of from (-1: none). */
static int *
header_map(const struct table *t, const struct table *from)
{
	int *map = xcalloc(from->ncols + 1, sizeof(int));
	size_t h;

	for (h = 0; h < from->ncols; h++)
		map[h] = header_index(t, from->header[h]);
	return map;
}

/* Append a copy of row r of from to t with its own id (t's rows stay in
 * id order when the rows come in id order). */
static struct row *
copy_row(struct table *t, const struct table *from, const struct row *r,
    const int *map)
{
	struct row *n;
	long max = t->max_num;
	size_t h;

	t->max_num = r->num - 1;
	n = table_add(t);
	if (max > t->max_num)
		t->max_num = max;
	for (h = 0; h < from->ncols; h++)
		if (map[h] != -1)
			n->cell[map[h]] = table_strdup(t, r->cell[h]);
	n->line = r->line;
	if (t->nrows > 1 && n[-1].num > n->num)
		t->unsorted = 1;
	return n;
}

static int
load_months(struct ictx *c, struct tx *tx, struct import_tab *it)
{
	struct kam_buf b = KAM_BUF_INIT;
	char **names = NULL;
	const char *base;
	size_t h, r;
	int *map, i, n, rc, ret = -1;

	table_init(&it->t, it->s, it->s->file, c->p->digits);
	if ((n = tx_list(tx, it->s->file, &names)) == -1)
		return -1;
	it->mt = xcalloc((size_t)n + 1, sizeof(*it->mt));
	for (i = 0; i < n; i++) {
		struct table *m = &it->mt[it->nmt];

		base = strrchr(names[i], '/');
		base = base != NULL ? base + 1 : names[i];
		if (!month_is_name(base))
			continue;
		if ((rc = tx_read(tx, names[i], &b)) == -1)
			goto out;
		if (rc == 1)
			continue;
		*m = (struct table)TABLE_INIT;
		it->nmt++;
		if (table_parse(m, it->s, names[i], c->p->digits, b.ptr,
		    b.len) == -1)
			goto out;
		table_sort(m);
		for (h = 0; h < m->ncols; h++)
			if (schema_col(it->s, m->header[h]) == -1)
				table_add_extra(&it->t, m->header[h]);
	}
	for (i = 0; i < (int)it->nmt; i++) {
		map = header_map(&it->t, &it->mt[i]);
		for (r = 0; r < it->mt[i].nrows; r++)
			copy_row(&it->t, &it->mt[i], &it->mt[i].rows[r], map);
		free(map);
	}
	table_sort(&it->t);
	it->t.changed = 0;
	ret = 0;
out:
	while (n > 0)
		free(names[--n]);
	free(names);
	kam_buf_release(&b);
	return ret;
}

struct mrow {
	const char	*month;		/* "2026-11", 7 bytes */
	long		 num;
	size_t		 i;		/* in it->t */
};

static int
cmp_mrow(const void *a, const void *b)
{
	const struct mrow *x = a, *y = b;
	int d = memcmp(x->month, y->month, 7);

	if (d != 0)
		return d;
	return x->num < y->num ? -1 : x->num > y->num;
}

/* The month file of HEAD for "2026-11", or NULL. */
static struct table *
head_month(struct import_tab *it, const char *month)
{
	size_t k, n = strlen(it->s->file);

	for (k = 0; k < it->nmt; k++)
		if (memcmp(it->mt[k].path + n + 1, month, 7) == 0)
			return &it->mt[k];
	return NULL;
}

/* Build the month file of month from rows[0..n) of it->t; keep it in
 * it->out when its bytes differ from HEAD's.  0, or -1 reported. */
static int
split_one(struct ictx *c, struct import_tab *it, const char *month,
    const struct mrow *rows, size_t n)
{
	struct table *head = head_month(it, month), *o;
	struct kam_buf a = KAM_BUF_INIT, b = KAM_BUF_INIT;
	struct table back = TABLE_INIT;
	char path[64];
	size_t h, k;
	int *map, keep, ret = 0;

	snprintf(path, sizeof(path), "%s/%.7s.csv", it->s->file, month);
	o = &it->out[it->nout];
	table_init(o, it->s, path, c->p->digits);
	/* HEAD's own columns first, then what the import brings. */
	if (head != NULL)
		for (h = 0; h < head->ncols; h++)
			table_add_extra(o, head->header[h]);
	for (h = 0; h < it->t.ncols; h++) {
		if (schema_col(it->s, it->t.header[h]) != -1)
			continue;
		for (k = 0; k < n; k++)
			if (it->t.rows[rows[k].i].cell[h][0] != '\0')
				break;
		if (k < n)
			table_add_extra(o, it->t.header[h]);
	}
	map = header_map(o, &it->t);
	for (k = 0; k < n; k++)
		copy_row(o, &it->t, &it->t.rows[rows[k].i], map);
	free(map);
	table_serialize(o, &b);
	if (head != NULL)
		table_serialize(head, &a);
	keep = head == NULL || a.len != b.len || memcmp(a.ptr, b.ptr, a.len);
	if (keep) {
		/* What is written reads back, month and day limits too. */
		if (table_parse(&back, it->s, path, c->p->digits, b.ptr,
		    b.len) == -1)
			ret = kam_err(KAM_EX_INTERNAL, "import: %s as it would "
			    "be written does not read back", path);
		else if (it->s == &schema_timesheets &&
		    time_check_days(&back) == -1)
			ret = -1;
		o->changed = 1;
		it->nout++;
	} else
		table_release(o);
	table_release(&back);
	kam_buf_release(&a);
	kam_buf_release(&b);
	return ret;
}

static int
split_months(struct ictx *c, struct import_tab *it)
{
	int dcol = it->t.colmap[1];
	struct mrow *rows = xcalloc(it->t.nrows + 1, sizeof(*rows));
	size_t i, j, k;
	int ret = 0;

	for (i = 0; i < it->t.nrows; i++) {
		rows[i].month = it->t.rows[i].cell[dcol];
		rows[i].num = it->t.rows[i].num;
		rows[i].i = i;
	}
	qsort(rows, it->t.nrows, sizeof(*rows), cmp_mrow);
	it->out = xcalloc(it->t.nrows + it->nmt + 1, sizeof(*it->out));
	for (i = 0; i < it->t.nrows; i = j) {
		for (j = i + 1; j < it->t.nrows &&
		    memcmp(rows[j].month, rows[i].month, 7) == 0; j++)
			;
		if (split_one(c, it, rows[i].month, rows + i, j - i) == -1)
			ret = -1;
	}
	/* A month whose every row moved to another month keeps its header. */
	for (k = 0; k < it->nmt; k++) {
		const char *m = it->mt[k].path + strlen(it->s->file) + 1;

		for (i = 0; i < it->t.nrows; i++)
			if (memcmp(rows[i].month, m, 7) == 0)
				break;
		if (i == it->t.nrows && it->mt[k].nrows > 0 &&
		    split_one(c, it, m, rows, 0) == -1)
			ret = -1;
	}
	free(rows);
	return ret;
}

/* Load every table (the monthly ones only as the target) from HEAD; index the keys
 * of earlier imports and the people by name and email. */
static int
load_tables(struct ictx *c, struct tx *tx)
{
	struct import *im = c->im;
	struct import_tab *it;
	struct kent *e;
	const char *v;
	size_t i, r;
	int isnew;

	im->tabs = xcalloc(kam_nschemas, sizeof(*im->tabs));
	for (i = 0; i < kam_nschemas; i++) {
		it = &im->tabs[i];
		it->s = kam_schemas[i];
		it->t = (struct table)TABLE_INIT;
		it->target = -1;
		it->refcol = -1;
		if (it->s->monthly) {
			if (c->o->preset != IMPORT_TABLE || c->o->s != it->s)
				continue;
			if (load_months(c, tx, it) == -1)
				return -1;
		} else if (store_load(c->p, tx, it->s, &it->t) == -1)
			return -1;
		it->loaded = 1;
		table_sort(&it->t);
		it->next = it->t.max_num;
		if (it->s->prefix == NULL ||
		    (it->refcol = header_index(&it->t, "ref")) == -1)
			continue;
		for (r = 0; r < it->t.nrows; r++) {
			v = it->t.rows[r].cell[it->refcol];
			if (*v != '\0')
				khash_put(&c->keys, v, (int)i,
				    it->t.rows[r].num, &isnew);
		}
	}
	it = &im->tabs[tab_index(&schema_people)];
	for (r = 0; r < it->t.nrows; r++) {
		static const char *const cols[] = { "name", "email" };
		int k;

		for (k = 0; k < 2; k++) {
			char *low;

			v = table_get(&it->t, &it->t.rows[r],
			    schema_col(&schema_people, cols[k]));
			if (*v == '\0')
				continue;
			low = lower_dup(v);
			e = khash_put(&c->people, low, TAG_NAME + k,
			    it->t.rows[r].num, &isnew);
			if (!isnew && e->num != it->t.rows[r].num)
				e->num = -1;
			free(low);
		}
	}
	return 0;
}

static struct irow *
new_irow(struct import_tab *it, unsigned long line)
{
	struct irow *r;

	if (it->n == it->alloc) {
		it->alloc = it->alloc ? it->alloc * 2 : 256;
		it->rows = xrealloc(it->rows, it->alloc * sizeof(*r));
	}
	r = &it->rows[it->n++];
	memset(r, 0, sizeof(*r));
	r->line = line;
	r->val = xcalloc(it->s->ncols, sizeof(char *));
	if (it->nx > 0)
		r->x = xcalloc(it->nx, sizeof(char *));
	return r;
}

static void
tab_free_rows(struct import_tab *it)
{
	size_t i, j;

	for (i = 0; i < it->n; i++) {
		for (j = 0; j < it->s->ncols; j++)
			free(it->rows[i].val[j]);
		free(it->rows[i].val);
		for (j = 0; j < it->nx; j++)
			free(it->rows[i].x[j]);
		free(it->rows[i].x);
		free(it->rows[i].key);
	}
	free(it->rows);
	it->rows = NULL;
	it->n = it->alloc = 0;
}

/*
 * Cell `raw` of the source for column j of it's table: the canonical
 * value (caller frees), or NULL after reporting the row.  References are
 * returned trimmed, to be resolved once every key is known.
 */
static char *
convert(struct ictx *c, struct import_tab *it, size_t j, const char *raw,
    unsigned long line, const char *hdr)
{
	const struct column *col = &it->s->cols[j];
	const char *why = NULL, *fmt = c->o->date_format;
	char *v = trim_dup(raw), buf[64];
	int64_t m;
	size_t i, bad;

	if (!utf8_valid(v, strlen(v), &bad)) {
		row_err(c, line, hdr, "invalid UTF-8");
		goto bad;
	}
	if (*v == '\0' && col->required) {
		row_err(c, line, hdr, "must not be empty (column %s)",
		    col->name);
		goto bad;
	}
	if (*v == '\0')
		return v;
	switch (col->type) {
	case COL_DATE:
		if (import_date(fmt, v, buf, &why) == -1) {
			row_err(c, line, hdr, "invalid date '%s': %s%s%s", v,
			    why, fmt != NULL ? " " : " (give its format with "
			    "--date-format, e.g. %d/%m/%Y)", fmt != NULL ? fmt :
			    "");
			goto bad;
		}
		free(v);
		return xstrdup(buf);
	case COL_MONEY:
	case COL_INT: {
		char plain[64];
		const char *s = v;

		if (c->o->thousands != 0) {
			if (ungroup(v, c->o->thousands, plain, sizeof(plain)) ==
			    -1) {
				row_err(c, line, hdr, "invalid number '%s': "
				    "digits not grouped by three", v);
				goto bad;
			}
			s = plain;
		}
		if (col->type == COL_MONEY) {
			if (money_parse(s, c->p->digits, &m, &why) ==
			    -1) {
				row_err(c, line, hdr, "invalid amount '%s': %s%s",
				    v, why, c->o->thousands == 0 &&
				    strchr(v, ',') != NULL ? " (with digit "
				    "groups, give --thousands ,)" : "");
				goto bad;
			}
			free(v);
			return xstrdup(money_fmt(m, c->p->digits,
			    buf));
		}
		if (table_check_value(col, 2, s, &why) == -1) {
			row_err(c, line, hdr, "invalid value '%s': %s", v, why);
			goto bad;
		}
		if (s != v) {
			free(v);
			v = xstrdup(s);
		}
		return v;
	}
	case COL_ENUM:
		for (i = 0; col->enums[i] != NULL; i++)
			if (kam_strcasecmp(col->enums[i], v) == 0) {
				free(v);
				return xstrdup(col->enums[i]);
			}
		table_check_value(col, 2, v, &why);
		row_err(c, line, hdr, "invalid value '%s': %s", v, why);
		goto bad;
	case COL_HOURS:
		if (table_check_value(col, 2, v, &why) == -1) {
			row_err(c, line, hdr, "invalid value '%s': %s", v, why);
			goto bad;
		}
		return v;
	case COL_ID:
	case COL_TEXT:
	case COL_KEY:
	case COL_REF:
	case COL_REFLIST:
		return v;
	}
	return v;
bad:
	free(v);
	return NULL;
}

/* ---- pass 2, generic: headers mapped to one table ---- */

static int
hdr_find(const struct src *sr, const char *name, int *dup)
{
	size_t i;
	int at = -1;

	*dup = 0;
	for (i = 0; i < sr->nh; i++)
		if (kam_strcasecmp(sr->hdr[i], name) == 0) {
			if (at != -1)
				*dup = 1;
			else
				at = (int)i;
		}
	return at;
}

static int
map_table(struct ictx *c, struct import_tab *it, int *fieldof, int *keyf)
{
	const struct import_opts *o = c->o;
	const struct schema *s = it->s;
	struct kam_buf missing = KAM_BUF_INIT, ignored = KAM_BUF_INIT;
	char *used;
	size_t i, j;
	int f, dup, ret = -1;

	used = xcalloc(c->src.nh + 1, 1);
	for (j = 0; j < s->ncols; j++)
		fieldof[j] = -1;
	for (i = 0; i < o->nmaps; i++) {
		int col = schema_col(s, o->maps[i].col);

		if (col == -1 || (s->cols[col].type == COL_ID)) {
			kam_err(KAM_EX_USAGE, "--map %s=%s: %s has no column "
			    "'%s'%s", o->maps[i].col, o->maps[i].header, s->name,
			    o->maps[i].col, col != -1 ? " to import (kam gives "
			    "the ids)" : "");
			goto out;
		}
		if ((f = hdr_find(&c->src, o->maps[i].header, &dup)) == -1) {
			kam_err(KAM_EX_USAGE, "--map %s=%s: %s has no column "
			    "'%s'", o->maps[i].col, o->maps[i].header, o->file,
			    o->maps[i].header);
			goto out;
		}
		if (dup) {
			kam_err(KAM_EX_USAGE, "--map %s=%s: '%s' is the name of "
			    "more than one column of %s", o->maps[i].col,
			    o->maps[i].header, o->maps[i].header, o->file);
			goto out;
		}
		fieldof[col] = f;
	}
	*keyf = -1;
	if (o->key != NULL) {
		if (s->prefix == NULL) {
			kam_err(KAM_EX_USAGE, "--key: %s records are found by "
			    "their %s; no key column is needed", s->name,
			    s->cols[s->keys[0]].name);
			goto out;
		}
		if ((*keyf = hdr_find(&c->src, o->key, &dup)) == -1 || dup) {
			kam_err(KAM_EX_USAGE, "--key %s: %s", o->key, dup ?
			    "more than one column has that name" :
			    "no such column in the file");
			goto out;
		}
		used[*keyf] = 1;
	}
	for (j = 0; j < s->ncols; j++) {
		if (s->cols[j].type == COL_ID)
			continue;
		if (fieldof[j] == -1) {
			f = hdr_find(&c->src, s->cols[j].name, &dup);
			if (f != -1 && dup) {
				kam_err(KAM_EX_USAGE, "column '%s' appears more "
				    "than once in %s; say which with --map "
				    "%s=HEADER", s->cols[j].name, o->file,
				    s->cols[j].name);
				goto out;
			}
			fieldof[j] = f;
		}
		if (fieldof[j] != -1) {
			used[fieldof[j]] = 1;
			it->colhdr[j] = c->src.hdr[fieldof[j]];
		} else if (s->cols[j].required)
			kam_buf_printf(&missing, "%s%s", missing.len ? ", " : "",
			    s->cols[j].name);
	}
	if (missing.len > 0) {
		kam_err(KAM_EX_USAGE, "%s: no column for %s of %s (map one "
		    "with --map COLUMN=HEADER)", o->file, missing.ptr, s->name);
		goto out;
	}
	for (i = 0; i < c->src.nh; i++) {
		if (used[i])
			continue;
		if (!o->keep_extra || c->src.hdr[i][0] == '\0' ||
		    schema_col(s, c->src.hdr[i]) != -1 ||
		    strcmp(c->src.hdr[i], "ref") == 0 ||
		    kam_strcasecmp(c->src.hdr[i], "id") == 0) {
			kam_buf_printf(&ignored, "%s'%s'", ignored.len ? ", " :
			    "", c->src.hdr[i]);
			continue;
		}
		for (j = 0; j < it->nx; j++)
			if (strcmp(it->xname[j], c->src.hdr[i]) == 0)
				break;
		if (j < it->nx) {	/* a repeated header: the first is kept */
			kam_buf_printf(&ignored, "%s'%s' (repeated)",
			    ignored.len ? ", " : "", c->src.hdr[i]);
			continue;
		}
		it->xname = xrealloc(it->xname, (it->nx + 1) * sizeof(char *));
		it->xsrc = xrealloc(it->xsrc, (it->nx + 1) * sizeof(size_t));
		it->xname[it->nx] = c->src.hdr[i];
		it->xsrc[it->nx++] = i;
	}
	if (ignored.len > 0)
		kam_warn("%s: columns not imported: %s (map them with --map "
		    "COLUMN=HEADER%s)", o->file, ignored.ptr, o->keep_extra ?
		    "" : " or keep them with --keep-extra");
	ret = 0;
out:
	free(used);
	kam_buf_release(&missing);
	kam_buf_release(&ignored);
	return ret;
}

static int
rows_table(struct ictx *c, struct import_tab *it)
{
	int *fieldof = xcalloc(it->s->ncols, sizeof(int)), keyf;
	struct irow *r;
	size_t i, j;
	int ret = -1;

	it->colhdr = xcalloc(it->s->ncols, sizeof(char *));
	if (map_table(c, it, fieldof, &keyf) == -1)
		goto out;
	for (i = 0; i < c->src.n; i++) {
		const struct srow *sr = &c->src.rows[i];

		r = new_irow(it, sr->line);
		if (keyf != -1) {
			r->key = trim_dup(sr->f[keyf]);
			if (r->key[0] == '\0')
				row_err(c, sr->line, c->src.hdr[keyf],
				    "the key is empty");
		}
		for (j = 0; j < it->s->ncols; j++)
			if (fieldof[j] != -1 && (r->val[j] = convert(c, it, j,
			    sr->f[fieldof[j]], sr->line, it->colhdr[j])) ==
			    NULL)
				r->val[j] = NULL;
		for (j = 0; j < it->nx; j++)
			r->x[j] = trim_dup(sr->f[it->xsrc[j]]);
	}
	ret = 0;
out:
	free(fieldof);
	return ret;
}

/* ---- pass 2, Jira ---- */

enum { J_SUMMARY, J_KEY, J_TYPE, J_STATUS, J_PRIORITY, J_ASSIGNEE,
	J_REPORTER, J_DUE, J_ESTIMATE, J_CREATED, J_N };
static const char *const jira_hdr[J_N] = { "Summary", "Issue key",
	"Issue Type", "Status", "Priority", "Assignee", "Reporter",
	"Due date", "Original Estimate", "Created" };
#define JIRA_BLOCKS	"Outward issue link (Blocks)"
/* The epic of a story, as company-managed projects export it ("Parent"
 * of team-managed ones may also be a sub-task's story: not read). */
static const char *const jira_epic_hdr[] = {
	"Custom field (Epic Link)", "Epic Link"
};

static int
jira_done(const char *status)
{
	return kam_strcasecmp(status, "done") == 0 ||
	    kam_strcasecmp(status, "closed") == 0 ||
	    kam_strcasecmp(status, "resolved") == 0;
}

static const char *
jira_level(const char *prio, int severity)
{
	static const char *const map[][3] = {
		/* Jira, requirement priority, defect severity */
		{ "blocker", "must", "critical" },
		{ "highest", "must", "critical" },
		{ "critical", "must", "critical" },
		{ "high", "must", "major" },
		{ "major", "must", "major" },
		{ "medium", "should", "major" },
		{ "low", "could", "minor" },
		{ "minor", "could", "minor" },
		{ "lowest", "wont", "minor" },
		{ "trivial", "wont", "minor" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (kam_strcasecmp(map[i][0], prio) == 0)
			return map[i][severity ? 2 : 1];
	return NULL;
}

/* A Jira date: --date-format when given, else Jira's "12/Mar/26 5:00 PM"
 * or ISO. */
static char *
jira_date(struct ictx *c, const char *raw, unsigned long line,
    const char *hdr)
{
	char *v = trim_dup(raw), buf[11];
	const char *why = NULL;

	if (*v == '\0')
		return v;
	if ((c->o->date_format != NULL &&
	    import_date(c->o->date_format, v, buf, &why) == 0) ||
	    (c->o->date_format == NULL &&
	    (import_date("%d/%b/%y", v, buf, &why) == 0 ||
	    import_date("%Y-%m-%d", v, buf, &why) == 0))) {
		free(v);
		return xstrdup(buf);
	}
	row_err(c, line, hdr, "invalid date '%s': %s", v, why);
	free(v);
	return NULL;
}

static void
set_val(struct irow *r, const struct schema *s, const char *col, char *v)
{
	int j = schema_col(s, col);

	free(r->val[j]);
	r->val[j] = v;
}

static int
rows_jira(struct ictx *c)
{
	struct import *im = c->im;
	struct import_tab *tasks = &im->tabs[tab_index(&schema_tasks)];
	struct import_tab *reqs = &im->tabs[tab_index(&schema_requirements)];
	struct import_tab *defs = &im->tabs[tab_index(&schema_defects)];
	struct import_tab *it;
	struct irow *r;
	int f[J_N], dup, *blocks = NULL, epic = -1;
	size_t i, j, nblocks = 0;
	char *v;

	for (i = 0; i < J_N; i++) {
		f[i] = hdr_find(&c->src, jira_hdr[i], &dup);
		if (f[i] != -1 && dup)
			return kam_err(KAM_EX_USAGE, "%s: column '%s' appears "
			    "more than once", c->o->file, jira_hdr[i]);
		if (f[i] == -1 && i <= J_TYPE)
			return kam_err(KAM_EX_USAGE, "%s: no column '%s' (is "
			    "this Jira's CSV export?)", c->o->file,
			    jira_hdr[i]);
	}
	for (i = 0; i < sizeof(jira_epic_hdr) / sizeof(jira_epic_hdr[0]) &&
	    epic == -1; i++)
		if ((epic = hdr_find(&c->src, jira_epic_hdr[i], &dup)) != -1 &&
		    dup)
			return kam_err(KAM_EX_USAGE, "%s: column '%s' appears "
			    "more than once", c->o->file, jira_epic_hdr[i]);
	for (i = 0; i < c->src.nh; i++)
		if (kam_strcasecmp(c->src.hdr[i], JIRA_BLOCKS) == 0) {
			blocks = xrealloc(blocks, (nblocks + 1) * sizeof(int));
			blocks[nblocks++] = (int)i;
		}
	for (i = 0; i < 3; i++) {
		it = i == 0 ? tasks : i == 1 ? reqs : defs;
		it->colhdr = xcalloc(it->s->ncols, sizeof(char *));
		it->colhdr[1] = jira_hdr[J_SUMMARY];
	}
	tasks->colhdr[schema_col(&schema_tasks, "duration")] =
	    jira_hdr[J_ESTIMATE];
	tasks->colhdr[schema_col(&schema_tasks, "assignee")] =
	    jira_hdr[J_ASSIGNEE];
	tasks->colhdr[schema_col(&schema_tasks, "depends")] = JIRA_BLOCKS;
	if (epic != -1)
		tasks->colhdr[TASK_REQS] = c->src.hdr[epic];
	reqs->colhdr[schema_col(&schema_requirements, "source")] =
	    jira_hdr[J_REPORTER];
	for (i = 0; i < c->src.n; i++) {
		const struct srow *sr = &c->src.rows[i];
		const char *type = sr->f[f[J_TYPE]];
		const char *st = f[J_STATUS] != -1 ? sr->f[f[J_STATUS]] : "";
		const char *pr = f[J_PRIORITY] != -1 ? sr->f[f[J_PRIORITY]] : "";
		const char *lvl = NULL;
		char *t;

		t = trim_dup(type);
		if (kam_strcasecmp(t, "story") == 0 ||
		    kam_strcasecmp(t, "task") == 0 ||
		    kam_strcasecmp(t, "sub-task") == 0 ||
		    kam_strcasecmp(t, "subtask") == 0)
			it = tasks;
		else if (kam_strcasecmp(t, "epic") == 0)
			it = reqs;
		else if (kam_strcasecmp(t, "bug") == 0)
			it = defs;
		else {
			row_err(c, sr->line, jira_hdr[J_TYPE], "'%s' is not one "
			    "of Story, Task, Sub-task (tasks), Epic "
			    "(requirements), Bug (defects)", t);
			free(t);
			continue;
		}
		free(t);
		r = new_irow(it, sr->line);
		r->key = trim_dup(sr->f[f[J_KEY]]);
		if (r->key[0] == '\0')
			row_err(c, sr->line, jira_hdr[J_KEY], "the key is empty");
		v = trim_dup(sr->f[f[J_SUMMARY]]);
		if (*v == '\0')
			row_err(c, sr->line, jira_hdr[J_SUMMARY], "must not be "
			    "empty");
		set_val(r, it->s, "title", v);
		if (it == tasks) {
			if (f[J_ESTIMATE] != -1 &&
			    *(v = trim_dup(sr->f[f[J_ESTIMATE]])) != '\0') {
				long sec;
				const char *why;

				if (int_parse(v, 0, 100000L * 28800, &sec,
				    &why) == -1)
					row_err(c, sr->line, jira_hdr[J_ESTIMATE],
					    "invalid estimate '%s': expected "
					    "seconds", v);
				else {
					free(v);
					v = xasprintf("%ld", (sec + 28799) /
					    28800);
				}
				set_val(r, it->s, "duration", v);
			} else if (f[J_ESTIMATE] != -1)
				free(v);
			if (f[J_ASSIGNEE] != -1)
				set_val(r, it->s, "assignee",
				    trim_dup(sr->f[f[J_ASSIGNEE]]));
			if (f[J_DUE] != -1 && (v = jira_date(c,
			    sr->f[f[J_DUE]], sr->line, jira_hdr[J_DUE])) !=
			    NULL)
				set_val(r, it->s, "deadline", v);
			if (jira_done(st))
				set_val(r, it->s, "progress", xstrdup("100"));
			r->merge_deps = 1;
		} else if (it == reqs) {
			if (*pr != '\0' && (lvl = jira_level(pr, 0)) == NULL)
				row_err(c, sr->line, jira_hdr[J_PRIORITY], "unknown "
				    "priority '%s'", pr);
			else if (*pr != '\0')
				set_val(r, it->s, "priority", xstrdup(lvl));
			if (jira_done(st))
				set_val(r, it->s, "status", xstrdup("done"));
			if (f[J_REPORTER] != -1)
				set_val(r, it->s, "source",
				    trim_dup(sr->f[f[J_REPORTER]]));
		} else {
			if (*pr != '\0' && (lvl = jira_level(pr, 1)) == NULL)
				row_err(c, sr->line, jira_hdr[J_PRIORITY], "unknown "
				    "priority '%s'", pr);
			else if (*pr != '\0')
				set_val(r, it->s, "severity", xstrdup(lvl));
			if (jira_done(st))
				set_val(r, it->s, "status", xstrdup("fixed"));
			if (f[J_CREATED] != -1 && (v = jira_date(c,
			    sr->f[f[J_CREATED]], sr->line,
			    jira_hdr[J_CREATED])) != NULL)
				set_val(r, it->s, "found", v);
		}
	}
	/* "A blocks B": B depends on A.  Kept as keys until pass 4. */
	for (i = 0; i < c->src.n && nblocks > 0; i++) {
		const struct srow *sr = &c->src.rows[i];
		char *a = trim_dup(sr->f[f[J_KEY]]);
		size_t k;

		for (k = 0; k < nblocks; k++) {
			char *b = trim_dup(sr->f[blocks[k]]);
			struct irow *rb = NULL, *ra = NULL;
			int col = schema_col(&schema_tasks, "depends");

			for (j = 0; j < tasks->n && *b != '\0'; j++) {
				if (strcmp(tasks->rows[j].key, b) == 0)
					rb = &tasks->rows[j];
				if (strcmp(tasks->rows[j].key, a) == 0)
					ra = &tasks->rows[j];
			}
			if (*b == '\0')
				;
			else if (rb == NULL || ra == NULL)
				kam_warn("%s:%lu: %s: %s blocks %s: a dependency "
				    "is kept only between two tasks of the "
				    "file; not imported", c->o->file, sr->line,
				    JIRA_BLOCKS, a, b);
			else {
				v = rb->val[col];
				rb->val[col] = v == NULL ? xstrdup(a) :
				    xasprintf("%s %s", v, a);
				free(v);
			}
			free(b);
		}
		free(a);
	}
	/* A story's epic (a requirement of this file or of an earlier
	 * import): the task implements it.  Kept as a key until pass 4. */
	for (i = 0; i < c->src.n && epic != -1; i++) {
		const struct srow *sr = &c->src.rows[i];
		char *a = trim_dup(sr->f[f[J_KEY]]), *e = trim_dup(sr->f[epic]);
		struct irow *rt = NULL;
		int known = 0;

		for (j = 0; j < tasks->n && *e != '\0'; j++)
			if (strcmp(tasks->rows[j].key, a) == 0)
				rt = &tasks->rows[j];
		for (j = 0; j < reqs->n && rt != NULL && !known; j++)
			known = strcmp(reqs->rows[j].key, e) == 0;
		if (rt != NULL && !known)
			known = khash_get(&c->keys, e,
			    tab_index(&schema_requirements)) != NULL;
		if (rt != NULL && !known)
			kam_warn("%s:%lu: %s: %s belongs to %s, which is neither "
			    "an epic of the file nor a requirement imported "
			    "before; not linked", c->o->file, sr->line,
			    c->src.hdr[epic], a, e);
		else if (rt != NULL) {
			v = rt->val[TASK_REQS];
			rt->val[TASK_REQS] = v == NULL || *v == '\0' ?
			    xstrdup(e) : xasprintf("%s %s", v, e);
			free(v);
		}
		free(a);
		free(e);
	}
	/* New records need what the table requires. */
	for (i = 0; i < tasks->n; i++)
		if (tasks->rows[i].val[schema_col(&schema_tasks, "depends")] ==
		    NULL)
			tasks->rows[i].val[schema_col(&schema_tasks,
			    "depends")] = xstrdup("");
	free(blocks);
	return 0;
}

/* Defaults for new records of the Jira preset (after keys are matched:
 * an existing record keeps its own values). */
static void
jira_defaults(struct import_tab *it)
{
	static const char *const def[][3] = {
		{ "tasks", "duration", "1" },
		{ "requirements", "priority", "should" },
		{ "requirements", "status", "draft" },
		{ "defects", "severity", "major" },
		{ "defects", "status", "open" },
	};
	size_t i, k;
	int j;

	for (k = 0; k < ARRAY_SIZE(def); k++) {
		if (strcmp(def[k][0], it->s->name) != 0)
			continue;
		j = schema_col(it->s, def[k][1]);
		for (i = 0; i < it->n; i++)
			if (it->rows[i].exist == 0 && (it->rows[i].val[j] ==
			    NULL || it->rows[i].val[j][0] == '\0')) {
				free(it->rows[i].val[j]);
				it->rows[i].val[j] = xstrdup(def[k][2]);
			}
	}
}

/* ---- pass 3: keys ---- */

static struct row *
find_keyless(struct import_tab *it, struct irow *r)
{
	const struct schema *s = it->s;
	const char *k1 = r->val[s->keys[0]];
	const char *k2 = s->nkeys > 1 ? r->val[s->keys[1]] : NULL;

	if (k1 == NULL)
		return NULL;
	return table_find_key(&it->t, k1, k2);
}

static void
match_keys(struct ictx *c, struct import_tab *it)
{
	int ti = tab_index(it->s), isnew;
	struct kent *e;
	struct row *old;
	char id[32];
	size_t i;

	for (i = 0; i < it->n; i++) {
		struct irow *r = &it->rows[i];

		if (it->s->prefix == NULL) {
			if ((old = find_keyless(it, r)) != NULL)
				r->exist = 1 + (old - it->t.rows);
			continue;
		}
		if (r->key == NULL || r->key[0] == '\0') {
			r->num = ++it->next;
			continue;
		}
		e = khash_put(&c->keys, r->key, ti, 0, &isnew);
		if (isnew) {
			e->num = r->num = ++it->next;
			continue;
		}
		if (e->num > it->t.max_num || e->num < 0) {
			row_err(c, r->line, NULL, "key '%s' is also the key of "
			    "an earlier row of the file", r->key);
			continue;
		}
		r->num = e->num;
		e->num = -e->num;	/* seen in this file */
		snprintf(id, sizeof(id), "%s-%ld", it->s->prefix, r->num);
		if ((old = table_find(&it->t, id)) != NULL)
			r->exist = 1 + (old - it->t.rows);
	}
}

/* Undo the "seen" marks of match_keys. */
static void
unmark_keys(struct ictx *c)
{
	size_t i;

	for (i = 0; i < c->keys.cap; i++)
		if (c->keys.v[i].key != NULL && c->keys.v[i].num < 0)
			c->keys.v[i].num = -c->keys.v[i].num;
}

/* ---- pass 4: references ---- */

/* One reference of column col: into out (32 bytes), or -1 with *why. */
static int
resolve_one(struct ictx *c, const struct column *col, const char *v,
    char *out, const char **why)
{
	static char msg[160];
	struct import_tab *tt;
	struct kent *e;
	char pfx[16];
	long num;
	size_t i;

	/* A key of this import or an earlier one. */
	for (i = 0; i < kam_nschemas; i++) {
		if (col->ref != NULL && (kam_schemas[i]->prefix == NULL ||
		    strcmp(kam_schemas[i]->prefix, col->ref) != 0))
			continue;
		if (kam_schemas[i]->prefix == NULL ||
		    (e = khash_get(&c->keys, v, (int)i)) == NULL)
			continue;
		snprintf(out, 32, "%s-%ld", kam_schemas[i]->prefix,
		    e->num < 0 ? -e->num : e->num);
		return 0;
	}
	/* A kam id. */
	if (id_prefix(v, pfx) == 0 && (col->ref == NULL ||
	    kam_strcasecmp(pfx, col->ref) == 0) &&
	    id_parse_arg(v, col->ref != NULL ? col->ref : NULL, out, &num,
	    NULL) == 0 && id_prefix(out, pfx) == 0 &&
	    (tt = tab_of_prefix(c->im, pfx)) != NULL) {
		if (table_find(&tt->t, out) != NULL ||
		    (num > tt->t.max_num && num <= tt->next))
			return 0;
		snprintf(msg, sizeof(msg), "%s %s does not exist", tt->s->noun,
		    out);
		*why = msg;
		return -1;
	}
	/* A person by name or email. */
	if (col->ref != NULL && strcmp(col->ref, "P") == 0) {
		char *low = lower_dup(v);

		e = khash_get(&c->people, low, strchr(v, '@') != NULL ?
		    TAG_EMAIL : TAG_NAME);
		free(low);
		if (e != NULL && e->num > 0) {
			snprintf(out, 32, "P-%ld", e->num);
			return 0;
		}
		snprintf(msg, sizeof(msg), e != NULL ? "more than one person "
		    "is called '%.60s'; give the id" : "no person '%.60s' in "
		    "people.csv (add them with kam people add)", v);
		*why = msg;
		return -1;
	}
	if (col->ref_text) {
		snprintf(out, 32, "%s", v);
		return strlen(v) < 32 ? 0 : (*why = "too long", -1);
	}
	snprintf(msg, sizeof(msg), "'%.60s' is not a key of this or an earlier "
	    "import, nor a %s id", v, col->ref != NULL ? col->ref : "kam");
	*why = msg;
	return -1;
}

static void
resolve_refs(struct ictx *c, struct import_tab *it)
{
	const struct schema *s = it->s;
	struct kam_buf b = KAM_BUF_INIT;
	const char *why, *p, *q;
	char one[256], out[32];
	size_t i, j, n;

	for (i = 0; i < it->n; i++) {
		struct irow *r = &it->rows[i];

		for (j = 0; j < s->ncols; j++) {
			const struct column *col = &s->cols[j];

			if ((col->type != COL_REF && col->type != COL_REFLIST) ||
			    r->val[j] == NULL || r->val[j][0] == '\0')
				continue;
			if (col->type == COL_REF) {
				if (resolve_one(c, col, r->val[j], out, &why) ==
				    -1) {
					if (col->ref_text && id_prefix(r->val[j],
					    one) == -1)
						continue;	/* free text */
					row_err(c, r->line, it->colhdr[j], "%s",
					    why);
					continue;
				}
				free(r->val[j]);
				r->val[j] = xstrdup(out);
				continue;
			}
			kam_buf_reset(&b);
			for (p = r->val[j]; *p != '\0'; p = q) {
				while (*p == ' ' || *p == ',' || *p == ';')
					p++;
				q = p + strcspn(p, " ,;");
				n = (size_t)(q - p);
				if (n == 0)
					continue;
				if (n >= sizeof(one)) {
					row_err(c, r->line, it->colhdr[j], "'%.40s' "
					    "is too long for a reference", p);
					break;
				}
				memcpy(one, p, n);
				one[n] = '\0';
				if (resolve_one(c, col, one, out, &why) == -1) {
					row_err(c, r->line, it->colhdr[j], "%s",
					    why);
					continue;
				}
				if (b.len > 0 && list_has(b.ptr, out))
					continue;	/* once each */
				if (b.len > 0)
					kam_buf_putc(&b, ' ');
				kam_buf_puts(&b, out);
			}
			free(r->val[j]);
			r->val[j] = xstrdup(b.len > 0 ? b.ptr : "");
		}
	}
	kam_buf_release(&b);
}

/* The Jira preset adds links; it never removes the ones kam has. */
static void
merge_deps(struct import_tab *it)
{
	int j = schema_col(it->s, "depends");
	size_t i;

	for (i = 0; i < it->n; i++) {
		struct irow *r = &it->rows[i];
		const char *old;
		char *v;

		if (!r->merge_deps || r->exist == 0)
			continue;
		old = table_get(&it->t, &it->t.rows[r->exist - 1], j);
		if (*old == '\0')
			continue;
		if (r->val[j] == NULL || r->val[j][0] == '\0') {
			free(r->val[j]);
			r->val[j] = xstrdup(old);
			continue;
		}
		/* old ids, then the new ones not among them */
		{
			struct kam_buf b = KAM_BUF_INIT;
			char *dup = xstrdup(r->val[j]), *tok, *save = NULL;

			kam_buf_puts(&b, old);
			for (tok = strtok_r(dup, " ", &save); tok != NULL;
			    tok = strtok_r(NULL, " ", &save))
				if (!list_has(b.ptr, tok))
					kam_buf_printf(&b, " %s", tok);
			free(dup);
			v = kam_buf_detach(&b);
			free(r->val[j]);
			r->val[j] = v;
		}
	}
}

/* ---- applying ---- */

static void
set_extra(struct table *t, struct row *r, int hi, const char *v)
{
	if (strcmp(r->cell[hi], v) == 0)
		return;
	r->cell[hi] = table_strdup(t, v);
	t->changed = 1;
}

/* Apply row ir to record r; returns whether anything changed. */
static int
apply_row(struct import_tab *it, struct irow *ir, struct row *r,
    const int *xcol, int refcol)
{
	struct table *t = &it->t;
	size_t j;
	int changed = 0;

	for (j = 0; j < it->s->ncols; j++) {
		if (ir->val[j] == NULL || it->s->cols[j].type == COL_ID)
			continue;
		if (strcmp(table_get(t, r, (int)j), ir->val[j]) != 0) {
			table_set(t, r, (int)j, ir->val[j]);
			changed = 1;
		}
	}
	for (j = 0; j < it->nx; j++)
		if (strcmp(r->cell[xcol[j]], ir->x[j]) != 0) {
			set_extra(t, r, xcol[j], ir->x[j]);
			changed = 1;
		}
	if (refcol != -1 && ir->key != NULL &&
	    strcmp(r->cell[refcol], ir->key) != 0) {
		set_extra(t, r, refcol, ir->key);
		changed = 1;
	}
	return changed;
}

static int
apply(struct ictx *c, struct import_tab *it, struct import_count *cnt)
{
	struct table *t = &it->t;
	int *xcol = xcalloc(it->nx + 1, sizeof(int)), refcol = -1, any_key = 0;
	size_t i, j;

	for (i = 0; i < it->n; i++)
		any_key |= it->rows[i].key != NULL;
	if (any_key)
		refcol = table_add_extra(t, "ref");
	for (j = 0; j < it->nx; j++)
		xcol[j] = table_add_extra(t, it->xname[j]);
	t->changed = 0;
	for (i = 0; i < it->n; i++) {
		struct irow *ir = &it->rows[i];

		if (ir->exist == 0)
			continue;
		if (apply_row(it, ir, &t->rows[ir->exist - 1], xcol, refcol))
			cnt->changed++;
		else
			cnt->unchanged++;
	}
	for (i = 0; i < it->n; i++) {
		struct irow *ir = &it->rows[i];
		struct row *r;

		if (ir->exist != 0)
			continue;
		r = table_add(t);
		if (it->s->prefix != NULL && r->num != ir->num) {
			free(xcol);
			return kam_err(KAM_EX_INTERNAL, "import: %s-%ld became "
			    "%s-%ld", it->s->prefix, ir->num, it->s->prefix,
			    r->num);
		}
		apply_row(it, ir, r, xcol, refcol);
		cnt->added++;
	}
	(void)c;
	free(xcol);
	return 0;
}

struct vcap {
	const char	*file, *path;
};

/* Messages about the tables as imported name the source file; a new
 * record has no line of its own yet ("tasks.csv:0: "). */
static void
verify_msg(void *arg, int code, const char *msg)
{
	struct vcap *v = arg;
	size_t n = strlen(v->path);

	if (strncmp(msg, v->path, n) == 0 && strncmp(msg + n, ":0: ", 4) == 0)
		msg += n + 4;
	kam_msg_capture(NULL, NULL);
	if (code == 0)
		kam_warn("%s: %s as imported: %s", v->file, v->path, msg);
	else
		kam_err(code, "%s: %s as imported: %s", v->file, v->path, msg);
	kam_msg_capture(verify_msg, v);
}

/* Read back what will be written with the reader of every command, and
 * check references and the schedule. */
static int
verify(struct ictx *c, struct import_tab *it)
{
	struct vcap cap = { c->o->file, it->t.path };
	struct kam_buf b = KAM_BUF_INIT;
	struct table back = TABLE_INIT;
	size_t j, k;
	int ret = 0;

	kam_msg_capture(verify_msg, &cap);
	for (k = 0; k < kam_nschemas; k++) {
		struct import_tab *tt = &c->im->tabs[k];

		if (tt->s->prefix == NULL || !tt->loaded)
			continue;
		for (j = 0; j < it->s->ncols; j++)
			if ((it->s->cols[j].type == COL_REF ||
			    it->s->cols[j].type == COL_REFLIST) &&
			    it->s->cols[j].ref != NULL &&
			    strcmp(it->s->cols[j].ref, tt->s->prefix) == 0)
				break;
		if (j < it->s->ncols && store_check_refs(&it->t, &tt->t) == -1)
			ret = -1;
	}
	kam_msg_capture(NULL, NULL);
	if (it->s == &schema_tasks) {
		struct plan pl = PLAN_INIT;

		kam_msg_capture(verify_msg, &cap);
		if (plan_compute(&pl, c->p, &it->t) == -1)
			ret = -1;
		kam_msg_capture(NULL, NULL);
		plan_release(&pl);
	}
	table_serialize(&it->t, &b);
	if (table_parse(&back, it->s, it->t.path, it->t.digits, b.ptr,
	    b.len) == -1)
		ret = kam_err(KAM_EX_INTERNAL, "import: %s as it would be "
		    "written does not read back", it->t.path);
	table_release(&back);
	kam_buf_release(&b);
	return ret;
}

/* ---- the whole ---- */

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

int
import_prepare(struct import *im, struct project *p, struct tx *tx,
    const struct import_opts *o)
{
	struct ictx c;
	struct import_tab *it;
	size_t i;
	int ret = -1;

	memset(&c, 0, sizeof(c));
	c.im = im;
	c.p = p;
	c.o = o;
	im->base = xstrdup(base_name(o->file));
	if (load_tables(&c, tx) == -1 || src_read(&c.src, o) == -1)
		goto out;
	im->nrecords = (long)c.src.n;
	if (o->preset == IMPORT_JIRA) {
		if (rows_jira(&c) == -1)
			goto out;
		im->tabs[tab_index(&schema_tasks)].target = 0;
		im->tabs[tab_index(&schema_requirements)].target = 1;
		im->tabs[tab_index(&schema_defects)].target = 2;
		im->ncount = 3;
	} else {
		it = &im->tabs[tab_index(o->s)];
		if (rows_table(&c, it) == -1)
			goto out;
		it->target = 0;
		im->ncount = 1;
	}
	for (i = 0; i < kam_nschemas; i++)
		if (im->tabs[i].target >= 0) {
			im->count[im->tabs[i].target].s = im->tabs[i].s;
			match_keys(&c, &im->tabs[i]);
		}
	for (i = 0; i < kam_nschemas; i++)
		if (im->tabs[i].target >= 0) {
			if (o->preset == IMPORT_JIRA)
				jira_defaults(&im->tabs[i]);
			resolve_refs(&c, &im->tabs[i]);
			merge_deps(&im->tabs[i]);
		}
	unmark_keys(&c);
	report_errors(&c);
	if (im->nerrors > 0) {
		kam_err(KAM_EX_DATA, "%s: %u bad row%s; nothing imported",
		    o->file, im->nerrors, im->nerrors == 1 ? "" : "s");
		goto out;
	}
	for (i = 0; i < kam_nschemas; i++)
		if (im->tabs[i].target >= 0 && apply(&c, &im->tabs[i],
		    &im->count[im->tabs[i].target]) == -1)
			goto out;
	ret = 0;
	for (i = 0; i < kam_nschemas; i++) {
		it = &im->tabs[i];
		if (it->target >= 0 && it->t.changed && (verify(&c, it) == -1 ||
		    (it->s->monthly && split_months(&c, it) == -1)))
			ret = -1;
	}
	if (kam_exit_code != 0)
		ret = -1;
out:
	report_errors(&c);
	src_release(&c.src);
	khash_release(&c.keys);
	khash_release(&c.people);
	return ret;
}

int
import_changed(const struct import *im)
{
	size_t i;

	for (i = 0; i < im->ncount; i++)
		if (im->count[i].added + im->count[i].changed > 0)
			return 1;
	return 0;
}

void
import_queue(struct import *im, struct tx *tx)
{
	size_t i;

	size_t k;

	for (i = 0; i < kam_nschemas; i++) {
		if (im->tabs[i].target < 0)
			continue;
		if (!im->tabs[i].s->monthly)
			store_put(tx, &im->tabs[i].t);
		for (k = 0; k < im->tabs[i].nout; k++)
			store_put(tx, &im->tabs[i].out[k]);
	}
}

void
import_diff(struct import *im, struct tx *tx, struct project *p,
    struct hist_set *set)
{
	struct kam_buf old = KAM_BUF_INIT, cur = KAM_BUF_INIT;
	size_t i;
	int rc;

	for (i = 0; i < kam_nschemas; i++) {
		struct import_tab *it = &im->tabs[i];

		size_t k, n = it->s->monthly ? it->nout : 1;

		if (it->target < 0 || !it->t.changed)
			continue;
		for (k = 0; k < n; k++) {
			const struct table *t = it->s->monthly ? &it->out[k] :
			    &it->t;

			rc = tx_read(tx, t->path, &old);
			table_serialize(t, &cur);
			hist_diff_bufs(set, it->s, t->path, p->digits,
			    rc == 0 ? old.ptr : NULL, rc == 0 ? old.len : 0,
			    cur.ptr, cur.len, NULL);
		}
	}
	hist_set_sort(set);
	kam_buf_release(&old);
	kam_buf_release(&cur);
}

/* "requirement" -> "requirements", "person" -> "people". */
static void
plural(struct kam_buf *b, const char *noun, long n)
{
	size_t len = strlen(noun);

	if (n == 1)
		kam_buf_puts(b, noun);
	else if (strcmp(noun, "person") == 0)
		kam_buf_puts(b, "people");
	else if (len > 1 && noun[len - 1] == 'y')
		kam_buf_printf(b, "%.*sies", (int)(len - 1), noun);
	else
		kam_buf_printf(b, "%ss", noun);
}

char *
import_subject(const struct import *im)
{
	struct kam_buf b = KAM_BUF_INIT;

	kam_buf_printf(&b, "kam: import %ld ", im->nrecords);
	if (im->ncount == 1)
		plural(&b, im->count[0].s->noun, im->nrecords);
	else
		kam_buf_puts(&b, im->nrecords == 1 ? "record" : "records");
	kam_buf_printf(&b, " from %s", im->base);
	return kam_buf_detach(&b);
}

char *
import_body(const struct import *im)
{
	struct kam_buf b = KAM_BUF_INIT;
	size_t i;

	for (i = 0; i < im->ncount; i++) {
		const struct import_count *n = &im->count[i];

		kam_buf_printf(&b, "%s%s: %ld added, %ld changed, %ld "
		    "unchanged", i > 0 ? "\n" : "", n->s->name, n->added,
		    n->changed, n->unchanged);
	}
	return kam_buf_detach(&b);
}

void
import_release(struct import *im)
{
	size_t i;

	if (im->tabs != NULL)
		for (i = 0; i < kam_nschemas; i++) {
			struct import_tab *it = &im->tabs[i];
			size_t k;

			for (k = 0; k < it->nmt; k++)
				table_release(&it->mt[k]);
			for (k = 0; k < it->nout; k++)
				table_release(&it->out[k]);
			free(it->mt);
			free(it->out);
			table_release(&im->tabs[i].t);
			tab_free_rows(&im->tabs[i]);
			free(im->tabs[i].colhdr);
			free(im->tabs[i].xname);
			free(im->tabs[i].xsrc);
		}
	free(im->tabs);
	free(im->base);
	memset(im, 0, sizeof(*im));
}

int
import_opt_map(void *arg_maps, const char *arg, const char *opt)
{
	struct import_maps *m = arg_maps;
	char *eq = strchr(arg, '=');

	if (eq == NULL || eq == arg || eq[1] == '\0')
		return kam_err(KAM_EX_USAGE, "%s: '%s' is not COLUMN=HEADER",
		    opt, arg);
	if (m->n == IMPORT_MAX_MAPS)
		return kam_err(KAM_EX_USAGE, "%s: more than %d", opt,
		    IMPORT_MAX_MAPS);
	/* The value is the caller's argv: the header starts after '='. */
	*eq = '\0';
	m->v[m->n].col = arg;
	m->v[m->n++].header = eq + 1;
	return 0;
}

int
import_opt_char(void *field, const char *arg, const char *opt)
{
	int *out = field;

	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		*out = '\t';
	else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
	    arg[0] != '\r')
		*out = (unsigned char)arg[0];
	else
		return kam_err(KAM_EX_USAGE, "%s: '%s' is not one character "
		    "(e.g. ';' or tab)", opt, arg);
	return 0;
}
