#!/bin/sh
# t8700: kam export ics and xlsx.  ics: an RFC 5545 calendar of milestones, deadlines,
# goals, communications, action items and risk reviews, with stable UIDs,
# folded lines and escaped text, read back with python3-icalendar; xlsx:
# a workbook read back with python3-openpyxl.
test_description='kam export'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# Debian's python3-icalendar is in /usr/bin/python3's path, which may not
# be the first python3 on PATH.
have_icalendar=
for PY in python3 /usr/bin/python3; do
	if "$PY" -c 'import icalendar' 2>/dev/null; then
		have_icalendar=1
		break
	fi
done

test_expect_success 'setup: tasks, a milestone, goals, comms, minutes, risks' '
	new_project &&
	kam people add "Ann" --side team >/dev/null &&
	kam task add "Design, then review
with the client" --duration 3 --deadline 2026-01-20 >/dev/null &&
	kam task add "Go-live" --milestone --after T-1 >/dev/null &&
	kam task add "一个很长的中文任务名称用来测试七十五个八位字节处的折行是否会切断多字节字符序列的问题" \
	    --duration 2 --deadline 2026-02-02 >/dev/null &&
	kam goal add "Adoption; 80%" --due 2026-06-30 >/dev/null &&
	kam comm add "Weekly status" --frequency weekly >/dev/null &&
	kam risk add "Supplier late" --probability 3 --impact 4 \
	    --review 2026-02-15 >/dev/null &&
	mkdir -p meetings &&
	cat >meetings/2026-01-06-kickoff.md <<-\EOF &&
	# Kickoff — 2026-01-06
	Attendees: P-1

	## Actions

	- [x] Set up the repository @P-1 due:2026-01-07
	- [ ] Send the plan @P-1 due:2026-01-09
	EOF
	git add meetings && git commit -q -m minutes
'

test_expect_success 'kam export ics: CRLF, folded at 75 octets, UIDs' '
	cd "$P" &&
	kam export ics >cal.ics &&
	cr=$(printf "\r") &&
	test $(grep -c "$cr\$" cal.ics) = $(wc -l <cal.ics) &&
	awk "{ if (length(\$0) > 76) { print \"long: \" \$0; bad = 1 } } END { exit bad }" cal.ics &&
	grep "^UID:T-2@test-project" cal.ics &&
	grep "^UID:T-1-deadline@test-project" cal.ics &&
	grep "^UID:G-1@test-project" cal.ics &&
	grep "^UID:C-1@test-project" cal.ics &&
	grep "^UID:R-1@test-project" cal.ics &&
	grep "^UID:meetings/2026-01-06-kickoff.md#2@test-project" cal.ics &&
	! grep "#1@" cal.ics &&
	grep "^SUMMARY:Deadline: Design\\\\, then review\\\\nwith the client" cal.ics &&
	grep "^SUMMARY:Goal due: Adoption\\\\; 80%" cal.ics &&
	grep "^DUE;VALUE=DATE:20260215" cal.ics &&
	grep "^ " cal.ics >folded && test -s folded
'

test_expect_success 'two exports are identical; -o writes the same file' '
	cd "$P" &&
	kam export ics >again.ics &&
	cmp cal.ics again.ics &&
	kam export ics -o out.ics && cmp cal.ics out.ics &&
	ls | grep -v kam-tmp >/dev/null && ! ls | grep kam-tmp
'

test_expect_success '--from and --to keep the dates between' '
	cd "$P" &&
	kam export ics --from 2026-02-01 --to 2026-02-28 >feb.ics &&
	grep "^UID:T-3-deadline@" feb.ics &&
	grep "^UID:R-1@" feb.ics &&
	! grep "^UID:T-1-deadline@" feb.ics &&
	test_expect_code 64 kam export ics --from 2026-02-30 2>err &&
	test_expect_code 64 kam export ics --from 2026-03-01 --to 2026-02-01 2>err
'

test_expect_success 'write errors are reported' '
	cd "$P" &&
	test_expect_code 74 kam export ics -o /nonexistent/dir/x.ics 2>err &&
	grep "cannot create" err
'

