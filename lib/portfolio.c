/*
 * portfolio.c: the accounts of portfolio.conf, each read from the
 * committed tree of its branch, in parallel (portfolio.h).
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "budget.h"
#include "derive.h"
#include "health.h"
#include "kam.h"
#include "plan.h"
#include "portfolio.h"
#include "project.h"
#include "schema.h"
#include "store.h"
#include "table.h"
#include "value.h"

#define PORTFOLIO_FILE	"portfolio.conf"

/* ---- the portfolio file ---- */

static struct pf_account *
account_get(struct portfolio *pf, const char *name, size_t len)
{
	struct pf_account *a;
	size_t i;

	for (i = 0; i < pf->n; i++)
		if (strlen(pf->acc[i].name) == len &&
		    memcmp(pf->acc[i].name, name, len) == 0)
			return &pf->acc[i];
	pf->acc = xrealloc(pf->acc, (pf->n + 1) * sizeof(*pf->acc));
	a = &pf->acc[pf->n++];
	memset(a, 0, sizeof(*a));
	a->name = xstrndup(name, len);
	a->digits = 2;
	a->risks = (struct table)TABLE_INIT;
	a->people = (struct table)TABLE_INIT;
	a->lessons = (struct table)TABLE_INIT;
	return a;
}

static void
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

/* A name that is safe as a folder name under .kam/mirrors. */
static int
name_ok(const char *s)
{
	if (*s == '\0' || *s == '.')
		return 0;
	for (; *s != '\0'; s++)
		if (*s == '/' || *s == '\\' || (unsigned char)*s < 0x20)
			return 0;
	return 1;
}

/* A project folder inside a repository: relative, no "." or "..". */
static int
dir_ok(const char *s)
{
	const char *p = s, *q;
	size_t n;

	if (*s == '/')
		return 0;
	while (*p != '\0') {
		q = strchr(p, '/');
		n = q != NULL ? (size_t)(q - p) : strlen(p);
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' &&
		    p[1] == '.'))
			return 0;
		p += n;
		while (*p == '/')
			p++;
	}
	return 1;
}

static int
read_conf(struct portfolio *pf)
{
	git_config *file = NULL, *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	const char *sub, *var;
	struct pf_account *a;
	size_t i, n;
	int rc, ret = -1;

	if ((rc = git_config_open_ondisk(&file, pf->file)) < 0 ||
	    (rc = git_config_snapshot(&cfg, file)) < 0) {
		const git_error *ge = git_error_last();

		kam_err(KAM_EX_DATA, "%s: %s", pf->file, ge != NULL ?
		    ge->message : "cannot read");
		goto out;
	}
	if ((rc = git_config_iterator_glob_new(&it, cfg, "^account\\.")) < 0) {
		kam_giterr(rc, "%s: cannot read", pf->file);
		goto out;
	}
	while ((rc = git_config_next(&e, it)) == 0) {
		sub = e->name + strlen("account.");
		var = strrchr(e->name, '.');
		if (var < sub) {
			kam_err(KAM_EX_DATA, "%s: '%s': an account needs a name: "
			    "[account \"name\"]", pf->file, e->name);
			goto out;
		}
		n = (size_t)(var - sub);
		var++;
		a = account_get(pf, sub, n);
		if (strcmp(var, "path") == 0)
			set_str(&a->path, e->value);
		else if (strcmp(var, "url") == 0)
			set_str(&a->url, e->value);
		else if (strcmp(var, "branch") == 0)
			set_str(&a->branch, e->value);
		else if (strcmp(var, "dir") == 0)
			set_str(&a->dir, e->value);
		else
			kam_warn("%s: account.%s.%s: unknown key (expected "
			    "path, url, branch or dir); ignored", pf->file,
			    a->name, var);
	}
	if (rc != GIT_ITEROVER) {
		kam_giterr(rc, "%s: cannot read", pf->file);
		goto out;
	}
	for (i = 0; i < pf->n; i++) {
		a = &pf->acc[i];
		if (!name_ok(a->name)) {
			kam_err(KAM_EX_DATA, "%s: account \"%s\": a name may not "
			    "be empty, start with '.' or hold '/'", pf->file,
			    a->name);
			goto out;
		}
		if (a->dir != NULL) {
			n = strlen(a->dir);
			while (n > 0 && a->dir[n - 1] == '/')
				a->dir[--n] = '\0';
		}
	}
	ret = 0;
out:
	git_config_iterator_free(it);
	git_config_free(cfg);
	git_config_free(file);
	return ret;
}

