/*
 * renumber.c: kam renumber (renumber.h) — give a record a new id and rewrite every
 * reference to it, in every table and in the meeting minutes (SPEC §3).
 *
 * Normally a write command: it reads HEAD's files and makes one commit.
 *
 * While a merge, rebase, cherry-pick or revert is in progress it resolves
 * the id clash the merge driver reported (both sides added OLD with
 * different content): in the conflict block where both versions hold OLD,
 * their version (the one after "=======") becomes NEW and both records are
 * kept; two records OLD left by a hand resolution are treated alike (the
 * later one becomes NEW).  References are rewritten only where they came
 * from their side, that is where the same record in HEAD did not refer
 * to OLD, on their side of the conflict blocks of other files, and in the
 * lines of the minutes that HEAD does not have (issue 18 #1).  Files are
 * written in the work tree and nothing is committed: `git add` them and
 * continue the merge or rebase.  renumber_all() does this for every
 * clash left.
 *
 * References: columns that refer to OLD's table (or to any id) are
 * rewritten where they hold OLD; free-text columns, keys such as a RACI
 * activity, and the minutes where OLD stands as a whole word ("R-3" but
 * not "R-30" or "CR-3").
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "history.h"
#include "hooks.h"
#include "kam.h"
#include "merge.h"
#include "project.h"
#include "renumber.h"
#include "repo.h"
#include "schema.h"
#include "store.h"
#include "table.h"
#include "value.h"


/* ---- text ---- */

static int
id_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/* s with every whole-word `old` replaced by `new`; NULL when none. */
static char *
replace_words(const char *s, const char *old, const char *new, size_t *n)
{
	struct kam_buf b = KAM_BUF_INIT;
	size_t len = strlen(old);
	const char *p = s, *q;
	size_t hits = 0;

	while ((q = strstr(p, old)) != NULL) {
		if ((q == s || !id_char((unsigned char)q[-1])) &&
		    !id_char((unsigned char)q[len])) {
			kam_buf_add(&b, p, (size_t)(q - p));
			kam_buf_puts(&b, new);
			hits++;
		} else
			kam_buf_add(&b, p, (size_t)(q - p) + len);
		p = q + len;
	}
	if (hits == 0) {
		kam_buf_release(&b);
		return NULL;
	}
	kam_buf_puts(&b, p);
	if (n != NULL)
		*n += hits;
	return kam_buf_detach(&b);
}

static void
note_file(struct renumber *rn, const char *path)
{
	if (rn->files.len > 0)
		kam_buf_puts(&rn->files, ", ");
	kam_buf_puts(&rn->files, path);
}

/* ---- reading and writing files in either mode ---- */

/* HEAD's version of a project file (clash mode): 0, 1 absent, -1. */
static int
head_read(struct renumber *rn, const char *path, struct kam_buf *b)
{
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	int rc;

	kam_buf_reset(b);
	if (rn->head == NULL)
		return 1;
	rc = git_tree_entry_bypath(&e, rn->head, path);
	if (rc == GIT_ENOTFOUND)
		return 1;
	if (rc < 0 || (rc = git_blob_lookup(&blob, rn->p->repo,
	    git_tree_entry_id(e))) < 0) {
		git_tree_entry_free(e);
		return kam_giterr(rc, "cannot read '%s' from HEAD", path);
	}
	kam_buf_add(b, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob));
	git_blob_free(blob);
	git_tree_entry_free(e);
	return 0;
}

/* The version the command works on: HEAD (normal) or the work tree. */
static int
read_file(struct renumber *rn, const char *path, struct kam_buf *b)
{
	char *abs;
	int rc;

	if (!rn->clash)
		return tx_read(rn->tx, path, b);
	abs = project_abspath(rn->p, path);
	rc = kam_read_file(b, abs);
	free(abs);
	return rc;
}

static int
write_file(struct renumber *rn, const char *path, const char *data, size_t len)
{
	char *abs;
	int rc;

	note_file(rn, path);
	if (!rn->clash) {
		tx_put(rn->tx, path, data, len);
		return 0;
	}
	abs = project_abspath(rn->p, path);
	rc = merge_write_file(abs, data, len);
	free(abs);
	return rc;
}

/* Project-relative names of the files under dir ("expenses",
 * "meetings") in the version worked on. */
static int
list_dir(struct renumber *rn, const char *dir, char ***names, size_t *n)
{
	struct tx tmp = TX_INIT;
	int rc;

	*names = NULL;
	*n = 0;
	if (!rn->clash)
		rc = tx_list(rn->tx, dir, names);
	else {
		/* The work tree's files: their side may have added some. */
		tmp.p = rn->p;
		tmp.no_commit = 1;
		rc = tx_list(&tmp, dir, names);
	}
	if (rc == -1)
		return -1;
	*n = (size_t)rc;
	return 0;
}

/* Project-relative files of table s ("risks.csv", or every month). */
static int
files_of(struct renumber *rn, const struct schema *s, char ***names, size_t *n)
{
	size_t i;

	if (!s->monthly) {
		*names = xcalloc(1, sizeof(char *));
		(*names)[0] = xstrdup(s->file);
		*n = 1;
		return 0;
	}
	if (list_dir(rn, s->file, names, n) == -1)
		return -1;
	for (i = 0; i < *n; i++)
		if (schema_by_file((*names)[i]) != s) {
			free((*names)[i]);
			(*names)[i] = NULL;
		}
	return 0;
}

