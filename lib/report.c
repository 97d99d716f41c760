/*
 * report.c: report documents as Markdown or one self-contained HTML page,
 * and the charts kam draws into them (report.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "bill.h"
#include "budget.h"
#include "derive.h"
#include "gantt.h"
#include "health.h"
#include "issue.h"
#include "minutes.h"
#include "out.h"
#include "plan.h"
#include "lang.h"
#include "report.h"
#include "reqflow.h"
#include "store.h"
#include "timesheet.h"
#include "value.h"

enum part_kind { PART_MD, PART_TABLE, PART_SVG };

struct rpart {
	enum part_kind		 kind;
	struct kam_buf		 md;		/* PART_MD; PART_SVG: the svg */
	char			*caption;	/* PART_SVG */
	const struct rcol	*cols;		/* PART_TABLE */
	size_t			 ncols;
	char			*empty;
	int			 lang;		/* the document's (lang.h) */
	char			**cells;	/* nrows x ncols, owned */
	size_t			 nrows, arows;
};

void
rdoc_init(struct rdoc *d, const char *title)
{
	free(d->title);
	d->title = xstrdup(title);
}

static struct rpart *
new_part(struct rdoc *d, enum part_kind kind)
{
	struct rpart *p;

	if (d->n == d->alloc) {
		d->alloc = d->alloc == 0 ? 16 : d->alloc * 2;
		d->v = xrealloc(d->v, d->alloc * sizeof(*d->v));
	}
	p = &d->v[d->n++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	p->lang = d->lang;
	return p;
}

/* The Markdown part being written, started when needed. */
static struct kam_buf *
md_part(struct rdoc *d)
{
	if (d->n == 0 || d->v[d->n - 1].kind != PART_MD)
		new_part(d, PART_MD);
	return &d->v[d->n - 1].md;
}

void
rdoc_md(struct rdoc *d, const char *md)
{
	kam_buf_puts(md_part(d), md);
}

void
rdoc_mdf(struct rdoc *d, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kam_buf_vprintf(md_part(d), fmt, ap);
	va_end(ap);
}

/* Text with white space runs as one space, trimmed, controls and bidi
 * overrides made visible. */
char *
report_plain(const char *s)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *esc;
	int space = 0;

	kam_buf_grow(&b, s == NULL ? 0 : strlen(s));
	for (; s != NULL && *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r' ||
		    *s == '\v' || *s == '\f') {
			space = b.len > 0;
			continue;
		}
		if (space)
			kam_buf_putc(&b, ' ');
		space = 0;
		kam_buf_putc(&b, *s);
	}
	esc = kam_escape(b.ptr);
	kam_buf_release(&b);
	return esc;
}

void
md_escape(struct kam_buf *out, const char *s)
{
	char *p, *plain = report_plain(s);

	for (p = plain; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>&|~", *p) != NULL)
			kam_buf_putc(out, '\\');
		kam_buf_putc(out, *p);
	}
	free(plain);
}

void
rdoc_text(struct rdoc *d, const char *s)
{
	struct kam_buf *b = md_part(d);
	size_t at = b->len, i;
	int line_start = at == 0 || b->ptr[at - 1] == '\n';

	md_escape(b, s);
	if (!line_start || b->len == at)
		return;
	/* At the start of a line the text must not open a block: a
	 * heading, quote, list item, thematic break or setext line. */
	i = at;
	while (i < b->len && b->ptr[i] >= '0' && b->ptr[i] <= '9')
		i++;
	if (i > at && i < b->len && (b->ptr[i] == '.' || b->ptr[i] == ')'))
		;
	else if (strchr("#+-=>", b->ptr[at]) != NULL)
		i = at;
	else
		return;
	kam_buf_grow(b, 1);
	memmove(b->ptr + i + 1, b->ptr + i, b->len - i + 1);
	b->ptr[i] = '\\';
	b->len++;
}

void
rdoc_table(struct rdoc *d, const struct rcol *cols, size_t ncols,
    const char *empty)
{
	struct rpart *p = new_part(d, PART_TABLE);

	p->cols = cols;
	p->ncols = ncols;
	p->empty = xstrdup(empty);
}

void
rdoc_row(struct rdoc *d, const char *const *cells)
{
	struct rpart *p;
	size_t i;

	if (d->n == 0 || d->v[d->n - 1].kind != PART_TABLE)
		return;
	p = &d->v[d->n - 1];
	if (p->nrows == p->arows) {
		p->arows = p->arows == 0 ? 8 : p->arows * 2;
		p->cells = xrealloc(p->cells, p->arows * p->ncols *
		    sizeof(char *));
	}
	for (i = 0; i < p->ncols; i++)
		p->cells[p->nrows * p->ncols + i] = xstrdup(cells[i] != NULL ?
		    cells[i] : "");
	p->nrows++;
}

size_t
rdoc_nrows(const struct rdoc *d)
{
	if (d->n == 0 || d->v[d->n - 1].kind != PART_TABLE)
		return 0;
	return d->v[d->n - 1].nrows;
}

void
rdoc_svg(struct rdoc *d, char *svg, const char *caption)
{
	struct rpart *p = new_part(d, PART_SVG);

	p->md.ptr = svg;
	p->md.len = strlen(svg);
	p->md.alloc = p->md.len + 1;
	p->caption = caption != NULL ? xstrdup(caption) : NULL;
}

void
rdoc_release(struct rdoc *d)
{
	size_t i, j;

	for (i = 0; i < d->n; i++) {
		struct rpart *p = &d->v[i];

		kam_buf_release(&p->md);
		free(p->caption);
		free(p->empty);
		for (j = 0; j < p->nrows * p->ncols; j++)
			free(p->cells[j]);
		free(p->cells);
	}
	free(d->v);
	free(d->title);
	d->v = NULL;
	d->n = d->alloc = 0;
	d->title = NULL;
}

/* ---- Markdown ---- */

static void
md_table(const struct rpart *p, struct kam_buf *b)
{
	size_t r, c;

	if (p->nrows == 0) {
		kam_buf_printf(b, "%s\n\n", lang_tr(p->lang, p->empty));
		return;
	}
	for (c = 0; c < p->ncols; c++) {
		kam_buf_puts(b, c == 0 ? "| " : " | ");
		md_escape(b, lang_tr(p->lang, p->cols[c].name));
	}
	kam_buf_puts(b, " |\n");
	for (c = 0; c < p->ncols; c++)
		kam_buf_puts(b, p->cols[c].flags & RC_NUM ? "|---:" : "|---");
	kam_buf_puts(b, "|\n");
	for (r = 0; r < p->nrows; r++) {
		for (c = 0; c < p->ncols; c++) {
			kam_buf_puts(b, c == 0 ? "| " : " | ");
			md_escape(b, p->cols[c].flags & RC_STATUS ?
			    lang_tr(p->lang, p->cells[r * p->ncols + c]) :
			    p->cells[r * p->ncols + c]);
		}
		kam_buf_puts(b, " |\n");
	}
	kam_buf_putc(b, '\n');
}

/* ---- HTML ---- */

static const char html_css[] =
    "body{margin:0;background:#eef0f3;color:#1d2330;font:15px/1.5 "
    "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
    "\"Noto Sans CJK SC\",sans-serif}\n"
    "main{max-width:1180px;margin:24px auto;padding:28px 40px 36px;"
    "background:#fff;box-shadow:0 1px 4px rgba(0,0,0,.12)}\n"
    "h1{font-size:26px;margin:0 0 6px;line-height:1.25}\n"
    "h2{font-size:19px;margin:34px 0 10px;padding-bottom:4px;"
    "border-bottom:2px solid #dfe3e8}\n"
    "h3{font-size:15px;margin:20px 0 6px}\n"
    "p,ul{margin:6px 0 12px}li{margin:2px 0}\n"
    "code{font-size:13px;background:#f1f3f5;padding:0 3px;"
    "border-radius:3px}\n"
    ".tw{overflow-x:auto}\n"
    "table{border-collapse:collapse;margin:6px 0 16px;font-size:14px}\n"
    "th,td{padding:4px 10px;border-bottom:1px solid #e3e6eb;"
    "text-align:left;vertical-align:top}\n"
    "th{background:#f3f5f7;font-weight:600;white-space:nowrap}\n"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\ntd.k{white-space:nowrap}\n"
    ".st{display:inline-block;min-width:54px;padding:0 8px;"
    "border-radius:10px;font-size:12px;font-weight:600;text-align:center;"
    "color:#fff;background:#8a929c}\n"
    ".st-red{background:#c9302c}.st-amber{background:#e69512}"
    ".st-green{background:#2e9e44}.st-yellow{background:#c9b300}\n"
    "figure{margin:10px 0 22px;overflow-x:auto}"
    "figure svg{max-width:100%;height:auto}\n"
    "figcaption{font-size:13px;color:#5b6270;margin-top:2px}\n"
    "@media print{body{background:#fff}main{box-shadow:none;margin:0;"
    "max-width:none;padding:0}h2{break-after:avoid}"
    "figure,tr{break-inside:avoid}}\n";

