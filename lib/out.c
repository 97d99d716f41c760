/*
 * out.c: table, JSON, CSV and Markdown output of read commands (SPEC §3).
 *
 * JSON and CSV rows are written as they come, so a 100,000-row export
 * needs no memory beyond one row.  Table and Markdown rows are kept (already
 * escaped) until out_end(), which knows the column widths.
 *
 * Nothing here depends on the locale: display widths come from our own
 * East Asian Width table, never from wcwidth(3).
 *
 * Output goes to o->fp when the caller set it before out_begin() (tests
 * point it at open_memstream(3)), otherwise to stdout.  out_end() resets
 * the whole struct, fp included, to OUT_INIT, so it can be reused.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "out.h"
#include "value.h"

struct range {
	uint32_t	lo, hi;
};

/* Zero-width code points: combining marks, joiners, variation selectors.
 * Sorted; checked before the wide table (U+302A and U+3099 lie in both). */
static const struct range zero_width[] = {
	{ 0x0300, 0x036F }, { 0x0483, 0x0489 }, { 0x0591, 0x05BD },
	{ 0x05BF, 0x05BF }, { 0x05C1, 0x05C2 }, { 0x05C4, 0x05C5 },
	{ 0x05C7, 0x05C7 }, { 0x0610, 0x061A }, { 0x064B, 0x065F },
	{ 0x0670, 0x0670 }, { 0x06D6, 0x06DC }, { 0x06DF, 0x06E4 },
	{ 0x06E7, 0x06E8 }, { 0x06EA, 0x06ED }, { 0x0900, 0x0902 },
	{ 0x093A, 0x093A }, { 0x093C, 0x093C }, { 0x0941, 0x0948 },
	{ 0x094D, 0x094D }, { 0x0951, 0x0957 }, { 0x0962, 0x0963 },
	{ 0x0E31, 0x0E31 }, { 0x0E34, 0x0E3A }, { 0x0E47, 0x0E4E },
	{ 0x1160, 0x11FF }, { 0x1AB0, 0x1AFF }, { 0x1DC0, 0x1DFF },
	{ 0x200B, 0x200D }, { 0x2060, 0x2064 }, { 0x20D0, 0x20FF },
	{ 0x302A, 0x302D }, { 0x3099, 0x309A }, { 0xFE00, 0xFE0F },
	{ 0xFE20, 0xFE2F }, { 0xFEFF, 0xFEFF }, { 0xE0100, 0xE01EF },
};

