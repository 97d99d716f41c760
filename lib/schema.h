/*
 * schema.h: every table of SPEC §2, declared once.
 *
 * Loading, validation, canonical writing, output, check, log, diff, merge,
 * renumber and completion all work from these declarations.  A new record
 * type is one entry in schema.c plus its verbs in cmd/.
 */
#ifndef KAM_SCHEMA_H
#define KAM_SCHEMA_H

#include <stddef.h>

enum col_type {
	COL_TEXT,	/* any UTF-8 */
	COL_ID,		/* the record's own id, PREFIX-N */
	COL_REF,	/* one id of table `ref` (or free text when `ref_text`) */
	COL_REFLIST,	/* space-separated ids of table `ref` */
	COL_DATE,
	COL_MONEY,
	COL_INT,	/* integer in [min, max] */
	COL_ENUM,	/* one of `enums` */
	COL_KEY,	/* a key column of a keyless table (budget category) */
	COL_HOURS	/* hours in quarter steps (value.h), quarters in [min, max] */
};

struct column {
	const char		 *name;
	enum col_type		  type;
	const char		 *ref;		/* prefix referred to: "P", "T"... */
	const char *const	 *enums;	/* NULL-terminated */
	long			  min, max;
	unsigned		  required : 1;	/* empty is invalid */
	unsigned		  ref_text : 1;	/* REF may also be free text */
	unsigned		  ref_any : 1;	/* REF may be any kam id */
	unsigned		  nonneg : 1;	/* MONEY: not below 0 */
};

struct schema {
	const char		*name;		/* "risks": --table, JSON */
	const char		*file;		/* "risks.csv"; expenses: "expenses" */
	const char		*prefix;	/* "R"; NULL for keyless tables */
	const char		*noun;		/* "risk": messages */
	const struct column	*cols;
	size_t			 ncols;
	/* keyless tables: indexes of the key columns (budget: category;
	 * raci: activity+person); nkeys 0 for id tables (key = col 0). */
	int			 keys[2];
	int			 nkeys;
	/* One file per month, file/YYYY-MM.csv ("expenses/2026-11.csv"):
	 * the file is the directory, column 1 the required date that puts a
	 * record in its month, ids unique across the months. */
	unsigned		 monthly : 1;
};

/*
 * The columns of every table, in file order, declared once:
 * X(CONSTANT, declaration).  The constants (RISK_STATUS, TASK_DURATION...)
 * index s->cols and are what table_get()/table_set() take, so no column
 * position is written anywhere else; schema.c expands the declarations
 * (ID, TEXTREQ("title"), ENUM(...): the macros of schema.c).  A constant
 * is the table's prefix and the column name in capitals (t_schema checks).
 */
#define GOAL_COLUMNS(X)							\
	X(GOAL_ID, ID) X(GOAL_TITLE, TEXTREQ("title"))			\
	X(GOAL_METRIC, TEXT("metric"))					\
	X(GOAL_BASELINE, TEXT("baseline"))				\
	X(GOAL_TARGET, TEXT("target")) X(GOAL_ACTUAL, TEXT("actual"))	\
	X(GOAL_DUE, DATE("due"))					\
	X(GOAL_STATUS, ENUMREQ("status", "open", "met", "missed", "dropped")) \
	X(GOAL_DIRECTION, ENUM("direction", "higher", "lower"))
#define SCOPE_COLUMNS(X)						\
	X(SCOPE_ID, ID) X(SCOPE_ITEM, TEXTREQ("item"))			\
	X(SCOPE_KIND, ENUMREQ("kind", "in", "out")) X(SCOPE_NOTE, TEXT("note"))