/* The badge colour of a status word, NULL for other text. */
static const char *
badge(const char *s)
{
	static const char *const map[][2] = {
		{ "red", "red" }, { "amber", "amber" }, { "green", "green" },
		{ "none", "none" }, { "ok", "green" }, { "warn", "amber" },
		{ "over", "red" }, { "unplanned", "red" },
		{ "critical", "red" }, { "high", "amber" },
		{ "medium", "yellow" }, { "low", "green" },
		{ "met", "green" }, { "missed", "red" }, { "dropped", "none" },
		{ "open", "none" }, { "pass", "green" }, { "fail", "red" },
		{ "late", "red" }, { "done", "green" }, { "major", "amber" },
		{ "minor", "yellow" },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (strcmp(s, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

static void
html_cell(struct kam_buf *b, const char *s)
{
	char *plain = report_plain(s);

	gantt_xml_text(b, plain);
	free(plain);
}

static void
html_table(const struct rpart *p, struct kam_buf *b)
{
	size_t r, c;
	const char *cell, *col;

	if (p->nrows == 0) {
		kam_buf_puts(b, "<p>");
		gantt_xml_text(b, lang_tr(p->lang, p->empty));
		kam_buf_puts(b, "</p>\n");
		return;
	}
	kam_buf_puts(b, "<div class=\"tw\"><table>\n<thead><tr>");
	for (c = 0; c < p->ncols; c++) {
		kam_buf_puts(b, p->cols[c].flags & RC_NUM ? "<th class=\"n\">" :
		    p->cols[c].flags & RC_KEY ? "<th class=\"k\">" : "<th>");
		gantt_xml_text(b, lang_tr(p->lang, p->cols[c].name));
		kam_buf_puts(b, "</th>");
	}
	kam_buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (r = 0; r < p->nrows; r++) {
		kam_buf_puts(b, "<tr>");
		for (c = 0; c < p->ncols; c++) {
			cell = p->cells[r * p->ncols + c];
			kam_buf_puts(b, p->cols[c].flags & RC_NUM ?
			    "<td class=\"n\">" : p->cols[c].flags & RC_KEY ?
			    "<td class=\"k\">" : "<td>");
			if ((p->cols[c].flags & RC_STATUS) &&
			    (col = badge(cell)) != NULL) {
				/* col is one of badge()'s constants. */
				kam_buf_printf(b, "<span class=\"st st-%s\">",
				    col);
				html_cell(b, lang_tr(p->lang, cell));
				kam_buf_puts(b, "</span>");
			} else
				html_cell(b, p->cols[c].flags & RC_STATUS ?
				    lang_tr(p->lang, cell) : cell);
			kam_buf_puts(b, "</td>");
		}
		kam_buf_puts(b, "</tr>\n");
	}
	kam_buf_puts(b, "</tbody>\n</table></div>\n");
}

static int
html_md(const struct rpart *p, struct kam_buf *b)
{
	cmark_node *doc;
	char *html;

	doc = cmark_parse_document(p->md.ptr != NULL ? p->md.ptr : "",
	    p->md.len, CMARK_OPT_VALIDATE_UTF8);
	if (doc == NULL)
		return kam_err(KAM_EX_INTERNAL, "cmark could not parse the "
		    "report");
	/* CMARK_OPT_DEFAULT: raw HTML omitted, unsafe links emptied. */
	html = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	cmark_node_free(doc);
	if (html == NULL)
		return kam_err(KAM_EX_INTERNAL, "cmark could not render the "
		    "report");
	kam_buf_puts(b, html);
	free(html);
	return 0;
}

static int
html_doc(const struct rdoc *d, struct kam_buf *b)
{
	size_t i;

	kam_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">\n"
	    "<meta name=\"referrer\" content=\"no-referrer\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"kam report\">\n<title>");
	html_cell(b, d->title != NULL ? d->title : "kam report");
	kam_buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n"
	    "<main>\n", html_css);
	for (i = 0; i < d->n; i++) {
		const struct rpart *p = &d->v[i];

		switch (p->kind) {
		case PART_MD:
			if (html_md(p, b) == -1)
				return -1;
			break;
		case PART_TABLE:
			html_table(p, b);
			break;
		case PART_SVG:
			kam_buf_puts(b, "<figure>\n");
			kam_buf_add(b, p->md.ptr, p->md.len);
			if (p->caption != NULL) {
				kam_buf_puts(b, "<figcaption>");
				html_cell(b, p->caption);
				kam_buf_puts(b, "</figcaption>\n");
			}
			kam_buf_puts(b, "</figure>\n");
			break;
		}
	}
	kam_buf_puts(b, "</main>\n</body>\n</html>\n");
	return 0;
}

int
rdoc_write(const struct rdoc *d, int html, FILE *fp)
{
	struct kam_buf b = KAM_BUF_INIT;
	size_t i;
	int ret = -1;

	kam_buf_grow(&b, 0);
	if (html) {
		if (html_doc(d, &b) == -1)
			goto out;
	} else
		for (i = 0; i < d->n; i++) {
			const struct rpart *p = &d->v[i];

			if (p->kind == PART_MD)
				kam_buf_add(&b, p->md.ptr, p->md.len);
			else if (p->kind == PART_TABLE)
				md_table(p, &b);
		}
	/* One newline at the end, however the last part ended. */
	while (b.len > 0 && b.ptr[b.len - 1] == '\n')
		b.len--;
	kam_buf_putc(&b, '\n');
	fwrite(b.ptr, 1, b.len, fp);
	ret = 0;
out:
	kam_buf_release(&b);
	return ret;
}

/* ---- charts ---- */

#define SVG_OPEN "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%ld\" " \
	"height=\"%ld\" viewBox=\"0 0 %ld %ld\" font-family=\"sans-serif\" " \
	"font-size=\"12\" role=\"img\">\n"

static void
svg_title(struct kam_buf *out, const char *title, long width, long height)
{
	kam_buf_printf(out, SVG_OPEN, width, height, width, height);
	kam_buf_puts(out, "<title>");
	gantt_xml_text(out, title);
	kam_buf_printf(out, "</title>\n<rect width=\"%ld\" height=\"%ld\" "
	    "fill=\"#fff\"/>\n<text x=\"8\" y=\"18\" font-weight=\"bold\">",
	    width, height);
	gantt_xml_text(out, title);
	kam_buf_puts(out, "</text>\n");
}

void
report_svg_begin(struct kam_buf *out, const char *title, long width,
    long height)
{
	svg_title(out, title, width, height);
}

void
report_svg_matrix(struct kam_buf *out, const char *title,
    const long count[5][5], const char *const ids[5][5])
{
	/* low, medium, high, critical: pale when empty, strong when not */
	static const char *const pale[] = { "#dff2e0", "#fdf6cf", "#fde8cc",
	    "#f9d6d5" };
	static const char *const strong[] = { "#5cb85c", "#e6c300",
	    "#f0932b", "#d9534f" };
	static const char *const level[] = { "low", "medium", "high",
	    "critical" };
	const long left = 84, top = 44, cw = 68, ch = 48;
	long p, i, s, x, y, lv, n;
	const char *id;
	char *plain;

	svg_title(out, title, left + 5 * cw + 24, top + 5 * ch + 84);
	for (p = 5; p >= 1; p--) {
		y = top + (5 - p) * ch;
		kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"end\">%ld</text>\n", left - 8,
		    y + ch / 2 + 4, p);
		for (i = 1; i <= 5; i++) {
			n = count[p - 1][i - 1];
			id = ids != NULL ? ids[p - 1][i - 1] : NULL;
			x = left + (i - 1) * cw;
			s = p * i;
			lv = s >= 15 ? 3 : s >= 10 ? 2 : s >= 5 ? 1 : 0;
			kam_buf_printf(out, "<rect x=\"%ld\" y=\"%ld\" "
			    "width=\"%ld\" height=\"%ld\" fill=\"%s\" "
			    "stroke=\"#fff\" stroke-width=\"2\"><title>"
			    "probability %ld, impact %ld: score %ld (%s), "
			    "%ld risk%s", x, y, cw, ch, n > 0 ? strong[lv] :
			    pale[lv], p, i, s, level[lv], n, n == 1 ? "" : "s");
			if (id != NULL && id[0] != '\0') {
				plain = report_plain(id);
				kam_buf_puts(out, ": ");
				gantt_xml_text(out, plain);
				free(plain);
			}
			kam_buf_puts(out, "</title></rect>\n");
			if (n > 0)
				kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
				    "text-anchor=\"middle\" font-size=\"16\" "
				    "font-weight=\"bold\" fill=\"%s\">%ld"
				    "</text>\n", x + cw / 2, y + ch / 2 + 6,
				    lv == 1 ? "#333" : "#fff", n);
		}
	}
	y = top + 5 * ch;
	for (i = 1; i <= 5; i++)
		kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"middle\">%ld</text>\n", left + (i - 1) * cw +
		    cw / 2, y + 16, i);
	kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\">"
	    "impact</text>\n", left + 5 * cw / 2, y + 34);
	kam_buf_printf(out, "<text x=\"18\" y=\"%ld\" text-anchor=\"middle\" "
	    "transform=\"rotate(-90 18 %ld)\">probability</text>\n",
	    top + 5 * ch / 2, top + 5 * ch / 2);
	y += 52;
	for (lv = 0; lv < 4; lv++) {
		x = 8 + lv * 92;
		kam_buf_printf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"12\" "
		    "height=\"12\" fill=\"%s\"/><text x=\"%ld\" y=\"%ld\">%s"
		    "</text>\n", x, y, strong[lv], x + 16, y + 10, level[lv]);
	}
	kam_buf_puts(out, "</svg>\n");
}

/* v (minor units) in short major units: "950", "12.5k", "1.2M", "3.4B". */
static char *
money_short(int64_t v, int digits, char *buf, size_t len)
{
	static const struct { int64_t div; const char *sfx; } u[] = {
		{ 1000000000, "B" }, { 1000000, "M" }, { 1000, "k" }, { 1, "" },
	};
	int64_t scale = 1, major, t;
	size_t i;
	int d;

	for (d = 0; d < digits; d++)
		scale *= 10;
	major = v / scale;
	if (major < 0)
		major = -major;
	for (i = 0; i < ARRAY_SIZE(u); i++)
		if (major >= u[i].div || u[i].div == 1) {
			t = (major * 10 + u[i].div / 2) / u[i].div;
			if (u[i].div == 1 || t % 10 == 0 || t >= 1000)
				snprintf(buf, len, "%s%lld%s", v < 0 ? "-" : "",
				    (long long)((t + 5) / 10), u[i].sfx);
			else
				snprintf(buf, len, "%s%lld.%lld%s", v < 0 ?
				    "-" : "", (long long)(t / 10),
				    (long long)(t % 10), u[i].sfx);
			break;
		}
	return buf;
}

/* A round step for about `parts` grid lines up to max (> 0). */
static int64_t
nice_step(int64_t max, int parts)
{
	int64_t raw = max / parts, mag = 1;

	if (raw < 1)
		return 1;
	while (mag <= raw / 10)
		mag *= 10;
	if (mag >= raw)
		return mag;
	if (2 * mag >= raw)
		return 2 * mag;
	if (5 * mag >= raw)
		return 5 * mag;
	return 10 * mag;
}

static long
scale_y(int64_t v, int64_t ymax, long top, long ph)
{
	__int128 q;

	if (v < 0)
		v = 0;
	q = (__int128)v * ph / (ymax > 0 ? ymax : 1);
	return top + ph - (long)q;
}

/* Month labels every `every` slots, so that 7-character labels fit. */
static size_t
label_every(long slot)
{
	size_t every = 1;

	while ((long)every * slot < 58)
		every++;
	return every;
}

void
report_svg_burn(struct kam_buf *out, const char *title,
    char (*months)[8], size_t nmonths, const int64_t *actual,
    const int64_t *planned, size_t last_actual, int64_t budget,
    int digits, int numfmt, const char *currency)
{
	const long width = 960, left = 76, top = 44, pw = 860, ph = 220;
	int64_t ymax = budget, cum = 0, step, v;
	long slot, bw, x, y, py = 0;
	size_t k, every;
	char b1[MONEY_HUMAN_MAX], b2[32];

	for (k = 0; k < nmonths; k++) {
		if (actual[k] > ymax)
			ymax = actual[k];
		if (actual[k] > 0 &&
		    !__builtin_add_overflow(cum, actual[k], &v))
			cum = v;
		if (k <= last_actual && cum > ymax)
			ymax = cum;
		if (planned != NULL && planned[k] > ymax)
			ymax = planned[k];
	}
	step = nice_step(ymax, 4);
	ymax = (ymax / step + 1) * step;
	slot = nmonths > 0 ? pw / (long)nmonths : pw;
	if (slot < 1)
		slot = 1;
	bw = slot * 6 / 10;
	if (bw < 1)
		bw = 1;
	svg_title(out, title, width, top + ph + 78);
	for (v = 0; v <= ymax; v += step) {
		y = scale_y(v, ymax, top, ph);
		kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
		    "y2=\"%ld\" stroke=\"#e4e4e4\"/><text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"end\">%s</text>\n", left, y, left + pw, y,
		    left - 6, y + 4, money_short(v, digits, b1, sizeof(b1)));
		if (v > INT64_MAX - step)
			break;
	}
	every = label_every(slot);
	for (k = 0; k < nmonths; k++) {
		x = left + (long)k * slot;
		y = scale_y(actual[k], ymax, top, ph);
		kam_buf_printf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" "
		    "height=\"%ld\" fill=\"#9cc3e6\"><title>%s: spent ",
		    x + (slot - bw) / 2, y, bw, top + ph - y, months[k]);
		gantt_xml_text(out, money_human(actual[k], digits,
		    (enum numfmt)numfmt, currency, b1));
		kam_buf_puts(out, "</title></rect>\n");
		if (k % every == 0)
			kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
			    "text-anchor=\"middle\">%s</text>\n", x + slot / 2,
			    top + ph + 16, months[k]);
	}
	if (budget > 0) {
		y = scale_y(budget, ymax, top, ph);
		kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
		    "y2=\"%ld\" stroke=\"#c9302c\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"6 4\"><title>budget ", left, y,
		    left + pw, y);
		gantt_xml_text(out, money_human(budget, digits,
		    (enum numfmt)numfmt, currency, b1));
		kam_buf_printf(out, "</title></line>\n<text x=\"%ld\" "
		    "y=\"%ld\" text-anchor=\"end\" fill=\"#c9302c\">budget %s"
		    "</text>\n",
		    left + pw, y - 5, money_short(budget, digits, b2,
		    sizeof(b2)));
	}
	if (planned != NULL && nmonths > 0) {
		kam_buf_puts(out, "<polyline fill=\"none\" stroke=\"#f08c00\" "
		    "stroke-width=\"2\" stroke-dasharray=\"5 3\" points=\"");
		for (k = 0; k < nmonths; k++)
			kam_buf_printf(out, "%s%ld,%ld", k > 0 ? " " : "",
			    left + (long)k * slot + slot / 2,
			    scale_y(planned[k], ymax, top, ph));
		kam_buf_puts(out, "\"/>\n");
		for (k = 0; k < nmonths; k++) {
			kam_buf_printf(out, "<circle cx=\"%ld\" cy=\"%ld\" "
			    "r=\"3\" fill=\"#f08c00\"><title>%s: planned value ",
			    left + (long)k * slot + slot / 2,
			    scale_y(planned[k], ymax, top, ph), months[k]);
			gantt_xml_text(out, money_human(planned[k], digits,
			    (enum numfmt)numfmt, currency, b1));
			kam_buf_puts(out, "</title></circle>\n");
		}
	}
	if (nmonths > 0) {
		cum = 0;
		kam_buf_puts(out, "<polyline fill=\"none\" stroke=\"#1f5fa8\" "
		    "stroke-width=\"2.5\" points=\"");
		for (k = 0; k < nmonths && k <= last_actual; k++) {
			if (__builtin_add_overflow(cum, actual[k], &v))
				break;
			cum = v;
			kam_buf_printf(out, "%s%ld,%ld", k > 0 ? " " : "",
			    left + (long)k * slot + slot / 2,
			    scale_y(cum, ymax, top, ph));
		}
		kam_buf_puts(out, "\"/>\n");
		cum = 0;
		for (k = 0; k < nmonths && k <= last_actual; k++) {
			if (__builtin_add_overflow(cum, actual[k], &v))
				break;
			cum = v;
			py = scale_y(cum, ymax, top, ph);
			kam_buf_printf(out, "<circle cx=\"%ld\" cy=\"%ld\" "
			    "r=\"3.5\" fill=\"#1f5fa8\"><title>%s: spent to "
			    "date ",
			    left + (long)k * slot + slot / 2, py, months[k]);
			gantt_xml_text(out, money_human(cum, digits,
			    (enum numfmt)numfmt, currency, b1));
			kam_buf_puts(out, "</title></circle>\n");
		}
	}
	kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
	    "stroke=\"#666\"/>\n", left, top + ph, left + pw, top + ph);
	y = top + ph + 40;
	kam_buf_printf(out, "<rect x=\"8\" y=\"%ld\" width=\"14\" "
	    "height=\"10\" fill=\"#9cc3e6\"/><text x=\"26\" y=\"%ld\">"
	    "spent in the month</text>\n", y, y + 9);
	kam_buf_printf(out, "<line x1=\"150\" y1=\"%ld\" x2=\"170\" y2=\"%ld\" "
	    "stroke=\"#1f5fa8\" stroke-width=\"2.5\"/><text x=\"176\" "
	    "y=\"%ld\">spent to date</text>\n", y + 5, y + 5, y + 9);
	x = 282;
	if (planned != NULL) {
		kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
		    "y2=\"%ld\" stroke=\"#f08c00\" stroke-width=\"2\" "
		    "stroke-dasharray=\"5 3\"/><text x=\"%ld\" y=\"%ld\">"
		    "planned value (tasks' costs over their schedule)</text>\n",
		    x,
		    y + 5, x + 20, y + 5, x + 26, y + 9);
		x += 290;
	}
	if (budget > 0)
		kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
		    "y2=\"%ld\" stroke=\"#c9302c\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"6 4\"/><text x=\"%ld\" y=\"%ld\">"
		    "budget (budget.csv)</text>\n", x, y + 5, x + 20, y + 5,
		    x + 26, y + 9);
	kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\" "
	    "fill=\"#5b6270\">", left + pw, y + 9);
	gantt_xml_text(out, currency);
	kam_buf_puts(out, "</text>\n</svg>\n");
}

