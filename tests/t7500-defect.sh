#!/bin/sh
# t7500: defects: add (severity, subject, found), fix (rework hours that
# add up), verify (closed), reopen; every refused step exits 65 saying
# what to do instead and changes nothing; list filters and formats; show;
# open critical and major defects in kam check; rework in kam qa report.
test_description='kam defect'
. "$(dirname "$0")/lib.sh"

H='id,title,severity,subject,found,status,rework,closed'
Q="'"

snap () {
	git rev-parse HEAD
	sha256sum .git/index defects.csv
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
	test "$(head -n 1 defects.csv)" = "$H"
'

# ---- add ----

test_expect_success 'add with every option: the id alone, the row, the commit' '
	cd proj &&
	kam defect add "Crash on login" --severity critical --subject req-1 \
	    --found 2026-11-20 >../out 2>../err &&
	echo D-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "D-1,Crash on login,critical,REQ-1,2026-11-20,open,," >../expect &&
	test_cmp ../expect defects.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: defect add D-1: Crash on login" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 defects.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'add: found today by default; task, text and CJK subjects' '
	cd proj &&
	kam defect add "Slow build" --severity major --subject t-1 >../out &&
	echo D-2 >../expect &&
	test_cmp ../expect ../out &&
	kam defect add "Wrong colour" --severity minor --subject "Login page" \
	    --found 2026-10-01 >/dev/null &&
	kam defect add "乱码" --severity major --subject "报表" >/dev/null &&
	tail -n 3 defects.csv >../rows &&
	cat >../expect <<-\EOF &&
	D-2,Slow build,major,T-1,2026-11-27,open,,
	D-3,Wrong colour,minor,Login page,2026-10-01,open,,
	D-4,乱码,major,报表,2026-11-27,open,,
	EOF
	test_cmp ../expect ../rows
'

test_expect_success 'add: usage errors (64), nothing changed' '
	cd proj &&
	refused 64 "a new defect needs --severity critical|major|minor and --subject (a record such as REQ-3 or T-2, or text)" \
	    defect add x --severity major &&
	refused 64 "a new defect needs --severity critical|major|minor and --subject (a record such as REQ-3 or T-2, or text)" \
	    defect add x --subject REQ-1 &&
	refused 64 "invalid usage (see '"'kam help'"')" \
	    defect add --severity major --subject REQ-1 &&
	refused 64 "invalid usage (see '"'kam help'"')" \
	    defect add a b --severity major --subject REQ-1 &&
	refused 64 "unknown option '"'--title'"'" \
	    defect add a --title b --severity major --subject REQ-1 &&
	refused 64 "--severity: invalid value '"'blocker'"': expected one of: critical major minor" \
	    defect add x --severity blocker --subject REQ-1 &&
	refused 64 "--severity: invalid value '"''"': must not be empty" \
	    defect add x --severity "" --subject REQ-1 &&
	refused 64 "title: invalid value '"''"': must not be empty" \
	    defect add "" --severity major --subject REQ-1 &&
	refused 64 "--found: 2026-11-28 is after today (2026-11-27); record it when it has happened" \
	    defect add x --severity major --subject REQ-1 --found 2026-11-28 &&
	refused 64 "--found: invalid date '"'2026-13-01'"': month must be 01-12" \
	    defect add x --severity major --subject REQ-1 --found 2026-13-01
'

test_expect_success 'add: subjects that are refused, nothing changed' '
	cd proj &&
	refused 64 "--subject: must not be empty; name a record (REQ-3, T-2) or say in words what it is" \
	    defect add x --severity major --subject "" &&
	refused 64 "--subject: '"'Release-2'"' looks like an id, but no kam table has the prefix RELEASE-; name a record (REQ-3, T-2) or describe the subject in words" \
	    defect add x --severity major --subject Release-2 &&
	refused 65 "requirement REQ-9 does not exist in requirements.csv" \
	    defect add x --severity major --subject REQ-9 &&
	refused 65 "task T-7 does not exist in tasks.csv" \
	    defect add x --severity major --subject t-7
'

# ---- fix, verify, reopen ----

test_expect_success 'fix: open -> fixed, rework hours, one commit with a body' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam defect fix d-1 --rework 6 --date 2026-11-22 >../out &&
	test ! -s ../out &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	grep "^D-1," defects.csv >../row &&
	echo "D-1,Crash on login,critical,REQ-1,2026-11-20,fixed,6," >../expect &&
	test_cmp ../expect ../row &&
	git log -1 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: defect fix D-1: Crash on login

	Status: open -> fixed.
	Fixed on 2026-11-22.
	Rework: 6 hours (6 in all).

	EOF
	test_cmp ../expect ../msg &&
	git show --stat --format= HEAD >../stat &&
	grep -q "^ defects.csv | 2 +-\$" ../stat
'

test_expect_success 'fix without --rework leaves rework unset; date today' '
	cd proj &&
	kam defect fix D-2 &&
	grep -q "^D-2,Slow build,major,T-1,2026-11-27,fixed,,\$" defects.csv &&
	git log -1 --format=%b >../body &&
	printf "%s\n%s\n\n" "Status: open -> fixed." "Fixed on 2026-11-27." >../expect &&
	test_cmp ../expect ../body
'

test_expect_success 'verify: fixed -> verified, closed is the date' '
	cd proj &&
	kam defect verify D-1 --date 2026-11-23 -m "UAT run 3" &&
	grep -q "^D-1,Crash on login,critical,REQ-1,2026-11-20,verified,6,2026-11-23\$" defects.csv &&
	git log -1 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: defect verify D-1: Crash on login

	Status: fixed -> verified.
	Verified and closed on 2026-11-23.

	UAT run 3

	EOF
	test_cmp ../expect ../msg &&
	kam defect verify D-2 &&
	grep -q "^D-2,Slow build,major,T-1,2026-11-27,verified,,2026-11-27\$" defects.csv
'

test_expect_success 'reopen: verified -> open clears closed and keeps rework' '
	cd proj &&
	kam defect reopen D-1 &&
	grep -q "^D-1,Crash on login,critical,REQ-1,2026-11-20,open,6,\$" defects.csv &&
	git log -1 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: defect reopen D-1: Crash on login

	Status: verified -> open.
	Was closed on 2026-11-23.

	EOF
	test_cmp ../expect ../msg
'

test_expect_success 'rework adds up over every fix' '
	cd proj &&
	kam defect fix D-1 --rework 3 &&
	grep -q "^D-1,Crash on login,critical,REQ-1,2026-11-20,fixed,9,\$" defects.csv &&
	git log -1 --format=%b >../body &&
	grep -q "^Rework: 3 hours (9 in all)\.\$" ../body &&
	kam defect reopen D-1 &&
	grep -q "^D-1,Crash on login,critical,REQ-1,2026-11-20,open,9,\$" defects.csv &&
	kam defect fix D-1 --rework 1 &&
	grep -q "^D-1,Crash on login,critical,REQ-1,2026-11-20,fixed,10,\$" defects.csv &&
	git log -1 --format=%b >../body &&
	grep -q "^Rework: 1 hour (10 in all)\.\$" ../body
'

test_expect_success 'refused steps: 65, a message that says what to do, nothing changed' '
	cd proj &&
	refused 65 "defect D-1 is already fixed; verify the fix ('"'kam defect verify D-1'"') or, if it did not work, reopen it ('"'kam defect reopen D-1'"')" \
	    defect fix D-1 &&
	refused 65 "defect D-2 is verified (closed 2026-11-27); if it is back, reopen it first ('"'kam defect reopen D-2'"')" \
	    defect fix D-2 --rework 2 &&
	refused 65 "defect D-3 is open; fix it first ('"'kam defect fix D-3'"'), then verify the fix" \
	    defect verify D-3 &&
	refused 65 "defect D-2 is already verified (closed 2026-11-27)" \
	    defect verify d-2 &&
	refused 65 "defect D-3 is already open; when it is fixed, record it with '"'kam defect fix D-3'"'" \
	    defect reopen D-3
'

test_expect_success 'fix and verify: bad values and dates, nothing changed' '
	cd proj &&
	for v in -1 1.5 x 1000001 ""; do
		refused 64 "--rework: invalid value $Q$v$Q: expected whole hours 0-1000000" \
		    defect fix D-3 --rework "$v" || return 1
	done &&
	refused 64 "--date: 2026-11-28 is after today (2026-11-27); record it when it has happened" \
	    defect fix D-3 --date 2026-11-28 &&
	refused 65 "--date: 2026-09-30 is before defect D-3 was found (2026-10-01)" \
	    defect fix D-3 --date 2026-09-30 &&
	refused 65 "--date: 2026-11-19 is before defect D-1 was found (2026-11-20)" \
	    defect verify D-1 --date 2026-11-19 &&
	refused 64 "unknown option '"'--rework'"'" \
	    defect verify D-1 --rework 2 &&
	refused 64 "unknown option '"'--date'"'" \
	    defect reopen D-1 --date 2026-11-27 &&
	refused 65 "defect D-99 does not exist in defects.csv" \
	    defect fix D-99 &&
	refused 64 "invalid defect id '"'Q-1'"' (expected e.g. D-12): wrong prefix for this kind of record" \
	    defect verify Q-1 &&
	refused 64 "invalid usage (see '"'kam help'"')" \
	    defect reopen &&
	refused 64 "invalid usage (see '"'kam help'"')" \
	    defect fix D-1 D-2
'

test_expect_success 'rework beyond 1000000 hours in all: 65' '
	cd proj &&
	kam defect fix D-3 --rework 999999 &&
	kam defect reopen D-3 &&
	refused 65 "--rework: defect D-3 already has 999999 hours of rework; 2 more would exceed 1000000" \
	    defect fix D-3 --rework 2 &&
	kam defect fix D-3 --rework 1 &&
	grep -q "^D-3,Wrong colour,minor,Login page,2026-10-01,fixed,1000000,\$" defects.csv
'

test_expect_success 'the history of a defect is its git log' '
	cd proj &&
	git log --format=%s -- defects.csv | grep " D-1:" >../log &&
	cat >../expect <<-\EOF &&
	kam: defect fix D-1: Crash on login
	kam: defect reopen D-1: Crash on login
	kam: defect fix D-1: Crash on login
	kam: defect reopen D-1: Crash on login
	kam: defect verify D-1: Crash on login
	kam: defect fix D-1: Crash on login
	kam: defect add D-1: Crash on login
	EOF
	test_cmp ../expect ../log
'

# ---- list, show ----

test_expect_success 'list: every column, by id' '
	cd proj &&
	kam defect add "Typo" --severity minor --subject "Docs" >/dev/null &&
	kam defect list >../out &&
	cat >../expect <<-\EOF &&
	id   title           severity  subject     found       status     rework  closed
	D-1  Crash on login  critical  REQ-1       2026-11-20  fixed          10  -
	D-2  Slow build      major     T-1         2026-11-27  verified        -  2026-11-27
	D-3  Wrong colour    minor     Login page  2026-10-01  fixed     1000000  -
	D-4  乱码            major     报表        2026-11-27  open            -  -
	D-5  Typo            minor     Docs        2026-11-27  open            -  -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --open, --status, --severity, --subject; filters combine' '
	cd proj &&
	kam defect list --open --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"D-4\"\n\"D-5\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam defect list --status fixed --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"D-1\"\n\"D-3\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam defect list --severity minor --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"D-3\"\n\"D-5\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam defect list --subject req-1 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"D-1\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam defect list --subject "LOGIN PAGE" --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"D-3\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam defect list --open --severity minor --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"D-5\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam defect list --open --severity critical --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'list --format json, csv, md' '
	cd proj &&
	kam defect list --severity critical --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"D-1","title":"Crash on login","severity":"critical","subject":"REQ-1","found":"2026-11-20","status":"fixed","rework":10,"closed":null}
	]
	EOF
	test_cmp ../expect ../out &&
	kam defect list --status verified --format csv >../out &&
	cat >../expect <<-\EOF &&
	"id","title","severity","subject","found","status","rework","closed"
	"D-2","Slow build","major","T-1","2026-11-27","verified","","2026-11-27"
	EOF
	test_cmp ../expect ../out &&
	kam defect list --status verified --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | title      | severity | subject | found      | status   | rework | closed     |
	| --- | ---------- | -------- | ------- | ---------- | -------- | -----: | ---------- |
	| D-2 | Slow build | major    | T-1     | 2026-11-27 | verified |        | 2026-11-27 |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list: usage errors' '
	cd proj &&
	test_expect_code 64 kam defect list --severity huge 2>../err &&
	echo "kam: --severity: invalid value '"'huge'"': expected one of: critical major minor" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam defect list --status closed 2>../err &&
	echo "kam: --status: invalid value '"'closed'"': expected one of: open fixed verified" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam defect list extra 2>/dev/null &&
	test_expect_code 64 kam defect list --all 2>/dev/null
