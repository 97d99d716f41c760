/*
 * store.c: load a project's tables from HEAD or the work tree, check the
 * references between them, and turn command-line values into cells.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "value.h"

int
store_load(struct project *p, struct tx *tx, const struct schema *s,
    struct table *t)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *path = NULL;
	size_t len;
	int rc, ret = -1;

	if (tx != NULL)
		rc = tx_read(tx, s->file, &b);
	else if (p->tree != NULL)
		rc = project_tree_read(p, s->file, &b);
	else {
		path = project_abspath(p, s->file);
		rc = kam_read_file_as(&b, path, s->file);
	}
	if (rc == -1)
		goto out;
	if (rc == 1) {
		table_init(t, s, s->file, p->digits);
		ret = 0;
		goto out;
	}
	len = b.len;
	ret = table_parse_owned(t, s, s->file, p->digits, kam_buf_detach(&b),
	    len);
out:
	free(path);
	kam_buf_release(&b);
	return ret;
}

void
store_put(struct tx *tx, const struct table *t)
{
	struct kam_buf b = KAM_BUF_INIT;

	if (!t->changed)
		return;
	table_serialize(t, &b);
	tx_put(tx, t->path, b.ptr, b.len);
	kam_buf_release(&b);
}

static int
check_one(const struct table *t, const struct row *r, const struct column *c,
    const char *id, const struct table *target)
{
	if (table_find(target, id) != NULL)
		return 0;
	if (r->line == 0)	/* a record being written: no line yet */
		return kam_err(KAM_EX_DATA, "%s: %s %s does not exist in %s",
		    c->name, target->s->noun, id, target->path);
	return kam_err(KAM_EX_DATA, "%s:%lu: %s: %s %s does not exist in %s",
	    t->path, r->line, c->name, target->s->noun, id, target->path);
}

int
store_check_refs(const struct table *t, const struct table *target)
{
	const struct schema *s = t->s;
	const struct column *c;
	const char *v, *q;
	char one[32], pfx[16];
	size_t i, j, n;
	int ret = 0;

	for (j = 0; j < s->ncols; j++) {
		c = &s->cols[j];
		if (c->type != COL_REF && c->type != COL_REFLIST)
			continue;
		if (c->ref != NULL && strcmp(c->ref, target->s->prefix) != 0)
			continue;
		for (i = 0; i < t->nrows; i++) {
			v = table_get(t, &t->rows[i], (int)j);
			if (*v == '\0')
				continue;
			if (c->type == COL_REF) {
				if (id_prefix(v, pfx) == -1 ||
				    strcmp(pfx, target->s->prefix) != 0)
					continue;	/* free text / other table */
				if (check_one(t, &t->rows[i], c, v, target) == -1)
					ret = -1;
				continue;
			}
			while (*v != '\0') {
				q = strchr(v, ' ');
				n = q != NULL ? (size_t)(q - v) : strlen(v);
				if (n < sizeof(one)) {
					memcpy(one, v, n);
					one[n] = '\0';
					/* A list of any ids: only target's. */
					if (c->ref == NULL &&
					    (id_prefix(one, pfx) == -1 ||
					    strcmp(pfx, target->s->prefix) != 0))
						;
					else if (check_one(t, &t->rows[i], c, one,
					    target) == -1)
						ret = -1;
				}
				v += n;
				while (*v == ' ')
					v++;
			}
		}
	}
	return ret;
}

/* A reason that only repeats the example beside it ("expected PREFIX-N,
 * e.g. R-12"): the message leaves it out. */
static int
id_example(const char *why)
{
	return strncmp(why, "expected PREFIX-N", 17) == 0;
}

struct row *
store_lookup(const struct table *t, const char *arg)
{
	char canon[32];
	const char *why;
	struct row *r;
	long num;

	if (id_parse_arg(arg, t->s->prefix, canon, &num, &why) == -1) {
		if (id_example(why))
			why = NULL;
		kam_err(KAM_EX_USAGE, "invalid %s id '%s' (expected e.g. "
		    "%s-12)%s%s", t->s->noun, arg, t->s->prefix,
		    why != NULL ? ": " : "", why != NULL ? why : "");
		return NULL;
	}
	if ((r = table_find(t, canon)) == NULL)
		kam_err(KAM_EX_DATA, "%s %s does not exist in %s", t->s->noun,
		    canon, t->path);
	return r;
}

