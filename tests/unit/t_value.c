/*
 * t_value.c: the value grammars of lib/value.c against RELIABILITY §4.3-4.5
 * (A1-A15, D1-D6, P1-P5), their edges, and exhaustive or randomised round
 * trips.
 */
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "value.h"
#include "tap.h"

#define ARRAY_LEN(a)	(sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------- money */

static void
money_ok(const char *s, int digits, int64_t want, const char *canon)
{
	const char *why = NULL;
	int64_t v = 12345;
	char buf[32];
	int rc;

	rc = money_parse(s, digits, &v, &why);
	ok(rc == 0 && v == want, "amount \"%s\" (D=%d) is %" PRId64, s, digits,
	    want);
	if (rc != 0)
		diag("rejected: %s", why);
	else if (v != want)
		diag("got %" PRId64, v);
	if (canon != NULL)
		is_str(money_fmt(v, digits, buf), canon, "  and is written back");
}

static void
money_bad(const char *s, int digits, const char *want_why)
{
	const char *why = NULL;
	int64_t v = 777;
	int rc;

	rc = money_parse(s, digits, &v, &why);
	ok(rc == -1 && v == 777 && why != NULL && strcmp(why, want_why) == 0,
	    "amount \"%s\" (D=%d) rejected: %s", s, digits, want_why);
	if (rc != -1)
		diag("accepted as %" PRId64, v);
	else if (why == NULL || strcmp(why, want_why) != 0)
		diag("reason: %s", why != NULL ? why : "(null)");
}

static uint64_t rng_state = UINT64_C(0x9e3779b97f4a7c15);

/* xorshift64*: fixed seed, same sequence on every run. */
static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * UINT64_C(2685821657736338717);
}

static void
money_property(void)
{
	static const int dlist[] = { 0, 2 };
	char buf[32], ref[32], *dot;
	const char *why;
	int64_t x, back;
	size_t k, i, bad, badfmt;

	for (k = 0; k < ARRAY_LEN(dlist); k++) {
		int d = dlist[k];

		bad = badfmt = 0;
		rng_state = UINT64_C(0x9e3779b97f4a7c15);
		for (i = 0; i < 1000000; i++) {
			uint64_t r = rng();
			unsigned shift = 1 + (unsigned)(rng() % 63);

			x = (int64_t)(r >> shift);	/* 0 .. 2^63-1, all sizes */
			if (rng() & 1)
				x = -x;
			money_fmt(x, d, buf);
			back = 0;
			why = NULL;
			if (money_parse(buf, d, &back, &why) != 0 || back != x) {
				if (bad++ == 0)
					diag("x=%" PRId64 " fmt=%s back=%" PRId64
					    " why=%s", x, buf, back,
					    why != NULL ? why : "-");
			}
			/* Exactly d decimals; for d = 0 the plain integer. */
			dot = strchr(buf, '.');
			if (d == 0) {
				snprintf(ref, sizeof(ref), "%" PRId64, x);
				if (strcmp(ref, buf) != 0 && badfmt++ == 0)
					diag("fmt %s != %s", buf, ref);
			} else if (dot == NULL || strlen(dot + 1) != (size_t)d) {
				if (badfmt++ == 0)
					diag("fmt %s has not %d decimals", buf, d);
			}
		}
		ok(bad == 0, "parse(fmt(x)) == x for 1000000 random int64 (D=%d)",
		    d);
		ok(badfmt == 0, "fmt writes exactly %d decimals (D=%d)", d, d);
	}

	/* Every digit count on a smaller sample, plus the edges. */
	bad = 0;
	for (i = 0; i < 100000; i++) {
		int d = (int)(i % 5);

		x = (int64_t)(rng() >> (1 + rng() % 63));
		if (i & 1)
			x = -x;
		if (money_parse(money_fmt(x, d, buf), d, &back, NULL) != 0 ||
		    back != x)
			bad++;
	}
	ok(bad == 0, "parse(fmt(x)) == x for D=0..4");
}

