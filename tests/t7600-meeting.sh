#!/bin/sh
# t7600: meeting minutes (SPEC §3 "Communication", §5): kam meeting new
# (template, slug, attendees, never overwriting, one commit), kam meeting
# list, kam action list, kam decision list in every format; invalid UTF-8
# and pathological Markdown; symbolic links; a project in a subfolder.
test_description='kam meeting, action, decision'
. "$(dirname "$0")/lib.sh"

snap () {
	git rev-parse HEAD
	git status --porcelain --untracked-files=all
	ls -R meetings 2>/dev/null
}

test_expect_success 'setup: a project with two people' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add Bo --side client >/dev/null
'

# ---- meeting new ----

test_expect_success 'new: the path alone, the template, one commit of one file' '
	cd proj &&
	kam meeting new "Weekly steering" --attendees p-1,P-2 >../out 2>../err &&
	echo meetings/2026-11-27-weekly-steering.md >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	cat >../expect <<-\EOF &&
	# Weekly steering — 2026-11-27
	Attendees: P-1, P-2

	## Decisions

	## Actions
	EOF
	test_cmp ../expect meetings/2026-11-27-weekly-steering.md &&
	git log -1 --format=%s >../subject &&
	echo "kam: meeting new meetings/2026-11-27-weekly-steering.md: Weekly steering" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 meetings/2026-11-27-weekly-steering.md | 6 ++++++
	 1 file changed, 6 insertions(+)
	EOF
	test_cmp ../expect ../stat &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'new: --date, no attendees, -m body, a CJK title' '
	cd proj &&
	kam meeting new "数据迁移 review" --date 2026-11-13 -m "prepared by Ann" >../out &&
	echo meetings/2026-11-13-数据迁移-review.md >../expect &&
	test_cmp ../expect ../out &&
	printf "# 数据迁移 review — 2026-11-13\nAttendees:\n\n## Decisions\n\n## Actions\n" >../expect &&
	test_cmp ../expect meetings/2026-11-13-数据迁移-review.md &&
	git log -1 --format=%B >../msg &&
	printf "kam: meeting new meetings/2026-11-13-数据迁移-review.md: 数据迁移 review\n\nprepared by Ann\n\n" >../expect &&
	test_cmp ../expect ../msg
'

test_expect_success 'new: slugs stay inside meetings/ (allow-list)' '
	cd proj &&
	kam meeting new "../../etc/passwd" --date 2026-10-01 >../out &&
	echo meetings/2026-10-01-etc-passwd.md >../expect &&
	test_cmp ../expect ../out &&
	kam meeting new "数据迁移" --date 2026-10-01 >../out &&
	echo meetings/2026-10-01-数据迁移.md >../expect &&
	test_cmp ../expect ../out &&
	kam meeting new "«—» !!" --date 2026-10-01 >../out &&
	echo meetings/2026-10-01-meeting.md >../expect &&
	test_cmp ../expect ../out &&
	kam meeting new "Kick-off: ACME / ERP!!" --date 2026-10-01 >../out &&
	echo meetings/2026-10-01-kick-off-acme-erp.md >../expect &&
	test_cmp ../expect ../out &&
	test ! -e ../etc &&
	git -c core.quotepath=off ls-files >../files &&
	{ grep -v "^meetings/" ../files | grep -v "\.csv$" |
	    grep -v "^kam.conf$" | grep -v "^.gitattributes$" >../odd || true; } &&
	test ! -s ../odd &&
	git rm -q meetings/2026-10-01-* && git commit -q -m "remove tests"
'

# Issue 17: two Chinese-titled meetings on one day used to collide on
# "meeting"; slugs keep CJK letters.
test_expect_success 'new: two Chinese titles on one day name two files' '
	cd proj &&
	kam meeting new "需求评审会" --date 2026-10-02 >../out &&
	kam meeting new "技术方案评审（第二轮）" --date 2026-10-02 >>../out &&
	kam meeting new "週次定例 안건" --date 2026-10-02 >>../out &&
	cat >../expect <<-\EOF &&
	meetings/2026-10-02-需求评审会.md
	meetings/2026-10-02-技术方案评审-第二轮.md
	meetings/2026-10-02-週次定例-안건.md
	EOF
	test_cmp ../expect ../out &&
	test -f meetings/2026-10-02-需求评审会.md &&
	kam meeting list --format csv >../out &&
	grep -q "^\"2026-10-02\",\"meetings/2026-10-02-需求评审会.md\",\"需求评审会\"" ../out &&
	test_expect_code 65 kam meeting new "需求评审会" --date 2026-10-02 2>../err &&
	grep -q "already exists" ../err &&
	git rm -q meetings/2026-10-02-* && git commit -q -m "remove tests"
