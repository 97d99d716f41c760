#!/bin/sh
# t2000: the risk register: add, assess, list (filters, sort), show,
# close, occur, matrix, review; score and level; the owner must exist;
# CJK titles line up in the table.
test_description='kam risk'
. "$(dirname "$0")/lib.sh"

H='id,title,category,probability,impact,strategy,owner,status,trigger,response,review,raised'

test_expect_success 'setup: a project with two people' '
	new_project &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/proj" &&
	kam people add Ann >/dev/null &&
	kam people add Bo --side client >/dev/null
'

# ---- add ----

test_expect_success 'add with every option: the id alone, the row, the commit' '
	cd proj &&
	kam risk add "Supplier delay" -p 4 -i 4 --category schedule --owner p-1 \
	    --strategy mitigate --response "weekly calls" --trigger "late PO" \
	    --review 2026-11-01 >../out 2>../err &&
	echo R-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "R-1,Supplier delay,schedule,4,4,mitigate,P-1,open,late PO,weekly calls,2026-11-01,2026-11-27" >../expect &&
	test_cmp ../expect risks.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk add R-1: Supplier delay" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 risks.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'add: long forms --probability/--impact; raised is today' '
	cd proj &&
	kam risk add "数据迁移延误" --probability 5 --impact 3 --category technical \
	    --owner P-2 --review 2026-12-31 >../out &&
	echo R-2 >../expect &&
	test_cmp ../expect ../out &&
	kam --today 2026-10-15 risk add "Key person leaves" -p 2 -i 5 --category people >/dev/null &&
	kam risk add "Scope creep" -p 1 -i 1 >/dev/null &&
	kam risk add "Budget cut" -p 3 -i 3 --category finance --strategy accept \
	    --owner P-1 --response "reserve" >/dev/null &&
	tail -n 4 risks.csv >../rows &&
	cat >../expect <<-\EOF &&
	R-2,数据迁移延误,technical,5,3,,P-2,open,,,2026-12-31,2026-11-27
	R-3,Key person leaves,people,2,5,,,open,,,,2026-10-15
	R-4,Scope creep,,1,1,,,open,,,,2026-11-27
	R-5,Budget cut,finance,3,3,accept,P-1,open,,reserve,,2026-11-27
	EOF
	test_cmp ../expect ../rows
'

snap () {
	git rev-parse HEAD
	sha256sum .git/index risks.csv
	git status --porcelain
}

test_expect_success 'add: the owner must exist (65), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam risk add "Orphan" -p 1 -i 1 --owner P-9 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk add "Orphan" -p 1 -i 1 --owner R-1 2>../err &&
	echo "kam: invalid person id '"'R-1'"' (expected e.g. P-12): wrong prefix for this kind of record" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'add: usage errors (64), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam risk add "No impact" -p 3 2>../err &&
	echo "kam: a new risk needs -p (probability 1-5) and -i (impact 1-5)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk add "No probability" -i 3 2>../err &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk add -p 1 -i 1 2>/dev/null &&
	test_expect_code 64 kam risk add a b -p 1 -i 1 2>/dev/null &&
	test_expect_code 64 kam risk add "" -p 1 -i 1 2>../err &&
	echo "kam: title: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk add x -p 1 -i 1 --strategy ignore 2>../err &&
	echo "kam: --strategy: invalid value '"'ignore'"': expected one of: avoid mitigate transfer accept" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk add x -p 1 -i 1 --review tomorrow 2>../err &&
	echo "kam: --review: invalid value '"'tomorrow'"': expected YYYY-MM-DD" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'add: many options are refused, never overflow' '
	cd proj &&
	args= && i=0 &&
	while test $i -lt 40; do args="$args -p 1"; i=$((i + 1)); done &&
	test_expect_code 64 kam risk add x -i 1 $args 2>../err &&
	echo "kam: too many options" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk assess R-1 $args 2>../err &&
	test_cmp ../expect ../err
'

# ---- list ----

test_expect_success 'list: the table, sorted by id, with score and level' '
	cd proj &&
	kam risk list >../out &&
	cat >../expect <<-\EOF &&
	id   title              category   probability  impact  score  level     owner  status  review
	R-1  Supplier delay     schedule             4       4     16  critical  P-1    open    2026-11-01
	R-2  数据迁移延误       technical            5       3     15  critical  P-2    open    2026-12-31
	R-3  Key person leaves  people               2       5     10  high      -      open    -
	R-4  Scope creep        -                    1       1      1  low       -      open    -
	R-5  Budget cut         finance              3       3      9  medium    P-1    open    -
	EOF
	test_cmp ../expect ../out
'

