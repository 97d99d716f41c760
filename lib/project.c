/*
 * project.c: find the project, open its repository, read kam.conf with
 * libgit2's config reader, and answer calendar questions.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "kam.h"
#include "lang.h"
#include "project.h"
#include "value.h"

static char *
with_slash(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && s[n - 1] == '/' ? xstrdup(s) : xasprintf("%s/", s);
}

static int
conf_string(git_config *cfg, const char *key, char **out)
{
	git_buf b = { NULL, 0, 0 };
	int rc;

	rc = git_config_get_string_buf(&b, cfg, key);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return kam_giterr(rc, "kam.conf: cannot read '%s'", key);
	free(*out);
	*out = xstrdup(b.ptr);
	git_buf_dispose(&b);
	return 0;
}

static int
conf_long(git_config *cfg, const char *key, long min, long max, long *out)
{
	char *s = NULL;
	long v;
	int ret = 0;

	if (conf_string(cfg, key, &s) == -1)
		return -1;
	if (s == NULL)
		return 0;
	if (int_parse(s, min, max, &v, NULL) == -1)
		ret = kam_err(KAM_EX_DATA, "kam.conf: %s: invalid value '%s' "
		    "(expected an integer %ld-%ld)", key, s, min, max);
	else
		*out = v;
	free(s);
	return ret;
}

static int
cmp_date(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

static int
read_workdays(struct project *p, const char *s)
{
	static const char *names[] = { "mon", "tue", "wed", "thu", "fri",
	    "sat", "sun" };
	const char *q;
	size_t n, i;

	p->workdays = 0;
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',')
			s++;
		if (*s == '\0')
			break;
		q = s;
		while (*q != '\0' && *q != ' ' && *q != '\t' && *q != ',')
			q++;
		n = (size_t)(q - s);
		for (i = 0; i < 7; i++)
			if (n == 3 && strncmp(s, names[i], 3) == 0)
				break;
		if (i == 7)
			return kam_err(KAM_EX_DATA, "kam.conf: calendar.workdays: "
			    "unknown day '%.*s' (expected mon tue wed thu fri "
			    "sat sun)", (int)n, s);
		p->workdays |= 1u << i;
		s = q;
	}
	if (p->workdays == 0)
		return kam_err(KAM_EX_DATA, "kam.conf: calendar.workdays: no "
		    "working day");
	return 0;
}

/*
 * The physical line of kam.conf where `name` (section.key, or
 * section.sub.key) stands without "=": libgit2 gives a NULL value for
 * such a key but no line.  0 when it is not found (an included file).
 */
static unsigned long
valueless_line(const char *path, const char *name)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *key = strrchr(name, '.'), *l, *e, *q;
	unsigned long line = 0, n = 0;
	size_t klen;

	key = key != NULL ? key + 1 : name;
	klen = strlen(key);
	if (kam_read_file(&b, path) != 0) {
		kam_buf_release(&b);
		return 0;
	}
	for (l = b.ptr; l < b.ptr + b.len && line == 0; l = e + 1) {
		n++;
		if ((e = memchr(l, '\n', (size_t)(b.ptr + b.len - l))) == NULL)
			e = b.ptr + b.len;
		q = l;
		if (*q == '[' && (q = memchr(l, ']', (size_t)(e - l))) != NULL)
			q++;	/* "[calendar] holiday": key after the header */
		else
			q = l;
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		if ((size_t)(e - q) < klen || memchr(q, '=', (size_t)(e - q)) ||
		    strncasecmp(q, key, klen) != 0)
			continue;
		for (q += klen; q < e && (*q == ' ' || *q == '\t' ||
		    *q == '\r'); q++)
			;
		if (q == e || *q == '#' || *q == ';')
			line = n;
	}
	kam_buf_release(&b);
	return line;
}

