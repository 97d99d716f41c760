/*
 * commit.c: kam commit — validate and commit hand edits of kam files.
 *
 * The kam files of the project with changes against HEAD (tables, month
 * files of expenses, kam.conf, meeting minutes) are validated from the
 * work tree, references included, and committed as one commit holding
 * only those files.  lib/edits finds, validates and queues them.
 */
#include <stdio.h>

#include "cmd.h"
#include "../lib/edits.h"

/* No options of its own (lib/parseopt.c); -m is global. */
#define COMMIT_OPTS(O)	O(CMD, "kam commit") O(TEXT, "[-m msg]")

KAM_VERB0(commit_cmd, "", NEED_PROJECT | WRITES,
    "validate and commit hand edits", COMMIT_OPTS)
{
	struct kam_buf names = KAM_BUF_INIT;
	struct tx tx = TX_INIT;
	int n, ret = -1;

	if (kam_tx_begin(k, &tx) == -1 ||
	    (n = edits_queue(&tx, &k->p, &names)) == -1)
		goto out;
	if (n == 0) {
		fprintf(stderr, "kam: no kam file has uncommitted changes\n");
		ret = 0;
		goto out;
	}
	if (kam_tx_commit(k, &tx, "commit", NULL, names.ptr) == -1)
		goto out;
	ret = 0;
out:
	kam_buf_release(&names);
	tx_release(&tx);
	return ret;
}

const struct verb *const commit_verbs[] = {
	&commit_cmd_verb, NULL
};
