/*
 * check.c: kam check — validate every file and apply the health rules
 * (SPEC §3 "Health, audit and review", §7), for people, pre-commit hooks
 * and CI.  Exit 0 healthy, 1 unhealthy (red findings; amber too with
 * --strict), 65 invalid data.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/ciout.h"
#include "../lib/health.h"
#include "../lib/review.h"

/* The options, parsed by lib/parseopt.c. */
struct opts {
	int		 strict;
	const char	*since;
};
#define CHECK_OPTS(O)							\
	O(CMD, "kam check")						\
	O(FLAG, OPT, "", "strict", strict, "amber fails too")		\
	O(STR, OPT, "", "new-since", since, "rev", "what is new since rev") \
	O(TEXT, "[--format table|json|csv|md|junit|github|sarif|codequality]")

static const struct out_col check_cols[] = {
	{ "level", OT_TEXT }, { "rule", OT_TEXT }, { "area", OT_TEXT },
	{ "record", OT_TEXT }, { "file", OT_TEXT }, { "line", OT_NUM },
	{ "message", OT_TEXT },
};

static void
print_text(const struct health *h, int strict, const char *since)
{
	size_t i;
	char *esc;
	int color = out_use_color();

	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];
		const char *lv = health_level_name(f->level);

		if (f->file != NULL && f->line > 0)
			printf("%s:%lu: ", f->file, f->line);
		else if (f->file != NULL)
			printf("%s: ", f->file);
		if (color)
			printf("\033[%sm%s\033[0m: ", f->level == FIND_AMBER ?
			    "33" : "1;31", lv);
		else
			printf("%s: ", lv);
		printf("%s: ", f->rule);
		if (f->record != NULL) {
			esc = kam_escape(f->record);
			printf("%s: ", esc);
			free(esc);
		}
		esc = kam_escape(f->why);
		printf("%s\n", esc);
		free(esc);
	}
	printf("kam check: %zu invalid, %zu red, %zu amber%s%s: %s\n",
	    h->nerror, h->nred, h->namber, since != NULL ? " new since " : "",
	    since != NULL ? since : "", h->nerror > 0 ? "invalid data" :
	    h->nred > 0 || (strict && h->namber > 0) ? "unhealthy" :
	    "healthy");
}

static void
print_rows(const struct health *h, enum out_fmt fmt)
{
	struct out o = OUT_INIT;
	const char *cells[ARRAY_SIZE(check_cols)];
	char line[24];
	size_t i;

	out_begin(&o, fmt, check_cols, ARRAY_SIZE(check_cols));
	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];

		snprintf(line, sizeof(line), "%lu", f->line);
		cells[0] = health_level_name(f->level);
		cells[1] = f->rule;
		cells[2] = health_area_name(f->area);
		cells[3] = f->record;
		cells[4] = f->file;
		cells[5] = f->line > 0 ? line : NULL;
		cells[6] = f->why;
		out_row(&o, cells);
	}
	out_end(&o);
}

/* XML character data and attribute values: markup escaped, characters
 * XML 1.0 forbids (C0 controls but TAB and LF) replaced by '?'. */
static void
xml(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&': fputs("&amp;", stdout); break;
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		case '\'': fputs("&apos;", stdout); break;
		case '\n': fputs("&#10;", stdout); break;
		case '\t': fputs("&#9;", stdout); break;
		default:
			putchar((unsigned char)*s < 0x20 ? '?' : *s);
		}
}

static void
junit_case(const struct finding *f, const struct health_rule *r, int strict,
    const char *prefix)
{
	/* Amber without --strict passes: its message goes to system-out. */
	const char *tag = f == NULL ? NULL : f->level == FIND_ERROR ? "error" :
	    f->level == FIND_RED || strict ? "failure" : "system-out";

	printf("    <testcase classname=\"kam.%s\" name=\"", health_area_name(
	    r->area));
	xml(r->name);
	if (f == NULL) {
		printf("\"");	/* the caller ends the element */
		return;
	}
	if (f->record != NULL) {
		printf(": ");
		xml(f->record);
	} else if (f->file != NULL) {
		printf(": ");
		xml(f->file);
	}
	printf("\"");
	if (f->file != NULL) {
		/* From the repository root, as CI shows the checkout. */
		printf(" file=\"");
		xml(prefix);
		xml(f->file);
		printf("\"");
		if (f->line > 0)
			printf(" line=\"%lu\"", f->line);
	}
	printf(">\n      <%s", tag);
	if (strcmp(tag, "system-out") != 0) {
		printf(" type=\"%s\" message=\"", health_level_name(f->level));
		xml(f->why);
		printf("\"");
	}
	printf(">");
	if (f->file != NULL) {
		xml(prefix);
		xml(f->file);
	}
	if (f->line > 0)
		printf(":%lu", f->line);
	if (f->file != NULL)
		printf(": ");
	printf("%s: ", health_level_name(f->level));
	xml(f->rule);
	printf(": ");
	if (f->record != NULL) {
		xml(f->record);
		printf(": ");
	}
	xml(f->why);
	printf("</%s>\n    </testcase>\n", tag);
}