/*
 * An include.path or includeIf.*.path value: only relative paths that
 * stay inside the work tree (after resolving symlinks) are allowed, so
 * a kam.conf cannot make kam read /etc/passwd or ~/.gitconfig.
 */
static int
include_inside(const char *conf, const char *value)
{
	char dir[PATH_MAX], real[PATH_MAX], *abs, *slash;
	const char *c;
	int ok = 1;

	if (value[0] == '/' || value[0] == '~')
		return 0;
	for (c = value; *c != '\0'; c = strchr(c, '/') != NULL ?
	    strchr(c, '/') + 1 : c + strlen(c))
		if (strncmp(c, "..", 2) == 0 && (c[2] == '/' || c[2] == '\0'))
			return 0;
	if (realpath(conf, dir) == NULL)
		return 0;
	if ((slash = strrchr(dir, '/')) != NULL)
		slash[1] = '\0';
	abs = xasprintf("%s%s", dir, value);
	if (realpath(abs, real) != NULL &&
	    strncmp(real, dir, strlen(dir)) != 0)
		ok = 0;		/* a symlink leading out */
	free(abs);
	return ok;
}

/*
 * Before libgit2 reads kam.conf (and follows its includes): refuse an
 * include.path or includeIf.*.path outside the project.  A line scanner
 * that errs on the side of refusing; check_entries() checks again what
 * libgit2 read.
 */
static int
prescan_includes(const char *path)
{
	struct kam_buf b = KAM_BUF_INIT;
	const char *l, *e, *q, *v;
	char *val;
	int in_inc = 0, ret = 0;

	if (kam_read_file(&b, path) == -1)
		return -1;
	for (l = b.ptr; b.ptr != NULL && l < b.ptr + b.len && ret == 0;
	    l = e + 1) {
		if ((e = memchr(l, '\n', (size_t)(b.ptr + b.len - l))) == NULL)
			e = b.ptr + b.len;
		for (q = l; q < e && (*q == ' ' || *q == '\t'); q++)
			;
		if (q < e && *q == '[') {
			q++;
			in_inc = (size_t)(e - q) >= 7 &&
			    strncasecmp(q, "include", 7) == 0 &&
			    (q[7] == ']' || q[7] == ' ' || q[7] == '\t' ||
			    ((size_t)(e - q) >= 9 &&
			    strncasecmp(q + 7, "if", 2) == 0));
			if ((q = memchr(q, ']', (size_t)(e - q))) == NULL)
				continue;
			for (q++; q < e && (*q == ' ' || *q == '\t'); q++)
				;
		}
		if (!in_inc || (size_t)(e - q) < 4 ||
		    strncasecmp(q, "path", 4) != 0)
			continue;
		for (q += 4; q < e && (*q == ' ' || *q == '\t'); q++)
			;
		if (q == e || *q != '=')
			continue;
		for (q++; q < e && (*q == ' ' || *q == '\t' || *q == '"'); q++)
			;
		for (v = e; v > q && (v[-1] == ' ' || v[-1] == '\t' ||
		    v[-1] == '\r' || v[-1] == '"'); v--)
			;
		val = xstrndup(q, (size_t)(v - q));
		if (!include_inside(path, val))
			ret = kam_err(KAM_EX_DATA, "kam.conf: refusing to include "
			    "'%s' (only relative paths inside the project)",
			    val);
		free(val);
	}
	kam_buf_release(&b);
	return ret;
}

