#!/bin/sh
# t4100: kam plan and kam plan baseline on a hand-written tasks.csv: the
# critical path on a calendar with a holiday, milestones, a deadline that
# cannot be met, the four output formats, --summary and --critical, the
# baseline commit and the variance against it, and the refusals.
test_description='kam plan'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

subject () {
	git log -1 --format=%s
}

# Working days from Monday 2026-01-05 (day 0) with Wednesday 2026-01-07
# a holiday: 0 Mon 5, 1 Tue 6, 2 Thu 8, 3 Fri 9, 4 Mon 12, 5 Tue 13,
# 6 Wed 14, 7 Thu 15, 8 Fri 16, 9 Mon 19, 10 Tue 20, 11 Wed 21.
test_expect_success 'setup: a plan with a holiday and a deadline' '
	new_project &&
	git config -f kam.conf --add calendar.holiday 2026-01-07 &&
	cat >tasks.csv <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,Kick-off,0,,,,,,,,,,
	T-2,Design,3,T-1,,,,,1000.00,,,,
	T-3,Build,5,T-2,,,,,,,,,
	T-4,Docs,2,T-2,,,,,,,,,
	T-5,Test,2,T-3 T-4,,,,,,,2026-01-16,,
	T-6,Go-live,0,T-5,,,,,,,,,
	EOF
	git add kam.conf tasks.csv && git commit -q -m "hand-written plan"
'

# Hand-worked (SPEC 4): T-2 0-3, T-3 3-8, T-4 3-5, T-5 8-10, finish day 9.
# T-5 must end by Fri 16 (LE 9): slack -1 on its whole chain; T-4 has 2.
# T-1 has LS -1, shown on day -2 (Thu 2026-01-01).
test_expect_success 'plan --format json: every field, the summary apart' '
	cd "$P" &&
	kam --today 2026-01-02 plan --format json >out &&
	cat >expect <<-\EOF &&
	{"records":[
	{"id":"T-1","title":"Kick-off","duration":0,"es":"2026-01-05","ef":"2026-01-05","ls":"2026-01-01","lf":"2026-01-01","slack":-1,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null},
	{"id":"T-2","title":"Design","duration":3,"es":"2026-01-05","ef":"2026-01-08","ls":"2026-01-02","lf":"2026-01-06","slack":-1,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null},
	{"id":"T-3","title":"Build","duration":5,"es":"2026-01-09","ef":"2026-01-15","ls":"2026-01-08","lf":"2026-01-14","slack":-1,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null},
	{"id":"T-4","title":"Docs","duration":2,"es":"2026-01-09","ef":"2026-01-12","ls":"2026-01-13","lf":"2026-01-14","slack":2,"critical":false,"baseline_start":null,"baseline_finish":null,"variance":null},
	{"id":"T-5","title":"Test","duration":2,"es":"2026-01-16","ef":"2026-01-19","ls":"2026-01-15","lf":"2026-01-16","slack":-1,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null},
	{"id":"T-6","title":"Go-live","duration":0,"es":"2026-01-19","ef":"2026-01-19","ls":"2026-01-19","lf":"2026-01-19","slack":0,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null}
	],
	"total":{"title":"Test project","tasks":6,"start":"2026-01-05","finish":"2026-01-19","duration":10,"today":"2026-01-02","critical_path":["T-1","T-2","T-3","T-5","T-6"],"baseline_finish":null,"variance":null}}
	EOF
	test_cmp expect out &&
	python3 -c "import json,sys; json.load(open(sys.argv[1]))" out
'

test_expect_success 'plan: the table ends with the summary' '
	cd "$P" &&
	kam --today 2026-01-02 plan >out &&
	cat >expect <<-\EOF &&
	id   title     duration  es          ef          ls          lf          slack  critical
	T-1  Kick-off         0  2026-01-05  2026-01-05  2026-01-01  2026-01-01     -1  yes
	T-2  Design           3  2026-01-05  2026-01-08  2026-01-02  2026-01-06     -1  yes
	T-3  Build            5  2026-01-09  2026-01-15  2026-01-08  2026-01-14     -1  yes
	T-4  Docs             2  2026-01-09  2026-01-12  2026-01-13  2026-01-14      2  no
	T-5  Test             2  2026-01-16  2026-01-19  2026-01-15  2026-01-16     -1  yes
	T-6  Go-live          0  2026-01-19  2026-01-19  2026-01-19  2026-01-19      0  yes

	start:    2026-01-05
	finish:   2026-01-19
	duration: 10 working days, 6 tasks
	critical: T-1 T-2 T-3 T-5 T-6
	EOF
	test_cmp expect out
'

