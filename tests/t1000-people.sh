#!/bin/sh
# t1000: kam people add|list|show|set|map, every option and format, and
# the errors.
test_description='kam people'
. "$(dirname "$0")/lib.sh"

HDR='id,name,side,org,role,email,skills,capacity,rate,influence,interest'

test_expect_success 'setup' '
	new_project &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/proj"
'

# ---- add ----

test_expect_success 'add with every option prints the id alone and commits' '
	cd proj &&
	kam people add "Wang Wei" --side client --role Sponsor --org ACME \
	    --email w@acme.cn --skills "sap erp" --capacity 50 --rate 900 \
	    --influence 5 --interest 4 >../out 2>../err &&
	echo P-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$HDR" "P-1,Wang Wei,client,ACME,Sponsor,w@acme.cn,sap erp,50,900.00,5,4" >../expect &&
	test_cmp ../expect people.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: people add P-1: Wang Wei" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 people.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'add: side defaults to team, everything else unset' '
	cd proj &&
	kam people add "Bo" >../out &&
	echo P-2 >../expect &&
	test_cmp ../expect ../out &&
	tail -n 1 people.csv >../row &&
	echo "P-2,Bo,team,,,,,,,," >../expect &&
	test_cmp ../expect ../row
'

test_expect_success 'add: CJK names and orgs, the id from the shell' '
	cd proj &&
	id=$(kam people add "李娜" --side partner --org "华为" --influence 2 --interest 5) &&
	test "$id" = P-3 &&
	kam people add "Zoe" --influence 5 --interest 2 --role Architect >/dev/null &&
	kam people add "Min" --influence 1 --interest 1 --side client >/dev/null &&
	kam people add "Edge" --influence 4 --interest 4 >/dev/null &&
	kam people add "Low edge" --influence 3 --interest 3 >/dev/null &&
	tail -n 5 people.csv >../rows &&
	cat >../expect <<-\EOF &&
	P-3,李娜,partner,华为,,,,,,2,5
	P-4,Zoe,team,,Architect,,,,,5,2
	P-5,Min,client,,,,,,,1,1
	P-6,Edge,team,,,,,,,4,4
	P-7,Low edge,team,,,,,,,3,3
	EOF
	test_cmp ../expect ../rows &&
	test "$(git rev-list --count HEAD)" = 8
'

test_expect_success 'add: a name with a comma and quotes round-trips' '
	cd proj &&
	kam people add "Doe, \"JD\" John" --email "jd@x.org" >/dev/null &&
	tail -n 1 people.csv >../row &&
	echo "P-8,\"Doe, \"\"JD\"\" John\",team,,,jd@x.org,,,,," >../expect &&
	test_cmp ../expect ../row &&
	kam people show P-8 --format json >../out &&
	echo "{\"id\":\"P-8\",\"name\":\"Doe, \\\"JD\\\" John\",\"side\":\"team\",\"org\":null,\"role\":null,\"email\":\"jd@x.org\",\"skills\":null,\"capacity\":null,\"rate\":null,\"influence\":null,\"interest\":null}" >../expect &&
	test_cmp ../expect ../out
'

# ---- list ----

test_expect_success 'list: the table' '
	cd proj &&
	kam people list >../out &&
	cat >../expect <<-\EOF &&
	id   name            side     org   role       email      capacity  influence  interest
	P-1  Wang Wei        client   ACME  Sponsor    w@acme.cn        50          5         4
	P-2  Bo              team     -     -          -                 -          -         -
	P-3  李娜            partner  华为  -          -                 -          2         5
	P-4  Zoe             team     -     Architect  -                 -          5         2
	P-5  Min             client   -     -          -                 -          1         1
	P-6  Edge            team     -     -          -                 -          4         4
	P-7  Low edge        team     -     -          -                 -          3         3
	P-8  Doe, "JD" John  team     -     -          jd@x.org          -          -         -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --side' '
	cd proj &&
	kam people list --side client --format csv >../out &&
	cat >../expect <<-\EOF &&
	"id","name","side","org","role","email","skills","capacity","rate","influence","interest"
	"P-1","Wang Wei","client","ACME","Sponsor","w@acme.cn","sap erp","50","900.00","5","4"
	"P-5","Min","client","","","","","","","1","1"
	EOF
	test_cmp ../expect ../out &&
	kam people list --side=partner --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"P-3\"\n" >../expect &&
	test_cmp ../expect ../ids
