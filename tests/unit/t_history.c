/*
 * t_history.c: record-level change sets (lib/history.c).
 *
 * Hand-made cases for the byte-wise trimming at record boundaries (quoted
 * fields with commas, quotes and newlines next to the change, the first
 * and the last record, header changes, BOM and CRLF), then a randomised
 * comparison: random edits of a random table must come out as exactly
 * the records edited.
 */
#include <stdlib.h>
#include <string.h>

#include "history.h"
#include "kam.h"
#include "schema.h"
#include "tap.h"

static const char HDR[] = "id,title,category,probability,impact,strategy,"
    "owner,status,trigger,response,review,raised\n";

static void
diff(struct hist_set *set, const char *a, const char *b, const char *id)
{
	struct hist_filter f = { NULL, id };

	hist_set_clear(set);
	hist_diff_bufs(set, &schema_risks, "risks.csv", 2, a,
	    a != NULL ? strlen(a) : 0, b, b != NULL ? strlen(b) : 0, &f);
	hist_set_sort(set);
}

/* "R-1:changed:probability=3>4,score=6>8;R-2:added" */
static char *
summary(const struct hist_set *set)
{
	struct kam_buf b = KAM_BUF_INIT;
	size_t i, j;

	kam_buf_puts(&b, "");
	for (i = 0; i < set->n; i++) {
		const struct hist_rec *r = &set->v[i];

		kam_buf_printf(&b, "%s%s:%s", i ? ";" : "", r->id,
		    hist_op_name(r->op));
		if (r->op != HIST_CHANGED)
			continue;
		for (j = 0; j < r->nf; j++)
			kam_buf_printf(&b, "%c%s=%s>%s", j ? ',' : ':',
			    r->f[j].name, r->f[j].old, r->f[j].new);
	}
	return kam_buf_detach(&b);
}

static void
check(const char *a, const char *b, const char *id, const char *want,
    const char *name)
{
	struct hist_set set = HIST_SET_INIT;
	char *got;

	diff(&set, a, b, id);
	got = summary(&set);
	is_str(got, want, name);
	free(got);
	hist_set_release(&set);
}

static char *
cat(const char *a, const char *b)
{
	return xasprintf("%s%s", a, b);
}

