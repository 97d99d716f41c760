#!/bin/sh
# t6080: baselines from any revision (issue 14 #3): a contract signature is
# a git tag; kam plan --baseline REV and kam budget evm --baseline REV
# take the baseline from the plan as computed at REV on REV's day, exactly
# what `kam plan baseline` would have stored then; kam budget audit
# --against REV audits against REV's budget.csv; kam report weekly --since
# REV starts at REV's day.
test_description='plan/evm --baseline REV, audit --against REV, report --since REV'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a plan signed on 2026-11-02 (tag contract), changed since' '
	mkdir repo && cd repo && git init -q && mkdir pm && cd pm &&
	kam init --name "Base" --client "ACME" --currency EUR \
	    --start 2026-11-02 >/dev/null &&
	kam task add "Build" --duration 5 >/dev/null &&
	kam task add "Test" --duration 3 --after T-1 >/dev/null &&
	kam task add "Ship" --milestone --after T-2 >/dev/null &&
	GIT_COMMITTER_DATE="2026-11-02T18:00:00+0100" \
	    git commit -q --allow-empty -m "contract signed" &&
	git tag contract &&
	kam task set T-1 --duration 8 --start 2026-11-02 >/dev/null &&
	kam task add "Docs" --duration 2 --after T-1 >/dev/null
'

test_expect_success 'plan --baseline REV: the fields of a stored baseline, as it would have been stored that day' '
	git clone -q repo stored && cd stored/pm && git checkout -q -b signed contract &&
	KAM_TODAY=2026-11-02 kam plan baseline --no-commit >/dev/null &&
	cp tasks.csv ../../baseline-tasks.csv && git checkout -q tasks.csv &&
	cd ../../repo/pm &&
	kam plan --baseline contract --format json >../../rev.json &&
	cp tasks.csv ../../tasks.keep &&
	python3 - ../../baseline-tasks.csv tasks.csv <<-\EOF &&
	import csv, sys
	base = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
	rows = list(csv.DictReader(open(sys.argv[2])))
	for r in rows:
	    b = base.get(r["id"])
	    r["baseline_start"] = b["baseline_start"] if b else ""
	    r["baseline_finish"] = b["baseline_finish"] if b else ""
	w = csv.DictWriter(open(sys.argv[2], "w", newline=""), fieldnames=rows[0].keys(), lineterminator="\n")
	w.writeheader()
	w.writerows(rows)
	EOF
	kam plan --format json >../../stored.json &&
	cp ../../tasks.keep tasks.csv &&
	test_cmp ../../stored.json ../../rev.json &&
	python3 -c "
