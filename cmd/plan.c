/*
 * plan.c: kam plan — the critical path schedule (SPEC §4) and its
 * baseline.  The scheduling itself is lib/plan.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/plan.h"
#include "../lib/review.h"
#include "../lib/store.h"
#include "../lib/value.h"

/* The options of every verb, parsed by lib/parseopt.c. */
struct opts {
	int		 summary, critical;
	const char	*baseline;
};
#define PLAN_OPTS(O)							\
	O(CMD, "kam plan")						\
	O(FLAG, OPT, "", "summary", summary, "the project's dates only") \
	O(FLAG, OPT, "", "critical", critical, "the critical tasks only") \
	O(STR, OPT, "", "baseline", baseline, "rev", "the baseline of rev")
#define BASELINE_OPTS(O)	O(CMD, "kam plan baseline")

/* JSON is written by hand: on 100,000 tasks the formatting is most of
 * the work (shared/bench/README.md). */
static void
json_date(FILE *fp, const char *key, int32_t d)
{
	char buf[11];

	fputs(key, fp);
	putc_unlocked('"', fp);
	fwrite(date_fmt(d, buf), 1, 10, fp);
	putc_unlocked('"', fp);
}

static void
json_long(FILE *fp, const char *key, long v)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;

	fputs(key, fp);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), fp);
}

static void
json_task(FILE *fp, const struct table *t, const struct plan *pl,
    const struct plan_task *pt)
{
	fputs("{\"id\":", fp);
	out_json_str(fp, table_get(t, pt->row, ID_COL));
	fputs(",\"title\":", fp);
	out_json_str(fp, table_get(t, pt->row, TASK_TITLE));
	json_long(fp, ",\"duration\":", pt->duration);
	json_date(fp, ",\"es\":", pt->es_date);
	json_date(fp, ",\"ef\":", pt->ef_date);
	json_date(fp, ",\"ls\":", pt->ls_date);
	json_date(fp, ",\"lf\":", pt->lf_date);
	json_long(fp, ",\"slack\":", pt->slack);
	fputs(pt->critical ? ",\"critical\":true" : ",\"critical\":false", fp);
	/* The keys of kam task list: null without a baseline. */
	if (pl->has_baseline && pt->has_baseline) {
		json_date(fp, ",\"baseline_start\":", pt->bs_date);
		json_date(fp, ",\"baseline_finish\":", pt->bf_date);
		json_long(fp, ",\"variance\":", pt->variance);
	} else
		fputs(",\"baseline_start\":null,\"baseline_finish\":null,"
		    "\"variance\":null", fp);
	putc_unlocked('}', fp);
}

static void
json_summary(FILE *fp, struct kam *k, const struct table *t,
    struct plan *pl)
{
	int32_t bf = 0;
	long var = 0;
	size_t i;

	fputs("{\"title\":", fp);
	out_json_str(fp, k->p.name != NULL ? k->p.name : "");
	json_long(fp, ",\"tasks\":", (long)pl->ntasks);
	json_date(fp, ",\"start\":", pl->start);
	json_date(fp, ",\"finish\":", pl->finish);
	json_long(fp, ",\"duration\":", pl->end_idx - pl->start_idx);
	json_date(fp, ",\"today\":", pl->today);
	fputs(",\"critical_path\":[", fp);
	for (i = 0; i < pl->ncritical; i++) {
		if (i > 0)
			putc_unlocked(',', fp);
		out_json_str(fp, table_get(t, pl->tasks[pl->critical[i]].row,
		    ID_COL));
	}
	putc_unlocked(']', fp);
	if (plan_baseline_finish(pl, &bf, &var)) {
		json_date(fp, ",\"baseline_finish\":", bf);
		json_long(fp, ",\"variance\":", var);
	} else
		fputs(",\"baseline_finish\":null,\"variance\":null", fp);
	putc_unlocked('}', fp);
}

