#!/bin/sh
# t3000: kam req add|list|show|set|analyse|confirm|reject|done: the
# requirement state machine end to end, every refused transition (exit
# code, message, nothing written, no commit), and the JSON fields.
test_description='kam req'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

# refused CODE ARGS...: kam ARGS exits CODE, prints nothing on stdout,
# and leaves HEAD, the index and the work tree as they were.  stderr is
# in $TRASH/err.
refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cat requirements.csv >"$TRASH/req.before" &&
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/req.before" requirements.csv
}

# errmsg TEXT: stderr of the last refused run is exactly "kam: TEXT".
errmsg () {
	printf 'kam: %s\n' "$1" >"$TRASH/err.expect" &&
	test_cmp "$TRASH/err.expect" "$TRASH/err"
}

subject () {
	git log -1 --format=%s
}

# The body of HEAD's commit message without blank lines.
body () {
	git log -1 --format=%b | sed "/^\$/d"
}

test_expect_success 'setup: a project with a client, a team member and a partner' '
	new_project &&
	kam people add "Carol Client" --side client --org ACME >/dev/null &&
	kam people add "Tom Team" --side team >/dev/null &&
	kam people add "Pat Partner" --side partner >/dev/null
'

test_expect_success 'req add prints the new id and commits one file' '
	cd "$P" &&
	kam req add "Single sign-on" --priority must --source p-1 \
	    --acceptance "Users log in with their ACME account" >out &&
	echo REQ-1 >expect && test_cmp expect out &&
	echo "kam: req add REQ-1: Single sign-on" >expect &&
	subject >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	echo requirements.csv >expect && test_cmp expect files &&
	git status --porcelain -uno >st && test ! -s st
'

test_expect_success 'req add defaults: priority should, status draft' '
	cd "$P" &&
	kam req add "Monthly export" >out &&
	echo REQ-2 >expect && test_cmp expect out &&
	kam req add "Dark mode" --priority could >/dev/null &&
	cat >expect <<-\EOF &&
	id,title,priority,status,source,confirmed_by,confirmed_on,acceptance
	REQ-1,Single sign-on,must,draft,P-1,,,Users log in with their ACME account
	REQ-2,Monthly export,should,draft,,,,
	REQ-3,Dark mode,could,draft,,,,
	EOF
	test_cmp expect requirements.csv
'

test_expect_success 'req add refusals: bad priority 64, unknown source 65, no title 64' '
	cd "$P" &&
	refused 64 req add "X" --priority urgent &&
	grep "priority" "$TRASH/err" &&
	refused 65 req add "X" --source P-99 &&
	errmsg "person P-99 does not exist in people.csv" &&
	refused 64 req add "X" --source Q-1 &&
	refused 64 req add &&
	refused 64 req add "X" --bogus &&
	refused 64 req add "X" --title "Y" &&
	refused 64 req add "" &&
	refused 64 req add "X" --priority ""
'

test_expect_success 'req list: table, --key lists the musts, filters' '
	cd "$P" &&
	kam req list >out &&
	cat >expect <<-\EOF &&
	id     title           priority  status  source  confirmed_by  confirmed_on
	REQ-1  Single sign-on  must      draft   P-1     -             -
	REQ-2  Monthly export  should    draft   -       -             -
	REQ-3  Dark mode       could     draft   -       -             -
	EOF
	test_cmp expect out &&
	kam req list --key --format csv >out &&
	cat >expect <<-\EOF &&
	"id","title","priority","status","source","confirmed_by","confirmed_on","acceptance"
	"REQ-1","Single sign-on","must","draft","P-1","","","Users log in with their ACME account"
	EOF
	test_cmp expect out &&
	kam req list --priority could --format csv | tail -n +2 | cut -d, -f1 >out &&
	echo "\"REQ-3\"" >expect && test_cmp expect out &&
	kam req list --source p-1 --format csv | tail -n +2 | cut -d, -f1 >out &&
	echo "\"REQ-1\"" >expect && test_cmp expect out &&
	kam req list --status done --format csv >out &&
	test "$(wc -l <out)" = 1
'

test_expect_success 'req list: bad filters are usage errors' '
	cd "$P" &&
	test_expect_code 64 kam req list --status finished 2>err &&
	test_expect_code 64 kam req list --priority top 2>err &&
	test_expect_code 64 kam req list --source nobody 2>err &&
	test_expect_code 64 kam req list extra 2>err
'

test_expect_success 'req list --format json: the columns of requirements.csv' '
	cd "$P" &&
	kam req list --key --format json >out &&
	cat >expect <<-\EOF &&
	[
	{"id":"REQ-1","title":"Single sign-on","priority":"must","status":"draft","source":"P-1","confirmed_by":null,"confirmed_on":null,"acceptance":"Users log in with their ACME account"}
	]
	EOF
	test_cmp expect out