void
report_svg_trend(struct kam_buf *out, const char *title,
    char (*months)[8], size_t nmonths, const long *avg10, const long *n,
    long csat_min)
{
	const long width = 960, left = 44, top = 44, pw = 892, ph = 180;
	long slot, x, y, v;
	size_t k, every;

	slot = nmonths > 0 ? pw / (long)nmonths : pw;
	if (slot < 1)
		slot = 1;
	svg_title(out, title, width, top + ph + 64);
	for (v = 0; v <= 10; v += 2) {
		y = top + ph - v * ph / 10;
		kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
		    "y2=\"%ld\" stroke=\"#e4e4e4\"/><text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"end\">%ld</text>\n", left, y, left + pw, y,
		    left - 6, y + 4, v);
	}
	if (csat_min >= 0 && csat_min <= 10) {
		y = top + ph - csat_min * ph / 10;
		kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" "
		    "y2=\"%ld\" stroke=\"#c9302c\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"6 4\"><title>minimum %ld "
		    "(health.csat-min)</title></line>\n<text x=\"%ld\" "
		    "y=\"%ld\" text-anchor=\"end\" fill=\"#c9302c\">minimum "
		    "%ld</text>\n", left, y, left + pw, y, csat_min, left + pw,
		    y - 5, csat_min);
	}
	every = label_every(slot);
	if (nmonths > 0) {
		kam_buf_puts(out, "<polyline fill=\"none\" stroke=\"#1f5fa8\" "
		    "stroke-width=\"2.5\" points=\"");
		for (k = 0; k < nmonths; k++)
			kam_buf_printf(out, "%s%ld,%ld", k > 0 ? " " : "",
			    left + (long)k * slot + slot / 2,
			    top + ph - avg10[k] * ph / 100);
		kam_buf_puts(out, "\"/>\n");
	}
	for (k = 0; k < nmonths; k++) {
		x = left + (long)k * slot + slot / 2;
		y = top + ph - avg10[k] * ph / 100;
		kam_buf_printf(out, "<circle cx=\"%ld\" cy=\"%ld\" r=\"4\" "
		    "fill=\"%s\"><title>%s: average %ld.%ld of %ld response%s"
		    "</title></circle>\n", x, y, avg10[k] < csat_min * 10 ?
		    "#c9302c" : "#1f5fa8", months[k], avg10[k] / 10,
		    avg10[k] % 10, n[k], n[k] == 1 ? "" : "s");
		/* The value above its point, below it under the minimum
		 * line so that the two do not cross. */
		if (slot >= 40)
			kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
			    "text-anchor=\"middle\" font-size=\"11\">%ld.%ld"
			    "</text>\n", x, avg10[k] < csat_min * 10 ? y + 17 :
			    y - 8, avg10[k] / 10, avg10[k] % 10);
		if (k % every == 0)
			kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
			    "text-anchor=\"middle\">%s</text>\n", x,
			    top + ph + 16, months[k]);
	}
	kam_buf_printf(out, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
	    "stroke=\"#666\"/>\n", left, top + ph, left + pw, top + ph);
	y = top + ph + 36;
	kam_buf_printf(out, "<line x1=\"8\" y1=\"%ld\" x2=\"28\" y2=\"%ld\" "
	    "stroke=\"#1f5fa8\" stroke-width=\"2.5\"/><text x=\"34\" y=\"%ld\">"
	    "average score of the month (0-10)</text>\n</svg>\n", y + 5, y + 5,
	    y + 9);
}

/* ==== the weekly and final reports (kam report) ==== */

#define LIST_MAX	25	/* rows of a list before "and N more" */
#define GANTT_MAX	60	/* tasks in the Gantt chart */
#define MONTHS_MAX	240	/* months of a burn or trend chart */

struct ctx {
	struct project		*p;
	int			 final;
	int32_t			 today, since;
	struct rdoc		 d;
	struct health		 h;
	struct table		 tasks, risks, reqs, changes, goals, quality,
				 defects, csat, lessons, people, issues,
				 billing;
	struct plan		 pl;		/* with actuals */
	struct plan		 ref;		/* PLAN_NO_ACTUALS */
	struct budget_audit	 audit;
	struct budget_evm	 evm;
	struct minutes		*mins;
	size_t			 nmins;
	int			 lang;		/* project.language (lang.h) */
};

/* Markdown in the report's language: the phrase, or its translation
 * (lib/lang.c), a format checked against the English. */
#define MDF(c, fmt, ...)	rdoc_mdf(&(c)->d, lang_tr((c)->lang, fmt), \
	__VA_ARGS__)
#define MD(c, s)		rdoc_md(&(c)->d, lang_tr((c)->lang, s))
#define TR(c, s)		lang_tr((c)->lang, s)

/* ---- small helpers ---- */

static const char *
cell(const struct table *t, const struct row *r, const struct schema *s,
    const char *name)
{
	return table_get(t, r, schema_col(s, name));
}

static int
is(const struct table *t, const struct row *r, const struct schema *s,
    const char *name, const char *val)
{
	return strcmp(cell(t, r, s, name), val) == 0;
}

/* Date cell as days; 0 when unset (validated on load). */
static int32_t
date_cell(const struct table *t, const struct row *r, const struct schema *s,
    const char *name)
{
	int32_t d;

	if (date_parse(cell(t, r, s, name), &d, NULL) == -1)
		return 0;
	return d;
}

/* Money for people: grouped, with the currency (project_money). */
static char *
money(const struct ctx *c, int64_t v, char *buf)
{
	return project_money(c->p, v, buf);
}

/* English plural "s"; nothing in Chinese. */
static const char *
plural(const struct ctx *c, long n)
{
	return n == 1 || c->lang == LANG_ZH ? "" : "s";
}

/* A person's name for P-n (the id when unknown or unset). */
static const char *
person(const struct ctx *c, const char *id)
{
	const struct row *r;
	const char *name;

	if (*id == '\0' || (r = table_find(&c->people, id)) == NULL)
		return id;
	name = cell(&c->people, r, &schema_people, "name");
	return *name != '\0' ? name : id;
}

/* "…and 12 more." after a capped list (a report is for the client: no
 * kam commands in it; kam status and kam check name them). */
static void
more(struct ctx *c, size_t n)
{
	if (n > LIST_MAX)
		MDF(c, "…and %zu more.\n\n", n - LIST_MAX);
}

static void
heading(struct ctx *c, int level, const char *text)
{
	MDF(c, "%.*s %s\n\n", level, "######", TR(c, text));
}

/* ---- header and health ---- */

static void
header(struct ctx *c)
{
	char t[11], s[11], a[11], b[11];
	const char *name = c->p->name != NULL ? c->p->name : "kam project";
	char *title;

	title = xasprintf("%s%s%s", TR(c, c->final ? "Final evaluation" :
	    "Weekly status report"), c->lang == LANG_ZH ? "：" : ": ", name);
	rdoc_init(&c->d, title);
	c->d.lang = c->lang;
	free(title);
	MDF(c, "# %s: ", TR(c, c->final ? "Final evaluation" :
	    "Weekly status report"));
	rdoc_text(&c->d, name);
	MD(c, "\n\n");
	if (c->p->client != NULL) {
		MD(c, "**Client:** ");
		rdoc_text(&c->d, c->p->client);
		MD(c, " · ");
	}
	MDF(c, "**Date:** %s · ", date_fmt(c->today, t));
	if (c->final)
		MDF(c, "**Project:** %s to %s\n\n",
		    date_fmt(c->pl.start, a), date_fmt(c->pl.finish, b));
	else
		MDF(c, "**Period:** %s to %s\n\n",
		    date_fmt(c->since, s), t);
}

static void
health_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "area", 0 }, { "status", RC_STATUS }, { "reason", 0 },
	};
	const char *cells[3];
	size_t a;

	heading(c, 2, c->final ? "Health at the close" : "Overall health");
	MDF(c, "Overall: **%s** — %zu red and %zu amber finding%s."
	    "\n\n", TR(c, health_status_name(health_overall(&c->h))),
	    c->h.nred, c->h.namber, plural(c, (long)(c->h.nred + c->h.namber)));
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "");
	for (a = 0; a < AREA_N; a++) {
		const struct area *ar = &c->h.areas[a];

		cells[0] = TR(c, ar->name);
		cells[1] = health_status_name(ar->status);
		cells[2] = ar->client != NULL ? ar->client : ar->reason;
		rdoc_row(&c->d, cells);
	}
}

/* ---- schedule ---- */

static void
variance_words(const struct ctx *c, long var, char *buf, size_t len)
{
	if (var == 0)
		snprintf(buf, len, "%s", TR(c, "on the baseline"));
	else if (var > 0)
		snprintf(buf, len, TR(c, "%ld working day%s late"), var,
		    plural(c, var));
	else
		snprintf(buf, len, TR(c, "%ld working day%s early"), -var,
		    plural(c, -var));
}

static void
gantt_chart(struct ctx *c)
{
	struct gantt g = GANTT_INIT;
	struct kam_buf svg = KAM_BUF_INIT;
	size_t *sel = NULL, n = 0, i;
	char *cap;

	if (c->tasks.nrows == 0)
		return;
	if (gantt_init(&g, c->p, &c->tasks, 0, 0) == -1)
		goto out;
	if (g.days > 200000)
		goto out;
	if (g.pl.ntasks > GANTT_MAX) {
		/* A large plan: the critical tasks, in schedule order. */
		sel = xcalloc(GANTT_MAX, sizeof(*sel));
		for (i = 0; i < g.pl.ncritical && n < GANTT_MAX; i++)
			sel[n++] = g.pl.critical[i];
		g.sel = sel;
		g.nsel = n;
	}
	gantt_svg(&g, c->p->name != NULL ? c->p->name : "kam", GANTT_SVG_INLINE,
	    &svg);
	if (sel != NULL)
		cap = xasprintf(TR(c, "Gantt chart: %zu critical tasks of %zu."), n,
		    g.pl.ntasks);
	else
		cap = xstrdup(TR(c, "Gantt chart: bars from early start to early "
		    "finish, critical tasks in red, baselines in grey."));
	rdoc_svg(&c->d, kam_buf_detach(&svg), cap);
	free(cap);
out:
	free(sel);
	kam_buf_release(&svg);
	gantt_release(&g);
}

struct late {
	size_t	 i;		/* into the plan's tasks */
	long	 days;
};

