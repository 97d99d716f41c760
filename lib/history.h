/*
 * history.h: record-level change sets between versions of kam's tables,
 * and the walk over git history that `kam log` is made of.
 *
 * Everything works from the table declarations of schema.h: a record is
 * matched by its id (or, in a keyless table, by its key columns) and
 * compared field by field by column name, so a new table or a user's own
 * column needs no code here.
 *
 *   struct hist_set set = HIST_SET_INIT;
 *   hist_diff_bufs(&set, &schema_risks, "risks.csv", 2, old, olen, new,
 *       nlen, NULL);
 *   for (i = 0; i < set.n; i++) ... set.v[i].id, .op, .f[j].name/old/new
 *   hist_set_release(&set);
 *
 * Cost: two versions are compared byte-wise first; only the records
 * between their longest common prefix and suffix (cut at record
 * boundaries) are parsed, so a one-row change in a 5,000-row file parses
 * two rows.  Versions that are not valid kam data are read as far as they
 * can be, quietly: history must show what happened, not refuse it; the
 * caller learns of it through `invalid`.
 */
#ifndef KAM_HISTORY_H
#define KAM_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "kam.h"
#include "project.h"
#include "schema.h"

enum hist_op { HIST_ADDED, HIST_REMOVED, HIST_CHANGED };

/* One field of one record: old and new value ("" = not set).  Added
 * records list every field that is set (old ""), removed ones every field
 * that was (new "").  Derived fields (risk score and level) follow the
 * columns they come from, with `derived` set. */
struct hist_field {
	const char	*name;		/* column name; owned by the set */
	char		*old, *new;
	unsigned	 derived : 1;
};

struct hist_rec {
	const struct schema	*s;
	char			*file;	/* project-relative: "expenses/2026-11.csv" */
	char			*id;	/* "R-7"; keyless: the key ("Travel",
					 * "T-3/P-2" for activity/person) */
	char			*title;	/* title/name/item/description; may be "" */
	long			 num;	/* N of the id, for sorting; 0 keyless */
	enum hist_op		 op;
	unsigned long		 line;	/* in the newer version (older when
					 * removed); 0 unknown */
	struct hist_field	*f;
	size_t			 nf;
};

struct hist_set {
	struct hist_rec	*v;
	size_t		 n, alloc;
	unsigned	 invalid;	/* versions that could not be read fully */
};
#define HIST_SET_INIT { .v = NULL }

/* What to compare: one table (NULL = all) and/or one record (canonical
 * id; NULL = all).  An id implies its table. */
struct hist_filter {
	const struct schema	*table;
	const char		*id;
};

/*
 * Compare two versions of `file` of table s (a == NULL or b == NULL: the
 * file did not exist on that side) and append each record added, removed
 * or changed to set.  `digits` is the currency's minor digits (money is
 * compared by value: 12.5 and 12.50 are the same).  Never fails: a version
 * that is not valid data is read as far as it goes and set->invalid is
 * counted.
 */
void	hist_diff_bufs(struct hist_set *set, const struct schema *s,
	    const char *file, int digits, const char *a, size_t alen,
	    const char *b, size_t blen, const struct hist_filter *f);

/* Append a record to set (title "", line 0: set them after) and a field
 * to a record (old/new NULL: ""); the set owns copies of the strings. */
struct hist_rec	*hist_rec_new(struct hist_set *set, const struct schema *s,
		    const char *file, const char *id, long num, enum hist_op op);
void		 hist_rec_field(struct hist_rec *r, const char *name,
		    const char *old, const char *new, int derived);

/* Sort set: tables in kam_schemas order, then id number (or key), then
 * file. */
void	hist_set_sort(struct hist_set *set);
/* Empty set for reuse. */
void	hist_set_clear(struct hist_set *set);
void	hist_set_release(struct hist_set *set);

/*
 * One side of a comparison: the project's files in a git tree (tree !=
 * NULL; the project's own subtree, not the repository root), or in the
 * work tree (tree == NULL, worktree set), or nothing (both unset: a
 * revision without the project).
 */
struct hist_side {
	git_tree	*tree;
	int		 worktree;
};

/* The project's subtree of commit c (*out NULL when the project directory
 * does not exist there).  0 or -1 (reported). */
int	hist_project_tree(git_tree **out, const struct project *p,
	    const git_commit *c);

/* The commit revision `rev` names ("v1.0", "origin/main", an id):
 * 0, or -1 (64 for an unknown revision). */