static void
test_money(void)
{
	char buf[32];
	int64_t a;
	const char *why;

	note("money (RELIABILITY 4.3)");
	/* A1 */
	money_bad("1e9", 2, "exponent notation not allowed");
	money_bad("1E9", 2, "exponent notation not allowed");
	money_bad("1.5e3", 2, "exponent notation not allowed");
	money_bad("-2e-3", 2, "exponent notation not allowed");
	/* A2 */
	money_bad("12,34", 2, "use '.' as decimal separator");
	money_bad("12,3", 2, "use '.' as decimal separator");
	money_bad("-12,34", 2, "use '.' as decimal separator");
	/* A3 */
	money_bad("1,234.56", 2, "thousands separators not allowed");
	money_bad("1.234,56", 2, "thousands separators not allowed");
	money_bad("1 234,56", 2, "thousands separators not allowed");
	money_bad("1'234.56", 2, "thousands separators not allowed");
	money_bad("1,234", 2, "thousands separators not allowed");
	money_bad("1.234.567", 2, "thousands separators not allowed");
	money_bad("1\xc2\xa0" "234.56", 2, "thousands separators not allowed");
	money_bad("1\xe2\x80\xaf" "234.56", 2, "thousands separators not allowed");
	/* A4 */
	money_bad("12.345", 2, "more decimals than the currency has (2)");
	money_bad("12.340", 2, "more decimals than the currency has (2)");
	money_bad("12.5", 0, "more decimals than the currency has (0)");
	money_bad("12.00001", 4, "more decimals than the currency has (4)");
	money_ok("12.3", 2, 1230, "12.30");
	money_ok("12", 2, 1200, "12.00");
	money_ok("12.345", 3, 12345, "12.345");
	money_ok("12", 0, 12, "12");
	money_ok("0.0001", 4, 1, "0.0001");
	money_ok("1234.5", 2, 123450, "1234.50");
	money_ok("-80.00", 2, -8000, "-80.00");
	/* A5 */
	money_ok("-0", 2, 0, "0.00");
	money_ok("-0.00", 2, 0, "0.00");
	money_ok("-0.0", 2, 0, "0.00");
	money_ok("-0", 0, 0, "0");
	money_ok("0", 2, 0, "0.00");
	money_ok("0.05", 2, 5, "0.05");
	money_ok("-0.05", 2, -5, "-0.05");
	/* A6 */
	money_bad("+5.00", 2, "'+' sign not allowed");
	money_bad("+0", 2, "'+' sign not allowed");
	/* A7 */
	money_bad(".50", 2, "digits required on both sides of '.'");
	money_bad("5.", 2, "digits required on both sides of '.'");
	money_bad("-.5", 2, "digits required on both sides of '.'");
	money_bad(".", 2, "digits required on both sides of '.'");
	/* A8 / A9: the int64 edge */
	money_ok("92233720368547758.07", 2, INT64_MAX, "92233720368547758.07");
	money_ok("-92233720368547758.07", 2, -INT64_MAX,
	    "-92233720368547758.07");
	money_bad("92233720368547758.08", 2, "out of range");
	money_bad("-92233720368547758.08", 2, "out of range");
	money_bad("92233720368547758.1", 2, "out of range");
	money_bad("92233720368547759", 2, "out of range");
	money_ok("9223372036854775807", 0, INT64_MAX, "9223372036854775807");
	money_bad("9223372036854775808", 0, "out of range");
	money_bad("-9223372036854775808", 0, "out of range");
	money_ok("922337203685477.5807", 4, INT64_MAX, "922337203685477.5807");
	money_bad("922337203685477.5808", 4, "out of range");
	money_bad("18446744073709551616", 0, "out of range");
	money_bad("1000000000000000000000000000000000000000000000000000", 2,
	    "out of range");
	/* A11 */
	money_bad("NaN", 2, "not a number");
	money_bad("nan", 2, "not a number");
	money_bad("inf", 2, "not a number");
	money_bad("-inf", 2, "not a number");
	money_bad("Infinity", 2, "not a number");
	money_bad("0x1p3", 2, "hexadecimal notation not allowed");
	money_bad("0x10", 2, "hexadecimal notation not allowed");
	money_bad("1_000.00", 2, "thousands separators not allowed");
	/* A12 */
	money_bad("\xe2\x82\xac" "12.50", 2, "currency symbols not allowed");
	money_bad("12.50 EUR", 2, "currency symbols not allowed");
	money_bad("EUR12.50", 2, "currency symbols not allowed");
	money_bad("$12.50", 2, "currency symbols not allowed");
	money_bad("-$12.50", 2, "currency symbols not allowed");
	money_bad("\xc2\xa5" "12", 2, "currency symbols not allowed");
	money_bad("\xef\xbf\xa5" "12", 2, "currency symbols not allowed");
	money_bad("12\xe5\x85\x83", 2, "currency symbols not allowed");
	money_bad("\xc2\xa3" "3", 2, "currency symbols not allowed");
	/* A14 */
	money_bad(" 12.50 ", 2, "leading or trailing space");
	money_bad("12.50 ", 2, "leading or trailing space");
	money_bad(" 12.50", 2, "leading or trailing space");
	money_bad("\t12.50", 2, "leading or trailing space");
	money_bad("12.50\n", 2, "leading or trailing space");
	money_bad("12.50\r", 2, "leading or trailing space");
	money_bad("\xc2\xa0" "12.50", 2, "leading or trailing space");
	/* the rest of the grammar */
	money_bad("007", 2, "leading zeros not allowed");
	money_bad("00.5", 2, "leading zeros not allowed");
	money_bad("-01", 2, "leading zeros not allowed");
	money_bad("", 2, "empty amount");
	money_bad("-", 2, "not a number");
	money_bad("--5", 2, "not a number");
	money_bad("5-", 2, "not a number");
	money_bad("abc", 2, "not a number");
	money_bad("1.2.3", 2, "not a number");
	money_bad("12.50x", 2, "not a number");
	money_bad("\xe2\x88\x92" "5", 2, "use ASCII '-' as the minus sign");
	money_bad("1", 5, "currency minor digits must be 0-4");
	money_bad("1", -1, "currency minor digits must be 0-4");
	ok(money_parse("12x", 2, &a, NULL) == -1, "why may be NULL");

	/* A15: the locale must not matter. */
	if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL &&
	    setlocale(LC_ALL, "de_DE.utf8") == NULL &&
	    setlocale(LC_ALL, "de_DE") == NULL) {
		skip("A15: no de_DE locale on this machine");
	} else {
		note("A15: locale decimal point is '%s'",
		    localeconv()->decimal_point);
		a = 0;
		ok(money_parse("12.34", 2, &a, &why) == 0 && a == 1234,
		    "A15: 12.34 under de_DE is 1234");
		is_str(money_fmt(123450, 2, buf), "1234.50",
		    "A15: written as 1234.50 under de_DE");
		money_bad("12,34", 2, "use '.' as decimal separator");
		setlocale(LC_ALL, "C");
	}

	/* money_fmt edges */
	is_str(money_fmt(INT64_MAX, 2, buf), "92233720368547758.07",
	    "fmt INT64_MAX, D=2");
	is_str(money_fmt(INT64_MIN + 1, 2, buf), "-92233720368547758.07",
	    "fmt INT64_MIN+1, D=2");
	is_str(money_fmt(INT64_MIN, 2, buf), "-92233720368547758.08",
	    "fmt INT64_MIN (outside the range) has no UB");
	is_str(money_fmt(INT64_MIN + 1, 0, buf), "-9223372036854775807",
	    "fmt INT64_MIN+1, D=0");
	is_str(money_fmt(0, 0, buf), "0", "fmt 0, D=0 has no '.'");
	is_str(money_fmt(-5, 0, buf), "-5", "fmt -5, D=0");
	is_str(money_fmt(5, 2, buf), "0.05", "fmt 5, D=2");
	is_str(money_fmt(-5, 2, buf), "-0.05", "fmt -5, D=2");
	is_str(money_fmt(-100, 2, buf), "-1.00", "fmt -100, D=2");
	is_str(money_fmt(1, 4, buf), "0.0001", "fmt 1, D=4");
	is_str(money_fmt(123456789, 3, buf), "123456.789", "fmt D=3");
	is_str(money_fmt(0, 4, buf), "0.0000", "fmt 0, D=4");

	/* money_add */
	a = INT64_MAX - 1;
	ok(money_add(&a, 1) == 0 && a == INT64_MAX, "add up to INT64_MAX");
	ok(money_add(&a, 1) == -1 && a == INT64_MAX,
	    "add past INT64_MAX fails, a unchanged");
	a = -INT64_MAX;
	ok(money_add(&a, -1) == -1 && a == -INT64_MAX,
	    "add down to INT64_MIN fails (outside the range)");
	a = INT64_MIN + 5;
	ok(money_add(&a, INT64_MIN + 5) == -1 && a == INT64_MIN + 5,
	    "add below INT64_MIN fails");
	a = 1230;
	ok(money_add(&a, -2000) == 0 && a == -770, "add 12.30 + -20.00");

	money_property();
}

