/*
 * timesheet.h: effort actually spent (issue 16): timesheets/YYYY-MM.csv,
 * prefix W, one booking a row (date, person, task, hours, note).
 *
 * The table is declared in schema.h (TIME_COLUMNS) as a monthly table, so
 * check, log, diff, the merge driver and renumber read it from its
 * declaration; the month files are read and written with the machinery
 * the expenses use (budget.h: month_scan, month_last_id, month_path).
 * Hours are integer quarter hours (value.h hours_parse), never floats.
 *
 *   struct time_filter f = TIME_FILTER_INIT;     f.person = 2 (P-2) ...
 *   time_scan(p, &f, cb, arg);                   every booking passing f
 *   struct time_report r = TIME_REPORT_INIT;
 *   time_report(&r, p, &f, TIME_BY_PERSON);      sums, with names
 *   time_report_release(&r);
 */
#ifndef KAM_TIMESHEET_H
#define KAM_TIMESHEET_H

#include <stddef.h>
#include <stdint.h>

#include "kam.h"
#include "project.h"
#include "record.h"
#include "table.h"

/* A person's bookings of one day: at most 24 hours. */
#define TIME_DAY_MAX	96	/* quarter hours */

/* One booking as a scan hands it over; strings valid in the callback. */
struct booking {
	const char	*path;		/* "timesheets/2026-11.csv" */
	unsigned long	 line;
	long		 num;		/* N of W-N */
	const char	*id, *date, *person, *task, *note;
	long		 person_num, task_num;
	int64_t		 quarters;
};
typedef int (*booking_cb)(void *arg, const struct booking *b);

struct time_filter {
	int32_t		 from, to;	/* inclusive; INT32_MIN/MAX: open */
	long		 person, task;	/* 0: any */
};
#define TIME_FILTER_INIT { .from = INT32_MIN, .to = INT32_MAX }

/* A person's bookings of any day of t (one month file as store_load or
 * table_parse gives it) add up to at most 24 hours: 0, or -1 after 65
 * naming the row that goes over. */
int	time_check_days(const struct table *t);

/* Every booking of the work tree that passes f (NULL: all), in month and
 * file order.  0, or -1 reported (65 for bad data, naming file:line). */
int	time_scan(struct project *p, const struct time_filter *f,
	    booking_cb cb, void *arg);

/*
 * kam time log: book `hours` ("6.5", quarter steps, 0.25-24) of person on
 * task on date, with an optional note, in one commit "kam: time log W-n:
 * P-2 T-5 6.5 h" that rewrites only that month's file.  Refused (65,
 * nothing changed) when the person's bookings of that day would pass 24
 * hours; 64 for bad hours.  Prints the new id.  0, or -1 reported.
 */
int	time_log(const struct rec_ctx *c, const char *person,
	    const char *task, const char *hours, int32_t date,
	    const char *note);

/* kam check: every month file valid (types, ids unique across months,
 * people and tasks present in `people` and `tasks`, sorted, NULL to skip)
 * and no person booked over 24 hours on one day.  -1 after reporting
 * each problem with file:line. */
int	time_validate(struct project *p, const struct table *people,
	    const struct table *tasks);

/* ---- cost from effort ---- */

/*
 * Labour cost of the bookings: hours x the person's day rate (people.csv
 * rate) / calendar.hours-per-day, exact in minor units.  The hours of one
 * person on one task in one month are summed first and their cost rounded
 * once, half away from zero; the task, month and total costs are sums of
 * those, so they always add up.  Bookings of a person without a rate cost
 * nothing and are counted in `unrated`.
 */
struct labour_task {
	long		 task;		/* N of T-N */
	int64_t		 cost, quarters;
};
struct labour_month {
	char		 month[8];	/* "2026-11" */
	int64_t		 cost, quarters;
	unsigned long	 count;		/* bookings */
};
struct time_labour {
	struct labour_task	*tasks;		/* by task number */
	size_t			 ntasks;
	struct labour_month	*months;	/* ascending */
	size_t			 nmonths;
	int64_t			 cost, quarters, unrated;
	unsigned long		 count;
};
#define TIME_LABOUR_INIT { NULL, 0, NULL, 0, 0, 0, 0, 0 }

/* The labour of the bookings passing f (NULL: all); people from the work
 * tree.  0, or -1 reported (65 for bad data or a cost beyond the money
 * range). */
int	time_labour(struct time_labour *l, struct project *p,
	    const struct time_filter *f);
