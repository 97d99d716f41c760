/*
 * t_out.c: display width, escaping and the four output formats (lib/out.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#include "kam.h"
#include "out.h"

/* Run fmt over rows, output captured in a string (caller frees). */
static char *
run(enum out_fmt fmt, const struct out_col *cols, size_t ncols,
    const char *const *cells, size_t nrows)
{
	struct out o = OUT_INIT;
	FILE *fp;
	char *buf = NULL;
	size_t len = 0, r;

	fp = open_memstream(&buf, &len);
	if (fp == NULL)
		abort();
	o.fp = fp;
	out_begin(&o, fmt, cols, ncols);
	for (r = 0; r < nrows; r++)
		out_row(&o, cells + r * ncols);
	out_end(&o);
	fclose(fp);
	return buf;
}

static char *
esc(const char *s)
{
	static char *last;

	free(last);
	last = kam_escape(s);
	return last;
}

static char *
json_str(const char *s)
{
	static char *last;
	size_t len = 0;
	FILE *fp;

	free(last);
	last = NULL;
	fp = open_memstream(&last, &len);
	if (fp == NULL)
		abort();
	out_json_str(fp, s);
	fclose(fp);
	return last;
}

static char *
csv1(const char *s)
{
	static char *last;
	static const struct out_col col[] = { { "x", OT_TEXT } };
	const char *cells[1];

	cells[0] = s;
	free(last);
	last = run(FMT_CSV, col, 1, cells, 1);
	return last + strlen("\"x\"\n");
}

/* Run out_record() with stdout sent to a temporary file. */
static char *
record(enum out_fmt fmt, const struct out_col *cols, size_t ncols,
    const char *const *cells)
{
	FILE *tmp = tmpfile();
	int saved;
	long n;
	char *buf;

	if (tmp == NULL)
		abort();
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	dup2(fileno(tmp), STDOUT_FILENO);
	out_record(fmt, cols, ncols, cells);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	n = (long)lseek(fileno(tmp), 0, SEEK_END);
	buf = xcalloc(1, n + 1);
	if (pread(fileno(tmp), buf, n, 0) != n)
		abort();
	fclose(tmp);
	return buf;
}

static void
test_width(void)
{
	is_int(out_width("abc"), 3, "width of abc");
	is_int(out_width(""), 0, "width of empty string");
	is_int(out_width("数据迁移"), 8, "width of 数据迁移 is 8");
	is_int(out_width("e\xcc\x81"), 1, "combining acute adds nothing");
	is_int(out_width("caf\xc3\xa9"), 4, "precomposed e-acute: 1");
	is_int(out_width("\xea\xb0\x80"), 2, "hangul syllable is wide");
	is_int(out_width("\xef\xbc\xa1"), 2, "fullwidth A is wide");
	is_int(out_width("\xf0\x9f\x98\x80"), 2, "emoji U+1F600 is wide");
	is_int(out_width("\xe3\x82\x99"), 0,
	    "U+3099 combining kana mark is zero width");
	is_int(out_width("a\x1b" "b"), 6, "ESC counts as its escape \\x1b");
	is_int(out_width("\xe2\x80\xae"), 8, "U+202E counts as <U+202E>");
	is_int(out_width("\xff"), 4, "invalid byte counts as \\xff");
	is_int(out_width(esc("x\x1b[2J\xe2\x80\xaey")),
	    out_width("x\x1b[2J\xe2\x80\xaey"),
	    "width before and after escaping agree");
}