'

test_expect_success 'list --format json: every column, typed, null for unset' '
	cd proj &&
	kam people list --side client --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"P-1","name":"Wang Wei","side":"client","org":"ACME","role":"Sponsor","email":"w@acme.cn","skills":"sap erp","capacity":50,"rate":900.00,"influence":5,"interest":4},
	{"id":"P-5","name":"Min","side":"client","org":null,"role":null,"email":null,"skills":null,"capacity":null,"rate":null,"influence":1,"interest":1}
	]
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --format md' '
	cd proj &&
	kam people list --side partner --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | name | side    | org  | role | email | capacity | influence | interest |
	| --- | ---- | ------- | ---- | ---- | ----- | -------: | --------: | -------: |
	| P-3 | 李娜 | partner | 华为 |      |       |          |         2 |        5 |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list of an empty selection' '
	cd proj &&
	kam people list --side partner --format json >/dev/null &&
	new_project empty &&
	kam people list >../out &&
	echo "id  name  side  org  role  email  capacity  influence  interest" >../expect &&
	test_cmp ../expect ../out &&
	kam people list --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out &&
	kam people list --format csv >../out &&
	echo "\"id\",\"name\",\"side\",\"org\",\"role\",\"email\",\"skills\",\"capacity\",\"rate\",\"influence\",\"interest\"" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'list reads the work tree (uncommitted edits show)' '
	cd proj &&
	printf "%s\n" "P-9,Draft,team,,,,,,,," >>people.csv &&
	kam people list --format csv | tail -n 1 >../out &&
	echo "\"P-9\",\"Draft\",\"team\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\"" >../expect &&
	test_cmp ../expect ../out &&
	git checkout -q people.csv
'

# ---- show ----

test_expect_success 'show: one record, every column, vertically' '
	cd proj &&
	kam people show P-1 >../out &&
	cat >../expect <<-\EOF &&
	id:        P-1
	name:      Wang Wei
	side:      client
	org:       ACME
	role:      Sponsor
	email:     w@acme.cn
	skills:    sap erp
	capacity:  50
	rate:      900.00 CNY
	influence: 5
	interest:  4
	EOF
	test_cmp ../expect ../out &&
	kam people show p-1 >../out2 &&
	test_cmp ../out ../out2
'

test_expect_success 'show --format json|csv|md' '
	cd proj &&
	kam people show P-5 --format json >../out &&
	echo "{\"id\":\"P-5\",\"name\":\"Min\",\"side\":\"client\",\"org\":null,\"role\":null,\"email\":null,\"skills\":null,\"capacity\":null,\"rate\":null,\"influence\":1,\"interest\":1}" >../expect &&
	test_cmp ../expect ../out &&
	kam people show P-5 --format csv >../out &&
	printf "%s\n%s\n" "\"id\",\"name\",\"side\",\"org\",\"role\",\"email\",\"skills\",\"capacity\",\"rate\",\"influence\",\"interest\"" \
	    "\"P-5\",\"Min\",\"client\",\"\",\"\",\"\",\"\",\"\",\"\",\"1\",\"1\"" >../expect &&
	test_cmp ../expect ../out &&
	kam people show P-1 --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | name     | side   | org  | role    | email     | skills  | capacity |       rate | influence | interest |
	| --- | -------- | ------ | ---- | ------- | --------- | ------- | -------: | ---------: | --------: | -------: |
	| P-1 | Wang Wei | client | ACME | Sponsor | w@acme.cn | sap erp |       50 | 900.00 CNY |         5 |        4 |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'show keeps the user'"'"'s own columns' '
	new_project own &&
	printf "%s,linkedin\n%s\n" "$HDR" "P-1,Ann,client,,,,,,,,,https://example.com/ann" >people.csv &&
	git commit -q -am "own column" &&
	kam people show P-1 --format json >../out &&
	grep -q "\"linkedin\":\"https://example.com/ann\"}" ../out &&
	kam people set P-1 --role CTO &&
	printf "%s,linkedin\n%s\n" "$HDR" "P-1,Ann,client,,CTO,,,,,,,https://example.com/ann" >../expect &&
	test_cmp ../expect people.csv
