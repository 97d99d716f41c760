/*
 * fuzz_merge.c: the three-way table merge (lib/merge.c, the merge driver).
 *
 * Input: byte 0 picks the schema, the rest is base NUL ours NUL theirs.
 * Invariants when merge_tables() accepts the three versions:
 *   - no id disappears that both sides still have, or that one side added
 *     (absent from base): it is in the result, merged or between markers;
 *   - without conflicts the result is read back by table_parse();
 *   - with conflicts, every line that starts with a marker is one of the
 *     driver's own ("<<<<<<< ours", "=======", ">>>>>>> theirs").
 */
#include <string.h>

#include "fuzz.h"
#include "merge.h"
#include "schema.h"
#include "table.h"

/* Is there a line of out that is `id` alone or starts with "id,"? */
static int
has_record(const struct kam_buf *out, const char *id)
{
	size_t n = strlen(id);
	const char *p = out->ptr, *e = out->ptr + out->len;

	while (p < e) {
		if ((size_t)(e - p) >= n && memcmp(p, id, n) == 0 &&
		    (p + n == e || p[n] == ',' || p[n] == '\n' || p[n] == '\r'))
			return 1;
		if ((p = memchr(p, '\n', (size_t)(e - p))) == NULL)
			break;
		p++;
	}
	return 0;
}

static void
check_markers(const struct kam_buf *out)
{
	const char *p = out->ptr, *e = out->ptr + out->len, *nl;
	size_t n;

	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		n = (size_t)((nl != NULL ? nl : e) - p);
		/* kam-files(5)'s marker rule: 7 of < > | and a space or
		 * the end, or ======= alone. */
		if ((n >= 7 && (memcmp(p, "<<<<<<<", 7) == 0 ||
		    memcmp(p, ">>>>>>>", 7) == 0 ||
		    memcmp(p, "|||||||", 7) == 0) && (n == 7 || p[7] == ' ')) ||
		    (n == 7 && memcmp(p, "=======", 7) == 0))
			FUZZ_ASSERT((n == 12 && memcmp(p, "<<<<<<< ours", 12) == 0) ||
			    (n == 7 && memcmp(p, "=======", 7) == 0) ||
			    (n == 14 && memcmp(p, ">>>>>>> theirs", 14) == 0));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct merge_result r = MERGE_RESULT_INIT;
	struct table b = TABLE_INIT, o = TABLE_INIT, t = TABLE_INIT,
	    res = TABLE_INIT;
	const struct schema *s;
	const char *part[3], *p, *e, *q, *why;
	size_t len[3], i, k;
	int col;

	if (size < 3)
		return 0;
	fuzz_quiet();
	s = kam_schemas[data[0] % kam_nschemas];
	p = (const char *)data + 1;
	e = (const char *)data + size;
	for (k = 0; k < 3; k++) {
		q = k < 2 ? memchr(p, '\0', (size_t)(e - p)) : NULL;
		if (q == NULL)
			q = e;
		part[k] = p;
		len[k] = (size_t)(q - p);
		p = q < e ? q + 1 : e;
	}
	if (merge_tables(&r, s, "fuzz.csv", 2, part[0], len[0], part[1],
	    len[1], part[2], len[2], &why) == 0) {
		if (r.nconflicts == 0)
			FUZZ_ASSERT(table_parse(&res, s, "fuzz.csv", 2, r.out.ptr,
			    r.out.len) == 0);
		else
			check_markers(&r.out);
		if (s->prefix != NULL &&
		    table_parse(&o, s, "o", 2, part[1], len[1]) == 0 &&
		    table_parse(&t, s, "t", 2, part[2], len[2]) == 0) {
			if (len[0] > 0)
				(void)table_parse(&b, s, "b", 2, part[0], len[0]);
			col = 0;
			for (i = 0; i < o.nrows; i++) {
				const char *id = table_get(&o, &o.rows[i], col);

				if (table_find(&t, id) != NULL ||
				    b.s == NULL || table_find(&b, id) == NULL)
					FUZZ_ASSERT(has_record(&r.out, id));
			}
			for (i = 0; i < t.nrows; i++) {
				const char *id = table_get(&t, &t.rows[i], col);

				if (table_find(&o, id) != NULL ||
				    b.s == NULL || table_find(&b, id) == NULL)
					FUZZ_ASSERT(has_record(&r.out, id));
			}
		}
	}
	merge_result_release(&r);
	table_release(&b);
	table_release(&o);
	table_release(&t);
	table_release(&res);
	return 0;
}
