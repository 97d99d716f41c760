#!/bin/sh
# t4400: the scheduler at scale through the command line: a chain of
# 100,000 tasks (no recursion: this runs under ASan in `make check`), a
# cycle through all of them, and adding a dependency that would close it.
test_description='kam plan on 100,000 chained tasks'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

test_expect_success 'setup: 100,000 tasks, each after the one before' '
	new_project &&
	awk "BEGIN {
		print \"id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish\"
		print \"T-1,step 1,1,,,,,,,,,,\"
		for (i = 2; i <= 100000; i++)
			printf \"T-%d,step %d,1,T-%d,,,,,,,,,\n\", i, i, i - 1
	}" >tasks.csv &&
	git add tasks.csv && git commit -q -m "a long chain"
'

# Day 99,999 on a Monday-Friday calendar from Monday 2026-01-05:
# 19,999 whole weeks and 4 days later, a Friday.
test_expect_success 'plan --summary: finish 100,000 working days later' '
	cd "$P" &&
	kam --today 2026-01-05 plan --summary --format json >out &&
	want=$(python3 -c "import datetime as d; print(d.date(2026,1,5) + d.timedelta(days=19999 * 7 + 4))") &&
	grep -q "\"finish\":\"$want\",\"duration\":100000," out
'

test_expect_success 'plan --format json: 100,000 records and the summary, all critical' '
	cd "$P" &&
	kam --today 2026-01-05 plan --format json >out &&
	test "$(grep -c "\"critical\":true" out)" = 100000 &&
	python3 -c "import json,sys; a=json.load(open(sys.argv[1])); assert len(a[\"records\"]) == 100000 and a[\"total\"][\"tasks\"] == 100000" out
'

test_expect_success 'a dependency closing a 100,000-task cycle is refused' '
	cd "$P" &&
	git rev-parse HEAD >before &&
	test_expect_code 65 kam task set T-1 --after T-100000 2>err &&
	grep -q "^kam: dependency cycle: T-1 -> T-100000 -> T-99999 -> T-99998 -> T-99997 -> ... -> T-6 -> T-5 -> T-4 -> T-3 -> T-2 -> T-1 (100000 tasks)\$" err &&
	git rev-parse HEAD >after && test_cmp before after
'

test_expect_success 'the same cycle in the file is found and named' '
	cd "$P" &&
	sed "s/^T-1,step 1,1,,/T-1,step 1,1,T-100000,/" tasks.csv >t &&
	mv t tasks.csv &&
	test_expect_code 65 kam plan 2>err &&
	grep -q "^kam: tasks.csv:2: dependency cycle: T-1 -> T-100000 -> .* (100000 tasks)\$" err
'

test_done
