/*
 * t_budget.c: lib/budget.c — sums by category, month and task over month
 * files on disk, overflow at the int64 edge (reported, never wrapped),
 * the audit's status rules at their exact thresholds, validation for kam
 * check, and finding the last expense id from a file's tail.
 *
 * The money type itself is tested in t_value.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "budget.h"
#include "kam.h"
#include "project.h"
#include "schema.h"
#include "table.h"
#include "value.h"
#include "tap.h"

#define HDR	"id,date,category,amount,description,ref,task\n"
#define MAXM	"92233720368547758.07"	/* INT64_MAX minor units */

static struct project proj = PROJECT_INIT;
static char root[64];
static char errtext[4096];

/* ---- stderr capture (messages of expected failures) ---- */

static int	cap_fd = -1, cap_saved = -1;
static char	cap_path[64];

static void
capture_begin(void)
{
	errtext[0] = '\0';
	kam_err_reset();
	fflush(stderr);
	snprintf(cap_path, sizeof(cap_path), "/tmp/t_budget-err-XXXXXX");
	cap_fd = mkstemp(cap_path);
	cap_saved = dup(2);
	dup2(cap_fd, 2);
}

static void
capture_end(void)
{
	ssize_t n;

	fflush(stderr);
	dup2(cap_saved, 2);
	close(cap_saved);
	lseek(cap_fd, 0, SEEK_SET);
	n = read(cap_fd, errtext, sizeof(errtext) - 1);
	errtext[n > 0 ? n : 0] = '\0';
	close(cap_fd);
	unlink(cap_path);
}

/* ---- a project directory with month files ---- */

static void
rm_expenses(void)
{
	char path[128];
	const char *months[] = { "2026-01", "2026-02", "2026-03", "2026-11",
	    "2026-12", NULL };
	int i;

	for (i = 0; months[i] != NULL; i++) {
		snprintf(path, sizeof(path), "%sexpenses/%s.csv", root,
		    months[i]);
		unlink(path);
	}
}

static void
put_month(const char *month, const char *rows)
{
	char path[128];
	FILE *fp;

	snprintf(path, sizeof(path), "%sexpenses/%s.csv", root, month);
	if ((fp = fopen(path, "w")) == NULL) {
		diag("cannot write %s", path);
		return;
	}
	fputs(HDR, fp);
	fputs(rows, fp);
	fclose(fp);
}

static void
load_budget(struct table *t, const char *csv)
{
	if (table_parse(t, &schema_budget, "budget.csv", 2, csv,
	    strlen(csv)) == -1)
		diag("bad budget in test");
}

static const struct budget_cat *
cat(const struct budget_sums *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncats; i++)
		if (strcmp(s->cats[i].name, name) == 0)
			return &s->cats[i];
	return NULL;
}

static const char *
M(int64_t v)
{
	static char buf[4][32];
	static int k;

	k = (k + 1) % 4;
	return money_fmt(v, 2, buf[k]);
}

static int32_t
D(const char *s)
{
	int32_t d = 0;

	date_parse(s, &d, NULL);
	return d;
}

/* ---- sums ---- */

