#!/bin/sh
# t5800: the resource audit (issue 16): kam team audit — per person and
# week or month, hours planned by the schedule against hours booked and
# the capacity; tasks booked over their effort; the health rules
# effort-overrun and person-overbooked around their thresholds.
test_description='kam team audit'
. "$(dirname "$0")/lib.sh"

# The findings of rule $1 in kam check's output.
rule () {
	kam check >../check.out 2>&1
	grep ": $1: " ../check.out
}

# Project start Monday 2026-11-02; Bo works at 80%; 2026-11-19 is a
# holiday.
test_expect_success 'setup: two people, two tasks of 5 and 2 days' '
	new_project &&
	printf "[calendar]\n\tholiday = 2026-11-19\n" >>kam.conf &&
	git commit -q -am holiday &&
	kam people add Ann >/dev/null &&
	kam people add Bo --capacity 80 >/dev/null &&
	kam task add Build --duration 5 --assignee P-1 >/dev/null &&
	kam task add Test --duration 2 --assignee P-2 >/dev/null &&
	kam task start T-1 --date 2026-11-16 >/dev/null &&
	kam task start T-2 --date 2026-11-16 >/dev/null &&
	kam task progress T-1 40 >/dev/null &&
	kam task progress T-2 50 >/dev/null
'

# Planned hours of a started task are its duration, not stretched to
# today (2026-11-27): the share done from its start, the remaining days
# from today.  T-1 (5 days, 40%: 3 left) is planned 2026-11-16, 11-17,
# then 11-27, 11-30, 12-01; T-2 (2 days, 50%: 1 left) 11-16 and 11-27.

test_expect_success 'no bookings: planned hours and capacity only' '
	cd proj &&
	kam team audit --from 2026-11-16 --to 2026-11-22 --format csv >../out &&
	cat >../expect <<-\EOF &&
	"person","name","week","planned","booked","capacity","utilisation_pct","over"
	"P-1","Ann","2026-11-16","16","0","32","0.00","false"
	"P-2","Bo","2026-11-16","8","0","25.5","0.00","false"
	EOF
	test_cmp ../expect ../out
'

# Bo: 4 working days (the holiday) x 80% x 8 h = 25.6 h of capacity.
test_expect_success 'bookings: utilisation against capacity, over at 25.75 of 25.6 h' '
	cd proj &&
	kam time log P-2 T-2 8 --date 2026-11-16 >/dev/null &&
	kam time log P-2 T-2 8 --date 2026-11-17 >/dev/null &&
	kam time log P-2 T-2 9.5 --date 2026-11-18 >/dev/null &&
	kam team audit --from 2026-11-16 --to 2026-11-22 --format csv >../out &&
	grep -q "^\"P-2\",\"Bo\",\"2026-11-16\",\"8\",\"25.5\",\"25.5\",\"99.61\",\"false\"" ../out &&
	rule person-overbooked >../got ;
	test ! -s ../got &&
	kam time log P-2 T-1 0.25 --date 2026-11-20 >/dev/null &&
	kam team audit --from 2026-11-16 --to 2026-11-22 --format csv >../out &&
	grep -q "^\"P-2\",\"Bo\",\"2026-11-16\",\"8\",\"25.75\",\"25.5\",\"100.59\",\"true\"" ../out &&
	rule person-overbooked >../got ;
	grep -q "^people.csv:3: amber: person-overbooked: P-2: booked 25.75 hours in the week of 2026-11-16, capacity 25.5 (4 working days at 80%)" ../got
'

# T-2: 2 days x 8 h = 16 h planned; amber above 16 x 1.2 = 19.2 h.
test_expect_success 'effort-overrun: a task booked more than 20% over its effort' '
	cd proj &&
	rule effort-overrun >../got ;
	grep -q "^tasks.csv:3: amber: effort-overrun: T-2: booked 25.5 hours of 16 planned (159.38%, amber above 20% more)" ../got &&
	printf "[health]\n\teffort-overrun = 60\n" >>kam.conf &&
	rule effort-overrun >../got ;
	test ! -s ../got &&
	git checkout -q kam.conf &&
	printf "[health]\n\teffort-overrun = 59\n" >>kam.conf &&
	rule effort-overrun >../got ;
	grep -q "T-2: booked 25.5 hours of 16 planned (159.38%, amber above 59% more)" ../got &&
	git checkout -q kam.conf
'

test_expect_success 'audit --tasks: booked against planned effort per task' '
	cd proj &&
	kam team audit --tasks --format csv >../out &&
	cat >../expect <<-\EOF &&
	"task","title","planned","booked","used_pct","over"
	"T-1","Build","40","0.25","0.63","false"
	"T-2","Test","16","25.5","159.38","true"
	EOF
	test_cmp ../expect ../out &&
	kam team audit --from 2026-11-16 --to 2026-11-22 >../out &&
	grep -q "^1 task booked over the planned effort by more than 20%: T-2 (kam team audit --tasks)" ../out
'

test_expect_success 'audit --by month and JSON' '
	cd proj &&
	kam team audit --by month --to 2026-11-30 --format json >../out &&
	grep -q "{\"person\":\"P-2\",\"name\":\"Bo\",\"month\":\"2026-11\",\"planned\":16,\"booked\":25.75,\"capacity\":128," ../out &&
	grep -q "{\"person\":\"P-1\",\"name\":\"Ann\",\"month\":\"2026-11\",\"planned\":32," ../out &&
	kam team audit --by month --from 2026-12-01 --to 2026-12-31 --format csv >../out &&
	grep -q "^\"P-1\",\"Ann\",\"2026-12\",\"8\"," ../out &&
	kam team load --from 2026-11-16 --to 2026-11-22 --format csv >../load &&
	grep -q "\"P-2\"" ../load &&
	test_expect_code 64 kam team audit --by year 2>../err &&
	grep -q "expected week or month" ../err &&
	test_expect_code 64 kam team audit --from 2026-11-30 --to 2026-11-01 &&
	test_expect_code 64 kam team audit extra
'

test_expect_success 'the final report: the team, facts per person' '
	cd proj &&
	kam plan baseline >/dev/null &&
	kam task done T-2 --date 2026-11-17 >/dev/null &&
	kam report final >../out &&
	sed -n "/^## Team/,/^## Lessons/p" ../out >../team &&
	grep -q "^| Ann (P-1) | 1 | 0 | - | 40 | 0 |\$" ../team &&
	grep -q "^| Bo (P-2) | 1 | 1 | 1 of 1 | 16 | 25.75 |\$" ../team &&
	grep "^|" ../team >../rows &&
	! grep -qi "score\|rating\|rank" ../rows
'

test_done
