/*
 * tap.h: a tiny header-only TAP producer for kam's unit tests, run by
 * prove(1).  One test program per file, so the state is file-static.
 *
 *	ok(cond, "12.50 is %d cents", 1250);
 *	is_str(got, "12.50", "formats cents");
 *	is_int(got, 1250, "parses cents");
 *	skip("no de_DE locale");
 *	diag("got %d", n);	// stderr; note() writes to stdout
 *	return done_testing();	// prints "1..N"; nonzero if any failed
 */
#ifndef KAM_TAP_H
#define KAM_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_run, tap_failed;

static inline int __attribute__((format(printf, 4, 5)))
tap_ok(int pass, const char *file, int line, const char *fmt, ...)
{
	char name[512];
	const char *p;
	va_list ap;

	tap_run++;
	if (!pass)
		tap_failed++;
	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	/* One line per test; '#' would start a TAP directive. */
	printf("%sok %d - ", pass ? "" : "not ", tap_run);
	for (p = name; *p != '\0'; p++) {
		if (*p == '#')
			fputs("\\#", stdout);
		else if ((unsigned char)*p < 0x20 || *p == 0x7f)
			printf("\\x%02x", (unsigned char)*p);
		else
			putchar(*p);
	}
	putchar('\n');
	if (!pass) {
		fflush(stdout);
		fprintf(stderr, "#   Failed test at %s line %d.\n", file, line);
	}
	return pass;
}

#define ok(cond, ...)	tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)

#define is_str(got, want, name) do {					\
	const char *tap_g_ = (got), *tap_w_ = (want);			\
	if (!ok(tap_g_ != NULL && tap_w_ != NULL ?			\
	    strcmp(tap_g_, tap_w_) == 0 : tap_g_ == tap_w_, "%s", (name)))\
		fprintf(stderr, "#          got: '%s'\n"			\
		    "#     expected: '%s'\n", tap_g_ ? tap_g_ : "(null)",	\
		    tap_w_ ? tap_w_ : "(null)");				\
} while (0)

#define is_int(got, want, name) do {					\
	long long tap_g_ = (got), tap_w_ = (want);			\
	if (!ok(tap_g_ == tap_w_, "%s", (name)))			\
		fprintf(stderr, "#          got: %lld\n"			\
		    "#     expected: %lld\n", tap_g_, tap_w_);		\
} while (0)

/* diag() for problems (stderr, shown by prove); note() for commentary. */
#define diag(...)	(fflush(stdout), fputs("# ", stderr),		\
			    fprintf(stderr, __VA_ARGS__), fputc('\n', stderr))
#define note(...)	(fputs("# ", stdout), printf(__VA_ARGS__),	\
			    putchar('\n'))

/* One passing test marked as skipped. */
#define skip(reason)	(tap_run++, printf("ok %d # skip %s\n", tap_run, (reason)))

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_run);
	fflush(stdout);
	if (tap_failed > 0)
		fprintf(stderr, "# Looks like you failed %d test%s of %d.\n",
		    tap_failed, tap_failed == 1 ? "" : "s", tap_run);
	return tap_failed > 0 ? 1 : 0;
}

#endif