/* East Asian Wide and Fullwidth: two terminal columns. */
static const struct range wide[] = {
	{ 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF },
	{ 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF },
	{ 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F },
	{ 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
	{ 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
};

static int
in_table(uint32_t c, const struct range *t, size_t n)
{
	size_t lo = 0, hi = n;

	if (c < t[0].lo || c > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < t[mid].lo)
			hi = mid;
		else if (c > t[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static const char hexdig[] = "0123456789abcdef";

size_t
out_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t w = 0, n;
	uint32_t c;

	if (s == NULL)
		return 0;
	while (*p != '\0') {
		n = utf8_decode(p, &c);
		if (n == 0) {
			w += 4;			/* "\xNN" */
			n = 1;
		} else if (kam_is_control(c))
			w += 4;
		else if (kam_is_bidi(c))
			w += 8;			/* "<U+202E>" */
		else if (c < 0x300)
			w += 1;
		else if (in_table(c, zero_width, ARRAY_SIZE(zero_width)))
			;
		else if (in_table(c, wide, ARRAY_SIZE(wide)))
			w += 2;
		else
			w += 1;
		p += n;
	}
	return w;
}

long
out_term_width(long want)
{
	struct winsize ws;
	const char *env = getenv("COLUMNS");
	long v;

	if (want > 0)
		return want;
	if (env != NULL && int_parse(env, 20, 10000, &v, NULL) == 0)
		return v;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

int
out_use_color(void)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (!isatty(STDOUT_FILENO))
		return 0;
	if (nc != NULL && nc[0] != '\0')	/* no-color.org */
		return 0;
	if (term == NULL || strcmp(term, "dumb") == 0)
		return 0;
	return 1;
}

int
out_for_people(enum out_fmt fmt)
{
	return fmt == FMT_TABLE || fmt == FMT_MD;
}

int
out_fmt_parse(const char *s, enum out_fmt *fmt)
{
	static const struct {
		const char	*name;
		enum out_fmt	 fmt;
	} fmts[] = {
		{ "table", FMT_TABLE }, { "json", FMT_JSON },
		{ "csv", FMT_CSV }, { "md", FMT_MD }, { "svg", FMT_SVG },
		{ "html", FMT_HTML }, { "junit", FMT_JUNIT },
		{ "github", FMT_GITHUB }, { "sarif", FMT_SARIF },
		{ "codequality", FMT_CODEQUALITY },
	};
	char *e;
	size_t i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(fmts); i++)
		if (strcmp(s, fmts[i].name) == 0) {
			*fmt = fmts[i].fmt;
			return 0;
		}
	e = kam_escape(s);
	ret = kam_err(KAM_EX_USAGE,
	    "unknown format '%s' (expected table, json, csv or md)", e);
	free(e);
	return ret;
}

/* ---- JSON ---- */

void
out_json_str(FILE *fp, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run;
	char tmp[8];
	uint32_t c;
	size_t n;

	putc_unlocked('"', fp);
	run = p;
	for (;;) {
		c = *p;
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			p++;
			continue;
		}
		if (c >= 0x80 && (n = utf8_decode(p, &c)) != 0) {
			p += n;
			continue;
		}
		if (p > run)
			fwrite(run, 1, p - run, fp);
		if (*p == '\0')
			break;
		c = *p++;
		run = p;
		switch (c) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		default:
			if (c >= 0x80) {
				fputs("\xEF\xBF\xBD", fp);	/* U+FFFD */
				break;
			}
			memcpy(tmp, "\\u00", 4);
			tmp[4] = hexdig[c >> 4];
			tmp[5] = hexdig[c & 0xF];
			fwrite(tmp, 1, 6, fp);
			break;
		}
	}
	putc_unlocked('"', fp);
}

/* Whether s is a JSON number (RFC 8259 grammar). */
static int
is_json_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (*p >= '1' && *p <= '9')
		while (*p >= '0' && *p <= '9')
			p++;
	else
		return 0;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static void
json_list(FILE *fp, const char *s)
{
	const char *p = s, *e;
	char *item;
	int first = 1;

	putc_unlocked('[', fp);
	while (p != NULL && *p != '\0') {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		e = strchr(p, ' ');
		if (e == NULL)
			e = p + strlen(p);
		if (!first)
			putc_unlocked(',', fp);
		first = 0;
		item = xstrndup(p, e - p);
		out_json_str(fp, item);
		free(item);
		p = e;
	}
	putc_unlocked(']', fp);
}

/*
 * One value typed by its column.  A number or boolean the caller got wrong
 * is printed as a string rather than breaking the document.
 */
static void
json_value(FILE *fp, enum out_type type, const char *v)
{
	if (type == OT_LIST) {
		json_list(fp, v);
		return;
	}
	if (v == NULL || v[0] == '\0') {
		fputs("null", fp);
		return;
	}
	switch (type) {
	case OT_NUM:
	case OT_MONEY:
		if (is_json_number(v)) {
			fputs(v, fp);
			return;
		}
		break;
	case OT_BOOL:
		if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
			fputs("true", fp);
			return;
		}
		if (strcmp(v, "0") == 0 || strcmp(v, "false") == 0) {
			fputs("false", fp);
			return;
		}
		break;
	default:
		break;
	}
	out_json_str(fp, v);
}

