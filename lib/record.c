/*
 * record.c: the generic verbs of a record type (record.h).
 *
 * Everything here works from the table's declaration (schema.h) and the
 * family's field and transition tables: no column is named, no status
 * spelled, so a new record type is its declaration plus what is unique to
 * it.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "kam.h"
#include "record.h"
#include "store.h"
#include "value.h"

int
rec_usage(const char *usage)
{
	fprintf(stderr, "usage: %s\n", usage);
	return kam_err(KAM_EX_USAGE, "invalid usage (see 'kam help')");
}

int
rec_getopt(int argc, char **argv, const char *shortopts, const void *longopts,
    const char *usage, int *err)
{
	char opts[64];
	const char *arg;
	size_t n;
	int ch;

	/* A leading ':' makes getopt tell a missing value (':') from an
	 * unknown option ('?'). */
	opts[0] = ':';
	snprintf(opts + 1, sizeof(opts) - 1, "%s", shortopts);
	opterr = 0;
	ch = getopt_long(argc, argv, opts, longopts, NULL);
	if (ch == '?' || ch == ':') {
		arg = optind > 0 && optind <= argc ? argv[optind - 1] : "";
		if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0') {
			kam_err(KAM_EX_USAGE, ch == ':' ? "option '-%c' needs a "
			    "value" : "unknown option '-%c'", optopt);
		} else if (ch == ':') {
			kam_err(KAM_EX_USAGE, "option '%s' needs a value", arg);
		} else if (optopt != 0 && strchr(arg, '=') != NULL) {
			n = (size_t)(strchr(arg, '=') - arg);
			kam_err(KAM_EX_USAGE, "option '%.*s' takes no value",
			    (int)n, arg);
		} else
			kam_err(KAM_EX_USAGE, "unknown option '%s'", arg);
		if (ch == '?' && arg[0] == '-' && arg[1] >= '0' && arg[1] <= '9')
			fprintf(stderr, "kam: '%s' looks like a negative number: "
			    "put it after '--' (... -- %s)\n", arg, arg);
		fprintf(stderr, "usage: %s\n", usage);
		*err = 1;
		return -1;
	}
	return ch;
}

int
rec_parse(const struct rec_opt *opts, size_t n, int argc, char **argv,
    const char *usage, int want_operand, struct rec_args *a)
{
	struct option lo[REC_MAX_OPTS + 1];
	char shortopts[2 * REC_MAX_OPTS + 1];
	size_t i, nl = 0, ns = 0;
	int ch, err = 0;

	memset(a, 0, sizeof(*a));
	if (n > REC_MAX_OPTS)
		return kam_err(KAM_EX_INTERNAL, "too many options");
	for (i = 0; i < n; i++) {
		if (opts[i].take == REC_NO)
			continue;
		/* val: 256 + index, so short and long map to one entry */
		lo[nl].name = opts[i].name;
		lo[nl].has_arg = required_argument;
		lo[nl].flag = NULL;
		lo[nl].val = 256 + (int)i;
		nl++;
		if (opts[i].shortopt != 0) {
			shortopts[ns++] = (char)opts[i].shortopt;
			shortopts[ns++] = ':';
		}
	}
	memset(&lo[nl], 0, sizeof(lo[nl]));
	shortopts[ns] = '\0';
	while ((ch = rec_getopt(argc, argv, shortopts, lo, usage, &err)) != -1) {
		if (ch < 256)
			for (i = 0; i < n; i++)
				if (opts[i].take != REC_NO &&
				    opts[i].shortopt == ch)
					break;
		i = ch < 256 ? i : (size_t)(ch - 256);
		if (i < n)
			a->val[i] = optarg;
	}
	if (err)
		return -1;
	if (argc - optind != (want_operand ? 1 : 0))
		return rec_usage(usage);
	if (want_operand)
		a->operand = argv[optind];
	for (i = 0; i < n; i++)
		if (opts[i].take == REC_REQ && a->val[i] == NULL)
			return kam_err(KAM_EX_USAGE, "--%s is required (%s)",
			    opts[i].name, opts[i].help);
	return 0;
}

/* Load the table of prefix pfx (t itself when it is t's own) and check
 * t's references to it. */
static int
check_refs_to(struct project *p, struct tx *tx, struct table *t,
    const char *pfx)
{
	const struct schema *s = schema_by_prefix(pfx);
	struct table target = TABLE_INIT;
	int ret;

	if (s == NULL || s->monthly)
		return 0;
	if (s == t->s)
		return store_check_refs(t, t);
	ret = store_load(p, tx, s, &target) == -1 ? -1 :
	    store_check_refs(t, &target);
	table_release(&target);
	return ret;
}

