#!/bin/sh
# t7300: customer satisfaction: add (person must exist, score 0-10, date
# not after today, optional comment), list with name and category, report
# (average, NPS, months, last 90 days against health.csat-min) in every
# format, integer rounding, the 90-day window's edges, agreement with kam
# check, refusals.
test_description='kam csat'
. "$(dirname "$0")/lib.sh"

H='id,date,person,score,comment'

snap () {
	git rev-parse HEAD
	sha256sum .git/index csat.csv
	git status --porcelain
}

test_expect_success 'setup: a project with three people' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add "Li Wei" --side client >/dev/null &&
	kam people add "Ana Souza" --side client >/dev/null
'

# ---- add ----

test_expect_success 'add: the id alone, the row dated today, the commit' '
	cd proj &&
	kam csat add P-2 9 >../out 2>../err &&
	echo F-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "F-1,2026-11-27,P-2,9," >../expect &&
	test_cmp ../expect csat.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: csat add F-1: P-2 scored 9" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 csat.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'add: --date, a comment, a person in any case, 0 and 10' '
	cd proj &&
	kam csat add p-3 6 --date 2026-10-02 "Too many late deliveries, again" >../out &&
	echo F-2 >../expect &&
	test_cmp ../expect ../out &&
	kam csat add P-3 10 "演示很好" >/dev/null &&
	kam --today 2026-09-01 csat add P-2 0 >/dev/null &&
	tail -n 3 csat.csv >../rows &&
	cat >../expect <<-\EOF &&
	F-2,2026-10-02,P-3,6,"Too many late deliveries, again"
	F-3,2026-11-27,P-3,10,演示很好
	F-4,2026-09-01,P-2,0,
	EOF
	test_cmp ../expect ../rows
'

test_expect_success 'add: an unknown person is 65, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam csat add P-9 5 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'add: a score comes from the client side, as a sign-off: a team member or a partner is 65 (issue 17)' '
	cd proj &&
	kam people add "Pat Partner" --side partner >/dev/null &&
	git rev-parse HEAD >../head.before &&
	snap >../before &&
	test_expect_code 65 kam csat add P-1 9 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: P-1 is on the team side; only a client-side person (people.csv side=client) gives a satisfaction score" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam csat add P-4 9 2>../err &&
	echo "kam: P-4 is on the partner side; only a client-side person (people.csv side=client) gives a satisfaction score" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'add: usage errors are 64, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam csat add P-1 11 2>../err &&
	echo "kam: score: invalid value '"'11'"': expected an integer 0-10" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam csat add P-1 7.5 2>../err &&
	echo "kam: score: invalid value '"'7.5'"': expected an integer 0-10" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam csat add P-1 "" 2>../err &&
	echo "kam: score: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam csat add P-1 -1 2>/dev/null &&
	test_expect_code 64 kam csat add 9 P-1 2>../err &&
	echo "kam: invalid person id '"'9'"' (expected e.g. P-12)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam csat add P-1 9 --date 2026-11-28 2>../err &&
	echo "kam: --date: 2026-11-28 is after today (2026-11-27); record a score when it has been given" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam csat add P-1 9 --date yesterday 2>../err &&
	grep -q "^kam: --date: invalid date '"'yesterday'"'" ../err &&
	test_expect_code 64 kam csat add P-1 2>../err &&
	grep -q "^usage: kam csat add P-n 0-10 \[--date date\] \[comment\]\$" ../err &&
	test_expect_code 64 kam csat add P-1 9 a b 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- list ----

test_expect_success 'list: by id with name and category' '
	cd proj &&
	kam csat list >../out &&
	cat >../expect <<-\EOF &&
	id   date        person  name       score  category   comment
	F-1  2026-11-27  P-2     Li Wei         9  promoter   -
	F-2  2026-10-02  P-3     Ana Souza      6  detractor  Too many late deliveries, again
	F-3  2026-11-27  P-3     Ana Souza     10  promoter   演示很好
	F-4  2026-09-01  P-2     Li Wei         0  detractor  -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --person, --format json' '
	cd proj &&
	kam csat list --person p-2 --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"F-1","date":"2026-11-27","person":"P-2","score":9,"comment":null,"name":"Li Wei","category":"promoter"},
	{"id":"F-4","date":"2026-09-01","person":"P-2","score":0,"comment":null,"name":"Li Wei","category":"detractor"}
	]
	EOF
	test_cmp ../expect ../out &&
	kam csat list --person P-1 --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out &&
	test_expect_code 64 kam csat list --person Ann 2>../err &&
	echo "kam: --person: invalid person id '"'Ann'"' (expected e.g. P-3)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam csat list P-1 2>/dev/null
'

# ---- report ----

