#!/bin/sh
# t5500: timesheets (issue 16): kam time log (quarter hours, at most 24 a
# day per person across tasks, one month file rewritten), list and its
# filters, report by person, task, week and month with the planned effort
# of [calendar] hours-per-day; the table declared once goes through kam
# check, log, diff, the merge driver and renumber with no code of its own.
test_description='kam time'
. "$(dirname "$0")/lib.sh"

mkdir -p "$TRASH/bin"
ln -s "$KAM" "$TRASH/bin/kam"
PATH="$TRASH/bin:$PATH"
export PATH

H='id,date,person,task,hours,note'

snap () {
	git rev-parse HEAD
	sha256sum .git/index
	cat timesheets/*.csv 2>/dev/null
	git status --porcelain
}

test_expect_success 'setup: two people, two tasks' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add Bo >/dev/null &&
	kam task add Build --duration 3 --assignee P-1 >/dev/null &&
	kam task add Test --duration 2 >/dev/null &&
	test ! -e timesheets
'

test_expect_success 'log: the id alone, the row, the commit, one file' '
	cd proj &&
	kam time log P-1 T-1 6.5 "design review" >../out 2>../err &&
	echo W-1 >../expect && test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "W-1,2026-11-27,P-1,T-1,6.5,design review" >../expect &&
	test_cmp ../expect timesheets/2026-11.csv &&
	echo "kam: time log W-1: P-1 T-1 6.5 h" >../expect &&
	git log -1 --format=%s >../got && test_cmp ../expect ../got &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 timesheets/2026-11.csv | 2 ++
	 1 file changed, 2 insertions(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'log: the same person on a second task the same day, ids any case' '
	cd proj &&
	kam time log p-1 t-2 17.25 >../out &&
	echo W-2 >../expect && test_cmp ../expect ../out &&
	tail -n 1 timesheets/2026-11.csv >../row &&
	echo "W-2,2026-11-27,P-1,T-2,17.25," >../expect && test_cmp ../expect ../row
'

test_expect_success 'log: past 24 hours a day is refused (65), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam time log P-1 T-1 0.5 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: P-1 would be booked 24.25 hours on 2026-11-27 (23.75 already, at most 24 a day); nothing changed" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after && test_cmp ../before ../after
'

test_expect_success 'log: exactly 24 hours is taken; another person is not counted' '
	cd proj &&
	kam time log P-1 T-1 0.25 >../out && echo W-3 >../expect && test_cmp ../expect ../out &&
	kam time log P-2 T-1 24 >../out && echo W-4 >../expect && test_cmp ../expect ../out &&
	snap >../before &&
	test_expect_code 65 kam time log P-1 T-2 0.25 2>../err &&
	grep -q "24.25 hours on 2026-11-27 (24 already" ../err &&
	snap >../after && test_cmp ../before ../after
'

test_expect_success 'log: bad hours are usage errors (64), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam time log P-1 T-1 0.3 --date 2026-11-02 2>../err &&
	echo "kam: invalid hours '"'0.3'"': not a whole quarter hour (.25, .5 or .75)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam time log P-1 T-1 6,5 --date 2026-11-02 2>../err &&
	grep -q "use a decimal point" ../err &&
	test_expect_code 64 kam time log P-1 T-1 6:30 --date 2026-11-02 2>../err &&
	test_expect_code 64 kam time log P-1 T-1 0 --date 2026-11-02 2>../err &&
	grep -q "0 hours records nothing" ../err &&
	test_expect_code 64 kam time log P-1 T-1 24.25 --date 2026-11-02 2>../err &&
	grep -q "at most 24 hours a day" ../err &&
	test_expect_code 64 kam time log P-1 T-1 1e1 --date 2026-11-02 &&
	test_expect_code 64 kam time log P-1 T-1 06.5 --date 2026-11-02 &&
	test_expect_code 64 kam time log P-1 T-1 6.500 --date 2026-11-02 &&
	test_expect_code 64 kam time log P-1 T-1 1 --date 2026-11-28 2>../err &&
	grep -q "after today" ../err &&
	test_expect_code 64 kam time log P-1 T-1 2>../err &&
	grep -q "^usage: kam time log P-n T-n hours" ../err &&
	snap >../after && test_cmp ../before ../after
'

test_expect_success 'log: an unknown person or task is refused (65), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam time log P-9 T-1 1 2>../err &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam time log P-1 T-9 1 2>../err &&
	echo "kam: task T-9 does not exist in tasks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam time log X-1 T-1 1 &&
	snap >../after && test_cmp ../before ../after
'

test_expect_success 'log --date: another month is another file; ids stay global' '
	cd proj &&
	kam time log P-2 T-2 7.75 --date 2026-10-30 >../out &&
	echo W-5 >../expect && test_cmp ../expect ../out &&
	printf "%s\n%s\n" "$H" "W-5,2026-10-30,P-2,T-2,7.75," >../expect &&
	test_cmp ../expect timesheets/2026-10.csv &&
	kam time log P-1 T-1 1.5 --date 2026-11-02 >../out &&
	echo W-6 >../expect && test_cmp ../expect ../out &&
	git show --stat --format= HEAD >../stat &&
	grep -q "timesheets/2026-11.csv | 1 +" ../stat &&
	test "$(wc -l <../stat)" = 2
'

test_expect_success 'list: all, and each filter' '
	cd proj &&
	kam time list >../out &&
	cat >../expect <<-\EOF &&
	id   date        person  task  hours  note
	W-5  2026-10-30  P-2     T-2    7.75  -
	W-1  2026-11-27  P-1     T-1     6.5  design review
	W-2  2026-11-27  P-1     T-2   17.25  -
	W-3  2026-11-27  P-1     T-1    0.25  -
	W-4  2026-11-27  P-2     T-1      24  -
	W-6  2026-11-02  P-1     T-1     1.5  -
	EOF
	test_cmp ../expect ../out &&
	kam time list --person p-2 --format csv | cut -d, -f1 | tr -d "\r" | tr "\n" " " >../got && echo >>../got &&
	echo "\"id\" \"W-5\" \"W-4\" " >../expect && test_cmp ../expect ../got &&
	kam time list --task T-2 --from 2026-11-01 --format csv | cut -d, -f1 | tr -d "\r" | tr "\n" " " >../got && echo >>../got &&
	echo "\"id\" \"W-2\" " >../expect && test_cmp ../expect ../got &&
	kam time list --to 2026-11-26 --format csv | cut -d, -f1 | tr -d "\r" | tr "\n" " " >../got && echo >>../got &&
	echo "\"id\" \"W-5\" \"W-6\" " >../expect && test_cmp ../expect ../got &&
	kam time list --person P-1 --format json >../out &&
	grep -q "{\"id\":\"W-1\",\"date\":\"2026-11-27\",\"person\":\"P-1\",\"task\":\"T-1\",\"hours\":6.5,\"note\":\"design review\"}" ../out &&
	test_expect_code 64 kam time list --person T-1 2>../err &&
	grep -q "invalid person id" ../err &&
	test_expect_code 64 kam time list --from 2026-11-30 --to 2026-11-01 2>../err &&
	grep -q "after --to" ../err
'

test_expect_success 'report by person (the default): exact quarter-hour sums and a total' '
	cd proj &&
	kam time report >../out &&
	cat >../expect <<-\EOF &&
	person  name  hours  bookings
	P-1     Ann    25.5         4
	P-2     Bo    31.75         2
	total   -     57.25         6
	EOF
	test_cmp ../expect ../out &&
	kam time report --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"person":"P-1","name":"Ann","hours":25.5,"bookings":4},
	{"person":"P-2","name":"Bo","hours":31.75,"bookings":2}
	]
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'report by task: planned effort is duration x hours-per-day' '
	cd proj &&
	kam time report --by task >../out &&
	cat >../expect <<-\EOF &&
	task   title  hours  planned  bookings
	T-1    Build  32.25       24         4
	T-2    Test      25       16         2
	total  -      57.25        -         6
	EOF
	test_cmp ../expect ../out &&
	printf "[calendar]\n\thours-per-day = 7.5\n" >>kam.conf &&
	kam time report --by task --format csv >../out &&
	grep -q "^\"T-1\",\"Build\",\"32.25\",\"22.5\",\"4\"" ../out &&
	grep -q "^\"T-2\",\"Test\",\"25\",\"15\",\"2\"" ../out &&
	git checkout -q kam.conf
'

test_expect_success 'report by week (Monday) and by month; filters apply' '
	cd proj &&
	kam time report --by week --format csv >../out &&
	cat >../expect <<-\EOF &&
	"week","hours","bookings"
	"2026-10-26","7.75","1"
	"2026-11-02","1.5","1"
	"2026-11-23","48","4"
	EOF
	test_cmp ../expect ../out &&
	kam time report --by month --person P-1 >../out &&
	cat >../expect <<-\EOF &&
	month    hours  bookings
	2026-11   25.5         4
	total     25.5         4
	EOF
	test_cmp ../expect ../out &&
	test_expect_code 64 kam time report --by year 2>../err &&
	grep -q "expected person, task, week or month" ../err
'

test_expect_success 'kam.conf: a bad hours-per-day is invalid data (65)' '
	cd proj &&
	printf "[calendar]\n\thours-per-day = 7.3\n" >>kam.conf &&
	test_expect_code 65 kam time report 2>../err &&
	grep -q "calendar.hours-per-day: invalid value '"'7.3'"'" ../err &&
	git checkout -q kam.conf &&
	printf "[calendar]\n\thours-per-day = 25\n" >>kam.conf &&
	test_expect_code 65 kam time report 2>../err &&
	grep -q "expected 0.25 to 24 hours" ../err &&
	git checkout -q kam.conf
'

test_expect_success 'check: valid timesheets are not invalid data' '
	cd proj &&
	test_expect_code 1 kam check >../out &&
	grep -q "^kam check: 0 invalid" ../out
'

test_expect_success 'check: hand edits past 24 h, unknown refs, duplicates, bad hours, wrong month' '
	cd proj &&
	cp timesheets/2026-11.csv ../keep &&
	printf "W-7,2026-11-02,P-1,T-1,22.75,\nW-9,2026-11-03,P-9,T-7,1,\nW-5,2026-11-04,P-1,T-1,1,\n" >>timesheets/2026-11.csv &&
	test_expect_code 65 kam check >../out &&
	grep -q "^timesheets/2026-11.csv:7: error: invalid-value: hours: P-1 is booked 24.25 hours on 2026-11-02 (at most 24 a day)" ../out &&
	grep -q "^timesheets/2026-11.csv:8: error: reference: person: person P-9 does not exist in people.csv" ../out &&
	grep -q "^timesheets/2026-11.csv:8: error: reference: task: task T-7 does not exist in tasks.csv" ../out &&
	grep -q "^timesheets/2026-11.csv:9: error: duplicate-id: duplicate id W-5 (first defined at timesheets/2026-10.csv:2)" ../out &&
	cp ../keep timesheets/2026-11.csv &&
	printf "W-7,2026-11-03,P-1,T-1,1.3,\n" >>timesheets/2026-11.csv &&
	test_expect_code 65 kam check >../out &&
	grep -q "^timesheets/2026-11.csv:7: error: invalid-value: hours: invalid value '"'1.3'"': not a whole quarter hour" ../out &&
	cp ../keep timesheets/2026-11.csv &&
	printf "W-7,2026-12-01,P-1,T-1,1,\n" >>timesheets/2026-11.csv &&
	test_expect_code 65 kam check >../out &&
	grep -q "^timesheets/2026-11.csv:7: error: invalid-value: date 2026-12-01 is not in 2026-11 (a time booking belongs in the file of its month: move it to timesheets/2026-12.csv)" ../out &&
	test_expect_code 65 kam time list 2>../err &&
	cp ../keep timesheets/2026-11.csv &&
	test_expect_code 1 kam check >/dev/null
'

test_expect_success 'kam commit validates a hand-edited month file' '
	cd proj &&
	printf "W-7,2026-11-03,P-1,T-9,1,\n" >>timesheets/2026-11.csv &&
	test_expect_code 65 kam commit -m x 2>../err &&
	grep -q "task T-9 does not exist" ../err &&
	git checkout -q timesheets &&
	printf "W-7,2026-11-03,P-2,T-2,2.5,hand\n" >>timesheets/2026-11.csv &&
	kam commit -m "hand booking" >/dev/null &&
	git log -1 --format=%B | grep -q "hand booking"
'

test_expect_success 'log and diff show bookings by id, with no code written for them' '
	cd proj &&
	kam log -n 1 --table timesheets >../out &&
	grep -q "W-7 added" ../out &&
	kam diff HEAD~2 HEAD >../out &&
	grep -q "timesheets/2026-11.csv" ../out &&
	grep -q "W-6 added" ../out &&
	grep -q "hours 1.5" ../out
'

test_expect_success 'merge driver: bookings of one month on two branches merge by id' '
	cd proj &&
	git tag tbase &&
	git checkout -q -b ta tbase &&
	kam time log P-2 T-1 2 --date 2026-11-20 >/dev/null &&
	git checkout -q -b tb tbase &&
	printf "W-20,2026-11-21,P-1,T-2,3.5,theirs\n" >>timesheets/2026-11.csv &&
	git commit -q -am "hand W-20" &&
	git merge -q --no-edit ta &&
	cut -d, -f1 timesheets/2026-11.csv | tr "\n" " " >../got && echo >>../got &&
	echo "id W-1 W-2 W-3 W-4 W-6 W-7 W-8 W-20 " >../expect &&
	test_cmp ../expect ../got &&
	test_expect_code 1 kam check >/dev/null
'

test_expect_success 'merge driver and renumber: the same new id on both sides' '
	cd proj &&
	git checkout -q -b tc tbase &&
	kam time log P-2 T-1 2 --date 2026-11-20 >/dev/null &&
	git checkout -q -b td tbase &&
	kam time log P-1 T-2 3 --date 2026-11-21 >/dev/null &&
	test_expect_code 1 git merge --no-edit tc >../out 2>&1 &&
	grep -q "conflict in W-8: added on both sides" ../out &&
	kam renumber W-8 >../out 2>../err &&
	echo W-9 >../expect && test_cmp ../expect ../out &&
	test_expect_code 1 kam check >/dev/null &&
	git add timesheets && git commit -q --no-edit &&
	grep -q "^W-8,2026-11-21,P-1,T-2,3," timesheets/2026-11.csv &&
	grep -q "^W-9,2026-11-20,P-2,T-1,2," timesheets/2026-11.csv &&
	kam renumber W-9 W-30 >../out &&
	echo W-30 >../expect && test_cmp ../expect ../out &&
	git log -1 --format=%s >../got &&
	echo "kam: renumber W-9: W-30" >../expect && test_cmp ../expect ../got &&
	kam time log P-1 T-1 1 --date 2026-11-26 >../out &&
	echo W-31 >../expect && test_cmp ../expect ../out
'

test_expect_success 'kam commit of a hand edit applies the 24-hour day (65, nothing committed)' '
	new_project proj2 &&
	kam people add Ann >/dev/null && kam people add Bo >/dev/null &&
	kam task add Build --duration 3 --assignee P-1 >/dev/null &&
	kam task add Test --duration 2 >/dev/null &&
	kam time log P-2 T-2 2 --date 2026-11-03 >/dev/null &&
	printf "W-2,2026-11-03,P-1,T-2,24,\nW-3,2026-11-03,P-2,T-1,22.25,\n" >>timesheets/2026-11.csv &&
	git rev-parse HEAD >../head &&
	test_expect_code 65 kam commit -m over >../out 2>../err &&
	echo "kam: timesheets/2026-11.csv:4: hours: P-2 is booked 24.25 hours on 2026-11-03 (at most 24 a day)" >../expect &&
	test_cmp ../expect ../err && test ! -s ../out &&
	git rev-parse HEAD >../head2 && test_cmp ../head ../head2 &&
	git diff --cached --quiet &&
	sed -i "s/,22.25,/,22,/" timesheets/2026-11.csv &&
	kam commit -m "exactly 24" >/dev/null &&
	git log -1 --format=%B | grep -q "exactly 24"
'

test_expect_success 'log: not before the project start nor the task start (65); another than the assignee is warned' '
	cd proj2 &&
	snap >../before &&
	test_expect_code 65 kam time log P-1 T-1 1 --date 2026-01-02 2>../err &&
	echo "kam: 2026-01-02 is before the project'"'"'s start (2026-01-05): no hours were worked on it then; nothing changed" >../expect &&
	test_cmp ../expect ../err &&
	kam task start T-2 --date 2026-11-02 >/dev/null &&
	snap >../before &&
	test_expect_code 65 kam time log P-2 T-2 1 --date 2026-10-30 2>../err &&
	echo "kam: T-2 started on 2026-11-02: hours on 2026-10-30 are before it (if it started earlier, correct its start in tasks.csv and kam commit); nothing changed" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after && test_cmp ../before ../after &&
	kam time log P-2 T-2 1 --date 2026-11-02 >../out 2>../err &&
	test ! -s ../err &&
	kam time log P-2 T-1 1 --date 2026-11-02 >../out 2>../err &&
	echo "kam: warning: P-2 is not the assignee of T-1 (P-1): booked anyway" >../expect &&
	test_cmp ../expect ../err &&
	tail -n 1 timesheets/2026-11.csv | grep -q ",2026-11-02,P-2,T-1,1,"
'

test_done
