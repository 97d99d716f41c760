/*
 * store.h: tables of a project, loaded from HEAD (inside a write
 * transaction) or from the work tree (read commands, kam check), plus the
 * references between them.
 */
#ifndef KAM_STORE_H
#define KAM_STORE_H

#include "project.h"
#include "repo.h"
#include "schema.h"
#include "table.h"

/* Load table s.  tx != NULL: HEAD's blob (RELIABILITY W3); tx == NULL:
 * the work-tree file.  A missing file gives an empty table with the
 * schema's header.  Not for the monthly expenses table (see budget).
 * Returns 0 or -1 (reported, 65 for bad data). */
int	store_load(struct project *p, struct tx *tx, const struct schema *s,
	    struct table *t);

/* Serialize t and queue it in tx (no-op when t was not changed). */
void	store_put(struct tx *tx, const struct table *t);

/* Check that every reference column of t naming table `target`'s prefix
 * points at an existing record.  Reports each dangling one with file:line
 * (65) and returns -1 if any. */
int	store_check_refs(const struct table *t, const struct table *target);

/* Resolve a command-line id for table s: case-insensitive, must exist in
 * t.  Returns the row or NULL after reporting (64 for a malformed id, 65
 * for an unknown one). */
struct row	*store_lookup(const struct table *t, const char *arg);

/* Validate a command-line value for column `name` of t's schema and set
 * it (the option is named in the message).  64 on a bad value. */
int	store_set_arg(struct table *t, struct row *r, const char *name,
	    const char *val, const char *opt);

/*
 * Whatever kam writes it must read back (issue 11 #3): read every table
 * queued in tx with the reader that will load it, so that an id past
 * 999999999, a date past 2999 or a file over 64 MiB is refused (65)
 * before anything changes.  0, or -1 after reporting.
 */
int	store_readback(const struct tx *tx);

#endif
