#!/bin/sh
# t5200: kam budget list: expenses of every month file, filtered by
# category, date range and task, in every output format.
test_description='kam budget list'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

test_expect_success 'setup' '
	new_project &&
	kam task add "Design" --duration 5 >/dev/null &&
	kam task add "Build" --duration 5 >/dev/null &&
	kam budget spend 100 --category travel --date 2026-01-05 --task T-1 "Train" >/dev/null &&
	kam budget spend 250.5 --category labour --date 2026-02-10 --task T-2 --ref INV-7 "Contractor, week 6" >/dev/null &&
	kam budget spend -20 --category travel --date 2026-02-28 "Refund" >/dev/null &&
	kam budget spend 9.99 --category "软件" --date 2026-03-01 --task T-1 "Licence" >/dev/null
'

test_expect_success 'list: every expense, month by month' '
	cd "$P" &&
	kam budget list --format csv >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	"id","date","category","amount","description","ref","task"
	"E-1","2026-01-05","travel","100.00","Train","","T-1"
	"E-2","2026-02-10","labour","250.50","Contractor, week 6","INV-7","T-2"
	"E-3","2026-02-28","travel","-20.00","Refund","",""
	"E-4","2026-03-01","软件","9.99","Licence","","T-1"
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'list --format json: money as numbers, unset as null' '
	cd "$P" &&
	kam budget list --format json --category travel >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	[
	{"id":"E-1","date":"2026-01-05","category":"travel","amount":100.00,"description":"Train","ref":null,"task":"T-1"},
	{"id":"E-3","date":"2026-02-28","category":"travel","amount":-20.00,"description":"Refund","ref":null,"task":null}
	]
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'list --from/--to are inclusive' '
	cd "$P" &&
	kam budget list --from 2026-02-10 --to 2026-02-28 --format csv |
	    cut -d, -f1 >"$TRASH/out" &&
	printf "\"id\"\n\"E-2\"\n\"E-3\"\n" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'list --task, case-insensitive id' '
	cd "$P" &&
	kam budget list --task t-1 --format csv | cut -d, -f1 >"$TRASH/out" &&
	printf "\"id\"\n\"E-1\"\n\"E-4\"\n" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'list on a terminal-style table and Markdown' '
	cd "$P" &&
	kam budget list --category labour >"$TRASH/out" &&
	cat >"$TRASH/expect" <<-\EOF &&
	id   date        category      amount  description         ref    task
	E-2  2026-02-10  labour    250.50 CNY  Contractor, week 6  INV-7  T-2
	EOF
	test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam budget list --format md --category labour >"$TRASH/out" &&
	head -n 1 "$TRASH/out" | grep "^| id" &&
	grep "| E-2 " "$TRASH/out"
'

test_expect_success 'no match: an empty JSON array' '
	cd "$P" &&
	kam budget list --format json --category none >"$TRASH/out" &&
	echo "[]" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'a project without expenses lists nothing' '
	new_project empty &&
	kam budget list --format json >"$TRASH/out" &&
	echo "[]" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'usage errors (64)' '
	cd "$P" &&
	test_expect_code 64 kam budget list --from 2026-02-30 2>/dev/null &&
	test_expect_code 64 kam budget list --from 2026-03-01 --to 2026-02-01 2>/dev/null &&
	test_expect_code 64 kam budget list --task R-1 2>/dev/null &&
	test_expect_code 64 kam budget list extra 2>/dev/null
'

test_expect_success 'a bad row is invalid data, named by file:line (65)' '
	cd "$P" &&
	echo "E-9,2026-03-02,travel,1.001,x,," >>expenses/2026-03.csv &&
	test_expect_code 65 kam budget list 2>"$TRASH/err" >/dev/null &&
	grep "expenses/2026-03.csv:3: amount: invalid value .1.001." "$TRASH/err" &&
	git checkout -- expenses/2026-03.csv
'

test_expect_success 'an expense in the wrong month file is invalid data (65)' '
	cd "$P" &&
	echo "E-9,2026-04-02,travel,1.00,x,," >>expenses/2026-03.csv &&
	test_expect_code 65 kam budget list 2>"$TRASH/err" >/dev/null &&
	grep "expenses/2026-03.csv:3: date 2026-04-02 is not in 2026-03" "$TRASH/err" &&
	git checkout -- expenses/2026-03.csv
'

test_expect_success 'a file that is not a month file is ignored with a warning' '
	cd "$P" &&
	echo "notes" >expenses/README.txt &&
	kam budget list --format csv >"$TRASH/out" 2>"$TRASH/err" &&
	grep "warning: expenses/README.txt: not a month file" "$TRASH/err" &&
	test $(wc -l <"$TRASH/out") = 5 &&
	rm expenses/README.txt
'

test_expect_success 'CRLF and a BOM in a hand-edited month file are read' '
	cd "$P" &&
	printf "\357\273\277id,date,category,amount,description,ref,task\r\nE-20,2026-05-01,x,1.5,y,,\r\n" >expenses/2026-05.csv &&
	kam budget list --from 2026-05-01 --format csv >"$TRASH/out" &&
	grep "\"E-20\",\"2026-05-01\",\"x\",\"1.50\"" "$TRASH/out" &&
	rm expenses/2026-05.csv
'

test_done
