/*
 * review.c: the project at a revision, and what a branch does to it
 * (review.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "budget.h"
#include "kam.h"
#include "plan.h"
#include "review.h"
#include "schema.h"
#include "store.h"
#include "value.h"

/* ---- the project at a revision ---- */

/* The day of a commit as its committer saw it (their time zone). */
static int32_t
commit_day(const git_commit *c)
{
	int64_t t = (int64_t)git_commit_time(c) +
	    (int64_t)git_commit_time_offset(c) * 60;

	return (int32_t)(t >= 0 ? t / 86400 : -((-t + 86399) / 86400));
}

int
review_open(struct rev_project *rp, const struct project *p,
    git_repository *repo, const git_oid *commit, int as_of_commit)
{
	struct project *q = &rp->p;
	int rc;

	if ((rc = git_commit_lookup(&rp->commit, repo, commit)) < 0)
		return kam_giterr(rc, "cannot read commit %s",
		    git_oid_tostr_s(commit));
	/* The same project, its files read from the commit: the work
	 * tree's paths stay for messages. */
	q->repo = repo;
	q->workdir = xstrdup(p->workdir);
	q->root = xstrdup(p->root);
	q->prefix = xstrdup(p->prefix != NULL ? p->prefix : "");
	q->today = as_of_commit ? commit_day(rp->commit) : p->today;
	if (hist_project_tree(&rp->tree, q, rp->commit) == -1)
		return -1;
	if (rp->tree == NULL ||
	    git_tree_entry_byname(rp->tree, "kam.conf") == NULL)
		return 1;	/* no project there (yet) */
	return project_open_tree(q, rp->tree);
}

/* The last commit on HEAD's first-parent line dated (its committer's
 * day) on or before day: 0 with *out; 1 when HEAD itself is (nothing
 * later: the work tree is as of day) or there is no HEAD; 2 when every
 * commit is later.  -1 reported. */
static int
commit_as_of(git_oid *out, const struct project *p, int32_t day)
{
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_oid id;
	int rc, first = 1, ret = -1;

	if ((rc = git_revwalk_new(&w, p->repo)) < 0) {
		kam_giterr(rc, "cannot walk the history");
		goto out;
	}
	git_revwalk_simplify_first_parent(w);
	if ((rc = git_revwalk_push_head(w)) < 0) {
		ret = rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND ? 1 :
		    kam_giterr(rc, "cannot read HEAD");
		goto out;
	}
	while ((rc = git_revwalk_next(&id, w)) == 0) {
		git_commit_free(c);
		c = NULL;
		if ((rc = git_commit_lookup(&c, p->repo, &id)) < 0) {
			kam_giterr(rc, "cannot read commit %s",
			    git_oid_tostr_s(&id));
			goto out;
		}
		if (commit_day(c) <= day) {
			ret = first ? 1 : 0;
			git_oid_cpy(out, &id);
			goto out;
		}
		first = 0;
	}
	ret = rc == GIT_ITEROVER ? 2 : kam_giterr(rc, "cannot walk the "
	    "history");
out:
	git_commit_free(c);
	git_revwalk_free(w);
	return ret;
}

/* Working days of p in [a, b]. */
static long
workdays_in(const struct project *p, int32_t a, int32_t b)
{
	long n = 0;

	for (; a <= b; a++)
		n += project_is_workday(p, a);
	return n;
}