static void
free_names(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ---- references ---- */

static int
refers(const struct renumber *rn, const struct column *c)
{
	switch (c->type) {
	case COL_REF:
		return c->ref == NULL || c->ref_any || c->ref_text ||
		    strcmp(c->ref, rn->s->prefix) == 0;
	case COL_REFLIST:
		return c->ref != NULL && strcmp(c->ref, rn->s->prefix) == 0;
	case COL_KEY:
	case COL_TEXT:
		return 1;
	default:
		return 0;
	}
}

/* Clash mode: did HEAD's version of this record already refer to OLD in
 * column `col`?  Then the reference is ours and stays. */
static int
ours_ref(const struct renumber *rn, const struct table *head,
    const struct table *t, const struct row *r, const char *col)
{
	const struct row *hr;
	const char *v;
	char *w;
	size_t n = 0;

	if (head == NULL)
		return 0;
	if (t->s->prefix != NULL)
		hr = table_find(head, table_get(t, r, ID_COL));
	else
		hr = table_find_key(head, table_get(t, r, t->s->keys[0]),
		    t->s->nkeys > 1 ? table_get(t, r, t->s->keys[1]) : NULL);
	if (hr == NULL || (v = table_get_name(head, hr, col)) == NULL)
		return 0;
	w = replace_words(v, rn->old, rn->new, &n);
	free(w);
	return n > 0;
}

/* Rewrite the references to OLD in t; head is HEAD's version of the same
 * file in clash mode.  Returns how many. */
static size_t
rewrite_refs(struct renumber *rn, struct table *t, const struct table *head)
{
	const struct schema *s = t->s;
	size_t i, j, n = 0;
	char *nv;

	for (j = 0; j < s->ncols; j++) {
		if ((j == 0 && s->prefix != NULL) || t->colmap[j] == -1 ||
		    !refers(rn, &s->cols[j]))
			continue;
		for (i = 0; i < t->nrows; i++) {
			struct row *r = &t->rows[i];
			size_t hits = 0;

			nv = replace_words(table_get(t, r, (int)j), rn->old,
			    rn->new, &hits);
			if (nv == NULL)
				continue;
			if (!rn->clash || !ours_ref(rn, head, t, r,
			    s->cols[j].name)) {
				table_set(t, r, (int)j, nv);
				n += hits;
			}
			free(nv);
		}
	}
	if (n > 0 && s->nkeys > 0)
		t->unsorted = 1;	/* a key changed */
	return n;
}

/* Load a table file quietly for the clash mode's HEAD side. */
static void
quiet(void *arg, int code, const char *msg)
{
	(void)arg;
	(void)code;
	(void)msg;
}

static int
load_head_table(struct renumber *rn, const struct schema *s, const char *path,
    struct table *t, struct kam_buf *b)
{
	kam_msg_fn pf;
	void *pa;
	int saved = kam_exit_code, rc;

	if ((rc = head_read(rn, path, b)) != 0)
		return rc == 1 ? 1 : -1;
	kam_msg_captured(&pf, &pa);
	kam_msg_capture(quiet, NULL);
	rc = table_parse(t, s, path, rn->p->digits, b->ptr, b->len);
	kam_msg_capture(pf, pa);
	kam_exit_code = saved;
	return rc == -1 ? 1 : 0;
}

/* ---- the record itself ---- */

/* Give the record OLD of t the id NEW. */
static void
rename_row(struct renumber *rn, struct table *t, struct row *r)
{
	table_set(t, r, ID_COL, rn->new);
	r->num = rn->newnum;
	if (rn->newnum > t->max_num)
		t->max_num = rn->newnum;
	t->unsorted = 1;
}

/* The text between two marker lines of a conflict block. */
struct block {
	size_t	 start, mid, end, stop;	/* offsets of <<<, ===, >>> lines;
					 * stop: after the >>> line */
	size_t	 ours_from, ours_to, theirs_from;
};

static int
marker_at(const char *p, const char *end, char c)
{
	size_t i;

	for (i = 0; i < 7; i++)
		if (p + i >= end || p[i] != c)
			return 0;
	return p + 7 == end || p[7] == '\n' || p[7] == '\r' ||
	    (c != '=' && p[7] == ' ');
}

/* Find the next conflict block at or after `from`; 0 when none. */
static int
next_block(const char *buf, size_t len, size_t from, struct block *bl)
{
	const char *end = buf + len, *p = buf + from, *nl;
	int state = 0;

	memset(bl, 0, sizeof(*bl));
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (state == 0 && marker_at(p, end, '<')) {
			bl->start = (size_t)(p - buf);
			bl->ours_from = nl ? (size_t)(nl - buf) + 1 : len;
			state = 1;
		} else if (state == 1 && marker_at(p, end, '|')) {
			bl->ours_to = (size_t)(p - buf);
			state = 2;
		} else if ((state == 1 || state == 2) && marker_at(p, end, '=')) {
			if (state == 1)
				bl->ours_to = (size_t)(p - buf);
			bl->mid = (size_t)(p - buf);
			bl->theirs_from = nl ? (size_t)(nl - buf) + 1 : len;
			state = 3;
		} else if (state == 3 && marker_at(p, end, '>')) {
			bl->end = (size_t)(p - buf);
			bl->stop = nl ? (size_t)(nl - buf) + 1 : len;
			return 1;
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* Parse header + part quietly; 0 or -1. */
static int
parse_part(struct table *t, const struct schema *s, const char *path,
    int digits, const char *hdr, size_t hlen, const char *part, size_t plen)
{
	struct kam_buf b = KAM_BUF_INIT;
	kam_msg_fn pf;
	void *pa;
	int saved = kam_exit_code, rc;

	kam_buf_add(&b, hdr, hlen);
	kam_buf_add(&b, part, plen);
	kam_msg_captured(&pf, &pa);
	kam_msg_capture(quiet, NULL);
	rc = table_parse(t, s, path, digits, b.ptr, b.len);
	kam_msg_capture(pf, pa);
	kam_exit_code = saved;
	kam_buf_release(&b);
	return rc;
}

/* Parse a file quietly (clash mode, OLD's table: it may hold the same id
 * twice until renumbered).  0 when a header was read. */
static int
parse_quiet(struct table *t, const struct schema *s, const char *path,
    int digits, const struct kam_buf *b)
{
	kam_msg_fn pf;
	void *pa;
	int saved = kam_exit_code;

	kam_msg_captured(&pf, &pa);
	kam_msg_capture(quiet, NULL);
	table_parse(t, s, path, digits, b->ptr, b->len);
	kam_msg_capture(pf, pa);
	kam_exit_code = saved;
	return t->header != NULL ? 0 : -1;
}

/*
 * The commit the operation in progress started from on their side, whose
 * tree is the merge base: a merge's base with MERGE_HEAD, the parent of
 * the commit a rebase or cherry-pick replays, the commit a revert undoes.
 * 0 with *out (NULL when there is none to find), or -1 after reporting.
 */
static int
op_base_commit(struct renumber *rn, git_commit **out)
{
	git_repository *repo = rn->p->repo;
	git_oid id, hid, mb;
	git_commit *c = NULL;
	const char *ref = NULL;
	int parent = 1, rc;

	*out = NULL;
	switch (git_repository_state(repo)) {
	case GIT_REPOSITORY_STATE_MERGE:
		if (git_reference_name_to_id(&id, repo, "MERGE_HEAD") < 0 ||
		    git_reference_name_to_id(&hid, repo, "HEAD") < 0 ||
		    git_merge_base(&mb, repo, &hid, &id) < 0) {
			git_error_clear();
			return 0;
		}
		if ((rc = git_commit_lookup(out, repo, &mb)) < 0)
			return kam_giterr(rc, "cannot read the merge base");
		return 0;
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
		ref = "REBASE_HEAD";
		break;
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		ref = "CHERRY_PICK_HEAD";
		break;
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		ref = "REVERT_HEAD";
		parent = 0;
		break;
	default:
		return 0;
	}
	if (git_reference_name_to_id(&id, repo, ref) < 0 ||
	    git_commit_lookup(&c, repo, &id) < 0) {
		git_error_clear();
		return 0;
	}
	if (!parent) {
		*out = c;
		return 0;
	}
	if (git_commit_parentcount(c) > 0 && (rc = git_commit_parent(out, c,
	    0)) < 0) {
		git_commit_free(c);
		return kam_giterr(rc, "cannot read the parent of %s", ref);
	}
	git_commit_free(c);
	return 0;
}

/*
 * The merge base's version of a table file, parsed quietly into base:
 * the index's stage 1 while the file is conflicted, else the file in the
 * tree of the operation's base (op_base_commit).  0, 1 when the base has
 * no such file (or none is known), -1 after reporting.
 */
static int
base_table(struct renumber *rn, const struct schema *s, const char *path,
    struct table *base)
{
	git_index *idx = NULL;
	const git_index_entry *e;
	git_blob *blob = NULL;
	git_commit *bc = NULL;
	struct kam_buf b = KAM_BUF_INIT;
	char *full = xasprintf("%s%s", rn->p->prefix, path);
	int ret = 1, rc;

	if (git_repository_index(&idx, rn->p->repo) == 0 &&
	    (e = git_index_get_bypath(idx, full, 1)) != NULL &&
	    git_blob_lookup(&blob, rn->p->repo, &e->id) == 0)
		kam_buf_add(&b, git_blob_rawcontent(blob),
		    (size_t)git_blob_rawsize(blob));
	else {
		git_error_clear();
		if (!rn->base_done) {
			rn->base_done = 1;
			if (op_base_commit(rn, &bc) == -1 || (bc != NULL &&
			    hist_project_tree(&rn->base, rn->p, bc) == -1)) {
				ret = -1;
				goto out;
			}
		}
		if (rn->base != NULL) {
			git_tree *saved = rn->head;

			/* head_read reads rn->head: point it at the base. */
			rn->head = rn->base;
			rc = head_read(rn, path, &b);
			rn->head = saved;
			if (rc != 0) {
				ret = rc;
				goto out;
			}
		} else
			goto out;
	}
	if (parse_quiet(base, s, path, rn->p->digits, &b) == 0)
		ret = 0;
out:
	git_commit_free(bc);
	git_blob_free(blob);
	git_index_free(idx);
	kam_buf_release(&b);
	free(full);
	return ret;
}

/*
 * Whether `id` of table file `path` can be an id clash (issue 18 #1):
 * one the merge base did not have.  Both sides then added a record of
 * that id; a record of the base edited on both sides is a conflict of its
 * fields, and renumbering one version would make a duplicate.  The one
 * test of --all and of the single form.  1, 0 (rn->edited set), -1.
 */
static int
clash_possible(struct renumber *rn, const struct schema *s, const char *path,
    const char *id)
{
	struct table base = TABLE_INIT;
	int rc;

	rc = base_table(rn, s, path, &base);
	if (rc == 0 && table_find(&base, id) != NULL) {
		table_release(&base);
		rn->edited = 1;
		return 0;
	}
	table_release(&base);
	return rc == -1 ? -1 : 1;
}

/*
 * Clash mode, OLD's file: resolve the block where both versions hold
 * OLD by renaming theirs.  *text is replaced.  Returns 1 when resolved,
 * 0 when no such block (nothing changed), -1 on error.
 */
static int
resolve_block(struct renumber *rn, const char *path, struct kam_buf *text)
{
	struct table o = TABLE_INIT, t = TABLE_INIT;
	struct kam_buf nb = KAM_BUF_INIT, rows = KAM_BUF_INIT;
	const char *buf = text->ptr, *nl;
	struct block bl;
	struct row *r;
	size_t hlen, from = 0;
	int ret = 0;

	if (text->len == 0 || (nl = memchr(buf, '\n', text->len)) == NULL)
		return 0;
	hlen = (size_t)(nl - buf) + 1;
	while (next_block(buf, text->len, from, &bl)) {
		from = bl.stop;
		if (parse_part(&o, rn->s, path, rn->p->digits, buf, hlen,
		    buf + bl.ours_from, bl.ours_to - bl.ours_from) == -1 ||
		    parse_part(&t, rn->s, path, rn->p->digits, buf, hlen,
		    buf + bl.theirs_from, bl.end - bl.theirs_from) == -1 ||
		    table_find(&o, rn->old) == NULL ||
		    (r = table_find(&t, rn->old)) == NULL)
			continue;
		/* OLD in the base: both sides edited it, not a clash. */
		if ((ret = clash_possible(rn, rn->s, path, rn->old)) != 1)
			break;
		rename_row(rn, &t, r);
		table_serialize(&t, &rows);
		nl = memchr(rows.ptr, '\n', rows.len);
		kam_buf_add(&nb, buf, bl.start);
		kam_buf_add(&nb, buf + bl.ours_from, bl.ours_to - bl.ours_from);
		kam_buf_add(&nb, nl + 1, rows.len - (size_t)(nl + 1 - rows.ptr));
		kam_buf_add(&nb, buf + bl.stop, text->len - bl.stop);
		kam_buf_reset(text);
		kam_buf_add(text, nb.ptr, nb.len);
		ret = 1;
		break;
	}
	table_release(&o);
	table_release(&t);
	kam_buf_release(&nb);
	kam_buf_release(&rows);
	return ret;
}

/* Whether s[0..n) holds `id` as a whole word. */
static int
mentions_word(const char *s, size_t n, const char *id)
{
	char *t = xstrndup(s, n), *w;
	size_t hits = 0;

	w = replace_words(t, id, id, &hits);
	free(w);
	free(t);
	return hits > 0;
}

/*
 * Clash mode, a file that still has conflict blocks (issue 18 #1): the
 * references to OLD on their side of each block (after "=======") are
 * rewritten, our side stays.  OLD was added on both sides, so the base
 * knew no OLD: a reference on their side of a block was written there and
 * means their record, even when our side holds a record of the same id
 * (a clash of that table, renumbered before or after this one; either
 * order gives the same result).  *text is replaced.  Returns the
 * number rewritten, or -1 (65) when their side of a block mentions OLD
 * and cannot be read: nothing is written then, and the message names it.
 */
static long
rewrite_blocks(struct renumber *rn, const struct schema *s, const char *path,
    struct kam_buf *text)
{
	struct table t = TABLE_INIT;
	struct kam_buf nb = KAM_BUF_INIT, rows = KAM_BUF_INIT;
	const char *nl;
	struct block bl;
	size_t hlen, from = 0, n, stop;
	long total = 0;

	if (text->len == 0 || (nl = memchr(text->ptr, '\n', text->len)) == NULL)
		return 0;
	hlen = (size_t)(nl - text->ptr) + 1;
	while (next_block(text->ptr, text->len, from, &bl)) {
		from = bl.stop;
		if (!mentions_word(text->ptr + bl.theirs_from,
		    bl.end - bl.theirs_from, rn->old))
			continue;
		table_release(&t);
		if (parse_part(&t, s, path, rn->p->digits, text->ptr, hlen,
		    text->ptr + bl.theirs_from, bl.end - bl.theirs_from) ==
		    -1) {
			table_release(&t);
			kam_buf_release(&nb);
			kam_buf_release(&rows);
			return kam_err(KAM_EX_DATA, "%s: their side of the "
			    "conflict block at byte %zu mentions %s but is not "
			    "valid data: rewrite it by hand, then run 'kam "
			    "renumber %s' again", path, bl.start, rn->old,
			    rn->old);
		}
		if ((n = rewrite_refs(rn, &t, NULL)) == 0)
			continue;
		total += (long)n;
		table_serialize(&t, &rows);
		nl = memchr(rows.ptr, '\n', rows.len);
		kam_buf_reset(&nb);
		kam_buf_add(&nb, text->ptr, bl.theirs_from);
		kam_buf_add(&nb, nl + 1, rows.len - (size_t)(nl + 1 - rows.ptr));
		stop = nb.len + (bl.stop - bl.end);
		kam_buf_add(&nb, text->ptr + bl.end, text->len - bl.end);
		kam_buf_reset(text);
		kam_buf_add(text, nb.ptr, nb.len);
		from = stop;
	}
	table_release(&t);
	kam_buf_release(&nb);
	kam_buf_release(&rows);
	return total;
}

/*
 * Clash mode, a minutes file: OLD replaced in the lines that HEAD's
 * version (head; NULL when HEAD has no such file) does not have, that is
 * the lines their side wrote, conflict blocks included ("see REQ-2" in
 * their minutes means their REQ-2).  NULL when nothing is replaced.
 */
static char *
replace_their_lines(struct renumber *rn, const struct kam_buf *b,
    const struct kam_buf *head, size_t *hits)
{
	struct kam_buf out = KAM_BUF_INIT, h = KAM_BUF_INIT, ln = KAM_BUF_INIT;
	const char *p = b->ptr, *end = b->ptr + b->len, *nl;
	size_t n = 0, k;
	char *w;

	kam_buf_putc(&h, '\n');
	if (head != NULL)
		kam_buf_add(&h, head->ptr, head->len);
	kam_buf_putc(&h, '\n');
	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		k = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		kam_buf_reset(&ln);
		kam_buf_putc(&ln, '\n');
		kam_buf_add(&ln, p, k);
		kam_buf_putc(&ln, '\n');
		w = NULL;
		if (mentions_word(p, k, rn->old) && memmem(h.ptr, h.len,
		    ln.ptr, ln.len) == NULL) {
			ln.ptr[ln.len - 1] = '\0';
			w = replace_words(ln.ptr + 1, rn->old, rn->new, &n);
		}
		if (w != NULL) {
			kam_buf_puts(&out, w);
			free(w);
		} else
			kam_buf_add(&out, p, k);
		if (nl != NULL)
			kam_buf_putc(&out, '\n');
		p = nl != NULL ? nl + 1 : end;
	}
	kam_buf_release(&h);
	kam_buf_release(&ln);
	if (n == 0) {
		kam_buf_release(&out);
		return NULL;
	}
	*hits += n;
	return kam_buf_detach(&out);
}

/* Largest N of `prefix-N,` at a line start in buf (conflict blocks too). */
static long
max_id_text(const char *buf, size_t len, const char *prefix)
{
	const char *p = buf, *end = buf + len, *nl;
	size_t n = strlen(prefix);
	long max = 0, v;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if ((size_t)(end - p) > n + 1 && memcmp(p, prefix, n) == 0 &&
		    p[n] == '-') {
			v = 0;
			for (p += n + 1; p < end && *p >= '0' && *p <= '9'; p++)
				if (v < 100000000L)
					v = v * 10 + (*p - '0');
			if (p < end && *p == ',' && v > max)
				max = v;
		}
		p = nl ? nl + 1 : end;
	}
	return max;
}

/* ---- the whole operation ---- */

struct loaded {
	char		*path;
	struct table	 t;
};

/* NEW when not given: one past the highest id of OLD's table, both sides
 * of conflict blocks counted. */
static int
pick_new(struct renumber *rn)
{
	struct kam_buf b = KAM_BUF_INIT;
	char **names = NULL;
	size_t n = 0, i;
	long max = 0, v;
	int rc, ret = -1;

	if (files_of(rn, rn->s, &names, &n) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		if ((rc = read_file(rn, names[i], &b)) == -1)
			goto out;
		if (rc == 0 && (v = max_id_text(b.ptr, b.len,
		    rn->s->prefix)) > max)
			max = v;
	}
	rn->newnum = max + 1;
	snprintf(rn->new, sizeof(rn->new), "%s-%ld", rn->s->prefix, max + 1);
	ret = 0;
out:
	free_names(names, n);
	kam_buf_release(&b);
	return ret;
}

/* Clash mode without a conflict block: a hand resolution kept both
 * records OLD; the later one becomes NEW. */
static struct row *
later_twin(struct renumber *rn, struct table *t)
{
	struct row *first = NULL, *second = NULL, *r;
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		r = &t->rows[i];
		if (strcmp(table_get(t, r, ID_COL), rn->old) != 0)
			continue;
		if (first == NULL)
			first = r;
		else if (second == NULL)
			second = r;
		else
			return NULL;	/* three: not a clash of two sides */
	}
	if (second == NULL)
		return NULL;
	return second->line > first->line ? second : first;
}

