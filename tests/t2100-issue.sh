#!/bin/sh
# t2100: the issue log: add, set, list (filters), show, start, escalate
# (to the accountable person of the RACI matrix), resolve, close; kam risk
# occur opens a linked issue in the same commit; the health rules and the
# weekly report see the issues.
test_description='kam issue'
. "$(dirname "$0")/lib.sh"

H='id,title,severity,owner,raised,due,status,escalation,risk,affects,resolution'

snap () {
	git rev-parse HEAD
	sha256sum .git/index issues.csv
	git status --porcelain
}

test_expect_success 'setup: people, a task, a requirement' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add Bo --side client >/dev/null &&
	kam task add Build --duration 3 >/dev/null &&
	kam req add "Single sign-on" --priority must >/dev/null &&
	test -f issues.csv &&
	echo "$H" >expect && test_cmp expect issues.csv
'

# ---- add ----

test_expect_success 'add with every option: the id alone, the row, the commit' '
	cd proj &&
	kam issue add "Test server down" --severity critical --owner p-1 \
	    --due 2026-12-01 --affects t-1,REQ-1 >../out 2>../err &&
	echo I-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "I-1,Test server down,critical,P-1,2026-11-27,2026-12-01,open,0,,T-1 REQ-1," >../expect &&
	test_cmp ../expect issues.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: issue add I-1: Test server down" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 issues.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'add: short options, a past due date' '
	cd proj &&
	kam issue add "Licence expired" -s minor -o P-2 -d 2026-11-20 >../out &&
	echo I-2 >../expect &&
	test_cmp ../expect ../out &&
	tail -n 1 issues.csv >../row &&
	echo "I-2,Licence expired,minor,P-2,2026-11-27,2026-11-20,open,0,,," >../expect &&
	test_cmp ../expect ../row
'

test_expect_success 'add: --severity and --owner are required (64), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam issue add x --owner P-1 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: --severity is required (how bad it is)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam issue add x --severity minor 2>../err &&
	echo "kam: --owner is required (who resolves it)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam issue add x --severity bad --owner P-1 2>../err &&
	echo "kam: --severity: invalid value '"'bad'"': expected one of: critical major minor" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam issue add --severity minor --owner P-1 2>../err &&
	grep -q "^usage: kam issue add title --severity" ../err &&
	test_expect_code 64 kam issue add x --severity minor --owner P-1 --bogus 2>../err &&
	echo "kam: unknown option '"'--bogus'"'" >../expect &&
	head -n 1 ../err >../first &&
	test_cmp ../expect ../first &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'add: references must exist (65), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam issue add x --severity minor --owner P-9 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: owner: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam issue add x --severity minor --owner P-1 --affects T-7 2>../err &&
	echo "kam: affects: task T-7 does not exist in tasks.csv" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam issue add x --severity minor --owner P-1 --risk R-1 2>../err &&
	echo "kam: risk: risk R-1 does not exist in risks.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- list and show ----

test_expect_success 'list: every issue, the brief columns' '
	cd proj &&
	kam issue list >../out &&
	cat >../expect <<-\EOF &&
	id   title             severity  owner  due         status  escalation  risk
	I-1  Test server down  critical  P-1    2026-12-01  open             0  -
	I-2  Licence expired   minor     P-2    2026-11-20  open             0  -
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'list --overdue, --owner, --status; JSON types' '
	cd proj &&
	kam issue list --overdue --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"I-2\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam issue list --owner p-1 --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"I-1\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	kam issue list --status closed --format csv >../out &&
	test "$(wc -l <../out)" = 1 &&
	kam issue list --owner P-1 --format json >../out &&
	grep -q "\"escalation\":0" ../out &&
	grep -q "\"affects\":\[\"T-1\",\"REQ-1\"\]" ../out &&
	test_expect_code 64 kam issue list --status shut 2>../err &&
	echo "kam: --status: invalid value '"'shut'"': expected one of: open in-progress resolved closed" >../expect &&
	test_cmp ../expect ../err