static void
json_object(FILE *fp, const struct out_col *cols, size_t ncols,
    const char *const *cells)
{
	size_t i;

	putc_unlocked('{', fp);
	for (i = 0; i < ncols; i++) {
		if (i > 0)
			putc_unlocked(',', fp);
		out_json_str(fp, cols[i].name);
		putc_unlocked(':', fp);
		json_value(fp, cols[i].type, cells[i]);
	}
	putc_unlocked('}', fp);
}

/* ---- CSV ---- */

/* ^-?[0-9]+(\.[0-9]+)?$: a number a spreadsheet may read as a number. */
static int
is_plain_number(const char *s)
{
	const char *p = s;

	if (*p == '-')
		p++;
	if (!(*p >= '0' && *p <= '9'))
		return 0;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (!(*p >= '0' && *p <= '9'))
			return 0;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

static void
csv_cell(FILE *fp, const char *s)
{
	const char *p, *q;

	putc_unlocked('"', fp);
	if (s == NULL || s[0] == '\0') {
		putc_unlocked('"', fp);
		return;
	}
	/* OWASP CSV injection: a leading ' makes the cell text. */
	if (strchr("=+-@\t\r\n", s[0]) != NULL && !is_plain_number(s))
		putc_unlocked('\'', fp);
	for (p = s; (q = strchr(p, '"')) != NULL; p = q + 1) {
		fwrite(p, 1, q - p + 1, fp);
		putc_unlocked('"', fp);
	}
	fputs(p, fp);
	putc_unlocked('"', fp);
}

static void
csv_row(FILE *fp, size_t ncols, const char *const *cells)
{
	size_t i;

	for (i = 0; i < ncols; i++) {
		if (i > 0)
			putc_unlocked(',', fp);
		csv_cell(fp, cells[i]);
	}
	putc_unlocked('\n', fp);
}

/* ---- table and Markdown (buffered) ---- */

static char *
md_cell(const char *s)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *flat, *esc, *p;

	if (s == NULL)
		s = "";
	/* Line breaks would end the table row: make them spaces. */
	flat = xstrdup(s);
	for (p = flat; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	esc = kam_escape(flat);
	kam_buf_grow(&b, strlen(esc));
	for (p = esc; *p != '\0'; p++) {
		if (*p == '|')
			kam_buf_putc(&b, '\\');
		kam_buf_putc(&b, *p);
	}
	free(esc);
	free(flat);
	return kam_buf_detach(&b);
}

static char *
table_cell(const char *s)
{
	if (s == NULL || s[0] == '\0')
		return xstrdup("-");
	return kam_escape(s);
}

/*
 * Buffer one cell of a table or Markdown row: escaped once into o->text,
 * its display width measured on the way.  Printable ASCII, most cells,
 * is its own escape and one column a byte.
 */
static void
buffer_cell(struct out *o, size_t k, const char *s)
{
	const unsigned char *p;
	char *esc;

	o->off[k] = o->text.len;
	if (o->fmt != FMT_MD && (s == NULL || s[0] == '\0')) {
		kam_buf_add(&o->text, "-", 2);
		o->cw[k] = 1;
		return;
	}
	if (o->fmt != FMT_MD) {
		for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7F; p++)
			;
		if (*p == '\0') {
			kam_buf_add(&o->text, s, (size_t)(p -
			    (const unsigned char *)s) + 1);
			o->cw[k] = (size_t)(p - (const unsigned char *)s);
			return;
		}
	}
	esc = o->fmt == FMT_MD ? md_cell(s) : table_cell(s);
	o->cw[k] = out_width(esc);
	kam_buf_add(&o->text, esc, strlen(esc) + 1);
	free(esc);
}

static void
pad(FILE *fp, size_t n)
{
	static const char spaces[] = "                                ";

	while (n >= sizeof(spaces) - 1) {
		fwrite(spaces, 1, sizeof(spaces) - 1, fp);
		n -= sizeof(spaces) - 1;
	}
	fwrite(spaces, 1, n, fp);
}