/* Table, CSV and Markdown go through out.h. */
static void
print_rows(struct kam *k, const struct table *t, struct plan *pl,
    int critical_only)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "duration", OT_NUM },
		{ "es", OT_TEXT }, { "ef", OT_TEXT }, { "ls", OT_TEXT },
		{ "lf", OT_TEXT }, { "slack", OT_NUM }, { "critical", OT_BOOL },
		{ "baseline_start", OT_TEXT }, { "baseline_finish", OT_TEXT },
		{ "variance", OT_NUM },
	};
	struct out o = OUT_INIT;
	const char *cells[12];
	char d[6][11], num[3][24];
	int human = out_for_people(k->fmt);
	size_t i;

	out_begin(&o, k->fmt, cols, pl->has_baseline ? 12 : 9);
	for (i = 0; i < pl->ntasks; i++) {
		const struct plan_task *pt = &pl->tasks[i];

		if (critical_only && !pt->critical)
			continue;
		snprintf(num[0], sizeof(num[0]), "%ld", pt->duration);
		snprintf(num[1], sizeof(num[1]), "%ld", pt->slack);
		cells[0] = table_get(t, pt->row, ID_COL);
		cells[1] = table_get(t, pt->row, TASK_TITLE);
		cells[2] = num[0];
		cells[3] = date_fmt(pt->es_date, d[0]);
		cells[4] = date_fmt(pt->ef_date, d[1]);
		cells[5] = date_fmt(pt->ls_date, d[2]);
		cells[6] = date_fmt(pt->lf_date, d[3]);
		cells[7] = num[1];
		cells[8] = human ? (pt->critical ? "yes" : "no") :
		    pt->critical ? "true" : "false";
		cells[9] = cells[10] = cells[11] = NULL;
		if (pt->has_baseline) {
			snprintf(num[2], sizeof(num[2]), human &&
			    pt->variance > 0 ? "+%ld" : "%ld", pt->variance);
			cells[9] = date_fmt(pt->bs_date, d[4]);
			cells[10] = date_fmt(pt->bf_date, d[5]);
			cells[11] = num[2];
		}
		out_row(&o, cells);
	}
	out_end(&o);
}

static void
print_summary(struct kam *k, const struct table *t, struct plan *pl,
    int alone)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "tasks", OT_NUM },
		{ "start", OT_TEXT }, { "finish", OT_TEXT },
		{ "duration", OT_NUM }, { "today", OT_TEXT },
		{ "critical_path", OT_LIST }, { "baseline_finish", OT_TEXT },
		{ "variance", OT_NUM },
	};
	struct kam_buf cp = KAM_BUF_INIT;
	const char *cells[10];
	char d[4][11], n[3][24];
	int32_t bf = 0;
	long var = 0;
	int has_bf = plan_baseline_finish(pl, &bf, &var);
	size_t i;

	for (i = 0; i < pl->ncritical; i++) {
		if (i > 0)
			kam_buf_putc(&cp, ' ');
		kam_buf_puts(&cp, table_get(t, pl->tasks[pl->critical[i]].row,
		    ID_COL));
	}
	if (k->fmt == FMT_TABLE) {
		if (!alone)
			putchar('\n');
		printf("start:    %s\n", date_fmt(pl->start, d[0]));
		printf("finish:   %s", date_fmt(pl->finish, d[1]));
		if (has_bf)
			printf(" (baseline %s, %s%ld working day%s)",
			    date_fmt(bf, d[2]), var > 0 ? "+" : "", var,
			    var == 1 || var == -1 ? "" : "s");
		printf("\nduration: %ld working days, %zu tasks\n",
		    pl->end_idx - pl->start_idx, pl->ntasks);
		printf("critical: %s\n", cp.len > 0 ? cp.ptr : "-");
	} else if (k->fmt == FMT_MD && !alone) {
		printf("\nStart %s, finish %s", date_fmt(pl->start, d[0]),
		    date_fmt(pl->finish, d[1]));
		if (has_bf)
			printf(" (baseline %s, %s%ld working days)",
			    date_fmt(bf, d[2]), var > 0 ? "+" : "", var);
		printf(", %ld working days; critical path: %s\n",
		    pl->end_idx - pl->start_idx, cp.len > 0 ? cp.ptr : "-");
	} else {
		struct out o = OUT_INIT;

		snprintf(n[0], sizeof(n[0]), "%zu", pl->ntasks);
		snprintf(n[1], sizeof(n[1]), "%ld", pl->end_idx - pl->start_idx);
		snprintf(n[2], sizeof(n[2]), "%ld", var);
		cells[0] = NULL;
		cells[1] = k->p.name;
		cells[2] = n[0];
		cells[3] = date_fmt(pl->start, d[0]);
		cells[4] = date_fmt(pl->finish, d[1]);
		cells[5] = n[1];
		cells[6] = date_fmt(pl->today, d[3]);
		cells[7] = cp.ptr != NULL ? cp.ptr : "";
		cells[8] = has_bf ? date_fmt(bf, d[2]) : NULL;
		cells[9] = has_bf ? n[2] : NULL;
		out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
		out_row(&o, cells);
		out_end(&o);
	}
	kam_buf_release(&cp);
}

