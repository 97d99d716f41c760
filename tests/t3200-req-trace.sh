#!/bin/sh
# t3200: kam req trace: requirement -> tasks (tasks.csv reqs) -> quality
# checks (quality.csv subject), with the must requirements that are
# unconfirmed, untraced or untested flagged, in every format.
test_description='kam req trace'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

test_expect_success 'setup: requirements in every state, tasks and checks by hand' '
	new_project &&
	kam people add "Carol Client" --side client >/dev/null &&
	kam people add "Quinn QA" --side team >/dev/null &&
	kam req add "Single sign-on" --priority must --acceptance "ACME accounts" >/dev/null &&
	kam req add "Monthly export" --priority must --acceptance "CSV" >/dev/null &&
	kam req add "Audit log" --priority must >/dev/null &&
	kam req add "Dark mode" --priority could >/dev/null &&
	kam req add "Fax gateway" --priority must >/dev/null &&
	kam req add "Payroll" --priority must --acceptance "Payslips" >/dev/null &&
	kam req analyse REQ-1 && kam req confirm REQ-1 --by P-1 &&
	kam req analyse REQ-2 && kam req confirm REQ-2 --by P-1 &&
	kam req analyse REQ-3 &&
	kam req reject REQ-5 &&
	kam req analyse REQ-6 && kam req confirm REQ-6 --by P-1 &&
	cat >>tasks.csv <<-\EOF &&
	T-1,Configure IdP,3,,,,,,,REQ-1,,,
	T-2,Login page,2,T-1,,,,,,REQ-1 REQ-4,,,
	T-3,Export job,4,,,,,,,REQ-2,,,
	T-4,Payroll run,5,,,,,,,REQ-6,,,
	EOF
	cat >>quality.csv <<-\EOF &&
	Q-1,REQ-1,ACME login,2026-11-20,P-2,pass,
	Q-2,REQ-2,CSV opens,2026-11-20,P-2,pass,
	Q-3,REQ-2,CSV totals,2026-11-22,P-2,fail,off by one
	Q-4,T-3,job runs,2026-11-22,P-2,pass,
	EOF
	kam commit -m "Plan and first QA" >/dev/null &&
	kam req done REQ-1
'

test_expect_success 'trace: table with flags on the musts and a summary line' '
	cd "$P" &&
	kam req trace >out &&
	cat >expect <<-\EOF &&
	id     title           priority  status     tasks    passed  failed  flags
	REQ-1  Single sign-on  must      done       T-1 T-2  Q-1     -       -
	REQ-2  Monthly export  must      confirmed  T-3      Q-2     Q-3     untested
	REQ-3  Audit log       must      analysed   -        -       -       unconfirmed untraced untested
	REQ-4  Dark mode       could     draft      T-2      -       -       -
	REQ-5  Fax gateway     must      rejected   -        -       -       -
	REQ-6  Payroll         must      confirmed  T-4      -       -       untested

	3 of 4 must requirements flagged: confirm, trace to a task and test each must
	EOF
	test_cmp expect out
'

test_expect_success 'trace --format json: every field, lists as arrays' '
	cd "$P" &&
	kam req trace --format json >out &&
	cat >expect <<-\EOF &&
	[
	{"id":"REQ-1","title":"Single sign-on","priority":"must","status":"done","confirmed_by":"P-1","confirmed_on":"2026-11-27","tasks":["T-1","T-2"],"checks":["Q-1"],"passed":["Q-1"],"failed":[],"latest":"pass","flags":[]},
	{"id":"REQ-2","title":"Monthly export","priority":"must","status":"confirmed","confirmed_by":"P-1","confirmed_on":"2026-11-27","tasks":["T-3"],"checks":["Q-2","Q-3"],"passed":["Q-2"],"failed":["Q-3"],"latest":"fail","flags":["untested"]},
	{"id":"REQ-3","title":"Audit log","priority":"must","status":"analysed","confirmed_by":null,"confirmed_on":null,"tasks":[],"checks":[],"passed":[],"failed":[],"latest":null,"flags":["unconfirmed","untraced","untested"]},
	{"id":"REQ-4","title":"Dark mode","priority":"could","status":"draft","confirmed_by":null,"confirmed_on":null,"tasks":["T-2"],"checks":[],"passed":[],"failed":[],"latest":null,"flags":[]},
	{"id":"REQ-5","title":"Fax gateway","priority":"must","status":"rejected","confirmed_by":null,"confirmed_on":null,"tasks":[],"checks":[],"passed":[],"failed":[],"latest":null,"flags":[]},
	{"id":"REQ-6","title":"Payroll","priority":"must","status":"confirmed","confirmed_by":"P-1","confirmed_on":"2026-11-27","tasks":["T-4"],"checks":[],"passed":[],"failed":[],"latest":null,"flags":["untested"]}
	]
	EOF
	test_cmp expect out
