/*
 * change.c: kam change — change requests against agreed requirements
 * (SPEC §3 "Requirements and change control").
 *
 * The record type, its transitions (approve, reject) and the rules of a
 * decision are change_type's (lib/rectype.c); add and show are the generic
 * verbs (CHANGE_FIELDS, CHANGE_DECIDE in lib/schema.h).  list is this
 * family's own: the totals of the approved change requests.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/derive.h"
#include "../lib/records.h"
#include "../lib/rectype.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of list (lib/parseopt.c). */
struct opts {
	int		 open;
	const char	*status;
	struct popt_id	 req, person;
};
#define LIST_OPTS(O)							\
	O(CMD, "kam change list")					\
	O(FLAG, OPT, "", "open", open, "proposed changes only (undecided)") \
	O(ENUM, OPT, "", "status", status, "proposed|approved|rejected", \
	    "in this state")						\
	O(ID, OPT, "", "req", req, "REQ", "changes of this requirement") \
	O(ID, OPT, "", "person", person, "P", "requested by this person")

static const char *const brief[] = { "id", "title", "req", "cost", "days",
	"status", "requested_by", "decided_by", "decided_on", NULL };

/* approve and reject: the client decides (change_decide, lib/rectype.c). */
REC_FIELDS_VERB(change_approve, "approve",
    "approve a change request (client side)", CALL, ADD,
    "kam change approve CR-n", CHANGE_DECIDE, .call = change_decide,
    .verb = "approve", .need = "")
REC_FIELDS_VERB(change_reject, "reject", "reject a change request", CALL, SET,
    "kam change reject CR-n", CHANGE_DECIDE, .call = change_decide,
    .verb = "reject", .need = "")

REC_FIELDS_VERB(change_add, "add", "open a change request", ADD, ADD,
    "kam change add title", CHANGE_FIELDS, .rt = &change_type)
REC_VERB(change_show, "show", "show one change request", SHOW,
    "kam change show CR-n", .rt = &change_type)

/*
 * kam change list: the change requests, then one line with the totals of
 * the approved ones among them (cost and working days), the impact on
 * budget and plan.  CSV carries it as a last row with an empty id; JSON
 * as {"records":[...],"total":{"approved":n,"cost":x,"days":n}}.
 */
KAM_VERB(change_list, "list", NEED_PROJECT,
    "list change requests with approved totals", LIST_OPTS, { 0 })
{
	static const struct out_col total_cols[] = {
		{ "approved", OT_NUM }, { "cost", OT_MONEY }, { "days", OT_NUM },
	};
	const char *tcells[3];
	struct table changes = TABLE_INIT;
	struct out o = OUT_INIT;
	struct out_col *cols = NULL;
	const struct opts *opt = k->opts;
	const char **cells = NULL, *status, *req = opt->req.id;
	struct row **rows = NULL;
	struct change_totals tot = CHANGE_TOTALS_INIT;
	size_t *idx = NULL, ncols = 0, i, j, n = 0;
	char costs[32], dayss[32], count[48], napp[24];
	int ret = -1, all;

	status = opt->status;
	if (opt->open) {
		if (status != NULL && strcmp(status, "proposed") != 0)
			return kam_err(KAM_EX_USAGE, "--open lists the proposed "
			    "changes; it cannot go with --status %s", status);
		status = "proposed";
	}
	if (store_load(&k->p, NULL, &schema_changes, &changes) == -1)
		goto out;
	table_sort(&changes);

	/* JSON and CSV: every column of the file; table and Markdown: the
	 * brief ones. */
	all = k->fmt == FMT_JSON || k->fmt == FMT_CSV;
	idx = xcalloc(changes.ncols, sizeof(*idx));
	cols = xcalloc(changes.ncols, sizeof(*cols));
	cells = xcalloc(changes.ncols, sizeof(*cells));
	for (i = 0; i < changes.ncols; i++) {
		if (!all) {
			for (j = 0; brief[j] != NULL; j++)
				if (strcmp(brief[j], changes.header[i]) == 0)
					break;
			if (brief[j] == NULL)
				continue;
		}
		idx[ncols] = i;
		cols[ncols].name = changes.header[i];
		cols[ncols++].type = records_col_type(&changes, i);
	}

	/* Select and total first, so that bad data prints nothing. */
	rows = xcalloc(changes.nrows + 1, sizeof(*rows));
	for (i = 0; i < changes.nrows; i++) {
		struct row *r = &changes.rows[i];

		if (status != NULL &&
		    strcmp(table_get(&changes, r, CHANGE_STATUS), status) != 0)
			continue;
		if (req[0] != '\0' &&
		    strcmp(table_get(&changes, r, CHANGE_REQ), req) != 0)
			continue;
		if (opt->person.id[0] != '\0' && strcmp(table_get(&changes, r,
		    CHANGE_REQUESTED_BY), opt->person.id) != 0)
			continue;
		rows[n++] = r;
		if (change_totals_add(&tot, &changes, r) == -1)
			goto out;
	}
	out_begin_total(&o, k->fmt, cols, ncols);
	for (i = 0; i < n; i++) {
		for (j = 0; j < ncols; j++)
			cells[j] = rows[i]->cell[idx[j]];
		out_row(&o, cells);
	}
	/* The totals: a last line; in JSON {"approved", "cost", "days"}. */
	money_fmt(tot.cost, changes.digits, costs);
	snprintf(dayss, sizeof(dayss), "%ld", tot.days);
	snprintf(count, sizeof(count), "total of %zu approved", tot.approved);
	for (j = 0; j < ncols; j++) {
		const char *name = cols[j].name;

		cells[j] = strcmp(name, "cost") == 0 ? costs :
		    strcmp(name, "days") == 0 ? dayss :
		    strcmp(name, "title") == 0 ? count : NULL;
	}
	snprintf(napp, sizeof(napp), "%zu", tot.approved);
	tcells[0] = napp;
	tcells[1] = costs;
	tcells[2] = dayss;
	out_summary(&o, "total", cells, total_cols, ARRAY_SIZE(total_cols),
	    tcells);
	out_end(&o);
	ret = 0;
out:
	free(rows);
	free(idx);
	free(cols);
	free(cells);
	table_release(&changes);
	return ret;
}

const struct verb *const change_verbs[] = {
	&change_add_verb, &change_approve_verb, &change_list_verb,
	&change_reject_verb, &change_show_verb, NULL
};
