/*
 * merge.c: three-way merge of one table by record and field (merge.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "merge.h"
#include "project.h"
#include "schema.h"
#include "table.h"
#include "value.h"

/* One version of the table with its records sorted by key. */
struct version {
	struct table	 t;
	struct vkey	*k;
	size_t		 n;
	int		 present;	/* a file was given (base may be empty) */
};

struct vkey {
	char		*key;		/* id, or "k1\037k2" for keyless */
	long		 num;
	struct row	*r;
};

static void
quiet(void *arg, int code, const char *msg)
{
	(void)arg;
	(void)code;
	(void)msg;
}

static int
cmp_vkey(const void *x, const void *y)
{
	const struct vkey *a = x, *b = y;

	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return strcmp(a->key, b->key);
}

static int
load(struct version *v, const struct schema *s, const char *path,
    int digits, const char *buf, size_t len)
{
	size_t i;
	int saved = kam_exit_code, rc = 0;

	if (len == 0)
		table_init(&v->t, s, path, digits);
	else {
		kam_msg_capture(quiet, NULL);
		rc = table_parse(&v->t, s, path, digits, buf, len);
		kam_msg_capture(NULL, NULL);
		kam_exit_code = saved;
		if (rc == -1)
			return -1;
	}
	v->k = xcalloc(v->t.nrows + 1, sizeof(*v->k));
	for (i = 0; i < v->t.nrows; i++) {
		struct row *r = &v->t.rows[i];

		if (s->prefix != NULL) {
			v->k[i].key = xstrdup(table_get(&v->t, r, ID_COL));
			v->k[i].num = r->num;
		} else if (s->nkeys > 1)
			v->k[i].key = xasprintf("%s\037%s",
			    table_get(&v->t, r, s->keys[0]),
			    table_get(&v->t, r, s->keys[1]));
		else
			v->k[i].key = xstrdup(table_get(&v->t, r, s->keys[0]));
		v->k[i].r = r;
	}
	v->n = v->t.nrows;
	qsort(v->k, v->n, sizeof(*v->k), cmp_vkey);
	return 0;
}

static void
version_release(struct version *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->k[i].key);
	free(v->k);
	table_release(&v->t);
}

static struct row *
find(const struct version *v, const struct vkey *k)
{
	const struct vkey *f = bsearch(k, v->k, v->n, sizeof(*v->k), cmp_vkey);

	return f != NULL ? f->r : NULL;
}

/* ---- the merged header ---- */

struct merged {
	const char	**cols;		/* result column names */
	size_t		  ncols;
	const struct schema *s;
	int		  digits;
};

static void
add_col(struct merged *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->ncols; i++)
		if (strcmp(m->cols[i], name) == 0)
			return;
	m->cols = xrealloc(m->cols, (m->ncols + 1) * sizeof(char *));
	m->cols[m->ncols++] = name;
}

/* Field `name` of row r of version v; a version without that column has
 * no opinion on it: it reads as the base's value. */
static const char *
field(const struct version *v, const struct row *r, const char *name,
    const struct version *base, const struct row *br)
{
	const char *x = r != NULL ? table_get_name(&v->t, r, name) : NULL;

	if (x != NULL)
		return x;
	if (br != NULL && (x = table_get_name(&base->t, br, name)) != NULL)
		return x;
	return "";
}

static int
same(const struct merged *m, const char *name, const char *x, const char *y)
{
	int c;
	int64_t a, b;

	if (strcmp(x, y) == 0)
		return 1;
	if ((c = schema_col(m->s, name)) == -1 ||
	    m->s->cols[c].type != COL_MONEY)
		return 0;
	return money_parse(x, m->digits, &a, NULL) == 0 &&
	    money_parse(y, m->digits, &b, NULL) == 0 && a == b;
}

/* Do rows x (of vx) and y (of vy) hold the same record? */
static int
same_row(const struct merged *m, const struct version *vx,
    const struct row *x, const struct version *vy, const struct row *y,
    const struct version *base, const struct row *br)
{
	size_t i;

	for (i = 0; i < m->ncols; i++)
		if (!same(m, m->cols[i], field(vx, x, m->cols[i], base, br),
		    field(vy, y, m->cols[i], base, br)))
			return 0;
	return 1;
}

/* ---- writing ---- */