'

test_expect_success 'trace --format md: a Markdown table, no summary line' '
	cd "$P" &&
	kam req trace --flagged --format md >out &&
	head -n 1 out >h &&
	grep "^| *id *| *title *| *priority *| *status *| *tasks *| *passed *| *failed *| *flags *|\$" h &&
	grep -c "^| REQ-" out >n && echo 3 >expect && test_cmp expect n &&
	! grep "flagged:" out
'

test_expect_success 'trace --format csv' '
	cd "$P" &&
	kam req trace --format csv REQ-2 >out &&
	cat >expect <<-\EOF &&
	"id","title","priority","status","confirmed_by","confirmed_on","tasks","checks","passed","failed","latest","flags"
	"REQ-2","Monthly export","must","confirmed","P-1","2026-11-27","T-3","Q-2 Q-3","Q-2","Q-3","fail","untested"
	EOF
	test_cmp expect out
'

test_expect_success 'trace --key and --flagged select, ids pick requirements' '
	cd "$P" &&
	kam req trace --key --format csv | tail -n +2 | cut -d, -f1 >out &&
	printf "\"REQ-1\"\n\"REQ-2\"\n\"REQ-3\"\n\"REQ-5\"\n\"REQ-6\"\n" >expect &&
	test_cmp expect out &&
	kam req trace --flagged --format csv | tail -n +2 | cut -d, -f1 >out &&
	printf "\"REQ-2\"\n\"REQ-3\"\n\"REQ-6\"\n" >expect &&
	test_cmp expect out &&
	kam req trace req-4 REQ-1 --format csv | tail -n +2 | cut -d, -f1 >out &&
	printf "\"REQ-4\"\n\"REQ-1\"\n" >expect &&
	test_cmp expect out
'

test_expect_success 'trace refusals' '
	cd "$P" &&
	test_expect_code 65 kam req trace REQ-99 >out 2>err &&
	test ! -s out &&
	echo "kam: requirement REQ-99 does not exist in requirements.csv" >expect &&
	test_cmp expect err &&
	test_expect_code 64 kam req trace T-1 2>err &&
	test_expect_code 64 kam req trace --all 2>err
'

test_expect_success 'a passing check after a failure clears untested; all musts fine: no summary' '
	cd "$P" &&
	echo "Q-5,REQ-2,CSV totals,2026-11-26,P-2,pass,fixed" >>quality.csv &&
	echo "Q-6,REQ-6,Payslips,2026-11-26,P-2,pass," >>quality.csv &&
	kam commit >/dev/null &&
	kam req set REQ-3 --priority should &&
	kam req trace --key >out &&
	! grep "untested\|flagged" out &&
	kam req trace --flagged --format json >out &&
	echo "[]" >expect && test_cmp expect out
'

test_expect_success 'trace reads the work tree; a project without tasks or checks is fine' '
	new_project p2 &&
	cd "$TRASH/p2" &&
	kam req add "Only one" --priority must >/dev/null &&
	kam req trace --format csv >out &&
	tail -n 1 out >last &&
	echo "\"REQ-1\",\"Only one\",\"must\",\"draft\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"unconfirmed untraced untested\"" >expect &&
	test_cmp expect last
'

test_expect_success 'trace: rows out of order in a hand-edited file' '
	new_project p3 &&
	cd "$TRASH/p3" &&
	cat >requirements.csv <<-\EOF &&
	id,title,priority,status,source,confirmed_by,confirmed_on,acceptance
	REQ-10,Ten,must,draft,,,,
	REQ-2,Two,must,draft,,,,
	REQ-1,One,should,draft,,,,
	EOF
	cat >>tasks.csv <<-\EOF &&
	T-1,Build ten,1,,,,,,,REQ-10 REQ-1,,,
	EOF
	cat >>quality.csv <<-\EOF &&
	Q-1,REQ-2,two works,2026-11-20,,pass,
	EOF
	kam req trace --format csv >out &&
	cat >expect <<-\EOF &&
	"id","title","priority","status","confirmed_by","confirmed_on","tasks","checks","passed","failed","latest","flags"
	"REQ-1","One","should","draft","","","T-1","","","","",""
	"REQ-2","Two","must","draft","","","","Q-1","Q-1","","pass","unconfirmed untraced"
	"REQ-10","Ten","must","draft","","","T-1","","","","","unconfirmed untested"
	EOF
	test_cmp expect out
'

test_expect_success 'trace: invalid tasks.csv is reported, exit 65' '
	cd "$TRASH/p2" &&
	echo "T-1,Broken,abc,,,,,,,REQ-1,,," >>tasks.csv &&
	test_expect_code 65 kam req trace >out 2>err &&
	grep "^kam: tasks.csv:2" err
'

test_done
