/*
 * ciout.c: kam check's findings for CI platforms (ciout.h).
 */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "ciout.h"
#include "kam.h"
#include "out.h"

/* The repository-relative path of a finding; NULL when it names no file
 * and `fallback` is 0.  Caller frees. */
static char *
path_of(const struct project *p, const struct finding *f, int fallback)
{
	if (f->file == NULL && !fallback)
		return NULL;
	return project_relpath(p, f->file != NULL ? f->file : "kam.conf");
}

/* ---- fingerprints ---- */

char
(*ciout_fingerprints(const struct project *p, const struct health *h))[41]
{
	char (*fp)[41] = xcalloc(h->n ? h->n : 1, sizeof(*fp));
	struct kam_buf *key = xcalloc(h->n ? h->n : 1, sizeof(*key));
	size_t i, j, dup;
	git_oid oid;
	char *path;

	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];

		path = path_of(p, f, 1);
		kam_buf_printf(&key[i], "kam\n%s\n%s\n", f->rule, path);
		if (f->record != NULL)
			kam_buf_printf(&key[i], "record %s\n", f->record);
		else
			kam_buf_printf(&key[i], "line %lu\n", f->line);
		if (f->level == FIND_ERROR)
			kam_buf_printf(&key[i], "%s\n", f->why);
		free(path);
		for (j = dup = 0; j < i; j++)
			dup += key[j].len == key[i].len &&
			    memcmp(key[j].ptr, key[i].ptr, key[i].len) == 0;
		/* The first keeps the plain key; later ones are numbered
		 * (compared with the keys before numbering). */
		if (dup > 0) {
			struct kam_buf d = KAM_BUF_INIT;

			kam_buf_printf(&d, "%s#%zu\n", key[i].ptr, dup);
			git_odb_hash(&oid, d.ptr, d.len, GIT_OBJECT_BLOB);
			kam_buf_release(&d);
		} else
			git_odb_hash(&oid, key[i].ptr, key[i].len,
			    GIT_OBJECT_BLOB);
		git_oid_tostr(fp[i], sizeof(fp[i]), &oid);
	}
	for (i = 0; i < h->n; i++)
		kam_buf_release(&key[i]);
	free(key);
	return fp;
}

/* ---- GitHub Actions ---- */

/* Workflow command data: % CR LF escaped; in a property value also : and
 * ',' (they end the property). */
static void
gh_escape(FILE *fp, const char *s, int property)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '%': fputs("%25", fp); break;
		case '\r': fputs("%0D", fp); break;
		case '\n': fputs("%0A", fp); break;
		case ':':
			fputs(property ? "%3A" : ":", fp);
			break;
		case ',':
			fputs(property ? "%2C" : ",", fp);
			break;
		default:
			putc_unlocked(*s, fp);
		}
}

void
ciout_github(FILE *fp, const struct project *p, const struct health *h)
{
	size_t i;
	char *path;

	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];
		const char *sep = " ";

		fputs(f->level == FIND_AMBER ? "::warning" : "::error", fp);
		if ((path = path_of(p, f, 0)) != NULL) {
			fputs(" file=", fp);
			gh_escape(fp, path, 1);
			if (f->line > 0)
				fprintf(fp, ",line=%lu", f->line);
			sep = ",";
			free(path);
		}
		fprintf(fp, "%stitle=", sep);
		gh_escape(fp, f->rule, 1);
		fputs("::", fp);
		if (f->record != NULL) {
			gh_escape(fp, f->record, 0);
			fputs(": ", fp);
		}
		gh_escape(fp, f->why, 0);
		fprintf(fp, " (%s)\n", health_level_name(f->level));
	}
}

/* ---- SARIF 2.1.0 ---- */

/* A relative URI reference: unreserved characters and '/' as they are,
 * every other byte percent-encoded (RFC 3986). */
static void
uri(FILE *fp, const char *s)
{
	struct kam_buf b = KAM_BUF_INIT;
	const unsigned char *c;

	for (c = (const unsigned char *)s; *c != '\0'; c++)
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("-._~/", *c) != NULL)
			kam_buf_putc(&b, *c);
		else
			kam_buf_printf(&b, "%%%02X", *c);
	out_json_str(fp, b.ptr != NULL ? b.ptr : "");
	kam_buf_release(&b);
}

static const char *
sarif_level(enum finding_level l)
{
	return l == FIND_AMBER ? "warning" : "error";
}

