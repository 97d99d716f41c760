#!/bin/sh
# t4200: kam gantt: the text chart of a small plan compared with the
# expected text (bars, critical marks, milestone, baselines, today line,
# CJK labels, clipping at --from/--to), colour only on a terminal, and the
# SVG document checked to be well-formed XML with its text escaped.
test_description='kam gantt'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

test_expect_success 'setup: a small plan with a baseline and a slip' '
	mkdir -p "$P" && cd "$P" &&
	kam init --name "Gantt <test> & co" --client ACME --currency CNY \
	    --start 2026-01-05 >/dev/null &&
	kam task add Design --duration 3 >/dev/null &&
	kam task add Build --duration 5 --after T-1 >/dev/null &&
	kam task add "Docs 文档" --duration 2 --after T-1 >/dev/null &&
	kam task add Go-live --milestone --after T-2,T-3 >/dev/null &&
	kam --today 2026-01-02 plan baseline &&
	kam task start T-1 --date 2026-01-06
'

# T-1 started a day late (Tue 6) and today is Thu 8, so it ends Mon 12,
# the day before Build (critical) must start: T-1 has no slack left and is
# critical too (slack is LF - EF of its remaining work).  Build runs Tue 13
# - Mon 19, Docs Tue 13 - Wed 14, Go-live is on Mon 19.  The baseline rows show the plan of 2026-01-02.
test_expect_success 'the text chart, one column a day' '
	cd "$P" &&
	kam --today 2026-01-08 gantt --width 60 >out &&
	cat >expect <<-\EOF &&
	               2026-01-05    2026-01-19
	               +--|---+------+
	T-1 Design      #######
	               ---|
	T-2 Build         |    #######
	                  -------
	T-3 Docs 文档     |    ==
	                  --
	T-4 Go-live       |          *
	                  |     -

	= task  # critical  * milestone  - baseline  | today 2026-01-08
	2026-01-05 to 2026-01-19, 1 column = 1 day; finish 2026-01-19
	EOF
	test_cmp expect out
'

test_expect_success '--from/--to clip the bars, marking what goes on' '
	cd "$P" &&
	kam --today 2026-01-08 gantt --width 40 --from 2026-01-07 \
	    --to 2026-01-13 >out &&
	cat >expect <<-\EOF &&
	                    2026-01-12
	               -|---+-
	T-1 Design     <#####
	               -|
	T-2 Build       |    >
	                ------
	T-3 Docs 文档   |    >
	                --
	T-4 Go-live     |
	                |

	= task  # critical  * milestone  - baseline  | today 2026-01-08
	2026-01-07 to 2026-01-13, 1 column = 1 day; finish 2026-01-19
	EOF
	test_cmp expect out
'

test_expect_success 'a long window: several days a column, month ticks' '
	cd "$P" &&
	COLUMNS=30 kam --today 2026-01-08 gantt --to 2026-03-31 >out &&
	head -n 2 out >head &&
	cat >expect <<-\EOF &&
	                   2026-02
	               |---+----+-----
	EOF
	test_cmp expect head &&
	grep -q "^2026-01-05 to 2026-03-31, 1 column = 6 days; finish 2026-01-19\$" out
'

test_expect_success 'colour and blocks on a terminal, plain with NO_COLOR' '
	cd "$P" &&
	cat >"$TRASH/tty-run.py" <<-\EOF &&
	import os, pty, sys
	pid, fd = pty.fork()
	if pid == 0:
	    os.execvp(sys.argv[1], sys.argv[1:])
	out = b""
	while True:
	    try:
	        b = os.read(fd, 65536)
	    except OSError:
	        break
	    if not b:
	        break
	    out += b
	os.waitpid(pid, 0)
	sys.stdout.buffer.write(out)
	EOF
	TERM=xterm python3 "$TRASH/tty-run.py" "$KAM" --today 2026-01-08 gantt \
	    --width 60 >tty.out &&
	grep -q "$(printf "\033")\[31m" tty.out &&
	grep -q "$(printf "\342\226\210")" tty.out &&
	NO_COLOR=1 TERM=xterm python3 "$TRASH/tty-run.py" "$KAM" --today \
	    2026-01-08 gantt --width 60 >plain.out &&
	! grep -q "$(printf "\033")" plain.out &&
	grep -q "#######" plain.out
'

test_expect_success 'SVG: well-formed, escaped, the same chart' '
	cd "$P" &&
	kam --today 2026-01-08 gantt --format svg >g.svg &&
	python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" g.svg &&
	head -n 1 g.svg >first &&
	echo "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" >expect &&
	test_cmp expect first &&
	grep -q "<title>Gantt chart: Gantt &lt;test&gt; &amp; co</title>" g.svg &&
	grep -q "<text class=\"label\" x=\"8\" y=\"[0-9]*\">T-3 Docs 文档</text>" g.svg &&
	test "$(grep -c "<rect class=\"crit\"" g.svg)" = 3 &&
	test "$(grep -c "<rect class=\"task\"" g.svg)" = 2 &&
	test "$(grep -c "<rect class=\"base\"" g.svg)" = 5 &&
	test "$(grep -c "<polygon class=\"mile\"" g.svg)" = 2 &&
	grep -q "<title>today 2026-01-08</title>" g.svg &&
	grep -q "T-2 Build: 2026-01-13 to 2026-01-19, slack 0, critical" g.svg &&
	! grep -qi "<script" g.svg
'

test_expect_success 'SVG: hostile titles stay text' '
	new_project hostile &&
	kam task add "</text><script>alert(1)</script> & \"q\" '"'"'s" \
	    --duration 2 >/dev/null &&
	printf "T-2,ctl\001x,1,,,,,,,,,,\n" >>tasks.csv &&
	git commit -q -am "hand edit" &&
	kam gantt --format svg >g.svg &&
	python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" g.svg &&
	! grep -q "<script" g.svg &&
	grep -q "&lt;/text&gt;&lt;script&gt;" g.svg
'

test_expect_success 'gantt: usage and format errors' '
	cd "$P" &&
	test_expect_code 64 kam gantt --format json 2>err &&
	grep -q "kam gantt draws a chart" err &&
	test_expect_code 64 kam gantt --from 2026-02-01 --to 2026-01-01 2>err &&
	echo "kam: --to 2026-01-01 is before --from 2026-02-01" >expect &&
	test_cmp expect err &&
	test_expect_code 64 kam gantt --width 5 2>err &&
	test_expect_code 64 kam gantt --from 2026-02-30 2>err &&
	test_expect_code 64 kam gantt extra 2>err
'

test_expect_success 'gantt of an empty plan' '
	new_project empty &&
	kam gantt >out &&
	echo "no tasks in tasks.csv" >expect &&
	test_cmp expect out &&
	kam gantt --format svg >g.svg &&
	python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])" g.svg
'

test_done
