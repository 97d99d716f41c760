#!/bin/sh
# t6020: the merge driver (kam merge-file) and kam renumber, driven by
# real `git merge` and `git rebase` with the driver kam init configured:
# edits to different records and to different fields of one record merge
# cleanly; the same field changed two ways and the same new id on both
# sides are conflicts that keep both versions; kam renumber resolves the
# clash; no record is ever lost.
test_description='merge driver and renumber'
. "$(dirname "$0")/lib.sh"

# The `kam` git runs for the driver must be the binary under test.
mkdir -p "$TRASH/bin"
ln -s "$KAM" "$TRASH/bin/kam"
PATH="$TRASH/bin:$PATH"
export PATH

# ids of risks.csv, one per line (markers and all).
ids () {
	cut -d, -f1 risks.csv | tail -n +2
}

test_expect_success 'setup: kam init registered the driver' '
	new_project &&
	test "$(git config merge.kam.driver)" = "kam merge-file %O %A %B %P" &&
	grep -q "^\*.csv merge=kam\$" .gitattributes &&
	kam people add Ann --side team >/dev/null &&
	kam people add Bob --side client >/dev/null &&
	kam risk add "Supplier late" -p 3 -i 2 >/dev/null &&
	kam risk add "Budget cut" -p 1 -i 1 >/dev/null &&
	kam risk add "Key person leaves" -p 2 -i 4 >/dev/null &&
	git tag base
'

test_expect_success 'different records on two branches merge cleanly' '
	cd proj &&
	git checkout -q -b a base && kam risk assess R-1 -p 5 &&
	git checkout -q -b b base && kam risk assess R-2 -i 4 &&
	git merge -q --no-edit a &&
	grep -q "^R-1,Supplier late,,5,2," risks.csv &&
	grep -q "^R-2,Budget cut,,1,4," risks.csv &&
	test "$(ids | tr "\n" " ")" = "R-1 R-2 R-3 " &&
	git diff --quiet HEAD
'

test_expect_success 'different fields of one record merge cleanly' '
	cd proj &&
	git checkout -q -b c base && kam risk assess R-3 -p 4 &&
	git checkout -q -b d base && kam risk assess R-3 --owner P-2 &&
	kam risk assess R-3 --response "cross-train" &&
	git merge -q --no-edit c &&
	grep -q "^R-3,Key person leaves,,4,4,,P-2,open,,cross-train," risks.csv &&
	kam check >/dev/null
'

test_expect_success 'the same field changed two ways is a conflict keeping both' '
	cd proj &&
	git checkout -q -b e base && kam risk assess R-1 -p 4 &&
	git checkout -q -b f base && kam risk assess R-1 -p 5 &&
	kam risk assess R-2 -i 3 &&
	test_expect_code 1 git merge --no-edit e >../out 2>&1 &&
	grep -q "conflict in R-1: probability changed on both sides: 3 -> 5 here, 3 -> 4 there" ../out &&
	cat >../expect <<-\EOT &&
	R-1
	R-1
	R-2
	R-3
	EOT
	grep -v "^<<<<<<<\|^=======\|^>>>>>>>" risks.csv | cut -d, -f1 |
	    tail -n +2 >../got &&
	test_cmp ../expect ../got &&
	grep -q "^<<<<<<< ours\$" risks.csv &&
	grep -q "^R-1,Supplier late,,5,2," risks.csv &&
	grep -q "^R-1,Supplier late,,4,2," risks.csv &&
	grep -q "^R-2,Budget cut,,1,3," risks.csv &&
	test_expect_code 65 kam check >../out 2>../err &&
	grep -q "risks.csv:.*conflict marker" ../out ../err &&
	git merge --abort
'

test_expect_success 'kam not on PATH: git keeps one side, and kam check refuses the unmerged file (issue 11 #7)' '
	cd proj &&
	git checkout -q -b nopath-a base && kam risk assess R-1 -p 4 &&
	git checkout -q -b nopath-b base && kam risk assess R-2 -i 3 &&
	test_expect_code 1 env PATH=/usr/bin:/bin git merge --no-edit nopath-a \
	    >../out 2>&1 &&
	! grep -q "^<<<<<<<" risks.csv &&
	test_expect_code 65 kam check >../out 2>../err &&
	grep -q "^risks.csv: error: unmerged: a merge left it unmerged" ../out &&
	kam check --format json >../json 2>/dev/null ;
	grep -q "\"rule\":\"unmerged\",\"area\":\"data\",\"record\":null,\"file\":\"risks.csv\"" ../json &&
	git checkout -m risks.csv &&
	grep -q "^R-1,Supplier late,,4,2," risks.csv &&
	grep -q "^R-2,Budget cut,,1,3," risks.csv &&
	kam check >/dev/null &&
	git merge --abort
