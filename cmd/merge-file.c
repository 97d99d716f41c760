/*
 * merge-file.c: kam merge-file — git's merge driver for kam tables
 * (SPEC §3, §6).  `kam init` registers it:
 *
 *   .gitattributes     *.csv merge=kam
 *   .git/config        [merge "kam"] driver = kam merge-file %O %A %B %P
 *
 * git runs it from the top of the work tree with three temporary files
 * (the common ancestor's version, ours, theirs) and the path; the result
 * goes into OURS, and a non-zero exit tells git the file has conflicts.
 * Files that are not kam tables, or versions that are not valid kam data,
 * get git's own line merge (libgit2's git_merge_file) so that the driver
 * never makes a merge worse than git would.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <git2.h>

#include "cmd.h"
#include "../lib/merge.h"
#include "../lib/schema.h"

static const char merge_usage[] = "kam merge-file base ours theirs [path]";

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

static int
merge_file_run(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	struct kam_buf b = KAM_BUF_INIT, o = KAM_BUF_INIT, t = KAM_BUF_INIT;
	struct merge_result res = MERGE_RESULT_INIT;
	struct project p = PROJECT_INIT;
	const struct schema *s = NULL;
	const char *path, *why = NULL;
	char *dir = NULL, *conf = NULL;
	struct stat st;
	size_t i;
	int err = 0, digits = 2, ret = -1;

	(void)k;
	if (kam_getopt(argc, argv, "", none, merge_usage, &err) != -1 || err)
		return -1;
	if (argc - optind != 3 && argc - optind != 4)
		return kam_usage(merge_usage);
	path = argc - optind == 4 ? argv[optind + 3] : argv[optind + 1];
	if (read_arg(argv[optind], &b) == -1 ||
	    read_arg(argv[optind + 1], &o) == -1 ||
	    read_arg(argv[optind + 2], &t) == -1)
		goto out;
	if (argc - optind == 4)
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
		ret = line_merge(argv[optind + 1], path, &b, &o, &t);
		goto out;
	}
	if (merge_tables(&res, s, path, digits, b.ptr, b.len, o.ptr, o.len,
	    t.ptr, t.len, &why) == -1) {
		kam_warn("%s: %s; merging it line by line as git does (check "
		    "it with 'kam check')", path, why);
		ret = line_merge(argv[optind + 1], path, &b, &o, &t);
		goto out;
	}
	for (i = 0; i < res.nconflicts; i++)
		fprintf(stderr, "kam: %s: conflict in %s: %s\n", path,
		    res.conflicts[i].id, res.conflicts[i].why);
	if (merge_write_file(argv[optind + 1], res.out.ptr, res.out.len) == -1)
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

const struct verb merge_file_verbs[] = {
	{ "", merge_file_run, 0, merge_usage, "",
	    "git merge driver for kam tables" },
};
const size_t merge_file_nverbs = ARRAY_SIZE(merge_file_verbs);
