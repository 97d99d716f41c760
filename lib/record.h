/*
 * record.h: a record type as data, and the generic verbs that work from
 * it (add, set, transitions, filtered list, show, and the transaction tail
 * that ends every write: subject, commit, print the id).
 *
 * A family states, next to its table's columns in schema.h:
 *   - its fields: F(COLUMN, "name", add, set, "x", "metavar", "help") where
 *     add and set are REQ (the verb needs it), OPT (may take it) or NO; the
 *     option is --name (= the column name) and -x ("": none); SREQ and SOPT
 *     are REQ and OPT shown by the short option in the usage ("-p 1-5");
 *   - its status transitions: which statuses a verb leaves from and which
 *     one it reaches (the shape of lib/reqflow.c's table);
 * and passes both here as a struct rec_type.  The usage line, the
 * completion word list and the getopt table of each verb are expanded at
 * compile time from the same F() list (REC_USAGE, REC_COMPLETE,
 * REC_OPTS below), so `kam CMD -h`, `kam __complete`, the SYNOPSIS check
 * of t0900 and argument parsing cannot drift apart.
 */
#ifndef KAM_RECORD_H
#define KAM_RECORD_H

#include <stdint.h>

#include "out.h"
#include "project.h"
#include "records.h"
#include "repo.h"
#include "schema.h"
#include "table.h"

/* How a verb takes a field.  REC_FLAG: an option without a value that
 * sets its column to its own name (scope's --in and --out); REC_ONEOF: a
 * flag of which one of its column is required. */
enum rec_take { REC_NO, REC_OPT, REC_REQ, REC_FLAG, REC_ONEOF,
	REC_OPERAND };
/* REC_OPERAND: the option names what the verb takes as its operand (req
 * add --title): refused, "(the title is the operand)", with the usage;
 * or refused with its help as the message when that is not "". */

/* One settable field: option --name sets column col. */
struct rec_opt {
	int		 col;
	const char	*name;		/* == the column's name */
	enum rec_take	 take;		/* for this verb */
	const char	*sh;		/* the short option, "x"; "": none */
	const char	*meta;		/* value in the usage: "P-n", "date" */
	const char	*help;
};

/* Expansions of a family's F() list for one verb (add or set). */
#define REC_U_REQ(n, sh, m)	" --" n " " m
#define REC_U_OPT(n, sh, m)	" [--" n " " m "]"
#define REC_U_SREQ(n, sh, m)	" -" sh " " m
#define REC_U_SOPT(n, sh, m)	" [-" sh " " m "]"
#define REC_U_NO(n, sh, m)
#define REC_U_FLAG(n, sh, m)	" [--" n "]"
#define REC_C_REQ(n)	" --" n "="
#define REC_C_OPT(n)	" --" n "="
#define REC_C_SREQ(n)	" --" n "="
#define REC_C_SOPT(n)	" --" n "="
#define REC_C_NO(n)
#define REC_C_FLAG(n)	" --" n
#define REC_U_ONEOF(n, sh, m)	" --" n
#define REC_U_OR(n, sh, m)	"|--" n
#define REC_U_HIDE(n, sh, m)
#define REC_U_OPERAND(n, sh, m)
#define REC_C_OPERAND(n)
#define REC_C_ONEOF(n)	" --" n
#define REC_C_OR(n)	" --" n
#define REC_C_HIDE(n)
/* How the verb takes it: SREQ and SOPT are REQ and OPT; OR is ONEOF shown
 * after the entry before it ("--in|--out"); HIDE is OPT neither shown nor
 * completed (people add's --name, its operand's column). */