'

test_expect_success 'new: a title with Markdown characters reads back as written' '
	cd proj &&
	t="Budget <b>review</b> *v2* [x] a_b \\ R&D &amp; \`c\`" &&
	kam meeting new "$t" --date 2026-09-30 >../out &&
	echo meetings/2026-09-30-budget-b-review-b-v2-x-a-b-r-d-amp-c.md >../expect &&
	test_cmp ../expect ../out &&
	head -n 1 meetings/2026-09-30-budget-b-review-b-v2-x-a-b-r-d-amp-c.md >../head &&
	printf "%s\n" "# Budget \\<b\\>review\\</b\\> \\*v2\\* \\[x\\] a\\_b \\\\ R&D \\&amp; \\\`c\\\` — 2026-09-30" >../expect &&
	test_cmp ../expect ../head &&
	kam meeting list --format csv >../out &&
	grep -F "\"2026-09-30\",\"meetings/2026-09-30-budget-b-review-b-v2-x-a-b-r-d-amp-c.md\",\"$t\"," ../out &&
	git log -1 --format=%s >../subject &&
	echo "kam: meeting new meetings/2026-09-30-budget-b-review-b-v2-x-a-b-r-d-amp-c.md: $t" >../expect &&
	test_cmp ../expect ../subject &&
	git rm -q meetings/2026-09-30-* && git commit -q -m "remove test"
'

test_expect_success 'new: refuses to overwrite minutes (65), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam meeting new "Weekly steering" >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: meetings/2026-11-27-weekly-steering.md already exists; give another title or --date, or edit it and run '"'kam commit'"'" >../expect &&
	test_cmp ../expect ../err &&
	echo "hand-written" >meetings/2026-11-27-retro.md &&
	test_expect_code 65 kam meeting new "Retro" 2>../err &&
	grep -q "meetings/2026-11-27-retro.md already exists" ../err &&
	echo "hand-written" >../expect &&
	test_cmp ../expect meetings/2026-11-27-retro.md &&
	rm meetings/2026-11-27-retro.md &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'new: attendees must exist in people.csv (65)' '
	cd proj &&
	snap >../before &&
	test_expect_code 65 kam meeting new "Orphans" --attendees P-1,P-9 >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: person P-9 does not exist in people.csv" >../expect &&
	test_cmp ../expect ../err &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'new: usage errors (64), nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam meeting new 2>../err &&
	grep -q "^usage: kam meeting new title" ../err &&
	test_expect_code 64 kam meeting new a b 2>/dev/null &&
	test_expect_code 64 kam meeting new "" 2>../err &&
	echo "kam: title: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam meeting new "   " 2>/dev/null &&
	test_expect_code 64 kam meeting new "$(printf "two\nlines")" 2>../err &&
	echo "kam: title: control character 0x0a not allowed (the title is one line)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam meeting new "$(printf "bad \377")" 2>/dev/null &&
	test_expect_code 64 kam meeting new x --date 2026-02-30 2>../err &&
	echo "kam: --date: invalid date '"'2026-02-30'"': February 2026 has 28 days" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam meeting new x --attendees P-1,R-2 2>../err &&
	echo "kam: --attendees: invalid person id '"'R-2'"' (expected e.g. P-3)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam meeting new x --attendees ../x 2>/dev/null &&
	test_expect_code 64 kam meeting new x --bogus 2>/dev/null &&
	test_expect_code 64 kam meeting new x --date 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'new --no-commit writes the file and makes no commit' '
	cd proj &&
	head=$(git rev-parse HEAD) &&
	kam --no-commit meeting new "Draft" --date 2026-12-04 >../out &&
	echo meetings/2026-12-04-draft.md >../expect &&
	test_cmp ../expect ../out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test -f meetings/2026-12-04-draft.md &&
	rm meetings/2026-12-04-draft.md