KAM_VERB(plan_show, "", NEED_PROJECT,
    "critical path schedule: early/late dates, slack, finish", PLAN_OPTS,
    { 0 })
{
	const struct opts *o = k->opts;
	struct table tasks = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	const char *base;
	size_t i;
	int summary, critical, ret = -1;

	base = o->baseline;
	summary = o->summary;
	critical = o->critical;
	if (store_load(&k->p, NULL, &schema_tasks, &tasks) == -1 ||
	    (base != NULL && review_tasks_baseline(&tasks, &k->p, base) ==
	    -1) || plan_compute(&pl, &k->p, &tasks) == -1)
		goto out;
	if (k->fmt == FMT_JSON) {
		FILE *fp = stdout;
		const char *sep = "\n";

		/* {"records":[tasks],"total":{the project}} (issue 18) */
		fputs("{\"records\":[", fp);
		for (i = 0; !summary && i < pl.ntasks; i++) {
			if (critical && !pl.tasks[i].critical)
				continue;
			fputs(sep, fp);
			sep = ",\n";
			json_task(fp, &tasks, &pl, &pl.tasks[i]);
		}
		fputs(*sep == ',' ? "\n],\n\"total\":" : "],\n\"total\":", fp);
		json_summary(fp, k, &tasks, &pl);
		fputs("}\n", fp);
	} else if (summary)
		print_summary(k, &tasks, &pl, 1);
	else {
		print_rows(k, &tasks, &pl, critical);
		if (k->fmt != FMT_CSV)
			print_summary(k, &tasks, &pl, 0);
	}
	ret = 0;
out:
	plan_release(&pl);
	table_release(&tasks);
	return ret;
}

KAM_VERB0(plan_baseline, "baseline", NEED_PROJECT | WRITES,
    "store the planned dates as the baseline (one commit)", BASELINE_OPTS)
{
	struct table tasks = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	struct tx tx = TX_INIT;
	int bs = schema_col(&schema_tasks, "baseline_start");
	int bf = schema_col(&schema_tasks, "baseline_finish");
	char d[11], title[80];
	size_t i, had = 0;
	int ret = -1;

	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_tasks, &tasks) == -1 ||
	    plan_compute(&pl, &k->p, &tasks) == -1)
		goto out;
	if (pl.ntasks == 0) {
		kam_err(KAM_EX_DATA, "%s has no tasks to baseline; add some with "
		    "'kam task add'", tasks.path);
		goto out;
	}
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *pt = &pl.tasks[i];
		/* The plan borrows the rows; table_set only changes cells. */
		struct row *r = &tasks.rows[i];

		had += pt->has_baseline;
		table_set(&tasks, r, bs, date_fmt(pt->es_date, d));
		table_set(&tasks, r, bf, date_fmt(pt->ef_date, d));
	}
	if (had > 0)
		kam_warn("replacing the baseline of %zu task%s", had,
		    had == 1 ? "" : "s");
	snprintf(title, sizeof(title), "%zu task%s, finish %s", pl.ntasks,
	    pl.ntasks == 1 ? "" : "s", date_fmt(pl.finish, d));
	store_put(&tx, &tasks);
	if (kam_tx_commit(k, &tx, "plan baseline", NULL, title) == -1)
		goto out;
	ret = 0;
out:
	plan_release(&pl);
	tx_release(&tx);
	table_release(&tasks);
	return ret;
}

const struct verb *const plan_verbs[] = {
	&plan_show_verb, &plan_baseline_verb, NULL
};
