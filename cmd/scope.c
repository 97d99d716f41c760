/*
 * scope.c: kam scope — what the project delivers and, just as important
 * in a key account, what it does not (SPEC §3 "Goals and scope").  The
 * verbs are the generic ones of lib/record.c (SCOPE_FIELDS, SCOPE_WHERE
 * in lib/schema.h).
 */
#include "cmd.h"
#include "../lib/rectype.h"

#define BOTH	"an item is either --in or --out of scope, not both"
REC_FIELDS_VERB(scope_add, ADD, ADD, "kam scope add item", SCOPE_FIELDS,
    .rt = &scope_type, .need = "say whether '%s' is --in or --out of scope",
    .both = BOTH)
REC_LIST_VERB(scope_list, "kam scope list", SCOPE_WHERE, .rt = &scope_type,
    .both = "give --in or --out, not both (neither lists every item)")
REC_FIELDS_VERB(scope_set, SET, SET, "kam scope set S-n", SCOPE_FIELDS,
    .rt = &scope_type, .both = BOTH)
#undef BOTH

const struct verb scope_verbs[] = {
	VERB("add", scope_add, NEED_PROJECT | WRITES,
	    "record an item in or out of scope"),
	VERB("list", scope_list, NEED_PROJECT, "list the scope"),
	VERB("set", scope_set, NEED_PROJECT | WRITES, "edit a scope item"),
};
const size_t scope_nverbs = ARRAY_SIZE(scope_verbs);