# The display column where the text after the title starts, with each
# CJK character (3 UTF-8 bytes here) counted as two columns.
display_col () {
	LC_ALL=C sed "s/[\xe4-\xe9][\x80-\xbf][\x80-\xbf]/XX/g" |
	    awk -v w="$1" "{ print index(\$0, w) }"
}

test_expect_success 'a Chinese title lines up with ASCII titles' '
	cd proj &&
	kam risk list >../out &&
	grep "^R-1 " ../out | display_col schedule >../a &&
	grep "^R-2 " ../out | display_col technical >../b &&
	grep "^R-3 " ../out | display_col people >../c &&
	test_cmp ../a ../b &&
	test_cmp ../a ../c &&
	test "$(cat ../a)" = 25 &&
	grep "^R-1 " ../out | display_col 2026-11-01 >../a &&
	grep "^R-2 " ../out | display_col 2026-12-31 >../b &&
	test_cmp ../a ../b &&
	kam risk list --format md >../md &&
	grep "| R-1 " ../md | display_col "| schedule" >../a &&
	grep "| R-2 " ../md | display_col "| technical" >../b &&
	test_cmp ../a ../b
'

test_expect_success 'list --open and --status' '
	cd proj &&
	kam risk close R-4 &&
	kam risk occur R-3 &&
	kam risk list --open --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-2\"\n\"R-5\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --status closed --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-4\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --status occurred --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-3\"\n" >../expect &&
	test_cmp ../expect ../ids
'

test_expect_success 'list --min-score N keeps score >= N' '
	cd proj &&
	kam risk list --min-score 15 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-2\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --min-score 16 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --min-score 25 --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out &&
	kam risk list --min-score 0 --format csv | cut -d, -f1 >../ids &&
	test "$(wc -l <../ids)" = 6
'

test_expect_success 'list --owner (case-insensitive) and --category' '
	cd proj &&
	kam risk list --owner p-1 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-5\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --category technical --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-2\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --owner P-9 --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'filters combine' '
	cd proj &&
	kam risk list --open --owner P-1 --min-score 10 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk list --open --category people --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'list --sort score: highest first, ties by id' '
	cd proj &&
	kam risk add "Tie" -p 3 -i 5 >/dev/null &&
	kam risk list --sort score --format csv | cut -d, -f1,13 >../ids &&
	cat >../expect <<-\EOF &&
	"id","score"
	"R-1","16"
	"R-2","15"
	"R-6","15"
	"R-3","10"
	"R-5","9"
	"R-4","1"
	EOF
	test_cmp ../expect ../ids
'

test_expect_success 'list --sort review: earliest first, unset last; --sort id' '
	cd proj &&
	kam risk assess R-5 --review 2026-11-15 &&
	kam risk list --sort review --format csv | cut -d, -f1,11 >../ids &&
	cat >../expect <<-\EOF &&
	"id","review"
	"R-1","2026-11-01"
	"R-5","2026-11-15"
	"R-2","2026-12-31"
	"R-3",""
	"R-4",""
	"R-6",""
	EOF
	test_cmp ../expect ../ids &&
	kam risk list --sort id --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-2\"\n\"R-3\"\n\"R-4\"\n\"R-5\"\n\"R-6\"\n" >../expect &&
	test_cmp ../expect ../ids
'

test_expect_success 'list: bad options are usage errors' '
	cd proj &&
	test_expect_code 64 kam risk list --min-score 26 2>../err &&
	echo "kam: --min-score: '"'26'"' is not a score 0-25" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk list --min-score x 2>/dev/null &&
	test_expect_code 64 kam risk list --sort title 2>../err &&
	echo "kam: --sort: expected score, id or review, not '"'title'"'" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk list --owner bob 2>../err &&
	echo "kam: --owner: invalid person id '"'bob'"' (expected e.g. P-3)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk list --status shut 2>../err &&
	echo "kam: --status: invalid value '"'shut'"': expected one of: open closed occurred" >../expect &&
	test_cmp ../expect ../err
'

test_expect_success 'list --format json: every column, score and level' '
	cd proj &&
	kam risk list --owner P-1 --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"R-1","title":"Supplier delay","category":"schedule","probability":4,"impact":4,"strategy":"mitigate","owner":"P-1","status":"open","trigger":"late PO","response":"weekly calls","review":"2026-11-01","raised":"2026-11-27","score":16,"level":"critical"},
	{"id":"R-5","title":"Budget cut","category":"finance","probability":3,"impact":3,"strategy":"accept","owner":"P-1","status":"open","trigger":null,"response":"reserve","review":"2026-11-15","raised":"2026-11-27","score":9,"level":"medium"}
	]
	EOF
	test_cmp ../expect ../out