'

test_expect_success 'show: every field' '
	cd proj &&
	kam issue show i-1 >../out &&
	grep -q "^severity: *critical\$" ../out &&
	grep -q "^affects: *T-1 REQ-1\$" ../out &&
	test_expect_code 65 kam issue show I-9 2>../err &&
	echo "kam: issue I-9 does not exist in issues.csv" >../expect &&
	test_cmp ../expect ../err
'

# ---- set and start ----

test_expect_success 'set changes the fields given, one commit' '
	cd proj &&
	kam issue set I-2 --severity major --due 2026-12-15 >../out &&
	test ! -s ../out &&
	git log -1 --format=%s >../subject &&
	echo "kam: issue set I-2: Licence expired" >../expect &&
	test_cmp ../expect ../subject &&
	grep -q "^I-2,Licence expired,major,P-2,2026-11-27,2026-12-15,open," issues.csv &&
	test_expect_code 64 kam issue set I-2 2>../err &&
	grep -q "^usage: kam issue set I-n" ../err
'

test_expect_success 'start: open becomes in-progress, still open' '
	cd proj &&
	kam issue start I-2 &&
	grep -q "^I-2,.*,in-progress," issues.csv &&
	kam issue list --open --format csv | cut -d, -f1 >../ids &&
	printf "\"id\"\n\"I-1\"\n\"I-2\"\n" >../expect &&
	test_cmp ../expect ../ids &&
	test_expect_code 65 kam issue start I-2 2>../err &&
	echo "kam: issue I-2 is in-progress: only an open issue is started" >../expect &&
	test_cmp ../expect ../err
'

# ---- escalate ----

test_expect_success 'escalate: one level up, the commit says to whom' '
	cd proj &&
	kam raci set T-1 P-2 A >/dev/null &&
	kam issue escalate I-1 >../out &&
	test ! -s ../out &&
	grep -q "^I-1,.*,open,1,," issues.csv &&
	git log -1 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: issue escalate I-1: Test server down

	Escalated to level 1: to P-2 (Bo), accountable for T-1.

	EOF
	test_cmp ../expect ../msg
'

test_expect_success 'escalate: the issue itself first as a RACI activity' '
	cd proj &&
	kam raci set I-1 P-1 A >/dev/null &&
	kam issue escalate I-1 &&
	git log -1 --format=%b >../msg &&
	grep -q "^Escalated to level 2: to P-1 (Ann), accountable for I-1\.\$" ../msg
'

test_expect_success 'escalate: nobody accountable is said too' '
	cd proj &&
	kam issue escalate I-2 &&
	git log -1 --format=%b >../msg &&
	grep -q "^Escalated to level 1: no one is accountable (A) for I-2" ../msg
'

test_expect_success 'escalate: 3 at most (65), nothing changed' '
	cd proj &&
	kam issue escalate I-1 &&
	grep -q "^I-1,.*,open,3,," issues.csv &&
	snap >../before &&
	test_expect_code 65 kam issue escalate I-1 2>../err &&
	echo "kam: issue I-1 is already at escalation level 3, the highest" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

# ---- health and the weekly report ----

test_expect_success 'health: critical open and level 3 are red, overdue amber' '
	cd proj &&
	kam issue add "Old" --severity minor --owner P-1 --due 2026-11-01 >/dev/null &&
	test_expect_code 1 kam check >../out &&
	grep -q "issues.csv:2: red: issue-critical-open: I-1: critical issue is open" ../out &&
	grep -q "issues.csv:2: red: issue-escalated: I-1: escalated to level 3" ../out &&
	grep -q "issues.csv:4: amber: issue-overdue: I-3: was due 2026-11-01" ../out &&
	kam status >../out || true &&
	grep -q "^risk  *red  *I-1: critical issue is open (issue-critical-open)" ../out
'

