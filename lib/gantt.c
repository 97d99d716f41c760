/*
 * gantt.c: the Gantt chart of a schedule (gantt.h): window, labels, axis
 * ticks and the SVG drawing that `kam gantt --format svg` and `kam report
 * --format html` share.  The terminal drawing is cmd/gantt.c's.
 */
#include <stdlib.h>
#include <string.h>

#include "gantt.h"
#include "out.h"
#include "value.h"

/* Cut UTF-8 s to at most w display columns, adding "…"/"~" when cut. */
static char *
cut_width(const char *s, size_t w, int fancy)
{
	struct kam_buf b = KAM_BUF_INIT;
	const unsigned char *p = (const unsigned char *)s;
	char one[8];
	size_t used = 0, n, cw;

	if (out_width(s) <= w)
		return xstrdup(s);
	while (*p != '\0') {
		n = 1;
		if (*p >= 0xc0)
			while ((p[n] & 0xc0) == 0x80 && n < 4)
				n++;
		memcpy(one, p, n);
		one[n] = '\0';
		cw = out_width(one);
		if (used + cw + 1 > w)
			break;
		kam_buf_add(&b, p, n);
		used += cw;
		p += n;
	}
	kam_buf_puts(&b, fancy ? "\xe2\x80\xa6" : "~");
	return kam_buf_detach(&b);
}

static void
free_labels(struct gantt *g)
{
	size_t i;

	if (g->labels != NULL)
		for (i = 0; i < g->pl.ntasks; i++)
			free(g->labels[i]);
	free(g->labels);
	g->labels = NULL;
}

void
gantt_labels(struct gantt *g, int fancy)
{
	size_t i, w;
	char *raw, *esc;

	free_labels(g);
	g->labels = xcalloc(g->pl.ntasks + 1, sizeof(char *));
	g->labelw = 4;
	for (i = 0; i < g->pl.ntasks; i++) {
		const struct row *r = g->pl.tasks[i].row;

		raw = xasprintf("%s %s", table_get(g->t, r, ID_COL),
		    table_get(g->t, r, TASK_TITLE));
		esc = kam_escape(raw);
		g->labels[i] = cut_width(esc, GANTT_LABEL_MAX, fancy);
		free(raw);
		free(esc);
		if ((w = out_width(g->labels[i])) > g->labelw)
			g->labelw = w;
	}
}

void
gantt_release(struct gantt *g)
{
	free_labels(g);
	plan_release(&g->pl);
	g->t = NULL;
	g->sel = NULL;
	g->nsel = 0;
}

/* The window: from/to, else everything the chart shows. */
static void
window(struct gantt *g, int32_t from, int32_t to)
{
	int32_t lo = g->pl.start, hi = g->pl.finish;
	size_t i;

	for (i = 0; i < g->pl.ntasks; i++) {
		const struct plan_task *pt = &g->pl.tasks[i];

		if (pt->es_date < lo)
			lo = pt->es_date;
		if (pt->ef_date > hi)
			hi = pt->ef_date;
		if (pt->has_baseline) {
			g->baseline = 1;
			if (pt->bs_date < lo)
				lo = pt->bs_date;
			if (pt->bf_date > hi)
				hi = pt->bf_date;
		}
	}
	g->from = from != 0 ? from : lo;
	g->to = to != 0 ? to : hi;
	g->days = (long)g->to - g->from + 1;
}

int
gantt_init(struct gantt *g, const struct project *p,
    const struct table *tasks, int32_t from, int32_t to)
{
	g->t = tasks;
	if (plan_compute(&g->pl, p, tasks) == -1)
		return -1;
	window(g, from, to);
	return 0;
}

int32_t
gantt_next_tick(int32_t d, int kind)
{
	int y, m, day;

	if (kind == 0) {
		d++;
		while (date_weekday(d) != 0)
			d++;
		return d;
	}
	date_ymd(d, &y, &m, &day);
	do {
		if (++m > 12) {
			m = 1;
			y++;
		}
	} while ((kind == 2 && (m - 1) % 3 != 0) || (kind == 3 && m != 1));
	return date_from_ymd(y, m, 1);
}

/* Pick the tick kind for `per_day_milli` units (px) per day x1000 and
 * labels `label_units` wide. */
static int
tick_kind(long per_day_milli, long label_units)
{
	if (per_day_milli * 7 >= label_units * 1000)
		return 0;
	if (per_day_milli * 28 >= label_units * 1000)
		return 1;
	if (per_day_milli * 90 >= label_units * 1000)
		return 2;
	return 3;
}

