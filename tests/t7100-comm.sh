#!/bin/sh
# t7100: the communication plan: add (audience as people or text), done,
# list and due with the derived next and overdue_days (daily, weekly,
# biweekly, monthly and quarterly periods, month ends clamped, never done
# counted from project.start as kam check does), refusals, formats.
test_description='kam comm'
. "$(dirname "$0")/lib.sh"

H='id,title,audience,channel,frequency,owner,last'

# The first and the last two fields of a CSV line whose cells are all
# quoted (audience and messages hold commas).
LAST2='s/^("[^"]*"),.*,("[^"]*"),("[^"]*")$/\1,\2,\3/'

snap () {
	git rev-parse HEAD
	sha256sum .git/index comms.csv
	git status --porcelain
}

test_expect_success 'setup: a project with two people' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add "Bo Chen" --side client >/dev/null
'

# ---- add ----

test_expect_success 'add with every option: the id alone, the row, the commit' '
	cd proj &&
	kam comm add "Weekly status" --audience p-2,P-1 --channel email \
	    --frequency weekly --owner p-1 >../out 2>../err &&
	echo C-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "C-1,Weekly status,P-2 P-1,email,weekly,P-1," >../expect &&
	test_cmp ../expect comms.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: comm add C-1: Weekly status" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 comms.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'add: audience as text, as a space list; only the frequency is required' '
	cd proj &&
	kam comm add "Steering committee" --audience "client board, PMO" \
	    --channel meeting --frequency monthly >../out &&
	echo C-2 >../expect &&
	test_cmp ../expect ../out &&
	kam comm add "Stand-up" --audience "p-1 P-2" --frequency daily --owner P-2 >/dev/null &&
	kam comm add "季度回顾" --frequency quarterly >/dev/null &&
	tail -n 3 comms.csv >../rows &&
	cat >../expect <<-\EOF &&
	C-2,Steering committee,"client board, PMO",meeting,monthly,,
	C-3,Stand-up,P-1 P-2,,daily,P-2,
	C-4,季度回顾,,,quarterly,,
	EOF
	test_cmp ../expect ../rows
'

test_expect_success 'add: unknown people are 65, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam comm add x --frequency daily --owner P-9 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam comm add x --frequency daily --audience P-1,P-7 2>../err &&
	echo "kam: person P-7 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'add: usage errors are 64, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam comm add x 2>../err &&
	echo "kam: a communication needs --frequency (daily, weekly, biweekly, monthly or quarterly)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm add x --frequency yearly 2>../err &&
	echo "kam: --frequency: invalid value '"'yearly'"': expected one of: daily weekly biweekly monthly quarterly" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm add x --frequency daily --owner Ann 2>../err &&
	echo "kam: invalid person id '"'Ann'"' (expected e.g. P-12)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm add "" --frequency daily 2>../err &&
	echo "kam: title: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm add --frequency daily 2>/dev/null &&
	test_expect_code 64 kam comm add a b --frequency daily 2>/dev/null &&
	test_expect_code 64 kam comm add a --frequency 2>/dev/null &&
	test_expect_code 64 kam comm add a --frequency daily --last 2026-01-01 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- done ----

test_expect_success 'done: last is today, one commit, no output' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam comm done c-3 >../out 2>../err &&
	test ! -s ../out &&
	test ! -s ../err &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	grep -qx "C-3,Stand-up,P-1 P-2,,daily,P-2,2026-11-27" comms.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: comm done C-3: Stand-up" >../expect &&
	test_cmp ../expect ../subject
'

test_expect_success 'done --date, and --today moves today' '
	cd proj &&
	kam comm done C-1 --date 2026-11-16 &&
	grep -qx "C-1,Weekly status,P-2 P-1,email,weekly,P-1,2026-11-16" comms.csv &&
	kam --today 2026-10-31 comm done C-2 &&
	grep -q ",monthly,,2026-10-31\$" comms.csv
'

test_expect_success 'done: refused dates, ids and operands, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam comm done C-1 --date 2026-11-28 2>../err &&
	echo "kam: --date: 2026-11-28 is after today (2026-11-27); record a communication when it has been made" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm done C-1 --date 2026-02-30 2>../err &&
	echo "kam: --date: invalid date '"'2026-02-30'"': February 2026 has 28 days" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam comm done C-1 --date 2026-11-15 2>../err &&
	echo "kam: communication C-1 was last done on 2026-11-16, after 2026-11-15; a later date is needed" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 1 kam comm done C-1 --date 2026-11-16 2>../err &&
	echo "kam: comm done C-1: nothing to change (the files already say so); no commit made" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam comm done C-9 2>../err &&
	echo "kam: communication C-9 does not exist in comms.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm done R-1 2>../err &&
	echo "kam: invalid communication id '"'R-1'"' (expected e.g. C-12): wrong prefix for this kind of record" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm done 2>/dev/null &&
	test_expect_code 64 kam comm done C-1 C-2 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- list and due ----

