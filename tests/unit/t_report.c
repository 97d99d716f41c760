/*
 * t_report.c: lib/report.c — text from the project's files escaped for
 * Markdown renders through cmark as exactly itself, wherever it stands
 * (RELIABILITY M1, M2, M5): hostile strings by hand and 20,000 random
 * ones; the HTML page has its CSP and nothing else active; tables are
 * escaped; the charts escape what they show.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "kam.h"
#include "report.h"
#include "value.h"
#include "tap.h"

/* What cmark writes for text: & < > " escaped. */
static void
html_text(struct kam_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': kam_buf_puts(b, "&amp;"); break;
		case '<': kam_buf_puts(b, "&lt;"); break;
		case '>': kam_buf_puts(b, "&gt;"); break;
		case '"': kam_buf_puts(b, "&quot;"); break;
		default: kam_buf_putc(b, *s); break;
		}
}

/* cmark's HTML of md (safe default). */
static char *
render(const char *md)
{
	cmark_node *doc = cmark_parse_document(md, strlen(md),
	    CMARK_OPT_VALIDATE_UTF8);
	char *html = cmark_render_html(doc, CMARK_OPT_DEFAULT);

	cmark_node_free(doc);
	return html;
}

/* Whether "x " + md_escape(s) renders as the paragraph "x " + s (after
 * report_plain's clean-up). */
static int
inline_ok(const char *s, char **got_out)
{
	struct kam_buf md = KAM_BUF_INIT, want = KAM_BUF_INIT;
	char *plain = report_plain(s), *got;
	int ok;

	kam_buf_puts(&md, "x ");
	md_escape(&md, s);
	kam_buf_puts(&want, "<p>x ");
	html_text(&want, plain);
	/* cmark drops a trailing space of a paragraph ("x " + ""). */
	while (want.len > 3 && want.ptr[want.len - 1] == ' ')
		want.ptr[--want.len] = '\0';
	kam_buf_puts(&want, "</p>\n");
	got = render(md.ptr);
	ok = strcmp(got, want.ptr) == 0;
	if (got_out != NULL)
		*got_out = got;
	else
		free(got);
	free(plain);
	kam_buf_release(&md);
	kam_buf_release(&want);
	return ok;
}

/* The HTML page of a document holding only rdoc_text(s) at the start of
 * a line, cut to what lies inside <main>. */
static char *
page_main(const char *before, const char *s)
{
	struct rdoc d = RDOC_INIT;
	char *buf = NULL, *a, *b, *res;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	rdoc_init(&d, "t");
	rdoc_md(&d, before);
	rdoc_text(&d, s);
	rdoc_md(&d, "\n");
	rdoc_write(&d, 1, fp);
	fclose(fp);
	rdoc_release(&d);
	a = strstr(buf, "<main>\n");
	b = strstr(buf, "</main>");
	res = a != NULL && b != NULL ? xstrndup(a + 7, (size_t)(b - a - 7)) :
	    xstrdup("");
	free(buf);
	return res;
}

static char *
write_doc(struct rdoc *d, int html)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	rdoc_write(d, html, fp);
	fclose(fp);
	return buf;
}

