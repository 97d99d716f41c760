/*
 * records.c: records of a table through out.h (see records.h).
 */
#include <stdlib.h>
#include <string.h>

#include "records.h"

enum out_type
records_col_type(const struct table *t, size_t i)
{
	int c = schema_col(t->s, t->header[i]);

	if (c == -1)
		return OT_TEXT;
	switch (t->s->cols[c].type) {
	case COL_INT:
	case COL_HOURS:
		return OT_NUM;
	case COL_MONEY:
		return OT_MONEY;
	case COL_REFLIST:
		return OT_LIST;
	default:
		return OT_TEXT;
	}
}

/* Columns to print: indexes into the header, then derived ones as
 * t->ncols + j. */
static size_t
pick(enum out_fmt fmt, const struct table *t, const char *const *brief,
    size_t nd, size_t *idx, struct out_col *cols, const struct derived *d)
{
	size_t i, j, n = 0;

	if (brief == NULL || fmt == FMT_JSON || fmt == FMT_CSV) {
		for (i = 0; i < t->ncols; i++)
			idx[n++] = i;
		for (j = 0; j < nd; j++)
			idx[n++] = t->ncols + j;
	} else {
		for (j = 0; brief[j] != NULL; j++) {
			for (i = 0; i < t->ncols; i++)
				if (strcmp(t->header[i], brief[j]) == 0)
					break;
			if (i < t->ncols) {
				idx[n++] = i;
				continue;
			}
			for (i = 0; i < nd; i++)
				if (strcmp(d[i].name, brief[j]) == 0)
					break;
			if (i < nd)
				idx[n++] = t->ncols + i;
		}
	}
	for (i = 0; i < n; i++) {
		if (idx[i] < t->ncols) {
			cols[i].name = t->header[idx[i]];
			cols[i].type = records_col_type(t, idx[i]);
		} else {
			cols[i].name = d[idx[i] - t->ncols].name;
			cols[i].type = d[idx[i] - t->ncols].type;
		}
	}
	return n;
}

static void
fill(const struct table *t, const struct row *r, const size_t *idx, size_t n,
    const struct derived *d, void *arg, char (*bufs)[64], const char **cells)
{
	size_t i;

	for (i = 0; i < n; i++)
		cells[i] = idx[i] < t->ncols ? r->cell[idx[i]] :
		    d[idx[i] - t->ncols].fn(t, r, bufs[i], arg);
}

void
records_print(enum out_fmt fmt, const struct table *t,
    struct row *const *rows, size_t n, const char *const *brief,
    const struct derived *d, size_t nd, void *arg)
{
	size_t m = t->ncols + nd, ncols, i;
	size_t *idx = xcalloc(m, sizeof(size_t));
	struct out_col *cols = xcalloc(m, sizeof(*cols));
	const char **cells = xcalloc(m, sizeof(char *));
	char (*bufs)[64] = xcalloc(m, 64);
	struct out o = OUT_INIT;

	ncols = pick(fmt, t, brief, nd, idx, cols, d);
	out_begin(&o, fmt, cols, ncols);
	for (i = 0; i < n; i++) {
		fill(t, rows[i], idx, ncols, d, arg, bufs, cells);
		out_row(&o, cells);
	}
	out_end(&o);
	free(idx);
	free(cols);
	free(cells);
	free(bufs);
}

void
record_show(enum out_fmt fmt, const struct table *t, const struct row *r,
    const struct derived *d, size_t nd, void *arg)
{
	size_t m = t->ncols + nd, ncols;
	size_t *idx = xcalloc(m, sizeof(size_t));
	struct out_col *cols = xcalloc(m, sizeof(*cols));
	const char **cells = xcalloc(m, sizeof(char *));
	char (*bufs)[64] = xcalloc(m, 64);

	ncols = pick(FMT_JSON, t, NULL, nd, idx, cols, d);
	fill(t, r, idx, ncols, d, arg, bufs, cells);
	out_record(fmt, cols, ncols, cells);
	free(idx);
	free(cols);
	free(cells);
	free(bufs);
}