static int
renumber(struct renumber *rn)
{
	struct kam_buf b = KAM_BUF_INIT, hb = KAM_BUF_INIT;
	struct loaded *ld = NULL;
	size_t nld = 0, i, j, nn = 0;
	char **names = NULL;
	struct row *found = NULL;
	struct loaded *home = NULL;
	struct pending {
		char		*path;
		struct kam_buf	 text;
	} *pend = NULL;
	size_t npend = 0;
	int rc, ret = -1, resolved = 0;

	/* 1. Every file of every table.  In clash mode OLD's table is read
	 *    quietly and its clash block resolved first. */
	for (i = 0; i < kam_nschemas; i++) {
		const struct schema *s = kam_schemas[i];

		if (files_of(rn, s, &names, &nn) == -1)
			goto out;
		for (j = 0; j < nn; j++) {
			struct loaded *l;
			struct block bl;

			if (names[j] == NULL)
				continue;
			if ((rc = read_file(rn, names[j], &b)) == -1)
				goto out;
			if (rc == 1)
				continue;
			if (rn->clash && s == rn->s && !resolved &&
			    !rn->refs_only &&
			    (rc = resolve_block(rn, names[j], &b)) != 0) {
				if (rc == -1)
					goto out;
				resolved = 1;
			}
			if (rn->clash && next_block(b.ptr, b.len, 0, &bl)) {
				long nr;

				/* Their side of its blocks: references
				 * rewritten (issue 18 #1); written last. */
				nr = rewrite_blocks(rn, s, names[j], &b);
				if (nr == -1)
					goto out;
				rn->nrefs += (size_t)nr;
				if (!rn->refs_only)
					kam_warn("%s still has conflict markers: "
					    "resolve them by hand", names[j]);
				if (nr > 0 || (resolved && s == rn->s)) {
					pend = xrealloc(pend, (npend + 1) *
					    sizeof(*pend));
					pend[npend].path = xstrdup(names[j]);
					pend[npend].text = (struct kam_buf)
					    KAM_BUF_INIT;
					kam_buf_add(&pend[npend++].text, b.ptr,
					    b.len);
				}
				continue;
			}
			ld = xrealloc(ld, (nld + 1) * sizeof(*ld));
			l = &ld[nld++];
			memset(l, 0, sizeof(*l));
			l->path = xstrdup(names[j]);
			if (rn->clash && s == rn->s) {
				if (parse_quiet(&l->t, s, names[j],
				    rn->p->digits, &b) == -1) {
					kam_err(KAM_EX_DATA, "%s: not a valid "
					    "table (run 'kam check')", names[j]);
					goto out;
				}
				if (resolved)
					l->t.changed = 1;
			} else if (table_parse(&l->t, s, names[j],
			    rn->p->digits, b.ptr, b.len) == -1)
				goto out;
		}
		free_names(names, nn);
		names = NULL;
		nn = 0;
	}

	/* 2. The record to rename (a resolved block renamed it already);
	 *    none when replaying a rebase's renumbering (references). */
	if (rn->refs_only)
		goto refs;
	for (i = 0; i < nld && !resolved && found == NULL; i++) {
		if (ld[i].t.s != rn->s)
			continue;
		found = rn->clash ? later_twin(rn, &ld[i].t) :
		    table_find(&ld[i].t, rn->old);
		if (found != NULL)
			home = &ld[i];
		/* Two records OLD kept from a record of the base edited
		 * on both sides: not a clash either. */
		if (found != NULL && rn->clash && (rc = clash_possible(rn,
		    rn->s, ld[i].path, rn->old)) != 1) {
			if (rc == -1)
				goto out;
			found = NULL;
			home = NULL;
		}
	}
	if (!resolved && found == NULL) {
		if (rn->clash && rn->edited)
			kam_err(KAM_EX_DATA, "%s is not an id clash: the merge "
			    "base has %s and both sides edited it, so both "
			    "versions are the same record (renumbering one "
			    "would make a duplicate); keep one version by hand",
			    rn->old, rn->old);
		else if (rn->clash)
			kam_err(KAM_EX_DATA, "no id clash on %s to resolve: no "
			    "conflict block holds %s on both sides, and no "
			    "two records are %s", rn->old, rn->old, rn->old);
		else
			kam_err(KAM_EX_DATA, "%s %s does not exist", rn->s->noun,
			    rn->old);
		goto out;
	}
	for (i = 0, nn = 0; i < nld; i++)
		for (j = 0; ld[i].t.s == rn->s && j < ld[i].t.nrows; j++)
			nn += strcmp(table_get(&ld[i].t, &ld[i].t.rows[j], ID_COL),
			    rn->new) == 0;
	if (nn > (size_t)resolved) {
		kam_err(KAM_EX_DATA, "%s already exists: choose another id",
		    rn->new);
		nn = 0;
		goto out;
	}
	nn = 0;
	if (found != NULL) {
		rename_row(rn, &home->t, found);
		home->t.changed = 1;
	}

	/* 3. References in every table. */
refs:
	for (i = 0; i < nld; i++) {
		struct table head = TABLE_INIT;

		if (rn->clash && load_head_table(rn, ld[i].t.s, ld[i].path,
		    &head, &hb) == -1) {
			table_release(&head);
			goto out;
		}
		rn->nrefs += rewrite_refs(rn, &ld[i].t,
		    rn->clash && head.header != NULL ? &head : NULL);
		table_release(&head);
	}

	/* 4. Write what changed, canonical and valid. */
	for (i = 0; i < nld; i++) {
		struct table chk = TABLE_INIT;

		if (!ld[i].t.changed)
			continue;
		table_serialize(&ld[i].t, &b);
		rc = table_parse(&chk, ld[i].t.s, ld[i].path, rn->p->digits,
		    b.ptr, b.len);
		table_release(&chk);
		if (rc == -1 || write_file(rn, ld[i].path, b.ptr, b.len) == -1)
			goto out;
	}
	for (i = 0; i < npend; i++)
		if (write_file(rn, pend[i].path, pend[i].text.ptr,
		    pend[i].text.len) == -1)
			goto out;

	/* 5. The minutes: rewritten when committing; in a merge only on
	 *    their side, the lines HEAD's version does not have. */
	if (list_dir(rn, "meetings", &names, &nn) == -1)
		goto out;
	for (j = 0; j < nn; j++) {
		size_t len = strlen(names[j]), hits = 0;
		char *nv;

		rc = 0;
		if (len < 4 || strcmp(names[j] + len - 3, ".md") != 0 ||
		    read_file(rn, names[j], &b) != 0)
			continue;
		if (rn->clash) {
			if ((rc = head_read(rn, names[j], &hb)) == -1)
				goto out;
			nv = replace_their_lines(rn, &b, rc == 0 ? &hb : NULL,
			    &hits);
		} else
			nv = replace_words(b.ptr, rn->old, rn->new, &hits);
		if (nv == NULL)
			continue;
		rn->nrefs += hits;
		rc = write_file(rn, names[j], nv, strlen(nv));
		free(nv);
		if (rc == -1)
			goto out;
	}
	ret = 0;
out:
	free_names(names, nn);
	for (i = 0; i < nld; i++) {
		free(ld[i].path);
		table_release(&ld[i].t);
	}
	free(ld);
	for (i = 0; i < npend; i++) {
		free(pend[i].path);
		kam_buf_release(&pend[i].text);
	}
	free(pend);
	kam_buf_release(&b);
	kam_buf_release(&hb);
	return ret;
}

