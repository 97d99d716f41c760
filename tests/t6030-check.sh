#!/bin/sh
# t6030: kam check — exit 0 for a healthy project, 1 for each red rule of
# SPEC §7 (one test each), amber reported with exit 0 unless --strict,
# 65 for each kind of invalid data, and the JSON and JUnit outputs (the
# JUnit validated as XML).
test_description='kam check'
. "$(dirname "$0")/lib.sh"

HDR_T="id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish"
HDR_E="id,date,category,amount,description,ref,task"

# fresh NAME: a copy of the healthy project in ./NAME, cd into it.
fresh () {
	rm -rf "$TRASH/$1" && cp -r "$TRASH/proj" "$TRASH/$1" && cd "$TRASH/$1"
}

# red RULE: kam check exits 1 and names RULE as red.
red () {
	test_expect_code 1 kam check >../out 2>../err &&
	grep -q ": red: $1: " ../out &&
	grep -q "unhealthy\$" ../out
}

# invalid RULE: kam check exits 65 and names RULE as an error.
invalid () {
	test_expect_code 65 kam check >../out 2>../err &&
	grep -q ": error: $1: " ../out &&
	grep -q "problem" ../err
}

test_expect_success 'setup: a healthy project' '
	new_project &&
	kam people add Ann --side team >/dev/null &&
	kam people add Carl --side client >/dev/null &&
	kam risk add "Supplier late" -p 5 -i 4 --owner P-1 \
	    --response "second supplier" --review 2026-12-15 >/dev/null &&
	kam risk add "Minor" -p 1 -i 2 >/dev/null &&
	printf "id,title,priority,status,source,confirmed_by,confirmed_on,acceptance\nREQ-1,Login,must,confirmed,P-2,P-2,2026-10-01,works\n" \
	    >requirements.csv &&
	printf "$HDR_T\nT-1,Build,5,,P-1,2026-11-23,,20,,REQ-1,2026-12-31,2026-11-23,2026-11-27\nT-2,Ship,0,T-1,,,,,,,,,\n" \
	    >tasks.csv &&
	printf "category,amount\nTravel,100.00\n" >budget.csv &&
	mkdir -p expenses &&
	printf "$HDR_E\nE-1,2026-11-02,Travel,10.00,Taxi,,T-1\n" >expenses/2026-11.csv &&
	printf "id,title,audience,channel,frequency,owner,last\nC-1,Status,P-2,email,weekly,P-1,2026-11-25\n" >comms.csv &&
	printf "id,date,person,score,comment\nF-1,2026-11-20,P-2,9,\n" >csat.csv &&
	printf "activity,person,role\nT-1,P-1,A\nT-1,P-2,R\n" >raci.csv &&
	git add -A . && git commit -q -m "hand-made project" &&
	kam check >../out &&
	tail -1 ../out >../got &&
	echo "kam check: 0 invalid, 0 red, 0 amber: healthy" >../expect &&
	test_cmp ../expect ../got
'

# ---- one test per red rule ----

test_expect_success 'red: budget category over plan (budget-overrun)' '
	fresh r1 &&
	printf "E-2,2026-11-03,Travel,95.00,Hotel,,\n" >>expenses/2026-11.csv &&
	red budget-overrun &&
	grep -q "budget.csv:2: red: budget-overrun: Travel: 105.00 CNY spent of 100.00 CNY planned (105.00%)" ../out
'

test_expect_success 'red: spending on a category without a plan' '
	fresh r1b &&
	printf "E-2,2026-11-03,Catering,5.00,Lunch,,\n" >>expenses/2026-11.csv &&
	red budget-overrun &&
	grep -q "Catering: 5.00 CNY spent on a category without a plan" ../out
'

test_expect_success 'red: a task with negative slack (schedule-negative-slack)' '
	fresh r2 &&
	printf "T-3,Big job,10,,,,,,,,2026-12-01,,\n" >>tasks.csv &&
	red schedule-negative-slack &&
	grep -q "tasks.csv:4: red: schedule-negative-slack: T-3: slack is -" ../out &&
	! grep -q "schedule-past-late-finish" ../out
'

test_expect_success 'red: unfinished past its late finish (schedule-past-late-finish)' '
	fresh r3 &&
	printf "T-3,Overdue,3,,,,,,,,2026-06-01,,\n" >>tasks.csv &&
	red schedule-past-late-finish &&
	grep -q "T-3: not finished and its late finish 2026-06-01 has passed" ../out
'

test_expect_success 'red: critical open risk without owner or response' '
	fresh r4 &&
	kam risk add "Data loss" -p 4 -i 4 >/dev/null &&
	red risk-critical-unmanaged &&
	grep -q "risks.csv:4: red: risk-critical-unmanaged: R-3: open, score 16 (critical at 15), without owner or response" ../out
