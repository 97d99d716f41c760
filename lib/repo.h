/*
 * repo.h: the write protocol of RELIABILITY.md §2, on libgit2 only.
 *
 *   struct tx tx = TX_INIT;
 *   if (tx_begin(&tx, p, no_commit) == -1)   W1 lock, W2 state, recovery
 *       goto out;
 *   tx_read(&tx, "risks.csv", &buf)          W3 HEAD's blob, not the file
 *   ... change, serialize ...
 *   tx_put(&tx, "risks.csv", buf.ptr, buf.len)
 *   tx_commit(&tx, "kam: risk add R-7: title", msg)   W4 + W5
 * out:
 *   tx_release(&tx);                         unlock; nothing else undone
 *
 * Paths given to tx_read/tx_put are project-relative ("risks.csv",
 * "expenses/2026-11.csv"); the repository prefix is added here.
 *
 * tx_commit: refuses (78) when a file to be written has uncommitted edits
 * (work tree or index differs from HEAD), builds blobs and a tree from
 * HEAD's tree plus these files, commits with compare-and-swap on the
 * branch, then materialises the files (temp + fsync + rename + fsync dir)
 * and their index entries under a journal in $GIT_DIR/kam/txn, which the
 * next tx_begin rolls forward if this process died half-way.  When HEAD
 * moved under it (a foreign `git commit`), it sets p->retry_requested and
 * returns -1: the dispatcher re-runs the command (at most 5 times, then
 * 75).  Nothing-changed writes make no commit and return 1.
 *
 * In no-commit mode tx_commit only writes the files atomically.
 *
 * As git commit does, tx_commit runs the repository's pre-commit and
 * commit-msg hooks (unless no_verify) before the commit, and tx_begin
 * refuses (78) a repository whose commits git would sign (hooks.h).
 */
#ifndef KAM_REPO_H
#define KAM_REPO_H

#include <stddef.h>

#include <git2.h>

#include "kam.h"
#include "project.h"

struct tx_file {
	char		*path;		/* project-relative */
	struct kam_buf	 data;
};

struct tx {
	struct project	*p;
	int		 lockfd;
	int		 no_commit;
	int		 allow_dirty;	/* kam commit: the edits are the point */
	git_commit	*head;		/* NULL on an unborn branch */
	git_tree	*tree;		/* HEAD's tree, NULL when unborn */
	char		*branch;	/* "refs/heads/main" */
	struct tx_file	*files;
	size_t		 nfiles;
	git_oid		 commit;	/* the commit made, after tx_commit */
	int		 no_verify;	/* skip the pre-commit and commit-msg
					   hooks (git commit --no-verify) */
	struct tx_file	*heads;		/* HEAD's bytes of files tx_read
					   served, so that tx_commit tells a
					   changed file by comparing bytes */
	size_t		 nheads;
	size_t		 head_bytes;	/* their total (bounded) */
	int		 sync;		/* fsync kam's own files (journal, work
					   tree, index): the repository's
					   core.fsync (W7); on until read */
};
#define TX_INIT { .lockfd = -1, .sync = 1 }

int	tx_begin(struct tx *tx, struct project *p, int no_commit);
/* HEAD's version of a project file into out: 0, 1 when absent, -1. */
int	tx_read(struct tx *tx, const char *path, struct kam_buf *out);
/* Project-relative names of HEAD's entries under dir ("expenses"),
 * sorted; returns the count, -1 on error.  Caller frees each and the
 * array. */
int	tx_list(struct tx *tx, const char *dir, char ***names);
/* Queue a file to write (copied; a second put of a path replaces it). */
void	tx_put(struct tx *tx, const char *path, const char *data, size_t len);
int	tx_commit(struct tx *tx, const char *subject, const char *body);
void	tx_release(struct tx *tx);

/*
 * The kam files of p (project-relative, sorted) that a merge left
 * unmerged in the index while the work tree still holds our side as it
 * was: what git leaves when the merge driver could not run (kam not on
 * PATH), with no marker to find.  A file the driver merged with markers,
 * or one the user resolved and has not added yet, differs from our side
 * and is not listed.  Returns the count (*paths NULL when 0; caller frees
 * each and the array), or -1 after reporting.
 */
int	repo_unmerged(const struct project *p, char ***paths);

/* Signatures as git makes them: GIT_AUTHOR_NAME/EMAIL/DATE (committer:
 * GIT_COMMITTER_*) over user.name/user.email; 78 when there is none. */
int	repo_signature(git_signature **out, git_repository *repo, int committer);

#endif
