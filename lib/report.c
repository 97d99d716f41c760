/*
 * report.c: report documents as Markdown or one self-contained HTML page,
 * and the charts kam draws into them (report.h).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "gantt.h"
#include "out.h"
#include "report.h"
#include "value.h"

enum part_kind { PART_MD, PART_TABLE, PART_SVG };

struct rpart {
	enum part_kind		 kind;
	struct kam_buf		 md;		/* PART_MD; PART_SVG: the svg */
	char			*caption;	/* PART_SVG */
	const struct rcol	*cols;		/* PART_TABLE */
	size_t			 ncols;
	char			*empty;
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
	struct kam_buf *b = md_part(d);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	kam_buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
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
	esc = out_escape(b.ptr);
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
		kam_buf_printf(b, "%s\n\n", p->empty);
		return;
	}
	for (c = 0; c < p->ncols; c++) {
		kam_buf_puts(b, c == 0 ? "| " : " | ");
		md_escape(b, p->cols[c].name);
	}
	kam_buf_puts(b, " |\n");
	for (c = 0; c < p->ncols; c++)
		kam_buf_puts(b, p->cols[c].flags & RC_NUM ? "|---:" : "|---");
	kam_buf_puts(b, "|\n");
	for (r = 0; r < p->nrows; r++) {
		for (c = 0; c < p->ncols; c++) {
			kam_buf_puts(b, c == 0 ? "| " : " | ");
			md_escape(b, p->cells[r * p->ncols + c]);
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
		gantt_xml_text(b, p->empty);
		kam_buf_puts(b, "</p>\n");
		return;
	}
	kam_buf_puts(b, "<div class=\"tw\"><table>\n<thead><tr>");
	for (c = 0; c < p->ncols; c++) {
		kam_buf_puts(b, p->cols[c].flags & RC_NUM ? "<th class=\"n\">" :
		    p->cols[c].flags & RC_KEY ? "<th class=\"k\">" : "<th>");
		gantt_xml_text(b, p->cols[c].name);
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
				html_cell(b, cell);
				kam_buf_puts(b, "</span>");
			} else
				html_cell(b, cell);
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
    int digits, const char *currency)
{
	const long width = 960, left = 76, top = 44, pw = 860, ph = 220;
	int64_t ymax = budget, cum = 0, step, v;
	long slot, bw, x, y, py = 0;
	size_t k, every;
	char b1[32], b2[32];

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
		    "height=\"%ld\" fill=\"#9cc3e6\"><title>%s: spent %s ",
		    x + (slot - bw) / 2, y, bw, top + ph - y, months[k],
		    money_fmt(actual[k], digits, b1));
		gantt_xml_text(out, currency);
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
		    "stroke-dasharray=\"6 4\"><title>budget %s ", left, y,
		    left + pw, y, money_fmt(budget, digits, b1));
		gantt_xml_text(out, currency);
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
			    "r=\"3\" fill=\"#f08c00\"><title>%s: planned value "
			    "%s ",
			    left + (long)k * slot + slot / 2,
			    scale_y(planned[k], ymax, top, ph), months[k],
			    money_fmt(planned[k], digits, b1));
			gantt_xml_text(out, currency);
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
			    "date %s ",
			    left + (long)k * slot + slot / 2, py, months[k],
			    money_fmt(cum, digits, b1));
			gantt_xml_text(out, currency);
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
