#!/bin/sh
# t8000: kam report weekly|final: the Markdown of a small project compared
# with the expected text, the HTML page parsed as a browser would read it
# (no script, no event handler, no dangerous link, the CSP, every inline
# SVG well-formed: RELIABILITY S3), hostile titles from the CSV files and
# the minutes inert (M1, M2, M5), and the errors.
test_description='kam report'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# The S3 checker (tests/helpers/check-html.py): report.html [number of
# svg elements expected].
cp "$SRC_DIR/tests/helpers/check-html.py" "$TRASH/check-html.py"

test_expect_success 'the checker itself finds what it looks for' '
	for bad in "<script>x</script>" "<p onclick=\"x\">" \
	    "<a href=\"JaVa&#83;cript:x\">" "<img src=\"data:text/html,x\">" \
	    "<svg><g></svg>"; do
		printf "<!DOCTYPE html>\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src '"'"'none'"'"'; style-src '"'"'unsafe-inline'"'"'; img-src data:\">%s\n" \
		    "$bad" >bad.html &&
		test_expect_code 1 python3 "$TRASH/check-html.py" bad.html >out ||
		exit 1
	done &&
	printf "<!DOCTYPE html>\n<p>x</p>\n" >nocsp.html &&
	test_expect_code 1 python3 "$TRASH/check-html.py" nocsp.html >out &&
	grep -q "no CSP" out
'

test_expect_success 'setup: a small project with hostile titles' '
	mkdir -p "$P" && cd "$P" &&
	kam init --name "Test project" --client "ACME Corp" --currency CNY \
	    --start 2026-11-02 >/dev/null &&
	set -e
	kam people add "Li Wei" --side client >/dev/null
	kam people add "Anna Berg" --side team >/dev/null
	kam task add Design --duration 5 --assignee P-2 --cost 8000 >/dev/null
	kam task add Build --duration 10 --after T-1 --assignee P-2 --cost 20000 >/dev/null
	kam task add "Docs <i>x</i>" --duration 3 --after T-1 >/dev/null
	kam task add Go-live --milestone --after T-2,T-3 >/dev/null
	kam task add Review --milestone --after T-1 >/dev/null
	kam --today 2026-10-30 plan baseline >/dev/null
	kam task start T-1 --date 2026-11-02 >/dev/null
	kam task done T-1 --date 2026-11-09 >/dev/null
	kam task done T-5 --date 2026-11-09 >/dev/null
	kam task start T-2 --date 2026-11-10 >/dev/null
	kam task progress T-2 50 >/dev/null
	kam budget set services 30000 >/dev/null
	kam budget set travel 1000 >/dev/null
	kam budget spend 9000 --category services --date 2026-11-06 Design >/dev/null
	kam budget spend 950 --category travel --date 2026-11-24 Trip >/dev/null
	kam risk add "<script>alert(1)</script>" -p 4 -i 4 --owner P-2 --response "Plan B" --review 2026-11-20 >/dev/null
	kam risk add "[x](javascript:alert(1)) <img src=x onerror=alert(1)>" -p 2 -i 3 >/dev/null
	kam --today 2026-11-02 risk add "Old & known" -p 3 -i 4 --owner P-1 --response "Watch" --review 2026-12-15 >/dev/null
	kam req add "Invoice <b>match</b>" --priority must --source P-1 --acceptance "2% tolerance" >/dev/null
	kam req add "Reports" --priority could --source P-1 >/dev/null
	kam req analyse REQ-1 >/dev/null
	kam req confirm REQ-1 --by P-1 --date 2026-11-25 >/dev/null
	kam change add "More reports" --req REQ-1 --cost 1500 --days 2 --by P-1 >/dev/null
	kam qa check REQ-1 --criterion "tolerance" --result pass --by P-2 --date 2026-11-26 >/dev/null
	kam qa check T-1 --criterion "design review" --result fail --by P-2 --date 2026-11-05 >/dev/null
	kam defect add "Crash &amp; burn" --severity major --subject REQ-1 --found 2026-11-24 >/dev/null
	kam csat add P-1 6 --date 2026-10-10 >/dev/null
	kam csat add P-1 9 --date 2026-11-25 "Good <u>work</u>" >/dev/null
	kam lesson add "Talk *early*" --kind keep --area communication --date 2026-11-26 >/dev/null
	kam lesson add "Estimate | buffer" --kind improve --area planning --action "Add 10%" --date 2026-11-01 >/dev/null
	kam goal add "Close faster" --metric days --baseline 10 --target 5 --actual 6 --due 2027-01-31 >/dev/null
	kam goal add "Match rate" --metric % --baseline 60 --target 90 --actual 95 --due 2026-12-31 >/dev/null
	mkdir -p meetings
	cat >meetings/2026-11-24-steering.md <<-\EOM
	# Steering — 2026-11-24
	Attendees: P-1, P-2

	## Decisions
	- Build goes on <script>alert(2)</script> (REQ-1)

	## Actions
	- [ ] Send the plan @P-2 due:2026-11-26
	- [x] Book the room @P-1
	- [ ] Check [y](javascript:alert(3)) @P-1 due:2026-12-04
	EOM
	cat >meetings/2026-11-10-kickoff.md <<-\EOM
	# Kick-off — 2026-11-10

	## Decisions
	- Weekly steering on Tuesdays
	EOM
	git add meetings && git commit -qm minutes