/* Latest first, then in the file's order. */
static int
cmp_late(const void *a, const void *b)
{
	const struct late *x = a, *y = b;

	if (x->days != y->days)
		return x->days > y->days ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static void
schedule_section(struct ctx *c)
{
	static const struct rcol late_cols[] = {
		{ "id", RC_KEY }, { "title", 0 }, { "assignee", 0 },
		{ "progress", RC_NUM }, { "days late", RC_NUM },
		{ "reason", 0 },
	};
	static const struct rcol ms_cols[] = {
		{ "id", RC_KEY }, { "milestone", 0 }, { "date", RC_KEY },
		{ "baseline", RC_KEY }, { "slack", RC_NUM },
	};
	static const struct rcol fms_cols[] = {
		{ "id", RC_KEY }, { "milestone", 0 }, { "baseline", RC_KEY },
		{ "reached", RC_KEY }, { "variance", RC_NUM },
	};
	struct plan *pl = &c->pl;
	struct late *late = NULL;
	const char *cells[6];
	char d1[11], d2[11], words[64], reason[200], prog[8], days[24],
	    sl[24];
	size_t i, nlate = 0, ndone = 0, nstarted = 0, nms = 0;
	long var = 0, rem;
	int32_t bf = 0, ps, pf;
	int all_done;

	heading(c, 2, "Schedule");
	if (pl->ntasks == 0) {
		MD(c, "No tasks yet.\n\n");
		return;
	}
	for (i = 0; i < pl->ntasks; i++) {
		ndone += pl->tasks[i].finished;
		nstarted += pl->tasks[i].started && !pl->tasks[i].finished;
	}
	all_done = ndone == pl->ntasks;
	MDF(c, "- Start: %s; finish (%s): **%s**\n",
	    date_fmt(pl->start, d1), TR(c, all_done ? "actual" : "forecast"),
	    date_fmt(pl->finish, d2));
	if (plan_baseline_finish(pl, &bf, &var)) {
		variance_words(c, var, words, sizeof(words));
		MDF(c, "- Baseline finish: %s; variance: **%s**\n",
		    date_fmt(bf, d1), words);
	} else
		MD(c, "- No baseline\n");
	rem = pl->end_idx - (pl->today_idx > pl->start_idx ? pl->today_idx :
	    pl->start_idx);
	if (rem < 0)
		rem = 0;
	MDF(c, "- Critical path: %zu task%s", pl->ncritical,
	    plural(c, (long)pl->ncritical));
	if (pl->ncritical > 0 && pl->ncritical <= 12) {
		for (i = 0; i < pl->ncritical; i++) {
			MD(c, i == 0 ? " (" : ", ");
			rdoc_text(&c->d, table_get(&c->tasks,
			    pl->tasks[pl->critical[i]].row, ID_COL));
		}
		MD(c, ")");
	}
	MDF(c, ", %ld working day%s from start to finish",
	    pl->end_idx - pl->start_idx, plural(c, pl->end_idx - pl->start_idx));
	if (!all_done)
		MDF(c, ", %ld left", rem);
	MD(c, "\n");
	MDF(c, "- Tasks: %zu (%zu done, %zu in progress, %zu not "
	    "started)", pl->ntasks, ndone, nstarted, pl->ntasks - ndone -
	    nstarted);
	late = xcalloc(pl->ntasks + 1, sizeof(*late));
	for (i = 0; i < pl->ntasks; i++)
		if (plan_task_late(&c->pl, &c->ref, i, c->today, reason,
		    sizeof(reason), &late[nlate].days, &ps, &pf))
			late[nlate++].i = i;
	qsort(late, nlate, sizeof(*late), cmp_late);
	if (!c->final)
		MDF(c, "; **%zu late**", nlate);
	MD(c, "\n\n");

	if (!c->final) {
		heading(c, 3, "Late tasks");
		rdoc_table(&c->d, late_cols, ARRAY_SIZE(late_cols),
		    "No task is late.");
		for (i = 0; i < nlate && i < LIST_MAX; i++) {
			const struct plan_task *t = &pl->tasks[late[i].i];
			long dl;

			plan_task_late_lang(&c->pl, &c->ref, late[i].i,
			    c->today, c->lang, reason, sizeof(reason), &dl, &ps,
			    &pf);
			snprintf(prog, sizeof(prog), "%d%%", t->progress);
			snprintf(days, sizeof(days), "%ld", dl);
			cells[0] = table_get(&c->tasks, t->row, ID_COL);
			cells[1] = table_get(&c->tasks, t->row, TASK_TITLE);
			cells[2] = person(c, cell(&c->tasks, t->row,
			    &schema_tasks, "assignee"));
			cells[3] = prog;
			cells[4] = days;
			cells[5] = reason;
			rdoc_row(&c->d, cells);
		}
		more(c, nlate);

		heading(c, 3, "Milestones in the next two weeks");
		rdoc_table(&c->d, ms_cols, ARRAY_SIZE(ms_cols),
		    "No milestone in the next two weeks.");
		for (i = 0; i < pl->ntasks; i++) {
			const struct plan_task *t = &pl->tasks[i];

			if (!t->milestone || t->finished ||
			    t->es_date < c->today || t->es_date > c->today + 14)
				continue;
			if (nms++ >= LIST_MAX)
				continue;
			snprintf(sl, sizeof(sl), "%ld", t->slack);
			cells[0] = table_get(&c->tasks, t->row, ID_COL);
			cells[1] = table_get(&c->tasks, t->row, TASK_TITLE);
			cells[2] = date_fmt(t->es_date, d1);
			cells[3] = t->has_baseline ? date_fmt(t->bf_date, d2) :
			    "";
			cells[4] = sl;
			rdoc_row(&c->d, cells);
		}
		more(c, nms);
	} else {
		heading(c, 3, "Milestones");
		rdoc_table(&c->d, fms_cols, ARRAY_SIZE(fms_cols),
		    "The plan has no milestones.");
		for (i = 0; i < pl->ntasks; i++) {
			const struct plan_task *t = &pl->tasks[i];

			if (!t->milestone)
				continue;
			if (nms++ >= LIST_MAX)
				continue;
			cells[0] = table_get(&c->tasks, t->row, ID_COL);
			cells[1] = table_get(&c->tasks, t->row, TASK_TITLE);
			cells[2] = t->has_baseline ? date_fmt(t->bf_date, d1) :
			    "";
			if (t->finished)
				snprintf(reason, sizeof(reason), "%s",
				    date_fmt(t->es_date, d2));
			else
				snprintf(reason, sizeof(reason),
				    TR(c, "%s (forecast)"), date_fmt(t->es_date,
				    d2));
			cells[3] = reason;
			if (t->has_baseline)
				snprintf(sl, sizeof(sl), "%ld", t->variance);
			else
				sl[0] = '\0';
			cells[4] = sl;
			rdoc_row(&c->d, cells);
		}
		more(c, nms);
	}
	gantt_chart(c);
	free(late);
}

/* ---- budget ---- */

/* Month index of "YYYY-MM" counted from year 0. */
static long
month_num(int32_t d)
{
	int y, m, day;

	date_ymd(d, &y, &m, &day);
	return (long)y * 12 + m - 1;
}

static void
burn_chart(struct ctx *c)
{
	char (*months)[8] = NULL;
	int64_t *actual = NULL, *planned = NULL, cost, v, num, den;
	__int128 q;
	long m0, m1, m, mt;
	size_t n, k, i, last;
	int ccol = schema_col(&schema_tasks, "cost"), has_cost = 0;
	int32_t saved = c->ref.today, end, first;
	char day[16];
	const struct budget_sums *s = &c->audit.sums;
	char *title;

	m0 = month_num(c->pl.start);
	m1 = month_num(c->pl.finish);
	mt = month_num(c->today);
	if (mt < m0)
		m0 = mt;
	if (mt > m1)
		m1 = mt;
	for (k = 0; k < s->nmonths; k++) {
		snprintf(day, sizeof(day), "%.7s-01", s->months[k].month);
		if (date_parse(day, &first, NULL) == -1)
			continue;	/* never: month files are YYYY-MM */
		m = month_num(first);
		if (m < m0)
			m0 = m;
		if (m > m1)
			m1 = m;
	}
	if (m1 - m0 + 1 > MONTHS_MAX || (s->nmonths == 0 &&
	    c->evm.total.bac == 0))
		return;
	n = (size_t)(m1 - m0 + 1);
	months = xcalloc(n, sizeof(*months));
	actual = xcalloc(n, sizeof(*actual));
	for (k = 0; k < n; k++) {
		date_fmt(date_from_ymd((int)((m0 + (long)k) / 12),
		    (int)((m0 + (long)k) % 12) + 1, 1), day);
		memcpy(months[k], day, 7);
	}
	for (k = 0; k < s->nmonths; k++)
		for (i = 0; i < n; i++)
			if (strcmp(months[i], s->months[k].month) == 0) {
				actual[i] = s->months[k].actual;
				break;
			}
	/* Planned value at each month's end: lib/plan's share of each
	 * task's planned days passed by then, as earned value counts it. */
	for (i = 0; i < c->ref.ntasks; i++)
		if (*table_get(&c->tasks, c->ref.tasks[i].row, ccol) != '\0')
			has_cost = 1;
	if (has_cost) {
		planned = xcalloc(n, sizeof(*planned));
		for (k = 0; k < n; k++) {
			m = m0 + (long)k + 1;
			end = date_from_ymd((int)(m / 12), (int)(m % 12) + 1,
			    1) - 1;
			c->ref.today = end;
			for (i = 0; i < c->ref.ntasks; i++) {
				const struct plan_task *t = &c->ref.tasks[i];

				if (money_parse(table_get(&c->tasks, t->row,
				    ccol), c->p->digits, &cost, NULL) == -1)
					continue;
				plan_share_passed(&c->ref, t,
				    c->ref.has_baseline, &num, &den);
				q = (__int128)cost * num / den;
				if (!__builtin_add_overflow(planned[k],
				    (int64_t)q, &v))
					planned[k] = v;
			}
		}
		c->ref.today = saved;
	}
	last = (size_t)(mt - m0);
	title = xstrdup(planned != NULL ? TR(c, "Budget burn: spent by month "
	    "and to date, against the planned value") : TR(c, "Budget burn: "
	    "spent by month and to date"));
	{
		struct kam_buf svg = KAM_BUF_INIT;

		report_svg_burn(&svg, title, months, n, actual, planned, last,
		    c->audit.sums.planned, c->p->digits, c->p->numfmt,
		    c->p->currency != NULL ? c->p->currency : "");
		rdoc_svg(&c->d, kam_buf_detach(&svg), NULL);
	}
	free(title);
	free(months);
	free(actual);
	free(planned);
}

/* What AC counts (budget.h: the cost basis), so that CPI is read as
 * comparing like with like (issue 17 #3). */
static void
evm_basis(struct ctx *c)
{
	const struct budget_evm *e = &c->evm;
	char b[MONEY_HUMAN_MAX];

	if (strcmp(e->cost_basis, "all") == 0)
		MD(c, "Actual cost (AC) counts every expense and the labour "
		    "booked: the budget plans nothing beyond the task costs."
		    "\n\n");
	else if (strcmp(e->cost_basis, "tasks") == 0)
		MDF(c, "Actual cost (AC) counts what was spent on the tasks: "
		    "expenses tied to a task and the labour booked; %s spent "
		    "without a task is outside it.\n\n",
		    money(c, e->outside, b));
	else
		MDF(c, "Actual cost (AC) counts the categories %s, whose budget "
		    "lines make BAC; %s spent in other categories is outside "
		    "it.\n\n", e->cost_basis, money(c, e->outside, b));
}

static void
evm_table(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "BAC", RC_NUM }, { "PV", RC_NUM }, { "EV", RC_NUM },
		{ "AC", RC_NUM }, { "CV", RC_NUM }, { "SV", RC_NUM },
		{ "CPI", RC_NUM }, { "SPI", RC_NUM }, { "EAC", RC_NUM },
	};
	const struct evm_line *t = &c->evm.total;
	char b[9][MONEY_HUMAN_MAX];
	const char *cells[9];
	size_t i;

	if (t->bac == 0) {
		MD(c, "No task has a cost, so there is no earned "
		    "value.\n\n");
		return;
	}
	MDF(c, "Earned value as of %s%s:\n\n",
	    date_fmt(c->today, b[0]), c->evm.use_baseline ? "" :
	    "; no baseline, so the planned value follows the plan as "
	    "scheduled from the start");
	money(c, t->bac, b[0]);
	money(c, t->pv, b[1]);
	money(c, t->ev, b[2]);
	money(c, t->ac, b[3]);
	money(c, t->cv, b[4]);
	money(c, t->sv, b[5]);
	if (t->has_cpi)
		budget_ratio_fmt(t->cpi, b[6]);
	else
		b[6][0] = '\0';
	if (t->has_spi)
		budget_ratio_fmt(t->spi, b[7]);
	else
		b[7][0] = '\0';
	if (t->has_eac)
		money(c, t->eac, b[8]);
	else
		b[8][0] = '\0';
	for (i = 0; i < 9; i++)
		cells[i] = b[i];
	evm_basis(c);
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "");
	rdoc_row(&c->d, cells);
}

/* The economic result (issue 16): kam budget margin, once the contract
 * value or a billing item is known. */
static void
margin_part(struct ctx *c)
{
	struct margin m;
	char b1[MONEY_HUMAN_MAX], b2[MONEY_HUMAN_MAX], b3[MONEY_HUMAN_MAX],
	    b4[MONEY_HUMAN_MAX], pct[48];

	if (!c->p->has_contract_value && c->billing.nrows == 0)
		return;
	if (bill_margin(&m, c->p) == -1) {
		kam_err_reset();
		return;
	}
	heading(c, 3, "Margin");
	if (m.has_contract)
		MDF(c, "- Contract value: %s\n", money(c, m.contract,
		    b1));
	MDF(c, "- Invoiced: %s; paid: %s; outstanding: %s\n",
	    money(c, m.invoiced, b1), money(c, m.paid, b2),
	    money(c, m.outstanding, b3));
	MDF(c, "- Actual cost: %s (expenses %s, labour %s)\n",
	    money(c, m.actual, b1), money(c, m.expenses, b2),
	    money(c, m.labour, b3));
	if (m.has_contract && m.has_eac) {
		MDF(c, "- Estimate at completion: %s; forecast "
		    "margin: **%s**", money(c, m.eac, b1), money(c, m.forecast,
		    b4));
		if (m.has_pct)
			MDF(c, " (%s%%)", budget_pct_fmt(m.forecast,
			    m.contract, pct));
		MD(c, "\n");
	} else if (m.has_contract)
		MDF(c, "- Planned margin: %s (no earned value yet for "
		    "a forecast)\n", money(c, m.planned, b1));
	MD(c, "\n");
}

static void
budget_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "category", 0 }, { "planned", RC_NUM }, { "actual", RC_NUM },
		{ "variance", RC_NUM }, { "used", RC_NUM },
		{ "status", RC_STATUS },
	};
	const struct budget_audit *a = &c->audit;
	const char *cells[6];
	char b1[MONEY_HUMAN_MAX], b2[MONEY_HUMAN_MAX], b3[MONEY_HUMAN_MAX],
	    pct[48], used[56];
	size_t i, shown = 0;

	heading(c, 2, c->final ? "Cost" : "Budget");
	if (a->sums.planned == 0 && a->sums.count == 0 &&
	    c->evm.total.bac == 0) {
		MD(c, "No budget and no expenses yet.\n\n");
		return;
	}
	MDF(c, "- Planned: %s; spent: **%s**", money(c,
	    a->total.planned, b1), money(c, a->total.actual, b2));
	if (a->total.has_pct)
		MDF(c, " (%s%%)", budget_pct_fmt(a->total.actual,
		    a->total.planned, pct));
	MDF(c, "; %s: %s\n", TR(c, a->total.variance >= 0 ? "remaining" :
	    "over"), money(c, a->total.variance >= 0 ? a->total.variance :
	    -a->total.variance, b3));
	MDF(c, "- Categories: %zu (%zu over, %zu at the warning "
	    "level, %zu unplanned)\n\n", a->nlines, a->nover, a->nwarn,
	    a->nunplanned);
	if (c->final) {
		heading(c, 3, "By category");
		rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "No categories.");
	} else {
		heading(c, 3, "Categories needing attention");
		rdoc_table(&c->d, cols, ARRAY_SIZE(cols),
		    "Every category is within its plan.");
	}
	for (i = 0; i < a->nlines; i++) {
		const struct budget_line *l = &a->lines[i];

		if (!c->final && l->status == BUDGET_OK)
			continue;
		if (shown++ >= LIST_MAX)
			continue;
		cells[0] = l->category;
		cells[1] = money(c, l->planned, b1);
		cells[2] = money(c, l->actual, b2);
		cells[3] = money(c, l->variance, b3);
		if (l->has_pct)
			snprintf(used, sizeof(used), "%s%%",
			    budget_pct_fmt(l->actual, l->planned, pct));
		else
			used[0] = '\0';
		cells[4] = used;
		cells[5] = budget_status_name(l->status);
		rdoc_row(&c->d, cells);
	}
	more(c, shown);
	heading(c, 3, "Earned value");
	evm_table(c);
	burn_chart(c);
	margin_part(c);
}

