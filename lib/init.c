/*
 * init.c: creating a kam project (init.h).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "init.h"
#include "kam.h"
#include "project.h"
#include "repo.h"
#include "schema.h"
#include "table.h"
#include "value.h"

#define ATTR_LINES "*.csv merge=kam\nexpenses/*.csv merge=kam\n"

#define DRIVER_NAME	"kam record-level merge"
#define DRIVER_CMD	"kam merge-file %O %A %B %P"
#define TMP_INIT	".kam-tmp-init-"

/* Is the repository's merge.kam driver set as kam sets it? */
static int
driver_is_set(git_repository *repo)
{
	git_config *cfg = NULL;
	const char *v;
	int set;

	set = git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&v, cfg, "merge.kam.name") == 0 &&
	    strcmp(v, DRIVER_NAME) == 0 &&
	    git_config_get_string(&v, cfg, "merge.kam.driver") == 0 &&
	    strcmp(v, DRIVER_CMD) == 0;
	git_config_free(cfg);
	return set;
}

int
init_merge_driver(git_repository *repo)
{
	git_config *cfg = NULL;
	int rc, ret = -1;

	if (driver_is_set(repo))
		return 0;
	if ((rc = git_repository_config(&cfg, repo)) < 0 ||
	    (rc = git_config_set_string(cfg, "merge.kam.name",
	    DRIVER_NAME)) < 0 ||
	    (rc = git_config_set_string(cfg, "merge.kam.driver",
	    DRIVER_CMD)) < 0) {
		kam_giterr(rc, "cannot set the merge driver in the repository "
		    "config");
		goto out;
	}
	ret = 0;
out:
	git_config_free(cfg);
	return ret;
}

static int
sync_dir(const char *path)
{
	int fd, ret = 0;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (fsync(fd) == -1 && errno != EINVAL))
		ret = kam_errno(errno, "cannot sync directory '%s'", path);
	if (fd != -1)
		close(fd);
	return ret;
}

/*
 * init_merge_driver under kam.lock, with the write announced in
 * $GIT_DIR/kam/config first.  libgit2 rewrites the config through
 * config.lock, which a kam killed in between would leave behind for good:
 * no run may take away a foreign lock (RELIABILITY K1).  A config.lock
 * not older than a note found here was left by such a kam, and goes.
 */
static int
merge_driver_noted(git_repository *repo)
{
	struct stat nst, lst;
	char *dir, *note, *lock;
	int fd, ret = -1;

	dir = xasprintf("%skam", git_repository_path(repo));
	note = xasprintf("%s/config", dir);
	lock = xasprintf("%sconfig.lock", git_repository_commondir(repo));
	if (lstat(note, &nst) == 0) {
		if (lstat(lock, &lst) == 0 && S_ISREG(lst.st_mode) &&
		    (lst.st_mtim.tv_sec > nst.st_mtim.tv_sec ||
		    (lst.st_mtim.tv_sec == nst.st_mtim.tv_sec &&
		    lst.st_mtim.tv_nsec >= nst.st_mtim.tv_nsec))) {
			if (unlink(lock) == -1 && errno != ENOENT) {
				kam_errno(errno, "cannot remove '%s'", lock);
				goto out;
			}
			kam_warn("removed '%s' left by an interrupted kam init",
			    lock);
		}
		if (unlink(note) == -1 && errno != ENOENT) {
			kam_errno(errno, "cannot remove '%s'", note);
			goto out;
		}
	}
	if (driver_is_set(repo)) {
		ret = 0;
		goto out;
	}
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		kam_errno(errno, "cannot create '%s'", dir);
		goto out;
	}
	if ((fd = open(note, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666))
	    == -1) {
		kam_errno(errno, "cannot create '%s'", note);
		goto out;
	}
	if (fsync(fd) == -1) {
		kam_errno(errno, "cannot write '%s'", note);
		close(fd);
		unlink(note);
		goto out;
	}
	close(fd);
	if (sync_dir(dir) == -1) {
		unlink(note);
		goto out;
	}
	ret = init_merge_driver(repo);
	if (unlink(note) == -1 && errno != ENOENT && ret == 0)
		ret = kam_errno(errno, "cannot remove '%s'", note);
out:
	free(dir);
	free(note);
	free(lock);
	return ret;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static int
sync_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	int fd, rc;

	(void)st;
	(void)ftw;
	if (flag != FTW_F && flag != FTW_DP)
		return 0;
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return kam_errno(errno, "cannot open '%s'", path);
	rc = fsync(fd);
	if (rc == -1 && errno != EINVAL)
		kam_errno(errno, "cannot sync '%s'", path);
	else
		rc = 0;
	close(fd);
	return rc;
}

/*
 * Remove the temporary repositories of kam inits that are gone (killed
 * before they renamed theirs into place or removed the directory).
 */
