/*
 * parseopt.h: one option table per verb, as git's parse-options.
 *
 * A verb states its command line once, as a list macro of entries:
 *
 *	#define AUDIT_OPTS(O)						\
 *		O(CMD, "kam budget audit")				\
 *		O(DATE, OPT, "", "from", from, "date", "the first day")	\
 *		O(ENUM, OPT, "", "by", by, "month", "a line a month")	\
 *		O(FLAG, OPT, "", "check", check, "exit 1 when over")
 *
 * and from that one list come, at compile time, the usage line
 * (POPT_USAGE: `kam CMD -h`, usage errors, the SYNOPSIS check of t0900),
 * the completion word list (POPT_COMPLETE: `kam __complete`) and the
 * table popt_parse() reads (POPT_TABLE), which parses the options into
 * the fields of the file's `struct opts` and counts the operands.
 *
 * Entries (how: OPT optional, REQ required, SOPT optional and shown by
 * its short form "-f file", HIDE parsed and completed but not shown;
 * sh: "" or the short option's letter as a string, "f"; NEED: shown as
 * required, but the verb checks it with its own message; SNEED: the same
 * shown by its short form; REFUSE: an option of another verb, neither
 * shown nor completed, refused with "option '--name' is for '<help>'"):
 *	O(CMD, "kam family verb")	the command words; first
 *	O(ARG, "amount [rev ...]")	operands: words are needed, "[w]" may
 *					be given, "..." any number
 *	O(TEXT, "[--follow | --no-follow]")	usage text only
 *	O(NEG)				a negative number ("-80.00") is the
 *					first operand, wherever it stands
 *	O(ANY)				the verb counts the operands (its
 *					options change how many it takes)
 *	O(FLAG, how, sh, name, field, help)	int field = 1
 *	O(SET, how, sh, name, field, value, help)	int field = value
 *	O(STR, how, sh, name, field, argh, help)	const char *field
 *	O(DATE, how, sh, name, field, argh, help)	int32_t field (date_parse)
 *	O(PAST, how, sh, name, field, argh, what, help)	int32_t field: a date
 *		not after today, checked once the operands are counted
 *		(rec_past_date_arg): "NAME: d is after today (t); record <what>"
 *	O(INT, how, sh, name, field, argh, min, max, what, help)
 *		long field within [min, max]; else "NAME: 'x' is not <what>"
 *	O(ID, how, sh, name, field, prefix, help)	struct popt_id field:
 *		an id of that prefix (id_parse_arg); argh "<prefix>-n"
 *	O(ENUM, how, sh, name, field, argh, help)	const char *field: one of
 *		the '|'-separated words of argh
 *	O(COLUMN, how, sh, name, field, argh, schema, col, help)
 *		const char *field: a value of column col of table *schema (by
 *		its type: one of an enum's values, a date...)
 *	O(CB, how, sh, name, field, argh, fn, help)	fn(&field, value,
 *		"--name") takes the value: a grammar of lib, or a repeatable
 *		option collecting its values; 0, or -1 after the message
 *
 * Messages keep kam's wording: "--from: invalid date 'x': why",
 * "--owner: invalid person id 'x' (expected e.g. P-3)", "--by: expected
 * week or day, not 'x'"; a missing required option or a wrong number of
 * operands prints the usage (64).
 */
#ifndef KAM_PARSEOPT_H
#define KAM_PARSEOPT_H

#include <stddef.h>
#include <stdint.h>

struct schema;

enum popt_kind { POPT_END, POPT_CMD, POPT_ARG, POPT_TEXT, POPT_NEG,
	POPT_ANY, POPT_FLAG,
	POPT_SET, POPT_STR, POPT_DATE, POPT_PAST, POPT_INT, POPT_ID, POPT_ENUM,
	POPT_COLUMN, POPT_CB };
enum popt_how { POPT_HOW_OPT, POPT_HOW_REQ, POPT_HOW_SOPT, POPT_HOW_HIDE,
	POPT_HOW_NEED, POPT_HOW_SNEED, POPT_HOW_REFUSE };

/* The value of an ID option: the canonical id ("" when not given) and
 * its number. */
struct popt_id {
	char	id[32];
	long	num;
};

struct popt {
	enum popt_kind	 kind;
	enum popt_how	 how;
	const char	*sh;		/* "" or "f" */
	const char	*name;		/* long name; CMD, ARG, TEXT: the text */
	size_t		 off;		/* the field in the verb's struct opts */
	const char	*argh;		/* the value in the usage; ID: prefix */
	long		 min, max;	/* INT: range; SET: min is the value */
	const char	*what;		/* INT: "a score 0-25"; PAST: "record
					 * <what>" */
	const struct schema *tab;	/* COLUMN: the table; min: the column */
	int		(*cb)(void *field, const char *arg, const char *opt);
	const char	*help;
	const char	*usage;		/* END: the whole usage line */
};

