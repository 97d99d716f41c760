#!/bin/sh
# t7400: quality checks: qa check (subjects: ids in any case, text; the
# reviewer; dates), qa list (filters, formats), qa show, qa report (pass
# rate, latest check per subject, open defects by severity, rework hours,
# checks by month) in every format; refused inputs change nothing; the
# interplay with kam req done and kam check.
test_description='kam qa'
. "$(dirname "$0")/lib.sh"

H='id,subject,criterion,date,reviewer,result,note'

snap () {
	git rev-parse HEAD
	sha256sum .git/index quality.csv
	git status --porcelain
}

# refused CODE MESSAGE ARGS...: kam ARGS exits CODE, prints nothing on
# stdout and exactly "kam: MESSAGE" on stderr (besides the usage line
# that some usage errors print), and changes nothing.
refused () {
	code=$1 msg=$2
	shift 2
	snap >../before &&
	test_expect_code "$code" kam "$@" >../out 2>../err &&
	test ! -s ../out &&
	grep -v "^usage: " ../err >../err1 &&
	echo "kam: $msg" >../expect &&
	test_cmp ../expect ../err1 &&
	snap >../after &&
	test_cmp ../before ../after
}

test_expect_success 'setup: people, a requirement, a task' '
	new_project &&
	kam people add "Carol Client" --side client >/dev/null &&
	kam people add "Quinn QA" --side team >/dev/null &&
	kam req add "Single sign-on" --priority must --source P-1 \
	    --acceptance "ACME accounts log in" >/dev/null &&
	kam task add "Build SSO" --duration 3 >/dev/null &&
	test "$(head -n 1 quality.csv)" = "$H"
'

# ---- check ----

test_expect_success 'check with every option: the id alone, the row, the commit' '
	cd proj &&
	kam qa check req-1 --criterion "ACME accounts log in" --result fail \
	    --by p-2 --date 2026-11-20 --note "build 1.4.1" >../out 2>../err &&
	echo Q-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "Q-1,REQ-1,ACME accounts log in,2026-11-20,P-2,fail,build 1.4.1" >../expect &&
	test_cmp ../expect quality.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: qa check Q-1: REQ-1 fail: ACME accounts log in" >../expect &&
	test_cmp ../expect ../subject &&
	git log -1 --format=%b >../body &&
	printf "%s\n\n" "Reviewed by P-2 (Quinn QA) on 2026-11-20." >../expect &&
	test_cmp ../expect ../body &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 quality.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'check: date today by default, task and text subjects, -m' '
	cd proj &&
	kam qa check REQ-1 --criterion "ACME accounts log in" --result pass \
	    --by P-2 >../out &&
	echo Q-2 >../expect &&
	test_cmp ../expect ../out &&
	kam qa check t-1 --criterion "builds clean" --result pass --by P-1 \
	    --date 2026-10-30 >/dev/null &&
	kam qa check "Login page" --criterion "WCAG 2.1 AA" --result fail \
	    --by P-2 --date 2026-10-01 -m "screen reader fails" >/dev/null &&
	kam qa check "login PAGE" --criterion "WCAG 2.1 AA" --result pass \
	    --by P-2 --date 2026-10-03 >/dev/null &&
	kam qa check "登录页面" --criterion "中文显示" --result pass \
	    --by P-2 --date 2026-11-02 >/dev/null &&
	tail -n 5 quality.csv >../rows &&
	cat >../expect <<-\EOF &&
	Q-2,REQ-1,ACME accounts log in,2026-11-27,P-2,pass,
	Q-3,T-1,builds clean,2026-10-30,P-1,pass,
	Q-4,Login page,WCAG 2.1 AA,2026-10-01,P-2,fail,
	Q-5,login PAGE,WCAG 2.1 AA,2026-10-03,P-2,pass,
	Q-6,登录页面,中文显示,2026-11-02,P-2,pass,
	EOF
	test_cmp ../expect ../rows &&
	git log -1 --skip=2 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: qa check Q-4: Login page fail: WCAG 2.1 AA

	Reviewed by P-2 (Quinn QA) on 2026-10-01.

	screen reader fails

	EOF
	test_cmp ../expect ../msg
'

test_expect_success 'check: a subject may be any existing record' '
	cd proj &&
	kam risk add "SSO vendor late" -p 2 -i 3 >/dev/null &&
	kam qa check r-1 --criterion "mitigation tested" --result pass \
	    --by P-2 --date 2026-11-03 >../out &&
	echo Q-7 >../expect &&
	test_cmp ../expect ../out &&
	grep -q "^Q-7,R-1,mitigation tested,2026-11-03,P-2,pass,\$" quality.csv
