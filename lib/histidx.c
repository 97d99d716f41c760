/*
 * histidx.c: the record-history index of kam log (see histidx.h).
 *
 * The file, kam/log-index-<8 hex of the project folder> in the git
 * directory, is text:
 *
 *   kam-log-index 1
 *   digits 2
 *   schemas goals,scope,people,...        the tables this kam knows
 *   prefix pm/                            the project folder ("" at the root)
 *   tip <commit>                          the chain's newest commit
 *   c <commit>                            a commit that changes kam files
 *   f risks =                             a table file, its changes stored:
 *   r C 3 17<TAB>risks.csv<TAB>R-17<TAB>Title      a record (op line num),
 *   v 0<TAB>probability<TAB>3<TAB>4                its fields (derived?)
 *   f expenses *                          or not stored: compute them again
 *   f - *                                 a file that is not a table
 *   ...
 *   sum <id>                              git's blob id of all above
 *
 * Anything that does not read back exactly (other version, digits, tables
 * or folder, a bad line, a wrong sum) is as if there were no index.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "histidx.h"
#include "kam.h"
#include "schema.h"

#define IDX_VERSION	1
/* More changed records than this in one file of one commit: "*". */
#define IDS_MAX		64
/* A file added or removed whole is read for its ids up to this size. */
#define ADDED_MAX	(64 << 10)
#define MEETINGS_DIR	"meetings"

struct ixfile {
	const struct schema	*s;	/* NULL: not a table (minutes) */
	int			 stored;	/* recs hold every change; else "*" */
	struct hist_set		 recs;	/* as hist_diff_bufs() gave them */
};

struct ixent {
	git_oid		 id;
	struct ixfile	*f;
	size_t		 nf;
};

struct ixlist {
	struct ixent	*v;
	size_t		 n, alloc;
};

struct histidx {
	struct ixlist	 l;
	git_oid		 tip;
	int		 have_tip;
	int		 warm;
};

/* ---- entries ---- */

static void
ent_release(struct ixent *e)
{
	size_t i;

	for (i = 0; i < e->nf; i++)
		hist_set_release(&e->f[i].recs);
	free(e->f);
	memset(e, 0, sizeof(*e));
}

