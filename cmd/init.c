/*
 * init.c: kam init — create kam.conf, the tables, .gitattributes for the
 * merge driver, and the first commit (git init first when needed); the
 * work is lib/init's.
 */
#include <getopt.h>
#include <stdlib.h>

#include "cmd.h"
#include "../lib/init.h"

static const char init_usage[] =
    "kam init [--name name] [--client client] [--currency code] "
    "[--start date] [--force] [--merge-driver]";

static int
init_run(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "client", required_argument, NULL, 'c' },
		{ "currency", required_argument, NULL, 'u' },
		{ "start", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "merge-driver", no_argument, NULL, 'M' },
		{ NULL, 0, NULL, 0 }
	};
	struct init_opts o = INIT_OPTS_INIT;
	char *root = NULL, *name = NULL;
	int ch, err = 0, driver_only = 0;

	while ((ch = kam_getopt(argc, argv, "", opts, init_usage, &err)) != -1)
		switch (ch) {
		case 'n': o.name = optarg; break;
		case 'c': o.client = optarg; break;
		case 'u': o.currency = optarg; break;
		case 's': o.start = optarg; break;
		case 'f': o.force = 1; break;
		case 'M': driver_only = 1; break;
		}
	if (err || optind != argc)
		return err ? -1 : kam_usage(init_usage);
	if (init_check(&o) == -1)
		return -1;
	if (driver_only)
		return kam_open_project(k) == -1 ||
		    init_merge_driver(k->p.repo) == -1 ? -1 : 0;
	o.dir = k->dir;
	o.today = k->today;
	o.no_commit = k->no_commit;
	o.msg = k->msg;
	if (init_project(&o, &root, &name, &k->p) == -1)
		return -1;
	printf("initialized kam project '%s' in %s\n", name, root);
	free(root);
	free(name);
	return 0;
}
const struct verb init_verbs[] = {
	{ "", init_run, WRITES, init_usage,
	    "--name= --client= --currency= --start= --force --merge-driver",
	    "create a kam project" },
};
const size_t init_nverbs = ARRAY_SIZE(init_verbs);