static void
put_row(struct kam_buf *b, const struct merged *m, const char *const *cells)
{
	size_t i;

	for (i = 0; i < m->ncols; i++) {
		if (i > 0)
			kam_buf_putc(b, ',');
		table_put_field(b, cells[i]);
	}
	kam_buf_putc(b, '\n');
}

static void
put_version(struct kam_buf *b, const struct merged *m,
    const struct version *v, const struct row *r, const struct version *base,
    const struct row *br)
{
	const char **cells;
	size_t i;

	if (r == NULL)
		return;
	cells = xcalloc(m->ncols, sizeof(char *));
	for (i = 0; i < m->ncols; i++)
		cells[i] = field(v, r, m->cols[i], base, br);
	put_row(b, m, cells);
	free(cells);
}

static void
conflict(struct merge_result *res, const char *key, const char *why)
{
	struct merge_conflict *c;
	char *k = xstrdup(key), *p;

	if ((p = strchr(k, '\037')) != NULL)
		*p = '/';
	res->conflicts = xrealloc(res->conflicts,
	    (res->nconflicts + 1) * sizeof(*res->conflicts));
	c = &res->conflicts[res->nconflicts++];
	c->id = k;
	c->why = xstrdup(why);
}

static void
put_conflict(struct merge_result *res, const struct merged *m,
    const struct version *o, const struct row *ro, const struct version *t,
    const struct row *rt, const struct version *base, const struct row *br)
{
	kam_buf_puts(&res->out, "<<<<<<< ours\n");
	put_version(&res->out, m, o, ro, base, br);
	kam_buf_puts(&res->out, "=======\n");
	put_version(&res->out, m, t, rt, base, br);
	kam_buf_puts(&res->out, ">>>>>>> theirs\n");
}

static void
show(struct kam_buf *b, const char *v)
{
	kam_buf_puts(b, *v == '\0' ? "(none)" : v);
}

/* Merge one record present in base, ours and theirs, field by field. */
static void
merge_record(struct merge_result *res, const struct merged *m,
    const char *key, const struct version *b, const struct row *rb,
    const struct version *o, const struct row *ro, const struct version *t,
    const struct row *rt)
{
	struct kam_buf why = KAM_BUF_INIT;
	const char **cells = xcalloc(m->ncols, sizeof(char *));
	const char *vb, *vo, *vt;
	size_t i;

	for (i = 0; i < m->ncols; i++) {
		vb = field(b, rb, m->cols[i], b, rb);
		vo = field(o, ro, m->cols[i], b, rb);
		vt = field(t, rt, m->cols[i], b, rb);
		if (same(m, m->cols[i], vo, vt) || same(m, m->cols[i], vt, vb))
			cells[i] = vo;
		else if (same(m, m->cols[i], vo, vb))
			cells[i] = vt;
		else {
			if (why.len > 0)
				kam_buf_puts(&why, "; ");
			kam_buf_printf(&why, "%s changed on both sides: ",
			    m->cols[i]);
			show(&why, vb);
			kam_buf_puts(&why, " -> ");
			show(&why, vo);
			kam_buf_puts(&why, " here, ");
			show(&why, vb);
			kam_buf_puts(&why, " -> ");
			show(&why, vt);
			kam_buf_puts(&why, " there");
		}
	}
	if (why.len > 0) {
		conflict(res, key, why.ptr);
		put_conflict(res, m, o, ro, t, rt, b, rb);
	} else
		put_row(&res->out, m, cells);
	free(cells);
	kam_buf_release(&why);
}