int
main(void)
{
	static const char *const hostile[] = {
		"<script>alert(1)</script>",
		"<img src=x onerror=alert(1)>",
		"<iframe srcdoc=\"<script>x</script>\">",
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](&#106;avascript:alert(1))",
		"[x](javascript&#58;alert(1))",
		"[x](javascript&#58alert(1))",
		"<javascript:alert(1)>",
		"[x](vbscript:msgbox)", "[x](file:///etc/passwd)",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"![x](data:image/svg+xml,<svg/onload=alert(1)>)",
		"[x](y \"t\" onmouseover=alert(1))",
		"[ref]\n\n[ref]: javascript:alert(1)",
		"&amp; &lt; &#60; &#x3C; &copy; &",
		"*em* **strong** _u_ __uu__ `code` ``c`` ~~s~~",
		"a\\ b\\\\ c\\*", "trailing backslash\\",
		"two spaces  \nbreak", "tab\there", "a|b|c",
		"<!-- comment -->", "<?php x ?>", "<![CDATA[x]]>",
		"http://example.com www.example.com a@b.example",
		"# not a heading", "1. not a list", "- not a list",
		"> not a quote", "---", "===", "```", "~~~", "    indented",
		"文档 <b>粗体</b>", "",
	};
	static const char *const starts[] = {
		"# h", "## h", "1. x", "12) x", "- x", "+ x", "* x", "> q",
		"---", "===", "```c", "~~~", "<div>", "[a]: /u", "    code",
		"123456789. x", "-", "#", "1.",
	};
	static const char pool[] = "\\`*_{}[]()<>#+-.!|~&;:\"'=/ \t\nax1";
	static const struct rcol cols[] = { { "a<b", 0 }, { "n", RC_NUM },
		{ "st", RC_STATUS } };
	struct rdoc d = RDOC_INIT;
	struct kam_buf svg = KAM_BUF_INIT;
	char *got, *page, s[24], name[128];
	const char *cells[3];
	const char *ids[5][5];
	long count[5][5];
	size_t i, j, n, bad;
	unsigned seed = 12345;

	for (i = 0; i < ARRAY_SIZE(hostile); i++) {
		int good = inline_ok(hostile[i], &got);

		ok(good, "inline text stays text: %s", hostile[i]);
		if (!good)
			diag("got %s", got);
		ok(strstr(got, "<a") == NULL && strstr(got, "<img") == NULL &&
		    strstr(got, "<script") == NULL &&
		    strstr(got, "<em") == NULL, "no markup from: %s",
		    hostile[i]);
		free(got);
	}

	/* Random strings over Markdown's special characters. */
	for (i = bad = 0; i < 20000; i++) {
		n = (size_t)(rand_r(&seed) % (sizeof(s) - 1));
		for (j = 0; j < n; j++)
			s[j] = pool[rand_r(&seed) % (sizeof(pool) - 1)];
		s[n] = '\0';
		if (!inline_ok(s, &got)) {
			if (bad++ < 5)
				diag("'%s' rendered as %s", s, got);
		}
		free(got);
	}
	ok(bad == 0, "20000 random strings render as themselves (%zu did not)",
	    bad);

	/* At the start of a line: no block opens. */
	for (i = 0; i < ARRAY_SIZE(starts); i++) {
		struct kam_buf want = KAM_BUF_INIT;
		char *plain = report_plain(starts[i]);

		kam_buf_puts(&want, "<p>");
		html_text(&want, plain);
		kam_buf_puts(&want, "</p>\n");
		page = page_main("", starts[i]);
		snprintf(name, sizeof(name), "at a line start stays a "
		    "paragraph: %s", starts[i]);
		is_str(page, want.ptr, name);
		free(page);
		/* After a paragraph line: no setext heading, no list. */
		kam_buf_reset(&want);
		kam_buf_puts(&want, "<p>Text\n");
		html_text(&want, plain);
		kam_buf_puts(&want, "</p>\n");
		page = page_main("Text\n", starts[i]);
		snprintf(name, sizeof(name), "after a line stays in the "
		    "paragraph: %s", starts[i]);
		is_str(page, want.ptr, name);
		free(page);
		kam_buf_release(&want);
		free(plain);
	}

	/* Markdown output keeps kam's own text as written. */
	rdoc_init(&d, "T <1>");
	rdoc_md(&d, "# Report: ");
	rdoc_text(&d, "A_B *C*");
	rdoc_md(&d, "\n\n");
	rdoc_table(&d, cols, ARRAY_SIZE(cols), "none");
	cells[0] = "x|y <b>";
	cells[1] = "-12.50";
	cells[2] = "red";
	rdoc_row(&d, cells);
	cells[0] = NULL;
	cells[1] = "1";
	cells[2] = "<i>";
	rdoc_row(&d, cells);
	ok(rdoc_nrows(&d) == 2, "two rows");
	rdoc_table(&d, cols, ARRAY_SIZE(cols), "No <rows>.");
	report_svg_matrix(&svg, "M", (const long (*)[5])memset(count, 0,
	    sizeof(count)), NULL);
	rdoc_svg(&d, kam_buf_detach(&svg), "cap <c>");
	got = write_doc(&d, 0);
	is_str(got, "# Report: A\\_B \\*C\\*\n\n"
	    "| a\\<b | n | st |\n|---|---:|---|\n"
	    "| x\\|y \\<b\\> | -12.50 | red |\n|  | 1 | \\<i\\> |\n\n"
	    "No <rows>.\n", "Markdown: escaped data, pipe table, no chart");
	free(got);
	got = write_doc(&d, 1);
	ok(strstr(got, "<meta http-equiv=\"Content-Security-Policy\" "
	    "content=\"default-src 'none'; style-src 'unsafe-inline'; "
	    "img-src data:\">") != NULL, "HTML: the CSP");
	ok(strstr(got, "<title>T &lt;1&gt;</title>") != NULL,
	    "HTML: the title escaped");
	ok(strstr(got, "<h1>Report: A_B *C*</h1>") != NULL,
	    "HTML: data through cmark is text");
	ok(strstr(got, "<th>a&lt;b</th><th class=\"n\">n</th><th>st</th>") !=
	    NULL, "HTML: header cells escaped");
	ok(strstr(got, "<td>x|y &lt;b&gt;</td><td class=\"n\">-12.50</td>"
	    "<td><span class=\"st st-red\">red</span></td>") != NULL,
	    "HTML: cells escaped, status badge");
	ok(strstr(got, "<td>&lt;i&gt;</td>") != NULL,
	    "HTML: an unknown status is plain text");
	ok(strstr(got, "<p>No &lt;rows&gt;.</p>") != NULL,
	    "HTML: the empty sentence escaped");
	ok(strstr(got, "<figure>\n<svg ") != NULL &&
	    strstr(got, "<figcaption>cap &lt;c&gt;</figcaption>") != NULL,
	    "HTML: the chart inline, its caption escaped");
	ok(strstr(got, "<script") == NULL && strstr(got, "<?xml") == NULL,
	    "HTML: no script, no XML declaration");
	free(got);
	rdoc_release(&d);

	/* Charts escape what they show. */
	memset(count, 0, sizeof(count));
	memset(ids, 0, sizeof(ids));
	count[3][3] = 1;
	ids[3][3] = "R-1 <x>&";
	report_svg_matrix(&svg, "Risks <&>", (const long (*)[5])count,
	    (const char *const (*)[5])ids);
	ok(strstr(svg.ptr, "<title>Risks &lt;&amp;&gt;</title>") != NULL &&
	    strstr(svg.ptr, ": R-1 &lt;x&gt;&amp;</title>") != NULL,
	    "matrix: title and ids escaped");
	ok(strstr(svg.ptr, ">1</text>") != NULL, "matrix: the count shown");
	kam_buf_release(&svg);
	{
		char months[2][8] = { "2026-10", "2026-11" };
		int64_t actual[2] = { 150000, 50000 }, planned[2] = { 100000,
		    300000 };
		long avg[2] = { 75, 62 }, resp[2] = { 2, 1 };

		report_svg_burn(&svg, "Burn", months, 2, actual, planned, 1,
		    400000, 2, NUMFMT_COMMA_DOT, "<C>");
		ok(strstr(svg.ptr, "2026-11: spent 500.00 &lt;C&gt;") != NULL,
		    "burn: money and currency escaped");
		ok(strstr(svg.ptr, "budget 4,000.00 &lt;C&gt;") != NULL,
		    "burn: the budget's tooltip grouped for people");
		ok(strstr(svg.ptr, "budget 4k") != NULL,
		    "burn: the budget labelled");
		ok(strstr(svg.ptr, "2026-11: spent to date 2,000.00 &lt;C&gt;") != NULL,
		    "burn: spent to date");
		kam_buf_release(&svg);
		report_svg_trend(&svg, "Trend", months, 2, avg, resp, 7);
		ok(strstr(svg.ptr, "2026-11: average 6.2 of 1 response<") !=
		    NULL, "trend: a month's average");
		ok(strstr(svg.ptr, "minimum 7") != NULL, "trend: the minimum");
		kam_buf_release(&svg);
	}
	return done_testing();
}