test_expect_success 'list: the plan with next and overdue_days' '
	cd proj &&
	kam comm list >../out &&
	cat >../expect <<-\EOF &&
	id   title               audience           channel  frequency  owner  last        next        overdue_days
	C-1  Weekly status       P-2 P-1            email    weekly     P-1    2026-11-16  2026-11-23             4
	C-2  Steering committee  client board, PMO  meeting  monthly    -      2026-10-31  2026-11-30             0
	C-3  Stand-up            P-1 P-2            -        daily      P-2    2026-11-27  2026-11-30             0
	C-4  季度回顾            -                  -        quarterly  -      -           2026-04-06           235
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --format json: every column, typed, plus next and overdue_days' '
	cd proj &&
	kam comm list --owner p-1 --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"C-1","title":"Weekly status","audience":"P-2 P-1","channel":"email","frequency":"weekly","owner":"P-1","last":"2026-11-16","next":"2026-11-23","overdue_days":4}
	]
	EOF
	test_cmp ../expect ../out &&
	kam comm list --owner P-9 --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'due: what is due today or earlier, most overdue first' '
	cd proj &&
	kam comm due --format csv | sed -E "$LAST2" >../out &&
	cat >../expect <<-\EOF &&
	"id","next","overdue_days"
	"C-4","2026-04-06","235"
	"C-1","2026-11-23","4"
	EOF
	test_cmp ../expect ../out &&
	kam comm due --today 2026-11-30 --format csv | sed -E "$LAST2" >../out &&
	cat >../expect <<-\EOF &&
	"id","next","overdue_days"
	"C-4","2026-04-06","238"
	"C-1","2026-11-23","7"
	"C-2","2026-11-30","0"
	"C-3","2026-11-30","0"
	EOF
	test_cmp ../expect ../out &&
	kam comm due --owner P-2 --today 2026-11-30 --format csv | cut -d, -f1 >../out &&
	printf "\"id\"\n\"C-3\"\n" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'due --format md and the table' '
	cd proj &&
	kam comm due --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | title         | audience | channel | frequency | owner | last       | next       | overdue_days |
	| --- | ------------- | -------- | ------- | --------- | ----- | ---------- | ---------- | -----------: |
	| C-4 | 季度回顾      |          |         | quarterly |       |            | 2026-04-06 |          235 |
	| C-1 | Weekly status | P-2 P-1  | email   | weekly    | P-1   | 2026-11-16 | 2026-11-23 |            4 |
	EOF
	test_cmp ../expect ../out &&
	kam comm due --today 2026-04-04 >../out &&
	echo "id  title  audience  channel  frequency  owner  last  next  overdue_days" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'list/due: usage errors' '
	cd proj &&
	test_expect_code 64 kam comm list --owner Ann 2>../err &&
	echo "kam: --owner: invalid person id '"'Ann'"' (expected e.g. P-3)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm due extra 2>/dev/null &&
	test_expect_code 64 kam comm due --open 2>/dev/null
'

test_expect_success 'kam check flags the same communication past the grace days' '
	cd proj &&
	kam check --format csv >../out;
	grep comm-overdue ../out |
	    sed -E "s/^(\"[^\"]*\",){3}(\"[^\"]*\"),(\"[^\"]*\",){2}/\2,/" >../got &&
	cat >../expect <<-\EOF &&
	"C-1","weekly communication was due 2026-11-23 (4 days ago; grace 2)"
	"C-4","quarterly communication was due 2026-04-06 (235 days ago; grace 2), never done"
	EOF
	test_cmp ../expect ../got
'

# ---- the periods ----
# A next date that is not a working day of kam.conf's calendar moves to
# the next working day (issue 17): a month end on a Saturday is due on
# Monday.

test_expect_success 'next: periods, month ends clamped, leap years, year ends' '
	new_project calc &&
	cat >comms.csv <<-EOF &&
	$H
	C-1,d,,,daily,,2026-11-26
	C-2,w,,,weekly,,2026-11-19
	C-3,b,,,biweekly,,2026-11-20
	C-4,m,,,monthly,,2026-01-31
	C-5,m,,,monthly,,2024-01-31
	C-6,q,,,quarterly,,2025-11-30
	C-7,q,,,quarterly,,2026-10-15
	C-8,m,,,monthly,,2026-10-31
	C-9,m,,,monthly,,2025-12-15
	C-10,w,,,weekly,,
	EOF
	git commit -q -am fixture &&
	kam comm list --format csv | cut -d, -f1,5,7,8,9 >../out &&
	cat >../expect <<-\EOF &&
	"id","frequency","last","next","overdue_days"
	"C-1","daily","2026-11-26","2026-11-27","0"
	"C-2","weekly","2026-11-19","2026-11-26","1"
	"C-3","biweekly","2026-11-20","2026-12-04","0"
	"C-4","monthly","2026-01-31","2026-03-02","270"
	"C-5","monthly","2024-01-31","2024-02-29","1002"
	"C-6","quarterly","2025-11-30","2026-03-02","270"
	"C-7","quarterly","2026-10-15","2027-01-15","0"
	"C-8","monthly","2026-10-31","2026-11-30","0"
	"C-9","monthly","2025-12-15","2026-01-15","316"
	"C-10","weekly","","2026-01-12","319"
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'never done and no project.start: due today' '
	cd calc &&
	git config -f kam.conf --unset project.start &&
	git commit -q -am "no start" &&
	kam comm list --format csv | grep "^\"C-10\"" | cut -d, -f7,8,9 >../out &&
	echo "\"\",\"2026-11-27\",\"0\"" >../expect &&
	test_cmp ../expect ../out &&
	kam comm due --format csv | cut -d, -f1 | grep -qx "\"C-10\""