'

test_expect_success 'weekly: the Markdown report' '
	cd "$P" &&
	kam report weekly >out &&
	cat >expect <<-\EOF &&
	# Weekly status report: Test project

	**Client:** ACME Corp · **Date:** 2026-11-27 · **Period:** 2026-11-20 to 2026-11-27

	## Overall health

	Overall: **red** — 2 red and 8 amber findings.

	| area | status | reason |
	|---|---|---|
	| schedule | red | T-3: 12 working days late (should have finished by 2026-11-11, not started), red above 10; 3 tasks late |
	| budget | red | SPI: 0.643 (EV 18,000.00 CNY / PV 28,000.00 CNY), red below 0.850 |
	| commercial | none | no data |
	| risk | amber | R-1: review was due 2026-11-20 |
	| requirements | green | 2 requirements: 1 confirmed, 0 done |
	| quality | amber | D-1: major defect open: Crash \&amp; burn |
	| satisfaction | green | average 7.5 of 2 scores in the last 90 days (minimum 7) |
	| communication | amber | open action was due 2026-11-26, 1 day ago (red after 10); owner P-2 (Anna Berg): Send the plan |
	| data | green | every file is valid |

	## Schedule

	- Start: 2026-11-02; finish (forecast): **2026-12-03**
	- Baseline finish: 2026-11-20; variance: **9 working days late**
	- Critical path: 2 tasks (T-2, T-4), 24 working days from start to finish, 5 left
	- Tasks: 5 (2 done, 1 in progress, 2 not started); **3 late**

	### Late tasks

	| id | title | assignee | progress | days late | reason |
	|---|---|---|---:|---:|---|
	| T-3 | Docs \<i\>x\</i\> |  | 0% | 12 | should have finished by 2026-11-11 |
	| T-2 | Build | Anna Berg | 50% | 5 | should have finished by 2026-11-20 |
	| T-4 | Go-live |  | 0% | 5 | should have been reached on 2026-11-20 |

	### Milestones in the next two weeks

	| id | milestone | date | baseline | slack |
	|---|---|---|---|---:|
	| T-4 | Go-live | 2026-12-03 | 2026-11-20 | 0 |

	## Budget

	- Planned: 31,000.00 CNY; spent: **9,950.00 CNY** (32.10%); remaining: 21,050.00 CNY
	- Categories: 2 (0 over, 1 at the warning level, 0 unplanned)

	### Categories needing attention

	| category | planned | actual | variance | used | status |
	|---|---:|---:|---:|---:|---|
	| travel | 1,000.00 CNY | 950.00 CNY | 50.00 CNY | 95.00% | warn |

	### Earned value

	Earned value as of 2026-11-27:

	Actual cost (AC) counts what was spent on the tasks: expenses tied to a task and the labour booked; 9,950.00 CNY spent without a task is outside it.

	| BAC | PV | EV | AC | CV | SV | CPI | SPI | EAC |
	|---:|---:|---:|---:|---:|---:|---:|---:|---:|
	| 28,000.00 CNY | 28,000.00 CNY | 18,000.00 CNY | 0.00 CNY | 18,000.00 CNY | -10,000.00 CNY |  | 0.643 |  |

	## Team

	Facts per person, not scores: tasks assigned and finished, finished on or before their baseline finish (of those with a baseline), the planned effort of the tasks and the hours booked in the timesheets.

	| person | tasks | finished | on time | planned hours | booked hours |
	|---|---:|---:|---:|---:|---:|
	| Anna Berg (P-2) | 2 | 1 | 0 of 1 | 120 | 0 |

	## Risks

	- Open: **3** (1 critical, 1 high, 1 medium, 0 low); closed: 0; occurred: 0

	### Open critical and high risks

	| id | risk | score | level | owner | review | response |
	|---|---|---:|---|---|---|---|
	| R-1 | \<script\>alert(1)\</script\> | 16 | critical | Anna Berg | 2026-11-20 | Plan B |
	| R-3 | Old \& known | 12 | high | Li Wei | 2026-12-15 | Watch |

	### Raised in the period

	| id | risk | score | level | owner | review | raised | status |
	|---|---|---:|---|---|---|---|---|
	| R-1 | \<script\>alert(1)\</script\> | 16 | critical | Anna Berg | 2026-11-20 | 2026-11-27 | open |
	| R-2 | \[x\](javascript:alert(1)) \<img src=x onerror=alert(1)\> | 6 | medium |  |  | 2026-11-27 | open |

	### Past their review date

	| id | risk | score | level | owner | review | response |
	|---|---|---:|---|---|---|---|
	| R-1 | \<script\>alert(1)\</script\> | 16 | critical | Anna Berg | 2026-11-20 | Plan B |

	## Requirements

	| draft | analysed | confirmed | done | rejected | total |
	|---:|---:|---:|---:|---:|---:|
	| 1 | 0 | 1 | 0 | 0 | 2 |

	Change requests: 0 approved (0.00 CNY, 0 working days), 0 rejected, 1 pending.

	### Confirmed in the period

	| id | requirement | priority | confirmed by | on |
	|---|---|---|---|---|
	| REQ-1 | Invoice \<b\>match\</b\> | must | Li Wei | 2026-11-25 |

	### Pending change requests

	| id | change | requirement | cost | days | requested by |
	|---|---|---|---:|---:|---|
	| CR-1 | More reports | REQ-1 | 1500.00 | 2 | Li Wei |

	## Quality

	- Quality checks: 2, pass rate **50.00%** (1 passed, 1 failed); 1 in the period
	- Open defects: 0 critical, 1 major, 0 minor; rework 0 hours

	### Open critical and major defects

	| id | defect | severity | subject | found |
	|---|---|---|---|---|
	| D-1 | Crash \&amp; burn | major | REQ-1 | 2026-11-24 |

	## Customer satisfaction

	- Last 90 days (2026-08-30 to 2026-11-27): average **7.5** of 2 responses, NPS 0 (minimum 7: met)
	- All responses: average 7.5 of 2, NPS 0
	- In the period: 1 response, average 9.0

	## Decisions in the period

	| date | meeting | decision |
	|---|---|---|
	| 2026-11-24 | Steering | Build goes on alert(2) (REQ-1) |

	## Open actions

	| due | owner | action | meeting | status |
	|---|---|---|---|---|
	| 2026-11-26 | Anna Berg | Send the plan | 2026-11-24 | late |
	| 2026-12-04 | Li Wei | Check y | 2026-11-24 | open |

	## Lessons added in the period

	| id | date | area | kind | lesson | action |
	|---|---|---|---|---|---|
	| L-1 | 2026-11-26 | communication | keep | Talk \*early\* |  |

	---

	*Written by kam report from the project'"'"'s files on 2026-11-27.*
	EOF
	test_cmp expect out
