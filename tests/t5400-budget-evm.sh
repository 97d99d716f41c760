#!/bin/sh
# t5400: kam budget evm on a small project worked by hand (SPEC §4).
#
# Calendar Monday-Friday, start Monday 2026-01-05, today Friday 2026-01-16.
#
#   task        dur  cost      baseline               actuals
#   T-1 Design    5  10000.00  01-05 .. 01-09  (5 d)  done 01-05 .. 01-09
#   T-2 Build    10  20000.00  01-12 .. 01-30 (15 d)  started 01-12, 40%
#   T-3 Test      5   6000.00  02-02 .. 02-06  (5 d)  not started
#   T-4 Go-live   0      0.00  02-06 (milestone)
#
#   expenses: 01-07 6000 T-1; 01-14 9000 T-2; 01-15 1000 (no task);
#             01-20 5000 T-2 (after today: not in AC)
#
# PV  = 10000 x 5/5 + 20000 x 5/15 (= 6666.666.. -> 6666.67) = 16666.67
# EV  = 10000 x 100% + 20000 x 40% = 18000.00
# AC  = 6000 + 9000 + 1000 = 16000.00;  BAC = 36000.00
# CV  = 18000 - 16000 = 2000.00;  SV = 18000 - 16666.67 = 1333.33
# CPI = 18000 / 16000 = 1.125;  SPI = 18000 / 16666.67 = 1.07999.. -> 1.080
# EAC = BAC / CPI = 36000 x 16000 / 18000 = 32000.00
# ETC = 32000 - 16000 = 16000.00;  VAC = 36000 - 32000 = 4000.00
#
# Per task: T-2: PV 6666.67, EV 8000, AC 9000, CV -1000, SV 1333.33,
# CPI 8000/9000 = 0.889, SPI 8000/6666.67 = 1.19999.. -> 1.200,
# EAC 20000 x 9000 / 8000 = 22500, ETC 13500, VAC -2500.
#
# Without a baseline, PV comes from the plan scheduled as planned: T-2
# runs 01-12 .. 01-23 (10 d), 5 passed: PV = 10000 + 10000 = 20000.00,
# SV = -2000.00, SPI = 0.900.
test_description='kam budget evm'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"
export KAM_TODAY=2026-01-16

tasks_with_baseline () {
	cat >tasks.csv <<-\EOF
	id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish
	T-1,Design,5,,,2026-01-05,2026-01-09,100,10000.00,,,2026-01-05,2026-01-09
	T-2,Build,10,T-1,,2026-01-12,,40,20000.00,,,2026-01-12,2026-01-30
	T-3,Test,5,T-2,,,,,6000.00,,,2026-02-02,2026-02-06
	T-4,Go-live,0,T-3,,,,,,,,2026-02-06,2026-02-06
	EOF
}

test_expect_success 'setup' '
	new_project &&
	tasks_with_baseline &&
	git add tasks.csv && git commit -q -m "tasks" &&
	kam budget spend 6000 --category labour --date 2026-01-07 --task T-1 a >/dev/null &&
	kam budget spend 9000 --category labour --date 2026-01-14 --task T-2 b >/dev/null &&
	kam budget spend 1000 --category travel --date 2026-01-15 c >/dev/null &&
	kam budget spend 5000 --category labour --date 2026-01-20 --task T-2 d >/dev/null
'