int
store_set_arg(struct table *t, struct row *r, const char *name,
    const char *val, const char *opt)
{
	const struct column *c;
	const char *why;
	char canon[32], pfx[16];
	struct kam_buf b = KAM_BUF_INIT;
	int col = schema_col(t->s, name), ret = -1;
	int64_t m;
	long num;
	size_t bad;

	if (col == -1)
		return kam_err(KAM_EX_INTERNAL, "no column '%s' in %s", name,
		    t->path);
	c = &t->s->cols[col];
	if (!utf8_valid(val, strlen(val), &bad)) {
		kam_err(KAM_EX_USAGE, "%s: value is not valid UTF-8 (byte %zu)",
		    opt, bad);
		goto out;
	}
	/* A required text (a title) of blanks only says nothing. */
	if (c->required && c->type == COL_TEXT && *val != '\0' &&
	    val[strspn(val, " \t\r\n\v\f")] == '\0') {
		kam_err(KAM_EX_USAGE, "%s: must not be blank", opt);
		goto out;
	}
	/* Ids on the command line are case-insensitive: store them canonical. */
	if (c->type == COL_REF && *val != '\0' && id_prefix(val, pfx) == 0 &&
	    (c->ref == NULL || strcmp(pfx, c->ref) == 0) &&
	    id_parse_arg(val, pfx, canon, &num, NULL) == 0)
		val = canon;
	else if (c->type == COL_REFLIST) {
		const char *p = val, *q;
		size_t n;

		while (*p != '\0') {
			char one[64];

			q = p + strcspn(p, " ,");
			n = (size_t)(q - p);
			if (n > 0) {
				if (n >= sizeof(one) || (memcpy(one, p, n),
				    one[n] = '\0', id_parse_arg(one, c->ref,
				    canon, &num, &why) == -1)) {
					if (n >= sizeof(one) || id_example(why))
						why = NULL;
					kam_err(KAM_EX_USAGE, "%s: invalid id '%.*s' "
					    "(expected e.g. %s-12)%s%s", opt, (int)n,
					    p, c->ref != NULL ? c->ref : "T",
					    why != NULL ? ": " : "",
					    why != NULL ? why : "");
					goto out;
				}
				if (b.len > 0)
					kam_buf_putc(&b, ' ');
				kam_buf_puts(&b, canon);
			}
			p = *q != '\0' ? q + 1 : q;
		}
		val = b.ptr != NULL ? b.ptr : "";
	} else if (c->type == COL_HOURS && *val != '\0' &&
	    hours_parse(val, &m, NULL) == 0) {
		char buf[32];

		kam_buf_puts(&b, hours_fmt(m, buf));
		val = b.ptr;
	} else if (c->type == COL_MONEY && *val != '\0') {
		char buf[32];

		if (money_parse(val, t->digits, &m, &why) == -1) {
			kam_err(KAM_EX_USAGE, "%s: invalid amount '%s': %s", opt,
			    val, why);
			goto out;
		}
		if (c->nonneg && m < 0) {
			kam_err(KAM_EX_USAGE, "%s: invalid amount '%s': a %s must "
			    "not be negative", opt, val, c->name);
			goto out;
		}
		kam_buf_puts(&b, money_fmt(m, t->digits, buf));
		val = b.ptr;
	}
	if (table_check_value(c, t->digits, val, &why) == -1) {
		kam_err(KAM_EX_USAGE, "%s: invalid value '%s': %s", opt, val, why);
		goto out;
	}
	table_set(t, r, col, val);
	ret = 0;
out:
	kam_buf_release(&b);
	return ret;
}

int
store_readback(const struct tx *tx)
{
	struct table t = TABLE_INIT;
	const struct schema *s;
	size_t i;
	int rc;

	for (i = 0; i < tx->nfiles; i++) {
		const struct tx_file *f = &tx->files[i];

		if ((s = schema_by_file(f->path)) == NULL)
			continue;
		rc = table_parse(&t, s, f->path, tx->p->digits,
		    f->data.ptr != NULL ? f->data.ptr : "", f->data.len);
		table_release(&t);
		if (rc == -1)
			return kam_err(KAM_EX_DATA, "refusing to write '%s': kam "
			    "could not read it back; nothing changed", f->path);
	}
	return 0;
}
