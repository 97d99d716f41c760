/*
 * portfolio.h: every key account of the organisation, each its own kam
 * project in its own git repository, read side by side (kam portfolio).
 *
 *   struct portfolio pf = PORTFOLIO_INIT;
 *   if (portfolio_open(&pf, file, dir) == -1)     66: no portfolio.conf
 *           goto out;                             65: a bad one
 *   if (portfolio_read(&pf, PF_STATUS, 0) == -1)  internal failure only
 *           goto out;
 *   portfolio_sort(&pf);                          worst account first
 *   for (i = 0; i < pf.n; i++) ... pf.acc[i].state, .reason, .st ...
 *   ... portfolio_worst(&pf) ...                  0, 65 or 74
 *   portfolio_release(&pf);
 *
 * portfolio.conf is git-config syntax, read with libgit2's config API:
 *
 *   [account "acme-erp"]
 *           path = ../acme-erp      ; work tree or bare repository,
 *                                   ; relative to portfolio.conf
 *           branch = main           ; default: the repository's HEAD
 *           dir = pm                ; the project's folder (default: root)
 *   [account "globex-crm"]
 *           url = file:///srv/git/globex.git   ; mirrored by portfolio_fetch
 *
 * Reading: each account is read from the committed tree of its branch
 * (project_open_tree: the blobs of kam.conf and the tables), never from a
 * work tree, so bare repositories and mirrors work and uncommitted edits
 * do not show.  The tables are parsed, validated and judged by the same
 * code as kam check and kam status (table.h, health.h, plan.h, budget.h).
 * Accounts are read in parallel: one libgit2 repository per thread, up to
 * the number of cores; each thread captures its own messages (kam.h), so
 * an account's failure lands in its own row and never hides the others.
 * Nothing read from a repository is kept but the answers asked for.
 */
#ifndef KAM_PORTFOLIO_H
#define KAM_PORTFOLIO_H

#include <stddef.h>
#include <stdint.h>

#include "health.h"
#include "table.h"

/* What portfolio_read collects for each account. */
#define PF_STATUS	0x1	/* health, plan, budget, risks, csat: st */
#define PF_RISKS	0x2	/* risks.csv and people.csv: risks, people */
#define PF_LESSONS	0x4	/* lessons.csv: lessons */
#define PF_BUDGET	0x8	/* the budget audit: bud */
#define PF_LOAD		0x10	/* each person's task-days per period: load */

enum pf_state {
	PF_OK,
	PF_INVALID,	/* the account's data is invalid (65) */
	PF_UNREADABLE	/* missing, not a repository, no branch, not a kam
			 * project, not fetched (74) */
};

struct pf_status {
	enum area_status areas[AREA_N];
	enum area_status overall;
	size_t		 nred, namber;		/* findings */
	int32_t		 planned, forecast;	/* finish dates; 0: none */
	long		 slip;			/* working days; has_slip */
	int		 has_slip;
	char		 used_pct[48];		/* budget used; "" none */
	char		*worst_cat;		/* the most used category */
	long		 critical_risks;	/* open, score >= threshold */
	long		 csat_n, csat_avg10, nps;	/* last 90 days */
	char		*why;			/* the worst area's reason */
};

struct pf_budget {
	int64_t		 planned, actual, variance;
	char		 used_pct[48];		/* "" when nothing planned */
};

/* One person's work in one period of one account (PF_LOAD). */
struct pf_load {
	char		*key;		/* lower-case email, or the name */
	char		*name;
	int32_t		 period;	/* its first day */
	long		 assigned;	/* task-days in the period */
	long		 workdays;	/* working days of the period (the
					 * account's calendar) */
	long		 capacity;	/* people.csv capacity, 100 unset */
};

struct pf_account {
	char		*name;
	char		*path, *url, *branch, *dir;	/* as configured */
	char		*repo;		/* the repository read (absolute) */
	enum pf_state	 state;
	char		*reason;	/* why it is not PF_OK */
	const char	*fetched;	/* portfolio_fetch: "cloned" (no mirror
					 * yet) or "fetched" */
	char		*warnings;	/* warnings while reading, one a line */
	char		 commit[41];	/* the commit read; "" none */
	char		*project, *client, *currency;
	int		 digits;
	int32_t		 today;
	long		 risk_critical;	/* [health] risk-critical */
	struct pf_status st;
	struct pf_budget bud;
	struct table	 risks, people, lessons;
	struct pf_load	*load;
	size_t		 nload;
};

struct portfolio {
	char			*file;	/* portfolio.conf, absolute */
	char			*base;	/* its folder, absolute, ends in '/' */
	struct pf_account	*acc;
	size_t			 n;
	/* PF_LOAD: the window (INT32_MIN/INT32_MAX: open) and the period */
	int32_t			 from, to;
	int			 by_month;	/* else by week (Monday) */
	int32_t			 today;		/* --today, else set by
						 * portfolio_read (KAM_TODAY
						 * or the system date) */
};
#define PORTFOLIO_INIT { .from = INT32_MIN, .to = INT32_MAX }

