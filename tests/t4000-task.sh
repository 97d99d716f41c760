#!/bin/sh
# t4000: kam task add|set|list|show|start|progress|done|late: tasks with
# durations, milestones, dependencies, assignees and requirements, the
# refusals (unknown references, cycles), actual dates and progress.
test_description='kam task'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# refused CODE ARGS...: exit CODE, nothing on stdout, HEAD, the status
# and tasks.csv unchanged; stderr in $TRASH/err.
refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cp tasks.csv "$TRASH/tasks.before" &&
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/tasks.before" tasks.csv
}

errmsg () {
	printf 'kam: %s\n' "$1" >"$TRASH/err.expect" &&
	test_cmp "$TRASH/err.expect" "$TRASH/err"
}

subject () {
	git log -1 --format=%s
}

test_expect_success 'setup: people and requirements' '
	new_project &&
	kam people add "Ann Analyst" --side team >/dev/null &&
	kam people add "Carl Client" --side client >/dev/null &&
	kam req add "Single sign-on" >/dev/null &&
	kam req add "Monthly export" >/dev/null
'

test_expect_success 'task add prints the id and commits tasks.csv only' '
	cd "$P" &&
	kam task add Design --duration 3 --assignee p-1 --cost 20000 \
	    --req req-1 >out &&
	echo T-1 >expect && test_cmp expect out &&
	echo "kam: task add T-1: Design" >expect &&
	subject >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	echo tasks.csv >expect && test_cmp expect files &&
	git status --porcelain tasks.csv >"$TRASH/st" && test ! -s "$TRASH/st"
'

test_expect_success 'task add: dependencies, milestone, lists canonical' '
	cd "$P" &&
	kam task add Build --duration 5 --after t-1 --req "REQ-1,req-2" \
	    --deadline 2026-01-16 >out &&
	echo T-2 >expect && test_cmp expect out &&
	kam task add "Review 评审" --duration 2 --after T-1 >/dev/null &&
	kam task add Go-live --milestone --after T-2,T-3 >/dev/null &&
	cat >expect <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,Design,3,,P-1,,,,20000.00,REQ-1,,,
	T-2,Build,5,T-1,,,,,,REQ-1 REQ-2,2026-01-16,,
	T-3,Review 评审,2,T-1,,,,,,,,,
	T-4,Go-live,0,T-2 T-3,,,,,,,,,
	EOF
	test_cmp expect tasks.csv
'

test_expect_success 'task add refusals name the problem and change nothing' '
	cd "$P" &&
	refused 64 task add X &&
	errmsg "a new task needs --duration (working days) or --milestone" &&
	refused 64 task add X --milestone --duration 3 &&
	errmsg "--milestone and --duration 3 contradict each other (a milestone lasts 0 days)" &&
	refused 65 task add X --duration 1 --after T-9 &&
	errmsg "--after: task T-9 does not exist in tasks.csv" &&
	refused 65 task add X --duration 1 --assignee P-7 &&
	errmsg "person P-7 does not exist in people.csv" &&
	refused 64 task add X --duration 1 --assignee R-1 &&
	refused 65 task add X --duration 1 --req REQ-9 &&
	errmsg "--req: requirement REQ-9 does not exist in requirements.csv" &&
	refused 64 task add X --duration -1 &&
	refused 64 task add X --duration 2.5 &&
	refused 64 task add X --duration 1 --cost 12,50 &&
	refused 64 task add X --duration 1 --deadline 2026-02-30 &&
	refused 64 task add X --duration 1 --after T-x &&
	refused 64 task add X --duration 1 --start 2026-01-05 &&
	refused 64 task add --duration 1 &&
	refused 64 task add X --duration 1 --bogus
'

test_expect_success 'a dependency that closes a cycle is refused, cycle named' '
	cd "$P" &&
	refused 65 task set T-1 --after T-4 &&
	errmsg "dependency cycle: T-1 -> T-4 -> T-3 -> T-1" &&
	refused 65 task set T-3 --after T-3 &&
	errmsg "dependency cycle: T-3 -> T-3 (a task cannot depend on itself)"
'

test_expect_success 'task set changes fields in one commit; empty clears' '
	cd "$P" &&
	kam task set T-3 --title "Review" --assignee P-2 --cost 500.5 &&
	echo "kam: task set T-3: Review" >expect &&
	subject >actual && test_cmp expect actual &&
	grep "^T-3,Review,2,T-1,P-2,,,,500.50,,,,\$" tasks.csv &&
	kam task set T-3 --assignee "" --cost "" &&
	grep "^T-3,Review,2,T-1,,,,,,,,,\$" tasks.csv &&
	refused 64 task set T-3 &&
	refused 65 task set T-99 --title x &&
	errmsg "task T-99 does not exist in tasks.csv"
'

