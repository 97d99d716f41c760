#!/bin/sh
# t7000: the RACI matrix: set (add, change, --remove), show as a matrix and
# as rows in json/csv/md, the problems kam check also reports (exactly one
# A, at least one R), activities as canonical ids or free text, refusals.
test_description='kam raci'
. "$(dirname "$0")/lib.sh"

snap () {
	git rev-parse HEAD
	sha256sum .git/index raci.csv
	git status --porcelain
}

test_expect_success 'setup: three people, two tasks' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add "Bo Chen" --side client >/dev/null &&
	kam people add Cy >/dev/null &&
	kam task add Build --duration 3 >/dev/null &&
	kam task add Test --duration 2 >/dev/null
'

# ---- set ----

test_expect_success 'set: no output, the row, one commit with its subject' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam raci set T-1 P-1 A >../out 2>../err &&
	test ! -s ../out &&
	test ! -s ../err &&
	printf "activity,person,role\nT-1,P-1,A\n" >../expect &&
	test_cmp ../expect raci.csv &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	git log -1 --format=%s >../subject &&
	echo "kam: raci set T-1: P-1 A" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 raci.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'set: ids and roles in any case are stored canonical' '
	cd proj &&
	kam raci set t-1 p-2 r &&
	grep -qx "T-1,P-2,R" raci.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: raci set T-1: P-2 R" >../expect &&
	test_cmp ../expect ../subject
'

test_expect_success 'set: free text and CJK activities, rows sorted by activity then person' '
	cd proj &&
	kam raci set "UAT sign-off" P-2 A &&
	kam raci set "UAT sign-off" P-1 C &&
	kam raci set "数据迁移" P-3 R &&
	kam raci set T-2 P-3 R &&
	kam raci set T-2 P-1 A &&
	kam raci set T-2 P-2 A &&
	cat >../expect <<-\EOF &&
	activity,person,role
	T-1,P-1,A
	T-1,P-2,R
	T-2,P-1,A
	T-2,P-2,A
	T-2,P-3,R
	UAT sign-off,P-1,C
	UAT sign-off,P-2,A
	数据迁移,P-3,R
	EOF
	test_cmp ../expect raci.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: raci set T-2: P-2 A" >../expect &&
	test_cmp ../expect ../subject
'

test_expect_success 'set on an existing pair changes the role in one commit' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam raci set T-2 P-2 i &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	grep -qx "T-2,P-2,I" raci.csv &&
	test "$(grep -c "^T-2,P-2," raci.csv)" = 1 &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 raci.csv | 2 +-
	 1 file changed, 1 insertion(+), 1 deletion(-)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'set to the role already held: 1, no commit' '
	cd proj &&
	snap >../before &&
	test_expect_code 1 kam raci set T-2 P-2 I >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: raci set T-2: nothing to change (the files already say so); no commit made" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'set: unknown person or record is 65, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam raci set T-1 P-9 C >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam raci set T-9 P-1 R 2>../err &&
	echo "kam: task T-9 does not exist in tasks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam raci set req-3 P-1 R 2>../err &&
	echo "kam: requirement REQ-3 does not exist in requirements.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'set: usage errors are 64, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam raci set T-1 P-1 X 2>../err &&
	echo "kam: role: invalid value '"'X'"': expected one of: R A C I" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set T-1 P-1 RA 2>../err &&
	echo "kam: role: invalid value '"'RA'"': expected one of: R A C I" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set T-1 P-1 "" 2>/dev/null &&
	test_expect_code 64 kam raci set T-1 Ann A 2>../err &&
	echo "kam: invalid person id '"'Ann'"' (expected e.g. P-12)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set T-01 P-1 A 2>../err &&
	echo "kam: activity: invalid task id '"'T-01'"' (expected e.g. T-12)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set "" P-1 A 2>../err &&
	echo "kam: activity: must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set "UAT " P-1 A 2>../err &&
	echo "kam: activity '"'UAT '"' has leading or trailing space" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set "$(printf "a\nb")" P-1 A 2>../err &&
	echo "kam: activity: control character at byte 1" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set T-1 P-1 2>../err &&
	head -n 1 ../err >../first &&
	echo "usage: kam raci set [--remove] activity P-n [R|A|C|I]" >../expect &&
	test_cmp ../expect ../first &&
	test_expect_code 64 kam raci set T-1 P-1 A B 2>/dev/null &&
	test_expect_code 64 kam raci set --role A T-1 P-1 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- --remove ----

test_expect_success 'set --remove deletes the pair in one commit' '
	cd proj &&
	kam raci set "UAT sign-off" P-3 I &&
	n=$(git rev-list --count HEAD) &&
	kam raci set --remove "UAT sign-off" p-3 >../out &&
	test ! -s ../out &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	! grep -q "^UAT sign-off,P-3," raci.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: raci set UAT sign-off: P-3 removed" >../expect &&
	test_cmp ../expect ../subject
'

test_expect_success 'set --remove: an absent pair is 65; a role is a usage error' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam raci set --remove T-1 P-3 2>../err &&
	echo "kam: raci.csv has no entry for activity '"'T-1'"' and person P-3 (nothing to remove)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci set --remove T-1 P-1 A 2>/dev/null &&
	test_expect_code 64 kam raci set --remove T-1 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- show ----

