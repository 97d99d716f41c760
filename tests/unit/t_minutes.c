/*
 * t_minutes.c: lib/minutes.c — the SPEC §5 example exactly, task boxes
 * read from the source bytes (tabs, quotes, CRLF, a byte order mark, a
 * box that is a link reference, "[]" that is no box), nested items,
 * sections and what lies outside them, owners, due dates and references,
 * refusals with file:line (RELIABILITY M6), safe HTML (M1, M2, M4),
 * pathological input (M7), and the names of new minutes files (P1).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "kam.h"
#include "minutes.h"
#include "value.h"
#include "tap.h"

static char	msg[1024];
static int	msg_code;

static void
on_msg(void *arg, int code, const char *text)
{
	(void)arg;
	if (msg[0] == '\0') {
		snprintf(msg, sizeof(msg), "%s", text);
		msg_code = code;
	}
}

static int
parse(struct minutes *m, const char *path, const char *s)
{
	msg[0] = '\0';
	msg_code = 0;
	kam_err_reset();
	return minutes_parse(m, path, s, strlen(s));
}

static const char *
day(int has, int32_t d, char *buf)
{
	return has ? date_fmt(d, buf) : "(none)";
}

static void
test_spec_example(void)
{
	static const char src[] =
	    "# Weekly steering \xe2\x80\x94 2026-11-27\n"
	    "Attendees: P-1, P-4\n"
	    "## Decisions\n"
	    "- Go-live moves to 2027-03-01 (CR-2)\n"
	    "## Actions\n"
	    "- [ ] Send revised plan to client @P-2 due:2026-12-01\n"
	    "- [x] Book UAT room @P-5\n";
	struct minutes m = MINUTES_INIT;
	char d[11];

	ok(parse(&m, "meetings/2026-11-27-weekly-steering.md", src) == 0,
	    "SPEC 5 example parses");
	is_str(m.title, "Weekly steering", "title without the date");
	is_int(m.title_line, 1, "title on line 1");
	is_str(day(m.has_date, m.date, d), "2026-11-27", "date");
	is_str(m.attendees, "P-1 P-4", "attendees");
	is_int(m.attendees_line, 2, "attendees on line 2");
	is_int(m.ndecisions, 1, "one decision");
	if (m.ndecisions == 1) {
		is_str(m.decisions[0].text,
		    "Go-live moves to 2027-03-01 (CR-2)", "decision text");
		is_int(m.decisions[0].line, 4, "decision on line 4");
		is_str(m.decisions[0].refs, "CR-2", "decision refers to CR-2");
	}
	is_int(m.nactions, 2, "two actions");
	if (m.nactions == 2) {
		is_str(m.actions[0].text, "Send revised plan to client @P-2 "
		    "due:2026-12-01", "action 1 text, box removed");
		is_int(m.actions[0].line, 6, "action 1 on line 6");
		ok(m.actions[0].boxed && !m.actions[0].done, "action 1 open");
		is_str(m.actions[0].owner, "P-2", "action 1 owner");
		is_str(day(m.actions[0].has_due, m.actions[0].due, d),
		    "2026-12-01", "action 1 due");
		is_str(m.actions[0].refs, "", "the owner is no reference");
		is_str(m.actions[1].text, "Book UAT room @P-5", "action 2 text");
		is_int(m.actions[1].line, 7, "action 2 on line 7");
		ok(m.actions[1].boxed && m.actions[1].done, "action 2 done");
		is_str(m.actions[1].owner, "P-5", "action 2 owner");
		ok(!m.actions[1].has_due, "action 2 has no due date");
	}
	minutes_release(&m);
	ok(m.path == NULL && m.nactions == 0, "released");
	minutes_release(&m);
	minutes_release(NULL);
	ok(1, "release twice and of NULL");

	/* The date from the heading when the file name has none. */
	ok(parse(&m, "meetings/steering.md", src) == 0 && m.has_date &&
	    strcmp(date_fmt(m.date, d), "2026-11-27") == 0,
	    "date from the heading when the name has none");
	minutes_release(&m);
	ok(parse(&m, "meetings/2026-11-20-steering.md", src) == 0 &&
	    strcmp(date_fmt(m.date, d), "2026-11-20") == 0,
	    "the file name's date wins over the heading's");
	minutes_release(&m);
}