test_expect_success 'task list: table, json, filters' '
	cd "$P" &&
	kam task list >out &&
	cat >expect <<-\EOF &&
	id   title    duration  depends  assignee  start  finish  progress  deadline    status
	T-1  Design          3  -        P-1       -      -              -  -           planned
	T-2  Build           5  T-1      -         -      -              -  2026-01-16  planned
	T-3  Review          2  T-1      -         -      -              -  -           planned
	T-4  Go-live         0  T-2 T-3  -         -      -              -  -           planned
	EOF
	test_cmp expect out &&
	kam task list --format json >out &&
	head -n 2 out | tail -n 1 >first &&
	cat >expect <<-\EOF &&
	{"id":"T-1","title":"Design","duration":3,"depends":[],"assignee":"P-1","start":null,"finish":null,"progress":null,"cost":20000.00,"reqs":["REQ-1"],"deadline":null,"baseline_start":null,"baseline_finish":null,"status":"planned"},
	EOF
	test_cmp expect first &&
	kam task list --assignee p-1 --format csv >out &&
	test "$(wc -l <out)" = 2 &&
	kam task list --req REQ-2 --format csv >out &&
	grep -q "^\"T-2\"" out && test "$(wc -l <out)" = 2 &&
	test_expect_code 64 kam task list --status bogus 2>err
'

test_expect_success 'task start, progress, done' '
	cd "$P" &&
	kam task start T-1 --date 2026-01-05 &&
	echo "kam: task start T-1: Design" >expect &&
	subject >actual && test_cmp expect actual &&
	grep "^T-1,Design,3,,P-1,2026-01-05,,," tasks.csv &&
	refused 65 task start T-1 &&
	errmsg "T-1 already started on 2026-01-05; use '"'kam task set T-1 --start date'"' to correct it" &&
	kam task progress t-1 60 &&
	echo "kam: task progress T-1: Design" >expect &&
	subject >actual && test_cmp expect actual &&
	grep "^T-1,Design,3,,P-1,2026-01-05,,60," tasks.csv &&
	refused 64 task progress T-1 101 &&
	refused 64 task progress T-1 &&
	kam task done T-1 --date 2026-01-07 &&
	grep "^T-1,Design,3,,P-1,2026-01-05,2026-01-07,100," tasks.csv &&
	refused 65 task done T-1 &&
	errmsg "T-1 is already done (finished 2026-01-07); use '"'kam task set T-1 --finish date'"' to correct it" &&
	refused 65 task progress T-1 50
'

test_expect_success 'progress on a task not started starts it today' '
	cd "$P" &&
	kam task progress T-3 20 &&
	grep "^T-3,Review,2,T-1,,2026-11-27,,20," tasks.csv
'

test_expect_success 'starting before a predecessor is done warns' '
	cd "$P" &&
	kam task start T-4 --date 2026-01-08 2>err &&
	grep "warning: T-4 starts before T-2, which it depends on, is done" err
'

test_expect_success 'done before the start is refused' '
	cd "$P" &&
	refused 65 task done T-3 --date 2026-01-02 &&
	errmsg "T-3: finish 2026-01-02 would be before start 2026-11-27" &&
	refused 65 task set T-3 --finish 2026-01-02 &&
	refused 64 task done T-3 --date 2026-13-01
'

test_expect_success 'task show: fields and the scheduled dates' '
	cd "$P" &&
	kam --today 2026-01-05 task show T-2 --format json >out &&
	cat >expect <<-\EOF &&
	{"id":"T-2","title":"Build","duration":5,"depends":["T-1"],"assignee":null,"start":null,"finish":null,"progress":null,"cost":null,"reqs":["REQ-1","REQ-2"],"deadline":"2026-01-16","baseline_start":null,"baseline_finish":null,"status":"planned","es":"2026-01-08","ef":"2026-01-14","ls":"2026-01-12","lf":"2026-01-16","slack":2,"critical":false,"variance":null}
	EOF
	test_cmp expect out
'

test_expect_success 'task late: against the plan from the start, and deadlines' '
	new_project late &&
	kam task add A --duration 2 >/dev/null &&
	kam task add B --duration 3 --after T-1 --deadline 2026-01-09 >/dev/null &&
	kam task add C --duration 10 >/dev/null &&
	kam task start T-1 --date 2026-01-05 &&
	kam --today 2026-01-12 task late >out &&
	cat >expect <<-\EOF &&
	id   title  assignee  planned_start  planned_finish  start       progress  days_late  reason
	T-1  A      -         2026-01-05     2026-01-06      2026-01-05         0          4  should have finished by 2026-01-06
	T-2  B      -         2026-01-07     2026-01-09      -                  0          1  should have finished by 2026-01-09; deadline 2026-01-09 passed
	T-3  C      -         2026-01-05     2026-01-16      -                  0          5  should have started on 2026-01-05
	EOF
	test_cmp expect out &&
	kam --today 2026-01-05 task late --format json >out &&
	echo "[]" >expect && test_cmp expect out
'

test_expect_success 'task late: against the baseline when there is one' '
	cd "$TRASH/late" &&
	kam --today 2026-01-05 plan baseline &&
	kam task set T-3 --duration 1 &&
	kam --today 2026-01-06 task late --format csv >out &&
	cat >expect <<-\EOF &&
	"id","title","assignee","planned_start","planned_finish","start","progress","days_late","reason"
	"T-3","C","","2026-01-05","2026-01-16","","0","1","should have started on 2026-01-05"
	EOF
	test_cmp expect out
'

test_expect_success 'read commands: write errors are errors' '
	cd "$P" &&
	test_expect_code 74 kam task list >/dev/full 2>err
'

test_done
