/*
 * value.c: kam's strict value grammars (SPEC §2, RELIABILITY §4.3-4.5).
 *
 * Allow-lists, not deny-lists: each parser first checks the exact grammar
 * and only when that fails works out the most useful reason.  Nothing here
 * reads the locale (no ctype.h, no strto*), allocates or prints.
 *
 * The reasons are static strings, except three that name the value's own
 * numbers ("February 2026 has 28 days", "must be between 0 and 100"): those
 * live in a per-thread buffer of the parser that produced them and stay
 * valid until the next failing call of that same parser.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kam.h"
#include "schema.h"
#include "value.h"

#define MONEY_MAX_DIGITS	4
#define ID_MAX_LEN		31
#define ID_MAX_NUM		999999999L
#define DATE_MIN_YEAR		1900
#define DATE_MAX_YEAR		2999

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_alpha(int c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z');
}

static int
to_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

static int
to_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* ASCII white space and control characters (what isspace() is in "C"). */
static int
is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* Store the reason (why may be NULL) and return -1. */
static int
fail(const char **why, const char *msg)
{
	if (why != NULL)
		*why = msg;
	return -1;
}

/* Case-insensitive ASCII equality of s with the lower-case word w. */
static int
eq_word(const char *s, const char *w)
{
	while (*w != '\0' && to_lower((unsigned char)*s) == *w) {
		s++;
		w++;
	}
	return *w == '\0' && *s == '\0';
}

/* ---------------------------------------------------------------- money */

static const char *const money_too_precise[MONEY_MAX_DIGITS + 1] = {
	"more decimals than the currency has (0)",
	"more decimals than the currency has (1)",
	"more decimals than the currency has (2)",
	"more decimals than the currency has (3)",
	"more decimals than the currency has (4)",
};

/*
 * Length of the currency sign at p (UTF-8 or '$'), 0 when there is none:
 * $ ¢ £ ¤ ¥, the Currency Symbols block U+20A0-20CF (€ ₹ ₽ ...), 元 円 圆,
 * fullwidth ＄ ￠ ￡ ￥ ￦.
 */
static size_t
currency_sign(const unsigned char *p)
{
	if (p[0] == '$')
		return 1;
	if (p[0] == 0xc2 && p[1] >= 0xa2 && p[1] <= 0xa5)
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x82 && p[2] >= 0xa0 && p[2] <= 0xbf)
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x83 && p[2] >= 0x80 && p[2] <= 0x8f)
		return 3;
	if ((p[0] == 0xe5 && p[1] == 0x85 && p[2] == 0x83) ||	/* 元 */
	    (p[0] == 0xe5 && p[1] == 0x86 && p[2] == 0x86) ||	/* 円 */
	    (p[0] == 0xe5 && p[1] == 0x9c && p[2] == 0x86))	/* 圆 */
		return 3;
	if (p[0] == 0xef && p[1] == 0xbc && p[2] == 0x84)	/* ＄ */
		return 3;
	if (p[0] == 0xef && p[1] == 0xbf && p[2] >= 0xa0 && p[2] <= 0xa6 &&
	    p[2] != 0xa2 && p[2] != 0xa3 && p[2] != 0xa4)	/* ￠￡￥￦ */
		return 3;
	return 0;
}

/* Length of a digit-group separator at p (besides ',' '.' ' '), or 0. */
static size_t
group_sep(const unsigned char *p)
{
	if (p[0] == '\'' || p[0] == '_')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)			/* NBSP */
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0x89 || p[2] == 0xaf || p[2] == 0x99))	/* thin, NNBSP, ’ */
		return 3;
	return 0;
}

/* Does s contain a currency sign or an ISO 4217-like code ("EUR")? */
static int
has_currency(const unsigned char *s)
{
	const unsigned char *p;
	size_t run = 0;

	for (p = s; *p != '\0'; p++) {
		if (currency_sign(p) > 0)
			return 1;
		if (is_upper(*p)) {
			run++;
			continue;
		}
		if (run == 3)
			return 1;
		run = 0;
	}
	return run == 3;
}

/*
 * Why s (which failed the grammar) is not an amount: the first problem a
 * person would want to hear about.
 */
