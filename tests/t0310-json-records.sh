#!/bin/sh
# t0310: JSON arrays hold records only (issue 18 #4).  Every list verb with
# --format json on the populated demo account: every array of objects has
# the same keys in each element, no element is a summary row (a null id, a
# "total" title or category); a list with totals is one object,
# {"records":[...],"total":{...}}.
test_description='--format json: records only in arrays, totals apart'
. "$(dirname "$0")/lib.sh"

# The verbs (command and arguments) that print a list or a document of
# lists.  kam portfolio needs a portfolio file and is not here.
cat >"$TRASH/../verbs" <<\EOF
action list
bill list
budget audit
budget audit --against HEAD~20
budget audit --by month
budget evm --by task
budget list
change list
check
comm due
comm list
csat list
csat report
decision list
defect list
diff HEAD~20
goal list
issue list
lesson list
log
log --table meetings
meeting list
people list
people map
plan
plan --critical
plan --summary
qa list
qa report
raci show
req list
req trace
review HEAD~20
risk list
risk matrix
risk review
scope list
status
task late
task list
team audit
team load
time list
time report
time report --by task
EOF

# Every array of objects anywhere in the document: one key set, no summary
# element.  Prints the offending arrays' first bad elements.
bad_arrays='
def objarrays: [.. | arrays | select(length > 0 and all(.[]; type == "object"))];
def summary: (has("id") and .id == null) or
    (((.title // .category // "") | tostring) | test("^total"; "i"));
objarrays[]
| select(([.[] | keys] | unique | length) > 1 or any(.[]; summary))
| [.[] | select(summary)][0] // .[0]'

test_expect_success JQ 'setup: the demo account' '
	unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE &&
	DEMO_TODAY=2026-11-27 DEMO_DIR="$TRASH/acme" DEMO_QUIET=1 \
	    sh "$SRC_DIR/tests/demo.sh" >../out 2>../err &&
	test -d acme/.git
'

test_expect_success JQ 'every command with a list verb is checked here' '
	cd acme &&
	kam -h 2>&1 | sed -n "s/^   \([a-z-]*\) .*/\1/p" >../cmds &&
	test -s ../cmds &&
	for c in $(cat ../cmds); do
		kam $c -h 2>&1 | grep -q "kam $c list" || continue
		grep -q "^$c list" ../../verbs || {
			echo "$c list is not checked"; return 1; }
	done
'

test_expect_success JQ 'every list verb: one key set per array, no summary rows' '
	cd acme &&
	: >../fails &&
	while read -r v; do
		kam --format json $v >../json 2>../err
		rc=$?
		if test $rc != 0 && test $rc != 1; then
			echo "kam $v: exit $rc" >>../fails
		elif ! jq -e . ../json >/dev/null; then
			echo "kam $v: not JSON" >>../fails
		elif ! jq -c "$bad_arrays" ../json >../bad || test -s ../bad; then
			echo "kam $v --format json: $(cat ../bad)" >>../fails
		fi
	done <../../verbs &&
	cat ../fails &&
	test ! -s ../fails
'

test_expect_success JQ 'lists with totals: {"records":[...],"total":{...}}' '
	cd acme &&
	for v in "change list" "plan" "plan --summary" "budget audit" \
	    "budget evm --by task"; do
		kam --format json $v >../json &&
		jq -e "(keys - [\"without_task\"]) == [\"records\", \"total\"] and
		    (.records | type) == \"array\" and
		    (.total | type) == \"object\"" ../json >/dev/null || {
			echo "kam $v:"; head -c 300 ../json; echo; return 1; }
	done &&
	kam --format json review HEAD~20 >../json &&
	jq -e "(.budget | keys) == [\"records\", \"total\"]" ../json >/dev/null
'

test_expect_success JQ 'change list with no change request: no record at all' '
	mkdir empty && cd empty && kam init --name Empty >/dev/null &&
	kam --format json change list >../json &&
	jq -e ".records == [] and .total == {\"approved\": 0, \"cost\": 0, \"days\": 0}" \
	    ../json >/dev/null
'

test_expect_success JQ 'plan gives baseline_start, baseline_finish and variance as task list does' '
	cd acme &&
	kam --format json task list >../tasks &&
	kam --format json plan >../plan &&
	jq -e "[.records[] | has(\"baseline_start\") and has(\"baseline_finish\") and has(\"variance\")] | all" \
	    ../plan >/dev/null &&
	jq -e "[.[] | has(\"baseline_start\")] | all" ../tasks >/dev/null &&
	cd ../empty &&
	kam task add Build --duration 3 >/dev/null &&
	kam --format json plan >../plan &&
	jq -e ".records[0].baseline_start == null and .records[0].variance == null and
	    .total.baseline_finish == null and .total.variance == null" \
	    ../plan >/dev/null
'

# CSV (issue 18): one header, the same number of cells in every row, and
# records only: as many rows as JSON's records.  shape.awk prints
# "ROWS NCELLS..." (the distinct cell counts; every cell is quoted).
cat >"$TRASH/../shape.awk" <<\EOF
BEGIN { inq = 0; nf = 1; rec = 0 }
{
	if (!inq && $0 == "") { blank++; next }
	for (i = 1; i <= length($0); i++) {
		c = substr($0, i, 1)
		if (inq) {
			if (c == "\"") {
				if (substr($0, i + 1, 1) == "\"") i++
				else inq = 0
			}
		} else if (c == "\"") inq = 1
		else if (c == ",") nf++
	}
	if (inq) next
	rec++; n[nf]++; nf = 1
}
END {
	s = ""; for (k in n) s = s " " k
	printf "%d%s%s\n", rec - 1, s, blank ? " blank" : ""
}
EOF

test_expect_success JQ 'every list verb as CSV: one header, one cell count, the records of JSON only' '
	cd acme &&
	: >../fails &&
	while read -r v; do
		case $v in
		"plan --summary"|"csat report"|"qa report"|review*) continue ;;
		esac
		kam --format json $v >../json 2>/dev/null
		kam --format csv $v >../csv 2>../err
		rc=$?
		if test $rc != 0 && test $rc != 1; then
			echo "kam $v --format csv: exit $rc" >>../fails
			continue
		fi
		want=$(jq "if type == \"array\" then length else (.records | length) end" ../json)
		got=$(awk -f ../../shape.awk ../csv)
		case $got in
		"$want "[1-9]|"$want "[1-9][0-9]) ;;
		*) echo "kam $v: $want records in JSON, CSV: $got" >>../fails ;;
		esac
	done <../../verbs &&
	cat ../fails &&
	test ! -s ../fails
'

test_expect_success JQ 'CSV: a report of several tables refuses (64); --summary and csat report are one table' '
	cd acme &&
	test_expect_code 64 kam --format csv qa report >../out 2>/dev/null &&
	test ! -s ../out &&
	test_expect_code 64 kam --format csv review HEAD~20 >../out 2>/dev/null &&
	test ! -s ../out &&
	test "$(kam --format csv plan --summary | awk -f ../../shape.awk)" = "1 10" &&
	kam --format csv csat report >../csv &&
	test "$(awk -f ../../shape.awk ../csv)" = "$(($(wc -l <../csv) - 1)) 10"
'

test_done