#define PERSON_COLUMNS(X)						\
	X(PERSON_ID, ID) X(PERSON_NAME, TEXTREQ("name"))		\
	X(PERSON_SIDE, ENUMREQ("side", "client", "team", "partner"))	\
	X(PERSON_ORG, TEXT("org")) X(PERSON_ROLE, TEXT("role"))		\
	X(PERSON_EMAIL, TEXT("email")) X(PERSON_SKILLS, TEXT("skills"))	\
	X(PERSON_CAPACITY, INT("capacity", 0, 100))			\
	X(PERSON_RATE, MONEYPOS("rate"))					\
	X(PERSON_INFLUENCE, INT("influence", 1, 5))			\
	X(PERSON_INTEREST, INT("interest", 1, 5))
#define RISK_STATUSES(S)						\
	S(RISK_OPEN, "open") S(RISK_CLOSED, "closed")			\
	S(RISK_OCCURRED, "occurred")
#define RISK_COLUMNS(X)							\
	X(RISK_ID, ID) X(RISK_TITLE, TEXTREQ("title"))			\
	X(RISK_CATEGORY, TEXT("category"))				\
	X(RISK_PROBABILITY, INTREQ("probability", 1, 5))		\
	X(RISK_IMPACT, INTREQ("impact", 1, 5))				\
	X(RISK_STRATEGY, ENUM("strategy", "avoid", "mitigate", "transfer", \
	    "accept"))							\
	X(RISK_OWNER, REF("owner", "P"))				\
	X(RISK_STATUS, ENUMLIST("status", RISK_STATUSES))		\
	X(RISK_TRIGGER, TEXT("trigger"))				\
	X(RISK_RESPONSE, TEXT("response"))				\
	X(RISK_REVIEW, DATE("review")) X(RISK_RAISED, DATE("raised"))
#define REQ_COLUMNS(X)							\
	X(REQ_ID, ID) X(REQ_TITLE, TEXTREQ("title"))			\
	X(REQ_PRIORITY, ENUMREQ("priority", "must", "should", "could",	\
	    "wont"))							\
	X(REQ_STATUS, ENUMREQ("status", "draft", "analysed", "confirmed", \
	    "done", "rejected"))					\
	X(REQ_SOURCE, REF("source", "P"))				\
	X(REQ_CONFIRMED_BY, REF("confirmed_by", "P"))			\
	X(REQ_CONFIRMED_ON, DATE("confirmed_on"))			\
	X(REQ_ACCEPTANCE, TEXT("acceptance"))
/* The client decides a proposed change request: approve or reject
 * (change_type's transitions, lib/rectype.c). */
#define CHANGE_STATUSES(S)						\
	S(CHANGE_PROPOSED, "proposed") S(CHANGE_APPROVED, "approved")	\
	S(CHANGE_REJECTED, "rejected")
#define CHANGE_COLUMNS(X)						\
	X(CHANGE_ID, ID) X(CHANGE_TITLE, TEXTREQ("title"))		\
	X(CHANGE_REQ, REF("req", "REQ")) X(CHANGE_COST, MONEY("cost"))	\
	X(CHANGE_DAYS, INT("days", -100000, 100000))			\
	X(CHANGE_STATUS, ENUMLIST("status", CHANGE_STATUSES))		\
	X(CHANGE_REQUESTED_BY, REF("requested_by", "P"))		\
	X(CHANGE_DECIDED_BY, REF("decided_by", "P"))			\
	X(CHANGE_DECIDED_ON, DATE("decided_on"))
#define TASK_COLUMNS(X)							\
	X(TASK_ID, ID) X(TASK_TITLE, TEXTREQ("title"))			\
	X(TASK_DURATION, INTREQ("duration", 0, 100000))			\
	X(TASK_DEPENDS, REFLIST("depends", "T"))			\
	X(TASK_ASSIGNEE, REF("assignee", "P"))				\
	X(TASK_START, DATE("start")) X(TASK_FINISH, DATE("finish"))	\
	X(TASK_PROGRESS, INT("progress", 0, 100))			\
	X(TASK_COST, MONEY("cost"))					\
	X(TASK_REQS, REFLIST("reqs", "REQ"))				\
	X(TASK_DEADLINE, DATE("deadline"))				\
	X(TASK_BASELINE_START, DATE("baseline_start"))			\
	X(TASK_BASELINE_FINISH, DATE("baseline_finish"))
