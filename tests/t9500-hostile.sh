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

test_done