'

test_expect_success 'check dated before the latest check of its subject: recorded, with a warning' '
	cd proj &&
	kam qa check REQ-1 --criterion "old run" --result fail --by P-2 \
	    --date 2026-11-21 >../out 2>../err &&
	echo Q-8 >../expect &&
	test_cmp ../expect ../out &&
	echo "kam: warning: Q-8 is dated before Q-2, the latest check of REQ-1 (pass), which still decides" >../expect &&
	test_cmp ../expect ../err &&
	git log -1 --format=%b >../body &&
	printf "%s\n%s\n\n" "Reviewed by P-2 (Quinn QA) on 2026-11-21." \
	    "The latest check of REQ-1 is still Q-2 (pass, 2026-11-27)." >../expect &&
	test_cmp ../expect ../body
'

test_expect_success 'check: usage errors (64), nothing changed' '
	cd proj &&
	refused 64 "a quality check needs --criterion TEXT, --result pass|fail and --by P-n (the reviewer)" \
	    qa check REQ-1 --criterion x --result pass &&
	refused 64 "a quality check needs --criterion TEXT, --result pass|fail and --by P-n (the reviewer)" \
	    qa check REQ-1 --result pass --by P-2 &&
	refused 64 "a quality check needs --criterion TEXT, --result pass|fail and --by P-n (the reviewer)" \
	    qa check REQ-1 --criterion x --by P-2 &&
	refused 64 "invalid usage (see '"'kam help'"')" \
	    qa check --criterion x --result pass --by P-2 &&
	refused 64 "invalid usage (see '"'kam help'"')" \
	    qa check a b --criterion x --result pass --by P-2 &&
	refused 64 "unknown option '"'--owner'"'" \
	    qa check a --criterion x --result pass --by P-2 --owner P-1 &&
	refused 64 "--result: invalid value '"'ok'"': expected one of: pass fail" \
	    qa check a --criterion x --result ok --by P-2 &&
	refused 64 "--criterion: invalid value '"''"': must not be empty" \
	    qa check a --criterion "" --result pass --by P-2 &&
	refused 64 "--by: invalid person id '"'Q-1'"' (expected e.g. P-3)" \
	    qa check a --criterion x --result pass --by Q-1 &&
	refused 64 "--date: 2026-11-28 is after today (2026-11-27); record it when it has happened" \
	    qa check a --criterion x --result pass --by P-2 --date 2026-11-28 &&
	refused 64 "--date: invalid date '"'2026-02-30'"': February 2026 has 28 days" \
	    qa check a --criterion x --result pass --by P-2 --date 2026-02-30
'

test_expect_success 'check: subjects that are refused, nothing changed' '
	cd proj &&
	refused 64 "subject: must not be empty; name a record (REQ-3, T-2) or say in words what it is" \
	    qa check "" --criterion x --result pass --by P-2 &&
	refused 64 "subject: must not be empty; name a record (REQ-3, T-2) or say in words what it is" \
	    qa check "  " --criterion x --result pass --by P-2 &&
	refused 64 "subject: '"'ISO-9001'"' looks like an id, but no kam table has the prefix ISO-; name a record (REQ-3, T-2) or describe the subject in words" \
	    qa check ISO-9001 --criterion x --result pass --by P-2 &&
	refused 64 "subject: an expense (e-1) cannot be a subject; name the task it was spent on, or describe the subject in words" \
	    qa check e-1 --criterion x --result pass --by P-2 &&
	refused 64 "subject: invalid requirement id '"'REQ-01'"' (expected e.g. REQ-12)" \
	    qa check REQ-01 --criterion x --result pass --by P-2 &&
	refused 65 "requirement REQ-9 does not exist in requirements.csv" \
	    qa check req-9 --criterion x --result pass --by P-2 &&
	refused 65 "task T-2 does not exist in tasks.csv" \
	    qa check T-2 --criterion x --result pass --by P-2 &&
	refused 65 "person P-9 does not exist in people.csv" \
	    qa check REQ-1 --criterion x --result pass --by P-9
'

test_expect_success 'check: invalid UTF-8 in a value is refused (64)' '
	cd proj &&
	bad=$(printf "caf\351") &&
	refused 64 "--note: value is not valid UTF-8 (byte 3)" \
	    qa check REQ-1 --criterion x --result pass --by P-2 --note "$bad"