'

test_expect_success 'show: every field; json; errors' '
	cd proj &&
	kam defect show d-2 >../out &&
	cat >../expect <<-\EOF &&
	id:       D-2
	title:    Slow build
	severity: major
	subject:  T-1
	found:    2026-11-27
	status:   verified
	rework:   -
	closed:   2026-11-27
	EOF
	test_cmp ../expect ../out &&
	kam defect show D-5 --format json >../out &&
	echo "{\"id\":\"D-5\",\"title\":\"Typo\",\"severity\":\"minor\",\"subject\":\"Docs\",\"found\":\"2026-11-27\",\"status\":\"open\",\"rework\":null,\"closed\":null}" >../expect &&
	test_cmp ../expect ../out &&
	test_expect_code 65 kam defect show D-99 2>../err &&
	echo "kam: defect D-99 does not exist in defects.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam defect show 2>/dev/null
'

# ---- health and the quality report ----

test_expect_success 'kam check: an open critical defect is red, an open major one amber' '
	new_project health &&
	kam defect add "Crash" --severity critical --subject "Checkout" >/dev/null &&
	test_expect_code 1 kam check >../out &&
	grep -q "defects.csv:2: red: defect-critical-open: D-1" ../out &&
	kam defect fix D-1 &&
	kam check >/dev/null &&
	kam defect reopen D-1 &&
	test_expect_code 1 kam check >/dev/null &&
	kam defect fix D-1 && kam defect verify D-1 &&
	kam defect add "Slow" --severity major --subject "Checkout" >/dev/null &&
	kam check >../out &&
	grep -q "defects.csv:3: amber: defect-major-open: D-2" ../out &&
	test_expect_code 1 kam check --strict >/dev/null