static void
list_release(struct ixlist *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		ent_release(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static struct ixent *
list_add(struct ixlist *l)
{
	if (l->n == l->alloc) {
		l->alloc = l->alloc ? l->alloc * 2 : 64;
		l->v = xrealloc(l->v, l->alloc * sizeof(*l->v));
	}
	memset(&l->v[l->n], 0, sizeof(l->v[0]));
	return &l->v[l->n++];
}

static struct ixfile *
ent_file(struct ixent *e, const struct schema *s)
{
	struct ixfile *f;

	e->f = xrealloc(e->f, (e->nf + 1) * sizeof(*e->f));
	f = &e->f[e->nf++];
	memset(f, 0, sizeof(*f));
	f->s = s;
	return f;
}

/* Building entries: a few blobs are kept, since walking down the chain
 * the parent's version of one change is the child's of the next. */
#define NBLOBS	4
struct build {
	const struct project	*p;
	git_odb			*odb;
	git_blob		*blob[NBLOBS];
	unsigned		 next;
};

static void
build_release(struct build *bd)
{
	unsigned i;

	for (i = 0; i < NBLOBS; i++)
		git_blob_free(bd->blob[i]);
	git_odb_free(bd->odb);
	memset(bd, 0, sizeof(*bd));
}

/* The blob of entry te (NULL: none), owned by bd. */
static int
build_blob(struct build *bd, const git_tree_entry *te, const char *path,
    git_blob **out)
{
	unsigned i;
	int rc;

	*out = NULL;
	if (te == NULL)
		return 0;
	for (i = 0; i < NBLOBS; i++)
		if (bd->blob[i] != NULL && git_oid_equal(git_blob_id(
		    bd->blob[i]), git_tree_entry_id(te))) {
			*out = bd->blob[i];
			return 0;
		}
	i = bd->next++ % NBLOBS;
	git_blob_free(bd->blob[i]);
	bd->blob[i] = NULL;
	if ((rc = git_blob_lookup(&bd->blob[i], bd->p->repo,
	    git_tree_entry_id(te))) < 0)
		return kam_giterr(rc, "cannot read '%s'", path);
	*out = bd->blob[i];
	return 0;
}

/* The records of one file that differ between blob entries ea and eb
 * (either may be NULL or not a blob: then every record). */
static int
file_ids(struct ixent *e, struct build *bd, const struct schema *s,
    const char *path, const git_tree_entry *ea, const git_tree_entry *eb)
{
	const struct project *p = bd->p;
	struct hist_set set = HIST_SET_INIT;
	git_blob *ba = NULL, *bb = NULL;
	git_object_t type;
	struct ixfile *f;
	size_t len;

	if ((ea != NULL && git_tree_entry_type(ea) != GIT_OBJECT_BLOB) ||
	    (eb != NULL && git_tree_entry_type(eb) != GIT_OBJECT_BLOB)) {
		ent_file(e, s);
		return 0;
	}
	/* A file added or removed whole is read only when small: a million
	 * expenses are "*". */
	if ((ea == NULL || eb == NULL) && git_odb_read_header(&len, &type,
	    bd->odb, git_tree_entry_id(ea != NULL ? ea : eb)) == 0 &&
	    len > ADDED_MAX) {
		ent_file(e, s);
		return 0;
	}
	if (build_blob(bd, ea, path, &ba) == -1 ||
	    build_blob(bd, eb, path, &bb) == -1)
		return -1;
	hist_diff_bufs(&set, s, path, p->digits,
	    ba != NULL ? git_blob_rawcontent(ba) : NULL,
	    ba != NULL ? (size_t)git_blob_rawsize(ba) : 0,
	    bb != NULL ? git_blob_rawcontent(bb) : NULL,
	    bb != NULL ? (size_t)git_blob_rawsize(bb) : 0, NULL);
	if (set.n == 0 && set.invalid == 0)
		goto out;		/* the walk shows nothing here */
	f = ent_file(e, s);
	if (set.invalid > 0 || set.n > IDS_MAX)
		goto out;
	f->stored = 1;
	f->recs = set;
	set = (struct hist_set)HIST_SET_INIT;
out:
	hist_set_release(&set);
	return 0;
}

/* The month files of a monthly table's folder that differ. */
static int
month_ids(struct ixent *e, struct build *bd, const struct schema *s,
    const git_tree_entry *ea, const git_tree_entry *eb)
{
	const struct project *p = bd->p;
	git_tree *ta = NULL, *tb = NULL;
	const git_tree_entry *xa, *xb;
	size_t ia = 0, ib = 0, na, nb;
	char *path;
	int c, rc, ret = -1;

	if ((ea != NULL && git_tree_entry_type(ea) != GIT_OBJECT_TREE) ||
	    (eb != NULL && git_tree_entry_type(eb) != GIT_OBJECT_TREE)) {
		ent_file(e, s);
		return 0;
	}
	if ((ea != NULL && (rc = git_tree_lookup(&ta, p->repo,
	    git_tree_entry_id(ea))) < 0) || (eb != NULL &&
	    (rc = git_tree_lookup(&tb, p->repo, git_tree_entry_id(eb))) < 0)) {
		kam_giterr(rc, "cannot read '%s'", s->file);
		goto out;
	}
	na = ta != NULL ? git_tree_entrycount(ta) : 0;
	nb = tb != NULL ? git_tree_entrycount(tb) : 0;
	while (ia < na || ib < nb) {
		xa = ia < na ? git_tree_entry_byindex(ta, ia) : NULL;
		xb = ib < nb ? git_tree_entry_byindex(tb, ib) : NULL;
		c = xa == NULL ? 1 : xb == NULL ? -1 :
		    strcmp(git_tree_entry_name(xa), git_tree_entry_name(xb));
		if (c < 0)
			xb = NULL;
		else if (c > 0)
			xa = NULL;
		path = xasprintf("%s/%s", s->file, git_tree_entry_name(
		    xa != NULL ? xa : xb));
		rc = 0;
		if (schema_by_file(path) == s && (xa == NULL || xb == NULL ||
		    !git_oid_equal(git_tree_entry_id(xa),
		    git_tree_entry_id(xb))))
			rc = file_ids(e, bd, s, path, xa, xb);
		free(path);
		if (rc == -1)
			goto out;
		if (c <= 0)
			ia++;
		if (c >= 0)
			ib++;
	}
	ret = 0;
out:
	git_tree_free(ta);
	git_tree_free(tb);
	return ret;
}

/* What kam files of the project differ between trees a and b (the
 * project's subtrees; NULL: no project there), as kam log compares them. */
static int
entry_files(struct ixent *e, struct build *bd, git_tree *a, git_tree *b)
{
	const git_tree_entry *ea, *eb;
	const struct schema *s;
	size_t i;

	if (a != NULL && b != NULL && git_oid_equal(git_tree_id(a),
	    git_tree_id(b)))
		return 0;
	for (i = 0; i <= kam_nschemas; i++) {
		s = i < kam_nschemas ? kam_schemas[i] : NULL;
		ea = a != NULL ? git_tree_entry_byname(a, s != NULL ? s->file :
		    MEETINGS_DIR) : NULL;
		eb = b != NULL ? git_tree_entry_byname(b, s != NULL ? s->file :
		    MEETINGS_DIR) : NULL;
		if ((ea == NULL && eb == NULL) || (ea != NULL && eb != NULL &&
		    git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb))))
			continue;
		if (s == NULL)
			ent_file(e, NULL);
		else if (s->monthly) {
			if (month_ids(e, bd, s, ea, eb) == -1)
				return -1;
		} else if (file_ids(e, bd, s, s->file, ea, eb) == -1)
			return -1;
	}
	return 0;
}