/* The actions of src, one line each: "line state owner due | text". */
static void
actions_are(const char *src, const char *want, const char *name)
{
	struct minutes m = MINUTES_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	char d[11];
	size_t i;

	if (parse(&m, "meetings/2026-11-27-t.md", src) == -1) {
		ok(0, "%s", name);
		diag("refused: %s", msg);
		return;
	}
	kam_buf_puts(&b, "");
	for (i = 0; i < m.nactions; i++)
		kam_buf_printf(&b, "%lu %s %s %s | %s\n", m.actions[i].line,
		    !m.actions[i].boxed ? "nobox" : m.actions[i].done ? "done" :
		    "open", m.actions[i].owner[0] ? m.actions[i].owner : "-",
		    m.actions[i].has_due ? date_fmt(m.actions[i].due, d) : "-",
		    m.actions[i].text);
	is_str(b.ptr, want, name);
	kam_buf_release(&b);
	minutes_release(&m);
}

static void
decisions_are(const char *src, const char *want, const char *name)
{
	struct minutes m = MINUTES_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	size_t i;

	if (parse(&m, "meetings/2026-11-27-t.md", src) == -1) {
		ok(0, "%s", name);
		diag("refused: %s", msg);
		return;
	}
	kam_buf_puts(&b, "");
	for (i = 0; i < m.ndecisions; i++)
		kam_buf_printf(&b, "%lu [%s] %s\n", m.decisions[i].line,
		    m.decisions[i].refs, m.decisions[i].text);
	is_str(b.ptr, want, name);
	kam_buf_release(&b);
	minutes_release(&m);
}

static void
test_boxes(void)
{
	actions_are("## Actions\n-\t[x] tab item\n",
	    "2 done - - | tab item\n", "-\\t[x] is a done box");
	actions_are("## Actions\n- [X] upper\n* [ ] star\n+ [x] plus\n",
	    "2 done - - | upper\n3 open - - | star\n4 done - - | plus\n",
	    "[X], * and + bullets");
	actions_are("## Actions\n1. [ ] first\n2) [x] second\n",
	    "2 open - - | first\n3 done - - | second\n", "ordered items");
	actions_are("## Actions\n  *  [ ] two spaces\n",
	    "2 open - - | two spaces\n", "indented bullet, two spaces");
	actions_are("## Actions\n> - [ ] in quote\n",
	    "2 open - - | in quote\n", "an item in a block quote");
	actions_are("## Actions\n- [] not a box\n- [ ]no space\n- [y] other\n"
	    "- \\[ ] escaped\n- [ ]\n",
	    "2 nobox - - | [] not a box\n3 nobox - - | [ ]no space\n"
	    "4 nobox - - | [y] other\n5 nobox - - | [ ] escaped\n"
	    "6 nobox - - | [ ]\n", "what is not a box stays text");
	actions_are("## Actions\n- [x] linked\n\n[x]: http://example.com\n",
	    "2 done - - | linked\n", "[x] that is a link reference");
	actions_are("## Actions\r\n- [ ] crlf one @P-1\r\n- [x] crlf two\r\n",
	    "2 open P-1 - | crlf one @P-1\n3 done - - | crlf two\n",
	    "CRLF line endings");
	actions_are("## Actions\r- [ ] cr one\r- [x] cr two\r",
	    "2 open - - | cr one\n3 done - - | cr two\n", "CR line endings");
	actions_are("\xef\xbb\xbf## Actions\n- [x] after a BOM\n",
	    "2 done - - | after a BOM\n", "a byte order mark");
	actions_are("\xef\xbb\xbf- [x] bom line 1\n## Actions\n- [ ] x\n",
	    "3 open - - | x\n", "BOM: line 1 outside the section");
	actions_are("## Actions\n- [ ] Send *revised* `plan`\n  to client\n",
	    "2 open - - | Send revised plan to client\n",
	    "inline markup and a continuation line");
	actions_are("## Actions\n- \n- [ ] \n-\n- [x]\t\n",
	    "", "empty items are skipped");
	actions_are("## Actions\n- [ ] 数据迁移 @P-3\n",
	    "2 open P-3 - | 数据迁移 @P-3\n", "CJK text");
}