int
review_tasks_as_of(struct table *tasks, struct project *p, int32_t day)
{
	struct rev_project rp = REV_PROJECT_INIT;
	struct table then = TABLE_INIT;
	git_oid id;
	char pct[8];
	int32_t st, fin;
	long done, all;
	size_t i;
	int rc, ret = -1;

	if ((rc = commit_as_of(&id, p, day)) == -1)
		return -1;
	if (rc == 0) {
		if ((rc = review_open(&rp, p, p->repo, &id, 0)) == -1)
			goto out;
		if (rc == 0 && store_load(&rp.p, NULL, &schema_tasks, &then) ==
		    -1)
			goto out;
		/* rc 1: no project then, no tasks. */
		table_release(tasks);
		if (rc == 1)
			table_init(tasks, &schema_tasks, then.path != NULL ?
			    then.path : "tasks.csv", p->digits);
		else {
			*tasks = then;
			then = (struct table)TABLE_INIT;
		}
	}
	/* What the rows date after day did not happen yet. */
	for (i = 0; i < tasks->nrows; i++) {
		struct row *r = &tasks->rows[i];

		if (date_parse(table_get(tasks, r, TASK_START), &st, NULL) == 0 &&
		    st > day) {
			table_set(tasks, r, TASK_START, "");
			table_set(tasks, r, TASK_FINISH, "");
			table_set(tasks, r, TASK_PROGRESS, "");
			continue;
		}
		if (date_parse(table_get(tasks, r, TASK_FINISH), &fin, NULL) !=
		    0 || fin <= day)
			continue;
		table_set(tasks, r, TASK_FINISH, "");
		/* Between its start and its finish: the share of the working
		 * days, unless a lower progress was recorded. */
		if (date_parse(table_get(tasks, r, TASK_START), &st, NULL) !=
		    0)
			st = fin;
		all = workdays_in(p, st, fin);
		done = workdays_in(p, st, day);
		snprintf(pct, sizeof(pct), "%ld", all > 0 ? done * 100 / all :
		    0);
		if (*table_get(tasks, r, TASK_PROGRESS) == '\0' ||
		    strcmp(table_get(tasks, r, TASK_PROGRESS), "100") == 0 ||
		    atol(table_get(tasks, r, TASK_PROGRESS)) > atol(pct))
			table_set(tasks, r, TASK_PROGRESS, pct);
	}
	ret = 0;
out:
	table_release(&then);
	review_close(&rp);
	return ret;
}

void
review_close(struct rev_project *rp)
{
	rp->p.repo = NULL;
	rp->p.tree = NULL;
	project_release(&rp->p);
	git_tree_free(rp->tree);
	git_commit_free(rp->commit);
	rp->tree = NULL;
	rp->commit = NULL;
}

int
review_open_rev(struct rev_project *rp, const struct project *p,
    const char *rev, int as_of_commit)
{
	git_oid id;

	if (hist_rev_commit(&id, p, rev) == -1)
		return -1;
	return review_open(rp, p, p->repo, &id, as_of_commit);
}

/* The health at `commit`, reading through `repo` (p's repository or
 * another handle on it, for a thread of its own). */
static int
health_at(struct health *h, struct health_sums *s, const struct project *p,
    git_repository *repo, const git_oid *commit)
{
	struct rev_project rp = REV_PROJECT_INIT;
	int ret;

	if ((ret = review_open(&rp, p, repo, commit, 0)) == 0)
		ret = health_run_sums(h, &rp.p, s);
	review_close(&rp);
	return ret;
}

