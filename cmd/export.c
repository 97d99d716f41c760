/*
 * export.c: kam export — the project for other tools (lib/export.c).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/export.h"
#include "../lib/schema.h"
#include "../lib/value.h"

static const char ics_usage[] =
    "kam export ics [--from date] [--to date] [-o file]";
static const char xlsx_usage[] = "kam export xlsx [table ...] -o file";
static const char tjp_usage[] = "kam export tjp [-o file]";

static int
opt_date(const char *opt, const char *arg, int32_t *out)
{
	const char *why;

	if (date_parse(arg, out, &why) == -1)
		return kam_err(KAM_EX_USAGE, "%s: invalid date '%s': %s", opt,
		    arg, why);
	return 0;
}

static int
export_ics_verb(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct kam_buf b = KAM_BUF_INIT;
	const char *path = NULL;
	int32_t from = 0, to = 0;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "o:", opts, ics_usage, &err)) !=
	    -1)
		switch (ch) {
		case 'f':
			if (opt_date("--from", optarg, &from) == -1)
				return -1;
			break;
		case 't':
			if (opt_date("--to", optarg, &to) == -1)
				return -1;
			break;
		case 'o':
			path = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 0)
		return kam_usage(ics_usage);
	if (from != 0 && to != 0 && to < from)
		return kam_err(KAM_EX_USAGE, "--to is before --from");
	if (export_ics(&k->p, from, to, &b) == 0 && export_write(path, &b) == 0)
		ret = 0;
	kam_buf_release(&b);
	return ret;
}

static int
export_xlsx_verb(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	const struct schema **tables = NULL;
	const char *path = NULL;
	size_t n = 0;
	int ch, err = 0, i, ret = -1;

	while ((ch = kam_getopt(argc, argv, "o:", opts, xlsx_usage, &err)) !=
	    -1)
		if (ch == 'o')
			path = optarg;
	if (err)
		return -1;
	if (path == NULL || strcmp(path, "-") == 0) {
		kam_err(KAM_EX_USAGE, "kam export xlsx needs -o file (a "
		    "workbook is not for a terminal)");
		return kam_usage(xlsx_usage);
	}
	tables = xcalloc(kam_nschemas + (size_t)argc, sizeof(*tables));
	for (i = optind; i < argc; i++) {
		size_t j;

		if ((tables[n] = schema_by_name(argv[i])) == NULL) {
			kam_err(KAM_EX_USAGE, "no table '%s' (e.g. requirements, "
			    "tasks, people, risks)", argv[i]);
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

static int
export_tjp_verb(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct kam_buf b = KAM_BUF_INIT;
	const char *path = NULL;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "o:", opts, tjp_usage, &err)) !=
	    -1)
		if (ch == 'o')
			path = optarg;
	if (err)
		return -1;
	if (argc - optind != 0)
		return kam_usage(tjp_usage);
	if (export_tjp(&k->p, &b) == 0 && export_write(path, &b) == 0)
		ret = 0;
	kam_buf_release(&b);
	return ret;
}

const struct verb export_verbs[] = {
	{ "ics", export_ics_verb, NEED_PROJECT, ics_usage,
	    "--from= --to= --output=",
	    "calendar of milestones, deadlines, communications, actions" },
	{ "xlsx", export_xlsx_verb, NEED_PROJECT, xlsx_usage, "--output=",
	    "an Excel workbook with a sheet per table" },
	{ "tjp", export_tjp_verb, NEED_PROJECT, tjp_usage, "--output=",
	    "a TaskJuggler project of the schedule" },
};
const size_t export_nverbs = ARRAY_SIZE(export_verbs);