/* ---------------------------------------------------------------- dates */

static void
date_ok(const char *s, int32_t want)
{
	const char *why = NULL;
	int32_t d = 4242;
	char buf[11];
	int rc;

	rc = date_parse(s, &d, &why);
	ok(rc == 0 && d == want, "date %s is day %" PRId32, s, want);
	if (rc != 0)
		diag("rejected: %s", why);
	else
		is_str(date_fmt(d, buf), s, "  and is written back");
}

static void
date_bad(const char *s, const char *want_why)
{
	const char *why = NULL;
	int32_t d = 4242;
	int rc;

	rc = date_parse(s, &d, &why);
	ok(rc == -1 && d == 4242 && why != NULL && strcmp(why, want_why) == 0,
	    "date \"%s\" rejected: %s", s, want_why);
	if (rc != -1)
		diag("accepted as %" PRId32, d);
	else if (why == NULL || strcmp(why, want_why) != 0)
		diag("reason: %s", why != NULL ? why : "(null)");
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static void
date_roundtrip(void)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};
	char s[48], buf[11];
	const char *why;
	int32_t want, got, n = 0;
	int y, m, d, dim, yy, mm, dd, wd;
	size_t bad = 0, badfmt = 0, badymd = 0, badwd = 0, badinv = 0;

	want = date_from_ymd(1900, 1, 1);
	wd = date_weekday(want);
	for (y = 1900; y <= 2999; y++) {
		for (m = 1; m <= 12; m++) {
			dim = mdays[m - 1] + (m == 2 && leap(y));
			for (d = 1; d <= dim; d++, want++, n++) {
				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
				got = 0;
				if (date_parse(s, &got, &why) != 0 || got != want) {
					if (bad++ == 0)
						diag("%s: got %" PRId32, s, got);
				}
				if (strcmp(date_fmt(want, buf), s) != 0 &&
				    badfmt++ == 0)
					diag("fmt %" PRId32 " = %s, want %s",
					    want, buf, s);
				date_ymd(want, &yy, &mm, &dd);
				if ((yy != y || mm != m || dd != d ||
				    date_from_ymd(y, m, d) != want) &&
				    badymd++ == 0)
					diag("ymd of %s", s);
				if (date_weekday(want) != (wd + n) % 7 &&
				    badwd++ == 0)
					diag("weekday of %s", s);
			}
			if (dim < 31) {
				snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m,
				    dim + 1);
				if (date_parse(s, &got, NULL) != -1)
					badinv++;
			}
		}
	}
	ok(n == 401767, "1900-01-01 .. 2999-12-31 is 401767 days");
	ok(bad == 0, "date_parse of every day 1900..2999 is consecutive");
	ok(badfmt == 0, "date_fmt of every day 1900..2999 round-trips");
	ok(badymd == 0, "date_ymd/date_from_ymd of every day round-trip");
	ok(badwd == 0, "weekdays advance by one every day");
	ok(badinv == 0, "day 29/30/31 past the month's end is rejected");
}