#define BUDGET_COLUMNS(X)						\
	X(BUDGET_CATEGORY, KEY("category"))				\
	X(BUDGET_AMOUNT, MONEYREQ("amount"))
#define EXPENSE_COLUMNS(X)						\
	X(EXPENSE_ID, ID) X(EXPENSE_DATE, DATEREQ("date"))		\
	X(EXPENSE_CATEGORY, TEXTREQ("category"))			\
	X(EXPENSE_AMOUNT, MONEYREQ("amount"))				\
	X(EXPENSE_DESCRIPTION, TEXT("description"))			\
	X(EXPENSE_REF, TEXT("ref")) X(EXPENSE_TASK, REF("task", "T"))
#define COMM_COLUMNS(X)							\
	X(COMM_ID, ID) X(COMM_TITLE, TEXTREQ("title"))			\
	X(COMM_AUDIENCE, TEXT("audience"))				\
	X(COMM_CHANNEL, TEXT("channel"))				\
	X(COMM_FREQUENCY, ENUMREQ("frequency", "daily", "weekly",	\
	    "biweekly", "monthly", "quarterly"))			\
	X(COMM_OWNER, REF("owner", "P")) X(COMM_LAST, DATE("last"))
#define QA_COLUMNS(X)							\
	X(QA_ID, ID) X(QA_SUBJECT, REFANY("subject"))			\
	X(QA_CRITERION, TEXTREQ("criterion"))				\
	X(QA_DATE, DATEREQ("date"))					\
	X(QA_REVIEWER, REF("reviewer", "P"))				\
	X(QA_RESULT, ENUMREQ("result", "pass", "fail"))			\
	X(QA_NOTE, TEXT("note"))
/* A defect moves open -> fixed -> verified; fixed, verified -> open
 * (reopen): defect_type's transitions (lib/rectype.c). */
#define DEFECT_STATUSES(S)						\
	S(DEFECT_OPEN, "open") S(DEFECT_FIXED, "fixed")			\
	S(DEFECT_VERIFIED, "verified")
#define DEFECT_COLUMNS(X)						\
	X(DEFECT_ID, ID) X(DEFECT_TITLE, TEXTREQ("title"))		\
	X(DEFECT_SEVERITY, ENUMREQ("severity", "critical", "major",	\
	    "minor"))							\
	X(DEFECT_SUBJECT, REFANY("subject"))				\
	X(DEFECT_FOUND, DATE("found"))					\
	X(DEFECT_STATUS, ENUMLIST("status", DEFECT_STATUSES))		\
	X(DEFECT_REWORK, INT("rework", 0, 1000000))			\
	X(DEFECT_CLOSED, DATE("closed"))
#define CSAT_COLUMNS(X)							\
	X(CSAT_ID, ID) X(CSAT_DATE, DATEREQ("date"))			\
	X(CSAT_PERSON, REFREQ("person", "P"))				\
	X(CSAT_SCORE, INTREQ("score", 0, 10)) X(CSAT_COMMENT, TEXT("comment"))
#define RACI_COLUMNS(X)							\
	X(RACI_ACTIVITY, KEY("activity"))				\
	X(RACI_PERSON, REFREQ("person", "P"))				\
	X(RACI_ROLE, ENUMREQ("role", "R", "A", "C", "I"))
#define LESSON_COLUMNS(X)						\
	X(LESSON_ID, ID) X(LESSON_DATE, DATEREQ("date"))		\
	X(LESSON_AREA, TEXT("area"))					\
	X(LESSON_KIND, ENUMREQ("kind", "keep", "improve"))		\
	X(LESSON_LESSON, TEXTREQ("lesson")) X(LESSON_ACTION, TEXT("action"))