int
review_health_at(struct health *h, struct health_sums *s,
    const struct project *p, const git_oid *commit)
{
	int ret;

	/* Read-only: libgit2 need not re-hash every blob it inflates. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	ret = health_at(h, s, p, p->repo, commit);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	return ret;
}

/* The base side in a thread of its own, with its own repository handle,
 * while the head side is judged: two health runs in the time of one on
 * two cores. */
struct job {
	const struct project	*p;
	struct review_side	*side;
	git_oid			 id;
	git_repository		*repo;
	int			 rc, code;
};

static void *
job_run(void *arg)
{
	struct job *j = arg;

	j->rc = health_at(&j->side->health, &j->side->sums, j->p, j->repo,
	    &j->id);
	j->code = kam_exit_code;	/* per thread */
	return NULL;
}

/* ---- baselines from a revision ---- */

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

int
review_tasks_baseline(struct table *tasks, const struct project *p,
    const char *rev)
{
	struct rev_project rp = REV_PROJECT_INIT;
	struct table then = TABLE_INIT;
	struct plan ref = PLAN_INIT;
	int bs = schema_col(&schema_tasks, "baseline_start");
	int bf = schema_col(&schema_tasks, "baseline_finish");
	long (*by)[3] = NULL, key[3], (*hit)[3];
	char d[11];
	size_t i;
	int rc, ret = -1;

	if ((rc = review_open_rev(&rp, p, rev, 1)) == 1)
		kam_err(KAM_EX_USAGE, "there is no kam project at %s", rev);
	if (rc != 0)
		goto out;
	if (store_load(&rp.p, NULL, &schema_tasks, &then) == -1 ||
	    plan_compute(&ref, &rp.p, &then) == -1)
		goto out;
	/* Task number -> planned start and finish at rev. */
	by = xcalloc(ref.ntasks + 1, sizeof(*by));
	for (i = 0; i < ref.ntasks; i++) {
		by[i][0] = ref.tasks[i].id;
		by[i][1] = ref.tasks[i].es_date;
		by[i][2] = ref.tasks[i].ef_date;
	}
	qsort(by, ref.ntasks, sizeof(*by), cmp_long);
	for (i = 0; i < tasks->nrows; i++) {
		struct row *r = &tasks->rows[i];

		key[0] = r->num;
		hit = bsearch(key, by, ref.ntasks, sizeof(*by), cmp_long);
		table_set(tasks, r, bs, hit != NULL ?
		    date_fmt((int32_t)(*hit)[1], d) : "");
		table_set(tasks, r, bf, hit != NULL ?
		    date_fmt((int32_t)(*hit)[2], d) : "");
	}
	ret = 0;
out:
	free(by);
	plan_release(&ref);
	table_release(&then);
	review_close(&rp);
	return ret;
}

int
review_budget_against(struct budget_audit *a, struct project *p,
    const char *rev, const struct expense_filter *f)
{
	struct rev_project rp = REV_PROJECT_INIT;
	struct table budget = TABLE_INIT;
	int rc, ret = -1;

	if ((rc = review_open_rev(&rp, p, rev, 1)) == 1)
		kam_err(KAM_EX_USAGE, "there is no kam project at %s", rev);
	if (rc != 0 || store_load(&rp.p, NULL, &schema_budget, &budget) == -1)
		goto out;
	table_sort(&budget);
	ret = budget_audit_with(a, p, &budget, f);
out:
	table_release(&budget);
	review_close(&rp);
	return ret;
}

int
review_day_arg(int32_t *day, const struct project *p, const char *opt,
    const char *arg)
{
	const char *why;

	if (date_parse(arg, day, &why) == -1 &&
	    review_rev_day(day, p, arg) != 0)
		return kam_err(KAM_EX_USAGE, "%s: invalid date '%s': %s, and "
		    "not a revision", opt, arg, why);
	return 0;
}

int
review_rev_day(int32_t *day, const struct project *p, const char *rev)
{
	git_object *obj = NULL, *c = NULL;
	int ret = 1;

	if (git_revparse_single(&obj, p->repo, rev) == 0 &&
	    git_object_peel(&c, obj, GIT_OBJECT_COMMIT) == 0) {
		*day = commit_day((git_commit *)c);
		ret = 0;
	}
	git_object_free(c);
	git_object_free(obj);
	return ret;
}

/* ---- findings compared by rule and record ---- */

static char *
key_of(const struct finding *f)
{
	if (f->record != NULL)
		return xasprintf("%s\n%s", f->rule, f->record);
	return xasprintf("%s\n\n%s\n%s", f->rule, f->file != NULL ? f->file :
	    "", f->why);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted keys of h's findings; caller frees each and the array. */
static char **
keys_of(const struct health *h)
{
	char **k = xcalloc(h->n + 1, sizeof(*k));
	size_t i;

	for (i = 0; i < h->n; i++)
		k[i] = key_of(&h->v[i]);
	if (h->n > 1)
		qsort(k, h->n, sizeof(*k), cmp_str);
	return k;
}

static void
keys_free(char **k, size_t n)
{
	while (n > 0)
		free(k[--n]);
	free(k);
}

static int
has_key(char *const *keys, size_t n, const struct finding *f)
{
	char *k = key_of(f);
	int found = bsearch(&k, keys, n, sizeof(*keys), cmp_str) != NULL;

	free(k);
	return found;
}

/* The findings of a that b does not have, in a's order. */
static const struct finding **
only_in(const struct health *a, const struct health *b, size_t *n)
{
	const struct finding **v = xcalloc(a->n + 1, sizeof(*v));
	char **keys = keys_of(b);
	size_t i;

	*n = 0;
	for (i = 0; i < a->n; i++)
		if (!has_key(keys, b->n, &a->v[i]))
			v[(*n)++] = &a->v[i];
	keys_free(keys, b->n);
	return v;
}

void
review_keep_new(struct health *h, const struct health *base)
{
	char **keys = keys_of(base);
	size_t i, k = 0;

	h->nerror = h->nred = h->namber = 0;
	for (i = 0; i < h->n; i++) {
		struct finding *f = &h->v[i];

		if (has_key(keys, base->n, f)) {
			free(f->record);
			free(f->file);
			free(f->why);
			free(f->why_client);
			continue;
		}
		if (f->level == FIND_ERROR)
			h->nerror++;
		else if (f->level == FIND_RED)
			h->nred++;
		else
			h->namber++;
		h->v[k++] = *f;
	}
	h->n = k;
	keys_free(keys, base->n);
}

static void	side_release(struct review_side *);

int
review_health_since(struct health *h, struct project *p, const char *rev)
{
	struct review_side base = REVIEW_SIDE_INIT;
	struct job job;
	pthread_t tid;
	int rc, threaded, ret = -1;

	memset(&job, 0, sizeof(job));
	job.p = p;
	job.side = &base;
	if (hist_rev_commit(&job.id, p, rev) == -1)
		return -1;
	if ((rc = git_repository_open(&job.repo,
	    git_repository_path(p->repo))) < 0)
		return kam_giterr(rc, "cannot open the repository");
	/* rev's side in a thread of its own while the work tree is judged,
	 * as kam review does. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	threaded = pthread_create(&tid, NULL, job_run, &job) == 0;
	if (!threaded)
		job_run(&job);
	rc = health_run(h, p);
	if (threaded)
		pthread_join(tid, NULL);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_repository_free(job.repo);
	if (job.rc == -1) {
		/* Reported in its thread; its kind of failure is ours. */
		if (kam_exit_code == 0)
			kam_exit_code = job.code != 0 ? job.code :
			    KAM_EX_INTERNAL;
		goto out;
	}
	if (rc == -1)
		goto out;
	review_keep_new(h, &base.health);
	ret = 0;
out:
	side_release(&base);
	return ret;
}

/* ---- kam review ---- */

/* The remote-tracking ref of `merge` (refs/heads/X) by the first fetch
 * refspec of remote.R.fetch that takes it. */
struct track {
	const char	*merge;
	git_buf		 out;
	int		 found;
};

static int
track_cb(const git_config_entry *e, void *arg)
{
	struct track *t = arg;
	git_refspec *rs = NULL;

	if (t->found || git_refspec_parse(&rs, e->value, 1) < 0)
		return 0;
	if (git_refspec_src_matches(rs, t->merge) &&
	    git_refspec_transform(&t->out, rs, t->merge) == 0)
		t->found = 1;
	git_refspec_free(rs);
	return 0;
}

/*
 * Where a pull request goes when HEAD has no upstream (a CI checkout is a
 * detached HEAD): the target branch the CI names (GitHub Actions'
 * GITHUB_BASE_REF, GitLab's CI_MERGE_REQUEST_TARGET_BRANCH_NAME, as a
 * remote-tracking branch of origin or a local branch), else origin's
 * default branch (origin/HEAD), else origin/main, origin/master, main or
 * master, the first that exists and is not HEAD itself.  The merge base
 * with HEAD into *out and the name into *name; 0, or -1 (64) naming what
 * to give.
 */
static int
ci_base(git_oid *out, char **name, const struct project *p,
    const git_oid *head)
{
	static const char *const envs[] = { "GITHUB_BASE_REF",
	    "CI_MERGE_REQUEST_TARGET_BRANCH_NAME" };
	static const char *const known[] = { "refs/remotes/origin/HEAD",
	    "refs/remotes/origin/main", "refs/remotes/origin/master",
	    "refs/heads/main", "refs/heads/master" };
	char *cand[2 * ARRAY_SIZE(envs) + ARRAY_SIZE(known)];
	const char *v;
	git_oid uid;
	size_t i, n = 0, nenv;
	int ret = -1;

	for (i = 0; i < ARRAY_SIZE(envs); i++)
		if ((v = getenv(envs[i])) != NULL && *v != '\0') {
			cand[n++] = xasprintf("refs/remotes/origin/%s", v);
			cand[n++] = xasprintf("refs/heads/%s", v);
		}
	nenv = n;
	for (i = 0; i < ARRAY_SIZE(known); i++)
		cand[n++] = xstrdup(known[i]);
	/* A guessed branch that is HEAD itself would review nothing; the
	 * target the CI names is taken as it is. */
	for (i = 0; i < n && ret == -1; i++) {
		if (git_reference_name_to_id(&uid, p->repo, cand[i]) < 0 ||
		    (i >= nenv && git_oid_equal(&uid, head)) ||
		    git_merge_base(out, p->repo, &uid, head) < 0)
			continue;
		*name = xstrdup(strncmp(cand[i], "refs/remotes/", 13) == 0 ?
		    cand[i] + 13 : cand[i] + 11);
		if (strcmp(*name, "origin/HEAD") == 0) {
			free(*name);
			*name = xstrdup("origin");
		}
		ret = 0;
	}
	for (i = 0; i < n; i++)
		free(cand[i]);
	if (ret == -1)
		kam_err(KAM_EX_USAGE, "no base to review against: HEAD has no "
		    "upstream branch, and neither GITHUB_BASE_REF nor "
		    "origin/HEAD, origin/main, origin/master, main or master "
		    "gives one; name the base: kam review BASE");
	return ret;
}

/*
 * The merge base of HEAD and its upstream branch (branch.<name>.remote
 * and .merge, through the remote's fetch refspec, as git finds @{u});
 * the upstream's short name in *name.  Read from the configuration
 * directly: libgit2 1.5's git_remote_lookup() leaks pcre2 match data.
 */
static int
upstream_base(git_oid *out, char **name, const struct project *p,
    const git_oid *head)
{
	git_reference *ref = NULL;
	git_config *cfg = NULL;
	git_buf remote = GIT_BUF_INIT, merge = GIT_BUF_INIT;
	struct track t;
	const char *br;
	char *key = NULL, *upref = NULL;
	git_oid uid;
	int ret = -1;

	memset(&t, 0, sizeof(t));
	if (git_repository_head(&ref, p->repo) < 0 ||
	    !git_reference_is_branch(ref) ||
	    git_repository_config_snapshot(&cfg, p->repo) < 0)
		goto none;
	br = git_reference_shorthand(ref);
	key = xasprintf("branch.%s.remote", br);
	if (git_config_get_string_buf(&remote, cfg, key) < 0)
		goto none;
	free(key);
	key = xasprintf("branch.%s.merge", br);
	if (git_config_get_string_buf(&merge, cfg, key) < 0)
		goto none;
	if (strcmp(remote.ptr, ".") == 0)
		upref = xstrdup(merge.ptr);
	else {
		free(key);
		key = xasprintf("remote.%s.fetch", remote.ptr);
		t.merge = merge.ptr;
		git_config_get_multivar_foreach(cfg, key, NULL, track_cb, &t);
		if (!t.found)
			goto none;
		upref = xstrdup(t.out.ptr);
	}
	if (git_reference_name_to_id(&uid, p->repo, upref) < 0)
		goto none;
	*name = xstrdup(strncmp(upref, "refs/remotes/", 13) == 0 ? upref + 13 :
	    strncmp(upref, "refs/heads/", 11) == 0 ? upref + 11 : upref);
	if (git_merge_base(out, p->repo, &uid, head) < 0) {
		kam_err(KAM_EX_USAGE, "HEAD and %s have no common ancestor",
		    *name);
		goto out;
	}
	ret = 0;
	goto out;
none:
	ret = ci_base(out, name, p, head);
out:
	free(key);
	free(upref);
	git_buf_dispose(&t.out);
	git_buf_dispose(&remote);
	git_buf_dispose(&merge);
	git_config_free(cfg);
	git_reference_free(ref);
	return ret;
}

static const char *
field_of(const struct hist_rec *r, const char *name, int new)
{
	size_t i;

	for (i = 0; i < r->nf; i++)
		if (strcmp(r->f[i].name, name) == 0)
			return new ? r->f[i].new : r->f[i].old;
	return NULL;
}

static void
tables(struct review *rv)
{
	struct review_table *t;
	size_t i, j;

	/* Every table, then the minutes (their decisions and actions are
	 * records of the diff too, issue 18 #5). */
	rv->tables = xcalloc(kam_nschemas + 1, sizeof(*rv->tables));
	for (i = 0; i <= kam_nschemas; i++) {
		t = &rv->tables[rv->ntables];
		t->s = i < kam_nschemas ? kam_schemas[i] : &hist_meetings;
		for (j = 0; j < rv->diff.n; j++) {
			if (rv->diff.v[j].s != t->s)
				continue;
			if (rv->diff.v[j].op == HIST_ADDED)
				t->added++;
			else if (rv->diff.v[j].op == HIST_REMOVED)
				t->removed++;
			else
				t->changed++;
		}
		if (t->added + t->removed + t->changed > 0)
			rv->ntables++;
	}
}

static const struct health_cat *
cat_in(const struct health_sums *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->ncats; i++)
		if (strcmp(s->cats[i].category, name) == 0)
			return &s->cats[i];
	return NULL;
}

