#!/bin/sh
# tests/t9500-hostile.sh: hostile input from issue 11.  Every finding is
# a value or file state that used to crash kam, or that a write accepted
# and committed although kam then refused to read it back.
test_description='hostile input: never write what kam cannot read back'
. "$(dirname "$0")/lib.sh"

# --- 1. kam.conf keys without a value

test_expect_success 'a holiday key without a value is 65 naming kam.conf:LINE' '
	new_project c1 &&
	printf "[calendar]\n\tholiday\n" >>kam.conf &&
	line=$(grep -n "^	holiday$" kam.conf | cut -d: -f1) &&
	for c in "risk list" check commit; do
		test_expect_code 65 kam $c 2>err &&
		grep "kam.conf:$line: .*holiday.* has no value" err || return 1
	done
'

test_expect_success 'any key without a value is refused, not only holiday' '
	new_project c2 &&
	printf "[project]\n\tstart\n[health]\n\tcsat-min\n[other]\n\tthing\n" >>kam.conf &&
	test_expect_code 65 kam risk list 2>err &&
	grep "kam.conf:[0-9]*: .*has no value" err
'

test_expect_success 'an [include] outside the project is refused (7)' '
	new_project c3 &&
	cp kam.conf kam.conf.orig &&
	printf "[include]\n\tpath = /etc/passwd\n" >>kam.conf &&
	test_expect_code 65 kam risk list 2>err &&
	grep "refusing to include ./etc/passwd." err &&
	cp kam.conf.orig kam.conf &&
	printf "[health]\n\tcsat-min = 5\n" >../outside.conf &&
	printf "[include]\n\tpath = ../outside.conf\n" >>kam.conf &&
	test_expect_code 65 kam risk list 2>err &&
	grep "refusing to include" err &&
	cp kam.conf.orig kam.conf &&
	ln -s ../outside.conf link.conf &&
	printf "[include]\n\tpath = link.conf\n" >>kam.conf &&
	test_expect_code 65 kam risk list 2>err &&
	grep "refusing to include" err &&
	cp kam.conf.orig kam.conf &&
	printf "[health]\n\tcsat-min = 5\n" >inside.conf &&
	printf "[include]\n\tpath = inside.conf\n" >>kam.conf &&
	kam risk list
'

# --- 2. conflict markers: one rule for reader, writer and merge driver

test_expect_success 'a text value with a marker line is refused (64), nothing changed' '
	new_project m1 &&
	head=$(git rev-parse HEAD) &&
	for m in "=======" "<<<<<<< x" ">>>>>>> y" "|||||||"; do
		test_expect_code 64 kam risk add "$(printf "a\n%s\nb" "$m")" \
		    -p 1 -i 1 2>err &&
		grep "conflict marker" err || return 1
	done &&
	test_expect_code 64 kam risk add "$(printf "a\r=======\rb")" \
	    -p 1 -i 1 &&
	test "$(git rev-parse HEAD)" = "$head" &&
	kam check
'

test_expect_success 'a value starting like a marker is written quoted and reads back' '
	new_project m2 &&
	kam budget set "<<<<<<< x" 5 &&
	kam risk add "======= ok" -p 1 -i 1 &&
	grep "^\"<<<<<<< x\",5.00" budget.csv &&
	kam budget audit >out &&
	grep "<<<<<<< x" out &&
	kam risk list >out &&
	grep "======= ok" out &&
	kam check
'

test_expect_success 'a marker after a bare CR is found, on its own line number' '
	new_project m3 &&
	kam budget set Travel 5 &&
	printf "category,amount\rTravel,1.00\r<<<<<<< x,1.00\r" >budget.csv &&
	test_expect_code 65 kam budget audit 2>err &&
	grep "budget.csv:3: unresolved merge conflict marker" err &&
	test_expect_code 65 kam commit -m x 2>err &&
	grep "budget.csv:3:" err
'

test_expect_success 'errors in a CR-only file name the right line' '
	new_project m4 &&
	kam budget set Travel 5 &&
	printf "category,amount\rTravel,1.00\rHotel,x\r" >budget.csv &&
	test_expect_code 65 kam budget audit 2>err &&
	grep "budget.csv:3" err
'

test_done