/* ---- kam renumber --all (issue 18 #1) ---- */

/* Whether table t holds a record id twice; the first such id into id. */
static int
twin_id(const struct table *t, char *id, size_t len)
{
	size_t i;

	for (i = 0; i < t->nrows; i++) {
		const char *v = table_get(t, &t->rows[i], ID_COL);

		if (table_find(t, v) != &t->rows[i]) {
			snprintf(id, len, "%s", v);
			return 1;
		}
	}
	return 0;
}

/*
 * The first id clash left in the work tree (only: in that project file),
 * tables in kam_schemas order:
 * an id a conflict block holds on both sides, or two records of one file
 * with the same id (a hand resolution that kept both), that the merge
 * base did not have: a record of the base edited on both sides is a
 * conflict of its fields, not a clash of ids.  1 with the id in `id`, 0
 * when none, -1 after reporting.
 */
static int
next_clash(struct renumber *rn, const char *only, char *id, size_t len)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct table o = TABLE_INIT, t = TABLE_INIT;
	char **names = NULL;
	size_t i, j, k, nn = 0, from, hlen;
	struct block bl;
	const char *nl;
	int rc, found = 0;

	for (i = 0; i < kam_nschemas && !found; i++) {
		const struct schema *s = kam_schemas[i];

		if (s->prefix == NULL)
			continue;
		if (files_of(rn, s, &names, &nn) == -1)
			goto fail;
		for (j = 0; j < nn && !found; j++) {
			if (names[j] == NULL ||
			    (only != NULL && strcmp(names[j], only) != 0))
				continue;
			if ((rc = read_file(rn, names[j], &b)) == -1)
				goto fail;
			if (rc == 1 || b.len == 0 ||
			    (nl = memchr(b.ptr, '\n', b.len)) == NULL)
				continue;
			hlen = (size_t)(nl - b.ptr) + 1;
			if (!next_block(b.ptr, b.len, 0, &bl)) {
				table_release(&t);
				if (parse_quiet(&t, s, names[j], rn->p->digits,
				    &b) == 0 && twin_id(&t, id, len) &&
				    (found = clash_possible(rn, s, names[j],
				    id)) == -1)
					goto fail;
				continue;
			}
			for (from = 0; !found && next_block(b.ptr, b.len, from,
			    &bl); from = bl.stop) {
				table_release(&o);
				table_release(&t);
				if (parse_part(&o, s, names[j], rn->p->digits,
				    b.ptr, hlen, b.ptr + bl.ours_from,
				    bl.ours_to - bl.ours_from) == -1 ||
				    parse_part(&t, s, names[j], rn->p->digits,
				    b.ptr, hlen, b.ptr + bl.theirs_from,
				    bl.end - bl.theirs_from) == -1)
					continue;
				for (k = 0; k < t.nrows && !found; k++) {
					const char *v = table_get(&t,
					    &t.rows[k], ID_COL);

					if (table_find(&o, v) == NULL)
						continue;
					if ((found = clash_possible(rn, s,
					    names[j], v)) == -1)
						goto fail;
					if (found)
						snprintf(id, len, "%s", v);
				}
			}
		}
		free_names(names, nn);
		names = NULL;
		nn = 0;
	}
	table_release(&o);
	table_release(&t);
	kam_buf_release(&b);
	return found;
