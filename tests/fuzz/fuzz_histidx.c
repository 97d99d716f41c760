/*
 * fuzz_histidx.c: the record-history index of kam log (lib/histidx.c),
 * its reader and writer.
 *
 * The input is an index without its checksum line; the target appends a
 * correct one, so that the reader's parsing is reached (a wrong sum is
 * refused before any parsing, which the corpus also covers).
 *
 * Invariants: reading never crashes; an index that reads is written back
 * in a form that reads again and is written the same (the writer's form
 * is a fixed point), so what kam writes it reads.
 */
#include <string.h>

#include <git2.h>

#include "fuzz.h"
#include "histidx.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct kam_buf in = KAM_BUF_INIT, a = KAM_BUF_INIT, b = KAM_BUF_INIT;
	struct histidx *ix = NULL, *back = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid sum;

	if (size > 1 << 20)
		return 0;
	fuzz_quiet();
	kam_buf_add(&in, (const char *)data, size);
	git_odb_hash(&sum, in.ptr != NULL ? in.ptr : "", in.len,
	    GIT_OBJECT_BLOB);
	kam_buf_printf(&in, "sum %s\n", git_oid_tostr(hex, sizeof(hex), &sum));
	if (histidx_parse(&ix, 2, "", in.ptr, in.len) == 0) {
		histidx_serialize(ix, 2, "", &a);
		FUZZ_ASSERT(histidx_parse(&back, 2, "", a.ptr, a.len) == 0);
		histidx_serialize(back, 2, "", &b);
		FUZZ_ASSERT(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0);
		FUZZ_ASSERT(histidx_count(back) == histidx_count(ix));
	}
	histidx_free(ix);
	histidx_free(back);
	kam_buf_release(&in);
	kam_buf_release(&a);
	kam_buf_release(&b);
	return 0;
}
