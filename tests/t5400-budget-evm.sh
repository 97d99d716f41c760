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
	ac: every expense and the labour (budget.csv plans nothing beyond the task costs)
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'evm --format json: one object, numbers exact' '
	cd "$P" &&
	kam budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-16","basis":"baseline","bac":36000.00,"pv":16666.67,"ev":18000.00,"ac":16000.00,"cv":2000.00,"sv":1333.33,"cpi":1.125,"spi":1.080,"eac":32000.00,"etc":16000.00,"vac":4000.00,"cost_basis":"all","outside_ac":0.00}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'evm --by task: per task, other expenses, total' '
	cd "$P" &&
	kam budget evm --by task --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"records":[
	{"id":"T-1","title":"Design","bac":10000.00,"pv":10000.00,"ev":10000.00,"ac":6000.00,"cv":4000.00,"sv":0.00,"cpi":1.667,"spi":1.000,"eac":6000.00,"etc":0.00,"vac":4000.00,"basis":"baseline","cost_basis":"all"},
	{"id":"T-2","title":"Build","bac":20000.00,"pv":6666.67,"ev":8000.00,"ac":9000.00,"cv":-1000.00,"sv":1333.33,"cpi":0.889,"spi":1.200,"eac":22500.00,"etc":13500.00,"vac":-2500.00,"basis":"baseline","cost_basis":"all"},
	{"id":"T-3","title":"Test","bac":6000.00,"pv":0.00,"ev":0.00,"ac":0.00,"cv":0.00,"sv":0.00,"cpi":null,"spi":null,"eac":null,"etc":null,"vac":null,"basis":"baseline","cost_basis":"all"},
	{"id":"T-4","title":"Go-live","bac":0.00,"pv":0.00,"ev":0.00,"ac":0.00,"cv":0.00,"sv":0.00,"cpi":null,"spi":null,"eac":null,"etc":null,"vac":null,"basis":"baseline","cost_basis":"all"}
	],
	"without_task":{"bac":0.00,"pv":0.00,"ev":0.00,"ac":1000.00,"cv":-1000.00,"sv":0.00,"cpi":0.000,"spi":null,"eac":null,"etc":null,"vac":null,"basis":"baseline","cost_basis":"all"},
	"total":{"bac":36000.00,"pv":16666.67,"ev":18000.00,"ac":16000.00,"cv":2000.00,"sv":1333.33,"cpi":1.125,"spi":1.080,"eac":32000.00,"etc":16000.00,"vac":4000.00,"basis":"baseline","cost_basis":"all"}}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'evm --by task on a terminal says the basis below' '
	cd "$P" &&
	kam budget evm --by task >"$TRASH/out" &&
	grep "^T-2  Build " "$TRASH/out" &&
	tail -n 2 "$TRASH/out" | head -n 1 >"$TRASH/last" &&
	echo "pv from the baseline (as of 2026-01-16)" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/last"
'

test_expect_success 'by hand: the task rows add up to the total' '
	cd "$P" &&
	kam budget evm --by task --format csv >"$TRASH/out" &&
	kam budget evm --by task --format json >"$TRASH/json" &&
	python3 - "$TRASH/out" "$TRASH/json" <<-\EOF
	import csv, json, sys
	from decimal import Decimal as D
	rows = list(csv.DictReader(open(sys.argv[1])))
	doc = json.load(open(sys.argv[2]), parse_float=D)
	total, other = doc["total"], doc["without_task"] or {}
	assert all(r["id"] for r in rows), "a CSV row without an id"
	for k in ("bac", "pv", "ev", "ac", "cv", "sv"):
	    s = sum(D(r[k]) for r in rows) + D(other.get(k, 0))
	    assert s == D(total[k]), (k, s, total[k])
	EOF
'