'

test_expect_success 'req set edits a draft' '
	cd "$P" &&
	kam req set req-2 --title "Monthly CSV export" --acceptance "A CSV per month" \
	    --source P-1 &&
	echo "kam: req set REQ-2: Monthly CSV export" >expect &&
	subject >actual && test_cmp expect actual &&
	grep "^REQ-2,Monthly CSV export,should,draft,P-1,,,A CSV per month\$" requirements.csv
'

test_expect_success 'req set refusals: no option, unknown id, bad values' '
	cd "$P" &&
	refused 64 req set REQ-2 &&
	refused 65 req set REQ-9 --title x &&
	errmsg "requirement REQ-9 does not exist in requirements.csv" &&
	refused 64 req set R-2 --title x &&
	refused 64 req set REQ-2 --title "" &&
	refused 64 req set REQ-2 --priority high &&
	refused 65 req set REQ-2 --source P-77
'

test_expect_success 'req analyse moves draft to analysed' '
	cd "$P" &&
	kam req analyse REQ-1 >out &&
	test ! -s out &&
	echo "kam: req analyse REQ-1: Single sign-on" >expect &&
	subject >actual && test_cmp expect actual &&
	body >body &&
	echo "Status: draft -> analysed." >expect && test_cmp expect body &&
	grep "^REQ-1,Single sign-on,must,analysed," requirements.csv
'

test_expect_success 'analysed requirements can still be edited' '
	cd "$P" &&
	kam req set REQ-1 --priority must --acceptance "Users log in with their ACME account in 2 s" &&
	grep "in 2 s\$" requirements.csv
'

test_expect_success 'refused: analyse twice' '
	cd "$P" &&
	refused 65 req analyse REQ-1 &&
	errmsg "requirement REQ-1 is already analysed"
'

test_expect_success 'refused: confirm a draft (analyse first)' '
	cd "$P" &&
	refused 65 req confirm REQ-2 --by P-1 &&
	errmsg "requirement REQ-2 is draft; analyse it first ('"'kam req analyse REQ-2'"')"
'

test_expect_success 'refused: confirm without acceptance criteria' '
	cd "$P" &&
	kam req analyse REQ-3 &&
	refused 65 req confirm REQ-3 --by P-1 &&
	errmsg "requirement REQ-3 has no acceptance criteria; set them with '"'kam req set REQ-3 --acceptance TEXT'"' before it is confirmed" &&
	kam req set REQ-3 --acceptance "   " &&
	refused 65 req confirm REQ-3 --by P-1 &&
	grep "no acceptance criteria" "$TRASH/err" &&
	kam req set REQ-3 --acceptance ""
'

test_expect_success 'refused: confirm by the team or a partner' '
	cd "$P" &&
	refused 65 req confirm REQ-1 --by P-2 &&
	errmsg "P-2 is on the team side; only a client-side person (people.csv side=client) can confirm a requirement" &&
	refused 65 req confirm REQ-1 --by P-3 &&
	errmsg "P-3 is on the partner side; only a client-side person (people.csv side=client) can confirm a requirement"
'

test_expect_success 'refused: confirm usage errors' '
	cd "$P" &&
	refused 64 req confirm REQ-1 &&
	refused 64 req confirm REQ-1 --by nobody &&
	refused 65 req confirm REQ-1 --by P-99 &&
	refused 64 req confirm REQ-1 --by P-1 --date 2026-02-30 &&
	refused 64 req confirm REQ-1 --by P-1 --date 2026-11-28 &&
	errmsg "--date: 2026-11-28 is after today (2026-11-27); record a decision when it has been made" &&
	refused 64 req confirm --by P-1 &&
	refused 65 req confirm REQ-42 --by P-1
'

test_expect_success 'refused: done before confirmation' '
	cd "$P" &&
	refused 65 req done REQ-1 &&
	errmsg "requirement REQ-1 is analysed; only a confirmed requirement can be done (confirm it with '"'kam req confirm REQ-1 --by P-n'"')" &&
	refused 65 req done REQ-2
'

test_expect_success 'req confirm by the client records who and when' '
	cd "$P" &&
	kam req confirm REQ-1 --by p-1 --date 2026-11-20 >out &&
	test ! -s out &&
	grep "^REQ-1,Single sign-on,must,confirmed,P-1,P-1,2026-11-20,Users log in" requirements.csv &&
	echo "kam: req confirm REQ-1: Single sign-on" >expect &&
	subject >actual && test_cmp expect actual &&
	body >body &&
	cat >expect <<-\EOF &&
	Status: analysed -> confirmed.
	Confirmed by P-1 (Carol Client, client side) on 2026-11-20.
	Acceptance: Users log in with their ACME account in 2 s
	EOF
	test_cmp expect body &&
	git log -1 --format="%an <%ae>" >who &&
	echo "A U Thor <author@example.com>" >expect && test_cmp expect who
