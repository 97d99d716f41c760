/*
 * init.h: creating a kam project (kam init) — the repository when there
 * is none, kam.conf, the empty tables, .gitattributes for the merge
 * driver and the first commit.
 *
 *   struct init_opts o = INIT_OPTS_INIT;
 *   o.name = "ACME rollout";
 *   if (init_check(&o) == -1 ||
 *       init_project(&o, &root, &name, &k->p) == -1)
 *           return -1;
 */
#ifndef KAM_INIT_H
#define KAM_INIT_H

#include <stdint.h>

#include <git2.h>

#include "project.h"

struct init_opts {
	const char	*dir;		/* where (created when missing); NULL: . */
	const char	*name;		/* NULL: the directory's name */
	const char	*client;	/* NULL: none */
	const char	*currency;	/* ISO 4217 code */
	const char	*start;		/* YYYY-MM-DD; NULL: today */
	int32_t		 today;		/* --today or KAM_TODAY; 0: the system's */
	int		 no_commit;	/* write the files, do not commit */
	const char	*msg;		/* body of the commit message, or NULL */
	int		 force;		/* replace kam files HEAD tracks */
};
#define INIT_OPTS_INIT { .currency = "CNY" }

/*
 * Check the values of o: --start a date, --currency an ISO 4217 code,
 * --name, --client and --currency fit on one kam.conf line.  0, or -1
 * after reporting a usage error (64).
 */
int	init_check(const struct init_opts *o);

/*
 * Set repo's merge.kam driver as kam sets it (config is not cloned, so
 * clones run `kam init --merge-driver`); the config file is not rewritten
 * when the driver is set already.  0, or -1 after reporting.
 */
int	init_merge_driver(git_repository *repo);

/*
 * Create the kam project described by o (which passed init_check): git
 * init first when o->dir is in no repository, then one commit (or, with
 * o->no_commit, the files alone).  On success *root gets the project's
 * directory with a trailing slash and *name the project's name, both
 * owned by the caller.  0, or -1 after reporting (78 when the directory
 * is a kam project already, or when HEAD tracks a file it would write —
 * kam.conf or a table — unless o->force, when the commit message names
 * the files replaced).  The transaction's outcome (retry_requested,
 * committed) is reported in caller, the project the dispatcher holds.
 */
int	init_project(const struct init_opts *o, char **root, char **name,
	    struct project *caller);

#endif
