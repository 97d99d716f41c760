/*
 * t_project.c: lib/project.c — finding the project, kam.conf and the
 * working calendar — on a scratch repository.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "kam.h"
#include "project.h"
#include "value.h"
#include "tap.h"
#include "scratch.h"

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
	static char buf[11];

	return date_fmt(d, buf);
}

/* Read kam.conf text `conf` into a fresh project; 0 or -1. */
static int
conf(struct project *q, const char *text)
{
	char path[1100];

	project_release(q);
	*q = (struct project)PROJECT_INIT;
	scratch_write("other.conf", text);
	snprintf(path, sizeof(path), "%s/other.conf", scratch_dir);
	scratch_reset_msg();
	return project_read_conf(q, path);
}

int
main(void)
{
	struct project p = PROJECT_INIT, q = PROJECT_INIT, sub = PROJECT_INIT;
	char path[1100], *s;
	int rc;

	if (scratch_open(&p, "[calendar]\n\tworkdays = mon tue wed thu fri\n"
	    "\tholiday = 2026-01-06\n\tholiday = 2026-01-01\n"
	    "[health]\n\trisk-critical = 12\n") == -1) {
		diag("cannot open the scratch project: %s", scratch_msg);
		return 1;
	}

	/* Where it is. */
	ok(p.repo != NULL, "project_open opens the repository");
	ok(p.root != NULL && p.root[strlen(p.root) - 1] == '/' &&
	    strstr(p.root, "kam-scratch-") != NULL, "root ends in '/': %s",
	    p.root);
	is_str(p.prefix, "", "a project at the top has prefix \"\"");
	s = project_relpath(&p, "risks.csv");
	is_str(s, "risks.csv", "relpath at the top");
	free(s);
	s = project_abspath(&p, "risks.csv");
	snprintf(path, sizeof(path), "%srisks.csv", p.root);
	is_str(s, path, "abspath is root + file");
	free(s);

	/* kam.conf. */
	is_str(p.name, "Scratch", "project.name");
	is_str(p.currency, "CNY", "project.currency");
	is_int(p.digits, 2, "CNY has 2 minor digits");
	is_str(S(p.start), "2026-01-05", "project.start");
	is_int(p.risk_critical, 12, "health.risk-critical from kam.conf");
	is_int(p.csat_min, 7, "health.csat-min keeps its default");
	is_int(p.nholidays, 2, "two holidays");
	ok(p.nholidays == 2 && p.holidays[0] < p.holidays[1],
	    "holidays are sorted");

	/* The calendar. */
	ok(project_is_workday(&p, D("2026-01-05")), "Monday is a working day");
	ok(!project_is_workday(&p, D("2026-01-06")), "a holiday is not");
	ok(!project_is_workday(&p, D("2026-01-10")), "Saturday is not");
	is_str(S(project_next_workday(&p, D("2026-01-05"))), "2026-01-05",
	    "next working day of a working day is itself");
	is_str(S(project_next_workday(&p, D("2026-01-06"))), "2026-01-07",
	    "next working day after the holiday");
	is_str(S(project_next_workday(&p, D("2026-01-10"))), "2026-01-12",
	    "next working day after a weekend");

	/* A project in a subfolder of the work tree. */
	snprintf(path, sizeof(path), "%s/pm", scratch_dir);
	mkdir(path, 0777);
	scratch_write("pm/kam.conf", "[project]\n\tname = Sub\n"
	    "\tcurrency = JPY\n");
	snprintf(path, sizeof(path), "%s/pm", scratch_dir);
	rc = project_open(&sub, path);
	ok(rc == 0, "a project in a subfolder opens");
	is_str(sub.prefix, "pm/", "... with prefix pm/");
	s = project_relpath(&sub, "risks.csv");
	is_str(s, "pm/risks.csv", "... and relpath pm/risks.csv");
	free(s);
	is_int(sub.digits, 0, "JPY has no minor digits");
	project_release(&sub);

	/* Refusals. */
	sub = (struct project)PROJECT_INIT;
	scratch_reset_msg();
	rc = project_open(&sub, "/");
	ok(rc == -1 && scratch_code == KAM_EX_NOPROJECT,
	    "no kam.conf up to / is 66 (got %d)", scratch_code);
	project_release(&sub);

	rc = conf(&q, "[project]\n\tcurrency = euro\n");
	ok(rc == -1 && scratch_code == KAM_EX_DATA,
	    "currency 'euro' is 65 (got %d)", scratch_code);
	ok(strstr(scratch_msg, "ISO 4217") != NULL, "... saying why: %s",
	    scratch_msg);
	rc = conf(&q, "[calendar]\n\tworkdays = mon funday\n");
	ok(rc == -1 && scratch_code == KAM_EX_DATA,
	    "an unknown weekday is 65 (got %d)", scratch_code);
	rc = conf(&q, "[calendar]\n\tholiday = 2026-02-30\n");
	ok(rc == -1 && scratch_code == KAM_EX_DATA,
	    "holiday 2026-02-30 is 65 (got %d)", scratch_code);
	rc = conf(&q, "[calendar]\n\tworkdays = sat sun\n");
	ok(rc == 0 && q.workdays == ((1u << 5) | (1u << 6)),
	    "workdays sat sun: bits 5 and 6");

	project_release(&q);
	scratch_close(&p);
	return done_testing();
}