#define ISSUE_COLUMNS(X)						\
	X(ISSUE_ID, ID) X(ISSUE_TITLE, TEXTREQ("title"))		\
	X(ISSUE_SEVERITY, ENUMREQ("severity", "critical", "major",	\
	    "minor"))							\
	X(ISSUE_OWNER, REF("owner", "P"))				\
	X(ISSUE_RAISED, DATE("raised")) X(ISSUE_DUE, DATE("due"))	\
	X(ISSUE_STATUS, ENUMLIST("status", ISSUE_STATUSES))		\
	X(ISSUE_ESCALATION, INT("escalation", 0, 3))			\
	X(ISSUE_RISK, REF("risk", "R"))					\
	X(ISSUE_AFFECTS, REFLIST("affects", NULL))			\
	X(ISSUE_RESOLUTION, TEXT("resolution"))
/* Timesheets (issue 16): one file per month like the expenses; hours in
 * quarter-hour steps, at most 24 a booking (and a person's day). */
#define TIME_COLUMNS(X)							\
	X(TIME_ID, ID) X(TIME_DATE, DATEREQ("date"))			\
	X(TIME_PERSON, REFREQ("person", "P"))				\
	X(TIME_TASK, REFREQ("task", "T"))				\
	X(TIME_HOURS, HOURSREQ("hours", 1, 96)) X(TIME_NOTE, TEXT("note"))
/* What the client pays (issue 16): billing milestones.  An item is
 * planned, due (its date passed or its milestone task finished),
 * invoiced, then paid: the dates say which. */
#define BILL_COLUMNS(X)							\
	X(BILL_ID, ID) X(BILL_TITLE, TEXTREQ("title"))			\
	X(BILL_AMOUNT, MONEYREQ("amount"))				\
	X(BILL_MILESTONE, REF("milestone", "T"))			\
	X(BILL_DUE, DATE("due")) X(BILL_INVOICED, DATE("invoiced"))	\
	X(BILL_PAID, DATE("paid"))
/* The options of kam bill add and set (record.h F() lists): add takes
 * the title and the amount as operands. */
#define BILL_FIELDS(F)							\
	F(BILL_TITLE, "title", NO, OPT, "t", "text", "what is billed")	\
	F(BILL_AMOUNT, "amount", NO, OPT, "a", "amount", "what the "	\
	    "client pays for it (above 0)")				\
	F(BILL_MILESTONE, "milestone", OPT, OPT, "M", "T-n", "the task "	\
	    "whose completion makes it due")				\
	F(BILL_DUE, "due", OPT, OPT, "d", "date", "when it is due")
/* Enum values with a constant each: S(CONSTANT, "value"). */
#define ISSUE_STATUSES(S)						\
	S(ISSUE_OPEN, "open") S(ISSUE_IN_PROGRESS, "in-progress")	\
	S(ISSUE_RESOLVED, "resolved") S(ISSUE_CLOSED, "closed")

/* What the verbs of kam issue take (record.h): F(COLUMN, "option", add,
 * set, short option ("x" or ""), value in the usage, help). */
#define ISSUE_FIELDS(F)							\
	F(ISSUE_TITLE, "title", NO, OPT, "t", "text", "the issue in a few "	\
	    "words")							\
	F(ISSUE_SEVERITY, "severity", REQ, OPT, "s",			\
	    "critical|major|minor", "how bad it is")			\
	F(ISSUE_OWNER, "owner", REQ, OPT, "o", "P-n", "who resolves it")	\
	F(ISSUE_DUE, "due", OPT, OPT, "d", "date", "when it must be "	\
	    "resolved")							\
	F(ISSUE_RISK, "risk", OPT, OPT, "r", "R-n", "the risk it comes "	\
	    "from")							\
	F(ISSUE_AFFECTS, "affects", OPT, OPT, "a", "ids", "what it "	\
	    "affects: tasks, requirements... (T-3,REQ-2)")

/* kam lesson: the fields of add (F as above; a lesson is not edited) and
 * the filters of list, W(COLUMN, "option", match, value in the usage,
 * message for a bad value) (record.h). */
