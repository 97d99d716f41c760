/*
 * status.c: kam status — the project on one screen: red, amber or green
 * for schedule, budget, risk, requirements, quality, satisfaction and
 * communication (and the data itself), each with its one-line reason and
 * the command that shows more.  The same findings as kam check (lib/
 * health), folded by area.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "../lib/health.h"
#include "../lib/value.h"

/* No options (lib/parseopt.c). */
#define STATUS_OPTS(O)	O(CMD, "kam status")

static const struct out_col status_cols[] = {
	{ "area", OT_TEXT }, { "status", OT_TEXT }, { "reason", OT_TEXT },
	{ "more", OT_TEXT },
};

static void
print_screen(const struct kam *k, const struct health *h)
{
	static const char *const color[] = { "\033[2m", "\033[32m", "\033[33m",
	    "\033[1;31m" };
	char today[11], worst[200], *esc;
	enum area_status ov;
	size_t a, w = 0;
	int tty = out_use_color();

	esc = kam_escape(k->p.name != NULL ? k->p.name : "kam project");
	printf("%s", esc);
	free(esc);
	if (k->p.client != NULL) {
		esc = kam_escape(k->p.client);
		printf(" (%s)", esc);
		free(esc);
	}
	printf(", %s\n\n", date_fmt(k->p.today, today));
	for (a = 0; a < AREA_N; a++)
		if (strlen(h->areas[a].name) > w)
			w = strlen(h->areas[a].name);
	ov = health_overall(h);
	worst[0] = '\0';
	for (a = 0; a < AREA_N && ov > AREA_GREEN; a++)
		if (h->areas[a].status == ov)
			snprintf(worst + strlen(worst), sizeof(worst) -
			    strlen(worst), "%s%s", worst[0] ? ", " : "",
			    h->areas[a].name);
	if (tty)
		printf("%-*s  %s%-5s\033[0m  %s%s\n", (int)w, "overall",
		    color[ov], health_status_name(ov), ov > AREA_GREEN ?
		    "the worst area: " : "no area amber or red", worst);
	else
		printf("%-*s  %-5s  %s%s\n", (int)w, "overall",
		    health_status_name(ov), ov > AREA_GREEN ?
		    "the worst area: " : "no area amber or red", worst);
	for (a = 0; a < AREA_N; a++) {
		const struct area *ar = &h->areas[a];
		const char *st = health_status_name(ar->status);

		esc = kam_escape(ar->reason);
		if (tty)
			printf("%-*s  %s%-5s\033[0m  %s\n", (int)w, ar->name,
			    color[ar->status], st, esc);
		else
			printf("%-*s  %-5s  %s\n", (int)w, ar->name, st, esc);
		free(esc);
		if (ar->status == AREA_RED || ar->status == AREA_AMBER)
			printf("%-*s         see: %s\n", (int)w, "", ar->more);
	}
	printf("\n%zu invalid, %zu red, %zu amber finding%s (kam check)\n",
	    h->nerror, h->nred, h->namber, h->nerror + h->nred + h->namber ==
	    1 ? "" : "s");
}

KAM_VERB0(status_cmd, "", NEED_PROJECT, "one-screen project health",
    STATUS_OPTS)
{
	struct health h = HEALTH_INIT;
	struct out o = OUT_INIT;
	const char *cells[ARRAY_SIZE(status_cols)];
	size_t a;
	int ret = -1;

	if (health_run(&h, &k->p) == -1)
		goto out;
	if (k->fmt == FMT_TABLE)
		print_screen(k, &h);
	else {
		out_begin(&o, k->fmt, status_cols, ARRAY_SIZE(status_cols));
		for (a = 0; a < AREA_N; a++) {
			cells[0] = h.areas[a].name;
			cells[1] = health_status_name(h.areas[a].status);
			cells[2] = h.areas[a].reason;
			cells[3] = h.areas[a].more;
			out_row(&o, cells);
		}
		out_end(&o);
	}
	if (h.nerror > 0) {
		fflush(stdout);
		kam_err(KAM_EX_DATA, "%zu problem%s in the project's files (see "
		    "kam check)", h.nerror, h.nerror == 1 ? "" : "s");
		goto out;
	}
	ret = 0;
out:
	health_release(&h);
	return ret;
}

const struct verb *const status_verbs[] = {
	&status_cmd_verb, NULL
};
