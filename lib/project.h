/*
 * project.h: the kam project: where it is, its repository, and kam.conf.
 *
 * A project is a directory holding kam.conf inside a git work tree (the
 * repository root or a subfolder).  kam.conf is git-config syntax, read
 * with libgit2's config API.
 */
#ifndef KAM_PROJECT_H
#define KAM_PROJECT_H

#include <stdint.h>

#include <git2.h>

struct project {
	git_repository	*repo;
	char		*workdir;	/* work tree, absolute, ends in '/' */
	char		*root;		/* project dir, absolute, ends in '/' */
	char		*prefix;	/* root relative to workdir: "" or "pm/" */
	char		*name, *client, *currency;
	int		 digits;	/* currency minor digits */
	int32_t		 start;		/* project.start; 0 = unset */
	unsigned	 workdays;	/* bit 0 Monday .. bit 6 Sunday */
	int32_t		*holidays;	/* sorted */
	size_t		 nholidays;
	int32_t		*workdates;	/* [calendar] workday: sorted */
	size_t		 nworkdates;
	long		 budget_warn, budget_overrun, risk_critical, csat_min,
			 comm_grace;
	int32_t		 today;		/* the system date; main() sets --today or
					 * KAM_TODAY after project_open */
	/* [health] of issue 10: CPI/SPI thresholds in thousandths. */
	long		 evm_warn, evm_red, evm_min_pct, deadline_warn,
			 late_grace, late_red, action_red;
	int32_t		 deadline;	/* project.deadline; 0 = unset */
	int		 numfmt;	/* project.number-format: enum numfmt */
	/* Set (kam portfolio): the project's folder in a commit, borrowed;
	 * every read then comes from its blobs, never from the work tree. */
	git_tree	*tree;
	/* Effort and money spent (issue 16): calendar.hours-per-day in
	 * quarter hours (default 8 h), health.effort-overrun %,
	 * health.payment-days, project.contract-value (minor units). */
	int64_t		 hours_per_day;
	long		 effort_overrun, payment_days;
	int64_t		 contract_value;
	int		 has_contract_value;
	int		 lang;		/* project.language: lang.h */
	/* budget.evm-categories (issue 17 #3): the expense categories whose
	 * spending earned value counts in AC, one space between names
	 * ("services labour"); NULL: the tasks' own (budget.h). */
	char		*evm_categories;
	/* What a write command's transaction reports to the dispatcher
	 * (RELIABILITY W4): HEAD moved under its commit, so the whole
	 * command runs again; the commit exists, so the command succeeded
	 * and failing to write its output afterwards is only a warning. */
	int		 retry_requested;
	int		 committed;
};
#define PROJECT_INIT { .digits = 2, .workdays = 0x1f, .budget_warn = 90,	\
	.risk_critical = 15, .csat_min = 7, .comm_grace = 2, .evm_warn = 950, \
	.evm_red = 850, .evm_min_pct = 10, .deadline_warn = 5,		\
	.late_grace = 2, .late_red = 10, .action_red = 10,		\
	.hours_per_day = 32, .effort_overrun = 20, .payment_days = 30 }

/* Find the project from `dir` (NULL = the current directory) by walking
 * up to the first directory holding kam.conf, open its repository and read
 * kam.conf.  66 when there is none, 65 for a bad kam.conf (file:line). */
int	project_open(struct project *p, const char *dir);
/* git's GIT_CONFIG_GLOBAL, which libgit2 1.5 does not know: with repo
 * NULL (before opening a repository) stop reading ~/.gitconfig and the
 * XDG file; with the opened repository add the named file as its global
 * configuration.  No-op when the variable is unset.  0 or -1. */
int	project_config_env(git_repository *repo);
/* Read kam.conf at `path` into p (used by project_open and init). */
int	project_read_conf(struct project *p, const char *path);
void	project_release(struct project *p);

/* Repository-relative path of a project file ("pm/risks.csv"); caller
 * frees. */
char	*project_relpath(const struct project *p, const char *file);
/* Absolute path of a project file; caller frees. */
char	*project_abspath(const struct project *p, const char *file);

/* v as people read it, by the project's currency and number format
 * ("928,400.00 CNY": money_human of value.h); buf needs 64 bytes. */
char	*project_money(const struct project *p, int64_t v, char *buf);

/* Calendar (SPEC §4): a working day is one of calendar.workdays that is
 * not a calendar.holiday, or a calendar.workday (a make-up working day,
 * 调休, on a day off). */
int	project_is_workday(const struct project *p, int32_t d);
/* The same rule over the lists of a calendar (plan.c keeps its own). */
int	calendar_is_workday(unsigned workdays, const int32_t *holidays,
	    size_t nholidays, const int32_t *workdates, size_t nworkdates,
	    int32_t d);
/* d if it is a working day, else the next working day. */
int32_t	project_next_workday(const struct project *p, int32_t d);

/*
 * A project read from a commit instead of a work tree (kam portfolio):
 * p->tree is the project's folder in that commit (borrowed from the
 * caller, who keeps it and its repository open).  project_open_tree()
 * reads kam.conf from that tree and, unless the caller set p->today,
 * sets today as project_open() does (project_today());
 * table, expense and minutes reads (store_load, budget, health) then use
 * the blobs.  66 when the tree holds no kam.conf, 65 for a bad one.
 */
int	project_open_tree(struct project *p, git_tree *tree);
/* Today: KAM_TODAY (which --today sets), else the system's local date.
 * 0, or -1 (64) for a bad KAM_TODAY. */
int	project_today(int32_t *today);
/* Read project file `file` ("risks.csv", "expenses/2026-11.csv") from
 * p->tree: 0, 1 when there is no such file (b empty), -1 after reporting
 * (65 for a folder or a file over KAM_MAX_FILE, 78 for a symlink). */
struct kam_buf;
int	project_tree_read(const struct project *p, const char *file,
	    struct kam_buf *b);
/* Names of the files (blobs) in project folder `dir` of p->tree, sorted;
 * the caller frees each and the array.  The count (0 when the folder does
 * not exist) or -1. */
int	project_tree_names(const struct project *p, const char *dir,
	    char ***names);

#endif