'

test_expect_success 'every comm verb fails with 65 on an invalid comms.csv' '
	new_project broken &&
	printf "%s\nC-1,a,,,hourly,,\n" "$H" >comms.csv &&
	git commit -q -am bad &&
	for v in list due "done C-1" "add x --frequency daily"; do
		test_expect_code 65 kam comm $v >../out 2>../err &&
		test ! -s ../out &&
		grep -q "^kam: comms.csv:2" ../err || return 1
	done
'

test_expect_success 'write errors on stdout are 74' '
	cd proj &&
	test_expect_code 74 kam comm list >/dev/full 2>/dev/null
'

# Issue 17: a daily communication done on Friday is due on Monday, on a
# declared make-up working Saturday (调休) when there is one, and after a
# holiday on the Tuesday.
test_expect_success 'next: due dates follow the working calendar' '
	new_project cal &&
	kam comm add "Stand-up" --frequency daily >/dev/null &&
	kam comm done C-1 --date 2026-11-27 >/dev/null &&
	kam comm list --today 2026-11-27 --format csv | cut -d, -f1,8 >../out &&
	printf "\"id\",\"next\"\n\"C-1\",\"2026-11-30\"\n" >../expect &&
	test_cmp ../expect ../out &&
	git config -f kam.conf --add calendar.workday 2026-11-28 &&
	kam comm list --today 2026-11-27 --format csv | cut -d, -f1,8 >../out &&
	printf "\"id\",\"next\"\n\"C-1\",\"2026-11-28\"\n" >../expect &&
	test_cmp ../expect ../out &&
	git config -f kam.conf --unset calendar.workday &&
	git config -f kam.conf --add calendar.holiday 2026-11-30 &&
	kam comm list --today 2026-11-27 --format csv | cut -d, -f1,8 >../out &&
	printf "\"id\",\"next\"\n\"C-1\",\"2026-12-01\"\n" >../expect &&
	test_cmp ../expect ../out &&
	kam check --today 2026-12-04 --format csv >../out &&
	grep -q "daily communication was due 2026-12-01 (3 days ago; grace" ../out
'

# ---- set (issue 17, smaller items) ----

test_expect_success 'comm set: title, frequency, channel, audience and owner; one commit' '
	new_project set &&
	kam people add Ann >/dev/null &&
	kam people add "Bo Chen" --side client >/dev/null &&
	kam comm add "Weekly report" --frequency weekly --owner P-1 \
	    --audience P-2 >/dev/null &&
	kam comm done C-1 --date 2026-11-02 >/dev/null &&
	kam comm set c-1 --frequency monthly --channel email \
	    --title "Monthly report" &&
	echo "kam: comm set C-1: Monthly report" >../expect &&
	git log -1 --format=%s >../out && test_cmp ../expect ../out &&
	grep -q "^C-1,Monthly report,P-2,email,monthly,P-1,2026-11-02\$" comms.csv &&
	kam comm set C-1 --audience "steering committee" --owner "" &&
	grep -q "^C-1,Monthly report,steering committee,email,monthly,,2026-11-02\$" comms.csv
'

test_expect_success 'comm set refusals: an unknown owner, a bad frequency, no option, an unknown communication' '
	cd "$TRASH/set" &&
	git rev-parse HEAD >../before &&
	test_expect_code 65 kam comm set C-1 --owner P-9 2>../err &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam comm set C-1 --frequency hourly 2>../err &&
	test_expect_code 64 kam comm set C-1 2>../err &&
	test_expect_code 64 kam comm set C-1 --title "" 2>../err &&
	test_expect_code 65 kam comm set C-9 --channel phone 2>../err &&
	git rev-parse HEAD >../after && test_cmp ../before ../after &&
	kam __complete comm set C-1 --f >../out &&
	printf -- "--frequency=\\n--format=\\n" >../expect && test_cmp ../expect ../out
'

test_done