'

test_expect_success 'red: a started task on an unconfirmed requirement' '
	fresh r5 &&
	sed -i "s/^REQ-1,Login,must,confirmed,/REQ-1,Login,must,analysed,/" requirements.csv &&
	red task-unconfirmed-requirement &&
	grep -q "T-1: started, but its requirement REQ-1 is analysed, not confirmed" ../out
'

test_expect_success 'red: a requirement done without a passing quality check' '
	fresh r6 &&
	sed -i "s/^REQ-1,Login,must,confirmed,/REQ-1,Login,must,done,/" requirements.csv &&
	red requirement-done-untested &&
	grep -q "REQ-1: done, but no quality check names it" ../out &&
	printf "id,subject,criterion,date,reviewer,result,note\nQ-1,REQ-1,works,2026-11-20,P-2,fail,\n" >quality.csv &&
	red requirement-done-untested &&
	grep -q "its latest quality check failed" ../out &&
	printf "Q-2,REQ-1,works,2026-11-21,P-2,pass,\n" >>quality.csv &&
	kam check >../out
'

test_expect_success 'red: an open critical defect' '
	fresh r7 &&
	printf "D-1,Crash on login,critical,REQ-1,2026-11-20,open,,\n" >>defects.csv &&
	red defect-critical-open &&
	sed -i "s/,open,,\$/,fixed,,/" defects.csv &&
	kam check >/dev/null
'

test_expect_success 'red: satisfaction of the last 90 days below csat-min' '
	fresh r8 &&
	printf "F-2,2026-11-01,P-2,4,\nF-3,2026-08-01,P-2,0,too old to count\n" >>csat.csv &&
	red csat-low &&
	grep -q "csat.csv: red: csat-low: average 6.5 of 2 scores in the last 90 days (minimum 7)" ../out
'

# ---- amber ----

test_expect_success 'amber findings: exit 0, or 1 with --strict' '
	fresh a1 &&
	printf "E-2,2026-11-03,Travel,85.00,Hotel,,\n" >>expenses/2026-11.csv &&
	sed -i "s/^T-1,Build,5,,P-1,2026-11-23,/T-1,Build,5,,P-1,2026-11-24,/" tasks.csv &&
	kam risk assess R-2 --review 2026-11-01 &&
	printf "D-1,Typo,major,REQ-1,2026-11-20,open,,\n" >>defects.csv &&
	sed -i "s/,weekly,P-1,2026-11-25/,weekly,P-1,2026-11-10/" comms.csv &&
	printf "T-2,P-1,A\nT-2,P-2,A\n" >>raci.csv &&
	kam check >../out &&
	grep -q "budget.csv:2: amber: budget-warn: Travel: 95.00 CNY spent of 100.00 CNY planned (95.00%, warning at 90%)" ../out &&
	grep -q "tasks.csv:2: amber: schedule-started-late: T-1: started 2026-11-24, 1 day after its baseline start 2026-11-23" ../out &&
	grep -q "risks.csv:3: amber: risk-review-overdue: R-2: review was due 2026-11-01" ../out &&
	grep -q "defects.csv:2: amber: defect-major-open: D-1" ../out &&
	grep -q "comms.csv:2: amber: comm-overdue: C-1: weekly communication was due 2026-11-17 (10 days ago; grace 2)" ../out &&
	grep -q "raci.csv:4: amber: raci-accountable: T-2: 2 people accountable (A); exactly one is needed" ../out &&
	grep -q "raci.csv:4: amber: raci-responsible: T-2: nobody responsible (R)" ../out &&
	grep -q "^kam check: 0 invalid, 0 red, 7 amber: healthy\$" ../out &&
	test_expect_code 1 kam check --strict >../out &&
	grep -q "unhealthy\$" ../out
'

test_expect_success 'thresholds come from [health] in kam.conf' '
	fresh a2 &&
	printf "E-2,2026-11-03,Travel,85.00,Hotel,,\n" >>expenses/2026-11.csv &&
	git config -f kam.conf health.budget-warn 99 &&
	kam check >../out &&
	! grep -q budget-warn ../out &&
	git config -f kam.conf health.risk-critical 25 &&
	git config -f kam.conf health.csat-min 10 &&
	test_expect_code 1 kam check >../out &&
	grep -q "csat-low: average 9.0 of 1 score in the last 90 days (minimum 10)" ../out
'

# ---- invalid data: 65 ----

test_expect_success 'invalid: a bad enum value names file:line' '
	fresh e1 &&
	sed -i "s/^R-2,Minor,,1,2,,,open,/R-2,Minor,,1,2,,,pending,/" risks.csv &&
	invalid invalid-value &&
	grep -q "^risks.csv:3: error: invalid-value: R-2: status: invalid value .pending." ../out
