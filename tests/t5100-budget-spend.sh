#!/bin/sh
# t5100: kam budget spend: one expense into the month file of its date,
# a global id, only that month written and committed.
test_description='kam budget spend'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"
HDR="id,date,category,amount,description,ref,task"

# refused CODE args...: exit CODE, nothing on stdout, no commit, no change.
refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cat expenses/*.csv >"$TRASH/exp.before" 2>/dev/null
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	cat expenses/*.csv >"$TRASH/exp.after" 2>/dev/null
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/exp.before" "$TRASH/exp.after"
}

subject () {
	echo "$1" >"$TRASH/expect" &&
	git log -1 --format=%s >"$TRASH/actual" &&
	test_cmp "$TRASH/expect" "$TRASH/actual"
}

test_expect_success 'setup' '
	new_project &&
	kam task add "Design" --duration 5 --cost 10000 >/dev/null &&
	kam budget set travel 5000 &&
	test ! -e expenses/2026-11.csv
'

test_expect_success 'spend prints the id and commits only its month file' '
	cd "$P" &&
	kam budget spend 1830.4 --category travel --date 2026-11-03 \
	    --ref INV-2291 --task t-1 "Flights, 2 people" >"$TRASH/out" &&
	echo E-1 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	subject "kam: budget spend E-1: Flights, 2 people" &&
	git show --name-only --format= HEAD >"$TRASH/files" &&
	echo expenses/2026-11.csv >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/files" &&
	cat >"$TRASH/expect" <<-EOF &&
	$HDR
	E-1,2026-11-03,travel,1830.40,"Flights, 2 people",INV-2291,T-1
	EOF
	test_cmp "$TRASH/expect" expenses/2026-11.csv &&
	git status --porcelain >"$TRASH/st" && test ! -s "$TRASH/st"
'

test_expect_success 'the date defaults to today' '
	cd "$P" &&
	kam budget spend 12 --category travel Taxi >"$TRASH/out" &&
	echo E-2 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	grep "^E-2,2026-11-27,travel,12.00,Taxi,,\$" expenses/2026-11.csv
'

test_expect_success 'ids are global across months; a back-dated expense gets the next one' '
	cd "$P" &&
	kam budget spend 100 --category hosting --date 2026-03-31 "VM" &&
	kam budget spend 200 --category hosting --date 2026-01-02 "VM" &&
	kam budget spend 300 --category hosting --date 2026-12-01 "VM" &&
	kam budget spend 400 --category hosting --date 2026-03-01 "VM" >"$TRASH/out" &&
	echo E-6 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	cat >"$TRASH/expect" <<-EOF &&
	$HDR
	E-3,2026-03-31,hosting,100.00,VM,,
	E-6,2026-03-01,hosting,400.00,VM,,
	EOF
	test_cmp "$TRASH/expect" expenses/2026-03.csv &&
	ls expenses >"$TRASH/ls" &&
	printf "2026-01.csv\n2026-03.csv\n2026-11.csv\n2026-12.csv\n" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/ls" &&
	git show --name-only --format= HEAD >"$TRASH/files" &&
	echo expenses/2026-03.csv >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/files"
'

test_expect_success 'a negative amount (credit note) may stand anywhere' '
	cd "$P" &&
	kam budget spend -80.00 --category travel --ref CN-1 "Refund" >"$TRASH/out" &&
	echo E-7 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam budget spend --category travel -5 "Refund 2" &&
	kam budget spend --category travel "Refund 3" -0.5 &&
	kam budget spend --category travel -- -1 "Refund 4" &&
	grep "^E-7,2026-11-27,travel,-80.00,Refund,CN-1,\$" expenses/2026-11.csv &&
	grep "^E-8,2026-11-27,travel,-5.00,Refund 2,,\$" expenses/2026-11.csv &&
	grep "^E-9,2026-11-27,travel,-0.50,Refund 3,,\$" expenses/2026-11.csv &&
	grep "^E-10,2026-11-27,travel,-1.00,Refund 4,,\$" expenses/2026-11.csv
'

test_expect_success 'an option value that looks negative stays the option value' '
	cd "$P" &&
	kam budget spend 1 --category travel --ref -42 "odd ref" &&
	grep "^E-11,2026-11-27,travel,1.00,odd ref,-42,\$" expenses/2026-11.csv
'

test_expect_success 'a category without a budget line is allowed' '
	cd "$P" &&
	kam budget spend 99 --category "外包" "Subcontractor" &&
	grep "^E-12,2026-11-27,外包,99.00,Subcontractor,,\$" expenses/2026-11.csv
'

test_expect_success 'text is quoted as needed; the commit subject stays one line' '
	cd "$P" &&
	kam budget spend 1 --category travel "say \"hi\"
second line" &&
	subject "kam: budget spend E-13: say \"hi\" second line" &&
	tail -n 2 expenses/2026-11.csv >"$TRASH/tail" &&
	cat >"$TRASH/expect" <<-\EOF &&
	E-13,2026-11-27,travel,1.00,"say ""hi""
	second line",,
	EOF
	test_cmp "$TRASH/expect" "$TRASH/tail"
'

test_expect_success 'the next id after a last record spanning lines' '
	cd "$P" &&
	kam budget spend 2 --category travel x >"$TRASH/out" &&
	echo E-14 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'ids continue after hand edits committed with git' '
	cd "$P" &&
	printf "E-40,2026-01-15,travel,1.00,hand,,\n" >>expenses/2026-01.csv &&
	git commit -q -am "hand edit" &&
	kam budget spend 1 --category travel --date 2026-12-24 y >"$TRASH/out" &&
	echo E-41 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'a month file with an unreadable tail is read in full' '
	cd "$P" &&
	printf "$HDR\nE-50,2026-05-05,travel,1.00,\"a\nb\nc\",,\n" >expenses/2026-05.csv &&
	git add expenses/2026-05.csv && git commit -q -m "hand" &&
	kam budget spend 1 --category travel z >"$TRASH/out" &&
	echo E-51 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'large month files: the id from the tail of each' '
	cd "$P" &&
	python3 - <<-\EOF &&
	import random
	rng = random.Random(3)
	for m, first, last in (("2027-01", 100, 4000), ("2027-02", 4001, 6000)):
	    with open("expenses/%s.csv" % m, "w") as f:
	        f.write("id,date,category,amount,description,ref,task\n")
	        for i in range(first, last + 1):
	            f.write("E-%d,%s-%02d,travel,%d.00,%s,,\n" % (i, m,
	                1 + i % 28, i, rng.choice(["a b", "\"x, y\"", "\"q\nr\""])))
	EOF
	test $(wc -c <expenses/2027-01.csv) -gt 131072 &&
	git add expenses && git commit -q -m "big months" &&
	kam budget spend 1 --category travel --date 2027-01-31 big >"$TRASH/out" &&
	echo E-6001 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	kam budget spend 1 --category travel --date 2027-03-01 big2 >"$TRASH/out" &&
	echo E-6002 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out"
'

test_expect_success 'an uncommitted edit of the same size is not taken for HEAD' '
	cd "$P" &&
	sed "s/^E-6000,/E-9999,/" expenses/2027-02.csv >"$TRASH/m" &&
	test $(wc -c <"$TRASH/m") = $(wc -c <expenses/2027-02.csv) &&
	cat "$TRASH/m" >expenses/2027-02.csv &&
	kam budget spend 1 --category travel --date 2027-03-02 big3 >"$TRASH/out" &&
	echo E-6003 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	git checkout -- expenses/2027-02.csv
'

test_expect_success '--no-commit takes the id from the work tree' '
	cd "$P" &&
	printf "E-7000,2027-04-01,travel,1.00,draft,,\n" >>expenses/2027-02.csv &&
	sed -i "s/^E-7000,2027-04-01/E-7000,2027-02-01/" expenses/2027-02.csv &&
	kam --no-commit budget spend 1 --category travel --date 2027-03-03 nc >"$TRASH/out" &&
	echo E-7001 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	git checkout -- expenses/2027-02.csv expenses/2027-03.csv
'

test_expect_success 'usage errors (64)' '
	cd "$P" &&
	refused 64 budget spend &&
	refused 64 budget spend 10 &&
	refused 64 budget spend 10 --category travel &&
	refused 64 budget spend 10 "no category" &&
	refused 64 budget spend 10 --category travel a b &&
	refused 64 budget spend 0 --category travel zero &&
	refused 64 budget spend -0.00 --category travel zero &&
	refused 64 budget spend 1.234 --category travel x &&
	refused 64 budget spend 1,5 --category travel x &&
	refused 64 budget spend abc --category travel x &&
	refused 64 budget spend 92233720368547758.08 --category travel x &&
	refused 64 budget spend 1 --category "" x &&
	refused 64 budget spend 1 --category " travel" x &&
	refused 64 budget spend 1 --category travel --date 2026-02-30 x &&
	refused 64 budget spend 1 --category travel --date 27.11.2026 x &&
	refused 64 budget spend 1 --category travel --task X-1 x &&
	refused 64 budget spend 1 --category travel --bogus x
'

test_expect_success 'an unknown task is invalid data (65)' '
	cd "$P" &&
	refused 65 budget spend 1 --category travel --task T-9 x &&
	grep "T-9" "$TRASH/err"
'

test_expect_success 'a corrupt month file stops a spend (65, file:line)' '
	cd "$P" &&
	printf "E-52,2026-12-02,travel,oops,bad,,\n" >>expenses/2026-12.csv &&
	git commit -q -am "corrupt" &&
	refused 65 budget spend 1 --category travel --date 2026-12-03 x &&
	grep "expenses/2026-12.csv:[0-9]*: amount" "$TRASH/err" &&
	git revert --no-edit HEAD >/dev/null
'

test_expect_success 'an uncommitted edit of the month file is refused (78)' '
	cd "$P" &&
	echo "E-60,2026-11-01,travel,1.00,draft,," >>expenses/2026-11.csv &&
	git rev-parse HEAD >"$TRASH/before" &&
	test_expect_code 78 kam budget spend 1 --category travel x 2>"$TRASH/err" &&
	git rev-parse HEAD >"$TRASH/after" &&
	test_cmp "$TRASH/before" "$TRASH/after" &&
	grep "^E-60," expenses/2026-11.csv &&
	git checkout -- expenses/2026-11.csv
'

test_expect_success 'other month files may have edits: only the month is written' '
	cd "$P" &&
	echo "E-9000,2026-12-30,travel,1.00,draft,," >>expenses/2026-12.csv &&
	kam budget spend 3 --category travel w >"$TRASH/out" &&
	echo E-6004 >"$TRASH/expect" && test_cmp "$TRASH/expect" "$TRASH/out" &&
	git show --name-only --format= HEAD >"$TRASH/files" &&
	echo expenses/2026-11.csv >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/files" &&
	git status --porcelain >"$TRASH/st" &&
	echo " M expenses/2026-12.csv" >"$TRASH/expect" &&
	test_cmp "$TRASH/expect" "$TRASH/st" &&
	git checkout -- expenses/2026-12.csv
'

test_expect_success '--no-commit writes the month file only' '
	cd "$P" &&
	git rev-parse HEAD >"$TRASH/before" &&
	kam --no-commit budget spend 4 --category travel v >"$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/after" &&
	test_cmp "$TRASH/before" "$TRASH/after" &&
	id=$(cat "$TRASH/out") &&
	grep "^$id,2026-11-27,travel,4.00,v,,\$" expenses/2026-11.csv &&
	git checkout -- expenses/2026-11.csv
'

test_expect_success '-m adds a body to the commit' '
	cd "$P" &&
	kam budget spend 5 --category travel u -m "approved by P-1" &&
	git log -1 --format=%b >"$TRASH/body" &&
	grep "approved by P-1" "$TRASH/body"
'

test_expect_success 'kam commit keeps month files in id order (spend reads the last row)' '
	cd proj &&
	head=$(git rev-parse HEAD) &&
	printf "id,date,category,amount,description,ref,task\nE-1001,2027-03-02,travel,1.00,b,,\nE-1000,2027-03-01,travel,1.00,a,,\n" \
	    >expenses/2027-03.csv &&
	test_expect_code 65 kam commit 2>../err &&
	echo "kam: expenses/2027-03.csv:3: E-1000 comes after E-1001: keep the rows of a month file in id order" >../expect &&
	test_cmp ../expect ../err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	rm expenses/2027-03.csv
'

test_done