'

test_expect_success 'new with the minutes directory in the way (78)' '
	new_project inway &&
	echo x >meetings &&
	git add meetings && git commit -q -m "a file named meetings" &&
	test_expect_code 78 kam meeting new "Blocked" 2>../err &&
	grep -q "meetings" ../err
'

# ---- reading the minutes ----

test_expect_success 'setup: minutes edited by hand, committed with kam commit' '
	cd proj &&
	git rm -q meetings/2026-11-13-数据迁移-review.md &&
	git commit -q -m "drop the review" &&
	cat >meetings/2026-11-27-weekly-steering.md <<-\EOF &&
	# Weekly steering — 2026-11-27
	Attendees: P-1, P-2

	Notes: the client asked about <script>alert(1)</script>.

	## Decisions
	- Go-live moves to 2027-03-01 (CR-2)
	- Keep REQ-3 in scope

	## Actions
	- [ ] Send revised plan to client @P-2 due:2026-12-01
	- [x] Book UAT room @P-1
	- [ ] Review the test plan @P-1 due:2026-11-20
	  - [ ] Ask QA for the report
	EOF
	cat >meetings/2026-11-13-kickoff.md <<-\EOF &&
	# Kickoff — 2026-11-13
	Attendees: P-1

	- [ ] not an action: no section yet

	## Decisions
	- Weekly steering on Fridays

	## Actions
	- [x] Set up the repository @P-1 due:2026-11-14

	## Notes
	- [ ] not an action either
	EOF
	kam commit >/dev/null &&
	test -z "$(git status --porcelain)"
'