/* Every entry has a value; every include stays inside the project. */
static int
check_entries(git_config *cfg, const char *path)
{
	git_config_iterator *it = NULL;
	git_config_entry *e;
	unsigned long line;
	size_t n;
	int rc, ret = 0;

	if ((rc = git_config_iterator_new(&it, cfg)) < 0)
		return kam_giterr(rc, "kam.conf: cannot read");
	while (ret == 0 && (rc = git_config_next(&e, it)) == 0) {
		n = strlen(e->name);
		if (e->value == NULL) {
			/* libgit2 may hand over a name without a section. */
			const char *key = strrchr(e->name, '.') != NULL ?
			    strrchr(e->name, '.') + 1 : e->name;

			line = valueless_line(path, e->name);
			if (line > 0)
				ret = kam_err(KAM_EX_DATA, "kam.conf:%lu: '%s' has "
				    "no value (write '%s = ...')", line, e->name,
				    key);
			else
				ret = kam_err(KAM_EX_DATA, "kam.conf: '%s' has no "
				    "value (write '%s = ...')", e->name, key);
		} else if ((kam_strcasecmp(e->name, "include.path") == 0 ||
		    (strncasecmp(e->name, "includeif.", 10) == 0 && n > 15 &&
		    kam_strcasecmp(e->name + n - 5, ".path") == 0)) &&
		    !include_inside(path, e->value))
			ret = kam_err(KAM_EX_DATA, "kam.conf: %s: refusing to "
			    "include '%s' (only relative paths inside the "
			    "project)", e->name, e->value);
	}
	git_config_iterator_free(it);
	return ret;
}

/* A ratio such as 0.95 (at most three decimals, 0-10) in thousandths. */
static int
conf_ratio(git_config *cfg, const char *key, long *out)
{
	char *s = NULL;
	int64_t v;
	int ret = 0;

	if (conf_string(cfg, key, &s) == -1)
		return -1;
	if (s == NULL)
		return 0;
	if (money_parse(s, 3, &v, NULL) == -1 || v < 0 || v > 10000)
		ret = kam_err(KAM_EX_DATA, "kam.conf: %s: invalid value '%s' "
		    "(expected a ratio 0-10 such as 0.95)", key, s);
	else
		*out = (long)v;
	free(s);
	return ret;
}

/* project.deadline, project.number-format and the [health] keys of the
 * early warnings. */
static int
conf_health_more(git_config *cfg, struct project *p)
{
	enum numfmt nf = (enum numfmt)p->numfmt;
	const char *why;
	char *s = NULL;
	int ret = -1;

	if (conf_ratio(cfg, "health.evm-warn", &p->evm_warn) ||
	    conf_ratio(cfg, "health.evm-red", &p->evm_red) ||
	    conf_long(cfg, "health.evm-min-pct", 0, 100, &p->evm_min_pct) ||
	    conf_long(cfg, "health.deadline-warn", 0, 10000,
	    &p->deadline_warn) ||
	    conf_long(cfg, "health.late-grace", 0, 10000, &p->late_grace) ||
	    conf_long(cfg, "health.late-red", 0, 10000, &p->late_red) ||
	    conf_long(cfg, "health.action-red", 0, 10000, &p->action_red) ||
	    conf_string(cfg, "project.deadline", &s) == -1)
		goto out;
	if (s != NULL && date_parse(s, &p->deadline, &why) == -1) {
		kam_err(KAM_EX_DATA, "kam.conf: project.deadline: invalid date "
		    "'%s': %s", s, why);
		goto out;
	}
	free(s);
	s = NULL;
	if (conf_string(cfg, "project.number-format", &s) == -1)
		goto out;
	if (s != NULL && numfmt_parse(s, &nf, &why) == -1) {
		kam_err(KAM_EX_DATA, "kam.conf: project.number-format: invalid "
		    "value '%s' (%s)", s, why);
		goto out;
	}
	p->numfmt = (int)nf;
	free(s);
	s = NULL;
	if (conf_string(cfg, "project.language", &s) == -1)
		goto out;
	if (s != NULL && lang_parse(s, &p->lang) == -1) {
		kam_err(KAM_EX_DATA, "kam.conf: project.language: invalid "
		    "value '%s' (expected en or zh)", s);
		goto out;
	}
	ret = 0;
out:
	free(s);
	return ret;
}