/* ---- the team (final report, issue 16) ---- */

struct team_fact {
	long		 person;
	const char	*name;
	long		 tasks, finished, on_time, with_baseline;
	int64_t		 planned, booked;	/* quarter hours */
};

static struct team_fact *
team_fact(struct team_fact **v, size_t *n, long person)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((*v)[i].person == person)
			return &(*v)[i];
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	memset(&(*v)[*n], 0, sizeof(**v));
	(*v)[*n].person = person;
	return &(*v)[(*n)++];
}

static int
cmp_fact(const void *a, const void *b)
{
	const struct team_fact *x = a, *y = b;

	return x->person < y->person ? -1 : x->person > y->person;
}

/*
 * Facts, no scores: per person with assigned tasks or bookings, the
 * tasks assigned, finished, finished on time (on or before the baseline
 * finish, of those with one), the planned effort of the tasks (duration x
 * hours-per-day) and the hours booked.
 */
static void
team_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "person", 0 }, { "tasks", RC_NUM }, { "finished", RC_NUM },
		{ "on time", RC_NUM }, { "planned hours", RC_NUM },
		{ "booked hours", RC_NUM },
	};
	struct time_report tr = TIME_REPORT_INIT;
	struct team_fact *v = NULL, *f;
	const char *cells[6], *a, *fin, *base;
	char n1[24], n2[24], n3[48], h1[32], h2[32], who[160];
	long pnum, days;
	size_t i, n = 0;

	for (i = 0; i < c->tasks.nrows; i++) {
		const struct row *r = &c->tasks.rows[i];

		a = table_get(&c->tasks, r, TASK_ASSIGNEE);
		if (*a == '\0' || id_parse(a, "P", &pnum, NULL) == -1)
			continue;
		f = team_fact(&v, &n, pnum);
		f->tasks++;
		if (int_parse(table_get(&c->tasks, r, TASK_DURATION), 0,
		    100000, &days, NULL) == 0)
			f->planned += (int64_t)days * c->p->hours_per_day;
		fin = table_get(&c->tasks, r, TASK_FINISH);
		base = table_get(&c->tasks, r, TASK_BASELINE_FINISH);
		if (*fin == '\0')
			continue;
		f->finished++;
		if (*base != '\0') {
			f->with_baseline++;
			f->on_time += strcmp(fin, base) <= 0;
		}
	}
	if (time_report(&tr, c->p, NULL, TIME_BY_PERSON) == -1) {
		kam_err_reset();
		time_report_release(&tr);
		tr = (struct time_report)TIME_REPORT_INIT;
	}
	for (i = 0; i < tr.n; i++)
		team_fact(&v, &n, tr.v[i].key)->booked = tr.v[i].quarters;
	time_report_release(&tr);
	if (n == 0)
		goto out;
	qsort(v, n, sizeof(*v), cmp_fact);
	heading(c, 2, "Team");
	MD(c, "Facts per person, not scores: tasks assigned and "
	    "finished, finished on or before their baseline finish (of those "
	    "with a baseline), the planned effort of the tasks and the hours "
	    "booked in the timesheets.\n\n");
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "No one has tasks.");
	for (i = 0; i < n; i++) {
		char id[32];

		f = &v[i];
		snprintf(id, sizeof(id), "P-%ld", f->person);
		snprintf(who, sizeof(who), "%s (%s)", person(c, id), id);
		snprintf(n1, sizeof(n1), "%ld", f->tasks);
		snprintf(n2, sizeof(n2), "%ld", f->finished);
		if (f->with_baseline > 0)
			snprintf(n3, sizeof(n3), TR(c, "%ld of %ld"), f->on_time,
			    f->with_baseline);
		else
			snprintf(n3, sizeof(n3), "-");
		cells[0] = who;
		cells[1] = n1;
		cells[2] = n2;
		cells[3] = n3;
		cells[4] = hours_fmt(f->planned, h1);
		cells[5] = hours_fmt(f->booked, h2);
		rdoc_row(&c->d, cells);
	}
out:
	free(v);
}

/* ---- stakeholders ---- */

/* s cut to at most max display columns (out_width), "…" when cut. */
static void
clip_name(struct kam_buf *out, const char *s, size_t max)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p = s;
	size_t n;

	if (out_width(s) <= max) {
		kam_buf_puts(out, s);
		return;
	}
	while (*p != '\0') {
		n = 1;
		while ((p[n] & 0xc0) == 0x80)
			n++;
		kam_buf_add(&b, p, n);
		if (out_width(b.ptr) > max - 1) {
			b.len -= n;
			b.ptr[b.len] = '\0';
			break;
		}
		p += n;
	}
	kam_buf_puts(out, b.ptr != NULL ? b.ptr : "");
	kam_buf_puts(out, "…");
	kam_buf_release(&b);
}

/*
 * The influence x interest grid as SVG: a cell for each pair of scores
 * (1-5), shaded by its quadrant, naming up to three people (the rest in
 * the cell's tooltip); names[i][j] lists influence i + 1, interest j + 1,
 * one name per line.
 */
static void
svg_people(struct kam_buf *out, const char *title, const char *const
    quadrant_words[4], const char *ylabel, const char *xlabel,
    struct kam_buf names[5][5], const long count[5][5])
{
	/* manage closely, keep satisfied, keep informed, monitor */
	static const char *const shade[] = { "#f9d6d5", "#fde8cc", "#fdf6cf",
	    "#dff2e0" };
	const long left = 84, top = 44, cw = 132, ch = 66;
	long inf, intr, x, y, q, k;
	const char *p, *e;

	svg_title(out, title, left + 5 * cw + 24, top + 5 * ch + 84);
	for (inf = 5; inf >= 1; inf--) {
		y = top + (5 - inf) * ch;
		kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"end\">%ld</text>\n", left - 8,
		    y + ch / 2 + 4, inf);
		for (intr = 1; intr <= 5; intr++) {
			x = left + (intr - 1) * cw;
			q = inf >= 4 ? (intr >= 4 ? 0 : 1) : (intr >= 4 ? 2 : 3);
			kam_buf_printf(out, "<rect x=\"%ld\" y=\"%ld\" "
			    "width=\"%ld\" height=\"%ld\" fill=\"%s\" "
			    "stroke=\"#fff\" stroke-width=\"2\"><title>",
			    x, y, cw, ch, shade[q]);
			gantt_xml_text(out, quadrant_words[q]);
			kam_buf_puts(out, ": ");
			gantt_xml_text(out, ylabel);
			kam_buf_printf(out, " %ld, ", inf);
			gantt_xml_text(out, xlabel);
			kam_buf_printf(out, " %ld", intr);
			for (p = names[inf - 1][intr - 1].ptr; p != NULL &&
			    *p != '\0'; p = *e != '\0' ? e + 1 : e) {
				struct kam_buf one = KAM_BUF_INIT;

				e = strchr(p, '\n');
				if (e == NULL)
					e = p + strlen(p);
				kam_buf_add(&one, p, (size_t)(e - p));
				kam_buf_puts(out, p == names[inf - 1][intr -
				    1].ptr ? ": " : ", ");
				gantt_xml_text(out, one.ptr);
				kam_buf_release(&one);
			}
			kam_buf_puts(out, "</title></rect>\n");
			k = 0;
			for (p = names[inf - 1][intr - 1].ptr; p != NULL &&
			    *p != '\0' && k < 3; k++) {
				struct kam_buf one = KAM_BUF_INIT, clip =
				    KAM_BUF_INIT;

				e = strchr(p, '\n');
				if (e == NULL)
					e = p + strlen(p);
				kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\">",
				    x + 6, y + 18 + k * 18);
				if (k == 2 && count[inf - 1][intr - 1] > 3)
					kam_buf_printf(out, "+%ld more",
					    count[inf - 1][intr - 1] - 2);
				else {
					kam_buf_add(&one, p, (size_t)(e - p));
					clip_name(&clip, one.ptr, 18);
					gantt_xml_text(out, clip.ptr);
				}
				kam_buf_puts(out, "</text>\n");
				kam_buf_release(&one);
				kam_buf_release(&clip);
				p = *e != '\0' ? e + 1 : e;
			}
		}
	}
	y = top + 5 * ch;
	for (intr = 1; intr <= 5; intr++)
		kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"middle\">%ld</text>\n", left + (intr - 1) *
		    cw + cw / 2, y + 16, intr);
	kam_buf_printf(out, "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\">",
	    left + 5 * cw / 2, y + 34);
	gantt_xml_text(out, xlabel);
	kam_buf_printf(out, "</text>\n<text x=\"18\" y=\"%ld\" "
	    "text-anchor=\"middle\" transform=\"rotate(-90 18 %ld)\">",
	    top + 5 * ch / 2, top + 5 * ch / 2);
	gantt_xml_text(out, ylabel);
	kam_buf_puts(out, "</text>\n");
	y += 52;
	for (q = 0; q < 4; q++) {
		x = 8 + q * 150;
		kam_buf_printf(out, "<rect x=\"%ld\" y=\"%ld\" width=\"12\" "
		    "height=\"12\" fill=\"%s\" stroke=\"#999\"/><text x=\"%ld\" "
		    "y=\"%ld\">", x, y, shade[q], x + 16, y + 10);
		gantt_xml_text(out, quadrant_words[q]);
		kam_buf_puts(out, "</text>\n");
	}
	kam_buf_puts(out, "</svg>\n");
}

/*
 * Stakeholders: the influence x interest grid of the people assessed
 * (both scores set), as SVG in HTML, and the same by quadrant as a table
 * (what Markdown shows).  Nothing when no one is assessed.
 */
static void
stakeholders_section(struct ctx *c)
{
	static const struct rcol cols[] = { { "quadrant", 0 },
		{ "people", 0 } };
	static const char *const quads[] = { "manage closely",
	    "keep satisfied", "keep informed", "monitor" };
	const char *words[4], *cells[2];
	struct kam_buf names[5][5], byq[4], svg = KAM_BUF_INIT;
	long count[5][5], inf, intr;
	const char *name, *title;
	size_t i, n = 0;
	int q;

	memset(names, 0, sizeof(names));
	memset(byq, 0, sizeof(byq));
	memset(count, 0, sizeof(count));
	for (i = 0; i < c->people.nrows; i++) {
		const struct row *r = &c->people.rows[i];

		if (int_parse(table_get(&c->people, r, PERSON_INFLUENCE), 1, 5,
		    &inf, NULL) == -1 || int_parse(table_get(&c->people, r,
		    PERSON_INTEREST), 1, 5, &intr, NULL) == -1)
			continue;
		name = table_get(&c->people, r, PERSON_NAME);
		if (names[inf - 1][intr - 1].len > 0)
			kam_buf_putc(&names[inf - 1][intr - 1], '\n');
		kam_buf_puts(&names[inf - 1][intr - 1], name);
		count[inf - 1][intr - 1]++;
		q = person_quadrant_rank(person_quadrant(&c->people, r));
		if (byq[q].len > 0)
			kam_buf_puts(&byq[q], ", ");
		kam_buf_puts(&byq[q], name);
		n++;
	}
	if (n == 0)
		return;
	heading(c, 2, "Stakeholders");
	MD(c, "Influence and interest of the people assessed (1-5 each; 4 "
	    "and 5 count as high).\n\n");
	for (q = 0; q < 4; q++)
		words[q] = TR(c, quads[q]);
	title = TR(c, "Stakeholder map: influence and interest");
	svg_people(&svg, title, words, TR(c, "influence"), TR(c, "interest"),
	    names, (const long (*)[5])count);
	rdoc_svg(&c->d, kam_buf_detach(&svg), NULL);
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "No one is assessed.");
	for (q = 0; q < 4; q++) {
		if (byq[q].len == 0)
			continue;
		cells[0] = words[q];
		cells[1] = byq[q].ptr;
		rdoc_row(&c->d, cells);
	}
	for (q = 0; q < 4; q++)
		kam_buf_release(&byq[q]);
	for (inf = 0; inf < 5; inf++)
		for (intr = 0; intr < 5; intr++)
			kam_buf_release(&names[inf][intr]);
}

/* ---- risks ---- */

static void
matrix_chart(struct ctx *c, int all)
{
	long count[5][5], p, i;
	struct kam_buf ids[5][5], svg = KAM_BUF_INIT;
	const char *idp[5][5];
	size_t j;
	char *title;

	memset(count, 0, sizeof(count));
	memset(ids, 0, sizeof(ids));
	for (j = 0; j < c->risks.nrows; j++) {
		const struct row *r = &c->risks.rows[j];

		if (!all && !is(&c->risks, r, &schema_risks, "status", "open"))
			continue;
		if (risk_pi(&c->risks, r, &p, &i) == -1)
			continue;
		count[p - 1][i - 1]++;
		if (count[p - 1][i - 1] <= 20) {
			if (ids[p - 1][i - 1].len > 0)
				kam_buf_putc(&ids[p - 1][i - 1], ' ');
			kam_buf_puts(&ids[p - 1][i - 1], table_get(&c->risks, r,
			    ID_COL));
		} else if (count[p - 1][i - 1] == 21)
			kam_buf_puts(&ids[p - 1][i - 1], " …");
	}
	for (p = 0; p < 5; p++)
		for (i = 0; i < 5; i++)
			idp[p][i] = ids[p][i].ptr;
	title = xstrdup(all ? TR(c, "Risk matrix: all risks by probability "
	    "and impact") : TR(c, "Risk matrix: open risks by probability "
	    "and impact"));
	report_svg_matrix(&svg, title, (const long (*)[5])count,
	    (const char *const (*)[5])idp);
	rdoc_svg(&c->d, kam_buf_detach(&svg), NULL);
	free(title);
	for (p = 0; p < 5; p++)
		for (i = 0; i < 5; i++)
			kam_buf_release(&ids[p][i]);
}

