#!/bin/sh
# t9600: the demo (tests/demo.sh, make demo) builds its ACME ERP project
# with history, and kam check finds exactly the red and amber findings the
# story intends, so the demo cannot silently rot.
test_description='make demo: the ACME ERP key account'
. "$(dirname "$0")/lib.sh"

test_expect_success 'the demo builds its project, dated in the past' '
	unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE &&
	DEMO_TODAY=2026-11-27 DEMO_DIR="$TRASH/acme" DEMO_QUIET=1 \
	    sh "$SRC_DIR/tests/demo.sh" >../out 2>../err &&
	test ! -s ../err &&
	cd acme &&
	test -s report.html &&
	git log --format=%ad --date=short >../dates &&
	test "$(tail -1 ../dates)" = 2026-09-14 &&
	test "$(head -1 ../dates)" = 2026-11-27 &&
	test "$(sort -u ../dates | wc -l)" -ge 15 &&
	test "$(git status --porcelain)" = "?? report.html"
'

test_expect_success 'kam check: exactly the findings of the story' '
	cd acme &&
	test_expect_code 1 kam check >../out &&
	test_expect_code 1 kam check --format json >../json &&
	python3 -c "
import json
for f in json.load(open(\"../json\")):
    print(\"%s %s %s %s\" % (f[\"level\"], f[\"rule\"], f[\"record\"] or \"-\",
        f[\"file\"] + (\":%d\" % f[\"line\"] if f[\"line\"] else \"\")))
" >../got &&
	cat >../expect <<-\EOT &&
	red deadline-missed project kam.conf
	red task-very-late T-3 tasks.csv:4
	red evm-red SPI tasks.csv
	red risk-critical-unmanaged R-7 risks.csv:8
	amber schedule-started-late T-3 tasks.csv:4
	amber task-late T-4 tasks.csv:5
	amber task-late T-6 tasks.csv:7
	amber budget-warn travel budget.csv:6
	amber invoice-unpaid B-2 billing.csv:3
	amber risk-review-overdue R-1 risks.csv:2
	amber defect-major-open D-2 defects.csv:3
	amber comm-overdue C-3 comms.csv:4
	amber action-overdue - meetings/2026-11-13-steering-committee.md:12
	EOT
	test_cmp ../expect ../got &&
	tail -1 ../out >../got &&
	echo "kam check: 0 invalid, 4 red, 9 amber: unhealthy" >../expect &&
	test_cmp ../expect ../got &&
	grep -q "action-overdue: .*owner P-7 (Marco Rossi): Get the bank" ../out &&
	grep -q "evm-red: SPI: 0.667 " ../out &&
	! grep -q "evm-warn" ../out &&
	kam budget evm --format json >../evm &&
	grep -q "\"ac\":1150000.00,.*\"cpi\":0.986," ../evm
'

test_expect_success 'every area has data; the task costs are the services line' '
	cd acme &&
	kam status >../out &&
	! grep -q "no data" ../out &&
	kam budget evm --format json >../evm &&
	kam budget list --format json >/dev/null &&
	python3 -c "
import json, csv
evm = json.load(open(\"../evm\"))
plan = {r[\"category\"]: r[\"amount\"] for r in csv.DictReader(open(\"budget.csv\"))}
assert float(plan[\"services\"]) == evm[\"bac\"], (plan, evm)
"
'

test_expect_success 'history: the reports and log have something to show' '
	cd acme &&
	kam log --since 2026-11-20 >../out &&
	test -s ../out &&
	kam report weekly --since 2026-11-20 >../out &&
	grep -q "in the period" ../out &&
	kam csat report >../out &&
	test -s ../out
'

test_done
