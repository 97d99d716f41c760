/*
 * rectype.h: the record types of the families on the generic verbs of
 * lib/record.c (the issue log's is in issue.h).  Each one's fields and
 * filters are declared beside its columns in schema.h; what the type does
 * beyond the generic verbs (a goal's status from its actual value) is
 * here too, so that cmd/<family>.c holds only its verb table.
 */
#ifndef KAM_RECTYPE_H
#define KAM_RECTYPE_H

#include "record.h"

extern const struct rec_type comm_type, goal_type, lesson_type, scope_type;

/* kam comm due: keep the communications due today or earlier, most
 * overdue first (a rec_verb's pick). */
void	comm_due_pick(const struct rec_ctx *c, const struct table *t,
	    struct row **rows, size_t *n);
/* kam comm done: communication id was made on date (YYYY-MM-DD; NULL:
 * today), not after today and not before it was last done.  0, or -1
 * reported. */
int	comm_done(const struct rec_ctx *c, const char *id, const char *date);

#endif