#define LESSON_FIELDS(F)						\
	F(LESSON_LESSON, "lesson", NO, OPT, "", "text", "the lesson")	\
	F(LESSON_KIND, "kind", REQ, OPT, "", "keep|improve",		\
	    "what went well (keep) or what to do better (improve)")	\
	F(LESSON_AREA, "area", OPT, OPT, "", "a", "the area it concerns")	\
	F(LESSON_ACTION, "action", OPT, OPT, "", "text", "the action taken") \
	F(LESSON_DATE, "date", OPT, OPT, "", "date", "when it was learned")
/* kam csat set: what a score's entry may correct (the person stays). */
#define CSAT_FIELDS(F)							\
	F(CSAT_SCORE, "score", NO, OPT, "", "0-10", "the score")		\
	F(CSAT_DATE, "date", NO, OPT, "", "date", "when it was given")	\
	F(CSAT_COMMENT, "comment", NO, OPT, "", "text", "a comment")
#define LESSON_WHERE(W)							\
	W(LESSON_LESSON, "search", SEARCH, "word", NULL)		\
	W(LESSON_AREA, "area", CASE, "a", NULL)				\
	W(LESSON_KIND, "kind", EQ, "keep|improve", NULL)

/* kam scope: --in or --out sets the kind (a flag stands for its name);
 * set may change the item too. */
#define SCOPE_FIELDS(F)							\
	F(SCOPE_ITEM, "item", NO, OPT, "", "text", "the item")		\
	F(SCOPE_KIND, "in", ONEOF, FLAG, "", "", "in scope")		\
	F(SCOPE_KIND, "out", OR, FLAG, "", "", "out of scope")		\
	F(SCOPE_NOTE, "note", OPT, OPT, "", "text", "a note")
#define SCOPE_WHERE(W)							\
	W(SCOPE_KIND, "in", EITHER, "", NULL)				\
	W(SCOPE_KIND, "out", OR, "", NULL)

/* kam goal: the title is add's operand; --status is set's alone. */
#define GOAL_FIELDS(F)							\
	F(GOAL_TITLE, "title", NO, OPT, "", "text", "the goal")		\
	F(GOAL_METRIC, "metric", OPT, OPT, "", "text", "what is measured") \
	F(GOAL_BASELINE, "baseline", OPT, OPT, "", "x", "where it starts") \
	F(GOAL_TARGET, "target", OPT, OPT, "", "y", "where it should be")	\
	F(GOAL_ACTUAL, "actual", OPT, OPT, "", "z", "where it is")	\
	F(GOAL_DUE, "due", OPT, OPT, "", "date", "by when")		\
	F(GOAL_DIRECTION, "direction", OPT, OPT, "", "higher|lower",	\
	    "which way is better")					\
	F(GOAL_DIRECTION, "higher-is-better", FLAG, FLAG, "", "higher",	\
	    "--direction higher")					\
	F(GOAL_DIRECTION, "lower-is-better", FLAG, FLAG, "", "lower",	\
	    "--direction lower")					\
	F(GOAL_STATUS, "status", NO, OPT, "", "open|met|missed|dropped",	\
	    "the status, when not worked out from the actual")
#define GOAL_WHERE(W)							\
	W(GOAL_STATUS, "open", OPEN, "", NULL)				\
	W(GOAL_STATUS, "status", EQ, "open|met|missed|dropped",		\
	    "--status: expected open, met, missed or dropped, not '%s'")

#define ISSUE_WHERE(W)							\
	W(ISSUE_STATUS, "open", OPEN, "", NULL)				\
	W(ISSUE_OWNER, "person", REF, "P-n", NULL)			\
	W(ISSUE_OWNER, "owner", AKA, "P-n", NULL)			\
	W(ISSUE_DUE, "overdue", OVERDUE, "", NULL)			\
	W(ISSUE_STATUS, "status", EQ, "s", NULL)

/* kam comm: add's and set's fields (set may change the title too); list
 * and due filter by owner. */