int
portfolio_open(struct portfolio *pf, const char *file, const char *dir)
{
	char path[PATH_MAX], *cand = NULL, *slash;
	struct stat st;
	int ret = -1;

	if (file != NULL) {
		if (realpath(file, path) == NULL) {
			if (errno == ENOENT || errno == ENOTDIR)
				return kam_err(KAM_EX_NOPROJECT, "cannot read "
				    "portfolio file '%s': %s", file,
				    strerror(errno));
			return kam_errno(errno, "cannot read portfolio file "
			    "'%s'", file);
		}
		pf->file = xstrdup(path);
	} else {
		if (realpath(dir != NULL ? dir : ".", path) == NULL) {
			if (errno == ENOENT || errno == ENOTDIR)
				return kam_err(KAM_EX_NOPROJECT, "cannot use "
				    "directory '%s': %s", dir != NULL ? dir :
				    ".", strerror(errno));
			return kam_errno(errno, "cannot use directory '%s'",
			    dir != NULL ? dir : ".");
		}
		for (;;) {
			free(cand);
			cand = xasprintf("%s%s" PORTFOLIO_FILE, path,
			    strcmp(path, "/") == 0 ? "" : "/");
			if (stat(cand, &st) == 0 && S_ISREG(st.st_mode))
				break;
			if ((slash = strrchr(path, '/')) == NULL ||
			    strcmp(path, "/") == 0) {
				kam_err(KAM_EX_NOPROJECT, "no " PORTFOLIO_FILE
				    " here or in any parent directory (or give "
				    "-f file)");
				goto out;
			}
			if (slash == path)
				slash[1] = '\0';
			else
				*slash = '\0';
		}
		pf->file = cand;
		cand = NULL;
	}
	if (stat(pf->file, &st) == -1 || !S_ISREG(st.st_mode)) {
		kam_err(KAM_EX_NOPROJECT, "'%s' is not a file", pf->file);
		goto out;
	}
	slash = strrchr(pf->file, '/');
	pf->base = xstrndup(pf->file, (size_t)(slash - pf->file) + 1);
	ret = read_conf(pf);
out:
	free(cand);
	return ret;
}

char *
portfolio_mirror(const struct portfolio *pf, const struct pf_account *a)
{
	return xasprintf("%s.kam/mirrors/%s.git", pf->base, a->name);
}

/* ---- one account ---- */

struct acap;
static void	account_load(struct acap *c, const struct portfolio *pf,
		    struct project *p);

/* Messages of one account's reading (kam_msg_capture, per thread): the
 * first failure is the account's reason; warnings are kept in order. */
struct acap {
	struct pf_account	*a;
	int			 code;	/* first failure's kind */
};

static void
on_msg(void *arg, int code, const char *msg)
{
	struct acap *c = arg;
	struct pf_account *a = c->a;
	char *w;

	if (code == 0) {
		w = xasprintf("%s%s\n", a->warnings != NULL ? a->warnings :
		    "", msg);
		free(a->warnings);
		a->warnings = w;
		return;
	}
	if (c->code == 0) {
		c->code = code;
		free(a->reason);
		a->reason = xstrdup(msg);
	}
}

/* Fail the account: state from the kind, reason (unless one was
 * captured already) from fmt. */
