#!/bin/sh
# t5600: billing milestones (issue 16): kam bill add/invoice/paid/list,
# an item due on its date or when its milestone task is finished, the
# payment rules around their thresholds (invoice-unpaid, invoice-unpaid-
# red, milestone-not-invoiced), [project] contract-value; billing.csv
# declared once goes through check, log, diff, merge and renumber.
test_description='kam bill'
. "$(dirname "$0")/lib.sh"

mkdir -p "$TRASH/bin"
ln -s "$KAM" "$TRASH/bin/kam"
PATH="$TRASH/bin:$PATH"
export PATH

H='id,title,amount,milestone,due,invoiced,paid'

snap () {
	git rev-parse HEAD
	sha256sum .git/index billing.csv
	git status --porcelain
}

# The findings of rule $1 in kam check's output.
rule () {
	kam check >../check.out 2>&1
	grep ": $1: " ../check.out
}

test_expect_success 'setup: kam init creates billing.csv with its header' '
	new_project &&
	echo "$H" >../expect && test_cmp ../expect billing.csv &&
	kam task add Build --duration 3 >/dev/null &&
	kam task add Accept --duration 2 >/dev/null
'

test_expect_success 'add: the id alone, the row (money canonical), the commit' '
	cd proj &&
	kam bill add "Down payment" 300000 --due 2026-10-01 >../out 2>../err &&
	echo B-1 >../expect && test_cmp ../expect ../out && test ! -s ../err &&
	kam bill add Acceptance 600000.5 --milestone t-2 >../out &&
	echo B-2 >../expect && test_cmp ../expect ../out &&
	cat >../expect <<-EOF &&
	$H
	B-1,Down payment,300000.00,,2026-10-01,,
	B-2,Acceptance,600000.50,T-2,,,
	EOF
	test_cmp ../expect billing.csv &&
	echo "kam: bill add B-2: Acceptance" >../expect &&
	git log -1 --format=%s >../got && test_cmp ../expect ../got
'

test_expect_success 'add: bad amounts (64), an unknown milestone (65), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam bill add x 0 2>../err &&
	echo "kam: a billing item'"'"'s amount must be above 0 ('"'"'0'"'"')" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam bill add x 1,000 2>../err &&
	grep -q "invalid amount" ../err &&
	test_expect_code 64 kam bill add x 10.001 &&
	test_expect_code 64 kam bill add x 2>../err &&
	grep -q "^usage: kam bill add title amount \[--milestone T-n\] \[--due date\]" ../err &&
	test_expect_code 64 kam bill add x 5 --due 2026-02-30 &&
	test_expect_code 65 kam bill add x 5 --milestone T-9 2>../err &&
	echo "kam: milestone: task T-9 does not exist in tasks.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after && test_cmp ../before ../after
'

test_expect_success 'list: the state and due day of each item' '
	cd proj &&
	kam bill list >../out &&
	cat >../expect <<-\EOF &&
	id   title                 amount  milestone  due_on      state    invoiced  paid
	B-1  Down payment  300,000.00 CNY  -          2026-10-01  due      -         -
	B-2  Acceptance    600,000.50 CNY  T-2        -           planned  -         -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'invoice: once, not in the future; paid: after the invoice, once' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam bill paid B-1 2>../err &&
	echo "kam: billing item B-1 is not invoiced: invoice it first (kam bill invoice B-1)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam bill invoice B-1 --date 2026-11-28 2>../err &&
	grep -q "after today" ../err &&
	test_expect_code 65 kam bill invoice B-9 2>../err &&
	echo "kam: billing item B-9 does not exist in billing.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after && test_cmp ../before ../after &&
	kam bill invoice b-1 --date 2026-10-02 >../out && test ! -s ../out &&
	echo "kam: bill invoice B-1: Down payment" >../expect &&
	git log -1 --format=%s >../got && test_cmp ../expect ../got &&
	snap >../before &&
	test_expect_code 65 kam bill invoice B-1 2>../err &&
	echo "kam: billing item B-1 is already invoiced (2026-10-02)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam bill paid B-1 --date 2026-10-01 2>../err &&
	echo "kam: billing item B-1 was invoiced on 2026-10-02: it cannot be paid before, on 2026-10-01" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after && test_cmp ../before ../after &&
	grep -q "^B-1,Down payment,300000.00,,2026-10-01,2026-10-02,\$" billing.csv
'

