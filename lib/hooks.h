/*
 * hooks.h: what git does around a commit that kam's commits must honour
 * too: the repository's pre-commit and commit-msg hooks, and
 * commit.gpgsign.
 *
 *   if (hook_check_signing(repo) == -1)        78: kam cannot sign
 *   ...the new tree, the message...
 *   if (hook_pre_commit(repo, tree) == -1 ||   78: a hook said no
 *       hook_commit_msg(repo, &msg) == -1)
 *           goto out;                          nothing was committed
 *
 * Hooks are found as git finds them: core.hooksPath (relative to the work
 * tree) or $GIT_COMMON_DIR/hooks, and run only when executable.  They run
 * in the work tree's top directory with standard input from /dev/null and
 * their standard output sent to standard error (kam's standard output is
 * its result).  pre-commit sees the commit about to be made in its index:
 * GIT_INDEX_FILE names a temporary index holding exactly the new tree, as
 * git does for `git commit --only`.  commit-msg gets the message in
 * $GIT_DIR/COMMIT_EDITMSG and may edit it.
 */
#ifndef KAM_HOOKS_H
#define KAM_HOOKS_H

#include <git2.h>

/* 0 when commits need no signature, or -1 (78) when commit.gpgsign is
 * true: kam does not sign its commits, and refuses rather than make an
 * unsigned one where git would sign. */
int	hook_check_signing(git_repository *repo);
/* Run the pre-commit hook with `tree` as its index.  0 when it passed or
 * there is none; -1 (78) when it failed or could not run. */
int	hook_pre_commit(git_repository *repo, git_tree *tree);
/* Run the commit-msg hook on *msg; *msg is replaced by the message as the
 * hook left it.  0 when it passed or there is none; -1 (78, or 74 for an
 * I/O error) otherwise. */
int	hook_commit_msg(git_repository *repo, char **msg);

#endif