/*
 * One aligned line.  Table: two spaces between columns, numbers right
 * aligned, no trailing spaces.  Markdown: "| a | b |", padded alike.
 */
static void
print_line(const struct out *o, const size_t *width, char *const *cells,
    const size_t *cw, int bold)
{
	FILE *fp = o->fp;
	size_t i, fill;
	int md = o->fmt == FMT_MD, last, right;

	if (bold)
		fputs("\033[1m", fp);
	if (md)
		fputs("| ", fp);
	for (i = 0; i < o->ncols; i++) {
		last = i + 1 == o->ncols;
		right = o->cols[i].type == OT_NUM ||
		    o->cols[i].type == OT_MONEY;
		fill = width[i] - cw[i];
		if (right)
			pad(fp, fill);
		fputs(cells[i], fp);
		if (!right && (md || !last))
			pad(fp, fill);
		if (md)
			fputs(last ? " |" : " | ", fp);
		else if (!last)
			fputs("  ", fp);
	}
	if (bold)
		fputs("\033[0m", fp);
	putc_unlocked('\n', fp);
}

static void
print_buffered(struct out *o)
{
	FILE *fp = o->fp;
	size_t *width, *cw, i, r;
	char **hdr, **row;

	width = xcalloc(o->ncols ? o->ncols : 1, sizeof(*width));
	cw = xcalloc(o->ncols ? o->ncols : 1, sizeof(*cw));
	hdr = xcalloc(o->ncols ? o->ncols : 1, sizeof(*hdr));
	row = xcalloc(o->ncols ? o->ncols : 1, sizeof(*row));
	for (i = 0; i < o->ncols; i++) {
		hdr[i] = o->fmt == FMT_MD ? md_cell(o->cols[i].name) :
		    kam_escape(o->cols[i].name);
		width[i] = out_width(hdr[i]);
		if (o->fmt == FMT_MD && width[i] < 3)
			width[i] = 3;		/* room for "---" */
	}
	for (r = 0; r < o->nrows; r++)
		for (i = 0; i < o->ncols; i++)
			if (o->cw[r * o->ncols + i] > width[i])
				width[i] = o->cw[r * o->ncols + i];

	for (i = 0; i < o->ncols; i++)
		cw[i] = out_width(hdr[i]);
	print_line(o, width, hdr, cw, o->color);
	if (o->fmt == FMT_MD) {
		fputs("|", fp);
		for (i = 0; i < o->ncols; i++) {
			putc_unlocked(' ', fp);
			if (o->cols[i].type == OT_NUM ||
			    o->cols[i].type == OT_MONEY) {
				for (r = 1; r < width[i]; r++)
					putc_unlocked('-', fp);
				putc_unlocked(':', fp);
			} else
				for (r = 0; r < width[i]; r++)
					putc_unlocked('-', fp);
			fputs(" |", fp);
		}
		putc_unlocked('\n', fp);
	}
	for (r = 0; r < o->nrows; r++) {
		for (i = 0; i < o->ncols; i++)
			row[i] = o->text.ptr + o->off[r * o->ncols + i];
		print_line(o, width, row, o->cw + r * o->ncols, 0);
	}
	for (i = 0; i < o->ncols; i++)
		free(hdr[i]);
	free(hdr);
	free(row);
	free(cw);
	free(width);
}

/* ---- the public stream ---- */

void
out_begin(struct out *o, enum out_fmt fmt, const struct out_col *cols,
    size_t ncols)
{
	size_t i;
	const char **names;

	if (fmt >= FMT_SVG)
		fmt = FMT_TABLE;	/* a command without its own document */
	o->fmt = fmt;
	if (o->fp == NULL)
		o->fp = stdout;
	o->cols = cols;
	o->ncols = ncols;
	o->off = o->cw = NULL;
	o->text = (struct kam_buf)KAM_BUF_INIT;
	o->nrows = o->alloc = o->nout = 0;
	o->totals = o->closed = 0;
	o->color = o->fp == stdout && fmt == FMT_TABLE && out_use_color();
	if (fmt == FMT_CSV) {
		names = xcalloc(ncols ? ncols : 1, sizeof(*names));
		for (i = 0; i < ncols; i++)
			names[i] = cols[i].name;
		csv_row(o->fp, ncols, names);
		free(names);
	}
}

