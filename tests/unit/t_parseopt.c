/*
 * t_parseopt.c: one option table gives the usage line, the completion
 * words and the parsing (lib/parseopt.c): typed values with kam's
 * messages, required options, operand counts from the usage, negative
 * numbers as operands.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "kam.h"
#include "parseopt.h"
#include "schema.h"
#include "tap.h"

struct opts {
	int		 all, mode, sep;
	const char	*cat, *by, *status, *tags[4];
	int32_t		 from, to, day;
	long		 n;
	struct popt_id	 owner;
};

/* A repeatable option: each value into the next free slot. */
static int
tag(void *field, const char *arg, const char *opt)
{
	const char **v = field;
	size_t i;

	for (i = 0; i < 4 && v[i] != NULL; i++)
		;
	if (i == 4)
		return kam_err(KAM_EX_USAGE, "%s: at most 4", opt);
	v[i] = arg;
	return 0;
}

#define T_OPTS(O)							\
	O(CMD, "kam t run")						\
	O(NEG)								\
	O(FLAG, OPT, "a", "all", all, "every one")			\
	O(SET, HIDE, "", "fast", mode, 2, "quickly")			\
	O(STR, REQ, "c", "category", cat, "c", "the category")		\
	POPT_PERIOD(O)							\
	O(INT, SOPT, "n", "max-count", n, "count", 1, 9, "a count 1-9",	\
	    "at most")							\
	O(ID, OPT, "", "owner", owner, "P", "whose")			\
	O(ENUM, OPT, "", "by", by, "week|month|year", "one line per")	\
	O(COLUMN, HIDE, "", "status", status, "s", &schema_risks,	\
	    RISK_STATUS, "a risk's status")				\
	O(CB, HIDE, "", "tag", tags, "t", tag, "a tag, again and again") \
	O(FLAG, REFUSE, "", "sep", sep, "kam t other")			\
	O(ARG, "amount [rev ...]")

static const struct popt t[] = POPT_TABLE(T_OPTS);

/* A day that has happened, checked once the operands are counted. */
#define P_OPTS(O)							\
	O(CMD, "kam t past")						\
	O(PAST, OPT, "", "day", day, "date", "it when it happened", "the day") \
	O(ARG, "x")
static const struct popt pt[] = POPT_TABLE(P_OPTS);
static const char usage[] = POPT_LINE(T_OPTS);
static const char complete[] = T_OPTS(POPT_COMPLETE);

static char msg[256];
static int code;

static void
capture(void *arg, int c, const char *m)
{
	(void)arg;
	if (c != 0 && msg[0] == '\0') {
		snprintf(msg, sizeof(msg), "%s", m);
		code = c;
	}
}