/* ---- the file ---- */

static char *
idx_path(const struct project *p)
{
	git_oid h;
	char hex[GIT_OID_HEXSZ + 1];

	git_odb_hash(&h, p->prefix, strlen(p->prefix), GIT_OBJECT_BLOB);
	git_oid_tostr(hex, sizeof(hex), &h);
	return xasprintf("%skam/log-index-%.8s",
	    git_repository_commondir(p->repo), hex);
}

static void
schema_names(struct kam_buf *b)
{
	size_t i;

	for (i = 0; i < kam_nschemas; i++)
		kam_buf_printf(b, "%s%s", i > 0 ? "," : "",
		    kam_schemas[i]->name);
}

static void
idx_header(struct kam_buf *b, int digits, const char *prefix)
{
	kam_buf_printf(b, "kam-log-index %d\ndigits %d\nschemas ",
	    IDX_VERSION, digits);
	schema_names(b);
	kam_buf_printf(b, "\nprefix %s\n", prefix);
}

/* Text fields are tab-separated: a tab, newline, carriage return or
 * backslash in a value is escaped. */
static void
put_esc(struct kam_buf *b, const char *v)
{
	kam_buf_putc(b, '\t');
	for (; *v != '\0'; v++)
		switch (*v) {
		case '\t':
			kam_buf_puts(b, "\\t");
			break;
		case '\n':
			kam_buf_puts(b, "\\n");
			break;
		case '\r':
			kam_buf_puts(b, "\\r");
			break;
		case '\\':
			kam_buf_puts(b, "\\\\");
			break;
		default:
			kam_buf_putc(b, *v);
		}
}

/* Undo put_esc() in place; -1 for a bad escape. */
static int
unesc(char *v)
{
	char *w = v;

	for (; *v != '\0'; v++) {
		if (*v != '\\') {
			*w++ = *v;
			continue;
		}
		switch (*++v) {
		case 't':
			*w++ = '\t';
			break;
		case 'n':
			*w++ = '\n';
			break;
		case 'r':
			*w++ = '\r';
			break;
		case '\\':
			*w++ = '\\';
			break;
		default:
			return -1;
		}
	}
	*w = '\0';
	return 0;
}

