/*
 * gantt.c: kam gantt — the schedule as a Gantt chart, on the terminal or
 * as a standalone SVG document (`--format svg`) for reports and browsers.
 *
 * Both draw the same thing from lib/plan.c: one row per task in id order,
 * a bar from its early start to its early finish over calendar days,
 * critical tasks marked, milestones as diamonds, the baseline under the
 * bar when the task has one, and a line at today.  Coordinates are whole
 * numbers: nothing here depends on the locale's decimal point.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cmd.h"
#include "../lib/plan.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char gantt_usage[] =
    "kam gantt [--from date] [--to date] [--width columns]";

#define LABEL_MAX	32	/* display columns of "T-n title" at most */

struct chart {
	struct plan	 pl;
	struct table	*t;
	int32_t		 from, to;	/* window, calendar days inclusive */
	long		 days;		/* to - from + 1 */
	int		 baseline;	/* draw baselines */
	size_t		 labelw;	/* display width of the label column */
	char		**labels;	/* "T-n title", escaped, cut to labelw */
};

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
chart_labels(struct chart *c, int fancy)
{
	size_t i, w;
	char *raw, *esc;

	c->labels = xcalloc(c->pl.ntasks + 1, sizeof(char *));
	c->labelw = 4;
	for (i = 0; i < c->pl.ntasks; i++) {
		const struct row *r = c->pl.tasks[i].row;

		raw = xasprintf("%s %s", table_get(c->t, r, 0),
		    table_get(c->t, r, 1));
		esc = out_escape(raw);
		c->labels[i] = cut_width(esc, LABEL_MAX, fancy);
		free(raw);
		free(esc);
		if ((w = out_width(c->labels[i])) > c->labelw)
			c->labelw = w;
	}
}

static void
chart_release(struct chart *c)
{
	size_t i;

	if (c->labels != NULL)
		for (i = 0; i < c->pl.ntasks; i++)
			free(c->labels[i]);
	free(c->labels);
	plan_release(&c->pl);
}

/* The window: --from/--to, else everything the chart shows. */
static void
chart_window(struct chart *c, int32_t from, int32_t to)
{
	int32_t lo = c->pl.start, hi = c->pl.finish;
	size_t i;

	for (i = 0; i < c->pl.ntasks; i++) {
		const struct plan_task *pt = &c->pl.tasks[i];

		if (pt->es_date < lo)
			lo = pt->es_date;
		if (pt->ef_date > hi)
			hi = pt->ef_date;
		if (pt->has_baseline) {
			c->baseline = 1;
			if (pt->bs_date < lo)
				lo = pt->bs_date;
			if (pt->bf_date > hi)
				hi = pt->bf_date;
		}
	}
	c->from = from != 0 ? from : lo;
	c->to = to != 0 ? to : hi;
	c->days = (long)c->to - c->from + 1;
}

/*
 * Axis ticks: Mondays when a week is wide enough for a label, else the
 * first of each month, else of each quarter, else of each year.  Returns
 * the next tick after d (> d).
 */
static int32_t
next_tick(int32_t d, int kind)
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

/* Pick the tick kind for `span` units (columns or px) per day ×1000. */
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

/* The first tick at or after c->from. */
static int32_t
first_tick(const struct chart *c, int kind)
{
	int y, m, day;

	if (kind == 0) {
		int32_t d = c->from;

		while (date_weekday(d) != 0)
			d++;
		return d;
	}
	date_ymd(c->from, &y, &m, &day);
	if (day == 1 && (kind == 1 || (kind == 2 && (m - 1) % 3 == 0) ||
	    (kind == 3 && m == 1)))
		return c->from;
	return next_tick(c->from, kind);
}

/* ------------------------------------------------------------- text */

enum cell { C_NONE, C_TASK, C_CRIT, C_MILE, C_BASE, C_TODAY, C_LEFT,
	C_RIGHT };

static const char *const plain_ch[] = { " ", "=", "#", "*", "-", "|", "<",
	">" };
static const char *const fancy_ch[] = { " ", "\xe2\x96\x88", "\xe2\x96\x88",
	"\xe2\x97\x86", "\xe2\x94\x80", "\xe2\x94\x82", "\xe2\x97\x80",
	"\xe2\x96\xb6" };