static void
test_nested(void)
{
	actions_are("## Actions\n- [ ] parent @P-1\n  - [x] child @P-2\n"
	    "    - [ ] grandchild\n- [ ] sibling\n",
	    "2 open P-1 - | parent @P-1\n3 done P-2 - | child @P-2\n"
	    "4 open - - | grandchild\n5 open - - | sibling\n",
	    "nested items are actions of their own");
	actions_are("## Actions\n- [ ] parent\n\n  More about it.\n\n"
	    "  - [x] child\n",
	    "2 open - - | parent\n6 done - - | child\n",
	    "an item's text is its first paragraph");
	decisions_are("## Decisions\n- Adopt A (REQ-1)\n  - because B\n",
	    "2 [REQ-1] Adopt A (REQ-1)\n3 [] because B\n",
	    "nested decisions");
}

/* The Chinese section names (issue 17): 决议/决定 and 行动项/待办, with
 * an ASCII or a full-width colon; other headings stay titles. */
static void
test_chinese_sections(void)
{
	struct minutes m = MINUTES_INIT;

	decisions_are("# 需求评审会\n## 决议\n- 采用方案 A (REQ-1)\n"
	    "## 决定：\n- 上线推迟\n", "3 [REQ-1] 采用方案 A (REQ-1)\n"
	    "5 [] 上线推迟\n", "决议 and 决定： are Decisions");
	actions_are("## 行动项\n- [ ] 发送计划 @P-2 due:2026-12-01\n"
	    "## 待办:\n- [x] 预订会议室\n",
	    "2 open P-2 2026-12-01 | 发送计划 @P-2 due:2026-12-01\n"
	    "4 done - - | 预订会议室\n", "行动项 and 待办: are Actions");
	actions_are("## 行动\n- [ ] not a section\n## 待办事项\n- [ ] nor this\n",
	    "", "other Chinese headings are not sections");
	ok(parse(&m, "meetings/x.md", "# 周会\n## 决议\n- a\n") == 0,
	    "parses");
	is_str(m.title, "周会", "a Chinese title");
	is_int(m.nsections, 1, "one section");
	is_int(m.nloose, 0, "no loose items");
	minutes_release(&m);
}

static void
test_sections(void)
{
	static const char src[] =
	    "# Retro\n"				/* 1 */
	    "- [ ] before any section\n"	/* 2 */
	    "## Notes\n"			/* 3 */
	    "- [x] in notes\n"			/* 4 */
	    "## actions:\n"			/* 5 */
	    "- [ ] in actions\n"		/* 6 */
	    "### Later\n"			/* 7 */
	    "- [ ] under a sub-heading\n"	/* 8 */
	    "\n"				/* 9 */
	    "Some text, then:\n"		/* 10 */
	    "* [x] after text\n"		/* 11 */
	    "## Risks\n"			/* 12 */
	    "- [ ] after the section\n"		/* 13 */
	    "# DECISIONS\n"			/* 14 */
	    "- decided\n"			/* 15 */
	    "## Actions\n"			/* 16 */
	    "- [ ] a sub-section of decisions\n"	/* 17 */
	    "# Appendix\n"			/* 18 */
	    "- out\n"				/* 19 */
	    "```\n"				/* 20 */
	    "## Actions\n"			/* 21 */
	    "- [ ] in code\n"			/* 22 */
	    "```\n";				/* 23 */
	struct minutes m = MINUTES_INIT;

	actions_are(src, "6 open - - | in actions\n"
	    "8 open - - | under a sub-heading\n11 done - - | after text\n"
	    "17 open - - | a sub-section of decisions\n",
	    "only items inside an Actions section");
	decisions_are(src, "15 [] decided\n",
	    "only items inside a Decisions section");
	ok(parse(&m, "meetings/r.md", src) == 0, "parses");
	is_int(m.nsections, 3, "three section headings");
	is_int(m.nloose, 4, "four list items outside them (lines 2, 4, 13, 19)");
	is_int(m.loose_line, 2, "the first on line 2");
	is_str(m.title, "Retro", "title from the first heading");
	ok(!m.has_date, "no date anywhere");
	is_str(m.attendees, "", "no attendees");
	is_int(m.attendees_line, 0, "no attendees line");
	minutes_release(&m);

	ok(parse(&m, "meetings/x.md", "## Decisions\n- a\n# Kickoff - "
	    "2026-01-05\n") == 0, "parses");
	is_str(m.title, "Kickoff", "a section heading is not the title");
	ok(m.has_date && m.ndecisions == 1, "date after '-'");
	minutes_release(&m);
	ok(parse(&m, "meetings/x.md", "# 2026-01-05\n") == 0 &&
	    strcmp(m.title, "2026-01-05") == 0 && m.has_date,
	    "a heading that is only a date");
	minutes_release(&m);
	ok(parse(&m, "meetings/x.md", "# Release v2026-01-05\n") == 0 &&
	    strcmp(m.title, "Release v2026-01-05") == 0 && !m.has_date,
	    "a date glued to a word is not the date");
	minutes_release(&m);
	ok(parse(&m, "meetings/x.md", "# Plan 2026-02-30\n") == 0 &&
	    strcmp(m.title, "Plan 2026-02-30") == 0 && !m.has_date,
	    "an impossible date in a heading is just text");
	minutes_release(&m);
	ok(parse(&m, "meetings/x.md", "") == 0 && strcmp(m.title, "") == 0 &&
	    m.nactions == 0, "an empty file");
	minutes_release(&m);
	ok(parse(&m, "meetings/x.md",
	    "# T\nWe met.\n**Attendees:** P-1, Ann (ACME), p-2, P-3, P-1\n") ==
	    0 && strcmp(m.attendees, "P-1 P-3") == 0 &&
	    m.attendees_line == 3, "attendees: ids only, once, line 3");
	minutes_release(&m);
	ok(parse(&m, "meetings/x.md", "- Attendees: P-1\n\nattendees: P-2\n")
	    == 0 && strcmp(m.attendees, "P-2") == 0, "attendees outside "
	    "lists, case-insensitive");
	minutes_release(&m);
}