static void
test_sums(void)
{
	struct table b = TABLE_INIT;
	struct budget_sums s = BUDGET_SUMS_INIT;
	struct expense_filter f = EXPENSE_FILTER_INIT;
	const struct budget_cat *c;
	int rc;

	rm_expenses();
	put_month("2026-01",
	    "E-1,2026-01-05,travel,100.10,a,,T-1\n"
	    "E-2,2026-01-31,labour,0.05,b,,\n"
	    "E-3,2026-01-31,travel,-20.00,refund,,T-1\n");
	put_month("2026-02",
	    "E-4,2026-02-01,misc,1,x,,T-2\n"
	    "E-5,2026-02-28,labour,999.95,y,,T-1\n");
	load_budget(&b, "category,amount\nlabour,1000.00\ntravel,50.00\n");

	rc = budget_sum(&s, &proj, &b, NULL);
	ok(rc == 0, "sum of two month files");
	is_int(s.count, 5, "five expenses");
	is_str(M(s.actual), "1081.10", "total actual");
	is_str(M(s.planned), "1050.00", "total planned");
	is_int(s.ncats, 3, "labour, travel and the unplanned misc");
	is_str(s.cats[0].name, "labour", "budget.csv's categories come first");
	is_str(s.cats[2].name, "misc", "then unplanned ones");
	c = cat(&s, "labour");
	ok(c != NULL && c->has_plan && c->actual == 100000 && c->count == 2,
	    "labour: planned, 1000.00 actual in 2 expenses");
	c = cat(&s, "travel");
	ok(c != NULL && c->actual == 8010 && c->planned == 5000,
	    "travel: a refund is subtracted (80.10)");
	c = cat(&s, "misc");
	ok(c != NULL && !c->has_plan && c->actual == 100,
	    "misc: '1' is 1.00, no plan line");
	is_int(s.nmonths, 2, "two months");
	ok(s.nmonths == 2 && strcmp(s.months[0].month, "2026-01") == 0 &&
	    s.months[0].actual == 8015 && s.months[1].actual == 100095,
	    "month sums 80.15 and 1000.95");
	is_str(M(budget_task_actual(&s, 1)), "1080.05", "T-1 sum");
	is_str(M(budget_task_actual(&s, 2)), "1.00", "T-2 sum");
	is_str(M(budget_task_actual(&s, 3)), "0.00", "T-3 has none");
	is_str(M(s.no_task), "0.05", "expenses without a task");
	budget_sums_release(&s);

	f.from = D("2026-01-31");
	f.to = D("2026-02-01");
	rc = budget_sum(&s, &proj, NULL, &f);
	ok(rc == 0 && s.count == 3 && s.actual == -1895,
	    "--from/--to are inclusive: E-2, E-3, E-4 = -18.95");
	budget_sums_release(&s);

	f = (struct expense_filter)EXPENSE_FILTER_INIT;
	f.from = D("2026-03-01");
	rc = budget_sum(&s, &proj, NULL, &f);
	ok(rc == 0 && s.count == 0 && s.actual == 0 && s.nmonths == 0,
	    "a range after every month reads nothing");
	budget_sums_release(&s);

	f = (struct expense_filter)EXPENSE_FILTER_INIT;
	f.category = "labour";
	f.task = 1;
	rc = budget_sum(&s, &proj, NULL, &f);
	ok(rc == 0 && s.count == 1 && s.actual == 99995,
	    "category and task filters together");
	budget_sums_release(&s);
	table_release(&b);
}

