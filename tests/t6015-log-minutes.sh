#!/bin/sh
# t6015: the audit trail covers the minutes and renumbering (issue 18 #5).
# kam meeting new and edits of a minutes file's decisions and actions,
# committed by kam or with plain git, are records of the table "meetings"
# in kam log and kam diff (alone with --table meetings and among all the
# tables by default); kam log ID follows a record through kam renumber,
# also after git rebase has replayed the renumbering.
test_description='kam log and kam diff: minutes and renumbered records'
. "$(dirname "$0")/lib.sh"

M=meetings/2026-11-20-weekly-sync.md

test_expect_success 'setup: a meeting from kam meeting new' '
	new_project &&
	kam people add Ann --side team >/dev/null &&
	kam meeting new "Weekly sync" --date 2026-11-20 --attendees P-1 >/dev/null &&
	test -f $M
'

test_expect_success 'kam log: meeting new is a meeting added' '
	cd proj &&
	kam log -n 1 >../out &&
	grep -q "^    2026-11-20-weekly-sync added: Weekly sync\$" ../out &&
	kam log -n 1 --table meetings --format json >../json &&
	python3 - ../json <<-\EOF
	import json, sys
	rows = json.load(open(sys.argv[1]))
	got = sorted((r["table"], r["file"], r["id"], r["change"], r["field"], r["new"]) for r in rows)
	want = sorted([("meetings", "meetings/2026-11-20-weekly-sync.md", "2026-11-20-weekly-sync", "added", f, v)
	    for f, v in [("title", "Weekly sync"), ("date", "2026-11-20"), ("attendees", "P-1")]])
	assert got == want, got
	EOF
'

test_expect_success 'kam diff sees decisions and actions written in the work tree' '
	cd proj &&
	cat >$M <<-\EOF &&
	# Weekly sync — 2026-11-20
	Attendees: P-1

	## Decisions

	- Go with vendor X for REQ-1
	- Freeze the scope

	## Actions

	- [ ] @P-1 send the contract due:2026-11-27
	- [ ] book the room
	EOF
	kam diff >../out &&
	cat >../expect <<-\EOF &&
	meetings/2026-11-20-weekly-sync.md
	    2026-11-20-weekly-sync/A1 added: @P-1 send the contract due:2026-11-27
	        text @P-1 send the contract due:2026-11-27
	        done no
	        owner P-1
	        due 2026-11-27
	    2026-11-20-weekly-sync/A2 added: book the room
	        text book the room
	        done no
	    2026-11-20-weekly-sync/D1 added: Go with vendor X for REQ-1
	        text Go with vendor X for REQ-1
	        refs REQ-1
	    2026-11-20-weekly-sync/D2 added: Freeze the scope
	        text Freeze the scope
	EOF
	test_cmp ../expect ../out &&
	kam diff --stat >../out &&
	grep -q "^meetings  *4  *0  *0\$" ../out &&
	kam diff --table meetings --format md >../out &&
	grep -q "^| meetings | 4 | 0 | 0 |\$" ../out &&
	kam diff --table risks >../out &&
	test ! -s ../out
'

test_expect_success 'a plain git commit of the minutes is in kam log' '
	cd proj &&
	git commit -q -am "minutes of the weekly sync" &&
	kam log -n 1 >../out &&
	grep -q "^    minutes of the weekly sync\$" ../out &&
	grep "^    2026-11-20-weekly-sync/" ../out >../got &&
	cat >../expect <<-\EOF &&
	    2026-11-20-weekly-sync/A1 added: @P-1 send the contract due:2026-11-27
	    2026-11-20-weekly-sync/A2 added: book the room
	    2026-11-20-weekly-sync/D1 added: Go with vendor X for REQ-1
	    2026-11-20-weekly-sync/D2 added: Freeze the scope
	EOF
	test_cmp ../expect ../got
'

