/*
 * import.c: kam import — a spreadsheet or a Jira export into the project's
 * tables as one reviewed commit (lib/import.c does the work).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/history.h"
#include "../lib/import.h"
#include "../lib/schema.h"

static const char table_usage[] =
    "kam import table file [--map column=header] [--key header] "
    "[--keep-extra] [--encoding name] [--delimiter char] "
    "[--date-format format] [--thousands char] [--dry-run]";
static const char jira_usage[] =
    "kam import jira file [--encoding name] [--delimiter char] "
    "[--date-format format] [--dry-run]";

static const struct out_col count_cols[] = {
	{ "table", OT_TEXT }, { "added", OT_NUM }, { "changed", OT_NUM },
	{ "unchanged", OT_NUM },
};

/* ";" ",", "tab" or "\t": one byte. */
static int
one_char(const char *opt, const char *arg, int *out)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0)
		*out = '\t';
	else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
	    arg[0] != '\r')
		*out = (unsigned char)arg[0];
	else
		return kam_err(KAM_EX_USAGE, "%s: '%s' is not one character "
		    "(e.g. ';' or tab)", opt, arg);
	return 0;
}

static void
print_counts(struct kam *k, const struct import *im)
{
	struct out o = OUT_INIT;
	const char *cells[4];
	char a[24], c[24], u[24];
	size_t i;

	out_begin(&o, k->fmt, count_cols, ARRAY_SIZE(count_cols));
	for (i = 0; i < im->ncount; i++) {
		snprintf(a, sizeof(a), "%ld", im->count[i].added);
		snprintf(c, sizeof(c), "%ld", im->count[i].changed);
		snprintf(u, sizeof(u), "%ld", im->count[i].unchanged);
		cells[0] = im->count[i].s->name;
		cells[1] = a;
		cells[2] = c;
		cells[3] = u;
		out_row(&o, cells);
	}
	out_end(&o);
}

static int
run(struct kam *k, struct import_opts *o, int dry_run)
{
	struct import im = IMPORT_INIT;
	struct hist_set set = HIST_SET_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf body = KAM_BUF_INIT;
	char *subject = NULL, *counts = NULL, *to = NULL;
	int rc, ret = -1;

	if (kam_tx_begin(k, &tx) == -1 ||
	    import_prepare(&im, &k->p, &tx, o) == -1)
		goto out;
	if (dry_run) {
		import_diff(&im, &tx, &k->p, &set);
		to = xasprintf("import of %s", im.base);
		kam_diff_print(k->fmt, &set, "HEAD", to, k->p.prefix);
		ret = 0;
		goto out;
	}
	if (import_changed(&im)) {
		import_queue(&im, &tx);
		subject = import_subject(&im);
		counts = import_body(&im);
		kam_buf_puts(&body, counts);
		if (k->msg != NULL && *k->msg != '\0')
			kam_buf_printf(&body, "\n\n%s", k->msg);
		if ((rc = tx_commit(&tx, subject, body.ptr)) == -1)
			goto out;
	}
	print_counts(k, &im);
	ret = 0;
out:
	free(subject);
	free(counts);
	free(to);
	kam_buf_release(&body);
	hist_set_release(&set);
	import_release(&im);
	tx_release(&tx);
	return ret;
}

enum { O_MAP = 256, O_KEY, O_KEEP, O_ENC, O_DELIM, O_DATE, O_THOUSANDS,
	O_DRY };

static int
import_any(int argc, char **argv, struct kam *k, int jira)
{
	static const struct option opts[] = {
		{ "map", required_argument, NULL, O_MAP },
		{ "key", required_argument, NULL, O_KEY },
		{ "keep-extra", no_argument, NULL, O_KEEP },
		{ "encoding", required_argument, NULL, O_ENC },
		{ "delimiter", required_argument, NULL, O_DELIM },
		{ "date-format", required_argument, NULL, O_DATE },
		{ "thousands", required_argument, NULL, O_THOUSANDS },
		{ "dry-run", no_argument, NULL, O_DRY },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option jira_opts[] = {
		{ "encoding", required_argument, NULL, O_ENC },
		{ "delimiter", required_argument, NULL, O_DELIM },
		{ "date-format", required_argument, NULL, O_DATE },
		{ "dry-run", no_argument, NULL, O_DRY },
		{ NULL, 0, NULL, 0 }
	};
	const char *usage = jira ? jira_usage : table_usage;
	struct import_opts o;
	struct import_map *maps = NULL;
	char *eq;
	int ch, err = 0, dry_run = 0, ret = -1;

	memset(&o, 0, sizeof(o));
	o.preset = jira ? IMPORT_JIRA : IMPORT_TABLE;
	while ((ch = kam_getopt(argc, argv, "n", jira ? jira_opts : opts,
	    usage, &err)) != -1)
		switch (ch) {
		case O_MAP:
			if ((eq = strchr(optarg, '=')) == NULL ||
			    eq == optarg || eq[1] == '\0') {
				kam_err(KAM_EX_USAGE, "--map: '%s' is not "
				    "COLUMN=HEADER", optarg);
				goto out;
			}
			maps = xrealloc(maps, (o.nmaps + 1) * sizeof(*maps));
			*eq = '\0';
			maps[o.nmaps].col = optarg;
			maps[o.nmaps++].header = eq + 1;
			break;
		case O_KEY:
			o.key = optarg;
			break;
		case O_KEEP:
			o.keep_extra = 1;
			break;
		case O_ENC:
			o.encoding = optarg;
			break;
		case O_DELIM:
			if (one_char("--delimiter", optarg, &o.delim) == -1)
				goto out;
			break;
		case O_DATE:
			o.date_format = optarg;
			break;
		case O_THOUSANDS:
			if (one_char("--thousands", optarg, &o.thousands) == -1)
				goto out;
			break;
		case 'n':
		case O_DRY:
			dry_run = 1;
			break;
		}
	if (err)
		goto out;
	if (argc - optind != (jira ? 1 : 2)) {
		kam_usage(usage);
		goto out;
	}
	if (!jira && (o.s = schema_by_name(argv[optind])) == NULL) {
		kam_err(KAM_EX_USAGE, "no table '%s' (e.g. requirements, "
		    "tasks, people, risks)", argv[optind]);
		goto out;
	}
	o.file = argv[argc - 1];
	o.maps = maps;
	ret = run(k, &o, dry_run);
out:
	free(maps);
	return ret;
}

static int
import_table(int argc, char **argv, struct kam *k)
{
	return import_any(argc, argv, k, 0);
}

static int
import_jira(int argc, char **argv, struct kam *k)
{
	return import_any(argc, argv, k, 1);
}

const struct verb import_verbs[] = {
	{ "", import_table, NEED_PROJECT | WRITES, table_usage,
	    "--map= --key= --keep-extra --encoding= --delimiter= "
	    "--date-format= --thousands= --dry-run",
	    "import a CSV file into a table" },
	{ "jira", import_jira, NEED_PROJECT | WRITES, jira_usage,
	    "--encoding= --delimiter= --date-format= --dry-run",
	    "import Jira's CSV export: tasks, requirements, defects" },
};
const size_t import_nverbs = ARRAY_SIZE(import_verbs);