int	hist_rev_commit(git_oid *out, const struct project *p, const char *rev);

/* Compare every table file (filtered by f) of side a with side b. */
int	hist_diff_sides(struct hist_set *set, const struct project *p,
	    const struct hist_side *a, const struct hist_side *b,
	    const struct hist_filter *f);

/*
 * kam diff's comparison: from HEAD (from NULL) or revision `from` to the
 * work tree (to NULL) or to revision `to`; `from` may be a range "A..B"
 * (A -> B) or "A...B" (the merge base of A and B -> B) when to is NULL.
 * 0, or -1 after reporting (64 for an unknown revision or range).
 */
int	hist_diff_revs(struct hist_set *set, const struct project *p,
	    const char *from, const char *to, const struct hist_filter *f);

/* Whether arg names a meeting of the minutes (NAME of meetings/NAME.md
 * in the work tree) or one of its decisions or actions (NAME/D2, NAME/A1,
 * numbered as in each version; not when it is also a revision): then
 * canon (len bytes) gets the id, for a filter of table hist_meetings.
 * 1, 2 for a NAME not in the work tree that is no revision (a meeting
 * since removed, or a mistyped revision), or 0. */
int	hist_meeting_arg(const struct project *p, const char *arg,
	    char *canon, size_t len);

/* kam log: walk history from HEAD (or `rev`), newest first. */
struct hist_log_opts {
	const char		*rev;		/* NULL: HEAD */
	int			 all_parents;	/* 0: first parent only */
	int64_t			 since, until;	/* commit times (s); 0: unset */
	const char		*author;	/* substring of name or email */
	struct hist_filter	 filter;
	/* Walk every commit rather than answer a first-parent log from the
	 * record-history index (histidx.h); the output is the same. */
	int			 no_index;
	/* Stop at kam renumber instead of following the record back under
	 * its old id. */
	int			 no_follow;
};

/* A commit as kam log shows it; the strings are borrowed from the walk
 * and valid during the callback only. */
struct hist_commit {
	char		 id[GIT_OID_HEXSZ + 1];	/* hex */
	const char	*name, *email;		/* the author's */
	int64_t		 time;			/* author time, s since epoch */
	int		 offset;		/* its zone, minutes east of UTC */
	const char	*message;		/* whole, as stored */
	const char	*summary;		/* first paragraph, one line */
};

/* Called for each commit that changed a record, once per file changed
 * (set sorted, non-empty; first is 1 on a commit's first call), so that
 * a commit adding a million records is never held whole; a merge walked
 * with all_parents comes in one call.  The set's `invalid` counts
 * versions that could not be read fully.  Return 0 to go on, 1 to stop,
 * -1 on error (reported). */
typedef int (*hist_log_cb)(void *arg, const struct hist_commit *c,
	    const struct hist_set *set, int first);

int	hist_log(const struct project *p, const struct hist_log_opts *o,
	    hist_log_cb cb, void *arg);

/* "R-3 probability 3 -> 4", "T-9 added: Title", "E-1 removed: ..." into
 * b (appended); for a changed record field j, for added/removed j is
 * ignored.  Values with spaces are quoted, unset ones shown as (none). */
void	hist_line(struct kam_buf *b, const struct hist_rec *r, size_t j);

/* The revisions a user names most: HEAD, then the short names of the
 * local branches, remote-tracking branches and tags, sorted within each
 * kind.  Returns the count (caller frees each name and the array), or -1
 * after reporting. */
int	hist_ref_names(const struct project *p, char ***names);

/* For completion: the meetings of the minutes in the work tree (NAME of
 * meetings/NAME.md) whose name cur may still complete to, sorted, each
 * followed by its decisions and actions as kam log numbers them
 * (NAME/D1..., NAME/A1...).  Returns the count (caller frees each id and
 * the array), or -1 after reporting. */
int	hist_meeting_ids(const struct project *p, const char *cur,
	    char ***ids);

/* The minutes in log and diff (issue 18 #5): table "meetings", one
 * record per minutes file (id its name without .md: title, date,
 * attendees) and per decision and action ("2026-11-13-steering/D1",
 * ".../A2": text, done, owner, due, refs; an item kept word for word is
 * the same one wherever it moved, one edited in place keeps its number). */
extern const struct schema hist_meetings;
/* A table for --table: a schema's name or file, or "meetings". */
const struct schema	*hist_table(const char *name);

/* Name of an operation: "added", "removed", "changed". */
const char	*hist_op_name(enum hist_op op);

#endif
