#!/bin/sh
# t5000: kam budget set: the planned budget per category in budget.csv,
# canonical amounts, removal with 0 or --remove, one commit each.
test_description='kam budget set'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# refused CODE args...: exit CODE, nothing on stdout, no commit, no change.
refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cat budget.csv >"$TRASH/budget.before" &&
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/budget.before" budget.csv
}

test_expect_success 'setup' '
	new_project &&
	echo "category,amount" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" budget.csv
'

test_expect_success 'set adds a line, canonical amount, one commit' '
	cd "$P" &&
	kam budget set travel 25000 >"$TRASH/out" &&
	test ! -s "$TRASH/out" &&
	echo "kam: budget set travel: 25000.00" >"$TRASH/expect" &&
	git log -1 --format=%s >"$TRASH/actual" &&
	test_cmp "$TRASH/expect" "$TRASH/actual" &&
	git show --name-only --format= HEAD >"$TRASH/files" &&
	echo budget.csv >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/files" &&
	git status --porcelain >"$TRASH/st" && test ! -s "$TRASH/st"
'

test_expect_success 'lines are sorted by category, CJK and spaces kept' '
	cd "$P" &&
	kam budget set labour 480000.5 &&
	kam budget set "外包 服务" 1.05 &&
	kam budget set "data migration" 0.01 &&
	cat >expect <<-\EOF &&
	category,amount
	data migration,0.01
	labour,480000.50
	travel,25000.00
	外包 服务,1.05
	EOF
	test_cmp expect budget.csv
'

test_expect_success 'set changes an existing line; the same amount changes nothing (1, no commit)' '
	cd "$P" &&
	kam budget set travel 30000.00 &&
	grep "^travel,30000.00\$" budget.csv &&
	n=$(git rev-list --count HEAD) &&
	test_expect_code 1 kam budget set travel 30000 2>"$TRASH/err" &&
	grep "nothing to change" "$TRASH/err" &&
	test "$(git rev-list --count HEAD)" = "$n"
'

test_expect_success 'set 0 removes the line' '
	cd "$P" &&
	kam budget set "data migration" 0 &&
	! grep "^data migration," budget.csv &&
	echo "kam: budget set data migration: removed" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual
'

test_expect_success '--remove removes the line' '
	cd "$P" &&
	kam budget set --remove "外包 服务" &&
	cat >expect <<-\EOF &&
	category,amount
	labour,480000.50
	travel,30000.00
	EOF
	test_cmp expect budget.csv
'

test_expect_success 'refusals: usage (64)' '
	cd "$P" &&
	refused 64 budget set &&
	refused 64 budget set travel &&
	refused 64 budget set travel 1 2 &&
	refused 64 budget set --remove travel 5 &&
	refused 64 budget set travel -5 &&
	refused 64 budget set travel 1.234 &&
	refused 64 budget set travel 1,5 &&
	refused 64 budget set travel "" &&
	refused 64 budget set travel 1e3 &&
	refused 64 budget set "" 5 &&
	refused 64 budget set " travel" 5 &&
	refused 64 budget set "travel " 5 &&
	refused 64 budget set "$(printf "a\tb")" 5 &&
	refused 64 budget set travel 92233720368547758.08 &&
	refused 64 budget set --bogus travel 5
'

test_expect_success 'refusals: removing a line that is not there (65)' '
	cd "$P" &&
	refused 65 budget set --remove hardware &&
	grep "no line for category .hardware." "$TRASH/err" &&
	refused 65 budget set hardware 0
'

test_expect_success 'the largest amount is kept exactly' '
	cd "$P" &&
	kam budget set contingency 92233720368547758.07 &&
	grep "^contingency,92233720368547758.07\$" budget.csv
'

test_expect_success 'an uncommitted hand edit of budget.csv is refused (78)' '
	cd "$P" &&
	echo "hardware,10.00" >>budget.csv &&
	git rev-parse HEAD >before &&
	test_expect_code 78 kam budget set travel 1 2>err &&
	git rev-parse HEAD >after && test_cmp before after &&
	grep "^hardware,10.00\$" budget.csv &&
	git checkout -- budget.csv
'

test_expect_success '--no-commit writes the file only' '
	cd "$P" &&
	git rev-parse HEAD >before &&
	kam --no-commit budget set travel 31000 &&
	git rev-parse HEAD >after && test_cmp before after &&
	grep "^travel,31000.00\$" budget.csv &&
	git checkout -- budget.csv
'

test_done
