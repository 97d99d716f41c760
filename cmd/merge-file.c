/*
 * merge-file.c: kam merge-file — git's merge driver for kam tables
 * (SPEC §3, §6).  `kam init` registers it:
 *
 *   .gitattributes     *.csv merge=kam
 *   .git/config        [merge "kam"] driver = kam merge-file %O %A %B %P
 *
 * git runs it from the top of the work tree with three temporary files
 * (the common ancestor's version, ours, theirs) and the path; the result
 * goes into OURS, and a non-zero exit tells git the file has conflicts.
 * Files that are not kam tables, or versions that are not valid kam data,
 * get git's own line merge (libgit2's git_merge_file) so that the driver
 * never makes a merge worse than git would.  The work is lib/merge's
 * (merge_driver).
 */

#include "cmd.h"
#include "../lib/merge.h"

/* Operands only (lib/parseopt.c). */
#define MERGE_OPTS(O)							\
	O(CMD, "kam merge-file") O(ARG, "base ours theirs [path]")

KAM_VERB0(merge_file_cmd, "", 0, "git merge driver for kam tables", MERGE_OPTS)
{

	(void)k;
	return merge_driver(k->argv[0], k->argv[1], k->argv[2], k->argv[3]);
}

const struct verb *const merge_file_verbs[] = {
	&merge_file_cmd_verb, NULL
};