test_expect_success 'plan --critical, --summary, csv and md' '
	cd "$P" &&
	kam --today 2026-01-02 plan --critical --format csv >out &&
	cat >expect <<-\EOF &&
	"id","title","duration","es","ef","ls","lf","slack","critical"
	"T-1","Kick-off","0","2026-01-05","2026-01-05","2026-01-01","2026-01-01","-1","true"
	"T-2","Design","3","2026-01-05","2026-01-08","2026-01-02","2026-01-06","-1","true"
	"T-3","Build","5","2026-01-09","2026-01-15","2026-01-08","2026-01-14","-1","true"
	"T-5","Test","2","2026-01-16","2026-01-19","2026-01-15","2026-01-16","-1","true"
	"T-6","Go-live","0","2026-01-19","2026-01-19","2026-01-19","2026-01-19","0","true"
	EOF
	test_cmp expect out &&
	kam --today 2026-01-02 plan --summary >out &&
	cat >expect <<-\EOF &&
	start:    2026-01-05
	finish:   2026-01-19
	duration: 10 working days, 6 tasks
	critical: T-1 T-2 T-3 T-5 T-6
	EOF
	test_cmp expect out &&
	kam --today 2026-01-02 plan --summary --format json >out &&
	cat >expect <<-\EOF &&
	{"records":[],
	"total":{"title":"Test project","tasks":6,"start":"2026-01-05","finish":"2026-01-19","duration":10,"today":"2026-01-02","critical_path":["T-1","T-2","T-3","T-5","T-6"],"baseline_finish":null,"variance":null}}
	EOF
	test_cmp expect out &&
	kam --today 2026-01-02 plan --format md >out &&
	grep -q "^| T-4 | Docs " out &&
	tail -n 1 out >last &&
	echo "Start 2026-01-05, finish 2026-01-19, 10 working days; critical path: T-1 T-2 T-3 T-5 T-6" >expect &&
	test_cmp expect last
'

test_expect_success 'plan: work never starts before today' '
	cd "$P" &&
	kam --today 2026-01-12 plan --format csv >out &&
	grep "^\"T-2\",\"Design\",\"3\",\"2026-01-12\",\"2026-01-14\"," out
'

test_expect_success 'plan baseline: one commit, tasks.csv only, the dates stored' '
	cd "$P" &&
	kam --today 2026-01-02 plan baseline -m "signed off" &&
	echo "kam: plan baseline: 6 tasks, finish 2026-01-19" >expect &&
	subject >actual && test_cmp expect actual &&
	git log -1 --format=%b >body && grep -q "^signed off\$" body &&
	git show --name-only --format= HEAD >files &&
	echo tasks.csv >expect && test_cmp expect files &&
	cat >expect <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,Kick-off,0,,,,,,,,,2026-01-05,2026-01-05
	T-2,Design,3,T-1,,,,,1000.00,,,2026-01-05,2026-01-08
	T-3,Build,5,T-2,,,,,,,,2026-01-09,2026-01-15
	T-4,Docs,2,T-2,,,,,,,,2026-01-09,2026-01-12
	T-5,Test,2,T-3 T-4,,,,,,,2026-01-16,2026-01-16,2026-01-19
	T-6,Go-live,0,T-5,,,,,,,,2026-01-19,2026-01-19
	EOF
	test_cmp expect tasks.csv
'

# The kick-off is reached, T-2 starts a day late and today is Thu 8 (day
# 2): T-2 ends Mon 12 instead of Thu 8, everything after it two working
# days late, and the deadline of T-5 is two days further out of reach.
# T-2's slack is LF - EF of its remaining work: -3 like the rest of the
# chain to T-5's deadline (LS - ES would say -2).
test_expect_success 'plan: variance against the baseline' '
	cd "$P" &&
	kam task done T-1 --date 2026-01-05 &&
	kam task start T-2 --date 2026-01-06 &&
	kam --today 2026-01-08 plan --format json >out &&
	grep "^{\"id\":\"T-2\"" out >line &&
	cat >expect <<-\EOF &&
	{"id":"T-2","title":"Design","duration":3,"es":"2026-01-06","ef":"2026-01-12","ls":"2026-01-02","lf":"2026-01-06","slack":-3,"critical":true,"baseline_start":"2026-01-05","baseline_finish":"2026-01-08","variance":2},
	EOF
	test_cmp expect line &&
	tail -n 1 out >sum &&
	cat >expect <<-\EOF &&
	"total":{"title":"Test project","tasks":6,"start":"2026-01-05","finish":"2026-01-21","duration":12,"today":"2026-01-08","critical_path":["T-1","T-2","T-4","T-3","T-5","T-6"],"baseline_finish":"2026-01-19","variance":2}}
	EOF
	test_cmp expect sum &&
	kam --today 2026-01-08 plan --summary >out &&
	grep -q "^finish:   2026-01-21 (baseline 2026-01-19, +2 working days)\$" out &&
	kam --today 2026-01-08 plan >out &&
	grep -q "^T-5  Test .* 2026-01-16  *2026-01-19  *+2\$" out
