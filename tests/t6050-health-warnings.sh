#!/bin/sh
# t6050: the early warnings of issue 10 in kam check and kam status:
# earned value (evm-warn, evm-red, gated by evm-min-pct), the project's
# deadline (deadline-near, deadline-missed), late tasks (task-late,
# task-very-late), overdue actions of the minutes (action-overdue,
# action-very-overdue) and unfunded approved changes (change-unfunded).
# Each rule at, just below and just above its threshold, and each finding
# in every output format (text, json, junit, md); a project without
# baseline, costs or deadline shows none of them.
test_description='kam check: early warnings'
. "$(dirname "$0")/lib.sh"

HDR_T="id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish"
HDR_E="id,date,category,amount,description,ref,task"

# fresh NAME: an empty project (start 2026-11-02) in ./NAME, cd into it.
fresh () {
	rm -rf "$TRASH/$1" && cp -r "$TRASH/base" "$TRASH/$1" && cd "$TRASH/$1"
}

# has LEVEL RULE RECORD: the finding, in text, JSON, JUnit and Markdown.
has () {
	kam check >../t.out 2>../err
	test $? -le 1 &&
	grep -q ": $1: $2: $3: " ../t.out &&
	kam check --format json >../j.out 2>>../err
	test $? -le 1 &&
	python3 - "$1" "$2" "$3" <<-\EOF &&
	import json, sys
	lv, rule, rec = sys.argv[1:4]
	f = json.load(open("../j.out"))
	assert any(x["level"] == lv and x["rule"] == rule and
	    x["record"] == rec and x["message"] for x in f), f
	EOF
	kam check --format junit >../x.out 2>>../err
	test $? -le 1 &&
	python3 - "$1" "$2" "$3" <<-\EOF &&
	import sys, xml.etree.ElementTree as ET
	lv, rule, rec = sys.argv[1:4]
	want = "failure" if lv == "red" else "system-out"
	cases = [c for c in ET.parse("../x.out").iter("testcase")
	    if c.get("name") == rule + ": " + rec]
	assert cases and all(c.find(want) is not None for c in cases), \
	    [ET.tostring(c) for c in ET.parse("../x.out").iter("testcase")]
	EOF
	kam check --format md >../m.out 2>>../err
	test $? -le 1 &&
	grep -q "^| $1 *| $2 *| [a-z]* *| $3 *|" ../m.out
}

# hasnt RULE: no finding of RULE in any format (JUnit: a passing case).
hasnt () {
	kam check >../t.out 2>../err
	test $? -le 1 &&
	! grep -q ": $1: " ../t.out &&
	kam check --format json >../j.out 2>>../err
	test $? -le 1 &&
	python3 - "$1" <<-\EOF &&
	import json, sys
	f = json.load(open("../j.out"))
	assert not any(x["rule"] == sys.argv[1] for x in f), f
	EOF
	kam check --format junit >../x.out 2>>../err
	test $? -le 1 &&
	python3 - "$1" <<-\EOF &&
	import sys, xml.etree.ElementTree as ET
	rule = sys.argv[1]
	cases = [c for c in ET.parse("../x.out").iter("testcase")
	    if c.get("name").split(":")[0] == rule]
	assert len(cases) == 1 and len(list(cases[0])) == 0, \
	    [ET.tostring(c) for c in cases]
	EOF
	kam check --format md >../m.out 2>>../err
	test $? -le 1 &&
	! grep -q "| $1 " ../m.out
}

test_expect_success 'setup: an empty project' '
	new_project base &&
	git config -f kam.conf project.start 2026-11-02 &&
	kam people add Ann --side team >/dev/null &&
	kam people add Carl --side client >/dev/null &&
	git commit -q -am start
'

# ---- earned value ----

# spi PROGRESS: one task of 1000.00 whose 10-day baseline ends today
# (PV 1000.00, SPI = progress / 100), no expenses (no CPI).
spi () {
	printf "$HDR_T\nT-1,Build,10,,P-1,2026-11-16,,$1,1000.00,,,2026-11-16,2026-11-27\n" >tasks.csv
}