static const char op_char[] = { 'A', 'R', 'C' };	/* enum hist_op */

static void
put_recs(struct kam_buf *b, const struct hist_set *set)
{
	size_t i, j;

	for (i = 0; i < set->n; i++) {
		const struct hist_rec *r = &set->v[i];

		kam_buf_printf(b, "r %c %lu %ld", op_char[r->op], r->line,
		    r->num);
		put_esc(b, r->file);
		put_esc(b, r->id);
		put_esc(b, r->title);
		kam_buf_putc(b, '\n');
		for (j = 0; j < r->nf; j++) {
			kam_buf_printf(b, "v %d", r->f[j].derived ? 1 : 0);
			put_esc(b, r->f[j].name);
			put_esc(b, r->f[j].old);
			put_esc(b, r->f[j].new);
			kam_buf_putc(b, '\n');
		}
	}
}

void
histidx_serialize(const struct histidx *ix, int digits, const char *prefix,
    struct kam_buf *b)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid sum;
	size_t i, j;

	idx_header(b, digits, prefix);
	kam_buf_printf(b, "tip %s\n", git_oid_tostr(hex, sizeof(hex),
	    &ix->tip));
	for (i = 0; i < ix->l.n; i++) {
		const struct ixent *e = &ix->l.v[i];

		kam_buf_printf(b, "c %s\n", git_oid_tostr(hex, sizeof(hex),
		    &e->id));
		for (j = 0; j < e->nf; j++) {
			const struct ixfile *f = &e->f[j];

			kam_buf_printf(b, "f %s %c\n", f->s != NULL ?
			    f->s->name : "-", f->stored ? '=' : '*');
			if (f->stored)
				put_recs(b, &f->recs);
		}
	}
	git_odb_hash(&sum, b->ptr, b->len, GIT_OBJECT_BLOB);
	kam_buf_printf(b, "sum %s\n", git_oid_tostr(hex, sizeof(hex), &sum));
}

/* Split line at tabs into at most max fields, unescaped; the count, or
 * -1 for a bad escape. */
static int
split_tabs(char *line, char **v, int max)
{
	int n = 0;
	char *t;

	while (line != NULL && n < max) {
		if ((t = strchr(line, '\t')) != NULL)
			*t++ = '\0';
		if (unesc(line) == -1)
			return -1;
		v[n++] = line;
		line = t;
	}
	return line == NULL ? n : -1;
}

/* One "r" or "v" line of a stored file into f; -1 when it is not one. */
static int
read_rec(struct ixfile *f, char *line)
{
	struct hist_rec *r;
	char *v[4], op;
	unsigned long ln;
	long num;
	int k, n, d;

	if (line[0] == 'r' && line[1] == ' ') {
		if (sscanf(line, "r %c %lu %ld%n", &op, &ln, &num, &n) != 3 ||
		    line[n] != '\t' ||
		    split_tabs(line + n + 1, v, 3) != 3)
			return -1;
		for (k = 0; k < 3 && op_char[k] != op; k++)
			;
		if (k == 3)
			return -1;
		r = hist_rec_new(&f->recs, f->s, v[0], v[1], num,
		    (enum hist_op)k);
		free(r->title);
		r->title = xstrdup(v[2]);
		r->line = ln;
		return 0;
	}
	if (line[0] != 'v' || line[1] != ' ' || f->recs.n == 0 ||
	    (line[2] != '0' && line[2] != '1') || line[3] != '\t' ||
	    split_tabs(line + 4, v, 3) != 3)
		return -1;
	d = line[2] == '1';
	hist_rec_field(&f->recs.v[f->recs.n - 1], v[0], v[1], v[2], d);
	return 0;
}