static const char *const fancy_col[] = { "", "\033[36m", "\033[31m",
	"\033[33;1m", "\033[2m", "\033[35m", "\033[2m", "\033[2m" };

struct text {
	long		 ncols;		/* chart columns */
	long		 k;		/* days per column */
	int		 fancy;
	unsigned char	*cells;
};

static long
col_of(const struct chart *c, const struct text *x, int32_t d)
{
	return ((long)d - c->from) / x->k;
}

static void
text_span(const struct chart *c, struct text *x, int32_t a, int32_t b,
    enum cell kind)
{
	long c0, c1, i;

	if (b < c->from || a > c->to)
		return;
	c0 = a < c->from ? 0 : col_of(c, x, a);
	c1 = b > c->to ? x->ncols - 1 : col_of(c, x, b);
	for (i = c0; i <= c1; i++)
		x->cells[i] = (unsigned char)kind;
	if (a < c->from && kind != C_BASE)
		x->cells[0] = C_LEFT;
	if (b > c->to && kind != C_BASE)
		x->cells[x->ncols - 1] = C_RIGHT;
}

static void
text_flush(const struct chart *c, struct text *x, const char *label,
    int today_col)
{
	long i, end;
	int cur = -1;
	size_t pad;

	(void)c;
	if (today_col >= 0 && x->cells[today_col] == C_NONE)
		x->cells[today_col] = C_TODAY;
	for (end = x->ncols; end > 0 && x->cells[end - 1] == C_NONE; end--)
		;
	fputs(label, stdout);
	for (pad = out_width(label); pad < c->labelw + 2; pad++)
		putchar(' ');
	for (i = 0; i < end; i++) {
		int k = x->cells[i];

		if (x->fancy && k != cur && k != C_NONE) {
			fputs("\033[0m", stdout);
			fputs(fancy_col[k], stdout);
			cur = k;
		}
		fputs(x->fancy ? fancy_ch[k] : plain_ch[k], stdout);
	}
	if (x->fancy && cur != -1)
		fputs("\033[0m", stdout);
	putchar('\n');
	memset(x->cells, C_NONE, (size_t)x->ncols);
}

static long
term_width(long want)
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

