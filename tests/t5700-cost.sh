#!/bin/sh
# t5700: cost from effort and the margin (issue 16): earned value's AC is
# the expenses plus the hours booked x the day rate / hours-per-day
# (rates that do not divide evenly, quarter hours, a person on two tasks
# the same day), kam budget audit gets a labour line, a project without
# timesheets is unchanged; kam budget margin with exact money.
test_description='labour cost and margin'
. "$(dirname "$0")/lib.sh"

# The value of field $1 of `kam budget margin --format json`.
field () {
	kam budget margin --format json | sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"
}

test_expect_success 'setup: rates 1000 and 333.33 a day, two tasks, one expense' '
	new_project &&
	kam people add Ann --rate 1000 >/dev/null &&
	kam people add Bo --rate 333.33 >/dev/null &&
	kam people add Cy >/dev/null &&
	kam task add Build --duration 3 --cost 10000 >/dev/null &&
	kam task add Test --duration 2 --cost 5000 >/dev/null &&
	kam task start T-1 --date 2026-11-02 >/dev/null &&
	kam task progress T-1 50 >/dev/null &&
	kam budget spend 100 --category travel --task T-1 --date 2026-11-03 taxi >/dev/null &&
	kam budget set travel 500 >/dev/null
'

test_expect_success 'without timesheets: AC is the expenses, the audit has no labour line' '
	cd proj &&
	kam budget evm --format csv >../out &&
	grep -q "^\"2026-11-27\",\"plan\",\"15000.00\",\"15000.00\",\"5000.00\",\"100.00\"," ../out &&
	kam budget audit --format csv >../out &&
	! grep -q labour ../out &&
	kam budget audit --format csv >../before
'

test_expect_success 'bookings: quarter hours, two tasks the same day, a person without a rate' '
	cd proj &&
	kam time log P-1 T-1 6.5 >/dev/null &&
	kam time log P-2 T-1 1.25 >/dev/null &&
	kam time log P-2 T-2 7.75 >/dev/null &&
	kam time log P-3 T-2 8 >/dev/null
'

# Ann T-1: 6.5 x 1000 / 8 = 812.50; Bo T-1: 1.25 x 333.33 / 8 =
# 52.0828125 -> 52.08; Bo T-2: 7.75 x 333.33 / 8 = 322.9134375 -> 322.91;
# Cy has no rate: 0.
test_expect_success 'evm: AC per task is expenses + labour, exact to the minor unit' '
	cd proj &&
	kam budget evm --by task --format csv >../out &&
	grep -q "^\"T-1\",\"Build\",\"10000.00\",\"10000.00\",\"5000.00\",\"964.58\"," ../out &&
	grep -q "^\"T-2\",\"Test\",\"5000.00\",\"5000.00\",\"0.00\",\"322.91\"," ../out &&
	! grep -q "^\"\"," ../out &&
	kam budget evm --by task --format json >../out &&
	grep -q "^\"total\":{\"bac\":15000.00,\"pv\":15000.00,\"ev\":5000.00,\"ac\":1287.49," ../out
'

test_expect_success 'audit: a labour line beside the expense categories, in the total' '
	cd proj &&
	kam budget audit >../out &&
	cat >../expect <<-\EOF &&
	category     planned        actual       variance  used_pct  status     count
	travel    500.00 CNY    100.00 CNY     400.00 CNY     20.00  ok             1
	labour      0.00 CNY  1,187.49 CNY  -1,187.49 CNY         -  unplanned      4
	total     500.00 CNY  1,287.49 CNY    -787.49 CNY    257.50  over           5
	EOF
	test_cmp ../expect ../out &&
	kam budget set labour 2000 >/dev/null &&
	kam budget audit --format csv >../out &&
	grep -q "^\"labour\",\"2000.00\",\"1187.49\",\"812.51\",\"59.37\",\"ok\",\"4\"" ../out &&
	kam budget audit --from 2026-11-28 --format csv >../out &&
	grep -q "^\"labour\",\"2000.00\",\"0.00\",\"2000.00\",\"0.00\",\"ok\",\"0\"" ../out &&
	kam budget audit --by month --format csv >../out &&
	grep -q "^\"2026-11\",\"5\",\"1287.49\",\"1287.49\",\"1212.51\"," ../out
'

test_expect_success 'check judges the labour line as budget audit shows it' '
	cd proj &&
	kam budget set labour 1000 >/dev/null &&
	test_expect_code 1 kam check >../out &&
	grep -q "budget-overrun: labour: " ../out &&
	kam budget set labour 2000 >/dev/null &&
	test_expect_code 1 kam check >../out &&
	! grep -q "budget-overrun: labour" ../out
'

test_expect_success 'margin without a contract value: costs, no margin' '
	cd proj &&
	test "$(field expenses)" = 100.00 &&
	test "$(field labour)" = 1187.49 &&
	test "$(field unrated_hours)" = 8 &&
	test "$(field actual_cost)" = 1287.49 &&
	test "$(field bac)" = 15000.00 &&
	test "$(field eac)" = 3862.47 &&
	test "$(field contract_value)" = null &&
	test "$(field forecast_margin)" = null &&
	kam budget margin | grep -q "no project.contract-value"
'