/* A risk's row; status: an eighth cell, or NULL for seven. */
static void
risk_row2(struct ctx *c, const struct row *r, const char *last,
    const char *status)
{
	char sc[16];
	const char *cells[8];

	snprintf(sc, sizeof(sc), "%ld", risk_score(&c->risks, r));
	cells[0] = table_get(&c->risks, r, ID_COL);
	cells[1] = table_get(&c->risks, r, RISK_TITLE);
	cells[2] = sc;
	cells[3] = risk_level(risk_score(&c->risks, r));
	cells[4] = person(c, cell(&c->risks, r, &schema_risks, "owner"));
	cells[5] = cell(&c->risks, r, &schema_risks, "review");
	cells[6] = last;
	cells[7] = status;
	rdoc_row(&c->d, cells);
}

static void
risk_row(struct ctx *c, const struct row *r, const char *last)
{
	risk_row2(c, r, last, NULL);
}

/* Highest score first, then id (qsort_r; arg is the risks table). */
static int
cmp_score(const void *a, const void *b, void *arg)
{
	const struct table *t = arg;
	const struct row *x = *(struct row *const *)a;
	const struct row *y = *(struct row *const *)b;
	long sx = risk_score(t, x), sy = risk_score(t, y);

	if (sx != sy)
		return sx > sy ? -1 : 1;
	return x->num < y->num ? -1 : x->num > y->num;
}

static void
risks_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "id", RC_KEY }, { "risk", 0 }, { "score", RC_NUM },
		{ "level", RC_STATUS }, { "owner", 0 }, { "review", RC_KEY },
		{ "response", 0 },
	};
	static const struct rcol new_cols[] = {
		{ "id", RC_KEY }, { "risk", 0 }, { "score", RC_NUM },
		{ "level", RC_STATUS }, { "owner", 0 }, { "review", RC_KEY },
		{ "raised", RC_KEY }, { "status", RC_STATUS },
	};
	static const struct rcol occ_cols[] = {
		{ "id", RC_KEY }, { "risk", 0 }, { "score", RC_NUM },
		{ "level", RC_STATUS }, { "owner", 0 }, { "review", RC_KEY },
		{ "response", 0 },
	};
	struct row **rows = NULL;
	size_t i, n = 0, nopen = 0, nlevel[4] = { 0, 0, 0, 0 }, nclosed = 0,
	    nocc = 0, cnt;
	char today[11];
	long s;

	heading(c, 2, "Risks");
	if (c->risks.nrows == 0) {
		MD(c, "The risk register is empty.\n\n");
		return;
	}
	rows = xcalloc(c->risks.nrows + 1, sizeof(*rows));
	for (i = 0; i < c->risks.nrows; i++) {
		const struct row *r = &c->risks.rows[i];

		rows[n++] = &c->risks.rows[i];
		if (is(&c->risks, r, &schema_risks, "status", "open")) {
			nopen++;
			s = risk_score(&c->risks, r);
			nlevel[s >= 15 ? 0 : s >= 10 ? 1 : s >= 5 ? 2 : 3]++;
		} else if (is(&c->risks, r, &schema_risks, "status", "closed"))
			nclosed++;
		else
			nocc++;
	}
	qsort_r(rows, n, sizeof(*rows), cmp_score, &c->risks);
	MDF(c, "- Open: **%zu** (%zu critical, %zu high, %zu medium, "
	    "%zu low); closed: %zu; occurred: %zu\n\n", nopen, nlevel[0],
	    nlevel[1], nlevel[2], nlevel[3], nclosed, nocc);
	date_fmt(c->today, today);

	if (!c->final) {
		heading(c, 3, "Open critical and high risks");
		rdoc_table(&c->d, cols, ARRAY_SIZE(cols),
		    "No open risk is critical or high.");
		for (i = cnt = 0; i < n; i++)
			if (is(&c->risks, rows[i], &schema_risks, "status",
			    "open") && risk_score(&c->risks, rows[i]) >= 10 &&
			    cnt++ < LIST_MAX)
				risk_row(c, rows[i], cell(&c->risks, rows[i],
				    &schema_risks, "response"));
		more(c, cnt);

		heading(c, 3, "Raised in the period");
		rdoc_table(&c->d, new_cols, ARRAY_SIZE(new_cols),
		    "No risk was raised in the period.");
		for (i = cnt = 0; i < n; i++) {
			int32_t d = date_cell(&c->risks, rows[i], &schema_risks,
			    "raised");

			/* with its status: a risk raised and closed in
			 * the period is not listed as if it were open */
			if (d != 0 && d >= c->since && d <= c->today &&
			    cnt++ < LIST_MAX)
				risk_row2(c, rows[i], cell(&c->risks, rows[i],
				    &schema_risks, "raised"), cell(&c->risks,
				    rows[i], &schema_risks, "status"));
		}
		more(c, cnt);

		heading(c, 3, "Past their review date");
		rdoc_table(&c->d, cols, ARRAY_SIZE(cols),
		    "No open risk is past its review date.");
		for (i = cnt = 0; i < n; i++) {
			int32_t d = date_cell(&c->risks, rows[i], &schema_risks,
			    "review");

			if (is(&c->risks, rows[i], &schema_risks, "status",
			    "open") && d != 0 && d < c->today &&
			    cnt++ < LIST_MAX)
				risk_row(c, rows[i], cell(&c->risks, rows[i],
				    &schema_risks, "response"));
		}
		more(c, cnt);
		matrix_chart(c, 0);
	} else {
		heading(c, 3, "Risks that occurred");
		rdoc_table(&c->d, occ_cols, ARRAY_SIZE(occ_cols),
		    "No risk occurred.");
		for (i = cnt = 0; i < n; i++)
			if (is(&c->risks, rows[i], &schema_risks, "status",
			    "occurred") && cnt++ < LIST_MAX)
				risk_row(c, rows[i], cell(&c->risks, rows[i],
				    &schema_risks, "response"));
		more(c, cnt);
		matrix_chart(c, 1);
	}
	free(rows);
}

/* ---- the issue log ---- */

static void
issues_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "id", RC_KEY }, { "issue", 0 }, { "severity", RC_STATUS },
		{ "owner", 0 }, { "due", RC_KEY }, { "escalation", RC_NUM },
		{ "status", 0 },
	};
	const struct table *t = &c->issues;
	size_t i, cnt = 0, nopen = 0, ncrit = 0, nesc = 0, nres = 0, nclo = 0;
	const char *cells[7];

	/* A project that keeps no issue log gets no section. */
	if (t->nrows == 0)
		return;
	heading(c, 2, "Issues");
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];

		if (rec_is_open(&issue_type, t, r)) {
			nopen++;
			ncrit += strcmp(table_get(t, r, ISSUE_SEVERITY),
			    "critical") == 0;
			nesc += strcmp(table_get(t, r, ISSUE_ESCALATION),
			    "3") == 0;
		} else if (strcmp(table_get(t, r, ISSUE_STATUS),
		    "resolved") == 0)
			nres++;
		else
			nclo++;
	}
	MDF(c, "- Open: **%zu** (%zu critical, %zu at escalation "
	    "level 3); resolved: %zu; closed: %zu\n\n", nopen, ncrit, nesc,
	    nres, nclo);
	heading(c, 3, "Open issues");
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "No issue is open.");
	for (i = 0; i < t->nrows; i++) {
		const struct row *r = &t->rows[i];

		if (!rec_is_open(&issue_type, t, r) || cnt++ >= LIST_MAX)
			continue;
		cells[0] = table_get(t, r, ISSUE_ID);
		cells[1] = table_get(t, r, ISSUE_TITLE);
		cells[2] = table_get(t, r, ISSUE_SEVERITY);
		cells[3] = person(c, table_get(t, r, ISSUE_OWNER));
		cells[4] = table_get(t, r, ISSUE_DUE);
		cells[5] = table_get(t, r, ISSUE_ESCALATION);
		cells[6] = table_get(t, r, ISSUE_STATUS);
		rdoc_row(&c->d, cells);
	}
	more(c, cnt);
}

/* ---- requirements ---- */

static void
requirements_section(struct ctx *c)
{
	static const struct rcol count_cols[] = {
		{ "draft", RC_NUM }, { "analysed", RC_NUM },
		{ "confirmed", RC_NUM }, { "done", RC_NUM },
		{ "rejected", RC_NUM }, { "total", RC_NUM },
	};
	static const struct rcol conf_cols[] = {
		{ "id", RC_KEY }, { "requirement", 0 }, { "priority", 0 },
		{ "confirmed by", 0 }, { "on", RC_KEY },
	};
	static const struct rcol cr_cols[] = {
		{ "id", RC_KEY }, { "change", 0 }, { "requirement", 0 },
		{ "cost", RC_NUM }, { "days", RC_NUM }, { "requested by", 0 },
	};
	long cnt[REQ_NSTATUS + 1];
	char b[REQ_NSTATUS + 1][24], m[MONEY_HUMAN_MAX];
	const char *cells[REQ_NSTATUS + 1];
	size_t i, n;
	int st;
	int64_t acost = 0, v;
	long adays = 0, d, napp = 0, nrej = 0, nprop = 0;

	heading(c, 2, c->final ? "Scope and requirements" : "Requirements");
	memset(cnt, 0, sizeof(cnt));
	for (i = 0; i < c->reqs.nrows; i++)
		if ((st = reqflow_status(cell(&c->reqs, &c->reqs.rows[i],
		    &schema_requirements, "status"))) != -1)
			cnt[st]++;
	for (i = 0; i < REQ_NSTATUS; i++) {
		snprintf(b[i], sizeof(b[i]), "%ld", cnt[i]);
		cells[i] = b[i];
	}
	snprintf(b[REQ_NSTATUS], sizeof(b[0]), "%zu", c->reqs.nrows);
	cells[REQ_NSTATUS] = b[REQ_NSTATUS];
	if (c->reqs.nrows == 0)
		MD(c, "No requirements yet.\n\n");
	else {
		rdoc_table(&c->d, count_cols, ARRAY_SIZE(count_cols), "");
		rdoc_row(&c->d, cells);
	}
	for (i = 0; i < c->changes.nrows; i++) {
		const struct row *r = &c->changes.rows[i];

		if (is(&c->changes, r, &schema_changes, "status", "approved")) {
			napp++;
			if (money_parse(cell(&c->changes, r, &schema_changes,
			    "cost"), c->p->digits, &v, NULL) == 0 &&
			    !__builtin_add_overflow(acost, v, &v))
				acost = v;
			if (int_parse(cell(&c->changes, r, &schema_changes,
			    "days"), -1000000, 1000000, &d, NULL) == 0)
				adays += d;
		} else if (is(&c->changes, r, &schema_changes, "status",
		    "rejected"))
			nrej++;
		else
			nprop++;
	}
	if (c->changes.nrows > 0)
		MDF(c, "Change requests: %ld approved (%s, %ld "
		    "working day%s), %ld rejected, %ld pending.\n\n", napp,
		    money(c, acost, m), adays, plural(c, adays), nrej, nprop);
	if (!c->final) {
		heading(c, 3, "Confirmed in the period");
		rdoc_table(&c->d, conf_cols, ARRAY_SIZE(conf_cols),
		    "No requirement was confirmed in the period.");
		for (i = n = 0; i < c->reqs.nrows; i++) {
			const struct row *r = &c->reqs.rows[i];
			int32_t dd = date_cell(&c->reqs, r,
			    &schema_requirements, "confirmed_on");

			if (dd == 0 || dd < c->since || dd > c->today ||
			    n++ >= LIST_MAX)
				continue;
			cells[0] = table_get(&c->reqs, r, ID_COL);
			cells[1] = table_get(&c->reqs, r, REQ_TITLE);
			cells[2] = cell(&c->reqs, r, &schema_requirements,
			    "priority");
			cells[3] = person(c, cell(&c->reqs, r,
			    &schema_requirements, "confirmed_by"));
			cells[4] = cell(&c->reqs, r, &schema_requirements,
			    "confirmed_on");
			rdoc_row(&c->d, cells);
		}
		more(c, n);
	}
	heading(c, 3, "Pending change requests");
	rdoc_table(&c->d, cr_cols, ARRAY_SIZE(cr_cols),
	    "No change request is waiting for a decision.");
	for (i = n = 0; i < c->changes.nrows; i++) {
		const struct row *r = &c->changes.rows[i];

		if (!is(&c->changes, r, &schema_changes, "status",
		    "proposed") || n++ >= LIST_MAX)
			continue;
		cells[0] = table_get(&c->changes, r, ID_COL);
		cells[1] = table_get(&c->changes, r, CHANGE_TITLE);
		cells[2] = cell(&c->changes, r, &schema_changes, "req");
		cells[3] = cell(&c->changes, r, &schema_changes, "cost");
		cells[4] = cell(&c->changes, r, &schema_changes, "days");
		cells[5] = person(c, cell(&c->changes, r, &schema_changes,
		    "requested_by"));
		rdoc_row(&c->d, cells);
	}
	more(c, n);
}

/* ---- quality ---- */

static const char *const severities[] = { "critical", "major", "minor" };

