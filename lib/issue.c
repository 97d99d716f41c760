/*
 * issue.c: the issue log's declaration for the generic verbs and its own
 * rules (issue.h).
 */
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "issue.h"
#include "kam.h"
#include "store.h"
#include "value.h"

#define OPEN		REC_BIT(ISSUE_OPEN) | REC_BIT(ISSUE_IN_PROGRESS)
static const struct rec_transition issue_trans[] = {
	{ "set", OPEN | REC_BIT(ISSUE_RESOLVED), -1,
	    "a closed issue is not edited" },
	{ "start", REC_BIT(ISSUE_OPEN), ISSUE_IN_PROGRESS,
	    "only an open issue is started" },
	{ "escalate", OPEN, -1, "only an open issue is escalated" },
	{ "resolve", OPEN, ISSUE_RESOLVED, "only an open issue is resolved" },
	{ "close", REC_BIT(ISSUE_RESOLVED), ISSUE_CLOSED,
	    "resolve it first (kam issue resolve ID --resolution text)" },
};

static const struct rec_default issue_defaults[] = {
	{ ISSUE_STATUS, "open" }, { ISSUE_ESCALATION, "0" },
};

static const char *const issue_brief[] = { "id", "title", "severity",
	"owner", "due", "status", "escalation", "risk", NULL };

const struct rec_type issue_type = {
	.s = &schema_issues, .family = "issue", .title_col = ISSUE_TITLE,
	.status_col = ISSUE_STATUS, .owner_col = ISSUE_OWNER,
	.due_col = ISSUE_DUE, .raised_col = ISSUE_RAISED, .open = OPEN,
	.defaults = issue_defaults, .ndefaults = ARRAY_SIZE(issue_defaults),
	.trans = issue_trans, .ntrans = ARRAY_SIZE(issue_trans),
	.brief = issue_brief,
};

const char *
issue_severity_of_risk(long score, long critical)
{
	return score >= critical ? "critical" : score >= 10 ? "major" :
	    "minor";
}

struct row *
issue_open_for_risk(struct table *issues, const struct table *risks,
    const struct row *r, long critical, int32_t today)
{
	struct row *i = table_add(issues);
	char d[11];
	size_t k;

	for (k = 0; k < issue_type.ndefaults; k++)
		table_set(issues, i, issue_defaults[k].col,
		    issue_defaults[k].val);
	table_set(issues, i, ISSUE_TITLE, table_get(risks, r, RISK_TITLE));
	table_set(issues, i, ISSUE_SEVERITY,
	    issue_severity_of_risk(risk_score(risks, r), critical));
	table_set(issues, i, ISSUE_OWNER, table_get(risks, r, RISK_OWNER));
	table_set(issues, i, ISSUE_RAISED, date_fmt(today, d));
	table_set(issues, i, ISSUE_RISK, table_get(risks, r, RISK_ID));
	return i;
}

/* The A of activity id in raci, as "P-3 (Name)"; 0 when none. */
static int
accountable(const struct table *raci, const struct table *people,
    const char *id, struct kam_buf *who)
{
	const struct row *p;
	size_t i;

	for (i = 0; i < raci->nrows; i++) {
		const struct row *r = &raci->rows[i];

		if (strcmp(table_get(raci, r, RACI_ACTIVITY), id) != 0 ||
		    strcmp(table_get(raci, r, RACI_ROLE), "A") != 0)
			continue;
		p = table_find(people, table_get(raci, r, RACI_PERSON));
		kam_buf_printf(who, "%s", table_get(raci, r, RACI_PERSON));
		if (p != NULL)
			kam_buf_printf(who, " (%s)",
			    table_get(people, p, PERSON_NAME));
		kam_buf_printf(who, ", accountable for %s", id);
		return 1;
	}
	return 0;
}

int
issue_escalate(const struct rec_ctx *c, const char *id)
{
	struct table t = TABLE_INIT, raci = TABLE_INIT, people = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct kam_buf body = KAM_BUF_INIT, who = KAM_BUF_INIT;
	struct row *r;
	const char *v;
	char lv[24], one[32];
	long level = 0;
	int found, ret = -1;

	if (rec_begin(c, &tx, &t, &schema_issues) == -1 ||
	    (r = store_lookup(&t, id)) == NULL ||
	    rec_transition(&issue_type, &t, r, "escalate") == -1)
		goto out;
	v = table_get(&t, r, ISSUE_ESCALATION);
	if (*v != '\0' && int_parse(v, 0, 3, &level, NULL) == -1)
		level = 0;
	if (level >= 3) {
		kam_err(KAM_EX_DATA, "issue %s is already at escalation level "
		    "3, the highest", table_get(&t, r, ISSUE_ID));
		goto out;
	}
	snprintf(lv, sizeof(lv), "%ld", level + 1);
	table_set(&t, r, ISSUE_ESCALATION, lv);
	if (store_load(c->p, &tx, &schema_raci, &raci) == -1 ||
	    store_load(c->p, &tx, &schema_people, &people) == -1)
		goto out;
	/* The issue's own activity, its risk's, then what it affects. */
	found = accountable(&raci, &people, table_get(&t, r, ISSUE_ID), &who);
	v = table_get(&t, r, ISSUE_RISK);
	if (!found && *v != '\0')
		found = accountable(&raci, &people, v, &who);
	v = table_get(&t, r, ISSUE_AFFECTS);
	while (!found && list_next(&v, one, sizeof(one)))
		found = accountable(&raci, &people, one, &who);
	if (found)
		kam_buf_printf(&body, "Escalated to level %s: to %s.", lv,
		    who.ptr);
	else
		kam_buf_printf(&body, "Escalated to level %s: no one is "
		    "accountable (A) for %s, its risk or what it affects in "
		    "raci.csv.", lv, table_get(&t, r, ISSUE_ID));
	if (rec_commit_row(c, &tx, "issue escalate", &issue_type, &t, r,
	    body.ptr) == -1)
		goto out;
	ret = 0;
out:
	kam_buf_release(&body);
	kam_buf_release(&who);
	tx_release(&tx);
	table_release(&t);
	table_release(&raci);
	table_release(&people);
	return ret;
}

int
issue_risk_occurred(const struct rec_ctx *c, const char *id)
{
	struct table risks = TABLE_INIT, issues = TABLE_INIT;
	struct tx tx = TX_INIT;
	struct row *r, *i;
	char iid[32], body[64];
	int ret = -1;

	if (rec_begin(c, &tx, &risks, &schema_risks) == -1 ||
	    (r = store_lookup(&risks, id)) == NULL)
		goto out;
	if (strcmp(table_get(&risks, r, RISK_STATUS), "occurred") == 0) {
		kam_err(KAM_EX_DATA, "risk %s is already occurred",
		    table_get(&risks, r, RISK_ID));
		goto out;
	}
	if (store_load(c->p, &tx, &schema_issues, &issues) == -1)
		goto out;
	table_set(&risks, r, RISK_STATUS, "occurred");
	i = issue_open_for_risk(&issues, &risks, r, c->p->risk_critical,
	    c->p->today);
	snprintf(iid, sizeof(iid), "%s", table_get(&issues, i, ISSUE_ID));
	snprintf(body, sizeof(body), "Opened issue %s.", iid);
	store_put(&tx, &issues);
	store_put(&tx, &risks);
	if (rec_commit(c, &tx, "risk occur", table_get(&risks, r, RISK_ID),
	    table_get(&risks, r, RISK_TITLE), body) == -1)
		goto out;
	printf("%s\n", iid);
	ret = 0;
out:
	tx_release(&tx);
	table_release(&risks);
	table_release(&issues);
	return ret;
}
