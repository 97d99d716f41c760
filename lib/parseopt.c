/*
 * parseopt.c: parse a verb's command line by its option table
 * (parseopt.h).  The values are checked here by lib's grammars (dates,
 * ids, ranges, word lists), so cmd/ gets them parsed.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "kam.h"
#include "parseopt.h"
#include "record.h"
#include "schema.h"
#include "table.h"
#include "value.h"

#define POPT_MAX	32

static const struct popt *
end_of(const struct popt *t)
{
	while (t->kind != POPT_END)
		t++;
	return t;
}

int
popt_usage(const struct popt *t)
{
	return rec_usage(end_of(t)->usage);
}

static int
is_option(const struct popt *o)
{
	return o->kind >= POPT_FLAG;
}

/* The option as messages name it: "--from", or "-n" where the usage
 * shows its short form. */
static const char *
label(const struct popt *o, char *buf, size_t len)
{
	if (o->how == POPT_HOW_SOPT || o->how == POPT_HOW_SNEED)
		snprintf(buf, len, "-%s", o->sh);
	else
		snprintf(buf, len, "--%s", o->name);
	return buf;
}

/* How many operands the ARG entries allow: their words are needed,
 * words in "[...]" may be given, "..." repeats. */
static void
bounds(const struct popt *t, int *min, int *max)
{
	const char *p, *w;
	size_t n;
	int depth = 0;

	*min = *max = 0;
	for (; t->kind != POPT_END; t++) {
		if (t->kind == POPT_ANY) {
			*min = 0;
			*max = INT_MAX;
			return;
		}
		if (t->kind != POPT_ARG)
			continue;
		for (p = t->name; *p != '\0'; p += n) {
			while (*p == ' ')
				p++;
			n = strcspn(p, " ");
			for (w = p; w < p + n && *w == '['; w++)
				depth++;
			if (strncmp(w, "...", 3) == 0)
				*max = INT_MAX;
			else if (w < p + n && *w != ']' && *max != INT_MAX) {
				*min += depth == 0;
				(*max)++;
			}
			for (w = p + n; w > p && w[-1] == ']'; w--)
				depth--;
		}
	}
}

/* The value of an ENUM: one of the words of argh, else the message. */
static int
enum_value(const struct popt *o, const char *arg, const char *lbl)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p = o->argh, *last;
	size_t n, len = strlen(arg);
	int ret;

	for (p = o->argh; *p != '\0'; p += n + (p[n] == '|')) {
		n = strcspn(p, "|");
		if (n == len && strncmp(p, arg, n) == 0)
			return 0;
	}
	last = strrchr(o->argh, '|');
	if (last == NULL)
		return kam_err(KAM_EX_USAGE, "%s: expected '%s', not '%s'", lbl,
		    o->argh, arg);
	for (p = o->argh; *p != '\0'; p += n + (p[n] == '|')) {
		n = strcspn(p, "|");
		if (p != o->argh)
			kam_buf_puts(&b, p == last + 1 ? " or " : ", ");
		kam_buf_printf(&b, "%.*s", (int)n, p);
	}
	ret = kam_err(KAM_EX_USAGE, "%s: expected %s, not '%s'", lbl, b.ptr,
	    arg);
	kam_buf_release(&b);
	return ret;
}

/* Store the value of option o from arg into opts. */
static int
take(const struct popt *o, const char *arg, char *opts)
{
	const char *why;
	char lbl[64];
	void *f = opts + o->off;

	label(o, lbl, sizeof(lbl));
	switch (o->kind) {
	case POPT_FLAG:
		*(int *)f = 1;
		return 0;
	case POPT_SET:
		*(int *)f = (int)o->min;
		return 0;
	case POPT_STR:
		*(const char **)f = arg;
		return 0;
	case POPT_DATE:
		if (date_parse(arg, f, &why) == -1)
			return kam_err(KAM_EX_USAGE, "%s: invalid date "
			    "'%s': %s", lbl, arg, why);
		return 0;
	case POPT_INT:
		if (int_parse(arg, o->min, o->max, f, &why) == -1)
			return kam_err(KAM_EX_USAGE, "%s: '%s' is not %s", lbl,
			    arg, o->what);
		return 0;
	case POPT_ID:
		return rec_id_arg(lbl, arg, o->argh, ((struct popt_id *)f)->id,
		    &((struct popt_id *)f)->num);
	case POPT_ENUM:
		if (enum_value(o, arg, lbl) == -1)
			return -1;
		*(const char **)f = arg;
		return 0;
	case POPT_COLUMN:
		if (table_check_value(&o->tab->cols[o->min], 2, arg,
		    &why) == -1)
			return kam_err(KAM_EX_USAGE, "%s: invalid value "
			    "'%s': %s", lbl, arg, why);
		*(const char **)f = arg;
		return 0;
	case POPT_CB:
		return o->cb(f, arg, lbl);
	default:
		return kam_err(KAM_EX_INTERNAL, "%s: not an option", lbl);
	}
}