/* The field f of struct opts, checked to be of type T. */
#define POPT_OFF(f, T)	_Generic(((struct opts *)0)->f,		\
	T: offsetof(struct opts, f))

/* ---- POPT_USAGE: the usage line ---- */
#define POPT_USAGE(kind, ...)	POPT_U_##kind(__VA_ARGS__)
#define POPT_U_CMD(text)	text
#define POPT_U_ARG(text)	" " text
#define POPT_U_TEXT(text)	" " text
#define POPT_U_NEG()
#define POPT_U_ANY()
#define POPT_UF_OPT(sh, n)	" [--" n "]"
#define POPT_UF_REQ(sh, n)	" --" n
#define POPT_UF_SOPT(sh, n)	" [-" sh "]"
#define POPT_UF_HIDE(sh, n)
#define POPT_UF_NEED(sh, n)	POPT_UF_REQ(sh, n)
#define POPT_UF_SNEED(sh, n)	" -" sh
#define POPT_UF_REFUSE(sh, n)
#define POPT_UV_OPT(sh, n, a)	" [--" n " " a "]"
#define POPT_UV_REQ(sh, n, a)	" --" n " " a
#define POPT_UV_SOPT(sh, n, a)	" [-" sh " " a "]"
#define POPT_UV_HIDE(sh, n, a)
#define POPT_UV_NEED(sh, n, a)	POPT_UV_REQ(sh, n, a)
#define POPT_UV_SNEED(sh, n, a)	" -" sh " " a
#define POPT_UV_REFUSE(sh, n, a)
#define POPT_U_FLAG(how, sh, n, f, h)		POPT_UF_##how(sh, n)
#define POPT_U_SET(how, sh, n, f, v, h)		POPT_UF_##how(sh, n)
#define POPT_U_STR(how, sh, n, f, a, h)		POPT_UV_##how(sh, n, a)
#define POPT_U_DATE(how, sh, n, f, a, h)	POPT_UV_##how(sh, n, a)
#define POPT_U_PAST(how, sh, n, f, a, w, h)	POPT_UV_##how(sh, n, a)
#define POPT_U_INT(how, sh, n, f, a, lo, hi, w, h) POPT_UV_##how(sh, n, a)
#define POPT_U_ID(how, sh, n, f, p, h)		POPT_UV_##how(sh, n, p "-n")
#define POPT_U_ENUM(how, sh, n, f, a, h)	POPT_UV_##how(sh, n, a)
#define POPT_U_COLUMN(how, sh, n, f, a, t, c, h) POPT_UV_##how(sh, n, a)
#define POPT_U_CB(how, sh, n, f, a, fn, h)	POPT_UV_##how(sh, n, a)

/* ---- POPT_COMPLETE: the long options, "=" after those with a value ---- */
#define POPT_COMPLETE(kind, ...)	POPT_C_##kind(__VA_ARGS__)
#define POPT_C_CMD(text)	""
#define POPT_C_ARG(text)
#define POPT_C_TEXT(text)
#define POPT_C_NEG()
#define POPT_C_ANY()
#define POPT_CF_OPT(n)		" --" n
#define POPT_CF_REQ(n)		" --" n
#define POPT_CF_SOPT(n)		" --" n
#define POPT_CF_HIDE(n)		" --" n
#define POPT_CF_NEED(n)		" --" n
#define POPT_CF_SNEED(n)	" --" n
#define POPT_CF_REFUSE(n)
#define POPT_CV_OPT(n)		" --" n "="
#define POPT_CV_REQ(n)		" --" n "="
#define POPT_CV_SOPT(n)		" --" n "="
#define POPT_CV_HIDE(n)		" --" n "="
#define POPT_CV_NEED(n)		" --" n "="
#define POPT_CV_SNEED(n)	" --" n "="
#define POPT_CV_REFUSE(n)
#define POPT_C_FLAG(how, sh, n, f, h)		POPT_CF_##how(n)
#define POPT_C_SET(how, sh, n, f, v, h)		POPT_CF_##how(n)
#define POPT_C_STR(how, sh, n, f, a, h)		POPT_CV_##how(n)
#define POPT_C_DATE(how, sh, n, f, a, h)	POPT_CV_##how(n)
#define POPT_C_PAST(how, sh, n, f, a, w, h)	POPT_CV_##how(n)
#define POPT_C_INT(how, sh, n, f, a, lo, hi, w, h) POPT_CV_##how(n)
#define POPT_C_ID(how, sh, n, f, p, h)		POPT_CV_##how(n)
#define POPT_C_ENUM(how, sh, n, f, a, h)	POPT_CV_##how(n)
#define POPT_C_COLUMN(how, sh, n, f, a, t, c, h) POPT_CV_##how(n)
#define POPT_C_CB(how, sh, n, f, a, fn, h)	POPT_CV_##how(n)

