#!/bin/sh
# t7200: lessons learned: add (kind required, date today by default, never
# after today), list with --search (ASCII case-insensitive substring of
# lesson, action and area), --area and --kind, refusals, formats.
test_description='kam lesson'
. "$(dirname "$0")/lib.sh"

H='id,date,area,kind,lesson,action'

snap () {
	git rev-parse HEAD
	sha256sum .git/index lessons.csv
	git status --porcelain
}

test_expect_success 'setup' '
	new_project
'

test_expect_success 'add with every option: the id alone, the row, the commit' '
	cd proj &&
	kam lesson add "Weekly demos kept the client close" --kind keep \
	    --area communication --action "Keep the Friday demo" \
	    --date 2026-11-20 >../out 2>../err &&
	echo L-1 >../expect &&
	test_cmp ../expect ../out &&
	test ! -s ../err &&
	printf "%s\n%s\n" "$H" "L-1,2026-11-20,communication,keep,Weekly demos kept the client close,Keep the Friday demo" >../expect &&
	test_cmp ../expect lessons.csv &&
	git log -1 --format=%s >../subject &&
	echo "kam: lesson add L-1: Weekly demos kept the client close" >../expect &&
	test_cmp ../expect ../subject &&
	git show --stat --format= HEAD >../stat &&
	cat >../expect <<-\EOF &&
	 lessons.csv | 1 +
	 1 file changed, 1 insertion(+)
	EOF
	test_cmp ../expect ../stat
'

test_expect_success 'add: date defaults to today; --today moves it; area and action optional' '
	cd proj &&
	kam lesson add "UAT data arrived late" --kind improve --area Schedule \
	    --action "Ask for test data at kick-off" >../out &&
	echo L-2 >../expect &&
	test_cmp ../expect ../out &&
	kam --today 2026-06-01 lesson add "测试环境不稳定" --kind improve >/dev/null &&
	kam lesson add "Daily stand-up, 15 minutes" --kind keep --area Team >/dev/null &&
	tail -n 3 lessons.csv >../rows &&
	cat >../expect <<-\EOF &&
	L-2,2026-11-27,Schedule,improve,UAT data arrived late,Ask for test data at kick-off
	L-3,2026-06-01,,improve,测试环境不稳定,
	L-4,2026-11-27,Team,keep,"Daily stand-up, 15 minutes",
	EOF
	test_cmp ../expect ../rows
'

test_expect_success 'add: usage errors are 64, nothing changed' '
	cd proj &&
	snap >../before &&
	test_expect_code 64 kam lesson add x >../out 2>../err &&
	test ! -s ../out &&
	echo "kam: a lesson needs --kind keep (what went well) or --kind improve (what to do better)" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam lesson add x --kind maybe 2>../err &&
	echo "kam: --kind: invalid value '"'maybe'"': expected one of: keep improve" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam lesson add "" --kind keep 2>../err &&
	echo "kam: text: invalid value '"''"': must not be empty" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam lesson add x --kind keep --date 2026-11-28 2>../err &&
	echo "kam: --date: 2026-11-28 is after today (2026-11-27); record a lesson when it has been learned" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam lesson add x --kind keep --date 27.11.2026 2>../err &&
	grep -q "^kam: --date: invalid date '"'27.11.2026'"'" ../err &&
	test_expect_code 64 kam lesson add --kind keep 2>../err &&
	grep -q "^usage: kam lesson add text --kind keep|improve" ../err &&
	test_expect_code 64 kam lesson add a b --kind keep 2>/dev/null &&
	test_expect_code 64 kam lesson add a --kind keep --owner P-1 2>/dev/null &&
	snap >../after &&
	test_cmp ../before ../after
'

test_expect_success 'list: the table by id' '
	cd proj &&
	kam lesson list >../out &&
	cat >../expect <<-\EOF &&
	id   date        area           kind     lesson                              action
	L-1  2026-11-20  communication  keep     Weekly demos kept the client close  Keep the Friday demo
	L-2  2026-11-27  Schedule       improve  UAT data arrived late               Ask for test data at kick-off
	L-3  2026-06-01  -              improve  测试环境不稳定                      -
	L-4  2026-11-27  Team           keep     Daily stand-up, 15 minutes          -
	EOF
	test_cmp ../expect ../out
'

ids () {
	kam lesson list --format csv "$@" | cut -d, -f1 | tail -n +2 | tr -d '"' |
	    tr "\n" " "
}

