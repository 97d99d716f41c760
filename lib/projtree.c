/*
 * projtree.c: a project read from a commit's tree rather than a work tree
 * (project.h), for kam portfolio: the blobs of kam.conf and the tables,
 * so bare repositories work and uncommitted edits never show.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "kam.h"
#include "project.h"
#include "value.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
project_tree_read(const struct project *p, const char *file,
    struct kam_buf *b)
{
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	git_object_size_t n;
	int rc, ret = -1;

	kam_buf_reset(b);
	if ((rc = git_tree_entry_bypath(&e, p->tree, file)) == GIT_ENOTFOUND)
		return 1;
	if (rc < 0)
		return kam_giterr(rc, "cannot read '%s'", file);
	if (git_tree_entry_filemode(e) == GIT_FILEMODE_LINK) {
		kam_err(KAM_EX_STATE, "refusing to follow symlink '%s'", file);
		goto out;
	}
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB) {
		kam_err(KAM_EX_DATA, "'%s' is not a regular file", file);
		goto out;
	}
	if ((rc = git_blob_lookup(&blob, git_tree_owner(p->tree),
	    git_tree_entry_id(e))) < 0) {
		kam_giterr(rc, "cannot read '%s'", file);
		goto out;
	}
	n = git_blob_rawsize(blob);
	if (n > (git_object_size_t)KAM_MAX_FILE) {
		kam_err(KAM_EX_DATA, "%s: file too large (%llu bytes; the limit "
		    "is %ld MiB)", file, (unsigned long long)n,
		    KAM_MAX_FILE >> 20);
		goto out;
	}
	kam_buf_add(b, git_blob_rawcontent(blob), (size_t)n);
	ret = 0;
out:
	git_blob_free(blob);
	git_tree_entry_free(e);
	return ret;
}

int
project_tree_names(const struct project *p, const char *dir, char ***names)
{
	git_tree_entry *e = NULL;
	git_tree *sub = NULL;
	const git_tree_entry *te;
	size_t i, n = 0, cnt;
	int rc, ret = -1;

	*names = NULL;
	if ((rc = git_tree_entry_bypath(&e, p->tree, dir)) == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return kam_giterr(rc, "cannot read '%s'", dir);
	if (git_tree_entry_type(e) != GIT_OBJECT_TREE) {
		ret = 0;
		goto out;
	}
	if ((rc = git_tree_lookup(&sub, git_tree_owner(p->tree),
	    git_tree_entry_id(e))) < 0) {
		kam_giterr(rc, "cannot read '%s'", dir);
		goto out;
	}
	cnt = git_tree_entrycount(sub);
	for (i = 0; i < cnt; i++) {
		te = git_tree_entry_byindex(sub, i);
		if (git_tree_entry_type(te) != GIT_OBJECT_BLOB ||
		    git_tree_entry_filemode(te) == GIT_FILEMODE_LINK)
			continue;
		*names = xrealloc(*names, (n + 1) * sizeof(**names));
		(*names)[n++] = xstrdup(git_tree_entry_name(te));
	}
	if (n > 1)
		qsort(*names, n, sizeof(**names), cmp_str);
	ret = (int)n;
out:
	git_tree_free(sub);
	git_tree_entry_free(e);
	return ret;
}

int
project_today(int32_t *today)
{
	const char *env = getenv("KAM_TODAY"), *why;
	time_t now = time(NULL);
	struct tm tm;

	if (env != NULL && *env != '\0') {
		if (date_parse(env, today, &why) == -1)
			return kam_err(KAM_EX_USAGE, "KAM_TODAY: invalid date "
			    "'%s': %s", env, why);
		return 0;
	}
	localtime_r(&now, &tm);
	*today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

/*
 * libgit2 1.5 reads configuration only from files: kam.conf's blob goes
 * to a private temporary file for project_read_conf(), and a message that
 * names that file is reported as kam.conf.
 */
struct conf_msg {
	const char	*tmp;
	kam_msg_fn	 fn;
	void		*arg;
};

static void
conf_msg(void *arg, int code, const char *msg)
{
	struct conf_msg *cm = arg;
	struct kam_buf b = KAM_BUF_INIT;
	size_t n = strlen(cm->tmp);
	const char *q;

	while ((q = strstr(msg, cm->tmp)) != NULL) {
		kam_buf_add(&b, msg, (size_t)(q - msg));
		kam_buf_puts(&b, "kam.conf");
		msg = q + n;
	}
	kam_buf_puts(&b, msg);
	/* Report it again through the capture that was in force. */
	kam_msg_capture(cm->fn, cm->arg);
	if (code == 0)
		kam_warn("%s", b.ptr);
	else
		kam_err(code, "%s", b.ptr);
	kam_msg_capture(conf_msg, cm);
	kam_buf_release(&b);
}

int
project_open_tree(struct project *p, git_tree *tree)
{
	struct kam_buf b = KAM_BUF_INIT;
	struct conf_msg cm;
	const char *dir = getenv("TMPDIR");
	char *tmp = NULL;
	size_t off;
	ssize_t w;
	int fd = -1, rc, ret = -1;

	p->tree = tree;
	if ((rc = project_tree_read(p, "kam.conf", &b)) == 1) {
		kam_err(KAM_EX_NOPROJECT, "not a kam project (no kam.conf)");
		goto out;
	}
	if (rc == -1)
		goto out;
	tmp = xasprintf("%s/kam-conf-XXXXXX", dir != NULL && *dir != '\0' ?
	    dir : "/tmp");
	if ((fd = mkstemp(tmp)) == -1) {
		kam_errno(errno, "cannot create a temporary file in '%s'",
		    dir != NULL && *dir != '\0' ? dir : "/tmp");
		goto out;
	}
	for (off = 0; off < b.len; off += (size_t)w)
		if ((w = write(fd, b.ptr + off, b.len - off)) == -1) {
			if (errno == EINTR) {
				w = 0;
				continue;
			}
			kam_errno(errno, "cannot write '%s'", tmp);
			goto out;
		}
	kam_msg_captured(&cm.fn, &cm.arg);
	cm.tmp = tmp;
	kam_msg_capture(conf_msg, &cm);
	rc = project_read_conf(p, tmp);
	kam_msg_capture(cm.fn, cm.arg);
	if (rc == -1)
		goto out;
	if (p->today == 0 && project_today(&p->today) == -1)
		goto out;
	ret = 0;
out:
	if (fd != -1) {
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	kam_buf_release(&b);
	return ret;
}