'

# ---- levels ----

test_expect_success 'level: low 1-4, medium 5-9, high 10-14, critical >= 15' '
	new_project levels &&
	for pi in "1 4" "1 5" "3 3" "2 5" "4 3" "3 5" "5 5" "2 2"; do
		set -- $pi &&
		kam risk add "p$1 i$2" -p $1 -i $2 >/dev/null || return 1
	done &&
	kam risk list --format csv | cut -d, -f4,5,13,14 >../lv &&
	cat >../expect <<-\EOF &&
	"probability","impact","score","level"
	"1","4","4","low"
	"1","5","5","medium"
	"3","3","9","medium"
	"2","5","10","high"
	"4","3","12","high"
	"3","5","15","critical"
	"5","5","25","critical"
	"2","2","4","low"
	EOF
	test_cmp ../expect ../lv &&
	kam risk assess R-8 -p 3 -i 3 &&
	kam risk show R-8 --format json >../out &&
	grep -q "\"score\":9,\"level\":\"medium\"}\$" ../out
'

# ---- show ----

test_expect_success 'show: every column, then score and level' '
	cd proj &&
	kam risk show r-1 >../out &&
	cat >../expect <<-\EOF &&
	id:          R-1
	title:       Supplier delay
	category:    schedule
	probability: 4
	impact:      4
	strategy:    mitigate
	owner:       P-1
	status:      open
	trigger:     late PO
	response:    weekly calls
	review:      2026-11-01
	raised:      2026-11-27
	score:       16
	level:       critical
	EOF
	test_cmp ../expect ../out &&
	kam risk show R-4 --format json >../out &&
	echo "{\"id\":\"R-4\",\"title\":\"Scope creep\",\"category\":null,\"probability\":1,\"impact\":1,\"strategy\":null,\"owner\":null,\"status\":\"closed\",\"trigger\":null,\"response\":null,\"review\":null,\"raised\":\"2026-11-27\",\"score\":1,\"level\":\"low\"}" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'show: errors' '
	cd proj &&
	test_expect_code 65 kam risk show R-99 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: risk R-99 does not exist in risks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk show ../x 2>../err &&
	echo "kam: invalid risk id '"'../x'"' (expected e.g. R-12)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk show 2>/dev/null &&
	test_expect_code 64 kam risk show R-1 R-2 2>/dev/null
'

# ---- assess ----

test_expect_success 'assess: re-assessment in one commit, history in git log' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam risk assess R-2 -p 2 -i 4 --strategy mitigate --response "parallel run" \
	    --trigger "test load fails" >../out &&
	test ! -s ../out &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	grep "^R-2," risks.csv >../row &&
	echo "R-2,数据迁移延误,technical,2,4,mitigate,P-2,open,test load fails,parallel run,2026-12-31,2026-11-27" >../expect &&
	test_cmp ../expect ../row &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk assess R-2: 数据迁移延误" >../expect &&
	test_cmp ../expect ../subject &&
	git log --format=%s -- risks.csv | grep -c "R-2" >../count &&
	echo 2 >../expect &&
	test_cmp ../expect ../count
'

test_expect_success 'add takes the title as its argument, not --title: 64' '
	cd proj &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 64 kam risk add "A" --title "B" -p 1 -i 1 2>../err &&
	grep "takes the title as its argument" ../err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'assess that changes nothing: 1, no commit (exit 0 means one commit)' '
	cd proj &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 1 kam risk assess R-2 -p 2 -i 4 2>../err &&
	grep "risk assess R-2: nothing to change" ../err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'assess --title renames; --owner "" unsets; owner must exist' '
	cd proj &&
	kam risk assess R-6 --title "Tie broken" --owner P-2 &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk assess R-6: Tie broken" >../expect &&
	test_cmp ../expect ../subject &&
	kam risk assess R-6 --owner "" &&
	grep -q "^R-6,Tie broken,,3,5,,,open," risks.csv &&
	snap >../before &&
	test_expect_code 65 kam risk assess R-6 --owner P-3 2>../err &&
	echo "kam: person P-3 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'assess: errors' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam risk assess R-1 2>../err &&
	head -n 1 ../err >../first &&
	echo "usage: kam risk assess R-n [-p 1-5] [-i 1-5] [--title t] [--category c] [--owner P-n] [--strategy s] [--response text] [--trigger text] [--review date]" >../expect &&
	test_cmp ../expect ../first &&
	test_expect_code 65 kam risk assess R-99 -p 1 2>../err &&
	echo "kam: risk R-99 does not exist in risks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk assess R-1 -p 0 2>../err &&
	echo "kam: -p: invalid value '"'0'"': expected an integer 1-5" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk assess R-1 --title "" 2>../err &&
	echo "kam: --title: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'a dangling owner in the file blocks risk writes until repaired' '
	cd proj &&
	sed "s/^R-5,Budget cut,finance,3,3,accept,P-1,/R-5,Budget cut,finance,3,3,accept,P-7,/" risks.csv >../edited &&
	cp ../edited risks.csv &&
	git commit -q -am "hand edit: owner P-7" &&
	snap >../before &&
	test_expect_code 65 kam risk add "Blocked" -p 1 -i 1 2>../err &&
	echo "kam: risks.csv:6: owner: person P-7 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam risk assess R-1 -p 3 2>../err &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after &&
	kam risk assess R-5 --owner P-1 &&
	kam risk add "Unblocked" -p 1 -i 1 >../out &&
	echo R-7 >../expect &&
	test_cmp ../expect ../out