'

# ---- set ----

test_expect_success 'set changes the given fields only, one commit' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam people set P-2 --role "Tech lead" --capacity 80 --rate 1200.5 --skills "c git" >../out &&
	test ! -s ../out &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	grep "^P-2," people.csv >../row &&
	echo "P-2,Bo,team,,Tech lead,,c git,80,1200.50,," >../expect &&
	test_cmp ../expect ../row &&
	git log -1 --format=%s >../subject &&
	echo "kam: people set P-2: Bo" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 people.csv | 2 +-
	 1 file changed, 1 insertion(+), 1 deletion(-)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'set --name renames; the subject has the new name' '
	cd proj &&
	kam people set p-2 --name "Bo Li" --side partner --org Partner --email bo@p.com --influence 3 --interest 4 &&
	grep "^P-2," people.csv >../row &&
	echo "P-2,Bo Li,partner,Partner,Tech lead,bo@p.com,c git,80,1200.50,3,4" >../expect &&
	test_cmp ../expect ../row &&
	git log -1 --format=%s >../subject &&
	echo "kam: people set P-2: Bo Li" >../expect &&
	test_cmp ../expect ../subject
'

test_expect_success 'set with an empty value unsets an optional field' '
	cd proj &&
	kam people set P-2 --email "" --rate "" --capacity "" &&
	grep "^P-2," people.csv >../row &&
	echo "P-2,Bo Li,partner,Partner,Tech lead,,c git,,,3,4" >../expect &&
	test_cmp ../expect ../row
'

test_expect_success 'set cannot empty a required field' '
	cd proj &&
	cp people.csv ../before &&
	test_expect_code 64 kam people set P-2 --name "" 2>../err &&
	echo "kam: --name: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people set P-2 --side "" 2>../err &&
	echo "kam: --side: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_cmp ../before people.csv
'

test_expect_success 'set: the last of a repeated option wins' '
	cd proj &&
	kam people set P-7 --role first --role second &&
	grep -q "^P-7,Low edge,team,,second," people.csv
'

# ---- map ----

