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
#include <getopt.h>

#include "cmd.h"
#include "../lib/merge.h"

static const char merge_usage[] = "kam merge-file base ours theirs [path]";

static int
merge_file_run(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	int err = 0;

	(void)k;
	if (kam_getopt(argc, argv, "", none, merge_usage, &err) != -1 || err)
		return -1;
	if (argc - optind != 3 && argc - optind != 4)
		return kam_usage(merge_usage);
	return merge_driver(argv[optind], argv[optind + 1], argv[optind + 2],
	    argc - optind == 4 ? argv[optind + 3] : NULL);
}

const struct verb merge_file_verbs[] = {
	{ "", merge_file_run, 0, merge_usage, "",
	    "git merge driver for kam tables" },
};
const size_t merge_file_nverbs = ARRAY_SIZE(merge_file_verbs);