'

test_expect_success 'check: a dangling reviewer in quality.csv blocks checks until repaired' '
	cd proj &&
	sed "s/^Q-3,T-1,builds clean,2026-10-30,P-1,/Q-3,T-1,builds clean,2026-10-30,P-7,/" quality.csv >../edited &&
	cp ../edited quality.csv &&
	git commit -q -am "hand edit: reviewer P-7" &&
	refused 65 "quality.csv:4: reviewer: person P-7 does not exist in people.csv" \
	    qa check REQ-1 --criterion x --result pass --by P-2 &&
	git revert --no-edit HEAD >/dev/null &&
	grep -q "^Q-3,T-1,builds clean,2026-10-30,P-1," quality.csv
'

# ---- list ----

test_expect_success 'list: the table, by id, without the note' '
	cd proj &&
	kam qa list >../out &&
	cat >../expect <<-\EOF &&
	id   subject     criterion             date        reviewer  result
	Q-1  REQ-1       ACME accounts log in  2026-11-20  P-2       fail
	Q-2  REQ-1       ACME accounts log in  2026-11-27  P-2       pass
	Q-3  T-1         builds clean          2026-10-30  P-1       pass
	Q-4  Login page  WCAG 2.1 AA           2026-10-01  P-2       fail
	Q-5  login PAGE  WCAG 2.1 AA           2026-10-03  P-2       pass
	Q-6  登录页面    中文显示              2026-11-02  P-2       pass
	Q-7  R-1         mitigation tested     2026-11-03  P-2       pass
	Q-8  REQ-1       old run               2026-11-21  P-2       fail
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --subject: ids in any case, text ignoring case' '
	cd proj &&
	kam qa list --subject req-1 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"Q-1\"\n\"Q-2\"\n\"Q-8\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam qa list --subject "LOGIN page" --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"Q-4\"\n\"Q-5\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam qa list --subject "登录页面" --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"Q-6\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam qa list --subject REQ-77 --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'list --result, and filters combine' '
	cd proj &&
	kam qa list --result fail --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"Q-1\"\n\"Q-4\"\n\"Q-8\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam qa list --subject REQ-1 --result pass --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"Q-2\"\n" >../expect &&
	test_cmp ../expect ../ids
'

test_expect_success 'list --format json and csv: every column, the note included' '
	cd proj &&
	kam qa list --subject REQ-1 --result fail --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"Q-1","subject":"REQ-1","criterion":"ACME accounts log in","date":"2026-11-20","reviewer":"P-2","result":"fail","note":"build 1.4.1"},
	{"id":"Q-8","subject":"REQ-1","criterion":"old run","date":"2026-11-21","reviewer":"P-2","result":"fail","note":null}
	]
	EOF
	test_cmp ../expect ../out &&
	kam qa list --result fail --subject req-1 --format csv >../out &&
	cat >../expect <<-\EOF &&
	"id","subject","criterion","date","reviewer","result","note"
	"Q-1","REQ-1","ACME accounts log in","2026-11-20","P-2","fail","build 1.4.1"
	"Q-8","REQ-1","old run","2026-11-21","P-2","fail",""
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --format md' '
	cd proj &&
	kam qa list --subject t-1 --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | subject | criterion    | date       | reviewer | result |
	| --- | ------- | ------------ | ---------- | -------- | ------ |
	| Q-3 | T-1     | builds clean | 2026-10-30 | P-1      | pass   |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list: usage errors' '
	cd proj &&
	test_expect_code 64 kam qa list --result maybe 2>../err &&
	echo "kam: --result: invalid value '"'maybe'"': expected one of: pass fail" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam qa list --result "" 2>/dev/null &&
	test_expect_code 64 kam qa list extra 2>/dev/null &&
	test_expect_code 64 kam qa list --open 2>/dev/null
'

# ---- show ----

