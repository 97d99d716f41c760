/*
 * t_merge.c: three-way merge of a table by record and field (lib/merge.c).
 *
 * Hand-made cases for each outcome of SPEC §3's merge driver, then a
 * randomised check that no record is ever lost: random edits on both
 * sides of random tables, and every record of either side is in the
 * result (once, or twice inside a conflict block).
 */
#include <stdlib.h>
#include <string.h>

#include "kam.h"
#include "merge.h"
#include "schema.h"
#include "tap.h"

static const char HDR[] = "id,title,category,probability,impact,strategy,"
    "owner,status,trigger,response,review,raised\n";

static char *
cat(const char *rows)
{
	return xasprintf("%s%s", HDR, rows);
}

/* Merge rows (header added) and compare with the expected rows. */
static void
check(const char *b, const char *o, const char *t, const char *want,
    size_t nconf, const char *name)
{
	struct merge_result r = MERGE_RESULT_INIT;
	char *bb = cat(b), *oo = cat(o), *tt = cat(t), *ww = cat(want);
	const char *why = NULL;
	int rc;

	rc = merge_tables(&r, &schema_risks, "risks.csv", 2, bb, strlen(bb),
	    oo, strlen(oo), tt, strlen(tt), &why);
	ok(rc == 0, "%s: merged", name);
	if (rc == 0) {
		is_str(r.out.ptr, ww, name);
		ok(r.nconflicts == nconf, "%s: %zu conflict(s), got %zu", name,
		    nconf, r.nconflicts);
	}
	merge_result_release(&r);
	free(bb);
	free(oo);
	free(tt);
	free(ww);
}

#define R1	"R-1,One,,3,2,,,open,,,,\n"
#define R2	"R-2,Two,,1,1,,,open,,,,\n"
#define R3	"R-3,Three,,2,2,,,open,,,,\n"