#define COMM_FIELDS(F)							\
	F(COMM_TITLE, "title", NO, OPT, "", "text", "what is communicated") \
	F(COMM_FREQUENCY, "frequency", REQ, OPT, "",			\
	    "daily|weekly|biweekly|monthly|quarterly", "how often")	\
	F(COMM_AUDIENCE, "audience", OPT, OPT, "", "who", "to whom: "	\
	    "people (P-1,P-4) or free text")				\
	F(COMM_CHANNEL, "channel", OPT, OPT, "", "c", "how")		\
	F(COMM_OWNER, "owner", OPT, OPT, "", "P-n", "who communicates")
#define COMM_WHERE(W)							\
	W(COMM_OWNER, "person", REF, "P-n", NULL)			\
	W(COMM_OWNER, "owner", AKA, "P-n", NULL)

/* kam defect: add's and set's fields (set may change the title too),
 * and list's filters; fix, verify and reopen are transitions. */
#define DEFECT_FIELDS(F)						\
	F(DEFECT_TITLE, "title", NO, OPT, "", "text", "what is wrong")	\
	F(DEFECT_SEVERITY, "severity", REQ, OPT, "", "critical|major|minor", \
	    "how bad it is")						\
	F(DEFECT_SUBJECT, "subject", REQ, OPT, "", "s", "a record such as " \
	    "REQ-3 or T-2, or text")					\
	F(DEFECT_FOUND, "found", OPT, OPT, "", "date", "when it was found")
#define DEFECT_WHERE(W)							\
	W(DEFECT_STATUS, "open", IS, "", NULL)				\
	W(DEFECT_SEVERITY, "severity", EQ, "critical|major|minor", NULL)	\
	W(DEFECT_STATUS, "status", EQ, "open|fixed|verified", NULL)	\
	W(DEFECT_SUBJECT, "subject", CASE, "s", NULL)

/* kam change: add's fields; what approve and reject take (an approval
 * may carry new text for the requirement: the REQ_ columns). */
#define CHANGE_FIELDS(F)						\
	F(CHANGE_REQ, "req", OPT, NO, "", "REQ-n", "the requirement")	\
	F(CHANGE_COST, "cost", OPT, NO, "", "money", "what it costs")	\
	F(CHANGE_DAYS, "days", OPT, NO, "", "n", "working days it takes")	\
	F(CHANGE_REQUESTED_BY, "by", OPT, NO, "", "P-n", "who asks for it")
#define CHANGE_DECIDE(F)						\
	F(CHANGE_DECIDED_BY, "by", REQ, OPT, "", "P-n", "who decides "	\
	    "(client side)")						\
	F(CHANGE_DECIDED_ON, "date", OPT, OPT, "", "date", "when")	\
	F(REQ_TITLE, "title", OPT, NO, "", "text", "new title of the "	\
	    "requirement")						\
	F(REQ_PRIORITY, "priority", OPT, NO, "", "must|should|could|wont",	\
	    "its new priority")						\
	F(REQ_ACCEPTANCE, "acceptance", OPT, NO, "", "text", "its new "	\
	    "acceptance criteria")

/* kam people: add and set take the same fields (add's name is its
 * operand, but --name is taken too, not shown); add shows the sides a
 * person may be on, set a short metavar; list filters by side. */
#define PERSON_FIELDS(F)						\
	F(PERSON_NAME, "name", HIDE, OPT, "", "n", "the name")		\
	F(PERSON_SIDE, "side", OPT, NO, "", "client|team|partner",	\
	    "client, team or partner")					\
	F(PERSON_SIDE, "side", NO, OPT, "", "s", "client, team or partner") \
	F(PERSON_ROLE, "role", OPT, OPT, "", "r", "the role")		\
	F(PERSON_ORG, "org", OPT, OPT, "", "o", "the organisation")	\
	F(PERSON_EMAIL, "email", OPT, OPT, "", "e", "the e-mail address")	\
	F(PERSON_SKILLS, "skills", OPT, OPT, "", "list", "skills")	\
	F(PERSON_CAPACITY, "capacity", OPT, OPT, "", "pct", "share of the " \
	    "time on the project")					\
	F(PERSON_RATE, "rate", OPT, OPT, "", "money", "day rate")		\
	F(PERSON_INFLUENCE, "influence", OPT, OPT, "", "1-5", "influence")	\
	F(PERSON_INTEREST, "interest", OPT, OPT, "", "1-5", "interest")