static const char *
money_diagnose(const char *str)
{
	const unsigned char *s = (const unsigned char *)str, *p, *b;
	size_t ncomma = 0, ndot = 0, nsep = 0, nspace = 0, n;
	int only_num = 1, has_e = 0, digit_before_e = 0;
	const unsigned char *last_comma = NULL, *last_dot = NULL;

	if (s[0] == '+')
		return "'+' sign not allowed";
	if (s[0] == 0xe2 && s[1] == 0x88 && s[2] == 0x92)	/* U+2212 */
		return "use ASCII '-' as the minus sign";
	b = s[0] == '-' ? s + 1 : s;
	if (eq_word((const char *)b, "nan") || eq_word((const char *)b, "inf") ||
	    eq_word((const char *)b, "infinity"))
		return "not a number";
	if (has_currency(s))
		return "currency symbols not allowed";
	if (b[0] == '0' && (b[1] == 'x' || b[1] == 'X'))
		return "hexadecimal notation not allowed";

	for (p = b; *p != '\0'; p++) {
		if (*p == 'e' || *p == 'E') {
			if (!has_e && p > b && is_digit(p[-1]))
				digit_before_e = 1;
			has_e = 1;
		} else if (!is_digit(*p) && *p != '.' && *p != '-' &&
		    *p != '+')
			only_num = 0;
	}
	if (has_e && digit_before_e && only_num)
		return "exponent notation not allowed";

	for (p = b; *p != '\0'; p++) {
		if (*p == ',') {
			ncomma++;
			last_comma = p;
		} else if (*p == '.') {
			ndot++;
			last_dot = p;
		} else if (*p == ' ' && p > b && is_digit(p[-1])) {
			nspace++;
		} else if ((n = group_sep(p)) > 0 && p > b &&
		    is_digit(p[-1])) {
			nsep++;
			p += n - 1;
		}
	}
	if (ncomma == 1 && ndot == 0 && nsep == 0 && nspace == 0 &&
	    last_comma > b && is_digit(last_comma[-1])) {
		for (n = 0; is_digit(last_comma[1 + n]); n++)
			;
		if (last_comma[1 + n] == '\0' && n > 0 && n != 3)
			return "use '.' as decimal separator";
	}
	if (ncomma > 0 || nsep > 0 || nspace > 0)
		return "thousands separators not allowed";
	if (ndot > 1) {
		/* "1.234.567": dots as group separators */
		for (p = b; is_digit(*p); p++)
			;
		if (p > b && p - b <= 3) {
			while (p[0] == '.' && is_digit(p[1]) && is_digit(p[2]) &&
			    is_digit(p[3]) && !is_digit(p[4]))
				p += 4;
			if (*p == '\0')
				return "thousands separators not allowed";
		}
		return "not a number";
	}
	if (ndot == 1 && (last_dot == b || !is_digit(last_dot[1])) &&
	    only_num && !has_e)
		return "digits required on both sides of '.'";
	if (b[0] == '0' && is_digit(b[1]))
		return "leading zeros not allowed";
	return "not a number";
}

int
money_parse(const char *s, int digits, int64_t *out, const char **why)
{
	const char *p, *ip, *fp = NULL, *msg = NULL;
	size_t ni, nf = 0, len, i;
	int64_t v = 0;
	int neg = 0;

	if (digits < 0 || digits > MONEY_MAX_DIGITS) {
		msg = "currency minor digits must be 0-4";
		goto out;
	}
	len = strlen(s);
	if (len == 0) {
		msg = "empty amount";
		goto out;
	}
	if (is_space((unsigned char)s[0]) || is_space((unsigned char)s[len - 1]) ||
	    ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0) ||
	    (len >= 2 && (unsigned char)s[len - 2] == 0xc2 &&
	    (unsigned char)s[len - 1] == 0xa0)) {
		msg = "leading or trailing space";
		goto out;
	}

	/* The grammar, exactly. */
	p = s;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (ip = p; is_digit((unsigned char)*p); p++)
		;
	ni = (size_t)(p - ip);
	if (ni == 0 || (ni > 1 && ip[0] == '0'))
		goto diagnose;
	if (*p == '.') {
		for (fp = ++p; is_digit((unsigned char)*p); p++)
			;
		nf = (size_t)(p - fp);
		if (nf == 0)
			goto diagnose;
	}
	if (*p != '\0')
		goto diagnose;
	if (nf > (size_t)digits) {
		msg = money_too_precise[digits];
		goto out;
	}

	/* The value, in minor units, never above INT64_MAX. */
	for (i = 0; i < ni + (size_t)digits; i++) {
		int d = 0;

		if (i < ni)
			d = ip[i] - '0';
		else if (i - ni < nf)
			d = fp[i - ni] - '0';
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, d, &v)) {
			msg = "out of range";
			goto out;
		}
	}
	*out = neg ? -v : v;		/* -0 is 0; -INT64_MAX is fine */
	goto out;