'

test_expect_success 'a record deleted on one side and changed on the other conflicts' '
	cd proj &&
	git checkout -q -b g base && kam risk assess R-2 -p 2 &&
	git checkout -q -b h base &&
	grep -v "^R-2," risks.csv >r.tmp && mv r.tmp risks.csv &&
	git commit -q -am "drop R-2" &&
	test_expect_code 1 git merge --no-edit g >../out 2>&1 &&
	grep -q "conflict in R-2: deleted here, changed there" ../out &&
	grep -q "^R-2,Budget cut,,2,1," risks.csv &&
	git merge --abort
'

test_expect_success 'both sides add records: a clash, resolved with kam renumber' '
	cd proj &&
	git checkout -q -b i base &&
	kam risk add "Theirs new" -p 2 -i 2 >/dev/null &&
	git checkout -q -b j base &&
	kam risk add "Ours new" -p 1 -i 3 >/dev/null &&
	test_expect_code 1 git merge --no-edit i >../out 2>&1 &&
	grep -q "conflict in R-4: added on both sides" ../out &&
	grep -q "^R-4,Ours new," risks.csv &&
	grep -q "^R-4,Theirs new," risks.csv &&
	kam renumber R-4 >../out 2>../err &&
	echo R-5 >../expect && test_cmp ../expect ../out &&
	grep -q "nothing committed" ../err &&
	! grep -q "^<<<<<<<\|^=======\|^>>>>>>>" risks.csv &&
	grep -q "^R-4,Ours new," risks.csv &&
	grep -q "^R-5,Theirs new," risks.csv &&
	kam check >/dev/null &&
	git add risks.csv && git commit -q --no-edit &&
	test "$(ids | tr "\n" " ")" = "R-1 R-2 R-3 R-4 R-5 " &&
	kam log -n 1 >../out &&
	grep -q "R-5 added: Theirs new" ../out
'

test_expect_success 'the same clash under git rebase' '
	cd proj &&
	git checkout -q -b k base &&
	kam risk add "Upstream new" -p 2 -i 2 >/dev/null &&
	git checkout -q -b l base &&
	kam risk add "My new" -p 3 -i 3 >/dev/null &&
	kam risk assess R-1 --category supply &&
	test_expect_code 1 git rebase k >../out 2>&1 &&
	kam renumber R-4 R-7 >../out &&
	echo R-7 >../expect && test_cmp ../expect ../out &&
	kam check >/dev/null &&
	git add risks.csv &&
	GIT_EDITOR=true git rebase --continue >/dev/null 2>&1 &&
	grep -q "^R-4,Upstream new," risks.csv &&
	grep -q "^R-7,My new," risks.csv &&
	grep -q "^R-1,Supplier late,supply," risks.csv &&
	test "$(git rev-list --count base..HEAD)" = 3
'

test_expect_success 'records added on both sides with distinct ids merge cleanly, sorted' '
	cd proj &&
	git checkout -q -b m base &&
	kam risk add x -p 1 -i 1 >/dev/null && kam risk add y -p 1 -i 1 >/dev/null &&
	git checkout -q -b n base &&
	grep -v "^R-1," risks.csv >r.tmp && mv r.tmp risks.csv &&
	printf "R-9,hand added,,1,1,,,open,,,,\n" >>risks.csv &&
	git commit -q -am "hand" &&
	git merge -q --no-edit m &&
	test "$(ids | tr "\n" " ")" = "R-2 R-3 R-4 R-5 R-9 " &&
	kam check >/dev/null
'

test_expect_success 'expenses of one month and the budget merge by id and key' '
	cd proj &&
	git checkout -q -b o base &&
	mkdir -p expenses &&
	printf "id,date,category,amount,description,ref,task\nE-1,2026-11-02,Travel,10.00,Taxi,,\n" \
	    >expenses/2026-11.csv &&
	printf "category,amount\nTravel,100.00\n" >budget.csv &&
	git add expenses budget.csv && git commit -q -m "first spend" &&
	git tag spend &&
	printf "E-2,2026-11-03,Travel,20.00,Bus,,\n" >>expenses/2026-11.csv &&
	printf "IT,50.00\n" >>budget.csv &&
	git commit -q -am "mine" &&
	git checkout -q -b p spend &&
	printf "E-3,2026-11-04,Travel,30.00,Train,,\n" >>expenses/2026-11.csv &&
	printf "category,amount\nHotel,70.00\nTravel,120.00\n" >budget.csv &&
	git commit -q -am "theirs" &&
	git merge -q --no-edit o &&
	cut -d, -f1 expenses/2026-11.csv | tr "\n" " " >../got &&
	printf "id E-1 E-2 E-3 " >../expect && test_cmp ../expect ../got &&
	cat >../expect <<-\EOT &&
	category,amount
	Hotel,70.00
	IT,50.00
	Travel,120.00
	EOT
	test_cmp ../expect budget.csv
