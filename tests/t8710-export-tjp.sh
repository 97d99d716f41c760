#!/bin/sh
# t8710: kam export tjp.  A TaskJuggler project of the schedule that tj3
# schedules to the finish kam plan shows for every task: dependencies,
# lengths in working days, milestones, the working week and holidays,
# actual starts and finishes, progress, and today (work not started waits
# for it).  Where tj3 is installed (Debian: tj3) the file is scheduled and
# compared task by task.
test_description='kam export tjp'
. "$(dirname "$0")/lib.sh"

command -v tj3 >/dev/null 2>&1 && test_set_prereq TJ3

# tj3 FILE: schedule FILE with a CSV report of each task's end; prints
# "T-n YYYY-MM-DD" lines sorted (kam_today left out).
tj_ends () {
	cat >report.tji <<-\EOF &&
	taskreport "ends" { formats csv columns id, end timeformat "%Y-%m-%d" }
	EOF
	tj3 --no-color --silent "$1" report.tji >tj.log 2>&1 || {
		cat tj.log; return 1; }
	tail -n +2 ends.csv | tr -d '"' | grep -v "^kam_today" |
	    sed "s/^T_\([0-9]*\);/T-\1 /" | sort
}

# kam's finish of each task, the same shape.
kam_ends () {
	kam plan --format csv | tail -n +2 | tr -d '"' |
	    awk -F, '{ print $1, $(NF-4) }' | sort
}

test_expect_success 'setup: chains, a milestone, a holiday, actual dates, progress' '
	new_project &&
	sed -i "s/^\[calendar\]/[calendar]\n\tholiday = 2026-12-25/" kam.conf &&
	kam commit -m calendar >/dev/null &&
	kam task add "Design" --duration 5 >/dev/null &&
	kam task add "Build" --duration 10 --after T-1 >/dev/null &&
	kam task add "Gate \"A\" \\ B" --milestone --after T-2 >/dev/null &&
	kam task add "Early" --duration 3 >/dev/null &&
	kam task set T-4 --start 2026-11-03 --finish 2026-11-05 >/dev/null &&
	kam task add "Docs" --duration 4 --after T-4 >/dev/null &&
	kam task add "Over the holiday" --duration 8 --after T-3 >/dev/null &&
	kam task add "Kickoff" --milestone >/dev/null &&
	kam task add "Running" --duration 10 --after T-4 >/dev/null &&
	kam task start T-8 --date 2026-11-09 >/dev/null &&
	kam task progress T-8 30 >/dev/null &&
	kam task set T-1 --start 2026-11-02 >/dev/null &&
	kam export tjp -o p.tjp &&
	test -s p.tjp
'

test_expect_success 'the file: calendar, holiday, dependencies, lengths, actual dates' '
	cd proj &&
	grep -q "^  workinghours mon, tue, wed, thu, fri 9:00 - 17:00\$" p.tjp &&
	grep -q "^  workinghours sat, sun off\$" p.tjp &&
	grep -q "^  now 2026-11-27\$" p.tjp &&
	grep -q "^leaves holiday \"Holiday\" 2026-12-25\$" p.tjp &&
	grep -q "^task T_3 \"Gate \\\\\"A\\\\\" \\\\\\\\ B\" {\$" p.tjp &&
	sed -n "/^task T_2 /,/^}/p" p.tjp >t2 &&
	grep -q "^  depends T_1, kam_today\$" t2 &&
	grep -q "^  length 10d\$" t2 &&
	sed -n "/^task T_4 /,/^}/p" p.tjp >t4 &&
	grep -q "^  start 2026-11-03\$" t4 &&
	grep -q "^  end 2026-11-05-17:00\$" t4 &&
	grep -q "^  complete 100\$" t4 &&
	sed -n "/^task T_8 /,/^}/p" p.tjp >t8 &&
	grep -q "^  # kam: depends on T_4\$" t8 &&
	! grep -q "^  depends" t8 &&
	sed -n "/^task T_7 /,/^}/p" p.tjp >t7 &&
	grep -q "^  milestone\$" t7
'