'

test_expect_success 'invalid: a reference to a missing record' '
	fresh e2 &&
	sed -i "s/^T-1,Build,5,,P-1,/T-1,Build,5,,P-9,/" tasks.csv &&
	invalid reference &&
	grep -q "^tasks.csv:2: error: reference: T-1: assignee: person P-9 does not exist" ../out
'

test_expect_success 'invalid: an expense naming a missing task' '
	fresh e3 &&
	printf "E-2,2026-11-03,Travel,1.00,x,,T-77\n" >>expenses/2026-11.csv &&
	invalid reference &&
	grep -q "^expenses/2026-11.csv:3: error: reference" ../out
'

test_expect_success 'invalid: duplicate ids, in a table and across month files' '
	fresh e4 &&
	printf "R-2,Again,,1,1,,,open,,,,\n" >>risks.csv &&
	invalid duplicate-id &&
	fresh e4b &&
	printf "$HDR_E\nE-1,2026-12-02,Travel,1.00,x,,\n" >expenses/2026-12.csv &&
	invalid duplicate-id
'

# kam check sums a million expenses in one read: ids are checked in a
# bitmap and tasks by number, and only a duplicate reads again to name
# both places; large ids and task numbers take the general path.
test_expect_success 'invalid: expense duplicates and unknown tasks, small and large numbers' '
	fresh e4c &&
	mkdir -p expenses &&
	printf "$HDR_E\nE-3,2026-10-02,Travel,1.00,a,,\nE-30000000,2026-10-03,Travel,1.00,b,,T-1\n" \
	    >expenses/2026-10.csv &&
	printf "$HDR_E\nE-4,2026-12-01,Travel,1.00,c,,T-5000000\nE-3,2026-12-02,Travel,1.00,d,,T-99\nE-30000000,2026-12-03,Travel,1.00,e,,\n" \
	    >expenses/2026-12.csv &&
	invalid duplicate-id &&
	grep -q "^expenses/2026-12.csv:3: error: duplicate-id: duplicate id E-3 (first defined at expenses/2026-10.csv:2)" ../out &&
	grep -q "^expenses/2026-12.csv:4: error: duplicate-id: duplicate id E-30000000 (first defined at expenses/2026-10.csv:3)" ../out &&
	grep -q "^expenses/2026-12.csv:2: error: .*task T-5000000 does not exist" ../out &&
	grep -q "^expenses/2026-12.csv:3: error: .*task T-99 does not exist" ../out &&
	test $(grep -c "duplicate-id" ../out) = 2
'

test_expect_success 'invalid: a dependency cycle is named' '
	fresh e5 &&
	sed -i "s/^T-1,Build,5,,/T-1,Build,5,T-2,/" tasks.csv &&
	invalid dependency-cycle &&
	grep -q "T-1 -> T-2 -> T-1\|T-2 -> T-1 -> T-2" ../out
'

test_expect_success 'invalid: conflict markers in a table and in the minutes' '
	fresh e6 &&
	printf "<<<<<<< ours\nR-3,A,,1,1,,,open,,,,\n=======\nR-3,B,,1,1,,,open,,,,\n>>>>>>> theirs\n" >>risks.csv &&
	invalid conflict-marker &&
	grep -q "^risks.csv:4: error: conflict-marker" ../out &&
	fresh e7 &&
	mkdir -p meetings &&
	printf "# Weekly\n<<<<<<< HEAD\n- a\n=======\n- b\n>>>>>>> x\n" >meetings/2026-11-20-weekly.md &&
	invalid conflict-marker &&
	grep -q "^meetings/2026-11-20-weekly.md:2: error: conflict-marker" ../out
'

test_expect_success 'invalid: minutes naming missing people or a bad due date' '
	fresh e8 &&
	mkdir -p meetings &&
	printf "# Weekly\nAttendees: P-1, P-7\n## Actions\n- [ ] Send plan @P-9 due:2026-12-01\n" \
	    >meetings/2026-11-20-weekly.md &&
	invalid reference &&
	grep -q "^meetings/2026-11-20-weekly.md:2: error: reference: attendee P-7 does not exist" ../out &&
	grep -q "^meetings/2026-11-20-weekly.md:4: error: reference: action owner P-9 does not exist" ../out &&
	fresh e9 &&
	mkdir -p meetings &&
	printf "# Weekly\nAttendees: P-1\n## Actions\n- [ ] Send plan @P-1 due:2026-02-30\n" \
	    >meetings/2026-11-20-weekly.md &&
	test_expect_code 65 kam check >../out 2>../err &&
	grep -q "^meetings/2026-11-20-weekly.md:4: error: .*2026-02-30" ../out
