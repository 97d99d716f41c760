/*
 * review.c: kam review — what a branch does to the project, for a pull
 * request comment or a CI job summary (issue 14 #2): records changed per
 * table, findings introduced and resolved, the finish and the budget
 * before and after, requirements whose status changed.
 *
 *   kam review              upstream's merge base -> work tree
 *   kam review BASE         merge base of BASE and HEAD -> work tree
 *   kam review BASE HEAD    merge base of BASE and HEAD -> HEAD
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/review.h"
#include "../lib/value.h"

/* No options of its own (lib/parseopt.c); --format is global. */
#define REVIEW_OPTS(O)							\
	O(CMD, "kam review")						\
	O(TEXT, "[--format md|json]")					\
	O(ARG, "[base [head]]")

/* ---- Markdown ---- */

/* Text in a Markdown paragraph: one line, markup characters escaped. */
static void
md_text(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r' || *s == '\t') {
			putchar(' ');
			continue;
		}
		if (strchr("\\`*_[]<>|#~!", *s) != NULL)
			putchar('\\');
		putchar(*s);
	}
}

static void
md_side(const struct review_side *s)
{
	if (s->rev == NULL && s->id[0] == '\0') {
		printf("the work tree");
		return;
	}
	if (s->rev != NULL)
		md_text(s->rev);
	printf(" (%.7s)", s->id);
}

static const struct out_col table_cols[] = {
	{ "table", OT_TEXT }, { "added", OT_NUM }, { "removed", OT_NUM },
	{ "changed", OT_NUM },
};

static const struct out_col finding_cols[] = {
	{ "level", OT_TEXT }, { "rule", OT_TEXT }, { "record", OT_TEXT },
	{ "file", OT_TEXT }, { "line", OT_NUM }, { "message", OT_TEXT },
};

static const struct out_col budget_cols[] = {
	{ "category", OT_TEXT }, { "planned before", OT_MONEY },
	{ "planned after", OT_MONEY }, { "actual before", OT_MONEY },
	{ "actual after", OT_MONEY },
};

static const struct out_col req_cols[] = {
	{ "id", OT_TEXT }, { "title", OT_TEXT }, { "before", OT_TEXT },
	{ "after", OT_TEXT },
};

static void
md_findings(const struct project *p, const char *title,
    const struct finding *const *v, size_t n)
{
	struct out o = OUT_INIT;
	const char *c[ARRAY_SIZE(finding_cols)];
	char line[24], *rel;
	size_t i;

	printf("\n#### %s (%zu)\n\n", title, n);
	if (n == 0) {
		printf("None.\n");
		return;
	}
	out_begin(&o, FMT_MD, finding_cols, ARRAY_SIZE(finding_cols));
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "%lu", v[i]->line);
		c[0] = health_level_name(v[i]->level);
		c[1] = v[i]->rule;
		c[2] = v[i]->record;
		rel = v[i]->file != NULL ? project_relpath(p, v[i]->file) :
		    NULL;
		c[3] = rel;
		c[4] = v[i]->line > 0 ? line : NULL;
		c[5] = v[i]->why;
		out_row(&o, c);
		free(rel);
	}
	out_end(&o);
}

static const char *
money_cell(int present, int64_t v, int digits, char *buf)
{
	return present ? money_fmt(v, digits, buf) : NULL;
}