static void
draw_text(struct chart *c, long width)
{
	struct text x;
	char *axis, *ruler, d[11];
	long avail, i, pos, last_end = -1, today_col = -1;
	int32_t tick;
	int kind;
	size_t n, lw;

	x.fancy = out_use_color();
	chart_labels(c, x.fancy);
	lw = c->labelw + 2;
	avail = width - (long)lw;
	if (avail < 10)
		avail = 10;
	x.k = (c->days + avail - 1) / avail;
	if (x.k < 1)
		x.k = 1;
	x.ncols = (c->days + x.k - 1) / x.k;
	x.cells = xcalloc((size_t)x.ncols + 1, 1);
	if (c->pl.today >= c->from && c->pl.today <= c->to)
		today_col = col_of(c, &x, c->pl.today);

	/* Axis: labels at ticks that fit, and a ruler. */
	/* Ticks every week while a week is 3 columns or more, else every
	 * month, quarter or year; labels go on the ticks they fit on. */
	kind = x.k <= 2 ? 0 : x.k <= 14 ? 1 : x.k <= 45 ? 2 : 3;
	axis = xcalloc((size_t)x.ncols + 16, 1);
	ruler = xcalloc((size_t)x.ncols + 1, 1);
	memset(axis, ' ', (size_t)x.ncols + 15);
	memset(ruler, '-', (size_t)x.ncols);
	/* The window's first day is labelled unless a tick label is near. */
	tick = first_tick(c, kind);
	if (tick > c->to || col_of(c, &x, tick) >= 11) {
		memcpy(axis, date_fmt(c->from, d), 10);
		last_end = 10;
	}
	for (; tick <= c->to; tick = next_tick(tick, kind)) {
		pos = col_of(c, &x, tick);
		ruler[pos] = '+';
		date_fmt(tick, d);
		n = kind == 0 ? 10 : 7;
		if (pos <= last_end || pos + (long)n > x.ncols + 15)
			continue;
		memcpy(axis + pos, d, n);
		last_end = pos + (long)n;
	}
	if (today_col >= 0)
		ruler[today_col] = '|';
	for (i = x.ncols + 15; i > 0 && axis[i - 1] == ' '; i--)
		;
	axis[i] = '\0';
	if (axis[0] != '\0')
		printf("%*s%s\n", (int)lw, "", axis);
	else
		putchar('\n');
	printf("%*s%s\n", (int)lw, "", ruler);
	free(axis);
	free(ruler);

	for (i = 0; i < (long)c->pl.ntasks; i++) {
		const struct plan_task *pt = &c->pl.tasks[i];

		if (pt->milestone)
			text_span(c, &x, pt->es_date, pt->es_date, C_MILE);
		else
			text_span(c, &x, pt->es_date, pt->ef_date,
			    pt->critical ? C_CRIT : C_TASK);
		text_flush(c, &x, c->labels[i], (int)today_col);
		if (pt->has_baseline) {
			text_span(c, &x, pt->bs_date, pt->bf_date, C_BASE);
			text_flush(c, &x, "", (int)today_col);
		}
	}
	free(x.cells);

	printf("\n%s task  %s critical  %s milestone", x.fancy ?
	    "\033[36m\xe2\x96\x88\033[0m" : "=", x.fancy ?
	    "\033[31m\xe2\x96\x88\033[0m" : "#", x.fancy ?
	    "\033[33;1m\xe2\x97\x86\033[0m" : "*");
	if (c->baseline)
		printf("  %s baseline", x.fancy ? "\xe2\x94\x80" : "-");
	if (today_col >= 0)
		printf("  %s today %s", x.fancy ? "\033[35m\xe2\x94\x82\033[0m" :
		    "|", date_fmt(c->pl.today, d));
	printf("\n%s to ", date_fmt(c->from, d));
	printf("%s, 1 column = %ld day%s; ", date_fmt(c->to, d), x.k,
	    x.k == 1 ? "" : "s");
	printf("finish %s\n", date_fmt(c->pl.finish, d));
}

/* -------------------------------------------------------------- SVG */

#define SVG_CHART	960	/* px of the time axis */
#define SVG_ROW		22
#define SVG_TOP		56
#define SVG_CHARW	7	/* px per display column at font-size 12 */

/* XML text: escape the five specials; drop what XML 1.0 cannot hold. */
static void
xml_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		switch (*p) {
		case '&': fputs("&amp;", stdout); break;
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		case '\'': fputs("&apos;", stdout); break;
		default:
			if (*p < 0x20 && *p != '\t' && *p != '\n')
				fputs("\xef\xbf\xbd", stdout);
			else if (*p == 0xef && p[1] == 0xbf &&
			    (p[2] == 0xbe || p[2] == 0xbf)) {
				fputs("\xef\xbf\xbd", stdout);	/* U+FFFE/F */
				p += 2;
			} else
				putchar(*p);
		}
}

static long
svg_x(const struct chart *c, long left, int32_t d)
{
	return left + ((long)d - c->from) * SVG_CHART / c->days;
}