static void
hand_cases(void)
{
	struct merge_result r = MERGE_RESULT_INIT;
	const char *why = NULL;
	char *a, *b, *c;

	check(R1 R2, R1 R2, R1 R2, R1 R2, 0, "nothing changed");
	check(R1 R2, "R-1,One,,4,2,,,open,,,,\n" R2, R1 "R-2,Two,,1,5,,,open,,,,\n",
	    "R-1,One,,4,2,,,open,,,,\nR-2,Two,,1,5,,,open,,,,\n", 0,
	    "different records");
	check(R1, "R-1,One,,4,2,,,open,,,,\n", "R-1,One,,3,2,,P-1,open,,,,\n",
	    "R-1,One,,4,2,,P-1,open,,,,\n", 0, "different fields of one record");
	check(R1, "R-1,One,,4,2,,,open,,,,\n", "R-1,One,,4,2,,,open,,,,\n",
	    "R-1,One,,4,2,,,open,,,,\n", 0, "the same change on both sides");
	check(R1, "R-1,One,,4,2,,,open,,,,\n", "R-1,One,,5,2,,,open,,,,\n",
	    "<<<<<<< ours\nR-1,One,,4,2,,,open,,,,\n=======\n"
	    "R-1,One,,5,2,,,open,,,,\n>>>>>>> theirs\n", 1,
	    "the same field two ways: conflict, both kept");
	check(R1 R2, R1, R1 "R-2,Two,,1,1,,,closed,,,,\n",
	    R1 "<<<<<<< ours\n=======\nR-2,Two,,1,1,,,closed,,,,\n"
	    ">>>>>>> theirs\n", 1, "deleted here, changed there");
	check(R1 R2, R1, R1 R2, R1, 0, "deleted here, unchanged there");
	check(R1 R2, R2, R1, "", 0, "deleted on both sides");
	check(R1, R1 "R-2,Ours,,1,1,,,open,,,,\n", R1 "R-2,Theirs,,1,1,,,open,,,,\n",
	    R1 "<<<<<<< ours\nR-2,Ours,,1,1,,,open,,,,\n=======\n"
	    "R-2,Theirs,,1,1,,,open,,,,\n>>>>>>> theirs\n", 1,
	    "the same new id on both sides: a clash");
	check(R1, R1 R2, R1 R2, R1 R2, 0, "the same record added on both sides");
	check(R1, R1 R3, R1 R2, R1 R2 R3, 0, "new records on both sides, sorted");
	check("", R2, R1, R1 R2, 0, "no common ancestor");
	check(R1, "R-1,One,,3,2,,,open,,\"a, b\",,\n", R1,
	    "R-1,One,,3,2,,,open,,\"a, b\",,\n", 0, "quoting kept canonical");

	/* Their column appears; our column order stays. */
	a = cat(R1);
	b = cat(R1);
	c = xstrdup("id,title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised,mine\n"
	    "R-1,One,,3,2,,,open,,,,,x\n");
	ok(merge_tables(&r, &schema_risks, "risks.csv", 2, a, strlen(a), b,
	    strlen(b), c, strlen(c), &why) == 0, "their extra column: merged");
	is_str(r.out.ptr, "id,title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised,mine\n"
	    "R-1,One,,3,2,,,open,,,,,x\n", "their extra column is kept");
	merge_result_release(&r);
	free(c);

	/* CRLF and a BOM on one side, 12.5 vs 12.50: no change, canonical. */
	free(b);
	b = xstrdup("\xef\xbb\xbf" "category,amount\r\nTravel,12.5\r\nIT,1\r\n");
	free(a);
	a = xstrdup("category,amount\nIT,1.00\nTravel,12.50\n");
	c = xstrdup("category,amount\nIT,2.00\nTravel,12.50\n");
	ok(merge_tables(&r, &schema_budget, "budget.csv", 2, a, strlen(a), b,
	    strlen(b), c, strlen(c), &why) == 0, "budget: merged");
	is_str(r.out.ptr, "category,amount\nIT,2.00\nTravel,12.50\n",
	    "budget by key; money by value; LF, no BOM");
	merge_result_release(&r);
	free(c);

	/* RACI: key is activity + person. */
	free(a);
	free(b);
	a = xstrdup("activity,person,role\nT-1,P-1,A\n");
	b = xstrdup("activity,person,role\nT-1,P-1,A\nT-1,P-2,R\n");
	c = xstrdup("activity,person,role\nT-1,P-1,R\nT-1,P-3,C\n");
	ok(merge_tables(&r, &schema_raci, "raci.csv", 2, a, strlen(a), b,
	    strlen(b), c, strlen(c), &why) == 0, "raci: merged");
	is_str(r.out.ptr, "activity,person,role\nT-1,P-1,R\nT-1,P-2,R\n"
	    "T-1,P-3,C\n", "raci: by activity and person");
	merge_result_release(&r);
	free(c);

	/* An invalid version is refused, quietly, with a reason. */
	c = cat("R-1,One,,9,2,,,open,,,,\n");
	free(a);
	a = cat(R1);
	ok(merge_tables(&r, &schema_risks, "risks.csv", 2, a, strlen(a), a,
	    strlen(a), c, strlen(c), &why) == -1, "invalid theirs refused");
	is_str(why, "their version is not valid kam data", "the reason");
	ok(kam_exit_code == 0, "no failure recorded");
	merge_result_release(&r);
	free(c);
	c = cat("<<<<<<< ours\n" R1 "=======\n" R1 ">>>>>>> theirs\n");
	ok(merge_tables(&r, &schema_risks, "risks.csv", 2, a, strlen(a), c,
	    strlen(c), a, strlen(a), &why) == -1, "conflict markers refused");
	merge_result_release(&r);
	free(a);
	free(b);
	free(c);
}

/* ---- randomised: nothing is lost ---- */

static unsigned long rng = 99;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

struct rec {
	int	 present;
	int	 p, i;
	char	 title[16];
};

#define N	24

static void
render(struct kam_buf *b, const struct rec *v)
{
	int k;

	kam_buf_reset(b);
	kam_buf_puts(b, HDR);
	for (k = 0; k < N; k++)
		if (v[k].present)
			kam_buf_printf(b, "R-%d,%s,,%d,%d,,,open,,,,\n", k + 1,
			    v[k].title, v[k].p, v[k].i);
}