'

test_expect_success 'weekly: --format table and md print the same Markdown' '
	cd "$P" &&
	kam report weekly >expect &&
	kam report weekly --format table >out &&
	test_cmp expect out &&
	kam --format md report weekly >out &&
	test_cmp expect out
'

test_expect_success 'weekly: --since widens the period' '
	cd "$P" &&
	kam report weekly --since 2026-11-01 >out &&
	grep -q "^\*\*Client:\*\* ACME Corp · \*\*Date:\*\* 2026-11-27 · \*\*Period:\*\* 2026-11-01 to 2026-11-27\$" out &&
	grep -q "^| 2026-11-10 | Kick-off | Weekly steering on Tuesdays |\$" out &&
	grep -q "^| L-2 | 2026-11-01 | planning | improve | Estimate \\\\| buffer | Add 10% |\$" out &&
	grep -q "^- In the period: 1 response, average 9.0\$" out
'

test_expect_success 'final: the Markdown evaluation' '
	cd "$P" &&
	kam report final >out &&
	cat >expect <<-\EOF &&
	# Final evaluation: Test project

	**Client:** ACME Corp · **Date:** 2026-11-27 · **Project:** 2026-11-02 to 2026-12-03

	## Summary

	- Goals: **1 of 2 met**
	- Schedule: forecast to finish 2026-12-03 against a baseline of 2026-11-20: **9 working days late**; 2 of 5 tasks done
	- Cost: 9,950.00 CNY spent of 31,000.00 CNY planned (**32.10%**)
	- Quality: pass rate 50.00% of 2 checks
	- Health at the close: **red**

	## Goals

	**1 of 2** goals met (1 open).

	| id | goal | metric | baseline | target | actual | progress | status |
	|---|---|---|---:|---:|---:|---:|---|
	| G-1 | Close faster | days | 10 | 5 | 6 | 80% | open |
	| G-2 | Match rate | % | 60 | 90 | 95 | 117% | met |

	## Schedule

	- Start: 2026-11-02; finish (forecast): **2026-12-03**
	- Baseline finish: 2026-11-20; variance: **9 working days late**
	- Critical path: 2 tasks (T-2, T-4), 24 working days from start to finish, 5 left
	- Tasks: 5 (2 done, 1 in progress, 2 not started)

	### Milestones

	| id | milestone | baseline | reached | variance |
	|---|---|---|---|---:|
	| T-4 | Go-live | 2026-11-20 | 2026-12-03 (forecast) | 9 |
	| T-5 | Review | 2026-11-06 | 2026-11-09 | 1 |

	## Cost

	- Planned: 31,000.00 CNY; spent: **9,950.00 CNY** (32.10%); remaining: 21,050.00 CNY
	- Categories: 2 (0 over, 1 at the warning level, 0 unplanned)

	### By category

	| category | planned | actual | variance | used | status |
	|---|---:|---:|---:|---:|---|
	| services | 30,000.00 CNY | 9,000.00 CNY | 21,000.00 CNY | 30.00% | ok |
	| travel | 1,000.00 CNY | 950.00 CNY | 50.00 CNY | 95.00% | warn |

	### Earned value

	Earned value as of 2026-11-27:

	Actual cost (AC) counts what was spent on the tasks: expenses tied to a task and the labour booked; 9,950.00 CNY spent without a task is outside it.

	| BAC | PV | EV | AC | CV | SV | CPI | SPI | EAC |
	|---:|---:|---:|---:|---:|---:|---:|---:|---:|
	| 28,000.00 CNY | 28,000.00 CNY | 18,000.00 CNY | 0.00 CNY | 18,000.00 CNY | -10,000.00 CNY |  | 0.643 |  |

	## Scope and requirements

	| draft | analysed | confirmed | done | rejected | total |
	|---:|---:|---:|---:|---:|---:|
	| 1 | 0 | 1 | 0 | 0 | 2 |

	Change requests: 0 approved (0.00 CNY, 0 working days), 0 rejected, 1 pending.

	### Pending change requests

	| id | change | requirement | cost | days | requested by |
	|---|---|---|---:|---:|---|
	| CR-1 | More reports | REQ-1 | 1500.00 | 2 | Li Wei |

	## Quality

	- Quality checks: 2, pass rate **50.00%** (1 passed, 1 failed)
	- Open defects: 0 critical, 1 major, 0 minor; rework 0 hours

	| severity | open | fixed | verified | rework hours |
	|---|---:|---:|---:|---:|
	| critical | 0 | 0 | 0 | 0 |
	| major | 1 | 0 | 0 | 0 |
	| minor | 0 | 0 | 0 | 0 |

	## Customer satisfaction

	- Last 90 days (2026-08-30 to 2026-11-27): average **7.5** of 2 responses, NPS 0 (minimum 7: met)
	- All responses: average 7.5 of 2, NPS 0

	| month | responses | average | NPS |
	|---|---:|---:|---:|
	| 2026-10 | 1 | 6.0 | -100 |
	| 2026-11 | 1 | 9.0 | 100 |

	## Risks

	- Open: **3** (1 critical, 1 high, 1 medium, 0 low); closed: 0; occurred: 0

	### Risks that occurred

	No risk occurred.

	## Team

	Facts per person, not scores: tasks assigned and finished, finished on or before their baseline finish (of those with a baseline), the planned effort of the tasks and the hours booked in the timesheets.

	| person | tasks | finished | on time | planned hours | booked hours |
	|---|---:|---:|---:|---:|---:|
	| Anna Berg (P-2) | 2 | 1 | 0 of 1 | 120 | 0 |

	## Lessons learned

	### Keep doing

	| id | area | lesson | action |
	|---|---|---|---|
	| L-1 | communication | Talk \*early\* |  |

	### Improve

	| id | area | lesson | action |
	|---|---|---|---|
	| L-2 | planning | Estimate \| buffer | Add 10% |

	## Open items left

	| kind | open | ids |
	|---|---:|---|
	| unfinished tasks | 3 | T-2 T-3 T-4 |
	| open risks | 3 | R-1 R-2 R-3 |
	| requirements not done | 2 | REQ-1 REQ-2 |
	| pending change requests | 1 | CR-1 |
	| open defects | 1 | D-1 |
	| open goals | 1 | G-1 |
	| open actions | 2 |  |

	## Open actions left

	| due | owner | action | meeting | status |
	|---|---|---|---|---|
	| 2026-11-26 | Anna Berg | Send the plan | 2026-11-24 | late |
	| 2026-12-04 | Li Wei | Check y | 2026-11-24 | open |

	## Health at the close

	Overall: **red** — 2 red and 8 amber findings.

	| area | status | reason |
	|---|---|---|
	| schedule | red | T-3: 12 working days late (should have finished by 2026-11-11, not started), red above 10; 3 tasks late |
	| budget | red | SPI: 0.643 (EV 18,000.00 CNY / PV 28,000.00 CNY), red below 0.850 |
	| commercial | none | no data |
	| risk | amber | R-1: review was due 2026-11-20 |
	| requirements | green | 2 requirements: 1 confirmed, 0 done |
	| quality | amber | D-1: major defect open: Crash \&amp; burn |
	| satisfaction | green | average 7.5 of 2 scores in the last 90 days (minimum 7) |
	| communication | amber | open action was due 2026-11-26, 1 day ago (red after 10); owner P-2 (Anna Berg): Send the plan |
	| data | green | every file is valid |

	---

	*Written by kam report from the project'"'"'s files on 2026-11-27.*
	EOF
	test_cmp expect out
