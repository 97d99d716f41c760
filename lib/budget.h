/*
 * budget.h: the planned budget (budget.csv) and the expenses
 * (expenses/YYYY-MM.csv), read as a stream for exact sums.
 *
 * The expenses of a large account do not fit comfortably in memory as
 * rows (1,000,000 lines, 70 MB), and sums never need them: every month
 * file is read with table_scan(), which validates each row strictly (id,
 * date, amount, task) and hands it over once.  Sums are int64 minor units;
 * an overflow is reported (65, naming file:line) and never wraps.
 *
 *   struct budget_audit a = BUDGET_AUDIT_INIT;
 *   struct expense_filter f = EXPENSE_FILTER_INIT;
 *   if (budget_audit(&a, &k->p, &f) == -1)        65: bad data, overflow
 *           goto out;
 *   for (i = 0; i < a.nlines; i++)
 *           ... a.lines[i].category, .planned, .actual, .status ...
 *   ... a.total, a.nover ...
 *   budget_audit_release(&a);
 *
 * Reads come from the work tree (read commands, kam check, kam status).
 * `kam budget spend` reads HEAD through its transaction with
 * budget_last_id().
 */
#ifndef KAM_BUDGET_H
#define KAM_BUDGET_H

#include <stddef.h>
#include <stdint.h>

#include "kam.h"
#include "project.h"
#include "repo.h"
#include "schema.h"
#include "table.h"

/* The directory of the month files, project-relative. */
#define EXPENSES_DIR	"expenses"

/* One expense as the scan hands it over.  Strings are valid only during
 * the callback. */
struct expense {
	const char		*path;		/* "expenses/2026-11.csv" */
	unsigned long		 line;		/* where the record starts */
	long			 num;		/* N of E-N */
	const char		*id, *date, *category, *description, *ref;
	const char		*task;		/* "" when unset */
	long			 task_num;	/* 0 when unset */
	int64_t			 amount;	/* minor units */
	/* The row, for the user's own columns: table_get_name(t, r, ..). */
	const struct table	*t;
	const struct row	*r;
};

/* Return 0 to go on, -1 to stop (the error already reported). */
typedef int (*expense_cb)(void *arg, const struct expense *e);

/* Which expenses a scan hands over.  Dates are inclusive; month files
 * wholly outside [from, to] are not read at all. */
struct expense_filter {
	int32_t		 from, to;	/* days; INT32_MIN / INT32_MAX: open */
	const char	*category;	/* exact; NULL: every category */
	long		 task;		/* task number; 0: any (or none) */
};
#define EXPENSE_FILTER_INIT { .from = INT32_MIN, .to = INT32_MAX }

/*
 * Month file names under expenses/ of the work tree ("2026-11.csv"),
 * sorted.  Other names are ignored with a warning (dot files silently).
 * Returns the count or -1; the caller frees each name and the array.
 */
int	budget_month_files(struct project *p, char ***names);

/*
 * Read every month file (in month order, rows in file order) and call cb
 * for each expense that passes f (NULL: all).  Every file read is
 * validated strictly; a row dated outside its file's month is invalid
 * data (65).  Returns 0, or -1 after reporting.
 */
int	budget_scan(struct project *p, const struct expense_filter *f,
	    expense_cb cb, void *arg);

/*
 * What `kam check` needs beyond budget_scan(): every month file read in
 * full, ids unique across all files, and every task reference present in
 * `tasks` (schema_tasks; NULL skips that).  Reports each problem with
 * file:line (65) and returns -1 if there was any.
 */
int	budget_validate(struct project *p, const struct table *tasks);
/*
 * The same, and with budget (schema_budget, sorted) and a: budget_audit()
 * with no filter from the same read of the expenses (kam check reads a
 * million lines once, not twice).  *audited is 1 when a holds the audit; 0 when
 * the files are invalid or the audit failed (reported).  Release a with
 * budget_audit_release() in every case.
 */
struct budget_audit;
int	budget_validate_audit(struct project *p, const struct table *tasks,
	    const struct table *budget, struct budget_audit *a, int *audited);

/* ---- the month files of any monthly table (schema.h: s->monthly) ----
 * The expenses and the timesheets share this machinery: one file per
 * month under s->file, column 1 the date that puts a record in its month,
 * ids unique across the months and increasing within a file. */

/* Called with each row, validated (types, enums, ids) by table_scan(). */
typedef int (*month_cb)(void *arg, const struct table *t,
    const struct row *r);
/* As budget_month_files() for the directory of s. */
int	month_files(struct project *p, const struct schema *s, char ***names);
/* Every row of every month file of s dated in [from, to] (INT32_MIN,
 * INT32_MAX: open; months outside are not read), in month and file
 * order; a row dated outside its file's month is invalid (65). */