'

# ---- close and occur ----

test_expect_success 'close and occur set the status, one commit each' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam risk close R-7 >../out &&
	test ! -s ../out &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk close R-7: Unblocked" >../expect &&
	test_cmp ../expect ../subject &&
	kam risk occur r-6 &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk occur R-6: Tie broken" >../expect &&
	test_cmp ../expect ../subject &&
	test "$(git rev-list --count HEAD)" = $((n + 2)) &&
	kam risk list --format csv | cut -d, -f1,8 | tail -n 2 >../st &&
	printf "\"R-6\",\"occurred\"\n\"R-7\",\"closed\"\n" >../expect &&
	test_cmp ../expect ../st
'

test_expect_success 'closing a closed risk, occurring an occurred one: 65' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam risk close R-7 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: risk R-7 is already closed" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam risk occur R-6 2>../err &&
	echo "kam: risk R-6 is already occurred" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam risk close R-99 2>../err &&
	echo "kam: risk R-99 does not exist in risks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk close 2>/dev/null &&
	test_expect_code 64 kam risk occur R-1 --now 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'an occurred risk can still be closed' '
	cd proj &&
	kam risk close R-3 &&
	grep -q "^R-3,Key person leaves,people,2,5,,,closed," risks.csv
'

# ---- matrix ----

