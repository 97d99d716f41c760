/*
 * init.c: kam init — create kam.conf, the tables, .gitattributes for the
 * merge driver, and the first commit (git init first when needed).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "cmd.h"
#include "../lib/repo.h"
#include "../lib/schema.h"
#include "../lib/table.h"
#include "../lib/value.h"

static const char init_usage[] =
    "kam init [--name name] [--client client] [--currency code] "
    "[--start date] [--merge-driver]";

#define ATTR_LINES "*.csv merge=kam\nexpenses/*.csv merge=kam\n"

/* The repository's merge.kam driver (config is not cloned, so clones run
 * `kam init --merge-driver`). */
static int
set_merge_driver(git_repository *repo)
{
	git_config *cfg = NULL;
	int rc, ret = -1;

	if ((rc = git_repository_config(&cfg, repo)) < 0 ||
	    (rc = git_config_set_string(cfg, "merge.kam.name",
	    "kam record-level merge")) < 0 ||
	    (rc = git_config_set_string(cfg, "merge.kam.driver",
	    "kam merge-file %O %A %B %P")) < 0) {
		kam_giterr(rc, "cannot set the merge driver in the repository "
		    "config");
		goto out;
	}
	ret = 0;
out:
	git_config_free(cfg);
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

static int
init_run(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "client", required_argument, NULL, 'c' },
		{ "currency", required_argument, NULL, 'u' },
		{ "start", required_argument, NULL, 's' },
		{ "merge-driver", no_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *client = NULL, *currency = "CNY",
	    *start = NULL, *why, *wd;
	char path[PATH_MAX], today[11], *conf = NULL, *base;
	struct project p = PROJECT_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf b = KAM_BUF_INIT, attr = KAM_BUF_INIT;
	struct table t = TABLE_INIT;
	struct stat st;
	int ch, err = 0, driver_only = 0, rc, ret = -1;
	int32_t d;
	size_t i;

	while ((ch = kam_getopt(argc, argv, "", opts, init_usage, &err)) != -1)
		switch (ch) {
		case 'n': name = optarg; break;
		case 'c': client = optarg; break;
		case 'u': currency = optarg; break;
		case 's': start = optarg; break;
		case 'M': driver_only = 1; break;
		}
	if (err || optind != argc)
		return err ? -1 : kam_usage(init_usage);
	if (start != NULL && date_parse(start, &d, &why) == -1)
		return kam_err(KAM_EX_USAGE, "--start: invalid date '%s': %s",
		    start, why);
	if ((name && conf_safe("--name", name)) ||
	    (client && conf_safe("--client", client)) ||
	    conf_safe("--currency", currency))
		return -1;

	if (driver_only) {
		if (kam_open_project(k) == -1 ||
		    set_merge_driver(k->p.repo) == -1)
			return -1;
		return 0;
	}
	if (k->dir != NULL && mkdir(k->dir, 0777) == -1 && errno != EEXIST)
		return kam_errno(errno, "cannot create '%s'", k->dir);
	if (realpath(k->dir != NULL ? k->dir : ".", path) == NULL)
		return kam_errno(errno, "cannot use directory '%s'",
		    k->dir != NULL ? k->dir : ".");
	conf = xasprintf("%s/kam.conf", path);
	if (lstat(conf, &st) == 0) {
		kam_err(KAM_EX_STATE, "'%s' already exists: this is a kam "
		    "project", conf);
		goto out;
	}
	/* As git: never search above GIT_CEILING_DIRECTORIES. */
	rc = git_repository_open_ext(&p.repo, path, 0,
	    getenv("GIT_CEILING_DIRECTORIES"));
	if (rc == GIT_ENOTFOUND)
		rc = git_repository_init(&p.repo, path, 0);
	if (rc < 0) {
		kam_giterr(rc, "cannot open or create a repository at '%s'", path);
		goto out;
	}
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
		const char *env = getenv("KAM_TODAY");

		if (k->today_arg != NULL)
			env = k->today_arg;
		if (env != NULL && *env != '\0' && date_parse(env, &d, NULL) == 0)
			start = date_fmt(d, today);
		else {
			time_t now = time(NULL);
			struct tm tm;

			localtime_r(&now, &tm);
			start = date_fmt(date_from_ymd(tm.tm_year + 1900,
			    tm.tm_mon + 1, tm.tm_mday), today);
		}
	}
	if (tx_begin(&tx, &p, k->no_commit) == -1)
		goto out;
	conf_text(&b, name, client, currency, start);
	tx_put(&tx, "kam.conf", b.ptr, b.len);
	for (i = 0; i < kam_nschemas; i++) {
		if (kam_schemas[i]->monthly)
			continue;
		table_init(&t, kam_schemas[i], kam_schemas[i]->file, 2);
		table_serialize(&t, &b);
		tx_put(&tx, kam_schemas[i]->file, b.ptr, b.len);
		table_release(&t);
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
	if (set_merge_driver(p.repo) == -1)
		goto out;
	{
		char *subject = kam_subject("init", NULL, name);

		rc = tx_commit(&tx, subject, k->msg);
		free(subject);
	}
	if (rc == -1)
		goto out;
	printf("initialized kam project '%s' in %s\n", name, p.root);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&t);
	kam_buf_release(&b);
	kam_buf_release(&attr);
	project_release(&p);
	free(conf);
	return ret;
}

const struct verb init_verbs[] = {
	{ "", init_run, WRITES, init_usage,
	    "--name= --client= --currency= --start= --merge-driver",
	    "create a kam project" },
};
const size_t init_nverbs = ARRAY_SIZE(init_verbs);
