#!/bin/sh
# t3400: kam scope add|list: what is in and out of scope.
test_description='kam scope'
. "$(dirname "$0")/lib.sh"

P="$TRASH/proj"

refused () {
	code=$1
	shift
	git rev-parse HEAD >"$TRASH/head.before" &&
	git status --porcelain >"$TRASH/status.before" &&
	cat scope.csv >"$TRASH/scope.before" &&
	test_expect_code "$code" kam "$@" >"$TRASH/out" 2>"$TRASH/err" &&
	test ! -s "$TRASH/out" &&
	git rev-parse HEAD >"$TRASH/head.after" &&
	git status --porcelain >"$TRASH/status.after" &&
	test_cmp "$TRASH/head.before" "$TRASH/head.after" &&
	test_cmp "$TRASH/status.before" "$TRASH/status.after" &&
	test_cmp "$TRASH/scope.before" scope.csv
}

test_expect_success 'setup' '
	new_project
'

test_expect_success 'scope add --in / --out prints the id and commits scope.csv' '
	cd "$P" &&
	kam scope add "General ledger migration" --in >out &&
	echo S-1 >expect && test_cmp expect out &&
	echo "kam: scope add S-1: General ledger migration" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	git show --name-only --format= HEAD >files &&
	echo scope.csv >expect && test_cmp expect files &&
	kam scope add "Payroll" --out --note "phase 2, separate contract" >/dev/null &&
	kam scope add "人事系统" --out >/dev/null &&
	cat >expect <<-\EOF &&
	id,item,kind,note
	S-1,General ledger migration,in,
	S-2,Payroll,out,"phase 2, separate contract"
	S-3,人事系统,out,
	EOF
	test_cmp expect scope.csv
'

test_expect_success 'scope add refusals' '
	cd "$P" &&
	refused 64 scope add "Reporting" &&
	echo "kam: say whether '"'Reporting'"' is --in or --out of scope" >expect &&
	test_cmp expect "$TRASH/err" &&
	refused 64 scope add "Reporting" --in --out &&
	refused 64 scope add --in &&
	refused 64 scope add "" --in &&
	refused 64 scope add "A" "B" --in &&
	refused 64 scope add "A" --in --note
'

test_expect_success 'scope list: table (CJK aligned), filters, json' '
	cd "$P" &&
	kam scope list >out &&
	cat >expect <<-\EOF &&
	id   item                      kind  note
	S-1  General ledger migration  in    -
	S-2  Payroll                   out   phase 2, separate contract
	S-3  人事系统                  out   -
	EOF
	test_cmp expect out &&
	kam scope list --out --format json >out &&
	cat >expect <<-\EOF &&
	[
	{"id":"S-2","item":"Payroll","kind":"out","note":"phase 2, separate contract"},
	{"id":"S-3","item":"人事系统","kind":"out","note":null}
	]
	EOF
	test_cmp expect out &&
	kam scope list --in --format csv >out &&
	cat >expect <<-\EOF &&
	"id","item","kind","note"
	"S-1","General ledger migration","in",""
	EOF
	test_cmp expect out &&
	kam scope list --format md >out &&
	grep "^| S-2 *| Payroll *| out *| phase 2, separate contract *|\$" out
'

test_expect_success 'scope list refusals' '
	cd "$P" &&
	test_expect_code 64 kam scope list --in --out 2>err &&
	test_expect_code 64 kam scope list S-1 2>err &&
	test_expect_code 64 kam scope list --all 2>err
'

# ---- set (issue 17, smaller items) ----

test_expect_success 'scope set: edit the item, move it out, add a note; one commit' '
	new_project set &&
	kam scope add "Payroll" --in >/dev/null &&
	kam scope set s-1 --out --note "phase 2" &&
	echo "kam: scope set S-1: Payroll" >expect &&
	git log -1 --format=%s >actual && test_cmp expect actual &&
	grep -q "^S-1,Payroll,out,phase 2\$" scope.csv &&
	kam scope set S-1 --item "Payroll and HR" --in &&
	grep -q "^S-1,Payroll and HR,in,phase 2\$" scope.csv &&
	kam scope set S-1 --note "" &&
	grep -q "^S-1,Payroll and HR,in,\$" scope.csv
'

test_expect_success 'scope set refusals: both --in and --out, no option, an unknown item, an empty item' '
	cd "$TRASH/set" &&
	git rev-parse HEAD >before &&
	test_expect_code 64 kam scope set S-1 --in --out 2>err &&
	echo "kam: an item is either --in or --out of scope, not both" >expect &&
	test_cmp expect err &&
	test_expect_code 64 kam scope set S-1 2>err &&
	test_expect_code 65 kam scope set S-9 --out 2>err &&
	test_expect_code 64 kam scope set S-1 --item "" 2>err &&
	git rev-parse HEAD >after && test_cmp before after &&
	kam __complete scope set S-1 --i >out &&
	printf -- "--item=\n--in\n" >expect && test_cmp expect out
'

test_done