int
rec_apply(struct project *p, struct tx *tx, struct table *t, struct row *r,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	char opt[64], pfx[16], seen[256], one[32];
	const struct column *c;
	const char *v;
	size_t i, len;

	for (i = 0; i < n; i++) {
		if (a->val[i] == NULL)
			continue;
		snprintf(opt, sizeof(opt), "--%s", opts[i].name);
		if (store_set_arg(t, r, t->s->cols[opts[i].col].name, a->val[i],
		    opt) == -1)
			return -1;
	}
	/* Every table the row refers to, each once. */
	seen[0] = '\0';
	for (i = 0; i < t->s->ncols; i++) {
		c = &t->s->cols[i];
		if (c->type != COL_REF && c->type != COL_REFLIST)
			continue;
		for (v = table_get(t, r, (int)i); *v != '\0'; v += len) {
			while (*v == ' ')
				v++;
			len = strcspn(v, " ");
			if (len == 0 || len >= sizeof(one))
				continue;
			memcpy(one, v, len);
			one[len] = '\0';
			if (id_prefix(one, pfx) == -1)
				continue;
			if (strstr(seen, pfx) != NULL &&
			    strstr(seen, pfx)[-1] == ' ' &&
			    strstr(seen, pfx)[strlen(pfx)] == ' ')
				continue;
			if (strlen(seen) + strlen(pfx) + 3 < sizeof(seen)) {
				if (seen[0] == '\0')
					strcat(seen, " ");
				strcat(seen, pfx);
				strcat(seen, " ");
			}
			if (check_refs_to(p, tx, t, pfx) == -1)
				return -1;
		}
	}
	return 0;
}

static int
status_index(const struct rec_type *rt, const struct table *t,
    const struct row *r)
{
	const char *v = table_get(t, r, rt->status_col);
	const char *const *e = rt->s->cols[rt->status_col].enums;
	int i;

	for (i = 0; e[i] != NULL; i++)
		if (strcmp(e[i], v) == 0)
			return i;
	return -1;
}

int
rec_is_open(const struct rec_type *rt, const struct table *t,
    const struct row *r)
{
	int i = status_index(rt, t, r);

	return i >= 0 && (rt->open & REC_BIT(i)) != 0;
}

int
rec_transition(const struct rec_type *rt, const struct table *t,
    const struct row *r, const char *verb)
{
	size_t i;
	int st = status_index(rt, t, r);

	for (i = 0; i < rt->ntrans; i++)
		if (strcmp(rt->trans[i].verb, verb) == 0)
			break;
	if (i == rt->ntrans)
		return kam_err(KAM_EX_INTERNAL, "no transition '%s'", verb);
	if (st < 0 || (rt->trans[i].from & REC_BIT(st)) == 0)
		return kam_err(KAM_EX_DATA, "%s %s is %s: %s", rt->s->noun,
		    table_get(t, r, 0), table_get(t, r, rt->status_col),
		    rt->trans[i].refuse);
	return rt->trans[i].to >= 0 ? rt->trans[i].to : st;
}

char *
rec_subject(const char *cmd, const char *id, const char *title)
{
	return kam_subject(cmd, id, title);
}

/* A commit body with its control bytes escaped; newlines and tabs kept. */
static void
put_escaped_body(struct kam_buf *out, const char *s)
{
	const char *p;
	char *seg, *esc;
	size_t n;

	for (p = s; *p != '\0'; p += n) {
		n = strcspn(p, "\n\t");
		seg = xstrndup(p, n);
		esc = kam_escape(seg);
		kam_buf_puts(out, esc);
		free(esc);
		free(seg);
		if (p[n] != '\0')
			kam_buf_putc(out, p[n++]);
	}
}

int
rec_begin(const struct rec_ctx *c, struct tx *tx, struct table *t,
    const struct schema *s)
{
	if (tx_begin(tx, c->p, c->no_commit) == -1)
		return -1;
	return t == NULL ? 0 : store_load(c->p, tx, s, t);
}

int
rec_commit(const struct rec_ctx *c, struct tx *tx, const char *cmd,
    const char *id, const char *title, const char *body)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *subject = rec_subject(cmd, id, title);
	int rc;

	/* The body says what the command decided; the user's -m text
	 * follows it. */
	if (body != NULL && *body != '\0')
		put_escaped_body(&b, body);
	if (c->msg != NULL && *c->msg != '\0') {
		if (b.len > 0)
			kam_buf_puts(&b, "\n\n");
		put_escaped_body(&b, c->msg);
	}
	rc = store_readback(tx);
	if (rc == 0)
		rc = tx_commit(tx, subject, b.len > 0 ? b.ptr : NULL);
	/* Exit 0 means exactly one commit (SPEC §3): a write that would
	 * change nothing is refused rather than reported as done. */
	if (rc == 1)
		rc = kam_err(KAM_EX_DATA, "%s%s%s: nothing to change (the files "
		    "already say so); no commit made", cmd, id ? " " : "",
		    id ? id : "");
	free(subject);
	kam_buf_release(&b);
	return rc;
}

int
rec_commit_row(const struct rec_ctx *c, struct tx *tx, const char *cmd,
    const struct rec_type *rt, struct table *t, const struct row *r,
    const char *body)
{
	store_put(tx, t);
	return rec_commit(c, tx, cmd, table_get(t, r, 0),
	    table_get(t, r, rt->title_col), body);
}