test_expect_success 'evm: the project as of today, against the baseline' '
	cd "$P" &&
	kam budget evm >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	as_of: 2026-01-16
	basis: baseline
	bac:   36,000.00 CNY
	pv:    16,666.67 CNY
	ev:    18,000.00 CNY
	ac:    16,000.00 CNY
	cv:    2,000.00 CNY
	sv:    1,333.33 CNY
	cpi:   1.125
	spi:   1.080
	eac:   32,000.00 CNY
	etc:   16,000.00 CNY
	vac:   4,000.00 CNY
	pv from the baseline (as of 2026-01-16)
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'evm --format json: one object, numbers exact' '
	cd "$P" &&
	kam budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-16","basis":"baseline","bac":36000.00,"pv":16666.67,"ev":18000.00,"ac":16000.00,"cv":2000.00,"sv":1333.33,"cpi":1.125,"spi":1.080,"eac":32000.00,"etc":16000.00,"vac":4000.00}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'evm --by task: per task, other expenses, total' '
	cd "$P" &&
	kam budget evm --by task --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"records":[
	{"id":"T-1","title":"Design","bac":10000.00,"pv":10000.00,"ev":10000.00,"ac":6000.00,"cv":4000.00,"sv":0.00,"cpi":1.667,"spi":1.000,"eac":6000.00,"etc":0.00,"vac":4000.00,"basis":"baseline"},
	{"id":"T-2","title":"Build","bac":20000.00,"pv":6666.67,"ev":8000.00,"ac":9000.00,"cv":-1000.00,"sv":1333.33,"cpi":0.889,"spi":1.200,"eac":22500.00,"etc":13500.00,"vac":-2500.00,"basis":"baseline"},
	{"id":"T-3","title":"Test","bac":6000.00,"pv":0.00,"ev":0.00,"ac":0.00,"cv":0.00,"sv":0.00,"cpi":null,"spi":null,"eac":null,"etc":null,"vac":null,"basis":"baseline"},
	{"id":"T-4","title":"Go-live","bac":0.00,"pv":0.00,"ev":0.00,"ac":0.00,"cv":0.00,"sv":0.00,"cpi":null,"spi":null,"eac":null,"etc":null,"vac":null,"basis":"baseline"}
	],
	"without_task":{"bac":0.00,"pv":0.00,"ev":0.00,"ac":1000.00,"cv":-1000.00,"sv":0.00,"cpi":0.000,"spi":null,"eac":null,"etc":null,"vac":null,"basis":"baseline"},
	"total":{"bac":36000.00,"pv":16666.67,"ev":18000.00,"ac":16000.00,"cv":2000.00,"sv":1333.33,"cpi":1.125,"spi":1.080,"eac":32000.00,"etc":16000.00,"vac":4000.00,"basis":"baseline"}}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'evm --by task on a terminal says the basis below' '
	cd "$P" &&
	kam budget evm --by task >"$TRASH/out" &&
	grep "^T-2  Build " "$TRASH/out" &&
	tail -n 1 "$TRASH/out" >"$TRASH/last" &&
	echo "pv from the baseline (as of 2026-01-16)" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/last"
'

test_expect_success 'by hand: the task rows add up to the total' '
	cd "$P" &&
	kam budget evm --by task --format csv >"$TRASH/out" &&
	python3 - "$TRASH/out" <<-\EOF
	import csv, sys
	from decimal import Decimal as D
	rows = list(csv.DictReader(open(sys.argv[1])))
	total = rows[-1]
	for k in ("bac", "pv", "ev", "ac", "cv", "sv"):
	    s = sum(D(r[k]) for r in rows[:-1])
	    assert s == D(total[k]), (k, s, total[k])
	EOF
'

test_expect_success 'another day: --today moves PV, EV stays, AC grows' '
	cd "$P" &&
	kam --today 2026-01-23 budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-23","basis":"baseline","bac":36000.00,"pv":23333.33,"ev":18000.00,"ac":21000.00,"cv":-3000.00,"sv":-5333.33,"cpi":0.857,"spi":0.771,"eac":42000.00,"etc":21000.00,"vac":-6000.00}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'without a baseline: the plan as scheduled, and the output says so' '
	cd "$P" &&
	sed "s/,20[0-9-]*,20[0-9-]*\$/,,/" tasks.csv >t.tmp && mv t.tmp tasks.csv &&
	! grep "2026-01-30" tasks.csv &&
	kam budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-16","basis":"plan","bac":36000.00,"pv":20000.00,"ev":18000.00,"ac":16000.00,"cv":2000.00,"sv":-2000.00,"cpi":1.125,"spi":0.900,"eac":32000.00,"etc":16000.00,"vac":4000.00}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam budget evm | grep "^basis: plan\$" &&
	kam budget evm | grep "no baseline"
'

test_expect_success 'a task without a baseline among baselined ones: 0 PV and a warning' '
	cd "$P" &&
	tasks_with_baseline &&
	sed "s/^T-2,\\(.*\\),2026-01-12,2026-01-30\$/T-2,\\1,,/" tasks.csv >t.tmp &&
	mv t.tmp tasks.csv &&
	kam budget evm --format json >"$TRASH/out" 2>"$TRASH/err" &&
	grep "\"pv\":10000.00" "$TRASH/out" &&
	grep "warning: 1 task without a baseline count 0 in pv" "$TRASH/err" &&
	git checkout -- tasks.csv
'

test_expect_success 'nothing spent, nothing planned: ratios are null' '
	new_project empty &&
	kam budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-16","basis":"plan","bac":0.00,"pv":0.00,"ev":0.00,"ac":0.00,"cv":0.00,"sv":0.00,"cpi":null,"spi":null,"eac":null,"etc":null,"vac":null}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'a dependency cycle is invalid data (65)' '
	cd "$P" &&
	sed "s/^T-1,Design,5,,/T-1,Design,5,T-4,/" tasks.csv >t.tmp && mv t.tmp tasks.csv &&
	test_expect_code 65 kam budget evm 2>"$TRASH/err" >/dev/null &&
	grep "cycle" "$TRASH/err" &&
	git checkout -- tasks.csv
'

test_expect_success 'usage errors (64)' '
	cd "$P" &&
	test_expect_code 64 kam budget evm --by month 2>/dev/null &&
	test_expect_code 64 kam budget evm extra 2>/dev/null
'

test_done