test_expect_success 'matrix: open risks by probability x impact' '
	cd proj &&
	kam risk matrix >../out &&
	cat >../expect <<-\EOF &&
	open risks: probability (rows) x impact (columns)

	      impact 1    2    3    4    5
	prob 5       0    0    0    0    0
	prob 4       0    0    0    1    0
	prob 3       0    0    1    0    0
	prob 2       0    0    0    1    0
	prob 1       0    0    0    0    0

	levels: low 1-4, medium 5-9, high 10-14, critical >=15 (score = probability x impact)
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'matrix --all counts every risk' '
	cd proj &&
	kam risk matrix --all >../out &&
	cat >../expect <<-\EOF &&
	all risks: probability (rows) x impact (columns)

	      impact 1    2    3    4    5
	prob 5       0    0    0    0    0
	prob 4       0    0    0    1    0
	prob 3       0    0    1    0    1
	prob 2       0    0    0    1    1
	prob 1       2    0    0    0    0

	levels: low 1-4, medium 5-9, high 10-14, critical >=15 (score = probability x impact)
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'matrix --format json: 25 cells, high probability first, ids' '
	cd proj &&
	kam risk matrix --all --format json >../out &&
	test "$(grep -c "^{" ../out)" = 25 &&
	sed -n 2p ../out >../first &&
	echo "{\"probability\":5,\"impact\":1,\"score\":5,\"level\":\"medium\",\"count\":0,\"ids\":[]}," >../expect &&
	test_cmp ../expect ../first &&
	grep "\"probability\":1,\"impact\":1," ../out >../cell &&
	echo "{\"probability\":1,\"impact\":1,\"score\":1,\"level\":\"low\",\"count\":2,\"ids\":[\"R-4\",\"R-7\"]}," >../expect &&
	test_cmp ../expect ../cell &&
	grep "\"probability\":3,\"impact\":5," ../out >../cell &&
	echo "{\"probability\":3,\"impact\":5,\"score\":15,\"level\":\"critical\",\"count\":1,\"ids\":[\"R-6\"]}," >../expect &&
	test_cmp ../expect ../cell &&
	tail -n 2 ../out >../last &&
	printf "%s\n]\n" "{\"probability\":1,\"impact\":5,\"score\":5,\"level\":\"medium\",\"count\":0,\"ids\":[]}" >../expect &&
	test_cmp ../expect ../last
'

test_expect_success 'matrix --format csv' '
	cd proj &&
	kam risk matrix --format csv >../out &&
	test "$(wc -l <../out)" = 26 &&
	head -n 1 ../out >../first &&
	echo "\"probability\",\"impact\",\"score\",\"level\",\"count\",\"ids\"" >../expect &&
	test_cmp ../expect ../first &&
	grep "^\"4\",\"4\"," ../out >../cell &&
	echo "\"4\",\"4\",\"16\",\"critical\",\"1\",\"R-1\"" >../expect &&
	test_cmp ../expect ../cell
'

test_expect_success 'matrix: usage errors' '
	cd proj &&
	test_expect_code 64 kam risk matrix extra 2>/dev/null &&
	test_expect_code 64 kam risk matrix --open 2>/dev/null
'

# ---- review ----

test_expect_success 'review: past review date, critical without owner or response' '
	cd proj &&
	kam risk add "Critical, nobody" -p 5 -i 4 --review 2026-11-26 >/dev/null &&
	kam risk add "Critical, owner only" -p 4 -i 4 --owner P-2 >/dev/null &&
	kam risk add "Reviewed today" -p 1 -i 1 --review 2026-11-27 >/dev/null &&
	kam risk add "Closed and late" -p 5 -i 5 --review 2026-01-01 >/dev/null &&
	kam risk close R-11 &&
	kam risk review >../out &&
	cat >../expect <<-\EOF &&
	id   title                 score  review      owner  reason
	R-1  Supplier delay           16  2026-11-01  P-1    review was due 2026-11-01
	R-5  Budget cut                9  2026-11-15  P-1    review was due 2026-11-15
	R-8  Critical, nobody         20  2026-11-26  -      review was due 2026-11-26; critical (score 20) without an owner; critical (score 20) without a response
	R-9  Critical, owner only     16  -           P-2    critical (score 16) without a response
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'review follows --today' '
	cd proj &&
	kam risk review --today 2026-11-10 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-8\"\n\"R-9\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam risk review --today 2027-01-01 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"R-1\"\n\"R-2\"\n\"R-5\"\n\"R-8\"\n\"R-9\"\n\"R-10\"\n" >../expect &&
	test_cmp ../expect ../ids
'

test_expect_success 'review follows health.risk-critical of kam.conf' '
	cd proj &&
	git config -f kam.conf health.risk-critical 20 &&
	kam risk review --today 2026-10-01 --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"R-8","title":"Critical, nobody","score":20,"review":"2026-11-26","owner":null,"reason":"critical (score 20) without an owner; critical (score 20) without a response"}
	]
	EOF
	test_cmp ../expect ../out &&
	git checkout -q kam.conf
'

test_expect_success 'review with nothing to report' '
	new_project calm &&
	kam risk add "Fine" -p 1 -i 1 >/dev/null &&
	kam risk review >../out &&
	echo "id  title  score  review  owner  reason" >../expect &&
	test_cmp ../expect ../out &&
	kam risk review --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'every risk verb fails with 65 on an invalid risks.csv' '
	new_project broken &&
	printf "%s\nR-1,a,,3,5,,,open,,,,\nR-1,b,,3,5,,,open,,,,\n" "$H" >risks.csv &&
	git commit -q -am duplicate &&
	for v in list matrix review "show R-1" "close R-1" "occur R-1" \
	    "assess R-1 -p 2" "add x -p 1 -i 1"; do
		test_expect_code 65 kam risk $v >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: risks.csv:3: duplicate id R-1 (first defined at risks.csv:2)" >../expect &&
		test_cmp ../expect ../err || return 1
	done
'

# ---- reopen (issue 17, smaller items) ----

test_expect_success 'reopen: a closed risk is open again, one commit' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam risk reopen r-7 >../out &&
	test ! -s ../out &&
	git log -1 --format=%s >../subject &&
	echo "kam: risk reopen R-7: Unblocked" >../expect &&
	test_cmp ../expect ../subject &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	kam risk list --format csv | grep "^\"R-7\"" | cut -d, -f1,8 >../st &&
	echo "\"R-7\",\"open\"" >../expect &&
	test_cmp ../expect ../st
'

test_expect_success 'reopen refusals: an open risk, an occurred one (65), usage (64)' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam risk reopen R-7 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: risk R-7 is already open" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam risk reopen R-6 2>../err &&
	echo "kam: risk R-6 occurred: it is an issue of the issue log now; only a closed risk is reopened" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam risk reopen 2>/dev/null &&
	test_expect_code 64 kam risk reopen R-7 R-6 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after &&
	kam __complete risk re >../out &&
	grep -qx reopen ../out
'

test_done