static void
draw_svg(struct chart *c, const char *name)
{
	long left, width, height, y, x0, x1, i, ty, per_day;
	int32_t tick;
	int kind;
	char d[11], e[11];
	size_t n;

	chart_labels(c, 1);
	left = 16 + (long)c->labelw * SVG_CHARW;
	width = left + SVG_CHART + 24;
	n = c->pl.ntasks;
	height = SVG_TOP + (long)n * SVG_ROW + 56;
	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%ld\" "
	    "height=\"%ld\" viewBox=\"0 0 %ld %ld\" font-family=\"sans-serif\" "
	    "font-size=\"12\">\n", width, height, width, height);
	fputs("<title>Gantt chart: ", stdout);
	xml_text(name);
	fputs("</title>\n<style>.task{fill:#4a90d9}.crit{fill:#d0021b}"
	    ".done{fill:#000;fill-opacity:.3}.mile{fill:#f5a623;stroke:#333}"
	    ".base{fill:#999}.grid{stroke:#e4e4e4}.today{stroke:#9013fe;"
	    "stroke-width:2;stroke-dasharray:5 3}.label{font-family:monospace}"
	    "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n",
	    stdout);
	printf("<text x=\"8\" y=\"18\" font-weight=\"bold\">");
	xml_text(name);
	printf(": %s to ", date_fmt(c->pl.start, d));
	printf("%s</text>\n", date_fmt(c->pl.finish, d));

	/* Grid and axis labels. */
	per_day = SVG_CHART * 1000 / c->days;
	kind = tick_kind(per_day, 72);
	ty = SVG_TOP + (long)n * SVG_ROW;
	for (tick = first_tick(c, kind); tick <= c->to;
	    tick = next_tick(tick, kind)) {
		x0 = svg_x(c, left, tick);
		printf("<line class=\"grid\" x1=\"%ld\" y1=\"%d\" x2=\"%ld\" "
		    "y2=\"%ld\"/>\n", x0, SVG_TOP - 16, x0, ty);
		date_fmt(tick, d);
		printf("<text x=\"%ld\" y=\"%d\">%.*s</text>\n", x0 + 2,
		    SVG_TOP - 20, kind == 0 ? 10 : 7, d);
	}

	for (i = 0; i < (long)n; i++) {
		const struct plan_task *pt = &c->pl.tasks[i];

		y = SVG_TOP + i * SVG_ROW;
		printf("<text class=\"label\" x=\"8\" y=\"%ld\">", y + 13);
		xml_text(c->labels[i]);
		fputs("</text>\n", stdout);
		if (pt->has_baseline && pt->bf_date >= c->from &&
		    pt->bs_date <= c->to) {
			x0 = svg_x(c, left, pt->bs_date < c->from ? c->from :
			    pt->bs_date);
			x1 = svg_x(c, left, (pt->bf_date > c->to ? c->to :
			    pt->bf_date) + 1);
			printf("<rect class=\"base\" x=\"%ld\" y=\"%ld\" "
			    "width=\"%ld\" height=\"3\"/>\n", x0, y + 17,
			    x1 - x0 > 2 ? x1 - x0 : 2);
		}
		if (pt->ef_date < c->from || pt->es_date > c->to)
			continue;
		if (pt->milestone) {
			x0 = svg_x(c, left, pt->es_date) +
			    SVG_CHART / c->days / 2;
			printf("<polygon class=\"mile\" points=\"%ld,%ld %ld,%ld "
			    "%ld,%ld %ld,%ld\"><title>", x0, y + 2, x0 + 7, y + 9,
			    x0, y + 16, x0 - 7, y + 9);
			xml_text(c->labels[i]);
			printf(": %s</title></polygon>\n",
			    date_fmt(pt->es_date, d));
			continue;
		}
		x0 = svg_x(c, left, pt->es_date < c->from ? c->from :
		    pt->es_date);
		x1 = svg_x(c, left, (pt->ef_date > c->to ? c->to :
		    pt->ef_date) + 1);
		if (x1 - x0 < 2)
			x1 = x0 + 2;
		printf("<rect class=\"%s\" x=\"%ld\" y=\"%ld\" width=\"%ld\" "
		    "height=\"14\" rx=\"2\"><title>", pt->critical ? "crit" :
		    "task", x0, y + 2, x1 - x0);
		xml_text(c->labels[i]);
		printf(": %s to %s, slack %ld%s</title></rect>\n",
		    date_fmt(pt->es_date, d), date_fmt(pt->ef_date, e),
		    pt->slack, pt->critical ? ", critical" : "");
		if (pt->progress > 0)
			printf("<rect class=\"done\" x=\"%ld\" y=\"%ld\" "
			    "width=\"%ld\" height=\"14\" rx=\"2\"/>\n", x0, y + 2,
			    (x1 - x0) * pt->progress / 100);
	}
	if (c->pl.today >= c->from && c->pl.today <= c->to) {
		x0 = svg_x(c, left, c->pl.today);
		printf("<line class=\"today\" x1=\"%ld\" y1=\"%d\" x2=\"%ld\" "
		    "y2=\"%ld\"><title>today %s</title></line>\n", x0,
		    SVG_TOP - 16, x0, ty, date_fmt(c->pl.today, d));
	}
	y = ty + 24;
	printf("<rect class=\"task\" x=\"8\" y=\"%ld\" width=\"14\" "
	    "height=\"10\"/><text x=\"26\" y=\"%ld\">task</text>\n", y, y + 9);
	printf("<rect class=\"crit\" x=\"70\" y=\"%ld\" width=\"14\" "
	    "height=\"10\"/><text x=\"88\" y=\"%ld\">critical</text>\n", y,
	    y + 9);
	printf("<polygon class=\"mile\" points=\"157,%ld 163,%ld 157,%ld "
	    "151,%ld\"/><text x=\"168\" y=\"%ld\">milestone</text>\n", y - 1,
	    y + 5, y + 11, y + 5, y + 9);
	printf("<rect class=\"base\" x=\"240\" y=\"%ld\" width=\"14\" "
	    "height=\"3\"/><text x=\"258\" y=\"%ld\">baseline</text>\n", y + 4,
	    y + 9);
	printf("<line class=\"today\" x1=\"324\" y1=\"%ld\" x2=\"324\" "
	    "y2=\"%ld\"/><text x=\"330\" y=\"%ld\">today %s</text>\n", y - 2,
	    y + 12, y + 9, date_fmt(c->pl.today, d));
	fputs("</svg>\n", stdout);
}