fail:
	free_names(names, nn);
	table_release(&o);
	table_release(&t);
	kam_buf_release(&b);
	return -1;
}

/* The table files of the work tree that still hold conflict blocks,
 * ", "-separated into names.  0 or -1. */
static int
blocks_left(struct renumber *rn, struct kam_buf *names)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct block bl;
	char **v = NULL;
	size_t i, j, n = 0;
	int rc, ret = -1;

	for (i = 0; i < kam_nschemas; i++) {
		if (files_of(rn, kam_schemas[i], &v, &n) == -1)
			goto out;
		for (j = 0; j < n; j++) {
			if (v[j] == NULL)
				continue;
			if ((rc = read_file(rn, v[j], &b)) == -1)
				goto out;
			if (rc == 0 && next_block(b.ptr, b.len, 0, &bl))
				kam_buf_printf(names, "%s%s", names->len > 0 ?
				    ", " : "", v[j]);
		}
		free_names(v, n);
		v = NULL;
		n = 0;
	}
	ret = 0;
out:
	free_names(v, n);
	kam_buf_release(&b);
	return ret;
}

int
renumber_all(struct project *p, struct kam_buf *pairs, size_t *nrefs)
{
	struct renumber rn = RENUMBER_INIT;
	char id[32], last[32] = "";
	size_t n = 0;
	int rc;

	*nrefs = 0;
	if (git_repository_state(p->repo) == GIT_REPOSITORY_STATE_NONE)
		return kam_err(KAM_EX_USAGE, "--all resolves the id clashes of "
		    "a merge, rebase, cherry-pick or revert in progress, and "
		    "none is");
	for (;;) {
		rn.p = p;
		rn.clash = 1;
		if ((rc = next_clash(&rn, NULL, id, sizeof(id))) <= 0) {
			struct kam_buf left = KAM_BUF_INIT;

			/* In a rebase, the references of the commits replayed
			 * since an earlier renumbering (none clashing now:
			 * under `git rebase --exec`, say). */
			if (rc == 0)
				rc = renumber_rebased(p, NULL, nrefs);

			/* Blocks that are not id clashes: named, not
			 * guessed at. */
			if (rc == 0 && (rc = blocks_left(&rn, &left)) == 0 &&
			    left.len > 0)
				rc = kam_err(KAM_EX_DATA, "conflict markers left "
				    "that are not id clashes, in %s: resolve "
				    "them by hand", left.ptr);
			kam_buf_release(&left);
			renumber_release(&rn);
			return rc;
		}
		renumber_release(&rn);
		rn = (struct renumber)RENUMBER_INIT;
		/* Each clash renumbered removes it; one that stays is not
		 * ours to resolve (a block kam cannot read). */
		if (strcmp(id, last) == 0 || ++n > 100000)
			return kam_err(KAM_EX_DATA, "%s: the clash is still "
			    "there after renumbering it; resolve it by hand",
			    id);
		snprintf(last, sizeof(last), "%s", id);
		if (renumber_prepare(&rn, p, id, NULL) == -1 ||
		    renumber_apply(&rn, NULL) == -1) {
			renumber_release(&rn);
			return -1;
		}
		kam_buf_printf(pairs, "%s %s\n", rn.old, rn.new);
		*nrefs += rn.nrefs;
		renumber_release(&rn);
		rn = (struct renumber)RENUMBER_INIT;
	}
}

int
renumber_clash_in(struct project *p, const char *path, char *id, size_t len)
{
	struct renumber rn = RENUMBER_INIT;
	kam_msg_fn pf;
	void *pa;
	int saved = kam_exit_code, rc;

	if (p->tree != NULL || p->repo == NULL ||
	    git_repository_state(p->repo) == GIT_REPOSITORY_STATE_NONE)
		return 0;
	rn.p = p;
	rn.clash = 1;
	kam_msg_captured(&pf, &pa);
	kam_msg_capture(quiet, NULL);
	rc = next_clash(&rn, path, id, len);
	kam_msg_capture(pf, pa);
	kam_exit_code = saved;
	git_error_clear();
	renumber_release(&rn);
	return rc == 1;
}

int
renumber_prepare(struct renumber *rn, struct project *p, const char *old,
    const char *new)
{
	git_reference *head = NULL;
	git_commit *hc = NULL;
	const char *why;
	char pfx[16];
	long num;
	size_t i;
	int ret = -1;

	rn->p = p;
	if (id_prefix(old, pfx) == -1)
		return kam_err(KAM_EX_USAGE, "invalid id '%s' (expected e.g. "
		    "R-12)", old);
	for (i = 0; pfx[i] != '\0'; i++)
		if (pfx[i] >= 'a' && pfx[i] <= 'z')
			pfx[i] -= 'a' - 'A';
	if ((rn->s = schema_by_prefix(pfx)) == NULL)
		return kam_err(KAM_EX_USAGE, "'%s': no table has ids %s-n",
		    old, pfx);
	if (id_parse_arg(old, rn->s->prefix, rn->old, &num, &why) == -1)
		return kam_err(KAM_EX_USAGE, "invalid %s id '%s': %s",
		    rn->s->noun, old, why);
	if (new != NULL) {
		if (id_parse_arg(new, rn->s->prefix, rn->new, &rn->newnum,
		    &why) == -1)
			return kam_err(KAM_EX_USAGE, "invalid new id '%s' for a "
			    "%s (expected %s-n)", new, rn->s->noun,
			    rn->s->prefix);
		if (strcmp(rn->old, rn->new) == 0)
			return kam_err(KAM_EX_USAGE, "%s is already %s", rn->old,
			    rn->new);
	}
	rn->clash = git_repository_state(p->repo) !=
	    GIT_REPOSITORY_STATE_NONE;
	if (rn->clash && git_repository_head(&head, p->repo) == 0 &&
	    git_reference_peel((git_object **)&hc, head,
	    GIT_OBJECT_COMMIT) == 0 &&
	    hist_project_tree(&rn->head, p, hc) == -1)
		goto out;
	ret = 0;
out:
	git_commit_free(hc);
	git_reference_free(head);
	return ret;
}

/* ---- a rebase's renumberings (issue 18 #1) ---- */

/* The directory of the rebase in progress in the git dir (rebase-merge
 * or rebase-apply), or NULL. */
static char *
rebase_dir(struct project *p)
{
	static const char *const dirs[] = { "rebase-merge", "rebase-apply" };
	struct stat st;
	size_t i;
	char *d;

	for (i = 0; i < ARRAY_SIZE(dirs); i++) {
		d = xasprintf("%s%s", git_repository_path(p->repo), dirs[i]);
		if (stat(d, &st) == 0 && S_ISDIR(st.st_mode))
			return d;
		free(d);
	}
	return NULL;
}

/*
 * The commits a rebase replays after a renumbering (issue 18 #1): each is
 * amended by "kam renumber --rebased", which kam inserts in the rebase's
 * todo list (rebase-merge/git-rebase-todo, read again by git on
 * `git rebase --continue`, as after `git rebase --edit-todo`).  The line
 * goes first (for the commit of the stop, once git has made it) and after
 * every command that makes a commit, after the last of a fixup/squash
 * chain, unless it is there already.
 */

enum todo_kind { TODO_NONE, TODO_COMMIT, TODO_CHAIN, TODO_OURS, TODO_OTHER };