/* Cost of task T-num in l (0 when none). */
int64_t	time_labour_task(const struct time_labour *l, long num);
void	time_labour_release(struct time_labour *l);

/* ---- sums ---- */

enum time_by { TIME_BY_PERSON, TIME_BY_TASK, TIME_BY_WEEK, TIME_BY_MONTH };
/* "person", "task", "week", "month" into *by; -1 when unknown. */
int	time_by_parse(const char *s, enum time_by *by);

struct time_line {
	long		 key;		/* N of P-N / T-N; day of the week's
					 * Monday; year * 12 + month - 1 */
	char		 label[24];	/* "P-2", "T-5", "2026-11-23", "2026-11" */
	const char	*name;		/* person's name, task's title or "" */
	int64_t		 quarters;
	unsigned long	 count;
	int64_t		 planned;	/* by task: duration x hours-per-day */
	unsigned	 has_planned : 1;
};

struct time_report {
	struct time_line *v;		/* by key, ascending */
	size_t		 n, alloc;
	int64_t		 total;		/* quarter hours */
	unsigned long	 count;
	struct table	 people, tasks;	/* the names are theirs */
	struct kam_lidx	 index;		/* private: key -> position in v */
	enum time_by	 by;
};
#define TIME_REPORT_INIT { NULL, 0, 0, 0, 0, TABLE_INIT, TABLE_INIT, \
	KAM_LIDX_INIT, TIME_BY_PERSON }

/* Sum the bookings passing f by `by`.  0, or -1 reported. */
int	time_report(struct time_report *r, struct project *p,
	    const struct time_filter *f, enum time_by by);
void	time_report_release(struct time_report *r);

/* ---- kam team audit ---- */

/*
 * Per person and week (by Monday) or month: the hours planned (the
 * schedule's allocation, kam team load: task-days x hours-per-day), the
 * hours booked, the capacity (working days of the period x the person's
 * capacity % x hours-per-day; within [from, to] when given) and the
 * utilisation (booked / capacity).  People with planned or booked hours
 * only; periods with either.  All hours are quarter hours.
 */
struct audit_row {
	long		 person;	/* N of P-N */
	const char	*name;		/* borrowed from the audit's people */
	long		 key;		/* Monday (day) or year * 12 + month - 1 */
	char		 period[11];	/* "2026-11-23" or "2026-11" */
	int64_t		 planned, booked, capacity;
	int64_t		 cap100;	/* capacity x 100, exact */
	unsigned	 over : 1;	/* booked > capacity */
};
/* Per task with bookings: planned effort (duration x hours-per-day) and
 * booked, over when booked exceeds planned by more than
 * health.effort-overrun %. */
struct audit_task {
	long		 task;
	const char	*title;		/* borrowed */
	int64_t		 planned, booked;
	unsigned	 has_planned : 1, over : 1;
};
struct team_audit {
	struct audit_row	*rows;		/* by person, then period */
	size_t			 nrows, arows;
	struct audit_task	*tasks;		/* by task */
	size_t			 ntasks;
	size_t			 nover_rows, nover_tasks;
	struct table		 people, tasks_t;
};
#define TEAM_AUDIT_INIT { NULL, 0, 0, NULL, 0, 0, 0, TABLE_INIT, TABLE_INIT }

/* by_month 0: weeks.  from/to 0: open (the plan's window for the
 * allocation).  0, or -1 reported. */
int	team_audit(struct team_audit *ta, struct project *p, int32_t from,
	    int32_t to, int by_month);
void	team_audit_release(struct team_audit *ta);

/* Is task row r over its effort: booked > planned x (100 + pct) / 100
 * (planned = duration x hours-per-day, quarter hours)?  A task of no
 * duration (a milestone) never is. */
int	time_effort_over(int64_t booked, int64_t planned, long pct);
/* Capacity in quarter hours of `workdays` days at capacity % `cap`. */
int64_t	time_capacity(const struct project *p, long workdays, long cap);

/* The sums kam check's rules need, from the same read as time_validate:
 * hours booked per task and per person and week. */
struct time_sums;
struct time_sums *time_sums_new(void);
void	time_sums_free(struct time_sums *s);
int64_t	time_sums_task(const struct time_sums *s, long task);
/* Call cb for each (person, Monday, quarter hours) booked. */
void	time_sums_weeks(const struct time_sums *s,
	    void (*cb)(void *arg, long person, int32_t monday, int64_t q),
	    void *arg);
/* time_validate() that also fills s (may be NULL). */
int	time_validate_sums(struct project *p, const struct table *people,
	    const struct table *tasks, struct time_sums *s);

#endif