/* ---- POPT_ENTRY: the table popt_parse() reads ---- */
#define POPT_ENTRY(kind, ...)	POPT_E_##kind(__VA_ARGS__)
#define POPT_E_CMD(text)	{ .kind = POPT_CMD, .name = text },
#define POPT_E_ARG(text)	{ .kind = POPT_ARG, .name = text },
#define POPT_E_TEXT(text)
#define POPT_E_NEG()		{ .kind = POPT_NEG },
#define POPT_E_ANY()		{ .kind = POPT_ANY },
#define POPT_E_(k, hw, s, n, f, T, a, h)				\
	{ .kind = POPT_##k, .how = POPT_HOW_##hw, .sh = s, .name = n,	\
	  .off = POPT_OFF(f, T), .argh = a, .help = h }
#define POPT_E_FLAG(hw, s, n, f, h)	POPT_E_(FLAG, hw, s, n, f, int, "", h),
#define POPT_E_SET(hw, s, n, f, v, h)					\
	{ .kind = POPT_SET, .how = POPT_HOW_##hw, .sh = s, .name = n,	\
	  .off = POPT_OFF(f, int), .min = v, .help = h },
#define POPT_E_STR(hw, s, n, f, a, h)					\
	POPT_E_(STR, hw, s, n, f, const char *, a, h),
#define POPT_E_DATE(hw, s, n, f, a, h)					\
	POPT_E_(DATE, hw, s, n, f, int32_t, a, h),
#define POPT_E_PAST(hw, s, n, f, a, wt, h)				\
	{ .kind = POPT_PAST, .how = POPT_HOW_##hw, .sh = s, .name = n,	\
	  .off = POPT_OFF(f, int32_t), .argh = a, .what = wt, .help = h },
#define POPT_E_INT(hw, s, n, f, a, lo, hi, wt, h)			\
	{ .kind = POPT_INT, .how = POPT_HOW_##hw, .sh = s, .name = n,	\
	  .off = POPT_OFF(f, long), .argh = a, .min = lo, .max = hi,	\
	  .what = wt, .help = h },
#define POPT_E_ID(hw, s, n, f, p, h)	POPT_E_(ID, hw, s, n, f, struct popt_id, p, h),
#define POPT_E_ENUM(hw, s, n, f, a, h)					\
	POPT_E_(ENUM, hw, s, n, f, const char *, a, h),
#define POPT_E_COLUMN(hw, s, n, f, a, t, c, h)				\
	{ .kind = POPT_COLUMN, .how = POPT_HOW_##hw, .sh = s, .name = n,	\
	  .off = POPT_OFF(f, const char *), .argh = a, .tab = t, .min = c,	\
	  .help = h },
#define POPT_E_CB(hw, s, n, f, a, fn, h)				\
	{ .kind = POPT_CB, .how = POPT_HOW_##hw, .sh = s, .name = n,	\
	  .off = offsetof(struct opts, f), .argh = a, .cb = fn, .help = h },

/* A period: [--from date] [--to date] into the fields from and to. */
#define POPT_PERIOD(O)							\
	O(DATE, OPT, "", "from", from, "date", "from this day on")	\
	O(DATE, OPT, "", "to", to, "date", "up to this day")

/* The usage line and the parse table of list L (cmd/cmd.h's KAM_VERB
 * makes a verb's usage, completion words and table from its list). */
#define POPT_LINE(L)	L(POPT_USAGE)
#define POPT_TABLE(L)	{ L(POPT_ENTRY) { .kind = POPT_END,		\
	.usage = L(POPT_USAGE) } }

/*
 * Parse argv (argv[0] the verb) by table t into *opts, which holds the
 * defaults; today: the day PAST entries may not be after.  Returns the
 * index in argv of the first operand, their number checked against the
 * ARG entries; or -1 after the message (64).
 */
int	popt_parse(const struct popt *t, void *opts, int argc, char **argv,
	    int32_t today);
/* A value shown as a small range of integers, "1-5" (lo >= 0, at most 32
 * values): 0 with the bounds, else -1. */
int	popt_range(const char *meta, int *lo, int *hi);
/* Print "usage: <t's usage>" and record 64; returns -1. */
int	popt_usage(const struct popt *t);

#endif