diagnose:
	msg = money_diagnose(s);
out:
	if (msg != NULL)
		return fail(why, msg);
	return 0;
}

char *
money_fmt(int64_t v, int digits, char *buf)
{
	char tmp[32];
	uint64_t u;
	size_t n = 0, i = 0;
	int neg = v < 0;

	if (digits < 0)
		digits = 0;
	if (digits > 18)
		digits = 18;
	/* |v| without overflow, even for INT64_MIN. */
	u = neg ? (uint64_t)-(v + 1) + 1 : (uint64_t)v;
	do {
		if (n == (size_t)digits && digits > 0)
			tmp[n++] = '.';
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0 || n <= (size_t)digits);
	if (neg)
		buf[i++] = '-';
	while (n > 0)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return buf;
}

char *
money_human(int64_t v, int digits, enum numfmt nf, const char *currency,
    char *buf)
{
	char m[32], group = nf == NUMFMT_COMMA_DOT ? ',' :
	    nf == NUMFMT_DOT_COMMA ? '.' : ' ';
	const char *p = m, *dot;
	size_t n, k, i = 0;

	money_fmt(v, digits, m);
	if (*p == '-')
		buf[i++] = *p++;
	dot = strchr(p, '.');
	n = dot != NULL ? (size_t)(dot - p) : strlen(p);
	for (k = 0; k < n; k++) {
		if (k > 0 && (n - k) % 3 == 0)
			buf[i++] = group;
		buf[i++] = p[k];
	}
	if (dot != NULL) {
		buf[i++] = nf == NUMFMT_COMMA_DOT ? '.' : ',';
		for (p = dot + 1; *p != '\0'; p++)
			buf[i++] = *p;
	}
	/* An ISO 4217 code is three letters; anything longer is cut. */
	if (currency != NULL && *currency != '\0') {
		buf[i++] = ' ';
		for (k = 0; k < 8 && currency[k] != '\0'; k++)
			buf[i++] = currency[k];
	}
	buf[i] = '\0';
	return buf;
}

int
numfmt_parse(const char *s, enum numfmt *out, const char **why)
{
	if (strcmp(s, "1,234.56") == 0)
		*out = NUMFMT_COMMA_DOT;
	else if (strcmp(s, "1.234,56") == 0)
		*out = NUMFMT_DOT_COMMA;
	else if (strcmp(s, "1 234,56") == 0)
		*out = NUMFMT_SPACE_COMMA;
	else {
		if (why != NULL)
			*why = "expected 1,234.56, 1.234,56 or 1 234,56";
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- hours */

int
hours_parse(const char *s, int64_t *quarters, const char **why)
{
	const char *p = s, *msg = NULL;
	int64_t whole = 0;
	int frac = 0, nd = 0, nf = 0;

	if (*p == '\0')
		msg = "empty number of hours";
	else if (*p == '-')
		msg = "hours cannot be negative";
	else if (*p == '+')
		msg = "'+' sign not allowed";
	for (; msg == NULL && *p >= '0' && *p <= '9'; p++, nd++)
		whole = whole * 10 + (*p - '0');
	if (msg == NULL && nd == 0)
		msg = "not a number of hours (e.g. 6.5)";
	else if (msg == NULL && nd > 1 && s[0] == '0')
		msg = "leading zeros not allowed";
	else if (msg == NULL && nd > 7)
		msg = "too many hours";
	if (msg == NULL && *p == '.') {
		for (p++; *p >= '0' && *p <= '9' && nf < 3; p++, nf++)
			frac = frac * 10 + (*p - '0');
		if (nf == 0 || nf > 2)
			msg = nf == 0 ? "a decimal point needs digits after it" :
			    "at most two decimals (quarter hours: .25 .5 .75)";
		else if (nf == 1)
			frac *= 10;
	}
	if (msg == NULL && *p != '\0')
		msg = *p == ',' ? "use a decimal point, not a comma" :
		    *p == ':' ? "write hours as a decimal (6.5, not 6:30)" :
		    "not a number of hours (e.g. 6.5)";
	if (msg == NULL && frac % 25 != 0)
		msg = "not a whole quarter hour (.25, .5 or .75)";
	if (msg != NULL) {
		if (why != NULL)
			*why = msg;
		return -1;
	}
	*quarters = whole * 4 + frac / 25;
	return 0;
}

char *
hours_fmt(int64_t quarters, char *buf)
{
	static const char *const frac[] = { "", ".25", ".5", ".75" };
	uint64_t u = quarters < 0 ? -(uint64_t)quarters : (uint64_t)quarters;

	snprintf(buf, 32, "%s%llu%s", quarters < 0 ? "-" : "",
	    (unsigned long long)(u / 4), frac[u % 4]);
	return buf;
}

/* ---------------------------------------------------------------- dates */

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int y, int m)
{
	static const unsigned char mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
	};

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/* Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms". */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);			/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;		/* [0, 146096] */
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);			/* [0, 146096] */
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);		/* [0, 365] */
	mp = (5 * doy + 2) / 153;				/* [0, 11] */
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