test_expect_success 'show: every field; json' '
	cd proj &&
	kam qa show q-1 >../out &&
	cat >../expect <<-\EOF &&
	id:        Q-1
	subject:   REQ-1
	criterion: ACME accounts log in
	date:      2026-11-20
	reviewer:  P-2
	result:    fail
	note:      build 1.4.1
	EOF
	test_cmp ../expect ../out &&
	kam qa show Q-3 --format json >../out &&
	echo "{\"id\":\"Q-3\",\"subject\":\"T-1\",\"criterion\":\"builds clean\",\"date\":\"2026-10-30\",\"reviewer\":\"P-1\",\"result\":\"pass\",\"note\":null}" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'show: errors' '
	cd proj &&
	test_expect_code 65 kam qa show Q-99 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: quality check Q-99 does not exist in quality.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam qa show D-1 2>../err &&
	echo "kam: invalid quality check id '"'D-1'"' (expected e.g. Q-12): wrong prefix for this kind of record" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam qa show 2>/dev/null &&
	test_expect_code 64 kam qa show Q-1 Q-2 2>/dev/null
'

# ---- report ----

test_expect_success 'setup: defects with rework' '
	cd proj &&
	cat >>defects.csv <<-\EOF &&
	D-1,Crash on login,critical,REQ-1,2026-11-20,open,,
	D-2,Wrong colour,minor,Login page,2026-10-01,verified,3,2026-10-05
	D-3,Slow build,major,T-1,2026-10-30,fixed,8,
	D-4,Second crash,critical,REQ-1,2026-11-21,verified,4,2026-11-25
	D-5,Typo,minor,,2026-11-22,open,,
	EOF
	git commit -q -am "defects"
'

test_expect_success 'report: summary, subjects, severities, months' '
	cd proj &&
	kam qa report >../out &&
	cat >../expect <<-\EOF &&
	checks:       8 (5 passed, 3 failed)
	pass rate:    62.50%
	subjects:     5 (5 passing, 0 failing on their latest check)
	open defects: 2 (critical 1, major 0, minor 1)
	rework:       15 hours

	subject     checks  passed  failed  latest  date        result
	R-1              1       1       0  Q-7     2026-11-03  pass
	REQ-1            3       1       2  Q-2     2026-11-27  pass
	T-1              1       1       0  Q-3     2026-10-30  pass
	login PAGE       2       1       1  Q-5     2026-10-03  pass
	登录页面         1       1       0  Q-6     2026-11-02  pass

	severity  open  fixed  verified  total  rework
	critical     1      0         1      2       4
	major        0      1         0      1       8
	minor        1      0         1      2       3
	total        2      1         2      5      15

	month    checks  passed  failed  pass_rate
	2026-10       3       2       1      66.67
	2026-11       5       3       2      60.00
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'report: the latest check decides, by date then id' '
	cd proj &&
	kam qa check "Login page" --criterion "WCAG 2.1 AA" --result fail \
	    --by P-2 --date 2026-10-03 >/dev/null &&
	kam qa report --format json >../out &&
	grep "^{\"subject\":\"[Ll]ogin page\"" ../out >../row &&
	echo "{\"subject\":\"Login page\",\"checks\":3,\"passed\":1,\"failed\":2,\"latest\":\"Q-9\",\"date\":\"2026-10-03\",\"result\":\"fail\"}," >../expect &&
	test_cmp ../expect ../row
'

test_expect_success 'report --format json: one documented object' '
	cd proj &&
	kam qa report --format json >../out &&
	cat >../expect <<-\EOF &&
	{"checks":9,"passed":5,"failed":4,"pass_rate":55.56,"subjects":5,"subjects_passing":4,"subjects_failing":1,"open_defects":2,"rework_hours":15,
	"by_subject":[
	{"subject":"R-1","checks":1,"passed":1,"failed":0,"latest":"Q-7","date":"2026-11-03","result":"pass"},
	{"subject":"REQ-1","checks":3,"passed":1,"failed":2,"latest":"Q-2","date":"2026-11-27","result":"pass"},
	{"subject":"T-1","checks":1,"passed":1,"failed":0,"latest":"Q-3","date":"2026-10-30","result":"pass"},
	{"subject":"Login page","checks":3,"passed":1,"failed":2,"latest":"Q-9","date":"2026-10-03","result":"fail"},
	{"subject":"登录页面","checks":1,"passed":1,"failed":0,"latest":"Q-6","date":"2026-11-02","result":"pass"}
	],
	"by_severity":[
	{"severity":"critical","open":1,"fixed":0,"verified":1,"total":2,"rework":4},
	{"severity":"major","open":0,"fixed":1,"verified":0,"total":1,"rework":8},
	{"severity":"minor","open":1,"fixed":0,"verified":1,"total":2,"rework":3}
	],
	"by_month":[
	{"month":"2026-10","checks":4,"passed":2,"failed":2,"pass_rate":50.00},
	{"month":"2026-11","checks":5,"passed":3,"failed":2,"pass_rate":60.00}
	]}
	EOF
	test_cmp ../expect ../out &&
	if command -v python3 >/dev/null 2>&1; then
		python3 -c "import json,sys; d=json.load(sys.stdin); assert d[\"by_subject\"][3][\"result\"]==\"fail\"" <../out
	fi
