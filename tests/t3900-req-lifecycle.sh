#!/bin/sh
# t3900: one requirement's whole life, as the issue tells it: add ->
# analyse -> confirm by the client -> change request -> approve -> done
# after a passing quality check; the commits in git log and the final
# files are the audit trail.
test_description='requirement lifecycle'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

test_expect_success 'the lifecycle, one commit per step' '
	new_project &&
	cd "$P" &&
	git rev-parse HEAD >../init &&
	kam people add "Carol Client" --side client --org ACME >/dev/null &&
	kam people add "Quinn QA" --side team >/dev/null &&
	id=$(kam req add "Single sign-on" --priority must --source P-1 \
	    --acceptance "ACME accounts log in") &&
	test "$id" = REQ-1 &&
	kam req analyse "$id" &&
	GIT_AUTHOR_NAME="Paula PM" GIT_AUTHOR_EMAIL=pm@example.com \
	    kam req confirm "$id" --by P-1 --date 2026-11-23 &&
	cr=$(kam change add "Also Okta accounts" --req "$id" --cost 12000 \
	    --days 5 --by P-1) &&
	test "$cr" = CR-1 &&
	kam change approve "$cr" --by P-1 --date 2026-11-25 \
	    --acceptance "ACME and Okta accounts log in" &&
	echo "Q-1,REQ-1,ACME and Okta login,2026-11-26,P-2,pass,both IdPs" \
	    >>quality.csv &&
	kam commit -m "UAT result" >/dev/null &&
	kam req done "$id"
'

test_expect_success 'git log tells the story' '
	cd "$P" &&
	git log --format=%s "$(cat ../init)"..HEAD >log &&
	cat >expect <<-\EOF &&
	kam: req done REQ-1: Single sign-on
	kam: commit
	kam: change approve CR-1: Also Okta accounts
	kam: change add CR-1: Also Okta accounts
	kam: req confirm REQ-1: Single sign-on
	kam: req analyse REQ-1: Single sign-on
	kam: req add REQ-1: Single sign-on
	kam: people add P-2: Quinn QA
	kam: people add P-1: Carol Client
	EOF
	sed "s/^kam: commit.*/kam: commit/" log >log2 &&
	test_cmp expect log2
'

test_expect_success 'each commit holds only the files of its step' '
	cd "$P" &&
	for rev in HEAD HEAD~2 HEAD~3 HEAD~4; do
		git show --name-only --format= $rev || return 1
	done >files &&
	cat >expect <<-\EOF &&
	requirements.csv
	changes.csv
	requirements.csv
	changes.csv
	requirements.csv
	EOF
	test_cmp expect files &&
	git show --name-only --format= HEAD~1 >files &&
	echo quality.csv >expect && test_cmp expect files &&
	git status --porcelain -uno >st && test ! -s st
'

test_expect_success 'the confirmation commit shows who recorded the sign-off, and for whom' '
	cd "$P" &&
	git log -1 --format="%an <%ae>" HEAD~4 >who &&
	echo "Paula PM <pm@example.com>" >expect && test_cmp expect who &&
	git log -1 --format=%b HEAD~4 >body &&
	grep "^Confirmed by P-1 (Carol Client, client side) on 2026-11-23.\$" body
'

test_expect_success 'the approval commit names the change and the new text' '
	cd "$P" &&
	git log -1 --format=%b HEAD~2 >body &&
	grep "^Applied to REQ-1:\$" body &&
	grep "^  acceptance: .ACME accounts log in. -> .ACME and Okta accounts log in.\$" body &&
	git show HEAD~2 -- requirements.csv >diff &&
	grep "^-REQ-1,Single sign-on,must,confirmed,P-1,P-1,2026-11-23,ACME accounts log in\$" diff &&
	grep "^+REQ-1,Single sign-on,must,confirmed,P-1,P-1,2026-11-23,ACME and Okta accounts log in\$" diff
'

test_expect_success 'the final files' '
	cd "$P" &&
	cat >expect <<-\EOF &&
	id,title,priority,status,source,confirmed_by,confirmed_on,acceptance
	REQ-1,Single sign-on,must,done,P-1,P-1,2026-11-23,ACME and Okta accounts log in
	EOF
	test_cmp expect requirements.csv &&
	cat >expect <<-\EOF &&
	id,title,req,cost,days,status,requested_by,decided_by,decided_on
	CR-1,Also Okta accounts,REQ-1,12000.00,5,approved,P-1,P-1,2026-11-25
	EOF
	test_cmp expect changes.csv
'

test_expect_success 'trace and the change totals at the end' '
	cd "$P" &&
	kam req trace --format json >out &&
	cat >expect <<-\EOF &&
	[
	{"id":"REQ-1","title":"Single sign-on","priority":"must","status":"done","confirmed_by":"P-1","confirmed_on":"2026-11-23","tasks":[],"checks":["Q-1"],"passed":["Q-1"],"failed":[],"latest":"pass","flags":["untraced"]}
	]
	EOF
	test_cmp expect out &&
	kam change list --format json | tail -n 1 >total &&
	echo "\"total\":{\"approved\":1,\"cost\":12000.00,\"days\":5}}" >expect &&
	test_cmp expect total
'

test_expect_success 'git fsck is clean' '
	cd "$P" &&
	git fsck --no-progress 2>err &&
	! grep -i error err
'

test_expect_success 'a change approved after the passing check makes it suspect: done refused until a newer check passes (issue 17 #4)' '
	new_project sus &&
	cd "$TRASH/sus" &&
	kam people add "Carol Client" --side client >/dev/null &&
	id=$(kam req add "Export" --priority must --source P-1 \
	    --acceptance "CSV export") &&
	kam req analyse "$id" &&
	kam req confirm "$id" --by P-1 --date 2026-11-10 &&
	echo "Q-1,REQ-1,CSV export,2026-11-12,P-1,pass," >>quality.csv &&
	kam commit -m "UAT" >/dev/null &&
	cr=$(kam change add "Also xlsx" --req "$id" --by P-1) &&
	kam change approve "$cr" --by P-1 --date 2026-11-20 \
	    --acceptance "CSV and xlsx export" &&
	head=$(git rev-parse HEAD) &&
	test_expect_code 65 kam req done "$id" 2>err &&
	echo "kam: the latest passing check of REQ-1 (Q-1, 2026-11-12) is older than change CR-1 approved on 2026-11-20, which makes it suspect; record a passing check dated 2026-11-20 or later before it is done" >expect &&
	test_cmp expect err &&
	test "$(git rev-parse HEAD)" = "$head" &&
	kam req trace --format csv REQ-1 >trace &&
	grep -q "untested" trace &&
	echo "Q-2,REQ-1,CSV and xlsx export,2026-11-21,P-1,pass," >>quality.csv &&
	kam commit -m "UAT again" >/dev/null &&
	kam req trace --format csv REQ-1 >trace &&
	! grep -q "untested" trace &&
	kam req done "$id" &&
	git log -1 --format=%b | grep -q "Passing quality check: Q-2 (2026-11-21)."
'

test_done