'

test_expect_success 'plan baseline again replaces it, with a warning' '
	cd "$P" &&
	kam --today 2026-01-08 plan baseline 2>err &&
	grep -q "warning: replacing the baseline of 6 tasks" err &&
	grep -q "^T-6,Go-live,0,T-5,,,,,,,,2026-01-21,2026-01-21\$" tasks.csv &&
	kam --today 2026-01-08 plan --summary --format json >out &&
	grep -q "\"baseline_finish\":\"2026-01-21\",\"variance\":0}" out
'

test_expect_success 'plan baseline refuses an empty plan and a dirty tasks.csv' '
	new_project empty &&
	test_expect_code 65 kam plan baseline 2>err &&
	echo "kam: tasks.csv has no tasks to baseline; add some with '"'kam task add'"'" >expect &&
	test_cmp expect err &&
	kam task add A --duration 1 >/dev/null &&
	echo "T-2,B,1,,,,,,,,,," >>tasks.csv &&
	git rev-parse HEAD >before &&
	test_expect_code 78 kam plan baseline 2>err &&
	git rev-parse HEAD >after && test_cmp before after
'

test_expect_success 'a cycle in a hand-edited file is named with file:line' '
	new_project cyc &&
	cat >tasks.csv <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,A,1,,,,,,,,,,
	T-2,B,1,T-1 T-4,,,,,,,,,
	T-3,C,1,T-2,,,,,,,,,
	T-4,D,1,T-3,,,,,,,,,
	EOF
	test_expect_code 65 kam plan >out 2>err &&
	test ! -s out &&
	echo "kam: tasks.csv:3: dependency cycle: T-2 -> T-4 -> T-3 -> T-2" >expect &&
	test_cmp expect err &&
	test_expect_code 65 kam gantt 2>err2 && test_cmp expect err2 &&
	test_expect_code 65 kam team load 2>err3 && test_cmp expect err3 &&
	test_expect_code 65 kam task show T-1 2>err4 && test_cmp expect err4
'

test_expect_success 'a dependency on a missing task is invalid data' '
	new_project dangling &&
	cat >tasks.csv <<-\EOF &&
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,A,1,T-7,,,,,,,,,
	EOF
	test_expect_code 65 kam plan 2>err &&
	echo "kam: tasks.csv:2: depends: task T-7 does not exist in tasks.csv" >expect &&
	test_cmp expect err
'

test_expect_success 'an empty plan' '
	new_project none &&
	kam plan --format json >out &&
	cat >expect <<-\EOF &&
	{"records":[],
	"total":{"title":"Test project","tasks":0,"start":"2026-01-05","finish":"2026-01-05","duration":0,"today":"2026-11-27","critical_path":[],"baseline_finish":null,"variance":null}}
	EOF
	test_cmp expect out
'

# Slack of a started task counts from its remaining work (issue 17): Build
# (10 days) started Tue 1 Sep, 20% done on Mon 14 Sep (index 9) has
# ceil(10 x 0.8) = 8 days left: EE = 17, ef Wed 23.  Test (5 days) after it
# must end by its deadline Fri 25 Sep (LE = index of Mon 28 = 19): LS = 14,
# so Build's LE = 14 (lf Fri 18) and its slack LE - EE = -3, the same as
# Test's; both critical.  (LS - ES gave Build +4 and called it not
# critical while its successor could not make the deadline.)
test_expect_success 'plan: the slack of a started task counts its remaining work' '
	rm -rf started && mkdir started && cd started &&
	kam init --start 2026-09-01 >/dev/null &&
	kam task add Build --duration 10 >/dev/null &&
	kam task add Test --duration 5 --after T-1 --deadline 2026-09-25 \
	    >/dev/null &&
	kam task start T-1 --date 2026-09-01 &&
	kam --today 2026-09-14 task progress T-1 20 &&
	kam --today 2026-09-14 plan --format json >out &&
	cat >expect <<-\EOF &&
	{"id":"T-1","title":"Build","duration":10,"es":"2026-09-01","ef":"2026-09-23","ls":"2026-09-07","lf":"2026-09-18","slack":-3,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null}
	{"id":"T-2","title":"Test","duration":5,"es":"2026-09-24","ef":"2026-09-30","ls":"2026-09-21","lf":"2026-09-25","slack":-3,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null}
	EOF
	grep "^{\"id\":\"T-" out | sed "s/,\$//" >actual &&
	test_cmp expect actual &&
	kam --today 2026-09-14 plan --critical >crit &&
	grep -q "T-1" crit && grep -q "T-2" crit