static void
fail(struct acap *c, enum pf_state st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail(struct acap *c, enum pf_state st, const char *fmt, ...)
{
	va_list ap;
	char *reason;

	c->a->state = st;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	reason = xvasprintf(fmt, ap);	/* fmt's arguments may be the old one */
	va_end(ap);
	free(c->a->reason);
	c->a->reason = reason;
	if (c->code == 0)
		c->code = st == PF_INVALID ? KAM_EX_DATA : KAM_EX_IO;
}

/* The state a failure of kind `code` puts an account in. */
static enum pf_state
state_of(int code)
{
	return code == KAM_EX_DATA ? PF_INVALID : PF_UNREADABLE;
}

static const char *
giterr_msg(void)
{
	const git_error *e = git_error_last();

	return e != NULL && e->message != NULL ? e->message : "unknown error";
}

static enum area_status
worst(enum area_status a, enum area_status b)
{
	return a > b ? a : b;
}

/* The schedule: planned (baseline) and forecast finish, and the slip. */
static void
status_plan(struct pf_account *a, struct project *p)
{
	struct table tasks = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	int32_t bf;
	long var;

	if (store_load(p, NULL, &schema_tasks, &tasks) == 0 &&
	    tasks.nrows > 0 && plan_compute(&pl, p, &tasks) == 0) {
		a->st.forecast = pl.finish;
		if (plan_baseline_finish(&pl, &bf, &var)) {
			a->st.planned = bf;
			a->st.slip = var;
			a->st.has_slip = 1;
		}
	}
	plan_release(&pl);
	table_release(&tasks);
}

/* Used share of a line, for comparing: actual / planned. */
static long double
used_of(const struct budget_line *l)
{
	if (l->planned <= 0)
		return l->actual > 0 ? 1e30L : 0;
	return (long double)l->actual / (long double)l->planned;
}

static void
status_budget(struct pf_account *a, struct project *p, int want_status)
{
	struct budget_audit ba = BUDGET_AUDIT_INIT;
	const struct budget_line *w = NULL;
	size_t i;

	if (budget_audit(&ba, p, NULL) == 0) {
		a->bud.planned = ba.total.planned;
		a->bud.actual = ba.total.actual;
		a->bud.variance = ba.total.variance;
		if (ba.total.planned > 0)
			budget_pct_fmt(ba.total.actual, ba.total.planned,
			    a->bud.used_pct);
		for (i = 0; i < ba.nlines; i++)
			if (ba.lines[i].actual > 0 && (w == NULL ||
			    used_of(&ba.lines[i]) > used_of(w)))
				w = &ba.lines[i];
		if (want_status) {
			memcpy(a->st.used_pct, a->bud.used_pct,
			    sizeof(a->st.used_pct));
			if (w != NULL)
				a->st.worst_cat = xstrdup(w->category);
		}
	}
	budget_audit_release(&ba);
}

static void
status_risks_csat(struct pf_account *a, struct project *p)
{
	struct table t = TABLE_INIT;
	struct csat_tally tl = CSAT_TALLY_INIT;
	int cst = schema_col(&schema_risks, "status");
	int cd = schema_col(&schema_csat, "date");
	int cs = schema_col(&schema_csat, "score");
	const char *why;
	int32_t d;
	size_t i;
	long v;

	if (store_load(p, NULL, &schema_risks, &t) == 0)
		for (i = 0; i < t.nrows; i++)
			if (strcmp(table_get(&t, &t.rows[i], cst), "open") == 0 &&
			    risk_score(&t, &t.rows[i]) >= p->risk_critical)
				a->st.critical_risks++;
	table_release(&t);
	t = (struct table)TABLE_INIT;
	if (store_load(p, NULL, &schema_csat, &t) == 0)
		for (i = 0; i < t.nrows; i++) {
			/* The window of the csat-low rule (health.c). */
			if (date_parse(table_get(&t, &t.rows[i], cd), &d,
			    &why) == -1 || d > p->today || d <= p->today - 90 ||
			    int_parse(table_get(&t, &t.rows[i], cs), 0, 10, &v,
			    NULL) == -1)
				continue;
			csat_tally_add(&tl, v);
		}
	table_release(&t);
	a->st.csat_n = tl.n;
	a->st.csat_avg10 = csat_avg10(&tl);
	a->st.nps = csat_nps(&tl);
}

static void
account_status(struct acap *c, struct project *p)
{
	struct pf_account *a = c->a;
	struct health h = HEALTH_INIT;
	const struct finding *f;
	size_t i;

	if (health_run(&h, p) == -1) {
		fail(c, state_of(c->code), NULL);
		goto out;
	}
	for (i = 0; i < AREA_N; i++) {
		a->st.areas[i] = h.areas[i].status;
		a->st.overall = worst(a->st.overall, h.areas[i].status);
	}
	a->st.nred = h.nred;
	a->st.namber = h.namber;
	if (h.nerror > 0) {
		for (i = 0; i < h.n && h.v[i].level != FIND_ERROR; i++)
			;
		f = &h.v[i];
		if (f->file != NULL && f->line > 0)
			fail(c, PF_INVALID, "%s:%lu: %s", f->file, f->line,
			    f->why);
		else if (f->file != NULL)
			fail(c, PF_INVALID, "%s: %s", f->file, f->why);
		else
			fail(c, PF_INVALID, "%s", f->why);
		goto out;
	}
	for (i = 0; i < AREA_N && a->st.overall >= AREA_AMBER; i++)
		if (h.areas[i].status == a->st.overall) {
			a->st.why = xasprintf("%s: %s", h.areas[i].name,
			    h.areas[i].reason);
			break;
		}
	status_plan(a, p);
	status_budget(a, p, 1);
	status_risks_csat(a, p);
out:
	health_release(&h);
}

/* Load table s of the account into *t (kept for the caller). */
static int
account_table(struct acap *c, struct project *p, const struct schema *s,
    struct table *t)
{
	table_release(t);
	*t = (struct table)TABLE_INIT;
	if (store_load(p, NULL, s, t) == -1) {
		fail(c, state_of(c->code), NULL);
		return -1;
	}
	return 0;
}

/* The commit of the account's branch (its HEAD when none is named). */
static int
account_commit(struct acap *c, git_repository *repo, git_commit **out)
{
	struct pf_account *a = c->a;
	git_reference *ref = NULL;
	git_object *obj = NULL;
	int rc;

	if (a->branch != NULL) {
		rc = git_branch_lookup(&ref, repo, a->branch, GIT_BRANCH_LOCAL);
		if (rc == 0)
			rc = git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT);
		else if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
			/* A remote branch, tag or commit works too. */
			if ((rc = git_revparse_single(&obj, repo,
			    a->branch)) == 0) {
				git_object *o = obj;

				rc = git_object_peel(&obj, o, GIT_OBJECT_COMMIT);
				git_object_free(o);
			}
			if (rc < 0) {
				fail(c, PF_UNREADABLE, "branch '%s' does not "
				    "exist", a->branch);
				goto out;
			}
		}
	} else {
		rc = git_repository_head(&ref, repo);
		if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
			fail(c, PF_UNREADABLE, "the repository has no commit");
			goto out;
		}
		if (rc == 0)
			rc = git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT);
	}
	if (rc < 0) {
		fail(c, PF_UNREADABLE, "cannot read the branch: %s",
		    giterr_msg());
		goto out;
	}
	*out = (git_commit *)obj;
	obj = NULL;