static struct {
	int		 on, digits, numfmt;
	char		 currency[8];
} money_style;

void
out_money_style(int digits, int numfmt, const char *currency)
{
	money_style.on = 1;
	money_style.digits = digits;
	money_style.numfmt = numfmt;
	snprintf(money_style.currency, sizeof(money_style.currency), "%s",
	    currency != NULL ? currency : "");
}

/* A money cell as people read it; any other cell as it is. */
static const char *
human(const struct out_col *c, const char *v, char *buf)
{
	int64_t x;

	if (c->type != OT_MONEY || !money_style.on || v == NULL ||
	    money_parse(v, money_style.digits, &x, NULL) == -1)
		return v;
	return money_human(x, money_style.digits,
	    (enum numfmt)money_style.numfmt, money_style.currency, buf);
}

void
out_row(struct out *o, const char *const *cells)
{
	char hbuf[MONEY_HUMAN_MAX];
	size_t i;

	switch (o->fmt) {
	case FMT_JSON:
		if (o->nout == 0 && o->totals)
			fputs("{\"records\":", o->fp);
		fputs(o->nout == 0 ? "[\n" : ",\n", o->fp);
		json_object(o->fp, o->cols, o->ncols, cells);
		o->nout++;
		break;
	case FMT_CSV:
		csv_row(o->fp, o->ncols, cells);
		o->nout++;
		break;
	case FMT_TABLE:
	case FMT_MD:
	case FMT_SVG:
	case FMT_HTML:
	case FMT_JUNIT:
	case FMT_GITHUB:
	case FMT_SARIF:
	case FMT_CODEQUALITY:
		if (o->nrows == o->alloc) {
			o->alloc = o->alloc ? o->alloc * 2 : 64;
			o->off = xrealloc(o->off, o->alloc *
			    (o->ncols ? o->ncols : 1) * sizeof(*o->off));
			o->cw = xrealloc(o->cw, o->alloc *
			    (o->ncols ? o->ncols : 1) * sizeof(*o->cw));
		}
		for (i = 0; i < o->ncols; i++)
			buffer_cell(o, o->nrows * o->ncols + i,
			    human(&o->cols[i], cells[i], hbuf));
		o->nrows++;
		break;
	}
}

void
out_row_counts(struct out *o, const char *name, const long *n, size_t k)
{
	const char *cells[OUT_MAX_COUNTS + 1];
	char buf[OUT_MAX_COUNTS][24];
	size_t i;

	cells[0] = name;
	for (i = 0; i < k && i < OUT_MAX_COUNTS; i++) {
		snprintf(buf[i], sizeof(buf[i]), "%ld", n[i]);
		cells[i + 1] = buf[i];
	}
	out_row(o, cells);
}

void
out_begin_total(struct out *o, enum out_fmt fmt, const struct out_col *cols,
    size_t ncols)
{
	out_begin(o, fmt, cols, ncols);
	o->totals = 1;
	o->closed = 0;
}

/* JSON of a list with totals: end the records array once.  o->closed is
 * 1 once ended, 2 while a group of out_summary_in() is open. */
static void
close_records(struct out *o)
{
	if (o->closed)
		return;
	fputs(o->nout == 0 ? "{\"records\":[]" : "\n]", o->fp);
	o->closed = 1;
}

void
out_summary(struct out *o, const char *key, const char *const *row,
    const struct out_col *tcols, size_t ntcols, const char *const *tcells)
{
	out_summary_in(o, key, NULL, row, tcols, ntcols, tcells);
}

