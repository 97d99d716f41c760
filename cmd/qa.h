/*
 * qa.h: what kam qa and kam defect share (both in cmd/qa.c): the subject
 * of a quality check or a defect, and dates that record what happened.
 */
#ifndef KAM_CMD_QA_H
#define KAM_CMD_QA_H

#include <stdint.h>

#include "cmd.h"
#include "../lib/table.h"

/*
 * The subject `arg` given on the command line (opt names it in messages).
 * Shaped like an id (PREFIX-N), it must be the id of a record of one of
 * kam's tables (any case: "req-3" is REQ-3), the monthly expenses
 * excepted, and that record must exist in the table as tx reads it: the
 * table is loaded into *target (released by the caller; left untouched
 * for a text subject).  Anything else is free text.  The canonical
 * subject goes to *out: canon (32 bytes) or arg itself.  Returns 0, or -1
 * after 64 (empty, an id of no kam table, a malformed id) or 65 (no such
 * record, invalid table).
 */
int	qa_subject(struct kam *k, struct tx *tx, const char *arg,
	    const char *opt, struct table *target, char *canon,
	    const char **out);

#endif
