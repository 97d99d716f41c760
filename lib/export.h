/*
 * export.h: the project where the client and the calendar already are:
 * an iCalendar file (RFC 5545) of its dated commitments, and an Excel
 * workbook of its tables.
 *
 *   struct kam_buf b = KAM_BUF_INIT;
 *   if (export_ics(p, from, to, &b) == 0)
 *       export_write(path, &b);       NULL or "-": standard output
 *   kam_buf_release(&b);
 *
 * The tables and minutes are read from the work tree, as every read
 * command does.
 */
#ifndef KAM_EXPORT_H
#define KAM_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "kam.h"
#include "project.h"

/*
 * The calendar of project p between from and to (days; 0: unbounded):
 * milestones, task deadlines and open goals' due dates as all-day
 * events; the next due date of each planned communication as an all-day
 * event; open action items of the minutes with a due date and open risks'
 * review dates as to-dos with DUE.  Each has a stable UID ("T-3@acme-crm",
 * "T-3-deadline@...", "meetings/2026-11-20-kickoff.md#2@..."), so a
 * subscribed calendar updates its events.  Lines end in CRLF and are
 * folded at 75 octets (never inside a UTF-8 character); text is escaped
 * as RFC 5545 3.3.11 says.  0, or -1 after reporting.
 */
int	export_ics(struct project *p, int32_t from, int32_t to,
	    struct kam_buf *out);

struct schema;
/*
 * An Excel workbook at path with a sheet per table of `tables` (in that
 * order; the expenses of every month on one sheet): the header row bold
 * and frozen, dates as dates, money as numbers with the currency's minor
 * digits, progress and capacity as percentages, and what kam derives
 * (risk score and level; a task's early and late dates, slack and
 * whether it is critical).  Written with libxlsxwriter to a temporary
 * file renamed into place.  0, or -1 after reporting.
 */
int	export_xlsx(struct project *p, const struct schema *const *tables,
	    size_t ntables, const char *path);

/*
 * A TaskJuggler 3 project (tj3) of p's schedule: the working days of
 * kam.conf (8 hours each) and its holidays, every task with its
 * dependencies and its length in working days, milestones, and actual
 * dates: a started or finished task is fixed at the dates kam plan gives
 * it (its remaining work counted from its progress), and tasks not
 * started wait for a milestone on today's working day, so that tj3
 * schedules every task to the finish kam plan shows.  Make-up working
 * days (calendar.workday) have no TaskJuggler form: a warning says so.
 * 0, or -1 after reporting.
 */
int	export_tjp(struct project *p, struct kam_buf *out);

/* Fold and escape helpers, exposed for the unit test. */
void	ics_text(struct kam_buf *b, const char *s);
void	ics_line(struct kam_buf *out, const char *line);

/* Write b to path (temp file, fsync, rename), or to standard output when
 * path is NULL or "-".  0, or -1 after reporting (74, 77). */
int	export_write(const char *path, const struct kam_buf *b);

#endif