test_expect_success 'invoice-unpaid: amber after health.payment-days, red after twice' '
	cd proj &&
	kam bill add Retainer 10 --due 2026-10-01 >/dev/null &&
	kam bill invoice B-3 --date 2026-10-28 >/dev/null &&
	rule invoice-unpaid >../got ;
	grep -q "^billing.csv:2: amber: invoice-unpaid: B-1: invoiced 2026-10-02, unpaid after 56 days (amber above 30)" ../got &&
	! grep -q "B-3" ../got &&
	git reset -q --hard HEAD~1 &&
	kam bill invoice B-3 --date 2026-10-27 >/dev/null &&
	rule invoice-unpaid >../got ;
	grep -q "^billing.csv:4: amber: invoice-unpaid: B-3: invoiced 2026-10-27, unpaid after 31 days (amber above 30)" ../got &&
	printf "[health]\n\tpayment-days = 28\n" >>kam.conf &&
	rule invoice-unpaid >../got ;
	grep -q "^billing.csv:2: amber: invoice-unpaid: B-1: invoiced 2026-10-02, unpaid after 56 days (amber above 28)" ../got &&
	rule invoice-unpaid-red >../got2 ;
	test ! -s ../got2 &&
	git checkout -q kam.conf &&
	printf "[health]\n\tpayment-days = 27\n" >>kam.conf &&
	rule invoice-unpaid-red >../got ;
	grep -q "^billing.csv:2: red: invoice-unpaid-red: B-1: invoiced 2026-10-02, unpaid after 56 days (red above 54)" ../got &&
	git checkout -q kam.conf &&
	kam bill paid B-1 --date 2026-11-02 >/dev/null &&
	rule invoice-unpaid >../got ;
	! grep -q "B-1" ../got &&
	kam bill list --open --format csv | cut -d, -f1 | tr -d "\r" | tr "\n" " " >../got && echo >>../got &&
	echo "\"id\" \"B-2\" \"B-3\" " >../expect && test_cmp ../expect ../got
'

test_expect_success 'a finished milestone makes its item due; not invoiced after 5 working days is amber' '
	cd proj &&
	kam task done T-2 --date 2026-11-20 >/dev/null &&
	kam bill list --format json >../out &&
	grep -q "\"id\":\"B-2\".*\"state\":\"due\",\"due_on\":\"2026-11-20\"" ../out &&
	rule milestone-not-invoiced >../got ;
	test ! -s ../got &&
	git reset -q --hard HEAD~1 &&
	kam task done T-2 --date 2026-11-19 >/dev/null &&
	rule milestone-not-invoiced >../got ;
	grep -q "^billing.csv:3: amber: milestone-not-invoiced: B-2: milestone T-2 finished 2026-11-19, not invoiced after more than 5 working days" ../got &&
	kam bill invoice B-2 >/dev/null &&
	rule milestone-not-invoiced >../got ;
	test ! -s ../got
'

test_expect_success 'kam.conf: project.contract-value is money; a bad one is invalid data' '
	cd proj &&
	printf "[project]\n\tcontract-value = 1200000.5\n" >>kam.conf &&
	kam bill list >/dev/null &&
	git checkout -q kam.conf &&
	printf "[project]\n\tcontract-value = 1,200,000\n" >>kam.conf &&
	test_expect_code 65 kam bill list 2>../err &&
	grep -q "project.contract-value: invalid amount" ../err &&
	git checkout -q kam.conf &&
	printf "[project]\n\tcontract-value = -5\n" >>kam.conf &&
	test_expect_code 65 kam bill list 2>../err &&
	grep -q "cannot be negative" ../err &&
	git checkout -q kam.conf
'

test_expect_success 'check, log and diff know billing.csv from its declaration' '
	cd proj &&
	printf "B-9,Bad,12.345,T-77,,,\n" >>billing.csv &&
	test_expect_code 65 kam check >../out &&
	grep -q "^billing.csv:5: error: invalid-value: B-9: amount: invalid value '"'12.345'"'" ../out &&
	git checkout -q billing.csv &&
	printf "B-9,Bad,12,T-77,,,\n" >>billing.csv &&
	test_expect_code 65 kam check >../out &&
	grep -q "^billing.csv:5: error: reference: B-9: milestone: task T-77 does not exist in tasks.csv" ../out &&
	git checkout -q billing.csv &&
	printf "B-9,Paid early,12,,,2026-11-10,2026-11-09\nB-10,Never invoiced,12,,,,2026-11-09\n" >>billing.csv &&
	test_expect_code 65 kam check >../out &&
	grep -q "^billing.csv:5: error: invalid-value: B-9: paid: 2026-11-09 is before the invoiced date (an item is invoiced before it is paid)" ../out &&
	grep -q "^billing.csv:6: error: invalid-value: B-10: paid: 2026-11-09 without an invoiced date" ../out &&
	git checkout -q billing.csv &&
	kam log -n 1 >../out &&
	grep -q "B-2 invoiced (none) -> 2026-11-27" ../out &&
	kam diff HEAD~1 HEAD --format json >../out &&
	grep -q "B-2" ../out
'

test_expect_success 'merge driver and renumber on billing.csv' '
	cd proj &&
	git tag bbase &&
	git checkout -q -b ba bbase &&
	kam bill add Theirs 5 >/dev/null &&
	kam bill paid B-3 --date 2026-11-20 >/dev/null &&
	git checkout -q -b bb bbase &&
	kam bill add Ours 7 >/dev/null &&
	test_expect_code 1 git merge --no-edit ba >../out 2>&1 &&
	grep -q "conflict in B-4: added on both sides" ../out &&
	kam renumber B-4 >../out &&
	echo B-5 >../expect && test_cmp ../expect ../out &&
	git add billing.csv && git commit -q --no-edit &&
	grep -q "^B-3,Retainer,10.00,,2026-10-01,2026-10-27,2026-11-20\$" billing.csv &&
	grep -q "^B-4,Ours,7.00," billing.csv &&
	grep -q "^B-5,Theirs,5.00," billing.csv &&
	kam renumber B-5 B-10 >../out &&
	echo B-10 >../expect && test_cmp ../expect ../out &&
	kam bill add Next 1 >../out &&
	echo B-11 >../expect && test_cmp ../expect ../out