'

test_expect_success 'weekly HTML: no script, handler or link; CSP; 4 SVG charts' '
	cd "$P" &&
	kam report weekly --format html >w.html &&
	python3 "$TRASH/check-html.py" w.html 4 &&
	grep -q "<title>Weekly status report: Test project</title>" w.html &&
	grep -q "<title>Gantt chart: Test project</title>" w.html &&
	grep -q "<title>Risk matrix: open risks by probability and impact</title>" w.html &&
	grep -q "<title>Budget burn: spent by month and to date, against the planned value</title>" w.html &&
	grep -q "<title>Satisfaction by month: average score</title>" w.html &&
	grep -q "<title>2026-11: spent to date 9,950.00 CNY</title>" w.html &&
	! grep -q "<?xml" w.html
'

test_expect_success 'final HTML: the same checks' '
	cd "$P" &&
	kam report final --format html >f.html &&
	python3 "$TRASH/check-html.py" f.html 4 &&
	grep -q "<title>Final evaluation: Test project</title>" f.html &&
	grep -q "<title>Risk matrix: all risks by probability and impact</title>" f.html
'

test_expect_success 'hostile titles are text in Markdown and HTML (M1, M2, M5)' '
	cd "$P" &&
	kam report weekly >w.md &&
	grep -qF "| R-1 | \<script\>alert(1)\</script\> |" w.md &&
	grep -qF "\[x\](javascript:alert(1)) \<img src=x onerror=alert(1)\>" w.md &&
	grep -qF "Invoice \<b\>match\</b\>" w.md &&
	kam report weekly --format html >w.html &&
	grep -qF "<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>" w.html &&
	grep -qF "[x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;" w.html &&
	grep -qF "<td>Invoice &lt;b&gt;match&lt;/b&gt;</td>" w.html &&
	grep -qF "<td>Crash &amp;amp; burn</td>" w.html &&
	grep -qF "<td>Docs &lt;i&gt;x&lt;/i&gt;</td>" w.html &&
	grep -qF "T-3 Docs &lt;i&gt;x&lt;/i&gt;" w.html &&
	grep -qF "D-1: major defect open: Crash &amp;amp; burn</td>" w.html &&
	! grep -qi "<script" w.html &&
	! grep -q "<b>match" w.html &&
	! grep -qi "javascript:alert(3)\"" w.html