static void
test_owner_due_refs(void)
{
	struct minutes m = MINUTES_INIT;

	actions_are("## Actions\n"
	    "- [ ] call @P-12, then @P-3 due:2026-12-01.\n"
	    "- [ ] mail bob@P-3 and @p-4 and @P-0 and @P-5x\n"
	    "- [ ] Due:2027-01-04) capital\n"
	    "- [ ] the due: field, overdue:2026-01-01\n"
	    "- [ ] (@P-7) due:2026-12-24 due:2026-12-31\n",
	    "2 open P-12 2026-12-01 | call @P-12, then @P-3 due:2026-12-01.\n"
	    "3 open - - | mail bob@P-3 and @p-4 and @P-0 and @P-5x\n"
	    "4 open - 2027-01-04 | Due:2027-01-04) capital\n"
	    "5 open - - | the due: field, overdue:2026-01-01\n"
	    "6 open P-7 2026-12-24 | (@P-7) due:2026-12-24 due:2026-12-31\n",
	    "owners and due dates");

	decisions_are("## Decisions\n"
	    "- Accept REQ-3 and CR-10; not XCR-2, CR-2b, CR-02, cr-4 or T-1-a\n"
	    "- Go (CR-2), again CR-2, @P-1, G-1.\n"
	    "- no due parsing here due:whenever\n",
	    "2 [REQ-3 CR-10] Accept REQ-3 and CR-10; not XCR-2, CR-2b, CR-02, "
	    "cr-4 or T-1-a\n"
	    "3 [CR-2 P-1 G-1] Go (CR-2), again CR-2, @P-1, G-1.\n"
	    "4 [] no due parsing here due:whenever\n",
	    "references are whole-word kam ids, once each");

	ok(parse(&m, "meetings/2026-11-27-t.md",
	    "# T\n## Actions\n- [ ] a\n- [ ] b due:2026-02-30\n") == -1,
	    "an impossible due date is refused");
	is_int(msg_code, KAM_EX_DATA, "  with 65");
	is_str(msg, "meetings/2026-11-27-t.md:4: invalid due date "
	    "'2026-02-30': February 2026 has 28 days (write due:YYYY-MM-DD)",
	    "  naming file:line");
	ok(m.path == NULL && m.nactions == 0, "  and m is released");
	ok(parse(&m, "meetings/t.md", "## Actions\n- [ ] x due:tomorrow\n") ==
	    -1 && strstr(msg, "meetings/t.md:2: invalid due date 'tomorrow'")
	    == msg, "due:tomorrow is refused");
}