int
rec_filter_check(const struct rec_type *rt, struct rec_filter *f,
    char *ownerbuf)
{
	const char *why;
	long num;

	if (f->status != NULL && table_check_value(
	    &rt->s->cols[rt->status_col], 2, f->status, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--status: invalid value '%s': %s",
		    f->status, why);
	if (f->owner != NULL) {
		if (id_parse_arg(f->owner, "P", ownerbuf, &num, &why) == -1)
			return kam_err(KAM_EX_USAGE, "--owner: invalid person "
			    "id '%s' (expected e.g. P-3)", f->owner);
		f->owner = ownerbuf;
	}
	return 0;
}

int
rec_list(const struct rec_ctx *c, const struct rec_type *rt,
    const struct rec_filter *f)
{
	struct table t = TABLE_INIT;
	struct row **rows = NULL;
	char today[11];
	size_t i, n = 0;
	int ret = -1;

	if (store_load(c->p, NULL, rt->s, &t) == -1)
		goto out;
	table_sort(&t);
	date_fmt(c->p->today, today);
	rows = xcalloc(t.nrows + 1, sizeof(*rows));
	for (i = 0; i < t.nrows; i++) {
		struct row *r = &t.rows[i];
		const char *due;

		if ((f->open_only || f->overdue) && !rec_is_open(rt, &t, r))
			continue;
		if (f->status != NULL &&
		    strcmp(table_get(&t, r, rt->status_col), f->status) != 0)
			continue;
		if (f->owner != NULL && (rt->owner_col < 0 ||
		    strcmp(table_get(&t, r, rt->owner_col), f->owner) != 0))
			continue;
		if (f->overdue) {
			due = rt->due_col < 0 ? "" : table_get(&t, r,
			    rt->due_col);
			if (*due == '\0' || strcmp(due, today) >= 0)
				continue;
		}
		rows[n++] = r;
	}
	records_print(c->fmt, &t, rows, n, rt->brief, rt->derived,
	    rt->nderived, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&t);
	return ret;
}

int
rec_show(const struct rec_ctx *c, const struct rec_type *rt, const char *id)
{
	struct table t = TABLE_INIT;
	struct row *r;
	int ret = -1;

	if (store_load(c->p, NULL, rt->s, &t) == -1 ||
	    (r = store_lookup(&t, id)) == NULL)
		goto out;
	record_show(c->fmt, &t, r, rt->derived, rt->nderived, NULL);
	ret = 0;
out:
	table_release(&t);
	return ret;
}

static int
has_transition(const struct rec_type *rt, const char *verb)
{
	size_t i;

	for (i = 0; i < rt->ntrans; i++)
		if (strcmp(rt->trans[i].verb, verb) == 0)
			return 1;
	return 0;
}

int
rec_add(const struct rec_ctx *c, const struct rec_type *rt,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	char cmd[64], id[32], today[11];
	size_t i;
	int ret = -1;

	if (rec_begin(c, &tx, &t, rt->s) == -1)
		goto out;
	r = table_add(&t);
	for (i = 0; i < rt->ndefaults; i++)
		table_set(&t, r, rt->defaults[i].col, rt->defaults[i].val);
	if (rt->raised_col >= 0)
		table_set(&t, r, rt->raised_col, date_fmt(c->p->today, today));
	if (store_set_arg(&t, r, t.s->cols[rt->title_col].name, a->operand,
	    t.s->cols[rt->title_col].name) == -1 ||
	    rec_apply(c->p, &tx, &t, r, opts, n, a) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&t, r, 0));
	snprintf(cmd, sizeof(cmd), "%s add", rt->family);
	if (rec_commit_row(c, &tx, cmd, rt, &t, r, NULL) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}

int
rec_set(const struct rec_ctx *c, const struct rec_type *rt,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	char cmd[64];
	int ret = -1;

	if (rec_begin(c, &tx, &t, rt->s) == -1 ||
	    (r = store_lookup(&t, a->operand)) == NULL ||
	    (has_transition(rt, "set") &&
	    rec_transition(rt, &t, r, "set") == -1) ||
	    rec_apply(c->p, &tx, &t, r, opts, n, a) == -1)
		goto out;
	snprintf(cmd, sizeof(cmd), "%s set", rt->family);
	if (rec_commit_row(c, &tx, cmd, rt, &t, r, NULL) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}

int
rec_move(const struct rec_ctx *c, const struct rec_type *rt, const char *verb,
    const char *id, int col, const char *val)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	char cmd[64], opt[64];
	int to, ret = -1;

	if (rec_begin(c, &tx, &t, rt->s) == -1 ||
	    (r = store_lookup(&t, id)) == NULL ||
	    (to = rec_transition(rt, &t, r, verb)) == -1)
		goto out;
	table_set(&t, r, rt->status_col, rt->s->cols[rt->status_col].enums[to]);
	snprintf(opt, sizeof(opt), "--%s", col >= 0 ? t.s->cols[col].name : "");
	if (col >= 0 && store_set_arg(&t, r, t.s->cols[col].name, val, opt) == -1)
		goto out;
	snprintf(cmd, sizeof(cmd), "%s %s", rt->family, verb);
	if (rec_commit_row(c, &tx, cmd, rt, &t, r, NULL) == -1)
		goto out;
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	return ret;
}