test_expect_success 'ticking a box, editing in place, inserting, removing: changed, added, removed; a moved item is kept' '
	cd proj &&
	cat >$M <<-\EOF &&
	# Weekly sync — 2026-11-20
	Attendees: P-1

	## Decisions

	- Start on Monday
	- Go with vendor X for REQ-1

	## Actions

	- [x] @P-1 send the contract due:2026-11-27
	- [ ] book the big room
	EOF
	git commit -q -am "minutes: done and edited" &&
	kam log -n 1 --table meetings --format json >../json &&
	python3 - ../json <<-\EOF
	import json, sys
	rows = json.load(open(sys.argv[1]))
	got = sorted((r["id"], r["change"], r["field"], r["old"], r["new"]) for r in rows)
	want = sorted([
	    ("2026-11-20-weekly-sync/A1", "changed", "done", "no", "yes"),
	    ("2026-11-20-weekly-sync/A2", "changed", "text", "book the room", "book the big room"),
	    ("2026-11-20-weekly-sync/D1", "added", "text", None, "Start on Monday"),
	    ("2026-11-20-weekly-sync/D2", "removed", "text", "Freeze the scope", None),
	])
	assert got == want, got
	EOF
'

test_expect_success 'kam log --table meetings: the minutes only, newest first' '
	cd proj &&
	kam log --table meetings --format csv >../csv &&
	cut -d, -f5 ../csv | sed 1d | uniq >../got &&
	cat >../expect <<-\EOF &&
	"minutes: done and edited"
	"minutes of the weekly sync"
	"kam: meeting new meetings/2026-11-20-weekly-sync.md: Weekly sync"
	EOF
	test_cmp ../expect ../got &&
	test_expect_code 64 kam log --table nope 2>../err &&
	grep -q "no table .nope." ../err
'

test_expect_success 'kam log NAME/D1, NAME/A2: one decision or action of the minutes, numbered as in each version' '
	cd proj &&
	kam log 2026-11-20-weekly-sync/D1 >../out &&
	grep "^    [^ ]" ../out >../got &&
	cat >../expect <<-\EOF &&
	    minutes: done and edited
	    2026-11-20-weekly-sync/D1 added: Start on Monday
	    minutes of the weekly sync
	    2026-11-20-weekly-sync/D1 added: Go with vendor X for REQ-1
	EOF
	test_cmp ../expect ../got &&
	kam log 2026-11-20-weekly-sync/a2 >../out &&
	grep "^    [^ ]" ../out >../got &&
	cat >../expect <<-\EOF &&
	    minutes: done and edited
	    2026-11-20-weekly-sync/A2 text "book the room" -> "book the big room"
	    minutes of the weekly sync
	    2026-11-20-weekly-sync/A2 added: book the room
	EOF
	test_cmp ../expect ../got &&
	kam log --table meetings 2026-11-20-weekly-sync/A2 >../again &&
	test_cmp ../out ../again &&
	kam log --no-index 2026-11-20-weekly-sync/A2 >../walk &&
	test_cmp ../out ../walk &&
	kam log 2026-11-20-weekly-sync/A2 --format json >../json &&
	python3 - ../json <<-\EOF
	import json, sys
	rows = json.load(open(sys.argv[1]))
	assert {(r["table"], r["file"], r["id"]) for r in rows} == \
	    {("meetings", "meetings/2026-11-20-weekly-sync.md", "2026-11-20-weekly-sync/A2")}, rows
	EOF
'

test_expect_success 'kam log NAME: the meeting and its items; an id of the minutes is not in another table; a revision wins' '
	cd proj &&
	kam log 2026-11-20-weekly-sync --format csv >../csv &&
	cut -d, -f5 ../csv | sed 1d | uniq >../got &&
	cat >../expect <<-\EOF &&
	"minutes: done and edited"
	"minutes of the weekly sync"
	"kam: meeting new meetings/2026-11-20-weekly-sync.md: Weekly sync"
	EOF
	test_cmp ../expect ../got &&
	kam log --no-index 2026-11-20-weekly-sync --format csv >../walk &&
	test_cmp ../csv ../walk &&
	test_expect_code 64 kam log --table risks 2026-11-20-weekly-sync/D1 \
	    2>../err &&
	grep -q "2026-11-20-weekly-sync/D1 is not in table .risks." ../err &&
	git branch 2026-11-20-weekly-sync/A1 HEAD~1 &&
	kam log 2026-11-20-weekly-sync/A1 >../out &&
	git branch -D -q 2026-11-20-weekly-sync/A1 &&
	grep -q "^    2026-11-20-weekly-sync/D2 added: Freeze the scope\$" ../out &&
	! grep -q "minutes: done and edited" ../out
