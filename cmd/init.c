/*
 * init.c: kam init — create kam.conf, the tables, .gitattributes for the
 * merge driver, and the first commit (git init first when needed); the
 * work is lib/init's.
 */
#include <stdlib.h>

#include "cmd.h"
#include "../lib/init.h"

/* The options, parsed by lib/parseopt.c, mostly into lib/init's struct
 * (which checks their values: init_check). */
struct opts {
	struct init_opts init;
	int		 driver_only;
};
#define INIT_OPTS(O)							\
	O(CMD, "kam init")						\
	O(STR, OPT, "", "name", init.name, "name", "the project's name") \
	O(STR, OPT, "", "client", init.client, "client", "the client")	\
	O(STR, OPT, "", "currency", init.currency, "code", "ISO 4217 code") \
	O(STR, OPT, "", "start", init.start, "date", "the project's start") \
	O(FLAG, OPT, "", "force", init.force, "replace kam files")	\
	O(FLAG, OPT, "", "merge-driver", driver_only,			\
	    "only register the merge driver")

KAM_VERB(init_cmd, "", WRITES, "create a kam project", INIT_OPTS,
    { .init = INIT_OPTS_INIT })
{
	const struct opts *opt = k->opts;
	struct init_opts o;
	char *root = NULL, *name = NULL;

	if (init_check(&opt->init) == -1)
		return -1;
	o = opt->init;
	if (opt->driver_only)
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
const struct verb *const init_verbs[] = {
	&init_cmd_verb, NULL
};