'

test_expect_success 'rules still run on the valid tables when one is invalid' '
	fresh e8 &&
	sed -i "s/^R-2,Minor,,1,2,,,open,/R-2,Minor,,1,9,,,open,/" risks.csv &&
	printf "D-1,Crash,critical,,2026-11-20,open,,\n" >>defects.csv &&
	invalid invalid-value &&
	grep -q "red: defect-critical-open: D-1" ../out
'

# ---- formats ----

test_expect_success '--format json: one object per finding, stable keys' '
	fresh f1 &&
	kam risk add "Data loss" -p 4 -i 4 >/dev/null &&
	test_expect_code 1 kam check --format json >../out &&
	python3 -c "
import json
rows = json.load(open(\"../out\"))
assert len(rows) == 1, rows
r = rows[0]
assert list(r) == [\"level\",\"rule\",\"area\",\"record\",\"file\",\"line\",\"message\"], list(r)
assert r[\"level\"] == \"red\" and r[\"rule\"] == \"risk-critical-unmanaged\"
assert r[\"area\"] == \"risk\" and r[\"record\"] == \"R-3\" and r[\"line\"] == 4
"
'

test_expect_success '--format junit: well-formed XML, findings as test cases' '
	fresh f2 &&
	kam risk add "Data loss" -p 4 -i 4 >/dev/null &&
	kam risk assess R-2 --review 2026-11-01 &&
	test_expect_code 1 kam check --format junit >../out &&
	python3 -c "
import xml.etree.ElementTree as ET
root = ET.parse(\"../out\").getroot()
assert root.tag == \"testsuites\"
cases = root.iter(\"testcase\")
by = {c.get(\"name\"): c for c in cases}
f = by[\"risk-critical-unmanaged: R-3\"]
assert f.find(\"failure\") is not None and f.get(\"file\") == \"risks.csv\"
assert f.get(\"line\") == \"4\"
a = by[\"risk-review-overdue: R-2\"]
assert a.find(\"skipped\") is None and a.find(\"failure\") is None
assert \"risk-review-overdue\" in a.find(\"system-out\").text
assert by[\"evm-red\"].find(\"skipped\") is not None
assert by[\"budget-overrun\"].find(\"failure\") is None
tests = sum(int(s.get(\"tests\")) for s in root.iter(\"testsuite\"))
assert tests == int(root.get(\"tests\")), (tests, root.get(\"tests\"))
assert root.get(\"failures\") == \"1\", root.get(\"failures\")
" &&
	test_expect_code 1 kam check --strict --format junit >../out &&
	python3 -c "
import xml.etree.ElementTree as ET
root = ET.parse(\"../out\").getroot()
assert root.get(\"failures\") == \"2\", root.get(\"failures\")
"
'

test_expect_success '--format junit: a project in pm/ names files from the repository root' '
	rm -rf "$TRASH/sub" && mkdir "$TRASH/sub" && cd "$TRASH/sub" &&
	git init -q && mkdir pm && cd pm &&
	kam init --name Sub >/dev/null &&
	kam risk add "Data loss" -p 5 -i 5 >/dev/null &&
	test_expect_code 1 kam check --format junit >../out &&
	grep -q "file=\"pm/risks.csv\" line=\"2\"" ../out &&
	grep -q ">pm/risks.csv:2: red: risk-critical-unmanaged: R-1: " ../out
'

test_expect_success 'junit escapes what XML cannot hold as is' '
	fresh f3 &&
	kam risk add "a <b> & \"c\"" -p 4 -i 4 >/dev/null &&
	sed -i "s/^D-1.*//" defects.csv &&
	printf "D-1,bell\\a<x>,critical,,2026-11-20,open,,\n" >>defects.csv &&
	test_expect_code 1 kam check --format junit >../out &&
	python3 -c "import xml.etree.ElementTree as ET; ET.parse(\"../out\")"
'

test_expect_success 'usage: junit only for kam check, no operands' '
	cd proj &&
	test_expect_code 64 kam risk list --format junit 2>../err &&
	grep -q "junit is for kam check" ../err &&
	test_expect_code 64 kam check extra 2>../err &&
	test_expect_code 64 kam check --bogus 2>../err
'

test_expect_success 'health.budget-warn above the red line is invalid (65), not silently never shown (issue 17)' '
	fresh w1 &&
	git config -f kam.conf health.budget-warn 150 &&
	test_expect_code 65 kam check >../out 2>../err &&
	grep -q "health.budget-warn: 150% is above where a category turns red (100% + budget-overrun 0%)" ../err &&
	git config -f kam.conf health.budget-overrun 60 &&
	kam check >/dev/null
'

test_done
