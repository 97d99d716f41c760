/*
 * report.h: a report document (kam report) built once and written either
 * as Markdown or as one self-contained HTML file.
 *
 *   struct rdoc d = RDOC_INIT;
 *   rdoc_init(&d, "Weekly status report: ACME");
 *   rdoc_md(&d, "## Risks\n\n");           kam's own Markdown
 *   rdoc_text(&d, title);                    data: escaped for Markdown
 *   rdoc_table(&d, cols, n, "No open risks.");
 *   rdoc_row(&d, cells);                     data: escaped by the writer
 *   rdoc_svg(&d, svg, "Risk matrix");        kam's own SVG (data escaped)
 *   rdoc_write(&d, 1, stdout);
 *   rdoc_release(&d);
 *
 * A document is a sequence of parts: Markdown, tables and charts.
 * Markdown output: the Markdown parts as they are, tables as pipe tables
 * (GitHub), charts left out.  HTML output: every Markdown part rendered
 * by cmark with CMARK_OPT_DEFAULT (raw HTML omitted, dangerous URLs
 * emptied; never CMARK_OPT_UNSAFE), tables and charts written by kam
 * with every text escaped, all in one page without external resources
 * whose Content-Security-Policy forbids scripts and any fetch
 * (RELIABILITY S3, M1-M5).
 *
 * Safety rests on two rules for callers: text from the project's files
 * reaches a Markdown part only through rdoc_text() or md_escape(), and an
 * SVG given to rdoc_svg() escapes every text it holds (gantt_xml_text).
 */
#ifndef KAM_REPORT_H
#define KAM_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kam.h"

/* Column flags of a table. */
#define RC_NUM		0x1	/* right-aligned */
#define RC_STATUS	0x2	/* a status word (red, ok, critical...): a
				 * coloured badge in HTML */
#define RC_KEY		0x4	/* an id or a date: kept on one line */

struct rcol {
	const char	*name;
	unsigned	 flags;
};

struct rpart;

struct rdoc {
	char		*title;		/* of the HTML page, plain text */
	struct rpart	*v;
	size_t		 n, alloc;
	int		 lang;		/* column names, empty texts and
					 * status words: lang.h */
};
#define RDOC_INIT { .title = NULL }

/* Start a document titled `title` (plain text, escaped where written). */
void	rdoc_init(struct rdoc *d, const char *title);
void	rdoc_release(struct rdoc *d);

/* Append kam's own Markdown (never data). */
void	rdoc_md(struct rdoc *d, const char *md);
void	rdoc_mdf(struct rdoc *d, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append data text, escaped for Markdown (md_escape). */
void	rdoc_text(struct rdoc *d, const char *s);

/*
 * Start a table of `ncols` columns (cols is borrowed: keep it static);
 * `empty` is the sentence written instead when it gets no row.  Rows are
 * data: every cell is escaped for the output format.  A cell may be NULL
 * (empty).
 */
void	rdoc_table(struct rdoc *d, const struct rcol *cols, size_t ncols,
	    const char *empty);
void	rdoc_row(struct rdoc *d, const char *const *cells);
/* Rows of the table being built so far. */
size_t	rdoc_nrows(const struct rdoc *d);

/* Append a chart: svg (taken over and freed by the document) is kam's
 * own markup, an <svg> element without an XML declaration; `caption` is
 * plain text under it (NULL: none).  Markdown output leaves charts out. */
void	rdoc_svg(struct rdoc *d, char *svg, const char *caption);

/* Write the document as Markdown (html 0) or HTML (html 1) to fp.
 * Returns 0, or -1 after reporting (70 when cmark fails). */
int	rdoc_write(const struct rdoc *d, int html, FILE *fp);

/*
 * s as Markdown text that renders as itself: runs of white space
 * (newlines included) become one space, leading and trailing space is
 * dropped, control characters and bidi overrides are shown escaped
 * (kam_escape), and every character that Markdown could read as syntax
 * within a line — \ ` * _ [ ] < > & | ~ — is escaped with a
 * backslash, so "<script>" or "[x](javascript:...)" stays text.
 */
void	md_escape(struct kam_buf *out, const char *s);
/* The same clean-up without the Markdown escapes, for kam's own HTML and
 * SVG (escape the result with gantt_xml_text). */
char	*report_plain(const char *s);

/* ---- kam report ---- */

struct project;
/*
 * Build the weekly status report of project p (final 0; `since` is the
 * first day of the period it covers) or the closing evaluation (final 1;
 * `since` the project's start) into *out, which the caller releases with rdoc_release().  Every number
 * comes from the lib modules (health, plan, budget, reqflow, minutes,
 * gantt); nothing is computed twice.  Returns 0, or -1 after reporting
 * (65 when the project's files have problems: see kam check).
 */
int	report_build(struct rdoc *out, struct project *p, int final,
	    int32_t since);

/* ---- charts (SVG elements for rdoc_svg) ---- */

/* The opening of a chart as kam draws them: <svg> of width x height, its
 * <title> and a bold caption line (title is escaped); close it with
 * "</svg>\n". */
void	report_svg_begin(struct kam_buf *out, const char *title, long width,
	    long height);

/*
 * The 5x5 risk matrix: count[p-1][i-1] risks of probability p and impact
 * i; ids[p-1][i-1] their ids (space-separated, or NULL) for the tooltips.
 */
void	report_svg_matrix(struct kam_buf *out, const char *title,
	    const long count[5][5], const char *const ids[5][5]);

/*
 * Budget burn by month: months[k] "YYYY-MM"; actual[k] spent in month k;
 * planned[k] the cumulative planned value at the end of month k (NULL
 * when there is none); `budget` the planned total of budget.csv (0: none).
 * Money in minor units of `digits`; tooltips show it for people
 * (money_human: grouped by `numfmt`, enum numfmt, with `currency`).  Bars for
 * each month's spending, lines for the cumulative actual (up to month
 * `last_actual`, inclusive) and planned amounts.
 */
void	report_svg_burn(struct kam_buf *out, const char *title,
	    char (*months)[8], size_t nmonths, const int64_t *actual,
	    const int64_t *planned, size_t last_actual, int64_t budget,
	    int digits, int numfmt, const char *currency);

/*
 * Satisfaction by month: months[k] "YYYY-MM", avg10[k] the average score
 * in tenths (0-100), n[k] the responses; a line at csat_min.
 */
void	report_svg_trend(struct kam_buf *out, const char *title,
	    char (*months)[8], size_t nmonths, const long *avg10,
	    const long *n, long csat_min);

#endif
