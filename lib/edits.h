/*
 * edits.h: hand edits of kam files (kam commit).
 */
#ifndef KAM_EDITS_H
#define KAM_EDITS_H

#include "kam.h"

struct project;
struct tx;

/*
 * Queue in tx (opened on p; allow_dirty is set) the kam files of the
 * project with changes against HEAD — tables, month files of expenses,
 * kam.conf, meeting minutes — read from the work tree and validated,
 * references included, as kam check would.  Deleted files are not
 * queued (a warning says so).  names gets the queued paths, ", "
 * between them.  Returns how many files were queued (0: none), or -1
 * after reporting.
 */
int	edits_queue(struct tx *tx, struct project *p, struct kam_buf *names);

#endif
