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

extern const struct rec_type goal_type, lesson_type, scope_type;

#endif