static void
remove_dead_inits(const char *path)
{
	struct dirent *de;
	const char *q;
	char *tmp;
	long pid;
	DIR *d;

	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, TMP_INIT, strlen(TMP_INIT)) != 0)
			continue;
		pid = 0;
		for (q = de->d_name + strlen(TMP_INIT); *q >= '0' && *q <= '9' &&
		    pid < 100000000; q++)
			pid = pid * 10 + (*q - '0');
		if (*q != '\0' || pid <= 0 || pid == (long)getpid() ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		tmp = xasprintf("%s/%s", path, de->d_name);
		nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(tmp);
	}
	closedir(d);
}

/*
 * A new repository is made in a temporary directory beside its place,
 * with the merge driver in its config, and its .git renamed into place
 * whole: killed inside git_repository_init(), kam would otherwise leave a
 * partial .git holding config.lock or HEAD.lock, which no later run may
 * remove (RELIABILITY K1).  When another kam init was quicker, its
 * repository is used.
 */
static int
init_repository(git_repository **out, const char *path)
{
	git_repository *repo = NULL;
	char *tmp, *from, *to;
	int rc, fd, ret = -1;

	tmp = xasprintf("%s/" TMP_INIT "%ld", path, (long)getpid());
	from = xasprintf("%s/.git", tmp);
	to = xasprintf("%s/.git", path);
	if ((rc = git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1)) < 0 ||
	    (rc = git_repository_init(&repo, tmp, 0)) < 0) {
		kam_giterr(rc, "cannot create a repository at '%s'", path);
		goto out;
	}
	if (init_merge_driver(repo) == -1)
		goto out;
	git_repository_free(repo);
	repo = NULL;
	/* libgit2 does not fsync the config or HEAD; everything is on disk
	 * before the repository appears. */
	if (nftw(from, sync_entry, 16, FTW_DEPTH | FTW_PHYS) != 0)
		goto out;
	if (rename(from, to) == -1 && errno != EEXIST && errno != ENOTEMPTY) {
		kam_errno(errno, "cannot create '%s'", to);
		goto out;
	}
	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1 ||
	    (fsync(fd) == -1 && errno != EINVAL)) {
		kam_errno(errno, "cannot sync directory '%s'", path);
		if (fd != -1)
			close(fd);
		goto out;
	}
	close(fd);
	if ((rc = git_repository_open(out, path)) < 0) {
		kam_giterr(rc, "cannot open the repository at '%s'", path);
		goto out;
	}
	ret = 0;
out:
	git_repository_free(repo);
	nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(tmp);
	free(from);
	free(to);
	return ret;
}

static void
conf_text(struct kam_buf *b, const char *name, const char *client,
    const char *currency, const char *start)
{
	kam_buf_printf(b, "[project]\n\tname = %s\n", name);
	if (client != NULL)
		kam_buf_printf(b, "\tclient = %s\n", client);
	kam_buf_printf(b, "\tcurrency = %s\n\tstart = %s\n", currency, start);
	kam_buf_puts(b, "[calendar]\n\tworkdays = mon tue wed thu fri\n"
	    "[health]\n\tbudget-warn = 90\n\tbudget-overrun = 0\n"
	    "\trisk-critical = 15\n\tcsat-min = 7\n\tcomm-grace = 2\n");
}

/* git-config values: keep them on one line, quote what needs it. */
static int
conf_safe(const char *opt, const char *v)
{
	if (strpbrk(v, "\n\r\"\\;#") != NULL)
		return kam_err(KAM_EX_USAGE, "%s: '%s' may not contain newlines, "
		    "quotes, backslashes, ';' or '#'", opt, v);
	return 0;
}