static void
quality_section(struct ctx *c)
{
	static const struct rcol sev_cols[] = {
		{ "severity", RC_STATUS }, { "open", RC_NUM },
		{ "fixed", RC_NUM }, { "verified", RC_NUM },
		{ "rework hours", RC_NUM },
	};
	static const struct rcol open_cols[] = {
		{ "id", RC_KEY }, { "defect", 0 }, { "severity", RC_STATUS },
		{ "subject", 0 }, { "found", RC_KEY },
	};
	long checks = 0, passed = 0, failed = 0, recent = 0, h;
	long sev[3][3], rework[3], rework_total = 0;
	char pct[48], b[3][5][24];
	const char *cells[5], *st;
	size_t i, j, n;
	int32_t d;

	if (c->quality.nrows == 0 && c->defects.nrows == 0)
		return;
	heading(c, 2, "Quality");
	memset(sev, 0, sizeof(sev));
	memset(rework, 0, sizeof(rework));
	for (i = 0; i < c->quality.nrows; i++) {
		const struct row *r = &c->quality.rows[i];

		checks++;
		passed += is(&c->quality, r, &schema_quality, "result", "pass");
		failed += is(&c->quality, r, &schema_quality, "result", "fail");
		d = date_cell(&c->quality, r, &schema_quality, "date");
		recent += d != 0 && d >= c->since && d <= c->today;
	}
	for (i = 0; i < c->defects.nrows; i++) {
		const struct row *r = &c->defects.rows[i];

		for (j = 0; j < 3; j++)
			if (is(&c->defects, r, &schema_defects, "severity",
			    severities[j]))
				break;
		if (j == 3)
			continue;
		st = cell(&c->defects, r, &schema_defects, "status");
		sev[j][strcmp(st, "open") == 0 ? 0 : strcmp(st, "fixed") == 0 ?
		    1 : 2]++;
		if (int_parse(cell(&c->defects, r, &schema_defects, "rework"),
		    0, 1000000, &h, NULL) == 0) {
			rework[j] += h;
			rework_total += h;
		}
	}
	if (checks > 0) {
		MDF(c, "- Quality checks: %ld, pass rate **%s%%** "
		    "(%ld passed, %ld failed)", checks, budget_pct_fmt(passed,
		    checks, pct), passed, failed);
		if (!c->final)
			MDF(c, "; %ld in the period", recent);
		MD(c, "\n");
	} else
		MD(c, "- No quality checks yet\n");
	MDF(c, "- Open defects: %ld critical, %ld major, %ld minor; "
	    "rework %ld hour%s\n\n", sev[0][0], sev[1][0], sev[2][0],
	    rework_total, plural(c, rework_total));
	if (c->defects.nrows == 0)
		return;
	if (c->final) {
		rdoc_table(&c->d, sev_cols, ARRAY_SIZE(sev_cols), "");
		for (j = 0; j < 3; j++) {
			snprintf(b[j][0], 24, "%ld", sev[j][0]);
			snprintf(b[j][1], 24, "%ld", sev[j][1]);
			snprintf(b[j][2], 24, "%ld", sev[j][2]);
			snprintf(b[j][3], 24, "%ld", rework[j]);
			cells[0] = severities[j];
			cells[1] = b[j][0];
			cells[2] = b[j][1];
			cells[3] = b[j][2];
			cells[4] = b[j][3];
			rdoc_row(&c->d, cells);
		}
		return;
	}
	heading(c, 3, "Open critical and major defects");
	rdoc_table(&c->d, open_cols, ARRAY_SIZE(open_cols),
	    "No critical or major defect is open.");
	for (j = 0, n = 0; j < 2; j++)
		for (i = 0; i < c->defects.nrows; i++) {
			const struct row *r = &c->defects.rows[i];

			if (!is(&c->defects, r, &schema_defects, "status",
			    "open") || !is(&c->defects, r, &schema_defects,
			    "severity", severities[j]) || n++ >= LIST_MAX)
				continue;
			cells[0] = table_get(&c->defects, r, ID_COL);
			cells[1] = table_get(&c->defects, r, DEFECT_TITLE);
			cells[2] = severities[j];
			cells[3] = cell(&c->defects, r, &schema_defects,
			    "subject");
			cells[4] = cell(&c->defects, r, &schema_defects,
			    "found");
			rdoc_row(&c->d, cells);
		}
	more(c, n);
}

/* ---- satisfaction ---- */

static int
cmp_month_str(const void *a, const void *b)
{
	return strcmp(a, b);
}

static void
satisfaction_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "month", RC_KEY }, { "responses", RC_NUM },
		{ "average", RC_NUM }, { "NPS", RC_NUM },
	};
	struct csat_tally all = CSAT_TALLY_INIT, recent = CSAT_TALLY_INIT,
	    period = CSAT_TALLY_INIT, *mt = NULL;
	char (*months)[8] = NULL, d1[11], d2[11], b[3][24];
	long *av = NULL, *cnt = NULL, v;
	size_t i, k, nm = 0;
	int32_t d, from = c->today - 89;
	const char *cells[4];

	if (c->csat.nrows == 0)
		return;
	heading(c, 2, "Customer satisfaction");
	months = xcalloc(c->csat.nrows, sizeof(*months));
	for (i = 0; i < c->csat.nrows; i++) {
		const struct row *r = &c->csat.rows[i];
		const char *ds = cell(&c->csat, r, &schema_csat, "date");

		if (csat_response(&c->csat, r, &v, &d) == -1)
			continue;
		csat_tally_add(&all, v);
		if (d >= from && d <= c->today)
			csat_tally_add(&recent, v);
		if (d >= c->since && d <= c->today)
			csat_tally_add(&period, v);
		for (k = 0; k < nm; k++)
			if (strncmp(months[k], ds, 7) == 0)
				break;
		if (k == nm)
			memcpy(months[nm++], ds, 7);
	}
	qsort(months, nm, sizeof(*months), cmp_month_str);
	mt = xcalloc(nm + 1, sizeof(*mt));
	for (i = 0; i < c->csat.nrows; i++) {
		const struct row *r = &c->csat.rows[i];
		const char *ds = cell(&c->csat, r, &schema_csat, "date");

		if ((v = csat_score(&c->csat, r)) == -1)
			continue;
		for (k = 0; k < nm; k++)
			if (strncmp(months[k], ds, 7) == 0) {
				csat_tally_add(&mt[k], v);
				break;
			}
	}
	if (recent.n > 0)
		MDF(c, "- Last 90 days (%s to %s): average "
		    "**%ld.%ld** of %ld response%s, NPS %ld (minimum %ld: "
		    "%s)\n",
		    date_fmt(from, d1), date_fmt(c->today, d2),
		    csat_avg10(&recent) / 10, csat_avg10(&recent) % 10, recent.n,
		    plural(c, recent.n), csat_nps(&recent), c->p->csat_min,
		    TR(c, recent.sum < c->p->csat_min * recent.n ? "below" :
		    "met"));
	else
		MDF(c, "- No responses in the last 90 days (%s to "
		    "%s)\n", date_fmt(from, d1), date_fmt(c->today, d2));
	MDF(c, "- All responses: average %ld.%ld of %ld, NPS %ld\n",
	    csat_avg10(&all) / 10, csat_avg10(&all) % 10, all.n, csat_nps(&all));
	if (!c->final) {
		if (period.n > 0)
			MDF(c, "- In the period: %ld response%s, "
			    "average %ld.%ld\n", period.n, plural(c, period.n),
			    csat_avg10(&period) / 10, csat_avg10(&period) % 10);
		else
			MD(c, "- No responses in the period\n");
	}
	MD(c, "\n");
	if (c->final) {
		rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "");
		for (k = 0; k < nm; k++) {
			snprintf(b[0], 24, "%ld", mt[k].n);
			snprintf(b[1], 24, "%ld.%ld", csat_avg10(&mt[k]) / 10,
			    csat_avg10(&mt[k]) % 10);
			snprintf(b[2], 24, "%ld", csat_nps(&mt[k]));
			cells[0] = months[k];
			cells[1] = b[0];
			cells[2] = b[1];
			cells[3] = b[2];
			rdoc_row(&c->d, cells);
		}
	}
	if (nm > 0 && nm <= MONTHS_MAX) {
		struct kam_buf svg = KAM_BUF_INIT;
		const char *title = TR(c, "Satisfaction by month: average "
		    "score");

		av = xcalloc(nm, sizeof(*av));
		cnt = xcalloc(nm, sizeof(*cnt));
		for (k = 0; k < nm; k++) {
			av[k] = csat_avg10(&mt[k]);
			cnt[k] = mt[k].n;
		}
		report_svg_trend(&svg, title, months, nm, av, cnt,
		    c->p->csat_min);
		rdoc_svg(&c->d, kam_buf_detach(&svg), NULL);
	}
	free(av);
	free(cnt);
	free(mt);
	free(months);
}

/* ---- minutes ---- */

struct act {
	const struct minutes		*m;
	const struct minutes_item	*a;
};

static int
cmp_act(const void *x, const void *y)
{
	const struct act *a = x, *b = y;

	if (a->a->has_due != b->a->has_due)
		return a->a->has_due ? -1 : 1;
	if (a->a->has_due && a->a->due != b->a->due)
		return a->a->due < b->a->due ? -1 : 1;
	if (a->m != b->m)
		return a->m < b->m ? -1 : 1;
	return a->a < b->a ? -1 : a->a > b->a;
}

static void
minutes_section(struct ctx *c)
{
	static const struct rcol dec_cols[] = {
		{ "date", RC_KEY }, { "meeting", 0 }, { "decision", 0 },
	};
	static const struct rcol act_cols[] = {
		{ "due", RC_KEY }, { "owner", 0 }, { "action", 0 },
		{ "meeting", 0 }, { "status", RC_STATUS },
	};
	struct act *acts = NULL;
	const char *cells[5];
	char d1[11], d2[11], mt[64], *plain = NULL;
	size_t i, j, n = 0, na = 0;

	if (!c->final) {
		heading(c, 2, "Decisions in the period");
		rdoc_table(&c->d, dec_cols, ARRAY_SIZE(dec_cols),
		    "No decisions were recorded in the period.");
		for (i = 0; i < c->nmins; i++) {
			const struct minutes *m = &c->mins[i];

			if (!m->has_date || m->date < c->since ||
			    m->date > c->today)
				continue;
			for (j = 0; j < m->ndecisions; j++) {
				if (n++ >= LIST_MAX)
					continue;
				cells[0] = date_fmt(m->date, d1);
				cells[1] = m->title;
				cells[2] = m->decisions[j].text;
				rdoc_row(&c->d, cells);
			}
		}
		more(c, n);
	}
	for (i = 0; i < c->nmins; i++)
		na += c->mins[i].nactions;
	acts = xcalloc(na + 1, sizeof(*acts));
	for (i = n = 0; i < c->nmins; i++)
		for (j = 0; j < c->mins[i].nactions; j++)
			if (!c->mins[i].actions[j].done) {
				acts[n].m = &c->mins[i];
				acts[n++].a = &c->mins[i].actions[j];
			}
	qsort(acts, n, sizeof(*acts), cmp_act);
	heading(c, 2, c->final ? "Open actions left" : "Open actions");
	rdoc_table(&c->d, act_cols, ARRAY_SIZE(act_cols),
	    "No action is open.");
	for (i = 0; i < n && i < LIST_MAX; i++) {
		const struct minutes_item *a = acts[i].a;

		cells[0] = a->has_due ? date_fmt(a->due, d1) : "";
		cells[1] = person(c, a->owner);
		free(plain);
		cells[2] = plain = minutes_plain(a->text);
		if (acts[i].m->has_date)
			snprintf(mt, sizeof(mt), "%s", date_fmt(acts[i].m->date,
			    d2));
		else
			mt[0] = '\0';
		cells[3] = mt[0] != '\0' ? mt : acts[i].m->path;
		cells[4] = a->has_due && a->due < c->today ? "late" : "open";
		rdoc_row(&c->d, cells);
	}
	more(c, n);
	free(plain);
	free(acts);
}

/* ---- lessons ---- */

static void
lessons_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "id", RC_KEY }, { "date", RC_KEY }, { "area", 0 },
		{ "kind", RC_STATUS }, { "lesson", 0 }, { "action", 0 },
	};
	static const struct rcol fcols[] = {
		{ "id", RC_KEY }, { "area", 0 }, { "lesson", 0 },
		{ "action", 0 },
	};
	static const char *const kinds[] = { "keep", "improve" };
	const char *cells[6];
	size_t i, n, kd;
	int32_t d;

	if (!c->final) {
		heading(c, 2, "Lessons added in the period");
		rdoc_table(&c->d, cols, ARRAY_SIZE(cols),
		    "No lessons were added in the period.");
		for (i = n = 0; i < c->lessons.nrows; i++) {
			const struct row *r = &c->lessons.rows[i];

			d = date_cell(&c->lessons, r, &schema_lessons, "date");
			if (d == 0 || d < c->since || d > c->today ||
			    n++ >= LIST_MAX)
				continue;
			cells[0] = table_get(&c->lessons, r, ID_COL);
			cells[1] = cell(&c->lessons, r, &schema_lessons,
			    "date");
			cells[2] = cell(&c->lessons, r, &schema_lessons,
			    "area");
			cells[3] = cell(&c->lessons, r, &schema_lessons,
			    "kind");
			cells[4] = cell(&c->lessons, r, &schema_lessons,
			    "lesson");
			cells[5] = cell(&c->lessons, r, &schema_lessons,
			    "action");
			rdoc_row(&c->d, cells);
		}
		more(c, n);
		return;
	}
	heading(c, 2, "Lessons learned");
	if (c->lessons.nrows == 0) {
		MD(c, "No lessons were recorded.\n\n");
		return;
	}
	for (kd = 0; kd < 2; kd++) {
		heading(c, 3, kd == 0 ? "Keep doing" : "Improve");
		rdoc_table(&c->d, fcols, ARRAY_SIZE(fcols), "None.");
		for (i = n = 0; i < c->lessons.nrows; i++) {
			const struct row *r = &c->lessons.rows[i];

			if (!is(&c->lessons, r, &schema_lessons, "kind",
			    kinds[kd]) || n++ >= 4 * LIST_MAX)
				continue;
			cells[0] = table_get(&c->lessons, r, ID_COL);
			cells[1] = cell(&c->lessons, r, &schema_lessons,
			    "area");
			cells[2] = cell(&c->lessons, r, &schema_lessons,
			    "lesson");
			cells[3] = cell(&c->lessons, r, &schema_lessons,
			    "action");
			rdoc_row(&c->d, cells);
		}
		if (n > 4 * LIST_MAX)
			MDF(c, "…and %zu more.\n\n",
			    n - 4 * LIST_MAX);
	}
}

