/*
 * import.c: kam import — a spreadsheet or a Jira export into the project's
 * tables as one reviewed commit (lib/import.c does the work).
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/history.h"
#include "../lib/import.h"
#include "../lib/schema.h"

/* The options, parsed by lib/parseopt.c into lib/import's struct (its
 * grammars: import_opt_map, import_opt_char). */
struct opts {
	struct import_opts imp;
	struct import_maps maps;
	int		 dry_run;
};
#define READ_OPTS(O)							\
	O(STR, OPT, "", "encoding", imp.encoding, "name", "the file's")	\
	O(CB, OPT, "", "delimiter", imp.delim, "char", import_opt_char,	\
	    "between fields")						\
	O(STR, OPT, "", "date-format", imp.date_format, "format",	\
	    "strptime format of dates")
#define DRY_OPT(O)							\
	O(FLAG, OPT, "n", "dry-run", dry_run, "show, write nothing")
#define TABLE_OPTS(O)							\
	O(CMD, "kam import")						\
	O(ARG, "table file")						\
	O(CB, OPT, "", "map", maps, "column=header", import_opt_map,	\
	    "the header of a column")					\
	O(STR, OPT, "", "key", imp.key, "header", "the records' key")	\
	O(FLAG, OPT, "", "keep-extra", imp.keep_extra,			\
	    "unmapped headers as columns")				\
	READ_OPTS(O)							\
	O(CB, OPT, "", "thousands", imp.thousands, "char",		\
	    import_opt_char, "the grouping of numbers")			\
	DRY_OPT(O)
#define JIRA_OPTS(O)							\
	O(CMD, "kam import jira")					\
	O(ARG, "file")							\
	READ_OPTS(O)							\
	DRY_OPT(O)

static const struct out_col count_cols[] = {
	{ "table", OT_TEXT }, { "added", OT_NUM }, { "changed", OT_NUM },
	{ "unchanged", OT_NUM },
};

static void
print_counts(struct kam *k, const struct import *im)
{
	struct out o = OUT_INIT;
	size_t i;

	out_begin(&o, k->fmt, count_cols, ARRAY_SIZE(count_cols));
	for (i = 0; i < im->ncount; i++)
		out_row_counts(&o, im->count[i].s->name, (const long[]){
		    im->count[i].added, im->count[i].changed,
		    im->count[i].unchanged }, 3);
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

/* kam import and kam import jira, their options parsed. */
static int
import_any(struct kam *k)
{
	const struct opts *o = k->opts;
	struct import_opts imp = o->imp;

	if (imp.preset == IMPORT_TABLE &&
	    (imp.s = schema_by_name(k->argv[0])) == NULL)
		return kam_err(KAM_EX_USAGE, "no table '%s' (e.g. "
		    "requirements, tasks, people, risks)", k->argv[0]);
	imp.file = k->argv[k->argc - 1];
	imp.maps = o->maps.v;
	imp.nmaps = o->maps.n;
	return run(k, &imp, o->dry_run);
}

KAM_VERB(import_table, "", NEED_PROJECT | WRITES,
    "import a CSV file into a table", TABLE_OPTS,
    { .imp = { .preset = IMPORT_TABLE } })
{
	return import_any(k);
}

KAM_VERB(import_jira, "jira", NEED_PROJECT | WRITES,
    "import Jira's CSV export: tasks, requirements, defects", JIRA_OPTS,
    { .imp = { .preset = IMPORT_JIRA } })
{
	return import_any(k);
}

const struct verb *const import_verbs[] = {
	&import_table_verb, &import_jira_verb, NULL
};