int	month_scan(struct project *p, const struct schema *s, int32_t from,
	    int32_t to, month_cb cb, void *arg);
/* What kam check needs: every file read, ids unique across the months,
 * every reference column naming the prefix of one of targets (tables as
 * store_load gives them, sorted) pointing at a record; cb (may be NULL)
 * sees each row too and returns -1 for a problem it reported.  Each
 * problem is reported with file:line (65); -1 if there was any. */
int	month_validate(struct project *p, const struct schema *s,
	    const struct table *const *targets, size_t ntargets, month_cb cb,
	    void *arg);
/* The highest id of s in HEAD, as budget_last_id(). */
int	month_last_id(struct tx *tx, const struct schema *s, int digits,
	    long *max);
/* The month file of s holding date, as tx reads it (an empty table when
 * there is none yet), its next id one above the highest of every month
 * (65 "<noun> ids are exhausted" past 999999999).  0, or -1 after
 * reporting; release t in every case. */
int	month_open(struct tx *tx, const struct schema *s, int digits,
	    int32_t date, struct table *t);
/* As budget_tail_id() for ids with `prefix`. */
long	month_tail_id(const char *buf, size_t len, const char *prefix);
/* Whether name is a month file's base name: "2026-11.csv", a real month. */
int	month_is_name(const char *name);
/* The month file of a date: "timesheets/2026-11.csv" (32 bytes). */
char	*month_path(const struct schema *s, int32_t date, char *buf);

/* ---- sums ---- */

struct budget_cat {
	char		*name;
	int64_t		 planned;	/* budget.csv amount (0 when none) */
	int64_t		 actual;	/* sum of the expenses */
	unsigned long	 count;		/* number of expenses */
	unsigned	 has_plan : 1;	/* a line in budget.csv */
	unsigned	 from_schedule : 1;	/* labour without a line:
						 * planned from the schedule */
};

struct budget_month {
	char		 month[8];	/* "2026-11" */
	int64_t		 actual;
	unsigned long	 count;
};

struct budget_task_sum {
	long		 task;		/* N of T-N */
	int64_t		 actual;
};

struct budget_sums {
	/* budget.csv's order, then unplanned categories as they appear */
	struct budget_cat	*cats;
	size_t			 ncats, acats;
	struct budget_month	*months;	/* ascending */
	size_t			 nmonths, amonths;
	struct budget_task_sum	*tasks;		/* sorted by task number */
	size_t			 ntasks, atasks;
	int64_t			 no_task;	/* expenses without a task */
	int64_t			 planned;	/* sum of budget.csv */
	int64_t			 actual;	/* sum of all expenses taken */
	unsigned long		 count;
	/* private: hash tables over cats (by name) and tasks (by number) */
	size_t			*cat_slot, ncat_slot;
	struct kam_lidx		 task_index;
	/* task numbers below TASK_DENSE_MAX sum here by number until the
	 * scan ends (one load per expense, not a hash probe) */
	int64_t			*dense_actual;
	unsigned char		*dense_seen;
	size_t			 ndense;
	/* The labour planned from the schedule (budget_audit_labour():
	 * no labour line in budget.csv), in the total's plan, not in
	 * planned (which is budget.csv's). */
	int64_t			 labour_plan;
};
#define BUDGET_SUMS_INIT { NULL, 0, 0, NULL, 0, 0, NULL, 0, 0, 0, 0, 0, 0, \
	NULL, 0, KAM_LIDX_INIT, NULL, NULL, 0, 0 }

/*
 * Sum the expenses that pass f by category, month and task, starting from
 * the planned amounts of `budget` (schema_budget, as store_load() gives
 * it; NULL: no plan).  s must be BUDGET_SUMS_INIT or released.  Returns 0,
 * or -1 after reporting (65 for bad data or a sum beyond the money range).
 */
int	budget_sum(struct budget_sums *s, struct project *p,
	    const struct table *budget, const struct expense_filter *f);
/* Would an expense of `amount` on `date` ("YYYY-MM-DD"), category and
 * task (0: none) take a sum that kam check and budget audit compute
 * (category, month, task, all) beyond the money range?  Sums the work
 * tree's expenses; 0, or -1 after reporting 65. */
int	budget_check_add(struct project *p, const char *category,
	    const char *date, long task, int64_t amount);
/* A category as people type it (the grammar of a budget key): not empty,
 * valid UTF-8, no edge spaces, no control characters.  opt names it in
 * the message ("--category").  0, or -1 after reporting 64. */
int	budget_category_ok(const char *c, const char *opt);
/* An amount as people type it (the operand of budget set and spend) into
 * *v, minor units with the project's digits.  0, or -1 after reporting
 * 64 ("invalid amount '...': why"). */