int32_t
gantt_first_tick(const struct gantt *g, int kind)
{
	int y, m, day;

	if (kind == 0) {
		int32_t d = g->from;

		while (date_weekday(d) != 0)
			d++;
		return d;
	}
	date_ymd(g->from, &y, &m, &day);
	if (day == 1 && (kind == 1 || (kind == 2 && (m - 1) % 3 == 0) ||
	    (kind == 3 && m == 1)))
		return g->from;
	return gantt_next_tick(g->from, kind);
}

/* -------------------------------------------------------------- SVG */

#define SVG_CHART	960	/* px of the time axis */
#define SVG_ROW		22
#define SVG_TOP		56
#define SVG_CHARW	7	/* px per display column at font-size 12 */

void
gantt_xml_text(struct kam_buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		switch (*p) {
		case '&': kam_buf_puts(out, "&amp;"); break;
		case '<': kam_buf_puts(out, "&lt;"); break;
		case '>': kam_buf_puts(out, "&gt;"); break;
		case '"': kam_buf_puts(out, "&quot;"); break;
		case '\'': kam_buf_puts(out, "&apos;"); break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n')
				kam_buf_puts(out, "\xef\xbf\xbd");
			else if (*p == 0xef && p[1] == 0xbf &&
			    (p[2] == 0xbe || p[2] == 0xbf)) {
				/* U+FFFE, U+FFFF */
				kam_buf_puts(out, "\xef\xbf\xbd");
				p += 2;
			} else
				kam_buf_putc(out, *p);
		}
}

static long
svg_x(const struct gantt *g, long left, int32_t d)
{
	return left + ((long)d - g->from) * SVG_CHART / g->days;
}

void
gantt_svg(struct gantt *g, const char *name, unsigned flags,
    struct kam_buf *out)
{
	long left, width, height, y, x0, x1, i, ty, per_day;
	int32_t tick;
	int kind;
	char d[11], e[11];
	size_t n, j;

