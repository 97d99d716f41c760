#!/bin/sh
# t8500: kam portfolio — accounts in their own repositories (work tree,
# bare, a branch other than HEAD, a project in a sub-folder, file:// URLs
# fetched into mirrors) read from their committed trees; bad accounts are
# reported in their rows and never hide the others; exit 1/65/74/66.
test_description='kam portfolio'
. "$(dirname "$0")/lib.sh"

# kam portfolio fetch: libgit2 1.5 leaks pcre2 match frames while it
# fetches (ASan build); that leak alone is suppressed.
fetch () {
	LSAN_OPTIONS=suppressions=$SRC_DIR/tests/helpers/lsan-libgit2-fetch.supp \
	    "$KAM" portfolio fetch "$@"
}

# Parse JSON from stdin and run the Python statements in $1 on it as `d`.
json_check () {
	python3 -c "import json,sys
d = json.load(sys.stdin)
$1"
}

test_expect_success 'setup: acme, a work tree with its project at the root' '
	new_project acme && cd "$TRASH/acme" &&
	kam people add "Ann Lee" --side team --email ann@example.com >/dev/null &&
	kam risk add "Supplier late" -p 4 -i 4 >/dev/null &&
	kam risk add "Minor typo" -p 1 -i 2 --owner P-1 >/dev/null &&
	kam lesson add "需求变更要书面确认" --kind improve --area scope >/dev/null &&
	kam budget set Travel 1000 >/dev/null &&
	kam budget spend 250 --category Travel --date 2026-11-02 Flights >/dev/null
'

test_expect_success 'setup: globex, a project in pm/ on branch delivery' '
	mkdir globex && cd globex && git init -q &&
	echo "globex crm" >README && git add README && git commit -qm readme &&
	git checkout -q -b delivery && mkdir pm && cd pm &&
	kam init --name "Globex CRM" --client Globex --currency EUR \
	    --start 2026-01-05 >/dev/null &&
	kam people add "Ann Lee" --side team --email ANN@example.com >/dev/null &&
	kam risk add "Scope creep" -p 3 -i 3 --owner P-1 \
	    --response "weekly triage" >/dev/null &&
	kam lesson add "Weekly demos kept the client close" --kind keep \
	    --area communication >/dev/null &&
	kam budget set Licences 500 >/dev/null &&
	kam budget spend 100 --category Licences --date 2026-11-03 Seats \
	    >/dev/null &&
	cd .. && git checkout -q main
'

test_expect_success 'setup: initech, a bare repository' '
	new_project initech-src && cd "$TRASH/initech-src" &&
	kam lesson add "Data migration needs a dry run" --kind improve \
	    --area schedule >/dev/null &&
	cd "$TRASH" && git clone -q --bare initech-src initech.git
'

test_expect_success 'setup: umbrella, reached by a file:// URL' '
	new_project umbrella-src && cd "$TRASH/umbrella-src" &&
	kam risk add "Key person leaves" -p 5 -i 4 >/dev/null
'

test_expect_success 'setup: broken, invalid data committed' '
	new_project broken && cd "$TRASH/broken" &&
	kam risk add "Fine" -p 1 -i 1 >/dev/null &&
	echo "R-2,Bad,,9,1,,,open,,,," >>risks.csv &&
	git commit -qam "hand edit"
'

test_expect_success 'setup: the portfolio repository' '
	mkdir pf && cd pf && git init -q &&
	cat >portfolio.conf <<-EOF &&
	[account "acme"]
		path = ../acme
	[account "globex"]
		path = ../globex
		branch = delivery
		dir = pm
	[account "initech"]
		path = ../initech.git
	[account "umbrella"]
		url = file://$TRASH/umbrella-src
	[account "broken"]
		path = ../broken
	[account "missing"]
		path = ../nope
	EOF
	git add portfolio.conf && git commit -qm accounts
'

test_expect_success 'no portfolio.conf: 66' '
	test_expect_code 66 kam portfolio status 2>err &&
	grep "no portfolio.conf" err &&
	test_expect_code 66 kam portfolio status -f nope.conf 2>err
'

test_expect_success 'an account with a url is unreadable until fetched' '
	cd pf &&
	test_expect_code 74 kam portfolio status --format json >out 2>err &&
	json_check "
