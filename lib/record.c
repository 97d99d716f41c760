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
rec_id_arg(const char *opt, const char *arg, const char *prefix, char *canon,
    long *num)
{
	const struct schema *s;

	if (id_parse_arg(arg, prefix, canon, num, NULL) == 0)
		return 0;
	s = schema_by_prefix(prefix);
	return kam_err(KAM_EX_USAGE, "%s: invalid %s id '%s' (expected e.g. "
	    "%s-3)", opt, s != NULL ? s->noun : "record", arg, prefix);
}

int
rec_date_arg(const char *opt, const char *arg, int32_t *out)
{
	const char *why;

	if (date_parse(arg, out, &why) == -1)
		return kam_err(KAM_EX_USAGE, "%s: invalid date '%s': %s", opt,
		    arg, why);
	return 0;
}

int
rec_past_date_arg(const char *opt, const char *arg, int32_t today,
    const char *what, int32_t *out)
{
	char t[11];

	if (rec_date_arg(opt, arg, out) == -1)
		return -1;
	if (*out > today)
		return kam_err(KAM_EX_USAGE, "%s: %s is after today (%s); "
		    "record %s", opt, arg, date_fmt(today, t), what);
	return 0;
}

struct row *
rec_lookup_arg(const struct table *t, const char *arg, const char *opt)
{
	char canon[32];
	long num;

	if (rec_id_arg(opt, arg, t->s->prefix, canon, &num) == -1)
		return NULL;
	return store_lookup(t, canon);
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

#define IS_FLAG(take)	((take) == REC_FLAG || (take) == REC_ONEOF)

/* rec_parse() with a verb's own messages (NULL: the generic ones). */
static int
parse(const struct rec_opt *opts, size_t n, int argc, char **argv,
    const char *usage, int want_operand, const char *need, const char *both,
    struct rec_args *a)
{
	struct option lo[REC_MAX_OPTS + 1];
	char shortopts[2 * REC_MAX_OPTS + 1];
	size_t i, j, nl = 0, ns = 0;
	int ch, err = 0, nseq = 0, ngiven = 0;

	memset(a, 0, sizeof(*a));
	if (n > REC_MAX_OPTS)
		return kam_err(KAM_EX_INTERNAL, "too many options");
	for (i = 0; i < n; i++) {
		if (opts[i].take == REC_NO)
			continue;
		/* val: 256 + index, so short and long map to one entry */
		lo[nl].name = opts[i].name;
		lo[nl].has_arg = IS_FLAG(opts[i].take) ? no_argument :
		    required_argument;
		lo[nl].flag = NULL;
		lo[nl].val = 256 + (int)i;
		nl++;
		if (opts[i].sh[0] != '\0') {
			shortopts[ns++] = opts[i].sh[0];
			if (!IS_FLAG(opts[i].take))
				shortopts[ns++] = ':';
		}
	}
	memset(&lo[nl], 0, sizeof(lo[nl]));
	shortopts[ns] = '\0';
	while ((ch = rec_getopt(argc, argv, shortopts, lo, usage, &err)) != -1) {
		if (ch < 256)
			for (i = 0; i < n; i++)
				if (opts[i].take != REC_NO &&
				    opts[i].sh[0] == ch)
					break;
		i = ch < 256 ? i : (size_t)(ch - 256);
		if (i >= n)
			continue;
		/* Options past REC_MAX_OPTS are refused, repeats included. */
		if (++ngiven > REC_MAX_OPTS)
			return kam_err(KAM_EX_USAGE, "too many options");
		if (a->seq[i] == 0)
			a->seq[i] = ++nseq;
		/* A flag stands for its value (its meta, or its name when
		 * that is ""); two options of one column clash when one of
		 * them is a flag (--lower-is-better, --direction). */
		for (j = 0; j < n; j++)
			if (j != i && a->val[j] != NULL &&
			    (IS_FLAG(opts[j].take) || IS_FLAG(opts[i].take)) &&
			    opts[j].col == opts[i].col)
				return kam_err(KAM_EX_USAGE, "%s", both != NULL ?
				    both : "options clash");
		if (!IS_FLAG(opts[i].take))
			a->val[i] = optarg;
		else
			a->val[i] = opts[i].meta != NULL && *opts[i].meta !=
			    '\0' ? opts[i].meta : opts[i].name;
	}
	if (err)
		return -1;
	if (argc - optind != want_operand)
		return rec_usage(usage);
	if (want_operand > 0) {
		a->operand = argv[optind];
		a->rest = argv + optind + 1;
	}
	for (i = 0; i < n; i++)
		if (opts[i].take == REC_OPERAND && a->val[i] != NULL) {
			if (opts[i].help != NULL && *opts[i].help != '\0')
				return kam_err(KAM_EX_USAGE, "%s", opts[i].help);
			kam_err(KAM_EX_USAGE, "unknown option '--%s' (the %s is "
			    "the operand)", opts[i].name, opts[i].name);
			return rec_usage(usage);
		}
	for (i = 0; i < n; i++) {
		if ((opts[i].take != REC_REQ && opts[i].take != REC_ONEOF) ||
		    a->val[i] != NULL)
			continue;
		/* REC_ONEOF: one of the flags of its column is needed. */
		for (j = 0; j < n; j++)
			if (opts[i].take == REC_ONEOF && a->val[j] != NULL &&
			    opts[j].take == REC_ONEOF && opts[j].col == opts[i].col)
				break;
		if (j < n)
			continue;
		if (need != NULL && *need == '\0')
			return rec_usage(usage);
		if (need != NULL)
			return kam_err(KAM_EX_USAGE, need, a->operand != NULL ?
			    a->operand : "");
		return kam_err(KAM_EX_USAGE, "--%s is required (%s)",
		    opts[i].name, opts[i].help);
	}
	return 0;
}

int
rec_parse(const struct rec_opt *opts, size_t n, int argc, char **argv,
    const char *usage, int want_operand, struct rec_args *a)
{
	return parse(opts, n, argc, argv, usage, want_operand, NULL, NULL, a);
}

int
rec_parse_need(const struct rec_opt *opts, size_t n, int argc, char **argv,
    const char *usage, int want_operand, const char *need, struct rec_args *a)
{
	return parse(opts, n, argc, argv, usage, want_operand, need, NULL, a);
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

/* Option o's name as messages give it: "--due", "due" (bare), or "-p"
 * when the type names options by their short form. */
static const char *
opt_label(const struct rec_type *rt, const struct rec_opt *o, char *buf,
    size_t len)
{
	if (rt != NULL && rt->short_names && o->sh[0] != '\0')
		snprintf(buf, len, "-%s", o->sh);
	else
		snprintf(buf, len, "%s%s", rt != NULL && rt->bare ? "" : "--",
		    o->name);
	return buf;
}

const char *
rec_opt_label(const struct rec_type *rt, const struct rec_opt *o, char *buf,
    size_t len)
{
	return opt_label(rt, o, buf, len);
}

static int
apply_opts(const struct rec_type *rt, struct table *t, struct row *r,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	char opt[64];
	size_t i;

	for (i = 0; i < n; i++) {
		if (a->val[i] == NULL || opts[i].col < 0)
			continue;
		/* A flag sets its column to its name, under the column's. */
		if (store_set_arg(t, r, t->s->cols[opts[i].col].name, a->val[i],
		    IS_FLAG(opts[i].take) ? t->s->cols[opts[i].col].name :
		    opt_label(rt, &opts[i], opt, sizeof(opt))) == -1)
			return -1;
	}
	return 0;
}

int
rec_set_opts(const struct rec_type *rt, struct table *t, struct row *r,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	return apply_opts(rt, t, r, opts, n, a);
}

int
rec_apply_refs(struct project *p, struct tx *tx, struct table *t,
    const struct row *r)
{
	char pfx[16], seen[256], one[32];
	const struct column *c;
	const char *v;
	size_t i;

	/* Every table the row refers to, each once. */
	seen[0] = '\0';
	for (i = 0; i < t->s->ncols; i++) {
		c = &t->s->cols[i];
		if (c->type != COL_REF && c->type != COL_REFLIST)
			continue;
		v = table_get(t, r, (int)i);
		while (list_next(&v, one, sizeof(one))) {
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

int
rec_apply(struct project *p, struct tx *tx, struct table *t, struct row *r,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	if (apply_opts(NULL, t, r, opts, n, a) == -1)
		return -1;
	return rec_apply_refs(p, tx, t, r);
}

/* The type's own apply, or the generic one. */
static int
type_apply(const struct rec_ctx *c, const struct rec_type *rt,
    struct tx *tx, struct table *t, struct row *r, const struct rec_opt *opts,
    size_t n, const struct rec_args *a)
{
	if (rt->apply != NULL)
		return rt->apply(c, tx, t, r, opts, n, a);
	if (apply_opts(rt, t, r, opts, n, a) == -1)
		return -1;
	return rec_apply_refs(c->p, tx, t, r);
}

static int
status_index(const struct rec_type *rt, const struct table *t,
    const struct row *r)
{
	const char *v, *const *e;
	int i;

	if (rt->state != NULL)
		return rt->state(t, r);
	if (rt->status_col < 0)
		return -1;
	v = table_get(t, r, rt->status_col);
	e = rt->s->cols[rt->status_col].enums;
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
	if ((st < 0 || (rt->trans[i].from & REC_BIT(st)) == 0) &&
	    rt->refuse != NULL)
		return rt->refuse(t, r, verb);
	if (st < 0 || (rt->trans[i].from & REC_BIT(st)) == 0)
		return kam_err(KAM_EX_DATA, "%s %s is %s: %s", rt->s->noun,
		    table_get(t, r, ID_COL), table_get(t, r, rt->status_col),
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
	tx->no_verify = c->no_verify;
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
	 * change nothing makes none and exits 1, as git commit does with
	 * nothing to commit; the data is not invalid (issue 18 #6). */
	if (rc == 1)
		rc = kam_err(KAM_EX_NOCHANGE, "%s%s%s: nothing to change (the files "
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
	return rec_commit(c, tx, cmd, table_get(t, r, ID_COL),
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
		if (rec_id_arg("--owner", f->owner, "P", ownerbuf, &num) == -1)
			return -1;
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
	void *arg = c->p;
	int ret = -1;

	if (store_load(c->p, NULL, rt->s, &t) == -1 ||
	    (r = store_lookup(&t, id)) == NULL ||
	    (rt->derived_new != NULL && (arg = rt->derived_new(c)) == NULL))
		goto out;
	record_show(c->fmt, &t, r, rt->derived, rt->nderived, arg);
	if (rt->derived_free != NULL)
		rt->derived_free(arg);
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
	    rt->operand != NULL ? rt->operand :
	    t.s->cols[rt->title_col].name) == -1 ||
	    type_apply(c, rt, &tx, &t, r, opts, n, a) == -1)
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&t, r, ID_COL));
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

static int
set_as(const struct rec_ctx *c, const struct rec_type *rt, const char *verb,
    const struct rec_opt *opts, size_t n, const struct rec_args *a);

int
rec_set(const struct rec_ctx *c, const struct rec_type *rt,
    const struct rec_opt *opts, size_t n, const struct rec_args *a)
{
	return set_as(c, rt, "set", opts, n, a);
}

/* rec_set() committed as "<family> <verb>" (kam risk assess). */
static int
set_as(const struct rec_ctx *c, const struct rec_type *rt, const char *verb,
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
	    type_apply(c, rt, &tx, &t, r, opts, n, a) == -1)
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

static int
is_flag_match(enum rec_wmatch m)
{
	return m == REC_W_OPEN || m == REC_W_OVERDUE || m == REC_W_IS;
}

/* Check the value v of filter w; ids made canonical into canon (32). */
static int
where_check(const struct rec_type *rt, const struct rec_where *w,
    const char *v, char *canon)
{
	const struct column *col = &rt->s->cols[w->col];
	const struct schema *ref;
	const char *why;
	long num;

	if (w->match == REC_W_EQ && col->type == COL_ENUM &&
	    table_check_value(col, 2, v, &why) == -1) {
		if (w->bad != NULL)
			return kam_err(KAM_EX_USAGE, w->bad, v);
		return kam_err(KAM_EX_USAGE, "--%s: invalid value '%s': %s",
		    w->name, v, why);
	}
	if ((w->match == REC_W_REF || w->match == REC_W_AKA) &&
	    id_parse_arg(v, col->ref, canon, &num, &why) == -1) {
		if (w->bad != NULL)
			return kam_err(KAM_EX_USAGE, w->bad, v);
		ref = schema_by_prefix(col->ref);
		return kam_err(KAM_EX_USAGE, "--%s: invalid %s id '%s' "
		    "(expected e.g. %s-3)", w->name, ref != NULL ? ref->noun :
		    "record", v, col->ref);
	}
	return 0;
}

/* Does row r pass filter w with value v? */
static int
where_pass(const struct rec_type *rt, const struct table *t,
    const struct row *r, const struct rec_where *w, const char *v,
    const char *today)
{
	const char *due;
	size_t i;

	switch (w->match) {
	case REC_W_EQ:
	case REC_W_REF:
	case REC_W_AKA:
	case REC_W_IS:
		return strcmp(table_get(t, r, w->col), v) == 0;
	case REC_W_CASE:
		return kam_strcasecmp(table_get(t, r, w->col), v) == 0;
	case REC_W_SEARCH:
		for (i = 0; rt->search != NULL && rt->search[i] >= 0; i++)
			if (kam_strcasestr(table_get(t, r, rt->search[i]), v))
				return 1;
		return 0;
	case REC_W_OPEN:
		return rec_is_open(rt, t, r);
	case REC_W_OVERDUE:
		due = rt->due_col < 0 ? "" : table_get(t, r, rt->due_col);
		return rec_is_open(rt, t, r) && *due != '\0' &&
		    strcmp(due, today) < 0;
	}
	return 0;
}

static int
run_list(const struct rec_ctx *c, const struct rec_verb *v,
    const char *usage, int argc, char **argv)
{
	const struct rec_type *rt = v->rt;
	struct option lo[REC_MAX_OPTS + 1];
	const char *val[REC_MAX_OPTS] = { NULL };
	char canon[REC_MAX_OPTS][32], today[11];
	struct table t = TABLE_INIT;
	struct row **rows = NULL;
	void *arg = c->p;
	size_t i, j, n = 0;
	long num;
	int ch, err = 0, ret = -1;

	if (v->nwhere > REC_MAX_OPTS)
		return kam_err(KAM_EX_INTERNAL, "too many options");
	for (i = 0; i < v->nwhere; i++) {
		lo[i].name = v->where[i].name;
		lo[i].has_arg = is_flag_match(v->where[i].match) ? no_argument :
		    required_argument;
		lo[i].flag = NULL;
		lo[i].val = 256 + (int)i;
	}
	memset(&lo[i], 0, sizeof(lo[i]));
	while ((ch = rec_getopt(argc, argv, "", lo, usage, &err)) != -1) {
		const struct rec_where *w;

		if (ch < 256 || (size_t)(ch - 256) >= v->nwhere)
			continue;
		i = (size_t)(ch - 256);
		w = &v->where[i];
		/* A flag standing for a value of a column and that column's
		 * value option are one filter: the later one counts. */
		for (j = 0; j < v->nwhere; j++)
			if (v->where[j].col == w->col &&
			    ((w->match == REC_W_IS && v->where[j].match ==
			    REC_W_EQ) || (w->match == REC_W_EQ &&
			    v->where[j].match == REC_W_IS)))
				val[j] = NULL;
		if (w->match == REC_W_IS) {
			for (j = 0; j < v->nwhere; j++)
				if (j != i && val[j] != NULL &&
				    v->where[j].match == REC_W_IS &&
				    v->where[j].col == w->col)
					return kam_err(KAM_EX_USAGE, "%s",
					    v->both != NULL ? v->both :
					    "options clash");
			val[i] = w->meta != NULL && *w->meta != '\0' ? w->meta :
			    w->name;
		} else if (is_flag_match(w->match))
			val[i] = "";
		else if (where_check(rt, w, optarg, canon[i]) == -1)
			return -1;
		else if (w->match == REC_W_REF || w->match == REC_W_AKA)
			val[i] = canon[i];
		else if (w->match == REC_W_CASE &&
		    id_parse_arg(optarg, NULL, canon[i], &num, NULL) == 0)
			val[i] = canon[i];	/* an id, in any case */
		else
			val[i] = optarg;
	}
	if (err)
		return -1;
	if (optind != argc)
		return rec_usage(usage);
	if (store_load(c->p, NULL, rt->s, &t) == -1)
		goto out;
	table_sort(&t);
	date_fmt(c->p->today, today);
	rows = xcalloc(t.nrows + 1, sizeof(*rows));
	for (i = 0; i < t.nrows; i++) {
		for (j = 0; j < v->nwhere; j++)
			if (val[j] != NULL && !where_pass(rt, &t, &t.rows[i],
			    &v->where[j], val[j], today))
				break;
		if (j == v->nwhere)
			rows[n++] = &t.rows[i];
	}
	if (v->pick != NULL)
		v->pick(c, &t, rows, &n);
	if (rt->derived_new != NULL && (arg = rt->derived_new(c)) == NULL)
		goto out;
	records_print(c->fmt, &t, rows, n, rt->brief, rt->derived,
	    rt->nderived, arg);
	if (rt->derived_free != NULL)
		rt->derived_free(arg);
	ret = 0;
out:
	free(rows);
	table_release(&t);
	return ret;
}

/* A date the type records as past (a lesson's): valid, not after today. */
static int
past_check(const struct rec_ctx *c, const struct rec_verb *v,
    const struct rec_args *a)
{
	const char *why;
	char d[11], t[11];
	int32_t day;
	size_t i;

	for (i = 0; v->rt->past != NULL && i < v->nopts; i++) {
		if (v->opts[i].col != v->rt->raised_col || a->val[i] == NULL)
			continue;
		if (date_parse(a->val[i], &day, &why) == -1)
			return kam_err(KAM_EX_USAGE, "--%s: invalid date '%s': %s",
			    v->opts[i].name, a->val[i], why);
		if (day > c->p->today)
			return kam_err(KAM_EX_USAGE, "--%s: %s is after today "
			    "(%s); record %s", v->opts[i].name, date_fmt(day, d),
			    date_fmt(c->p->today, t), v->rt->past);
	}
	return 0;
}

int
rec_run(const struct rec_ctx *c, const struct rec_verb *v, int argc,
    char **argv)
{
	const char *usage = v->usage;
	struct rec_args a;
	size_t i;

	if (v->kind == REC_LIST)
		return run_list(c, v, usage, argc, argv);
	if (parse(v->opts, v->nopts, argc, argv, usage, v->operands > 0 ?
	    v->operands : 1, v->need, v->both, &a) == -1)
		return -1;
	switch (v->kind) {
	case REC_ADD:
		if (past_check(c, v, &a) == -1)
			return -1;
		return rec_add(c, v->rt, v->opts, v->nopts, &a);
	case REC_SET:
		for (i = 0; i < v->nopts && a.val[i] == NULL; i++)
			;
		if (i == v->nopts)
			return rec_usage(usage);
		if (past_check(c, v, &a) == -1)
			return -1;
		return set_as(c, v->rt, v->verb != NULL ? v->verb : "set",
		    v->opts, v->nopts, &a);
	case REC_SHOW:
		return rec_show(c, v->rt, a.operand);
	case REC_MOVE:
		if (v->nopts > 0 && a.val[0] != NULL)
			return rec_move(c, v->rt, v->verb, a.operand,
			    v->opts[0].col, a.val[0]);
		return rec_move(c, v->rt, v->verb, a.operand, -1, NULL);
	case REC_CALL:
		return v->call(c, v, &a);
	case REC_LIST:
		break;
	}
	return kam_err(KAM_EX_INTERNAL, "verb kind %d", (int)v->kind);
}