static void
test_overflow(void)
{
	struct budget_sums s = BUDGET_SUMS_INIT;
	struct table b = TABLE_INIT;
	int rc;

	rm_expenses();
	put_month("2026-01", "E-1,2026-01-05,a," MAXM ",x,,\n"
	    "E-2,2026-01-06,a,0.01,y,,\n");
	capture_begin();
	rc = budget_sum(&s, &proj, NULL, NULL);
	capture_end();
	ok(rc == -1 && kam_exit_code == KAM_EX_DATA,
	    "INT64_MAX + 0.01 in one category: 65");
	ok(strstr(errtext, "expenses/2026-01.csv:3:") != NULL &&
	    strstr(errtext, "category a") != NULL &&
	    strstr(errtext, "E-2") != NULL,
	    "the message names file:line, the category and the expense");
	if (rc != -1 || strstr(errtext, "2026-01.csv:3") == NULL)
		diag("%s", errtext);
	budget_sums_release(&s);

	put_month("2026-01", "E-1,2026-01-05,a," MAXM ",x,,\n"
	    "E-2,2026-01-06,a,-" MAXM ",y,,\n"
	    "E-3,2026-01-07,a," MAXM ",z,,\n");
	rc = budget_sum(&s, &proj, NULL, NULL);
	ok(rc == 0 && s.actual == INT64_MAX,
	    "going down and up again within range is fine");
	budget_sums_release(&s);

	/* Each category fits; their total does not. */
	put_month("2026-01", "E-1,2026-01-05,a,50000000000000000.00,x,,\n"
	    "E-2,2026-01-06,b,50000000000000000.00,y,,\n");
	put_month("2026-02", "E-3,2026-02-05,c,-1.00,x,,\n");
	capture_begin();
	rc = budget_sum(&s, &proj, NULL, NULL);
	capture_end();
	ok(rc == -1 && kam_exit_code == KAM_EX_DATA &&
	    strstr(errtext, "2026-01.csv:3") != NULL,
	    "a total beyond the range is reported where it happens");
	budget_sums_release(&s);

	rm_expenses();
	put_month("2026-01", "E-1,2026-01-05,a,-" MAXM ",x,,\n"
	    "E-2,2026-01-06,a,-0.01,y,,\n");
	capture_begin();
	rc = budget_sum(&s, &proj, NULL, NULL);
	capture_end();
	ok(rc == -1 && kam_exit_code == KAM_EX_DATA,
	    "below -INT64_MAX: 65 too");
	budget_sums_release(&s);

	rm_expenses();
	load_budget(&b, "category,amount\na," MAXM "\nb,0.01\n");
	capture_begin();
	rc = budget_sum(&s, &proj, &b, NULL);
	capture_end();
	ok(rc == -1 && strstr(errtext, "budget.csv:3") != NULL,
	    "a planned total beyond the range names budget.csv:line");
	budget_sums_release(&s);
	table_release(&b);
}

static void
test_bad_files(void)
{
	struct budget_sums s = BUDGET_SUMS_INIT;
	int rc;

	rm_expenses();
	put_month("2026-01", "E-1,2026-02-01,a,1.00,x,,\n");
	capture_begin();
	rc = budget_sum(&s, &proj, NULL, NULL);
	capture_end();
	ok(rc == -1 && kam_exit_code == KAM_EX_DATA &&
	    strstr(errtext, "expenses/2026-01.csv:2: date 2026-02-01 is not "
	    "in 2026-01") != NULL,
	    "an expense in the wrong month file is invalid data");
	budget_sums_release(&s);

	put_month("2026-01", "E-1,2026-01-05,a,1.005,x,,\n");
	capture_begin();
	rc = budget_sum(&s, &proj, NULL, NULL);
	capture_end();
	ok(rc == -1 && strstr(errtext, "2026-01.csv:2: amount") != NULL,
	    "a third decimal is invalid data with file:line and column");
	budget_sums_release(&s);
	rm_expenses();
}

static void
test_validate(void)
{
	struct table tasks = TABLE_INIT;
	static const char tcsv[] = "id,title,duration\nT-1,a,1\nT-3,b,2\n";
	int rc;

	table_parse(&tasks, &schema_tasks, "tasks.csv", 2, tcsv, strlen(tcsv));
	rm_expenses();
	put_month("2026-01", "E-1,2026-01-05,a,1.00,x,,T-1\n"
	    "E-2,2026-01-06,a,1.00,x,,T-2\n");
	put_month("2026-02", "E-3,2026-02-05,a,1.00,x,,T-3\n"
	    "E-1,2026-02-06,a,1.00,x,,\n");
	capture_begin();
	rc = budget_validate(&proj, &tasks);
	capture_end();
	ok(rc == -1 && kam_exit_code == KAM_EX_DATA, "validate finds problems");
	ok(strstr(errtext, "expenses/2026-01.csv:3: task: task T-2 does not "
	    "exist") != NULL, "an unknown task, with file:line");
	ok(strstr(errtext, "expenses/2026-02.csv:3: duplicate id E-1 (first "
	    "defined at expenses/2026-01.csv:2)") != NULL,
	    "an id used in two months");
	put_month("2026-02", "E-3,2026-02-05,a,1.00,x,,T-3\n");
	capture_begin();
	rc = budget_validate(&proj, &tasks);
	capture_end();
	ok(rc == -1, "still the unknown task");
	put_month("2026-01", "E-1,2026-01-05,a,1.00,x,,T-1\n");
	ok(budget_validate(&proj, &tasks) == 0, "clean files validate");
	rm_expenses();
	table_release(&tasks);
}