out:
	git_object_free(obj);
	git_reference_free(ref);
	return *out != NULL ? 0 : -1;
}

static void
read_account(const struct portfolio *pf, struct pf_account *a, unsigned what)
{
	struct acap c = { a, 0 };
	struct project p = PROJECT_INIT;
	git_repository *repo = NULL;
	git_commit *commit = NULL;
	git_tree *root = NULL, *tree = NULL;
	git_tree_entry *te = NULL;
	struct stat st;
	int rc;

	kam_exit_code = 0;
	kam_msg_capture(on_msg, &c);
	a->state = PF_OK;
	if (a->url != NULL)
		a->repo = portfolio_mirror(pf, a);
	else if (a->path == NULL) {
		fail(&c, PF_INVALID, "no path or url in " PORTFOLIO_FILE);
		goto out;
	} else if (a->path[0] == '/')
		a->repo = xstrdup(a->path);
	else
		a->repo = xasprintf("%s%s", pf->base, a->path);
	if (a->dir != NULL && !dir_ok(a->dir)) {
		fail(&c, PF_INVALID, "dir '%s' is not a folder inside the "
		    "repository", a->dir);
		goto out;
	}
	if (stat(a->repo, &st) == -1) {
		if (a->url != NULL && errno == ENOENT)
			fail(&c, PF_UNREADABLE, "not fetched yet (run 'kam "
			    "portfolio fetch')");
		else
			fail(&c, PF_UNREADABLE, "cannot open '%s': %s",
			    a->url != NULL ? a->repo : a->path, strerror(errno));
		goto out;
	}
	if ((rc = git_repository_open_ext(&repo, a->repo,
	    GIT_REPOSITORY_OPEN_NO_SEARCH, NULL)) < 0) {
		if (rc == GIT_ENOTFOUND)
			fail(&c, PF_UNREADABLE, "'%s' is not a git repository",
			    a->url != NULL ? a->repo : a->path);
		else
			fail(&c, PF_UNREADABLE, "cannot open the repository "
			    "'%s': %s", a->repo, giterr_msg());
		goto out;
	}
	if (account_commit(&c, repo, &commit) == -1)
		goto out;
	git_oid_tostr(a->commit, sizeof(a->commit), git_commit_id(commit));
	if ((rc = git_commit_tree(&root, commit)) < 0) {
		fail(&c, PF_UNREADABLE, "cannot read the commit's tree: %s",
		    giterr_msg());
		goto out;
	}
	if (a->dir != NULL && *a->dir != '\0') {
		rc = git_tree_entry_bypath(&te, root, a->dir);
		if (rc == GIT_ENOTFOUND || (rc == 0 &&
		    git_tree_entry_type(te) != GIT_OBJECT_TREE)) {
			fail(&c, PF_UNREADABLE, "no folder '%s' in %s", a->dir,
			    a->branch != NULL ? a->branch : "HEAD");
			goto out;
		}
		if (rc < 0 || (rc = git_tree_lookup(&tree, repo,
		    git_tree_entry_id(te))) < 0) {
			fail(&c, PF_UNREADABLE, "cannot read '%s': %s", a->dir,
			    giterr_msg());
			goto out;
		}
	} else {
		tree = root;
		root = NULL;
	}
	p.today = pf->today;
	if (project_open_tree(&p, tree) == -1) {
		if (c.code == KAM_EX_NOPROJECT)
			fail(&c, PF_UNREADABLE, "not a kam project (no kam.conf "
			    "in %s%s of %s)", a->dir != NULL && *a->dir !=
			    '\0' ? a->dir : "the root", a->dir != NULL &&
			    *a->dir != '\0' ? "/" : "", a->branch != NULL ?
			    a->branch : "HEAD");
		else
			fail(&c, state_of(c.code), NULL);
		goto out;
	}
	a->project = p.name != NULL ? xstrdup(p.name) : NULL;
	a->client = p.client != NULL ? xstrdup(p.client) : NULL;
	a->currency = p.currency != NULL ? xstrdup(p.currency) : NULL;
	a->digits = p.digits;
	a->today = p.today;
	a->risk_critical = p.risk_critical;
	if (what & PF_STATUS) {
		account_status(&c, &p);
		if (a->state != PF_OK)
			goto out;
	}
	if ((what & PF_RISKS) &&
	    (account_table(&c, &p, &schema_risks, &a->risks) == -1 ||
	    account_table(&c, &p, &schema_people, &a->people) == -1))
		goto out;
	if ((what & PF_LESSONS) &&
	    account_table(&c, &p, &schema_lessons, &a->lessons) == -1)
		goto out;
	if (what & PF_LOAD) {
		account_load(&c, pf, &p);
		if (a->state != PF_OK)
			goto out;
	}
	if (what & PF_BUDGET) {
		c.code = 0;
		status_budget(a, &p, 0);
		if (c.code != 0)
			fail(&c, state_of(c.code), NULL);
	}
out:
	p.tree = NULL;
	project_release(&p);
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_tree_free(root);
	git_commit_free(commit);
	git_repository_free(repo);
	kam_msg_capture(NULL, NULL);
	if (a->state != PF_OK && a->reason == NULL)
		a->reason = xstrdup("cannot be read");
	kam_exit_code = 0;
}

