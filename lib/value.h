/*
 * value.h: kam's strict value grammars (SPEC §2, RELIABILITY §4).
 *
 * Every parser takes a NUL-terminated string, never consults the locale,
 * and on failure returns -1 with a short reason in *why (a static string,
 * or NULL-safe: why may be NULL).  Nothing is printed: callers add the
 * file:line or option name and report with kam_err().
 */
#ifndef KAM_VALUE_H
#define KAM_VALUE_H

#include <stdint.h>

/* Money: int64 minor units.  Grammar ^-?(0|[1-9][0-9]*)(\.[0-9]{1,D})?$,
 * range +-(2^63-1) minor units, "-0" normalised to 0.  `digits` is the
 * currency's minor digits (0..4). */
int	money_parse(const char *s, int digits, int64_t *out, const char **why);
/* Writes exactly `digits` decimals ("1234.50"); buf needs 32 bytes.
 * Returns buf. */
char	*money_fmt(int64_t v, int digits, char *buf);
/*
 * Money for people (tables, Markdown, reports, kam status): the integer
 * part grouped by thousands and the decimal mark of `nf`, then a space and
 * the currency when `currency` is set and not empty: "928,400.00 CNY",
 * "928.400,00 CNY", "928 400,00 CNY".  JSON, CSV and the files keep
 * money_fmt()'s machine form.  buf needs MONEY_HUMAN_MAX bytes; returns
 * buf.
 */
enum numfmt { NUMFMT_COMMA_DOT, NUMFMT_DOT_COMMA, NUMFMT_SPACE_COMMA };
#define MONEY_HUMAN_MAX	64
char	*money_human(int64_t v, int digits, enum numfmt nf,
	    const char *currency, char *buf);
/* kam.conf's project.number-format: "1,234.56", "1.234,56" or
 * "1 234,56".  0, or -1 with *why. */
int	numfmt_parse(const char *s, enum numfmt *out, const char **why);
/* Overflow-checked a += b; returns -1 (a unchanged) on overflow. */
static inline int
money_add(int64_t *a, int64_t b)
{
	int64_t r;

	/* INT64_MIN is outside kam's range too (negation must stay safe). */
	if (__builtin_add_overflow(*a, b, &r) || r == INT64_MIN)
		return -1;
	*a = r;
	return 0;
}

/* Dates: days since 1970-01-01 (proleptic Gregorian).  Grammar
 * YYYY-MM-DD, a real calendar date between 1900-01-01 and 2999-12-31. */
int	date_parse(const char *s, int32_t *out, const char **why);
/* Writes "YYYY-MM-DD" and a NUL; buf needs 11 bytes.  Returns buf. */
char	*date_fmt(int32_t d, char *buf);
/* 0 = Monday ... 6 = Sunday. */
int	date_weekday(int32_t d);
void	date_ymd(int32_t d, int *y, int *m, int *day);
int32_t	date_from_ymd(int y, int m, int d);

/* Ids "PREFIX-N": N a decimal without leading zeros, 1..999999999.
 * id_parse() is the file grammar: exact upper-case prefix.  id_parse_arg()
 * is the command-line grammar: the prefix matched case-insensitively; it
 * writes the canonical form into canon (needs 32 bytes).  `prefix` NULL
 * accepts any of kam's prefixes; *num gets N. */
int	id_parse(const char *s, const char *prefix, long *num, const char **why);
int	id_parse_arg(const char *s, const char *prefix, char *canon, long *num,
	    const char **why);
/* The prefix of an id ("REQ" of "REQ-3") into buf (16 bytes); -1 if s is
 * not shaped like an id. */
int	id_prefix(const char *s, char *buf);
/* The next word of a space-separated list (an id list cell) from *p into
 * buf (size bytes): 1 and *p past it, or 0 at the end.  Words that do
 * not fit in buf are skipped. */
int	list_next(const char **p, char *buf, size_t size);
/* Order of references as people read them: ids first (by prefix, then
 * number), then text ignoring case, then "" (strcmp-like result). */
int	id_cmp(const char *a, const char *b);

/* Hours in quarter-hour steps: grammar ^(0|[1-9][0-9]{0,6})(\.[0-9]{1,2})?$
 * whose fraction is .0, .25, .5 or .75 (".50", ".00" too), as a count of
 * quarter hours: "6.5" is 26, "0.25" is 1.  Never a float. */
int	hours_parse(const char *s, int64_t *quarters, const char **why);
/* The shortest canonical form of a count of quarter hours: "6.5", "6.25",
 * "8", "-1.75"; buf needs 32 bytes.  Returns buf. */
char	*hours_fmt(int64_t quarters, char *buf);

/* A decimal integer (optional leading '-') within [min, max]. */
int	int_parse(const char *s, long min, long max, long *out, const char **why);

/* 1 when s is valid UTF-8 (no overlongs, no surrogates); otherwise 0 and
 * *bad_off gets the offset of the first bad byte. */
int	utf8_valid(const char *s, size_t len, size_t *bad_off);
/* Decode one UTF-8 sequence at s.  Returns its length (1-4) and sets *cp,
 * or 0 when s does not start a valid sequence (overlong forms, surrogates
 * and values above U+10FFFF are invalid).  A NUL byte ends any sequence
 * early, since it is not a continuation byte. */
size_t	utf8_decode(const unsigned char *s, uint32_t *cp);

/* Is code one of the alphabetic codes of ISO 4217 ("CNY", "EUR")? */
int	currency_known(const char *code);

#endif
