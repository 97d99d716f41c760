#!/bin/sh
# tests/demo.sh (make demo): ACME Corp's ERP rollout, a key account run by
# Northwind Consulting, built as it happened over eleven weeks: every step
# is a kam command committed on its own day (GIT_AUTHOR_DATE,
# GIT_COMMITTER_DATE and KAM_TODAY), so kam log, kam diff, the reports'
# "in the period" sections, the satisfaction trend and the budget burn
# have a history to show.  Then a look at it: status, plan, Gantt, risks,
# earned value, and report.html.
#
# The story, as of "today" (a Friday; DEMO_TODAY, by default the last
# Friday on or before the real date): the blueprint was done on time; the
# data migration trial started a week late and slipped, which holds up the
# integration test; the finance interfaces are behind and cost more than
# they earn; licences and hardware are ordered (invoiced at go-live);
# travel is nearly used up; the client approved one
# change; the steering committee's action on the bank interface is
# overdue, and so is the monthly sponsor briefing; a major defect is open;
# the CIO's satisfaction is falling; one new risk has no owner yet.
#
# DEMO_DIR=dir builds the project there (it must not exist); DEMO_QUIET=1
# builds it without the tour (tests/t9600-demo.sh).
set -e
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
KAM=${KAM:-$SRC_DIR/kam}
case $KAM in /*) ;; *) KAM=$SRC_DIR/$KAM ;; esac
if ! test -x "$KAM"; then
	echo "demo: $KAM is not built; run 'make demo'" >&2
	exit 1
fi

# The story's today: a Friday, so that working-day counts are the same
# whatever the week.
if test -z "$DEMO_TODAY"; then
	n=$(( ($(date -u +%u) + 2) % 7 ))	# days since the last Friday
	DEMO_TODAY=$(date -u -d "-$n days" +%Y-%m-%d)
fi
# day N: the date N days from the story's today.
day () { date -u -d "$DEMO_TODAY $1 days" +%Y-%m-%d; }
# at N: what follows happens (and is committed) N days from today.
at () {
	KAM_TODAY=$(day "$1")
	GIT_AUTHOR_DATE="${KAM_TODAY}T10:00:00+0800"
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	export KAM_TODAY GIT_AUTHOR_DATE GIT_COMMITTER_DATE
}

kam () { "$KAM" "$@" >/dev/null; }
# Show a command, then run it.
show () {
	test -n "$DEMO_QUIET" && return 0
	printf '\n$ kam %s\n' "$*"
	"$KAM" "$@"
}

# A fresh machine may have no git identity: kam commits as git does.
if test -z "$(git config user.name 2>/dev/null)" ||
    test -z "$(git config user.email 2>/dev/null)"; then
	GIT_AUTHOR_NAME='Anna Berg (kam demo)'
	GIT_AUTHOR_EMAIL='anna.berg@northwind.example'
	GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
	GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
	export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	    GIT_COMMITTER_EMAIL
fi

if test -n "$DEMO_DIR"; then
	mkdir "$DEMO_DIR"
	dir=$(cd "$DEMO_DIR" && pwd)
else
	dir=$(mktemp -d "${TMPDIR:-/tmp}/kam-demo.XXXXXX")
fi
test -n "$DEMO_QUIET" || echo "building the sample project in $dir ..."
cd "$dir"

# ---- week 1 (day -74, a Monday): kick-off ----
at -74
"$KAM" init --name "ACME ERP rollout" --client "ACME Corp" --currency CNY \
    --start "$(day -74)" >/dev/null
git config -f kam.conf project.deadline "$(day 60)"
git config -f kam.conf project.contract-value 5200000
git add kam.conf && git commit -q -m "kam.conf: the contractual go-live and the contract value"

kam people add "Li Wei" --side client --org "ACME Corp" --role CIO \
    --email li.wei@acme.example --influence 5 --interest 3
kam people add "Zhang Min" --side client --org "ACME Corp PMO" \
    --role "PMO lead" --email zhang.min@acme.example \
    --influence 4 --interest 5
kam people add "Chen Jing" --side client --org "ACME Corp Finance" \
    --role "key user, finance" --email chen.jing@acme.example \
    --influence 2 --interest 5
kam people add "Wang Fang" --side client --org "ACME Corp Logistics" \
    --role "key user, warehouse" --email wang.fang@acme.example \
    --influence 2 --interest 4
kam people add "Liu Yang" --side client --org "ACME Corp IT" \
    --role "IT operations manager" --email liu.yang@acme.example \
    --influence 3 --interest 2
kam people add "Anna Berg" --side team --org Northwind \
    --role "project manager" --email anna.berg@northwind.example \
    --rate 1200 --influence 4 --interest 5
kam people add "Marco Rossi" --side team --org Northwind \
    --role "solution architect" --skills "SAP S/4HANA, integration" \
    --rate 1100 --influence 3 --interest 4
kam people add "Sara Kim" --side team --org Northwind --role developer \
    --skills "ABAP, Fiori" --rate 800
kam people add "Tom Becker" --side team --org Northwind --role developer \
    --skills "interfaces, Java" --capacity 80 --rate 750
kam people add "Priya Nair" --side partner --org "DataBridge Ltd" \
    --role "data migration lead" --rate 900 --influence 2 --interest 4

kam goal add "Monthly close in five working days" --metric "close days" \
    --baseline 9 --target 5
kam goal add "Stock accuracy in the central warehouse" \
    --metric "% of bins right" --baseline 92 --target 99
kam scope add "Finance, procurement and warehouse on S/4HANA" --in
kam scope add "Data migration of five years of open items" --in
kam scope add "HR and payroll" --out --note "phase 2"

# The budget: the services line is what the tasks cost.
kam budget set licences 1200000
kam budget set services 2400000
kam budget set hardware 350000
kam budget set training 120000
kam budget set travel 80000

kam req add "Three-way match of purchase orders, receipts and invoices" \
    --priority must --source P-3 \
    --acceptance "Invoices outside 2% tolerance are blocked for payment"
kam req add "Barcode scanning at goods receipt" --priority should \
    --source P-4 --acceptance "Receipt posted in under 10 seconds per pallet"
kam req add "Monthly close in five working days" --priority must \
    --source P-2 --acceptance "Close calendar met in two test closes"
kam req add "Bank payment file in the bank's XML format" --priority must \
    --source P-3 --acceptance "Bank test endpoint accepts a payment run"

# The plan: 2,400,000.00 of services.
kam task add "Blueprint workshops" --duration 15 --assignee P-7 \
    --cost 300000
kam task add "Blueprint sign-off" --milestone --after T-1 --deadline "$(day -53)"
kam task add "Data migration trial 1" --duration 20 --after T-2 \
    --assignee P-10 --cost 240000
kam task add "Build finance interfaces" --duration 30 --after T-2 \
    --assignee P-9 --cost 600000 --req REQ-1,REQ-4
kam task add "Warehouse configuration" --duration 20 --after T-2 \
    --assignee P-8 --cost 360000 --req REQ-2
kam task add "Integration test" --duration 15 --after T-3,T-4,T-5 \
    --assignee P-7 --cost 300000
kam task add "Key-user training" --duration 10 --after T-6 \
    --assignee P-6 --cost 150000
kam task add "User acceptance test" --duration 15 --after T-6 \
    --assignee P-2 --cost 300000 --req REQ-3
kam task add "Cut-over rehearsal" --duration 5 --after T-8 \
    --assignee P-7 --cost 150000
kam task add "Go-live" --milestone --after T-7,T-9
kam plan baseline

kam raci set "Blueprint sign-off" P-1 A
kam raci set "Blueprint sign-off" P-7 R
kam raci set "Blueprint sign-off" P-2 C
kam raci set "Data migration" P-10 R
kam raci set "Data migration" P-6 A
kam raci set "Data migration" P-3 C
kam raci set "User acceptance test" P-2 A
kam raci set "User acceptance test" P-3 R
kam raci set "User acceptance test" P-4 R
kam raci set "User acceptance test" P-6 I
kam raci set "Go-live decision" P-1 A
kam raci set "Go-live decision" P-6 R
kam raci set "Go-live decision" P-5 C

kam comm add "Weekly status report" --frequency weekly --audience P-2 \
    --channel email --owner P-6
kam comm add "Steering committee" --frequency biweekly \
    --audience "P-1 P-2" --channel meeting --owner P-6
kam comm add "Sponsor briefing" --frequency monthly --audience P-1 \
    --channel "one-to-one" --owner P-6

# The risk register, as raised at kick-off.
kam risk add "Legacy data quality blocks the migration" -p 4 -i 5 \
    --category technical --owner P-10 --strategy mitigate \
    --trigger "Trial migration rejects more than 2% of records" \
    --response "Two trial migrations; data cleansing sprint with key users" \
    --review "$(day -40)"
kam risk add "Key users unavailable for UAT during year-end closing" \
    -p 4 -i 4 --category resource --owner P-2 --strategy mitigate \
    --trigger "UAT slots less than 80% booked two weeks ahead" \
    --response "Book UAT slots with department heads now" \
    --review "$(day 10)"
kam risk add "Scope creep from the warehouse department" -p 3 -i 4 \
    --category scope --owner P-6 --strategy avoid \
    --trigger "Requests outside the signed scope" \
    --response "Every new request goes through change control" \
    --review "$(day 14)"
kam risk add "Bank payment interface delayed by the bank" \
    -p 3 -i 5 --category external --owner P-7 --strategy transfer \
    --trigger "No test endpoint two weeks before integration test" \
    --response "SLA and penalty clause in the bank's contract" \
    --review "$(day 21)"
kam risk add "A key developer leaves the team" -p 2 -i 4 \
    --category resource --owner P-6 --strategy mitigate \
    --response "Pair programming; design decisions written down" \
    --review "$(day 30)"
kam risk add "Production hardware delivered late" -p 2 -i 3 \
    --category supply --owner P-5 --strategy mitigate \
    --response "Order by month end; cloud fallback prepared" \
    --review "$(day -45)"

at -70
kam meeting new "Kick-off" --attendees P-1,P-2,P-6,P-7
cat >"meetings/$(day -70)-kick-off.md" <<EOF
# Kick-off — $(day -70)

Attendees: P-1, P-2, P-6, P-7

## Decisions

- Go-live is $(day 60); the contract's penalty applies after it.
- Change requests are decided by Zhang Min (P-2) every second week.

## Actions

- [x] Send the blueprint workshop calendar @P-6 due:$(day -67)
- [x] Name the key users for finance and warehouse @P-2 due:$(day -63)
EOF
kam commit -m "minutes of the kick-off"
kam task start T-1 --date "$(day -74)"
kam comm done C-1 --date "$(day -70)"
kam comm done C-2 --date "$(day -70)"
kam comm done C-3 --date "$(day -70)"
kam csat add P-1 9 --date "$(day -70)" "Good start, clear plan"
# What the client pays: 30% down, 20% on the signed blueprint (T-2), the
# rest at go-live.
kam bill add "Down payment, 30%" 1560000 --due "$(day -70)"
kam bill add "Blueprint sign-off, 20%" 1040000 --milestone T-2
kam bill add "Go-live acceptance, 50%" 2600000 --due "$(day 60)"
kam bill invoice B-1 --date "$(day -70)"
kam csat add P-2 9 --date "$(day -70)"

# ---- weeks 2-3: the blueprint ----
at -63
kam budget spend 120000 --category services --date "$(day -63)" \
    --ref INV-1001 --task T-1 "Blueprint workshops, week 1-2"
kam comm done C-1 --date "$(day -63)"
kam lesson add "Workshops with the key users' own documents went fastest" \
    --kind keep --area requirements --action "Ask for real documents first"
at -56
kam comm done C-1 --date "$(day -56)"
kam comm done C-2 --date "$(day -56)"
kam task done T-1 --date "$(day -56)"
kam task done T-2 --date "$(day -56)"
kam bill paid B-1 --date "$(day -57)"
kam budget spend 180000 --category services --date "$(day -56)" \
    --ref INV-1002 --task T-1 "Blueprint workshops, week 3"
kam req analyse REQ-1
kam req confirm REQ-1 --by P-2 --date "$(day -56)"
kam req analyse REQ-2
kam req confirm REQ-2 --by P-4 --date "$(day -56)"
kam req analyse REQ-4
kam req confirm REQ-4 --by P-3 --date "$(day -56)"
kam qa check REQ-1 --criterion "Blueprint reviewed by finance" \
    --result pass --by P-3 --date "$(day -56)"
kam csat add P-2 8 --date "$(day -56)" "Blueprint signed on time"

# ---- week 4 (day -53): build starts; the migration trial does not ----
at -53
# The blueprint's invoice goes out; ACME pays late (invoice-unpaid).
kam bill invoice B-2 --date "$(day -53)"
kam task start T-4 --date "$(day -53)"
kam task start T-5 --date "$(day -53)"
kam meeting new "Steering committee" --attendees P-1,P-2,P-6
cat >"meetings/$(day -53)-steering-committee.md" <<EOF
# Steering committee — $(day -53)

Attendees: P-1, P-2, P-6

## Decisions

- The data migration trial waits a week for the cleansed customer master.

## Actions

- [x] Deliver the cleansed customer master @P-3 due:$(day -49)
EOF
kam commit -m "minutes of the steering committee"
at -49
kam comm done C-1 --date "$(day -49)"
at -48
kam budget spend 18400 --category travel --date "$(day -48)" \
    --ref EXP-77 "Blueprint workshops in Shanghai"
at -46
kam task start T-3 --date "$(day -46)"

at -42
kam comm done C-1 --date "$(day -42)"
kam comm done C-2 --date "$(day -42)"
at -38
kam comm done C-3 --date "$(day -40)"
kam risk assess R-6 -p 1 -m "Servers delivered and racked"
kam risk close R-6 -m "Hardware in place"
kam csat add P-1 8 --date "$(day -40)"
kam budget spend 30000 --category travel --date "$(day -38)" \
    --ref EXP-91 "Build sprint on site"

# ---- weeks 6-8: build ----
at -35
kam comm done C-1 --date "$(day -35)"
kam task progress T-4 25
kam task progress T-5 40
kam task progress T-3 20
kam budget spend 200000 --category services --date "$(day -35)" \
    --ref INV-1003 --task T-4 "Finance interfaces, sprint 1"
kam budget spend 150000 --category services --date "$(day -35)" \
    --ref INV-1004 --task T-5 "Warehouse configuration, sprint 1"
kam change add "Second bank for payments in Hong Kong" --req REQ-4 \
    --cost 90000 --days 5 --by P-3
at -28
kam comm done C-1 --date "$(day -28)"
kam comm done C-2 --date "$(day -28)"
kam change approve CR-1 --by P-2 --date "$(day -28)"
kam risk assess R-1 -p 3 -m "Trial migration rejected 1.4% of records"
kam budget spend 90000 --category services --date "$(day -28)" \
    --ref INV-1005 --task T-3 "Migration trial, first load"
kam csat add P-2 7 --date "$(day -28)" "Interfaces look late"
kam defect add "Invoice block ignores the tolerance for freight" \
    --severity critical --subject REQ-1 --found "$(day -28)"
at -21
kam comm done C-1 --date "$(day -21)"
at -17
kam defect fix D-1 --rework 16 --date "$(day -19)"
kam defect verify D-1 --date "$(day -18)"
kam qa check REQ-2 --criterion "Goods receipt in under 10 s per pallet" \
    --result fail --by P-4 --date "$(day -18)" --note "14 s on the old scanners"
kam defect add "Scanner app loses the session after a pallet" \
    --severity major --subject REQ-2 --found "$(day -18)"
kam budget spend 24000 --category travel --date "$(day -17)" \
    --ref EXP-102 "Steering committee in Shanghai"
kam lesson add "The migration trial waited for data nobody owned" \
    --kind improve --area data \
    --action "Name a data owner per object before the trial is planned"

# ---- weeks 9-11: the slip shows ----
at -14
kam comm done C-1 --date "$(day -14)"
kam comm done C-2 --date "$(day -14)"
kam task progress T-4 45
kam task progress T-5 100
kam task done T-5 --date "$(day -14)"
kam task progress T-3 50
kam budget spend 200000 --category services --date "$(day -14)" \
    --ref INV-1006 --task T-4 "Finance interfaces, sprint 2"
kam budget spend 150000 --category services --date "$(day -14)" \
    --ref INV-1007 --task T-5 "Warehouse configuration, sprint 2"
kam meeting new "Steering committee" --attendees P-1,P-2,P-6,P-7
cat >"meetings/$(day -14)-steering-committee.md" <<EOF
# Steering committee — $(day -14)

Attendees: P-1, P-2, P-6, P-7

## Decisions

- CR-1 (second bank) is built with the finance interfaces.
- The integration test starts when the migration trial is done, not before.

## Actions

- [ ] Get the bank's test endpoint confirmed in writing @P-7 due:$(day -7)
- [x] Re-plan the migration trial with DataBridge @P-10 due:$(day -10)
- [ ] Book the UAT rooms for January @P-2 due:$(day 7)
EOF
kam commit -m "minutes of the steering committee"
at -12
kam csat add P-1 6 --date "$(day -12)" "Worried about the go-live date"
kam risk add "Go-live collides with the Spring Festival freeze" -p 4 -i 4 \
    --category schedule
at -7
kam comm done C-1 --date "$(day -7)"
kam task progress T-3 60
kam task progress T-4 55
at -5
kam budget spend 5000 --category travel --date "$(day -6)" \
    --ref EXP-118 "Taxis and hotel, sprint review"
kam csat add P-2 6 --date "$(day -5)" "Scanner defect still open"
at 0
kam comm done C-1 --date "$(day 0)"
kam comm done C-2 --date "$(day 0)"
kam budget spend 60000 --category services --date "$(day 0)" \
    --ref INV-1008 --task T-3 "Migration trial, second load"

# ---- the tour ----
cd "$dir"
show status
show plan --summary
show gantt --width 100
show risk matrix
show budget evm
show budget margin
"$KAM" report weekly --since "$(day -7)" --format html >report.html
if test -z "$DEMO_QUIET"; then
	printf '\nThe weekly report is %s/report.html: open it in a browser,\n' "$dir"
	printf 'e.g. xdg-open %s/report.html (or open it from your file manager).\n' "$dir"
	printf '\nThe story is dated %s: to look around as of that day,\n' "$DEMO_TODAY"
	printf '  cd %s && export KAM_TODAY=%s\n' "$dir" "$DEMO_TODAY"
	printf 'then try kam check, kam log, kam diff HEAD~20, kam report weekly,\n'
	printf 'kam task late, kam action list --open, kam csat report.\n'
fi
