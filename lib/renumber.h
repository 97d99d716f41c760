/*
 * renumber.h: give a record a new id and rewrite every reference to it,
 * in every table and in the meeting minutes (kam renumber, SPEC §3).
 *
 *   struct renumber rn = RENUMBER_INIT;
 *   if (renumber_prepare(&rn, p, "R-3", NULL) == -1)   ids, mode
 *           goto out;
 *   (normal mode: tx_begin(&tx, ...))
 *   if (renumber_apply(&rn, rn.clash ? NULL : &tx) == -1)
 *           goto out;
 *   (normal mode: commit tx)  rn.new, rn.nrefs, rn.files for the note
 * out:
 *   renumber_release(&rn);
 *
 * Normal mode reads HEAD's files through the transaction and queues the
 * changed ones in it.  While a merge, rebase, cherry-pick or revert is in
 * progress (clash mode) it resolves the id clash the merge driver
 * reported in the work tree and commits nothing: in the conflict block
 * where both versions hold OLD, their version becomes NEW; references are
 * rewritten only where the same record in HEAD did not refer to OLD.
 */
#ifndef KAM_RENUMBER_H
#define KAM_RENUMBER_H

#include <stddef.h>

#include <git2.h>

#include "kam.h"

struct project;
struct schema;
struct tx;

struct renumber {
	struct project		*p;
	struct tx		*tx;		/* normal mode */
	const struct schema	*s;		/* OLD's table */
	char			 old[32], new[32];	/* canonical ids */
	long			 newnum;
	int			 clash;		/* a merge is in progress */
	git_tree		*head;		/* HEAD's project tree (clash) */
	git_tree		*base;		/* the operation's merge base */
	int			 base_done;	/* base looked up */
	int			 edited;	/* OLD was in the base */
	int			 refs_only;	/* rebase_replay: references */
	size_t			 nrefs;		/* references rewritten */
	struct kam_buf		 files;		/* files changed, for the note */
};
#define RENUMBER_INIT { NULL, NULL, NULL, "", "", 0, 0, NULL, NULL, 0, \
	0, 0, 0, KAM_BUF_INIT }

/*
 * Parse OLD and NEW (NULL: one past the highest id of OLD's table, chosen
 * by renumber_apply) and find the mode: rn->clash is set while a merge is
 * in progress.  0, or -1 after reporting (64 for a bad id).
 */
int	renumber_prepare(struct renumber *rn, struct project *p,
	    const char *old, const char *new);
/*
 * Renumber: tx is the open transaction in normal mode (the changed files
 * are queued in it), NULL in clash mode (the work tree's files are
 * rewritten).  0, or -1 after reporting (65 when OLD does not exist or
 * NEW does).
 */
int	renumber_apply(struct renumber *rn, struct tx *tx);
void	renumber_release(struct renumber *rn);

/*
 * kam renumber --all (issue 18 #1): while a merge, rebase, cherry-pick or
 * revert is in progress, renumber every id clash left in the work tree,
 * one after the other (tables in schema order, NEW the next free id of
 * each), as many single renumbers would.  "OLD NEW\n" per clash is
 * appended to pairs; *nrefs counts the references rewritten.  0, or -1
 * after reporting (64 when nothing is in progress; 65 when conflict
 * blocks that are not id clashes are left, named).
 */
int	renumber_all(struct project *p, struct kam_buf *pairs, size_t *nrefs);

/*
 * After a renumbering at a stop of a rebase, on stderr: with git's merge
 * backend, that the commit of the stop and those replayed after it will
 * be amended by the "exec ... renumber --rebased" lines kam put in the
 * todo list; with the apply backend (no todo list), a warning that they
 * will not be, and the recipe: abort, start again with the merge backend
 * (the same commits onto the same target), then `redo` (the renumbering,
 * "kam renumber --all"); likewise at a stop of a cherry-pick of several
 * commits (sequencer/todo: no exec lines), whose recipe picks them with
 * a rebase instead.  Nothing outside these.
 */
void	renumber_rebase_note(struct project *p, const char *redo);

/*
 * kam check's hint (issue 18): while a merge, rebase, cherry-pick or
 * revert is in progress, whether the conflict blocks of the project file
 * `path` (in the work tree) hold an id clash that renumber_all() would
 * renumber; 1 with the id in `id`, else 0 (also outside an operation, on
 * a project read from a commit, or when the file cannot be read: a hint
 * is given quietly or not at all).
 */
int	renumber_clash_in(struct project *p, const char *path, char *id,
	    size_t len);

/*
 * A rebase replays one commit at a time (issue 18 #1): each id clash
 * renumbered while a rebase is in progress is remembered in the rebase's
 * own directory (rebase-merge/kam-renumbered, gone with the rebase), and
 * every later kam renumber of that rebase (single, --all, or --all run by
 * `git rebase --exec`) also rewrites the references to a remembered OLD
 * that the rebase's target (rebase-merge/onto) did not have in that
 * record: the replayed commits wrote them, before OLD was theirs to lose,
 * so they mean NEW.  Done by renumber_apply() and renumber_all(); *nrefs
 * counts them.  0 or -1 after reporting.
 */
int	renumber_rebased(struct project *p, const char *skip, size_t *nrefs);

/*
 * kam renumber --rebased: the commits a rebase replays after a
 * renumbering refer to OLD by its old number, in their rows and their
 * messages.  Each renumbering made at a stop of a rebase (merge backend)
 * also puts the line "exec kam renumber --rebased" in the rebase's todo
 * list, first and after each command that makes a commit; git runs it
 * after each such commit, and it amends HEAD (libgit2, the author kept,
 * no hooks, as git's own picks): the references renumber_rebased()
 * rewrites, and every whole-word remembered OLD of the message becomes
 * NEW.  Never a commit the rebase's target has; refused (78) when a
 * project file has uncommitted changes or commit.gpgsign is set.
 * 1 when HEAD was amended (*subject: its new subject, to free), 0 when
 * nothing was to change, -1 after reporting (64 outside a rebase).
 */
int	renumber_amend_rebased(struct project *p, size_t *nrefs,
	    char **subject);

#endif