/* Effort and money spent (issue 16): calendar.hours-per-day (quarter
 * hours, 0.25-24), health.effort-overrun, health.payment-days and
 * project.contract-value (money, with the project's digits). */
static int
conf_commercial(git_config *cfg, struct project *p)
{
	const char *why;
	char *s = NULL;
	int ret = -1;

	if (conf_long(cfg, "health.effort-overrun", 0, 1000,
	    &p->effort_overrun) ||
	    conf_long(cfg, "health.payment-days", 1, 3650, &p->payment_days) ||
	    conf_string(cfg, "calendar.hours-per-day", &s) == -1)
		goto out;
	if (s != NULL && (hours_parse(s, &p->hours_per_day, &why) == -1 ||
	    (why = "expected 0.25 to 24 hours", p->hours_per_day < 1 ||
	    p->hours_per_day > 96))) {
		kam_err(KAM_EX_DATA, "kam.conf: calendar.hours-per-day: invalid "
		    "value '%s': %s", s, why);
		goto out;
	}
	free(s);
	s = NULL;
	if (conf_string(cfg, "project.contract-value", &s) == -1)
		goto out;
	if (s != NULL) {
		if (money_parse(s, p->digits, &p->contract_value, &why) == -1 ||
		    (why = "a contract value cannot be negative",
		    p->contract_value < 0)) {
			kam_err(KAM_EX_DATA, "kam.conf: project.contract-value: "
			    "invalid amount '%s': %s", s, why);
			goto out;
		}
		p->has_contract_value = 1;
	}
	free(s);
	s = NULL;
	if (conf_string(cfg, "budget.evm-categories", &s) == -1)
		goto out;
	if (s != NULL) {
		struct kam_buf b = KAM_BUF_INIT;
		char *w, *save = NULL;

		for (w = strtok_r(s, " \t", &save); w != NULL;
		    w = strtok_r(NULL, " \t", &save))
			kam_buf_printf(&b, "%s%s", b.len ? " " : "", w);
		if (b.len == 0) {
			kam_buf_release(&b);
			kam_err(KAM_EX_DATA, "kam.conf: budget.evm-categories: "
			    "expected expense categories separated by spaces "
			    "(services labour)");
			goto out;
		}
		free(p->evm_categories);
		p->evm_categories = xstrdup(b.ptr);
		kam_buf_release(&b);
	}
	ret = 0;
out:
	free(s);
	return ret;
}

/* Every value of the multivar `key` (calendar.holiday, calendar.workday)
 * as sorted dates. */
static int
read_dates(git_config *cfg, const char *key, int32_t **out, size_t *n)
{
	git_config_iterator *it = NULL;
	git_config_entry *e;
	const char *why;
	int32_t d;
	int rc, ret = -1;

	rc = git_config_multivar_iterator_new(&it, cfg, key, NULL);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return kam_giterr(rc, "kam.conf: cannot read %s", key);
	while (it != NULL && (rc = git_config_next(&e, it)) == 0) {
		if (date_parse(e->value, &d, &why) == -1) {
			kam_err(KAM_EX_DATA, "kam.conf: %s: invalid date '%s': "
			    "%s", key, e->value, why);
			goto out;
		}
		*out = xrealloc(*out, (*n + 1) * sizeof(int32_t));
		(*out)[(*n)++] = d;
	}
	if (*n > 0)	/* qsort(NULL, 0, ...) is undefined */
		qsort(*out, *n, sizeof(int32_t), cmp_date);
	ret = 0;
out:
	git_config_iterator_free(it);
	return ret;
}

/* A date cannot be both a holiday and a make-up working day. */
static int
check_calendar(const struct project *p)
{
	size_t i = 0, j = 0;
	char d[11];

	while (i < p->nholidays && j < p->nworkdates) {
		if (p->holidays[i] == p->workdates[j])
			return kam_err(KAM_EX_DATA, "kam.conf: %s is both a "
			    "calendar.holiday and a calendar.workday",
			    date_fmt(p->holidays[i], d));
		if (p->holidays[i] < p->workdates[j])
			i++;
		else
			j++;
	}
	return 0;
}

