#!/bin/sh
# t0300: the output formats of read commands (SPEC §3, RELIABILITY S2,
# S5): JSON types and nulls, CSV formula-injection escaping, Markdown
# tables, escaped control characters and bidi overrides in the terminal
# table, stdout write errors (74), colour only on a terminal and never
# with NO_COLOR.
test_description='output formats'
. "$(dirname "$0")/lib.sh"

H='id,title,category,probability,impact,strategy,owner,status,trigger,response,review,raised'
P='id,name,side,org,role,email,skills,capacity,rate,influence,interest'

test_expect_success 'setup: hostile and ordinary values, committed by hand' '
	new_project &&
	test "$(git rev-parse --show-toplevel)" = "$TRASH/proj" &&
	printf "%s\n" "$P" \
	    "P-1,Ann,team,ACME,PM,ann@example.com,c sql,80,900.00,4,5" \
	    "P-2,-12.50,client,\"=HYPERLINK(\"\"x\"\")\",+1 555,@ann,,,12.50,," \
	    "P-3,Plain,partner,,,,,,,," >people.csv &&
	printf "%s\n" "$H" \
	    "R-1,=1+2,+cat,3,4,mitigate,P-1,open,-trig,@resp,2026-12-01,2026-11-02" \
	    "R-2,\"say \"\"hi\"\", a|b\",\";=1+2\",1,1,,,closed,\" lead\",\"two
lines\",," >risks.csv &&
	tab=$(printf "\t") && cr=$(printf "\r") &&
	printf "%s\n" "R-3,\"${tab}Tab\",\"${cr}cr\",2,2,,,open,\"
nl\",,," >>risks.csv &&
	git add people.csv risks.csv &&
	git commit -q -m fixture &&
	kam risk list >/dev/null &&
	kam people list >/dev/null
'

# ---- JSON ----

