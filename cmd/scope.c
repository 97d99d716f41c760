/*
 * scope.c: kam scope — what the project delivers and, just as important
 * in a key account, what it does not (SPEC §3 "Goals and scope").  The
 * verbs are the generic ones of lib/record.c (SCOPE_FIELDS, SCOPE_WHERE
 * in lib/schema.h).
 */
#include "cmd.h"
#include "../lib/rectype.h"

static const char add_usage[] =
    "kam scope add item --in|--out [--note text]";
static const char list_usage[] = "kam scope list [--in|--out]";

static const struct rec_opt add_opts[] = { SCOPE_FIELDS(REC_OPT_ADD) };
static const struct rec_where list_where[] = { SCOPE_WHERE(REC_WHERE) };

static const struct rec_verb add = { .usage = add_usage, .rt = &scope_type,
	.kind = REC_ADD, .opts = add_opts, .nopts = ARRAY_SIZE(add_opts),
	.need = "say whether '%s' is --in or --out of scope",
	.both = "an item is either --in or --out of scope, not both" };
static const struct rec_verb list = { .usage = list_usage,
	.rt = &scope_type, .kind = REC_LIST, .where = list_where,
	.nwhere = ARRAY_SIZE(list_where),
	.both = "give --in or --out, not both (neither lists every item)" };
REC_FIELDS_VERB(scope_set, SET, SET, "kam scope set S-n", SCOPE_FIELDS,
    .rt = &scope_type,
    .both = "an item is either --in or --out of scope, not both")
REC_FN(scope_add, add)
REC_FN(scope_list, list)

const struct verb scope_verbs[] = {
	{ "add", scope_add, NEED_PROJECT | WRITES, add_usage,
	    SCOPE_FIELDS(REC_COMPLETE_ADD), "record an item in or out of scope" },
	{ "list", scope_list, NEED_PROJECT, list_usage,
	    SCOPE_WHERE(REC_COMPLETE_LIST), "list the scope" },
	VERB("set", scope_set, NEED_PROJECT | WRITES, "edit a scope item"),
};
const size_t scope_nverbs = ARRAY_SIZE(scope_verbs);
