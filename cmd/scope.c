/*
 * scope.c: kam scope — what the project delivers and, just as important
 * in a key account, what it does not (SPEC §3 "Goals and scope").  The
 * verbs are the generic ones of lib/record.c (SCOPE_FIELDS, SCOPE_WHERE
 * in lib/schema.h).
 */
#include "cmd.h"
#include "../lib/rectype.h"

#define BOTH	"an item is either --in or --out of scope, not both"
REC_FIELDS_VERB(scope_add, "add", "record an item in or out of scope", ADD,
    ADD, "kam scope add item", SCOPE_FIELDS, .rt = &scope_type,
    .need = "say whether '%s' is --in or --out of scope", .both = BOTH)
REC_LIST_VERB(scope_list, "list", "list the scope", "kam scope list",
    SCOPE_WHERE, .rt = &scope_type,
    .both = "give --in or --out, not both (neither lists every item)")
REC_FIELDS_VERB(scope_set, "set", "edit a scope item", SET, SET,
    "kam scope set S-n", SCOPE_FIELDS, .rt = &scope_type, .both = BOTH)
#undef BOTH

const struct verb *const scope_verbs[] = {
	&scope_add_verb, &scope_list_verb, &scope_set_verb, NULL
};