/* kam check's one pass: the audit made while validating is the audit
 * budget_audit() makes by reading the files again. */
static void
test_validate_audit(void)
{
	struct budget_audit a1 = BUDGET_AUDIT_INIT, a2 = BUDGET_AUDIT_INIT;
	struct table tasks = TABLE_INIT, budget = TABLE_INIT;
	static const char tcsv[] = "id,title,duration\nT-1,a,1\nT-3,b,2\n";
	static const char bcsv[] = "category,amount,note\nlabour,10.00,\n"
	    "travel,100.00,\n";
	char path[128];
	size_t i, same = 0;
	int audited = -1;
	FILE *fp;

	proj.budget_warn = 90;
	proj.budget_overrun = 0;
	date_parse("2026-01-31", &proj.today, NULL);
	snprintf(path, sizeof(path), "%sbudget.csv", root);
	if ((fp = fopen(path, "w")) != NULL) {
		fputs(bcsv, fp);
		fclose(fp);
	}
	table_parse(&tasks, &schema_tasks, "tasks.csv", 2, tcsv, strlen(tcsv));
	load_budget(&budget, bcsv);
	rm_expenses();
	put_month("2026-01", "E-1,2026-01-05,labour,9.50,x,,T-1\n"
	    "E-2,2026-01-06,hosting,1.00,x,,\n");
	put_month("2026-02", "E-3,2026-02-05,travel,20.00,x,,T-3\n");
	ok(budget_audit(&a1, &proj, NULL) == 0, "budget_audit");
	ok(budget_validate_audit(&proj, &tasks, &budget, &a2, &audited) == 0 &&
	    audited == 1, "budget_validate_audit validates and audits");
	is_int(a2.nlines, a1.nlines, "  as many lines");
	for (i = 0; i < a1.nlines && i < a2.nlines; i++)
		same += strcmp(a1.lines[i].category, a2.lines[i].category) == 0 &&
		    a1.lines[i].planned == a2.lines[i].planned &&
		    a1.lines[i].actual == a2.lines[i].actual &&
		    a1.lines[i].count == a2.lines[i].count &&
		    a1.lines[i].status == a2.lines[i].status;
	is_int(same, a1.nlines, "  the same lines in the same order");
	ok(a1.total.actual == a2.total.actual && a1.health == a2.health &&
	    a1.nwarn == a2.nwarn && a1.nunplanned == a2.nunplanned &&
	    budget_task_actual(&a2.sums, 3) == 2000,
	    "  the same total, health and task sums");
	ok(a2.has_to_today && a2.to_today.actual == 1050 &&
	    budget_task_actual(&a2.to_today, 1) == 950 &&
	    budget_task_actual(&a2.to_today, 3) == 0,
	    "  and the sums up to today (2026-01-31) for EVM");
	budget_audit_release(&a2);

	put_month("2026-02", "E-3,2026-02-05,travel,20.00,x,,T-2\n");
	capture_begin();
	ok(budget_validate_audit(&proj, &tasks, &budget, &a2, &audited) == -1 &&
	    audited == 0, "invalid files: no audit");
	capture_end();
	budget_audit_release(&a1);
	budget_audit_release(&a2);
	table_release(&tasks);
	table_release(&budget);
	rm_expenses();
	unlink(path);
}

/* ---- the audit's rules ---- */

static struct budget_line
line(const char *planned, const char *actual, int has_plan)
{
	struct budget_line l;

	memset(&l, 0, sizeof(l));
	l.category = "c";
	money_parse(planned, 2, &l.planned, NULL);
	money_parse(actual, 2, &l.actual, NULL);
	l.has_plan = has_plan;
	return l;
}