/* Parse the words of line (at most 16) into *o; the operand index. */
static int
run(const char *line, struct opts *o, char **words)
{
	static char buf[512];
	char *argv[17], *w;
	int argc = 0, i, rc;

	snprintf(buf, sizeof(buf), "%s", line);
	for (w = strtok(buf, " "); w != NULL && argc < 16; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	memset(o, 0, sizeof(*o));
	msg[0] = '\0';
	code = 0;
	optind = 0;
	rc = popt_parse(t, o, argc, argv, 0);
	for (i = 0; words != NULL && rc >= 0 && i < argc - rc; i++)
		words[i] = argv[rc + i];
	return rc < 0 ? rc : argc - rc;
}

int
main(void)
{
	struct opts o;
	char *w[16];
	FILE *saved = stderr;

	kam_msg_capture(capture, NULL);
	stderr = fopen("/dev/null", "w");

	is_str(usage, "kam t run [--all] --category c [--from date] [--to date] "
	    "[-n count] [--owner P-n] [--by week|month|year] amount "
	    "[rev ...]", "the usage line comes from the table");
	is_str(complete, " --all --fast --category= --from= --to= "
	    "--max-count= --owner= --by= --status= --tag=",
	    "so do the completion words");

	is_int(run("run -c x 5", &o, w), 1, "one operand");
	is_str(o.cat, "x", "a string");
	is_int(run("run --category=x --all --fast -n 3 --owner p-2 --by month "
	    "--from 2026-01-02 5 HEAD main", &o, w), 3, "any number of revs");
	ok(o.all == 1 && o.mode == 2 && o.n == 3, "flag, set, int");
	is_str(o.owner.id, "P-2", "an id in its canonical form");
	is_int(o.owner.num, 2, "and its number");
	is_str(o.by, "month", "an enum word");
	is_int(o.from, 20455, "a date as a day");
	is_int(run("run -c x -80.5 note", &o, w), 2, "a negative number...");
	is_str(w[0], "-80.5", "...is the first operand");
	is_int(run("run -c x note -3", &o, w), 2, "wherever it stands");
	ok(strcmp(w[0], "-3") == 0 && strcmp(w[1], "note") == 0,
	    "the others keep their order");

	is_int(run("run -c x --status closed --tag a --tag b 5", &o, w), 1,
	    "a column's value, a repeated option");
	is_str(o.status, "closed", "the value of the column");
	ok(o.tags[0] != NULL && strcmp(o.tags[0], "a") == 0 &&
	    o.tags[1] != NULL && strcmp(o.tags[1], "b") == 0 &&
	    o.tags[2] == NULL, "each value to the callback, in order");
	is_int(run("run -c x --status shut 5", &o, NULL), -1,
	    "a value the column does not take");
	ok(strncmp(msg, "--status: invalid value 'shut': ", 32) == 0,
	    "the column's own reason");
	is_int(run("run -c x --tag 1 --tag 2 --tag 3 --tag 4 --tag 5 6", &o,
	    NULL), -1, "the callback refuses");
	is_str(msg, "--tag: at most 4", "with its message");

	is_int(run("run -c x --sep 5", &o, NULL), -1,
	    "an option of another verb is refused");
	is_str(msg, "option '--sep' is for 'kam t other'", "naming it");
	ok(strstr(usage, "sep") == NULL && strstr(complete, "sep") == NULL,
	    "it is neither shown nor completed");

	{
		char a0[] = "past", a1[] = "--day", a2[] = "2026-01-03",
		    a3[] = "x";
		char *argv[] = { a0, a1, a2, a3, NULL };

		is_str(P_OPTS(POPT_USAGE), "kam t past [--day date] x",
		    "a past day is shown as a date");
		memset(&o, 0, sizeof(o));
		optind = 0;
		is_int(popt_parse(pt, &o, 4, argv, 20456), 3,
		    "a day that is today");
		is_int(o.day, 20456, "is taken as a day");
		msg[0] = '\0';
		optind = 0;
		is_int(popt_parse(pt, &o, 4, argv, 20455), -1,
		    "a day after today is refused");
		is_str(msg, "--day: 2026-01-03 is after today (2026-01-02); "
		    "record it when it happened", "saying what to record");
		msg[0] = '\0';
		optind = 0;
		argv[3] = NULL;
		is_int(popt_parse(pt, &o, 3, argv, 20455), -1,
		    "an operand missing...");
		ok(strstr(msg, "after today") == NULL,
		    "...is said before the day is judged");
	}

	is_int(run("run 5", &o, NULL), -1, "a required option missing");
	is_int(code, KAM_EX_USAGE, "is a usage error");
	is_int(run("run -c x", &o, NULL), -1, "an operand missing");
	{
		static const struct popt any[] = { { .kind = POPT_CMD,
		    .name = "kam t any" }, { .kind = POPT_ARG, .name = "x" },
		    { .kind = POPT_ANY }, { .kind = POPT_END } };
		char a0[] = "any";
		char *argv[] = { a0, NULL };

		optind = 0;
		is_int(popt_parse(any, NULL, 1, argv, 0), 1,
		    "ANY leaves the count of operands to the verb");
	}
	is_int(run("run -c x -n 10 5", &o, NULL), -1, "an int out of range");
	is_str(msg, "-n: '10' is not a count 1-9", "named by its usage form");
	is_int(run("run -c x --from 2026-02-30 5", &o, NULL), -1, "a bad date");
	is_str(msg, "--from: invalid date '2026-02-30': February 2026 has 28 days",
	    "kam's date message");
	is_int(run("run -c x --owner T-1 5", &o, NULL), -1, "a wrong id");
	is_str(msg, "--owner: invalid person id 'T-1' (expected e.g. P-3)",
	    "names the record kind");
	is_int(run("run -c x --by day 5", &o, NULL), -1, "a word not listed");
	is_str(msg, "--by: expected week, month or year, not 'day'",
	    "lists the words");
	is_int(run("run -c x --nope 5", &o, NULL), -1, "an unknown option");
	is_str(msg, "unknown option '--nope'", "getopt's message");

	fclose(stderr);
	stderr = saved;
	{
		int lo = -1, hi = -1;

		ok(popt_range("1-5", &lo, &hi) == 0 && lo == 1 && hi == 5,
		    "popt_range: 1-5");
		ok(popt_range("0-25", &lo, &hi) == 0 && lo == 0 && hi == 25,
		    "popt_range: 0-25");
		ok(popt_range("1-5x", &lo, &hi) == -1, "popt_range: not "
		    "a range with a tail");
		ok(popt_range("0-100", &lo, &hi) == -1, "popt_range: too "
		    "many values to offer");
		ok(popt_range("5-1", &lo, &hi) == -1 &&
		    popt_range("date", &lo, &hi) == -1 &&
		    popt_range("-1-3", &lo, &hi) == -1,
		    "popt_range: backwards, a word, a negative bound");
	}
	return done_testing();
}
