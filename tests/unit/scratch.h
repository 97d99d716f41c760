/*
 * scratch.h: a scratch kam project for unit tests that need one on disk
 * (header-only, like tap.h): a git repository made with libgit2 in a
 * temporary directory, kam.conf, and every table present and empty.
 *
 *	struct project p = PROJECT_INIT;
 *	scratch_open(&p, "");			extra kam.conf lines
 *	scratch_rows(&schema_risks, "title=Late,probability=5,...", NULL);
 *	... store_load(&p, NULL, &schema_risks, &t) ...
 *	scratch_close(&p);
 *
 * Messages are captured: scratch_code is the exit code of the last one,
 * scratch_msg its text.
 */
#ifndef KAM_SCRATCH_H
#define KAM_SCRATCH_H

#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <git2.h>

#include "kam.h"
#include "project.h"
#include "schema.h"
#include "table.h"
#include "value.h"

static char scratch_dir[] = "/tmp/kam-scratch-XXXXXX";
static int scratch_code;
static char scratch_msg[4096];

static void
scratch_on_msg(void *arg, int code, const char *msg)
{
	(void)arg;
	scratch_code = code;
	snprintf(scratch_msg, sizeof(scratch_msg), "%s", msg);
}

static inline void
scratch_reset_msg(void)
{
	scratch_code = 0;
	scratch_msg[0] = '\0';
	kam_err_reset();
}

static inline void
scratch_write(const char *rel, const char *data)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", scratch_dir, rel);
	if ((f = fopen(path, "w")) == NULL) {
		perror(path);
		exit(2);
	}
	fputs(data, f);
	fclose(f);
}

/* Write table s with one row per argument: "col=value,col=value" (values
 * without commas); ids are given in order from 1.  NULL ends the list. */
static inline void
scratch_rows(const struct schema *s, ...)
{
	struct table t = TABLE_INIT;
	struct kam_buf b = KAM_BUF_INIT;
	const char *spec;
	va_list ap;
	long n = 0;

	table_init(&t, s, s->file, 2);
	va_start(ap, s);
	while ((spec = va_arg(ap, const char *)) != NULL) {
		struct row *r = table_add(&t);
		char *dup = strdup(spec), *tok, *save = NULL, id[32];

		snprintf(id, sizeof(id), "%s-%ld", s->prefix, ++n);
		table_set(&t, r, 0, id);
		r->num = n;
		for (tok = strtok_r(dup, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			char *eq = strchr(tok, '=');
			int col;

			if (eq == NULL)
				continue;
			*eq = '\0';
			if ((col = schema_col(s, tok)) < 0) {
				fprintf(stderr, "scratch: no column %s\n", tok);
				exit(2);
			}
			table_set(&t, r, col, eq + 1);
		}
		free(dup);
	}
	va_end(ap);
	table_serialize(&t, &b);
	scratch_write(s->file, b.ptr != NULL ? b.ptr : "");
	kam_buf_release(&b);
	table_release(&t);
}

/* A project with kam.conf (name, currency CNY, start 2026-01-05, today
 * 2026-01-07 unless p->today is changed after) plus `extra` lines. */
static inline int
scratch_open(struct project *p, const char *extra)
{
	git_repository *repo = NULL;
	struct kam_buf b = KAM_BUF_INIT;
	size_t i;

	git_libgit2_init();
	if (mkdtemp(scratch_dir) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	if (git_repository_init(&repo, scratch_dir, 0) < 0) {
		fprintf(stderr, "scratch: git init failed\n");
		exit(2);
	}
	git_repository_free(repo);
	kam_buf_printf(&b, "[project]\n\tname = Scratch\n\tcurrency = CNY\n"
	    "\tstart = 2026-01-05\n%s", extra);
	scratch_write("kam.conf", b.ptr);
	kam_buf_release(&b);
	for (i = 0; i < kam_nschemas; i++)
		if (!kam_schemas[i]->monthly)
			scratch_rows(kam_schemas[i], NULL);
	kam_msg_capture(scratch_on_msg, NULL);
	if (project_open(p, scratch_dir) == -1)
		return -1;
	date_parse("2026-01-07", &p->today, NULL);
	return 0;
}

static int
scratch_rm(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static inline void
scratch_close(struct project *p)
{
	project_release(p);
	nftw(scratch_dir, scratch_rm, 16, FTW_DEPTH | FTW_PHYS);
	kam_msg_capture(NULL, NULL);
	git_libgit2_shutdown();
}

#endif