static void
hand_cases(void)
{
	struct hist_set set = HIST_SET_INIT;
	char *a, *b;

	a = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-2,Two,,1,1,,,open,,,,\n");
	b = cat(HDR, "R-1,One,,4,2,,,open,,,,\nR-2,Two,,1,1,,,open,,,,\n");
	check(a, b, NULL, "R-1:changed:probability=3>4,score=6>8",
	    "first record changed, derived score follows");
	check(a, a, NULL, "", "identical versions: no change");
	free(b);

	b = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-2,Two,,1,1,,,closed,,,,\n");
	check(a, b, NULL, "R-2:changed:status=open>closed",
	    "last record changed");
	check(a, b, "R-1", "", "id filter: other record only");
	check(a, b, "R-2", "R-2:changed:status=open>closed",
	    "id filter: this record");
	free(b);

	b = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-2,Two,,1,1,,,open,,,,\n"
	    "R-3,Three,,1,1,,,open,,,,\n");
	check(a, b, NULL, "R-3:added", "record appended");
	check(b, a, NULL, "R-3:removed", "record removed at the end");
	check(NULL, a, NULL, "R-1:added;R-2:added", "file created");
	check(a, NULL, NULL, "R-1:removed;R-2:removed", "file deleted");
	free(b);

	/* A quoted field with a newline and a quote right at the change. */
	free(a);
	a = cat(HDR, "R-1,\"One, two\",,3,2,,,open,,\"line 1\nR-9,x,\"\"q\"\"\","
	    ",\nR-2,Two,,1,1,,,open,,,,\n");
	b = cat(HDR, "R-1,\"One, two\",,3,2,,,open,,\"line 1\nR-9,y,\"\"q\"\"\","
	    ",\nR-2,Two,,1,1,,,open,,,,\n");
	check(a, b, NULL, "R-1:changed:response=line 1\nR-9,x,\"q\">"
	    "line 1\nR-9,y,\"q\"",
	    "a change inside a multi-line quoted field is its record's");
	check(a, b, "R-9", "", "an id inside a quoted field is not a record");
	free(b);
	b = cat(HDR, "R-1,\"One, two\",,3,2,,,open,,\"line 1\nR-9,x,\"\"q\"\"\","
	    ",\nR-2,Two,,1,2,,,open,,,,\n");
	check(a, b, NULL, "R-2:changed:impact=1>2,score=1>2",
	    "change after a multi-line record");
	free(a);
	free(b);

	/* Header changes: a column added, columns reordered. */
	a = cat(HDR, "R-1,One,,3,2,,,open,,,,\n");
	b = xstrdup("id,title,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised,mine\n"
	    "R-1,One,,3,2,,,open,,,,,x\n");
	check(a, b, NULL, "R-1:changed:mine=>x", "a user column added");
	free(b);
	b = xstrdup("title,id,category,probability,impact,strategy,owner,"
	    "status,trigger,response,review,raised\n"
	    "One,R-1,,3,2,,,open,,,,\n");
	check(a, b, NULL, "", "columns reordered: no change");
	check(a, b, "R-1", "", "columns reordered, id filter: no change");
	free(b);
	b = xasprintf("\xef\xbb\xbf%s", "id,title,category,probability,impact,"
	    "strategy,owner,status,trigger,response,review,raised\r\n"
	    "R-1,One,,3,2,,,open,,,,\r\n");
	check(a, b, NULL, "", "BOM and CRLF: no change");
	free(b);
	b = cat(HDR, "R-1,\"One\",,3,2,,,open,,,,\n");
	check(a, b, NULL, "", "quoting a field: no change");
	free(b);

	/* Rows out of order and a hand-inserted row in the middle. */
	b = cat(HDR, "R-3,Three,,1,1,,,open,,,,\nR-1,One,,3,2,,,open,,,,\n");
	check(a, b, NULL, "R-3:added", "row inserted before the others");
	free(a);
	free(b);

	/* Lines point into the newer file (older for removals). */
	a = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-2,Two,,1,1,,,open,,,,\n"
	    "R-3,Three,,1,1,,,open,,,,\n");
	b = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-2,Two,,5,1,,,open,,,,\n"
	    "R-3,Three,,1,1,,,open,,,,\n");
	diff(&set, a, b, NULL);
	ok(set.n == 1 && set.v[0].line == 3, "changed record at line 3 (%lu)",
	    set.n ? set.v[0].line : 0);
	is_str(set.v[0].title, "Two", "title of the record");
	free(b);
	b = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-3,Three,,1,1,,,open,,,,\n");
	diff(&set, a, b, NULL);
	ok(set.n == 1 && set.v[0].op == HIST_REMOVED && set.v[0].line == 3,
	    "removed record at its old line 3");
	ok(set.invalid == 0, "valid versions are not counted invalid");
	free(b);

	/* Invalid versions: read as far as they go, counted. */
	b = cat(HDR, "R-1,One,,3,2,,,open,,,,\nR-2,Two,,9,1,,,open,,,,\n"
	    "R-3,Three,,1,1,,,open,,,,\n");
	diff(&set, a, b, NULL);
	ok(set.n == 1 && set.invalid == 1, "a bad value: change shown, "
	    "version counted invalid");
	ok(kam_exit_code == 0, "reading an invalid version is not a failure");
	free(b);
	b = cat(HDR, "R-1,One,,3,2,,,open,,,,\n<<<<<<< ours\n");
	diff(&set, a, b, NULL);
	ok(set.invalid == 1, "conflict markers: counted invalid");
	free(a);
	free(b);

	/* Money by value; keyless tables by key. */
	hist_set_clear(&set);
	a = xstrdup("category,amount\nTravel,12.5\nIT,3\n");
	b = xstrdup("category,amount\nIT,3.00\nTravel,12.50\nHotel,1\n");
	hist_diff_bufs(&set, &schema_budget, "budget.csv", 2, a, strlen(a),
	    b, strlen(b), NULL);
	free(a);
	free(b);
	hist_set_sort(&set);
	a = summary(&set);
	is_str(a, "Hotel:added", "budget: money by value, lines by category");
	free(a);
	hist_set_clear(&set);
	a = xstrdup("activity,person,role\nT-1,P-1,A\nT-1,P-2,R\n");
	b = xstrdup("activity,person,role\nT-1,P-1,R\nT-1,P-2,R\n");
	hist_diff_bufs(&set, &schema_raci, "raci.csv", 2, a, strlen(a), b,
	    strlen(b), NULL);
	free(a);
	free(b);
	a = summary(&set);
	is_str(a, "T-1/P-1:changed:role=A>R", "raci: key is activity/person");
	free(a);
	hist_set_release(&set);
}

/* ---- randomised: random edits are found exactly ---- */

static unsigned long rng = 12345;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

struct rrow {
	long	 num;
	char	 title[64], resp[64];
	int	 p, i;
};

