/*
 * renumber.c: kam renumber — give a record a new id and rewrite every
 * reference to it, in every table and in the meeting minutes (SPEC §3).
 *
 * Normally a write command: it reads HEAD's files and makes one commit.
 *
 * While a merge, rebase, cherry-pick or revert is in progress it resolves
 * the id clash the merge driver reported (both sides added OLD with
 * different content): in the conflict block where both versions hold OLD,
 * their version (the one after "=======") becomes NEW and both records are
 * kept; two records OLD left by a hand resolution are treated alike (the
 * later one becomes NEW).  References are rewritten only where they came
 * from their side, that is where the same record in HEAD did not refer
 * to OLD, on their side of other conflict blocks, and in the lines of the
 * minutes HEAD does not have.  Files are written in the work tree and
 * nothing is committed: `git add` them and continue the merge or rebase.
 * --all renumbers every clash left (renumber_all).
 *
 * The work is lib/renumber's; this file parses the arguments, makes the
 * commit and prints.
 *
 * References: columns that refer to OLD's table (or to any id) are
 * rewritten where they hold OLD; free-text columns, keys such as a RACI
 * activity, and the minutes where OLD stands as a whole word ("R-3" but
 * not "R-30" or "CR-3").
 */
#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "../lib/renumber.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	int		 all;
	int		 rebased;
};
#define RENUMBER_OPTS(O)						\
	O(CMD, "kam renumber")						\
	O(FLAG, OPT, "", "all", all, "every clash of the merge")	\
	O(FLAG, OPT, "", "rebased", rebased, "amend a replayed commit")	\
	O(ARG, "OLD [NEW]")						\
	O(ANY)	/* --all takes none */

/* kam renumber --all: every id clash of the merge in progress. */
static int
renumber_all_run(struct kam *k)
{
	struct kam_buf pairs = KAM_BUF_INIT;
	size_t nrefs = 0, n = 0, i;
	int ret;

	ret = renumber_all(&k->p, &pairs, &nrefs);
	if (pairs.len > 0)
		fputs(pairs.ptr, stdout);
	for (i = 0; i < pairs.len; i++)
		n += pairs.ptr[i] == '\n';
	if (ret == 0)
		fprintf(stderr, "kam: %zu clash%s renumbered, %zu reference%s "
		    "rewritten; nothing committed: run 'kam check', then 'git "
		    "add' the files and continue\n", n, n == 1 ? "" : "es",
		    nrefs, nrefs == 1 ? "" : "s");
	if (ret == 0 && n > 0)
		renumber_rebase_note(&k->p, "kam renumber --all");
	kam_buf_release(&pairs);
	return ret;
}

/* kam renumber --rebased: run by git after each commit a rebase replays
 * once kam renumbered at one of its stops (the todo's exec lines). */
static int
renumber_rebased_run(struct kam *k)
{
	size_t nrefs = 0;
	char *subject = NULL;
	int rc;

	if ((rc = renumber_amend_rebased(&k->p, &nrefs, &subject)) == 1)
		fprintf(stderr, "kam: replayed commit amended, %zu reference%s "
		    "rewritten: %s\n", nrefs, nrefs == 1 ? "" : "s", subject);
	free(subject);
	return rc == -1 ? -1 : 0;
}

KAM_VERB(renumber_cmd, "", NEED_PROJECT, "give a record a new id everywhere",
    RENUMBER_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct renumber rn = RENUMBER_INIT;
	struct tx tx = TX_INIT;
	int ret = -1;

	if (o->rebased)
		return k->argc != 0 || o->all ?
		    popt_usage(renumber_cmd_popt) : renumber_rebased_run(k);
	if (o->all)
		return k->argc != 0 ? popt_usage(renumber_cmd_popt) :
		    renumber_all_run(k);
	if (k->argc != 1 && k->argc != 2)
		return popt_usage(renumber_cmd_popt);
	if (renumber_prepare(&rn, &k->p, k->argv[0], k->argv[1]) == -1)
		goto out;
	if (!rn.clash && kam_tx_begin(k, &tx) == -1)
		goto out;
	if (renumber_apply(&rn, rn.clash ? NULL : &tx) == -1)
		goto out;
	if (!rn.clash && kam_tx_commit(k, &tx, "renumber", rn.old, rn.new) ==
	    -1)
		goto out;
	printf("%s\n", rn.new);
	fprintf(stderr, "kam: %s is now %s; %zu reference%s rewritten%s%s\n",
	    rn.old, rn.new, rn.nrefs, rn.nrefs == 1 ? "" : "s",
	    rn.files.len > 0 ? " in " : "", rn.files.len > 0 ? rn.files.ptr :
	    "");
	if (rn.clash) {
		char *redo = xasprintf("kam renumber %s %s", rn.old, rn.new);

		fprintf(stderr, "kam: nothing committed while a merge or "
		    "rebase is in progress: run 'kam check', then 'git add' "
		    "the files and continue\n");
		renumber_rebase_note(&k->p, redo);
		free(redo);
	}
	ret = 0;
out:
	tx_release(&tx);
	renumber_release(&rn);
	return ret;
}

const struct verb *const renumber_verbs[] = {
	&renumber_cmd_verb, NULL
};
