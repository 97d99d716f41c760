#!/bin/sh
# t6000: kam log — record-level history through kam writes and hand edits
# committed with plain git, one record's history from its creation, the
# filters, first-parent and all-parents walks over a merge, JSON, and a
# project in a subfolder of a product repository.
test_description='kam log'
. "$(dirname "$0")/lib.sh"

# commit_at EPOCH git-args...: a git commit with both dates set.
commit_at () {
	t=$1
	shift
	GIT_AUTHOR_DATE="$t +0000" GIT_COMMITTER_DATE="$t +0000" git "$@"
}

test_expect_success 'setup: kam writes and a hand edit' '
	new_project &&
	kam people add Ann --side team >/dev/null &&
	GIT_COMMITTER_DATE="1767312000 +0000" \
	    kam risk add "Supplier late" -p 3 -i 2 --owner P-1 >/dev/null &&
	GIT_COMMITTER_DATE="1767398400 +0000" \
	    kam risk add "Budget cut" -p 1 -i 1 >/dev/null &&
	GIT_COMMITTER_DATE="1767484800 +0000" kam risk assess R-1 -p 4 &&
	sed "s/^R-2,Budget cut,/R-2,Budget cut by client,/" risks.csv >r.tmp &&
	mv r.tmp risks.csv &&
	GIT_AUTHOR_NAME="Hand Editor" GIT_AUTHOR_EMAIL=hand@example.com \
	    commit_at 1767571200 commit -q -am "edit by hand"
'

test_expect_success 'kam log shows each commit with field changes, newest first' '
	cd proj &&
	kam log >../out &&
	grep -n "^    R-\|^    P-\|^commit\|^Author" ../out |
	    sed "s/commit [0-9a-f]*/commit/" >../got &&
	cat >../expect <<-\EOT &&
	1:commit
	2:Author: Hand Editor <hand@example.com>
	7:    R-2 title "Budget cut" -> "Budget cut by client"
	9:commit
	10:Author: A U Thor <author@example.com>
	15:    R-1 probability 3 -> 4
	16:    R-1 score 6 -> 8
	EOT
	head -7 ../got >../g1 &&
	test_cmp ../expect ../g1 &&
	grep -q "^    R-1 probability 3 -> 4\$" ../out &&
	grep -q "^    R-1 score 6 -> 8\$" ../out &&
	! grep -q "level medium -> medium" ../out &&
	grep -q "^    R-2 added: Budget cut\$" ../out &&
	grep -q "^    R-1 added: Supplier late\$" ../out &&
	grep -q "^    P-1 added: Ann\$" ../out &&
	grep -q "^    kam: risk assess R-1: Supplier late\$" ../out
'

test_expect_success 'the message and date are shown as git shows them' '
	cd proj &&
	kam log -n 1 >../out &&
	sed -n "3p;5p" ../out >../got &&
	printf "Date:   2026-01-05 00:00:00 +0000\n    edit by hand\n" >../expect &&
	test_cmp ../expect ../got
'

test_expect_success 'kam log ID: one record, down to its creation' '
	cd proj &&
	kam log r-1 >../out &&
	grep "^    R-\|^    P-" ../out >../got &&
	cat >../expect <<-\EOT &&
	    R-1 probability 3 -> 4
	    R-1 score 6 -> 8
	    R-1 added: Supplier late
	EOT
	test_cmp ../expect ../got &&
	test "$(grep -c ^commit ../out)" = 2
'

test_expect_success 'kam log ID finds the hand edit that names no id' '
	cd proj &&
	kam log R-2 --format csv >../out &&
	grep -c "^\"[0-9a-f]\{40\}\"" ../out >../n &&
	test "$(cut -d, -f5 ../out | sort -u | grep -c .)" -ge 2 &&
	grep -q "\"edit by hand\",\"risks\",\"risks.csv\",\"R-2\"" ../out
'

test_expect_success 'JSON: one object per field, typed nulls, stable keys' '
	cd proj &&
	kam log R-1 --format json >../out &&
	python3 -c "