static void
test_escape(void)
{
	is_str(esc("\x1b[2J"), "\\x1b[2J", "ESC escaped");
	is_str(esc("ding\a"), "ding\\x07", "BEL escaped");
	is_str(esc("a\tb\nc"), "a\\x09b\\x0ac", "tab and newline escaped");
	is_str(esc("\x7f"), "\\x7f", "DEL escaped");
	is_str(esc("\xc2\x9b" "1m"), "\\x9b1m", "C1 CSI U+009B escaped");
	is_str(esc("abc\xe2\x80\xae" "cba"), "abc<U+202E>cba",
	    "U+202E right-to-left override escaped");
	is_str(esc("\xe2\x81\xa6x\xe2\x81\xa9"), "<U+2066>x<U+2069>",
	    "bidi isolates escaped");
	is_str(esc("\xe2\x80\x8f\xd8\x9c"), "<U+200F><U+061C>",
	    "RLM and ALM escaped");
	is_str(esc("\xff\xc3"), "\\xff\\xc3", "invalid UTF-8 bytes escaped");
	is_str(esc("\xed\xa0\x80"), "\\xed\\xa0\\x80", "surrogate escaped");
	is_str(esc("\xc0\xaf"), "\\xc0\\xaf", "overlong slash escaped");
	is_str(esc("数据 ok é"), "数据 ok é", "printable UTF-8 untouched");
	is_str(esc(""), "", "empty string");
}

static void
test_json(void)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "score", OT_NUM }, { "open", OT_BOOL },
		{ "deps", OT_LIST },
	};
	const char *rows[] = {
		"R-1", "12", "1", "T-1 T-2",
		"R-2", "-3.50", "false", "",
		"R-3", NULL, "", NULL,
		"R-\"4", "12abc", "maybe", " T-9  ",
	};
	char *s;

	is_str(json_str("a\"b\\c"), "\"a\\\"b\\\\c\"", "quote and backslash");
	is_str(json_str("a\nb\tc\rd"), "\"a\\nb\\tc\\rd\"", "short escapes");
	is_str(json_str("\x1b\x01\x1f"), "\"\\u001b\\u0001\\u001f\"",
	    "other controls as \\u00XX");
	is_str(json_str("数据 \xe2\x80\xae"), "\"数据 \xe2\x80\xae\"",
	    "valid UTF-8 passed through");
	is_str(json_str("a\xff" "b\xe6\x95"), "\"a\xef\xbf\xbd" "b"
	    "\xef\xbf\xbd\xef\xbf\xbd\"", "invalid bytes become U+FFFD");
	is_str(json_str(""), "\"\"", "empty string");

	s = run(FMT_JSON, cols, 4, rows, 0);
	is_str(s, "[]\n", "no rows: []");
	free(s);
	s = run(FMT_JSON, cols, 4, rows, 4);
	is_str(s, "[\n"
	    "{\"id\":\"R-1\",\"score\":12,\"open\":true,"
	    "\"deps\":[\"T-1\",\"T-2\"]},\n"
	    "{\"id\":\"R-2\",\"score\":-3.50,\"open\":false,\"deps\":[]},\n"
	    "{\"id\":\"R-3\",\"score\":null,\"open\":null,\"deps\":[]},\n"
	    "{\"id\":\"R-\\\"4\",\"score\":\"12abc\",\"open\":\"maybe\","
	    "\"deps\":[\"T-9\"]}\n"
	    "]\n", "typed json rows");
	free(s);
}

static void
test_csv(void)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "amount", OT_NUM }, { "note", OT_TEXT },
	};
	const char *rows[] = { "E-1", "-12.50", "say \"hi\", ok" };
	char *s;

	is_str(csv1("=1+2"), "\"'=1+2\"\n", "= is defused");
	is_str(csv1("+1"), "\"'+1\"\n", "+ is defused");
	is_str(csv1("-12.50"), "\"-12.50\"\n", "negative amount unchanged");
	is_str(csv1("-7"), "\"-7\"\n", "negative integer unchanged");
	is_str(csv1("-x"), "\"'-x\"\n", "-x is defused");
	is_str(csv1("-1e5"), "\"'-1e5\"\n", "exponent is not a plain number");
	is_str(csv1("-12."), "\"'-12.\"\n", "trailing dot is not a number");
	is_str(csv1("@a"), "\"'@a\"\n", "@ is defused");
	is_str(csv1("\tx"), "\"'\tx\"\n", "leading tab is defused");
	is_str(csv1("\rx"), "\"'\rx\"\n", "leading CR is defused");
	is_str(csv1("\nx"), "\"'\nx\"\n", "leading LF is defused");
	is_str(csv1("a\";=1+2"), "\"a\"\";=1+2\"\n", "inner quote doubled");
	is_str(csv1(" =1"), "\" =1\"\n", "leading space kept as is");
	is_str(csv1("2024-01-31"), "\"2024-01-31\"\n", "date unchanged");
	is_str(csv1(""), "\"\"\n", "empty cell");
	is_str(csv1(NULL), "\"\"\n", "NULL cell");
	s = run(FMT_CSV, cols, 3, rows, 1);
	is_str(s, "\"id\",\"amount\",\"note\"\n"
	    "\"E-1\",\"-12.50\",\"say \"\"hi\"\", ok\"\n", "csv table");
	free(s);
	s = run(FMT_CSV, cols, 3, rows, 0);
	is_str(s, "\"id\",\"amount\",\"note\"\n", "csv header without rows");
	free(s);
}