test_expect_success 'meeting list: table' '
	cd proj &&
	kam meeting list >../out &&
	cat >../expect <<-\EOF &&
	date        file                                    title            attendees  decisions  actions_open  actions_done
	2026-11-13  meetings/2026-11-13-kickoff.md          Kickoff          P-1                1             0             1
	2026-11-27  meetings/2026-11-27-weekly-steering.md  Weekly steering  P-1 P-2            2             3             1
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'meeting list: json, csv, md' '
	cd proj &&
	kam meeting list --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"date":"2026-11-13","file":"meetings/2026-11-13-kickoff.md","title":"Kickoff","attendees":["P-1"],"decisions":1,"actions_open":0,"actions_done":1},
	{"date":"2026-11-27","file":"meetings/2026-11-27-weekly-steering.md","title":"Weekly steering","attendees":["P-1","P-2"],"decisions":2,"actions_open":3,"actions_done":1}
	]
	EOF
	test_cmp ../expect ../out &&
	kam --format csv meeting list >../out &&
	cat >../expect <<-\EOF &&
	"date","file","title","attendees","decisions","actions_open","actions_done"
	"2026-11-13","meetings/2026-11-13-kickoff.md","Kickoff","P-1","1","0","1"
	"2026-11-27","meetings/2026-11-27-weekly-steering.md","Weekly steering","P-1 P-2","2","3","1"
	EOF
	test_cmp ../expect ../out &&
	kam meeting list --format md >../out &&
	cat >../expect <<-\EOF &&
	| date       | file                                   | title           | attendees | decisions | actions_open | actions_done |
	| ---------- | -------------------------------------- | --------------- | --------- | --------: | -----------: | -----------: |
	| 2026-11-13 | meetings/2026-11-13-kickoff.md         | Kickoff         | P-1       |         1 |            0 |            1 |
	| 2026-11-27 | meetings/2026-11-27-weekly-steering.md | Weekly steering | P-1 P-2   |         2 |            3 |            1 |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'action list: table, overdue against today' '
	cd proj &&
	kam action list >../out &&
	cat >../expect <<-\EOF &&
	location                                   state  owner  due         overdue  text
	meetings/2026-11-13-kickoff.md:10          done   P-1    2026-11-14  no       Set up the repository @P-1 due:2026-11-14
	meetings/2026-11-27-weekly-steering.md:11  open   P-2    2026-12-01  no       Send revised plan to client @P-2 due:2026-12-01
	meetings/2026-11-27-weekly-steering.md:12  done   P-1    -           no       Book UAT room @P-1
	meetings/2026-11-27-weekly-steering.md:13  open   P-1    2026-11-20  yes      Review the test plan @P-1 due:2026-11-20
	meetings/2026-11-27-weekly-steering.md:14  open   -      -           no       Ask QA for the report
	EOF
	test_cmp ../expect ../out &&
	kam --today 2026-12-02 action list --open >../out &&
	cat >../expect <<-\EOF &&
	location                                   state  owner  due         overdue  text
	meetings/2026-11-27-weekly-steering.md:11  open   P-2    2026-12-01  yes      Send revised plan to client @P-2 due:2026-12-01
	meetings/2026-11-27-weekly-steering.md:13  open   P-1    2026-11-20  yes      Review the test plan @P-1 due:2026-11-20
	meetings/2026-11-27-weekly-steering.md:14  open   -      -           no       Ask QA for the report
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'action list: --owner, --open, json, csv, md' '
	cd proj &&
	kam action list --owner p-1 --open --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"location":"meetings/2026-11-27-weekly-steering.md:13","state":"open","owner":"P-1","due":"2026-11-20","overdue":true,"text":"Review the test plan @P-1 due:2026-11-20"}
	]
	EOF
	test_cmp ../expect ../out &&
	kam action list --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"location":"meetings/2026-11-13-kickoff.md:10","state":"done","owner":"P-1","due":"2026-11-14","overdue":false,"text":"Set up the repository @P-1 due:2026-11-14"},
	{"location":"meetings/2026-11-27-weekly-steering.md:11","state":"open","owner":"P-2","due":"2026-12-01","overdue":false,"text":"Send revised plan to client @P-2 due:2026-12-01"},
	{"location":"meetings/2026-11-27-weekly-steering.md:12","state":"done","owner":"P-1","due":null,"overdue":false,"text":"Book UAT room @P-1"},
	{"location":"meetings/2026-11-27-weekly-steering.md:13","state":"open","owner":"P-1","due":"2026-11-20","overdue":true,"text":"Review the test plan @P-1 due:2026-11-20"},
	{"location":"meetings/2026-11-27-weekly-steering.md:14","state":"open","owner":null,"due":null,"overdue":false,"text":"Ask QA for the report"}
	]
	EOF
	test_cmp ../expect ../out &&
	kam action list --owner P-2 --format csv >../out &&
	cat >../expect <<-\EOF &&
	"location","state","owner","due","overdue","text"
	"meetings/2026-11-27-weekly-steering.md:11","open","P-2","2026-12-01","false","Send revised plan to client @P-2 due:2026-12-01"
	EOF
	test_cmp ../expect ../out &&
	kam action list --owner P-2 --format md >../out &&
	cat >../expect <<-\EOF &&
	| location                                  | state | owner | due        | overdue | text                                            |
	| ----------------------------------------- | ----- | ----- | ---------- | ------- | ----------------------------------------------- |
	| meetings/2026-11-27-weekly-steering.md:11 | open  | P-2   | 2026-12-01 | no      | Send revised plan to client @P-2 due:2026-12-01 |
	EOF
	test_cmp ../expect ../out &&
	kam action list --owner P-9 --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out
'