int	budget_amount_arg(const char *s, int digits, int64_t *v);
/* Actual of task T-num in s (0 when it has no expenses). */
int64_t	budget_task_actual(const struct budget_sums *s, long num);
void	budget_sums_release(struct budget_sums *s);

/* ---- the audit (SPEC §3 budget audit, §7 health) ---- */

enum budget_status {
	BUDGET_OK,
	BUDGET_WARN,		/* used >= [health] budget-warn % of plan */
	BUDGET_OVER,		/* used > plan by more than budget-overrun % */
	BUDGET_UNPLANNED	/* expenses on a category without a plan line */
};
/* "ok", "warn", "over", "unplanned". */
const char	*budget_status_name(enum budget_status st);

enum budget_health { HEALTH_GREEN, HEALTH_AMBER, HEALTH_RED };

struct budget_line {
	const char		*category;	/* NULL for the total */
	int64_t			 planned, actual;
	int64_t			 variance;	/* planned - actual */
	unsigned long		 count;
	/* planned > 0: used_pct is budget_pct_fmt(actual, planned) */
	unsigned		 has_pct : 1;
	unsigned		 has_plan : 1;
	enum budget_status	 status;
	/* Health rule of SPEC §7: over is red, warn amber; an unplanned
	 * category with a positive actual is red (its plan is zero, so any
	 * spending is over it by more than any percentage). */
	enum budget_health	 health;
};

/* Status and health of one category (or the total) by p's thresholds;
 * fills variance and has_pct too.  -1 (65) when the variance
 * leaves the money range. */
int	budget_classify(struct budget_line *l, const struct project *p);

struct budget_audit {
	struct budget_sums	 sums;
	struct budget_line	*lines;		/* one per category */
	size_t			 nlines;
	struct budget_line	 total;
	size_t			 nover, nwarn, nunplanned;
	enum budget_health	 health;	/* worst of lines and total */
	/* budget_validate_audit() only: the expenses dated up to today,
	 * summed in the same read by task and in total (not by category or
	 * month), for budget_evm_sums(). */
	struct budget_sums	 to_today;
	int			 has_to_today;
};
#define BUDGET_AUDIT_INIT { BUDGET_SUMS_INIT, NULL, 0, { NULL, 0, 0, 0, 0, \
	0, 0, BUDGET_OK, HEALTH_GREEN }, 0, 0, 0, HEALTH_GREEN, \
	BUDGET_SUMS_INIT, 0 }

/*
 * The whole audit from the work tree: budget.csv, the expenses passing f
 * (NULL: all), one line per category, the total.  Returns 0 or -1
 * (reported).  Release a with budget_audit_release() in every case.
 */
int	budget_audit(struct budget_audit *a, struct project *p,
	    const struct expense_filter *f);
/*
 * The category of the labour booked in the timesheets (timesheet.h):
 * hours x the person's day rate / calendar.hours-per-day.  budget_audit()
 * adds it as one line beside the expense categories (planned by a
 * `labour` line of budget.csv, else unplanned); a project without
 * bookings has no such line.  budget_audit_labour() adds it to an audit
 * made without it (kam check: after the timesheets were validated).
 * Without a `labour` line the labour is planned from the schedule: each
 * task's duration in working days x its assignee's day rate (people.csv
 * rate), in the line and in the total's plan (from_schedule); only when
 * that is 0 too (no assignee with a rate) is the labour unplanned.
 */
#define BUDGET_LABOUR	"labour"
int	budget_audit_labour(struct budget_audit *a, struct project *p,
	    const struct expense_filter *f);
/* The same with the planned amounts of `budget` (schema_budget, sorted;
 * another revision's, for kam budget audit --against). */
int	budget_audit_with(struct budget_audit *a, struct project *p,
	    const struct table *budget, const struct expense_filter *f);
void	budget_audit_release(struct budget_audit *a);

/* part as a percentage of whole (> 0), two decimals rounded half away
 * from zero ("12.50"), exact at any size; buf needs 48 bytes. */
char	*budget_pct_fmt(int64_t part, int64_t whole, char *buf);

/* ---- earned value (SPEC §4) ---- */

/*
 * One task's (or the project's) earned value, in minor units.  Ratios are
 * in thousandths, rounded half away from zero; has_* is 0 where SPEC §4
 * says null (a divisor of 0).  Money values are rounded to the minor unit
 * per task, so the tasks add up to the total.
 */