static void
test_dates(void)
{
	char buf[11];
	int32_t d;
	int y, m, day;

	note("dates (RELIABILITY 4.4)");
	date_ok("1970-01-01", 0);
	date_ok("1900-01-01", -25567);
	date_ok("2999-12-31", 376199);
	date_ok("2000-03-01", 11017);
	date_ok("2026-11-27", 20784);
	/* D1 */
	date_bad("2026-02-30", "February 2026 has 28 days");
	/* D2 */
	date_bad("2026-02-29", "February 2026 has 28 days");
	date_ok("2024-02-29", 19782);
	date_bad("2100-02-29", "February 2100 has 28 days");
	date_ok("2000-02-29", date_from_ymd(2000, 2, 29));
	date_bad("1900-02-29", "February 1900 has 28 days");
	date_bad("2024-02-30", "February 2024 has 29 days");
	/* D3 */
	date_bad("2026-13-01", "month must be 01-12");
	date_bad("2026-00-10", "month must be 01-12");
	date_bad("2026-01-00", "day must be 01-31");
	date_bad("2026-01-32", "day must be 01-31");
	date_bad("2026-04-31", "April 2026 has 30 days");
	date_bad("2026-11-31", "November 2026 has 30 days");
	/* D4 */
	date_bad("2026-2-3", "expected YYYY-MM-DD");
	date_bad("2026-02-3", "expected YYYY-MM-DD");
	date_bad(" 2026-02-03", "expected YYYY-MM-DD");
	date_bad("2026-02-03 ", "expected YYYY-MM-DD");
	date_bad("2026-02-03x", "expected YYYY-MM-DD");
	date_bad("2026-02-03\r", "expected YYYY-MM-DD");
	date_bad("2026/02/03", "expected YYYY-MM-DD");
	date_bad("03.02.2026", "expected YYYY-MM-DD");
	date_bad("02/03/2026", "expected YYYY-MM-DD");
	date_bad("20260203", "expected YYYY-MM-DD");
	date_bad("", "expected YYYY-MM-DD");
	date_bad("+2026-02-03", "expected YYYY-MM-DD");
	date_bad("-2026-02-03", "expected YYYY-MM-DD");
	date_bad("\xef\xbc\x92" "026-02-03", "expected YYYY-MM-DD");
	/* D6 */
	date_bad("2026-02-03T10:00+14:00", "expected YYYY-MM-DD without a time");
	date_bad("2026-02-03 10:00", "expected YYYY-MM-DD without a time");
	/* range */
	date_bad("1899-12-31", "year out of range 1900-2999");
	date_bad("3000-01-01", "year out of range 1900-2999");
	date_bad("0000-01-01", "year out of range 1900-2999");
	date_bad("9999-12-31", "year out of range 1900-2999");
	ok(date_parse("2026-02-30", &d, NULL) == -1, "why may be NULL");

	/* weekdays: 0 = Monday */
	is_int(date_weekday(date_from_ymd(2026, 11, 27)), 4,
	    "2026-11-27 is a Friday");
	is_int(date_weekday(0), 3, "1970-01-01 was a Thursday");
	is_int(date_weekday(date_from_ymd(1900, 1, 1)), 0,
	    "1900-01-01 was a Monday");
	is_int(date_weekday(date_from_ymd(2000, 1, 1)), 5,
	    "2000-01-01 was a Saturday");
	is_int(date_weekday(date_from_ymd(2024, 2, 29)), 3,
	    "2024-02-29 was a Thursday");
	is_int(date_weekday(date_from_ymd(2999, 12, 31)), 1,
	    "2999-12-31 is a Tuesday");
	is_int(date_weekday(-1), 2, "1969-12-31 was a Wednesday");
	is_int(date_weekday(INT32_MIN), ((int64_t)INT32_MIN % 7 + 10) % 7,
	    "weekday of INT32_MIN is in 0..6");

	date_ymd(-25567, &y, &m, &day);
	ok(y == 1900 && m == 1 && day == 1, "date_ymd(-25567) is 1900-01-01");
	is_str(date_fmt(INT32_MAX, buf), "0000-00-00",
	    "date_fmt beyond year 9999 does not overrun");
	is_str(date_fmt(INT32_MIN, buf), "0000-00-00",
	    "date_fmt before year 0 does not overrun");
	is_str(date_fmt(date_from_ymd(9999, 12, 31), buf), "9999-12-31",
	    "date_fmt 9999-12-31");
	date_roundtrip();
}

/* ------------------------------------------------------------------ ids */

static void
id_ok(const char *s, const char *prefix, long want)
{
	const char *why = NULL;
	long n = -1;
	int rc;

	rc = id_parse(s, prefix, &n, &why);
	ok(rc == 0 && n == want, "id %s (prefix %s) is %ld", s,
	    prefix != NULL ? prefix : "any", want);
	if (rc != 0)
		diag("rejected: %s", why);
}

/* Rejected by both grammars with the same reason. */
static void
id_bad(const char *s, const char *prefix, const char *shown, const char *want)
{
	const char *why = NULL, *why2 = NULL;
	char canon[32] = "untouched";
	long n = -1;
	int rc, rc2;

	rc = id_parse(s, prefix, &n, &why);
	rc2 = id_parse_arg(s, prefix, canon, &n, &why2);
	ok(rc == -1 && rc2 == -1 && n == -1 &&
	    strcmp(canon, "untouched") == 0 && why != NULL && why2 != NULL &&
	    strcmp(why, want) == 0 && strcmp(why2, want) == 0,
	    "id %s rejected: %s", shown, want);
	if (rc != -1 || rc2 != -1)
		diag("accepted");
	else if (why == NULL || strcmp(why, want) != 0 ||
	    why2 == NULL || strcmp(why2, want) != 0)
		diag("reasons: %s / %s", why ? why : "(null)",
		    why2 ? why2 : "(null)");
}

static void
id_arg_ok(const char *s, const char *prefix, const char *canon_want,
    long want)
{
	const char *why = NULL;
	char canon[32];
	long n = -1;
	int rc;

	rc = id_parse_arg(s, prefix, canon, &n, &why);
	ok(rc == 0 && n == want && strcmp(canon, canon_want) == 0,
	    "argument %s (prefix %s) is %s", s,
	    prefix != NULL ? prefix : "any", canon_want);
	if (rc != 0)
		diag("rejected: %s", why);
	else if (strcmp(canon, canon_want) != 0)
		diag("canonical form %s", canon);
}