test_expect_success 'the weekly report lists the open issues' '
	cd proj &&
	kam report weekly >../out &&
	grep -q "^## Issues\$" ../out &&
	grep -q "^- Open: \*\*3\*\* (1 critical, 1 at escalation level 3); resolved: 0; closed: 0\$" ../out &&
	grep -q "^| I-1 | Test server down | critical | Ann | 2026-12-01 | 3 | open |\$" ../out
'

# ---- resolve and close ----

test_expect_success 'close before resolve is refused (65)' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam issue close I-1 2>../err &&
	echo "kam: issue I-1 is open: resolve it first (kam issue resolve ID --resolution text)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam issue resolve I-1 2>../err &&
	echo "kam: --resolution is required (how it was resolved)" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'resolve, then close: one commit each' '
	cd proj &&
	n=$(git rev-list --count HEAD) &&
	kam issue resolve I-1 --resolution "Spare server" >../out &&
	test ! -s ../out &&
	grep -q "^I-1,.*,resolved,3,,T-1 REQ-1,Spare server\$" issues.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: issue resolve I-1: Test server down" >../expect &&
	test_cmp ../expect ../subject &&
	kam issue close I-1 &&
	grep -q "^I-1,.*,closed,3," issues.csv &&
	test "$(git rev-list --count HEAD)" = $((n + 2)) &&
	test_expect_code 65 kam issue set I-1 --title x 2>../err &&
	echo "kam: issue I-1 is closed: a closed issue is not edited" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 65 kam issue escalate I-1 2>../err &&
	echo "kam: issue I-1 is closed: only an open issue is escalated" >../expect &&
	test_cmp ../expect ../err
'

# ---- kam risk occur ----

test_expect_success 'risk occur opens a linked issue in the same commit' '
	cd proj &&
	kam risk add "Vendor bankrupt" -p 5 -i 4 --owner P-2 >/dev/null &&
	n=$(git rev-list --count HEAD) &&
	kam risk occur R-1 >../out &&
	echo I-4 >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	tail -n 1 issues.csv >../row &&
	echo "I-4,Vendor bankrupt,critical,P-2,2026-11-27,,open,0,R-1,," >../expect &&
	test_cmp ../expect ../row &&
	grep -q "^R-1,Vendor bankrupt,.*,occurred," risks.csv &&
	git log -1 --format=%B >../msg &&
	cat >../expect <<-\EOF &&
	kam: risk occur R-1: Vendor bankrupt

	Opened issue I-4.

	EOF
	test_cmp ../expect ../msg &&
	git show --name-only --format= HEAD >../files &&
	printf "issues.csv\nrisks.csv\n" >../expect &&
	test_cmp ../expect ../files
'

test_expect_success 'a low risk that occurs opens a minor issue' '
	cd proj &&
	kam risk add "Rain" -p 1 -i 2 >/dev/null &&
	kam risk occur R-2 >/dev/null &&
	tail -n 1 issues.csv >../row &&
	echo "I-5,Rain,minor,,2026-11-27,,open,0,R-2,," >../expect &&
	test_cmp ../expect ../row
'

# ---- hand edits, output errors ----

test_expect_success 'kam check validates issues.csv by its declaration' '
	cd proj &&
	echo "I-9,Bad,urgent,P-1,,,open,4,,X-1," >>issues.csv &&
	test_expect_code 65 kam check >../out 2>&1 &&
	grep -q "^issues.csv:7: error: invalid-value: I-9: severity: invalid value '"'urgent'"'" ../out &&
	grep -q "^issues.csv:7: error: invalid-value: I-9: escalation: invalid value '"'4'"'" ../out &&
	grep -q "^issues.csv:7: error: invalid-value: I-9: affects: invalid value '"'X-1'"': unknown prefix" ../out &&
	git checkout -q issues.csv
'

test_expect_success 'write errors are not silent' '
	cd proj &&
	test_expect_code 74 kam issue list >/dev/full
'

test_done
