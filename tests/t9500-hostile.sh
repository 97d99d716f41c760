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

# --- 3. values kam writes must read back: refuse (65), nothing changed

test_expect_success 'the id after R-999999999 is refused, nothing changed' '
	new_project v1 &&
	kam risk add first -p 1 -i 1 &&
	sed "s/^R-1,/R-999999999,/" risks.csv >r && mv r risks.csv &&
	kam commit -m "big id" &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam risk add second -p 1 -i 1 2>err &&
	grep "risks.csv" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git diff --exit-code &&
	kam risk list
'

test_expect_success 'a baseline past 2999 is refused, nothing changed' '
	new_project v2 &&
	kam task add Long --duration 10 &&
	kam task start T-1 --date 2999-12-30 &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam plan baseline 2>err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git diff --exit-code &&
	kam task list
'

test_expect_success 'a plan running past 2999-12-31 is 65, not a date kam cannot read' '
	new_project v3 &&
	kam task add T1 --duration 9999 &&
	for i in $(seq 2 30); do
		kam task add "T$i" --duration 9999 --after "T-$((i - 1))" ||
		    return 1
	done &&
	test_expect_code 65 kam plan 2>err &&
	grep "2999-12-31" err
'

test_expect_success 'a spend whose category sum overflows is refused' '
	new_project v4 &&
	kam budget set Big 1 &&
	kam budget spend 92233720368547758.07 --category Big x &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam budget spend 92233720368547758.07 --category Big y 2>err &&
	grep "money range" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test_expect_code 65 kam budget spend 92233720368547758.07 --category Other z &&
	test "$(git rev-parse HEAD)" = "$head" &&
	kam budget audit
'

test_expect_success 'kam commit of a digits change that contradicts budget.csv is 65' '
	new_project v5 &&
	kam budget set Travel 12.50 &&
	head=$(git rev-parse HEAD) &&
	git config -f kam.conf project.digits 0 &&
	test_expect_code 65 kam commit -m digits 2>err &&
	grep "budget.csv" err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'a write taking a table over 64 MiB is refused' '
	new_project v6 &&
	kam risk add first -p 1 -i 1 &&
	python3 -c "
import sys
with open(\"risks.csv\") as f: lines=f.read().splitlines()
hdr, row = lines[0], lines[1]
out=[hdr]
size=len(hdr)+1
i=2
while size < (64<<20) - 100000:
    r=row.replace(\"R-1,\", \"R-%d,\" % i, 1)
    t=r.split(\",\"); t[1]=\"x\"*4000; r=\",\".join(t)
    out.append(r); size += len(r)+1; i+=1
open(\"risks.csv\",\"w\").write(\"\\n\".join(out)+\"\\n\")
" &&
	kam commit -m big &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam risk add "$(head -c 131000 /dev/zero | tr "\\0" t)" \
	    -p 1 -i 1 2>err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git diff --exit-code --stat
'

# --- 4. expenses/ guarded like meetings/

test_expect_success 'a symlink expenses is refused (78) by every command' '
	new_project e1 &&
	kam budget set Travel 5 &&
	kam budget spend 1.00 --category Travel --date 2026-01-05 x &&
	mkdir ../outside && cp -r expenses/. ../outside/ &&
	git rm -rq expenses && git commit -qm gone &&
	ln -s ../outside expenses &&
	for c in "budget list" check "budget audit" status; do
		test_expect_code 78 kam $c >/dev/null 2>err &&
		grep "symlink .expenses." err || return 1
	done &&
	test_expect_code 78 kam budget spend 1.00 --category Travel x
'

test_expect_success 'a regular file named expenses is refused (78), not read as no expenses' '
	new_project e2 &&
	kam budget set Travel 5 &&
	kam budget spend 1.00 --category Travel --date 2026-01-05 x &&
	rm -r expenses && echo junk >expenses &&
	for c in "budget list" check "budget audit"; do
		test_expect_code 78 kam $c >/dev/null 2>err &&
		grep "expenses. is not a directory" err || return 1
	done
'

test_expect_success 'a regular file named meetings is refused (78) too' '
	new_project e3 &&
	echo junk >meetings &&
	test_expect_code 78 kam meeting list 2>err &&
	grep "meetings. is not a directory" err
'

# --- 6. wide headers: linear duplicate check and a column limit

test_expect_success 'a risks.csv with 100000 columns is a quick, clear 65' '
	new_project w1 &&
	kam risk add first -p 1 -i 1 &&
	python3 -c "
h=open(\"risks.csv\").readline().rstrip(\"\\n\")
print(h + \"\".join(\",x%d\" % i for i in range(100000)))
" >wide && mv wide risks.csv &&
	start=$(date +%s) &&
	test_expect_code 65 kam risk list 2>err &&
	test $(($(date +%s) - start)) -le 2 &&
	grep "risks.csv:1: 100[0-9]* columns; kam reads at most 1024" err
'

test_expect_success 'a duplicate among many columns is found, with its name' '
	new_project w2 &&
	python3 -c "
h=open(\"risks.csv\").readline().rstrip(\"\\n\")
print(h + \"\".join(\",x%d\" % i for i in range(900)) + \",x17\")
" >wide && mv wide risks.csv &&
	test_expect_code 65 kam risk list 2>err &&
	grep "risks.csv:1: duplicate column .x17." err
'

# --- 7. smaller ones

test_expect_success 'control bytes in titles and -m are escaped in the commit' '
	new_project s1 &&
	kam risk add "$(printf "a\033[2Jb\007")" -p 1 -i 1 \
	    -m "$(printf "line one\033x\n\tline two")" &&
	git log -1 --format=%B >msg &&
	! grep "$(printf "\033")" msg &&
	! grep "$(printf "\007")" msg &&
	grep "a\\\\x1b\[2Jb\\\\x07" msg &&
	grep "line one\\\\x1bx" msg &&
	grep "$(printf "^\tline two")" msg
'

test_expect_success 'a whitespace-only title is refused (64)' '
	new_project s2 &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 64 kam risk add "   " -p 1 -i 1 2>err &&
	grep "must not be blank" err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'a negative amount as an option says to use --, and works after --' '
	new_project s3 &&
	kam budget set x 10 &&
	kam budget spend --category x --date 2026-01-05 -- -5 refund >id &&
	grep "^E-1$" id &&
	grep "^E-1,2026-01-05,x,-5.00,refund" expenses/2026-01.csv &&
	test_expect_code 64 kam budget set x -5 2>err &&
	grep "looks like a negative number: put it after .--." err
'

test_done