'

# A CSV is one table of records, one header (issue 18); the report has
# four tables of different columns: refused, the lists give CSV.
test_expect_success 'report --format csv: refused (64), nothing on stdout' '
	cd proj &&
	test_expect_code 64 kam qa report --format csv >../out 2>../err &&
	test ! -s ../out &&
	grep -q "kam qa report writes table, md or json" ../err &&
	kam qa list --format csv >../out &&
	test "$(sed -n 1p ../out | cut -d, -f1)" = "\"id\""
'

test_expect_success 'report --format md: headings, a list and tables' '
	cd proj &&
	kam qa report --format md >../out &&
	cat >../expect <<-\EOF &&
	### Quality

	- checks: 9 (5 passed, 4 failed)
	- pass rate: 55.56%
	- subjects: 5 (4 passing, 1 failing on their latest check)
	- open defects: 2 (critical 1, major 0, minor 1)
	- rework: 15 hours

	### Checks by subject (the latest check decides)

	| subject    | checks | passed | failed | latest | date       | result |
	| ---------- | -----: | -----: | -----: | ------ | ---------- | ------ |
	| R-1        |      1 |      1 |      0 | Q-7    | 2026-11-03 | pass   |
	| REQ-1      |      3 |      1 |      2 | Q-2    | 2026-11-27 | pass   |
	| T-1        |      1 |      1 |      0 | Q-3    | 2026-10-30 | pass   |
	| Login page |      3 |      1 |      2 | Q-9    | 2026-10-03 | fail   |
	| 登录页面   |      1 |      1 |      0 | Q-6    | 2026-11-02 | pass   |

	### Defects by severity

	| severity | open | fixed | verified | total | rework |
	| -------- | ---: | ----: | -------: | ----: | -----: |
	| critical |    1 |     0 |        1 |     2 |      4 |
	| major    |    0 |     1 |        0 |     1 |      8 |
	| minor    |    1 |     0 |        1 |     2 |      3 |
	| total    |    2 |     1 |        2 |     5 |     15 |

	### Checks by month

	| month   | checks | passed | failed | pass_rate |
	| ------- | -----: | -----: | -----: | --------: |
	| 2026-10 |      4 |      2 |      2 |     50.00 |
	| 2026-11 |      5 |      3 |      2 |     60.00 |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'report of an empty project' '
	new_project empty &&
	kam qa report >../out &&
	cat >../expect <<-\EOF &&
	checks:       0 (0 passed, 0 failed)
	pass rate:    -
	subjects:     0 (0 passing, 0 failing on their latest check)
	open defects: 0 (critical 0, major 0, minor 0)
	rework:       0 hours

	subject  checks  passed  failed  latest  date  result

	severity  open  fixed  verified  total  rework
	critical     0      0         0      0       0
	major        0      0         0      0       0
	minor        0      0         0      0       0
	total        0      0         0      0       0

	month  checks  passed  failed  pass_rate
	EOF
	test_cmp ../expect ../out &&
	kam qa report --format json >../out &&
	cat >../expect <<-\EOF &&
	{"checks":0,"passed":0,"failed":0,"pass_rate":null,"subjects":0,"subjects_passing":0,"subjects_failing":0,"open_defects":0,"rework_hours":0,
	"by_subject":[],
	"by_severity":[
	{"severity":"critical","open":0,"fixed":0,"verified":0,"total":0,"rework":0},
	{"severity":"major","open":0,"fixed":0,"verified":0,"total":0,"rework":0},
	{"severity":"minor","open":0,"fixed":0,"verified":0,"total":0,"rework":0}
	],
	"by_month":[]}
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'report: usage errors' '
	cd proj &&
	test_expect_code 64 kam qa report extra 2>/dev/null &&
	test_expect_code 64 kam qa report --open 2>/dev/null
'

# ---- interplay with kam req done and kam check ----

