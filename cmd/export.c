/*
 * export.c: kam export — the project for other tools (lib/export.c).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/export.h"
#include "../lib/schema.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	int32_t		 from, to;
	const char	*output;
};
#define ICS_OPTS(O)							\
	O(CMD, "kam export ics")					\
	POPT_PERIOD(O)							\
	O(STR, SOPT, "o", "output", output, "file", "write to file")
#define XLSX_OPTS(O)							\
	O(CMD, "kam export xlsx")					\
	O(ARG, "[table ...]")						\
	O(STR, SNEED, "o", "output", output, "file", "the workbook")
#define TJP_OPTS(O)							\
	O(CMD, "kam export tjp")					\
	O(STR, SOPT, "o", "output", output, "file", "write to file")

KAM_VERB(export_ics_cmd, "ics", NEED_PROJECT,
    "calendar of milestones, deadlines, communications, actions", ICS_OPTS,
    { 0 })
{
	const struct opts *o = k->opts;
	struct kam_buf b = KAM_BUF_INIT;
	int ret = -1;

	if (o->from != 0 && o->to != 0 && o->to < o->from)
		return kam_err(KAM_EX_USAGE, "--to is before --from");
	if (export_ics(&k->p, o->from, o->to, &b) == 0 &&
	    export_write(o->output, &b) == 0)
		ret = 0;
	kam_buf_release(&b);
	return ret;
}

KAM_VERB(export_xlsx_cmd, "xlsx", NEED_PROJECT,
    "an Excel workbook with a sheet per table", XLSX_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	const struct schema **tables = NULL;
	const char *path;
	size_t n = 0;
	int i, ret = -1;

	path = o->output;
	if (path == NULL || strcmp(path, "-") == 0) {
		kam_err(KAM_EX_USAGE, "kam export xlsx needs -o file (a "
		    "workbook is not for a terminal)");
		return popt_usage(export_xlsx_cmd_popt);
	}
	tables = xcalloc(kam_nschemas + (size_t)k->argc, sizeof(*tables));
	for (i = 0; i < k->argc; i++) {
		size_t j;

		if ((tables[n] = schema_by_name(k->argv[i])) == NULL) {
			kam_err(KAM_EX_USAGE, "no table '%s' (e.g. requirements, "
			    "tasks, people, risks)", k->argv[i]);
			goto out;
		}
		for (j = 0; j < n; j++)
			if (tables[j] == tables[n])
				break;
		if (j == n)
			n++;
	}
	if (n == 0)
		for (; n < kam_nschemas; n++)
			tables[n] = kam_schemas[n];
	ret = export_xlsx(&k->p, tables, n, path);
out:
	free(tables);
	return ret;
}

KAM_VERB(export_tjp_cmd, "tjp", NEED_PROJECT,
    "a TaskJuggler project of the schedule", TJP_OPTS, { 0 })
{
	const struct opts *o = k->opts;
	struct kam_buf b = KAM_BUF_INIT;
	int ret = -1;

	if (export_tjp(&k->p, &b) == 0 && export_write(o->output, &b) == 0)
		ret = 0;
	kam_buf_release(&b);
	return ret;
}

const struct verb *const export_verbs[] = {
	&export_ics_cmd_verb, &export_xlsx_cmd_verb, &export_tjp_cmd_verb,
	NULL
};