/* ---- load ---- */

static int32_t
period_of(int32_t d, int by_month)
{
	int y, m, day;

	if (!by_month)
		return d - date_weekday(d);
	date_ymd(d, &y, &m, &day);
	return date_from_ymd(y, m, 1);
}

static int32_t
period_end(int32_t start, int by_month)
{
	int y, m, day;

	if (!by_month)
		return start + 6;
	date_ymd(start, &y, &m, &day);
	return (m == 12 ? date_from_ymd(y + 1, 1, 1) :
	    date_from_ymd(y, m + 1, 1)) - 1;
}

/* One working day of a task: its person (row index) and period. */
struct day_hit {
	size_t	 person;
	int32_t	 period;
};

static int
cmp_hit(const void *x, const void *y)
{
	const struct day_hit *a = x, *b = y;

	if (a->person != b->person)
		return a->person < b->person ? -1 : 1;
	return a->period < b->period ? -1 : a->period > b->period;
}

/* The key of a person: the email in lower case, else the name. */
static char *
person_key(const struct table *people, const struct row *r)
{
	const char *e = table_get_name(people, r, "email");
	char *k, *q;

	if (e == NULL || *e == '\0')
		return xstrdup(table_get_name(people, r, "name"));
	k = xstrdup(e);
	for (q = k; *q != '\0'; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q += 'a' - 'A';
	return k;
}

/* As kam team load: a task occupies its assignee on every working day
 * from its early start to its early finish. */
static void
account_load(struct acap *c, const struct portfolio *pf, struct project *p)
{
	struct pf_account *a = c->a;
	struct table tasks = TABLE_INIT, people = TABLE_INIT;
	struct plan pl = PLAN_INIT;
	struct day_hit *hits = NULL;
	size_t i, j, nhits = 0, ahits = 0;
	int acol = schema_col(&schema_tasks, "assignee");
	const struct row *pr;
	int32_t date, d;
	long idx, cap, wd;

	if (store_load(p, NULL, &schema_tasks, &tasks) == -1 ||
	    store_load(p, NULL, &schema_people, &people) == -1 ||
	    (tasks.nrows > 0 && plan_compute(&pl, p, &tasks) == -1)) {
		fail(c, state_of(c->code), NULL);
		goto out;
	}
	for (i = 0; i < pl.ntasks; i++) {
		const struct plan_task *pt = &pl.tasks[i];

		if (pt->milestone || (pr = table_find(&people,
		    table_get(&tasks, pt->row, acol))) == NULL)
			continue;
		for (idx = pt->es; idx < pt->ee; idx++) {
			date = plan_day_date(&pl, idx);
			if (date < pf->from || date > pf->to)
				continue;
			if (nhits == ahits) {
				ahits = ahits ? ahits * 2 : 256;
				hits = xrealloc(hits, ahits * sizeof(*hits));
			}
			hits[nhits].person = (size_t)(pr - people.rows);
			hits[nhits++].period = period_of(date, pf->by_month);
		}
	}
	if (nhits > 1)
		qsort(hits, nhits, sizeof(*hits), cmp_hit);
	for (i = 0; i < nhits; i = j) {
		struct pf_load *l;

		for (j = i; j < nhits && hits[j].person == hits[i].person &&
		    hits[j].period == hits[i].period; j++)
			;
		pr = &people.rows[hits[i].person];
		if (int_parse(table_get_name(&people, pr, "capacity"), 0, 1000,
		    &cap, NULL) == -1)
			cap = 100;
		for (wd = 0, d = hits[i].period;
		    d <= period_end(hits[i].period, pf->by_month); d++)
			wd += project_is_workday(p, d);
		a->load = xrealloc(a->load, (a->nload + 1) * sizeof(*a->load));
		l = &a->load[a->nload++];
		l->key = person_key(&people, pr);
		l->name = xstrdup(table_get_name(&people, pr, "name"));
		l->period = hits[i].period;
		l->assigned = (long)(j - i);
		l->workdays = wd;
		l->capacity = cap;
	}
out:
	free(hits);
	plan_release(&pl);
	table_release(&tasks);
	table_release(&people);
}

struct load_ref {
	const struct pf_account	*a;
	const struct pf_load	*l;
};

static int
cmp_load(const void *x, const void *y)
{
	const struct load_ref *a = x, *b = y;
	int c;

	if ((c = strcmp(a->l->key, b->l->key)) != 0)
		return c;
	if (a->l->period != b->l->period)
		return a->l->period < b->l->period ? -1 : 1;
	return strcmp(a->a->name, b->a->name);
}

void
portfolio_load_rows(const struct portfolio *pf, struct pf_load_row **out,
    size_t *n)
{
	struct load_ref *v = NULL;
	struct kam_buf b = KAM_BUF_INIT;
	size_t i, j, k, nv = 0;
	long share;

	*out = NULL;
	*n = 0;
	for (i = 0; i < pf->n; i++)
		if (pf->acc[i].state == PF_OK)
			nv += pf->acc[i].nload;
	v = xcalloc(nv + 1, sizeof(*v));
	for (i = 0, nv = 0; i < pf->n; i++)
		for (j = 0; pf->acc[i].state == PF_OK &&
		    j < pf->acc[i].nload; j++) {
			v[nv].a = &pf->acc[i];
			v[nv++].l = &pf->acc[i].load[j];
		}
	if (nv > 1)
		qsort(v, nv, sizeof(*v), cmp_load);
	for (i = 0; i < nv; i = j) {
		struct pf_load_row *r;

		for (j = i; j < nv && strcmp(v[j].l->key, v[i].l->key) == 0 &&
		    v[j].l->period == v[i].l->period; j++)
			;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		r = &(*out)[(*n)++];
		memset(r, 0, sizeof(*r));
		r->key = v[i].l->key;
		r->name = v[i].l->name;
		r->period = v[i].l->period;
		r->end = period_end(r->period, pf->by_month);
		kam_buf_reset(&b);
		for (k = i; k < j; k++) {
			const struct pf_load *l = v[k].l;

			share = l->workdays > 0 ? (l->assigned * 10000 +
			    l->workdays / 2) / l->workdays : 0;
			r->load += share;
			if (l->capacity > r->capacity)
				r->capacity = l->capacity;
			kam_buf_printf(&b, "%s%s:%ld", b.len ? " " : "",
			    v[k].a->name, (share + 50) / 100);
		}
		r->over = r->load > r->capacity * 100;
		r->accounts = xstrdup(b.ptr != NULL ? b.ptr : "");
	}
	kam_buf_release(&b);
	free(v);
}

/* ---- budget totals ---- */

static int
cmp_risk(const void *x, const void *y)
{
	const struct pf_risk *a = x, *b = y;
	int c;

	if (a->score != b->score)
		return a->score < b->score ? 1 : -1;
	if ((c = strcmp(a->a->name, b->a->name)) != 0)
		return c;
	return a->r->num < b->r->num ? -1 : a->r->num > b->r->num;
}

void
portfolio_risks(const struct portfolio *pf, long min_score,
    const char *owner, struct pf_risk **out, size_t *np)
{
	struct pf_risk *v = NULL;
	const char *id, *email, *name;
	size_t i, j, n = 0, cap = 0;
	long sc;

	for (i = 0; i < pf->n; i++) {
		const struct pf_account *a = &pf->acc[i];

		if (a->state != PF_OK)
			continue;
		for (j = 0; j < a->risks.nrows; j++) {
			const struct row *r = &a->risks.rows[j], *p = NULL;

			if (strcmp(table_get(&a->risks, r, RISK_STATUS),
			    "open") != 0)
				continue;
			if ((sc = risk_score(&a->risks, r)) < min_score)
				continue;
			id = table_get(&a->risks, r, RISK_OWNER);
			if (*id != '\0')
				p = table_find(&a->people, id);
			if (owner != NULL) {
				email = p != NULL ? table_get(&a->people, p,
				    PERSON_EMAIL) : "";
				name = p != NULL ? table_get(&a->people, p,
				    PERSON_NAME) : "";
				if (*email != '\0' ? kam_strcasecmp(email,
				    owner) != 0 : p == NULL ||
				    strcmp(name, owner) != 0)
					continue;
			}
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[n].a = a;
			v[n].r = r;
			v[n].owner = p;
			v[n++].score = sc;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_risk);
	*out = v;
	*np = n;
}

/* Newest first, then account and id. */
static int
cmp_lesson(const void *x, const void *y)
{
	const struct pf_lesson *a = x, *b = y;
	int c;

	if ((c = strcmp(table_get(&b->a->lessons, b->r, LESSON_DATE),
	    table_get(&a->a->lessons, a->r, LESSON_DATE))) != 0)
		return c;
	if ((c = strcmp(a->a->name, b->a->name)) != 0)
		return c;
	return a->r->num < b->r->num ? -1 : a->r->num > b->r->num;
}

void
portfolio_lessons(const struct portfolio *pf, const char *area,
    const char *search, struct pf_lesson **out, size_t *np)
{
	struct pf_lesson *v = NULL;
	size_t i, j, n = 0, cap = 0;

	for (i = 0; i < pf->n; i++) {
		const struct pf_account *a = &pf->acc[i];
		const struct table *t = &a->lessons;

		if (a->state != PF_OK)
			continue;
		for (j = 0; j < t->nrows; j++) {
			const struct row *r = &t->rows[j];

			if (area != NULL && kam_strcasecmp(table_get(t, r,
			    LESSON_AREA), area) != 0)
				continue;
			if (search != NULL && !kam_strcasestr(table_get(t, r,
			    LESSON_LESSON), search) && !kam_strcasestr(
			    table_get(t, r, LESSON_ACTION), search) &&
			    !kam_strcasestr(table_get(t, r, LESSON_AREA),
			    search))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, cap * sizeof(*v));
			}
			v[n].a = a;
			v[n++].r = r;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_lesson);
	*out = v;
	*np = n;
}

void
portfolio_budget_totals(const struct portfolio *pf, struct pf_total **out,
    size_t *n)
{
	const struct pf_account *a;
	const char *cur;
	size_t i, j;

	*out = NULL;
	*n = 0;
	for (i = 0; i < pf->n; i++) {
		a = &pf->acc[i];
		if (a->state != PF_OK)
			continue;
		cur = a->currency != NULL ? a->currency : "";
		for (j = 0; j < *n; j++)
			if (strcmp((*out)[j].currency, cur) == 0 &&
			    (*out)[j].digits == a->digits)
				break;
		if (j == *n) {
			*out = xrealloc(*out, (*n + 1) * sizeof(**out));
			memset(&(*out)[j], 0, sizeof(**out));
			(*out)[j].currency = cur;
			(*out)[j].digits = a->digits;
			(*n)++;
		}
		if (money_add(&(*out)[j].planned, a->bud.planned) == -1 ||
		    money_add(&(*out)[j].actual, a->bud.actual) == -1)
			(*out)[j].overflow = 1;
		(*out)[j].accounts++;
	}
}

/* ---- in parallel ---- */

struct pool {
	struct portfolio	*pf;
	unsigned		 what;
	size_t			 next;
	pthread_mutex_t		 mu;
};

static void *
worker(void *arg)
{
	struct pool *pl = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&pl->mu);
		i = pl->next++;
		pthread_mutex_unlock(&pl->mu);
		if (i >= pl->pf->n)
			break;
		read_account(pl->pf, &pl->pf->acc[i], pl->what);
	}
	return NULL;
}