test_expect_success 'req done needs a passing latest check: fail, then pass, then done' '
	new_project flow &&
	kam people add "Carol Client" --side client >/dev/null &&
	kam people add "Quinn QA" --side team >/dev/null &&
	kam req add "Invoices in CNY" --priority must --source P-1 \
	    --acceptance "totals in CNY" >/dev/null &&
	kam req analyse REQ-1 &&
	kam req confirm REQ-1 --by P-1 &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam req done REQ-1 2>../err &&
	grep -q "requirement REQ-1 has no passing quality check" ../err &&
	kam qa check REQ-1 --criterion "totals in CNY" --result fail --by P-2 \
	    --date 2026-11-25 >/dev/null &&
	test_expect_code 65 kam req done REQ-1 2>../err &&
	echo "kam: the latest quality check of REQ-1 (Q-1) failed; record a passing check before it is done" >../expect &&
	test_cmp ../expect ../err &&
	kam qa check req-1 --criterion "totals in CNY" --result pass --by P-2 >/dev/null &&
	kam req done REQ-1 &&
	git log -1 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: req done REQ-1: Invoices in CNY

	Status: confirmed -> done.
	Passing quality check: Q-2 (2026-11-27).

	EOF
	test_cmp ../expect ../msg &&
	grep -q "^REQ-1,Invoices in CNY,must,done," requirements.csv &&
	kam check >/dev/null
'

test_expect_success 'a backdated passing check does not make req done pass' '
	new_project flow2 &&
	kam people add "Carol Client" --side client >/dev/null &&
	kam people add "Quinn QA" --side team >/dev/null &&
	kam req add "Reports" --source P-1 --acceptance "they print" >/dev/null &&
	kam req analyse REQ-1 && kam req confirm REQ-1 --by P-1 &&
	kam qa check REQ-1 --criterion "they print" --result fail --by P-2 >/dev/null &&
	kam qa check REQ-1 --criterion "they print" --result pass --by P-2 \
	    --date 2026-11-26 >/dev/null 2>&1 &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam req done REQ-1 2>../err &&
	grep -q "the latest quality check of REQ-1 (Q-1) failed" ../err &&
	test "$(git rev-parse HEAD)" = "$head"
'

test_expect_success 'kam check: a done requirement whose latest check then fails is red' '
	cd "$TRASH/flow" &&
	kam check >/dev/null &&
	kam qa check REQ-1 --criterion "regression" --result fail --by P-2 >/dev/null &&
	test_expect_code 1 kam check >../out &&
	grep -q "red: requirement-done-untested: REQ-1" ../out &&
	kam qa check REQ-1 --criterion "regression fixed" --result pass --by P-2 >/dev/null &&
	kam check >/dev/null
'

test_expect_success '--no-commit writes quality.csv and makes no commit' '
	cd "$TRASH/flow" &&
	head=$(git rev-parse HEAD) &&
	kam qa check "Docs" --criterion "complete" --result pass --by P-2 --no-commit >../out &&
	echo Q-5 >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	grep -q "^Q-5,Docs,complete,2026-11-27,P-2,pass,\$" quality.csv &&
	git checkout -q quality.csv
'

test_expect_success 'uncommitted hand edits of quality.csv: 78, untouched' '
	cd "$TRASH/flow" &&
	echo "Q-9,Docs,hand,2026-11-27,P-2,pass," >>quality.csv &&
	cp quality.csv ../edited &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 78 kam qa check Docs --criterion x --result pass --by P-2 >../out 2>../err &&
	test ! -s ../out &&
	grep -q "quality.csv" ../err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test_cmp ../edited quality.csv &&
	git checkout -q quality.csv
'

test_expect_success 'every qa verb fails with 65 on an invalid quality.csv' '
	new_project broken &&
	kam people add Quinn >/dev/null &&
	printf "%s\nQ-1,x,c,2026-11-01,P-1,pass,\nQ-1,y,c,2026-11-01,P-1,pass,\n" "$H" >quality.csv &&
	git commit -q -am duplicate &&
	for v in list report "show Q-1" "check x --criterion c --result pass --by P-1"; do
		test_expect_code 65 kam qa $v >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: quality.csv:3: duplicate id Q-1 (first defined at quality.csv:2)" >../expect &&
		test_cmp ../expect ../err || return 1
	done
'

test_expect_success 'kam qa -h lists every verb' '
	cd proj &&
	kam qa -h >../out &&
	cat >../expect <<-\EOF &&
	usage: kam qa check subject --criterion text --result pass|fail --by P-n [--date date] [--note text]
	       kam qa list [--subject s] [--result pass|fail]
	       kam qa report
	       kam qa show Q-n
	EOF
	test_cmp ../expect ../out
'

test_done