static void
budget_put(struct review *rv, const char *name, const struct health_cat *b,
    const struct health_cat *a)
{
	struct review_budget *l = &rv->budget[rv->nbudget++];

	l->category = name;
	if ((l->in_base = b != NULL)) {
		l->planned[0] = b->planned;
		l->actual[0] = b->actual;
	}
	if ((l->in_head = a != NULL)) {
		l->planned[1] = a->planned;
		l->actual[1] = a->actual;
	}
}

static void
budget(struct review *rv)
{
	const struct health_sums *b = &rv->base.sums, *a = &rv->head.sums;
	struct health_cat tb, ta;
	size_t i;

	if ((!b->has_budget || b->ncats == 0) &&
	    (!a->has_budget || a->ncats == 0))
		return;		/* no category on either side */
	rv->budget = xcalloc(b->ncats + a->ncats + 1, sizeof(*rv->budget));
	for (i = 0; i < b->ncats; i++)
		budget_put(rv, b->cats[i].category, &b->cats[i],
		    cat_in(a, b->cats[i].category));
	for (i = 0; i < a->ncats; i++)
		if (cat_in(b, a->cats[i].category) == NULL)
			budget_put(rv, a->cats[i].category, NULL, &a->cats[i]);
	memset(&tb, 0, sizeof(tb));
	memset(&ta, 0, sizeof(ta));
	tb.planned = b->planned;
	tb.actual = b->actual;
	ta.planned = a->planned;
	ta.actual = a->actual;
	budget_put(rv, NULL, b->has_budget ? &tb : NULL,
	    a->has_budget ? &ta : NULL);
}

