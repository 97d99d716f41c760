/*
 * gantt.h: the Gantt chart of a schedule, shared by `kam gantt` (terminal
 * and --format svg) and `kam report --format html` (the same SVG, inline).
 *
 *   struct gantt g = GANTT_INIT;
 *   if (gantt_init(&g, &k->p, &tasks, from, to) == -1)   65: bad schedule
 *           goto out;
 *   gantt_svg(&g, k->p.name, 0, &buf);                    a whole document
 *   gantt_release(&g);
 *
 * One row per task in tasks.csv order (or the rows chosen in g.sel), a bar
 * from its early start to its early finish over calendar days, critical
 * tasks marked, milestones as diamonds, the baseline under the bar when
 * the task has one, and a line at today.  Coordinates are whole numbers:
 * nothing depends on the locale's decimal point.  Every text taken from
 * the data is escaped for XML (gantt_xml_text), after control characters
 * and bidi overrides were made visible (kam_escape).
 */
#ifndef KAM_GANTT_H
#define KAM_GANTT_H

#include <stddef.h>
#include <stdint.h>

#include "kam.h"
#include "plan.h"
#include "project.h"
#include "table.h"

#define GANTT_LABEL_MAX	32	/* display columns of "T-n title" at most */

struct gantt {
	struct plan	 pl;
	const struct table *t;		/* the tasks, borrowed */
	int32_t		 from, to;	/* window, calendar days inclusive */
	long		 days;		/* to - from + 1 */
	int		 baseline;	/* some task has a baseline */
	size_t		 labelw;	/* display width of the label column */
	char		**labels;	/* "T-n title", escaped, cut */
	/* The rows to draw, as indexes into pl.tasks, in drawing order
	 * (NULL: every task, in pl.tasks order).  Set by the caller after
	 * gantt_init(); borrowed. */
	const size_t	*sel;
	size_t		 nsel;
};
#define GANTT_INIT { PLAN_INIT, NULL, 0, 0, 0, 0, 0, NULL, NULL, 0 }

/*
 * Schedule `tasks` (schema_tasks; borrowed until gantt_release) and set
 * the window: [from, to] where given (0: unset), else everything the chart
 * shows (the project's start and finish, every bar and baseline).
 * Returns 0, or -1 after reporting (65: see plan_compute); g must be
 * released in both cases.
 */
int	gantt_init(struct gantt *g, const struct project *p,
	    const struct table *tasks, int32_t from, int32_t to);
void	gantt_release(struct gantt *g);

/* Make the row labels, "T-n title" escaped and cut to GANTT_LABEL_MAX
 * columns ("…" marks a cut when fancy, else "~"); sets labelw. */
void	gantt_labels(struct gantt *g, int fancy);

/*
 * Axis ticks.  kind 0: Mondays, 1: first of each month, 2: of each
 * quarter, 3: of each year.  gantt_first_tick() is the first tick on or
 * after g->from, gantt_next_tick() the next one after d.
 */
int32_t	gantt_first_tick(const struct gantt *g, int kind);
int32_t	gantt_next_tick(int32_t d, int kind);

/* The chart as SVG appended to out.  name titles it (escaped here).
 * GANTT_SVG_INLINE leaves out the XML declaration, for an <svg> element
 * inside an HTML document. */
#define GANTT_SVG_INLINE	0x1
void	gantt_svg(struct gantt *g, const char *name, unsigned flags,
	    struct kam_buf *out);

/* s as XML (and HTML) text or attribute value: the five specials escaped,
 * characters XML 1.0 cannot hold (C0 controls but tab and newline,
 * U+FFFE, U+FFFF) replaced by U+FFFD. */
void	gantt_xml_text(struct kam_buf *out, const char *s);

#endif