int
date_parse(const char *s, int32_t *out, const char **why)
{
	static _Thread_local char msgbuf[48];
	const unsigned char *u = (const unsigned char *)s;
	const char *msg = NULL;
	int i, y, m, d, dim;

	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? u[i] != '-' : !is_digit(u[i]))
			break;
	}
	if (i < 10) {
		msg = "expected YYYY-MM-DD";
		goto out;
	}
	if (u[10] == 'T' || (u[10] == ' ' && is_digit(u[11]))) {
		msg = "expected YYYY-MM-DD without a time";
		goto out;
	}
	if (u[10] != '\0') {
		msg = "expected YYYY-MM-DD";
		goto out;
	}
	y = (u[0] - '0') * 1000 + (u[1] - '0') * 100 + (u[2] - '0') * 10 +
	    (u[3] - '0');
	m = (u[5] - '0') * 10 + (u[6] - '0');
	d = (u[8] - '0') * 10 + (u[9] - '0');
	if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR) {
		msg = "year out of range 1900-2999";
		goto out;
	}
	if (m < 1 || m > 12) {
		msg = "month must be 01-12";
		goto out;
	}
	if (d < 1 || d > 31) {
		msg = "day must be 01-31";
		goto out;
	}
	dim = days_in_month(y, m);
	if (d > dim) {
		snprintf(msgbuf, sizeof(msgbuf), "%s %d has %d days",
		    month_names[m - 1], y, dim);
		msg = msgbuf;
		goto out;
	}
	*out = (int32_t)days_from_civil(y, (unsigned)m, (unsigned)d);
out:
	if (msg != NULL)
		return fail(why, msg);
	return 0;
}