test_expect_success 'show: the matrix, problems, and who the columns are' '
	cd proj &&
	kam raci show >../out &&
	cat >../expect <<-\EOF &&
	activity      P-1  P-2  P-3  problems
	T-1           A    R    -    -
	T-2           A    I    R    -
	UAT sign-off  C    A    -    no R
	数据迁移      -    -    R    no A

	person  name
	P-1     Ann
	P-2     Bo Chen
	P-3     Cy
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show: two A and no R at once' '
	cd proj &&
	kam raci set T-2 P-2 A &&
	kam raci set T-2 P-3 C &&
	kam raci show t-2 >../out &&
	cat >../expect <<-\EOF &&
	activity  P-1  P-2  P-3  problems
	T-2       A    A    C    2 A (one needed), no R

	person  name
	P-1     Ann
	P-2     Bo Chen
	P-3     Cy
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show --format json: the rows with name, ok and problems' '
	cd proj &&
	kam raci show --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"activity":"T-1","person":"P-1","role":"A","name":"Ann","ok":true,"problems":null},
	{"activity":"T-1","person":"P-2","role":"R","name":"Bo Chen","ok":true,"problems":null},
	{"activity":"T-2","person":"P-1","role":"A","name":"Ann","ok":false,"problems":"2 A (one needed), no R"},
	{"activity":"T-2","person":"P-2","role":"A","name":"Bo Chen","ok":false,"problems":"2 A (one needed), no R"},
	{"activity":"T-2","person":"P-3","role":"C","name":"Cy","ok":false,"problems":"2 A (one needed), no R"},
	{"activity":"UAT sign-off","person":"P-1","role":"C","name":"Ann","ok":false,"problems":"no R"},
	{"activity":"UAT sign-off","person":"P-2","role":"A","name":"Bo Chen","ok":false,"problems":"no R"},
	{"activity":"数据迁移","person":"P-3","role":"R","name":"Cy","ok":false,"problems":"no A"}
	]
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show --format csv and md, one activity' '
	cd proj &&
	kam raci show "UAT sign-off" --format csv >../out &&
	cat >../expect <<-\EOF &&
	"activity","person","role","name","ok","problems"
	"UAT sign-off","P-1","C","Ann","false","no R"
	"UAT sign-off","P-2","A","Bo Chen","false","no R"
	EOF
	test_cmp ../expect ../out &&
	kam raci show T-1 --format md >../out &&
	cat >../expect <<-\EOF &&
	| activity | person | name    | role | problems |
	| -------- | ------ | ------- | ---- | -------- |
	| T-1      | P-1    | Ann     | A    |          |
	| T-1      | P-2    | Bo Chen | R    |          |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show: an unknown activity is 65; extra operands 64' '
	cd proj &&
	test_expect_code 65 kam raci show T-3 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: raci.csv has no entry for activity '"'T-3'"'" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam raci show T-1 T-2 2>/dev/null &&
	test_expect_code 64 kam raci show --all 2>/dev/null
'

test_expect_success 'show of an empty matrix' '
	new_project empty &&
	kam raci show >../out &&
	echo "activity  problems" >../expect &&
	test_cmp ../expect ../out &&
	kam raci show --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'kam check reports the same activities as raci show' '
	cd proj &&
	kam check --format csv >../out;
	grep raci ../out | cut -d, -f2,4 >../got &&
	cat >../expect <<-\EOF &&
	"raci-accountable","T-2"
	"raci-responsible","T-2"
	"raci-responsible","UAT sign-off"
	"raci-accountable","数据迁移"
	EOF
	sort ../expect >../e && sort ../got >../g &&
	test_cmp ../e ../g
'

test_expect_success 'a hand-edited, unsorted raci.csv is read and written sorted' '
	cd proj &&
	printf "activity,person,role\nZ,P-1,A\nA,P-2,R\n" >raci.csv &&
	git commit -q -am "hand edit" &&
	kam raci show --format csv | cut -d, -f1,2 >../out &&
	printf "\"activity\",\"person\"\n\"A\",\"P-2\"\n\"Z\",\"P-1\"\n" >../expect &&
	test_cmp ../expect ../out &&
	kam raci set M P-3 I &&
	printf "activity,person,role\nA,P-2,R\nM,P-3,I\nZ,P-1,A\n" >../expect &&
	test_cmp ../expect raci.csv
'

test_expect_success 'a dangling person blocks set until --remove repairs it' '
	cd proj &&
	echo "A,P-7,C" >>raci.csv &&
	git commit -q -am "hand edit: P-7" &&
	snap >../before &&
	test_expect_code 65 kam raci set A P-1 A 2>../err &&
	echo "kam: raci.csv:5: person: person P-7 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	kam raci set --remove A P-7 &&
	kam raci set A P-1 A
'

test_expect_success 'a duplicate pair in raci.csv is invalid data for every verb' '
	cd proj &&
	echo "A,P-1,R" >>raci.csv &&
	git commit -q -am "hand edit: duplicate" &&
	for v in show "set A P-3 I" "set --remove A P-1"; do
		test_expect_code 65 kam raci $v >../out 2>../err &&
		test ! -s ../out &&
		grep -q "^kam: raci.csv:[0-9]*: duplicate activity '"'A'"'" ../err ||
		return 1
	done
'

test_expect_success 'write errors on stdout are 74' '
	cd empty &&
	test_expect_code 74 kam raci show >/dev/full 2>/dev/null
'

test_done
