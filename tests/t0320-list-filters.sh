#!/bin/sh
# t0320: one person filter and one --open across the families (issue 17,
# smaller items): every list of a table with a person column takes
# --person P-n, its family's own name (--owner, --assignee, --source)
# stays as the same filter; goal list takes --open like the other lists
# of tables with an open state.
test_description='consistent list filters'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: two people, and records of each family for each' '
	new_project &&
	kam people add Ann >/dev/null &&
	kam people add Bo --side client >/dev/null &&
	kam risk add "R one" -p 2 -i 2 --owner P-1 >/dev/null &&
	kam risk add "R two" -p 2 -i 2 --owner P-2 >/dev/null &&
	kam task add "T one" --duration 2 --assignee P-1 >/dev/null &&
	kam task add "T two" --duration 2 --assignee P-2 >/dev/null &&
	kam req add "Q one" --source P-1 >/dev/null &&
	kam req add "Q two" --source P-2 >/dev/null &&
	kam comm add "C one" --frequency weekly --owner P-1 >/dev/null &&
	kam comm add "C two" --frequency weekly --owner P-2 >/dev/null &&
	kam issue add "I one" --severity minor --owner P-1 >/dev/null &&
	kam issue add "I two" --severity minor --owner P-2 >/dev/null &&
	mkdir -p meetings &&
	printf "# Weekly\n\n## Actions\n- [ ] One @P-1 due:2026-12-01\n- [ ] Two @P-2 due:2026-12-01\n" \
	    >meetings/2026-11-20-weekly.md &&
	git add meetings && git commit -q -m minutes &&
	kam goal add "G one" --target 5 >/dev/null &&
	kam goal add "G two" --target 5 >/dev/null &&
	kam goal set G-2 --status dropped >/dev/null
'

# ids FAMILY ARGS...: the first column of the list's CSV, header dropped
ids () {
	kam "$@" --format csv | sed 1d | cut -d, -f1 | tr -d '"' | tr '\n' ' '
}

test_expect_success '--person on every list with a person column, in any case; the family name is the same filter' '
	cd "$TRASH/proj" &&
	for l in "risk list:owner:R-2" "task list:assignee:T-2" \
	    "req list:source:REQ-2" "comm list:owner:C-2" \
	    "comm due:owner:C-2" "issue list:owner:I-2"; do
		verb=${l%%:*} rest=${l#*:} alias=${rest%%:*} want="${rest#*:} " &&
		got=$(ids $verb --person p-2) &&
		test "$got" = "$want" &&
		got=$(ids $verb --$alias P-2) &&
		test "$got" = "$want" ||
		{ echo "$verb: got [$got], want [$want]"; return 1; }
	done &&
	kam action list --person P-2 >out &&
	grep -q "Two" out && ! grep -q "One" out &&
	kam action list --owner P-2 >out2 && test_cmp out out2
'

test_expect_success '--person: a bad id is a usage error naming the option (64)' '
	cd "$TRASH/proj" &&
	for v in "risk list" "task list" "req list" "comm list" "issue list" \
	    "action list"; do
		test_expect_code 64 kam $v --person X 2>err &&
		grep -q "^kam: --person: invalid person id" err || return 1
	done
'

test_expect_success 'goal list --open: the open goals, as --status open' '
	cd "$TRASH/proj" &&
	test "$(ids goal list --open)" = "G-1 " &&
	test "$(ids goal list --status open)" = "G-1 "
'

test_expect_success 'req list --open: draft, analysed and confirmed, not done or rejected' '
	cd "$TRASH/proj" &&
	kam req add "Q three" >/dev/null &&
	kam req add "Q four" >/dev/null &&
	kam req reject REQ-3 >/dev/null &&
	kam req analyse REQ-4 >/dev/null &&
	test "$(ids req list --open)" = "REQ-1 REQ-2 REQ-4 "
'

test_expect_success 'change list --open (the proposed ones) and --person (who asked)' '
	cd "$TRASH/proj" &&
	kam change add "C one" --req REQ-1 --by P-1 >/dev/null &&
	kam change add "C two" --req REQ-2 --by P-2 >/dev/null &&
	kam change add "C three" --req REQ-2 --by P-2 >/dev/null &&
	kam change reject CR-3 >/dev/null &&
	test "$(ids change list --open)" = "CR-1 CR-2 " &&
	test "$(ids change list --person P-2)" = "CR-2 CR-3 " &&
	test "$(ids change list --open --person P-2)" = "CR-2 " &&
	test_expect_code 64 kam change list --open --status approved 2>err &&
	echo "kam: --open lists the proposed changes; it cannot go with --status approved" >expect &&
	test_cmp expect err
'

test_expect_success 'usage and completion name --person (the family name is completed too)' '
	cd "$TRASH/proj" &&
	for v in "risk list" "task list" "req list" "comm list" "issue list" \
	    "action list"; do
		kam $v -h >out 2>&1 &&
		grep -q "\[--person P-n\]" out || return 1
	done &&
	kam __complete risk list --pe >out &&
	echo "--person=" >expect && test_cmp expect out &&
	kam __complete risk list --ow >out &&
	echo "--owner=" >expect && test_cmp expect out
'

test_done