char *
date_fmt(int32_t d, char *buf)
{
	int64_t y;
	unsigned m, day;

	civil_from_days(d, &y, &m, &day);
	if (y < 0 || y > 9999) {
		/* Not a date kam can hold; never overrun buf. */
		memcpy(buf, "0000-00-00", 11);
		return buf;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
	return buf;
}

int
date_weekday(int32_t d)
{
	/* 1970-01-01 was a Thursday (3). */
	return (int)(((int64_t)d % 7 + 7 + 3) % 7);
}

void
date_ymd(int32_t d, int *y, int *m, int *day)
{
	int64_t yy;
	unsigned mm, dd;

	civil_from_days(d, &yy, &mm, &dd);
	*y = (int)yy;
	*m = (int)mm;
	*day = (int)dd;
}

int32_t
date_from_ymd(int y, int m, int d)
{
	return (int32_t)days_from_civil(y, (unsigned)m, (unsigned)d);
}

/* ------------------------------------------------------------------ ids */

/*
 * The common scanner of id_parse() and id_parse_arg().  `anycase` allows a
 * lower-case prefix.  On success *plen is the prefix length.
 */
static int
id_scan(const char *s, const char *prefix, int anycase, long *num,
    size_t *plen, const char **why)
{
	const unsigned char *u = (const unsigned char *)s, *p, *dp;
	const char *msg = NULL;
	size_t n, i, k;
	long v = 0;
	int lower = 0, found;

	for (n = 0; n <= ID_MAX_LEN && s[n] != '\0'; n++)
		;
	if (n > ID_MAX_LEN) {
		msg = "id too long";
		goto out;
	}
	for (p = u; is_alpha(*p); p++)
		if (!is_upper(*p))
			lower = 1;
	n = (size_t)(p - u);
	if (n == 0 || *p != '-') {
		if (u[0] == '\0')
			msg = "empty id";
		else if (*p >= 0x80)
			msg = "prefix must be ASCII letters";
		else
			msg = "expected PREFIX-N, e.g. R-12";
		goto out;
	}
	dp = ++p;
	while (is_digit(*p))
		p++;
	if (p == dp) {
		msg = "expected a number after '-'";
		goto out;
	}
	if (*p != '\0') {
		msg = is_space(*p) || *p < 0x20 || *p == 0x7f ?
		    "trailing space or control character" :
		    "unexpected text after the number";
		goto out;
	}
	if (dp[0] == '0') {
		msg = p - dp == 1 ? "number must be 1-999999999" :
		    "leading zeros not allowed";
		goto out;
	}
	if (p - dp > 9) {
		msg = "number must be 1-999999999";
		goto out;
	}
	if (lower && !anycase) {
		msg = "prefix must be upper case";
		goto out;
	}
	if (prefix != NULL) {
		found = strlen(prefix) == n;
		for (i = 0; found && i < n; i++)
			if (to_upper(u[i]) != to_upper((unsigned char)prefix[i]))
				found = 0;
		if (!found) {
			msg = "wrong prefix for this kind of record";
			goto out;
		}
	} else {
		found = 0;
		/* The prefixes are those of the declared tables. */
		for (k = 0; !found && k < kam_nschemas; k++) {
			const char *kp = kam_schemas[k]->prefix;

			if (kp == NULL || strlen(kp) != n)
				continue;
			found = 1;
			for (i = 0; found && i < n; i++)
				if (to_upper(u[i]) != (unsigned char)kp[i])
					found = 0;
		}
		if (!found) {
			msg = "unknown prefix";
			goto out;
		}
	}
	for (; dp < p; dp++)
		v = v * 10 + (*dp - '0');
	*num = v;
	*plen = n;
out:
	if (msg != NULL)
		return fail(why, msg);
	return 0;
}

int
id_parse(const char *s, const char *prefix, long *num, const char **why)
{
	size_t plen;

	return id_scan(s, prefix, 0, num, &plen, why);
}

int
id_parse_arg(const char *s, const char *prefix, char *canon, long *num,
    const char **why)
{
	size_t plen, i;
	int ret = -1;

	if (id_scan(s, prefix, 1, num, &plen, why) == -1)
		goto out;
	/* s is at most 31 bytes, so it fits canon[32]. */
	for (i = 0; s[i] != '\0'; i++)
		canon[i] = (char)(i < plen ? to_upper((unsigned char)s[i]) : s[i]);
	canon[i] = '\0';
	ret = 0;
out:
	return ret;
}

int
id_prefix(const char *s, char *buf)
{
	const unsigned char *u = (const unsigned char *)s, *p;
	size_t n, i;
	int ret = -1;

	for (p = u; is_alpha(*p); p++)
		;
	n = (size_t)(p - u);
	if (n == 0 || n > 15 || *p != '-' || !is_digit(p[1]))
		goto out;
	for (p++; is_digit(*p); p++)
		;
	if (*p != '\0')
		goto out;
	for (i = 0; i < n; i++)
		buf[i] = (char)to_upper(u[i]);
	buf[n] = '\0';
	ret = 0;
out:
	return ret;
}

int
list_next(const char **p, char *buf, size_t size)
{
	const char *s;
	size_t n;

	for (;;) {
		while (**p == ' ')
			(*p)++;
		if (**p == '\0')
			return 0;
		s = *p;
		n = strcspn(s, " ");
		*p += n;
		if (n < size) {
			memcpy(buf, s, n);
			buf[n] = '\0';
			return 1;
		}
	}
}

/* 0 an id (prefix and number into pfx, num), 1 text, 2 unset. */
static int
ref_kind(const char *s, char *pfx, long *num)
{
	if (*s == '\0')
		return 2;
	if (id_prefix(s, pfx) == 0 && id_parse(s, NULL, num, NULL) == 0)
		return 0;
	return 1;
}

int
id_cmp(const char *a, const char *b)
{
	char pa[16], pb[16];
	long na = 0, nb = 0;
	int ka = ref_kind(a, pa, &na), kb = ref_kind(b, pb, &nb), c;

	if (ka != kb)
		return ka - kb;
	if (ka != 0)
		return kam_strcasecmp(a, b);
	if ((c = strcmp(pa, pb)) != 0)
		return c;
	return na < nb ? -1 : na > nb;
}

/* ------------------------------------------------------------- integers */

int
int_parse(const char *s, long min, long max, long *out, const char **why)
{
	static _Thread_local char msgbuf[64];
	const unsigned char *u = (const unsigned char *)s, *p, *dp;
	const char *msg = NULL;
	long v = 0;
	int neg = 0, range = 0;
	size_t len;

	len = strlen(s);
	if (len == 0) {
		msg = "empty number";
		goto out;
	}
	if (is_space(u[0]) || is_space(u[len - 1])) {
		msg = "leading or trailing space";
		goto out;
	}
	p = u;
	if (*p == '+') {
		msg = "'+' sign not allowed";
		goto out;
	}
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (dp = p; is_digit(*p); p++)
		;
	if (p == dp) {
		msg = "not an integer";
		goto out;
	}
	if (*p != '\0') {
		msg = *p == '.' || *p == ',' ? "decimals not allowed" :
		    *p == 'e' || *p == 'E' ? "exponent notation not allowed" :
		    "not an integer";
		goto out;
	}
	if (dp[0] == '0' && p - dp > 1) {
		msg = "leading zeros not allowed";
		goto out;
	}
	/* Accumulate towards the sign so LONG_MIN parses. */
	for (; dp < p && !range; dp++) {
		int d = *dp - '0';

		if (__builtin_mul_overflow(v, 10, &v) ||
		    (neg ? __builtin_sub_overflow(v, d, &v) :
		    __builtin_add_overflow(v, d, &v)))
			range = 1;
	}
	if (range || v < min || v > max) {
		snprintf(msgbuf, sizeof(msgbuf), "must be between %ld and %ld",
		    min, max);
		msg = msgbuf;
		goto out;
	}
	*out = v;
out:
	if (msg != NULL)
		return fail(why, msg);
	return 0;
}

/* ------------------------------------------------------------------ utf-8 */

size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	uint32_t c = s[0];
	size_t n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		c &= 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		c &= 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		c &= 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
	    (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF)
		return 0;
	*cp = c;
	return n;
}