'

test_expect_success 'text through cmark: entities, emphasis and pipes stay text' '
	cd "$P" &&
	kam lesson add "&#106;avascript:x **bold** \`code\` a|b <!-- c --> x  " \
	    --kind keep --area "<iframe srcdoc=x>" >/dev/null &&
	kam report weekly --format html >w.html &&
	python3 "$TRASH/check-html.py" w.html 4 &&
	grep -qF "<td>&amp;#106;avascript:x **bold** \`code\` a|b &lt;!-- c --&gt; x</td>" w.html &&
	grep -qF "<td>&lt;iframe srcdoc=x&gt;</td>" w.html &&
	! grep -q "<strong>bold" w.html &&
	kam report weekly >w.md &&
	grep -qF "| \&#106;avascript:x \*\*bold\*\* \\\`code\\\` a\|b \<!-- c --\> x |" w.md &&
	git reset -q --hard HEAD~1
'

test_expect_success 'control characters and bidi overrides are shown escaped' '
	cd "$P" &&
	printf "R-4,\"ctl\033[2J\001x\342\200\256y\",,5,5,,,open,,,,\n" >>risks.csv &&
	git commit -q -am "hand edit" &&
	kam report weekly >w.md &&
	grep -qF "| R-4 | ctl\\\\x1b\[2J\\\\x01x\<U+202E\>y | 25 | critical |" w.md &&
	! grep -q "$(printf "\033")" w.md &&
	kam report weekly --format html >w.html &&
	python3 "$TRASH/check-html.py" w.html 4 &&
	! grep -q "$(printf "\033")" w.html &&
	grep -qF "<td>ctl\\x1b[2J\\x01x&lt;U+202E&gt;y</td>" w.html &&
	git reset -q --hard HEAD~1
'

test_expect_success 'a fresh project: every section says there is nothing yet' '
	new_project empty &&
	kam report weekly >out &&
	grep -q "^# Weekly status report: Test project\$" out &&
	grep -q "^No tasks yet" out &&
	grep -q "^No budget and no expenses yet" out &&
	grep -q "^The risk register is empty" out &&
	grep -q "^No requirements yet" out &&
	! grep -q "^## Quality" out &&
	! grep -q "^## Customer satisfaction" out &&
	kam report weekly --format html >w.html &&
	python3 "$TRASH/check-html.py" w.html 0 &&
	kam report final --format html >f.html &&
	python3 "$TRASH/check-html.py" f.html 0
'

test_expect_success 'final: dropped goals are counted apart from met and missed; an unknown direction is said (issue 17 #5)' '
	new_project goals &&
	kam goal add "Close faster" --baseline 10 --target 5 --actual 4 >/dev/null &&
	kam goal add "Fewer tickets" --baseline 50 --target 20 --actual 30 >/dev/null &&
	kam goal add "Old KPI" --target 3 >/dev/null &&
	kam goal set G-3 --status dropped >/dev/null &&
	kam goal add "Open defects at go-live" --target 5 --actual 8 >/dev/null 2>&1 &&
	kam report final >out &&
	grep -q "^- Goals: \*\*1 of 3 met\*\*; 1 dropped\$" out &&
	grep -q "^\*\*1 of 3\*\* goals met (1 missed, 1 open); 1 dropped, not counted\.\$" out &&
	grep -q "^| G-2 | Fewer tickets |  | 50 | 20 | 30 | 67% | missed |\$" out &&
	grep -q "^| G-4 | Open defects at go-live |  |  | 5 | 8 |  | open (direction unknown) |\$" out