# Today is 2026-11-27: the last 90 days are 2026-08-30 to 2026-11-27.
# F-2 is the day before the window, F-3 its first day, F-7 in the future.
test_expect_success 'report fixture' '
	new_project rep &&
	kam people add Ann >/dev/null &&
	kam people add Bo >/dev/null &&
	kam people add Cy >/dev/null &&
	cat >csat.csv <<-EOF &&
	$H
	F-1,2026-07-10,P-1,10,
	F-2,2026-08-29,P-2,3,
	F-3,2026-08-30,P-2,6,
	F-4,2026-09-15,P-3,9,
	F-5,2026-09-20,P-1,8,
	F-6,2026-11-27,P-2,7,
	F-7,2026-12-05,P-3,10,
	EOF
	git commit -q -am fixture
'

test_expect_success 'report: summary, last 90 days, months' '
	cd rep &&
	kam csat report >../out &&
	cat >../expect <<-\EOF &&
	responses:    7
	average:      7.6
	nps:          14 (promoters 3, passives 2, detractors 2)
	last 90 days: average 7.5 of 4 responses from 2026-08-30 to 2026-11-27, minimum 7: ok

	month    responses  average   nps
	2026-07          1     10.0   100
	2026-08          2      4.5  -100
	2026-09          2      8.5    50
	2026-11          1      7.0     0
	2026-12          1     10.0   100
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'report --format json: one object' '
	cd rep &&
	kam csat report --format json >../out &&
	cat >../expect <<-\EOF &&
	{"responses":7,"average":7.6,"promoters":3,"passives":2,"detractors":2,"nps":14,
	"last_90_days":{"from":"2026-08-30","to":"2026-11-27","responses":4,"average":7.5,"promoters":1,"passives":2,"detractors":1,"nps":0,"csat_min":7,"status":"ok"},
	"months":[
	{"month":"2026-07","responses":1,"average":10.0,"promoters":1,"passives":0,"detractors":0,"nps":100},
	{"month":"2026-08","responses":2,"average":4.5,"promoters":0,"passives":0,"detractors":2,"nps":-100},
	{"month":"2026-09","responses":2,"average":8.5,"promoters":1,"passives":1,"detractors":0,"nps":50},
	{"month":"2026-11","responses":1,"average":7.0,"promoters":0,"passives":1,"detractors":0,"nps":0},
	{"month":"2026-12","responses":1,"average":10.0,"promoters":1,"passives":0,"detractors":0,"nps":100}
	]}
	EOF
	test_cmp ../expect ../out &&
	if command -v python3 >/dev/null 2>&1; then
		python3 -m json.tool ../out >/dev/null
	fi
'

test_expect_success 'report --format csv and md: a table of periods' '
	cd rep &&
	kam csat report --format csv >../out &&
	cat >../expect <<-\EOF &&
	"period","from","to","responses","average","promoters","passives","detractors","nps","status"
	"2026-07","2026-07-01","2026-07-31","1","10.0","1","0","0","100",""
	"2026-08","2026-08-01","2026-08-31","2","4.5","0","0","2","-100",""
	"2026-09","2026-09-01","2026-09-30","2","8.5","1","1","0","50",""
	"2026-11","2026-11-01","2026-11-30","1","7.0","0","1","0","0",""
	"2026-12","2026-12-01","2026-12-31","1","10.0","1","0","0","100",""
	"all","","","7","7.6","3","2","2","14",""
	"last 90 days","2026-08-30","2026-11-27","4","7.5","1","2","1","0","ok"
	EOF
	test_cmp ../expect ../out &&
	kam csat report --format md >../out &&
	test "$(wc -l <../out)" = 9 &&
	tail -n 1 ../out >../last &&
	echo "| last 90 days | 2026-08-30 | 2026-11-27 |         4 |     7.5 |         1 |        2 |          1 |    0 | ok     |" >../expect &&
	test_cmp ../expect ../last
'

test_expect_success 'report: the window follows --today' '
	cd rep &&
	kam csat report --today 2026-11-26 --format csv | tail -n 1 >../out &&
	echo "\"last 90 days\",\"2026-08-29\",\"2026-11-26\",\"4\",\"6.5\",\"1\",\"1\",\"2\",\"-25\",\"red\"" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'report: health.csat-min of kam.conf decides the status' '
	cd rep &&
	git config -f kam.conf health.csat-min 8 &&
	kam csat report --format json | sed -n 2p >../out &&
	grep -q "\"csat_min\":8,\"status\":\"red\"}," ../out &&
	git checkout -q kam.conf
'

