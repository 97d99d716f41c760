/*
 * table.c: strict CSV in, canonical CSV out (see table.h).
 *
 * libcsv does the CSV grammar (CSV_STRICT | CSV_STRICT_FINI, spaces kept);
 * kam adds what libcsv does not check: NUL bytes, UTF-8, field counts,
 * conflict markers, the header, and every cell's type.  Input is fed one
 * physical line per csv_parse() call so a record's line is known.
 *
 * A table is parsed in place (table_parse_owned): each cell is a
 * NUL-terminated run inside the file's own buffer.  A field split off a
 * plain line keeps its bytes and gets a NUL where its comma or line end
 * was; a field libcsv unquoted is copied back over the bytes of its own
 * record, which libcsv has read by then and which are never fewer than
 * the fields it made of them plus one NUL each.
 */
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "table.h"
#include "value.h"

#define MAX_ERRORS	20
#define MAX_FIELD	262144
#define MAX_FILE	((size_t)KAM_MAX_FILE)
#define BLK_SIZE	(64 * 1024)

static char empty[] = "";

/* ---- arena: strings and cell arrays of one table ---- */

struct arena_blk {
	struct arena_blk	*next;
	size_t			 used, size;
	char			 data[];
};

static void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_blk *b = a->head;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (b == NULL || b->size - b->used < n) {
		size_t sz = n > BLK_SIZE ? n : BLK_SIZE;

		b = xmalloc(sizeof(*b) + sz);
		b->next = a->head;
		b->used = 0;
		b->size = sz;
		a->head = b;
	}
	p = b->data + b->used;
	b->used += n;
	return p;
}

static char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p;

	if (n == 0)
		return empty;
	p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Keep the newest block only (streaming reads reuse it per row). */
