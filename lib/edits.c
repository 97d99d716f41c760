/*
 * edits.c: hand edits of kam files, validated and queued for one commit
 * (kam commit; edits.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "budget.h"
#include "edits.h"
#include "kam.h"
#include "minutes.h"
#include "project.h"
#include "repo.h"
#include "schema.h"
#include "store.h"
#include "timesheet.h"
#include "table.h"
#include "value.h"

struct dirty {
	char	**paths;	/* project-relative */
	size_t	  n;
	size_t	  plen;		/* length of the project prefix */
	int	  deleted;
};

static int
on_status(const char *path, unsigned flags, void *arg)
{
	struct dirty *d = arg;
	const char *rel = path + d->plen;

	if (!schema_is_kam_file(rel))
		return 0;
	if (flags & (GIT_STATUS_WT_DELETED | GIT_STATUS_INDEX_DELETED)) {
		kam_warn("'%s' was deleted; kam commit does not commit "
		    "deletions (use git rm)", path);
		d->deleted = 1;
		return 0;
	}
	d->paths = xrealloc(d->paths, (d->n + 1) * sizeof(char *));
	d->paths[d->n++] = xstrdup(rel);
	return 0;
}

/* Meeting minutes: they must parse (UTF-8, dates, due: dates) and the
 * people they name must exist, as kam check requires. */
static int
minutes_check(struct project *pr, const char *path, const struct kam_buf *b)
{
	struct minutes m = MINUTES_INIT;
	struct table people = TABLE_INIT;
	const char *p, *q;
	char id[32];
	size_t i, n;
	int ret = -1;

	if (minutes_parse(&m, path, b->ptr, b->len) == -1 ||
	    store_load(pr, NULL, &schema_people, &people) == -1)
		goto out;
	ret = 0;
	for (p = m.attendees; *p != '\0'; p = *q != '\0' ? q + 1 : q) {
		q = p + strcspn(p, " ");
		n = (size_t)(q - p);
		if (n == 0 || n >= sizeof(id))
			continue;
		memcpy(id, p, n);
		id[n] = '\0';
		if (table_find(&people, id) == NULL)
			ret = kam_err(KAM_EX_DATA, "%s:%lu: attendee %s does not "
			    "exist in people.csv", path, m.attendees_line, id);
	}
	for (i = 0; i < m.nactions; i++)
		if (m.actions[i].owner[0] != '\0' &&
		    table_find(&people, m.actions[i].owner) == NULL)
			ret = kam_err(KAM_EX_DATA, "%s:%lu: action owner %s does "
			    "not exist in people.csv", path, m.actions[i].line,
			    m.actions[i].owner);
out:
	minutes_release(&m);
	table_release(&people);
	return ret;
}

/* kam.conf changed, perhaps its digits: the tables holding money must
 * still read with them (issue 11 #3). */
static int
money_recheck(struct project *p)
{
	struct table t = TABLE_INIT;
	size_t i, j;
	int ret = 0;

	for (i = 0; i < kam_nschemas; i++) {
		const struct schema *s = kam_schemas[i];

		for (j = 0; j < s->ncols; j++)
			if (s->cols[j].type == COL_MONEY)
				break;
		if (j == s->ncols)
			continue;
		if (s->monthly ? budget_validate(p, NULL) == -1 :
		    store_load(p, NULL, s, &t) == -1)
			ret = -1;
		table_release(&t);
	}
	return ret;
}

/* Validate one changed file from the work tree, with the references of
 * its table against the work-tree tables it names. */
static int
validate(struct project *p, const char *path, struct kam_buf *b)
{
	const struct schema *s = schema_by_file(path), *ts;
	struct table t = TABLE_INIT, target = TABLE_INIT;
	char *abs = project_abspath(p, path);
	const char *seen[16];
	size_t nseen = 0, j;
	int ret = -1, rc;

	rc = kam_read_file(b, abs);
	if (rc != 0) {
		if (rc == 1)
			kam_err(KAM_EX_DATA, "'%s' disappeared", path);
		goto out;
	}
	if (s == NULL) {
		if (strcmp(path, "kam.conf") == 0) {
			struct project cp = PROJECT_INIT;

			rc = project_read_conf(&cp, abs);
			project_release(&cp);
			if (rc == -1 || money_recheck(p) == -1)
				goto out;
		} else if (minutes_check(p, path, b) == -1)
			goto out;
		ret = 0;
		goto out;
	}
	if (table_parse(&t, s, path, p->digits, b->ptr, b->len) == -1)
		goto out;
	/* kam budget spend takes the next expense id from the last row of
	 * each month file, so those rows must stay in id order. */
	for (j = 1; s->monthly && j < t.nrows; j++)
		if (t.rows[j].num <= t.rows[j - 1].num)
			break;
	if (s->monthly && j < t.nrows) {
		kam_err(KAM_EX_DATA, "%s:%lu: %s comes after %s: keep the rows "
		    "of a month file in id order", path, t.rows[j].line,
		    table_get(&t, &t.rows[j], ID_COL), table_get(&t, &t.rows[j - 1], ID_COL));
		goto out;
	}
	/* A day's bookings are in one month file: its 24 hours too. */
	if (s == &schema_timesheets && time_check_days(&t) == -1)
		goto out;
	ret = 0;
	for (j = 0; j < s->ncols; j++) {
		const char *pfx = s->cols[j].ref;
		size_t i;

		if (pfx == NULL || s->cols[j].ref_any)
			continue;
		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i], pfx) == 0)
				break;
		if (i < nseen || (ts = schema_by_prefix(pfx)) == NULL ||
		    ts->monthly)
			continue;
		seen[nseen++] = pfx;
		if (store_load(p, NULL, ts, &target) == -1 ||
		    store_check_refs(&t, &target) == -1)
			ret = -1;
		table_release(&target);
	}
out:
	table_release(&t);
	table_release(&target);
	free(abs);
	return ret;
}

int
edits_queue(struct tx *tx, struct project *p, struct kam_buf *names)
{
	git_status_options so;
	struct dirty d = { NULL, 0, 0, 0 };
	struct kam_buf b = KAM_BUF_INIT;
	char *spec[1];
	size_t i;
	int rc, ret = -1;

	tx->allow_dirty = 1;
	d.plen = strlen(p->prefix);
	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	spec[0] = p->prefix[0] != '\0' ? p->prefix : ".";
	so.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	so.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED |
	    GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	so.pathspec.strings = spec;
	so.pathspec.count = p->prefix[0] != '\0' ? 1 : 0;
	if ((rc = git_status_foreach_ext(p->repo, &so, on_status, &d)) < 0) {
		kam_giterr(rc, "cannot read the status of the work tree");
		goto out;
	}
	for (i = 0; i < d.n; i++)
		if (validate(p, d.paths[i], &b) == -1)
			goto out;
	for (i = 0; i < d.n; i++) {
		char *abs = project_abspath(p, d.paths[i]);

		rc = kam_read_file(&b, abs);
		free(abs);
		if (rc != 0)
			goto out;
		tx_put(tx, d.paths[i], b.ptr, b.len);
		kam_buf_printf(names, "%s%s", i ? ", " : "", d.paths[i]);
	}
	ret = (int)d.n;
out:
	for (i = 0; i < d.n; i++)
		free(d.paths[i]);
	free(d.paths);
	kam_buf_release(&b);
	return ret;
}