static void
test_refusals(void)
{
	struct minutes m = MINUTES_INIT;
	static const char bad[] = "# T\n## Actions\n- [ ] caf\xc3 x\n";
	static const char overlong[] = "# T\n\n\xc0\xaf\n";
	static const char surrogate[] = "# \xed\xa0\x80\n";
	static const char trunc[] = "# T\nabc\xe2\x80";
	static const char nul[] = "# T\n\n- a\0b\n";

	ok(minutes_parse(&m, "meetings/a.md", bad, sizeof(bad) - 1) == -1,
	    "invalid UTF-8 is refused");
	msg[0] = '\0';
	kam_msg_capture(on_msg, NULL);
	minutes_parse(&m, "meetings/a.md", bad, sizeof(bad) - 1);
	is_str(msg, "meetings/a.md:3: invalid UTF-8 at byte offset 24",
	    "  at file:line with the offset");
	is_int(msg_code, KAM_EX_DATA, "  with 65");
	msg[0] = '\0';
	ok(minutes_parse(&m, "meetings/a.md", overlong, sizeof(overlong) - 1)
	    == -1 && strcmp(msg, "meetings/a.md:3: invalid UTF-8 at byte "
	    "offset 5") == 0, "overlong encoding");
	msg[0] = '\0';
	ok(minutes_parse(&m, "meetings/a.md", surrogate, sizeof(surrogate) - 1)
	    == -1 && strstr(msg, "meetings/a.md:1: ") == msg, "surrogate");
	msg[0] = '\0';
	ok(minutes_parse(&m, "meetings/a.md", trunc, sizeof(trunc) - 1) == -1 &&
	    strstr(msg, "meetings/a.md:2: ") == msg,
	    "sequence cut off at the end");
	msg[0] = '\0';
	ok(minutes_parse(&m, "meetings/a.md", nul, sizeof(nul) - 1) == -1 &&
	    strcmp(msg, "meetings/a.md:3: NUL byte (0x00) at byte offset 8")
	    == 0, "NUL byte");
	msg[0] = '\0';
	ok(parse(&m, "meetings/2026-02-30-x.md", "# x\n") == -1 &&
	    strcmp(msg, "meetings/2026-02-30-x.md: invalid date '2026-02-30' "
	    "in the file name: February 2026 has 28 days") == 0 &&
	    msg_code == KAM_EX_DATA, "an impossible date in the file name");
	ok(parse(&m, "meetings/2026-11-27.md", "# x\n") == 0 && m.has_date,
	    "a file name that is only a date");
	minutes_release(&m);
	ok(parse(&m, "meetings/20261127-x.md", "# x\n") == 0 && !m.has_date,
	    "a name not shaped like a date is not one");
	minutes_release(&m);
	ok(minutes_parse(&m, "meetings/n.md", NULL, 0) == 0, "NULL buffer");
	minutes_release(&m);
}