# EAC = BAC x AC / EV = 15000 x 1287.49 / 5000 = 3862.47.
test_expect_success 'margin: contract, billing, planned and forecast margin, margin %' '
	cd proj &&
	printf "[project]\n\tcontract-value = 20000\n" >>kam.conf &&
	git commit -q -am "contract" &&
	kam bill add Down 5000 >/dev/null &&
	kam bill add Final 15000 >/dev/null &&
	kam bill invoice B-1 --date 2026-11-02 >/dev/null &&
	kam bill invoice B-2 >/dev/null &&
	kam bill paid B-1 >/dev/null &&
	kam budget margin --format json >../out &&
	echo "{\"as_of\":\"2026-11-27\",\"contract_value\":20000.00,\"invoiced\":20000.00,\"paid\":5000.00,\"outstanding\":15000.00,\"expenses\":100.00,\"labour\":1187.49,\"unrated_hours\":8,\"actual_cost\":1287.49,\"bac\":15000.00,\"eac\":3862.47,\"planned_margin\":5000.00,\"forecast_margin\":16137.53,\"margin_pct\":80.69}" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'the weekly and final reports and kam status show the margin' '
	cd proj &&
	kam report weekly >../out &&
	grep -q "^- Contract value: 20,000.00 CNY\$" ../out &&
	grep -q "^- Invoiced: 20,000.00 CNY; paid: 5,000.00 CNY; outstanding: 15,000.00 CNY\$" ../out &&
	grep -q "^- Actual cost: 1,287.49 CNY (expenses 100.00 CNY, labour 1,187.49 CNY)\$" ../out &&
	grep -q "^- Estimate at completion: 3,862.47 CNY; forecast margin: \*\*16,137.53 CNY\*\* (80.69%)\$" ../out &&
	kam report final >../out &&
	grep -q "forecast margin: \*\*16,137.53 CNY\*\* (80.69%)" ../out &&
	kam status >../out &&
	grep -q "^commercial *green *contract 20,000.00 CNY, invoiced 20,000.00 CNY, paid 5,000.00 CNY; forecast margin 16,137.53 CNY (80.69%)" ../out
'

test_expect_success 'margin around zero: contract = EAC is 0.00, below it negative' '
	cd proj &&
	printf "[project]\n\tcontract-value = 3862.47\n" >>kam.conf &&
	test "$(field forecast_margin)" = 0.00 &&
	test "$(field margin_pct)" = 0.00 &&
	git checkout -q kam.conf &&
	printf "[project]\n\tcontract-value = 3862.46\n" >>kam.conf &&
	test "$(field forecast_margin)" = -0.01 &&
	test "$(field margin_pct)" = 0.00 &&
	git checkout -q kam.conf &&
	printf "[project]\n\tcontract-value = 3000\n" >>kam.conf &&
	test "$(field forecast_margin)" = -862.47 &&
	test "$(field margin_pct)" = -28.75 &&
	git checkout -q kam.conf &&
	printf "[project]\n\tcontract-value = 0\n" >>kam.conf &&
	test "$(field margin_pct)" = null &&
	git checkout -q kam.conf
'

test_expect_success 'margin before any earned value: no EAC, no forecast' '
	cd proj &&
	kam task progress T-1 0 >/dev/null &&
	test "$(field eac)" = null &&
	test "$(field forecast_margin)" = null &&
	test "$(field planned_margin)" = 5000.00 &&
	kam budget margin --format csv >../out &&
	grep -q "\"planned_margin\"" ../out
'

test_expect_success 'a bad rate is invalid data everywhere it is used' '
	cd proj &&
	test_expect_code 64 kam budget margin extra &&
	sed -i "s/,333.33,/,33.333,/" people.csv &&
	test_expect_code 65 kam budget evm 2>../err &&
	git checkout -q people.csv
'

# Labour without a labour line (issue 16): the schedule plans it, each
# task's days x its assignee's day rate: Build 3 d x 1000 + Test 2 d x
# 333.33 = 3666.66; booked Ann 8 h = 1000.00, Bo 6 h x 333.33 / 8 =
# 249.9975 -> 250.00; used 1250 / 3666.66 = 34.09%; total plan 500 +
# 3666.66.
test_expect_success 'labour without a budget line is planned from the schedule, not red as unplanned' '
	new_project sched &&
	kam people add Ann --rate 1000 >/dev/null &&
	kam people add Bo --rate 333.33 >/dev/null &&
	kam task add Build --duration 3 --assignee P-1 >/dev/null &&
	kam task add Test --duration 2 --assignee P-2 >/dev/null &&
	kam task add Done --duration 0 >/dev/null &&
	kam budget set travel 500 >/dev/null &&
	kam budget spend 100 --category travel --date 2026-11-03 taxi >/dev/null &&
	kam time log P-1 T-1 8 --date 2026-11-02 >/dev/null &&
	kam time log P-2 T-2 6 --date 2026-11-02 >/dev/null &&
	kam budget audit >../out &&
	cat >../expect <<-\EOF &&
	category       planned        actual      variance  used_pct  status  count
	travel      500.00 CNY    100.00 CNY    400.00 CNY     20.00  ok          1
	labour    3,666.66 CNY  1,250.00 CNY  2,416.66 CNY     34.09  ok          2
	total     4,166.66 CNY  1,350.00 CNY  2,816.66 CNY     32.40  ok          3

	labour planned from the schedule: each task'"'"'s days x its assignee'"'"'s day rate (no labour line in budget.csv)
	EOF
	test_cmp ../expect ../out &&
	kam check >../out 2>&1 ;
	! grep -q "budget-overrun\|budget-warn" ../out &&
	kam budget set labour 1000 >/dev/null &&
	kam budget audit --format csv >../out &&
	grep -q "^\"labour\",\"1000.00\",\"1250.00\",\"-250.00\",\"125.00\",\"over\",\"2\"" ../out &&
	kam check >../out 2>&1 ;
	grep -q "red: budget-overrun: labour: 1,250.00 CNY spent of 1,000.00 CNY planned (125.00%)" ../out
'

test_done