test_expect_success 'another day: --today moves PV, EV stays, AC grows' '
	cd "$P" &&
	kam --today 2026-01-23 budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-23","basis":"baseline","bac":36000.00,"pv":23333.33,"ev":18000.00,"ac":21000.00,"cv":-3000.00,"sv":-5333.33,"cpi":0.857,"spi":0.771,"eac":42000.00,"etc":21000.00,"vac":-6000.00,"cost_basis":"all","outside_ac":0.00}
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'without a baseline: the plan as scheduled, and the output says so' '
	cd "$P" &&
	sed "s/,20[0-9-]*,20[0-9-]*\$/,,/" tasks.csv >t.tmp && mv t.tmp tasks.csv &&
	! grep "2026-01-30" tasks.csv &&
	kam budget evm --format json >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	{"as_of":"2026-01-16","basis":"plan","bac":36000.00,"pv":20000.00,"ev":18000.00,"ac":16000.00,"cv":2000.00,"sv":-2000.00,"cpi":1.125,"spi":0.900,"eac":32000.00,"etc":16000.00,"vac":4000.00,"cost_basis":"all","outside_ac":0.00}
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
	{"as_of":"2026-01-16","basis":"plan","bac":0.00,"pv":0.00,"ev":0.00,"ac":0.00,"cv":0.00,"sv":0.00,"cpi":null,"spi":null,"eac":null,"etc":null,"vac":null,"cost_basis":"all","outside_ac":0.00}
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

# The cost basis (issue 17 #3), by hand.  T-1 Build 5 d cost 3000 (Ann,
# 800 a day, 6 h booked on 01-06: 600), started 01-05, 50%; T-2 Test 5 d
# cost 1000.  budget.csv: services 4000, licences 2000, labour 1500.
# Expenses: services 1000 on T-1, licences 2500 and services 300 without
# a task.  As of 01-07 (Wed) 3 of the 5 planned days have passed.
test_expect_success 'cost basis "tasks": budget.csv plans beyond the task costs, so AC is what the tasks cost' '
	new_project basis &&
	kam people add Ann --rate 800 >/dev/null &&
	kam task add Build --duration 5 --cost 3000 --assignee P-1 >/dev/null &&
	kam task add Test --duration 5 --cost 1000 >/dev/null &&
	kam task start T-1 --date 2026-01-05 >/dev/null &&
	kam task progress T-1 50 >/dev/null &&
	kam budget set services 4000 >/dev/null &&
	kam budget set licences 2000 >/dev/null &&
	kam budget set labour 1500 >/dev/null &&
	kam budget spend 1000 --category services --date 2026-01-06 --task T-1 a >/dev/null &&
	kam budget spend 2500 --category licences --date 2026-01-06 b >/dev/null &&
	kam budget spend 300 --category services --date 2026-01-07 c >/dev/null &&
	kam time log P-1 T-1 6 --date 2026-01-06 >/dev/null &&
	git config -f kam.conf project.contract-value 10000 &&
	git commit -q -am contract &&
	kam --today 2026-01-07 budget evm --format json >"$TRASH/out" &&
	echo "{\"as_of\":\"2026-01-07\",\"basis\":\"plan\",\"bac\":4000.00,\"pv\":2400.00,\"ev\":1500.00,\"ac\":1600.00,\"cv\":-100.00,\"sv\":-900.00,\"cpi\":0.938,\"spi\":0.625,\"eac\":4266.67,\"etc\":2666.67,\"vac\":-266.67,\"cost_basis\":\"tasks\",\"outside_ac\":2800.00}" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam --today 2026-01-07 budget evm | tail -n 1 >"$TRASH/out" &&
	echo "ac: what was spent on the tasks, expenses tied to a task and the labour; 2,800.00 CNY without a task is not in ac" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam --today 2026-01-07 budget margin --format json >"$TRASH/out" &&
	echo "{\"as_of\":\"2026-01-07\",\"contract_value\":10000.00,\"invoiced\":0.00,\"paid\":0.00,\"outstanding\":0.00,\"expenses\":3800.00,\"labour\":600.00,\"unrated_hours\":0,\"actual_cost\":4400.00,\"bac\":7500.00,\"eac\":7766.67,\"planned_margin\":2500.00,\"forecast_margin\":2233.33,\"margin_pct\":22.33}" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam --today 2026-01-07 report weekly >"$TRASH/out" &&
	grep -q "^Actual cost (AC) counts what was spent on the tasks: expenses tied to a task and the labour booked; 2,800.00 CNY spent without a task is outside it.\$" "$TRASH/out" &&
	kam --today 2026-01-07 status >"$TRASH/out" 2>&1 ;
	grep -q "^commercial  *green  contract 10,000.00 CNY, invoiced 0.00 CNY, paid 0.00 CNY; forecast margin 2,233.33 CNY (22.33%)\$" "$TRASH/out"
