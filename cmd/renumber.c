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
 * to OLD.  Files are written in the work tree and nothing is committed:
 * `git add` them and continue the merge or rebase.
 *
 * The work is lib/renumber's; this file parses the arguments, makes the
 * commit and prints.
 *
 * References: columns that refer to OLD's table (or to any id) are
 * rewritten where they hold OLD; free-text columns, keys such as a RACI
 * activity, and the minutes where OLD stands as a whole word ("R-3" but
 * not "R-30" or "CR-3").
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "../lib/renumber.h"

static const char renumber_usage[] = "kam renumber OLD [NEW]";

static int
renumber_run(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	struct renumber rn = RENUMBER_INIT;
	struct tx tx = TX_INIT;
	int err = 0, ret = -1;

	if (kam_getopt(argc, argv, "", none, renumber_usage, &err) != -1 ||
	    err)
		return -1;
	if (argc - optind != 1 && argc - optind != 2)
		return kam_usage(renumber_usage);
	if (renumber_prepare(&rn, &k->p, argv[optind], argc - optind == 2 ?
	    argv[optind + 1] : NULL) == -1)
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
	if (rn.clash)
		fprintf(stderr, "kam: nothing committed while a merge or "
		    "rebase is in progress: run 'kam check', then 'git add' "
		    "the files and continue\n");
	ret = 0;
out:
	tx_release(&tx);
	renumber_release(&rn);
	return ret;
}

const struct verb renumber_verbs[] = {
	{ "", renumber_run, NEED_PROJECT, renumber_usage, "",
	    "give a record a new id everywhere" },
};
const size_t renumber_nverbs = ARRAY_SIZE(renumber_verbs);
