#!/bin/sh
# t8605: kam import into the monthly tables (expenses, timesheets): each
# record goes to the file of its month, ids follow every month, a
# re-import changes records where they are (and moves one whose month
# changed), only the changed month files are rewritten, the 24-hour day
# holds, and whatever is written reads back (kam check, kam budget).
test_description='kam import expenses and timesheets'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"
export KAM_TODAY=2026-11-20

commits () {
	git rev-list --count HEAD
}

test_expect_success 'setup: a project with a task, people and two expenses' '
	new_project &&
	kam task add Build --duration 10 >/dev/null &&
	kam people add "Tom Team" --side team --email tom@team.example >/dev/null &&
	kam people add "Ann Lee" --side team >/dev/null &&
	kam budget spend 100 --category services --date 2026-10-03 Consult >/dev/null &&
	kam budget spend 1000.50 --category hw --date 2026-11-02 Laptop >/dev/null
'

test_expect_success 'import expenses: each in its month file, ids after E-2, one commit' '
	cd "$P" &&
	cat >exp.csv <<-\EOF &&
	Inv,Date,Category,Amount,Desc,Task
	A1,03/10/2026,licences,"1,200.00",Jira,
	A2,15/11/2026,travel,80.5,Trip,T-1
	A3,01/12/2026,travel,10,Taxi,
	EOF
	before=$(commits) &&
	kam import expenses exp.csv --key Inv --date-format %d/%m/%Y \
	    --thousands , --map description=Desc >out 2>err &&
	test $(commits) = $((before + 1)) &&
	cat >expect <<-\EOF &&
	table     added  changed  unchanged
	expenses      3        0          0
	EOF
	test_cmp expect out &&
	echo "kam: import 3 expenses from exp.csv" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	printf "expenses/2026-10.csv\nexpenses/2026-11.csv\nexpenses/2026-12.csv\n" >expect &&
	test_cmp expect files &&
	cat >expect <<-\EOF &&
	id,date,category,amount,description,ref,task
	E-1,2026-10-03,services,100.00,Consult,,
	E-3,2026-10-03,licences,1200.00,Jira,A1,
	EOF
	test_cmp expect expenses/2026-10.csv &&
	cat >expect <<-\EOF &&
	id,date,category,amount,description,ref,task
	E-2,2026-11-02,hw,1000.50,Laptop,,
	E-4,2026-11-15,travel,80.50,Trip,A2,T-1
	EOF
	test_cmp expect expenses/2026-11.csv &&
	cat >expect <<-\EOF &&
	id,date,category,amount,description,ref,task
	E-5,2026-12-01,travel,10.00,Taxi,A3,
	EOF
	test_cmp expect expenses/2026-12.csv &&
	git status --porcelain -uno >st && test ! -s st &&
	kam --format json budget list >list.json &&
	grep -c "\"id\":\"E-" list.json >n && echo 5 >expect && test_cmp expect n
'

test_expect_success 'kam budget spend after an import takes the next id' '
	cd "$P" &&
	kam budget spend 1 --category misc --date 2026-11-20 Pens >out &&
	echo E-6 >expect && test_cmp expect out &&
	tail -n 1 expenses/2026-11.csv >actual &&
	echo "E-6,2026-11-20,misc,1.00,Pens,," >expect && test_cmp expect actual
'

test_expect_success 're-import: one changed, one moved to another month, one new' '
	cd "$P" &&
	cat >exp2.csv <<-\EOF &&
	Inv,Date,Category,Amount,Desc,Task
	A1,03/10/2026,licences,"1,300.00",Jira,
	A2,15/09/2026,travel,80.5,Trip,T-1
	A3,01/12/2026,travel,10,Taxi,
	A4,02/12/2026,food,5,Lunch,
	EOF
	kam import expenses exp2.csv --key Inv --date-format %d/%m/%Y \
	    --thousands , --map description=Desc --dry-run >dry &&
	grep "E-3 amount 1200.00 -> 1300.00" dry &&
	grep "E-4 removed: Trip" dry &&
	grep "E-4 added: Trip" dry &&
	grep "E-7 added: Lunch" dry &&
	git status --porcelain -uno >st && test ! -s st &&
	kam import expenses exp2.csv --key Inv --date-format %d/%m/%Y \
	    --thousands , --map description=Desc >out &&
	grep "^expenses  *1  *2  *1\$" out &&
	git show --name-only --format= HEAD >files &&
	printf "expenses/2026-09.csv\nexpenses/2026-10.csv\nexpenses/2026-11.csv\nexpenses/2026-12.csv\n" >expect &&
	test_cmp expect files &&
	cat >expect <<-\EOF &&
	id,date,category,amount,description,ref,task
	E-4,2026-09-15,travel,80.50,Trip,A2,T-1
	EOF
	test_cmp expect expenses/2026-09.csv &&
	grep "^E-3,2026-10-03,licences,1300.00,Jira,A1,\$" expenses/2026-10.csv &&
	! grep "^E-4" expenses/2026-11.csv &&
	tail -n 1 expenses/2026-12.csv >actual &&
	echo "E-7,2026-12-02,food,5.00,Lunch,A4," >expect && test_cmp expect actual &&
	kam check >/dev/null 2>check.err; test $? -le 1 &&
	! grep invalid check.err
'

test_expect_success 'the same file again: no commit, every record unchanged' '
	cd "$P" &&
	head=$(git rev-parse HEAD) &&
	kam import expenses exp2.csv --key Inv --date-format %d/%m/%Y \
	    --thousands , --map description=Desc >out &&
	grep "^expenses  *0  *0  *4\$" out &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'a bad expense row: 65 naming it, nothing changed' '
	cd "$P" &&
	printf "Date,Category,Amount,Task\n2026-11-01,x,12.345,\n2026-11-02,x,1,T-99\n" >bad.csv &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam import expenses bad.csv 2>err &&
	grep "^kam: bad.csv:2: Amount:" err &&
	grep "T-99" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git status --porcelain -uno >st && test ! -s st
'

test_expect_success 'import timesheets: people by name, the month files, 24 h a day' '
	cd "$P" &&
	kam time log P-1 T-1 4 --date 2026-11-03 >/dev/null &&
	cat >ts.csv <<-\EOF &&
	Who,Task,Day,Hours,Note
	Tom Team,T-1,2026-11-03,20,long day
	ann lee,T-1,2026-10-30,7.75,
	EOF
	kam import timesheets ts.csv --map person=Who --map date=Day >out &&
	grep "^timesheets  *2  *0  *0\$" out &&
	cat >expect <<-\EOF &&
	id,date,person,task,hours,note
	W-3,2026-10-30,P-2,T-1,7.75,
	EOF
	test_cmp expect timesheets/2026-10.csv &&
	tail -n 1 timesheets/2026-11.csv >actual &&
	echo "W-2,2026-11-03,P-1,T-1,20,long day" >expect && test_cmp expect actual &&
	printf "Who,Task,Day,Hours\nTom Team,T-1,2026-11-03,0.25\n" >ts2.csv &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam import timesheets ts2.csv --map person=Who \
	    --map date=Day 2>err &&
	grep "P-1 is booked 24.25 hours on 2026-11-03 (at most 24 a day)" err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	git status --porcelain -uno >st && test ! -s st
'

test_expect_success 'completion offers the monthly tables to kam import' '
	cd "$P" &&
	kam __complete import "" >out &&
	grep "^expenses\$" out && grep "^timesheets\$" out
'

test_done