static const char *
status(const char *planned, const char *actual, int has_plan)
{
	struct budget_line l = line(planned, actual, has_plan);

	if (budget_classify(&l, &proj) == -1)
		return "error";
	return budget_status_name(l.status);
}

static void
test_classify(void)
{
	struct budget_line l;
	char buf[48];

	proj.budget_warn = 90;
	proj.budget_overrun = 0;
	is_str(status("100.00", "89.99", 1), "ok", "89.99 of 100: ok");
	is_str(status("100.00", "90.00", 1), "warn", "exactly 90%: warn");
	is_str(status("100.00", "100.00", 1), "warn", "exactly 100%: warn");
	is_str(status("100.00", "100.01", 1), "over", "100.01: over");
	is_str(status("100.00", "-5.00", 1), "ok", "net refunds: ok");
	is_str(status("0.00", "0.00", 1), "ok", "a zero plan, nothing spent");
	is_str(status("0.00", "0.01", 1), "over", "a zero plan, 0.01 spent");
	is_str(status("0.00", "5.00", 0), "unplanned", "no plan line");
	proj.budget_overrun = 10;
	is_str(status("100.00", "110.00", 1), "warn", "overrun 10: 110% warn");
	is_str(status("100.00", "110.01", 1), "over", "overrun 10: 110.01 over");
	proj.budget_warn = 100;
	is_str(status("0.03", "0.02", 1), "ok", "66.7% with warn 100: ok");
	proj.budget_warn = 90;
	proj.budget_overrun = 0;
	/* Exactness at the edge: no float would tell these apart. */
	is_str(status(MAXM, MAXM, 1), "warn", "INT64_MAX of INT64_MAX: warn");
	is_str(status("92233720368547758.06", MAXM, 1), "over",
	    "one minor unit over a huge plan: over");

	l = line("300.00", "100.00", 1);
	budget_classify(&l, &proj);
	ok(l.has_pct && l.variance == 20000 && l.health == HEALTH_GREEN,
	    "1/3: variance 200.00, green");
	is_str(budget_pct_fmt(l.actual, l.planned, buf), "33.33",
	    "1/3 is 33.33");
	l = line("300.00", "200.00", 1);
	budget_classify(&l, &proj);
	is_str(budget_pct_fmt(l.actual, l.planned, buf), "66.67",
	    "2/3 rounds to 66.67");
	l = line("300.00", "-200.00", 1);
	budget_classify(&l, &proj);
	is_str(budget_pct_fmt(l.actual, l.planned, buf), "-66.67",
	    "negative used_pct");
	is_str(budget_pct_fmt(INT64_MAX, 1, buf), "922337203685477580700.00",
	    "a used_pct beyond int64 is exact");
	is_str(budget_pct_fmt(-INT64_MAX, 3, buf), "-307445734561825860233.33",
	    "and negative");
	is_str(budget_pct_fmt(1, 200000, buf), "0.00", "tiny rounds to 0.00");
	is_str(budget_pct_fmt(1, 20000, buf), "0.01", "half rounds up");
	is_str(budget_pct_fmt(-1, 20000, buf), "-0.01", "half rounds away");
	l = line("0.00", "5.00", 0);
	budget_classify(&l, &proj);
	ok(!l.has_pct && l.health == HEALTH_RED && l.variance == -500,
	    "unplanned spending: no used_pct, red, variance -5.00");
	l = line("0.00", "-5.00", 0);
	budget_classify(&l, &proj);
	ok(l.health == HEALTH_GREEN, "unplanned net credit: green");
	l = line("100.00", "95.00", 1);
	budget_classify(&l, &proj);
	ok(l.health == HEALTH_AMBER, "warn is amber");
	l = line(MAXM, "-1.00", 1);
	capture_begin();
	ok(budget_classify(&l, &proj) == -1 && kam_exit_code == KAM_EX_DATA,
	    "a variance beyond the range is reported");
	capture_end();
	is_str(budget_ratio_fmt(857, buf), "0.857", "ratio 0.857");
	is_str(budget_ratio_fmt(-1250, buf), "-1.250", "ratio -1.250");
	is_str(budget_month_path(D("2026-11-27"), buf), "expenses/2026-11.csv",
	    "month path");
}

