/*
 * rectype.h: the record types of the families on the generic verbs of
 * lib/record.c (the issue log's is in issue.h).  Each one's fields and
 * filters are declared beside its columns in schema.h; what the type does
 * beyond the generic verbs (a goal's status from its actual value) is
 * here too, so that cmd/<family>.c holds only its verb table.
 */
#ifndef KAM_RECTYPE_H
#define KAM_RECTYPE_H

#include "record.h"

extern const struct rec_type bill_type, change_type, comm_type, csat_type,
	defect_type, goal_type,
	lesson_type, people_type, qa_type, req_type, risk_type, scope_type,
	task_type;

/* kam comm due: keep the communications due today or earlier, most
 * overdue first (a rec_verb's pick). */
void	comm_due_pick(const struct rec_ctx *c, const struct table *t,
	    struct row **rows, size_t *n);
/* kam comm done: communication id was made on date (YYYY-MM-DD; NULL:
 * today), not after today and not before it was last done.  0, or -1
 * reported. */
int	comm_done(const struct rec_ctx *c, const char *id, const char *date);

/*
 * The subject `arg` of a quality check or a defect, given on the command
 * line (opt names it in messages).  Shaped like an id (PREFIX-N), it must
 * be the id of a record of one of kam's tables (any case: "req-3" is
 * REQ-3), the monthly expenses excepted, and that record must exist in
 * the table as tx reads it: the table is loaded into *target (released by
 * the caller; left untouched for a text subject).  Anything else is free
 * text.  The canonical subject goes to *out: canon (32 bytes) or arg
 * itself.  Returns 0, or -1 after 64 (empty, an id of no kam table, a
 * malformed id) or 65 (no such record, invalid table).
 */
int	qa_subject(struct project *p, struct tx *tx, const char *arg,
	    const char *opt, struct table *target, char *canon,
	    const char **out);

/* kam defect fix, verify, reopen: one step of defect_type's transitions.
 * fix may add rework hours (rework: whole hours; NULL none); date
 * (NULL: today) is when it happened.  0, or -1 reported. */
int	defect_move(const struct rec_ctx *c, const char *verb, const char *id,
	    const char *rework, const char *date);

/* kam change approve and reject (v->verb, the REC_CALL of their rec_verb
 * v): decide change request a->operand with the options of CHANGE_DECIDE
 * (v->opts, a): by whom (a client-side person),
 * when, and for an approval the new text of its requirement, applied in
 * the same commit when the requirement's state machine (lib/reqflow.c)
 * allows it.  0, or -1 reported. */
int	change_decide(const struct rec_ctx *c, const struct rec_verb *v,
	    const struct rec_args *a);

/* The state of a task, derived from its dates: planned (no start),
 * started, done (a finish). */
#define TASK_STATES(S)							\
	S(TASK_PLANNED, "planned") S(TASK_STARTED, "started")		\
	S(TASK_DONE, "done")
enum task_state { TASK_STATES(SCHEMA_VAL_ENUM) TASK_NSTATES };
extern const char *const task_state_names[TASK_NSTATES];
int	task_state(const struct table *t, const struct row *r);

/* The derived fields of a task: its state (the first, TASK_NDERIVED_LIST
 * of them, which kam task list shows: arg unused), then what kam task
 * show adds from the plan of the tasks (arg: a struct plan): the early
 * and late dates, slack, whether it is critical, the variance against
 * the baseline. */
extern const struct derived task_derived[];
extern const size_t task_nderived;
#define TASK_NDERIVED_LIST	1

/* kam task start, progress and done (verb): one step of task_type's
 * lifecycle for task id.  date (YYYY-MM-DD; NULL: today) for start and
 * done, pct (0-100) for progress.  0, or -1 reported. */
int	task_track(const struct rec_ctx *c, const char *verb, const char *id,
	    const char *date, const char *pct);

/* kam req analyse, confirm, reject and done (verb): one transition of the
 * requirement state machine of lib/reqflow.c, with the facts its rules
 * need; confirm takes the client-side person by and the date (NULL:
 * today).  0, or -1 reported. */
int	req_move(const struct rec_ctx *c, const char *verb, const char *id,
	    const char *by, const char *date);

/* kam qa check (the REC_CALL of its rec_verb v): a quality check of
 * a->operand with the options of QA_FIELDS (v->opts, a); prints its id.
 * 0, or -1 reported. */
int	qa_check_record(const struct rec_ctx *c, const struct rec_verb *v,
	    const struct rec_args *a);

/* The activity operand of kam raci: an id of a kam table becomes
 * canonical ("t-3" -> "T-3", *is_id set); anything else is free text,
 * which must be one clean line.  *out is allocated.  0, or -1 with 64
 * reported. */
int	raci_activity_arg(const char *arg, char **out, int *is_id);
/* kam raci set: person who (P-n) gets role rolearg (R, A, C or I, any
 * case) in activity, or loses the role there when rolearg is NULL (65
 * when there is none); an activity that is an id must name a record.  One
 * commit "kam: raci set <activity>: <person> <role>|removed".  0, or -1
 * reported. */
int	raci_assign(const struct rec_ctx *c, const char *activity,
	    const char *who, const char *rolearg);

/* Every record type of a command family (the issue log's and the
 * billing's included), and the one of family f (NULL: none). */
extern const struct rec_type *const rec_types[];
extern const size_t rec_ntypes;
const struct rec_type *rec_type_of(const char *family);

#endif