int
merge_tables(struct merge_result *res, const struct schema *s,
    const char *path, int digits, const char *base, size_t blen,
    const char *ours, size_t olen, const char *theirs, size_t tlen,
    const char **why)
{
	struct version vb, vo, vt;
	struct merged m;
	struct vkey *all = NULL;
	size_t na = 0, i;
	int ret = -1;

	memset(&vb, 0, sizeof(vb));
	memset(&vo, 0, sizeof(vo));
	memset(&vt, 0, sizeof(vt));
	memset(&m, 0, sizeof(m));
	m.s = s;
	m.digits = digits;
	if (load(&vb, s, path, digits, base, blen) == -1) {
		*why = "the common ancestor's version is not valid kam data";
		goto out;
	}
	if (load(&vo, s, path, digits, ours, olen) == -1) {
		*why = "our version is not valid kam data";
		goto out;
	}
	if (load(&vt, s, path, digits, theirs, tlen) == -1) {
		*why = "their version is not valid kam data";
		goto out;
	}
	for (i = 0; i < vo.t.ncols; i++)
		add_col(&m, vo.t.header[i]);
	for (i = 0; i < vt.t.ncols; i++)
		add_col(&m, vt.t.header[i]);

	/* Every key of the three versions, sorted, once. */
	all = xcalloc(vb.n + vo.n + vt.n + 1, sizeof(*all));
	memcpy(all, vb.k, vb.n * sizeof(*all));
	memcpy(all + vb.n, vo.k, vo.n * sizeof(*all));
	memcpy(all + vb.n + vo.n, vt.k, vt.n * sizeof(*all));
	na = vb.n + vo.n + vt.n;
	qsort(all, na, sizeof(*all), cmp_vkey);

	put_row(&res->out, &m, m.cols);
	for (i = 0; i < na; i++) {
		struct row *rb, *ro, *rt;

		if (i > 0 && cmp_vkey(&all[i], &all[i - 1]) == 0)
			continue;
		rb = find(&vb, &all[i]);
		ro = find(&vo, &all[i]);
		rt = find(&vt, &all[i]);
		res->nrecords++;
		if (ro != NULL && rt != NULL &&
		    same_row(&m, &vo, ro, &vt, rt, &vb, rb)) {
			put_version(&res->out, &m, &vo, ro, &vb, rb);
			continue;
		}
		if (rb == NULL) {
			if (ro != NULL && rt != NULL) {
				conflict(res, all[i].key, "added on both sides "
				    "with different content (give one a new "
				    "id with 'kam renumber')");
				put_conflict(res, &m, &vo, ro, &vt, rt, &vb, rb);
			} else
				put_version(&res->out, &m, ro ? &vo : &vt,
				    ro ? ro : rt, &vb, rb);
			continue;
		}
		if (ro == NULL && rt == NULL) {
			res->nrecords--;	/* deleted on both sides */
			continue;
		}
		if (ro == NULL || rt == NULL) {
			const struct version *vk = ro ? &vo : &vt;
			const struct row *kept = ro ? ro : rt;

			if (same_row(&m, vk, kept, &vb, rb, &vb, rb)) {
				res->nrecords--;	/* deleted, unchanged */
				continue;
			}
			conflict(res, all[i].key, ro == NULL ?
			    "deleted here, changed there" :
			    "changed here, deleted there");
			put_conflict(res, &m, &vo, ro, &vt, rt, &vb, rb);
			continue;
		}
		merge_record(res, &m, all[i].key, &vb, rb, &vo, ro, &vt, rt);
	}
	ret = 0;
out:
	free(all);
	free(m.cols);
	version_release(&vb);
	version_release(&vo);
	version_release(&vt);
	return ret;
}

void
merge_result_release(struct merge_result *r)
{
	size_t i;

	for (i = 0; i < r->nconflicts; i++) {
		free(r->conflicts[i].id);
		free(r->conflicts[i].why);
	}
	free(r->conflicts);
	r->conflicts = NULL;
	r->nconflicts = 0;
	kam_buf_release(&r->out);
}

int
merge_write_file(const char *path, const char *data, size_t len)
{
	char *tmp = xasprintf("%s.kam-tmp-%ld", path, (long)getpid());
	size_t off = 0;
	ssize_t n;
	int fd, ret = -1;

	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		kam_errno(errno, "cannot create '%s'", tmp);
		goto out;
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			kam_errno(errno, "cannot write '%s'", tmp);
			close(fd);
			unlink(tmp);
			goto out;
		}
		off += (size_t)n;
	}
	if (fsync(fd) == -1 || close(fd) == -1) {
		kam_errno(errno, "cannot write '%s'", tmp);
		unlink(tmp);
		goto out;
	}
	if (rename(tmp, path) == -1) {
		kam_errno(errno, "cannot replace '%s'", path);
		unlink(tmp);
		goto out;
	}
	ret = 0;
out:
	free(tmp);
	return ret;
}

/* ---- the merge driver (kam merge-file) ---- */

/* Table of a repository path, and the project directory it lies in:
 * "pm/expenses/2026-11.csv" is table expenses of the project in "pm/". */