/* A person across accounts in one period: the load is the sum over the
 * accounts of task-days / working days, in hundredths of a percent. */
struct pf_load_row {
	const char	*key, *name;
	int32_t		 period, end;
	long		 load;		/* 10000 = 100% */
	long		 capacity;	/* percent: the largest given */
	int		 over;		/* load above capacity */
	char		*accounts;	/* "acme:60 globex:60" (percent) */
};

/* The budgets of the readable accounts (PF_BUDGET) added per currency
 * (and minor digits), never across currencies, in order of first
 * appearance.  overflow: the sum left the money range. */
struct pf_total {
	const char	*currency;	/* "" when an account has none */
	int		 digits;
	int64_t		 planned, actual;
	long		 accounts;
	int		 overflow;
};
void	portfolio_budget_totals(const struct portfolio *pf,
	    struct pf_total **out, size_t *n);

/* Sum the PF_LOAD entries of the readable accounts per person (matched
 * by email, by name when there is none) and period, in person and
 * period order.  The rows borrow from pf; free each accounts and the
 * array. */
void	portfolio_load_rows(const struct portfolio *pf,
	    struct pf_load_row **out, size_t *n);

/* An open risk of a readable account (PF_RISKS). */
struct pf_risk {
	const struct pf_account	*a;
	const struct row	*r;	/* in a->risks */
	const struct row	*owner;	/* in a->people, or NULL */
	long			 score;
};
/* The open risks of every readable account with a score of at least
 * min_score and, when owner is not NULL, owned by that person (email,
 * any case; the name when the person has no email): highest score
 * first, then by account and id.  Free *out. */
void	portfolio_risks(const struct portfolio *pf, long min_score,
	    const char *owner, struct pf_risk **out, size_t *n);

/* A lesson of a readable account (PF_LESSONS). */
struct pf_lesson {
	const struct pf_account	*a;
	const struct row	*r;	/* in a->lessons */
};
/* The lessons of every readable account, of area `area` (any case) when
 * not NULL, with the word `search` (any case) in the lesson, its action
 * or its area when not NULL: newest first, then by account and id.  Free
 * *out. */
void	portfolio_lessons(const struct portfolio *pf, const char *area,
	    const char *search, struct pf_lesson **out, size_t *n);

/* Read the portfolio file: `file` (-f) when not NULL, else the first
 * portfolio.conf found walking up from `dir` (NULL: the current
 * directory).  66 when there is none, 65 when it cannot be parsed. */
int	portfolio_open(struct portfolio *pf, const char *file, const char *dir);

/* Read every account (what: PF_* flags) with up to `threads` threads (0:
 * the number of cores).  An account's failure is recorded in its row;
 * -1 only when threads cannot be started (reported). */
int	portfolio_read(struct portfolio *pf, unsigned what, int threads);

/* Worst account first: unreadable, invalid, red, amber, green (more red
 * findings first), then by name. */
void	portfolio_sort(struct portfolio *pf);

/* The exit kind the accounts call for: 74 when one is unreadable, else
 * 65 when one is invalid, else 0. */
int	portfolio_worst(const struct portfolio *pf);

/* Print "kam: account 'x': reason" for each account that is not PF_OK
 * (for verbs that list records rather than accounts), and its
 * warnings. */
void	portfolio_report_bad(const struct portfolio *pf);

/* The mirror of an account with a url: <base>.kam/mirrors/<name>.git. */
char	*portfolio_mirror(const struct portfolio *pf,
	    const struct pf_account *a);

/* Clone each account with a url into its bare mirror, or fetch it when
 * the mirror exists; progress on stderr when `progress`.  A failure is
 * recorded in the account's row (state, reason).  0, or -1 when .kam
 * cannot be made (reported). */
int	portfolio_fetch(struct portfolio *pf, int progress);

const char	*portfolio_state_name(const struct pf_account *a);

/*
 * kam portfolio report (lib/pfreport.c): read every account (status,
 * risks, and the load of the PF_REPORT_WEEKS weeks from this week's
 * Monday) and build the director's page into d (rdoc_init'ed here;
 * release it with rdoc_release): the accounts by area, worst first, as
 * a grid and a table; each person's load summed over the accounts as a
 * heat map, and the weeks over capacity; the largest open risks.  0, or
 * -1 after reporting (an account's failure is in its row).
 */
#define PF_REPORT_WEEKS	12
struct rdoc;
int	portfolio_report(struct portfolio *pf, struct rdoc *d);

void	portfolio_release(struct portfolio *pf);

#endif