/* What the todo line [s, e) is. */
static enum todo_kind
todo_kind(const char *s, const char *e)
{
	static const char *const commit[] = { "pick", "p", "reword", "r",
	    "edit", "e", "merge", "m" };
	static const char *const chain[] = { "fixup", "f", "squash", "s" };
	static const char *const other[] = { "exec", "x", "break", "b",
	    "drop", "d", "label", "l", "reset", "t", "update-ref", "u",
	    "noop" };
	const char *w;
	size_t i, n;

	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	for (w = s; w < e && *w != ' ' && *w != '\t' && *w != '\r'; w++)
		;
	n = (size_t)(w - s);
#define IS(v) (strlen(v) == n && memcmp(v, s, n) == 0)
	for (i = 0; i < ARRAY_SIZE(commit); i++)
		if (IS(commit[i]))
			return TODO_COMMIT;
	for (i = 0; i < ARRAY_SIZE(chain); i++)
		if (IS(chain[i]))
			return TODO_CHAIN;
	for (i = 0; i < ARRAY_SIZE(other); i++)
		if (IS(other[i])) {
			if (i < 2 && memmem(w, (size_t)(e - w),
			    "renumber --rebased", 18) != NULL)
				return TODO_OURS;
			return TODO_OTHER;
		}
#undef IS
	return TODO_NONE;	/* a comment, a blank line */
}

/* s quoted for sh: '...', a quote as '\''. */
static void
sh_quote(struct kam_buf *b, const char *s)
{
	kam_buf_putc(b, '\'');
	for (; *s != '\0'; s++)
		if (*s == '\'')
			kam_buf_puts(b, "'\\''");
		else
			kam_buf_add(b, s, 1);
	kam_buf_putc(b, '\'');
}

/*
 * The word that runs this kam from git's exec line: "kam" when a PATH
 * lookup of kam finds this same program (the same file, through any
 * symbolic link), else the program's absolute path, quoted for sh (kam
 * run as build/kam or ~/bin/kam off PATH; another kam first on PATH).
 */