test_expect_success 'decision list: table, --since, json, csv, md' '
	cd proj &&
	kam decision list >../out &&
	cat >../expect <<-\EOF &&
	date        location                                  text                                refs
	2026-11-13  meetings/2026-11-13-kickoff.md:7          Weekly steering on Fridays          -
	2026-11-27  meetings/2026-11-27-weekly-steering.md:7  Go-live moves to 2027-03-01 (CR-2)  CR-2
	2026-11-27  meetings/2026-11-27-weekly-steering.md:8  Keep REQ-3 in scope                 REQ-3
	EOF
	test_cmp ../expect ../out &&
	kam decision list --since 2026-11-14 --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"date":"2026-11-27","location":"meetings/2026-11-27-weekly-steering.md:7","text":"Go-live moves to 2027-03-01 (CR-2)","refs":["CR-2"]},
	{"date":"2026-11-27","location":"meetings/2026-11-27-weekly-steering.md:8","text":"Keep REQ-3 in scope","refs":["REQ-3"]}
	]
	EOF
	test_cmp ../expect ../out &&
	kam decision list --since 2026-11-13 --format csv >../out &&
	cat >../expect <<-\EOF &&
	"date","location","text","refs"
	"2026-11-13","meetings/2026-11-13-kickoff.md:7","Weekly steering on Fridays",""
	"2026-11-27","meetings/2026-11-27-weekly-steering.md:7","Go-live moves to 2027-03-01 (CR-2)","CR-2"
	"2026-11-27","meetings/2026-11-27-weekly-steering.md:8","Keep REQ-3 in scope","REQ-3"
	EOF
	test_cmp ../expect ../out &&
	kam decision list --since 2026-11-28 --format md >../out &&
	cat >../expect <<-\EOF &&
	| date | location | text | refs |
	| ---- | -------- | ---- | ---- |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'minutes without a dated name: date from the heading, else none' '
	cd proj &&
	printf "# Retro - 2026-11-20\n## Decisions\n- Keep retros\n" >meetings/retro.md &&
	printf "Loose notes\n\n## Decisions\n- Undated (T-1)\n" >meetings/notes.md &&
	kam decision list >../out &&
	cat >../expect <<-\EOF &&
	date        location                                  text                                refs
	2026-11-13  meetings/2026-11-13-kickoff.md:7          Weekly steering on Fridays          -
	2026-11-20  meetings/retro.md:3                       Keep retros                         -
	2026-11-27  meetings/2026-11-27-weekly-steering.md:7  Go-live moves to 2027-03-01 (CR-2)  CR-2
	2026-11-27  meetings/2026-11-27-weekly-steering.md:8  Keep REQ-3 in scope                 REQ-3
	-           meetings/notes.md:4                       Undated (T-1)                       T-1
	EOF
	test_cmp ../expect ../out &&
	kam decision list --since 1900-01-01 >../out &&
	! grep -q notes.md ../out &&
	kam meeting list --format json >../out &&
	grep -q "{\"date\":null,\"file\":\"meetings/notes.md\",\"title\":null,\"attendees\":\[\]," ../out &&
	rm meetings/retro.md meetings/notes.md
'

# Issue 17: a Chinese client's minutes use Chinese section headings.
test_expect_success 'Chinese headings: 决议/决定 and 行动项/待办 are read' '
	new_project zh &&
	kam people add "王芳" --side team >/dev/null &&
	mkdir -p meetings &&
	cat >meetings/2026-12-02-review.md <<-\EOF &&
	# 需求评审会 — 2026-12-02
	Attendees: P-1
	## 决议
	- 采用方案 A
	## 行动项：
	- [ ] 发送修订计划 @P-1 due:2026-12-01
	- [x] 预订会议室
	EOF
	kam decision list --format csv >../out &&
	grep -q "采用方案 A" ../out &&
	kam action list --format json >../out &&
	grep -q "\"owner\":\"P-1\"" ../out &&
	grep -q "\"state\":\"open\",\"owner\":\"P-1\",\"due\":\"2026-12-01\"" ../out &&
	grep -q "\"state\":\"done\",.*预订会议室" ../out &&
	kam check >../out 2>&1 &&
	! grep -q minutes-no-sections ../out
'

test_expect_success 'kam check warns about minutes with items but no section' '
	cd zh &&
	printf "# 周会\n## 讨论\n- 一项\n- 二项\n" >meetings/2026-12-03-weekly.md &&
	kam check >../out 2>&1 &&
	grep -q "^meetings/2026-12-03-weekly.md:3: amber: minutes-no-sections: 2 list items but no Decisions or Actions section" ../out &&
	kam check --format json >../out &&
	grep -q "\"rule\":\"minutes-no-sections\"" ../out &&
	test_expect_code 1 kam check --strict >/dev/null 2>&1 &&
	rm meetings/2026-12-03-weekly.md
'

