/*
 * out.h: the four output formats of read commands (SPEC §3).
 *
 *   struct out o = OUT_INIT;
 *   out_begin(&o, fmt, cols, ncols);
 *   out_row(&o, cells);           cells[i] NULL or "" = unset (JSON null)
 *   ...
 *   out_end(&o);                  prints what was buffered
 *
 * Output goes to stdout unless o->fp is set before out_begin(); out_end()
 * resets the struct (fp included) so it can be reused.
 *
 * table: aligned by display width (CJK wide = 2 columns), header bold only
 *        on a terminal without NO_COLOR; control characters and bidi
 *        overrides escaped ("\x1b", "<U+202E>").
 * json:  an array of objects, keys = column names, typed by out_type;
 *        records only, every element with the same keys (null when
 *        unset).  A list with totals (out_begin_total) is the object
 *        {"records":[...],"total":{...}}.
 * csv:   RFC 4180, every cell quoted, cells starting with = + - @ TAB CR LF
 *        prefixed with ' unless they are plain numbers; records only,
 *        one header, the same columns in every row (no total rows).
 * md:    a Markdown table, '|' escaped.
 *
 * Write errors on stdout are found by kam_flush_stdout() at exit (74).
 */
#ifndef KAM_OUT_H
#define KAM_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "kam.h"

/* FMT_SVG and FMT_HTML are documents that only some commands write
 * (`kam gantt --format svg`, `kam report --format html`); they check
 * k->fmt themselves.  For everything else out_begin()/out_record() treat
 * them as FMT_TABLE. */
enum out_fmt { FMT_TABLE, FMT_JSON, FMT_CSV, FMT_MD, FMT_SVG, FMT_HTML,
	FMT_JUNIT, FMT_GITHUB, FMT_SARIF, FMT_CODEQUALITY };
	/* junit, github, sarif, codequality: kam check only (cmd.h JUNIT) */

enum out_type {
	OT_TEXT,	/* JSON string */
	OT_NUM,		/* JSON number, printed as given (ints, money, ratios) */
	OT_LIST,	/* space-separated: JSON array of strings */
	OT_BOOL,	/* "true"/"false" (or "1"/"0"): JSON boolean */
	OT_MONEY	/* money (money_fmt): a JSON number, as given in json
			 * and csv; grouped, with the currency, in table and
			 * md (money_human) once out_money_style() is set */
};

struct out_col {
	const char	*name;
	enum out_type	 type;
};

struct out {
	enum out_fmt		 fmt;
	FILE			*fp;
	const struct out_col	*cols;
	size_t			 ncols;
	/* Buffered rows (table, md): each cell escaped once into text, at
	 * off[], with its display width in cw[]. */
	struct kam_buf		 text;
	size_t			*off, *cw;
	size_t			 nrows, alloc;
	size_t			 nout;		/* rows printed (json) */
	int			 color;
	int			 totals;	/* json: {"records":[...],...} */
	int			 closed;	/* json: the records array ended */
};
#define OUT_INIT { .fmt = FMT_TABLE, .text = KAM_BUF_INIT }

/* How OT_MONEY cells are shown to people: the project's minor digits,
 * number format (enum numfmt of value.h) and currency (may be NULL).
 * Set once the project is open (kam_open_project). */
void	out_money_style(int digits, int numfmt, const char *currency);

/* Is fmt read by people (table, md), not by programs (json, csv)?  Then
 * a command adds totals lines and notes and words its values so. */
int	out_for_people(enum out_fmt fmt);
/* Parse "table|json|csv|md|svg|html"; -1 (64 printed) when unknown. */
int	out_fmt_parse(const char *s, enum out_fmt *fmt);

void	out_begin(struct out *o, enum out_fmt fmt, const struct out_col *cols,
	    size_t ncols);
void	out_row(struct out *o, const char *const *cells);
/* A row of a name and k counts, the row's k + 1 cells (k at most
 * OUT_MAX_COUNTS): records added, removed, changed by table. */
#define OUT_MAX_COUNTS	4
void	out_row_counts(struct out *o, const char *name, const long *n,
	    size_t k);
void	out_end(struct out *o);

/*
 * A list with totals (issue 18): the records, then out_summary() once per
 * summary, "total" last.  JSON is one object, records only in the array:
 *   {"records":[...],"total":{...}}
 * (other summaries, such as evm's "without_task", as further keys before
 * "total").  Table and Markdown print a summary as one more row of the
 * list's columns (row; NULL: no row there); CSV leaves it out, records
 * only (issue 18).  In JSON the summary is an
 * object of its own keys tcols (null when tcells is NULL).
 */
void	out_begin_total(struct out *o, enum out_fmt fmt,
	    const struct out_col *cols, size_t ncols);
void	out_summary(struct out *o, const char *key, const char *const *row,
	    const struct out_col *tcols, size_t ntcols,
	    const char *const *tcells);
/* The same, one of several summaries grouped under key by sub (kam
 * portfolio budget: a total per currency, {"total":{"EUR":{...},...}});
 * the calls of one group follow each other. */
void	out_summary_in(struct out *o, const char *key, const char *sub,
	    const char *const *row, const struct out_col *tcols,
	    size_t ntcols, const char *const *tcells);

/* One record shown vertically (table: "name: value" lines; json: one
 * object; csv/md: a one-row table). */
void	out_record(enum out_fmt fmt, const struct out_col *cols, size_t ncols,
	    const char *const *cells);

/* JSON string literal of s (UTF-8 passed through, controls escaped). */
void	out_json_str(FILE *fp, const char *s);
/* Display width of UTF-8 s as a terminal shows it after escaping. */
size_t	out_width(const char *s);
/* Whether stdout is a terminal that may get colour. */
int	out_use_color(void);
/* Columns to draw in: want when > 0, else $COLUMNS when 20-10000, else
 * the terminal's width when stdout is one at least 20 wide, else 80. */
long	out_term_width(long want);

/* Flush stdout and report a write error (74).  Returns 0 or -1; when the
 * command has committed (exit 0 <=> the commit exists), only a warning
 * and 0. */
int	kam_flush_stdout(int committed);

#endif