'

test_expect_success 'kam qa report: open defects by severity and rework hours' '
	cd proj &&
	kam qa report --format json >../out &&
	head -n 1 ../out >../first &&
	echo "{\"checks\":0,\"passed\":0,\"failed\":0,\"pass_rate\":null,\"subjects\":0,\"subjects_passing\":0,\"subjects_failing\":0,\"open_defects\":2,\"rework_hours\":1000010," >../expect &&
	test_cmp ../expect ../first &&
	grep "^{\"severity\"" ../out >../sev &&
	cat >../expect <<-\EOF &&
	{"severity":"critical","open":0,"fixed":1,"verified":0,"total":1,"rework":10},
	{"severity":"major","open":1,"fixed":0,"verified":1,"total":2,"rework":0},
	{"severity":"minor","open":1,"fixed":1,"verified":0,"total":2,"rework":1000000}
	EOF
	test_cmp ../expect ../sev
'

test_expect_success 'uncommitted hand edits of defects.csv: 78, untouched' '
	cd proj &&
	sed -i "s/^D-5,Typo,/D-5,Typo!,/" defects.csv &&
	cp defects.csv ../edited &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 78 kam defect fix D-5 >../out 2>../err &&
	test ! -s ../out &&
	grep -q "defects.csv" ../err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test_cmp ../edited defects.csv &&
	git checkout -q defects.csv