import json
v = json.load(open(\"../../rev.json\"))
t = {x[\"id\"]: x for x in v[\"records\"]}
assert t[\"T-1\"][\"baseline_start\"] == \"2026-11-02\" and t[\"T-1\"][\"baseline_finish\"] == \"2026-11-06\", t[\"T-1\"]
assert t[\"T-1\"][\"variance\"] == 22, t[\"T-1\"]
assert t[\"T-4\"][\"baseline_start\"] is None and t[\"T-4\"][\"variance\"] is None
s = v[\"total\"]
assert s[\"baseline_finish\"] == \"2026-11-11\" and s[\"variance\"] == 22, s
"
'

test_expect_success 'plan --baseline REV: text output and the stored baseline untouched' '
	cd repo/pm &&
	kam plan --baseline contract >../../out &&
	grep -q "^finish: .*(baseline 2026-11-11, +22 working days)" ../../out &&
	git diff --exit-code tasks.csv &&
	! grep -q "2026-11-06" tasks.csv
'

test_expect_success 'plan --baseline REV: unknown revision, revision without the project' '
	cd repo/pm &&
	test_expect_code 64 kam plan --baseline nope 2>../../err &&
	grep -q "unknown revision .nope." ../../err &&
	git -C .. commit -q --allow-empty -m x &&
	mkdir ../../empty && cd ../../empty && git init -q &&
	echo x >f && git add f && git commit -q -m first && git tag before &&
	kam init --name E --client C --currency EUR >/dev/null &&
	test_expect_code 64 kam plan --baseline before 2>../err &&
	grep -q "no kam project at before" ../err
'

test_expect_success 'report weekly --since REV: the period starts on the day of REV' '
	cd repo/pm &&
	kam report weekly --since contract >../../out &&
	grep -q "\*\*Period:\*\* 2026-11-02 to 2026-11-27" ../../out &&
	kam report weekly --since 2026-11-20 >../../out &&
	grep -q "\*\*Period:\*\* 2026-11-20 to 2026-11-27" ../../out &&
	test_expect_code 64 kam report weekly --since nope 2>../../err &&
	test $(wc -l <../../err) = 1 &&
	grep -q "^kam: --since: invalid date .nope.: .*, and not a revision" ../../err
'

test_expect_success 'setup: costs and a budget at the contract, changed since' '
	mkdir evm && cd evm && git init -q &&
	kam init --name E --client C --currency EUR --start 2026-11-02 >/dev/null &&
	kam task add Build --duration 5 --cost 1000 >/dev/null &&
	kam task add Ship --duration 5 --after T-1 --cost 1000 >/dev/null &&
	kam budget set Travel 100 >/dev/null &&
	kam budget set Staff 2000 >/dev/null &&
	GIT_COMMITTER_DATE="2026-11-02T10:00:00+0100" \
	    git commit -q --allow-empty -m "contract signed" &&
	git tag contract &&
	kam budget set Travel 300 >/dev/null &&
	kam budget spend 150 --category Travel --date 2026-11-20 Hotel >/dev/null &&
	kam task set T-1 --start 2026-11-02 --progress 50 >/dev/null
'

test_expect_success 'budget audit --against REV: planned amounts of REV, actuals of today' '
	cd evm &&
	kam budget audit --format json >../now.json &&
	kam budget audit --against contract --format json >../rev.json &&
	python3 -c "
import json
now = {l[\"category\"]: l for l in json.load(open(\"../now.json\"))[\"records\"]}
rev = {l[\"category\"]: l for l in json.load(open(\"../rev.json\"))[\"records\"]}
assert now[\"Travel\"][\"planned\"] == 300 and rev[\"Travel\"][\"planned\"] == 100, rev
assert now[\"Travel\"][\"actual\"] == rev[\"Travel\"][\"actual\"] == 150
assert rev[\"Travel\"][\"status\"] == \"over\" and now[\"Travel\"][\"status\"] == \"ok\"
" &&
	kam budget audit --check >/dev/null &&
	test_expect_code 1 kam budget audit --against contract --check >/dev/null 2>../err &&
	grep -q "budget over plan: Travel" ../err &&
	test_expect_code 64 kam budget audit --against nope 2>../err &&
	grep -q "unknown revision" ../err
'

test_expect_success 'budget evm --baseline REV: PV from the baseline REV would have stored' '
	git clone -q evm evm-stored && cd evm-stored && git checkout -q -b signed contract &&
	KAM_TODAY=2026-11-02 kam plan baseline --no-commit >/dev/null &&
	cp tasks.csv ../evm-baseline.csv && cd ../evm &&
	kam budget evm --baseline contract --format json >../rev.json &&
	kam budget evm --format json >../plan.json &&
	cp tasks.csv ../tasks.keep &&
	python3 - ../evm-baseline.csv tasks.csv <<-\EOF &&
	import csv, sys
	base = {r["id"]: r for r in csv.DictReader(open(sys.argv[1]))}
	rows = list(csv.DictReader(open(sys.argv[2])))
	for r in rows:
	    b = base.get(r["id"])
	    r["baseline_start"] = b["baseline_start"] if b else ""
	    r["baseline_finish"] = b["baseline_finish"] if b else ""
	w = csv.DictWriter(open(sys.argv[2], "w", newline=""), fieldnames=rows[0].keys(), lineterminator="\n")
	w.writeheader()
	w.writerows(rows)
	EOF
	kam budget evm --format json >../stored.json &&
	cp ../tasks.keep tasks.csv &&
	test_cmp ../stored.json ../rev.json &&
	grep -q "\"basis\": *\"baseline\"" ../rev.json &&
	grep -q "\"basis\": *\"plan\"" ../plan.json &&
	git diff --exit-code tasks.csv
'

test_done