'

test_expect_success 'a file that is not a kam table gets git line merge' '
	cd proj &&
	git checkout -q -b q base &&
	printf "a\nb\nc\nd\ne\n" >notes.csv && git add notes.csv &&
	git commit -q -m n && git tag notes &&
	printf "A\nb\nc\nd\ne\n" >notes.csv && git commit -q -am n2 &&
	git checkout -q -b r notes &&
	printf "a\nb\nc\nd\nE\n" >notes.csv && git commit -q -am n3 &&
	git merge -q --no-edit q 2>../err &&
	printf "A\nb\nc\nd\nE\n" >../expect && test_cmp ../expect notes.csv
'

test_expect_success 'an invalid version falls back to the line merge, with a warning' '
	cd proj &&
	git checkout -q -b s base &&
	sed "s/^R-1,Supplier late,,3,/R-1,Supplier late,,9,/" risks.csv >r.tmp &&
	mv r.tmp risks.csv && git commit -q -am bad &&
	git checkout -q -b t base && kam risk assess R-3 -i 5 &&
	git merge --no-edit s >../out 2>&1 &&
	grep -q "their version is not valid kam data" ../out &&
	grep -q "^R-1,Supplier late,,9," risks.csv &&
	grep -q "^R-3,Key person leaves,,2,5," risks.csv
'

test_expect_success 'kam merge-file by hand: usage and exit codes' '
	cd proj &&
	git show base:risks.csv >O && cp O A && cp O B &&
	sed -i "s/^R-1,Supplier late,,3,/R-1,Supplier late,,4,/" A &&
	sed -i "s/^R-1,Supplier late,,3,/R-1,Supplier late,,5,/" B &&
	test_expect_code 1 kam merge-file O A B risks.csv 2>../err &&
	grep -c "^R-1," A >../n && test "$(cat ../n)" = 2 &&
	test_expect_code 64 kam merge-file O A 2>../err &&
	test_expect_code 64 kam merge-file O nope B risks.csv 2>../err &&
	rm -f O A B
'

test_expect_success 'kam renumber rewrites references in tables and minutes, one commit' '
	cd proj &&
	git checkout -q -b u base &&
	mkdir -p meetings &&
	printf "# Weekly\n## Decisions\n- Accept R-1 and R-10 (CR-1)\n" \
	    >meetings/2026-11-20-weekly.md &&
	printf "D-1,Bug near R-1,major,R-1,2026-11-01,open,,\n" >>defects.csv &&
	printf "R-1,P-1,A\n" >>raci.csv &&
	git add -A . && git commit -q -m refs &&
	n=$(git rev-list --count HEAD) &&
	kam renumber r-1 R-20 >../out 2>../err &&
	echo R-20 >../expect && test_cmp ../expect ../out &&
	test "$(git rev-list --count HEAD)" = $((n + 1)) &&
	test "$(git log -1 --format=%s)" = "kam: renumber R-1: R-20" &&
	grep -q "^R-20,Supplier late," risks.csv &&
	! grep -q "^R-1," risks.csv &&
	grep -q "^D-1,Bug near R-20,major,R-20," defects.csv &&
	grep -q "^R-20,P-1,A\$" raci.csv &&
	grep -q "Accept R-20 and R-10 (CR-1)" meetings/2026-11-20-weekly.md &&
	git diff --quiet HEAD &&
	kam check >/dev/null
'

test_expect_success 'kam renumber refuses an existing or malformed new id' '
	cd proj &&
	test_expect_code 65 kam renumber R-2 R-3 2>../err &&
	grep -q "R-3 already exists" ../err &&
	test_expect_code 65 kam renumber R-99 R-100 2>../err &&
	grep -q "does not exist" ../err &&
	test_expect_code 64 kam renumber R-2 T-3 2>../err &&
	test_expect_code 64 kam renumber R-2 R-2 2>../err &&
	test_expect_code 64 kam renumber X-2 2>../err &&
	git diff --quiet HEAD
'

test_done
