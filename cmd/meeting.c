/*
 * meeting.c: kam meeting — minutes of meetings (SPEC §3 "Communication",
 * §5): a new minutes file from a template, and the list of meetings.
 *
 * The minutes are Markdown that people edit by hand and commit with
 * `kam commit`; lib/minutes.h reads them.
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/minutes.h"
#include "../lib/store.h"
#include "../lib/value.h"

static const char new_usage[] =
    "kam meeting new title [--date date] [--attendees P-n,...]";
static const char list_usage[] = "kam meeting list";

/* A title goes into a heading and a commit subject: one line of text. */
static int
check_title(const char *title)
{
	const unsigned char *p;
	size_t bad;
	int blank = 1;

	if (!utf8_valid(title, strlen(title), &bad))
		return kam_err(KAM_EX_USAGE, "title: invalid UTF-8 at byte %zu",
		    bad);
	for (p = (const unsigned char *)title; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return kam_err(KAM_EX_USAGE, "title: control character "
			    "0x%02x not allowed (the title is one line)", *p);
		if (*p != ' ')
			blank = 0;
	}
	if (blank)
		return kam_err(KAM_EX_USAGE, "title: invalid value '%s': must "
		    "not be empty", title);
	return 0;
}

/*
 * The title as heading text that reads back as the same title: the ASCII
 * punctuation that would start markup is backslash-escaped (CommonMark
 * allows that before any ASCII punctuation); '&' only where it would
 * start an entity, so "R&D" stays as it is written.
 */
static void
put_title(struct kam_buf *b, const char *title)
{
	const char *p, *q;

	for (p = title; *p != '\0'; p++) {
		if (strchr("\\`*_[]<>", *p) != NULL)
			kam_buf_putc(b, '\\');
		else if (*p == '&') {
			for (q = p + 1; (*q >= 'a' && *q <= 'z') ||
			    (*q >= 'A' && *q <= 'Z') || (*q >= '0' && *q <= '9') ||
			    *q == '#'; q++)
				;
			if (q > p + 1 && *q == ';')
				kam_buf_putc(b, '\\');
		}
		kam_buf_putc(b, *p);
	}
}

/* --attendees "P-1,P-2" (commas and/or spaces) into canonical ids,
 * "P-1, P-2" for the file; repeats dropped. */
static int
parse_attendees(const char *arg, struct kam_buf *ids)
{
	char *s = xstrdup(arg), *tok, *save = NULL, canon[32];
	const char *p;
	size_t n;
	long num;
	int ret = -1;

	kam_buf_puts(ids, "");
	for (tok = strtok_r(s, ", \t", &save); tok != NULL;
	    tok = strtok_r(NULL, ", \t", &save)) {
		if (id_parse_arg(tok, "P", canon, &num, NULL) == -1) {
			kam_err(KAM_EX_USAGE, "--attendees: invalid person id '%s' "
			    "(expected e.g. P-3)", tok);
			goto out;
		}
		n = strlen(canon);
		for (p = ids->ptr; (p = strstr(p, canon)) != NULL; p += n)
			if ((p == ids->ptr || p[-1] == ' ') &&
			    (p[n] == ',' || p[n] == '\0'))
				break;
		if (p != NULL)
			continue;
		if (ids->len > 0)
			kam_buf_puts(ids, ", ");
		kam_buf_puts(ids, canon);
	}
	ret = 0;
out:
	free(s);
	return ret;
}

