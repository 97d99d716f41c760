/*
 * t_kam.c: lib/kam.c's helpers — formatting into buffers and the index
 * of long keys (struct kam_lidx) that budget and timesheet sums use.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "kam.h"
#include "tap.h"

static char *
fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	s = xvasprintf(f, ap);
	va_end(ap);
	return s;
}

static void
test_format(void)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *s;

	s = xasprintf("%s-%d", "R", 12);
	ok(strcmp(s, "R-12") == 0, "xasprintf formats");
	free(s);
	s = xasprintf("%s", "");
	ok(s != NULL && *s == '\0', "xasprintf of nothing is an empty string, "
	    "not NULL");
	free(s);
	s = fmt("%s and %s", "risk", "issue");
	ok(strcmp(s, "risk and issue") == 0, "xvasprintf formats a va_list");
	free(s);
	kam_buf_printf(&b, "%d", 1);
	kam_buf_printf(&b, "%s", "");
	kam_buf_printf(&b, ",%05d", 42);
	ok(strcmp(b.ptr, "1,00042") == 0 && b.len == 7,
	    "kam_buf_printf appends, an empty format adds nothing");
	kam_buf_release(&b);
}

static void
test_lidx(void)
{
	struct kam_lidx x = KAM_LIDX_INIT;
	size_t at, i, bad = 0;
	int added;

	at = kam_lidx_get(&x, 7, &added);
	ok(at == 0 && added == 1, "a first key gets position 0");
	at = kam_lidx_get(&x, -3, &added);
	ok(at == 1 && added == 1, "a second key gets position 1");
	at = kam_lidx_get(&x, 7, &added);
	ok(at == 0 && added == 0, "a key seen before keeps its position");
	/* Past several rehashes; keys far apart and negative. */
	for (i = 0; i < 5000; i++) {
		at = kam_lidx_get(&x, (long)i * 1000003L - 2500000000L,
		    &added);
		if (at != i + 2 || added != 1)
			bad++;
	}
	ok(bad == 0 && x.n == 5002, "5000 more keys take positions 2 to "
	    "5001 in first-seen order");
	for (i = 0, bad = 0; i < 5000; i++) {
		at = kam_lidx_get(&x, (long)i * 1000003L - 2500000000L,
		    &added);
		if (at != i + 2 || added != 0)
			bad++;
	}
	ok(bad == 0 && x.n == 5002, "each is found again after the rehashes");
	at = kam_lidx_get(&x, -3, &added);
	ok(at == 1 && added == 0, "the early keys too");
	kam_lidx_release(&x);
	ok(x.n == 0 && x.keys == NULL && x.slot == NULL,
	    "release leaves an empty index");
	at = kam_lidx_get(&x, 5, &added);
	ok(at == 0 && added == 1, "a released index can be used again");
	kam_lidx_release(&x);
}

int
main(void)
{
	test_format();
	test_lidx();
	return done_testing();
}