'

test_expect_success 'client-facing: no kam commands, rule ids, file names or @P-n due: tokens (issue 17 #10)' '
	cd "$P" &&
	for k in weekly final; do
		kam report $k >out &&
		! grep -n -E "\`kam |\| kam |\(kam |see kam" out &&
		! grep -n -E "\((task|evm|risk|defect|action|comm|budget|csat|req|change|issue|deadline)-[a-z-]+\)" out &&
		! grep -n -E "@P-[0-9]|due:[0-9]|meetings/" out || return 1
	done &&
	kam status >"$TRASH/st" &&
	grep -q "kam " "$TRASH/st"
'

test_expect_success 'client-facing: a risk raised and closed in the period shows its status' '
	new_project closed &&
	kam risk add "Vendor late" -p 3 -i 3 >/dev/null &&
	kam risk close R-1 >/dev/null &&
	kam report weekly >out &&
	grep -q "^| R-1 | Vendor late | 9 | medium |  |  | 2026-11-27 | closed |\$" out
'

test_expect_success 'project.language = zh: Chinese headings and fixed phrases; English stays the default (issue 17 #10)' '
	rm -rf "$TRASH/zh" && cp -R "$P" "$TRASH/zh" && cd "$TRASH/zh" &&
	git config -f kam.conf project.language zh &&
	git commit -q -am "zh" &&
	kam report weekly >out &&
	grep -q "^# 项目周报：Test project\$" out &&
	grep -q "^\*\*客户：\*\* ACME Corp · \*\*日期：\*\* 2026-11-27 · \*\*报告期：\*\* 2026-11-20 至 2026-11-27\$" out &&
	grep -q "^## 总体状况\$" out &&
	grep -q "^总体：\*\*红\*\* — 2 项红色、8 项黄色发现。\$" out &&
	grep -q "^| 领域 | 状态 | 原因 |\$" out &&
	grep -q "^| 进度 | 红 | T-3: " out &&
	grep -q "^- 任务：5 个（已完成 2，进行中 1，未开始 2）；\*\*3 个延期\*\*\$" out &&
	grep -q "^- 基线完成日期：2026-11-20；偏差：\*\*延后 9 个工作日\*\*\$" out &&
	grep -q "^## 未完成的行动项\$" out &&
	grep -q "^| 2026-11-26 | Anna Berg | Send the plan | 2026-11-24 | 延期 |\$" out &&
	! grep -q "^## [A-Z]" out &&
	kam report final >out &&
	grep -q "^# 项目总结评估：Test project\$" out &&
	grep -q "^- 目标：\*\*1 / 2 已达成\*\*\$" out &&
	grep -q "^\*\*1 / 2\*\* 个目标已达成（进行中 1）。\$" out &&
	grep -q "^| G-2 | Match rate | % | 60 | 90 | 95 | 117% | 已达成 |\$" out &&
	! grep -q "^## [A-Z]" out &&
	kam report final --format html >f.html &&
	python3 "$TRASH/check-html.py" f.html 4 &&
	grep -q "<title>项目总结评估：Test project</title>" f.html &&
	grep -q "<span class=\"st st-green\">已达成</span>" f.html
'

test_expect_success 'project.language = zh: late-task reasons, the team facts, lesson kinds and chart titles too' '
	cd "$TRASH/zh" &&
	kam report weekly >out &&
	grep -q "^| T-3 | Docs \\\\<i\\\\>x\\\\</i\\\\> |  | 0% | 12 | 应于 2026-11-11 前完成 |\$" out &&
	grep -q "^| T-4 | Go-live |  | 0% | 5 | 应于 2026-11-20 达成 |\$" out &&
	grep -q "^| Anna Berg (P-2) | 2 | 1 | 0 / 1 | " out &&
	grep -q "^| L-1 | 2026-11-26 | communication | 保持 | " out &&
	kam report weekly --format html >w.html &&
	grep -q "<title>风险矩阵：未关闭的风险（按概率和影响）</title>" w.html &&
	grep -q "<title>预算消耗：按月及累计支出，对比计划值</title>" w.html &&
	grep -q "<title>满意度：每月平均分</title>" w.html &&
	! grep -q "<title>Risk matrix\|<title>Budget burn\|<title>Satisfaction" w.html
'