char *
project_money(const struct project *p, int64_t v, char *buf)
{
	return money_human(v, p->digits, (enum numfmt)p->numfmt, p->currency,
	    buf);
}

int
project_read_conf(struct project *p, const char *path)
{
	git_config *file = NULL, *cfg = NULL;
	char *s = NULL;
	const char *why;
	int rc, ret = -1;

	if (prescan_includes(path) == -1)
		goto out;
	if ((rc = git_config_open_ondisk(&file, path)) < 0 ||
	    (rc = git_config_snapshot(&cfg, file)) < 0) {
		const git_error *ge = git_error_last();

		kam_err(KAM_EX_DATA, "%s: %s", path, ge != NULL ? ge->message :
		    "cannot read");
		goto out;
	}
	if (check_entries(cfg, path) == -1)
		goto out;
	if (conf_string(cfg, "project.name", &p->name) == -1 ||
	    conf_string(cfg, "project.client", &p->client) == -1 ||
	    conf_string(cfg, "project.currency", &p->currency) == -1)
		goto out;
	if (p->currency != NULL) {
		size_t i, n = strlen(p->currency);

		for (i = 0; i < n; i++)
			if (p->currency[i] < 'A' || p->currency[i] > 'Z')
				break;
		if (n != 3 || i != n || !currency_known(p->currency)) {
			kam_err(KAM_EX_DATA, "kam.conf: project.currency: '%s' is "
			    "not an ISO 4217 code (e.g. CNY, EUR)", p->currency);
			goto out;
		}
		/* ISO 4217 currencies without minor units. */
		if (strstr("JPY KRW VND CLP ISK UGX XAF XOF PYG", p->currency))
			p->digits = 0;
		else if (strstr("BHD KWD OMR JOD TND IQD LYD", p->currency))
			p->digits = 3;
	}
	{
		long d = p->digits;

		if (conf_long(cfg, "project.digits", 0, 4, &d) == -1)
			goto out;
		p->digits = (int)d;
	}
	if (conf_string(cfg, "project.start", &s) == -1)
		goto out;
	if (s != NULL && date_parse(s, &p->start, &why) == -1) {
		kam_err(KAM_EX_DATA, "kam.conf: project.start: invalid date "
		    "'%s': %s", s, why);
		goto out;
	}
	free(s);
	s = NULL;
	if (conf_string(cfg, "calendar.workdays", &s) == -1)
		goto out;
	if (s != NULL && read_workdays(p, s) == -1)
		goto out;
	if (read_dates(cfg, "calendar.holiday", &p->holidays, &p->nholidays) ==
	    -1 || read_dates(cfg, "calendar.workday", &p->workdates,
	    &p->nworkdates) == -1 || check_calendar(p) == -1)
		goto out;
	if (conf_long(cfg, "health.budget-warn", 0, 1000, &p->budget_warn) ||
	    conf_long(cfg, "health.budget-overrun", 0, 1000,
	    &p->budget_overrun) ||
	    conf_long(cfg, "health.risk-critical", 1, 25, &p->risk_critical) ||
	    conf_long(cfg, "health.csat-min", 0, 10, &p->csat_min) ||
	    conf_long(cfg, "health.comm-grace", 0, 365, &p->comm_grace))
		goto out;
	/* A warning above the red line would never be seen: a category is
	 * red first. */
	if (p->budget_warn > 100 + p->budget_overrun) {
		kam_err(KAM_EX_DATA, "kam.conf: health.budget-warn: %ld%% is "
		    "above where a category turns red (100%% + budget-overrun "
		    "%ld%%), so it would never warn", p->budget_warn,
		    p->budget_overrun);
		goto out;
	}
	if (conf_health_more(cfg, p) == -1)
		goto out;
	if (conf_commercial(cfg, p) == -1)
		goto out;
	ret = 0;
out:
	free(s);
	git_config_free(cfg);
	git_config_free(file);
	return ret;
}

