#!/bin/sh
# t4300: kam team load: task-days per week or day against each person's
# capacity, over-allocation flagged with the tasks causing it, filters
# and output formats.
test_description='kam team load'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# Ann (50%) has A (Mon-Wed) and B (Mon-Tue) in parallel: 5 task-days
# against 2.5 days of capacity in the week of 2026-01-05.  Bob's C runs
# Thu 8 - Wed 14 across two weeks.  Carl is on the client side but has a
# task; Dora has only a milestone, which takes no time.
test_expect_success 'setup: people and parallel tasks' '
	new_project &&
	kam people add Ann --side team --capacity 50 >/dev/null &&
	kam people add Bob --side team >/dev/null &&
	kam people add Carl --side client >/dev/null &&
	kam people add Dora --side team >/dev/null &&
	kam task add A --duration 3 --assignee P-1 >/dev/null &&
	kam task add B --duration 2 --assignee P-1 >/dev/null &&
	kam task add C --duration 5 --after T-1 --assignee P-2 >/dev/null &&
	kam task add D --duration 1 --assignee P-3 >/dev/null &&
	kam task add M --milestone --after T-3 --assignee P-4 >/dev/null
'

test_expect_success 'team load by week' '
	cd "$P" &&
	kam --today 2026-01-02 team load >out &&
	cat >expect <<-\EOF &&
	person  name  period      period_end  workdays  capacity  assigned  load  over  tasks
	P-1     Ann   2026-01-05  2026-01-11         5      2.50         5  200%  OVER  T-1 T-2
	P-2     Bob   2026-01-05  2026-01-11         5      5.00         2   40%  -     T-3
	P-2     Bob   2026-01-12  2026-01-18         5      5.00         3   60%  -     T-3
	P-3     Carl  2026-01-05  2026-01-11         5      5.00         1   20%  -     T-4

	1 over-allocated week (above 100% of capacity): P-1
	EOF
	test_cmp expect out
'

test_expect_success 'team load by day for one person' '
	cd "$P" &&
	kam --today 2026-01-02 team load --by day --person p-1 >out &&
	cat >expect <<-\EOF &&
	person  name  period      period_end  workdays  capacity  assigned  load  over  tasks
	P-1     Ann   2026-01-05  2026-01-05         1      0.50         2  400%  OVER  T-1 T-2
	P-1     Ann   2026-01-06  2026-01-06         1      0.50         2  400%  OVER  T-1 T-2
	P-1     Ann   2026-01-07  2026-01-07         1      0.50         1  200%  OVER  T-1

	3 over-allocated days (above 100% of capacity): P-1
	EOF
	test_cmp expect out
'

test_expect_success 'team load --over --format json; a window in csv' '
	cd "$P" &&
	kam --today 2026-01-02 team load --over --format json >out &&
	cat >expect <<-\EOF &&
	[
	{"person":"P-1","name":"Ann","period":"2026-01-05","period_end":"2026-01-11","workdays":5,"capacity":2.50,"assigned":5,"load":200,"over":true,"tasks":["T-1","T-2"]}
	]
	EOF
	test_cmp expect out &&
	kam --today 2026-01-02 team load --from 2026-01-12 --to 2026-01-16 \
	    --format csv >out &&
	cat >expect <<-\EOF &&
	"person","name","period","period_end","workdays","capacity","assigned","load","over","tasks"
	"P-2","Bob","2026-01-12","2026-01-18","5","5.00","3","60","false","T-3"
	EOF
	test_cmp expect out
'

test_expect_success 'a holiday lowers the capacity of its week' '
	cd "$P" &&
	git config -f kam.conf --add calendar.holiday 2026-01-09 &&
	kam --today 2026-01-02 team load --person P-2 --format csv >out &&
	grep -q "^\"P-2\",\"Bob\",\"2026-01-05\",\"2026-01-11\",\"4\",\"4.00\",\"1\",\"25\",\"false\",\"T-3\"\$" out &&
	git checkout -q kam.conf
'

test_expect_success 'the schedule moves with today' '
	cd "$P" &&
	kam --today 2026-01-12 team load --person P-1 --format csv >out &&
	grep -q "^\"P-1\",\"Ann\",\"2026-01-12\",\"2026-01-18\",\"5\",\"2.50\",\"5\",\"200\",\"true\",\"T-1 T-2\"\$" out
'

test_expect_success 'team load: refusals' '
	cd "$P" &&
	test_expect_code 64 kam team load --by month 2>err &&
	echo "kam: --by: expected week or day, not '"'month'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 64 kam team load --person X-1 2>err &&
	test_expect_code 65 kam team load --person P-9 2>err &&
	echo "kam: person P-9 does not exist in people.csv" >expect &&
	test_cmp expect err &&
	test_expect_code 64 kam team load --from 2026-02-01 --to 2026-01-01 2>err &&
	test_expect_code 64 kam team 2>err
'

test_done