test_expect_success 'project.language = zh: the reasons of the health table in Chinese; kam check and kam status stay English' '
	cd "$TRASH/zh" &&
	kam report weekly >out &&
	grep -q "^| 进度 | 红 | T-3: 延期 12 个工作日（应于 2026-11-11 前完成，尚未开始），阈值 10；3 项任务延期 |\$" out &&
	grep -q "^| 预算 | 红 | SPI: 0.643（EV 18,000.00 CNY / PV 28,000.00 CNY），低于 0.850 为红色 |\$" out &&
	grep -q "^| 商务 | 无 | 无数据 |\$" out &&
	grep -q "^| 风险 | 黄 | R-1: 复查应于 2026-11-20 进行 |\$" out &&
	grep -q "^| 需求 | 绿 | 2 项需求：已确认 1 项，已完成 0 项 |\$" out &&
	grep -q "^| 质量 | 黄 | D-1: 主要缺陷未关闭：Crash " out &&
	grep -q "^| 满意度 | 绿 | 最近 90 天平均 7.5 分（2 个评分；最低 7 分） |\$" out &&
	grep -q "^| 沟通 | 黄 | 未完成的行动项应于 2026-11-26 完成，已过 1 天（超过 10 天为红色）；负责人 P-2 (Anna Berg)：Send the plan |\$" out &&
	grep -q "^| 数据 | 绿 | 所有文件均有效 |\$" out &&
	{ kam check >chk 2>&1 || true; } &&
	grep -q "review was due 2026-11-20" chk &&
	! grep -q "复查" chk &&
	{ kam status >st 2>&1 || true; } &&
	! grep -q "复查\|延期" st &&
	grep -q "working days late" st
'

test_expect_success 'stakeholders: the influence x interest grid (SVG in HTML, by quadrant in both); names escaped; none assessed, no section (issue 17)' '
	new_project map &&
	kam people add "Wang Wei 王伟" --side client --influence 5 --interest 5 >/dev/null &&
	kam people add "Li Na" --side client --influence 4 --interest 2 >/dev/null &&
	kam people add "Zhang <b>Boss</b> & Co" --side client --influence 2 --interest 5 >/dev/null &&
	kam people add "Ann" --influence 1 --interest 1 >/dev/null &&
	kam people add "Not assessed" >/dev/null &&
	for n in A B C; do
		kam people add "Extra $n with a rather long name" --influence 5 \
		    --interest 5 >/dev/null || return 1
	done &&
	kam report weekly >out &&
	sed -n "/^## Stakeholders\$/,/^## /p" out >sec &&
	cat >expect <<-\EOF &&
	## Stakeholders

	Influence and interest of the people assessed (1-5 each; 4 and 5 count as high).

	| quadrant | people |
	|---|---|
	| manage closely | Wang Wei 王伟, Extra A with a rather long name, Extra B with a rather long name, Extra C with a rather long name |
	| keep satisfied | Li Na |
	| keep informed | Zhang \<b\>Boss\</b\> \& Co |
	| monitor | Ann |

	EOF
	sed "\$d" sec >got && test_cmp expect got &&
	kam report weekly --format html >w.html &&
	python3 - w.html <<-\PY
	import re, sys, xml.dom.minidom
	h = open(sys.argv[1], encoding="utf-8").read()
	svg = [s for s in re.findall(r"<svg.*?</svg>", h, re.S) if "Stakeholder map" in s]
	assert len(svg) == 1, "one stakeholder map"
	doc = xml.dom.minidom.parseString(svg[0])
	texts = [t.firstChild.data for t in doc.getElementsByTagName("text") if t.firstChild]
	assert "Zhang <b>Boss</b> & Co" in texts, texts
	assert "+2 more" in texts, texts
	assert "Wang Wei 王伟" in texts and "Li Na" in texts and "Ann" in texts, texts
	assert "Not assessed" not in " ".join(texts)
	tips = [t.firstChild.data for t in doc.getElementsByTagName("title") if t.firstChild]
	cell = [t for t in tips if t.startswith("manage closely: influence 5, interest 5")]
	assert len(cell) == 1 and "Extra C with a rather long name" in cell[0], tips
	assert "<b>" not in h.replace("&lt;b&gt;", ""), "escaped"
	PY
	new_project nomap &&
	kam people add "Ann" >/dev/null &&
	kam report weekly >out &&
	! grep -q "^## Stakeholders" out
'

test_expect_success 'stakeholders in Chinese (project.language = zh)' '
	cd "$TRASH/map" &&
	git config -f kam.conf project.language zh &&
	git commit -q -am zh &&
	kam report weekly >out &&
	grep -q "^## 干系人\$" out &&
	grep -q "^| 象限 | 人员 |\$" out &&
	grep -q "^| 重点管理 | Wang Wei 王伟, " out &&
	grep -q "^| 令其满意 | Li Na |\$" out &&
	kam report weekly --format html >w.html &&
	grep -q "干系人地图：影响力与关注度" w.html
'

test_expect_success 'project.language = zh: the budget and commercial lines and the billing finding in Chinese; kam check stays English' '
	new_project zhbill &&
	git config -f kam.conf project.language zh &&
	git config -f kam.conf project.contract-value 100000.00 &&
	git commit -q -am zh &&
	kam budget set services 30000 >/dev/null &&
	kam budget spend 9000 --category services --date 2026-11-06 Design >/dev/null &&
	kam report weekly >out &&
	grep -q "^| 预算 | 绿 | 已支出 9,000.00 CNY，计划 30,000.00 CNY（30.00%） |\$" out &&
	grep -q "^| 商务 | 绿 | 合同 100,000.00 CNY，已开票 0.00 CNY，已收款 0.00 CNY |\$" out &&
	kam bill add "Kick-off" 30000 >/dev/null &&
	kam report weekly >out &&
	grep -q "^| 商务 | 黄 | project: 开票计划合计 30,000.00 CNY，合同金额 100,000.00 CNY：70,000.00 CNY 未列入开票计划 |\$" out &&
	kam check >out &&
	grep -q "billing-contract: project: the billing items add up to 30,000.00 CNY, the contract value is 100,000.00 CNY: 70,000.00 CNY not billed\$" out
