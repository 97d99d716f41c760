#!/bin/sh
# t6010: kam diff — HEAD against the work tree, two revisions, ranges and
# a branch's pull request (A...B), --stat, the Markdown summary, JSON for
# tools, and what must not count as a change.
test_description='kam diff'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	new_project &&
	kam people add Ann --side team >/dev/null &&
	kam risk add "Supplier late" -p 3 -i 2 >/dev/null &&
	kam risk add "Budget cut" -p 1 -i 1 >/dev/null &&
	git tag v1
'

test_expect_success 'no change: nothing printed, exit 0' '
	cd proj &&
	kam diff >../out &&
	test ! -s ../out &&
	kam diff --format json >../out &&
	echo "[]" >../expect && test_cmp ../expect ../out
'

test_expect_success 'hand edits in the work tree against HEAD' '
	cd proj &&
	sed -e "s/^R-1,Supplier late,,3,/R-1,Supplier late,,5,/" \
	    -e "/^R-2,/d" risks.csv >r.tmp &&
	echo "R-3,New one,,2,2,,,open,,,," >>r.tmp &&
	mv r.tmp risks.csv &&
	kam diff >../out &&
	cat >../expect <<-\EOT &&
	risks.csv
	    R-1 probability 3 -> 5
	    R-1 score 6 -> 10
	    R-1 level medium -> high
	    R-2 removed: Budget cut
	        title Budget cut
	        probability 1
	        impact 1
	        status open
	        raised 2026-11-27
	        score 1
	        level low
	    R-3 added: New one
	        title New one
	        probability 2
	        impact 2
	        status open
	        score 4
	        level low
	EOT
	test_cmp ../expect ../out
'

test_expect_success '--stat counts records per table' '
	cd proj &&
	kam diff --stat --format csv >../out &&
	cat >../expect <<-\EOT &&
	"table","added","removed","changed"
	"risks","1","1","1"
	EOT
	test_cmp ../expect ../out
'

test_expect_success 'JSON rows name file and line of the newer version' '
	cd proj &&
	kam diff --format json >../out &&
	python3 -c "