static const struct schema *
table_of(const char *path, char **dir)
{
	const struct schema *s;
	const char *p = path;

	for (;;) {
		if ((s = schema_by_file(p)) != NULL) {
			*dir = xstrndup(path, (size_t)(p - path));
			return s;
		}
		if ((p = strchr(p, '/')) == NULL)
			return NULL;
		p++;
	}
}

/* git's own line merge, for what kam cannot merge by record.  Returns 0
 * clean, 1 conflicts, -1 error. */
static int
line_merge(const char *out_path, const char *label, struct kam_buf *b,
    struct kam_buf *o, struct kam_buf *t)
{
	git_merge_file_input ib, io, it;
	git_merge_file_options opts;
	git_merge_file_result res;
	int rc, ret = -1;

	memset(&res, 0, sizeof(res));
	git_merge_file_input_init(&ib, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&io, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&it, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	ib.ptr = b->ptr != NULL ? b->ptr : "";
	ib.size = b->len;
	io.ptr = o->ptr != NULL ? o->ptr : "";
	io.size = o->len;
	it.ptr = t->ptr != NULL ? t->ptr : "";
	it.size = t->len;
	ib.path = io.path = it.path = label;
	opts.our_label = "ours";
	opts.their_label = "theirs";
	if ((rc = git_merge_file(&res, &ib, &io, &it, &opts)) < 0) {
		kam_giterr(rc, "%s: cannot merge", label);
		goto out;
	}
	if (merge_write_file(out_path, res.ptr != NULL ? res.ptr : "", res.len) == -1)
		goto out;
	ret = res.automergeable ? 0 : 1;
out:
	git_merge_file_result_free(&res);
	return ret;
}

static int
read_arg(const char *path, struct kam_buf *b)
{
	int rc = kam_read_file(b, path);

	if (rc == 1)
		return kam_err(KAM_EX_USAGE, "'%s' does not exist", path);
	return rc;
}

int
merge_driver(const char *base, const char *ours, const char *theirs,
    const char *label)
{
	struct kam_buf b = KAM_BUF_INIT, o = KAM_BUF_INIT, t = KAM_BUF_INIT;
	struct merge_result res = MERGE_RESULT_INIT;
	struct project p = PROJECT_INIT;
	const struct schema *s = NULL;
	const char *path = label != NULL ? label : ours, *why = NULL;
	char *dir = NULL, *conf = NULL;
	struct stat st;
	size_t i;
	int digits = 2, ret = -1;

	if (read_arg(base, &b) == -1 || read_arg(ours, &o) == -1 ||
	    read_arg(theirs, &t) == -1)
		goto out;
	if (label != NULL)
		s = table_of(path, &dir);
	if (s != NULL) {
		/* The project's currency decides money's minor digits. */
		conf = xasprintf("%skam.conf", dir);
		if (lstat(conf, &st) == 0 && S_ISREG(st.st_mode) &&
		    project_read_conf(&p, conf) == 0)
			digits = p.digits;
		kam_err_reset();
	}
	if (s == NULL) {
		ret = line_merge(ours, path, &b, &o, &t);
		goto out;
	}
	if (merge_tables(&res, s, path, digits, b.ptr, b.len, o.ptr, o.len,
	    t.ptr, t.len, &why) == -1) {
		kam_warn("%s: %s; merging it line by line as git does (check "
		    "it with 'kam check')", path, why);
		ret = line_merge(ours, path, &b, &o, &t);
		goto out;
	}
	for (i = 0; i < res.nconflicts; i++)
		fprintf(stderr, "kam: %s: conflict in %s: %s\n", path,
		    res.conflicts[i].id, res.conflicts[i].why);
	if (merge_write_file(ours, res.out.ptr, res.out.len) == -1)
		goto out;
	if (res.nconflicts > 0)
		fprintf(stderr, "kam: %s: %zu conflicting record%s kept with "
		    "both versions between conflict markers\n", path,
		    res.nconflicts, res.nconflicts == 1 ? "" : "s");
	ret = res.nconflicts > 0 ? 1 : 0;
out:
	merge_result_release(&res);
	project_release(&p);
	kam_buf_release(&b);
	kam_buf_release(&o);
	kam_buf_release(&t);
	free(dir);
	free(conf);
	return ret;
}