static void
requirements(struct review *rv)
{
	const char *b, *a;
	size_t i;

	rv->reqs = xcalloc(rv->diff.n + 1, sizeof(*rv->reqs));
	for (i = 0; i < rv->diff.n; i++) {
		const struct hist_rec *r = &rv->diff.v[i];

		if (r->s != &schema_requirements)
			continue;
		b = r->op == HIST_ADDED ? "" : field_of(r, "status", 0);
		a = r->op == HIST_REMOVED ? "" : field_of(r, "status", 1);
		if (b == NULL || a == NULL || strcmp(b, a) == 0)
			continue;
		rv->reqs[rv->nreqs].id = r->id;
		rv->reqs[rv->nreqs].title = r->title;
		rv->reqs[rv->nreqs].before = b;
		rv->reqs[rv->nreqs].after = a;
		rv->nreqs++;
	}
}

int
review_run(struct review *rv, struct project *p, const char *base,
    const char *head)
{
	struct plan_cal cal = PLAN_CAL_INIT;
	struct job job;
	pthread_t tid;
	git_oid hid, bid, mb;
	int rc, threaded, ret = -1;

	/* The head's commit (the work tree's is HEAD), then the base. */
	if (head != NULL) {
		if (hist_rev_commit(&hid, p, head) == -1)
			return -1;
		rv->head.rev = xstrdup(head);
		git_oid_tostr(rv->head.id, sizeof(rv->head.id), &hid);
	} else if ((rc = git_reference_name_to_id(&hid, p->repo, "HEAD")) < 0)
		return kam_err(KAM_EX_USAGE, "no commit yet: nothing to "
		    "review");
	if (base == NULL) {
		if (upstream_base(&mb, &rv->base.rev, p, &hid) == -1)
			return -1;
	} else {
		if (hist_rev_commit(&bid, p, base) == -1)
			return -1;
		rv->base.rev = xstrdup(base);
		if (git_merge_base(&mb, p->repo, &bid, &hid) < 0)
			return kam_err(KAM_EX_USAGE, "%s and %s have no common "
			    "ancestor", base, head != NULL ? head : "HEAD");
	}
	git_oid_tostr(rv->base.id, sizeof(rv->base.id), &mb);

	if (hist_diff_revs(&rv->diff, p, rv->base.id, head != NULL ?
	    rv->head.id : NULL, NULL) == -1)
		goto out;
	memset(&job, 0, sizeof(job));
	job.p = p;
	job.side = &rv->base;
	git_oid_cpy(&job.id, &mb);
	if ((rc = git_repository_open(&job.repo,
	    git_repository_path(p->repo))) < 0) {
		kam_giterr(rc, "cannot open the repository");
		goto out;
	}
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	threaded = pthread_create(&tid, NULL, job_run, &job) == 0;
	if (!threaded)
		job_run(&job);
	if (head == NULL)
		rc = health_run_sums(&rv->head.health, p, &rv->head.sums);
	else
		rc = health_at(&rv->head.health, &rv->head.sums, p, p->repo,
		    &hid);
	if (threaded)
		pthread_join(tid, NULL);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_repository_free(job.repo);
	if (job.rc == -1) {
		/* Reported in its thread; its kind of failure is ours. */
		if (kam_exit_code == 0)
			kam_exit_code = job.code != 0 ? job.code :
			    KAM_EX_INTERNAL;
		goto out;
	}
	rv->base.exists = job.rc == 0;
	if (rc == -1)
		goto out;
	rv->head.exists = rc == 0;
	health_sort(&rv->base.health);
	health_sort(&rv->head.health);
	rv->intro = only_in(&rv->head.health, &rv->base.health, &rv->nintro);
	rv->resolved = only_in(&rv->base.health, &rv->head.health,
	    &rv->nresolved);
	if (rv->base.sums.finish != 0 && rv->head.sums.finish != 0 &&
	    plan_cal_init(&cal, p) == 0)
		rv->moved = plan_cal_index(&cal, rv->head.sums.finish) -
		    plan_cal_index(&cal, rv->base.sums.finish);
	tables(rv);
	budget(rv);
	requirements(rv);
	ret = 0;
out:
	plan_cal_release(&cal);
	return ret;
}

static void
side_release(struct review_side *s)
{
	free(s->rev);
	s->rev = NULL;
	health_release(&s->health);
	health_sums_release(&s->sums);
}

void
review_release(struct review *rv)
{
	side_release(&rv->base);
	side_release(&rv->head);
	hist_set_release(&rv->diff);
	free(rv->intro);
	free(rv->resolved);
	free(rv->reqs);
	free(rv->tables);
	free(rv->budget);
	rv->budget = NULL;
	rv->nbudget = 0;
	rv->tables = NULL;
	rv->ntables = 0;
	rv->intro = rv->resolved = NULL;
	rv->reqs = NULL;
	rv->nintro = rv->nresolved = rv->nreqs = 0;
}