int
utf8_valid(const char *str, size_t len, size_t *bad_off)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, need;
	uint64_t w;
	unsigned char c, lo, hi;
	int ok = 1;

	while (i < len) {
		/* Fast path: eight ASCII bytes at a time. */
		if (i + 8 <= len) {
			memcpy(&w, s + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				continue;
			}
		}
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		/* Table 3-7 of the Unicode Standard: well-formed sequences. */
		lo = 0x80;
		hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c == 0xe0)
				lo = 0xa0;		/* overlong */
			else if (c == 0xed)
				hi = 0x9f;		/* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c == 0xf0)
				lo = 0x90;		/* overlong */
			else if (c == 0xf4)
				hi = 0x8f;		/* > U+10FFFF */
		} else {
			ok = 0;			/* 80-C1 (stray, overlong), F5-FF */
			break;
		}
		if (len - i <= need || s[i + 1] < lo || s[i + 1] > hi ||
		    (need >= 2 && (s[i + 2] & 0xc0) != 0x80) ||
		    (need >= 3 && (s[i + 3] & 0xc0) != 0x80)) {
			ok = 0;
			break;
		}
		i += need + 1;
	}
	if (!ok && bad_off != NULL)
		*bad_off = i;
	return ok;
}

/* ------------------------------------------------------------ currencies */

/* The alphabetic codes of ISO 4217 (list one, current and funds codes,
 * 2025), sorted. */
static const char *const iso4217[] = {
	"AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG",
	"AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF", "BMD", "BND",
	"BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
	"CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU",
	"CRC", "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
	"EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS",
	"GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
	"IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY",
	"KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT",
	"LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
	"MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN",
	"MXV", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD",
	"OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
	"RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK",
	"SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN", "SVC",
	"SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
	"TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW",
	"UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU",
	"XBA", "XBB", "XBC", "XBD", "XCD", "XCG", "XDR", "XOF", "XPD",
	"XPF", "XPT", "XSU", "XTS", "XUA", "XXX", "YER", "ZAR", "ZMW",
	"ZWG", "ZWL"
};

static int
cmp_code(const void *key, const void *elt)
{
	return strcmp(key, *(const char *const *)elt);
}

int
currency_known(const char *code)
{
	return strlen(code) == 3 && bsearch(code, iso4217, sizeof(iso4217) /
	    sizeof(iso4217[0]), sizeof(iso4217[0]), cmp_code) != NULL;
}
