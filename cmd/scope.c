/*
 * scope.c: kam scope — what the project delivers and, just as important
 * in a key account, what it does not (SPEC §3 "Goals and scope").
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/records.h"
#include "../lib/store.h"

static const char add_usage[] =
    "kam scope add item --in|--out [--note text]";
static const char list_usage[] = "kam scope list [--in|--out]";

static int
scope_add(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "in", no_argument, NULL, 'i' },
		{ "out", no_argument, NULL, 'o' },
		{ "note", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	struct table scope = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *kind = NULL, *note = NULL;
	char id[32];
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, add_usage, &err)) != -1)
		switch (ch) {
		case 'i':
		case 'o':
			if (kind != NULL && strcmp(kind, ch == 'i' ? "in" :
			    "out") != 0)
				return kam_err(KAM_EX_USAGE, "an item is either "
				    "--in or --out of scope, not both");
			kind = ch == 'i' ? "in" : "out";
			break;
		case 'n':
			note = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (kind == NULL)
		return kam_err(KAM_EX_USAGE, "say whether '%s' is --in or --out "
		    "of scope", argv[optind]);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_scope, &scope) == -1)
		goto out;
	r = table_add(&scope);
	table_set(&scope, r, SCOPE_KIND, kind);
	if (store_set_arg(&scope, r, "item", argv[optind], "item") == -1 ||
	    (note != NULL &&
	    store_set_arg(&scope, r, "note", note, "--note") == -1))
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&scope, r, SCOPE_ID));
	store_put(&tx, &scope);
	if (kam_tx_commit(k, &tx, "scope add", id, table_get(&scope, r,
	    SCOPE_ITEM)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&scope);
	return ret;
}

static int
scope_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "in", no_argument, NULL, 'i' },
		{ "out", no_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	struct table scope = TABLE_INIT;
	struct row **rows = NULL;
	const char *kind = NULL;
	size_t i, n = 0;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1) {
		if (kind != NULL && strcmp(kind, ch == 'i' ? "in" : "out") != 0)
			return kam_err(KAM_EX_USAGE, "give --in or --out, not "
			    "both (neither lists every item)");
		kind = ch == 'i' ? "in" : "out";
	}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (store_load(&k->p, NULL, &schema_scope, &scope) == -1)
		goto out;
	table_sort(&scope);
	rows = xcalloc(scope.nrows + 1, sizeof(*rows));
	for (i = 0; i < scope.nrows; i++)
		if (kind == NULL || strcmp(table_get(&scope, &scope.rows[i],
		    SCOPE_KIND), kind) == 0)
			rows[n++] = &scope.rows[i];
	records_print(k->fmt, &scope, rows, n, NULL, NULL, 0, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&scope);
	return ret;
}

const struct verb scope_verbs[] = {
	{ "add", scope_add, NEED_PROJECT | WRITES, add_usage,
	    "--in --out --note=", "record an item in or out of scope" },
	{ "list", scope_list, NEED_PROJECT, list_usage, "--in --out",
	    "list the scope" },
};
const size_t scope_nverbs = ARRAY_SIZE(scope_verbs);