'

# services + labour lines 5500 spread by cost: T-1 4125, T-2 1375; AC
# 1000 + 600 on T-1 and 300 of services without a task; licences 2500
# outside.  EAC = 5500 x 1900 / 2062.50 = 5066.67; the margin adds the
# licences at the larger of plan (2000) and actual (2500).
test_expect_success 'cost basis of budget.evm-categories: their lines make BAC, only they count in AC' '
	cd "$TRASH/basis" &&
	git config -f kam.conf budget.evm-categories "services  labour" &&
	git commit -q -am basis &&
	kam --today 2026-01-07 budget evm --format json >"$TRASH/out" &&
	echo "{\"as_of\":\"2026-01-07\",\"basis\":\"plan\",\"bac\":5500.00,\"pv\":3300.00,\"ev\":2062.50,\"ac\":1900.00,\"cv\":162.50,\"sv\":-1237.50,\"cpi\":1.086,\"spi\":0.625,\"eac\":5066.67,\"etc\":3166.67,\"vac\":433.33,\"cost_basis\":\"services labour\",\"outside_ac\":2500.00}" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam --today 2026-01-07 budget evm --by task --format csv >"$TRASH/out" &&
	grep -q "^\"T-1\",\"Build\",\"4125.00\",\"2475.00\",\"2062.50\",\"1600.00\"," "$TRASH/out" &&
	grep -q "^\"T-2\",\"Test\",\"1375.00\",\"825.00\",\"0.00\",\"0.00\"," "$TRASH/out" &&
	! grep -q "without a task" "$TRASH/out" &&
	kam --today 2026-01-07 budget evm --by task --format json >"$TRASH/out" &&
	grep -q "^\"without_task\":{\"bac\":0.00,\"pv\":0.00,\"ev\":0.00,\"ac\":300.00," "$TRASH/out" &&
	kam --today 2026-01-07 budget margin --format json >"$TRASH/out" &&
	grep -q "\"actual_cost\":4400.00,\"bac\":7500.00,\"eac\":7566.67,\"planned_margin\":2500.00,\"forecast_margin\":2433.33,\"margin_pct\":24.33}" "$TRASH/out" &&
	kam --today 2026-01-07 report weekly >"$TRASH/out" &&
	grep -q "^Actual cost (AC) counts the categories services labour, whose budget lines make BAC; 2,500.00 CNY spent in other categories is outside it.\$" "$TRASH/out" &&
	git config -f kam.conf budget.evm-categories "services" &&
	kam --today 2026-01-07 budget evm --format json >"$TRASH/out" &&
	grep -q "\"bac\":4000.00,.*\"ac\":1300.00,.*\"cost_basis\":\"services\",\"outside_ac\":3100.00}" "$TRASH/out" &&
	git config -f kam.conf budget.evm-categories " " &&
	test_expect_code 65 kam budget evm 2>"$TRASH/err" &&
	grep -q "budget.evm-categories: expected expense categories" "$TRASH/err" &&
	git checkout -q kam.conf
'