/*
 * One test suite per area; in it one test case per finding, one passing
 * case per rule that ran without finding anything, and a skipped case
 * per rule that had no data.  Amber findings are passing cases with the
 * message in system-out unless --strict makes them failures; only "no
 * data" is skipped.  Files are named from the repository root.
 */
static void
print_junit(const struct health *h, int strict, const char *prefix)
{
	size_t a, i, j, tests, fail, err, skip, total[4] = { 0, 0, 0, 0 };
	int pass;

	/* Totals first: the root element carries them. */
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1) {
			printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			    "<testsuites name=\"kam check\" tests=\"%zu\" "
			    "failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
			    total[0], total[1], total[2], total[3]);
		}
		for (a = 0; a < AREA_N; a++) {
			tests = fail = err = skip = 0;
			for (i = 0; i < health_nrules; i++) {
				const struct health_rule *r = &health_rules[i];
				size_t nf = 0;

				if (r->area != a)
					continue;
				for (j = 0; j < h->n; j++) {
					if (h->v[j].rule != r->name)
						continue;
					nf++;
					tests++;
					if (h->v[j].level == FIND_ERROR)
						err++;
					else if (h->v[j].level == FIND_RED ||
					    strict)
						fail++;
				}
				if (nf == 0) {
					tests++;
					skip += !h->ran[i];
				}
			}
			if (pass == 0) {
				total[0] += tests;
				total[1] += fail;
				total[2] += err;
				total[3] += skip;
				continue;
			}
			printf("  <testsuite name=\"kam.%s\" tests=\"%zu\" "
			    "failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\">\n",
			    health_area_name((enum health_area)a), tests, fail,
			    err, skip);
			for (i = 0; i < health_nrules; i++) {
				const struct health_rule *r = &health_rules[i];
				size_t nf = 0;

				if (r->area != a)
					continue;
				for (j = 0; j < h->n; j++)
					if (h->v[j].rule == r->name) {
						junit_case(&h->v[j], r, strict,
						    prefix);
						nf++;
					}
				if (nf > 0)
					continue;
				junit_case(NULL, r, strict, prefix);
				if (h->ran[i])
					printf(" />\n");
				else
					printf(">\n      <skipped message=\"not "
					    "applied: no data\" />\n"
					    "    </testcase>\n");
			}
			printf("  </testsuite>\n");
		}
	}
	printf("</testsuites>\n");
}

KAM_VERB(check_cmd, "", NEED_PROJECT | JUNIT,
    "validate every file and the health rules", CHECK_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct health h = HEALTH_INIT;
	const char *since;
	int strict, ret = -1;

	since = o->since;
	strict = o->strict;
	if ((since != NULL ? review_health_since(&h, &k->p, since) :
	    health_run(&h, &k->p)) == -1)
		goto out;
	health_sort(&h);
	if (k->fmt == FMT_JUNIT)
		print_junit(&h, strict, k->p.prefix);
	else if (k->fmt == FMT_GITHUB)
		ciout_github(stdout, &k->p, &h);
	else if (k->fmt == FMT_SARIF)
		ciout_sarif(stdout, &k->p, &h);
	else if (k->fmt == FMT_CODEQUALITY)
		ciout_codequality(stdout, &k->p, &h);
	else if (k->fmt == FMT_TABLE)
		print_text(&h, strict, since);
	else
		print_rows(&h, k->fmt);
	if (h.nerror > 0) {
		fflush(stdout);
		kam_err(KAM_EX_DATA, "%zu problem%s in the project's files",
		    h.nerror, h.nerror == 1 ? "" : "s");
		goto out;
	}
	ret = h.nred > 0 || (strict && h.namber > 0) ? 1 : 0;
out:
	health_release(&h);
	return ret;
}

const struct verb *const check_verbs[] = {
	&check_cmd_verb, NULL
};