struct evm_line {
	long		 task;		/* N of T-N; 0 for "other" and total */
	const char	*title;		/* borrowed from the tasks table */
	int64_t		 bac, pv, ev, ac, cv, sv, eac, etc, vac;
	int64_t		 cpi, spi;	/* x 1000 */
	unsigned	 has_cpi : 1, has_spi : 1, has_eac : 1;
};

struct budget_evm {
	struct evm_line	*tasks;		/* tasks.csv order */
	size_t		 ntasks;
	struct evm_line	 other;		/* expenses tied to no (known) task */
	struct evm_line	 total;
	int32_t		 today;
	unsigned	 use_baseline : 1;	/* PV from baseline dates */
	size_t		 nno_baseline;	/* tasks without one: 0 in PV */
	int64_t		 labour;	/* of total.ac: the hours booked */
	int64_t		 unrated;	/* quarter hours booked by people
					 * without a rate: no cost */
	/* The cost basis (issue 17 #3): "all", "tasks", or
	 * budget.evm-categories (borrowed from the project). */
	const char	*cost_basis;
	int64_t		 outside;	/* spent up to today outside the
					 * basis: not in AC */
	int64_t		 outside_planned;	/* budget.csv outside it */
	int64_t		 lines;		/* categories: their budget.csv
					 * lines (0: none; BAC is then the
					 * task costs) */
	/* The whole project (kam budget margin): bac + outside_planned;
	 * eac + the larger of outside_planned and outside (has_eac). */
	int64_t		 whole_bac, whole_eac;
};
#define BUDGET_EVM_INIT { NULL, 0, { 0 }, { 0 }, 0, 0, 0, 0, 0, NULL, 0, 0, \
	0, 0, 0 }

/*
 * The cost basis (issue 17 #3).  CPI compares what the tasks earned with
 * what was spent on the same things:
 *   - budget.evm-categories unset, budget.csv planning more than the
 *     task costs ("tasks"): BAC is the sum of the task costs; AC counts
 *     the expenses tied to a task of tasks.csv and the labour booked
 *     (always on a task).  Expenses without a task are outside;
 *     budget.csv beyond the task costs is the plan outside.
 *   - unset, budget.csv planning no more than the task costs ("all"):
 *     every expense and the labour are spent on the tasks' budget (AC
 *     as before issue 17); nothing is outside.
 *   - budget.evm-categories = services labour: AC counts the expenses of
 *     those categories (on a task or not) and the labour when `labour` is
 *     listed; BAC is their budget.csv lines, spread over the tasks in
 *     proportion to the task costs (the task costs when those categories
 *     have no lines, or no task has a cost).  The other categories, and
 *     the labour when not listed, are outside.
 * What lies outside is never in AC; `outside` says how much was spent.
 *
 * Earned value as of p->today of `tasks` (schema_tasks, from store_load;
 * borrowed until release): BAC = sum of costs; PV = cost x the share of
 * the task's baseline working days passed by the end of today (without
 * any baseline in tasks.csv: the plan's dates as scheduled from the
 * project start, ignoring actuals; a task without a baseline when others
 * have one counts 0); EV = cost x progress / 100 (100 when finished); AC =
 * expenses dated on or before today plus the labour booked on or before
 * today (timesheet.h time_labour: hours x day rate / hours-per-day), each
 * on its task.  Returns 0 or -1 (reported: 65 for a
 * bad schedule, bad expenses or a value beyond the money range).
 */
int	budget_evm(struct budget_evm *e, struct project *p,
	    const struct table *tasks);
/* The same with AC taken from ac (expenses up to today, summed already,
 * as budget_validate_audit() leaves them in a->to_today); NULL reads
 * the expenses. */
int	budget_evm_sums(struct budget_evm *e, struct project *p,
	    const struct table *tasks, const struct budget_sums *ac);
void	budget_evm_release(struct budget_evm *e);

/* "0.857" style ratio of thousandths into buf (32 bytes). */
char	*budget_ratio_fmt(int64_t milli, char *buf);

/* ---- writing (kam budget spend) ---- */

/*
 * The highest expense number in HEAD (through tx; the work tree in
 * --no-commit mode): the last record of each month file, as kam writes
 * them sorted by id.  Only the tail of each file is parsed, unless its
 * last record cannot be told from the tail (then the whole file is read).
 * Returns 0 with *max (0 when there are none) or -1.
 */
int	budget_last_id(struct tx *tx, int digits, long *max);

/*
 * The id number of the last record of one month file's bytes, found from
 * its tail: 0 when it has no rows, -1 when the tail does not tell (the
 * file is then to be read in full).  Used by budget_last_id().
 */
long	budget_tail_id(const char *buf, size_t len);

/* Month file of a date: "expenses/2026-11.csv" into buf (32 bytes). */
char	*budget_month_path(int32_t date, char *buf);

#endif