# As of a past date (issue 17 #2): commits dated by GIT_COMMITTER_DATE.
# T-1 Build 10 d 10000 from 09-01 (Tue) to 09-14; T-2 Test 5 d 5000
# after it.  On 09-08 T-1 was 40% done; it finished on 09-14, T-2
# started on 09-15 and was 50% on 09-17.  As of 09-10: EV 10000 x 40% =
# 4000; PV 8 of 10 days of T-1 = 8000; AC the 3000 + 2000 spent by
# then; CPI 0.800, SPI 0.500, EAC 15000 x 5000 / 4000 = 18750.
test_expect_success 'evm --today D: progress from the history at D, expenses dated up to D' '
	at () {
		GIT_AUTHOR_DATE="$(date -u -d "$1 12:00" +%s) +0000" &&
		GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE" && KAM_TODAY=$1 &&
		export GIT_AUTHOR_DATE GIT_COMMITTER_DATE KAM_TODAY
	} &&
	rm -rf "$TRASH/asof" && mkdir "$TRASH/asof" && cd "$TRASH/asof" &&
	at 2026-09-01 &&
	kam init --start 2026-09-01 --currency CNY >/dev/null &&
	kam task add Build --duration 10 --cost 10000 >/dev/null &&
	kam task add Test --duration 5 --after T-1 --cost 5000 >/dev/null &&
	kam task start T-1 --date 2026-09-01 >/dev/null &&
	kam budget spend 3000 --category services --date 2026-09-01 --task T-1 x >/dev/null &&
	at 2026-09-08 && kam task progress T-1 40 >/dev/null &&
	kam budget spend 2000 --category services --date 2026-09-08 --task T-1 y >/dev/null &&
	at 2026-09-14 && kam task done T-1 --date 2026-09-14 >/dev/null &&
	at 2026-09-15 && kam task start T-2 --date 2026-09-15 >/dev/null &&
	kam budget spend 1000 --category services --date 2026-09-15 --task T-2 z >/dev/null &&
	at 2026-09-17 && kam task progress T-2 50 >/dev/null &&
	at 2026-09-30 &&
	kam budget evm --today 2026-09-10 --format json >"$TRASH/out" &&
	echo "{\"as_of\":\"2026-09-10\",\"basis\":\"plan\",\"bac\":15000.00,\"pv\":8000.00,\"ev\":4000.00,\"ac\":5000.00,\"cv\":-1000.00,\"sv\":-4000.00,\"cpi\":0.800,\"spi\":0.500,\"eac\":18750.00,\"etc\":13750.00,\"vac\":-3750.00,\"cost_basis\":\"all\",\"outside_ac\":0.00}" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam budget evm --today 2026-09-30 --format json >"$TRASH/out" &&
	grep -q "\"pv\":15000.00,\"ev\":12500.00,\"ac\":6000.00," "$TRASH/out" &&
	kam budget evm --today 2026-08-31 --format json >"$TRASH/out" &&
	grep -q "\"pv\":0.00,\"ev\":0.00,\"ac\":0.00," "$TRASH/out" &&
	git status --porcelain >"$TRASH/st" && test ! -s "$TRASH/st"
'

# Entered afterwards (every commit on 09-20): no history at 09-10, so the
# dated facts decide: T-1 finished 09-14 is unfinished on 09-10, its
# progress 8 of its 10 working days = 80%: EV 8000; T-2 (started 09-15)
# not started.
test_expect_success 'evm --today D without history at D: starts and finishes after D did not happen' '
	GIT_AUTHOR_DATE="$(date -u -d "2026-09-20 12:00" +%s) +0000" &&
	GIT_COMMITTER_DATE="$GIT_AUTHOR_DATE" && KAM_TODAY=2026-09-20 &&
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE KAM_TODAY &&
	rm -rf "$TRASH/late" && mkdir "$TRASH/late" && cd "$TRASH/late" &&
	kam init --start 2026-09-01 --currency CNY >/dev/null &&
	kam task add Build --duration 10 --cost 10000 >/dev/null &&
	kam task add Test --duration 5 --after T-1 --cost 5000 >/dev/null &&
	kam task start T-1 --date 2026-09-01 >/dev/null &&
	kam task done T-1 --date 2026-09-14 >/dev/null &&
	kam task start T-2 --date 2026-09-15 >/dev/null &&
	kam task progress T-2 50 >/dev/null &&
	kam budget evm --today 2026-09-10 --by task --format csv >"$TRASH/out" &&
	grep -q "^\"T-1\",\"Build\",\"10000.00\",\"8000.00\",\"8000.00\"," "$TRASH/out" &&
	grep -q "^\"T-2\",\"Test\",\"5000.00\",\"0.00\",\"0.00\"," "$TRASH/out" &&
	kam budget evm --format csv >"$TRASH/out" &&
	grep -q "^\"2026-09-20\",\"plan\",\"15000.00\",\"14000.00\",\"12500.00\"," "$TRASH/out"
'

test_expect_success 'the report states the cost basis in the client'"'"'s language (project.language = zh)' '
	cd "$TRASH/basis" &&
	git config -f kam.conf project.language zh &&
	git config -f kam.conf --unset budget.evm-categories &&
	kam --today 2026-01-07 report weekly >"$TRASH/out" &&
	grep -q "^实际成本（AC）只计入用于任务的支出：关联任务的费用和已登记的人工；未关联任务的支出 2,800.00 CNY 不计入。\$" "$TRASH/out" &&
	git checkout -q kam.conf
'

test_done