/* Does word w name an option of t that takes the next word as value? */
static int
takes_next(const struct popt *t, const char *w)
{
	for (; t->kind != POPT_END; t++)
		if (is_option(t) && t->kind != POPT_FLAG &&
		    t->kind != POPT_SET &&
		    ((w[1] == '-' && strcmp(w + 2, t->name) == 0) ||
		    (w[1] != '-' && t->sh[0] != '\0' && w[1] == t->sh[0] &&
		    w[2] == '\0')))
			return 1;
	return 0;
}

/* With a NEG entry: the index of the first word shaped like a negative
 * number that is not an option's value, before any "--"; else 0. */
static int
negative(const struct popt *t, int argc, char **argv)
{
	const struct popt *e;
	int i;

	for (e = t; e->kind != POPT_END && e->kind != POPT_NEG; e++)
		;
	if (e->kind != POPT_NEG)
		return 0;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (argv[i][0] == '-' && argv[i][1] >= '0' &&
		    argv[i][1] <= '9' && !(argv[i - 1][0] == '-' &&
		    takes_next(t, argv[i - 1])))
			return i;
	return 0;
}

int
popt_parse(const struct popt *t, void *opts, int argc, char **argv,
    int32_t today)
{
	static char mark[] = "\x01";
	char *neg = NULL, lbl[64];
	const char *past[POPT_MAX];
	struct option lo[POPT_MAX + 1];
	char shortopts[2 * POPT_MAX + 1], given[POPT_MAX];
	const char *usage = end_of(t)->usage;
	size_t i, nt = (size_t)(end_of(t) - t), nl = 0, ns = 0;
	int ch, err = 0, min, max;

	if (nt > POPT_MAX)
		return kam_err(KAM_EX_INTERNAL, "too many options");
	memset(given, 0, sizeof(given));
	memset(past, 0, sizeof(past));
	for (i = 0; i < nt; i++) {
		if (!is_option(&t[i]))
			continue;
		lo[nl].name = t[i].name;
		lo[nl].has_arg = t[i].kind == POPT_FLAG ||
		    t[i].kind == POPT_SET ? no_argument : required_argument;
		lo[nl].flag = NULL;
		lo[nl].val = 256 + (int)i;
		nl++;
		if (t[i].sh[0] != '\0') {
			shortopts[ns++] = t[i].sh[0];
			if (lo[nl - 1].has_arg == required_argument)
				shortopts[ns++] = ':';
		}
	}
	memset(&lo[nl], 0, sizeof(lo[nl]));
	shortopts[ns] = '\0';
	/* getopt would take a negative number for options: hide it behind a
	 * mark and put it back among the operands. */
	if ((i = (size_t)negative(t, argc, argv)) > 0) {
		neg = argv[i];
		argv[i] = mark;
	}
	while ((ch = rec_getopt(argc, argv, shortopts, lo, usage,
	    &err)) != -1) {
		if (ch < 256) {
			for (i = 0; i < nt; i++)
				if (is_option(&t[i]) && t[i].sh[0] == ch)
					break;
		} else
			i = (size_t)(ch - 256);
		if (i >= nt)
			continue;
		if (t[i].how == POPT_HOW_REFUSE) {
			kam_err(KAM_EX_USAGE, "option '--%s' is for '%s'",
			    t[i].name, t[i].help);
			fprintf(stderr, "usage: %s\n", usage);
			err = 1;
			break;
		}
		if (t[i].kind == POPT_PAST)
			past[i] = optarg;	/* checked after the count */
		else if (take(&t[i], optarg, opts) == -1) {
			err = 1;
			break;
		}
		given[i] = 1;
	}
	/* The negative number is the first operand, wherever it stood. */
	for (i = (size_t)optind; neg != NULL && i < (size_t)argc; i++)
		if (argv[i] == mark) {
			memmove(argv + optind + 1, argv + optind,
			    (i - (size_t)optind) * sizeof(*argv));
			argv[optind] = neg;
		}
	if (err)
		return -1;
	for (i = 0; i < nt; i++)
		if (t[i].how == POPT_HOW_REQ && is_option(&t[i]) && !given[i])
			return rec_usage(usage);
	bounds(t, &min, &max);
	if (argc - optind < min || argc - optind > max)
		return rec_usage(usage);
	for (i = 0; i < nt; i++)
		if (past[i] != NULL && rec_past_date_arg(label(&t[i], lbl,
		    sizeof(lbl)), past[i], today, t[i].what,
		    (int32_t *)((char *)opts + t[i].off)) == -1)
			return -1;
	return optind;
}

int
popt_range(const char *meta, int *lo, int *hi)
{
	int end = 0;

	if (sscanf(meta, "%d-%d%n", lo, hi, &end) == 2 && meta[end] == '\0' &&
	    *lo >= 0 && *hi >= *lo && *hi - *lo < 32)
		return 0;
	return -1;
}
