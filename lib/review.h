/*
 * review.h: what a branch does to the project — the project read at any
 * revision, its health compared between two revisions, and `kam review`'s
 * summary (records changed per table, findings introduced and resolved,
 * finish and budget before and after, requirements whose status changed).
 *
 *   struct review rv = REVIEW_INIT;
 *   if (review_run(&rv, p, "origin/main", NULL) == -1)   NULL: work tree
 *           goto out;
 *   ... rv.diff (hist_set), rv.intro[], rv.resolved[], rv.before/after ...
 *   review_release(&rv);
 *
 * A revision's project is read from the blobs of its commit (the
 * project's folder, p->prefix, in that commit's tree) with the loaders
 * every command uses (project_open_tree: kam.conf, store, budget, health);
 * nothing is checked out and the work tree is never read for it.  Both
 * sides are judged against the same today (p->today), so a finding that
 * only ages (a task one more day late) is the same finding on both.
 *
 * Findings are compared by rule and record; a finding without a record by
 * rule, file and message.
 */
#ifndef KAM_REVIEW_H
#define KAM_REVIEW_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "health.h"
#include "history.h"
#include "project.h"

/*
 * p's project as it is in a commit: its folder there, read through repo
 * (p->repo or another handle on it) with project_open_tree (kam.conf of
 * that commit; store, budget and health read its blobs).  rp->p.today is
 * p's today, or with as_of_commit the day of the commit in its
 * committer's time zone (a baseline: the plan as it was computed then).
 * 0; 1 when the project does not exist there; -1 after reporting.
 * review_close() in every case.
 */
struct rev_project {
	struct project	 p;
	git_tree	*tree;
	git_commit	*commit;
};
#define REV_PROJECT_INIT { PROJECT_INIT, NULL, NULL }
int	review_open(struct rev_project *rp, const struct project *p,
	    git_repository *repo, const git_oid *commit, int as_of_commit);
/* The same for revision `rev` (64 for an unknown one). */
int	review_open_rev(struct rev_project *rp, const struct project *p,
	    const char *rev, int as_of_commit);
void	review_close(struct rev_project *rp);

/*
 * Baselines from any revision (a contract signature, a steering
 * committee's approval: a tag).  review_tasks_baseline() sets the
 * baseline cells of every task of `tasks` (loaded, not written back) to
 * its planned dates in the plan computed at rev as of rev's day: what
 * `kam plan baseline` would have stored that day; a task rev does not
 * have gets none.  kam plan and kam budget evm then compute as with a
 * stored baseline.  review_budget_against() is budget_audit() with the
 * planned amounts of rev's budget.csv.  0, or -1 (64: an unknown
 * revision or one without the project).
 */
struct budget_audit;
struct expense_filter;
struct table;
int	review_tasks_baseline(struct table *tasks, const struct project *p,
	    const char *rev);
int	review_budget_against(struct budget_audit *a, struct project *p,
	    const char *rev, const struct expense_filter *f);
/*
 * kam budget evm as of a past day (issue 17 #2): replace tasks (loaded
 * from the work tree) by what they were at the end of `day`.  When the
 * history of HEAD (first parents) has commits dated after day (the
 * committer's day), tasks.csv is read from the last one dated on or
 * before it (none at all: the rows stay as they are).  Then what a row
 * dates after day did not happen yet: a task started after day is not
 * started (no start, finish, progress); one finished after day is
 * unfinished, its progress the share of its working days from start to
 * day, rounded down (or the progress recorded, when lower).  0, or -1
 * reported.
 */
int	review_tasks_as_of(struct table *tasks, struct project *p,
	    int32_t day);
/* The day of revision rev's commit, in its committer's time zone: 0, or
 * 1 (nothing reported) when rev names no commit. */
int	review_rev_day(int32_t *day, const struct project *p, const char *rev);
/* The value of an option opt that takes a date or a revision (a tag: the
 * steering committee's approval), as a day: 0, or -1 after 64. */
int	review_day_arg(int32_t *day, const struct project *p, const char *opt,
	    const char *arg);

/* One side of a comparison. */
struct review_side {
	char			*rev;		/* as named; NULL: the work tree */
	char			 id[GIT_OID_HEXSZ + 1];	/* commit; "" work tree */
	int			 exists;	/* the project is there */
	struct health		 health;
	struct health_sums	 sums;
};
#define REVIEW_SIDE_INIT { NULL, "", 0, HEALTH_INIT, HEALTH_SUMS_INIT }

/* A requirement whose status differs ("" = the record is not there). */
struct review_req {
	const char	*id, *title;	/* borrowed from the diff */
	const char	*before, *after;
};

/* Records added, removed and changed in one table (kam diff --stat). */
struct review_table {
	const struct schema	*s;
	long			 added, removed, changed;
};

/* One budget category (or the total, category NULL) on both sides. */
struct review_budget {
	const char	*category;	/* borrowed from the sums */
	int		 in_base, in_head;
	int64_t		 planned[2], actual[2];	/* [0] base, [1] head */
};

struct review {
	struct review_side	 base, head;
	struct hist_set		 diff;		/* base -> head, sorted */
	struct review_table	*tables;	/* those with a change, in
						 * kam_schemas order */
	size_t			 ntables;
	const struct finding	**intro;	/* in head, not in base */
	size_t			 nintro;
	const struct finding	**resolved;	/* in base, not in head */
	size_t			 nresolved;
	long			 moved;		/* finish, working days after -
						 * before (head's calendar) */
	struct review_req	*reqs;
	size_t			 nreqs;
	struct review_budget	*budget;	/* base's categories, those
						 * only in head, the total */
	size_t			 nbudget;
};
#define REVIEW_INIT { REVIEW_SIDE_INIT, REVIEW_SIDE_INIT, HIST_SET_INIT, \
	NULL, 0, NULL, 0, NULL, 0, 0, NULL, 0, NULL, 0 }

/*
 * Compare revision `base` with `head` (NULL: the work tree).  base NULL:
 * the merge base of HEAD with its upstream branch (64 when HEAD has
 * none); a base given is also taken as the merge base of it and head, as
 * a pull request compares.  0, or -1 after reporting (64 for an unknown
 * revision, 65 when the work tree's data is invalid is not a failure:
 * its findings say so).
 */
int	review_run(struct review *rv, struct project *p, const char *base,
	    const char *head);
void	review_release(struct review *rv);

/*
 * Health of the project as it is at revision `rev`: the findings and
 * sums of p's project folder in that commit.  1 (h empty) when the
 * project does not exist there; 0; -1 after reporting.
 */
int	review_health_at(struct health *h, struct health_sums *s,
	    const struct project *p, const git_oid *commit);

/*
 * kam check --new-since: drop from h the findings also present in base
 * (by rule and record) and count again; the areas are left as they were.
 */
void	review_keep_new(struct health *h, const struct health *base);
/* kam check --new-since: health_run() of p (the work tree) keeping the
 * findings that are not present at revision `rev` (a revision without
 * the project has no finding); rev is judged in a thread of its own
 * meanwhile.  0, or -1 after reporting (64: an unknown revision). */
int	review_health_since(struct health *h, struct project *p,
	    const char *rev);

#endif