'

test_expect_success 'confirm without --date uses today; -m text follows the body' '
	cd "$P" &&
	kam req set REQ-2 --acceptance "One CSV file per month" &&
	kam req analyse REQ-2 &&
	kam req confirm REQ-2 --by P-1 -m "Signed off in the steering meeting" &&
	grep "^REQ-2,.*,confirmed,P-1,P-1,2026-11-27," requirements.csv &&
	body >body &&
	tail -n 1 body >last &&
	echo "Signed off in the steering meeting" >expect && test_cmp expect last
'

test_expect_success 'refused: confirm twice' '
	cd "$P" &&
	refused 65 req confirm REQ-1 --by P-1 &&
	errmsg "requirement REQ-1 is already confirmed"
'

test_expect_success 'refused: editing the title, priority or acceptance of a confirmed requirement' '
	cd "$P" &&
	refused 65 req set REQ-1 --title "SSO everywhere" &&
	errmsg "requirement REQ-1 is confirmed; its title, priority and acceptance change only through a change request ('"'kam change add TITLE --req REQ-1 ...'"', then '"'kam change approve CR-n --by P-n --title/--priority/--acceptance ...'"')" &&
	refused 65 req set REQ-1 --priority could &&
	refused 65 req set REQ-1 --acceptance "" &&
	refused 65 req set REQ-1 --source P-1 --acceptance "new"
'

test_expect_success 'the source of a confirmed requirement may still change' '
	cd "$P" &&
	kam people add "Cleo Client" --side client >/dev/null &&
	kam req set REQ-1 --source P-4 &&
	grep "^REQ-1,Single sign-on,must,confirmed,P-4,P-1," requirements.csv
'

test_expect_success 'refused: reject a confirmed requirement' '
	cd "$P" &&
	refused 65 req reject REQ-1 &&
	grep "priority to wont" "$TRASH/err"
'

test_expect_success 'refused: done without any quality check' '
	cd "$P" &&
	refused 65 req done REQ-1 &&
	errmsg "requirement REQ-1 has no passing quality check; record one ('"'kam qa check REQ-1 --criterion TEXT --result pass --by P-n'"', or a quality.csv row with subject REQ-1 and result pass) before it is done"
'

test_expect_success 'refused: done when only another subject passed, or its latest check failed' '
	cd "$P" &&
	cat >>quality.csv <<-\EOF &&
	Q-1,REQ-2,CSV opens in Excel,2026-11-20,P-2,pass,
	Q-2,REQ-1,Login with ACME account,2026-11-21,P-2,pass,
	Q-3,REQ-1,Login in 2 s,2026-11-24,P-2,fail,takes 5 s
	EOF
	kam commit -m "QA results" >/dev/null &&
	refused 65 req done REQ-1 &&
	errmsg "the latest quality check of REQ-1 (Q-3) failed; record a passing check before it is done"
'

test_expect_success 'refused: quality.csv with uncommitted edits is not read for done' '
	cd "$P" &&
	echo "Q-4,REQ-1,Login in 2 s,2026-11-26,P-2,pass," >>quality.csv &&
	refused 65 req done REQ-1 &&
	grep "(Q-3) failed" "$TRASH/err" &&
	git checkout -- quality.csv
'

test_expect_success 'req done after a passing check' '
	cd "$P" &&
	echo "Q-4,REQ-1,Login in 2 s,2026-11-26,P-2,pass," >>quality.csv &&
	kam commit >/dev/null &&
	kam req done req-1 >out &&
	test ! -s out &&
	echo "kam: req done REQ-1: Single sign-on" >expect &&
	subject >actual && test_cmp expect actual &&
	body >body &&
	cat >expect <<-\EOF &&
	Status: confirmed -> done.
	Passing quality check: Q-4 (2026-11-26).
	EOF
	test_cmp expect body &&
	grep "^REQ-1,Single sign-on,must,done," requirements.csv &&
	git show --name-only --format= HEAD >files &&
	echo requirements.csv >expect && test_cmp expect files
'

test_expect_success 'refused: anything on a done requirement' '
	cd "$P" &&
	refused 65 req done REQ-1 &&
	errmsg "requirement REQ-1 is already done" &&
	refused 65 req analyse REQ-1 &&
	errmsg "requirement REQ-1 is done; only a draft can be analysed" &&
	refused 65 req confirm REQ-1 --by P-1 &&
	refused 65 req reject REQ-1 &&
	refused 65 req set REQ-1 --title "x"