#define PERSON_WHERE(W)							\
	W(PERSON_SIDE, "side", EQ, "client|team|partner", NULL)

/* kam req: add's and set's fields (add's title is its operand); list's
 * filters. */
#define REQ_FIELDS(F)							\
	F(REQ_TITLE, "title", OPERAND, OPT, "", "text", "")		\
	F(REQ_PRIORITY, "priority", OPT, OPT, "", "must|should|could|wont", \
	    "MoSCoW priority")						\
	F(REQ_SOURCE, "source", OPT, OPT, "", "P-n", "who asked for it")	\
	F(REQ_ACCEPTANCE, "acceptance", OPT, OPT, "", "text",		\
	    "acceptance criteria")
#define REQ_WHERE(W)							\
	W(REQ_STATUS, "open", OPEN, "", NULL)				\
	W(REQ_PRIORITY, "key", IS, "must", NULL)			\
	W(REQ_PRIORITY, "priority", EQ, "must|should|could|wont", NULL)	\
	W(REQ_STATUS, "status", EQ, "draft|analysed|confirmed|done|rejected", \
	    NULL)							\
	W(REQ_SOURCE, "person", REF, "P-n", NULL)			\
	W(REQ_SOURCE, "source", AKA, "P-n", NULL)

/* kam risk: add's and assess's fields (-p and -i are the short ones). */
#define RISK_FIELDS(F)							\
	F(RISK_PROBABILITY, "probability", SREQ, SOPT, "p", "1-5",	\
	    "probability 1-5")						\
	F(RISK_IMPACT, "impact", SREQ, SOPT, "i", "1-5", "impact 1-5")	\
	F(RISK_TITLE, "title", OPERAND, OPT, "", "t", "kam risk add takes " \
	    "the title as its argument, not --title")			\
	F(RISK_CATEGORY, "category", OPT, OPT, "", "c", "")		\
	F(RISK_OWNER, "owner", OPT, OPT, "", "P-n", "")			\
	F(RISK_STRATEGY, "strategy", OPT, OPT, "", "s", "")		\
	F(RISK_RESPONSE, "response", OPT, OPT, "", "text", "")		\
	F(RISK_TRIGGER, "trigger", OPT, OPT, "", "text", "")		\
	F(RISK_REVIEW, "review", OPT, OPT, "", "date", "")

/* kam qa: what check takes (its operand is the subject) and list's
 * filters. */
#define QA_FIELDS(F)							\
	F(QA_CRITERION, "criterion", REQ, NO, "", "text", "what was checked") \
	F(QA_RESULT, "result", REQ, NO, "", "pass|fail", "the outcome")	\
	F(QA_REVIEWER, "by", REQ, NO, "", "P-n", "the reviewer")		\
	F(QA_DATE, "date", OPT, NO, "", "date", "when")			\
	F(QA_NOTE, "note", OPT, NO, "", "text", "a note")
#define QA_WHERE(W)							\
	W(QA_SUBJECT, "subject", CASE, "s", NULL)			\
	W(QA_RESULT, "result", EQ, "pass|fail", "--result: invalid value "	\
	    "'%s': expected one of: pass fail")

/* Column 0 of every table with ids is its id, column 1 what names the
 * record (a title, a person's name, an item): for code that works on any
 * such table.  Code about one table uses its constants (RISK_TITLE). */
#define ID_COL		0
#define TITLE_COL	1

