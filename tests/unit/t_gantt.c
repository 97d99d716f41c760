/*
 * t_gantt.c: the Gantt chart (lib/gantt.c): window, labels, axis ticks,
 * XML escaping and the SVG document, from a small schedule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gantt.h"
#include "kam.h"
#include "project.h"
#include "schema.h"
#include "table.h"
#include "value.h"
#include "tap.h"

static int32_t
D(const char *s)
{
	int32_t d = 0;

	date_parse(s, &d, NULL);
	return d;
}

static const char *
S(int32_t d)
{
	static char buf[4][11];
	static int k;

	k = (k + 1) % 4;
	return date_fmt(d, buf[k]);
}

static char *
xml(const char *s)
{
	struct kam_buf b = KAM_BUF_INIT;

	kam_buf_puts(&b, "");
	gantt_xml_text(&b, s);
	return kam_buf_detach(&b);
}

#define HDR "id,title,duration,depends,assignee,start,finish,progress,cost," \
	"reqs,deadline,baseline_start,baseline_finish\n"

int
main(void)
{
	static const char csv[] = HDR
	    "T-1,\"Design <draft> & \"\"review\"\"\",3,,,,,,,,,,\n"
	    "T-2,Build,5,T-1,,,,,,,,2026-01-08,2026-01-14\n"
	    "T-3,Go live,0,T-2,,,,,,,,,\n";
	struct project p = PROJECT_INIT;
	struct table t = TABLE_INIT;
	struct gantt g = GANTT_INIT;
	struct kam_buf svg = KAM_BUF_INIT;
	char *s;

	/* XML text. */
	s = xml("a<b>&\"c\"'d'");
	is_str(s, "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;",
	    "xml: the five specials");
	free(s);
	s = xml("tab\tnl\nbell\a");
	is_str(s, "tab\tnl\nbell\xef\xbf\xbd",
	    "xml: tab and newline kept, other C0 controls become U+FFFD");
	free(s);
	s = xml("\xef\xbf\xbe");
	is_str(s, "\xef\xbf\xbd", "xml: U+FFFE becomes U+FFFD");
	free(s);
	s = xml("\xe4\xb8\xad\xe6\x96\x87");
	is_str(s, "\xe4\xb8\xad\xe6\x96\x87", "xml: CJK text unchanged");
	free(s);

	/* Ticks. */
	is_str(S(gantt_next_tick(D("2026-01-05"), 0)), "2026-01-12",
	    "tick: the Monday after a Monday");
	is_str(S(gantt_next_tick(D("2026-01-07"), 0)), "2026-01-12",
	    "tick: the Monday after a Wednesday");
	is_str(S(gantt_next_tick(D("2026-01-15"), 1)), "2026-02-01",
	    "tick: the first of the next month");
	is_str(S(gantt_next_tick(D("2026-02-10"), 2)), "2026-04-01",
	    "tick: the first of the next quarter");
	is_str(S(gantt_next_tick(D("2026-12-31"), 3)), "2027-01-01",
	    "tick: the first of the next year");

	/* A schedule: Mon-Fri from Monday 2026-01-05, today before it. */
	p.start = D("2026-01-05");
	p.today = D("2026-01-01");
	if (table_parse(&t, &schema_tasks, "tasks.csv", 2, csv,
	    strlen(csv)) == -1) {
		diag("bad test table");
		return 1;
	}
	ok(gantt_init(&g, &p, &t, 0, 0) == 0, "gantt_init");
	is_str(S(g.from), "2026-01-05", "window from the project's start");
	/* T-1 Mon-Wed, T-2 Thu 01-08 .. Wed 01-14, T-3 on Thu 01-15. */
	ok(g.to >= D("2026-01-14"), "window to the last bar at least (%s)",
	    S(g.to));
	is_int(g.days, (long)(g.to - g.from + 1), "days = to - from + 1");
	ok(g.baseline, "a task with a baseline sets baseline");
	gantt_labels(&g, 0);
	ok(g.labels != NULL && strncmp(g.labels[0], "T-1 Design", 10) == 0,
	    "label: \"T-n title\": %s", g.labels != NULL ? g.labels[0] : "");
	ok(g.labelw > 0 && g.labelw <= GANTT_LABEL_MAX,
	    "label width within GANTT_LABEL_MAX (%zu)", g.labelw);
	is_str(S(gantt_first_tick(&g, 0)), "2026-01-05",
	    "first Monday tick on or after the window's start");

	gantt_svg(&g, "ACME <rollout>", 0, &svg);
	ok(svg.ptr != NULL && strncmp(svg.ptr, "<?xml", 5) == 0,
	    "svg: a document with an XML declaration");
	ok(svg.ptr != NULL && strstr(svg.ptr, "ACME &lt;rollout&gt;") != NULL,
	    "svg: the name is escaped");
	ok(svg.ptr != NULL && strstr(svg.ptr, "<draft>") == NULL &&
	    strstr(svg.ptr, "&lt;draft&gt;") != NULL,
	    "svg: task titles are escaped");
	ok(svg.ptr != NULL && strstr(svg.ptr, "</svg>") != NULL,
	    "svg: closed");
	kam_buf_reset(&svg);
	gantt_svg(&g, "x", GANTT_SVG_INLINE, &svg);
	ok(svg.ptr != NULL && strncmp(svg.ptr, "<svg", 4) == 0,
	    "svg inline: no XML declaration");

	gantt_release(&g);
	g = (struct gantt)GANTT_INIT;
	ok(gantt_init(&g, &p, &t, D("2026-01-07"), D("2026-01-09")) == 0 &&
	    g.from == D("2026-01-07") && g.to == D("2026-01-09") && g.days == 3,
	    "a window given is kept (3 days)");
	gantt_release(&g);

	kam_buf_release(&svg);
	table_release(&t);
	project_release(&p);
	return done_testing();
}