/* The next line of [*pp, end) without its newline, or NULL. */
static char *
next_line(char **pp, char *end)
{
	char *s = *pp, *nl;

	if (s >= end)
		return NULL;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		return NULL;		/* every line ends in a newline */
	*nl = '\0';
	*pp = nl + 1;
	return s;
}

/* The bytes of path, or -1 quietly: no index is never an error. */
static int
read_quiet(struct kam_buf *b, const char *path)
{
	char chunk[65536];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		kam_buf_add(b, chunk, (size_t)n);
	}
	close(fd);
	return 0;
}

/* Parse the bytes of an index into ix: 0, or -1 when they do not read
 * back exactly (quietly: the caller rebuilds it).  buf is changed. */
static int
idx_parse(struct histidx *ix, int digits, const char *prefix, char *buf,
    size_t len)
{
	struct kam_buf want = KAM_BUF_INIT;
	char *s, *end, *line, *sp;
	const char *sumline;
	struct ixent *e = NULL;
	struct ixfile *f = NULL;
	git_oid sum, got;
	int ret = -1;

	if (len == 0)
		goto out;
	/* The sum covers everything before its own line. */
	for (sumline = buf + len - 1; sumline > buf && sumline[-1] != '\n';
	    sumline--)
		;
	if (buf + len - sumline != 4 + GIT_OID_HEXSZ + 1 ||
	    strncmp(sumline, "sum ", 4) != 0 || sumline[4 + GIT_OID_HEXSZ] !=
	    '\n' || git_oid_fromstrn(&sum, sumline + 4, GIT_OID_HEXSZ) < 0)
		goto out;
	git_odb_hash(&got, buf, (size_t)(sumline - buf), GIT_OBJECT_BLOB);
	if (!git_oid_equal(&sum, &got))
		goto out;
	idx_header(&want, digits, prefix);
	if ((size_t)(sumline - buf) < want.len ||
	    memcmp(buf, want.ptr, want.len) != 0)
		goto out;
	s = buf + want.len;
	end = (char *)sumline;
	if ((line = next_line(&s, end)) == NULL ||
	    strncmp(line, "tip ", 4) != 0 ||
	    strlen(line + 4) != GIT_OID_HEXSZ ||
	    git_oid_fromstr(&ix->tip, line + 4) < 0)
		goto out;
	ix->have_tip = 1;
	while ((line = next_line(&s, end)) != NULL) {
		if (strncmp(line, "c ", 2) == 0) {
			e = list_add(&ix->l);
			f = NULL;
			if (strlen(line + 2) != GIT_OID_HEXSZ ||
			    git_oid_fromstr(&e->id, line + 2) < 0)
				goto out;
			continue;
		}
		if (strncmp(line, "f ", 2) != 0) {
			if (f == NULL || !f->stored || read_rec(f, line) == -1)
				goto out;
			continue;
		}
		if (e == NULL || (sp = strchr(line + 2, ' ')) == NULL ||
		    (strcmp(sp, " =") != 0 && strcmp(sp, " *") != 0))
			goto out;
		*sp++ = '\0';
		if (strcmp(line + 2, "-") == 0)
			f = ent_file(e, NULL);
		else {
			const struct schema *sc = schema_by_name(line + 2);

			if (sc == NULL)
				goto out;
			f = ent_file(e, sc);
		}
		f->stored = *sp == '=';
		if (f->stored && f->s == NULL)
			goto out;
	}
	if (s != end)
		goto out;
	ret = 0;
out:
	if (ret == -1) {
		list_release(&ix->l);
		ix->have_tip = 0;
	}
	kam_buf_release(&want);
	return ret;
}

int
histidx_parse(struct histidx **out, int digits, const char *prefix,
    const char *data, size_t len)
{
	struct histidx *ix = xcalloc(1, sizeof(*ix));
	char *buf = xmalloc(len + 1);

	memcpy(buf, data, len);
	buf[len] = '\0';
	*out = NULL;
	if (idx_parse(ix, digits, prefix, buf, len) == -1) {
		free(buf);
		histidx_free(ix);
		return -1;
	}
	free(buf);
	*out = ix;
	return 0;
}

