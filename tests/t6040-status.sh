#!/bin/sh
# t6040: kam status — one line per area with red/amber/green and its
# reason, "none" where there is no data, the command to see more, JSON
# for dashboards, and 65 (after the screen) when the data is invalid.
test_description='kam status'
. "$(dirname "$0")/lib.sh"

HDR_T="id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish"

test_expect_success 'a new project: every area has no data yet' '
	new_project &&
	kam status >../out &&
	cat >../expect <<-\EOT &&
	Test project (ACME Corp), 2026-11-27

	overall        green  no area amber or red
	schedule       none   no data
	budget         none   no data
	commercial     none   no data
	risk           none   no data
	requirements   none   no data
	quality        none   no data
	satisfaction   none   no data
	communication  none   no data
	data           green  every file is valid

	0 invalid, 0 red, 0 amber findings (kam check)
	EOT
	test_cmp ../expect ../out
'

test_expect_success 'green areas say what the data shows' '
	cd proj &&
	# planned from a start of today: an unstarted task of a project
	# that began in January would be late (task-very-late)
	git config -f kam.conf project.start 2026-11-27 &&
	kam people add Ann --side team >/dev/null &&
	kam risk add "Minor" -p 1 -i 2 >/dev/null &&
	printf "$HDR_T\nT-1,Build,5,,P-1,,,,,,,,\n" >tasks.csv &&
	printf "category,amount\nTravel,100.00\n" >budget.csv &&
	printf "id,date,person,score,comment\nF-1,2026-11-20,P-1,9,\nF-2,2026-11-21,P-1,8,\n" >csat.csv &&
	kam status >../out &&
	grep -q "^schedule       green  1 task, finish 2026-12-03, 0 late, 1 critical\$" ../out &&
	grep -q "^budget         green  0.00 CNY spent of 100.00 CNY planned (0.00%)\$" ../out &&
	grep -q "^risk           green  1 open risk of 1\$" ../out &&
	grep -q "^satisfaction   green  average 8.5 of 2 scores in the last 90 days (minimum 7)\$" ../out
'

test_expect_success 'red and amber areas give the first finding and the command' '
	cd proj &&
	kam risk add "Data loss" -p 4 -i 4 >/dev/null &&
	kam risk assess R-1 --review 2026-11-01 &&
	printf "id,title,severity,subject,found,status,rework,closed\nD-1,Typo,major,,2026-11-20,open,,\n" >defects.csv &&
	kam status >../out &&
	grep -q "^risk           red    R-2: open, score 16 (critical at 15), without owner or response (risk-critical-unmanaged)\$" ../out &&
	grep -q "^ *see: kam risk review\$" ../out &&
	grep -q "^quality        amber  D-1: major defect open: Typo (defect-major-open)\$" ../out &&
	grep -q "^ *see: kam qa report\$" ../out &&
	grep -q "^overall        red    the worst area: risk\$" ../out &&
	grep -q "^1 invalid\\|^0 invalid, 1 red, 2 amber findings (kam check)\$" ../out
'

test_expect_success '--format json for dashboards' '
	cd proj &&
	kam status --format json >../out &&
	python3 -c "
import json
rows = json.load(open(\"../out\"))
assert [r[\"area\"] for r in rows] == [\"schedule\",\"budget\",\"commercial\",\"risk\",
    \"requirements\",\"quality\",\"satisfaction\",\"communication\",\"data\"]
assert all(list(r) == [\"area\",\"status\",\"reason\",\"more\"] for r in rows)
st = {r[\"area\"]: r[\"status\"] for r in rows}
assert st == {\"schedule\":\"green\",\"budget\":\"green\",\"commercial\":\"none\",\"risk\":\"red\",
    \"requirements\":\"none\",\"quality\":\"amber\",\"satisfaction\":\"green\",
    \"communication\":\"none\",\"data\":\"green\"}, st
"
'

test_expect_success 'status exits 0 even when unhealthy (it is not a gate)' '
	cd proj &&
	kam status >/dev/null
'

test_expect_success 'invalid data: the screen, then 65' '
	cd proj &&
	printf "R-9,Bad,,7,1,,,open,,,,\n" >>risks.csv &&
	test_expect_code 65 kam status >../out 2>../err &&
	grep -q "^data           red    risks.csv:4: R-9: probability: invalid value" ../out &&
	grep -q "see kam check" ../err
'

test_expect_success 'no operands' '
	cd proj &&
	test_expect_code 64 kam status now 2>../err
'

test_done
