/*
 * lesson.c: kam lesson — lessons learned (SPEC §3 "Evaluation and
 * lessons"): what to keep doing and what to improve, by area, with the
 * action taken.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/records.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char add_usage[] =
    "kam lesson add text --kind keep|improve [--area a] [--action text] "
    "[--date date]";
static const char list_usage[] =
    "kam lesson list [--search word] [--area a] [--kind keep|improve]";

static const char *const brief[] = { "id", "date", "area", "kind", "lesson",
	"action", NULL };

static int
lesson_add(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "kind", required_argument, NULL, 'k' },
		{ "area", required_argument, NULL, 'a' },
		{ "action", required_argument, NULL, 'A' },
		{ "date", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 }
	};
	struct table lessons = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r;
	const char *kind = NULL, *area = NULL, *action = NULL, *why;
	char id[32], day[11], t[11];
	int32_t date = k->p.today;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, add_usage, &err)) != -1)
		switch (ch) {
		case 'k':
			kind = optarg;
			break;
		case 'a':
			area = optarg;
			break;
		case 'A':
			action = optarg;
			break;
		case 'd':
			if (date_parse(optarg, &date, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--date: invalid "
				    "date '%s': %s", optarg, why);
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(add_usage);
	if (kind == NULL)
		return kam_err(KAM_EX_USAGE, "a lesson needs --kind keep (what "
		    "went well) or --kind improve (what to do better)");
	if (date > k->p.today)
		return kam_err(KAM_EX_USAGE, "--date: %s is after today (%s); "
		    "record a lesson when it has been learned",
		    date_fmt(date, day), date_fmt(k->p.today, t));
	if (kam_tx_begin(k, &tx) == -1 ||
	    store_load(&k->p, &tx, &schema_lessons, &lessons) == -1)
		goto out;
	r = table_add(&lessons);
	table_set(&lessons, r, LESSON_DATE, date_fmt(date, day));
	if (store_set_arg(&lessons, r, "lesson", argv[optind], "text") == -1 ||
	    store_set_arg(&lessons, r, "kind", kind, "--kind") == -1 ||
	    (area != NULL &&
	    store_set_arg(&lessons, r, "area", area, "--area") == -1) ||
	    (action != NULL &&
	    store_set_arg(&lessons, r, "action", action, "--action") == -1))
		goto out;
	snprintf(id, sizeof(id), "%s", table_get(&lessons, r, LESSON_ID));
	store_put(&tx, &lessons);
	if (kam_tx_commit(k, &tx, "lesson add", id, table_get(&lessons, r,
	    LESSON_LESSON)) == -1)
		goto out;
	printf("%s\n", id);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&lessons);
	return ret;
}

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Does s contain w, ASCII letters compared without case?  Other bytes
 * (CJK included) must match exactly. */
static int
contains(const char *s, const char *w)
{
	size_t i;

	if (*w == '\0')
		return 1;
	for (; *s != '\0'; s++) {
		for (i = 0; w[i] != '\0' && lower((unsigned char)s[i]) ==
		    lower((unsigned char)w[i]); i++)
			;
		if (w[i] == '\0')
			return 1;
	}
	return 0;
}

static int
lesson_list(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "search", required_argument, NULL, 's' },
		{ "area", required_argument, NULL, 'a' },
		{ "kind", required_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	struct table lessons = TABLE_INIT;
	struct row **rows = NULL;
	const char *search = NULL, *area = NULL, *kind = NULL, *why;
	size_t i, n = 0;
	int ch, err = 0, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, list_usage, &err)) != -1)
		switch (ch) {
		case 's':
			search = optarg;
			break;
		case 'a':
			area = optarg;
			break;
		case 'k':
			kind = optarg;
			if (table_check_value(&schema_lessons.cols[LESSON_KIND],
			    2, kind, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--kind: invalid "
				    "value '%s': %s", kind, why);
			break;
		}
	if (err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (store_load(&k->p, NULL, &schema_lessons, &lessons) == -1)
		goto out;
	table_sort(&lessons);
	rows = xcalloc(lessons.nrows + 1, sizeof(*rows));
	for (i = 0; i < lessons.nrows; i++) {
		struct row *r = &lessons.rows[i];

		if (kind != NULL &&
		    strcmp(table_get(&lessons, r, LESSON_KIND), kind) != 0)
			continue;
		if (area != NULL &&
		    kam_strcasecmp(table_get(&lessons, r, LESSON_AREA),
		    area) != 0)
			continue;
		if (search != NULL &&
		    !contains(table_get(&lessons, r, LESSON_LESSON), search) &&
		    !contains(table_get(&lessons, r, LESSON_ACTION), search) &&
		    !contains(table_get(&lessons, r, LESSON_AREA), search))
			continue;
		rows[n++] = r;
	}
	records_print(k->fmt, &lessons, rows, n, brief, NULL, 0, NULL);
	ret = 0;
out:
	free(rows);
	table_release(&lessons);
	return ret;
}

const struct verb lesson_verbs[] = {
	{ "add", lesson_add, NEED_PROJECT | WRITES, add_usage,
	    "--kind= --area= --action= --date=", "record a lesson learned" },
	{ "list", lesson_list, NEED_PROJECT, list_usage,
	    "--search= --area= --kind=", "lessons, filtered" },
};
const size_t lesson_nverbs = ARRAY_SIZE(lesson_verbs);
