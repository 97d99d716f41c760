#!/bin/sh
# t3100: kam change add|list|show|approve|reject: change requests priced
# in money and working days, decided by the client, new requirement text
# applied in the approval's commit, and the approved totals.
test_description='kam change'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# refused CODE ARGS...: exit CODE, nothing on stdout, HEAD, index, work
# tree and both tables unchanged; stderr in $TRASH/err.
refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cat requirements.csv changes.csv >"$TRASH/files.before" &&
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	cat requirements.csv changes.csv >"$TRASH/files.after" &&
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/files.before" "$TRASH/files.after"
}

errmsg () {
	printf 'kam: %s\n' "$1" >"$TRASH/err.expect" &&
	test_cmp "$TRASH/err.expect" "$TRASH/err"
}

subject () {
	git log -1 --format=%s
}

body () {
	git log -1 --format=%b | sed "/^\$/d"
}

test_expect_success 'setup: people and a confirmed requirement' '
	new_project &&
	kam people add "Carol Client" --side client >/dev/null &&
	kam people add "Tom Team" --side team >/dev/null &&
	kam req add "Single sign-on" --priority must \
	    --acceptance "ACME accounts log in" >/dev/null &&
	kam req analyse REQ-1 &&
	kam req confirm REQ-1 --by P-1 &&
	kam req add "Monthly export" >/dev/null
'

test_expect_success 'change add prints the id; cost canonical, status proposed' '
	cd "$P" &&
	kam change add "Also support Okta" --req req-1 --cost 12000 --days 5 \
	    --by p-1 >out &&
	echo CR-1 >expect && test_cmp expect out &&
	echo "kam: change add CR-1: Also support Okta" >expect &&
	subject >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	echo changes.csv >expect && test_cmp expect files &&
	cat >expect <<-\EOF &&
	id,title,req,cost,days,status,requested_by,decided_by,decided_on
	CR-1,Also support Okta,REQ-1,12000.00,5,proposed,P-1,,
	EOF
	test_cmp expect changes.csv
'

test_expect_success 'change add: a change may save time and need no requirement' '
	cd "$P" &&
	kam change add "Drop the fax report" --cost -800.5 --days -2 --by P-2 >out &&
	echo CR-2 >expect && test_cmp expect out &&
	grep "^CR-2,Drop the fax report,,-800.50,-2,proposed,P-2,,\$" changes.csv &&
	kam change add "Extra training day" --cost 3000 --days 1 >/dev/null &&
	kam change add "Rename export" --req REQ-2 >/dev/null
'

test_expect_success 'change add refusals' '
	cd "$P" &&
	refused 65 change add "X" --req REQ-9 &&
	errmsg "requirement REQ-9 does not exist in requirements.csv" &&
	refused 64 change add "X" --req T-1 &&
	errmsg "--req: invalid requirement id '"'T-1'"' (expected e.g. REQ-3)" &&
	refused 65 change add "X" --by P-9 &&
	refused 64 change add "X" --cost 12,50 &&
	grep "invalid amount" "$TRASH/err" &&
	refused 64 change add "X" --cost 1.234 &&
	refused 64 change add "X" --days 1.5 &&
	refused 64 change add "X" --days many &&
	refused 64 change add &&
	refused 64 change add "" &&
	refused 64 change add "X" --bogus
'

test_expect_success 'refused: approve by a team member' '
	cd "$P" &&
	refused 65 change approve CR-1 --by P-2 &&
	errmsg "P-2 is on the team side; only a client-side person (people.csv side=client) decides a change request"
'

test_expect_success 'refused: approve without --by, with a future date, unknown ids' '
	cd "$P" &&
	refused 64 change approve CR-1 &&
	refused 64 change approve CR-1 --by P-1 --date 2027-01-01 &&
	refused 64 change approve CR-1 --by P-1 --date yesterday &&
	refused 65 change approve CR-9 --by P-1 &&
	errmsg "change request CR-9 does not exist in changes.csv" &&
	refused 64 change approve REQ-1 --by P-1 &&
	refused 65 change approve CR-1 --by P-9
'

test_expect_success 'refused: new text for a change that names no requirement' '
	cd "$P" &&
	refused 65 change approve CR-2 --by P-1 --title "x" &&
	errmsg "change request CR-2 names no requirement (its req is empty); --title needs one: approve it without new text, or open a change request with --req"
'

test_expect_success 'refused: invalid new text is checked before anything is written' '
	cd "$P" &&
	refused 64 change approve CR-1 --by P-1 --priority urgent &&
	refused 64 change approve CR-1 --by P-1 --title ""
'