/* Read the index of p into ix: 0, or -1 when there is none that reads
 * back exactly. */
static int
idx_read(struct histidx *ix, const struct project *p)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *path = idx_path(p);
	int ret = -1;

	if (read_quiet(&b, path) == 0 && b.len > 0)
		ret = idx_parse(ix, p->digits, p->prefix, b.ptr, b.len);
	kam_buf_release(&b);
	free(path);
	return ret;
}

/* Save ix atomically; quietly nothing when the git directory cannot be
 * written (the index is never required). */
static void
idx_write(const struct histidx *ix, const struct project *p)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *path = idx_path(p), *dir, *tmp;
	size_t off = 0;
	ssize_t w;
	int fd;

	dir = xasprintf("%skam", git_repository_commondir(p->repo));
	tmp = xasprintf("%s.%ld.tmp", path, (long)getpid());
	if (mkdir(dir, 0777) == -1 && errno != EEXIST)
		goto out;
	histidx_serialize(ix, p->digits, p->prefix, &b);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1)
		goto out;
	while (off < b.len) {
		if ((w = write(fd, b.ptr + off, b.len - off)) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		off += (size_t)w;
	}
	if (close(fd) == -1 || off != b.len || rename(tmp, path) == -1)
		unlink(tmp);
out:
	kam_buf_release(&b);
	free(tmp);
	free(dir);
	free(path);
}

/* ---- bringing it up to date ---- */

struct joinent {
	git_oid		 id;
	size_t		 pos;	/* first entry of the old list to keep */
};

static int
cmp_join(const void *a, const void *b)
{
	const struct joinent *x = a, *y = b;

	return git_oid_cmp(&x->id, &y->id);
}

/* Where the old list may be joined: its tip (everything) and each entry
 * (it and everything below it). */
static struct joinent *
join_points(const struct histidx *ix, size_t *n)
{
	struct joinent *j = xcalloc(ix->l.n + 1, sizeof(*j));
	size_t i;

	*n = 0;
	if (!ix->have_tip)
		return j;
	git_oid_cpy(&j[*n].id, &ix->tip);
	j[(*n)++].pos = 0;
	for (i = 0; i < ix->l.n; i++) {
		git_oid_cpy(&j[*n].id, &ix->l.v[i].id);
		j[(*n)++].pos = i;
	}
	qsort(j, *n, sizeof(*j), cmp_join);
	return j;
}

static const struct joinent *
join_find(const struct joinent *j, size_t n, const git_oid *id)
{
	struct joinent key;

	git_oid_cpy(&key.id, id);
	return n == 0 ? NULL : bsearch(&key, j, n, sizeof(*j), cmp_join);
}