r = [a for a in d if a[\"account\"] == \"umbrella\"][0]
assert r[\"status\"] == \"unreadable\", r
assert \"kam portfolio fetch\" in r[\"reason\"], r" <out
'

test_expect_success 'fetch clones into a bare mirror beside the file, ignored by git' '
	cd pf &&
	fetch --format json >../out &&
	json_check "
assert [(a[\"account\"], a[\"result\"]) for a in d] == [(\"umbrella\", \"cloned\")], d" <../out &&
	test "$(git --git-dir=.kam/mirrors/umbrella.git rev-parse --is-bare-repository)" = true &&
	git status --porcelain >../st && ! grep "\.kam" ../st
'

test_expect_success 'status: every account, worst first, bad ones with their reason' '
	cd pf &&
	test_expect_code 74 kam portfolio status --format json >out 2>err &&
	json_check "
names = [a[\"account\"] for a in d]
assert names[:2] == [\"missing\", \"broken\"], names
assert sorted(names) == sorted([\"acme\", \"globex\", \"initech\", \"umbrella\", \"broken\", \"missing\"]), names
by = {a[\"account\"]: a for a in d}
assert by[\"missing\"][\"status\"] == \"unreadable\"
assert \"nope\" in by[\"missing\"][\"reason\"]
assert by[\"broken\"][\"status\"] == \"invalid\"
assert by[\"broken\"][\"reason\"].startswith(\"risks.csv:3:\"), by[\"broken\"]
assert by[\"acme\"][\"status\"] == \"red\" and by[\"acme\"][\"risk\"] == \"red\"
assert by[\"acme\"][\"critical_risks\"] == 1
assert by[\"acme\"][\"budget_used_pct\"] == 25.0
assert by[\"acme\"][\"budget_worst\"] == \"Travel\"
assert by[\"acme\"][\"currency\"] == \"CNY\" and by[\"acme\"][\"client\"] == \"ACME Corp\"
assert by[\"umbrella\"][\"status\"] == \"red\"
assert by[\"globex\"][\"currency\"] == \"EUR\" and by[\"globex\"][\"project\"] == \"Globex CRM\"
assert by[\"globex\"][\"critical_risks\"] == 0
assert by[\"initech\"][\"status\"] in (\"green\", \"none\"), by[\"initech\"]
assert len(by[\"acme\"][\"commit\"]) == 40
for k in (\"planned_finish\", \"forecast_finish\", \"slip_days\", \"csat_avg\", \"nps\", \"schedule\", \"data\"):
    assert k in by[\"acme\"], k" <out &&
	grep "account .missing. (unreadable)" err &&
	grep "account .broken. (invalid): risks.csv:3:" err
'

test_expect_success 'the screen and the other formats' '
	cd pf &&
	test_expect_code 74 kam portfolio status >out 2>/dev/null &&
	head -n 1 out | grep "^account  *status  *client" &&
	grep "^missing  *unreadable" out &&
	test_expect_code 74 kam portfolio status --format csv >out 2>/dev/null &&
	head -n 1 out | grep "^\"account\",\"status\",\"project\"" &&
	test_expect_code 74 kam portfolio status --format md >out 2>/dev/null &&
	head -n 1 out | grep "^| account  *| status  *|"
'

test_expect_success 'exit: 65 for invalid data, 1 for red, 0 when all are well' '
	cd pf &&
	printf "[account \"acme\"]\n\tpath = ../acme\n[account \"broken\"]\n\tpath = ../broken\n" >two.conf &&
	test_expect_code 65 kam portfolio status -f two.conf >/dev/null 2>&1 &&
	printf "[account \"acme\"]\n\tpath = ../acme\n" >red.conf &&
	test_expect_code 1 kam portfolio status -f red.conf >/dev/null &&
	printf "[account \"i\"]\n\tpath = ../initech.git\n" >ok.conf &&
	kam portfolio status -f ok.conf >/dev/null
'

test_expect_success 'found by walking up, or -f relative to the current directory' '
	mkdir -p pf/sub/deeper && cd pf/sub/deeper &&
	test_expect_code 1 kam portfolio status --format json >out 2>/dev/null ||
	test_expect_code 74 kam portfolio status --format json >out 2>/dev/null &&
	json_check "assert len(d) == 6, d" <out &&
	kam portfolio status -f ../../ok.conf >/dev/null
'

test_expect_success 'uncommitted edits in a work tree never show' '
	cd acme &&
	kam people add "Bob" --side team --no-commit >/dev/null &&
	kam risk add "Uncommitted danger" -p 5 -i 5 --no-commit >/dev/null &&
	cd ../pf &&
	kam portfolio risks -f red.conf --format json >out &&
	! grep "Uncommitted danger" out &&
	cd ../acme && git checkout -q -- . && test -z "$(git status --porcelain)"
'

test_expect_success 'a branch other than HEAD, a sub-folder, a bare repository' '
	cd pf &&
	test_expect_code 74 kam portfolio risks --format json >out 2>err &&
	json_check "
acc = set(r[\"account\"] for r in d)
assert \"globex\" in acc and \"umbrella\" in acc, acc
g = [r for r in d if r[\"account\"] == \"globex\"][0]
assert g[\"title\"] == \"Scope creep\" and g[\"owner_email\"] == \"ANN@example.com\", g" <out &&
	test_expect_code 74 kam portfolio lessons --format json >out 2>/dev/null &&
	json_check "
assert \"initech\" in set(r[\"account\"] for r in d), d" <out
'

test_expect_success 'risks: open risks of every account, highest score first' '
	cd pf &&
	test_expect_code 74 kam portfolio risks --format json >out 2>err &&
	json_check "
s = [r[\"score\"] for r in d]
assert s == sorted(s, reverse=True), s
assert d[0][\"account\"] == \"umbrella\" and d[0][\"score\"] == 20, d[0]
assert set(d[0]) >= {\"account\", \"id\", \"title\", \"probability\", \"impact\", \"score\", \"level\", \"owner\", \"owner_email\"}
assert \"broken\" not in set(r[\"account\"] for r in d)" <out &&
	grep "account .broken. (invalid)" err &&
	test_expect_code 74 kam portfolio risks --min-score 16 --format json >out 2>/dev/null &&
	json_check "assert sorted((r[\"account\"], r[\"score\"]) for r in d) == [(\"acme\", 16), (\"umbrella\", 20)], d" <out &&
	test_expect_code 74 kam portfolio risks --owner ann@EXAMPLE.com --format json >out 2>/dev/null &&
	json_check "assert sorted((r[\"account\"], r[\"id\"]) for r in d) == [(\"acme\", \"R-2\"), (\"globex\", \"R-1\")], d" <out &&
	test_expect_code 64 kam portfolio risks --min-score 30 2>err
'

test_expect_success 'lessons: the knowledge base, CJK search' '
	cd pf &&
	test_expect_code 74 kam portfolio lessons --search 书面 --format json >out 2>/dev/null &&
	json_check "assert [(r[\"account\"], r[\"id\"], r[\"area\"]) for r in d] == [(\"acme\", \"L-1\", \"scope\")], d" <out &&
	test_expect_code 74 kam portfolio lessons --area COMMUNICATION --format json >out 2>/dev/null &&
	json_check "assert [r[\"account\"] for r in d] == [\"globex\"], d" <out &&
	test_expect_code 74 kam portfolio lessons --search DRY --format csv >out 2>/dev/null &&
	grep "^\"initech\",\"L-1\"" out
'

test_expect_success 'budget: per account, totals per currency, never across' '
	cd pf &&
	test_expect_code 74 kam portfolio budget --format json >out 2>/dev/null &&
	json_check "
acc = {r[\"account\"]: r for r in d[\"records\"]}
assert acc[\"acme\"][\"planned\"] == 1000 and acc[\"acme\"][\"actual\"] == 250
assert acc[\"acme\"][\"used_pct\"] == 25.0 and acc[\"acme\"][\"variance\"] == 750
assert acc[\"missing\"][\"planned\"] is None and \"nope\" in acc[\"missing\"][\"reason\"]
tot = d[\"total\"]
assert set(tot) == {\"CNY\", \"EUR\"}, tot
assert tot[\"EUR\"][\"planned\"] == 500 and tot[\"EUR\"][\"actual\"] == 100
assert tot[\"CNY\"][\"planned\"] == 1000 and tot[\"CNY\"][\"actual\"] == 250
assert tot[\"CNY\"][\"accounts\"] == 4, tot" <out
'

test_expect_success 'fetch again brings new commits; the mirror follows the source' '
	cd umbrella-src &&
	kam risk assess R-1 -p 1 -i 1 >/dev/null &&
	cd ../pf &&
	fetch >out &&
	grep "^umbrella .* fetched" out &&
	test_expect_code 74 kam portfolio risks --format json >out 2>/dev/null &&
	json_check "
u = [r for r in d if r[\"account\"] == \"umbrella\"]
assert u[0][\"score\"] == 1, u" <out
'

test_expect_success 'an unreachable url is reported in its row' '
	cd pf &&
	printf "[account \"gone\"]\n\turl = file://$TRASH/no-such-repo\n" >gone.conf &&
	test_expect_code 74 fetch -f gone.conf --format json >out 2>err &&
	json_check "assert d[0][\"result\"] == \"failed\" and d[0][\"reason\"], d" <out &&
	test_expect_code 74 kam portfolio status -f gone.conf --format json >out 2>/dev/null &&
	json_check "assert d[0][\"status\"] == \"unreadable\", d" <out
'

test_expect_success 'a bad portfolio.conf is invalid data' '
	cd pf &&
	printf "[account \"x\"\n" >bad.conf &&
	test_expect_code 65 kam portfolio status -f bad.conf 2>err &&
	printf "[account \".hidden\"]\n\tpath = ../acme\n" >bad.conf &&
	test_expect_code 65 kam portfolio status -f bad.conf 2>err &&
	grep "start with" err
'

test_expect_success 'setup: the same person on three accounts' '
	for n in 1 2 3; do
		new_project load$n && cd "$TRASH/load$n" &&
		kam people add "Ann Lee" --side team \
		    --email $(test $n = 3 && echo ANN@example.com || echo ann@example.com) >/dev/null &&
		kam people add "Bo Chen" --side team >/dev/null &&
		kam task add "Build $n" --duration 3 --assignee P-1 >/dev/null &&
		kam task set T-1 --start 2026-11-30 >/dev/null &&
		kam task add "Test $n" --duration 1 --assignee P-2 >/dev/null &&
		kam task set T-2 --start 2026-12-07 >/dev/null || return 1
	done &&
	printf "[account \"l1\"]\n\tpath = load1\n[account \"l2\"]\n\tpath = load2\n[account \"l3\"]\n\tpath = load3\n" >"$TRASH/load.conf"
'

test_expect_success 'load: over-allocated only in total, with the accounts that cause it' '
	kam portfolio load -f load.conf --format json >out &&
	json_check "
ann = [r for r in d if r[\"person\"] == \"ann@example.com\"]
assert [(r[\"period\"], r[\"load\"], r[\"over\"]) for r in ann] == [(\"2026-11-30\", 180.0, True)], ann
assert ann[0][\"accounts\"] == [\"l1:60\", \"l2:60\", \"l3:60\"], ann
assert ann[0][\"capacity\"] == 100 and ann[0][\"period_end\"] == \"2026-12-06\"
bo = [r for r in d if r[\"person\"] == \"Bo Chen\"]
assert [(r[\"period\"], r[\"load\"], r[\"over\"]) for r in bo] == [(\"2026-12-07\", 60.0, False)], bo" <out &&
	printf "[account \"l1\"]\n\tpath = load1\n" >one.conf &&
	kam portfolio load -f one.conf --format json >out &&
	json_check "assert not any(r[\"over\"] for r in d), d" <out &&
	kam portfolio load -f load.conf >out &&
	grep "^ann@example.com  *Ann Lee  *2026-11-30  *2026-12-06  *180%  *100  *OVER  *l1:60 l2:60 l3:60" out &&
	grep "^1 over-allocated week across accounts" out
'

test_expect_success 'load: --by month and the window' '
	kam portfolio load -f load.conf --by month --format json >out &&
	json_check "
ann = [r for r in d if r[\"person\"] == \"ann@example.com\"]
assert [(r[\"period\"], r[\"period_end\"]) for r in ann] == [(\"2026-11-01\", \"2026-11-30\"), (\"2026-12-01\", \"2026-12-31\")], ann" <out &&
	kam portfolio load -f load.conf --from 2026-12-07 --format json >out &&
	json_check "assert [r[\"person\"] for r in d] == [\"Bo Chen\"], d" <out &&
	test_expect_code 64 kam portfolio load -f load.conf --by year 2>err &&
	test_expect_code 64 kam portfolio load -f load.conf --from 2026-12-07 --to 2026-12-01 2>err
'

test_expect_success 'report: the director page in Markdown: accounts by area, load, top risks' '
	cat pf/portfolio.conf load.conf >all.conf &&
	sed -i "s|path = \.\./|path = |" all.conf &&
	fetch -f all.conf >/dev/null &&
	test_expect_code 74 kam portfolio report -f all.conf >rep.md 2>err &&
	grep -q "^kam: account .missing. (unreadable): " err &&
	grep -q "^# Portfolio report\$" rep.md &&
	grep -q "^\*\*Date:\*\* 2026-11-27 · \*\*Accounts:\*\* 9: 4 red, 0 amber, 3 green, 1 with invalid data, 1 unreadable\$" rep.md &&
	grep -q "^## Accounts\$" rep.md &&
	grep -q "^| missing | unreadable |" rep.md &&
	grep -q "^| broken | invalid | ACME Corp |  |  |  |  |  | risks.csv:3: probability: " rep.md &&
	grep -q "^| acme | red | ACME Corp |  |  | 25.00% | 1 |  | risk: R-1: " rep.md &&
	grep -q "^| globex | green | Globex |  |  | 20.00% | 0 |  |  |\$" rep.md &&
	grep -q "^## Load across accounts\$" rep.md &&
	grep -q "^The weeks 2026-11-23 to 2027-02-14: " rep.md &&
	grep -q "^| Ann Lee | 2026-11-30 | 180% | 100% | l1:60 l2:60 l3:60 |\$" rep.md &&
	! grep -q "^| Bo Chen " rep.md &&
	grep -q "^## Top risks\$" rep.md &&
	sed -n "/^## Top risks/,\$p" rep.md | grep "^| [a-z]" | grep -v "^| account " >risks &&
	test "$(wc -l <risks)" = 4 &&
	head -1 risks | grep -q "^| acme | R-1 | Supplier late | 16 | critical |  |  |\$" &&
	sed -n 2p risks | grep -q "^| globex | R-1 | Scope creep | 9 | medium | Ann Lee | weekly triage |\$" &&
	sed -n 4p risks | grep -q "^| umbrella | R-1 | Key person leaves | 1 | low |"
'

test_expect_success 'report: HTML, self-contained, two charts' '
	test_expect_code 74 kam portfolio report -f all.conf --format html >rep.html 2>/dev/null &&
	python3 "$SRC_DIR/tests/helpers/check-html.py" rep.html 2 &&
	grep -q "<title>Accounts by area, worst first</title>" rep.html &&
	grep -q "<title>Ann Lee, week of 2026-11-30: 180% of 100% (l1:60 l2:60 l3:60)</title>" rep.html &&
	kam portfolio report -f load.conf --format html >ok.html &&
	test_expect_code 64 kam portfolio report -f load.conf --format json 2>err &&
	grep -q "writes a document" err
'

test_expect_success '--today is the day of every verb, as KAM_TODAY is' '
	kam --today 2026-12-01 portfolio report -f load.conf >rep2.md &&
	grep -q "^\*\*Date:\*\* 2026-12-01 · " rep2.md &&
	grep -q "^The weeks 2026-11-30 to 2027-02-21: " rep2.md &&
	test_expect_code 1 kam --today 2026-12-01 portfolio status -f load.conf \
	    --format json >a.json &&
	KAM_TODAY=2026-12-01 test_expect_code 1 kam portfolio status \
	    -f load.conf --format json >b.json &&
	test_cmp a.json b.json
'

test_expect_success 'usage errors: 64' '
	test_expect_code 64 kam portfolio status --bogus 2>err &&
	grep "^usage: kam portfolio status" err &&
	test_expect_code 64 kam portfolio status extra 2>err
'

test_expect_success 'write errors are not silent' '
	cd pf &&
	test_expect_code 74 kam portfolio status -f ok.conf >/dev/full
'

test_done
