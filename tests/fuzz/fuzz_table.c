/*
 * fuzz_table.c: the table reader and writer (lib/table.c).
 *
 * Byte 0 picks the schema; bit 7 of byte 1 picks the mode.
 *   read mode: whatever table_parse() accepts, table_serialize() writes
 *     bytes that table_parse() accepts again and that serialise to the
 *     same bytes.
 *   write mode: the rest of the input, split at 0x01, gives text values;
 *     each one that table_check_value() accepts for the title-like column
 *     is stored in a new record; the serialised table must read back with
 *     the same values.
 */
#include <string.h>

#include "fuzz.h"
#include "schema.h"
#include "table.h"
#include "value.h"

static void
read_mode(const struct schema *s, const char *buf, size_t len)
{
	struct table t = TABLE_INIT, u = TABLE_INIT;
	struct kam_buf a = KAM_BUF_INIT, b = KAM_BUF_INIT;

	if (table_parse(&t, s, "fuzz.csv", 2, buf, len) == 0) {
		table_serialize(&t, &a);
		FUZZ_ASSERT(table_parse(&u, s, "fuzz.csv", 2, a.ptr, a.len) == 0);
		table_serialize(&u, &b);
		FUZZ_ASSERT(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
	}
	kam_buf_release(&a);
	kam_buf_release(&b);
	table_release(&t);
	table_release(&u);
}

/* The first text column of s (the title), or -1. */
static int
text_col(const struct schema *s)
{
	size_t j;

	for (j = 0; j < s->ncols; j++)
		if (s->cols[j].type == COL_TEXT)
			return (int)j;
	return -1;
}

static void
write_mode(const struct schema *s, const char *buf, size_t len)
{
	struct table t = TABLE_INIT, u = TABLE_INIT;
	struct kam_buf a = KAM_BUF_INIT;
	const char *p = buf, *e = buf + len, *q, *why, *got;
	char *vals[64];
	size_t nv = 0, i, bad;
	int col = text_col(s);
	struct row *r;

	if (col == -1 || s->prefix == NULL)
		return;
	/* Only tables whose other required columns this target can fill. */
	for (i = 1; i < s->ncols; i++)
		if (s->cols[i].required && (int)i != col &&
		    (s->cols[i].type == COL_REF ||
		    s->cols[i].type == COL_REFLIST ||
		    s->cols[i].type == COL_ID))
			return;
	table_init(&t, s, "fuzz.csv", 2);
	while (p <= e && nv < 64) {
		q = memchr(p, 0x01, (size_t)(e - p));
		if (q == NULL)
			q = e;
		vals[nv] = xstrndup(p, (size_t)(q - p));
		if (strlen(vals[nv]) == (size_t)(q - p) &&
		    utf8_valid(vals[nv], strlen(vals[nv]), &bad) &&
		    table_check_value(&s->cols[col], 2, vals[nv], &why) == 0 &&
		    vals[nv][0] != '\0') {
			r = table_add(&t);
			table_set(&t, r, col, vals[nv]);
			/* Required columns get a valid value. */
			for (i = 1; i < s->ncols; i++) {
				if ((int)i == col || !s->cols[i].required)
					continue;
				switch (s->cols[i].type) {
				case COL_ENUM:
					table_set(&t, r, (int)i,
					    s->cols[i].enums[0]);
					break;
				case COL_INT:
					table_set(&t, r, (int)i,
					    s->cols[i].min > 0 ? "1" : "0");
					break;
				case COL_DATE:
					table_set(&t, r, (int)i, "2026-01-05");
					break;
				case COL_MONEY:
					table_set(&t, r, (int)i, "1.00");
					break;
				case COL_TEXT:
				case COL_KEY:
					table_set(&t, r, (int)i, "x");
					break;
				default:
					break;
				}
			}
			nv++;
		} else
			free(vals[nv]);
		p = q + 1;
	}
	table_serialize(&t, &a);
	if (table_parse(&u, s, "fuzz.csv", 2, a.ptr, a.len) == 0) {
		FUZZ_ASSERT(u.nrows == nv);
		for (i = 0; i < nv; i++) {
			got = table_get(&u, &u.rows[i], col);
			FUZZ_ASSERT(strcmp(got, vals[i]) == 0);
		}
	} else
		FUZZ_ASSERT(!"the writer's output is refused");
	for (i = 0; i < nv; i++)
		free(vals[i]);
	kam_buf_release(&a);
	table_release(&t);
	table_release(&u);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct schema *s;

	if (size < 2)
		return 0;
	fuzz_quiet();
	s = kam_schemas[data[0] % kam_nschemas];
	if (data[1] & 0x80)
		write_mode(s, (const char *)data + 2, size - 2);
	else
		read_mode(s, (const char *)data + 2, size - 2);
	return 0;
}