test_expect_success 'SPI at evm-warn (0.95) is fine; just below is amber' '
	fresh e1 &&
	spi 95 && hasnt evm-warn && hasnt evm-red &&
	spi 96 && hasnt evm-warn &&
	spi 94 && has amber evm-warn SPI && hasnt evm-red &&
	grep -q "tasks.csv: amber: evm-warn: SPI: 0.940 (EV 940.00 CNY / PV 1,000.00 CNY), amber below 0.950\$" ../t.out
'

test_expect_success 'SPI at evm-red (0.85) is amber; just below is red' '
	fresh e2 &&
	spi 85 && has amber evm-warn SPI && hasnt evm-red &&
	spi 86 && has amber evm-warn SPI && hasnt evm-red &&
	spi 84 && has red evm-red SPI && hasnt evm-warn &&
	grep -q "tasks.csv: red: evm-red: SPI: 0.840 (EV 840.00 CNY / PV 1,000.00 CNY), red below 0.850\$" ../t.out &&
	test_expect_code 1 kam check >/dev/null
'

# cpi COST AC: a finished task of COST (EV = PV = COST) and AC spent on it.
cpi () {
	printf "$HDR_T\nT-1,Build,10,,P-1,2026-11-16,2026-11-27,,$1,,,2026-11-16,2026-11-27\n" >tasks.csv &&
	mkdir -p expenses &&
	printf "$HDR_E\nE-1,2026-11-20,Services,$2,Work,,T-1\n" >expenses/2026-11.csv
}

test_expect_success 'CPI at, just below and just above evm-warn and evm-red' '
	fresh e3 &&
	cpi 950.00 1000.00 && hasnt evm-warn &&
	cpi 950.00 999.00 && hasnt evm-warn &&
	cpi 950.00 1001.00 && has amber evm-warn CPI &&
	grep -q "amber: evm-warn: CPI: 0.949 (EV 950.00 CNY / AC 1,001.00 CNY), amber below 0.950\$" ../t.out &&
	cpi 850.00 1000.00 && has amber evm-warn CPI && hasnt evm-red &&
	cpi 850.00 999.00 && has amber evm-warn CPI && hasnt evm-red &&
	cpi 850.00 1001.00 && has red evm-red CPI && hasnt evm-warn
'

test_expect_success 'thresholds from [health] evm-warn and evm-red' '
	fresh e4 &&
	spi 90 && has amber evm-warn SPI &&
	git config -f kam.conf health.evm-warn 0.9 && hasnt evm-warn &&
	git config -f kam.conf health.evm-red 0.91 && has red evm-red SPI &&
	git config -f kam.conf health.evm-red 1.5x &&
	test_expect_code 65 kam check 2>../err &&
	grep -q "health.evm-red: invalid value" ../err
'

test_expect_success 'evm-min-pct: judged once PV is that share of BAC' '
	fresh e5 &&
	spi 5 &&
	# on the first day of the baseline PV is 1/10 of BAC: 10 %
	KAM_TODAY=2026-11-16 && export KAM_TODAY &&
	has red evm-red SPI &&
	git config -f kam.conf health.evm-min-pct 11 && hasnt evm-red &&
	hasnt evm-warn &&
	git config -f kam.conf health.evm-min-pct 9 && has red evm-red SPI
'

# ---- the deadline ----

# The one task of 5 days, not started, from a start of Monday
# 2026-11-30: forecast finish Friday 2026-12-04.
test_expect_success 'deadline: finish on it is amber, after it red' '
	fresh d1 &&
	git config -f kam.conf project.start 2026-11-30 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,,,,,\n" >tasks.csv &&
	hasnt deadline-missed && hasnt deadline-near &&
	git config -f kam.conf project.deadline 2026-12-04 &&
	has amber deadline-near project && hasnt deadline-missed &&
	git config -f kam.conf project.deadline 2026-12-07 &&
	has amber deadline-near project &&
	git config -f kam.conf project.deadline 2026-12-03 &&
	has red deadline-missed project && hasnt deadline-near &&
	grep -q "kam.conf: red: deadline-missed: project: forecast finish 2026-12-04 is 1 working day after the deadline 2026-12-03\$" ../t.out
'

