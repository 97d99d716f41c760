/*
 * defect.c: kam defect — defects and rework (SPEC §3 "Quality and customer
 * satisfaction").
 *
 * A defect moves
 *
 *	open -> fixed -> verified
 *	fixed, verified -> open		(reopen)
 *
 * `fix` may add the hours of rework it took; `verify` closes the defect
 * (closed = the date), `reopen` clears that date.  `kam check` turns an
 * open critical defect red and an open major one amber (SPEC §7).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "qa.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char add_usage[] =
    "kam defect add title --severity critical|major|minor --subject s "
    "[--found date]";
static const char fix_usage[] =
    "kam defect fix D-n [--rework hours] [--date date]";
static const char verify_usage[] = "kam defect verify D-n [--date date]";
static const char reopen_usage[] = "kam defect reopen D-n";
static const char list_usage[] =
    "kam defect list [--open] [--severity critical|major|minor] "
    "[--status open|fixed|verified] [--subject s]";
static const char show_usage[] = "kam defect show D-n";

#define MAX_REWORK	1000000L	/* schema: rework 0-1000000 hours */

/* The statuses and the actions that move a defect between them. */
#define DEFECT_STATUSES(X) X(OPEN, "open") X(FIXED, "fixed") \
	X(VERIFIED, "verified")
#define X_ENUM(e, s) DS_##e,
#define X_NAME(e, s) s,
enum dstatus { DEFECT_STATUSES(X_ENUM) DS_N };
static const char *const status_names[DS_N] = { DEFECT_STATUSES(X_NAME) };
#undef X_ENUM
#undef X_NAME

enum daction { DA_FIX, DA_VERIFY, DA_REOPEN, DA_N };
static const char *const action_names[DA_N] = { "fix", "verify", "reopen" };

/* next[action][status]: the status after the action, -1 when refused. */
static const signed char next[DA_N][DS_N] = {
	/*		 open		fixed		verified */
	[DA_FIX]    = { DS_FIXED,	-1,		-1 },
	[DA_VERIFY] = { -1,		DS_VERIFIED,	-1 },
	[DA_REOPEN] = { -1,		DS_OPEN,	DS_OPEN },
};

static const struct option no_opts[] = { { NULL, 0, NULL, 0 } };

static int
status_of(const char *s)
{
	int i;

	for (i = 0; i < DS_N; i++)
		if (strcmp(s, status_names[i]) == 0)
			return i;
	return -1;
}

/* Why action a is refused from status st, and what to do instead (65). */
static int
refuse(enum daction a, int st, const char *id, const char *closed)
{
	switch (a) {
	case DA_FIX:
		if (st == DS_FIXED)
			return kam_err(KAM_EX_DATA, "defect %s is already fixed; "
			    "verify the fix ('kam defect verify %s') or, if it "
			    "did not work, reopen it ('kam defect reopen %s')",
			    id, id, id);
		return kam_err(KAM_EX_DATA, "defect %s is verified (closed %s); "
		    "if it is back, reopen it first ('kam defect reopen %s')",
		    id, *closed != '\0' ? closed : "-", id);
	case DA_VERIFY:
		if (st == DS_OPEN)
			return kam_err(KAM_EX_DATA, "defect %s is open; fix it "
			    "first ('kam defect fix %s'), then verify the fix",
			    id, id);
		return kam_err(KAM_EX_DATA, "defect %s is already verified "
		    "(closed %s)", id, *closed != '\0' ? closed : "-");
	case DA_REOPEN:
	default:
		return kam_err(KAM_EX_DATA, "defect %s is already open; when it "
		    "is fixed, record it with 'kam defect fix %s'", id, id);
	}
}

/* An enum option value checked against a column of defects.csv. */
static int
enum_opt(const char *opt, int col, const char *val)
{
	const struct column *c = &schema_defects.cols[col];
	const char *why;

	if (*val == '\0' || table_check_value(c, 0, val, &why) == -1)
		return kam_err(KAM_EX_USAGE, "%s: invalid value '%s': %s", opt,
		    val, *val == '\0' ? "must not be empty" : why);
	return 0;
}