static void
self_word(struct kam_buf *b)
{
	const char *path = getenv("PATH"), *d, *e;
	char exe[PATH_MAX], *f;
	struct stat self, st;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	int found = 0;

	if (n <= 0 || stat("/proc/self/exe", &self) != 0) {
		kam_buf_puts(b, "kam");	/* not Linux: as before */
		return;
	}
	exe[n] = '\0';
	for (d = path != NULL ? path : ""; !found && d != NULL;
	    d = *e == ':' ? e + 1 : NULL) {
		e = d + strcspn(d, ":");
		f = xasprintf("%.*s%skam", (int)(e - d), d, e > d ? "/" : "");
		if (stat(f, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(f, X_OK) == 0)
			found = st.st_dev == self.st_dev &&
			    st.st_ino == self.st_ino ? 1 : -1;
		free(f);
	}
	if (found == 1)
		kam_buf_puts(b, "kam");
	else
		sh_quote(b, exe);
}

/* Where the line that starts at s ends: after its newline, or at end. */
static const char *
line_after(const char *s, const char *end)
{
	const char *nl = memchr(s, '\n', (size_t)(end - s));

	return nl != NULL ? nl + 1 : end;
}

/* The exec line: git runs it in the work tree's top directory. */
static void
todo_exec(struct project *p, struct kam_buf *b)
{
	kam_buf_puts(b, "exec ");
	self_word(b);
	kam_buf_putc(b, ' ');
	if (p->prefix != NULL && p->prefix[0] != '\0') {
		kam_buf_puts(b, "-C ");
		sh_quote(b, p->prefix);
		kam_buf_putc(b, ' ');
	}
	kam_buf_puts(b, "renumber --rebased\n");
}

/* Insert the exec lines in DIR's todo list, if it has one.  0 or -1. */
static int
rebase_schedule(struct project *p, const char *dir)
{
	struct kam_buf b = KAM_BUF_INIT, out = KAM_BUF_INIT;
	git_config *cfg = NULL;
	const char *s, *e, *end;
	enum todo_kind k;
	char *f = xasprintf("%s/git-rebase-todo", dir);
	int rc, on = 0, pending = 1, ret = -1;

	if ((rc = kam_read_file(&b, f)) != 0) {
		ret = rc == 1 ? 0 : -1;	/* rebase-apply: no todo */
		goto out;
	}
	/* kam does not sign: a signed rebase is left as it is (hooks.h). */
	if (git_repository_config_snapshot(&cfg, p->repo) == 0 &&
	    git_config_get_bool(&on, cfg, "commit.gpgsign") == 0 && on) {
		kam_warn("commit.gpgsign is set: the commits the rebase "
		    "replays after this one are not amended by kam; rewrite "
		    "their references with 'git rebase --exec \"kam renumber "
		    "--all\"'");
		ret = 0;
		goto out;
	}
	git_error_clear();
	end = b.ptr + b.len;
	for (s = b.ptr; s < end; s = e) {
		e = line_after(s, end);
		if ((k = todo_kind(s, e)) == TODO_NONE) {
			kam_buf_add(&out, s, (size_t)(e - s));
			continue;
		}
		if (pending && k != TODO_CHAIN && k != TODO_OURS)
			todo_exec(p, &out);
		if (k != TODO_CHAIN)
			pending = 0;
		kam_buf_add(&out, s, (size_t)(e - s));
		if (e == end && e[-1] != '\n')
			kam_buf_puts(&out, "\n");
		if (k == TODO_COMMIT || k == TODO_CHAIN)
			pending = 1;
	}
	if (pending)
		todo_exec(p, &out);
	ret = out.len == b.len && memcmp(out.ptr, b.ptr, b.len) == 0 ? 0 :
	    merge_write_file(f, out.ptr, out.len);
out:
	git_config_free(cfg);
	kam_buf_release(&out);
	kam_buf_release(&b);
	free(f);
	return ret;
}

/* The first line of DIR/name, NUL-terminated in b; 0, or -1 (absent). */
static int
rebase_file(struct kam_buf *b, const char *dir, const char *name)
{
	char *f = xasprintf("%s/%s", dir, name);
	int rc = kam_read_file(b, f);

	free(f);
	if (rc != 0)
		return -1;
	kam_buf_putc(b, '\0');
	b->ptr[strcspn(b->ptr, "\r\n")] = '\0';
	return 0;
}

/*
 * An apply-backend rebase (rebase-apply: git am's patches, no todo list):
 * kam cannot have git come back to its commits.  Say so and how to start
 * again with the merge backend: the same commits (those of the patches,
 * the first one's parent the upstream) onto the same target.
 */
static void
note_apply(struct project *p, const char *dir, const char *redo)
{
	struct kam_buf b = KAM_BUF_INIT;
	git_commit *first = NULL;
	git_oid id;
	char onto[13] = "", up[13] = "", *end;
	long next = 0, last = 0;

	if (rebase_file(&b, dir, "rebasing") == -1) {
		kam_buf_release(&b);	/* git am: not a rebase */
		return;
	}
	if (rebase_file(&b, dir, "next") == 0)
		next = strtol(b.ptr, &end, 10);
	if (rebase_file(&b, dir, "last") == 0)
		last = strtol(b.ptr, &end, 10);
	if (rebase_file(&b, dir, "onto") == 0)
		snprintf(onto, sizeof(onto), "%s", b.ptr);
	if (rebase_file(&b, dir, "0001") == 0 &&
	    strncmp(b.ptr, "From ", 5) == 0 &&
	    git_oid_fromstrn(&id, b.ptr + 5, GIT_OID_HEXSZ) == 0 &&
	    git_commit_lookup(&first, p->repo, &id) == 0) {
		if (git_commit_parentcount(first) > 0)
			snprintf(up, sizeof(up), "%s",
			    git_oid_tostr_s(git_commit_parent_id(first, 0)));
		else
			snprintf(up, sizeof(up), "--root");
	}
	git_error_clear();
	fprintf(stderr, "kam: warning: this rebase applies patches ('git "
	    "rebase --apply': .git/rebase-apply, no todo list), so kam cannot "
	    "have git come back to its commits: the commit of this stop and "
	    "the %ld commit%s git applies after it will not be amended; their "
	    "subjects keep the old ids, and where a later one applies without "
	    "a conflict its rows keep the old ids where they mean the new "
	    "ones.  To have them amended, start again with git's merge "
	    "backend and renumber at this stop again:\n"
	    "    git rebase --abort\n"
	    "    git rebase --merge --onto %s %s\n"
	    "    %s\n", last > next ? last - next : 0,
	    last - next == 1 ? "" : "s", onto[0] != '\0' ? onto : "ONTO",
	    up[0] != '\0' ? up : "UPSTREAM", redo);
	git_commit_free(first);
	kam_buf_release(&b);
}

/* The 12-digit id of the commit a sequencer todo line "pick ID ..."
 * names, into out; its first parent's (or "--root") into parent when
 * not NULL.  0 or -1. */
static int
pick_commit(struct project *p, const char *s, const char *e, char *out,
    char *parent)
{
	git_object *o = NULL;
	char *id;
	int rc;

	while (s < e && *s != ' ')
		s++;
	while (s < e && *s == ' ')
		s++;
	id = xstrndup(s, strcspn(s, " \t\r\n"));
	if ((rc = git_revparse_single(&o, p->repo, id)) == 0 &&
	    git_object_type(o) == GIT_OBJECT_COMMIT) {
		snprintf(out, 13, "%s", git_oid_tostr_s(git_object_id(o)));
		if (parent != NULL)
			snprintf(parent, 13, "%s",
			    git_commit_parentcount((git_commit *)o) > 0 ?
			    git_oid_tostr_s(git_commit_parent_id(
			    (git_commit *)o, 0)) : "--root");
	} else
		rc = -1;
	git_object_free(o);
	free(id);
	return rc < 0 ? -1 : 0;
}

/*
 * A cherry-pick of several commits (.git/sequencer/todo, the stopped one
 * first): git's sequencer runs no exec lines there, so kam cannot come
 * back to the picks after this one.  Say so and how to pick them with a
 * rebase instead (detached, then the branch moved to its result).
 */
static void
note_pick(struct project *p, const char *redo)
{
	struct kam_buf b = KAM_BUF_INIT;
	git_reference *head = NULL;
	const char *s, *e, *end, *br = NULL;
	char first[13] = "", up[13] = "", last[13] = "", onto[13] = "";
	char *f = xasprintf("%ssequencer/todo", git_repository_path(p->repo));
	long n = 0;

	if (kam_read_file(&b, f) != 0)
		goto out;
	end = b.ptr + b.len;
	for (s = b.ptr; s < end; s = e) {
		e = line_after(s, end);
		if ((size_t)(e - s) < 5 || (strncmp(s, "pick ", 5) != 0 &&
		    strncmp(s, "p ", 2) != 0))
			continue;
		if (n++ == 0 && pick_commit(p, s, e, first, up) == -1)
			goto out;
		if (pick_commit(p, s, e, last, NULL) == -1)
			goto out;
	}
	if (n == 0)
		goto out;
	if (git_repository_head(&head, p->repo) == 0 &&
	    git_reference_is_branch(head))
		br = git_reference_shorthand(head);
	else if (rebase_file(&b, git_repository_path(p->repo),
	    "sequencer/head") == 0)
		snprintf(onto, sizeof(onto), "%s", b.ptr);
	fprintf(stderr, "kam: warning: this cherry-pick has %ld more "
	    "commit%s to pick (.git/sequencer/todo), and git's cherry-pick "
	    "runs no exec lines, so kam cannot come back to them: they will "
	    "not be amended (nor this commit's subject); where one applies "
	    "without a conflict its rows keep the old ids where they mean "
	    "the new ones.  To have them amended, pick the same commits with "
	    "a rebase instead and renumber at its stop again:\n"
	    "    git cherry-pick --abort\n"
	    "    git rebase --merge --onto %s %s %s\n"
	    "    %s\n"
	    "then 'git add' the files and 'git rebase --continue'%s%s%s\n",
	    n - 1, n - 1 == 1 ? "" : "s", br != NULL ? br : onto, up, last,
	    redo, br != NULL ? "; the rebase leaves HEAD detached at the "
	    "result: 'git checkout -B " : "", br != NULL ? br : "",
	    br != NULL ? "' puts the branch there" : "");
out:
	git_error_clear();
	git_reference_free(head);
	kam_buf_release(&b);
	free(f);
}

void
renumber_rebase_note(struct project *p, const char *redo)
{
	struct kam_buf b = KAM_BUF_INIT, line = KAM_BUF_INIT;
	char *d = rebase_dir(p), *f;
	const char *s, *e, *end;
	size_t later = 0, ours = 0;
	enum todo_kind k;

	if (d == NULL) {
		if (git_repository_state(p->repo) ==
		    GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE)
			note_pick(p, redo);
		return;
	}
	f = xasprintf("%s/git-rebase-todo", d);
	if (kam_read_file(&b, f) == 1)
		note_apply(p, d, redo);
	else if (b.len > 0) {
		end = b.ptr + b.len;
		for (s = b.ptr; s < end; s = e) {
			e = line_after(s, end);
			if ((k = todo_kind(s, e)) == TODO_COMMIT)
				later++;
			else if (k == TODO_OURS)
				ours++;
		}
		todo_exec(p, &line);
		line.ptr[line.len - 1] = '\0';
		if (ours > 0 && later > 0)
			fprintf(stderr, "kam: note: 'git rebase --continue' "
			    "commits this step, then replays the %zu commit%s "
			    "after it: the lines '%s' that kam put in the "
			    "rebase's todo list amend this step's commit and "
			    "each one replayed, so that their rows and "
			    "subjects name the new ids (see 'git rebase "
			    "--edit-todo')\n", later, later == 1 ? "" : "s",
			    line.ptr);
		else if (ours > 0)
			fprintf(stderr, "kam: note: 'git rebase --continue' "
			    "commits this step; the line '%s' that kam put in "
			    "the rebase's todo list then amends it so that its "
			    "subject names the new ids (see 'git rebase "
			    "--edit-todo')\n", line.ptr);
	}
	kam_err_reset();
	kam_buf_release(&line);
	kam_buf_release(&b);
	free(f);
	free(d);
}

/* Remember OLD NEW in the rebase's directory.  0 or -1. */
static int
rebase_remember(struct renumber *rn)
{
	char *d = rebase_dir(rn->p), *f;
	FILE *fp;
	int ret = 0;

	if (d == NULL)
		return 0;
	f = xasprintf("%s/kam-renumbered", d);
	if ((fp = fopen(f, "a")) == NULL || fprintf(fp, "%s %s\n", rn->old,
	    rn->new) < 0 || fclose(fp) != 0) {
		ret = kam_errno(errno, "cannot write '%s'", f);
		fp = NULL;
	}
	if (ret == 0)
		ret = rebase_schedule(rn->p, d);
	free(f);
	free(d);
	return ret;
}

/* The project tree of the rebase's target (DIR/onto), into *out (NULL
 * when there is none to read).  0 or -1. */
static int
rebase_onto(struct project *p, const char *dir, git_tree **out)
{
	struct kam_buf b = KAM_BUF_INIT;
	git_commit *c = NULL;
	git_oid id;
	char *f = xasprintf("%s/onto", dir);
	int rc, ret = 0;

	*out = NULL;
	if ((rc = kam_read_file(&b, f)) == -1)
		ret = -1;
	else if (rc == 0 && b.len >= GIT_OID_HEXSZ &&
	    git_oid_fromstrn(&id, b.ptr, GIT_OID_HEXSZ) == 0 &&
	    git_commit_lookup(&c, p->repo, &id) == 0)
		ret = hist_project_tree(out, p, c);
	git_error_clear();
	git_commit_free(c);
	kam_buf_release(&b);
	free(f);
	return ret;
}

/* Whether the record a remembered renumbering made (NEW) is in the work
 * tree: not when the step that made it was skipped (`git rebase --skip`),
 * and then its references must stay.  1, 0, or -1 after reporting. */
static int
rebased_live(struct project *p, const char *old, const char *new)
{
	struct renumber rn = RENUMBER_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	char **names = NULL;
	size_t nn = 0, j, len = strlen(new);
	const char *q;
	int rc, found = -1;

	if (renumber_prepare(&rn, p, old, new) == -1 ||
	    files_of(&rn, rn.s, &names, &nn) == -1)
		goto out;
	found = 0;
	for (j = 0; j < nn && !found; j++) {
		if (names[j] == NULL)
			continue;
		if ((rc = read_file(&rn, names[j], &b)) == -1) {
			found = -1;
			break;
		}
		/* A row of NEW: a line that starts "NEW,". */
		for (q = b.ptr; rc == 0 && q != NULL; q++) {
			if ((size_t)(b.ptr + b.len - q) > len &&
			    memcmp(q, new, len) == 0 && q[len] == ',') {
				found = 1;
				break;
			}
			q = memchr(q, '\n', (size_t)(b.ptr + b.len - q));
			if (q == NULL)
				break;
		}
	}
out:
	free_names(names, nn);
	kam_buf_release(&b);
	renumber_release(&rn);
	return found;
}

/* The last "OLD NEW" line of the remembered renumberings b, cut off b:
 * 1 with *old and *new pointing into b, 0 when none is left. */
static int
pop_pair(struct kam_buf *b, char **old, char **new)
{
	char *line, *sp, *nl;

	for (;;) {
		while (b->len > 0 && b->ptr[b->len - 1] == '\n')
			b->ptr[--b->len] = '\0';
		if (b->len == 0)
			return 0;
		nl = memrchr(b->ptr, '\n', b->len);
		line = nl != NULL ? nl + 1 : b->ptr;
		b->len = (size_t)(line - b->ptr);
		if ((sp = strchr(line, ' ')) == NULL)
			continue;
		*sp = '\0';
		*old = line;
		*new = sp + 1;
		return 1;
	}
}

int
renumber_rebased(struct project *p, const char *skip, size_t *nrefs)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct renumber rn = RENUMBER_INIT;
	git_tree *onto = NULL;
	char *d = rebase_dir(p), *f = NULL, *old, *new;
	int rc, ret = -1;

	if (d == NULL)
		return 0;
	f = xasprintf("%s/kam-renumbered", d);
	if ((rc = kam_read_file(&b, f)) != 0 || b.len == 0) {
		ret = rc == -1 ? -1 : 0;
		goto out;
	}
	if (rebase_onto(p, d, &onto) == -1)
		goto out;
	if (onto == NULL) {
		ret = 0;
		goto out;
	}
	/* The last renumbering first: an OLD may be the NEW of an earlier
	 * one (T-2 became T-3, then their own T-3 became T-4), and each
	 * reference must move once. */
	while (pop_pair(&b, &old, &new)) {
		if (skip != NULL && strcmp(old, skip) == 0)
			continue;
		if ((rc = rebased_live(p, old, new)) != 1) {
			if (rc == -1)
				goto out;
			continue;
		}
		rn = (struct renumber)RENUMBER_INIT;
		if (renumber_prepare(&rn, p, old, new) == -1)
			goto out;
		/* References are theirs where the target lacked them. */
		git_tree_free(rn.head);
		if (git_tree_dup(&rn.head, onto) < 0) {
			kam_giterr(-1, "cannot read the rebase's target");
			goto out;
		}
		rn.refs_only = 1;
		if (renumber(&rn) == -1)
			goto out;
		*nrefs += rn.nrefs;
		renumber_release(&rn);
	}
	ret = 0;
out:
	renumber_release(&rn);
	git_tree_free(onto);
	kam_buf_release(&b);
	free(f);
	free(d);
	return ret;
}

