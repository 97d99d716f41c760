/*
 * cmd.h: the command families and what a command gets from main().
 *
 * To add a family: write cmd/<family>.c, declaring each verb once with
 * one of the macros below (its name, flags and summary with its command
 * line) and exporting `const struct verb *const <family>_verbs[]`, the
 * list of those verbs' entries (&fn_verb) ending with NULL, and add its
 * one line to cmd/families.h (name, table, summary): the declarations
 * here and kam_families in cmd/kam.c are made from that list.  The tables
 * are declared weak, so a family whose file is not built is simply absent
 * (help, completion and dispatch skip it).
 *
 * A verb returns 0 (success), 1 (a checking command found the project
 * unhealthy) or -1 (failure already reported; the exit code is the kind
 * recorded by kam_err()).
 */
#ifndef KAM_CMD_H
#define KAM_CMD_H

#include <stdint.h>

#include "../lib/kam.h"
#include "../lib/out.h"
#include "../lib/parseopt.h"
#include "../lib/project.h"
#include "../lib/record.h"
#include "../lib/repo.h"

struct kam {
	struct project	 p;
	int		 have_project;
	const char	*dir;		/* -C */
	enum out_fmt	 fmt;
	int		 fmt_set;	/* --format given */
	int		 no_commit;
	int		 no_verify;	/* skip the commit hooks */
	const char	*msg;		/* -m */
	const char	*today_arg;	/* --today or KAM_TODAY */
	int32_t		 today;		/* today_arg parsed; 0: the system's date */
	const char	*verb;		/* the verb running ("start") */
	/* What a verb declared with KAM_VERB gets: its options, parsed by
	 * its table into the file's struct opts, and its operands. */
	void		*opts;
	int		 argc;		/* the operands' count */
	char		**argv;		/* the operands, NULL at the end */
};

#define NEED_PROJECT	0x1	/* open the project before the verb runs */
#define WRITES		0x2	/* a write command (one commit) */
#define DOCUMENTS	0x4	/* takes --format svg|html (charts, reports) */
#define JUNIT		0x8	/* takes --format junit (kam check) */

struct verb {
	const char	*name;
	int		(*fn)(int argc, char **argv, struct kam *k);
	unsigned	 flags;
	const char	*usage;		/* == SYNOPSIS line of the man page */
	const char	*opts;		/* long options for completion, space-separated;
					 * a trailing '=' takes a value */
	const char	*summary;	/* one line (not printed yet) */
};

/*
 * Each verb is declared once, with one of the macros below, and that
 * declaration also defines fn_verb, the verb's entry of its family's
 * table: its name, its flags, its usage line, its completion words and a
 * one-line summary.  The family's table lists those entries:
 *   const struct verb *const risk_verbs[] = { &risk_add_verb, ..., NULL };
 *
 * A verb whose command line is the option list L (lib/parseopt.h):
 * KAM_VERB(fn, name, flags, summary, L, init) defines fn_popt, its table,
 * fn_usage and fn_words, its usage line and completion words, and the verb
 * function fn, which parses argv by the table into a struct opts of the
 * file (init: its defaults, "{ 0 }" or a macro) and runs fn_run(k) with
 * k->opts pointing to it and k->argc, k->argv the operands; a usage error
 * ends the verb before fn_run.  The macro ends with the head of fn_run,
 * `static int fn_run(struct kam *k)`: the verb's body follows it,
 *	KAM_VERB(risk_list, "list", NEED_PROJECT, "list risks", LIST_OPTS,
 *	    { 0 })
 *	{
 *		const struct opts *o = k->opts;
 *		...
 *	}
 * KAM_VERB0(fn, name, flags, summary, L) is the same for a verb without
 * options.  KAM_VERB_RUN(fn, name, flags, summary, L, run, init) runs
 * run(k), a function of the file, instead: verbs that differ only in
 * their command line share it (k->verb tells them apart).
 */
#define VERB_ENTRY(fn, name, flags, summary)				\
	static const struct verb fn##_verb = { name, fn, flags,	\
		fn##_usage, fn##_words, summary };