test_expect_success 'approve applies new text to the confirmed requirement in the same commit' '
	cd "$P" &&
	kam change approve cr-1 --by P-1 --date 2026-11-25 \
	    --title "Single sign-on (ACME and Okta)" \
	    --acceptance "ACME and Okta accounts log in" >out &&
	test ! -s out &&
	echo "kam: change approve CR-1: Also support Okta" >expect &&
	subject >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	printf "changes.csv\nrequirements.csv\n" >expect && test_cmp expect files &&
	body >b &&
	cat >expect <<-\EOF &&
	Approved by P-1 (Carol Client, client side) on 2026-11-25.
	Impact: cost 12000.00, 5 working days.
	Applied to REQ-1:
	  title: '"'Single sign-on'"' -> '"'Single sign-on (ACME and Okta)'"'
	  acceptance: '"'ACME accounts log in'"' -> '"'ACME and Okta accounts log in'"'
	EOF
	test_cmp expect b &&
	grep "^CR-1,Also support Okta,REQ-1,12000.00,5,approved,P-1,P-1,2026-11-25\$" changes.csv &&
	grep "^REQ-1,Single sign-on (ACME and Okta),must,confirmed,,P-1,2026-11-27,ACME and Okta accounts log in\$" requirements.csv
'

test_expect_success 'the requirement history names the change request' '
	cd "$P" &&
	git log --format=%s -- requirements.csv >log &&
	head -n 1 log >first &&
	echo "kam: change approve CR-1: Also support Okta" >expect &&
	test_cmp expect first
'

test_expect_success 'refused: deciding a change twice' '
	cd "$P" &&
	refused 65 change approve CR-1 --by P-1 &&
	errmsg "change request CR-1 is already approved; only a proposed change request can be approved (open a new one with '"'kam change add'"')" &&
	refused 65 change reject CR-1 --by P-1 &&
	errmsg "change request CR-1 is already approved; only a proposed change request can be rejected (open a new one with '"'kam change add'"')"
'

test_expect_success 'approve without new text; -m adds to the body' '
	cd "$P" &&
	kam change approve CR-2 --by P-1 -m "Agreed on the phone" &&
	grep "^CR-2,.*,approved,P-2,P-1,2026-11-27\$" changes.csv &&
	git show --name-only --format= HEAD >files &&
	echo changes.csv >expect && test_cmp expect files &&
	body >b &&
	cat >expect <<-\EOF &&
	Approved by P-1 (Carol Client, client side) on 2026-11-27.
	Impact: cost -800.50, -2 working days.
	Agreed on the phone
	EOF
	test_cmp expect b
'

test_expect_success 'reject: --by optional, client side when given' '
	cd "$P" &&
	refused 65 change reject CR-3 --by P-2 &&
	kam change reject CR-3 &&
	echo "kam: change reject CR-3: Extra training day" >expect &&
	subject >actual && test_cmp expect actual &&
	grep "^CR-3,Extra training day,,3000.00,1,rejected,,,2026-11-27\$" changes.csv &&
	refused 64 change reject CR-4 --title x &&
	refused 64 change reject &&
	refused 64 change reject CR-4 --date 2026-12-01
'

test_expect_success 'change list: totals of the approved changes' '
	cd "$P" &&
	kam change list >out &&
	cat >expect <<-\EOF &&
	id    title                req             cost  days  status    requested_by  decided_by  decided_on
	CR-1  Also support Okta    REQ-1  12,000.00 CNY     5  approved  P-1           P-1         2026-11-25
	CR-2  Drop the fax report  -        -800.50 CNY    -2  approved  P-2           P-1         2026-11-27
	CR-3  Extra training day   -       3,000.00 CNY     1  rejected  -             -           2026-11-27
	CR-4  Rename export        REQ-2              -     -  proposed  -             -           -
	-     total of 2 approved  -      11,199.50 CNY     3  -         -             -           -
	EOF
	test_cmp expect out
'

test_expect_success 'change list --format json: columns of changes.csv in records, totals apart' '
	cd "$P" &&
	kam change list --format json >out &&
	cat >expect <<-\EOF &&
	{"records":[
	{"id":"CR-1","title":"Also support Okta","req":"REQ-1","cost":12000.00,"days":5,"status":"approved","requested_by":"P-1","decided_by":"P-1","decided_on":"2026-11-25"},
	{"id":"CR-2","title":"Drop the fax report","req":null,"cost":-800.50,"days":-2,"status":"approved","requested_by":"P-2","decided_by":"P-1","decided_on":"2026-11-27"},
	{"id":"CR-3","title":"Extra training day","req":null,"cost":3000.00,"days":1,"status":"rejected","requested_by":null,"decided_by":null,"decided_on":"2026-11-27"},
	{"id":"CR-4","title":"Rename export","req":"REQ-2","cost":null,"days":null,"status":"proposed","requested_by":null,"decided_by":null,"decided_on":null}
	],
	"total":{"approved":2,"cost":11199.50,"days":3}}
	EOF
	test_cmp expect out
