/*
 * table.h: one CSV table in memory, read strictly and written canonically.
 *
 * Reading: libcsv in strict mode fed one physical line at a time, so every
 * message names file:line (the physical line where the record starts) and
 * the column.  The header is matched by name: kam's columns may come in any
 * order, unknown columns are kept verbatim and written back in place.
 * Cells are validated against the schema's column types (not references
 * across tables: see store.h).
 *
 * Writing: header first, LF, no BOM, rows sorted by id number (or by key
 * for keyless tables), a field quoted only when it holds a comma, quote,
 * CR/LF or leading/trailing space.
 *
 * Memory: all strings of a table live in its buffer (the file's bytes,
 * parsed in place) or its arena and are freed by table_release();
 * pointers returned by the getters stay valid until then.
 */
#ifndef KAM_TABLE_H
#define KAM_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "kam.h"
#include "schema.h"

struct arena_blk;
struct arena {
	struct arena_blk	*head;
};

struct row {
	char		**cell;		/* one per header column; never NULL ("" = unset) */
	unsigned long	  line;		/* physical line of the record; 0 = new */
	long		  num;		/* N of the id; 0 for keyless tables */
};

struct table {
	const struct schema	*s;
	char			*path;		/* as shown in messages: "risks.csv" */
	int			 digits;	/* currency minor digits */
	char			**header;	/* ncols names, file order */
	size_t			 ncols;
	int			*colmap;	/* schema column -> header index */
	struct row		*rows;
	size_t			 nrows, alloc;
	long			 max_num;	/* highest id number seen */
	struct arena		 arena;
	unsigned		 had_bom : 1;
	unsigned		 had_crlf : 1;
	unsigned		 changed : 1;	/* set by table_set/table_add/... */
	unsigned		 unsorted : 1;	/* rows not in id order (hand edit) */
	unsigned		 nerrors;	/* problems reported while reading */
	char			*buf;		/* the file's bytes; cells point in */
};
#define TABLE_INIT { .digits = 2 }

/* An empty table with the schema's header, for a file that does not exist
 * yet. */
void	table_init(struct table *t, const struct schema *s, const char *path,
	    int digits);

/* Parse buf (len bytes) as table s.  Reports every problem (up to a limit)
 * as "kam: path:line[:col]: what" with exit kind 65 and returns -1 if there
 * was any; t then holds what was read and must still be released. */
int	table_parse(struct table *t, const struct schema *s, const char *path,
	    int digits, const char *buf, size_t len);
/* The same, parsing buf in place: t takes buf (malloc'd, len + 1 bytes,
 * as kam_buf_detach() gives) and frees it; the cells are NUL-terminated
 * runs inside it, so the rows are built without copying a field. */
int	table_parse_owned(struct table *t, const struct schema *s,
	    const char *path, int digits, char *buf, size_t len);

/* Streaming read for files too large to hold (expenses): like table_parse
 * but each validated row is handed to cb and then forgotten; the table
 * keeps only its header.  cb returns 0 to go on, -1 to stop (error already
 * reported). */
typedef int (*table_row_cb)(void *arg, const struct table *t,
	    const struct row *r);
int	table_scan(struct table *t, const struct schema *s, const char *path,
	    int digits, const char *buf, size_t len, table_row_cb cb, void *arg);

/* Cell of schema column `col` (index into s->cols); "" when unset. */
const char	*table_get(const struct table *t, const struct row *r, int col);
/* Same by column name (schema or extra column); NULL if no such column. */
const char	*table_get_name(const struct table *t, const struct row *r,
		    const char *name);
/* Set schema column `col` to a copy of val (NULL = unset). */
void		 table_set(struct table *t, struct row *r, int col,
		    const char *val);

/* Header index of the extra (non-schema) column `name`, appended with
 * every cell unset when the table has none of that name (kam import's
 * `ref` and --keep-extra columns). */
int		 table_add_extra(struct table *t, const char *name);

/* Find a record by canonical id ("R-7"); keyless tables by key values
 * (key2 NULL for one-key tables).  NULL when absent. */
struct row	*table_find(const struct table *t, const char *id);
/* The same for an id as people type it (prefix in any case), quietly:
 * NULL when arg is not an id of t or no row has it. */
struct row	*table_find_arg(const struct table *t, const char *arg);
struct row	*table_find_key(const struct table *t, const char *key1,
		    const char *key2);
/* Append a new record with every cell unset.  Id tables get the next id
 * (max_num + 1) in column 0.  The pointer is valid until the next add. */
struct row	*table_add(struct table *t);
/* Remove row r (keyless tables, e.g. budget --remove). */
void		 table_remove(struct table *t, struct row *r);

/* Canonical bytes of the table (sorted copy; t itself is not reordered). */
void	table_serialize(const struct table *t, struct kam_buf *out);
/* Append one field in canonical form: bare, or quoted (quotes doubled)
 * when it holds a comma, quote, CR/LF or leading/trailing blank. */
void	table_put_field(struct kam_buf *b, const char *s);
/* Sort t->rows in canonical order. */
void	table_sort(struct table *t);

/* Check one value against column c's type (used for cells and for command
 * line options alike).  Returns 0, or -1 with the reason in *why. */
int	table_check_value(const struct column *c, int digits, const char *val,
	    const char **why);

/* Copy a string into t's arena. */
char	*table_strdup(struct table *t, const char *s);

void	table_release(struct table *t);

#endif