/* Quoting: titles may hold commas, quotes and newlines. */
static void
put(struct kam_buf *b, const char *s)
{
	if (strpbrk(s, ",\"\n") == NULL) {
		kam_buf_puts(b, s);
		return;
	}
	kam_buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			kam_buf_putc(b, '"');
		kam_buf_putc(b, *s);
	}
	kam_buf_putc(b, '"');
}

static void
render(struct kam_buf *b, const struct rrow *v, size_t n)
{
	size_t k;

	kam_buf_reset(b);
	kam_buf_puts(b, HDR);
	for (k = 0; k < n; k++) {
		kam_buf_printf(b, "R-%ld,", v[k].num);
		put(b, v[k].title);
		kam_buf_printf(b, ",,%d,%d,,,open,,", v[k].p, v[k].i);
		put(b, v[k].resp);
		kam_buf_puts(b, ",,\n");
	}
}

static void
rand_text(char *s)
{
	static const char *const parts[] = { "a", "b c", ",", "\"", "\n",
	    "R-1,", "x\ny", "\"\"" };
	size_t k, n = 1 + rnd(4);

	s[0] = 'T';
	s[1] = '\0';
	for (k = 0; k < n; k++)
		strcat(s, parts[rnd(ARRAY_SIZE(parts))]);
}

static void
random_cases(void)
{
	struct kam_buf a = KAM_BUF_INIT, b = KAM_BUF_INIT;
	struct hist_set set = HIST_SET_INIT;
	struct rrow v[40], w[40];
	size_t n, m, k;
	int round, bad = 0, nonempty = 0;

	for (round = 0; round < 400 && bad < 3; round++) {
		long changed = 0, added = 0, removed = 0;
		long ch_id = -1, add_id = -1, rm_id = -1;

		n = 3 + rnd(30);
		for (k = 0; k < n; k++) {
			v[k].num = (long)k + 1;
			rand_text(v[k].title);
			rand_text(v[k].resp);
			v[k].p = 1 + (int)rnd(5);
			v[k].i = 1 + (int)rnd(5);
		}
		memcpy(w, v, sizeof(v));
		m = n;
		/* One change, maybe one removal, maybe one addition. */
		k = rnd((unsigned)m);
		if (rnd(2)) {
			snprintf(w[k].resp, sizeof(w[k].resp), "%s%s",
			    rnd(2) ? "\n" : "\"", v[k].resp);
		} else
			w[k].p = w[k].p % 5 + 1;
		ch_id = w[k].num;
		changed = 1;
		if (rnd(2) && m > 2) {
			k = (k + 1 + rnd((unsigned)m - 1)) % m;
			rm_id = w[k].num;
			memmove(&w[k], &w[k + 1], (m - k - 1) * sizeof(*w));
			m--;
			removed = 1;
		}
		if (rnd(2)) {
			w[m].num = (long)n + 1;
			rand_text(w[m].title);
			rand_text(w[m].resp);
			w[m].p = w[m].i = 3;
			add_id = w[m].num;
			m++;
			added = 1;
		}
		render(&a, v, n);
		render(&b, w, m);
		hist_set_clear(&set);
		hist_diff_bufs(&set, &schema_risks, "risks.csv", 2, a.ptr, a.len,
		    b.ptr, b.len, NULL);
		hist_set_sort(&set);
		{
			long c = 0, ad = 0, rm = 0;
			int ok_ids = 1;

			for (k = 0; k < set.n; k++) {
				const struct hist_rec *r = &set.v[k];

				if (r->op == HIST_CHANGED) {
					c++;
					ok_ids &= r->num == ch_id;
				} else if (r->op == HIST_ADDED) {
					ad++;
					ok_ids &= r->num == add_id;
				} else {
					rm++;
					ok_ids &= r->num == rm_id;
				}
			}
			if (c != changed || ad != added || rm != removed ||
			    !ok_ids || set.invalid != 0) {
				char *s = summary(&set);

				diag("round %d: expected %ld/%ld/%ld (R-%ld, "
				    "R-%ld, R-%ld), got %s", round, changed,
				    added, removed, ch_id, add_id, rm_id, s);
				free(s);
				bad++;
			}
			nonempty += set.n > 0;
		}
	}
	ok(bad == 0, "400 random edits of tables with quoted multi-line "
	    "fields: exactly the edited records");
	ok(nonempty == 400, "every round found its change");
	kam_buf_release(&a);
	kam_buf_release(&b);
	hist_set_release(&set);
}

int
main(void)
{
	hand_cases();
	random_cases();
	return done_testing();
}