static void
test_md(void)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "n", OT_NUM }, { "title", OT_TEXT },
	};
	const char *rows[] = {
		"R-1", "5", "a|b",
		"R-22", "", "line1\nline2\x1b[2J",
		"R-3", "100", NULL,
	};
	char *s;

	s = run(FMT_MD, cols, 3, rows, 3);
	is_str(s,
	    "| id   |   n | title              |\n"
	    "| ---- | --: | ------------------ |\n"
	    "| R-1  |   5 | a\\|b               |\n"
	    "| R-22 |     | line1 line2\\x1b[2J |\n"
	    "| R-3  | 100 |                    |\n",
	    "markdown table: pipes, newlines, controls");
	free(s);
	s = run(FMT_MD, cols, 3, rows, 0);
	is_str(s, "| id  |   n | title |\n| --- | --: | ----- |\n",
	    "markdown header without rows");
	free(s);
}

static void
test_table(void)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "score", OT_NUM },
	};
	static const struct out_col cols2[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT },
	};
	const char *rows[] = {
		"R-1", "数据迁移", "12",
		"R-10", "Data migration", "3",
		"R-2", "", NULL,
	};
	const char *rows2[] = {
		"R-1", "\x1b[2Jboom\a",
		"R-2", "ok",
	};
	char *s;

	s = run(FMT_TABLE, cols, 3, rows, 3);
	is_str(s,
	    "id    title           score\n"
	    "R-1   数据迁移           12\n"
	    "R-10  Data migration      3\n"
	    "R-2   -                   -\n",
	    "CJK title aligned against ASCII, numbers right aligned");
	free(s);
	s = run(FMT_TABLE, cols2, 2, rows2, 2);
	is_str(s,
	    "id   title\n"
	    "R-1  \\x1b[2Jboom\\x07\n"
	    "R-2  ok\n",
	    "escaped cells, last column not padded");
	ok(strchr(s, '\x1b') == NULL && strchr(s, '\a') == NULL,
	    "no raw control bytes in table output");
	free(s);
	s = run(FMT_TABLE, cols, 3, rows, 0);
	is_str(s, "id  title  score\n", "header printed without rows");
	free(s);
}

static void
test_record(void)
{
	static const struct out_col cols[] = {
		{ "id", OT_TEXT }, { "title", OT_TEXT }, { "score", OT_NUM },
	};
	const char *cells[] = { "R-1", "数据\x1b", NULL };
	char *s;

	s = record(FMT_TABLE, cols, 3, cells);
	is_str(s, "id:    R-1\ntitle: 数据\\x1b\nscore: -\n", "record as table");
	free(s);
	s = record(FMT_JSON, cols, 3, cells);
	is_str(s, "{\"id\":\"R-1\",\"title\":\"数据\\u001b\",\"score\":null}\n",
	    "record as json object");
	free(s);
	s = record(FMT_CSV, cols, 3, cells);
	is_str(s, "\"id\",\"title\",\"score\"\n\"R-1\",\"数据\x1b\",\"\"\n",
	    "record as csv");
	free(s);
}