int
project_config_env(git_repository *repo)
{
	const char *g = getenv("GIT_CONFIG_GLOBAL");
	git_config *cfg = NULL;
	int rc;

	if (g == NULL)
		return 0;
	if (repo == NULL) {
		if ((rc = git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH,
		    GIT_CONFIG_LEVEL_GLOBAL, "")) < 0 ||
		    (rc = git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH,
		    GIT_CONFIG_LEVEL_XDG, "")) < 0)
			return kam_giterr(rc, "GIT_CONFIG_GLOBAL: cannot set the "
			    "configuration search path");
		return 0;
	}
	if (*g == '\0')
		return 0;
	if ((rc = git_repository_config(&cfg, repo)) == 0)
		rc = git_config_add_file_ondisk(cfg, g, GIT_CONFIG_LEVEL_GLOBAL,
		    repo, 0);
	git_config_free(cfg);
	if (rc < 0 && rc != GIT_ENOTFOUND)
		return kam_giterr(rc, "GIT_CONFIG_GLOBAL: cannot read '%s'", g);
	return 0;
}

static int32_t
system_today(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/*
 * libgit2 1.5 refuses a repository owned by another user (git's
 * safe.directory check) with GIT_ENOTFOUND, as if there were none.  Is
 * that the case for dir?  Sets wd (PATH_MAX) to its work tree.
 */
static int
foreign_repo(const char *dir, char *wd)
{
	git_repository *r = NULL;
	const char *w;
	int on = 1, found = 0;

	if (git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, &on) < 0 || !on ||
	    git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0) < 0)
		return 0;
	if (git_repository_open_ext(&r, dir, 0,
	    getenv("GIT_CEILING_DIRECTORIES")) == 0) {
		w = git_repository_workdir(r);
		if (w == NULL)
			w = git_repository_path(r);
		snprintf(wd, PATH_MAX, "%.*s", (int)(strlen(w) > 1 &&
		    w[strlen(w) - 1] == '/' ? strlen(w) - 1 : strlen(w)), w);
		found = 1;
	}
	git_repository_free(r);
	git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 1);
	return found;
}