if test -n "$have_icalendar"; then
	test_expect_success 'python3-icalendar reads it: titles, dates, kinds' '
		cd "$P" &&
		cat >read.py <<-\EOF &&
		import sys, icalendar
		cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
		for c in cal.walk():
		    if c.name in ("VEVENT", "VTODO"):
		        d = c.get("DTSTART") or c.get("DUE")
		        print(c.name, str(c["UID"]), d.dt.isoformat(),
		              str(c["SUMMARY"]).replace("\n", "|"))
		EOF
		"$PY" read.py cal.ics >got &&
		grep "^VEVENT T-1-deadline@test-project 2026-01-20 Deadline: Design, then review|with the client\$" got &&
		grep "^VEVENT T-3-deadline@test-project 2026-02-02 Deadline: 一个很长的中文任务名称用来测试七十五个八位字节处的折行是否会切断多字节字符序列的问题\$" got &&
		grep "^VTODO R-1@test-project 2026-02-15 Review risk: Supplier late\$" got &&
		grep "^VTODO meetings/2026-01-06-kickoff.md#2@test-project 2026-01-09 Send the plan" got &&
		grep "^VEVENT G-1@test-project 2026-06-30 Goal due: Adoption; 80%\$" got &&
		grep "^VEVENT C-1@test-project " got &&
		grep "^VEVENT T-2@test-project " got
	'

	test_expect_success 'UIDs stay the same when the plan changes' '
		cd "$P" &&
		"$PY" read.py cal.ics | cut -d" " -f2 | sort >uids1 &&
		kam task set T-1 --duration 5 >/dev/null &&
		kam export ics >cal2.ics &&
		"$PY" read.py cal2.ics | cut -d" " -f2 | sort >uids2 &&
		test_cmp uids1 uids2 &&
		! cmp -s cal.ics cal2.ics
	'
else
	echo "ok $((test_count + 1)) # skip python3-icalendar is not installed (apt-get install python3-icalendar)"
	echo "ok $((test_count + 2)) # skip python3-icalendar is not installed"
	test_count=$((test_count + 2))
fi

have_openpyxl=
for PYX in python3 /usr/bin/python3; do
	if "$PYX" -c 'import openpyxl' 2>/dev/null; then
		have_openpyxl=1
		break
	fi
done

test_expect_success 'kam export xlsx needs -o and known tables' '
	cd "$P" &&
	test_expect_code 64 kam export xlsx 2>err &&
	grep "needs -o" err &&
	test_expect_code 64 kam export xlsx nosuch -o x.xlsx 2>err &&
	! test -e x.xlsx
'

if test -n "$have_openpyxl"; then
	test_expect_success 'python3-openpyxl reads the workbook: sheets, types' '
		cd "$P" &&
		kam task set T-3 --cost 1234567.5 >/dev/null &&
		kam risk add "=1+2" --probability 5 --impact 4 >/dev/null &&
		kam export xlsx -o p.xlsx &&
		! ls | grep kam-tmp &&
		cat >xl.py <<-\EOF &&
		import sys, datetime, openpyxl
		wb = openpyxl.load_workbook(sys.argv[1])
		print(" ".join(wb.sheetnames))
		t = wb["tasks"]
		print(t.freeze_panes, t["A1"].font.b, t["A1"].value)
		hdr = [c.value for c in t[1]]
		row = {h: c for h, c in zip(hdr, t[4])}
		print(row["title"].value)
		print(type(row["cost"].value).__name__, row["cost"].value,
		      row["cost"].number_format)
		d = row["deadline"].value
		print(isinstance(d, datetime.datetime), d.date().isoformat())
		print(type(row["slack"].value).__name__)
		r = wb["risks"]
		hdr = [c.value for c in r[1]]
		row = {h: c.value for h, c in zip(hdr, r[3])}
		print(row["title"], row["score"], row["level"], r.cell(3, 2).data_type)
		EOF
		"$PYX" xl.py p.xlsx >got &&
		cat >expect <<-\EOF &&
		goals scope people risks requirements changes tasks budget expenses comms quality defects csat raci lessons issues timesheets billing
		A2 True id
		一个很长的中文任务名称用来测试七十五个八位字节处的折行是否会切断多字节字符序列的问题
		float 1234567.5 #,##0.00
		True 2026-02-02
		int
		=1+2 20 critical s
		EOF
		test_cmp expect got &&
		kam export xlsx risks tasks risks -o two.xlsx &&
		"$PYX" -c "import openpyxl; print(*openpyxl.load_workbook(\"two.xlsx\").sheetnames)" >got &&
		echo "risks tasks" >expect &&
		test_cmp expect got
	'
else
	echo "ok $((test_count + 1)) # skip python3-openpyxl is not installed (apt-get install python3-openpyxl)"
	test_count=$((test_count + 1))
fi

test_done