import json, sys
rows = json.load(open(\"../out\"))
keys = [\"commit\",\"date\",\"author\",\"email\",\"subject\",\"table\",\"file\",
        \"id\",\"title\",\"change\",\"field\",\"old\",\"new\"]
assert all(list(r) == keys for r in rows), rows[0]
ch = [(r[\"field\"], r[\"old\"], r[\"new\"]) for r in rows if r[\"change\"] == \"changed\"]
assert ch == [(\"probability\",\"3\",\"4\"), (\"score\",\"6\",\"8\")], ch
add = {r[\"field\"]: r[\"new\"] for r in rows if r[\"change\"] == \"added\"}
assert add[\"title\"] == \"Supplier late\" and add[\"owner\"] == \"P-1\", add
assert all(r[\"old\"] is None for r in rows if r[\"change\"] == \"added\")
assert rows[0][\"date\"] == \"2026-01-01T00:00:00+00:00\", rows[0][\"date\"]
assert len(rows[0][\"commit\"]) == 40
"
'

test_expect_success '--since, --until (committer dates), --author, --table' '
	cd proj &&
	kam log --since 2026-01-04 --format csv >../out &&
	cut -d, -f5 ../out | sort -u >../got &&
	printf "\"edit by hand\"\n\"kam: risk assess R-1: Supplier late\"\n\"subject\"\n" >../expect &&
	test_cmp ../expect ../got &&
	kam log --until 2026-01-02 --table risks >../out &&
	grep "^    R-" ../out >../got &&
	echo "    R-1 added: Supplier late" >../expect &&
	test_cmp ../expect ../got &&
	kam log --author HAND@example >../out &&
	test "$(grep -c ^commit ../out)" = 1 &&
	kam log --table people >../out &&
	grep "^    " ../out | grep -v "kam:" >../got &&
	echo "    P-1 added: Ann" >../expect &&
	test_cmp ../expect ../got
'

test_expect_success 'a commit that only reformats a file shows no change' '
	cd proj &&
	sed "s/\$/\r/" risks.csv >r.tmp && mv r.tmp risks.csv &&
	git commit -q -am "CRLF" &&
	kam log -n 1 >../out &&
	! grep -q CRLF ../out &&
	git revert --no-edit HEAD >/dev/null
'

test_expect_success 'merge: first parent shows the branch once, --all-parents each side' '
	cd proj &&
	git checkout -q -b side &&
	kam risk assess R-2 -i 3 &&
	kam risk add "Side risk" -p 2 -i 2 >/dev/null &&
	git checkout -q main &&
	kam people add Bob --side client >/dev/null &&
	git merge -q --no-edit side &&
	kam log -n 1 >../out &&
	grep "^    Merge\|^    R-" ../out >../got &&
	cat >../expect <<-\EOT &&
	    Merge branch '"'side'"'
	    R-2 impact 1 -> 3
	    R-2 score 1 -> 3
	    R-3 added: Side risk
	EOT
	test_cmp ../expect ../got &&
	kam log --all-parents -n 4 >../out &&
	grep "^    kam:\|^    Merge" ../out | sort >../got &&
	cat >../expect <<-\EOT &&
	    kam: people add P-2: Bob
	    kam: risk add R-3: Side risk
	    kam: risk assess R-2: Budget cut by client
	EOT
	test_cmp ../expect ../got
'

test_expect_success 'a revision or range limits the walk' '
	cd proj &&
	kam log HEAD~1 -n 1 >../out &&
	grep -q "P-2 added: Bob" ../out &&
	kam log main~1..side >../out &&
	test "$(grep -c ^commit ../out)" = 2 &&
	test_expect_code 64 kam log no-such-branch 2>../err &&
	grep -q "unknown revision" ../err
'

test_expect_success 'bad options are usage errors' '
	cd proj &&
	test_expect_code 64 kam log --since 2026-02-30 2>../err &&
	grep -q "invalid date" ../err &&
	test_expect_code 64 kam log --table nope 2>../err &&
	test_expect_code 64 kam log -n 0 2>../err &&
	test_expect_code 64 kam log R-1 --table tasks 2>../err
'

test_expect_success 'a project in a subfolder of a product repository' '
	mkdir product && cd product && git init -q &&
	echo code >main.c && git add main.c && git commit -q -m code &&
	mkdir pm && (cd pm && kam init --name PM >/dev/null) &&
	(cd pm && kam people add Cat >/dev/null) &&
	echo more >>main.c && git commit -q -am "more code" &&
	(cd pm && sed "s/,Cat,/,Catherine,/" people.csv >p.tmp &&
	 mv p.tmp people.csv) &&
	git commit -q -am "rename by hand" &&
	cd pm/ &&
	kam log >../../out &&
	grep "^    P-" ../../out >../../got &&
	cat >../../expect <<-\EOT &&
	    P-1 name Cat -> Catherine
	    P-1 added: Cat
	EOT
	test_cmp ../../expect ../../got &&
	test "$(grep -c ^commit ../../out)" = 2
'

# Issue 18: GitHub Actions checks out a depth-1 clone.  The shallow
# boundary is a root: its records show as added, and kam says the history
# is truncated.
test_expect_success 'a shallow clone: the boundary is the root, with a warning' '
	git clone -q --depth 1 "file://$TRASH/proj" shallow1 &&
	cd shallow1 &&
	kam log >../out 2>../err &&
	test "$(grep -c ^commit ../out)" = 1 &&
	grep -q "^    R-1 added: Supplier late\$" ../out &&
	grep -q "^    P-2 added: Bob\$" ../out &&
	head=$(git rev-parse --short=12 HEAD) &&
	grep -q "^kam: warning: shallow clone: the history before commit $head is not in this repository" ../err &&
	kam log --all-parents --format json >../out 2>../err &&
	grep -q "\"id\":\"R-1\",\"title\":\"Supplier late\",\"change\":\"added\"" ../out &&
	grep -q "shallow clone" ../err &&
	kam log R-2 >../out 2>/dev/null &&
	test "$(grep -c ^commit ../out)" = 1
'

test_expect_success 'a deeper shallow clone shows what a full clone shows, up to its end' '
	git clone -q --depth 3 "file://$TRASH/proj" shallow3 &&
	cd proj &&
	kam log -n 2 >../full &&
	kam log --all-parents -n 3 >../full-all &&
	cd ../shallow3 &&
	kam log -n 2 >../out 2>../err &&
	test_cmp ../full ../out &&
	test ! -s ../err &&
	kam log --all-parents -n 3 >../out 2>/dev/null &&
	test_cmp ../full-all ../out &&
	kam log HEAD~1..HEAD >../out 2>../err &&
	test "$(grep -c ^commit ../out)" = 1 &&
	test ! -s ../err &&
	test_expect_code 64 kam log no-such-branch 2>../err &&
	grep -q "unknown revision" ../err
'

test_expect_success 'kam log on a project with no record yet prints nothing' '
	new_project empty &&
	kam log >../out &&
	test ! -s ../out
'

test_done
