/*
 * records.h: print records of a table in any output format, with derived
 * fields, from the schema (so a new column shows up with no new code).
 *
 * JSON and CSV get every column of the file (kam's and the user's own, in
 * file order) plus the derived fields; the terminal table and Markdown get
 * the `brief` columns when given (NULL: all).  Types for JSON come from the
 * schema: int and money are numbers, id lists are arrays.
 */
#ifndef KAM_RECORDS_H
#define KAM_RECORDS_H

#include "out.h"
#include "table.h"

struct derived {
	const char	*name;
	enum out_type	 type;
	/* Value for row r into buf (64 bytes); return buf, a constant, or
	 * NULL for unset. */
	const char	*(*fn)(const struct table *t, const struct row *r,
			    char *buf, void *arg);
};

void	records_print(enum out_fmt fmt, const struct table *t,
	    struct row *const *rows, size_t n, const char *const *brief,
	    const struct derived *d, size_t nd, void *arg);
void	record_show(enum out_fmt fmt, const struct table *t,
	    const struct row *r, const struct derived *d, size_t nd, void *arg);

/* JSON type of header column i of t. */
enum out_type	records_col_type(const struct table *t, size_t i);

#endif