static void
test_ids(void)
{
	static const char *const prefixes[] = {
		"G", "S", "P", "R", "REQ", "CR", "T", "E", "C", "Q", "D", "F",
		"L",
	};
	char buf[16], id[32], big[301];
	const char *why;
	long n;
	size_t i;

	note("ids (RELIABILITY 4.5)");
	id_ok("R-7", "R", 7);
	id_ok("R-7", NULL, 7);
	id_ok("REQ-12", "REQ", 12);
	id_ok("REQ-12", NULL, 12);
	id_ok("T-999999999", "T", 999999999);
	id_ok("CR-1", "cr", 1);
	for (i = 0; i < ARRAY_LEN(prefixes); i++) {
		snprintf(id, sizeof(id), "%s-%zu", prefixes[i], i + 1);
		n = 0;
		ok(id_parse(id, NULL, &n, NULL) == 0 && n == (long)(i + 1),
		    "%s is one of kam's ids", id);
	}

	/* X26: case */
	why = NULL;
	ok(id_parse("r-7", "R", &n, &why) == -1 && why != NULL &&
	    strcmp(why, "prefix must be upper case") == 0,
	    "id_parse rejects r-7: prefix must be upper case");
	ok(id_parse("Req-7", NULL, &n, NULL) == -1, "id_parse rejects Req-7");
	id_arg_ok("r-7", "R", "R-7", 7);
	id_arg_ok("R-7", "R", "R-7", 7);
	id_arg_ok("req-12", NULL, "REQ-12", 12);
	id_arg_ok("rEq-3", "REQ", "REQ-3", 3);

	/* numbers */
	id_bad("R-07", "R", "R-07", "leading zeros not allowed");
	id_bad("R-0", "R", "R-0", "number must be 1-999999999");
	id_bad("R-00", "R", "R-00", "leading zeros not allowed");
	id_bad("R-1000000000", "R", "R-1000000000",
	    "number must be 1-999999999");
	id_bad("R-", "R", "R-", "expected a number after '-'");
	id_bad("R--7", "R", "R--7", "expected a number after '-'");
	id_bad("R-+7", "R", "R-+7", "expected a number after '-'");
	id_bad("R7", "R", "R7", "expected PREFIX-N, e.g. R-12");
	id_bad("-7", NULL, "-7", "expected PREFIX-N, e.g. R-12");
	id_bad("7", NULL, "7", "expected PREFIX-N, e.g. R-12");
	id_bad("", NULL, "\"\"", "empty id");
	id_bad("R-1.5", "R", "R-1.5", "unexpected text after the number");

	/* prefixes */
	id_bad("REQ-12", "R", "REQ-12 (prefix R)",
	    "wrong prefix for this kind of record");
	id_bad("R-12", "REQ", "R-12 (prefix REQ)",
	    "wrong prefix for this kind of record");
	id_bad("X-1", NULL, "X-1", "unknown prefix");
	id_bad("RE-1", NULL, "RE-1", "unknown prefix");
	id_bad("\xd0\xa0-7", NULL, "Cyrillic \\xd0\\xa0-7",
	    "prefix must be ASCII letters");
	id_bad("R\xd0\xa0-7", NULL, "R + Cyrillic",
	    "prefix must be ASCII letters");

	/* P1, P2: paths */
	id_bad("../x", NULL, "../x", "expected PREFIX-N, e.g. R-12");
	id_bad("..\\x", NULL, "..\\x", "expected PREFIX-N, e.g. R-12");
	id_bad("a/../../x", NULL, "a/../../x", "expected PREFIX-N, e.g. R-12");
	id_bad("/etc/passwd", NULL, "/etc/passwd",
	    "expected PREFIX-N, e.g. R-12");
	id_bad(".", NULL, ".", "expected PREFIX-N, e.g. R-12");
	id_bad("..", NULL, "..", "expected PREFIX-N, e.g. R-12");
	id_bad("x/..", NULL, "x/..", "expected PREFIX-N, e.g. R-12");
	id_bad("R-1/../x", NULL, "R-1/../x", "unexpected text after the number");
	id_bad("%2e%2e%2f", NULL, "%2e%2e%2f", "expected PREFIX-N, e.g. R-12");
	id_bad("\xc0\xae\xc0\xae/", NULL, "overlong ../",
	    "prefix must be ASCII letters");

	/* P4: trailing junk */
	id_bad("R-1\r", "R", "R-1\\r", "trailing space or control character");
	id_bad("R-1 ", "R", "\"R-1 \"", "trailing space or control character");
	id_bad("R-1\n", "R", "R-1\\n", "trailing space or control character");
	id_bad("R-1\nR-2", "R", "R-1\\nR-2",
	    "trailing space or control character");
	id_bad("R-1.", "R", "R-1.", "unexpected text after the number");
	id_bad(" R-1", "R", "\" R-1\"", "expected PREFIX-N, e.g. R-12");
	id_bad("R -1", "R", "\"R -1\"", "expected PREFIX-N, e.g. R-12");

	/* P5: long */
	memset(big, 'R', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	id_bad(big, NULL, "of 300 characters", "id too long");
	memcpy(big, "R-", 2);
	memset(big + 2, '1', sizeof(big) - 3);
	id_bad(big, "R", "R-111...(300)", "id too long");
	ok(id_parse("ABCDEFGHIJKLMNOPQRSTUVWXYZABC-1", "ABCDEFGHIJKLMNOPQRSTUVWXYZABC",
	    &n, NULL) == 0 && n == 1, "a 31-byte id is accepted");
	ok(id_parse("ABCDEFGHIJKLMNOPQRSTUVWXYZABC-12",
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZABC", &n, &why) == -1 &&
	    strcmp(why, "id too long") == 0, "a 32-byte id is refused");

	/* id_prefix */
	ok(id_prefix("REQ-3", buf) == 0 && strcmp(buf, "REQ") == 0,
	    "id_prefix(REQ-3) = REQ");
	ok(id_prefix("req-3", buf) == 0 && strcmp(buf, "REQ") == 0,
	    "id_prefix(req-3) = REQ");
	ok(id_prefix("XYZ-03", buf) == 0 && strcmp(buf, "XYZ") == 0,
	    "id_prefix(XYZ-03) = XYZ (shape only)");
	ok(id_prefix("ABCDEFGHIJKLMNO-1", buf) == 0 &&
	    strcmp(buf, "ABCDEFGHIJKLMNO") == 0, "id_prefix of 15 letters");
	ok(id_prefix("ABCDEFGHIJKLMNOP-1", buf) == -1,
	    "id_prefix of 16 letters is -1");
	ok(id_prefix("R-", buf) == -1, "id_prefix(R-) is -1");
	ok(id_prefix("R-3x", buf) == -1, "id_prefix(R-3x) is -1");
	ok(id_prefix("-3", buf) == -1, "id_prefix(-3) is -1");
	ok(id_prefix("../x", buf) == -1, "id_prefix(../x) is -1");
	ok(id_prefix("R-1\r", buf) == -1, "id_prefix(R-1\\r) is -1");
	ok(id_prefix("", buf) == -1, "id_prefix(\"\") is -1");
	ok(id_prefix("\xd0\xa0-7", buf) == -1, "id_prefix(Cyrillic) is -1");
}

/* ---------------------------------------------------------------- hours */

static void
hours_ok(const char *s, int64_t want, const char *canon)
{
	char buf[32];
	int64_t q = -1;

	ok(hours_parse(s, &q, NULL) == 0 && q == want &&
	    strcmp(hours_fmt(q, buf), canon) == 0,
	    "hours \"%s\" are %lld quarters, written %s", s, (long long)want,
	    canon);
}

static void
hours_bad(const char *s)
{
	const char *why = NULL;
	int64_t q = 4242;

	ok(hours_parse(s, &q, &why) == -1 && q == 4242 && why != NULL,
	    "hours \"%s\" rejected (%s)", s, why != NULL ? why : "?");
}

static void
test_hours(void)
{
	char buf[32];

	hours_ok("0", 0, "0");
	hours_ok("8", 32, "8");
	hours_ok("6.5", 26, "6.5");
	hours_ok("6.50", 26, "6.5");
	hours_ok("0.25", 1, "0.25");
	hours_ok("7.75", 31, "7.75");
	hours_ok("24.0", 96, "24");
	hours_ok("24.00", 96, "24");
	hours_ok("9999999.75", 39999999, "9999999.75");
	hours_bad("");
	hours_bad("6.3");
	hours_bad("6.05");
	hours_bad("6.125");
	hours_bad("6,5");
	hours_bad("6:30");
	hours_bad("-1");
	hours_bad("+1");
	hours_bad("06");
	hours_bad("6.");
	hours_bad(".5");
	hours_bad(" 6");
	hours_bad("6 ");
	hours_bad("1e1");
	hours_bad("10000000");
	is_str(hours_fmt(-7, buf), "-1.75", "negative quarters are written too");
	is_str(hours_fmt(INT64_MIN + 1, buf), "-2305843009213693951.75",
	    "the most negative count is written without overflow");
}

/* ------------------------------------------------------------- integers */

static void
int_ok(const char *s, long min, long max, long want)
{
	const char *why = NULL;
	long v = 4242;
	int rc;

	rc = int_parse(s, min, max, &v, &why);
	ok(rc == 0 && v == want, "integer \"%s\" in [%ld, %ld] is %ld", s, min,
	    max, want);
	if (rc != 0)
		diag("rejected: %s", why);
}

static void
int_bad(const char *s, long min, long max, const char *want)
{
	const char *why = NULL;
	long v = 4242;
	int rc;

	rc = int_parse(s, min, max, &v, &why);
	ok(rc == -1 && v == 4242 && why != NULL && strcmp(why, want) == 0,
	    "integer \"%s\" in [%ld, %ld] rejected: %s", s, min, max, want);
	if (rc != -1)
		diag("accepted as %ld", v);
	else if (why == NULL || strcmp(why, want) != 0)
		diag("reason: %s", why != NULL ? why : "(null)");
}

static void
test_ints(void)
{
	char s[64], range[96];

	note("integers");
	int_ok("0", 0, 100, 0);
	int_ok("-0", 0, 100, 0);
	int_ok("100", 0, 100, 100);
	int_ok("42", 0, 100, 42);
	int_ok("-5", -10, 10, -5);
	int_bad("101", 0, 100, "must be between 0 and 100");
	int_bad("-1", 0, 100, "must be between 0 and 100");
	int_bad("6", 1, 5, "must be between 1 and 5");
	int_bad("+5", 0, 100, "'+' sign not allowed");
	int_bad("05", 0, 100, "leading zeros not allowed");
	int_bad("00", 0, 100, "leading zeros not allowed");
	int_bad("-05", -10, 10, "leading zeros not allowed");
	int_bad("1.5", 0, 100, "decimals not allowed");
	int_bad("1,5", 0, 100, "decimals not allowed");
	int_bad("1e3", 0, 10000, "exponent notation not allowed");
	int_bad(" 5", 0, 100, "leading or trailing space");
	int_bad("5 ", 0, 100, "leading or trailing space");
	int_bad("5\r", 0, 100, "leading or trailing space");
	int_bad("", 0, 100, "empty number");
	int_bad("-", 0, 100, "not an integer");
	int_bad("--5", -10, 10, "not an integer");
	int_bad("5-", 0, 100, "not an integer");
	int_bad("abc", 0, 100, "not an integer");
	int_bad("0x10", 0, 100, "not an integer");

	snprintf(s, sizeof(s), "%ld", LONG_MAX);
	int_ok(s, LONG_MIN, LONG_MAX, LONG_MAX);
	snprintf(s, sizeof(s), "%ld", LONG_MIN);
	int_ok(s, LONG_MIN, LONG_MAX, LONG_MIN);
	snprintf(range, sizeof(range), "must be between %ld and %ld", LONG_MIN,
	    LONG_MAX);
	snprintf(s, sizeof(s), "%lu", (unsigned long)LONG_MAX + 1);
	int_bad(s, LONG_MIN, LONG_MAX, range);
	snprintf(s, sizeof(s), "-%lu", (unsigned long)LONG_MAX + 2);
	int_bad(s, LONG_MIN, LONG_MAX, range);
	int_bad("99999999999999999999999999999", LONG_MIN, LONG_MAX, range);
	int_bad("-99999999999999999999999999999", LONG_MIN, LONG_MAX, range);
	ok(int_parse("x", 0, 1, &(long){ 0 }, NULL) == -1, "why may be NULL");
}

/* ---------------------------------------------------------------- utf-8 */

static void
utf8_case(const char *s, size_t len, int want, size_t want_off,
    const char *name)
{
	size_t off = 999999;
	int rc;

	rc = utf8_valid(s, len, &off);
	if (want)
		ok(rc == 1, "utf8: %s is valid", name);
	else
		ok(rc == 0 && off == want_off,
		    "utf8: %s is invalid at offset %zu", name, want_off);
	if (rc != want || (!want && off != want_off))
		diag("rc %d off %zu", rc, off);
}

/* Encode code point c (any value below 2^21) the way a naive encoder would. */
static size_t
enc(uint32_t c, unsigned char *b)
{
	if (c < 0x80) {
		b[0] = (unsigned char)c;
		return 1;
	}
	if (c < 0x800) {
		b[0] = (unsigned char)(0xc0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		b[0] = (unsigned char)(0xe0 | c >> 12);
		b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (c & 0x3f));
		return 3;
	}
	b[0] = (unsigned char)(0xf0 | c >> 18);
	b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
	b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
	b[3] = (unsigned char)(0x80 | (c & 0x3f));
	return 4;
}

static void
test_utf8(void)
{
	static char big[4096];
	unsigned char b[8];
	size_t n, bad = 0, off;
	uint32_t c;
	unsigned x, y;
	int want;

	note("utf-8 (RELIABILITY X6, P2)");
	utf8_case("\xff\xfe", 2, 0, 0, "\\xff\\xfe");
	utf8_case("ab\xc0\xaf", 4, 0, 2, "overlong \\xc0\\xaf");
	utf8_case("\xed\xa0\x80", 3, 0, 0, "surrogate \\xed\\xa0\\x80");
	utf8_case("x\xed\xbf\xbf", 4, 0, 1, "surrogate U+DFFF");
	utf8_case("abc\xe4\xb8", 5, 0, 3, "truncated sequence at the end");
	utf8_case("abc\xf0\x9f\x98", 6, 0, 3, "truncated 4-byte sequence");
	utf8_case("\xe4\xb8" "A", 3, 0, 0, "lead byte then ASCII");
	utf8_case("\xe4\xb8\xad\xe6\x96\x87", 6, 1, 0, "CJK \xe4\xb8\xad\xe6\x96\x87");
	utf8_case("\xf0\x9f\x98\x80", 4, 1, 0, "emoji U+1F600");
	utf8_case("\xf4\x8f\xbf\xbf", 4, 1, 0, "U+10FFFF");
	utf8_case("\xf4\x90\x80\x80", 4, 0, 0, "U+110000");
	utf8_case("\xf5\x80\x80\x80", 4, 0, 0, "lead F5");
	utf8_case("\xe0\x80\xaf", 3, 0, 0, "overlong 3-byte /");
	utf8_case("\xf0\x80\x80\xaf", 4, 0, 0, "overlong 4-byte /");
	utf8_case("\xc1\xbf", 2, 0, 0, "overlong C1");
	utf8_case("\x80", 1, 0, 0, "stray continuation byte");
	utf8_case("\xc0\xae\xc0\xae/", 5, 0, 0, "overlong ../ (P2)");
	utf8_case("\xef\xbb\xbf" "id", 5, 1, 0, "BOM");
	utf8_case("\xed\x9f\xbf\xee\x80\x80", 6, 1, 0, "U+D7FF and U+E000");
	utf8_case("a\0b", 3, 1, 0, "NUL is a character (checked elsewhere)");
	utf8_case("", 0, 1, 0, "empty");
	utf8_case("\xc3\xa9", 1, 0, 0, "length cuts a sequence");
	ok(utf8_valid("\xff", 1, NULL) == 0, "bad_off may be NULL");

	memset(big, 'a', sizeof(big));
	big[1000] = '\xfe';
	utf8_case(big, sizeof(big), 0, 1000, "bad byte at 1000 after ASCII");
	big[1000] = 'a';
	memcpy(big + sizeof(big) - 2, "\xc3\xa9", 2);
	utf8_case(big, sizeof(big), 1, 0, "4 KiB ASCII then U+00E9");
	utf8_case(big, sizeof(big) - 1, 0, sizeof(big) - 2,
	    "4 KiB ASCII then a cut sequence");

	/* Every code point: valid exactly when not a surrogate. */
	for (c = 0; c <= 0x10ffff; c++) {
		n = enc(c, b);
		want = c < 0xd800 || c > 0xdfff;
		if (utf8_valid((char *)b, n, &off) != want && bad++ == 0)
			diag("U+%04" PRIX32, c);
	}
	ok(bad == 0, "every code point U+0000..U+10FFFF except surrogates");
	/* Every overlong encoding of every shorter code point is refused. */
	bad = 0;
	for (c = 0; c < 0x10000; c++) {
		if (c < 0x80) {
			b[0] = (unsigned char)(0xc0 | c >> 6);
			b[1] = (unsigned char)(0x80 | (c & 0x3f));
			if (utf8_valid((char *)b, 2, NULL) && bad++ == 0)
				diag("overlong2 U+%04" PRIX32, c);
		}
		if (c < 0x800) {
			b[0] = 0xe0;
			b[1] = (unsigned char)(0x80 | c >> 6);
			b[2] = (unsigned char)(0x80 | (c & 0x3f));
			if (utf8_valid((char *)b, 3, NULL) && bad++ == 0)
				diag("overlong3 U+%04" PRIX32, c);
		}
		b[0] = 0xf0;
		b[1] = (unsigned char)(0x80 | c >> 12);
		b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (c & 0x3f));
		if (utf8_valid((char *)b, 4, NULL) && bad++ == 0)
			diag("overlong4 U+%04" PRIX32, c);
	}
	ok(bad == 0, "every overlong encoding is refused");
	/* Every byte pair against the definition. */
	bad = 0;
	for (x = 0; x < 256; x++)
		for (y = 0; y < 256; y++) {
			b[0] = (unsigned char)x;
			b[1] = (unsigned char)y;
			want = (x < 0x80 && y < 0x80) ||
			    (x >= 0xc2 && x <= 0xdf && y >= 0x80 && y <= 0xbf);
			if (utf8_valid((char *)b, 2, NULL) != want && bad++ == 0)
				diag("pair %02x %02x", x, y);
		}
	ok(bad == 0, "all 65536 byte pairs as the definition says");
}

/* Money for people (issue 10): grouping, decimal mark, currency. */
static void
test_money_human(void)
{
	char buf[MONEY_HUMAN_MAX];
	enum numfmt nf;
	const char *why = NULL;

	is_str(money_human(92840000, 2, NUMFMT_COMMA_DOT, "CNY", buf),
	    "928,400.00 CNY", "human 928,400.00 CNY");
	is_str(money_human(92840000, 2, NUMFMT_DOT_COMMA, "EUR", buf),
	    "928.400,00 EUR", "human 928.400,00 EUR");
	is_str(money_human(92840000, 2, NUMFMT_SPACE_COMMA, "EUR", buf),
	    "928 400,00 EUR", "human 928 400,00 EUR");
	is_str(money_human(-123456789, 2, NUMFMT_COMMA_DOT, NULL, buf),
	    "-1,234,567.89", "negative, no currency");
	is_str(money_human(99999, 2, NUMFMT_COMMA_DOT, "", buf), "999.99",
	    "below a thousand: no separator");
	is_str(money_human(100000, 2, NUMFMT_COMMA_DOT, "", buf), "1,000.00",
	    "a thousand");
	is_str(money_human(5, 2, NUMFMT_COMMA_DOT, "", buf), "0.05",
	    "cents");
	is_str(money_human(1234567, 0, NUMFMT_COMMA_DOT, "JPY", buf),
	    "1,234,567 JPY", "no minor digits");
	is_str(money_human(INT64_MIN + 1, 2, NUMFMT_COMMA_DOT, "CNY", buf),
	    "-92,233,720,368,547,758.07 CNY", "the range's edge fits");
	is_str(money_human(INT64_MAX, 4, NUMFMT_SPACE_COMMA, "KWD", buf),
	    "922 337 203 685 477,5807 KWD", "four digits");
	ok(numfmt_parse("1,234.56", &nf, &why) == 0 && nf == NUMFMT_COMMA_DOT,
	    "number-format 1,234.56");
	ok(numfmt_parse("1.234,56", &nf, &why) == 0 && nf == NUMFMT_DOT_COMMA,
	    "number-format 1.234,56");
	ok(numfmt_parse("1 234,56", &nf, &why) == 0 &&
	    nf == NUMFMT_SPACE_COMMA, "number-format 1 234,56");
	ok(numfmt_parse("1'234.56", &nf, &why) == -1 && why != NULL,
	    "number-format 1'234.56 is refused");
}

static void
test_currencies(void)
{
	static const char *const yes[] = { "CNY", "EUR", "USD", "JPY", "BHD",
	    "AED", "ZWL", "XXX", "CHF" };
	static const char *const no[] = { "XYZ", "ABC", "cny", "CN", "CNYY",
	    "", "RMB", "EU", "UKP" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ok(currency_known(yes[i]), "%s is an ISO 4217 code", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ok(!currency_known(no[i]), "'%s' is not", no[i]);
}

/* The order of references (id_cmp): ids by prefix then number, then
 * text ignoring case, then unset. */
static void
test_id_cmp(void)
{
	ok(id_cmp("P-2", "P-10") < 0, "id_cmp: P-2 before P-10 (numbers)");
	ok(id_cmp("P-10", "P-2") > 0, "id_cmp: P-10 after P-2");
	is_int(id_cmp("P-3", "P-3"), 0, "id_cmp: equal ids");
	ok(id_cmp("REQ-9", "T-1") < 0, "id_cmp: by prefix first");
	ok(id_cmp("T-9", "login page") < 0, "id_cmp: ids before text");
	ok(id_cmp("Login", "logout") < 0, "id_cmp: text ignoring case");
	is_int(id_cmp("ABC", "abc"), 0, "id_cmp: text equal ignoring case");
	ok(id_cmp("text", "") < 0, "id_cmp: unset last");
	ok(id_cmp("", "R-1") > 0, "id_cmp: unset after ids");
}

/* Words of an id list cell (list_next). */
static void
test_list_next(void)
{
	const char *p = "T-1 T-22  T-333 ";
	char buf[8], small[4];

	is_int(list_next(&p, buf, sizeof(buf)), 1, "list_next: a first word");
	is_str(buf, "T-1", "list_next: T-1");
	is_int(list_next(&p, buf, sizeof(buf)), 1, "list_next: a second word");
	is_str(buf, "T-22", "list_next: T-22");
	is_int(list_next(&p, buf, sizeof(buf)), 1, "list_next: past two "
	    "spaces");
	is_str(buf, "T-333", "list_next: T-333");
	is_int(list_next(&p, buf, sizeof(buf)), 0, "list_next: 0 at the end "
	    "(trailing space)");
	is_int(list_next(&p, buf, sizeof(buf)), 0, "list_next: 0 again");
	p = "";
	is_int(list_next(&p, buf, sizeof(buf)), 0, "list_next: an empty list");
	p = "T-1234 T-1 T-12345 T-2";
	is_int(list_next(&p, small, sizeof(small)), 1, "list_next: a word "
	    "that fits");
	is_str(small, "T-1", "list_next: words too long are skipped");
	is_int(list_next(&p, small, sizeof(small)), 1, "list_next: the next "
	    "one that fits");
	is_str(small, "T-2", "list_next: T-2");
	is_int(list_next(&p, small, sizeof(small)), 0, "list_next: then the "
	    "end");
}

int
main(void)
{
	test_money();
	test_currencies();
	test_money_human();
	test_dates();
	test_ids();
	test_hours();
	test_ints();
	test_utf8();
	test_id_cmp();
	test_list_next();
	return done_testing();
}