static int
defect_add(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "severity", required_argument, NULL, 's' },
		{ "subject", required_argument, NULL, 'j' },
		{ "found", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 }
	};
	struct table defects = TABLE_INIT, target = TABLE_INIT;
	struct tx tx = TX_INIT;
	const char *severity = NULL, *subject = NULL, *found = NULL, *subj;
	char canon[32], day[11], id[32];
	struct row *r;
	int32_t d;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, add_usage, &err)) != -1)
		switch (ch) {
		case 's':
			severity = optarg;
			break;
		case 'j':
			subject = optarg;
			break;
		case 'f':
			found = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (severity == NULL || subject == NULL)
		return kam_err(KAM_EX_USAGE, "a new defect needs --severity "
		    "critical|major|minor and --subject (a record such as REQ-3 "
		    "or T-2, or text)");
	if (enum_opt("--severity", DEFECT_SEVERITY, severity) == -1)
		return -1;
	d = k->p.today;
	if (found != NULL && kam_opt_past_date("--found", found, k->p.today,
	    "it when it has happened",
	    &d) == -1)
		return -1;
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_defects, &defects) == -1 ||
	    qa_subject(k, &tx, subject, "--subject", &target, canon,
	    &subj) == -1)
		goto out;
	r = table_add(&defects);
	if (store_set_arg(&defects, r, "title", argv[optind], "title") == -1 ||
	    store_set_arg(&defects, r, "severity", severity,
	    "--severity") == -1 ||
	    store_set_arg(&defects, r, "subject", subj, "--subject") == -1)
		goto out;
	table_set(&defects, r, DEFECT_FOUND, date_fmt(d, day));
	table_set(&defects, r, DEFECT_STATUS, status_names[DS_OPEN]);
	if (target.s != NULL && store_check_refs(&defects, &target) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&defects, r, DEFECT_ID));
	store_put(&tx, &defects);
	if (kam_tx_commit(k, &tx, "defect add", id,
	    table_get(&defects, r, DEFECT_TITLE)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&defects);
	table_release(&target);
	return ret;
}

/* fix, verify and reopen: one step of the state machine. */
static int
transition(int argc, char **argv, struct kam *k, enum daction a,
    const char *usage)
{
	static const struct option fix_opts[] = {
		{ "rework", required_argument, NULL, 'r' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct option verify_opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct table defects = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf body = KAM_BUF_INIT;
	const char *rework = NULL, *date = NULL, *found, *why;
	char *id = NULL, *title = NULL, *closed = NULL, day[11], h[24],
	    cmd[32];
	long hours = 0, old = 0;
	struct row *r;
	int32_t d, f;
	int ch, err = 0, from, to, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", a == DA_FIX ? fix_opts :
	    a == DA_VERIFY ? verify_opts : no_opts, usage, &err)) != -1)
		if (ch == 'r')
			rework = optarg;
		else
			date = optarg;
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(usage);
	if (rework != NULL && int_parse(rework, 0, MAX_REWORK, &hours,
	    &why) == -1)
		return kam_err(KAM_EX_USAGE, "--rework: invalid value '%s': "
		    "expected whole hours 0-%ld", rework, MAX_REWORK);
	d = k->p.today;
	if (date != NULL && kam_opt_past_date("--date", date, k->p.today,
	    "it when it has happened", &d) == -1)
		return -1;
	date_fmt(d, day);
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_defects, &defects) == -1 ||
	    (r = store_lookup(&defects, argv[optind])) == NULL)
		goto out;
	id = xstrdup(table_get(&defects, r, DEFECT_ID));
	title = xstrdup(table_get(&defects, r, DEFECT_TITLE));
	closed = xstrdup(table_get(&defects, r, DEFECT_CLOSED));
	from = status_of(table_get(&defects, r, DEFECT_STATUS));
	if (from == -1 || (to = next[a][from]) == -1) {
		refuse(a, from, id, closed);
		goto out;
	}
	found = table_get(&defects, r, DEFECT_FOUND);
	if (a != DA_REOPEN && *found != '\0' &&
	    date_parse(found, &f, NULL) == 0 && d < f) {
		kam_err(KAM_EX_DATA, "--date: %s is before defect %s was found "
		    "(%s)", day, id, found);
		goto out;
	}
	kam_buf_printf(&body, "Status: %s -> %s.", status_names[from],
	    status_names[to]);
	switch (a) {
	case DA_FIX:
		kam_buf_printf(&body, "\nFixed on %s.", day);
		if (rework == NULL)
			break;
		/* Rework accumulates over every fix of the defect. */
		if (*table_get(&defects, r, DEFECT_REWORK) != '\0' &&
		    int_parse(table_get(&defects, r, DEFECT_REWORK), 0,
		    MAX_REWORK,
		    &old, NULL) == -1)
			old = 0;
		if (old + hours > MAX_REWORK) {
			kam_err(KAM_EX_DATA, "--rework: defect %s already has %ld "
			    "hours of rework; %ld more would exceed %ld", id, old,
			    hours, MAX_REWORK);
			goto out;
		}
		snprintf(h, sizeof(h), "%ld", old + hours);
		table_set(&defects, r, DEFECT_REWORK, h);
		kam_buf_printf(&body, "\nRework: %ld hour%s (%s in all).",
		    hours, hours == 1 ? "" : "s", h);
		break;
	case DA_VERIFY:
		table_set(&defects, r, DEFECT_CLOSED, day);
		kam_buf_printf(&body, "\nVerified and closed on %s.", day);
		break;
	case DA_REOPEN:
	default:
		if (*closed != '\0')
			kam_buf_printf(&body, "\nWas closed on %s.", closed);
		table_set(&defects, r, DEFECT_CLOSED, NULL);
		break;
	}
	table_set(&defects, r, DEFECT_STATUS, status_names[to]);
	store_put(&tx, &defects);
	snprintf(cmd, sizeof(cmd), "defect %s", action_names[a]);
	if (kam_tx_commit_body(k, &tx, cmd, id, title, body.ptr) == -1)
		goto out;
	ret = 0;