int
init_check(const struct init_opts *o)
{
	const char *why;
	int32_t d;

	if (o->start != NULL && date_parse(o->start, &d, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--start: invalid date '%s': %s",
		    o->start, why);
	if (strlen(o->currency) != 3 || strspn(o->currency,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3 || !currency_known(o->currency))
		return kam_err(KAM_EX_USAGE, "--currency: '%s' is not an ISO "
		    "4217 code (e.g. CNY, EUR, USD)", o->currency);
	if ((o->name && conf_safe("--name", o->name)) ||
	    (o->client && conf_safe("--client", o->client)) ||
	    conf_safe("--currency", o->currency))
		return -1;
	return 0;
}

/*
 * Queue a file of the new project; when HEAD (the work tree with
 * --no-commit) holds it already with other content, its name goes to
 * *replaced ("kam.conf, risks.csv").  The same content, as after an
 * interrupted kam init, replaces nothing.  0, or -1.
 */
static int
put_new(struct tx *tx, const char *path, const struct kam_buf *data,
    struct kam_buf *replaced)
{
	struct kam_buf old = KAM_BUF_INIT;
	int rc;

	if ((rc = tx_read(tx, path, &old)) == 0 && (old.len != data->len ||
	    memcmp(old.ptr, data->ptr, data->len) != 0))
		kam_buf_printf(replaced, "%s%s", replaced->len > 0 ? ", " : "",
		    path);
	kam_buf_release(&old);
	if (rc == -1)
		return -1;
	tx_put(tx, path, data->ptr, data->len);
	return 0;
}

int
init_project(const struct init_opts *o, char **root, char **pname,
    struct project *caller)
{
	const char *name = o->name, *start = o->start, *wd;
	char path[PATH_MAX], today[11], *conf = NULL, *base;
	struct project p = PROJECT_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf b = KAM_BUF_INIT, attr = KAM_BUF_INIT;
	struct kam_buf replaced = KAM_BUF_INIT, body = KAM_BUF_INIT;
	struct table t = TABLE_INIT;
	struct stat st;
	int rc, ret = -1;
	size_t i;

	if (o->dir != NULL && mkdir(o->dir, 0777) == -1 && errno != EEXIST)
		return kam_errno(errno, "cannot create '%s'", o->dir);
	if (realpath(o->dir != NULL ? o->dir : ".", path) == NULL)
		return kam_errno(errno, "cannot use directory '%s'",
		    o->dir != NULL ? o->dir : ".");
	remove_dead_inits(path);
	conf = xasprintf("%s/kam.conf", path);
	if (lstat(conf, &st) == 0) {
		kam_err(KAM_EX_STATE, "'%s' already exists: this is a kam "
		    "project", conf);
		goto out;
	}
	if (project_config_env(NULL) == -1)
		goto out;
	/* As git: never search above GIT_CEILING_DIRECTORIES. */
	rc = git_repository_open_ext(&p.repo, path, 0,
	    getenv("GIT_CEILING_DIRECTORIES"));
	if (rc == GIT_ENOTFOUND) {
		if (init_repository(&p.repo, path) == -1)
			goto out;
		rc = 0;
	}
	if (rc < 0) {
		kam_giterr(rc, "cannot open or create a repository at '%s'", path);
		goto out;
	}
	if (project_config_env(p.repo) == -1)
		goto out;
	if ((wd = git_repository_workdir(p.repo)) == NULL) {
		kam_err(KAM_EX_STATE, "bare repository has no working tree");
		goto out;
	}
	{
		char w[PATH_MAX];

		if (realpath(wd, w) == NULL) {
			kam_errno(errno, "cannot use directory '%s'", wd);
			goto out;
		}
		p.workdir = xasprintf("%s/", strcmp(w, "/") ? w : "");
	}
	p.root = xasprintf("%s/", path);
	p.prefix = xstrdup(p.root + strlen(p.workdir));

	if (name == NULL) {
		base = strrchr(path, '/');
		name = base != NULL && base[1] != '\0' ? base + 1 : "kam project";
	}
	if (start == NULL) {
		if (o->today != 0)
			start = date_fmt(o->today, today);
		else {
			time_t now = time(NULL);
			struct tm tm;

			localtime_r(&now, &tm);
			start = date_fmt(date_from_ymd(tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday), today);
		}
	}
	if (tx_begin(&tx, &p, o->no_commit) == -1)
		goto out;
	conf_text(&b, name, o->client, o->currency, start);
	if (put_new(&tx, "kam.conf", &b, &replaced) == -1)
		goto out;
	for (i = 0; i < kam_nschemas; i++) {
		if (kam_schemas[i]->monthly)
			continue;
		table_init(&t, kam_schemas[i], kam_schemas[i]->file, 2);
		table_serialize(&t, &b);
		table_release(&t);
		if (put_new(&tx, kam_schemas[i]->file, &b, &replaced) == -1)
			goto out;
	}
	if (replaced.len > 0 && !o->force) {
		kam_err(KAM_EX_STATE, "%s already holds %s in '%s' with other "
		    "content: kam init would replace %s (--force replaces %s)",
		    o->no_commit ? "the work tree" : "HEAD", replaced.ptr,
		    p.root, strchr(replaced.ptr, ',') ? "them" : "it",
		    strchr(replaced.ptr, ',') ? "them" : "it");
		goto out;
	}
	if (replaced.len > 0) {
		kam_buf_printf(&body, "Replaced the tracked %s.", replaced.ptr);
		if (o->msg != NULL)
			kam_buf_printf(&body, "\n\n%s", o->msg);
	}
	rc = tx_read(&tx, ".gitattributes", &attr);
	if (rc == -1)
		goto out;
	if (rc == 1 || strstr(attr.ptr, "merge=kam") == NULL) {
		if (attr.len > 0 && attr.ptr[attr.len - 1] != '\n')
			kam_buf_putc(&attr, '\n');
		kam_buf_puts(&attr, ATTR_LINES);
		tx_put(&tx, ".gitattributes", attr.ptr, attr.len);
	}
	if (merge_driver_noted(p.repo) == -1)
		goto out;
	{
		char *subject = kam_subject("init", NULL, name);

		rc = tx_commit(&tx, subject, body.len > 0 ? body.ptr : o->msg);
		free(subject);
	}
	if (rc == -1)
		goto out;
	*root = xstrdup(p.root);
	*pname = xstrdup(name);
	ret = 0;
out:
	caller->retry_requested = p.retry_requested;
	caller->committed = p.committed;
	tx_release(&tx);
	table_release(&t);
	kam_buf_release(&b);
	kam_buf_release(&attr);
	kam_buf_release(&replaced);
	kam_buf_release(&body);
	project_release(&p);
	free(conf);
	return ret;
}