static void
test_html(void)
{
	static const char src[] =
	    "# Weekly <script>alert(1)</script>\n"
	    "Attendees: P-1\n"
	    "<script>alert(2)</script>\n\n"
	    "<img src=x onerror=alert(3)>\n\n"
	    "<iframe srcdoc=\"x\"></iframe>\n\n"
	    "[a](javascript:alert(4)) [b](JaVaScRiPt:alert(5)) "
	    "[c](&#106;avascript:alert(6)) [d](javascript&#58;alert(7)) "
	    "[e](vbscript:x) [f](file:///etc/passwd) "
	    "[g](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(8)> "
	    "[h](http://x \"t\\\" onmouseover=alert(9)\")\n\n"
	    "![i](data:image/svg+xml,<svg/onload=alert(10)>)\n\n"
	    "## Actions\n"
	    "- [ ] open <b>x</b>\n"
	    "- [x] done\n"
	    "-\t[X] tab\n"
	    "- [x] ref\n"
	    "- [] no box\n\n"
	    "[x]: http://example.com\n";
	char *h = minutes_html(src, sizeof(src) - 1), *p;
	int bad = 0;

	ok(h != NULL, "renders");
	if (h == NULL)
		return;
	ok(strstr(h, "<script") == NULL, "no <script>");
	ok(strstr(h, "<img src=\"x\"") == NULL && strstr(h, "onerror") == NULL,
	    "no raw <img onerror>");
	ok(strstr(h, "<iframe") == NULL, "no <iframe>");
	/* Every link left is empty or http(s). */
	for (p = h; (p = strstr(p, "href=\"")) != NULL; p += 6)
		if (p[6] != '"' && strncmp(p + 6, "http://", 7) != 0)
			bad = 1;
	ok(!bad, "no dangerous href");
	p = strstr(h, "javascript:");
	ok(p != NULL && p - h > 11 && strncmp(p - 11, "<a href=\"\">", 11) == 0 &&
	    strstr(p + 1, "javascript:") == NULL && strstr(h, "vbscript:") ==
	    NULL, "javascript: only as the text of an emptied autolink");
	ok(strstr(h, "src=\"data:image/svg") == NULL, "no svg data image");
	ok(strstr(h, "\" onmouseover") == NULL, "title attribute escaped");
	ok(strstr(h, "<!-- raw HTML omitted -->") != NULL,
	    "raw HTML replaced by cmark's comment");
	ok(strstr(h, "<li><input type=\"checkbox\" disabled> open "
	    "<!-- raw HTML omitted -->x") != NULL, "an open box, <b> omitted");
	ok(strstr(h, "<li><input type=\"checkbox\" disabled checked> done"
	    "</li>") != NULL, "a done box");
	ok(strstr(h, "<li><input type=\"checkbox\" disabled checked> tab"
	    "</li>") != NULL, "a box after a tab");
	ok(strstr(h, "<li><input type=\"checkbox\" disabled checked> ref"
	    "</li>") != NULL, "a box that was a link reference");
	ok(strstr(h, "<li>[] no box</li>") != NULL, "[] stays text");
	ok(strstr(h, "<h1>Weekly <!-- raw HTML omitted -->alert(1)"
	    "<!-- raw HTML omitted --></h1>") != NULL, "heading escaped");
	free(h);

	/* M3, decided: raster data: images stay (cmark's rule), svg goes. */
	h = minutes_html("![p](data:image/png;base64,iVBORw0KGgo=)\n"
	    "![s](data:image/svg+xml;base64,PHN2Zz4=)\n", 82);
	ok(h != NULL && strstr(h, "src=\"data:image/png;base64,") != NULL &&
	    strstr(h, "svg") == NULL, "data:image/png kept, svg emptied");
	free(h);

	h = minutes_html("caf\xc3 \xff\n", 6);
	ok(h != NULL && strstr(h, "caf\xef\xbf\xbd") != NULL,
	    "invalid UTF-8 becomes U+FFFD when rendering");
	free(h);
	h = minutes_html(NULL, 0);
	ok(h != NULL && h[0] == '\0', "empty input renders as nothing");
	free(h);
}

static double
secs_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* M7: the shapes that made Markdown parsers quadratic or recursive. */
static void
test_pathological(void)
{
	static const struct {
		const char	*name, *unit, *head, *tail;
		size_t		 count;
	} cases[] = {
		{ "50,000 [", "[", "## Actions\n- [ ] ", "\n", 50000 },
		{ "'> ' x 50,000", "> ", "## Actions\n", "- [x] deep\n", 50000 },
		{ "'*a **a ' x 65,000", "*a **a ", "## Decisions\n- ", "\n",
		    65000 },
		{ "50,000 nested lists", "- ", "## Actions\n", "[ ] x\n",
		    50000 },
		{ "50,000 items", "- [ ] a @P-1 due:2026-12-01 CR-2\n",
		    "## Actions\n", "", 50000 },
	};
	struct minutes m = MINUTES_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	struct timespec t0;
	size_t i, j;
	char *h;
	int rc;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		kam_buf_reset(&b);
		kam_buf_puts(&b, cases[i].head);
		for (j = 0; j < cases[i].count; j++)
			kam_buf_puts(&b, cases[i].unit);
		kam_buf_puts(&b, cases[i].tail);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = minutes_parse(&m, "meetings/p.md", b.ptr, b.len);
		minutes_release(&m);
		h = minutes_html(b.ptr, b.len);
		ok(rc == 0 && h != NULL && secs_since(&t0) < 10.0,
		    "%s: parsed and rendered in %.2f s", cases[i].name,
		    secs_since(&t0));
		free(h);
	}

	/* One decision naming 100,000 ids, each twice: repeats are found
	 * by sorting, not by comparing every pair. */
	kam_buf_reset(&b);
	kam_buf_puts(&b, "## Decisions\n- ");
	for (j = 0; j < 200000; j++)
		kam_buf_printf(&b, "CR-%zu ", j % 100000 + 1);
	kam_buf_puts(&b, "\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = minutes_parse(&m, "meetings/p.md", b.ptr, b.len);
	ok(rc == 0 && m.ndecisions == 1 &&
	    strncmp(m.decisions[0].refs, "CR-1 CR-2 CR-3 ", 15) == 0 &&
	    strlen(m.decisions[0].refs) == 888894 && secs_since(&t0) < 10.0,
	    "a decision naming 100,000 ids twice: %.2f s", secs_since(&t0));
	minutes_release(&m);
	kam_buf_release(&b);
}