out:
	free(id);
	free(title);
	free(closed);
	kam_buf_release(&body);
	tx_release(&tx);
	table_release(&defects);
	return ret;
}

static int
defect_fix(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, DA_FIX, fix_usage);
}

static int
defect_verify(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, DA_VERIFY, verify_usage);
}

static int
defect_reopen(int argc, char **argv, struct kam *k)
{
	return transition(argc, argv, k, DA_REOPEN, reopen_usage);
}

static int
defect_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "open", no_argument, NULL, 'o' },
		{ "severity", required_argument, NULL, 's' },
		{ "status", required_argument, NULL, 'S' },
		{ "subject", required_argument, NULL, 'j' },
		{ NULL, 0, NULL, 0 }
	};
	struct table defects = TABLE_INIT;
	struct row **rows = NULL;
	const char *severity = NULL, *status = NULL, *subject = NULL;
	char canon[32];
	size_t i, n = 0;
	long num;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 'o':
			status = status_names[DS_OPEN];
			break;
		case 's':
			if (enum_opt("--severity", DEFECT_SEVERITY,
			    optarg) == -1)
				return -1;
			severity = optarg;
			break;
		case 'S':
			if (enum_opt("--status", DEFECT_STATUS, optarg) == -1)
				return -1;
			status = optarg;
			break;
		case 'j':
			subject = optarg;
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	/* Ids in any case; text as written, compared ignoring case. */
	if (subject != NULL && id_parse_arg(subject, NULL, canon, &num,
	    NULL) == 0)
		subject = canon;
	if (store_load(&k->p, NULL, &schema_defects, &defects) == -1)
		goto out;
	table_sort(&defects);
	rows = xcalloc(defects.nrows + 1, sizeof(*rows));
	for (i = 0; i < defects.nrows; i++) {
		struct row *r = &defects.rows[i];

		if (status != NULL &&
		    strcmp(table_get(&defects, r, DEFECT_STATUS), status) != 0)
			continue;
		if (severity != NULL &&
		    strcmp(table_get(&defects, r, DEFECT_SEVERITY),
		    severity) != 0)
			continue;
		if (subject != NULL && kam_strcasecmp(table_get(&defects, r,
		    DEFECT_SUBJECT), subject) != 0)
			continue;
		rows[n++] = r;
	}
	records_print(k->fmt, &defects, rows, n, NULL, NULL, 0, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&defects);
	return ret;
}

static int
defect_show(int argc, char **argv, struct kam *k)
{
	return kam_show_record(argc, argv, k, &schema_defects, show_usage,
	    NULL, 0);
}

const struct verb defect_verbs[] = {
	{ "add", defect_add, NEED_PROJECT | WRITES, add_usage,
	    "--severity= --subject= --found=", "record a new defect (open)" },
	{ "fix", defect_fix, NEED_PROJECT | WRITES, fix_usage,
	    "--rework= --date=", "an open defect is fixed" },
	{ "list", defect_list, NEED_PROJECT, list_usage,
	    "--open --severity= --status= --subject=", "list defects" },
	{ "reopen", defect_reopen, NEED_PROJECT | WRITES, reopen_usage, "",
	    "a fixed or verified defect is back" },
	{ "show", defect_show, NEED_PROJECT, show_usage, "",
	    "show one defect" },
	{ "verify", defect_verify, NEED_PROJECT | WRITES, verify_usage,
	    "--date=", "the fix of a defect is verified (closes it)" },
};
const size_t defect_nverbs = ARRAY_SIZE(defect_verbs);
