/*
 * health.h: validation of every file of a project and the health rules of
 * SPEC §7, as a list of findings; `kam check` prints them and decides the
 * exit status, `kam status` folds them into one line per area.
 *
 *   struct health h = HEALTH_INIT;
 *   if (health_run(&h, &k->p) == -1)      an I/O or internal failure
 *           goto out;
 *   for (i = 0; i < h.n; i++) ... h.v[i].level, .rule, .record, .why
 *   ... h.nerror (invalid data), h.nred, h.namber, h.areas[a] ...
 *   health_release(&h);
 *
 * Validation works from the table declarations of schema.h: every table
 * file is parsed strictly (types, enums, required fields, duplicate ids,
 * conflict markers: table.h), every reference column is checked against
 * the table it names, the expenses are validated by budget.h, dependency
 * cycles by the scheduler (plan.h), and the meeting minutes are searched
 * for conflict markers.  A problem is a finding of level ERROR (exit 65).
 *
 * Rules: each rule of SPEC §7 runs when the tables it reads are valid and
 * hold data; the schedule comes from plan.h and the budget from budget.h,
 * never from a second implementation here.
 */
#ifndef KAM_HEALTH_H
#define KAM_HEALTH_H

#include <stddef.h>
#include <stdint.h>

#include "project.h"

enum finding_level {
	FIND_ERROR,	/* invalid data: exit 65 */
	FIND_RED,	/* unhealthy: exit 1 */
	FIND_AMBER	/* reported; exit 1 only with --strict */
};

/* The areas of `kam status`, in its order. */
enum health_area {
	AREA_SCHEDULE, AREA_BUDGET, AREA_COMMERCIAL, AREA_RISK,
	AREA_REQUIREMENTS, AREA_QUALITY, AREA_SATISFACTION, AREA_COMMUNICATION,
	AREA_DATA, AREA_N
};

enum area_status { AREA_NONE, AREA_GREEN, AREA_AMBER, AREA_RED };

struct finding {
	enum finding_level	 level;
	const char		*rule;		/* "risk-critical-unmanaged" */
	enum health_area	 area;
	char			*record;	/* "R-3", "Travel"; NULL */
	char			*file;		/* "risks.csv"; NULL */
	unsigned long		 line;		/* 0: none */
	char			*why;
	char			*why_client;	/* why in the project's
						 * language (lang.h) when
						 * it is not English and
						 * lib/lang.c has the
						 * format; NULL otherwise */
};

struct area {
	const char		*name;		/* "schedule" */
	enum area_status	 status;
	char			*reason;	/* one line */
	const char		*more;		/* the command to see more */
	char			*client;	/* reason for a client-facing
						 * report: no rule id, file or
						 * @P-n due: tokens; NULL: the
						 * reason has none */
};

/* A rule with its level and area, for listings (JUnit shows each rule
 * that ran, passing or not). */
struct health_rule {
	const char		*name;
	enum finding_level	 level;
	enum health_area	 area;
	const char		*what;		/* one line */
};
extern const struct health_rule health_rules[];
extern const size_t health_nrules;

struct health {
	struct finding	*v;
	size_t		 n, alloc;
	size_t		 nerror, nred, namber;
	unsigned char	 ran[64];	/* ran[i]: rule health_rules[i] was
					 * applied (had valid data) */
	struct area	 areas[AREA_N];
	int		 lang;		/* project.language (lang.h), for
					 * the findings' why_client */
};
#define HEALTH_INIT { NULL, 0, 0, 0, 0, 0, { 0 }, { { NULL, 0, NULL, NULL, NULL } }, 0 }

/* Validate everything and apply the rules.  Findings never make this
 * fail: -1 only for an I/O or internal error (reported). */
int	health_run(struct health *h, struct project *p);
void	health_release(struct health *h);
/* In the order kam check shows them: errors, red, amber; within a level
 * by area, then file, line, rule and record. */
void	health_sort(struct health *h);

/* Beside the findings, what kam review compares between revisions: the
 * forecast finish and the budget per category, from the same plan and
 * audit the rules judged. */
struct health_cat {
	char		*category;
	int64_t		 planned, actual;
	unsigned	 has_plan : 1;	/* a line in budget.csv */
};
struct health_sums {
	int32_t			 finish;	/* 0: no plan (no tasks, invalid) */
	int			 has_budget;	/* budget and expenses valid */
	struct health_cat	*cats;		/* the audit's order */
	size_t			 ncats;
	int64_t			 planned, actual;	/* totals */
};
#define HEALTH_SUMS_INIT { 0, 0, NULL, 0, 0, 0 }
/* health_run(), keeping the sums in s (HEALTH_SUMS_INIT or released). */
int	health_run_sums(struct health *h, struct project *p,
	    struct health_sums *s);
void	health_sums_release(struct health_sums *s);

/* The overall verdict: the worst status of the areas. */
enum area_status health_overall(const struct health *h);

const char	*health_level_name(enum finding_level l);	/* "error" ... */
const char	*health_area_name(enum health_area a);
const char	*health_status_name(enum area_status s);	/* "green" ... */

struct table;
struct row;
/* What the risk rules (risk-critical-unmanaged, risk-review-overdue) find
 * in one risk of risks.csv: kam check and kam risk review share them. */
struct risk_warn {
	long		 score;
	int		 no_owner;	/* critical, and no owner */
	int		 no_response;	/* critical, and no response */
	int32_t		 review;	/* the review date when it is past;
					 * else 0 */
};
/* 1 when open risk r of t has a warning (w filled in), 0 when it is not
 * open or has none. */
int	health_risk_warn(const struct project *p, const struct table *t,
	    const struct row *r, struct risk_warn *w);
/* The warnings of risk r in one line as kam risk review gives them ("review
 * was due 2026-11-01; critical (score 20) without an owner"); 0 when
 * none. */
int	health_risk_reason(const struct project *p, const struct table *t,
	    const struct row *r, char *buf, size_t len);

/* The day a communication of `frequency` (comms.csv) is next due after
 * `last`: +1, +7 or +14 days; monthly and quarterly keep the day of the
 * month, clamped to the month's last day; then the first working day of
 * p's calendar on or after it (a daily one done on Friday is due on
 * Monday).  kam comm and the comm-overdue rule share it. */
int32_t	health_comm_next(const struct project *p, const char *frequency,
	    int32_t last);

#endif