'

test_expect_success 'every defect verb fails with 65 on an invalid defects.csv' '
	new_project broken &&
	printf "%s\nD-1,a,major,,2026-11-01,open,,\nD-2,b,major,,2026-11-01,shut,,\n" "$H" >defects.csv &&
	git commit -q -am "bad status" &&
	for v in list "show D-1" "fix D-1" "verify D-1" "reopen D-1" \
	    "add x --severity minor --subject y" "set D-1 --severity minor"; do
		test_expect_code 65 kam defect $v >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: defects.csv:3: status: invalid value ${Q}shut${Q}: expected one of: open fixed verified" >../expect &&
		test_cmp ../expect ../err || return 1
	done
'

test_expect_success 'kam defect -h lists every verb' '
	cd proj &&
	kam defect -h >../out &&
	cat >../expect <<-\EOF &&
	usage: kam defect add title --severity critical|major|minor --subject s [--found date]
	       kam defect fix D-n [--rework hours] [--date date]
	       kam defect list [--open] [--severity critical|major|minor] [--status open|fixed|verified] [--subject s]
	       kam defect reopen D-n
	       kam defect set D-n [--title text] [--severity critical|major|minor] [--subject s] [--found date]
	       kam defect show D-n
	       kam defect verify D-n [--date date]
	EOF
	test_cmp ../expect ../out