'

test_expect_success 'change list filters: the totals follow the selection (CSV: records only)' '
	cd "$P" &&
	kam change list --req req-1 --format csv >out &&
	cat >expect <<-\EOF &&
	"id","title","req","cost","days","status","requested_by","decided_by","decided_on"
	"CR-1","Also support Okta","REQ-1","12000.00","5","approved","P-1","P-1","2026-11-25"
	EOF
	test_cmp expect out &&
	kam change list --req req-1 --format md | tail -n 1 >last &&
	grep -q "^| *| total of 1 approved *| *| 12,000.00 CNY | *5 |" last &&
	kam change list --status proposed --format md | tail -n 1 >last &&
	grep -q "^| *| total of 0 approved *| *| *0.00 CNY | *0 |" last &&
	kam change list --status proposed --format csv >out &&
	! grep -q "total of" out &&
	test_expect_code 64 kam change list --status open 2>err &&
	test_expect_code 64 kam change list --req CR-1 2>err &&
	test_expect_code 64 kam change list extra 2>err
'

test_expect_success 'user columns are kept and shown in JSON' '
	cd "$P" &&
	sed -e "1s/\$/,ticket/" -e "2s/\$/,JIRA-7/" -e "3,\$s/\$/,/" changes.csv >tmp &&
	mv tmp changes.csv && kam commit >/dev/null &&
	kam change add "Another" >/dev/null &&
	head -n 1 changes.csv >h &&
	echo "id,title,req,cost,days,status,requested_by,decided_by,decided_on,ticket" >expect &&
	test_cmp expect h &&
	kam change list --format json >out &&
	grep "\"ticket\":\"JIRA-7\"" out
'

test_expect_success 'change show' '
	cd "$P" &&
	kam change show cr-1 --format json >out &&
	echo "{\"id\":\"CR-1\",\"title\":\"Also support Okta\",\"req\":\"REQ-1\",\"cost\":12000.00,\"days\":5,\"status\":\"approved\",\"requested_by\":\"P-1\",\"decided_by\":\"P-1\",\"decided_on\":\"2026-11-25\",\"ticket\":\"JIRA-7\"}" >expect &&
	test_cmp expect out &&
	test_expect_code 65 kam change show CR-99 2>err &&
	test_expect_code 64 kam change show 2>err
'

test_expect_success 'approving new text for a done requirement sends it back to confirmed' '
	cd "$P" &&
	echo "Q-1,REQ-1,ACME and Okta log in,2026-11-26,P-2,pass," >>quality.csv &&
	kam commit >/dev/null &&
	kam req done REQ-1 &&
	kam change add "Add Google login" --req REQ-1 --cost 4000 --days 2 >/dev/null &&
	kam change approve CR-6 --by P-1 --acceptance "ACME, Okta and Google accounts log in" 2>err &&
	grep "REQ-1 is confirmed again" err &&
	grep "^REQ-1,Single sign-on (ACME and Okta),must,confirmed,,P-1,2026-11-27,\"ACME, Okta and Google accounts log in\"\$" requirements.csv &&
	body >b &&
	grep "^  status: done -> confirmed (the new text is not yet tested)\$" b
'

test_expect_success 'refused: new text for a rejected requirement' '
	cd "$P" &&
	kam req reject REQ-2 &&
	refused 65 change approve CR-4 --by P-1 --title "Rename the export" &&
	errmsg "requirement REQ-2 is rejected; a change request cannot rewrite a rejected requirement (record a new one with '"'kam req add'"')"
'

test_expect_success 'a change request drops a confirmed requirement by priority wont' '
	cd "$P" &&
	kam req add "Mobile app" --priority must --acceptance "iOS and Android" >/dev/null &&
	kam req analyse REQ-3 && kam req confirm REQ-3 --by P-1 &&
	kam change add "No mobile app in phase 1" --req REQ-3 --cost -20000 >/dev/null &&
	kam change approve CR-7 --by P-1 --priority wont &&
	grep "^REQ-3,Mobile app,wont,confirmed," requirements.csv
'

test_expect_success 'refused: a requirements.csv with uncommitted edits (78)' '
	cd "$P" &&
	kam change add "Tweak" --req REQ-3 >/dev/null &&
	echo "# hand edit" >>requirements.csv &&
	git rev-parse HEAD >"$TRASH/before" &&
	test_expect_code 78 kam change approve CR-8 --by P-1 --title "Mobile app v2" 2>err &&
	git rev-parse HEAD >"$TRASH/after" &&
	test_cmp "$TRASH/before" "$TRASH/after" &&
	grep "^CR-8,.*,proposed," changes.csv &&
	git checkout -- requirements.csv
'

test_done