void
out_summary_in(struct out *o, const char *key, const char *sub,
    const char *const *row, const struct out_col *tcols, size_t ntcols,
    const char *const *tcells)
{
	if (o->fmt != FMT_JSON) {
		/* CSV is records only, as JSON's array (issue 18): a total
		 * is in JSON's object, the table and Markdown. */
		if (row != NULL && o->fmt != FMT_CSV)
			out_row(o, row);
		return;
	}
	close_records(o);
	if (o->closed == 2 && sub != NULL) {
		putc_unlocked(',', o->fp);		/* the same group */
	} else {
		if (o->closed == 2)
			putc_unlocked('}', o->fp);
		fputs(",\n", o->fp);
		out_json_str(o->fp, key);
		putc_unlocked(':', o->fp);
		o->closed = 1;
		if (sub != NULL) {
			putc_unlocked('{', o->fp);
			o->closed = 2;
		}
	}
	if (sub != NULL) {
		out_json_str(o->fp, sub);
		putc_unlocked(':', o->fp);
	}
	if (tcells == NULL)
		fputs("null", o->fp);
	else
		json_object(o->fp, tcols, ntcols, tcells);
}

void
out_end(struct out *o)
{
	struct out init = OUT_INIT;

	switch (o->fmt) {
	case FMT_JSON:
		if (o->totals) {
			close_records(o);
			fputs(o->closed == 2 ? "}}\n" : "}\n", o->fp);
			break;
		}
		fputs(o->nout == 0 ? "[]\n" : "\n]\n", o->fp);
		break;
	case FMT_CSV:
		break;
	case FMT_TABLE:
	case FMT_MD:
	case FMT_SVG:
	case FMT_HTML:
	case FMT_JUNIT:
	case FMT_GITHUB:
	case FMT_SARIF:
	case FMT_CODEQUALITY:
		print_buffered(o);
		break;
	}
	kam_buf_release(&o->text);
	free(o->off);
	free(o->cw);
	*o = init;
}

void
out_record(enum out_fmt fmt, const struct out_col *cols, size_t ncols,
    const char *const *cells)
{
	struct out o = OUT_INIT;
	size_t i, w, namew = 0;
	char *v, hbuf[MONEY_HUMAN_MAX];

	switch (fmt) {
	case FMT_JSON:
		json_object(stdout, cols, ncols, cells);
		putc_unlocked('\n', stdout);
		break;
	case FMT_CSV:
	case FMT_MD:
		out_begin(&o, fmt, cols, ncols);
		out_row(&o, cells);
		out_end(&o);
		break;
	case FMT_TABLE:
	case FMT_SVG:
	case FMT_HTML:
	case FMT_JUNIT:
	case FMT_GITHUB:
	case FMT_SARIF:
	case FMT_CODEQUALITY:
		for (i = 0; i < ncols; i++)
			if ((w = out_width(cols[i].name)) > namew)
				namew = w;
		for (i = 0; i < ncols; i++) {
			v = table_cell(human(&cols[i], cells[i], hbuf));
			w = out_width(cols[i].name);
			fputs(cols[i].name, stdout);
			putc_unlocked(':', stdout);
			pad(stdout, namew - w + 1);
			fputs(v, stdout);
			putc_unlocked('\n', stdout);
			free(v);
		}
		break;
	}
}

int
kam_flush_stdout(int committed)
{
	int err = 0;

	if (fflush(stdout) != 0)
		err = errno != 0 ? errno : EIO;
	else if (ferror(stdout))
		err = EIO;
	if (err != 0 && committed) {
		/* exit 0 <=> the commit exists; re-running would add twice */
		kam_warn("committed, but cannot write to standard output: %s",
		    strerror(err));
		return 0;
	}
	if (err != 0)
		return kam_errno(err, "cannot write to standard output");
	return 0;
}
