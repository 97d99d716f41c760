/*
 * fuzz_values.c: every value parser of lib/value.c and the id-list
 * column check of lib/table.c.
 *
 * Invariants: an accepted amount formats back to a string that parses to
 * the same amount (and equals the input when the input is canonical); an
 * accepted date formats back to exactly the input; an accepted id is
 * PREFIX-N with 1 <= N <= 999999999 and id_parse_arg's canonical form is
 * accepted by id_parse; an accepted integer is within its bounds;
 * utf8_valid agrees with a reference decoder.
 */
#include <string.h>

#include "fuzz.h"
#include "schema.h"
#include "table.h"
#include "value.h"

/* A reference UTF-8 validator (RFC 3629), written independently. */
static int
ref_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, len;
	uint32_t cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			len = 2;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			len = 3;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			len = 4;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return 0;
		if (i + len > n)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[64], canon[32], pfx[16];
	const char *why;
	int64_t m, m2;
	int32_t d, d2;
	long n, lo, hi, v;
	size_t bad, i;
	int digits;

	if (size < 1 || size > 4096)
		return 0;
	fuzz_quiet();
	digits = data[0] % 5;
	s = xstrndup((const char *)data + 1, size - 1);

	FUZZ_ASSERT(utf8_valid((const char *)data + 1, size - 1, &bad) ==
	    ref_utf8(data + 1, size - 1));

	if (money_parse(s, digits, &m, &why) == 0) {
		money_fmt(m, digits, buf);
		FUZZ_ASSERT(money_parse(buf, digits, &m2, &why) == 0 && m == m2);
		/* Canonical input (exactly `digits` decimals) round-trips. */
		if (strchr(s, '.') != NULL &&
		    strlen(strchr(s, '.') + 1) == (size_t)digits &&
		    strcmp(s, "-0") != 0 && strncmp(s, "-0.", 3) != 0)
			FUZZ_ASSERT(strcmp(buf, s) == 0 || m == 0);
	}
	if (date_parse(s, &d, &why) == 0) {
		date_fmt(d, buf);
		FUZZ_ASSERT(strcmp(buf, s) == 0);
		FUZZ_ASSERT(date_parse(buf, &d2, &why) == 0 && d == d2);
		FUZZ_ASSERT(date_weekday(d) >= 0 && date_weekday(d) <= 6);
	}
	if (id_parse(s, NULL, &n, &why) == 0) {
		FUZZ_ASSERT(n >= 1 && n <= 999999999);
		FUZZ_ASSERT(id_prefix(s, pfx) == 0);
		FUZZ_ASSERT(strchr(s, '/') == NULL && strchr(s, '.') == NULL);
	}
	if (id_parse_arg(s, NULL, canon, &n, &why) == 0) {
		long n2;

		FUZZ_ASSERT(n >= 1 && n <= 999999999);
		FUZZ_ASSERT(id_parse(canon, NULL, &n2, &why) == 0 && n2 == n);
	}
	lo = (long)(int8_t)data[0] * 1000;
	hi = lo + 100000;
	if (int_parse(s, lo, hi, &v, &why) == 0)
		FUZZ_ASSERT(v >= lo && v <= hi);
	/* Id lists and every other column type, through the cell check. */
	for (i = 0; i < schema_tasks.ncols; i++)
		(void)table_check_value(&schema_tasks.cols[i], digits, s, &why);
	for (i = 0; i < schema_requirements.ncols; i++)
		(void)table_check_value(&schema_requirements.cols[i], digits, s,
		    &why);
	free(s);
	return 0;
}