static void
sarif_rules(FILE *fp)
{
	struct kam_buf b = KAM_BUF_INIT;
	size_t i;

	fputs("          \"rules\": [", fp);
	for (i = 0; i < health_nrules; i++) {
		const struct health_rule *r = &health_rules[i];

		fputs(i > 0 ? ",\n" : "\n", fp);
		fputs("            {\n              \"id\": ", fp);
		out_json_str(fp, r->name);
		fputs(",\n              \"name\": ", fp);
		out_json_str(fp, r->name);
		fputs(",\n              \"shortDescription\": { \"text\": ", fp);
		out_json_str(fp, r->what);
		fputs(" },\n              \"fullDescription\": { \"text\": ", fp);
		out_json_str(fp, r->what);
		kam_buf_reset(&b);
		kam_buf_printf(&b, "%s: %s. Level %s, area %s. kam check applies "
		    "it to the project's files; see kam-check(1) for its "
		    "thresholds in kam.conf.", r->name, r->what,
		    health_level_name(r->level), health_area_name(r->area));
		fputs(" },\n              \"help\": { \"text\": ", fp);
		out_json_str(fp, b.ptr);
		fputs(" },\n              \"defaultConfiguration\": "
		    "{ \"level\": ", fp);
		out_json_str(fp, sarif_level(r->level));
		fputs(" },\n              \"properties\": { \"tags\": [", fp);
		out_json_str(fp, health_area_name(r->area));
		fputs(", ", fp);
		out_json_str(fp, health_level_name(r->level));
		fputs("] }\n            }", fp);
	}
	fputs("\n          ]\n", fp);
	kam_buf_release(&b);
}

static size_t
rule_index(const char *rule)
{
	size_t i;

	for (i = 0; i < health_nrules; i++)
		if (strcmp(health_rules[i].name, rule) == 0)
			return i;
	return 0;
}

void
ciout_sarif(FILE *fp, const struct project *p, const struct health *h)
{
	char (*fps)[41] = ciout_fingerprints(p, h);
	struct kam_buf msg = KAM_BUF_INIT;
	size_t i;
	char *path;

	fputs("{\n  \"$schema\": \"https://json.schemastore.org/"
	    "sarif-2.1.0.json\",\n  \"version\": \"2.1.0\",\n"
	    "  \"runs\": [\n    {\n      \"tool\": {\n        \"driver\": {\n"
	    "          \"name\": \"kam\",\n          \"version\": \""
	    KAM_VERSION "\",\n", fp);
	sarif_rules(fp);
	fputs("        }\n      },\n      \"results\": [", fp);
	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];

		kam_buf_reset(&msg);
		if (f->record != NULL)
			kam_buf_printf(&msg, "%s: ", f->record);
		kam_buf_puts(&msg, f->why);
		path = path_of(p, f, 1);
		fputs(i > 0 ? ",\n" : "\n", fp);
		fputs("        {\n          \"ruleId\": ", fp);
		out_json_str(fp, f->rule);
		fprintf(fp, ",\n          \"ruleIndex\": %zu,\n"
		    "          \"level\": \"%s\",\n"
		    "          \"message\": { \"text\": ", rule_index(f->rule),
		    sarif_level(f->level));
		out_json_str(fp, msg.ptr);
		fputs(" },\n          \"locations\": [ { \"physicalLocation\": "
		    "{ \"artifactLocation\": { \"uri\": ", fp);
		uri(fp, path);
		fputs(" }", fp);
		if (f->line > 0)
			fprintf(fp, ", \"region\": { \"startLine\": %lu }",
			    f->line);
		fputs(" } } ],\n          \"partialFingerprints\": "
		    "{ \"kamFinding/v1\": ", fp);
		out_json_str(fp, fps[i]);
		fputs(" },\n          \"properties\": { \"kamLevel\": ", fp);
		out_json_str(fp, health_level_name(f->level));
		if (f->record != NULL) {
			fputs(", \"record\": ", fp);
			out_json_str(fp, f->record);
		}
		fputs(" }\n        }", fp);
		free(path);
	}
	fputs(h->n > 0 ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n", fp);
	kam_buf_release(&msg);
	free(fps);
}

/* ---- GitLab Code Quality ---- */

void
ciout_codequality(FILE *fp, const struct project *p, const struct health *h)
{
	char (*fps)[41] = ciout_fingerprints(p, h);
	struct kam_buf msg = KAM_BUF_INIT;
	size_t i;
	char *path;

	fputs("[", fp);
	for (i = 0; i < h->n; i++) {
		const struct finding *f = &h->v[i];

		kam_buf_reset(&msg);
		if (f->record != NULL)
			kam_buf_printf(&msg, "%s: ", f->record);
		kam_buf_puts(&msg, f->why);
		path = path_of(p, f, 1);
		fputs(i > 0 ? ",\n  {\n" : "\n  {\n", fp);
		fputs("    \"description\": ", fp);
		out_json_str(fp, msg.ptr);
		fputs(",\n    \"check_name\": ", fp);
		out_json_str(fp, f->rule);
		fprintf(fp, ",\n    \"fingerprint\": \"%s\",\n    \"severity\": "
		    "\"%s\",\n    \"location\": {\n      \"path\": ", fps[i],
		    f->level == FIND_ERROR ? "blocker" : f->level == FIND_RED ?
		    "critical" : "minor");
		out_json_str(fp, path);
		fprintf(fp, ",\n      \"lines\": { \"begin\": %lu }\n    }\n  }",
		    f->line > 0 ? f->line : 1);
		free(path);
	}
	fputs(h->n > 0 ? "\n]\n" : "]\n", fp);
	kam_buf_release(&msg);
	free(fps);
}