test_expect_success 'list --search: any case, in lesson, action or area' '
	cd proj &&
	test "$(ids --search DEMO)" = "L-1 " &&
	test "$(ids --search kick-OFF)" = "L-2 " &&
	test "$(ids --search schedule)" = "L-2 " &&
	test "$(ids --search " THE ")" = "L-1 " &&
	test "$(ids --search 测试)" = "L-3 " &&
	test "$(ids --search nothing-like-this)" = "" &&
	test "$(ids --search "")" = "L-1 L-2 L-3 L-4 "
'

test_expect_success 'list --area (any case), --kind, and filters combined' '
	cd proj &&
	test "$(ids --area team)" = "L-4 " &&
	test "$(ids --area Comm)" = "" &&
	test "$(ids --kind improve)" = "L-2 L-3 " &&
	test "$(ids --kind keep --search DAILY)" = "L-4 " &&
	test "$(ids --kind improve --area team)" = ""
'

test_expect_success 'list: usage errors' '
	cd proj &&
	test_expect_code 64 kam lesson list --kind good 2>../err &&
	echo "kam: --kind: invalid value '"'good'"': expected one of: keep improve" >../expect &&
	test_cmp ../expect ../err &&
	test_expect_code 64 kam lesson list word 2>/dev/null &&
	test_expect_code 64 kam lesson list --search 2>/dev/null
'

test_expect_success 'list --format json and md' '
	cd proj &&
	kam lesson list --kind keep --format json >../out &&
	cat >../expect <<-\EOF &&
	[
	{"id":"L-1","date":"2026-11-20","area":"communication","kind":"keep","lesson":"Weekly demos kept the client close","action":"Keep the Friday demo"},
	{"id":"L-4","date":"2026-11-27","area":"Team","kind":"keep","lesson":"Daily stand-up, 15 minutes","action":null}
	]
	EOF
	test_cmp ../expect ../out &&
	kam lesson list --area schedule --format md >../out &&
	cat >../expect <<-\EOF &&
	| id  | date       | area     | kind    | lesson                | action                        |
	| --- | ---------- | -------- | ------- | --------------------- | ----------------------------- |
	| L-2 | 2026-11-27 | Schedule | improve | UAT data arrived late | Ask for test data at kick-off |
	EOF
	test_cmp ../expect ../out
'

test_expect_success 'a user column is kept and shown in json' '
	cd proj &&
	sed "1s/\$/,owner/; 2,\$s/\$/,/" lessons.csv >../edited &&
	sed "2s/,\$/,Ann/" ../edited >lessons.csv &&
	git commit -q -am "add an owner column" &&
	kam lesson add "Keep it" --kind keep >/dev/null &&
	tail -n 1 lessons.csv >../row &&
	echo "L-5,2026-11-27,,keep,Keep it,," >../expect &&
	test_cmp ../expect ../row &&
	kam lesson list --search friday --format json | grep -q "\"owner\":\"Ann\"}"
'

test_expect_success 'every lesson verb fails with 65 on an invalid lessons.csv' '
	new_project broken &&
	printf "%s\nL-1,2026-01-01,,later,x,\n" "$H" >lessons.csv &&
	git commit -q -am bad &&
	for v in list "add x --kind keep"; do
		test_expect_code 65 kam lesson $v >../out 2>../err &&
		test ! -s ../out &&
		grep -q "^kam: lessons.csv:2" ../err || return 1
	done
'

test_expect_success 'write errors on stdout are 74' '
	cd proj &&
	test_expect_code 74 kam lesson list >/dev/full 2>/dev/null
'

# ---- set (issue 17, smaller items) ----

test_expect_success 'lesson set: edit the text, kind, area, action and date; one commit' '
	new_project set &&
	kam lesson add "Demos help" --kind keep --date 2026-11-20 >/dev/null &&
	kam lesson set L-1 --lesson "Weekly demos help" --kind improve \
	    --area Team --action "Every Friday" --date 2026-11-21 &&
	echo "kam: lesson set L-1: Weekly demos help" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	grep -q "^L-1,2026-11-21,Team,improve,Weekly demos help,Every Friday\$" lessons.csv
'

test_expect_success 'lesson set refusals: a date after today, a bad kind, no option (64)' '
	cd "$TRASH/set" &&
	git rev-parse HEAD >before &&
	test_expect_code 64 kam lesson set L-1 --date 2026-11-28 2>err &&
	grep -q "2026-11-28 is after today" err &&
	test_expect_code 64 kam lesson set L-1 --kind maybe 2>err &&
	test_expect_code 64 kam lesson set L-1 2>err &&
	test_expect_code 65 kam lesson set L-9 --area x 2>err &&
	git rev-parse HEAD >after && test_cmp before after
'

test_done