int
portfolio_read(struct portfolio *pf, unsigned what, int threads)
{
	struct pool pl;
	pthread_t *tid;
	long ncpu;
	int i, n, rc, ret = 0;

	if (threads <= 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		threads = ncpu > 0 ? (int)(ncpu < 64 ? ncpu : 64) : 1;
	}
	if ((size_t)threads > pf->n)
		threads = (int)pf->n;
	/* Blobs are not cached by default: every table read twice (the
	 * health run, then the status) would be inflated twice. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_BLOB,
	    (size_t)1 << 20);
	/* Once, here: localtime_r() in threads races on the time zone. */
	if (pf->today == 0 && project_today(&pf->today) == -1)
		return -1;
	memset(&pl, 0, sizeof(pl));
	pl.pf = pf;
	pl.what = what;
	pthread_mutex_init(&pl.mu, NULL);
	if (threads <= 1) {
		worker(&pl);
		pthread_mutex_destroy(&pl.mu);
		return 0;
	}
	tid = xcalloc((size_t)threads, sizeof(*tid));
	for (n = 0; n < threads; n++)
		if ((rc = pthread_create(&tid[n], NULL, worker, &pl)) != 0) {
			if (n == 0)
				ret = kam_errno(rc, "cannot start a thread");
			break;
		}
	for (i = 0; i < n; i++)
		pthread_join(tid[i], NULL);
	free(tid);
	pthread_mutex_destroy(&pl.mu);
	return ret;
}