/* ---- the last id from a file's tail ---- */

static long
tail(const char *s)
{
	return budget_tail_id(s, strlen(s));
}

static void
test_tail(void)
{
	is_int(tail(HDR), 0, "header only: no rows");
	is_int(tail("id,date,category,amount,description,ref,task"), 0,
	    "header without newline");
	is_int(tail(HDR "E-1,2026-01-05,a,1.00,x,,\nE-12,2026-01-06,a,1.00,y,,"
	    "\n"), 12, "the last row");
	is_int(tail(HDR "E-7,2026-01-05,a,1.00,x,,\n\n\n"), 7,
	    "trailing blank lines");
	is_int(tail(HDR "E-7,2026-01-05,a,1.00,x,,"), 7, "no final newline");
	is_int(tail("\xef\xbb\xbf" HDR "E-3,2026-01-05,a,1.00,x,,\r\n"), 3,
	    "BOM and CRLF");
	is_int(tail("date,id,category,amount,description,ref,task\n"
	    "2026-01-05,E-9,a,1.00,x,,\n"), 9, "id not the first column");
	is_int(tail(HDR "E-4,2026-01-05,a,1.00,\"two\nlines\",,\n"), 4,
	    "a quoted newline in the last record");
	/* A quoted description holding what looks like a whole record: the
	 * tail walk must not take it for the last row. */
	is_int(tail(HDR "E-5,2026-01-05,a,1.00,\"x\nE-99,2026-01-05,a,1.00,y,,"
	    "\nz\",,\n"), 5, "a record-shaped line inside quotes is skipped");
	is_int(tail(HDR "E-5,2026-01-05,a,1.00,\"x\nE-99,2026-01-05,a,1.00,y,,"
	    "\",,\n"), 5, "... also when it ends the quoted field");
	is_int(tail(HDR "garbage\n"), -1, "an unreadable tail: -1");
	is_int(tail("no,id,here\nE-1,a,b\n"), -1, "no id column: -1");
}

/* The amount operand of budget set and spend (budget_amount_arg). */
static void
test_amount_arg(void)
{
	int64_t v = -1;
	int rc;

	rc = budget_amount_arg("1234.50", 2, &v);
	is_int(rc, 0, "amount: 1234.50 parses");
	is_int(v, 123450, "amount: 1234.50 is 123450 minor units");
	rc = budget_amount_arg("-7", 2, &v);
	is_int(rc, 0, "amount: a negative amount parses (the verb decides)");
	is_int(v, -700, "amount: -7 is -700");
	rc = budget_amount_arg("12", 0, &v);
	is_int(v, 12, "amount: with 0 digits 12 is 12");
	capture_begin();
	rc = budget_amount_arg("12x", 2, &v);
	capture_end();
	is_int(rc, -1, "amount: 12x is refused");
	is_int(kam_exit_code, KAM_EX_USAGE, "amount: a usage error (64)");
	ok(strstr(errtext, "invalid amount '12x': ") != NULL,
	    "amount: the message names the operand (%s)", errtext);
	kam_err_reset();
}

int
main(void)
{
	char path[96];

	snprintf(root, sizeof(root), "/tmp/t_budget-XXXXXX");
	if (mkdtemp(root) == NULL) {
		diag("mkdtemp: %s", strerror(errno));
		return 1;
	}
	strcat(root, "/");
	snprintf(path, sizeof(path), "%sexpenses", root);
	mkdir(path, 0777);
	proj.root = root;
	proj.digits = 2;

	test_sums();
	test_overflow();
	test_bad_files();
	test_validate();
	test_validate_audit();
	test_classify();
	test_tail();
	test_amount_arg();

	rm_expenses();
	rmdir(path);
	root[strlen(root) - 1] = '\0';
	rmdir(root);
	return done_testing();
}
