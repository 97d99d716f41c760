#!/bin/sh
# t6070: what a branch does to the project (issue 14 #2): kam review
# (records per table, findings introduced and resolved, finish and budget
# before and after, requirements whose status changed) and kam check
# --new-since (a CI gate that blames only the branch that made the
# project red).  The project lives in pm/ of a product repository with an
# upstream, as in a pull request.
test_description='kam review, kam check --new-since'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: main with an old red risk, a branch that tracks it' '
	git init -q --bare origin.git &&
	mkdir repo && cd repo && git init -q && mkdir -p src pm &&
	echo "int main(void) { return 0; }" >src/main.c &&
	cd pm && kam init --name "Review" --client "ACME" --currency EUR \
	    --start 2026-11-27 >/dev/null &&
	kam people add Ann --side team >/dev/null &&
	kam people add Carl --side client >/dev/null &&
	kam risk add "Supplier late" -p 5 -i 4 >/dev/null &&
	kam risk add "Minor" -p 1 -i 2 >/dev/null &&
	kam req add "Login" --source P-2 --acceptance "logs in" >/dev/null &&
	kam req add "Export" --source P-2 >/dev/null &&
	kam task add "Build" --duration 5 >/dev/null &&
	kam task add "Ship" --duration 2 --after T-1 >/dev/null &&
	kam budget set Travel 100 >/dev/null &&
	kam budget set Staff 1000 >/dev/null &&
	kam budget spend 50 --category Travel --date 2026-11-20 Taxi >/dev/null &&
	git add -A .. && git commit -q -m "product" &&
	git remote add origin "$TRASH/origin.git" &&
	git push -q origin main &&
	git checkout -q -b feature --track origin/main &&
	test_expect_code 1 kam check >../../out &&
	grep -q "red: risk-critical-unmanaged: R-1" ../../out
'

test_expect_success 'setup: the branch makes the budget red, fixes the risk, moves the finish' '
	cd repo/pm &&
	kam budget spend 80 --category Travel --date 2026-11-25 Hotel >/dev/null &&
	kam risk assess R-1 --owner P-1 --response "second supplier" >/dev/null &&
	kam task set T-1 --duration 8 >/dev/null &&
	kam req analyse REQ-1 >/dev/null &&
	kam req confirm REQ-1 --by P-2 --date 2026-11-20 >/dev/null &&
	kam budget set Training 300 >/dev/null &&
	test_expect_code 1 kam check >../../out &&
	grep -q "red: budget-overrun: Travel" ../../out &&
	! grep -q "risk-critical-unmanaged" ../../out
'

test_expect_success 'review (md): exactly what the branch did' '
	cd repo/pm &&
	kam review >../../review.md &&
	head -1 ../../review.md >../../got &&
	echo "### kam review: origin/main ($(git rev-parse --short=7 origin/main)) -> the work tree" >../../expect &&
	test_cmp ../../expect ../../got &&
	sed "s/  */ /g" ../../review.md >../../norm &&
	grep -qx "\*\*Health:\*\* 1 finding introduced, 1 resolved; red 1 -> 1, amber 0 -> 0, invalid 0 -> 0." ../../norm &&
	sed -n "/^#### Findings introduced/,/^#### Findings resolved/p" ../../norm >../../intro &&
	grep "^| red\|^| amber" ../../intro >../../got &&
	echo "| red | budget-overrun | Travel | pm/budget.csv | 4 | 130.00 EUR spent of 100.00 EUR planned (130.00%) |" >../../expect &&
	test_cmp ../../expect ../../got &&
	sed -n "/^#### Findings resolved/,/^#### Finish/p" ../../norm >../../res &&
	grep "^| red\|^| amber" ../../res >../../got &&
	echo "| red | risk-critical-unmanaged | R-1 | pm/risks.csv | 2 | open, score 20 (critical at 15), without owner or response |" >../../expect &&
	test_cmp ../../expect ../../got &&
	grep -qx "2026-12-07 -> 2026-12-10: +3 working days (later)." ../../norm &&
	grep -qx "| REQ-1 | Login | draft | confirmed |" ../../norm &&
	grep -qx "| Travel | 100.00 EUR | 100.00 EUR | 50.00 EUR | 130.00 EUR |" ../../norm &&
	grep -qx "| Training | | 300.00 EUR | | 0.00 EUR |" ../../norm &&
	grep -qx "| total | 1,100.00 EUR | 1,400.00 EUR | 50.00 EUR | 130.00 EUR |" ../../norm &&
	sed -n "/^#### Records/,/^#### Findings/p" ../../norm | grep "^| [a-z]" >../../got &&
	cat >../../expect <<-\EOF &&
	| table | added | removed | changed |
	| risks | 0 | 0 | 1 |
	| requirements | 0 | 0 | 1 |
	| tasks | 0 | 0 | 1 |
	| budget | 1 | 0 | 0 |
	| expenses | 1 | 0 | 0 |
	EOF
	test_cmp ../../expect ../../got
