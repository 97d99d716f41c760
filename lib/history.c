/*
 * history.c: record-level change sets and the history walk (history.h).
 *
 * Two versions of a file are compared byte-wise first.  Their longest
 * common prefix and suffix are cut back to record boundaries (a newline
 * outside quotes: in valid RFC 4180 text the number of quote characters
 * before it is even) and only the records in between are parsed, each side
 * with the file's header in front, so the cost of a one-record change does
 * not grow with the file.
 *
 * The walk follows the benchmark notes (shared/bench/README.md): revwalk,
 * compare tree entry ids of each table file with the parent's, read a blob
 * only when its id changed, never re-parse an unchanged version, and keep
 * strict hash verification off while walking (read-only).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "derive.h"
#include "histidx.h"
#include "history.h"
#include "kam.h"
#include "minutes.h"
#include "table.h"
#include "value.h"

/* The minutes as a table of log and diff (issue 18 #5): not a CSV file,
 * so not in kam_schemas; its records are made here. */
const struct schema hist_meetings = { "meetings", "meetings", NULL,
	"meeting", NULL, 0, { 0, 0 }, 0, 0 };

const struct schema *
hist_table(const char *name)
{
	const struct schema *s;

	if ((s = schema_by_name(name)) != NULL ||
	    (s = schema_by_file(name)) != NULL)
		return s;
	if (strcmp(name, "meetings") == 0 || strcmp(name, "meetings/") == 0)
		return &hist_meetings;
	return NULL;
}

/*
 * Whether arg names a meeting of the minutes ("2026-11-20-alice-sync",
 * meetings/NAME.md in the work tree) or one of its items
 * ("2026-11-20-alice-sync/D2", "NAME/A1": decision or action number as
 * kam log and kam diff show them), rather than a revision: an item id
 * that is also a revision is the revision.  canon gets the id (D and A
 * upper case).  1; 2 for a plain NAME not in the work tree that is no
 * revision (a meeting since removed, or a mistyped revision: kam log
 * tells which when the walk finds nothing); or 0.
 */