'

# Issue 17: a milestone not yet reached that waits for today was shown
# yesterday (ES - 1 with ES = today's index).  It is shown today, its
# late dates never before that, and its successors still start today.
test_expect_success 'plan: an unreached first milestone is shown today, not yesterday' '
	rm -rf ms && mkdir ms && cd ms &&
	kam init --start 2026-09-01 >/dev/null &&
	kam task add Kickoff --milestone >/dev/null &&
	kam task add Build --duration 3 --after T-1 >/dev/null &&
	kam task add Review --milestone >/dev/null &&
	kam --today 2026-09-10 plan --format json >out &&
	cat >expect <<-\EOF &&
	{"id":"T-1","title":"Kickoff","duration":0,"es":"2026-09-10","ef":"2026-09-10","ls":"2026-09-10","lf":"2026-09-10","slack":0,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null}
	{"id":"T-2","title":"Build","duration":3,"es":"2026-09-10","ef":"2026-09-14","ls":"2026-09-10","lf":"2026-09-14","slack":0,"critical":true,"baseline_start":null,"baseline_finish":null,"variance":null}
	{"id":"T-3","title":"Review","duration":0,"es":"2026-09-10","ef":"2026-09-10","ls":"2026-09-14","lf":"2026-09-14","slack":3,"critical":false,"baseline_start":null,"baseline_finish":null,"variance":null}
	EOF
	grep "^{\"id\":\"T-" out | sed "s/,\$//" >actual &&
	test_cmp expect actual &&
	rm -rf ../ms1 && mkdir ../ms1 && cd ../ms1 &&
	kam init --start 2026-09-01 >/dev/null &&
	kam task add Sign-off --milestone >/dev/null &&
	kam --today 2026-09-10 plan --summary >out &&
	grep -q "^finish:   2026-09-10\$" out
'

# Found by comparing with tj3 (t8710): a milestone whose predecessor
# ended yesterday also waits for today; it was shown yesterday.
test_expect_success 'plan: an unreached milestone after work that ended yesterday is shown today' '
	rm -rf ms2 && mkdir ms2 && cd ms2 &&
	kam init --start 2026-09-01 >/dev/null &&
	kam task add Build --duration 7 >/dev/null &&
	kam task add Gate --milestone --after T-1 >/dev/null &&
	kam task set T-1 --start 2026-09-01 --finish 2026-09-09 >/dev/null &&
	kam --today 2026-09-10 plan --format csv >out &&
	grep -q "^\"T-2\",\"Gate\",\"0\",\"2026-09-10\",\"2026-09-10\"," out &&
	kam --today 2026-09-10 plan --summary >sum &&
	grep -q "^finish:   2026-09-10\$" sum
'

# Issue 17: Chinese calendars move working days (调休): a weekend day
# declared with calendar.workday is worked, a holiday is not.  Build
# (5 days from Thu 24 Sep) works Thu, Fri, Sun 27 (make-up), Mon, Tue
# 29; More (3 days) Wed 30, then Fri 2 Oct (1 Oct is a holiday), Mon 5.
test_expect_success 'plan: a make-up working Saturday (calendar.workday)' '
	rm -rf cal && mkdir cal && cd cal &&
	kam init --start 2026-09-24 >/dev/null &&
	git config -f kam.conf --add calendar.holiday 2026-10-01 &&
	git config -f kam.conf --add calendar.workday 2026-09-27 &&
	git config -f kam.conf --add calendar.workday 2026-10-10 &&
	git commit -q -am "calendar" &&
	kam task add Build --duration 5 >/dev/null &&
	kam --today 2026-09-24 plan --format csv >out &&
	grep -q "^\"T-1\",\"Build\",\"5\",\"2026-09-24\",\"2026-09-29\"," out &&
	kam task add More --duration 3 --after T-1 >/dev/null &&
	kam --today 2026-09-24 plan --format csv >out &&
	grep -q "^\"T-2\",\"More\",\"3\",\"2026-09-30\",\"2026-10-05\"," out &&
	git config -f kam.conf --add calendar.workday 2026-10-01 &&
	test_expect_code 65 kam plan 2>err &&
	echo "kam: kam.conf: 2026-10-01 is both a calendar.holiday and a calendar.workday" >expect &&
	test_cmp expect err &&
	git checkout -q kam.conf &&
	git config -f kam.conf --add calendar.workday 2026-02-30 &&
	test_expect_code 65 kam plan 2>err &&
	grep -q "calendar.workday: invalid date" err
'

test_expect_success 'usage errors' '
	cd "$P" &&
	test_expect_code 64 kam plan --bogus 2>err &&
	test_expect_code 64 kam plan extra 2>err &&
	test_expect_code 64 kam plan baseline extra 2>err
'

test_done