test_expect_success 'no meetings directory: empty lists, exit 0' '
	new_project empty &&
	kam meeting list --format json >../out &&
	echo "[]" >../expect &&
	test_cmp ../expect ../out &&
	kam action list --format json >../out &&
	test_cmp ../expect ../out &&
	kam decision list --format json >../out &&
	test_cmp ../expect ../out
'

test_expect_success 'read usage errors (64)' '
	cd proj &&
	test_expect_code 64 kam meeting list extra 2>/dev/null &&
	test_expect_code 64 kam action list --owner R-1 2>../err &&
	echo "kam: --owner: invalid person id '"'R-1'"' (expected e.g. P-3)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam action list --late 2>/dev/null &&
	test_expect_code 64 kam decision list --since yesterday 2>../err &&
	echo "kam: --since: invalid date '"'yesterday'"': expected YYYY-MM-DD" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam decision list x 2>/dev/null
'

test_expect_success 'outside a project (66)' '
	mkdir -p nowhere && cd nowhere &&
	test_expect_code 66 kam meeting list 2>/dev/null &&
	test_expect_code 66 kam action list 2>/dev/null &&
	test_expect_code 66 kam decision list 2>/dev/null &&
	test_expect_code 66 kam meeting new x 2>/dev/null
'

test_expect_success 'write errors are not silent (74)' '
	cd proj &&
	test_expect_code 74 kam meeting list >/dev/full 2>/dev/null &&
	test_expect_code 74 kam action list >/dev/full 2>/dev/null &&
	test_expect_code 74 kam decision list >/dev/full 2>/dev/null
'

# ---- bad minutes ----

test_expect_success 'invalid UTF-8 in minutes: 65 with file:line, for every read' '
	cd proj &&
	printf "# Bad\n\n## Actions\n- [ ] caf\303 x\n" >meetings/2026-11-28-bad.md &&
	for c in "meeting list" "action list" "decision list"; do
		test_expect_code 65 kam $c >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: meetings/2026-11-28-bad.md:4: invalid UTF-8 at byte offset 27" >../expect &&
		test_cmp ../expect ../err || exit 1
	done &&
	printf "# Bad\n\n- \000\n" >meetings/2026-11-28-bad.md &&
	test_expect_code 65 kam action list 2>../err &&
	echo "kam: meetings/2026-11-28-bad.md:3: NUL byte (0x00) at byte offset 9" >../expect &&
	test_cmp ../expect ../err &&
	rm meetings/2026-11-28-bad.md
'

test_expect_success 'a malformed due date or file date: 65 naming it' '
	cd proj &&
	printf "# T\n## Actions\n- [ ] x due:2026-13-01\n" >meetings/2026-11-28-t.md &&
	test_expect_code 65 kam action list 2>../err &&
	grep -q "^kam: meetings/2026-11-28-t.md:3: invalid due date '"'2026-13-01'"'" ../err &&
	rm meetings/2026-11-28-t.md &&
	printf "# T\n" >meetings/2026-02-30-t.md &&
	test_expect_code 65 kam meeting list 2>../err &&
	grep -q "^kam: meetings/2026-02-30-t.md: invalid date" ../err &&
	rm meetings/2026-02-30-t.md
'

test_expect_success 'a symbolic link among the minutes is refused (78)' '
	cd proj &&
	ln -s ../people.csv meetings/2026-11-28-link.md &&
	test_expect_code 78 kam meeting list >../out 2>../err &&
	grep -q "refusing to follow symlink" ../err &&
	rm meetings/2026-11-28-link.md
'

test_expect_success 'a symbolic link as the meetings directory is refused (78)' '
	new_project linked &&
	mkdir ../elsewhere &&
	printf "## Actions\n- [ ] outside\n" >../elsewhere/2026-11-28-x.md &&
	ln -s ../elsewhere meetings &&
	for c in "meeting list" "action list" "decision list"; do
		test_expect_code 78 kam $c >../out 2>../err &&
		test ! -s ../out &&
		echo "kam: refusing to follow symlink '"'meetings'"'" >../expect &&
		test_cmp ../expect ../err || exit 1
	done &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 78 kam meeting new "Outside" 2>../err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test ! -e ../elsewhere/2026-11-27-outside.md
'