'

test_expect_success 'a removed minutes file: the meeting and its items removed' '
	cd proj &&
	git rm -q $M &&
	kam diff --stat >../out &&
	grep -q "^meetings  *0  *5  *0\$" ../out &&
	git reset -q --hard
'

test_expect_success 'kam log of an id in no commit: 65 naming it, as for a record that does not exist' '
	cd proj &&
	for a in "" --no-index; do
		test_expect_code 65 kam log $a nosuch/D1 >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: decision nosuch/D1 does not exist in the history of meetings/nosuch.md" >../expect &&
		test_cmp ../expect ../err &&
		test_expect_code 65 kam log $a 2026-11-20-weekly-sync/D9 >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: decision 2026-11-20-weekly-sync/D9 does not exist in the history of meetings/2026-11-20-weekly-sync.md" >../expect &&
		test_cmp ../expect ../err &&
		test_expect_code 65 kam log $a nosuch/a3 2>../err &&
		grep -q "^kam: action nosuch/A3 does not exist in the history of meetings/nosuch.md\$" ../err &&
		test_expect_code 65 kam log $a R-999 >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: risk R-999 does not exist in the history of risks.csv" >../expect &&
		test_cmp ../expect ../err &&
		test_expect_code 65 kam log $a R-999 --format json >../out 2>/dev/null &&
		test ! -s ../out &&
		test_expect_code 65 kam log $a R-999 HEAD~1 2>../err &&
		grep -q "^kam: risk R-999 does not exist in the history of risks.csv at HEAD~1\$" ../err || return 1
	done &&
	kam log 2026-11-20-weekly-sync/D1 >/dev/null &&
	kam log nosuch/D1 --since 2026-01-01 >../out 2>../err &&
	test ! -s ../out && test ! -s ../err &&
	kam log nosuch/D1 --since 2026-01-01 --format json >../out &&
	echo "[]" >../expect && test_cmp ../expect ../out &&
	kam log nosuch/D1 HEAD~1..HEAD >../out 2>../err &&
	test ! -s ../out && test ! -s ../err &&
	cp $M ../keep &&
	echo "- [ ] a third thing" >>$M &&
	kam log 2026-11-20-weekly-sync/A3 >../out 2>../err &&
	git checkout -q $M &&
	test ! -s ../out &&
	grep -q "^kam: note: action 2026-11-20-weekly-sync/A3 is in the work tree but in no commit yet" ../err
'