/* The status of the project's files (its folder when it has a prefix;
 * submodules excluded), as show asks: git_status_list_new's result. */
static int
project_status(git_status_list **sl, struct project *p, git_status_show_t show)
{
	git_status_options so;
	char *spec = p->prefix;

	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	so.show = show;
	so.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	if (p->prefix != NULL && p->prefix[0] != '\0') {
		so.pathspec.strings = &spec;
		so.pathspec.count = 1;
	}
	return git_status_list_new(sl, p->repo, &so);
}

/* Nothing of the project's files changed in the index or the work tree
 * (untracked files aside): 0, or -1 (78) naming one. */
static int
project_clean(struct project *p)
{
	git_status_list *sl = NULL;
	const git_status_entry *se;
	size_t i, n;
	int rc, ret = 0;

	rc = project_status(&sl, p, GIT_STATUS_SHOW_INDEX_AND_WORKDIR);
	if (rc < 0)
		return kam_giterr(rc, "cannot read the status of the work tree");
	n = git_status_list_entrycount(sl);
	for (i = 0; i < n && ret == 0; i++) {
		se = git_status_byindex(sl, i);
		if (se->status == GIT_STATUS_CURRENT ||
		    se->status == GIT_STATUS_IGNORED)
			continue;
		ret = kam_err(KAM_EX_STATE, "'%s' has uncommitted changes: "
		    "'kam renumber --rebased' amends the commit the rebase "
		    "just made, and only that", se->index_to_workdir != NULL ?
		    se->index_to_workdir->new_file.path :
		    se->head_to_index->new_file.path);
	}
	git_status_list_free(sl);
	return ret;
}

/* Stage the work tree's modified files (those renumber_rebased wrote)
 * into the index and write its tree into *tree.  0 or -1. */
static int
stage_written(struct project *p, git_oid *tree)
{
	git_status_list *sl = NULL;
	git_index *ix = NULL;
	const git_status_entry *se;
	size_t i, n;
	int rc;

	if ((rc = git_repository_index(&ix, p->repo)) < 0 ||
	    (rc = project_status(&sl, p, GIT_STATUS_SHOW_WORKDIR_ONLY)) < 0)
		goto fail;
	n = git_status_list_entrycount(sl);
	for (i = 0; i < n; i++) {
		se = git_status_byindex(sl, i);
		if ((se->status & GIT_STATUS_WT_MODIFIED) &&
		    (rc = git_index_add_bypath(ix,
		    se->index_to_workdir->new_file.path)) < 0)
			goto fail;
	}
	if ((rc = git_index_write(ix)) < 0 ||
	    (rc = git_index_write_tree(tree, ix)) < 0)
		goto fail;
	git_status_list_free(sl);
	git_index_free(ix);
	return 0;
fail:
	git_status_list_free(sl);
	git_index_free(ix);
	return kam_giterr(rc, "cannot update the index");
}

int
renumber_amend_rebased(struct project *p, size_t *nrefs, char **subject)
{
	struct kam_buf b = KAM_BUF_INIT, msg = KAM_BUF_INIT;
	git_commit *head = NULL;
	git_tree *tree = NULL;
	git_oid onto, tid, id;
	char *d = rebase_dir(p), *f = NULL, *old, *new, *r;
	size_t n = 0;
	int rc, ret = -1;

	*nrefs = 0;
	*subject = NULL;
	if (d == NULL)
		return kam_err(KAM_EX_USAGE, "--rebased amends the commit a "
		    "rebase has just replayed, and no rebase is in progress");
	f = xasprintf("%s/kam-renumbered", d);
	if ((rc = kam_read_file(&b, f)) != 0 || b.len == 0) {
		ret = rc == -1 ? -1 : 0;
		goto out;
	}
	free(f);
	f = xasprintf("%s/onto", d);
	kam_buf_reset(&msg);
	if ((rc = kam_read_file(&msg, f)) != 0 || msg.len < GIT_OID_HEXSZ ||
	    git_oid_fromstrn(&onto, msg.ptr, GIT_OID_HEXSZ) < 0) {
		ret = rc == -1 ? -1 : 0;
		goto out;
	}
	if ((rc = git_revparse_single((git_object **)&head, p->repo,
	    "HEAD^{commit}")) < 0) {
		kam_giterr(rc, "cannot read HEAD");
		goto out;
	}
	/* Only a commit the rebase made: never the target's own. */
	if (git_oid_equal(git_commit_id(head), &onto) ||
	    git_graph_descendant_of(p->repo, &onto, git_commit_id(head)) ==
	    1) {
		ret = 0;
		goto out;
	}
	git_error_clear();
	if (hook_check_signing(p->repo) == -1 || project_clean(p) == -1)
		goto out;
	if (renumber_rebased(p, NULL, nrefs) == -1)
		goto out;
	/* The message names the replayed commit's records: every whole-word
	 * OLD is its own (the target did not have OLD), last renumbering
	 * first, as for the references. */
	kam_buf_reset(&msg);
	kam_buf_puts(&msg, git_commit_message(head));
	while (pop_pair(&b, &old, &new)) {
		if ((rc = rebased_live(p, old, new)) != 1) {
			if (rc == -1)
				goto out;
			continue;
		}
		if ((r = replace_words(msg.ptr, old, new, &n)) != NULL) {
			kam_buf_reset(&msg);
			kam_buf_puts(&msg, r);
			free(r);
		}
	}
	if (stage_written(p, &tid) == -1)
		goto out;
	if (n == 0 && git_oid_equal(&tid, git_commit_tree_id(head))) {
		ret = 0;
		goto out;
	}
	if ((rc = git_tree_lookup(&tree, p->repo, &tid)) < 0 ||
	    (rc = git_commit_amend(&id, head, "HEAD", NULL, NULL, NULL,
	    msg.ptr, tree)) < 0) {
		kam_giterr(rc, "cannot amend HEAD");
		goto out;
	}
	r = strchr(msg.ptr, '\n');
	*subject = xstrndup(msg.ptr, r != NULL ? (size_t)(r - msg.ptr) :
	    msg.len);
	ret = 1;
out:
	git_tree_free(tree);
	git_commit_free(head);
	kam_buf_release(&msg);
	kam_buf_release(&b);
	free(f);
	free(d);
	return ret;
}

int
renumber_apply(struct renumber *rn, struct tx *tx)
{
	size_t n = 0;

	rn->tx = tx;
	/* In a rebase, the renumberings of its earlier steps first: when
	 * one cannot be replayed, this one is not made either. */
	if (rn->clash && renumber_rebased(rn->p, rn->old, &n) == -1)
		return -1;
	if (rn->new[0] == '\0' && pick_new(rn) == -1)
		return -1;
	if (renumber(rn) == -1)
		return -1;
	rn->nrefs += n;
	/* Remembered for the commits replayed after this one. */
	return rn->clash ? rebase_remember(rn) : 0;
}

void
renumber_release(struct renumber *rn)
{
	git_tree_free(rn->head);
	rn->head = NULL;
	git_tree_free(rn->base);
	rn->base = NULL;
	rn->base_done = 0;
	rn->edited = 0;
	kam_buf_release(&rn->files);
}