static void
print_md(const struct review *rv, const struct project *p)
{
	struct out o = OUT_INIT;
	const char *c[5];
	char d1[11], d2[11], m[4][32];
	size_t i;

	printf("### kam review: ");
	md_side(&rv->base);
	printf(" -> ");
	md_side(&rv->head);
	printf("\n\n**Health:** %zu finding%s introduced, %zu resolved; "
	    "red %zu -> %zu, amber %zu -> %zu, invalid %zu -> %zu.\n",
	    rv->nintro, rv->nintro == 1 ? "" : "s", rv->nresolved,
	    rv->base.health.nred, rv->head.health.nred,
	    rv->base.health.namber, rv->head.health.namber,
	    rv->base.health.nerror, rv->head.health.nerror);
	if (!rv->base.exists)
		printf("\nThe project does not exist at the base.\n");

	printf("\n#### Records\n\n");
	if (rv->ntables == 0)
		printf("No record changed.\n");
	else {
		out_begin(&o, FMT_MD, table_cols, ARRAY_SIZE(table_cols));
		for (i = 0; i < rv->ntables; i++)
			out_row_counts(&o, rv->tables[i].s->name, (const long[]){
			    rv->tables[i].added, rv->tables[i].removed,
			    rv->tables[i].changed }, 3);
		out_end(&o);
	}
	md_findings(p, "Findings introduced", rv->intro, rv->nintro);
	md_findings(p, "Findings resolved", rv->resolved, rv->nresolved);

	printf("\n#### Finish\n\n");
	if (rv->base.sums.finish == 0 && rv->head.sums.finish == 0)
		printf("No plan on either side.\n");
	else if (rv->base.sums.finish == 0 || rv->head.sums.finish == 0)
		printf("%s -> %s\n", rv->base.sums.finish != 0 ?
		    date_fmt(rv->base.sums.finish, d1) : "no plan",
		    rv->head.sums.finish != 0 ? date_fmt(rv->head.sums.finish,
		    d2) : "no plan");
	else if (rv->moved == 0)
		printf("%s, unchanged.\n", date_fmt(rv->head.sums.finish, d1));
	else
		printf("%s -> %s: %+ld working day%s (%s).\n",
		    date_fmt(rv->base.sums.finish, d1),
		    date_fmt(rv->head.sums.finish, d2), rv->moved,
		    rv->moved == 1 || rv->moved == -1 ? "" : "s",
		    rv->moved > 0 ? "later" : "earlier");

	printf("\n#### Budget\n\n");
	if (rv->nbudget == 0)
		printf("No budget on either side.\n");
	else {
		out_begin(&o, FMT_MD, budget_cols, ARRAY_SIZE(budget_cols));
		for (i = 0; i < rv->nbudget; i++) {
			const struct review_budget *l = &rv->budget[i];

			c[0] = l->category != NULL ? l->category : "total";
			c[1] = money_cell(l->in_base, l->planned[0], p->digits,
			    m[0]);
			c[2] = money_cell(l->in_head, l->planned[1], p->digits,
			    m[1]);
			c[3] = money_cell(l->in_base, l->actual[0], p->digits,
			    m[2]);
			c[4] = money_cell(l->in_head, l->actual[1], p->digits,
			    m[3]);
			out_row(&o, c);
		}
		out_end(&o);
	}

	printf("\n#### Requirements whose status changed (%zu)\n\n", rv->nreqs);
	if (rv->nreqs == 0)
		printf("None.\n");
	else {
		out_begin(&o, FMT_MD, req_cols, ARRAY_SIZE(req_cols));
		for (i = 0; i < rv->nreqs; i++) {
			c[0] = rv->reqs[i].id;
			c[1] = rv->reqs[i].title;
			c[2] = rv->reqs[i].before;
			c[3] = rv->reqs[i].after;
			out_row(&o, c);
		}
		out_end(&o);
	}
}

/* ---- JSON ---- */

static void
json_str(const char *s)
{
	if (s == NULL)
		fputs("null", stdout);
	else
		out_json_str(stdout, s);
}

static void
json_side(const char *name, const struct review_side *s)
{
	printf("  \"%s\": { \"rev\": ", name);
	json_str(s->rev);
	printf(", \"commit\": ");
	json_str(s->id[0] != '\0' ? s->id : NULL);
	printf(", \"exists\": %s, \"invalid\": %zu, \"red\": %zu, "
	    "\"amber\": %zu },\n", s->exists ? "true" : "false",
	    s->health.nerror, s->health.nred, s->health.namber);
}

static void
json_findings(const struct project *p, const char *name,
    const struct finding *const *v, size_t n)
{
	char *rel;
	size_t i;

	printf("  \"%s\": [", name);
	for (i = 0; i < n; i++) {
		printf("%s\n    { \"level\": \"%s\", \"rule\": ", i > 0 ?
		    "," : "", health_level_name(v[i]->level));
		json_str(v[i]->rule);
		printf(", \"area\": \"%s\", \"record\": ",
		    health_area_name(v[i]->area));
		json_str(v[i]->record);
		rel = v[i]->file != NULL ? project_relpath(p, v[i]->file) :
		    NULL;
		printf(", \"file\": ");
		json_str(rel);
		free(rel);
		if (v[i]->line > 0)
			printf(", \"line\": %lu", v[i]->line);
		else
			printf(", \"line\": null");
		printf(", \"message\": ");
		json_str(v[i]->why);
		printf(" }");
	}
	printf("%s],\n", n > 0 ? "\n  " : "");
}

