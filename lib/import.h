/*
 * import.h: bring a spreadsheet or a tracker export into the project's
 * tables in one all-or-nothing change, driven by the table declarations of
 * schema.h (no per-table code).
 *
 *   struct import im = IMPORT_INIT;
 *   tx_begin(&tx, p, no_commit);
 *   if (import_prepare(&im, p, &tx, &opts) == -1)   65: every bad row
 *       goto out;                                   64: mapping problems
 *   if (dry_run) import_diff(&im, &tx, &set);       what would change
 *   else if (import_changed(&im)) {
 *       import_queue(&im, &tx);
 *       tx_commit(&tx, subject, body);              one commit
 *   }
 * out:
 *   import_release(&im);
 *
 * import_prepare reads the source file (UTF-8 with or without BOM, UTF-16
 * by its BOM, or --encoding through iconv), parses it with libcsv one
 * physical line at a time, maps its headers to the table's columns, turns
 * every cell into kam's canonical form (dates by the date format, money
 * with thousands separators, enum values in any case, references by key,
 * id, or a person's name or email), matches rows to records by key, and
 * applies the result to the tables loaded from HEAD.  The tables it
 * changes are then read back with table_parse(), the reader every command
 * uses.  On any invalid row it reports each one as "FILE:LINE: column:
 * why" (the source's physical line) with 65 and changes nothing.
 */
#ifndef KAM_IMPORT_H
#define KAM_IMPORT_H

#include <stddef.h>

#include "history.h"
#include "project.h"
#include "repo.h"
#include "schema.h"
#include "table.h"

/* --map COLUMN=HEADER */
struct import_map {
	const char	*col;		/* kam column of the table */
	const char	*header;	/* source header (any case) */
};

enum import_preset {
	IMPORT_TABLE,	/* one table, headers mapped by name and --map */
	IMPORT_JIRA	/* Jira's CSV export: tasks, requirements, defects */
};

struct import_opts {
	enum import_preset	 preset;
	const struct schema	*s;		/* IMPORT_TABLE: the target */
	const char		*file;		/* path as given */
	const char		*encoding;	/* NULL: UTF-8 (UTF-16 by BOM) */
	int			 delim;		/* 0: ',' (tab for UTF-16) */
	const char		*date_format;	/* NULL: %Y-%m-%d */
	int			 thousands;	/* 0: no grouping in numbers */
	const char		*key;		/* header of each row's key */
	const struct import_map	*maps;
	size_t			 nmaps;
	int			 keep_extra;	/* unmapped headers as columns */
};

/* The --map options of a command line, at most IMPORT_MAX_MAPS. */
#define IMPORT_MAX_MAPS	64
struct import_maps {
	struct import_map	 v[IMPORT_MAX_MAPS];
	size_t			 n;
};

/* Option grammars of kam import, as lib/parseopt.c callbacks: --map
 * COLUMN=HEADER appends to a struct import_maps (the header after '='
 * of arg itself); --delimiter and --thousands take one character, ";"
 * or "tab" (field an int).  0, or -1 after 64 naming opt. */
int	import_opt_map(void *maps, const char *arg, const char *opt);
int	import_opt_char(void *field, const char *arg, const char *opt);

/* Records of one table the import adds, changes, leaves as they are. */
struct import_count {
	const struct schema	*s;
	long			 added, changed, unchanged;
};

struct import_tab;
struct import {
	struct import_tab	*tabs;		/* one per table of kam_schemas */
	struct import_count	 count[3];	/* per target table, in order */
	size_t			 ncount;
	long			 nrecords;	/* data rows of the source */
	char			*base;		/* source file's base name */
	unsigned		 nerrors;	/* bad rows reported */
};
#define IMPORT_INIT { NULL, { { NULL, 0, 0, 0 } }, 0, 0, NULL, 0 }

/* Read, convert, validate and apply in memory (see above).  0 or -1. */
int	import_prepare(struct import *im, struct project *p, struct tx *tx,
	    const struct import_opts *o);
/* Whether the import adds or changes any record. */
int	import_changed(const struct import *im);
/* Queue the changed tables' canonical bytes in tx. */
void	import_queue(struct import *im, struct tx *tx);
/* What the import would change, record by record (kam diff's set). */
void	import_diff(struct import *im, struct tx *tx, struct project *p,
	    struct hist_set *set);
/* "kam: import 1234 requirements from reqs.csv" and the body with the
 * counts ("requirements: 1 added, 3 changed, 1230 unchanged"); caller
 * frees both. */
char	*import_subject(const struct import *im);
char	*import_body(const struct import *im);
void	import_release(struct import *im);

/* Date conversion by a strftime-like format of %Y %m %d %y %b and literal
 * text (UTF-8 such as 年月日 included); a trailing time of day ("17:00",
 * "5:00 PM", "00:00:00") is ignored.  Writes YYYY-MM-DD into out (11
 * bytes).  0, or -1 with the reason in *why. */
int	import_date(const char *fmt, const char *v, char *out,
	    const char **why);

#endif