import json
rows = json.load(open(\"../out\"))
assert list(rows[0]) == [\"table\",\"file\",\"line\",\"id\",\"title\",\"change\",
    \"field\",\"old\",\"new\"], list(rows[0])
r1 = [r for r in rows if r[\"id\"] == \"R-1\"]
assert r1[0][\"line\"] == 2 and r1[0][\"old\"] == \"3\" and r1[0][\"new\"] == \"5\"
r2 = [r for r in rows if r[\"id\"] == \"R-2\"]
assert all(r[\"change\"] == \"removed\" and r[\"new\"] is None for r in r2)
r3 = [r for r in rows if r[\"id\"] == \"R-3\"]
assert r3[0][\"line\"] == 3 and r3[0][\"old\"] is None
"
'

test_expect_success 'reformatting is not a change: CRLF, quoting, column order, 12.5 vs 12.50' '
	cd proj &&
	git checkout -q risks.csv &&
	kam budget set Travel 12.5 >/dev/null 2>&1 ||
	    { printf "category,amount\nTravel,12.50\n" >budget.csv &&
	      git commit -q -am budget; } &&
	sed "s/\$/\r/" risks.csv >r.tmp && mv r.tmp risks.csv &&
	printf "amount,category\n12.5,\"Travel\"\n" >budget.csv &&
	kam diff >../out &&
	test ! -s ../out &&
	git checkout -q risks.csv budget.csv
'

test_expect_success 'two revisions, A..B, and one revision against the work tree' '
	cd proj &&
	kam risk assess R-2 -i 4 &&
	kam diff v1 HEAD >../a &&
	kam diff v1..HEAD >../b &&
	test_cmp ../a ../b &&
	grep -q "R-2 impact 1 -> 4" ../a &&
	kam diff v1 >../c &&
	test_cmp ../a ../c &&
	kam diff HEAD v1 >../d &&
	grep -q "R-2 impact 4 -> 1" ../d
'

test_expect_success 'a branch as a pull request: A...B from the merge base' '
	cd proj &&
	git checkout -q -b feature &&
	kam risk add "Feature risk" -p 4 -i 4 >/dev/null &&
	git checkout -q main &&
	kam risk close R-1 &&
	kam diff main...feature --format csv >../out &&
	cut -d, -f4,6 ../out | sort -u >../got &&
	printf "\"R-3\",\"added\"\n\"id\",\"change\"\n" >../expect &&
	test_cmp ../expect ../got &&
	kam diff main..feature >../out &&
	grep -q "R-1 status closed -> open" ../out
'

test_expect_success '--format md is a pull-request summary' '
	cd proj &&
	kam diff --format md main...feature >../out &&
	cat >../expect <<-\EOT &&
	### Project changes (main...feature)

	| table | added | removed | changed |
	|---|---:|---:|---:|
	| risks | 1 | 0 | 0 |

	#### risks

	- **R-3** added: Feature risk
	  - title: Feature risk
	  - probability: 4
	  - impact: 4
	  - status: open
	  - raised: 2026-11-27
	  - score: 16
	  - level: critical
	EOT
	test_cmp ../expect ../out
'

test_expect_success 'markdown escapes what would become markup' '
	cd proj &&
	kam risk assess R-2 --title "a|b *c* <x>" &&
	kam diff --format md HEAD~1 HEAD >../out &&
	grep -q "a\\\\|b \\\\\\*c\\\\\\* \\\\<x\\\\>" ../out
'

test_expect_success '--table, expenses by month, and an unknown revision' '
	cd proj &&
	mkdir -p expenses &&
	printf "id,date,category,amount,description,ref,task\nE-1,2026-11-02,Travel,10.00,Taxi,,\n" \
	    >expenses/2026-11.csv &&
	git add expenses && git commit -q -m "first expense" &&
	printf "E-2,2026-12-01,Travel,5.00,Bus,,\n" >e.tmp &&
	printf "id,date,category,amount,description,ref,task\n" >expenses/2026-12.csv &&
	cat e.tmp >>expenses/2026-12.csv && rm e.tmp &&
	kam diff --table expenses >../out &&
	cat >../expect <<-\EOT &&
	expenses/2026-12.csv
	    E-2 added: Bus
	        date 2026-12-01
	        category Travel
	        amount 5.00
	        description Bus
	EOT
	test_cmp ../expect ../out &&
	kam diff --table risks >../out && test ! -s ../out &&
	test_expect_code 64 kam diff nope 2>../err &&
	grep -q "unknown revision .nope." ../err &&
	test_expect_code 64 kam diff a b c 2>../err
'

test_expect_success 'an invalid version is read as far as it goes, with a warning' '
	cd proj &&
	printf "R-9,Broken,,9,1,,,open,,,,\n" >>risks.csv &&
	kam diff --table risks >../out 2>../err &&
	grep -q "R-9 added: Broken" ../out &&
	grep -q "warning: .*not valid data" ../err
'

test_expect_success 'a project in pm/: JSON and CSV name files from the repository root (issue 18 #6)' '
	rm -rf "$TRASH/sub" && mkdir "$TRASH/sub" && cd "$TRASH/sub" &&
	git init -q && mkdir pm && cd pm &&
	kam init --name Sub >/dev/null &&
	kam risk add "In a folder" -p 2 -i 2 >/dev/null &&
	kam diff HEAD~1 --format json >../out &&
	python3 -c "
import json
rows = json.load(open(\"../out\"))
assert rows and all(r[\"file\"] == \"pm/risks.csv\" for r in rows), rows" &&
	kam log R-1 --format csv >../out &&
	grep -q ",\"risks\",\"pm/risks.csv\",\"R-1\"," ../out &&
	kam diff HEAD~1 >../out &&
	head -1 ../out | grep -qx "risks.csv"
'

test_expect_success 'the pull-request Markdown shows ESC and bidi overrides, as risk list --format md does (issue 18 #7)' '
	cd "$TRASH/sub/pm" &&
	kam risk add "$(printf "evil\033[31m red \342\200\256 rtl")" -p 1 -i 1 >/dev/null &&
	kam diff HEAD~1 --format md >../out &&
	grep -qF "added: evil\\\\x1b\\[31m red \\<U+202E\\> rtl" ../out &&
	! grep -q "$(printf "\033")" ../out &&
	! grep -q "$(printf "\342\200\256")" ../out &&
	kam risk list --format md >../list &&
	grep -qF "x1b[31m red <U+202E> rtl" ../list
'

test_done
