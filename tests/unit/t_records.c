/*
 * t_records.c: records of a table in every output format (lib/records.c):
 * JSON types from the schema, the user's own columns, derived fields, the
 * brief columns of the terminal table and Markdown, one record shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kam.h"
#include "records.h"
#include "schema.h"
#include "table.h"
#include "tap.h"

/* Standard output of the last capture() (freed by the next). */
static char *got;

/* ok(), and what was printed when it fails. */
#define has(cond, name) do {						\
	if (!ok(cond, "%s", name))					\
		diag("got: %s", got);					\
} while (0)

static FILE *cap;
static int saved = -1;

static void
capture_begin(void)
{
	fflush(stdout);
	if ((cap = tmpfile()) == NULL || (saved = dup(STDOUT_FILENO)) == -1 ||
	    dup2(fileno(cap), STDOUT_FILENO) == -1)
		abort();
}

static const char *
capture_end(void)
{
	long len;

	fflush(stdout);
	if (dup2(saved, STDOUT_FILENO) == -1)
		abort();
	close(saved);
	len = ftell(cap);
	free(got);
	if (len < 0 || (got = malloc((size_t)len + 1)) == NULL)
		abort();
	rewind(cap);
	if (fread(got, 1, (size_t)len, cap) != (size_t)len)
		abort();
	got[len] = '\0';
	fclose(cap);
	return got;
}

/* A derived field: the title's length, or unset (NULL) when it is "b". */
static const char *
title_len(const struct table *t, const struct row *r, char *buf, void *arg)
{
	const char *title = r->cell[TASK_TITLE];

	(void)t;
	++*(int *)arg;
	if (strcmp(title, "b") == 0)
		return NULL;
	snprintf(buf, 64, "%zu", strlen(title));
	return buf;
}

static const struct derived derived[] = {
	{ "title_len", OT_NUM, title_len },
};

/* tasks.csv with a user column "note" after kam's own. */
static const char tasks_csv[] =
    "id,title,duration,depends,assignee,start,finish,progress,cost,reqs,"
    "deadline,baseline_start,baseline_finish,note\n"
    "T-1,alpha,3,,,2026-01-05,,50,1200.50,REQ-1 REQ-2,,,,mine\n"
    "T-2,b,0,T-1,,,,,,,,,,\n";

static int
load(struct table *t)
{
	return table_parse(t, &schema_tasks, "tasks.csv", 2, tasks_csv,
	    strlen(tasks_csv));
}

int
main(void)
{
	struct table t = TABLE_INIT;
	struct row *rows[2];
	static const char *const brief[] = { "title_len", "title", "nosuch",
	    "progress", NULL };
	const char *s;
	int calls = 0;
	size_t i;

	if (load(&t) != 0 || t.nrows != 2) {
		diag("tasks.csv does not parse");
		return 1;
	}
	for (i = 0; i < 2; i++)
		rows[i] = &t.rows[i];

	/* JSON types come from the schema; the user's column is text. */
	is_int(records_col_type(&t, TASK_DURATION), OT_NUM, "int is a number");
	is_int(records_col_type(&t, TASK_COST), OT_MONEY, "money is money");
	is_int(records_col_type(&t, TASK_REQS), OT_LIST, "reflist is a list");
	is_int(records_col_type(&t, TASK_TITLE), OT_TEXT, "text is text");
	is_int(records_col_type(&t, TASK_START), OT_TEXT, "a date is text");
	is_int(records_col_type(&t, TASK_NCOLS), OT_TEXT,
	    "a user column is text");

	/* JSON: every column in file order, then the derived ones. */
	capture_begin();
	records_print(FMT_JSON, &t, rows, 2, brief, derived, 1, &calls);
	s = capture_end();
	has(strstr(s, "\"id\":\"T-1\"") != NULL && strstr(s,
	    "\"duration\":3") != NULL, "JSON: int unquoted");
	has(strstr(s, "\"reqs\":[\"REQ-1\",\"REQ-2\"]") != NULL,
	    "JSON: an id list is an array");
	has(strstr(s, "\"note\":\"mine\"") != NULL,
	    "JSON: the user's own column is kept, brief ignored");
	has(strstr(s, "\"title_len\":5") != NULL && strstr(s,
	    "\"title_len\":null") != NULL,
	    "JSON: derived field, null when unset");
	has(strstr(s, "\"baseline_finish\":null") != NULL,
	    "JSON: an empty date is null");
	ok(strstr(s, "\"note\"") < strstr(s, "\"title_len\""),
	    "JSON: derived fields after the file's columns");
	is_int(calls, 2, "derived computed once a row");

	/* CSV: the same columns, one header. */
	capture_begin();
	records_print(FMT_CSV, &t, rows, 2, brief, derived, 1, &calls);
	s = capture_end();
	is_str(s,
	    "\"id\",\"title\",\"duration\",\"depends\",\"assignee\","
	    "\"start\",\"finish\",\"progress\",\"cost\",\"reqs\","
	    "\"deadline\",\"baseline_start\",\"baseline_finish\",\"note\","
	    "\"title_len\"\n"
	    "\"T-1\",\"alpha\",\"3\",\"\",\"\",\"2026-01-05\",\"\",\"50\","
	    "\"1200.50\",\"REQ-1 REQ-2\",\"\",\"\",\"\",\"mine\",\"5\"\n"
	    "\"T-2\",\"b\",\"0\",\"T-1\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
	    "\"\",\"\",\"\",\"\"\n", "CSV: every column, derived last");

	/* Markdown: the brief columns in brief order, unknown names skipped,
	 * derived ones by name. */
	capture_begin();
	records_print(FMT_MD, &t, rows, 2, brief, derived, 1, &calls);
	s = capture_end();
	has(strncmp(s, "| title_len | title | progress |", 31) == 0,
	    "Markdown: brief columns in their order");
	ok(strstr(s, "note") == NULL && strstr(s, "nosuch") == NULL,
	    "Markdown: nothing outside brief");

	/* No brief: every column. */
	capture_begin();
	records_print(FMT_MD, &t, rows, 1, NULL, NULL, 0, NULL);
	s = capture_end();
	has(strncmp(s, "| id  | title | duration |", 26) == 0 &&
	    strstr(s, "| note |") != NULL, "Markdown without brief: every column");

	/* One record shown. */
	capture_begin();
	record_show(FMT_JSON, &t, rows[1], derived, 1, &calls);
	s = capture_end();
	has(s[0] == '{' && strstr(s, "\"depends\":[\"T-1\"]") != NULL &&
	    strstr(s, "\"title_len\":null") != NULL && strstr(s, "T-2") !=
	    NULL && strstr(s, "alpha") == NULL,
	    "show: one JSON object, derived included");

	table_release(&t);
	free(got);
	return done_testing();
}