int
project_open(struct project *p, const char *dir)
{
	char path[PATH_MAX], *conf = NULL, *slash;
	const char *wd;
	struct stat st;
	int rc, ret = -1;

	if (realpath(dir != NULL ? dir : ".", path) == NULL) {
		/* A directory that is not there holds no project (66). */
		if (errno == ENOENT || errno == ENOTDIR)
			return kam_err(KAM_EX_NOPROJECT, "cannot use directory "
			    "'%s': %s", dir != NULL ? dir : ".",
			    strerror(errno));
		return kam_errno(errno, "cannot use directory '%s'",
		    dir != NULL ? dir : ".");
	}
	for (;;) {
		free(conf);
		conf = xasprintf("%s%skam.conf", path,
		    strcmp(path, "/") == 0 ? "" : "/");
		if (lstat(conf, &st) == 0)
			break;
		if ((slash = strrchr(path, '/')) == NULL || slash == path) {
			git_repository *r = NULL;

			/* A bare repository gets its own answer (R2). */
			if (git_repository_open_ext(&r, dir != NULL ? dir : ".",
			    0, getenv("GIT_CEILING_DIRECTORIES")) == 0 &&
			    git_repository_is_bare(r)) {
				git_repository_free(r);
				kam_err(KAM_EX_STATE, "bare repository has no "
				    "working tree");
				goto out;
			}
			git_repository_free(r);
			kam_err(KAM_EX_NOPROJECT, "not a kam project (or any of "
			    "the parent directories): run 'kam init'");
			goto out;
		}
		*slash = '\0';
	}
	if (S_ISLNK(st.st_mode)) {
		kam_err(KAM_EX_STATE, "refusing to follow symlink '%s'", conf);
		goto out;
	}
	p->root = with_slash(path);
	if (project_config_env(NULL) == -1)
		goto out;
	/* As git: never search above GIT_CEILING_DIRECTORIES. */
	if ((rc = git_repository_open_ext(&p->repo, p->root, 0,
	    getenv("GIT_CEILING_DIRECTORIES"))) < 0) {
		if (rc == GIT_ENOTFOUND && foreign_repo(p->root, path))
			kam_err(KAM_EX_STATE, "the repository at '%s' belongs "
			    "to another user; if you trust it: git config "
			    "--global --add safe.directory '%s'", path, path);
		else if (rc == GIT_ENOTFOUND)
			kam_err(KAM_EX_NOPROJECT, "'%s' is not inside a git "
			    "repository (run 'kam init' there)", p->root);
		else
			kam_giterr(rc, "cannot open the repository of '%s'",
			    p->root);
		goto out;
	}
	if (project_config_env(p->repo) == -1)
		goto out;
	if ((wd = git_repository_workdir(p->repo)) == NULL) {
		kam_err(KAM_EX_STATE, "bare repository has no working tree");
		goto out;
	}
	if (realpath(wd, path) == NULL) {
		kam_errno(errno, "cannot use directory '%s'", wd);
		goto out;
	}
	p->workdir = with_slash(path);
	if (strncmp(p->root, p->workdir, strlen(p->workdir)) != 0) {
		kam_err(KAM_EX_STATE, "'%s' is outside the work tree '%s'",
		    p->root, p->workdir);
		goto out;
	}
	p->prefix = xstrdup(p->root + strlen(p->workdir));
	if (project_read_conf(p, conf) == -1)
		goto out;
	/* --today and KAM_TODAY are the caller's: main() parses them once
	 * and sets p->today after this. */
	p->today = system_today();
	ret = 0;
out:
	free(conf);
	return ret;
}

void
project_release(struct project *p)
{
	git_repository_free(p->repo);
	free(p->workdir);
	free(p->root);
	free(p->prefix);
	free(p->name);
	free(p->client);
	free(p->currency);
	free(p->holidays);
	free(p->workdates);
	free(p->evm_categories);
	p->repo = NULL;
	p->workdir = p->root = p->prefix = NULL;
	p->name = p->client = p->currency = NULL;
	p->holidays = p->workdates = NULL;
	p->nholidays = p->nworkdates = 0;
}

char *
project_relpath(const struct project *p, const char *file)
{
	return xasprintf("%s%s", p->prefix != NULL ? p->prefix : "", file);
}

char *
project_abspath(const struct project *p, const char *file)
{
	return xasprintf("%s%s", p->root, file);
}

/* d among the sorted dates v[0..n). */
static int
date_in(const int32_t *v, size_t n, int32_t d)
{
	size_t lo = 0, hi = n, m;

	while (lo < hi) {
		m = lo + (hi - lo) / 2;
		if (v[m] == d)
			return 1;
		if (v[m] < d)
			lo = m + 1;
		else
			hi = m;
	}
	return 0;
}

int
calendar_is_workday(unsigned workdays, const int32_t *holidays,
    size_t nholidays, const int32_t *workdates, size_t nworkdates, int32_t d)
{
	if (date_in(workdates, nworkdates, d))
		return 1;
	return (workdays & (1u << date_weekday(d))) != 0 &&
	    !date_in(holidays, nholidays, d);
}

int
project_is_workday(const struct project *p, int32_t d)
{
	return calendar_is_workday(p->workdays, p->holidays, p->nholidays,
	    p->workdates, p->nworkdates, d);
}

int32_t
project_next_workday(const struct project *p, int32_t d)
{
	while (!project_is_workday(p, d))
		d++;
	return d;
}