#define REC_T_NO	REC_NO
#define REC_T_OPT	REC_OPT
#define REC_T_REQ	REC_REQ
#define REC_T_SOPT	REC_OPT
#define REC_T_SREQ	REC_REQ
#define REC_T_FLAG	REC_FLAG
#define REC_T_ONEOF	REC_ONEOF
#define REC_T_OR	REC_ONEOF
#define REC_T_HIDE	REC_OPT
#define REC_T_OPERAND	REC_OPERAND
#define REC_USAGE_ADD(col, n, add, set, sh, m, h)	REC_U_##add(n, sh, m)
#define REC_USAGE_SET(col, n, add, set, sh, m, h)	REC_U_##set(n, sh, m)
#define REC_COMPLETE_ADD(col, n, add, set, sh, m, h)	REC_C_##add(n)
#define REC_COMPLETE_SET(col, n, add, set, sh, m, h)	REC_C_##set(n)
#define REC_OPT_ADD(col, n, add, set, sh, m, h)				\
	{ col, n, REC_T_##add, sh, m, h },
#define REC_OPT_SET(col, n, add, set, sh, m, h)				\
	{ col, n, REC_T_##set, sh, m, h },

/* What a verb needs of main(): the project, the output format and the
 * commit options. */
struct rec_ctx {
	struct project	*p;
	enum out_fmt	 fmt;
	int		 no_commit;
	const char	*msg;		/* -m: the commit body */
	int		 no_verify;	/* --no-verify: skip the commit hooks */
};

/* Option values of one run of a verb, by position in its rec_opt table. */
#define REC_MAX_OPTS	16
struct rec_args {
	const char	*val[REC_MAX_OPTS];	/* NULL: not given */
	const char	*operand;		/* the one positional word */
	int		 seq[REC_MAX_OPTS];	/* 1, 2...: the order in which
						 * the options were first
						 * given; 0: not given */
	char *const	*rest;			/* the operands after the
						 * first */
};

/* A verb that moves a record from one status to another. */
struct rec_transition {
	const char	*verb;		/* "resolve" */
	unsigned	 from;		/* bit i: status value i may take it */
	int		 to;		/* status value index; -1: unchanged */
	const char	*refuse;	/* why not, after "<noun> <id> is <st>: " */
};
#define REC_BIT(i)	(1u << (i))

/* A value a new record gets unless an option gives it. */
struct rec_default {
	int		 col;
	const char	*val;
};

struct rec_type {
	const struct schema		*s;
	const char			*family;	/* "issue" */
	int				 title_col;
	int				 status_col;
	int				 owner_col;	/* -1: none */
	int				 due_col;	/* -1: none (--overdue) */
	int				 raised_col;	/* today on add; -1 */
	unsigned			 open;		/* statuses that are open */
	const struct rec_default	*defaults;	/* on add */
	size_t				 ndefaults;
	const struct rec_transition	*trans;
	size_t				 ntrans;
	const char *const		*brief;		/* list columns */
	const struct derived		*derived;
	size_t				 nderived;
	/* Optional, for families older than the generic verbs (all zero:
	 * the defaults above). */
	const char			*operand;	/* the operand's name in
							 * messages; NULL: the
							 * title column's */
	int				 bare;		/* messages name options
							 * without "--" */
	int				 short_names;	/* messages name an option
							 * with a short form so:
							 * "-p" */
	const char			*past;		/* raised_col may be given
							 * but not after today:
							 * "record <past>" */
	const int			*search;	/* columns of --search,
							 * -1 ends */
	/* Instead of rec_apply() on add and set (a family's own rule, such
	 * as a goal's status from its actual value). */
	int	(*apply)(const struct rec_ctx *c, struct tx *tx,
		    struct table *t, struct row *r, const struct rec_opt *opts,
		    size_t n, const struct rec_args *a);
	/* Instead of the transition's refuse text: say why `verb` is
	 * refused to row r and what to do instead (65); returns -1. */
	int	(*refuse)(const struct table *t, const struct row *r,
		    const char *verb);
	/* A type whose status is not stored but derived (a task: planned,
	 * started, done from its dates): the state index of row r, which
	 * the transitions' bits and targets name (status_col is then -1). */
	int	(*state)(const struct table *t, const struct row *r);
	/* The argument of the derived fields' functions when the project is
	 * not enough (a billing item's state needs the tasks): made before
	 * the rows are printed (NULL: failed, reported), freed after; NULL
	 * hooks: the project. */
	void	*(*derived_new)(const struct rec_ctx *c);
	void	 (*derived_free)(void *arg);
};

/* getopt_long with kam's conventions: opterr off; an unknown option or a
 * missing value is a usage error (64, the usage printed, *err set).
 * Reset optind before the first call. */
int	rec_getopt(int argc, char **argv, const char *shortopts,
	    const void *longopts, const char *usage, int *err);
/* Print "usage: <usage>" and record 64; returns -1. */
int	rec_usage(const char *usage);
/* The id arg that option opt ("--by") gives, of the table with that
 * prefix, into canon (32 bytes) and *num: 0, or -1 after 64 ("--by:
 * invalid person id 'x' (expected e.g. P-3)"). */
int	rec_id_arg(const char *opt, const char *arg, const char *prefix,
	    char *canon, long *num);
/* A date given as option or variable opt ("--today", "KAM_TODAY"):
 * YYYY-MM-DD into *out; 0, or -1 after 64 ("--today: invalid date 'x':
 * why"). */
int	rec_date_arg(const char *opt, const char *arg, int32_t *out);
/* A date option recording something that has happened: YYYY-MM-DD and not
 * after today.  On a future date the message ends "record <what>".  *out
 * gets the day.  0, or -1 after 64. */
int	rec_past_date_arg(const char *opt, const char *arg, int32_t today,
	    const char *what, int32_t *out);
/* The row of t that option opt names with arg: NULL after 64 (not an id
 * of t) or 65 (no such record). */
struct row *rec_lookup_arg(const struct table *t, const char *arg,
	    const char *opt);

/*
 * Parse argv against opts (n entries; REC_NO ones are not options of this
 * verb).  Exactly want_operand operands (0, 1 or more: a->operand is the
 * first, a->rest the others).  A missing REQ option is a usage error naming it.
 * 0, or -1 after 64.
 */
int	rec_parse(const struct rec_opt *opts, size_t n, int argc, char **argv,
	    const char *usage, int want_operand, struct rec_args *a);

/* As rec_parse(), but a missing REQ option is the message need (%s: the
 * operand), or a usage error when need is "". */
int	rec_parse_need(const struct rec_opt *opts, size_t n, int argc,
	    char **argv, const char *usage, int want_operand, const char *need,
	    struct rec_args *a);

/* Set each given option's column of row r (validated, ids canonical),
 * then check the references of t against the tables they name (loaded
 * from tx).  0, or -1 reported. */
int	rec_apply(struct project *p, struct tx *tx, struct table *t,
	    struct row *r, const struct rec_opt *opts, size_t n,
	    const struct rec_args *a);
/* The first half of rec_apply() as type rt words it: set the columns of
 * the given options. */
int	rec_set_opts(const struct rec_type *rt, struct table *t, struct row *r,
	    const struct rec_opt *opts, size_t n, const struct rec_args *a);
/* Option o as type rt's messages name it ("--due", "due", "-p"). */
const char	*rec_opt_label(const struct rec_type *rt,
	    const struct rec_opt *o, char *buf, size_t len);
/* The second half of rec_apply(): check row r's references. */
int	rec_apply_refs(struct project *p, struct tx *tx, struct table *t,
	    const struct row *r);

/* The transition `verb` of row r: its target status index, or -1 after
 * 65 "issue I-2 is closed: <refuse>". */
int	rec_transition(const struct rec_type *rt, const struct table *t,
	    const struct row *r, const char *verb);

/* Is row r in one of the open statuses? */
int	rec_is_open(const struct rec_type *rt, const struct table *t,
	    const struct row *r);

/* Begin a write: the transaction and table rt->s loaded from HEAD. */
int	rec_begin(const struct rec_ctx *c, struct tx *tx, struct table *t,
	    const struct schema *s);
/* The transaction tail: queue the changed tables (NULL-terminated), commit
 * "kam: <cmd> <id>: <title>" with body and the -m text.  A write that
 * changes nothing is refused (65).  0 or -1. */
int	rec_commit(const struct rec_ctx *c, struct tx *tx, const char *cmd,
	    const char *id, const char *title, const char *body);
/* As rec_commit() for row r of t (its id and title), t queued first. */
int	rec_commit_row(const struct rec_ctx *c, struct tx *tx, const char *cmd,
	    const struct rec_type *rt, struct table *t, const struct row *r,
	    const char *body);
/* Commit subject "kam: <cmd> <id>: <title>" on one line; caller frees. */
char	*rec_subject(const char *cmd, const char *id, const char *title);

/* The list filters every record type has. */
struct rec_filter {
	int		 open_only;	/* --open */
	int		 overdue;	/* --overdue: open and due < today */
	const char	*status;	/* --status */
	const char	*owner;		/* --owner, canonical */
};
#define REC_FILTER_INIT { .status = NULL }

/* Check --status and --owner values (64 on a bad one; owner made
 * canonical into ownerbuf, 32 bytes). */
int	rec_filter_check(const struct rec_type *rt, struct rec_filter *f,
	    char *ownerbuf);
/* Load the table from the work tree and print the rows that pass f, in
 * id order, with the type's brief columns and derived fields. */
int	rec_list(const struct rec_ctx *c, const struct rec_type *rt,
	    const struct rec_filter *f);
/*
 * The generic writes, each one commit "kam: <family> <verb> <id>: <title>".
 * rec_add: a new record from the operand (its title) and the options,
 * with the type's defaults and raised date; prints the new id.
 * rec_set: change the given fields of record a->operand (a transition
 * "set", when the type has one, says from which statuses).
 * rec_move: transition `verb` of record id, setting column col to val too
 * when col >= 0.
 * 0, or -1 reported.
 */
int	rec_add(const struct rec_ctx *c, const struct rec_type *rt,
	    const struct rec_opt *opts, size_t n, const struct rec_args *a);
int	rec_set(const struct rec_ctx *c, const struct rec_type *rt,
	    const struct rec_opt *opts, size_t n, const struct rec_args *a);
int	rec_move(const struct rec_ctx *c, const struct rec_type *rt,
	    const char *verb, const char *id, int col, const char *val);

/* Print one record (all columns and derived fields). */
int	rec_show(const struct rec_ctx *c, const struct rec_type *rt,
	    const char *id);

/*
 * A list filter: --name as a flag or with a value.
 *   REC_W_EQ	the column equals the value (an enum value is checked)
 *   REC_W_CASE	equals, ASCII letters without case
 *   REC_W_REF	the column is that id (given in any case)
 *   REC_W_SEARCH	a word in one of the type's search columns
 *   REC_W_OPEN	flag: the record is open
 *   REC_W_OVERDUE	flag: open and its due date is before today
 *   REC_W_IS	flag: the column's value is the option's meta, or its
 *		name when meta is "" (req list --key: priority must)
 *   REC_W_AKA	REC_W_REF under another name, parsed and completed but
 *		not shown: a family's own name for the person filter
 *		(--owner, --source) beside the one every list has, --person
 * bad: the message for a value that is not valid (%s: the value);
 * NULL: "--name: invalid value ...".
 */
enum rec_wmatch { REC_W_EQ, REC_W_CASE, REC_W_REF, REC_W_SEARCH, REC_W_OPEN,
	REC_W_OVERDUE, REC_W_IS, REC_W_AKA };
struct rec_where {
	int		 col;
	const char	*name;
	enum rec_wmatch	 match;
	const char	*meta;
	const char	*bad;
};

/* Expansions of a family's W(COLUMN, "option", match, "metavar", bad)
 * list of filters: the usage, completion words and rec_where table. */
#define REC_WU_EQ(n, m)		" [--" n " " m "]"
#define REC_WU_CASE(n, m)	REC_WU_EQ(n, m)
#define REC_WU_REF(n, m)	REC_WU_EQ(n, m)
#define REC_WU_SEARCH(n, m)	REC_WU_EQ(n, m)
#define REC_WU_OPEN(n, m)	" [--" n "]"
#define REC_WU_OVERDUE(n, m)	REC_WU_OPEN(n, m)
#define REC_WU_IS(n, m)		REC_WU_OPEN(n, m)
#define REC_WU_AKA(n, m)	""
#define REC_WU_EITHER(n, m)	" [--" n
#define REC_WU_OR(n, m)		"|--" n "]"
#define REC_WC_EQ(n)		" --" n "="
#define REC_WC_CASE(n)		REC_WC_EQ(n)
#define REC_WC_REF(n)		REC_WC_EQ(n)
#define REC_WC_SEARCH(n)	REC_WC_EQ(n)
#define REC_WC_OPEN(n)		" --" n
#define REC_WC_OVERDUE(n)	REC_WC_OPEN(n)
#define REC_WC_IS(n)		REC_WC_OPEN(n)
#define REC_WC_AKA(n)		REC_WC_EQ(n)
#define REC_WC_EITHER(n)	REC_WC_OPEN(n)
#define REC_WC_OR(n)		REC_WC_OPEN(n)
/* EITHER and OR: two IS flags shown as one choice, "[--in|--out]". */
#define REC_W_EITHER		REC_W_IS
#define REC_W_OR		REC_W_IS
#define REC_USAGE_LIST(col, n, match, m, bad)	REC_WU_##match(n, m)
#define REC_COMPLETE_LIST(col, n, match, m, bad)	REC_WC_##match(n)
#define REC_WHERE(col, n, match, m, bad)	{ col, n, REC_W_##match, m, bad },

/* What a declared verb does. */
enum rec_kind { REC_ADD, REC_SET, REC_LIST, REC_SHOW, REC_MOVE, REC_CALL };

/*
 * A verb declared as data: cmd/<family>.c names it in its verb table and
 * rec_run() parses argv and runs the generic verb.
 *   REC_MOVE	transition `verb`; opts: at most one, the column it also sets
 *   REC_SET	verb: the name it commits as (NULL: "set"; risk: "assess")
 *   REC_CALL	call(c, v, a): a write of the type's own (bill add, change
 *		approve and reject, qa check) with the options parsed
 *		and `operands` operands (0: one)
 * need: message when an option add requires is missing (%s: the operand);
 * both: message when two REC_FLAG options of one column are given.
 */
struct rec_verb {
	const char		*usage;		/* == the man page's SYNOPSIS */
	const struct rec_type	*rt;
	enum rec_kind		 kind;
	const char		*verb;
	const struct rec_opt	*opts;
	size_t			 nopts;
	const struct rec_where	*where;
	size_t			 nwhere;
	const char		*need;
	const char		*both;
	/* REC_LIST: after the filters, drop or reorder the n rows (kam comm
	 * due: what is due, most overdue first). */
	void	(*pick)(const struct rec_ctx *c, const struct table *t,
		    struct row **rows, size_t *n);
	int	(*call)(const struct rec_ctx *c, const struct rec_verb *v,
		    const struct rec_args *a);
	int			 operands;
};

/* Parse argv for v and run it.  0, or -1 reported. */
int	rec_run(const struct rec_ctx *c, const struct rec_verb *v, int argc,
	    char **argv);

#endif