test_expect_success 'kam log NAME of a meeting since removed: its history; a name that is neither: 64' '
	cd proj &&
	git checkout -q -b gone &&
	git rm -q $M && git commit -q -m "drop the weekly minutes" &&
	for a in "" --no-index; do
		kam log $a 2026-11-20-weekly-sync >../out &&
		grep "^    [^ ]" ../out | head -n 2 >../got &&
		cat >../expect <<-\EOF &&
		    drop the weekly minutes
		    2026-11-20-weekly-sync removed: Weekly sync
		EOF
		test_cmp ../expect ../got &&
		grep -q "^    2026-11-20-weekly-sync added: Weekly sync\$" ../out &&
		test_expect_code 64 kam log $a no-such-branch >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: unknown revision '"'"'no-such-branch'"'"', and no meeting of that name: meetings/no-such-branch.md is in no commit" >../expect &&
		test_cmp ../expect ../err &&
		# With a limit too: the limit does not explain a name that
		# is no meeting of the history (a mistyped revision).
		test_expect_code 64 kam log $a --author nobody no-such-branch \
		    >../out 2>../err &&
		test ! -s ../out && test_cmp ../expect ../err &&
		test_expect_code 64 kam --format json log $a --since 2026-01-01 \
		    no-such-branch >../out 2>../err &&
		test ! -s ../out && test_cmp ../expect ../err &&
		# A removed meeting that the limit leaves out: nothing, 0.
		kam log $a --author nobody 2026-11-20-weekly-sync >../out &&
		test ! -s ../out || return 1
	done &&
	# The name before an id was a revision: the error names it.
	test_expect_code 64 kam log no-such-branch R-1 2>../err &&
	echo "kam: unknown revision '"'"'no-such-branch'"'"'" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam log --table risks no-such-branch 2>../err &&
	echo "kam: unknown revision '"'"'no-such-branch'"'"'" >../expect &&
	test_cmp ../expect ../err &&
	git checkout -q main &&
	git branch -q -D gone
'

test_expect_success 'setup: REQ-2 written, edited, renumbered to REQ-9' '
	cd proj &&
	kam req add Login >/dev/null &&
	kam req add Export >/dev/null &&
	kam req set REQ-2 --title "Export to CSV" >/dev/null &&
	kam req analyse REQ-2 >/dev/null &&
	kam renumber REQ-2 REQ-9 >/dev/null 2>&1 &&
	git log -1 --format=%s >../subject &&
	echo "kam: renumber REQ-2: REQ-9" >../expect &&
	test_cmp ../expect ../subject
'

test_expect_success 'kam log REQ-9 follows the record through the renumbering' '
	cd proj &&
	kam log REQ-9 >../out &&
	grep "^    REQ-" ../out >../got &&
	cat >../expect <<-\EOF &&
	    REQ-2 removed: Export to CSV
	    REQ-9 added: Export to CSV
	    REQ-2 status draft -> analysed
	    REQ-2 title Export -> "Export to CSV"
	    REQ-2 added: Export
	EOF
	test_cmp ../expect ../got &&
	kam log REQ-9 --format json >../json &&
	python3 -c "