test_expect_success 'json: an array of objects; numbers, strings, null' '
	cd proj &&
	kam people list --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"P-1","name":"Ann","side":"team","org":"ACME","role":"PM","email":"ann@example.com","skills":"c sql","capacity":80,"rate":900.00,"influence":4,"interest":5},
	{"id":"P-2","name":"-12.50","side":"client","org":"=HYPERLINK(\"x\")","role":"+1 555","email":"@ann","skills":null,"capacity":null,"rate":12.50,"influence":null,"interest":null},
	{"id":"P-3","name":"Plain","side":"partner","org":null,"role":null,"email":null,"skills":null,"capacity":null,"rate":null,"influence":null,"interest":null}
	]
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'json: escapes quotes, newlines, tabs, CR and control characters' '
	cd proj &&
	kam risk list --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"R-1","title":"=1+2","category":"+cat","probability":3,"impact":4,"strategy":"mitigate","owner":"P-1","status":"open","trigger":"-trig","response":"@resp","review":"2026-12-01","raised":"2026-11-02","score":12,"level":"high"},
	{"id":"R-2","title":"say \"hi\", a|b","category":";=1+2","probability":1,"impact":1,"strategy":null,"owner":null,"status":"closed","trigger":" lead","response":"two\nlines","review":null,"raised":null,"score":1,"level":"low"},
	{"id":"R-3","title":"\tTab","category":"\rcr","probability":2,"impact":2,"strategy":null,"owner":null,"status":"open","trigger":"\nnl","response":null,"review":null,"raised":null,"score":4,"level":"low"}
	]
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'json: an empty result is []' '
	cd proj &&
	kam risk list --status occurred --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'json: show gives one object' '
	cd proj &&
	kam risk show R-1 --format json >../out &&
	echo "{\"id\":\"R-1\",\"title\":\"=1+2\",\"category\":\"+cat\",\"probability\":3,\"impact\":4,\"strategy\":\"mitigate\",\"owner\":\"P-1\",\"status\":\"open\",\"trigger\":\"-trig\",\"response\":\"@resp\",\"review\":\"2026-12-01\",\"raised\":\"2026-11-02\",\"score\":12,\"level\":\"high\"}" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'json: control characters, bidi and CJK in strings' '
	new_project j2 &&
	kam risk add "$(printf "esc\033[2J bel\007 del\177 rlo\342\200\256 数据")" -p 1 -i 1 >/dev/null &&
	kam risk show R-1 --format json >../out &&
	printf "%s\n" "{\"id\":\"R-1\",\"title\":\"esc\\u001b[2J bel\\u0007 del$(printf "\177") rlo$(printf "\342\200\256") 数据\",\"category\":null,\"probability\":1,\"impact\":1,\"strategy\":null,\"owner\":null,\"status\":\"open\",\"trigger\":null,\"response\":null,\"review\":null,\"raised\":\"2026-11-27\",\"score\":1,\"level\":\"low\"}" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success JQ 'json: every document parses (jq)' '
	cd proj &&
	for c in "risk list" "risk show R-2" "risk matrix" "risk review" \
	    "people list" "people show P-2" "people map"; do
		kam $c --format json | jq -e . >/dev/null || return 1
	done &&
	kam risk list --format json | jq -r ".[1].response" >../out &&
	printf "two\nlines\n" >../expect &&
	test_cmp ../expect ../out &&
	kam people list --format json | jq -r ".[1].rate, .[1].skills" >../out &&
	printf -- "12.5\nnull\n" >../expect &&
	test_cmp ../expect ../out
'

# ---- CSV ----

test_expect_success 'csv: every cell quoted, formula triggers prefixed with a quote' '
	cd proj &&
	kam people list --format csv >../out &&
	cat >../expect <<-\EOF &&
	"id","name","side","org","role","email","skills","capacity","rate","influence","interest"
	"P-1","Ann","team","ACME","PM","ann@example.com","c sql","80","900.00","4","5"
	"P-2","-12.50","client","'"'"'=HYPERLINK(""x"")","'"'"'+1 555","'"'"'@ann","","","12.50","",""
	"P-3","Plain","partner","","","","","","","",""
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'csv: = + - @ TAB CR LF at the start; plain numbers kept' '
	cd proj &&
	kam risk list --format csv >../out &&
	tab=$(printf "\t") && cr=$(printf "\r") &&
	cat >../expect <<-EOF &&
	"id","title","category","probability","impact","strategy","owner","status","trigger","response","review","raised","score","level"
	"R-1","'"'"'=1+2","'"'"'+cat","3","4","mitigate","P-1","open","'"'"'-trig","'"'"'@resp","2026-12-01","2026-11-02","12","high"
	"R-2","say ""hi"", a|b",";=1+2","1","1","","","closed"," lead","two
	lines","","","1","low"
	"R-3","'"'"'${tab}Tab","'"'"'${cr}cr","2","2","","","open","'"'"'
	nl","","","","4","low"
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'csv: no cell starts with a trigger except strict numbers (python re-read)' '
	cd proj &&
	if command -v python3 >/dev/null 2>&1; then
		kam risk list --format csv >../r.csv &&
		kam people list --format csv >../p.csv &&
		python3 - ../r.csv ../p.csv <<-\EOF
		import csv, re, sys
		bad = 0
		for f in sys.argv[1:]:
		    for row in csv.reader(open(f, newline="", encoding="utf-8")):
		        for cell in row:
		            if cell[:1] in ("=", "+", "-", "@", "\t", "\r", "\n") and \
		                    not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", cell):
		                print("trigger:", repr(cell)); bad += 1
		sys.exit(1 if bad else 0)
		EOF
	fi
'

test_expect_success 'csv: show gives a header and one row' '
	cd proj &&
	kam people show P-2 --format csv >../out &&
	cat >../expect <<-\EOF &&
	"id","name","side","org","role","email","skills","capacity","rate","influence","interest"
	"P-2","-12.50","client","'"'"'=HYPERLINK(""x"")","'"'"'+1 555","'"'"'@ann","","","12.50","",""
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'csv: the stored file itself is never prefixed' '
	cd proj &&
	grep -q "^R-1,=1+2,+cat," risks.csv &&
	kam risk add "=SUM(A1)" -p 1 -i 1 >/dev/null &&
	tail -n 1 risks.csv >../row &&
	echo "R-4,=SUM(A1),,1,1,,,open,,,,2026-11-27" >../expect &&
	test_cmp ../expect ../row
'

# ---- Markdown ----

test_expect_success 'md: a Markdown table; | escaped, line breaks become spaces' '
	cd proj &&
	kam risk list --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | title          | category | probability | impact | score | level | owner | status | review     |
	| --- | -------------- | -------- | ----------: | -----: | ----: | ----- | ----- | ------ | ---------- |
	| R-1 | =1+2           | +cat     |           3 |      4 |    12 | high  | P-1   | open   | 2026-12-01 |
	| R-2 | say "hi", a\|b | ;=1+2    |           1 |      1 |     1 | low   |       | closed |            |
	| R-3 |  Tab           |  cr      |           2 |      2 |     4 | low   |       | open   |            |
	| R-4 | =SUM(A1)       |          |           1 |      1 |     1 | low   |       | open   |            |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'md: show gives a one-row table with every column' '
	cd proj &&
	kam people show P-3 --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | name  | side    | org | role | email | skills | capacity | rate | influence | interest |
	| --- | ----- | ------- | --- | ---- | ----- | ------ | -------: | ---: | --------: | -------: |
	| P-3 | Plain | partner |     |      |       |        |          |      |           |          |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'md: an empty result is the header and the rule' '
	cd proj &&
	kam risk list --status occurred --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | title | category | probability | impact | score | level | owner | status | review |
	| --- | ----- | -------- | ----------: | -----: | ----: | ----- | ----- | ------ | ------ |
	EOF
	test_cmp ../expect ../out
'

# ---- the terminal table ----

test_expect_success 'table: control characters and bidi overrides are shown escaped' '
	new_project esc &&
	kam risk add "$(printf "Bad\033[2J\007x\342\200\256y")" -p 1 -i 1 --category ok >/dev/null &&
	kam risk add "$(printf "del\177 csi\302\233 bs\010 lri\342\201\246 lrm\342\200\216")" -p 1 -i 1 --category ok >/dev/null &&
	kam risk add "plain" -p 1 -i 1 --category ok >/dev/null &&
	kam risk list >../out &&
	cat >../expect <<-\EOF &&
	id   title                                           category  probability  impact  score  level  owner  status  review
	R-1  Bad\x1b[2J\x07x<U+202E>y                        ok                  1       1      1  low    -      open    -
	R-2  del\x7f csi\x9b bs\x08 lri<U+2066> lrm<U+200E>  ok                  1       1      1  low    -      open    -
	R-3  plain                                           ok                  1       1      1  low    -      open    -
	EOF
	test_cmp ../expect ../out &&
	kam risk show R-1 >../out &&
	sed -n 2p ../out >../line &&
	echo "title:       Bad\\x1b[2J\\x07x<U+202E>y" >../expect &&
	test_cmp ../expect ../line &&
	kam risk list --format md >../md &&
	grep -q "| Bad\\\\x1b\[2J\\\\x07x<U+202E>y " ../md
'

test_expect_success 'table: no raw C0 or C1 control byte and no bidi override on stdout' '
	cd esc &&
	for c in "risk list" "risk show R-1" "risk show R-2" "risk review" "risk list --format md"; do
		kam $c --today 2027-01-01 >../out || return 1
		! tr -d "\n" <../out | LC_ALL=C grep -q "[[:cntrl:]]" &&
		! LC_ALL=C grep -q "$(printf "\302[\200-\237]")" ../out &&
		! LC_ALL=C grep -q "$(printf "\342\200[\252-\256]")" ../out &&
		! LC_ALL=C grep -q "$(printf "\342\201[\246-\251]")" ../out || return 1
	done
'

test_expect_success 'table: the escaped forms count in the column widths' '
	cd esc &&
	kam risk list >../out &&
	awk "{ print index(\$0, \" ok \") }" ../out | sed 1d | sort -u >../cols &&
	test "$(wc -l <../cols)" = 1
'

test_expect_success 'table: unset values are shown as -' '
	cd proj &&
	kam people show P-3 >../out &&
	cat >../expect <<-\EOF &&
	id:        P-3
	name:      Plain
	side:      partner
	org:       -
	role:      -
	email:     -
	skills:    -
	capacity:  -
	rate:      -
	influence: -
	interest:  -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'table: numbers right-aligned, no trailing blanks' '
	cd proj &&
	kam people list >../out &&
	cat >../expect <<-\EOF &&
	id   name    side     org              role    email            capacity  influence  interest
	P-1  Ann     team     ACME             PM      ann@example.com        80          4         5
	P-2  -12.50  client   =HYPERLINK("x")  +1 555  @ann                    -          -         -
	P-3  Plain   partner  -                -       -                       -          -         -
	EOF
	test_cmp ../expect ../out &&
	! grep -q " \$" ../out
'

# ---- write errors on stdout ----

test_expect_success '/dev/full: every read command exits 74 with a message' '
	cd proj &&
	for c in "risk list" "risk list --format json" "risk list --format csv" \
	    "risk list --format md" "risk show R-1" "risk matrix" \
	    "risk matrix --format json" "risk review" "people list" \
	    "people show P-1" "people map" "--version" "-h" "risk -h"; do
		test_expect_code 74 kam $c >/dev/full 2>../err &&
		echo "kam: cannot write to standard output: No space left on device" >../expect &&
		test_cmp ../expect ../err || return 1
	done
'

test_expect_success 'a closed stdout is an error too, never a silent success' '
	cd proj &&
	test_expect_code 74 kam risk list >&- 2>../err &&
	grep -q "^kam: cannot write to standard output: " ../err
'

# ---- colour ----

have_script () {
	command -v script >/dev/null 2>&1
}

on_tty () {
	TERM=${TERM_FOR_TEST:-xterm} script -qec "$*" /dev/null </dev/null
}

test_expect_success 'colour: bold header on a terminal' '
	cd proj &&
	if have_script; then
		on_tty "$KAM risk list" >../out &&
		head -n 1 ../out | LC_ALL=C grep -q "^$(printf "\033")\[1mid  " &&
		head -n 1 ../out | LC_ALL=C grep -q "review$(printf "\033")\[0m" &&
		test "$(LC_ALL=C grep -c "$(printf "\033")" ../out)" = 1
	fi
'

test_expect_success 'colour: never when piped' '
	cd proj &&
	kam risk list >../out &&
	kam risk matrix >>../out &&
	! LC_ALL=C grep -q "$(printf "\033")" ../out
'

test_expect_success 'colour: never with NO_COLOR, nor TERM=dumb' '
	cd proj &&
	if have_script; then
		on_tty "NO_COLOR=1 $KAM risk list" >../out &&
		! LC_ALL=C grep -q "$(printf "\033")" ../out &&
		on_tty "NO_COLOR=1 $KAM risk matrix" >../out &&
		! LC_ALL=C grep -q "$(printf "\033")" ../out &&
		TERM_FOR_TEST=dumb on_tty "$KAM risk list" >../out &&
		! LC_ALL=C grep -q "$(printf "\033")" ../out &&
		on_tty "NO_COLOR= $KAM risk list" >../out &&
		LC_ALL=C grep -q "$(printf "\033")" ../out
	fi
'

test_expect_success 'colour: the matrix cells by level on a terminal' '
	cd proj &&
	if have_script; then
		on_tty "$KAM risk matrix --all" >../out &&
		LC_ALL=C grep -q "$(printf "\033")\[41;97m" ../out &&
		LC_ALL=C grep -q "$(printf "\033")\[42;30m" ../out
	fi
'

test_expect_success 'colour: never in json, csv or md, even on a terminal' '
	cd proj &&
	if have_script; then
		for f in json csv md; do
			on_tty "$KAM risk list --format $f" >../out &&
			! LC_ALL=C grep -q "$(printf "\033")" ../out || return 1
		done
	fi
'

test_done