static void
edit(struct rec *v, int base_n)
{
	int k, n = 1 + (int)rnd(5);

	while (n-- > 0) {
		k = (int)rnd(N);
		if (!v[k].present) {
			if (k < base_n)
				continue;
			v[k].present = 1;	/* a new record */
			snprintf(v[k].title, sizeof(v[k].title), "n%u", rnd(100));
			v[k].p = v[k].i = 1 + (int)rnd(5);
		} else if (rnd(6) == 0)
			v[k].present = 0;
		else if (rnd(2))
			v[k].p = 1 + (int)rnd(5);
		else
			v[k].i = 1 + (int)rnd(5);
	}
}

/* Lines of out that are exactly this record's row. */
static int
has_row(const char *out, const struct rec *r, int k)
{
	char row[96];

	snprintf(row, sizeof(row), "\nR-%d,%s,,%d,%d,,,open,,,,\n", k + 1,
	    r->title, r->p, r->i);
	return strstr(out, row) != NULL;
}

static void
random_cases(void)
{
	struct kam_buf kb = KAM_BUF_INIT, ko = KAM_BUF_INIT, kt = KAM_BUF_INIT;
	struct merge_result r = MERGE_RESULT_INIT;
	struct rec b[N], o[N], t[N];
	const char *why;
	int round, k, base_n, lost = 0, bad = 0;

	for (round = 0; round < 500; round++) {
		memset(b, 0, sizeof(b));
		base_n = 8 + (int)rnd(8);
		for (k = 0; k < base_n; k++) {
			b[k].present = 1;
			snprintf(b[k].title, sizeof(b[k].title), "t%d", k);
			b[k].p = b[k].i = 1 + (int)rnd(5);
		}
		memcpy(o, b, sizeof(b));
		memcpy(t, b, sizeof(b));
		edit(o, base_n);
		edit(t, base_n);
		render(&kb, b);
		render(&ko, o);
		render(&kt, t);
		if (merge_tables(&r, &schema_risks, "risks.csv", 2, kb.ptr,
		    kb.len, ko.ptr, ko.len, kt.ptr, kt.len, &why) == -1) {
			bad++;
			continue;
		}
		for (k = 0; k < N; k++) {
			int ob = memcmp(&o[k], &b[k], sizeof(b[k])) != 0;
			int tb = memcmp(&t[k], &b[k], sizeof(b[k])) != 0;

			/* A side's changed or added record must be there,
			 * whole or field-merged, unless the other side
			 * deleted an unchanged one... which cannot be: a
			 * changed record is never dropped. */
			if (o[k].present && ob && !has_row(r.out.ptr, &o[k], k)) {
				/* Merged field by field with theirs? */
				struct rec m = o[k];

				if (t[k].present && t[k].p != b[k].p)
					m.p = t[k].p;
				if (t[k].present && t[k].i != b[k].i)
					m.i = t[k].i;
				if (!has_row(r.out.ptr, &m, k))
					lost++;
			}
			if (t[k].present && tb && !has_row(r.out.ptr, &t[k], k)) {
				struct rec m = t[k];

				if (o[k].present && o[k].p != b[k].p)
					m.p = o[k].p;
				if (o[k].present && o[k].i != b[k].i)
					m.i = o[k].i;
				if (!has_row(r.out.ptr, &m, k))
					lost++;
			}
			/* Unchanged on both sides and present: kept. */
			if (b[k].present && !ob && !tb &&
			    !has_row(r.out.ptr, &b[k], k))
				lost++;
		}
		merge_result_release(&r);
		r = (struct merge_result)MERGE_RESULT_INIT;
	}
	ok(bad == 0, "500 random merges: every one merged (%d refused)", bad);
	ok(lost == 0, "no changed, added or untouched record lost (%d lost)",
	    lost);
	kam_buf_release(&kb);
	kam_buf_release(&ko);
	kam_buf_release(&kt);
}

int
main(void)
{
	hand_cases();
	random_cases();
	return done_testing();
}