'

# ---- set (issue 17, smaller items) ----

test_expect_success 'defect set: title, severity, subject and date found; one commit each, the status kept' '
	new_project set &&
	kam task add "Build SSO" --duration 3 >/dev/null &&
	kam defect add "Crash on save" --severity major --subject T-1 \
	    --found 2026-11-02 >/dev/null &&
	kam defect fix D-1 --date 2026-11-03 >/dev/null &&
	kam defect set d-1 --severity critical --subject "login page" &&
	echo "kam: defect set D-1: Crash on save" >../expect &&
	git log -1 --format=%s >../out && test_cmp ../expect ../out &&
	grep -q "^D-1,Crash on save,critical,login page,2026-11-02,fixed,," defects.csv &&
	kam defect set D-1 --title "Crash on save (data lost)" --subject T-1 \
	    --found 2026-11-01 &&
	grep -q "^D-1,Crash on save (data lost),critical,T-1,2026-11-01,fixed,," defects.csv &&
	test "$(git rev-list --count HEAD)" = 6
'

test_expect_success 'defect set refusals: a bad severity, a missing subject record, a future date, no option, an unknown defect' '
	cd "$TRASH/set" &&
	git rev-parse HEAD >../before &&
	test_expect_code 64 kam defect set D-1 --severity bad 2>../err &&
	echo "kam: --severity: invalid value ${Q}bad${Q}: expected one of: critical major minor" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam defect set D-1 --subject REQ-9 2>../err &&
	echo "kam: requirement REQ-9 does not exist in requirements.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam defect set D-1 --found 2099-01-01 2>../err &&
	test_expect_code 64 kam defect set D-1 2>../err &&
	test_expect_code 64 kam defect set D-1 --title "" 2>../err &&
	test_expect_code 65 kam defect set D-9 --severity minor 2>../err &&
	git rev-parse HEAD >../after && test_cmp ../before ../after &&
	kam __complete defect set D-1 --s >../out &&
	printf -- "--severity=\\n--subject=\\n" >../expect && test_cmp ../expect ../out
'

test_done