	gantt_labels(g, 1);
	left = 16 + (long)g->labelw * SVG_CHARW;
	width = left + SVG_CHART + 24;
	n = g->sel != NULL ? g->nsel : g->pl.ntasks;
	height = SVG_TOP + (long)n * SVG_ROW + 56;
	if (!(flags & GANTT_SVG_INLINE))
		kam_buf_puts(out, "<?xml version=\"1.0\" "
		    "encoding=\"UTF-8\"?>\n");
	kam_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%ld\" height=\"%ld\" viewBox=\"0 0 %ld %ld\" "
	    "font-family=\"sans-serif\" font-size=\"12\">\n", width, height,
	    width, height);
	kam_buf_puts(out, "<title>Gantt chart: ");
	gantt_xml_text(out, name);
	kam_buf_puts(out, "</title>\n<style>.task{fill:#4a90d9}"
	    ".crit{fill:#d0021b}.done{fill:#000;fill-opacity:.3}"
	    ".mile{fill:#f5a623;stroke:#333}.base{fill:#999}"
	    ".grid{stroke:#e4e4e4}.today{stroke:#9013fe;stroke-width:2;"
	    "stroke-dasharray:5 3}.label{font-family:monospace}</style>\n"
	    "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
	kam_buf_puts(out, "<text x=\"8\" y=\"18\" font-weight=\"bold\">");
	gantt_xml_text(out, name);
	kam_buf_printf(out, ": %s to ", date_fmt(g->pl.start, d));
	kam_buf_printf(out, "%s</text>\n", date_fmt(g->pl.finish, d));

	/* Grid and axis labels. */
	per_day = SVG_CHART * 1000 / g->days;
	kind = tick_kind(per_day, 72);
	ty = SVG_TOP + (long)n * SVG_ROW;
	for (tick = gantt_first_tick(g, kind); tick <= g->to;
	    tick = gantt_next_tick(tick, kind)) {
		x0 = svg_x(g, left, tick);
		kam_buf_printf(out, "<line class=\"grid\" x1=\"%ld\" y1=\"%d\" "
		    "x2=\"%ld\" y2=\"%ld\"/>\n", x0, SVG_TOP - 16, x0, ty);
		date_fmt(tick, d);
		kam_buf_printf(out, "<text x=\"%ld\" y=\"%d\">%.*s</text>\n",
		    x0 + 2, SVG_TOP - 20, kind == 0 ? 10 : 7, d);
	}

	for (j = 0; j < n; j++) {
		const struct plan_task *pt;

		i = g->sel != NULL ? (long)g->sel[j] : (long)j;
		pt = &g->pl.tasks[i];
		y = SVG_TOP + (long)j * SVG_ROW;
		kam_buf_printf(out, "<text class=\"label\" x=\"8\" y=\"%ld\">",
		    y + 13);
		gantt_xml_text(out, g->labels[i]);
		kam_buf_puts(out, "</text>\n");
		if (pt->has_baseline && pt->bf_date >= g->from &&
		    pt->bs_date <= g->to) {
			x0 = svg_x(g, left, pt->bs_date < g->from ? g->from :
			    pt->bs_date);
			x1 = svg_x(g, left, (pt->bf_date > g->to ? g->to :
			    pt->bf_date) + 1);
			kam_buf_printf(out, "<rect class=\"base\" x=\"%ld\" "
			    "y=\"%ld\" width=\"%ld\" height=\"3\"/>\n", x0,
			    y + 17, x1 - x0 > 2 ? x1 - x0 : 2);
		}
		if (pt->ef_date < g->from || pt->es_date > g->to)
			continue;
		if (pt->milestone) {
			x0 = svg_x(g, left, pt->es_date) +
			    SVG_CHART / g->days / 2;
			kam_buf_printf(out, "<polygon class=\"mile\" "
			    "points=\"%ld,%ld %ld,%ld %ld,%ld %ld,%ld\">"
			    "<title>", x0, y + 2, x0 + 7, y + 9, x0, y + 16,
			    x0 - 7, y + 9);
			gantt_xml_text(out, g->labels[i]);
			kam_buf_printf(out, ": %s</title></polygon>\n",
			    date_fmt(pt->es_date, d));
			continue;
		}
		x0 = svg_x(g, left, pt->es_date < g->from ? g->from :
		    pt->es_date);
		x1 = svg_x(g, left, (pt->ef_date > g->to ? g->to :
		    pt->ef_date) + 1);
		if (x1 - x0 < 2)
			x1 = x0 + 2;
		kam_buf_printf(out, "<rect class=\"%s\" x=\"%ld\" y=\"%ld\" "
		    "width=\"%ld\" height=\"14\" rx=\"2\"><title>",
		    pt->critical ? "crit" : "task", x0, y + 2, x1 - x0);
		gantt_xml_text(out, g->labels[i]);
		kam_buf_printf(out, ": %s to %s, slack %ld%s</title></rect>\n",
		    date_fmt(pt->es_date, d), date_fmt(pt->ef_date, e),
		    pt->slack, pt->critical ? ", critical" : "");
		if (pt->progress > 0)
			kam_buf_printf(out, "<rect class=\"done\" x=\"%ld\" "
			    "y=\"%ld\" width=\"%ld\" height=\"14\" "
			    "rx=\"2\"/>\n", x0, y + 2,
			    (x1 - x0) * pt->progress / 100);
	}
	if (g->pl.today >= g->from && g->pl.today <= g->to) {
		x0 = svg_x(g, left, g->pl.today);
		kam_buf_printf(out, "<line class=\"today\" x1=\"%ld\" "
		    "y1=\"%d\" x2=\"%ld\" y2=\"%ld\"><title>today %s"
		    "</title></line>\n", x0, SVG_TOP - 16, x0, ty,
		    date_fmt(g->pl.today, d));
	}
	y = ty + 24;
	kam_buf_printf(out, "<rect class=\"task\" x=\"8\" y=\"%ld\" "
	    "width=\"14\" height=\"10\"/><text x=\"26\" y=\"%ld\">task"
	    "</text>\n", y, y + 9);
	kam_buf_printf(out, "<rect class=\"crit\" x=\"70\" y=\"%ld\" "
	    "width=\"14\" height=\"10\"/><text x=\"88\" y=\"%ld\">critical"
	    "</text>\n", y, y + 9);
	kam_buf_printf(out, "<polygon class=\"mile\" points=\"157,%ld 163,%ld "
	    "157,%ld 151,%ld\"/><text x=\"168\" y=\"%ld\">milestone</text>\n",
	    y - 1, y + 5, y + 11, y + 5, y + 9);
	kam_buf_printf(out, "<rect class=\"base\" x=\"240\" y=\"%ld\" "
	    "width=\"14\" height=\"3\"/><text x=\"258\" y=\"%ld\">baseline"
	    "</text>\n", y + 4, y + 9);
	kam_buf_printf(out, "<line class=\"today\" x1=\"324\" y1=\"%ld\" "
	    "x2=\"324\" y2=\"%ld\"/><text x=\"330\" y=\"%ld\">today %s"
	    "</text>\n", y - 2, y + 12, y + 9, date_fmt(g->pl.today, d));
	kam_buf_puts(out, "</svg>\n");
}