int
hist_meeting_arg(const struct project *p, const char *arg, char *canon,
    size_t len)
{
	git_object *obj = NULL;
	const char *sl = strchr(arg, '/'), *d;
	char *path;
	struct stat st;
	int rc;

	if (*arg == '\0' || *arg == '.' || strlen(arg) >= len ||
	    strpbrk(arg, "\\:") != NULL)
		return 0;
	if (sl == NULL) {
		path = xasprintf("%smeetings/%s.md", p->root, arg);
		rc = stat(path, &st) == 0 && S_ISREG(st.st_mode);
		free(path);
		/* Not in the work tree (a meeting since removed): a plain
		 * file name that is not a revision (kam log says which it
		 * was not when the history has no such meeting either). */
		if (!rc && arg[0] != '-' && strstr(arg, "..") == NULL &&
		    arg[strspn(arg, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")] == '\0') {
			if (git_revparse_single(&obj, p->repo, arg) == 0)
				git_object_free(obj);
			else
				rc = 2;
			git_error_clear();
		}
		if (rc)
			snprintf(canon, len, "%s", arg);
		return rc;
	}
	if (sl == arg || strchr(sl + 1, '/') != NULL ||
	    strchr("DdAa", sl[1]) == NULL || sl[1] == '\0' || sl[2] == '\0' ||
	    sl[2] == '0')
		return 0;
	for (d = sl + 2; *d != '\0'; d++)
		if (*d < '0' || *d > '9')
			return 0;
	if (git_revparse_single(&obj, p->repo, arg) == 0) {
		git_object_free(obj);
		return 0;
	}
	git_error_clear();
	snprintf(canon, len, "%s", arg);
	canon[sl + 1 - arg] = sl[1] == 'd' || sl[1] == 'D' ? 'D' : 'A';
	return 1;
}

/* ---- the change set ---- */

const char *
hist_op_name(enum hist_op op)
{
	return op == HIST_ADDED ? "added" : op == HIST_REMOVED ? "removed" :
	    "changed";
}

struct hist_rec *
hist_rec_new(struct hist_set *set, const struct schema *s, const char *file,
    const char *id, long num, enum hist_op op)
{
	struct hist_rec *r;

	if (set->n == set->alloc) {
		set->alloc = set->alloc ? set->alloc * 2 : 16;
		set->v = xrealloc(set->v, set->alloc * sizeof(*set->v));
	}
	r = &set->v[set->n++];
	memset(r, 0, sizeof(*r));
	r->s = s;
	r->file = xstrdup(file);
	r->id = xstrdup(id);
	r->title = xstrdup("");
	r->num = num;
	r->op = op;
	return r;
}

void
hist_rec_field(struct hist_rec *r, const char *name, const char *old,
    const char *new, int derived)
{
	struct hist_field *f;

	r->f = xrealloc(r->f, (r->nf + 1) * sizeof(*r->f));
	f = &r->f[r->nf++];
	f->name = xstrdup(name);
	f->old = xstrdup(old != NULL ? old : "");
	f->new = xstrdup(new != NULL ? new : "");
	f->derived = derived;
}

static void
rec_free(struct hist_rec *r)
{
	size_t j;

	for (j = 0; j < r->nf; j++) {
		free((char *)r->f[j].name);
		free(r->f[j].old);
		free(r->f[j].new);
	}
	free(r->f);
	free(r->file);
	free(r->id);
	free(r->title);
}

void
hist_set_clear(struct hist_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		rec_free(&set->v[i]);
	set->n = 0;
	set->invalid = 0;
}

void
hist_set_release(struct hist_set *set)
{
	hist_set_clear(set);
	free(set->v);
	set->v = NULL;
	set->alloc = 0;
}

static size_t
schema_rank(const struct schema *s)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		if (kam_schemas[i] == s)
			return i;
	return i;
}

static int
cmp_rec(const void *x, const void *y)
{
	const struct hist_rec *a = x, *b = y;
	size_t ra = schema_rank(a->s), rb = schema_rank(b->s);
	int c;

	if (ra != rb)
		return ra < rb ? -1 : 1;
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	if ((c = strcmp(a->id, b->id)) != 0)
		return c;
	return strcmp(a->file, b->file);
}

void
hist_set_sort(struct hist_set *set)
{
	if (set->n > 1)
		qsort(set->v, set->n, sizeof(*set->v), cmp_rec);
}

/* ---- reading a version quietly ---- */

static void
quiet(void *arg, int code, const char *msg)
{
	(void)arg;
	(void)code;
	(void)msg;
}

/* Parse without printing and without touching the exit code: an old
 * version's problems are history, not this command's failure. */
static int
quiet_parse(struct table *t, const struct schema *s, const char *file,
    int digits, const char *buf, size_t len)
{
	int saved = kam_exit_code, rc;

	kam_msg_capture(quiet, NULL);
	rc = table_parse(t, s, file, digits, buf, len);
	kam_msg_capture(NULL, NULL);
	kam_exit_code = saved;
	return rc;
}

/* ---- byte-wise trimming ---- */

/* Quote characters in p[0..n): eight bytes at a time, since kam files
 * quote many fields and a memchr() per quote costs more than this. */
static size_t
count_quotes(const char *p, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, hi = 0x8080808080808080ULL;
	const uint64_t low7 = 0x7f7f7f7f7f7f7f7fULL;
	size_t c = 0, i = 0;
	uint64_t w, x;

	for (; i + 8 <= n; i += 8) {
		memcpy(&w, p + i, 8);
		x = w ^ (ones * '"');
		/* High bit set in each byte of x that is zero. */
		x = ~(((x & low7) + low7) | x) & hi;
		/* Sum the 0/1 bytes into the top byte. */
		c += (size_t)(((x >> 7) * ones) >> 56);
	}
	for (; i < n; i++)
		c += p[i] == '"';
	return c;
}

static size_t
count_lines(const char *p, size_t n)
{
	const char *e = p + n;
	size_t c = 0;

	while (p < e && (p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		c++;
		p++;
	}
	return c;
}

/* End of the header record (just after its newline), 0 if none. */
static size_t
header_end(const char *b, size_t len)
{
	const char *p = b, *e = b + len, *nl;
	size_t q = 0;

	while (p < e && (nl = memchr(p, '\n', (size_t)(e - p))) != NULL) {
		q += count_quotes(p, (size_t)(nl - p));
		if (q % 2 == 0)
			return (size_t)(nl - b) + 1;
		p = nl + 1;
	}
	return 0;
}

static size_t
common_prefix(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen, i = 0;

	while (i + 4096 <= n && memcmp(a + i, b + i, 4096) == 0)
		i += 4096;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

static size_t
common_suffix(const char *a, size_t alen, const char *b, size_t blen,
    size_t cap)
{
	size_t i = 0;

	while (i + 4096 <= cap && memcmp(a + alen - i - 4096,
	    b + blen - i - 4096, 4096) == 0)
		i += 4096;
	while (i < cap && a[alen - i - 1] == b[blen - i - 1])
		i++;
	return i;
}

struct cut {
	size_t	 hend;		/* header length */
	size_t	 pre;		/* common records end here (both sides) */
	size_t	 aend, bend;	/* the differing records end here */
};

/* Find the records that differ.  Returns 1 when the versions are the
 * same records byte for byte, 0 with *c set, -1 when the files must be
 * compared whole (headers differ, odd quotes, no header). */
static int
trim(const char *a, size_t alen, const char *b, size_t blen, struct cut *c)
{
	size_t p, s, q, qs, x, nx, xa, xb, cap;
	const char *nl;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1;
	c->hend = header_end(a, alen);
	if (c->hend == 0 || c->hend != header_end(b, blen))
		return -1;
	p = common_prefix(a, alen, b, blen);
	if (p < c->hend)
		return -1;
	/* Back to a line start with an even number of quotes before it. */
	q = count_quotes(a, p);
	x = p;
	while (x != c->hend && (a[x - 1] != '\n' || q % 2 != 0)) {
		nl = memrchr(a + c->hend, '\n', x - 1 - c->hend);
		nx = nl != NULL ? (size_t)(nl - a) + 1 : c->hend;
		q -= count_quotes(a + nx, x - nx);
		x = nx;
	}
	c->pre = x;
	cap = (alen < blen ? alen : blen) - c->pre;
	s = common_suffix(a, alen, b, blen, cap);
	xa = alen - s;
	xb = blen - s;
	qs = count_quotes(a + xa, s);
	/* Each whole version must have an even number of quotes, or no
	 * newline can be known to end a record. */
	if ((q + count_quotes(a + c->pre, xa - c->pre) + qs) % 2 != 0 ||
	    (q + count_quotes(b + c->pre, xb - c->pre) + qs) % 2 != 0)
		return -1;
	/* Forward to a line start in both versions with an even number of
	 * quotes after it. */
	while (xa != alen && !((xa == c->pre || a[xa - 1] == '\n') &&
	    (xb == c->pre || b[xb - 1] == '\n') && qs % 2 == 0)) {
		nl = memchr(a + xa, '\n', alen - xa);
		x = nl != NULL ? (size_t)(nl - a) + 1 - xa : alen - xa;
		qs -= count_quotes(a + xa, x);
		xa += x;
		xb += x;
	}
	c->aend = xa;
	c->bend = xb;
	return 0;
}

/* ---- comparing records ---- */

struct key {
	const char	*id;	/* id or composed key */
	long		 num;
	const struct row *r;
};

static int
cmp_key(const void *x, const void *y)
{
	const struct key *a = x, *b = y;

	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return strcmp(a->id, b->id);
}

/* Keys of t's rows, sorted; keyless tables get "k1/k2" in t's arena. */
static struct key *
keys_of(struct table *t, const struct hist_filter *f, size_t *n)
{
	const struct schema *s = t->s;
	struct key *k = xcalloc(t->nrows + 1, sizeof(*k));
	const char *id;
	size_t i;

	*n = 0;
	for (i = 0; i < t->nrows; i++) {
		struct row *r = &t->rows[i];

		if (s->prefix != NULL) {
			id = table_get(t, r, ID_COL);
			if (f != NULL && f->id != NULL && strcmp(id, f->id) != 0)
				continue;
			k[*n].num = r->num;
		} else {
			char *tmp = s->nkeys > 1 ?
			    xasprintf("%s/%s", table_get(t, r, s->keys[0]),
			    table_get(t, r, s->keys[1])) :
			    xstrdup(table_get(t, r, s->keys[0]));

			id = table_strdup(t, tmp);
			free(tmp);
			if (f != NULL && f->id != NULL && strcmp(id, f->id) != 0)
				continue;
			k[*n].num = 0;
		}
		k[*n].id = id;
		k[*n].r = r;
		(*n)++;
	}
	qsort(k, *n, sizeof(*k), cmp_key);
	return k;
}

static const char *const title_cols[] = { "title", "name", "item",
	"description", "lesson", "criterion", "comment", NULL };

static const char *
title_of(const struct table *t, const struct row *r)
{
	const char *v;
	size_t i;

	for (i = 0; title_cols[i] != NULL; i++)
		if ((v = table_get_name(t, r, title_cols[i])) != NULL)
			return v;
	return "";
}

/* Values computed on read that a reviewer wants to see change. */
struct derived_def {
	const struct schema	*s;
	const char		*name;
	void			(*fn)(const struct table *t, const struct row *r,
				    char *buf);
};

static void
d_score(const struct table *t, const struct row *r, char *buf)
{
	long s = risk_score(t, r);

	if (s == 0)
		buf[0] = '\0';
	else
		snprintf(buf, 32, "%ld", s);
}

static void
d_level(const struct table *t, const struct row *r, char *buf)
{
	long s = risk_score(t, r);

	snprintf(buf, 32, "%s", risk_level(s));
}

static const struct derived_def derived_defs[] = {
	{ &schema_risks, "score", d_score },
	{ &schema_risks, "level", d_level },
};

static int
same_value(const struct table *t, const char *name, const char *x,
    const char *y)
{
	int c;
	int64_t mx, my;

	if (strcmp(x, y) == 0)
		return 1;
	if ((c = schema_col(t->s, name)) == -1 ||
	    t->s->cols[c].type != COL_MONEY)
		return 0;
	return money_parse(x, t->digits, &mx, NULL) == 0 &&
	    money_parse(y, t->digits, &my, NULL) == 0 && mx == my;
}

/* Column names of a and b in b's order, then a's columns that b lacks. */
static void
compare_rows(struct hist_rec *rec, const struct table *a, const struct row *ra,
    const struct table *b, const struct row *rb)
{
	const char *x, *y;
	char dx[32], dy[32];
	size_t i;

	if (rb != NULL)
		for (i = 0; i < b->ncols; i++) {
			if (ra == NULL && i == (size_t)b->colmap[0] &&
			    b->s->prefix != NULL)
				continue;	/* an added record's own id */
			y = rb->cell[i];
			x = ra != NULL ? table_get_name(a, ra, b->header[i]) : "";
			if (x == NULL)
				x = "";
			if (!same_value(b, b->header[i], x, y))
				hist_rec_field(rec, b->header[i], x, y, 0);
		}
	if (ra != NULL)
		for (i = 0; i < a->ncols; i++) {
			if (rb != NULL &&
			    table_get_name(b, rb, a->header[i]) != NULL)
				continue;
			x = ra->cell[i];
			if (rb == NULL && i == (size_t)a->colmap[0] &&
			    a->s->prefix != NULL)
				continue;
			if (*x != '\0')
				hist_rec_field(rec, a->header[i], x, "", 0);
		}
	for (i = 0; i < ARRAY_SIZE(derived_defs); i++) {
		if (derived_defs[i].s != (a != NULL ? a->s : b->s))
			continue;
		dx[0] = dy[0] = '\0';
		if (ra != NULL)
			derived_defs[i].fn(a, ra, dx);
		if (rb != NULL)
			derived_defs[i].fn(b, rb, dy);
		if (strcmp(dx, dy) != 0)
			hist_rec_field(rec, derived_defs[i].name, dx, dy, 1);
	}
}

/* Match the records of a and b by key.  line_a/line_b: added to the
 * table's line numbers to get the file's (trimmed parses). */
static void
match(struct hist_set *set, const char *file, struct table *a, long line_a,
    struct table *b, long line_b, const struct hist_filter *f)
{
	struct key *ka, *kb;
	size_t na, nb, i = 0, j = 0;
	struct hist_rec *rec;
	int c;

	ka = keys_of(a, f, &na);
	kb = keys_of(b, f, &nb);
	while (i < na || j < nb) {
		if (i == na)
			c = 1;
		else if (j == nb)
			c = -1;
		else
			c = cmp_key(&ka[i], &kb[j]);
		if (c < 0) {
			rec = hist_rec_new(set, a->s, file, ka[i].id, ka[i].num,
			    HIST_REMOVED);
			compare_rows(rec, a, ka[i].r, a, NULL);
			free(rec->title);
			rec->title = xstrdup(title_of(a, ka[i].r));
			rec->line = ka[i].r->line + (unsigned long)line_a;
			i++;
			continue;
		}
		if (c > 0) {
			rec = hist_rec_new(set, b->s, file, kb[j].id, kb[j].num,
			    HIST_ADDED);
			compare_rows(rec, b, NULL, b, kb[j].r);
			free(rec->title);
			rec->title = xstrdup(title_of(b, kb[j].r));
			rec->line = kb[j].r->line + (unsigned long)line_b;
			j++;
			continue;
		}
		rec = hist_rec_new(set, b->s, file, kb[j].id, kb[j].num,
		    HIST_CHANGED);
		compare_rows(rec, a, ka[i].r, b, kb[j].r);
		if (rec->nf == 0) {
			rec_free(rec);
			set->n--;
		} else {
			free(rec->title);
			rec->title = xstrdup(title_of(b, kb[j].r));
			rec->line = kb[j].r->line + (unsigned long)line_b;
		}
		i++;
		j++;
	}
	free(ka);
	free(kb);
}

/* Header plus records [from, to) of buf, parsed quietly. */
static void
parse_part(struct table *t, const struct schema *s, const char *file,
    int digits, const char *buf, size_t hend, size_t from, size_t to,
    unsigned *invalid)
{
	struct kam_buf b = KAM_BUF_INIT;

	kam_buf_add(&b, buf, hend);
	kam_buf_add(&b, buf + from, to - from);
	if (quiet_parse(t, s, file, digits, b.ptr, b.len) == -1)
		(*invalid)++;
	kam_buf_release(&b);
}

static void
parse_whole(struct table *t, const struct schema *s, const char *file,
    int digits, const char *buf, size_t len, unsigned *invalid)
{
	if (buf == NULL) {
		table_init(t, s, file, digits);
		return;
	}
	if (quiet_parse(t, s, file, digits, buf, len) == -1)
		(*invalid)++;
	if (t->header == NULL)
		table_init(t, s, file, digits);
}

/* Might the trimmed part of one side hold the record of the filter?  A
 * cheap test before parsing, sure only in kam's own layout (id the first
 * column, unquoted): the id and a comma at a line start. */
static int
mentions(const char *buf, size_t hend, size_t from, size_t to, const char *id)
{
	size_t n = strlen(id);
	const char *p = buf + from, *e = buf + to, *q;

	if (hend < 3 || memcmp(buf, "id,", 3) != 0 ||
	    memchr(p, '"', (size_t)(e - p)) != NULL)
		return 1;

	while (p < e && (q = memmem(p, (size_t)(e - p), id, n)) != NULL) {
		if ((q == buf + from || q[-1] == '\n') && q + n < e &&
		    q[n] == ',')
			return 1;
		p = q + 1;
	}
	return 0;
}

void
hist_diff_bufs(struct hist_set *set, const struct schema *s, const char *file,
    int digits, const char *a, size_t alen, const char *b, size_t blen,
    const struct hist_filter *f)
{
	struct table ta = TABLE_INIT, tb = TABLE_INIT;
	struct cut c;
	size_t first = set->n, i;
	long hl;
	int rc;

	if (f != NULL && f->table != NULL && f->table != s)
		return;
	if (a != NULL && b != NULL) {
		rc = trim(a, alen, b, blen, &c);
		if (rc == 1)
			return;
		if (rc == 0) {
			/* An id filter on an id table: skip the parse when
			 * neither side's changed records name it. */
			if (f != NULL && f->id != NULL && s->prefix != NULL &&
			    !mentions(a, c.hend, c.pre, c.aend, f->id) &&
			    !mentions(b, c.hend, c.pre, c.bend, f->id))
				return;
			parse_part(&ta, s, file, digits, a, c.hend, c.pre,
			    c.aend, &set->invalid);
			parse_part(&tb, s, file, digits, b, c.hend, c.pre,
			    c.bend, &set->invalid);
			match(set, file, &ta, 0, &tb, 0, f);
			if (set->n > first) {
				/* Lines: the part starts after the header. */
				hl = (long)count_lines(a, c.pre) -
				    (long)count_lines(a, c.hend);
				for (i = first; i < set->n; i++)
					if (set->v[i].line > 0)
						set->v[i].line += (unsigned long)hl;
			}
			goto out;
		}
	}
	parse_whole(&ta, s, file, digits, a, alen, &set->invalid);
	parse_whole(&tb, s, file, digits, b, blen, &set->invalid);
	match(set, file, &ta, 0, &tb, 0, f);
out:
	table_release(&ta);
	table_release(&tb);
}

/* ---- sides: git trees and the work tree ---- */

/* State of one comparison of two sides.  A few blobs are kept between
 * comparisons: in a walk, the parent's version of one change is the
 * child's version of the next one down.  flush, when set, is handed the
 * changes after each file, so a commit that adds a million expenses is
 * never held whole. */
#define NCACHE	4
struct blob_cache {
	git_blob	*b[NCACHE];
	unsigned	 next;
	int		(*flush)(void *arg, struct hist_set *set);
	void		*farg;
};

static void
cache_release(struct blob_cache *bc)
{
	unsigned i;

	for (i = 0; i < NCACHE; i++) {
		git_blob_free(bc->b[i]);
		bc->b[i] = NULL;
	}
}

static int
cache_get(struct blob_cache *bc, git_repository *repo, const git_oid *id,
    const git_blob **out)
{
	unsigned i;
	int rc;

	for (i = 0; i < NCACHE; i++)
		if (bc->b[i] != NULL && git_oid_equal(git_blob_id(bc->b[i]), id)) {
			*out = bc->b[i];
			return 0;
		}
	i = bc->next++ % NCACHE;
	git_blob_free(bc->b[i]);
	bc->b[i] = NULL;
	if ((rc = git_blob_lookup(&bc->b[i], repo, id)) < 0)
		return kam_giterr(rc, "cannot read blob %s", git_oid_tostr_s(id));
	*out = bc->b[i];
	return 0;
}

/* One file's content on one side: *data NULL when absent. */
struct content {
	const char	*data;
	size_t		 len;
	struct kam_buf	 buf;	/* work-tree bytes */
	git_oid		 id;
	int		 have_id;
};

static int
side_entry(const struct hist_side *sd, const char *dir, const char *name,
    git_oid *id)
{
	const git_tree_entry *e;
	git_tree_entry *sub = NULL;
	char *path;
	int rc;

	if (sd->tree == NULL)
		return 0;
	if (dir == NULL) {
		e = git_tree_entry_byname(sd->tree, name);
		if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
			return 0;
		git_oid_cpy(id, git_tree_entry_id(e));
		return 1;
	}
	path = xasprintf("%s/%s", dir, name);
	rc = git_tree_entry_bypath(&sub, sd->tree, path);
	free(path);
	if (rc < 0 || git_tree_entry_type(sub) != GIT_OBJECT_BLOB) {
		git_tree_entry_free(sub);
		return 0;
	}
	git_oid_cpy(id, git_tree_entry_id(sub));
	git_tree_entry_free(sub);
	return 1;
}

static int
load(struct content *ct, const struct project *p, const struct hist_side *sd,
    const char *path, struct blob_cache *bc)
{
	const git_blob *blob = NULL;
	char *abs;
	int rc;

	ct->data = NULL;
	ct->len = 0;
	if (ct->have_id) {
		if (cache_get(bc, p->repo, &ct->id, &blob) == -1)
			return -1;
		ct->data = git_blob_rawcontent(blob);
		ct->len = (size_t)git_blob_rawsize(blob);
		if (ct->data == NULL)
			ct->data = "";
		return 0;
	}
	if (!sd->worktree)
		return 0;
	abs = project_abspath(p, path);
	rc = kam_read_file(&ct->buf, abs);
	free(abs);
	if (rc == -1)
		return -1;
	if (rc == 0)
		ct->data = ct->buf.ptr != NULL ? ct->buf.ptr : "";
	ct->len = ct->buf.len;
	return 0;
}

static int
diff_file(struct hist_set *set, const struct project *p,
    const struct hist_side *a, const struct hist_side *b,
    const struct schema *s, const char *dir, const char *name,
    const struct hist_filter *f, struct blob_cache *bc)
{
	struct content ca, cb;
	char *path = dir != NULL ? xasprintf("%s/%s", dir, name) :
	    xstrdup(name);
	int ret = -1;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	ca.have_id = side_entry(a, dir, name, &ca.id);
	cb.have_id = side_entry(b, dir, name, &cb.id);
	if (ca.have_id && cb.have_id && git_oid_equal(&ca.id, &cb.id)) {
		ret = 0;
		goto out;
	}
	if (load(&ca, p, a, path, bc) == -1 || load(&cb, p, b, path, bc) == -1)
		goto out;
	if (ca.data != NULL || cb.data != NULL)
		hist_diff_bufs(set, s, path, p->digits, ca.data, ca.len,
		    cb.data, cb.len, f);
	ret = 0;
	if (bc->flush != NULL && set->n > 0)
		ret = bc->flush(bc->farg, set);
out:
	kam_buf_release(&ca.buf);
	kam_buf_release(&cb.buf);
	free(path);
	return ret;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Month files of `dir` on one side, sorted. */
static int
list_months(const struct project *p, const struct hist_side *sd,
    const char *dir, char ***out, size_t *n)
{
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	char *path;
	size_t i, cnt;
	int rc, ret = -1;

	*out = NULL;
	*n = 0;
	if (sd->tree != NULL) {
		rc = git_tree_entry_bypath(&e, sd->tree, dir);
		if (rc == GIT_ENOTFOUND || (rc == 0 &&
		    git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
			ret = 0;
			goto out;
		}
		if (rc < 0 || (rc = git_tree_lookup(&sub, p->repo,
		    git_tree_entry_id(e))) < 0) {
			kam_giterr(rc, "cannot read '%s'", dir);
			goto out;
		}
		cnt = git_tree_entrycount(sub);
		*out = xcalloc(cnt + 1, sizeof(char *));
		for (i = 0; i < cnt; i++) {
			const char *nm = git_tree_entry_name(
			    git_tree_entry_byindex(sub, i));

			path = xasprintf("%s/%s", dir, nm);
			if (schema_by_file(path) != NULL)
				(*out)[(*n)++] = xstrdup(nm);
			free(path);
		}
	} else if (sd->worktree) {
		DIR *d;
		struct dirent *de;
		char *abs = project_abspath(p, dir);

		if ((d = opendir(abs)) == NULL) {
			if (errno != ENOENT && errno != ENOTDIR) {
				kam_errno(errno, "cannot read '%s'", abs);
				free(abs);
				goto out;
			}
			free(abs);
			ret = 0;
			goto out;
		}
		free(abs);
		while ((de = readdir(d)) != NULL) {
			path = xasprintf("%s/%s", dir, de->d_name);
			if (schema_by_file(path) != NULL) {
				*out = xrealloc(*out, (*n + 1) * sizeof(char *));
				(*out)[(*n)++] = xstrdup(de->d_name);
			}
			free(path);
		}
		closedir(d);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(char *), cmp_str);
	ret = 0;
out:
	git_tree_free(sub);
	git_tree_entry_free(e);
	return ret;
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
diff_monthly(struct hist_set *set, const struct project *p,
    const struct hist_side *a, const struct hist_side *b,
    const struct schema *s, const struct hist_filter *f,
    struct blob_cache *bc)
{
	const git_tree_entry *ea, *eb;
	char **na = NULL, **nb = NULL;
	size_t ia = 0, ib = 0, ca = 0, cb = 0;
	int c, ret = -1;

	/* The whole directory unchanged: nothing to read. */
	if (a->tree != NULL && b->tree != NULL) {
		ea = git_tree_entry_byname(a->tree, s->file);
		eb = git_tree_entry_byname(b->tree, s->file);
		if (ea == NULL && eb == NULL)
			return 0;
		if (ea != NULL && eb != NULL &&
		    git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
			return 0;
	}
	if (list_months(p, a, s->file, &na, &ca) == -1 ||
	    list_months(p, b, s->file, &nb, &cb) == -1)
		goto out;
	while (ia < ca || ib < cb) {
		c = ia == ca ? 1 : ib == cb ? -1 : strcmp(na[ia], nb[ib]);
		if (diff_file(set, p, a, b, s, s->file, c <= 0 ? na[ia] :
		    nb[ib], f, bc) == -1)
			goto out;
		if (c <= 0)
			ia++;
		if (c >= 0)
			ib++;
	}
	ret = 0;
out:
	free_names(na, ca);
	free_names(nb, cb);
	return ret;
}

/* ---- minutes: the meeting, its decisions and actions as records ---- */

/* Parse one version of a minutes file quietly (as quiet_parse); NULL
 * data: the file is not on that side.  1 parsed, 0 absent, -1 invalid. */
static int
minutes_quiet(struct minutes *m, const char *path, const char *data,
    size_t len)
{
	int saved = kam_exit_code, rc;

	if (data == NULL)
		return 0;
	kam_msg_capture(quiet, NULL);
	rc = minutes_parse(m, path, data, len);
	kam_msg_capture(NULL, NULL);
	kam_exit_code = saved;
	return rc == 0 ? 1 : -1;
}

/* One item's fields: name/value pairs into v (values in buf). */
static size_t
item_fields(const struct minutes_item *it, int action, const char **name,
    const char **v, char *due)
{
	size_t n = 0;

	name[n] = "text";
	v[n++] = it->text;
	if (action) {
		name[n] = "done";
		v[n++] = it->done ? "yes" : "no";
		name[n] = "owner";
		v[n++] = it->owner;
		name[n] = "due";
		v[n++] = it->has_due ? date_fmt(it->due, due) : "";
	}
	name[n] = "refs";
	v[n++] = it->refs != NULL ? it->refs : "";
	return n;
}

/* Whether the record `id` of the minutes is one the filter `only` (a
 * meeting "STEM" or an item "STEM/D2"; NULL: all) selects. */
static int
meeting_wanted(const char *only, const char *id)
{
	size_t n;

	if (only == NULL || strcmp(only, id) == 0)
		return 1;
	n = strlen(only);
	return strchr(only, '/') == NULL && strncmp(id, only, n) == 0 &&
	    id[n] == '/';
}

/* The record of one item: id "STEM/D2" (or A2), its number in the
 * version it is taken from; changed: the fields that differ. */
static void
item_rec(struct hist_set *set, const char *file, const char *stem, int action,
    const struct minutes_item *x, size_t ix, const struct minutes_item *y,
    size_t iy, const char *only)
{
	const char *na[6], *va[6], *nb[6], *vb[6];
	char da[11], db[11], *id;
	size_t n, j;
	struct hist_rec *r;
	enum hist_op op = x == NULL ? HIST_ADDED : y == NULL ? HIST_REMOVED :
	    HIST_CHANGED;

	n = item_fields(x != NULL ? x : y, action, na, va, da);
	if (y != NULL)
		item_fields(y, action, nb, vb, db);
	if (op == HIST_CHANGED) {
		for (j = 0; j < n; j++)
			if (strcmp(va[j], vb[j]) != 0)
				break;
		if (j == n)
			return;
	}
	id = xasprintf("%s/%c%zu", stem, action ? 'A' : 'D',
	    (y != NULL ? iy : ix) + 1);
	if (!meeting_wanted(only, id)) {
		free(id);
		return;
	}
	r = hist_rec_new(set, &hist_meetings, file, id, 0, op);
	free(id);
	free(r->title);
	r->title = xstrdup((y != NULL ? y : x)->text);
	r->line = (y != NULL ? y : x)->line;
	for (j = 0; j < n; j++) {
		if (op == HIST_CHANGED) {
			if (strcmp(va[j], vb[j]) != 0)
				hist_rec_field(r, na[j], va[j], vb[j], 0);
		} else if (*va[j] != '\0')
			hist_rec_field(r, na[j], op == HIST_REMOVED ? va[j] : "",
			    op == HIST_ADDED ? va[j] : "", 0);
	}
}

/*
 * The items of one kind, old version a[0..na) against new b[0..nb): an
 * item kept word for word is the same item (wherever it moved); of the
 * others, the old and new item at the same place are one item edited;
 * the rest are added or removed.
 */
static void
items_diff(struct hist_set *set, const char *file, const char *stem,
    int action, const struct minutes_item *a, size_t na,
    const struct minutes_item *b, size_t nb, const char *only)
{
	char *ma = xcalloc(na + 1, 1), *mb = xcalloc(nb + 1, 1);
	size_t i, j;

	for (i = 0; i < na; i++)
		for (j = 0; j < nb; j++)
			if (!mb[j] && strcmp(a[i].text, b[j].text) == 0) {
				ma[i] = mb[j] = 1;
				item_rec(set, file, stem, action, &a[i], i,
				    &b[j], j, only);
				break;
			}
	for (i = 0; i < na && i < nb; i++)
		if (!ma[i] && !mb[i]) {
			ma[i] = mb[i] = 1;
			item_rec(set, file, stem, action, &a[i], i, &b[i], i,
			    only);
		}
	for (i = 0; i < na; i++)
		if (!ma[i])
			item_rec(set, file, stem, action, &a[i], i, NULL, 0,
			    only);
	for (j = 0; j < nb; j++)
		if (!mb[j])
			item_rec(set, file, stem, action, NULL, 0, &b[j], j,
			    only);
	free(ma);
	free(mb);
}

/* Compare two versions of meetings/NAME.md (a or b NULL: absent). */
static void
minutes_diff_bufs(struct hist_set *set, const char *file, const char *a,
    size_t alen, const char *b, size_t blen, const char *only)
{
	struct minutes ma = MINUTES_INIT, mb = MINUTES_INIT;
	const struct minutes *m;
	const char *stem = strrchr(file, '/'), *fa[3], *fb[3];
	static const char *const names[] = { "title", "date", "attendees" };
	char da[11], db[11], *s;
	struct hist_rec *r;
	int ha, hb;
	size_t j;
	enum hist_op op;

	stem = stem != NULL ? stem + 1 : file;
	s = xstrndup(stem, strlen(stem) > 3 ? strlen(stem) - 3 : strlen(stem));
	ha = minutes_quiet(&ma, file, a, alen);
	hb = minutes_quiet(&mb, file, b, blen);
	if (ha == -1 || hb == -1) {
		set->invalid++;
		goto out;
	}
	/* The meeting itself: title, date, attendees. */
	fa[0] = ha ? ma.title : "";
	fa[1] = ha && ma.has_date ? date_fmt(ma.date, da) : "";
	fa[2] = ha ? ma.attendees : "";
	fb[0] = hb ? mb.title : "";
	fb[1] = hb && mb.has_date ? date_fmt(mb.date, db) : "";
	fb[2] = hb ? mb.attendees : "";
	op = !ha ? HIST_ADDED : !hb ? HIST_REMOVED : HIST_CHANGED;
	for (j = 0; j < 3 && op == HIST_CHANGED; j++)
		if (strcmp(fa[j], fb[j]) != 0)
			break;
	if (j < 3 && meeting_wanted(only, s)) {
		m = hb ? &mb : &ma;
		r = hist_rec_new(set, &hist_meetings, file, s, 0, op);
		free(r->title);
		r->title = xstrdup(m->title);
		r->line = m->title_line;
		for (j = 0; j < 3; j++)
			if (strcmp(fa[j], fb[j]) != 0)
				hist_rec_field(r, names[j], fa[j], fb[j], 0);
	}
	items_diff(set, file, s, 0, ha ? ma.decisions : NULL,
	    ha ? ma.ndecisions : 0, hb ? mb.decisions : NULL,
	    hb ? mb.ndecisions : 0, only);
	items_diff(set, file, s, 1, ha ? ma.actions : NULL,
	    ha ? ma.nactions : 0, hb ? mb.actions : NULL,
	    hb ? mb.nactions : 0, only);
out:
	minutes_release(&ma);
	minutes_release(&mb);
	free(s);
}

/* meetings/NAME.md of one side, sorted: as minutes_load_all() reads them
 * (no dot files; in the work tree regular files only). */
static int
list_minutes(const struct project *p, const struct hist_side *sd,
    char ***out, size_t *n)
{
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	const char *nm;
	size_t i, cnt, len;
	int rc, ret = -1;

	*out = NULL;
	*n = 0;
	if (sd->tree != NULL) {
		rc = git_tree_entry_bypath(&e, sd->tree, "meetings");
		if (rc == GIT_ENOTFOUND || (rc == 0 &&
		    git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
			ret = 0;
			goto out;
		}
		if (rc < 0 || (rc = git_tree_lookup(&sub, p->repo,
		    git_tree_entry_id(e))) < 0) {
			kam_giterr(rc, "cannot read 'meetings'");
			goto out;
		}
		cnt = git_tree_entrycount(sub);
		*out = xcalloc(cnt + 1, sizeof(char *));
		for (i = 0; i < cnt; i++) {
			const git_tree_entry *te = git_tree_entry_byindex(sub,
			    i);

			nm = git_tree_entry_name(te);
			len = strlen(nm);
			if (nm[0] != '.' && len > 3 &&
			    strcmp(nm + len - 3, ".md") == 0 &&
			    git_tree_entry_type(te) == GIT_OBJECT_BLOB &&
			    git_tree_entry_filemode(te) != GIT_FILEMODE_LINK)
				(*out)[(*n)++] = xstrdup(nm);
		}
	} else if (sd->worktree) {
		DIR *d;
		struct dirent *de;
		struct stat st;
		char *abs = project_abspath(p, "meetings");

		if ((d = opendir(abs)) == NULL) {
			free(abs);
			ret = 0;	/* none, or not readable: kam check says */
			goto out;
		}
		free(abs);
		while ((de = readdir(d)) != NULL) {
			nm = de->d_name;
			len = strlen(nm);
			if (nm[0] == '.' || len <= 3 ||
			    strcmp(nm + len - 3, ".md") != 0 ||
			    fstatat(dirfd(d), nm, &st, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISREG(st.st_mode))
				continue;
			*out = xrealloc(*out, (*n + 1) * sizeof(char *));
			(*out)[(*n)++] = xstrdup(nm);
		}
		closedir(d);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof(char *), cmp_str);
	ret = 0;
out:
	git_tree_free(sub);
	git_tree_entry_free(e);
	return ret;
}

static int
diff_minutes_file(struct hist_set *set, const struct project *p,
    const struct hist_side *a, const struct hist_side *b, const char *name,
    struct blob_cache *bc, const char *only)
{
	struct content ca, cb;
	char *path = xasprintf("meetings/%s", name);
	int ret = -1;

	memset(&ca, 0, sizeof(ca));
	memset(&cb, 0, sizeof(cb));
	ca.have_id = side_entry(a, "meetings", name, &ca.id);
	cb.have_id = side_entry(b, "meetings", name, &cb.id);
	if (ca.have_id && cb.have_id && git_oid_equal(&ca.id, &cb.id)) {
		ret = 0;
		goto out;
	}
	if (load(&ca, p, a, path, bc) == -1 || load(&cb, p, b, path, bc) == -1)
		goto out;
	if (ca.data != NULL || cb.data != NULL)
		minutes_diff_bufs(set, path, ca.data, ca.len, cb.data, cb.len,
		    only);
	ret = 0;
	if (bc->flush != NULL && set->n > 0)
		ret = bc->flush(bc->farg, set);
out:
	kam_buf_release(&ca.buf);
	kam_buf_release(&cb.buf);
	free(path);
	return ret;
}

/* The minutes of sides a and b; only: one meeting or item id (its file
 * alone is read), or NULL. */
static int
diff_meetings(struct hist_set *set, const struct project *p,
    const struct hist_side *a, const struct hist_side *b,
    struct blob_cache *bc, const char *only)
{
	const git_tree_entry *ea, *eb;
	char **na = NULL, **nb = NULL, *one;
	size_t ia = 0, ib = 0, ca = 0, cb = 0;
	int c, ret = -1;

	if (a->tree != NULL && b->tree != NULL) {
		ea = git_tree_entry_byname(a->tree, "meetings");
		eb = git_tree_entry_byname(b->tree, "meetings");
		if (ea == NULL && eb == NULL)
			return 0;
		if (ea != NULL && eb != NULL &&
		    git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
			return 0;
	}
	if (only != NULL) {
		one = xasprintf("%.*s.md", (int)strcspn(only, "/"), only);
		ret = diff_minutes_file(set, p, a, b, one, bc, only);
		free(one);
		return ret;
	}
	if (list_minutes(p, a, &na, &ca) == -1 ||
	    list_minutes(p, b, &nb, &cb) == -1)
		goto out;
	while (ia < ca || ib < cb) {
		c = ia == ca ? 1 : ib == cb ? -1 : strcmp(na[ia], nb[ib]);
		if (diff_minutes_file(set, p, a, b, c <= 0 ? na[ia] : nb[ib],
		    bc, NULL) == -1)
			goto out;
		if (c <= 0)
			ia++;
		if (c >= 0)
			ib++;
	}
	ret = 0;
out:
	free_names(na, ca);
	free_names(nb, cb);
	return ret;
}

static int
diff_sides(struct hist_set *set, const struct project *p,
    const struct hist_side *a, const struct hist_side *b,
    const struct hist_filter *f, struct blob_cache *bc)
{
	const struct schema *s;
	size_t i;

	if (a->tree != NULL && b->tree != NULL &&
	    git_oid_equal(git_tree_id(a->tree), git_tree_id(b->tree)))
		return 0;
	for (i = 0; i < kam_nschemas; i++) {
		s = kam_schemas[i];
		if (f != NULL && f->table != NULL && f->table != s)
			continue;
		if (s->monthly) {
			if (diff_monthly(set, p, a, b, s, f, bc) == -1)
				return -1;
		} else if (diff_file(set, p, a, b, s, NULL, s->file, f,
		    bc) == -1)
			return -1;
	}
	/* The minutes: whole, with --table meetings, or for a meeting or
	 * item id (the filter's table is then hist_meetings); never for the
	 * id of a table. */
	if ((f == NULL || (f->table == NULL && f->id == NULL) ||
	    f->table == &hist_meetings) && diff_meetings(set, p, a, b, bc,
	    f != NULL ? f->id : NULL) == -1)
		return -1;
	return 0;
}

int
hist_diff_sides(struct hist_set *set, const struct project *p,
    const struct hist_side *a, const struct hist_side *b,
    const struct hist_filter *f)
{
	struct blob_cache bc;
	int rc;

	memset(&bc, 0, sizeof(bc));
	rc = diff_sides(set, p, a, b, f, &bc);
	cache_release(&bc);
	hist_set_sort(set);
	return rc;
}

static int
project_tree_of(git_tree **out, const struct project *p, const git_oid *tree)
{
	git_tree *root = NULL;
	git_tree_entry *e = NULL;
	char *dir;
	size_t n;
	int rc, ret = -1;

	*out = NULL;
	if ((rc = git_tree_lookup(&root, p->repo, tree)) < 0) {
		kam_giterr(rc, "cannot read tree %s", git_oid_tostr_s(tree));
		goto out;
	}
	if (p->prefix == NULL || p->prefix[0] == '\0') {
		*out = root;
		root = NULL;
		ret = 0;
		goto out;
	}
	n = strlen(p->prefix);
	dir = xstrndup(p->prefix, p->prefix[n - 1] == '/' ? n - 1 : n);
	rc = git_tree_entry_bypath(&e, root, dir);
	free(dir);
	if (rc == GIT_ENOTFOUND || (rc == 0 &&
	    git_tree_entry_type(e) != GIT_OBJECT_TREE)) {
		ret = 0;
		goto out;
	}
	if (rc < 0 || (rc = git_tree_lookup(out, p->repo,
	    git_tree_entry_id(e))) < 0) {
		kam_giterr(rc, "cannot read the project directory '%s'",
		    p->prefix);
		goto out;
	}
	ret = 0;
out:
	git_tree_entry_free(e);
	git_tree_free(root);
	return ret;
}

int
hist_project_tree(git_tree **out, const struct project *p,
    const git_commit *c)
{
	return project_tree_of(out, p, git_commit_tree_id(c));
}

/* ---- the walk ---- */

/* ASCII case-insensitive substring test. */
static int
has_substr(const char *hay, const char *needle)
{
	size_t n = strlen(needle), i;
	const char *p;

	for (p = hay; *p != '\0'; p++) {
		for (i = 0; i < n && p[i] != '\0'; i++) {
			unsigned char x = (unsigned char)p[i];
			unsigned char y = (unsigned char)needle[i];

			if (x >= 'A' && x <= 'Z')
				x += 'a' - 'A';
			if (y >= 'A' && y <= 'Z')
				y += 'a' - 'A';
			if (x != y)
				break;
		}
		if (i == n)
			return 1;
	}
	return n == 0;
}

static int
author_matches(const git_commit *c, const char *pat)
{
	const git_signature *a = git_commit_author(c);
	char *who;
	int m;

	if (pat == NULL)
		return 1;
	who = xasprintf("%s <%s>", a->name, a->email);
	m = has_substr(who, pat);
	free(who);
	return m;
}

/* The project tree of one commit, kept for the next step of the walk
 * (a commit's first parent is usually the next commit walked). */
struct snap {
	git_oid		 commit;
	git_tree	*tree;
	int		 valid;
};

static void
snap_release(struct snap *s)
{
	git_tree_free(s->tree);
	s->tree = NULL;
	s->valid = 0;
}

static int
snap_of(struct snap *out, const struct project *p, const git_oid *commit,
    struct snap *cache)
{
	git_commit *c = NULL;
	int rc;

	if (cache->valid && git_oid_equal(&cache->commit, commit)) {
		*out = *cache;
		cache->tree = NULL;
		cache->valid = 0;
		return 0;
	}
	memset(out, 0, sizeof(*out));
	if ((rc = git_commit_lookup(&c, p->repo, commit)) < 0)
		return kam_giterr(rc, "cannot read commit %s",
		    git_oid_tostr_s(commit));
	rc = project_tree_of(&out->tree, p, git_commit_tree_id(c));
	git_commit_free(c);
	if (rc == -1)
		return -1;
	git_oid_cpy(&out->commit, commit);
	out->valid = 1;
	return 0;
}

/* Keep the records of set that also differ from every other parent
 * (git's rule for merges: show what no parent had). */
static void
keep_in_all(struct hist_set *set, const struct hist_set *other)
{
	size_t i, j, k = 0;

	for (i = 0; i < set->n; i++) {
		for (j = 0; j < other->n; j++)
			if (other->v[j].s == set->v[i].s &&
			    strcmp(other->v[j].id, set->v[i].id) == 0)
				break;
		if (j < other->n)
			set->v[k++] = set->v[i];
		else
			rec_free(&set->v[i]);
	}
	set->n = k;
}

/*
 * The walk of a shallow clone (git clone --depth N, the default checkout
 * of CI runners).  libgit2 1.5's revwalk parses every parent it queues and
 * fails at the shallow boundary ("object not found"), before it yields the
 * boundary commit itself.  In a shallow repository kam walks by itself: a
 * parent that is not in the object database is the boundary, and the
 * commit above it is a root, as git log shows it.  The order is git's:
 * first-parent, or children before parents, newest first.
 */
struct oidset {
	git_oid		*v;
	unsigned char	*used;
	size_t		 cap, n;
};

static size_t
oidset_slot(const struct oidset *s, const git_oid *id)
{
	size_t h, mask = s->cap - 1;

	memcpy(&h, id->id, sizeof(h));
	for (h &= mask; s->used[h] && !git_oid_equal(&s->v[h], id);
	    h = (h + 1) & mask)
		;
	return h;
}

static int
oidset_has(const struct oidset *s, const git_oid *id)
{
	return s->cap > 0 && s->used[oidset_slot(s, id)];
}

/* Add id; 1 when it was new. */
static int
oidset_add(struct oidset *s, const git_oid *id)
{
	size_t i, h;

	if (2 * (s->n + 1) > s->cap) {
		struct oidset g = { NULL, NULL, s->cap ? 2 * s->cap : 64, 0 };

		g.v = xcalloc(g.cap, sizeof(*g.v));
		g.used = xcalloc(g.cap, 1);
		for (i = 0; i < s->cap; i++)
			if (s->used[i])
				oidset_add(&g, &s->v[i]);
		free(s->v);
		free(s->used);
		*s = g;
	}
	h = oidset_slot(s, id);
	if (s->used[h])
		return 0;
	s->used[h] = 1;
	git_oid_cpy(&s->v[h], id);
	s->n++;
	return 1;
}

static void
oidset_release(struct oidset *s)
{
	free(s->v);
	free(s->used);
	memset(s, 0, sizeof(*s));
}

struct snode {
	git_oid		 id;
	int64_t		 time;
	size_t		 children;	/* in the walked set, not yet yielded */
	size_t		 seq;		/* when it was queued: ties go FIFO */
};

struct swalk {
	git_repository	*repo;
	git_odb		*odb;
	struct snode	*v;
	size_t		 n, alloc;
	git_oid		*out;		/* the order to yield */
	size_t		 nout, next;
	int		 truncated;	/* some parent lies beyond the boundary */
	git_oid		 boundary;	/* the first commit found above it */
};

/* The parents of c that are in the repository (the others lie beyond the
 * shallow boundary). */
static unsigned
present_parents(git_odb *odb, const git_commit *c, git_oid *out, unsigned max)
{
	unsigned i, n = 0, np = git_commit_parentcount(c);

	for (i = 0; i < np && n < max; i++)
		if (git_odb_exists(odb, git_commit_parent_id(c, i)))
			git_oid_cpy(&out[n++], git_commit_parent_id(c, i));
	return n;
}

/* Every commit reachable from `from` (first parents only when fp) into
 * set, and as nodes when nodes is not NULL. */
static int
swalk_collect(struct swalk *w, const git_oid *from, int fp,
    struct oidset *set, int *truncated, git_oid *boundary)
{
	git_oid *stack = NULL, par[64];
	size_t ns = 0, as = 0;
	git_commit *c = NULL;
	unsigned i, np;
	int rc;

	if (!oidset_add(set, from))
		return 0;
	as = 64;
	stack = xmalloc(as * sizeof(*stack));
	git_oid_cpy(&stack[ns++], from);
	while (ns > 0) {
		git_oid id = stack[--ns];

		if ((rc = git_commit_lookup(&c, w->repo, &id)) < 0) {
			free(stack);
			return kam_giterr(rc, "cannot read commit %s",
			    git_oid_tostr_s(&id));
		}
		np = present_parents(w->odb, c, par, fp ? 1 : 64);
		if (np < (fp && git_commit_parentcount(c) > 0 ? 1 :
		    git_commit_parentcount(c)) && !*truncated) {
			*truncated = 1;
			git_oid_cpy(boundary, &id);
		}
		git_commit_free(c);
		c = NULL;
		for (i = 0; i < np; i++) {
			if (!oidset_add(set, &par[i]))
				continue;
			if (ns == as) {
				as *= 2;
				stack = xrealloc(stack, as * sizeof(*stack));
			}
			git_oid_cpy(&stack[ns++], &par[i]);
		}
	}
	free(stack);
	return 0;
}

static void
swalk_release(struct swalk *w)
{
	free(w->out);
	free(w->v);
	git_odb_free(w->odb);
	memset(w, 0, sizeof(*w));
}

/* Max-heap of node indexes by commit time (newest first), then in the
 * order they were queued (a merge's parents in their order), as
 * libgit2's time-and-topology walk orders commits of equal time. */
static int
snode_before(const struct snode *v, size_t a, size_t b)
{
	if (v[a].time != v[b].time)
		return v[a].time > v[b].time;
	return v[a].seq < v[b].seq;
}

static void
heap_push(size_t *h, size_t *n, const struct snode *v, size_t x)
{
	size_t i = (*n)++, up;

	h[i] = x;
	for (; i > 0 && snode_before(v, h[i], h[up = (i - 1) / 2]); i = up) {
		size_t t = h[i];

		h[i] = h[up];
		h[up] = t;
	}
}

static size_t
heap_pop(size_t *h, size_t *n, const struct snode *v)
{
	size_t top = h[0], i = 0, l, best;

	h[0] = h[--(*n)];
	for (;;) {
		best = i;
		l = 2 * i + 1;
		if (l < *n && snode_before(v, h[l], h[best]))
			best = l;
		if (l + 1 < *n && snode_before(v, h[l + 1], h[best]))
			best = l + 1;
		if (best == i)
			break;
		l = h[i];
		h[i] = h[best];
		h[best] = l;
		i = best;
	}
	return top;
}

/* The node of id: slot_node maps the slots of `index` to nodes. */
static size_t
snode_find(const struct oidset *index, const size_t *slot_node,
    const git_oid *id)
{
	return slot_node[oidset_slot(index, id)];
}

/* Set up the order of a walk from `want`, minus what `hide` reaches. */
static int
swalk_init(struct swalk *w, git_repository *repo, const git_oid *want,
    const git_oid *hide, int fp)
{
	struct oidset hidden = { NULL, NULL, 0, 0 }, all = { NULL, NULL, 0, 0 };
	git_commit *c = NULL;
	git_oid par[64];
	size_t *slot_node = NULL, *heap = NULL, nh = 0, i, j, k, seq;
	git_oid hidden_boundary;
	int rc, ret = -1, trunc_hidden = 0;

	memset(w, 0, sizeof(*w));
	w->repo = repo;
	if ((rc = git_repository_odb(&w->odb, repo)) < 0)
		return kam_giterr(rc, "cannot open the object database");
	if (hide != NULL &&
	    swalk_collect(w, hide, 0, &hidden, &trunc_hidden,
	    &hidden_boundary) == -1)
		goto out;
	if (oidset_has(&hidden, want)) {
		ret = 0;
		goto out;
	}
	if (fp) {
		/* One chain: follow first parents to the boundary. */
		git_oid id = *want;

		for (;;) {
			if ((rc = git_commit_lookup(&c, repo, &id)) < 0) {
				kam_giterr(rc, "cannot read commit %s",
				    git_oid_tostr_s(&id));
				goto out;
			}
			w->out = xrealloc(w->out, (w->nout + 1) *
			    sizeof(*w->out));
			git_oid_cpy(&w->out[w->nout++], &id);
			k = git_commit_parentcount(c);
			if (k == 0) {
				git_commit_free(c);
				break;
			}
			if (!git_odb_exists(w->odb, git_commit_parent_id(c, 0))) {
				w->truncated = 1;
				git_oid_cpy(&w->boundary, &id);
				git_commit_free(c);
				break;
			}
			git_oid_cpy(&id, git_commit_parent_id(c, 0));
			git_commit_free(c);
			c = NULL;
			if (oidset_has(&hidden, &id))
				break;
		}
		c = NULL;
		ret = 0;
		goto out;
	}
	/* All parents: the nodes, then Kahn's order, newest first. */
	if (swalk_collect(w, want, 0, &all, &w->truncated, &w->boundary) ==
	    -1)
		goto out;
	slot_node = xcalloc(all.cap, sizeof(*slot_node));
	for (i = 0; i < all.cap; i++) {
		if (!all.used[i] || oidset_has(&hidden, &all.v[i]))
			continue;
		if (w->n == w->alloc) {
			w->alloc = w->alloc ? 2 * w->alloc : 64;
			w->v = xrealloc(w->v, w->alloc * sizeof(*w->v));
		}
		memset(&w->v[w->n], 0, sizeof(w->v[w->n]));
		git_oid_cpy(&w->v[w->n].id, &all.v[i]);
		slot_node[i] = w->n++;
	}
	for (i = 0; i < w->n; i++) {
		if ((rc = git_commit_lookup(&c, repo, &w->v[i].id)) < 0) {
			kam_giterr(rc, "cannot read commit %s",
			    git_oid_tostr_s(&w->v[i].id));
			goto out;
		}
		w->v[i].time = (int64_t)git_commit_time(c);
		k = present_parents(w->odb, c, par, 64);
		git_commit_free(c);
		c = NULL;
		for (j = 0; j < k; j++) {
			if (oidset_has(&hidden, &par[j]))
				continue;
			w->v[snode_find(&all, slot_node, &par[j])].children++;
		}
	}
	heap = xmalloc((w->n + 1) * sizeof(*heap));
	w->out = xmalloc((w->n + 1) * sizeof(*w->out));
	for (i = 0, k = 0; i < w->n; i++)
		if (w->v[i].children == 0) {
			w->v[i].seq = k++;
			heap_push(heap, &nh, w->v, i);
		}
	seq = k;
	while (nh > 0) {
		i = heap_pop(heap, &nh, w->v);
		git_oid_cpy(&w->out[w->nout++], &w->v[i].id);
		if ((rc = git_commit_lookup(&c, repo, &w->v[i].id)) < 0) {
			kam_giterr(rc, "cannot read commit %s",
			    git_oid_tostr_s(&w->v[i].id));
			goto out;
		}
		k = present_parents(w->odb, c, par, 64);
		git_commit_free(c);
		c = NULL;
		for (j = 0; j < k; j++) {
			size_t x;

			if (oidset_has(&hidden, &par[j]))
				continue;
			x = snode_find(&all, slot_node, &par[j]);
			if (--w->v[x].children == 0) {
				w->v[x].seq = seq++;
				heap_push(heap, &nh, w->v, x);
			}
		}
	}
	ret = 0;
out:
	free(heap);
	free(slot_node);
	oidset_release(&hidden);
	oidset_release(&all);
	return ret;
}

static int
swalk_next(git_oid *id, struct swalk *w)
{
	if (w->next == w->nout)
		return GIT_ITEROVER;
	git_oid_cpy(id, &w->out[w->next++]);
	return 0;
}

static int
peel_commit(git_oid *out, git_object *obj)
{
	git_object *c = NULL;
	int rc;

	if ((rc = git_object_peel(&c, obj, GIT_OBJECT_COMMIT)) < 0)
		return rc;
	git_oid_cpy(out, git_object_id(c));
	git_object_free(c);
	return 0;
}

/* Where a shallow walk starts: HEAD, a revision, or A..B (B minus what A
 * reaches).  1 when HEAD is unborn. */
static int
swalk_start(struct swalk *w, const struct project *p, const char *rev,
    int fp)
{
	git_revspec spec;
	git_oid want, hide;
	int rc, has_hide = 0;

	if (rev == NULL) {
		rc = git_reference_name_to_id(&want, p->repo, "HEAD");
		if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND)
			return 1;
		if (rc < 0)
			return kam_giterr(rc, "cannot read HEAD");
	} else {
		memset(&spec, 0, sizeof(spec));
		if (git_revparse(&spec, p->repo, rev) < 0)
			return kam_err(KAM_EX_USAGE, strstr(rev, "..") ?
			    "unknown revision range '%s'" :
			    "unknown revision '%s'", rev);
		if ((spec.flags & GIT_REVSPEC_MERGE_BASE) ||
		    ((spec.flags & GIT_REVSPEC_RANGE) && spec.to == NULL)) {
			git_object_free(spec.from);
			git_object_free(spec.to);
			return kam_err(KAM_EX_USAGE, "unknown revision range "
			    "'%s'", rev);
		}
		rc = peel_commit(&want, spec.flags & GIT_REVSPEC_RANGE ?
		    spec.to : spec.from);
		if (rc == 0 && (spec.flags & GIT_REVSPEC_RANGE)) {
			rc = peel_commit(&hide, spec.from);
			has_hide = 1;
		}
		git_object_free(spec.from);
		git_object_free(spec.to);
		if (rc < 0)
			return kam_err(KAM_EX_USAGE, "'%s' is not a commit",
			    rev);
	}
	if (swalk_init(w, p->repo, &want, has_hide ? &hide : NULL, fp) == -1)
		return -1;
	return 0;
}

static int
push_start(git_revwalk *w, const struct project *p, const char *rev)
{
	git_object *obj = NULL;
	int rc;

	if (rev == NULL) {
		rc = git_revwalk_push_head(w);
		if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND)
			return 1;
		if (rc < 0)
			return kam_giterr(rc, "cannot read HEAD");
		return 0;
	}
	if (strstr(rev, "..") != NULL) {
		if ((rc = git_revwalk_push_range(w, rev)) < 0)
			return kam_err(KAM_EX_USAGE, "unknown revision range "
			    "'%s'", rev);
		return 0;
	}
	if (git_revparse_single(&obj, p->repo, rev) < 0) {
		return kam_err(KAM_EX_USAGE, "unknown revision '%s'", rev);
	}
	rc = git_revwalk_push(w, git_object_id(obj));
	git_object_free(obj);
	if (rc < 0)
		return kam_err(KAM_EX_USAGE, "'%s' is not a commit", rev);
	return 0;
}

struct log_flush {
	hist_log_cb		 cb;
	void			*arg;
	struct hist_commit	 c;
	int			 first, stop;
};

/* What kam log shows of commit c (strings borrowed from c). */
static void
commit_of(struct hist_commit *hc, const git_commit *c)
{
	const git_signature *a = git_commit_author(c);

	git_oid_tostr(hc->id, sizeof(hc->id), git_commit_id(c));
	hc->name = a->name;
	hc->email = a->email;
	hc->time = a->when.time;
	hc->offset = a->when.offset;
	hc->message = git_commit_message(c);
	hc->summary = git_commit_summary((git_commit *)c);
}

static int
log_flush(void *arg, struct hist_set *set)
{
	struct log_flush *lf = arg;
	int rc;

	hist_set_sort(set);
	rc = lf->cb(lf->arg, &lf->c, set, lf->first);
	lf->first = 0;
	hist_set_clear(set);
	if (rc == 1)
		lf->stop = 1;
	return rc == 0 ? 0 : -1;
}

/*
 * Whether commit summary is kam renumber's, "kam: renumber OLD: NEW", with
 * NEW == id and OLD an id of the same table: OLD into old (issue 18 #5:
 * kam log follows a record through its renumbering).
 */
static int
renumbered_from(const char *summary, const char *id, char *old, size_t len)
{
	const char *p, *q;
	char pa[16], pb[16];

	if (summary == NULL || strncmp(summary, "kam: renumber ", 14) != 0)
		return 0;
	p = summary + 14;
	if ((q = strstr(p, ": ")) == NULL || q == p || strcmp(q + 2, id) != 0 ||
	    (size_t)(q - p) >= len)
		return 0;
	memcpy(old, p, (size_t)(q - p));
	old[q - p] = '\0';
	return strcmp(old, id) != 0 && id_prefix(old, pa) == 0 &&
	    id_prefix(id, pb) == 0 && strcmp(pa, pb) == 0;
}

/* The state of one kam log: what the walk and the index share. */
struct logrun {
	const struct project		*p;
	const struct hist_log_opts	*o;
	git_commit			*c;
	struct hist_set			 set, other;
	struct snap			 cache, cur, par;
	struct blob_cache		 bc;
	struct log_flush		 lf;
	struct swalk			 sw;
	int				 shallow;
	/* The filter, whose id follows kam renumber back in time: renum is
	 * set on a commit that renumbered old_id to the id followed. */
	struct hist_filter		 filt;
	char				 cur_id[64], old_id[64];
	int				 renum;
};

/* Commit lr->c: is it the renumbering of the id followed? */
static void
renum_check(struct logrun *lr)
{
	lr->renum = lr->filt.id != NULL && !lr->o->no_follow &&
	    renumbered_from(git_commit_summary(lr->c), lr->filt.id,
	    lr->old_id, sizeof(lr->old_id));
}

/*
 * A renumbering by hand (issue 18): in one commit the record followed, y,
 * was added and one other record x of its table removed whose row was
 * the same but for the id (every field, the title and what is derived
 * from them).  Whether removed x matches added y.
 */
static int
same_row(const struct hist_rec *x, const struct hist_rec *y)
{
	size_t i;

	if (x->op != HIST_REMOVED || y->op != HIST_ADDED || x->s != y->s ||
	    x->s->prefix == NULL || strcmp(x->id, y->id) == 0 ||
	    x->nf != y->nf || strcmp(x->title, y->title) != 0)
		return 0;
	for (i = 0; i < x->nf; i++)
		if (strcmp(x->f[i].name, y->f[i].name) != 0 ||
		    strcmp(x->f[i].old, y->f[i].new) != 0)
			return 0;
	return 1;
}

/* The one record of set that y was renumbered from (same_row), or NULL
 * when none or more than one: then nothing is guessed. */
static const struct hist_rec *
renumbered_by_hand(const struct hist_set *set, const struct hist_rec *y)
{
	const struct hist_rec *x = NULL;
	size_t i;

	for (i = 0; i < set->n; i++)
		if (same_row(&set->v[i], y)) {
			if (x != NULL)
				return NULL;
			x = &set->v[i];
		}
	return x;
}

static void
copy_rec(struct hist_set *set, const struct hist_rec *r)
{
	struct hist_rec *n;
	size_t m;

	n = hist_rec_new(set, r->s, r->file, r->id, r->num, r->op);
	free(n->title);
	n->title = xstrdup(r->title);
	n->line = r->line;
	for (m = 0; m < r->nf; m++)
		hist_rec_field(n, r->f[m].name, r->f[m].old, r->f[m].new,
		    r->f[m].derived);
}

/* After such a commit, older ones know the record by its old id. */
static void
renum_follow(struct logrun *lr)
{
	if (!lr->renum)
		return;
	memcpy(lr->cur_id, lr->old_id, sizeof(lr->cur_id));
	lr->filt.id = lr->cur_id;
	lr->renum = 0;
}

/*
 * Compare commit id with its parents and hand what changed to the
 * callback.  0 to go on, 1 when the callback stopped the log, -1 after
 * reporting.
 */
static int
log_commit(struct logrun *lr, const git_oid *id)
{
	const struct project *p = lr->p;
	const struct hist_log_opts *o = lr->o;
	struct hist_side sa, sb;
	struct hist_filter of;
	int old_first;
	git_oid pars[64];
	unsigned i, np;
	int64_t t;
	int merge, hand, rc;

	git_commit_free(lr->c);
	lr->c = NULL;
	if ((rc = git_commit_lookup(&lr->c, p->repo, id)) < 0)
		return kam_giterr(rc, "cannot read commit %s",
		    git_oid_tostr_s(id));
	/* Beyond a shallow boundary a commit is a root. */
	np = lr->shallow ? present_parents(lr->sw.odb, lr->c, pars, 64) :
	    git_commit_parentcount(lr->c);
	renum_check(lr);
	t = (int64_t)git_commit_time(lr->c);
	if ((o->since != 0 && t < o->since) ||
	    (o->until != 0 && t > o->until) ||
	    !author_matches(lr->c, o->author))
		return 0;
	if (snap_of(&lr->cur, p, id, &lr->cache) == -1)
		return -1;
	hist_set_clear(&lr->set);
	sb.tree = lr->cur.tree;
	sb.worktree = 0;
	sa.worktree = 0;
	sa.tree = NULL;
	/* A merge seen with all parents is shown whole, after the other
	 * parents are compared; anything else file by file. */
	merge = o->all_parents && np > 1;
	/* Following an id not renumbered by kam: the commit's records are
	 * kept until it is known whether it renumbered the id by hand. */
	hand = lr->filt.id != NULL && !o->no_follow && !lr->renum && !merge &&
	    np > 0;
	commit_of(&lr->lf.c, lr->c);
	lr->lf.first = 1;
	lr->bc.flush = merge || hand ? NULL : log_flush;
	lr->bc.farg = &lr->lf;
	if (np > 0) {
		if (snap_of(&lr->par, p, lr->shallow ? &pars[0] :
		    git_commit_parent_id(lr->c, 0), &lr->cache) == -1)
			return -1;
		sa.tree = lr->par.tree;
	}
	/* The renumbering shows the old id removed too, the two in id
	 * order as the index has them. */
	of = lr->filt;
	of.id = lr->old_id;
	old_first = lr->renum && !merge &&
	    atol(strrchr(lr->old_id, '-') + 1) <
	    atol(strrchr(lr->filt.id, '-') + 1);
	if ((old_first && diff_sides(&lr->set, p, &sa, &sb, &of,
	    &lr->bc) == -1) ||
	    diff_sides(&lr->set, p, &sa, &sb, &lr->filt, &lr->bc) == -1 ||
	    (lr->renum && !merge && !old_first && diff_sides(&lr->set, p,
	    &sa, &sb, &of, &lr->bc) == -1))
		return lr->lf.stop ? 1 : -1;
	lr->bc.flush = NULL;
	for (i = 0; hand && i < lr->set.n; i++) {
		const struct hist_rec *y = &lr->set.v[i], *x;
		struct hist_filter tf = { NULL, NULL };

		if (y->op != HIST_ADDED || strcmp(y->id, lr->filt.id) != 0)
			continue;
		/* The id appeared: was another record of its table removed
		 * with the same row? */
		tf.table = y->s;
		hist_set_clear(&lr->other);
		if (diff_sides(&lr->other, p, &sa, &sb, &tf, &lr->bc) == -1)
			return -1;
		if ((x = renumbered_by_hand(&lr->other, y)) != NULL) {
			snprintf(lr->old_id, sizeof(lr->old_id), "%s", x->id);
			lr->renum = 1;
			copy_rec(&lr->set, x);
		}
		break;
	}
	for (i = 1; merge && i < np && lr->set.n > 0; i++) {
		struct snap op;

		memset(&op, 0, sizeof(op));
		if (snap_of(&op, p, lr->shallow ? &pars[i] :
		    git_commit_parent_id(lr->c, i), &lr->cache) == -1)
			return -1;
		sa.tree = op.tree;
		hist_set_clear(&lr->other);
		rc = diff_sides(&lr->other, p, &sa, &sb, &lr->filt, &lr->bc);
		snap_release(&op);
		if (rc == -1)
			return -1;
		keep_in_all(&lr->set, &lr->other);
	}
	if (np > 0) {
		/* The first parent is most likely walked next. */
		snap_release(&lr->cache);
		lr->cache = lr->par;
		memset(&lr->par, 0, sizeof(lr->par));
	}
	snap_release(&lr->cur);
	if (lr->set.n > 0 && log_flush(&lr->lf, &lr->set) == -1)
		return lr->lf.stop ? 1 : -1;
	return 0;
}

/*
 * The commit a first-parent log starts from, when the record-history
 * index can answer it: HEAD or one revision (not a range).  0 with *id,
 * 1 when the index does not apply (or HEAD is unborn: the walk says so),
 * -1 after reporting.
 */
static int
index_start(git_oid *id, const struct project *p, const char *rev)
{
	git_object *obj = NULL, *c = NULL;
	int rc;

	if (rev == NULL)
		return git_reference_name_to_id(id, p->repo, "HEAD") == 0 ?
		    0 : 1;
	if (strstr(rev, "..") != NULL ||
	    git_revparse_single(&obj, p->repo, rev) < 0)
		return 1;	/* the walk reports it */
	rc = git_object_peel(&c, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return 1;
	git_oid_cpy(id, git_object_id(c));
	git_object_free(c);
	return 0;
}

/* Commit i of the index whose changes are stored: what log_commit() would
 * hand the callback, from the index (file by file, through the filter). */
static int
log_stored(struct logrun *lr, const struct histidx *ix, size_t i)
{
	const struct hist_log_opts *o = lr->o;
	const struct hist_filter *f = &lr->filt;
	const struct hist_set *fs;
	const struct schema *s;
	const git_oid *id = histidx_commit(ix, i);
	size_t j, k, m;
	int64_t t;
	int rc;

	git_commit_free(lr->c);
	lr->c = NULL;
	if ((rc = git_commit_lookup(&lr->c, lr->p->repo, id)) < 0)
		return kam_giterr(rc, "cannot read commit %s",
		    git_oid_tostr_s(id));
	renum_check(lr);
	t = (int64_t)git_commit_time(lr->c);
	if ((o->since != 0 && t < o->since) ||
	    (o->until != 0 && t > o->until) ||
	    !author_matches(lr->c, o->author))
		return 0;
	commit_of(&lr->lf.c, lr->c);
	lr->lf.first = 1;
	/* A renumbering by hand of the id followed, as log_commit finds it:
	 * the id added and one record of its table removed with the same
	 * row (the stored changes are every record's). */
	for (j = 0; f->id != NULL && !o->no_follow && !lr->renum &&
	    j < histidx_nfiles(ix, i); j++) {
		const struct hist_rec *x;

		if ((fs = histidx_file(ix, i, j, &s)) == NULL)
			continue;
		for (k = 0; k < fs->n; k++)
			if (fs->v[k].op == HIST_ADDED &&
			    strcmp(fs->v[k].id, f->id) == 0)
				break;
		if (k == fs->n)
			continue;
		if ((x = renumbered_by_hand(fs, &fs->v[k])) != NULL) {
			snprintf(lr->old_id, sizeof(lr->old_id), "%s", x->id);
			lr->renum = 1;
		}
		break;
	}
	for (j = 0; j < histidx_nfiles(ix, i); j++) {
		if ((fs = histidx_file(ix, i, j, &s)) == NULL ||
		    (f->table != NULL && f->table != s))
			continue;
		hist_set_clear(&lr->set);
		for (k = 0; k < fs->n; k++) {
			const struct hist_rec *r = &fs->v[k];
			struct hist_rec *n;

			if (f->id != NULL && strcmp(r->id, f->id) != 0 &&
			    (!lr->renum || strcmp(r->id, lr->old_id) != 0))
				continue;
			n = hist_rec_new(&lr->set, r->s, r->file, r->id, r->num,
			    r->op);
			free(n->title);
			n->title = xstrdup(r->title);
			n->line = r->line;
			for (m = 0; m < r->nf; m++)
				hist_rec_field(n, r->f[m].name, r->f[m].old,
				    r->f[m].new, r->f[m].derived);
		}
		if (lr->set.n > 0 && log_flush(&lr->lf, &lr->set) == -1)
			return lr->lf.stop ? 1 : -1;
	}
	return 0;
}

/* kam log through the index: the commits of the chain that may hold what
 * the filter selects, newest first, as the walk would show them.  1 when
 * the index does not apply. */
static int
log_indexed(struct logrun *lr)
{
	struct histidx *ix = NULL;
	git_oid start;
	size_t i;
	int rc;

	if (lr->o->all_parents || lr->o->no_index || lr->shallow)
		return 1;
	if ((rc = index_start(&start, lr->p, lr->o->rev)) != 0)
		return rc;
	if (histidx_open(&ix, lr->p, &start, lr->o->rev == NULL) == -1)
		return -1;
	rc = 0;
	for (i = 0; i < histidx_count(ix) && rc == 0; i++) {
		if (!histidx_may_match(ix, i, &lr->filt))
			continue;
		if (histidx_stored(ix, i, &lr->filt))
			rc = log_stored(lr, ix, i);
		else
			rc = log_commit(lr, histidx_commit(ix, i));
		renum_follow(lr);
	}
	histidx_free(ix);
	return rc == -1 ? -1 : 0;
}

static int
log_run(const struct project *p, const struct hist_log_opts *o,
    hist_log_cb cb, void *arg)
{
	git_revwalk *w = NULL;
	struct logrun lr;
	git_oid id;
	ssize_t cached = 0, cache_max = 256 << 20;
	int rc, ret = -1;

	memset(&lr, 0, sizeof(lr));
	lr.p = p;
	lr.o = o;
	lr.filt = o->filter;
	lr.lf.cb = cb;
	lr.lf.arg = arg;
	/* Read-only: libgit2 need not re-hash every object it reads. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Each tree and commit is read once: a small object cache halves the
	 * memory of a long walk at no cost in time. */
	git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &cached, &cache_max);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)(8 << 20));
	lr.shallow = git_repository_is_shallow(p->repo) == 1;
	if ((rc = log_indexed(&lr)) != 1) {
		ret = rc;
		goto out;
	}
	/* A first-parent walk is one chain: git's default order, no sort of
	 * the whole graph; all parents need a stable topological order. */
	if (lr.shallow) {
		if ((rc = swalk_start(&lr.sw, p, o->rev,
		    !o->all_parents)) != 0) {
			ret = rc == 1 ? 0 : -1;
			goto out;
		}
	} else if ((rc = git_revwalk_new(&w, p->repo)) < 0 ||
	    (rc = git_revwalk_sorting(w, o->all_parents ?
	    GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME : GIT_SORT_NONE)) < 0) {
		kam_giterr(rc, "cannot walk the history");
		goto out;
	}
	if (!lr.shallow && !o->all_parents)
		git_revwalk_simplify_first_parent(w);
	if (!lr.shallow && (rc = push_start(w, p, o->rev)) != 0) {
		ret = rc == 1 ? 0 : -1;
		goto out;
	}
	while ((rc = lr.shallow ? swalk_next(&id, &lr.sw) :
	    git_revwalk_next(&id, w)) == 0) {
		if ((rc = log_commit(&lr, &id)) != 0) {
			ret = rc == 1 ? 0 : -1;
			goto out;
		}
		renum_follow(&lr);
	}
	if (rc != GIT_ITEROVER) {
		kam_giterr(rc, "cannot walk the history");
		goto out;
	}
	if (lr.sw.truncated) {
		char b[GIT_OID_HEXSZ + 1];

		kam_warn("shallow clone: the history before commit %.12s is "
		    "not in this repository, so that commit shows its "
		    "records as added ('git fetch --unshallow' gives the "
		    "rest)", git_oid_tostr(b, sizeof(b), &lr.sw.boundary));
	}
	ret = 0;
out:
	swalk_release(&lr.sw);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, cache_max);
	snap_release(&lr.cache);
	snap_release(&lr.cur);
	snap_release(&lr.par);
	cache_release(&lr.bc);
	hist_set_release(&lr.set);
	hist_set_release(&lr.other);
	git_commit_free(lr.c);
	git_revwalk_free(w);
	return ret;
}

/* The caller's callback, counted: whether kam log showed anything. */
struct log_count {
	hist_log_cb	 cb;
	void		*arg;
	unsigned long	 calls;
};

/* A callback that takes nothing: log_counted counts the commits. */
static int
log_none(void *arg, const struct hist_commit *c, const struct hist_set *set,
    int first)
{
	(void)arg;
	(void)c;
	(void)set;
	(void)first;
	return 0;
}

static int
log_counted(void *arg, const struct hist_commit *c, const struct hist_set *set,
    int first)
{
	struct log_count *lc = arg;

	lc->calls++;
	return lc->cb(lc->arg, c, set, first);
}

/* Whether meetings/NAME.md is a file of the work tree. */
static int
meeting_in_worktree(const struct project *p, const char *name)
{
	char *path = xasprintf("%smeetings/%s.md", p->root, name);
	struct stat st;
	int rc = stat(path, &st) == 0 && S_ISREG(st.st_mode);

	free(path);
	return rc;
}

/*
 * kam log ID found nothing in a walk that nothing limited (no date, no
 * author, no range): the record was never in a commit of that history.
 * Still in the work tree only (not committed yet): a note, 0.  Else an
 * error naming it, 65, as kam risk show R-999 (issue 18).
 */
static int
log_unknown(const struct project *p, const struct hist_log_opts *o)
{
	const struct schema *s = o->filter.table;
	const char *id = o->filter.id, *sl = strchr(id, '/');
	const char *noun = s != &hist_meetings || sl == NULL ? s->noun :
	    sl[1] == 'D' ? "decision" : "action";
	struct hist_set set = HIST_SET_INIT;
	char *file;
	int rc = 0;

	if (o->rev == NULL) {
		if ((rc = hist_diff_revs(&set, p, NULL, NULL, &o->filter)) == 0
		    && set.n > 0)
			fprintf(stderr, "kam: note: %s %s is in the work tree "
			    "but in no commit yet ('kam diff' shows it)\n",
			    noun, id);
		rc = rc == -1 ? -1 : set.n > 0 ? 0 : 1;
		hist_set_release(&set);
		if (rc != 1)
			return rc;
	}
	if (s == &hist_meetings && sl == NULL && o->rev == NULL &&
	    !meeting_in_worktree(p, id))
		/* kam log NAME took NAME, no revision, for a removed
		 * meeting: there was none. */
		return kam_err(KAM_EX_USAGE, "unknown revision '%s', and no "
		    "meeting of that name: meetings/%s.md is in no commit",
		    id, id);
	if (s == &hist_meetings)
		file = xasprintf("meetings/%.*s.md", (int)(sl != NULL ?
		    (size_t)(sl - id) : strlen(id)), id);
	else
		file = xasprintf("%s%s", s->file, s->monthly ? "/" : "");
	kam_err(KAM_EX_DATA, "%s %s does not exist in the history of %s%s%s",
	    noun, id, file, o->rev != NULL ? " at " : "",
	    o->rev != NULL ? o->rev : "");
	free(file);
	return -1;
}

int
hist_log(const struct project *p, const struct hist_log_opts *o,
    hist_log_cb cb, void *arg)
{
	struct log_count lc = { cb, arg, 0 };
	int rc;

	if ((rc = log_run(p, o, log_counted, &lc)) != 0 || lc.calls > 0 ||
	    o->filter.id == NULL)
		return rc;
	if (o->since != 0 || o->until != 0 || o->author != NULL) {
		/* A name taken for a meeting since removed (no revision of
		 * that name, no such file in the work tree) must be one of
		 * the history for the limits to explain the silence: else
		 * it was a mistyped revision, as log_unknown says. */
		if (o->filter.table == &hist_meetings &&
		    strchr(o->filter.id, '/') == NULL && o->rev == NULL &&
		    !meeting_in_worktree(p, o->filter.id)) {
			struct hist_log_opts all = *o;
			struct log_count none = { log_none, NULL, 0 };

			all.since = all.until = 0;
			all.author = NULL;
			if ((rc = log_run(p, &all, log_counted, &none)) != 0 ||
			    none.calls > 0)
				return rc;
			return log_unknown(p, o);
		}
		return rc;
	}
	if (o->rev != NULL && strstr(o->rev, ".."))
		return rc;
	return log_unknown(p, o);
}

/* ---- text ---- */

static void
put_value(struct kam_buf *b, const char *v)
{
	if (*v == '\0')
		kam_buf_puts(b, "(none)");
	else if (strpbrk(v, " \t\n\"") != NULL) {
		kam_buf_putc(b, '"');
		for (; *v != '\0'; v++) {
			if (*v == '"' || *v == '\\')
				kam_buf_putc(b, '\\');
			if (*v == '\n')
				kam_buf_puts(b, "\\n");
			else
				kam_buf_putc(b, *v);
		}
		kam_buf_putc(b, '"');
	} else
		kam_buf_puts(b, v);
}

void
hist_line(struct kam_buf *b, const struct hist_rec *r, size_t j)
{
	kam_buf_puts(b, r->id);
	if (r->op != HIST_CHANGED) {
		kam_buf_printf(b, " %s", hist_op_name(r->op));
		if (r->title[0] != '\0') {
			kam_buf_puts(b, ": ");
			kam_buf_puts(b, r->title);
		}
		return;
	}
	kam_buf_printf(b, " %s ", r->f[j].name);
	put_value(b, r->f[j].old);
	kam_buf_puts(b, " -> ");
	put_value(b, r->f[j].new);
}

/* ---- kam diff: the sides its arguments name ---- */

/* The project tree of revision `rev` (*out NULL: no project there). */
static int
rev_tree(const struct project *p, const char *rev, const git_oid *id, git_tree **out)
{
	git_object *obj = NULL;
	git_commit *c = NULL;
	int rc, ret = -1;

	*out = NULL;
	if (id != NULL)
		rc = git_commit_lookup(&c, p->repo, id);
	else if ((rc = git_revparse_single(&obj, p->repo, rev)) == 0)
		rc = git_object_peel((git_object **)&c, obj, GIT_OBJECT_COMMIT);
	if (rc < 0) {
		if (rev != NULL && strcmp(rev, "HEAD") == 0 &&
		    git_repository_head_unborn(p->repo) == 1)
			ret = 0;	/* no commit yet: nothing before */
		else
			kam_err(KAM_EX_USAGE, "unknown revision '%s'",
			    rev != NULL ? rev : git_oid_tostr_s(id));
		goto out;
	}
	ret = hist_project_tree(out, p, c);
out:
	git_commit_free(c);
	git_object_free(obj);
	return ret;
}

int
hist_rev_commit(git_oid *out, const struct project *p, const char *rev)
{
	git_object *obj = NULL, *c = NULL;
	int ret = -1;

	if (git_revparse_single(&obj, p->repo, rev) < 0 ||
	    git_object_peel(&c, obj, GIT_OBJECT_COMMIT) < 0)
		kam_err(KAM_EX_USAGE, "unknown revision '%s'", rev);
	else {
		git_oid_cpy(out, git_object_id(c));
		ret = 0;
	}
	git_object_free(c);
	git_object_free(obj);
	return ret;
}

static int
range_trees(const struct project *p, const char *arg, git_tree **a, git_tree **b)
{
	git_revspec spec;
	git_oid base;
	int rc, ret = -1;

	memset(&spec, 0, sizeof(spec));
	if ((rc = git_revparse(&spec, p->repo, arg)) < 0 ||
	    spec.from == NULL) {
		kam_err(KAM_EX_USAGE, "unknown revision range '%s'", arg);
		goto out;
	}
	if (spec.to == NULL) {
		if (rev_tree(p, "HEAD", NULL, b) == -1)
			goto out;
	} else if (rev_tree(p, NULL, git_object_id(spec.to), b) == -1)
		goto out;
	if (spec.flags & GIT_REVSPEC_MERGE_BASE) {
		if (spec.to == NULL || (rc = git_merge_base(&base, p->repo,
		    git_object_id(spec.from), git_object_id(spec.to))) < 0) {
			kam_err(KAM_EX_USAGE, "'%s': the two revisions have no "
			    "common ancestor", arg);
			goto out;
		}
		ret = rev_tree(p, NULL, &base, a);
	} else
		ret = rev_tree(p, NULL, git_object_id(spec.from), a);
out:
	git_object_free(spec.from);
	git_object_free(spec.to);
	return ret;
}

int
hist_diff_revs(struct hist_set *set, const struct project *p,
    const char *from, const char *to, const struct hist_filter *f)
{
	struct hist_side a, b;
	int ret = -1;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (from != NULL && to == NULL && strstr(from, "..") != NULL) {
		if (range_trees(p, from, &a.tree, &b.tree) == -1)
			goto out;
	} else {
		if (rev_tree(p, from != NULL ? from : "HEAD", NULL, &a.tree) ==
		    -1)
			goto out;
		if (to == NULL)
			b.worktree = 1;
		else if (rev_tree(p, to, NULL, &b.tree) == -1)
			goto out;
	}
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	ret = hist_diff_sides(set, p, &a, &b, f);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
out:
	git_tree_free(a.tree);
	git_tree_free(b.tree);
	return ret;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Append name to the list v of n names (grown by powers of two). */
static void
push_name(char ***v, size_t *n, char *name)
{
	if ((*n & (*n + 1)) == 0)
		*v = xrealloc(*v, (*n == 0 ? 2 : 2 * (*n + 1)) * sizeof(char *));
	(*v)[(*n)++] = name;
}

int
hist_meeting_ids(const struct project *p, const char *cur, char ***ids)
{
	struct hist_side wt = { NULL, 1 };
	struct kam_buf b = KAM_BUF_INIT;
	struct minutes m = MINUTES_INIT;
	char **names = NULL, *abs, *rel, **v = NULL;
	size_t i, j, nn = 0, n = 0, stem, lc = strlen(cur);

	*ids = NULL;
	if (list_minutes(p, &wt, &names, &nn) == -1)
		return -1;
	for (i = 0; i < nn; i++) {
		stem = strlen(names[i]) - 3;
		/* Only the files whose name cur can still complete to. */
		if (strncmp(names[i], cur, lc < stem ? lc : stem) != 0)
			continue;
		push_name(&v, &n, xstrndup(names[i], stem));
		rel = xasprintf("meetings/%s", names[i]);
		abs = project_abspath(p, rel);
		if (kam_read_file_as(&b, abs, rel) == 0 &&
		    minutes_quiet(&m, rel, b.ptr, b.len) == 1) {
			for (j = 0; j < m.ndecisions; j++)
				push_name(&v, &n, xasprintf("%.*s/D%zu",
				    (int)stem, names[i], j + 1));
			for (j = 0; j < m.nactions; j++)
				push_name(&v, &n, xasprintf("%.*s/A%zu",
				    (int)stem, names[i], j + 1));
		}
		minutes_release(&m);
		free(abs);
		free(rel);
	}
	kam_buf_release(&b);
	free_names(names, nn);
	*ids = v;
	return (int)n;
}

int
hist_ref_names(const struct project *p, char ***names)
{
	static const char *const kinds[] = {
		"refs/heads/", "refs/remotes/", "refs/tags/"
	};
	git_reference_iterator *it = NULL;
	git_reference *ref;
	char **v = NULL;
	size_t n = 0, i, from;
	const char *name;
	int rc;

	v = xrealloc(v, sizeof(*v));
	v[n++] = xstrdup("HEAD");
	for (i = 0; i < ARRAY_SIZE(kinds); i++) {
		from = n;
		if ((rc = git_reference_iterator_glob_new(&it, p->repo,
		    i == 0 ? "refs/heads/*" : i == 1 ? "refs/remotes/*" :
		    "refs/tags/*")) < 0) {
			kam_giterr(rc, "cannot list the references");
			goto fail;
		}
		while ((rc = git_reference_next(&ref, it)) == 0) {
			name = git_reference_name(ref) + strlen(kinds[i]);
			if (strcmp(name + strlen(name) - (strlen(name) >= 4 ?
			    4 : 0), "HEAD") != 0) {
				v = xrealloc(v, (n + 1) * sizeof(*v));
				v[n++] = xstrdup(name);
			}
			git_reference_free(ref);
		}
		git_reference_iterator_free(it);
		it = NULL;
		if (rc != GIT_ITEROVER) {
			kam_giterr(rc, "cannot list the references");
			goto fail;
		}
		if (n - from > 1)
			qsort(v + from, n - from, sizeof(*v), cmp_name);
	}
	*names = v;
	return (int)n;
fail:
	while (n > 0)
		free(v[--n]);
	free(v);
	*names = NULL;
	return -1;
}