static void
json_money(const char *lead, const char *name, int present, int64_t v,
    int digits)
{
	char m[32];

	printf("%s\"%s\": %s", lead, name, present ? money_fmt(v, digits, m) :
	    "null");
}

/* The four amounts of budget line l, the first after lead. */
static void
json_budget(const char *lead, const struct review_budget *l, int digits)
{
	json_money(lead, "planned_before", l->in_base, l->planned[0], digits);
	json_money(", ", "planned_after", l->in_head, l->planned[1], digits);
	json_money(", ", "actual_before", l->in_base, l->actual[0], digits);
	json_money(", ", "actual_after", l->in_head, l->actual[1], digits);
}

static void
print_json(const struct review *rv, const struct project *p)
{
	const struct review_budget *total = NULL;
	char d[11];
	size_t i, n;

	printf("{\n");
	json_side("base", &rv->base);
	json_side("head", &rv->head);
	printf("  \"tables\": [");
	for (i = 0; i < rv->ntables; i++)
		printf("%s\n    { \"table\": \"%s\", \"added\": %ld, "
		    "\"removed\": %ld, \"changed\": %ld }", i > 0 ? "," : "",
		    rv->tables[i].s->name, rv->tables[i].added,
		    rv->tables[i].removed, rv->tables[i].changed);
	printf("%s],\n", rv->ntables > 0 ? "\n  " : "");
	json_findings(p, "introduced", rv->intro, rv->nintro);
	json_findings(p, "resolved", rv->resolved, rv->nresolved);
	printf("  \"finish\": { \"before\": ");
	json_str(rv->base.sums.finish != 0 ? date_fmt(rv->base.sums.finish,
	    d) : NULL);
	printf(", \"after\": ");
	json_str(rv->head.sums.finish != 0 ? date_fmt(rv->head.sums.finish,
	    d) : NULL);
	if (rv->base.sums.finish != 0 && rv->head.sums.finish != 0)
		printf(", \"working_days\": %ld },\n", rv->moved);
	else
		printf(", \"working_days\": null },\n");
	/* {"records":[categories],"total":{...}} (issue 18) */
	printf("  \"budget\": { \"records\": [");
	for (i = 0, n = 0; i < rv->nbudget; i++) {
		const struct review_budget *l = &rv->budget[i];

		if (l->category == NULL) {
			total = l;
			continue;
		}
		printf("%s\n    { \"category\": ", n++ > 0 ? "," : "");
		json_str(l->category);
		json_budget(", ", l, p->digits);
		printf(" }");
	}
	printf("%s], \"total\": ", n > 0 ? "\n  " : "");
	if (total == NULL)
		printf("null },\n");
	else {
		json_budget("{ ", total, p->digits);
		printf(" } },\n");
	}
	printf("  \"requirements\": [");
	for (i = 0; i < rv->nreqs; i++) {
		printf("%s\n    { \"id\": ", i > 0 ? "," : "");
		json_str(rv->reqs[i].id);
		printf(", \"title\": ");
		json_str(rv->reqs[i].title);
		printf(", \"before\": ");
		json_str(*rv->reqs[i].before != '\0' ? rv->reqs[i].before :
		    NULL);
		printf(", \"after\": ");
		json_str(*rv->reqs[i].after != '\0' ? rv->reqs[i].after :
		    NULL);
		printf(" }");
	}
	printf("%s]\n}\n", rv->nreqs > 0 ? "\n  " : "");
}

KAM_VERB0(review_cmd, "", NEED_PROJECT,
    "what a branch does to the project (for pull requests)", REVIEW_OPTS)
{
	struct review rv = REVIEW_INIT;
	int ret = -1;

	if (k->fmt != FMT_TABLE && k->fmt != FMT_MD && k->fmt != FMT_JSON)
		return kam_err(KAM_EX_USAGE, "kam review writes md or json");
	/* The operands are NULL-terminated: argv[1] is NULL without it. */
	if (review_run(&rv, &k->p, k->argv[0], k->argc > 0 ? k->argv[1] :
	    NULL) == -1)
		goto out;
	if (k->fmt == FMT_JSON)
		print_json(&rv, &k->p);
	else
		print_md(&rv, &k->p);
	ret = 0;
out:
	review_release(&rv);
	return ret;
}

const struct verb *const review_verbs[] = {
	&review_cmd_verb, NULL
};