static int
meeting_new(int argc, char **argv, struct kam *k)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "attendees", required_argument, NULL, 'a' },
		{ NULL, 0, NULL, 0 }
	};
	struct table people = TABLE_INIT;
	struct kam_buf ids = KAM_BUF_INIT, b = KAM_BUF_INIT;
	struct tx tx = TX_INIT;
	struct stat st;
	const char *attendees = NULL, *why, *title;
	char *path = NULL, *abs = NULL, *s, *tok, *save = NULL, day[11];
	int32_t date = k->p.today;
	int ch, err = 0, rc, ret = -1;

	while ((ch = kam_getopt(argc, argv, "", opts, new_usage, &err)) != -1)
		switch (ch) {
		case 'd':
			if (date_parse(optarg, &date, &why) == -1)
				return kam_err(KAM_EX_USAGE, "--date: invalid date "
				    "'%s': %s", optarg, why);
			break;
		case 'a':
			attendees = optarg;
			break;
		}
	if (err)
		return -1;
	if (argc - optind != 1)
		return kam_usage(new_usage);
	title = argv[optind];
	if (check_title(title) == -1 ||
	    (attendees != NULL && parse_attendees(attendees, &ids) == -1))
		goto out;
	path = minutes_new_path(date, title);
	if (!minutes_path_ok(path)) {
		kam_err(KAM_EX_INTERNAL, "refusing to create '%s'", path);
		goto out;
	}
	if (kam_tx_begin(k, &tx) == -1)
		goto out;
	if (ids.len > 0) {
		if (store_load(&k->p, &tx, &schema_people, &people) == -1)
			goto out;
		s = xstrdup(ids.ptr);
		for (tok = strtok_r(s, ", ", &save); tok != NULL;
		    tok = strtok_r(NULL, ", ", &save))
			if (store_lookup(&people, tok) == NULL)
				break;
		free(s);
		if (tok != NULL)
			goto out;
	}
	/* Never overwrite minutes: not HEAD's, nor a file not yet committed. */
	if ((rc = tx_read(&tx, path, &b)) == -1)
		goto out;
	abs = project_abspath(&k->p, path);
	if (rc == 0 || lstat(abs, &st) == 0) {
		kam_err(KAM_EX_DATA, "%s already exists; give another title or "
		    "--date, or edit it and run 'kam commit'", path);
		goto out;
	}
	kam_buf_reset(&b);
	kam_buf_puts(&b, "# ");
	put_title(&b, title);
	kam_buf_printf(&b, " \xe2\x80\x94 %s\nAttendees:%s%s\n\n"
	    "## Decisions\n\n## Actions\n", date_fmt(date, day),
	    ids.len > 0 ? " " : "", ids.len > 0 ? ids.ptr : "");
	tx_put(&tx, path, b.ptr, b.len);
	if (kam_tx_commit(k, &tx, "meeting new", path, title) == -1)
		goto out;
	printf("%s\n", path);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&people);
	kam_buf_release(&ids);
	kam_buf_release(&b);
	free(path);
	free(abs);
	return ret;
}

static int
meeting_list(int argc, char **argv, struct kam *k)
{
	static const struct option none[] = { { NULL, 0, NULL, 0 } };
	static const struct out_col cols[] = {
		{ "date", OT_TEXT }, { "file", OT_TEXT }, { "title", OT_TEXT },
		{ "attendees", OT_LIST }, { "decisions", OT_NUM },
		{ "actions_open", OT_NUM }, { "actions_done", OT_NUM },
	};
	struct out o = OUT_INIT;
	struct minutes *all = NULL;
	const char *cells[7];
	char day[11], nd[24], no[24], nx[24];
	size_t i, j, n = 0, done;
	int err = 0, ret = -1;

	if (kam_getopt(argc, argv, "", none, list_usage, &err) != -1 || err)
		return -1;
	if (optind != argc)
		return kam_usage(list_usage);
	if (minutes_load_all(&k->p, &all, &n) == -1)
		goto out;
	out_begin(&o, k->fmt, cols, ARRAY_SIZE(cols));
	for (i = 0; i < n; i++) {
		const struct minutes *m = &all[i];

		for (j = done = 0; j < m->nactions; j++)
			done += m->actions[j].done != 0;
		snprintf(nd, sizeof(nd), "%zu", m->ndecisions);
		snprintf(no, sizeof(no), "%zu", m->nactions - done);
		snprintf(nx, sizeof(nx), "%zu", done);
		cells[0] = m->has_date ? date_fmt(m->date, day) : NULL;
		cells[1] = m->path;
		cells[2] = m->title;
		cells[3] = m->attendees;
		cells[4] = nd;
		cells[5] = no;
		cells[6] = nx;
		out_row(&o, cells);
	}
	out_end(&o);
	ret = 0;
out:
	minutes_free_all(all, n);
	return ret;
}

const struct verb meeting_verbs[] = {
	{ "list", meeting_list, NEED_PROJECT, list_usage, "",
	    "list the meetings with their decisions and actions" },
	{ "new", meeting_new, NEED_PROJECT | WRITES, new_usage,
	    "--date= --attendees=", "create minutes from the template" },
};
const size_t meeting_nverbs = ARRAY_SIZE(meeting_verbs);