test_expect_success 'map: the stakeholder grid (4-5 is high), unassessed last' '
	cd proj &&
	kam people map >../out &&
	cat >../expect <<-\EOF &&
	quadrant        id   name            side     role       influence  interest
	manage closely  P-1  Wang Wei        client   Sponsor            5         4
	manage closely  P-6  Edge            team     -                  4         4
	keep satisfied  P-4  Zoe             team     Architect          5         2
	keep informed   P-2  Bo Li           partner  Tech lead          3         4
	keep informed   P-3  李娜            partner  -                  2         5
	monitor         P-5  Min             client   -                  1         1
	monitor         P-7  Low edge        team     second             3         3
	unassessed      P-8  Doe, "JD" John  team     -                  -         -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'map --format json has every column plus the quadrant' '
	cd proj &&
	kam people map --format json >../out &&
	head -n 2 ../out >../head &&
	cat >../expect <<-\EOF &&
	[
	{"id":"P-1","name":"Wang Wei","side":"client","org":"ACME","role":"Sponsor","email":"w@acme.cn","skills":"sap erp","capacity":50,"rate":900.00,"influence":5,"interest":4,"quadrant":"manage closely"},
	EOF
	test_cmp ../expect ../head &&
	sed -n "s/.*\"id\":\"\(P-[0-9]*\)\".*\"quadrant\":\"\([a-z ]*\)\".*/\1 \2/p" ../out >../q &&
	cat >../expect <<-\EOF &&
	P-1 manage closely
	P-6 manage closely
	P-4 keep satisfied
	P-2 keep informed
	P-3 keep informed
	P-5 monitor
	P-7 monitor
	P-8 unassessed
	EOF
	test_cmp ../expect ../q
'

test_expect_success 'map --format md and csv' '
	cd proj &&
	kam people map --format md >../out &&
	head -n 3 ../out >../head &&
	cat >../expect <<-\EOF &&
	| quadrant       | id  | name           | side    | role      | influence | interest |
	| -------------- | --- | -------------- | ------- | --------- | --------: | -------: |
	| manage closely | P-1 | Wang Wei       | client  | Sponsor   |         5 |        4 |
	EOF
	test_cmp ../expect ../head &&
	kam people map --format csv | head -n 2 >../out &&
	cat >../expect <<-\EOF &&
	"id","name","side","org","role","email","skills","capacity","rate","influence","interest","quadrant"
	"P-1","Wang Wei","client","ACME","Sponsor","w@acme.cn","sap erp","50","900.00","5","4","manage closely"
	EOF
	test_cmp ../expect ../out
'

# ---- errors ----

snap () {
	git rev-parse HEAD
	sha256sum .git/index people.csv
	git status --porcelain
}

test_expect_success 'add without a name, or with two: 64' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam people add 2>../err &&
	head -n 1 ../err >../first &&
	echo "usage: kam people add name [--side client|team|partner] [--role r] [--org o] [--email e] [--skills list] [--capacity pct] [--rate money] [--influence 1-5] [--interest 1-5]" >../expect &&
	test_cmp ../expect ../first &&
	test_expect_code 64 kam people add Ann Bob 2>/dev/null &&
	test_expect_code 64 kam people add "" 2>../err &&
	echo "kam: name: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'set without options, without an id, unknown option: 64' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam people set P-1 2>../err &&
	head -n 1 ../err >../first &&
	echo "usage: kam people set P-n [--name n] [--side s] [--role r] [--org o] [--email e] [--skills list] [--capacity pct] [--rate money] [--influence 1-5] [--interest 1-5]" >../expect &&
	test_cmp ../expect ../first &&
	test_expect_code 64 kam people set --role x 2>/dev/null &&
	test_expect_code 64 kam people set P-1 --title x 2>../err &&
	head -n 1 ../err >../first &&
	echo "kam: unknown option '"'--title'"'" >../expect &&
	test_cmp ../expect ../first &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'set/show of an unknown person: 65; of a malformed id: 64' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam people set P-99 --role x 2>../err &&
	echo "kam: person P-99 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam people show P-99 >../out 2>../err &&
	test ! -s ../out &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people show R-1 2>../err &&
	echo "kam: invalid person id '"'R-1'"' (expected e.g. P-12): wrong prefix for this kind of record" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people set "../P-1" --role x 2>../err &&
	echo "kam: invalid person id '"'../P-1'"' (expected e.g. P-12)" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'bad values: 64 naming the option, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam people add X --side boss 2>../err &&
	echo "kam: --side: invalid value '"'boss'"': expected one of: client team partner" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people add X --capacity 120 2>../err &&
	echo "kam: --capacity: invalid value '"'120'"': expected an integer 0-100" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people add X --rate 12,50 2>../err &&
	echo "kam: --rate: invalid amount '"'12,50'"': use '"'.'"' as decimal separator" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people set P-1 --influence 6 2>../err &&
	echo "kam: --influence: invalid value '"'6'"': expected an integer 1-5" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people list --side nobody 2>../err &&
	echo "kam: --side: invalid value '"'nobody'"': expected one of: client team partner" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam people map extra 2>/dev/null &&
	test_expect_code 64 kam people list extra 2>/dev/null &&
	test_expect_code 64 kam people show 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'an invalid people.csv: 65 for every verb' '
	cd proj &&
	printf "%s\n" "P-3,Twin,team,,,,,,,," >>people.csv &&
	for v in list map "show P-1"; do
		test_expect_code 65 kam people $v >/dev/null 2>../err &&
		echo "kam: people.csv:10: duplicate id P-3 (first defined at people.csv:4)" >../expect &&
		test_cmp ../expect ../err || return 1
	done &&
	git checkout -q people.csv
'

test_expect_success 'an unknown currency code is refused by init (64) and in kam.conf (65)' '
	rm -rf "$TRASH/cur" && mkdir "$TRASH/cur" && cd "$TRASH/cur" &&
	test_expect_code 64 kam init --currency XYZ 2>err &&
	grep -q "not an ISO 4217 code" err &&
	test ! -e kam.conf &&
	kam init --currency USD >/dev/null &&
	git config -f kam.conf project.currency RMB &&
	test_expect_code 65 kam people list 2>err &&
	grep -q "project.currency: .RMB. is not an ISO 4217 code" err
'

test_done
