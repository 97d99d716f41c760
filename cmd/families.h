/*
 * families.h: every command family of kam, declared once: its name on the
 * command line, the C name of its verb table (cmd/<family>.c exports
 * `const struct verb *const <c>_verbs[]`, NULL-terminated) and the
 * summary kam help shows.  cmd.h declares the tables from this list and
 * cmd/kam.c builds kam_families from it; sorted by name (t0001 checks).
 *
 * Include with KAM_FAMILY(name, c, summary) defined.
 */
KAM_FAMILY("action", action, "action items from the minutes")
KAM_FAMILY("bill", bill, "billing milestones: invoiced, paid")
KAM_FAMILY("budget", budget, "planned budget, expenses, audit, earned value")
KAM_FAMILY("change", change, "change requests against confirmed requirements")
KAM_FAMILY("check", check, "validate every file and the health rules")
KAM_FAMILY("comm", comm, "communication plan and what is overdue")
KAM_FAMILY("commit", commit, "validate and commit hand edits of kam files")
KAM_FAMILY("csat", csat, "customer satisfaction, NPS, trend")
KAM_FAMILY("decision", decision, "decisions from the minutes")
KAM_FAMILY("defect", defect, "defects and rework")
KAM_FAMILY("diff", diff, "record-level changes between revisions")
KAM_FAMILY("export", export, "the project as a calendar or an Excel workbook")
KAM_FAMILY("gantt", gantt, "Gantt chart of the schedule")
KAM_FAMILY("goal", goal, "project goals and their targets")
KAM_FAMILY("import", import, "spreadsheets and Jira exports in one commit")
KAM_FAMILY("init", init, "create a kam project")
KAM_FAMILY("issue", issue, "the issue log: escalate, resolve, close")
KAM_FAMILY("lesson", lesson, "lessons learned")
KAM_FAMILY("log", log, "record-level history from git")
KAM_FAMILY("meeting", meeting, "meeting minutes")
KAM_FAMILY("merge-file", merge_file, "git merge driver for kam tables")
KAM_FAMILY("people", people, "stakeholders and team")
KAM_FAMILY("plan", plan, "critical path schedule and baseline")
KAM_FAMILY("portfolio", portfolio, "every key account side by side, from git")
KAM_FAMILY("qa", qa, "quality checks and the quality report")
KAM_FAMILY("raci", raci, "responsibility matrix (R/A/C/I)")
KAM_FAMILY("renumber", renumber, "give a record a new id everywhere")
KAM_FAMILY("report", report, "weekly status and final evaluation reports")
KAM_FAMILY("req", req, "requirements and client sign-off")
KAM_FAMILY("review", review, "what a branch does to the project")
KAM_FAMILY("risk", risk, "the risk register")
KAM_FAMILY("scope", scope, "in-scope and out-of-scope items")
KAM_FAMILY("status", status, "one-screen project health")
KAM_FAMILY("task", task, "tasks, progress and lateness")
KAM_FAMILY("team", team, "team allocation from the schedule")
KAM_FAMILY("time", time, "timesheets: hours booked on tasks")