'

test_expect_success 'review (json): the same, for a script' '
	cd repo/pm &&
	kam review --format json >../../review.json &&
	python3 - ../../review.json "$(git rev-parse origin/main)" <<-\EOF
	import json, sys
	d = json.load(open(sys.argv[1]))
	assert d["base"]["rev"] == "origin/main" and d["base"]["commit"] == sys.argv[2]
	assert d["head"]["rev"] is None and d["head"]["commit"] is None
	assert (d["base"]["red"], d["head"]["red"]) == (1, 1)
	assert [(f["rule"], f["record"], f["file"], f["line"]) for f in d["introduced"]] == \
	    [("budget-overrun", "Travel", "pm/budget.csv", 4)], d["introduced"]
	assert [(f["rule"], f["record"], f["level"]) for f in d["resolved"]] == \
	    [("risk-critical-unmanaged", "R-1", "red")], d["resolved"]
	assert d["finish"] == {"before": "2026-12-07", "after": "2026-12-10", "working_days": 3}, d["finish"]
	t = {x["table"]: (x["added"], x["removed"], x["changed"]) for x in d["tables"]}
	assert t == {"risks": (0, 0, 1), "requirements": (0, 0, 1), "tasks": (0, 0, 1),
	    "budget": (1, 0, 0), "expenses": (1, 0, 0)}, t
	b = {x["category"]: x for x in d["budget"]["records"]}
	b[None] = d["budget"]["total"]
	assert b["Travel"]["actual_before"] == 50 and b["Travel"]["actual_after"] == 130
	assert b["Training"]["planned_before"] is None and b["Training"]["planned_after"] == 300
	assert b[None]["planned_before"] == 1100 and b[None]["planned_after"] == 1400
	assert d["requirements"] == [{"id": "REQ-1", "title": "Login", "before": "draft", "after": "confirmed"}]
	EOF
'

test_expect_success 'review BASE HEAD of commits gives the same as the clean work tree' '
	cd repo/pm &&
	kam review origin/main HEAD --format json >../../rev2.json &&
	python3 -c "