test_expect_success 'deadline-warn: within 5 working days is amber' '
	fresh d2 &&
	git config -f kam.conf project.start 2026-11-30 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,,,,,\n" >tasks.csv &&
	git config -f kam.conf project.deadline 2026-12-11 &&
	has amber deadline-near project &&
	grep -q "forecast finish 2026-12-04 is 5 working days before the deadline 2026-12-11 (amber within 5)" ../t.out &&
	git config -f kam.conf project.deadline 2026-12-10 &&
	has amber deadline-near project &&
	git config -f kam.conf project.deadline 2026-12-14 &&
	hasnt deadline-near &&
	git config -f kam.conf health.deadline-warn 6 &&
	has amber deadline-near project &&
	kam status >../out &&
	grep -q "^schedule       amber  project: forecast finish 2026-12-04 is 6 working days" ../out
'

# ---- late tasks ----

# T-1 (baseline 2026-11-02..06, started, half done) judged on various days.
late () {
	KAM_TODAY=$1 && export KAM_TODAY
}

test_expect_success 'late-grace (2 working days): at it fine, above amber' '
	fresh l1 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,2026-11-02,,50,,,,2026-11-02,2026-11-06\n" >tasks.csv &&
	late 2026-11-09 && hasnt task-late &&
	late 2026-11-10 && hasnt task-late &&
	late 2026-11-11 && has amber task-late T-1 &&
	grep -q "tasks.csv:2: amber: task-late: T-1: 3 working days late (should have finished by 2026-11-06), amber above 2\$" ../t.out
'

test_expect_success 'late-red (10 working days): at it amber, above red' '
	fresh l2 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,2026-11-02,,50,,,,2026-11-02,2026-11-06\n" >tasks.csv &&
	late 2026-11-19 && has amber task-late T-1 && hasnt task-very-late &&
	late 2026-11-20 && has amber task-late T-1 && hasnt task-very-late &&
	late 2026-11-23 && has red task-very-late T-1 && hasnt task-late &&
	grep -q "T-1: 11 working days late (should have finished by 2026-11-06), red above 10\$" ../t.out
'

test_expect_success 'a task not started past its planned start is late' '
	fresh l3 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,,,,2026-11-02,2026-11-06\n" >tasks.csv &&
	late 2026-11-04 && hasnt task-late &&
	late 2026-11-05 && has amber task-late T-1 &&
	grep -q "T-1: 3 working days late (should have started on 2026-11-02, not started), amber above 2\$" ../t.out &&
	git config -f kam.conf health.late-grace 3 && hasnt task-late
'

test_expect_success 'kam status counts the late tasks' '
	fresh l4 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,2026-11-02,,50,,,,2026-11-02,2026-11-06\nT-2,Test,5,,P-1,,,,,,,2026-11-09,2026-11-13\n" >tasks.csv &&
	late 2026-11-13 && kam status >../out &&
	grep -q "^schedule       amber  T-1: 5 working days late .*, and 1 more; 2 tasks late\$" ../out &&
	late 2026-11-06 && kam status >../out &&
	grep -q "^schedule       green  2 tasks, finish 2026-11-1[0-9], 0 late, " ../out
'

# ---- overdue actions of the minutes ----

# action DUE [BOX]: minutes of 2026-11-10 with one action due DUE.
action () {
	mkdir -p meetings &&
	printf "# Weekly\n\nAttendees: P-1 P-2\n\n## Actions\n\n- [%s] Send the plan @P-2 due:%s\n" \
	    "${2:- }" "$1" >meetings/2026-11-10-weekly.md
}

test_expect_success 'an open action past its due date is amber, owner named' '
	fresh a1 &&
	action 2026-11-27 && hasnt action-overdue &&
	action 2026-11-28 && hasnt action-overdue &&
	action 2026-11-26 && kam check >../t.out &&
	grep -q "^meetings/2026-11-10-weekly.md:7: amber: action-overdue: open action was due 2026-11-26, 1 day ago (red after 10); owner P-2 (Carl): Send the plan @P-2 due:2026-11-26\$" ../t.out &&
	action 2026-11-26 x && hasnt action-overdue
'

