/*
 * hooks.c: the repository's commit hooks and commit.gpgsign (hooks.h).
 *
 * Hooks are programs of the repository's owner, not git: kam runs them
 * itself (fork and exec, no shell), as git's run-command does.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hooks.h"
#include "kam.h"

int
hook_check_signing(git_repository *repo)
{
	git_config *cfg = NULL;
	int on = 0, rc;

	if ((rc = git_repository_config_snapshot(&cfg, repo)) < 0)
		return kam_giterr(rc, "cannot read the git configuration");
	rc = git_config_get_bool(&on, cfg, "commit.gpgsign");
	git_config_free(cfg);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return kam_giterr(rc, "commit.gpgsign");
	if (rc == 0 && on)
		return kam_err(KAM_EX_STATE, "commit.gpgsign is set and kam "
		    "cannot sign commits: write with --no-commit and commit "
		    "with 'git commit -S', or set commit.gpgsign to false "
		    "for this repository");
	return 0;
}

/* The hook `name` as git finds it, when it exists and is executable;
 * NULL otherwise (or after an error, with *err set). */
static char *
hook_find(git_repository *repo, const char *name, int *err)
{
	git_config *cfg = NULL;
	git_buf dir = GIT_BUF_INIT;
	const char *wd = git_repository_workdir(repo);
	struct stat st;
	char *path;
	int rc;

	*err = 0;
	if ((rc = git_repository_config_snapshot(&cfg, repo)) < 0) {
		*err = kam_giterr(rc, "cannot read the git configuration");
		return NULL;
	}
	rc = git_config_get_path(&dir, cfg, "core.hooksPath");
	git_config_free(cfg);
	if (rc == 0 && dir.ptr[0] != '\0')
		path = dir.ptr[0] == '/' || wd == NULL ?
		    xasprintf("%s/%s", dir.ptr, name) :
		    xasprintf("%s%s/%s", wd, dir.ptr, name);
	else if (rc < 0 && rc != GIT_ENOTFOUND) {
		git_buf_dispose(&dir);
		*err = kam_giterr(rc, "core.hooksPath");
		return NULL;
	} else
		path = xasprintf("%shooks/%s",
		    git_repository_commondir(repo), name);
	git_buf_dispose(&dir);
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    access(path, X_OK) == -1) {
		free(path);
		return NULL;
	}
	return path;
}

/* Run hook `path` with one argument (or none) and GIT_INDEX_FILE=index
 * (unless NULL).  Returns 0 when it exited 0, else -1 (78). */
static int
hook_run(git_repository *repo, const char *name, const char *path,
    const char *arg, const char *index)
{
	const char *wd = git_repository_workdir(repo);
	sigset_t none;
	pid_t pid, w;
	int status, fd;

	fflush(NULL);
	if ((pid = fork()) == -1)
		return kam_errno(errno, "cannot run the %s hook", name);
	if (pid == 0) {
		/* The write protocol blocks signals; the hook gets none. */
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if ((fd = open("/dev/null", O_RDONLY)) != -1) {
			dup2(fd, 0);
			if (fd != 0)
				close(fd);
		}
		dup2(2, 1);
		if (index != NULL)
			setenv("GIT_INDEX_FILE", index, 1);
		if (wd != NULL && chdir(wd) == -1)
			_exit(126);
		execl(path, path, arg, (char *)NULL);
		_exit(errno == ENOENT ? 127 : 126);
	}
	while ((w = waitpid(pid, &status, 0)) == -1 && errno == EINTR)
		;
	if (w == -1)
		return kam_errno(errno, "cannot wait for the %s hook", name);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFSIGNALED(status))
		return kam_err(KAM_EX_STATE, "the %s hook was killed by signal "
		    "%d; nothing was committed", name, WTERMSIG(status));
	return kam_err(KAM_EX_STATE, "the %s hook refused the commit (exit "
	    "%d); nothing was committed (--no-verify skips the hooks)", name,
	    WEXITSTATUS(status));
}

int
hook_pre_commit(git_repository *repo, git_tree *tree)
{
	git_index *idx = NULL;
	char *hook, *path;
	int err, rc, ret = -1;

	if ((hook = hook_find(repo, "pre-commit", &err)) == NULL)
		return err;
	path = xasprintf("%skam-hook-index.%ld", git_repository_path(repo),
	    (long)getpid());
	unlink(path);
	if ((rc = git_index_open(&idx, path)) < 0 ||
	    (rc = git_index_read_tree(idx, tree)) < 0 ||
	    (rc = git_index_write(idx)) < 0) {
		kam_giterr(rc, "cannot make the index of the pre-commit hook");
		goto out;
	}
	ret = hook_run(repo, "pre-commit", hook, NULL, path);
out:
	git_index_free(idx);
	unlink(path);
	free(path);
	free(hook);
	return ret;
}

int
hook_commit_msg(git_repository *repo, char **msg)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *p;
	char *hook, *path;
	size_t len = strlen(*msg);
	int err, fd, ret = -1;
	ssize_t n;

	if ((hook = hook_find(repo, "commit-msg", &err)) == NULL)
		return err;
	path = xasprintf("%sCOMMIT_EDITMSG", git_repository_path(repo));
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW,
	    0666);
	if (fd == -1) {
		kam_errno(errno, "cannot write %s", path);
		goto out;
	}
	for (p = *msg; len > 0; p += n, len -= (size_t)n)
		if ((n = write(fd, p, len)) <= 0) {
			if (n == -1 && errno == EINTR) {
				n = 0;
				continue;
			}
			break;
		}
	if (close(fd) == -1 || len > 0) {
		kam_errno(errno, "cannot write %s", path);
		goto out;
	}
	if (hook_run(repo, "commit-msg", hook, path, NULL) == -1 ||
	    kam_read_file(&b, path) != 0)
		goto out;
	if (b.len == 0 || memchr(b.ptr, '\0', b.len) != NULL) {
		kam_err(KAM_EX_STATE, "the commit-msg hook left an empty or "
		    "binary message; nothing was committed");
		goto out;
	}
	free(*msg);
	*msg = kam_buf_detach(&b);
	ret = 0;
out:
	kam_buf_release(&b);
	free(path);
	free(hook);
	return ret;
}