#define KAM_VERB_RUN(fn, name, flags, summary, L, run, ...)		\
	static const struct popt fn##_popt[] = POPT_TABLE(L);		\
	static const char fn##_usage[] = L(POPT_USAGE);			\
	static const char fn##_words[] = L(POPT_COMPLETE);		\
	static int run(struct kam *);					\
	static int							\
	fn(int argc, char **argv, struct kam *k)			\
	{								\
		struct opts o_ = __VA_ARGS__;				\
		int i_ = popt_parse(fn##_popt, &o_, argc, argv,	\
		    k->p.today);					\
									\
		return i_ == -1 ? -1 : kam_verb_run(k, run, &o_,	\
		    argc - i_, argv + i_);				\
	}								\
	VERB_ENTRY(fn, name, flags, summary)
#define KAM_VERB(fn, name, flags, summary, L, ...)			\
	KAM_VERB_RUN(fn, name, flags, summary, L, fn##_run, __VA_ARGS__) \
	static int fn##_run(struct kam *k)
#define KAM_VERB0(fn, name, flags, summary, L)				\
	static const struct popt fn##_popt[] = POPT_TABLE(L);		\
	static const char fn##_usage[] = L(POPT_USAGE);			\
	static const char fn##_words[] = L(POPT_COMPLETE);		\
	static int fn##_run(struct kam *);				\
	static int							\
	fn(int argc, char **argv, struct kam *k)			\
	{								\
		int i_ = popt_parse(fn##_popt, NULL, argc, argv,	\
		    k->p.today);					\
									\
		return i_ == -1 ? -1 : kam_verb_run(k, fn##_run, NULL,	\
		    argc - i_, argv + i_);				\
	}								\
	VERB_ENTRY(fn, name, flags, summary)				\
	static int fn##_run(struct kam *k)
/* Run fn with k's opts and operands set (KAM_VERB). */
int	kam_verb_run(struct kam *k, int (*fn)(struct kam *), void *opts,
	    int argc, char **argv);

/* What lib's record verbs need of k: the project, the output format and
 * the commit options. */
struct rec_ctx	kam_ctx(struct kam *k);
/* Run the generic verb v of lib/record.c (a verb declared as data) with
 * k's project, format and commit options. */
int	kam_rec_run(struct kam *k, const struct rec_verb *v, int argc,
	    char **argv);

/*
 * A verb declared as data (lib/record.h) in one line: the struct
 * rec_verb of kind REC_<kind> (the rest of its members after the list),
 * the verb function fn and its entry fn_verb (its flags follow from the
 * kind: every kind needs the project, ADD, SET, MOVE and CALL write), its
 * usage line the command words and its options' usage, its completion
 * words and its option table all made from one list:
 *   REC_VERB(fn, name, summary, kind, words, ...)	no options (show,
 *					close...)
 *   REC_FIELDS_VERB(fn, name, summary, kind, how, words, L, ...)	the F()
 *					list L as add or set takes it (how:
 *					ADD or SET)
 *   REC_LIST_VERB(fn, name, summary, words, W, ...)	the W() list of
 *					filters
 */
#define REC_FLAGS_ADD	(NEED_PROJECT | WRITES)
#define REC_FLAGS_SET	(NEED_PROJECT | WRITES)
#define REC_FLAGS_MOVE	(NEED_PROJECT | WRITES)
#define REC_FLAGS_CALL	(NEED_PROJECT | WRITES)
#define REC_FLAGS_SHOW	NEED_PROJECT
#define REC_FLAGS_LIST	NEED_PROJECT
#define REC_OPTIONS(fn, how, words, L)					\
	static const char fn##_usage[] = words L(REC_USAGE_##how);	\
	static const char fn##_words[] = "" L(REC_COMPLETE_##how);	\
	static const struct rec_opt fn##_opts[] = { L(REC_OPT_##how) };
/* The verb function fn of the verb declared as data fn_rv, and its entry. */
#define REC_FN(fn, name, summary, kd)					\
	static int fn(int argc, char **argv, struct kam *k)		\
	{ return kam_rec_run(k, &fn##_rv, argc, argv); }		\
	VERB_ENTRY(fn, name, REC_FLAGS_##kd, summary)
#define REC_VERB(fn, name, summary, kd, words, ...)			\
	static const char fn##_usage[] = words;				\
	static const char fn##_words[] = "";				\
	static const struct rec_verb fn##_rv = { .usage = fn##_usage,	\
		.kind = REC_##kd, __VA_ARGS__ };			\
	REC_FN(fn, name, summary, kd)
#define REC_FIELDS_VERB(fn, name, summary, kd, how, words, L, ...)	\
	REC_OPTIONS(fn, how, words, L)					\
	static const struct rec_verb fn##_rv = { .usage = fn##_usage,	\
		.kind = REC_##kd, .opts = fn##_opts,			\
		.nopts = ARRAY_SIZE(fn##_opts), __VA_ARGS__ };		\
	REC_FN(fn, name, summary, kd)
#define REC_LIST_VERB(fn, name, summary, words, W, ...)			\
	static const char fn##_usage[] = words W(REC_USAGE_LIST);	\
	static const char fn##_words[] = "" W(REC_COMPLETE_LIST);	\
	static const struct rec_where fn##_where[] = { W(REC_WHERE) };	\
	static const struct rec_verb fn##_rv = { .usage = fn##_usage,	\
		.kind = REC_LIST, .where = fn##_where,			\
		.nwhere = ARRAY_SIZE(fn##_where), __VA_ARGS__ };	\
	REC_FN(fn, name, summary, LIST)

/* Ensure k->p is open (for verbs without NEED_PROJECT that need it). */
int	kam_open_project(struct kam *k);
/* Start a write transaction on k's project (honours --no-commit). */
int	kam_tx_begin(struct kam *k, struct tx *tx);
/* Commit tx with subject "kam: <cmd> <id>: <title>" and the -m text as
 * body; kam_tx_commit_body() puts `body` (what the command decided) before
 * the -m text.  Returns 0 (committed, or written with --no-commit) or -1;
 * a write that changes nothing is refused with 65, since exit 0 promises
 * exactly one commit. */
int	kam_tx_commit(struct kam *k, struct tx *tx, const char *cmd,
	    const char *id, const char *title);
int	kam_tx_commit_body(struct kam *k, struct tx *tx, const char *cmd,
	    const char *id, const char *title, const char *body);
struct table;
struct row;
/* Queue table t in tx and commit it with the subject "kam: <cmd> <id>:
 * <title>" taken from row r (its id and title columns).  As
 * kam_tx_commit(). */
int	kam_tx_commit_row(struct kam *k, struct tx *tx, const char *cmd,
	    struct table *t, const struct row *r);

struct hist_set;
struct hist_rec;
/* Print the lines of record r's change (hist_line), each indented by four
 * spaces and escaped for a terminal; b is scratch. */
void	kam_hist_lines(struct kam_buf *b, const struct hist_rec *r);
/* Print a record-level change set as kam diff does in fmt (md: a
 * pull-request summary headed "from -> to"); the file of a JSON or CSV
 * row is named from the repository root (prefix: the project's folder,
 * "" or "pm/"). */
void	kam_diff_print(enum out_fmt fmt, const struct hist_set *set,
	    const char *from, const char *to, const char *prefix);
/* Print the records of a change set as rows of o: from cells[at] on,
 * table, file (prefix + its path from the repository root), the line
 * when with_line, id, title, change, field, old, new; a row per field
 * changed (one for a record added or removed); the cells before at are
 * the caller's. */
void	kam_hist_rows(struct out *o, const char **cells, size_t at,
	    const struct hist_set *set, const char *prefix, int with_line);

/*
 * Each family file exports its verb table, the entries of its verbs in
 * the order `kam CMD -h` lists them, ending with NULL.  A verb named ""
 * is the family's default (`kam plan`, `kam check FILE...`): it runs when
 * the first word is not one of the other verbs.
 */
#define KAM_FAMILY(name, c, summary)					\
	extern const struct verb *const c##_verbs[] __attribute__((weak));
#include "families.h"
#undef KAM_FAMILY

struct family {
	const char		*name;
	const struct verb *const *verbs;	/* NULL-terminated; NULL: not
						 * built into this kam */
	const char		*summary;
};
extern const struct family kam_families[];
extern const size_t kam_nfamilies;

#endif