static void
test_reuse(void)
{
	static const struct out_col cols[] = { { "a", OT_NUM } };
	const char *rows[] = { "1", "2" };
	struct out o = OUT_INIT;
	char *buf = NULL;
	size_t len = 0;
	FILE *fp;

	fp = open_memstream(&buf, &len);
	o.fp = fp;
	out_begin(&o, FMT_TABLE, cols, 1);
	out_row(&o, rows);
	out_end(&o);
	ok(o.fp == NULL && o.off == NULL && o.text.ptr == NULL && o.nrows == 0,
	    "out_end resets the struct");
	o.fp = fp;
	out_begin(&o, FMT_JSON, cols, 1);
	out_row(&o, rows);
	out_row(&o, rows + 1);
	out_end(&o);
	fclose(fp);
	is_str(buf, "a\n1\n[\n{\"a\":1},\n{\"a\":2}\n]\n", "struct reused");
	free(buf);
}

static void
test_parse(void)
{
	enum out_fmt f = FMT_TABLE;
	int saved, null, rc;

	ok(out_fmt_parse("md", &f) == 0 && f == FMT_MD, "parse md");
	ok(out_fmt_parse("json", &f) == 0 && f == FMT_JSON, "parse json");
	ok(out_fmt_parse("csv", &f) == 0 && f == FMT_CSV, "parse csv");
	ok(out_fmt_parse("table", &f) == 0 && f == FMT_TABLE, "parse table");
	fflush(stderr);
	saved = dup(STDERR_FILENO);		/* keep prove's output clean */
	null = open("/dev/null", O_WRONLY);
	dup2(null, STDERR_FILENO);
	rc = out_fmt_parse("yaml", &f);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	close(null);
	ok(rc == -1 && kam_exit_code == KAM_EX_USAGE,
	    "unknown format is a usage error");
	kam_err_reset();
}

/* A write error on stdout is found by kam_flush_stdout(): 74. */
static void
test_flush(void)
{
	pid_t pid;
	int status = 0;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (freopen("/dev/full", "w", stdout) == NULL ||
		    freopen("/dev/null", "w", stderr) == NULL)
			_exit(1);
		fputs("hello\n", stdout);
		if (kam_flush_stdout(0) == -1)
			_exit(kam_exit_code);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	is_int(WIFEXITED(status) ? WEXITSTATUS(status) : -1, KAM_EX_IO,
	    "write to /dev/full is 74");
	ok(kam_flush_stdout(0) == 0, "flushing a good stdout succeeds");
	setenv("NO_COLOR", "1", 1);
	ok(out_use_color() == 0, "NO_COLOR=1 means no colour");
}

/* Columns to draw in (out_term_width); stdout is not a terminal here
 * when run by prove, so the fallback is 80. */
static void
test_term_width(void)
{
	char *saved = getenv("COLUMNS") != NULL ? strdup(getenv("COLUMNS")) :
	    NULL;

	setenv("COLUMNS", "132", 1);
	is_int(out_term_width(100), 100, "term width: asked for wins");
	is_int(out_term_width(0), 132, "term width: $COLUMNS");
	setenv("COLUMNS", "19", 1);
	ok(out_term_width(0) != 19, "term width: $COLUMNS below 20 ignored");
	setenv("COLUMNS", "wide", 1);
	ok(out_term_width(0) >= 20, "term width: $COLUMNS not a number "
	    "ignored");
	unsetenv("COLUMNS");
	if (!isatty(STDOUT_FILENO))
		is_int(out_term_width(0), 80, "term width: 80 off a terminal");
	else
		is_int(out_term_width(-1) >= 20, 1, "term width: the terminal's");
	if (saved != NULL) {
		setenv("COLUMNS", saved, 1);
		free(saved);
	}
}

int
main(void)
{
	test_width();
	test_escape();
	test_json();
	test_csv();
	test_md();
	test_table();
	test_record();
	test_reuse();
	test_parse();
	test_flush();
	test_term_width();
	return done_testing();
}
