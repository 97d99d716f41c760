/*
 * t_repo.c: the write transaction of lib/repo.c (RELIABILITY §2 W1-W7,
 * §4.7 R3, R5, R7, R8, R10, R11, R18, R19) on a scratch repository made
 * with libgit2.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "budget.h"
#include "kam.h"
#include "project.h"
#include "repo.h"
#include "schema.h"
#include "table.h"
#include "value.h"
#include "tap.h"

static char tmpdir[] = "/tmp/kam-t_repo-XXXXXX";
static char *gitdir;
static struct project p;
static char errbuf[4096];

/* ---------------------------------------------------------------- helpers */

static char *
wt(const char *rel)
{
	static char buf[2][1024];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s%s", p.workdir, rel);
	return buf[k];
}

static char *
gd(const char *rel)
{
	static char buf[2][1024];
	static int k;

	k ^= 1;
	snprintf(buf[k], sizeof(buf[k]), "%s%s", gitdir, rel);
	return buf[k];
}

static void
write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fputs(data, f);
	fclose(f);
}

/* The file's contents, or "(absent)". */
static const char *
slurp(const char *path)
{
	static char buf[4096];
	size_t n;
	FILE *f = fopen(path, "r");

	if (f == NULL)
		return "(absent)";
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static git_oid
hash(const char *data)
{
	git_oid id;

	git_odb_hash(&id, data, strlen(data), GIT_OBJECT_BLOB);
	return id;
}

static int
head_oid(git_oid *id)
{
	return git_reference_name_to_id(id, p.repo, "HEAD") == 0 ? 0 : -1;
}

/* Blob id of path in HEAD's tree; -1 when absent. */
static int
head_blob(const char *path, git_oid *id)
{
	git_object *obj = NULL;
	char *spec = xasprintf("HEAD:%s", path);
	int rc;

	rc = git_revparse_single(&obj, p.repo, spec);
	free(spec);
	if (rc < 0)
		return -1;
	*id = *git_object_id(obj);
	git_object_free(obj);
	return 0;
}

static int
head_has(const char *path, const char *data)
{
	git_oid a, b = hash(data);

	return head_blob(path, &a) == 0 && git_oid_equal(&a, &b);
}

static int
index_has(const char *path, const char *data)
{
	const git_index_entry *e;
	git_index *index = NULL;
	git_oid want = hash(data);
	int ret = 0;

	if (git_repository_index(&index, p.repo) == 0 &&
	    git_index_read(index, 1) == 0 &&
	    (e = git_index_get_bypath(index, path, 0)) != NULL)
		ret = git_oid_equal(&e->id, &want);
	git_index_free(index);
	return ret;
}

/* The index entry carries the file's stat data (no re-hash needed). */
static int
index_stat_ok(const char *path)
{
	const git_index_entry *e;
	git_index *index = NULL;
	struct stat st;
	int ret = 0;

	if (stat(wt(path), &st) == 0 &&
	    git_repository_index(&index, p.repo) == 0 &&
	    git_index_read(index, 1) == 0 &&
	    (e = git_index_get_bypath(index, path, 0)) != NULL)
		ret = e->file_size == (uint32_t)st.st_size &&
		    e->ino == (uint32_t)st.st_ino &&
		    e->mtime.seconds == (int32_t)st.st_mtim.tv_sec &&
		    e->mtime.nanoseconds == (uint32_t)st.st_mtim.tv_nsec &&
		    e->mode == GIT_FILEMODE_BLOB;
	git_index_free(index);
	return ret;
}

static unsigned
status_of(const char *path)
{
	unsigned st = 0xffff;

	if (git_status_file(&st, p.repo, path) == GIT_ENOTFOUND)
		return 0x10000;
	return st;
}

static void
stage(const char *path)
{
	git_index *index = NULL;

	if (git_repository_index(&index, p.repo) < 0 ||
	    git_index_read(index, 1) < 0 ||
	    git_index_add_bypath(index, path) < 0 ||
	    git_index_write(index) < 0) {
		fprintf(stderr, "stage %s: %s\n", path, git_error_last()->message);
		exit(2);
	}
	git_index_free(index);
}

/* Commit `path` = data on HEAD with libgit2, as a foreign writer. */
static void
foreign_commit(const char *path, const char *data, git_oid *out)
{
	git_tree_update u;
	git_signature *sig = NULL;
	git_commit *head = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_oid hid, tid;

	memset(&u, 0, sizeof(u));
	u.action = GIT_TREE_UPDATE_UPSERT;
	u.filemode = GIT_FILEMODE_BLOB;
	u.path = path;
	if (head_oid(&hid) < 0 ||
	    git_commit_lookup(&head, p.repo, &hid) < 0 ||
	    git_commit_tree(&base, head) < 0 ||
	    git_blob_create_from_buffer(&u.id, p.repo, data, strlen(data)) < 0 ||
	    git_tree_create_updated(&tid, p.repo, base, 1, &u) < 0 ||
	    git_tree_lookup(&tree, p.repo, &tid) < 0 ||
	    git_signature_now(&sig, "Other", "other@example.com") < 0 ||
	    git_commit_create(out, p.repo, "HEAD", sig, sig, NULL, "other\n",
	    tree, 1, (const git_commit **)&head) < 0) {
		fprintf(stderr, "foreign commit: %s\n", git_error_last()->message);
		exit(2);
	}
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(head);
}

/* Capture stderr of a call into errbuf. */
static int saved_fd = -1;

static void
capture_start(void)
{
	int fd = open(gd("t_repo.err"), O_RDWR | O_CREAT | O_TRUNC, 0644);

	fflush(stderr);
	saved_fd = dup(2);
	dup2(fd, 2);
	close(fd);
}

static void
capture_end(void)
{
	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	snprintf(errbuf, sizeof(errbuf), "%s", slurp(gd("t_repo.err")));
	unlink(gd("t_repo.err"));
	if (errbuf[0] != '\0')
		note("stderr: %.*s", (int)strcspn(errbuf, "\n"), errbuf);
}

/* One whole write: begin, put path=data, commit, release. */
static int
write_one(const char *path, const char *data, const char *subject)
{
	struct tx tx = TX_INIT;
	int rc = -1;

	if (tx_begin(&tx, &p, 0) == -1)
		goto out;
	tx_put(&tx, path, data, strlen(data));
	rc = tx_commit(&tx, subject, NULL);
out:
	tx_release(&tx);
	return rc;
}

static int
rm_cb(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

/* ---------------------------------------------------------------- tests */

static void
t_first_commit(void)
{
	struct tx tx = TX_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	git_commit *c = NULL;
	git_oid id;
	int rc;

	rc = tx_begin(&tx, &p, 0);
	is_int(rc, 0, "tx_begin on an unborn branch");
	ok(tx.head == NULL && tx.tree == NULL, "unborn: no HEAD commit");
	is_str(tx.branch, "refs/heads/main", "unborn: branch from HEAD");
	is_int(tx_read(&tx, "risks.csv", &b), 1, "tx_read of a missing file "
	    "gives 1");
	tx_put(&tx, "risks.csv", "x\n", 2);
	tx_put(&tx, "risks.csv", "a\n", 2);	/* replaces */
	tx_put(&tx, "expenses/2026-11.csv", "e1\n", 3);
	rc = tx_commit(&tx, "kam: test first", "why\n");
	is_int(rc, 0, "first commit succeeds");
	ok(head_oid(&id) == 0 && git_oid_equal(&id, &tx.commit),
	    "HEAD is the commit made");
	tx_release(&tx);
	ok(git_commit_lookup(&c, p.repo, &id) == 0 &&
	    git_commit_parentcount(c) == 0, "root commit has no parent");
	is_str(c != NULL ? git_commit_message(c) : NULL,
	    "kam: test first\n\nwhy\n", "message is subject, blank, body");
	is_str(c != NULL ? git_commit_author(c)->name : NULL, "Kam Tester",
	    "author from user.name");
	git_commit_free(c);
	ok(head_has("risks.csv", "a\n"), "second put replaced the first");
	ok(head_has("expenses/2026-11.csv", "e1\n"), "nested path committed");
	is_str(slurp(wt("risks.csv")), "a\n", "work tree file written");
	is_str(slurp(wt("expenses/2026-11.csv")), "e1\n",
	    "work tree subdirectory created");
	ok(index_has("risks.csv", "a\n") &&
	    index_has("expenses/2026-11.csv", "e1\n"),
	    "index entries are the blobs");
	ok(index_stat_ok("risks.csv") && index_stat_ok("expenses/2026-11.csv"),
	    "index entries carry the files' stat data");
	is_int(status_of("risks.csv"), GIT_STATUS_CURRENT,
	    "git status is clean for the file");
	ok(!exists(gd("kam/txn")), "journal removed");
	kam_buf_release(&b);
}

static void
t_other_changes_kept(void)
{
	git_oid before, after;
	git_commit *c = NULL;

	write_one("staged.csv", "s1\n", "kam: staged");
	write_one("unstaged.csv", "u1\n", "kam: unstaged");
	write_file(wt("staged.csv"), "s2\n");
	stage("staged.csv");
	write_file(wt("unstaged.csv"), "u2\n");
	write_file(wt("notes.md"), "untracked\n");
	head_oid(&before);

	is_int(write_one("risks.csv", "b\n", "kam: second"), 0,
	    "second commit succeeds");
	head_oid(&after);
	ok(git_commit_lookup(&c, p.repo, &after) == 0 &&
	    git_commit_parentcount(c) == 1 &&
	    git_oid_equal(git_commit_parent_id(c, 0), &before),
	    "second commit's parent is the old HEAD");
	git_commit_free(c);
	ok(head_has("risks.csv", "b\n"), "queued file committed");
	ok(head_has("staged.csv", "s1\n"), "staged change not committed");
	ok(head_has("unstaged.csv", "u1\n"), "unstaged change not committed");
	ok(head_blob("notes.md", &before) == -1, "untracked file not committed");
	ok(index_has("staged.csv", "s2\n"), "staged index entry kept");
	ok(index_has("unstaged.csv", "u1\n"), "unstaged index entry kept");
	ok(index_has("risks.csv", "b\n"), "committed path's index entry is "
	    "the blob");
	is_str(slurp(wt("staged.csv")), "s2\n", "staged work tree bytes kept");
	is_str(slurp(wt("unstaged.csv")), "u2\n",
	    "unstaged work tree bytes kept");
	is_int(status_of("staged.csv"), GIT_STATUS_INDEX_MODIFIED,
	    "staged.csv still staged");
	is_int(status_of("unstaged.csv"), GIT_STATUS_WT_MODIFIED,
	    "unstaged.csv still modified");
	is_int(status_of("risks.csv"), GIT_STATUS_CURRENT, "risks.csv clean");
}

static void
t_nothing_changed(void)
{
	git_oid before, after;

	head_oid(&before);
	is_int(write_one("risks.csv", "b\n", "kam: same"), 1,
	    "nothing changed gives 1");
	head_oid(&after);
	ok(git_oid_equal(&before, &after), "and makes no commit");
}

static void
t_dirty_refused(void)
{
	struct tx tx = TX_INIT;
	git_oid before, after;
	int rc;

	write_file(wt("risks.csv"), "hand edit\n");
	head_oid(&before);
	kam_err_reset();
	capture_start();
	rc = write_one("risks.csv", "c\n", "kam: dirty");
	capture_end();
	is_int(rc, -1, "dirty file refused");
	is_int(kam_exit_code, 78, "with 78");
	ok(strstr(errbuf, "'risks.csv' has uncommitted changes") != NULL,
	    "message names the file");
	head_oid(&after);
	ok(git_oid_equal(&before, &after), "HEAD unchanged");
	is_str(slurp(wt("risks.csv")), "hand edit\n", "edit untouched");
	ok(index_has("risks.csv", "b\n"), "index untouched");
	kam_err_reset();

	/* Untracked file in the way of a new kam file. */
	write_file(wt("new.csv"), "mine\n");
	capture_start();
	rc = write_one("new.csv", "kam\n", "kam: new");
	capture_end();
	ok(rc == -1 && kam_exit_code == 78, "untracked file in the way "
	    "refused with 78");
	is_str(slurp(wt("new.csv")), "mine\n", "and untouched");
	unlink(wt("new.csv"));
	kam_err_reset();

	/* kam commit: allow_dirty commits the edit. */
	if (tx_begin(&tx, &p, 0) == 0) {
		tx.allow_dirty = 1;
		tx_put(&tx, "risks.csv", "hand edit\n", 10);
		rc = tx_commit(&tx, "kam: commit", NULL);
	} else
		rc = -1;
	tx_release(&tx);
	is_int(rc, 0, "allow_dirty commits the edited file");
	ok(head_has("risks.csv", "hand edit\n") &&
	    status_of("risks.csv") == GIT_STATUS_CURRENT,
	    "and it is clean afterwards");
	write_one("risks.csv", "b\n", "kam: back");
}

static void
t_states_refused(void)
{
	struct tx tx = TX_INIT;
	git_oid id;
	int rc;

	head_oid(&id);
	git_repository_set_head_detached(p.repo, &id);
	kam_err_reset();
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	ok(rc == -1 && kam_exit_code == 78, "detached HEAD refused with 78");
	ok(strstr(errbuf, "HEAD is detached at ") != NULL, "message says "
	    "detached");
	git_repository_set_head(p.repo, "refs/heads/main");
	kam_err_reset();

	write_file(gd("MERGE_HEAD"), git_oid_tostr_s(&id));
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	ok(rc == -1 && kam_exit_code == 78, "merge in progress refused with 78");
	ok(strstr(errbuf, "a merge is in progress") != NULL, "message names "
	    "the merge");
	unlink(gd("MERGE_HEAD"));
	kam_err_reset();

	capture_start();
	rc = tx_begin(&tx, &p, 1);
	tx_release(&tx);
	capture_end();
	is_int(rc, 0, "clean state accepted again (--no-commit)");
}

static void
t_identity(void)
{
	struct tx tx = TX_INIT;
	git_signature *sig = NULL;
	git_config *cfg = NULL;
	int rc;

	git_repository_config(&cfg, p.repo);
	git_config_delete_entry(cfg, "user.email");
	kam_err_reset();
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	ok(rc == -1 && kam_exit_code == 78, "no identity refused with 78");
	ok(strstr(errbuf, "no author identity") != NULL, "message says no "
	    "author identity");
	kam_err_reset();
	rc = tx_begin(&tx, &p, 1);
	tx_release(&tx);
	is_int(rc, 0, "--no-commit needs no identity");

	setenv("GIT_AUTHOR_EMAIL", "env@example.com", 1);
	setenv("GIT_AUTHOR_DATE", "1112911993 -0700", 1);
	rc = repo_signature(&sig, p.repo, 0);
	ok(rc == 0 && strcmp(sig->email, "env@example.com") == 0 &&
	    strcmp(sig->name, "Kam Tester") == 0, "GIT_AUTHOR_EMAIL over "
	    "config, user.name from config");
	ok(rc == 0 && sig->when.time == 1112911993 && sig->when.offset == -420,
	    "GIT_AUTHOR_DATE '<unix> -0700'");
	git_signature_free(sig);
	sig = NULL;
	setenv("GIT_AUTHOR_DATE", "2005-04-07T15:13:13-07:00", 1);
	rc = repo_signature(&sig, p.repo, 0);
	ok(rc == 0 && sig->when.time == 1112911993 && sig->when.offset == -420,
	    "GIT_AUTHOR_DATE ISO 8601 with T and hh:mm");
	git_signature_free(sig);
	sig = NULL;
	setenv("GIT_AUTHOR_DATE", "2005-04-07 22:13:13 +0000", 1);
	rc = repo_signature(&sig, p.repo, 0);
	ok(rc == 0 && sig->when.time == 1112911993 && sig->when.offset == 0,
	    "GIT_AUTHOR_DATE ISO 8601 with a space");
	git_signature_free(sig);
	sig = NULL;
	setenv("GIT_AUTHOR_DATE", "@1112911993 +0530", 1);
	rc = repo_signature(&sig, p.repo, 0);
	ok(rc == 0 && sig->when.time == 1112911993 && sig->when.offset == 330,
	    "GIT_AUTHOR_DATE '@<unix> +0530'");
	git_signature_free(sig);
	sig = NULL;
	setenv("GIT_AUTHOR_DATE", "1112911993", 1);
	rc = repo_signature(&sig, p.repo, 0);
	ok(rc == 0 && sig->when.time == 1112911993 && sig->when.offset == 0,
	    "GIT_AUTHOR_DATE '<unix>' is UTC");
	git_signature_free(sig);
	sig = NULL;
	kam_err_reset();
	capture_start();
	setenv("GIT_AUTHOR_DATE", "2005-02-30 10:00:00 +0000", 1);
	rc = repo_signature(&sig, p.repo, 0);
	capture_end();
	ok(rc == -1 && kam_exit_code == 78, "impossible date refused");
	kam_err_reset();
	capture_start();
	rc = repo_signature(&sig, p.repo, 1);
	capture_end();
	ok(rc == -1 && kam_exit_code == 78, "committer: no email is 78");
	unsetenv("GIT_AUTHOR_EMAIL");
	unsetenv("GIT_AUTHOR_DATE");
	git_config_set_string(cfg, "user.email", "kam@example.com");
	git_config_free(cfg);
	kam_err_reset();
}

static void
t_emodified(void)
{
	struct tx tx = TX_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	git_oid other, after;
	int rc;

	kam_err_reset();
	rc = tx_begin(&tx, &p, 0);
	is_int(rc, 0, "tx_begin");
	is_int(tx_read(&tx, "risks.csv", &b), 0, "tx_read from HEAD");
	is_str(b.ptr, "b\n", "tx_read gives HEAD's bytes");
	foreign_commit("other.txt", "foreign\n", &other);
	tx_put(&tx, "risks.csv", "c\n", 2);
	capture_start();
	rc = tx_commit(&tx, "kam: lost race", NULL);
	capture_end();
	tx_release(&tx);
	is_int(rc, -1, "HEAD moved: tx_commit fails");
	is_int(p.retry_requested, 1, "and asks for a retry");
	is_int(kam_exit_code, 0, "without reporting an error");
	is_str(errbuf, "", "nothing printed");
	head_oid(&after);
	ok(git_oid_equal(&after, &other), "the foreign commit stays HEAD");
	is_str(slurp(wt("risks.csv")), "b\n", "work tree untouched");
	ok(index_has("risks.csv", "b\n"), "index untouched");
	ok(!exists(gd("kam/txn")), "no journal left");
	kam_err_reset();
	/* The foreign writer does not update the work tree; do it here. */
	write_file(wt("other.txt"), "foreign\n");
	stage("other.txt");
	is_int(write_one("risks.csv", "c\n", "kam: retried"), 0,
	    "the re-run commits");
	ok(head_has("other.txt", "foreign\n") && head_has("risks.csv", "c\n"),
	    "both changes in HEAD");
	kam_buf_release(&b);
}

/* The journal line kam writes first; git_oid_tostr_s() has one buffer. */
static char *
journal_text(const git_oid *parent, const git_oid *blob)
{
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];

	git_oid_tostr(a, sizeof(a), parent);
	git_oid_tostr(b, sizeof(b), blob);
	return xasprintf("%s\n%s 100644 risks.csv\n", a, b);
}

/* Commit risks.csv = data with libgit2 as kam would and write the journal
 * kam writes before that commit: a kam killed after its commit. */
static void
crash_after_commit(const char *data, git_oid *parent)
{
	git_oid blob = hash(data), c;
	char *j;

	head_oid(parent);
	j = journal_text(parent, &blob);
	mkdir(gd("kam"), 0777);
	write_file(gd("kam/txn"), j);
	free(j);
	foreign_commit("risks.csv", data, &c);
}

static void
t_recovery(void)
{
	struct tx tx = TX_INIT;
	git_oid parent, after, blob;
	struct timespec ts = { 0, 20000000 };
	char *j;
	int rc;

	/* R8: killed between the commit and the rename. */
	crash_after_commit("d\n", &parent);
	write_file(wt(".kam-tmp-99999-0"), "d\n");
	write_file(wt("expenses/.kam-tmp-99999-1"), "x");
	kam_err_reset();
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	is_int(rc, 0, "tx_begin rolls the journal forward");
	is_str(slurp(wt("risks.csv")), "d\n", "work tree file finished");
	ok(index_has("risks.csv", "d\n"), "index entry finished");
	is_int(status_of("risks.csv"), GIT_STATUS_CURRENT, "file is clean");
	ok(!exists(gd("kam/txn")), "journal removed");
	ok(!exists(wt(".kam-tmp-99999-0")) &&
	    !exists(wt("expenses/.kam-tmp-99999-1")), "stray temp files "
	    "removed");

	/* Killed in the index phase, index.lock left behind. */
	crash_after_commit("e\n", &parent);
	write_file(wt("risks.csv"), "e\n");
	nanosleep(&ts, NULL);
	write_file(gd("index.lock"), "");
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	is_int(rc, 0, "index.lock newer than the journal is ours: recovered");
	ok(!exists(gd("index.lock")), "our stale index.lock removed");
	ok(index_has("risks.csv", "e\n") &&
	    status_of("risks.csv") == GIT_STATUS_CURRENT, "index finished");

	/* Killed before the commit: HEAD is still the parent. */
	head_oid(&parent);
	blob = hash("never\n");
	j = journal_text(&parent, &blob);
	write_file(gd("kam/txn"), j);
	free(j);
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	head_oid(&after);
	ok(rc == 0 && git_oid_equal(&parent, &after), "journal of a commit "
	    "that never landed: dropped");
	ok(!exists(gd("kam/txn")), "journal removed");
	is_str(slurp(wt("risks.csv")), "e\n", "work tree untouched");

	/* A journal that is not one. */
	write_file(gd("kam/txn"), "garbage\n");
	kam_err_reset();
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	ok(rc == -1 && kam_exit_code == 78, "unreadable journal refused");
	unlink(gd("kam/txn"));
	kam_err_reset();
}

/* A directory in the way is refused before committing. */
static void
t_in_the_way(void)
{
	git_oid before, after;
	int rc;

	mkdir(wt("blocked.csv"), 0777);
	write_file(wt("blocked.csv/inner"), "x\n");
	write_file(wt("plain"), "x\n");
	head_oid(&before);
	kam_err_reset();
	capture_start();
	rc = write_one("blocked.csv", "b\n", "kam: blocked");
	capture_end();
	ok(rc == -1 && kam_exit_code == 78, "directory where the file goes: "
	    "78");
	kam_err_reset();
	capture_start();
	rc = write_one("plain/x.csv", "b\n", "kam: blocked");
	capture_end();
	ok(rc == -1 && kam_exit_code == 78, "file where a directory goes: 78");
	head_oid(&after);
	ok(git_oid_equal(&before, &after), "no commit made");
	unlink(wt("blocked.csv/inner"));
	rmdir(wt("blocked.csv"));
	unlink(wt("plain"));
	kam_err_reset();
}

/* A failure after the commit (here EFBIG from RLIMIT_FSIZE on the work
 * tree file): exit 0, since the commit exists; the journal is kept and
 * the next transaction finishes the work tree. */
static void
t_after_commit_failure(void)
{
	struct tx tx = TX_INIT;
	struct rlimit old, lim;
	struct stat st;
	char *big;
	int rc;

	big = xmalloc(65537);
	memset(big, 'a', 65536);
	big[65536] = '\0';
	getrlimit(RLIMIT_FSIZE, &old);
	lim = old;
	lim.rlim_cur = 16384;
	signal(SIGXFSZ, SIG_IGN);
	kam_err_reset();
	capture_start();
	setrlimit(RLIMIT_FSIZE, &lim);
	rc = write_one("big.csv", big, "kam: big");
	setrlimit(RLIMIT_FSIZE, &old);
	capture_end();
	signal(SIGXFSZ, SIG_DFL);
	is_int(rc, 0, "work tree failure after the commit still gives 0");
	is_int(kam_exit_code, 0, "and no failure is recorded");
	ok(strstr(errbuf, "cannot write 'big.csv'") != NULL &&
	    strstr(errbuf, "the next kam command will finish it") != NULL,
	    "it is reported as a warning");
	ok(head_has("big.csv", big), "the commit exists");
	ok(exists(gd("kam/txn")), "the journal is kept");
	ok(!exists(wt("big.csv")), "no partial file");
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	tx_release(&tx);
	is_int(rc, 0, "the next tx_begin recovers");
	ok(stat(wt("big.csv"), &st) == 0 && st.st_size == 65536,
	    "and writes the file");
	ok(index_has("big.csv", big) &&
	    status_of("big.csv") == GIT_STATUS_CURRENT, "and the index");
	ok(!exists(gd("kam/txn")), "journal removed");
	kam_err_reset();
	free(big);
}

static void
t_locks(void)
{
	struct tx tx = TX_INIT;
	struct timespec t0, t1;
	git_oid before, after;
	char pidbuf[32], want[64];
	long ms;
	int fd, rc;

	/* R10: kam.lock held by another kam. */
	fd = open(gd("kam.lock"), O_RDWR | O_CREAT, 0666);
	flock(fd, LOCK_EX);
	(void)!ftruncate(fd, 0);
	/* a live pid: kam names the holder only while it exists */
	snprintf(pidbuf, sizeof(pidbuf), "%ld\n", (long)getpid());
	(void)!write(fd, pidbuf, strlen(pidbuf));
	setenv("KAM_LOCK_TIMEOUT", "0.3", 1);
	kam_err_reset();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	capture_start();
	rc = tx_begin(&tx, &p, 0);
	capture_end();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	tx_release(&tx);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	ok(rc == -1 && kam_exit_code == 75, "held kam.lock gives 75");
	ok(ms >= 280 && ms < 2000, "after waiting about the timeout (%ld ms)",
	    ms);
	snprintf(want, sizeof(want), "another kam (pid %ld) holds",
	    (long)getpid());
	ok(strstr(errbuf, want) != NULL &&
	    strstr(errbuf, "gave up after 0.3 s") != NULL,
	    "message names the holder pid and the wait");
	close(fd);
	kam_err_reset();
	rc = tx_begin(&tx, &p, 0);
	tx_release(&tx);
	is_int(rc, 0, "released lock is taken");

	/* R7: a foreign index.lock is waited for and never removed. */
	write_file(gd("index.lock"), "");
	head_oid(&before);
	capture_start();
	rc = write_one("risks.csv", "f\n", "kam: locked");
	capture_end();
	head_oid(&after);
	ok(rc == -1 && kam_exit_code == 75, "foreign index.lock gives 75");
	ok(strstr(errbuf, "index.lock' exists (age ") != NULL,
	    "message names the lock and its age");
	ok(git_oid_equal(&before, &after), "no commit made");
	ok(exists(gd("index.lock")), "foreign lock not removed");
	unlink(gd("index.lock"));
	kam_err_reset();
	unsetenv("KAM_LOCK_TIMEOUT");
}

static void
t_no_commit(void)
{
	struct tx tx = TX_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	git_oid before, after;
	char **names = NULL;
	int rc, n, i;

	head_oid(&before);
	write_file(wt("risks.csv"), "wip\n");
	rc = tx_begin(&tx, &p, 1);
	is_int(rc, 0, "tx_begin --no-commit");
	is_int(tx_read(&tx, "risks.csv", &b), 0, "--no-commit reads");
	is_str(b.ptr, "wip\n", "the work tree file");
	tx_put(&tx, "risks.csv", "wip2\n", 5);
	tx_put(&tx, "expenses/2026-12.csv", "e2\n", 3);
	is_int(tx_commit(&tx, "kam: nc", NULL), 0, "--no-commit writes");
	n = tx_list(&tx, "expenses", &names);
	is_int(n, 2, "tx_list --no-commit sees the new file");
	if (n == 2)
		is_str(names[1], "expenses/2026-12.csv", "sorted");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	tx_release(&tx);
	head_oid(&after);
	ok(git_oid_equal(&before, &after), "--no-commit makes no commit");
	is_str(slurp(wt("risks.csv")), "wip2\n", "file written");
	is_str(slurp(wt("expenses/2026-12.csv")), "e2\n", "new file written");
	ok(index_has("risks.csv", "e\n"), "index untouched");

	tx_begin(&tx, &p, 1);
	tx_put(&tx, "risks.csv", "wip2\n", 5);
	is_int(tx_commit(&tx, "kam: nc", NULL), 1, "--no-commit, same bytes: 1");
	tx_release(&tx);

	/* HEAD mode lists HEAD's tree, not the work tree. */
	tx_begin(&tx, &p, 0);
	n = tx_list(&tx, "expenses", &names);
	is_int(n, 1, "tx_list lists HEAD's entries");
	if (n == 1)
		is_str(names[0], "expenses/2026-11.csv", "project-relative");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	is_int(tx_list(&tx, "nope", &names), 0, "missing directory: 0");
	tx_release(&tx);
	kam_buf_release(&b);
	write_file(wt("risks.csv"), "e\n");
	unlink(wt("expenses/2026-12.csv"));
}

static void
t_prefix(void)
{
	struct tx tx = TX_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	char *root = p.root, *prefix = p.prefix;
	int rc;

	p.root = xasprintf("%spm/", p.workdir);
	p.prefix = "pm/";
	rc = write_one("risks.csv", "pm\n", "kam: pm");
	is_int(rc, 0, "commit in a project subfolder");
	ok(head_has("pm/risks.csv", "pm\n") && head_has("risks.csv", "e\n"),
	    "prefix added to the path");
	tx_begin(&tx, &p, 0);
	is_int(tx_read(&tx, "risks.csv", &b), 0, "tx_read with a prefix");
	is_str(b.ptr, "pm\n", "reads pm/risks.csv");
	tx_release(&tx);
	free(p.root);
	p.root = root;
	p.prefix = prefix;
	kam_buf_release(&b);
}

/* A month file opened for a new row (budget.h month_open): the table as
 * HEAD has it, its next id above every month's. */
static void
t_month_open(void)
{
	struct table t = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	int32_t oct, dec;
	int rc;

	date_parse("2026-10-14", &oct, NULL);
	date_parse("2026-12-01", &dec, NULL);
	rc = write_one("timesheets/2026-10.csv", "id,date,person,task,hours,"
	    "note\nW-1,2026-10-13,P-1,T-1,8,\nW-2,2026-10-14,P-1,T-1,4,\n",
	    "kam: test october");
	rc |= write_one("timesheets/2026-11.csv", "id,date,person,task,hours,"
	    "note\nW-7,2026-11-02,P-1,T-1,2,\n", "kam: test november");
	is_int(rc, 0, "month_open: two month files committed");
	ok(tx_begin(&tx, &p, 0) == 0 && month_open(&tx, &schema_timesheets, 2,
	    oct, &t) == 0, "month_open of a month with a file");
	is_int(t.nrows, 2, "month_open: the month's rows");
	r = table_add(&t);
	is_str(table_get(&t, r, TIME_ID), "W-8", "month_open: the next id is "
	    "above every month's");
	table_release(&t);
	tx_release(&tx);
	t = (struct table)TABLE_INIT;
	tx = (struct tx)TX_INIT;
	ok(tx_begin(&tx, &p, 0) == 0 && month_open(&tx, &schema_timesheets, 2,
	    dec, &t) == 0, "month_open of a month without a file");
	is_int(t.nrows, 0, "month_open: a new month is empty");
	is_str(t.path, "timesheets/2026-12.csv", "month_open: the month's "
	    "path");
	r = table_add(&t);
	is_str(table_get(&t, r, TIME_ID), "W-8", "month_open: the next id in "
	    "a new month");
	table_release(&t);
	tx_release(&tx);
	t = (struct table)TABLE_INIT;
	tx = (struct tx)TX_INIT;
	rc = write_one("timesheets/2026-11.csv", "id,date,person,task,hours,"
	    "note\nW-999999999,2026-11-02,P-1,T-1,2,\n", "kam: test full");
	is_int(rc, 0, "month_open: the highest id committed");
	capture_start();
	rc = tx_begin(&tx, &p, 0) == 0 ? month_open(&tx, &schema_timesheets,
	    2, oct, &t) : -2;
	capture_end();
	is_int(rc, -1, "month_open: ids exhausted");
	ok(strstr(errbuf, "time booking ids are exhausted (W-999999999)") !=
	    NULL, "month_open: the message names the table's ids (%s)",
	    errbuf);
	table_release(&t);
	tx_release(&tx);
	kam_err_reset();
}

int
main(void)
{
	git_config *cfg = NULL;
	char *home;

	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	/* No global config and no identity from the environment. */
	home = xasprintf("%s/home", tmpdir);
	mkdir(home, 0777);
	setenv("HOME", home, 1);
	setenv("XDG_CONFIG_HOME", home, 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	unsetenv("GIT_AUTHOR_NAME");
	unsetenv("GIT_AUTHOR_EMAIL");
	unsetenv("GIT_AUTHOR_DATE");
	unsetenv("GIT_COMMITTER_NAME");
	unsetenv("GIT_COMMITTER_EMAIL");
	unsetenv("GIT_COMMITTER_DATE");
	unsetenv("KAM_LOCK_TIMEOUT");
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, home);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, home);

	{
		git_repository_init_options o;
		char *wd = xasprintf("%s/repo", tmpdir);

		git_repository_init_options_init(&o,
		    GIT_REPOSITORY_INIT_OPTIONS_VERSION);

		o.flags = GIT_REPOSITORY_INIT_MKPATH;
		o.initial_head = "main";
		if (git_repository_init_ext(&p.repo, wd, &o) < 0) {
			fprintf(stderr, "init: %s\n", git_error_last()->message);
			return 2;
		}
		free(wd);
	}
	git_repository_config(&cfg, p.repo);
	git_config_set_string(cfg, "user.name", "Kam Tester");
	git_config_set_string(cfg, "user.email", "kam@example.com");
	git_config_free(cfg);
	p.workdir = xstrdup(git_repository_workdir(p.repo));
	p.root = p.workdir;
	p.prefix = "";
	gitdir = xstrdup(git_repository_path(p.repo));

	t_first_commit();
	t_other_changes_kept();
	t_nothing_changed();
	t_dirty_refused();
	t_states_refused();
	t_identity();
	t_emodified();
	t_recovery();
	t_in_the_way();
	t_after_commit_failure();
	t_locks();
	t_no_commit();
	t_prefix();
	t_month_open();

	git_repository_free(p.repo);
	git_libgit2_shutdown();
	free(p.workdir);
	free(gitdir);
	free(home);
	nftw(tmpdir, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	return done_testing();
}