int
histidx_open(struct histidx **out, const struct project *p,
    const git_oid *start, int save)
{
	struct histidx *ix = xcalloc(1, sizeof(*ix));
	struct ixlist fresh = { NULL, 0, 0 };
	struct build bd;
	struct joinent *jp = NULL;
	const struct joinent *hit = NULL;
	git_commit *c = NULL, *pc = NULL;
	git_tree *tc = NULL, *tp = NULL;
	size_t njp, i;
	int rc, ret = -1;

	*out = NULL;
	memset(&bd, 0, sizeof(bd));
	ix->warm = idx_read(ix, p) == 0;
	if (ix->warm && git_oid_equal(&ix->tip, start)) {
		*out = ix;
		return 0;
	}
	jp = join_points(ix, &njp);
	bd.p = p;
	if ((rc = git_repository_odb(&bd.odb, p->repo)) < 0) {
		kam_giterr(rc, "cannot read the object database");
		goto out;
	}
	if ((rc = git_commit_lookup(&c, p->repo, start)) < 0) {
		kam_giterr(rc, "cannot read commit %s", git_oid_tostr_s(start));
		goto out;
	}
	if (hist_project_tree(&tc, p, c) == -1)
		goto out;
	/* Down the first parents to the first commit the index knows. */
	for (;;) {
		struct ixent *e;

		if ((hit = join_find(jp, njp, git_commit_id(c))) != NULL)
			break;
		pc = NULL;
		tp = NULL;
		if (git_commit_parentcount(c) > 0) {
			if ((rc = git_commit_parent(&pc, c, 0)) < 0) {
				kam_giterr(rc, "cannot read the parent of %s",
				    git_oid_tostr_s(git_commit_id(c)));
				goto out;
			}
			if (hist_project_tree(&tp, p, pc) == -1)
				goto out;
		}
		e = list_add(&fresh);
		git_oid_cpy(&e->id, git_commit_id(c));
		if (entry_files(e, &bd, tp, tc) == -1)
			goto out;
		if (e->nf == 0)
			ent_release(&fresh.v[--fresh.n]);
		git_commit_free(c);
		git_tree_free(tc);
		c = pc;
		tc = tp;
		pc = NULL;
		tp = NULL;
		if (c == NULL)
			break;
	}
	/* The new commits, then what the old index knows below the join. */
	for (i = hit != NULL ? hit->pos : ix->l.n; i < ix->l.n; i++) {
		*list_add(&fresh) = ix->l.v[i];
		memset(&ix->l.v[i], 0, sizeof(ix->l.v[i]));
	}
	list_release(&ix->l);
	ix->l = fresh;
	memset(&fresh, 0, sizeof(fresh));
	git_oid_cpy(&ix->tip, start);
	ix->have_tip = 1;
	if (save)
		idx_write(ix, p);
	*out = ix;
	ix = NULL;
	ret = 0;
out:
	build_release(&bd);
	free(jp);
	git_commit_free(c);
	git_commit_free(pc);
	git_tree_free(tc);
	git_tree_free(tp);
	list_release(&fresh);
	histidx_free(ix);
	return ret;
}

size_t
histidx_count(const struct histidx *ix)
{
	return ix->l.n;
}

const git_oid *
histidx_commit(const struct histidx *ix, size_t i)
{
	return &ix->l.v[i].id;
}

/* Does file f hold a change that flt selects (as far as it is known)? */
static int
file_matches(const struct ixfile *f, const struct hist_filter *flt)
{
	size_t k;

	if (flt == NULL || f->s == NULL)
		return 1;
	if (flt->table != NULL && f->s != flt->table)
		return 0;
	if (flt->id == NULL || !f->stored)
		return 1;
	for (k = 0; k < f->recs.n; k++)
		if (strcmp(f->recs.v[k].id, flt->id) == 0)
			return 1;
	return 0;
}

int
histidx_may_match(const struct histidx *ix, size_t i,
    const struct hist_filter *flt)
{
	const struct ixent *e = &ix->l.v[i];
	size_t j;

	for (j = 0; j < e->nf; j++)
		if (file_matches(&e->f[j], flt))
			return 1;
	return 0;
}

int
histidx_stored(const struct histidx *ix, size_t i,
    const struct hist_filter *flt)
{
	const struct ixent *e = &ix->l.v[i];
	size_t j;

	for (j = 0; j < e->nf; j++)
		if (file_matches(&e->f[j], flt) && !e->f[j].stored)
			return 0;
	return 1;
}

size_t
histidx_nfiles(const struct histidx *ix, size_t i)
{
	return ix->l.v[i].nf;
}

const struct hist_set *
histidx_file(const struct histidx *ix, size_t i, size_t j,
    const struct schema **s)
{
	*s = ix->l.v[i].f[j].s;
	return ix->l.v[i].f[j].stored ? &ix->l.v[i].f[j].recs : NULL;
}

int
histidx_was_warm(const struct histidx *ix)
{
	return ix->warm;
}

void
histidx_free(struct histidx *ix)
{
	if (ix == NULL)
		return;
	list_release(&ix->l);
	free(ix);
}