test_expect_success 'to standard output by default, and -o - too' '
	cd proj &&
	kam export tjp >out1 &&
	kam export tjp -o - >out2 &&
	test_cmp p.tjp out1 &&
	test_cmp p.tjp out2
'

test_expect_success TJ3 'tj3 schedules every task to the finish kam plan shows' '
	cd proj &&
	tj_ends p.tjp >tj &&
	kam_ends >kam &&
	test "$(wc -l <kam)" = 8 &&
	test_cmp kam tj
'

test_expect_success TJ3 'today on a Saturday: work waits for Monday, in both' '
	cd proj &&
	KAM_TODAY=2026-11-28 kam export tjp -o sat.tjp &&
	grep -q "^  start 2026-11-30\$" sat.tjp &&
	tj_ends sat.tjp >tj &&
	KAM_TODAY=2026-11-28 kam_ends >kam &&
	test_cmp kam tj
'

test_expect_success TJ3 'before the project starts: no today milestone, same finishes' '
	cd proj &&
	KAM_TODAY=2025-12-01 kam export tjp -o early.tjp &&
	! grep -q kam_today early.tjp &&
	tj_ends early.tjp >tj &&
	KAM_TODAY=2025-12-01 kam_ends >kam &&
	test_cmp kam tj
'

test_expect_success TJ3 'other todays: mid-project, after the plan, on the holiday' '
	cd proj &&
	for d in 2026-10-01 2026-12-10 2026-12-25 2027-02-01; do
		KAM_TODAY=$d kam export tjp -o d.tjp &&
		tj_ends d.tjp >tj &&
		KAM_TODAY=$d kam_ends >kam &&
		test_cmp kam tj || return 1
	done
'

test_expect_success TJ3 'a generated plan of 300 tasks: every finish the same' '
	new_project big &&
	sed -i "s/^\[calendar\]/[calendar]\n\tholiday = 2026-05-01\n\tholiday = 2026-10-01\n\tworkdays = mon tue wed thu sat/" kam.conf &&
	awk -v n=300 "BEGIN {
		srand(7);
		print \"id,title,duration,depends,assignee,start,finish,progress,cost,reqs,deadline,baseline_start,baseline_finish\";
		for (i = 1; i <= n; i++) {
			d = int(rand() * 16); if (rand() < 0.1) d = 0;
			dep = \"\"; k = int(rand() * 4);
			for (j = 0; j < k && i > 1; j++) {
				p = 1 + int(rand() * (i - 1));
				if (index(\" \" dep \" \", \" T-\" p \" \") == 0)
					dep = dep (dep == \"\" ? \"\" : \" \") \"T-\" p;
			}
			st = \"\"; fi = \"\"; pr = \"\";
			if (i <= 40 && d > 0) {
				st = sprintf(\"2026-%02d-%02d\", 1 + int(i / 8), 5 + i % 20);
				if (i % 3 == 0) fi = sprintf(\"2026-%02d-%02d\", 2 + int(i / 8), 2 + i % 20);
				else pr = int(rand() * 90);
			}
			printf \"T-%d,Task %d,%d,%s,,%s,%s,%s,,,,,\\n\", i, i, d, dep, st, fi, pr;
		}
	}" >tasks.csv &&
	kam commit -m generated >/dev/null &&
	kam export tjp -o big.tjp &&
	tj_ends big.tjp >tj &&
	kam_ends >kam &&
	test "$(wc -l <kam)" = 300 &&
	test_cmp kam tj
'

test_expect_success 'make-up working days have no TaskJuggler form: a warning' '
	cd proj &&
	sed -i "s/^\[calendar\]/[calendar]\n\tworkday = 2026-12-26/" kam.conf &&
	kam export tjp -o w.tjp 2>err &&
	grep -q "TaskJuggler has no make-up working days: the 1 calendar.workday date of kam.conf" err &&
	git checkout kam.conf
'

test_expect_success 'usage: no operands' '
	cd proj &&
	test_expect_code 64 kam export tjp extra 2>err &&
	grep -q "^usage: kam export tjp \[-o file\]" err
'

test_done