'

test_expect_success 'req reject from draft and from analysed' '
	cd "$P" &&
	kam req add "Fax gateway" >/dev/null &&
	kam req reject REQ-4 &&
	echo "kam: req reject REQ-4: Fax gateway" >expect &&
	subject >actual && test_cmp expect actual &&
	grep "^REQ-4,Fax gateway,should,rejected," requirements.csv &&
	kam req reject REQ-3 &&
	grep "^REQ-3,Dark mode,could,rejected," requirements.csv
'

test_expect_success 'refused: anything on a rejected requirement' '
	cd "$P" &&
	refused 65 req reject REQ-4 &&
	errmsg "requirement REQ-4 is already rejected" &&
	refused 65 req analyse REQ-4 &&
	refused 65 req confirm REQ-3 --by P-1 &&
	errmsg "requirement REQ-3 is rejected; a rejected requirement cannot be confirmed (record a new one with '"'kam req add'"')" &&
	refused 65 req done REQ-4 &&
	refused 65 req set REQ-4 --title "Fax" &&
	errmsg "requirement REQ-4 is rejected; a rejected requirement cannot be edited (record a new one with '"'kam req add'"')"
'

test_expect_success 'transitions take exactly one id and no options' '
	cd "$P" &&
	refused 64 req analyse &&
	refused 64 req analyse REQ-1 REQ-2 &&
	refused 64 req reject REQ-1 --force &&
	refused 64 req done --by P-1 REQ-1 &&
	refused 64 req analyse CR-1
'

test_expect_success 'refused: a requirement file with uncommitted edits (78)' '
	cd "$P" &&
	kam req add "Audit log" >/dev/null &&
	sed "s/Audit log/Audit trail/" requirements.csv >tmp && mv tmp requirements.csv &&
	git rev-parse HEAD >before &&
	test_expect_code 78 kam req analyse REQ-5 2>err &&
	git rev-parse HEAD >after && test_cmp before after &&
	grep "Audit trail" requirements.csv &&
	git checkout -- requirements.csv && rm -f before after err
'

test_expect_success '--no-commit writes the file and makes no commit' '
	cd "$P" &&
	git rev-parse HEAD >../before &&
	kam --no-commit req analyse REQ-5 &&
	git rev-parse HEAD >../after && test_cmp ../before ../after &&
	grep "^REQ-5,Audit log,should,analysed," requirements.csv &&
	kam commit >/dev/null
'

test_expect_success 'req show: every column plus tasks, checks and changes' '
	cd "$P" &&
	kam req show REQ-1 --format json >out &&
	cat >expect <<-\EOF &&
	{"id":"REQ-1","title":"Single sign-on","priority":"must","status":"done","source":"P-4","confirmed_by":"P-1","confirmed_on":"2026-11-20","acceptance":"Users log in with their ACME account in 2 s","tasks":[],"checks":["Q-2","Q-3","Q-4"],"changes":[]}
	EOF
	test_cmp expect out &&
	kam req show req-2 >out &&
	grep "^confirmed_by: *P-1\$" out &&
	grep "^checks: *Q-1\$" out
'

test_expect_success 'req show refusals' '
	cd "$P" &&
	test_expect_code 65 kam req show REQ-99 2>err &&
	test_expect_code 64 kam req show 2>err &&
	test_expect_code 64 kam req show X-1 2>err
'

test_expect_success 'the history of the requirements is the git log' '
	cd "$P" &&
	git log --format=%s -- requirements.csv >log &&
	grep -c "^kam: req " log >n &&
	test "$(cat n)" -ge 12 &&
	grep "^kam: req confirm REQ-1: Single sign-on\$" log &&
	grep "^kam: req done REQ-1: Single sign-on\$" log
'

test_expect_success 'refused: a write that would carry a dangling reference on' '
	cd "$P" &&
	kam req add "Hand edited" >/dev/null &&
	sed "s/^REQ-6,Hand edited,should,draft,,/REQ-6,Hand edited,should,draft,P-9,/" \
	    requirements.csv >../tmp && mv ../tmp requirements.csv &&
	git commit -q -m "hand edit" requirements.csv &&
	refused 65 req analyse REQ-6 &&
	errmsg "requirements.csv:7: source: person P-9 does not exist in people.csv" &&
	refused 65 req set REQ-5 --title "Audit log v2" &&
	grep "P-9 does not exist" "$TRASH/err" &&
	kam req set REQ-6 --source "" &&
	kam req analyse REQ-6
'

test_expect_success 'write errors on stdout are not silent' '
	cd "$P" &&
	test_expect_code 74 kam req list >/dev/full
'

test_done