static void
test_paths(void)
{
	static const struct {
		const char	*title, *want;
	} cases[] = {
		{ "Weekly steering", "meetings/2026-11-27-weekly-steering.md" },
		{ "  Kick-off: ACME / ERP!! ", "meetings/2026-11-27-kick-off-acme-erp.md" },
		{ "数据迁移 review", "meetings/2026-11-27-数据迁移-review.md" },
		{ "Café menu", "meetings/2026-11-27-caf-menu.md" },
		{ "数据迁移", "meetings/2026-11-27-数据迁移.md" },
		{ "技术方案（第二轮）", "meetings/2026-11-27-技术方案-第二轮.md" },
		{ "カタカナ・ひらがな 한국", "meetings/2026-11-27-カタカナ-ひらがな-한국.md" },
		{ "«—» \xe2\x80\xae", "meetings/2026-11-27-meeting.md" },
		{ "\xff\xfe x", "meetings/2026-11-27-x.md" },
		/* 60 characters at most: 59 Han letters, then a dash does
		 * not fit before the next word. */
		{ "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九 b",
		  "meetings/2026-11-27-一二三四五六七八九十一二三四五六七八九十"
		  "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		  "一二三四五六七八九.md" },
		{ "", "meetings/2026-11-27-meeting.md" },
		{ "../../etc/passwd", "meetings/2026-11-27-etc-passwd.md" },
		{ "..", "meetings/2026-11-27-meeting.md" },
		{ "a\\..\\b\n.md", "meetings/2026-11-27-a-b-md.md" },
		{ "%2e%2e%2f", "meetings/2026-11-27-2e-2e-2f.md" },
		{ "Q3 2026 Review", "meetings/2026-11-27-q3-2026-review.md" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa b c",
		    "meetings/2026-11-27-"
		    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-b.md" },
	};
	static const char *const bad[] = {
		"meetings/../x.md", "meetings/2026-11-27-../x.md",
		"meetings/2026-02-30-x.md", "meetings/2026-11-27-A.md",
		"meetings/2026-11-27--x.md", "meetings/2026-11-27-x-.md",
		"meetings/2026-11-27-x/y.md", "meetings/2026-11-27-.md",
		"meetings/2026-11-27.md", "/etc/passwd", "meetings/2026-11-27-x.MD",
		"2026-11-27-x.md", "meetings//2026-11-27-x.md",
		"meetings/2026-11-27-x.md\n", "meetings/2026-11-27-x y.md",
		"meetings/2026-11-27-"
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.md",
		"meetings/2026-11-27-数据·迁移.md", "meetings/2026-11-27-数据 迁移.md",
		"meetings/2026-11-27-\xe2\x80\xae.md", "meetings/2026-11-27-\xe6\x95.md",
		"meetings/2026-11-27-Ｘ.md", "meetings/2026-11-27-数据--迁移.md",
	};
	int32_t d;
	size_t i;
	char *p;

	date_parse("2026-11-27", &d, NULL);
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		p = minutes_new_path(d, cases[i].title);
		is_str(p, cases[i].want, cases[i].want);
		ok(minutes_path_ok(p), "  passes the allow-list");
		free(p);
	}
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		ok(!minutes_path_ok(bad[i]), "refused: %s", bad[i]);
}

int
main(void)
{
	kam_msg_capture(on_msg, NULL);
	test_spec_example();
	test_boxes();
	test_nested();
	test_sections();
	test_chinese_sections();
	test_owner_due_refs();
	test_refusals();
	test_html();
	test_pathological();
	test_paths();
	kam_msg_capture(NULL, NULL);
	return done_testing();
}