import json
a = json.load(open(\"../../review.json\")); b = json.load(open(\"../../rev2.json\"))
assert b[\"head\"][\"rev\"] == \"HEAD\"
for k in (\"tables\", \"introduced\", \"resolved\", \"finish\", \"budget\", \"requirements\"):
    assert a[k] == b[k], k
"
'

test_expect_success 'review compares with the merge base, as a pull request does' '
	cp -r origin.git origin2.git && git clone -q origin2.git other &&
	cd other/pm && kam risk add "Main moved" -p 5 -i 5 >/dev/null &&
	git push -q origin main &&
	cd ../../repo/pm && git fetch -q "$TRASH/origin2.git" main:refs/remotes/moved/main &&
	kam review moved/main HEAD --format json >../../rev3.json &&
	python3 -c "
import json
a = json.load(open(\"../../review.json\")); b = json.load(open(\"../../rev3.json\"))
assert b[\"base\"][\"commit\"] == a[\"base\"][\"commit\"], b[\"base\"]
assert a[\"tables\"] == b[\"tables\"]
"
'

test_expect_success 'review: a branch without an upstream reviews against origin/main; a local upstream; bad revisions' '
	cd repo/pm && git checkout -q -b loose &&
	kam review --format json >../../out &&
	python3 -c "
import json
d = json.load(open(\"../../out\"))
assert d[\"base\"][\"rev\"] == \"origin/main\", d[\"base\"]
" &&
	test_expect_code 64 kam review no-such-rev 2>../../err &&
	grep -q "unknown revision .no-such-rev." ../../err &&
	test_expect_code 64 kam review --format csv origin/main 2>../../err &&
	git branch -q -u feature &&
	kam review --format json >../../out &&
	python3 -c "
import json
d = json.load(open(\"../../out\"))
assert d[\"base\"][\"rev\"] == \"feature\", d[\"base\"]
assert d[\"tables\"] == [] and d[\"introduced\"] == []
" &&
	git checkout -q feature
'

test_expect_success 'review in a CI checkout: a detached HEAD takes the target the CI names' '
	cd repo/pm &&
	git checkout -q --detach feature &&
	git branch -q target origin/main &&
	GITHUB_BASE_REF=target kam review --format json >../../out &&
	python3 -c "
import json
d = json.load(open(\"../../out\"))
assert d[\"base\"][\"rev\"] == \"target\", d[\"base\"]
assert d[\"introduced\"], d
" &&
	CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main kam review --format json >../../out &&
	python3 -c "
import json
d = json.load(open(\"../../out\"))
assert d[\"base\"][\"rev\"] == \"origin/main\", d[\"base\"]
" &&
	git checkout -q feature
'

test_expect_success 'review: no upstream and no branch to guess: 64 naming what to give' '
	mkdir lone && cd lone && git init -q && mkdir pm && cd pm &&
	kam init --name N --client C --currency EUR --start 2026-11-02 >/dev/null &&
	git checkout -q -b topic &&
	test_expect_code 64 kam review 2>../../err &&
	grep -q "no base to review against: HEAD has no upstream branch" ../../err &&
	grep -q "name the base: kam review BASE" ../../err
'

test_expect_success 'review: a project that does not exist at the base' '
	mkdir fresh && cd fresh && git init -q && echo x >README &&
	git add README && git commit -q -m first && git tag before &&
	mkdir pm && cd pm && kam init --name N --client C --currency EUR \
	    --start 2026-11-02 >/dev/null &&
	kam risk add "Big" -p 5 -i 5 >/dev/null &&
	kam review before >../../out &&
	grep -q "The project does not exist at the base." ../../out &&
	grep -q "^| red   | risk-critical-unmanaged | R-1 " ../../out
'

# ---- kam check --new-since ----

test_expect_success '--new-since: a branch that leaves an old red finding alone passes' '
	cd repo/pm && git checkout -q -b leave origin/main &&
	kam risk add "Small" -p 2 -i 2 --owner P-1 >/dev/null &&
	test_expect_code 1 kam check >/dev/null &&
	kam check --new-since origin/main >../../out &&
	tail -1 ../../out >../../got &&
	echo "kam check: 0 invalid, 0 red, 0 amber new since origin/main: healthy" >../../expect &&
	test_cmp ../../expect ../../got
'

test_expect_success '--new-since: a branch that adds a red finding fails, naming only it' '
	cd repo/pm && git checkout -q -b adds origin/main &&
	kam risk add "Fire" -p 5 -i 5 >/dev/null &&
	test_expect_code 1 kam check --new-since origin/main >../../out &&
	grep -q "^risks.csv:4: red: risk-critical-unmanaged: R-3: " ../../out &&
	! grep -q "R-1" ../../out &&
	test_expect_code 1 kam check --new-since origin/main --format github >../../out &&
	test $(wc -l <../../out) = 1 &&
	grep -q "^::error file=pm/risks.csv,line=4,title=risk-critical-unmanaged::R-3: " ../../out &&
	test_expect_code 1 kam check --new-since origin/main --format json >../../out &&
	python3 -c "
import json
v = json.load(open(\"../../out\"))
assert [(f[\"rule\"], f[\"record\"]) for f in v] == [(\"risk-critical-unmanaged\", \"R-3\")], v
"
'

test_expect_success '--new-since: an amber finding fails only with --strict; unchanged uncommitted work counts' '
	cd repo/pm && git checkout -q -b amber origin/main &&
	kam risk add "Review me" -p 1 -i 1 --review 2026-11-01 >/dev/null &&
	kam check --new-since origin/main >../../out &&
	grep -q "amber: risk-review-overdue: R-3" ../../out &&
	test_expect_code 1 kam check --strict --new-since origin/main >/dev/null &&
	printf "R-9,Edit,,5,5,,,open,,,,2026-11-27\n" >>risks.csv &&
	test_expect_code 1 kam check --new-since HEAD >../../out &&
	grep -q "R-9" ../../out && ! grep -q "R-1\|R-3" ../../out &&
	git checkout -q risks.csv
'

test_expect_success '--new-since: new invalid data is 65, invalid data already there is not' '
	cd repo/pm && git checkout -q -b broken origin/main &&
	printf "R-9,Bad,,9,1,,,open,,,,\n" >>risks.csv &&
	test_expect_code 65 kam check --new-since origin/main >../../out 2>/dev/null &&
	grep -q "error: invalid-value: R-9" ../../out &&
	git commit -q -am "broken risk" && git tag broken-base &&
	kam check --new-since broken-base >../../out 2>&1 &&
	grep -q "0 invalid, 0 red, 0 amber new since broken-base" ../../out &&
	git checkout -q feature
'

test_expect_success '--new-since: a revision without the project: every finding is new; bad revision 64' '
	cd fresh/pm &&
	test_expect_code 1 kam check --new-since before >../../out &&
	grep -q "red: risk-critical-unmanaged: R-1" ../../out &&
	test_expect_code 64 kam check --new-since nope 2>../../err &&
	grep -q "unknown revision .nope." ../../err
'

test_expect_success 'review: the minutes are a table of the records section (issue 18 #5)' '
	new_project mins &&
	kam req add Login >/dev/null &&
	git checkout -q -b notes &&
	kam --no-commit meeting new "Kick-off" --date 2026-11-20 >/dev/null &&
	printf "\n## Decisions\n\n- Ship in May\n- Use REQ-1\n" \
	    >>meetings/2026-11-20-kick-off.md &&
	git add -A && git commit -q -m "kick-off minutes" &&
	kam review main --format json >../mins.json &&
	python3 - ../mins.json <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	t = {x["table"]: (x["added"], x["removed"], x["changed"]) for x in d["tables"]}
	assert t == {"meetings": (3, 0, 0)}, t
	EOF
	kam review main >../mins.md &&
	grep -q "^| meetings *| *3 *| *0 *| *0 *|\$" ../mins.md
'

# git runs the merge driver "kam merge-file": kam must be on PATH for it.
mkdir -p "$TRASH/bin"
ln -s "$KAM" "$TRASH/bin/kam"

test_expect_success 'during a merge with an id clash, review and check --new-since (threaded) give the conflict marker its kam renumber --all hint' '
	new_project clash &&
	kam req add Login >/dev/null &&
	git checkout -q -b alice &&
	kam req add "Alice export" >/dev/null &&
	git checkout -q main &&
	kam req add "Main report" >/dev/null &&
	(PATH="$TRASH/bin:$PATH" &&
	    test_expect_code 1 git merge -q --no-edit alice >/dev/null 2>&1) &&
	test -f .git/MERGE_HEAD &&
	kam review HEAD~1 --format json >../clash.json 2>/dev/null &&
	python3 - ../clash.json <<-\EOF &&
	import json, sys
	d = json.load(open(sys.argv[1]))
	got = [(f["rule"], f["file"], f["message"]) for f in d["introduced"]]
	assert got == [("conflict-marker", "requirements.csv",
	    "unresolved merge conflict marker \x27<<<<<<<\x27; REQ-2 was added on both sides, an id clash: \x27kam renumber --all\x27 gives theirs a new id")], got
	EOF
	test_expect_code 65 kam check --new-since HEAD~1 >../clash.out 2>/dev/null &&
	grep -q "^requirements.csv:[0-9]*: error: conflict-marker: .*; REQ-2 was added on both sides, an id clash: .kam renumber --all. gives theirs a new id\$" ../clash.out &&
	kam review HEAD~1 HEAD --format json >../clash2.json 2>/dev/null &&
	! grep -q "added on both sides" ../clash2.json &&
	git merge --abort
'

test_expect_success 'completion and usage' '
	kam __complete review "" >out; true &&
	kam __complete check --n >out &&
	grep -qx -- "--new-since=" out &&
	kam __complete r >out &&
	grep -qx review out
'

test_done