/* ---- final: goals, summary, open items ---- */

/* Goals by status: a dropped goal counts apart, neither met nor missed. */
struct goal_count {
	long	met, missed, open, dropped;
};

static void
goal_count(const struct table *g, struct goal_count *n)
{
	size_t i;

	memset(n, 0, sizeof(*n));
	for (i = 0; i < g->nrows; i++) {
		const struct row *r = &g->rows[i];

		if (is(g, r, &schema_goals, "status", "met"))
			n->met++;
		else if (is(g, r, &schema_goals, "status", "missed"))
			n->missed++;
		else if (is(g, r, &schema_goals, "status", "dropped"))
			n->dropped++;
		else
			n->open++;
	}
}

static void
goals_section(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "id", RC_KEY }, { "goal", 0 }, { "metric", 0 },
		{ "baseline", RC_NUM }, { "target", RC_NUM },
		{ "actual", RC_NUM }, { "progress", RC_NUM },
		{ "status", RC_STATUS },
	};
	const char *cells[8], *st, *meas, *dir;
	char pct[24], stbuf[64];
	struct goal_count n;
	size_t i;
	long pr;

	heading(c, 2, "Goals");
	if (c->goals.nrows == 0) {
		MD(c, "No goals were set.\n\n");
		return;
	}
	goal_count(&c->goals, &n);
	MDF(c, "**%ld of %ld** goal%s met", n.met, n.met + n.missed +
	    n.open, plural(c, n.met + n.missed + n.open));
	if (n.missed > 0 && n.open > 0)
		MDF(c, " (%ld missed, %ld open)", n.missed, n.open);
	else if (n.missed > 0)
		MDF(c, " (%ld missed)", n.missed);
	else if (n.open > 0)
		MDF(c, " (%ld open)", n.open);
	if (n.dropped > 0)
		MDF(c, "; %ld dropped, not counted", n.dropped);
	MD(c, ".\n\n");
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "");
	for (i = 0; i < c->goals.nrows; i++) {
		const struct row *r = &c->goals.rows[i];
		const char *b = cell(&c->goals, r, &schema_goals, "baseline");
		const char *t = cell(&c->goals, r, &schema_goals, "target");
		const char *a = cell(&c->goals, r, &schema_goals, "actual");

		dir = table_get(&c->goals, r, GOAL_DIRECTION);
		if (goal_progress(b, t, a, dir, &pr) == 0)
			snprintf(pct, sizeof(pct), "%ld%%", pr);
		else
			pct[0] = '\0';
		st = cell(&c->goals, r, &schema_goals, "status");
		meas = goal_status(b, t, a, dir, cell(&c->goals, r,
		    &schema_goals, "due"), c->today);
		if (strcmp(st, "open") == 0 && meas != NULL &&
		    strcmp(meas, "open") != 0) {
			snprintf(stbuf, sizeof(stbuf), strcmp(meas,
			    "unknown") == 0 ? TR(c, "open (direction unknown)") :
			    TR(c, "open (measured: %s)"), TR(c, meas));
			st = stbuf;
		}
		cells[0] = table_get(&c->goals, r, ID_COL);
		cells[1] = table_get(&c->goals, r, GOAL_TITLE);
		cells[2] = cell(&c->goals, r, &schema_goals, "metric");
		cells[3] = b;
		cells[4] = t;
		cells[5] = a;
		cells[6] = pct;
		cells[7] = st;
		rdoc_row(&c->d, cells);
	}
}

static void
open_items(struct ctx *c)
{
	static const struct rcol cols[] = {
		{ "kind", 0 }, { "open", RC_NUM }, { "ids", 0 },
	};
	struct kam_buf ids = KAM_BUF_INIT;
	const char *cells[3];
	char cnt[24];
	size_t i, j, n;

	heading(c, 2, "Open items left");
	rdoc_table(&c->d, cols, ARRAY_SIZE(cols), "Nothing is left open.");
#define ITEM(kind, cond, tab) do {						\
	kam_buf_reset(&ids);						\
	for (i = n = 0; i < (tab)->nrows; i++) {			\
		const struct row *r = &(tab)->rows[i];			\
									\
		if (!(cond))						\
			continue;					\
		if (n++ < 12) {						\
			if (ids.len > 0)				\
				kam_buf_putc(&ids, ' ');		\
			kam_buf_puts(&ids, table_get((tab), r, ID_COL));\
		} else if (n == 13)					\
			kam_buf_puts(&ids, " …");			\
	}								\
	if (n > 0) {							\
		snprintf(cnt, sizeof(cnt), "%zu", n);			\
		cells[0] = TR(c, kind);					\
		cells[1] = cnt;						\
		cells[2] = ids.ptr;					\
		rdoc_row(&c->d, cells);					\
	}								\
} while (0)
	ITEM("unfinished tasks", *cell(&c->tasks, r, &schema_tasks,
	    "finish") == '\0', &c->tasks);
	ITEM("open risks", is(&c->risks, r, &schema_risks, "status", "open"), &c->risks);
	ITEM("requirements not done", is(&c->reqs, r, &schema_requirements,
	    "status", "draft") || is(&c->reqs, r, &schema_requirements,
	    "status", "analysed") || is(&c->reqs, r, &schema_requirements,
	    "status", "confirmed"), &c->reqs);
	ITEM("pending change requests", is(&c->changes, r, &schema_changes,
	    "status", "proposed"), &c->changes);
	ITEM("open defects", is(&c->defects, r, &schema_defects, "status",
	    "open"), &c->defects);
	ITEM("open goals", is(&c->goals, r, &schema_goals, "status", "open"), &c->goals);
#undef ITEM
	for (i = n = 0; i < c->nmins; i++)
		for (j = 0; j < c->mins[i].nactions; j++)
			n += !c->mins[i].actions[j].done;
	if (n > 0) {
		snprintf(cnt, sizeof(cnt), "%zu", n);
		cells[0] = TR(c, "open actions");
		cells[1] = cnt;
		cells[2] = "";
		rdoc_row(&c->d, cells);
	}
	kam_buf_release(&ids);
}

static void
final_summary(struct ctx *c)
{
	char d1[11], d2[11], words[64], b1[MONEY_HUMAN_MAX],
	    b2[MONEY_HUMAN_MAX], pct[48];
	int32_t bf = 0;
	long var = 0, passed = 0;
	size_t i, ndone = 0;
	const struct budget_line *t = &c->audit.total;
	struct goal_count gn;

	goal_count(&c->goals, &gn);
	for (i = 0; i < c->pl.ntasks; i++)
		ndone += c->pl.tasks[i].finished;
	heading(c, 2, "Summary");
	if (c->goals.nrows > 0) {
		MDF(c, "- Goals: **%ld of %ld met**", gn.met,
		    gn.met + gn.missed + gn.open);
		if (gn.dropped > 0)
			MDF(c, "; %ld dropped", gn.dropped);
		MD(c, "\n");
	}
	if (c->pl.ntasks > 0) {
		MDF(c, "- Schedule: %s %s", ndone == c->pl.ntasks ?
		    TR(c, "finished") : TR(c, "forecast to finish"),
		    date_fmt(c->pl.finish,
		    d1));
		if (plan_baseline_finish(&c->pl, &bf, &var)) {
			variance_words(c, var, words, sizeof(words));
			MDF(c, " against a baseline of %s: **%s**",
			    date_fmt(bf, d2), words);
		}
		MDF(c, "; %zu of %zu tasks done\n", ndone,
		    c->pl.ntasks);
	}
	if (t->planned != 0 || t->actual != 0) {
		MDF(c, "- Cost: %s spent of %s planned", money(c,
		    t->actual, b1), money(c, t->planned, b2));
		if (t->has_pct)
			MDF(c, " (**%s%%**)", budget_pct_fmt(t->actual,
			    t->planned, pct));
		MD(c, "\n");
	}
	if (c->quality.nrows > 0) {
		for (i = 0; i < c->quality.nrows; i++)
			passed += is(&c->quality, &c->quality.rows[i],
			    &schema_quality, "result", "pass");
		MDF(c, "- Quality: pass rate %s%% of %zu checks\n",
		    budget_pct_fmt(passed, (int64_t)c->quality.nrows, pct),
		    c->quality.nrows);
	}
	MDF(c, "- Health at the close: **%s**\n\n",
	    TR(c, health_status_name(health_overall(&c->h))));
}

/* ---- the command ---- */

static int
load(struct ctx *c)
{
	if (health_run(&c->h, c->p) == -1)
		return -1;
	if (c->h.nerror > 0)
		return kam_err(KAM_EX_DATA, "%zu problem%s in the project's "
		    "files; fix them first (see kam check)", c->h.nerror,
		    plural(c, (long)c->h.nerror));
	if (store_load(c->p, NULL, &schema_tasks, &c->tasks) == -1 ||
	    store_load(c->p, NULL, &schema_risks, &c->risks) == -1 ||
	    store_load(c->p, NULL, &schema_requirements, &c->reqs) == -1 ||
	    store_load(c->p, NULL, &schema_changes, &c->changes) == -1 ||
	    store_load(c->p, NULL, &schema_goals, &c->goals) == -1 ||
	    store_load(c->p, NULL, &schema_quality, &c->quality) == -1 ||
	    store_load(c->p, NULL, &schema_defects, &c->defects) == -1 ||
	    store_load(c->p, NULL, &schema_csat, &c->csat) == -1 ||
	    store_load(c->p, NULL, &schema_lessons, &c->lessons) == -1 ||
	    store_load(c->p, NULL, &schema_people, &c->people) == -1 ||
	    store_load(c->p, NULL, &schema_issues, &c->issues) == -1 ||
	    store_load(c->p, NULL, &schema_billing, &c->billing) == -1)
		return -1;
	table_sort(&c->tasks);
	table_sort(&c->risks);
	table_sort(&c->reqs);
	table_sort(&c->changes);
	table_sort(&c->goals);
	table_sort(&c->defects);
	table_sort(&c->lessons);
	table_sort(&c->issues);
	if (plan_compute(&c->pl, c->p, &c->tasks) == -1 ||
	    plan_compute_flags(&c->ref, c->p, &c->tasks, PLAN_NO_ACTUALS) ==
	    -1 || budget_audit(&c->audit, c->p, NULL) == -1 ||
	    budget_evm(&c->evm, c->p, &c->tasks) == -1 ||
	    minutes_load_all(c->p, &c->mins, &c->nmins) == -1)
		return -1;
	return 0;
}

static void
ctx_release(struct ctx *c)
{
	rdoc_release(&c->d);
	health_release(&c->h);
	plan_release(&c->pl);
	plan_release(&c->ref);
	budget_audit_release(&c->audit);
	budget_evm_release(&c->evm);
	minutes_free_all(c->mins, c->nmins);
	table_release(&c->tasks);
	table_release(&c->risks);
	table_release(&c->reqs);
	table_release(&c->changes);
	table_release(&c->goals);
	table_release(&c->quality);
	table_release(&c->defects);
	table_release(&c->csat);
	table_release(&c->lessons);
	table_release(&c->people);
	table_release(&c->issues);
	table_release(&c->billing);
}

int
report_build(struct rdoc *out, struct project *p, int final, int32_t since)
{
	static const struct ctx init = { NULL, 0, 0, 0, RDOC_INIT,
	    HEALTH_INIT, TABLE_INIT, TABLE_INIT, TABLE_INIT, TABLE_INIT,
	    TABLE_INIT, TABLE_INIT, TABLE_INIT, TABLE_INIT, TABLE_INIT,
	    TABLE_INIT, TABLE_INIT, TABLE_INIT, PLAN_INIT, PLAN_INIT,
	    BUDGET_AUDIT_INIT,
	    BUDGET_EVM_INIT, NULL, 0, LANG_EN };
	struct ctx c = init;
	char t[11];
	int ret = -1;

	c.p = p;
	c.final = final;
	c.today = p->today;
	c.since = since;
	c.lang = p->lang;
	if (load(&c) == -1)
		goto out;
	header(&c);
	if (final) {
		final_summary(&c);
		goals_section(&c);
		schedule_section(&c);
		budget_section(&c);
		requirements_section(&c);
		quality_section(&c);
		satisfaction_section(&c);
		risks_section(&c);
		team_section(&c);
		lessons_section(&c);
		open_items(&c);
		minutes_section(&c);
		health_section(&c);
	} else {
		health_section(&c);
		schedule_section(&c);
		budget_section(&c);
		team_section(&c);
		stakeholders_section(&c);
		risks_section(&c);
		issues_section(&c);
		requirements_section(&c);
		quality_section(&c);
		satisfaction_section(&c);
		minutes_section(&c);
		lessons_section(&c);
	}
	MDF(&c, "---\n\n*Written by kam report from the project's "
	    "files on %s.*\n", date_fmt(c.today, t));
	*out = c.d;
	c.d = (struct rdoc)RDOC_INIT;
	ret = 0;
out:
	ctx_release(&c);
	return ret;
}
