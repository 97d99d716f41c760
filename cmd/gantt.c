/*
 * gantt.c: kam gantt — the schedule as a Gantt chart, on the terminal or
 * as a standalone SVG document (`--format svg`) for reports and browsers.
 *
 * Both draw the same thing from lib/plan.c: one row per task in id order,
 * a bar from its early start to its early finish over calendar days,
 * critical tasks marked, milestones as diamonds, the baseline under the
 * bar when the task has one, and a line at today.  The window, labels,
 * ticks and the SVG are lib/gantt.c's (kam report draws the same SVG);
 * the terminal drawing is here.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/gantt.h"
#include "../lib/plan.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	int32_t		 from, to;
	long		 width;
};
#define GANTT_OPTS(O)							\
	O(CMD, "kam gantt")						\
	POPT_PERIOD(O)							\
	O(INT, OPT, "", "width", width, "columns", 20, 10000,		\
	    "a number of columns 20-10000", "the chart's width")

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
col_of(const struct gantt *c, const struct text *x, int32_t d)
{
	return ((long)d - c->from) / x->k;
}

static void
text_span(const struct gantt *c, struct text *x, int32_t a, int32_t b,
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
text_flush(const struct gantt *c, struct text *x, const char *label,
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

static void
draw_text(struct gantt *c, long width)
{
	struct text x;
	char *axis, *ruler, d[11];
	long avail, i, pos, last_end = -1, today_col = -1;
	int32_t tick;
	int kind;
	size_t n, lw;

	x.fancy = out_use_color();
	gantt_labels(c, x.fancy);
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
	tick = gantt_first_tick(c, kind);
	if (tick > c->to || col_of(c, &x, tick) >= 11) {
		memcpy(axis, date_fmt(c->from, d), 10);
		last_end = 10;
	}
	for (; tick <= c->to; tick = gantt_next_tick(tick, kind)) {
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

KAM_VERB(gantt, "", NEED_PROJECT | DOCUMENTS,
    "Gantt chart of the schedule (terminal or --format svg)", GANTT_OPTS,
    { 0 })
{
	const struct opts *o = k->opts;
	struct table tasks = TABLE_INIT;
	struct gantt c = GANTT_INIT;
	struct kam_buf svg = KAM_BUF_INIT;
	int32_t from, to;
	long width;
	int ret = -1;

	from = o->from;
	to = o->to;
	width = o->width;
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
	    gantt_init(&c, &k->p, &tasks, from, to) == -1)
		goto out;
	if (c.days > 200000) {
		kam_err(KAM_EX_USAGE, "the window is %ld days long; narrow it "
		    "with --from and --to", c.days);
		goto out;
	}
	if (k->fmt == FMT_SVG) {
		gantt_svg(&c, k->p.name != NULL ? k->p.name : "kam", 0, &svg);
		fwrite(svg.ptr, 1, svg.len, stdout);
	} else if (c.pl.ntasks == 0)
		printf("no tasks in %s\n", tasks.path);
	else
		draw_text(&c, out_term_width(width));
	ret = 0;
out:
	kam_buf_release(&svg);
	gantt_release(&c);
	table_release(&tasks);
	return ret;
}

const struct verb *const gantt_verbs[] = {
	&gantt_verb, NULL
};