import json, sys
rows = json.load(open(sys.argv[1]))
subj = []
for r in rows:
    if r[\"subject\"] not in subj:
        subj.append(r[\"subject\"])
assert subj == [\"kam: renumber REQ-2: REQ-9\", \"kam: req analyse REQ-2: Export to CSV\",
    \"kam: req set REQ-2: Export to CSV\", \"kam: req add REQ-2: Export\"], subj
" ../json &&
	kam log REQ-1 >../out &&
	! grep -q "REQ-2\|REQ-9" ../out &&
	kam log --follow REQ-9 >../follow &&
	kam log REQ-9 >../default && test_cmp ../default ../follow &&
	kam log --no-index --follow REQ-9 >../follow && test_cmp ../default ../follow
'

test_expect_success 'kam log --no-follow: the id alone, from its renumbering' '
	cd proj &&
	kam log --no-follow REQ-9 >../out &&
	grep "^    REQ-" ../out >../got &&
	cat >../expect <<-\EOF &&
	    REQ-9 added: Export to CSV
	EOF
	test_cmp ../expect ../got &&
	kam log --no-index --no-follow REQ-9 >../walk &&
	test_cmp ../out ../walk
'

test_expect_success 'the walk (--no-index) and the index give the same trail' '
	cd proj &&
	kam log REQ-9 >../indexed &&
	kam log --no-index REQ-9 >../walked &&
	test_cmp ../indexed ../walked &&
	kam log --no-index REQ-9 --format json >../walked.json &&
	kam log REQ-9 --format json >../indexed.json &&
	test_cmp ../indexed.json ../walked.json
'

test_expect_success 'the filters do not lose the trail: --author and -n' '
	cd proj &&
	kam log REQ-9 --author nobody >../out &&
	test ! -s ../out &&
	kam log REQ-9 -n 2 >../out &&
	grep -q "^    REQ-2 status draft -> analysed\$" ../out &&
	! grep -q "added: Export\$" ../out
'

test_expect_success 'after git rebase replays the renumbering, kam log still follows it' '
	cd proj &&
	git branch -q renum &&
	git reset -q --hard HEAD~1 &&
	kam risk add "Vendor late" -p 2 -i 2 >/dev/null &&
	git checkout -q renum &&
	git rebase -q main &&
	git log -2 --format=%s >../got &&
	printf "%s\n" "kam: renumber REQ-2: REQ-9" "kam: risk add R-1: Vendor late" >../expect &&
	test_cmp ../expect ../got &&
	kam log REQ-9 >../out &&
	grep -q "^    REQ-2 added: Export\$" ../out &&
	grep -q "^    REQ-2 title Export -> \"Export to CSV\"\$" ../out
'

# A renumbering by hand with plain git (issue 18): REQ-2 becomes REQ-7 in
# requirements.csv and in the task tracing to it, committed with git.
test_expect_success 'kam log follows a renumbering made by hand with plain git' '
	new_project hand &&
	kam req add Login >/dev/null &&
	kam req add Export >/dev/null &&
	kam req set REQ-2 --title "Export to CSV" >/dev/null &&
	kam task add Build --duration 2 --req REQ-2 >/dev/null &&
	sed "s/^REQ-2,/REQ-7,/" requirements.csv >r.tmp &&
	mv r.tmp requirements.csv &&
	sed "s/REQ-2/REQ-7/" tasks.csv >t.tmp && mv t.tmp tasks.csv &&
	git commit -q -am "Move the export requirement to REQ-7" &&
	kam log REQ-7 >../out &&
	grep "^    REQ-" ../out >../got &&
	cat >../expect <<-\EOF &&
	    REQ-2 removed: Export to CSV
	    REQ-7 added: Export to CSV
	    REQ-2 title Export -> "Export to CSV"
	    REQ-2 added: Export
	EOF
	test_cmp ../expect ../got &&
	kam log --no-index REQ-7 >../walked &&
	test_cmp ../out ../walked &&
	kam log REQ-7 >../again &&
	test_cmp ../out ../again &&
	kam log REQ-7 --format json >../indexed.json &&
	kam log --no-index REQ-7 --format json >../walked.json &&
	test_cmp ../indexed.json ../walked.json &&
	kam log --no-follow REQ-7 >../out &&
	grep "^    REQ-" ../out >../got &&
	echo "    REQ-7 added: Export to CSV" >../expect &&
	test_cmp ../expect ../got
'

test_expect_success 'not followed when the row changed too, or when two rows could be the old one' '
	new_project edited &&
	kam req add Login >/dev/null &&
	kam req add Export >/dev/null &&
	sed "s/^REQ-2,Export,/REQ-8,Export all,/" requirements.csv >r.tmp &&
	mv r.tmp requirements.csv &&
	git commit -q -am "renumber and retitle" &&
	kam log REQ-8 >../out &&
	grep "^    REQ-" ../out >../got &&
	echo "    REQ-8 added: Export all" >../expect &&
	test_cmp ../expect ../got &&
	kam log --no-index REQ-8 >../walked && test_cmp ../out ../walked &&
	new_project twins &&
	kam req add Same >/dev/null &&
	kam req add Same >/dev/null &&
	sed "/^REQ-[12],/d" requirements.csv >r.tmp &&
	grep "^REQ-1," requirements.csv | sed "s/^REQ-1,/REQ-5,/" >>r.tmp &&
	mv r.tmp requirements.csv &&
	git commit -q -am "two gone, one new" &&
	kam log REQ-5 >../out &&
	grep "^    REQ-" ../out >../got &&
	echo "    REQ-5 added: Same" >../expect &&
	test_cmp ../expect ../got &&
	kam log --no-index REQ-5 >../walked && test_cmp ../out ../walked
'

test_done