test_expect_success 'action-red (10 days): at it amber, above red' '
	fresh a2 &&
	action 2026-11-18 && kam check >../t.out &&
	grep -q "amber: action-overdue: open action was due 2026-11-18, 9 days" ../t.out &&
	action 2026-11-17 && kam check >../t.out &&
	grep -q "amber: action-overdue: open action was due 2026-11-17, 10 days" ../t.out &&
	action 2026-11-16 && test_expect_code 1 kam check >../t.out &&
	grep -q "red: action-very-overdue: open action was due 2026-11-16, 11 days" ../t.out &&
	test_expect_code 1 kam check --format json >../j.out &&
	python3 -c "
import json
f = json.load(open(\"../j.out\"))
assert [(x[\"rule\"], x[\"file\"], x[\"line\"]) for x in f] == [
    (\"action-very-overdue\", \"meetings/2026-11-10-weekly.md\", 7)], f
" &&
	test_expect_code 1 kam check --format md >../m.out &&
	grep -q "| red .*| action-very-overdue .*| meetings/2026-11-10-weekly.md *| *7 |" ../m.out &&
	test_expect_code 1 kam check --format junit >../x.out &&
	grep -q "<testcase classname=\"kam.communication\" name=\"action-very-overdue: meetings/2026-11-10-weekly.md\"" ../x.out &&
	git config -f kam.conf health.action-red 11 && kam check >../t.out &&
	grep -q "amber: action-overdue:" ../t.out
'

# ---- approved changes beyond the budget ----

# change COST [STATUS] [REQSTATUS]: budget 1000.00, tasks cost 800.00.
change () {
	printf "category,amount\nServices,1000.00\n" >budget.csv &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,800.00,,,,\n" >tasks.csv &&
	printf "id,title,priority,status,source,confirmed_by,confirmed_on,acceptance\nREQ-1,Login,must,${3:-confirmed},P-2,P-2,2026-10-01,works\n" >requirements.csv &&
	printf "id,title,req,cost,days,status,requested_by,decided_by,decided_on\nCR-1,SSO too,REQ-1,$1,5,${2:-approved},P-2,P-2,2026-11-20\n" >changes.csv
}

test_expect_success 'change-unfunded: approved cost above the remainder' '
	fresh c1 &&
	git config -f kam.conf project.start 2026-11-27 &&
	change 200.00 && hasnt change-unfunded &&
	change 199.99 && hasnt change-unfunded &&
	change 200.01 && has amber change-unfunded CR-1 &&
	grep -q "changes.csv:2: amber: change-unfunded: CR-1: 1 approved change to confirmed requirements cost 200.01 CNY; budget.csv plans 1,000.00 CNY, the tasks cost 800.00 CNY, leaving 200.00 CNY\$" ../t.out &&
	change 200.01 proposed && hasnt change-unfunded &&
	change 200.01 approved analysed && hasnt change-unfunded &&
	change 200.01 approved done && has amber change-unfunded CR-1
'

# ---- no spurious findings ----

test_expect_success 'no baseline, no costs, no deadline: no warning' '
	fresh n1 &&
	git config -f kam.conf project.start 2026-11-27 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,,,,,\nT-2,Ship,0,T-1,,,,,,,,,\n" >tasks.csv &&
	kam check >../out &&
	tail -1 ../out >../got &&
	echo "kam check: 0 invalid, 0 red, 0 amber: healthy" >../expect &&
	test_cmp ../expect ../got &&
	# costs but nothing planned or earned yet: not judged
	git config -f kam.conf project.start 2026-11-30 &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,500.00,,,,\n" >tasks.csv &&
	kam check >../out && tail -1 ../out >../got && test_cmp ../expect ../got &&
	# a budget without changes, changes without a budget
	printf "category,amount\nServices,100.00\n" >budget.csv &&
	kam check >../out && tail -1 ../out >../got && test_cmp ../expect ../got
'

test_expect_success 'kam status: overall is the worst area, lines give numbers' '
	fresh s1 &&
	spi 84 &&
	kam status >../out &&
	grep -q "^overall        red    the worst area: budget\$" ../out &&
	grep -q "^budget         red    SPI: 0.840 (EV 840.00 CNY / PV 1,000.00 CNY), red below 0.850 (evm-red)\$" ../out &&
	spi 100 && kam status >../out &&
	grep -q "^budget         green  CPI " ../out ||
	grep -q "^budget         green  .*SPI 1.000" ../out
'

test_done