static int
rank(const struct pf_account *a)
{
	if (a->state == PF_UNREADABLE)
		return 6;
	if (a->state == PF_INVALID)
		return 5;
	return (int)a->st.overall;
}

static int
cmp_acc(const void *x, const void *y)
{
	const struct pf_account *a = x, *b = y;

	if (rank(a) != rank(b))
		return rank(b) - rank(a);
	if (a->st.nred != b->st.nred)
		return a->st.nred < b->st.nred ? 1 : -1;
	if (a->st.namber != b->st.namber)
		return a->st.namber < b->st.namber ? 1 : -1;
	return strcmp(a->name, b->name);
}

void
portfolio_sort(struct portfolio *pf)
{
	if (pf->n > 1)
		qsort(pf->acc, pf->n, sizeof(*pf->acc), cmp_acc);
}

int
portfolio_worst(const struct portfolio *pf)
{
	int code = 0;
	size_t i;

	for (i = 0; i < pf->n; i++)
		if (pf->acc[i].state == PF_UNREADABLE)
			return KAM_EX_IO;
		else if (pf->acc[i].state == PF_INVALID)
			code = KAM_EX_DATA;
	return code;
}

const char *
portfolio_state_name(const struct pf_account *a)
{
	if (a->state == PF_UNREADABLE)
		return "unreadable";
	if (a->state == PF_INVALID)
		return "invalid";
	return health_status_name(a->st.overall);
}

void
portfolio_report_bad(const struct portfolio *pf)
{
	const struct pf_account *a;
	const char *p, *nl;
	size_t i;

	for (i = 0; i < pf->n; i++) {
		a = &pf->acc[i];
		for (p = a->warnings; p != NULL && *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			kam_warn("account '%s': %.*s", a->name, (int)(nl - p), p);
		}
		if (a->state != PF_OK)
			kam_err(a->state == PF_INVALID ? KAM_EX_DATA : KAM_EX_IO,
			    "account '%s' (%s): %s", a->name,
			    portfolio_state_name(a), a->reason);
	}
}

