/*
 * t_store.c: lib/store.c — tables loaded from the work tree, references
 * between them, command-line ids and values — on a scratch project.
 */
#include <stdio.h>
#include <string.h>

#include "kam.h"
#include "project.h"
#include "schema.h"
#include "store.h"
#include "table.h"
#include "tap.h"
#include "scratch.h"

int
main(void)
{
	struct project p = PROJECT_INIT;
	struct table risks = TABLE_INIT, people = TABLE_INIT, t = TABLE_INIT;
	struct row *r;
	char path[1024];
	int rc;

	if (scratch_open(&p, "") == -1) {
		diag("cannot open the scratch project: %s", scratch_msg);
		return 1;
	}

	/* Loading. */
	ok(store_load(&p, NULL, &schema_risks, &t) == 0 && t.nrows == 0,
	    "an empty table loads with no row");
	table_release(&t);
	snprintf(path, sizeof(path), "%s/goals.csv", scratch_dir);
	remove(path);
	ok(store_load(&p, NULL, &schema_goals, &t) == 0 && t.nrows == 0 &&
	    t.header != NULL, "a missing file loads as an empty table with "
	    "the schema's header");
	table_release(&t);

	scratch_rows(&schema_people, "name=Ann,side=team",
	    "name=Bob,side=client", NULL);
	scratch_rows(&schema_risks,
	    "title=Supplier late,probability=4,impact=5,owner=P-2,status=open",
	    "title=Key person leaves,probability=2,impact=3,status=closed",
	    NULL);
	ok(store_load(&p, NULL, &schema_people, &people) == 0 &&
	    people.nrows == 2, "people.csv: two rows");
	ok(store_load(&p, NULL, &schema_risks, &risks) == 0 &&
	    risks.nrows == 2, "risks.csv: two rows");
	is_str(table_get(&risks, &risks.rows[0], schema_col(&schema_risks,
	    "title")), "Supplier late", "a cell reads back");

	/* Ids from the command line. */
	scratch_reset_msg();
	r = store_lookup(&risks, "r-2");
	ok(r == &risks.rows[1], "store_lookup: ids in any case (r-2 is R-2)");
	r = store_lookup(&risks, "R-9");
	ok(r == NULL && scratch_code == KAM_EX_DATA,
	    "store_lookup: an unknown id is 65 (got %d)", scratch_code);
	ok(strstr(scratch_msg, "R-9") != NULL, "... and names it: %s",
	    scratch_msg);
	scratch_reset_msg();
	r = store_lookup(&risks, "risk one");
	ok(r == NULL && scratch_code == KAM_EX_USAGE,
	    "store_lookup: a malformed id is 64 (got %d)", scratch_code);
	scratch_reset_msg();
	r = store_lookup(&risks, "P-1");
	ok(r == NULL && scratch_code != 0,
	    "store_lookup: another table's id is refused");

	/* References. */
	ok(store_check_refs(&risks, &people) == 0,
	    "store_check_refs: every owner exists");
	scratch_rows(&schema_risks,
	    "title=Orphan,probability=1,impact=1,owner=P-7,status=open", NULL);
	table_release(&risks);
	ok(store_load(&p, NULL, &schema_risks, &risks) == 0,
	    "a dangling reference still loads (it is a check, not a parse)");
	scratch_reset_msg();
	rc = store_check_refs(&risks, &people);
	ok(rc == -1 && scratch_code == KAM_EX_DATA, "store_check_refs: owner P-7 is "
	    "missing: -1, 65 (got %d)", scratch_code);
	ok(strstr(scratch_msg, "risks.csv:2") != NULL &&
	    strstr(scratch_msg, "P-7") != NULL,
	    "... in file:line form, naming the id: %s", scratch_msg);

	/* Values from the command line. */
	r = &risks.rows[0];
	scratch_reset_msg();
	rc = store_set_arg(&risks, r, "probability", "9", "--probability");
	ok(rc == -1 && scratch_code == KAM_EX_USAGE,
	    "store_set_arg: probability 9 is out of range: 64 (got %d)",
	    scratch_code);
	ok(strstr(scratch_msg, "--probability") != NULL,
	    "... naming the option: %s", scratch_msg);
	is_str(table_get(&risks, r, schema_col(&schema_risks, "probability")),
	    "1", "... and the cell is unchanged");
	ok(store_set_arg(&risks, r, "probability", "3", "--probability") == 0,
	    "store_set_arg: probability 3 is set");
	is_str(table_get(&risks, r, schema_col(&schema_risks, "probability")),
	    "3", "... and reads back");
	scratch_reset_msg();
	ok(store_set_arg(&risks, r, "status", "gone", "--status") == -1 &&
	    scratch_code == KAM_EX_USAGE, "store_set_arg: an unknown enum "
	    "value is 64");

	/* Bad data is 65 with file:line. */
	table_release(&risks);
	scratch_write("risks.csv", "id,title\nR-1,Only two columns\n");
	scratch_reset_msg();
	rc = store_load(&p, NULL, &schema_risks, &risks);
	ok(rc == -1 && scratch_code == KAM_EX_DATA, "a file with the wrong header is 65 "
	    "(got %d)", scratch_code);
	ok(strstr(scratch_msg, "risks.csv") != NULL, "... naming the file: %s",
	    scratch_msg);

	table_release(&risks);
	table_release(&people);
	scratch_close(&p);
	return done_testing();
}