static void
arena_trim(struct arena *a)
{
	struct arena_blk *b, *next;

	if (a->head == NULL)
		return;
	for (b = a->head->next; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head->next = NULL;
	a->head->used = 0;
}

static void
arena_release(struct arena *a)
{
	struct arena_blk *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
}

char *
table_strdup(struct table *t, const char *s)
{
	return arena_strndup(&t->arena, s, strlen(s));
}

/* ---- reading ---- */

struct reader {
	struct table	*t;
	table_row_cb	 cb;		/* NULL: keep rows in t */
	void		*arg;
	char		**fields;
	size_t		 nfields, afields;
	unsigned long	 line;		/* physical line being fed */
	unsigned long	 rec_line;	/* line where the record began */
	int		 have_header;
	int		 stop;		/* callback asked to stop */
	int		 toobig;
	struct arena	 scratch;	/* header and streaming rows */
	/* In place (not streaming): the buffer, where the next field libcsv
	 * hands over is written, and whether the field on its way in is
	 * already in place (split off a plain line). */
	char		*wbuf, *wpos;
	int		 plain;
	/* Streaming rows: the fields of one record back to back, NUL after
	 * each; off[i] is field i's offset, or -1 for an empty one. */
	char		*rowbuf;
	size_t		 rowlen, rowcap;
	ptrdiff_t	*off;
	size_t		 aoff;
};

static void
rd_error(struct reader *rd, unsigned long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
rd_error(struct reader *rd, unsigned long line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	rd->t->nerrors++;
	if (rd->t->nerrors > MAX_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (rd->t->nerrors == MAX_ERRORS)
		kam_err(KAM_EX_DATA, "%s:%lu: %s (further errors not shown)",
		    rd->t->path, line, msg);
	else
		kam_err(KAM_EX_DATA, "%s:%lu: %s", rd->t->path, line, msg);
}

static void
on_field(void *s, size_t len, void *arg)
{
	struct reader *rd = arg;
	struct arena *a = rd->have_header && rd->cb == NULL ? &rd->t->arena :
	    &rd->scratch;

	if (rd->nfields == 0)
		rd->rec_line = rd->line;
	if (len > MAX_FIELD) {
		rd->toobig = 1;
		len = 0;
	}
	if (rd->nfields == rd->afields) {
		rd->afields = rd->afields ? rd->afields * 2 : 32;
		rd->fields = xrealloc(rd->fields, rd->afields * sizeof(char *));
	}
	if (rd->wbuf != NULL) {
		if (s == NULL || len == 0)
			rd->fields[rd->nfields++] = empty;
		else if (rd->plain) {
			((char *)s)[len] = '\0';	/* its comma or line end */
			rd->fields[rd->nfields++] = s;
		} else {
			memcpy(rd->wpos, s, len);
			rd->wpos[len] = '\0';
			rd->fields[rd->nfields++] = rd->wpos;
			rd->wpos += len + 1;
		}
		return;
	}
	if (rd->cb != NULL && rd->have_header) {
		/* One copy into the row buffer; pointers are made at the end
		 * of the record (the buffer may move as it grows). */
		if (rd->nfields == rd->aoff) {
			rd->aoff = rd->afields;
			rd->off = xrealloc(rd->off, rd->aoff * sizeof(*rd->off));
		}
		if (s == NULL || len == 0) {
			rd->off[rd->nfields++] = -1;
			return;
		}
		if (rd->rowcap - rd->rowlen < len + 1) {
			rd->rowcap = (rd->rowlen + len + 1) * 2;
			rd->rowbuf = xrealloc(rd->rowbuf, rd->rowcap);
		}
		memcpy(rd->rowbuf + rd->rowlen, s, len);
		rd->rowbuf[rd->rowlen + len] = '\0';
		rd->off[rd->nfields++] = (ptrdiff_t)rd->rowlen;
		rd->rowlen += len + 1;
		return;
	}
	rd->fields[rd->nfields++] = s == NULL ? empty :
	    arena_strndup(a, s, len);
}

static int	is_marker(const char *s, size_t n);

/*
 * The conflict-marker rule (kam-files(5)): git writes its markers at the
 * start of a physical line without knowing CSV quoting, so a marker at
 * the start of any physical line (after LF, CRLF or a bare CR), inside a
 * quoted field or not, is a conflict.  A value may therefore hold no
 * line after its first that starts with one; a value starting with one
 * is written quoted (table_put_field), which keeps it off the line start.
 */
static int
marker_inside(const char *val)
{
	const char *p;

	for (p = val; *p != '\0'; p++)
		if ((*p == '\n' || *p == '\r') && is_marker(p + 1,
		    strlen(p + 1)))
			return 1;
	return 0;
}

int
table_check_value(const struct column *c, int digits, const char *val,
    const char **why)
{
	static _Thread_local char msg[256];
	const char *w = NULL;
	char tmp[64];
	int32_t d;
	int64_t m;
	long n;
	size_t i;

	if (val == NULL || *val == '\0') {
		if (c->required) {
			*why = "must not be empty";
			return -1;
		}
		return 0;
	}
	if ((c->type == COL_TEXT || c->type == COL_KEY || c->type == COL_REF)
	    && marker_inside(val)) {
		*why = "a line of the text starts with a conflict marker "
		    "(<<<<<<<, =======, >>>>>>> or |||||||)";
		return -1;
	}
	switch (c->type) {
	case COL_TEXT:
	case COL_KEY:
		return 0;
	case COL_ID:
		return 0;	/* checked with the table's prefix by the reader */
	case COL_DATE:
		if (date_parse(val, &d, &w) == 0)
			return 0;
		break;
	case COL_MONEY:
		if (money_parse(val, digits, &m, &w) == -1)
			break;
		if (c->nonneg && m < 0) {
			w = "must not be negative";
			break;
		}
		return 0;
	case COL_HOURS:
		if (hours_parse(val, &m, &w) == -1)
			break;
		if (m >= c->min && m <= c->max)
			return 0;
		snprintf(msg, sizeof(msg), "expected %s to %s hours",
		    hours_fmt(c->min, tmp), hours_fmt(c->max, tmp + 32));
		w = msg;
		break;
	case COL_INT:
		if (int_parse(val, c->min, c->max, &n, NULL) == 0)
			return 0;
		snprintf(msg, sizeof(msg), "expected an integer %ld-%ld",
		    c->min, c->max);
		w = msg;
		break;
	case COL_ENUM:
		for (i = 0; c->enums[i] != NULL; i++)
			if (strcmp(val, c->enums[i]) == 0)
				return 0;
		msg[0] = '\0';
		strcat(msg, "expected one of:");
		for (i = 0; c->enums[i] != NULL; i++) {
			strcat(msg, " ");
			strcat(msg, c->enums[i]);
		}
		w = msg;
		break;
	case COL_REF:
		if (c->ref_text || c->ref_any) {
			char pfx[16];

			/* Something shaped like an id must be a valid one. */
			if (id_prefix(val, pfx) == -1 ||
			    id_parse(val, c->ref_any ? NULL : c->ref, &n, &w) == 0)
				return 0;
			break;
		}
		if (id_parse(val, c->ref, &n, &w) == 0)
			return 0;
		break;
	case COL_REFLIST: {
		const char *p = val, *q;
		char one[32];

		for (;;) {
			q = strchr(p, ' ');
			n = q != NULL ? q - p : (long)strlen(p);
			if (n == 0 || n >= (long)sizeof(one)) {
				w = "expected ids separated by single spaces";
				break;
			}
			memcpy(one, p, (size_t)n);
			one[n] = '\0';
			if (id_parse(one, c->ref, &n, &w) == -1)
				break;
			if (q == NULL)
				return 0;
			p = q + 1;
		}
		break;
	}
	}
	*why = w != NULL ? w : "invalid value";
	return -1;
}

/* Columns a header may have: kam's widest table has 20; a spreadsheet
 * export may add some, but not thousands (issue 11 #6). */
#define MAX_COLS	1024

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
header_done(struct reader *rd)
{
	struct table *t = rd->t;
	const struct schema *s = t->s;
	size_t i, j;
	int ret = 0;

	if (rd->nfields > MAX_COLS) {
		rd_error(rd, rd->rec_line, "%zu columns; kam reads at most %d",
		    rd->nfields, MAX_COLS);
		return -1;
	}
	t->ncols = rd->nfields;
	t->header = xcalloc(t->ncols, sizeof(char *));
	for (i = 0; i < t->ncols; i++) {
		t->header[i] = arena_strndup(&t->arena, rd->fields[i],
		    strlen(rd->fields[i]));
		if (*t->header[i] == '\0') {
			rd_error(rd, rd->rec_line, "column %zu has an empty name",
			    i + 1);
			ret = -1;
		}
	}
	/* Duplicates: sort the names, compare neighbours (n log n). */
	if (t->ncols > 1) {
		char **v = xmalloc(t->ncols * sizeof(*v));

		memcpy(v, t->header, t->ncols * sizeof(*v));
		qsort(v, t->ncols, sizeof(*v), cmp_name);
		for (i = 1; i < t->ncols; i++)
			if (*v[i] != '\0' && strcmp(v[i], v[i - 1]) == 0 &&
			    (i < 2 || strcmp(v[i], v[i - 2]) != 0)) {
				rd_error(rd, rd->rec_line,
				    "duplicate column '%s'", v[i]);
				ret = -1;
			}
		free(v);
	}
	t->colmap = xcalloc(s->ncols, sizeof(int));
	for (j = 0; j < s->ncols; j++) {
		t->colmap[j] = -1;
		for (i = 0; i < t->ncols; i++)
			if (strcmp(s->cols[j].name, t->header[i]) == 0)
				t->colmap[j] = (int)i;
		if (t->colmap[j] == -1 && (s->cols[j].required || j == 0)) {
			rd_error(rd, rd->rec_line, "missing column '%s'",
			    s->cols[j].name);
			ret = -1;
		}
	}
	rd->have_header = 1;
	return ret;
}

/*
 * Fast acceptance of the canonical forms kam itself writes, tried before
 * the full parsers of value.c (which also say what is wrong).  Each
 * accepts only values the full parser accepts and that are already
 * canonical; anything else takes the full path, so the grammar stays
 * value.c's.  On a 1,000,000-line expense ledger this is about a fifth of
 * the read time.
 */

/* "PREFIX-N", N in 1..999999999 without leading zeros: N, else 0. */
static long
fast_id(const char *v, const char *prefix)
{
	long n;
	int k;

	while (*prefix != '\0')
		if (*v++ != *prefix++)
			return 0;
	if (*v++ != '-' || *v < '1' || *v > '9')
		return 0;
	for (n = 0, k = 0; *v >= '0' && *v <= '9' && k < 9; v++, k++)
		n = n * 10 + (*v - '0');
	return *v == '\0' ? n : 0;
}

/* YYYY-MM-DD in 1900..2999 with a day up to 28 (later days: full parser). */
static int
fast_date(const char *v)
{
	int i, m, d;

	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? v[i] != '-' : v[i] < '0' || v[i] > '9')
			return 0;
	if (v[10] != '\0' || (v[0] != '1' && v[0] != '2') ||
	    (v[0] == '1' && v[1] != '9'))
		return 0;
	m = (v[5] - '0') * 10 + (v[6] - '0');
	d = (v[8] - '0') * 10 + (v[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 28;
}

/* Canonical money: -?(0|[1-9][0-9]*) then exactly `digits` decimals, not
 * a negative zero, at most 18 digits in all (so within int64). */
static int
fast_money(const char *v, int digits)
{
	int neg = 0, ni = 0, nf = 0, nonzero = 0;

	if (*v == '-') {
		neg = 1;
		v++;
	}
	if (*v == '0' && v[1] >= '0' && v[1] <= '9')
		return 0;
	for (; *v >= '0' && *v <= '9'; v++, ni++)
		nonzero |= *v != '0';
	if (digits > 0) {
		if (*v++ != '.')
			return 0;
		for (; *v >= '0' && *v <= '9'; v++, nf++)
			nonzero |= *v != '0';
	}
	return *v == '\0' && ni > 0 && nf == digits && ni + digits <= 18 &&
	    (!neg || nonzero);
}

/* 0-9999 without leading zeros, within [min, max]. */
static int
fast_int(const char *v, long min, long max)
{
	long n = 0;
	int k;

	if (v[0] == '0')
		return v[1] == '\0' && min <= 0 && max >= 0;
	for (k = 0; k < 4 && v[k] >= '0' && v[k] <= '9'; k++)
		n = n * 10 + (v[k] - '0');
	return k > 0 && v[k] == '\0' && n >= min && n <= max;
}

static int
fast_value(const struct column *c, int digits, const char *v)
{
	switch (c->type) {
	case COL_TEXT:
	case COL_KEY:
		return 1;
	case COL_INT:
		return fast_int(v, c->min, c->max);
	case COL_DATE:
		return fast_date(v);
	case COL_MONEY:
		return fast_money(v, digits) && !(c->nonneg && *v == '-');
	case COL_REF:
		return c->ref != NULL && !c->ref_text && !c->ref_any &&
		    fast_id(v, c->ref) > 0;
	default:
		return 0;
	}
}

static void
check_row(struct reader *rd, struct row *r)
{
	struct table *t = rd->t;
	const struct schema *s = t->s;
	const char *why, *v;
	char buf[32];
	int64_t m;
	size_t j;
	long n;

	r->num = 0;
	for (j = 0; j < s->ncols; j++) {
		if (t->colmap[j] == -1)
			continue;
		v = r->cell[t->colmap[j]];
		if (s->cols[j].type == COL_ID) {
			if ((n = fast_id(v, s->prefix)) > 0) {
				r->num = n;
				if (n > t->max_num)
					t->max_num = n;
				continue;
			}
			if (id_parse(v, s->prefix, &n, &why) == -1) {
				rd_error(rd, r->line, "id: invalid id '%s' "
				    "(expected e.g. %s-12): %s", v, s->prefix,
				    why);
				continue;
			}
			r->num = n;
			if (n > t->max_num)
				t->max_num = n;
			continue;
		}
		if (*v != '\0' && fast_value(&s->cols[j], t->digits, v))
			continue;
		if (table_check_value(&s->cols[j], t->digits, v, &why) == -1) {
			rd_error(rd, r->line, "%s: invalid value '%s': %s",
			    s->cols[j].name, v, why);
			continue;
		}
		/* Money is kept in its one canonical form ("12.3" and "-0"
		 * become "12.30" and "0.00"), as on the command line. */
		if (s->cols[j].type == COL_MONEY && *v != '\0' &&
		    money_parse(v, t->digits, &m, NULL) == 0 &&
		    strcmp(money_fmt(m, t->digits, buf), v) != 0)
			r->cell[t->colmap[j]] = arena_strndup(rd->cb == NULL ?
			    &t->arena : &rd->scratch, buf, strlen(buf));
	}
}

/* The end of a record of n fields; ready: rd->fields already point at
 * them (a plain line, split_plain), else a streaming row's fields are at
 * rd->off in the row buffer. */
static void
end_record(struct reader *rd, size_t n, int ready)
{
	struct table *t = rd->t;
	struct row *r, tmp;
	size_t i;

	rd->nfields = 0;
	rd->rowlen = 0;		/* the bytes stay until the next field */
	if (rd->stop)
		return;
	if (rd->toobig) {
		rd_error(rd, rd->rec_line, "field exceeds %d bytes", MAX_FIELD);
		rd->toobig = 0;
		return;
	}
	if (!rd->have_header) {
		rd->nfields = n;
		if (header_done(rd) == -1)
			rd->stop = 1;
		rd->nfields = 0;
		return;
	}
	if (n != t->ncols) {
		rd_error(rd, rd->rec_line, "expected %zu fields, found %zu",
		    t->ncols, n);
		return;
	}
	if (rd->cb != NULL) {
		for (i = 0; !ready && rd->wbuf == NULL && i < n; i++)
			rd->fields[i] = rd->off[i] == -1 ? empty :
			    rd->rowbuf + rd->off[i];
		tmp.cell = rd->fields;
		tmp.line = rd->rec_line;
		check_row(rd, &tmp);
		if (t->nerrors == 0 && rd->cb(rd->arg, t, &tmp) == -1)
			rd->stop = 1;
		arena_trim(&rd->scratch);
		return;
	}
	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->rows = xrealloc(t->rows, t->alloc * sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	r->cell = arena_alloc(&t->arena, n * sizeof(char *));
	memcpy(r->cell, rd->fields, n * sizeof(char *));
	r->line = rd->rec_line;
	check_row(rd, r);
	if (t->nrows > 1 && t->s->prefix != NULL &&
	    r->num <= t->rows[t->nrows - 2].num)
		t->unsorted = 1;
}

static void
on_record(int term, void *arg)
{
	struct reader *rd = arg;

	(void)term;
	end_record(rd, rd->nfields, 0);
}

/* Physical line of byte off: lines end at LF, CRLF or a bare CR (libcsv
 * ends a record at each). */
static unsigned long
line_of(const char *buf, size_t off)
{
	unsigned long line = 1;
	const char *p, *end = buf + off;

	for (p = buf; p < end; p++)
		if (*p == '\n' || (*p == '\r' && (p + 1 >= end || p[1] != '\n')))
			line++;
	return line;
}

static int
is_marker(const char *s, size_t n)
{
	if (n > 0 && *s != '<' && *s != '=' && *s != '>' && *s != '|')
		return 0;
	if (n >= 7 && (memcmp(s, "<<<<<<<", 7) == 0 ||
	    memcmp(s, ">>>>>>>", 7) == 0 || memcmp(s, "|||||||", 7) == 0))
		return n == 7 || s[7] == ' ' || s[7] == '\n' || s[7] == '\r';
	if (n >= 7 && memcmp(s, "=======", 7) == 0)
		return n == 7 || s[7] == '\n' || s[7] == '\r';
	return 0;
}

static int
space_keep(unsigned char c)
{
	(void)c;
	return 0;
}

/*
 * A record on one physical line with no quote and no CR but a final CRLF
 * is split here, at each comma, without libcsv: no quoting rule can apply
 * to it, so libcsv (strict, spaces kept, empty unquoted field = NULL)
 * would hand over exactly these fields.  Every other line, and every line
 * that starts while libcsv is inside a record, goes through libcsv.  On a
 * large ledger most lines are plain, and this halves the read time.
 */
/*
 * The m bytes at s, which hold no quote, CR or LF, as fields, one by one
 * to on_field as libcsv would hand them over (strict, spaces kept, an
 * empty unquoted field NULL), without ending the record: all of a plain
 * line, or the fields of a line before the one its first quote is in.
 */
static void
split_fields(struct reader *rd, const char *s, size_t m)
{
	const char *e = s + m, *c;
	size_t n;

	rd->plain = rd->wbuf != NULL;
	for (;;) {
		c = memchr(s, ',', (size_t)(e - s));
		n = (size_t)((c != NULL ? c : e) - s);
		on_field(n > 0 ? (void *)s : NULL, n, rd);
		if (c == NULL)
			break;
		s = c + 1;
	}
	rd->plain = 0;
}

/* The first comma in [f, end), else end: eight bytes at a time (a word
 * has a comma where w ^ ",,,,,,,," has a zero byte; the lowest flagged
 * byte is exact), the tail byte by byte.  Fields are short, so this beats
 * a call to memchr per field. */
static char *
find_comma(char *f, const char *end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = UINT64_C(0x0101010101010101);
	uint64_t w;

	while (end - f >= 8) {
		memcpy(&w, f, 8);
		w ^= ones * ',';
		w = (w - ones) & ~w & (ones << 7);
		if (w != 0)
			return f + (__builtin_ctzll(w) >> 3);
		f += 8;
	}
#endif
	while (f < end && *f != ',')
		f++;
	return f;
}

static void
split_plain(struct reader *rd, const char *s, size_t m)
{
	char *d, *f, *end;
	size_t n;

	if (m == 0)
		return;		/* a blank line is no record, as in libcsv */
	if (!rd->have_header || m > MAX_FIELD) {
		/* The header, and a line that may hold a field too large:
		 * field by field, as libcsv hands them over. */
		split_fields(rd, s, m);
		on_record('\n', rd);
		return;
	}
	/* In place (the buffer is the table's: the line end becomes the
	 * last field's NUL), or one copy of the line into the row buffer. */
	if (rd->wbuf != NULL)
		d = (char *)s;
	else {
		if (rd->rowcap < m + 1) {
			rd->rowcap = (m + 1) * 2;
			rd->rowbuf = xrealloc(rd->rowbuf, rd->rowcap);
		}
		d = memcpy(rd->rowbuf, s, m);
	}
	d[m] = '\0';
	end = d + m;
	rd->rec_line = rd->line;
	for (n = 0, f = d;; f++) {
		if (n == rd->afields) {
			rd->afields = rd->afields ? rd->afields * 2 : 32;
			rd->fields = xrealloc(rd->fields,
			    rd->afields * sizeof(char *));
		}
		rd->fields[n++] = f;
		f = find_comma(f, end);
		if (f == rd->fields[n - 1])
			rd->fields[n - 1] = empty;
		if (f == end)
			break;
		*f = '\0';
	}
	end_record(rd, n, 1);
}

/* own: buf is t's to keep (malloc'd, len + 1 bytes), parsed in place. */
static int
read_csv(struct table *t, const struct schema *s, const char *path,
    int digits, const char *buf, size_t len, table_row_cb cb, void *arg,
    int own)
{
	struct reader rd;
	struct csv_parser p;
	const char *q, *r, *c, *end, *nl, *z, *quote, *cr;
	size_t n, m, done, off;
	int ret = -1;

	table_release(t);
	t->s = s;
	t->path = xstrdup(path);
	t->digits = digits;
	memset(&rd, 0, sizeof(rd));
	rd.t = t;
	rd.cb = cb;
	rd.arg = arg;
	if (own) {
		t->buf = (char *)buf;
		rd.wbuf = t->buf;
	}

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		t->had_bom = 1;
		buf += 3;
		len -= 3;
	}
	if (len == 0)
		return kam_err(KAM_EX_DATA, "%s: file is empty (expected a "
		    "header line)", path);
	if (len > MAX_FILE)
		return kam_err(KAM_EX_DATA, "%s: file too large (%zu bytes)",
		    path, len);
	if ((z = memchr(buf, '\0', len)) != NULL) {
		off = (size_t)(z - buf);
		q = off > 0 ? memrchr(buf, '\n', off) : NULL;
		return kam_err(KAM_EX_DATA, "%s:%lu:%zu: NUL byte (0x00)",
		    path, line_of(buf, off), q ? (size_t)(z - q) : off + 1);
	}
	if (!utf8_valid(buf, len, &off))
		return kam_err(KAM_EX_DATA, "%s:%lu: invalid UTF-8 at byte "
		    "offset %zu", path, line_of(buf, off), off);

	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_EMPTY_IS_NULL) != 0)
		return kam_err(KAM_EX_INTERNAL, "cannot set up the CSV parser");
	csv_set_space_func(&p, space_keep);
	end = buf + len;
	quote = cr = buf - 1;	/* next '"' and CR at or after q; NULL: none */
	for (q = buf; q < end && !rd.stop; q += n) {
		/* One physical line: up to LF, CRLF or a bare CR (n bytes
		 * with its end, m without). */
		nl = memchr(q, '\n', (size_t)(end - q));
		if (cr != NULL && cr < q)
			cr = memchr(q, '\r', (size_t)(end - q));
		if (cr != NULL && (nl == NULL || cr + 1 < nl)) {
			n = (size_t)(cr - q) + 1;	/* bare CR */
			m = n - 1;
			t->had_crlf = 1;
		} else if (nl != NULL) {
			n = (size_t)(nl - q) + 1;
			m = n - 1;
			if (cr != NULL && cr + 1 == nl) {
				m--;
				t->had_crlf = 1;
			}
		} else
			n = m = (size_t)(end - q);
		rd.line++;
		if ((*q == '<' || *q == '=' || *q == '>' || *q == '|') &&
		    is_marker(q, n)) {
			rd_error(&rd, rd.line, "unresolved merge conflict "
			    "marker '%.7s'", q);
			rd.stop = 1;
			break;
		}
		if (quote != NULL && quote < q)
			quote = memchr(q, '"', (size_t)(end - q));
		if (p.pstate == 0 && (quote == NULL || quote >= q + n)) {
			/* pstate 0: libcsv is between records; the line
			 * holds no CR but its end. */
			split_plain(&rd, q, m);
			continue;
		}
		r = q;
		if (p.pstate == 0) {
			/* A record begins here: the fields before the one the
			 * first quote is in hold no quote, CR or LF, so they
			 * are split here, and libcsv starts after their last
			 * comma (its first byte is not CR or LF, so libcsv's
			 * state there, between records, reads it as within
			 * one would).  Its fields are written from there on,
			 * where every earlier field ends before. */
			if ((c = memrchr(q, ',', (size_t)(quote - q))) != NULL) {
				split_fields(&rd, q, (size_t)(c - q));
				r = c + 1;
			}
			rd.wpos = (char *)r;
		}
		if ((done = csv_parse(&p, r, n - (size_t)(r - q), on_field,
		    on_record, &rd)) != n - (size_t)(r - q)) {
			done += (size_t)(r - q);
			if (csv_error(&p) == CSV_ETOOBIG ||
			    csv_error(&p) == CSV_ENOMEM)
				rd_error(&rd, rd.line, "field too large");
			else if (q[done] == '"')
				rd_error(&rd, rd.line, "column %zu: quote inside "
				    "an unquoted field", done + 1);
			else
				rd_error(&rd, rd.line, "column %zu: text after "
				    "a closing quote", done + 1);
			rd.stop = 1;
			break;
		}
	}
	if (!rd.stop && csv_fini(&p, on_field, on_record, &rd) != 0)
		rd_error(&rd, rd.rec_line ? rd.rec_line : rd.line,
		    "unterminated quoted field (the quote opened on this line)");
	csv_free(&p);
	if (!rd.have_header && t->nerrors == 0)
		rd_error(&rd, 1, "no header line");
	if (t->nerrors == 0 && !rd.stop)
		ret = 0;
	else if (t->nerrors == 0)
		ret = -1;	/* the callback stopped and reported */
	free(rd.fields);
	free(rd.off);
	free(rd.rowbuf);
	arena_release(&rd.scratch);
	if (ret == 0 && cb == NULL && s->prefix == NULL && s->nkeys > 0)
		t->unsorted = 1;
	return t->nerrors > 0 ? -1 : ret;
}

static int
cmp_num(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num ? 1 :
	    (x->line < y->line ? -1 : x->line > y->line);
}

/* The positions of t's key columns in its rows, -1 for no second. */
static void
key_cols_of(const struct table *t, int key_cols[2])
{
	key_cols[0] = t->colmap[t->s->keys[0]];
	key_cols[1] = t->s->nkeys > 1 ? t->colmap[t->s->keys[1]] : -1;
}

/* Rows by their key columns' cells (arg: key_cols_of()). */
static int
cmp_key(const void *a, const void *b, void *arg)
{
	const struct row *x = a, *y = b;
	const int *key_cols = arg;
	int c = strcmp(x->cell[key_cols[0]], y->cell[key_cols[0]]);

	if (c == 0 && key_cols[1] != -1)
		c = strcmp(x->cell[key_cols[1]], y->cell[key_cols[1]]);
	return c;
}

static void
sort_rows(const struct table *t, struct row *rows, size_t n)
{
	int key_cols[2];

	if (n < 2)
		return;		/* rows may be NULL: qsort(NULL, 0) is UB */
	if (t->s->prefix != NULL) {
		qsort(rows, n, sizeof(*rows), cmp_num);
		return;
	}
	key_cols_of(t, key_cols);
	qsort_r(rows, n, sizeof(*rows), cmp_key, key_cols);
}

void
table_sort(struct table *t)
{
	if (!t->unsorted)
		return;
	sort_rows(t, t->rows, t->nrows);
	t->unsorted = 0;
}

static int
check_duplicates(struct table *t)
{
	struct row *v;
	size_t i;
	int key_cols[2], ret = 0;

	if (t->nrows < 2)
		return 0;
	if (!t->unsorted && t->s->prefix != NULL)
		return 0;	/* strictly increasing: no duplicates */
	v = xmalloc(t->nrows * sizeof(*v));
	memcpy(v, t->rows, t->nrows * sizeof(*v));
	sort_rows(t, v, t->nrows);
	if (t->s->prefix == NULL)
		key_cols_of(t, key_cols);
	for (i = 1; i < t->nrows; i++) {
		if (t->s->prefix != NULL ? v[i].num != v[i - 1].num ||
		    v[i].num == 0 : cmp_key(&v[i], &v[i - 1], key_cols) != 0)
			continue;
		t->nerrors++;
		if (t->s->prefix != NULL)
			kam_err(KAM_EX_DATA, "%s:%lu: duplicate id %s (first "
			    "defined at %s:%lu)", t->path, v[i].line,
			    v[i].cell[t->colmap[0]], t->path, v[i - 1].line);
		else
			kam_err(KAM_EX_DATA, "%s:%lu: duplicate %s '%s' (first "
			    "defined at %s:%lu)", t->path, v[i].line,
			    t->s->cols[t->s->keys[0]].name,
			    v[i].cell[t->colmap[t->s->keys[0]]], t->path,
			    v[i - 1].line);
		ret = -1;
	}
	free(v);
	return ret;
}

int
table_parse_owned(struct table *t, const struct schema *s, const char *path,
    int digits, char *buf, size_t len)
{
	int ret = read_csv(t, s, path, digits, buf, len, NULL, NULL, 1);

	if (t->header != NULL && check_duplicates(t) == -1)
		ret = -1;
	return ret;
}

int
table_parse(struct table *t, const struct schema *s, const char *path,
    int digits, const char *buf, size_t len)
{
	char *copy = xmalloc(len + 1);

	if (len > 0)
		memcpy(copy, buf, len);
	copy[len] = '\0';
	return table_parse_owned(t, s, path, digits, copy, len);
}

int
table_scan(struct table *t, const struct schema *s, const char *path,
    int digits, const char *buf, size_t len, table_row_cb cb, void *arg)
{
	return read_csv(t, s, path, digits, buf, len, cb, arg, 0);
}

void
table_init(struct table *t, const struct schema *s, const char *path,
    int digits)
{
	size_t j;

	table_release(t);
	t->s = s;
	t->path = xstrdup(path);
	t->digits = digits;
	t->ncols = s->ncols;
	t->header = xcalloc(s->ncols, sizeof(char *));
	t->colmap = xcalloc(s->ncols, sizeof(int));
	for (j = 0; j < s->ncols; j++) {
		t->header[j] = (char *)s->cols[j].name;
		t->colmap[j] = (int)j;
	}
}

/* ---- access ---- */

const char *
table_get(const struct table *t, const struct row *r, int col)
{
	int i = t->colmap[col];

	return i == -1 ? empty : r->cell[i];
}

const char *
table_get_name(const struct table *t, const struct row *r, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return r->cell[i];
	return NULL;
}

/* A kam column that the file's header lacks: append it everywhere. */
static void
add_column(struct table *t, int col)
{
	char **cells;
	size_t i, n = t->ncols;

	t->header = xrealloc(t->header, (n + 1) * sizeof(char *));
	t->header[n] = (char *)t->s->cols[col].name;
	for (i = 0; i < t->nrows; i++) {
		cells = arena_alloc(&t->arena, (n + 1) * sizeof(char *));
		memcpy(cells, t->rows[i].cell, n * sizeof(char *));
		cells[n] = empty;
		t->rows[i].cell = cells;
	}
	t->colmap[col] = (int)n;
	t->ncols = n + 1;
}

int
table_add_extra(struct table *t, const char *name)
{
	char **cells;
	size_t i, n = t->ncols;

	for (i = 0; i < n; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	t->header = xrealloc(t->header, (n + 1) * sizeof(char *));
	t->header[n] = table_strdup(t, name);
	for (i = 0; i < t->nrows; i++) {
		cells = arena_alloc(&t->arena, (n + 1) * sizeof(char *));
		memcpy(cells, t->rows[i].cell, n * sizeof(char *));
		cells[n] = empty;
		t->rows[i].cell = cells;
	}
	t->ncols = n + 1;
	t->changed = 1;
	return (int)n;
}

void
table_set(struct table *t, struct row *r, int col, const char *val)
{
	if (t->colmap[col] == -1) {
		if (val == NULL || *val == '\0')
			return;
		add_column(t, col);
	}
	if (val == NULL)
		val = "";
	if (strcmp(r->cell[t->colmap[col]], val) == 0)
		return;
	r->cell[t->colmap[col]] = table_strdup(t, val);
	t->changed = 1;
}

struct row *
table_find_arg(const struct table *t, const char *arg)
{
	char canon[32];
	long num;

	if (t->s->prefix == NULL || id_parse_arg(arg, t->s->prefix, canon, &num,
	    NULL) == -1)
		return NULL;
	return table_find(t, canon);
}

struct row *
table_find(const struct table *t, const char *id)
{
	long num;
	size_t lo = 0, hi = t->nrows, i;

	if (t->s->prefix == NULL || id_parse(id, t->s->prefix, &num, NULL) == -1)
		return NULL;
	if (t->unsorted) {
		for (i = 0; i < t->nrows; i++)
			if (t->rows[i].num == num)
				return &t->rows[i];
		return NULL;
	}
	while (lo < hi) {
		i = lo + (hi - lo) / 2;
		if (t->rows[i].num == num)
			return &t->rows[i];
		if (t->rows[i].num < num)
			lo = i + 1;
		else
			hi = i;
	}
	return NULL;
}

struct row *
table_find_key(const struct table *t, const char *key1, const char *key2)
{
	size_t i;
	int c0 = t->colmap[t->s->keys[0]];
	int c1 = t->s->nkeys > 1 ? t->colmap[t->s->keys[1]] : -1;

	for (i = 0; i < t->nrows; i++)
		if (strcmp(t->rows[i].cell[c0], key1) == 0 &&
		    (c1 == -1 || key2 == NULL ||
		    strcmp(t->rows[i].cell[c1], key2) == 0))
			return &t->rows[i];
	return NULL;
}

struct row *
table_add(struct table *t)
{
	struct row *r;
	size_t i;
	char id[32];

	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 64;
		t->rows = xrealloc(t->rows, t->alloc * sizeof(*t->rows));
	}
	r = &t->rows[t->nrows++];
	r->cell = arena_alloc(&t->arena, t->ncols * sizeof(char *));
	for (i = 0; i < t->ncols; i++)
		r->cell[i] = empty;
	r->line = 0;
	r->num = 0;
	if (t->s->prefix != NULL) {
		r->num = ++t->max_num;
		snprintf(id, sizeof(id), "%s-%ld", t->s->prefix, r->num);
		r->cell[t->colmap[0]] = table_strdup(t, id);
	} else
		t->unsorted = 1;
	t->changed = 1;
	return r;
}

void
table_remove(struct table *t, struct row *r)
{
	size_t i = (size_t)(r - t->rows);

	memmove(&t->rows[i], &t->rows[i + 1],
	    (t->nrows - i - 1) * sizeof(*t->rows));
	t->nrows--;
	t->changed = 1;
}

/* ---- writing ---- */

void
table_put_field(struct kam_buf *b, const char *s)
{
	size_t n = strlen(s);
	const char *p;

	if (n == 0)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL && s[0] != ' ' && s[0] != '\t' &&
	    s[n - 1] != ' ' && s[n - 1] != '\t' && !is_marker(s, n)) {
		kam_buf_add(b, s, n);
		return;
	}
	kam_buf_putc(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			kam_buf_putc(b, '"');
		kam_buf_putc(b, *p);
	}
	kam_buf_putc(b, '"');
}

void
table_serialize(const struct table *t, struct kam_buf *out)
{
	struct row *v = t->rows;
	size_t i, j;

	kam_buf_reset(out);
	for (j = 0; j < t->ncols; j++) {
		if (j > 0)
			kam_buf_putc(out, ',');
		table_put_field(out, t->header[j]);
	}
	kam_buf_putc(out, '\n');
	if (t->unsorted && t->nrows > 1) {
		v = xmalloc(t->nrows * sizeof(*v));
		memcpy(v, t->rows, t->nrows * sizeof(*v));
		sort_rows(t, v, t->nrows);
	}
	for (i = 0; i < t->nrows; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (j > 0)
				kam_buf_putc(out, ',');
			table_put_field(out, v[i].cell[j]);
		}
		kam_buf_putc(out, '\n');
	}
	if (v != t->rows)
		free(v);
}

void
table_release(struct table *t)
{
	free(t->path);
	free(t->header);
	free(t->colmap);
	free(t->rows);
	free(t->buf);
	arena_release(&t->arena);
	t->s = NULL;
	t->path = NULL;
	t->header = NULL;
	t->colmap = NULL;
	t->rows = NULL;
	t->buf = NULL;
	t->ncols = t->nrows = t->alloc = 0;
	t->max_num = 0;
	t->had_bom = t->had_crlf = t->changed = t->unsorted = 0;
	t->nerrors = 0;
}