/* ---- mirrors ---- */

static int
mirror_remote(git_remote **out, git_repository *repo, const char *name,
    const char *url, void *payload)
{
	(void)payload;
	return git_remote_create_with_fetchspec(out, repo, name, url,
	    "+refs/heads/*:refs/heads/*");
}

struct progress {
	const char	*name;
	int		 shown;
};

static int
on_progress(const git_indexer_progress *s, void *payload)
{
	struct progress *pr = payload;

	if (s->total_objects == 0)
		return 0;
	fprintf(stderr, "\rkam: %s: %u/%u objects", pr->name,
	    s->received_objects, s->total_objects);
	pr->shown = 1;
	return 0;
}

static int
make_dir(const char *path)
{
	if (mkdir(path, 0777) == -1 && errno != EEXIST)
		return kam_errno(errno, "cannot create '%s'", path);
	return 0;
}

static void
fetch_one(const struct portfolio *pf, struct pf_account *a, int progress)
{
	struct acap c = { a, 0 };
	struct progress pr = { a->name, 0 };
	git_clone_options co;
	git_fetch_options fo;
	git_repository *repo = NULL;
	git_remote *remote = NULL;
	struct stat st;
	int rc;

	kam_msg_capture(on_msg, &c);
	a->state = PF_OK;
	free(a->repo);
	a->repo = portfolio_mirror(pf, a);
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	fo.prune = GIT_FETCH_PRUNE;
	if (progress) {
		fo.callbacks.transfer_progress = on_progress;
		fo.callbacks.payload = &pr;
	}
	a->fetched = stat(a->repo, &st) == 0 ? "fetched" : "cloned";
	if (*a->fetched == 'f') {
		if ((rc = git_repository_open_bare(&repo, a->repo)) < 0 ||
		    (rc = git_remote_lookup(&remote, repo, "origin")) < 0) {
			fail(&c, PF_UNREADABLE, "cannot open the mirror '%s': %s",
			    a->repo, giterr_msg());
			goto out;
		}
		if (strcmp(git_remote_url(remote), a->url) != 0 &&
		    (rc = git_remote_set_url(repo, "origin", a->url)) == 0) {
			git_remote_free(remote);
			remote = NULL;
			rc = git_remote_lookup(&remote, repo, "origin");
		}
		if (rc < 0 || (rc = git_remote_fetch(remote, NULL, &fo,
		    "kam portfolio fetch")) < 0) {
			fail(&c, PF_UNREADABLE, "cannot fetch '%s': %s", a->url,
			    giterr_msg());
			goto out;
		}
	} else {
		git_clone_options_init(&co, GIT_CLONE_OPTIONS_VERSION);
		co.bare = 1;
		co.remote_cb = mirror_remote;
		co.fetch_opts = fo;
		if ((rc = git_clone(&repo, a->url, a->repo, &co)) < 0) {
			fail(&c, PF_UNREADABLE, "cannot clone '%s': %s", a->url,
			    giterr_msg());
			goto out;
		}
	}
out:
	if (pr.shown)
		fputc('\n', stderr);
	git_remote_free(remote);
	git_repository_free(repo);
	kam_msg_capture(NULL, NULL);
}

int
portfolio_fetch(struct portfolio *pf, int progress)
{
	struct kam_buf b = KAM_BUF_INIT;
	char *dir, *ign;
	size_t i;
	FILE *fp;
	int ret = -1;

	dir = xasprintf("%s.kam", pf->base);
	if (make_dir(dir) == -1)
		goto out;
	/* The mirrors are never part of the portfolio's own repository. */
	ign = xasprintf("%s/.gitignore", dir);
	if (access(ign, F_OK) == -1 && (fp = fopen(ign, "w")) != NULL) {
		fputs("*\n", fp);
		fclose(fp);
	}
	free(ign);
	free(dir);
	dir = xasprintf("%s.kam/mirrors", pf->base);
	if (make_dir(dir) == -1)
		goto out;
	for (i = 0; i < pf->n; i++)
		if (pf->acc[i].url != NULL)
			fetch_one(pf, &pf->acc[i], progress);
	ret = 0;
out:
	free(dir);
	kam_buf_release(&b);
	return ret;
}

void
portfolio_release(struct portfolio *pf)
{
	struct pf_account *a;
	size_t i, j;

	for (i = 0; i < pf->n; i++) {
		a = &pf->acc[i];
		free(a->name);
		free(a->path);
		free(a->url);
		free(a->branch);
		free(a->dir);
		free(a->repo);
		free(a->reason);
		free(a->warnings);
		free(a->project);
		free(a->client);
		free(a->currency);
		free(a->st.worst_cat);
		free(a->st.why);
		table_release(&a->risks);
		table_release(&a->people);
		table_release(&a->lessons);
		for (j = 0; j < a->nload; j++) {
			free(a->load[j].key);
			free(a->load[j].name);
		}
		free(a->load);
	}
	free(pf->acc);
	free(pf->file);
	free(pf->base);
	pf->acc = NULL;
	pf->n = 0;
	pf->file = pf->base = NULL;
}
