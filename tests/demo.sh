#!/bin/sh
# tests/demo.sh (make demo): a sample key-account project in a temporary
# directory — ACME Corp's ERP rollout, people on both sides and a partner,
# a dozen risks — and a look at it with kam.  Real dates: the project
# started two months ago, some reviews are overdue.
set -e
SRC_DIR=$(cd "$(dirname "$0")/.." && pwd)
KAM=${KAM:-$SRC_DIR/kam}
case $KAM in /*) ;; *) KAM=$SRC_DIR/$KAM ;; esac
if ! test -x "$KAM"; then
	echo "demo: $KAM is not built; run 'make demo'" >&2
	exit 1
fi

kam () { "$KAM" "$@"; }
# Show a command, then run it.
show () {
	printf '\n$ kam %s\n' "$*"
	"$KAM" "$@"
}
has () { "$KAM" __complete "" | grep -qx "$1"; }
day () { date -d "$1 days" +%Y-%m-%d; }

# A fresh machine may have no git identity: kam commits as git does.
if ! command -v git >/dev/null 2>&1 ||
    test -z "$(git config user.name 2>/dev/null)" ||
    test -z "$(git config user.email 2>/dev/null)"; then
	GIT_AUTHOR_NAME='Anna Berg (kam demo)'
	GIT_AUTHOR_EMAIL='anna.berg@northwind.example'
	GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
	GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
	export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME \
	    GIT_COMMITTER_EMAIL
fi
unset KAM_TODAY

dir=$(mktemp -d "${TMPDIR:-/tmp}/kam-demo.XXXXXX")
echo "sample project: $dir"
cd "$dir"

kam init --name "ACME ERP rollout" --client "ACME Corp" --currency CNY \
    --start "$(day -60)"

# People: the client's, the delivery team (Northwind Consulting), a partner.
kam people add "Li Wei" --side client --org "ACME Corp" --role CIO \
    --email li.wei@acme.example --influence 5 --interest 3 >/dev/null
kam people add "Zhang Min" --side client --org "ACME Corp PMO" \
    --role "PMO lead" --email zhang.min@acme.example \
    --influence 4 --interest 5 >/dev/null
kam people add "Chen Jing" --side client --org "ACME Corp Finance" \
    --role "key user, finance" --email chen.jing@acme.example \
    --influence 2 --interest 5 >/dev/null
kam people add "Wang Fang" --side client --org "ACME Corp Logistics" \
    --role "key user, warehouse" --email wang.fang@acme.example \
    --influence 2 --interest 4 >/dev/null
kam people add "Liu Yang" --side client --org "ACME Corp IT" \
    --role "IT operations manager" --email liu.yang@acme.example \
    --influence 3 --interest 2 >/dev/null
kam people add "Anna Berg" --side team --org Northwind --role "project manager" \
    --email anna.berg@northwind.example --rate 1200 \
    --influence 4 --interest 5 >/dev/null
kam people add "Marco Rossi" --side team --org Northwind \
    --role "solution architect" --skills "SAP S/4HANA, integration" \
    --rate 1100 --influence 3 --interest 4 >/dev/null
kam people add "Sara Kim" --side team --org Northwind --role developer \
    --skills "ABAP, Fiori" --rate 800 >/dev/null
kam people add "Tom Becker" --side team --org Northwind --role developer \
    --skills "interfaces, Java" --capacity 80 --rate 750 >/dev/null
kam people add "Priya Nair" --side partner --org "DataBridge Ltd" \
    --role "data migration lead" --rate 900 --influence 2 --interest 4 \
    >/dev/null

# Other record types, where this kam has them.
if has budget; then
	kam budget set licences 1200000 >/dev/null
	kam budget set services 2400000 >/dev/null
	kam budget set hardware 350000 >/dev/null
	kam budget set training 120000 >/dev/null
	kam budget set travel 80000 >/dev/null
	kam budget spend 310000 --category hardware --date "$(day -20)" \
	    --ref INV-2031 "Production servers" >/dev/null
	kam budget spend 600000 --category licences --date "$(day -45)" \
	    --ref PO-1187 "ERP licences, first half" >/dev/null
	kam budget spend 18400 --category travel --date "$(day -30)" \
	    --ref EXP-77 "Blueprint workshops in Shanghai" >/dev/null
fi
if has req; then
	kam req add "Three-way match of purchase orders, receipts and invoices" \
	    --priority must --source P-3 \
	    --acceptance "Invoices outside 2% tolerance are blocked for payment" \
	    >/dev/null
	kam req add "Barcode scanning at goods receipt" --priority should \
	    --source P-4 \
	    --acceptance "Receipt posted in under 10 seconds per pallet" \
	    >/dev/null
	kam req add "Monthly close in five working days" --priority must \
	    --source P-2 >/dev/null
	kam req analyse REQ-1 >/dev/null
	kam req confirm REQ-1 --by P-2 >/dev/null
fi
if has task; then
	kam task add "Blueprint workshops" --duration 15 --assignee P-7 \
	    --cost 180000 >/dev/null
	kam task add "Blueprint sign-off" --milestone --after T-1 >/dev/null
	kam task add "Data migration trial 1" --duration 10 --after T-2 \
	    --assignee P-10 --cost 90000 >/dev/null
	kam task add "Build finance interfaces" --duration 25 --after T-2 \
	    --assignee P-9 --cost 150000 >/dev/null
	kam task add "User acceptance test" --duration 15 --after T-3,T-4 \
	    --assignee P-2 --cost 60000 >/dev/null
	kam task add "Go-live" --milestone --after T-5 >/dev/null
	kam task start T-1 --date "$(day -60)" >/dev/null
	kam task done T-1 --date "$(day -38)" >/dev/null
	kam task done T-2 --date "$(day -38)" >/dev/null
	kam task start T-3 --date "$(day -30)" >/dev/null
	kam task progress T-3 60 >/dev/null
	kam task start T-4 --date "$(day -30)" >/dev/null
	kam task progress T-4 30 >/dev/null
fi

# The risk register.
kam risk add "Legacy data quality blocks the migration" -p 4 -i 5 \
    --category technical --owner P-10 --strategy mitigate \
    --trigger "Trial migration rejects more than 2% of records" \
    --response "Two trial migrations; data cleansing sprint with key users" \
    --review "$(day -7)" >/dev/null
kam risk add "Key users unavailable for UAT during year-end closing" \
    -p 4 -i 4 --category resource --owner P-2 --strategy mitigate \
    --trigger "UAT slots less than 80% booked two weeks ahead" \
    --response "Book UAT slots with department heads now; backfill from shared services" \
    --review "$(day 10)" >/dev/null
kam risk add "Scope creep from the warehouse department" -p 3 -i 4 \
    --category scope --owner P-6 --strategy avoid \
    --trigger "Requests outside the signed scope" \
    --response "Every new request goes through change control" \
    --review "$(day 14)" >/dev/null
kam risk add "Bank payment gateway interface delayed by the bank" \
    -p 3 -i 5 --category external --owner P-7 --strategy transfer \
    --trigger "No test endpoint two weeks before integration test" \
    --response "SLA and penalty clause in the bank's contract" \
    --review "$(day -3)" >/dev/null
kam risk add "MRP run slower than the overnight window" -p 2 -i 4 \
    --category technical --owner P-7 --strategy mitigate \
    --response "Load test with production volumes in sprint 6" \
    --review "$(day 21)" >/dev/null
kam risk add "A key developer leaves the team" -p 2 -i 4 \
    --category resource --owner P-6 --strategy mitigate \
    --response "Pair programming; design decisions written down" \
    --review "$(day 30)" >/dev/null
kam risk add "CIO replaced in the client's reorganisation" -p 2 -i 5 \
    --category stakeholder --owner P-6 --strategy accept \
    --trigger "Reorganisation announced" \
    --response "Keep the sponsor briefing pack current" \
    --review "$(day 45)" >/dev/null
kam risk add "Licence costs rise with the exchange rate" -p 3 -i 3 \
    --category commercial --owner P-6 --strategy transfer \
    --response "Licences priced in CNY in the contract" \
    --review "$(day 60)" >/dev/null
kam risk add "End users not trained before go-live" -p 3 -i 4 \
    --category organisational --owner P-3 --strategy mitigate \
    --trigger "Fewer than half the trainers certified a month before go-live" \
    --response "Train-the-trainer programme and e-learning" \
    --review "$(day -14)" >/dev/null
kam risk add "Production hardware delivered late" -p 2 -i 3 \
    --category supply --owner P-5 --strategy mitigate \
    --response "Order by month end; cloud fallback prepared" \
    --review "$(day 7)" >/dev/null
kam risk add "Cut-over weekend exceeds the downtime window" -p 3 -i 5 \
    --category technical --owner P-7 --strategy mitigate \
    --trigger "Rehearsal 1 takes more than 40 hours" \
    --response "Two cut-over rehearsals; delta migration of open items" \
    --review "$(day 20)" >/dev/null
kam risk add "Go-live collides with the Spring Festival freeze" -p 4 -i 4 \
    --category schedule >/dev/null

# What happened since: a re-assessment, a risk gone, a risk that occurred.
kam risk assess R-1 -p 3 \
    -m "Trial migration 1 rejected 1.4% of records" >/dev/null
kam risk close R-10 -m "All four servers delivered and racked" >/dev/null
kam risk occur R-4 -m "The bank postponed its test endpoint by three weeks" \
    >/dev/null

show risk list
show risk matrix
show people map
show risk review
if has budget; then
	show budget audit
fi
if command -v git >/dev/null 2>&1; then
	printf '\n$ git log --oneline | head\n'
	git log --oneline | head
fi
printf '\nThe project is in %s: try kam -C %s risk show R-1,\n' "$dir" "$dir"
printf 'kam help risk, or git -C %s log -p risks.csv.\n' "$dir"