'

test_expect_success 'project.language = zh: no English record values in the reasons (an issue status, a frequency, an action without owner)' '
	new_project zhvals &&
	git config -f kam.conf project.language zh &&
	git commit -q -am zh &&
	kam people add Ann >/dev/null &&
	kam issue add "Server down" --severity critical --owner P-1 >/dev/null &&
	kam comm add "Status mail" --frequency weekly >/dev/null &&
	mkdir -p meetings &&
	printf "# Weekly\n\n## Actions\n- [ ] Book the room due:2026-11-20\n" >meetings/2026-11-13-weekly.md &&
	git add meetings && git commit -q -m minutes &&
	kam report weekly >out &&
	grep -q "^| 风险 | 红 | I-1: 严重问题未解决 |\$" out &&
	grep -q "^| 沟通 | 黄 | 未完成的行动项应于 2026-11-20 完成，已过 7 天（超过 10 天为红色）；无负责人：Book the room，另有 1 项 |\$" out &&
	test_expect_code 1 kam check --format json >json &&
	grep -q "critical issue is open" json &&
	grep -q "owner nobody: Book the room" json &&
	grep -q "weekly communication was due" json &&
	! grep -q "weekly 沟通\|nobody\|状态：open" out
'

test_expect_success 'project.language: en is the default; another value is invalid (65)' '
	cd "$TRASH/zh" &&
	git config -f kam.conf project.language en &&
	kam report weekly >out &&
	grep -q "^## Overall health\$" out &&
	git config -f kam.conf project.language fr &&
	test_expect_code 65 kam report weekly >out 2>err &&
	echo "kam: kam.conf: project.language: invalid value '"'"'fr'"'"' (expected en or zh)" >expect &&
	test_cmp expect err &&
	git checkout -q kam.conf
'

test_expect_success 'a large plan: the Gantt chart shows the critical tasks' '
	new_project big &&
	i=1 &&
	while test $i -le 70; do
		echo "T-$i,Task $i,2,,,,,,,,,," || exit 1
		i=$((i + 1))
	done >>tasks.csv &&
	printf "T-71,Last,3,T-70,,,,,,,,,\n" >>tasks.csv &&
	git commit -q -am "a large plan" &&
	kam report weekly --format html >w.html &&
	python3 "$TRASH/check-html.py" w.html 1 &&
	grep -q "Gantt chart: 2 critical tasks of 71\." w.html &&
	test "$(grep -c "<text class=\"label\"" w.html)" = 2
'

test_expect_success 'usage errors' '
	cd "$P" &&
	test_expect_code 64 kam report weekly --format json 2>err &&
	grep -q "kam report writes a document: use --format md" err &&
	test_expect_code 64 kam report final --format csv 2>err &&
	test_expect_code 64 kam report weekly --format svg 2>err &&
	test_expect_code 64 kam report weekly --since 2026-02-30 2>err &&
	grep -q "^kam: --since: invalid date" err &&
	test_expect_code 64 kam report weekly --since 2026-11-28 2>err &&
	echo "kam: --since 2026-11-28 is after today (2026-11-27)" >expect &&
	test_cmp expect err &&
	test_expect_code 64 kam report final --since 2026-11-01 2>err &&
	test_expect_code 64 kam report weekly extra 2>err &&
	test_expect_code 64 kam report 2>err &&
	kam report -h >out &&
	printf "usage: kam report final\n       kam report weekly [--since date|rev]\n" >expect &&
	test_cmp expect out
'

test_expect_success 'invalid data: 65, no report' '
	cd "$P" &&
	sed "s/^R-3,Old & known,,3,/R-3,Old \& known,,9,/" risks.csv >r.tmp &&
	mv r.tmp risks.csv &&
	test_expect_code 65 kam report weekly >out 2>err &&
	test ! -s out &&
	grep -q "see kam check" err &&
	git checkout -q risks.csv
'

test_expect_success 'a write error is reported (74)' '
	cd "$P" &&
	test_expect_code 74 kam report weekly >/dev/full 2>err &&
	test_expect_code 74 kam report final --format html >/dev/full 2>err
'

test_expect_success 'reading changes nothing' '
	cd "$P" &&
	git rev-parse HEAD >before &&
	kam report weekly >/dev/null && kam report final --format html >/dev/null &&
	git rev-parse HEAD >after &&
	test_cmp before after &&
	test -z "$(git status --porcelain -- . ":!*.html" ":!*.md" ":!out" ":!err" ":!expect" ":!before" ":!after")"
'

test_done
