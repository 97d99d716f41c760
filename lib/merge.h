/*
 * merge.h: three-way merge of one kam table by record and by field (the
 * merge driver of SPEC §3, `kam merge-file`).
 *
 * Records are matched by id (keyless tables: by their key columns), fields
 * by column name.  A record changed on one side only takes that side's
 * version; a record changed on both sides merges field by field; a field
 * changed two ways, a record deleted on one side and changed on the other,
 * or one id added on both sides with different content is a conflict:
 * both versions of that one record are written between git's markers
 *
 *   <<<<<<< ours
 *   R-7,...our version...
 *   =======
 *   R-7,...their version...
 *   >>>>>>> theirs
 *
 * so nothing is lost and `kam check` (and any CSV reader) refuses the
 * file until a person resolves it.  The result is in kam's canonical form
 * (table.h): header, LF, rows sorted by id, minimal quoting; columns are
 * ours in our order, then columns only theirs has.
 */
#ifndef KAM_MERGE_H
#define KAM_MERGE_H

#include <stddef.h>

#include "kam.h"
#include "schema.h"

struct merge_conflict {
	char	*id;		/* record id or key */
	char	*why;		/* "probability: 3 -> 4 here, 3 -> 5 there" */
};

struct merge_result {
	struct kam_buf		 out;		/* the merged file */
	struct merge_conflict	*conflicts;
	size_t			 nconflicts;
	size_t			 nrecords;	/* records written, conflicts
						 * counted once */
};
#define MERGE_RESULT_INIT { KAM_BUF_INIT, NULL, 0, 0 }

/*
 * Merge table s (file `path`, for messages) from base, ours and theirs
 * (base may be empty: no common version).  Returns 0 with the result in
 * r (conflicts listed in r->conflicts), or -1 when a version is not valid
 * kam data: nothing is printed and *why (static or in r) says which, so
 * that the caller can fall back to a line merge.
 */
int	merge_tables(struct merge_result *r, const struct schema *s,
	    const char *path, int digits, const char *base, size_t blen,
	    const char *ours, size_t olen, const char *theirs, size_t tlen,
	    const char **why);
void	merge_result_release(struct merge_result *r);

/* Replace the work-tree file `path` with data: a temporary file beside
 * it, fsync, rename (for the merge driver and for kam renumber while a
 * merge is in progress, when no commit may be made).  0 or -1 (74/77). */
int	merge_write_file(const char *path, const char *data, size_t len);

/*
 * git's merge driver (kam merge-file %O %A %B %P): merge the files base,
 * ours and theirs into ours.  label is the repository path of the file
 * (NULL: not given).  A kam table (found by the path, its project's
 * kam.conf giving money's digits) is merged by record and field; any
 * other file, or versions that are not valid kam data, get git's own
 * line merge.  Conflicts are reported on stderr.  Returns 0 clean, 1
 * conflicts left between markers, -1 error (reported).
 */
int	merge_driver(const char *base, const char *ours, const char *theirs,
	    const char *label);

#endif