static int
gantt(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "width", required_argument, NULL, 'w' },
		{ NULL, 0, NULL, 0 }
	};
	struct table tasks = TABLE_INIT;
	struct chart c;
	const char *why;
	int32_t from = 0, to = 0;
	long width = 0;
	int ch, err = 0, ret = -1;

	memset(&c, 0, sizeof(c));
	while ((ch = kam_getopt(argc, argv, "", opts, gantt_usage, &err)) !=
	    -1)
		switch (ch) {
		case 'f':
		case 't':
			if (date_parse(optarg, ch == 'f' ? &from : &to,
			    &why) == -1)
				return kam_err(KAM_EX_USAGE, "--%s: invalid date "
				    "'%s': %s", ch == 'f' ? "from" : "to",
				    optarg, why);
			break;
		case 'w':
			if (int_parse(optarg, 20, 10000, &width, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--width: '%s' is "
				    "not a number of columns 20-10000", optarg);
			break;
		}
	if (err)
		return -1;
	if (argc != optind)
		return kam_usage(gantt_usage);
	if (from != 0 && to != 0 && to < from) {
		char a[11], b[11];

		return kam_err(KAM_EX_USAGE, "--to %s is before --from %s",
		    date_fmt(to, b), date_fmt(from, a));
	}
	if (k->fmt != FMT_TABLE && k->fmt != FMT_SVG)
		return kam_err(KAM_EX_USAGE, "kam gantt draws a chart: use "
		    "--format svg, or 'kam plan --format %s' for the dates",
		    k->fmt == FMT_JSON ? "json" : k->fmt == FMT_CSV ? "csv" :
		    k->fmt == FMT_MD ? "md" : "html");
	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == -1 ||
	    plan_compute(&c.pl, &k->p, &tasks) == -1)
		goto out;
	c.t = &tasks;
	chart_window(&c, from, to);
	if (c.days > 200000) {
		kam_err(KAM_EX_USAGE, "the window is %ld days long; narrow it "
		    "with --from and --to", c.days);
		goto out;
	}
	if (k->fmt == FMT_SVG)
		draw_svg(&c, k->p.name != NULL ? k->p.name : "kam");
	else if (c.pl.ntasks == 0)
		printf("no tasks in %s\n", tasks.path);
	else
		draw_text(&c, term_width(width));
	ret = 0;
out:
	chart_release(&c);
	table_release(&tasks);
	return ret;
}

const struct verb gantt_verbs[] = {
	{ "", gantt, NEED_PROJECT | DOCUMENTS, gantt_usage, "--from= --to= --width=",
	    "Gantt chart of the schedule (terminal or --format svg)" },
};
const size_t gantt_nverbs = ARRAY_SIZE(gantt_verbs);