#define SCHEMA_COL_ENUM(k, decl)	k,
enum goal_col { GOAL_COLUMNS(SCHEMA_COL_ENUM) GOAL_NCOLS };
enum scope_col { SCOPE_COLUMNS(SCHEMA_COL_ENUM) SCOPE_NCOLS };
enum person_col { PERSON_COLUMNS(SCHEMA_COL_ENUM) PERSON_NCOLS };
enum risk_col { RISK_COLUMNS(SCHEMA_COL_ENUM) RISK_NCOLS };
enum req_col { REQ_COLUMNS(SCHEMA_COL_ENUM) REQ_NCOLS };
enum change_col { CHANGE_COLUMNS(SCHEMA_COL_ENUM) CHANGE_NCOLS };
enum task_col { TASK_COLUMNS(SCHEMA_COL_ENUM) TASK_NCOLS };
enum budget_col { BUDGET_COLUMNS(SCHEMA_COL_ENUM) BUDGET_NCOLS };
enum expense_col { EXPENSE_COLUMNS(SCHEMA_COL_ENUM) EXPENSE_NCOLS };
enum comm_col { COMM_COLUMNS(SCHEMA_COL_ENUM) COMM_NCOLS };
enum qa_col { QA_COLUMNS(SCHEMA_COL_ENUM) QA_NCOLS };
enum defect_col { DEFECT_COLUMNS(SCHEMA_COL_ENUM) DEFECT_NCOLS };
enum csat_col { CSAT_COLUMNS(SCHEMA_COL_ENUM) CSAT_NCOLS };
enum raci_col { RACI_COLUMNS(SCHEMA_COL_ENUM) RACI_NCOLS };
enum lesson_col { LESSON_COLUMNS(SCHEMA_COL_ENUM) LESSON_NCOLS };
enum issue_col { ISSUE_COLUMNS(SCHEMA_COL_ENUM) ISSUE_NCOLS };
enum time_col { TIME_COLUMNS(SCHEMA_COL_ENUM) TIME_NCOLS };
enum bill_col { BILL_COLUMNS(SCHEMA_COL_ENUM) BILL_NCOLS };
#define SCHEMA_VAL_ENUM(k, name)	k,
#define SCHEMA_VAL_NAME(k, name)	name,
enum issue_status { ISSUE_STATUSES(SCHEMA_VAL_ENUM) ISSUE_NSTATUS };
enum defect_status { DEFECT_STATUSES(SCHEMA_VAL_ENUM) DEFECT_NSTATUS };
enum change_status { CHANGE_STATUSES(SCHEMA_VAL_ENUM) CHANGE_NSTATUS };
enum risk_status { RISK_STATUSES(SCHEMA_VAL_ENUM) RISK_NSTATUS };

extern const struct schema *const kam_schemas[];
extern const size_t kam_nschemas;

/* Lookups; NULL when unknown.  by_file takes a project-relative path and
 * knows that expenses/YYYY-MM.csv belongs to the expenses table (and so
 * for every monthly table). */
const struct schema	*schema_by_name(const char *name);
const struct schema	*schema_by_prefix(const char *prefix);
/* The table of an id typed in any case ("r-3"), its canonical form into
 * canon (32 bytes, "R-3"); NULL, quietly, when arg is no id of a table
 * with ids. */
const struct schema	*schema_by_id_arg(const char *arg, char *canon);
const struct schema	*schema_by_file(const char *path);
/* Is a project-relative path one of kam's files: kam.conf, a table, a
 * month file of expenses, or meeting minutes (meetings/NAME.md)? */
int			 schema_is_kam_file(const char *path);
/* Index of column `name`, or -1. */
int			 schema_col(const struct schema *s, const char *name);

/* Convenience handles for commands. */
extern const struct schema schema_goals, schema_scope, schema_people,
    schema_risks, schema_requirements, schema_changes, schema_tasks,
    schema_budget, schema_expenses, schema_comms, schema_quality,
    schema_defects, schema_csat, schema_raci, schema_lessons, schema_issues,
    schema_timesheets, schema_billing;

#endif
