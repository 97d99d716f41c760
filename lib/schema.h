/*
 * schema.h: every table of SPEC §2, declared once.
 *
 * Loading, validation, canonical writing, output, check, log, diff, merge,
 * renumber and completion all work from these declarations.  A new record
 * type is one entry in schema.c plus its verbs in cmd/.
 */
#ifndef KAM_SCHEMA_H
#define KAM_SCHEMA_H

#include <stddef.h>

enum col_type {
	COL_TEXT,	/* any UTF-8 */
	COL_ID,		/* the record's own id, PREFIX-N */
	COL_REF,	/* one id of table `ref` (or free text when `ref_text`) */
	COL_REFLIST,	/* space-separated ids of table `ref` */
	COL_DATE,
	COL_MONEY,
	COL_INT,	/* integer in [min, max] */
	COL_ENUM,	/* one of `enums` */
	COL_KEY		/* a key column of a keyless table (budget category) */
};

struct column {
	const char		 *name;
	enum col_type		  type;
	const char		 *ref;		/* prefix referred to: "P", "T"... */
	const char *const	 *enums;	/* NULL-terminated */
	long			  min, max;
	unsigned		  required : 1;	/* empty is invalid */
	unsigned		  ref_text : 1;	/* REF may also be free text */
	unsigned		  ref_any : 1;	/* REF may be any kam id */
};

struct schema {
	const char		*name;		/* "risks": --table, JSON */
	const char		*file;		/* "risks.csv"; expenses: "expenses" */
	const char		*prefix;	/* "R"; NULL for keyless tables */
	const char		*noun;		/* "risk": messages */
	const struct column	*cols;
	size_t			 ncols;
	/* keyless tables: indexes of the key columns (budget: category;
	 * raci: activity+person); nkeys 0 for id tables (key = col 0). */
	int			 keys[2];
	int			 nkeys;
	unsigned		 monthly : 1;	/* expenses/YYYY-MM.csv */
};

extern const struct schema *const kam_schemas[];
extern const size_t kam_nschemas;

/* Lookups; NULL when unknown.  by_file takes a project-relative path and
 * knows that expenses/YYYY-MM.csv belongs to the expenses table. */
const struct schema	*schema_by_name(const char *name);
const struct schema	*schema_by_prefix(const char *prefix);
const struct schema	*schema_by_file(const char *path);
/* Index of column `name`, or -1. */
int			 schema_col(const struct schema *s, const char *name);

/* Convenience handles for commands. */
extern const struct schema schema_goals, schema_scope, schema_people,
    schema_risks, schema_requirements, schema_changes, schema_tasks,
    schema_budget, schema_expenses, schema_comms, schema_quality,
    schema_defects, schema_csat, schema_raci, schema_lessons;

#endif