test_expect_success 'other files and directories in meetings/ are ignored' '
	cd proj &&
	kam meeting list >../before &&
	mkdir meetings/attachments.md meetings/img &&
	echo "- [ ] x" >meetings/img/a.md &&
	echo "# not minutes" >meetings/agenda.txt &&
	echo "# editor backup" >meetings/.2026-11-27-weekly-steering.md.swp &&
	kam meeting list >../after &&
	test_cmp ../before ../after &&
	rm -r meetings/attachments.md meetings/img meetings/agenda.txt \
	    meetings/.2026-11-27-weekly-steering.md.swp
'

# RELIABILITY M7: cmark is linear on these; kam must stay so (10 s is
# generous enough for an ASan build).
gen () {
	perl -e "print \"## Actions\n- [ ] \", \"$1\" x $2, \"\n\""
}

test_expect_success 'pathological minutes: 50,000 [ and > x 50,000 stay fast' '
	cd proj &&
	gen "[" 50000 >meetings/2026-11-29-brackets.md &&
	perl -e "print \"## Actions\n\", \"> \" x 50000, \"- [x] deep\n\"" \
	    >meetings/2026-11-29-quotes.md &&
	perl -e "print \"## Decisions\n- \", \"*a **a \" x 65000, \"\n\"" \
	    >meetings/2026-11-29-emph.md &&
	perl -e "print \"## Actions\n\", \"- \" x 50000, \"[ ] x\n\"" \
	    >meetings/2026-11-29-lists.md &&
	for c in "meeting list" "action list" "decision list"; do
		start=$(date +%s) &&
		kam $c --format json >../out &&
		end=$(date +%s) &&
		test $((end - start)) -le 10 ||
		{ echo "kam $c took $((end - start)) s"; exit 1; }
	done &&
	kam action list --format csv >../out &&
	grep -q "^\"meetings/2026-11-29-quotes.md:2\",\"done\",\"\",\"\",\"false\",\"deep\"\$" ../out &&
	rm meetings/2026-11-29-*
'

# ---- a project in a subfolder ----

test_expect_success 'a project in pm/: paths are project-relative' '
	mkdir product && cd product &&
	git init -q &&
	kam -C pm init --name PM >/dev/null &&
	kam -C pm people add Ann >/dev/null &&
	kam -C pm meeting new "Sprint review" --attendees P-1 >../out &&
	echo meetings/2026-11-27-sprint-review.md >../expect &&
	test_cmp ../expect ../out &&
	git show --name-only --format= HEAD >../files &&
	echo pm/meetings/2026-11-27-sprint-review.md >../expect &&
	test_cmp ../expect ../files &&
	cd pm &&
	kam meeting list --format csv >../../out &&
	grep -q "^\"2026-11-27\",\"meetings/2026-11-27-sprint-review.md\",\"Sprint review\",\"P-1\",\"0\",\"0\",\"0\"\$" ../../out
'

test_expect_success 'kam commit validates hand-edited minutes: people and dates (65)' '
	cd proj &&
	head=$(git rev-parse HEAD) &&
	printf "# Review\nAttendees: P-1, P-7\n## Actions\n- [ ] Plan @P-9 due:2026-12-01\n" \
	    >meetings/2026-11-21-review.md &&
	test_expect_code 65 kam commit 2>../err &&
	grep -q "^kam: meetings/2026-11-21-review.md:2: attendee P-7 does not exist in people.csv\$" ../err &&
	grep -q "^kam: meetings/2026-11-21-review.md:4: action owner P-9 does not exist in people.csv\$" ../err &&
	printf "# Review\nAttendees: P-1\n## Actions\n- [ ] Plan @P-2 due:2026-02-30\n" \
	    >meetings/2026-11-21-review.md &&
	test_expect_code 65 kam commit 2>../err &&
	grep -q "meetings/2026-11-21-review.md:4: .*2026-02-30" ../err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	printf "# Review\nAttendees: P-1\n## Actions\n- [ ] Plan @P-2 due:2026-12-01\n" \
	    >meetings/2026-11-21-review.md &&
	kam commit &&
	git log -1 --format=%s >../subject &&
	echo "kam: commit: meetings/2026-11-21-review.md" >../expect &&
	test_cmp ../expect ../subject
'

test_done