'

test_expect_success 'set: title, amount, milestone and due through the generic verb; refusals change nothing' '
	new_project proj2 &&
	kam task add Build --duration 3 >/dev/null &&
	kam bill add "Down" 100 --due 2026-10-01 >/dev/null &&
	kam bill set b-1 --title "Down payment" --amount 1234.5 --milestone T-1 >../out &&
	test ! -s ../out &&
	echo "kam: bill set B-1: Down payment" >../expect &&
	git log -1 --format=%s >../got && test_cmp ../expect ../got &&
	grep -q "^B-1,Down payment,1234.50,T-1,2026-10-01,,\$" billing.csv &&
	kam bill set B-1 --due "" >/dev/null &&
	grep -q "^B-1,Down payment,1234.50,T-1,,,\$" billing.csv &&
	snap >../before &&
	test_expect_code 64 kam bill set B-1 --amount 0 2>../err &&
	echo "kam: a billing item'"'"'s amount must be above 0 ('"'"'0'"'"')" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam bill set B-1 --amount 1,000 &&
	test_expect_code 64 kam bill set B-1 --amount 10.001 &&
	test_expect_code 65 kam bill set B-1 --milestone T-9 &&
	test_expect_code 65 kam bill set B-7 --title x &&
	test_expect_code 64 kam bill set B-1 --paid 2026-10-01 &&
	snap >../after && test_cmp ../before ../after &&
	kam bill invoice B-1 --date 2026-10-02 >/dev/null &&
	snap >../before &&
	test_expect_code 65 kam bill set B-1 --amount 1300 2>../err &&
	echo "kam: billing item B-1 was invoiced on 2026-10-02: its amount is the invoice'"'"'s; nothing changed" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after && test_cmp ../before ../after &&
	kam bill set B-1 --title "Down payment, 30%" >/dev/null &&
	grep -q "^B-1,\"Down payment, 30%\",1234.50,T-1,,2026-10-02,\$" billing.csv
'

test_expect_success 'show: one item with its state, text and JSON' '
	cd proj2 &&
	kam bill show b-1 >../out &&
	cat >../expect <<-\EOF &&
	id:        B-1
	title:     Down payment, 30%
	amount:    1,234.50 CNY
	milestone: T-1
	due:       -
	invoiced:  2026-10-02
	paid:      -
	state:     invoiced
	due_on:    -
	EOF
	test_cmp ../expect ../out &&
	kam bill show B-1 --format json >../out &&
	echo "{\"id\":\"B-1\",\"title\":\"Down payment, 30%\",\"amount\":1234.50,\"milestone\":\"T-1\",\"due\":null,\"invoiced\":\"2026-10-02\",\"paid\":null,\"state\":\"invoiced\",\"due_on\":null}" >../expect &&
	test_cmp ../expect ../out &&
	test_expect_code 65 kam bill show B-2 2>../err &&
	echo "kam: billing item B-2 does not exist in billing.csv" >../expect &&
	test_cmp ../expect ../err
'

test_expect_success 'billing-contract: the items against project.contract-value, the difference in exact money' '
	new_project proj3 &&
	rule billing-contract >../got ;
	test ! -s ../got &&
	printf "[project]\n\tcontract-value = 1000\n" >>kam.conf &&
	git commit -q -am "contract" &&
	rule billing-contract >../got ;
	test ! -s ../got &&
	kam bill add A 333.33 >/dev/null && kam bill add B 333.33 >/dev/null &&
	kam bill add C 333.33 >/dev/null &&
	rule billing-contract >../got ;
	echo "billing.csv: amber: billing-contract: project: the billing items add up to 999.99 CNY, the contract value is 1,000.00 CNY: 0.01 CNY not billed" >../expect &&
	test_cmp ../expect ../got &&
	kam bill set B-3 --amount 333.34 >/dev/null &&
	rule billing-contract >../got ;
	test ! -s ../got &&
	kam check --format json >../out ;
	! grep -q billing-contract ../out &&
	kam bill set B-1 --amount 333.35 >/dev/null &&
	rule billing-contract >../got ;
	echo "billing.csv: amber: billing-contract: project: the billing items add up to 1,000.02 CNY, the contract value is 1,000.00 CNY: 0.02 CNY billed beyond the contract" >../expect &&
	test_cmp ../expect ../got &&
	head -n 1 billing.csv >../b && cp ../b billing.csv &&
	git commit -q -am "no billing items" &&
	rule billing-contract >../got ;
	test ! -s ../got
'

test_done