test_expect_success 'rounding: average half up, NPS halves away from zero' '
	new_project round &&
	kam people add Ann >/dev/null &&
	{
		echo "$H" &&
		echo "F-1,2026-11-01,P-1,9," &&
		for i in 2 3 4 5 6 7 8; do echo "F-$i,2026-11-01,P-1,7,"; done &&
		echo "F-9,2026-10-01,P-1,6," &&
		for i in 10 11 12 13 14 15 16; do echo "F-$i,2026-10-01,P-1,8,"; done &&
		echo "F-17,2026-09-01,P-1,7," &&
		echo "F-18,2026-09-01,P-1,7," &&
		echo "F-19,2026-09-01,P-1,8," &&
		echo "F-20,2026-09-01,P-1,7,"
	} >csat.csv &&
	git commit -q -am fixture &&
	kam csat report --format csv | sed -n "2,4p" | cut -d, -f1,4,5,9 >../out &&
	cat >../expect <<-\EOF &&
	"2026-09","4","7.3","0"
	"2026-10","8","7.8","-13"
	"2026-11","8","7.3","13"
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'red on the exact average: 6.95 shows as 7.0 yet is below 7' '
	new_project edge &&
	kam people add Ann >/dev/null &&
	{
		echo "$H" &&
		for i in $(seq 1 19); do echo "F-$i,2026-11-20,P-1,7,"; done &&
		echo "F-20,2026-11-20,P-1,6,"
	} >csat.csv &&
	git commit -q -am fixture &&
	kam csat report --format csv | tail -n 1 | cut -d, -f1,5,10 >../out &&
	echo "\"last 90 days\",\"7.0\",\"red\"" >../expect &&
	test_cmp ../expect ../out &&
	test_expect_code 1 kam check --format csv >../check &&
	grep -q "\"csat-low\"" ../check
'

test_expect_success 'kam check agrees when the status is ok' '
	cd rep &&
	kam check --format csv >../check;
	! grep -q "csat-low" ../check
'

test_expect_success 'report with no scores' '
	new_project none &&
	kam csat report >../out &&
	cat >../expect <<-\EOF &&
	responses:    0
	average:      -
	nps:          -
	last 90 days: no responses from 2026-08-30 to 2026-11-27

	month  responses  average  nps
	EOF
	test_cmp ../expect ../out &&
	kam csat report --format json >../out &&
	cat >../expect <<-\EOF &&
	{"responses":0,"average":null,"promoters":0,"passives":0,"detractors":0,"nps":null,
	"last_90_days":{"from":"2026-08-30","to":"2026-11-27","responses":0,"average":null,"promoters":0,"passives":0,"detractors":0,"nps":null,"csat_min":7,"status":null},
	"months":[]}
	EOF
	test_cmp ../expect ../out &&
	test_expect_code 64 kam csat report --all 2>/dev/null &&
	test_expect_code 64 kam csat report x 2>/dev/null
'

test_expect_success 'every csat verb fails with 65 on an invalid csat.csv' '
	new_project broken &&
	kam people add Ann >/dev/null &&
	printf "%s\nF-1,2026-01-01,P-1,11,\n" "$H" >csat.csv &&
	git commit -q -am bad &&
	for v in list report "add P-1 5"; do
		test_expect_code 65 kam csat $v >../out 2>../err &&
		test ! -s ../out &&
		grep -q "^kam: csat.csv:2" ../err || return 1
	done
'

test_expect_success 'write errors on stdout are 74' '
	cd rep &&
	test_expect_code 74 kam csat report >/dev/full 2>/dev/null &&
	test_expect_code 74 kam csat report --format json >/dev/full 2>/dev/null &&
	test_expect_code 74 kam csat list >/dev/full 2>/dev/null
'

# ---- set (issue 17, smaller items) ----

test_expect_success 'csat set: correct a score, its date and comment; one commit' '
	new_project set &&
	kam people add "Li Wei" --side client >/dev/null &&
	kam csat add P-1 6 >/dev/null &&
	kam csat set F-1 --score 8 --date 2026-11-20 --comment "after the demo" &&
	echo "kam: csat set F-1: 8" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	grep -q "^F-1,2026-11-20,P-1,8,after the demo\$" csat.csv
'

test_expect_success 'csat set refusals: score 11, a date after today, no option (64), unknown (65)' '
	cd "$TRASH/set" &&
	git rev-parse HEAD >before &&
	test_expect_code 64 kam csat set F-1 --score 11 2>err &&
	test_expect_code 64 kam csat set F-1 --date 2026-11-28 2>err &&
	grep -q "2026-11-28 is after today" err &&
	test_expect_code 64 kam csat set F-1 2>err &&
	test_expect_code 64 kam csat set F-1 --person P-1 2>err &&
	test_expect_code 65 kam csat set F-9 --score 5 2>err &&
	git rev-parse HEAD >after && test_cmp before after
'

test_done
